"""Street and block shapes of countries the number-first and name-first readers miss.

- South Asia writes the house number first and a comma (or a line's end) before the
  street, the number often a flat and a building (`14, Bhavsar Marg`, `45/211, Pillai
  Chowk`, `77/89` then `Goyal Ganj` on the next line); the street words are Faker en_IN's
  and en_BD's (`Nagar`, `Marg`, `Chowk`, `Ganj`, `Mohalla`, `Para`, ...) and the common
  ones of English.
- The Philippines number a house by its block and lot in a subdivision (`B03 L69 Larson
  Subdivision`, `Block 2 Lot 3 Olson Homes`).
- Brazil ends an address with its CEP, town and state's code (`01454-000 São Paulo /
  SP`), a tail nothing else has, and the parts before it (street, `bairro`) are read back
  from it.
- Romania, Brazil, Spain and Italy name a street with a word before its name (`Strada
  Eftimie`, `Rua das Flores`, `Calle Mayor`), so the word and a capitalised name are a
  street without any number.
- Australia and New Zealand end streets in words that follow a number in prose too
  (`34 Atkinson Cross`, `7/9 Jack Quadrant`): a street where an address may start or
  before a town and its postcode, when the name is a person's or a place's.

Each reader gives spans of a street or a whole address; `address_blocks` reads the rest
of the address after a street (town, postcode) as it does for every street, and
`street_names` reports streets without a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

import regex

from .english_words import lemma_index_words
from .geography import is_place_name, is_town_name
from .recognizer import matches_at, trie

# --- South Asia: `14, Bhavsar Marg`, `45/211, Pillai Chowk` ------------------------------

#: Street words of Faker's en_IN and en_BD street names, and the common ones of English.
_SOUTH_ASIAN_STREET_WORDS = (
    "Nagar", "Marg", "Chowk", "Ganj", "Path", "Zila", "Mohalla", "Para", "Sorok", "Ghat",
    "Bazar", "Bazaar", "Colony", "Circle", "Road", "Street", "Lane", "Avenue", "Highway",
)
_SOUTH_ASIAN_LOWER = tuple(word.lower() for word in _SOUTH_ASIAN_STREET_WORDS)
# A house number of up to three digits or a flat and building (`45/211`), a comma or a
# line's end, then one to three name words and a street word. Found from the separator
# right after a digit (each led by a literal `re` skips to in C: fifty times as fast as a
# pattern led by the digit), then read back to the number's start.
_AFTER_NUMBER = (re.compile(r", (?<=[0-9], )(?=[A-Za-z])"), re.compile(r"\n(?<=[0-9]\n)"))
_NUMBER_BEFORE = re.compile(r"(?<![\w./,-])(?:\d{1,3}|\d{1,3}/\d{1,4})$")
_NAME_WORD = r"[^\W\d_](?:[^\W\d_]|['’.-])+"
_SOUTH_ASIAN_STREET = re.compile(
    r"(?:,[ ]|[ \t]*\n[ \t>-]*)"
    rf"(?:(?P<cap>(?:(?=[A-Z]){_NAME_WORD}[ ]){{1,3}}(?:{trie(_SOUTH_ASIAN_STREET_WORDS)}))"
    rf"|(?P<low>(?:(?=[a-z]){_NAME_WORD}[ ]){{1,3}}(?:{trie(_SOUTH_ASIAN_LOWER)})))"
    r"(?![^\W_])")
#: Words before a number that count or rank it (`Figure 3, Station Road`).
_COUNTING = frozenset("""
level stage phase grade tier version chapter section table figure fig step part page
volume vol issue round week day class type size batch ward bed gate terminal platform
track exercise lesson module appendix item no no. number
""".split())
#: Words of prose, no part of a street's name (`3, the Road`).
_PROSE = frozenset("""
a an and are as at be by for from had has have he her his i in into is it its of on or
our she so than that the their them then there these they this those to was we were
with you your which who what when where
""".split())
#: The same words for other readers: no street's name holds one.
FUNCTION_WORDS = _PROSE


def south_asian_streets(text: str) -> Iterator[tuple[int, int]]:
    """Spans of `14, Bhavsar Marg`-shaped streets (from the number); in lower case only
    when a six-digit PIN follows on the line (`45/145, rout nagar, guntur 100772`)."""
    if "," not in text and "\n" not in text:
        return
    hits = sorted(hit.start() for pattern in _AFTER_NUMBER for hit in pattern.finditer(text))
    for at in hits:
        number = _NUMBER_BEFORE.search(text, max(0, at - 8), at)
        if number is None:
            continue
        street = _SOUTH_ASIAN_STREET.match(text, number.end())
        if street is None:
            continue
        before = text[max(0, number.start() - 12):number.start()].split()
        if before and before[-1].casefold().rstrip(":") in _COUNTING:
            continue
        words = (street.group("cap") or street.group("low")).split()
        if any(word.casefold() in _PROSE for word in words):
            continue
        if street.group("low") is not None:
            line_end = text.find("\n", street.end())
            line = text[street.end():len(text) if line_end < 0 else line_end]
            if _PIN.search(line) is None:
                continue
        label = _HOUSE_LABEL.search(text, max(0, number.start() - 12), number.start())
        yield label.start() if label else number.start(), street.end()


#: `H.No. 212, Lajpat Nagar`: India's label of a house number, read with it.
_HOUSE_LABEL = re.compile(r"(?<![\w.])(?:[Hh]\.[ ]?[Nn]o\.|House[ ]No\.)[ ]?$")
#: India's six-digit PIN after a town (`guntur 100772`, `bangalore-461113`).
_PIN = re.compile(r"[\w][ -]\d{6}(?!\d)")

# --- The Philippines: `B03 L69 Larson Subdivision`, `Block 2 Lot 3 Olson Homes` ----------

#: The subdivision's name after the lot, capitalised or (after `block` in lower case) in
#: lower case, not running on into prose.
_SUBDIVISION = (r"(?:[ ](?:\p{Lu}[\p{L}\p{M}'’.-]*|\d{1,3}(?:st|nd|rd|th)?))+")
_LOWER_SUBDIVISION = (r"(?:[ ](?!(?:with|near|is|in|on|and|the|for|to|at|of|from|by|or)"
                      r"(?![\p{L}]))(?:\p{Ll}[\p{L}\p{M}'’.-]*|\d{1,3}))+")
# `Block 4 Lot 21` (the words written out) may stand alone; `B12 L7` needs the name.
_BLOCK_AND_LOT = regex.compile(
    r"(?<![\w.-])(?:"
    rf"(?:Blk\.?|Block|BLOCK)[ ]?\d{{1,3}}[A-Za-z]?,?[ ](?:Lot|LOT|L)[ ]?\d{{1,3}}[A-Za-z]?"
    rf"(?:{_SUBDIVISION})?"
    rf"|B[ ]?\d{{1,3}}[A-Za-z]?,?[ ]L[ ]?\d{{1,3}}[A-Za-z]?{_SUBDIVISION}"
    rf"|(?:blk\.?|block)[ ]?\d{{1,3}}[a-z]?,?[ ]lot[ ]?\d{{1,3}}[a-z]?(?:{_LOWER_SUBDIVISION})?"
    r")(?![\p{L}\p{M}\d])")
#: The block and lot of every `_BLOCK_AND_LOT` match, led by a `B` or `b` that `re` skips
#: to in C: the full pattern is tried only at these.
_BLOCK_AND_LOT_START = re.compile(
    r"[Bb](?:lk\.?|lock|LOCK)?[ ]?\d{1,3}[A-Za-z]?,?[ ](?:L|Lot|LOT|lot)[ ]?\d")


def blocks_and_lots(text: str) -> Iterator[tuple[int, int]]:
    """Spans of a house's block and lot and the subdivision after them."""
    if " L" not in text and " lot" not in text:  # (every match holds one: ` L`, ` Lot`,
        return  # ` LOT`, ` lot`)
    starts = [match.start() for match in _BLOCK_AND_LOT_START.finditer(text)]
    for match in matches_at(_BLOCK_AND_LOT, text, starts):
        yield match.start(), match.end()

