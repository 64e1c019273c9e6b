"""The place a care verb names is a place (issue 14, ASQ-PHI's tune part): `admitted to
Brightwater`, `seen at Okafor Memorial`, whatever the place's last word, and the short
forms of facility words (`Med Ctr`, `Hosp`). Wards, departments, all-capital notes and
machines data is moved to are not."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.engine import Scanner
from jupyter_safeai.scan.facilities import FacilityRecognizer
from tests.scan.found_text import texts_of

SCANNER = Scanner()
FACILITY = FacilityRecognizer()


places = texts_of(FACILITY.find, "LOCATION")


@pytest.mark.parametrize(("text", "place"), [
    ("Pt with CHF, admitted to Brightwater on the 3rd, now on furosemide.", "Brightwater"),
    ("Ulla K. was seen at Okafor Memorial for chest pain.", "Okafor Memorial"),
    ("treated at Lindqvist & Moreau for a hip fracture", "Lindqvist & Moreau"),
    ("She was readmitted to Haverford Vale after the fall.", "Haverford Vale"),
    ("discharged from Pinecrest yesterday, follow-up in two weeks", "Pinecrest"),
    ("last seen at the Marlowe clinic for her asthma review", "Marlowe clinic"),
    ("hospitalised in Tamsworth Royal with pneumonia", "Tamsworth Royal"),
    ("(Transferred from KVMC) intubated on arrival", "KVMC"),
    # capitalised facility words after a care verb name one facility, though generic
    ("admitted to General Hospital", "General Hospital"),
    ("Dr. Ames treated him at Riverside Medical Center last week", "Riverside Medical Center"),
])
def test_the_place_a_care_verb_names(text: str, place: str) -> None:
    assert place in places(text)
    assert ("LOCATION", place) in [(f.entity, text[f.start:f.end])
                                   for f in SCANNER.scan(text)]


@pytest.mark.parametrize(("text", "place"), [
    ("Her echo was read at Harlow Med Ctr.", "Harlow Med Ctr"),
    ("Biopsy done at Greyfield Med. Center in June.", "Greyfield Med. Center"),
    ("He came in from St. Brendan's Hosp by ambulance.", "St. Brendan's Hosp"),
])
def test_short_forms_of_facility_words(text: str, place: str) -> None:
    assert place in places(text)


@pytest.mark.parametrize("text", [
    "Admitted to the ICU overnight for pressors.",
    "He was transferred to CCU from the floor.",
    "seen at Cardiology and then at Dermatology",
    "treated at Home with oral antibiotics",
    "ADMITTED TO MERCY FROM THE FIELD. STABLE.",  # all capitals: no telling a name
    "as presented in Table 2 and discussed in Section 4",
    "the tensors are transferred to GPU before training",
    "the model is evaluated at T = 10 and at N = 5",
    "She was seen at Dr. Okafor's request.",
    "admitted to the hospital",
    "admitted to the General Hospital ward",
])
def test_what_no_care_verb_makes_a_place(text: str) -> None:
    assert places(text) == []


@pytest.mark.parametrize(("text", "place"), [
    ("Pt MK is a 71 yo who presented to saint agnes hospital from home", "saint agnes hospital"),
    ("RN note: transferred to mercy hospital at 14:00", "mercy hospital"),
])
def test_a_hospital_typed_in_lower_case_after_a_preposition_of_place(
        text: str, place: str) -> None:
    assert ("LOCATION", place) in [(f.entity, text[f.start:f.end]) for f in SCANNER.scan(text)]


@pytest.mark.parametrize("text", [
    "She was taken to the county hospital by ambulance",
    "He was born in a field hospital near Arnhem",
])
def test_generic_or_uncued_lower_case_hospitals_in_prose_stay_quiet(text: str) -> None:
    assert not [f for f in SCANNER.scan(text) if f.detector == "pattern:facility"]
