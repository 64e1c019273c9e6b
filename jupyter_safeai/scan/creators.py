"""Who made a work: the singer of a song, the writer of a book, the painter of a picture.

A sentence that names someone's work names them bare: after `by` (`a concert by Ilse
Brandt`, `written by Okonkwo`) or as the work's owner before its noun (`a Tove Lind
concert`, `the Sigrun Dahl version`). The same shapes name things too (`a book by
O'Reilly`, `the Python version`, `the Gaussian version`), so the words must be a name's:
a listed given name or surname among them and none an English or software word; a single
word must be a listed name English does not know. Sources a notebook cites (`a paper by`,
`a post by`) are left out: their authors are no one in the data.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

import regex

from .english_words import inflected_from, nouns_and_other_words
from .name_lists import COMMON_WORDS, EPONYMS, NameLists, english_ending
from .recognizer import trie

#: Works of art and entertainment (not papers, posts or documentation).
_WORKS = ("song", "songs", "album", "albums", "single", "track", "record", "recording",
          "version", "cover", "concert", "concerts", "gig", "tour", "show", "film", "films",
          "movie", "movies", "documentary", "book", "books", "novel", "novels", "memoir",
          "biography", "poem", "poems", "painting", "paintings", "portrait", "sculpture",
          "photograph", "play", "opera", "symphony", "musical", "performance", "exhibition")
#: Verbs of making one, before `by`.
_MAKING = ("written", "directed", "recorded", "performed", "sung", "composed", "painted",
           "produced", "narrated", "illustrated", "photographed", "sculpted",
           "choreographed", "co-written", "covered", "remixed")
#: A capitalised word of a name.
_NAME_WORD = r"\p{Lu}[\p{Ll}\p{M}]+(?:['’-]\p{L}[\p{Ll}\p{M}]*)*"
_NAME = rf"{_NAME_WORD}(?:[ ](?:\p{{Lu}}\.?[ ])?{_NAME_WORD}){{0,2}}"
_WORK = "|".join(_WORKS)
# `a concert by X`, `the song … by X`, `written by X`.
_BY_MAKER = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}_])(?i:(?:{_WORK})(?:[ ][\p{{Ll}}]+){{0,3}}?|{'|'.join(_MAKING)})"
    rf"[ ]by[ ]({_NAME})(?![\p{{L}}\p{{N}}_]|['’]s\b)")
# `a Tove Lind concert`, `the Sigrun Dahl version`.
_MAKERS_WORK = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}_])(?i:a|an|the|that|this|his|her|their|my|your)[ ]({_NAME})[ ]"
    rf"(?:{_WORK})(?![\p{{L}}\p{{N}}_])")
#: Every match of `_BY_MAKER` holds one of these before its `by` (lower case).
_ANCHORS = re.compile(trie(_WORKS + _MAKING) + r"(?![a-z])")
#: A work noun after a blank: where `_MAKERS_WORK` may end, when a capitalised word
#: stands before the blank (`_owner_ends`). Found from the blank (a character `re` skips
#: to), not from every capital of the text, where most of the time went.
_WORK_AFTER_BLANK = re.compile(" (?:" + trie(_WORKS) + r")(?![a-z])")
#: The characters after the capital of a capitalised word before a work noun.
_OWNER_TAIL = frozenset("abcdefghijklmnopqrstuvwxyz'’.-")
#: How far before its `by` the work or the verb of making is looked for.
_BY_REACH = 40
#: How far before its work noun the maker's name of `_MAKERS_WORK` is looked for.
_REACH = 60


def makers_of_works(text: str, lowered: str, lists: NameLists, not_names: Collection[str]
                    ) -> Iterator[tuple[int, int]]:
    """The spans of the names of who made a work the text names (see the module
    docstring). `lowered`: text.lower(); `not_names`: software names."""
    if len(lowered) != len(text):
        return
    spans: set[tuple[int, int]] = set()
    by = lowered.find(" by ")
    while by >= 0:  # back from each `by` (few) to a work or a verb of making before it
        low = max(0, by - _BY_REACH)
        for anchor in _ANCHORS.finditer(lowered, low, by):
            if not lowered[anchor.start() - 1:anchor.start()].isalpha():
                match = _BY_MAKER.match(text, anchor.start())
                if match is not None and match.start(1) == by + 4:
                    spans.add(match.span(1))
                    break
        by = lowered.find(" by ", by + 1)
    for end in _owner_ends(text):
        match = _MAKERS_WORK.search(text, max(0, end - _REACH), end)
        if match is not None and match.end() == end:
            spans.add(match.span(1))
    for start, stop in sorted(spans):
        if _names_a_person(text[start:stop].split(), lists, not_names):
            yield start, stop


def _owner_ends(text: str) -> Iterator[int]:
    """Where each capitalised word and the work noun right after it end (the ends of
    the matches of `[A-Z][a-z'’.-]* (?:work)(?![a-z])`, which never overlap: the noun
    is lower case)."""
    for work in _WORK_AFTER_BLANK.finditer(text):
        at = work.start()
        while at and text[at - 1] in _OWNER_TAIL:
            at -= 1
        if at and "A" <= text[at - 1] <= "Z":
            yield work.end()


def _names_a_person(words: list[str], lists: NameLists, not_names: Collection[str]) -> bool:
    """Whether the capitalised `words` are a person's name: no eponym, software word or
    word with an English ending among them, every one listed as a name (`Iris Setosa`
    is a flower), one a given name or surname no common word, and not all English
    words; one word alone must be a listed name English does not know."""
    nouns, others = nouns_and_other_words()
    words = [w for w in words if len(w.rstrip(".")) > 1]
    keys = [w.casefold() for w in words]
    if not keys or any(key in EPONYMS or key in not_names or english_ending(w)
                       for key, w in zip(keys, words, strict=True)):
        return False
    kinds = lists.kinds
    if len(keys) == 1:
        key = keys[0]
        return kinds.get(key, "") in ("G", "S", "N") and key not in nouns and not (
            inflected_from(key, others))
    return all(kinds.get(key) for key in keys) and any(
        kinds.get(key, "") in ("G", "S", "N") for key in keys) and not all(
        key in COMMON_WORDS or key in nouns or inflected_from(key, others) for key in keys)
