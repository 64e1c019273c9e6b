"""Nursing notes name devices after people and shorten drugs and lines to words name
lists hold as given names (`Foley`, `Hickman`, `Neo`, `Aline`): alone they are the thing,
after a title or beside a strong name still a person."""

from __future__ import annotations

import pytest

from jupyter_safeai import scan_text


def _people(text: str) -> list[str]:
    return [text[f.start:f.end] for f in scan_text(text) if f.entity == "PERSON"]


@pytest.mark.parametrize("text", [
    "GU: Foley catheter draining clear yellow urine, emptied twice this shift.",
    "Temp 35.1 on arrival, Bair hugger on and temp back to normal by noon.",
    "Line check: Hickman flushed easily with brisk blood return, dressing changed.",
    "Soft pressures overnight, Neo titrated up to keep the mean above sixty.",
    "BP LABILE ON NEO OVERNIGHT, WEANED OFF BY MORNING. TOLERATING SIPS.",
    "Right radial Aline placed without trouble, waveform sharp.",
    "NG tube to LIS, small bilious output, abdomen soft.",
])
def test_a_device_or_drug_word_alone_in_a_note_is_no_person(text: str) -> None:
    assert _people(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Plan reviewed with Dr. Foley this morning, labs to follow.", "Foley"),
    ("Mrs. Hickman was admitted from clinic with chest pain.", "Hickman"),
    ("Pt's daughter Neo Bairstow visited and asked about discharge.", "Neo Bairstow"),
    ("Aline Morrison called the unit to ask about her father.", "Aline Morrison"),
    ("Orders clarified with Margaret Foley, RN, before transfer.", "Margaret Foley"),
])
def test_the_same_words_after_a_title_or_beside_a_name_are_still_a_person(
        text: str, name: str) -> None:
    assert any(name in found for found in _people(text))


@pytest.mark.parametrize("text", [
    "FAMILY: Husband, daughter and niece in to visit, questions answered.\nRESP: clear.",
    "Family: Pt's sister called twice, updated on plan.\nNeuro: intact.",
    "Family: Children in this evening, updated at bedside.\nGI: tolerating diet.",
])
def test_a_family_field_of_a_note_saying_who_visited_is_no_name(text: str) -> None:
    assert _people(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ('{"family": "Okonkwo", "given": ["Adaeze"]}', "Okonkwo"),
    ("family: Okonkwo\ngiven: Adaeze", "Okonkwo"),
    ("FAMILY: wife Adaeze Okonkwo in to visit.", "Adaeze Okonkwo"),
])
def test_a_family_name_value_or_a_named_relative_is_still_a_person(
        text: str, name: str) -> None:
    assert any(name in found for found in _people(text))


@pytest.mark.parametrize("text", [
    "wanting to get oob. explained to pt. reason she is not ready to get up yet.",
    "ambulating slowly. talked with pt. reason he is anxious is the move.",
])
def test_lower_case_words_after_a_cue_with_a_pronoun_are_prose(text: str) -> None:
    assert _people(text) == []


def test_lower_case_listed_names_after_a_cue_are_still_a_person() -> None:
    assert _people("seen pt maria garcia today, stable.") == ["maria garcia"]


@pytest.mark.parametrize("text", [
    "HX: HTN, COPD ,CHF, PVD ,FALLS AT HOME.",
    "MEDS HELD. TALKED TO PT RE: PANCREATITIS, NPO, PAIN PLAN FOR TONIGHT.",
    "AT 2 AM, SEEMING MORE LUCID, LESS RESTLESS. SAT WITH PT.",
    "PT MENTATING,DENIES PAIN AT PRESENT. BP UP AFTER BOLUS.",
    "Tube draining clear, amber fluid at 30cc/hr.",
    "Urine clear, amber, no sediment.",
])
def test_a_note_s_lists_of_findings_drugs_and_states_are_no_surname_given(text: str) -> None:
    assert _people(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("ADMITTED OYELARAN, TEMITOPE (71) FROM THE CLINIC.", "OYELARAN, TEMITOPE"),
    ("name: NWOSU, ADAEZE", "NWOSU, ADAEZE"),
    ("Patient: Kristensen, Ingrid, seen today for follow-up.", "Kristensen, Ingrid"),
])
def test_a_surname_and_given_name_with_a_comma_are_still_a_person(
        text: str, name: str) -> None:
    assert any(name in found for found in _people(text))


def test_a_surname_and_given_name_whose_vowels_carry_marks_are_a_person() -> None:
    assert _people("{'name': 'TRỊNH, HÙNG', 'age': 40}") == ["TRỊNH, HÙNG"]
