"""The recognizer contract and the pattern recognizer most detectors are built from.

A recognizer turns a text into findings. Pattern recognizers pair a compiled regex
with an optional validator (checksums, reserved ranges, placeholders) and optional
context words that must appear shortly before a match (`MRN`, `password`, ...).
Only offsets leave a recognizer; the matched value is looked at and dropped.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from .finding import Category, Finding

#: Longest value read after a label (an account number, a serial, a token).
_MAX_VALUE = 120


class Recognizer(Protocol):
    """Anything with a name that can find spans in a text."""

    name: str

    def find(self, text: str) -> Iterable[Finding]: ...


@dataclass(frozen=True)
class ContextWords:
    """Label words, matched on lower-cased text (five times faster than IGNORECASE).

    `present` is a substring check in C that lets a recognizer skip a text with no
    label at all. `search` and `finditer` behave like a compiled pattern's.
    """

    pattern: re.Pattern[str]  # on lower-cased text
    anycase: re.Pattern[str]  # for the rare text whose length changes when lower-cased
    needles: tuple[str, ...]

    def present(self, lowered: str) -> bool:
        return any(needle in lowered for needle in self.needles)

    def _pick(self, text: str) -> tuple[re.Pattern[str], str]:
        lowered = text.lower()
        return (self.pattern, lowered) if len(lowered) == len(text) else (self.anycase, text)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """A match within text[pos:endpos]; its offsets are relative to `pos`."""
        pattern, subject = self._pick(text[pos:endpos])
        return pattern.search(subject)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize
                 ) -> Iterator[re.Match[str]]:
        pattern, subject = self._pick(text)
        if self.present(subject.lower() if pattern is self.anycase else subject):
            yield from pattern.finditer(subject, pos, endpos)


def context_regex(words: Iterable[str]) -> ContextWords:
    """Case-insensitive whole words/phrases (`_`, `-` and space interchangeable)."""
    token_lists = [[t for t in re.split(r"[\s_-]+", w.strip().lower()) if t] for w in words]
    parts = sorted({r"[\s_-]*".join(map(re.escape, tokens)) for tokens in token_lists},
                   key=len, reverse=True)
    body = "(?:" + "|".join(parts) + ")"
    needles = tuple(sorted({max(tokens, key=len) for tokens in token_lists}))
    return ContextWords(re.compile(rf"(?<![a-z]){body}(?![a-z])"),
                        re.compile(rf"(?<![A-Za-z]){body}(?![a-z])", re.IGNORECASE), needles)


@dataclass(frozen=True)
class PatternRecognizer:
    """A regex (its `value` group, or the whole match) that is a finding when it validates.

    With `context`, a match counts only when one of the context words occurs within
    `window` characters before it (or, for `context_after`, after it): numbers such
    as MRNs look like any other number without their label. Such recognizers look for
    the label first and read only the text right after it, and `needles` (substrings
    one of which every match contains, such as `@` or `AKIA`) skip a text at once: the
    scan of a cell costs what its labels and needles make it cost, not a pass per
    pattern over every character.
    """

    entity: str
    category: Category
    pattern: re.Pattern[str]
    score: float
    validate: Callable[[str], bool] | None = None
    context: ContextWords | re.Pattern[str] | None = None
    window: int = 40
    context_after: bool = False
    label: str = ""
    needles: tuple[str, ...] = ()
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

    def _candidates(self, text: str) -> Iterator[re.Match[str]]:
        if self.needles and not any(needle in text for needle in self.needles):
            return
        if isinstance(self.context, ContextWords) and not self.context.present(text.lower()):
            return
        if self.context is None or self.context_after:
            yield from self.pattern.finditer(text)
            return
        # Read only behind each label: `window` characters plus room for the value.
        position = 0
        for label in self.context.finditer(text):
            start = max(position, label.end())
            end = min(len(text), label.end() + self.window + _MAX_VALUE)
            if start >= end:
                continue
            for match in self.pattern.finditer(text, start, end):
                if match.end() < end or end == len(text):
                    position = max(position, match.end())
                    yield match
            position = max(position, end - _MAX_VALUE)

    def find(self, text: str) -> Iterator[Finding]:
        for match in self._candidates(text):
            start, end = match.span(self._group)
            if start == end:
                continue
            if self.validate is not None and not self.validate(match.group(self._group)):
                continue
            if not self.has_context(text, start, end):
                continue
            yield Finding(start, end, self.entity, self.category, self.score, self.name)
