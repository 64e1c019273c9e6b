"""The `%%safe_ai` overhead before a request leaves the kernel, with a DataFrame as context.

    .venv/bin/python benchmarks/magic_overhead.py [--runs 20] [--rows 100000] [--json out.json]

Measures, for a 100,000-row x 10-column frame (mixed dtypes, identifier columns, seed 0):
  ours    `describe_dataframe` (schema + synthetic rows + sampled `scan_dataframe`)
          + `build_prompt` + `scan_text` of the built prompt; median and p95 over
          `--runs` warm runs (the scanner's one-time load is excluded: one warm-up run).
  naive   what sending the table itself would cost: `df.to_string()` + `scan_text`,
          timed on a 1,000-row slice and extrapolated linearly to all rows (stated as
          such: the whole frame's text is over the scanner's 2,000,000-character limit,
          so it could not be scanned in one piece at all).
Target: ours <= 100 ms (median and p95).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from jupyter_safeai import scan_text  # noqa: E402
from jupyter_safeai.kernel.context import (  # noqa: E402
    DATETIME_SAMPLE_ROWS,
    TABLE_SAMPLE_ROWS,
    build_prompt,
    describe_dataframe,
)
from jupyter_safeai.scan.engine import default_scanner  # noqa: E402

TARGET_MS = 100.0
NAIVE_SLICE = 1_000
QUESTION = "How do I plot mean glucose by ward and month of admission, split by smoker?"
FIRST = ["John", "Maria", "Wei", "Aisha", "Kwame", "Priya", "Hiroshi", "Chinedu", "Olga",
         "Santiago", "Fatima", "Liam"]
LAST = ["Smith", "Garcia", "Wang", "Khan", "Mensah", "Sharma", "Tanaka", "Okonkwo",
        "Ivanova", "Rossi", "Haddad", "Murphy"]


def make_frame(rows: int, seed: int = 0) -> pd.DataFrame:
    """Ten columns: names, MRNs, dates (datetime), ZIPs, e-mails as identifiers; glucose,
    age, smoker, ward, a free-text note as data."""
    rng = np.random.default_rng(seed)
    names = np.char.add(np.char.add(rng.choice(FIRST, rows), " "), rng.choice(LAST, rows))
    return pd.DataFrame({
        "patient_name": names.astype(object),
        "mrn": np.char.zfill(rng.integers(0, 10**8, rows).astype(str), 8).astype(object),
        "dob": pd.Timestamp("1930-01-01") + pd.to_timedelta(rng.integers(0, 27_000, rows),
                                                            unit="D"),
        "admit_date": pd.Timestamp("2018-01-01")
        + pd.to_timedelta(rng.integers(0, 2_000, rows), unit="D"),
        "zip": rng.integers(10_000, 99_999, rows).astype(str).astype(object),
        "email": [f"pt{i}@clinic-mail.org" for i in range(rows)],
        "glucose": rng.normal(110, 25, rows).round(1),
        "age": rng.integers(18, 104, rows),
        "smoker": rng.random(rows) < 0.2,
        "ward": pd.Categorical(rng.choice(["cardiology", "oncology", "surgery"], rows)),
    })


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def time_ours(df: pd.DataFrame, runs: int) -> dict[str, Any]:
    steps: dict[str, list[float]] = {"describe": [], "build": [], "scan": [], "total": []}
    for _ in range(runs):
        t0 = time.perf_counter()
        part = describe_dataframe("df", df)
        t1 = time.perf_counter()
        prompt = build_prompt(QUESTION, [part])
        t2 = time.perf_counter()
        findings = scan_text(prompt)
        t3 = time.perf_counter()
        for key, value in zip(steps, (t1 - t0, t2 - t1, t3 - t2, t3 - t0), strict=True):
            steps[key].append(value * 1000)
    return {"median_ms": statistics.median(steps["total"]),
            "p95_ms": percentile(steps["total"], 0.95),
            "steps_median_ms": {k: statistics.median(v) for k, v in steps.items()},
            "prompt_chars": len(prompt), "prompt_findings": len(findings),
            "table_findings": len(part.table_findings)}


def time_naive(df: pd.DataFrame, repeats: int = 3) -> dict[str, Any]:
    piece = df.iloc[:NAIVE_SLICE]
    render, scan = [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        text = piece.to_string()
        t1 = time.perf_counter()
        scan_text(text)
        t2 = time.perf_counter()
        render.append((t1 - t0) * 1000)
        scan.append((t2 - t1) * 1000)
    factor = len(df) / NAIVE_SLICE
    return {"slice_rows": NAIVE_SLICE, "slice_ms": statistics.median(render)
            + statistics.median(scan), "factor": factor,
            "extrapolated_ms": (statistics.median(render) + statistics.median(scan)) * factor,
            "extrapolated_chars": int(len(text) * factor)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)

    df = make_frame(args.rows)
    t0 = time.perf_counter()
    default_scanner().load()
    describe_dataframe("df", df)  # warm-up run, not timed
    warm_s = time.perf_counter() - t0
    ours = time_ours(df, args.runs)
    naive = time_naive(df)
    ratio = naive["extrapolated_ms"] / ours["median_ms"]
    ok = ours["median_ms"] <= TARGET_MS and ours["p95_ms"] <= TARGET_MS

    steps = ours["steps_median_ms"]
    print(f"%%safe_ai overhead before the request leaves, DataFrame context "
          f"{len(df):,} rows x {len(df.columns)} columns (seed 0)")
    print(f"  (scanner load + warm-up run, not timed: {warm_s:.2f} s; "
          f"table scan samples {TABLE_SAMPLE_ROWS} rows, {DATETIME_SAMPLE_ROWS} in datetime "
          "columns)")
    print(f"  ours   describe_dataframe + build_prompt + scan_text(prompt), {args.runs} runs:")
    print(f"         median {ours['median_ms']:7.1f} ms   p95 {ours['p95_ms']:7.1f} ms   "
          f"target <= {TARGET_MS:.0f} ms   {'PASS' if ok else 'FAIL'}")
    print(f"         steps (median): describe {steps['describe']:.1f} ms, build "
          f"{steps['build']:.2f} ms, scan {steps['scan']:.1f} ms; prompt "
          f"{ours['prompt_chars']:,} chars, {ours['prompt_findings']} findings in it, "
          f"{ours['table_findings']} table findings kept in the kernel")
    print(f"  naive  df.to_string() + scan_text: {naive['slice_ms']:.0f} ms for "
          f"{naive['slice_rows']:,} rows, EXTRAPOLATED x{naive['factor']:.0f} to "
          f"{len(df):,} rows: {naive['extrapolated_ms'] / 1000:.1f} s "
          f"(~{naive['extrapolated_chars']:,} chars: over the scanner's 2,000,000 limit)")
    print(f"  ratio  naive / ours (median): {ratio:,.0f}x")
    if args.json:
        args.json.write_text(json.dumps({"ours": ours, "naive": naive, "ratio": ratio,
                                         "target_ms": TARGET_MS, "pass": ok}, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
