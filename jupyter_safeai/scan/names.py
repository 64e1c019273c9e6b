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
from functools import lru_cache
from itertools import product
from string import ascii_letters

import regex

from .appositions import appositions
from .brands import without_brands
from .code import overlaps_any, python_source
from .coreferred_names import coreferred_names
from .creators import makers_of_works
from .empty_cues import cue_says_nothing
from .english_words import (
    english_word,
    inflected_from,
    nouns_and_other_words,
    stop_words,
    verbs_adjectives_adverbs,
)
from .finding import Finding
from .geography import is_place_name
from .memo import table as memo_table
from .name_context import (
    NAME_GIVING_PHRASES,
    SOFTWARE_NAMES,
    chat_line,
    in_documentation,
    in_organisation,
    person_cue,
    prose_line,
    sentence_about_someone,
    sentence_in_a_message,
)
from .name_lists import (
    COMMON_WORDS,
    EPONYMS,
    HONORIFICS,
    PARTICLES,
    NameLists,
    UsesNameLists,
    english_ending,
)
from .name_verbs import possessive_of_person, someone_by_verb
from .note_names import FUNCTION_WORDS, KIN_WORDS, note_names
from .person_slots import STRONG_SLOT, does_what_people_do, finite_verb_after, person_slot
from .places import followed_by_region, region_end, street_words
from .prose_names import (
    ANCHOR_WORDS,
    addressed_names,
    case_names,
    enumerated_names,
    office_names,
    person_words,
    prose_anchors,
    social_names,
)
from .scan_view import lowered_of
from .shapes import text_shape
from .surname_shapes import surname_shaped
from .terms import eponym_term, names_a_thing
from .toy_lists import care_list_items, opens_bare_name_list

DETECTOR = "names"

# A capitalised word in any cased script: Nguyễn, O'Brien, Al-Rashid, McDonald, ADEBAYO.
_WORD = (r"\p{Lu}(?:['’]\p{Lu})?[\p{Ll}\p{M}]+(?:\p{Lu}[\p{Ll}\p{M}]+)*"
         r"(?:['’](?:\p{Lu}[\p{Ll}\p{M}]*|[\p{Ll}\p{M}]{2,}))*(?:-\p{Lu}?[\p{Ll}\p{M}]+)*")
_CAPS_WORD = r"\p{Lu}{2,}(?:['’-]\p{Lu}+)*"
_PARTICLE = "(?:" + "|".join(sorted(PARTICLES, key=len, reverse=True)) + ")"
# Words of one name are one blank apart: a tab or a run of blanks is a table's cell
# boundary (`Houston       Texas`, `San Francisco<tab>California`), which a name never
# crosses.
_ONE_BLANK = r"[ ](?![ \t])"
_CANDIDATE = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}_])(?:\p{{Lu}}\.(?:{_ONE_BLANK})?)?(?:{_CAPS_WORD}|{_WORD})"
    rf"(?:(?:{_ONE_BLANK}|,{_ONE_BLANK}?)(?:{_PARTICLE}{_ONE_BLANK})*"
    rf"(?:\p{{Lu}}(?:\.{_ONE_BLANK}?|{_ONE_BLANK}(?=\p{{Lu}}\p{{Ll}})))?"
    rf"(?:{_CAPS_WORD}|{_WORD})){{0,4}}(?:{_ONE_BLANK}\p{{Lu}}\.(?![\p{{L}}\p{{N}}_]))?"
    rf"(?![\p{{L}}\p{{N}}_])"
)


def _on_ascii(pattern: regex.Pattern[str]) -> re.Pattern[str]:
    """`pattern` for ASCII text, in `re`: each of its Unicode classes written as the ASCII
    characters `regex` says it holds (read at import), so on a text of ASCII characters
    alone it matches exactly where `pattern` does, about a quarter faster."""
    ascii_characters = "".join(map(chr, range(128)))
    source = pattern.pattern
    for unicode_class in (r"[\p{L}\p{N}_]", r"[\p{Ll}\p{M}]", r"\p{Lu}", r"\p{Ll}"):
        held = "".join(map(re.escape, regex.findall(unicode_class, ascii_characters)))
        source = source.replace(unicode_class, f"[{held}]")
    if r"\p" in source or pattern.flags & ~(regex.VERSION0 | regex.UNICODE):
        raise ValueError("a class or flag the ASCII reading does not translate")
    return re.compile(source)


#: `_CANDIDATE` for texts of ASCII characters alone (most notebooks' cells).
_CANDIDATE_ASCII = _on_ascii(_CANDIDATE)
# A middle initial may go without its period between two words (`Shane M Culp`).
_TOKEN = regex.compile(rf"{_CAPS_WORD}|{_WORD}|\p{{Lu}}\.|\p{{Lu}}(?=[ ]\p{{Lu}}\p{{Ll}})")

# A label may be followed by a closing quote, a separator, then an opening quote:
# `name: `, `patient_name = "`, `{"name": "`, `Patient (`.
_LABEL_END = r"[\"'\]*_]*[ \t]*(?:[:=#\-–?]|=>|->)?[*_]*[ \t]*[\"'“‘(\[*_]*[ \t]*"
_LABEL_TAIL = _LABEL_END + "$"
_TITLE_WORDS = (
    "|".join(title.capitalize() for title in HONORIFICS)
    + r"|Mx|Doctor|Prof|Professor|Sr|Sra|Srta|Dona|Doña|Herr|Frau|"
    r"Mme|Mlle|Rev|Fr|Nurse|Alhaji|Alhaja|Mallam|Sheikh|Shaikh|Hajj|Hajji|Nana|Madam|"
    r"Madame|Sir|Dame|Pastor|Imam|Rabbi|Shri|Sri|Smt|Kumari|Ustadh|Pt|Patient|Mother|"
    r"Father|Husband|Wife|Spouse|Brother|Sister|Guardian|Uncle|Aunt|Grandmother|"
    r"Grandfather|Daughter|Son|Grandson|Granddaughter|Niece|Nephew|Cousin|Partner|"
    r"Fiancée?|Stepson|Stepdaughter|Stepmother|Stepfather"
)
_TITLE_END = r"\.?[ \t]+"
# A title, then a surname's particles (`Mrs. de la Cruz`, `Mr. Van der Berg`): the
# particles are the surname's first words, in either case. A title of courtesy or office
# only (no kin word: `Son` is no title of a surname), its first particle of two letters
# or more (`Dr. E Okafor` has an initial).
_HONOUR_WORDS = ("|".join(title.capitalize() for title in HONORIFICS)
                 + r"|Mx|Doctor|Prof|Professor|Sr|Sra|Srta|Dona|Doña|Herr|Frau|Mme|Mlle|"
                   r"Rev|Fr|Nurse|Madam|Madame|Sir|Dame|Pastor|Imam|Rabbi")
_PARTICLES_AFTER_TITLE = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}_])(?i:{_HONOUR_WORDS})\.?[ ]((?i:{_PARTICLE})(?<=\p{{L}}{{2}})"
    rf"(?:[ ](?i:{_PARTICLE})){{0,2}}[ ])$")
_TITLE = regex.compile(rf"(?:\b(?:{_TITLE_WORDS}){_TITLE_END}$)",
                       regex.IGNORECASE | regex.REVERSE)


# Labels that only ever hold a person's name (or part of it): one unknown word will do.
_NAME_PART_WORDS = (
    r"patient[ _]?name|pt[ _]?name|full[ _]?name|first[ _]?name|last[ _]?name|"
    r"given[ _]?name|family[ _]?name|middle[ _]?name|surname|maiden[ _]?name|forename|"
    r"next[ _]of[ _]kin|emergency[ _]contact|attending|referring[ _]physician|"
    r"seen[ _]by|signed[ _]by|dictated[ _]by|"
    # phrases that name someone: `my name is`, `everyone calls me`, `she named him`
    r"named[ _]him|named[ _]her|my[ _]kid|"
    + "|".join(phrase.replace(" ", "[ _]") for phrase in NAME_GIVING_PHRASES)
)
# Who a person is, as a title before the name (`Producer Ana Ruiz`): a cue, and never
# part of the name when capitalised at a sentence's start.
_ROLE_WORDS = (
    "producer|director|ceo|founder|president|chairman|chairwoman|editor|reporter|"
    "journalist|singer|actor|actress|musician|novelist|poet|coach|lawyer|attorney|"
    "detective|minister|senator|governor|mayor|spokesperson|spokesman|spokeswoman"
)
#: Words that say a person's name follows (a regex alternation, lower case): a label or
#: a cue here, a form's person label in `form_fields`.
STRONG_PERSON_WORDS = (
    r"name|names|patient|pt|patient[ _]?name|full[ _]?name|first[ _]?name|"
    r"last[ _]?name|given[ _]?name|family[ _]?name|surname|maiden[ _]?name|nickname|alias|"
    r"mother|father|husband|wife|spouse|guardian|next[ _]of[ _]kin|nok|"
    r"emergency[ _]contact|caregiver|attending|physician|referring[ _]physician|"
    r"referred[ _]by|seen[ _]by|signed[ _]by|dictated[ _]by|prescriber|surgeon|pcp|dear|"
    r"decedent|policyholder|insured|responsible[ _]party|"
    # who posts, sells or sends in a listing or a forum post (`Seller: Patrick |`)
    r"username|user[ _]name|seller|buyer|sender|posted[ _]by|" + _ROLE_WORDS
)
_WEAK_WORDS = (
    r"contact|provider|author|signed|cc|hi|hello|thanks|regards|sincerely|from|to|"
    r"by|with|per|called|named|doctor|nurse|resident|technician|witness|informant|owner|"
    r"employee|participant|donor|recipient|subject|client|member|beneficiary|deceased|"
    r"child|baby|infant|pharmacist|therapist|counselor|social[ _]worker|and|or|"
    r"mr|mrs|ms|dr|saw|seen|admitted|called|discussed|visited|examined|evaluated|treated|"
    r"referred|met|told|asked|informed|for|about|regarding|re|notify|email|text|message|"
    r"letter[ \t]+to|friend|neighbou?r|colleague|roommate|"
    # who a person is (`Producer Ana Ruiz`), where a name is asked for or added
    r"including|under|add|adding|manager|writer|captain|teacher|judge|speaker|"
    r"starring|featuring|features|heard"
)
# The same labels in the scripts whose names we find.
_SCRIPT_WORDS = (
    r"患者|病人|姓名|名字|氏名|名前|先生|女士|小姐|医生|醫生|환자|이름|성명|"
    r"المريض|المريضة|الاسم|السيد|السيدة|الدكتور|नाम|रोगी|श्री|श्रीमती"
)
_SCRIPT_END = r"[ \t]*[:：=]?[ \t]*"
_SCRIPT_LABEL = regex.compile(rf"(?:{_SCRIPT_WORDS}){_SCRIPT_END}$", regex.REVERSE)
_SCRIPT_SUFFIX = regex.compile(r"^[ \t]*(?:さん|様|さま|先生|씨|님|氏|君|ちゃん|환자|선생님)")

# Han family name, then a Han, hiragana or katakana given name (山田 太郎, 池田 くみ子).
_HAN = regex.compile(
    r"(?<![\p{Han}\p{Hiragana}\p{Katakana}])\p{Han}{1,4}"
    r"(?:[ \t　・]?(?:\p{Han}{1,4}|\p{Hiragana}{2,4}(?<!さん|さま|ちゃん)|\p{Katakana}{2,5}))?"
    r"(?![\p{Han}\p{Katakana}])"
)
# Han words that take `さん` or `様` and are no names: `皆さん` (everyone), `奥さん` (a
# wife), `患者さん` (the patient).
_HONOURED_NOUNS = frozenset({"皆", "皆々", "奥", "娘", "息子", "旦那", "客", "患者", "医者",
                             "生徒", "学生", "子供", "友達"})
