"""Walk a notebook (an nbformat-4 dict) and scan every place text can hide: sources and outputs.

Outputs matter as much as code: a `df.head()` or a traceback carries patient rows
into the .ipynb file long after the cell that loaded them was fixed. Images cannot
be scanned, so they are reported as skipped instead of silently passing. A
malformed cell is skipped and reported too — a broken file must not crash a
pre-commit hook, nor pass as clean without saying so.
"""

from __future__ import annotations

import bisect
import html
import json
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from .allow import apply_inline_allows, fingerprint, mask, without_markers
from .engine import ScanError, scan_text
from .entities import Severity
from .finding import Finding, fields_set
from .severity import rate

__all__ = [
    "NotebookFinding",
    "NotebookScan",
    "SCAN_FAILED",
    "Skipped",
    "failure_reason",
    "html_to_text",
    "line_columns",
    "raw_findings",
    "scan_notebook",
]

#: Any engine: text in, findings out (`engine.scan_text`, a test double, a stricter one).
TextScanner = Callable[[str], list[Finding]]
Where = Literal["source", "output"]

#: Text MIME types scanned first; their order decides which one reports a value that
#: an output shows twice (a DataFrame is both text/plain and text/html).
_TEXT_MIMES = ("text/plain", "text/markdown", "text/html", "application/json", "text/latex")
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
#: Longer texts (a printed 50,000-row frame) are scanned in line-aligned pieces of about
#: this size: the engine refuses very long texts, which is right for a prompt, not a file.
CHUNK_CHARS = 500_000
#: How a part the scanner could not read starts its `Skipped.reason` (callers fail closed).
SCAN_FAILED = "scan failed"


@dataclass(frozen=True, slots=True)
class NotebookFinding:
    """A finding placed in a notebook: cell index, source or which output, 1-based line and
    column (the cell is the 0-based index into `cells`; JupyterLab shows it plus one).

    `masked` is the report-safe form of the value; `fingerprint` (for baselines) is
    kept out of `to_dict()` so reports do not carry hashes of low-entropy values.
    """

    cell: int
    cell_type: str
    where: Where
    output: int | None
    line: int
    column: int
    entity: str
    category: str
    score: float
    detector: str
    masked: str
    #: for outputs: "stream", "error" or the MIME type the value was found in
    part: str | None = None
    severity: Severity = "high"
    fingerprint: str = field(default="", repr=False)

    def to_dict(self) -> dict[str, object]:
        out = fields_set(self)
        del out["fingerprint"]
        return out


@dataclass(frozen=True, slots=True)
class Skipped:
    """A part of a notebook that was not scanned, and why (`image`, `malformed cell`, ...)."""

    cell: int | None
    output: int | None
    reason: str
    part: str | None = None

    def to_dict(self) -> dict[str, object]:
        return fields_set(self)


@dataclass(frozen=True, slots=True)
class NotebookScan:
    """What `scan_notebook` found, and what it could not look at."""

    findings: list[NotebookFinding]
    skipped: list[Skipped]
    path: str | None = None

    @property
    def failures(self) -> list[Skipped]:
        """Text parts the scanner could not read: the notebook was not fully checked."""
        return [s for s in self.skipped if s.reason.startswith(SCAN_FAILED)]

    def to_dict(self) -> dict[str, object]:
        return {"path": self.path, "findings": [f.to_dict() for f in self.findings],
                "skipped": [s.to_dict() for s in self.skipped]}


def raw_findings(text: str, scanner: TextScanner, chunk_chars: int = CHUNK_CHARS) -> list[Finding]:
    """Everything the scanner finds in `text`, before inline markers are applied.

    Markers are hidden from the scanner (`without_markers`) so the caller applies
    them with its own policy; texts over `chunk_chars` go in pieces split at line ends.
    """
    text = without_markers(text)
    if len(text) <= chunk_chars:
        return list(scanner(text))
    found: list[Finding] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + chunk_chars)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        found.extend(replace(f, start=f.start + start, end=f.end + start)
                     for f in scanner(text[start:end]))
        start = end
    return found


def failure_reason(exc: Exception) -> str:
    """Why a scan failed, without data: the engine's own errors say size or time only."""
    if isinstance(exc, ScanError):
        return f"{SCAN_FAILED}: {exc}"
    return f"{SCAN_FAILED} ({type(exc).__name__})"


