"""Pattern recognizers for PHI: each finds its entity with exact spans and leaves
look-alikes (documentation values, versions, lab values) alone."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jupyter_safeai.scan import contact, phones
from jupyter_safeai.scan.contact import CONTACT_RECOGNIZERS
from jupyter_safeai.scan.dates import DATE_RECOGNIZERS
from jupyter_safeai.scan.engine import Scanner
from jupyter_safeai.scan.identifiers import IDENTIFIER_RECOGNIZERS
from jupyter_safeai.scan.phones import PHONE_RECOGNIZERS
from jupyter_safeai.scan.places import PLACE_RECOGNIZERS
from jupyter_safeai.scan.recognizer import PatternRecognizer, matches_at
from tests.scan.found_text import pairs_of

SCANNER = Scanner((*CONTACT_RECOGNIZERS, *PHONE_RECOGNIZERS, *IDENTIFIER_RECOGNIZERS,
                   *DATE_RECOGNIZERS, *PLACE_RECOGNIZERS))


found = pairs_of(SCANNER.scan)


POSITIVES = [
    ("mail jane.doe@mayo-clinic.org now", [("EMAIL_ADDRESS", "jane.doe@mayo-clinic.org")]),
    ("Tel: (617) 432-1876", [("PHONE_NUMBER", "(617) 432-1876")]),
    ("call +44 20 7946 0958 today", [("PHONE_NUMBER", "+44 20 7946 0958")]),
    ("mobile +234 803 123 4567", [("PHONE_NUMBER", "+234 803 123 4567")]),
    ("Fax: 617-432-1877", [("FAX_NUMBER", "617-432-1877")]),
    ("phone 6174321876", [("PHONE_NUMBER", "6174321876")]),
    ("profile https://www.garcia-smith.biz/about", [("URL", "https://www.garcia-smith.biz/about")]),
    ("see https://github.com/acme/tool?patient_id=123",
     [("URL", "https://github.com/acme/tool?patient_id=123")]),
    ("from 10.2.33.4 and 2001:db8:85a3::8a2e:370:7334",
     [("IP_ADDRESS", "10.2.33.4"), ("IP_ADDRESS", "2001:db8:85a3::8a2e:370:7334")]),
    ("SSN 219-09-9999", [("US_SSN", "219-09-9999")]),
    ("ssn: 219099999", [("US_SSN", "219099999")]),
    ("MRN: 00483920", [("MEDICAL_RECORD_NUMBER", "00483920")]),
    ("MRN#1234567", [("MEDICAL_RECORD_NUMBER", "1234567")]),
    ("record MGH-00123456 reviewed", [("MEDICAL_RECORD_NUMBER", "MGH-00123456")]),
    ("Member ID: XJH123456789", [("HEALTH_PLAN_NUMBER", "XJH123456789")]),
    ("Medicare 1EG4-TE5-MK73", [("HEALTH_PLAN_NUMBER", "1EG4-TE5-MK73")]),
    ("Account number 004512398877", [("ACCOUNT_NUMBER", "004512398877")]),
    ("IBAN GB82 WEST 1234 5698 7654 32", [("ACCOUNT_NUMBER", "GB82 WEST 1234 5698 7654 32")]),
    ("card 4990 6958 4830 4011", [("CREDIT_CARD", "4990 6958 4830 4011")]),
    ("Driver's license: D1234567", [("LICENSE_NUMBER", "D1234567")]),
    ("VIN 1HGCM82633A004352", [("VEHICLE_ID", "1HGCM82633A004352")]),
    ("license plate: 7ABC123", [("LICENSE_PLATE", "7ABC123")]),
    ("pacemaker serial number PM-88213-X4", [("DEVICE_ID", "PM-88213-X4")]),
    ("wifi MAC 00:1A:2B:3C:4D:5E", [("DEVICE_ID", "00:1A:2B:3C:4D:5E")]),
    ("fingerprint template: a9F3kQ27xZ", [("BIOMETRIC_ID", "a9F3kQ27xZ")]),
    ("fingerprint id fp_8a7d9c2e1b", [("BIOMETRIC_ID", "fp_8a7d9c2e1b")]),
    ("Account no. 10010010", [("ACCOUNT_NUMBER", "10010010")]),
    ("Encounter ID 8812345", [("UNIQUE_ID", "8812345")]),
    ("DOB 03/14/1958", [("DATE", "03/14/1958")]),
    ("admitted on March 2, 2021", [("DATE", "March 2, 2021")]),
    ("discharged 14-Mar-2021", [("DATE", "14-Mar-2021")]),
    ("died 2021-03-14T08:30", [("DATE", "2021-03-14T08:30")]),
    ("Patient seen 14.03.2021 in clinic", [("DATE", "14.03.2021")]),
    ("a 92-year-old woman", [("AGE", "92-year-old")]),
    ("age: 95", [("AGE", "age: 95")]),
    ("lives at 12 Beacon Street, Boston, MA 02115",
     [("STREET_ADDRESS", "12 Beacon Street"), ("LOCATION", "Boston"), ("ZIP_CODE", "02115")]),
    ("88669 Lisa Ports Apt. 193", [("STREET_ADDRESS", "88669 Lisa Ports Apt. 193")]),
    ("PO Box 4410", [("STREET_ADDRESS", "PO Box 4410")]),
    ("Hauptstraße 12, Berlin", [("STREET_ADDRESS", "Hauptstraße 12")]),
    ("zip: 60601", [("ZIP_CODE", "60601")]),
    ("London SW1A 1AA", [("ZIP_CODE", "SW1A 1AA")]),
    ("resident of Springfield", [("LOCATION", "Springfield")]),
]

NEGATIVES = [
    # a log line's timestamp under an account word; a register's bits after `encounter`
    "ibmqfactory.load_account:WARNING:2021-06-17 15:04:59,043: Credentials are in use.",
    "whenever we encounter '000 00', and the same for logical 1 when we encounter '111 00'",
    # a word count of a spam corpus: `email` is a word, 1 its count
    "{'send': 1, 'email': 1, 'egroup': 1, 'your': 1}",
    # a name in code of words and a count, beside the iris data set: no template
    "ds = load('iris', split=first_67_percent)",
    "docs at user@example.com or call 555-0142",
    "served on http://localhost:8888 and 127.0.0.1",
    "# see https://pandas.pydata.org/docs/reference/api.html",
    "# https://github.com/jupyterlab/jupyterlab and https://pypi.org/project/numpy/",
    "version 1.2.3.4 released; build 2024-01-15",
    "a 45-year-old man, age 89, aged 72",
    "in 2019 and 2020 the cohort grew",
    "HbA1c 7.2%, glucose 104 mg/dL, dose 500 mg, BMI 27.4",
    "commit 3f2a9c1b7d4e5f60718293a4b5c6d7e8f9012345",
    "run id 123e4567-e89b-12d3-a456-426614174000",
    "pd.date_range('2020-01-01', periods=30)",
    "X@W.T + b",
    "2 Way ANOVA on 3 groups",
    "SSN 000-12-3456 and 666-12-3456 are never issued",
    "coef = [1.36311143689505321, -0.55317463909867071]",
    "# reference: https://www.imnepal.com/nepali-numbers/",
    "cohort = df.query('visit_date >= \"2020-01-01\"')",
    "write to john@example.de or jane@example.co.uk",
    "4990 6958 4830 4012 fails the Luhn check, 4111 1111 1111 1111 is a test card",
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_finds(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize("text", NEGATIVES)
def test_leaves_alone(text: str) -> None:
    assert found(text) == []


# -- fast paths: a pattern tried only where a match can start finds what a full scan finds

PIECES = st.lists(st.sampled_from(
    ["1", "23", "456", "7890", "-", " ", "\t", ".", ":", "(", ")", "+1", "x", "ext.", "AB",
     "MGH", "Z", "fe", "0A", "a", "@", "jo.doe", "%", "+", "/", "é", "_", "\n", "ſ", "é9"]),
    max_size=16).map("".join)
STARTS_AT = [r for r in (*IDENTIFIER_RECOGNIZERS, *CONTACT_RECOGNIZERS)
             if isinstance(r, PatternRecognizer) and r.starts_at is not None]


def test_fast_paths_are_tested() -> None:
    assert {r.name for r in STARTS_AT} == {
        "pattern:us_ssn", "pattern:mrn_prefixed", "pattern:mac", "pattern:email_address"}


@settings(max_examples=500, deadline=None)
@given(PIECES)
@example("SSN 219 09 9999, 219-09-9999; MRN MGH-00123456 AB-1234567 ABCDE-123456; "
         "00:1A:2B:3C:4D:5E 00-1a-2b-3c-4d-5e; mail jane.doe@mayo-clinic.org "
         "a.very.long.local.part.of.an.address.name@mayo-clinic.org")
def test_recognizers_tried_at_their_cues_find_what_a_full_scan_finds(text: str) -> None:
    for recognizer in STARTS_AT:
        assert list(recognizer.find(text)) == list(replace(recognizer, starts_at=None).find(text))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(
    ["1", "617", "432", "1876", "(617)", " ", "\t", ".", "-", "+", "+1", "x", "ext", "ext.",
     "12", "a", ":", "fe80", "::", "1:2", "%eth0", "abcd", "/", "\n"]), max_size=14).map("".join))
@example("+1 (617) 432-1876, 617.432.1876, 1 617 432 1876, fe80:1::2 1234:5678:: abcd:1::")
def test_phone_and_ipv6_cues_find_what_a_full_scan_finds(text: str) -> None:
    spans = lambda matches: [m.span() for m in matches]  # noqa: E731
    assert spans(matches_at(phones._US_PHONE, text, phones._us_phone_starts(text))) == spans(
        phones._US_PHONE.finditer(text))
    assert spans(matches_at(contact._IPV6, text, contact._ipv6_starts(text))) == spans(
        contact._IPV6.finditer(text))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(
    ["http", "HTTPS", "httpſ", "ftp", "s", "://", ":/", "www.", "WwW.", "w.", "W", "x", "@", "/",
     "a.b", " ", "\n", "İ", "é", "("]), max_size=12).map("".join))
@example("see https://a.org, http://b.org, ftp://c.org, WWW.d.org")
def test_url_starts_find_what_a_full_scan_finds(text: str) -> None:
    assert [m.span() for m in matches_at(contact._URL, text, contact._url_starts(text))] == [
        m.span() for m in contact._URL.finditer(text)]
