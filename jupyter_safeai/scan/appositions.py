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
from .name_lists import CASE_PARTIES, RELATIVES, NameLists
from .peoples import words_for_peoples

#: Nouns that only a person is, singular: a name in apposition after them is theirs. Kin
#: words and parties to a case come from `name_lists` (every reader starts from those).
PERSON_NOUNS = frozenset(RELATIVES) | frozenset(CASE_PARTIES) | frozenset("""
national citizen resident female male man woman boy girl lady gentleman patient client
customer victim witness owner founder student pupil teacher lawyer attorney solicitor
barrister doctor physician nurse surgeon dentist colleague friend neighbour neighbor
child baby infant toddler teen teenager mentor boss manager employee landlord landlady
tenant roommate flatmate caregiver carer spokesperson spokesman spokeswoman agent
representative guardian widow widower
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


def _commas_after_person_nouns(text: str) -> Iterator[int]:
    """Where each `, ` that a person's noun opens and a capital follows stands (found
    with `str.find`, then the word before read: most commas are no apposition)."""
    at = text.find(", ")
    while at >= 0:
        if text[at + 2:at + 3].isupper():
            before = text[max(0, at - 16):at]
            if before[before.rfind(" ") + 1:].casefold() in PERSON_NOUNS:
                yield at
        at = text.find(", ", at + 2)


Spans = list[tuple[int, int]]


def appositions(text: str, lists: NameLists) -> tuple[Spans, Spans]:
    """(start, end) of each name set between commas after a person's noun, and of each
    `Surname, Given` set there before a bracket or a quote (one name, to be scored above
    a reading of the given name alone); one pass over the text's commas for both."""
    names: Spans = []
    pairs: Spans = []
    if ", " not in text:
        return names, pairs
    kinds = lists.kinds
    others = verbs_adjectives_adverbs()
    stops = stop_words()
    for at in _commas_after_person_nouns(text):
        match = _APPOSED_PAIR.match(text, at)
        if match is not None:
            surname, given = (w.casefold() for w in match.group(1).split(", "))
            if kinds.get(surname, "").upper() in ("S", "N") and kinds.get(given, "") in (
                    "G", "N") and match.group(1)[:1].isupper() and given not in others and (
                    surname not in stops) and given not in stops:  # (`Hill`: a verb too)
                pairs.append(match.span(1))
                continue
        match = _APPOSED.match(text, at)
        if match is None:
            continue
        words = match.group(1).split(" ")
        if not all(w[:1].isupper() and (len(w) == 1 or not w[1:].isupper()) for w in words):
            continue
        keys = [w.casefold() for w in words]
        if any(k in others or k in stops or len(k) < 2 for k in keys) or (
                any(k in words_for_peoples() for k in keys)):
            continue
        if any(kinds.get(k) for k in keys):
            names.append(match.span(1))
    return names, pairs


def apposed_names(text: str, lists: NameLists) -> Spans:
    """`appositions`' names of one or more words (not the `Surname, Given` pairs)."""
    return appositions(text, lists)[0]
