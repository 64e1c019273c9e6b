"""The address block recognizer's fast paths find what its patterns find everywhere."""

from __future__ import annotations

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
