"""Hospitals with devotional names made of English words (`Holy Cross`, `Good
Samaritan`, `Our Lady of Lourdes`) after a preposition of place in a text about a
patient; and a given name after `sent to` is the person, not a place. Every example is
made up here."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.engine import Scanner

SCANNER = Scanner(ner=False)


def locations(text: str) -> list[str]:
    return [text[f.start:f.end] for f in SCANNER.scan(text) if f.entity == "LOCATION"]


@pytest.mark.parametrize(("text", "place"), [
    ("Pt had her CABG at Holy Family in 2019, now on aspirin.", "Holy Family"),
    ("PT TRANSFERRED FROM SACRED HEART WITH CHEST PAIN. BP 90/50.", "SACRED HEART"),
    ("family wants transfer back to good shepherd for rehab, pt agrees", "good shepherd"),
    ("The patient was admitted from Our Lady of Fatima overnight.", "Our Lady of Fatima"),
    ("pt came from holy redeemer by ambulance, sats 91% on ra", "holy redeemer"),
])
def test_a_devotional_hospital_name_after_a_preposition_of_place(
        text: str, place: str) -> None:
    assert place in locations(text)


@pytest.mark.parametrize("text", [
    "We sang to the Holy Spirit at the evening service.",  # no patient, `the` before it
    "The Holy Trinity is a doctrine of the church.",  # no preposition of place
    "Prayers to Holy Cross were said by the choir.",  # not about a patient
    "pt reports going to Holy cross to pray daily",  # mixed case: no name
    "a good samaritan stopped to help the patient at the roadside",  # no preposition
])
def test_devotional_look_alikes_stay_quiet(text: str) -> None:
    assert locations(text) == []


@pytest.mark.parametrize("text", [
    "The patient was seen in clinic and sent to Maria for the dressing change.",
    "Pt brought to Lucia at the desk for discharge papers.",
])
def test_a_given_name_after_a_move_to_a_person_is_no_place(text: str) -> None:
    assert locations(text) == []


def test_a_hospital_after_a_move_still_counts() -> None:
    text = "Pt with CHF went to Stanford last month for a second opinion."
    assert "Stanford" in locations(text)
