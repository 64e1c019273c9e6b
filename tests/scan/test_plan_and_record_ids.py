"""Health-plan and other record identifiers after their label when punctuation or words
stand between (`ins. #`, `member ID is`, `ref. code:`), and short ids with a letter
prefix; a span of years after a plan word is none. All values are made up here."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan import scan_text
from tests.scan.found_text import texts_of

IDS = {"HEALTH_PLAN_NUMBER", "UNIQUE_ID", "MEDICAL_RECORD_NUMBER", "ACCOUNT_NUMBER"}


id_values = texts_of(scan_text, *IDS)


@pytest.mark.parametrize("text, value", [
    ("she has ins plan #K-551203 through her employer", "K-551203"),
    ("seen at the clinic (ins. #318-4470-926)", "318-4470-926"),
    ("Medicare # QX-770214 on file", "QX-770214"),
    ("his member ID is W88120547", "W88120547"),
    ("Policy no. 6620-1183 covers the pump", "6620-1183"),
    ("visit booked, ref. code: TR-4471.", "TR-4471"),
    ("ID number: 55-90217 on the wristband", "55-90217"),
])
def test_an_id_after_its_label(text: str, value: str) -> None:
    assert value in id_values(text)


@pytest.mark.parametrize("text", [
    "the insurance plan for 2019-2020 changed",
    "Medicare rules from 2023 onward",
    "a member of 12 teams since 2019",
    "ins 1200 / outs 900 overnight",
])
def test_years_counts_and_intake_volumes_stay_quiet(text: str) -> None:
    assert id_values(text) == []
