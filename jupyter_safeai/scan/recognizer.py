"""The recognizer contract and the pattern recognizer most detectors are built from.

A recognizer turns a text into findings. Pattern recognizers pair a compiled regex
with an optional validator (checksums, reserved ranges, placeholders) and optional
context words that must appear shortly before a match (`MRN`, `password`, ...).
Only offsets leave a recognizer; the matched value is looked at and dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from .finding import Category, Finding


class Recognizer(Protocol):
    """Anything with a name that can find spans in a text."""

    name: str

    def find(self, text: str) -> Iterable[Finding]: ...


def context_regex(words: Iterable[str]) -> re.Pattern[str]:
    """Case-insensitive alternation of whole words/phrases (`_`, `-` and space interchangeable)."""
    parts = sorted({r"[\s_-]*".join(map(re.escape, re.split(r"[\s_-]+", w.strip())))
                    for w in words}, key=len, reverse=True)
    return re.compile(r"(?<![A-Za-z])(?:" + "|".join(parts) + r")(?![a-z])", re.IGNORECASE)


@dataclass(frozen=True)
class PatternRecognizer:
    """A regex (its `value` group, or the whole match) that is a finding when it validates.

    With `context`, a match counts only when one of the context words occurs within
    `window` characters before it (or, for `context_after`, after it): numbers such
    as MRNs look like any other number without their label.
    """

    entity: str
    category: Category
    pattern: re.Pattern[str]
    score: float
    validate: Callable[[str], bool] | None = None
    context: re.Pattern[str] | None = None
    window: int = 40
    context_after: bool = False
    label: str = ""
    _group: int | str = field(init=False, default=0)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_group", "value" if "value" in self.pattern.groupindex else 0)

    @property
    def name(self) -> str:
        return f"pattern:{self.label or self.entity.lower()}"

    def has_context(self, text: str, start: int, end: int) -> bool:
        if self.context is None:
            return True
        if self.context.search(text, max(0, start - self.window), start):
            return True
        return self.context_after and bool(
            self.context.search(text, end, min(len(text), end + self.window))
        )

    def find(self, text: str) -> Iterator[Finding]:
        for match in self.pattern.finditer(text):
            start, end = match.span(self._group)
            if start == end:
                continue
            if self.validate is not None and not self.validate(match.group(self._group)):
                continue
            if not self.has_context(text, start, end):
                continue
            yield Finding(start, end, self.entity, self.category, self.score, self.name)