# --- Brazil: `... 01454-000 São Paulo / SP` --------------------------------------------

_BRAZILIAN_STATES = ("AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS",
                     "MG", "PA", "PB", "PR", "PE", "PI", "RJ", "RN", "RS", "RO", "RR", "SC",
                     "SP", "SE", "TO")
_TOWN_PARTICLES = r"(?:de|da|do|das|dos|d'|e)"
# The town capitalised before a state's code in capitals (`Cunha do Sul / GO`), or both in
# lower case (`pastor de costa / pe`).
_BRAZILIAN_TAIL = regex.compile(
    r"(?<![\w-])(?P<cep>\d{5}-?\d{3})[ ](?:"
    rf"(?P<town>(?:{_TOWN_PARTICLES}[ ])?\p{{Lu}}[\p{{L}}\p{{M}}'’-]*"
    rf"(?:[ ](?:{_TOWN_PARTICLES}[ ])?\p{{Lu}}[\p{{L}}\p{{M}}'’-]*){{0,4}})[ ]/[ ]"
    rf"(?P<state>{'|'.join(_BRAZILIAN_STATES)})"
    rf"|\p{{Ll}}[\p{{Ll}}\p{{M}}'’-]*(?:[ ]\p{{Ll}}[\p{{Ll}}\p{{M}}'’-]*){{0,4}}[ ]/[ ]"
    rf"(?:{'|'.join(_BRAZILIAN_STATES).lower()}))"
    r"(?![\p{L}\p{M}\d])")
