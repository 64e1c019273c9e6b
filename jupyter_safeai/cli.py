"""`jupyter safeai scan`: find PHI, secrets and genomic identifiers in files before they are shared.

The same engine that guards prompts checks notebooks, code and tables in a
pre-commit hook or CI. Reports name the file, cell, line, column and kind of
each finding with a masked value — never the value — so a report (or a SARIF
file uploaded to a CI service) does not itself leak what it found. Exit codes:
0 clean (below `--fail-on`), 1 findings at or above it, 2 usage or read errors.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .scan.allow import Baseline, apply_inline_allows, fingerprint, mask, without_markers
from .scan.entities import ENTITIES
from .scan.finding import Finding
from .scan.notebook import SCAN_FAILED, failure_reason, line_columns, raw_findings, scan_notebook

TEXT_SUFFIXES = frozenset({".py", ".md", ".markdown", ".txt", ".sql"})
TABLE_SUFFIXES = frozenset({".csv", ".parquet"})
SUFFIXES = TEXT_SUFFIXES | TABLE_SUFFIXES | {".ipynb"}
SKIP_DIRS = frozenset({
    ".git", ".venv", "node_modules", ".ipynb_checkpoints",
    "__pycache__", ".tox", ".mypy_cache", ".pytest_cache", ".ruff_cache",
})
SEVERITIES = ("low", "medium", "high")
CATEGORIES = ("phi", "secret", "genomic")
_SARIF_LEVEL = {"high": "error", "medium": "warning", "low": "note"}
_SECURITY_SEVERITY = {"high": "8.0", "medium": "5.0", "low": "2.0"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def severity(category: str, score: float) -> str:
    """Unsure findings are low; genomic identifiers medium; PHI, secrets (and unknowns) high."""
    if score < 0.5:
        return "low"
    return "medium" if category == "genomic" else "high"


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class FileFinding:
    """One finding placed in a file, as reports show it (masked value, no raw text)."""

    path: str
    entity: str
    category: str
    score: float
    detector: str
    masked: str
    line: int | None = None
    column: int | None = None
    cell: int | None = None
    cell_type: str | None = None
    where: str | None = None
    output: int | None = None
    part: str | None = None
    table_column: str | None = None
    row: int | None = None
    share: float | None = None
    fingerprint: str = field(default="", repr=False)

    @property
    def severity(self) -> str:
        return severity(self.category, self.score)

    def to_dict(self) -> dict[str, object]:
        out = asdict(self)
        del out["fingerprint"]  # a hash of a 9-digit SSN is an SSN to anyone who tries them all
        out["severity"] = self.severity
        out["score"] = round(self.score, 3)
        return {k: v for k, v in out.items() if v is not None}

    def sort_key(self) -> tuple[Any, ...]:
        return (self.path, -1 if self.cell is None else self.cell, self.where != "source",
                -1 if self.output is None else self.output, self.row or 0, self.line or 0,
                self.column or 0, self.table_column or "", self.entity)


@dataclass(frozen=True, slots=True)
class NotScanned:
    """A part of a file that was skipped (an image output, a malformed cell) and why."""

    path: str
    reason: str
    cell: int | None = None
    output: int | None = None
    part: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    def where(self) -> str:
        bits = [f"cell {self.cell}" if self.cell is not None else "",
                f"output {self.output}" if self.output is not None else "",
                f"({self.part})" if self.part else ""]
        return " ".join(b for b in bits if b) or "file"


@dataclass
class Report:
    findings: list[FileFinding] = field(default_factory=list)
    not_scanned: list[NotScanned] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # scanned, as shown
    accepted_by_baseline: int = 0

    @property
    def files_scanned(self) -> int:
        return len(self.files)


class FileError(Exception):
    """A file that could not be read or scanned; its message names the reason, not the data."""


# --------------------------------------------------------------------------- scanning files


def _scan_text(text: str) -> list[Finding]:
    import jupyter_safeai  # at call time: the engine behind it is replaceable (and patchable)

    return jupyter_safeai.scan_text(text)


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileError(exc.strerror or type(exc).__name__) from None
    if b"\0" in data[:8192]:
        raise FileError("a binary file, not text (supported: "
                        f"{' '.join(sorted(SUFFIXES))})")
    return data.decode("utf-8-sig", errors="replace")


def scan_text_file(path: Path, shown: str, forbidden: Collection[str] = ()) -> list[FileFinding]:
    """A source or prose file: scan it whole; inline markers apply."""
    text = _read_text(path)
    try:
        raw = raw_findings(text, _scan_text)
    except Exception as exc:  # noqa: BLE001 - fail closed: a file not read is not clean
        raise FileError(failure_reason(exc)) from None
    kept = apply_inline_allows(text, raw, forbidden)
    out = []
    for f, line, column in line_columns(text, kept):
        value = text[f.start:f.end]
        out.append(FileFinding(shown, f.entity, f.category, f.score, f.detector, mask(value),
                               line, column, fingerprint=fingerprint(f.entity, value)))
    return out


def scan_notebook_file(
    path: Path, shown: str, forbidden: Collection[str] = ()
) -> tuple[list[FileFinding], list[NotScanned]]:
    """An .ipynb: every cell's source and text outputs (see `scan.notebook`)."""
    try:
        nb = json.loads(_read_text(path))
    except json.JSONDecodeError as exc:
        raise FileError(f"not valid JSON ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise FileError("not an nbformat-4 notebook (no cell list)")
    result = scan_notebook(nb, path=shown, scanner=_scan_text, forbidden_categories=forbidden)
    findings = [
        FileFinding(shown, f.entity, f.category, f.score, f.detector, f.masked, f.line, f.column,
                    cell=f.cell, cell_type=f.cell_type, where=f.where, output=f.output,
                    part=f.part, fingerprint=f.fingerprint)
        for f in result.findings
    ]
    skipped = [NotScanned(shown, s.reason, s.cell, s.output, s.part) for s in result.skipped]
    return findings, skipped


def _scan_cell_text(value: str) -> list[Finding]:
    return _scan_text(without_markers(value))


def _scan_cells_as_text(df: Any) -> list[Finding]:
    """Stand-in for `scan_dataframe` where it is missing: every cell through `scan_text`."""
    found = []
    for column in df.columns:
        for row, value in enumerate(df[column].tolist()):
            if isinstance(value, str) and value:
                found.extend(Finding(f.start, f.end, f.entity, f.category, f.score, f.detector,
                                     column=str(column), row=row) for f in _scan_cell_text(value))
    return found


def _table_scanner() -> Callable[[Any], list[Finding]]:
    try:
        from jupyter_safeai import scan_dataframe
    except ImportError:
        return _scan_cells_as_text
    return scan_dataframe


def _read_table(path: Path) -> Any:
    try:
        import pandas as pd
    except ImportError:
        raise FileError("reading tables needs pandas (pip install pandas pyarrow)") from None
    try:
        if path.suffix.lower() == ".parquet":
            return pd.read_parquet(path, engine="pyarrow")
        # As text: leading zeros (ZIP codes, MRNs) and long digit strings stay as written.
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding_errors="replace")
    except ImportError as exc:
        raise FileError(f"reading {path.suffix} needs {exc.name or 'pyarrow'}") from None
    except Exception as exc:  # noqa: BLE001 - pandas/pyarrow raise many types for a bad file
        raise FileError(f"cannot parse as {path.suffix[1:]} ({type(exc).__name__})") from None


