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


@pytest.mark.parametrize(("text", "numbers"), [
    # a court's register before the number (Roman chamber, capitals, a division's digits)
    ("The regional court (case no. III K 418/02) heard the witnesses.", ["III K 418/02"]),
    ("The claim was registered under no. 14 Ca 2290/2003.", ["14 Ca 2290/2003"]),
    # a register, a number and a year joined by a dash and a slash
    ("He brought a civil action (no. 3-981/2005) for damages.", ["3-981/2005"]),
    ("The investigation (file no. 27/6310-08) was discontinued.", ["27/6310-08"]),
    # a court's file number in brackets after the court, no label
    ("The Court of Appeal (II ACz 7730/06) upheld the order.", ["II ACz 7730/06"]),
    ("The judgments (E. 2001/512, K. 2002/77) became final.", ["E. 2001/512", "K. 2002/77"]),
])
def test_a_courts_file_number_in_its_registers_shape(text: str, numbers: list[str]) -> None:
    assert _numbers(text) == numbers


@pytest.mark.parametrize("text", [
    # a span of years, with or without its letters
    "The court's budget (FY 2019/20) was cut.", "the order nos. 2019/2020 of the season",
    # brackets with a register's shape but no court or act before them
    "The model (Q 3/4) converged.", "the pipeline (ABC 120/64) ran twice",
    # a bracket after a court far behind, past a stop
    "The court sat. The mixing ratio (R 12/50) was fixed.",
    # `under no.` before a count, a share or a law
    "Under no. 3 circumstances", "under no. 5 of the rules",
])
def test_no_register_number_without_its_shape_or_court(text: str) -> None:
    assert _numbers(text) == []
