"""A line that holds a reference's marks (`et al.`, `proceedings`, a publisher and a year)
in one sentence keeps the names of its other sentences of running prose (issue 14): `The
applicant was represented by <name>, a lawyer ... the proceedings before the Court`.
A reference's own sentence stays documentation. Names and sentences written here."""

from __future__ import annotations

import pytest

from tests.scan.found_text import persons


@pytest.mark.parametrize(("text", "name"), [
    ("The claimant was represented by Idris Vandermolen, a solicitor in Leeds. The "
     "Government took no part in the proceedings before the tribunal.", "Idris Vandermolen"),
    ("Mirela Oancea explained how she grew the crystals in the dark. Photo: Tan et al.",
     "Mirela Oancea"),
    ("We thank the nurse who called Idris Vandermolen at home. The protocol follows the "
     "Journal of Care Vol. 3 guidance.", "Idris Vandermolen"),
])
def test_a_name_in_running_prose_beside_a_reference(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    "Oancea, M., & Tan, L. (2010). Growing crystals in the dark of the lab. Journal of "
    "Vision, 3(2), pp. 1-10.",
    "Mirela Oancea and Idris Vandermolen. Deep learning for the masses of people and "
    "things. Proceedings of the ICML, 2019.",
    "Mirela Oancea, Idris Vandermolen, and Li Tan. \"Deep learning for the masses.\" "
    "Journal of Things 3 (2019).",
    "The method of Mirela Oancea was published in the Proceedings of the Royal Society "
    "in 2011 and is used here.",
])
def test_a_reference_stays_documentation(text: str) -> None:
    assert persons(text) == []
