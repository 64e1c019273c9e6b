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

import regex

from .brands import firm_of_surnames
from .code import python_source
from .english_words import (
    describes,
    english_lemmas,
    english_word,
    inflected_from,
    nouns_and_other_words,
    phrasal_verb,
    stop_words,
    verbs_adjectives_adverbs,
)
from .finding import Finding
from .geography import is_place_name
from .name_context import (
    SOFTWARE_NAMES,
    in_documentation,
    name_giving_ends,
    prose_line,
    said_to_be_software,
)
from .name_lists import (
    COMMON_WORDS,
    EPONYMS,
    HONORIFICS,
    PARTICLES,
    WORDLIKE_ENDINGS,
    UsesNameLists,
    name_lists,
)
from .note_names import FUNCTION_WORDS
from .person_slots import (
    NO_SLOT,
    STRONG_SLOT,
    about_medicine,
    finite_verb_after,
    person_slot,
    verb_after,
)
from .recognizer import context_regex, matches_at
from .scan_view import lowered_of, view_of
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
# (read backwards, a surname may open with one letter and an apostrophe: `O'Neil`, `D'Arcy`)
_FAMILY_BACKWARDS = re.compile(rf"{_PART}(?:['\u2019][A-Za-z])?(?![\w@./-])")
# A given name may end in an apostrophe and one vowel (`ASMA'U`, `Ka'a`): no
# possessive's `s` nor a contraction's letter, which are consonants.
_GIVEN = re.compile(rf"[ \t]?({_PART}(?:['\u2019][AEIOUaeiou](?![\w'\u2019-]))?)(?![\w@])")
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
#: The cue words and the age words as the scan's label index reads them (`anchor_words`):
#: it finds where their first words start in the one pass it makes over a text for every
#: reader, and `_cue_labels` and `_age_words` read only there.
_CUE_ANCHORS = context_regex(_CUE_LIST)
_AGE_WORD_ANCHORS = context_regex(_AGE_OR_DOB_WORDS)


def _cue_labels(text: str, lowered: str) -> Iterator[re.Match[str]]:
    """`_CUE_LABELS.finditer(lowered)` (`lowered`: `lowered_of(text)`), tried only where
    a cue word starts (`ScanView.anchor_starts`): every match starts with one, not after
    a letter. Where the label index cannot tell, the pattern reads every character."""
    starts = view_of(text).anchor_starts(_CUE_ANCHORS)
    return _CUE_LABELS.finditer(lowered) if starts is None else matches_at(
        _CUE_LABELS, lowered, starts)


def _age_words(text: str, lowered: str) -> list[int]:
    """`_whole_words(lowered, _AGE_OR_DOB_WORDS)`, read only where one of the words starts
    (`ScanView.anchor_starts`) rather than found word by word with `str.find`."""
    starts = view_of(text).anchor_starts(_AGE_WORD_ANCHORS)
    if starts is None:
        return _whole_words(lowered, _AGE_OR_DOB_WORDS)
    return [at for at in starts if not "a" <= lowered[at - 1:at] <= "z" and any(
        lowered.startswith(word, at) and not "a" <= lowered[at + len(word):at + len(word) + 1]
        <= "z" for word in _AGE_OR_DOB_WORDS)]
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
#: A verb of hearing or seeing, one or two words, a bare verb of speaking or performing
#: (`heard nijito asano speak`): on lower-cased text, tried where a cue stands.
_HEARD_CUES = (" hear", " watch", " saw ", " listen")
#: The first words of `_HEARD_SPEAK`'s verbs, for the scan's label index (`anchor_words`).
_HEARD_ANCHORS = context_regex(("hear", "watch", "saw", "listen"))
_HEARD_SPEAK = re.compile(
    r"[hwsl](?<![a-z][hwsl])(?:eard|ear|earing|atched|atch|atching|aw|isten(?:ed|ing)?[ ]to)"
    r"[ ]([^\W\d_]{3,30})(?:[ ]([^\W\d_]{2,30}))?[ ](?:speak|sing|talk|lecture|preach|"
    r"perform|rap|play|read|present)(?:s|ing)?(?![a-z])")