def scan_table_file(path: Path, shown: str) -> list[FileFinding]:
    """A CSV or Parquet file: `scan_dataframe` decides per column (and row) what it holds."""
    df = _read_table(path)
    csv = path.suffix.lower() == ".csv"
    out = []
    for f in _table_scanner()(df):
        value = _cell_value(df, f)
        if value is None:  # a finding about a whole column
            masked, digest, line = "", fingerprint(f.entity, f"column:{f.column}"), None
        else:
            masked, digest = mask(value), fingerprint(f.entity, value)
            line = f.row + 2 if csv and f.row is not None else None  # line 1 is the header
        out.append(FileFinding(shown, f.entity, f.category, f.score, f.detector, masked, line,
                               table_column=f.column, row=f.row, share=f.share,
                               fingerprint=digest))
    return out


def _cell_value(df: Any, f: Finding) -> str | None:
    """The matched part of the cell a row finding points at (None for column findings)."""
    if f.row is None or f.column is None:
        return None
    try:
        cell = "" if df[f.column].iloc[f.row] is None else str(df[f.column].iloc[f.row])
    except (KeyError, IndexError, TypeError, ValueError):
        return ""
    return cell[f.start:f.end] if 0 <= f.start < f.end <= len(cell) else cell


# --------------------------------------------------------------------------- files


