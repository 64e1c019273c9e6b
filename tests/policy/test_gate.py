"""The gate decides by policy per category, fails closed when the scanner breaks, and
reads a conversation the way the model does: a value split across messages is found."""

from __future__ import annotations

import re

import pytest

from jupyter_safeai.policy import Mode, Policy, PolicyError, check_prompt, tighten
from jupyter_safeai.policy.conversation import Conversation
from jupyter_safeai.scan import Finding

EMAIL_AND_PHONE = "mail jane@mayo-clinic.org or call (617) 432-1876"


def test_clean_prompt_is_sent() -> None:
    decision = check_prompt(["How do I fit a Cox model?", "Use lifelines."])
    assert decision.action == "send" and decision.counts() == {}


def test_default_policy_redacts_phi_and_the_placeholders_replace_the_values() -> None:
    decision = check_prompt(["hello", EMAIL_AND_PHONE])
    assert decision.action == "redact"
    assert {lf.part for lf in decision.findings} == {1}
    assert decision.counts() == {"EMAIL_ADDRESS": 1, "PHONE_NUMBER": 1}
    sent, vault = decision.redacted(["hello", EMAIL_AND_PHONE])
    assert sent == ["hello", "mail <EMAIL_ADDRESS_1> or call <PHONE_NUMBER_1>"]
    assert vault.restore(sent[1]) == EMAIL_AND_PHONE
    assert "jane" not in str(decision.to_dict()) and "432" not in decision.describe()


def test_one_blocking_category_blocks_the_whole_prompt() -> None:
    key = "AKIA" + "ZQ3DRT5K7PLMN2XW"
    decision = check_prompt([f"{EMAIL_AND_PHONE}; key {key}"])
    assert decision.action == "block"
    assert {f["mode"] for f in decision.to_dict()["findings"]} == {"redact", "block"}


def test_warn_mode_asks_for_acknowledgement() -> None:
    decision = check_prompt([EMAIL_AND_PHONE], Policy(phi=Mode.WARN))
    assert decision.action == "warn" and not decision.blocked
    assert decision.redacted([EMAIL_AND_PHONE])[0] == [EMAIL_AND_PHONE]


def test_scanner_error_blocks() -> None:
    def broken(text: str) -> list:
        raise RuntimeError(f"cannot parse {text}")

    decision = check_prompt(["SSN 219-09-9999"], scanner=broken)
    assert decision.action == "block" and decision.error is not None
    assert "219-09" not in decision.describe()


def test_users_can_only_tighten_the_admin_floor() -> None:
    floor = Policy(phi=Mode.REDACT, secret=Mode.BLOCK, genomic=Mode.WARN)
    effective, notes = tighten(floor, {"phi": "block", "secret": "warn", "genomic": "redact"})
    assert effective == Policy(phi=Mode.BLOCK, secret=Mode.BLOCK, genomic=Mode.REDACT)
    assert notes == ["secret: 'warn' is looser than the admin policy 'block'; ignored"]


@pytest.mark.parametrize("bad", [{"phi": "allow"}, {"pii": "block"}])
def test_bad_policies_are_named(bad: dict) -> None:
    with pytest.raises(PolicyError):
        Policy.from_mapping(bad)


# --------------------------------------------------------------------------- conversations

_WRAPPED_SSN = re.compile(r"\b\d{3}-\d{2}-\s?\d{4}\b")


def wrapped_ssn_scanner(text: str) -> list[Finding]:
    """A stand-in that reads an SSN wrapped over a line break, as the normalised scanner
    does: the gate's part is cutting what it finds back into the messages."""
    return [Finding(m.start(), m.end(), "US_SSN", "phi", 0.9, "test")
            for m in _WRAPPED_SSN.finditer(text)]


def test_a_value_split_over_two_messages_is_redacted_in_both_and_restored_exactly() -> None:
    parts = ["The SSN is 219-09-", "9999, then plot the cohort."]
    decision = check_prompt(parts, scanner=wrapped_ssn_scanner)
    assert decision.action == "redact" and decision.counts() == {"US_SSN": 1}
    pieces = [(lf.part, parts[lf.part][lf.finding.start:lf.finding.end])
              for lf in decision.findings]
    assert pieces == [(0, "219-09-"), (1, "9999")]
    assert len({lf.split for lf in decision.findings}) == 1
    sent, vault = decision.redacted(parts)
    assert sent == ["The SSN is <US_SSN_1>", "<US_SSN_2>, then plot the cohort."]
    assert [vault.restore(text) for text in sent] == parts
    assert all(f.get("split") is not None for f in decision.to_dict()["findings"])


