"""Geography smaller than a state: street addresses, ZIP and postal codes, cities.

Street suffixes are the USPS list (as Faker ships it) plus abbreviations and other
countries' forms (rue, Calle, -straße); name-first streets of other countries are in
`street_names`, and a street named without its number counts after `on`, `at`, `of`.
A ZIP code is a ZIP when it follows a state or a label (or is ZIP+4), or a town after `in`
(`in Vila Verde 4730-180`); a bare five-digit number is not. A city is a city after a
residence cue or before a state or country, or, when GeoNames knows it as a town, after a
preposition in a sentence about a person (`a patient from Houston`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

import regex

from . import memo
from .dates import CALENDAR_WORDS
from .english_words import lemma_index_words
from .finding import Finding
from .geography import country_names, is_town_name
from .name_context import (
    SOFTWARE_NAMES,
    about_a_patient,
    credit_line,
    sentence_about_someone,
    sentence_and_line_before,
)
from .name_lists import RELATIVES
from .narrative import names_a_party, party_in_sentence
from .phones import brazilian_phone_covers
from .recognizer import ContextWords, context_regex, matches_at, trie
from .regional_addresses import ambiguous_suffix_streets
from .scan_view import ScanView, view_of
from .street_names import NamedStreetRecognizer

US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa",
    "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont",
    "VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin",
    "WY": "Wyoming", "DC": "District of Columbia", "PR": "Puerto Rico", "GU": "Guam",
    "VI": "Virgin Islands", "AA": "Armed Forces Americas", "AE": "Armed Forces Europe",
    "AP": "Armed Forces Pacific",
}
COUNTRIES = (
    "USA", "United States", "Canada", "Mexico", "UK", "United Kingdom", "England", "Scotland",
    "Wales", "Ireland", "France", "Germany", "Spain", "Portugal", "Italy", "Netherlands",
    "Belgium", "Switzerland", "Austria", "Sweden", "Norway", "Denmark", "Finland", "Poland",
    "Russia", "Ukraine", "Turkey", "Greece", "Israel", "Egypt", "Nigeria", "Ghana", "Kenya",
    "South Africa", "Ethiopia", "Morocco", "Saudi Arabia", "UAE", "Qatar", "Iran", "Iraq",
    "Pakistan", "India", "Bangladesh", "Sri Lanka", "Nepal", "China", "Japan", "Korea",
    "South Korea", "Taiwan", "Vietnam", "Viet Nam", "Thailand", "Philippines", "Indonesia",
    "Malaysia", "Singapore", "Australia", "New Zealand", "Brazil", "Argentina", "Chile",
    "Colombia", "Peru", "Venezuela", "Cuba", "Jamaica", "Haiti", "Lebanon", "Jordan",
    "Syria", "Algeria", "Tunisia", "Senegal", "Cameroon", "Uganda", "Tanzania",
)
_ABBREVIATED_SUFFIXES = (
    "St", "Str", "Ave", "Av", "Rd", "Blvd", "Ln", "Dr", "Ct", "Pl", "Ter", "Cir", "Pkwy", "Hwy",
    "Sq", "Trl", "Cres", "Cl", "Aly", "Plz", "Rte", "Expy", "Fwy", "Hts", "Xing",
    "Cv", "Hbr", "Gln", "Grv", "Mdws", "Spgs", "Sta", "Smt", "Vly", "Way", "Row", "Loop",
    "Close", "Crescent", "Mews", "Wynd", "Gate", "Green", "Rise", "Grove",
    # Australia's and New Zealand's (Faker's en_AU / en_NZ lists), less the ones that are
    # other things after a number in a notebook too (`Lab 4 Bell Circuit`, `2 Simple
    # Approach`, `3 Signaling Pathway`, `365 Outlook`, `5 Prime Strand`)
    "Alleyway", "Amble", "Anchorage", "Boulevard", "Brae", "Broadway", "Byway", "Centreway",
    "Chase", "Circlet", "Colonnade", "Copse", "Corso", "Courtyard", "Crossway", "Cruiseway",
    "Cul-de-sac", "Driveway", "Esplanade", "Fairway", "Firetrail", "Footway", "Foreshore",
    "Frontage", "Glade", "Grange", "Gully", "Highroad", "Laneway", "Lookout", "Parade",
    "Parklands", "Piazza", "Promenade", "Quay", "Quays", "Retreat", "Ridgeway", "Riverway",
    "Riviera", "Roadway", "Thoroughfare", "Tollway", "Trunkway", "Walkway",
    # South Africa's in isiZulu (Faker's zu_ZA): road, way, street, place, flat
    "Umgwaqo", "Indlela", "Isitaladi", "Indawo", "Ithafa",
)
# `Pt` (Point) is left out: in a clinical note it is the patient (`100.4 R. Pt rec'd`).


def _alternation(words: object) -> str:
    return "|".join(sorted({regex.escape(w) for w in words}, key=len, reverse=True))


def street_suffixes(lower: bool = False) -> str:
    """Faker's US street suffixes (`Street`, `Crossroad` ...), as one regex alternation,
    longest first."""
    from faker.providers.address.en_US import Provider

    return _alternation(w.lower() if lower else w for w in Provider.street_suffixes)


@lru_cache(maxsize=1)
def street_words() -> frozenset[str]:
    """Lower-case street suffixes and unit words: a name followed by one is a street."""
    from faker.providers.address.en_US import Provider

    units = ("apt", "apartment", "suite", "ste", "unit", "fl", "floor", "bldg", "room")
    return frozenset(w.lower() for w in (*Provider.street_suffixes, *_ABBREVIATED_SUFFIXES,
                                         *units))


def followed_by_region(text: str, end: int) -> bool:
    """`Raleigh, NC` / `Kumasi, Ghana`: the words before are a place."""
    return _region_may_follow(text, end) and bool(_REGION_AFTER_COMMA.match(text, end))


def region_end(text: str, end: int) -> int:
    """Where the `, <state or country>` right after `end` ends; -1 if there is none."""
    match = _REGION_AFTER_COMMA.match(text, end) if _region_may_follow(text, end) else None
    return match.end() if match else -1


def _region_may_follow(text: str, end: int) -> bool:
    """Whether a comma, a blank and a capital A-Z follow `end`, as before every state and
    country `_REGION_AFTER_COMMA` reads: most names asked about fail here, without a
    call to `regex` (whose every call costs more than this)."""
    return text.startswith(", ", end) and "A" <= text[end + 2:end + 3] <= "Z"


@lru_cache(maxsize=1)
def _street_pattern() -> regex.Pattern[str]:
    """Number first: `12 Beacon Street`, `88669 Lisa Ports Apt. 193`, `12 rue de la Paix`."""
    from faker.providers.address.en_US import Provider

    suffixes = _alternation((*Provider.street_suffixes, *_ABBREVIATED_SUFFIXES))
    word = r"(?:\p{Lu}[\p{L}'’.-]*|\d+(?:st|nd|rd|th))"  # (a typeset apostrophe too: `Asma’u`)
    unit = (r"(?:(?:,[ ]?|[ ])(?:Apt|Apartment|Suite|Ste|Unit|Fl|Floor|Room|Rm|Bldg|#)\.?"
            r"[ ]?#?[\w-]+)?")
    return regex.compile(
        rf"(?<![\w-])(?<!\d\.)\d{{1,6}}(?:[A-Za-z]|-[A-Z](?=[ ]))?(?:-\d{{1,4}})?(?:"
        rf"[ ](?:[NSEW]\.?[ ])?(?:{word}[ ]){{1,4}}(?:{suffixes})\.?(?![\w-]){unit}"
        r"|(?:[ ]?bis)?,?[ ](?i:rue|avenue|boulevard|bd|chemin|allée|place|impasse|quai|"
        r"montée|allé|rang(?-i:(?=[ ]\p{Lu})))"
        r"[ ](?:[\p{L}'’-]+[ ]){0,4}[\p{L}'’-]+)"
    )


@lru_cache(maxsize=1)
def street_suffix_pattern() -> regex.Pattern[str]:
    """A street's name without its number: `Rott Crossroad`, `Zezig Streets`."""
    suffixes = street_suffixes()
    return regex.compile(
        rf"(?:(?:van|von|de|der|den|la|le|du|di|da|del)[ ])?"
        rf"(?:\p{{Lu}}[\p{{L}}\p{{M}}'’-]*[ ]){{1,3}}(?:{suffixes})(?![\p{{L}}\d-])")


