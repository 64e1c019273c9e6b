"""The date recognizer's fast paths find what its patterns find everywhere."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from jupyter_safeai.scan import dates, name_context
from jupyter_safeai.scan.recognizer import anchor_starts, matches_at

# Pieces of full and partial dates in any case, with the letters a case-insensitive match
# folds to ASCII (`ſ` `K` `İ` `ı`), a non-ASCII digit (`٣`), and the characters a date may
# not follow or precede.
_DATE_PIECES = ["03", "3", "14", "1958", "2021", "58", "19", "/", ".", "-", " ", "\t", ",",
                "March", "MAR", "mar.", "Sep", "ſep", "Sept", "SEPTEMBER", "May", "Dec",
                "of", "th", "ST", "T08:30", "Z", "٣", "x", "_", "İ", "ı", "K", "a", "Jan",
                "jUNE", "aug", "Octo", "nov", "feb", "2020-01-01", "14-Mar-", "1958Mar14"]
_DATES = st.lists(st.sampled_from(_DATE_PIECES), max_size=12).map("".join)


def _starts(text: str) -> list[int]:
    return [m.start() for m in dates._DATE_START.finditer(text)]


@settings(max_examples=2000, deadline=None)
@given(_DATES)
@example("born 14th of March, 1958")
@example("Mar. 14, 1958 and 1958-03-14T08:30Z")
@example("ſep 14, 1958")  # `ſ` folds to `s`
def test_date_starts_give_every_full_date(text: str) -> None:
    assert ([m.span() for m in matches_at(dates._FULL_DATE, text, _starts(text))]
            == [m.span() for m in dates._FULL_DATE.finditer(text)])


@settings(max_examples=2000, deadline=None)
@given(_DATES)
@example("seen on March 14")
@example("on 3/1958")
def test_a_partial_date_in_any_window_starts_with_its_shape(text: str) -> None:
    """Labels are read only when a partial date's shape starts somewhere (cut windows too)."""
    starts = set(_starts(text))
    for pos in range(len(text)):
        for end in (len(text), min(len(text), pos + 45), min(len(text), pos + 9)):
            for match in dates._PARTIAL_DATE.finditer(text, pos, end):
                assert match.start() in starts
                assert dates._PARTIAL_SHAPE.match(text, match.start())


# Text before a date: release and query words, comparisons, quotes, brackets, blanks.
_BEFORE = st.lists(st.sampled_from(
    ["version", "Released", "v", "prev", "last modified", "LAST  modified", "date_range",
     "start_date", "from", "and", "between", "Between", "abetween", ">=", "<", "==", "!=",
     "=", ":", ",", "(", "[", "\"", "'", " ", "\n", "\t", "x", "ſince", "sınce", "©",
     "admitted", "visit_date"]), max_size=8).map("".join)


@settings(max_examples=2000, deadline=None)
@given(_BEFORE)
def test_backward_checks_read_as_the_forward_searches(before: str) -> None:
    backwards = before[::-1]
    assert (bool(dates._NOT_PERSONAL_BACKWARDS.match(backwards))
            == bool(dates._NOT_PERSONAL.search(before)))
    assert (bool(dates._COMPARISON_BACKWARDS.match(backwards))
            == bool(dates._COMPARISON.search(before)))


_PERSON = st.lists(st.sampled_from(
    ["patient", "PATIENT", "pt", "Pt.", "ptx", "mr.", "Mrs.", "ms", "ms.", "dob", "date of birth",
     "DATE_OF_DEATH", "birthdate", "admitted", "seen by", "next of kin", "y/o", "years old",
     "year  old", "member_id", "ſsn", "İ", "K", "x", " ", "_", ".", "\n", "7", "é"]),
    max_size=8).map("".join)


@settings(max_examples=2000, deadline=None)
@given(_PERSON, st.integers(0, 60), st.integers(0, 60))
def test_anchored_person_search_is_the_search(text: str, start: int, length: int) -> None:
    lowered = text.lower()
    usable = lowered if anchor_starts(text, lowered, ()) is not None else None
    assert (name_context.about_a_person(text, start, start + length, usable)
            == bool(name_context._RECORD_WORDS.search(text, start, start + length)))


def test_every_person_word_starts_with_an_anchor() -> None:
    """`about_a_person` tries `_RECORD_WORDS` only where an anchor is: a word added to the
    pattern without its anchor would never be seen."""
    import re

    body = name_context._RECORD_WORDS.pattern
    words = body[body.index("(?:") + 3:body.rindex(")")].split("|")
    assert len(words) > 20
    for word in words:
        literal = re.match(r"[a-z/ ]*", word).group()  # up to the first regex syntax
        assert any(literal.startswith(anchor) for anchor in name_context._RECORD_ANCHORS), word


_CARE = st.lists(st.sampled_from(
    ["treated at", "Evaluated ", "seen by", "S/P", "h/o", "45 yo", "45yo", "7-yr-old", "52 y.o",
     "61-year-old", "year old", "ICU", "micu", "ed visit", "Foley", "vent", "extubated", "1.4",
     "your", "ſ", "K", "İ", "x", " ", "-", ".", "\n", "7", "é", "A", "at", "in the same"]),
    max_size=8).map("".join)


@settings(max_examples=2000, deadline=None)
@given(_CARE, st.integers(0, 60), st.integers(0, 60))
@example("52 y.o 45yotreated at", 1, 11)  # a window cut after `45yo` once read it as an age
def test_anchored_care_search_is_the_search(text: str, start: int, length: int) -> None:
    lowered = text.lower()
    usable = lowered if anchor_starts(text, lowered, ()) is not None else None
    end = start + length
    assert name_context.about_a_patient(text, start, end, usable) == bool(
        name_context._RECORD_WORDS.search(text, start, end)
        or name_context._CARE_WORDS.search(text, start, end))


# Text before a date: labels in any case and spelling, the bare `on`, letters that fold.
_LABEL_WINDOWS = st.lists(st.sampled_from(
    ["admitted", "ADMIT DATE", "on", "On", "born", "b.", "seen on", "DOB", "d.o.b", "visit",
     "visit_date", "follow-up", "follow up", "onset", "İ", "ſeen", "K", " ", "_", "-", ":",
     "x", "\n", "7", "é", "donation"]), max_size=8).map("".join)


@settings(max_examples=2000, deadline=None)
@given(_LABEL_WINDOWS)
def test_labelled_reads_the_window_as_its_labels_mean(before: str) -> None:
    """One search of the lower-cased window finds the labels the case-insensitive pattern
    finds (which also reads `ſeen` as `seen`)."""
    labels = [m.group() for m in dates._DATE_CONTEXT.anycase.finditer(before)]
    assert dates._labelled(before) == any(
        label.strip().lower() not in dates._BARE_WORDS for label in labels)
