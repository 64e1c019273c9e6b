"""Secrets built from pieces: string literals joined by `+`, side by side, or in f-strings.

`token = "ghp_" + "A1b2…"`, `("sk-" "proj-…")` and `f"ghp_{'A1b2'}…"` hold one token
that no pattern sees, since each literal alone is too short or lacks its prefix. A
code-aware pre-pass evaluates such simple concatenations (literal parts only: a name or
a call between them is not evaluated) into one string with a map from each of its
characters back to the text, runs the secret recognizers on it, and reports each
finding as the smallest span of the text covering the pieces it came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cached_property

from .finding import Finding
from .recognizer import Recognizer, literal_starts, matches_at

NAME = "concatenated"

_LITERAL = (r"""(?:[rRuUbB]?[fF]?|[fF]?[rR]?)"""
            r"""(?:"(?:[^"\\\n]|\\.){0,200}"|'(?:[^'\\\n]|\\.){0,200}')""")
#: Two or more literals with only `+`, blanks, line breaks or a backslash continuation
#: between them, or one f-string holding a replacement field.
_CHAIN = re.compile(
    rf"{_LITERAL}(?:(?:\s{{0,20}}\+\s{{0,20}}|[ \t]{{0,20}}(?:\\?\r?\n[ \t]{{0,40}}){{0,2}}"
    rf"|[ \t]{{1,20}}){_LITERAL}){{1,40}}"
    rf"|[fF][rR]?(?:\"[^\"\n{{]{{0,400}}\{{[^\"\n]{{0,400}}\"|'[^'\n{{]{{0,400}}\{{[^'\n]{{0,400}}')"
)
_ONE_LITERAL = re.compile(r"(?P<prefix>[rRuUbBfF]{0,2})(?P<q>[\"'])")
_FIELD_LITERAL = re.compile(r"\{\s*(?P<q>[\"'])(?P<body>[^\"'{}]*)(?P=q)\s*\}")


def _pieces(chain: str, base: int) -> Iterator[tuple[str, int]]:
    """(character, offset in the text) of the literal parts of a chain of literals."""
    at = 0
    while (opening := _ONE_LITERAL.search(chain, at)) is not None:
        quote = opening.group("q")
        prefix = opening.group("prefix").lower()
        start = opening.end()
        end = start
        while end < len(chain) and chain[end] != quote:
            end += 2 if chain[end] == "\\" else 1
        body_end = min(end, len(chain))
        if "f" in prefix:
            yield from _f_string_parts(chain, start, body_end, base)
        else:
            for i in range(start, body_end):
                yield chain[i], base + i
        at = body_end + 1


def _f_string_parts(chain: str, start: int, end: int, base: int) -> Iterator[tuple[str, int]]:
    """The literal parts of an f-string body, with string literals inside its fields."""
    i = start
    while i < end:
        char = chain[i]
        if char == "{" and chain[i + 1:i + 2] == "{":
            yield "{", base + i
            i += 2
        elif char == "{":
            close = chain.find("}", i, end)
            if close < 0:
                return
            field = _FIELD_LITERAL.fullmatch(chain, i, close + 1)
            if field is not None:
                for j in range(field.start("body"), field.end("body")):
                    yield chain[j], base + j
            i = close + 1
        elif char == "}" and chain[i + 1:i + 2] == "}":
            yield "}", base + i
            i += 2
        else:
            yield char, base + i
            i += 1


#: Where two literals meet (`" + "`, `" "`, a quote, a line break and a quote) or an
#: f-string holds a field: a text without one holds no chain, and is not read further.
#: One search per quote, led by it (a literal, which the regex engine skips to as
#: `str.find` does; a class, even of the few characters a meeting starts with, it tries
#: at every character): the quote that closes a literal, or the one an `f` or `fr` opens.
_JOINTS = tuple(re.compile(
    quote + r"(?:\s{0,20}\+\s{0,20}[rRuUbBfF]{0,2}[\"']"
    r"|[ \t]{0,20}\\?\r?\n?[ \t]{0,40}[rRuUbBfF]{0,2}[\"'](?<!'')(?<!\"\")"
    rf"|(?<=[fF]{quote})[^\"'\n{{]{{0,400}}\{{|(?<=[fF][rR]{quote})[^\"'\n{{]{{0,400}}\{{)")
    for quote in "\"'")


def has_joint(text: str) -> bool:
    """Whether two literals meet in `text` or an f-string there holds a field."""
    return any(joint.search(text) is not None for joint in _JOINTS)


def joined_literals(text: str) -> Iterator[tuple[str, list[int]]]:
    """Each concatenation of literals in `text` as (joined string, offset in `text` of each
    of its characters); single plain literals are left to the recognizers themselves."""
    if '"' not in text and "'" not in text or not has_joint(text):
        return
    quotes = literal_starts(text, ('"', "'"))
    starts = sorted({at - back for at in quotes for back in (0, 1, 2)
                     if at >= back and (back == 0 or text[at - back:at].isalpha())})
    for chain in matches_at(_CHAIN, text, starts):
        pieces = list(_pieces(chain.group(), chain.start()))
        if len(pieces) >= 8:
            yield "".join(c for c, _ in pieces), [at for _, at in pieces]


class ConcatenatedSecretRecognizer:
    """Secret recognizers run on evaluated concatenations (see the module docstring)."""

    name = NAME

    def __init__(self, recognizers: Sequence[Recognizer] | None = None) -> None:
        self._given = recognizers

    @cached_property
    def recognizers(self) -> tuple[Recognizer, ...]:
        if self._given is not None:
            return tuple(self._given)
        from .secrets import SECRET_RECOGNIZERS  # the secret rules, wherever they live

        return tuple(SECRET_RECOGNIZERS)

    def find(self, text: str) -> Iterator[Finding]:
        for joined, offsets in joined_literals(text):
            for recognizer in self.recognizers:
                for finding in recognizer.find(joined):
                    if finding.end <= finding.start:
                        continue
                    start, end = offsets[finding.start], offsets[finding.end - 1] + 1
                    if end - start > finding.end - finding.start:  # built from pieces
                        yield Finding(start, end, finding.entity, finding.category,
                                      finding.score, self.name)
