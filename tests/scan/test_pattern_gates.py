"""The pattern readers' gates find what the patterns they gate find: a search for where a
match can start (or for the words a match needs) admits every place the pattern itself
matches, so the readers' findings do not change. Texts are random pieces written here:
the shapes each gate reads, their look-alikes, and the letters `re` folds."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence

import pytest

from jupyter_safeai.scan import address_blocks, dates
from jupyter_safeai.scan.dates import AgeRecognizer
from jupyter_safeai.scan.recognizer import matches_at


def _texts(seed: int, pieces: Sequence[str], most: int, count: int) -> Iterator[str]:
    """`count` texts of up to `most` random pieces each."""
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(pieces) for _ in range(rng.randint(0, most)))


def _spans(matches: Iterator[re.Match[str]]) -> list[tuple[int, int]]:
    return [match.span() for match in matches]


# Ages in the layouts `_AGE` reads, numbers of other lengths, words that hold `age`
# (`page`, `Agenda`), other digits (`٩٥`, `９５`) and the letters `re` folds (`ſ`, `K`).
_AGE_PIECES = (
    "95", "101", "9", "1234", "45", "٩٥", "９５", " ", " ", "\t", "-", ".", ",", "/",
    "years", "year", "yrs", "yr", "y", "yo", "y/o", "y.o.", "old", "of age", " of ",
    "age", "Age", "AGE", "aged", "ages", "page", "Agenda", "usage", "is ", ":", "=",
    "–", "x", "a", "A", "_", "ſ", "K", "İ", "é", "\n", "in over ", "patient ")


def test_age_starts_admit_every_match() -> None:
    matched = 0
    for text in _texts(20261207, _AGE_PIECES, 14, 30_000):
        starts = [m.start() for m in dates._AGE_START.finditer(text)]
        expected = _spans(dates._AGE.finditer(text))
        matched += bool(expected)
        assert _spans(matches_at(dates._AGE, text, starts)) == expected, text
    assert matched > 500


@pytest.mark.parametrize(("text", "found"), [
    ("The patient is 95 years old.", True),
    ("aged 101, lives alone", True),
    ("Age: 97", True),
    ("a 93-year-old man", True),
    ("see page 95", False),  # `page` is no `age`, and its number has no year word
    ("order 1095 years", False),  # four digits are no age
    ("a 45 year old man", False),  # under 90: HIPAA lets it stand
    ("v2.95 years", False),  # after a dot: a version
])
def test_ages_found_and_look_alikes_quiet(text: str, found: bool) -> None:
    assert bool(list(AgeRecognizer().find(text))) is found


# The words of `_CUE_WORDS`, cut and whole, in texts around them.
_CUE_PIECES = (*address_blocks._CUE_WORDS, "add", "adre", "liv", "lives a", "is", " is",
               "it", "meeting", "sen", "ship", "x", " ", "\n", "Ý", "ſ")


def test_cue_word_search_is_any_cue_word_in_the_text() -> None:
    for text in _texts(20261208, _CUE_PIECES, 6, 20_000):
        lowered = text.lower()
        assert (address_blocks._CUE_WORD.search(lowered) is not None) is any(
            word in lowered for word in address_blocks._CUE_WORDS), text
