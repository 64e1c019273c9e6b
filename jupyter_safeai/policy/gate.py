"""The gate every prompt passes: scan each part, decide, and fail closed.

The skeleton's policy is the strictest one — any finding blocks. The admin
policy issue adds redact and warn modes per category on top of this decision.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..scan import Finding, ScanError, scan_text


@dataclass(frozen=True)
class LocatedFinding:
    """A finding plus which part of the prompt it lies in (message index)."""

    part: int
    finding: Finding

    def to_dict(self) -> dict[str, object]:
        f = self.finding
        return {"part": self.part, "entity": f.entity, "category": f.category,
                "start": f.start, "end": f.end, "score": round(f.score, 3)}


@dataclass(frozen=True)
class GateDecision:
    findings: list[LocatedFinding] = field(default_factory=list)
    error: str | None = None

    @property
    def blocked(self) -> bool:
        return self.error is not None or bool(self.findings)

    def counts(self) -> dict[str, int]:
        return dict(Counter(lf.finding.entity for lf in self.findings))

    def describe(self) -> str:
        """A one-line reason that names kinds of data, never the data."""
        if self.error is not None:
            return f"Prompt not sent: {self.error}"
        if not self.findings:
            return "No identifiers found."
        kinds = ", ".join(f"{n} × {entity}" for entity, n in sorted(self.counts().items()))
        return f"Prompt blocked: it contains {kinds}."

    def to_dict(self) -> dict[str, object]:
        return {"blocked": self.blocked, "message": self.describe(), "counts": self.counts(),
                "findings": [lf.to_dict() for lf in self.findings]}


def check_prompt(
    parts: Sequence[str], scanner: Callable[[str], list[Finding]] = scan_text
) -> GateDecision:
    """Scan every part of a prompt; a scanner error blocks (fail closed)."""
    try:
        found = [LocatedFinding(i, f) for i, text in enumerate(parts) for f in scanner(text)]
    except ScanError as exc:  # too large, too slow: the message names no data
        return GateDecision(error=str(exc))
    except Exception as exc:  # noqa: BLE001 - any scanner failure must stop the prompt
        return GateDecision(error=f"the scanner failed ({type(exc).__name__})")
    return GateDecision(findings=found)
