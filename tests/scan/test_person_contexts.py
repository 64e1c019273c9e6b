"""People named by their office or rank before the surname, surnames led by particles,
given names spoken to at a sentence's end, and tools a sentence says are tools (issue
14). Examples written here; the surnames are made up so that no name list holds them."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.engine import Scanner
from jupyter_safeai.scan.name_lists import name_lists
from jupyter_safeai.scan.prose_names import office_names, prose_anchors
from tests.scan.found_text import texts_of

SCANNER = Scanner()
persons = texts_of(SCANNER.scan, "PERSON")


def _holders(text: str) -> list[str]:
    return [text[a:b] for a, b in office_names(text, name_lists(), prose_anchors(
        text, text.lower()))]


@pytest.mark.parametrize(("text", "name"), [
    ("President Brezhvaldo pointed the way to a recovery.", "Brezhvaldo"),
    ("Thank you, Speaker Pelvaroni.", "Pelvaroni"),
    ("Yesterday Senator Ossakind voted against the bill.", "Ossakind"),
    ("The protégé of Pope Tharvasus I died in 384.", "Tharvasus"),
    ("She wrote to Governor Quembly-Varr about the levee.", "Quembly-Varr"),
    ("We were briefed by Detective Onwuvar this morning.", "Onwuvar"),
    ("Coach Dravnik benched him for the second half.", "Dravnik"),
    ("Vice President Trellakis spoke after the vote.", "Trellakis"),
    ("He met (President Brezhvaldo) last week.", "Brezhvaldo"),
    ("Prof. Abernathe arrived early.", "Abernathe"),
    ("Sgt Quillvane took the statement.", "Quillvane"),
])
def test_a_surname_after_an_office(text: str, name: str) -> None:
    assert _holders(text) == [name]
    assert any(name in found for found in persons(text))


def test_a_listed_name_after_an_office_though_english_knows_it() -> None:
    assert _holders("Governor Bush vetoed the bill.") == ["Bush"]


@pytest.mark.parametrize("text", [
    "General Electric shares rose on Monday.",
    "Houses in King County sold well this year.",
    "We drove across Prince Edward Island.",
    "The Justice Department said it would appeal.",
    "President Street is closed for repairs.",
    "Major League Baseball returns in April.",
    "Fit a General Linear Model to the counts.",
    "Inspector Gadget was my favourite cartoon.",
    "Read the Captain Blackwood novels first.",  # an article: a thing's name
    "Mayor Pelvaroni Park opens on Saturday.",  # a capitalised word goes on naming a place
    "the Professor Emeritus title",
    "Detective Comics issue 27 sold for millions.",
])
def test_offices_that_name_things_stay_quiet(text: str) -> None:
    assert _holders(text) == []


def test_office_holders_in_python_source_stay_quiet() -> None:
    code = 'def vote():\n    # President Brezhvaldo\n    return "Senator Ossakind"\n'
    assert not any(name in found for found in persons(code)
                   for name in ("Brezhvaldo", "Ossakind"))


@pytest.mark.parametrize(("text", "name"), [
    ("Ask de Vries about the budget.", "de Vries"),
    ("The draft was reviewed by van der Berg yesterday.", "van der Berg"),
    ("Please ask van den Bosch about the invoice.", "van den Bosch"),
])
def test_a_surname_led_by_particles(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    "Ask de Novo assembly questions on the forum.",
    "The genome was assembled by de Novo methods.",
])
def test_one_particle_before_an_english_word_stays_quiet(text: str) -> None:
    assert not any("Novo" in found for found in persons(text))


@pytest.mark.parametrize("text", [
    "luigi is a library for building pipelines.",
    "luigi is a python package that builds pipelines.",
    "Luigi is a workflow framework from Spotify.",
    "tobias is the scheduler we run at night.",
])
def test_a_name_the_sentence_says_is_software(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("luigi is my brother.", "luigi"),
    ("luigi is coming over tonight.", "luigi"),
])
def test_a_lower_case_name_said_to_be_someone(text: str, name: str) -> None:
    assert persons(text) == [name]


# (closing vocatives, `prose_names._closing_vocatives`)
@pytest.mark.parametrize(("text", "name"), [
    ("Lovely photos from the trip, Ingrid. Talk soon.", "Ingrid"),
    ("Enjoy, Tomasz.", "Tomasz"),
    ("That was a great save, Kwame.", "Kwame"),
    ("See you on the 12th, Oksana.", "Oksana"),
])
def test_a_given_name_spoken_to_at_a_sentence_end(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    "Present: Siri, Matplotlib, Oksana.",  # a list of capitalised things
    "Optimizers we tried: SGD, Adam.",
    "It went fine, Will.",  # English uses the word as a verb
    "The paper was published in 2019, Jordan.",  # a place
    "The packages are numpy, pandas.",
])
def test_capitalised_words_closing_a_list_stay_quiet(text: str) -> None:
    found = persons(text)
    assert not any(word in found for word in ("Oksana", "Adam", "Will", "Jordan", "pandas"))


# (a clinician's role, a given name English uses as a verb, then what they were told)
@pytest.mark.parametrize(("text", "name"), [
    ("PT HYPOTENSIVE 80/40. NP CAROL MADE AWARE, BOLUS GIVEN. PT RESTING.", "CAROL"),
    ("pt hypotensive overnight, np ginger notified, fluids given to pt.", "ginger"),
    ("PT IN PAIN. RN JUNE PAGED HO, MORPHINE GIVEN TO PT.", "JUNE"),
])
def test_a_clinician_named_by_a_verb_before_what_they_were_told(text: str, name: str
                                                                 ) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    "PT WINCED WHEN CATHETER MOVED. HO MADE AWARE. NO CHANGE FOR PT.",
    "PT NPO. PA LINE FLUSHED. HOUSE STAFF AWARE OF PT'S BP.",
    "pt with np swab sent, md aware, pt resting.",
])
def test_roles_before_verbs_stay_quiet(text: str) -> None:
    assert persons(text) == []


# (a speaker introducing themselves, `prose_names._introduced_names`)
@pytest.mark.parametrize(("text", "name"), [
    ("Hi everyone. I'm Tavimeko. Today we bake bread.", "Tavimeko"),
    ("I am Oyelaran, the new charge nurse on this ward.", "Oyelaran"),
    ("Hello! I'm Ilse Varnhagen and I run the bakery.", "Ilse Varnhagen"),
])
def test_a_name_a_speaker_gives_themselves(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    "I'm Canadian, by the way.",
    "I'm Jewish and proud of it.",
    "I'm Ready!",
    "I'm Sunny.",  # English uses the word as an adjective
    "I'm OK.",
    "I'm Feeling Lucky",
])
def test_what_a_speaker_says_they_are_stays_quiet(text: str) -> None:
    assert persons(text) == []
