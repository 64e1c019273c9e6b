"""A verb and its particle after a note's cue (`pt. put back to bed`) are what was done,
not a name in lower case; lower-case names after the same cue stay names."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.english_words import phrasal_verb
from tests.scan.found_text import persons


@pytest.mark.parametrize("text", [
    "pt. put back to bed after the walk, slept well.",
])
def test_a_verb_and_its_particle_after_a_cue_is_no_name(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("pt ngozi okafor, 67 yo, admitted overnight.", "ngozi okafor"),
    ("pt will smithers, 58 yo, seen in clinic.", "will smithers"),
])
def test_lower_case_names_after_a_cue_stay(text: str, name: str) -> None:
    assert name in persons(text)


def test_phrasal_verb_needs_a_particle_and_no_noun() -> None:
    assert phrasal_verb(["put", "back"])
    assert phrasal_verb(["turned", "over"])
    assert not phrasal_verb(["will", "smith"])  # a noun
    assert not phrasal_verb(["mark", "young"])  # no stop word
