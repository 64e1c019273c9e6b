"""`creators._owner_ends` finds where a capitalised word and a work noun after it end,
as the plain pattern it replaced does."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from jupyter_safeai.scan import creators
from jupyter_safeai.scan.recognizer import trie

#: The plain form: from every capital, a word, a blank and a work noun.
_PLAIN = re.compile(r"[A-Z][a-z'’.-]* (?:" + trie(creators._WORKS) + r")(?![a-z])")

_PIECES = ["A", "Tove", "Lind", "McCartney", "O'Neil", "Dahl’s", "st.", "-", " ", "  ", "song",
           "songs", "songwriter", "version", "concert", "book", "the", "a", "É", "é", "Ölund",
           "\n", "x", "TOVE", "play", "plays", "1", ".", "show"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
@example("")
@example("the Tove Lind concert")
@example("A song")
@example("McCartney song")
@example("Éric song")
@example("the Sigrun Dahl version song book")
@example("aTove songwriter song")
def test_owner_ends_are_the_plain_matches_ends(text: str) -> None:
    assert list(creators._owner_ends(text)) == [m.end() for m in _PLAIN.finditer(text)]
