"""A label over a list or printed column of bare given names (`'name': ['Ana', 'Theo',
'Ruth']`) is a tutorial's made-up column, not a cue for its first item; an item with a
surname, a list of two, a label over one value, or a patient table stays a finding."""

from __future__ import annotations

import pytest

import jupyter_safeai
from jupyter_safeai.scan.toy_lists import opens_bare_name_list
from tests.scan.found_text import pairs_of, texts_of

found = pairs_of(jupyter_safeai.scan_text)
_persons = texts_of(jupyter_safeai.scan_text, "PERSON")


def test_quoted_list_of_given_names_under_a_label_is_quiet() -> None:
    assert _persons("frame = pd.DataFrame({'name': ['Theo', 'Ruth', 'Ana', 'Walt'],\n"
                    "                      'score': [3, 5, 2, 4]})") == []
    assert _persons('name = ["Greta", "Omar", "Ines"]\nage = [31, 27, 44]\n') == []


def test_printed_column_of_given_names_under_a_header_is_quiet() -> None:
    text = ("           start_year\nemployee           \n"
            "Nora             2011\nHugo             2015\nIvan             2019\n")
    assert _persons(text) == []
    counts = "       Total\nName        \nNoah   19823\nLiam   18004\nElla   17210\n"
    assert _persons(counts) == []


def test_lists_with_a_surname_or_too_short_still_fire() -> None:
    assert _persons("name = ['Greta Lindqvist', 'Omar Haddad', 'Ines Varela']") == [
        "Greta Lindqvist", "Omar Haddad", "Ines Varela"]
    assert _persons("name = ['Greta', 'Omar Haddad', 'Ines']")  # one full name: not a toy
    assert _persons("name = ['Greta', 'Omar']") == ["Greta"]  # two items: read as before
    assert _persons("name: Greta\nage: 31\n") == ["Greta"]


def test_open_or_mixed_sequences_are_not_toy_lists() -> None:
    text = "name = ['Greta', 'Omar', 'Ines', 42]"
    start = text.index("Greta")
    assert not opens_bare_name_list(text, start, start + 5)
    text = "name = ['Greta', 'Omar', 'Ines'"  # never closed
    assert not opens_bare_name_list(text, start, start + 5)
    text = "name: Greta\nOmar Haddad was here\nall good\n"
    assert not opens_bare_name_list(text, 6, 11)


def test_patient_tables_and_output_phi_still_fire() -> None:
    table = ("   patient_name         dob        mrn\n"
             "0   Greta Lindqvist  1961-03-14  00482913\n"
             "1   Omar Haddad      1948-11-02  00573114\n"
             "2   Ines Varela      1972-06-30  00611825\n")
    assert _persons(table) == ["Greta Lindqvist", "Omar Haddad", "Ines Varela"]
    assert len(found(table)) >= 9  # each row's name, birth date and MRN
    output = "Patient: Greta Lindqvist, MRN 00482913, seen 2024-02-11 for chest pain\n"
    assert "Greta Lindqvist" in _persons(output)


def test_tab_separated_column_of_given_names_is_quiet_but_not_beside_birth_dates() -> None:
    text = "employee\nNora\tSales\nHugo\tLegal\nIvan\tSales\n"
    assert _persons(text) == []
    births = "name\tdob\nGreta\t1961-03-14\nOmar\t1948-11-02\nInes\t1972-06-30\n"
    assert _persons(births) == ["Greta", "Omar", "Ines"]  # the table reader's name column


def test_a_list_under_a_word_for_people_in_care_still_fires() -> None:
    assert _persons("patients = ['Greta', 'Omar', 'Ines', 'Walt']") == [
        "Greta", "Omar", "Ines", "Walt"]
    text = "           visits\nsubject          \nNora        3\nHugo        5\nIvan        2\n"
    start = text.index("Nora")
    assert not opens_bare_name_list(text, start, start + 4)
    toy = text.replace("subject", "employee")
    start = toy.index("Nora")
    assert opens_bare_name_list(toy, start, start + 4)


@pytest.mark.parametrize(("text", "names"), [
    ("patients = ['Greta', 'Omar', 'Ines', 'Walt']", ["Greta", "Omar", "Ines", "Walt"]),
    ('subjects = ("Nora", "Hugo", "Ivan")', ["Nora", "Hugo", "Ivan"]),
    ('donors = [\n    "Ines",\n    "Omar",\n]', ["Ines", "Omar"]),
])
def test_every_item_of_a_list_of_people_in_care_is_a_name(text: str, names: list[str]) -> None:
    assert _persons(text) == names


@pytest.mark.parametrize("text", [
    "subjects = ['Math', 'Physics', 'History']",  # not every item a listed name
    "cases = ['Alpha', 'Beta', 'Gamma']",  # no word for people in care
    "colors = ['Red', 'Green', 'Blue']",
])
def test_other_lists_under_such_words_stay_quiet(text: str) -> None:
    assert _persons(text) == []
