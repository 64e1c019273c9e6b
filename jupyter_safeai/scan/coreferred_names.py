"""Names their own sentence refers back to as a person, whatever list knows them.

A biography, a story or a report names a person once and goes on with `he` and `she`:
`Varkonyi returned to chemistry after his dismissal`, `Ostrowska felt she had to
answer`. Which list holds the word, or which verb follows it, says little; that the
sentence treats it as `he` or `she` says it is someone. Read here, without NER:

- the subject of a clause (the text's, a line's or a sentence's start, a comma, a
  semicolon or a word that opens a clause before it; a finite verb after it, perhaps
  after an adverb in `-ly`), when a personal pronoun later in its sentence has no other
  capitalised word to refer to;
- a word right before `himself` or `herself` (`copied by Varkonyi himself`);
- a word a name list holds right before `and his`, `with her` (`Frank and his
  colleagues`).

A title opening the words (`Dr Nowak`) is no part of the name.

A firm, a library or a product is `it` (`Keras returned to the top after its
redesign`); a capitalised English word (`Nothing was left to him`), a place a map knows
(`Paris felt like home to him`) and software names no one. The other mentions of a name
found here are found as every name's are (`names._mentioned_again`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

from .english_words import english_word, nouns_and_other_words, stop_words
from .geography import is_place_name
from .name_context import prose_line
from .name_lists import COMMON_WORDS, HONORIFICS, NameLists
from .note_names import FUNCTION_WORDS, KIN_WORDS
from .office_titles import OFFICE_WORDS
from .person_slots import about_medicine, finite_verb_after

#: The pronouns that refer back to one person (not `it`, `its`, `they`), in lower case
#: (a capitalised `He` opens a sentence, and its subject stands in another), whole:
#: after the blank before each, where one of `_PRONOUN_HEADS` stands.
_PRONOUN = re.compile(r"(?:she|herself|himself|hers|her|him|his|he)(?![\w'’])")
_PRONOUN_HEADS = (" he", " hi", " she")
#: A personal pronoun anywhere (to tell a verb before `himself`: `which he Suctions`).
_PERSONAL = re.compile(r"(?<![\w'’])(?:he|she|him|her|his|hers|himself|herself)(?![\w'’])")
#: One to two capitalised words, one blank apart: the run a pronoun may refer back to.
_CAPITALISED = r"[A-Z](?:['’][A-Z])?[a-z\u00df-\u00ff]+(?:-[A-Z]?[a-z\u00df-\u00ff]+)?"
_RUN = re.compile(rf"(?<![\w'’-]){_CAPITALISED}(?:[ ]{_CAPITALISED})?(?![\w'’-])")
#: Any capitalised word (for the run's nearest rival before a pronoun).
_ANY_CAPITAL = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*")
#: Capitalised words that refer to no one the pronoun could: the first person.
_NO_ONE_ELSE = frozenset({"I", "I'm", "I’m", "I'd", "I’d", "I've", "I’ve", "I'll", "I’ll"})
#: What stands before a clause's subject: the text's or a line's start, a sentence's
#: stop, a semicolon, a comma, or a word that opens a clause.
_CLAUSE_BEFORE = re.compile(
    r"(?:^|\n[ \t]*|[.!?;:][\"”’)\]]?[ \t]+|,[ ]|(?<![\w'’])(?:[Aa]nd|[Bb]ut|[Ww]hile|[Ww]hen|"
    r"[Aa]fter|[Bb]efore|[Bb]ecause|[Aa]lthough|[Tt]hough|[Tt]hat|[Ss]ince|[Uu]ntil|[Tt]hen|"
    r"[Oo]nce|[Ww]here|[Ww]hereupon)[ ])$")
#: How far before a run its clause's opening is looked for.
_CLAUSE_REACH = 16
#: An adverb between a subject and its verb (`Varkonyi closely followed`).
_ADVERB = re.compile(r"[ ][a-z]+ly(?=[ ])")
#: What ends a sentence a pronoun refers back within.
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]?\s|\n")
#: How far back from a pronoun its sentence's start is looked for.
_SENTENCE_REACH = 200
#: Words that open a sentence capitalised and name no one (`Then he`, `Later she`).
_OPENERS = frozenset("""
then later later, meanwhile afterwards soon eventually finally today yesterday tomorrow
there here now so also still instead otherwise however thus hence indeed perhaps maybe
""".split())
_REFLEXIVE = ("himself", "herself")
#: `his` or `her` right after `and` or `with` refers to the word before those
#: (`Frank and his colleagues`, `Nowak with her brother`): a person and theirs, when a
#: name list holds the word.
_POSSESSIVE = ("his", "her")
_WITH_OWN = (" and ", " with ", " & ")
_OFFICES = frozenset(OFFICE_WORDS)
#: Titles a run of two capitalised words may open (`Dr Nowak`): not part of the name.
_TITLES = frozenset(HONORIFICS) | _OFFICES


def _named_word(word: str, text: str, lists: NameLists, not_names: Collection[str]) -> bool:
    """Whether a capitalised word may be someone's name: not software, a function word,
    a sentence opener, a kin word, an office, a common word or an English verb,
    adjective or adverb; an English noun only if a name list holds it as a given name
    or surname (`Frank`, `Grant`) or the text never writes it in lower case (WordNet's
    nouns hold famous people, `Gorbachev`; `Mother told him` beside `his mother`) and
    capitalises it mid-sentence too (not `Dude gets his`)."""
    key = word.casefold()
    if key in not_names or key in FUNCTION_WORDS or key in _OPENERS or key in COMMON_WORDS or (
            key in KIN_WORDS or key in _OFFICES or key in stop_words()):
        return False
    if lists.kinds.get(key, "").isupper():
        return True
    nouns, others = nouns_and_other_words()
    if key in others:
        return False
    if key in nouns:  # a proper noun: never in lower case, capitalised mid-sentence too
        return re.search(rf"(?<![\w'’-]){re.escape(key)}(?![\w'’-])", text) is None and (
            re.search(rf"[a-z,;][ ]{re.escape(word)}(?![\w-])", text) is not None)
    return not english_word(key)


def _subject(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a clause's subject: an opening before it, a finite
    verb (after an adverb in `-ly`, if one) after it."""
    if not _CLAUSE_BEFORE.search(text[max(0, start - _CLAUSE_REACH):start]):
        return False
    adverb = _ADVERB.match(text, end)
    return finite_verb_after(text, adverb.end() if adverb is not None else end)


