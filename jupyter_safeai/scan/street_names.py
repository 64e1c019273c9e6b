"""Streets written name first, number last, as most of Europe writes them:
`ul. Lipowa 12`, `Calle del Prado 7`, `Kossuth Lajos utca 4.`, `Fjellveien 22`,
`Vesterbrogade 5`, `trg svobode 3`; the number may follow a comma or a number word
(`Rua Mota, 686`, `Jl. Merdeka No. 12`, `ул. Лесная, д. 5`, `Calle Salta N° 92`) and
hold a flat or a range (`Lipowa 60/30`, `Hauptstraße 2-4`, `Rua Mota, S/N`).

A street needs a street-type word: one written on its own before the name (a prefix:
`ul.`, `Calle`, `Rua`, `trg`) or after it (a suffix: `utca`, `út`, `vej`), or one that
ends a compound name (`-veien`, `-straße`, `-gatan`). The words come from Faker's
address providers of each country (the maintained lists its street generators use)
plus a few forms they lack; the number must follow the street, as in `Name 12`.

Below them, addresses of countries whose unit words lead or end each part (Vietnam,
Azerbaijan), lead a street after its number and a comma (Malaysia's `Jalan`), or end an
address with a state and postcode that vouch for a street word of English (Australia);
each is read only when its letters or cue are in the text.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from functools import lru_cache

import regex

from .english_words import inflected_from, lemma_index_words, nouns_and_other_words, stop_words
from .finding import Finding
from .geography import is_town_name
from .memo import per_scan
from .recognizer import trie
from .regional_addresses import leads_a_place, streets_without_number

#: How far before its number a street's words are read (characters).
_REACH = 60

#: Faker locales whose street words are Latin, Greek or Cyrillic and written apart
#: from or at the end of the street's name.
_LOCALES = ("cs_CZ", "da_DK", "de_AT", "de_CH", "de_DE", "el_GR", "es_AR", "es_CL",
            "es_CO", "es_ES", "es_MX", "fi_FI", "fr_CA", "fr_CH", "fr_FR", "hr_HR", "hu_HU",
            "id_ID", "it_IT", "nl_BE", "nl_NL", "no_NO", "pl_PL", "pt_BR", "pt_PT", "ro_RO",
            "ru_RU", "sk_SK", "sv_SE", "uk_UA", "mk_MK", "az_AZ")
_ATTRIBUTES = ("street_prefixes", "street_suffixes", "street_prefixes_long",
               "street_prefixes_short", "street_suffixes_long", "street_suffixes_short")
#: Lists that hold no street-type words: Finnish and Swedish name stems, Spanish
#: directions and letters written after the number.
_NOT_WORDS = {("fi_FI", "street_prefixes"), ("sv_SE", "street_prefixes"),
              ("es_AR", "street_suffixes"), ("es_CL", "street_suffixes"),
              ("es_CO", "street_suffixes")}
#: Forms the providers lack: Hungarian possessive and abbreviation, gate and square
#: words of the Balkans and the Baltics, Spanish `C/`, Nordic forms without the article.
_MORE_WORDS = ("útja", "u.", "kapu", "rkp.", "körtér", "trg", "ulica", "cesta", "pot",
               "põik", "tänav", "tee", "puiestee", "iela", "gatvė", "c/", "rúa",
               "vei", "veg", "gade", "vej", "sti", "allé", "plads", "torg",
               "strada", "str.", "bd.", "markt", "platz", "náměstí", "pl.")
#: Words of the providers that are common words of English or abbreviate too much
#: (`et al. 2019`, `c. 1900`, `put 3`, `Amazon Route 53`).
_TOO_COMMON = frozenset({"a.", "c.", "g.", "r.", "p.", "pr.", "os.", "al.", "put", "pot",
                         "pad", "tie", "lei", "lia", "moen", "roa", "gang", "vale", "campo",
                         "lago", "ring", "hof", "rang", "feira", "setor", "route"})
#: Endings of compound names (`Skogveien`, `Bahnhofstraße`, `Storgatan`), as long as
#: each is not a common end of other words.
_MORE_ENDINGS = ("straße", "strasse", "str.", "gasse", "platz", "allee", "damm", "weg",
                 "laan", "gracht", "straat", "steeg", "dreef", "singel", "gatan", "vägen",
                 "stigen", "gränd", "torget", "gata", "gate", "gaten", "veien", "vegen",
                 "vei", "veg", "stien", "vej", "gade", "stræde", "tie", "katu", "kuja",
                 "polku", "tanava", "utca", "útja", "bulevardi", "boulevard")
#: Endings of compound names that end many other words too (`Christophring` but `spring`,
#: `Svendsenåsen`, `Ludohof`): a street only when a postcode and a town follow its
#: number (`christophring 20, 10077 teterow`), as Dutch, German and Nordic streets are
#: written.
_TOWN_ENDINGS = ("ring", "hof", "pad", "baan", "åsen", "lia", "roa", "røa", "moen", "vika",
                 "ekra", "myra")
#: Provider endings this short or shorter end too many ordinary words (`-lia`, `-roa`).
_SHORT_ENDINGS = 4
#: Words that end a street's name going backwards: function words of prose.
_STOP = frozenset("""
a an and are as at be been by can could did do does for from had has have he her his i
in into is it its me must my near no not of off on or our she so than that the their
them then there these they this those to up was we were what when where which who will
with would you your enter entered go went take took turn turned left right along past
via refers title called named street st road avenue number page figure table chapter
step steps version python epoch epochs section line lines item items part parts
""".split())
#: Candidates: a word, a blank, a house number (`12`, `12a`, `12.` but not `1.5`).
#: It starts at the blank (a literal, which `re` searches for at C speed) and looks back
#: only when a number follows (most blanks fail that first, half the time of the pass).
_CANDIDATE = re.compile(r"[ ](?=\d|S/N)(?:(?<=[^\W\d_/][ ])|(?<=[^\W\d_][.,°º][ ]))"
                        r"(\d{1,5}[A-Za-z]?(?:[/-]\d{1,4}[A-Za-z]?)?|S/N)\.?"
                        r"(?![\w-]|[.,]\d|[%:/])")
#: A flat or a range (`14/3`, `5-7`) has a house number of up to three digits, and `S/N`
#: (no number) follows a comma: `4730-180` is a postcode.
_FLAT_OR_RANGE = re.compile(r"\d{1,3}[A-Za-z]?[/-]")
#: After a comma a number of four or more digits before a capitalised word is a postcode
#: and its town (`rue des Lilas, 69003 Lyon`), not a house number (`Rua Mota, 686`).
_POSTCODE_AFTER_COMMA = re.compile(r"\d{4,}[ ][^\W\d_]")
#: Words for `number` between a street's name and its number (`No. 12`, `N° 92`, `д. 5`).
_NUMBER_WORDS = frozenset({"no.", "no", "nº", "n°", "n.", "nr.", "nr", "núm.", "д.", "буд."})
_WORD = re.compile(r"[^\W\d_][\w'’./-]*$")
#: Two letters after four digits that are a word of English, not a Dutch postcode's
#: letters (`smithton 9363 on monday`).
TWO_LETTER_WORDS = ("at", "an", "as", "be", "he", "we", "me", "am", "pm", "on", "in", "of",
                    "to", "or", "it", "is", "if", "up", "us", "do", "go", "so", "no", "by",
                    "my", "hi", "oh", "ok", "id")
#: A postcode and a town right after a street's number (`, 2084 ostermundigen`, `, 123 74
#: tišnov`, `, 00-950 warszawa`, `, 4003mb, spui`): the rest of an address, which makes a
#: street in one case a street without a cue before it.
_POSTCODE_AND_TOWN = re.compile(
    r",?[ ](?:\d{4}(?:[ ](?!(?i:" + "|".join(TWO_LETTER_WORDS) + r")(?![\w-]))|)[A-Za-z]{2}"
    r"(?![\w-])|\d{4,5}|\d{3}[ ]\d{2}|\d{2}-\d{3})"
    r"(?:,?[ ])([^\W\d_][\w'’-]+)")  # (a Dutch code's letters first: `2179 ti, jonkerslân`)
#: Or a town (and a region) and then a postcode (`, madrid, 01301`, `, los vilos, región
#: de coquimbo, 1139300`), as Spain and Chile write them.
_TOWN_AND_POSTCODE = re.compile(
    r",[ ]([^\W\d_][\w'’-]+)(?:[ ][^\W\d_][\w'’-]*){0,3}"
    r"(?:,[ ][^\W\d_][\w'’-]*(?:[ ][^\W\d_][\w'’-]*){0,3})?,[ ]\d{4,7}(?![\w-])")


_ASCII_DIGIT = re.compile(r"[0-9]")


def has_a_digit(text: str) -> bool:
    """`any(c.isdigit() for c in text)`, read by `re` first (four times as fast): only a
    text without an ASCII digit is read a character at a time, for the other digits."""
    return _ASCII_DIGIT.search(text) is not None or not text.isascii() and any(
        c.isdigit() for c in text)


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[frozenset[str], tuple[str, ...]]:
    """(street-type words written apart, endings of compound street names), case-folded."""
    words: set[str] = {w.casefold() for w in _MORE_WORDS}
    for locale in _LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.address.{locale}").Provider
        except ImportError:  # pragma: no cover - an older Faker without the locale
            continue
        for attribute in _ATTRIBUTES:
            if (locale, attribute) in _NOT_WORDS:
                continue
            for word in vars(provider).get(attribute, ()):  # the locale's own list only
                word = word.strip().casefold()
                if len(word) > 1 and " " not in word and "{" not in word and (
                        word != "street") and word not in _TOO_COMMON:
                    words.add(word)
    endings = {e.casefold() for e in _MORE_ENDINGS}
    no = importlib.import_module("faker.providers.address.no_NO").Provider
    endings.update(s.casefold() for s in no.street_suffixes if len(s) > _SHORT_ENDINGS)
    return frozenset(words), tuple(sorted(endings, key=len, reverse=True))


@lru_cache(maxsize=1)
def _ending_tails() -> tuple[int, frozenset[str]]:
    """How many last characters `_street_words_among` compares first (two, or fewer if an
    ending is shorter), and those characters of every ending of compound names."""
    endings = _vocabulary()[1]
    size = min((2, *map(len, endings)))
    return size, frozenset(ending[-size:] for ending in endings if size)


def _street_word_among(folded: list[str]) -> bool:
    """Whether one of these case-folded words is a street word or ends like a compound
    street name: a word whose last characters end no ending is not compared with each
    (two set look-ups a word, most words fail both)."""
    words, endings = _vocabulary()
    size, tails = _ending_tails()
    if not size:
        return any(word in words or word.endswith(endings) for word in folded)
    return any(word in words or word[-size:] in tails and word.endswith(endings)
               for word in folded)


def _is_name_word(word: str) -> bool:
    return bool(_WORD.match(word)) and word.casefold().rstrip(".") not in _STOP


@per_scan(maxsize=8)  # the place and the address recognizer read the same text
def named_streets(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of name-first streets with their house number."""
    if not has_a_digit(text) and ", S/N" not in text:
        return ()
    words, endings = _vocabulary()
    found: list[tuple[int, int]] = []
    for candidate in _CANDIDATE.finditer(text):
        at = candidate.start()
        comma = text[at - 1] == ","
        number = candidate.group(1)
        lower_case = False
        if comma or not number.isalnum():
            # after a comma or with a flat or range (`Rua Mota, 686`, `Lipowa 14/3`): the
            # word before is capitalised (`pages 3-4`, `a, 12` in data are read no further)
            # unless a street word starts the street (`address: calle mayor, 12`)
            word = text.rfind(" ", 0, at - 1) + 1
            lower_case = not text[word:at].lstrip(_OPENING)[:1].isupper()
            if comma and _POSTCODE_AFTER_COMMA.match(text, at + 1) or (
                    not number.isalnum() and not (
                        _FLAT_OR_RANGE.match(number) or comma and number == "S/N")):
                continue
        window = text[max(0, at - _REACH):at].casefold()
        town_after: bool | None = None
        if not _street_word_among(window.replace(",", " ").rsplit(None, 7)[-7:]) and not (
                _AN_OPENER.search(window) and _street_word_among(
                    window.translate(_TO_BLANK).rsplit(None, 7)[-7:])) and (
                comma or not window.rstrip().endswith(_TOWN_ENDINGS) or not (
                    town_after := _town_after(text, candidate.end())
                    or _vouched_compound(text, at))):
            # no street word among the words before the number (`(calle 3`), nor a word
            # ending like a compound street with a postcode and a town after the number
            # or a cue before it
            continue
        if town_after is None:
            town_after = _town_after(text, candidate.end())
        start = _street_start(text, at, words, endings, town_after)
        if lower_case and not town_after and start is not None and (
                _first_word(text, start, at) not in words):
            continue
        if start is not None and (town_after or not (
                any(c in candidate.group(1) for c in "-/") and not _cased(text[start:at]))):
            # a range or a flat (`5-7`, `14/3`) needs a capitalised name, not only a cue:
            # `CV: AV paced 71-73` is a heart rate
            found.append((start, candidate.end(1)))
    for start, end in _number_first_compounds(text):
        if not any(low < end and start < high for low, high in found):
            found.append((start, end))
    return tuple(found)


