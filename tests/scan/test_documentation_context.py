"""Context rules learnt from text nobody here wrote (issue 14): what is an identifier in
prose about a person and noise in documentation, code output and tables."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.engine import Scanner
from tests.scan.found_text import pairs_of

SCANNER = Scanner()


found = pairs_of(SCANNER.scan)


def labels(text: str) -> set[str]:
    return {entity for entity, _ in found(text)}


# ------------------------------------------------------------------ URLs


@pytest.mark.parametrize("text", [
    "See the [user guide](https://scikit-learn.org/stable/user_guide/index.html).",
    "pip install from https://github.com/huggingface/diffusers/tree/main",
    "Buy the book at http://shop.oreilly.com/product/0636920034919.do",
    "[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](x)",
    '<img src="https://cdn-images-1.medium.com/max/1600/1*v_et9Ei38h0zZ0SdMCV0bQ.png">',
    "short link https://bit.ly/3xYz12 to the slides",
    "docs at http://matplotlib.org/users/customizing.html",
    "a post: http://bpodgursky.wordpress.com/2013/08/21/average-income/",
    "created by Cam ([`@Cmrn_DP`](https://twitter.com/Cmrn_DP))",
])
def test_links_to_documents_identify_no_one(text: str) -> None:
    assert "URL" not in labels(text)


@pytest.mark.parametrize(("text", "url"), [
    ("Patient portal link: https://mychart.partners.org/MyChart/patient/76129119",
     "https://mychart.partners.org/MyChart/patient/76129119"),
    ("Shared photos at https://www.instagram.com/joel.asamoa",
     "https://www.instagram.com/joel.asamoa"),
    ("See her post at https://cartermatthew.wordpress.com",
     "https://cartermatthew.wordpress.com"),
    ("see https://github.com/acme/tool?patient_id=123",
     "https://github.com/acme/tool?patient_id=123"),
    ("his page https://www.wang-family.net/home", "https://www.wang-family.net/home"),
])
def test_links_to_a_person_are_identifiers(text: str, url: str) -> None:
    assert ("URL", url) in found(text)


# ------------------------------------------------------------------ IPs


@pytest.mark.parametrize("text", ["x = T[::800]", "numpy 1.17.4.1 installed",
                                  "Version: 4.0.1.2"])
def test_slices_and_versions_are_no_addresses(text: str) -> None:
    assert "IP_ADDRESS" not in labels(text)


def test_an_address_in_prose_is_found() -> None:
    text = "The pump was interrogated remotely from 10.95.19.247 on Monday."
    assert ("IP_ADDRESS", "10.95.19.247") in found(text)


# ------------------------------------------------------------------ table cells


@pytest.mark.parametrize("text", [
    "   population           city       state\n3      808976  San Francisco  California\n"
    "6     2242193        Houston       Texas\n",
    "employee\tgroup\thire_date\nJake\tEngineering\t2012\n",
    "state  under18  2010  1130966.0  Alabama        52423.0\n",
])
def test_no_span_crosses_a_table_cell(text: str) -> None:
    for entity, value in found(text):
        assert "\t" not in value and "  " not in value, (entity, value)


def test_a_table_of_places_names_no_one() -> None:
    table = "city,state,population\nMiami,FL,413201\nCleveland,OH,396815\n"
    assert not found(table)


def test_a_place_column_beside_a_person_column_is_phi() -> None:
    table = "patient_name,city,mrn\nJohn Smith,Miami,00483920\n"
    assert ("LOCATION", "Miami") in found(table)


# ------------------------------------------------------------------ names in context


@pytest.mark.parametrize("text", [
    "This is an excerpt from the [Handbook](http://x.org/b.do) by Jake VanderPlas; read it.",
    "1. Flaxman, Abraham. \"Powell's Methods for Maximization in PyMC.\" Healthy Algorithms.",
    "More generally, B. Cronin [5] writes that models are stories.",
    "I experiment with Powell's method when it is slow.",
    "### The Law of Large Numbers",
    "The optimizer Adam is used with a decaying rate.",
    "The data is from San Francisco and North Dakota.",
    "The Davis, Reynolds and Williamson Orchestra was founded in 1977.",
    "Russell Investments is a design agency based in Espoo.",
    "Ported to PyMC3 by Max Margenot and Thomas Wiecki at Quantopian",
])
def test_names_in_documentation_are_not_persons(text: str) -> None:
    assert "PERSON" not in labels(text)


@pytest.mark.parametrize(("text", "name"), [
    ("Shane M Culp lives at the corner.", "Shane M Culp"),
    ("Jane E. was admitted on Monday.", "Jane E."),
    ("Darren is a very sympathetic person.", "Darren"),
    ("The patient was seen by Robert L. today.", "Robert L."),
    ("Dr. Adams reviewed the chart.", "Adams"),
])
def test_names_with_initials_and_alone(text: str, name: str) -> None:
    assert ("PERSON", name) in found(text)


def test_clinical_by_keeps_the_name() -> None:
    assert ("PERSON", "John Carter") in found("Note dictated by John Carter yesterday.")


@pytest.mark.parametrize("text", [
    "이 클래스는 양자 회로를 활용하여 간략히 상호작용하는 인터페이스를 제공합니다. "
    "이것이 핵심입니다.",
    "量子状態ベクトルは、ユークリッド ノルムに関する単位ベクトルです。古典的な状態と確率ベクトル。",
])
def test_korean_and_japanese_prose_is_not_a_list_of_names(text: str) -> None:
    assert "PERSON" not in labels(text)


def test_a_korean_name_with_its_label_is_found() -> None:
    assert "PERSON" in labels("환자 이름: 김민준")


# ------------------------------------------------------------------ addresses


@pytest.mark.parametrize(("text", "address"), [
    ("Billing address: Sara Schwarz\n    28245 Puruntie 82 Apt. 595\n   LAPPEENRANTA\n    SK\n"
     "    53650", "28245 Puruntie 82 Apt. 595\n   LAPPEENRANTA\n    SK\n    53650"),
    ("I'd like a taxi to 692 Kuuse 53 Apt. 641, Grubbenvorst, Netherlands 04020. Thanks",
     "692 Kuuse 53 Apt. 641, Grubbenvorst, Netherlands 04020"),
    ("Meet me at Unit 7194 Box 5854\nDPO AE 73472", "Unit 7194 Box 5854\nDPO AE 73472"),
    ("lives at 12 Main St, Springfield, IL 62704 with her dog",
     "12 Main St, Springfield, IL 62704"),
    ("The restaurant is located at USNS Saibara\nFPO AP 12428. Great food.",
     "USNS Saibara\nFPO AP 12428"),
    ("> 935 69 Gordon Terrace\n> Suite 828\n> BASHALL TOWN\n> United Kingdom 89800",
     "935 69 Gordon Terrace\n> Suite 828\n> BASHALL TOWN\n> United Kingdom 89800"),
])
def test_the_whole_address_is_covered_with_its_postcode_as_a_zip(text: str, address: str
                                                                 ) -> None:
    start = text.index(address)
    inside = [f for f in SCANNER.scan(text)
              if f.start >= start and f.end <= start + len(address)]
    covered = {i for f in inside for i in range(f.start, f.end)}
    assert all(i in covered for i in range(start, start + len(address))
               if not text[i].isspace())
    assert {f.entity for f in inside} <= {"STREET_ADDRESS", "ZIP_CODE"}
    assert inside[-1].entity == "ZIP_CODE"  # every address here ends with its postcode


@pytest.mark.parametrize("text", [
    "each data point belonging to the labels 0 and 1.",
    "say 8 flips and only 1 observed heads",
    "ranging from 0 to 4200, and measures of ellipticity",
    "Our model with 10 hidden units and 100 iterations",
])
def test_numbers_in_prose_are_no_street(text: str) -> None:
    assert "STREET_ADDRESS" not in labels(text)


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize("text", [
    "On January 28, 1986, the twenty-fifth flight of the shuttle ended in disaster.",
    "The data used here was downloaded on 6/12/2016, and the file is 9MB.",
    "[3] Gelman, Andrew. \"N is never large.\" 13 Jun 2013. Web.",
])
def test_historical_and_log_dates_are_not_personal(text: str) -> None:
    assert "DATE" not in labels(text)


def test_a_visit_date_in_a_note_is_personal() -> None:
    assert ("DATE", "03/14/2019") in found("Patient was admitted on 03/14/2019 with chest pain.")


# ------------------------------------------------------------------ phones


@pytest.mark.parametrize(("text", "number"), [
    ("They're not answering at 079 2718 1155", "079 2718 1155"),
    ("Phone:\n51 516 33 75\n\nE-mail:", "51 516 33 75"),
    ("desk: +1-604-696-5272x565", "+1-604-696-5272x565"),
    ("655 437 108 office", "655 437 108"),
    ("Can someone call me on 01.84.17.61.18? Thanks", "01.84.17.61.18"),
    ("Phone: (72) 754-186", "(72) 754-186"),
])
def test_phone_numbers_in_any_layout_under_a_label(text: str, number: str) -> None:
    assert any(value == number for entity, value in found(text)
               if entity in {"PHONE_NUMBER", "FAX_NUMBER"})


@pytest.mark.parametrize("text", [
    "See notes for: GDP\t354.275\t2011.0 at home",
    "we work with 20 30 40 samples",
    "home directory 2019-10-11",
])
def test_numbers_that_are_no_phones(text: str) -> None:
    assert not labels(text) & {"PHONE_NUMBER", "FAX_NUMBER"}


# ------------------------------------------------------------------ cards and postcodes


@pytest.mark.parametrize(("text", "card"), [
    ("My credit card 180001894718246 has been lost", "180001894718246"),
    ("What's your credit card? 30582693301054", "30582693301054"),
    ("Need to change billing date of my card 503867297114", "503867297114"),
])
def test_any_issuers_card_after_a_card_label(text: str, card: str) -> None:
    assert ("CREDIT_CARD", card) in found(text)


def test_a_short_or_invalid_number_after_card_is_no_card() -> None:
    assert "CREDIT_CARD" not in labels("card 1234 5678 shown, card 180001894718247 too")


@pytest.mark.parametrize(("text", "code"), [
    ("ZIP: 3520", "3520"), ("my zip code is 35350", "35350"), ("ZIP: 7412 SL", "7412 SL"),
    ("ZIP: 75534-030", "75534-030"), ("Postal code: 53-320", "53-320"),
])
def test_postcodes_of_other_countries_after_a_label(text: str, code: str) -> None:
    assert ("ZIP_CODE", code) in found(text)


# ------------------------------------------------------------------ contact blocks


@pytest.mark.parametrize(("text", "name"), [
    ("Layla Gairbekov\n\nAccountant\n\nPersonal Info:\nPhone:\n51 516 33 75\n", "Layla Gairbekov"),
    (">Marta Palermo\n>Cityscan\n>Marta Palermo\n>1072 Pohlstrasse 9\n>Suite 858\n",
     "Marta Palermo"),
    ("Tzigane Lantos\n76556 29 Rue de Tanger\nSuite 399\n", "Tzigane Lantos"),
])
def test_the_name_heading_a_contact_block(text: str, name: str) -> None:
    assert ("PERSON", name) in found(text)


def test_a_heading_line_before_code_is_no_name() -> None:
    text = "Gradient Descent\n\n1000 iterations of the loop below\nx = 1\n"
    assert "PERSON" not in labels(text)


@pytest.mark.parametrize(("text", "address"), [
    ("What is your address? it is the corner of Dalbraut 99 and Frederikke Coves",
     "the corner of Dalbraut 99 and Frederikke Coves"),
    ("The bus station is on Villacher Strasse 89", "Villacher Strasse 89"),
])
def test_corners_vessels_and_name_first_streets(text: str, address: str) -> None:
    assert ("STREET_ADDRESS", address) in found(text)


def test_streets_of_every_kind_in_one_text() -> None:
    text = ("Ship to 12 Beacon Street or 28245 Puruntie 82, or PSC 0413, Box 8144\n"
            "APO AA 42323, or the corner of Pachergasse 64 and Radolič Harbor.")
    assert len([e for e, _ in found(text) if e == "STREET_ADDRESS"]) >= 3


# ------------------------------------------------------------------ facilities


@pytest.mark.parametrize(("text", "facility"), [
    ("She was admitted to St. Luke's Hospital on Monday.", "St. Luke's Hospital"),
    ("Follow-up at Cleveland Clinic in May.", "Cleveland Clinic"),
    ("Transferred from UCLA Medical Center.", "UCLA Medical Center"),
    ("Seen at Mt. Sinai last year.", "Mt. Sinai"),
])
def test_facility_names_are_places(text: str, facility: str) -> None:
    assert ("LOCATION", facility) in found(text)


@pytest.mark.parametrize("text", [
    "Data from the World Health Organization.",
    "She went to the Community Hospital.",
    "General Hospital is a television show.",
])
def test_generic_facility_words_are_no_name(text: str) -> None:
    assert "LOCATION" not in labels(text)


def test_speaker_labels_of_a_transcript_are_names() -> None:
    text = "Melanie: I told him to stop.\nDoctor: How long?\nMelanie: Two weeks."
    assert [v for e, v in found(text) if e == "PERSON"] == ["Melanie", "Melanie"]


@pytest.mark.parametrize("text", ["Note: this\nOutput: that\n", "Q: why\nA: because\n",
                                  "Input: 3\nResult: 9\n"])
def test_role_and_document_labels_are_no_speakers(text: str) -> None:
    assert "PERSON" not in labels(text)


@pytest.mark.parametrize(("text", "name"), [
    ("My name is Siiri", "Siiri"),
    ("My name is Ján M. Novák but everyone calls me Ján", "Ján"),
    ("She named him Timmie", "Timmie"),
    ("I would like to remove my kid Agi from the will.", "Agi"),
])
def test_phrases_that_give_a_name(text: str, name: str) -> None:
    assert ("PERSON", name) in found(text)


def test_a_contact_block_after_a_company_line() -> None:
    text = ">Marta Palermo\n>Cityscan\n>Marta Palermo\n>1072 Pohlstrasse 9\n>Suite 858\n"
    assert [v for e, v in found(text) if e == "PERSON"] == ["Marta Palermo", "Marta Palermo"]


def test_a_printed_list_of_words_is_no_table() -> None:
    text = "['aircraft carrier',\n 'birthday cake',\n 'blackberry',\n 'blueberry',\n 'book']"
    assert not found(text)


@pytest.mark.parametrize("header", ["subject_id", "hadm_id", "patientunitstayid", "stay_id"])
def test_study_ids_of_clinical_databases_are_identifiers(header: str) -> None:
    from jupyter_safeai.scan.columns import column_entity

    assert column_entity(header) == ("UNIQUE_ID", True)


def test_surname_title_given_is_one_span() -> None:
    text = "1,0,3,\"Braund, Mr. Owen Harris\",male,22"
    assert ("PERSON", "Braund, Mr. Owen Harris") in found(text)


def test_context_is_read_near_the_name_even_on_a_very_long_line() -> None:
    """Each candidate name reads at most `LINE_WINDOW` characters either side: a 100 KB
    paste without a line break once made every name read the whole line (minutes)."""
    from jupyter_safeai.scan.name_context import LINE_WINDOW, line_around

    text = "x " * 50_000 + "Garcia, Maria" + " y" * 50_000
    start = text.index("Garcia")
    end = start + len("Garcia, Maria")
    low, high, whole = line_around(text, start, end)
    assert start - low == LINE_WINDOW and high - end == LINE_WINDOW and not whole
    assert line_around("# Notes\nGarcia, Maria", 8, 21) == (8, 21, True)


@pytest.mark.parametrize("line", [
    "Notebook written with help from Maria Garcia", "Thanks to Maria Garcia",
    "Copyright Maria Garcia", "(c) Maria Garcia", "Content adapted by Maria Garcia",
])
def test_every_byline_form_passes_the_quick_word_check(line: str) -> None:
    """The cheap word test before `_BYLINE` may skip only windows the regex cannot match."""
    from jupyter_safeai.scan.name_context import _BYLINE, _byline

    before = line[:line.index("Maria")]
    assert bool(_BYLINE.search(before)) == _byline(before)
