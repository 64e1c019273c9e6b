"""Phone numbers in prose without a phone word, in the layouts people dial them, and the
numbers that only look like one (dates, versions, ranges, ISBNs, measurements) that must
stay quiet. All numbers are made up here."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan import scan_text
from jupyter_safeai.scan.phones import dialled_at_home
from tests.scan.found_text import texts_of

PHONES = {"PHONE_NUMBER", "FAX_NUMBER"}


phone_values = texts_of(scan_text, *PHONES)


@pytest.mark.parametrize("number", [
    "(617) 432-1876", "617.432.1876", "+1-617-432-1876", "001-617-432-1876",
    "001-617-432-1876x2210", "617-432-1876 ext. 12", "+44 20 7946 0321",
    # a country's own layout, trunk 0 first
    "0151 496 0732", "(0131) 496 0812", "020 7946 0321", "090-8219-4417",
    "06 12 34 56 78", "06031 372159", "(03).6018.1590",
    # the international 00 instead of +
    "00420 602 385 280", "0049 30 1234 5678",
])
def test_a_dialled_number_without_a_label_is_a_phone(number: str) -> None:
    text = f"Left a message at {number} yesterday, nobody answered."
    assert any(number in value for value in phone_values(text)), number


@pytest.mark.parametrize("text", [
    "The cohort ran 2018-2019 and again 2020-2021.",
    "Upgraded to 10.0.19041.1 and 3.11.4 last week.",
    "ISBN 978-0-306-40615-7 and 0-306-40615-2 are cited.",
    "Samples were taken on 05-03-2019 12:30 and 01.02.2020.",
    "The site is at 40.7128, -74.0060 on the map.",
    "Tumour measured 744 921 7847 mm in the phantom.",
    "Counts: 0123 4567 8901 2345 reads across lanes.",
    "The zip was 02115-1234, the DOI 10.1093/512345.",
    "row 012 034 056 078 of the padded table",
    "shape = (0, 128, 1024)",
    "timestamps 1700000000 1700000300 1700000600",
])
def test_numbers_that_only_look_dialled_stay_quiet(text: str) -> None:
    assert phone_values(text) == []


def test_national_layout_must_match_the_country_grouping() -> None:
    assert dialled_at_home("0151 496 0732")
    assert not dialled_at_home("015 14960 732")  # the same digits, no country's groups
    assert not dialled_at_home("0000 0000 0000")
    assert not dialled_at_home("05-03-2019")
    assert dialled_at_home("021 276 842")  # Croatia's 3-3-3 after the trunk 0
    assert not dialled_at_home("034 00 1234")  # an SSN's 3-2-4


@pytest.mark.parametrize("text", [
    "driver license no. 097 100 906 on file",
    "Policy number 021 276 842 renewed.",
])
def test_a_3_3_3_number_after_an_identifier_label_is_no_phone(text: str) -> None:
    assert phone_values(text) == [], text


@pytest.mark.parametrize("text, value", [
    ("Pager x4-5678 if the drip runs dry", "x4-5678"),
    ("Dr. Ruiz at ext 45678 tonight", "ext 45678"),
    ("reach the charge nurse on extension 4-5521", "extension 4-5521"),
    ("please call back at 617-432-1876 after rounds", "617-432-1876"),
    ("his beeper 55037 for consents", "55037"),
    # a pager as notes shorten it, before a whole number
    ("NEURO: FAMILY AWARE. PG 6174325520", "6174325520"),
    ("resident pgr: 617 432 5520 overnight", "617 432 5520"),
])
def test_hospital_extensions_pagers_and_call_backs(text: str, value: str) -> None:
    assert value in phone_values(text)


@pytest.mark.parametrize("text", [
    "y = x4-5678", "renamed the file extension 2019", "ext 4 of the tube",
    "we call 3 times a day", "x = a[1]-4567",
    "saved as plot.jpg 20230101 after the upgrade 1234567",  # `pg` inside a word
    "see pg. 1023-1045 of the report",  # `pg.`: a page
])
def test_extension_look_alikes_stay_quiet(text: str) -> None:
    assert phone_values(text) == []


def test_a_unit_after_the_digits_is_a_measurement_not_a_phone() -> None:
    assert phone_values("reads 617 432 1876 mm") == []
    assert phone_values("office 617-432-1876 M-F") == ["617-432-1876"]


@pytest.mark.parametrize("text, value", [
    ("social: pt's son, Milo, (312555-7781) visited", "(312555-7781)"),
    ("will ring his wife at 432-1876 tonight", "432-1876"),
    ("daughter Ines 617 432-1876 wants updates", "617 432-1876"),
])
def test_a_number_shortly_after_a_relative_is_a_phone(text: str, value: str) -> None:
    assert value in phone_values(text)


@pytest.mark.parametrize("text", [
    "her son was born 1998-2001 in Leeds",
    "the daughter cells 2019.1234 divided",
    "432-1876 rows were dropped",  # no relative: a bare 3-4 is nothing
    "wife at 555-0172 in the story",  # kept for fiction
])
def test_no_relative_or_no_number_stays_quiet(text: str) -> None:
    assert phone_values(text) == []


@pytest.mark.parametrize("number", [
    "(207) 190-4415 x318",  # an exchange NANP does not give out, but an extension
    "+1-239-019-4471",  # and the country code
    "+90(312)417-2290x204",
])
def test_a_marked_us_layout_is_a_phone_whatever_its_digits(number: str) -> None:
    assert phone_values(f"She said {number} works.") == [number]


@pytest.mark.parametrize("text", [
    "sample text: (123) 456-7890 x12",  # the well-known placeholder
    "see (555) 555-5555 ext 1",
    "a row 207-190-4415 of codes",  # no mark, digits NANP never gives out
])
def test_placeholders_and_unmarked_undiallable_numbers_stay_quiet(text: str) -> None:
    assert phone_values(text) == []


def test_dates_before_a_phone_do_not_use_up_its_look_ups() -> None:
    """Only shapes that may be a phone cost a look-up, so a note's many dates before a
    number leave it its turn."""
    dates = " ".join(f"seen 0{day}/0{day}/2021," for day in range(1, 10)) * 2
    text = f"{dates} then reachable on 0151 496 0732 most days."
    assert "0151 496 0732" in phone_values(text)


@pytest.mark.parametrize("number", [
    "(351) 213 735 379",  # Portugal's code in brackets, no `+`
    "(44) 20 7946 0321",
    "(49) 30 1234 5678",
    "+(370) 612 34567",  # the `+` before the brackets
    "+(371) 2601 8159",
])
def test_a_country_code_in_brackets_makes_a_phone(number: str) -> None:
    text = f"She wrote {number} on the card for the ward."
    assert any(number in value for value in phone_values(text)), number


@pytest.mark.parametrize("text", [
    "see (12) 345 678 items in the table",
    "shape (3) 128 256 of the tensor",
    "the term (1) 617 432 1876 is NANP, read elsewhere",
    "f(2) 1024 2048 4096 doubles",
    "(99) 12 34 56 in the list",
])
def test_brackets_that_hold_no_country_code_stay_quiet(text: str) -> None:
    from jupyter_safeai.scan.phones import _CODE_IN_BRACKETS, _country_code_of, _digits

    assert not any(_country_code_of(m.group("code"), _digits(m.group("rest")))
                   for m in _CODE_IN_BRACKETS.finditer(text)), text


@pytest.mark.parametrize("number", ["+992 372 75 8979", "+688 90 6711", "+45 33 33 00 40"])
def test_a_valid_international_number_is_a_phone_whatever_its_tail_looks_like(
        number: str) -> None:
    text = f"Landline {number}, no mobile known."
    assert number in phone_values(text), text


def test_an_ssn_beside_an_international_number_stays_an_ssn() -> None:
    text = "SSN 372-75-8979, landline +44 20 7946 0321."
    assert phone_values(text) == ["+44 20 7946 0321"]
    assert texts_of(scan_text, "US_SSN")(text) == ["372-75-8979"]


@pytest.mark.parametrize("number", ["(11) 97315-2804", "(21) 3342-7719", "(47)98831-0462"])
def test_a_brazilian_number_with_its_bracketed_area_code_is_a_phone_not_a_zip(
        number: str) -> None:
    text = f"Ask them to use {number} rather than the old one."
    assert any(number in value for value in phone_values(text)), number
    assert not texts_of(scan_text, "ZIP_CODE")(text)


@pytest.mark.parametrize("text", [
    "Table (12) 12345-6789 lists the sample ids.",
    "items (10) 01234-5678 were returned",
    "see rows (11) 99254-49921 in the sheet",
])
def test_a_bracketed_count_before_digits_is_no_brazilian_phone(text: str) -> None:
    assert phone_values(text) == []


def test_an_area_code_in_square_brackets_is_a_phone() -> None:
    assert phone_values("I tried [415] 839-2271 but nobody answered.") == ["[415] 839-2271"]


@pytest.mark.parametrize("text", [
    "x = arr[415] 839-2271", "sizes 250/500-1000 were tried", "see refs [123] 456-7890",
])
def test_square_brackets_and_slashes_in_code_and_ranges_are_no_phone(text: str) -> None:
    assert phone_values(text) == []
