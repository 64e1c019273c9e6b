"""Fuzz the scanner with adversarial 100 KB inputs: it returns well-formed findings or
refuses with a `ScanError` (the gate then fails closed); it never crashes.

The building blocks (repeated separators, long digit runs, nested quotes, huge single
tokens, mixed scripts, identifier labels) are `FRAGMENTS` of
benchmarks/scan_pathological.py, which times the same shapes: no time is asserted here.
"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jupyter_safeai.policy import Policy, check_prompt
from jupyter_safeai.scan import ENTITIES, ScanError, default_scanner
from tests.benchmark_module import load_benchmark

pathological = load_benchmark("scan_pathological")
SIZE = pathological.SIZE
POOL = sorted({f for group in pathological.FRAGMENTS.values() for f in group})
FUZZ = settings(max_examples=20, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

fragment = st.sampled_from(POOL) | st.text(min_size=1, max_size=12)


def scanned_or_refused(text: str) -> list | None:
    """The findings, checked for shape; None when the scanner refused (ScanError)."""
    try:
        findings = default_scanner().scan(text)
    except ScanError:
        return None
    previous_end = 0
    for finding in findings:
        assert previous_end <= finding.start < finding.end <= len(text)
        assert ENTITIES[finding.entity][0] == finding.category
        previous_end = finding.end
    return findings


@FUZZ
@given(st.lists(fragment, min_size=1, max_size=30))
def test_a_repeated_unit_of_fragments(pieces: list[str]) -> None:
    """One fragment repeated is a huge single token or a run of separators, digits or
    quotes; several make a periodic mix."""
    scanned_or_refused(pathological.fill("".join(pieces)))


@FUZZ
@given(st.integers(0, 2**32), st.lists(fragment, min_size=2, max_size=40))
def test_a_random_walk_over_fragments(seed: int, pieces: list[str]) -> None:
    """Not periodic: 100 KB drawn fragment by fragment, as a pasted log or file would be."""
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < SIZE:
        out.append(rng.choice(pieces))
        size += len(out[-1])
    scanned_or_refused("".join(out)[:SIZE])


@FUZZ
@given(st.sampled_from(sorted(pathological.families())))
def test_the_named_families_through_the_gate(name: str) -> None:
    """Each crafted family: the gate decides or fails closed, never raises."""
    text = pathological.families()[name]
    seen: list[list | None] = []

    def scan(part: str) -> list:
        seen.append(scanned_or_refused(part))
        if seen[-1] is None:
            raise ScanError("refused")
        return seen[-1]

    decision = check_prompt([text], Policy(), scan)
    if seen == [None]:
        assert decision.error is not None and decision.action == "block"
    else:
        assert decision.error is None
        (sent,), _vault = decision.redacted([text])
        assert len(sent) >= len(text) - sum(f.end - f.start for f in seen[0])
