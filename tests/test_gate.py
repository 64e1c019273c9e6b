"""The gate decides by policy per category, and fails closed when the scanner breaks."""

from __future__ import annotations

import pytest

from jupyter_safeai.policy import Mode, Policy, PolicyError, check_prompt, tighten

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
