"""Pattern recognizers of the walking skeleton: email, US SSN, phone, AWS access key.

Each recognizer is a compiled pattern plus an optional validator that rejects
matches a regex alone cannot (impossible SSN areas, reserved example numbers).
The full engine of the scanner issue replaces this list; the contract stays
`Recognizer.find(text) -> Iterator[Finding]`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .finding import Category, Finding


@dataclass(frozen=True)
class Recognizer:
    entity: str
    category: Category
    pattern: re.Pattern[str]
    score: float
    validate: Callable[[str], bool] | None = None

    @property
    def name(self) -> str:
        return f"pattern:{self.entity.lower()}"

    def find(self, text: str) -> Iterator[Finding]:
        for match in self.pattern.finditer(text):
            group = "value" if "value" in self.pattern.groupindex else 0
            value = match.group(group)
            if self.validate is not None and not self.validate(value):
                continue
            start, end = match.span(group)
            yield Finding(start, end, self.entity, self.category, self.score, self.name)


def _valid_ssn(value: str) -> bool:
    """Reject SSNs the SSA never issues (area 000, 666, 9xx; group 00; serial 0000)."""
    digits = re.sub(r"\D", "", value)
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    return area not in {"000", "666"} and not area.startswith("9") and group != "00" and (
        serial != "0000"
    )


def _not_fictional_phone(value: str) -> bool:
    """555-0100 … 555-0199 are reserved for fiction and documentation."""
    digits = re.sub(r"\D", "", value)[-7:]
    return not (digits.startswith("5550") and digits[4:6] in {"10", "11", "12", "13", "14",
                                                               "15", "16", "17", "18", "19"})


EMAIL = Recognizer(
    "EMAIL_ADDRESS",
    "phi",
    re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,24}\b"),
    0.95,
)
US_SSN = Recognizer(
    "US_SSN",
    "phi",
    re.compile(r"(?<![\w-])(?P<value>\d{3}([- ])\d{2}\2\d{4}|\d{9})(?![\w-])"),
    0.85,
    _valid_ssn,
)
PHONE = Recognizer(
    "PHONE_NUMBER",
    "phi",
    re.compile(
        r"(?<![\w+])(?P<value>(?:\+?1[ .-]?)?(?:\(\d{3}\)\s?|\d{3}[ .-])\d{3}[ .-]\d{4})(?!\w)"
    ),
    0.75,
    _not_fictional_phone,
)
AWS_ACCESS_KEY = Recognizer(
    "AWS_ACCESS_KEY",
    "secret",
    re.compile(r"(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Z0-9])"),
    0.95,
)

DEFAULT_RECOGNIZERS: tuple[Recognizer, ...] = (EMAIL, US_SSN, PHONE, AWS_ACCESS_KEY)