#: Marks after a word in prose: a word is looked up without them (`ngozi,`, `kishan?`).
_WORD_END_MARKS = frozenset(",.?!:;")
#: A run of three or more lower-case single words in a list (`ana, adam and chad`).
_WORD_LIST = re.compile(
    r"(?<![\w@.'\u2019/-])[^\W\d_A-Z][^\W\d_]+(?:(?:,[ ](?:and[ ]|or[ ])?|[ ](?:and|or)[ ])"
    r"[^\W\d_A-Z][^\W\d_]+(?![\w@'\u2019(=/-])){2,}")
#: Names read in a list before its other items are read as given names.
_LIST_ANCHORS = 2
#: At most this many words follow a name-giving phrase.
_GIVEN_WORDS = 3


#: A vowel of an ASCII word: one without (`CHF`, `PVD`) is an abbreviation (other
#: letters carry their vowels' marks: `BÍCH`).
_VOWEL = re.compile(r"[aeiouyAEIOUY]")
#: Endings of the words of medicine that no name list's pair ends with: conditions
#: (`-itis`, `-emia`, `-algia`), procedures (`-ectomy`, `-scopy`), and the drug stems
#: the USAN council assigns (`-cillin`, `-mycin`, `-pril`, `-olol`, `-sartan`, `-statin`,
#: `-azole`, `-oxacin`, `-cycline`, `-parin`, `-tidine`, `-dipine`).
_MEDICAL_ENDINGS = (
    "itis", "emia", "aemia", "algia", "ectomy", "otomy", "ostomy", "plasty", "scopy",
    "pathy", "uria", "cillin", "mycin", "pril", "olol", "sartan", "statin", "azole",
    "oxacin", "cycline", "parin", "tidine", "dipine",
)


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
    return inflected_from(key, words) or any(
        key.endswith(ending) and (key[:-len(ending)] in words or key[:-len(ending) - 1] in words)
        for ending in ("ed", "ing"))


#: The surname after a given name in lower-case prose, and what may not follow it.
_LOWER_SURNAME = re.compile(r"[ ]([^\W\d_A-Z][^\W\d_]{2,30})(?![\w@'\u2019(=/-]|\.\w)")
#: What may not stand right before a name in prose: code and addresses do.
_NOT_BEFORE_PROSE_NAME = frozenset("_.@#/=-'\u2019`\"<[({")
#: A lone lower-case word this short in a slot things take too is a note's abbreviation
#: as often as a name (`mae`, `ica`, `abd`).
_SHORT_WORD = 3
#: A line of lower-case prose has at least this many words, at most this many of them
#: capitalised after its first (`I` and its forms left out) ...
_LOWER_PROSE_WORDS = 4
_CAPITALISED_MOST = 1
_FIRST_PERSON = re.compile(r"I(?:['\u2019](?:m|ve|d|ll))?\b")
#: ... and this share of them English words.
_ENGLISH_SHARE = 0.5
_PUNCTUATION = ".,;:!?\"'()’“”"
#: What a line of code or markup holds and a typed sentence does not.
_CODE_MARKS = re.compile(r"[`=(){}\[\]<>|_;#]|\b(?:def|import|return|lambda)\b")


def _lower_prose_line(text: str, start: int, verdicts: dict[int, bool]) -> bool:
    """Whether the name at `start` stands in a line of prose typed in lower case: enough
    words, nearly all in lower case, no marks of code or markup. A long line is read in
    blocks of `_BLOCK` characters (with `_BLOCK` either side), each once: `verdicts`
    keeps each block's answer for the other names in it."""
    block = start // _BLOCK
    verdict = verdicts.get(block)
    if verdict is None:
        verdict = verdicts[block] = _lower_prose_window(text, block * _BLOCK)
    return verdict


#: The size of a block of a long line read at once by `_lower_prose_line`.
_BLOCK = 256


