"""A capitalised word its own sentence refers back to as `he` or `she` is a name, known
to a list or not; a thing referred to as `it`, an English word, a place, a drug and a
pronoun that may refer to someone nearer stay quiet. Synthetic sentences only."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.coreferred_names import coreferred_names
from jupyter_safeai.scan.name_context import SOFTWARE_NAMES
from jupyter_safeai.scan.name_lists import name_lists
from tests.scan.found_text import persons


def _found(text: str) -> list[str]:
    return [text[a:b] for a, b in coreferred_names(text, name_lists(), SOFTWARE_NAMES)]


@pytest.mark.parametrize(("text", "name"), [
    ("Varkonyi returned to chemistry after his dismissal from the academy.", "Varkonyi"),
    ("In the spring of that year, Ostrowska felt she had to answer the critics.",
     "Ostrowska"),
    ("Tremaux closely followed the debate, changing his mind twice.", "Tremaux"),
    ("The letters were copied by Quenneville himself, with many lines crossed out.",
     "Quenneville"),
    ("After the war, Dzhabarov moved to the coast, where he opened a workshop.", "Dzhabarov"),
    ("Nobody expected it, but Hallgrimur resigned before his second term.", "Hallgrimur"),
])
def test_a_subject_a_pronoun_refers_back_to_is_a_name(text: str, name: str) -> None:
    assert _found(text) == [name]
    assert name in persons(text)


@pytest.mark.parametrize(("text", "name"), [
    ("The method that Kowalczyk and his students built is still in use.", "Kowalczyk"),
    ("We later learned that Nowak with her brother had sold the farm.", "Nowak"),
])
def test_a_listed_name_before_and_his_or_with_her_is_a_name(text: str, name: str) -> None:
    assert _found(text) == [name]


def test_a_word_no_list_holds_before_and_her_stays_quiet() -> None:
    # `her` is Ostrowska's: the word before `and her` is a thing no list holds
    text = "Ostrowska said the talk on Zorvexiaphobia and her essay drew a crowd."
    assert "Zorvexiaphobia" not in _found(text)


def test_the_other_mentions_of_a_name_found_so_are_found_too() -> None:
    text = ("Varkonyi returned to chemistry after his dismissal. The academy rejected the "
            "paper, and the reviewers called Varkonyi careless.")
    assert persons(text).count("Varkonyi") == 2


@pytest.mark.parametrize("text", [
    "Keras returned to the top of the rankings after its redesign.",  # `it`: a thing
    "Nothing was left to him after the fire.",  # an English word
    "Everyone told her that the deadline had moved.",
    "Mother told him to stay in the car.",  # a kin word
    "Dude gets his bike fixed every spring.",  # an English noun, capitalised only here
    "Then he said the build was broken.",  # no subject before the pronoun
    "Lasix was stopped yesterday and she became hypotensive overnight.",  # a drug
    "Berlin gave him a second chance after the war.",  # a place
    "The coughing eased, and he Suctions himself as needed.",  # a verb before `himself`
    "the review of Varkonyi's paper, which his group wrote",  # no clause's subject
])
def test_no_one_a_pronoun_refers_back_to_stays_quiet(text: str) -> None:
    assert _found(text) == []


def test_a_pronoun_refers_to_the_nearest_name_not_the_subject() -> None:
    # `her` is Ostrowska's (a name list's, before `and her`), not Varkonyi's
    assert _found("Varkonyi met Dr Ostrowska and her students at noon.") == ["Ostrowska"]
    assert _found("Varkonyi met Dr Zorvexiaphobia at noon, then her students.") == []


def test_a_word_the_text_writes_in_lower_case_is_no_name() -> None:
    text = ("Chairs arrived late, and Mission wanted his money back. "
            "The mission was over.")
    assert "Mission" not in _found(text)


def test_python_source_is_read_by_no_pronoun() -> None:
    code = "# Varkonyi returned to chemistry after his dismissal\nx = 1\n"
    assert "Varkonyi" not in persons(code)
