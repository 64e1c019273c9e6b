"""The one result type every detector returns: where, what kind, how sure — never the text."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Category = Literal["phi", "secret", "genomic"]


@dataclass(frozen=True, slots=True)
class Finding:
    """A span of the scanned text that holds an identifier.

    Only offsets are kept so that a finding can be logged, audited or sent to a
    browser without carrying the matched value; the caller, who holds the text,
    can slice it when it really needs to (for redaction).
    """

    start: int
    end: int
    entity: str
    category: Category
    score: float
    detector: str

    def to_dict(self) -> dict[str, object]:
        return asdict(self)
