"""The facility recognizer reads its pattern only around facility words: it finds what the
pattern finds over the whole text, wherever no match is longer than the window it reads
(a proper name of more than 160 characters before `Hospital` is no facility's)."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from jupyter_safeai.scan import facilities

# Proper words, facility words and their near misses, and what may stand between them;
# up to 80 pieces, so that texts run past the window the fast path reads.
_PIECES = ["St.", "Saint", "Mt.", "Mount", "Luke's", "Cleveland", "UCLA", "Mass", "of", "the",
           "Hospital", "Hospitality", "Clinic", "Medical", "Center", "Med", "Ctr", "Health",
           "Care", "Healthcare", "Sinai", "General", "Home", "Rehab", "Hosp", "Institute",
           "Zyxwvutsrq", "Qwerty-", "é", "Ä", "x", "seen", "at", " ", " ", " ", "  ",
           "\n", ",", ".", "-", "'"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=80).map("".join))
@example("seen at St. Luke's Hospital and Mount Sinai, then Mass General.")
@example("Kx " * 60 + "Saint Ann's Infirmary Health Care, " * 4)
def test_the_windowed_search_finds_what_the_whole_search_finds(text: str) -> None:
    whole = [m.span() for m in facilities._FACILITY.finditer(text)]
    if all(end - start <= 160 for start, end in whole):
        assert [m.span() for m in facilities._facility_matches(text)] == whole