_HAN_CHAR = regex.compile(r"\p{Han}")
_HANGUL_CHAR = regex.compile(r"\p{Hangul}")
_KANA_CHAR = regex.compile(r"[\p{Hiragana}\p{Katakana}]")
#: Share of a text's characters in one script above which the text is written in it.
_WRITTEN_IN_SHARE = 0.15


#: A text with this many words in one script holds sentences of that language.
_WRITTEN_IN_WORDS = 5


def _has_east_asian(text: str) -> bool:
    """`_MAYBE_CJK.search(text)`, asked only at characters in its first to last block:
    `re` finds those with one range several times faster than with the blocks' twelve
    (most texts hold few: a `’`, an emoji)."""
    return any(_MAYBE_CJK.match(text, m.start()) for m in _FROM_JAMO.finditer(text))


def _cjk_stretches(text: str) -> list[tuple[int, int]]:
    """The spans of `_CJK_STRETCH` in `text`, each found from a character in the blocks'
    first to last (as `_has_east_asian` finds them): the east-Asian readers search only
    these, not the whole text (empty when `_has_east_asian` is false)."""
    spans: list[tuple[int, int]] = []
    at = 0
    while (char := _FROM_JAMO.search(text, at)) is not None:
        stretch = _CJK_STRETCH.match(text, char.start())
        if stretch is None:
            at = char.end()
        else:
            spans.append(stretch.span())
            at = stretch.end()
    return spans


def _written_in(text: str, script: regex.Pattern[str],
                spans: list[tuple[int, int]] | None = None) -> bool:
    """Whether `text` is prose in the script (Korean, Japanese), not an English text
    holding a name or two in it: there every short run is a word, not a name. Code
    commented in Korean is mostly Latin, so a few sentences' worth of words count too.
    `spans`, if given, are the only parts of `text` that may hold the script's letters."""
    spans = spans if spans is not None else [(0, len(text))]
    found = sum(len(script.findall(text, start, end)) for start, end in spans)
    return found / max(1, len(text)) >= _WRITTEN_IN_SHARE or (
        found >= 3 * _WRITTEN_IN_WORDS and sum(
            len(_words_of_script(script.pattern).findall(text, start, end))
            for start, end in spans) >= _WRITTEN_IN_WORDS)


#: A line holding this many letters of a script, half its letters or more, is a line of
#: that language even in an English text; so is a code comment or a heading holding
#: them beside its English translation. A name is shorter.
_LINE_LETTERS = 4
_COMMENT_OR_HEADING = re.compile(r"[ \t]*(?:#|//)")


def _line_written_in(line: str, script: regex.Pattern[str]) -> bool:
    """Whether one line is written in the script: `# 손실값 계산`, `## 高级用法 (advanced
    usage)`, where `Seen by 김민준 today` or `王伟 called` hold a name."""
    found = len(script.findall(line))
    return found >= _LINE_LETTERS and (2 * found >= sum(ch.isalpha() for ch in line) or (
        _COMMENT_OR_HEADING.match(line) is not None))


@lru_cache(maxsize=8)
def _words_of_script(letter: str) -> regex.Pattern[str]:
    """Runs of the letters `letter` (a pattern of one character) matches, compiled once."""
    return regex.compile(rf"(?:{letter})+")
_NAME_GAP = regex.compile(r"[ \t　・]")
_WORD_AND_COMMA = regex.compile(rf"({_WORD}|{_CAPS_WORD}),[ \t]*$")
_KANA_NAME = regex.compile(r"\p{Katakana}{2,}(?:[・ 　]\p{Katakana}{2,})+")
_HANGUL = regex.compile(r"(?<!\p{Hangul})\p{Hangul}{1,4}(?!\p{Hangul})")
# Blocks holding every character `\p{Han}`, `\p{Hangul}`, `\p{Hiragana}` or
# `\p{Katakana}` matches (astral ideographs included; tests check every code point): `re`
# tells in a few microseconds that a text has none (`_has_east_asian`), where `_HAN`,
# `_KANA_NAME` and `_HANGUL` would each walk the whole text in `regex`.
_FROM_JAMO = re.compile("[\u1100-\U0003347f]")
_CJK_BLOCKS = (
    "\u1100-\u11ff\u2e80-\u2fdf\u3005-\u33ff\u3400-\u9fff\ua960-\ua97f\uac00-\ud7ff"
    "\uf900-\ufaff\uff66-\uffdc\U00016fe0-\U00016fff\U0001aff0-\U0001b16f\U0001f200"
    "\U00020000-\U0003347f"
)
_MAYBE_CJK = re.compile(f"[{_CJK_BLOCKS}]")
# A stretch of those characters and the blanks and marks between a name's parts
# (`_NAME_GAP`: `・` is in the blocks), opening and closing with one of them: every match
# of `_HAN`, `_KANA_NAME`, `_HANGUL` and every run of one script lies inside one.
_CJK_STRETCH = re.compile(f"[{_CJK_BLOCKS}](?:[{_CJK_BLOCKS} \t\u3000]*[{_CJK_BLOCKS}])?")
# One character set rather than an alternation of scripts: the same characters, tested
# once each instead of once per script.
_UNCASED_LETTER = (r"[\p{Arabic}\p{Devanagari}\p{Bengali}\p{Tamil}\p{Telugu}\p{Gujarati}"
                   r"\p{Gurmukhi}\p{Hebrew}\p{Thai}\p{Georgian}\p{Armenian}\p{Ethiopic}"
                   r"\p{Oriya}\p{Sinhala}\p{Kannada}\p{Malayalam}\p{Mn}]")
_UNCASED_CHAR = regex.compile(_UNCASED_LETTER)
_UNCASED_RUN = regex.compile(rf"{_UNCASED_LETTER}+(?:[ \t]+{_UNCASED_LETTER}+){{0,3}}")
# Code point ranges holding every `_UNCASED_LETTER` (and some other characters), but no
# Latin, Cyrillic, Greek, Han, kana or Hangul: `re` finds the blank-separated runs of them
# many times faster than `regex` tests each character for 17 properties, and
# `_UNCASED_RUN` then reads only inside those runs.
_MAYBE_UNCASED = (r"[\u0300-\u036f\u0483-\u0489\u0531-\u10ff\u1200-\u1cff\u1dc0-\u1dff"
                  r"\u20d0-\u20ff\u2cef-\u2dff\u302a-\u309a\ua66f-\uabff\ufb13-\ufeff"
                  r"\U00010000-\U000e01ef]")
_MAYBE_UNCASED_RUN = re.compile(rf"{_MAYBE_UNCASED}+(?:[ \t]+{_MAYBE_UNCASED}+)*")
_MAYBE_UNCASED_CHAR = re.compile(_MAYBE_UNCASED)


def _maybe_uncased_runs(text: str) -> Iterator[re.Match[str]]:
    """`_MAYBE_UNCASED_RUN.finditer(text)`: each run starts at the next such character,
    which `re` finds about twice as fast alone as at the head of the run pattern."""
    pos = 0
    while (char := _MAYBE_UNCASED_CHAR.search(text, pos)) is not None:
        run = _MAYBE_UNCASED_RUN.match(text, char.start())
        if run is None:  # cannot happen: the run pattern matches at any such character
            raise RuntimeError("uncased run pattern out of step with its first character")
        yield run
        pos = run.end()


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


# Unknown capitalised words with English endings (`english_ending`) are no names ...
# ... unless they are built from pinyin syllables (Xiaoming, Jianping, Zhang).
_PINYIN = regex.compile(
    r"^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:[aeiouü]{1,3})(?:ng|n|r)?){1,3}$",
    regex.IGNORECASE,
)


# A word capitalised again inside after three or more letters (`OpenStack`, `JupyterLab`,
# `CloudFiles`) is a product's name, unless its head is a name or a surname's prefix
# (`MaryAnn`, `MacArthur`, `VanDyke`, `DelRosario`).
_CAMEL_HEAD = regex.compile(r"(\p{Lu}\p{Ll}{2,})\p{Lu}\p{Ll}")
_SURNAME_HEADS = PARTICLES | {"fitz", "dal", "san", "des"}


def _product_word(word: str, kinds: dict[str, str]) -> bool:
    head = _CAMEL_HEAD.match(word)
    if head is None:
        return False
    key = head.group(1).casefold()
    return key not in _SURNAME_HEADS and not kinds.get(key, "").isupper()


def _wordlike(word: str) -> bool:
    return english_ending(word) and not _PINYIN.match(word)

_STREET_WORDS = frozenset({
    "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "ln",
    "drive", "court", "ct", "way", "place", "terrace", "circle", "parkway", "highway",
    "square", "trail", "crescent", "close", "alley", "plaza", "route", "heights", "gardens",
    "hospital", "clinic", "medical", "center", "centre", "university", "college", "school",
    "county", "city", "inc", "llc", "ltd", "corp", "foundation", "institute", "memorial",
    # a facility's word is no surname: `Lakeview Nursing Home, Jane Smith` names Jane Smith
    "home", "hospice", "infirmary", "sanatorium", "rehab", "hosp",
    # titles are cues, never part of the name
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sr", "sra", "srta", "rev", "jr",
    *_ROLE_WORDS.split("|"),
})
# What follows a person's name and nothing else: an age, a DOB, an MRN.
_AFTER_STRONG = regex.compile(  # used with .match(text, pos): no ^ anchor
    r"(?:,?[ \t]*\(?[ \t]*\d{1,3}[ \t-]*(?:y/?o|yo|yrs?|years?[ \t-]+old|year[ \t-]+old|"
    r"-year-old|M|F)\b|[ \t]+is[ \t]+an?[ \t]+\d{1,3}[ \t-]*(?:y/?o|yo|years?|year)\b|"
    r",?[ \t]*\(?[ \t]*(?:DOB|D\.O\.B|MRN|age[ds]?)\b)",
    regex.IGNORECASE,
)
# An age set off after a surname, then the sentence goes on in lower case: `Fisher, 54,
# was`, `Pinto (61) complained`. Not `Table 2, 54,` (no surname) nor `Hall (3), (4)`.
_AGE_SET_OFF = re.compile(r"(?:,[ \t]*([1-9]\d?|1[01]\d),|[ \t]*\(([1-9]\d?|1[01]\d)\))"
                          r"[ \t]+(?!(?:and|or|of|to|in|the)\b)[a-z]{2,}\b")


def _aged(text: str, end: int, weak: bool) -> bool:
    """Whether an age set off by commas or brackets follows `end`, then a lower-case word
    that goes on the sentence. After a surname that is also a word (`Hall (3) has`,
    `Cook, 5,`) only a grown-up's two-digit age says so."""
    match = _AGE_SET_OFF.match(text, end)
    return match is not None and (not weak or len(match.group(1) or match.group(2)) >= 2)


# What often follows a person's name in notes: "was admitted", "'s", "agreed".
_AFTER_CUE = regex.compile(  # a bracket right after the word opens a call: `Add(2,3)`
    r"(?!\()(?:['’]s\b|,?[ \t]*\(?(?:\d{1,3}[ \t]*(?:y/?o|yo|years?|M|F)?[,)]|DOB|MRN|age[ds]?\b)|"
    r"[ \t]+(?:was|is|has|had|presented|presents|reports|reported|denies|denied|underwent|"
    r"received|complained|complains|said|says|called|visited|returned|arrived|died|"
    r"passed|consented|declined|agreed|lives|works|attended|remains|continues|will|"
    r"fell|has|needs|wants|asked|prefers|speaks|shouted|told|began|started|went|came|"
    r"wrote|gave|took|felt|looks|looked|seems|seemed|lived|worked|stayed|left|got|just)\b"
    # where a person works: `Ada Moreno of Pryce-Hollis`, `Ida Berg from Kettering`
    r"|[ ]+(?:of|from)[ ]+(?-i:\p{Lu}))",
    regex.IGNORECASE,
)
# A weekday and a month before a day of the month (`Thu Jun 17 15:13:23 2021`, the
# timestamp tools print): a date, though `Jun` and `Sun` are names too.
_WEEKDAY_MONTH_DAY = regex.compile(
    r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|rsday|urday|sday)?\.?,?"
    r"[ \t]+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2}\b")
