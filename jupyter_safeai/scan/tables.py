"""Tables printed as text — DataFrame reprs, CSV, Markdown — read by their header.

Under a header `patient_name  mrn  dob`, every value in those columns is what the
header says, even where the value alone would not give itself away (an MRN is just
digits). Works on pandas' fixed-width repr (columns two or more spaces apart, an index
column first), comma/tab/semicolon separated text and Markdown pipe tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .columns import column_entity, plausible_value
from .entities import ENTITIES, category_of
from .finding import Finding
from .memo import memoised
from .records import record_entity

#: `column_entity` of a header's names, remembered for the names last read: printouts
#: repeat the same few headers.
_column_entity = memoised(maxsize=2048)(column_entity)
_WIDE_FIELD = re.compile(r"\S+(?: \S+)*")
#: What separates two `_WIDE_FIELD`s: blanks other than one space between two words. It
#: is read from its first blank (a one-character class the regex engine skips to) rather
#: than from the word before it, which would try every character of a line.
_WIDE_GAP = re.compile(r"\s(?<=\S\s)(?:\s+|(?<! ))(?=\S)")
_MISSING = frozenset({"", "nan", "none", "null", "nat", "<na>", "...", "…", "-", "n/a", "na"})
_SEPARATORS = (",", "\t", ";", "|")
_RULE_CHARS = frozenset("|-: ")  # a Markdown rule under the header: `|---|:--:|`
_ALNUM = re.compile(r"[^\W_]")  # what `str.isalnum` says of one character, found in C


def _fields(line: str, separator: str | None) -> list[tuple[int, int]]:
    """(start, end) of each field in `line`; None means pandas' fixed-width layout."""
    if separator is None:
        return [m.span() for m in _WIDE_FIELD.finditer(line)]
    spans, position = [], 0
    for part in line.split(separator):
        stripped = part.strip().strip("\"'")
        offset = part.find(stripped) if stripped else 0
        spans.append((position + offset, position + offset + len(stripped)))
        position += len(part) + 1
    if separator == "|":
        spans = [s for s in spans if s[1] > s[0]] if line.strip().startswith("|") else spans
    return spans


# A column name: a few words or a code identifier; not prose, JSON or a SQL definition.
_COLUMN_NAME = re.compile(r"[A-Za-z_#][\w#/().-]*(?: [A-Za-z_#(][\w#/().-]*){0,3}")
_SQL_TYPES = re.compile(
    r"\b(?:TEXT|VARCHAR|CHAR|INTEGER|INT|BIGINT|DATE|TIMESTAMP|NUMERIC|DECIMAL|BOOLEAN|"
    r"PRIMARY|NOT NULL|REFERENCES|CREATE|SERIAL|FLOAT|REAL)\b")


#: Every character of a header is in a column name, a separator, a blank or a quote
#: stripped from a field: a line with any other character (`=`, `:`, `[`) names no columns.
_HEADER_CHARS = re.compile(r"[\w#/().\- ,;|\"'\s]*")
#: A separator or a `_WIDE_GAP`: the line has two fields (one pass for both checks).
_LAYOUT = re.compile(r"[,;|\s](?:(?<=[,;|\t])|(?<=\S\s)(?:\s+|(?<! ))(?=\S))")


#: Columns that say where, not who: alone in a header (cities and their populations, ZIP
#: codes and incomes) they describe places; beside a person's column they are PHI.
_PLACE_ONLY = frozenset({"LOCATION", "ZIP_CODE"})
#: Row labels of `df.describe()` whose rows are statistics over a column (a count, a
#: mean, a quantile), not one person's values. Its `top`, `first`, `last`, `min` and
#: `max` rows are values of the column (the most frequent name, the earliest birth
#: date) and are read like any row.
_SUMMARY_ROWS = frozenset({"count", "unique", "freq", "mean", "std", "25%", "50%", "75%"})


def _about_a_person(entities: list[tuple[str, bool] | None]) -> bool:
    """A header names a column about a person: a clear one that is not only a place."""
    clear = [e for e in entities if e and e[1]]
    return bool(clear) and not all(e[0] in _PLACE_ONLY for e in clear)


def _finding_value(entity: tuple[str, bool], value: str) -> bool:
    """A cell's value is a finding under its column's entity."""
    return entity[1] and value.strip().lower() not in _MISSING and bool(
        _ALNUM.search(value)) and (entity[0] != "AGE" or over_89(value)) and (
        plausible_value(entity[0], value))


_Header = tuple[str | None, list[tuple[str, bool] | None]]


def _header(line: str) -> _Header | None:
    """The layout and per-column entities of a header line, if it names identifiers."""
    if not _HEADER_CHARS.fullmatch(line) or not _LAYOUT.search(line):
        return None  # not a row of column names, or one field (prose): most lines
    return _read_header(line)


def _read_header(line: str) -> _Header | None:
    """`_header` without its two quick checks, which say no only where this says no."""
    layouts: list[str | None] = [s for s in _SEPARATORS if s in line]
    if _WIDE_GAP.search(line):
        layouts.append(None)
    for separator in layouts:
        spans = _fields(line, separator)
        names = [line[s:e] for s, e in spans]
        # A header names two columns at least: ` 'birthday cake',` is an item of a
        # printed list, not a table's header.
        if sum(bool(n) for n in names) < 2 or not all(
                _COLUMN_NAME.fullmatch(n) for n in names if n):
            continue
        entities = [_column_entity(name) for name in names]
        if not _about_a_person(entities):
            continue  # no column about a person: a table of cities or regions is not PHI
        # Beside a clear identifier column, a plain `name` column is a person's name and
        # an `age` column's values over 89 are findings.
        entities = [(e[0], True) if e and e[0] in {"PERSON", "AGE"} else e for e in entities]
        if _SQL_TYPES.search(line):
            return None  # a SQL table definition (checked last: it is rare and slow)
        return separator, entities
    return None


