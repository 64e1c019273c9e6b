"""Post-office boxes as other languages name them are addresses; words that only look
like one (a blood pressure, a section of a law, a post of a forum) are not."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.engine import Scanner
from tests.scan.found_text import texts_of

SCANNER = Scanner(ner=False)


streets = texts_of(SCANNER.scan, "STREET_ADDRESS")


@pytest.mark.parametrize(("text", "box"), [
    ("Antwort bitte an Postfach 31 07, 20095 Hamburg", "Postfach 31 07"),
    ("Correspondance : Boîte postale 207, 31000 Toulouse", "Boîte postale 207"),
    ("Enviar a Apartado de correos 1502, Sevilla", "Apartado de correos 1502"),
    ("Remeter para Caixa Postal 3381 em Recife", "Caixa Postal 3381"),
    ("Scrivere a Casella postale 88", "Casella postale 88"),
    ("adres: skrytka pocztowa 612", "skrytka pocztowa 612"),
    ("Stuur het naar Postbus 4012", "Postbus 4012"),
    ("Send it to Post Office Box 905 in town", "Post Office Box 905"),
    ("Postboks 77 Sentrum", "Postboks 77"),
    ("Casilla de correo 902, Córdoba", "Casilla de correo 902"),
])
def test_a_post_box_in_another_language_is_an_address(text: str, box: str) -> None:
    assert any(street.startswith(box) for street in streets(text))


@pytest.mark.parametrize("text", [
    "BP 145/90 this morning, post op day 2",
    "Apartado 3 del artículo 12 de la ley",
    "Read post 2 of 3 in the postgres forum",
    "postbox_count = 12",
    "The postbox 2.0 release notes",
])
def test_post_box_look_alikes_stay_quiet(text: str) -> None:
    assert streets(text) == []
