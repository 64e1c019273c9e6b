"""Phone, fax, pager and extension numbers, in US, international and national layouts.

A number is a phone when its layout is one (NANP groups, a `+` country code, a country's
own grouping read from `phonenumbers`' metadata), a label or a phone word stands beside
it, or a relative is named just before it. Fiction's 555-01xx numbers, dates, units and
well-known placeholders are left alone.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from .finding import Finding
from .memo import memoised
from .name_lists import RELATIVES
from .recognizer import (
    PatternRecognizer,
    context_regex,
    cue_starts,
    finds_as_regex_does,
    gated_matches,
    literal_starts,
    matches_at,
    trie,
)
from .scan_view import lowered_of
from .shapes import text_shape, wide_digits

_PHONE_CONTEXT = context_regex([
    "phone", "tel", "telephone", "cell", "mobile", "contact", "call", "ph", "home", "work",
    "pager", "whatsapp", "emergency contact", "caregiver",
])
_FAX_CONTEXT = context_regex(["fax", "facsimile", "telefax"])

# NANP: (617) 432-1876, 617-432-1876, 617.432.1876, +1 617 432 1876, 1-800-…, 001-617-…,
# [617] 432-1876 (not `617/432-1876`: `250/500-1000` is sizes) (never across a tab: that
# is a table's cell boundary)
_US_PHONE = re.compile(
    r"(?<![\w+.-])(?:(?:\+|00)?1[ .-]?)?(?:\(\d{3}\)[ .-]?|\[\d{3}\][ ]?|\d{3}[ .-])"
    r"\d{3}[ .-]\d{4}"
    r"(?:[ ]?(?:x|ext\.?)[ ]?\d{1,5})?(?![\w-])"
)
# Cues: the separator before the last four digits, which follows three digits; the
# number starts 7 to 12 characters before it (`+1 `, then `(617) ` or `617-`, then `432`),
# or 13 to 14 after `001-`.
_US_PHONE_CUES = tuple(re.compile(rf"{re.escape(sep)}(?<=\d{{3}}.)(?=\d{{4}})")
                       for sep in " \t.-")


#: A unit right after the digits: `744 921 7847 mm` is a measurement.
_UNIT_AFTER = re.compile(r"[ ]?(?:[mckµu]?m|[mk]?g|m?l|[mµu]?s|px|%|[kmg]?b|bytes?)(?![\w-])",
                         re.IGNORECASE)


def _us_phone_starts(text: str) -> list[int]:
    """Where the cues say; a number dialled from abroad (`001-…`, 13 or 14 characters
    before its cue) only where `001` is written."""
    starts = cue_starts(text, _US_PHONE_CUES, range(7, 13))
    if "001" not in text:
        return starts
    return sorted({*starts, *literal_starts(text, ("001",))})


# International with a + country code: +44 20 7946 0958, +81 3-1234-5678, +234 803 123 4567,
# +(370) 612 34567
_INTL_PHONE = re.compile(r"\+(?<![\w+]\+)(?:\(\d{1,3}\)|\d{1,3})(?:[ .-]?\(?\d{1,5}\)?){2,6}"
                         r"(?:[ ]?(?:x|ext\.?)[ ]?\d{1,5})?(?![\w-])")
#: The country code in brackets without its `+`: `(351) 213 735 379`, `(44) 20 7946 0958`;
#: a phone when the code is one and the rest a valid number of its country.
_CODE_IN_BRACKETS = re.compile(
    r"\((?<![\w(]\()(?P<code>[1-9]\d{0,2})\)[ .-]?(?P<rest>\d{2,5}(?:[ .-]?\d{2,5}){1,4})"
    r"(?![\w-]|[.,]\d)")
#: A two-digit area code in brackets, then eight digits (or nine, a mobile's leading `9`)
#: as four (five) and four: Brazil's own layout (`(11) 99254-4992`, `(21) 3456-7890`), a
#: phone when the ten or eleven digits are a number of Brazil (`+55`). Its tail is a
#: ZIP+4's shape, which `places` leaves to it (`brazilian_phone_covers`).
_BRAZILIAN_PHONE = re.compile(
    r"\((?<![\w(]\()[1-9]{2}\)[ ]?(?:9\d{4}|[2-5]\d{3})-\d{4}(?![\w-]|[.,]\d)")
# Bare 10-digit runs count only after a phone word.
# (Each starts with its first character, then looks behind it: the regex engine skips
# to the characters a match can start with.)
_BARE_PHONE = re.compile(r"\d(?<![\w.-]\d)\d{9}(?![\w-])")


_EXTENSION = re.compile(r"[ \t]?(?:x|ext\.?)[ \t]?\d{1,5}$", re.IGNORECASE)
# A number under a phone label or before a phone word, in any country's layout:
# `0688 843 79 56`, `(71) 4233-6306`, `+46 (0)157 548 33`, `01.84.17.61.18`, `x0135`.
# Not after `[\w+.-]`, maybe `+` or `00`, maybe `(`, a digit, then five to sixteen more.
# The pattern reads its first character (`+`, `(` or a digit: a class the regex engine
# skips to) before it looks behind it, and then which one it was: `+(`, `+1`, `00(`, `0`,
# `(1`, `1`, in the order `(?<![\w+.-])(?:\+|00)?\(?\d` tries them.
_LABELLED_PHONE = re.compile(
    r"[+(\d](?<![\w+.-].)(?:(?<=\+)\(?\d|(?<=0)(?:0\(?\d|)|(?<=\()\d|(?<=\d))"
    r"(?:[().-]?[ ]?\(?\d){5,16}(?:[ ]?(?:x|ext\.?)[ ]?\d{1,5})?(?![\w-]|\.\d)",
    re.IGNORECASE)
#: Labels (regex alternatives, lower case) right before a phone number.
#: (`placeholders` reads the same labels before a placeholder number.)
_PHONE_LABELS = (
    "phone", "tel", "telephone", "cell", "mobile", "mob", "desk", "office", "work", "home",
    "fax", "pager", "beeper", "whatsapp", "contact", "callback",
    "call(?:ed|ing)?(?: back)?(?: (?:me|him|her|them|us))?(?: (?:on|at))?",
    "reach(?:ed)? (?:me )?(?:on|at)", "answering at", "messages to", "text me at", "number is",
    # a pager as notes shorten it (`PG 617 555 0148`), not inside a word (`.jpg`, `upgrade`)
    r"(?<![\w.])pg(?:r)?(?!\.)")
#: Words right after one.
_PHONE_WORDS_AFTER = ("office", "fax", "mobile", "cell", "home", "work", "desk")
PHONE_LABEL = re.compile(
    "(?:" + "|".join(_PHONE_LABELS) + r")\b(?:[ ](?:number|no|num|is|was|at|on)\b\.?){0,3}"
    r"[^\n\w]{0,6}"
    r"(?:\n[ \t]*)?$", re.IGNORECASE)
_PHONE_WORD_AFTER = re.compile(r"[ \t]+(?:" + "|".join(_PHONE_WORDS_AFTER) + r")\b",
                               re.IGNORECASE)
#: The literal start of each label and word: a text with none of them (in any case) has
#: no labelled number.
PHONE_WORD_NEEDLES = tuple(sorted({
    re.match(r"(?:\(\?<![^)]*\))?([a-z ]*)", word).group(1)  # type: ignore[union-attr]
    for word in (*_PHONE_LABELS, *_PHONE_WORDS_AFTER)}))  # (a look-behind before it skipped)
#: Where a `_LABELLED_PHONE` match can start, in the shape of a text without digits
#: beyond ASCII (`shapes.text_shape`: each ASCII digit a `9`, each ASCII letter and `_`
#: an `a` or `A`): a `+`, `(` or digit not after one the pattern refuses there, then five
#: more digits, each maybe after a bracket, a dot, a dash or a blank. Three searches led
#: by one literal symbol each, which the regex engine skips to as `str.find` does (the
#: pattern's class of three it tries at every character, and every digit then).
_LABELLED_PHONE_SHAPES = tuple(re.compile(source) for source in (
    rb"9(?<![aA9+.-]9)(?=(?:[().-]? ?\(?9){5})",
    rb"\+(?<![aA9+.-]\+)(?=\(?9(?:[().-]? ?\(?9){5})",
    rb"\((?<![aA9+.-]\()(?=9(?:[().-]? ?\(?9){5})"))


def labelled_phone_candidates(text: str) -> list[re.Match[str]]:
    """`list(_LABELLED_PHONE.finditer(text))`, tried only where a match can start."""
    if wide_digits(text):
        return list(_LABELLED_PHONE.finditer(text))
    shape = text_shape(text)
    starts = sorted({m.start() for gate in _LABELLED_PHONE_SHAPES
                     for m in gate.finditer(shape)})
    return list(matches_at(_LABELLED_PHONE, text, starts))


#: Any of them, found in one search: on the short windows before each number (up to
#: `_WINDOW` characters) cheaper than a `str.find` per needle, on a whole text dearer.
_PHONE_WORD_NEEDLE = re.compile("|".join(map(re.escape, PHONE_WORD_NEEDLES)))
_WINDOW = 64


def brazilian_phone_covers(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] lies within a Brazilian phone number that
    `PhoneRecognizer` finds, its bracketed area code just before `start`
    (`(11) 99254-4992`): the shape and the country's number patterns both."""
    bracket = text.rfind("(", max(0, start - 6), start)
    if bracket < 0:
        return False
    match = _BRAZILIAN_PHONE.match(text, bracket)
    return (match is not None and match.end() >= end
            and _country_code_of("55", _digits(match.group())))


