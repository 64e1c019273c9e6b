"""What the normalised view (`jupyter_safeai.scan.normalise`) adds to a scan, per cell.

    .venv/bin/python benchmarks/normalise_speed.py [--count 200] [--size 2048]

Times `normalise(cell)` on ~2 KB cells of the dev corpus as they are (mostly ASCII:
the fast path), with every 50th character made non-ASCII (no-break spaces, en
dashes, fullwidth digits, zero-width spaces, decomposed accents, Cyrillic look-alikes:
the slow path), and CJK text; beside `cell.lower()` on the same cells in the same run,
a pass every scan already pays. Target: the view adds at most 0.3 ms to a 2 KB cell.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import corpus as corpus_mod  # noqa: E402
from scan_speed import CORPUS_FILE, make_cells, pct  # noqa: E402

from jupyter_safeai.scan.normalise import normalise  # noqa: E402

TARGET_MS = 0.3
_TRICKS = ["\u00a0", "\u2013", "\uff15", "\u200b", "e\u0301", "\u0430", "\u202f", "\u2212"]


def tricked(cell: str, rng: random.Random) -> str:
    chars = list(cell)
    for at in range(0, len(chars), 50):
        chars[at] = rng.choice(_TRICKS)
    return "".join(chars)


def timed(work: Callable[[str], object], cells: Sequence[str], rounds: int = 5) -> list[float]:
    """Per-cell milliseconds, best of `rounds` for each cell (the machine is shared)."""
    out = []
    for cell in cells:
        best = float("inf")
        for _ in range(rounds):
            t0 = time.perf_counter()
            work(cell)
            best = min(best, time.perf_counter() - t0)
        out.append(best * 1000)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--size", type=int, default=2048)
    args = parser.parse_args(argv)
    records = corpus_mod.load_jsonl(CORPUS_FILE)
    rng = random.Random(13)
    plain = make_cells(records, args.size, args.count, seed=13)
    sets = {
        "corpus cells": plain,
        "every 50th char tricked": [tricked(c, rng) for c in plain],
        "CJK text": [("患者王小明，男，六十七岁。电话：一三八。" * 120)[:700]] * 20,
    }
    print(f"normalise() per ~{args.size} B cell, ms (best of 5 per cell; machine shared)")
    print(f"  {'cells':<26}{'p50':>8}{'p95':>8}{'lower() p95':>13}{'added p95':>11}  target")
    worst = 0.0
    for label, cells in sets.items():
        ours = timed(normalise, cells)
        base = timed(str.lower, cells)
        added = pct(ours, 0.95)
        worst = max(worst, added)
        print(f"  {label:<26}{statistics.median(ours):>8.3f}{added:>8.3f}"
              f"{pct(base, 0.95):>13.3f}{added:>11.3f}  <= {TARGET_MS}")
    print(f"worst p95 added: {worst:.3f} ms ({'ok' if worst <= TARGET_MS else 'OVER'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
