"""The view a scan shares with its readers: the engine's own, for that scan only, and its
answers are those each reader would work out alone."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan import memo, places
from jupyter_safeai.scan.address_blocks import AddressBlockRecognizer
from jupyter_safeai.scan.engine import Scanner
from jupyter_safeai.scan.name_context import about_a_patient
from jupyter_safeai.scan.recognizer import lowered_in_place
from jupyter_safeai.scan.scan_view import (
    ScanView,
    about_a_patient_of,
    lowered_in_place_of,
    lowered_of,
    view_of,
)

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


@pytest.mark.parametrize("text", TEXTS)
def test_the_scan_lower_case_is_the_view_s_and_another_string_gets_its_own(
        scanner: Scanner, text: str) -> None:
    """Readers ask `lowered_of` / `lowered_in_place_of` / `about_a_patient_of`: for the
    scanned text the view's answers (the same object, no second pass), for a slice or
    another string that string's own."""
    lowered = text.lower()
    view = ScanView(text, lowered, scanner._labels.scan(text, lowered))
    piece = text[:20]
    with scanner.memo.scan():
        memo.share(view)
        assert lowered_of(text) is view.lowered
        assert lowered_in_place_of(text) is view.lowered_in_place()
        assert lowered_of(piece) == piece.lower() and lowered_in_place_of(
            piece) == lowered_in_place(piece)
        assert about_a_patient_of(text, lowered_in_place(text)) == view.about_a_patient()
        assert about_a_patient_of(piece, lowered_in_place(piece)) == about_a_patient(
            piece, 0, len(piece), lowered_in_place(piece))
    # outside a scan, each is worked out on the spot
    assert lowered_of(text) == lowered and lowered_in_place_of(text) == lowered_in_place(text)
    assert len(lowered_in_place_of(text)) == len(text)  # `İ` lowers longer: offsets kept


def test_the_lower_case_of_a_normalised_text_is_its_own(scanner: Scanner) -> None:
    """A text normalise rewrites (a spelled-out digit, a disguised `at`) is read from its
    view's own lower case, not the typed text's: the findings are the same as a reader
    alone finds on the view."""
    seen: list[tuple[str, str]] = []

    class Spy:
        name = "test:spy"

        def find(self, text: str) -> list[object]:
            seen.append((text, lowered_of(text)))
            return []

    spied = Scanner([*scanner.recognizers, Spy()], ner=False)
    for text in ("Call me on five five five, 0 1 9 9 tonight.",
                 "Write to jo dot ng at example dot org", TEXTS[2]):
        seen.clear()
        spied.scan(text)
        (read, lowered), = seen
        assert lowered == read.lower()


@pytest.mark.parametrize("text", [
    "Ship to 12 Beacon Street, Boston, MA 02108 by Friday.",
    "Level 3 Trauma Center Road, 40 beds; 7 Elm Ave.",
    "No street here, only 14 apples and 3 pears.",
])
def test_address_blocks_read_the_same_streets_in_a_scan_and_alone(scanner: Scanner,
                                                                  text: str) -> None:
    """The address reader takes the number-first streets the place reader kept for the
    scan (`places.number_first_streets`): the same blocks as when it matches them itself."""
    reader = AddressBlockRecognizer()
    alone = sorted((f.start, f.end, f.entity) for f in reader.find(text))
    with scanner.memo.scan():
        lowered = text.lower()
        memo.share(ScanView(text, lowered, scanner._labels.scan(text, lowered)))
        kept = places.number_first_streets(text)  # as the place reader leaves them
        shared = sorted((f.start, f.end, f.entity) for f in reader.find(text))
        assert places.number_first_streets(text) is kept
    assert shared == alone
    if text.startswith("Ship"):
        assert any(entity == "STREET_ADDRESS" for _, _, entity in alone)
