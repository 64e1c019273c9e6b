"""Scan files on disk — notebooks, code, prose and tables — as a pre-commit hook or CI sees them.

The same engine that guards prompts reads every file; the engine is a parameter, so a
caller (or a test) passes its own instead of patching a module. A file that cannot be
read is reported, never skipped silently: a file not read is not a clean file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .allow import Baseline, apply_inline_allows, fingerprint, mask
from .dataframe import scan_dataframe
from .engine import scan_text
from .entities import Severity
from .finding import Finding, fields_set
from .notebook import (
    SCAN_FAILED,
    TextScanner,
    failure_reason,
    line_columns,
    raw_findings,
    scan_notebook,
)
from .severity import rate, rate_table

__all__ = [
    "SUFFIXES",
    "CellPlace",
    "FileError",
    "FileFinding",
    "NotScanned",
    "Report",
    "TableScanner",
    "apply_baseline",
    "collect_files",
    "read_notebook",
    "scan_paths",
    "update_baseline",
]

TableScanner = Callable[[Any], list[Finding]]

TEXT_SUFFIXES = frozenset({".py", ".md", ".markdown", ".txt", ".sql"})
TABLE_SUFFIXES = frozenset({".csv", ".parquet"})
SUFFIXES = TEXT_SUFFIXES | TABLE_SUFFIXES | {".ipynb"}
SKIP_DIRS = frozenset({
    ".git", ".venv", "node_modules", ".ipynb_checkpoints",
    "__pycache__", ".tox", ".mypy_cache", ".pytest_cache", ".ruff_cache",
})


@dataclass(frozen=True, slots=True)
class CellPlace:
    """Where in a notebook: cell and output count from 1, as JupyterLab shows cells."""

    number: int
    cell_type: str
    where: str  # "source" or "output"
    output: int | None = None
    part: str | None = None  # for outputs: "stream", "error" or the MIME type


@dataclass(frozen=True, slots=True, kw_only=True)
class FileFinding:
    """One finding placed in a file, as reports show it: a masked value, never the value.

    Where it is (`path`, then what a file of its kind has of `line`, `column` and a
    notebook's `place`), then what: `found` keeps what the engine said (label, category,
    score, detector and, for tables, column/row/share).
    """

    path: str
    line: int | None = None
    column: int | None = None
    place: CellPlace | None = None
    found: Finding
    severity: Severity
    masked: str
    fingerprint: str = field(default="", repr=False)

    @property
    def entity(self) -> str:
        return self.found.entity

    @property
    def category(self) -> str:
        return self.found.category

    @property
    def cell(self) -> int | None:
        return None if self.place is None else self.place.number

    def to_dict(self) -> dict[str, object]:
        f, place = self.found, self.place
        out: dict[str, object | None] = {
            "path": self.path, "entity": f.entity, "category": f.category,
            "severity": self.severity, "score": round(f.score, 3), "detector": f.detector,
            "masked": self.masked, "line": self.line, "column": self.column,
            **({} if place is None else {"cell": place.number, "cell_type": place.cell_type,
                                         "where": place.where, "output": place.output,
                                         "part": place.part}),
            "table_column": f.column, "row": f.row, "share": f.share,
        }
        # no fingerprint: a hash of a 9-digit SSN is an SSN to anyone who tries them all
        return {k: v for k, v in out.items() if v is not None}

    def sort_key(self) -> tuple[Any, ...]:
        place = self.place
        cell = (-1, False, -1) if place is None else (
            place.number, place.where != "source", -1 if place.output is None else place.output)
        return (self.path, *cell, self.found.row or 0, self.line or 0, self.column or 0,
                self.found.column or "", self.entity)


@dataclass(frozen=True, slots=True, kw_only=True)
class NotScanned:
    """A part of a file that was skipped (an image output, a malformed cell): where, and
    why."""

    path: str
    cell: int | None = None
    output: int | None = None
    part: str | None = None
    reason: str

    def to_dict(self) -> dict[str, object]:
        return fields_set(self)

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


# --------------------------------------------------------------------------- reading


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileError(exc.strerror or type(exc).__name__) from None
    if b"\0" in data[:8192]:
        raise FileError("a binary file, not text (supported: "
                        f"{' '.join(sorted(SUFFIXES))})")
    return data.decode("utf-8-sig", errors="replace")


def read_notebook(text: str) -> dict[str, Any]:
    """A notebook as an nbformat-4 dict; an older one (nbformat 3) is upgraded in memory.

    Version 4 is read as it is (not validated): a malformed cell is reported by the
    walker while the rest is still scanned.
    """
    try:
        nb = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FileError(f"not valid JSON ({exc.msg}, line {exc.lineno})") from None
    if isinstance(nb, dict) and nb.get("nbformat") in (1, 2, 3):
        nb = _upgraded(nb)
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise FileError("not a notebook (no cell list; nbformat 3 and 4 are read)")
    return nb


def _upgraded(nb: dict[str, Any]) -> dict[str, Any]:
    """An old notebook converted to version 4 by nbformat, leniently and quietly.

    nbformat logs what makes a notebook invalid, quoting the offending part of it (which
    may be a patient's row), so its logger is muted here; a missing top-level `metadata`
    (which its converter needs) is supplied. Version 3 files keep text as lists of lines,
    which the converter expects joined, as nbformat's own reader does before converting.
    """
    import nbformat  # only for old notebooks: most files never need it
    from traitlets.log import get_logger

    version = nb.get("nbformat")
    nb.setdefault("metadata", {})
    logger = get_logger()
    logger.addFilter(_drop_record)
    try:
        old = nbformat.from_dict(nb)
        if version == 3:
            old = nbformat.v3.rwbase.rejoin_lines(old)
        return nbformat.convert(old, 4)
    except Exception as exc:  # noqa: BLE001 - nbformat raises many types for odd files
        raise FileError(f"an nbformat-{version} notebook nbformat cannot upgrade "
                        f"({type(exc).__name__})") from None
    finally:
        logger.removeFilter(_drop_record)


def _drop_record(record: object) -> bool:
    return False


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


# --------------------------------------------------------------------------- scanning


def scan_text_file(path: Path, shown: str, scanner: TextScanner = scan_text,
                   forbidden: Collection[str] = ()) -> list[FileFinding]:
    """A source or prose file: scan it whole; inline markers apply."""
    text = _read_text(path)
    try:
        raw = raw_findings(text, scanner)
    except Exception as exc:  # noqa: BLE001 - fail closed: a file not read is not clean
        raise FileError(failure_reason(exc)) from None
    kept = apply_inline_allows(text, raw, forbidden)
    severities = dict(zip(map(id, kept), rate(text, kept), strict=True))
    out = []
    for f, line, column in line_columns(text, kept):
        value = text[f.start:f.end]
        out.append(FileFinding(path=shown, line=line, column=column, found=f,
                               severity=severities[id(f)], masked=mask(value, f.entity),
                               fingerprint=fingerprint(f.entity, value)))
    return out


def scan_notebook_file(
    path: Path, shown: str, scanner: TextScanner = scan_text, forbidden: Collection[str] = ()
) -> tuple[list[FileFinding], list[NotScanned]]:
    """An .ipynb: every cell's source and text outputs (see `scan.notebook`)."""
    result = scan_notebook(read_notebook(_read_text(path)), path=shown, scanner=scanner,
                           forbidden_categories=forbidden)
    findings = [
        FileFinding(path=shown, line=f.line, column=f.column,
                    place=CellPlace(f.cell + 1, f.cell_type, f.where,
                                    None if f.output is None else f.output + 1, f.part),
                    found=Finding(0, 0, f.entity, f.category, f.score, f.detector),
                    severity=f.severity, masked=f.masked, fingerprint=f.fingerprint)
        for f in result.findings
    ]
    skipped = [NotScanned(path=shown, cell=None if s.cell is None else s.cell + 1,
                          output=None if s.output is None else s.output + 1, part=s.part,
                          reason=s.reason)
               for s in result.skipped]
    return findings, skipped


def scan_table_file(path: Path, shown: str,
                    table_scanner: TableScanner = scan_dataframe) -> list[FileFinding]:
    """A CSV or Parquet file: `scan_dataframe` decides per column (and row) what it holds."""
    df = _read_table(path)
    csv = path.suffix.lower() == ".csv"
    out = []
    found = table_scanner(df)
    for f, severity in zip(found, rate_table(found), strict=True):
        value = _cell_value(df, f)
        if value is None:  # a finding about a whole column
            masked, digest, line = "", fingerprint(f.entity, f"column:{f.column}"), None
        else:
            masked, digest = mask(value, f.entity), fingerprint(f.entity, value)
            line = f.row + 2 if csv and f.row is not None else None  # line 1 is the header
        out.append(FileFinding(path=shown, line=line, found=f, severity=severity,
                               masked=masked, fingerprint=digest))
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


def relative(path: Path, base: Path) -> str:
    """`path` relative to `base` when below it, else absolute; always with `/`."""
    absolute = os.path.abspath(path)
    rel = os.path.relpath(absolute, os.path.abspath(base))
    return Path(absolute if rel.startswith("..") else rel).as_posix()


def scan_paths(paths: Iterable[str], forbidden: Collection[str] = (), *,
               scanner: TextScanner = scan_text,
               table_scanner: TableScanner = scan_dataframe) -> Report:
    """Scan every file below `paths` with `scanner` (text) and `table_scanner` (tables)."""
    report = Report()
    files, report.errors = collect_files(paths)
    for path in files:
        shown = relative(path, Path.cwd())
        suffix = path.suffix.lower()
        try:
            if suffix == ".ipynb":
                found, skipped = scan_notebook_file(path, shown, scanner, forbidden)
                for item in skipped:
                    if item.reason.startswith(SCAN_FAILED):  # a text part not read: not clean
                        report.errors.append((shown, f"{item.where()}: {item.reason}"))
                    else:
                        report.not_scanned.append(item)
            elif suffix in TABLE_SUFFIXES:
                found = scan_table_file(path, shown, table_scanner)
            else:
                found = scan_text_file(path, shown, scanner, forbidden)
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
        grouped.setdefault(relative(Path(f.path), base), []).append(f)
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
    scanned_keys = {relative(Path(p), base) for p in scanned}
    old = Baseline.load(file).entries if file.exists() else ()
    kept = tuple(e for e in old if e.path not in scanned_keys)
    merged = Baseline(kept + fresh.entries, file)
    merged.save()
    return merged