def _capitals(text: str, low: int, high: int) -> list[re.Match[str]]:
    """The capitalised words of text[low:high] but the first person's."""
    return [m for m in _ANY_CAPITAL.finditer(text, low, high) if m.group() not in _NO_ONE_ELSE]


def _nearest_run(text: str, low: int, high: int) -> re.Match[str] | None:
    """The run of one or two capitalised words nearest before `high` in text[low:high],
    if it ends at the last capitalised word there."""
    rivals = _capitals(text, low, high)
    if not rivals:
        return None
    nearest = rivals[-1]
    run = _RUN.match(text, rivals[-2].start()) if len(rivals) >= 2 else None
    if run is None or run.end() != nearest.end():
        run = _RUN.match(text, nearest.start())
    return run if run is not None and run.end() == nearest.end() else None


def _pronouns(text: str) -> list[tuple[int, str]]:
    """(where, which) of each personal pronoun after a blank, in order; found with
    `str.find`, which a 2 KB cell's regular-expression pass costs several times."""
    found = []
    for head in _PRONOUN_HEADS:
        at = text.find(head)
        while at >= 0:
            pronoun = _PRONOUN.match(text, at + 1)
            if pronoun is not None:
                found.append((at + 1, pronoun.group()))
            at = text.find(head, at + 3)
    return sorted(found)


def coreferred_names(text: str, lists: NameLists, not_names: Collection[str]
                     ) -> Iterator[tuple[int, int]]:
    """(start, end) of each name a personal pronoun refers back to (module docstring),
    once each."""
    seen: set[tuple[int, int]] = set()
    for at, pronoun in _pronouns(text):
        left = max(0, at - _SENTENCE_REACH)
        for stop in _SENTENCE_END.finditer(text, left, at):
            left = stop.end()
        run = _nearest_run(text, left, at)
        if run is None or (run.start(), run.end()) in seen:
            continue
        start, end = run.span()
        if pronoun in _REFLEXIVE:
            if text[end:at] != " " or _PERSONAL.search(text, max(0, start - 6), start):
                continue  # `which he Suctions himself`: a verb between
        elif not (text[end:at] in _WITH_OWN and pronoun in _POSSESSIVE and any(
                lists.kinds.get(word.casefold()) for word in run.group().split())) and not (
                _subject(text, start, end)):
            continue  # (a word no list holds may be a thing: `Islamophobia and her`)
        words = run.group().split()
        if len(words) == 2 and words[0].casefold() in _TITLES:
            words, start = words[1:], end - len(words[1])  # `Dr Nowak`: the name is `Nowak`
        if about_medicine(text, start, end):
            continue  # `Levo was stopped, she became tachy`: a drug, a sign
        if all(_named_word(word, text, lists, not_names) for word in words) and not (
                is_place_name(text[start:end])) and not any(is_place_name(word) and not (
                    lists.kinds.get(word.casefold(), "").isupper()) for word in words) and (
                prose_line(text, start, end)):
            seen.add((start, end))
            yield start, end