def _lower_prose_window(text: str, at: int) -> bool:
    """`_lower_prose_line` of the block at `at`: its line, at most `_BLOCK` characters
    either side of the block."""
    left = max(text.rfind("\n", 0, at) + 1, at - _BLOCK)
    right = text.find("\n", at, at + 2 * _BLOCK)
    line = text[left:right if right >= 0 else min(len(text), at + 2 * _BLOCK)]
    words = line.split()
    if len(words) < _LOWER_PROSE_WORDS or _CODE_MARKS.search(line) or sum(
            w[:1].isupper() and not _FIRST_PERSON.match(w) for w in words[1:]
    ) > _CAPITALISED_MOST:
        return False  # a line in sentence case whose names are capitalised
    return _mostly_english(words)


def _mostly_english(words: list[str]) -> bool:
    """Whether `_ENGLISH_SHARE` of `words` are English: prose in another language
    (`satu sama lain` in Indonesian) holds listed names too."""
    return sum(english_word(w.strip(_PUNCTUATION).lower(), FUNCTION_WORDS)
               for w in words) >= _ENGLISH_SHARE * len(words)


# Words that open a clause, before its subject (`before crissy wakes up`), that the
# slots' subject words leave out.
_CLAUSE_OPENS_BEFORE = re.compile(r"(?:^|[^\w'\u2019])(?:before|after|once|though|although|"
                                  r"till|til|cuz|coz|cos|bc)[ ]$", re.IGNORECASE)
# What says words in a slot only people take are no name after all: `it was crystal
# clear`, `who is`, `the colour of` before them, `holly or ivy` after them.
_NOUN_SLOT_BEFORE = re.compile(r"(?:(?:it|that)[ ](?:was|is)|who[ ](?:is|was)|who['\u2019]s|"
                               r"[a-z]+[ ]of)[ ]$")
_NOUN_LIST_AFTER = re.compile(r",?[ ](?:or|and)[ ](?!(?:i|me|my|we|us|him|her|them)\b)")


def _addressed(text: str, start: int, end: int) -> bool:
    """Whether words English knows (`crystal clear`, `heather grey`) in a slot only people
    take are someone: not after `it was` or `the ... of`, not one of a pair of things
    (`holly or ivy`), not a place."""
    return not (_NOUN_SLOT_BEFORE.search(text[max(0, start - 32):start].lower())
                or _NOUN_LIST_AFTER.match(text, end) or is_place_name(text[start:end]))


def _case_shape(word: str) -> str:
    return "upper" if word.isupper() else "lower" if word.islower() else (
        "title" if word[:1].isupper() else "mixed")



#: A run of letters and digits: a given name is read only where one is the whole run
#: (`_lower_prose_name` refuses a letter or digit on either side).
_ALNUM_RUN = re.compile(r"[^\W_]+")
#: Up to this many given names, each is found with `str.find`; beyond, the text's runs
#: are read once (a long text holds hundreds of names: one pass over it for each was
#: 0.4 s a megabyte).
_FIND_EACH = 8
#: Up to this many, each is still found with `str.find`, and only its places that are
#: whole runs are kept: what reading the runs gives, in the same order, at a fifth of
#: the cost for a dozen names in a 2 KB cell (the two cost the same near 60 names, at
#: any length of text: both read all of it).
_FIND_WHOLE = 40


def _places_of(lowered: str, words: set[str]) -> list[tuple[str, int]]:
    """(word, offset) of each place in `lowered` where a word of `words` stands as a
    whole run of letters and digits, or may (`str.find` also reports places inside a
    longer run, which the caller refuses), in the order of the words, then of offsets."""
    if len(words) <= _FIND_EACH:
        places = []
        for word in sorted(words):
            at = lowered.find(word)
            while at >= 0:
                places.append((word, at))
                at = lowered.find(word, at + len(word))
        return places
    if len(words) <= _FIND_WHOLE:
        return _whole_runs_of(lowered, words)
    return sorted((run.group(), run.start()) for run in _ALNUM_RUN.finditer(lowered)
                  if run.group() in words)


