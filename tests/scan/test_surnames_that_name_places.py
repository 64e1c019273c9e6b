"""An organisation's word that is also a surname (`Park`, `Hall`) ends a person's name
after a listed given name (`Daniel Park`, `Emma Hall`), unless an article or a preposition
of place stands before it or English reads its first word as an adjective (`through
Victoria Park`, `the Albert Hall`, `Royal Albert Hall`). Sentences written here."""

from __future__ import annotations

import pytest

from tests.scan.found_text import persons


@pytest.mark.parametrize(("text", "name"), [
    ("The bakery is co-owned by Daniel Park and Ana Silva.", "Daniel Park"),
    ("Emma Hall will review the draft tonight.", "Emma Hall"),
    ("Yesterday Lisa Park called about the lease.", "Lisa Park"),
])
def test_a_given_name_then_an_organisations_word(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    "We walked through Victoria Park after lunch.",
    "A concert at the Albert Hall tonight.",
    "Tickets for Royal Albert Hall are sold out.",
    "Meet me at Carnegie Hall.",
    "The Lincoln Park Zoo is free on Mondays.",
])
def test_a_place_named_so_stays_quiet(text: str) -> None:
    assert persons(text) == []
