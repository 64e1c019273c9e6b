"""A ZIP+4 after two bracketed digits is left to the phone recognizer only where that
recognizer takes the whole as a Brazilian number; elsewhere it stays a ZIP code."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan import scan_text


def _entities(text: str, part: str) -> set[str]:
    start = text.index(part)
    return {f.entity for f in scan_text(text) if f.start <= start and f.end >= start + len(part)}


@pytest.mark.parametrize("text", [
    "Order (12) 12345-6789 shipped",   # no Brazilian number: 1 after the bracket
    "Order (12) 80234-6789 shipped",   # nor 8
    "Ref (10) 61234-5678 arrived",     # area code 10 is no Brazilian one; 6 no first digit
])
def test_a_zip_plus_four_after_a_bracket_that_is_no_phone_is_found(text: str) -> None:
    zip_part = text.split(") ")[1].split()[0]
    assert "ZIP_CODE" in _entities(text, zip_part)


@pytest.mark.parametrize("text", [
    "Ligue (11) 99254-4992 amanhã",
    "Tel: (21) 3456-7890",
])
def test_a_brazilian_phone_stays_a_phone(text: str) -> None:
    number = text[text.index("("):].split(" amanhã")[0]
    found = _entities(text, number)
    assert "PHONE_NUMBER" in found
    assert not any(f.entity == "ZIP_CODE" for f in scan_text(text))
