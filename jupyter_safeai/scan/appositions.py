"""A name set beside the words for who a person is, between commas: `by a Polish
national, Rebecca ("the applicant")`, `a 70-year-old female, Pellegrino, admitted`,
`the bar's owner, Amelia, makes`, `a Turkish national, Hill, Douglas ("the applicant")`.

Case law, clinical questions and news name a party in apposition to a noun that only a
person is (a national, a female, an owner, a lawyer). No verb or title follows the name,
and a name alone (`Rebecca`, `Pellegrino`) is too weak for the readers that need one;
the noun before the comma says who it is. The words must be a name list's (any kind),
capitalised, and no adjective, adverb or verb English knows (`a male, Caucasian,`,
`the patient, However,`) nor a people's word (`a female, Hispanic,`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .english_words import stop_words, verbs_adjectives_adverbs
from .name_lists import NameLists
from .peoples import words_for_peoples

#: Nouns that only a person is, singular: a name in apposition after them is theirs.
PERSON_NOUNS = frozenset("""
national citizen resident female male man woman boy girl lady gentleman patient client
customer applicant claimant defendant plaintiff victim witness owner founder student pupil
teacher lawyer attorney solicitor barrister doctor physician nurse surgeon dentist
colleague friend neighbour neighbor partner husband wife son daughter mother father
brother sister child baby infant toddler teen teenager mentor boss manager employee
landlord landlady tenant roommate flatmate cousin uncle aunt nephew niece grandson
granddaughter grandmother grandfather caregiver carer spokesperson spokesman
spokeswoman agent representative guardian fiancé fiancée widow widower
""".split())

# `, Rebecca (`, `, Pellegrino,`, `, Ana Lind.`: one to three capitalised words after a
# comma, then a comma, a bracket, a quote or the sentence's end.
_APPOSED = re.compile(
    r",[ ]((?:[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*[ ]){0,2}"
    r"[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*)(?=[ ]?[,(“\"]|[.;:!?](?:\s|$)|$)")
# `, Hill, Douglas (`: a surname first, its given name after a comma, then a bracket or
# a quote (a list's third item would follow a comma or `and`).
_APPOSED_PAIR = re.compile(
    r",[ ]([^\W\d_][^\W\d_'’-]*,[ ][^\W\d_][^\W\d_'’-]*)(?=[ ]?[(“\"])")
# The noun right before the comma: its last word.
_NOUN_BEFORE = re.compile(r"([^\W\d_]+)$")


def apposed_pairs(text: str, lists: NameLists) -> Iterator[tuple[int, int]]:
    """(start, end) of each `Surname, Given` set after a person's noun and a comma,
    before a bracket or a quote: one name, over a reading of the given name alone."""
    if ", " not in text:
        return
    kinds = lists.kinds
    others = verbs_adjectives_adverbs()
    stops = stop_words()
    for match in _APPOSED_PAIR.finditer(text):
        noun = _NOUN_BEFORE.search(text, max(0, match.start() - 24), match.start())
        if noun is None or noun.group(1).casefold() not in PERSON_NOUNS:
            continue
        surname, given = (w.casefold() for w in match.group(1).split(", "))
        if kinds.get(surname, "").upper() in ("S", "N") and kinds.get(given, "") in (
                "G", "N") and match.group(1)[:1].isupper() and given not in others and (
                surname not in stops) and given not in stops:  # (`Hill`: a verb too)
            yield match.span(1)


def apposed_names(text: str, lists: NameLists) -> Iterator[tuple[int, int]]:
    """(start, end) of each name set between commas after a person's noun."""
    if ", " not in text:
        return
    kinds = lists.kinds
    others = verbs_adjectives_adverbs()
    stops = stop_words()
    peoples = words_for_peoples()
    for match in _APPOSED.finditer(text):
        noun = _NOUN_BEFORE.search(text, max(0, match.start() - 24), match.start())
        if noun is None or noun.group(1).casefold() not in PERSON_NOUNS:
            continue
        words = match.group(1).split(" ")
        if not all(w[:1].isupper() and (len(w) == 1 or not w[1:].isupper()) for w in words):
            continue
        keys = [w.casefold() for w in words]
        if any(k in others or k in stops or k in peoples or len(k) < 2 for k in keys):
            continue
        if not any(kinds.get(k) for k in keys):
            continue
        yield match.span(1)