#: `67 Devon Street West`: a direction after the street's suffix.
DIRECTION_AFTER = regex.compile(r"[ ](?:North|South|East|West|N|S|E|W|NE|NW|SE|SW)\.?"
                                r"(?![\p{L}\d-])")


# Where a number-first street or a five-digit ZIP can start, in one pass of `re` over the
# digits: a number not after an ASCII letter, digit, `_` or `-`, then
#   street: the rest of a street in looser classes: blanks, maybe a direction, one to four
#     words (capitalised or ordinals) and a suffix; or a French street word (`12 bis, rue`);
#   zip: four more digits, maybe `-` and four, and no ASCII word character or `-`.
# The word classes hold every non-ASCII character, as `regex`'s `\p{Lu}`, `\p{L}` and `\d`
# may. The number itself is read by `re`'s `\d`, as it always was for streets; `re` and
# `regex` differ on digits above U+FFFF only, so a text with such characters has its
# ZIPs searched everywhere (`_below_astral`). `regex`, whose every call costs several
# microseconds for a street, then reads on from each start (its own look-behinds are
# the stricter ones).
_CAPITAL = r"[^\x00-@\[-\x7f]"  # A-Z or non-ASCII
_DIGIT = r"[^\x00-/:-\x7f]"  # 0-9 or non-ASCII
_BODY = r"[^\x00-&(-,/:-@\[-`{-\x7f]"  # ' - . 0-9 A-Z a-z or non-ASCII
_LETTER = r"[^\x00-&(-,/-@\[-`{-\x7f]"  # ' - . A-Z a-z or non-ASCII


@lru_cache(maxsize=1)
def _number_start() -> re.Pattern[str]:
    """Each match is a number's first digit; its group `street`, `zip` or `international`
    (or more than one) is set."""
    from faker.providers.address.en_US import Provider

    suffixes = trie({*Provider.street_suffixes, *_ABBREVIATED_SUFFIXES})
    word = rf"(?:{_CAPITAL}{_BODY}*|{_DIGIT}+(?:st|nd|rd|th))"
    # Each branch first checks one character, which most numbers fail.
    street = (  # not the decimals of a measure (`100.4 R. Pt`)
        r"(?<!\d\.\d)\d{0,5}(?:[A-Za-z]|-[A-Z](?=[ \t]))?(?:-\d{1,4})?(?:"
        rf"[ \t]+(?=[^\x00-/:-@\[-\x7f])(?:[NSEW]\.?[ \t]+)?(?:{word}[ \t]+){{1,4}}"
        rf"(?:{suffixes})\.?(?![A-Za-z0-9_-])"
        r"|(?=[ \t,b])(?:[ \t]?bis)?,?[ \t]+"
        r"(?i:rue|avenue|boulevard|bd|chemin|allée|place|impasse|quai|montée|allé|rang)"
        r"[ \t])")
    five = r"\d{4}(?:-\d{4})?(?![A-Za-z0-9_-])"
    # `address_blocks`' international street (`28245 Puruntie 82`, `772 ul. Narewska 94`):
    # not after `.` or `,` either, then a blank and a capital or a street word.
    international = (rf"(?<![.,]\d){_DIGIT}{{0,5}}[A-Za-z]?(?:[ ]{_DIGIT}{{1,4}})?[ ]"
                     rf"(?:{_CAPITAL}|ul|rue|via|calle|rua|av)")
    return re.compile(rf"\d(?<![A-Za-z0-9_-]\d)(?=(?P<street>{street})?)(?=(?P<zip>{five})?)"
                      rf"(?=(?P<international>{international})?)"
                      r"(?(street)|(?(zip)|(?(international)|(?!))))")


#: Words whose number counts or ranks (`Level 3 Trauma Center`, `Phase 2 Clinical Trial
#: Road...`): the number after one is no house's.
_COUNTING_WORDS = frozenset("""
level stage phase grade tier version chapter section table figure fig step part page
volume vol issue round week day class type size batch ward bed gate terminal platform
track exercise lesson module appendix item
""".split())  # (not `Unit`, `Lot`, `Lane`, `Room`, which an address may hold before a street)


def counted(text: str, start: int) -> bool:
    """Whether the word right before the number at `start` counts or ranks it."""
    before = text[max(0, start - 12):start]
    if not before.endswith(" "):
        return False
    word = before.rstrip().rsplit(None, 1)[-1] if before.strip() else ""
    return word.casefold().rstrip(".:") in _COUNTING_WORDS


def _below_astral(text: str) -> bool:
    """Whether every character of `text` is below U+10000 (two UTF-16 bytes each)."""
    return text.isascii() or len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text)


@memo.per_scan(maxsize=1)
def _number_starts(text: str
                   ) -> tuple[tuple[int, ...], tuple[int, ...] | None, tuple[int, ...] | None]:
    """Where a number-first street, a five-digit ZIP and an international street
    (`address_blocks`) can start; None for the ZIPs and international streets of a text
    with astral characters (any of which may be a `regex` digit). Kept for the last
    text: the place and the address recognizers of a scan both read it."""
    streets: list[int] = []
    below_astral = _below_astral(text)
    zips: list[int] = []
    international: list[int] = []
    for match in _number_start().finditer(text):
        start, street, five, abroad = match.start(), *match.group("street", "zip",
                                                                 "international")
        if street is not None:
            streets.append(start)
        if five is not None:
            zips.append(start)
        if abroad is not None:
            international.append(start)
    if not below_astral:
        return tuple(streets), None, None
    return tuple(streets), tuple(zips), tuple(international)


def international_starts(text: str) -> tuple[int, ...] | None:
    """Where an international street of `address_blocks` (`28245 Puruntie 82`) can start
    (every one of its matches does); None to look everywhere."""
    return _number_starts(text)[2]


