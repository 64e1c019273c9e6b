"""Searches made in one pass, or from the text's shape, find what the searches they
stand for found: the line ends a wrapped value or word may stand at (`normalise`), the
case-toggled words the name reader capitalises (`names._toggled`). Each is compared with
the plain reading on made-up text, inside a scan (the shape is the scan's) and outside."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jupyter_safeai.scan import names
from jupyter_safeai.scan.memo import Memo
from jupyter_safeai.scan.normalise import _WRAP_ENDS, _WRAP_RESUMES, _wrap_edits, normalise


def _wrap_edits_kind_by_kind(text: str) -> list[tuple[int, int, str]]:
    """The reading `_wrap_edits` stands for: each line end of `_WRAP_ENDS` found by
    `str.find` in turn, a kind whose first is at the text's start read no further."""
    edits = []
    for end in _WRAP_ENDS:
        at = text.find(end)
        while at > 0:
            resume = _WRAP_RESUMES.match(text, at + len(end))
            if resume is not None:
                before, after = text[at - 1], text[resume.end()]
                if before.isdigit() and after.isdigit():
                    edits.append((at + 1, resume.end(), ""))
                elif end[0] == "-" and before.isalpha() and after.islower():
                    edits.append((at, resume.end(), ""))
            at = text.find(end, at + 1)
    return edits


_WRAP_PIECES = ["-", ".", "/", "\n", "\r\n", "\r", " ", "\t", "a", "Q", "4", "7", "_", "é",
                "Gar", "cia", "123-45", "6789", "mgh", "org"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_WRAP_PIECES), max_size=16).map("".join))
def test_wrap_edits_in_one_pass_are_those_found_kind_by_kind(text: str) -> None:
    assert sorted(_wrap_edits(text)) == sorted(_wrap_edits_kind_by_kind(text))


def test_a_wrapped_value_and_word_are_joined() -> None:
    assert normalise("SSN 123-45-\n6789 on file").text == "SSN 123-45-6789 on file"
    assert normalise("Mrs. Gar-\ncia called").text == "Mrs. Garcia called"
    assert normalise("Mrs. Gar-\r\ncia called").text == "Mrs. Garcia called"
    # a hyphen before a capital, a full stop after a word: lines, not a wrap
    assert normalise("Plan-\nNext visit").text == "Plan-\nNext visit"
    assert normalise("Seen today.\nfollow up").text == "Seen today.\nfollow up"


def test_a_wrap_end_opening_the_text_stops_its_kind_as_before() -> None:
    # the first `-⏎` opens the text: no `-⏎` is read (the find of that kind began and
    # ended there); a `.⏎` of another kind still is
    text = "-\nGar-\ncia and 12.\n34"
    assert sorted(_wrap_edits(text)) == sorted(_wrap_edits_kind_by_kind(text))
    assert [edit[0] for edit in _wrap_edits(text)] == [text.index(".\n") + 1]


def _toggled_by_search(text: str) -> list[tuple[int, int]]:
    spans, at = [], 0
    while (match := names._TOGGLED.search(text, at)) is not None:
        spans.append(match.span())
        at = match.end()
    return spans


_TOGGLE_PIECES = ["a", "B", "c", "D", "_", "1", " ", "é", "É", "ſ", "\u212a", "aBcD",
                  "rAcHeL", "RoDrIgUeZ", "x", "-", "'", "\n", "😀"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_TOGGLE_PIECES), max_size=12).map("".join))
def test_toggled_words_from_the_shape_are_those_searched(text: str) -> None:
    expected = _toggled_by_search(text)
    assert [m.span() for m in names._toggled(text)] == expected
    with Memo().scan():  # the scan's shape
        assert [m.span() for m in names._toggled(text)] == expected


def test_toggled_names_are_read_capitalised() -> None:
    text = "Pt rAcHeL RoDrIgUeZ seen today; model aBcD9 and x_aBcD are tokens."
    untoggled = names._untoggled(text)
    assert len(untoggled) == len(text)
    assert "Rachel Rodriguez" in untoggled
    assert "aBcD9" in untoggled and "x_aBcD" in untoggled
    plain = "Rachel Rodriguez, McDonald and iPhone"
    assert names._untoggled(plain) is plain  # none toggled: the text itself
