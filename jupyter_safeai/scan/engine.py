"""Run every recognizer over a text and return non-overlapping findings in order."""

from __future__ import annotations

from collections.abc import Iterable

from .finding import Finding
from .recognizers import DEFAULT_RECOGNIZERS, Recognizer


def scan_text(text: str, recognizers: Iterable[Recognizer] = DEFAULT_RECOGNIZERS) -> list[Finding]:
    """Find identifiers in `text`; overlapping hits keep the highest-scoring span."""
    if not isinstance(text, str):
        raise TypeError(f"scan_text expects str, not {type(text).__name__}")
    hits = [finding for recognizer in recognizers for finding in recognizer.find(text)]
    hits.sort(key=lambda f: (-f.score, f.start, -(f.end - f.start)))
    kept: list[Finding] = []
    for hit in hits:
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda f: (f.start, f.end))
