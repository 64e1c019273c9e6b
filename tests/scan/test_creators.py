"""Who made a work the text names (issue 14): `a concert by X`, `written by X`, `a X
concert`, `the X version`. Names of many countries; sources a notebook cites, things
named like people and methods stay quiet. Examples written here."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.engine import Scanner
from tests.scan.found_text import texts_of

SCANNER = Scanner()

#: Makers' names of many countries: given names and surnames the lists know.
MAKERS = ("Ilse Brandt", "Kwabena Mensah", "Svetlana Nowak", "Matteo Rossi",
          "Eszter Halvorsen", "Okonkwo", "Lindqvist", "Marisol Quispe")

#: A work, then `by` and who made it (one word will do).
FRAMES_BY = (
    "We went to a concert by {} last night and it was loud.",
    "The best track on the album is the one sung by {}.",
    "Have you read the novel by {} that everyone talks about?",
    "That painting by {} sold for a fortune.",
    "The cover recorded by {} is better than the original.",
)
#: The maker's full name before the work (one word there is a thing's name as often).
FRAMES_OWNER = (
    "I still prefer the {} version of that song.",
    "Are you going to the {} concert on Friday?",
)


persons = texts_of(SCANNER.scan, "PERSON")


@pytest.mark.parametrize("frame", FRAMES_BY)
def test_the_maker_of_a_work_after_by(frame: str) -> None:
    missed = [name for name in MAKERS if name not in persons(frame.format(name))]
    assert not missed, f"{frame!r}: {missed}"


@pytest.mark.parametrize("frame", FRAMES_OWNER)
def test_the_makers_full_name_before_the_work(frame: str) -> None:
    full = [name for name in MAKERS if " " in name]
    missed = [name for name in full if name not in persons(frame.format(name))]
    assert not missed, f"{frame!r}: {missed}"


@pytest.mark.parametrize("text", [
    "See the paper by Hochreiter for the details of the gating.",
    "The Python version of the book is on the website.",
    "We plot the Iris Setosa version of the data next to the others.",
    "The Gaussian version of the filter smooths less.",
    "A book by O'Reilly Media covers the library in depth.",
    "We watched the Modern Art exhibition on Sunday.",
    "The Windows version of the installer was recorded by Jenkinsfile steps.",
])
def test_works_that_name_no_maker_stay_quiet(text: str) -> None:
    assert persons(text) == []