def test_a_split_value_blocks_when_its_category_blocks() -> None:
    decision = check_prompt(["SSN 219-09-", "9999"], Policy(phi=Mode.BLOCK),
                            scanner=wrapped_ssn_scanner)
    assert decision.blocked and decision.counts() == {"US_SSN": 1}


def test_a_value_inside_one_message_is_not_counted_twice() -> None:
    parts = ["SSN 219-09-9999 and 078-05-1120", "thanks"]
    decision = check_prompt(parts, scanner=wrapped_ssn_scanner)
    assert decision.counts() == {"US_SSN": 2}
    assert [lf.split for lf in decision.findings] == [None, None]


def test_cells_are_not_joined_when_the_caller_says_they_are_no_conversation() -> None:
    decision = check_prompt(["SSN 219-09-", "9999"], scanner=wrapped_ssn_scanner,
                            conversation=False)
    assert decision.action == "send"


def test_a_split_over_three_messages_covers_the_middle_one_whole() -> None:
    def spanning(text: str) -> list[Finding]:
        return [Finding(m.start(), m.end(), "PERSON", "phi", 0.9, "test")
                for m in re.finditer(r"a\sb\scd", text)]

    parts = ["xx a", "b", "cd yy"]  # joined: "xx a b cd yy", the finding "a b cd"
    decision = check_prompt(parts, scanner=spanning)
    pieces = [(lf.part, lf.finding.start, lf.finding.end) for lf in decision.findings]
    assert pieces == [(0, 3, 4), (1, 0, 1), (2, 0, 2)]
    assert decision.counts() == {"PERSON": 1}
    assert decision.redacted(parts)[0] == ["xx <PERSON_1>", "<PERSON_2>", "<PERSON_3> yy"]


def test_a_label_in_the_message_before_makes_a_bare_number_an_ssn() -> None:
    """The real scanner: nine digits alone are no SSN, after `SSN:` they are."""
    parts = ["Here is the patient's SSN:", "219099999. Why does my merge fail?"]
    assert check_prompt(parts[1:]).action == "send"
    decision = check_prompt(parts)
    assert decision.counts() == {"US_SSN": 1}
    sent, vault = decision.redacted(parts)
    assert sent[0] == parts[0] and "219099999" not in sent[1]
    assert sent[1].startswith("<US_SSN_1>") and vault.restore(sent[1]) == parts[1]


def test_a_name_split_between_the_system_and_the_user_message_is_redacted_in_both() -> None:
    """The real scanner: the model reads the turns on, and so does the gate."""
    parts = ["You help Dr. Maria", "Garcia-Lopez with her patients' data."]
    decision = check_prompt(parts)
    assert decision.counts() == {"PERSON": 1}
    sent, vault = decision.redacted(parts)
    assert "Maria" not in sent[0] and "Garcia" not in sent[1] and "Lopez" not in sent[1]
    assert [vault.restore(text) for text in sent] == parts


def test_overlapping_findings_in_a_part_are_redacted_as_one_span() -> None:
    def overlapping(text: str) -> list[Finding]:
        if text != "id A1B2C3D4 ok":
            return []
        return [Finding(3, 9, "MEDICAL_RECORD_NUMBER", "phi", 0.9, "test"),
                Finding(5, 11, "US_SSN", "phi", 0.9, "test")]

    decision = check_prompt(["id A1B2C3D4 ok"], scanner=overlapping)
    sent, vault = decision.redacted(["id A1B2C3D4 ok"])
    assert sent == ["id <MEDICAL_RECORD_NUMBER_1> ok"]
    assert vault.restore(sent[0]) == "id A1B2C3D4 ok"


def test_conversation_pieces_follow_the_part_boundaries() -> None:
    view = Conversation(("ab", "", "cdef"), " ")
    assert view.text == "ab  cdef"
    finding = Finding(1, 6, "PERSON", "phi", 1.0, "test")  # "b  cd"
    assert [(i, f.start, f.end) for i, f in view.pieces(finding)] == [(0, 1, 2), (2, 0, 2)]
    assert view.pieces(Finding(2, 4, "PERSON", "phi", 1.0, "test")) == []  # separators only
