"""Addresses typed all in lower case: a street read with the postcode and town (or the
state and ZIP) that end its address, where the case cannot tell a street's name."""

from __future__ import annotations

import pytest

from tests.scan.place_text import place_text


@pytest.mark.parametrize(("text", "address"), [
    ("please mail it to 4120 oakridge parkway, east brandon, tx 75001 today",
     "4120 oakridge parkway, east brandon, tx|75001"),
    ("her home: 77 quiet meadow lane, port mirabel, or 97002",
     "77 quiet meadow lane, port mirabel, or|97002"),
    ("1808 salas terrace, lake yvonne, gu 96910", "1808 salas terrace, lake yvonne, gu|96910"),
    ("we shipped to 6 kelso crossing apt. 12, new albury, ia 50021 with care",
     "6 kelso crossing apt. 12, new albury, ia|50021"),
])
def test_a_lower_case_us_address_ends_in_its_state_and_zip(text: str, address: str) -> None:
    assert place_text(text) == address


@pytest.mark.parametrize(("text", "address"), [
    ("post it to 58 harbour way, kingsbridge, tq7 1aa please",
     "58 harbour way, kingsbridge|tq7 1aa"),
    ("new address: 1200 maple avenue, red deer, ab t4n 5e1",
     "1200 maple avenue, red deer, ab|t4n 5e1"),
    ("vive en pasaje los olmos 214, valencia, 46010 desde marzo",
     "pasaje los olmos 214, valencia|46010"),
])
def test_a_lower_case_address_that_ends_in_another_country_s_postcode(
        text: str, address: str) -> None:
    assert place_text(text) == address


@pytest.mark.parametrize(("text", "address"), [
    ("neue adresse: lindenallee 14, 50668 köln", "lindenallee 14|50668|köln"),
    ("er wohnt jetzt in rosenstraße 3a, 80331 münchen.", "rosenstraße 3a|80331|münchen"),
    ("skickas till björkvägen 12, 41318 göteborg", "björkvägen 12|41318|göteborg"),
    ("address - nørregade 12, 1165 københavn k", "nørregade 12|1165|københavn k"),
    # a Dutch postcode's letters are the code's, not the town's, with or without a comma
    ("stuur het naar kastanjelaan 7, 3512ab, utrecht", "kastanjelaan 7|3512ab|utrecht"),
    ("we visited tulpdreef 40, 6871 gk, renkum last week", "tulpdreef 40|6871 gk|renkum"),
    ("the office at meidoornring 3, 5611 ps eindhoven is shut",
     "meidoornring 3|5611 ps|eindhoven"),
    # two letters of English after four digits end the address: no Dutch code
    ("seen at 27 awaiti street, smithton 9363 on monday", "27 awaiti street, smithton|9363"),
])
def test_a_lower_case_name_first_street_before_its_postcode_and_town(
        text: str, address: str) -> None:
    assert place_text(text) == address


@pytest.mark.parametrize("text", [
    "we trained 3 models, 12 epochs, in 12345 steps",
    "split 80 train avenue, 20 test, or 10000 rows",
    "the ring 3, 1024 bytes and buffer 2, 2048 words",
    "see weg 3, 1024 samples",
    "section 3, part 2 of the manual; table 4, 2020 figures",
    "v 1.2.3, 20230101 build",
    "we ran 3 big loops, on mac m1 2gb each",
    "see calle 3, table 2, 2048 rows",
    "the string 3, 1024 mb, buffer and a spring 2, 2048 kb, cache",
    "layer 4, 2048 mb, then batch 8, 1024 px, resized",
])
def test_lower_case_look_alikes_stay_quiet(text: str) -> None:
    assert place_text(text) == ""


@pytest.mark.parametrize(("text", "address"), [
    ("she moved to brackenford, nj 07415 last year", "brackenford|07415"),
    ("greywell, mn 55874", "greywell|55874"),
    ("forward the records to little rock, ar 72201-4410 please", "little rock|72201-4410"),
])
def test_a_lone_lower_case_town_state_and_zip(text: str, address: str) -> None:
    assert place_text(text) == address


@pytest.mark.parametrize("text", [
    "the end, ca 12345 rows were dropped",
    "we ran the sweep, tx 10000 times",
    "batch 32, or 65536 tokens",
    "use the default, il 10000 is fine",
])
def test_a_lower_case_phrase_a_code_and_a_number_is_no_town_and_zip(text: str) -> None:
    assert place_text(text) == ""


@pytest.mark.parametrize(("text", "box"), [
    ("po box 4410", "po box 4410"),
    ("send it to p.o. box 77 please", "p.o. box 77"),
    ("P.O. BOX 912", "P.O. BOX 912"),
])
def test_a_post_box_typed_in_lower_case_or_capitals(text: str, box: str) -> None:
    assert place_text(text) == box


@pytest.mark.parametrize("text", ["the box 12 was empty", "mailbox 3 is full",
                                  "xbox 360 games", "pobox 3"])
def test_a_box_that_is_no_post_box(text: str) -> None:
    assert place_text(text) == ""