def line_columns(text: str, findings: list[Finding]) -> Iterator[tuple[Finding, int, int]]:
    """Each finding with its 1-based line and column; newlines are indexed once per text."""
    if not findings:
        return
    newlines = [m.start() for m in re.finditer("\n", text)]
    for f in findings:
        i = bisect.bisect_left(newlines, f.start)
        line_start = newlines[i - 1] + 1 if i else 0
        yield f, i + 1, f.start - line_start + 1


# --------------------------------------------------------------------------- html → text

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)?[^<>]*>")
_CELL_TAGS = frozenset({"td", "th"})
_BLOCK_TAGS = frozenset({
    "br", "p", "div", "tr", "table", "thead", "tbody", "tfoot", "caption", "li", "ul", "ol",
    "pre", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "section", "details", "summary",
})
_TABS = re.compile(r"[ \t]*\t[ \t]*")
_WS = re.compile(r"\s+")
#: attributes whose values are text a person (or a link) carries, not layout
_ATTR = re.compile(
    r"""\b(href|src|title|alt|value|content|label|data-[\w-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"'<>`]+)""",
    re.IGNORECASE,
)


def html_to_text(markup: str) -> str:
    """What HTML shows or carries, in one linear pass: table cells tab-separated, one row a line.

    Cheap on purpose (no parser, no quadratic regex on broken markup): a DataFrame's
    `<table>` becomes its cell texts, so a value is found as it appears to a reader.
    White space collapses as a browser would, except inside `<pre>`. `<script>`
    bodies stay (chart libraries embed their data there) and so do attributes that
    carry text (`href`, `title`, ...); only `<style>` is dropped.
    """
    parts: list[str] = []
    pos, style, raw = 0, False, False

    def text(chunk: str) -> None:
        if not style and chunk:
            parts.append(chunk if raw else _WS.sub(" ", chunk))

    for tag in _TAG.finditer(markup):
        text(markup[pos:tag.start()])
        pos = tag.end()
        name = (tag.group(2) or "").lower()
        closing = bool(tag.group(1))
        if name == "style":
            style = not closing
        elif name in _CELL_TAGS:
            parts.append("\t")
        elif name in _BLOCK_TAGS or name == "script":
            raw = (not closing) if name in ("pre", "script") else raw
            parts.append("\n")
        if not closing and "=" in tag.group(0):
            values = [m.group(2).strip("\"'") for m in _ATTR.finditer(tag.group(0))]
            parts.extend(f" {v} " for v in values if v and not v.startswith("data:"))
    text(markup[pos:])
    lines = (_TABS.sub("\t", line).strip()
             for line in html.unescape("".join(parts)).split("\n"))
    return "\n".join(line for line in lines if line)


# --------------------------------------------------------------------------- walking


