"""A note names a place of care in full once, then by its short name: the facility's name
found once is a place wherever else the same text holds it (when it cannot be a word),
as is a name listed right after a found facility; a person's residence after `lives in`
is a place though GeoNames lacks it; a town right before a state's name is a town.
Look-alikes (English words, drugs, wards, departments, hormones, given names, prose
about data) stay quiet."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.engine import Scanner
from jupyter_safeai.scan.facilities import FacilityRecognizer
from jupyter_safeai.scan.places import PlaceRecognizer

SCANNER = Scanner()
RECOGNIZERS = (FacilityRecognizer(), PlaceRecognizer())


def places(text: str) -> list[str]:
    return sorted(text[f.start:f.end] for r in RECOGNIZERS for f in r.find(text)
                  if f.entity == "LOCATION")


def scanned(text: str) -> set[tuple[int, int]]:
    return {(f.start, f.end) for f in SCANNER.scan(text) if f.entity == "LOCATION"}


@pytest.mark.parametrize(("text", "name", "count"), [
    ("72 YO MALE SENT IN FROM DRUMMOND HOSPITAL WITH CP. ON 3/2 AT DRUMMOND- GIVEN 2 FFP.",
     "DRUMMOND", 1),
    ("pt sent to GH for cath. Family meeting when GH social work calls back.", "GH", 2),
    ("Pt admitted to MICU from Wexworth 3 for SOB. He asks to go back to wexworth soon.",
     "wexworth", 1),
    ("Pt admitted to MICU from Wexworth 3. Pt states he is in the hospital "
     "(\"WexworthBuilding\").", "Wexworth", 2),
    ("Transferred from Pellingham Medical Center overnight; pellingham sent the films.",
     "pellingham", 1),
])
def test_a_facility_named_once_is_a_place_where_its_name_comes_again(
        text: str, name: str, count: int) -> None:
    found = places(text)
    assert found.count(name) >= count
    at = text.rfind(name)
    assert any(start <= at and at + len(name) <= end for start, end in scanned(text))


@pytest.mark.parametrize(("text", "quiet"), [
    # the name is an English word: its other uses are words
    ("Pt transferred from Harbor Hospital. Harbor seal toy at bedside.", "Harbor seal"),
    ("Seen at Mass General last year; a mass of 3 cm was noted.", "mass of"),
    # a department or ward before the facility word is no name
    ("Pt followed in Cardiology Clinic. Cardiology aware of the rhythm.", "Cardiology aware"),
    # hormone-like initials are not a hospital's
    ("sent to GH for cath. TSH and LH were normal, no tsh change.", "TSH"),
    # inside a longer word the name is no name
    ("71 YO SENT FROM DRUMMOND HOSPITAL. DRUMMONDVILLE NOT INVOLVED.", "DRUMMONDVILLE"),
])
def test_a_repeated_word_that_is_no_name_stays_quiet(text: str, quiet: str) -> None:
    at = text.index(quiet)
    assert not any(start <= at < end for start, end in
                   ((f.start, f.end) for r in RECOGNIZERS for f in r.find(text)
                    if f.entity == "LOCATION"))


def test_nothing_is_repeated_where_no_facility_is_found() -> None:
    assert places("Drummond plotted the GH values with matplotlib; drummond wins.") == []


@pytest.mark.parametrize(("text", "name"), [
    ("PT EVALUATED AND SCREENED BY HALVORSEN REHAB AND WEXWORTH. PT MAY GO MONDAY.",
     "WEXWORTH"),
    ("Pt was seen at Mercy Hospital or Brackwell before this stay.", "Brackwell"),
    ("awaiting beds at pellingham rehab, wexworth, per case management", "wexworth"),
])
def test_a_name_listed_after_a_facility_is_a_place(text: str, name: str) -> None:
    assert name in places(text)


@pytest.mark.parametrize(("text", "quiet"), [
    ("Pt admitted from Mercy Hospital and Coumadin was held.", "Coumadin"),  # case differs
    ("Pt admitted from Mercy Hospital and Maria was at bedside.", "Maria"),  # given name
    ("PT FROM DRUMMOND HOSPITAL AND MICU TEAM AWARE.", "MICU"),  # a ward
    ("PT FROM DRUMMOND HOSPITAL AND CARDIOLOGY AWARE.", "CARDIOLOGY"),  # a department
    ("Pt from Mercy Hospital and Hospice discussed.", "Hospice"),
])
def test_a_word_after_a_facility_that_is_no_name_stays_quiet(text: str, quiet: str) -> None:
    assert quiet not in places(text)


@pytest.mark.parametrize("text", [
    "Lives with his wife at Pembrook Assisted Living; son visits weekly.",
    "He lives at Pembrook Assisted living with a home health aide.",
    "Pt came from Oakvale Nursing Facility with a stage 2 ulcer.",
])
def test_assisted_living_and_nursing_facilities_are_places(text: str) -> None:
    assert any(name.startswith(("Pembrook", "Oakvale")) for name in places(text))


@pytest.mark.parametrize("text", [
    "She was living in assisted living before. Patient is still living.",
    "Assisted Living is a kind of residence in our data dictionary.",
    "an Assisted Living facility may suit her better",
])
def test_assisted_living_without_a_name_stays_quiet(text: str) -> None:
    assert places(text) == []


@pytest.mark.parametrize(("text", "town"), [
    ("the son called, he lives nearby in brackwell and will be in later. pt stable.",
     "brackwell"),
    ("DAUGHTER CALLED. SHE LIVES IN WEXMOOR AND WILL VISIT. PT SLEEPING.", "WEXMOOR"),
])
def test_a_residence_after_lives_in_is_a_place(text: str, town: str) -> None:
    assert town in places(text)


@pytest.mark.parametrize("text", [
    "the son called, he lives in fear of falls. pt stable.",
    "dtr called, she lives in ltach now? pt stable.",
    "wife called, she lives in maria's house. pt stable.",
    "the son called, he lives in denial about it. pt stable.",
])
def test_what_is_no_place_after_lives_in_stays_quiet(text: str) -> None:
    assert places(text) == []


@pytest.mark.parametrize(("text", "town"), [
    ("PT IS A 70 YO MAN; HIS DAUGHTER IS FROM TOWSON MARYLAND AND WILL VISIT.", "TOWSON"),
    ("pt informed of transfer to this towson maryland's facility. pt agrees.", "towson"),
])
def test_a_town_right_before_a_state_is_a_town(text: str, town: str) -> None:
    assert town in places(text)


@pytest.mark.parametrize("text", [
    "pt grew up in western maryland; his son lives nearby.",
    "The patient moved from Kansas City Missouri traffic? No: from Ohio. He is well.",
    "df = df[df.state == 'Maryland']  # towson maryland rows only",
    "Pt says New York Florida trips tire him.",
])
def test_a_word_before_a_state_that_is_no_town_stays_quiet(text: str) -> None:
    assert all(not name.lower().startswith(("western", "towson", "new york"))
               for name in places(text))


@pytest.mark.parametrize(("text", "again"), [
    ("Pt is a 70 yo man from Towson. His wife will drive back to towson tonight.", "towson"),
    ("The applicant lives in Wronki, Poland. The court in WRONKI refused bail.", "WRONKI"),
])
def test_a_town_found_once_is_a_town_where_it_comes_again(text: str, again: str) -> None:
    at = text.rindex(again)
    assert any(f.start <= at and at + len(again) <= f.end
               for f in PlaceRecognizer().find(text) if f.entity == "LOCATION")


def test_a_town_that_is_an_english_word_is_not_repeated() -> None:
    text = "Pt is a 70 yo man from Reading, PA. He was reading the paper."
    at = text.index("reading")
    assert not any(f.start <= at < f.end for f in PlaceRecognizer().find(text))
