"""Towns and places of care where a note or a post says a person goes, comes from or
lives: a city's other names (`Lisboa`, `Warszawa`), a town's name that runs to a second
word (`Severna Park`), a town before a word of when (`from Phoenix tomorrow`), a move
written as a nurse writes it (`d/c to`, `transferred here from`), lower-case hospital
initials after `at`, the name of an area (`the Kadıköy district`), a place in a post
(`I live in Pune`, `greetings from Leeds`); and the look-alikes that stay quiet. Every
sentence is made up here."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan import scan_text
from jupyter_safeai.scan.geography import is_place_name, is_town_name
from tests.scan.found_text import texts_of

locations = texts_of(scan_text, "LOCATION")


@pytest.mark.parametrize("name", ["Milano", "Lisboa", "Warszawa", "Cracow",
                                  "Napoli", "Bogota"])
def test_another_name_of_a_large_city_is_a_town(name: str) -> None:
    assert is_town_name(name) and not is_place_name(name)


@pytest.mark.parametrize("word", ["Drug", "Lion", "Barium", "Ileus", "Trident", "Leon",
                                  "Hue", "Tori", "Conception"])
def test_a_word_or_a_given_name_among_a_citys_other_names_is_no_town(word: str) -> None:
    assert not is_town_name(word)


@pytest.mark.parametrize("text, town", [
    ("Pt recently flew back from Lisboa, afebrile overnight.", "Lisboa"),
    ("The patient's husband is in Warszawa until Friday.", "Warszawa"),
    ("Pt stable. Sister driving over from Hagerstown today to sit with pt.", "Hagerstown"),
    ("Pt resting. son flying in from Phoenix tomorrow, aware of plan.", "Phoenix"),
    ("Pt calm. wife heading back to Westminster tonight, will call in am.", "Westminster"),
    ("Pt is 81. She was staying with her niece in Ocean City when she fell.", "Ocean City"),
    ("Pt is 64. Brother visiting from Jackson Heights this weekend.", "Jackson Heights"),
    ("my mom lives in Grand Rapids and her doctor said to wait", "Grand Rapids"),
    ("lives in Severna Park with her husband, independent with adls", "Severna Park"),
    ("moved here from Port Charlotte four years ago, lives alone", "Port Charlotte"),
])
def test_a_town_where_a_person_goes_or_lives_is_a_location(text: str, town: str) -> None:
    assert town in locations(text), text


@pytest.mark.parametrize("text, place", [
    ("pt d/c to Hollyfield rehab this am, daughter aware", "Hollyfield"),
    ("Pt is 77. Plan: dc to Quenford when bed available.", "Quenford"),
    ("Was transferred here from Cumberland last evening, pt stable.", "Cumberland"),
    ("Pt is 59. She had 3 surgeries at wgh. SHe presents to EW with pain.", "wgh"),
    ("Pt is 59. Records from jhh reviewed, pt stable.", "jhh"),
    ("Pt is 70. HE WOULD NEED TO LEAVE BGH FOR SURGERY AND RETURN.", "BGH"),
    ("Pt is 70. 63 yo f admitted to Sinai 3 wks ago with pna.", "Sinai"),
    ("Pt is 70. Pt arrived from North Arundel ED via ambulance.", "North Arundel"),
])
def test_a_place_of_care_as_a_nurse_writes_it_is_a_location(text: str, place: str) -> None:
    assert any(place in value for value in locations(text)), text


@pytest.mark.parametrize("text, place", [
    ("The applicant runs a bakery in the Beşiktaş district of the city.", "Beşiktaş"),
    ("Pt is 50. Her family lives in the Northern Samar region.", "Northern Samar"),
    ("Hi all, I live in Pune and work remotely for a startup.", "Pune"),
    ("Anyone here from Cebu City? My husband and I need a pediatrician.", "Cebu City"),
    ("Greetings from Leeds! My son starts school next week.", "Leeds"),
    ("We are here in Nairobi for two more weeks with the kids.", "Nairobi"),
])
def test_an_area_or_a_place_in_a_post_is_a_location(text: str, place: str) -> None:
    assert place in locations(text), text


@pytest.mark.parametrize("text", [
    "We moved to Spark for processing the logs.",
    "We moved over to Postgres last year.",
    "I live in Kubernetes land these days.",
    "Here in Python we use a dict for that.",
    "Here in Jupyter the kernel restarts.",
    "Here in Figure 3 we see the loss.",
    "Cases rose in the Western region this year, the patient said.",
    "Pt is 50. She was in the ICU area overnight.",
    "Pt is 70. Poor response to gh therapy per endo.",
    "Pt is 70. transferred from Nuclear Medicine after the scan.",
    "Pt is 70. Pt arrived from Stepdown unit at 1400.",
    "Pt is 70. Family moved to The City last year.",
    "Pt is 70. Pt wants to go to Park Ave clinic.",
    "pt transferred from the ICU to the floor overnight.",
    "d/c to home with services, wife aware.",
    "Plan to d/c to SNF when bed available.",
    "Pt is 70. Pt left AMA at 1500.",
])
def test_look_alikes_stay_quiet(text: str) -> None:
    assert locations(text) == [], text


@pytest.mark.parametrize("name", ["Zurich", "Dusseldorf", "Malmo", "Reykjavik", "Gdansk"])
def test_a_citys_name_without_its_accents_is_a_town_though_wordnet_lists_it(
        name: str) -> None:
    assert is_town_name(name)


@pytest.mark.parametrize("word", ["Pecs", "Koto", "Pali"])
def test_a_short_english_word_a_city_gives_without_accents_is_no_town(word: str) -> None:
    assert not is_town_name(word)


@pytest.mark.parametrize(("text", "town"), [
    ("He moved to Zurich in 1998.", "Zurich"),
    ("Pt moved from Dusseldorf last year with her husband.", "Dusseldorf"),
])
def test_a_town_written_without_its_accents_after_a_move(text: str, town: str) -> None:
    assert town in locations(text)


@pytest.mark.parametrize(("text", "town"), [
    ("He relocated to Timonium.", "Timonium"),
    ("They relocated to Reisterstown after the fire.", "Reisterstown"),
])
def test_a_town_after_a_loose_cue_in_a_sentence_about_someone(text: str, town: str) -> None:
    assert town in locations(text)


@pytest.mark.parametrize("text", [
    "We moved to Postgres last year.",
    "The team moved to Kubeflow for training.",
])
def test_software_after_a_loose_cue_stays_quiet(text: str) -> None:
    assert locations(text) == []
