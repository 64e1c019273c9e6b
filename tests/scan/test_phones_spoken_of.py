"""Phone numbers with no label right before them, in a sentence that speaks of phoning
or on a line of a signature, in many countries' layouts; and numbers in such sentences
that are something else (dates, counts, money, identifiers, code), which stay quiet.
Every number is made up here."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan import scan_text
from jupyter_safeai.scan.phones import spoken_of_phones
from tests.scan.found_text import texts_of

PHONES = {"PHONE_NUMBER", "FAX_NUMBER"}


phone_values = texts_of(scan_text, *PHONES)


NUMBERS = [
    "612 345 781",  # Spain's 3-3-3
    "91 234 56 78",  # Spain's 2-3-2-2
    "52 71 63 09",  # Denmark's 2-2-2-2
    "52-71-63-09",
    "(11) 2617-4093",  # Brazil
    "030 272 616",  # Bosnia, 3-3-3 after the trunk 0
    "0664 7986821",
    "0664798682",  # bare, trunk 0
    "611 8243",  # Iceland's 3-4
    "312 456 7810",  # Italy's mobile
    "4153278846",  # bare NANP ten
]
FRAMES = [
    "Dial {x} and ask for the ward clerk.",
    "Her mobile changed last week; it is now {x}.",
    "{x} - ring her after six, she works nights.",
    "If no one answers on {x}, leave a message and we will call back.",
    "Sent an SMS to {x} with the appointment time.",
    "He only uses WhatsApp, so try {x} first.",
    "Llámame al {x} cuando llegues.",
    "Ruf mich bitte unter {x} an.",
]


@pytest.mark.parametrize("number", NUMBERS)
@pytest.mark.parametrize("frame", FRAMES)
def test_a_number_in_a_sentence_about_phoning_is_a_phone(frame: str, number: str) -> None:
    text = frame.replace("{x}", number)
    assert any(number in value for value in phone_values(text)), text


@pytest.mark.parametrize("number", ["612 345 781", "52 71 63 09", "(11) 2617-4093"])
def test_a_number_alone_in_a_signature_is_a_phone(number: str) -> None:
    text = f"Kind regards,\nDr. Elke Vantorre\nWard 6, Sint-Jan\n{number}\ne.vantorre@sintjan.be"
    assert any(number in value for value in phone_values(text)), text


@pytest.mark.parametrize("number", ["612 345 781", "52 71 63 09", "0664798682"])
def test_the_same_number_without_a_phone_word_stays_quiet(number: str) -> None:
    text = f"The value moved to {number} after the second run."
    assert not any(number in value for value in phone_values(text))


@pytest.mark.parametrize("text", [
    "I'll ring you on 12.03.2024 to confirm.",
    "Phone sales reached 1992-2023 levels, 4 512 000 EUR in the quarter.",
    "The hotline took 12 345 678 calls last year.",
    "Order number 4711 0815 22: call customer service if it does not arrive.",
    "Please call back about ISBN 0 306 40615 when it is in stock.",
    "Mobile data use was 612 345 781 MB this month, so call the provider.",
    "Call the function with n_samples = 612345781 and look at the result.",
    "Text classification accuracy went from 0.912 to 0.934.",
    "Run this cell: it prints 612 345 781 and 52 71 63 09.",
    "The call stack showed frames 20211118 and 1695509272 before the crash.",
    "Call me on 2024-03-12 or 12/03/2024.",
    "Ring buffer sizes 1024 2048 4096 8192 were tried.",
    "Contact angle rose to 35 12 47 degrees.",
])
def test_look_alikes_in_sentences_about_phoning_stay_quiet(text: str) -> None:
    assert list(spoken_of_phones(text)) == [], text


@pytest.mark.parametrize("text, number", [
    ("The son gave us 52 88 20 01 before he left.", "52 88 20 01"),
    ("Her daughter is usually at 0664798682 in the evenings.", "0664798682"),
])
def test_a_number_given_by_a_relative_is_a_phone(text: str, number: str) -> None:
    assert any(number in value for value in phone_values(text)), text


@pytest.mark.parametrize("text", [
    "The son gave us 2014-09-22 09:38:15 as the time he left.",
    "Her daughter counted 3 823 367 visitors in the year.",
    "The son gave us 0-306-40615-2, the book's number.",
    "Her daughter runs 4.6.14274.916 of the app.",
])
def test_what_a_relative_gives_that_is_no_phone_stays_quiet(text: str) -> None:
    assert list(spoken_of_phones(text)) == [], text


@pytest.mark.parametrize("text, number", [
    ("Jonas Berglund 0612 345 678", "0612 345 678"),
    ("Dr. Vantorre (52 71 63 09) will see her on Tuesday.", "52 71 63 09"),
    ("- sister Ilse: 030 272 616", "030 272 616"),
    ("Contacts:\n- Pieter Claes: 52 71 63 09\n- Ilse Maes: 0664 7986821", "52 71 63 09"),
    ("Contacts:\n- Pieter Claes: 52 71 63 09\n- Ilse Maes: 0664 7986821", "0664 7986821"),
    ("Mrs. Haugland, 91 23 45 67, asked about the results.", "91 23 45 67"),
    ("Her daughter is usually at 030 751 163 in the evenings.", "030 751 163"),
])
def test_a_number_right_after_a_name_is_a_phone(text: str, number: str) -> None:
    assert any(number in value for value in phone_values(text)), text


@pytest.mark.parametrize("text, number", [
    ("Left a message at 030 272 616 this morning.", "030 272 616"),
    ("Could not get hold of him on 52 71 63 09 today.", "52 71 63 09"),
    ("If the results change, 0612 345 781 is how to get hold of the family.", "0612 345 781"),
])
def test_a_number_where_a_message_was_left_is_a_phone(text: str, number: str) -> None:
    assert any(number in value for value in phone_values(text)), text


@pytest.mark.parametrize("text", [
    "Marta Lindqvist 2019-2025 season",
    "Dr. Okafor (12 345 678) agreed to the budget.",
    "Julia Brandt 3 541 302",
    "Model Accuracy 52 71 63 09",
    "Total Count 0612 345 678",
    "Jonas Berg 4.6.14274.916",
    "Sam Oduya 10.4055, 20.1234",
    "Anna Keller 2014-09-22 09:38:15",
    "Anna Keller 612 345 781 mm",
    "Left a message at 499 113 75 yesterday, no answer yet.",
    "The error message at 12 345 678 was logged.",
    "If anything changes, 4 213 818 is the best way to get hold of the family.",
])
def test_what_follows_a_name_or_a_message_that_is_no_phone_stays_quiet(text: str) -> None:
    assert list(spoken_of_phones(text)) == [], text


@pytest.mark.parametrize("text, number", [
    ("Ilse Marquardt\n52 71 63 09", "52 71 63 09"),
    ("Dr. Pieter Claes\n0664 7986821\n52 71 63 09", "52 71 63 09"),
    ("Atelier Lumen\n12 Rue des Lilas\n75011 Paris\n01 42 73 56 18", "01 42 73 56 18"),
    ("Leeds LS6 2QP\n0113 496 0712", "0113 496 0712"),
    ("Bergstraße 4\nKassel, HE 34117\n52 71 63 09", "52 71 63 09"),
])
def test_a_number_alone_under_a_name_or_an_address_is_a_phone(text: str, number: str) -> None:
    assert any(number in value for value in phone_values(text)), text


@pytest.mark.parametrize("text", [
    "epoch 12345\n52 71 63 09",
    "Epoch 12345\n52 71 63 09",
    "Result Table\n52 71 63 09",
    "Anna Keller\n3 541 302",
    "Anna Keller\n2019-03-12",
    "Anna Keller\nscored 52 71 63 09 in four rounds",
    "Run 2019-03-12, KS 34117\n52 71 63 09",
    "Ilse Marquardt\n499 113 75",
])
def test_numbers_under_other_lines_stay_quiet(text: str) -> None:
    assert list(spoken_of_phones(text)) == [], text
