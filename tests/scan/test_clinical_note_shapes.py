"""Shapes clinical notes and questions write identifiers in: a month and day without a
year, a pager's short number, a short letter-prefixed id after its label; and the
settings, shares and scores that look like them but are none."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jupyter_safeai import scan_text
from jupyter_safeai.scan import dates
from tests.scan.found_text import texts_of

_found = texts_of(scan_text, category="phi")


# -- a month and day, no year ----------------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [
    ("Pt transferred from rehab; wound culture sent 11/29, sensitivities pending.", "11/29"),
    ("PATIENT REINTUBATED 2/17 AFTER FAILED TRIAL. SPUTUM THICK.", "2/17"),
    ("pt's sister visited, says pt fell at home around 9/14 and hit head", "9/14"),
    ("Pt NPO since midnight; EGD done 12/3 showed no active bleed.", "12/3"),
    ("central line out 5/30-6/2 then replaced, pt tolerated well", "5/30"),
    ("PMH: pt s/p L hip fx 3/91, ORIF; pacemaker 11/04.", "3/91"),  # a month and a year
    ("PT HAD PICC PLACED X2 11/3 AT BEDSIDE", "11/3"),  # after a count
])
def test_a_month_and_day_in_a_note_about_a_patient_is_a_date(text: str, value: str) -> None:
    assert value in _found(text, "DATE")


@pytest.mark.parametrize("text", [
    "Pt on PSV 12/6 overnight, sats 97% on 40% FiO2.",  # a ventilator's pressures
    "Pt weaned, CPAP now down to 8/6 this am.",
    "pt rates pain 7/10 at rest; given morphine.",  # a score
    "pt strength 4/5 in both arms.",
    "pt given 1 1/2 tabs of tylenol, 2/3 of tray eaten.",  # shares
    "pt on vent settings 11/9 35% overnight",  # a setting followed by a share
    "patient's nurse covered the 3/11 shift",  # a shift
    "In the trial 9/23 patients on the drug relapsed.",  # a count
])
def test_settings_scores_shares_and_shifts_are_no_date(text: str) -> None:
    assert _found(text, "DATE") == []


@pytest.mark.parametrize("text", [
    "accuracy = correct / total  # 7/19 on the first fold",  # not about a person
    "Epoch 3/12 - loss 0.41\nEpoch 4/12 - loss 0.38",
    "x = a[1:3/4]\nratio = 12/25",
    "The patient class got 8/19 of the votes in 0.5/1.5 s",  # a decimal is no day
])
def test_a_slash_pair_outside_a_note_stays_quiet(text: str) -> None:
    assert _found(text, "DATE") == []


_PIECES = ["1", "12", "31", "7", "/", "-", " ", "%", ".", ",", "a", "x", "PS ", "\n", "#"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
def test_month_days_read_from_their_slash_are_the_patterns_matches(text: str) -> None:
    assert (list(dates._month_day_spans(text))
            == [m.span() for m in dates._MONTH_DAY.finditer(text)])


# -- pagers ------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [
    ("Resident on call tonight, pager 40217, aware of K 3.1.", "40217"),
    ("Social work following.  Beeper: #6620", "6620"),
    ("Plan: PT eval tomorrow. PG 71904", "71904"),
    ("family can be reached at 415 8812046 after 5pm", "415 8812046"),
])
def test_pagers_and_numbers_under_a_reach_phrase_are_phone_numbers(text: str,
                                                                   value: str) -> None:
    assert value in _found(text, "PHONE_NUMBER")


@pytest.mark.parametrize("text", [
    "see pg 12 of the manual",  # a page, too short for a pager
    "pager duty rotation has 3 people",
    "pg 1999 text, page 2013",
    "connect with psycopg: port 5432, pg 54329%",
])
def test_pages_and_pager_words_without_a_number_stay_quiet(text: str) -> None:
    assert _found(text, "PHONE_NUMBER") == []


# -- short labelled identifiers ------------------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [
    ("Coverage question for her plan (insurance ID: QK-40813)", "QK-40813"),
    ("his HMO ID is 8820417 and he was seen last week", "8820417"),
    ("pulled from the EMR: 30417726 for the discharge summary", "30417726"),
    ("referred with ref. code: RX-52019 from the clinic", "RX-52019"),
    ("trial enrolment, site ID: 60412", "60412"),
    ("chart ID#: TQ-71350 flagged for review", "TQ-71350"),
    ("MRN: #BMC-774012KL on the wristband", "BMC-774012KL"),
])
def test_short_letter_prefixed_ids_after_their_label(text: str, value: str) -> None:
    assert value in _found(text)


@pytest.mark.parametrize("text", [
    "Vent A/C 550 x 14 40% with PEEP 8",  # assist-control settings, not an account
    "account for a/c 480*16 35% overnight",
    "insurance coverage rose 12 34% in a year",
])
def test_a_setting_followed_by_a_share_is_no_identifier(text: str) -> None:
    assert _found(text) == []


# -- places of care without a care verb ----------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [
    ("Records were reviewed at Toronto General last spring.", "Toronto General"),
    ("Her cardiologist is with Riverbend Healthcare in the valley.", "Riverbend Healthcare"),
    ("Discharge planning: bed offered at Glenmoor Rehab next week.", "Glenmoor Rehab"),
    ("her mother moved to Maple Ridge Senior Center", "Maple Ridge Senior Center"),
    ("imaging from Beth-Sinai was sent over", "Beth-Sinai"),
])
def test_a_named_place_of_care_ending_in_a_facility_word(text: str, value: str) -> None:
    assert any(value in found for found in _found(text, "LOCATION"))


@pytest.mark.parametrize("text", [
    "A statement from the Surgeon General on smoking.",
    "The Attorney General of the state said so.",
    "In General the model overfits; More General rules help.",
    "Healthcare costs rose; see the Rehab section below.",
])
def test_titles_and_generic_words_are_no_place(text: str) -> None:
    assert _found(text, "LOCATION") == []


@pytest.mark.parametrize(("text", "value"), [
    ("son's home number: 555 0417", "555 0417"),
    ("Wife's cell no. 7 31 22 90 48, call after noon", "7 31 22 90 48"),
])
def test_a_number_after_a_phone_word_and_number_is_a_phone(text: str, value: str) -> None:
    assert value in _found(text, "PHONE_NUMBER")