#: Plural nouns that are verbs too and count things after a number more often than they
#: tell what a street's resident does (`to Malmö 2 times`; `from Hřbitovní 3 calls every
#: day`, `who lives at Jesenná 5 works nights` are verbs: the street stays).
_COUNTED_VERB_NOUNS = frozenset({"times", "sites", "tickets", "rows", "samples", "trials",
                                 "rounds", "steps", "files", "records", "copies", "doses",
                                 "points", "items", "seats", "units", "tubes", "servers",
                                 "countries", "states"})
#: A lower-case word right after a street's last word or number.
_WORD_AFTER = re.compile(r"[ ]+([a-z]{4,})\b")


def counted_after(text: str, end: int) -> bool:
    """Whether what ends at `end` is counted by the English plural noun right after it
    (`from Zürich 2 cohorts`, `to Malmö 2 times`, `to 26 Schengen countries`, `2 Colgate
    tubes`): a number that counts things, no house number of a street."""
    after = _WORD_AFTER.match(text, end)
    if after is None:
        return False
    word = after.group(1)
    if not word.endswith("s") or word in stop_words():
        return False
    nouns, others = nouns_and_other_words()
    return inflected_from(word, nouns) and (
        word in _COUNTED_VERB_NOUNS or not inflected_from(word, others))


