"""Readers that ask about a word alone before they read the text around it find what
they found when they read the text first: the word's answer is pure, so only the order
of the questions changes, and with it what a scan costs (most capitalised words no list
knows are English words, and fail there before a verb around them is looked for)."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan import names
from jupyter_safeai.scan.memo import Memo
from jupyter_safeai.scan.name_verbs import someone_by_verb
from tests.scan.found_text import persons

_RECOGNIZER = names.NameRecognizer()


@pytest.mark.parametrize(("word", "unknown"), [
    ("Okonjo", True), ("Ferencz", True), ("Wendeborn", True),
    ("Questions", False),  # an English plural
    ("Goal", False),  # an English word
    ("OKONJO", False),  # capitals
    ("Lisbon", False),  # a place
    ("Julia", False),  # software
    ("Crohn", False),  # an eponym
    ("Per", False),  # a note's function word
])
def test_unknown_word_reads_the_word_alone(word: str, unknown: bool) -> None:
    assert names._unknown_word(word) is unknown


@pytest.mark.parametrize("text", [
    "Yesterday Okonjo replied to the letter.",
    "Later Ferencz (age 54) was seen in clinic.",
    "Yesterday Questions replied to nobody.",
    "On Monday Goal said nothing new.",
    "Yesterday OKONJO replied to the letter.",
    "x = 1  # Okonjo replied",
    "| Okonjo | replied |",
])
def test_unknown_name_is_its_word_then_its_line(text: str) -> None:
    # `_unknown_name` is `_unknown_word` and the line read after it, at every word
    for start in range(len(text)):
        for end in range(start + 1, min(len(text), start + 12) + 1):
            word = text[start:end]
            if not word.isalpha():
                continue
            whole = names.NameRecognizer._unknown_name(text, start, end)
            assert whole is (names._unknown_word(word) and whole)
            if whole:
                assert names._unknown_word(word)


@pytest.mark.parametrize(("text", "found"), [
    ("Yesterday Okonjo replied to the letter about the rent.", ["Okonjo"]),
    ("Later that day Wendeborn said the noise was worse.", ["Wendeborn"]),
    ("Yesterday Questions replied to nobody at all.", []),  # an English word: no name
    ("Then Lisbon replied with a new offer.", []),  # a place replies as a city's office
])
def test_a_word_no_list_knows_said_by_someone(text: str, found: list[str]) -> None:
    assert persons(text) == found


def test_someone_by_verb_is_asked_only_of_unknown_words() -> None:
    # the order's point: an English word's verb around it is not read
    asked: list[str] = []

    def counting(text: str, start: int, end: int) -> bool:
        asked.append(text[start:end])
        return someone_by_verb(text, start, end)

    original = names.someone_by_verb
    names.someone_by_verb = counting
    try:
        with Memo().scan():
            list(_RECOGNIZER.find("Notes. Portal said yes, Tucson replied and Okonjo replied."))
    finally:
        names.someone_by_verb = original
    assert asked == ["Okonjo"]
