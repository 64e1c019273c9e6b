"""`scan_dataframe` findings of this tree against another source tree, on the same frames.

    .venv/bin/python benchmarks/dataframe_findings_ab.py --baseline /path/to/other/tree
        [--frames 300] [--seed 0] [--show 5]

For speed work that must not change what is found: synthetic frames (fixed seed) with
date columns in every style the dev corpus writes (`03/14/1958`, `1958-03-14`, `14 Mar
1958`, datetime64, with times, month and day alone, a few blanks), names columns, notes
columns (clinical notes with names and dates, clean teaching notes, short notes dating
care or a release), IDs and numbers, from 3 to 1,500 rows (past `SAMPLE_ROWS` a frame is
sampled) are built here once, then scanned by one worker process per tree (started with
`python -I`, its tree first on `sys.path`, as `scan_speed_ab.py` does). Every finding of
every frame (column, row, entity, span, score, detector, share) is compared; the frames
that differ are counted and the first `--show` printed as their findings' differences
(positions and labels, never the cell text). Exit status 1 when any frame differs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def worker(tree: str, frames_file: str) -> int:
    """Print, as one JSON line per frame, the findings `scan_dataframe` gives in `tree`."""
    sys.path.insert(0, tree)
    import jupyter_safeai

    where = Path(jupyter_safeai.__file__).resolve()
    if not where.is_relative_to(Path(tree).resolve()):
        print(f"error: jupyter_safeai imported from {where}, not {tree}", flush=True)
        return 1
    with open(frames_file, "rb") as handle:
        frames = pickle.load(handle)
    for frame in frames:
        found = jupyter_safeai.scan_dataframe(frame)
        print(json.dumps(sorted(
            [f.column, -1 if f.row is None else int(f.row), f.entity, f.start, f.end,
             round(f.score, 4), f.detector, f.share] for f in found), default=str),
            flush=True)
    return 0


# ------------------------------------------------------------------------- frames


def _date_column(gen: Any, rows: int) -> tuple[str, Any]:
    """A column of dates: one style for the column or a mix, as text or datetime64."""
    import corpus as corpus_mod
    import numpy as np
    import pandas as pd

    v = gen.v
    name = v.pick(("dob", "visit_date", "date", "col_3", "admitted", "when", "d", "ts",
                   "release", "birth_date", "seen"))
    kind = v.rng.randrange(8)
    days = [v.date(1930, 2024) for _ in range(rows)]
    if kind == 0:  # datetime64, as pandas reads a date column
        return name, pd.Series(np.array(days, dtype="datetime64[D]"))
    if kind == 1:  # with times
        return name, [f"{d.isoformat()} {v.rng.randint(0, 23):02d}:{v.rng.randint(0, 59):02d}"
                      for d in days]
    if kind == 2:  # month and day alone, or a month and its year
        return name, [v.pick((f"{d.month}/{d.day}", f"{corpus_mod.MONTH[d.month]} {d.year}",
                              f"{d.month}/{d.year}")) for d in days]
    if kind == 3:  # a mix of styles, some blanks
        return name, [None if v.chance(0.05) else v.pick(corpus_mod.DATE_STYLES)(d)
                      for d in days]
    style = v.pick(corpus_mod.DATE_STYLES)
    return name, [style(d) for d in days]


def _note(gen: Any) -> str:
    """A note: a clinical note (names, dates, MRNs), a clean one, a short dated line."""
    import corpus as corpus_mod

    v = gen.v
    r = v.rng.randrange(10)
    if r < 3:
        cell = corpus_mod.Cell()
        gen.clinical_note(cell)
        return cell.text
    if r < 5:
        return gen.clean("clinical_note")
    if r < 8:
        day = v.date_text(2000, 2024)
        return v.pick((
            f"seen {v.rng.randint(1, 12)}/{v.rng.randint(1, 28)}, f/u in 2 weeks",
            f"admitted {day}; discharged home",
            f"released on {day}",
            f"pt c/o pain since {day}",
            f"lab drawn {v.rng.randint(1, 12)}/{v.rng.randint(1, 28)} - wnl",
            f"between {day} and {v.date_text(2000, 2024)}",
            f"Updated on {day}",
            f"{v.rng.randint(40, 95)} yo F, last visit {day}",
            f"PS 10/5, FiO2 40% on {day}",
            f"dose 3/4 tab daily; next appt {day}",
        ))
    return v.pick(("", "ok", "n/a", "see above", "Follow up with PCP."))


def make_frames(count: int, seed: int) -> list[Any]:
    """`count` frames of dates, names, notes and numbers (see the module docstring)."""
    import numpy as np
    import pandas as pd

    sys.path.insert(0, str(HERE))
    import corpus as corpus_mod

    gen = corpus_mod.Generator(seed)
    v = gen.v
    frames = []
    for _ in range(count):
        rows = v.pick((3, 12, 40, 150, 400, 1500))
        columns: dict[str, Any] = {}
        for _ in range(v.rng.randint(1, 3)):
            name, values = _date_column(gen, rows)
            columns[name if name not in columns else f"{name}_{len(columns)}"] = values
        if v.chance(0.6):
            names = [v.name().text for _ in range(min(rows, 300))]
            columns[v.pick(("patient_name", "name", "author", "col_1"))] = [
                v.pick(names) for _ in range(rows)]
        if v.chance(0.7):
            notes = [_note(gen) for _ in range(min(rows, 200))]
            columns[v.pick(("note", "notes", "comment", "text"))] = [
                v.pick(notes) for _ in range(rows)]
        if v.chance(0.4):
            columns["mrn"] = [v.digits(8) for _ in range(rows)]
        if v.chance(0.4):
            columns["value"] = np.round(np.random.default_rng(v.rng.randrange(10**6))
                                        .normal(7, 2, rows), 1)
        frames.append(pd.DataFrame(columns))
    return frames


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True, help="the other source tree")
    parser.add_argument("--frames", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--show", type=int, default=5, help="differing frames to print")
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker(*args.worker)
    frames = make_frames(args.frames, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        frames_file = os.path.join(tmp, "frames.pkl")
        with open(frames_file, "wb") as handle:
            pickle.dump(frames, handle)
        outputs = {}
        for label, tree in (("this", ROOT), ("baseline", Path(args.baseline))):
            started = dt.datetime.now()
            done = subprocess.run(
                [sys.executable, "-I", str(Path(__file__).resolve()), "--baseline", "-",
                 "--worker", str(tree.resolve()), frames_file],
                capture_output=True, text=True, check=False,
                env={**os.environ, "OMP_NUM_THREADS": "1"})
            if done.returncode != 0:
                print(done.stdout[-2000:], done.stderr[-2000:], file=sys.stderr)
                return 2
            outputs[label] = [json.loads(line) for line in done.stdout.splitlines()]
            print(f"{label}: {tree} ({(dt.datetime.now() - started).total_seconds():.1f} s)")
    ours, theirs = outputs["this"], outputs["baseline"]
    differing = [i for i, (a, b) in enumerate(zip(ours, theirs, strict=True)) if a != b]
    findings = sum(len(found) for found in theirs)
    print(f"{len(frames)} frames, {findings} baseline findings, "
          f"{len(differing)} frames differ")
    for i in differing[:args.show]:
        a = {tuple(map(str, f)) for f in ours[i]}
        b = {tuple(map(str, f)) for f in theirs[i]}
        print(f"frame {i} {list(frames[i].columns)}: only here {sorted(a - b)[:5]}, "
              f"only in baseline {sorted(b - a)[:5]}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
