"""People named by their office or rank before the surname: `President Okafor`,
`Senator Lindqvist`, `Professor Abernathy`, `Pope Severinus`, `Coach Dragić`.

The name recognizer takes any word after a courtesy title (`Dr.`, `Mrs`), but after an
office only a surname its lists hold: an office names as many things as people
(`General Electric`, `King County`, `Captain America`, `Justice Department`, `Major
League`, `Prince Edward Island`). Here the word after the office is read as a surname
when it could be nothing else: capitalised as names are, no English word or English
ending, no place, software or eponym, and no capitalised word of a thing after it
(`Mayor Okafor Park`). A listed given or surname is taken whatever English knows of it
(`Governor Bush`, `Senator Warren`), as the lists already say it names people.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

from .brands import brand_key, brand_phrases
from .english_words import nouns_and_other_words
from .geography import is_place_name
from .name_context import SOFTWARE_NAMES
from .name_lists import COMMON_WORDS, EPONYMS, NameLists, english_ending

#: Offices and ranks held by one person at a time, as written right before their surname
#: (`Vice President Okafor`, `Chief Justice Okafor`: the last word is read), in lower
#: case: the prose readers' anchor words (`prose_names.prose_anchors`), so the pattern is
#: tried only where one stands. `St`/`Saint` are left out: they name towns and streets as
#: often (`St Louis`).
OFFICE_WORDS = (
    "president", "president-elect", "senator", "sen", "governor", "gov", "mayor", "speaker",
    "chancellor", "minister", "premier", "ambassador", "justice", "judge", "magistrate",
    "bishop", "archbishop", "cardinal", "pope", "patriarch", "emperor", "empress", "tsar",
    "czar", "sultan", "emir", "pharaoh", "general", "gen", "colonel", "col", "lieutenant",
    "lt", "sergeant", "sgt", "corporal", "admiral", "commander", "marshal", "inspector",
    "detective", "det", "constable", "sheriff", "officer", "coach", "professor", "prof",
    "chairman", "chairwoman", "chairperson", "congressman", "congresswoman", "councillor",
    "councilor", "councilman", "councilwoman", "commissioner", "superintendent",
    "mademoiselle", "monsieur", "signor", "signora", "señor", "señora",
)
_OFFICE_SET = frozenset(OFFICE_WORDS)
#: Abbreviated offices, written with or without their stop (`Prof. Okafor`, `Sgt Okafor`).
_ABBREVIATED = frozenset({"sen", "gov", "gen", "col", "lt", "sgt", "det", "prof"})
#: A capitalised word as surnames are written, apostrophes and hyphens inside it
#: (`O'Rourke`, `Lloyd-Hughes`).
_SURNAME = r"\p{Lu}[\p{Ll}\p{M}]+(?:['’-]\p{Lu}?[\p{Ll}\p{M}]+)*"
_OFFICE_NAME = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}_.'’-])\p{{Lu}}[\p{{Ll}}-]+\.?[ ](?P<name>{_SURNAME}"
    rf"(?:[ ]{_SURNAME})?)(?![\p{{L}}\p{{N}}_@'’-]|\.[\p{{L}}\p{{N}}])")
#: An article or a possessive right before the office makes it a thing's name
#: (`the General Electric`, `a Captain Marvel film`), not the way one names a person.
_ARTICLE_BEFORE = regex.compile(r"(?i:\b(?:the|a|an|this|that|our|their|his|her|its))[ ]$")
#: A capitalised word right after the name goes on naming a thing (`Mayor Okafor Park`).
#: A regnal number (`Pope Damasus I`) goes on naming the person.
_CAPITAL_AFTER = regex.compile(r"[ ](?![IVX]+\b)\p{Lu}")
#: Name kinds of the lists that say a word names people (`NameLists.kinds`).
_NAME_KINDS = frozenset({"G", "S", "N"})
#: Shortest surname read after an office (`Mayor Ng` is left to the lists).
_SHORTEST = 3


def _surname(word: str, kinds: dict[str, str]) -> bool:
    """Whether `word`, after an office, is read as a person's surname or given name."""
    key = word.casefold()
    if len(word) < _SHORTEST or key in SOFTWARE_NAMES:
        return False
    if kinds.get(key, "") in _NAME_KINDS:
        return True  # (the upper-case kinds hold no common word: `NameLists.kinds`)
    nouns, others = nouns_and_other_words()
    return not (key in COMMON_WORDS or key in EPONYMS or key in nouns or key in others
                or english_ending(word) or is_place_name(word))


def office_holders(text: str, lists: NameLists, starts: Iterable[int]
                   ) -> Iterator[tuple[int, int]]:
    """Spans of the surnames (one or two words) written right after an office or rank
    (`Senator Okafor`, `President Ama Owusu`), the office left out. `starts`: where an
    `OFFICE_WORDS` word stands, a whole word and a capital soon after it."""
    kinds = lists.kinds
    for start in starts:
        match = _OFFICE_NAME.match(text, start)
        if match is None:
            continue
        office = text[start:match.start("name")].rstrip(" ")
        word = office.removesuffix(".").casefold()
        if word not in _OFFICE_SET or office.endswith(".") and word not in _ABBREVIATED:
            continue  # `General. Okafor`: a stop ends the sentence
        if _ARTICLE_BEFORE.search(text, max(0, start - 8), start):
            continue
        name_start, name_end = match.span("name")
        if _CAPITAL_AFTER.match(text, name_end):
            continue  # `Mayor Okafor Park`, `General Okafor Hospital`
        words = match.group("name").split(" ")
        if not all(_surname(word, kinds) for word in words):
            continue
        if len(words) == 2 and is_place_name(match.group("name")):
            continue
        if brand_key(text[start:name_end]) in brand_phrases():
            continue  # `General Mills`, `General Motors`: a firm's name, the office in it
        yield name_start, name_end