def _any_phone_word(text: str) -> bool:
    """Whether a label of `PHONE_LABEL` or a word of `_PHONE_WORD_AFTER` can be in
    `text`: one `str.find` per needle on the lower-cased text, not a case-insensitive
    regex tried at every character."""
    lowered = lowered_of(text)
    if not finds_as_regex_does(text, lowered):
        return True
    if len(lowered) > _WINDOW:  # a whole text: `str.find`s, the first needle found stops
        return any(needle in lowered for needle in PHONE_WORD_NEEDLES)
    return _PHONE_WORD_NEEDLE.search(lowered) is not None


_DATE_VALUE = re.compile(r"(?:19|20)\d\d[-./]\d\d?[-./]\d\d?")


def _labelled_phone(text: str, match: re.Match[str]) -> bool:
    """A digit run is a phone number under a label (`Phone:`, `call me on`) or before a
    phone word (`… office`), when its digits make one (7 to 15; possible, by the
    `phonenumbers` package, when it starts with a country code)."""
    before = text[max(0, match.start() - 30):match.start()]
    # (the label first, and its literal start first: most numbers have none before them)
    if not (_any_phone_word(before) and PHONE_LABEL.search(before)
            or _PHONE_WORD_AFTER.match(text, match.end())):
        return False
    value = _without_extension(match.group().strip())
    digits = _digits(value)
    if not 7 <= len(digits) <= 15 or len(set(digits)) < 3:
        return False
    if len(digits) in (7, 10, 11) and digits[-7:-2] == "55501":
        return False  # 555-0100 … 555-0199: kept for fiction
    if _DATE_VALUE.fullmatch(value):
        return False  # a date
    if value.startswith(("+", "00")):
        import phonenumbers

        try:
            number = phonenumbers.parse("+" + value.lstrip("+0") if value.startswith("00")
                                        else value, None)
        except phonenumbers.NumberParseException:
            return False
        return phonenumbers.is_possible_number(number)
    return True


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of `spans` (sorted by start, each shorter than
    `_LONGEST_PHONE`): only the spans starting shortly before it are looked at."""
    before = bisect.bisect_left(spans, (end,))  # the spans starting before `end`
    after = bisect.bisect_left(spans, (start - _LONGEST_PHONE,), 0, before)
    return any(start < high for _, high in spans[after:before])


#: Longer than any number the readers of `PhoneRecognizer._found` report.
_LONGEST_PHONE = 128


_NOT_A_DIGIT = re.compile(r"\D")


def _digits(value: str) -> str:
    return _NOT_A_DIGIT.sub("", value)


def _without_extension(value: str) -> str:
    """`value` without an extension at its end (`_EXTENSION`, which holds an `x`)."""
    return _EXTENSION.sub("", value) if "x" in value or "X" in value else value


def _marked_us_phone(value: str) -> bool:
    """A US layout no other number has, an extension after it or the country code before
    it (`(107) 290-2227 x918`, `+1-139-099-6030`): a phone even where its digits are not
    ones NANP would give out (test data, made-up records), unless they are a well-known
    placeholder (a run of one digit, `123-456-7890`, 555-01xx)."""
    if not (_EXTENSION.search(value) or value.startswith(("+", "00"))):
        return False
    digits = _digits(_without_extension(value))[-10:]
    return len(set(digits)) > 2 and digits not in "01234567890" and not (
        digits[3:6] == "555" and digits[6:8] == "01")


def _valid_us_phone(value: str) -> bool:
    digits = _digits(_without_extension(value))
    if len(digits) == 13 and digits.startswith("001"):  # dialled from abroad
        digits = digits[2:]
    if len(digits) == 11:
        digits = digits[1:]
    if len(digits) != 10 or digits[0] in "01" or digits[3] in "01" or len(set(digits)) < 3:
        return False  # (a run of one or two digits, `555-555-5555`, is a placeholder)
    # 555-0100…555-0199 are reserved for fiction; N11 codes are services.
    return not (digits[3:6] == "555" and digits[6:8] == "01") and digits[1:3] != "11"


class PhoneRecognizer:
    """Phone and fax numbers; a number right after 'fax' is a FAX_NUMBER."""

    name = "pattern:phone"
    entities = ("PHONE_NUMBER", "FAX_NUMBER")

    def _kind(self, text: str, start: int) -> str:
        window = text[max(0, start - 25):start]
        return "FAX_NUMBER" if _FAX_CONTEXT.search(window) else "PHONE_NUMBER"

    def find(self, text: str) -> Iterator[Finding]:
        candidates: list[re.Match[str]] = []
        found = list(self._found(text, candidates))
        yield from found
        if candidates:
            # the numbers no reader above took, read by the words of their sentence
            taken = sorted((f.start, f.end) for f in found)
            for start, end in spoken_of_phones(text, [
                    match for match in candidates if not _overlaps(taken, *match.span())]):
                yield Finding(start, end, self._kind(text, start), "phi", 0.7, self.name)

    def _found(self, text: str, unread: list[re.Match[str]]) -> Iterator[Finding]:
        """The numbers a layout, a label or a relative makes a phone; `unread` gets the
        digit runs `spoken_of_phones` may read, if the text has a word it reads."""
        for match in matches_at(_US_PHONE, text, _us_phone_starts(text)):
            if (_valid_us_phone(match.group()) or _marked_us_phone(match.group())) and (
                    not _UNIT_AFTER.match(text, match.end())):
                yield Finding(match.start(), match.end(), self._kind(text, match.start()), "phi",
                              0.8, self.name)
        for match in _INTL_PHONE.finditer(text):
            digits = _digits(_without_extension(match.group()))
            if 8 <= len(digits) <= 15 and not (digits.startswith("1") and len(digits) == 11
                                               and not _valid_us_phone(match.group())):
                # (a valid number of its country outranks what its tail looks like: an
                # SSN's 3-2-4 or a ZIP+4 in `+992 372 75 8979`)
                yield Finding(match.start(), match.end(), self._kind(text, match.start()), "phi",
                              0.9 if _fits_its_country(digits) else 0.8, self.name)
        if "(" in text:
            for match in _BRAZILIAN_PHONE.finditer(text):
                if _country_code_of("55", _digits(match.group())):
                    yield Finding(match.start(), match.end(),
                                  self._kind(text, match.start()), "phi", 0.75, self.name)
            for match in _CODE_IN_BRACKETS.finditer(text):
                if _country_code_of(match.group("code"), _digits(match.group("rest"))):
                    yield Finding(match.start(), match.end(),
                                  self._kind(text, match.start()), "phi", 0.75, self.name)
        labelled = _any_phone_word(text)
        candidates = labelled_phone_candidates(text) if labelled or (
            _SEVEN_DIGITS.search(text)) else []
        if labelled:
            for match in candidates:
                if _labelled_phone(text, match):
                    end = match.start() + len(match.group().rstrip(" \t.-("))
                    yield Finding(match.start(), end, self._kind(text, match.start()), "phi",
                                  0.75, self.name)
        unread.extend(candidates)
        yield from self._dialled_at_home(text)
        yield from self._after_kin(text)
        for match in gated_matches(_BARE_PHONE, text):  # (from the text's shape)
            start = match.start()
            window = text[max(0, start - 30):start]
            if (_PHONE_CONTEXT.search(window) or _FAX_CONTEXT.search(window)) and (
                    _valid_us_phone(match.group())):
                yield Finding(start, match.end(), self._kind(text, start), "phi", 0.6, self.name)

    def _dialled_at_home(self, text: str) -> Iterator[Finding]:
        """Numbers in a country's own layout, without a label (see `_DIALLED_AT_HOME`);
        at most `_MOST_DIALLED` candidates a text, as each costs a look-up."""
        if "0" not in text:
            return
        looked_up = 0
        for match in matches_at(_DIALLED_AT_HOME, text, sorted(
                m.start() for start in _DIALLED_STARTS for m in start.finditer(text))):
            shape = _home_shape(match.group())
            if shape is None:
                continue  # a date or a short code: no look-up, so it counts for nothing
            if shape[1] == (3, 3, 3) and _an_identifier_before(text, match.start()):
                continue  # `licence no. 097 100 906`
            if looked_up >= _MOST_DIALLED:
                return
            looked_up += 1
            if _dialled_shape_is_a_phone(*shape):
                yield Finding(match.start(), match.end(), self._kind(text, match.start()),
                              "phi", 0.75, self.name)


    def _after_kin(self, text: str) -> Iterator[Finding]:
        """A US number, ten digits grouped any way or a local seven, shortly after a
        relative or a friend (`son Dave (240444-1243)`, `wife at 432-1876`): in a note
        about a person, the number of the one to call. Read only where a dash or a dot
        comes before the last four digits (`_KIN_CUE`), then backwards from there."""
        after = 0
        for cue in _KIN_CUE.finditer(text):
            if cue.start() < after:
                continue
            match = _KIN_NUMBER.search(text, max(0, cue.start() - 10), cue.end() + 1)
            if match is None or match.end() < cue.end():
                continue
            digits = _digits(match.group())
            if not (len(digits) == 10 and _valid_us_phone(digits) or len(digits) == 7 and (
                    digits[0] not in "01" and digits[:5] != "55501")):
                continue
            if _KIN_WORDS.search(text, max(0, match.start() - 40), match.start()):
                after = match.end()
                yield Finding(match.start(), match.end(), "PHONE_NUMBER", "phi", 0.7,
                              self.name)


#: Relatives and others a note gives a number for.
_KIN_WORDS = re.compile(r"\b(?:" + trie((
    *RELATIVES, "dtr", "friend", "neighbour", "neighbor", "proxy", "hcp", "guardian",
    "boyfriend", "girlfriend")) + r")s?(?:'s)?\b", re.IGNORECASE)
#: The last four digits of a number after a dash or a dot, three digits before it.
_KIN_CUE = re.compile(r"[.-](?<=\d{3}.)\d{4}(?!\d|[.,]\d)")
#: Ten digits as 3-3-4 or 6-4 (typed in a hurry), or seven as 3-4, the last four after a
#: dash or a dot; it starts with `(` or a digit, then looks behind it.
_KIN_NUMBER = re.compile(
    r"[(\d](?<![\w.,/:-].)(?:(?<=\()\d{3}|(?<=\d)\d{2})"
    r"(?:\)?[ .-]?\d{3}|\d{3})?[.-]\d{4}\)?(?![\w-]|[.,]\d)")


#: A number as a country writes it for its own people: the trunk `0`, the area code maybe
#: in brackets, groups parted by blanks, dashes, dots or slashes (`0151 496 0091`,
#: `(0131) 496 0597`, `090-8219-9351`, `06 12 34 56 78`), maybe an extension; or the same
#: after the international `00` (`00420 602 385 280`). Starts with `(` or `0`, then looks
#: behind it (no digit, word, sign or decimal point before).
_DIALLED_AT_HOME = re.compile(
    r"[(0](?<![\w+.,/:-].)(?:(?<=\()0\d{1,4}\)[ .-]?\d{2,5}|(?<=0)\d{1,4})"
    r"(?:(?:[ ]?[./-][ ]?|[ ])?\d{1,5}){1,5}"
    r"(?:[ ]?(?:x|ext\.?)[ ]?\d{1,5})?(?![\w:-]|[.,/]\d)", re.IGNORECASE)
#: Where a `_DIALLED_AT_HOME` match can start: a `0` or a `(0`, not after a character the
#: pattern refuses there, a digit next; searches led by the literal `0` and `(`, which
#: the regex engine skips to, not by the pattern's class of the two, which it tries at
#: every character.
_DIALLED_STARTS = (re.compile(r"0(?<![\w+.,/:-]0)(?=\d)"),
                   re.compile(r"\((?<![\w+.,/:-]\()(?=0\d)"))
_MOST_DIALLED = 12
_DIGIT_GROUPS = re.compile(r"\d+")


def dialled_at_home(value: str) -> bool:
    """Whether `value` is a phone number as `_DIALLED_AT_HOME` reads one: with the
    international `00`, a valid number (by `phonenumbers`) written in groups; with the
    trunk `0`, a valid number of a country that dials one, grouped as that country
    groups it (so a date, a zero-padded count or a code written in groups is none), in
    a grouping no common identifier has (`_ID_GROUPINGS`)."""
    shape = _home_shape(value)
    return shape is not None and _dialled_shape_is_a_phone(*shape)


def _home_shape(value: str) -> tuple[str, tuple[int, ...]] | None:
    """The digits and the grouping of `value` if its shape may be a phone's (the cheap
    part of `dialled_at_home`, no look-up), else None."""
    groups = _DIGIT_GROUPS.findall(_without_extension(value))
    digits = "".join(groups)
    if len(groups) < 2 or len(set(digits)) < 4:
        return None
    grouping = tuple(map(len, groups))
    if digits.startswith("00"):
        fits = digits[2] != "0" and 10 <= len(digits) <= 17
    else:
        fits = 9 <= len(digits) <= 12 and digits[1] != "0" and grouping not in _ID_GROUPINGS
    return (digits, grouping) if fits else None


def _dialled_shape_is_a_phone(digits: str, grouping: tuple[int, ...]) -> bool:
    """The look-up of `dialled_at_home`: a valid international number after `00`, or a
    number a country dialling a trunk `0` writes in `grouping`."""
    if digits.startswith("00"):
        return _valid_international(digits[2:])
    return _national_region(digits[1:], grouping) is not None


#: Groupings other numbers are written in, whatever a country's phones share them: an
#: SSN's 3-2-4, a ZIP+4's 5-4. (Not a social insurance number's 3-3-3: none starts with
#: the `0` every number read here starts with, and Croatia, Slovenia or Bosnia write
#: `021 276 842`.)
_ID_GROUPINGS = frozenset({(3, 2, 4), (5, 4)})


def _fits_its_country(digits: str) -> bool:
    """Whether `digits` (after a `+`) start with a country calling code and the rest is a
    number of that country by its general pattern and lengths in `phonenumbers`'
    metadata: nearly `is_valid_number`, for a dict look-up and a match."""
    return any(_country_code_of(digits[:size], digits[size:]) for size in (1, 2, 3))


@lru_cache(maxsize=1)
def _general_patterns() -> dict[str, tuple[tuple[re.Pattern[str], frozenset[int]], ...]]:
    """Each country calling code's countries' general national number pattern and
    lengths (NANP's `1` left out: its readers are `_US_PHONE`'s)."""
    import phonenumbers
    from phonenumbers import PhoneMetadata

    out = {}
    for code, regions in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items():
        entries = []
        for region in regions:
            metadata = PhoneMetadata.metadata_for_region_or_calling_code(code, region)
            if metadata is not None and code != 1:
                general = metadata.general_desc
                entries.append((re.compile(general.national_number_pattern),
                                frozenset(general.possible_length)))
        if entries:
            out[str(code)] = tuple(entries)
    return out


def _country_code_of(code: str, national: str) -> bool:
    """Whether `code` is a country calling code and `national` a number of it (by
    `_fits_its_country`'s patterns; not NANP's `1`, whose bracketed area codes are no
    country code)."""
    return 6 <= len(national) <= 13 and any(
        len(national) in lengths and pattern.fullmatch(national)
        for pattern, lengths in _general_patterns().get(code, ()))


def _valid_international(digits: str) -> bool:
    import phonenumbers

    try:
        return phonenumbers.is_valid_number(phonenumbers.parse("+" + digits, None))
    except phonenumbers.NumberParseException:
        return False


@memoised(maxsize=512)
def _national_region(national: str, grouping: tuple[int, ...]) -> str | None:
    """The first country dialling a trunk `0` in which `0` + `national` is a possible
    number, written in `grouping` (lengths of its digit groups, the `0` in the first)
    by one of that country's formats whose leading digits it has; None if none. Only
    the countries one of whose formats has that grouping are asked
    (`_trunk_zero_groupings`), with `phonenumbers`' patterns, not its functions (which
    compile their patterns anew once `re`'s cache drops them)."""
    return _first_region(_trunk_zero_groupings(), national, grouping)


