"""A brand's name in a person's place (an age, a label, a clinical or person verb, a
self-introduction after or before it) stays a person; a brand where nothing marks a
person (`according to Pfizer`) names the firm. Brand names with no office before them
(`Shares of General Mills`) name no office holder. Synthetic sentences only."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.name_lists import name_lists
from jupyter_safeai.scan.office_titles import office_holders
from tests.scan.found_text import persons


@pytest.mark.parametrize(("text", "name"), [
    ("Morgan Stanley was admitted on 3/4 with chest pain.", "Morgan Stanley"),
    ("Fred Meyer was admitted overnight for observation.", "Fred Meyer"),
    ("Eli Lilly reported dizziness after the second dose.", "Eli Lilly"),
    ("Elizabeth Arden, 54, presented with fever.", "Elizabeth Arden"),
    ("Aston Martin, 61 y/o male, MRN pending.", "Aston Martin"),
    ("Contact: Charles Schwab, phone 415-555-0134", "Charles Schwab"),
    ("Spoke with Weinstein about her discharge plan.", "Weinstein"),
    ("I'm Halliburton and I live at home.", "Halliburton"),
    ("Morgan Stanley complains of back pain since Monday.", "Morgan Stanley"),
    ("Charles Schwab denies chest pain.", "Charles Schwab"),
])
def test_a_brand_in_a_persons_place_is_a_person(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize(("text", "brand"), [
    ("According to Pfizer, the trial met its endpoint.", "Pfizer"),
    ("Morgan Stanley raised its forecast for the quarter.", "Morgan Stanley"),
    ("Shares of Charles Schwab slipped in early trading.", "Charles Schwab"),
    ("The memo says Kroger will stock it.", "Kroger"),
])
def test_a_brand_where_nothing_marks_a_person_is_no_person(text: str, brand: str) -> None:
    assert brand not in persons(text)


@pytest.mark.parametrize("text", [
    "Shares of General Mills fell in early trading.",
    "We bought the cereal from General Mills last year.",
])
def test_an_office_word_opening_a_brand_names_no_office_holder(text: str) -> None:
    assert "Mills" not in persons(text)
    spans = office_holders(text, name_lists(), [text.index("General")])
    assert [text[a:b] for a, b in spans] == []


def test_an_office_before_a_surname_is_still_found() -> None:
    text = "General Okonkwo reviewed the troops at dawn."
    spans = office_holders(text, name_lists(), [text.index("General")])
    assert [text[a:b] for a, b in spans] == ["Okonkwo"]


def test_given_keys_are_the_strong_given_kinds() -> None:
    lists = name_lists()
    assert lists.given_keys == frozenset(
        key for key, kind in lists.kinds.items() if kind in ("G", "N"))


def test_a_brand_many_people_bear_as_a_surname_is_a_strong_name() -> None:
    """Founders' names the census counts among its commonest surnames stay names alone."""
    weak = name_lists().weak
    assert "boeing" in weak and "goodrich" not in weak and "weinstein" not in weak
    assert persons("Goodrich called about his labs.") == ["Goodrich"]
    assert persons("According to Boeing, the jet is safe.") == []
