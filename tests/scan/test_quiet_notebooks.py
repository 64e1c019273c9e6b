"""Ordinary notebook output that names an identifier's column or key but holds none: a
table of cities, `df.describe()`, row numbers under `subject_id`, code that compares a
`cell`, decimals after `dL/dw`, GPU model names, durations, links into a manual. Each
case beside the identifier the same reader must still find."""

from __future__ import annotations

import pytest

import jupyter_safeai
from jupyter_safeai.scan.columns import plausible_value
from jupyter_safeai.scan.records import RecordRecognizer
from jupyter_safeai.scan.tables import TextTableRecognizer
from tests.scan.found_text import pairs_of

found = pairs_of(jupyter_safeai.scan_text)


table = pairs_of(TextTableRecognizer().find)


records = pairs_of(RecordRecognizer().find)


def test_right_aligned_table_of_places_only_is_no_phi() -> None:
    places = ("   region        town  inhabitants\n"
              "0      NE      Bangor        31753\n"
              "1      SW  Eureka Bay         9210\n")
    assert table(places) == []
    person = ("   patient_name        town  inhabitants\n"
              "0   Orla Quimby      Bangor        31753\n")
    assert ("LOCATION", "Bangor") in table(person)


def test_describe_statistics_are_no_values_but_its_top_row_is() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"weight": [70.2, 81.5, 64.0, 77.7],
                          "patient_name": ["Orla Quimby", "Bram Tolliver", "Orla Quimby",
                                           "Ines Marwood"],
                          "zip_code": ["04401", "04401", "04769", "04609"]})
    summary = frame.describe(include="all").to_string()
    found = table(summary)
    # count, unique, freq, mean, std and the quantiles are statistics; `top` holds the
    # most frequent name and ZIP code, values of the column
    assert {value for _, value in found} == {"Orla Quimby", "04401"}, summary
    assert ("ZIP_CODE", "04769") in table(frame.to_string())


@pytest.mark.parametrize(("entity", "value", "plausible"), [
    ("UNIQUE_ID", "7", False), ("UNIQUE_ID", "42", False), ("UNIQUE_ID", "4182", True),
    ("DEVICE_ID", "1", False), ("MEDICAL_RECORD_NUMBER", "00731", True),
    ("PHONE_NUMBER", "== 'code'):", False), ("PHONE_NUMBER", "(207) 555-0143", True),
    ("STREET_ADDRESS", "grpc://", False), ("URL", "https://portal.example.org/p/1", True),
    ("PERSON", "Orla Quimby", True), ("PERSON", "maria", True),
    ("PERSON", "a quick check is *if I knew all of its parents*", False),
    ("PERSON", "`foo`", False),
    ("EMAIL_ADDRESS", "1", False), ("EMAIL_ADDRESS", "ines.marwood@uni.example", True),
    ("ACCOUNT_NUMBER", "WARNING:2021-06-17 15:04:59", False),
    ("ACCOUNT_NUMBER", "4481002937", True),
])
def test_plausible_value_by_content(entity: str, value: str, plausible: bool) -> None:
    assert plausible_value(entity, value) is plausible


def test_row_numbers_under_a_study_id_are_not_ids() -> None:
    toy = ("   subject_id first_name\n"
           "0           1       Orla\n"
           "1           2       Bram\n")
    assert [e for e, _ in table(toy)] == ["PERSON", "PERSON"]
    real = ("   subject_id first_name\n"
            "0       10417       Orla\n")
    assert ("UNIQUE_ID", "10417") in table(real)
    assert records("subject_ids = {'subject_id': ['3', '4'], 'mrn': '5521873'}") == [
        ("MEDICAL_RECORD_NUMBER", "5521873")]


@pytest.mark.parametrize("code", [
    "for cell in nb.cells:\n    if cell.cell_type == 'code':\n        pass",
    "cell.metadata.foo = !v;",
    "tpu_address = \"grpc://\" + os.environ[\"COLAB_TPU_ADDR\"]",
    'city_pop2.columns = ["population", "name", "state"]',
    "links {\n  device_id: 1\n  type: \"StreamExecutor\"\n}",
])
def test_code_under_identifier_keys_is_not_a_value(code: str) -> None:
    assert found(code) == []


def test_keys_still_say_what_values_are() -> None:
    assert records("cell: 207-555-0143\nssn: 219-09-9999") == [
        ("PHONE_NUMBER", "207-555-0143"), ("US_SSN", "219-09-9999")]
    assert records("patient.mrn = 'A-5521873'") == [("MEDICAL_RECORD_NUMBER", "A-5521873")]


def test_decimals_and_model_names_are_not_licences_or_serials() -> None:
    assert found("dL/dw :  -0.731999412\ndL/db: -0.218000113") == []
    assert found("device: 0, name: Tesla V100-SXM2-32GB, pci bus id: 0000:00:04.0") == []
    assert found("order_id      3711 non-null  int64") == []
    assert ("LICENSE_NUMBER", "D4471093") in found("Driver's license D4471093 on file")
    assert ("DEVICE_ID", "PM-88213-XQ") in found("Pacemaker serial PM-88213-XQ")


def test_a_span_of_years_is_no_age() -> None:
    assert found("In just over 100 years the method spread everywhere.") == []
    assert found("Paper from the last 120 years decays.") == []
    assert ("AGE", "97 years") in found("The patient, 97 years, lives alone.")
    # `y/o`, `yo` are always someone's age, whatever stands before them
    assert ("AGE", "95 y/o") in found("Pt is almost 95 y/o.")
    assert ("AGE", "97 yo") in found("She is nearly 97 yo.")


def test_links_into_a_manual_or_a_project_site_are_references() -> None:
    assert found("See [how to set up your profile](https://ipyparallel.org/en/manual/"
                 "process.html#using-mpi)") == []
    assert found("[Rust](https://www.rust-lang.org/learn) builds the extension") == []
    assert ("URL", "https://www.garcia-smith.biz/about") in found(
        "her profile https://www.garcia-smith.biz/about")


def test_a_bare_on_ties_a_partial_date_only_in_text_about_a_person() -> None:
    assert found("Lecture notes on Bayesian Filtering. Mar. 2011") == []
    assert found("We would have forecast a failure on October 3rd as well.") == []
    assert ("DATE", "Oct 3") in found("The patient was admitted on Oct 3 with a fever.")
    assert ("DATE", "Oct 3") in found("Follow-up appointment on Oct 3.")


def test_one_word_after_an_article_is_a_thing_not_a_person() -> None:
    """`the Beta`, `This Law`, `a Beta prior`: English names no person with an article,
    though the name lists know Beta and Law; a name after a person noun still counts."""
    for text in ("The mean of the Beta is mu and its variance is small.",
                 "This Law holds for almost any distribution.",
                 "We use a Beta prior on the rate."):
        assert not [value for entity, value in found(text) if entity == "PERSON"], text
    assert ("PERSON", "Maria") in found("the patient Maria from Leeds was seen today")
