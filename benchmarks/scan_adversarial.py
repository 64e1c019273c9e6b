"""How many tricked identifiers the scanner and the default gate catch (issue 13).

    .venv/bin/python benchmarks/scan_adversarial.py [--per-family 200] [--seed S]
        [--show-misses K] [--json out.json]

Cases come from benchmarks/adversarial.py (seeded, values generated, none taken from the
issue). Per family it prints
  caught   share of cases whose value is covered by findings (every character but
           blanks), the scanner alone;
  past     share that gets past the default gate (`jupyter_safeai.policy.check_prompt`
           with the default policy): neither blocked nor redacted over its whole value.
Targets: every must-catch family caught >= 97 %; past the gate <= 3 % overall. The
plain-format figures (span recall, false alarms on clean cells) are those of
benchmarks/scan_accuracy.py, run before and after.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import adversarial  # noqa: E402

from jupyter_safeai.policy import Policy, check_prompt  # noqa: E402
from jupyter_safeai.policy.modes import Mode  # noqa: E402
from jupyter_safeai.scan import Finding, default_scanner  # noqa: E402

TARGETS = {"caught_per_family": 0.97, "past_gate_overall": 0.03}


def covered(case: adversarial.Case, findings: list[Finding]) -> bool:
    """Whether findings cover every character of the value that is not a blank."""
    marks = [False] * (case.end - case.start)
    for f in findings:
        for at in range(max(f.start, case.start), min(f.end, case.end)):
            marks[at - case.start] = True
    return all(mark or char.isspace() for mark, char in zip(marks, case.value, strict=True))


def past_gate(case: adversarial.Case, policy: Policy) -> bool:
    """Whether the value would reach the model in clear under `policy`."""
    decision = check_prompt([case.text], policy)
    if decision.action == "block":
        return False
    redacted = [lf.finding for lf in decision.findings
                if policy.mode(lf.finding.category) is Mode.REDACT]
    return not covered(case, redacted)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-family", type=int, default=200)
    parser.add_argument("--seed", type=int, default=adversarial.SEED)
    parser.add_argument("--show-misses", type=int, default=0, metavar="K")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    scanner = default_scanner()
    policy = Policy()
    caught: dict[str, list[bool]] = defaultdict(list)
    past: dict[str, list[bool]] = defaultdict(list)
    by_variant: dict[tuple[str, str], list[bool]] = defaultdict(list)
    misses: dict[str, list[str]] = defaultdict(list)
    for case in adversarial.cases(args.seed, args.per_family):
        ok = covered(case, scanner.scan(case.text))
        caught[case.family].append(ok)
        by_variant[(case.family, case.variant)].append(ok)
        past[case.family].append(past_gate(case, policy))
        if not ok and len(misses[case.family]) < args.show_misses:
            misses[case.family].append(f"{case.variant}: {case.text!r} [{case.value!r}]")
    print(f"adversarial cases: {args.per_family} per family, seed {args.seed}; default policy "
          f"{policy.to_dict()}")
    print(f"  {'family':<14}{'caught':>9}{'past gate':>11}  target")
    results: dict[str, dict[str, float]] = {}
    for family in caught:
        share = sum(caught[family]) / len(caught[family])
        leaked = sum(past[family]) / len(past[family])
        results[family] = {"caught": share, "past_gate": leaked}
        flag = "" if share >= TARGETS["caught_per_family"] else "  BELOW"
        print(f"  {family:<14}{share:>9.1%}{leaked:>11.1%}  >= 97%{flag}")
    total_past = sum(sum(v) for v in past.values()) / sum(len(v) for v in past.values())
    worst = min(r["caught"] for r in results.values())
    print(f"  {'overall':<14}{'':>9}{total_past:>11.1%}  past <= 3%")
    print("\nweakest variants:")
    for (family, variant), oks in sorted(by_variant.items(),
                                         key=lambda kv: sum(kv[1]) / len(kv[1]))[:8]:
        print(f"  {family}/{variant:<32}{sum(oks) / len(oks):>7.1%}  (n={len(oks)})")
    for family, lines in misses.items():
        print(f"\nmisses in {family}:")
        for line in lines:
            print("  " + line)
    verdict = worst >= TARGETS["caught_per_family"] and total_past <= TARGETS["past_gate_overall"]
    print(f"\nTargets: min family caught {worst:.1%}, past the gate {total_past:.1%}: "
          f"{'PASS' if verdict else 'FAIL'}")
    if args.json:
        args.json.write_text(json.dumps({"families": results, "past_gate": total_past},
                                        indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