#: The first three letters of every `_WEEKDAY_MONTH_DAY` match.
_WEEKDAY_HEADS = frozenset({"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"})
# A capitalised word right before: `The Princess Royal arrived` is a title, not `Royal`.
_CAPITAL_BEFORE = regex.compile(r"\p{Lu}[\p{L}.'’-]*[ ]$")
#: Asked to confirm a doubtful span; returns True when NER sees a PERSON there. An
#: object that also has `confirm_many(text, spans) -> list[bool]` gets all of a
#: text's doubtful spans at once; one with `labels_many(text, spans) -> list[str]`
#: (NER's label for each: `PERSON`, `ORG`, ..., or '') is asked that instead.
Confirm = Callable[[str, int, int], bool]
#: The score of a name NER confirmed: below every finding that settles a span without it.
CONFIRMED_SCORE = 0.7


# Reading a cue backwards from the name, most time went into trying every cue word
# after every way of splitting the blanks and quotes between it and the name. Every cue
# word ends in a letter, and every character a tail may hold is in `_CUE_TAIL_CHARS`,
# so the tail is exactly the longest run of those characters before the name: it is
# found with `rstrip` and checked once against each kind of tail. The cue words are
# then tried (anchored where the tail begins, only those whose tail fits) unless the
# plain ASCII letters there are no ending of any cue word, which most are not.
_CUE_TAIL_CHARS = " \t.\"'“‘([]*_:=#-–>：?"
_TAILS = (re.compile(_TITLE_END), re.compile(_LABEL_END), re.compile(_SCRIPT_END))
_LEVELS = {"c3": 3, "c2": 2, "c1": 1}


def _spellings(word: str) -> set[str]:
    """`word` with each optional letter (the `u?` of `neighbou?r`) kept and left out."""
    mark = word.find("?")
    if mark < 1:
        return {word}
    return _spellings(word[:mark - 1] + word[mark + 1:]) | _spellings(word[:mark] + word[mark + 1:])


def _word_ends(words: str, plural: bool) -> frozenset[str]:
    """The letters each cue word of `words` ends with, lower case: what follows its last
    separator (`kin` of `next[ _]of[ _]kin`), or the parts glued where the separator may
    be left out (`name` and `patientname` of `patient[ _]?name`), plus an `s` for labels."""
    ends: set[str] = set()
    for word in words.lower().split("|"):
        parts = re.split(r"\[ _\](?!\?)|\[ \\t\]\+", word)[-1].split("[ _]?")
        for first in range(len(parts)):
            ends |= _spellings("".join(parts[first:]))
    if not all(end.isalpha() for end in ends):  # a form this reading does not know
        raise ValueError(f"cue words not understood: {sorted(ends)}")
    return frozenset(ends | {end + "s" for end in ends} if plural else ends)


_NAME_CUE_ENDS = _word_ends(_TITLE_WORDS, False) | _word_ends(_NAME_PART_WORDS, True)
_CUE_ENDS = (_NAME_CUE_ENDS | _word_ends(STRONG_PERSON_WORDS, True)
             | _word_ends(_WEAK_WORDS, True))


@lru_cache(maxsize=16)
def _cue_words(title: bool, label: bool, script: bool, names_only: bool
               ) -> regex.Pattern[str] | None:
    """The cue words that may stand before a tail of the given kinds, strongest first
    (one group per level: an anchored match tries them in order); `names_only` keeps
    the titles and name-part labels."""
    levels = {
        "c3": [rf"\b(?:{_TITLE_WORDS})" if title else "",
               rf"\b(?:{_NAME_PART_WORDS})s?" if label else ""],
        "c2": [rf"\b(?:{STRONG_PERSON_WORDS})s?" if label and not names_only else "",
               rf"(?-i:{_SCRIPT_WORDS})" if script and not names_only else ""],
        "c1": [rf"\b(?:{_WEAK_WORDS})s?" if label and not names_only else ""],
    }
    groups = [f"(?P<{name}>{'|'.join(filter(None, words))})"
              for name, words in levels.items() if any(words)]
    return regex.compile("|".join(groups), regex.IGNORECASE | regex.REVERSE) if groups else None


#: Cue words (lower case) that are one run of ASCII letters, and the separators or other
#: letters the other cue words hold (`next[ _]of[ _]kin`, `neighbou?r`, `Doña`).
_PLAIN_CUE_WORD = re.compile(r"[a-z]+")


def _cue_alternatives(words: str) -> list[str]:
    """The lower-case alternatives of a cue-word alternation."""
    return words.lower().split("|")


#: The letters any cue word that is not one plain run of ASCII letters may end with
#: (glued where its separator may be left out, optional letters kept and left out, an
#: `s` added): before such letters only the pattern can tell which cue word stands.
_GLUED_CUE_ENDS = _word_ends("|".join(
    word for words in (_TITLE_WORDS, _NAME_PART_WORDS, STRONG_PERSON_WORDS, _WEAK_WORDS)
    for word in _cue_alternatives(words) if not _PLAIN_CUE_WORD.fullmatch(word)), True)
if any(not char.isascii() and any(folded.isascii() for folded in (
        char.lower(), char.upper(), char.casefold()))
        for words in (_TITLE_WORDS, _NAME_PART_WORDS, STRONG_PERSON_WORDS, _WEAK_WORDS)
        for char in words):  # `ſ`, `K`, `ı` would match ASCII letters ignoring case
    raise ValueError("a cue word holds a letter that folds to ASCII")


def _plain_cue_levels(title: bool, label: bool, names_only: bool) -> dict[str, int]:
    """What `_cue_words(title, label, script, names_only)` finds ending with each plain
    run of ASCII letters that ends some cue word, when a character that is no letter,
    digit or `_` stands before the run: only a cue word that is the whole run (or it and
    a plural `s`, for labels) can match there, and the strongest level's comes first
    (0: none does). Runs that end a cue word holding separators or other letters
    (`_GLUED_CUE_ENDS`: `kin` of `next of kin`, `to` of `letter to`) are left out: the
    pattern reads those. Script words end in their script's letters, never here."""
    groups = [(3, _TITLE_WORDS, False, title), (3, _NAME_PART_WORDS, True, label),
              (2, STRONG_PERSON_WORDS, True, label and not names_only),
              (1, _WEAK_WORDS, True, label and not names_only)]
    levels = dict.fromkeys(_CUE_ENDS - _GLUED_CUE_ENDS, 0)
    for level, words, plural, used in groups:
        if not used:
            continue
        for word in _cue_alternatives(words):
            if _PLAIN_CUE_WORD.fullmatch(word):
                for form in (word, word + "s") if plural else (word,):
                    if form in levels:
                        levels[form] = max(levels[form], level)
    return levels


#: `_plain_cue_levels` for each (title tail, label tail, names only), worked out at import.
_PLAIN_CUE_LEVELS = {kinds: _plain_cue_levels(*kinds) for kinds in product((False, True),
                                                                             repeat=3)}


#: ASCII characters after which a run of letters starts no word (`\b` fails there).
_WORD_CHARS_ASCII = frozenset("0123456789_")


def _cue_level(text: str, start: int, names_only: bool) -> int:
    """The strongest cue ending at `start` (within 40 characters before it), as
    `_TITLE` and the label words would find it searching backwards from `start`: their `$`
    also matches before a final newline. A plain ASCII word after a blank or a mark is
    looked up (`_plain_cue_levels`); anything else is left to the cue pattern."""
    left = max(0, start - 40)
    end = start - 1 if text[start - 1:start] == "\n" else start
    word_end = left + len(text[left:end].rstrip(_CUE_TAIL_CHARS))
    if word_end == left:
        return 0
    # No cue word ends with plain ASCII letters outside `_CUE_ENDS`: the pattern is
    # not tried there. Other letters (ſ and K match s and k, labels in other scripts)
    # are left to it.
    before = text[left:word_end]
    rest = before.rstrip(ascii_letters)
    plain = None
    if not rest or rest[-1].isascii():
        plain = before[len(rest):].lower()
        if plain not in (_NAME_CUE_ENDS if names_only else _CUE_ENDS):
            return 0
        if not rest or rest[-1] in _WORD_CHARS_ASCII:
            plain = None  # a word may go on before the run, or start before `left`
    tail = text[word_end:end]
    if not tail.strip(" \t"):  # blanks or nothing: the commonest tails
        kinds = (tail != "", True, True)
    else:
        kinds = tuple(pattern.fullmatch(tail) is not None for pattern in _TAILS)
    level = None if plain is None else _PLAIN_CUE_LEVELS[
        kinds[0], kinds[1], names_only].get(plain)
    if level is None:
        cue_words = _cue_words(*kinds, names_only)
        cue = cue_words.match(text, left, word_end) if cue_words is not None else None
        level = 0 if cue is None else _LEVELS[cue.lastgroup]
    if level and text.endswith("Rev", max(0, left - 8), word_end) and (  # (its `\Z`)
            _REVIEW_AFTER_ABBREVIATION.search(text, max(0, left - 8), word_end)):
        return 0  # `Phys. Rev. Lett.`: a journal's `Review`, no Reverend
    return level


# `Rev.` right after another abbreviation ending in `.` (`Phys. Rev.`, `Mod. Phys. Rev.`,
# `Chem. Soc. Rev.`) is a journal's `Review`; `Prof. Dr.` keeps its title.
_REVIEW_AFTER_ABBREVIATION = re.compile(r"[^\W\d_]\.[ \t]+Rev\Z")


def _after_name_cue(text: str, start: int) -> bool:
    """Whether a title or name-part label ends at `start`: `_cue(text, start) == 3`."""
    return _cue_level(text, start, names_only=True) == 3


def _cue(text: str, start: int) -> int:
    """3 for a title or name-part label right before `start` (`Dr.`, `last_name = '`),
    2 for a label that usually holds a name (`Patient:`), 1 for a weak cue, 0 none."""
    return _cue_level(text, start, names_only=False)


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


_COMMA = regex.compile(r"[^,]+")
# Items of a list go on before or after a run joined by commas: `IPython, Matplotlib,
# Numba, and Bokeh`, `Chrome, Safari or Firefox`. Each item is read alone: in such a
# list `Safari` is no `Surname, Given` with `Chrome`, and each person in a list of
# people (`Ana Ruiz, Ida Berg and Tom Lee`) is a name of its own.
_LIST_GOES_ON = regex.compile(r",?[ ](?:or|and|etc)\b|,[ ]?[^\W\d_]")
_LIST_BEFORE = regex.compile(r"[^\W_][\w.+#)-]*,[ ][\[(]?$")


def _in_list_of_things(text: str, start: int, end: int) -> bool:
    """Whether the run at text[start:end], joined by commas, is part of a list: three
    items in the run itself (`Rice, Cheese, Beans`), or one more before or after it."""
    return (text.count(",", start, end) >= 2 or _LIST_GOES_ON.match(text, end) is not None
            or _LIST_BEFORE.search(text, max(0, start - 40), start) is not None)


