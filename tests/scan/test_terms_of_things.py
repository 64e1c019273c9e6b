"""Capitalised words that name a dish, a monarch or a cited author stay quiet in a
notebook, and so does a scientist whose surname names a term in the same text; a
person written in the same shapes, with an age or a patient's word beside, is still
found (terms.py: `_title_case_thing`, `_regnal_name`, `_namesake_of_a_term`, and
citations.py's `cited_author`, whose own tests are in test_citations.py)."""

from __future__ import annotations

import pytest

from tests.scan.found_text import persons


@pytest.mark.parametrize("text", [
    # English words in title case ending in a noun no name list knows: a dish, a product
    "   basket                                  extras\n"
    "0      4  [Roasted Corn Salsa (Hot), [Pinto Beans, Ric...\n",
    "   basket                                  extras\n"
    "0      3  [Fresh Corn Salsa (Mild), [Kidney Beans, Sour...\n",
    # a monarch's regnal name: a style, a district, a period
    "data = [{'price': 410000, 'district': 'Queen Victoria'}, {'price': 390000, "
    "'district': 'Ballard'}]",
    "Houses built in the King George III period are listed as heritage buildings.",
    # a scientist whose surname names a term in the same text
    "This is known as Bayes' Theorem, after its discoverer Thomas Bayes.",
    "We ran Fisher's exact test on the table, a test Ronald Fisher devised for small counts.",
    "A Markov chain forgets its past; Andrey Markov studied them first.",
    # a cited author: a reference mark in the clause, `et al.`, a bibliography entry
    "More recently, H. Lindqvist argues [7] that priors matter more than we think.",
    "The anchoring effect (see the work of Ingrid Tamm *et. al* on it) is well known.",
    "## References\n\n"
    "-  [1] Okafor, Chidi. 2017. [Sampling for people in a hurry](https://example.org/s)\n"
    "-  [2] Lena Marsh. Tables. In STAT101. Retrieved 12/02/2015, from "
    "<https://example.edu/t>\n",
    "詳細は Helga Brandt による文献[4]を参照してください。",
    "Further reading:\n"
    "* Ingrid Tamm and Tom Weller, [Sampling in practice](https://example.org/p), 2015\n",
])
def test_things_and_cited_authors_are_no_persons(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Maria Pinto was admitted with chest pain.", "Maria Pinto"),
    ("Patient: Rose Baker, seen today for follow-up.", "Rose Baker"),
    ("Anne King was discharged home on Monday.", "Anne King"),
    # a regnal title with an age or a patient's word is a person's name
    ("Queen Smith, 61, was admitted overnight.", "Queen Smith"),
    ("Queen Esther was seen today; she reports less pain.", "Queen Esther"),
    # a numbered line about a patient is no bibliography entry
    ("[2] Lena Marsh, admitted 2019. Follow-up in clinic.", "Lena Marsh"),
    ("[3] Lena Marsh. Discharged home 2019.", "Lena Marsh"),
    # a list item with a link is a citation only with a linked title and a year after it
    ("Attendees:\n- Ingrid Tamm, 2019 cohort\n- Tom Weller, [profile](https://example.org/u)",
     "Tom Weller"),
    ("1. Ingrid Tamm called back at 3 pm.\n2. Tom Weller, 2019, [form](https://example.org/f)",
     "Tom Weller"),
    ("- Ingrid Tamm and Tom Weller, [visit notes](https://example.org/p/1), admitted 2019",
     "Tom Weller"),
    # a title outweighs a reference mark; a bracket holding words is no reference mark
    ("Dr. Tamm writes [5] that the patient is stable.", "Tamm"),
    ("Ingrid Tamm called about her test results [2 attached].", "Ingrid Tamm"),
    # an eponym's namesake with no term of that name in the text, or beside an age or
    # a patient's word
    ("Thomas Bayes was seen in clinic today.", "Thomas Bayes"),
    ("Ronald Fisher, 54, was admitted after a fall; Fisher's exact test was not needed.",
     "Ronald Fisher"),
    ("Mary Wilson was admitted; the Wilson score interval is used below.", "Mary Wilson"),
    # a sentence in title case: the noun after the name is its verb
    ("Superman Kill his self", "Superman"),
])
def test_people_in_the_same_shapes_are_found(text: str, name: str) -> None:
    assert any(name in found for found in persons(text)), persons(text)