def _as_text(value: object) -> str | None:
    """nbformat multiline strings are a str or a list of str; anything else is malformed."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "".join(value)
    return None


def _output_texts(output: Mapping[str, Any]) -> Iterator[tuple[str | None, str | None]]:
    """(mime, text) of each scannable part of one output; text None means skip (image/odd)."""
    kind = output.get("output_type")
    if kind == "stream":
        yield "stream", _as_text(output.get("text", ""))
    elif kind == "error":
        tb = output.get("traceback")
        parts = [str(output.get("ename", "")), str(output.get("evalue", ""))]
        if isinstance(tb, list):
            parts.extend(str(t) for t in tb)
        yield "error", "\n".join(parts)
    elif kind in ("execute_result", "display_data", "update_display_data"):
        data = output.get("data")
        if not isinstance(data, Mapping):
            yield None, None
            return
        rest = sorted(k for k in data if isinstance(k, str) and k not in _TEXT_MIMES)
        for mime in [m for m in _TEXT_MIMES if m in data] + rest:
            yield mime, _mime_text(mime, data[mime])
    else:
        yield None, None


def _mime_text(mime: str, value: object) -> str | None:
    if mime.startswith("image/"):
        return None
    if mime == "application/json" or mime.endswith("+json"):
        if isinstance(value, str):
            return value
        try:
            return json.dumps(value, indent=1, ensure_ascii=False, default=str)
        except (TypeError, ValueError):
            return None
    text = _as_text(value)
    if text is not None and mime == "text/html":
        return html_to_text(text)
    return text


@dataclass
class _Walker:
    scanner: TextScanner
    forbidden: Collection[str]
    findings: list[NotebookFinding] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def scan(self, text: str, *, cell: int, cell_type: str, where: Where,
             output: int | None = None, part: str | None = None,
             allowed: set[tuple[str, str]] | None = None,
             seen: set[tuple[str, str]] | None = None) -> set[tuple[str, str]]:
        """Scan one piece; returns the (entity, hash) pairs found (and those allowed inline)."""
        text = _ANSI.sub("", text) if "\x1b" in text else text
        try:
            raw = raw_findings(text, self.scanner)
        except Exception as exc:  # noqa: BLE001 - reported: a part not read is not clean
            self.skipped.append(Skipped(cell, output, failure_reason(exc), part))
            return set()
        kept = apply_inline_allows(text, raw, self.forbidden)
        keys: set[tuple[str, str]] = set()
        if allowed is not None and len(kept) < len(raw):
            kept_ids = {id(f) for f in kept}
            allowed.update((f.entity, fingerprint(f.entity, text[f.start:f.end]))
                           for f in raw if id(f) not in kept_ids)
        severities = dict(zip(map(id, kept), rate(text, kept), strict=True))
        for f, line, column in line_columns(text, kept):
            value = text[f.start:f.end]
            digest = fingerprint(f.entity, value)
            key = (f.entity, digest)
            keys.add(key)
            if seen is not None and key in seen:
                continue  # the same value in the cell's source, or in another form of it
            self.findings.append(NotebookFinding(
                cell, cell_type, where, output, line, column, f.entity, f.category, f.score,
                f.detector, mask(value, f.entity), part, severity=severities[id(f)],
                fingerprint=digest))
        return keys

    def cell(self, index: int, cell: object) -> None:
        if not isinstance(cell, Mapping):
            self.skipped.append(Skipped(index, None, "malformed cell"))
            return
        cell_type = cell.get("cell_type")
        cell_type = cell_type if isinstance(cell_type, str) else "unknown"
        source = _as_text(cell.get("source", ""))
        # Values accepted inline in the source, then those the source already shows.
        allowed: set[tuple[str, str]] = set()
        if source is None:
            self.skipped.append(Skipped(index, None, "malformed source"))
        elif source:
            allowed |= self.scan(source, cell=index, cell_type=cell_type, where="source",
                                 allowed=allowed)
        attachments = cell.get("attachments")
        if isinstance(attachments, Mapping):
            for bundle in attachments.values():
                for mime in bundle if isinstance(bundle, Mapping) else ():
                    self.skipped.append(Skipped(index, None, "attachment", str(mime)))
        outputs = cell.get("outputs", [])
        if not isinstance(outputs, list):
            self.skipped.append(Skipped(index, None, "malformed outputs"))
            return
        for out_index, output in enumerate(outputs):
            self.output(index, cell_type, out_index, output, allowed)

    def output(self, index: int, cell_type: str, out_index: int, output: object,
               allowed: set[tuple[str, str]]) -> None:
        if not isinstance(output, Mapping):
            self.skipped.append(Skipped(index, out_index, "malformed output"))
            return
        # A value accepted inline in the source is accepted where the cell prints it, too,
        # and one the source shows is counted once: a printed URL is the same URL.
        seen = set(allowed)
        for mime, text in _output_texts(output):
            if text is None:
                reason = "image" if mime and mime.startswith("image/") else "malformed output"
                self.skipped.append(Skipped(index, out_index, reason, mime))
                continue
            if text:
                seen |= self.scan(text, cell=index, cell_type=cell_type, where="output",
                                  output=out_index, part=mime, seen=seen)


def scan_notebook(
    nb: Mapping[str, Any],
    *,
    path: str | None = None,
    scanner: TextScanner = scan_text,
    forbidden_categories: Collection[str] = frozenset(),
) -> NotebookScan:
    """Scan every cell's source and text outputs; images and malformed parts become `skipped`.

    Inline `safeai: allow` markers are honoured (never for `forbidden_categories`).
    `scanner` is the engine (any `text -> findings`); `path` only labels the result.
    """
    walker = _Walker(scanner, forbidden_categories)
    cells = nb.get("cells") if isinstance(nb, Mapping) else None
    if not isinstance(cells, list):
        walker.skipped.append(Skipped(None, None, "not an nbformat-4 notebook (no cell list)"))
        return NotebookScan([], walker.skipped, path)
    for index, cell in enumerate(cells):
        walker.cell(index, cell)
    return NotebookScan(walker.findings, walker.skipped, path)
