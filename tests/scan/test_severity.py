"""Severity: direct identifiers high, quasi-identifiers up only near a patient; masks."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.allow import mask
from jupyter_safeai.scan.entities import ENTITIES, SEVERITY
from jupyter_safeai.scan.finding import Finding
from jupyter_safeai.scan.severity import CONTEXT_CHARS, at_least, rate, rate_table


def at(text: str, value: str, entity: str, score: float = 0.85) -> Finding:
    start = text.index(value)
    return Finding(start, start + len(value), entity, ENTITIES[entity][0], score, "test")


def test_every_label_has_a_severity() -> None:
    assert set(SEVERITY) == set(ENTITIES)
    assert all(SEVERITY[e] == "high" for e, (c, _) in ENTITIES.items() if c == "secret")


@pytest.mark.parametrize(("text", "expected"), [
    ("Written by Ada Byron for the course.", "medium"),
    ("Patient Ada Byron was admitted on Monday.", "high"),
    ("Ada Byron" + " filler" * 3 + " SSN 219-09-9999", "high"),
    ("Ada Byron" + " " * (CONTEXT_CHARS + 5) + "SSN 219-09-9999", "medium"),
    # `born` is a patient's cue when a date or place follows, not in `the package was born`
    ("Ada Byron was born on 3 May 1950.", "high"),
    ("Ada Byron wrote the first version, and the package was born.", "medium"),
])
def test_a_name_goes_up_only_near_a_patient(text: str, expected: str) -> None:
    found = [at(text, "Ada Byron", "PERSON")]
    if "219-09-9999" in text:
        found.append(at(text, "219-09-9999", "US_SSN"))
    assert rate(text, found)[0] == expected


def test_unsure_findings_are_low_and_role_mailboxes_are_no_person() -> None:
    text = "Mail permissions@example.org or ada.byron@example.org"
    found = [at(text, "permissions@example.org", "EMAIL_ADDRESS"),
             at(text, "ada.byron@example.org", "EMAIL_ADDRESS"),
             at(text, "Mail", "PERSON", score=0.3)]
    assert rate(text, found) == ["medium", "high", "low"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Ported to Pyro by Ada Byron (ada.byron@example.org), with help from the team.",
     "medium"),
    ("Contact the main author, Ada Byron, at ada.byron@example.org", "medium"),
    ("The patient asked us to write to ada.byron@example.org", "high"),
])
def test_an_authors_address_in_a_credit_is_no_private_contact(text: str, expected: str) -> None:
    assert rate(text, [at(text, "ada.byron@example.org", "EMAIL_ADDRESS")]) == [expected]


def test_a_table_with_a_direct_identifier_raises_its_name_column() -> None:
    name = Finding(0, 0, "PERSON", "phi", 0.9, "t", column="name", share=1.0)
    mrn = Finding(0, 0, "MEDICAL_RECORD_NUMBER", "phi", 0.9, "t", column="mrn", share=1.0)
    assert rate_table([name]) == ["medium"]
    assert rate_table([name, mrn]) == ["high", "high"]


def test_at_least() -> None:
    assert at_least("high", "medium") and at_least("low", "low")
    assert not at_least("medium", "high")


@pytest.mark.parametrize(("value", "entity", "expected"), [
    ("https://portal.example.org/patients/48213", "URL", "https://portal.example.org/••••••••/•••••"),
    ("https://user:pw@portal.example.org/x", "URL", "h••••://••••:••@…"),
    ("AKIA" + "ZQ4RT7WB2MXK3JHV", "AWS_ACCESS_KEY", "AKIA••••••••••••…"),
    ("hunter2-hunter2", "PASSWORD", "h••••••-•••••••"),
    ("219-09-9999", None, "2••-••-••••"),
])
def test_masks_keep_a_site_and_a_vendor_but_not_a_value(value: str, entity: str | None,
                                                        expected: str) -> None:
    assert mask(value, entity) == expected


def test_the_gate_reports_the_same_severity_as_the_cli() -> None:
    """`/safeai/scan` findings (the sidebar's) carry the severity `rate` gives."""
    from jupyter_safeai.policy import check_prompt

    patient = check_prompt(["Patient John Smith, MRN: 00483920, had a fall."]).to_dict()
    assert {(f["entity"], f["severity"]) for f in patient["findings"]} == {
        ("PERSON", "high"), ("MEDICAL_RECORD_NUMBER", "high")}
    colleague = check_prompt(["Ask John Smith about the figures."]).to_dict()
    assert [(f["entity"], f["severity"]) for f in colleague["findings"]] == [
        ("PERSON", "medium")]
    # a credit is documentation, not a person the text is about: no finding at all
    assert check_prompt(["Thanks to John Smith for the figures."]).to_dict()["findings"] == []
