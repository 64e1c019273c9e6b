"""Tables printed as text: values under an identifying header are findings."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jupyter_safeai.scan.tables import _WIDE_FIELD, _WIDE_GAP, TextTableRecognizer

TABLES = TextTableRecognizer()


def found(text: str) -> list[tuple[str, str]]:
    return [(f.entity, text[f.start:f.end]) for f in TABLES.find(text)]


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
