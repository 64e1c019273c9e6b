"""Accuracy of `jupyter_safeai.scan_text` on the synthetic dev corpus, side by side with
plain presidio-analyzer (same spaCy model, labels mapped onto ours).

    .venv/bin/python benchmarks/scan_accuracy.py [--limit N] [--seed S] [--no-presidio]
        [--presidio-sample N] [--show-misses K] [--json out.json]

Metrics
  span recall     a gold span counts as found when findings of its category cover ≥ 50 %
                  of its characters; "strict" asks for findings of the same label.
  precision       share of findings that overlap any gold span.
  false alarms    share of clean records (hard negatives) with at least one finding.
  breakdowns      recall per entity, per name origin / script / name source / cue, and
                  recall over secret spans.
Presidio has no secret or genomic recognizers; it is reported as is. Presidio's default
score threshold is 0, which keeps 0.01-scored guesses, so it is also shown with its
findings below 0.5 dropped ("presidio≥.5").
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import corpus as corpus_mod  # noqa: E402

from jupyter_safeai.scan.entities import ENTITIES, category_of  # noqa: E402

CORPUS_FILE = ROOT / "tests" / "data" / "dev_corpus.jsonl"
TARGETS = {"span_recall": 0.98, "name_recall_per_origin": 0.95, "secret_recall": 0.95,
           "false_alarm_rate": 0.03}
PRESIDIO_STRICT = 0.5


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    entity: str
    category: str
    detector: str = ""
    score: float = 1.0


@dataclass
class Result:
    """Findings of one system on a list of records."""

    name: str
    records: list[dict[str, Any]]
    findings: list[list[Hit]]
    seconds: float
    errors: int = 0
    notes: list[str] = field(default_factory=list)


def run(name: str, records: Sequence[dict[str, Any]], scan: Callable[[str], Iterable[Any]]
        ) -> Result:
    out: list[list[Hit]] = []
    errors = 0
    t0 = time.perf_counter()
    for r in records:
        try:
            found = scan(r["text"])
        except Exception:  # a scan that fails closed blocks the whole cell
            errors += 1
            found = []
        out.append([Hit(f.start, f.end, f.entity, category_of(f.entity),
                        getattr(f, "detector", ""), getattr(f, "score", 1.0)) for f in found])
    return Result(name, list(records), out, time.perf_counter() - t0, errors)


def filtered(result: Result, min_score: float, name: str) -> Result:
    return Result(name, result.records,
                  [[h for h in hits if h.score >= min_score] for hits in result.findings],
                  result.seconds, result.errors)


def covered(span: dict[str, Any], hits: Iterable[Hit]) -> float:
    """Share of the span's characters covered by `hits` (union, not sum)."""
    s, e = span["start"], span["end"]
    marks = bytearray(e - s)
    for h in hits:
        for i in range(max(s, h.start), min(e, h.end)):
            marks[i - s] = 1
    return sum(marks) / max(1, e - s)


def found(span: dict[str, Any], hits: list[Hit], strict: bool) -> bool:
    cat = category_of(span["entity"])
    same = [h for h in hits if (h.entity == span["entity"] if strict else h.category == cat)
            and h.start < span["end"] and h.end > span["start"]]
    return covered(span, same) >= 0.5


@dataclass
class Tally:
    hit: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.hit += ok
        self.total += 1

    @property
    def rate(self) -> float | None:
        return self.hit / self.total if self.total else None


def evaluate(result: Result) -> dict[str, Any]:
    overall, strict, secrets = Tally(), Tally(), Tally()
    groups: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    precision, alarms = Tally(), Tally()
    misses: list[tuple[dict[str, Any], dict[str, Any], list[Hit]]] = []
    false_hits: list[tuple[dict[str, Any], Hit]] = []
    for record, hits in zip(result.records, result.findings, strict=True):
        spans = record["spans"]
        if record["clean"]:
            alarms.add(bool(hits))
        for h in hits:
            ok = any(h.start < s["end"] and h.end > s["start"] for s in spans)
            precision.add(ok)
            if not ok:
                false_hits.append((record, h))
        for s in spans:
            ok = found(s, hits, strict=False)
            overall.add(ok)
            strict.add(found(s, hits, strict=True))
            groups["entity"][s["entity"]].add(ok)
            groups["category"][category_of(s["entity"])].add(ok)
            groups["kind"][record["kind"]].add(ok)
            if category_of(s["entity"]) == "secret":
                secrets.add(ok)
            if s["entity"] == "PERSON":
                for key in ("origin", "script", "name_source", "cue"):
                    groups[key][s.get(key, "?")].add(ok)
            if not ok:
                near = [h for h in hits if h.start < s["end"] and h.end > s["start"]]
                misses.append((record, s, near))
    per_origin = [t.rate for t in groups["origin"].values() if t.rate is not None]
    return {
        "system": result.name,
        "records": len(result.records),
        "seconds": round(result.seconds, 2),
        "errors": result.errors,
        "span_recall": overall.rate,
        "strict_recall": strict.rate,
        "precision": precision.rate,
        "findings": precision.total,
        "false_alarm_rate": alarms.rate,
        "clean_records": alarms.total,
        "secret_recall": secrets.rate,
        "min_name_recall_per_origin": min(per_origin) if per_origin else None,
        "groups": {g: {k: {"recall": t.rate, "n": t.total} for k, t in sorted(d.items())}
                   for g, d in groups.items()},
        "_misses": misses,
        "_false": false_hits,
    }


