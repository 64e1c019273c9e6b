"""Names in conversational prose that no title or label announces (issue 14), and the
notebook text where the same shapes are not about a person. Examples written here."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.engine import Scanner

SCANNER = Scanner()


def persons(text: str) -> list[str]:
    return [text[f.start:f.end] for f in SCANNER.scan(text) if f.entity == "PERSON"]


@pytest.mark.parametrize(("text", "name"), [
    ("What is your surname? Oyelaran", "Oyelaran"),
    ("And the family name? Quintavalle", "Quintavalle"),
])
def test_a_name_answering_a_question_for_it(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    "import numpy as np\n# Tomasz Kowalczyk wrote this loop\nx = np.zeros(3)\n",
    "df = load()\n# call Ingrid Halvorsen before rerunning\ndf.head()\n",
])
def test_a_comment_in_code_is_no_heading(text: str) -> None:
    assert persons(text), "a `# ` line in Python is a comment: its names are read"


@pytest.mark.parametrize("text", [
    "# Tomasz Kowalczyk\nThe notebook below fits a model.",
    "## Notes from Ingrid Halvorsen\n\nSome text.",
])
def test_a_markdown_heading_still_is_a_title(text: str) -> None:
    assert persons(text) == []
