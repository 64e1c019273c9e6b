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
from functools import cached_property
from typing import Protocol

from .finding import Category, Finding
from .shapes import gated_starts

#: Longest value read after a label (an account number, a serial, a token).
_MAX_VALUE = 120


class Recognizer(Protocol):
    """Anything with a name that can find spans in a text."""

    name: str

    def find(self, text: str) -> Iterable[Finding]: ...


#: The only non-ASCII characters a case-insensitive regex matches to ASCII letters
#: (İ ı ſ and the Kelvin sign), which `str.lower` leaves or maps otherwise.
FOLD_TRAPS = ("\u0130", "\u0131", "\u017f", "\u212a")
#: Each trap to the ASCII letter such a regex matches it to, read from `re` itself.
FOLD_TO_ASCII = str.maketrans({
    trap: next(letter for letter in "abcdefghijklmnopqrstuvwxyz"
               if re.fullmatch(letter, trap, re.IGNORECASE))
    for trap in FOLD_TRAPS})


#: Upper-case ASCII letters to lower case, every other character kept.
_ASCII_LOWER = str.maketrans({chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})


def lowered_in_place(text: str, lowered: str | None = None) -> str:
    """`text.lower()` (`lowered`, where the caller has it) when lower-casing moves no
    offset; else `text` with only its ASCII letters lowered (`İ` lowers to two characters
    and would shift every offset after it, so a span found on the copy would not be the
    same span of `text`)."""
    lowered = text.lower() if lowered is None else lowered
    return lowered if len(lowered) == len(text) else text.translate(_ASCII_LOWER)


def finds_as_regex_does(text: str, lowered: str) -> bool:
    """Whether `str.find` on `lowered` (`text.lower()`) sees every place a
    case-insensitive regex matches in `text`: lower-casing moved no offset, and none of
    the few exotic letters that fold to ASCII is there."""
    return len(lowered) == len(text) and (
        text.isascii() or not any(trap in text for trap in FOLD_TRAPS))


def anchor_starts(text: str, lowered: str, anchors: Iterable[str]) -> list[int] | None:
    """Sorted positions where one of the lower-case `anchors` occurs in `text`, in any
    case; None when `str.find` cannot tell (`finds_as_regex_does`; then the caller scans
    every position)."""
    if not finds_as_regex_does(text, lowered):
        return None
    starts: set[int] = set()
    for anchor in anchors:
        at = lowered.find(anchor)
        while at >= 0:
            starts.add(at)
            at = lowered.find(anchor, at + 1)
    return sorted(starts)


def literal_starts(text: str, literals: Iterable[str]) -> list[int]:
    """Sorted positions where one of `literals` occurs in `text` (exact case)."""
    starts: list[int] = []
    for literal in literals:
        at = text.find(literal)
        while at >= 0:
            starts.append(at)
            at = text.find(literal, at + 1)
    return sorted(set(starts))


def cue_starts(text: str, cues: Iterable[re.Pattern[str]], back: Iterable[int]) -> list[int]:
    """Positions `back` characters before each match of the `cues`: where a pattern that
    holds a cue at one of those offsets can begin. A cue starts with a literal, which
    the regex engine skips to as fast as `str.find`, and consumes one character only,
    so cues that overlap are all found."""
    offsets = tuple(back)
    starts = {m.start() - b for cue in cues for m in cue.finditer(text) for b in offsets}
    return sorted(at for at in starts if at >= 0)


def run_starts(text: str, needle: str, last_outside: re.Pattern[str], longest: int
               ) -> list[int]:
    """Where the run of characters right before each `needle` begins, for a pattern
    whose match is such a run (of at most `longest` characters, not preceded by one of
    its characters), then the needle. `last_outside` (`(?s:.*)[^…]`) ends after the
    last character outside the run; a run longer than `longest` is cut to a start that
    such a pattern rejects."""
    starts: list[int] = []
    at = text.find(needle)
    while at >= 0:
        lo = max(0, at - longest - 1)
        outside = last_outside.match(text, lo, at)
        starts.append(outside.end() if outside else lo)
        at = text.find(needle, at + 1)
    return sorted(set(starts))