_AGE_NUMBER = re.compile(r"\s*(\d{1,3})(?:\.\d+)?\s*$")


def over_89(value: str) -> bool:
    """An age of 90 or more written as a number (HIPAA lets 89 and under stand)."""
    digits = _AGE_NUMBER.match(value)
    return bool(digits) and 90 <= int(digits.group(1)) <= 125


_TOKEN = re.compile(r"\S+")


def _aligned_header(line: str, below: str) -> list[tuple[int, int, tuple[str, bool] | None]] | None:
    """The columns of a right-aligned printout whose header words may be one space apart
    (`df.to_string(index=False)`): (start, end, entity) per header word, when the line
    below ends its last value where the header ends its last name (and most of its
    others), and the header names a clear identifier column."""
    if len(line.rstrip()) != len(below.rstrip()) or not below.strip():
        return None  # a right-aligned table ends every row at the same column
    words = [m.span() for m in _TOKEN.finditer(line)]
    if len(words) < 2 or not all(_COLUMN_NAME.fullmatch(line[a:b]) for a, b in words):
        return None
    ends = {m.end() for m in _TOKEN.finditer(below)}
    if not all(end in ends for _, end in words):
        return None
    entities = [_column_entity(line[a:b]) or record_entity(line[a:b]) for a, b in words]
    if not _about_a_person(entities):
        return None
    entities = [(e[0], True) if e and e[0] in {"PERSON", "AGE"} else e for e in entities]
    return [(a, b, e) for (a, b), e in zip(words, entities, strict=True)]


def _aligned_rows(lines: list[str], i: int, base: int,
                  columns: list[tuple[int, int, tuple[str, bool] | None]]
                  ) -> tuple[list[Finding], int]:
    """Findings in the rows below an aligned header, and how many rows were read: each
    word belongs to the column whose right edge is the first at or after the word's end."""
    width = columns[-1][1]
    first_start = columns[0][0]
    read = 0
    found: list[Finding] = []
    while i < len(lines) and lines[i].strip() and len(lines[i].rstrip()) == width:
        row, at = lines[i], base
        base += len(row) + 1
        i += 1
        read += 1
        label = _TOKEN.search(row)
        if label is not None and label.group().lower() in _SUMMARY_ROWS:
            continue
        cells: dict[int, list[int]] = {}
        for token in _TOKEN.finditer(row):
            if token.end() <= first_start and not cells:
                continue  # the index
            column = next((k for k, (_, end, _) in enumerate(columns) if token.end() <= end),
                          None)
            if column is None:
                break
            span = cells.setdefault(column, [token.start(), token.end()])
            span[1] = token.end()
        for column, (start, end) in sorted(cells.items()):
            entity = columns[column][2]
            if entity is not None and _finding_value(entity, row[start:end]):
                found.append(Finding(at + start, at + end, entity[0],
                                     category_of(entity[0]), 0.8, "table"))
    return found, read


class TextTableRecognizer:
    name = "table"
    entities = tuple(e for e, (category, _) in ENTITIES.items() if category == "phi")

    def find(self, text: str) -> Iterator[Finding]:
        if "\n" not in text:
            return
        lines = text.split("\n")
        # The quick checks of `_aligned_header` (a line as wide as the next, which is not
        # blank) and of `_header` for every line at once; most lines pass neither.
        widths = [len(line.rstrip()) for line in lines]
        heads = {i for i, line in enumerate(lines)
                 if _HEADER_CHARS.fullmatch(line) and _LAYOUT.search(line)}
        i, base = 0, 0  # `base` is where lines[i] starts in `text`
        while i < len(lines):
            aligned = _aligned_header(lines[i], lines[i + 1]) if (
                i + 1 < len(lines) and widths[i] == widths[i + 1] and widths[i + 1]) else None
            header = _read_header(lines[i]) if aligned is None and i in heads else None
            base += len(lines[i]) + 1
            i += 1
            if aligned is not None:
                found, rows = _aligned_rows(lines, i, base, aligned)
                yield from found
                for _ in range(rows):
                    base += len(lines[i]) + 1
                    i += 1
                continue
            if header is None:
                continue
            separator, entities = header
            while i < len(lines) and lines[i].strip():
                row = lines[i]
                if separator != "|" or not set(row.strip()) <= _RULE_CHARS:
                    spans = _fields(row, separator)
                    shift = len(spans) - len(entities)
                    if shift not in (0, 1):  # a pandas row has its index first
                        break  # this row is read again as a possible header
                    label = row[spans[0][0]:spans[0][1]].strip().lower() if shift else ""
                    for (start, end), entity in zip(spans[shift:], entities, strict=True):
                        if entity is not None and label not in _SUMMARY_ROWS and (
                                _finding_value(entity, row[start:end])):
                            yield Finding(base + start, base + end, entity[0],
                                          category_of(entity[0]), 0.8, self.name)
                base += len(row) + 1
                i += 1
