"""A party of a case named where its part is said (`Tove Brakstad ("the applicant")`) is a
person even where the sentence reads like a byline (`lodged ... by a Norwegian national,
Tove Brakstad`). Words that name a thing stay quiet. Examples written here."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.names import NameRecognizer
from tests.scan.found_text import texts_of

NAMES = NameRecognizer()  # no NER


people = texts_of(NAMES.find)


@pytest.mark.parametrize(("text", "name"), [
    # (`Article` and `by` before the name: what a byline holds too)
    ("The complaint was lodged under Article 34 of the Convention by a Norwegian "
     "national, Tove Brakstad (“the applicant”), on 3 May 2011.", "Tove Brakstad"),
    ("An application under Article 25 was lodged by a Latvian national, Ilgvars "
     "Ozolzemis, (“the applicant”) on 9 June 2004.", "Ilgvars Ozolzemis"),
    ('The article 6 claim was brought by two brothers, Edvin Halsnes ("the first '
     'applicant") and his brother.', "Edvin Halsnes"),
])
def test_a_party_named_after_by_is_a_person(text: str, name: str) -> None:
    assert name in people(text)


@pytest.mark.parametrize("text", [
    "Under Article 6 a claim was brought by a firm, Processing Holdings (“the applicant”).",
    "The notes were written by the Registry (“the Registry”) in 2004.",
])
def test_a_party_that_is_a_thing_stays_quiet(text: str) -> None:
    assert not any(w in " ".join(people(text)) for w in ("Processing", "Registry"))
