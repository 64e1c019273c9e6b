"""Well-known placeholder values given as someone's identifier in a prompt go to the
model redacted, not in clear; in code and test fixtures they are reported at `low`.
Notebook scans (`scan_text`) keep leaving them alone."""

from __future__ import annotations

import pytest

from jupyter_safeai.policy import check_prompt
from jupyter_safeai.scan import scan_text
from jupyter_safeai.scan.placeholders import find_placeholders, is_placeholder

PROMPT = ("Draft a discharge letter for Harold Pemberton (SSN: 123-45-6789), reachable at "
          "harold.p@example.com or 212-555-0147; bill card 4111 1111 1111 1111.")


def located(text: str) -> list[tuple[str, str, str]]:
    decision = check_prompt([text])
    return [(lf.finding.entity, text[lf.finding.start:lf.finding.end], lf.severity)
            for lf in decision.findings]


def test_placeholders_in_a_prompt_are_redacted_before_sending() -> None:
    decision = check_prompt([PROMPT])
    assert decision.action == "redact"
    sent, vault = decision.redacted([PROMPT])
    for value in ("123-45-6789", "harold.p@example.com", "555-0147", "4111 1111 1111 1111"):
        assert value not in sent[0]
    assert vault.restore(sent[0]) == PROMPT
    severities = {entity: severity for entity, _, severity in located(PROMPT)}
    assert severities["US_SSN"] == severities["EMAIL_ADDRESS"] == "high"


@pytest.mark.parametrize("text", [
    "def test_mask_ssn():\n    assert mask('078-05-1120') == '***-**-****'\n",
    "fixture = {'email': 'someone@example.org', 'ssn': '000-00-0000'}\n",
    "In this test we send the sample card 4242 4242 4242 4242 to the stub.",
])
def test_placeholders_in_code_and_fixtures_are_low(text: str) -> None:
    found = located(text)
    assert found and {severity for _, _, severity in found} == {"low"}


def test_real_looking_values_keep_their_severity_in_code() -> None:
    code = "record = {'ssn': '219-09-9988'}\nsend(record)\n"
    assert [s for e, _, s in located(code) if e == "US_SSN"] == ["high"]


def test_notebook_scans_still_leave_placeholders_alone() -> None:
    cell = "Write to jo@example.com, SSN 078-05-1120"
    assert [f for f in scan_text(cell) if f.entity in {"EMAIL_ADDRESS", "US_SSN"}] == []
    assert check_prompt([cell], conversation=False).findings == []
    assert check_prompt([cell], conversation=False, placeholders=True).counts() == {
        "EMAIL_ADDRESS": 1, "US_SSN": 1}


@pytest.mark.parametrize(("entity", "value", "expected"), [
    ("US_SSN", "123-45-6789", True), ("US_SSN", "111-11-1111", True),
    ("US_SSN", "219-09-9988", False), ("EMAIL_ADDRESS", "ann@mail.example.co.uk", True),
    ("EMAIL_ADDRESS", "ann@hospital.org", False), ("PHONE_NUMBER", "(212) 555-0147", True),
    ("PHONE_NUMBER", "212-555-0247", False), ("CREDIT_CARD", "5555 5555 5555 4444", True),
    ("CREDIT_CARD", "4539 1488 0343 6467", False),
])
def test_is_placeholder(entity: str, value: str, expected: bool) -> None:
    assert is_placeholder(entity, value) is expected


def test_an_ssn_shape_under_its_label_is_a_placeholder_even_when_invalid() -> None:
    text = "patient SSN: 666-12-3456"
    assert [(f.entity, text[f.start:f.end]) for f in find_placeholders(text)] == [
        ("US_SSN", "666-12-3456")]
    assert list(find_placeholders("part no 666-12-3456")) == []


@pytest.mark.parametrize(("text", "number"), [
    ("Ring the daughter (phone: 201-044-7781) before the MDT.", "201-044-7781"),
    ("Mr Okonkwo, post-op day 2, contact (123) 987-6543 for consent", "(123) 987-6543"),
    ("his cell is 410.123.0042, please call after 5", "410.123.0042"),
])
def test_an_undiallable_us_number_under_a_phone_label_is_a_placeholder(
        text: str, number: str) -> None:
    assert [(f.entity, text[f.start:f.end]) for f in find_placeholders(text)] == [
        ("PHONE_NUMBER", number)]
    assert ("PHONE_NUMBER", number) in [(e, v) for e, v, _ in located(text)]
    assert is_placeholder("PHONE_NUMBER", number)


@pytest.mark.parametrize("text", [
    "order 555-314-2718 of the catalogue",  # no phone label
    "phone: 212-867-5309",  # a number NANP can dial is the phone recognizer's
    "lot 123-456-7890 expired",
])
def test_other_number_shapes_are_no_phone_placeholder(text: str) -> None:
    assert [f for f in find_placeholders(text) if f.entity == "PHONE_NUMBER"] == []
