"""What the place readers cover in a text, written so a test can compare it at a glance."""

from __future__ import annotations

from jupyter_safeai.scan.engine import Scanner

_SCANNER = Scanner(ner=False)


def place_text(text: str) -> str:
    """The text under street, postcode and place findings, in order, joined by `|`."""
    spans = sorted((f.start, f.end) for f in _SCANNER.scan(text)
                   if f.entity in ("STREET_ADDRESS", "ZIP_CODE", "LOCATION"))
    return "|".join(text[start:end] for start, end in spans)
