"""A list of full names is read item by item, however long: a candidate run of capitalised
words (five words at most) that a list cuts in the middle of an item gives the cut item
back whole, and the comma between two full names (particles in either) is no `Surname,
Given` pair. Synthetic names only."""

from __future__ import annotations

import pytest

from tests.scan.found_text import persons


@pytest.mark.parametrize(("text", "names"), [
    ("The panel (Tomasz Nowak, Ronald Baker, Oliver Hendricks, and Greta Lind) met.",
     ["Tomasz Nowak", "Ronald Baker", "Oliver Hendricks", "Greta Lind"]),
    ("Invited: Ana Lima, Jon Berg, Eva Sand, Tom Ek, Per Alm and Ida Holm.",
     ["Ana Lima", "Jon Berg", "Eva Sand", "Tom Ek", "Per Alm", "Ida Holm"]),
    ("Attendees: Ivan Gracin, Yara van Herstal and Suzanne Blanchet.",
     ["Ivan Gracin", "Yara van Herstal", "Suzanne Blanchet"]),
    ("Ivan de Souza, Maria Lopes and Ana Silva came to the launch.",
     ["Ivan de Souza", "Maria Lopes", "Ana Silva"]),
    # three and four words an item: a middle name or a first surname before the comma
    ("Attendees: Oliver James Hendricks, Maria Lopez Garcia, Sara Blake",
     ["Oliver James Hendricks", "Maria Lopez Garcia", "Sara Blake"]),
    ("Guests: Ruth Anne Okafor, Lucia Ferreira Santos, Pavel Novak and Ines Roth.",
     ["Ruth Anne Okafor", "Lucia Ferreira Santos", "Pavel Novak", "Ines Roth"]),
    ("Team: Carlos Alberto Mendes Pinto, Hanna Berg, Kim Lee",
     ["Carlos Alberto Mendes Pinto", "Hanna Berg", "Kim Lee"]),
])
def test_every_full_name_of_a_list_is_found_whole(text: str, names: list[str]) -> None:
    assert persons(text) == names


@pytest.mark.parametrize(("text", "pair"), [
    ("Admitted: GARCIA, MARIA (85) from the ER.", "GARCIA, MARIA"),
    ("Patient: Okonkwo, Adaeze seen today.", "Okonkwo, Adaeze"),
    # a word before the surname that is no given name: still `Surname, Given`
    ("Seen today: Dr Okonkwo, Adaeze (54).", "Okonkwo, Adaeze"),
])
def test_a_surname_first_record_is_still_one_name(text: str, pair: str) -> None:
    assert pair in persons(text)


@pytest.mark.parametrize("text", [
    "Shipped with Numba, Blaze, Bokeh, Dask, Pandas, Xarray and Zarr.",
    "We compared Apple Music, Amazon Prime, Google Drive, Microsoft Teams and Slack.",
    "Stops: Union Square, Grand Central, Penn Station, Times Square, Bryant Park.",
])
def test_a_long_list_of_things_stays_quiet(text: str) -> None:
    assert persons(text) == []