def _first_region(table: dict[tuple[int, ...], tuple[_Region, ...]], national: str,
                  grouping: tuple[int, ...]) -> str | None:
    """The first region of `table` (a grouping's countries) one of whose formats writes
    `national` in `grouping`, its leading digits and pattern fitting; None if none."""
    for region, pattern, lengths, layouts in table.get(grouping, ()):
        if len(national) not in lengths or not pattern.fullmatch(national):
            continue
        for layout, leading in layouts:
            if (not leading or _compiled(leading).match(national)) and _compiled(
                    layout).fullmatch(national):
                return region
    return None


@lru_cache(maxsize=2048)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


#: (region, national number pattern, lengths, (format pattern, leading digits) of the
#: formats that write a grouping).
_Region = tuple[str, re.Pattern[str], frozenset[int], tuple[tuple[str, str], ...]]
#: A group of a format's pattern (`(\d{3})`, `(\d{2,4})`, `(\d)`) and a back-reference
#: in its layout (`\1`).
_FORMAT_GROUP = re.compile(r"\(\\d(?:\{(\d+)(?:,(\d+))?\})?\)")
_REFERENCE = re.compile(r"\\(\d)")


@lru_cache(maxsize=1)
def _trunk_zero_groupings() -> dict[tuple[int, ...], tuple[_Region, ...]]:
    """Each grouping a country dialling a `0` before the area code writes its numbers
    in at home (`(4, 3, 4)` for `0151 496 0091`), and those countries, from
    `phonenumbers`' metadata."""
    return _groupings_table(trunk=True)



