"""Where an address block ends: at its one postcode, with the town and country after it,
not on the next line's number (a phone of a contact block, a count)."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan import scan_text

from .found_text import pairs_of

_FOUND = pairs_of(scan_text)


@pytest.mark.parametrize("text, phone", [
    ("Ines Halvorsen\n48 Quarry Lane\nNorthfield, MN 55057\n507 318 4402", "507 318 4402"),
    ("48 Quarry Lane, Northfield, MN 55057\n(507) 318-4402", "(507) 318-4402"),
    ("Lindenweg 7\n3012 Bern\n031 555 12 34", "031 555 12 34"),
])
def test_a_number_on_the_line_below_the_postcode_is_no_part_of_the_address(
        text: str, phone: str) -> None:
    found = _FOUND(text)
    assert ("PHONE_NUMBER", phone) in found
    assert all(phone not in covered for entity, covered in found if entity != "PHONE_NUMBER")


def test_the_town_and_country_after_a_postcode_still_belong_to_it() -> None:
    found = _FOUND("Rue des Lilas 14\n75011 Paris\nFrance")
    assert ("ZIP_CODE", "75011") in found
    assert any("Paris" in covered for entity, covered in found if entity == "LOCATION")