# ---------------------------------------------------------------------- output


def fmt(x: float | None) -> str:
    return "   –  " if x is None else f"{x:6.3f}"


def mask(value: str) -> str:
    value = value.replace("\n", "⏎")
    return value[:1] + "•" * min(len(value) - 1, 11) + f" ({len(value)} ch)"


def print_table(title: str, rows: list[tuple[str, list[float | None], str]],
                headers: list[str]) -> None:
    print(f"\n{title}")
    width = max(28, *(len(r[0]) for r in rows))
    print(f"  {'':{width}}" + "".join(f"{h:>14}" for h in headers) + f"{'target':>10}")
    for label, values, target in rows:
        print(f"  {label:{width}}" + "".join(f"{fmt(v):>14}" for v in values) + f"{target:>10}")


def group_rows(evals: list[dict[str, Any]], group: str, target: str = "") -> list[
        tuple[str, list[float | None], str]]:
    keys = sorted({k for e in evals for k in e["groups"].get(group, {})})
    rows = []
    for k in keys:
        n = evals[0]["groups"].get(group, {}).get(k, {}).get("n", 0)
        rows.append((f"{k} (n={n})", [e["groups"].get(group, {}).get(k, {}).get("recall")
                                      for e in evals], target))
    return rows


def show_examples(ev: dict[str, Any], k: int) -> None:
    if k <= 0:
        return
    print(f"\n{ev['system']}: first {k} missed gold spans (entity, record, masked value, "
          "what overlapped)")
    by_entity = Counter(span["entity"] for _, span, _ in ev["_misses"])
    print("  misses by entity: " + ", ".join(f"{e} {n}" for e, n in by_entity.most_common()))
    for record, span, near in ev["_misses"][:k]:
        value = record["text"][span["start"]:span["end"]]
        meta = " ".join(f"{key}={span[key]}" for key in ("origin", "script", "name_source",
                                                           "cue") if key in span)
        got = ",".join(sorted({h.entity for h in near})) or "nothing"
        print(f"  {span['entity']:<22} {record['id']} {record['kind']:<14} {mask(value):<24} "
              f"found={got} {meta}")
    print(f"\n{ev['system']}: first {k} false alarms (finding on no gold span)")
    by_label = Counter(h.entity for _, h in ev["_false"])
    print("  false alarms by label: " + ", ".join(f"{e} {n}" for e, n in by_label.most_common()))
    for record, h in ev["_false"][:k]:
        value = record["text"][h.start:h.end]
        print(f"  {h.entity:<22} {record['id']} {record['kind']:<14} {mask(value):<24} "
              f"{h.detector} clean={record['clean']}")


