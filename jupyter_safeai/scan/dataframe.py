"""Scan a pandas DataFrame by column: identifiers are a property of a column, not a cell.

Each column's values are sampled (all rows up to `sample_rows`, otherwise the first
half and a seeded random half), joined into one text and scanned once, so a
1,000,000-row frame costs about what a 1,000-row one does. A column is reported
once, with the share of sampled rows that matched, when its values are identifiers
or its name clearly says so (`mrn`, `ssn`, `dob`, `patient_name`); a column where
only a few cells hold something (free-text notes) is reported per cell, with `row`.
A column whose name and values say nothing on their own (`col_3` of dates, ZIP codes or
fixed-width numbers) is reported by its content when another column of the frame is
about a person (`column_content`).
"""

from __future__ import annotations

import bisect
from collections import Counter
from typing import Any

from .column_content import content_entity
from .columns import column_entity
from .engine import Scanner, default_scanner
from .entities import category_of
from .finding import Finding
from .tables import over_89

SAMPLE_ROWS = 1000
#: Share of sampled values that must match for the values alone to flag a column.
COLUMN_SHARE = 0.5
MAX_CELL_FINDINGS = 20
#: Column kinds that put a frame's rows about persons: beside one of them, a date, a
#: ZIP code or a fixed-width number is a person's (places and ages alone are not).
_ABOUT_A_PERSON = frozenset({"PERSON", "US_SSN", "MEDICAL_RECORD_NUMBER", "UNIQUE_ID",
                             "EMAIL_ADDRESS", "PHONE_NUMBER", "FAX_NUMBER", "STREET_ADDRESS",
                             "HEALTH_PLAN_NUMBER", "ACCOUNT_NUMBER", "LICENSE_NUMBER"})


def _sample_positions(n_rows: int, sample_rows: int, seed: int) -> list[int]:
    if n_rows <= sample_rows:
        return list(range(n_rows))
    import numpy as np

    head = sample_rows // 2
    rng = np.random.default_rng(seed)
    rest = rng.choice(np.arange(head, n_rows), size=sample_rows - head, replace=False)
    return [*range(head), *sorted(int(i) for i in rest)]


def _column_texts(series: Any, positions: list[int]) -> list[tuple[int, str]]:
    values = series.iloc[positions]
    mask = values.notna().to_numpy()
    strings = values.astype(str).tolist()
    return [(p, s) for p, s, ok in zip(positions, strings, mask, strict=True) if ok and s]


def scan_dataframe(df: Any, *, scanner: Scanner | None = None, sample_rows: int = SAMPLE_ROWS,
                   seed: int = 0) -> list[Finding]:
    """Findings for `df`, each with `column`, and `row` (position) for single cells."""
    scanner = scanner or default_scanner()
    positions = _sample_positions(len(df), sample_rows, seed)
    findings: list[Finding] = []
    about_a_person = False
    silent: list[tuple[str, list[str], str]] = []  # (column, values, dtype) named by nothing
    for index, column in enumerate(df.columns):
        series = df.iloc[:, index]
        cells = _column_texts(series, positions)
        named = column_entity(column)
        if not cells:
            if named and named[1]:
                findings.append(Finding(0, 0, named[0], category_of(named[0]), 0.6,
                                        "column-name", column=str(column), share=0.0))
            continue
        # One scan per column: values joined by newlines, offsets mapped back to rows.
        starts, parts, offset = [], [], 0
        for _, text in cells:
            starts.append(offset)
            parts.append(text.replace("\n", " "))
            offset += len(text) + 1
        hits: dict[int, list[Finding]] = {}
        for finding in scanner.scan("\n".join(parts)):
            i = bisect.bisect_right(starts, finding.start) - 1
            hits.setdefault(i, []).append(finding)
        if named and named[0] == "AGE":  # an age column: values over 89 are identifying
            for i, (_, text) in enumerate(cells):
                if over_89(text):
                    hits.setdefault(i, []).append(
                        Finding(0, len(text), "AGE", "phi", 0.8, "column-value"))
        share = len(hits) / len(cells)
        entities = Counter(f.entity for found in hits.values() for f in found)
        if share >= COLUMN_SHARE or (named and named[1]):
            entity = named[0] if named and named[1] else entities.most_common(1)[0][0]
            score = 0.9 if share >= COLUMN_SHARE else 0.75
            findings.append(Finding(0, 0, entity, category_of(entity), score,
                                    "column", column=str(column), share=round(share, 4)))
            # a cell of another kind (an SSN among dates) is reported beside the column
            findings.extend(_cell_findings(hits, starts, cells, str(column), but=entity))
            about_a_person = about_a_person or entity in _ABOUT_A_PERSON
            continue
        silent.append((str(column), [text for _, text in cells], str(series.dtype)))
        findings.extend(_cell_findings(hits, starts, cells, str(column)))
    if about_a_person:
        findings = _by_content(findings, silent)
    return findings


def _cell_findings(hits: dict[int, list[Finding]], starts: list[int],
                   cells: list[tuple[Any, str]], column: str, but: str | None = None
                   ) -> list[Finding]:
    """The findings of single cells (at most `MAX_CELL_FINDINGS` cells), placed in their
    cell, leaving out those of the kind `but` the column is reported as."""
    out = []
    kept = [(i, [f for f in found if f.entity != but]) for i, found in sorted(hits.items())]
    for i, found in [(i, found) for i, found in kept if found][:MAX_CELL_FINDINGS]:
        for finding in found:
            local = finding.start - starts[i]
            out.append(Finding(local, local + finding.end - finding.start, finding.entity,
                               finding.category, finding.score, finding.detector,
                               column=column, row=cells[i][0]))
    return out


def _by_content(findings: list[Finding], silent: list[tuple[str, list[str], str]]
                ) -> list[Finding]:
    """`findings` with each silent column whose values are dates, ZIP codes or
    fixed-width IDs reported as a column. Its cells found as the same kind give way to
    the column; a cell holding another kind (an SSN among the dates) stays reported."""
    for column, values, dtype in silent:
        found = content_entity(values, dtype)
        if found is None:
            continue
        entity, share = found
        findings = [f for f in findings if f.column != column or f.entity != entity]
        findings.append(Finding(0, 0, entity, category_of(entity), 0.7, "column-content",
                                column=column, share=round(share, 4)))
    return findings