def _groupings_table(trunk: bool) -> dict[tuple[int, ...], tuple[_Region, ...]]:
    """Each grouping a country writes its numbers in, and those countries, from
    `phonenumbers`' metadata: with `trunk`, only countries dialling a trunk `0`, the
    `0` counted in the first group; else every country's national number, and each
    also as one bare run of its digits."""
    import itertools

    import phonenumbers
    from phonenumbers import PhoneMetadata

    layouts: dict[tuple[int, ...], dict[str, list[tuple[str, str]]]] = {}
    regions: dict[str, tuple[re.Pattern[str], frozenset[int]]] = {}
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        metadata = PhoneMetadata.metadata_for_region(region)
        if metadata is None or trunk and metadata.national_prefix != "0":
            continue
        general = metadata.general_desc
        regions[region] = (re.compile(general.national_number_pattern),
                           frozenset(general.possible_length))
        for layout in metadata.number_format:
            leading = (layout.leading_digits_pattern or [""])[-1]
            groupings = _layout_groupings(layout, itertools.product, trunk=trunk)
            if not trunk:
                groupings += [(sum(g),) for g in groupings]  # the same digits, bare
            for grouping in groupings:
                written = layouts.setdefault(grouping, {}).setdefault(region, [])
                if (layout.pattern, leading) not in written:
                    written.append((layout.pattern, leading))
    return {grouping: tuple((region, *regions[region], tuple(written))
                            for region, written in by_region.items())
            for grouping, by_region in layouts.items()}


