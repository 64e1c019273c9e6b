"""Which 2 KB cells set the p95 of `scan_speed.py`, and where their time goes.

    PYTHONPATH=. .venv/bin/python benchmarks/scan_speed_tail.py [--size 2048] [--rounds 5]
        [--top 0.05] [--json out.json]

`scan_speed.py` reports p50 and p95 over the cells `make_cells` builds from the dev
corpus; the p95 is the cost of its slowest 5 % of cells. This script times each of the
same cells (CPU of the scanning thread, `time.thread_time`, median over `--rounds`
warm rounds, as `scan_speed_ab.py` does) and prints, side by side for those slowest
cells and for the middle cells (rank 45-55 %):

- how many findings they hold and a least-squares fit of cost = base + k x findings
  over all cells (a cell's cost grows with what it holds: every candidate found is
  checked in its context);
- how many ask the NER question, what it costs them, and the p95 were it free;
- CPU per reader (each recognizer's `find`, the name reader's `find_sure`) and per
  engine step (normalise, Python parse, overlap resolution, the NER question).

The cells are this repository's own generated corpus; no text is printed, only the
cells' indexes. Timings are of this tree only: compare trees with `scan_speed_ab.py`.
"""

from __future__ import annotations

import argparse
import collections
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from scan_speed import CORPUS_FILE, make_cells, pct  # noqa: E402


def _timed(totals: dict[str, float], key: str, call: Callable[..., Any],
           consume: bool = False) -> Callable[..., Any]:
    """`call`, adding its CPU seconds to `totals[key]` (`consume`: a generator's, run out)."""
    def timed(*args: Any, **kwargs: Any) -> Any:
        t0 = time.thread_time()
        out = call(*args, **kwargs)
        if consume:
            out = list(out)
        totals[key] += time.thread_time() - t0
        return out
    return timed


def instrument(scanner: Any, totals: dict[str, float]) -> None:
    """Time every reader of `scanner` and the engine's steps into `totals`."""
    from jupyter_safeai.scan import engine

    for recognizer in scanner.recognizers:
        attr = "find_sure" if hasattr(recognizer, "find_sure") else "find"
        object.__setattr__(recognizer, attr, _timed(
            totals, recognizer.name, getattr(recognizer, attr), consume=attr == "find"))
    for step in ("normalise", "python_identifier_spans", "resolve_overlaps"):
        setattr(engine, step, _timed(totals, f"engine:{step}", getattr(engine, step)))
    scanner._confirm_open = _timed(totals, "engine:ner_question", scanner._confirm_open)


def fit(x: Sequence[float], y: Sequence[float]) -> tuple[float, float]:
    """(intercept, slope) of the least-squares line through (x, y)."""
    mx, my = statistics.fmean(x), statistics.fmean(y)
    var = sum((a - mx) ** 2 for a in x)
    slope = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True)) / var if var else 0.0
    return my - slope * mx, slope


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2048)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--top", type=float, default=0.05, help="share of slowest cells")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)

    import corpus as corpus_mod

    import jupyter_safeai.scan.nlp as nlp
    from jupyter_safeai.scan import default_scanner

    cells = make_cells(corpus_mod.load_jsonl(CORPUS_FILE), args.size, args.count,
                       seed=args.size)
    scanner = default_scanner()
    for cell in cells:  # warm: lists loaded, NER loaded, words remembered
        scanner.scan(cell)

    # 1. each cell's CPU, median over rounds, uninstrumented
    per_cell: list[list[float]] = [[] for _ in cells]
    for _ in range(args.rounds):
        for i, cell in enumerate(cells):
            t0 = time.thread_time()
            scanner.scan(cell)
            per_cell[i].append((time.thread_time() - t0) * 1000)
    cost = [statistics.median(times) for times in per_cell]
    findings = [len(scanner.scan(cell)) for cell in cells]

    # 2. the NER question's CPU per cell (0 for a cell that asks none)
    ner_ms = [0.0] * len(cells)
    asked = [False] * len(cells)
    current = [0]  # the cell being scanned
    labels_many = nlp.PersonNer.labels_many

    def counting(self: Any, text: str, spans: Any) -> list[str]:
        t0 = time.thread_time()
        out = labels_many(self, text, spans)
        ner_ms[current[0]] += (time.thread_time() - t0) * 1000 / args.rounds
        asked[current[0]] = asked[current[0]] or bool(spans)
        return out

    nlp.PersonNer.labels_many = counting  # type: ignore[method-assign]
    try:
        for _ in range(args.rounds):
            for i, cell in enumerate(cells):
                current[0] = i
                scanner.scan(cell)
    finally:
        nlp.PersonNer.labels_many = labels_many  # type: ignore[method-assign]

    order = sorted(range(len(cells)), key=lambda i: -cost[i])
    n_top = max(1, round(args.top * len(cells)))
    groups = {"slowest": order[:n_top],
              "middle": order[int(0.45 * len(cells)):int(0.55 * len(cells))]}

    # 3. per reader and engine step, for each group
    totals: dict[str, float] = collections.defaultdict(float)
    instrument(scanner, totals)
    split: dict[str, dict[str, float]] = {}
    for name, members in groups.items():
        totals.clear()
        for _ in range(args.rounds):
            for i in members:
                scanner.scan(cells[i])
        scale = 1e6 / args.rounds / len(members)  # µs per scan
        split[name] = {key: value * scale for key, value in totals.items()}

    base, per_finding = fit(findings, cost)
    without_ner = [c - n for c, n in zip(cost, ner_ms, strict=True)]
    print(f"{len(cells)} cells of ~{args.size} B, CPU ms per scan (median of {args.rounds} "
          f"rounds): p50 {pct(cost, 0.5):.2f}  p95 {pct(cost, 0.95):.2f}  "
          f"(p95 were the NER question free: {pct(without_ner, 0.95):.2f})")
    print(f"cost ~ {base:.2f} ms + {per_finding * 1000:.0f} µs per finding "
          f"(over all cells)")
    for name, members in groups.items():
        mean_ms = statistics.fmean(cost[i] for i in members)
        held = statistics.fmean(findings[i] for i in members)
        print(f"  {name:<8} {len(members):>3} cells: {mean_ms:.2f} ms, {held:.1f} findings, "
              f"{sum(asked[i] for i in members)} ask NER "
              f"({statistics.fmean(ner_ms[i] for i in members):.2f} ms a cell)")
    print(f"  slowest cells (index): {' '.join(map(str, groups['slowest']))}")
    keys = sorted(split["slowest"], key=lambda k: -split["slowest"][k])
    print(f"  {'µs per scan':<34}{'slowest':>9}{'middle':>9}{'ratio':>8}")
    for key in keys:
        slow, mid = split["slowest"][key], split["middle"].get(key, 0.0)
        if slow >= 20 or mid >= 20:
            ratio = f"{slow / mid:.2f}" if mid else "–"
            print(f"  {key:<34}{slow:>9.0f}{mid:>9.0f}{ratio:>8}")
    if args.json:
        args.json.write_text(json.dumps({
            "cost_ms": cost, "findings": findings, "ner_ms": ner_ms, "groups": groups,
            "split_us": split, "fit": {"base_ms": base, "per_finding_ms": per_finding},
        }, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
