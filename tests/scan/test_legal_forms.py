"""Firms as many locales write them (a surname before a legal form, partners joined by a
locale's `and`, a firm's word before a surname): no person; a person marked as one
beside them, or a name before a degree or a clinical abbreviation, still one."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.legal_forms import (
    _WORD_BEFORE,
    _word_before,
    firm_word_before,
    form_after,
)
from jupyter_safeai.scan.name_context import in_organisation
from tests.scan.found_text import persons


@pytest.mark.parametrize("text", [
    "We signed with Moreau SARL yesterday.",
    "Nowak Sp. z o.o. paid the bill.",
    "The invoice came from Holmberg AB today.",
    "She consults for Herrera y Asociados.",
    "They bought it from Pereira Ltda.",
    "He audits Horváth és Szabó Kft. each year.",
    "We met the board of Hansen, Berg og Dahl.",
    "Grupo Herrera opened a plant.",
    "Payment went to Ferreira e Filhos on Monday.",
    "We met the board of Bianchi, Conti e Greco.",
    "The audit of Lindgren Persson HB is due.",
    "The contract with Nagy és Varga Kft. ended.",
    "The board appealed (“Delacroix Fournel SARL”). It lost.",
    "The goods came from “Kowalczyk Sp. z o.o.”. They were late.",
    "The court allowed Quintanar e Hijos’s appeal in full.",
    "It followed the reasoning in the Delacroix Fournel SARL's decision.",
    "Vranceanu Moldovan SRL\n40117 Strada Lunga 9\nCluj",
])
def test_a_firm_of_a_locale_is_no_person(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Dr. Moreau of Moreau SARL called.", "Moreau"),
    ("Mr Visser called about his results.", "Visser"),
    ("Holmberg, 54, was admitted.", "Holmberg"),
    ("Anna Moreau BA teaches here.", "Anna Moreau"),
    ("Karin Holmberg HB 9.2 today.", "Karin Holmberg"),
    ("Maria Herrera ED visit last night.", "Maria Herrera"),
    ("ANNA NOWAK AS A CHILD WAS ADMITTED.", "ANNA NOWAK"),
    ("Karin Holmberg AB negative, crossmatch sent.", "Karin Holmberg"),
    ("Pt Holmberg HB\n9.2 this morning", "Pt Holmberg"),
    ("Patients Ramos, Vidal and Cortés were admitted.", "Ramos, Vidal"),
    # given names joined by another language's `and` are people, not partners
    ("I met Ana, Pedro y Lucía at the clinic.", "Ana, Pedro y Lucía"),
    ("Ana, Pedro y Lucía came to the clinic.", "Ana, Pedro y Lucía"),
    ("José Ortega y Gasset wrote it.", "José Ortega y Gasset"),
])
def test_a_person_beside_a_look_alike_stays_one(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Moreau SARL", True), ("Moreau S.A.R.L.", True), ("Visser B.V.", True),
    ("Visser BV", True), ("Nowak Sp. z o.o.", True), ("Pereira Ltda", True),
    ("Pereira Ltda.", True), ("Herrera y Asociados", True), ("Lemaire et Fils", True),
    ("Holmberg AB", True), ("Keller GmbH", True), ("Virtanen Oy", True),
    # degrees, records, clinical and statistical abbreviations, words: no legal form
    ("Moreau BA", False), ("Nowak CV", False), ("Herrera ED", False),
    ("Holmberg SD", False), ("Nowak as", False), ("Moreau e.g.", False),
    ("Moreau SARLX", False), ("Holmberg HB 9.2", False), ("Visser y", False),
    # a bracket or a quote, then the sentence's stop
    ("Moreau SARL”).", True), ("Holmberg AB).", True), ("Nowak Sp. z o.o.”.", True),
    ("Moreau SARL”)x", False), ("Herrera ED).", False),
    # a possessive after the form
    ("Moreau SARL's staff", True), ("Herrera y Asociados’s appeal", True),
    ("Nowak CV's", False), ("Moreau Sarl's", False),
    # a number on the next line is an address block's, no measurement
    ("Vranceanu SRL\n40117 Strada Lunga 9", True), ("Holmberg HB\n9.2", True),
    ("Holmberg HB 9.2\nok", False),
])
def test_form_after(text: str, expected: bool) -> None:
    assert form_after(text, text.index(" ") + 1) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Grupo Herrera", True), ("Stichting Visser", True), ("Fundacja Nowak", True),
    ("Laboratorios Herrera", True), ("Hermanos Herrera", False), ("Royal Visser", False),
    ("grupo Herrera", False), ("Doctor Herrera", False),
])
def test_firm_word_before(text: str, expected: bool) -> None:
    assert firm_word_before(text, text.index(" ") + 1) is expected


@pytest.mark.parametrize("text", [
    "Grupo Herrera", "Grupo  Herrera", "Grupo\nHerrera", "x Grupo Herrera", "Gr_upo Herrera",
    "Grupo2 Herrera", "2Grupo Herrera", "Grupo² Herrera", "Grupo٣ Herrera", "Grüpo Herrera",
    "-Grupo Herrera", " Herrera", "Herrera", "Fundacjaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa Nowak",
    "ein Fundacja Nowak", "Stichting Visser",
])
def test_word_before_reads_what_the_search_found(text: str) -> None:
    # the word read back from the blank is the search's, at every start (a word longer
    # than the 30 characters cut at their start, digits, `_` and marks ending it)
    for start in range(len(text) + 1):
        found = _WORD_BEFORE.search(text, max(0, start - 30), start)
        assert _word_before(text, start) == (found.group(1) if found else "")


def test_word_before_holds_the_letters_re_reads_as_such() -> None:
    # `[^\W\d_]`: `isalnum` and no decimal digit, over the first planes
    import re

    letter = re.compile(r"[^\W\d_]")
    for code in range(0x3000):
        char = chr(code)
        assert (letter.fullmatch(char) is not None) is (
            char.isalnum() and not char.isdecimal()), hex(code)


def test_in_organisation_reads_a_form_inside_or_after_the_name() -> None:
    text = "Payment from Lindgren Persson HB arrived."
    assert in_organisation(text, 13, 29)  # `Lindgren Persson`, `HB` after it
    text = "I was hired by Pereira Ltda."
    assert in_organisation(text, 15, 27)  # `Pereira Ltda` read as one name
    text = "The contract with Nagy és Varga Kft. ended."
    assert in_organisation(text, 18, 22)  # `Nagy`, a partner and the form after it
    text = "The contract with Nagy és Varga ended."
    assert not in_organisation(text, 18, 22)


@pytest.mark.parametrize(("text", "name"), [
    # a patient's word on the line: other locales' firm readings drop no name there
    ("Pt Moreira Ltda reports a cough since Sunday.", "Moreira"),
    ("Pt Barbosa SRL, 72 y/o, fell at home.", "Barbosa"),
    ("Admitted overnight: Quiroga, Bustos y Ledesma, all with sepsis.", "Quiroga"),
    ("Rafael Teixeira e Filhos brought the patient in.", "Rafael Teixeira"),
    # a given name that is a surname too (`N`) is no partner's surname
    ("Guests: Daniel, Marta und Karl Vogel stayed late.", "Karl Vogel"),
])
def test_a_patient_or_a_given_name_beside_a_locale_firm_reading_stays_one(
        text: str, name: str) -> None:
    assert any(name in found for found in persons(text))


@pytest.mark.parametrize("text", [
    # no patient's word, surnames only: still firms
    "We met the board of Quiroga, Bustos y Ledesma.",
    "The reagents came from Moreira Ltda last week.",
])
def test_a_locale_firm_without_a_patient_is_still_none(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "name"), [
    # an age after the name or its form: a patient
    ("Wisniewski SA, 58 y/o, syncope.", "Wisniewski"),
    # clinical abbreviations Faker also lists as forms, with or without periods
    ("Greta Lindholm SAD symptoms since October.", "Greta Lindholm"),
    ("Lindholm SAD symptoms since October.", "Lindholm"),
])
def test_an_age_or_a_clinical_abbreviation_after_a_name_keeps_it(text: str, name: str) -> None:
    assert any(name in found for found in persons(text))


@pytest.mark.parametrize("text", ["Lindholm SAD", "Lindholm S.A.D.", "Lindholm SAT",
                                  "Lindholm SC", "Lindholm AC"])
def test_clinical_abbreviations_are_no_form(text: str) -> None:
    assert not form_after(text, text.index(" ") + 1)


def test_without_faker_or_with_an_odd_faker_file_no_form_and_no_error(
        monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    from jupyter_safeai.scan import legal_forms

    try:
        monkeypatch.setattr(legal_forms, "package_dir", lambda package: None)
        legal_forms._lists.cache_clear()
        assert not form_after("Moreau SARL", 7) and not firm_word_before("Grupo Herrera", 6)
        assert persons("Pt Moreau SARL was admitted.")  # more findings, never fewer
        # a locale whose lists another Faker version writes otherwise: that list skipped
        folder = tmp_path / "providers" / "company" / "xx_XX"
        folder.mkdir(parents=True)
        (folder / "__init__.py").write_text(
            "company_suffixes = OrderedDict([1, 2])\ncompany_prefixes = 7\n"
            "formats = ('{{last_name}} SARL',)\n", "utf-8")
        monkeypatch.setattr(legal_forms, "package_dir", lambda package: tmp_path)
        legal_forms._lists.cache_clear()
        assert form_after("Moreau SARL", 7) and not firm_word_before("Grupo Herrera", 6)
    finally:
        monkeypatch.undo()
        legal_forms._lists.cache_clear()
    assert form_after("Moreau SARL", 7)