def _layout_groupings(layout: object, product: object, trunk: bool = True
                      ) -> list[tuple[int, ...]]:
    """The digit groupings one national format writes (its trunk `0` counted in; with
    `trunk` False, the national number's own, whatever the country's trunk)."""
    rule = getattr(layout, "national_prefix_formatting_rule", None) or ""
    widths = [range(int(low or 1), int(high or low or 1) + 1)
              for low, high in _FORMAT_GROUP.findall(getattr(layout, "pattern", ""))]
    written = [[int(ref) - 1 for ref in _REFERENCE.findall(part)]
               for part in re.split(r"[^\\\d]+", getattr(layout, "format", ""))]
    written = [refs for refs in written if refs]
    if not widths or not written or any(
            ref >= len(widths) for refs in written for ref in refs):
        return []
    if not trunk:
        return [tuple(sum(sizes[ref] for ref in refs) for refs in written)
                for sizes in product(*widths)]  # type: ignore[operator]
    if not rule.replace("(", "").startswith("0"):
        return []
    own_group = rule.replace("(", "").startswith("0 ")  # `0 1 23 45 67 89`
    out = []
    for sizes in product(*widths):  # type: ignore[operator]
        grouping = [sum(sizes[ref] for ref in refs) for refs in written]
        grouping = [1, *grouping] if own_group else [grouping[0] + 1, *grouping[1:]]
        out.append(tuple(grouping))
    return out



#: Words that speak of phoning, anywhere in a sentence: the literal start (lower case)
#: of each word `_SPOKEN_OF` reads, or a part of it (`phon` of `smartphone`); a text
#: with none of them has no number `spoken_of_phones` reads, and the pattern is tried
#: only at the start of a word holding one.
_SPOKEN_OF_NEEDLES = (
    "call", "phon", "dial", "ring", "rang", "text", "sms", "reach", "contact", "mobil",
    "cell", "number", "landline", "hotline", "helpline", "whats", "fax", "voicemail",
    "tel", "tél", "llam", "llám", "móvil", "movil", "celular", "ruf", "handy", "appel",
    "portable", "chiam", "bel", "ligue", "ligar")
#: A signature's other lines: an e-mail address, a closing.
_SIGNATURE_NEEDLES = ("@", "regards", "sincerely", "best wishes", "cheers")
#: The words of the needles in the senses that speak of a phone: `call`, `dial`, but
#: `text`, `ring`, `reach` and `cell` only as a phone's (`text me`, `ring her`, `reach
#: him`, `her cell`; not `text classification`, `ring buffer`, `reach 95 %`, `run this
#: cell`), `call` as a verb (not `call stack`), `number` only as someone's (`her
#: number`, `the number is`), a count or an identifier being the number of most
#: sentences. A few other languages' simplest forms. Every match starts at a word that
#: holds a needle (what comes before it is looked behind at).
_OBJECT = r"(?:me|him|her|them|us|you|back|out)"
_OWNER = "".join(f"(?<=\\b{word} )|" for word in (
    "my", "his", "her", "their", "your", "our", "new", "old"))[:-1]
_BEFORE_CALL = "".join(f"(?<=\\b{word} )|" for word in (
    "please", "pls", "to", "will", "'ll", "can", "could", "should", "must", "and", "or",
    "a", "phone"))[:-1]
_SPOKEN_OF = re.compile(
    r"(?<![\w.])(?:(?i:"
    r"call(?:s|ed|ing)?[ ](?:" + _OBJECT + r"|on|at|ahead|again|now)\b"
    r"|(?:" + _BEFORE_CALL + r")call\b"
    r"|(?:tele|smart|cell|mobile|home|work)?phon(?:e|es|ed|ing)"
    r"|dial(?:s|led|ed|ling)?|sms|texted|texting|text[ ](?:message|" + _OBJECT + r")\b"
    r"|rang|ring(?:s|ing)?[ ]" + _OBJECT + r"\b|(?<=a[ ])ring"
    r"|reach(?:es|ed|ing)?[ ]" + _OBJECT + r"\b|reachable"
    r"|contact(?:ed|ing|able)?[ ](?:" + _OBJECT + r"|details|info\w*|person|number)\b"
    r"|(?:" + _OWNER + r")(?:cell|mobile|number|landline)"
    r"|(?:cell|mobile)[ ](?:number|no)\b|numbers?[ ](?:is|are|was|were)\b|mobile"
    r"|landline|hotline|helpline|whats[ ]?app|fax(?:ed)?|voicemail|tel\."
    r"|t[eé]l[eé]phone|llam(?:a|e|ar|ame|ad|en|ó)|llámame|llámenos|tel[eé]fono"
    r"|m[oó]vil|celular|cellulare|telefon(?:o|e|ieren)?|anruf(?:en)?|ruf(?:e|en|t)?"
    r"|handy|appel(?:er|ez|le|lez)|portable|chiam(?:a|ami|are|ate)"
    r"|bel(?:len)?[ ](?:me|ons|even)\b|ligue|ligar)(?![\w(])"
    r"|(?:[Tt]ext|[Rr]ing|[Rr]each|[Cc]ontact(?:ed)?|[Cc]all(?:ed)?)[ ][A-Z])")


