"""Where a pattern's matches can begin, read from the pattern itself.

A prefilter kept by hand beside its regex drifts from it; this derives the literal
starts (`ghp_`, `sk_live_`, `dop_v1_`) from the parsed regex instead: every match of the
pattern begins with one of them. Case-insensitive starts come back lower-cased, for a
search on lower-cased text.
"""

from __future__ import annotations

import re
import re._constants as sre  # the stdlib parser's opcodes
import re._parser as sre_parse
from dataclasses import dataclass, replace
from functools import lru_cache

from .recognizer import PatternRecognizer

#: Beyond this many alternatives a prefilter costs more than it saves.
_MAX_STARTS = 48


@dataclass(frozen=True)
class Starts:
    """The literals one of which every match begins with; `anycase` when they must be
    looked for case-insensitively (then they are lower-case)."""

    literals: tuple[str, ...]
    anycase: bool


class _Open(Exception):
    """The pattern can begin with something no short list of literals covers."""


def _expand(items: list[tuple[object, object]], ignore: bool) -> tuple[set[str], bool, bool]:
    """(starts, whole, anycase): literal starts of a parsed sequence, whether they are
    the whole of it (so what follows extends them), and whether case is ignored."""
    starts, anycase = {""}, ignore
    for op, av in items:
        if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
            continue  # zero width: look-arounds, anchors
        if op is sre.LITERAL:
            starts = {s + chr(av) for s in starts}  # type: ignore[arg-type]
        elif op is sre.IN and all(o is sre.LITERAL for o, _ in av):  # type: ignore[union-attr]
            chars = [chr(c) for _, c in av]  # type: ignore[union-attr]
            starts = {s + c for s in starts for c in chars}
        elif op is sre.SUBPATTERN:
            _, add, _, body = av  # type: ignore[misc]
            local = ignore or bool(add & sre.SRE_FLAG_IGNORECASE)
            sub, whole, sub_case = _expand(list(body), local)
            anycase = anycase or sub_case
            starts = {s + t for s in starts for t in sub}
            if not whole:
                return starts, False, anycase
        elif op is sre.BRANCH:
            subs = [_expand(list(alt), ignore) for alt in av[1]]  # type: ignore[index]
            anycase = anycase or any(c for _, _, c in subs)
            starts = {s + t for s in starts for sub, _, _ in subs for t in sub}
            if not all(whole for _, whole, _ in subs):
                return starts, False, anycase
        elif op is sre.MAX_REPEAT or op is sre.MIN_REPEAT:
            low, high, body = av  # type: ignore[misc]
            if low == 0 and high == 1:  # an optional literal: with it and without
                sub, whole, sub_case = _expand(list(body), ignore)
                if not whole:
                    return starts, False, anycase
                anycase = anycase or sub_case
                starts = starts | {s + t for s in starts for t in sub}
                continue
            if low < 1:
                return starts, False, anycase
            sub, _, sub_case = _expand(list(body), ignore)
            return {s + t for s in starts for t in sub}, False, anycase or sub_case
        else:
            return starts, False, anycase
        if len(starts) > _MAX_STARTS:
            raise _Open
    return starts, True, anycase


def literal_starts_of(pattern: re.Pattern[str] | str) -> Starts | None:
    """The literal starts of `pattern`, or None when some match can begin without one
    (or there are too many to be worth looking for)."""
    if isinstance(pattern, re.Pattern):
        return _starts(pattern.pattern, pattern.flags)
    return _starts(pattern, 0)


@lru_cache(maxsize=1024)
def _starts(source: str, flags: int) -> Starts | None:
    parsed = sre_parse.parse(source, flags)
    try:
        starts, _, anycase = _expand(list(parsed), bool(parsed.state.flags & re.IGNORECASE))
    except _Open:
        return None
    if not starts or "" in starts:
        return None
    if anycase:
        starts = {s.lower() for s in starts}
    # a start that has another as its prefix adds nothing: the shorter one finds it
    kept = sorted(s for s in starts if not any(o != s and s.startswith(o) for o in starts))
    return Starts(tuple(kept), anycase)


def required_literal(pattern: re.Pattern[str] | str, shortest: int = 3) -> str | None:
    """The longest run of literal characters every match holds (`.atlasv1.`), for a
    pattern without a literal start: a text without it is skipped at once."""
    source = pattern.pattern if isinstance(pattern, re.Pattern) else pattern
    parsed = sre_parse.parse(source)
    if parsed.state.flags & re.IGNORECASE:
        return None
    items = list(parsed)
    if len(items) == 1 and items[0][0] is sre.SUBPATTERN:
        items = list(items[0][1][-1])
    best, run = "", ""
    for op, av in items:
        run = run + chr(av) if op is sre.LITERAL else ""  # type: ignore[arg-type]
        best = max(best, run, key=len)
    return best if len(best) >= shortest else None


def prefixed(recognizer: PatternRecognizer) -> PatternRecognizer:
    """`recognizer` tried only at the exact-case literal starts of its own pattern; an
    error when it has none (then it needs another prefilter)."""
    starts = literal_starts_of(recognizer.pattern)
    if starts is None or starts.anycase:
        raise ValueError(f"{recognizer.name}: its pattern has no exact-case literal start")
    return replace(recognizer, prefixes=starts.literals)
