"""A listed given name then a capitalised surname no list holds, in any phrasing (issue
14): no title, label or verb is needed when the given name is no English word and the
second word none either, in a line of prose. Look-alikes (terms named after people,
places, headings, tables) stay quiet. A chat line too short for prose (`where is
Sigrun??`) keeps a slot things take too. Examples written here."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.names import NameRecognizer
from tests.scan.found_text import texts_of

NAMES = NameRecognizer()  # no NER: the name lists and the shape alone


people = texts_of(NAMES.find)


@pytest.mark.parametrize(("text", "name"), [
    ("Our speaker tonight is Ingrid Vaskelainen, back from her travels.", "Ingrid Vaskelainen"),
    ("The old bike went to Tomasz Wrzeszczak for twenty pounds.", "Tomasz Wrzeszczak"),
    ("In the end Chiamaka Obiorah-Lund won the raffle.", "Chiamaka Obiorah-Lund"),
    ("We sat next to Leopold Haverkamp at the wedding dinner.", "Leopold Haverkamp"),
    ("The flat was let to Rosalind Quarshie in March.", "Rosalind Quarshie"),
])
def test_a_given_name_then_an_unlisted_surname_in_prose(text: str, name: str) -> None:
    assert name in people(text)


@pytest.mark.parametrize("text", [
    # a term named after a person, its second word English (inflected too)
    "The point of Jeffreys Priors is to stay uninformative.",
    "Here we fit Gaussian Processes to the residuals of the model.",
    # unlisted first words: no given name opens them
    "The solver uses Tridiagonal Toeplitz matrices throughout the example.",
    "Jekyll Converts Markdown into static pages for the site.",
    # a heading, a table row
    "## Ingrid Vaskelainen",
    "| Ingrid Vaskelainen | 2021 | 0.93 | 0.88 |",
    # a place's whole name
    "We drove along the coast to Santa Monica and back in one day.",
])
def test_look_alikes_of_a_given_name_and_surname_stay_quiet(text: str) -> None:
    assert people(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("where is Thandiwe??", "Thandiwe"),
    ("where's Wojciech?", "Wojciech"),
    ("hi\nwhere is Sigrun!!\nwe are waiting", "Sigrun"),
])
def test_a_name_in_a_chat_line_too_short_for_prose(text: str, name: str) -> None:
    assert name in people(text)


@pytest.mark.parametrize("text", [
    "where is Heather??",  # a plant as well: a short line says too little
    "where is Lisbon?",
    "Where Is Wojciech?",  # a title, every word capitalised
    "where is Wojciech",  # no question, no shout: a fragment, a heading
    "print(where is Wojciech?)",
])
def test_short_lines_that_name_no_one_stay_quiet(text: str) -> None:
    assert people(text) == []
