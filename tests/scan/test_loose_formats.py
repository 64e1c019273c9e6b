"""Numbers after their label whatever their separators, and names in lower case or
`SURNAME, GIVEN` form (labelled.py, loose_names.py), with the texts they must leave."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan import Scanner
from jupyter_safeai.scan.labelled import LabelledNumberRecognizer
from jupyter_safeai.scan.loose_names import LooseNameRecognizer
from tests.scan.found_text import texts_of


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    return Scanner(ner=False)


@pytest.mark.parametrize(("text", "entity", "value"), [
    ("SSN: 2 3 4 5 6 7 8 9 1 on file", "US_SSN", "2 3 4 5 6 7 8 9 1"),
    ("S.S.N. 234.56.7891", "US_SSN", "234.56.7891"),
    ("soc. sec. # 234 567 891", "US_SSN", "234 567 891"),
    ("ssn (copied from the scanned intake form): 234567891", "US_SSN", "234567891"),
    ("id 234_56_7891 in the export", "US_SSN", "234_56_7891"),
    ("cell: 7 1 8 3 2 4 6 6 0 1", "PHONE_NUMBER", "7 1 8 3 2 4 6 6 0 1"),
    ("reach her on 718/324/6601", "PHONE_NUMBER", "718/324/6601"),
    ("D.O.B. 07 22 1961 (63 yo)", "DATE", "07 22 1961"),
    ("credit card 4 5 3 2 0 1 5 1 1 2 8 3 0 3 6 6", "CREDIT_CARD",
     "4 5 3 2 0 1 5 1 1 2 8 3 0 3 6 6"),
    ("paid with 4532.0151.1283.0366", "CREDIT_CARD", "4532.0151.1283.0366"),
])
def test_loose_numbers_are_found(scanner: Scanner, text: str, entity: str, value: str) -> None:
    assert texts_of(scanner.scan)(text, entity) == [value]


@pytest.mark.parametrize("text", [
    "SSN: 1 2 3 4 5 6 7 8 9",  # a documentation value
    "phone extension 4 1",  # too few digits
    "np.array([1 0 1 1 0 0 1 0 1])",  # a printed bool array, no label
    "version 234.56.7891 released",  # dots without a label read as a version... unless valid
    "DOB unknown; visit 12 3 2020",  # not a date after the label
])
def test_numbers_without_their_shape_or_label_are_left(text: str) -> None:
    found = list(LabelledNumberRecognizer().find(text))
    if text.startswith("version"):
        # an SSN-shaped 3-2-4 with dots is read as one: the shape is the evidence
        assert [text[f.start:f.end] for f in found] == ["234.56.7891"]
    else:
        assert found == []


@pytest.mark.parametrize(("text", "value"), [
    ("seen pt roberto alvarez, 58 yo, fever", "roberto alvarez"),
    ("mrs jennifer walsh called back", "jennifer walsh"),
    ("nok: folake adeyemi-okoro, 40 yo", "folake adeyemi-okoro"),  # unlisted: cue and age
    ("Admitted WHITTAKER, CORDELIA (77) overnight", "WHITTAKER, CORDELIA"),
    ("patient:\n  name: Ostrowski, Halina\n", "Ostrowski, Halina"),
    ('"Ferreira, Joana",45,B', "Ferreira, Joana"),
    ("{'name': 'BRANNIGAN, TOBIAS'}", "BRANNIGAN, TOBIAS"),
    ("contact smith, john for details", "smith, john"),  # both listed
])
def test_loose_names_are_found(scanner: Scanner, text: str, value: str) -> None:
    assert value in texts_of(scanner.scan)(text, "PERSON")


@pytest.mark.parametrize("text", [
    "the patient has a fever and will rest at home",
    'plt.title("Kaplan-Meier, Cox-adjusted")',
    "columns: name, age, ward",
    "However, Python is fine",
    "pt stable, 67 yo, no distress",
    '"Boston, MA",02115',
])
def test_prose_and_methods_are_not_names(text: str) -> None:
    assert list(LooseNameRecognizer().find(text)) == []


def test_a_far_label_is_read_past_another_label_word(scanner: Scanner) -> None:
    text = "DOB, which her son confirmed over the phone yesterday, is 07 22 1961."
    assert texts_of(scanner.scan)(text, "DATE") == ["07 22 1961"]
