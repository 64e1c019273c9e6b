"""Cues that stand before a name's place and say nothing about the word there.

A title or a name-part label before one capitalised word makes it a name even when no
list knows it (`Dr. Okonjo`, `Seen by: Aduke`). Two shapes look like such a cue and are
none:
- a relative or a care word written out in full and closed by a period (`asking for
  wife. Reorients easily`, `spoke with son. Will call back`): titles that take a period
  are abbreviations (`Dr.`, `Mrs.`); after a whole word the period ends the sentence,
  and the next word opens a new one;
- a label (not a title) before a word no name list holds that English does, as it is
  or inflected (`Seen by Speech and swallow`, `Attending: Cardiology`): a service, a
  department or a plain word, where a person's unlisted name would be no English word
  (`Seen by Aduke`); after a title such a word is a name all the same (`Dr. Tyro`).

Either way the word itself must be English: a sentence rarely opens with a word
English does not know unless it is a name (`spoke with wife. Aduke will call`).

`cue_says_nothing(text, start, word, kind)` is asked by `names` where a cue alone would
make the lone word at `start` a name; `kind` is the word's name-list kind ('' unknown).
"""

from __future__ import annotations

import re

from .english_words import english_word, stop_words
from .name_lists import RELATIVES

#: Words of a title cue that are whole words, never abbreviated: a period after one
#: closes a sentence (`Dr.`, `Fr.`, `Sr.` are abbreviations and stay titles).
_WHOLE_WORD_CUES = frozenset(RELATIVES) | {
    "patient", "guardian", "nurse", "pastor", "partner", "madam", "madame", "sir", "dame",
    "doctor", "professor", "imam", "rabbi", "sheikh", "grandma", "grandpa", "mum", "mommy",
    "daddy", "children", "parents", "family",
}
#: A whole word, a period and blanks, right before the word read: `wife. `, `Son.  `.
_WORD_AND_PERIOD = re.compile(r"(?<![\w.'’-])([A-Za-z]+)\.[ \t]+\Z")
_REACH = 24


def _sentence_closed_by_whole_word(text: str, start: int) -> bool:
    """Whether the cue before `start` is a whole title or relative word ended by a
    period (`for wife. `): a sentence's end, not an abbreviated title."""
    if not text.endswith(".", 0, len(text[:start].rstrip(" \t"))):
        return False
    match = _WORD_AND_PERIOD.search(text, max(0, start - _REACH), start)
    return match is not None and match.group(1).casefold() in _WHOLE_WORD_CUES


def _label_before(text: str, start: int) -> bool:
    """Whether the cue before `start` is a label (`Seen by `, `Attending: `), not a
    title (`Dr. `, `Mrs `)."""
    before = text[max(0, start - _REACH):start].rstrip(" \t")
    return before.endswith((":", "=")) or before[-3:].casefold() == " by"


def cue_says_nothing(text: str, start: int, word: str, kind: str) -> bool:
    """Whether a title or label before the lone word `word` at `start` says nothing of
    it: the word is plain English, and the cue ends a sentence (`wife. Reorients`) or,
    no name list holding the word, is a label (`Seen by Speech`). After a title an
    English word no list holds is still a name (`Dr. Tyro`), and so is a word English
    does not know after a sentence's end (`asked for wife. Aduke came`)."""
    if not word.isalpha() or word.isupper() or not english_word(word.casefold(), stop_words()):
        return False
    return not kind and _label_before(text, start) or _sentence_closed_by_whole_word(
        text, start)
