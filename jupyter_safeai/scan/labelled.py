"""Numbers after their label, whatever separates their digits, and loose formats.

A person reads `SSN: 5 1 2 4 8 3 0 9 6`, `S.S.N. 512.48.3096`, `soc. sec. # 512 483 096`
and `Social Security Number (as given on the intake form today): 512483096` as one SSN;
the formatted patterns in identifiers.py and contact.py do not. Here a label (SSN,
phone, date of birth, card, MRN, in their abbreviated and dotted forms) makes the first
run of digits after it on the same line, with any single separators between digits
(blanks, dots, slashes, underscores, dashes), a finding when its digits validate as
that kind (SSA ranges, NANP, a real date, Luhn). Without a label, only shapes no other
number has are read: an SSN's 3-2-4 and a phone's 3-3-4 with dots, slashes or
underscores, a card's 4-4-4-4 with dots or underscores.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from .finding import Finding
from .identifiers import luhn_valid, valid_ssn
from .phones import _valid_us_phone
from .recognizer import gated_matches, matches_at
from .scan_view import lowered_of
from .shapes import text_shape, wide_digits

NAME = "labelled"

#: The labels, on lower-cased text. Each starts with one of a few letters, consumed first
#: (then checked not to follow a letter or digit, and the branch to fit it), so the
#: regex engine skips to those letters instead of trying every position.
_LABELS = re.compile(
    r"[stpcmfdbva](?<![^\W_].)(?:"
    r"(?P<ssn>(?<=s)(?:\.?[ ]?s\.?[ ]?n(?![a-z])\.?|s[ ]?#"
    r"|ocial[ ]?sec(?:urity)?\.?(?:[ ]?(?:number|no))?|oc\.?[ ]?sec\.?|ocial[ ]insurance"
    r"|sn[ ]?#)|(?<=t)ax[ ]?id)"
    r"|(?P<phone>(?<=p)(?:hone|h|ager)|(?<=t)el(?:ephone)?|(?<=m)ob(?:ile)?|(?<=f)ax"
    r"|(?<=c)(?:ell(?:[ ]?phone)?|ontact[ ]?(?:no|number|#)|all(?:[ ]?back)?))"
    r"|(?P<dob>(?<=d)(?:\.?[ ]?o\.?[ ]?b\.?|ate[ ]of[ ]birth)|(?<=b)(?:irth[ ]?date|irthday|orn"
    r"|-day))"
    r"|(?P<card>(?<=c)(?:redit[ ]?card|ard(?:[ ]?(?:number|no|#))?|c(?:[ ]?(?:number|no|#))?)"
    r"|(?<=d)ebit[ ]?card|(?<=v)isa|(?<=m)astercard|(?<=a)mex|(?<=p)an)"
    r"|(?P<mrn>(?<=m)(?:\.?r\.?n\.?|edical[ ]record(?:[ ]?(?:number|no|#))?|ed[ ]?rec)"
    r"|(?<=c)hart[ ]?(?:no|#))"
    r")(?![^\W\d_])"
)
#: Five or more digits with one separator between two of them (a blank, or a mark with a
#: blank on either side): a gap of two blanks is a column boundary, not a separator.
_LONG_RUN = re.compile(r"\d(?:(?:[ ]?[._/\\:-][ ]?|[ \t])?\d){4,}")
#: Where a `_LONG_RUN` match starts, in the shape of a text without digits beyond ASCII
#: (`shapes.text_shape`, each ASCII digit a `9`, `_` an `a` as letters are): the first
#: digit of a run, five or more digits chained there. (A match ends at a run's end, and
#: where one fails at a run's first digit it fails at the run's later digits, which chain
#: fewer.) Led by the `9`, which the regex engine skips to as `str.find` does, not by a
#: class it tries at every character.
_LONG_RUN_SHAPE = re.compile(rb"9(?<!99)(?=(?:(?:[ ]?[.a/\\:-][ ]?|[ \t])?9){4})")
_READ_AHEAD = 90
_DIGIT = re.compile(r"\d")

_ENTITIES = {"ssn": "US_SSN", "phone": "PHONE_NUMBER", "dob": "DATE", "card": "CREDIT_CARD",
             "mrn": "MEDICAL_RECORD_NUMBER"}


def _valid_date(digits: str) -> bool:
    """Eight digits as MMDDYYYY, DDMMYYYY or YYYYMMDD, or six as MMDDYY."""
    forms = []
    if len(digits) == 8:
        forms = [(digits[4:], digits[:2], digits[2:4]), (digits[4:], digits[2:4], digits[:2]),
                 (digits[:4], digits[4:6], digits[6:])]
    elif len(digits) == 6:
        forms = [("19" + digits[4:], digits[:2], digits[2:4])]
    for year, month, day in forms:
        try:
            if 1880 <= int(year) <= 2100:
                date(int(year), int(month), int(day))
                return True
        except ValueError:
            continue
    return False


def _valid(kind: str, digits: str) -> bool:
    if kind == "ssn":
        return valid_ssn(digits)
    if kind == "phone":
        return len(digits) in (10, 11) and _valid_us_phone(digits)
    if kind == "dob":
        return _valid_date(digits)
    if kind == "card":
        return 13 <= len(digits) <= 19 and luhn_valid(digits) and len(set(digits)) > 2
    return 5 <= len(digits) <= 20  # an MRN is whatever digits follow its label


#: Loose shapes that read as one kind without a label (the separator repeats): an SSN's
#: 3-2-4 with dots, slashes or underscores, a phone's 3-3-4 with slashes or underscores,
#: a card's 4-4-4-4 with dots or underscores; one pass finds all three.
_LOOSE = re.compile(
    r"\d(?<![\w.,/-]\d)\d{2}(?:"
    r"(?P<US_SSN>(?P<ssn_sep>[._/])\d{2}(?P=ssn_sep)\d{4}(?![\w/-]|[.,]\d))"
    r"|(?P<PHONE_NUMBER>(?P<phone_sep>[_/])\d{3}(?P=phone_sep)\d{4}(?![\w/-]|[.,]\d))"
    r"|(?P<CREDIT_CARD>\d(?P<card_sep>[._])\d{4}(?P=card_sep)\d{4}(?P=card_sep)\d{1,7}"
    r"(?![\w-]|[.,]\d)))")
_LOOSE_VALID = {"US_SSN": valid_ssn, "PHONE_NUMBER": _valid_us_phone,
                "CREDIT_CARD": lambda v: _valid("card", _NOT_DIGIT.sub("", v))}


class LabelledNumberRecognizer:
    """SSNs, phones, dates of birth, cards and MRNs read after their label, and loose
    separator formats (see the module docstring)."""

    name = NAME
    entities = tuple(dict.fromkeys(_ENTITIES.values()))

    def find(self, text: str) -> Iterator[Finding]:
        lowered = lowered_of(text)
        if len(lowered) == len(text) and _DIGIT.search(text):
            yield from self._after_labels(text, lowered)
        for match in gated_matches(_LOOSE, text):  # (from the text's shape)
            entity = next(kind for kind in _LOOSE_VALID if match.group(kind))
            if _LOOSE_VALID[entity](match.group()):
                yield Finding(match.start(), match.end(), entity, "phi", 0.8, self.name)

    def _after_labels(self, text: str, lowered: str) -> Iterator[Finding]:
        """Read from the numbers (few) rather than from the labels (many words start like
        one): each run of five or more digits is read as the kind of the nearest label
        before it on its line, within `_READ_AHEAD` characters, that it validates as
        (`DOB, which the family gave over the phone: 03 14 1958` is a date)."""
        runs = (_LONG_RUN.finditer(text) if wide_digits(text) else matches_at(
            _LONG_RUN, text, [m.start() for m in _LONG_RUN_SHAPE.finditer(text_shape(text))]))
        for run in runs:
            line_start = text.rfind("\n", max(0, run.start() - _READ_AHEAD), run.start()) + 1
            reach = max(line_start, run.start() - _READ_AHEAD)
            if _LABELS.search(lowered, reach, run.start()) is None:
                continue  # most numbers have no label before them
            labels = _LABELS.finditer(lowered, reach, run.start())
            kinds = dict.fromkeys(reversed([label.lastgroup or "" for label in labels]))
            for kind in kinds:
                value_end = _valid_prefix(kind, run.group())
                if value_end:
                    yield Finding(run.start(), run.start() + value_end, _ENTITIES[kind], "phi",
                                  0.8, self.name)
                    break


_LENGTHS = {"ssn": (9,), "phone": (11, 10), "dob": (8, 6), "card": tuple(range(19, 12, -1)),
            "mrn": ()}


_NOT_DIGIT, _DIGIT = re.compile(r"\D"), re.compile(r"\d")


def _valid_prefix(kind: str, run: str) -> int:
    """The length of the run, or of its longest start with the digit count of `kind`,
    that validates as `kind` (`DOB 03 14 1958 67 yo` is a date and an age); 0 if none."""
    digits = _NOT_DIGIT.sub("", run)
    if _valid(kind, digits):
        return len(run)
    ends = [m.end() for m in _DIGIT.finditer(run)]
    for count in _LENGTHS[kind]:
        end = ends[count - 1] if count < len(digits) else 0
        # a start that stops at a separator (`03 14 1958 67 yo`), never inside a number
        if end and not run[end].isdigit() and _valid(kind, digits[:count]):
            return end
    return 0
