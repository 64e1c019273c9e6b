"""The date reader's shortcuts read what their searches read: a text's patient words
found once answer each window as `about_a_patient` does, sorted spans answer what a pass
over them did, a sentence's start is found backwards as `finditer` finds it forwards,
and a column of dates asks a handful of window searches, not one per date."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence

import pytest

from jupyter_safeai.scan import dates
from jupyter_safeai.scan.dates import DateRecognizer, _Spans
from jupyter_safeai.scan.name_context import _reach, about_a_patient, patient_marks
from jupyter_safeai.scan.narrative import _STOP, _last_stop_end
from jupyter_safeai.scan.scan_view import lowered_of


def _texts_and_windows(seed: int, pieces: Sequence[str], most: int, count: int
                       ) -> Iterator[tuple[str, int, int]]:
    """`count` texts of up to `most` random pieces, each with a random window (its end
    may pass the text's)."""
    rng = random.Random(seed)
    for _ in range(count):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, most)))
        start = rng.randint(0, len(text))
        yield text, start, rng.randint(start, len(text) + 3)


# Record words, care words, ages and their look-alikes, and what a window's end can cut
# (`pts` to `pt`, `seen in the same` to `seen in the sa`), and the letters `re` folds.
_PATIENT_PIECES = (
    "patient", "pt", "pts", "Mr.", "mrn", "DOB", "date of birth", "date of", "seen by",
    "y/o", "next of kin", "year", "years", "treated at", "Treated by", "seen in the same",
    "seen in the", "seen in", "seen Ada", "presenting for", "hospitalised",
    "hospitalization", "s/p", "s/pmh", "S/P", "h/o", "c/o", "hpi", "pmhx", "hx", "icu",
    "micu", "ed visit", "neuro", "trach", "vent", "ventilator", "heparin", "year old",
    "years-old", "45 yo", "45yo", "7 y.o", "63 yrs old", "12 yr old", "1234yo", "9-yo",
    "yo", "y.o", "yr", "transfer", "transferred", "readmitted", "underwent", "the",
    "same", "in", "at", "by", "A", "x", "a", "1", "12", " ", " ", "-", ".", "\n", "ſ",
    "İ", "é")


def test_patient_marks_answer_each_window_as_about_a_patient() -> None:
    asked = 0
    for text, start, end in _texts_and_windows(20261207, _PATIENT_PIECES, 30, 40_000):
        marks = patient_marks(text)
        if marks is None:  # (`re` would not read its lower case letter for letter)
            continue
        asked += 1
        assert marks.about(start, end) == about_a_patient(
            text, start, end, lowered_of(text)), (text, start, end)
    assert asked > 20_000


@pytest.mark.parametrize(("text", "end", "about"), [
    ("s/pmh here", 10, False),  # the trie reads `s/p`, so `pmh` is never tried
    ("45 yo s/pmh here", 16, True),  # an age searches every place after it
    ("pts seen", 2, True),  # the window's end makes `pt`
    ("pts seen", 8, False),
    ("xx seen in the sa", 17, True),  # ... or drops what `seen in` may not be before
    ("seen in the same day", 20, False),
    ("extubated", 8, False),  # an anchor cut short
])
def test_patient_marks_read_what_the_windows_end_makes(text: str, end: int,
                                                       about: bool) -> None:
    marks = patient_marks(text)
    assert marks is not None
    assert about_a_patient(text, 0, end, lowered_of(text)) is about
    assert marks.about(0, end) is about


def test_a_patterns_reach_counts_its_look_ahead_and_refuses_no_bound() -> None:
    assert _reach(re.compile(r"ab")) == 3
    assert _reach(re.compile(r"ab(?![ ]the)")) == 7
    assert _reach(re.compile(r"(?<=xyz)ab")) == 3  # a look-behind reads before the start
    with pytest.raises(ValueError):
        _reach(re.compile(r"ab+"))


def test_sorted_spans_meet_and_hold_as_a_pass_over_them_does() -> None:
    rng = random.Random(1207)
    for _ in range(5_000):
        spans = []
        for _ in range(rng.randint(0, 6)):
            low = rng.randint(0, 30)
            spans.append((low, low + rng.randint(1, 12)))
        start = rng.randint(0, 40)
        end = start + rng.randint(1, 10)
        sorted_spans = _Spans(spans)
        assert sorted_spans.meets(start, end) == any(
            low < end and start < high for low, high in spans), (spans, start, end)
        assert sorted_spans.holds(start, end) == any(
            low <= start and end <= high for low, high in spans), (spans, start, end)