#: What stands before a word that a sentence's start capitalises, blanks left out.
_SENTENCE_OPENING = ".!?:;\n\"'“‘(*->#"


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence, a line or a quote."""
    before = text[max(0, start - 8):start].rstrip(" \t")
    return not before or before[-1] in _SENTENCE_OPENING


def _imperative(text: str, start: int, word: str) -> bool:
    """Whether `word`, at `start` and no listed name, is a verb opening its sentence
    (`Ask Okonkwo`, `Remind Dagny`): no part of the name after it."""
    return word.casefold() in nouns_and_other_words()[1] and _opens_sentence(text, start)


def _one_word(candidate: str) -> bool:
    """Whether a candidate is a single word (most are): words are joined by blanks or
    commas, and an initial ends in a period. `_TOKEN` would read such a candidate whole
    (each character of a word says which part of the pattern it continues, and no
    two-capital start of `_CAPS_WORD` begins a `_WORD`), so it is not read again."""
    return not (" " in candidate or "\t" in candidate or "," in candidate
                or "." in candidate)


def _tokens(candidate: str) -> list[tuple[int, int, str]]:
    """The words and initials of a candidate, particles left out. A candidate without
    commas, periods, tabs or blanks at its ends is its words one blank apart (`_TOKEN`
    reads each whole), so it is split at its blanks rather than read again."""
    if "," in candidate or "." in candidate or "\t" in candidate or "  " in candidate or (
            candidate[:1] == " " or candidate[-1:] == " "):  # an item cut from a list
        return [(t.start(), t.end(), t.group()) for t in _TOKEN.finditer(candidate)
                if t.group().casefold() not in PARTICLES]
    tokens, at = [], 0
    for word in candidate.split(" "):
        if word.casefold() not in PARTICLES:
            tokens.append((at, at + len(word), word))
        at += len(word) + 1
    return tokens


_STRONG_KINDS = frozenset({"G", "S", "N"})
# `Isle of Skye`, `University of Lagos`: the last word of a place's or a body's name.
_OF_A_NAMED_THING = regex.compile(r"\p{Lu}[\p{L}.'’-]*[ ]of[ ](?:the[ ])?$")


_LOWER_WORD_AFTER = re.compile(r"[ ]([a-z]+)\b")


def _noun_after(text: str, end: int) -> bool:
    """Whether a word English knows only as a noun follows (`Destin lotion`, `Kestrel
    pipeline`): the word before names a product or a thing of that kind."""
    after = _LOWER_WORD_AFTER.match(text, end)
    if after is None:
        return False
    nouns, others = nouns_and_other_words()
    word = after.group(1)
    return word in nouns and word not in others and not inflected_from(word, others)


#: A name list's kinds of a surname, listed (upper case) or known as a common word too.
_SURNAME_KINDS = frozenset({"S", "N", "s", "n"})
# After a surname, what makes it part of a thing's name: a capitalised word or a number
# (`Green Street`, `Brown University`, `Reviewer 2`), or an owner's `'s` (`Cohen's
# kappa`, `Green's function`) but for kin or a body's part.
_THING_AFTER = regex.compile(r"[ ]+[\p{Lu}\d]|['’]")
# Slots places, bodies and laws take too, though only people otherwise (`according to
# Paris`, `heard from Lisbon`, `according to Poisson`): there a place's name stays a place
# and an eponym a law.
_PLACES_TOO_BEFORE = regex.compile(r"(?i:(?:according|belongs?|belonged)[ ]to|from)[ ]$")
# Slots that take what a word is or whose a thing is (`it was Brown`, `the colour of
# Green`): a person's only when the word is nothing else, which this reading does not ask.
_WHAT_IT_IS_BEFORE = regex.compile(r"(?i:(?:it|that|who)[ ](?:is|was)|who['’]s|[a-z]+[ ]of)[ ]$")


# The particles a surname keeps in lower case in running text (`ask van de Pavert`,
# `von Brandt`, `de Vries`); not articles a paper's or a league's name opens with (`le
# Monde`, `la Liga`, `al Jazeera`).
_SURNAME_PARTICLE_WORDS = ("van", "von", "de", "der", "den", "dem", "het", "ten", "ter", "da",
                            "di", "dos", "das", "del", "della")
_SURNAME_PARTICLES_BEFORE = regex.compile(
    r"(?<![\p{L}\p{N}_'’-])(?:(?:van|von)(?:[ ](?:de|der|den|dem|het|ten|ter))?|de|ter|ten|"
    r"da|di|dos|das|del|della)[ ]$")
#: How every `_SURNAME_PARTICLES_BEFORE` match ends (or does before a final line break,
#: where `$` matches too): its last particle and the blank. Most words have none of these
#: before them, and `str.endswith` says so without the pattern's search.
_SURNAME_PARTICLE_ENDS = tuple(f"{word} " for word in _SURNAME_PARTICLE_WORDS)


#: The kinds of a word that is a name alone in prose when it is nothing else.
_LONE_KINDS = frozenset({"G", "N"})
#: Capitalised at a sentence or title start, these words are never part of a name.
_FUNCTION_WORDS = frozenset({
    "the", "this", "that", "these", "those", "my", "our", "your", "its",
    "their", "of", "in", "on", "at", "to", "for", "with", "from", "via", "see", "using",
    "chapter", "section", "experiment", "step", "part", "lab", "exercise", "example",
    "since", "when", "while", "if", "after", "before", "during", "because", "although",
    "unlike", "like", "into", "upon", "within", "without", "but", "then", "also", "each",
    "every", "some", "any", "other", "another", "both", "either", "neither", "here", "there",
    "princess", "prince", "duchess",
})


@lru_cache(maxsize=1)
def _run_breaking_streets() -> frozenset[str]:
    """Street and title words, ours and the place recognizer's: they end a run of names."""
    return _STREET_WORDS | street_words()


# `Braund, Mr. Owen Harris`: the surname, a comma and the title before the given names.
_SURNAME_TITLE_BEFORE = regex.compile(
    r"(?<![\p{L}\p{N}_])\p{Lu}[\p{L}\p{M}'’-]+,[ ](?:Mr|Mrs|Ms|Miss|Mx|Master|Dr|Rev|Prof)"
    r"\.?[ ]$")


def _candidates(text: str) -> list[tuple[int, str]]:
    """(start, text) of each `_CANDIDATE` (its `re` twin on ASCII text). A candidate
    holds five words at most, so a list of full names can end one in the middle of an
    item (`Tomasz Nowak, Ronald Baker, Oliver` + `Hendricks`): such a cut item is taken
    off the candidate and read again, whole, as the start of the next. (One pass of
    `finditer` when none is cut.)"""
    found: list[tuple[int, str]] = []
    candidate = _CANDIDATE_ASCII if text.isascii() else _CANDIDATE
    at: int | None = 0
    while at is not None:
        matches, at = candidate.finditer(text, at), None
        for match in matches:
            value = match.group()
            if "," in value:
                end = match.end()
                comma = value.rfind(",")
                if text[end:end + 1] == " " and text[end + 1:end + 2].isupper() and (
                        value[comma + 1:comma + 2] == " "):  # cut by the words' limit
                    found.append((match.start(), value[:comma]))
                    at = match.start() + comma + 2
                    break
            found.append((match.start(), value))
    return found


def _titled_particle_surname(text: str, at: int, value: str) -> tuple[int, int] | None:
    """(start, end) of a surname led by its particles right after a title, the particles
    in lower case before the candidate at `at` (`Mrs. de la Cruz`) or capitalised opening
    it (`Mr. Van der Berg`, `Dr. Van den Broek`), whatever the words' lists say; None if
    the candidate is no such surname."""
    if at >= 5 and text[at - 1] == " " and text[at - 2].islower():
        word = text.rfind(" ", max(0, at - 8), at - 1)
        if word < 0 or text[word + 1:at - 1].casefold() not in PARTICLES:
            return None  # (most candidates: no particle right before, no search)
        led = _PARTICLES_AFTER_TITLE.search(text, max(0, at - 32), at)
        first = _TOKEN.match(value)
        if led is None or first is None or len(first.group()) < 2:
            return None
        return led.start(1), at + first.end()
    blank = value.find(" ")
    if blank < 0 or value[:blank].casefold() not in PARTICLES:
        return None
    words = value.split(" ", 3)
    if len(words) < 2 or (
            not _PARTICLES_AFTER_TITLE.search(text[max(0, at - 16):at] + words[0] + " ")):
        return None
    offset = 0
    for word in words:
        if word.casefold() in PARTICLES:
            offset += len(word) + 1
            continue
        surname = _TOKEN.match(word)
        if surname is None or len(surname.group()) < 2:
            return None
        return at, at + offset + surname.end()
    return None


def _with_surname_before_title(text: str, start: int) -> int:
    """Where a name that follows `Surname, Title.` starts: at the surname, so the whole
    `Surname, Title. Given` is one span and no part of it stays in clear."""
    if ", " not in text[max(0, start - 12):start]:  # `, Mr. ` stands right before, if at all
        return start
    before = _SURNAME_TITLE_BEFORE.search(text, max(0, start - 40), start)
    return before.start() if before else start


#: A word of a found name is looked for again only if it is this long (not `Al`, `Jo`).
_MENTION_MIN = 3
_MENTION_STRIP = ".,;:!?'’\"()[]"
#: How far from a found mention the other mentions of a name are looked for.
_MENTION_REACH = 2_000


def _mentioned_again(text: str, found: list[Finding]) -> list[Finding]:
    """The other mentions of the people found: each word of a found name (`Borkowski`
    of `Maciej Borkowski`), spelt the same, as a whole word within `_MENTION_REACH`
    characters of a found mention (`… and starring Borkowski`, `Borkowski's`). A note
    names its people once in full and then in part, and a de-identifier that removes one
    mention must remove all; a long paste of many notes joins no one across them."""
    windows: dict[str, list[tuple[int, int]]] = {}
    for finding in found:
        low, high = max(0, finding.start - _MENTION_REACH), finding.end + _MENTION_REACH
        for word in text[finding.start:finding.end].split():
            word = word.strip(_MENTION_STRIP)
            if word.endswith(("'s", "’s")):
                word = word[:-2]
            key = word.casefold()
            if len(word) >= _MENTION_MIN and word[0].isalpha() and key not in COMMON_WORDS and (
                    key not in EPONYMS and key not in SOFTWARE_NAMES):
                windows.setdefault(word, []).append((low, high))
    if not windows:
        return []
    taken = sorted((f.start, f.end) for f in found)
    again: list[Finding] = []
    for word, spans in windows.items():
        for low, high in _merged(spans):
            at = text.find(word, low, high)
            while at >= 0:
                end = at + len(word)
                if not (text[at - 1:at].isalnum() or text[end:end + 1].isalnum()) and not (
                        overlaps_any(taken, at, end)):
                    again.append(Finding(at, end, "PERSON", "phi", CONFIRMED_SCORE, DETECTOR))
                at = text.find(word, end, high)
    return again


