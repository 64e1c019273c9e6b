"""The gate every prompt passes: scan each part, decide by policy, fail closed.

Each part is scanned, and so is the conversation the parts make when joined in the
model's order (see `conversation`): a value split across two messages is found there
and cut back into a piece per part, each redacted or blocking like any finding.
Each finding gets the mode of its category. One `block` finding blocks the prompt;
otherwise `redact` findings are replaced by placeholders and `warn` findings need
the user's acknowledgement. A scanner error or time-out blocks (fail closed).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from ..scan import Finding, ScanError, Vault, redact, scan_text
from ..scan.entities import Severity
from ..scan.placeholders import with_placeholders
from ..scan.severity import rate
from .conversation import TURN_SEPARATORS, Conversation
from .modes import Mode, Policy

Action = Literal["send", "redact", "warn", "block"]


@dataclass(frozen=True)
class LocatedFinding:
    """A finding plus which part of the prompt it lies in (message index) and its severity.

    `split` numbers a value found only in the joined conversation that runs over
    several parts: each part holds one piece, and the pieces count as one finding.
    """

    part: int
    finding: Finding
    split: int | None = None
    severity: Severity = "high"

    def to_dict(self, policy: Policy | None = None) -> dict[str, object]:
        f = self.finding
        record: dict[str, object] = {
            "part": self.part, "entity": f.entity, "category": f.category,
            "start": f.start, "end": f.end, "score": round(f.score, 3),
            "severity": self.severity, "detector": f.detector}
        if self.split is not None:
            record["split"] = self.split
        if policy is not None:
            record["mode"] = policy.mode(f.category).value
        return record


@dataclass(frozen=True)
class GateDecision:
    findings: list[LocatedFinding] = field(default_factory=list)
    policy: Policy = field(default_factory=Policy)
    error: str | None = None
    notes: tuple[str, ...] = ()

    def _modes(self) -> set[Mode]:
        return {self.policy.mode(lf.finding.category) for lf in self.findings}

    @property
    def action(self) -> Action:
        modes = self._modes()
        if self.error is not None or Mode.BLOCK in modes:
            return "block"
        if Mode.REDACT in modes:
            return "redact"
        return "warn" if Mode.WARN in modes else "send"

    @property
    def blocked(self) -> bool:
        return self.action == "block"

    def counts(self) -> dict[str, int]:
        """Findings per entity; the pieces of a split value count once."""
        seen: set[int] = set()
        counts: Counter[str] = Counter()
        for lf in self.findings:
            if lf.split is None or lf.split not in seen:
                counts[lf.finding.entity] += 1
            if lf.split is not None:
                seen.add(lf.split)
        return dict(counts)

    def describe(self) -> str:
        """A one-line reason that names kinds of data, never the data."""
        if self.error is not None:
            return f"Prompt not sent: {self.error}"
        if not self.findings:
            return "No identifiers found."
        kinds = ", ".join(f"{n} × {entity}" for entity, n in sorted(self.counts().items()))
        verb = {"block": "Prompt blocked: it contains",
                "redact": "Prompt redacted before sending:",
                "warn": "Prompt holds identifiers (warn):",
                "send": "Found:"}[self.action]
        return f"{verb} {kinds}."

    def to_dict(self) -> dict[str, object]:
        return {"action": self.action, "blocked": self.blocked, "message": self.describe(),
                "counts": self.counts(), "policy": self.policy.to_dict(),
                "notes": list(self.notes),
                "findings": [lf.to_dict(self.policy) for lf in self.findings]}

    def redacted(self, parts: Sequence[str], vault: Vault | None = None
                 ) -> tuple[list[str], Vault]:
        """`parts` with every finding in a `redact` category replaced by a placeholder.

        Each piece of a split value gets a placeholder of its own, so that restoring
        an answer puts back exactly what each part held.
        """
        vault = vault if vault is not None else Vault()
        out = []
        for i, text in enumerate(parts):
            mine = [lf.finding for lf in self.findings
                    if lf.part == i and self.policy.mode(lf.finding.category) is Mode.REDACT]
            text, vault = redact(text, _covering(mine), vault)
            out.append(text)
        return out, vault


def _covering(findings: list[Finding]) -> list[Finding]:
    """Findings that never overlap and cover every character the given ones cover: two
    overlapping spans (a part's own finding and a piece of a split one) become one,
    labelled by the longer, so that no character of either is left in clear."""
    merged: list[Finding] = []
    spans = (f for f in findings if f.end > f.start)  # table-level findings cut nothing
    for f in sorted(spans, key=lambda f: (f.start, -f.end)):
        last = merged[-1] if merged else None
        if last is not None and f.start < last.end:
            if f.end > last.end:
                longer = f if f.end - f.start > last.end - last.start else last
                merged[-1] = replace(longer, start=last.start, end=f.end)
            continue
        merged.append(f)
    return merged


def _contains(outer: Finding, inner: Finding) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def conversation_findings(
    parts: Sequence[str], own: list[LocatedFinding], scanner: Callable[[str], list[Finding]],
) -> list[LocatedFinding]:
    """`own` (each part's findings) plus what the parts joined add, read with each of
    `TURN_SEPARATORS` between them: values that run over several parts (as pieces
    sharing a `split` number) and values in one part that only a neighbour's text made
    recognisable (a label in the message before). A piece inside a part's own finding
    adds nothing but makes it one piece of the split value; a part's own finding
    inside a piece gives way to the piece."""
    by_part: dict[int, list[LocatedFinding]] = {}
    for lf in own:
        by_part.setdefault(lf.part, []).append(lf)
    views = [Conversation(tuple(parts), separator) for separator in TURN_SEPARATORS]
    found = ((view, finding) for view in views for finding in scanner(view.text))
    for number, (view, finding) in enumerate(found):
        pieces = view.pieces(finding)
        split = number if len(pieces) > 1 else None
        for part, piece in pieces:
            held = by_part.setdefault(part, [])
            inside = next((i for i, lf in enumerate(held) if _contains(lf.finding, piece)),
                          None)
            if inside is not None:
                if split is not None and held[inside].split is None:
                    held[inside] = replace(held[inside], split=split)
                continue
            held[:] = [lf for lf in held if not _contains(piece, lf.finding)]
            held.append(LocatedFinding(part, piece, split))
    return sorted((lf for held in by_part.values() for lf in held),
                  key=lambda lf: (lf.part, lf.finding.start, lf.finding.end))


def _rated(parts: Sequence[str], found: list[LocatedFinding]) -> list[LocatedFinding]:
    """`found` with each finding's severity, read in the part it lies in."""
    rated = []
    for i, text in enumerate(parts):
        mine = [lf for lf in found if lf.part == i]
        severities = rate(text, [lf.finding for lf in mine])
        rated.extend(replace(lf, severity=s) for lf, s in zip(mine, severities, strict=True))
    return rated


def check_prompt(
    parts: Sequence[str], policy: Policy | None = None,
    scanner: Callable[[str], list[Finding]] = scan_text, notes: Sequence[str] = (),
    *, conversation: bool = True, placeholders: bool | None = None,
) -> GateDecision:
    """Scan every part of a prompt — and, with `conversation`, the parts joined as the
    model reads them — and decide under `policy`; any scanner error blocks. Pass
    `conversation=False` for texts that are never sent together (notebook cells).

    With `placeholders` (by default: a prompt, `conversation`), well-known placeholder
    values (`123-45-6789`, `…@example.com`) are reported too: a prompt may hold them
    as a real typo, and redacting costs nothing; in code and test fixtures they are
    rated `low` (`scan.severity`). Notebook cells leave them alone, as the scanner does."""
    policy = policy or Policy()
    if conversation if placeholders is None else placeholders:
        scanner = with_placeholders(scanner)
    try:
        found = [LocatedFinding(i, f) for i, text in enumerate(parts) for f in scanner(text)]
        if conversation and len(parts) > 1:
            found = conversation_findings(parts, found, scanner)
        found = _rated(parts, found)
    except ScanError as exc:  # too large, too slow: the message names no data
        return GateDecision(policy=policy, error=str(exc), notes=tuple(notes))
    except Exception as exc:  # noqa: BLE001 - any scanner failure must stop the prompt
        return GateDecision(policy=policy, error=f"the scanner failed ({type(exc).__name__})",
                            notes=tuple(notes))
    return GateDecision(findings=found, policy=policy, notes=tuple(notes))
