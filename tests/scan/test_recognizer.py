"""The pattern-recognizer machinery: label search, anchors and shared lower-casing give
the same matches as trying every position, only faster."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jupyter_safeai.scan.recognizer import (
    PatternRecognizer,
    anchor_starts,
    context_regex,
    matches_at,
)

LABELS = context_regex(["mrn", "medical record number", "mr#", "d.o.b", "a/c", "record no"])
# The slow form: look behind at every position, on lower-cased text.
SLOW_LABELS = re.compile(
    r"(?<![a-z])(?:medical[\s_-]*record[\s_-]*number|record[\s_-]*no|d\.o\.b|mr\#|mrn|a/c)"
    r"(?![a-z])")
LABEL_TEXT = st.lists(st.sampled_from(
    ["mrn", "MRN", "medical", " record ", "number", "no", "mr#", "d.o.b", "a/c", "x", "_", "-",
     " ", "\n", "9", ":", "İ"]), max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(LABEL_TEXT, st.integers(0, 20), st.integers(0, 60))
def test_label_search_finds_what_a_full_scan_finds(text: str, pos: int, endpos: int) -> None:
    lowered = text.lower()
    if len(lowered) != len(text):
        return  # such texts take the case-insensitive pattern, tested below
    expected = [m.span() for m in SLOW_LABELS.finditer(lowered, pos, endpos)]
    assert [m.span() for m in LABELS.finditer(text, pos, endpos)] == expected
    assert [m.span() for m in LABELS.finditer(text, pos, endpos, lowered=lowered)] == expected


def test_label_search_on_text_whose_length_changes_when_lower_cased() -> None:
    text = "İ MRN: 00483920"
    assert [text[m.start():m.end()] for m in LABELS.finditer(text)] == ["MRN"]


def test_label_words_are_whole_words() -> None:
    assert [m.group() for m in LABELS.finditer("smrn mrn2 a/c mrnx")] == ["mrn", "a/c"]


SAMPLE = re.compile(r"(?<![A-Za-z])(?i:sample|subj(?:ect)?)[-_]\d{3,}")
ANCHORED = PatternRecognizer("SAMPLE_ID", "genomic", SAMPLE, 0.7, anchors=("sample", "subj"))
PLAIN = PatternRecognizer("SAMPLE_ID", "genomic", SAMPLE, 0.7)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(
    ["sample", "SAMPLE", "Subject", "subj", "_", "-", "123", "4567", "x", " ", "ſample",
     "İ", "\u212a", "é"]), max_size=10).map("".join))
def test_anchored_pattern_finds_what_a_full_scan_finds(text: str) -> None:
    assert list(ANCHORED.find(text)) == list(PLAIN.find(text))


@pytest.mark.parametrize(("text", "expected"), [
    ("Sample_0042 and SUBJECT-123", [0, 16]),
    ("ſample_0042", None),  # the long s matches `s` case-insensitively: scan every position
    ("İ sample_001", None),  # lower-casing İ adds a character: offsets would move
])
def test_anchor_starts(text: str, expected: list[int] | None) -> None:
    assert anchor_starts(text, text.lower(), ("sample", "subj")) == expected


def test_matches_at_is_finditer_restricted_to_the_starts() -> None:
    pattern = re.compile(r"ab+")
    text = "abbb ab xab abab"
    everywhere = list(range(len(text)))
    assert [m.span() for m in matches_at(pattern, text, everywhere)] == [
        m.span() for m in pattern.finditer(text)]
    assert [m.span() for m in matches_at(pattern, text, [5, 14])] == [(5, 7), (14, 16)]