#: Street words of Faker pt_BR (`Rua`, `Quadra`, `Setor`), where an address's first part
#: starts when prose comes before it on its line (`check whether vale de rezende, 19`).
_PT_BR_STREET_WORDS = frozenset(word.casefold() for word in (
    "Aeroporto", "Alameda", "Área", "Avenida", "Av.", "Campo", "Chácara", "Colônia",
    "Condomínio", "Conjunto", "Distrito", "Esplanada", "Estação", "Estrada", "Favela",
    "Fazenda", "Feira", "Jardim", "Ladeira", "Lago", "Lagoa", "Largo", "Loteamento", "Morro",
    "Núcleo", "Parque", "Passarela", "Pátio", "Praça", "Praia", "Quadra", "Recanto",
    "Residencial", "Rodovia", "Rua", "Setor", "Sítio", "Travessa", "Trecho", "Trevo",
    "Vale", "Vereda", "Via", "Viaduto", "Viela", "Vila"))
#: Parts of an address before the CEP (street, number, `bairro`, a unit): words and
#: numbers, after a comma or a line's end.
_PART = regex.compile(r"[\p{L}\p{M}\d'’.º°/-]+(?:[ ][\p{L}\p{M}\d'’.º°/-]+){0,6}")
_BR_REACH = 160


def brazilian_addresses(text: str) -> Iterator[tuple[int, int, int, int]]:
    """(start, CEP start, CEP end, end) of Brazilian addresses ending in a CEP, town and
    state's code; the start is that of up to four parts before the CEP, on its line or
    the two before, each led by a street word when prose comes before it."""
    if " / " not in text:
        return
    for tail in _BRAZILIAN_TAIL.finditer(text):
        start = _parts_before(text, tail.start())
        yield start, tail.start("cep"), tail.end("cep"), tail.end()


