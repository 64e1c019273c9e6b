"""Words for a people, a language or a faith (`German`, `Spanish`, `Jewish`, `Muslims`),
and capitalised runs they open (`Spanish Art`, `German Basic Law`, `Jewish Christians`).

Some of these words are given names somewhere (`German`, `Christian`, `Muslim`), so the
name lists read `German Basic Law` as a given name and two more words. What such a run
names is a thing or a group: a nationality or language, then English words (an
institution, a law, a style, a people), or the group's word in the plural.

The words come from lists kept elsewhere, kept only where WordNet (the spaCy model's
lemma index) also lists the word as an adjective, which keeps out a language's name
that is no English word (`Ewe`, `Fang`):
- mimesis's English `nationality` and `language` lists (read as files);
- the adherents of the world's larger faiths, a closed class written out here.

Alone, a word for a people that a list holds as a strong given name is still read as
a name (`Christian called`); so is a run whose other words are names the lists hold
(`Christian Bale`, `French Stewart`): only a word no name list holds among them
(`German Basic Law`: `Basic`) or a plural (`Muslims`) makes it a thing.
Without mimesis or the model the set is empty: more findings, never fewer.
"""

from __future__ import annotations

import json
from functools import lru_cache

from .english_words import adjectives, english_word
from .package_data import package_dir

#: Adherents of the larger faiths and their branches; only those WordNet lists as an
#: adjective are kept (`_words_for_peoples`).
_FAITHS = frozenset("""
anglican baptist buddhist catholic christian confucian druze hindu islamic jain jewish
lutheran methodist mormon muslim orthodox pentecostal presbyterian protestant shia shiite
sikh sunni taoist zoroastrian
""".split())
_MIMESIS_LISTS = ("nationality", "language")
_STRONG_GIVEN = ("G", "N")


@lru_cache(maxsize=1)
def words_for_peoples() -> frozenset[str]:
    """Case-folded words for a nationality, a language or a faith (`german`, `hindi`,
    `jewish`) that WordNet lists as adjectives."""
    listed = adjectives()
    if not listed:
        return frozenset()
    words = set(_FAITHS)
    folder = package_dir("mimesis")
    path = folder / "datasets" / "en" / "person.json" if folder is not None else None
    if path is not None and path.is_file():
        data = json.loads(path.read_text("utf-8"))
        for key in _MIMESIS_LISTS:
            words.update(entry.casefold() for entry in data.get(key, ())
                         if isinstance(entry, str) and entry.isalpha())
    return frozenset(words & listed)


def _people_word(word: str) -> tuple[bool, bool]:
    """(whether `word` is a word for a people, whether in the plural: `Muslims`)."""
    key = word.casefold()
    peoples = words_for_peoples()
    if key in peoples:
        return True, False
    return (True, True) if key.endswith("s") and key[:-1] in peoples else (False, False)


def names_a_people(words: list[str], kinds: dict[str, str]) -> bool:
    """Whether capitalised `words` are a word for a people, a language or a faith, alone
    or opening English words, and so no person (see the module docstring). `kinds` are
    the name lists' kinds (case-folded keys)."""
    people, plural = _people_word(words[0])
    if not people:
        return False
    given = kinds.get(words[0].casefold(), "") in _STRONG_GIVEN
    rest = [word.casefold() for word in words[1:]]
    if not rest:
        return plural or not given
    if not all(word.isalpha() and english_word(word) for word in rest):
        return False  # `German Lopez`: a surname no English word
    return plural or not given or any(not kinds.get(word) for word in rest)
