"""Names in the ways people write to each other and to an assistant (issue 14), each
class with look-alikes that must stay quiet. Examples written here.

- a given name, then a surname that is also a street word (`Green`, `Wells`, `Brooks`):
  the whole name, not the given name alone; a street or a town's structure stays one;
- a list of given names joined by commas alone (`Present: Ines, Tobiah, Radka`);
- a lone name after what is written for or had from someone (`an email to`, `the
  signature from`), after a participle's `by`, or before what only people do
  (`brought`, `booked`, `and I`), a town's name or not;
- full names listed with commas (`Ana Lima, Ida Berg and ...`), each its own name, not
  `Lima, Ida`;
- a word a name list knows as a given name that is nothing else (no English word, no
  place, no software, no function word) in a line of prose, whatever the sentence.
"""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.engine import Scanner
from tests.scan.found_text import texts_of

SCANNER = Scanner()


persons = texts_of(SCANNER.scan, "PERSON")


@pytest.mark.parametrize("text, name", [
    ("I ran into Darlene Brooks at the market.", "Darlene Brooks"),
    ("Please copy Ottilie Wells on the reply.", "Ottilie Wells"),
    ("Marguerite Green phoned about the invoice.", "Marguerite Green"),
    ("The form was signed by Tobias Mills.", "Tobias Mills"),
])
def test_given_name_then_a_street_word_surname_is_one_name(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    "The flat is at 14 Darlene Brooks, Leeds.",
    "Traffic on the Fremont Bridge was light.",
    "We had a picnic in Victoria Park.",
    "Darlene Brooks Lane is closed for repairs.",
])
def test_street_words_after_a_name_stay_a_street(text: str) -> None:
    found = persons(text)
    assert not any(" " in value for value in found), found


@pytest.mark.parametrize("text, names", [
    ("Present: Ines, Tobiah, Radka.", ["Ines", "Tobiah", "Radka"]),
    ("Team for the launch: Zofia, Emeka, Annelie", ["Zofia", "Emeka", "Annelie"]),
    ("Please invite Benedikt, Christopher and Dev.", ["Benedikt", "Christopher", "Dev"]),
])
def test_lists_of_given_names(text: str, names: list[str]) -> None:
    found = persons(text)
    assert all(name in found for name in names), found


@pytest.mark.parametrize("text", [
    "Supported: Chrome, Safari, Firefox.",
    "Flowers in the bed: Rose, Lily, Iris",
    "Cities we visited: Paris, Florence, Victoria.",
    "Libraries: Pandas, Keras, Django",
    "Owens, Duran and Oneal LLP",
])
def test_lists_of_things_stay_quiet(text: str) -> None:
    assert not any(value in ("Rose", "Lily", "Iris", "Chrome", "Safari", "Pandas", "Keras",
                             "Owens", "Duran", "Oneal") for value in persons(text))


@pytest.mark.parametrize("text, name", [
    ("Can you draft an email to Siobhan about the rota?", "Siobhan"),
    ("Write a birthday message for Dagny, she turns forty.", "Dagny"),
    ("We are still waiting on the signature from Okonkwo.", "Okonkwo"),
    ("The minutes were approved by Lindqvist on Monday.", "Lindqvist"),
    ("Yesterday Wojciech brought doughnuts for the team.", "Wojciech"),
    ("Eszter booked the small meeting room.", "Eszter"),
])
def test_a_lone_name_where_a_person_stands(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    "Can you draft an email to Oracle support about the licence?",
    "The error message for Excel is confusing.",
    "We are still waiting on the update from Docker.",
    "The table is sorted by Fare and grouped by Embarked.",
    "The chart was made by Plotly from the frame.",
    "Yesterday Spark brought a new release.",
    "The results were published by Nature in March.",
])
def test_things_in_those_places_stay_quiet(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize("text, names", [
    ("Attendees: Ingrid Solberg, Heather Quayle and Obinna Eze.",
     ["Ingrid Solberg", "Heather Quayle", "Obinna Eze"]),
    ("Guests were Tomasz Wilk, Crystal Haddad and Aiko Mori.",
     ["Tomasz Wilk", "Crystal Haddad", "Aiko Mori"]),
])
def test_a_list_of_full_names_is_no_surname_comma_given(text: str, names: list[str]) -> None:
    assert persons(text) == names


@pytest.mark.parametrize("text", [
    "Name: SOLBERG, INGRID",
    "Patient Solberg, Ingrid was seen today.",
])
def test_surname_comma_given_of_a_record_stays_one_name(text: str) -> None:
    assert any("," in value for value in persons(text))


@pytest.mark.parametrize("text, name", [
    ("Clinton booked the train tickets for us.", "Clinton"),
    ("Victoria and I will bring the cake.", "Victoria"),
    ("haha Desiree you are hopeless", "Desiree"),
])
def test_a_given_name_before_what_only_people_do(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    "Julia booked a place among the fastest languages.",
    "Pandas and I do not get along; the merge fails again.",
    "Thank you are the two words we hear most.",
])
def test_things_before_those_words_stay_quiet(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize("text, name", [
    ("The true story of Obianuju was never told in full.", "Obianuju"),
    ("Everyone in the village still remembers Thinhinane fondly.", "Thinhinane"),
    ("We argued for an hour about whether Siyabonga deserved the prize.", "Siyabonga"),
])
def test_a_word_that_is_only_a_name_is_one_in_prose(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    "Among the problems is the fact that the scale is uneven.",
    "The map shows the Isle of Skye at high resolution.",
    "Ta-da! The model found every answer.",
    "Skin cleaned and dried, Kenyangi lotion applied twice.",
    "Julia compiles the loop before it runs it.",
    "x = Vehbija + 1  # a variable named like a person",
])
def test_words_that_are_something_else_stay_quiet(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize("text, name", [
    ("can you write a thank you note to heather okonkwo", "heather okonkwo"),
    ("tell crystal lindqvist the parcel came", "crystal lindqvist"),
])
def test_lower_case_given_name_english_knows_with_a_listed_surname(text: str, name: str
                                                                   ) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    "tell crystal meth stories to no one",
    "ask mark about the plot",
])
def test_lower_case_english_words_in_a_persons_slot_stay_quiet(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize("text, name", [
    ("ADEYEMI, HAUWA'U", "ADEYEMI, HAUWA'U"),
    ("Patient: Bello, Hauwa'u", "Bello, Hauwa'u"),
    ("O'DOHERTY, SIOBHAN", "O'DOHERTY, SIOBHAN"),
])
def test_surname_comma_given_keeps_its_apostrophes(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text, name", [
    ("Adeyemi, Siobhan's file is missing.", "Adeyemi, Siobhan"),
    ("SMITH, MARY'S CHART", "SMITH, MARY"),
])
def test_a_possessive_after_the_given_name_is_left_out(text: str, name: str) -> None:
    assert name in persons(text)