_HOUSE_NUMBER_BEFORE = re.compile(r"(?<![\w.,/#:-])\d{1,4}[A-Za-z]?[ ]$")


@lru_cache(maxsize=1)
def _digit_blank_compound() -> re.Pattern[str]:
    """A digit, a blank and one word that ends like a compound street (`12 Storgata`,
    `7 Skogveien`), the word its group: the endings are tried by the regex engine, so
    the number before is read only where one is there."""
    endings = trie(_vocabulary()[1])
    # (from the blank, a literal the engine skips to, not from every digit)
    return re.compile(rf"[ ](?<=\d[ ])(?=([^\W\d_][\w'’-]*?(?:{endings}))(?![\w'’-]))",
                      re.IGNORECASE)


def _number_first_compounds(text: str) -> Iterator[tuple[int, int]]:
    """`12 Storgata, 0155 Oslo`, `send it to 7 Skogveien`: a house number before one
    compound street name (an ending of `_vocabulary`, after at least three letters), as
    Norway, Denmark and Germany's English-speaking writers put it, when a postcode and a
    town follow or (capitalised) a cue stands before it; not an English word (`5 Brigade`,
    `3 Delegates`), not one in capitals."""
    endings = _vocabulary()[1]
    for blank in _digit_blank_compound().finditer(text):
        word = blank.group(1)
        folded = word.casefold()
        if word.isupper():
            continue
        ending = next((e for e in endings if folded.endswith(e)), None)
        if ending is None or len(folded) - len(ending) < 3 or not folded[-1].isalpha() or (
                folded in lemma_index_words()):
            continue
        number = _HOUSE_NUMBER_BEFORE.search(text, max(0, blank.start() - 6), blank.end())
        end = blank.end() + len(word)
        if number is not None and (_town_after(text, end) or word[:1].isupper() and _cued(
                text, number.start()) and not counted_after(text, end)):
            yield number.start(), end


