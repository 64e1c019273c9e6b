"""Firms, makers and brands whose names the name lists also hold (`Boeing`, `Pfizer`,
`Morgan Stanley`), and titles that stand alone (`Dr`, `Pt`).

The brands come from the datasets mimesis (MIT) ships, read as files as `name_lists`
reads its `person.json`: the company names and banks of its English locale, and its
hardware and car makers; not its long list of stocks, whose tail is firms named after a
founder (`Culp`, `Tennant`), far more often a person's name. Only English lists are read:
other locales' company lists hold bare given names (shops named after their owner).
A brand is no verdict: a title before it (`Mr. Boeing`), a given name before a
surname, `my name is` still make it a person, and so does anything else that marks a
person's place (`marks_a_person`: an age after it, a label such as `Contact:`, a verb
of care or of what people do after it, `spoke with` before it): a missed patient's name
costs more than a firm's name flagged. Alone, or in a slot any noun takes (`according to
Pfizer`, `shares of Boeing`), it names the firm.

- `brand_words()`: one-word brands (`boeing`, `pfizer`, `honda`), case-folded.
- `brand_phrases()`: brands of two words or more (`morgan stanley`, `goldman sachs`).
- `names_a_brand(...)`: whether a name finding's words are one of these.
- `marks_a_person(text, start, end)`: whether the words around a span mark a person.

Without mimesis every list is empty: more findings, never fewer (fail closed).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from types import ModuleType

import regex

from .finding import Finding
from .name_lists import HONORIFICS
from .package_data import load_file_module, package_dir
from .person_slots import does_what_people_do

#: Words that say what kind of firm a name is (`Inc.`, `Corporation`, `(The)`), cut from
#: the end of a list's entry (of every line of many entries) before it is read: `Pfizer
#: Inc.` is the brand `Pfizer`.
_FIRM_WORDS = re.compile(
    r"(?:[ ,]+(?:inc|incorporated|corp|corporation|company|co|ltd|limited|llc|plc|group|"
    r"holdings?|s\.a|ag|n\.v|pty|\(the\)|the|& co|and co|and company)\.?)+[ ]*$",
    re.IGNORECASE | re.MULTILINE)
_LEADING_THE = re.compile(r"^[ ]*the[ ]+", re.IGNORECASE | re.MULTILINE)
#: What is no part of a brand's words (`&`, `'` and `-` are: `AT&T`, `Dillard's`).
_NO_WORD = re.compile(r"[^\w\n&'’-]+|_+")

#: mimesis's international datasets (Python files of lists) and the lists read from them.
_INT_LISTS = {"hardware": ("MANUFACTURERS",), "transport": ("AUTO_MANUFACTURERS",)}
#: mimesis's English locale folder.
_ENGLISH = "en"

#: Words that stand for a person's title or role and are no name when alone (`spoke to
#: Dr. Wisniewski` split at the period, `Pt wanted to get up`).
LONE_TITLES = frozenset(HONORIFICS) | {"pt", "pts", "prof", "mx", "sr", "jr", "mrs.", "dr."}


def _datasets() -> Path | None:
    folder = package_dir("mimesis")
    if folder is None:
        return None
    folder = folder / "datasets"
    return folder if folder.is_dir() else None


def _int_module(name: str) -> ModuleType | None:
    """One of mimesis's international dataset files, loaded alone (lists of literals):
    importing `mimesis` itself would load all its providers."""
    return load_file_module("mimesis", f"datasets/int/{name}.py", f"_mimesis_{name}_lists")


def _entries(folder: Path) -> list[str]:
    """Every brand entry of the lists this module reads."""
    entries: list[str] = []
    finance = folder / _ENGLISH / "finance.json"
    if finance.is_file():
        data = json.loads(finance.read_text("utf-8"))
        entries += [name for name in data.get("company", {}).get("name", ())
                    if isinstance(name, str)]
        entries += [name for name in data.get("banks", ()) if isinstance(name, str)]
    for module_name, attributes in _INT_LISTS.items():
        module = _int_module(module_name)
        for attribute in attributes:
            values = getattr(module, attribute, ()) if module is not None else ()
            entries += [value for value in values if isinstance(value, str)]
    return entries


def _keys(entries: str) -> list[str]:
    """Each line of `entries` as brands are looked up: its words, case-folded, one blank
    apart, a firm's kind (`Inc.`, `Corporation`) and a leading `The` cut; all lines in
    one pass of each pattern (thousands of entries at first scan)."""
    entries = _NO_WORD.sub(" ", _LEADING_THE.sub("", _FIRM_WORDS.sub("", entries)))
    return [" ".join(line.split()) for line in entries.casefold().split("\n")]


def brand_key(words: str) -> str:
    """`words` (a name finding's, a list's entry) as brands are looked up (`_keys`)."""
    return _keys(words.replace("\n", " "))[0]


@lru_cache(maxsize=1)
def _brands() -> tuple[frozenset[str], frozenset[str]]:
    folder = _datasets()
    if folder is None:
        return frozenset(), frozenset()
    try:
        keys = set(_keys("\n".join(_entries(folder))))
    except (OSError, ValueError, SyntaxError, ImportError):
        return frozenset(), frozenset()
    keys.discard("")
    return (frozenset(key for key in keys if " " not in key),
            frozenset(key for key in keys if " " in key))


@lru_cache(maxsize=1)
def _phrase_heads() -> frozenset[str]:
    """The first word of every brand phrase."""
    return frozenset(phrase[:phrase.find(" ")] for phrase in brand_phrases())


def brand_words() -> frozenset[str]:
    """One-word brands, case-folded (`boeing`, `pfizer`)."""
    return _brands()[0]


def brand_phrases() -> frozenset[str]:
    """Brands of two words or more, case-folded, one blank apart (`morgan stanley`)."""
    return _brands()[1]


def names_a_brand(words: str, kinds: dict[str, str]) -> bool:
    """Whether `words`, found as a name, are a brand's name (no title before them: the
    caller asks): a brand of two words or more, or one word a brand list holds that no
    name list holds as a strong name (`Pfizer`; a weak name: `Boeing`, which only the
    long lists hold), or a title alone (`Dr`, `Pt`)."""
    key = words.casefold()
    if key.rstrip(".") in LONE_TITLES:
        return True
    if " " not in key:
        return key in brand_words() and not kinds.get(key, "").isupper()
    # most runs open with a word no brand phrase opens with: no key to build
    return (key[:key.find(" ")].rstrip(".,") in _phrase_heads()
            and brand_key(words) in brand_phrases())


#: A capitalised word as surnames are written, in any Latin script, a double surname
#: too (`Okafor-Hale`, `Hólmarsdóttir`).
_SURNAME_WORD = r"\p{Lu}[\p{Ll}\p{M}'’]+(?:-\p{Lu}[\p{Ll}\p{M}'’]+)?"
#: Three surnames as a partnership writes its name: `Hale, Okafor and Lindqvist`.
#: A particle before a surname, as Faker's Irish, Dutch and other locales write them
#: (`Ó Laoi`, `Mac an Mhílidh`, `Mac Giolla Rua`, `Van den Broeck`, `de Wit`).
_PARTICLE = (r"(?:(?:Ó|Ní|Nic|Mac|Mc|Van|van|Von|von|De|de|Da|da|Del|del|Di|di|Du|du|Le|La)"
             r"(?:[ ](?:an|den|der|la|Giolla))?[ ])?")
_PARTNER = _PARTICLE + _SURNAME_WORD
_THREE_SURNAMES = regex.compile(
    rf"(?<![\w.-])({_PARTNER}),[ ]({_PARTNER}),?[ ](?:and|&)[ ]({_PARTNER})(?![\w-])")
#: An article right before three names: `the Hale, Okafor and Lindqvist` is how a firm
#: is named, a person never; what such a firm does (`refused`, `decided`, `dismissed
#: his appeal`) is then said of the firm.
_THE_BEFORE = re.compile(r"(?<![\w-])(?i:the)[ ]$")
#: A person's full name and `of` or `from` before three names: where the person works
#: (`Ida Berg of Hale, Okafor and Lindqvist`).
_PERSON_OF_BEFORE = re.compile(
    r"[A-Z][^\W\d_'’-]+(?:-[A-Z][^\W\d_]+)?[ ](?:[A-Z]\.?[ ])?[A-Z][^\W\d_'’]+[ ]"
    r"(?:of|from)[ ]$")
#: What after three surnames says they name people: `the Hale, Okafor and Lindqvist
#: families`.
_PEOPLE_AFTER = re.compile(
    r"[ ]+(?i:famil(?:y|ies)|brothers|sisters|siblings|children|kids|twins|couples?|"
    r"households?|parents|cousins|boys|girls|sons|daughters|patients|residents|tenants|"
    r"neighbou?rs|relatives|grandchildren|grandparents|spouses|wives|husbands|triplets|"
    r"pupils|students|babies|infants)\b")
#: A title or a word for people right before: `Mr Hale, Okafor and Lindqvist`,
#: `judges Hale, Okafor and Lindqvist`.
_PEOPLE_BEFORE = re.compile(
    r"(?i:\b(?:mr|mrs|ms|miss|dr|prof|judges?|justices?|doctors?|drs|nurses?|patients?|"
    r"pts?|messrs|applicants?|authors?)\.?)[ ]$")
_FIRM_REACH = 60
#: What a firm adds after its founder's name: `Wright and Sons`, `Avila & Co.`,
#: `Okafor and Partners`.
_FIRM_AFTER = re.compile(
    r"[ ]+(?:and|&)[ ]+(?:Sons|Daughters|Brothers|Bros|Co|Company|Partners|Associates)\b")
_GIVEN_ONLY = ("G", "g")


def _no_given_name(words: tuple[str, ...], kinds: dict[str, str]) -> bool:
    """Whether no part of `words` is a name the lists hold only as a given name."""
    return not any(kinds.get(part.casefold(), "") in _GIVEN_ONLY
                   for word in words for part in word.split("-"))


def _surnames_only(words: tuple[str, ...], kinds: dict[str, str]) -> bool:
    """Whether `words` read as surnames only: no part a name the lists hold only as a
    given name, and one part at least one they hold only as a surname (`Hans-Herbert`,
    `Jean, Pierre and Marie`: given names too, so possibly people)."""
    parts = [kinds.get(part.casefold(), "") for word in words for part in word.split("-")]
    return "S" in parts and not any(kind in _GIVEN_ONLY for kind in parts)


def firm_of_surnames(text: str, start: int, end: int, kinds: dict[str, str]) -> bool:
    """Whether the name at text[start:end] is part of a firm named after its partners
    (`Hale, Okafor and Lindqvist`, as Faker and many real firms write theirs), is a
    founder's name before `and Sons` or `& Co.`, or is a firm of two joined surnames
    alone (`Garcia-Whitman renewed the contract`): surnames
    only, no given name among them, no title or word for people before them and nothing
    around them that marks a person (`marks_a_person`: `Garcia-Whitman called about
    her results`). People are named with a given name or a title before they are named
    by surname alone; `Ana Butler-Hayes` and `Mr Hale, Okafor and Lindqvist` stay names."""
    word = text[start:end]
    if _FIRM_AFTER.match(text, end) is not None:
        return True
    if "-" in word and " " not in word and "," not in word and word.count("-") == 1:
        parts = word.split("-")
        if all(part[:1].isupper() and part[1:].islower() and len(part) > 1 for part in parts) and (
                _surnames_only((word,), kinds)) and not _PEOPLE_BEFORE.search(
                text, max(0, start - 12), start) and not marks_a_person(text, start, end):
            return True
    low, high = max(0, start - _FIRM_REACH), min(len(text), end + _FIRM_REACH)
    if text.find(",", low, end + _FIRM_REACH) < 0 or (
            text.find(" and ", low, high) < 0 and text.find(" & ", low, high) < 0):
        return False  # (the partners' pattern needs both: two look-ups for most names)
    for match in _THREE_SURNAMES.finditer(text, low, high):
        if match.start() <= start and end <= match.end():
            return _partners_named(text, match, kinds)
    return False


def _partners_named(text: str, match: regex.Match[str], kinds: dict[str, str]) -> bool:
    """Whether the three names of `match` (`_THREE_SURNAMES`) name a firm."""
    if _PEOPLE_BEFORE.search(text, max(0, match.start() - 12), match.start()) or (
            _PEOPLE_AFTER.match(text, match.end())):
        return False
    partners = match.groups()
    if _THE_BEFORE.search(text, max(0, match.start() - 4), match.start()) and (
            _no_given_name(partners, kinds)):
        return not _AGE_AFTER.match(text, match.end())
    if marks_a_person(text, match.start(), match.end()):
        return False
    return _surnames_only(partners, kinds) or bool(
        _PERSON_OF_BEFORE.search(text, max(0, match.start() - 60), match.start())
        and _no_given_name(partners, kinds))


#: An age right after a name (`, 54,`, `, 61 y/o`, ` (54)`, `, aged 54`, `, 54-year-old`).
_AGE_AFTER = re.compile(
    r"[ ]*(?:,|\()[ ]*(?:aged?[ ]+)?\d{1,3}[ ]*(?:,|\)|y/?o\b|yo\b|yrs?\b|years?\b|-?year|"
    r"[MF]\b|(?:male|female|man|woman)\b)", re.IGNORECASE)
#: A verb of care, or one people do, right after a name, a `was`/`is`/`has` before it:
#: `was admitted`, `presented`, `complains of`, `denies`, `called`, `reported`.
_PERSON_VERB_AFTER = re.compile(
    r"[ ]+(?:(?:was|is|has|had|has[ ]been|had[ ]been|were|got)[ ]+)?(?:"
    r"admitted|readmitted|presented|presents|reported|reports|complain(?:s|ed|ing)?|c/o|"
    r"called|calls|denie[sd]|deny|refused|refuses|states?d?|seen|discharged|transferred|"
    r"spoke|arrived|tolerated|tolerates|underwent|died|expired|ambulat(?:ed|es|ing)|"
    r"feels|felt|visited|visits|noted|notes|endorses|endorsed|tested[ ]positive|"
    r"was[ ]a[ ]\d|is[ ]a[ ]\d|lives|lived|returned|returns|requests|requested)\b",
    re.IGNORECASE)
#: What before a name says a person's name follows: a label (`Contact:`, `Patient`,
#: `Pt`, `Name -`), a self-introduction (`I'm`, `my name is`, `this is`), a talk with
#: someone (`spoke with`, `talked to`, `met with`), a relative (`her son`).
_PERSON_BEFORE = re.compile(
    r"(?:\b(?:contact|patient|pt|client|caller|resident|member|name|attn|guardian|"
    r"emergency[ ]contact|next[ ]of[ ]kin|nok|informant|cc|referred[ ]by|seen[ ]by)"
    r"[ ]*[:#-]?|\bi[ ]?['’]?m|\bi[ ]am|\bmy[ ]name[ ]is|\bthis[ ]is|\bcalled|\bcall|"
    r"\b(?:spoke|spoken|speaking|talked|talking|met|meeting|visit|visited)[ ]+(?:with|to)|"
    r"\b(?:dear|hi|hello|thanks|thank[ ]you)[ ,]*|"
    r"\b(?:his|her|my|your|their)[ ]+(?:son|daughter|wife|husband|mother|father|brother|"
    r"sister|partner|friend|neighbou?r|aunt|uncle|niece|nephew|cousin))[ ]*\Z",
    re.IGNORECASE)
#: A personal pronoun soon after a name in its sentence (`about her discharge`).
_PRONOUN_AFTER = re.compile(
    r"[^.;!?\n]{0,40}?\b(?:he|she|him|his|her|hers|himself|herself)\b", re.IGNORECASE)
#: How far before a name its label or introduction is read.
_BEFORE_REACH = 40


def marks_a_person(text: str, start: int, end: int) -> bool:
    """Whether the words around text[start:end] mark a person (a brand list's name or
    not): an age after it (`Elizabeth Arden, 54,`), a verb of care or of what only people
    do after it (`was admitted`, `complains of`, `said`), a label, an introduction or a
    talk before it (`Contact:`, `I'm`, `spoke with`), or a personal pronoun after it in
    its sentence (`Weinstein about her`)."""
    return bool(
        _AGE_AFTER.match(text, end) or _PERSON_VERB_AFTER.match(text, end)
        or does_what_people_do(text, end)
        or _PERSON_BEFORE.search(text[max(0, start - _BEFORE_REACH):start])
        or _PRONOUN_AFTER.match(text, end))


def without_brands(text: str, found: list[Finding], doubtful: list[tuple[int, int]],
                   kinds: dict[str, str], titled: Callable[[str, int], bool]
                   ) -> tuple[list[Finding], list[tuple[int, int]]]:
    """`found` and the `doubtful` spans (left to NER) less those that name a brand or
    are a title alone (`names_a_brand`) with no title before them (`titled(text,
    start)`: `Mr. Boeing`) and nothing else around them that marks a person
    (`marks_a_person`): a title alone (`Pt`, `Dr`) goes whatever is around it."""
    def kept(start: int, end: int) -> bool:
        words = text[start:end]
        if not names_a_brand(words, kinds) or titled(text, start):
            return True
        return words.casefold().rstrip(".") not in LONE_TITLES and (
            marks_a_person(text, start, end))

    return ([finding for finding in found
             if finding.entity != "PERSON" or kept(finding.start, finding.end)],
            [(start, end) for start, end in doubtful if kept(start, end)])
