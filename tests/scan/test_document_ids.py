"""Country-coded document numbers (`XX-DL-1234567`) and ids after a ticket's label."""

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jupyter_safeai.scan import scan_text
from jupyter_safeai.scan.identifiers import _DOCUMENT_ID, DocumentNumberRecognizer


def _found(text: str) -> set[tuple[str, str]]:
    return {(f.entity, text[f.start:f.end]) for f in scan_text(text)}


@pytest.mark.parametrize(("text", "entity", "value"), [
    ("The kiosk rejects my card whenever I type NZ-DL-50431877 into it.", "LICENSE_NUMBER",
     "NZ-DL-50431877"),
    ("Booked under passport FR-PP-0923114 last spring.", "LICENSE_NUMBER", "FR-PP-0923114"),
    ("Her record shows national id ZA-NID-880512443 twice.", "UNIQUE_ID", "ZA-NID-880512443"),
    ("see case logged as REF DE-ID-4417702 yesterday", "UNIQUE_ID", "DE-ID-4417702"),
    # one standards body's letters are a country too (the Bahamas, Norfolk Island)
    ("Renewed passport BS-PP-30917264 at the consulate.", "LICENSE_NUMBER", "BS-PP-30917264"),
    ("Resident card NF-ID-5508213 is on file.", "UNIQUE_ID", "NF-ID-5508213"),
    ("Her permit EN-DL-660912437 expired.", "LICENSE_NUMBER", "EN-DL-660912437"),
    ("Filed under GB-ISO-7730145 by the clinic.", "UNIQUE_ID", "GB-ISO-7730145"),
])
def test_letters_letters_and_a_long_number_are_a_document(text: str, entity: str,
                                                          value: str) -> None:
    assert (entity, value) in _found(text)


@pytest.mark.parametrize("text", [
    "The audit follows ISO-IEC-27001 clauses.",  # a standard: five digits
    "Sequence run SRA-RUN-12345 is public.",  # too few digits
    "Order ABCD-EF-1234567 shipped.",  # four letters first: not a country
    "Tested to BS-EN-1176001 and NF-ISO-2081533.",  # standards bodies, no country
    "The clamp meets DIN-IEC-6024711 ratings.",
    "Per EN-ISO-134850 and DIN-EN-1234567 the cuff is tested.",  # one body adopts another's
])
def test_codes_that_are_no_document_number_stay_quiet(text: str) -> None:
    assert not {e for e, _ in _found(text)} & {"LICENSE_NUMBER", "UNIQUE_ID"}


@pytest.mark.parametrize(("text", "value"), [
    ("Still waiting, my ticket id 77310452 was given for the refund.", "77310452"),
    ("Quote ticket no. 5520913 when you call back about my claim.", "5520913"),
])
def test_a_number_after_a_ticket_number_label_is_an_id(text: str, value: str) -> None:
    assert ("UNIQUE_ID", value) in _found(text)


@pytest.mark.parametrize("text", [
    "A ferry ticket costs 23450 rupees in high season.",  # a price
    "Closed as a duplicate of ticket 4481920 in the tracker.",  # an issue tracker's
    "helpdesk ticket #5530921 was reassigned",
    "Ticket ID: 1250 EUR",  # an amount after the label
])
def test_prices_trackers_and_days_after_a_ticket_stay_quiet(text: str) -> None:
    assert "UNIQUE_ID" not in {e for e, _ in _found(text)}


@pytest.mark.parametrize(("text", "entity"), [
    ("Account number: 20201105", "ACCOUNT_NUMBER"),  # an account's own label: any digits
    ("MRN: 20150312", "MEDICAL_RECORD_NUMBER"),
    ("Patient ID: 19770814", "UNIQUE_ID"),  # any id's label: a patient's id is no day
    ("Student ID: 20180417", "UNIQUE_ID"),
    ("ref customer id 20221209", "UNIQUE_ID"),
])
def test_a_record_number_shaped_like_a_day_is_still_found(text: str, entity: str) -> None:
    assert (entity, text.split()[-1]) in _found(text)


@pytest.mark.parametrize(("text", "value"), [
    ("customer id: $61730294", "61730294"),  # a stray sign before a long whole number
    ("customer id: € 61730294", "61730294"),
    ("customer id: 61730294 usd", "61730294"),
])
def test_a_long_whole_number_with_a_currency_is_still_an_id(text: str, value: str) -> None:
    assert ("UNIQUE_ID", value) in _found(text)


@pytest.mark.parametrize("text", [
    "Ticket ID: $ 482139",  # six digits: money
    "Ticket ID: 7730145.50 EUR",  # a decimal part: money
    "Ticket ID: $61730294.20",
])
def test_short_or_decimal_amounts_after_an_id_label_stay_quiet(text: str) -> None:
    assert "UNIQUE_ID" not in {e for e, _ in _found(text)}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(
    ["GB", "AU", "X", "-", "ID", "DL", "NID", "1234567", "12", "0", " ", "(", "\n", "a", "_"]),
    max_size=14).map("".join))
@example("GB-ID-7401525 (AU-DL-968789017249) XGB-ID-1234567 ZA-NID-880512443 A-DL-1234567")
def test_tried_at_its_cues_it_finds_what_a_full_scan_finds(text: str) -> None:
    full = [(m.start(), m.end()) for m in _DOCUMENT_ID.finditer(text)]
    assert [(f.start, f.end) for f in DocumentNumberRecognizer().find(text)] == full