def _town_after(text: str, end: int) -> bool:
    """Whether a postcode and a town follow a street's number ending at `end`; the town
    is no English word unless GeoNames knows it (`weg 3, 1024 samples` is none)."""
    tail = _POSTCODE_AND_TOWN.match(text, end) or _TOWN_AND_POSTCODE.match(text, end)
    if tail is None:
        return False

    town = tail.group(1)
    english = lemma_index_words()
    folded = town.casefold()
    return not (folded in english or folded.removesuffix("s") in english
                or folded.removesuffix("es") in english) or is_town_name(town)


def _vouched_compound(text: str, at: int) -> bool:
    """Whether the word before a house number at `at` is a capitalised compound with an
    ending of `_TOWN_ENDINGS` after a name English lacks, joined by a hyphen (`James-Otto-
    Ring 6`) or after a preposition of place or a label (`seen at Dylanobaan 40`): a
    street without a postcode after it (not `Keypad 3`, `Offspring 2`, `String 4`)."""
    word_start = text.rfind(" ", 0, at) + 1
    word = text[word_start:at]
    folded = word.casefold()
    ending = next((e for e in _TOWN_ENDINGS if folded.endswith(e)), None)
    if ending is None or not word[:1].isupper() or word.isupper():
        return False
    stem = folded[:-len(ending)]
    hyphened = stem.endswith("-")
    stem = stem.rstrip("-").rsplit("-", 1)[-1]
    english = lemma_index_words()
    if len(stem) < 3 or not stem.isalpha() or stem in english or folded in english:
        return False
    return hyphened or _cued(text, word_start)


def _first_word(text: str, start: int, end: int) -> str:
    """The street's first word, case-folded, without a comma after it."""
    return text[start:end].split(" ", 1)[0].rstrip(",").casefold()


