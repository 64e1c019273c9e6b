"""The shortcuts of the person-context readers read what their patterns read."""

from __future__ import annotations

import random
import re
import string
import sys
from collections.abc import Iterator, Sequence

import pytest

from jupyter_safeai.scan import citations, name_context
from jupyter_safeai.scan.citations import bibliography_entry
from jupyter_safeai.scan.memo import Memo
from jupyter_safeai.scan.name_context import (
    _MARKED_TEXT,
    _PRONOUN_LETTERS,
    _PRONOUNS,
    _RELATION_BEFORE,
    _RELATION_REACH,
    _SENTENCE_END,
    _SPEAKING,
    _about_someone,
    _about_someone_in_window,
    _comma_before,
    _first_stop_of,
    _last_stop_end,
    _last_stop_end_of,
    _relation_before,
    _skipping_to_first_letters,
    _SomeoneMarks,
    _stop_places,
    _WordPlaces,
    about_a_person,
    in_documentation,
    sentence_about_someone,
    sentence_around,
)
from jupyter_safeai.scan.recognizer import FOLD_TRAPS

# Stops, blanks of several kinds (a no-break space, a line separator, \x1c), letters.
_ALPHABET = ".!?\n \t\xa0\u2028\x1c\r" + "ab.c"


def _texts_and_spans(seed: int, pieces: Sequence[str], most: int
                     ) -> Iterator[tuple[str, int, int]]:
    """20,000 texts of up to `most` random pieces, each with a random span inside it."""
    rng = random.Random(seed)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, most)))
        start = rng.randint(0, len(text))
        yield text, start, rng.randint(start, len(text))


def _by_pattern(text: str, low: int, high: int) -> int:
    stops = [m.end() for m in _SENTENCE_END.finditer(text, low, high)]
    return stops[-1] if stops else low


def test_last_stop_end_is_the_patterns_last_match_end() -> None:
    for text, low, high in _texts_and_spans(20261206, _ALPHABET, 14):
        assert _last_stop_end(text, low, high) == _by_pattern(text, low, high), (
            text, low, high)


def test_stops_found_once_give_the_patterns_matches() -> None:
    for text, low, high in _texts_and_spans(20261207, _ALPHABET, 14):
        stops = _stop_places.__wrapped__(text)
        assert _last_stop_end_of(text, stops, low, high) == _by_pattern(text, low, high), (
            text, low, high)
        first = _SENTENCE_END.search(text, low, high)
        assert _first_stop_of(text, stops, low, high) == (first.start() if first else high), (
            text, low, high)


def test_last_stop_end_of_a_sentence_after_a_line_and_a_stop() -> None:
    text = "Intro line\nFirst one. Then Ada came"
    assert _last_stop_end(text, 0, text.index("Ada")) == text.index("Then")
    assert _last_stop_end(text, 0, text.index("First")) == text.index("First")
    assert _last_stop_end("v1.2 and Ada", 0, 9) == 0  # a stop before a digit ends nothing


def test_only_the_guarded_characters_fold_to_an_ascii_letter_apart_from_lower() -> None:
    """`_about_someone` finds the record words' anchors in `str.lower`'s text: that is
    sound only if every character `re` matches to an ASCII letter ignoring case lowers
    to that letter, is guarded, or changes the length when lowered."""
    letters = re.compile("(?i)[a-z]")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if letters.fullmatch(char) is None:
            continue
        matched = [a for a in string.ascii_lowercase if re.fullmatch(f"(?i){a}", char)]
        assert char.lower() in matched or char in FOLD_TRAPS or len(char.lower()) != 1, (
            hex(code), matched)


_FRAGMENTS = ("patient", "PT", "pt.", "Mrs.", "mr", "DOB", "date of birth", "Birthdate",
              "admitted", "ADMI", "discharge", "died", "full name", "ssn", "medical record",
              "visit", "member_id", "next of kin", "seen by", "years old", "y/o", "year",
              "he", "She", "his", "My", "hers", "the", "script", "adapt", "ı", "ſ", "İ",
              "K", "ﬅ", "Ada", " ", " ", ", ", ".", "\n", "x", "_", "1")


def test_about_someone_is_about_a_person_with_pronouns() -> None:
    for text, start, end in _texts_and_spans(61206, _FRAGMENTS, 9):
        assert _about_someone(text, start, end) == about_a_person(
            text, start, end, pronouns=True), (text, start, end)


def test_pronouns_at_first_letters_match_where_the_pronouns_do() -> None:
    pieces = ("he", "She", "her", "hers", "herself", "him", "His", "my", "Mine", "My",
              "the", "sheep", "_", "1", "é", " ", ".", "h", "s", "m", "ſ")
    for text, start, end in _texts_and_spans(1206, pieces, 7):
        assert bool(_PRONOUN_LETTERS.search(text, start, end)) == bool(
            _PRONOUNS.search(text, start, end)), (text, start, end)


