"""PHI recall on text nobody here wrote, and quiet on real notebooks, side by side with plain
presidio (spaCy sm, findings scored below 0.5 dropped) in one run.

    .venv/bin/python benchmarks/scan_external.py --synth /tmp/ext/synth_v2.json \\
        --notebooks /tmp/ext/notebooks [--set asq-phi=DIR] [--set physionet-deid=DIR]
        [--set tab=DIR] [--set wnut17=DIR] [--set panorama=DIR] [--set gum=DIR]
        [--part tune|tune-a|tune-b|held-out|both] [--no-presidio]
        [--presidio-notebooks N] [--show K] [--values] [--sample-findings N]
        [--labels labels.json] [--no-own] [--json out.json]

Data (public, fetched with the `fetch` tool, kept OUTSIDE the repository; never commit it):
  presidio-research: fetch `github:microsoft/presidio-research`, then
      git -C /work/.mirror/microsoft+presidio-research/repo \\
          show HEAD:data/synth_dataset_v2.json > /tmp/ext/synth_v2.json
  --set: ASQ-PHI (synthetic clinical queries), PhysioNet deid's surrogate-PHI nursing
      notes, TAB's ECHR court cases, WNUT-17's social-media texts, PANORAMA's
      synthetic online posts and GUM's 15 genres of English, read by `labelled_sets.py`;
      how to fetch them is in
      benchmarks/README.md.
  notebooks: fetch public teaching repositories (we used jakevdp/PythonDataScienceHandbook,
      ageron/handson-ml2, CamDavidsonPilon/Probabilistic-Programming-and-Bayesian-Methods-
      for-Hackers, Qiskit/textbook, donnemartin/data-science-ipython-notebooks,
      guipsamora/pandas_exercises, ipython/ipython-in-depth, jupyter/notebook,
      mwaskom/seaborn, rasbt/python-machine-learning-book-3rd-edition), then write each
      `*.ipynb` of HEAD under `<dir>/<owner>+<name>/<path>` with `git show HEAD:<path>`.
      `--per-repo` caps how many notebooks of one repository are read (chosen by hash).

Split: every synth record by its template id, every notebook by its path, is put in
`tune` (~60 %) or `held-out` (~40 %) by a SHA-256 of that key. Tune on `tune` only;
read `held-out` once, at the end. `tune-a` / `tune-b` split every set's tune part in two
by the same hash (a notebook stays whole in one half): read the misses of one half only, and measure
the other to see whether a rule generalises.

Metrics
  synth   span recall on presidio-research's clear identifier kinds (PERSON, street
          address, phone, ZIP, e-mail, SSN, card, IBAN, IP, driver's licence): a gold span
          counts as found when PHI findings cover >= 50 % of its characters (strict: a
          finding of the matching label). False alarms: share of its clean sentences (no
          clear-kind span) with a finding outside every gold span of a HIPAA kind (the
          clear kinds, GPE, DATE_TIME, AGE, DOMAIN_NAME); ORGANIZATION, TITLE, NRP are
          not identifiers.
  --set   the same span recall on each set's identifier labels, false alarms on its texts
          without any.
  notebooks  share of cells (source or any text output) and of notebooks with a finding;
          findings by label; `--sample-findings N --values` prints a fixed sample of ours
          with context to hand-label, `--labels` (a JSON {key: 0|1} kept outside the repo)
          reports the share of labelled findings that are a real person's identifier.
  own     `scan_accuracy.py`'s corpus (ours only) as the regression check.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from labelled_sets import LOADERS, LabelledSet, part_of, tune_half  # noqa: E402
from scan_accuracy import Hit  # noqa: E402 - one finding record for both accuracy benchmarks

PRESIDIO_MIN_SCORE = 0.5
#: presidio-research label → the labels of ours that name the same thing (first: strict)
CLEAR_KINDS: dict[str, tuple[str, ...]] = {
    "PERSON": ("PERSON",),
    "STREET_ADDRESS": ("STREET_ADDRESS", "LOCATION", "ZIP_CODE"),
    "PHONE_NUMBER": ("PHONE_NUMBER", "FAX_NUMBER"),
    "ZIP_CODE": ("ZIP_CODE",),
    "EMAIL_ADDRESS": ("EMAIL_ADDRESS",),
    "US_SSN": ("US_SSN",),
    "CREDIT_CARD": ("CREDIT_CARD",),
    "IBAN_CODE": ("ACCOUNT_NUMBER",),
    "IP_ADDRESS": ("IP_ADDRESS",),
    "US_DRIVER_LICENSE": ("LICENSE_NUMBER",),
}
#: gold kinds a finding may fall on without being a false alarm
HIPAA_KINDS = frozenset(CLEAR_KINDS) | {"GPE", "DATE_TIME", "AGE", "DOMAIN_NAME"}
TARGETS = {"synth_recall": 0.95, "synth_false_alarms": 0.03, "cells_flagged": 0.02,
           "notebooks_flagged": 0.25, "own_recall": 0.98, "own_false_alarms": 0.03}
PRESIDIO_MAX_CHARS = 100_000  # spaCy refuses 1,000,000; longer outputs are cut for presidio
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


Scan = Callable[[str], list[Hit]]


def ours_scanner() -> Scan:
    import jupyter_safeai
    from jupyter_safeai.scan.notebook import raw_findings

    jupyter_safeai.scan_text("warm up: Patient John Smith MRN 00483920")

    def scan(text: str) -> list[Hit]:
        return [Hit(f.start, f.end, f.entity, f.category, f.detector)
                for f in raw_findings(text, jupyter_safeai.scan_text)]
    return scan


def prompt_scanner() -> Scan:
    """Ours as the prompt gate scans a prompt: well-known placeholder values
    (`…@example.com`, `123-45-6789`) are reported too (`policy.gate.check_prompt`)."""
    import jupyter_safeai
    from jupyter_safeai.scan.placeholders import with_placeholders

    scanner = with_placeholders(jupyter_safeai.scan_text)

    def scan(text: str) -> list[Hit]:
        return [Hit(f.start, f.end, f.entity, f.category, f.detector) for f in scanner(text)]
    return scan


def presidio_scanner() -> Scan:
    from presidio_baseline import PresidioBaseline

    baseline = PresidioBaseline(score_threshold=PRESIDIO_MIN_SCORE)

    def scan(text: str) -> list[Hit]:
        return [Hit(f.start, f.end, f.entity, "phi", f.detector)
                for f in baseline(text[:PRESIDIO_MAX_CHARS])]
    return scan


# ------------------------------------------------------------------ presidio-research synth


def load_synth(path: Path) -> list[dict[str, Any]]:
    records = json.loads(path.read_text())
    for i, r in enumerate(records):
        r["id"] = i
        key = f"synth:{r.get('template_id', r['full_text'])}"
        r["part"], r["half"] = part_of(key), tune_half(key)
    return records


@dataclass
class SynthResult:
    found: Counter = field(default_factory=Counter)
    strict: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    clean: int = 0
    alarms: int = 0
    misses: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    false: list[tuple[dict[str, Any], Hit]] = field(default_factory=list)
    seconds: float = 0.0

    def recall(self, kind: str | None = None, strict: bool = False) -> float | None:
        hit = self.strict if strict else self.found
        n = self.total[kind] if kind else sum(self.total.values())
        k = hit[kind] if kind else sum(hit.values())
        return k / n if n else None

    @property
    def alarm_rate(self) -> float | None:
        return self.alarms / self.clean if self.clean else None


def covered(start: int, end: int, hits: Sequence[Hit]) -> float:
    marks = bytearray(end - start)
    for h in hits:
        for i in range(max(start, h.start), min(end, h.end)):
            marks[i - start] = 1
    return sum(marks) / max(1, end - start)


def evaluate_synth(records: Sequence[dict[str, Any]], scan: Scan,
                   clear_kinds: dict[str, tuple[str, ...]] = CLEAR_KINDS,
                   allowed_kinds: frozenset[str] = HIPAA_KINDS) -> SynthResult:
    """Span recall on `clear_kinds`; a finding outside every span of `allowed_kinds` is false."""
    result = SynthResult()
    t0 = time.perf_counter()
    for r in records:
        hits = [h for h in scan(r["full_text"]) if h.category == "phi"]
        spans = r["spans"]
        clear = [s for s in spans if s["entity_type"] in clear_kinds]
        for s in clear:
            kind, start, end = s["entity_type"], s["start_position"], s["end_position"]
            near = [h for h in hits if h.start < end and h.end > start]
            ok = covered(start, end, near) >= 0.5
            result.total[kind] += 1
            result.found[kind] += ok
            same = [h for h in near if h.entity in clear_kinds[kind]]
            result.strict[kind] += covered(start, end, same) >= 0.5
            if not ok:
                result.misses.append((r, s))
        allowed = [s for s in spans if s["entity_type"] in allowed_kinds]
        false = [h for h in hits if not any(h.start < s["end_position"]
                                            and h.end > s["start_position"] for s in allowed)]
        result.false.extend((r, h) for h in false)
        if not clear:
            result.clean += 1
            result.alarms += bool(false)
    result.seconds = time.perf_counter() - t0
    return result


# ------------------------------------------------------------------ notebooks


def notebook_paths(root: Path, per_repo: int) -> list[Path]:
    """At most `per_repo` notebooks of each `<root>/<owner>+<name>/`, chosen by hash."""
    chosen: list[Path] = []
    for repo in sorted(p for p in root.iterdir() if p.is_dir()):
        found = sorted(repo.rglob("*.ipynb"),
                       key=lambda p: hashlib.sha256(str(p.relative_to(root)).encode()).digest())
        chosen += [p for p in found if ".ipynb_checkpoints" not in p.parts][:per_repo]
    return sorted(chosen)


def cell_texts(nb: dict[str, Any]) -> Iterator[tuple[int, str, str]]:
    """(cell index, where, text) of every source and text output, as the notebook scan
    reads them."""
    from jupyter_safeai.scan.notebook import _as_text, _output_texts

    cells = nb.get("cells") if isinstance(nb, dict) else None
    for index, cell in enumerate(cells if isinstance(cells, list) else []):
        if not isinstance(cell, dict):
            continue
        source = _as_text(cell.get("source", ""))
        if source:
            yield index, f"source:{cell.get('cell_type')}", source
        for out_index, output in enumerate(cell.get("outputs") or []):
            if not isinstance(output, dict):
                continue
            for mime, text in _output_texts(output):
                if text:
                    yield index, f"output{out_index}:{mime}", _ANSI.sub("", text)


@dataclass
class Notebook:
    key: str
    part: str
    half: str | None  # tune-a / tune-b inside the tune part
    parts: list[tuple[int, str, str]]
    cells: int


def load_notebooks(root: Path, per_repo: int) -> list[Notebook]:
    out = []
    for path in notebook_paths(root, per_repo):
        key = str(path.relative_to(root))
        try:
            nb = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            continue
        parts = list(cell_texts(nb))
        cells = len(nb.get("cells") or []) if isinstance(nb, dict) else 0
        if cells:
            split_key = f"notebook:{key}"
            out.append(Notebook(key, part_of(split_key), tune_half(split_key), parts, cells))
    return out


@dataclass
class NotebookResult:
    cells: int = 0
    flagged_cells: int = 0
    notebooks: int = 0
    flagged_notebooks: int = 0
    labels: Counter = field(default_factory=Counter)
    findings: list[tuple[Notebook, int, str, str, Hit]] = field(default_factory=list)
    seconds: float = 0.0
    errors: int = 0


def evaluate_notebooks(notebooks: Sequence[Notebook], scan: Scan) -> NotebookResult:
    result = NotebookResult()
    t0 = time.perf_counter()
    for nb in notebooks:
        flagged: set[int] = set()
        for cell, where, text in nb.parts:
            try:
                hits = scan(text)
            except Exception:  # a scan that fails closed blocks the cell
                result.errors += 1
                flagged.add(cell)
                continue
            for h in hits:
                result.labels[h.entity] += 1
                result.findings.append((nb, cell, where, text, h))
            if hits:
                flagged.add(cell)
        result.cells += nb.cells
        result.flagged_cells += len(flagged)
        result.notebooks += 1
        result.flagged_notebooks += bool(flagged)
    result.seconds = time.perf_counter() - t0
    return result


def finding_key(nb: Notebook, cell: int, where: str, text: str, h: Hit) -> str:
    value = text[h.start:h.end]
    return f"{nb.key}#{cell}#{where}#{h.entity}#{hashlib.sha256(value.encode()).hexdigest()[:12]}"


# ------------------------------------------------------------------ output


def fmt(x: float | None) -> str:
    return "     –" if x is None else f"{x:6.3f}"


def shown(text: str, start: int, end: int, values: bool, around: int = 50) -> str:
    if not values:
        v = text[start:end]
        return f"{v[:1]}{'•' * min(len(v) - 1, 11)} ({len(v)} ch)"
    before = text[max(0, start - around):start]
    after = text[end:end + around]
    return (f"{before}[[{text[start:end]}]]{after}").replace("\n", "⏎").replace("\t", "⇥")


def print_rows(title: str, headers: list[str], rows: list[tuple[str, list[str], str]]) -> None:
    print(f"\n{title}")
    print(f"  {'':44}" + "".join(f"{h:>18}" for h in headers) + f"{'target':>10}")
    for label, values, target in rows:
        print(f"  {label:44}" + "".join(f"{v:>18}" for v in values) + f"{target:>10}")


def report_synth(parts: list[str], results: dict[tuple[str, str], SynthResult],
                 systems: list[str], counts: dict[str, int],
                 title: str = "presidio-research synth_dataset_v2",
                 kinds: Sequence[str] = tuple(CLEAR_KINDS),
                 clean: str = "sentences") -> None:
    headers = [f"{s}·{p}" for p in parts for s in systems]
    keys = [(s, p) for p in parts for s in systems]
    rows = [
        ("span recall, clear kinds (>=50%)", [fmt(results[k].recall()) for k in keys], "≥ 0.95"),
        ("strict recall (matching label)", [fmt(results[k].recall(strict=True)) for k in keys],
         ""),
        (f"false alarms on clean {clean}", [fmt(results[k].alarm_rate) for k in keys],
         "≤ 0.03"),
    ]
    n_clean = "/".join(str(results[(systems[0], p)].clean) for p in parts)
    rows.append((f"  clean {clean} (n={n_clean})", ["" for _ in keys], ""))
    for kind in kinds:
        n = "/".join(str(results[(systems[0], p)].total[kind]) for p in parts)
        rows.append((f"  {kind} (n={n})", [fmt(results[k].recall(kind)) for k in keys], ""))
    print_rows(f"{title} (records: " + ", ".join(
        f"{p} {counts[p]}" for p in parts) + ")", headers, rows)


def report_notebooks(parts: list[str], results: dict[tuple[str, str], NotebookResult],
                     systems: list[str]) -> None:
    keys = [(s, p) for p in parts for s in systems if (s, p) in results]
    headers = [f"{s}·{p}" for s, p in keys]

    def share(a: int, b: int) -> str:
        return fmt(a / b if b else None)

    rows = [
        ("notebooks", [str(results[k].notebooks) for k in keys], ""),
        ("cells", [str(results[k].cells) for k in keys], ""),
        ("share of cells flagged", [share(results[k].flagged_cells, results[k].cells)
                                    for k in keys], "≤ 0.02"),
        ("share of notebooks flagged", [share(results[k].flagged_notebooks,
                                              results[k].notebooks) for k in keys], "≤ 0.25"),
        ("findings", [str(sum(results[k].labels.values())) for k in keys], ""),
        ("seconds", [f"{results[k].seconds:.1f}" for k in keys], ""),
    ]
    print_rows("Real public notebooks, no patient data", headers, rows)
    for k in keys:
        print(f"  {k[0]}·{k[1]} findings by label: " + ", ".join(
            f"{e} {n}" for e, n in results[k].labels.most_common()))


def show_synth(name: str, result: SynthResult, k: int, values: bool) -> None:
    print(f"\n{name}: misses by kind: " + ", ".join(
        f"{e} {n}" for e, n in Counter(s['entity_type'] for _, s in result.misses).most_common()))
    for r, s in result.misses[:k]:
        print(f"  miss {s['entity_type']:<16} #{r['id']:<5} "
              f"{shown(r['full_text'], s['start_position'], s['end_position'], values)}")
    print(f"{name}: false findings by label: " + ", ".join(
        f"{e} {n}" for e, n in Counter(h.entity for _, h in result.false).most_common()))
    for r, h in result.false[:k]:
        print(f"  false {h.entity:<16} #{r['id']:<5} {h.detector:<16} "
              f"{shown(r['full_text'], h.start, h.end, values)}")


def show_notebook_findings(name: str, result: NotebookResult, k: int, values: bool) -> None:
    if k <= 0:
        return
    detectors = Counter(f"{h.entity}/{h.detector}" for *_, h in result.findings)
    print(f"\n{name}: findings by label/detector: " + ", ".join(
        f"{e} {n}" for e, n in detectors.most_common(30)))
    sample = random.Random(7).sample(result.findings, min(k, len(result.findings)))
    for nb, cell, where, text, h in sample:
        print(f"  {h.entity:<14} {h.detector:<16} {nb.key[:60]}#{cell} {where[:20]:<20} "
              f"{shown(text, h.start, h.end, values)}")


def label_share(result: NotebookResult, labels: dict[str, int]) -> tuple[int, int]:
    keyed = {finding_key(*f): labels[finding_key(*f)] for f in result.findings
             if finding_key(*f) in labels}
    return sum(keyed.values()), len(keyed)


def run_labelled_set(labelled: LabelledSet, parts: list[str], systems: list[str],
                     scanners: dict[str, Scan], show: int, values: bool) -> dict[str, Any]:
    """One labelled set through every system and part, as the synth set; a set of
    prompts also through ours as the prompt gate scans them (`ours(prompt)`)."""
    if labelled.prompts:
        systems = ["ours", "ours(prompt)", *systems[1:]]
        scanners = {**scanners, "ours(prompt)": prompt_scanner()}
    results: dict[tuple[str, str], SynthResult] = {}
    for part in parts:
        chosen = [r for r in labelled.records if part in (r["part"], r["half"])]
        for name in systems:
            results[(name, part)] = evaluate_synth(chosen, scanners[name],
                                                   labelled.clear_kinds, labelled.allowed_kinds)
    report_synth(parts, results, systems,
                 {p: sum(p in (r["part"], r["half"]) for r in labelled.records) for p in parts},
                 title=labelled.title, kinds=tuple(labelled.clear_kinds), clean="texts")
    if labelled.unplaced:
        print(f"  ({labelled.unplaced} labels whose value is not in their text are left out)")
    for part in parts:
        if show:
            show_synth(f"{labelled.name} ours·{part}", results[("ours", part)], show, values)
    return {f"{s}·{p}": {"recall": r.recall(), "strict": r.recall(strict=True),
                         "false_alarms": r.alarm_rate,
                         "by_kind": {k: r.recall(k) for k in labelled.clear_kinds}}
            for (s, p), r in results.items()}


# ------------------------------------------------------------------ own corpus


def own_corpus() -> dict[str, Any]:
    import scan_accuracy

    import jupyter_safeai

    records = scan_accuracy.corpus_mod.load_jsonl(scan_accuracy.CORPUS_FILE)
    ev = scan_accuracy.evaluate(scan_accuracy.run("ours", records, jupyter_safeai.scan_text))
    return {"records": len(records), "span_recall": ev["span_recall"],
            "false_alarm_rate": ev["false_alarm_rate"], "seconds": ev["seconds"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synth", type=Path, help="presidio-research synth_dataset_v2.json")
    parser.add_argument("--notebooks", type=Path, help="<dir>/<owner>+<name>/**/*.ipynb")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=PATH",
                        help="another labelled set: " + ", ".join(LOADERS))
    parser.add_argument("--per-repo", type=int, default=60)
    parser.add_argument("--part", choices=("tune", "tune-a", "tune-b", "held-out", "both"),
                        default="tune", help="tune-a / tune-b: the records of one half "
                        "of each tune part (by the split's key), notebooks too")
    parser.add_argument("--no-presidio", action="store_true")
    parser.add_argument("--presidio-notebooks", type=int, default=0,
                        help="presidio on a fixed sample of N notebooks per part (0: all)")
    parser.add_argument("--no-own", action="store_true")
    parser.add_argument("--show", type=int, default=0, metavar="K",
                        help="print K misses / false findings of ours")
    parser.add_argument("--values", action="store_true",
                        help="print values with context (public data only) instead of masks")
    parser.add_argument("--sample-findings", type=int, default=0, metavar="N",
                        help="print a fixed sample of N notebook findings of ours with keys")
    parser.add_argument("--labels", type=Path, help="JSON {finding key: 1 real, 0 not}")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    parts = ["tune", "held-out"] if args.part == "both" else [args.part]
    systems = ["ours"] + ([] if args.no_presidio else ["presidio"])
    scanners: dict[str, Scan] = {"ours": ours_scanner()}
    if not args.no_presidio:
        scanners["presidio"] = presidio_scanner()
    summary: dict[str, Any] = {"parts": parts}

    if args.synth:
        records = load_synth(args.synth)
        results: dict[tuple[str, str], SynthResult] = {}
        for part in parts:
            chosen = [r for r in records if part in (r["part"], r["half"])]
            for name in systems:
                results[(name, part)] = evaluate_synth(chosen, scanners[name])
        report_synth(parts, results, systems,
                     {p: sum(p in (r["part"], r["half"]) for r in records) for p in parts})
        for part in parts:
            if args.show:
                show_synth(f"ours·{part}", results[("ours", part)], args.show, args.values)
        summary["synth"] = {f"{s}·{p}": {"recall": r.recall(), "strict": r.recall(strict=True),
                                         "false_alarms": r.alarm_rate}
                            for (s, p), r in results.items()}

    for spec in args.set:
        name, _, path = spec.partition("=")
        if name not in LOADERS or not path:
            parser.error(f"--set takes NAME=PATH, NAME one of {', '.join(LOADERS)}")
        summary[name] = run_labelled_set(LOADERS[name](Path(path)), parts, systems, scanners,
                                         args.show, args.values)

    if args.notebooks:
        notebooks = load_notebooks(args.notebooks, args.per_repo)
        nb_results: dict[tuple[str, str], NotebookResult] = {}
        for part in parts:
            chosen = [nb for nb in notebooks if part in (nb.part, nb.half)]
            for name in systems:
                sample = chosen
                if name == "presidio" and args.presidio_notebooks:
                    sample = sorted(random.Random(1).sample(
                        chosen, min(args.presidio_notebooks, len(chosen))), key=lambda n: n.key)
                    nb_results[("ours(sample)", part)] = evaluate_notebooks(sample,
                                                                            scanners["ours"])
                nb_results[(name, part)] = evaluate_notebooks(sample, scanners[name])
        shown_systems = systems + (["ours(sample)"] if args.presidio_notebooks
                                   and not args.no_presidio else [])
        report_notebooks(parts, nb_results, shown_systems)
        labels = json.loads(args.labels.read_text()) if args.labels else {}
        for part in parts:
            ours = nb_results[("ours", part)]
            show_notebook_findings(f"ours·{part}", ours, args.show, args.values)
            if args.sample_findings:
                sample = random.Random(11).sample(ours.findings,
                                                  min(args.sample_findings, len(ours.findings)))
                print(f"\nours·{part}: {len(sample)} findings to hand-label (key, value, context)")
                for f in sample:
                    print(f"  {finding_key(*f)}\t{f[4].entity}\t"
                          f"{shown(f[3], f[4].start, f[4].end, args.values)}")
            if labels:
                real, n = label_share(ours, labels)
                print(f"ours·{part}: hand-labelled {n} findings, {real} a real person's "
                      f"identifier ({real / n:.2f})" if n else
                      f"ours·{part}: none of the labelled findings is found now")
        summary["notebooks"] = {f"{s}·{p}": {
            "cells": r.cells, "cells_flagged": r.flagged_cells / max(1, r.cells),
            "notebooks": r.notebooks,
            "notebooks_flagged": r.flagged_notebooks / max(1, r.notebooks)}
            for (s, p), r in nb_results.items()}

    if not args.no_own:
        own = own_corpus()
        print(f"\nOwn generated corpus (regression check, NOT evidence of recall): "
              f"{own['records']} records, span recall {own['span_recall']:.3f} (≥ 0.98), "
              f"clean false alarms {own['false_alarm_rate']:.3f} (≤ 0.03)")
        summary["own"] = own
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