def _street_start(text: str, end: int, words: frozenset[str], endings: tuple[str, ...],
                  town_after: bool = False) -> int | None:
    """Where the street whose name ends at `end` starts; None if no street ends there.
    `town_after`: a postcode and a town follow the number, which count as a cue."""
    line_start = text.rfind("\n", max(0, end - _REACH), end) + 1
    window = max(line_start, end - _REACH)
    tokens = text[window:end].split(" ")
    if window > line_start:
        tokens = tokens[1:]  # the first piece may be cut
    spans: list[tuple[int, str]] = []  # (start, word), nearest the number first
    position = end
    for token in reversed(tokens[-7:]):
        position -= len(token)
        opened = token.lstrip(_OPENING)
        if opened != token:
            # `("Rua Mota, 686`, `(Klotzallee 5-2`: a bracket, quote or bullet starts the
            # street; nothing before it is part of its name
            if opened:
                spans.append((position + len(token) - len(opened), opened))
            break
        spans.append((position, token))
        position -= 1
    if spans and spans[0][1].casefold() in _NUMBER_WORDS:
        spans = spans[1:]  # `Jl. Merdeka No. 12`: the name ends before `No.`
    if spans and spans[0][1].endswith(","):  # `Rua Mota, 686`
        spans[0] = (spans[0][0], spans[0][1][:-1])
    if not spans or not spans[0][1]:
        return None
    last_position, last = spans[0]
    folded = last.casefold()
    if folded in words:
        # `Kossuth utca 4`, `hegyalja út 98`: a suffix word right before the number.
        start = _name_start(spans, last_position, capitalised=False, needed=1)
        if start is not None and (town_after or _cued(text, start) or _cased(
                text[start:end]) and (
                not last.endswith(".") or _named_before(text[start:last_position]))):
            return start  # a street in one case (`matrix diagonal 3`?) needs its cue
    ending = next((e for e in endings if folded.endswith(e)), None)
    if ending is None and town_after:
        ending = next((e for e in _TOWN_ENDINGS if folded.endswith(e)), None)
    if (ending is not None and len(folded) - len(ending) >= 2 and _WORD.match(last)
            and not last.isupper()  # `HELLERINGEN 4321`: a town in capitals and its code
            and (last[:1].isupper() or town_after or _cued(text, last_position)
                 or len(spans) > 1 and _cased(spans[1][1]) and _is_name_word(spans[1][1]))):
        # `Haagan pappilankatu 3`: a lower-case compound after a capitalised name
        # `Skogveien 12`, `Bahnhofstr. 3`: one compound word, maybe a capitalised one
        # before it (`Brucker Bundesstrasse 31`).
        return _name_start(spans, last_position, capitalised=True, needed=0)
    # `ul. Lipowa 12`, `Calle del Prado 7`: a prefix word, then one to four name words.
    if not _is_name_word(last):
        return None
    for index in range(1, min(len(spans), 7)):
        position, token = spans[index]
        if token.casefold() in words:
            name = [t for _, t in spans[:index]]
            if token in ("via", "VIA") and not town_after or not all(
                    _is_name_word(t) or t in _PARTICLES for t in name):
                return None  # `via` and `VIA` lead English (`VIA FOLEY 50`) unless a
                # postcode and a town follow (`via Garibaldi 12, 10122 Torino`)
            if not (town_after or _cased(" ".join((token, *name))) or _cued(text, position)):
                return None
            return position
        if not (_is_name_word(token) or token in _PARTICLES) or token[-1] in ",;:":
            return None
    return None


def _named_before(words: str) -> bool:
    """Whether `words` before an abbreviated street word (`Széchenyi pl. 3`, `Kossuth u.
    4`) name a street: one is capitalised and no English word (`see Pl. 12` is a plate
    of a book, `Visit u. 4` no street)."""
    return any(word[:1].isupper() and not word.isupper()
               and word.casefold() not in lemma_index_words() for word in words.split())


def _cased(words: str) -> bool:
    """Whether one of `words` is capitalised (`Lipowa`), as a street's name is; a word
    all in capitals says nothing (`AV paced 70`, `CL. SAT 98` in a note typed in
    capitals)."""
    return any(word[:1].isupper() and not word.isupper() for word in words.split())


#: What may open a street's first word: brackets, quotes, a bullet (`(Rua Mota, 686)`).
_OPENING = "([{\"'“‘«„*•"

#: Commas and openers read as blanks where the words before a number are looked up.
_TO_BLANK = str.maketrans(dict.fromkeys(",([{\"'“‘«„*•", " "))
_AN_OPENER = re.compile("[([{\"'“‘«„*•]")

_PARTICLES = frozenset({"de", "del", "do", "da", "di", "la", "le", "e", "y", "dos", "das"})


_NUMBER_BEFORE = re.compile(r"(?<![\w.,-])\d{1,6}[ ]$")


def _cued(text: str, position: int) -> bool:
    """A lower-case street counts after a building number (`74678 skogveien 12`) or
    where an address may start (`leads_a_place`): a line's start, a bullet or list
    number, a table's bar, a bracket or quote, a label's colon, a preposition of place
    (`at`, `to`, `from`, `on`)."""
    before = text[max(0, position - 12):position]
    if _NUMBER_BEFORE.search(before):
        return True
    if before.rstrip().endswith((":", " at", " to", " on", " from")):
        return True
    if not text[position:position + 1].islower() or not leads_a_place(text, position):
        return False  # (`Compare Pl. 7` starts a sentence)
    # where a line starts, the street's first word is none of English (`see calle 3`)
    first = text[position:position + 40].split(" ", 1)[0].rstrip(".,")
    return first not in lemma_index_words()


