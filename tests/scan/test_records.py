"""Structured records: a key naming a person's attribute makes its value a finding
(records.py), aligned printouts are read by their column edges (tables.py), and
configuration files are not read as Python (code.py)."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan import Scanner
from jupyter_safeai.scan.code import python_identifier_spans
from jupyter_safeai.scan.records import RecordRecognizer, record_entity


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    return Scanner(ner=False)


def found(scanner: Scanner, text: str) -> set[tuple[str, str]]:
    return {(f.entity, text[f.start:f.end]) for f in scanner.scan(text)}


def covered(scanner: Scanner, text: str, value: str) -> bool:
    start = text.index(value)
    findings = scanner.scan(text)
    return all(any(f.start <= at < f.end for f in findings)
               for at in range(start, start + len(value)))


HL7 = ("MSH|^~\\&|ADT|NORTH|||202402011030||ADT^A04|77|P|2.5\n"
       "PID|1||73019244^^^NORTH^MR||OYELARAN^BUKOLA^T||19710923|F|||9 Quarry Rd^^Dover^DE^19901"
       "||3025550147|||||AC99120|219-44-7310\n"
       "PV1|1|O|CLINIC||||4411^HARGREAVE^SILAS")


@pytest.mark.parametrize(("entity", "value"), [
    ("MEDICAL_RECORD_NUMBER", "73019244"), ("PERSON", "OYELARAN^BUKOLA^T"),
    ("DATE", "19710923"), ("STREET_ADDRESS", "9 Quarry Rd"), ("LOCATION", "Dover"),
    ("ZIP_CODE", "19901"),
    ("PHONE_NUMBER", "3025550147"), ("ACCOUNT_NUMBER", "AC99120"), ("US_SSN", "219-44-7310"),
    ("PERSON", "HARGREAVE^SILAS"),
])
def test_hl7_fields(scanner: Scanner, entity: str, value: str) -> None:
    assert (entity, value) in found(scanner, HL7)


@pytest.mark.parametrize(("text", "entity", "value"), [
    ('{"resourceType": "Patient", "name": [{"family": "Quaye", "given": ["Efua"]}]}',
     "PERSON", "Quaye"),
    ('{"resourceType": "Patient", "name": [{"family": "Quaye", "given": ["Efua"]}]}',
     "PERSON", "Efua"),
    ('{"birthDate": "1969-02-11", "gender": "female"}', "DATE", "1969-02-11"),
    ('"identifier": [{"system": "urn:oid:2.16.840.1", "value": "A7730021"}]', "UNIQUE_ID",
     "A7730021"),
    ("<Patient><family value=\"Quaye\"/><given value=\"Efua\"/></Patient>", "PERSON", "Quaye"),
    ("<row><surname>Quaye</surname><ward>3</ward></row>", "PERSON", "Quaye"),
    ("INSERT INTO pt (id, given_name, family_name, birth_date) VALUES "
     "(4, 'efua', 'quaye', '1969-02-11');", "PERSON", "quaye"),
    ("[patient]\nfirst_name = efua\nlast_name = quaye\n", "PERSON", "quaye"),
    ('[patient]\nfirst_name = "efua"\n', "PERSON", "efua"),
    ("PATIENT_LAST_NAME=quaye\nWARD=3\n", "PERSON", "quaye"),
    ("patient:\n  family: quaye\n  ward: 3\n", "PERSON", "quaye"),
    ("mrn: 0044-7781 (old system)", "MEDICAL_RECORD_NUMBER", "0044-7781"),
])
def test_record_values_are_findings(scanner: Scanner, text: str, entity: str,
                                    value: str) -> None:
    assert (entity, value) in found(scanner, text)


@pytest.mark.parametrize("text", [
    "name: build-and-test\nversion: 2\n",  # a vague key alone
    "DATABASE_URL=postgresql://localhost:5432/dev\n",
    "AccountName=cohort81;AccountKey=\n",
    "email: <your email>\nphone: {phone}\n",
    "x = row['mrn']\nfirst_name = df.first_name.str.title()\n",
    "INSERT INTO runs (id, score) VALUES (1, 0.93);",
    "dob: null\nssn: N/A\n",
])
def test_gaps_templates_and_code_are_not_values(text: str) -> None:
    assert list(RecordRecognizer().find(text)) == []


def test_keys_map_to_entities() -> None:
    assert record_entity("family") == ("PERSON", True)
    assert record_entity("birthDate") == ("DATE", True)
    assert record_entity("postalCode") == ("ZIP_CODE", True)
    assert record_entity("website") is None  # the value says it is a URL
    assert record_entity("device_name") is None
    assert record_entity("name") == ("PERSON", False)


def test_aligned_printout_with_one_space_between_headers(scanner: Scanner) -> None:
    rows = [("id", "mrn", "dob", "first", "last"),
            ("7", "30417722", "1969-02-11", "Efua", "Quaye"),
            ("12", "30417723", "1970-05-30", "Kwame", "Mensah")]
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    text = "\n".join(" ".join(v.rjust(w) for v, w in zip(row, widths, strict=True))
                     for row in rows)  # df.to_string(index=False)
    assert text.startswith("id      mrn        dob first   last")
    for value in ("30417722", "1969-02-11", "Quaye", "Efua", "Mensah", "30417723"):
        assert covered(scanner, text, value), value


def test_prose_of_equal_line_length_is_no_table() -> None:
    from jupyter_safeai.scan.tables import TextTableRecognizer

    text = "please send the dob list\nwhen they are back today"
    assert list(TextTableRecognizer().find(text)) == []


def test_configuration_is_not_python() -> None:
    assert python_identifier_spans("[patient]\nfirst_name = efua\n") is None
    assert python_identifier_spans("LAST_NAME=quaye\nWARD=3\n") is None
    assert python_identifier_spans("x = compute(y)\nz = x + 1\n") is not None


def test_column_rule_prefilter_says_no_only_where_every_rule_does() -> None:
    """`columns._ANY_RULE` (one search) and the rules one by one agree on names built
    from the rules' own words."""
    import random
    import re

    from jupyter_safeai.scan import columns

    words = sorted({w for p, _, _ in columns._RULES for w in re.findall(r"[a-z0-9]+", p)})
    rng = random.Random(13)
    for _ in range(5000):
        key = "_".join(rng.choice([*words, "x", "foo"]) for _ in range(rng.randint(1, 3)))
        by_rules = next(((e, c) for p, e, c in columns._COMPILED if p.search(key)), None)
        assert columns.normalised_entity(key) == by_rules, key