def street_starts(text: str) -> tuple[int, ...]:
    """Where a match of `_street_pattern` can start (every one of its matches does)."""
    return _number_starts(text)[0]


@memo.per_scan(maxsize=1)
def number_first_streets(text: str) -> tuple[tuple[int, int], ...]:
    """The spans of `_street_pattern` in `text` whose number nothing counts (`counted`:
    not `Level 3 Trauma Center`). Kept for the running scan: the address reader reads
    the same streets (it may take them from here)."""
    return tuple(match.span() for match in matches_at(_street_pattern(), text, street_starts(text))
                 if not counted(text, match.start()))


# Name first: Calle Mayor 12, Hauptstraße 12, PO Box 4410; each pattern tried only when
# its words are in the text (a search in `re`, several times faster than `regex`).
_SPANISH_STREET_WORDS = ("Calle", "Avenida", "Av.", "Avda.", "Rua", "Via", "Viale", "Carrera",
                         "Jirón", "Paseo", "Camino")
_COMPOUND_STREET_ENDINGS = ("straße", "strasse", "str.", "weg", "gasse", "platz", "allee",
                            "ring", "damm", "laan", "gracht", "straat", "gatan", "vägen",
                            "vej", "gade")


def _words(words: tuple[str, ...]) -> str:
    return "|".join(regex.escape(word) for word in words)


def _any_before(words: tuple[str, ...]) -> re.Pattern[str]:
    """A blank before a digit, right after one of `words`: led by the blank, a literal."""
    return re.compile("[ ](?=\\d)(?:" + "|".join(
        f"(?<={re.escape(word)}[ ])" for word in words) + ")")


_COMPOUND_BEFORE_NUMBER = _any_before(_COMPOUND_STREET_ENDINGS)
_SPANISH_BEFORE_BLANK = re.compile(
    "(?:" + "|".join(re.escape(word) for word in _SPANISH_STREET_WORDS) + ") ")
# Colombia's and its neighbours' grid: `Calle 16 # 4-8`, `Carrera 7 No. 32-16`, `Cr. 2 Bis
# A # 74-9`, `Diagonal 45 # 12-30`: a street word and number, then the cross street and
# the door after `#` or `No.` (whose `# 4-8` shape is searched for first; the short
# words, `Cr.` as a note writes creatinine, count only before it).
_COLOMBIAN_PLATE = re.compile(r"(?:#|No\.?|N°)[ ]?\d{1,3}[A-Z]?-\d{1,3}(?![\w-])")
# The street's number and the door may each be followed by the side of the city
# (`Carrera 126 Este # 71-46`, `Cl. 49H # 42-78 Sur`: Faker's es_CO street suffixes).
_COLOMBIAN_STREET = regex.compile(
    r"(?<![\w-])(?:Calle|Carrera|Cra|Cr|Kr|Cl|Diagonal|Dg|Transversal|Tv|Tr|Avenida|Av|Ak|Ac)"
    r"\.?[ ](?:\d{1,3}[A-Z]?[ªº]?|\p{Lu}\p{Ll}+)(?:[ ]?Bis)?(?:[ ][A-Z](?=[ ]))?"
    r"(?:[ ](?:Sur|Este|Norte|Oeste))?[ ]?"
    r"(?:#|No\.?|N°)[ ]?\d{1,3}[A-Z]?"
    r"-\d{1,3}(?:[ ](?:Sur|Este|Norte|Oeste))?(?![\w-])")


@memo.per_scan(maxsize=1)
def colombian_streets(text: str) -> tuple[tuple[int, int], ...]:
    """`Calle 16 # 4-8`, `Cr. 2 Bis A # 74-9 Sur`: read where the door's `# 4-8` is; kept
    for the running scan, as the place and the address recognizers both ask."""
    if _COLOMBIAN_PLATE.search(text) is None:
        return ()
    return tuple(match.span() for match in _COLOMBIAN_STREET.finditer(text))
_STREET_NAME_FIRST = (
    (lambda text: _SPANISH_BEFORE_BLANK.search(text) is not None,
     regex.compile(rf"(?<![\w-])(?:{_words(_SPANISH_STREET_WORDS)})[ ](?:[\p{{L}}'.-]+[ ]){{0,4}}"
                   r"(?:No\.?[ ]?)?\d{1,5}[A-Za-z]?")),
    (lambda text: _COMPOUND_BEFORE_NUMBER.search(text) is not None,
     regex.compile(rf"(?<![\w-])\p{{Lu}}[\p{{L}}-]*(?:{_words(_COMPOUND_STREET_ENDINGS)})[ ]"
                   r"\d{1,5}[a-z]?(?![\w-])")),
    (lambda text: "Box" in text, regex.compile(r"(?<![\w-])P\.?[ ]?O\.?[ ]Box[ ]\d{1,6}")),
    # typed in lower case or in capitals (`po box 4410`, `P.O. BOX 12`)
    (lambda text: "box" in text or "BOX" in text,
     regex.compile(r"(?<![\w-])(?:p\.?[ ]?o\.?[ ]box|P\.?[ ]?O\.?[ ]BOX)[ ]?#?\d{1,6}(?![\w-])")),
)

#: Lower-case words one of which starts each match of `_ZIP_LABEL`, `_CITY_CUE`, in any
#: case (both patterns are led by `\b`): the engine's label index finds them for the scan.
_ZIP_LABEL_ANCHORS = context_regex(("zip", "post"))
_CITY_CUE_ANCHORS = context_regex((
    "city", "town", "municipality", "village", "liv", "resid", "born", "moved", "relocated",
    "home", "place", "pob", "from", "hail", "native", "here", "greetings"))

_STATE_CODES = _alternation(US_STATES)
_STATE_NAMES = _alternation(US_STATES.values())
_COUNTRIES = _alternation(COUNTRIES)
#: A town typed in lower case, a comma and a state's code in lower case before a ZIP
#: (`springfield, il 62704`, `south dawn, de 52255`), read back from the ZIP; codes that
#: are English words (`in`, `or`, `me`, `hi`, `ok`, `oh`, `la`, `pa`, `ma`, `id`, `co`)
#: are left out (`batch 32, or 65536 tokens`).
_LOWER_STATE_CODES = "|".join(sorted(
    code.lower() for code in US_STATES
    if code not in {"IN", "OR", "ME", "HI", "OK", "OH", "LA", "PA", "MA", "ID", "CO"}))
_LOWER_TOWN_STATE_BEFORE = regex.compile(
    r"(?<![\w'’-])(?P<town>\p{Ll}[\p{Ll}'’-]{2,}(?:[ ]\p{Ll}[\p{Ll}'’-]+){0,2}),[ ]"
    rf"(?:{_LOWER_STATE_CODES})[ ]$", regex.REVERSE)
_FIVE_DIGITS = regex.compile(r"(?<![\w-])\d{5}(?:-\d{4})?(?![\w-]|\.\d)")
# The state and the ZIP share a cell: one blank or a comma apart, not a table's gap.
_STATE_BEFORE = regex.compile(rf"\b(?:{_STATE_CODES}|{_STATE_NAMES})(?:,[ ]?|[ ])$",
                              regex.REVERSE)