def _parts_before(text: str, end: int) -> int:
    """Where the parts of an address before `end` (a CEP) start: read back over commas
    and line ends, up to four parts and two lines."""
    start = end
    lines = 0
    position = end
    for _ in range(4):
        # the separator before `position`
        at = position
        while at > 0 and text[at - 1] in " \t":
            at -= 1
        if at > 0 and text[at - 1] == ",":
            at -= 1
        elif at > 0 and text[at - 1] == "\n":
            lines += 1
            if lines > 2:
                break
            at -= 1
            while at > 0 and text[at - 1] in " \t>":
                at -= 1
        elif position != end:
            break
        piece_start = max(text.rfind(",", 0, at), text.rfind("\n", 0, at),
                          at - _BR_REACH) + 1
        piece = text[piece_start:at]
        lead = len(piece) - len(piece.lstrip())
        piece_start += lead
        piece = piece.strip()
        if not piece or _PART.fullmatch(piece) is None:
            break
        words = piece.split()
        prose = [i for i, word in enumerate(words) if word.casefold() in _PROSE]
        if prose:
            street = [i for i, word in enumerate(words) if i > prose[-1]
                      and word.casefold() in _PT_BR_STREET_WORDS]
            if not street:
                break
            offset = len(" ".join(words[:street[0]])) + (1 if street[0] else 0)
            return piece_start + offset
        start = piece_start
        position = piece_start
        if text[max(0, piece_start - 1):piece_start] not in (",", "\n", " ") or (
                piece_start == 0):
            break
        # a part that follows a colon or a cue is the first
        if text[max(0, piece_start - 2):piece_start].strip() == ":":
            break
    return start

# --- Streets without a number: `Strada Eftimie`, `Rua das Flores` -------------------------

#: Words that start a street's name in Romanian, Portuguese, Spanish and Italian and are
#: no word of English prose: after one, a capitalised name is a street.
_LEADING_STREET_WORDS = (
    "Strada", "Aleea", "Intrarea", "Bulevardul", "Soseaua", "Șoseaua", "Drumul", "Calea",
    "Splaiul", "Rua", "Avenida", "Travessa", "Rodovia", "Praça", "Ladeira", "Quadra",
    "Calle", "Viale", "Piazza", "Vicolo",
)  # (not `Carrera`, a surname too: Colombia's `Carrera 45 # 12-30` has its own reader)
_LEADING = re.compile(trie(_LEADING_STREET_WORDS) + r"(?= )")
_STREET_WITHOUT_NUMBER = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}\d])(?:{'|'.join(_LEADING_STREET_WORDS)})"
    r"(?:[ ](?:de|da|do|das|dos|del|de[ ]la|di|della|e|y))?"
    r"(?:[ ]\p{Lu}[\p{Ll}\p{M}'’.-]+){1,3}(?![\p{L}\p{M}\d])")
_INITIAL_BEFORE = regex.compile(r"(?<![\p{L}.])\p{Lu}\.[ ]$")
#: A name word that is no part of a street (`Calle Mayor In`, `Strada Eftimie The`).
_NOT_NAME = frozenset(word.capitalize() for word in _PROSE)


def streets_without_number(text: str) -> Iterator[tuple[int, int]]:
    """Spans of streets led by a street word of these languages, with or without their
    number (a number after one is read by the other readers too)."""
    for lead in _LEADING.finditer(text):
        match = _STREET_WITHOUT_NUMBER.match(text, lead.start())
        if match is None or _INITIAL_BEFORE.search(
                text, max(0, lead.start() - 4), lead.start()):
            continue  # `A. Rua Santos, B. Lee`: an author's initial, then a surname
        end = match.end()
        words = match.group().split(" ")
        for index, word in enumerate(words[1:], 1):
            if word in _NOT_NAME:
                end = match.start() + len(" ".join(words[:index]))
                break
        if end > lead.end():
            yield match.start(), end

# --- Central Europe in lower case: `dejvická 432, 440 56 šluknov` ----------------------