def test_a_sentences_start_found_backwards_is_finditers_last_stop() -> None:
    pieces = (".", "!", "?", "\n", " ", "\t", "\xa0", "\u2028", "\r", "no", "No", "Mr",
              "Dr", "e.g", "i.e", "pp", "p", "v", "St", "a", "A", "É", "ſ", "x", "1")
    for text, low, high in _texts_and_windows(61207, pieces, 16, 40_000):
        high = min(high, len(text))
        last = low
        for stop in _STOP.finditer(text, low, high):
            last = stop.end()
        assert _last_stop_end(text, low, high) == last, (text, low, high)


def _date_column(seed: int, rows: int) -> str:
    """A column of dates, one a line, as a DataFrame's scan joins them, in the styles a
    table writes, with a few notes among them."""
    rng = random.Random(seed)
    lines = []
    for _ in range(rows):
        month, day, year = rng.randint(1, 12), rng.randint(1, 28), rng.randint(1930, 2024)
        lines.append(rng.choice((
            f"{month:02d}/{day:02d}/{year}", f"{year}-{month:02d}-{day:02d}",
            f"{day} March {year}", f"{month}/{day}", f"since {month}/{day}/{year}",
            f"seen {month}/{day}, 45 yo", f"Mr. Obi was admitted on {day} May {year}",
            "Version 2.1 released", f"pt c/o pain since {month}/{day}/{year}")))
    return "\n".join(lines)


def test_a_date_column_finds_the_same_with_its_patient_words_found_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    reader = DateRecognizer()
    for seed in range(6):
        text = _date_column(seed, 400)
        monkeypatch.setattr(dates, "_MARKS_AFTER", 10**9)  # each window searched
        searched = [(f.start, f.end, f.score) for f in reader.find(text)]
        monkeypatch.setattr(dates, "_MARKS_AFTER", 0)  # every window from the marks
        marked = [(f.start, f.end, f.score) for f in reader.find(text)]
        assert searched and marked == searched


def test_a_date_column_asks_few_window_searches(monkeypatch: pytest.MonkeyPatch) -> None:
    """1,000 dates, each held and asked about a 3,000-character window: the text's
    patient words are found once after a few windows, not searched in each."""
    asked = 0

    def counted(text: str, start: int, end: int, lowered: str | None = None) -> bool:
        nonlocal asked
        asked += 1
        return about_a_patient(text, start, end, lowered)

    monkeypatch.setattr(dates, "about_a_patient", counted)
    rng = random.Random(7)
    text = "\n".join(f"{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}/"
                     f"{rng.randint(1930, 2020)}" for _ in range(1000))
    assert list(DateRecognizer().find(text)) == []  # dates of no one
    assert 0 < asked < 100


# Words of the date labels and of months told from now, their look-alikes inside longer
# words (`only`, `blast`, `thistle`), cases, and the letters `re` folds.
_LABEL_PIECES = (
    "on", "On", "ON", "only", "long", "person", "seen", "Seen on", "seen", "visit",
    "visited", "b.", "b", "dob", "D.O.B", "d.o.b.", "date of birth", "born", "reborn",
    "admitted", "admit date", "follow-up", "follow up", "last", "Last", "LAST", "blast",
    "next", "context", "this", "This past", "this coming", "thistle", "past", "July",
    "March", "march", "May", "June 3", "last July", "next March", "this past June",
    "This coming May", "LAST June", " 2019", "9/28", "3 May", "Jan.", " ", "  ", "\t",
    "\n", "-", "_", ".", ",", "x", "ſ", "İ", "K", "é")


def test_relative_months_tried_at_their_lead_words_find_what_finditer_finds() -> None:
    rng = random.Random(20261208)
    found = 0
    for _ in range(20_000):
        text = "".join(rng.choice(_LABEL_PIECES) for _ in range(rng.randint(0, 14)))
        expected = [m.span() for m in dates._RELATIVE_MONTH.finditer(text)]
        assert [m.span() for m in dates._relative_months(text)] == expected, text
        found += bool(expected)
    assert found > 200


