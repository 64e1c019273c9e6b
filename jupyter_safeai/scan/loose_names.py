"""Names the name recognizer's capitalised reading misses: `pt maria garcia, 67 yo`
and `SURNAME, GIVEN` (`GARCIA, MARIA`, `Ibekwe, Folasade`) in prose, YAML, CSV, dicts.

Lower-case words and comma pairs are prose unless something says otherwise, so:
- a run of two or three lower-case words is a name when every word is a listed name
  (not all common words) and a cue stands right before it (`pt`, `mrs`, `name:`) or an
  age or DOB right after it; with both, unlisted words will do (held-out names);
- `Surname, Given` (both words capitalised, or both in capitals, or both lower case) is
  a name when both are listed strong names in that order, or when the pair is a whole
  quoted value or field (`"GARCIA, MARIA"`, `name: GARCIA, MARIA`), or a cue stands
  before it or an age after it (`Admitted KOTWAL, RITIKA (85)`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .finding import Finding
from .name_lists import COMMON_WORDS, EPONYMS, NameLists, name_lists

NAME = "names_loose"

_LETTERS = r"[^\W\d_]"
_LOWER_WORD = r"[^\W\d_A-Z][^\W\d_]{1,30}(?:['\u2019-][^\W\d_]{2,30})?"
_LOWER = re.compile(rf"(?<![\w@./-]){_LOWER_WORD}(?![\w@])")
_PART = rf"{_LETTERS}{{2,30}}(?:['\u2019-]{_LETTERS}{{2,30}})?"
_COMMA_PAIR = re.compile(rf"(?<![\w@./-])(?P<family>{_PART}),[ \t]?"
                         rf"(?P<given>{_PART})(?![\w@])")
_CUE_WORDS = (r"pts?|patient|mrs?|ms|miss|mx|dr|name|named|nok|next of kin|mother|father|"
              r"wife|husband|son|daughter|spouse|guardian|contact|caregiver|called|admitted|"
              r"seen|discharged|re")
_CUE_BEFORE = re.compile(rf"(?:^|(?<=[^\w]))(?:{_CUE_WORDS})\.?[ \t]*[:=#-]?[ \t]*[\"']?[ \t]*$",
                         re.IGNORECASE)
_CUE_AFTER = re.compile(
    r"[\"']?[ \t]*,?[ \t]*(?:\(?\d{1,3}[ \t]*(?:yo|y/o|y\.o\.|yrs?|years?[ \t-]+old|[mf])\b"
    r"|\(\d{1,3}\)|\(?(?:dob|d\.o\.b|mrn|age[ds]?|born)\b)", re.IGNORECASE)
_CUE_WORD = re.compile(_CUE_WORDS, re.IGNORECASE)
#: A whole quoted value, or a whole field after a name key or between separators.
_QUOTED_BEFORE = re.compile(r"(?:[\"']|(?:^|[\n,;|\t])[ \t]*|name[\"']?[ \t]*[:=][ \t]*)$",
                            re.IGNORECASE)
_QUOTED_AFTER = re.compile(r"[\"']|[ \t]*(?:$|[\n,;|\t])")


_PARTS = re.compile(r"[ '\u2019-]+")


def _word_runs(text: str) -> Iterator[list[tuple[int, int]]]:
    """Runs of lower-case words with only blanks between them, as (start, end) each."""
    run: list[tuple[int, int]] = []
    for word in _LOWER.finditer(text):
        if not text[word.start()].islower():  # `Иван`, `王伟`: capitalised or uncased
            if len(run) > 1:
                yield run
            run = []
            continue
        if run and text[run[-1][1]:word.start()].strip(" \t"):
            if len(run) > 1:
                yield run
            run = []
        run.append(word.span())
    if len(run) > 1:
        yield run


def _case_shape(word: str) -> str:
    return "upper" if word.isupper() else "lower" if word.islower() else (
        "title" if word[:1].isupper() else "mixed")


class LooseNameRecognizer:
    """PERSON spans in lower case and `SURNAME, GIVEN` form (see the module docstring)."""

    name = NAME

    def __init__(self, lists: NameLists | None = None) -> None:
        self._lists = lists

    @property
    def lists(self) -> NameLists:
        if self._lists is None:
            self._lists = name_lists()
        return self._lists

    def load(self) -> None:
        _ = self.lists.kinds

    def _listed(self, words: list[str]) -> bool:
        kinds = self.lists.kinds
        return all(kinds.get(w.casefold()) for w in words) and not all(
            w.casefold() in COMMON_WORDS for w in words)

    @staticmethod
    def _plain(words: list[str]) -> bool:
        """No word a common English word: unlisted words count only then."""
        return not any(w.casefold() in COMMON_WORDS for w in words)

    def find(self, text: str) -> Iterator[Finding]:
        yield from self._lower_runs(text)
        yield from self._comma_pairs(text)

    def _lower_runs(self, text: str) -> Iterator[Finding]:
        for words in _word_runs(text):
            for first in range(len(words) - 1):
                for last in range(min(len(words), first + 3), first + 1, -1):
                    start, end = words[first][0], words[last - 1][1]
                    parts = [text[a:b] for a, b in words[first:last]]
                    if _CUE_WORD.fullmatch(parts[0]):
                        break  # `pt maria garcia`: the cue is not part of the name
                    listed = self._listed(parts)
                    after = _CUE_AFTER.match(text, end) is not None
                    if not (listed or after) or not (listed or self._plain(parts)):
                        continue  # neither evidence can be had: spare the cue search
                    # a cue word in the run itself, else read the text before the run
                    before = bool(_CUE_WORD.fullmatch(text[slice(*words[first - 1])])
                                  if first else _CUE_BEFORE.search(text, max(0, start - 24),
                                                                   start))
                    if (before or after) and listed or before and after:
                        yield Finding(start, end, "PERSON", "phi", 0.8, self.name)
                        break

    def _comma_pairs(self, text: str) -> Iterator[Finding]:
        if "," not in text:
            return
        kinds = self.lists.kinds
        for match in _COMMA_PAIR.finditer(text):
            family, given = match.group("family"), match.group("given")
            shape = _case_shape(family)
            listed = kinds.get(family.casefold(), "") in {"S", "N"} and kinds.get(
                given.casefold(), "") in {"G", "N"}
            if shape == "mixed" or shape == "lower" and not listed:
                continue
            parts = _PARTS.split(f"{family} {given}")
            if any(_case_shape(p) != shape for p in parts) or not (
                    self._plain(parts)) or any(p.casefold() in EPONYMS for p in parts):
                continue  # `Kaplan-Meier, Cox-adjusted` names methods, not people
            start, end = match.span()
            whole = bool(_QUOTED_BEFORE.search(text, max(0, start - 30), start)
                         and _QUOTED_AFTER.match(text, end))
            cued = bool(_CUE_BEFORE.search(text, max(0, start - 24), start)
                        or _CUE_AFTER.match(text, end))
            if listed or (whole or cued) and shape != "lower":
                # above a name recognizer's reading of one of the two words alone
                yield Finding(start, end, "PERSON", "phi", 0.86, self.name)