# A street's name (no street word: Czech, Slovak and Croatian streets are often a bare
# adjective or name), its number, then a postcode of five digits (or three and two, or
# Poland's two and three, or the four of Austria, Belgium, Switzerland, Slovenia) and a
# town, all in lower case. Found from the comma and blank before the postcode, a literal.
_POSTCODES = r"(?:\d{3}[ ]?\d{2}|\d{2}-\d{3}|\d{4})"
_POSTCODE_AFTER_COMMA = re.compile(rf", (?={_POSTCODES}(?![\d-]))")
_YEAR = re.compile(r"(?:19|20)\d\d")
_LOWER_NAME_FIRST = regex.compile(
    r"(?<![\w'’.-])(?P<street>\p{Ll}[\p{Ll}\p{M}'’-]{3,}(?:[ ]\p{Ll}[\p{Ll}\p{M}'’-]+){0,2})"
    r"[ ]\d{1,4}[a-z]?(?:/\d{1,3})?$", regex.REVERSE)  # read back from the comma: one try
_LOWER_TOWN_AFTER = regex.compile(
    r"(?P<code>" + _POSTCODES + r")[ ]"
    r"(?P<town>\p{Ll}[\p{Ll}\p{M}'’-]{3,}(?:[ ]\p{Ll}[\p{Ll}\p{M}'’-]+){0,3})")


def lower_case_streets_before_a_town(text: str) -> Iterator[tuple[int, int]]:
    """Spans of lower-case name-first streets with their number, when a postcode and a
    town follow; the words are no English words, and the town is one GeoNames knows or
    one of the two is written with a letter English lacks (`relu 3, 10000 units` is
    none)."""
    for comma in _POSTCODE_AFTER_COMMA.finditer(text):
        street = _LOWER_NAME_FIRST.search(text, max(0, comma.start() - 60), comma.start())
        town = _LOWER_TOWN_AFTER.match(text, comma.end())
        if street is None or town is None:
            continue

        english = lemma_index_words()
        words = street.group("street").split(" ")
        start = street.start()
        # the street is the run of words no English has right before its number: what
        # stands before the last English word is the sentence (`the parcel to dejvická
        # 432`, `admitted to durychova 611`: `admitted` is no lemma, `to` is prose)
        for index in range(len(words) - 1, -1, -1):
            if words[index] in english or words[index] in _PROSE:
                start += sum(len(word) + 1 for word in words[:index + 1])
                words = words[index + 1:]
                break
        town_words = town.group("town").split()
        # the town ends at the first English word (`šluknov tomorrow morning`)
        for index, word in enumerate(town_words[1:], 1):
            if word in english or word in _PROSE:
                town_words = town_words[:index]
                break
        if town_words[0] in _PROSE or town_words[0] in english and not is_town_name(
                town_words[0]) and (len(town_words) == 1 or " ".join(town_words).isascii()):
            continue  # (`nova gradiška`: an English first word in a town of other letters)
        if not words:
            continue
        name = " ".join(town_words)
        if len(words[0]) >= 4 and (is_town_name(name) or not (
                " ".join(words) + name).isascii() and not _YEAR.fullmatch(town.group("code"))):
            yield start, comma.start()  # (a year is a postcode only before a known town:
            # `kapitola 3, 2019 vydání` is a chapter and an edition)

# --- English number-first streets typed in lower case: `628 macias point` ---------------

#: Street words that name nothing but a street (singular: `to 2 different roads` is
#: prose); a lower-case street ending in one counts with any name.
_STREET_ONLY_WORDS = frozenset("""
street road avenue boulevard lane parkway highway expressway freeway motorway turnpike
terrace crescent causeway stravenue throughway trafficway skyway underpass overpass
viaduct alley plaza trail creek harbor shore ridge knoll glen hollow mews manor heights
junction burg cove prairie radial inlet isle spur
""".split())


#: Words of a measure, no street's name (`241 ns per loop`, `3 sec each run`).
_MEASURE_WORDS = frozenset("per each sec secs min mins hrs µs times loops".split())


