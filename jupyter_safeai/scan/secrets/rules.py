"""A token rule: one declaration per vendor token, in the manner of gitleaks' rule files.

A rule gives its id, what it finds, the token's regex, an entropy floor, an allow-list,
and sample secrets and look-alikes. Everything else is derived from it: where a match
can begin (the literal start of the regex, or the rule's keywords), the recognizer, the
registry entry and the test that every sample is found and no look-alike is. Rules are
written as TOML `[[rule]]` tables, the package's own (`vendors.toml`) and an admin's
rule files alike, and read by `rules_of`.

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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from ..entities import ENTITIES
from ..prefilter import literal_starts_of, required_literal
from ..recognizer import PatternRecognizer
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
        """A rule from a TOML `[[rule]]` table (lists become tuples); its `sample_token`,
        if any, is written into samples and look-alikes (`written_samples`) before the
        ones the table lists."""
        known = {f.name for f in fields(cls) if f.init} | {"sample_token"}
        unknown = set(table) - known
        if unknown:
            raise ValueError(f"unknown rule fields: {', '.join(sorted(unknown))}")
        values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v
                                  for k, v in table.items()}
        token = values.pop("sample_token", None)
        if token is not None:
            if not isinstance(token, str):
                raise ValueError(f"{values.get('id')}: sample_token must be a string")
            samples, look_alikes = written_samples(token, values.get("keywords", ()))
            values["samples"] = (*samples, *values.get("samples", ()))
            values["not_secrets"] = (*look_alikes, *values.get("not_secrets", ()))
        return cls(**values)

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


def written_samples(token: str, keywords: Sequence[str] = ()
                    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The samples a rule must find and the look-alikes it must not, written from one
    sample token. A prefixed token is found where it is assigned (`token = "…"`), not
    glued to a word (`x…`); a keyed value is found in a name that holds the rule's first
    keyword (`DISCORD_TOKEN = "…"`, `discordKey: …`), not in one that holds none
    (`build_id = "…"`)."""
    if not keywords:
        return (f'token = "{token}"',), (f"x{token}",)
    keyword = keywords[0]
    return ((f'{keyword.upper()}_TOKEN = "{token}"', f"{keyword}Key: {token}"),
            (f'build_id = "{token}"',))


def rules_of(data: Mapping[str, object]) -> tuple[TokenRule, ...]:
    """The rules of a parsed rule file, its `[[rule]]` tables: the package's vendor table
    and an admin's rule files are read alike."""
    tables = data.get("rule", [])
    if not isinstance(tables, list) or not tables:
        raise ValueError("expected one or more [[rule]] tables")
    return tuple(TokenRule.from_mapping(table) for table in tables)