_ZIP_LABEL = regex.compile(
    r"\b(?:zip[ _]?code|postal[ _]?code|post[ _]?code|zip5|zip3|zip)s?"
    r"[\"']?[ \t]*(?:[:=#]|is)?[ \t]*[\"']?",
    regex.IGNORECASE,
)
# After a label: US ZIP, ZIP3, and other countries' codes (`1421`, `53-320`, `7412 SL`,
# `340 12`, `90010-170`).
_ZIP_VALUE = regex.compile(r"(?:\d{5}(?:-\d{3,4})?|\d{4}(?:[ ]?[A-Z]{2}(?![\w]))?|"
                           r"\d{2}-\d{3}|\d{3}(?:[ ]\d{2})?|[A-Z]\d[A-Z][ ]?\d[A-Z]\d|"
                           r"[A-Z]{1,2}\d[A-Z\d]?[ ]?\d[A-Z]{2})(?![\w-])", regex.IGNORECASE)
_UK_POSTCODE = regex.compile(r"(?<![\w-])[A-Z]{1,2}\d[A-Z\d]?[ ]\d[ABD-HJLNP-UW-Z]{2}(?![\w-])")
#: What every `_UK_POSTCODE` holds, in `re` and a looser class (a digit: 0-9 or any
#: non-ASCII character): without it, no full search. Led by a blank, which `re` skips to.
_UK_POSTCODE_CORE = re.compile(r"[ ](?=[^\x00-/:-\x7f][ABD-HJLNP-UW-Z]{2})")
_CITY = r"\p{Lu}[\p{Ll}\p{M}]+(?:[ -](?:\p{Lu}[\p{Ll}\p{M}]+|of|de|la|del))*?"
# `Raleigh, NC`: a comma and a blank; `Miami,FL` is two cells of a CSV row.
_REGION_AFTER_COMMA = regex.compile(
    rf",[ ](?:{_STATE_CODES}|{_STATE_NAMES}|{_COUNTRIES})(?![\p{{L}}])")
_COUNTRY_AFTER_COMMA = regex.compile(rf",[ ](?:{_COUNTRIES})(?![\p{{L}}])")
# Every state and country starts with two ASCII letters, the first a capital.
_REGION_START = re.compile(r",(?=[ \t]*[A-Z][A-Za-z])")
_CITY_AT_END = regex.compile(rf"(?<![\p{{L}}])(?:{_CITY})$", regex.REVERSE)
# `city`, `town` ... are labels only with a separator (`City: Boston`, `town = "Ely"`):
# `City Plot`, `City Area` are headings.
_CITY_CUE = regex.compile(
    r"\b(?:(?:city|town|municipality|village)(?=[\"']?[ \t]*[:=])|"
    r"(?:lives|living|resides|residing|resident)[ \t]+(?:in|near)(?:[ \t]+the(?=[ \t]\p{Lu}))?|"
    r"resident[ \t]+of|born[ \t]+in|"
    r"(?:moved|relocated)[ \t]+(?:(?:here|back|away|over|down|up|out)[ \t]+)?(?:from|to)|"
    r"(?<=\b(?:i|we|they)[ ])live[ \t]+in|here[ \t]+(?:in|from)|greetings[ \t]+from|hometown|"
    r"hails[ \t]+from|native[ \t]+of|"
    r"place[ \t]+of[ \t]+birth|pob|home[ \t]+in|from[ \t]+the[ \t]+city[ \t]+of)"
    r"[\"']?[ \t]*[:=]?[ \t]*[\"']?",
    regex.IGNORECASE,
)
_CITY_AT_START = regex.compile(rf"(?:{_CITY})(?![\p{{L}}])")
# Words before `in`, `to` or `of` after which a town is named where a person lives,
# works or is held, in prose about anyone (`a lawyer practising in Mersin`, `in
# detention in Wronki`, `he lived in Erlenbach`, `deported to`), and the words of a
# town's area (`the town of Ely`). What follows counts as `_cued_places` says.
#: Where a person is: a name no English word is counts after these, too.
_SOMEONE_IN = frozenset("""
practising practicing practises practices detention detained imprisoned hiding lived live
lives living reside resides resided residing resident settled arrested buried died born
custody prison
""".split())
_SOMETHING_IN = frozenset("""
based held stationed registered located situated headquartered raised working works
worked hospitalised hospitalized
""".split())
#: A name or abbreviation in brackets, right before `in`: `(ZUS) in Cracow`.
_NAME_IN_BRACKETS = re.compile(r"\([A-Z][^()\d]{1,36}\)$")
#: The seat of a body named before `in` (`the Turkish Consulate in Nürnberg`, `(ZUS) in
#: Cracow`): a name no English word is counts after these, too.
_SEAT_IN = frozenset("""
consulate embassy court tribunal prison hospital university office authority authorities
municipality council police department ministry bureau prosecutor prosecutor's centre
center clinic station registry agency directorate inspectorate
""".split())
_MOVED_TO = frozenset("""
fled deported extradited returned travelled traveled emigrated relocated
""".split())
_AREA_OF = frozenset("""
district town city village municipality province county region suburb borough commune
parish
""".split())
#: `in`, `to` or `of` (and maybe `the`), or `the`, before a capital (A-Z or any
#: non-ASCII character), led by a blank, a literal the engine skips to: where a cue
#: can end, or an area's name start.
_CUE_END = re.compile(r"[ ](in|to|of|the)[ ](?:the[ ])?(?=[^\x00-@\[-\x7f])")
#: `the Kadıköy district`, `the Bradford area`: a name before the word of its area.
_AREA_AFTER = regex.compile(
    r"(\p{Lu}[\p{L}\p{M}'’-]+(?:[ ]\p{Lu}[\p{L}\p{M}'’-]+){0,2})[ ]"
    r"(?:district|area|region|province|municipality|county|suburb|borough|neighbou?rhood)"
    r"(?![\p{L}\d-])")
#: `in Erlenbach in Germany`, `in Ceylanpınar in the south-east of Turkey`: a name
#: between `in` and `in` a country, matched right after ` in `.
_IN_A_COUNTRY = regex.compile(
    r"(\p{Lu}[\p{L}\p{M}'’-]+(?:[ ]\p{Lu}[\p{L}\p{M}'’-]+){0,2})[ ]in[ ]"
    r"(?:the[ ](?:[\p{Ll}-]+[ ]){1,2}of[ ])?(\p{Lu}\p{L}+(?:[ ]\p{Lu}\p{L}+){0,2})")
#: A capitalised run, its words as long as they go (`Shipston Stour`), for `_PLACE_CUE`.
_PLACE_NAME = regex.compile(
    r"\p{Lu}[\p{L}\p{M}'’-]+(?:[ ](?:(?:upon|on|am|an|de|la|del|di|du|le|sur)[ ])?"
    r"\p{Lu}[\p{L}\p{M}'’-]+){0,3}")
_NOT_CITY = frozenset({"The", "This", "That", "His", "Her", "Their", "A", "An", "New", "Our",
                       "Unknown", "None", "Same", "Home", "Hospital", "Clinic"})


