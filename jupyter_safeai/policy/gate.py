"""The gate every prompt passes: scan each part, decide by policy, fail closed.

Each finding gets the mode of its category. One `block` finding blocks the prompt;
otherwise `redact` findings are replaced by placeholders and `warn` findings need
the user's acknowledgement. A scanner error or time-out blocks (fail closed).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from ..scan import Finding, ScanError, Vault, redact, scan_text
from ..scan.entities import Severity
from ..scan.severity import rate
from .modes import Mode, Policy

Action = Literal["send", "redact", "warn", "block"]


@dataclass(frozen=True)
class LocatedFinding:
    """A finding plus which part of the prompt it lies in (message index) and its severity."""

    part: int
    finding: Finding
    severity: Severity = "high"

    def to_dict(self, policy: Policy | None = None) -> dict[str, object]:
        f = self.finding
        record: dict[str, object] = {
            "part": self.part, "entity": f.entity, "category": f.category,
            "start": f.start, "end": f.end, "score": round(f.score, 3),
            "severity": self.severity}
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
        return dict(Counter(lf.finding.entity for lf in self.findings))

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
        """`parts` with every finding in a `redact` category replaced by a placeholder."""
        vault = vault if vault is not None else Vault()
        out = []
        for i, text in enumerate(parts):
            mine = [lf.finding for lf in self.findings
                    if lf.part == i and self.policy.mode(lf.finding.category) is Mode.REDACT]
            text, vault = redact(text, mine, vault)
            out.append(text)
        return out, vault


def check_prompt(
    parts: Sequence[str], policy: Policy | None = None,
    scanner: Callable[[str], list[Finding]] = scan_text, notes: Sequence[str] = (),
) -> GateDecision:
    """Scan every part of a prompt and decide under `policy`; any scanner error blocks."""
    policy = policy or Policy()
    try:
        found = []
        for i, text in enumerate(parts):
            hits = scanner(text)
            found.extend(LocatedFinding(i, f, s) for f, s in zip(hits, rate(text, hits),
                                                                  strict=True))
    except ScanError as exc:  # too large, too slow: the message names no data
        return GateDecision(policy=policy, error=str(exc), notes=tuple(notes))
    except Exception as exc:  # noqa: BLE001 - any scanner failure must stop the prompt
        return GateDecision(policy=policy, error=f"the scanner failed ({type(exc).__name__})",
                            notes=tuple(notes))
    return GateDecision(findings=found, policy=policy, notes=tuple(notes))
