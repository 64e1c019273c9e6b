"""Name-first streets of many countries and the address blocks they start."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.engine import Scanner
from jupyter_safeai.scan.street_names import named_streets

SCANNER = Scanner(ner=False)


def found(text: str) -> list[tuple[str, str]]:
    return [(f.entity, text[f.start:f.end]) for f in SCANNER.scan(text)]


def streets(text: str) -> list[str]:
    return [text[start:end] for start, end in named_streets(text)]


@pytest.mark.parametrize(("text", "street"), [
    ("Her flat is on Rákóczi utca 14. near the station", "Rákóczi utca 14"),
    ("Send it to ul. Kwiatowa 8 please", "ul. Kwiatowa 8"),
    ("The office moved to Calle del Carmen 21 last year", "Calle del Carmen 21"),
    ("Deliver to Lindeveien 7 tomorrow", "Lindeveien 7"),
    ("We met at Gammel Kongevej 40", "Gammel Kongevej 40"),
    ("Address: Storgatan 3", "Storgatan 3"),
    ("she lives at 4410 rosenvej 12, aarhus", "rosenvej 12"),
    ("the shop is at trg slobode 5", "trg slobode 5"),
])
def test_a_street_written_name_first(text: str, street: str) -> None:
    assert street in streets(text)


@pytest.mark.parametrize("text", [
    "Let's create a 2D array and return a 1D view",
    "as shown by Smith et al. 2019 and built c. 1900",
    "In Python 3 we trained for 10 epochs with Table 2 and page 12",
    "use the string 42, just put 3 items in the ring 4",
    "the probability of rolling a 6 is one in six",
    "sent via email 3 times",
])
def test_prose_with_numbers_holds_no_street(text: str) -> None:
    assert streets(text) == []


def test_a_unit_and_a_building_number_before_the_street_belong_to_it() -> None:
    text = "Ms. Ana Ruiz Apt. 12 5521 Birkeveien 40\nLILLEHAMMER nan 2609"
    assert ("STREET_ADDRESS", "Apt. 12 5521 Birkeveien 40\nLILLEHAMMER nan") in found(text)
    assert ("ZIP_CODE", "2609") in found(text)


def test_a_second_street_name_and_the_lines_after_it_are_one_address() -> None:
    text = "Meet me at Havnegata 5 Oak Crossing\n Unit 7\n Tromsø\n Norway 9008 at noon"
    assert ("STREET_ADDRESS", "Havnegata 5 Oak Crossing\n Unit 7\n Tromsø\n Norway") in (
        found(text))
    assert ("ZIP_CODE", "9008") in found(text)