# `shows on Marina Fort Street`, `the corner of Herceg Gateway St.`: a street named
# without its number, after a word that places it.
_STREETS_WITHOUT_NUMBER = ("Street", "St.", "Avenue", "Ave.", "Road", "Boulevard")
_STREET_WITHOUT_NUMBER = regex.compile(
    r"(?<=\b(?:on|at|of|and|to|in|along|down|up|off)[ ])"
    rf"(?:\p{{Lu}}[\p{{L}}\p{{M}}'’-]+[ ]){{1,3}}(?:{_words(_STREETS_WITHOUT_NUMBER)})"
    r"(?![\p{L}\d-])")
#: Where one can start: right after one of its words and a blank, before a capital (A-Z
#: or any non-ASCII character). Led by the blank, which `re` skips to; `regex` reads on.
_AFTER_A_STREET_WORD = re.compile(r"[ ](?=[^\x00-@\[-\x7f])(?:" + "|".join(
    f"(?<={word}[ ])" for word in ("on", "at", "of", "and", "to", "in", "along", "down", "up",
                                   "off")) + ")")
# `support Acme in Vila Nova 4450-012 in`, `in ARENDAL 4844`: a town and its postcode
# after `in`. Four digits that read as a year (1800-2099) are years.
_TOWN_POSTCODE = regex.compile(
    r"(?<=\bin[ ])(?:\p{Lu}[\p{L}\p{M}'’-]*(?:[ ](?:de|da|do|del|la|le|di|du|am|an|der)"
    r"(?=[ ]\p{Lu}))?[ ]){1,4}"
    r"(?P<code>\d{4}-\d{3}|\d{3}[ ]\d{2}|\d{2}-\d{3}|\d{5}|(?!1[89]\d\d|20\d\d)\d{4})"
    r"(?![\w-]|[.,]\d)")
#: Where a `_TOWN_POSTCODE` can start: after `in` and a blank, before a capital.
_AFTER_IN = re.compile(r"in[ ](?=[^\x00-@\[-\x7f])")
#: Words that count things: `in Epoch 1000`, `in Step 5000` are no town and postcode.
_COUNTER_WORDS = frozenset("""
epoch epochs step steps iteration iterations round rounds batch batches layer layers figure
fig table chapter section page pages version model run runs trial trials level stage phase
block row rows column columns line lines item items episode episodes generation sample
samples frame frames unit week day year game match test case example problem exercise
question lecture lesson part volume vol issue no number ticket pr order
""".split())
#: Words of a citation before `in`: `Lecture Notes in Computer Science 6842` is a volume.
_CITATION = re.compile(r"\b(?:Notes|Proceedings|Journal|Lecture|Series|Vol|Volume|Advances)\b")


class PlaceRecognizer:
    name = "pattern:place"
    entities = ("STREET_ADDRESS", "ZIP_CODE", "LOCATION")
    #: The cue words the engine's label index finds for this reader (`ScanView`).
    anchor_words = (_ZIP_LABEL_ANCHORS, _CITY_CUE_ANCHORS)

    def load(self) -> None:
        """Read the lexicon once, before the first scan's clock starts. GeoNames' towns
        (0.1 s) are read by the first text about a person that names one: most first
        scans never need them."""
        lemma_index_words()

    def find(self, text: str) -> Iterator[Finding]:
        view = view_of(text)
        yield from self._streets(text)
        yield from self._zips(view, _number_starts(text)[1])
        yield from self._cities(view)

    def _streets(self, text: str) -> Iterator[Finding]:
        spans = list(number_first_streets(text))
        for present, pattern in _STREET_NAME_FIRST:
            if present(text):
                spans.extend(match.span() for match in pattern.finditer(text))
        spans.extend(colombian_streets(text))
        spans.extend(ambiguous_suffix_streets(text, international_starts(text)))
        if any(word in text for word in _STREETS_WITHOUT_NUMBER):
            starts = [m.end() for m in _AFTER_A_STREET_WORD.finditer(text)]
            spans.extend(match.span()
                         for match in matches_at(_STREET_WITHOUT_NUMBER, text, starts))
        for start, end in spans:
            while end > start and text[end - 1] in ".,":
                end -= 1
            yield Finding(start, end, "STREET_ADDRESS", "phi", 0.9, self.name)

    def _zips(self, view: ScanView, starts: Sequence[int] | None) -> Iterator[Finding]:
        """`starts`: where a five-digit ZIP can start; None to look everywhere."""
        text = view.text
        fives = (_FIVE_DIGITS.finditer(text) if starts is None
                 else matches_at(_FIVE_DIGITS, text, starts))
        for match in fives:
            if _STATE_BEFORE.search(text, max(0, match.start() - 30), match.start()):
                yield Finding(match.start(), match.end(), "ZIP_CODE", "phi", 0.85, self.name)
            elif text[match.start() - 2:match.start() - 1].islower() and (
                    town := self._lower_town_and_state(text, match.start())) is not None:
                yield Finding(*town, "LOCATION", "phi", 0.75, self.name)
                yield Finding(match.start(), match.end(), "ZIP_CODE", "phi", 0.8, self.name)
            elif "-" in match.group() and not brazilian_phone_covers(
                    text, match.start(), match.end()):  # `(11) 99254-4992`: a phone's tail
                yield Finding(match.start(), match.end(), "ZIP_CODE", "phi", 0.75, self.name)
        for label in _anchored(_ZIP_LABEL, view, _ZIP_LABEL_ANCHORS):
            value = _ZIP_VALUE.match(text, label.end())
            if value:
                yield Finding(value.start(), value.end(), "ZIP_CODE", "phi", 0.85, self.name)
        if " in " in text:
            starts = [m.end() for m in _AFTER_IN.finditer(text)]
            for match in matches_at(_TOWN_POSTCODE, text, starts):
                line_start = text.rfind("\n", max(0, match.start() - 120), match.start()) + 1
                line_start = max(line_start, match.start() - 120)
                last_word = text[match.start():match.start("code")].split()[-1]
                if last_word.casefold() not in _COUNTER_WORDS and not _CITATION.search(
                        text, line_start, match.start()):
                    code = match.span("code")
                    yield Finding(*code, "ZIP_CODE", "phi", 0.8, self.name)
        for match in _UK_POSTCODE.finditer(text) if _UK_POSTCODE_CORE.search(text) else ():
            yield Finding(match.start(), match.end(), "ZIP_CODE", "phi", 0.75, self.name)

    @staticmethod
    def _lower_town_and_state(text: str, zip_start: int) -> tuple[int, int] | None:
        """The span of the lower-case town before `, il 62704` ending at `zip_start`: its
        words read back from the comma while none is English or a function word (`moved
        to springfield`), else the last one to three words if GeoNames knows them as a
        town (`little rock, ar`); None without a town and state (`the sweep, tx 10000`)."""
        match = _LOWER_TOWN_STATE_BEFORE.search(text, max(0, zip_start - 48), zip_start)
        if match is None:
            return None
        end = match.end("town")
        words = match.group("town").split(" ")
        english = lemma_index_words()
        town: list[str] = []
        for word in reversed(words):
            if word in english or word in _FUNCTION_WORDS:
                break
            town.insert(0, word)
        if not town:
            town = next((words[-size:] for size in (3, 2, 1) if size <= len(words)
                         and is_town_name(" ".join(words[-size:]))), [])
        if not town:
            return None
        return end - len(" ".join(town)), end

    def _cities(self, view: ScanView) -> Iterator[Finding]:
        text, lowered = view.text, view.lowered_in_place()
        spans = []
        if "," in text:
            starts = [m.start() for m in _REGION_START.finditer(text)]
            for region in matches_at(_REGION_AFTER_COMMA, text, starts):
                city = _CITY_AT_END.search(text, max(0, region.start() - 40), region.start())
                if city:
                    spans.append(city.span())
        loose = []  # (after `moved to`: a town if the text or sentence is about someone)
        for cue in _anchored(_CITY_CUE, view, _CITY_CUE_ANCHORS):
            city = _CITY_AT_START.match(text, cue.end())
            if city and (town := _town_after_a_cue(text, city.start(), cue.group())):
                (spans if town[2] else loose).append(town[:2])
        patient = view.about_a_patient()
        someone = patient or names_a_party(text, 0, len(text))
        # (or a sentence about someone: `He relocated to Timonium`)
        spans += [span for span in loose if someone or sentence_about_someone(text, *span)]
        cued = list(_cued_places(text, lowered)) if someone else []
        known = [*_known_towns(text, lowered, patient), *_towns_before_a_state(
            text, lowered)] if someone else []
        towns: list[Finding] = []
        for start, end in spans + known + cued:
            known_town = (start, end) in known or (start, end) in cued  # (GeoNames' `New
            # York City` is one; a place after `practising in` is one in a byline too)
            first = text[start:end].split()[0]
            if (known_town or first not in _NOT_CITY and first.casefold() not in
                    CALENDAR_WORDS) and not (  # `moved to Thursday` is a day
                    _is_region(text[start:end])) and (
                        (start, end) in cued or not credit_line(text, start)):
                # `Wesel, Germany`: the country after the town is read with it, as one
                # place (a US state after it stays apart: `Boston, MA` is a town and a state)
                country = (_COUNTRY_AFTER_COMMA.match(text, end)
                           if _region_may_follow(text, end) else None)
                end = country.end() if country else end
                towns.append(Finding(start, end, "LOCATION", "phi", 0.75, self.name))
        yield from towns
        if towns:  # `lives in Towson ... back to towson`: the town's name again
            from .facilities import named_again

            for start, end in named_again(text, towns):
                yield Finding(start, end, "LOCATION", "phi", 0.7, self.name)


