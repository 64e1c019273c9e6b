"""Words for a people, a language or a faith, and the runs they open: a group or a
thing, not a person; given names that are such words stay names beside a surname."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.name_lists import name_lists
from jupyter_safeai.scan.peoples import names_a_people, words_for_peoples
from tests.scan.found_text import persons


def test_the_list_holds_nations_languages_and_faiths() -> None:
    words = words_for_peoples()
    assert {"german", "spanish", "hindi", "jewish", "buddhist"} <= words
    assert "fang" not in words  # a language's name that English has no adjective for


@pytest.mark.parametrize("text", [
    "Notes on Swedish Glass: a catalogue of the collection",
    "The survey covered Portuguese Baker traditions in the north.",
    "Links with Catholic Christians across the border grew.",
    "He spoke to Muslims in the town about the plan.",
])
def test_a_people_word_opening_a_run_is_no_person(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Christian Okafor signed the consent form.", "Christian Okafor"),
    ("German Quintero was admitted overnight.", "German Quintero"),
])
def test_a_given_name_that_is_a_people_word_stays_a_name(text: str, name: str) -> None:
    assert persons(text) == [name]


def test_names_a_people_reads_the_words_after() -> None:
    kinds = name_lists().kinds
    assert names_a_people(["Swedish", "Design"], kinds)
    assert names_a_people(["Hindus"], kinds)
    assert not names_a_people(["Christian"], kinds)  # a given name alone
    assert not names_a_people(["Christian", "Bale"], kinds)  # a listed surname after it
    assert not names_a_people(["Maria", "Spanish"], kinds)  # no people word first
