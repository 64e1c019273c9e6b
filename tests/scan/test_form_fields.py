"""Person, place and date fields of a pasted form or a post's header."""

import pytest

from jupyter_safeai.scan import scan_text
from jupyter_safeai.scan.form_fields import form_fields
from tests.scan.found_text import pairs_of

_fields = pairs_of(form_fields)


def test_a_post_header_gives_its_author_place_and_day() -> None:
    text = ("Username: Oksana\nLocation: Tartu\nDate: 2022-11-03\n"
            "Tried the new ramen place by the river, worth the queue.")
    assert _fields(text) == [("PERSON", "Oksana"), ("LOCATION", "Tartu"),
                             ("DATE", "2022-11-03")]


def test_a_row_of_fields_joined_by_bars_is_one_form() -> None:
    text = ("Buyer: Ignatius | Pickup Location: 7, Kelburn Parade, Wellington | "
            "Posted on: 14/02/2021\nItem: a used road bike")
    assert ("PERSON", "Ignatius") in _fields(text)
    assert ("DATE", "14/02/2021") in _fields(text)
    assert _fields(text)


def test_a_label_with_its_purpose_and_initials_in_a_name() -> None:
    text = "Seller: R.Menon\nLocation for Collection: Dunedin\nItem: a desk lamp"
    assert _fields(text) == [("PERSON", "R.Menon"), ("LOCATION", "Dunedin")]


def test_a_house_number_makes_the_place_a_street() -> None:
    text = "Name: Teodora Vasquez\nAddress: 41 Larch Crescent, Whitby"
    assert ("STREET_ADDRESS", "41 Larch Crescent, Whitby") in _fields(text)


def test_a_title_before_a_name() -> None:
    text = "Reviewer: Dr. Anselm Kovacs | Posted on: March 9, 2022"
    assert _fields(text) == [("PERSON", "Dr. Anselm Kovacs"), ("DATE", "March 9, 2022")]


def test_a_username_says_who_on_its_own() -> None:
    assert _fields("Username: plum_tree_77") == [("PERSON", "plum_tree_77")]


@pytest.mark.parametrize("text", [
    "Name: iris\nDate: 2020-01-01",  # a data set's card
    "Date: 2021-06-01\nLocation: lab 3",  # nobody named
    "Name: Bertrand Okoro",  # a lone name: left to the name readers
    "User: hi there, can you help?\nAssistant: Sure.",  # a chat, not a form
    "Username: admin\nLocation: online",  # placeholders
    "Author: Anonymous\nDate: 2019-03-02",
])
def test_no_person_no_form(text: str) -> None:
    assert _fields(text) == []


def test_form_values_are_found_by_the_scanner() -> None:
    text = "Full name: Wilhelmina Sato | City: Matsuyama | Timestamp: 2023-04-11 10:40 AM"
    found = {(f.entity, text[f.start:f.end]) for f in scan_text(text)}
    assert {("PERSON", "Wilhelmina Sato"), ("LOCATION", "Matsuyama"),
            ("DATE", "2023-04-11 10:40 AM")} <= found


def test_a_date_tagged_as_iris_is_no_biometric() -> None:
    assert not [f for f in scan_text("Name: iris\nDate: 2020-01-01")
                if f.entity == "BIOMETRIC_ID"]


def test_a_form_with_windows_line_ends() -> None:
    text = "Seller: Ottilie Brandt\r\nLocation: Invercargill\r\nDate: 2021-03-17\r\n"
    assert _fields(text) == [("PERSON", "Ottilie Brandt"), ("LOCATION", "Invercargill"),
                             ("DATE", "2021-03-17")]


@pytest.mark.parametrize("text", [
    # a package's record: its name is software, its author a maintainer, its place a folder
    "Name: attrs\nVersion: 23.1.0\nSummary: Classes without boilerplate\n"
    "Author: Hynek Schlawack\nLocation: /opt/conda/lib/python3.11/site-packages",
    "Name: Pillow9\nLocation: C:\\Users\\build\\venv\\Lib",
    "Name: Tornado\nLocation: ~/miniconda3/lib",
    # the accounts of a machine
    "Username: vagrant",
    "Username: postgres\nHost: db.internal",
    # things, projects and brands under a person's label
    "Name: Weather\nCity: Leeds",
    "Seller: Marketplace\nDate: 2022-02-02",
    "Author: Apache Foundation\nDate: 2022-02-02",
    "Author: OpenAlex\nPosted on: 2021-07-07",
    "Author: Keras Team\nDate: 2021-07-07",
])
def test_package_records_machine_accounts_and_things_are_no_form(text: str) -> None:
    assert _fields(text) == []


def test_a_surname_joined_after_mc_or_an_apostrophe_is_still_a_name() -> None:
    text = "Name: Orla MacNeill\nCity: Galway"
    assert _fields(text) == [("PERSON", "Orla MacNeill"), ("LOCATION", "Galway")]