#: The capitalised words a town's name may run to after a cue (`Grand Rapids`).
_TOWN_RUN = regex.compile(r"\p{Lu}[\p{Ll}\p{M}'’-]+(?:[ ]\p{Lu}[\p{Ll}\p{M}'’-]+){0,2}")
#: Cues that software and plans follow as often as towns (`moved to Spark`, `I live in
#: Vim`, `here in Jupyter`): a town after one is one GeoNames knows, or no English word.
_LOOSE_CUES = ("moved", "relocated", "live ", "here", "greetings")


def _town_after_a_cue(text: str, start: int, cue: str) -> tuple[int, int, bool] | None:
    """The town's name that starts at `start` after a residence cue (`lives in`): the
    longest run of capitalised words GeoNames knows (`Grand Rapids`) or that ends in a
    town's part (`Severna Park`, `TOWN_PARTS`), else the first word; and whether it is
    one whatever the text is about. After a loose cue (`_LOOSE_CUES`), a word GeoNames
    does not know is none if it is English (`moved to Spark`), and is one only in a text
    or a sentence about a person otherwise (`moved to Postgres`; `pt moved to Towson`,
    `He relocated to Timonium`)."""
    run = _TOWN_RUN.match(text, start)
    words = run.group().split(" ") if run else [text[start:].split(" ", 1)[0]]
    count = next((count for count in range(len(words), 0, -1)
                  if is_town_name(" ".join(words[:count]))), 0)
    count = max(count, _words_of_a_town(words))
    if not count:
        word = words[0]
        if word.casefold() in SOFTWARE_NAMES:
            return None  # `the helper lives in Jupyter`, `this bug lives in Numpy 2`
        if cue.casefold().startswith(_LOOSE_CUES):
            if not word[1:].islower() or word.casefold() in lemma_index_words():
                return None
            return start, start + len(word), False
        count = 1
    return start, start + len(" ".join(words[:count])), True


# `from Houston`, `in Leeds`, `near Tampere`, `Neil of Towson`: a preposition, then up to
# three capitalised words, read as a town only when GeoNames knows them as a town and
# its sentence is about a person (a patient, a visit, a relative, `he`).
_PLACE_AFTER_PREPOSITION = regex.compile(
    r"\b(?:from|in|near|to|at|of)[ ]"
    r"(\p{Lu}[\p{Ll}\p{M}'’-]+(?:[ ]\p{Lu}[\p{Ll}\p{M}'’-]+){0,2})")
# The same in a note without case: `son in PIKESVILLE`, `lives nearby in rockport`.
# Led by a blank, a literal the engine skips to (a look-behind first costs a try at every
# character).
_PLACE_AFTER_PREPOSITION_CASELESS = re.compile(
    r"[ ](?:from|in|near|to|at|of)[ ]([a-z][a-z'-]{3,}(?:[ ][a-z][a-z'-]+){0,2})")
_TITLE_WORD_BEFORE = regex.compile(r"(?<!(?:[.!?][ ]|\n|^))\p{Lu}\p{Ll}+[ ]$")
#: Relatives and the words of where one lives: a sentence with one is about a person.
_KIN_WORDS = trie((*RELATIVES, "dtr", "friend", "family"))
_KIN = re.compile(
    rf"\b(?:{_KIN_WORDS}|lives|lived|living|resides|visited|visiting|called|he|she|i|i'm)\b",
    re.IGNORECASE)


_WORD_BEFORE = regex.compile(r"(?:Dr\.|\p{Lu}\p{Ll}+)[ ]$")


def _after_a_name_or_facility(text: str, start: int, word: str) -> bool:
    """`Dr. Emily Carter in Los Angeles`, `UCSF Hospital in San Francisco`: the capitalised
    word before the preposition ends a person's name or a facility's, not a title."""
    from .facilities import FACILITY_WORDS

    if any(phrase.split()[-1] == word for phrase in FACILITY_WORDS):
        return True
    before = _WORD_BEFORE.search(text, max(0, start - 20), start)
    return bool(before) and (before.group().strip() == "Dr." or _listed_name(
        before.group().strip()) and len(before.group().strip()) > 2)


def _listed_name(word: str) -> bool:
    """A given name or surname of the name lists (not one that is also a common word)."""
    from .name_lists import name_lists

    return name_lists().kinds.get(word.casefold(), "") in ("G", "S", "N")


#: A relative right before `from`, or a residence before `in`: `son from SCRANTON`,
#: `lives in baltimore` (a town that is also an English word counts only there; `son in
#: law` or `wife in bay 4` are no towns).
_KIN_RIGHT_BEFORE = re.compile(
    rf"(?:(?:{_KIN_WORDS})(?:'s)?[ ](?=from)|(?:lives|lived|living|resides|"
    r"residing|moved)(?:[ ]nearby)?[ ](?=in|near|to))")