def _whole_runs_of(lowered: str, words: set[str]) -> list[tuple[str, int]]:
    """`sorted((run.group(), run.start()) for run in _ALNUM_RUN.finditer(lowered) if
    run.group() in words)`, found with `str.find` per word. A word that is no run (`o'neil`)
    is never one. A place is kept when no run character stands right before or after it;
    one overlapping a place before it (the same word again) cannot be whole: the
    character before it is one of that word's, all run characters."""
    places = []
    size = len(lowered)
    for word in sorted(words):
        if not _ALNUM_RUN.fullmatch(word):
            continue
        at = lowered.find(word)
        while at >= 0:
            end = at + len(word)
            if (at == 0 or _ALNUM_RUN.match(lowered, at - 1, at) is None) and (
                    end == size or _ALNUM_RUN.match(lowered, end, end + 1) is None):
                places.append((word, at))
            at = lowered.find(word, end)
    return places

#: The given name before a surname (particles between: `Corinna Mac an Airchinnigh`;
#: a middle name or first surname too: `Oliver James Hendricks`, `Maria Lopez Garcia`),
#: and a capitalised word after a given name (particles between: `Yara van Herstal`):
#: a `Surname, Given` seam of two full names in a list.
_SEAM_PARTICLE = "(?i:" + "|".join(sorted(PARTICLES | {"an"}, key=len, reverse=True)) + ")"
_GIVEN_BEFORE = regex.compile(
    r"(?<![\p{L}\p{N}_'’-])(\p{Lu}[\p{Ll}\p{M}]+)[ ](?:(\p{Lu}[\p{Ll}\p{M}]+)[ ])?"
    r"(?:" + _SEAM_PARTICLE + r"[ ]){0,2}$")
_CAPITAL_AFTER = regex.compile(r"(?:[ ]" + _SEAM_PARTICLE + r"){0,2}[ ]\p{Lu}[\p{Ll}\p{M}]")


def _without_final_vowel(key: str) -> str:
    """`asma` of `asma'u`: a name list holds a name without its apostrophe's vowel."""
    return key[:-2] if key[-2:-1] in ("'", "\u2019") else key


