"""`jupyter safeai scan` on a folder of notebooks: cells per second, this tree against another.

    python benchmarks/cli_speed.py FOLDER --baseline-src DIR [--repeat 3]

FOLDER holds notebooks fetched from a public repository (kept outside this one);
DIR is another source tree of the package (e.g. `git archive <commit> | tar -x -C DIR`).
Both run the same command line in fresh processes, alternating so that a loaded machine
slows both alike; the median wall time of each gives cells/s and their ratio. The
summary lines of both runs are printed so a changed result is seen, not hidden.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]


def count_cells(folder: Path) -> tuple[int, int]:
    """(notebooks, cells) below `folder`, nbformat 3 worksheets included."""
    notebooks = cells = 0
    for path in folder.rglob("*.ipynb"):
        if ".ipynb_checkpoints" in path.parts:
            continue
        try:
            nb = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        notebooks += 1
        if "worksheets" in nb:
            cells += sum(len(ws.get("cells", [])) for ws in nb["worksheets"])
        else:
            cells += len(nb.get("cells", []))
    return notebooks, cells


def run_once(src: Path, folder: Path) -> tuple[float, int, str]:
    """Wall time, exit status and summary line of one `scan` in a fresh interpreter."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    started = time.perf_counter()
    # cwd too: `-m` puts the working directory first on the path, before PYTHONPATH
    done = subprocess.run([sys.executable, "-m", "jupyter_safeai.cli", "scan",
                           str(folder.resolve()), "--format", "json"], capture_output=True,
                          text=True, env=env, cwd=src, check=False)
    seconds = time.perf_counter() - started
    try:
        summary = json.loads(done.stdout)["summary"]["text"]
    except (ValueError, KeyError):
        summary = (done.stderr.strip().splitlines() or ["(no output)"])[-1]
    return seconds, done.returncode, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--baseline-src", type=Path, required=True,
                        help="another source tree of jupyter_safeai (the baseline)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    notebooks, cells = count_cells(args.folder)
    print(f"{notebooks} notebooks, {cells} cells in {args.folder}; load {os.getloadavg()[0]:.1f}")
    times: dict[str, list[float]] = {"baseline": [], "this tree": []}
    summaries: dict[str, str] = {}
    for _ in range(args.repeat):
        for name, src in (("baseline", args.baseline_src), ("this tree", HERE)):
            seconds, code, summary = run_once(src.resolve(), args.folder)
            times[name].append(seconds)
            summaries[name] = f"exit {code}: {summary}"
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:>10}: median {median:6.2f} s ({cells / median:7.0f} cells/s), "
              f"runs {' '.join(f'{v:.1f}' for v in values)}; {summaries[name]}")
    ratio = statistics.median(times["baseline"]) / statistics.median(times["this tree"])
    print(f"speed, this tree / baseline: {ratio:.2f} (above 1: faster)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
