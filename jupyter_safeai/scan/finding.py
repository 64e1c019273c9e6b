"""The one result type every detector returns: where, what kind, how sure — never the text."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal, get_args

Category = Literal["phi", "secret", "genomic"]
#: The categories, in the order policies and reports list them (one source for all).
CATEGORIES: tuple[Category, ...] = get_args(Category)


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
    #: For tables: the column, the row where a single cell is meant, and the share of
    #: rows that matched when the finding stands for a whole column.
    column: str | None = None
    row: int | None = None
    share: float | None = None

    def to_dict(self) -> dict[str, object]:
        return fields_set(self)


def fields_set(record: Any) -> dict[str, object]:
    """A dataclass record's fields without those that are not set (None): what a report
    or a JSON answer shows of it."""
    return {k: v for k, v in asdict(record).items() if v is not None}
