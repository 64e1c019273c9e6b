"""A street read the same whatever sentence holds it: after a bracket, a quote or a
bullet, on a list's or a table's line, after a preposition of place, typed in lower
case; and numbers with words that name no street stay quiet in the same places."""

from __future__ import annotations

import pytest

from tests.scan.place_text import place_text


@pytest.mark.parametrize(("text", "street"), [
    ("The kiosk (Ronda de Lucía Prieto 41) closes early.", "Ronda de Lucía Prieto 41"),
    ('Her card reads "Lindenallee 7-9, Gotha" in pencil.', "Lindenallee 7-9"),
    ("The depot (Birkenweg 12) is shut.", "Birkenweg 12"),
    ("[Kastanjevej 8] was the old office", "Kastanjevej 8"),
])
def test_a_street_after_a_bracket_or_a_quote(text: str, street: str) -> None:
    assert street in place_text(text)


@pytest.mark.parametrize(("text", "street"), [
    ("catch the tram to 4417 okonkwo ridge, then turn left", "4417 okonkwo ridge"),
    ("Visitors:\n- 2209 okafor point\n- the station café", "2209 okafor point"),
    ("Mrs. Ada Lind\n88 vanterpool junction", "88 vanterpool junction"),
    ("| depot | 6120 marrow street | open |", "6120 marrow street"),
    ("(3310 esperanza harbor) is our mailing place", "3310 esperanza harbor"),
    ("the parcel came from 95 tolliver fords yesterday", "95 tolliver fords"),
    ("Deliveries:\n1. 5405 31st road\n2. the warehouse", "5405 31st road"),
])
def test_a_number_first_street_in_lower_case(text: str, street: str) -> None:
    assert street in place_text(text)


@pytest.mark.parametrize(("text", "street"), [
    ("Stops:\n1. pärnu tänav 9\n2. the harbour", "pärnu tänav 9"),
    ("| archive | bergsliveien 23 | closed |", "bergsliveien 23"),
    ("the card came back from ekvägen 41 unread", "ekvägen 41"),
    ("* rosenstraße 3\n* second floor", "rosenstraße 3"),
])
def test_a_name_first_street_in_lower_case_where_a_line_or_cell_starts(
        text: str, street: str) -> None:
    assert street in place_text(text)


@pytest.mark.parametrize("text", [
    "we have 3 main points to cover",
    "3 main points to cover today",
    "- 2 different roads lead there",
    "go back to 3 data points and refit",
    "x = 3 sample ports",
    "move to 4 free spaces on the board",
    "| 12 | 5 water points | ok |",
    "compare to 2 test stations",
    "see calle 3, table 2",
    "view pl. 3 for the map",
    "Compare Pl. 7 with the sketch",
    "(see Table 4) and (Python 3)",
    '"Figure 3" shows it',
    "Section 4 Part B",
    "from 10 parallel tracks",
    "1 loop, best of 3: 266 ms per loop",
    "1000 loops, best of 5: 12.5 µs per loop\n100 loops, best of 5: 241 ns per loop",
])
def test_numbers_and_words_that_are_no_street_stay_quiet(text: str) -> None:
    assert place_text(text) == ""


@pytest.mark.parametrize(("text", "address"), [
    ("we met at 418 Vasquez Bend\nLake Orlin, NV 89012 last year",
     "418 Vasquez Bend\nLake Orlin, NV|89012"),
    ("the gallery is at 77 harrow keld\nlady grey\n, ec\n 76634. it opens at ten",
     "77 harrow keld\nlady grey\n, ec|76634"),
    ("Ship to:\n9021 Old Tamsin\nSuite 12\nCarver Hollow, OR 97035",
     "9021 Old Tamsin\nSuite 12\nCarver Hollow, OR|97035"),
    ("post it to 63 41 bellweather, east harlan, ky 40502 please",
     "63 41 bellweather, east harlan, ky|40502"),
])
def test_a_street_without_a_street_word_before_its_town_state_and_zip(
        text: str, address: str) -> None:
    assert place_text(text) == address


