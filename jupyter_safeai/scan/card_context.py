"""Payment card numbers of every issuer when a card label stands before them.

`identifiers.CREDIT_CARD` knows the prefixes of the big networks and reads a number
without a label. Other issuers' numbers (JCB 15-digit `1800…`/`2131…`, Diners 14-digit,
Maestro 12-digit) pass its prefix test by no rule, but after `card`, `credit card
number is`, `card no` they are cards: any Luhn-valid run of 12 to 19 digits.
"""

from __future__ import annotations

import re

from .identifiers import luhn_valid
from .recognizer import PatternRecognizer, context_regex

_CARD_LABEL = context_regex([
    "card", "credit card", "debit card", "card number", "card no", "card #", "cc",
    "cc#", "visa", "mastercard", "amex", "maestro", "jcb", "diners",
])


_NOT_DIGIT = re.compile(r"\D")


def _labelled_card(value: str) -> bool:
    digits = _NOT_DIGIT.sub("", value)
    return 12 <= len(digits) <= 19 and len(set(digits)) > 2 and luhn_valid(digits)


LABELLED_CARD = PatternRecognizer(
    "CREDIT_CARD", "phi",
    re.compile(r"(?<![\w.,-])(?P<value>\d{4}(?:[ -]?\d{2,4}){2,4}[ -]?\d{0,4})(?![\w-]|[.,]\d)"),
    0.85, _labelled_card, context=_CARD_LABEL, window=40, label="card_labelled")
