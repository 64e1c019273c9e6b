"""Firms and makers that a name list also holds, titles alone, and headings in capitals:
no person without a title before them; with one, or beside a given name, still one."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.brands import (
    brand_key,
    brand_phrases,
    brand_words,
    firm_of_surnames,
    names_a_brand,
)
from jupyter_safeai.scan.name_lists import name_lists
from jupyter_safeai.scan.speakers import SpeakerRecognizer
from tests.scan.found_text import persons


def test_lists_hold_firms_and_makers() -> None:
    assert {"boeing", "pfizer", "honda"} <= brand_words()
    assert "morgan stanley" in brand_phrases()


@pytest.mark.parametrize(("entry", "key"), [
    ("Pfizer Inc.", "pfizer"), ("The Boeing Company", "boeing"), ("Dell, Inc.", "dell"),
    ("Acme Widgets Corporation", "acme widgets"), ("AT&T", "at&t"), ("Yahoo!", "yahoo"),
])
def test_brand_key_cuts_what_kind_of_firm(entry: str, key: str) -> None:
    assert brand_key(entry) == key


def test_a_brand_only_the_long_lists_hold_is_a_weak_name() -> None:
    kinds = name_lists().kinds
    assert kinds["boeing"].islower()
    assert kinds["honda"].islower()
    # names Faker holds keep their kind, brand or not
    assert kinds["morgan"].isupper()
    assert kinds["ford"].isupper()


def test_names_a_brand() -> None:
    kinds = name_lists().kinds
    assert names_a_brand("Pfizer", kinds)
    assert names_a_brand("Morgan Stanley", kinds)
    assert names_a_brand("Dr", kinds) and names_a_brand("Pt", kinds)
    assert not names_a_brand("Ford", kinds)  # Faker's surname
    assert not names_a_brand("Morgan Hale", kinds)


@pytest.mark.parametrize("text", [
    "According to Pfizer, the trial met its endpoint.",
    "Yesterday Boeing delayed the delivery again.",
    "I think Honda is overrated.",
    "Morgan Stanley raised its forecast for the quarter.",
    "The memo says Kroger will stock it.",
    "Pt wanted to sit in the chair this afternoon.",
    "Family called, spoke to Dr. Quennell by phone.",
])
def test_firms_and_lone_titles_are_no_person(text: str) -> None:
    found = persons(text)
    assert not any(word in found for word in (
        "Pfizer", "Boeing", "Honda", "Morgan Stanley", "Kroger", "Pt", "Dr"))


@pytest.mark.parametrize(("text", "name"), [
    ("Mr. Boeing called about his refill.", "Boeing"),
    ("Dr. Pfizer saw the patient on the ward.", "Pfizer"),
    ("Kenji Honda arrived at noon.", "Kenji Honda"),
    ("Imani Boeing called me back.", "Imani Boeing"),
    ("My name is Morgan Stanley and I need a copy of my chart.", "Morgan Stanley"),
    ("Family called, spoke to Dr. Quennell by phone.", "Quennell"),
])
def test_a_title_or_a_given_name_still_makes_a_person(text: str, name: str) -> None:
    assert name in persons(text)


def test_headings_in_capitals_with_abbreviations_are_no_speakers() -> None:
    text = ("RESP: LUNGS CLEAR, SATS 97 ON 2L.\n"
            "GU: VOIDING WELL.\n"
            "GI: TOL CLEAR LIQUIDS.\n"
            "ENDO: GLUCOSE 140 COVERED PER SCALE.\n"
            "ACTIVITY: UP TO CHAIR X2.\n"
            "COMFORT: PAIN CONTROLLED WITH PO MEDS.\n")
    assert list(SpeakerRecognizer().find(text)) == []


def test_a_dialogue_still_has_speakers() -> None:
    text = ("Melanie: did you send the slides?\n"
            "Joaquin: not yet, tonight.\n"
            "Melanie: thanks!\n")
    found = [text[f.start:f.end] for f in SpeakerRecognizer().find(text)]
    assert "Melanie" in found and "Joaquin" in found


@pytest.mark.parametrize("text", [
    "EXPLAINED NEED FOR PA LINE, REASON FOR NEW MEDS. APPEARS TO UNDERSTAND.",
    "PT AWAKE. NEEDS NEW PA LINE, REASON EXPLAINED TO WIFE.",
])
def test_two_english_words_in_capitals_with_a_comma_are_no_surname_and_given(
        text: str) -> None:
    assert persons(text) == []


def test_surname_and_given_in_capitals_with_a_comma_still_found() -> None:
    text = "PT STABLE OVERNIGHT. CALLED OKAFOR, DAVID RE: LABS. UO ADEQUATE."
    assert "OKAFOR, DAVID" in persons(text)


def test_a_firms_address_block_names_no_one() -> None:
    text = "Goldman Sachs\n\n4417 Harbor Crest Rd, Suite 12\nLakeview, OR 97630\n"
    assert persons(text) == []
    text = "Imani Okafor\n\n4417 Harbor Crest Rd, Suite 12\nLakeview, OR 97630\n"
    assert "Imani Okafor" in persons(text)


@pytest.mark.parametrize("text", [
    "I work for Hale, Okafor and Lindqvist as an analyst.",
    "Our account with Mendez, Porter and Quinn was closed.",
    "My employer, Foster, Reid and Dunn, pays on Fridays.",
    "We received an offer from Garcia-Whitman yesterday.",
    "My pension is managed by Wright and Sons.",
])
def test_a_firm_of_its_partners_surnames_is_no_person(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Ana Butler-Hayes was admitted overnight.", "Ana Butler-Hayes"),
    ("Did Hans-Herbert ever reply to you?", "Hans-Herbert"),  # given names joined
    ("Claire Bailey-Ross presented. Bailey-Ross then took questions.", "Bailey-Ross"),
    ("Spoke with Mr Hale, Okafor and Lindqvist today.", "Hale, Okafor"),  # a title before
    ("Garcia-Whitman called about her results.", "Garcia-Whitman"),  # a person's verb, her
    ("Ferreira-Okafor, 54, was admitted overnight.", "Ferreira-Okafor"),  # an age after
])
def test_surnames_of_people_stay_names(text: str, name: str) -> None:
    assert name in persons(text)


def test_firm_of_surnames_needs_a_surname_only_the_lists_hold() -> None:
    kinds = name_lists().kinds
    text = "The grant went to Jean, Pierre and Marie."  # given names too: maybe people
    at = text.index("Marie")
    assert not firm_of_surnames(text, at, at + len("Marie"), kinds)


@pytest.mark.parametrize("text", [
    # an article before three partners' names, whatever the lists know of them
    "On 3 May 2001 the Varkonyi, Essendal and Brightwater upheld the ruling.",
    "The Tamsin, Oduya and Kellerby refused the request on 2 June.",
    "She sued the Ndiritu, Wanjala and Mbeki before the court.",
    "On 3 May 2001 the Kibet, Wanjiru and Idris upheld the ruling.",
    # what a firm so named does is said of the firm: `refused`, `dismissed his appeal`
    "On 3 May 2001 the Kibet, Wanjiru and Idris refused the request.",
    "The Latif, Yusuf and Otieno dismissed his appeal.",
    # partners' names in other Latin scripts
    "On 3 May 2001 the Hrafnsdóttir, Ásgeirsson and Þórisson upheld the ruling.",
    "We hired Kowalczyk, Wiśniewski and Dąbrowski for the audit.",
    # particles before partners' surnames
    "The Ó Brolcháin, Mac an Fhailí and Ó Dorcaí (“the firm”) replied on 2 May.",
    "It was drafted by the Mac Suibhne, Ó Néill and Ó Ceallaigh which signs its letters.",
])
def test_partners_after_an_article_or_with_accents_are_a_firm(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Dr Varkonyi, Essendal and Brightwater examined her.", "Varkonyi, Essendal"),
    ("Anna Kellerby of the Tamsin, Oduya and Kellerby called.", "Anna Kellerby"),
    ("Rita Essendal, 54, works for the Tamsin, Oduya and Kellerby.", "Rita Essendal"),
    # given names among them: maybe people, an article or not
    ("On Monday the Anna, Maria and Lucas upheld the ruling.", "Lucas"),
    ("Ines Varga from Latif, Yusuf and Otieno called.", "Ines Varga"),
    ("Tom Berg of Anna, Maria and Lucas fame.", "Lucas"),
    ("the Kibet, Wanjiru and Idris, 54, 61 and 70, were admitted.", "Idris"),  # ages
    ("the nurses Kibet, Wanjiru and Idris were admitted.", "Idris"),
    ("Síle Ó Brolcháin, Aoife Mac an Fhailí and Ciarán Ó Dorcaí were admitted.",
     "Ciarán Ó Dorcaí"),
])
def test_people_beside_partners_stay_names(text: str, name: str) -> None:
    assert name in persons(text)


def test_partners_after_a_persons_name_and_of_are_where_the_person_works() -> None:
    assert persons("Our auditor, Ines Varga from Latif, Yusuf and Otieno, called back."
                   ) == ["Ines Varga"]
    assert persons("Mara T. Quell of Kibet, Wanjiru and Idris is the CEO of the year."
                   ) == ["Mara T. Quell"]


def test_the_article_reading_keeps_people_after_the_names() -> None:
    kinds = name_lists().kinds
    for text, expected in (("the Varkonyi, Essendal and Brightwater upheld it", True),
                           ("the Varkonyi, Essendal and Brightwater families came", False),
                           ("Varkonyi, Essendal and Brightwater came", False)):
        at = text.index("Brightwater")
        assert firm_of_surnames(text, at, at + len("Brightwater"), kinds) is expected, text


@pytest.mark.parametrize("text", [
    "Notes on the Varkonyi, Essendal and Kellerby residents are attached.",
    "Call the Varkonyi, Essendal and Kellerby tenants about the leak.",
    "the Varkonyi, Essendal and Kellerby patients were seen today",
    "The Varkonyi, Essendal and Kellerby household asked for a call back.",
    "We met the Varkonyi, Essendal and Kellerby neighbours at the door.",
])
def test_people_words_after_partners_keep_them_people(text: str) -> None:
    kinds = name_lists().kinds
    at = text.index("Kellerby")
    assert firm_of_surnames(text, at, at + len("Kellerby"), kinds) is False, text


@pytest.mark.parametrize("text", [
    "the Varkonyi, Essendal and Kellerby residency ended",  # (no people word: a firm's)
    "the Varkonyi, Essendal and Kellerby patient portal is down",
])
def test_people_words_need_their_own_word_after_partners(text: str) -> None:
    kinds = name_lists().kinds
    at = text.index("Kellerby")
    assert firm_of_surnames(text, at, at + len("Kellerby"), kinds) is True, text
