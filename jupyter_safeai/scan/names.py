"""Person names of every origin and script, without running NER over every character.

Evidence, strongest first:
- a title or label right before the words (`Dr.`, `Mrs`, `Patient:`, `name = "`, `患者：`);
- two or more words that are known given names or surnames (many origins, see
  `name_lists`), in either order, with particles (`de la`, `bin`, `van`);
- `Surname, Given` and all-capitals forms used in record exports;
- names in non-Latin scripts (Han, kana, Hangul, Arabic, Devanagari, ...), which in an
  English notebook are nearly always names: a known surname or a label confirms them.
A pair with a single known word and no label is sent to the NER model (presidio's
spaCy engine) only as the words around it, all such pairs of a text in one batch, so
NER cost stays proportional to doubt.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import regex

from .finding import Finding
from .name_lists import COMMON_WORDS, EPONYMS, PARTICLES, NameLists, name_lists
from .places import followed_by_region, region_end, street_words

DETECTOR = "names"

# A capitalised word in any cased script: Nguyễn, O'Brien, Al-Rashid, McDonald, ADEBAYO.
_WORD = (r"\p{Lu}(?:['’]\p{Lu})?[\p{Ll}\p{M}]+(?:\p{Lu}[\p{Ll}\p{M}]+)*"
         r"(?:['’](?:\p{Lu}[\p{Ll}\p{M}]*|[\p{Ll}\p{M}]{2,}))*(?:-\p{Lu}?[\p{Ll}\p{M}]+)*")
_CAPS_WORD = r"\p{Lu}{2,}(?:['’-]\p{Lu}+)*"
_PARTICLE = "(?:" + "|".join(sorted(PARTICLES, key=len, reverse=True)) + ")"
_CANDIDATE = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}_])(?:\p{{Lu}}\.[ \t]*)?(?:{_CAPS_WORD}|{_WORD})"
    rf"(?:(?:[ \t]+|,[ \t]*)(?:{_PARTICLE}[ \t]+)*(?:\p{{Lu}}\.[ \t]*)?"
    rf"(?:{_CAPS_WORD}|{_WORD})){{0,4}}"
    rf"(?![\p{{L}}\p{{N}}_])"
)
_TOKEN = regex.compile(rf"{_CAPS_WORD}|{_WORD}|\p{{Lu}}\.")

# A label may be followed by a closing quote, a separator, then an opening quote:
# `name: `, `patient_name = "`, `{"name": "`, `Patient (`.
_LABEL_TAIL = r"[\"'\]*_]*[ \t]*(?:[:=#\-–]|=>|->)?[*_]*[ \t]*[\"'“‘(\[*_]*[ \t]*$"
_TITLE = regex.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Doctor|Prof|Professor|Sr|Sra|Srta|Dona|Doña|Herr|Frau|"
    r"Mme|Mlle|Rev|Fr|Nurse|Alhaji|Alhaja|Mallam|Sheikh|Shaikh|Hajj|Hajji|Nana|Madam|"
    r"Madame|Sir|Dame|Pastor|Imam|Rabbi|Shri|Sri|Smt|Kumari|Ustadh|Pt|Patient|Mother|"
    r"Father|Husband|Wife|Spouse|Brother|Sister|Guardian|Uncle|Aunt|Grandmother|"
    r"Grandfather|Daughter|Son|Grandson|Granddaughter|Niece|Nephew|Cousin|Partner|"
    r"Fiancée?|Stepson|Stepdaughter|Stepmother|Stepfather)\.?[ \t]+$)",
    regex.IGNORECASE | regex.REVERSE,
)
# Labels that only ever hold a person's name (or part of it): one unknown word will do.
_NAME_PART_LABEL = regex.compile(
    r"(?:\b(?:patient[ _]?name|pt[ _]?name|full[ _]?name|first[ _]?name|last[ _]?name|"
    r"given[ _]?name|family[ _]?name|middle[ _]?name|surname|maiden[ _]?name|forename|"
    r"next[ _]of[ _]kin|emergency[ _]contact|attending|referring[ _]physician|"
    r"seen[ _]by|signed[ _]by|dictated[ _]by)s?" + _LABEL_TAIL + ")",
    regex.IGNORECASE | regex.REVERSE,
)
_STRONG_LABEL = regex.compile(
    r"(?:\b(?:name|names|patient|pt|patient[ _]?name|full[ _]?name|first[ _]?name|"
    r"last[ _]?name|given[ _]?name|family[ _]?name|surname|maiden[ _]?name|nickname|alias|"
    r"mother|father|husband|wife|spouse|guardian|next[ _]of[ _]kin|nok|"
    r"emergency[ _]contact|caregiver|attending|physician|referring[ _]physician|"
    r"referred[ _]by|seen[ _]by|signed[ _]by|dictated[ _]by|prescriber|surgeon|pcp|dear|"
    r"decedent|policyholder|insured|responsible[ _]party)s?"
    + _LABEL_TAIL + ")",
    regex.IGNORECASE | regex.REVERSE,
)
_WEAK_LABEL = regex.compile(
    r"(?:\b(?:contact|provider|author|signed|cc|hi|hello|thanks|regards|sincerely|from|to|"
    r"by|with|per|called|named|doctor|nurse|resident|technician|witness|informant|owner|"
    r"employee|participant|donor|recipient|subject|client|member|beneficiary|deceased|"
    r"child|baby|infant|pharmacist|therapist|counselor|social[ _]worker|and|or|"
    r"mr|mrs|ms|dr|saw|seen|admitted|called|discussed|visited|examined|evaluated|treated|"
    r"referred|met|told|asked|informed|for|about|regarding|re|notify|email|text|message|"
    r"letter[ \t]+to|friend|neighbou?r|colleague|roommate)s?" + _LABEL_TAIL + ")",
    regex.IGNORECASE | regex.REVERSE,
)
# The same labels in the scripts whose names we find.
_SCRIPT_LABEL = regex.compile(
    r"(?:患者|病人|姓名|名字|氏名|名前|先生|女士|小姐|医生|醫生|환자|이름|성명|"
    r"المريض|المريضة|الاسم|السيد|السيدة|الدكتور|नाम|रोगी|श्री|श्रीमती)[ \t]*[:：=]?[ \t]*$",
    regex.REVERSE,
)
_SCRIPT_SUFFIX = regex.compile(r"^[ \t]*(?:さん|様|さま|先生|씨|님|氏|君|ちゃん|환자|선생님)")

# Han family name, then a Han, hiragana or katakana given name (山田 太郎, 池田 くみ子).
_HAN = regex.compile(
    r"(?<![\p{Han}\p{Hiragana}\p{Katakana}])\p{Han}{1,4}"
    r"(?:[ \t　・]?(?:\p{Han}{1,4}|\p{Hiragana}{2,4}(?<!さん|さま|ちゃん)|\p{Katakana}{2,5}))?"
    r"(?![\p{Han}\p{Katakana}])"
)
_HAN_CHAR = regex.compile(r"\p{Han}")
_NAME_GAP = regex.compile(r"[ \t　・]")
_WORD_AND_COMMA = regex.compile(rf"({_WORD}|{_CAPS_WORD}),[ \t]*$")
_KANA_NAME = regex.compile(r"\p{Katakana}{2,}(?:[・ 　]\p{Katakana}{2,})+")
_HANGUL = regex.compile(r"(?<!\p{Hangul})\p{Hangul}{1,4}(?!\p{Hangul})")
# One character set rather than an alternation of scripts: the same characters, tested
# once each instead of once per script.
_UNCASED_LETTER = (r"[\p{Arabic}\p{Devanagari}\p{Bengali}\p{Tamil}\p{Telugu}\p{Gujarati}"
                   r"\p{Gurmukhi}\p{Hebrew}\p{Thai}\p{Georgian}\p{Armenian}\p{Ethiopic}"
                   r"\p{Oriya}\p{Sinhala}\p{Kannada}\p{Malayalam}\p{Mn}]")
_UNCASED_RUN = regex.compile(rf"{_UNCASED_LETTER}+(?:[ \t]+{_UNCASED_LETTER}+){{0,3}}")
# Code point ranges holding every `_UNCASED_LETTER` (and some other characters), but no
# Latin, Cyrillic, Greek, Han, kana or Hangul: `re` finds the blank-separated runs of them
# many times faster than `regex` tests each character for 17 properties, and
# `_UNCASED_RUN` then reads only inside those runs.
_MAYBE_UNCASED = (r"[\u0300-\u036f\u0483-\u0489\u0531-\u10ff\u1200-\u1cff\u1dc0-\u1dff"
                  r"\u20d0-\u20ff\u2cef-\u2dff\u302a-\u309a\ua66f-\uabff\ufb13-\ufeff"
                  r"\U00010000-\U000e01ef]")
_MAYBE_UNCASED_RUN = re.compile(rf"{_MAYBE_UNCASED}+(?:[ \t]+{_MAYBE_UNCASED}+)*")
_HAS_NON_LATIN = regex.compile(
    r"[\p{Han}\p{Hangul}\p{Katakana}\p{Hiragana}\p{Arabic}\p{Devanagari}\p{Bengali}"
    r"\p{Tamil}\p{Telugu}\p{Gujarati}\p{Gurmukhi}\p{Hebrew}\p{Thai}\p{Georgian}\p{Armenian}"
    r"\p{Ethiopic}\p{Oriya}\p{Sinhala}\p{Kannada}\p{Malayalam}]"
)
# Every letter of those scripts comes after U+052F; `re` finds such characters fast.
_BEYOND_CYRILLIC = re.compile(r"[^\x00-\u052f]")


def _has_non_latin(text: str) -> bool:
    """`_HAS_NON_LATIN.search(text)`, asked only at characters past Cyrillic."""
    return not text.isascii() and any(
        _HAS_NON_LATIN.match(text, m.start()) for m in _BEYOND_CYRILLIC.finditer(text))


# Unknown capitalised words with these endings are English words, not names ...
_WORDLIKE_ENDINGS = (
    "tion", "sion", "ment", "ness", "ity", "ing", "ings", "ies", "ive", "ous", "ary", "ory",
    "ogy", "ics", "ism", "ance", "ence", "able", "ible", "less", "ful", "ship", "hood", "ize",
    "ical", "ular", "ware", "sis", "tics", "ed",
)
_WORDLIKE = regex.compile("(?:" + "|".join(_WORDLIKE_ENDINGS) + ")$", regex.IGNORECASE)
# ... unless they are built from pinyin syllables (Xiaoming, Jianping, Zhang).
_PINYIN = regex.compile(
    r"^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:[aeiouü]{1,3})(?:ng|n|r)?){1,3}$",
    regex.IGNORECASE,
)


def _wordlike(word: str) -> bool:
    # an ASCII word's ending is a plain suffix test; other letters may fold (ſ, K)
    ending = (word.lower().endswith(_WORDLIKE_ENDINGS) if word.isascii()
              else _WORDLIKE.search(word) is not None)
    return ending and not _PINYIN.match(word)

_STREET_WORDS = frozenset({
    "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "ln",
    "drive", "court", "ct", "way", "place", "terrace", "circle", "parkway", "highway",
    "square", "trail", "crescent", "close", "alley", "plaza", "route", "heights", "gardens",
    "hospital", "clinic", "medical", "center", "centre", "university", "college", "school",
    "county", "city", "inc", "llc", "ltd", "corp", "foundation", "institute", "memorial",
    # titles are cues, never part of the name
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sr", "sra", "srta", "rev", "jr",
})
# What follows a person's name and nothing else: an age, a DOB, an MRN.
_AFTER_STRONG = regex.compile(  # used with .match(text, pos): no ^ anchor
    r"(?:,?[ \t]*\(?[ \t]*\d{1,3}[ \t-]*(?:y/?o|yo|yrs?|years?[ \t-]+old|year[ \t-]+old|"
    r"-year-old|M|F)\b|[ \t]+is[ \t]+an?[ \t]+\d{1,3}[ \t-]*(?:y/?o|yo|years?|year)\b|"
    r",?[ \t]*\(?[ \t]*(?:DOB|D\.O\.B|MRN|age[ds]?)\b)",
    regex.IGNORECASE,
)
# What often follows a person's name in notes: "was admitted", "'s", "agreed".
_AFTER_CUE = regex.compile(
    r"(?:['’]s\b|,?[ \t]*\(?(?:\d{1,3}[ \t]*(?:y/?o|yo|years?|M|F)?[,)]|DOB|MRN|age[ds]?\b)|"
    r"[ \t]+(?:was|is|has|had|presented|presents|reports|reported|denies|denied|underwent|"
    r"received|complained|complains|said|says|called|visited|returned|arrived|died|"
    r"passed|consented|declined|agreed|lives|works|attended|remains|continues|will|"
    r"fell|has|needs|wants|asked|prefers|speaks)\b)",
    regex.IGNORECASE,
)
#: Asked to confirm a doubtful span; returns True when NER sees a PERSON there. An
#: object that also has `confirm_many(text, spans) -> list[bool]` gets all of a
#: text's doubtful spans at once.
Confirm = Callable[[str, int, int], bool]
#: The score of a name NER confirmed: below every finding that settles a span without it.
CONFIRMED_SCORE = 0.7


#: The cues of `_cue` in one pattern, strongest first: every one of them ends where the
#: name starts, so one match anchored there (the alternatives tried in order) answers
#: what five searches did.
_ANY_CUE = regex.compile(
    rf"(?P<c3>{_TITLE.pattern}|{_NAME_PART_LABEL.pattern})"
    rf"|(?P<c2>{_STRONG_LABEL.pattern}|(?-i:{_SCRIPT_LABEL.pattern}))"
    rf"|(?P<c1>{_WEAK_LABEL.pattern})",
    regex.IGNORECASE | regex.REVERSE,
)


_NAME_CUE = regex.compile(rf"{_TITLE.pattern}|{_NAME_PART_LABEL.pattern}",
                          regex.IGNORECASE | regex.REVERSE)


def _anchored(pattern: regex.Pattern[str], text: str, start: int) -> regex.Match[str] | None:
    """A match of a REVERSE `pattern` ending in `$` that ends at `start` (within 40
    characters before it). `$` also matches before a final newline, which `match`
    (anchored at `start`) would skip."""
    left = max(0, start - 40)
    if text[start - 1:start] == "\n":
        return pattern.search(text, left, start)
    return pattern.match(text, left, start)


def _after_name_cue(text: str, start: int) -> bool:
    """Whether a title or name-part label ends at `start`: `_cue(text, start) == 3`."""
    return _anchored(_NAME_CUE, text, start) is not None


def _cue(text: str, start: int) -> int:
    """3 for a title or name-part label right before `start` (`Dr.`, `last_name = '`),
    2 for a label that usually holds a name (`Patient:`), 1 for a weak cue, 0 none."""
    cue = _anchored(_ANY_CUE, text, start)
    return 0 if cue is None else 3 if cue.group("c3") is not None else (
        2 if cue.group("c2") is not None else 1)


def _script_context(text: str, start: int, end: int) -> int:
    """Like `_cue`, for names in uncased scripts, which can also be known by what follows
    them (an age, `さん`, `환자`, "agreed to")."""
    if _SCRIPT_SUFFIX.match(text[end:end + 8]) or _AFTER_STRONG.match(text, end):
        return 2
    cue = min(_cue(text, start), 2)
    return cue if cue else 1 if _AFTER_CUE.match(text, end) else 0


def _place_and_region(text: str, base: int, run: list[tuple[int, int, str, str]]) -> bool:
    """`Kumasi, Ghana`: one word no name list knows, then `, ` and a country or state
    whose words are no names either, is a place (as `followed_by_region` reads `Raleigh,
    NC`), so NER is not asked. `Nasser, Jordan` and `Lee, Georgia` are still asked:
    Jordan and Georgia are also given names."""
    if len(run) < 2 or any(kind for *_, kind in run):
        return False
    return region_end(text, base + run[0][1]) == base + run[-1][1]


class NameRecognizer:
    """PERSON spans; `confirm` is the optional NER check for doubtful pairs."""

    name = DETECTOR

    def __init__(self, lists: NameLists | None = None, confirm: Confirm | None = None) -> None:
        self._lists = lists
        self.confirm = confirm

    @property
    def lists(self) -> NameLists:
        if self._lists is None:
            self._lists = name_lists()
        return self._lists

    def load(self) -> None:
        """Build the name lists and the NER model now rather than mid-scan."""
        _ = self.lists
        load = getattr(self.confirm, "load", None)
        if load is not None:
            load()

    def _kind(self, word: str) -> str:
        """A word's name kind; a hyphenated word takes its strongest part's (Min-jun)."""
        kind = self.lists.kind(word)
        if kind or "-" not in word:
            return kind
        parts = [self.lists.kind(part) for part in word.split("-") if len(part) > 1]
        return max(parts, key=lambda k: (k.isupper(), bool(k)), default="")

    def find(self, text: str) -> Iterator[Finding]:
        sure, doubtful = self.find_sure(text)
        yield from sure
        yield from self.confirmed(text, doubtful)

    def find_sure(self, text: str) -> tuple[list[Finding], list[tuple[int, int]]]:
        """The names that need no NER, and the doubtful spans that would. The scanner
        asks NER only about doubtful spans that no stronger finding already covers."""
        sure: list[Finding] = []
        doubtful: list[tuple[int, int]] = []
        for match in _CANDIDATE.finditer(text):
            tokens = [(t.start(), t.end(), t.group()) for t in _TOKEN.finditer(match.group())
                      if t.group().casefold() not in PARTICLES]
            base = match.start()
            for start, end, score in self._person_runs(text, base, tokens):
                if score is None:
                    doubtful.append((start, end))
                else:
                    sure.append(Finding(start, end, "PERSON", "phi", score, DETECTOR))
        if _has_non_latin(text):
            sure.extend(self._scripts(text))
        return sure, doubtful

    def confirmed(self, text: str, spans: list[tuple[int, int]]) -> list[Finding]:
        """The doubtful spans NER sees as persons (scored `CONFIRMED_SCORE`), asked in
        one batch when it can."""
        confirm = self.confirm
        if confirm is None or not spans:
            return []
        many = getattr(confirm, "confirm_many", None)
        answers = (many(text, spans) if many is not None
                   else [confirm(text, start, end) for start, end in spans])
        return [Finding(start, end, "PERSON", "phi", CONFIRMED_SCORE, DETECTOR)
                for (start, end), person in zip(spans, answers, strict=True) if person]

    def _person_runs(self, text: str, base: int, tokens: list[tuple[int, int, str]]
                     ) -> Iterator[tuple[int, int, float | None]]:
        """Split a run of capitalised words into the parts that are names; a score of
        None marks a doubtful span for NER to decide."""
        run: list[tuple[int, int, str, str]] = []
        for start, end, word in tokens:
            if word.endswith(".") and len(word) == 2:  # an initial: J. Smith
                run.append((start, end, word, "i"))
                continue
            kind = self._kind(word)
            # Common words and unknown words that read like English (-tion, -ment,
            # -ing ...) end a run of names.
            # So do capitals that are no known name (MRN, ICU, MA as a state code), and
            # street words (12 Beacon Street is an address).
            if not kind and (word.casefold() in COMMON_WORDS or _wordlike(word)) or (
                    word.isupper() and (len(word) <= 2 or not kind)) or (
                    word.casefold() in _STREET_WORDS or word.casefold() in street_words()):
                yield from self._judge(text, base, run)
                run = []
                continue
            run.append((start, end, word, kind))
        yield from self._judge(text, base, run)

    def _judge(self, text: str, base: int, run: list[tuple[int, int, str, str]]
               ) -> Iterator[tuple[int, int, float | None]]:
        while run and run[-1][3] == "i":
            run = run[:-1]
        if not run:
            return
        start, end = base + run[0][0], base + run[-1][1]
        words = [w for _, _, w, k in run if k != "i"]
        kinds = [k for *_, k in run if k != "i"]
        strong = sum(k in {"G", "S", "N"} for k in kinds)
        # an initial (J. Smith) counts as a weak name beside a strong one
        weak = sum(k in {"g", "s", "n", "i"} for *_, k in run)
        if strong >= 1 and strong + weak >= 2:
            yield start, end, 0.85
            return
        if len(words) == 1 and not strong:
            # A lone unknown word is a name only after a title or name-part label (no
            # branch below takes it otherwise), so only those cues need reading.
            if _after_name_cue(text, start) and words[0].casefold() not in EPONYMS:
                yield start, end, 0.75
            return
        cue = _cue(text, start)
        # After a title any surname; after a label (`name = "`, `Patient:`) a known name
        # or several words: `name = "Snobol"` names a thing.
        if (cue == 3 or cue == 2 and (strong or len(words) >= 2)) and not all(
                w.casefold() in EPONYMS for w in words):
            yield start, end, 0.85 if strong else 0.75
        elif len(words) >= 2 and _AFTER_STRONG.match(text, end) and not all(
                w.isupper() for w in words):
            yield start, end, 0.75
        elif (strong >= 1 and len(words) >= 2 and (cue == 1 or _AFTER_CUE.match(text, end))) or (
                len(words) == 1 and strong and self._comma_pair(text, start, end)):
            yield start, end, 0.7
        elif self.confirm is not None and len(words) <= 4 and not followed_by_region(
                text, end) and not _place_and_region(text, base, run) and (
                strong and (len(words) >= 2 or cue == 1)
                or len(words) >= 2 and (cue == 1 or _AFTER_CUE.match(text, end))
        ) and not all(w.isupper() for w in words):
            # A known word beside unknown ones, or unknown words where a person would
            # stand: NER decides, on the words around it.
            yield start, end, None

    def _comma_pair(self, text: str, start: int, end: int) -> bool:
        """`Surname, Given` split across two candidates (SMITH, JOHN / Smith, John)."""
        before = text[max(0, start - 40):start]
        after = text[end:end + 40]
        nxt = _TOKEN.match(after.lstrip(", \t")) if after.startswith(",") else None
        prv = _WORD_AND_COMMA.search(before)
        other = nxt.group() if nxt else prv.group(1) if prv else None
        return bool(other and len(other) > 2 and self.lists.kind(other).isupper())

    # -- uncased scripts ---------------------------------------------------------------
    def _scripts(self, text: str) -> Iterator[Finding]:
        han_share = len(_HAN_CHAR.findall(text)) / max(1, len(text))
        for match in _HAN.finditer(text):
            value = match.group()
            compact = _NAME_GAP.sub("", value)
            context = _script_context(text, match.start(), match.end())
            surname = self.lists.kind(compact[:1]).upper() in {"S", "N"} or (
                self.lists.kind(compact[:2]).upper() in {"S", "N"})
            spaced = compact != value
            # In English text a short Han run is nearly always a name; in Chinese or
            # Japanese text only a label or a surname says so.
            if context == 2 or han_share < 0.3 and (context == 1 or 2 <= len(compact) <= 5 and (
                    surname or spaced)):
                yield Finding(match.start(), match.end(), "PERSON", "phi",
                              0.85 if context == 2 else 0.7, DETECTOR)
        for match in _KANA_NAME.finditer(text):
            yield Finding(match.start(), match.end(), "PERSON", "phi", 0.7, DETECTOR)
        for match in _HANGUL.finditer(text):
            value = match.group()
            context = _script_context(text, match.start(), match.end())
            known = self.lists.kind(value[:1]).upper() in {"S", "N"} or any(
                self.lists.kind(part) for part in value.split())
            if context == 2 or context == 1 and len(value) >= 2 or known and len(value) >= 2:
                yield Finding(match.start(), match.end(), "PERSON", "phi",
                              0.85 if context == 2 else 0.7, DETECTOR)
        runs = _MAYBE_UNCASED_RUN.finditer(text)
        for match in (m for run in runs for m in _UNCASED_RUN.finditer(text, *run.span())):
            words = match.group().split()
            known = sum(bool(self.lists.kind(w)) for w in words)
            context = _script_context(text, match.start(), match.end())
            if context or known >= 1 and len(words) <= 4:
                yield Finding(match.start(), match.end(), "PERSON", "phi",
                              0.85 if known >= 2 or context == 2 else 0.7, DETECTOR)