def _no_terms(text: str, found: list[Finding]) -> list[Finding]:
    """The mentions found again that stand where no term does (`Gross domestic product`
    after `see notes for: Gross` was doubted): a word is a name or a term by where it
    stands, each time it stands there."""
    return [f for f in found if not names_a_thing(text, f.start, f.end, again=True)]


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` joined where they overlap, in order."""
    if len(spans) == 1:  # most words of a name are found once
        return spans
    merged: list[tuple[int, int]] = []
    for low, high in sorted(spans):
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


#: Street words that are surnames somewhere but name a structure or land after a name
#: far more often (`Fremont Bridge`, `Hoover Dam`, `Bear Mountain`).
_STRUCTURES = frozenset({"bridge", "dam", "mall", "ferry", "camp", "pike", "room", "ter",
                         "mountain", "fall", "key", "knoll", "amble", "brae", "orchard",
                         "branch"})
_WORD_AFTER = regex.compile(r"[ ]+(\p{L}+)")


def _street_word_after(text: str, end: int, streets: frozenset[str]) -> bool:
    """Whether a street word follows `end` (`Lori Green Street`)."""
    after = _WORD_AFTER.match(text, end)
    return after is not None and after.group(1).casefold() in streets


# A house number before a street's name: `12 `, `12B `, `No. 4 `.
_NUMBER_BEFORE = regex.compile(r"\d[\p{L}]?,?[ ]+$")


#: How many words' run kinds a name recognizer keeps.
_WORD_KINDS_KEPT = 50_000
#: Deletes the ASCII lower-case letters: what is left says how much of a text is capitals.
_NO_LOWER = str.maketrans("", "", "abcdefghijklmnopqrstuvwxyz")


def _written_in_capitals(text: str) -> bool:
    """Whether a text is written in capitals (a shouted clinical note, a telex): nine in
    ten of its letters are. There a word's capitals say nothing about it being a name."""
    lower = len(text) - len(text.translate(_NO_LOWER))
    upper = sum(1 for c in text if "A" <= c <= "Z") if lower * 10 < len(text) else 0
    return upper > 9 * lower and upper >= 40


def _cued_in_capitals(text: str, start: int, end: int, kinds: dict[str, str]) -> bool:
    """Whether capitals in a text written in capitals are a name all the same: a title
    stands before them (`DR.`, `WIFE`), or no word of them is a common word (`PT WILL`,
    `PT MORE`) and a label that holds a name stands before them (`PATIENT:`), or an
    initial opens them, or a weak cue before two names (`CALLED ANA LIMA`), or a verb,
    an age or a credential after them (`ANA IS`, `JON DEVAUX RRT`), or they are listed
    names not all of which English uses as a verb, adjective or adverb (`ANA LIMA`,
    `NICK WARREN`, not `CLEAR AMBER`)."""
    words = _CAPS_RUN.findall(text, start, end)
    if not words:
        return False
    cue = _cue(text, start)
    if cue == 3 and _PT_BEFORE.search(text, max(0, start - 6), start):
        cue = 1  # `PT` in capitals is the patient or physical therapy: `PT MAE`, `PT PAN`
    if cue == 3:
        return True
    if any(kinds.get(word.casefold(), "").islower() for word in words):
        return False
    return (cue == 2 or cue == 1 and len(words) >= 2
            or text[start + 1:start + 2] == "." and _OPENS_INITIAL.match(text[start - 1:start])
            or _AFTER_STRONG.match(text, end) is not None
            or _CREDENTIAL_AFTER.match(text, end) is not None
            or "," in text[start:end] and all(kinds.get(w.casefold()) in ("G", "N") for w in words)
            and not _english_pair(words, kinds)  # `PA LINE, REASON`: two English words
            or len(words) >= 2 and all(kinds.get(w.casefold(), "").isupper() for w in words)
            and not all(w.casefold() in verbs_adjectives_adverbs() for w in words)
            and not _english_pair(words, kinds)
            or text[start:end] == words[0] and kinds.get(words[0].casefold()) in ("G", "N")
            and _AFTER_CUE.match(text, end) is not None)


def _english_word(word: str) -> bool:
    """Whether the model's lemma index knows `word` as an English word (any part of
    speech)."""
    nouns, others = nouns_and_other_words()
    key = word.casefold()
    return key in nouns or key in others


def _english_pair(words: list[str], kinds: dict[str, str]) -> bool:
    """Whether capitals listed as names are English words all the same: a function word
    among them (`PER ALINE`), or every one an English word and the last a verb or an
    adjective (`ART LINE`) or the first no given name (`HAND WARMER`). `HELEN MURPHY`
    and `NICK WARREN` are English nouns too, but a given name and a noun."""
    keys = [word.casefold() for word in words]
    if any(key in FUNCTION_WORDS for key in keys):
        return True
    nouns, others = nouns_and_other_words()
    return all(key in nouns or key in others for key in keys) and (
        keys[-1] in others or kinds.get(keys[0], "").upper() not in ("G", "N"))


#: An article or demonstrative right before a word: English names no person that way.
_ARTICLE_BEFORE = regex.compile(r"(?<![\p{L}\p{N}])(?:[Tt]he|[Tt]his|[Aa]n?)[ ]$")
#: How every `_ARTICLE_BEFORE` match ends.
_ARTICLE_ENDS = ("he ", "is ", "a ", "A ", "n ")


def _article_before(text: str, low: int, high: int) -> bool:
    """`_ARTICLE_BEFORE.search(text, low, high)`, tried only where text[low:high] ends as
    a match does (or does before a final line break, where `$` matches too): most words
    have none of those endings before them."""
    last = high - 1 if text[high - 1:high] == "\n" else high
    return text.endswith(_ARTICLE_ENDS, low, last) and (
        _ARTICLE_BEFORE.search(text, low, high) is not None)

def _unknown_word(word: str) -> bool:
    """What `NameRecognizer._unknown_name` reads of the word alone: not in capitals, no
    English word (inflected or not), place, software, eponym or note's abbreviation."""
    key = word.casefold()
    return not word.isupper() and not _wordlike(word) and not _english_word(word) and (
        not english_word(key)) and (  # `Questions answered`: a plural
        not is_place_name(word)) and (
        key not in SOFTWARE_NAMES and key not in EPONYMS and key not in FUNCTION_WORDS)


_UNKNOWN = "?"  # a word not in the per-word cache yet (cached kinds are str or None)
_CAPS_RUN = regex.compile(r"\p{Lu}{2,}")
_INITIAL_SURNAME = regex.compile(r"\p{Lu}\.[ ]?\p{Lu}{2,}(?:-\p{Lu}{2,})?(?![\p{L}\p{N}])")
#: What may stand before an initial that opens a name: not a letter, digit or
#: apostrophe (`60'S. NEO`, `I&O. POST` are a plural and an abbreviation).
_OPENS_INITIAL = regex.compile(r"[ \t\n(/-]?$")
#: `pt.` or `patient.` and then a word no list knows: a sentence ended (`Reassured pt.
#: Rested well`), where `Dr.` would be a title.
_PT_SENTENCE_END = regex.compile(r"\b(?i:pt|patient)\.[ \t]+$")
_PT_BEFORE = regex.compile(r"\bPT\.?[ \t]+$")
#: A clinician's credential after a name that signs a note: `, RN`, ` RRT`, `, MD`.
_CREDENTIAL_AFTER = regex.compile(
    r",?[ \t]*(?:RN|RRT|MD|NP|LPN|CRNA|MSW|LICSW|PHD|RPH|CNM|BSN|MSN|DNP)\b")


# Case toggled letter by letter (`rAcHeL`, `SmItH`), which no one writes but to hide a
# word: a lower-case letter then three alternating in case, in a word of ASCII letters.
# Found from its first capital (one character before the match: `re` skips to capitals,
# far fewer than small letters), the word's letters read to their end.
_TOGGLED = re.compile(r"[A-Z](?<=[a-z][A-Z])[a-z][A-Z][A-Za-z]*")
_LETTERS_BEFORE = re.compile(r"[A-Za-z]+\Z")
_ALTERNATING = re.compile(r"[a-z]?(?:[A-Z][a-z])*[A-Z]?")
_NEXT_WORD = re.compile(r"[ ]([A-Za-z]+)(?![\w'’-])")
_WORD_BEFORE = re.compile(r"(?<![\w'’-])([A-Za-z]+)[ ]$")


def _alternating(word: str, least: int) -> bool:
    """Whether `word` (at least `least` letters) changes case at every letter."""
    return len(word) >= least and _ALTERNATING.fullmatch(word) is not None


#: How every `_TOGGLED` match's first letters, and the letter before it, stand in the
#: text's shape (`shapes.text_shape`: `a` a small ASCII letter or `_`, `A` a capital).
_TOGGLED_SHAPE = b"aAaA"


def _toggled(text: str) -> Iterator[re.Match[str]]:
    """`_TOGGLED`'s matches as searches from each match's end find them, the pattern
    tried only where the text's shape holds `_TOGGLED_SHAPE` (found as `bytes.find`
    does): searched, it was tried at every capital."""
    shape = text_shape(text)
    at = shape.find(_TOGGLED_SHAPE)
    while at >= 0:
        match = _TOGGLED.match(text, at + 1)
        if match is None:
            at = shape.find(_TOGGLED_SHAPE, at + 1)
            continue
        yield match
        at = shape.find(_TOGGLED_SHAPE, match.end() - 1)  # (its look-behind reads back one)


def _untoggled(text: str) -> str:
    """`text` with its case-toggled words capitalised (`rAcHeL RoDrIgUeZ` as `Rachel
    Rodriguez`, and a shorter one beside such a word: `dAnIeL FoX`), every offset kept;
    `text` itself when it holds none."""
    spans: dict[int, int] = {}
    for match in _toggled(text):
        first, end = match.start() - 1, match.end()  # (the search went on from `end`)
        if text[end:end + 1] in _WORD_JOINS:
            continue  # a token's letters (`aBcD9`), most often
        head = _LETTERS_BEFORE.search(text, max(0, first - 40), first)
        start = head.start() if head is not None else first
        if text[start - 1:start] in _WORD_JOINS or not _alternating(text[start:end], 4):
            continue
        spans[start] = end
        after = _NEXT_WORD.match(text, end)
        if after is not None and _alternating(after.group(1), 3):
            spans[after.start(1)] = after.end(1)
        before = _WORD_BEFORE.search(text, max(0, start - 40), start)
        if before is not None and _alternating(before.group(1), 3):
            spans[before.start(1)] = before.end(1)
    if not spans:
        return text
    pieces, at = [], 0
    for start in sorted(spans):
        pieces += [text[at:start], text[start:spans[start]].capitalize()]
        at = spans[start]
    return "".join(pieces) + text[at:]


#: What continues a word past its ASCII letters (`rAcHeL2`, `x_aBcD`).
_WORD_JOINS = frozenset("0123456789_'’-") | frozenset(
    chr(c) for c in range(0xC0, 0x250))


#: In a slot things take too, a word of this many letters or fewer may be a note's
#: abbreviation written in title case (`Rue`, `Lue`: an extremity).
_ABBREVIATION_MOST = 3


