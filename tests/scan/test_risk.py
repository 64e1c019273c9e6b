"""Re-identification risk: k-anonymity over detected quasi-identifiers, counts only.

All tables are synthetic (numpy with fixed seeds)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from jupyter_safeai.scan.risk import (
    RiskReport,
    detect_quasi_identifiers,
    reidentification_risk,
)


def random_dates(rng: np.random.Generator, form: str, years: np.ndarray) -> list[str]:
    """One date per year in `years`, written as `form` ({y}, {m}, {d}); days up to 28, so
    every month has them."""
    n = len(years)
    return [form.format(y=y, m=m, d=d) for y, m, d in zip(
        years, rng.integers(1, 13, n), rng.integers(1, 29, n), strict=True)]


def unique_people(n: int = 200, seed: int = 1) -> pd.DataFrame:
    """No names, but ZIP + birth date + sex single everyone out."""
    rng = np.random.default_rng(seed)
    dob = pd.Timestamp("1950-01-01") + pd.to_timedelta(rng.permutation(n) * 37, unit="D")
    return pd.DataFrame({
        "zip": [f"{z:05d}" for z in rng.integers(1000, 99999, n)],
        "dob": dob,
        "sex": rng.choice(["M", "F"], n),
        "glucose": rng.normal(100, 15, n).round(1),
        "dose_mg": rng.choice([5.0, 10.0, 20.0], n),
    })


def test_zip_dob_sex_single_people_out() -> None:
    report = reidentification_risk(unique_people())
    assert report.quasi_identifiers == ["zip", "dob", "sex"]
    assert report.k == 1 and report.at_risk
    assert report.unique_rows == 200 and report.share_at_risk == 1.0
    assert report.kinds == {"zip": "zip", "dob": "birth", "sex": "sex"}


def test_coarse_quasi_identifiers_in_big_groups_are_not_at_risk() -> None:
    rng = np.random.default_rng(2)
    n = 5_000
    df = pd.DataFrame({
        "age_group": rng.choice(["18-39", "40-64", "65+"], n),
        "sex": rng.choice(["F", "M"], n),
        "state": rng.choice(["MA", "NY", "CA"], n),
        "hba1c": rng.normal(6, 1, n),
    })
    report = reidentification_risk(df)
    assert report.quasi_identifiers == ["age_group", "sex", "state"]
    assert report.k is not None and report.k >= 5 and not report.at_risk
    assert report.unique_rows == 0 and report.share_at_risk == 0.0


def test_no_quasi_identifiers_means_no_k() -> None:
    df = pd.DataFrame({"a": [1, 2, 3], "b": ["x", "y", "z"]})
    report = reidentification_risk(df)
    assert report.quasi_identifiers == [] and report.k is None and report.k_generalized is None
    assert not report.at_risk and report.unique_rows == 0 and report.share_at_risk == 0.0


def test_measurements_are_not_quasi_identifiers() -> None:
    rng = np.random.default_rng(3)
    df = pd.DataFrame({
        "glucose": rng.normal(100, 15, 500),
        "dose_mg": rng.choice([5.0, 10.0], 500),
        "creatinine_umol_l": rng.normal(80, 10, 500),
        "birth_weight": rng.normal(3.4, 0.4, 500),  # "birth", but a measurement
        "steady_state": rng.normal(size=500),  # "state", but a float
        "visit_count": rng.integers(0, 9, 500),
    })
    assert reidentification_risk(df).quasi_identifiers == []


def test_identifier_columns_are_listed_not_counted_as_quasi_identifiers() -> None:
    df = unique_people(50)
    df.insert(0, "patient_id", range(50))
    df.insert(1, "MRN", [f"M{i:06d}" for i in range(50)])
    df.insert(2, "lastName", ["x"] * 50)
    report = reidentification_risk(df)
    assert report.identifier_columns == ["patient_id", "MRN", "lastName"]
    assert not set(report.identifier_columns) & set(report.quasi_identifiers)


def test_quasi_identifiers_by_name_variants() -> None:
    names = ["ZipCode", "postal_code", "date_of_birth", "birthYear", "Age", "gender",
             "ethnicity", "icd10", "primary_dx", "admit_date", "discharge_date", "county",
             "marital_status", "occupation"]
    df = pd.DataFrame({name: ["1"] for name in names})
    assert list(detect_quasi_identifiers(df)) == names


def test_quasi_identifiers_by_value() -> None:
    rng = np.random.default_rng(4)
    n = 300
    df = pd.DataFrame({
        "c1": [f"{z:05d}" for z in rng.integers(1000, 99999, n)],
        "c2": random_dates(rng, "{m:02d}/{d:02d}/19{y:02d}", rng.integers(30, 99, n)),
        "c3": rng.choice(["male", "female"], n),
        "c4": rng.choice(["E11.9", "I10", "J45.909", "C50.911"], n),
        "c5": pd.to_datetime("2020-01-01") + pd.to_timedelta(rng.integers(0, 900, n), "D"),
        "c6": rng.choice(["red", "green"], n),
        "c7": rng.integers(10000, 99999, n),  # a 5-digit number is a number
    })
    assert detect_quasi_identifiers(df) == {
        "c1": "zip", "c2": "date", "c3": "sex", "c4": "diagnosis", "c5": "date",
    }


def test_rare_diagnosis_raises_risk() -> None:
    rng = np.random.default_rng(5)
    n = 1_000
    dx = rng.choice(["E11.9", "I10"], n).astype(object)
    dx[[3, 500]] = "Q87.40"  # a rare syndrome: two people
    df = pd.DataFrame({"sex": rng.choice(["F", "M"], n), "diagnosis": dx})
    report = reidentification_risk(df)
    assert report.at_risk and report.k is not None and report.k <= 2
    assert report.rare_value_rows == {"sex": 0, "diagnosis": 2}
    assert report.share_at_risk == pytest.approx(2 / n)


def test_generalization_to_year_and_zip3_can_reach_k() -> None:
    rng = np.random.default_rng(6)
    n = 2_000
    df = pd.DataFrame({
        "zip": [f"021{z:02d}" for z in rng.integers(0, 100, n)],
        "birth_date": random_dates(rng, "19{y}-{m:02d}-{d:02d}", rng.choice([60, 70], n)),
        "age": rng.choice([41, 43, 44], n),
        "sex": rng.choice(["F", "M"], n),
    })
    report = reidentification_risk(df)
    assert report.k == 1 and report.at_risk
    assert report.k_generalized is not None and report.k_generalized >= 5


def test_safe_harbor_pools_ages_over_89() -> None:
    df = pd.DataFrame({"age": [91, 97, 104, 99, 90, 93], "sex": ["F"] * 6})
    report = reidentification_risk(df, k_threshold=5)
    assert report.k == 1 and report.k_generalized == 6


def test_missing_values_form_their_own_group() -> None:
    df = pd.DataFrame({"zip": ["02139"] * 5 + [None] * 5, "sex": ["F"] * 10})
    report = reidentification_risk(df)
    assert report.k == 5 and not report.at_risk


def test_given_quasi_identifiers_override_detection() -> None:
    df = unique_people(100)
    report = reidentification_risk(df, quasi_identifiers=["sex"], k_threshold=3)
    assert report.quasi_identifiers == ["sex"] and not report.at_risk
    assert report.k_threshold == 3
    assert reidentification_risk(df, quasi_identifiers=[]).k is None
    with pytest.raises(KeyError):
        reidentification_risk(df, quasi_identifiers=["no_such_column"])
    with pytest.raises(ValueError):
        reidentification_risk(df, k_threshold=0)


def test_empty_table() -> None:
    report = reidentification_risk(unique_people().iloc[:0])
    assert report.k is None and report.rows == 0 and not report.at_risk


def test_report_holds_counts_and_names_only() -> None:
    df = unique_people(30)
    report = reidentification_risk(df)
    assert isinstance(report, RiskReport)
    with pytest.raises(AttributeError):
        report.k = 99  # type: ignore[misc]  # frozen
    dumped = json.dumps(report.to_dict())
    assert json.loads(dumped)["k"] == 1
    for value in [*df["zip"], *df["dob"].astype(str), "1950", "glucose"]:
        assert value not in dumped


def test_a_million_rows() -> None:
    """1,000,000 × 10 synthetic table completes (timing is left to benchmarks)."""
    rng = np.random.default_rng(7)
    n = 1_000_000
    df = pd.DataFrame({
        "patient_id": np.arange(n),
        "zip": rng.integers(10000, 99999, n).astype(str),
        "dob": pd.Timestamp("1940-01-01") + pd.to_timedelta(rng.integers(0, 21900, n), "D"),
        "sex": rng.choice(["M", "F"], n),
        "race": rng.choice(["A", "B", "C", "D", "E"], n),
        "icd10": rng.choice([f"E{i:02d}.{j}" for i in range(20) for j in range(10)], n),
        "age": rng.integers(18, 95, n),
        "glucose": rng.normal(100, 15, n),
        "dose_mg": rng.choice([5.0, 10.0, 20.0], n),
        "hba1c": rng.normal(6, 1, n),
    })
    report = reidentification_risk(df)
    assert report.quasi_identifiers == ["zip", "dob", "sex", "race", "icd10", "age"]
    assert report.rows == n and report.k == 1 and report.at_risk
    assert 0 < report.unique_rows <= n
    coarse = reidentification_risk(df, quasi_identifiers=["sex", "race"])
    assert coarse.k is not None and coarse.k > 50_000 and not coarse.at_risk