#: What every number `spoken_of_phones` reads holds (two digits, two more, a fifth, at
#: most two separators between them), found far faster than `_LABELLED_PHONE`'s
#: matches: a text without it is not searched for them unless a label is there.
_SEVEN_DIGITS = re.compile(r"\d\d[ ().-]{0,2}\d\d[ ().-]{0,2}\d")


def _spoken_of_word_between(text: str, lowered: str | None, low: int, high: int) -> bool:
    """Whether a word of `_SPOKEN_OF` starts in text[low:high]: tried at the start of
    each word holding a needle there (`lowered`: `text.lower()`, or None where
    `str.find` cannot tell, and every word's start is tried)."""
    if lowered is None:
        starts = [match.start() for match in _WORD_START.finditer(text, low, high)]
    else:
        starts = []
        for needle in _SPOKEN_OF_NEEDLES:
            at = lowered.find(needle, low, high)
            while at >= 0:
                word = at
                while word > max(low, at - 6) and text[word - 1].isalpha():
                    word -= 1  # `smartphone`, `cellphone`
                starts.append(word)
                at = lowered.find(needle, at + 1, high)
    return any(_SPOKEN_OF.match(text, at) for at in starts)


_WORD_START = re.compile(r"\b\w")
#: Where a sentence ends: a stop and a blank, or a line's end.
_SENTENCE_ENDS = ("\n", ". ", "! ", "? ")
_LOOK_AROUND = 200
#: Lines around a number that stands alone on its line, read as its contact block.
_BLOCK_LINES = 3
_SIGNATURE = re.compile(r"\S@\w[\w-]*\.\w|(?i:regards|sincerely|best wishes|cheers)\b")
#: Words right before a number that make it something else: an identifier's label, any
#: label (a phone's is read by `_labelled_phone`), a currency, an assignment in code.
_ID_BEFORE = re.compile(
    r"(?i:\b(?:order|account|acct|case|claim|policy|member|invoice|ref(?:erence)?|serial|"
    r"tracking|ticket|record|mrn|id|isbn|issn|doi|iban|swift|vat|tax|ssn|licen[cs]e|"
    r"passport|patient|booking|confirmation|batch|lot|part|model|item)\b"
    r"(?:[ ](?:number|no|num|code|id))?\.?[ ]?[:#]?[ ]?|[$€£¥][ ]?|[:=#][ *]{0,3})$")
def _an_identifier_before(text: str, start: int) -> bool:
    """Whether an identifier's label (a word of `_ID_BEFORE`, not only a colon or a
    sign) ends right before `start`."""
    match = _ID_BEFORE.search(text, max(0, start - 24), start)
    return match is not None and any(c.isalpha() for c in match.group())


#: A number of a list: a comma and another number after it, or before it.
_IN_A_LIST = re.compile(r",[ ]?\d")
_IN_A_LIST_BEFORE = re.compile(r"\d,[ ]?$")
#: Words right after a number that count or measure it.
_COUNTED_AFTER = re.compile(
    r"[ ]?(?:[$€£¥%]|(?i:eur|usd|gbp|chf|sek|nok|dkk|kr|calls|rows|samples|people|patients|"
    r"times|items|units|records|users|[kmg]?b|bytes)\b)")
#: An SSN's 3-2-4 and a ZIP+4's 5-4 (a social insurance number's 3-3-3 is some
#: countries' phone layout, and read), an IP address.
_NOT_A_PHONE_LAYOUT = re.compile(r"\d{3}([ .-])\d\d\1\d{4}|\d{5}-\d{4}|\d{1,3}(?:\.\d{1,3}){3}")
#: A year and a date (a time after it), a version with a long part (`4.6.14274.916`),
#: an ISBN-10 (`0-306-40615-2`).
_NOT_A_PHONE_EITHER = re.compile(
    r"(?:19|20)\d\d[-./]\d\d?[-./]\d|\d+(?:\.\d+)*\.\d{5,}|\d{1,5}-\d{1,7}-\d{1,7}-\d$")
#: Digits grouped in thousands (`3 823 367`, `646 149 744`): a count unless the words
#: around speak of phoning.
_THOUSANDS = re.compile(r"\d{1,3}(?:[ ,]\d{3})+")
#: A number with a decimal point (`0.3535533906`), unless both its parts are a phone's
#: groups (`6619.1677`).
_DECIMAL = re.compile(r"(?!\d{3,4}\.\d{4}$)\d+\.\d+")
#: A date, a run of years or a timestamp, which no phone word makes a phone.
_DATE_SHAPE = re.compile(
    r"\d\d?[ ./-]\d\d?[ ./-](?:19|20)?\d\d|(?:19|20)\d\d(?:[ ./-]?\d\d){2}"
    r"|(?:19|20)\d\d[ ]?[/-][ ]?(?:19|20)\d\d|1[5-9]\d{8}")


def spoken_of_phones(text: str, candidates: Iterable[re.Match[str]] | None = None
                     ) -> Iterator[tuple[int, int]]:
    """Numbers written as a phone is somewhere, in a sentence that speaks of phoning
    (`Dial 612 345 678 and ask for the ward clerk`, `Text Jonas at 20 49 31 41`) or
    alone on a line of a signature (an e-mail address or a closing near it): with no
    label right before them, their words say what they are. Read only where the
    layout is a phone's in some country (`_a_phone_somewhere`), and not after an
    identifier's label or a currency, nor before a unit or a count. `candidates`: the
    matches of `_LABELLED_PHONE` in `text`, if the caller has them."""
    lowered: str | None = None
    for match in labelled_phone_candidates(text) if candidates is None else candidates:
        written = match.group().rstrip(" \t.-(")
        skipped = 1 if written[0] == "(" and ")" not in written else 0  # `(52 88 20 01)`
        written = written[skipped:]
        value = _without_extension(written)
        digits = _digits(value)
        if not 7 <= len(digits) <= 15 or len(set(digits)) < 3 or (
                _DATE_SHAPE.fullmatch(value)) or _DECIMAL.fullmatch(value.strip("()")) or (
                len(digits) in (7, 10, 11) and digits[-7:-2] == "55501") or (  # fiction
                _NOT_A_PHONE_LAYOUT.fullmatch(value)):
            continue
        start = match.start() + skipped
        end = start + len(written)
        if text[start - 1:start] in ("#", "\t") or text[start - 2:start] == "  " or (
                text[end:end + 1] == "\t" or text[end:end + 2] == "  ") or (
                _IN_A_LIST.match(text, end) or _IN_A_LIST_BEFORE.search(
                    text, max(0, start - 4), start)):
            continue  # a cell of a table, one of a list of numbers, a number after `#`
        if _ID_BEFORE.search(text, max(0, start - 24), start) and not (
                text[start - 2:start].rstrip()[-1:] in (":", "-") and _named_before(text, start)):
            continue  # (not `- daughter Anna: …`, `Jonas Berg - …`: whose number it is)
        if lowered is None:  # once a text, for its first number
            lowered = lowered_of(text)
            if not finds_as_regex_does(text, lowered):
                lowered = ""
        if text[end:end + 1] == ":" or _NOT_A_PHONE_EITHER.match(value):
            continue  # a date and time, a version, an ISBN
        sentence = _sentence(text, start, end)
        spoken = _spoken_of_word_between(text, lowered or None, *sentence) or (
            _in_a_signature(text, lowered or None, start, end))
        # (more weakly: a relative in the sentence, `the son gave us 52 88 20 01`; a
        # message, a name right before it, `Marta Lindqvist 0612 345 678`; a count,
        # not written with a leading 0, is no phone there)
        kin = not spoken and _KIN_WORDS.search(text, *sentence) is not None
        heard = not (spoken or kin) and (_HEARD_OF.search(text, *sentence) is not None
                                         or _named_before(text, start)
                                         or _under_a_name_or_address(text, start, end))
        if not (spoken or (kin or heard) and not (
                digits[0] != "0" and _THOUSANDS.fullmatch(value))):
            continue
        if _COUNTED_AFTER.match(text, end) or _UNIT_AFTER.match(text, end):
            continue
        if _a_phone_somewhere(value, digits) and (
                not heard or _as_written_somewhere(value, digits)):
            yield start, end


