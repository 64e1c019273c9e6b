"""Ways to accept a false positive: inline markers, a baseline file — and masking for reports.

A researcher who knows a match is not patient data says so next to it
(`# safeai: allow`) or records it once in `.safeai-baseline.json`. The baseline
stores a hash of each accepted value, never the value, so it can be committed.
Categories an admin forbids (for example secrets) can be accepted by neither.

Note on the hash: it keeps a value out of plain sight, but values with few
possibilities (SSNs, phone numbers) can be recovered by hashing every candidate,
so a baseline of PHI findings belongs with the data, not in a public repository.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

from .entities import ENTITIES
from .finding import Finding

__all__ = [
    "BASELINE_FILE",
    "BASELINE_VERSION",
    "Baseline",
    "BaselineEntry",
    "Fingerprinted",
    "apply_inline_allows",
    "fingerprint",
    "mask",
    "without_markers",
]

# --------------------------------------------------------------------------- inline markers

#: `# safeai: allow`, `-- safeai: allow=PERSON,US_SSN`, `<!-- safeai: allow -->`; the labels
#: run to the end of the list (`-->` or anything that is not a label ends it).
_MARKER = re.compile(
    r"(?:#|--|<!--)[ \t]*safeai:[ \t]*allow\b"
    r"(?:[ \t]*=[ \t]*(?P<labels>[A-Za-z0-9_]+(?:[ \t]*,[ \t]*[A-Za-z0-9_]+)*))?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _LineAllow:
    start: int
    end: int
    labels: frozenset[str] | None  # None: every label on the line


def _line_allows(text: str) -> list[_LineAllow]:
    """The marked lines, in order; only lines holding `safeai:` are ever looked at."""
    allows: list[_LineAllow] = []
    pos = text.find("safeai:")
    while pos != -1:
        start = text.rfind("\n", 0, pos) + 1
        end = text.find("\n", pos)
        end = len(text) if end == -1 else end
        labels: set[str] | None = set()
        for match in _MARKER.finditer(text, start, end):
            if match.group("labels") is None:
                labels = None
                break
            labels.update(label.strip().upper() for label in match.group("labels").split(","))
        if labels is None or labels:
            allows.append(_LineAllow(start, end, None if labels is None else frozenset(labels)))
        pos = text.find("safeai:", end)
    return allows


def without_markers(text: str) -> str:
    """`text` with every `safeai:` turned into `safeai_` — same length, so offsets hold.

    Scan this instead of `text` when the markers are applied afterwards under a
    stricter policy (or when you need to know what was accepted): an engine that
    honours markers itself cannot then drop a finding the policy says must stay.
    """
    return text.replace("safeai:", "safeai_") if "safeai:" in text else text


def apply_inline_allows(
    text: str,
    findings: Iterable[Finding],
    forbidden_categories: Collection[str] = frozenset(),
) -> list[Finding]:
    """Drop findings accepted by a marker on their line (the line where they start).

    `forbidden_categories` is admin policy: findings of those categories stay, marker or not.
    """
    findings = list(findings)
    if not findings or "safeai:" not in text:
        return findings
    allows = _line_allows(text)
    if not allows:
        return findings
    starts = [a.start for a in allows]
    kept: list[Finding] = []
    for finding in findings:
        i = bisect.bisect_right(starts, finding.start) - 1
        allow = allows[i] if i >= 0 else None
        accepted = (
            allow is not None
            and finding.start < allow.end
            and finding.category not in forbidden_categories
            and (allow.labels is None or finding.entity in allow.labels)
        )
        if not accepted:
            kept.append(finding)
    return kept


# --------------------------------------------------------------------------- masking


_MASK_CAP = 16  # longer values keep their first 16 characters' shape, then "…"
#: A URL's scheme and host (no user or password): they say which site, not whose page.
_URL_SITE = re.compile(r"(?i)[a-z][a-z0-9+.-]*://(?:[^/@\s]*@)?([^/?#\s@]+)")
#: Vendor prefixes of keys and tokens: they say which service, not which account.
_VENDOR_PREFIX = re.compile(
    r"github_pat_|gh[pousr]_|glpat-|xox[abposre]-|(?:sk|rk|pk)_(?:live|test)_|"
    r"sk-(?:proj-|ant-)?|hf_|A(?:KIA|SIA)|AIza|eyJ|-----BEGIN [A-Z ]{0,24}-----|Bearer "
)
_SECRETS = frozenset(label for label, (category, _) in ENTITIES.items()
                     if category == "secret" and label != "PASSWORD")


def _shape(value: str) -> str:
    """Letters and digits as `•`, separators kept, white space as one space, capped."""
    shown = "".join("•" if ch.isalnum() else " " if ch.isspace() else ch
                    for ch in value[:_MASK_CAP])
    return shown + ("…" if len(value) > _MASK_CAP else "")


def _keep(value: str, n: int) -> str:
    """The first `n` characters as they are, the rest as its shape, all cut at 16."""
    shown = value[:n] + _shape(value[n:_MASK_CAP])[:_MASK_CAP - n]
    return shown + ("…" if len(value) > _MASK_CAP else "")


def mask(value: str, entity: str | None = None) -> str:
    """A form of `value` a report may show: what identifies no one, and the shape of the rest.

    By default the first character stays and letters and digits become `•`
    (`2••-••-••••`); ≤ 4 characters are all bullets; past 16 characters the shape is
    cut (`A•••••••••••••••…`) so a secret's exact length is not shown either. Given
    the entity, a URL keeps its scheme and host (`https://docs.python.org/•••…`) and
    a key its vendor prefix (`ghp_••••…`), so a reader can tell a documentation link
    or a test key from a patient portal without opening the file.
    """
    if entity == "URL" and (site := _URL_SITE.match(value)) and "@" not in site.group():
        return value[:site.end()] + _shape(value[site.end():])
    if entity in _SECRETS and (prefix := _VENDOR_PREFIX.match(value)) and prefix.end() < len(
            value):
        return _keep(value, prefix.end())
    if len(value) <= 4:
        return "•" * len(value)
    return _keep(value, 0 if value[0].isspace() else 1)


# --------------------------------------------------------------------------- baseline

BASELINE_FILE = ".safeai-baseline.json"
BASELINE_VERSION = 1
_HASH_NOTE = "sha256 of ENTITY + ':' + value (UTF-8), hex; values themselves are never stored"


def fingerprint(entity: str, value: str) -> str:
    """The baseline hash of one finding: its label and matched value, hashed together."""
    return hashlib.sha256(f"{entity}:{value}".encode("utf-8", "surrogatepass")).hexdigest()


class Fingerprinted(Protocol):
    """What a baseline needs from a located finding (notebook and CLI findings have it)."""

    @property
    def entity(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def fingerprint(self) -> str: ...
    @property
    def line(self) -> int | None: ...


F = TypeVar("F", bound=Fingerprinted)


@dataclass(frozen=True, order=True, slots=True)
class BaselineEntry:
    """One accepted finding; `line` and `cell` are for people, matching ignores them."""

    path: str
    entity: str
    hash: str
    line: int | None = None
    cell: int | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.path, self.entity, self.hash)

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"path": self.path, "entity": self.entity, "hash": self.hash}
        if self.line is not None:
            out["line"] = self.line
        if self.cell is not None:
            out["cell"] = self.cell
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> BaselineEntry:
        path, entity, digest = data.get("path"), data.get("entity"), data.get("hash")
        if not (isinstance(path, str) and isinstance(entity, str) and isinstance(digest, str)):
            raise ValueError("a baseline entry needs string `path`, `entity` and `hash`")
        if not re.fullmatch(r"[0-9a-f]{64}", digest):
            raise ValueError(f"baseline entry for {path}: `hash` is not a sha256 hex digest")
        line, cell = data.get("line"), data.get("cell")
        return cls(path, entity, digest, line if isinstance(line, int) else None,
                   cell if isinstance(cell, int) else None)


def _sort_key(entry: BaselineEntry) -> tuple[str, int, int, str, str]:
    return (entry.path, -1 if entry.cell is None else entry.cell,
            -1 if entry.line is None else entry.line, entry.entity, entry.hash)


@dataclass(frozen=True)
class Baseline:
    """Accepted findings, keyed by (path, entity, hash) so they survive edits that move lines."""

    entries: tuple[BaselineEntry, ...] = ()
    file: Path | None = None
    _keys: frozenset[tuple[str, str, str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "entries", tuple(sorted(set(self.entries), key=_sort_key)))
        object.__setattr__(self, "_keys", frozenset(e.key for e in self.entries))

    def __len__(self) -> int:
        return len(self.entries)

    @classmethod
    def load(cls, file: str | Path) -> Baseline:
        """Read a baseline; raises OSError or ValueError (with the reason) when it is unusable."""
        file = Path(file)
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ValueError(f"{file} is not JSON ({exc.msg}, line {exc.lineno})") from None
        if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION:
            raise ValueError(f"{file} is not a version-{BASELINE_VERSION} safeai baseline")
        raw = data.get("entries")
        if not isinstance(raw, list) or not all(isinstance(e, dict) for e in raw):
            raise ValueError(f"{file}: `entries` must be a list of objects")
        return cls(tuple(BaselineEntry.from_dict(e) for e in raw), file)

    @classmethod
    def from_findings(
        cls, findings_by_path: Mapping[str, Iterable[Fingerprinted]], file: str | Path | None = None
    ) -> Baseline:
        """A baseline accepting every given finding (path → its findings)."""
        entries = tuple(
            BaselineEntry(path, f.entity, f.fingerprint, f.line, getattr(f, "cell", None))
            for path, findings in findings_by_path.items()
            for f in findings
        )
        return cls(entries, None if file is None else Path(file))

    def accepts(self, path: str, entity: str, digest: str) -> bool:
        return (path, entity, digest) in self._keys

    def filter(
        self, path: str, findings: Iterable[F], forbidden_categories: Collection[str] = frozenset()
    ) -> list[F]:
        """The findings of `path` the baseline does not accept (forbidden categories never are)."""
        return [
            f for f in findings
            if f.category in forbidden_categories or not self.accepts(path, f.entity, f.fingerprint)
        ]

    def to_json(self) -> str:
        """Stable text: sorted keys and entries, no timestamps — diffs show only real changes."""
        doc = {
            "version": BASELINE_VERSION,
            "generated_by": "jupyter-safeai",
            "hash": _HASH_NOTE,
            "entries": [e.to_dict() for e in self.entries],
        }
        return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    def save(self, file: str | Path | None = None) -> Path:
        """Write the baseline to `file` (default: the file it was loaded from or made for)."""
        target = Path(file) if file is not None else self.file
        if target is None:
            raise ValueError("Baseline.save needs a file name")
        target.write_text(self.to_json(), encoding="utf-8")
        return target
