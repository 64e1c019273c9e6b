"""Towns in a court's or a letter's account of a person: where a party lives, works or is
held is a place smaller than a state (HIPAA), with the country written after it."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.engine import Scanner
from jupyter_safeai.scan.geography import is_place_name
from tests.scan.found_text import texts_of

SCANNER = Scanner(ner=False)


places = texts_of(SCANNER.scan, "LOCATION")


@pytest.mark.parametrize(("text", "town"), [
    ("The claimant, a teacher, was later held in Leeds for two days.", "Leeds"),
    ("Ms R. Okafor, an advocate practising in Izmir, represented the applicants.", "Izmir"),
    ("The applicant was born in 1961 and lives in Kassel, Germany.", "Kassel, Germany"),
    ("He moved to Graz, Austria, in the spring.", "Graz, Austria"),
])
def test_a_town_where_a_party_lives_or_works(text: str, town: str) -> None:
    assert town in places(text)


@pytest.mark.parametrize("text", [
    "We benchmarked the model in Paris and in London last year.",  # no person
    "Install the package in Python, then open it in Jupyter.",
    "The applicant's claim was examined in March.",  # a month, not a town
])
def test_towns_with_no_person_and_words_that_are_no_towns_stay_quiet(text: str) -> None:
    assert not places(text)


def test_the_turkish_dotted_capital_reads_as_its_town() -> None:
    assert is_place_name("İzmir")
    assert is_place_name("İstanbul")


@pytest.mark.parametrize("text", [
    "Standup moved to Thursday at noon",
    "The review was moved to March by the board",
])
def test_a_day_or_month_after_a_residence_cue_is_no_town(text: str) -> None:
    assert not places(text)


@pytest.mark.parametrize("text", [
    # a titled name thanked or cited, then a town in another sentence or clause
    "We are grateful to Mr Adeyemi for his notes. The meeting took place in Lyon in 2018.",
    "As Dr. Varga argued, the survey was run in Bergen over two winters.",
    "Following Prof. Nakamura et al., the probes were calibrated in Uppsala.",
    # a party named, but three sentences before the town
    "The applicant owns a farm. The river floods often. Rain is heavy. A dam was built in "
    "Kassel.",
])
def test_a_town_needs_a_party_told_about_in_its_sentence(text: str) -> None:
    assert not places(text)


@pytest.mark.parametrize(("text", "town"), [
    # a birth year after the name is no citation
    ("Ms Halvorsen (1958) was detained in Kassel.", "Kassel"),
    ("Ms Halvorsen, 1958, was taken into custody in Kassel.", "Kassel"),
    # thanks far before the name, `as` without a reporting verb, `according to` a party
    ("The tribunal, thanking both advocates, found that Ms Halvorsen was held in Kassel.",
     "Kassel"),
    ("On the night as Ms Halvorsen was arrested in Kassel, her son left.", "Kassel"),
    ("She was moved as Ms Halvorsen requested and held in Kassel.", "Kassel"),
    ("The guard, according to Ms Halvorsen, struck her in Kassel.", "Kassel"),
])
def test_a_town_after_a_party_a_citation_could_hide(text: str, town: str) -> None:
    assert town in places(text)


@pytest.mark.parametrize("text", [
    "We thank Dr. Lindqvist for comments. The workshop was held in Lyon in 2016.",
    "As Prof. Lindqvist showed, the corpus was collected in Lyon in May 2011.",
    "Dr. Lindqvist (2017) found the effect in Lyon as well.",
    "The effect was larger in Lyon (Dr. Lindqvist, 2017, p. 12).",
])
def test_a_credited_or_cited_titled_name_is_no_party(text: str) -> None:
    assert not places(text)


@pytest.mark.parametrize(("text", "town"), [
    ("Mrs Q. Ferreira is a retired nurse. She now lives in Porto.", "Porto"),
    ("Dr. Varga was arrested at her flat in Bergen.", "Bergen"),
])
def test_a_town_of_a_party_named_in_its_sentence_or_the_one_before(
        text: str, town: str) -> None:
    assert town in places(text)