#: Words that say a number may be someone's, more weakly than `_SPOKEN_OF`'s (a count
#: is none there): a message left, getting hold of someone.
_HEARD_OF = re.compile(
    r"\b(?i:(?:left|leave|leaving)[ ](?:(?:her|him|them|you|me)[ ])?(?:a[ ])?"
    r"(?:voice[ ]?)?messages?|get(?:s|ting)?[ ]hold[ ]of|got[ ]hold[ ]of)\b")


#: A person's name right before a number, on its line (maybe after a list's mark, a
#: relative, a comma): a title and a capitalised name (`Dr. Okafor (`), or two or three
#: capitalised words the first of which is a given name (`Marta Lindqvist`, `- daughter
#: Anna:`), then a blank, `(`, `:`, `,` or a dash.
_TITLED = r"(?P<title>(?i:dr|mr|mrs|ms|prof))\.?[ ]+[A-Z][\w'’-]+"
_NAME_BEFORE = re.compile(
    r"(?:^|[\n,;(•*-][ \t]*|\b(?:" + "|".join(RELATIVES) + r")[ ])"
    r"(?:" + _TITLED +
    r"|(?P<given>[A-Z][^\W\d_]+)(?:[ ][A-Z][\w'’-]+){0,2})"
    r"(?:[ ]?[(:,]|[ ][-–])?[ ]?$")


def _named_before(text: str, start: int) -> bool:
    """Whether a person's name (`_NAME_BEFORE`; without a title, its first word a given
    name of the name lists, not a common word) ends right before `start`."""
    low = max(text.rfind("\n", max(0, start - 48), start), max(0, start - 48))
    match = _NAME_BEFORE.search(text, low, start)
    return match is not None and _names_someone(match)


def _names_someone(match: re.Match[str]) -> bool:
    """Whether a `_NAME_BEFORE` or `_NAME_LINE` match is a person's name: a title's, or
    one whose first word the name lists hold as a given name."""
    if match.group("title"):
        return True
    from .name_lists import name_lists

    return name_lists().kind(match.group("given")) in ("G", "N")


#: A line that is a person's name (a title and a name, or a given name and one or two
#: capitalised words), or that ends with a postal code after a state or a comma (`APO AA
#: 61487`, `Springfield, IL 62704-1234`, `Leeds LS6 2QP`), or is one and a town (`75011
#: Paris`).
_NAME_LINE = re.compile(
    r"[ \t]*(?:" + _TITLED + r"(?:[ ][A-Z][\w'’-]+)?"
    r"|(?P<given>[A-Z][^\W\d_]+)(?:[ ][A-Z][\w'’.-]*){1,2})[ \t]*$")
_ADDRESS_LINE_END = re.compile(
    r"(?:(?:\b[A-Z]{2}|[^\W\d_],)[ ]\d{4,6}(?:-\d{4})?|\b[A-Z]{1,2}\d[A-Z\d]?[ ]\d[A-Z]{2}"
    r"|^[ \t]*\d{4,6}[ ][A-Z][^\W\d_]+(?:[ -][A-Z][^\W\d_]+)?)[ \t]*$")


def _under_a_name_or_address(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands alone on its line right under a person's name or
    an address's last line (`_NAME_LINE`, `_ADDRESS_LINE_END`), maybe with other such
    numbers between: a contact block's number."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip() or text[end:text.find("\n", end) % (len(text) + 1)
                                              ].strip():
        return False
    for _ in range(_BLOCK_LINES):
        if line_start == 0:
            return False
        above = text.rfind("\n", 0, line_start - 1) + 1
        line = text[above:line_start - 1]
        if _ADDRESS_LINE_END.search(line) and not _DATE_SHAPE.search(line):
            return True
        name = _NAME_LINE.match(line)
        if name is not None:
            return _names_someone(name)
        if not _LABELLED_PHONE.fullmatch(line.strip()):
            return False  # (only another number between)
        line_start = above
    return False


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) around text[start:end], at most `_LOOK_AROUND` characters
    either side of it."""
    low = max(0, start - _LOOK_AROUND)
    for stop in _SENTENCE_ENDS:
        at = text.rfind(stop, low, start)
        if at >= 0:
            low = at + len(stop)
    high = min(len(text), end + _LOOK_AROUND)
    for stop in _SENTENCE_ENDS:
        at = text.find(stop, end, high)
        if at >= 0:
            high = at
    return low, high


def _in_a_signature(text: str, lowered: str | None, start: int, end: int) -> bool:
    """Whether text[start:end] stands alone on its line (maybe after a short label)
    among lines that hold an e-mail address, a closing or a phone word."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if text[end:line_end].strip() or len(text[line_start:start].strip()) > 4:
        return False
    low = line_start
    for _ in range(_BLOCK_LINES):
        low = text.rfind("\n", 0, max(0, low - 1)) + 1
    high = line_end
    for _ in range(_BLOCK_LINES):
        found = text.find("\n", high + 1)
        high = len(text) if found < 0 else found
    low, high = max(low, line_start - _LOOK_AROUND), min(high, line_end + _LOOK_AROUND)
    if _spoken_of_word_between(text, lowered, low, high):
        return True
    around = text[low:high]
    return ("@" in around or any(word in around.lower() for word in _SIGNATURE_NEEDLES)
            ) and _SIGNATURE.search(around) is not None


