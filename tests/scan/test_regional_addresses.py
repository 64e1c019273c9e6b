"""Street and block shapes of South Asia, the Philippines and Brazil, and streets led by a
street word without a number (`regional_addresses`): each with look-alikes that must
stay quiet. Every example is made up here."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jupyter_safeai.scan import regional_addresses
from tests.scan.place_text import place_text


@pytest.mark.parametrize(("text", "address"), [
    ("Courier the kit to 27, Tendulkar Marg, Indore 452001 please.",
     "27, Tendulkar Marg, Indore|452001"),
    ("Her address is 12/340, Kapoor Chowk, Ludhiana", "12/340, Kapoor Chowk, Ludhiana"),
    ("Deliver to:\n58/12\nMalhotra Ganj", "58/12\nMalhotra Ganj"),
    ("He wrote from H.No. 44, Banerjee Nagar, Pune-411014.",
     "H.No. 44, Banerjee Nagar, Pune|411014"),
    ("send it to 9/77, varma colony, nagpur 440010 today", "9/77, varma colony, nagpur|440010"),
])
def test_a_south_asian_house_number_and_comma_before_its_street(
        text: str, address: str) -> None:
    assert place_text(text) == address


@pytest.mark.parametrize("text", [
    "See Figure 3, Station Road is drawn in red.",
    "Table 12, Ring Road traffic by hour",
    "results: 3, the Road Not Taken, 7",
    "x = [12, 14]\ny = 3, 4",
    "in 4, lower road counts were low",  # lower case without a PIN on the line
    "Step 2, Main Street data is cleaned.",
])
def test_south_asian_look_alikes_stay_quiet(text: str) -> None:
    assert place_text(text) == ""


@pytest.mark.parametrize(("text", "address"), [
    ("Ship to B12 L7 Sampaguita Subdivision, Dagohoy Street, Tarlac",
     "B12 L7 Sampaguita Subdivision, Dagohoy Street, Tarlac"),
    ("Address: Block 4 Lot 21 Mabini Homes Phase 2", "Block 4 Lot 21 Mabini Homes Phase 2"),
    ("Blk 9 Lot 3 Narra Village", "Blk 9 Lot 3 Narra Village"),
])
def test_a_philippine_block_and_lot(text: str, address: str) -> None:
    assert place_text(text) == address


@pytest.mark.parametrize("text", [
    "Lot 2345 expires 12/2026; Batch 77",
    "Plot B2 L3 against epoch",
    "Block 4 of the network feeds layer 3",
    "the fit used B 12 and L 7 as priors",
])
def test_block_and_lot_look_alikes_stay_quiet(text: str) -> None:
    assert place_text(text) == ""


@pytest.mark.parametrize(("text", "address"), [
    ("Travessa Moreira, 41\nVila Nova\n60320-105 Fortaleza / CE",
     "Travessa Moreira, 41\nVila Nova|60320-105|Fortaleza"),
    ("Parque Antunes\nJardim Sol\n60320-105 Fortaleza / CE",
     "Parque Antunes\nJardim Sol|60320-105|Fortaleza / CE"),
    ("Setor Bragança, Conjunto Ipê, 72015330 Taguatinga / DF",
     "Setor Bragança, Conjunto Ipê|72015330|Taguatinga / DF"),
    ("Could you check whether quadra tavares, 8, boa vista, 69301050 roraima / rr is ok?",
     "quadra tavares, 8, boa vista|69301050|roraima / rr"),
])
def test_a_brazilian_address_read_back_from_its_cep_town_and_state(
        text: str, address: str) -> None:
    assert place_text(text) == address


@pytest.mark.parametrize("text", [
    "ratio 12345678 rows / SP columns",  # no town words between the number and the slash
    "a / b and c / d",
    "2023-10-01 runtime / PR review",
])
def test_brazilian_tail_look_alikes_stay_quiet(text: str) -> None:
    assert place_text(text) == ""


@pytest.mark.parametrize(("text", "street"), [
    ("ship to Strada Morilor, Brasov asap", "Strada Morilor"),
    ("Ela mora na Rua das Palmeiras perto do parque.", "Rua das Palmeiras"),
    ("meet me on Calle Almendro after work", "Calle Almendro"),
    ("She moved to Bulevardul Unirii The flat is small", "Bulevardul Unirii"),
])
def test_a_street_word_before_a_name_without_a_number(text: str, street: str) -> None:
    assert place_text(text) == street


@pytest.mark.parametrize("text", [
    "5. A. Rua Mendes, B. Okafor and C. Lee, Phys. Rev. 12 (2020).",  # an author
    "strada is the Italian word for road",
    "Calle the function with care",  # no capitalised name after the word
    "The Piazza in the model is a square grid.",
])
def test_street_word_look_alikes_stay_quiet(text: str) -> None:
    assert place_text(text) == ""


@pytest.mark.parametrize(("text", "address"), [
    ("Post it to Flat 9, House No. 31, RahimGanj Para.", "Flat 9, House No. 31, RahimGanj Para"),
    ('{"addr": "Studio 2, Holding No. 8, KaziTala, Jessore"}',
     "Studio 2, Holding No. 8, KaziTala, Jessore"),
    ("ship to apartment 4, holding no. 71, north karimpur, lakshmipur, 3702 asap",
     "apartment 4, holding no. 71, north karimpur, lakshmipur|3702"),
    ("Building No. 12, Noor Plaza, Sylhet", "Building No. 12, Noor Plaza, Sylhet"),
])
def test_a_house_label_with_its_flat_or_two_parts_and_no_postcode(
        text: str, address: str) -> None:
    assert place_text(text) == address


@pytest.mark.parametrize("text", [
    "Vol. 12, House No. 3, Springer, Berlin, 2019",  # a reference ending in a year
    "house no. 5, then we went home",
    "Flat 3, House No. 2",  # nothing after the house
    "Plot No. 7, Figure Two",  # a plot's number, no house
    "see holding no. 4, the main one",
])
def test_house_label_look_alikes_stay_quiet(text: str) -> None:
    assert place_text(text) == ""


@pytest.mark.parametrize(("text", "address"), [
    ("ship to kovářská 17, 602 00 brno today", "kovářská 17|602 00|brno"),
    ("adresa: lipová 5, 31000 osijek", "lipová 5|31000|osijek"),
    ("- horná 214b, 811 02 bratislava\n- the pharmacy", "horná 214b|811 02|bratislava"),
    # a word of the sentence that is no lemma (`admitted`, `treated`) before the preposition
    ("she was admitted to kovářská 17, 602 00 brno on monday", "kovářská 17|602 00|brno"),
    ("he was referred to lipová 5, 310 00 osijek", "lipová 5|310 00|osijek"),
    ("kids playing near horná 214b, 811 02 bratislava", "horná 214b|811 02|bratislava"),
    # Poland's and Austria's, Belgium's, Switzerland's codes; a town of other letters
    # whose first word is English (`nova`)
    ("wysłać do: różana 12/4, 31-542 kraków", "różana 12/4|31-542|kraków"),
    ("she lives at jiráskova 21, 8010 graz", "jiráskova 21|8010|graz"),
    ("moved to pejačevića 8, 34000 nova gradiška last year",
     "pejačevića 8|34000|nova gradiška"),
])
def test_a_lower_case_name_first_street_before_a_postcode_and_a_town(
        text: str, address: str) -> None:
    assert place_text(text) == address


@pytest.mark.parametrize("text", [
    "the relu 3, 10000 units and conv 5, 12800 filters",
    "batch 32, 50000 samples per epoch",
    "resnet 50, 25557 params in total",  # no town GeoNames knows, no letter English lacks
    "kmeans 8, 10000 iterations",
    "we trained resnet 50, 25557 params in total",
    "admitted to ward 7, 120 00 beds were full",  # an English word right before the number
    "results for relu 3, 10000 units were reported",
    "kapitola 3, 2019 vydání",  # a year before a word of other letters
    "layer 4, 12-345 samples",
    "the relu 3, 1024 units",
])
def test_lower_case_look_alikes_stay_quiet(text: str) -> None:
    assert place_text(text) == ""


@pytest.mark.parametrize(("text", "address"), [
    ("post to 18 banksia parade, north ryde, nsw, 2113 today",
     "18 banksia parade, north ryde, nsw, 2113"),
    ("- 7/42 wattle grove, kingsford, wa, 6030\n- the bank",
     "7/42 wattle grove, kingsford, wa, 6030"),
])
def test_an_australian_address_in_lower_case(text: str, address: str) -> None:
    assert place_text(text) == address


@pytest.mark.parametrize("text", [
    "we ran 3 test cases, then sa, 2000 times",
    "ratio: act, 2000 rows in 12 parade tables",  # the street after the tail
    "the 4 nearest points, vic, 2001 samples",  # no street word before the comma
])
def test_lower_case_australian_look_alikes_stay_quiet(text: str) -> None:
    assert place_text(text) == ""


# Blocks and lots and their near misses: each form's words in each case, initials, the
# blank or comma before the lot, subdivision names, and letters that end a match.
_BLOCK_PIECES = ["Block", "BLOCK", "block", "Blk.", "blk", "B", "b", "Lot", "LOT", "lot", "L",
                 "l", "12", "3a", "7", " ", ",", ", ", "Larson", "Subdivision", "olson homes",
                 "x", "é", "-", "."]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_BLOCK_PIECES), max_size=12).map("".join))
@example("B03 L69 Larson Subdivision")
@example("block 2, lot 3 olson homes")
def test_blocks_and_lots_read_only_where_a_lot_follows_a_blank(text: str) -> None:
    """A text without ` L` or ` lot` is not searched: no match lacks one."""
    assert list(regional_addresses.blocks_and_lots(text)) == [
        m.span() for m in regional_addresses._BLOCK_AND_LOT.finditer(text)]


def _ambiguous(text: str) -> list[str]:
    return [text[start:end] for start, end in regional_addresses.ambiguous_suffix_streets(text)]


@pytest.mark.parametrize(("text", "street"), [
    ("Parcel for 58 Whitcombe Cross, Te Puke 3119 arrived", "58 Whitcombe Cross"),
    ("She moved to 12 Harriet Quadrant last spring.", "12 Harriet Quadrant"),
    ("3/14 Margaret Arcade", "3/14 Margaret Arcade"),
    ("Address: 771 Donovan Dell", "771 Donovan Dell"),
    ("the bill went to 40 Okafor Cutting, RD 2, Riverton 9822", "40 Okafor Cutting"),
])
def test_a_number_first_street_with_an_ambiguous_suffix_named_after_someone(
        text: str, street: str) -> None:
    assert street in _ambiguous(text)


@pytest.mark.parametrize("text", [
    "We used 5 Fold Cross validation on the data.",
    "Lab 4 Bell Circuit was due on Friday.",
    "2 Simple Approach to dynamic programming",
    "Chapter 3 Signaling Pathway",
    "Go to 3 Kubernetes Pod Ring",
    "switch to 3 Phase Steps then 4 Final Round",
    "He scored 34 Atkinson Cross-checks in the log",
    "after 12 Harriet Quadrant readings the sensor drifted",
])
def test_an_ambiguous_suffix_in_prose_is_no_street(text: str) -> None:
    assert _ambiguous(text) == []
