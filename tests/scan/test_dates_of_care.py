"""Dates of care are the patient's: a care verb, an age or a clinical note's words make
them so where no record word stands; a bare `on` ties only the date right after it; an
age is no house number and a facility word no surname."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.address_blocks import AddressBlockRecognizer
from jupyter_safeai.scan.dates import DateRecognizer
from jupyter_safeai.scan.engine import Scanner
from jupyter_safeai.scan.name_context import about_a_patient, about_a_person
from tests.scan.found_text import texts_of

_dates = texts_of(DateRecognizer().find)


@pytest.mark.parametrize(("text", "date"), [
    # a care verb, no record word
    ("Could the cardiologist who evaluated Tomasz K. at Brightwater Clinic on 11/02/2022 "
     "share the echo report?", "11/02/2022"),
    ("Mei R. underwent a knee arthroscopy at Fairhaven General in Dec 3 2019, then PT.",
     "Dec 3 2019"),
    # an age in any of its short forms
    ("A 63yo smoker, last CT chest on 2024-07-19, now with hemoptysis: next steps?",
     "2024-07-19"),
    ("63-year-old with new AF; echo 19 August 2021 showed EF 40%. Anticoagulate?",
     "19 August 2021"),
    # a clinical note's abbreviations, in capitals
    ("PMH: DM2, CKD. S/P CABG. CHEST FILM 03-02-97 WITH EFFUSION.", "03-02-97"),
    ("NEURO: ALERT. TRACH CHANGED 2/11, TOLERATING WELL.", "2/11"),
])
def test_a_date_of_care_is_the_patients(text: str, date: str) -> None:
    assert date in _dates(text)


@pytest.mark.parametrize("text", [
    # documentation and history carry no care
    "The library was treated as stable after 2.0; 1.9 shipped on 04/11/2019.",
    "Pandas 2.2 was released on January 19, 2024 with a new string dtype.",
    "The Apollo 11 crew landed on 20 July 1969 in the Sea of Tranquility.",
    "Log rotated 2023-05-01 02:00:00; disk usage 40%.",
])
def test_dates_with_no_care_stay_quiet(text: str) -> None:
    assert _dates(text) == []


def test_care_words_are_asked_only_by_dates() -> None:
    """Names keep their own person test: a care verb alone is no record word."""
    text = "evaluated at Brightwater on day 3"
    assert about_a_patient(text, 0, len(text)) and not about_a_person(text, 0, len(text))


@pytest.mark.parametrize(("text", "date"), [
    ("Seen on Oct 2021 for a rash; stable since.", "Oct 2021"),
    ("Dr. Varga saw the patient on 14 March for review.", "14 March"),
])
def test_a_bare_on_ties_the_partial_date_right_after_it(text: str, date: str) -> None:
    assert date in _dates(text)


@pytest.mark.parametrize("text", [
    "The patient is on warfarin since March 2022 with stable INRs.",
    "Patient kept on the waitlist until Nov 2025 per policy.",
])
def test_a_bare_on_does_not_reach_over_words_to_a_partial_date(text: str) -> None:
    assert _dates(text) == []


@pytest.mark.parametrize("text", [
    "TRANSFER NOTE:\n72 YO ADMITTED 3/14 WITH SEPSIS",
    "Summary:\n48 yrs Transferred 11/2 from rehab",
])
def test_an_age_before_a_date_is_no_street(text: str) -> None:
    assert list(AddressBlockRecognizer().find(text)) == []


def test_a_number_and_words_before_a_house_number_are_still_a_street() -> None:
    text = "Address:\n28245 Puruntie 82"
    assert [text[f.start:f.end] for f in AddressBlockRecognizer().find(text)] == [
        "28245 Puruntie 82"]


@pytest.mark.parametrize(("text", "place", "person"), [
    ("Transferred from Oakridge Nursing Home, Pedro Alvarez was stable on arrival.",
     "Oakridge Nursing Home", "Pedro Alvarez"),
    ("Discharged to Willow Creek Hospice, Maria Lopez's daughter agreed.",
     "Willow Creek Hospice", "Maria Lopez"),
])
def test_a_facility_word_is_no_surname(text: str, place: str, person: str) -> None:
    found = {(f.entity, text[f.start:f.end]) for f in Scanner().scan(text)}
    assert ("LOCATION", place) in found
    assert ("PERSON", person) in found


@pytest.mark.parametrize(("text", "date"), [
    ("Ines V. was evaluated at Northgate Cardiology in Sept 2022 for palpitations.",
     "Sept 2022"),
    ("He underwent a colectomy on 9 June and recovered well.", "9 June"),
])
def test_a_care_verb_labels_a_partial_date(text: str, date: str) -> None:
    assert date in _dates(text)


@pytest.mark.parametrize("text", [
    "HR 88, CO/CI 4/2 by thermodilution.",
    "Vent: flowby 6/2, FiO2 35%.",
])
def test_cardiac_and_vent_readings_are_no_dates(text: str) -> None:
    assert _dates(text) == []


def test_a_date_after_a_city_is_no_part_of_the_address() -> None:
    text = "Seen at 40 Quarry Lane, Ashford on March 3rd, 2022 for a wound check."
    found = {(f.entity, text[f.start:f.end]) for f in Scanner().scan(text)}
    assert ("STREET_ADDRESS", "40 Quarry Lane, Ashford") in found
    assert ("DATE", "March 3rd, 2022") in found


def test_a_town_joined_by_on_is_still_one_town() -> None:
    text = "Send it to 9 Mill Street, Newcastle upon Tyne, NE1 4XF"
    found = {(f.entity, text[f.start:f.end]) for f in Scanner().scan(text)}
    assert ("STREET_ADDRESS", "9 Mill Street, Newcastle upon Tyne") in found


@pytest.mark.parametrize("text", [
    "The patient asked whether the guideline updated on Sept 2024 applies.",
    "Cohort visits: median age 61; data freeze in October 2020.",
])
def test_a_partial_date_of_a_release_or_a_cohort_is_no_ones(text: str) -> None:
    assert _dates(text) == []


@pytest.mark.parametrize("text", [
    "Pt resting. PS decreased back to 12/6 overnight, sats 95%.",
    "Pt tiring; placed on 12/4 BiPAP with good effect.",
    "Pt on NIV, settings 12/6/50% with improved ABG.",
])
def test_a_setting_or_its_change_is_no_date(text: str) -> None:
    assert _dates(text) == []


@pytest.mark.parametrize(("text", "date"), [
    ("Patient had a biopsy on Sept 9th, then started chemo.", "Sept 9th"),
    ("Mr. Obi was admitted 3 October, stable since.", "3 October"),
])
def test_a_partial_date_before_a_comma_and_words(text: str, date: str) -> None:
    assert date in _dates(text)


def test_a_list_of_days_is_no_partial_date() -> None:
    assert _dates("Patient seen on May 5, 6 and 7 by the team.") == []


@pytest.mark.parametrize(("text", "date"), [
    ("ECHO SCHEDULED FOR TUESDAY 11/23.", "11/23"),
    ("Standup moved to Thu. 4/9 at noon", "4/9"),
])
def test_a_month_and_day_after_a_weekday_is_a_day_in_any_text(text: str, date: str) -> None:
    assert date in _dates(text)


@pytest.mark.parametrize("text", [
    "the run on Sat scored 3/4 of the points",  # a share, weekday or not
    "kernel restarted, CPAP 10/5 overnight",
])
def test_shares_and_settings_stay_quiet_without_a_weekday(text: str) -> None:
    assert not _dates(text)