class LooseNameRecognizer(UsesNameLists):
    """PERSON spans in lower case and `SURNAME, GIVEN` form (see the module docstring)."""

    name = NAME
    entities = ("PERSON",)
    anchor_words = (_CUE_ANCHORS, _AGE_WORD_ANCHORS, _HEARD_ANCHORS)

    def load(self) -> None:
        _ = self.lists.given_keys
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
        yield from self._names_in_lower_prose(text)
        yield from self._heard_speaking(text)

    def _heard_speaking(self, text: str) -> Iterator[Finding]:
        """`have you heard nijito asano speak yet?`, `we saw dagny play`: in a line of
        lower-case prose, one or two words between a verb of hearing or seeing and a bare
        verb of speaking or performing are someone, listed or not, if English, a library
        and the stop words know none of them."""
        lowered = lowered_of(text)
        if len(lowered) != len(text):
            return
        starts = view_of(text).anchor_starts(_HEARD_ANCHORS)
        if starts is None:
            if not any(cue in lowered for cue in _HEARD_CUES):
                return
            matches = _HEARD_SPEAK.finditer(lowered)
        else:
            # every cue is a blank, then a verb's first word: a word's start the index has
            if not any(lowered[at - 1:at] == " " and lowered.startswith(cue[1:], at)
                       for at in starts for cue in _HEARD_CUES):
                return
            matches = matches_at(_HEARD_SPEAK, lowered, starts)  # (every match starts there)
        verdicts: dict[int, bool] = {}
        for match in matches:
            words = [w for w in match.group(1, 2) if w]
            if all(w.isalpha() and not english_word(w, FUNCTION_WORDS) and (
                    w not in SOFTWARE_NAMES) and w not in COMMON_WORDS for w in words) and (
                    text[match.start(1):match.end()].islower()) and _lower_prose_line(
                    text, match.start(1), verdicts) and python_source(text) is None:
                yield Finding(match.start(1), match.end(2 if match.group(2) else 1),
                              "PERSON", "phi", 0.75, self.name)

    def _prose_given_name(self, key: str) -> bool:
        """Whether `key` (a lower-case word) is a listed given name that may open a name
        in lower-case prose: no common word, eponym, software name, English verb,
        adjective, adverb or stop word (spaCy's), or word with an English ending. Decided
        once per listed word, when a text first holds it (not for all 24,000 at load:
        that cost the first scan 0.1 s)."""
        kinds = self.lists.kinds
        if kinds.get(key) not in ("G", "N"):
            return False
        verdicts: dict[str, bool] = self.__dict__.setdefault("_prose_given", {})
        verdict = verdicts.get(key)
        if verdict is None:
            verdict = verdicts[key] = (
                key.isalpha() and key.islower() and len(key) > 2
                and key not in SOFTWARE_NAMES and key not in FUNCTION_WORDS
                and not key.endswith(WORDLIKE_ENDINGS) and key not in self._english_others)
        return verdict

    @property
    def _english_others(self) -> frozenset[str]:
        """English verbs, adjectives, adverbs and spaCy's stop words (`among`: no lemma
        WordNet lists): no given name in lower-case prose."""
        others = self.__dict__.get("_others")
        if others is None:
            others = self.__dict__["_others"] = frozenset(
                nouns_and_other_words()[1] | stop_words())
        return others

    def _surname_in_lower_prose(self, word: str) -> bool:
        """A listed surname that English does not know at all (`gonzalez`, `okafor`)."""
        key = word.casefold()
        nouns, others = nouns_and_other_words()
        return self.lists.kinds.get(key, "") in ("S", "N") and len(key) > 2 and (
            key not in COMMON_WORDS and key not in EPONYMS and key not in nouns
            and not inflected_from(key, others) and not key.endswith(WORDLIKE_ENDINGS)
            and key not in SOFTWARE_NAMES)

    def _unlisted_surname(self, word: str) -> bool:
        """Whether a lower-case word after a given name read as someone is its surname
        though no list holds it (`ida wegrzyniak`): a word of letters that neither a list,
        English (inflected or not), its stop words nor a library knows."""
        return word.isalpha() and len(word) > _SHORT_WORD and word not in self.lists.kinds and (
            not english_word(word, FUNCTION_WORDS)) and word not in SOFTWARE_NAMES and (
            word not in self._english_others)

    def _names_in_lower_prose(self, text: str) -> Iterator[Finding]:
        """`can you write to maria gonzalez about the bill`: people type prompts in lower
        case. In a line of prose written in lower case (not code), a listed given name
        then a listed surname neither of which is an English word; a listed given name
        alone that English does not know, where only a person stands (`remind ngozi`,
        `sigrun and i`)."""
        lowered = lowered_of(text)
        if len(lowered) != len(text):
            return
        # The text's distinct words, then those of them listed as given names (set
        # operations, in C): each distinct word is looked up once, in the smaller table.
        # a word before a mark of prose (`ngozi,`, `kishan?`) too, without its mark
        tokens, keys = set(lowered.split()), self.lists.given_keys
        listed = tokens & keys | {t[:-1] for t in tokens if t[-1] in _WORD_END_MARKS} & keys
        words = {word for word in listed if self._prose_given_name(word)}
        if not words:
            return
        lemmas = english_lemmas()
        found: list[Finding] = []
        verdicts: dict[int, bool] = {}  # whether each block of the text is lower-case prose
        places = _places_of(lowered, words)
        for given, at in places:
            end = at + len(given)
            name_end = self._lower_prose_name(text, at, end, given in lemmas, verdicts)
            if name_end is None:
                name_end = self._lower_pair_in_cased_prose(text, at, end, given not in lemmas,
                                                           verdicts)
            if name_end is not None:
                found.append(Finding(at, name_end, "PERSON", "phi", 0.75, self.name))
        strong = words - lemmas
        if len(strong) >= _LIST_ANCHORS:
            found += self._given_names_in_lists(text, strong, places, found, verdicts)
        if found and python_source(text) is None:  # asked last: a parse of the text
            yield from found

    def _given_names_in_lists(self, text: str, strong: set[str],
                              places: list[tuple[str, int]], found: list[Finding],
                              verdicts: dict[int, bool]) -> list[Finding]:
        """`they had 6: silvana, adam, christopher and chad`: in a list of three or more
        single words of a line of lower-case prose, two of them given names English does
        not know (`strong`), each item a list holds as a given name (no common word,
        English verb, adjective, adverb or stop word, nor a word with an English ending):
        the list says what its items are, though English, a library or a map knows the
        word too (`adam`, `chad`)."""
        # where a strong name stands beside a list's comma: lists are read only there
        beside = sorted(at for word, at in places if word in strong and (
            text[at + len(word):at + len(word) + 2] == ", " or text[at - 2:at] == ", "))
        if len(beside) < _LIST_ANCHORS:
            return []
        named = {(f.start, f.end) for f in found}
        kinds = self.lists.kinds
        more: list[Finding] = []
        left = max(text.rfind("\n", 0, beside[0]) + 1, beside[0] - _BLOCK)
        right = text.find("\n", beside[-1])
        for run in _WORD_LIST.finditer(text, left, right if right >= 0 else len(text)):
            items = [(run.start() + item.start(), run.start() + item.end())
                     for item in _WORD_ONLY.finditer(run.group())
                     if item.group() not in ("and", "or")]
            if sum(text[a:b] in strong for a, b in items) < _LIST_ANCHORS or not (
                    _lower_prose_line(text, run.start(), verdicts)):
                continue
            for start, end in items:
                key = text[start:end]
                if (start, end) in named or not key.isalpha() or len(key) <= 2:
                    continue
                if kinds.get(key) in ("G", "N") and key not in COMMON_WORDS and (
                        key not in self._english_others) and not (
                        key.endswith(WORDLIKE_ENDINGS)):
                    more.append(Finding(start, end, "PERSON", "phi", 0.75, self.name))
        return more

    def _lower_prose_name(self, text: str, start: int, end: int, english: bool,
                          verdicts: dict[int, bool]) -> int | None:
        """The end of the name that starts at the given name text[start:end], if it is
        one (see `_names_in_lower_prose`); `english`: the lemma index knows the word;
        `verdicts`: `_lower_prose_line`'s."""
        if not text[start:end].islower() or text[start - 1:start] in _NOT_BEFORE_PROSE_NAME:
            return None
        if start and text[start - 1].isalnum():
            return None
        after = _LOWER_SURNAME.match(text, end)
        if after is None and text[end:end + 1].isalnum():
            return None
        if not _lower_prose_line(text, start, verdicts):
            return None  # asked before the slot: once a block, and most lines say no
        if after is not None and self._surname_in_lower_prose(after.group(1)):
            name_end = after.end(1)
        else:
            # `tell siobhan murphy`: a listed surname after it is the name's, English or not;
            # a given name English knows too (`heather`) takes one (`heather williams`)
            surname = after is not None and self.lists.kinds.get(after.group(1), "") in (
                "S", "N") and after.group(1) not in COMMON_WORDS and (
                after.group(1) not in EPONYMS)
            # `amy schumer is`, `note to maria richardsson`: a word no list, English or
            # library knows after it is a surname too, the slot read at the pair's end
            surname = surname or after is not None and self._unlisted_surname(after.group(1))
            name_end = after.end(1) if surname else end  # type: ignore[union-attr]
            if not self._lower_slot(text, start, name_end, surname, english):
                return None
        if said_to_be_software(text, name_end):
            return None  # `luigi is a workflow library`
        return name_end

    def _lower_pair_in_cased_prose(self, text: str, start: int, end: int, strange: bool,
                                   verdicts: dict[int, bool]) -> int | None:
        """The end of a name typed in lower case in a line of prose that is not
        (`... a 72-year-old male, jaclyn okafor, who was seen at ...`), if it is one: a
        listed given name (checked by the caller; `strange`: the lemma index does not
        know it) then a listed surname, whatever the slot. One of the two English must
        not know at all (`jaclyn anderson`, `martin okafor`), and neither may be an
        English verb, adjective, adverb, stop word or common word (`jaclyn price`). A
        lower-case line is `_lower_prose_name`'s."""
        if not text[start:end].islower() or text[start - 1:start] in _NOT_BEFORE_PROSE_NAME or (
                start and text[start - 1].isalnum()):
            return None
        after = _LOWER_SURNAME.match(text, end)
        if after is None:
            return None
        surname = after.group(1)
        if surname in self._english_others or surname in COMMON_WORDS or (
                surname in EPONYMS) or surname in SOFTWARE_NAMES:
            return None
        if not (self._surname_in_lower_prose(surname) or strange and (
                self.lists.kinds.get(surname, "") in ("S", "N"))):
            return None
        name_end = after.end(1)
        if _lower_prose_line(text, start, verdicts) or not prose_line(text, start, name_end):
            return None  # (a lower-case line was read by `_lower_prose_name`)
        if said_to_be_software(text, name_end) or in_documentation(text, start, name_end):
            return None
        left = max(text.rfind("\n", 0, start) + 1, start - _BLOCK)
        right = text.find("\n", name_end, name_end + _BLOCK)
        words = text[left:right if right >= 0 else name_end + _BLOCK].split()
        return name_end if _mostly_english(words) else None

    @staticmethod
    def _lower_slot(text: str, start: int, end: int, pair: bool, english: bool) -> bool:
        """Whether the slot text[start:end] stands in says a person: a slot only people
        take (`tell sigrun`), for a given name English does not know (the lemma index's
        nouns hold `simon`, `maria`, `holly` too: such a one takes a surname) or a given
        name and a surname; a slot things take too, for a given name English does not
        know as a subject, a verb after it (`but conor makes`, not `sent to sigrun
        for`), longer than a note's abbreviations (`mae`: moves all extremities), or for
        a given name and a surname one of which English does not know (`about eric
        smith`, not `to victoria park`), read at the pair's end."""
        slot = person_slot(text, start, end, pronouns=False)
        if slot == STRONG_SLOT:
            if pair:  # `it was crystal clear`: a surname English says or does is a word
                return not english or text[text.rindex(" ", start, end) + 1:end] not in (
                    verbs_adjectives_adverbs()) or _addressed(text, start, end)
            return not english
        if slot == NO_SLOT:
            # `before crissy wakes up`: the subject of a clause a subordinating word
            # opens, a finite verb after it
            return not english and end - start > _SHORT_WORD and bool(
                _CLAUSE_OPENS_BEFORE.search(text, max(0, start - 12), start)) and (
                finite_verb_after(text, end)) and not about_medicine(text, start, end)
        if pair:
            surname = text[text.rindex(" ", start, end) + 1:end]
            return not english or not english_word(surname)
        return not english and end - start > _SHORT_WORD and verb_after(text, end)

    @staticmethod
    def _given_in_lower_case(text: str) -> Iterator[Finding]:
        """`my name is vitoria`, `everyone calls me borna`: after a phrase that gives a
        person's name, up to three lower-case words that are no common English words,
        listed or not (the phrase says what they are)."""
        kinds = None
        for given in name_giving_ends(text, lowered_of(text)):
            end = at = given
            for _ in range(_GIVEN_WORDS):
                word = _LOWER_NAME_WORD.match(text, at)
                if word is None or not _plain_name_word(word.group(1)):
                    break
                if at == given and text.endswith("me ", 0, given) and describes(word.group(1)):
                    kinds = kinds if kinds is not None else name_lists().kinds
                    if not kinds.get(word.group(1)):
                        break  # `call me lazy`, `call me nicknames`: what, not who
                end, at = word.end(1), word.end()
            if end > given:
                yield Finding(given, end, "PERSON", "phi", 0.8, NAME)

    def _lower_runs(self, text: str) -> Iterator[Finding]:
        """Read from the cues, not from every word: after each cue word, and before each
        age or DOB, the two or three lower-case words there."""
        seen: set[tuple[int, int]] = set()
        lowered = lowered_of(text)
        for cue in _cue_labels(text, lowered):
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
                if any(p.casefold() in FUNCTION_WORDS for p in parts) or phrasal_verb(
                        parts) and self.lists.kinds.get(
                        parts[0].casefold(), "").upper() not in ("G", "N"):
                    continue  # `explained to pt. reason she is`: a pronoun makes it prose;
                    # `pt. put back to bed`: verbs and particles, no one's name (but `pt.
                    # ray back from xray`: a given name first is the patient's)
                if self._listed(parts) or self._plain(parts) and _CUE_AFTER.match(text, end):
                    seen.add((start, end))
                    yield Finding(start, end, "PERSON", "phi", 0.8, self.name)
                    break
        backwards = ""
        cues = _age_words(text, lowered)
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

    def _seam_of_two_names(self, text: str, start: int, end: int) -> bool:
        """Whether a `Surname, Given` pair at text[start:end] is the comma between two
        full names of a list: a listed given name right before the surname, and a
        capitalised word right after the given name."""
        before = _GIVEN_BEFORE.search(text, max(0, start - 40), start)
        if before is None or _CAPITAL_AFTER.match(text, end) is None:
            return False
        kinds = self.lists.kinds
        return kinds.get(before.group(1).casefold(), "") in ("G", "N") or bool(
            before.group(2)) and kinds.get(before.group(2).casefold(), "") in ("G", "N")

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
                _without_final_vowel(given.casefold()), "") in {"G", "N"}
            if shape == "mixed" or shape == "lower" and not listed:
                continue
            if not listed and min(len(family), len(given)) < 3:
                continue  # `ZX,XZ`, `AB, CD`: codes; a surname of two letters needs the lists
            parts = [part for part in _PARTS.split(f"{family} {given}") if len(part) > 1]
            if any(_case_shape(p) != shape for p in parts) or not (
                    self._plain(parts)) or any(p.casefold() in EPONYMS for p in parts):
                continue  # `Kaplan-Meier, Cox-adjusted` names methods, not people
            cued = bool(_CUE_BEFORE.search(text, max(0, start - 24), start)
                        or _CUE_AFTER.match(text, end))
            if not listed and shape == "upper" and any(map(_english_word, parts)):
                continue  # `ALERT, ORIENTED`, `AWAKE, SEDATED`: a note in capitals
            if not cued and shape != "mixed" and all(map(_english_word, parts)):
                continue  # `LUCID, LESS`, `clear, amber`: a note's states, listed or not
            if not listed and any(p.isascii() and not _VOWEL.search(p) or p.casefold(
                    ).endswith(_MEDICAL_ENDINGS) for p in parts):
                continue  # `PVD, NIDDM`, `GASTRITIS, NPO`, `CEPHALEXIN, LISINOPRIL`
            if not listed and not cued and (
                    _ITEM_BEFORE.search(text, max(0, start - 40), start)
                    or _ITEM_AFTER.match(text, end)):
                continue  # items of a list of things: `Numba, Blaze, Bokeh`
            if shape != "lower" and self._seam_of_two_names(text, start, end):
                continue  # `Geir Kristensen, Zdenka Marešová`: two people in a list
            if not cued and firm_of_surnames(text, start, end, kinds):
                continue  # `Foster, Reid and Dunn`: a firm of its partners' surnames
            whole = bool(_QUOTED_BEFORE.search(text, max(0, start - 30), start)
                         and _QUOTED_AFTER.match(text, end))
            if (listed or (whole or cued) and shape != "lower") and (
                    cued or not in_documentation(text, start, end)):
                # not an orchestra, a firm, an author: the same rules as names.py
                # above a name recognizer's reading of one of the two words alone
                yield Finding(start, end, "PERSON", "phi", 0.86, self.name)
