"""The pattern readers' gates find what the patterns they gate find: a search for where a
match can start (or for the words a match needs) admits every place the pattern itself
matches, so the readers' findings do not change. Texts are random pieces written here:
the shapes each gate reads, their look-alikes, and the letters `re` folds."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence

import pytest

from jupyter_safeai.scan import (
    address_blocks,
    dates,
    labelled,
    phones,
)
from jupyter_safeai.scan.dates import AgeRecognizer
from jupyter_safeai.scan.labelled import LabelledNumberRecognizer
from jupyter_safeai.scan.phones import PhoneRecognizer
from jupyter_safeai.scan.recognizer import gated_matches, matches_at
from jupyter_safeai.scan.shapes import shape_gates, text_shape, wide_digits


def _texts(seed: int, pieces: Sequence[str], most: int, count: int) -> Iterator[str]:
    """`count` texts of up to `most` random pieces each."""
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(pieces) for _ in range(rng.randint(0, most)))


def _spans(matches: Iterator[re.Match[str]]) -> list[tuple[int, int]]:
    return [match.span() for match in matches]


# Digits in runs and chains (`4_7_3`, `12.34`, `5 5`), the separators the digit patterns
# read, letters, `_` (a letter in the shape), and digits beyond ASCII (`٣`, `１`), which
# `\d` matches and the shape writes `?`.
_DIGIT_PIECES = ("1", "4", "9", "12", "345", "5678", "0123456789", "٣", "１", "²", "?",
                 " ", "  ", "\t", "\n", ".", "_", "/", "\\", ":", "-", ",", "+", "(", ")",
                 "a", "x", "Z", "é", "ext", "SSN ", "card ", "521_44_8032", "212/555/0134",
                 "4111.1111.1111.1111", "4111_1111_1111_11", "2125550134", "521.44.8032")


def test_long_run_starts_admit_every_run() -> None:
    matched = 0
    for text in _texts(20261207, _DIGIT_PIECES, 24, 30_000):
        if wide_digits(text):
            continue  # (read by `_LONG_RUN` itself)
        starts = [m.start() for m in labelled._LONG_RUN_SHAPE.finditer(text_shape(text))]
        expected = _spans(labelled._LONG_RUN.finditer(text))
        matched += bool(expected)
        assert _spans(matches_at(labelled._LONG_RUN, text, starts)) == expected, text
    assert matched > 3_000


@pytest.mark.parametrize("pattern", [labelled._LOOSE, phones._BARE_PHONE])
def test_gated_digit_patterns_find_what_they_find_everywhere(pattern: re.Pattern[str]
                                                             ) -> None:
    assert shape_gates(pattern) is not None and shape_gates(pattern).narrow is not None
    matched = 0
    for text in _texts(20261209, _DIGIT_PIECES, 24, 20_000):
        expected = _spans(pattern.finditer(text))
        matched += bool(expected)
        assert _spans(gated_matches(pattern, text)) == expected, text
    assert matched > 200


@pytest.mark.parametrize(("text", "wide"), [
    ("call 555 0100", False), ("é ü — “quoted”?", False), ("² and ½", False),
    ("٣٤٥", True), ("room １２", True), ("?" * 100 + "٣", True), ("—" * 100, False),
])
def test_wide_digits_are_digits_beyond_ascii(text: str, wide: bool) -> None:
    assert wide_digits(text) is wide


@pytest.mark.parametrize(("text", "entity"), [
    ("SSN: 5_2_1 4_4 8_0_3_2", "US_SSN"),  # a number cut by `_`, read as the label says
    ("card number 4_5_2_0_9_3_8_1_7_2_6_4_5_0_1_6", "CREDIT_CARD"),
    ("ssn 521.44.8032", "US_SSN"),
])
def test_labelled_runs_found(text: str, entity: str) -> None:
    assert entity in {f.entity for f in LabelledNumberRecognizer().find(text)}


@pytest.mark.parametrize("text", [
    "build 2024.05.11 of version 3.2", "SSN policy v1_2", "card games 1-2-3",
])
def test_labelled_run_look_alikes_quiet(text: str) -> None:
    assert not list(LabelledNumberRecognizer().find(text))


# Phone layouts (`+44 (0)20`, `(030) 12`, `0612-34`), what may stand before one, ages in
# the layouts `_AGE` reads, numbers of other lengths, words that hold `age` (`page`,
# `Agenda`), other digits (`٩٥`, `９５`) and the letters `re` folds (`ſ`, `K`, `İ`).
_PHONE_AND_AGE_PIECES = (
    "+", "(", ")", "0", "00", "1", "20", "030", "0612", "7946", "95", "101", "1234",
    " ", " ", "-", ".", "/", ":", ",", "x", "ext", "ext.", "a", "A", "_", "é", "٩٥", "９５",
    "years", "yrs", "y/o", "yo", "old", "of age", "age", "Age", "AGE", "aged", "page",
    "Agenda", "usage", "is ", "=", "ſ", "K", "İ", "\n", "tel ", "call ")


def test_age_reads_where_its_matches_start() -> None:
    matched = 0
    for text in _texts(20261210, _PHONE_AND_AGE_PIECES, 16, 30_000):
        expected = _spans(dates._AGE.finditer(text))
        matched += bool(expected)
        assert _spans(dates._ages(text)) == expected, text
    assert matched > 500


def test_phone_candidates_read_where_their_matches_start() -> None:
    labelled_found = dialled_found = 0
    for text in _texts(20261211, _PHONE_AND_AGE_PIECES, 20, 30_000):
        expected = _spans(phones._LABELLED_PHONE.finditer(text))
        labelled_found += bool(expected)
        assert _spans(iter(phones.labelled_phone_candidates(text))) == expected, text
        expected = _spans(phones._DIALLED_AT_HOME.finditer(text))
        dialled_found += bool(expected)
        starts = sorted(m.start() for start in phones._DIALLED_STARTS
                        for m in start.finditer(text))
        assert _spans(matches_at(phones._DIALLED_AT_HOME, text, starts)) == expected, text
    assert labelled_found > 1_000 and dialled_found > 500


@pytest.mark.parametrize(("text", "found"), [
    ("The patient is 95 years old.", True),
    ("aged 101, lives alone", True),
    ("AGE: 97", True),
    ("a 93-year-old man", True),
    ("see page 95", False),  # `page` is no `age`, and its number has no year word
    ("order 1095 years", False),  # four digits are no age
    ("a 45 year old man", False),  # under 90: HIPAA lets it stand
    ("v2.95 years", False),  # after a dot: a version
])
def test_ages_found_and_look_alikes_quiet(text: str, found: bool) -> None:
    assert bool(list(AgeRecognizer().find(text))) is found


@pytest.mark.parametrize(("text", "found"), [
    ("Phone: +44 (0)20 7946 0958", True),
    ("tel. (030) 1234 5678", True),
    ("mobile 0612-345-678", True),
    ("Phone: build 2.0.612345", False),  # after a dot: a version's digits
    ("tel: ref_0612345678", False),  # inside an identifier
])
def test_labelled_phones_found_and_look_alikes_quiet(text: str, found: bool) -> None:
    assert any(f.entity == "PHONE_NUMBER" for f in PhoneRecognizer().find(text)) is found


def test_split_extensions_read_from_their_dash() -> None:
    matched = 0
    for text in _texts(20261213, (*_PHONE_AND_AGE_PIECES, "x1-2345", "X9-", "ext. 4-"), 16,
                       20_000):
        expected = _spans(phones._SPLIT_EXTENSION.finditer(text))
        matched += bool(expected)
        dashes = [m.start() - 2 for m in phones._SPLIT_EXTENSION_DASH.finditer(text)]
        assert _spans(matches_at(phones._SPLIT_EXTENSION, text, dashes)) == expected, text
    assert matched > 200


# The words of `_CUE_WORDS`, cut and whole, in texts around them.
_CUE_PIECES = (*address_blocks._CUE_WORDS, "add", "adre", "liv", "lives a", "is", " is",
               "it", "meeting", "sen", "ship", "x", " ", "\n", "Ý", "ſ")


def test_cue_word_search_is_any_cue_word_in_the_text() -> None:
    for text in _texts(20261208, _CUE_PIECES, 6, 20_000):
        lowered = text.lower()
        assert (address_blocks._CUE_WORD.search(lowered) is not None) is any(
            word in lowered for word in address_blocks._CUE_WORDS), text
