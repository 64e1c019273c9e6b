"""A listed surname alone, English word or not, where only people stand (names.py,
`_surname_in_strong_slot`; person_slots' `by` of signing, reviewing, writing)."""

import pytest

from jupyter_safeai.scan import scan_text


def _people(text: str) -> list[str]:
    return [text[f.start:f.end] for f in scan_text(text) if f.entity == "PERSON"]


@pytest.mark.parametrize("text, name", [
    ("The discharge letter was signed by Rocha on Friday.", "Rocha"),
    ("Her chart was reviewed by Turner before the audit.", "Turner"),
    ("The handover note was dictated by Hemmer, not me.", "Hemmer"),
    ("Please ask Brown if the courier came.", "Brown"),
    ("I chatted with Green about the rota.", "Green"),
    ("We are waiting for the approval from Turner.", "Turner"),
    ("Could you ask Pinto to resend the invoice?", "Pinto"),
    ("Last week the form was countersigned by Castro.", "Castro"),
    ("The minutes say the plan was approved, according to Brown.", "Brown"),
    ("Tell Daggeirsdóttir the keys are at reception.", "Daggeirsdóttir"),
])
def test_listed_surname_in_a_strong_slot_is_a_person(text: str, name: str) -> None:
    assert name in _people(text)


@pytest.mark.parametrize("text", [
    "Patients with Turner syndrome were excluded from the cohort.",
    "Agreement was measured with Cohen's kappa across raters.",
    "We solve it with the Green's function of the Laplacian.",
    "According to Table 2, accuracy rose after tuning.",
    "The manuscript was reviewed by Reviewer 2 in March.",
    "Meet me outside the cafe by Green Street.",
    "According to Brown University, enrolment fell last year.",
    "According to Lisbon, the figures are provisional.",
    "Counts are distributed according to Poisson, so we fit a GLM.",
    "The particles follow Brownian motion in the simulation.",
    "Green said the tests pass.",
    "We tried another palette for the bars, and it was Brown again.",
    "# reviewed by Turner\nx = compute(y)",
])
def test_look_alikes_stay_quiet(text: str) -> None:
    assert _people(text) == []


@pytest.mark.parametrize("text, name", [
    ("Please ask van de Kolkert whether the parcel came.", "van de Kolkert"),
    ("The rota was signed by von Quastbrink yesterday.", "von Quastbrink"),
    ("According to van Hoorwegen, the lift is fixed.", "van Hoorwegen"),
])
def test_surname_led_by_particles_in_a_strong_slot(text: str, name: str) -> None:
    assert name in _people(text)


@pytest.mark.parametrize("text", [
    "According to le Monde, the vote was close.",
    "According to van Gogh's letters, he painted daily.",
    "The sample was split according to de facto rules.",
])
def test_particle_look_alikes_stay_quiet(text: str) -> None:
    assert _people(text) == []
