"""Many prefixed recognizers, tried after one search for all their starts.

A token recognizer is tried only where one of its literal starts stands (`ghp_`,
`dop_v1_`, a vendor keyword). Looked for recognizer by recognizer, a hundred of them
cost a hundred passes and calls per text; `StartIndex` finds the starts of all of them
in one search in C for the exact-case starts and a `str.find` per keyword on the
lower-cased text,
and tries each recognizer only at its own. The registry merges the recognizers that
can be merged (`mergeable`); what they find does not change.
"""

from __future__ import annotations

import itertools
import re
import re._constants as sre
import re._parser as sre_parse
import string
from collections.abc import Collection, Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

from .finding import Finding
from .recognizer import PatternRecognizer, ScanLabels, finds_as_regex_does, trie
from .scan_view import lowered_of

#: The characters a look-behind class is checked against (the texts' non-ASCII letters
#: never start a prefix, so they need no bound).
_ASCII = frozenset(string.printable)


@lru_cache(maxsize=1024)
def not_after(pattern: re.Pattern[str]) -> frozenset[str]:
    """The printable characters a match can never follow, from the pattern's leading
    negative look-behind (`(?<![A-Za-z0-9_])`); empty when it has none. Kept per
    pattern: the registry and the index each ask about every prefixed recognizer, and
    parsing a pattern costs as much as compiling it."""
    items = list(sre_parse.parse(pattern.pattern, pattern.flags))
    if not items or items[0][0] is not sre.ASSERT_NOT:
        return frozenset()
    direction, body = items[0][1]
    body = list(body)
    if direction != -1 or len(body) != 1 or body[0][0] is not sre.IN:
        return frozenset()
    chars: set[str] = set()
    for op, av in body[0][1]:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:  # a negation or a category: not worth reading
            return frozenset()
    return frozenset(chars & _ASCII)


def mergeable(recognizer: object) -> bool:
    """A recognizer tried only at its literal starts, with no label to read around it."""
    return (isinstance(recognizer, PatternRecognizer) and recognizer.context is None
            and not recognizer.needles and recognizer.starts_at is None
            and bool(recognizer.anchors or (recognizer.prefixes
                                             and not_after(recognizer.pattern))))


class _Index(NamedTuple):
    search: re.Pattern[str]  # the longest start at a position, in its group 1
    owners: dict[str, tuple[int, ...]]
    inner: dict[str, tuple[int, ...]]
    at_start: re.Pattern[str] | None  # the same at the text's start, when `search` reads
    # the character before a start (and so finds overlapping starts itself)


def inner_starts(starts: Collection[str]) -> dict[str, tuple[int, ...]]:
    """For each start, the offsets inside it where another could begin (`xoxp-` in
    `xoxe.xoxp-`): where the rest of it begins a start or a start begins the rest. Read
    from the set of every start's beginnings, not start by start against each other."""
    beginnings = {word[:j] for word in starts for j in range(1, len(word) + 1)}
    return {word: tuple(k for k in range(1, len(word))
                        if "" in starts or word[k:] in beginnings
                        or any(word[k:j] in starts for j in range(k + 1, len(word) + 1)))
            for word in starts}


def _class(chars: frozenset[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


class StartIndex:
    """Prefixed recognizers run as one: each is tried where the shared search found one
    of its starts, exactly as it would try them alone."""

    name = "starts:merged"

    def __init__(self, members: Sequence[PatternRecognizer]) -> None:
        if not all(mergeable(m) for m in members):
            raise ValueError("only recognizers tried at their literal starts can be merged")
        self.members = tuple(members)
        exact: dict[str, list[int]] = {}
        anycase: dict[str, list[int]] = {}
        for i, member in enumerate(self.members):
            for start in member.prefixes:
                exact.setdefault(start, []).append(i)
            for start in member.anchors:
                anycase.setdefault(start, []).append(i)
        # no member matches right after a character every one of them refuses there
        refused = frozenset.intersection(*(not_after(m.pattern) for m in self.members
                                           if m.prefixes)) if exact else frozenset()
        self._exact = self._index(exact, refused)
        # keywords (`sample`, `mailchimp`), found on the lower-cased text by one search
        # too (each keyword's `str.find` cost a pass per keyword)
        self._anycase = self._index(anycase)

    @staticmethod
    def _index(starts: dict[str, list[int]], refused: frozenset[str] = frozenset()
                ) -> _Index | None:
        """A search for the longest start at a position; for each start the members of
        every start it begins with (they start there too), and the offsets inside it
        where another start could begin (`xoxp-` in `xoxe.xoxp-`).

        With `refused` characters, before which no start counts, the search reads the
        character before each start (one not refused: a one-character class the regex
        engine skips to), checks the next two characters against the starts' first and
        second characters (one class each) and only then reads the trie, whose first
        branch tries the starts' first characters one by one."""
        if not starts:
            return None
        owners = {word: tuple(sorted({i for j in range(len(word) + 1)
                                      for i in starts.get(word[:j], ())}))
                  for word in starts}
        words = trie(starts)
        if not refused:
            return _Index(re.compile(f"({words})"), owners, inner_starts(starts), None)
        allowed = "[^" + _class(refused)[1:]
        lead = _class(frozenset(word[0] for word in starts))
        if all(len(word) > 1 for word in starts):
            lead += _class(frozenset(word[1] for word in starts))
        # (this search finds overlapping starts itself: no offsets inside a start needed)
        return _Index(re.compile(f"{allowed}(?={lead})(?=({words}))"), owners, {},
                      re.compile(f"(?=({words}))"))

    @staticmethod
    def _positions(index: _Index | None, subject: str, into: dict[int, list[int]]) -> None:
        if index is None:
            return
        if index.at_start is not None:
            # every start not after a refused character is found: the search consumes
            # that character only
            first = index.at_start.match(subject)
            for match in itertools.chain([first] if first else [],
                                         index.search.finditer(subject)):
                for member in index.owners[match.group(1)]:
                    into.setdefault(member, []).append(match.start(1))
            return
        for match in index.search.finditer(subject):
            found = [(match.start(1), match.group(1))]
            for k in index.inner[match.group(1)]:  # rare: starts that overlap this one
                nested = index.search.match(subject, match.start(1) + k)
                if nested is not None:
                    found.append((nested.start(1), nested.group(1)))
            for start, word in found:
                for member in index.owners[word]:
                    into.setdefault(member, []).append(start)

    def find(self, text: str, lowered: str | None = None,
             labels: ScanLabels | None = None) -> Iterator[Finding]:
        lowered = lowered_of(text) if lowered is None else lowered
        at: dict[int, list[int]] = {}
        self._positions(self._exact, text, at)
        keywords_found = finds_as_regex_does(text, lowered)
        if keywords_found:
            self._positions(self._anycase, lowered, at)
        if keywords_found:  # only the members whose starts were found, in their order
            for i in sorted(at):
                yield from self.members[i].find_at(text, sorted(set(at[i])))
            return
        for i, member in enumerate(self.members):
            if member.anchors:
                yield from member.find(text, lowered)  # it searches the text itself
            elif i in at:
                yield from member.find_at(text, sorted(set(at[i])))
