"""The view a scan shares with its readers: the engine's own, for that scan only, and its
answers are those each reader would work out alone."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan import memo, places
from jupyter_safeai.scan.engine import Scanner
from jupyter_safeai.scan.name_context import about_a_patient
from jupyter_safeai.scan.recognizer import lowered_in_place
from jupyter_safeai.scan.scan_view import ScanView, view_of

# Synthetic texts: a note about a patient, prose about nobody, one whose lower case is
# longer (`İ`), one with a letter a case-insensitive regex folds to ASCII (`ſ`).
TEXTS = [
    "Pt is a 67 yo man who lives in Leeds; hometown: Ely, zip 02115.",
    "The build moved from Travis to Actions; see the place holder docs.",
    "İstanbul office: the city of Bursa, postal code 16000.",
    "Reſides in Ely (town: Ely).",
]


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    return Scanner(ner=False)


def test_a_reader_in_a_scan_gets_the_engine_view_of_its_text(scanner: Scanner) -> None:
    seen: list[tuple[ScanView, ScanView]] = []

    class Spy:
        name = "test:spy"

        def find(self, text: str) -> list[object]:
            seen.append((view_of(text), view_of(text)))
            return []

    spied = Scanner([*scanner.recognizers, Spy()], ner=False)
    spied.scan(TEXTS[0])
    (first, again), = seen
    assert first is again  # one view, shared, not made per call
    assert first.labels is not None  # with the label index's starts
    assert memo.shared() is None  # and gone once the scan ended


def test_outside_a_scan_or_for_another_text_a_view_is_made_on_the_spot(scanner: Scanner
                                                                         ) -> None:
    assert view_of(TEXTS[1]).labels is None
    with scanner.memo.scan():
        memo.share(ScanView(TEXTS[0]))
        assert view_of(TEXTS[0]).text is TEXTS[0]
        other = view_of(TEXTS[1])
        assert other.text is TEXTS[1] and other.labels is None
    assert memo.shared() is None


@pytest.mark.parametrize("text", TEXTS)
def test_the_view_answers_as_the_readers_would_alone(scanner: Scanner, text: str) -> None:
    lowered = text.lower()
    for view in (ScanView(text), ScanView(text, lowered, scanner._labels.scan(text, lowered))):
        assert view.lowered_in_place() == lowered_in_place(text)
        assert view.about_a_patient() == about_a_patient(text, 0, len(text),
                                                         lowered_in_place(text))
    assert ScanView(TEXTS[0]).about_a_patient()
    assert not ScanView(TEXTS[1]).about_a_patient()


@pytest.mark.parametrize("text", TEXTS)
def test_place_findings_are_the_same_in_a_scan_and_alone(scanner: Scanner, text: str) -> None:
    """The place reader finds the same from the scan's view as from its own."""
    alone = sorted((f.start, f.end, f.entity) for f in places.PlaceRecognizer().find(text))
    with scanner.memo.scan():
        lowered = text.lower()
        memo.share(ScanView(text, lowered, scanner._labels.scan(text, lowered)))
        shared = sorted((f.start, f.end, f.entity) for f in places.PlaceRecognizer().find(text))
    assert shared == alone
    if text is TEXTS[0]:
        assert {entity for _, _, entity in alone} >= {"LOCATION", "ZIP_CODE"}


def test_number_first_streets_leave_out_counted_numbers() -> None:
    text = "Seen at 12 Beacon Street; Level 3 Trauma Center Road is not one."
    assert [text[s:e] for s, e in places.number_first_streets(text)] == ["12 Beacon Street"]