#: The blank after a house number (`12 `, `12a `) before a lower-case letter: led by the
#: blank, a literal `re` skips to in C, where the whole pattern is tried from the number.
_BLANK_AFTER_NUMBER = re.compile(
    r" (?:(?<=[0-9] )|(?<=[0-9][a-z] ))(?=[a-zà-öø-ÿ]|\d{1,3}(?:st|nd|rd|th) )")


@lru_cache(maxsize=1)
def _lower_number_first() -> re.Pattern[str]:
    """A house number, one to three lower-case words and one of Faker's US street
    suffixes in lower case (`5589 badawi light`, `6362 99th road`)."""
    from faker.providers.address.en_US import Provider

    suffixes = trie({word.lower() for word in Provider.street_suffixes})
    word = r"(?:[a-zà-öø-ÿ][a-zà-öø-ÿ'’-]*|\d{1,3}(?:st|nd|rd|th))"
    return re.compile(rf"(?<![\w.,/#-])\d{{1,6}}[a-z]?[ ](?P<name>(?:{word}[ ]){{1,3}}?)"
                      rf"(?P<suffix>{suffixes})(?![\w-])")


#: What may come between a line's start and a street that starts the line: a bullet, a
#: list number, a table's bar, an opening bracket or quote.
_LINE_LEAD = re.compile(r"[ \t]*(?:[-*•>|]|\d{1,2}[.)])?[ \t]*$")
#: Prepositions that put a place after them (`bus to 628 macias point`).
_PLACE_PREPOSITIONS = frozenset({"at", "to", "from", "on", "near", "via"})


def leads_a_place(text: str, start: int) -> bool:
    """Whether what comes before `start` on its line leaves room for an address: nothing
    but a bullet or list number, an opening bracket or quote, a label's colon or a
    preposition of place."""
    return place_lead(text, start) is not None


def place_lead(text: str, start: int) -> str | None:
    """What before `start` leaves room for an address (`leads_a_place`): `preposition`
    (`at`, `to`, `from`, `on`, `near`, `via`), `line` (the rest) or None."""
    line_start = text.rfind("\n", max(0, start - 80), start) + 1
    before = text[max(line_start, start - 80):start]
    if _LINE_LEAD.match(before):
        return "line"
    stripped = before.rstrip(" \t")
    if stripped.endswith(("(", '"', "“", "'", "‘", "|", ":", "[")):
        return "line"
    last = stripped.rsplit(None, 1)[-1] if stripped else ""
    return "preposition" if last in _PLACE_PREPOSITIONS else None


def lower_case_number_first_streets(text: str) -> Iterator[tuple[int, int]]:
    """Spans of number-first streets typed in lower case, where a line starts or after a
    bracket, a quote, a label or a preposition of place; the street word is one that
    names only a street (`2 gray crossing` fails: `crossing` is prose too) or a word of
    the name is none English has (`macias point`, not `3 main points`)."""
    from .places import counted

    pattern = _lower_number_first()
    for blank in _BLANK_AFTER_NUMBER.finditer(text):
        at = blank.start() - (not text[blank.start() - 1].isdigit())  # (`12a `)
        while at > 0 and text[at - 1].isdigit():
            at -= 1
        match = pattern.match(text, at)
        if match is None:
            continue
        name = match.group("name").split()
        if len(name[0]) < 3 or any(word in _PROSE or word in _MEASURE_WORDS for word in name
                                   ) or not leads_a_place(text, match.start()):
            continue  # (`266 ms per loop`: a measure)
        if match.group("suffix") not in _STREET_ONLY_WORDS:
            english = lemma_index_words()
            if all(word in english or word.removesuffix("s") in english or word[0].isdigit()
                   for word in name):
                continue
        if counted(text, match.start()):
            continue
        yield match.start(), match.end()

# --- Australia and New Zealand: `34 Atkinson Cross`, `907 Alexander Dell` ---------------