def collect_files(paths: Iterable[str]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Expand directories (sorted, skipping VCS/env/checkpoint folders); report bad paths.

    In a directory only known suffixes count; a file named explicitly is always
    scanned (as text unless it is a notebook or a table): pre-commit's `python` type
    also covers scripts without `.py`, and skipping them would pass them unread.
    """
    files: dict[Path, None] = {}
    errors: list[tuple[str, str]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
                for name in sorted(names):
                    if Path(name).suffix.lower() in SUFFIXES:
                        files[Path(root, name)] = None
        elif path.is_file():
            files[path] = None
        else:
            errors.append((raw, "no such file or directory"))
    return list(files), errors


def _relative(path: Path, base: Path) -> str:
    """`path` relative to `base` when below it, else absolute; always with `/`."""
    absolute = os.path.abspath(path)
    rel = os.path.relpath(absolute, os.path.abspath(base))
    return Path(absolute if rel.startswith("..") else rel).as_posix()


def scan_paths(paths: Iterable[str], forbidden: Collection[str] = ()) -> Report:
    report = Report()
    files, report.errors = collect_files(paths)
    for path in files:
        shown = _relative(path, Path.cwd())
        suffix = path.suffix.lower()
        try:
            if suffix == ".ipynb":
                found, skipped = scan_notebook_file(path, shown, forbidden)
                for item in skipped:
                    if item.reason.startswith(SCAN_FAILED):  # a text part not read: not clean
                        report.errors.append((shown, f"{item.where()}: {item.reason}"))
                    else:
                        report.not_scanned.append(item)
            elif suffix in TABLE_SUFFIXES:
                found = scan_table_file(path, shown)
            else:
                found = scan_text_file(path, shown, forbidden)
        except FileError as exc:
            report.errors.append((shown, str(exc)))
            continue
        except Exception as exc:  # noqa: BLE001 - fail closed: a crash must not read as clean
            report.errors.append((shown, failure_reason(exc)))
            continue
        report.files.append(shown)
        report.findings.extend(found)
    report.findings.sort(key=FileFinding.sort_key)
    return report


# --------------------------------------------------------------------------- baseline


def _by_baseline_path(findings: Iterable[FileFinding], base: Path) -> dict[str, list[FileFinding]]:
    """Baseline paths are relative to the baseline's folder, so any working directory works."""
    grouped: dict[str, list[FileFinding]] = {}
    for f in findings:
        grouped.setdefault(_relative(Path(f.path), base), []).append(f)
    return grouped


def apply_baseline(report: Report, baseline: Baseline, forbidden: Collection[str]) -> None:
    base = (baseline.file or Path(".")).parent
    kept: list[FileFinding] = []
    for key, group in _by_baseline_path(report.findings, base).items():
        kept.extend(baseline.filter(key, group, forbidden))
    report.accepted_by_baseline += len(report.findings) - len(kept)
    report.findings = sorted(kept, key=FileFinding.sort_key)


def update_baseline(report: Report, file: Path, forbidden: Collection[str],
                    scanned: Iterable[str]) -> Baseline:
    """Accept every current finding; entries of files not scanned this time are kept."""
    base = file.parent
    fresh = Baseline.from_findings(
        _by_baseline_path((f for f in report.findings if f.category not in forbidden), base), file
    )
    scanned_keys = {_relative(Path(p), base) for p in scanned}
    old = Baseline.load(file).entries if file.exists() else ()
    kept = tuple(e for e in old if e.path not in scanned_keys)
    merged = Baseline(kept + fresh.entries, file)
    merged.save()
    return merged


# --------------------------------------------------------------------------- rendering


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _note_kind(item: NotScanned) -> str:
    """How a skipped part is counted: `image output`, `image attachment`, `malformed cell`..."""
    if item.reason == "image":
        return "image output"
    if item.reason == "attachment" and (item.part or "").startswith("image/"):
        return "image attachment"
    return item.reason


def summary_line(report: Report) -> str:
    """`3 findings in 2 files (2 high, 1 medium); 1 image output not scanned`."""
    n = len(report.findings)
    if n:
        files = len({f.path for f in report.findings})
        counts = Counter(f.severity for f in report.findings)
        by_sev = ", ".join(f"{counts[s]} {s}" for s in reversed(SEVERITIES) if counts[s])
        parts = [f"{_plural(n, 'finding')} in {_plural(files, 'file')} ({by_sev})"]
    else:
        parts = [f"No findings ({_plural(report.files_scanned, 'file')} scanned)"]
    for kind, count in Counter(_note_kind(s) for s in report.not_scanned).items():
        parts.append(f"{_plural(count, kind)} not scanned")
    if report.accepted_by_baseline:
        parts.append(f"{report.accepted_by_baseline} accepted by baseline")
    if report.errors:
        parts.append(f"{_plural(len(report.errors), 'file')} could not be read")
    return "; ".join(parts)


def _location(f: FileFinding) -> tuple[str, str, str]:
    """(cell, line, column) cells of the table."""
    cell = "-" if f.cell is None else str(f.cell)
    if f.where == "output":
        cell += f" out {f.output}"
    if f.table_column is not None:
        if f.row is None:
            share = f" ({f.share:.0%})" if f.share is not None else ""
            return cell, "-", f"{f.table_column}{share}"
        return cell, str(f.line) if f.line else f"row {f.row}", f.table_column
    return cell, str(f.line or "-"), str(f.column or "-")


def render_table(report: Report) -> str:
    header = ("FILE", "CELL", "LINE", "COL", "SEVERITY", "ENTITY", "VALUE")
    rows = [(f.path, *_location(f), f.severity, f.entity, f.masked or "(column)")
            for f in report.findings]
    lines = []
    if rows:
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header) - 1)]
        for r in [header, *rows]:
            lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False))
                         + "  " + r[-1])
    grouped: dict[tuple[str, str], list[NotScanned]] = {}
    for item in report.not_scanned:
        grouped.setdefault((item.path, _note_kind(item)), []).append(item)
    for (path, kind), items in grouped.items():
        where = ", ".join(i.where() for i in items[:5]) + (", …" if len(items) > 5 else "")
        lines.append(f"note: {path}: {_plural(len(items), kind)} not scanned ({where})")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def _version() -> str:
    from . import __version__

    return __version__


