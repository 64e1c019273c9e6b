"""scan_dataframe: identifier columns once per column with a share, stray cells by row."""

from __future__ import annotations

import numpy as np
import pandas as pd

from jupyter_safeai import scan_dataframe


def table(rows: int = 40, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    first = ["John", "Maria", "Wei", "Aisha", "Kwame", "Priya", "Hiroshi", "Chinedu"]
    last = ["Smith", "Garcia", "Wang", "Khan", "Mensah", "Sharma", "Tanaka", "Okonkwo"]
    notes = ["stable", "follow up in 2 weeks", "no complaints", "BP improved"]
    frame = pd.DataFrame({
        "full_name": [f"{rng.choice(first)} {rng.choice(last)}" for _ in range(rows)],
        "mrn": [f"{rng.integers(10**7, 10**8)}" for _ in range(rows)],
        "contact": [f"user{i}@mayo-clinic.org" for i in range(rows)],
        "glucose": rng.normal(100, 15, rows).round(1),
        "note": [str(rng.choice(notes)) for _ in range(rows)],
    })
    frame.loc[3, "note"] = "call daughter Folasade Adeyemi"
    return frame


def by_column(findings: list) -> dict[str, list]:
    result: dict[str, list] = {}
    for finding in findings:
        result.setdefault(finding.column, []).append(finding)
    return result


def test_identifier_columns_are_reported_once_with_their_share() -> None:
    columns = by_column(scan_dataframe(table()))
    (name,) = columns["full_name"]
    assert (name.entity, name.row, name.share) == ("PERSON", None, 1.0)
    (mrn,) = columns["mrn"]  # digits alone say nothing; the clear name does
    assert mrn.entity == "MEDICAL_RECORD_NUMBER" and mrn.share == 0.0
    (email,) = columns["contact"]  # a vague name, but every value is an e-mail address
    assert email.entity == "EMAIL_ADDRESS" and email.share == 1.0
    assert "glucose" not in columns


def test_a_stray_identifier_in_free_text_is_reported_by_row() -> None:
    (cell,) = by_column(scan_dataframe(table()))["note"]
    assert (cell.entity, cell.row) == ("PERSON", 3)
    assert table().loc[3, "note"][cell.start:cell.end] == "Folasade Adeyemi"


def test_large_frames_are_sampled_not_read_whole() -> None:
    rows = 200_000
    frame = pd.DataFrame({"email": [f"p{i}@hospital.org" for i in range(rows)],
                          "value": np.arange(rows)})
    calls: list[int] = []

    class Counting:
        def scan(self, text: str) -> list:
            calls.append(text.count("\n") + 1)
            from jupyter_safeai import scan_text

            return scan_text(text)

    findings = scan_dataframe(frame, scanner=Counting(), sample_rows=500)  # type: ignore[arg-type]
    assert calls == [500, 500]
    assert [(f.column, f.entity) for f in findings] == [("email", "EMAIL_ADDRESS")]


def test_findings_hold_no_values() -> None:
    for finding in scan_dataframe(table()):
        assert "@" not in repr(finding.to_dict()) and "Smith" not in repr(finding.to_dict())