def _name_start(spans: list[tuple[int, str]], fallback: int, *, capitalised: bool,
                needed: int) -> int | None:
    """The start of up to three name words before the street word `spans[0]`; None if
    fewer than `needed` are there."""
    start = fallback
    taken = 0
    for position, token in spans[1:4]:
        if (not _is_name_word(token) or token[-1] in ",;:" or (taken and token[-1] == ".")
                or (capitalised and not token[:1].isupper())):
            break
        start = position
        taken += 1
    return start if taken >= needed else None


#: A comma, a postcode and a town's first word (`, 1757 sainte`, `, 87-277 wejherowo`):
#: where `streets_before_a_postcode` looks back for a street without a number.
_POSTCODE_TOWN_AFTER_COMMA = re.compile(
    r",[ ](?:\d{4,5}|\d{3}[ ]\d{2}|\d{2}-\d{3}|\d{4}-\d{3})[ ][^\W\d_]")
#: How many words before the comma a street word may stand (itself and its name).
_WORDS_BEFORE_POSTCODE = 5


def streets_before_a_postcode(text: str) -> Iterator[tuple[int, int]]:
    """Spans of streets without a house number led by a street word (`rue cornut`,
    `avenue Marcel Martin`, `chemin de humbert`, `bulevardul nemeș`), when a comma, a
    postcode and a town follow (`, 1757 sainte peitrequin`), the town no English word
    unless GeoNames knows it (`avenue of growth, 2024 plans` is none): France,
    Switzerland, Romania and Italy write a street so when it has no number."""
    if ", " not in text:
        return
    words = _vocabulary()[0]
    for comma in _POSTCODE_TOWN_AFTER_COMMA.finditer(text):
        at = comma.start()
        if not _town_after(text, at):
            continue
        line_start = text.rfind("\n", max(0, at - _REACH), at) + 1
        window_start = max(line_start, at - _REACH)
        tokens = text[window_start:at].split(" ")
        if window_start > line_start:
            tokens = tokens[1:]  # the first piece may be cut
        tokens = tokens[-_WORDS_BEFORE_POSTCODE:]
        for index, token in enumerate(tokens[:-1]):
            opened = token.lstrip(_OPENING)
            name = tokens[index + 1:]
            if opened.casefold() not in words or not all(
                    _is_name_word(word) or word in _PARTICLES for word in name) or not any(
                    word not in _PARTICLES for word in name):
                continue
            if opened.casefold() == "via" and opened[0] == "v" and not name[0][:1].isupper():
                break  # (`sent via email, 2048 bytes`: `via` leads English)
            yield at - len(" ".join((opened, *name))), at
            break


# Vietnam writes an address small to large with a word before each part: a number (`Số 8/45`,
# `9/89/332`), a lane (`Ngõ 29`, `Khóm 34`), a street (`Đường Lê Lợi`, `phố Kinh Dương
# Vương`), a ward or commune (`Phường An Nhơn`, `xã Tân An`), a city or province (`Thành
# phố Huế`, `TP. Cần Thơ`, `tỉnh Hà Tĩnh`) and a postcode. The words are Faker vi_VN's
# prefixes; each part's name is one to five syllables, capitalised or (in a text typed in
# lower case) after its house number. A chain needs two parts, one of them a street or
# larger, so a lone `phố` in prose is none.
_VI_LANE = r"(?:Ngõ|Hẻm|Khóm|Khu|Tổ|ngõ|hẻm|khóm|khu|tổ)[ ]\d{1,4}"
_VI_UNITS = (r"(?:Thành[ ]phố|thành[ ]phố|TP\.|Phường|phường|Xã|xã|Tỉnh|tỉnh|Quận|quận"
             r"|Huyện|huyện|Đường|đường|Phố|phố)")
_VI_CAPITAL = r"(?:\p{Lu}[\p{Ll}\p{M}]*)"
#: A lower-case syllable, not an English function word after the address.
_VI_LOWER = (r"(?:(?!(?:with|near|is|in|on|and|the|for|to|at|of|from|by|or)(?![\p{L}]))"
             r"[\p{Ll}\p{M}]+)")


def _vietnamese_pattern(name: str, *, numbered: bool) -> str:
    """One address chain whose names are `name` syllables; `numbered`: it starts with
    its house number (a text in lower case, where `phố` and `đường` are prose too)."""
    names = rf"(?:số[ ]\d{{1,3}}|\d{{1,3}}|{name}(?:[ ]{name}){{0,4}})(?![\p{{L}}\d])"
    part = rf"{_VI_UNITS}[ ]{names}"
    number = r"(?:[Ss]ố[ ])?\d{1,4}(?:/\d{1,4}){0,2}"
    # a street without its word (`Số 8/45 Điện Biên Phủ xã ...`) only after its number
    first = (rf"(?:{number}[ ](?:{_VI_LANE}[ ])?(?:{part}|{name}(?:[ ]{name}){{0,4}}"
             rf"(?=,?[ ]{_VI_UNITS}[ ]))"
             + (")" if numbered else rf"|(?:{_VI_LANE}[ ])?{part})"))
    return (rf"(?<![\p{{L}}\d]){first}(?:,?[ ]{part})+"
            rf"(?:,[ ]{_VI_CAPITAL}(?:[ ]{_VI_CAPITAL}){{0,3}}(?![\p{{L}}]))?"
            r"(?:,?[ ]\d{5,6}(?!\d))?")


