"""Issue 13's families of tricked identifiers, generated with a fixed seed
(benchmarks/adversarial.py): each value is covered by findings, and the default gate
blocks or redacts all of it."""

from __future__ import annotations

import pytest

from jupyter_safeai.policy import Policy, check_prompt
from jupyter_safeai.scan import default_scanner
from tests.benchmark_module import load_benchmark

adversarial = load_benchmark("adversarial")
bench = load_benchmark("scan_adversarial")

CASES = list(adversarial.cases(seed=20261206, per_family=25))


def test_every_family_is_generated() -> None:
    assert {case.family for case in CASES} == set(adversarial.FAMILIES)
    assert all(case.value.strip() for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.family}-{c.variant}-{i}"
                                             for i, c in enumerate(CASES)])
def test_value_is_found_and_does_not_pass_the_gate(case) -> None:  # noqa: ANN001
    findings = default_scanner().scan(case.text)
    assert bench.covered(case, findings)
    assert {f.category for f in findings
            if f.start < case.end and case.start < f.end} >= {case.category}
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
    assert not bench.covered(case, default_scanner().scan(case.text))
    assert bench.past_gate(case, Policy())
