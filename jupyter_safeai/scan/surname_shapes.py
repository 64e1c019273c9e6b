"""Surnames no list holds, known by the ending their language gives surnames.

Many languages build surnames from a few endings: a son's or daughter's name (Nordic
`-sson`, `-dóttir`; Slavic `-ovich`; Georgian `-dze`; Turkish `-oğlu`; Greek `-opoulos`),
a place or a family's name (Slavic `-ov`, `-ski`; Romanian `-escu`; Persian `-zadeh`).
Faker, the census and mimesis list many such surnames, but each ending makes far more
than any list holds. An ending is evidence only where English words do not end so: it
is kept here only if few of the English lemmas (WordNet's, in the spaCy model's
lemmatizer index) end with it and those few are themselves surnames or places
(`gorbachev`, `geneva`, `alaska`). Endings that English uses often are left out: `-in`
(`protein`, `margin`), `-ina` (`retina`), `-ian` (`canadian`, `bayesian`), `-ak`
(`break`), `-ko` (`gecko`), `-uk` (`dybbuk`).

A shape says surname, never a whole name: a reader takes it where it takes a listed
surname (beside a given name, after a title), never alone. The word must still be no
English word (in any inflection) and no place GeoNames knows (`Moldova`, `Nebraska`).
"""

from __future__ import annotations

import regex

#: Surname endings by language family, with why each is evidence (English lemmas that
#: end so, counted on the spaCy model's index, all names or places).
SURNAME_ENDINGS: dict[str, tuple[str, ...]] = {
    # East and West Slavic: possessive and place endings, their feminine forms, and
    # patronymics (English: asimov, chekhov, gorbachev, geneva, alaska, nebraska)
    "slavic": ("ov", "ova", "ev", "eva", "ovich", "evich", "sky", "ski", "ska", "ská",
               "ová", "enko", "chuk", "czuk", "wicz", "czyk", "czak"),
    # South Slavic `-ić` (none in English), as written with and without its accent
    "south_slavic": ("ić", "vić", "ič", "ovic", "evic"),
    # Cyrillic script: the same Slavic endings; a text in Cyrillic reads them as Russian
    # surnames do (`Иванов`, `Петрова`, `Достоевский`)
    "cyrillic": ("ов", "ова", "ев", "ева", "ёв", "ёва", "ский", "ская", "енко"),
    # Baltic: Lithuanian surnames of men, married and unmarried women
    "baltic": ("auskas", "iūnas", "ienė", "aitė", "ytė", "aitis"),
    # Nordic patronymics (English: caisson, frisson; `-sen` English's are caught as words)
    "nordic": ("sson", "dóttir", "dottir"),
    # Greek: `son of` and diminutive endings (none in English)
    "greek": ("opoulos", "akis", "idis", "iadis", "poulos"),
    # Romanian (none in English)
    "romanian": ("escu", "eanu"),
    # Armenian `-yan` (English: bunyan, himalayan, caught as words); `-ian` is English's
    "armenian": ("yan", "yants"),
    # Georgian: `child of`, `son of` (none in English)
    "georgian": ("shvili", "dze", "adze", "iani"),
    # Turkish and Azerbaijani `son of` (none in English)
    "turkic": ("oğlu", "oglu", "zade"),
    # Persian `born of`, `son of` (English: downpour, caught as a word)
    "persian": ("zadeh", "pour", "nejad"),
}

#: A word's stem before its ending has at least this many letters: `Eva`, `Ski`, `Dze`
#: are no surnames by their shape.
_STEM_LEAST = 3
_ENDINGS = tuple(sorted({e for endings in SURNAME_ENDINGS.values() for e in endings},
                        key=len, reverse=True))
#: A capitalised word of letters: the first upper case, the rest lower case.
_TITLE_WORD = regex.compile(r"\p{Lu}[\p{Ll}\p{M}]+")


def surname_shaped(word: str) -> bool:
    """Whether a capitalised `word` no list holds ends as surnames of a language
    do (`SURNAME_ENDINGS`), with a stem of `_STEM_LEAST` letters, and is no English word
    and no place. Not cached here (no module keeps user text): the name recognizer
    keeps each word's verdict in the scanner's memo."""
    if not word.endswith(_ENDINGS) or _TITLE_WORD.fullmatch(word) is None:
        return False  # (most words: one suffix test, in C)
    key = word.casefold()
    ending = next(e for e in _ENDINGS if key.endswith(e))
    if len(key) - len(ending) < _STEM_LEAST:
        return False
    from .english_words import english_word
    from .geography import is_place_name

    return not english_word(key) and not is_place_name(word)
