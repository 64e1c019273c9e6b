"""Addresses as other countries write them: Irish Eircodes and postcodes after a
country's letters end an address, Australian and New Zealand street words make a
street; the same words after a number in a notebook stay quiet. Every address is made
up here."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan import scan_text
from tests.scan.found_text import texts_of

PLACES = {"STREET_ADDRESS", "ZIP_CODE", "LOCATION"}


places = texts_of(scan_text, *PLACES)


@pytest.mark.parametrize("text, code", [
    ("Our office: 14 Seapoint Road, Dublin D04 X2Y8, Ireland.", "D04 X2Y8"),
    ("The patient lives at 3 Glen Lane, Killarney, V93 K2P4.", "V93 K2P4"),
    ("Send the forms to 27 Tallow Street A65F4E2 Ennis.", "A65F4E2"),
    ("She lives at Petőfi utca 12., H-6720 Szeged.", "H-6720"),
    ("Write to Seestrasse 41, CH-8002 Zürich.", "CH-8002"),
])
def test_a_postcode_ends_the_address(text: str, code: str) -> None:
    assert code in places(text), places(text)


@pytest.mark.parametrize("text, street", [
    ("She lives at 97 Wattle Esplanade, Ballarat, VIC, 3350.", "97 Wattle Esplanade"),
    ("Send it to 12 Kowhai Parade, Whanganui 4500.", "12 Kowhai Parade"),
    ("The family moved to 5 Banksia Glade, Dubbo, NSW, 2830.", "5 Banksia Glade"),
])
def test_australian_street_words_make_a_street(text: str, street: str) -> None:
    assert any(street in value for value in places(text)), places(text)


@pytest.mark.parametrize("text", [
    "# Lab 4 Bell Circuit & GHZ Circuit",
    "We compare a 2 Simple Approach baseline with the 3 Signaling Pathway model.",
    "Export the mail from Office 365 Outlook first.",
    "The reference sequence D04 is aligned to chromosome 12 at X2Y8 resolution.",
])
def test_the_same_words_elsewhere_stay_quiet(text: str) -> None:
    assert places(text) == []


@pytest.mark.parametrize("text, street", [
    ("He lives at Calle 23 # 9-41, Cali.", "Calle 23 # 9-41"),
    ("Send it to Carrera 15 No. 88-20, Bogotá.", "Carrera 15 No. 88-20"),
    ("Dirección: Diagonal 45 # 12-30 apto 301.", "Diagonal 45 # 12-30"),
    ("She moved to Jungmannova 17, Plzeň last spring.", "Jungmannova 17"),
    ("Bydlí na adrese Komenského 1294/8, Olomouc.", "Komenského 1294/8"),
])
def test_streets_of_other_countries(text: str, street: str) -> None:
    assert any(street in value for value in places(text)), places(text)


@pytest.mark.parametrize("text", [
    "Cr. 2.1 today, K 4.1; recheck # 3-4 in the morning.",
    "2. Else: do not move. Return to Step 1.",
    "PTT OF 300, PRESENTLY IT IS DOWN TO 31.",
])
def test_look_alikes_of_those_stay_quiet(text: str) -> None:
    assert places(text) == []


@pytest.mark.parametrize("text, part", [
    ("Kossuth utca 12., H-4025 Debrecen", "H-4025"),
    ("Ship to: Calle de Lope Sanz 14 Puerta 3, Cuenca, 16002.", "Puerta 3"),
    ("She lives at 58 Harrison Umgwaqo, Pinetown, 3610.", "58 Harrison Umgwaqo"),
    ("Dirección: Av. Boyacá # 12-45, Tunja.", "Av. Boyacá # 12-45"),
])
def test_more_of_other_countries_addresses(text: str, part: str) -> None:
    assert any(part in value for value in places(text)), places(text)
