"""Whole postal addresses: the street line and the unit, city, state, country and postcode
that follow it, on the same line or the next few.

`places` finds a street (`12 Beacon Street`); an address as people write it goes on:
`Apt. 595 / LAPPEENRANTA / SK / 53650`, `, Grubbenvorst, Netherlands 04020`. Left in
clear, the city and postcode of a redacted street still locate the person. Streets in
the international form `<building> <street name> <number>` (`28245 Puruntie 82`,
`772 ul. Narewska 94`) and military / PO-box forms (`PSC 0413, Box 8144`, `Unit 7194
Box 5854`, `APO AA 42323`) count when an address cue comes before them (`lives at`,
`address:`, `send it to`) or when the lines after them read as the rest of an address.
A postcode that ends the address is reported as a ZIP_CODE of its own beside the rest.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from functools import lru_cache

import regex

from .english_words import lemma_index_words
from .finding import Finding
from .geography import is_town_name
from .name_context import SOFTWARE_NAMES
from .places import (
    _CAPITAL,
    _DIGIT,
    _LETTER,
    COUNTRIES,
    DIRECTION_AFTER,
    US_STATES,
    _number_starts,
    colombian_streets,
    international_starts,
    number_first_streets,
    street_suffix_pattern,
    street_suffixes,
)
from .recognizer import finds_as_regex_does, literal_starts, matches_at, trie
from .regional_addresses import (
    blocks_and_lots,
    brazilian_addresses,
    lower_case_number_first_streets,
    lower_case_streets_before_a_town,
    place_lead,
    south_asian_streets,
)
from .scan_view import lowered_of
from .street_names import (
    TWO_LETTER_WORDS,
    counted_after,
    has_a_digit,
    named_streets,
    streets_before_a_postcode,
)

_LETTERS = r"\p{L}[\p{L}\p{M}'’.-]+"
#: `22 November 2001`: a day, its month and year are a date, not a street.
_NOT_A_MONTH = (r"(?!(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[\p{L}.]*[ ]"
                r"\d{4}(?!\d))")
# `28245 Puruntie 82`, `772 ul. Narewska 94`, `010 63 Avenue du Golf Arabe`, `1610 ul.
# Zakrzowska 92`: a building number, one to five words (a street name in any language,
# maybe with a small word inside, starting with a capital or a street word), a house
# number.
_INTERNATIONAL_STREET = regex.compile(
    rf"(?<![\w.,-])\d{{1,6}}[A-Za-z]?(?:[ ]\d{{1,4}})?[ ]{_NOT_A_MONTH}"
    rf"(?:\p{{Lu}}[\p{{L}}\p{{M}}'’.-]+|(?:ul|rue|via|calle|rua|av)\.?(?=[ ]))"
    rf"(?:[ ]{_LETTERS}){{0,4}}[ ]\d{{1,5}}[A-Za-z]?\.?(?![\w-]|/\d)"
)
#: A run of non-blank characters: a word with its punctuation (compiled once; a module
#: level `regex.finditer` looks its pattern up in `regex`'s cache on every call).
_NON_BLANK = regex.compile(r"\S+")
#: Words of prose, which no street name in `_INTERNATIONAL_STREET` holds.
_PROSE_WORDS = frozenset("""
and or to is are was of with the a an in on at by for from than then instead between
that this these those it its
only say days times units features iterations components vectors flips upvotes required
really means included exclude excluded epoch epochs dimension axis array size
yo yr yrs year years old
today tomorrow tonight yesterday morning evening afternoon asap please soon next last near
""".split())
# Military and box addresses: `PSC 0413, Box 8144`, `Unit 7194 Box 5854`, `USS Lorenzen`,
# then `APO AA 42323` / `FPO AE 25990`.
#: One of these (lower-cased) is in every match of `_BOX_STREET`: checked first.
_BOX_WORDS = ("box", "uss ", "usns ", "usnv ", "uscgc ")
_BOX_STREET = regex.compile(
    r"(?<![\w-])(?:(?:PSC|Unit|CMR)[ ]\d{3,5},?[ ]Box[ ]\d{3,5}|"
    r"(?:USS|USNS|USNV|USCGC)[ ]\p{Lu}\p{L}+|"
    r"P\.?[ ]?O\.?[ ]Box[ ]\d{1,6}|Postbox[ ]\d{1,6})"
    r"(?=(?:,[ ]?|[ ]|\n[ \t>]*)(?:[AFD]PO[ ][A-Z]{2}|Suite|Apt|Unit|\p{Lu}))",
    regex.IGNORECASE,
)
# Post-office boxes as other languages name them: `Postfach 12 34`, `Postbus 2041`,
# `Postboks 301`, `Boîte postale 18`, `Apartado postal 231`, `Apartado de correos 9`,
# `Casilla de correo 902`, `Caixa Postal 1120`, `Casella postale 55`, `Skrytka pocztowa
# 44`, `Postilokero 12`, `Postafiók 15`: no other thing is called so, and the number
# follows the words (`BP 45`, `Apartado 3` are left out: a blood pressure, a section of
# a law).
#: One of these (lower-cased) is in every match of `_POST_BOX` (`post` in `postale`,
#: `correo` in `apartado de correos`): found first with `str.find`.
_POST_BOX_WORDS = ("post", "correo", "skrytka")
_POST_BOX = re.compile(
    r"(?<![\w-])(?:postfach|postbus|postboks|postbox|post[ ]office[ ]box|postilokero|"
    r"postafiók|boîte[ ]postale|boite[ ]postale|apartado[ ](?:postal|de[ ]correos?)|"
    r"casilla[ ](?:postal|de[ ]correos?)|caixa[ ]postal|casella[ ]postale|"
    r"skrytka[ ]pocztowa)"
    r"(?:[ ]?(?:no\.|nr\.?|n°|nº|№))?[ ]?\d{1,6}(?:[ ]\d{2,4})?(?![\w-]|[.,]\d)",
    re.IGNORECASE)
#: How `post` goes on in `_POST_BOX` (not `post-op`, `posterior`, `postgres`).
_POST_WORDS = ("postf", "postb", "post office", "postil", "postaf", "postal")
#: How far before the word `_post_boxes` finds a post box's name starts (`apartado de `).
_POST_BOX_LEAD = 13


def _labelled_buildings(text: str) -> list[tuple[int, int]]:
    """The spans of `_LABELLED_BUILDING`, searched for only around its literals."""
    found: set[tuple[int, int]] = set()
    for label in _BUILDING_LABELS:
        at = text.find(label)
        while at >= 0:
            match = _LABELLED_BUILDING.search(text, max(0, at - _BUILDING_LABEL_LEAD), at + 16)
            if match is not None:
                found.add(match.span())
            at = text.find(label, at + 1)
    return sorted(found)


def _post_boxes(text: str, lowered: str) -> set[tuple[int, int]]:
    """The spans of `_POST_BOX`, searched for only around the words every match holds."""
    found: set[tuple[int, int]] = set()
    for word in _POST_BOX_WORDS:
        at = lowered.find(word)
        while at >= 0:
            if word != "post" or lowered.startswith(_POST_WORDS, at):
                match = _POST_BOX.search(text, max(0, at - _POST_BOX_LEAD), at + 40)
                if match is not None:
                    found.add(match.span())
            at = lowered.find(word, at + 1)
    return found


# `the corner of 3744 Retreat Avenue and Władysława Route`
# The first street may hold dots (`Kossuth u. 4.`, `Botley Road St.`).
_CORNER = regex.compile(
    r"(?<![\w-])(?:the[ ])?corner[ ]of[ ](?:ul\.[ ])?[\p{Lu}\d](?:[^\n.,;?!]|\.(?=[ ]))"
    r"{2,50}?[ ]and[ ]"
    r"(?:ul\.[ ])?[\p{Lu}\d][\p{L}\d'’-]*(?:[ ][\p{Lu}\d][\p{L}\d'’.-]*){0,4}",
    regex.IGNORECASE)
# A name-first street with its number after a cue: `on Villacher Strasse 89`.
_NAME_FIRST_STREET = regex.compile(
    r"(?<![\w-])\p{Lu}[\p{L}\p{M}'’.-]+(?:[ ][\p{L}\p{M}'’.-]+){0,3}[ ]"
    r"\d{1,5}[a-z]?(?:/\d{1,4}[a-z]?)?\.?(?![\w-]|[.,/]\d)")  # `Hct 29.1` is a measure
#: A postcode that, right after an uncued `Name 12` street and before a town, makes it
#: an address (`Benákova 20, 201 66 Hrádek`); not a year (`Figure 2, 2019 Results`).
_TAIL_POSTCODE = regex.compile(
    r"\d{5}|\d{3}[ ]\d{2}|\d{2}-\d{3}|\d{4}-\d{3}|\d{4}[ ]?[A-Z]{2}|\d{6}"
    r"|(?!1[89]\d\d|20\d\d)\d{4}|[A-Z]{1,2}-\d{4,5}")
# `Flat 60 / Paula Court`, `Studio 9, Evans Gateway`, `H.No. 308 / Mann Street`, `19/48,
# Chauhan Street`: a flat or house number on its own, then a street without its number.
_FLAT_BEFORE_STREET = re.compile(
    r"(?<![\w./-])(?:(?:Flat|Studio|Apartment|Apt\.?|Suite|H\.[ ]?No\.?)[ ]?\d{1,5}[A-Za-z]?"
    r"|\d{1,4}/\d{1,4})(?:,[ ]?|[ ]*\n[ \t>]*)(?=[A-Z])")
# `House No. 4, AnwarNagar Para, SubarnaGram, Manikganj, 2470`, `H.No. 663, Madan Nagar,
# Jaipur-269910`, `Lot 37, Jln Baru 1/9, ...`: a building's number after its label, as
# South and Southeast Asia write it first (Faker's en_BD building names, en_IN's `H.No.`,
# en_MS's building prefixes), then a comma and the rest of the address.
_LABELLED_BUILDING = re.compile(
    r"(?<![\w.-])(?:(?:House|Building|Holding|Plot|H\.)[ ]?No\.|Lot"
    r"|(?P<lower>house|building|holding)[ ]no\.)[ ]?"
    r"\d{1,5}[A-Za-z]?(?:-\d{1,3}){0,2}(?=,[ ])")
#: The literals one of which every `_LABELLED_BUILDING` holds, and how far before one
#: its match may start (`Building `).
_BUILDING_LABELS = ("No.", "Lot", "no.")
_BUILDING_LABEL_LEAD = 10
#: A house's own label (not a plot's or a lot's): `House No. 4, AnwarGan Ghat` is an
#: address with one part after it.
_HOUSE_LABELS = ("house", "building", "holding", "h.")
# `Flat 52, `, `studio 4, `, `Apartment 6, ` before a labelled building: its flat.
_FLAT_BEFORE_BUILDING = re.compile(
    r"(?<![\w.-])(?:Flat|Studio|Apartment|Apt\.?|Suite|flat|studio|apartment|apt\.?|suite)"
    r"[ ]\d{1,5}[A-Za-z]?,[ ]$")
#: A year, which ends a reference (`Vol. 12, Lot 3, Springer, Berlin, 2019`), no address.
_YEAR = regex.compile(r"1[89]\d\d|20\d\d")
#: Where `_TAIL_POSTCODE` may follow a street: a comma or a line's end, then its digits.
_TAIL_POSTCODE_AFTER = re.compile(r"(?:,[ ]?|[ \t]*\n[ \t>]*)\d{2}")
# Where one can start, read by `re` in looser classes (places.py): a capital not after an
# ASCII word character or `-`, then words up to the house number's first digit (a run of
# letters never gives one back: a blank or a digit follows it). `regex` reads on only from
# these starts.
_NAME_FIRST_START = re.compile(
    rf"{_CAPITAL}(?<![A-Za-z0-9_-].)(?={_LETTER}++(?:[ ]{_LETTER}++){{0,3}}[ ]{_DIGIT})")
_CUE = regex.compile(
    r"(?:address(?:es)?(?:[ ]is)?|addr|adres[ae]?|adresse|anschrift|direcci[oó]n|indirizzo|"
    r"endere[cç]o|osoite|domicilio|lives?[ ]at|living[ ]at|resides?[ ]at|located[ ]at|"
    r"office[ ]is[ ]at|meet[ ](?:me|you)[ ]at|ship(?:ped)?[ ]to|deliver(?:ed)?[ ]to|"
    r"mail(?:ed)?[ ]to|send[ ](?:\p{L}+[ ]){0,4}to|taxi[ ]to|drops?[ ]you[ ]off[ ]at|"
    r"billing|shipping|residence|here[ ]they[ ]are|moved[ ]to|it[ ]is|return[ ]to|"
    r"meet(?:[ ]\p{L}+){0,2}[ ]at|(?:station|office|house|shop|store|stop)[ ]is[ ](?:on|at))"
    r"\W{0,4}(?:\p{L}+\W{1,3})?$",
    regex.IGNORECASE,
)
#: `_CUE` read from the end of the text before a street, where every match ends: one
#: attempt, not one at every character (`_cued` asks only whether there is a match).
_CUE_BACKWARDS = regex.compile(_CUE.pattern, regex.IGNORECASE | regex.REVERSE)
#: What every `_CUE` match holds (lower-cased), one of its words per branch: the text
#: before a street is searched (each search some 10 µs) only when one is there.
_CUE_WORDS = ("addr", "adres", "anschrift", "direcci", "indirizzo", "endere", "osoite",
              "domicilio", "live at", "lives at", "living at", "reside", "located at",
              "office is at", "meet", "ship to", "shipped to", "shipping", "deliver to",
              "delivered to", "mail to", "mailed to", "send ", "taxi to", "you off at",
              "billing", "here they are", "moved to", "it is", "return to", " is on",
              " is at")
#: Any of `_CUE_WORDS`, in one search (the words looked up one by one cost a pass each).
_CUE_WORD = re.compile(trie(_CUE_WORDS))


def _cue_before(before: str) -> bool:
    """Whether `_CUE` matches at the end of `before` (`_CUE_BACKWARDS`), not searched
    for when none of its words is there (`str.find` on the lower case sees every place
    the case-insensitive pattern matches, `finds_as_regex_does`)."""
    lowered = before.lower()
    if finds_as_regex_does(before, lowered) and _CUE_WORD.search(lowered) is None:
        return False
    return _CUE_BACKWARDS.search(before) is not None
#: A capitalised word after a blank, inside a `Name 12` match.
_INNER_CAPITAL = regex.compile(r"(?<=[ ])\p{Lu}")
# (A house number's dot before a comma or a line's end, `utca 12., H-4025`, is read with
# the separator.)
# (`Jaipur-269910`: India's six-digit PIN after a town and a hyphen.)
#: (A blank may come before the comma too: `Piso 3 , Ourense`, as Faker's es_ES writes.)
_SEPARATOR = regex.compile(
    r"(?:\.(?=,|[ \t]*\n))?(?:[ ]?,[ ]?|[ ]|[ \t]*\n[ \t>]*(?:\n[ \t>]*)?(?:,[ ]?)?"
    r"|-(?=\d{6}(?![\w-])))")
# Units of many countries after the street (`Dpto. 216`, `Piso 32`, `Appartamento 19`,
# `Whg. 3`, `к. 139`, `стр. 8`, `Bl. 53 Sc. 70 Ap. 382`).
_UNIT = regex.compile(r"(?:(?:Apt|Apartment|Suite|Ste|Unit|Box|Fl|Floor|Room|Rm|Bldg|Flat|"
                      r"Dpto|Depto|Dto|Piso|Apto|Appartamento|Interno|Int|Whg|Wohnung|Stock|"
                      r"Etage|lok|kv|к|стр|кв|Interior|Edif|Bl|Sc|Ap|Level|Esc|Bloco|Casa|"
                      r"Puerta|Torre|Oficina|Local|Portal|Bloque|Escalera)\b|#)"
                      r"\.?[ ]?#?(?=[\w-]*\d)[\w-]{1,6}(?![\w-])", regex.IGNORECASE)
# `Mrs. Jennifer Alcaraz Suite 541 6343 Skogstien 106`, `13813 3784 Archwood Avenue`:
# a unit or a second number written before the street.
_BEFORE_STREET = regex.compile(
    r"(?<![\w.,-])(?:(?:Apt|Apartment|Suite|Unit|Flat)\.?[ ](?:\w{1,6},?[ ])?"
    r"(?:\d{1,6}[ ])?|\d{1,6}[ ])$",
    regex.IGNORECASE)
# Postcodes: Dutch `1234 AB`, digits (`75002`, `01310-200`, `113 50`; Brazil's CEP
# and Chile's code also unbroken, `74833788`, `1607900`), Polish `00-950`,
# Canadian `K1A 0B1`, British `SW1A 1AA`, Irish Eircodes (`D04 X2Y8`, `A65F4E2`; their
# letters leave out B G I J L M O Q S U Z), and digits after a country's letters
# (`H-2907`, `CH-8001`).
_POSTCODE = regex.compile(
    r"(?:\d{4}[ ]?[A-Z]{2}(?![\w-])|\d{3,8}(?:-\d{3,4}|[ ]\d{2}(?!\d))?|\d{2}-\d{3}|"
    r"[A-Z]\d[A-Z][ ]?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]?[ ]\d[A-Z]{2}"
    r"|(?:[AC-FHKNPRTV-Y]\d\d|D6W)[ ]?(?=[0-9AC-FHKNPRTV-Y]{0,3}\d)[0-9AC-FHKNPRTV-Y]{4}"
    r"|[A-Z]{1,2}-\d{4,5})(?![\w-])"
)
_MILITARY = regex.compile(r"[AFD]PO[ ](?:AA|AE|AP)")
_STATE_CODE = regex.compile(r"(?:[A-Z]{2}|nan)(?![\w-])")
# What may follow a city on its line: a state code (or `nan`, a blank cell), a postcode.
_AFTER_CITY = regex.compile(r"(?:(?:[A-Z]{2}|nan)(?:[ ]|$))?(?:[ ]?" + _POSTCODE.pattern + ")?$")
# A city: up to four capitalised or all-capital words, small joining words allowed
# (`Mora de Rubielos`, `Turkovice u Prelouce`, `København K`), not read on past a
# sentence's stop (`Hanou. Follow`; `St. Felicien` goes on).
_CITY = regex.compile(
    r"\p{Lu}[\p{L}\p{M}'’.-]*(?:(?<!\p{L}{4}\.)[ ](?:(?:de|del|la|le|u|am|an|der|den|do|da|di|"
    r"of|on|upon|"
    r"sur|sous|im|in|bei|van|von|y|e|nad|pod|na|ob|pri|aan|op|auf|zum|zur|al|el)[ ])?"
    r"(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[ ]\d)"  # a date
    r"(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?![\p{L}]))"  # `, Přerov on Monday`
    r"(?:\p{Lu}[\p{L}\p{M}'’.-]*|\p{Lu}))"
    r"{0,3}(?:[ ]\([\p{L} ]+\))?(?![\p{L}\p{M}\d])"
)
_SEGMENT_LIMIT = 7
#: A lower-case part of an address after a comma (`, south bandarchar`).
_LOWER_PARTS = regex.compile(r",[ ](\p{Ll}[\p{Ll}\p{M}'’-]*(?:[ ]\p{Ll}[\p{Ll}\p{M}'’-]*){0,3})"
                             r"(?=,|$|\n|[ ](?:\d|[\p{Ll}]))")
_LOWER_PARTS_POSTCODE = regex.compile(r",[ ](\d{4,6})(?![\w-])")


def _region_names() -> set[str]:
    from .geography import country_names

    return {*COUNTRIES, *US_STATES.values(), *country_names()}


@lru_cache(maxsize=1)
def _regions() -> regex.Pattern[str]:
    """Countries and US states by name (`Netherlands`, `United Kingdom`, `Colorado`)."""
    alternation = "|".join(sorted((regex.escape(n) for n in _region_names()), key=len,
                                  reverse=True))
    return regex.compile(rf"(?:{alternation})(?![\p{{L}}])", regex.IGNORECASE)


@lru_cache(maxsize=1)
def _region_openings() -> frozenset[str] | None:
    """Every two ASCII characters (lower-cased) that `_regions` can match the first two
    letters of a name to, read from `regex` itself for each letter (`K` and `ſ` match
    ASCII letters too); None if a name is shorter than two."""
    names = _region_names()
    if min(map(len, names)) < 2:
        return None
    ascii_characters = [chr(code) for code in range(128)]
    matching: dict[str, list[str]] = {}
    for character in {c for name in names for c in name[:2]}:
        one = regex.compile(regex.escape(character), regex.IGNORECASE)
        matching[character] = [a.lower() for a in ascii_characters if one.fullmatch(a)]
    return frozenset(first + second for name in names
                     for first in matching[name[0]] for second in matching[name[1]])


def may_start_region(text: str, at: int) -> bool:
    """False only where `_regions` cannot match at `at`: two ASCII characters there that
    start no name (most places asked about: a digit, a unit, a town). One set look-up,
    where `regex` tries hundreds of names."""
    two = text[at:at + 2]
    openings = _region_openings()
    return openings is None or not two.isascii() or two.lower() in openings


_LOWER_TOWN = regex.compile(r"\p{Ll}[\p{Ll}\p{M}'’-]*(?:[ ]\p{Ll}[\p{Ll}\p{M}'’-]*){0,3}")
_TOWN_END = regex.compile(r"[ ]?(?:$|\n|[.;]|,?[ ](?:[A-Z]{2}|nan)(?![\w-]))")


def _lower_town(text: str, at: int) -> regex.Match[str] | None:
    """A lower-case town at `at`, read up to the first word of prose (`2084 ostermundigen
    with her husband`)."""
    town = _LOWER_TOWN.match(text, at)
    if town is None:
        return None
    for word in _NON_BLANK.finditer(town.group()):
        if word.group().rstrip(".,") in _PROSE_WORDS:
            return _LOWER_TOWN.match(text, at, at + word.start() - 1) if word.start() else None
    return town


def _town_before_region(text: str, at: int, lower: bool) -> regex.Match[str] | None:
    """The town at `at` when a region, a state code or a postcode (or, for a capitalised
    town, the line's end) follows it."""
    town = (_LOWER_TOWN if lower else _CITY).match(text, at)
    if town is None:
        return None
    words = list(_NON_BLANK.finditer(town.group()))
    for last in reversed(range(len(words))):  # the longest reading that is followed so
        end = at + words[last].end()
        after = _SEPARATOR.match(text, end)
        follows = after is not None and (
            may_start_region(text, after.end()) and _regions().match(text, after.end())
            or _POSTCODE.match(text, after.end()))
        if lower and not follows and after is not None:
            follows = _LOWER_STATE_CODE.match(text, after.end()) or _LOWER_POSTCODE.match(
                text, after.end())  # `new timothy, ok 18292`, `east harriet, l6h 6be`
        if follows or (not lower and _TOWN_END.match(text, end)):
            return (_LOWER_TOWN if lower else _CITY).match(text, at, end)
    return None


#: `, ok 18292`: a US state's code in lower case and its ZIP, which end a lower-case
#: address (`39309 watson motorway, new timothy, ok 18292`). Led by its comma, a literal
#: `re` skips to; a text without one has no such address.
#: The codes are Faker's (`states_postcode`: states, territories, freely associated
#: states) and US_STATES' (armed forces).
_FAKER_US = importlib.import_module("faker.providers.address.en_US").Provider
_LOWER_STATE_CODES = "|".join(sorted({code.lower() for code in (
    *US_STATES, *_FAKER_US.states_postcode)}))
#: Canada's provinces (Faker's en_CA `provinces_abbr`) and their postcodes (`ab t9l 2s5`),
#: Britain's postcodes (`b75 9hw`), in lower case.
_LOWER_PROVINCE_CODES = "|".join(sorted(code.lower() for code in importlib.import_module(
    "faker.providers.address.en_CA").Provider.provinces_abbr))
_LOWER_CANADIAN_POSTCODE = r"[a-z]\d[a-z][ ]?\d[a-z]\d"
_LOWER_BRITISH_POSTCODE = r"[a-z]{1,2}\d[a-z\d]?[ ]\d[a-z]{2}"
_LOWER_STATE_ZIP_AFTER_COMMA = re.compile(
    rf",[ ](?:(?:{_LOWER_STATE_CODES})[ ]\d{{5}}|(?:{_LOWER_PROVINCE_CODES})[ ]"
    rf"{_LOWER_CANADIAN_POSTCODE}|{_LOWER_BRITISH_POSTCODE})(?![\w-])")
#: The state's or province's code alone, read as a part of a lower-case address after
#: its town.
_LOWER_STATE_CODE = regex.compile(
    rf"(?:{_LOWER_STATE_CODES})(?=[ ]\d{{5}}(?![\w-]))"
    rf"|(?:{_LOWER_PROVINCE_CODES})(?=[ ]{_LOWER_CANADIAN_POSTCODE}(?![\w-]))")
#: A Canadian or British postcode in lower case, read as the postcode of a lower-case
#: address.
_LOWER_POSTCODE = regex.compile(
    rf"(?:{_LOWER_CANADIAN_POSTCODE}|{_LOWER_BRITISH_POSTCODE})(?![\w-])")
#: A Dutch postcode in lower case (`2508eb`, `1399 zo`), read before `_POSTCODE` in a
#: lower-case address: its letters are the postcode's, not the town's.
_LOWER_DUTCH_POSTCODE = regex.compile(
    rf"\d{{4}}(?:[ ](?!(?:{'|'.join(TWO_LETTER_WORDS)})(?![\w-]))|)[a-z]{{2}}(?![\w-])")
#: How far before its state and ZIP a lower-case address's street may start.
_LOWER_ADDRESS_REACH = 120


#: The units after a lower-case street; a text without one (after a blank) has none.
_LOWER_CASE_UNITS = ("apt", "apartment", "suite", "ste")
_BLANK_AND_LOWER_CASE_UNITS = tuple(f" {unit}" for unit in _LOWER_CASE_UNITS if unit != (
    "apartment"))  # (` apt` is in ` apartment`)


@lru_cache(maxsize=1)
def _lower_case_street() -> regex.Pattern[str]:
    """`3911 fourth avenue suite 112`: a number-first street typed in lower case counts
    when a unit follows it."""
    suffixes = street_suffixes(lower=True)
    units = "|".join(_LOWER_CASE_UNITS)
    return regex.compile(
        rf"(?<![\w.,-])\d{{1,6}}(?:[ ]\d{{1,6}})?[ ](?:\p{{Ll}}[\p{{Ll}}\p{{M}}'’-]*[ ]){{1,4}}"
        rf"(?:{suffixes})(?=[ ](?:{units})\.?[ ]?\#?\d)")


@lru_cache(maxsize=1)
def _lower_case_street_before_comma() -> regex.Pattern[str]:
    """`39309 watson motorway,`: a number-first street typed in lower case, before the
    comma of the rest of its address (which must then end in a state and a ZIP)."""
    suffixes = street_suffixes(lower=True)
    return regex.compile(
        rf"(?<![\w.,-])\d{{1,6}}(?:[ ]\d{{1,6}})?[ ](?:\p{{Ll}}[\p{{Ll}}\p{{M}}'’-]*[ ]){{1,4}}"
        rf"(?:{suffixes})(?=,[ ])")


def _lower_case_addresses(text: str) -> Iterator[tuple[int, int]]:
    """The streets of lower-case US addresses, each on a line that ends its address in a
    state's code and a ZIP or in a postcode (`_LOWER_STATE_ZIP_AFTER_COMMA`)."""
    for tail in _LOWER_STATE_ZIP_AFTER_COMMA.finditer(text):
        window = max(text.rfind("\n", 0, tail.start()) + 1,
                     tail.start() - _LOWER_ADDRESS_REACH)
        for match in _lower_case_street_before_comma().finditer(text, window, tail.start()):
            yield match.start(), match.end()


# `512 Queen Margrethe⏎Port Ellis, WA 90210`, `77 harrow row⏎lady grey⏎, ec⏎ 76634`: a
# street with no street word is still one when its address ends in a town, a state's
# code and a ZIP: the state and ZIP vouch for the line (or comma part) before the town.
_ZIP = re.compile(r"(?<![\w.,-])\d{5}(?:-\d{4})?(?![\w-]|[.,]\d)")
#: Before a ZIP: a town (one to four words), then the state's code after a comma or on
#: a line of its own (`⏎, ec⏎ 76634`, the way a template joins its parts).
_TOWN_AND_STATE = regex.compile(
    r"(?:^|(?<=[\n,]))[ \t]*(?P<town>\p{L}[\p{L}\p{M}'’.-]*(?:[ ]\p{L}[\p{L}\p{M}'’.-]*){0,4})"
    r"(?:(?P<gap>,[ ]?)(?P<state>\p{L}{2})[ ]{1,2}"
    r"|(?P<own_line>[ \t]*\n[ \t]*,[ ]?)(?P<region>\p{L}{2,3})[ \t]*\n[ \t]*)$")
#: The US's codes, some of them words of prose too (`OR`, `IN`, `ME`).
_STATE_CODES_FOLDED = frozenset(
    code.casefold() for code in (*US_STATES, *_FAKER_US.states_postcode))
#: A street's number, one to six words of its name (a second number or a flat allowed),
#: filling its line or comma part.
_NUMBERED_PART = regex.compile(
    r"(?<![\w.,/-])\d{1,6}[A-Za-z]?(?:[/-][A-Za-z\d]{1,4})?(?:[ ]\d{1,6})?[ ]\p{L}[\p{L}\p{M}'’.-]*"
    r"(?:[ ](?:\p{L}[\p{L}\p{M}'’.-]*|\d{1,5}[A-Za-z]?\.?|\#\d{1,5})){0,7}[ \t]*$")


def _streets_before_a_state_and_zip(text: str) -> Iterator[tuple[int, int, int]]:
    """(street start, ZIP start, ZIP end) of addresses whose street has no street word:
    a number-first line or comma part, maybe a unit line, a town, a state's code and a
    ZIP. The code is two letters (two or three on a line of their own after a comma,
    `⏎, ec⏎ 76634`), no word of prose; the street starts a line or follows a bracket, a
    label or a preposition of place."""
    from .regional_addresses import FUNCTION_WORDS, leads_a_place

    starts = _number_starts(text)[1]  # five-digit starts, from the place reader's pass
    codes = _ZIP.finditer(text) if starts is None else (
        code for code in map(lambda at: _ZIP.match(text, at), starts) if code is not None)
    for code in codes:
        at = code.start()
        while at > 0 and text[at - 1] in " \t\n":
            at -= 1
        if "," not in text[max(0, at - 6):at - 2] or not text[at - 2:at].isalpha():
            continue  # (most numbers have no state's code and comma before them)
        tail = _TOWN_AND_STATE.search(text, max(0, code.start() - 60), code.start())
        if tail is None:
            continue
        town = tail.group("town").casefold().split()
        state = (tail.group("state") or tail.group("region")).casefold()
        if any(word in _PROSE_WORDS for word in town) or (
                state in _PROSE_WORDS and state not in _STATE_CODES_FOLDED):
            continue  # (`OR 97035` is Oregon's)
        # the part before the town: the line before, or the comma part before on its line
        at = tail.start("town")
        while at > 0 and text[at - 1] in " \t":
            at -= 1
        if at == 0 or text[at - 1] not in ",\n":
            continue
        end = at - 1
        while end > 0 and text[end - 1] in " \t":
            end -= 1
        part_start = max(text.rfind("\n", 0, end), text.rfind(",", 0, end)) + 1
        if _UNIT.fullmatch(text, part_start, end) or _UNIT.fullmatch(
                text, part_start + len(text[part_start:end]) - len(
                    text[part_start:end].lstrip(" \t")), end):  # a flat's line between
            end = part_start - 1
            while end > 0 and text[end - 1] in " \t\n,":
                end -= 1
            part_start = max(text.rfind("\n", 0, end), text.rfind(",", 0, end)) + 1
        street = _NUMBERED_PART.search(text, max(part_start, end - 80), end)
        if street is None or street.end() != end:
            continue
        words = text[street.start():end].casefold().split()
        if any(word.rstrip(".") in FUNCTION_WORDS for word in words):
            continue  # (`512 samples in 3 runs`)
        if not text[part_start:street.start()].strip(" \t") or leads_a_place(
                text, street.start()):
            yield street.start(), code.start(), code.end()


def _corner_end(match: regex.Match[str]) -> int:
    """The end of a corner's second street, before any prose word read as part of it
    (`... and Quarry Hill St. for an hour`)."""
    second = match.string.rfind(" and ", match.start(), match.end()) + len(" and ")
    end = second
    for word in _NON_BLANK.finditer(match.string[second:match.end()]):
        if word.group().casefold() in _PROSE_WORDS:
            break
        end = second + word.end()
    return end


def _after_prose_words(match: regex.Match[str]) -> int | None:
    """Where the street of a cued `Name 12` match starts once the prose words it holds
    are left out (`Leon and Harbour Row 5` → `Harbour Row 5`); None if only prose."""
    start = match.start()
    for word in _NON_BLANK.finditer(match.group()):
        if word.group().casefold().rstrip(".,") in _PROSE_WORDS:
            start = match.start() + word.end() + 1
    rest = match.string[start:match.end()]
    return start if rest[:1].isupper() and not rest.split()[0].isdigit() else None


def _from_starts(pattern: regex.Pattern[str], starts: re.Pattern[str], text: str
                 ) -> Iterator[regex.Match[str]]:
    """`pattern.finditer(text)`, tried only where `starts` (a `re` pattern matching one
    character at every place a match of `pattern` can start) finds a start."""
    return matches_at(pattern, text, [m.start() for m in starts.finditer(text)])


#: Words of `_FLAT_BEFORE_STREET`, one of which (or `_FLAT_NUMBER`) is in every match.
_FLAT_WORDS = ("Flat", "Studio", "Apartment", "Apt", "Suite", "H.No", "H. No")
#: `19/48,` before a street: led by its slash, which the engine skips to.
_FLAT_NUMBER = re.compile(r"/\d{1,4}(?:,|[ ]*\n)")


def _flat_starts(text: str) -> list[int]:
    """Where a match of `_FLAT_BEFORE_STREET` can start (sorted): at one of its words, or
    at the first digit before a `_FLAT_NUMBER`, found with `str.find` and `re` skipping."""
    starts = literal_starts(text, _FLAT_WORDS)
    if "/" in text:
        for number in _FLAT_NUMBER.finditer(text):
            at = number.start()
            while at > 0 and text[at - 1].isdigit():
                at -= 1
            starts.append(at)
    return sorted(set(starts))


def _foreign_name(street: str) -> bool:
    """Whether a `Name 12` street, in mixed case, has a name word English does not know
    (`Benákova 20`, not `Layer 3`, `Python 3`, `Figures 2`)."""
    if street.isupper():
        return False
    english = lemma_index_words()
    words = [w.strip(".,'’-").casefold() for w in street.split()[:-1]]
    return any(w and w not in english and w.removesuffix("s") not in english
               and w.removesuffix("es") not in english for w in words)


#: A town after a street, on the next line or after a comma (`, Nepomuk`, `⏎Zaprešić`).
_TOWN_AFTER = regex.compile(
    r"(?:,[ ]|[ \t]*\n[ \t]*)(\p{Lu}[\p{L}\p{M}'’-]+(?:[ ]\p{Lu}[\p{L}\p{M}'’-]+){0,2})"
    r"(?![\p{L}\p{M}\d])")


def _street_of_another_language(text: str, match: regex.Match[str]) -> int | None:
    """`at Ostrovského 63`, `1. Vratislavova 9, Nepomuk`: a `Name 12` street with no
    street word, in a name English lacks, where an address may start (`place_lead`, or a
    preposition of place in any case, maybe with `the`: `seen at the Jesenná 5`), and
    then after a preposition of place in letters English lacks, or before a town in such
    letters or one GeoNames knows (not `Übung 3` heading a list, not `to Keras 3`; after
    `in` only before such a town: `in Señor 3` is none), or after `lives in` and the like
    (`lives in Vodnikovo naselje 6a`, not `lives in Python 3`). Where the street starts once
    the prose words before it are left out (`Dr. Lee in Teplická 166, Most`), or None."""
    start = _after_prose_words(match)
    if start is None:
        return None
    street = text[start:match.end()]
    if not _foreign_name(street) or street.split(" ", 1)[0].casefold() in SOFTWARE_NAMES:
        return None  # (`lives in Jupyter 7`, `from Numpy 2`: a library's version)
    short = _SHORT_PREPOSITION_BEFORE.search(text, max(0, start - 5), start)
    if short is not None:  # `U Hřiště 849`, `V Brůdku 2`: the name starts at its preposition
        start = short.start()
        street = text[start:match.end()]
    lead = place_lead(text, start) or _preposition_before(text, start, street)
    if lead is None or counted_after(text, match.end()):
        return None
    town = _TOWN_AFTER.match(text, match.end())
    if town is not None:
        name = town.group(1)
        if name.casefold() not in lemma_index_words() and (
                not name.isascii() or is_town_name(name)):
            return start
    return start if lead == "preposition" and not street.isascii() or lead == "home" else None


#: A preposition of place in any case, maybe with `the` after it, right before a street
#: (`seen in Teplická 166, Most`, `TRANSFERRED FROM Okružná 24, Harhaj`, `at the Jesenná
#: 5`).
_PREPOSITION_BEFORE = regex.compile(
    r"(?<![\w-])(?:(?P<home>(?i:lives?|living|resides?|residing)[ ])?)"
    r"(?P<word>(?i:at|to|from|on|near|into|in))(?P<the>[ ](?i:the))?[ ]$")
#: A one- or two-letter preposition that starts many Czech, Slovak and Slovene street
#: names (`U Hřiště`, `V Brůdku`, `K Dýmači`, `Ke Stírce`), which `_NAME_FIRST_STREET` (two
#: letters or more a word) leaves before its match.
_SHORT_PREPOSITION_BEFORE = regex.compile(r"(?<![\w.-])(?:U|V|K|Ke|Ve|Na|Za|Ob|Pri|Při)[ ]$")
#: A year, which a town written before it is (`in Málaga 2019`), no house number.
_A_YEAR_AT_END = regex.compile(r"(?:1[89]\d\d|20\d\d)\.?$")


def _preposition_before(text: str, start: int, street: str) -> str | None:
    """`preposition` where one of place stands right before a `Name 12` street at
    `start` whose number is no year (in any case), `in` for `in` or one with `the` after
    it (which need a town after the street: `at the Café 2` is none), `home` for `lives
    in` and the like (`lives in Vodnikovo naselje 6a`), else None."""
    if _A_YEAR_AT_END.search(street):
        return None
    lead = _PREPOSITION_BEFORE.search(text, max(0, start - 22), start)
    if lead is None:
        return None
    if lead.group("the"):
        return "in"
    if lead.group("home"):
        return "home"
    return "in" if lead.group("word").casefold() == "in" else "preposition"


def _postcode_and_town(text: str, end: int, block_end: int,
                       postcode: tuple[int, int] | None) -> bool:
    """Whether right after a street ending at `end` come a postcode (`_TAIL_POSTCODE`) and
    then a town, as in `Benákova 20, 201 66 Hrádek`."""
    if postcode is None or not _TAIL_POSTCODE.fullmatch(text, *postcode):
        return False
    gap = _SEPARATOR.fullmatch(text, end, postcode[0])
    return gap is not None and bool(text[postcode[1]:block_end].strip(" \t\n>,"))


class AddressBlockRecognizer:
    """A street line and the rest of its address, as one STREET_ADDRESS span."""

    name = "pattern:address"

    def find(self, text: str) -> Iterator[Finding]:
        if not has_a_digit(text):
            return
        anchors: list[tuple[int, int, bool | None]] = []  # start, end, cue needed (None:
        # a street `places` reports alone already)
        tails: list[tuple[int, int]] = []  # uncued streets that need a postcode and town
        for start, end in number_first_streets(text):  # the place reader's, kept for the scan
            anchors.append((start, end, None))
        starts = international_starts(text)  # found in the place reader's pass of the digits
        for match in (_INTERNATIONAL_STREET.finditer(text) if starts is None
                      else matches_at(_INTERNATIONAL_STREET, text, starts)):
            words = match.group().casefold().split()
            if not any(w.rstrip(".,") in _PROSE_WORDS for w in words):
                anchors.append((match.start(), match.end(), True))
        if any(unit in text for unit in _BLANK_AND_LOWER_CASE_UNITS):
            for match in _lower_case_street().finditer(text):
                anchors.append((match.start(), match.end(), False))
        lower_streets = list(_lower_case_addresses(text)) if ", " in text else []
        buildings = _labelled_buildings(text)
        lowered = lowered_of(text)
        if any(word in lowered for word in _BOX_WORDS):
            for match in _BOX_STREET.finditer(text):
                anchors.append((match.start(), match.end(), False))
        for start, end in _post_boxes(text, lowered):
            anchors.append((start, end, False))
        if "orner" in text:
            for match in _CORNER.finditer(text):
                anchors.append((match.start(), _corner_end(match), False))
        for start, end in named_streets(text):
            anchors.append((start, end, None))
        for start, end in colombian_streets(text):  # `Cr. 60 # 80-6 Este, 201485, Pailitas`
            anchors.append((start, end, None))
        for start, end in south_asian_streets(text):  # `14, Bhavsar Marg`
            anchors.append((start, end, False))
        for start, end in blocks_and_lots(text):  # `B03 L69 Larson Subdivision`
            anchors.append((start, end, False))
        for start, end in lower_case_streets_before_a_town(text):  # `dejvická 432, 440 56
            anchors.append((start, end, False))  # šluknov`
        for start, end in lower_case_number_first_streets(text):  # `to 628 macias point`
            anchors.append((start, end, False))
        for start, end in streets_before_a_postcode(text):  # `rue cornut, 1757 sainte
            anchors.append((start, end, False))  # peitrequin`
        for match in _from_starts(_NAME_FIRST_STREET, _NAME_FIRST_START, text):
            if match.span() in buildings or any(
                    start == match.end() + 2 for start, _ in buildings):
                continue  # `Flat 52, House No. 14, ...`: read with the rest of its
                # address below
            if self._cued(text, match.start()):
                start = _after_prose_words(match)
                if start is not None:  # the cue was before the prose words
                    anchors.append((start, match.end(), start == match.start()))
            elif (inner := self._cued_inside(text, match)) is not None:
                anchors.append((inner, match.end(), True))
            elif _TAIL_POSTCODE_AFTER.match(text, match.end()):
                start = _after_prose_words(match)
                if start is not None and _foreign_name(text[start:match.end()]):
                    tails.append((start, match.end()))
            elif (foreign := _street_of_another_language(text, match)) is not None:
                anchors.append((foreign, match.end(), False))
        flats = _flat_starts(text)
        if flats:
            for match in matches_at(_FLAT_BEFORE_STREET, text, flats):
                street = street_suffix_pattern().match(text, match.end())
                if street is not None and _LABELLED_BUILDING.match(text, match.end()) is None:
                    anchors.append((match.start(), street.end(), False))
        taken = -1
        blocks: list[tuple[int, int]] = []
        # `512 Queen Margrethe⏎Port Ellis, WA 90210`: a numbered street without a street
        # word when a town, state and ZIP follow it (read whole: a street found above
        # inside it is part of it)
        vouched = list(_streets_before_a_state_and_zip(text))
        for street_start, end, needs_cue in sorted(anchors, key=lambda a: (a[0], -a[1])):
            start = self._start(text, street_start)
            if start < taken or any(low <= street_start < high for low, _, high in vouched):
                continue
            block_end, segments, postcode = self._extend(
                text, end, lower=text[start:end].islower())
            if needs_cue and segments < 2 and not self._cued(text, start):
                continue
            blocks.append((start, block_end))
            if needs_cue is None and segments == 0 and start == street_start:
                continue  # a bare street: `places` reports it already
            taken = block_end
            yield from self._findings(text, start, block_end, postcode)
        # `512 Queen Margrethe⏎Port Ellis, WA 90210`: a numbered street without a street
        # word, where no other address is, when a town, state and ZIP follow it
        for start, zip_start, zip_end in vouched:
            if any(low < zip_end and start < high for low, high in blocks):
                continue
            blocks.append((start, zip_end))
            yield from self._findings(text, start, zip_end, (zip_start, zip_end))
        # `39309 watson motorway, new timothy, ok 18292`: a lower-case street, where no
        # other address is, when its town, state and ZIP follow it
        for start, end in lower_streets:
            if any(low < end and start < high for low, high in blocks):
                continue
            block_end, segments, postcode = self._extend(text, end, lower=True)
            if segments >= 2 and postcode is not None:
                blocks.append((start, block_end))
                yield from self._findings(text, start, block_end, postcode)
        # `House No. 4, AnwarNagar Para, SubarnaGram, Manikganj, 2470`: a labelled
        # building's number, where no other address is, when two parts and a postcode
        # follow it (one part after a cue)
        for start, end in buildings:
            if any(low < end and start < high for low, high in blocks):
                continue
            lower = text[start:end].islower()
            block_end, segments, postcode = self._extend(text, end, lower=lower)
            flat = _FLAT_BEFORE_BUILDING.search(text, max(0, start - 16), start)
            house = text[start:start + 8].casefold().startswith(_HOUSE_LABELS)
            year = postcode is not None and _YEAR.fullmatch(text, *postcode)
            if lower and segments < 2:
                segments, block_end, postcode = self._lower_parts(text, end)
            if flat is not None and house:
                start = flat.start()  # `Flat 52, House No. 14, UzirHat Square`
            if segments >= 2 and postcode is not None and not year or segments and (
                    self._cued(text, start) or house and not year and (
                        flat is not None or segments >= 2)):
                blocks.append((start, block_end))
                yield from self._findings(text, start, block_end, postcode)
        # `Quadra Mendonça, Conjunto Santa Maria, 78326616 Cunha do Sul / GO`: the parts
        # before a Brazilian CEP, town and state, where no other address is
        if " / " in text:
            for start, cep_start, cep_end, end in brazilian_addresses(text):
                if any(low < end and start < high for low, high in blocks):
                    continue
                blocks.append((start, end))
                yield from self._findings(text, start, end, (cep_start, cep_end))
        # `Benákova 20, 201 66 Hrádek`: a street with no cue and no street word, where no
        # other address is, when a postcode and a town follow it
        for start, end in tails:
            if any(low < end and start < high for low, high in blocks):
                continue
            block_end, segments, postcode = self._extend(text, end)
            if _postcode_and_town(text, end, block_end, postcode):
                blocks.append((start, block_end))
                yield from self._findings(text, start, block_end, postcode)

    def _findings(self, text: str, start: int, block_end: int,
                  postcode: tuple[int, int] | None) -> Iterator[Finding]:
        """An address's findings: the street and the rest up to its postcode, the postcode,
        the town and country after it."""
        if postcode is not None and postcode[0] > start:
            # The postcode is a ZIP of its own; the town and country after it (`75002
            # Paris, France`) a place.
            street_end = postcode[0]
            while street_end > start and text[street_end - 1] in " \t\n>,-":
                street_end -= 1
            yield Finding(start, street_end, "STREET_ADDRESS", "phi", 0.9, self.name)
            yield Finding(*postcode, "ZIP_CODE", "phi", 0.9, self.name)
            rest = len(text[postcode[1]:block_end]) - len(
                text[postcode[1]:block_end].lstrip(" \t\n>,"))
            if postcode[1] + rest < block_end:
                yield Finding(postcode[1] + rest, block_end, "LOCATION", "phi", 0.9,
                              self.name)
        else:
            yield Finding(start, block_end, "STREET_ADDRESS", "phi", 0.9, self.name)

    @staticmethod
    def _start(text: str, start: int) -> int:
        """The street's start, moved back over a unit or number written before it."""
        before = _BEFORE_STREET.search(text, max(0, start - 24), start)
        return before.start() if before else start

    @classmethod
    def _cued_inside(cls, text: str, match: regex.Match[str]) -> int | None:
        """`She moved to Nerudova 12`: where a `Name 12` match that began at a sentence's
        first word holds its cue, the start of the capitalised street after the cue, if
        a word of its name is none English has (not `Return to Step 1`)."""
        words = list(_INNER_CAPITAL.finditer(text, match.start() + 1, match.end()))
        if not words or not _foreign_name(text[words[0].start():match.end()]):
            return None  # (a later start's name is part of this one)
        for word in words:
            if cls._cued(text, word.start()):
                street = text[word.start():match.end()]
                return word.start() if _foreign_name(street) else None
        return None

    @staticmethod
    def _lower_parts(text: str, end: int) -> tuple[int, int, tuple[int, int] | None]:
        """The lower-case parts, each one to four words and no prose, after commas from
        `end` (`, kumartala, kamalgan, narsingdi, 8652`): how many, where they end, and
        the postcode that ends them."""
        parts = 0
        for part in _LOWER_PARTS.finditer(text, end):
            if part.start() != end or any(
                    word in _PROSE_WORDS for word in part.group(1).split()):
                break
            parts += 1
            end = part.end()
        code = _LOWER_PARTS_POSTCODE.match(text, end) if parts else None
        if code is not None:
            return parts + 1, code.end(1), code.span(1)
        return parts, end, None

    @staticmethod
    def _cued(text: str, start: int) -> bool:
        line_start = max(text.rfind("\n", max(0, start - 60), start) + 1, start - 60)
        before = text[line_start:start]
        return _cue_before(before) or (
            not before.strip(" \t>") and text[:line_start].rstrip().endswith(":"))

    @staticmethod
    def _extend(text: str, end: int, lower: bool = False
                ) -> tuple[int, int, tuple[int, int] | None]:
        """Where the address that starts with a street ending at `end` ends, how many
        parts (unit, city, state, country, postcode) it has after the street, and the
        span of its (last) postcode. `lower`: the street is in lower case."""
        segments = 0
        previous: object = None
        before_postcode: object = None
        postcode: tuple[int, int] | None = None
        position = end
        regions = _regions()
        while segments < _SEGMENT_LIMIT:
            gap = _SEPARATOR.match(text, position)
            if gap is None:
                break
            at = gap.end()
            on_new_line = "\n" in gap.group()
            part = None
            if segments == 0 and not on_new_line:
                # `Tungata 11 Rott Crossroad`: a second street name on the same line
                part = street_suffix_pattern().match(text, at)
                if part is None and gap.group() == " ":
                    part = DIRECTION_AFTER.match(text, position)  # `Devon Street West`
            for pattern in () if part else (_UNIT, _MILITARY, regions, _POSTCODE) if not (
                    lower) else (_UNIT, _MILITARY, regions, _LOWER_DUTCH_POSTCODE, _POSTCODE,
                                 _LOWER_POSTCODE):
                if pattern is regions and not may_start_region(text, at):
                    continue
                part = pattern.match(text, at)
                if part is not None:
                    break
            if part is not None and part.re is regions and (on_new_line or "," in gap.group()):
                city = _CITY.match(text, at)  # `Colorado Springs`: the longer reading
                part = (city if city is not None and city.end() > part.end()
                        and ". " not in city.group() else part)
            if part is None and previous is _LOWER_DUTCH_POSTCODE and gap.group().strip() in (
                    "", ","):
                part = _lower_town(text, at)  # `2508eb, doorwerth`, `1399 zo echtenerbrug`
            if part is None and lower and segments and previous is not _LOWER_STATE_CODE:
                part = _LOWER_STATE_CODE.match(text, at)  # `, ok 18292`
            if part is None and (lower and "," in gap.group() or (
                    gap.group() == " " and previous is _UNIT)):
                # `Apt. 615 Moosleerau Switzerland`, `, aarhus, denmark`: a town on the
                # unit's line or in a lower-case address, when a region or code follows
                part = _town_before_region(text, at, lower)
            if part is None and gap.group() == " " and previous is _POSTCODE and not (
                    lower and before_postcode in (_LOWER_STATE_CODE, _LOWER_TOWN)):
                # (`ok 18292`, `valencia, 46010` end it)
                # `75002 Paris`, `00-950 Warszawa`: the town after its postcode
                part = _lower_town(text, at) if lower else _CITY.match(text, at)
            if part is None and gap.group().strip(" ") in (",", "") and not on_new_line:
                part = _STATE_CODE.match(text, at) if segments else None
            if part is None and (on_new_line or "," in gap.group()):
                part = _STATE_CODE.match(text, at) or _CITY.match(text, at)
                if part is not None and on_new_line:
                    line_end = text.find("\n", part.end())
                    rest = text[part.end():len(text) if line_end < 0 else line_end]
                    if rest.strip(" ,") and not _AFTER_CITY.match(rest.strip(" ,")) and not (
                            rest.lstrip().startswith(",")):
                        part = None  # the line goes on as prose: no city line
            if part is None or part.end() == at:
                break
            position = part.end()
            if part.re in (_POSTCODE, _LOWER_POSTCODE, _LOWER_DUTCH_POSTCODE):
                postcode = (at, position)
            before_postcode = previous
            previous = part.re
            segments += 1
        while position > end and text[position - 1] in ".,":
            position -= 1
        if postcode is not None and postcode[1] > position:
            postcode = None
        return position, segments, postcode