_VIETNAMESE_ADDRESS = regex.compile(
    f"{_vietnamese_pattern(_VI_CAPITAL, numbered=False)}"
    f"|{_vietnamese_pattern(_VI_LOWER, numbered=True)}")
#: Letters of the words above that only Vietnamese writes (`Đường`, `Phố`, `Tỉnh`, `Quận`,
#: `Huyện`), and `Xã`'s end: one `in` each is six times as fast as one `re` search.
_VIETNAMESE_LETTERS = ("ư", "ố", "ỉ", "ậ", "ệ", "ã ")


def vietnamese_addresses(text: str) -> Iterator[tuple[int, int]]:
    """Spans of Vietnamese addresses (`Số 9 đường Ngô Quyền, thành phố Hồ Chí Minh`)."""
    if text.isascii() or not any(letter in text for letter in _VIETNAMESE_LETTERS):
        return
    for match in _VIETNAMESE_ADDRESS.finditer(text):
        yield match.start(), match.end()


# Azerbaijan writes each part of an address name first, its kind after it, large to small:
# `Lənkəran rayonu, Keşdiməz k., Z.Xəlil küçəsi, b. 4, m. 12` (district, village or
# settlement, street, building, flat). The kinds are Faker az_AZ's suffixes. A chain needs
# two parts or a part and its building, and an `ə` in the text (every Azerbaijani text
# has one), so `sales pr., 2` in English is none.
_AZ_KINDS = (r"(?:şəhəri|ş\.|küçəsi|küç\.|prospekti|pr\.|kəndi|k\.|rayonu|ray\.|qəsəbəsi"
             r"|qəs\.)")
#: A name word, not an English function word before the address (`lives at Gəncə ş.`).
_AZ_NAME = (r"(?!(?:with|at|to|in|on|and|the|of|from|by|or|near|is)[ ])"
            r"[\p{L}\p{M}\d][\p{L}\p{M}\d.'’-]*")
_AZ_PART = rf"{_AZ_NAME}(?:[ ]{_AZ_NAME}){{0,2}}[ ]{_AZ_KINDS}(?![\p{{L}}])"
_AZERBAIJANI_ADDRESS = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}\d.]){_AZ_PART}(?P<more>(?:,[ ]{_AZ_PART})*)"
    r"(?P<building>,[ ]b\.[ ]\d{1,4}(?:,[ ]m\.[ ]\d{1,4})?)?")


def azerbaijani_addresses(text: str) -> Iterator[tuple[int, int]]:
    """Spans of Azerbaijani addresses (`Gəncə şəhəri, Nizami küç., b. 3, m. 8`)."""
    if text.isascii() or "ə" not in text and "Ə" not in text:
        return
    for match in _AZERBAIJANI_ADDRESS.finditer(text):
        if match.group("more") or match.group("building"):
            yield match.start(), match.end()


# Malaysia writes the house number first and a comma, then a street led by Faker en_MS's
# prefixes, its name in words or numbers (`No. 12, Jalan Ampang`, `Lot 7, Jln 8/38`,
# `F-38-34, Lorong Sultan Azlan Shah`), then estate, postcode and town, and state after
# commas. The name is capitalised, or in lower case after a prefix in lower case, and no
# English function word (`see 1, jalan and 2` is none).
_MS_FUNCTION_WORDS = r"(?!(?:with|near|is|in|on|and|the|for|to|at|of|from|by|or)\b)"


def _malaysian_pattern(word: str, prefixes: str) -> str:
    token = rf"(?:\d{{1,3}}(?:/\d{{1,3}})?[A-Za-z]?|{word})"
    return (r"(?<![\w.-])(?:(?:No\.|Lot|no\.|lot)[ ])?(?:[A-Za-z]-?)?\d{1,3}[A-Za-z]?"
            rf"(?:-\d{{1,3}}){{0,2}},[ ]{prefixes}[ ]{token}(?:[ ]{token}){{0,4}}"
            rf"(?:,[ ](?:\d{{5}}[ ])?{token}(?:[ ]{token}){{0,3}}){{0,3}}")


_MALAYSIAN_STREET = re.compile(
    _malaysian_pattern(r"[A-Z][\w'.]*", "(?:Jalan|Jln|Lorong|JALAN|JLN|LORONG)") + "|"
    + _malaysian_pattern(_MS_FUNCTION_WORDS + r"[a-z][\w']*", "(?:jalan|jln|lorong)"))