def load_records(args: argparse.Namespace) -> tuple[list[dict[str, Any]], str]:
    if args.seed is None and args.corpus.exists():
        records, source = corpus_mod.load_jsonl(args.corpus), str(args.corpus)
    else:
        seed = corpus_mod.DEFAULT_SEED if args.seed is None else args.seed
        records = corpus_mod.generate(corpus_mod.DEFAULT_RECORDS, seed)
        source = f"generated, seed {seed}"
    if args.limit:
        records = records[:args.limit]
    return records, source


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS_FILE)
    parser.add_argument("--seed", type=int, default=None,
                        help="generate a fresh corpus with this seed instead of the file")
    parser.add_argument("--limit", type=int, default=0, help="first N records only")
    parser.add_argument("--no-presidio", action="store_true")
    parser.add_argument("--presidio-sample", type=int, default=0,
                        help="run presidio on a fixed random sample of N records "
                             "(default: all)")
    parser.add_argument("--show-misses", type=int, default=0, metavar="K")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)

    records, source = load_records(args)
    print(f"corpus: {source}: {len(records)} records, "
          f"{sum(len(r['spans']) for r in records)} gold spans, "
          f"{sum(r['clean'] for r in records)} clean")

    import jupyter_safeai

    t0 = time.perf_counter()
    jupyter_safeai.scan_text("warm up: Patient John Smith MRN 00483920")
    warm = time.perf_counter() - t0
    ours = run("ours", records, jupyter_safeai.scan_text)
    results = [ours]
    headers = ["ours"]
    sample: list[dict[str, Any]] = []
    if not args.no_presidio:
        n = args.presidio_sample
        sample = (records if not n or n >= len(records)
                  else random.Random(1).sample(records, n))
        sample.sort(key=lambda r: r["id"])
        from presidio_baseline import PresidioBaseline

        baseline = PresidioBaseline()
        presidio = run("presidio", sample, baseline)
        if len(sample) < len(records):
            results.append(run("ours (presidio sample)", sample, jupyter_safeai.scan_text))
            headers.append("ours·sample")
        results += [presidio, filtered(presidio, PRESIDIO_STRICT, "presidio≥.5")]
        headers += ["presidio", "presidio≥.5"]
    evals = [evaluate(r) for r in results]

    print(f"ours: {len(records)} records in {ours.seconds:.2f} s "
          f"({sum(len(r['text']) for r in records) / 1024 / ours.seconds:,.0f} KB/s; "
          f"first scan incl. setup {warm:.2f} s), scan errors {ours.errors}")
    if sample:
        p = results[headers.index("presidio")]
        kb = sum(len(r["text"]) for r in sample) / 1024
        print(f"presidio: {len(sample)} records"
              f"{' (fixed random sample, seed 1)' if len(sample) < len(records) else ''} in "
              f"{p.seconds:.2f} s ({kb / p.seconds:,.0f} KB/s), errors {p.errors}; "
              "presidio has no secret or genomic recognizers")

    print_table("Overall", [
        ("span recall (category, ≥50%)", [e["span_recall"] for e in evals], "≥ 0.98"),
        ("strict recall (same label)", [e["strict_recall"] for e in evals], ""),
        ("precision (findings on gold)", [e["precision"] for e in evals], ""),
        ("clean-cell false-alarm rate", [e["false_alarm_rate"] for e in evals], "≤ 0.03"),
        ("secret recall", [e["secret_recall"] for e in evals], "≥ 0.95"),
        ("min name recall over origins", [e["min_name_recall_per_origin"] for e in evals],
         "≥ 0.95"),
    ], headers)
    print_table("Recall by category", group_rows(evals, "category"), headers)
    print_table("Recall by entity", group_rows(evals, "entity"), headers)
    print_table("PERSON recall by origin", group_rows(evals, "origin", "≥ 0.95"), headers)
    print_table("PERSON recall by script", group_rows(evals, "script"), headers)
    print_table("PERSON recall by name source", group_rows(evals, "name_source"), headers)
    print_table("PERSON recall by cue", group_rows(evals, "cue"), headers)
    print_table("Recall by record kind", group_rows(evals, "kind"), headers)

    e0 = evals[0]
    checks = [("span recall", e0["span_recall"], TARGETS["span_recall"], True),
              ("names per origin", e0["min_name_recall_per_origin"],
               TARGETS["name_recall_per_origin"], True),
              ("secret recall", e0["secret_recall"], TARGETS["secret_recall"], True),
              ("false alarms", e0["false_alarm_rate"], TARGETS["false_alarm_rate"], False)]
    print("\nTargets (ours, full corpus): " + "; ".join(
        f"{name} {value:.3f} {'PASS' if (value >= t if up else value <= t) else 'FAIL'}"
        for name, value, t, up in checks if value is not None))
    for ev in evals:
        if ev["system"] in ("ours", "presidio"):
            show_examples(ev, args.show_misses)
    if args.json:
        args.json.write_text(json.dumps(
            {"corpus": source, "targets": TARGETS,
             "systems": [{k: v for k, v in e.items() if not k.startswith("_")} for e in evals]},
            indent=2))
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    assert set(ENTITIES)  # labels come from the package, not a copy
    sys.exit(main())
