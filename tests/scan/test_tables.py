"""Tables printed as text: values under an identifying header are findings."""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from jupyter_safeai.scan.tables import (
    _ALNUM,
    _LAYOUT,
    _SEPARATORS,
    _WIDE_FIELD,
    _WIDE_GAP,
    TextTableRecognizer,
    _header,
    _read_header,
)
from tests.scan.found_text import pairs_of

TABLES = TextTableRecognizer()


found = pairs_of(TABLES.find)


def test_fixed_width_header_names_its_columns() -> None:
    text = "   mrn       glucose\n0  00483920  142\n1  00519311  98\n"
    assert found(text) == [("MEDICAL_RECORD_NUMBER", "00483920"),
                           ("MEDICAL_RECORD_NUMBER", "00519311")]


def test_prose_line_is_no_header() -> None:
    assert found("mrn and glucose were checked\n00483920 142\n") == []


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=["a", "b", " ", "\t", "\n", "\u00a0", "\u2028", "\r"], max_size=12))
def test_wide_gap_says_when_a_line_has_two_fixed_width_fields(line: str) -> None:
    """The header check skips a line without a gap; with one it is read as before."""
    assert bool(_WIDE_GAP.search(line)) == (len(list(_WIDE_FIELD.finditer(line))) >= 2)


def test_a_row_that_does_not_fit_is_read_again_as_a_header() -> None:
    text = "mrn,glucose\n00483920,142\n   ssn          age\n0  219-09-9999  95\n"
    assert found(text) == [("MEDICAL_RECORD_NUMBER", "00483920"), ("US_SSN", "219-09-9999"),
                           ("AGE", "95")]


# Pieces of header lines and of lines that are none: column names a clear entity reads
# from, separators, blanks, quotes, SQL words and characters no column name holds.
_PIECES = ["mrn", "patient_name", "PatientName", "ssn", "dob", "age", "name", "id", "Zip",
           "glucose", "x", "1", "é", "CREATE", "TEXT", "#", "(", ")", ".", "-", "/", "_",
           ",", "\t", ";", "|", " ", "  ", "\u00a0", "\r", "\x0b", "\u2028", "\n",
           '"', "'", "=", ":", "[", "{", "é\u0301"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=10).map("".join))
def test_quick_checks_skip_only_lines_that_are_no_header(line: str) -> None:
    assert _header(line) == _read_header(line)


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=10).map("".join))
def test_layout_check_is_a_separator_or_a_wide_gap(line: str) -> None:
    has_layout = any(s in line for s in _SEPARATORS) or bool(_WIDE_GAP.search(line))
    assert bool(_LAYOUT.search(line)) == has_layout


def test_alnum_class_is_str_isalnum() -> None:
    every = (chr(c) for c in range(sys.maxunicode + 1))
    assert all(bool(_ALNUM.fullmatch(c)) == c.isalnum() for c in every)