def _kin_right_before(lowered: str, at: int) -> bool:
    """Whether `_KIN_RIGHT_BEFORE` ends right at `at` (the preposition's start)."""
    return any(kin.end() == at for kin in _KIN_RIGHT_BEFORE.finditer(
        lowered, max(0, at - 30), at + 4))


#: Devices named after people that GeoNames also knows as towns (`urine from foley`).
_DEVICES = frozenset({"foley", "hickman", "swan", "groshong", "broviac", "jackson"})


def _about_a_person_near(text: str, start: int, end: int, lowered: str,
                         patient: bool) -> bool:
    """Whether the sentence around text[start:end] is about a person: in a text about a
    patient, that sentence and the line before it (`sentence_and_line_before`) name a
    patient, care, a relative or a pronoun; in any text, a party to a case is told about
    in that sentence or the one before (`party_in_sentence`)."""
    if party_in_sentence(text, start, end):
        return True
    if not patient:
        return False
    start, end = sentence_and_line_before(text, start, end)
    return about_a_patient(text, start, end, lowered) or bool(_KIN.search(text, start, end))


def _in_a_title(text: str, match: regex.Match[str]) -> bool:
    """`Murder in Greenwich`, `Sleepless in Seattle`: a capitalised word before the
    preposition makes a title; not a person's name (`the patient Maria from Leeds`,
    `Neil Meitz of Towson`, `Dr. Emily Carter in Los Angeles`) nor a facility's."""
    title = _TITLE_WORD_BEFORE.search(text, max(0, match.start() - 30), match.start())
    if not title:
        return False
    word = title.group().strip()
    return not _listed_name(word) and not (
        match.group().startswith(("of", "from"))
        and word.lower() not in lemma_index_words()) and not (
            _after_a_name_or_facility(text, title.start(), word))


#: A blank, then a preposition and a blank before a capital (A-Z or any non-ASCII
#: character): where `_PLACE_AFTER_PREPOSITION` may match, found in one `re` pass.
_PREPOSITION_BEFORE_CAPITAL = re.compile(r"[ ](?:from|in|near|to|at|of)[ ][^\x00-@\[-\x7f]")


def _known_towns(text: str, lowered: str, patient: bool) -> Iterator[tuple[int, int]]:
    """Towns after a preposition in prose about a person (`patient from Houston`) or a
    party to a case (`the applicant ... lives in Wesel`)."""

    starts = [m.start() + 1 for m in _PREPOSITION_BEFORE_CAPITAL.finditer(text)]
    for match in matches_at(_PLACE_AFTER_PREPOSITION, text, starts):
        words = match.group(1).split(" ")
        with_part = _words_of_a_town(words)
        for count in range(len(words), 0, -1):  # the longest known name
            name = " ".join(words[:count])
            if count == with_part or is_town_name(name):
                name = " ".join(words[:max(count, with_part)])
                if name.casefold() not in CALENDAR_WORDS and name not in country_names() and (
                        not _is_region(name)) and not _in_a_title(text, match) and not (
                            _word_before_a_noun(text, name, match.start(1) + len(name))) and (
                                _about_a_person_near(text, match.start(), match.end(), lowered,
                                                     patient)):
                    yield match.start(1), match.start(1) + len(name)
                break
    if patient:
        yield from _known_towns_in_notes(text, lowered)


#: The last words of many towns' names, GeoNames' list or not (`Ocean City`, `Severna
#: Park`, `Jackson Heights`, `Cedar Falls`): a capitalised word before one names a town.
TOWN_PARTS = frozenset("""
City Park Springs Spring Beach Heights Falls Rapids Hills Harbor Harbour Township Valley
Creek Lake Village Junction Ridge Landing Mills Bluffs Shores
""".split())


def _words_of_a_town(words: list[str]) -> int:
    """How many of the capitalised `words` after a preposition make a town's name that
    ends in one of `TOWN_PARTS` (`Ocean City` of `Ocean City Md`): 0 if none does, or if
    the first word is a determiner, a calendar word or a town part itself (`The City`,
    `Park Ave`)."""
    first = words[0]
    if first in _NOT_CITY or first in TOWN_PARTS or first.casefold() in CALENDAR_WORDS:
        return 0
    return next((count for count in range(len(words), 1, -1)
                 if words[count - 1] in TOWN_PARTS), 0)


_NEXT_WORD = re.compile(r"[ ]([a-z]+)")
_FUNCTION_WORDS = frozenset("""
on in at and or of to for with by from the a an this that who which where when while but
was is were are has had have will would last next since until before after during
""".split())


#: Words of when and how often, which follow a place as they follow any phrase (`from
#: Phoenix tomorrow`, `back to Westminster tonight`), not a noun a modifier would qualify.
_WHEN_WORDS = frozenset("""
today tomorrow tonight yesterday now soon recently daily weekly monthly yearly again once
twice early late later earlier overnight yet already too also often sometimes tmrw tmw
""".split())


def _word_before_a_noun(text: str, name: str, end: int) -> bool:
    """`in Green chart`: one English word before a lower-case word is a modifier, not a
    town (`in Reading on Monday`, `from Phoenix tomorrow` still are one)."""
    if " " in name or name.lower() not in lemma_index_words():
        return False
    after = _NEXT_WORD.match(text, end)
    return bool(after) and after.group(1) not in _FUNCTION_WORDS and (
        after.group(1) not in _WHEN_WORDS)


#: What `_KIN_RIGHT_BEFORE` holds before `in`: a literal search, before that regex.
_LIVES_BEFORE = re.compile(r"liv|resid|moved")


def _known_towns_in_notes(text: str, lowered: str) -> Iterator[tuple[int, int]]:
    """`son in PIKESVILLE`, `lives nearby in rockport`: where the case says nothing, a
    town GeoNames knows that no English word is; right after where a person lives
    (`lives in`, `moved to`), any word that reads as a name (`_name_like`: GeoNames
    holds few small towns)."""

    for match in _PLACE_AFTER_PREPOSITION_CASELESS.finditer(lowered):
        around = text[max(0, match.start() - 40):match.end() + 40]
        if not (around.isupper() or around.islower()):
            continue
        words = match.group(1).split(" ")
        for count in range(len(words), 0, -1):
            name = " ".join(words[:count])
            if is_town_name(name):
                title = name.title()
                if (count > 1 or name not in lemma_index_words()
                        or _kin_right_before(lowered, match.start() + 1)) and not (
                        name in CALENDAR_WORDS or _is_region(title)
                        or title in country_names() or name in _DEVICES) and _KIN.search(
                            text, *sentence_and_line_before(text, match.start(), match.end())):
                    yield match.start(1), match.start(1) + len(name)
                break
        else:
            name = words[0]
            if match.group().startswith(" in ") and _LIVES_BEFORE.search(
                    lowered, max(0, match.start() - 16), match.start()) and _kin_right_before(
                    lowered, match.start() + 1) and _a_residence_name(name):
                yield match.start(1), match.start(1) + len(name)


