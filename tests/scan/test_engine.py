"""The engine as callers see it: code-aware, bounded, overlaps resolved, never raises
on odd text, offsets always inside the text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jupyter_safeai import scan_text
from jupyter_safeai.scan import Scanner, ScanTimeout, ScanTooLarge
from jupyter_safeai.scan.engine import resolve_overlaps
from jupyter_safeai.scan.finding import Finding
from jupyter_safeai.scan.names import NameRecognizer
from tests.scan.found_text import pairs_of

found = pairs_of(scan_text)


def test_python_source_is_read_as_code() -> None:
    code = (
        "import os\n"
        "patient_name = df['patient_name']  # column name, not a person\n"
        "key = os.environ['API_KEY']\n"
        "note = 'Patient John Smith, DOB 03/14/1958'\n"
    )
    assert found(code) == [("PERSON", "John Smith"), ("DATE", "03/14/1958")]


def test_ipython_magics_are_text() -> None:
    cell = "%env PGPASSWORD=Tr0ub4dor-x9Q\nimport pandas as pd\n"
    assert ("PASSWORD", "Tr0ub4dor-x9Q") in found(cell)


def test_prose_prompt_with_several_identifiers() -> None:
    prompt = ("Patient John Smith (MRN: 00483920), DOB 03/14/1958, lives at 12 Beacon Street, "
              "Boston, MA 02115; call (617) 432-1876.")
    # the street, city and state are one address span and its ZIP the next: nothing is
    # left in clear
    assert found(prompt) == [
        ("PERSON", "John Smith"), ("MEDICAL_RECORD_NUMBER", "00483920"), ("DATE", "03/14/1958"),
        ("STREET_ADDRESS", "12 Beacon Street, Boston, MA"), ("ZIP_CODE", "02115"),
        ("PHONE_NUMBER", "(617) 432-1876")]


def test_printed_dataframe_is_read_by_its_header() -> None:
    table = ("     patient_name       mrn         dob\n"
             "0  Nguyen Thi Lan  00483920  1958-03-14\n"
             "1   Kofi Boateng   00483921  1960-01-02\n")
    entities = found(table)
    assert ("MEDICAL_RECORD_NUMBER", "00483921") in entities
    assert ("PERSON", "Kofi Boateng") in entities
    assert ("DATE", "1960-01-02") in entities


def test_too_large_is_refused_whole() -> None:
    with pytest.raises(ScanTooLarge, match="not sent"):
        Scanner(max_chars=1000).scan("x" * 1001)


def test_timeout_is_an_error_not_a_partial_result() -> None:
    class Slow:
        name = "slow"

        def find(self, text: str) -> list[Finding]:
            import time

            time.sleep(0.05)
            return []

    with pytest.raises(ScanTimeout):
        Scanner((Slow(), Slow()), timeout=0.01).scan("hello")


def test_inline_allow_marker_accepts_a_finding() -> None:
    text = "contact = 'jane.doe@mayo-clinic.org'  # safeai: allow=EMAIL_ADDRESS\n"
    assert found(text) == []


def test_overlaps_keep_the_strongest() -> None:
    a = Finding(0, 10, "PERSON", "phi", 0.7, "x")
    b = Finding(5, 20, "PASSWORD", "secret", 0.7, "y")
    c = Finding(30, 35, "DATE", "phi", 0.9, "z")
    assert resolve_overlaps([a, b, c]) == [b, c]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_never_raises_and_offsets_lie_inside(text: str) -> None:
    for finding in scan_text(text):
        assert 0 <= finding.start <= finding.end <= len(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([
    "John", "Smith", "MRN", ":", " ", "\n", "0048392", "@", "gmail.com", "1958-03-14", "'",
    "password", "=", "\"", "AKIA", "rs429358", "C/T", "+1", "(617)", "-", "Street", "12",
    "患者", "王", "#", "safeai: allow", ",", "MA", "02115"]), max_size=60))
def test_never_raises_on_identifier_fragments(parts: list[str]) -> None:
    text = "".join(parts)
    for finding in scan_text(text):
        assert 0 <= finding.start < finding.end <= len(text)


def test_scanning_opens_no_network_connection(monkeypatch) -> None:
    """A fresh scanner (name lists, the NER model) works offline. Presidio, whose e-mail
    recognizer calls tldextract, is not imported by it: only the NER model's fallback
    whole load imports it, and points tldextract offline first (`make_tldextract_offline`)."""
    import socket

    attempts: list[object] = []

    def refuse(self, address):  # noqa: ANN001
        attempts.append(address)
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    scanner = Scanner()
    text = ("Wang Xiaoming was admitted; mail him at wang.x@mayo-clinic.org or see "
            "https://www.wang-family.net/home")
    entities = [f.entity for f in scanner.scan(text)]
    assert entities == ["PERSON", "EMAIL_ADDRESS", "URL"]
    assert attempts == []
    # the fallback whole load's presidio import calls tldextract: pointed offline first,
    # it reads its bundled snapshot and connects nowhere
    import tldextract

    from jupyter_safeai.scan.nlp import make_tldextract_offline

    make_tldextract_offline()
    assert tldextract.extract("a.b.example.co.uk").suffix == "co.uk"
    assert attempts == []


class _Fixed:
    """A recognizer that reports the given findings whatever the text."""

    name = "fixed"

    def __init__(self, *findings: Finding) -> None:
        self.findings = findings

    def find(self, text: str) -> list[Finding]:
        return list(self.findings)


def _scan_asking(text: str, *fixed: Finding) -> tuple[list[tuple[str, int, int]], list[str]]:
    """(entity, start, end) found, and the spans NER was asked about (it says yes)."""
    asked: list[str] = []

    def confirm(text: str, start: int, end: int) -> bool:
        asked.append(text[start:end])
        return True

    scanner = Scanner((_Fixed(*fixed), NameRecognizer(confirm=confirm)))
    return [(f.entity, f.start, f.end) for f in scanner.scan(text)], asked


TEXT = "Wang Xiaoming. Seen at the clinic on Monday."  # one doubtful pair, nothing around it


def test_ner_is_not_asked_where_a_stronger_finding_decides() -> None:
    found, asked = _scan_asking(TEXT, Finding(0, 13, "MEDICAL_RECORD_NUMBER", "phi", 0.9, "x"))
    assert asked == [] and found == [("MEDICAL_RECORD_NUMBER", 0, 13)]


@pytest.mark.parametrize(("fixed", "expected"), [
    # a finding no stronger than a confirmed name does not decide it
    ((Finding(0, 4, "LOCATION", "phi", 0.7, "x"),), ("PERSON", 0, 13)),
    # a strong finding elsewhere does not either
    ((Finding(20, 26, "LOCATION", "phi", 0.9, "x"),), ("PERSON", 0, 13)),
    # a strong finding over the name that loses to a stronger one does not either
    ((Finding(0, 20, "LOCATION", "phi", 0.8, "x"), Finding(15, 30, "DATE", "phi", 0.95, "y")),
     ("PERSON", 0, 13)),
])
def test_ner_is_asked_where_its_answer_can_change_the_result(
        fixed: tuple[Finding, ...], expected: tuple[str, int, int]) -> None:
    found, asked = _scan_asking(TEXT, *fixed)
    assert asked == ["Wang Xiaoming"]
    assert expected in found
