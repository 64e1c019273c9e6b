"""Scan CPU time of this tree against another source tree, on the same cells, in one run.

    .venv/bin/python benchmarks/scan_speed_ab.py --baseline /path/to/other/tree
        [--rounds 5] [--count 200] [--sizes 300 2048] [--cells texts.json] [--ner]
        [--json out.json]

Why a tool of its own: `scan_speed.py` puts the tree it sits in first on `sys.path`,
whatever `PYTHONPATH` or the working folder say. Run with `PYTHONPATH=<baseline>`, or
copied somewhere to time a baseline, it times the code of the tree it sits in (or,
outside any tree, the editable install's), not the baseline's. And two runs minutes
apart on a shared machine differ by more than the change being measured.

So each tree gets a worker process started with `python -I` (no `PYTHONPATH`, no
script folder on `sys.path`) that puts its tree first and checks where `jupyter_safeai`
came from. Both read the same cells (made by this tree's `scan_speed.make_cells` from
this tree's dev corpus), warm up, then time `scan_text` on every cell with
`time.thread_time` (CPU of the scanning thread: a busy neighbour adds less noise than to
wall time). Rounds alternate which worker goes first; a cell's time is its median over
the rounds, and p50 / p95 are taken over those medians. Ratios are this tree / baseline:
below 1 is faster. Workers run with one OpenMP thread each, as the scanner runs NER.
`--ner` times only the NER questions of each scan (the cells that ask one in both
trees), `--cells` reads the texts from a JSON list instead of making corpus cells.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def worker(tree: str, cells_file: str, ner_only: bool) -> int:
    """Scan the cells of `cells_file` once per line read on stdin, print the CPU ms of
    each scan (`ner_only`: of its NER questions alone, 0 for a cell that asks none)."""
    sys.path.insert(0, tree)
    import jupyter_safeai
    import jupyter_safeai.scan.nlp as nlp

    where = Path(jupyter_safeai.__file__).resolve()
    if not where.is_relative_to(Path(tree).resolve()):
        print(f"error: jupyter_safeai imported from {where}, not {tree}", flush=True)
        return 1
    scan = jupyter_safeai.scan_text
    asking = 0.0
    if ner_only:  # every question goes through `labels_many`
        labels_many = nlp.PersonNer.labels_many

        def timed(self: Any, text: str, spans: Any) -> list[str]:
            nonlocal asking
            t0 = time.thread_time()
            try:
                return labels_many(self, text, spans)
            finally:
                asking += time.thread_time() - t0 if spans else 0.0

        nlp.PersonNer.labels_many = timed  # type: ignore[method-assign]
    cells = json.loads(Path(cells_file).read_text())
    for cell in cells[:20] + cells[::-1][:20]:
        scan(cell)
    print("ready", flush=True)
    for _ in sys.stdin:
        out = []
        for cell in cells:
            asking = 0.0
            t0 = time.thread_time()
            scan(cell)
            out.append((asking if ner_only else time.thread_time() - t0) * 1000)
        print(json.dumps(out), flush=True)
    return 0


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def start_worker(tree: Path, cells_file: str, ner_only: bool) -> subprocess.Popen[str]:
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    env.pop("PYTHONPATH", None)
    proc = subprocess.Popen([sys.executable, "-I", str(Path(__file__).resolve()), "--worker",
                             str(tree), cells_file, "ner" if ner_only else "scan"],
                            stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    first = proc.stdout.readline().strip()
    if first != "ready":
        proc.kill()
        raise SystemExit(f"worker for {tree} did not start: {first or 'no output'}")
    return proc


def compare(base: Path, new: Path, cells: list[str], rounds: int, ner_only: bool = False
            ) -> dict[str, list[float]]:
    """Per-cell median CPU ms of each tree over `rounds` alternating rounds."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", prefix="safeai-ab-") as f:
        json.dump(cells, f)
        f.flush()
        workers = {"base": start_worker(base, f.name, ner_only),
                   "new": start_worker(new, f.name, ner_only)}
        times: dict[str, list[list[float]]] = {"base": [], "new": []}
        try:
            for r in range(rounds):
                for name in ("base", "new") if r % 2 == 0 else ("new", "base"):
                    proc = workers[name]
                    assert proc.stdin is not None and proc.stdout is not None
                    proc.stdin.write("go\n")
                    proc.stdin.flush()
                    times[name].append(json.loads(proc.stdout.readline()))
        finally:
            for proc in workers.values():
                if proc.stdin:
                    proc.stdin.close()
                proc.wait()
    return {name: [statistics.median(cell) for cell in zip(*t, strict=True)]
            for name, t in times.items()}


def main(argv: list[str] | None = None) -> int:
    if argv is None and sys.argv[1:2] == ["--worker"]:
        return worker(sys.argv[2], sys.argv[3], sys.argv[4] == "ner")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, required=True,
                        help="another source tree of jupyter-safeai (a git worktree)")
    parser.add_argument("--tree", type=Path, default=ROOT,
                        help="the tree to measure (default: the one holding this script)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--count", type=int, default=200, help="cells of each size")
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 2048])
    parser.add_argument("--cells", type=Path, default=None,
                        help="a JSON list of texts to time instead of the corpus cells")
    parser.add_argument("--ner", action="store_true",
                        help="time only the NER questions (`PersonNer.labels_many`), "
                        "per cell that asks one")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    import corpus as corpus_mod
    from scan_speed import CORPUS_FILE, make_cells

    records = corpus_mod.load_jsonl(CORPUS_FILE)
    report: dict[str, Any] = {"baseline": str(args.baseline), "tree": str(args.tree),
                              "rounds": args.rounds}
    what = "NER questions' CPU ms per cell that asks" if args.ner else "scan_text CPU ms per cell"
    print(f"{what}, {args.tree} (new) vs {args.baseline} (base), "
          f"median of {args.rounds} alternating rounds")
    sets = ({args.cells.name: json.loads(args.cells.read_text())} if args.cells else
            {size: make_cells(records, size, args.count, seed=size) for size in args.sizes})
    for size, cells in sets.items():
        med = compare(args.baseline, args.tree, cells, args.rounds, args.ner)
        if args.ner:  # the cells that ask NER in both trees
            asked = [i for i, pair in enumerate(zip(med["base"], med["new"], strict=True))
                     if all(pair)]
            med = {name: [times[i] for i in asked] for name, times in med.items()}
            print(f"  {len(asked)} of {len(cells)} cells ask NER")
            if not asked:
                continue
        row = {f"{name}_{q}": pct(med[name], p) for name in ("base", "new")
               for q, p in (("p50", 0.5), ("p95", 0.95))}
        row.update(ratio_p50=row["new_p50"] / row["base_p50"],
                   ratio_p95=row["new_p95"] / row["base_p95"],
                   ratio_total=sum(med["new"]) / sum(med["base"]))
        report[str(size)] = row
        name = f"{size} B" if isinstance(size, int) else size
        print(f"  {name:>7}  base p50 {row['base_p50']:.3f} p95 {row['base_p95']:.3f}"
              f" | new p50 {row['new_p50']:.3f} p95 {row['new_p95']:.3f}"
              f" | new/base p50 {row['ratio_p50']:.3f} p95 {row['ratio_p95']:.3f}"
              f" total {row['ratio_total']:.3f}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