def render_json(report: Report) -> str:
    counts = Counter(f.severity for f in report.findings)
    doc = {
        "tool": "jupyter-safeai",
        "version": _version(),
        "summary": {
            "text": summary_line(report),
            "findings": len(report.findings),
            "files_with_findings": len({f.path for f in report.findings}),
            "files_scanned": report.files_scanned,
            "by_severity": {s: counts[s] for s in SEVERITIES},
            "accepted_by_baseline": report.accepted_by_baseline,
            "not_scanned": len(report.not_scanned),
            "errors": len(report.errors),
        },
        "findings": [f.to_dict() for f in report.findings],
        "not_scanned": [s.to_dict() for s in report.not_scanned],
        "errors": [{"path": p, "error": e} for p, e in report.errors],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _uri(path: str) -> dict[str, str]:
    if Path(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(path), "uriBaseId": "%SRCROOT%"}


def _rule(entity: str) -> dict[str, object]:
    category, description = ENTITIES.get(entity, ("phi", "an identifier"))
    level = severity(category, 1.0)
    kind = {"phi": "PHI", "secret": "a secret"}.get(category, f"{category} data")
    return {
        "id": entity,
        "name": "".join(w.capitalize() for w in entity.split("_")),
        "shortDescription": {"text": f"{entity}: {description}"},
        "fullDescription": {"text": f"The file holds {description} ({category})."},
        "help": {"text": f"Remove or redact it. If it is not really {kind}, accept it "
                         f"with `# safeai: allow={entity}` on its line or a baseline entry "
                         "(`jupyter safeai scan --update-baseline .safeai-baseline.json`)."},
        "defaultConfiguration": {"level": _SARIF_LEVEL[level]},
        "properties": {"category": category, "tags": ["security", category],
                       "security-severity": _SECURITY_SEVERITY[level]},
    }


def _place(f: FileFinding) -> str:
    bits = []
    if f.cell is not None:
        bits.append(f"cell {f.cell}" + (f" output {f.output}" if f.where == "output" else ""))
    if f.table_column is not None:
        bits.append(f"column {f.table_column}" + (f" row {f.row}" if f.row is not None else ""))
    if f.line:
        bits.append(f"line {f.line}")
    return ", ".join(bits)


def render_sarif(report: Report) -> str:
    """SARIF 2.1.0 for code-scanning services; messages carry only the masked value."""
    entities = list(ENTITIES) + sorted({f.entity for f in report.findings} - set(ENTITIES))
    index = {entity: i for i, entity in enumerate(entities)}
    results = []
    for f in report.findings:
        description = ENTITIES.get(f.entity, ("", "an identifier"))[1]
        value = f" ({f.masked})" if f.masked else ""
        where = "whole column" if f.table_column is not None and f.row is None else _place(f)
        region: dict[str, int] = {"startLine": f.line or 1}
        if f.column:
            region["startColumn"] = f.column
        props = {k: v for k, v in f.to_dict().items() if k not in ("path", "entity", "line",
                                                                     "column")}
        results.append({
            "ruleId": f.entity,
            "ruleIndex": index[f.entity],
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f"{f.entity}: {description}{value} — {where}"},
            "locations": [{"physicalLocation": {"artifactLocation": _uri(f.path),
                                                "region": region}}],
            "properties": props,
        })
    notes = [{"level": "note",
              "message": {"text": f"not scanned: {s.reason} ({s.where()})"},
              "locations": [{"physicalLocation": {"artifactLocation": _uri(s.path)}}]}
             for s in report.not_scanned]
    notes += [{"level": "error", "message": {"text": f"could not scan: {error}"},
               "locations": [{"physicalLocation": {"artifactLocation": _uri(path)}}]}
              for path, error in report.errors]
    doc = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "jupyter-safeai",
                "version": _version(),
                "informationUri": "https://github.com/jupyter-safeai/jupyter-safeai",
                "rules": [_rule(e) for e in entities],
            }},
            "invocations": [{"executionSuccessful": not report.errors,
                             "toolExecutionNotifications": notes}],
            "results": results,
        }],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


