"""DataFrame columns whose header says nothing (`col_3`) are decided by their content and
the table around them: beside a column about a person, dates, ZIP codes and fixed-width
IDs are that person's; in a table of sales or regions they are not."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from jupyter_safeai import scan_dataframe
from jupyter_safeai.scan.column_content import content_entity
from jupyter_safeai.scan.columns import column_entity

ROWS = 30


def silent_columns(rng: np.random.Generator) -> dict[str, object]:
    days = pd.Timestamp("1950-01-01") + pd.to_timedelta(rng.integers(0, 25_000, ROWS), "D")
    return {
        "col_1": [d.strftime("%Y-%m-%d") for d in days],
        "col_2": [f"{z:05d}" for z in rng.integers(1_000, 99_999, ROWS)],
        "col_3": [f"{n:08d}" for n in rng.choice(10**8, ROWS, replace=False)],
        "col_4": rng.normal(7.4, 0.3, ROWS).round(2),
        "col_5": pd.Series(days),
    }


def entities(frame: pd.DataFrame) -> dict[str, str]:
    return {f.column: f.entity for f in scan_dataframe(frame)}


def test_beside_a_name_column_dates_zips_and_ids_are_identifiers() -> None:
    rng = np.random.default_rng(11)
    given = ["Orla", "Bram", "Ines", "Tobias", "Maren", "Kwesi"]
    family = ["Quimby", "Tolliver", "Marwood", "Achterberg", "Lindqvist", "Boateng"]
    frame = pd.DataFrame({"full_name": [f"{rng.choice(given)} {rng.choice(family)}"
                                        for _ in range(ROWS)], **silent_columns(rng)})
    found = entities(frame)
    assert found["full_name"] == "PERSON"
    assert (found["col_1"], found["col_2"], found["col_3"], found["col_5"]) == (
        "DATE", "ZIP_CODE", "UNIQUE_ID", "DATE")
    assert "col_4" not in found  # a measurement stays a measurement


def test_a_cell_of_another_kind_in_a_dated_column_stays_reported() -> None:
    rng = np.random.default_rng(14)
    columns = silent_columns(rng)
    dates = list(columns["col_1"])  # type: ignore[call-overload]
    dates[3] = "SSN 219-09-9999"
    frame = pd.DataFrame({"full_name": ["Orla Quimby"] * ROWS, "col_1": dates})
    found = {(f.column, f.entity) for f in scan_dataframe(frame)}
    assert ("col_1", "DATE") in found and ("col_1", "US_SSN") in found


def test_a_study_id_column_puts_the_rows_about_persons() -> None:
    rng = np.random.default_rng(12)
    frame = pd.DataFrame({"hadm_id": rng.choice(10**6, ROWS, replace=False) + 10**6,
                          **silent_columns(rng)})
    found = entities(frame)
    assert found["hadm_id"] == "UNIQUE_ID" and found["col_1"] == "DATE"


def test_without_a_person_the_same_columns_are_left_alone() -> None:
    rng = np.random.default_rng(13)
    frame = pd.DataFrame({"store": rng.choice(["north", "south", "harbour"], ROWS),
                          **silent_columns(rng)})
    assert entities(frame) == {}


@pytest.mark.parametrize("name", ["subject_id", "hadm_id", "icustay_id", "stay_id",
                                  "patientunitstayid", "uniquepid", "person_id"])
def test_study_ids_of_public_clinical_databases_are_identifiers(name: str) -> None:
    assert column_entity(name) == ("UNIQUE_ID", True)


@pytest.mark.parametrize(("values", "dtype", "expected"), [
    (["3/14/1958", "11/2/1973", "7/30/2001"], "object", "DATE"),
    (["02139", "10027", "94110-1203"], "object", "ZIP_CODE"),
    ([2139, 10027, 94110], "int64", None),  # as integers a ZIP and a count look alike
    (["MRN-00481233", "MRN-00519877", "MRN-00612340"], "object", "UNIQUE_ID"),
    ([1, 2, 3, 4], "int64", None),  # row numbers
    (["482913", "482913", "482913", "591100"], "object", None),  # repeated: a code
    ([104.5, 98.2, 101.7], "float64", None),
    (["north", "south", "harbour"], "object", None),
])
def test_content_entity(values: list[object], dtype: str, expected: str | None) -> None:
    found = content_entity(values, dtype)
    assert (found[0] if found else None) == expected
