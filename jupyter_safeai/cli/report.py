"""The three forms of a `jupyter safeai scan` report: a table for people, JSON, SARIF for CI.

Each carries masked values only, and each says what could not be read, so that a run
that checked nothing never reads as a clean one.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from ..scan.entities import ENTITIES, SEVERITIES, base_severity
from ..scan.files import FileFinding, NotScanned, Report
from .console import plural

_SARIF_LEVEL = {"high": "error", "medium": "warning", "low": "note"}
_SECURITY_SEVERITY = {"high": "8.0", "medium": "5.0", "low": "2.0"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _version() -> str:
    from .. import __version__

    return __version__


def _note_kind(item: NotScanned) -> str:
    """How a skipped part is counted: `image output`, `image attachment`, `malformed cell`..."""
    if item.reason == "image":
        return "image output"
    if item.reason == "attachment" and (item.part or "").startswith("image/"):
        return "image attachment"
    return item.reason


def summary_line(report: Report) -> str:
    """`3 findings in 2 files (2 high, 1 medium); 1 image output not scanned`.

    Files that could not be read come first when nothing else was: "Nothing scanned"
    must not look like "No findings".
    """
    n = len(report.findings)
    unread = plural(len(report.errors), "file") + " could not be read"
    if n:
        files = len({f.path for f in report.findings})
        counts = Counter(f.severity for f in report.findings)
        by_sev = ", ".join(f"{counts[s]} {s}" for s in reversed(SEVERITIES) if counts[s])
        parts = [f"{plural(n, 'finding')} in {plural(files, 'file')} ({by_sev})"]
    elif not report.files_scanned:
        parts = [f"Nothing scanned: {unread}" if report.errors else "Nothing scanned: no files"]
    elif report.errors:
        parts = [f"No findings in the {plural(report.files_scanned, 'file')} read, "
                 "but not every file could be checked"]
    else:
        parts = [f"No findings ({plural(report.files_scanned, 'file')} scanned)"]
    for kind, count in Counter(_note_kind(s) for s in report.not_scanned).items():
        parts.append(f"{plural(count, kind)} not scanned")
    if report.accepted_by_baseline:
        parts.append(f"{report.accepted_by_baseline} accepted by baseline")
    if report.errors and (n or report.files_scanned):
        parts.append(unread)
    return "; ".join(parts)


def _location(f: FileFinding) -> tuple[str, str, str]:
    """(cell, line, column) cells of the table."""
    place = f.place
    cell = "-" if place is None else str(place.number)
    if place is not None and place.where == "output":
        cell += f" out {place.output}"
    table_column, row = f.found.column, f.found.row
    if table_column is not None:
        if row is None:
            share = f" ({f.found.share:.0%})" if f.found.share is not None else ""
            return cell, "-", f"{table_column}{share}"
        return cell, str(f.line) if f.line else f"row {row}", table_column
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
        lines.append(f"note: {path}: {plural(len(items), kind)} not scanned ({where})")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


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
    level = base_severity(entity)
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
    if (place := f.place) is not None:
        bits.append(f"cell {place.number}"
                    + (f" output {place.output}" if place.where == "output" else ""))
    if f.found.column is not None:
        row = f.found.row
        bits.append(f"column {f.found.column}" + (f" row {row}" if row is not None else ""))
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
        whole_column = f.found.column is not None and f.found.row is None
        where = "whole column" if whole_column else _place(f)
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
