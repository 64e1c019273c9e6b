"""A token rule: one declaration per vendor token, in the manner of gitleaks' rule files.

A rule gives its id, what it finds, the token's regex, an entropy floor, an allow-list,
and sample secrets and look-alikes. Everything else is derived from it: where a match
can begin (the literal start of the regex, or the rule's keywords), the recognizer, the
registry entry and the test that every sample is found and no look-alike is.

Two shapes:

* a prefixed token (``dop_v1_…``): `regex` is the token; it stands alone, not glued to
  other token characters;
* a keyed value (a Discord token is 64 hex digits, which only say "Discord" next to the
  name they are assigned to): `keywords` are words one of which the assigned name holds
  (``DISCORD_TOKEN = "…"``, ``discordToken: …``, ``<discordToken>…``), and `regex` is the
  value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields

from ..entities import ENTITIES
from ..finding import Finding
from ..prefilter import literal_starts_of, required_literal
from ..recognizer import PatternRecognizer, ScanLabels, finds_as_regex_does, trie
from .randomness import SECRET, is_placeholder, shannon_entropy

#: Characters a token is made of; a token is not a piece of a longer run of them.
_TOKEN_CHAR = r"A-Za-z0-9_\-"
#: Between a name holding a keyword and its value: the rest of the name, a quote or
#: bracket, an optional type (`var xToken string =`), an assignment operator of some
#: language (`=`, `:`, `:=`, `::=`, `?=`, `.=`, `=>`, `<-`, `,` of a call, `>` of an
#: element) and the quotes and blanks before the value.
_KEYED_GAP = (r"[\w.-]{0,30}?[\"'\]]{0,2}(?:[ \t]{1,4}[A-Za-z_][\w\[\]]{0,20})?[ \t]{0,4}"
              r"(?:::?=|:::=|\?=|\.=|=>|<-|\|\|=|[=:,>])[\s\"'`=]{0,8}?")
#: What may follow a keyed value: a quote, a blank, a delimiter, an escaped line break.
_KEYED_END = r"(?=[\s\"'`;,)<\]}&]|\\[nrt]|$)"


@dataclass(frozen=True)
class TokenRule:
    """One vendor token: how to find it and the samples that show it is found."""

    id: str
    description: str
    regex: str
    entity: str = "GENERIC_SECRET"
    keywords: tuple[str, ...] = ()
    entropy: float = 3.0
    allow: tuple[str, ...] = ()
    samples: tuple[str, ...] = ()
    not_secrets: tuple[str, ...] = ()
    score: float = 0.9
    _compiled: tuple[re.Pattern[str], ...] = field(init=False, repr=False, compare=False,
                                                   default=())
    _pattern: re.Pattern[str] = field(init=False, repr=False, compare=False,
                                      default=re.compile(""))

    def __post_init__(self) -> None:
        if ENTITIES.get(self.entity, ("",))[0] != SECRET:
            raise ValueError(f"{self.id}: {self.entity!r} is not a secret entity")
        if not re.fullmatch(r"[a-z0-9][a-z0-9.-]{1,80}", self.id):
            raise ValueError(f"{self.id!r}: ids are lower-case words joined by '-'")
        try:
            allow = tuple(re.compile(a) for a in self.allow)
            pattern = self._compile()
        except re.error as error:
            raise ValueError(f"{self.id}: bad regex ({error})") from None
        object.__setattr__(self, "_compiled", allow)
        object.__setattr__(self, "_pattern", pattern)
        if not self.keywords and literal_starts_of(pattern) is None and (
                required_literal(self.regex) is None):
            raise ValueError(f"{self.id}: a token without keywords must start with a literal "
                             "prefix or hold a literal of 3+ characters (or give keywords)")

    @classmethod
    def from_mapping(cls, table: Mapping[str, object]) -> TokenRule:
        """A rule from a TOML `[[rule]]` table (lists become tuples)."""
        known = {f.name for f in fields(cls) if f.init}
        unknown = set(table) - known
        if unknown:
            raise ValueError(f"unknown rule fields: {', '.join(sorted(unknown))}")
        values = {k: tuple(v) if isinstance(v, list) else v for k, v in table.items()}
        return cls(**values)  # type: ignore[arg-type]

    def pattern(self) -> re.Pattern[str]:
        """The rule's regex as it runs: a keyed value after its name, or a token that
        stands alone."""
        return self._pattern

    def _compile(self) -> re.Pattern[str]:
        if self.keywords:
            names = "|".join(sorted(map(re.escape, self.keywords), key=len, reverse=True))
            return re.compile(rf"(?i:{names}){_KEYED_GAP}"
                              rf"(?<![{_TOKEN_CHAR}])(?P<value>{self.regex}){_KEYED_END}")
        # not glued to a longer run, nor a file suffix (`video_box.ico-7a38…`)
        return re.compile(rf"(?<![{_TOKEN_CHAR}.])(?:{self.regex})(?![{_TOKEN_CHAR}])")

    def valid(self, value: str) -> bool:
        """A real token: not a placeholder, random enough, not allow-listed."""
        return (not is_placeholder(value) and shannon_entropy(value) >= self.entropy
                and not any(a.search(value) for a in self._compiled))

    def recognizer(self) -> PatternRecognizer:
        pattern = self.pattern()
        starts = literal_starts_of(pattern)
        exact = starts is not None and not starts.anycase
        return PatternRecognizer(
            self.entity, SECRET, pattern, self.score, self.valid, label=self.id,
            prefixes=starts.literals if starts and exact else (),
            anchors=starts.literals if starts and not exact else (),
            needles=() if starts else (required_literal(self.regex) or "",),
            description=self.description)

    def check_samples(self) -> list[str]:
        """What is wrong with the rule against its own samples (empty when nothing)."""
        recognizer = self.recognizer()
        problems = [f"sample {i} not found" for i, sample in enumerate(self.samples)
                    if not any(True for _ in recognizer.find(sample))]
        problems += [f"look-alike {i} found" for i, sample in enumerate(self.not_secrets)
                     if any(True for _ in recognizer.find(sample))]
        return problems


class RuleTable:
    """The token rules run as one recognizer: one search over the text finds where any
    rule's literal start or keyword stands, and only the rules found there are tried.

    Seventy rules tried one by one cost seventy passes and seventy calls per text; here a
    text without any of their starts costs two searches in C (exact-case starts on the
    text, keywords on its lower-cased copy). Findings carry each rule's own name.
    """

    name = "rules:tokens"

    def __init__(self, rules: Iterable[TokenRule]) -> None:
        self.rules = tuple(rules)
        self.members = tuple(rule.recognizer() for rule in self.rules)
        self.entities = tuple(sorted({m.entity for m in self.members}))
        exact: dict[str, list[int]] = {}
        anycase: dict[str, list[int]] = {}
        for i, member in enumerate(self.members):
            for start in member.prefixes:
                exact.setdefault(start, []).append(i)
            for start in member.anchors:
                anycase.setdefault(start, []).append(i)
        # a prefixed token stands alone (`pattern`), so its start is sought only there
        self._exact = self._index(exact, rf"(?<![{_TOKEN_CHAR}.])")
        self._anycase = self._index(anycase)
        self._needled = tuple(i for i, m in enumerate(self.members)
                              if not m.prefixes and not m.anchors)

    @staticmethod
    def _index(starts: dict[str, list[int]], boundary: str = ""
               ) -> tuple[re.Pattern[str], dict[str, tuple[int, ...]]] | None:
        """A search for the longest start at a position, and for each start the rules
        of every start it begins with (they start there too)."""
        if not starts:
            return None
        owners = {word: tuple(sorted({i for other, rules in starts.items()
                                      if word.startswith(other) for i in rules}))
                  for word in starts}
        return re.compile(boundary + trie(starts)), owners

    @staticmethod
    def _positions(index: tuple[re.Pattern[str], dict[str, tuple[int, ...]]] | None,
                   subject: str, into: dict[int, list[int]]) -> None:
        if index is None:
            return
        search, owners = index
        match = search.search(subject)
        while match is not None:
            for rule in owners[match.group()]:
                into.setdefault(rule, []).append(match.start())
            match = search.search(subject, match.start() + 1)

    def find(self, text: str, lowered: str | None = None,
             labels: ScanLabels | None = None) -> Iterator[Finding]:
        lowered = text.lower() if lowered is None else lowered
        at: dict[int, list[int]] = {}
        self._positions(self._exact, text, at)
        keywords_found = finds_as_regex_does(text, lowered)
        if keywords_found:
            self._positions(self._anycase, lowered, at)
        for i, member in enumerate(self.members):
            if member.anchors and not keywords_found or i in self._needled:
                yield from member.find(text, lowered)  # they search the text themselves
            elif i in at:
                yield from member.find_at(text, sorted(set(at[i])))
