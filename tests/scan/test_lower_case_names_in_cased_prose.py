"""A full name typed in lower case inside a line of sentence-case prose (`... a 72-year-old
male, jaclyn okafor, who was seen at ...`): a listed given name then a listed surname,
neither of which English, a library or the stop words know, is a name whatever its slot
(issue 14). Words that English or a library knows, other languages' prose and code stay
quiet. Sentences written here."""

from __future__ import annotations

import pytest

from tests.scan.found_text import persons


@pytest.mark.parametrize(("text", "name"), [
    ("What is the dose for a 72-year-old male, ljubica okafor, seen at the clinic on Monday?",
     "ljubica okafor"),
    ("The claimant was represented by sigrun haraldsdottir, a solicitor in Leeds.",
     "sigrun haraldsdottir"),
    ("Following the advice of his mentor ottilie kowalczyk, he went back to Oslo.",
     "ottilie kowalczyk"),
    # one of the two English knows as a noun, the other not at all
    ("The report was checked by ottilie anderson before the meeting on Friday.",
     "ottilie anderson"),
])
def test_a_lower_case_full_name_in_cased_prose(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    "We used numba jit and dask arrays to speed up the loop in this notebook.",
    "Install the package with pip and then run pytest in the tests folder.",
    "Tapi ini bisa menyebabkan paket-paket berantakan satu sama lain, jadi hati-hati.",
    "Set `maria_db = okafor_client()` before you call the API in the next cell.",
    # a surname English knows as a verb: `price`, after a given name it also knows
    "We compared the jasmine price index with the one from last year in the report.",
])
def test_lower_case_words_that_are_no_name_stay_quiet(text: str) -> None:
    assert persons(text) == []
