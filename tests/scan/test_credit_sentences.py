"""A credit speaks for its own sentence, and two unknown capitalised words that a
sentence goes on with a finite verb are asked of NER (issue 14). Examples written here."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.engine import Scanner
from tests.scan.found_text import texts_of

SCANNER = Scanner()
persons = texts_of(SCANNER.scan, "PERSON")


@pytest.mark.parametrize(("text", "names"), [
    ("Image credit: Ken Thomas. Later that year Ilse Varnhagen met Bram Okonjo in Paris.",
     ["Ilse Varnhagen", "Bram Okonjo"]),
    ("Photo by Ken Thomas. Ilse Varnhagen, who had never met Okonjo, called.", ["Okonjo"]),
])
def test_names_after_a_credit_in_an_earlier_sentence(text: str, names: list[str]) -> None:
    found = persons(text)
    assert all(name in found for name in names)
    assert "Ken Thomas" not in found  # the credit itself stays documentation


@pytest.mark.parametrize("text", [
    "This notebook was written by Jorund Vesterplass. Source and license info is on GitHub.",
    "Content adapted from a course by Ilse Varnhagen. Used with permission.",
    "Slides written by Bram K. Okonjo for the course.",  # an initial ends no sentence
])
def test_a_credit_in_the_same_sentence_stays_quiet(text: str) -> None:
    assert not any(name in found for found in persons(text)
                   for name in ("Vesterplass", "Varnhagen", "Okonjo"))


def test_two_unknown_words_then_a_finite_verb_are_asked() -> None:
    text = "Two minutes later, Kwabeno Osutu doubled the lead for the home side."
    assert persons(text) == ["Kwabeno Osutu"]


@pytest.mark.parametrize("text", [
    "After the break, Random Forest performed better than the baseline.",
    "In the second run, Gradient Boosting overfitted the training data.",
    "Last year, Hugging Face released a new library for tokenizers.",
    "Soon after, Gradient Descent converged on the minimum.",
])
def test_methods_and_firms_before_a_verb_stay_quiet(text: str) -> None:
    assert persons(text) == []