RENDERERS: dict[str, Callable[[Report], str]] = {
    "table": render_table, "json": render_json, "sarif": render_sarif,
}


# --------------------------------------------------------------------------- command line


SCAN_EPILOG = """\
accepting a false positive:
  a comment on the finding's line   # safeai: allow
                                    # safeai: allow=PERSON,US_SSN
                                    <!-- safeai: allow -->   -- safeai: allow
  or a baseline file                --update-baseline .safeai-baseline.json once,
                                    then --baseline .safeai-baseline.json

exit status:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage error, or a file that could not be read
"""


def _add_scan_command(sub: Any) -> None:
    scan = sub.add_parser(
        "scan",
        help="scan notebooks, code and tables for PHI, secrets and genomic identifiers",
        description="Scan files for PHI, secrets and genomic identifiers.\n"
        "Reports show where each finding is and a masked value, never the value itself.",
        epilog=SCAN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    scan.add_argument("paths", nargs="+", metavar="PATH",
                      help="files (.ipynb .py .md .txt .sql .csv .parquet) or directories")
    scan.add_argument("--format", choices=tuple(RENDERERS), default="table",
                      help="report format (default: %(default)s)")
    scan.add_argument("--fail-on", choices=(*SEVERITIES, "none"), default="medium",
                      help="exit 1 when a finding has this severity or higher; secrets and "
                      "PHI are high, genomic medium, scores below 0.5 low "
                      "(default: %(default)s)")
    scan.add_argument("--baseline", metavar="FILE", type=Path,
                      help="accept the findings recorded in FILE (e.g. .safeai-baseline.json)")
    scan.add_argument("--update-baseline", metavar="FILE", type=Path,
                      help="record the current findings in FILE (entries of files not "
                      "scanned now are kept), then report what it does not accept")
    scan.add_argument("--never-accept", metavar="CATEGORY", choices=CATEGORIES,
                      action="append", default=[],
                      help="policy: findings of this category (phi, secret, genomic) cannot be "
                      "accepted by markers or a baseline; repeatable")
    scan.add_argument("--output", metavar="FILE", type=Path,
                      help="write the report to FILE instead of standard output")
    scan.set_defaults(handler=run_scan)


def build_parser() -> argparse.ArgumentParser:
    """The `jupyter safeai` parser; each command is a subparser with its own handler."""
    parser = argparse.ArgumentParser(
        prog="jupyter safeai",
        description="jupyter-safeai command line: check files for patient data and secrets.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_scan_command(sub)
    generated = sub.add_parser(
        "generated", help="list notebook cells written by the assistant (never run by it)",
        description="List cells inserted by `%%safe_ai --insert`, from their `safeai` "
        "metadata: model, time and the sha256 of the prompt.")
    generated.add_argument("paths", nargs="+", metavar="PATH", help="notebooks or folders")
    generated.add_argument("--format", choices=("table", "json"), default="table")
    generated.set_defaults(handler=run_generated)
    autoload = sub.add_parser(
        "autoload", help="load the %%safe_ai magic in every IPython kernel of this "
        "environment (admin), or stop doing so",
        description="Adds jupyter_safeai to InteractiveShellApp.extensions in "
        "ipython_kernel_config.json of an IPython config folder (default: this "
        "environment's, sys.prefix/etc/ipython).")
    autoload.add_argument("action", choices=("enable", "disable"))
    autoload.add_argument("--dir", type=Path, default=Path(sys.prefix) / "etc" / "ipython",
                          help="IPython config folder (a profile folder works too)")
    autoload.set_defaults(handler=run_autoload)
    rules = sub.add_parser(
        "rules", help="list the active recognizers and rules (id, entity, category, source)",
        description="Built-in recognizers, plugins (entry point group "
        "jupyter_safeai.recognizers) and rule files ($JUPYTER_SAFEAI_RULES, "
        "safeai-rules/*.toml in the Jupyter config path), as the scanner loads them.")
    rules.add_argument("--format", choices=("table", "json"), default="table")
    rules.set_defaults(handler=run_rules)
    from .audit_cli import add_audit_parser  # `audit verify|report|purge`

    add_audit_parser(sub)
    return parser


def run_rules(args: argparse.Namespace) -> int:
    from .scan.registry import RuleError, default_registry, rules_listing

    try:
        registry = default_registry(ner=False)
    except RuleError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(rules_listing(registry.describe(), args.format))
    return 0


def run_autoload(args: argparse.Namespace) -> int:
    """Kernels load an extension listed in their config: the standard IPython way."""
    path = args.dir / "ipython_kernel_config.json"
    try:
        config = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except (OSError, ValueError) as exc:
        _error(f"cannot read {path}: {exc}")
        return 2
    shell = config.setdefault("InteractiveShellApp", {})
    extensions = [e for e in shell.get("extensions", []) if e != "jupyter_safeai"]
    if args.action == "enable":
        extensions.append("jupyter_safeai")
    shell["extensions"] = extensions
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        _error(f"cannot write {path}: {exc}")
        return 2
    print(f"{'enabled' if args.action == 'enable' else 'disabled'} %%safe_ai in kernels "
          f"configured by {path}")
    return 0


def run_generated(args: argparse.Namespace) -> int:
    """Cells whose metadata says the assistant wrote them, so reviewers can find them."""
    rows = []
    files, bad = collect_files(args.paths)
    for name, why in bad:
        _error(f"{name}: {why}")
    for path in files:
        if path.suffix != ".ipynb":
            continue
        try:
            cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError) as exc:
            _error(f"cannot read {path}: {exc}")
            return 2
        for index, cell in enumerate(cells):
            meta = (cell.get("metadata") or {}).get("safeai") or {}
            if meta.get("generated"):
                source = cell.get("source", "")
                source = "".join(source) if isinstance(source, list) else source
                rows.append({"file": str(path), "cell": index + 1, "model": meta.get("model"),
                             "time": meta.get("time"), "prompt_sha256": meta.get("prompt_sha256"),
                             "first_line": (source.splitlines() or [""])[0][:60]})
    if args.format == "json":
        print(json.dumps(rows, indent=2))
    else:
        for row in rows:
            print(f"{row['file']}  cell {row['cell']}  {row['model']}  {row['time']}  "
                  f"{row['first_line']}")
        print(f"{len(rows)} generated cell{'s' if len(rows) != 1 else ''}")
    return 2 if bad else 0


def _error(message: str) -> None:
    print(f"jupyter safeai: {message}", file=sys.stderr)


def run_scan(args: argparse.Namespace) -> int:
    forbidden = frozenset(args.never_accept)
    baseline = None
    if args.baseline is not None:
        try:
            baseline = Baseline.load(args.baseline)
        except (OSError, ValueError) as exc:
            _error(f"cannot read baseline {args.baseline}: {getattr(exc, 'strerror', None) or exc}")
            return 2

    report = scan_paths(args.paths, forbidden)
    for path, error in report.errors:
        _error(f"cannot scan {path}: {error}")

    if args.update_baseline is not None:
        try:
            baseline = update_baseline(report, args.update_baseline, forbidden, report.files)
        except (OSError, ValueError) as exc:
            _error(f"cannot update baseline {args.update_baseline}: "
                   f"{getattr(exc, 'strerror', None) or exc}")
            return 2
        print(f"jupyter safeai: baseline {args.update_baseline} now holds "
              f"{_plural(len(baseline), 'entry', 'entries')}", file=sys.stderr)
    if baseline is not None:
        apply_baseline(report, baseline, forbidden)

    text = RENDERERS[args.format](report)
    if args.output is not None:
        try:
            args.output.write_text(text, encoding="utf-8")
        except OSError as exc:
            _error(f"cannot write {args.output}: {exc.strerror}")
            return 2
        print(summary_line(report))
    else:
        sys.stdout.write(text)

    if report.errors:
        return 2
    if args.fail_on == "none":
        return 0
    threshold = SEVERITIES.index(args.fail_on)
    return int(any(SEVERITIES.index(f.severity) >= threshold for f in report.findings))


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `jupyter-safeai` (and so of `jupyter safeai`)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help (0) or a usage error (2)
        return exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 2
    with contextlib.suppress(AttributeError, ValueError):
        sys.stdout.reconfigure(errors="replace")  # type: ignore[union-attr]  # masks use "•"
    return args.handler(args)


if __name__ == "__main__":
    raise SystemExit(main())
