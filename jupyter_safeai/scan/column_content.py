"""What a column's values say when its name says nothing (`col_3`, `Unnamed: 4`).

A date, a five-digit code or a fixed-width number alone identifies no one: a table of
sales has dates, a table of regions ZIP codes, an inventory part numbers. Beside a
column about a person (a name, an SSN, an MRN, a study id such as `subject_id` or
`hadm_id`), the same values are that person's dates, ZIP code and record number, as a
de-identification reviewer reads a table. `content_entity` says what the values look
like; `dataframe.scan_dataframe` decides with the table around them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date, datetime

#: Share of non-empty values that must have the shape.
CONTENT_SHARE = 0.8
#: Share of distinct values an ID column has (one per person or stay).
DISTINCT_SHARE = 0.9

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})")
_ZIP = re.compile(r"\d{5}(?:-\d{4})?")
_ID = re.compile(r"[A-Z]{0,4}-?\d{6,12}")


def _is_date(value: str) -> bool:
    iso = _ISO_DATE.fullmatch(value)
    if iso:
        _, month, day = (int(g) for g in iso.groups())
        return 1 <= month <= 12 and 1 <= day <= 31
    us = _US_DATE.fullmatch(value)
    if us:
        month, day, _ = (int(g) for g in us.groups())
        return 1 <= month <= 12 and 1 <= day <= 31
    return False


def _share(values: Sequence[str], test: Callable[[str], object]) -> float:
    return sum(1 for v in values if test(v)) / len(values)


def content_entity(values: Sequence[object], dtype: str = "object"
                   ) -> tuple[str, float] | None:
    """(`DATE`, `ZIP_CODE` or `UNIQUE_ID`, share of values with that shape) when most
    `values` (non-empty, sampled) have that shape, else None. A date column holds dates
    (or datetimes); a ZIP column five-digit strings (ZIP+4 too; as integers, a ZIP and a
    count look the same); an ID column one fixed-width number per row, six to twelve
    digits, perhaps after a short prefix (`MRN-0048213`)."""
    if not values:
        return None
    if dtype.startswith("datetime") or all(isinstance(v, date | datetime) for v in values):
        return "DATE", 1.0
    strings = [str(v).strip() for v in values]
    if (share := _share(strings, _is_date)) >= CONTENT_SHARE:
        return "DATE", share
    text = dtype in {"object", "str"} or dtype.startswith("string")
    if text and (share := _share(strings, _ZIP.fullmatch)) >= CONTENT_SHARE:
        return "ZIP_CODE", share
    if dtype.startswith("float"):
        return None  # a measurement, whatever its width
    ids = [s for s in strings if _ID.fullmatch(s)]
    if len(ids) >= CONTENT_SHARE * len(strings) and len(set(ids)) >= DISTINCT_SHARE * len(ids):
        (_, common), = Counter(len(s) for s in ids).most_common(1)
        if common >= DISTINCT_SHARE * len(ids):
            return "UNIQUE_ID", len(ids) / len(strings)
    return None
