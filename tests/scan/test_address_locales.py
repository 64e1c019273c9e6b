"""Street words of Faker's locales that the number-first and grid readers lacked:
Quebec's `rang`, `montée`, `allé`; Colombia's side of the city (`Sur`, `Este`) and the
rest of the address after a grid street."""

from __future__ import annotations

import pytest

from tests.scan.place_text import place_text


@pytest.mark.parametrize(("text", "address"), [
    ("Écrire au 412 rang Sainte-Anne, Rimouski, QC G5L 2T4.",
     "412 rang Sainte-Anne, Rimouski, QC|G5L 2T4"),
    ("Elle habite au 77 montée Gagnon depuis mai.", "77 montée Gagnon depuis mai"),
    ("Enviar a Carrera 45 Sur # 12-30, Local 4, 050021, Envigado, Antioquia.",
     "Carrera 45 Sur # 12-30, Local 4|050021|Envigado, Antioquia"),
    ("She lives at Cl. 8 # 3-14 Este since 2020", "Cl. 8 # 3-14 Este"),
    ("Endereço: Rua das Acácias, 88\nJardim América\n01454000 São Paulo / SP",
     "Rua das Acácias, 88\nJardim América|01454000|São Paulo"),
])
def test_street_words_of_more_locales(text: str, address: str) -> None:
    assert place_text(text) == address


@pytest.mark.parametrize("text", [
    "The phone rang 3 times before she answered.",
    "rang 4 of the matrix is full; rang 2 is not",
    "Sur 3 # 4-5 is no street",  # no street word before the number
    "Score 3 # 4-5 in the table",
])
def test_look_alikes_of_these_words_stay_quiet(text: str) -> None:
    assert place_text(text) == ""


@pytest.mark.parametrize(("text", "address"), [
    ("Holding No. 17, Rampura Mohalla, Sreepur, Gazipur, 1740",
     "Holding No. 17, Rampura Mohalla, Sreepur, Gazipur|1740"),
    ("Courier to H.No. 212, Lajpat Nagar, Ghaziabad-201002 by Friday",
     "H.No. 212, Lajpat Nagar, Ghaziabad|201002"),
    ("Building No. 9, Kazi Plaza, Mirpur, Dhaka, 1216",
     "Building No. 9, Kazi Plaza, Mirpur, Dhaka|1216"),
])
def test_a_labelled_building_number_before_the_rest_of_its_address(
        text: str, address: str) -> None:
    assert place_text(text) == address


@pytest.mark.parametrize("text", [
    "Vol. 12, House No. 3, Springer, Berlin, 2019",  # a reference ending in a year
    "Lot 2345, Batch 77, Expiry 2026",
    "See Plot No. 5, Figure 2, Section 3 of the report.",
    "Building No. 4, then Building No. 5",
])
def test_labelled_building_look_alikes_stay_quiet(text: str) -> None:
    assert place_text(text) == ""


@pytest.mark.parametrize("text", [
    "Level 3 Trauma Center in Ward 7",
    "Phase 2 Clinical Research Center opened",
    "See Table 4 Summary Statistics Plaza",
    "Chapter 11 Bankruptcy Court filings",
])
def test_a_counted_number_before_capitalised_words_is_no_street(text: str) -> None:
    assert place_text(text) == ""


@pytest.mark.parametrize(("text", "address"), [
    ("Lot 12 Smith Road, Mudgee", "12 Smith Road, Mudgee"),
    ("Unit 4 Bridge Street", "Unit 4 Bridge Street"),
])
def test_a_unit_or_lot_before_a_street_still_belongs_to_it(text: str, address: str) -> None:
    assert place_text(text) == address


@pytest.mark.parametrize(("text", "address"), [
    ("She lives at Calle Olmo 14, Piso 2 , Lugo", "Calle Olmo 14, Piso 2 , Lugo"),
    ("Paseo Nieves 8 Puerta 5 , Teruel, 44002", "Paseo Nieves 8 Puerta 5 , Teruel|44002"),
])
def test_a_blank_before_the_comma_keeps_the_address_whole(text: str, address: str) -> None:
    assert place_text(text) == address


@pytest.mark.parametrize("text", ["values 12 , 34 , 56", "rows 3 , Columns 4 , Total 7"])
def test_numbers_parted_by_blanks_and_commas_are_no_address(text: str) -> None:
    assert place_text(text) == ""
