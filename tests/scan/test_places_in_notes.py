"""Places as notes and clinical questions name them: facilities in notes written all in
capitals or all in lower case, saints' names, hospitals' initials, a building and its
floor, what `at` names in a sentence about a patient, and towns after a cue of residence
or of movement. Look-alikes (wards, tests, machines, a kind of care, prose about data,
common words that GeoNames also knows as towns) stay quiet."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.engine import Scanner
from jupyter_safeai.scan.facilities import FacilityRecognizer
from jupyter_safeai.scan.places import PlaceRecognizer

SCANNER = Scanner()
RECOGNIZERS = (FacilityRecognizer(), PlaceRecognizer())


def places(text: str) -> set[str]:
    return {text[f.start:f.end] for r in RECOGNIZERS for f in r.find(text)
            if f.entity == "LOCATION"}


def scanned_places(text: str) -> set[str]:
    return {text[f.start:f.end] for f in SCANNER.scan(text) if f.entity == "LOCATION"}


@pytest.mark.parametrize(("text", "place"), [
    ("71 YO MALE SENT IN FROM DRUMMOND HOSPITAL WITH CHEST PAIN", "DRUMMOND HOSPITAL"),
    ("PLAN: SCREENED FOR PLACEMENT AT HALVORSEN REHAB, FAMILY AGREES", "HALVORSEN REHAB"),
    ("pt came by ambulance from pemberly-oaks nursing home this am", "pemberly-oaks nursing home"),
    ("HX: FOUND DOWN AT HOME, TAKEN TO ST AGNES HOSPITAL, INTUBATED", "ST AGNES HOSPITAL"),
    # a cue before `hospital` makes any words its name
    ("PT TRANSFERRED FROM MERCY HOSPITAL FOR CATH", "MERCY HOSPITAL"),
    # a town GeoNames knows before `rehab`, `memorial`; a name no word is before `campus`
    ("awaiting bed at cleveland rehab, pt aware", "cleveland rehab"),
    ("PT ADMITTED TO ANNAPOLIS MEMORIAL WITH SOB", "ANNAPOLIS MEMORIAL"),
    ("PT WAS SENT TO THE WESTERLUND CAMPUS FOR MRI", "WESTERLUND CAMPUS"),
])
def test_facilities_in_notes_without_case(text: str, place: str) -> None:
    assert place in places(text)
    assert place in scanned_places(text)


@pytest.mark.parametrize("text", [
    "PT TO CARDIAC REHAB ON DISCHARGE, THEN PULMONARY REHAB",
    "DISCUSSED HOSPITAL COURSE WITH WIFE. PT TO RETURN TO NURSING HOME",
    "FOLLOW UP IN COUMADIN CLINIC NEXT WEEK",
    "TRANSFERRED FROM OUTSIDE HOSPITAL, WHICH HOSPITAL UNKNOWN",
    "pt may need subacute rehab or acute rehab after this stay",
    "Hospital course: uneventful. Pt seen by the rehab team.",
])
def test_kinds_of_care_in_notes_stay_quiet(text: str) -> None:
    assert places(text) == set()


@pytest.mark.parametrize(("text", "place"), [
    ("Plan: d/c tomorrow, transfer to St. Bernadette's for rehab.", "St. Bernadette's"),
    ("PT TO GO TO ST. ANNE ON FRIDAY PER CASE MANAGER", "ST. ANNE"),
])
def test_a_saints_name_after_a_preposition_is_a_place(text: str, place: str) -> None:
    assert place in places(text)


@pytest.mark.parametrize("text", [
    "HR 110, IN ST WITH RARE PVCS",  # sinus tachycardia
    "He was in ST on the monitor and at St rest.",
])
def test_sinus_tachycardia_is_no_saint(text: str) -> None:
    assert places(text) == set()


@pytest.mark.parametrize(("text", "place"), [
    ("Pt was sent to BWH ED for eval; pt a 60 yo male", "BWH"),
    ("73 yo f. Transferred from UMMC after a fall.", "UMMC"),
    ("64 yo m followed at mgh for chf, lives alone", "mgh"),
    ("72 YO MALE RECENTLY ADMITTED TO THE UCH FOR CHF", "UCH"),
])
def test_hospital_initials_after_a_preposition(text: str, place: str) -> None:
    assert place in places(text)


@pytest.mark.parametrize("text", [
    "Pt a 60 yo male with ICH. Switched to NPH insulin, in PMH: htn.",
    "PT IN WHICH BP DROPPED; 55 YO MALE; TO BATH IN AM",
    "pt 70 yo to cath lab at 1400, from cath to ccu",
    "Switched to TSH protocol for the 68 yo pt",
])
def test_findings_and_words_that_end_like_initials_stay_quiet(text: str) -> None:
    assert places(text) == set()


@pytest.mark.parametrize(("text", "place"), [
    ("Stable overnight. Plan: transfer to Wexley 4 when a bed opens.", "Wexley"),
    ("pt admitted to micu from brackenhall 7 for sob", "brackenhall"),
])
def test_a_building_and_its_floor_after_a_move(text: str, place: str) -> None:
    assert place in places(text)


@pytest.mark.parametrize("text", [
    "Plan: transfer to floor 5 when bed available",
    "the batch was moved to cuda 0 and then to device 1",
    "upgrade from pandas 1 to pandas 2 before the run",
])
def test_floors_and_devices_are_no_buildings(text: str) -> None:
    assert places(text) == set()


@pytest.mark.parametrize(("text", "place"), [
    # a listed surname after `at` (not any capitalised word: `at Lasix 40` is a drug)
    ("Colitis in a 38-year-old woman, diagnosed by Dr. Okafor at Lahey last May?", "Lahey"),
    ("Dose advice for a pt seen at UPMC Presbyterian on 3/4/2022?", "UPMC Presbyterian"),
    ("Pt, 61 yo male, consulted at Portland Heart Institute in June?",
     "Portland Heart Institute"),
    ("How to taper steroids for Ms. Reyes, who visited our Denver clinic in May?",
     "Denver clinic"),
    ("Mr. Abara presented at Glasgow Royal on 2 June with chest pain.", "Glasgow Royal"),
    ("Pt was admitted to County General Hospital yesterday.", "County General Hospital"),
    ("Mr. Doyle was admitted to Quinton 6 overnight.", "Quinton"),
])
def test_what_at_names_in_a_sentence_about_a_patient(text: str, place: str) -> None:
    assert place in places(text)


@pytest.mark.parametrize("text", [
    "The patient is at Risk of falls; weight at Admission 70 kg.",
    "Pt on levophed, BP at SBP 90, at MAP goal.",
    "Pt on drips, titrated at Lasix 40 and at Heparin 900.",
    "We met at NeurIPS to discuss transfer learning from ImageNet.",
    "The tensors are moved to GPU and the model is evaluated at Epoch 10.",
    "Results were presented at Table 2 and at Figure 3.",
    "She was seen at Dr. Lee's request.",
])
def test_what_at_names_that_is_no_place(text: str) -> None:
    assert places(text) == set()


@pytest.mark.parametrize(("text", "place"), [
    ("Frank, 70, residing in Bakersfield, last admitted in May.", "Bakersfield"),
    ("Pt lives in the Bronx with her daughter.", "Bronx"),
    ("Pt stable. Social: daughter from Modesto called, updated on plan.", "Modesto"),
    ("PT STABLE. SOCIAL: PT'S SON FROM SCRANTON CALLED, AWARE OF PLAN", "SCRANTON"),
    ("pt stable. he lives in scranton with his wife", "scranton"),
    ("pt stable. social: she lives with husband in towson, 2 grown children", "towson"),
    ("Nephew, Raul Ibarra of Fresno, visited the pt today.", "Fresno"),
    ("Dosing for a patient like Ana K. from Tulsa, seen in clinic on 2/2/2022?", "Tulsa"),
    # a capitalised word before the preposition that ends a name or a facility's name
    ("A 50-year-old seen by Dr. Maria Lopez in San Antonio on May 3?", "San Antonio"),
    ("Pt seen at Mercy Hospital in Des Moines last week.", "Des Moines"),
    # `New` starts GeoNames' whole name
    ("Pt, 44, from New Orleans, seen on 1/2/2023?", "New Orleans"),
])
def test_towns_after_a_cue_of_residence_or_movement(text: str, place: str) -> None:
    assert place in places(text)


@pytest.mark.parametrize("text", [
    "The loss moved to GPU after transfer learning from ImageNet.",
    "She was born in 1990 and moved to data science in 2015.",
    "Article in New York Times about the patient cohort.",
    "urine clear from foley; she is resting. pt in bath at 10.",
    "pt was sent home in march; she will call. back in reading room.",
    "wife: numbers in Green chart. pt visited by family.",
    "pt stable; son in law at bedside, wife in bay 4",
])
def test_words_that_geonames_also_knows_stay_quiet(text: str) -> None:
    assert places(text) == set()


@pytest.mark.parametrize(("text", "place"), [
    ("İ" * 30 + " pt sent to St Mary's for rehab", "St Mary's"),
    ("İ" * 10 + " trip notes, nothing else here. pt stable. he lives in scranton", "scranton"),
])
def test_a_letter_that_lower_case_lengthens_moves_no_place(text: str, place: str) -> None:
    """`İ` lowers to two characters: the readers of lower-cased notes keep the offsets
    of the text itself (a shifted span would raise, or miss the place)."""
    found = SCANNER.scan(text)
    assert all(0 <= f.start < f.end <= len(text) for f in found)
    assert place in scanned_places(text)
