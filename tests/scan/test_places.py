"""The place recognizer's fast paths find what its patterns find everywhere."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from jupyter_safeai.scan import places
from jupyter_safeai.scan.engine import Scanner
from jupyter_safeai.scan.recognizer import LabelIndex, matches_at
from jupyter_safeai.scan.scan_view import ScanView

# Street and ZIP pieces, with non-ASCII capitals, letters and digits (`Ä`, `é`, `٣`, an
# astral capital), blanks, and look-alikes that stop one short (`Stre`, `21`, `1234`).
_STREET_PIECES = ["12", "5", "88669", "02115", "-6789", "1234", "٣", "\U0001d7ce", "B", " ",
                  "  ", "\t", "\n", ",", ".", "-", "_", "N.", "W ", "Main", "Beacon", "Lisa",
                  "Ports", "Street", "St", "Stre", "Apt", "Apt.", "Suite", "# ", "21st", "21",
                  "bis", "rue", "Rue", "de", "la", "Paix", "Ä", "é", "\U0001d400", "x", "MA", "a"]


_BLANKS = st.sampled_from([" ", "  ", "\t", ", ", "", "\n"])
# Street-shaped text: number, maybe a direction, zero to six words, a suffix or not, and
# what follows; each part sometimes a near miss.
_STREET_LIKE = st.builds(
    lambda number, blank, direction, words, suffix, tail: (
        number + blank + direction + "".join(w + b for w, b in words) + suffix + tail),
    st.sampled_from(["12", "5B", "12-4", "1234567", "x12", "٣", "02115"]), _BLANKS,
    st.sampled_from(["", "N ", "S. ", "W\t", "n "]),
    st.lists(st.tuples(st.sampled_from(["Main", "Lisa", "21st", "21", "élan", "Éire", "O'Neil",
                                        "St.", "de", "\U0001d400x"]), _BLANKS), max_size=6),
    st.sampled_from(["Street", "St", "St.", "Stre", "Ave", "Apt", "Close", "rue", ""]),
    st.sampled_from(["", " Apt. 3", ".", "..", "x", "-", "_", "é", ", Boston", " bis"]),
)


@settings(max_examples=1500, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(_STREET_PIECES), max_size=14).map("".join),
                 _STREET_LIKE))
@example("12 N. Lisa Ann Marie Rose Street Apt 4")  # a direction and four words
@example("12 Main St..")
@example("846 31 Rue de la Paix")  # the French street word in any case
@example("12 bis, AVENUE Foch")
def test_number_starts_give_every_street_and_zip(text: str) -> None:
    streets, zips, _ = places._number_starts(text)
    street = places._street_pattern()
    assert ([m.span() for m in matches_at(street, text, streets)]
            == [m.span() for m in street.finditer(text)])
    assert _five_digits(text, zips) == [m.span() for m in places._FIVE_DIGITS.finditer(text)]


def _five_digits(text: str, zips: list[int] | None) -> list[tuple[int, int]]:
    found = (places._FIVE_DIGITS.finditer(text) if zips is None
             else matches_at(places._FIVE_DIGITS, text, zips))
    return [m.span() for m in found]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["12345", "1234", "\U00010d40", "\U0001d7ce", "٣", "-", " ",
                                 "a", "-6789"]), max_size=8).map("".join))
def test_astral_digits_send_zips_to_the_full_search(text: str) -> None:
    """`re` and `regex` differ on digits above U+FFFF only: there all places are tried."""
    _, zips, international = places._number_starts(text)
    assert (zips is None) == (international is None) == any(ord(c) > 0xFFFF for c in text)
    assert _five_digits(text, zips) == [m.span() for m in places._FIVE_DIGITS.finditer(text)]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(["Boston", ",", ", ", ",\t", " ", "MA", "Ma", "New York",
                                 "Ghana", "UK", "UKx", "a", "é", "Massachusetts", "\n"]),
                max_size=10).map("".join))
def test_region_starts_give_every_region(text: str) -> None:
    starts = [m.start() for m in places._REGION_START.finditer(text)]
    assert ([m.span() for m in matches_at(places._REGION_AFTER_COMMA, text, starts)]
            == [m.span() for m in places._REGION_AFTER_COMMA.finditer(text)])


# Cue and label words in any case, with the letters a case-insensitive match folds to
# ASCII (`ſ` `K` `İ` `ı`) and one whose lower case is longer (`İ` again).
_CUE_PIECES = ["city", "CITY", "Town", "lives in", "LIVING\tin", "resides in", "born in",
               "moved from", "hometown", "place of birth", "pob", "home in", "from the city of",
               "zip", "ZIP code", "postal_code", "Post code", "zip5", "s", "ſ", "K", "İ", "ı",
               "x", " ", ":", "=", "\"", "Boston", "02115"]


_PLACE_INDEX = LabelIndex([places._CITY_CUE_ANCHORS, places._ZIP_LABEL_ANCHORS])


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_CUE_PIECES), max_size=10).map("".join))
def test_anchored_labels_are_every_label(text: str) -> None:
    """From a view of its own (`str.find`) or the label index's starts (what a scan hands
    the reader): the same matches as the pattern everywhere."""
    lowered = text.lower()
    views = (ScanView(text), ScanView(text, lowered, _PLACE_INDEX.scan(text, lowered)))
    for pattern, anchors in ((places._CITY_CUE, places._CITY_CUE_ANCHORS),
                             (places._ZIP_LABEL, places._ZIP_LABEL_ANCHORS)):
        for view in views:
            assert ([m.span() for m in places._anchored(pattern, view, anchors)]
                    == [m.span() for m in pattern.finditer(text)])


def test_the_engine_index_holds_the_place_cue_words() -> None:
    """The scanner's one label pass finds the place reader's cue words too: a text's
    starts come from it, not from `str.find` again."""
    scanner = Scanner(ner=False)
    text = "Hometown: Ely; she lives in Leeds, zip 02115 (not a postcard)"
    labels = scanner._labels.scan(text, text.lower())
    # `town` inside `Hometown` follows a letter: no start; `postcard` is one (its
    # pattern rejects it)
    assert labels.starts(places._CITY_CUE_ANCHORS) == [0, 19]
    assert labels.starts(places._ZIP_LABEL_ANCHORS) == [35, 52]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(["Boston", ",", ", ", ",\t", " ", "MA", "Ma", "New York",
                                 "Ghana", "UK", "UKx", "a", "é", "Massachusetts", "\n",
                                 "Éire", "ma", "Germany"]), max_size=8).map("".join))
def test_a_region_after_a_comma_is_read_as_the_pattern_reads_it(text: str) -> None:
    """`_region_may_follow` answers no only where the region patterns match nothing."""
    for end in range(len(text) + 1):
        region = places._REGION_AFTER_COMMA.match(text, end)
        assert places.followed_by_region(text, end) == bool(region)
        assert places.region_end(text, end) == (region.end() if region else -1)
        if not places._region_may_follow(text, end):
            assert places._COUNTRY_AFTER_COMMA.match(text, end) is None


def test_every_region_starts_as_region_starts_expect() -> None:
    """`_REGION_START` lets the region pattern run only after a comma and a capital
    ASCII letter and a letter: a state or country spelt otherwise would be missed."""
    regions = [*places.US_STATES, *places.US_STATES.values(), *places.COUNTRIES]
    assert len(regions) > 100
    for region in regions:
        assert places._REGION_START.match(", " + region), region


# Towns with postcodes, streets named without their number and British postcodes, with
# the words before them, capitals and digits outside ASCII, and near misses.
_TOWN_PIECES = ["in ", "In ", "within ", "on ", "upon ", "at ", "of ", "and ", "down ", "off ",
                "Vila ", "Nova ", "Élan ", "de ", "ARENDAL ", "4450-012", "4844", "1999", "113 50",
                "12-345", "٣٣٣٣", "Marina ", "Fort ", "Street", "St.", "Avenue", "Road",
                "SW1A 1AA", "M1 1AE", "B33 8TH", "EC1A 1BB", "W1 ", "1AA", "x", " ", "\n",
                "-", ".5", "\U0001d400", "Ä"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_TOWN_PIECES), max_size=10).map("".join))
@example("support Acme in Vila Nova 4450-012 in")
@example("shows on Marina Fort Street")
@example("at \U0001d400lm Road")
@example("London SW1A 1AA")
@example("in Élan 4844")  # capitals outside ASCII
@example("at Élan Road")
def test_town_postcodes_streets_and_postcodes_from_their_starts(text: str) -> None:
    """`_AFTER_IN`, `_AFTER_A_STREET_WORD` and `_UK_POSTCODE_CORE` let their patterns
    run only where a match can start, or not at all: the same matches as everywhere."""
    for pattern, starts in ((places._TOWN_POSTCODE, places._AFTER_IN),
                            (places._STREET_WITHOUT_NUMBER, places._AFTER_A_STREET_WORD)):
        at = [m.end() for m in starts.finditer(text)]
        assert ([m.span() for m in matches_at(pattern, text, at)]
                == [m.span() for m in pattern.finditer(text)])
    if places._UK_POSTCODE_CORE.search(text) is None:
        assert places._UK_POSTCODE.search(text) is None


def test_the_fast_paths_find_a_town_postcode_street_and_postcode() -> None:
    """The starts above are no empty filter: each kind is still found in a sentence."""
    found = {(f.entity, f.start) for f in places.PlaceRecognizer().find(
        "The office is in ARENDAL 4844 since May; parcels go on Marina Fort Street, or to "
        "London SW1A 1AA.")}
    assert {("ZIP_CODE", 25), ("STREET_ADDRESS", 55), ("ZIP_CODE", 88)} <= found
