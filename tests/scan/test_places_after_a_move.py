"""A place's short name, without a facility word, where a note says a patient was moved
to or from (`TRANSFERRED TO KESSLING`, `arrived by ems from dornwell`)."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.engine import Scanner
from tests.scan.found_text import texts_of

SCANNER = Scanner(ner=False)


locations = texts_of(SCANNER.scan, "LOCATION")


@pytest.mark.parametrize(("text", "place"), [
    ("72 YO MALE TRANSFERRED TO WESTBROCK FOR CARDIAC CATH, VSS.", "WESTBROCK"),
    ("pt arrived by ems from gallagher ew for further eval, a&ox3", "gallagher"),
    ("pt was sent back to catonsville after the procedure, family aware", "catonsville"),
    ("Pt was sent to Harrowgate yesterday for PT eval; VSS.", "Harrowgate"),
    ("PT ADMITTED FROM ELLICOTT LAST NIGHT WITH CP", "ELLICOTT"),
])
def test_a_place_after_a_move_of_the_patient(text: str, place: str) -> None:
    assert place in locations(text)


@pytest.mark.parametrize("text", [
    "pt transfered to comode with assist, tol well",  # a typo of a word
    "pt requests to go to cammode often, unable to void",  # typed in lower case, unknown
    "Pt returned from angio at 1400, groin site c/d/i",  # a procedure's room
    "pt transferred to the NISICU overnight, vss",  # a ward
    "Pt's wife is going to Jamaica next week; pt aware",  # a country
    "He moved to Oregon after discharge, pt states",  # a state
    "pt changed to levophed, weaned from neosynephrine",  # no move
])
def test_no_place_after_a_move_look_alikes(text: str) -> None:
    assert locations(text) == []
