"""A title, then a surname's particles: the particles open the surname, whatever case
they are written in and whatever the lists say of the word after them (`Mrs. de la
Cruz`, `Mr. Van der Berg`). Names and sentences written here."""

from __future__ import annotations

import pytest

from tests.scan.found_text import persons


@pytest.mark.parametrize(("text", "name"), [
    ("Hello Mr. Van der Berg, your table is ready.", "Van der Berg"),
    ("Dear Mrs. de la Cruz,", "de la Cruz"),
    ("We met Dr. van den Broek today.", "van den Broek"),
    ("Ask Prof. di Stefano about the samples.", "di Stefano"),
    ("Mrs. de la Peña called twice.", "de la Peña"),
    ("Thanks, Ms Ter Horst!", "Ter Horst"),
])
def test_a_title_makes_particles_part_of_the_surname(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    "The Van der Waals force is weak at this distance.",
    "We stayed on Rue de la Paix for a week.",
    "Both De Morgan laws hold here.",
    "The dos and don'ts of La Liga transfers.",
])
def test_particles_without_a_title_or_surname_stay_quiet(text: str) -> None:
    assert persons(text) == []