class NameRecognizer(UsesNameLists):
    """PERSON spans; `confirm` is the optional NER check for doubtful pairs."""

    name = DETECTOR
    entities = ("PERSON",)
    hit_words = ANCHOR_WORDS  # the scan's label index finds them (`prose_anchors`)

    def __init__(self, lists: NameLists | None = None, confirm: Confirm | None = None) -> None:
        super().__init__(lists)
        self.confirm = confirm

    @property
    def _word_kinds(self) -> dict[str, str | None]:
        """Each word's run kind (`_run_kind`), worked out once: a text's capitalised words
        repeat within it and across texts. Kept in the running scanner's memo; bounded:
        cleared when it grows too large."""
        return memo_table(self)

    def load(self) -> None:
        """Build the name lists now rather than mid-scan. The NER model (spaCy and numpy
        with it: a third of a first scan, and of its memory) is loaded by the first
        doubtful name NER is asked about (`PersonNer.labels_many`): a notebook's code
        and most prompts never need it; `load_ner` loads it ahead (a server's warm-up).
        The cue patterns (`_cue_words`) are compiled when first asked: only a cue word no
        plain look-up settles needs one, one of sixteen, and most scans none."""
        _ = self.lists.kinds
        verbs_adjectives_adverbs()
        stop_words()

    def load_ner(self) -> None:
        """Load the NER model now (it is otherwise loaded when first asked); the
        server's warm-up (`server.app.warm_up_scanner`) calls it."""
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
        text = _untoggled(text)
        sure: list[Finding] = []
        doubtful: list[tuple[int, int]] = []
        kinds, streets = self.lists.kinds, _run_breaking_streets()
        capitals: bool | None = None  # whether the text is written in capitals, when asked
        known = self._word_kinds
        for at, value in _candidates(text):
            titled = _titled_particle_surname(text, at, value)
            if titled is not None:  # `Mrs. de la Cruz`: the title says whose particles
                sure.append(Finding(*titled, "PERSON", "phi", 0.85, DETECTOR))
                continue
            if known.get(value, "") is None and not (value[1:].islower() and kinds.get(
                    value.casefold(), "") in _SURNAME_KINDS):  # (`_maybe_surname`, inline)
                # A word known to end every run (only single words are kept): as
                # `_lone_word` would find, nothing, read here without a call (but
                # `_lone_word`'s surname in a strong slot, `according to Green`).
                continue
            if value[:3] in _WEEKDAY_HEADS and _WEEKDAY_MONTH_DAY.match(text, at):
                continue
            if _one_word(value):
                found = self._lone_word(text, at, value, kinds, streets, known)
            else:
                found = self._person_runs(text, at, _tokens(value), kinds, streets,
                                          known)
                if "," in value and _in_list_of_things(text, at, at + len(value)) and (
                        not any(in_organisation(text, a, b) for a, b, _ in found)):
                    # items of a list, each read alone; not a firm (`Lopez, Santos and Coleman`)
                    found = [hit for item in _COMMA.finditer(value) for hit in self._person_runs(
                        text, at + item.start(), _tokens(item.group()), kinds, streets,
                        known)]
            for start, end, score in found:
                cue = _cue(text, start)  # read once: the capitals branch below reuses it
                if cue < 2 and (in_documentation(text, start, end)
                                or names_a_thing(text, start, end)):
                    continue  # an author, a reference, an eponym, a term: no one in the text
                if text[start:end].isupper():
                    if capitals is None:
                        capitals = _written_in_capitals(text)
                    if capitals and not _cued_in_capitals(text, start, end, kinds):
                        # `URINE CLEAR AMBER`: capitals everywhere say nothing; a cue
                        # word read as a name may open the run (`SON LEONARD`)
                        rest = text.find(" ", start, end) + 1
                        initial = _INITIAL_SURNAME.match(text, rest) if rest else None
                        end = initial.end() if initial else end  # `PER B. KARGAS`
                        titled = rest and _TITLE.search(text[start:rest].split("-")[0] + " ")
                        if not rest or not (titled or _cued_in_capitals(text, rest, end, kinds)):
                            continue  # (`DAUGHTER-IN-LAW ANA`: a title opens the run)
                        start = rest
                    elif not capitals and " " not in text[start:end] and (
                            cue < 3 or _PT_SENTENCE_END.search(
                                text, max(0, start - 12), start)):
                        continue  # `MAE`, `patient. MAE`: in lower case, an abbreviation
                if score is None:
                    doubtful.append((start, end))
                else:
                    start = _with_surname_before_title(text, start)
                    sure.append(Finding(start, end, "PERSON", "phi", score, DETECTOR))
        self._prose(text, sure)
        if _has_non_latin(text):
            sure.extend(self._scripts(text))
        sure.extend(_no_terms(text, _mentioned_again(text, sure)))
        return without_brands(text, sure, doubtful, kinds, _after_name_cue)

    def _prose(self, text: str, sure: list[Finding]) -> None:
        """Names in conversational prose (`prose_names`): enumerated, addressed, or who
        does or undergoes what only people do. Python source is no conversation: its
        strings and comments keep the list and cue rules only."""
        if python_source(text) is not None:
            return
        lowered = lowered_of(text)
        hits = prose_anchors(text, lowered)  # the readers' words, found in one pass
        apposed, apposed_pairs = appositions(text, self.lists)  # one pass over the commas
        # Each enumerated name is one person: above the runs and pairs that join them.
        for score, spans in (
                (0.9, enumerated_names(text, self.lists, SOFTWARE_NAMES)),
                (0.75, addressed_names(text, self.lists, SOFTWARE_NAMES, hits, lowered)),
                (0.7, person_words(text, self.lists, SOFTWARE_NAMES, hits, lowered)),
                (0.7, social_names(text, self.lists, SOFTWARE_NAMES, hits, lowered)),
                (0.7, makers_of_works(text, lowered, self.lists, SOFTWARE_NAMES)),
                (0.75, office_names(text, self.lists, hits)),
                (0.7, coreferred_names(text, self.lists, SOFTWARE_NAMES)),
                (0.7, apposed),
                (0.8, apposed_pairs)):
            sure.extend(Finding(start, end, "PERSON", "phi", score, DETECTOR)
                        for start, end in spans if not in_documentation(text, start, end)
                        and not names_a_thing(text, start, end))
        # A party named where its part is said (`Olu Obasa ("the applicant")`) is no
        # byline, even after `by` (`lodged ... by a Turkish national, Olu Obasa`).
        sure.extend(Finding(start, end, "PERSON", "phi", 0.75, DETECTOR)
                    for start, end in case_names(text, lowered)
                    if not names_a_thing(text, start, end))
        # A note's people, after who they are (`dr healey`, `son bill`): the cue says so.
        # Scored as a title's unknown word, so a longer name found otherwise wins a tie.
        for start, end in note_names(text, lowered, self.lists, hits):
            if eponym_term(text, start, end):
                continue  # `Dr. Cox's method`
            overlapping = [f for f in sure if f.start < end and f.end > start]
            if all(start <= f.start and f.end <= end and (f.start, f.end) != (start, end)
                   for f in overlapping):  # none, or only shorter ones (`MR. EDWIN` + surname)
                sure.append(Finding(start, end, "PERSON", "phi", max(
                    (f.score for f in overlapping), default=0.75), DETECTOR))

    def confirmed(self, text: str, spans: list[tuple[int, int]]) -> list[Finding]:
        """The doubtful spans NER sees as persons (scored `CONFIRMED_SCORE`), asked in
        one batch when it can."""
        confirm = self.confirm
        if confirm is None or not spans:
            return []
        labels = getattr(confirm, "labels_many", None)
        if labels is not None:
            answers = [label == "PERSON" or bool(label) and self._named_in_prose(
                text, start, end) for (start, end), label in zip(
                spans, labels(text, spans), strict=True)]
        else:
            many = getattr(confirm, "confirm_many", None)
            answers = (many(text, spans) if many is not None
                       else [confirm(text, start, end) for start, end in spans])
        found = [Finding(start, end, "PERSON", "phi", CONFIRMED_SCORE, DETECTOR)
                 for (start, end), person in zip(spans, answers, strict=True) if person]
        return found + _no_terms(text, _mentioned_again(text, found))

    def _named_in_prose(self, text: str, start: int, end: int) -> bool:
        """Whether an entity NER found but called no person (the small model calls many
        a name it has never seen `ORG` or `GPE`) is one all the same: two or three words
        in a line of prose, no article before them (`the Iris Setosa`), no common or
        English-looking word among them, a given name first or a surname last."""
        words = [word.strip(".,") for word in text[start:end].split()]
        if not 2 <= len(words) <= 3 or _article_before(text, max(0, start - 5), start):
            return False
        kinds = self.lists.kinds
        if any(word.casefold() in COMMON_WORDS or _wordlike(word) for word in words):
            return False
        first, last = kinds.get(words[0].casefold(), ""), kinds.get(words[-1].casefold(), "")
        return (first in ("G", "N") or last in ("S", "N")) and prose_line(text, start, end)

    def _person_runs(self, text: str, base: int, tokens: list[tuple[int, int, str]],
                     kinds: dict[str, str], streets: frozenset[str],
                     known: dict[str, str | None] | None = None
                     ) -> list[tuple[int, int, float | None]]:
        """Split a run of capitalised words into the parts that are names; a score of
        None marks a doubtful span for NER to decide. `kinds` is `self.lists.kinds`,
        `streets` `_run_breaking_streets()`: looked up once per text, not per word."""
        found: list[tuple[int, int, float | None]] = []
        run: list[tuple[int, int, str, str]] = []
        for start, end, word in tokens:
            if len(word) == 1 or word.endswith(".") and len(word) == 2:  # J. Smith, Shane M Culp
                run.append((start, end, word, "i"))
                continue
            kind = self._run_kind(word, kinds, streets, known)
            if kind == "" and not run and _imperative(text, base + start, word):
                kind = None
            if kind is None and run and self._surname_after_given(text, base, run, word) and (
                    not _street_word_after(text, base + end, streets)):
                run.append((start, end, word, kinds[word.casefold()]))
                found += self._judge(text, base, run)  # `Lori Green Street`: the street's
                run = []
                continue
            if kind is None:
                if run:
                    found += self._judge(text, base, run)
                    run = []
                continue
            run.append((start, end, word, kind))
        if run:
            found += self._judge(text, base, run)
        return found

    def _surname_after_given(self, text: str, base: int, run: list[tuple[int, int, str, str]],
                             word: str) -> bool:
        """Whether a street word that is also a surname (`Green`, `Brooks`, `Park`,
        `Wells`) ends a name rather than a street: it follows given names only (the
        first a listed given name), as a street's name does not, no house number
        before them, and the words are no place a map knows (`Victoria Park`)."""
        key = word.casefold()
        if not word[1:].islower() or key in _STREET_WORDS or key in _STRUCTURES or (
                self.lists.kinds.get(key, "").upper() not in ("S", "N")):
            return False
        if run[0][3] not in ("G", "N") or any(kind not in ("G", "N", "i") for *_, kind in run):
            return False
        if is_place_name(run[0][2]):
            return False  # `Fremont Bridge`, `Victoria Park`: a town's name on a street
        start = base + run[0][0]
        if _NUMBER_BEFORE.search(text, max(0, start - 12), start):
            return False  # `12 Lori Green`: an address
        return not is_place_name(text[start:base + run[-1][1]] + " " + word)

    def _maybe_surname(self, word: str) -> bool:
        """Whether `word` may be read by `_surname_in_strong_slot`: capitalised and a
        name list's surname (a dictionary lookup, before any reading of the text)."""
        return word[1:].islower() and self.lists.kinds.get(word.casefold(), "") in _SURNAME_KINDS

    def _lone_word(self, text: str, base: int, word: str, kinds: dict[str, str],
                   streets: frozenset[str], known: dict[str, str | None] | None = None
                   ) -> tuple[tuple[int, int, float | None], ...]:
        """`_person_runs` of a candidate of one word (most are), or a listed surname
        alone in a strong slot (`_surname_in_strong_slot`) that no rule there takes."""
        found = self._lone_word_read(text, base, word, kinds, streets, known)
        if (not found or found[0][2] is None) and base and text[base - 1] == " " and (
                text[base - 2:base - 1].islower()):
            led = self._particle_surname_in_strong_slot(text, base, base + len(word), word)
            if led is not None:
                return ((led, base + len(word), 0.8),)
        if (not found or found[0][2] is None) and self._maybe_surname(word) and (
                self._run_kind(word, kinds, streets, known) not in _STRONG_KINDS) and (
                self._surname_in_strong_slot(text, base, base + len(word), word)):
            return ((base, base + len(word), 0.7),)  # (`_judge` reads the strong kinds)
        return found

    def _lone_word_read(self, text: str, base: int, word: str, kinds: dict[str, str],
                        streets: frozenset[str], known: dict[str, str | None] | None = None
                        ) -> tuple[tuple[int, int, float | None], ...]:
        """`_person_runs` of a candidate of one word: no words to read, and a word no
        list knows as a strong name is judged here, as `_judge` would."""
        if word.casefold() in PARTICLES or word.casefold() in KIN_WORDS or (
                _article_before(text, max(0, base - 8), base)):
            # `Son called`: a kin word alone says who, not which person
            return ()  # `the Law says`, `a Beta prior`: an article makes one word a thing
        kind = self._run_kind(word, kinds, streets, known)
        if kind is None or kind == "" and _imperative(text, base, word):
            return ()  # (as `_person_runs` reads it)
        start, end = base, base + len(word)
        if kind not in _STRONG_KINDS:  # only a title or name-part label makes it a name
            if _after_name_cue(text, start) and word.casefold() not in EPONYMS and not (
                    opens_bare_name_list(text, start, end)) and not (
                    _PT_SENTENCE_END.search(text, max(0, start - 12), start)) and (
                    word.casefold() not in FUNCTION_WORDS) and not (  # `HUSBAND WILL CALL`
                    cue_says_nothing(text, start, word, kind)):  # `wife. Reorients`
                return ((start, end, 0.75),)
            if kind and not word.isupper() and _aged(text, end, weak=True):
                return ((start, end, 0.7),)  # `Fisher, 54, was admitted`: a listed surname
            if not kind:
                if _unknown_word(word) and someone_by_verb(text, start, end) and (
                        self._unknown_name(text, start, end)):  # (the word first: 8 in 10 fail)
                    return ((start, end, 0.7),)  # `Okonjo replied`, `Ferencz (age 54)`
                in_slot = self._unlisted_in_slot(text, start, end, word)
                if in_slot:
                    return in_slot
            if not kind and self.confirm is not None and not _wordlike(word) and not (
                    word.endswith("ly")) and word.casefold() not in EPONYMS and not (
                    _english_word(word)) and (  # `Goal is to extubate`: a word, no list's name
                    # `Originally from Riyadh`: an adverb; `Crohn's disease`: an eponym
                    _AFTER_CUE.match(text, end) and sentence_about_someone(text, start, end)
                    or self._prose_doubt(text, start, end, [word], listed=False)):
                return ((start, end, None),)  # `Orsolya shouted`: NER decides, in prose
            return ()
        return self._judge(text, base, [(0, len(word), word, kind)])

    def _run_kind(self, word: str, kinds: dict[str, str], streets: frozenset[str],
                  known: dict[str, str | None] | None = None) -> str | None:
        """A word's name kind in a run of names, or None if the word ends the run.
        `known` is `_word_kinds` when the caller has it (looked up once per text)."""
        if known is None:
            known = self._word_kinds
        kind = known.get(word, _UNKNOWN)  # one lookup: another scan's thread may clear it
        if kind is not _UNKNOWN:
            return kind
        if len(known) >= _WORD_KINDS_KEPT:
            known.clear()
        kind = known[word] = self._word_run_kind(word, kinds, streets)
        return kind

    def _word_run_kind(self, word: str, kinds: dict[str, str], streets: frozenset[str]
                       ) -> str | None:
        key = word.casefold()
        kind = kinds.get(key) or ("" if "-" not in word else self._kind(word))
        # Common words and unknown words that read like English (-tion, -ment,
        # -ing ...) end a run of names.
        # So do capitals that are no known name (MRN, ICU, MA as a state code), and
        # street words (12 Beacon Street is an address).
        if key in _FUNCTION_WORDS:
            return None  # `The Law`, `A Wilson`: an article is no part of a name
        if key in KIN_WORDS and (word.isupper() or not kind):
            return None  # `SON CALLED`, `Husband Will`; not the surnames `Nguyen Van Son`
        if kind:
            ends = word.isupper() and len(word) <= 2 or key in streets
        else:
            ends = (word.isupper() or key in COMMON_WORDS or _wordlike(word)
                    or key in streets or _product_word(word, kinds))
            kind = "S" if not ends and surname_shaped(word) else kind  # `Wójcikowska`
        return None if ends else kind

    def _judge(self, text: str, base: int, run: list[tuple[int, int, str, str]]
               ) -> tuple[tuple[int, int, float | None], ...]:
        """The run's name span and score, if it is one (an empty tuple if not); a run of
        one listed surname no rule takes, or only NER would, is one in a strong slot
        (`_surname_in_strong_slot`)."""
        found = self._judge_run(text, base, run)
        if len(run) != 1 or found and found[0][2] is not None or run[0][3] == "i":
            return found
        start, end, word = base + run[0][0], base + run[0][1], run[0][2]
        if text[start - 1:start] == " " and text[start - 2:start - 1].islower():
            led = self._particle_surname_in_strong_slot(text, start, end, word)
            if led is not None:
                return ((led, end, 0.8),)  # (over a lower-case reading of `von` alone)
        if (run[0][3] == "S" or self._maybe_surname(word)) and (
                self._surname_in_strong_slot(text, start, end, word)):
            return ((start, end, 0.7),)
        return found

    def _judge_run(self, text: str, base: int, run: list[tuple[int, int, str, str]]
                   ) -> tuple[tuple[int, int, float | None], ...]:
        """`_judge` but for a lone surname in a strong slot."""
        # A trailing initial stays after a given name (`Jane E.`); others end the name.
        keep_initial = len(run) >= 2 and run[-1][3] == "i" and run[-2][3] in ("G", "N")
        while run and run[-1][3] == "i" and not (keep_initial and len(run) == 2):
            run = run[:-1]
        if not run:
            return ()
        start, end = base + run[0][0], base + run[-1][1]
        words = [w for _, _, w, k in run if k != "i"]
        kinds = [part[3] for part in run]
        strong = kinds.count("G") + kinds.count("S") + kinds.count("N")
        # an initial (J. Smith) counts as a weak name beside a strong one
        weak = kinds.count("g") + kinds.count("s") + kinds.count("n") + kinds.count("i")
        if strong >= 1 and strong + weak >= 2:
            return ((start, end, 0.85),)
        if len(words) == 1 and len(run) == 1 and kinds[0] in "SNsn" and not (
                words[0].isupper()) and _aged(text, end, weak=kinds[0].islower()):
            return ((start, end, 0.7),)  # `Fisher, 54, was admitted`, `Pinto (61) said`
        if len(words) == 1 and not strong:
            # A lone unknown word is a name only after a title or name-part label (no
            # branch below takes it otherwise), or, asked of NER, in a person's slot.
            if _after_name_cue(text, start) and words[0].casefold() not in EPONYMS and (
                    words[0].casefold() not in FUNCTION_WORDS) and not (  # `HUSBAND WILL CALL`
                    cue_says_nothing(text, start, words[0], kinds[0])):
                return ((start, end, 0.75),)
            return self._unlisted_in_slot(text, start, end, words[0])
        if len(words) == 1 and strong and (items := care_list_items(text, start, end)) and all(
                item.casefold() in self.lists.kinds for item in items):
            return ((start, end, 0.75),)  # `patients = ['Greta', 'Omar']`: each item
        cue = _cue(text, start)
        if cue and len(words) == 1 and opens_bare_name_list(text, start, end):
            cue = 0  # a label over a toy column of first names: `toy_lists`
        # After a title any surname; after a label (`name = "`, `Patient:`) a known name
        # or several words: `name = "Snobol"` names a thing.
        if (cue == 3 or cue == 2 and (strong or len(words) >= 2)) and not all(
                w.casefold() in EPONYMS for w in words):
            return ((start, end, 0.85 if strong else 0.75),)
        if len(words) >= 2 and _AFTER_STRONG.match(text, end) and not all(
                w.isupper() for w in words):
            return ((start, end, 0.75),)
        if len(words) == 1 and len(run) == 1 and not words[0].isupper() and self._plain_name(
                words[0], STRONG_SLOT):  # the word first: a slot costs more to read
            slot = person_slot(text, start, end)  # `heard from Okonkwo`, `Sigrun and I`
            if slot and self._plain_name(words[0], slot) and (slot == STRONG_SLOT or (
                    # Python's comments keep the slots only people take
                    (prose_line(text, start, end) or chat_line(text, start, end))
                    and python_source(text) is None)):
                return ((start, end, 0.7),)
        if len(words) == 1 and kinds[0] in ("G", "N") and _AFTER_CUE.match(text, end) and not (
                _CAPITAL_BEFORE.search(text, max(0, start - 30), start)):
            return ((start, end, 0.7),)  # a given name and nothing else, then `is`, `said`
        if len(words) == 1 and len(run) == 1 and kinds[0] in ("G", "N") and not (
                words[0].isupper()) and does_what_people_do(text, end) and not (
                self._named_thing(words[0])):
            return ((start, end, 0.7),)  # `Jack booked`, `Clinton and I`: a town's name too
        if (strong >= 1 and len(words) >= 2 and (cue == 1 or _AFTER_CUE.match(text, end))) or (
                len(words) == 1 and strong and self._comma_pair(text, start, end)):
            return ((start, end, 0.7),)
        if len(run) == 2 and kinds[0] in ("G", "N") and kinds[1] == "" and self._given_then_surname(
                text, start, end, words):
            return ((start, end, 0.7),)  # `signed for by Kezia Warouw`: no cue needed
        if self.confirm is not None and len(words) <= 4 and not followed_by_region(
                text, end) and not _place_and_region(text, base, run) and (
                strong and (len(words) >= 2 or cue == 1 or _AFTER_CUE.match(text, end))
                or len(words) >= 2 and (cue == 1 or _AFTER_CUE.match(text, end)
                                        or finite_verb_after(text, end))  # `… doubled`
        ) and not all(w.isupper() for w in words):
            # A known word beside unknown ones, or unknown words where a person would
            # stand: NER decides, on the words around it.
            return ((start, end, None),)
        if self.confirm is not None and (strong and words[0].casefold() not in (
                nouns_and_other_words()[1]) or len(words) >= 2) and len(words) <= 4 and (
                # alone, no English verb or adjective (`restarted Neo`, `Aline`); `Thomas`
                # and `Paul` are nouns too
                sentence_about_someone(text, start, end)) and not followed_by_region(
                text, end) and not _place_and_region(text, base, run) and not all(
                w.isupper() for w in words):
            return ((start, end, None),)  # in a sentence about someone: NER decides
        if self._prose_doubt(text, start, end, words, listed=bool(strong or weak)) and not (
                _place_and_region(text, base, run)):
            return ((start, end, None),)
        if self.confirm is not None and len(words) == 1 and kinds[0] in ("G", "N") and not (
                _opens_sentence(text, start)) and words[0].casefold() not in SOFTWARE_NAMES and (
                words[0].casefold() not in EPONYMS) and sentence_in_a_message(
                text, start, end) and prose_line(text, start, end):
            return ((start, end, None),)  # `you sound like James lol`: NER decides
        if len(words) == 1 and len(run) == 1 and kinds[0] in _LONE_KINDS and self._name_only(
                words[0]) and not _OF_A_NAMED_THING.search(text, max(0, start - 40), start) and (
                not _noun_after(text, end)) and (
                prose_line(text, start, end)) and python_source(text) is None:
            return ((start, end, 0.7),)  # `we still talk about Obianuju`: only a name
        return ()

    def _surname_in_strong_slot(self, text: str, start: int, end: int, word: str) -> bool:
        """Whether a listed surname alone, though English knows the word (`Turner`,
        `Brown`, `Pinto`) or an eponym (`Cohen`), is a person: capitalised in a line of
        prose (not opening its sentence), where only people stand (`ask Brown`,
        `according to Cohen`, `reviewed by Turner`; or shaped as its language's surnames
        are, `ask Daggeirsdóttir`), and no thing's name goes on after
        it (`Green Street`, `Cohen's kappa`, `Reviewer 2`); a place's name or an eponym
        only where places and laws do not stand too (`ask Castro`, `reviewed by Cohen`,
        not `according to Lisbon`, `according to Poisson`)."""
        key = word.casefold()
        if len(word) < 3 or not word[1:].islower() or self.lists.kinds.get(
                key, "") not in _SURNAME_KINDS and not surname_shaped(word) or (
                key in SOFTWARE_NAMES) or (
                key in FUNCTION_WORDS) or key in stop_words() or _opens_sentence(text, start) or (
                _article_before(text, max(0, start - 8), start)):
            return False  # `the Turner prize`
        after = _THING_AFTER.match(text, end)
        if after is not None and not possessive_of_person(text, start, end) or _noun_after(
                text, end):
            return False  # `Green Street`, `Cohen's kappa`, `Turner syndrome`
        if person_slot(text, start, end, pronouns=False) != STRONG_SLOT:
            return False
        if _WHAT_IT_IS_BEFORE.search(text, max(0, start - 20), start):
            return False
        if (key in EPONYMS or is_place_name(word) and key not in COMMON_WORDS) and (
                _PLACES_TOO_BEFORE.search(text, max(0, start - 16), start)):
            return False  # `according to Poisson`: a law; a place named by a common word
            # (`Green`) is no sure place
        return prose_line(text, start, end) and python_source(text) is None

    def _particle_surname_in_strong_slot(self, text: str, start: int, end: int, word: str
                                         ) -> int | None:
        """Where a surname led by its particles in lower case starts (`ask van de
        Pavert`, `reviewed by de Vries`), if it stands where only people do and its
        capitalised word is no English word, place, software or eponym, in a line of
        prose; None if not."""
        last = start - 1 if text[start - 1:start] == "\n" else start
        particles = _SURNAME_PARTICLES_BEFORE.search(text, max(0, start - 12), start) if (
            text.endswith(_SURNAME_PARTICLE_ENDS, max(0, start - 12), last)) else None
        if particles is None or len(word) < 3 or not word[1:].islower():
            return None
        key = word.casefold()
        # Two particles (`van der`) lead only surnames, English words too (`Berg`); one
        # (`de`) leads other languages' words as well. An English ending (`Vries`) is no
        # English word: the particle says which it is; a longer word with one
        # (`Tokenization`) is English still.
        english = " " not in particles.group().strip() and (
            _english_word(word) or english_word(key) or _wordlike(word) and len(word) > 6)
        if english or is_place_name(
                word) or key in SOFTWARE_NAMES or key in EPONYMS or _opens_sentence(
                text, particles.start()) or _THING_AFTER.match(text, end) and not (
                possessive_of_person(text, start, end)) or _noun_after(text, end):
            return None
        if person_slot(text, particles.start(), end, pronouns=False) != STRONG_SLOT or (
                _WHAT_IT_IS_BEFORE.search(text, max(0, particles.start() - 20),
                                          particles.start())):
            return None
        if not prose_line(text, start, end) or python_source(text) is not None:
            return None
        return particles.start()

    def _given_then_surname(self, text: str, start: int, end: int, words: list[str]) -> bool:
        """Whether a listed given name then a capitalised word no list holds are a
        person's given name and surname in any phrasing (`thanks to Desmond Achterberg`):
        the given name is no English word, place, software or eponym, the second word no
        English word nor shaped like one, the pair no place nor after an article, and it
        stands in a line of prose (not a heading, a table or code)."""
        given, surname = words
        key = given.casefold()
        if not given[1:].islower() or not surname[1:].islower() or len(surname) <= 2 or (
                self._named_thing(given) or english_word(key) or english_word(surname.casefold())
                or _wordlike(surname) or surname.casefold() in SOFTWARE_NAMES
                or surname.casefold() in EPONYMS or key in COMMON_WORDS):
            return False
        if is_place_name(given) or is_place_name(f"{given} {surname}") or (
                followed_by_region(text, end)) or _article_before(
                text, max(0, start - 8), start):  # `the Zofia Quillfeather edition`
            return False
        return prose_line(text, start, end) and python_source(text) is None

    def _name_only(self, word: str) -> bool:
        """Whether a listed name word is nothing else: no English word in any inflection,
        no English ending, no place, no software, eponym or function word, and longer
        than a note's abbreviation."""
        key = word.casefold()
        if len(word) <= _ABBREVIATION_MOST or not word.isalpha() or not word[1:].islower() or (
                self._named_thing(word) or key in stop_words()):
            return False
        nouns, others = nouns_and_other_words()
        return not (key in nouns or inflected_from(key, others) or inflected_from(key, nouns)
                    or _wordlike(word) or is_place_name(word))

    @staticmethod
    def _named_thing(word: str) -> bool:
        """Whether a given name alone names software, an eponym's method or is a note's
        function word (`Julia`, `Wilson`, `Per`)."""
        key = word.casefold()
        return key in SOFTWARE_NAMES or key in EPONYMS or key in FUNCTION_WORDS

    def _plain_name(self, word: str, slot: int) -> bool:
        """Whether a name list knows `word` as a given name or surname and English (but
        for a noun in a slot only people take) and the software names do not, nor
        (but in a slot only people take) the place names
        (`from Nakamura`) and a note's abbreviations (`Rue`, `Mae`: three letters or
        fewer): alone in a person's slot, a name."""
        key = word.casefold()
        kind = self.lists.kinds.get(key, "")
        if kind not in _STRONG_KINDS or key in SOFTWARE_NAMES or (
                key in FUNCTION_WORDS):  # `Per rounds, lungs improved`: a note's `per`
            return False
        nouns, others = nouns_and_other_words()
        # WordNet's nouns hold many people (`john`, `maria`, `castro`, `wagner`): a listed
        # name among them, and no verb or adjective too, is one in a slot only people
        # take (`ask Castro`, `Wagner said`); the name lists' common words (`Brown`,
        # `Green`) are not strong kinds at all
        noun = key in nouns and not (slot == STRONG_SLOT and not (
            is_place_name(word)))  # (`heard from Paris`)
        return not noun and not inflected_from(key, others) and not _wordlike(
            word) and (slot == STRONG_SLOT or len(word) > _ABBREVIATION_MOST and not (
                is_place_name(word)))

    @staticmethod
    def _unknown_name(text: str, start: int, end: int) -> bool:
        """Whether a word no list knows, where a person stands, reads as a name: no
        English word (inflected or not), place, software, eponym or note's
        abbreviation, not in capitals, in a
        line of prose outside Python source."""
        return _unknown_word(text[start:end]) and (
            prose_line(text, start, end) or chat_line(text, start, end)) and (
            python_source(text) is None)

    def _unlisted_in_slot(self, text: str, start: int, end: int, word: str
                          ) -> tuple[tuple[int, int, float | None], ...]:
        """A word no list knows where only a person stands (`remind Irenka`, `Bartosz
        and I`): NER decides, if the word is no English one and its line is prose."""
        if self.confirm is None or word.isupper() or _wordlike(word) or _english_word(
                word) or word.casefold() in SOFTWARE_NAMES or word.casefold() in EPONYMS:
            return ()
        # the line first: a table's or a record's (four in ten here) needs no slot read
        if prose_line(text, start, end) and person_slot(text, start, end) == STRONG_SLOT:
            return ((start, end, None),)
        return ()

    def _prose_doubt(self, text: str, start: int, end: int, words: list[str], listed: bool
                     ) -> bool:
        """Whether NER is asked about capitalised words in a line of prose that no rule
        above took: when a name list knows one of them (and they are not one word a
        sentence's start capitalised), or a person cue stands around them (`my
        colleague`, `'s birthday`, a pronoun). NER's answer then decides; which verb
        the sentence uses does not."""
        if self.confirm is None or len(words) > 4 or all(w.isupper() for w in words):
            return False
        if len(words) < 2 and _opens_sentence(text, start) or followed_by_region(text, end):
            return False
        # One word is a word as often as a name (`the Iris data`, `Simon's algorithm`,
        # `Crohn's disease` in a note about a patient): it takes a cue about that word.
        if len(words) < 2:
            cued = words[0].casefold() not in EPONYMS and person_cue(text, start, end,
                                                                     sentence=False)
        else:
            cued = listed or person_cue(text, start, end)
        return cued and prose_line(text, start, end)

    def _comma_pair(self, text: str, start: int, end: int) -> bool:
        """`Surname, Given` split across two candidates (SMITH, JOHN / Smith, John)."""
        before = text[max(0, start - 40):start]
        after = text[end:end + 40]
        nxt = _TOKEN.match(after.lstrip(", \t")) if after.startswith(",") else None
        prv = _WORD_AND_COMMA.search(before)
        if nxt and prv:
            return False  # `Olive, Basil, Pepper`: the middle of a list of three
        if nxt and _LIST_GOES_ON.match(text, end + len(after) - len(after.lstrip(", \t"))
                                       + nxt.end()):
            return False  # `Basil, Olive or Pepper`: a list goes on
        if prv and _LIST_BEFORE.search(text, max(0, start - 80), start - len(before) + prv.start()):
            return False  # `Olive, Basil, Pepper`: the end of a list of three
        other = nxt.group() if nxt else prv.group(1) if prv else None
        return bool(other and len(other) > 2 and self.lists.kind(other).isupper())

    # -- uncased scripts ---------------------------------------------------------------
    def _scripts(self, text: str) -> list[Finding]:
        stretches = _cjk_stretches(text)
        found = list(self._east_asian(text, stretches)) if stretches else []
        found.extend(self._uncased(text))
        return found

    def _east_asian(self, text: str, stretches: list[tuple[int, int]] | None = None
                    ) -> Iterator[Finding]:
        """Names in Han, kana or Hangul. Whether a run sits in Chinese, Japanese or Korean
        prose is read on its own line as well as in the whole text: a Korean code comment
        or a translated heading in an English notebook is prose, its words no names.
        `stretches` (`_cjk_stretches`, found when not given) are the only parts of `text`
        read: they hold every match and every letter of the three scripts, and a
        stretch's ends see what the whole text's do (no such letter beside them)."""
        if stretches is None:
            stretches = _cjk_stretches(text)
        han_share = None  # counted only when a Han run needs it
        japanese = korean = None  # whether the text is written in the language, if asked
        in_lines: dict[tuple[int, str], bool] = {}  # (line start, script) -> written in it

        def line_in(script: regex.Pattern[str], start: int) -> bool:
            first = text.rfind("\n", 0, start) + 1
            key = (first, script.pattern)
            if key not in in_lines:
                last = text.find("\n", start)
                line = text[first:last if last >= 0 else len(text)]
                in_lines[key] = _line_written_in(line, script)
            return in_lines[key]

        for match in (m for span in stretches for m in _HAN.finditer(text, *span)):
            value = match.group()
            compact = _NAME_GAP.sub("", value)
            if compact in _HONOURED_NOUNS:
                continue
            context = _script_context(text, match.start(), match.end())
            if context != 2 and han_share is None:
                han_share = sum(len(_HAN_CHAR.findall(text, *span)) for span in stretches) / max(
                    1, len(text))
                japanese = _written_in(text, _KANA_CHAR, stretches)
                han_share = 1.0 if japanese else han_share  # Japanese prose: labels only
            if context != 2 and han_share is not None and han_share < 0.3 and (
                    line_in(_HAN_CHAR, match.start()) or line_in(_KANA_CHAR, match.start())):
                continue  # a line of Chinese or Japanese in an English text
            surname = self.lists.kind(compact[:1]).upper() in {"S", "N"} or (
                self.lists.kind(compact[:2]).upper() in {"S", "N"})
            spaced = compact != value
            # In English text a short Han run is nearly always a name; in Chinese or
            # Japanese text only a label or a surname says so.
            if context == 2 or han_share < 0.3 and (context == 1 or 2 <= len(compact) <= 5 and (
                    surname or spaced)):
                yield Finding(match.start(), match.end(), "PERSON", "phi",
                              0.85 if context == 2 else 0.7, DETECTOR)
        for match in (m for span in stretches for m in _KANA_NAME.finditer(text, *span)):
            if japanese is None:
                japanese = _written_in(text, _KANA_CHAR, stretches)
            if not japanese or _script_context(text, match.start(), match.end()) == 2:
                yield Finding(match.start(), match.end(), "PERSON", "phi", 0.7, DETECTOR)
        for match in (m for span in stretches for m in _HANGUL.finditer(text, *span)):
            value = match.group()
            context = _script_context(text, match.start(), match.end())
            if context != 2 and korean is None:
                korean = _written_in(text, _HANGUL_CHAR, stretches)
            if context != 2 and (korean or line_in(_HANGUL_CHAR, match.start())):
                continue  # in Korean prose a short word is a word; only a label says name
            # Nearly every syllable opens some Korean surname: one says name only with a
            # cue, or before a given name the lists know (`김민준`, not `최적화`); a word
            # the name lists know does alone.
            listed = any(self.lists.kind(part) for part in value.split()) or len(
                value) >= 3 and self.lists.kind(value[:1]).upper() in {"S", "N"} and bool(
                self.lists.kind(value[1:]))
            if context == 2 or len(value) >= 2 and (context == 1 or listed):
                yield Finding(match.start(), match.end(), "PERSON", "phi",
                              0.85 if context == 2 else 0.7, DETECTOR)

    def _uncased(self, text: str) -> Iterator[Finding]:
        """Names in Arabic, Indic and the other scripts with no capitals."""
        runs = [run.span() for run in _maybe_uncased_runs(text)]
        uncased_prose = None  # whether the text is written in such a script, if asked
        for match in (m for run in runs for m in _UNCASED_RUN.finditer(text, *run)):
            words = match.group().split()
            known = sum(bool(self.lists.kind(w)) for w in words)
            context = _script_context(text, match.start(), match.end())
            if context != 2 and known:
                if uncased_prose is None:
                    uncased_prose = _written_in(text, _UNCASED_CHAR, runs)
                if uncased_prose:
                    continue  # in Bengali or Arabic prose a known word is a word
            if context or known >= 1 and len(words) <= 4:
                yield Finding(match.start(), match.end(), "PERSON", "phi",
                              0.85 if known >= 2 or context == 2 else 0.7, DETECTOR)
