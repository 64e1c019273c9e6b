"""Names the name recognizer's capitalised reading misses: `pt maria garcia, 67 yo`
and `SURNAME, GIVEN` (`GARCIA, MARIA`, `Ibekwe, Folasade`) in prose, YAML, CSV, dicts.

Lower-case words and comma pairs are prose unless something says otherwise, so:
- a run of two or three lower-case words is a name when every word is a listed name
  (not all common words) and a cue stands right before it (`pt`, `mrs`, `name:`) or an
  age or DOB right after it; with both, unlisted words will do (held-out names);
- `Surname, Given` (both words capitalised, or both in capitals, or both lower case) is
  a name when both are listed strong names in that order, or when the pair is a whole
  quoted value or field (`"GARCIA, MARIA"`, `name: GARCIA, MARIA`), or a cue stands
  before it or an age after it (`Admitted KOTWAL, RITIKA (85)`);
- a surname that also names a method (`Kaplan`, `Wilson`, `Gauss`), which the name
  recognizer leaves alone, is a name right after a title (`Dr. Kaplan`, `Mrs Wilson`) or
  after `patient` / `pt` with an age, a DOB or a verb after it (`patient Markov, 54`),
  unless a term's head noun follows (`Dr. Cox's method`, `patient Kaplan-Meier curve`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .english_words import verbs_adjectives_adverbs
from .finding import Finding
from .name_context import in_documentation, name_giving_ends
from .name_lists import COMMON_WORDS, EPONYMS, HONORIFICS, WORDLIKE_ENDINGS, UsesNameLists
from .terms import eponym_term

NAME = "names_loose"

_LETTERS = r"[^\W\d_]"
_LOWER_WORD = r"[^\W\d_A-Z][^\W\d_]{1,30}(?:['\u2019-][^\W\d_]{2,30})?"
_WORD_ONLY = re.compile(_LOWER_WORD)
_NAME_WORDS = re.compile(rf"({_LOWER_WORD})[ \t]+({_LOWER_WORD})(?:[ \t]+({_LOWER_WORD}))?"
                         r"(?![\w@])")
#: Two or three words ending right before an age or DOB (`maria garcia, 67 yo`), read
#: backwards on the reversed text: one attempt per cue.
_BACKWARD_WORD = r"[^\W\d_][^\W\d_'\u2019-]{0,40}"
_NAME_WORDS_BACKWARDS = re.compile(
    rf"[ \t]*\(?[ \t]*,?[ \t]*[\"']?({_BACKWARD_WORD})[ \t]+({_BACKWARD_WORD})"
    rf"(?:[ \t]+({_BACKWARD_WORD}))?(?![\w@./-])")
_PART = rf"{_LETTERS}{{2,30}}(?:['\u2019-]{_LETTERS}{{2,30}})?"
#: `Surname, Given` from its comma: the surname read backwards (on the reversed text),
#: the given name forwards.
_FAMILY_BACKWARDS = re.compile(rf"{_PART}(?![\w@./-])")
_GIVEN = re.compile(rf"[ \t]?({_PART})(?![\w@])")
_CUE_WORDS = (r"pts?|patient|mrs?|ms|miss|mx|dr|name|named|nok|next of kin|mother|father|"
              r"wife|husband|son|daughter|spouse|guardian|contact|caregiver|called|admitted|"
              r"seen|discharged|re")
_CUE_BEFORE = re.compile(rf"(?:^|(?<=[^\w]))(?:{_CUE_WORDS})\.?[ \t]*[:=#-]?[ \t]*[\"']?[ \t]*$",
                         re.IGNORECASE)
_CUE_AFTER = re.compile(
    r"[\"']?[ \t]*,?[ \t]*(?:\(?\d{1,3}[ \t]*(?:yo|y/o|y\.o\.|yrs?|years?[ \t-]+old|[mf])\b"
    r"|\(\d{1,3}\)|\(?(?:dob|d\.o\.b|mrn|age[ds]?|born)\b)", re.IGNORECASE)
_CUE_WORD = re.compile(_CUE_WORDS, re.IGNORECASE)
_CUE_LIST = ("pt", "pts", "patient", "mr", "mrs", "ms", "miss", "mx", "dr", "name", "named",
             "nok", "next of kin", "mother", "father", "wife", "husband", "son", "daughter",
             "spouse", "guardian", "contact", "caregiver", "called", "admitted", "seen",
             "discharged", "re")


def _by_first_letter(words: tuple[str, ...]) -> re.Pattern[str]:
    """The words as one pattern on lower-cased text that starts with a one-character class
    (the regex engine skips to those characters) and then looks behind it for a letter."""
    firsts = sorted({w[0] for w in words})
    branches = [f"{first}(?<![a-z]{first})(?:" + "|".join(
        re.escape(w[1:]) for w in sorted(words, key=len, reverse=True) if w[0] == first) + ")"
        for first in firsts]
    return re.compile("(?:" + "|".join(branches) + ")(?![a-z])")


def _whole_words(lowered: str, words: tuple[str, ...]) -> list[int]:
    """Where one of `words` (lower case, none a letter's run inside another of them but
    as its start) stands in `lowered` as a whole word, by `str.find`: a few rare words
    are found faster so than by a pattern tried at each of their first letters."""
    starts: set[int] = set()
    for word in words:
        at = lowered.find(word)
        while at >= 0:
            end = at + len(word)
            if not ("a" <= lowered[at - 1:at] <= "z" or "a" <= lowered[end:end + 1] <= "z"):
                starts.add(at)
            at = lowered.find(word, at + 1)
    return sorted(starts)


#: The cue words, found on lower-cased text.
_CUE_LABELS = _by_first_letter(_CUE_LIST)
#: What may stand between a cue word and a name (`pt `, `name: "`).
_CUE_TAIL = re.compile(r"\.?[ \t]*[:=#-]?[ \t]*[\"']?[ \t]*")
#: An age or DOB that follows a name, on lower-cased text; each form starts with one
#: character (then looks behind it), which the regex engine skips to.
_AGE_OR_DOB = re.compile(
    r"y(?:(?<=\dy)|(?<=\d[ \t]y))(?:o|/o|\.o\.|rs?|ears?[ \t-]+old)(?![a-z])"
    r"|[mf](?:(?<=\d[mf])|(?<=\d[ \t][mf]))(?![a-z])|\((?<![\w.]\()\d{1,3}\)")
#: The age before its unit (`67 ` of `67 yo`), read backwards from the unit.
_AGE_BACKWARDS = re.compile(r"[ \t]?\d{1,3}(?![\w.])")
_AGE_OR_DOB_WORDS = ("dob", "d.o.b", "mrn", "age", "aged", "ages", "born")
#: A whole quoted value, or a whole field after a name key or between separators.
_QUOTED_BEFORE = re.compile(r"(?:[\"']|(?:^|[\n,;|\t])[ \t]*|name[\"']?[ \t]*[:=][ \t]*)$",
                            re.IGNORECASE)
_QUOTED_AFTER = re.compile(r"[\"']|[ \t]*(?:$|[\n,;|\t])")
#: Another item of a prose or code list right before the pair (`HTML, LaTeX, [PNG, SVG]`)
#: or right after it (`[Chrome, Safari] or Firefox`, `[Xtrain, Xtest], ytrain, ytest =`):
#: the pair is two items of a list of things, not one `Surname, Given`.
_ITEM_BEFORE = re.compile(r"[^\W_][\w.+#-]*,[ ]$")
_ITEM_AFTER = re.compile(r",?[ ](?:or|and)[ ][^\W\d_]|,[ ][^\W\d_][\w.+#-]*(?=,|[ ](?:or|and)\b|"
                         r"[ ]?[=)\]]|$)", re.MULTILINE)


#: The capitalised word after a title or `patient` cue word (`Dr. Kaplan`), read from
#: the cue word's end.
_WORD_AFTER_TITLE = re.compile(r"\.?[ \t]+([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?![\w-])")
_TITLES = frozenset({*HONORIFICS, "mx"})
_PATIENT_WORDS = frozenset({"patient", "pt", "pts"})
#: What makes a word after `patient` a person's name: an age, a DOB or MRN, a verb.
_PATIENT_AFTER = re.compile(
    r",?[ \t]*(?:\(?\d{1,3}(?:[ \t]*(?:yo|y/o|yrs?|years?[ \t-]+old|[mf]))?\b(?!\.\d)|"
    r"\(?(?:dob|d\.o\.b|mrn)\b)|[ \t]+(?:was|is|has|had|presented|presents|reports|"
    r"denies|underwent|received|complains|said|says|died|agreed|declined|lives)\b",
    re.IGNORECASE)


def _eponym_after_title(text: str, cue: str, at: int) -> Finding | None:
    """`Dr. Kaplan`, `patient Wilson, 54`: an eponym surname after the cue word `cue`
    (lower case) that ends at `at`; see the module docstring."""
    patient = cue in _PATIENT_WORDS
    if not (patient or cue in _TITLES):
        return None
    match = _WORD_AFTER_TITLE.match(text, at)
    if match is None:
        return None
    word, end = match.group(1), match.end(1)
    if not all(part.casefold() in EPONYMS for part in word.split("-")):
        return None  # any other word is the name recognizer's to read
    if eponym_term(text, match.start(1), end):
        return None
    if patient and not _PATIENT_AFTER.match(text, end):
        return None
    return Finding(match.start(1), end, "PERSON", "phi", 0.8, NAME)


_PARTS = re.compile(r"[ '\u2019-]+")
#: One lower-case word of a name or an initial (`codey m ross`), and the blank after it.
_LOWER_NAME_WORD = re.compile(r"([^\W\d_A-Z][^\W\d_]*(?:['\u2019-][^\W\d_]+)*)(?![\w@'\u2019-])"
                              r"\.?[ ]?")
#: At most this many words follow a name-giving phrase.
_GIVEN_WORDS = 3


def _plain_name_word(word: str) -> bool:
    """No common English word, eponym or word with an English ending (`-tion`, `-ing`)."""
    key = word.casefold()
    return key not in COMMON_WORDS and key not in EPONYMS and (len(key) == 1 or not (
        key.endswith(WORDLIKE_ENDINGS)))


def _words_backwards(text: str, match: re.Match[str] | None) -> list[tuple[int, int]]:
    """The spans in `text` of the words a `_NAME_WORDS_BACKWARDS` match read (last word
    first), in text order, if each is a lower-case word."""
    if match is None:
        return []
    size = len(text)
    spans = [(size - match.end(i), size - match.start(i)) for i in (3, 2, 1) if match.group(i)]
    return spans if all(text[a].islower() and _WORD_ONLY.fullmatch(text, a, b)
                        for a, b in spans) else []


def _words_of(match: re.Match[str] | None) -> list[tuple[int, int]]:
    """The spans of a `_NAME_WORDS` match's words, if each starts in lower case."""
    if match is None:
        return []
    spans = [match.span(i) for i in (1, 2, 3) if match.group(i)]
    return spans if all(match.string[a].islower() for a, _ in spans) else []