def test_only_plain_whole_word_alternations_are_rewritten() -> None:
    with pytest.raises(ValueError):
        _skipping_to_first_letters(re.compile(r"\b(?:he|s?he)\b"))
    with pytest.raises(ValueError):
        _skipping_to_first_letters(re.compile(r"\b(?:he|she)\b", re.IGNORECASE))


def test_relation_before_is_the_patterns_search() -> None:
    rng = random.Random(2026)
    pieces = ("my ", "My ", "HIS ", "her", "their ", "Our ", "your ", "best ", "friend",
              "Colleague", "sister", "s", ",", " ", "\n", "ı", "ſ", "İ", "x", "the ")
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) + "Ada"
        start = len(text) - 3
        assert _relation_before(text, start) == bool(_RELATION_BEFORE.search(
            text, max(0, start - _RELATION_REACH), start)), text


def test_someone_marks_answer_each_window_as_its_own_search() -> None:
    """Matched once in the whole text, the record words and pronouns say of each window
    what searching the window itself says, also where its end cuts a word (`pt|s`)."""
    rng = random.Random(71207)
    pieces = (*_FRAGMENTS, "pts", "hello", "discharged", "date of b", "Herb", "mrn", "ms.")
    for _ in range(2_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 60)))
        marks = _SomeoneMarks(text, text.lower())
        for _ in range(20):
            start = rng.randint(0, len(text))
            end = rng.randint(start, min(len(text), start + 60))
            if not any(trap in text.lower() for trap in FOLD_TRAPS) and len(
                    text.lower()) == len(text):
                assert marks.about(text, start, end) == _about_someone_in_window(
                    text, start, end), (text, start, end)


@pytest.mark.parametrize("pattern", [_PRONOUN_LETTERS, _SPEAKING])
def test_word_places_say_what_a_windows_search_finds(pattern: re.Pattern[str]) -> None:
    rng = random.Random(1207)
    pieces = ("I", "I'm", "me", "my", "mem", "u", "ur", "lol", "!", "?", "haha", "he", "Her",
              "hello", "She", "sheep", " ", ".", "_", "1", "x")
    for _ in range(2_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        places = _WordPlaces(pattern, text)
        for _ in range(20):
            start = rng.randint(0, len(text))
            end = rng.randint(start, len(text) + 2)
            assert places.within(text, start, end) == bool(
                pattern.search(text, start, end)), (text, start, end)


@pytest.mark.parametrize("cites", [False, True])
@pytest.mark.parametrize("plain", [False, True])
def test_a_long_text_is_read_as_a_short_one(cites: bool, plain: bool,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Past `_MARKED_TEXT` the marks and the citation words are found once per text (in
    a scan, once per scan): the answers are those of reading each window."""
    rng = random.Random(7)
    pieces = (*(("Ada", "Lee", " ", ", ", "Ana", "x") if plain else (
        *_FRAGMENTS, "my friend ", "Your best colleague, ", "our ")),
              "Garcia, Maria, ", "[1] Lee, A. \"T", "a.b", "!\t", "?") + (
        ("Proc. 2019 Springer", "p. 4", "Wiley 2020", "[a](b) by ", "Credits: ") if cites
        else ())
    pieces = tuple(p for p in pieces if len(p.lower()) == len(p) and not any(
        trap in p.lower() for trap in FOLD_TRAPS))  # (else each window is read alone)
    text = "".join(rng.choice(pieces) for _ in range(_MARKED_TEXT // 3))
    assert len(text) >= _MARKED_TEXT
    spans = []
    for _ in range(1_500):
        start = rng.randint(0, len(text))
        spans.append((start, min(len(text), start + rng.randint(0, 300))))
    marks = _SomeoneMarks(text, text.lower())
    assert marks.anywhere != plain

    def answers() -> list[tuple[bool, bool, tuple[int, int], bool, bool, bool]]:
        return [(_about_someone(text, a, b), bibliography_entry(text, a, b), sentence_around(
            text, a, b), in_documentation(text, a, b), sentence_about_someone(text, a, b),
                 _relation_before(text, b)) for a, b in spans]
    alone = answers()
    assert any(related for *_, related in alone) != plain
    with Memo().scan():
        assert answers() == alone
    monkeypatch.setattr(name_context, "_MARKED_TEXT", len(text) + 1)
    monkeypatch.setattr(citations, "_MARKED_TEXT", len(text) + 1)
    assert answers() == alone
    assert any(cited for _, cited, *_ in alone) or not cites


def test_comma_before_reads_the_last_character_but_blanks() -> None:
    rng = random.Random(12)
    pieces = (",", " ", "\t", "\n", "\u2028", "a", "Lee", " " * 70, "," + " " * 80)
    for _ in range(5_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        at = rng.randint(0, len(text))
        assert _comma_before(text, at) == text[:at].rstrip().endswith(","), (text, at)
