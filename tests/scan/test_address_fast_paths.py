"""The address block recognizer's fast paths find what its patterns find everywhere."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jupyter_safeai.scan import address_blocks, places
from jupyter_safeai.scan.recognizer import matches_at

# Name-first streets and their near misses, with non-ASCII capitals, letters and digits
# (`Ä`, `é`, `٣`, an astral capital and digit), marks, and what may not come before one.
_PIECES = ["Calle", "Villacher", "Strasse", "Harbour", "Row", "Ä", "é", "\u0301", "’", "'",
           ".", "-", "_", "12", "5", "٣", "\U0001d7ce", "\U0001d400", " ", "  ", "\n", "a",
           "x1", "ul.", "Leon", "and", "on", "No", "b"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
@example("deliver to Villacher Strasse 89 today")
@example("x-Harbour Row 5 and Éire Street 12a.")
def test_name_first_starts_give_every_name_first_street(text: str) -> None:
    starts = [m.start() for m in address_blocks._NAME_FIRST_START.finditer(text)]
    assert ([m.span() for m in matches_at(address_blocks._NAME_FIRST_STREET, text, starts)]
            == [m.span() for m in address_blocks._NAME_FIRST_STREET.finditer(text)])


# International streets (`28245 Puruntie 82`, `772 ul. Narewska 94`) and their near misses:
# a number after `.`, `,`, `-` or a letter, a month after the number, a second number,
# non-ASCII and astral digits and capitals.
_INTERNATIONAL_PIECES = ["28245", "772", "010 63", "5", "12a", "٣", "\U0001d7ce", "\U0001d400",
                         "Ä", "é", " ", "  ", "\n", ".", ",", "-", "x", "ul.", "ul", "rue",
                         "via", "av.", "Av", "Puruntie", "Narewska", "Avenue du Golf", "November",
                         "Nov 2001", "94", "82.", "/3", "_"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_INTERNATIONAL_PIECES), max_size=12).map("".join))
@example("28245 Puruntie 82")
@example("1610 ul. Zakrzowska 92, 010 63 Avenue du Golf Arabe 5")
@example("x.772 ul. Narewska 94 and 22 November 2001")
def test_international_starts_give_every_international_street(text: str) -> None:
    """The place reader's one pass of the digits finds where every international street
    starts (a text with astral characters: everywhere, None)."""
    starts = places.international_starts(text)
    assert (starts is None) == any(ord(c) > 0xFFFF for c in text)
    street = address_blocks._INTERNATIONAL_STREET
    found = street.finditer(text) if starts is None else matches_at(street, text, starts)
    assert [m.span() for m in found] == [m.span() for m in street.finditer(text)]


_CUE_PIECES = ["address", "ADDRESS is", "lives at", "send it to", "send the parcel to",
               "meet me at", "Station is on", "ship to", "it is", ":", " ", "  ", "\n", ",",
               "the", "x", "é", "-", "…"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_CUE_PIECES), max_size=8).map("".join))
@example("the office is at: ")
def test_the_backward_cue_search_agrees_with_the_forward_one(before: str) -> None:
    assert (address_blocks._CUE_BACKWARDS.search(before) is None) == (
        address_blocks._CUE.search(before) is None)


#: One phrase of each branch of `_CUE`, in the case it is written and in capitals.
_CUE_PHRASES = ["address", "addresses is", "addr", "adresa", "adresse", "Anschrift",
                "dirección", "direccion", "indirizzo", "endereço", "osoite", "domicilio",
                "lives at", "live at", "living at", "resides at", "located at",
                "office is at", "meet me at", "shipped to", "delivered to", "mailed to",
                "send the big box to", "taxi to", "drops you off at", "billing", "shipping",
                "residence", "here they are", "moved to", "it is", "return to",
                "meet them at", "store is on", "house is at"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from([*_CUE_PIECES, *_CUE_PHRASES, "İ", "ſ", "\u212a", "K", "ı",
                                 "é", "Straße"]), max_size=8).map("".join))
@example("Shipped to: ")
@example("ſhip to ")  # a long s: matched as `s`, which `str.lower` does not see
def test_the_cue_words_send_every_cue_to_the_search(before: str) -> None:
    assert address_blocks._cue_before(before) == (
        address_blocks._CUE_BACKWARDS.search(before) is not None)


@pytest.mark.parametrize("phrase", _CUE_PHRASES)
def test_every_branch_of_the_cue_holds_a_cue_word(phrase: str) -> None:
    for before in (phrase + ": ", phrase.upper() + " "):
        assert address_blocks._CUE_BACKWARDS.search(before) is not None
        assert address_blocks._cue_before(before)


# The start of regions' names in any case, near misses, and the letters a case-insensitive
# match folds to ASCII (`K`, `ſ`, `İ`).
_REGION_PIECES = ["Ne", "NE", "ne", "Netherlands", "United Kingdom", "UK", "uk", "Colorado",
                  "colorado springs", "Côte d'Ivoire", "Åland", "Kenya", "\u212aenya", "ſ",
                  "İ", "ı", "Suite 4", "12345", " ", ",", "x", "é", "Ω", "\n"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_REGION_PIECES), max_size=5).map("".join),
       st.integers(min_value=0, max_value=3))
@example("\u212aenya", 0)
@example("saudi arabia", 0)
def test_no_region_starts_where_its_opening_says_none_can(text: str, at: int) -> None:
    if address_blocks._regions().match(text, at) is not None:
        assert address_blocks.may_start_region(text, at)


def test_every_region_name_opens_as_written_in_any_case() -> None:
    for name in address_blocks._region_names():
        for written in (name, name.upper(), name.lower()):
            assert address_blocks.may_start_region(written, 0)