def _english_word(word: str) -> bool:
    """Whether a word is an English verb, adjective or adverb, or such a verb with its
    ending (`ALERT`, `ORIENTED`, `NODDING`): no name, for all its capitals."""
    key = word.casefold()
    words = verbs_adjectives_adverbs()
    return key in words or any(
        key.endswith(ending) and (key[:-len(ending)] in words or key[:-len(ending) - 1] in words)
        for ending in ("ed", "ing"))


def _case_shape(word: str) -> str:
    return "upper" if word.isupper() else "lower" if word.islower() else (
        "title" if word[:1].isupper() else "mixed")


class LooseNameRecognizer(UsesNameLists):
    """PERSON spans in lower case and `SURNAME, GIVEN` form (see the module docstring)."""

    name = NAME
    entities = ("PERSON",)

    def load(self) -> None:
        _ = self.lists.kinds
        verbs_adjectives_adverbs()

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
        yield from self._given_in_lower_case(text)

    @staticmethod
    def _given_in_lower_case(text: str) -> Iterator[Finding]:
        """`my name is vitoria`, `everyone calls me borna`: after a phrase that gives a
        person's name, up to three lower-case words that are no common English words,
        listed or not (the phrase says what they are)."""
        for given in name_giving_ends(text, text.lower()):
            end = at = given
            for _ in range(_GIVEN_WORDS):
                word = _LOWER_NAME_WORD.match(text, at)
                if word is None or not _plain_name_word(word.group(1)):
                    break
                end, at = word.end(1), word.end()
            if end > given:
                yield Finding(given, end, "PERSON", "phi", 0.8, NAME)

    def _lower_runs(self, text: str) -> Iterator[Finding]:
        """Read from the cues, not from every word: after each cue word, and before each
        age or DOB, the two or three lower-case words there."""
        seen: set[tuple[int, int]] = set()
        lowered = text.lower()
        for cue in _CUE_LABELS.finditer(lowered):
            titled = _eponym_after_title(text, cue.group(), cue.end())
            if titled is not None:
                yield titled
            tail = _CUE_TAIL.match(text, cue.end())
            words = _words_of(_NAME_WORDS.match(text, tail.end() if tail else cue.end()))
            if words and _CUE_WORD.fullmatch(text, *words[0]):
                continue  # `seen pt maria garcia`: read from the next cue
            for count in (3, 2):
                if len(words) < count:
                    continue
                start, end = words[0][0], words[count - 1][1]
                parts = [text[a:b] for a, b in words[:count]]
                if self._listed(parts) or self._plain(parts) and _CUE_AFTER.match(text, end):
                    seen.add((start, end))
                    yield Finding(start, end, "PERSON", "phi", 0.8, self.name)
                    break
        backwards = ""
        cues = _whole_words(lowered, _AGE_OR_DOB_WORDS)
        for unit in _AGE_OR_DOB.finditer(lowered):
            backwards = backwards or text[::-1]
            age = _AGE_BACKWARDS.match(backwards, len(text) - unit.start())
            if age is not None or unit.group().startswith("("):
                cues.append(len(text) - age.end() if age is not None else unit.start())
        for cue in sorted(cues):
            backwards = backwards or text[::-1]
            words = _words_backwards(text, _NAME_WORDS_BACKWARDS.match(backwards,
                                                                        len(text) - cue))
            for first in range(max(0, len(words) - 3), len(words) - 1):
                start, end = words[first][0], words[-1][1]
                parts = [text[a:b] for a, b in words[first:]]
                if (start, end) in seen or _CUE_WORD.fullmatch(parts[0]):
                    continue
                if self._listed(parts) or self._plain(parts) and (
                        _CUE_BEFORE.search(text, max(0, start - 24), start)):
                    yield Finding(start, end, "PERSON", "phi", 0.8, self.name)
                    break

    def _comma_pairs(self, text: str) -> Iterator[Finding]:
        if "," not in text:
            return
        kinds = self.lists.kinds
        backwards = text[::-1]
        size = len(text)
        comma = text.find(",")
        while comma >= 0:
            at, comma = comma, text.find(",", comma + 1)
            if not text[max(0, at - 2):at].isalpha():
                continue  # `f(a, b)`, `1,234`: no surname of two letters ends here
            family_match = _FAMILY_BACKWARDS.match(backwards, size - at)
            given_match = _GIVEN.match(text, at + 1)
            if family_match is None or given_match is None:
                continue
            start, end = size - family_match.end(), given_match.end()
            family, given = text[start:at], given_match.group(1)
            shape = _case_shape(family)
            listed = kinds.get(family.casefold(), "") in {"S", "N"} and kinds.get(
                given.casefold(), "") in {"G", "N"}
            if shape == "mixed" or shape == "lower" and not listed:
                continue
            if not listed and min(len(family), len(given)) < 3:
                continue  # `ZX,XZ`, `AB, CD`: codes; a surname of two letters needs the lists
            parts = _PARTS.split(f"{family} {given}")
            if any(_case_shape(p) != shape for p in parts) or not (
                    self._plain(parts)) or any(p.casefold() in EPONYMS for p in parts):
                continue  # `Kaplan-Meier, Cox-adjusted` names methods, not people
            cued = bool(_CUE_BEFORE.search(text, max(0, start - 24), start)
                        or _CUE_AFTER.match(text, end))
            if not listed and shape == "upper" and any(map(_english_word, parts)):
                continue  # `ALERT, ORIENTED`, `AWAKE, SEDATED`: a note in capitals
            if not listed and not cued and (
                    _ITEM_BEFORE.search(text, max(0, start - 40), start)
                    or _ITEM_AFTER.match(text, end)):
                continue  # items of a list of things: `Numba, Blaze, Bokeh`
            whole = bool(_QUOTED_BEFORE.search(text, max(0, start - 30), start)
                         and _QUOTED_AFTER.match(text, end))
            if (listed or (whole or cued) and shape != "lower") and (
                    cued or not in_documentation(text, start, end)):
                # not an orchestra, a firm, an author: the same rules as names.py
                # above a name recognizer's reading of one of the two words alone
                yield Finding(start, end, "PERSON", "phi", 0.86, self.name)
