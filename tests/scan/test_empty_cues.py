"""Cues that say nothing of the word after them: a whole relative or care word closed
by a period ends a sentence, and a label before plain English that no name list holds
names a service. Names after a title, and words English does not know, stay names."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.empty_cues import cue_says_nothing
from tests.scan.found_text import persons


@pytest.mark.parametrize("text", [
    "Asked about husband. Reports pain at present.",
    "Discussed plan with mother. Appears comfortable.",
    "Calling out for son. Remains restless overnight.",
    "Lorazepam given, asking for sister. Sleeps at intervals.",
    "Seen by Podiatry this morning.",
])
def test_no_name_after_an_empty_cue(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Restless overnight, calling for daughter. Quenby arrived at noon.", "Quenby"),
    ("Seen by: Oyelaran this afternoon.", "Oyelaran"),
    ("Drips weaned per Dr. Tyro overnight.", "Tyro"),  # an English word after a title
    ("Plan discussed with Mrs. Ferrow at the bedside.", "Ferrow"),
])
def test_names_after_a_real_cue_stay(text: str, name: str) -> None:
    assert name in " ".join(persons(text))


def test_cue_says_nothing_reads_the_cue_and_the_word() -> None:
    text = "Spoke with sister. Tolerating diet."
    at = text.index("Tolerating")
    assert cue_says_nothing(text, at, "Tolerating", "")
    text = "Spoke with Dr. Tolerating."  # a title, not a label or a sentence's end
    assert not cue_says_nothing(text, text.index("Tol"), "Tolerating", "")
    text = "Followed by: Quenby"
    assert not cue_says_nothing(text, text.index("Q"), "Quenby", "")  # no English word
    text = "Followed by: Nutrition"
    assert cue_says_nothing(text, text.index("N"), "Nutrition", "")
    assert not cue_says_nothing(text, text.index("N"), "Nutrition", "S")  # a listed name