@pytest.mark.parametrize("text", [
    "columns (name: dtype):\n  patient_name: str\n  mrn: object\n  dob: datetime64[ns]\n"
    "  zip: Int64\n",
    "def admit(first_name: str, dob: date, mrn: Optional[str] = None) -> None: ...",
])
def test_a_type_where_a_value_would_stand_is_no_value(scanner: Scanner, text: str) -> None:
    """A schema or an annotation describes the data; it holds none."""
    assert not {e for e, _ in found(scanner, text)} & {"PERSON", "MEDICAL_RECORD_NUMBER",
                                                        "DATE", "ZIP_CODE"}


def test_a_second_separator_ends_a_bare_value(scanner: Scanner) -> None:
    """`MRN: <placeholder>: question` holds a placeholder (already redacted), not a value
    running into the question; a real value before the question is still found alone."""
    assert found(scanner, "MRN: <MEDICAL_RECORD_NUMBER_1>: how do I plot this?") == set()
    text = "mrn: 73019244: how do I plot this?"
    assert ("MEDICAL_RECORD_NUMBER", "73019244") in found(scanner, text)
    assert all("plot" not in value for _, value in found(scanner, text))


def test_a_one_letter_value_under_a_vague_key_is_a_stand_in(scanner: Scanner) -> None:
    """`"name": "x"` beside an SSN is a test value; `"name": "Al"` is a name."""
    assert found(scanner, '{"name": "x", "ssn": "219-09-9999"}') == {("US_SSN", "219-09-9999")}
    assert ("PERSON", "Al") in found(scanner, '{"name": "Al", "ssn": "219-09-9999"}')
