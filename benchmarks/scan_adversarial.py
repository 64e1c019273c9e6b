"""Identifiers hidden by tricks, and the same tricks on clean text: recall, the share past
the default gate and false alarms per family (benchmarks/adversarial.py).

    PYTHONPATH=$PWD .venv/bin/python benchmarks/scan_adversarial.py [--per-family 200]
        [--seed S] [--families a,b] [--show-misses K] [--show-alarms K] [--json out.json]

Per family it prints
  recall  share of cases whose value is caught: every letter and digit of the value as
          written (markup tags aside) covered by a finding of its category (phi / secret),
          by the scanner the gate uses;
  past    share that gets past the default gate (`jupyter_safeai.policy.check_prompt`
          with the default policy): not blocked, and a letter or digit of the value
          outside every redacted finding;
  fa      share of clean prompts and code cells, the same trick applied to a harmless
          value (a count, a version, a library, a column), that get any finding (value
          families only).
Targets, for issue 13's families (`must`): each caught >= 97 %, past the gate <= 3 % over
them all. The other families are a regression check; reversed, interleaved and base64
text are measured to say what is not read. The plain-format figures (span recall, false
alarms on clean cells) are those of benchmarks/scan_accuracy.py.
"""

from __future__ import annotations

import argparse
import json
import re
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
_TAG = re.compile(r"</?[a-z]+>")


def covered(case: adversarial.Case, findings: list[Finding],
            category: str | None = None) -> bool:
    """Whether findings (of `category`, when given) cover every letter and digit of the
    value as written; markup tags, separators and blanks between them need not be."""
    marks = [False] * (case.end - case.start)
    for f in findings:
        if category is not None and f.category != category:
            continue
        for at in range(max(f.start, case.start), min(f.end, case.end)):
            marks[at - case.start] = True
    tags = {i for m in _TAG.finditer(case.value) for i in range(m.start(), m.end())}
    needed = [i for i, c in enumerate(case.value) if c.isalnum() and i not in tags]
    return bool(needed) and all(marks[i] for i in needed)


def caught(case: adversarial.Case, findings: list[Finding]) -> bool:
    """Whether the value is caught as what it is (a secret as a secret)."""
    return covered(case, findings, case.category)


def past_gate(case: adversarial.Case, policy: Policy) -> bool:
    """Whether part of the value would reach the model in clear under `policy`."""
    decision = check_prompt([case.text], policy)
    if decision.action == "block":
        return False
    redacted = [lf.finding for lf in decision.findings
                if policy.mode(lf.finding.category) is Mode.REDACT]
    return not covered(case, redacted)


def _share(flags: list[bool]) -> float:
    return sum(flags) / max(len(flags), 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-family", type=int, default=200)
    parser.add_argument("--seed", type=int, default=adversarial.SEED)
    parser.add_argument("--families", default="", help="comma-separated family names")
    parser.add_argument("--show-misses", type=int, default=0, metavar="K")
    parser.add_argument("--show-alarms", type=int, default=0, metavar="K")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    names = {n for n in args.families.split(",") if n} or None
    unknown = (names or set()) - set(adversarial.FAMILIES)
    if unknown:
        parser.error(f"unknown families: {', '.join(sorted(unknown))}")
    scanner = default_scanner()
    policy = Policy()
    hit: dict[str, list[bool]] = defaultdict(list)
    past: dict[str, list[bool]] = defaultdict(list)
    by_kind: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    misses: dict[str, list[adversarial.Case]] = defaultdict(list)
    for case in adversarial.cases(args.seed, args.per_family, names):
        ok = caught(case, scanner.scan(case.text))
        hit[case.family].append(ok)
        past[case.family].append(past_gate(case, policy))
        by_kind[case.family][case.variant.split(":")[0]].append(ok)
        if not ok:
            misses[case.family].append(case)
    alarms: dict[str, list[bool]] = defaultdict(list)
    alarm_cases: dict[str, list[tuple[adversarial.Case, list[Finding]]]] = defaultdict(list)
    for case in adversarial.clean_cases(args.seed, args.per_family, names):
        found = scanner.scan(case.text)
        alarms[case.family].append(bool(found))
        if found:
            alarm_cases[case.family].append((case, found))

    print(f"tricks: {args.per_family} per family, seed {args.seed} (each family its own); "
          f"default policy {policy.to_dict()}")
    print(f"{'family':18} {'must':>4} {'recall':>7} {'past':>6} {'n':>4} {'fa':>6} {'n':>4}"
          "  missed kinds")
    rows: dict[str, dict[str, float | int | bool]] = {}
    for name, family in adversarial.FAMILIES.items():
        if name not in hit:
            continue
        recall, leaked, n = _share(hit[name]), _share(past[name]), len(hit[name])
        fa_n = len(alarms.get(name, []))
        fa = f"{_share(alarms[name]):6.3f}" if fa_n else f"{'-':>6}"
        missed = ", ".join(f"{kind} {len(oks) - sum(oks)}/{len(oks)}"
                           for kind, oks in sorted(by_kind[name].items()) if not all(oks))
        flag = " BELOW" if family.must_catch and recall < TARGETS["caught_per_family"] else ""
        print(f"{name:18} {'yes' if family.must_catch else '':>4} {recall:7.3f} "
              f"{leaked:6.3f} {n:4d} {fa} {fa_n:4d}  {missed}{flag}")
        rows[name] = {"must_catch": family.must_catch, "recall": recall, "past_gate": leaked,
                      "n": n, "fa": _share(alarms.get(name, [])), "fa_n": fa_n}
    every_hit = [ok for oks in hit.values() for ok in oks]
    every_past = [p for ps in past.values() for p in ps]
    every_alarm = [a for fs in alarms.values() for a in fs]
    print(f"{'all':18} {'':>4} {_share(every_hit):7.3f} {_share(every_past):6.3f} "
          f"{len(every_hit):4d} {_share(every_alarm):6.3f} {len(every_alarm):4d}")
    must = [name for name in hit if adversarial.FAMILIES[name].must_catch]
    if must:
        worst = min(_share(hit[name]) for name in must)
        must_past = _share([p for name in must for p in past[name]])
        verdict = (worst >= TARGETS["caught_per_family"]
                   and must_past <= TARGETS["past_gate_overall"])
        print(f"\nTargets (issue 13's families): lowest recall {worst:.1%} (>= 97 %), past "
              f"the gate {must_past:.1%} (<= 3 %): {'PASS' if verdict else 'FAIL'}")
    for name, missed_cases in misses.items():
        for case in missed_cases[:args.show_misses]:
            print(f"MISS {name:16} {case.variant:24} {case.text!r} [{case.value!r}]")
    for name, found_cases in alarm_cases.items():
        for case, found in found_cases[:args.show_alarms]:
            spans = [(f.entity, case.text[f.start:f.end]) for f in found]
            print(f"FA   {name:16} {case.text!r} {spans}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