def _a_residence_name(name: str) -> bool:
    """Whether a lower-case word after `lives in` reads as a town's name: a name
    (`facilities._name_like`), no given name, state nor country."""
    from .facilities import _name_like
    from .name_lists import name_lists

    return _name_like(name) and name_lists().kind(name) not in ("G", "g", "N", "n") and not (
        _is_region(name.title()) or name.title() in country_names())


# `Towson Maryland`, `this towson maryland's facility`: a town before a state's name
# with no comma between (read from each state's name, in the lowered text).
_STATE_AFTER_A_WORD = re.compile(
    r"(?<![a-z])(?P<town>[a-z][a-z'-]+(?:[ ][a-z][a-z'-]+)?)[ ](?P<state>"
    + trie({name.lower() for name in US_STATES.values()}) + r")(?:'s|’s)?(?![a-z])")


def _towns_before_a_state(text: str, lowered: str) -> Iterator[tuple[int, int]]:
    """(Read in a text about a patient or a party to a case, written all in capitals or
    all in lower case, as notes are: a one-pass search for the states costs 1 % of a
    scan, and with case, `Towson, Maryland` and `lives in Towson` are read already.)
    The town right before a state's name: the longest one or two words GeoNames
    knows, no English word, no state nor country, written in the state's case (`towson
    maryland`, `TOWSON MARYLAND`; not `western maryland`)."""
    if not (text.islower() or text.isupper()) or _STATE_NAME.search(lowered) is None:
        return
    english = lemma_index_words()
    for match in _STATE_AFTER_A_WORD.finditer(lowered):
        state = text[match.start("state"):match.end("state")]
        start, end = match.span("town")
        words = text[start:end].split(" ")
        for count in (2, 1):
            if count > len(words):
                continue
            name = " ".join(words[-count:])
            name_start = end - len(name)
            if not (name.istitle() and state.istitle() or name.islower() and state.islower()
                    or name.isupper() and state.isupper()):
                continue
            if is_town_name(name) and not _is_region(name.title()) and (
                    name.title() not in country_names()) and (
                    count > 1 or name.lower() not in english) and (
                    name.casefold() not in CALENDAR_WORDS):
                yield name_start, end
                break


#: A state's name in the lowered text: one `re` pass, which most texts fail.
_STATE_NAME = re.compile(trie({name.lower() for name in US_STATES.values()}))


def _cued_places(text: str, lowered: str) -> Iterator[tuple[int, int]]:
    """(Read in a text about a patient or a party to a case.) Towns after a cue
    (`_SOMEONE_IN` ... `_AREA_OF`), between `in` and `in` a country (`_IN_A_COUNTRY`)
    and before the word of an area (`_AREA_AFTER`) that GeoNames knows; after a cue of
    where a person is (`lived in`, `detention in`, not `based in`) and before a
    country, also a name no English word is (`Wronki`, `Erlenbach`). The longest
    reading that is one; never a state's or a country's name (`the District of
    Columbia`). All are read from the matches of `_CUE_END`: one pass of `re`."""
    for end in _CUE_END.finditer(text):
        preposition = end.group(1)
        if end.group().endswith("the ") and (match := _AREA_AFTER.match(text, end.end())):
            span = _a_place(text, *match.span(1), foreign=False) or _an_area(text, match)
            if span is not None:
                yield span
                continue
        if preposition == "the":
            continue
        if preposition == "in" and (match := _IN_A_COUNTRY.match(text, end.end())) and (
                match.group(2) in country_names() or match.group(2) in COUNTRIES):
            span = _a_place(text, *match.span(1), foreign=True)
            if span is not None and text[slice(*span)] not in country_names():
                yield span
                continue
        words = lowered[max(0, end.start() - 24):end.start()].split()
        cue = words[-1] if words else ""
        someone = preposition == "in" and (cue in _SOMEONE_IN or cue == "up" and (
            words[-2:-1] == ["grew"]) or cue in _SEAT_IN or _NAME_IN_BRACKETS.search(
                text, max(0, end.start() - 40), end.start()) is not None)
        if not (someone or preposition == "in" and cue in _SOMETHING_IN
                or preposition == "to" and cue in _MOVED_TO
                or preposition == "of" and cue in _AREA_OF):
            continue
        name = _PLACE_NAME.match(text, end.end())
        if name is None or f"{cue} of {name.group()}".casefold() in _REGIONS_FOLDED:
            continue
        span = _a_place(text, name.start(), name.end(), foreign=someone)
        if span is not None:
            yield span


#: Words of a side or part that an area's name may start with (`Eastern Samar`).
_SIDE_WORDS = frozenset("""
eastern western northern southern central upper lower north south east west new greater
""".split())


def _an_area(text: str, match: regex.Match[str]) -> tuple[int, int] | None:
    """`the Kadıköy district`, `the Eastern Samar region` (`_AREA_AFTER`): a name no
    English word is, maybe after a side's word, before the word of its area; None
    otherwise (`the Bradford area` is GeoNames', `the Western region` no name)."""
    words = match.group(1).split(" ")
    english = lemma_index_words()
    first = next((i for i, word in enumerate(words) if word.casefold() not in _SIDE_WORDS), None)
    if first is None or words[0].isupper() or not all(
            word.casefold() not in english and word[1:].islower() and "'" not in word
            for word in words[first:]):
        return None
    return match.span(1)


#: The names of US states and of countries, case-folded.
_REGIONS_FOLDED = frozenset(region.casefold() for region in (*US_STATES.values(), *COUNTRIES))


def _a_place(text: str, start: int, end: int, foreign: bool) -> tuple[int, int] | None:
    """The longest run of the words in text[start:end], from the first, that GeoNames
    knows as a place (or, if `foreign`, whose every word no English dictionary has);
    None if none."""
    words = list(regex.finditer(r"\S+", text[start:end]))
    english = lemma_index_words()
    foreign = foreign and not text[start:end].isupper()  # capitals tell nothing there
    for count in range(len(words), 0, -1):
        stop = start + words[count - 1].end()
        name = text[start:stop]
        if name.casefold() in CALENDAR_WORDS or name.casefold() in _FUNCTION_WORDS:
            continue
        if is_town_name(name) or foreign and all(
                word.group().strip("'’").casefold() not in english
                and word.group()[1:].islower() for word in words[:count]):
            return start, stop
    return None


#: The names of US states and of countries, as written.
_REGIONS = frozenset((*US_STATES.values(), *COUNTRIES))


def _is_region(words: str) -> bool:
    """`Washington, DC`, `Georgia, USA`: a state or country is no place smaller than one."""
    return words in _REGIONS


def _anchored(pattern: regex.Pattern[str], view: ScanView, anchors: ContextWords
              ) -> Iterator[regex.Match[str]]:
    """`pattern.finditer(text)` for a case-insensitive pattern led by `\\b` whose matches
    start with one of `anchors`' words: tried only where the view sees one (everywhere if
    it cannot tell)."""
    starts = view.anchor_starts(anchors)
    text = view.text
    return pattern.finditer(text) if starts is None else matches_at(pattern, text, starts)


PLACE_RECOGNIZERS = (PlaceRecognizer(), NamedStreetRecognizer())
