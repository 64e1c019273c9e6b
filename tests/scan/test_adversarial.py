"""Issue 13's families of tricked identifiers, generated with a fixed seed
(benchmarks/adversarial.py, the families that must be caught): each value is caught, and
the default gate blocks or redacts all of it."""

from __future__ import annotations

import pytest

from jupyter_safeai.policy import Policy, check_prompt
from jupyter_safeai.scan import Finding, default_scanner
from tests.benchmark_module import load_benchmark

adversarial = load_benchmark("adversarial")
bench = load_benchmark("scan_adversarial")

MUST_CATCH = {name for name, family in adversarial.FAMILIES.items() if family.must_catch}
CASES = adversarial.cases(seed=20261206, per_family=25, names=MUST_CATCH)


def test_every_family_is_generated() -> None:
    assert {case.family for case in CASES} == MUST_CATCH
    assert all(case.value.strip() for case in CASES)
    every = adversarial.cases(seed=20261206, per_family=2)
    assert {case.family for case in every} == set(adversarial.FAMILIES)


def test_a_family_draws_the_same_cases_whatever_else_is_drawn() -> None:
    """Each family has its own seed: drawn alone or with all the others, and after a
    change to another family, its cases are the same."""
    alone = adversarial.cases(seed=7, per_family=5, names={"leetspeak"})
    together = [c for c in adversarial.cases(seed=7, per_family=5) if c.family == "leetspeak"]
    assert alone == together
    assert alone != adversarial.cases(seed=8, per_family=5, names={"leetspeak"})


@pytest.mark.parametrize("case", CASES, ids=[f"{c.family}-{c.variant}-{i}"
                                             for i, c in enumerate(CASES)])
def test_value_is_found_and_does_not_pass_the_gate(case) -> None:  # noqa: ANN001
    findings = default_scanner().scan(case.text)
    assert bench.caught(case, findings)
    assert not bench.past_gate(case, Policy())


def test_redacted_prompt_holds_no_part_of_the_value() -> None:
    """Redaction cuts what the user typed (invisibles and look-alikes included)."""
    for case in CASES:
        decision = check_prompt([case.text], Policy())
        if decision.action != "redact":
            continue
        (sent,), vault = decision.redacted([case.text])
        assert case.value not in sent
        assert vault.restore(sent) == case.text


def test_the_harness_can_fail() -> None:
    """A value outside every finding is reported as missed and past the gate."""
    case = adversarial.Case("separators", "control", "nothing to find: 42 apples", 18, 20,
                            "phi")
    assert not bench.caught(case, default_scanner().scan(case.text))
    assert bench.past_gate(case, Policy())


def test_a_value_found_as_another_category_is_not_caught() -> None:
    """A token found as PHI is not caught as a secret, markup tags need no cover."""
    case = adversarial.Case("markup", "secret", "token <b>ab</b>12 end", 6, 17, "secret")
    assert case.value == "<b>ab</b>12"
    phi = [Finding(9, 17, "PERSON", "phi", 1.0, "test")]
    assert bench.covered(case, phi)
    assert not bench.caught(case, phi)
    assert bench.caught(case, [Finding(9, 17, "GITHUB_TOKEN", "secret", 1.0, "test")])
