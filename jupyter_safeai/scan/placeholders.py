"""Well-known placeholder values: the SSN on every sample form, `…@example.com`, the
numbers NANP keeps for fiction or cannot dial (`555-123-4567`, `(123) 456-7890` under a
phone label), the card numbers of payment test suites.

The recognizers drop them (`valid_ssn`, `_valid_email`, `_valid_us_phone`,
`_card_valid`): in documentation, code and notebooks they stand for no one. A prompt
is different: `John Smith … (SSN: 123-45-6789)` may be a real typo or a person
testing the gate, and redacting costs nothing, so the gate reports them as well
(`policy.gate.check_prompt`), with the detector `placeholder`; `severity.rate` marks
a placeholder value (`is_placeholder`, whoever found it) `low` in code and test
fixtures.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .allow import apply_inline_allows
from .code import overlaps_any
from .contact import _RESERVED_TLDS
from .engine import resolve_overlaps
from .finding import Finding
from .identifiers import luhn_valid, valid_ssn
from .phones import PHONE_LABEL, PHONE_WORD_NEEDLES, _valid_us_phone

NAME = "placeholder"
SCORE = 0.7

#: SSNs printed on sample cards and forms, and the made-up ones everyone types.
_FAMOUS_SSNS = frozenset({"123456789", "078051120", "987654321", "987654320"})
# Shapes start with the digit they need and look behind it from there, so the regex
# engine skips to digits instead of trying the look-behind at every position.
_SSN_SHAPE = re.compile(r"\d(?<![\w-]\d)\d\d([- ])\d{2}\1\d{4}(?![\w-])")
_SSN_LABEL = re.compile(r"(?:ssn|social security|soc\.? sec)\W{0,12}$", re.IGNORECASE)

_EMAIL = re.compile(r"(?<![\w.%+:/-])[A-Za-z0-9][\w.%+-]{0,63}@(?P<domain>(?:[A-Za-z0-9-]{1,63}\.)"
                    r"{1,8}[A-Za-z]{2,24})(?![\w-])")

#: 555-0100 … 555-0199, with or without an area code.
_FICTION_PHONE = re.compile(r"(?<![\w+.-])(?:\+?1[ .-]?)?(?:\(\d{3}\)[ .-]?|\d{3}[ .-])?"
                            r"555[ .-]01\d\d(?![\w-])")

#: A US number's shape, possible or not. A number of this shape NANP cannot dial (an area
#: or exchange code starting 0 or 1: `555-123-4567`) is a placeholder (`is_placeholder`,
#: whoever found it); `find_placeholders` reports one in a prompt under a phone label.
_US_PHONE_SHAPE = re.compile(r"(?<![\w+.-])(?:\(\d{3}\)[ .-]?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\w-])")

#: Test card numbers repeat one or two digits (4111 1111 1111 1111, 4242 …).
_CARD_SHAPE = re.compile(r"\d(?<![\w.,-]\d)\d{3}(?:[ -]?\d{4}){3}(?![\w-])")


_NOT_DIGIT = re.compile(r"\D")


def _digits(value: str) -> str:
    return _NOT_DIGIT.sub("", value)


def _placeholder_ssn(text: str, match: re.Match[str]) -> bool:
    digits = _digits(match.group())
    if valid_ssn(digits):
        return False  # a real-looking SSN: the SSN recognizers decide
    return digits in _FAMOUS_SSNS or len(set(digits)) == 1 or bool(
        _SSN_LABEL.search(text, max(0, match.start() - 30), match.start()))


def _reserved_domain(domain: str) -> bool:
    labels = domain.lower().split(".")
    return labels[-1] in _RESERVED_TLDS or "example" in labels[-3:-1]


def _test_card(value: str) -> bool:
    digits = _digits(value)
    return len(digits) == 16 and len(set(digits)) <= 2 and luhn_valid(digits)


def is_placeholder(entity: str, value: str) -> bool:
    """Whether `value`, found as `entity` by any recognizer, is a well-known placeholder."""
    if entity == "US_SSN":
        digits = _digits(value)
        return len(digits) == 9 and (digits in _FAMOUS_SSNS or len(set(digits)) == 1)
    if entity == "EMAIL_ADDRESS":
        return "@" in value and _reserved_domain(value.rsplit("@", 1)[1])
    if entity in {"PHONE_NUMBER", "FAX_NUMBER"}:
        value = value.strip()
        return _FICTION_PHONE.fullmatch(value) is not None or (
            _US_PHONE_SHAPE.fullmatch(value) is not None and not _valid_us_phone(value))
    if entity == "CREDIT_CARD":
        return _test_card(value)
    return False


def find_placeholders(text: str) -> Iterator[Finding]:
    """Well-known placeholder identifiers in `text` (see the module docstring)."""
    if "-" in text or " " in text:
        for match in _SSN_SHAPE.finditer(text):
            if _placeholder_ssn(text, match):
                yield Finding(match.start(), match.end(), "US_SSN", "phi", SCORE, NAME)
    if "@" in text:
        for match in _EMAIL.finditer(text):
            if _reserved_domain(match.group("domain")):
                yield Finding(match.start(), match.end(), "EMAIL_ADDRESS", "phi", SCORE, NAME)
    if "555" in text:
        for match in _FICTION_PHONE.finditer(text):
            yield Finding(match.start(), match.end(), "PHONE_NUMBER", "phi", SCORE, NAME)
    for match in _labelled_us_phone_shapes(text):
        if not _valid_us_phone(match.group()) and not _FICTION_PHONE.fullmatch(match.group()):
            yield Finding(match.start(), match.end(), "PHONE_NUMBER", "phi", SCORE, NAME)
    for match in _CARD_SHAPE.finditer(text):
        if _test_card(match.group()):
            yield Finding(match.start(), match.end(), "CREDIT_CARD", "phi", SCORE, NAME)


def _labelled_us_phone_shapes(text: str) -> Iterator[re.Match[str]]:
    """US number shapes right after a phone label (`phones.PHONE_LABEL`, in the 30
    characters before them), looked for only right after a label's literal start (most
    texts have none): such a number starts within 30 characters of it and is at most 14
    long, so 60 characters hold it and the character after it."""
    lowered = text.lower()
    if len(lowered) != len(text):  # lower-casing moved the offsets: read the whole text
        windows = [(0, len(text))] if any(w in lowered for w in PHONE_WORD_NEEDLES) else []
    else:
        ends = sorted({at + len(word) for word in PHONE_WORD_NEEDLES
                       for at in _all_finds(lowered, word)})
        windows = [(end, min(len(text), end + 60)) for end in ends]
    after = 0
    for start, stop in windows:
        for match in _US_PHONE_SHAPE.finditer(text, max(start, after), stop):
            if PHONE_LABEL.search(text, max(0, match.start() - 30), match.start()):
                after = match.end()
                yield match


def _all_finds(text: str, word: str) -> Iterator[int]:
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


def with_placeholders(scanner: Callable[[str], list[Finding]]) -> Callable[[str], list[Finding]]:
    """`scanner` that also reports placeholders where it found nothing: what it found
    stands (a record's `ssn:` value, a labelled number), a placeholder fills the gaps.
    An inline allow marker accepts a placeholder as it would any finding."""

    def scan(text: str) -> list[Finding]:
        found = scanner(text)
        spans = sorted((f.start, f.end) for f in found)
        extra = [p for p in find_placeholders(text) if not overlaps_any(spans, p.start, p.end)]
        if not extra:
            return found
        extra = apply_inline_allows(text, resolve_overlaps(extra))
        return sorted([*found, *extra], key=lambda f: (f.start, f.end))

    return scan
