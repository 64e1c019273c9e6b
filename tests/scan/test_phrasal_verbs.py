"""A verb and its particle after a note's cue (`pt. put back to bed`) are what was done,
not a name in lower case, nor is a description after `call me` (`call me lazy`); lower-case
names after the same cues stay names."""

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


@pytest.mark.parametrize("text", [
    "they call me lazy but i just work smart",
    "i love when people call me nicknames on their own",
])
def test_call_me_and_a_description_is_no_name(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("my name is honey and i need help", "honey"),  # a name phrase: whatever follows
    ("call me sunny from now on", "sunny"),  # a listed given name
    ("everyone calls me ngozi", "ngozi"),
])
def test_call_me_and_a_name_stays(text: str, name: str) -> None:
    assert name in persons(text)


def test_describes_adjectives_and_plural_nouns() -> None:
    from jupyter_safeai.scan.english_words import describes
    assert describes("lazy") and describes("nicknames")
    assert not describes("ngozi")


@pytest.mark.parametrize(("text", "name"), [
    ("pt. ray back from xray, tolerated well.", "ray"),
    ("pt. mark back from dialysis, resting.", "mark"),
])
def test_a_given_name_before_a_particle_after_a_cue_stays_a_name(text: str, name: str) -> None:
    assert name in " ".join(persons(text))