def matches_at(pattern: re.Pattern[str], text: str, starts: Iterable[int],
               endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text, 0, endpos)` for a pattern whose matches can only begin at
    `starts` (sorted): the same non-overlapping matches, tried only there."""
    position = 0
    for start in starts:
        if start >= position and (match := pattern.match(text, start, endpos)) is not None:
            position = max(match.end(), start + 1)
            yield match


def gated_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, tried only where the pattern's gate on the text's shape
    (`shapes.py`) finds a place, when it has one."""
    starts = gated_starts(pattern, text)
    return pattern.finditer(text) if starts is None else matches_at(pattern, text, starts)


@dataclass(frozen=True)
class ContextWords:
    """Label words, matched on lower-cased text (five times faster than IGNORECASE).

    `present` is a substring check in C that lets a recognizer skip a text with no
    label at all. `search` and `finditer` behave like a compiled pattern's.
    """

    pattern: re.Pattern[str]  # on lower-cased text
    anycase_source: str  # of `anycase`
    needles: tuple[str, ...]
    firsts: tuple[str, ...] = ()  # the first words of the phrases: where a match starts

    @cached_property
    def anycase(self) -> re.Pattern[str]:
        """The same words in any case, for the rare text whose length changes when
        lower-cased: compiled when one comes (a case-insensitive pattern costs more to
        compile than the lower-case one, and most processes never need it)."""
        return re.compile(self.anycase_source, re.IGNORECASE)

    def present(self, lowered: str) -> bool:
        return any(needle in lowered for needle in self.needles)

    def _pick(self, text: str, lowered: str | None = None) -> tuple[re.Pattern[str], str]:
        lowered = text.lower() if lowered is None else lowered
        return (self.pattern, lowered) if len(lowered) == len(text) else (self.anycase, text)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """A match within text[pos:endpos]; its offsets are relative to `pos`."""
        pattern, subject = self._pick(text[pos:endpos])
        return pattern.search(subject)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize,
                 lowered: str | None = None) -> Iterator[re.Match[str]]:
        """Matches in `text`; `lowered` is `text.lower()` when the caller has it already."""
        lowered = text.lower() if lowered is None else lowered
        pattern, subject = self._pick(text, lowered)
        if not self.present(lowered):
            return
        if pattern is not self.pattern or not self.firsts:
            yield from pattern.finditer(subject, pos, endpos)
            return
        # Every phrase starts with its first word: try the pattern only where one is.
        endpos = min(endpos, len(subject))
        starts: set[int] = set()
        for first in self.firsts:
            at = subject.find(first, pos, endpos)
            while at >= 0:
                starts.add(at)
                at = subject.find(first, at + 1, endpos)
        yield from matches_at(pattern, subject, sorted(starts), endpos)


def context_regex(words: Iterable[str]) -> ContextWords:
    """Case-insensitive whole words/phrases (`_`, `-` and space interchangeable).

    On lower-cased text each phrase starts with its literal first character and only
    then looks behind it, so the regex engine skips to the characters a phrase can
    start with instead of trying the look-behind at every position.
    """
    token_lists = [[t for t in re.split(r"[\s_-]+", w.strip().lower()) if t] for w in words]
    parts = sorted({r"[\s_-]*".join(map(re.escape, tokens)) for tokens in token_lists},
                   key=len, reverse=True)
    body = "(?:" + "|".join(parts) + ")"
    leads = []
    for part in parts:
        first = part[:2] if part[0] == "\\" else part[:1]  # one character, maybe escaped
        leads.append(rf"{first}(?<![a-z]{first}){part[len(first):]}")
    needles = tuple(sorted({max(tokens, key=len) for tokens in token_lists}))
    firsts = tuple(sorted({tokens[0] for tokens in token_lists}))
    return ContextWords(re.compile("(?:" + "|".join(leads) + ")(?![a-z])"),
                        rf"(?<![A-Za-z]){body}(?![a-z])", needles, firsts)


#: English letters, the most common first: the order a trie's branches are tried in.
_LETTER_ORDER = {char: rank for rank, char in enumerate("etaoinsrhldcumfpgwybvkxjqz")}


def _letters_first(item: tuple[str, object]) -> tuple[int, str]:
    """A trie branch's sort key: common letters first (a capital with its small letter,
    before it, as in code point order), then every other character in code point order:
    branches that a case-insensitive pattern may both match (`A`, `a`, `ſ`) keep their
    order."""
    char = item[0]
    return _LETTER_ORDER.get(char.lower(), len(_LETTER_ORDER)), char


def trie(words: Iterable[str]) -> str:
    """A `re` pattern matching the same strings as the alternation of `words`, as a
    trie: one branch per next character, so the engine reads each character once
    instead of trying every word in turn, and the greedy match is the longest word.
    The branches of a node start with different characters, so in a case-sensitive
    pattern at most one of them matches: they are tried common letters first (the
    engine tries them in turn)."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict[str, dict]) -> str:
        alternatives = [re.escape(char) + branch(child)
                        for char, child in sorted(node.items(), key=_letters_first) if char]
        if not alternatives:
            return ""
        body = "(?:" + "|".join(alternatives) + ")"
        return body + "?" if "" in node else body

    return branch(root)


class ScanLabels:
    """The positions of the first words of each label set in one lower-cased text, and
    the index's `hit_words` found in the same pass (`hits`)."""

    __slots__ = ("_slots", "_starts", "hit_words", "hits")

    def __init__(self, slots: dict[int, int], starts: list[list[int]] | None,
                 hit_words: tuple[str, ...] = (),
                 hits: list[tuple[int, str]] | None = None) -> None:
        self._slots, self._starts = slots, starts
        #: `hits`: (position, the longest of `hit_words` there) where one starts at the
        #: text's start or after a character other than `a-z`, as the search
        #: `[^a-z](word alternation)` would find them one after another (a position
        #: inside the word found before it is none); None when the index has no such
        #: words or cannot be used on this text.
        self.hit_words, self.hits = hit_words, hits

    def starts(self, context: ContextWords) -> list[int] | None:
        """Sorted positions where a label of `context` can start (its first word, not
        after a letter); None when the index does not know `context` or cannot be used
        on this text (lower-casing changed its length)."""
        slot = self._slots.get(id(context))
        return None if slot is None or self._starts is None else self._starts[slot]


class LabelIndex:
    """Where the first words of many label sets begin, found in one pass per text.

    The labelled recognizers (MRN, account, device, ...) share some 180 first words;
    looking each up with `str.find`, set by set, costs hundreds of passes over a text.
    One regex over the lower-cased text reads, at every position not after a letter
    (every label pattern looks behind for that), the longest first word there; the
    words that start there too are its prefixes, so each set gets exactly the positions
    of its own first words that `ContextWords.finditer` would try and not reject at once.
    """

    def __init__(self, contexts: Iterable[ContextWords], hit_words: tuple[str, ...] = ()
                 ) -> None:
        unique = list({id(c): c for c in contexts if c.firsts}.values())
        # `hit_words` (a reader's anchor words: `prose_names.ANCHOR_WORDS`) ride the same
        # pass: a position where one starts is read once for both (`ScanLabels.hits`).
        self._hit_words = hit_words
        words = sorted({word for c in unique for word in c.firsts} | set(hit_words))
        self._owners = {word: tuple(i for i, c in enumerate(unique)
                                    if any(word.startswith(first) for first in c.firsts))
                        for word in words}
        # the longest hit word each word found begins with (every hit word there is one)
        self._hit_of = {word: max((hit for hit in hit_words if word.startswith(hit)),
                                  key=len, default=None) for word in words}
        self._slots = {id(c): i for i, c in enumerate(unique)}
        self._contexts = tuple(unique)  # keeps the ids above alive and unique
        first_words = trie(words) if words else "(?!)"
        self._at_start = re.compile(rf"(?=({first_words}))")
        # After a non-letter (a blank, a digit, a sign: a quarter of the characters) one
        # class of the words' first characters says no before the trie's branches do.
        leads = "".join(sorted({re.escape(word[0]) for word in words}))
        self._after = re.compile(rf"[^a-z](?=[{leads}])(?=({first_words}))" if words
                                 else "(?!)")

    @classmethod
    def of(cls, recognizers: Iterable[object]) -> LabelIndex:
        """The index of the label sets that pattern recognizers read behind."""
        return cls(r.context for r in recognizers if isinstance(r, PatternRecognizer)
                   and isinstance(r.context, ContextWords) and not r.context_after)

    def scan(self, text: str, lowered: str) -> ScanLabels:
        """The label starts of every known set in `text` (`lowered` is `text.lower()`)."""
        if len(lowered) != len(text):
            return ScanLabels(self._slots, None)  # the sets search the text itself then
        starts: list[list[int]] = [[] for _ in self._contexts]
        owners = self._owners
        first = self._at_start.match(lowered)
        if first is not None:
            for slot in owners[first.group(1)]:
                starts[slot].append(0)
        if not self._hit_words:
            for match in self._after.finditer(lowered):
                at = match.end()
                for slot in owners[match.group(1)]:
                    starts[slot].append(at)
            return ScanLabels(self._slots, starts)
        hit_of = self._hit_of
        hit = None if first is None else hit_of[first.group(1)]
        hits = [] if hit is None else [(0, hit)]
        # A search that takes each hit word whole goes on after its end: a position
        # inside it (`given` of `had given`) is no hit of its own.
        taken = -1
        for match in self._after.finditer(lowered):
            at, word = match.end(), match.group(1)
            for slot in owners[word]:
                starts[slot].append(at)
            hit = hit_of[word]
            if hit is not None and at > taken:
                hits.append((at, hit))
                taken = at + len(hit)
        return ScanLabels(self._slots, starts, self._hit_words, hits)


@dataclass(frozen=True)
class PatternRecognizer:
    """A regex (its `value` group, or the whole match) that is a finding when it validates.

    With `context`, a match counts only when one of the context words occurs within
    `window` characters before it (or, for `context_after`, after it): numbers such
    as MRNs look like any other number without their label. Such recognizers look for
    the label first and read only the text right after it, and `needles` (substrings
    one of which every match contains, such as `@` or `AKIA`) skip a text at once: the
    scan of a cell costs what its labels and needles make it cost, not a pass per
    pattern over every character. `anchors` are lower-case words one of which every
    match starts with, in any case (`sample`, `tcga`): the pattern is then tried only
    where `str.find` finds one in the lower-cased text. `prefixes` are the same in
    exact case (`AKIA`, `ghp_`), found in the text itself; `starts_at` gives the sorted
    positions where a match can begin when a cheap function can tell (`run_starts`).
    A recognizer gives at most one of these three.
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
    anchors: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    starts_at: Callable[[str], list[int]] | None = None
    description: str = ""
    _group: int | str = field(init=False, default=0)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_group", "value" if "value" in self.pattern.groupindex else 0)
        if sum(bool(way) for way in (self.prefixes, self.starts_at, self.anchors)) > 1:
            raise ValueError(f"{self.name}: give one of prefixes, starts_at and anchors: "
                             "each says where every match starts")

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

    def _candidates(self, text: str, lowered: str | None,
                    labels: ScanLabels | None) -> Iterator[re.Match[str]]:
        if self.needles and not any(needle in text for needle in self.needles):
            return
        context = self.context
        if context is None or self.context_after:
            matches = self._everywhere(text, lowered)
            if isinstance(context, ContextWords):
                # Without a label anywhere no match has one nearby; asked only once a
                # match is found, as most texts have no match to ask about.
                first = next(matches, None)
                if first is None or not context.present(
                        text.lower() if lowered is None else lowered):
                    return
                yield first
            yield from matches
            return
        if isinstance(context, ContextWords):
            starts = None if labels is None or lowered is None else labels.starts(context)
            if starts is not None:
                found = matches_at(context.pattern, lowered, starts)  # type: ignore[arg-type]
            else:
                lowered = text.lower() if lowered is None else lowered
                if not context.present(lowered):
                    return
                found = context.finditer(text, lowered=lowered)
        else:
            found = context.finditer(text)
        yield from self._after_labels(text, found)

    def _everywhere(self, text: str, lowered: str | None) -> Iterator[re.Match[str]]:
        """Matches anywhere in `text`, tried only where one can start when that is known."""
        if self.prefixes:
            yield from matches_at(self.pattern, text, literal_starts(text, self.prefixes))
            return
        if self.starts_at is not None:
            yield from matches_at(self.pattern, text, self.starts_at(text))
            return
        if self.anchors:
            lowered = text.lower() if lowered is None else lowered
            starts = anchor_starts(text, lowered, self.anchors)
            if starts is not None:
                yield from matches_at(self.pattern, text, starts)
                return
        starts = gated_starts(self.pattern, text)  # from the text's shape (`shapes.py`)
        if starts is not None:
            yield from matches_at(self.pattern, text, starts)
            return
        yield from self.pattern.finditer(text)

    def _after_labels(self, text: str, labels: Iterable[re.Match[str]]
                      ) -> Iterator[re.Match[str]]:
        """Matches read only behind each label: `window` characters plus room for the value."""
        position = 0
        for label in labels:
            start = max(position, label.end())
            end = min(len(text), label.end() + self.window + _MAX_VALUE)
            if start >= end:
                continue
            for match in self.pattern.finditer(text, start, end):
                if match.end() < end or end == len(text):
                    position = max(position, match.end())
                    yield match
            position = max(position, end - _MAX_VALUE)

    def find(self, text: str, lowered: str | None = None,
             labels: ScanLabels | None = None) -> Iterator[Finding]:
        """Findings in `text`; `lowered` (`text.lower()`) and `labels` (where label words
        start in it) are shared by all the recognizers of the engine's scan."""
        if self.needles and not any(needle in text for needle in self.needles):
            return iter(())
        if labels is not None and lowered is not None and not self.context_after and (
                isinstance(self.context, ContextWords)) and labels.starts(self.context) == []:
            return iter(())  # no label in the text (half the calls): no match has one
        return self._findings(text, self._candidates(text, lowered, labels))

    def find_at(self, text: str, starts: list[int]) -> Iterator[Finding]:
        """Findings of a recognizer without context words whose matches can only begin at
        `starts` (sorted), found by the caller (one search for many recognizers)."""
        return self._findings(text, matches_at(self.pattern, text, starts))

    def _findings(self, text: str, matches: Iterable[re.Match[str]]) -> Iterator[Finding]:
        for match in matches:
            start, end = match.span(self._group)
            if start == end:
                continue
            if self.validate is not None and not self.validate(match.group(self._group)):
                continue
            if not self.has_context(text, start, end):
                continue
            yield Finding(start, end, self.entity, self.category, self.score, self.name)