def test_date_labels_from_the_scans_label_index_are_the_labels_finditer_finds() -> None:
    """The engine's label index holds the date reader's labels (`anchor_words`): read
    from it, they are `_DATE_CONTEXT.finditer`'s, in every text."""
    from jupyter_safeai.scan import memo
    from jupyter_safeai.scan.engine import Scanner
    from jupyter_safeai.scan.scan_view import ScanView

    index = Scanner()._labels
    owner = memo.Memo()
    rng = random.Random(8122026)
    read = 0
    for _ in range(5_000):
        text = "".join(rng.choice(_LABEL_PIECES) for _ in range(rng.randint(0, 14)))
        lowered = text.lower()
        expected = [m.span() for m in dates._DATE_CONTEXT.finditer(text, lowered=lowered)]
        with owner.scan():
            memo.share(ScanView(text, lowered, index.scan(text, lowered)))
            got = [m.span() for m in dates._date_labels(text, lowered)]
            read += dates.label_starts_of(text, dates._DATE_CONTEXT) is not None
        assert got == expected, text
    assert read > 4_000


# Dates in the forms the patterns read, month names and their look-alikes (`Dan 5`,
# `Sun 3`, `market 4`), and what may stand before a start.
_START_PIECES = (
    "March 14, 1958", "14 March 1958", "14th of Mar 1958", "Mar. 3", "3 May", "May 2021",
    "june 4", "JUL 9", "sept 12", "Sept. 2019", "Dec-3", "14-Mar-58", "1958Mar14",
    "1958-03-14", "03/14/1958", "14.03.1958", "3/1958", "8/17", "Dan 5", "Sun 3", "Sul 4",
    "Oct", "Nov", "market 4", "maybe 7", "amar 3", "aMay 3", "2Mar 3", "/Jan 5", "-Feb 1",
    ".Apr 2", "_Aug 9", "12", "1958", " ", "  ", "\t", "\n", ",", "(", "x", "é", "ſ",
    "İ", "K")


def test_date_starts_from_the_scans_label_index_find_the_same_dates() -> None:
    """Read from the scan's label index, the starts are `_DATE_START`'s but where no
    date pattern matches; every pattern tried at them finds what it finds at all."""
    from jupyter_safeai.scan import memo
    from jupyter_safeai.scan.engine import Scanner
    from jupyter_safeai.scan.recognizer import matches_at
    from jupyter_safeai.scan.scan_view import ScanView

    index = Scanner()._labels
    owner = memo.Memo()
    rng = random.Random(20261209)
    read = dropped = found = 0
    for _ in range(8_000):
        text = "".join(rng.choice(_START_PIECES) for _ in range(rng.randint(0, 12)))
        lowered = text.lower()
        every = [m.start() for m in dates._DATE_START.finditer(text)]
        with owner.scan():
            memo.share(ScanView(text, lowered, index.scan(text, lowered)))
            starts = dates._date_starts(text, lowered)
            read += dates.label_starts_of(text, dates._MONTH_LEADS) is not None
        assert set(starts) <= set(every) and starts == sorted(starts), text
        dropped += len(every) - len(starts)
        for pattern in (dates._FULL_DATE, dates._PARTIAL_DATE):
            expected = [m.span() for m in matches_at(pattern, text, every)]
            assert [m.span() for m in matches_at(pattern, text, starts)] == expected, text
            found += bool(expected)
        assert any(dates._PARTIAL_SHAPE.match(text, at) for at in starts) == any(
            dates._PARTIAL_SHAPE.match(text, at) for at in every), text
    assert read > 6_000 and dropped > 400 and found > 1_000


# Ages in every layout `_AGE` reads (`95 years old`, `95-yo`, `95 – year old`, `aged
# 95`), numbers of other lengths and after a dot, what may stand between (`\t`, `–`),
# and the letters and digits `re` reads beyond ASCII.
_AGE_PIECES = (
    "95", "101", "9", "1234", "v2.", " ", "\t", "-", "–", " – ", "years", "year", "yrs",
    "yr", "YRS.", "y", "Y", "yo", "y/o", "y.o.", " old", "-old", " of age", "aged ",
    "age: ", "is ", "page", "x", "_", "é", "ÿ", "٩٥", "ſ", "K", "İ", "\n")


def test_ages_tried_where_a_number_and_its_year_word_start_find_what_finditer_finds() -> None:
    rng = random.Random(20261211)
    found = 0
    for _ in range(30_000):
        text = "".join(rng.choice(_AGE_PIECES) for _ in range(rng.randint(0, 10)))
        expected = [m.span() for m in dates._AGE.finditer(text)]
        assert [m.span() for m in dates._ages(text)] == expected, text
        found += bool(expected)
    assert found > 400
