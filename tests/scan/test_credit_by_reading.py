"""A `by` credits an author only when it tells of making a work and the name follows it
(issue 14): `The letter was written by`, `signed for by`, `was represented by` and `by a
Polish national, <name>` credit no one, while a notebook's bylines and credits stay
documentation. Names and sentences written here."""

from __future__ import annotations

import pytest

from tests.scan.found_text import persons


@pytest.mark.parametrize(("text", "name"), [
    # a thing that is no work, made or done by someone
    ("The letter was written by Oskar Lindqvist.", "Oskar Lindqvist"),
    ("My prescription was written by Amara Osei yesterday.", "Amara Osei"),
    # another act than making a work
    ("The package was signed for by Oskar Lindqvist.", "Oskar Lindqvist"),
    ("The applicant was represented by Amara Osei, a lawyer in Leeds.", "Amara Osei"),
    ("Her car was picked up by Oskar Lindqvist at noon.", "Oskar Lindqvist"),
    # the `by` leads to something else than the name
    ("The claim was lodged under Article 6 of the Convention by a Dutch national, "
     "Oskar Lindqvist, on 3 May 2004.", "Oskar Lindqvist"),
    ("The figure was drawn by the nurse, Amara Osei, on the ward.", "Amara Osei"),
])
def test_a_by_that_credits_no_work_keeps_the_name(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    "This notebook was written by Oskar Lindqvist and Amara Osei.",
    "Written by Oskar Lindqvist",
    "Ported to Python 3 by Oskar Lindqvist (@olind) and Amara Osei (@aosei) at Acme.",
    "[Chapter 2](https://example.org/ch2.ipynb) created by Oskar Lindqvist",
    "The attributes are (donated by Oskar Lindqvist, olind at example):",
    "The slides were adapted from a talk by Oskar Lindqvist and Amara Osei.",
    "Examples were created by Oskar Lindqvist.",
    "The split-apply-combine terms were first coined by Oskar Lindqvist.",
])
def test_a_notebook_credit_stays_documentation(text: str) -> None:
    assert persons(text) == []
