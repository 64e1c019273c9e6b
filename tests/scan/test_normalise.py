"""The normalised view: what it reads as, and that its offsets map back exactly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jupyter_safeai.scan import Scanner
from jupyter_safeai.scan import normalise as normalise_module
from jupyter_safeai.scan.normalise import normalise


@pytest.mark.parametrize(("text", "view"), [
    ("plain ascii, nothing to do", "plain ascii, nothing to do"),
    ("\uff14\uff15\uff16\uff0d\uff17\uff18", "456-78"),  # fullwidth digits and hyphen
    ("a\u00a0b\u2009c\u202fd\u3000e\u2007f", "a b c d e f"),  # space variants
    ("1\u20132\u20143\u22124\u20105\u20116\ufe637", "1-2-3-4-5-6-7"),  # dash variants
    ("Jo\u200bh\u200dn\u00ad\ufeffS\u2060m\x00ith", "JohnSmith"),  # invisibles
    ("Jose\u0301 Mu\u0308ller", "Jos\u00e9 M\u00fcller"),  # decomposed accents composed
    ("\u0405\u0405N: \u041crs. gm\u0430il", "SSN: Mrs. gmail"),  # look-alikes in Latin words
    ("\u0418\u0432\u0430\u043d", "\u0418\u0432\u0430\u043d"),  # a Cyrillic name stays
    ("id 123-45-\n   6789", "id 123-45-6789"),  # a value wrapped after its separator
    ("Gar-\ncia and x -\n y", "Garcia and x -\n y"),  # a hyphenated wrap, not a minus
    ("row 12\n13 next", "row 12\n13 next"),  # lines of digits are not joined
])
def test_view_reads_as_a_person_reads(text: str, view: str) -> None:
    assert normalise(text).text == view


def test_plain_ascii_is_its_own_view() -> None:
    text = "Patient seen on 2020-01-01.\nNothing else."
    view = normalise(text)
    assert view.identity and view.text is text


def test_a_span_maps_to_the_smallest_original_span_covering_it() -> None:
    text = "SSN \uff14\uff15\uff16\uff0d\uff17\uff18\uff0d\uff19\uff19\uff19\uff18 end"
    view = normalise(text)
    start = view.text.index("456")
    assert view.original_span(start, start + len("456-78-9998")) == (4, 15)
    zw = "x Jo\u200bhn\u200b y"
    view = normalise(zw)
    assert view.text == "x John y"
    # the invisible inside is kept, the one after the word is not covered
    assert view.original_span(2, 6) == (2, 7)


def test_composed_characters_map_to_base_and_marks() -> None:
    text = "Jose\u0301!"
    view = normalise(text)
    assert view.text == "Jos\u00e9!"
    assert view.original_span(3, 4) == (3, 5)
    assert view.original_span(4, 5) == (5, 6)


_ALPHABET = st.sampled_from(list(
    "aZ9 -\n\t.\u00a0\u2013\u200b\u00ad\ufeff\uff11\uff21\u0301\u0430\u0405\u00e9\ufb01"
    "\u2460\u00bd\x00\u738b\u0645"))


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_offsets_map_into_the_original_in_order(text: str) -> None:
    view = normalise(text)
    previous = 0
    for at in range(len(view.text)):
        start, end = view.original_span(at, at + 1)
        assert 0 <= start < end <= len(text)
        assert start >= previous  # the map keeps order
        previous = start
    if view.text:
        assert view.original_span(0, len(view.text))[1] <= len(text)


_MIXED = st.sampled_from(list(
    "aZ9 -\n\t.:\u00a0\u2013\u200b\u00ad\uff11\u0301\u0430\u0405\u0131\u0660\u0966"
    "\u00e9\u738b\x00\x07\x1f\x7f\r"))


@settings(max_examples=400, deadline=None)
@given(st.lists(_MIXED, max_size=30).map("".join))
def test_searches_over_non_ascii_characters_give_the_whole_texts_view(text: str) -> None:
    """The view's whole-text checks read the non-ASCII characters alone (and the
    controls apart); the view is the one the searches over every character give."""
    assert normalise_module._CLASSES_OUTSIDE_ASCII  # else the fast path is never taken
    fast = normalise(text)
    normalise_module._CLASSES_OUTSIDE_ASCII = False
    try:
        whole = normalise(text)
    finally:
        normalise_module._CLASSES_OUTSIDE_ASCII = True
    assert (fast.text, fast._spans) == (whole.text, whole._spans)


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    return Scanner(ner=False)


@pytest.mark.parametrize("value", [
    "\uff15\uff11\uff12\uff0d\uff14\uff18\uff0d\uff13\uff10\uff19\uff16",
    "512\u00a048\u00a03096",
    "512\u201348\u20133096",
    "51\u200b2-48-30\u200d96",
    "512-48-\n3096",
])
def test_scanner_finds_the_value_as_typed(scanner: Scanner, value: str) -> None:
    text = f"Patient note. SSN {value} on file."
    findings = [f for f in scanner.scan(text) if f.entity == "US_SSN"]
    assert [(f.start, f.end) for f in findings] == [(18, 18 + len(value))]


def test_redaction_cuts_the_original_value(scanner: Scanner) -> None:
    from jupyter_safeai.scan import redact

    text = "Mrs. Mar\u200bia Garc\u0131a, phone 617\u2013432\u20131876."
    redacted, vault = redact(text, scanner.scan(text))
    assert "617" not in redacted and "\u2013" not in redacted
    assert vault.restore(redacted) == text


def test_findings_meeting_inside_an_expanded_character_do_not_overlap() -> None:
    from jupyter_safeai.scan import Finding
    from jupyter_safeai.scan.engine import _mapped

    text = "x \ufb01 y"  # the ligature reads as two letters
    view = normalise(text)
    assert view.text == "x fi y"
    first = Finding(0, 3, "PERSON", "phi", 0.8, "t")  # ends between f and i
    second = Finding(3, 6, "PERSON", "phi", 0.8, "t")
    spans = [(f.start, f.end) for f in _mapped(view, [first, second])]
    assert spans == [(0, 3), (3, 5)]
