"""Review findings s12/1 and s12/10: a job title is no software (`Kwame Oduya is a
database administrator`), a self-introduction by an eponym pair is no name (`I am
Kolmogorov-Smirnov.`), and one particle before a word with an English ending is no
surname. Examples written here; the names are made up."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.engine import Scanner
from tests.scan.found_text import texts_of

SCANNER = Scanner()
persons = texts_of(SCANNER.scan, "PERSON")


@pytest.mark.parametrize(("text", "name"), [
    ("Maria Gonzalez is the program director for the clinic.", "Maria Gonzalez"),
    ("Kwame Oduya is a database administrator", "Kwame Oduya"),
    ("Ilse Varnhagen was the service coordinator on the ward.", "Ilse Varnhagen"),
    ("Bram Okonjo is a frontend developer in our team.", "Bram Okonjo"),
    ("Priya Raman is a language teacher; her MRN is 4471920.", "Priya Raman"),
    ("lucia is a server at the diner", "lucia"),
    ("Tomasz Wierzbicki is the library assistant at the branch.", "Tomasz Wierzbicki"),
    ("Oksana Drevnik was a tool maker at the plant.", "Oksana Drevnik"),
])
def test_a_job_title_with_a_software_noun_is_no_software(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    "luigi is a library",
    "polars is a dataframe library",
    "polars is a dataframe library for Python.",
    "luigi is a workflow tool that runs our batch jobs.",
    "Luigi is a Python package.",
])
def test_software_the_sentence_names_stays_quiet(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("I am Groot.", "Groot"),  # a word no list or dictionary knows: a name
    ("Hi all, I'm Tavimeko.", "Tavimeko"),
])
def test_a_self_introduction_by_an_unknown_word_is_a_name(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    "I am Kolmogorov-Smirnov.",
    "I am Shapiro-Wilk, the test you wanted.",
    "I'm Kruskal-Wallis.",
])
def test_a_self_introduction_by_an_eponym_pair_stays_quiet(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize("text", [
    "Ask de Clustering about the data.",
    "Please ask de Regression before the release.",
    "Please ask van Tokenization about it.",
    "Ask de Tokenization about it.",
])
def test_one_particle_before_an_english_ending_stays_quiet(text: str) -> None:
    assert persons(text) == []


def test_one_particle_before_a_short_surname_with_an_english_ending() -> None:
    assert "de Vries" in persons("Ask de Vries about the budget.")