@pytest.mark.parametrize("text", [
    "we measured 512 samples in 3 runs, Boston, MA 02115",
    "Results: 12 of 40 tests, overall, ok 12345",
    "batch 3 of the run\nfinal, ok\n 10000 rows",
])
def test_a_state_and_zip_vouch_for_no_prose_before_them(text: str) -> None:
    assert "STREET_ADDRESS" not in {f for f in _labels(text)}


def _labels(text: str) -> list[str]:
    from jupyter_safeai.scan import scan_text

    return [finding.entity for finding in scan_text(text)]


@pytest.mark.parametrize(("text", "street"), [
    ("we stayed at Dvořákova 41 for a week", "Dvořákova 41"),
    ("Offices:\n1. Jiráskova 12, Třeboň\n2. online only", "Jiráskova 12"),
    ("Zelinkova 7, Štúrovo is where we meet.", "Zelinkova 7"),
    ("| depot | Vukovarska 18, Đakovo | open |", "Vukovarska 18"),
    ("* Palackého 5\nLitomyšl\n* closed on Mondays", "Palackého 5"),
])
def test_a_street_with_no_street_word_in_another_language(text: str, street: str) -> None:
    assert street in place_text(text)


@pytest.mark.parametrize("text", [
    "1. Übung 3\n2. Übung 4",
    "- Lösung 2, Teil B",
    "upgrade to Keras 3, then retrain",
    "we moved on to Ubuntu 22 last year",
    "* Aufgabe 2\nAufgabe 3",
    "compare with Résumé 2, Appendix",
])
def test_numbered_headings_and_versions_in_other_languages_stay_quiet(text: str) -> None:
    assert "STREET_ADDRESS" not in _labels(text)


@pytest.mark.parametrize("text", [
    "Pooled data from Bütgenbach 3 cohorts.",
    "We drove to Łódź 2 times in May.",
    "She was referred from Ostrava-Poruba 4 weeks ago.",
    "Samples came from Kőszeg 5 clinics.",
])
def test_a_town_and_a_count_after_a_preposition_is_no_street(text: str) -> None:
    assert "STREET_ADDRESS" not in _labels(text)


@pytest.mark.parametrize(("text", "street"), [
    ("She moved to Bělehradská 17 with her son.", "Bělehradská 17"),
    ("Mail came from Hřbitovní 3 this week.", "Hřbitovní 3"),
    ("He lives in Dlouhá 9 as a lodger.", "Dlouhá 9"),
])
def test_a_street_after_a_preposition_with_prose_after_it(text: str, street: str) -> None:
    assert street in place_text(text)


@pytest.mark.parametrize(("text", "address"), [
    ("Invoice to:\n71/4 kwiatowa\nżory\n, sl\n 44300\nDue now",
     "71/4 kwiatowa\nżory\n, sl|44300"),
    ("(5120-b ember drive, vista ville, xq 41002) is the old one",
     "5120-b ember drive, vista ville, xq|41002"),
    ("* 17 rua da lapa\nvila nova de santo andré\n, por\n 07401",
     "17 rua da lapa\nvila nova de santo andré\n, por|07401"),
])
def test_a_template_block_with_any_region_code(text: str, address: str) -> None:
    assert place_text(text) == address


@pytest.mark.parametrize("text", [
    "The early-stopping hook lives in Xgboost 2 and later.",
    "That loader now resides in Lightgbm 4.",
    "The callback lives in Catboost for now.",
])
def test_a_library_after_lives_in_is_no_street_or_town(text: str) -> None:
    labels = _labels(text)
    assert "STREET_ADDRESS" not in labels and "LOCATION" not in labels


def test_a_street_after_lives_in_still_found_beside_a_library() -> None:
    text = "She lives in Sokolská 14 and codes in Xgboost 2 at work."
    assert "Sokolská 14" in place_text(text)


@pytest.mark.parametrize(("text", "street"), [
    ("The porter who lives at Vršovická 8 works nights.", "Vršovická 8"),
    ("The nurse from Hřbitovní 3 calls every day.", "Hřbitovní 3"),
    ("The courier sent to 9 Fjellveien drops parcels at noon.", "9 Fjellveien"),
])
def test_a_verb_after_a_street_is_no_count(text: str, street: str) -> None:
    assert street in place_text(text)
