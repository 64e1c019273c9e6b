"""Numbers of a person's case, application, file or claim, read after their label and in
an identifier's shape; laws', articles', rules', figures' and versions' numbers are none."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan import scan_text
from jupyter_safeai.scan.case_numbers import CaseNumberRecognizer
from tests.scan.found_text import texts_of

_numbers = texts_of(CaseNumberRecognizer().find)


@pytest.mark.parametrize(("text", "numbers"), [
    ("The matter began with an application (no. 31544/07) against Ruritania.", ["31544/07"]),
    ("See applications nos. 1203/11, 4471/12 and 90016/13, joined later.",
     ["1203/11", "4471/12", "90016/13"]),
    ("Case no. CV-2018-004417 was listed for a hearing.", ["CV-2018-004417"]),
    ("docket 2:17-cr-00815 in the district court", ["2:17-cr-00815"]),
    ("Please quote claim number: 2013/88120 in your reply.", ["2013/88120"]),
    ("Our ref: KX40521. Your letter of last week", ["KX40521"]),
    ("Ref. 2009/377 (appeal)", ["2009/377"]),
    ("file no. 44-20917 at the registry", ["44-20917"]),
    # a letter whose lower case is longer (`İ`) moves no offset
    ("Mr İnce lodged application no. 5120/09 in Ankara.", ["5120/09"]),
])
def test_a_matters_number_after_its_label(text: str, numbers: list[str]) -> None:
    assert _numbers(text) == numbers


@pytest.mark.parametrize("text", [
    "under Law no. 466 on compensation", "Article 6 § 1 of the Convention",
    "Rule 39 of the Rules of Court", "Protocol No. 11 entered into force",
    "as Figure no. 3 shows", "version no. 1.2.3 of the package", "Test case #3 passes",
    "case no. 12 of the exercise", "the reference 2019/2020 season",
    "file: 2021-03-04", "see file: 12-345.csv", "file no. 1990-1995",
    "match value:\n    case 12:\n        pass", "application/json; charset=utf-8",
])
def test_other_numbers_stay_quiet(text: str) -> None:
    assert _numbers(text) == []


def test_the_scanner_reports_a_case_number_as_a_unique_id() -> None:
    text = "The applicant's complaint (application no. 31544/07) was lodged in 2007."
    assert ("UNIQUE_ID", "31544/07") in {
        (f.entity, text[f.start:f.end]) for f in scan_text(text)}


@pytest.mark.parametrize("text", [
    "The claims number in 2020 doubled after the change.",
    "Our case number is small in 2019 and larger since.",
])
def test_a_word_between_the_label_and_a_year_is_no_prefix(text: str) -> None:
    assert _numbers(text) == []