def _a_phone_somewhere(value: str, digits: str) -> bool:
    """Whether `value` is written as a phone number is in some country: a valid number
    after `+` or `00`; after a trunk `0`, a possible number of a country dialling one;
    else ten digits NANP gives out, or a national number some country writes in this
    grouping (by `phonenumbers`' formats; bare digits when the whole run is one)."""
    if value.startswith(("+", "00")):
        return _valid_international(digits.lstrip("0") if value.startswith("00") else digits)
    if digits[0] == "0":
        return digits[1] != "0" and _trunk_zero_region(digits[1:]) is not None
    if len(digits) == 10 and _valid_us_phone(digits):
        return True
    grouping = tuple(map(len, _DIGIT_GROUPS.findall(value)))
    return _written_region(digits, grouping) is not None


def _as_written_somewhere(value: str, digits: str) -> bool:
    """Whether `value`, without a `+`, `00` or a trunk `0`, is written as it is dialled
    in a country with no trunk prefix (Denmark's `52 88 20 01`, Spain's `612 345 678`)
    or is ten digits NANP gives out: a country with a trunk prefix writes it, so a
    number without one there is a row of numbers (`499 113 75`) as likely."""
    if value.startswith(("+", "00")) or digits[0] == "0" or (
            len(digits) == 10 and _valid_us_phone(digits)):
        return True
    grouping = tuple(map(len, _DIGIT_GROUPS.findall(value)))
    return _first_region(_untrunked_groupings(), digits, grouping) is not None


@lru_cache(maxsize=1)
def _untrunked_groupings() -> dict[tuple[int, ...], tuple[_Region, ...]]:
    """`_national_groupings`, of the countries without a national (trunk) prefix."""
    from phonenumbers import PhoneMetadata

    out = {}
    for grouping, regions in _national_groupings().items():
        kept = tuple(region for region in regions
                     if not PhoneMetadata.metadata_for_region(region[0]).national_prefix)
        if kept:
            out[grouping] = kept
    return out


@memoised(maxsize=512)
def _trunk_zero_region(national: str) -> str | None:
    """The first country dialling a trunk `0` where `national` is a possible number
    (its general pattern and length), however it is grouped; None if none."""
    for region, pattern, lengths in _trunk_zero_regions():
        if len(national) in lengths and pattern.fullmatch(national):
            return region
    return None


@lru_cache(maxsize=1)
def _trunk_zero_regions() -> tuple[tuple[str, re.Pattern[str], frozenset[int]], ...]:
    import phonenumbers
    from phonenumbers import PhoneMetadata

    out = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        metadata = PhoneMetadata.metadata_for_region(region)
        if metadata is not None and metadata.national_prefix == "0":
            general = metadata.general_desc
            out.append((region, re.compile(general.national_number_pattern),
                        frozenset(general.possible_length)))
    return tuple(out)


@memoised(maxsize=512)
def _written_region(national: str, grouping: tuple[int, ...]) -> str | None:
    """The first country one of whose formats writes its national number `national`
    (no trunk prefix) in `grouping`, its leading digits and pattern fitting; None."""
    return _first_region(_national_groupings(), national, grouping)


@lru_cache(maxsize=1)
def _national_groupings() -> dict[tuple[int, ...], tuple[_Region, ...]]:
    """Each grouping a country writes its national numbers in without a trunk prefix
    (`(3, 3, 3)` for Spain's `612 345 678`; a single group for a bare run of a length
    the country dials), and those countries, from `phonenumbers`' metadata."""
    return _groupings_table(trunk=False)



# A hospital pager's short number, read only right after its word (`Pager #40217`,
# `beeper: 5512`, `PG 71904` as notes shorten it); a year is none (`pg 1999`).
_YEAR = re.compile(r"(?:19|20)\d\d")
PAGER = PatternRecognizer(
    "PHONE_NUMBER", "phi",
    re.compile(r"(?<![\w.-])#?(?P<value>\d{4,6})(?![\w-]|[.,]\d|[ ]?%)"), 0.7,
    lambda v: len(set(v)) >= 2 and not _YEAR.fullmatch(v),
    context=context_regex(["pager", "beeper", "bleep", "pgr", "pg"]), window=18, label="pager")

#: A hospital's internal line: `ext 45678`, `extension 4-5678`, `x4-5678` (a five-digit
#: extension split after its first digit). `ext` reads any three to five digits after it
#: (matched on lower-cased text, where `ext` is found with `str.find`); a bare `x` only
#: the split shape, and never after an operator (`x4-5678` in code).
_AFTER_EXT = re.compile(r"ext(?:ension|n)?\.?[ ]?[:#]?[ ]?(?P<value>\d-\d{4}|\d{3,5})"
                        r"(?![\w-]|[.,]\d)")
_SPLIT_EXTENSION = re.compile(r"[xX](?<![\w.=+*/-][xX])(?P<value>\d-\d{4})(?![\w-]|[.,]\d)")
#: The dash of a `_SPLIT_EXTENSION` match, after its `x` and digit: a literal the regex
#: engine skips to (the pattern's class of `x` and `X` it tries at every character); the
#: match starts two characters before it.
_SPLIT_EXTENSION_DASH = re.compile(r"-(?<=[xX]\d-)")
_CODE_BEFORE = re.compile(r"[=+*/%<>\[({,-][ \t]*$")


class ExtensionRecognizer:
    """Internal extensions (see `_AFTER_EXT`), found without another label."""

    name = "pattern:extension"
    entities = ("PHONE_NUMBER",)

    def find(self, text: str) -> Iterator[Finding]:
        lowered = lowered_of(text)
        matches: list[re.Match[str]] = []
        if len(lowered) == len(text):
            for at in literal_starts(lowered, ("ext",)):
                if at == 0 or not (lowered[at - 1].isalnum() or lowered[at - 1] in "_.-"):
                    match = _AFTER_EXT.match(lowered, at)
                    if match is not None:
                        matches.append(match)
        dashes = [m.start() - 2 for m in _SPLIT_EXTENSION_DASH.finditer(text)]
        matches += [match for match in matches_at(_SPLIT_EXTENSION, text, dashes)
                    if not _CODE_BEFORE.search(text, max(0, match.start() - 8), match.start())]
        for match in matches:
            value = match.group("value")
            if not _YEAR.fullmatch(value) and len(set(_digits(value))) >= 2:
                yield Finding(match.start(), match.end(), "PHONE_NUMBER", "phi", 0.7, self.name)


PHONE_RECOGNIZERS = (PhoneRecognizer(), PAGER, ExtensionRecognizer())
