"""A name between commas after a noun only a person is (`a Dutch national, Maren (`,
`a 64-year-old female, Kowalczyk, admitted`) is a person's, though nothing else says so; an
adjective, adverb or people's word there stays quiet (issue 14). Sentences written here."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.appositions import apposed_names
from jupyter_safeai.scan.name_lists import name_lists
from tests.scan.found_text import persons


@pytest.mark.parametrize(("text", "name"), [
    ("The claim was lodged by a Dutch national, Maren (\"the applicant\"), on 3 May 2004.",
     "Maren"),
    ("Dosing question for a 64-year-old female, Kowalczyk, admitted on 2 March.", "Kowalczyk"),
    ("The cafe's owner, Ottilie, bakes the bread herself.", "Ottilie"),
    ("My neighbour, Ruairi Brennan, waters the plants.", "Ruairi Brennan"),
    ("They were represented by their agent, Sigrun.", "Sigrun"),
    # a surname first, its given name after a comma, then a bracket
    ("The claim was lodged by a Dutch national, Hill, Maren (\"the applicant\").",
     "Hill, Maren"),
])
def test_a_name_in_apposition_to_a_person(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    "The patient, Caucasian, presented with chest pain.",
    "As a female, However, I see it differently.",
    "A male, Hispanic, aged 40, was seen.",
    "The owner, Acme Corp, declined to comment.",
    "Our landlord, Python, is a snake in the garden.",
    "In this chapter, Gaussian processes are introduced.",  # no person's noun before
    "The patient, Stable, Alert (see the chart) slept well.",
])
def test_no_name_in_apposition_stays_quiet(text: str) -> None:
    assert persons(text) == []


def test_the_reader_reads_only_after_a_persons_noun() -> None:
    text = "The dataset, Iris, and the model, Ottilie, are loaded."
    assert list(apposed_names(text, name_lists())) == []
