"""A word no name list knows, said to be someone by a verb of speech or thought after
it, an age or `who` set off after it, or a verb before it that takes only people
(issue 14); and a listed surname WordNet also lists as a noun (`Wagner`, `Monnet`) in a
slot only people take. Look-alikes (tools, products, English words, places, capitals
inside a word, code) stay quiet. Examples written here."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.engine import Scanner
from jupyter_safeai.scan.name_verbs import (
    object_of_person_verb,
    possessive_of_person,
    said_by_someone,
)
from tests.scan.found_text import texts_of

SCANNER = Scanner()
persons = texts_of(SCANNER.scan, "PERSON")

#: Invented surnames no name list knows, of several spellings.
UNKNOWN = ("Zubrowiecki", "Tavuvalea", "Ngubenzile", "Wrześniakowa", "Oyelarande",
           "McTavishen", "Haukelidsæter")


@pytest.mark.parametrize("name", UNKNOWN)
@pytest.mark.parametrize("frame", (
    "{} said the samples would arrive on Friday.",
    "After the meeting {} explained why the budget had grown.",
    '"We are not ready yet," {} replied to the committee.',
    "{}, aged 61, was admitted to the ward on Monday.",
    "{} (age 54) was seen in the clinic this morning.",
    "{}, who runs the lab, agreed to share the data.",
    "Please ask {} whether the samples arrived.",
    "I spoke with {} yesterday about the contract.",
    "We still need the consent from {} before we start.",
    "I met {}'s wife at the party last night.",
    "{}'s left knee was swollen after the fall.",
))
def test_an_unknown_word_where_only_a_person_stands(frame: str, name: str) -> None:
    assert persons(frame.format(name)) == [name]


@pytest.mark.parametrize("text", (
    "Wagner said the deadline cannot move.",
    "We still need the signature from Monnet.",
    "According to Wagner, the server was rebooted twice.",
))
def test_a_listed_surname_english_lists_as_a_noun_in_a_slot_only_people_take(
        text: str) -> None:
    assert persons(text) == [text.split()[-1].rstrip(".") if "from" in text else (
        "Wagner")]


@pytest.mark.parametrize("text", (
    "ChatGPT said the code was fine.",
    "GitHub asked me to sign in again.",
    "Streamlit asked for a rerun of the app.",
    "Python said hello to the world.",
    "Questions answered. Family at bedside and updated.",
    "Spark wrote the parquet file to disk.",
    "The model thinks the image shows a cat.",
    "Numpy said the shapes did not match.",
    "Pytest said two tests failed on the branch.",
    "Zurich said the new tram line opens in May.",
    "In March said figures were revised upward.",
    "I asked Zubrowiecki support about the quota.",
    "# Zubrowiecki said the shapes did not match\nx = load(path)\n",
    "Streamlit's face detection demo runs slowly on the laptop.",
))
def test_look_alikes_stay_quiet(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "word", "expected"), (
    ("Tavuvalea said so.", "Tavuvalea", True),
    ("Tavuvalea says so.", "Tavuvalea", False),  # the present tense a tool is given
    ("Tavuvalea (age 54) was seen.", "Tavuvalea", True),
    ("Tavuvalea, who is here.", "Tavuvalea", True),
    ("Tavuvalea, which is here.", "Tavuvalea", False),
    ("ChatGPT said so.", "ChatGPT", False),
    ("McTavishen said so.", "McTavishen", True),
    ("Scrapy said so.", "Scrapy", False),
    ("Ng said so.", "Ng", False),
))
def test_said_by_someone(text: str, word: str, expected: bool) -> None:
    start = text.index(word)
    assert said_by_someone(text, start, start + len(word)) is expected


@pytest.mark.parametrize(("text", "word", "expected"), (
    ("please ask Tavuvalea whether", "Tavuvalea", True),
    ("we met Tavuvalea.", "Tavuvalea", True),
    ("we met Tavuvalea engineers.", "Tavuvalea", False),
    ("according to Tavuvalea, it", "Tavuvalea", False),
    ("data from Tavuvalea.", "Tavuvalea", False),
    ("please ask Colab whether", "Colab", False),
))
def test_object_of_person_verb(text: str, word: str, expected: bool) -> None:
    start = text.index(word)
    assert object_of_person_verb(text, start, start + len(word)) is expected


@pytest.mark.parametrize(("text", "word", "expected"), (
    ("Tavuvalea's daughter", "Tavuvalea", True),
    ("Tavuvalea's right hip", "Tavuvalea", True),
    ("Tavuvalea's face", "Tavuvalea", False),
    ("Tavuvalea's method", "Tavuvalea", False),
    ("Scrapy's son", "Scrapy", False),
))
def test_possessive_of_person(text: str, word: str, expected: bool) -> None:
    start = text.index(word)
    assert possessive_of_person(text, start, start + len(word)) is expected
