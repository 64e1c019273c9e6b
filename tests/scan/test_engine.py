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


def found(text: str) -> list[tuple[str, str]]:
    return [(f.entity, text[f.start:f.end]) for f in scan_text(text)]


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
    assert [e for e, _ in found(prompt)] == [
        "PERSON", "MEDICAL_RECORD_NUMBER", "DATE", "STREET_ADDRESS", "LOCATION", "ZIP_CODE",
        "PHONE_NUMBER"]


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
    """A fresh scanner (name lists, presidio's NLP engine, tldextract) works offline."""
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
    import tldextract

    assert tldextract.extract("a.b.example.co.uk").suffix == "co.uk"  # bundled snapshot
    assert attempts == []