#: Faker en_AU's and en_NZ's street words that are other things after a number too
#: (`5 Fold Cross`, `Lab 4 Bell Circuit`, `2 Simple Approach`), left out of the
#: number-first reader's suffixes: a street here only under `_ambiguous_suffix_street`'s
#: conditions.
_AMBIGUOUS_SUFFIXES = (
    "Access", "Approach", "Arcade", "Artery", "Basin", "Bend", "Brace", "Break", "Brow",
    "Centre", "Circuit", "Circus", "Concourse", "Cross", "Cutting", "Dell", "Deviation",
    "Edge", "Elbow", "End", "Entrance", "Formation", "Front", "Gap", "Gates", "Ground",
    "Interchange", "Line", "Link", "Meander", "Nook", "Outlook", "Pathway", "Plateau",
    "Pocket", "Quad", "Quadrangle", "Quadrant", "Ramble", "Range", "Reach", "Reserve",
    "Ride", "Ring", "Roadside", "Ronde", "Rotary", "Round", "Siding", "Slope", "Sound",
    "Stairs", "Steps", "Strand", "Strip", "Subway", "Tarn", "Top", "Tor", "Towers",
    "Triangle", "Turn", "Vale", "Villas", "Wade",
)
#: A house number, one to three capitalised name words and one of those words, matched
#: where `places` found a number before a blank and a capital (`international_starts`).
_AMBIGUOUS_STREET = regex.compile(
    r"\d(?<![\w.,#:-]\d)\d{0,4}[A-Za-z]?[ ]"  # (after `/` only a flat's number: below)
    r"(?P<name>\p{Lu}[\p{Ll}'’-]+(?:[ ]\p{Lu}[\p{Ll}'’-]+){0,2})[ ]"
    r"(?:" + trie(_AMBIGUOUS_SUFFIXES) + r")(?![\p{L}\d'’-])")
#: A flat's number and a slash before the house number (`7/9 Jack Quadrant`).
_FLAT_BEFORE = re.compile(r"(?<![\w.,/#:-])\d{1,5}/$")
#: A town and its postcode after the street (`, Awanui 8179`, `, RD 4, Forsythton 8866`).
_TOWN_AND_CODE_AFTER = regex.compile(
    r",[ ](?:RD[ ]\d{1,2},[ ])?\p{Lu}[\p{L}'’-]+(?:[ ]\p{Lu}[\p{L}'’-]+){0,2},?[ ]\d{4}"
    r"(?![\w-])")


def ambiguous_suffix_streets(text: str, starts: Sequence[int] | None = None
                             ) -> Iterator[tuple[int, int]]:
    """Spans of number-first streets whose street word is one of `_AMBIGUOUS_SUFFIXES`:
    where an address may start (`place_lead`: a line's start, a label, a bracket, a
    preposition of place) or with a town and its postcode after it, when a word of the
    name is a person's or a place's name, as streets are named (`34 Atkinson Cross`, `7/9
    Jack Quadrant`; not `at 5 Fold Cross`, `to 3 Kubernetes Pod Ring`). `starts`: where
    such a street can start (a number before a blank and a capital); None to look
    everywhere."""
    found = (_AMBIGUOUS_STREET.finditer(text) if starts is None
             else matches_at(_AMBIGUOUS_STREET, text, starts))
    for street in found:
        start = street.start()
        if text[start - 1:start] == "/":
            flat = _FLAT_BEFORE.search(text, max(0, start - 7), start)
            if flat is None:
                continue
            start = flat.start()
        town_after = _TOWN_AND_CODE_AFTER.match(text, street.end()) is not None
        if not town_after and place_lead(text, start) is None:
            continue
        from .name_lists import name_lists

        names, english = name_lists(), lemma_index_words()
        if any(word.casefold() not in _PROSE and (
                names.kind(word) or is_place_name(word)
                or town_after and word.casefold() not in english)  # (`Whitcombe Cross`)
               for word in street.group("name").split()):
            yield start, street.end()
