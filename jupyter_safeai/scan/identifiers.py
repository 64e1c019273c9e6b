"""Numbers that single out a person: SSN, MRN, health-plan, account, card, licence,
vehicle, device, biometric and other unique identifiers.

Formats with a check (Luhn, VIN check digit, IBAN mod 97, DEA, Medicare MBI) are found
anywhere; numbers that look like any other number (an MRN is just digits) count only
next to their label, as a person reading the note would take them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .finding import Finding
from .handles import HandleRecognizer
from .recognizer import PatternRecognizer, context_regex, cue_starts, matches_at
from .toml_files import packaged_toml

# -- validators ---------------------------------------------------------------------------


_NOT_DIGIT = re.compile(r"\D")


def _digits(value: str) -> str:
    return _NOT_DIGIT.sub("", value)


def luhn_valid(number: str) -> bool:
    digits = [int(d) for d in _digits(number)]
    if len(digits) < 2:
        return False
    total = 0
    for i, digit in enumerate(reversed(digits)):
        if i % 2:
            digit *= 2
            digit -= 9 if digit > 9 else 0
        total += digit
    return total % 10 == 0


def valid_ssn(value: str) -> bool:
    """SSA never issues area 000, 666 or 9xx, group 00 or serial 0000."""
    digits = _digits(value)
    if len(digits) != 9 or len(set(digits)) == 1 or digits in {"123456789", "078051120"}:
        return False
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    return area not in {"000", "666"} and area[0] != "9" and group != "00" and serial != "0000"


_VIN_VALUES = {**{str(d): d for d in range(10)},
               **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
               **dict(zip("JKLMN", range(1, 6), strict=True)), "P": 7, "R": 9,
               **dict(zip("STUVWXYZ", range(2, 10), strict=True))}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def vin_check_digit_valid(vin: str) -> bool:
    vin = vin.upper()
    if len(vin) != 17 or not vin[:8].isalnum() or not any(c.isdigit() for c in vin):
        return False
    total = sum(_VIN_VALUES[c] * w for c, w in zip(vin, _VIN_WEIGHTS, strict=True))
    check = total % 11
    return vin[8] == ("X" if check == 10 else str(check))


_BLANK = re.compile(r"\s")


def iban_valid(value: str) -> bool:
    compact = _BLANK.sub("", value).upper()
    if not 15 <= len(compact) <= 34:
        return False
    moved = compact[4:] + compact[:4]
    number = "".join(str(int(c, 36)) for c in moved)
    return int(number) % 97 == 1


def dea_valid(value: str) -> bool:
    digits = value[2:]
    if len(digits) != 7 or not digits.isdigit():
        return False
    d = [int(c) for c in digits]
    return (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10 == d[6]


def npi_valid(value: str) -> bool:
    return len(value) == 10 and luhn_valid("80840" + value)


_YEARS = re.compile(r"(?:19|20)\d\d(?:-(?:19|20)?\d\d)?")


def _has_digits(value: str, minimum: int = 4) -> bool:
    """Enough digits, and not a year or a span of years (`2019-2020`)."""
    return sum(c.isdigit() for c in value) >= minimum and not _YEARS.fullmatch(value)


#: A part of a model's name that states a size or speed (`P100-PCIE-16GB`, `RTX-4090-24G`):
#: a product line, shared by every unit sold, where a serial number is one unit's.
_SPEC_PART = re.compile(r"(?:^|-)\d+(?:[KMGT]B?|MHZ|GHZ|W)(?:-|$)")


def _model_name(value: str) -> bool:
    return _SPEC_PART.search(value) is not None


#: Dates in numbers, day or month first (`3/4/21`) or year first (`2021-06-17`).
_NUMERIC_DATE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}[/.-]\d{1,2}[/.-]\d{1,2}")


def _not_date_or_amount(value: str) -> bool:
    """An id after its label: not a date, and not a short run (six digits at most) of
    one or two digits (`'000 00'`, a qubit register's bits, where `encounter` is a
    verb)."""
    digits = _digits(value)
    return (_has_digits(value) and not _NUMERIC_DATE.fullmatch(value)
            and (len(set(digits)) >= 3 or len(digits) > 6))


def _card_valid(value: str) -> bool:
    digits = _digits(value)
    return 13 <= len(digits) <= 19 and luhn_valid(digits) and len(set(digits)) > 2


# -- labels --------------------------------------------------------------------------------
#: Each kind's labels (`identifier_labels.toml`: data, one list a kind), as context words.
_LABELS = {kind: context_regex(words) for kind, words
           in packaged_toml("jupyter_safeai.scan", "identifier_labels.toml").items()}

# An identifier after its label: letters then digits (a site's letters may close it:
# `KX-402217QT`), or digits in space-separated groups (NHS 943 476 5919, SIN 046 454 286).
_ID_VALUE = (r"(?P<value>\d{2,5}(?: \d{2,5}){1,4}(?![ ]?\d)"
             r"|[A-Z]{0,5}-?\d[\dA-Z-]{2,18}\d[A-Z]{0,3}|\d{4,20})")
# Not the digits after a decimal point (`dL/dw: -0.559999764`), nor a count of rows
# (`order_id  4622 non-null  int64` in `df.info()`), nor a share (`a/c 600 x 14 45%`: a
# ventilator's settings), nor an amount of money (`ticket id 4500 USD`, `$ 1200`,
# `$ 1200.50`): a sign or a currency makes money of six digits at most or of a number with
# a decimal part, while a longer whole number is an id typed with a stray sign
# (`customer id: $48213977`, `customer id: 48213977 usd`).
_CURRENCY = (r"(?i:usd|eur|gbp|jpy|inr|cad|aud|yen|yuan|dollars?|euros?|pounds?|"
             r"rupees?)\b")
_MONEY_AFTER_SIGN = r"(?:(?<=[$€£¥₹])|(?<=[$€£¥₹][ ]))(?:\d{1,6}(?!\d)|\d+[.,]\d)"
_ID_AFTER_LABEL = re.compile(
    rf"(?<![\w-])(?<!\d\.)(?!{_MONEY_AFTER_SIGN}){_ID_VALUE}(?![\w-])(?! non-null)"
    rf"(?![ ]?%)(?!(?<!\d{{7}})[ ]?{_CURRENCY})(?![.,]\d+[ ]?{_CURRENCY})")

# -- recognizers ---------------------------------------------------------------------------
# Cues: the first separator of a match, 3 characters in (123-45-6789).
_SSN_CUES = (re.compile(r"-(?=\d\d-\d{4})"), re.compile(r" (?=\d\d \d{4})"))
SSN_FORMATTED = PatternRecognizer(
    "US_SSN", "phi", re.compile(r"(?P<value>\d(?<![\w-]\d)\d{2}([- ])\d{2}\2\d{4})(?![\w-])"),
    0.85, valid_ssn, label="us_ssn", starts_at=lambda text: cue_starts(text, _SSN_CUES, (3,)))
SSN_BARE = PatternRecognizer(
    "US_SSN", "phi", re.compile(r"(?<![\w-])(?P<value>\d{9})(?![\w-])"), 0.8, valid_ssn,
    context=_LABELS["ssn"], window=30, label="us_ssn_bare")
MRN = PatternRecognizer("MEDICAL_RECORD_NUMBER", "phi", _ID_AFTER_LABEL, 0.85,
                        _not_date_or_amount, context=_LABELS["mrn"], window=25, label="mrn")
# Hospital-prefixed record numbers read as such without a label: MGH-00123456.
_MRN_PREFIX_CUE = (re.compile(r"-(?=\d{6})"),)  # the dash, 2 to 5 letters in
MRN_PREFIXED = PatternRecognizer(
    "MEDICAL_RECORD_NUMBER", "phi",
    re.compile(r"[A-Z](?<![\w-][A-Z])[A-Z]{1,4}-\d{6,10}(?![\w-])"), 0.6, label="mrn_prefixed",
    starts_at=lambda text: cue_starts(text, _MRN_PREFIX_CUE, range(2, 6)))
MEDICARE_MBI = PatternRecognizer(
    "HEALTH_PLAN_NUMBER", "phi",
    re.compile(r"[1-9](?<![\w-][1-9])[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y\d]\d-?[AC-HJKMNP-RT-Y]"
               r"[AC-HJKMNP-RT-Y\d]\d-?[AC-HJKMNP-RT-Y]{2}\d{2}(?![\w-])"), 0.85, label="mbi")
HEALTH_PLAN = PatternRecognizer(
    "HEALTH_PLAN_NUMBER", "phi",
    re.compile(r"(?<![\w-])(?P<value>[A-Z]{0,4}[-]?\d[\dA-Z-]{3,18}[\dA-Z])(?![\w-])"
               r"(?![ ]?%)"),
    0.8, _has_digits, context=_LABELS["health_plan"], window=30, label="health_plan")
CREDIT_CARD = PatternRecognizer(
    "CREDIT_CARD", "phi",
    re.compile(r"[2-6](?<![\w.,-][2-6])(?:(?:(?<=4)\d{3}|(?<=5)[1-5]\d{2}|(?<=2)[2-7]\d{2}"
               r"|(?<=3)[47]\d{2}|(?<=6)(?:011|5\d{2})|(?<=3)5\d{2})(?:[ -]?\d{4}){2}[ -]?\d{1,7}"
               r"|(?<=3)[47]\d{2}[ -]?\d{6}[ -]?\d{5})(?![\w-]|[.,]\d)"),
    0.9, _card_valid, label="card")
IBAN = PatternRecognizer(
    "ACCOUNT_NUMBER", "phi",
    re.compile(r"[A-Z](?<![\w-][A-Z])[A-Z]\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?"
               r"(?![\w-])"),
    0.85, iban_valid, label="iban")
# `my iban is gb29nwbk60161331926819`: typed in lower case, after an account word.
IBAN_LOWER_CASE = PatternRecognizer(
    "ACCOUNT_NUMBER", "phi",
    re.compile(r"[a-z](?<![\w-][a-z])[a-z]\d{2}(?: ?[a-z0-9]{4}){2,7}(?: ?[a-z0-9]{1,4})?"
               r"(?![\w-])"),
    0.85, iban_valid, context=_LABELS["account"], window=30, label="iban_lower_case")
ACCOUNT = PatternRecognizer("ACCOUNT_NUMBER", "phi", _ID_AFTER_LABEL, 0.8,
                            _not_date_or_amount, context=_LABELS["account"], window=30,
                            label="account")
DEA = PatternRecognizer(
    "LICENSE_NUMBER", "phi",
    re.compile(r"[ABCDEFGHJKLMPRSTUX](?<![\w-][ABCDEFGHJKLMPRSTUX])[A-Z9]\d{7}(?![\w-])"), 0.8,
    dea_valid, label="dea")
LICENSE = PatternRecognizer(
    "LICENSE_NUMBER", "phi",
    re.compile(r"(?<![\w-])(?<!\d\.)(?P<value>\d{2,5}(?: \d{2,5}){1,3}(?![ ]?\d)|"
               r"[A-Z]{0,3}[-]?\d[\dA-Z-]{3,14}[\dA-Z]|[A-Z]\d{4,12})(?![\w-])"),
    0.75, _has_digits, context=_LABELS["license"], window=30, label="license")
VIN = PatternRecognizer("VEHICLE_ID", "phi",
                        re.compile(r"[A-HJ-NPR-Z0-9](?<![\w.-][A-HJ-NPR-Z0-9])"
                                   r"(?:(?<=[A-HJ-NPR-Z])|(?=[0-9]*[A-HJ-NPR-Z]))"
                                   r"[A-HJ-NPR-Z0-9]{16}(?![\w-])"),
                        0.85, vin_check_digit_valid, label="vin")
VIN_LABELLED = PatternRecognizer("VEHICLE_ID", "phi",
                                 re.compile(r"(?<![\w-])[A-HJ-NPR-Z0-9]{17}(?![\w-])"), 0.8,
                                 lambda v: _has_digits(v, 3), context=_LABELS["vin"], window=20,
                                 label="vin_labelled")
PLATE = PatternRecognizer(
    "LICENSE_PLATE", "phi",
    re.compile(r"(?<![\w-])(?P<value>[A-Z0-9]{1,4}[ -]?[A-Z0-9]{1,4})(?![\w-])"),
    0.8, lambda v: 4 <= len(v) <= 9 and _has_digits(v, 1) and any(c.isalpha() for c in v),
    context=_LABELS["plate"], window=25, label="plate")
# Cues: the first separator of a MAC address, 2 characters in, and the next one.
_MAC_CUES = (re.compile(r":(?=[0-9A-Fa-f]{2}:)"), re.compile(r"-(?=[0-9A-Fa-f]{2}-)"))
MAC_ADDRESS = PatternRecognizer(
    "DEVICE_ID", "phi",
    re.compile(r"[0-9A-Fa-f](?<![\w:-][0-9A-Fa-f])[0-9A-Fa-f]([:-])(?:[0-9A-Fa-f]{2}\1){4}"
               r"[0-9A-Fa-f]{2}(?![\w:-])"), 0.8, label="mac",
    starts_at=lambda text: cue_starts(text, _MAC_CUES, (2,)))
DEVICE = PatternRecognizer(
    "DEVICE_ID", "phi",
    re.compile(r"(?<![\w-])(?<!\d\.)(?P<value>[A-Z0-9][A-Z0-9-]{4,30}[A-Z0-9])(?![\w-])"),
    0.75, lambda v: _has_digits(v, 2) and not _model_name(v), context=_LABELS["device"],
    window=30, label="device")
#: A name in code made of words and a small count (`first_67_percent`, `train_80_split`):
#: no template or hash, which mix letters and digits within a part.
_WORDS_AND_COUNT = re.compile(r"(?:[A-Za-z]{2,}|\d{1,3})(?:[_-](?:[A-Za-z]{2,}|\d{1,3}))+")
BIOMETRIC = PatternRecognizer(
    "BIOMETRIC_ID", "phi",
    re.compile(r"(?<![\w-])(?P<value>[A-Za-z0-9+/_-]{8,}={0,2})(?![\w-])"),
    0.75, lambda v: _has_digits(v, 2) and not _WORDS_AND_COUNT.fullmatch(v)
    and not _NUMERIC_DATE.fullmatch(v),  # `Name: iris / Date: 2020-01-01`: a day, no iris
    context=_LABELS["biometric"], window=35, label="biometric")
#: `GB-ID-7401525`, `AU-DL-968789017249`: a country's letters, the kind of document, then
#: a long number, the shape of a national id, a driving licence or a passport number
#: (a code of a product line or a standard has fewer digits: `ISO-IEC-27001`, and two
#: standards bodies are a standard adopted by another body: `EN-ISO-134850`,
#: `DIN-EN-1234567`). One body alone says nothing: `BS` (the Bahamas) and `NF` (Norfolk
#: Island) are countries too (`BS-PP-12345678`), and `GB-ISO-1234567` has a country.
_STANDARDS_BODY = (r"(?:ISO|EN|DIN|IEC|ASTM|ANSI|BS|NF|JIS|IEEE|ETSI|ITU|UNE|UNI|CEN|CSA|"
                   r"SAE|NZS|GOST|SIS|NEN|ONORM)-")
_DOCUMENT_ID = re.compile(rf"(?!{_STANDARDS_BODY}{_STANDARDS_BODY})[A-Z](?<![\w-][A-Z])"
                          rf"[A-Z]{{1,2}}-(?P<kind>[A-Z]{{2,4}})-\d{{6,14}}(?![\w-])")
_DOCUMENT_ID_CUE = (re.compile(r"-(?=\d{6})"),)  # the second dash, 5 to 8 characters in
#: Kinds that say a licence or a passport (`DL`, `PP`); any other is another id.
_LICENCE_KINDS = frozenset({"DL", "LIC", "LN", "PP", "PASS", "PPT"})


class DocumentNumberRecognizer:
    """Country-coded document numbers, a licence's (`DL`, `PP`) or another id, in one
    pass: tried only where the dash before six digits can close a prefix."""

    name = "pattern:document_number"
    entities = ("LICENSE_NUMBER", "UNIQUE_ID")

    def find(self, text: str) -> Iterator[Finding]:
        starts = cue_starts(text, _DOCUMENT_ID_CUE, range(5, 9))
        for match in matches_at(_DOCUMENT_ID, text, starts):
            entity = "LICENSE_NUMBER" if match.group("kind") in _LICENCE_KINDS else "UNIQUE_ID"
            yield Finding(match.start(), match.end(), entity, "phi", 0.7, self.name)


UNIQUE_ID = PatternRecognizer("UNIQUE_ID", "phi", _ID_AFTER_LABEL, 0.75, _not_date_or_amount,
                              context=_LABELS["unique_id"], window=30, label="unique_id")
NPI = PatternRecognizer("LICENSE_NUMBER", "phi", re.compile(r"(?<![\w-])\d{10}(?![\w-])"), 0.8,
                        npi_valid, context=_LABELS["npi"], window=20, label="npi")

IDENTIFIER_RECOGNIZERS = (
    SSN_FORMATTED, SSN_BARE, MRN, MRN_PREFIXED, MEDICARE_MBI, HEALTH_PLAN, CREDIT_CARD, IBAN,
    IBAN_LOWER_CASE, ACCOUNT, DEA, NPI, LICENSE, VIN, VIN_LABELLED, PLATE, MAC_ADDRESS, DEVICE,
    BIOMETRIC, UNIQUE_ID, DocumentNumberRecognizer(), HandleRecognizer(),
)