def test_form_findings_carry_their_own_detector() -> None:
    text = "Seller: Miss Ada Lovelock\nLocation: Nelson\nPosted on: 3 Aug 2021"
    found = list(form_fields(text))
    assert [(f.entity, text[f.start:f.end]) for f in found] == [
        ("PERSON", "Miss Ada Lovelock"), ("LOCATION", "Nelson"), ("DATE", "3 Aug 2021")]
    assert {f.detector for f in found} == {"form_fields"}


def test_a_given_name_that_also_names_software_is_a_name_with_a_surname() -> None:
    text = "Buyer: Julia Terhune\nCity: Hamilton"
    assert ("PERSON", "Julia Terhune") in _fields(text)
    assert _fields("Buyer: Julia\nCity: Hamilton") == [("PERSON", "Julia"),
                                                       ("LOCATION", "Hamilton")]
    assert _fields("Author: Matplotlib\nDate: 2020-04-04") == []


def test_a_lower_case_handle_with_digits_under_a_name_label() -> None:
    text = "Posted by: kiri07\nLocation: Rotorua"
    assert _fields(text) == [("PERSON", "kiri07"), ("LOCATION", "Rotorua")]


def test_a_given_name_and_surname_run_together_are_a_name_a_brand_is_not() -> None:
    assert ("PERSON", "JaneHolloway") in _fields("Name: JaneHolloway\nCity: Oamaru")
    assert _fields("Author: WordPress\nDate: 2020-04-04") == []


@pytest.mark.parametrize(("text", "name"), [
    ("Name: Rosa DiNardo\nCity: Trenton", "Rosa DiNardo"),
    ("Name: Paul LeBlanc\nCity: Moncton", "Paul LeBlanc"),
    ("Name: Henk VanDijk\nCity: Utrecht", "Henk VanDijk"),
    ("Name: Ian FitzGerald\nCity: Cork", "Ian FitzGerald"),
])
def test_a_surname_joined_after_a_particle_is_a_name(text: str, name: str) -> None:
    assert ("PERSON", name) in _fields(text)


@pytest.mark.parametrize(("text", "name"), [
    ("Name: RoseHill\nCity: Bath", "RoseHill"),
    ("Name: GraceWood\nCity: Bath", "GraceWood"),
    ("Name: SeanMcBride\nCity: Sligo", "SeanMcBride"),
])
def test_a_given_name_run_together_with_a_word_is_a_name(text: str, name: str) -> None:
    assert ("PERSON", name) in _fields(text)


@pytest.mark.parametrize("middle", [
    "License: K7654321", "Version: 3", "Summary: chest pain on exertion",
    "Platform: video visit", "Maintainer: none", "Version: 2\nSummary: follow-up",
])
def test_a_package_label_in_a_patients_form_does_not_hide_it(middle: str) -> None:
    text = f"Patient: Elena Ruiz\n{middle}\nCity: Fresno\nDOB: 1975-06-09"
    found = _fields(text)
    assert ("PERSON", "Elena Ruiz") in found
    assert ("DATE", "1975-06-09") in found


def test_a_package_record_with_a_home_page_or_requires_stays_quiet() -> None:
    assert _fields("Name: idna\nVersion: 3.4\nHome-page: x\nAuthor: Kim Davies") == []
    assert _fields("Name: six\nVersion: 1.16\nRequires: \nAuthor: Benjamin Peterson") == []


@pytest.mark.parametrize(("text", "name"), [
    ("Name: Amy Script\nCity: Derby", "Amy Script"),
    ("Author: Dr. Leah Script\nDate: 2020-05-06", "Dr. Leah Script"),
])
def test_a_things_word_after_a_given_name_is_a_surname(text: str, name: str) -> None:
    assert ("PERSON", name) in _fields(text)


@pytest.mark.parametrize(("text", "name"), [
    ("Name: Hope Rivers\nDOB: 1982-07-01", "Hope Rivers"),
    ("Patient: Dawn Baker\nDOB: 1982-07-01", "Dawn Baker"),
    ("Name: Dr. Rose Hill\nDate: 2020-05-06", "Dr. Rose Hill"),
])
def test_a_given_name_and_surname_that_are_common_words_are_a_name(
        text: str, name: str) -> None:
    assert ("PERSON", name) in _fields(text)


@pytest.mark.parametrize(("label", "value"), [
    ("Mother", "Ilse Marchetti"), ("Surgeon", "Dr. Kofi Asante"),
    ("Next of kin", "Radu Petrescu"), ("Referred by", "Yara Lindqvist"),
    ("Guardian", "Tomasz Wierzbicki"),
])
def test_the_name_recognizers_strong_person_words_are_a_forms_labels(label: str,
                                                                     value: str) -> None:
    """One list of the words that say a person follows: a form reads names.py's."""
    text = f"{label}: {value}\nDate: 2021-08-17\nWard: 4B"
    assert ("PERSON", value) in _fields(text)


@pytest.mark.parametrize("text", [
    "Director: Jupyter Project\nDate: 2020-01-01",  # a project, nobody
    "Editor: vim\nLocation: /usr/share/vim",  # a program and a folder
    "Mother: unknown\nDate: 2019-05-02",
])
def test_a_strong_word_label_before_no_person(text: str) -> None:
    assert _fields(text) == []
