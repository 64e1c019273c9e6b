"""The gate blocks on findings and fails closed when the scanner breaks."""

from __future__ import annotations

from jupyter_safeai.policy import check_prompt


def test_clean_prompt_passes() -> None:
    decision = check_prompt(["How do I fit a Cox model?", "Use lifelines."])
    assert not decision.blocked
    assert decision.counts() == {}


def test_findings_block_and_locate_the_part() -> None:
    decision = check_prompt(["hello", "mail jane@mayo-clinic.org or call (617) 432-1876"])
    assert decision.blocked
    assert {lf.part for lf in decision.findings} == {1}
    assert decision.counts() == {"EMAIL_ADDRESS": 1, "PHONE_NUMBER": 1}
    assert "jane" not in decision.describe() and "432" not in str(decision.to_dict())


def test_scanner_error_blocks() -> None:
    def broken(text: str) -> list:
        raise RuntimeError(f"cannot parse {text}")

    decision = check_prompt(["SSN 123-45-6789"], scanner=broken)
    assert decision.blocked
    assert decision.error is not None
    assert "123-45" not in decision.describe()
