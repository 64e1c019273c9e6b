"""Capitalised words in teaching notebooks that only look like names: a tool's
timestamp, a product and its noun, an eponym with an adjective, items of a list of
things, a Japanese word before `さん`. Each beside the person the same rule must keep."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.loose_names import LooseNameRecognizer
from tests.scan.found_text import persons as people
from tests.scan.found_text import texts_of

loose = texts_of(LooseNameRecognizer().find)


@pytest.mark.parametrize("text", [
    "Python\t3.9.1\nOS\tLinux\nSun Jun 20 08:01:44 2021 UTC",
    "Last run: Fri Mar 4 11:20:09 2022",
    "generated on Wednesday, May 12 by the build",
])
def test_a_weekday_and_month_before_a_day_is_a_date(text: str) -> None:
    assert people(text) == []


def test_a_month_that_is_a_name_stays_a_name_in_a_note() -> None:
    assert people("Patient June Okafor, 58, was seen on Thu Jul 8.") == ["June Okafor"]


@pytest.mark.parametrize("text", [
    "Start the Jupyter Notebook server from a terminal.",
    "You can open a Qt Console next to the kernel.",
    "Code cells in Jupyter Notebooks run one at a time.",
])
def test_a_product_and_its_noun_are_no_person(text: str) -> None:
    assert people(text) == []


@pytest.mark.parametrize("text", [
    "Applying Ohm's current law to the loop gives the voltage drop.",
    "By Newton's second law the force equals mass times acceleration.",
])
def test_an_eponym_with_its_adjective_names_a_law(text: str) -> None:
    assert people(text) == []


def test_a_possessive_before_other_words_is_still_a_person() -> None:
    assert "Harriet Olsen" in people("Patient Harriet Olsen's current medication is warfarin.")


@pytest.mark.parametrize("text", [
    "Export to formats such as HTML, Markdown, PNG, SVG, PDF and more.",
    "It runs in Firefox, Opera or Edge without a plugin.",
    "Try a hosted service like Kaggle, Gradient or Colab.",
    "Xtr, Xval, ytr, yval = split(X, y)",
    "The stack: Pandas, Altair, Blaze, Bokeh, and friends.",
])
def test_items_of_a_list_of_things_are_no_surname_and_given_name(text: str) -> None:
    assert loose(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Admitted WHITTAKER, CORDELIA (77), MORROW, ABEL (80)", "WHITTAKER, CORDELIA"),
    ("name: Okonjo, Adaeze, Vance", "Okonjo, Adaeze"),
    ("Seen: Garcia, Maria, Lopez, Juan and Kim, Jiwoo", "Garcia, Maria"),
])
def test_a_listed_or_cued_pair_in_a_list_stays_a_name(text: str, name: str) -> None:
    assert name in loose(text)


@pytest.mark.parametrize("text", [
    "こんにちは。皆さんはこの回路を自分で組み立ててみてください。",
    "患者さんの数はこの表にあります。",
])
def test_japanese_words_before_an_honorific_are_no_names(text: str) -> None:
    assert people(text) == []


def test_a_japanese_name_before_an_honorific_is_found() -> None:
    assert people("例えば数字です。佐藤さんは数字を表す際は") == ["佐藤"]


def test_a_heading_with_a_colon_is_no_record() -> None:
    from jupyter_safeai.scan.records import RecordRecognizer

    heading = "## Last things last: tidying up the plots"
    assert list(RecordRecognizer().find(heading)) == []
    record = "first: Marisol\nlast: Quintero\ndob: 1961-02-03\n"
    assert ("PERSON", "Marisol") in [(f.entity, record[f.start:f.end])
                                     for f in RecordRecognizer().find(record)]


def test_a_call_in_prose_is_no_name_and_age() -> None:
    assert people("To roll a die, use `Rand(1,6)` twice.") == []
    assert "Harold" in people("Seen today: Harold (67, M) with chest pain.")


@pytest.mark.parametrize("text", [
    "Store the files on Rackspace CloudFiles or OpenStack Swift containers.",
    "Open the file in JupyterLab Desktop and run it.",
])
def test_a_product_word_capitalised_inside_is_no_name(text: str) -> None:
    assert people(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Patient MaryAnn Kowalczyk was admitted.", "MaryAnn Kowalczyk"),
    ("Dr. Imelda MacArthur reviewed the scan.", "Imelda MacArthur"),
])
def test_names_capitalised_inside_stay_names(text: str, name: str) -> None:
    assert name in people(text)


def test_prose_in_bengali_is_no_list_of_names() -> None:
    prose = ("এই অধ্যায়ে আমরা দেখব কীভাবে একটি সার্কিট তৈরি করতে হয় এবং "
             "রহিম কীভাবে পরিমাপ করা হয় তা শিখব। প্রতিটি ধাপ সহজ।")
    assert people(prose) == []


@pytest.mark.parametrize("text", [
    "It plays in Opera, Safari or Edge without a plugin.",
    "Libraries such as SciPy, Theano, Blaze, Bokeh, and others help here.",
])
def test_a_list_of_things_read_item_by_item_names_no_one(text: str) -> None:
    assert people(text) == []


def test_people_in_a_list_are_each_a_name() -> None:
    from jupyter_safeai.scan.names import NameRecognizer

    text = "Patients seen: Ana Ruiz, Ida Berg and Tom Lee."
    found = [text[f.start:f.end] for f in NameRecognizer().find(text)]
    assert {"Ana Ruiz", "Ida Berg", "Tom Lee"} <= set(found)


def test_a_firm_of_partners_stays_a_firm() -> None:
    assert people("Quist, Ferreira and Holm is a law practice in Oslo.") == []


@pytest.mark.parametrize("text", [
    "Order 12: [Olive, Basil, Pepper]...   $4.50",
    "Herbs (Dried), [Rosemary, Basil, Sage]...",
])
def test_three_items_of_a_list_are_no_surname_and_given_name(text: str) -> None:
    assert people(text) == []


def test_a_surname_and_given_name_pair_alone_is_still_a_name() -> None:
    assert people("Discharged: Brennan, Olive.") != []


@pytest.mark.parametrize("text", [
    "Average count of two-qubit gates per Clifford: 1.52",
    "Then apply Pauli and Toffoli gates to the second register.",
])
def test_eponyms_of_quantum_gates_are_no_names(text: str) -> None:
    assert people(text) == []


def test_an_eponym_that_is_a_given_name_still_names_a_patient_with_a_surname() -> None:
    assert people("Patient Clifford Mbeki was admitted.") == ["Clifford Mbeki"]


@pytest.mark.parametrize("text", [
    "The effect was first reported in Phys. Rev. Lett. 98, 1203 (2007).",
    "See Rev. Mod. Phys. and Phys. Rev. Letters for the derivation.",
    "Chem. Soc. Rev. Dalton surveys the ligands.",
    "Cited as J. Appl. Phys. Rev. Quinn (2011) in the notes.",
])
def test_rev_after_an_abbreviation_is_a_journals_review_not_a_title(text: str) -> None:
    assert people(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Rev. Okafor led the service.", "Okafor"),
    ("After the hymn, Rev. Whitcombe spoke.", "Whitcombe"),
    ("Visited by the Rev. Lindqvist on Sunday.", "Lindqvist"),
    ("The Phys. Rev. B paper was read aloud by Rev. Abernathy.", "Abernathy"),
])
def test_rev_as_a_title_still_names_the_person_after_it(text: str, name: str) -> None:
    assert any(name in found for found in people(text)), people(text)
