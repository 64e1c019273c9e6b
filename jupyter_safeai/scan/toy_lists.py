"""Lists of bare given names: the toy columns of teaching notebooks.

`'name': ['Bob', 'Jake', 'Lisa', 'Sue']` and a printed column of `Lisa`, `Bob`, `Jake`
under an `employee` header name no one: a label over a column of first names alone, with
no surname in any item, is how tutorials make up rows. A name-part label is a cue for the
one value after it (`name: Bob`), not for the first item of such a list, whose other
items no reader takes as names either. Any item with a surname (`'Lisa Pruitt'`), or a
list of fewer than three, is read as before. So is a list under a word for people in care
(`patients = ['Greta', 'Omar', 'Ines']`, a `subject` column): first names of patients are
PHI however a list looks, every item of it (`care_list_items`).
"""

from __future__ import annotations

import re

#: One more item of a quoted sequence after the one that ends at the match's start: a
#: comma, then one capitalised word of letters alone in the same quotes.
_NEXT_QUOTED = {q: re.compile(rf"\s*,\s*{q}[A-Z][a-z]{{1,14}}{q}") for q in "'\""}
#: What closes a sequence whose items were all read.
_CLOSES = re.compile(r"\s*[\])}]")
#: A row of a printed column that starts with one capitalised word and nothing after it
#: but blanks or, two blanks on, the row's other values.
_ROW_WORD = re.compile(r"[ \t]*[A-Z][a-z]{1,14}(?:(?:[ \t]{2,}|\t)\S.*|[ \t]*)$")
#: Rows below a first one that must each hold one bare word too.
_LEAST_ITEMS = 3
#: Words for people in care in the label over a list: no toy list then.
_IN_CARE = re.compile(r"(?i)(?<![a-z])(?:patients?|pts?|subjects?|participants?|clients?"
                      r"|donors?|probands?|enrollees?|residents?)(?![a-z])")
#: How far before the list's first item its label is looked for (`patients = [` and a
#: printed column's header line above it).
_LABEL_REACH = 80


#: One item of a quoted sequence ending where the search ends, a comma after it: the item
#: before the one at the search's end.
_ITEM_BEFORE = {q: re.compile(rf"{q}[A-Z][a-z]{{1,14}}{q}\s*,\s*\Z") for q in "'\""}
#: What opens a sequence, ending where the search ends.
_OPENS = re.compile(r"[\[({]\s*\Z")


def care_list_items(text: str, start: int, end: int) -> list[str]:
    """The items of the sequence of two or more quoted capitalised words, under a word
    for people in care, that the quoted word at text[start:end] is one of (`patients =
    ['Greta', 'Omar', 'Ines']`: a label is a cue for the first item only); none else."""
    quote = text[start - 1:start]
    if quote not in _ITEM_BEFORE or text[end:end + 1] != quote:
        return []
    at, pattern = start - 1, _ITEM_BEFORE[quote]
    while (item := pattern.search(text, max(0, at - 40), at)) is not None:
        at = item.start()
    if _OPENS.search(text, max(0, at - 8), at) is None or (
            _IN_CARE.search(text, max(0, at - _LABEL_REACH), at) is None):
        return []
    first_end = text.index(quote, at + 1)
    items, after = [text[at + 1:first_end]], first_end + 1
    while (item := _NEXT_QUOTED[quote].match(text, after)) is not None:
        items.append(item.group().strip(" \t\n,")[1:-1])
        after = item.end()
    return items if len(items) >= 2 else []


def opens_bare_name_list(text: str, start: int, end: int) -> bool:
    """Whether the word at text[start:end] is the first item of a quoted sequence of three
    or more one-word capitalised items that closes after them, or the first row of a
    printed column of three or more rows that each start with one such word, under no
    word for people in care."""
    if _IN_CARE.search(text, max(0, start - _LABEL_REACH), start):
        return False
    quote = text[start - 1:start]
    if quote in _NEXT_QUOTED and text[end:end + 1] == quote:
        at, items, pattern = end + 1, 1, _NEXT_QUOTED[quote]
        while (item := pattern.match(text, at)) is not None:
            at, items = item.end(), items + 1
        return items >= _LEAST_ITEMS and _CLOSES.match(text, at) is not None
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(" \t"):
        return False  # not the first word of its row
    rows, at = 0, line_start
    while rows < _LEAST_ITEMS:
        line_end = text.find("\n", at)
        line = text[at:] if line_end < 0 else text[at:line_end]
        if not _ROW_WORD.match(line):
            return False
        rows += 1
        if line_end < 0:
            break
        at = line_end + 1
    return rows >= _LEAST_ITEMS
