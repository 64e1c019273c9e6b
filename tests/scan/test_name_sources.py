"""The census and mimesis name lists read beside Faker's, and surnames known by their
language's ending (`surname_shapes`): names no Faker locale holds are found beside a
given name; English words and notes' abbreviations those long lists hold are not."""

from __future__ import annotations

import importlib.util

import pytest

from jupyter_safeai import scan_text
from jupyter_safeai.scan import name_lists as lists_module
from jupyter_safeai.scan.name_lists import name_lists
from jupyter_safeai.scan.names import NameRecognizer
from jupyter_safeai.scan.surname_shapes import SURNAME_ENDINGS, surname_shaped
from tests.scan.found_text import texts_of

NAMES = NameRecognizer()  # no NER: lists and shapes alone
people = texts_of(NAMES.find)


def _faker_only() -> set[str]:
    given: set[str] = set()
    surnames: set[str] = set()
    lists_module._faker_names(given, surnames)
    return given | surnames


@pytest.mark.parametrize(("word", "kind"), [
    ("Mooneyham", "S"), ("Gwaltney", "S"), ("Claypool", "S"),  # census surnames
    ("Milomir", "G"), ("Annarosa", "G"),  # mimesis given names
    ("Camporeale", "S"), ("Mensinkhuisken", "S"),  # mimesis surnames
])
def test_long_lists_add_names_faker_lacks(word: str, kind: str) -> None:
    assert word.casefold() not in _faker_only()
    assert name_lists().kind(word) == kind


@pytest.mark.parametrize("word", [
    "World", "Blue", "Settle", "With",  # English words the census lists as surnames
    "Abd", "Tol",  # short: a note's abbreviation as often as a name
    "Zuchowski",  # the census's rarest surnames are left out
])
def test_long_lists_leave_out_words(word: str) -> None:
    assert word.casefold() not in _faker_only()
    assert name_lists().kind(word) == ""


def test_faker_kind_kept() -> None:
    """A word Faker lists keeps Faker's kind: the long lists add words, not kinds."""
    assert name_lists().kind("Rivers") == "S"
    assert name_lists().kind("Fields") == "s"  # a common word still


def test_lists_build_without_the_long_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without `names` or mimesis installed, Faker's lists alone are read."""
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name in (
        "names", "mimesis") else real(name, *a))
    lists_module.name_lists.cache_clear()
    try:
        lists = lists_module.name_lists()
        assert lists.kind("Mooneyham") == "" and lists.kind("Smith") in ("S", "N")
    finally:
        lists_module.name_lists.cache_clear()


@pytest.mark.parametrize("text", [
    "Ruth Mooneyham signed the form.",
    "Milomir Garbowski signed the consent.",
    "Annarosa Camporeale, 61, was admitted.",
])
def test_long_list_names_found(text: str) -> None:
    assert len(people(text)) == 1


@pytest.mark.parametrize("text", [
    "Blue World Settle",  # census surnames that are English words
    "The Fields module was updated.",
    "Neuro: PERL, MAE, follows commands.",  # a note's exam, not a person
    "Cardiac output by Fick was 4.2.",
])
def test_long_list_words_stay_quiet(text: str) -> None:
    assert [f for f in scan_text(text) if f.entity == "PERSON"] == []


@pytest.mark.parametrize("word", [
    "Zelinkowska", "Brazhnikov", "Tavrinova", "Grobelski", "Mladenović", "Hrabovenko",
    "Kostrychuk", "Halvarsson", "Ragnheiðsdóttir", "Karamanopoulos", "Vrettakis",
    "Dumitrescu", "Vartanyan", "Tsertsvadze", "Kobakhidze", "Yılmazoğlu", "Rostamzadeh",
    "Ghaffaripour", "Petrauskas", "Воробьёв", "Соколова",
])
def test_surname_shapes(word: str) -> None:
    assert surname_shaped(word)


@pytest.mark.parametrize("word", [
    "Geneva", "Moldova", "Nebraska", "Alaska",  # places GeoNames knows
    "Protein", "Canadian", "Chosen", "Downpour", "Himalayan", "Caisson",  # English words
    "Eva", "Ski", "Dze",  # too short a stem
    "ZELINKOWSKA", "zelinkowska",  # a shape is read in title case only
])
def test_not_surname_shapes(word: str) -> None:
    assert not surname_shaped(word)


def test_every_family_has_endings() -> None:
    assert all(endings for endings in SURNAME_ENDINGS.values())


@pytest.mark.parametrize(("text", "name"), [
    ("Anna Zelinkowska", "Anna Zelinkowska"),  # a given name and a shaped surname
    ("Reviewed by Olga Brazhnikova", "Olga Brazhnikova"),
    ("Giorgi Tsertsvadze", "Giorgi Tsertsvadze"),
])
def test_shaped_surname_beside_given_name(text: str, name: str) -> None:
    assert people(text) == [name]


@pytest.mark.parametrize("text", [
    "Zelinkowska",  # a shape alone is no name
    "The Geneva Convention",
    "Canadian Protein Standards",
])
def test_shaped_surname_alone_quiet(text: str) -> None:
    assert people(text) == []
