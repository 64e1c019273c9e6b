"""The skeleton scanner: each recognizer finds its entity, and leaves look-alikes alone."""

from __future__ import annotations

import pytest

from jupyter_safeai import scan_text

CASES = [
    # text, expected (entity, matched text) pairs
    ("Contact jane.doe@mayo-clinic.org today", [("EMAIL_ADDRESS", "jane.doe@mayo-clinic.org")]),
    ("SSN 123-45-6789 on file", [("US_SSN", "123-45-6789")]),
    ("ssn=123456789", [("US_SSN", "123456789")]),
    ("Call (617) 432-1876 after 5pm", [("PHONE_NUMBER", "(617) 432-1876")]),
    ("cell: +1 617.432.1876", [("PHONE_NUMBER", "+1 617.432.1876")]),
    ("key = 'AKIAIOSFODNN7EXAMPL2'", [("AWS_ACCESS_KEY", "AKIAIOSFODNN7EXAMPL2")]),
    ("SSN 123-45-6789, email a.b@c.io",
     [("US_SSN", "123-45-6789"), ("EMAIL_ADDRESS", "a.b@c.io")]),
]

NEGATIVES = [
    "SSN 000-12-3456 is not issued",
    "area 666-12-3456 never issued",
    "call 555-0142 (a number reserved for fiction)",
    "version 1.2.3 and build 2024-01-15",
    "dose 500 mg twice daily, HbA1c 7.2%",
    "AKIA-not-a-key and akiaiosfodnn7example",
    "import pandas as pd; df = pd.read_csv('patients.csv')",
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_finds_entity_with_exact_offsets(text: str, expected: list[tuple[str, str]]) -> None:
    findings = scan_text(text)
    assert [(f.entity, text[f.start:f.end]) for f in findings] == expected


@pytest.mark.parametrize("text", NEGATIVES)
def test_ignores_look_alikes(text: str) -> None:
    assert scan_text(text) == []


def test_finding_carries_category_score_and_detector_not_text() -> None:
    (finding,) = scan_text("AKIAIOSFODNN7EXAMPL2")
    assert finding.category == "secret"
    assert 0 < finding.score <= 1
    assert finding.detector.startswith("pattern:")
    assert "AKIA" not in repr(finding.to_dict())


def test_rejects_non_text() -> None:
    with pytest.raises(TypeError):
        scan_text(b"123-45-6789")  # type: ignore[arg-type]
