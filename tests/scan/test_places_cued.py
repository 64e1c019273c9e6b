"""Towns named where a person lives, works or is held (`a lawyer practising in Tarsus`,
`in detention in Sieradz`), between `in` and a country, and before the word of their
area, in texts about a party to a case or a patient; the same words in a tutorial, a
state's name, and all-capital notes stay quiet. Every sentence is made up here."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan import scan_text
from tests.scan.found_text import texts_of

locations = texts_of(scan_text, "LOCATION")


@pytest.mark.parametrize("text, town", [
    ("The applicant was represented by Ms T. Vural, a lawyer practising in Samsun. The "
     "Turkish Government did not designate an Agent for the proceedings before the Court.",
     "Samsun"),
    ("The applicant was born in 1958 and is currently in detention in Czarne.", "Czarne"),
    ("The applicant was born in 1970. Until 2003 he lived in Wolfhagen in Germany.",
     "Wolfhagen"),
    ("The applicants asked for land in Akçakale in the south-east of Turkey.", "Akçakale"),
    ("The applicant ran a shop in the Bradford area until 1999.", "Bradford"),
    ("In 1997 the applicant, then working at the Polish Embassy in Wolfsburg, was "
     "dismissed.", "Wolfsburg"),
    ("The patient was admitted yesterday; she resides in Kuopio with her daughter.",
     "Kuopio"),
])
def test_a_cued_town_in_a_text_about_someone_is_a_location(text: str, town: str) -> None:
    assert any(town in value for value in locations(text)), text


@pytest.mark.parametrize("text", [
    "Load the rainfall statistics for the city of Seattle, using Pandas.",
    "The model is based in Keras and trained in PyTorch.",
    "The densest region is the District of Columbia; among states, New Jersey.",
])
def test_the_same_words_in_a_tutorial_stay_quiet(text: str) -> None:
    assert locations(text) == []


@pytest.mark.parametrize("text", [
    "The applicant was represented by Mr O. Lenz, a lawyer practising in Human Rights law.",
    "The applicant was born in 1958 and is currently in detention in Spain.",
    "PT SEEN BY PLASTICS RESIDENT IN TO ASSESS LEFT ARM, PATIENT COMFORTABLE.",
])
def test_no_town_after_the_cue_stays_quiet(text: str) -> None:
    assert locations(text) == []