#: `, Jalan ` and its kin, or an Australian state and postcode (`, SA, 5000`): one `re`
#: scan for the literal `, ` finds the cues of this reader and the next.
_COMMA_CUE = re.compile(r", (?:(?:[Jj](?:alan|ln)|[Ll]orong|JALAN|JLN|LORONG) "
                        r"|(?:NSW|VIC|QLD|SA|WA|TAS|ACT|NT|nsw|vic|qld|sa|wa|tas|act|nt), "
                        r"\d{4}(?!\d))")


def malaysian_streets(text: str) -> Iterator[tuple[int, int]]:
    """Spans of Malaysian addresses from their house number (`No. 5, Jalan 4/5, ...`)."""
    if _COMMA_CUE.search(text) is None:
        return
    from .places import counted

    for match in _MALAYSIAN_STREET.finditer(text):
        if not counted(text, match.start()):  # `Table 3, Jln ...`
            yield match.start(), match.end()


# Australia ends an address with its town, state and postcode (`Gibson Arcade, Johnberg,
# ACT, 0917`); such a tail makes a number-first street of any of Faker en_AU's and en_NZ's
# street words, many of them words of English too (`Link`, `Point`, `Range`, `Dip`), which
# count nowhere else; a flat may come before the number (`30/94 Jason Link`).
_AU_TAIL = re.compile(r", (?:(?P<upper>NSW|VIC|QLD|SA|WA|TAS|ACT|NT)|nsw|vic|qld|sa|wa|tas"
                      r"|act|nt), \d{4}(?!\d)")


@lru_cache(maxsize=1)
def _australian_street_capitalised() -> re.Pattern[str]:
    return _australian_street_pattern(lower=False)


@lru_cache(maxsize=1)
def _australian_street_lower() -> re.Pattern[str]:
    return _australian_street_pattern(lower=True)


def _australian_street(lower: bool = False) -> re.Pattern[str]:
    """The street and town before an Australian tail, capitalised or (`lower`: `63 joseph
    roads, whitneytown, qld, 2656`) all in lower case (each pattern made once)."""
    return _australian_street_lower() if lower else _australian_street_capitalised()


def _australian_street_pattern(lower: bool) -> re.Pattern[str]:
    from faker.providers.address.en_AU import Provider as Australia
    from faker.providers.address.en_NZ import Provider as NewZealand

    words = sorted({*Australia.street_suffixes, *NewZealand.street_suffixes},
                   key=len, reverse=True)
    if lower:
        words = [word.lower() for word in words]
    word = r"[a-z][\w'’-]*" if lower else r"[A-Z][\w'’-]*"
    return re.compile(r"(?<![\w/.-])(?:\d{1,4}/)?\d{1,5}[A-Za-z]?[ ]"
                      rf"(?:{word}[ ]){{1,3}}(?:{'|'.join(map(re.escape, words))})"
                      rf"(?:,[ ]|\n)(?:{word}[ ]){{0,2}}{word}$")


def australian_streets(text: str) -> Iterator[tuple[int, int]]:
    """Spans of Australian addresses (`490/2 Gibson Arcade, Johnberg, ACT, 0917`)."""
    if _COMMA_CUE.search(text) is None:
        return
    for tail in _AU_TAIL.finditer(text):
        window = max(0, tail.start() - 100)
        street = _australian_street(tail.group("upper") is None).search(
            text, window, tail.start())
        if street is not None:
            yield street.start(), tail.end()


class NamedStreetRecognizer:
    """Name-first streets (`Kossuth Lajos utca 4.`, `ul. Lipowa 12`, `Skogveien 22`)."""

    name = "pattern:named_street"
    entities = ("STREET_ADDRESS",)

    def load(self) -> None:
        """Read the street words once, before the first scan's clock starts."""
        _vocabulary()

    def find(self, text: str) -> Iterator[Finding]:
        for start, end in named_streets(text):
            yield Finding(start, end, "STREET_ADDRESS", "phi", 0.9, self.name)
        for start, end in vietnamese_addresses(text):
            yield Finding(start, end, "STREET_ADDRESS", "phi", 0.9, self.name)
        for start, end in azerbaijani_addresses(text):
            yield Finding(start, end, "STREET_ADDRESS", "phi", 0.9, self.name)
        for start, end in streets_without_number(text):  # `Strada Eftimie`, `Rua Tupi`
            yield Finding(start, end, "STREET_ADDRESS", "phi", 0.9, self.name)
        if _COMMA_CUE.search(text) is None:
            return
        for start, end in (*malaysian_streets(text), *australian_streets(text)):
            yield Finding(start, end, "STREET_ADDRESS", "phi", 0.9, self.name)
