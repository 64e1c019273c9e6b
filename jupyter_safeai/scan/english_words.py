"""English words that are verbs, adjectives or adverbs (`clear`, `small`, `hand`), from the
lemmatizer index (WordNet's lemmas) that the installed spaCy English model ships.

Where capitals say nothing (a note written in capitals), two listed names side by side
are a name only if neither is such a word: `CLEAR AMBER` and `HAND WARMER` are a colour
and a thing, `LISA ROSSETTI` a person. Nouns are left out: WordNet lists many people.
Without the model the set is empty, and capitals are read as before.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

from .nlp import SPACY_MODEL

#: spaCy's string hashes (`spacy.strings.hash_string`) of the index's parts of speech,
#: fixed by spaCy's StringStore: written out so that reading the index needs no spaCy.
PART_OF_SPEECH_KEYS = {"verb": 6360137228241296794, "adj": 12401032943472870168,
                       "adv": 10054248821341768113}
#: The noun key of the same index: nouns say a text is English, not that a word is no name.
NOUN_KEY = 16833663260455505849
#: Endings English adds to a lemma (`says`, `models`, `averaged`, `sampling`, `quickly`).
_INFLECTIONS = ("ing", "ies", "es", "ed", "ly", "s", "d")


@lru_cache(maxsize=1)
def _lookups() -> dict[str, dict[int, object]]:
    """The model's lemmatizer tables (`lemma_index`, `lemma_exc`), read once; empty
    without the model."""
    spec = importlib.util.find_spec(SPACY_MODEL)
    if spec is None or spec.origin is None:
        return {}
    found = sorted(Path(spec.origin).parent.glob("*/lemmatizer/lookups/lookups.bin"))
    if not found:
        return {}
    import srsly

    return srsly.read_msgpack(found[0])


@lru_cache(maxsize=1)
def verbs_adjectives_adverbs() -> frozenset[str]:
    """The lower-case words the model's lemma index lists as a verb, adjective or adverb."""
    index = _lookups().get("lemma_index", {})
    return frozenset(word.lower() for key in PART_OF_SPEECH_KEYS.values()
                     for word in index.get(key, ()) if "_" not in word)


@lru_cache(maxsize=1)
def english_lemmas() -> frozenset[str]:
    """Every lower-case word the lemma index lists (nouns too) and every irregular form
    it knows (`went`, `mice`): what tells an English sentence from one in another
    language, not a name from a word."""
    tables = _lookups()
    index, irregular = tables.get("lemma_index", {}), tables.get("lemma_exc", {})
    words = {word.lower() for key in (*PART_OF_SPEECH_KEYS.values(), NOUN_KEY)
             for word in index.get(key, ()) if "_" not in word}
    words.update(form.lower() for forms in irregular.values() if isinstance(forms, dict)
                 for form in forms)
    return frozenset(words)


def english_word(word: str, extra: frozenset[str] = frozenset()) -> bool:
    """Whether a lower-case word is English: a lemma (or one of `extra`, the function
    words WordNet leaves out), or one with a regular ending taken off."""
    lemmas = english_lemmas()
    if word in lemmas or word in extra:
        return True
    return any(word.endswith(ending) and len(word) > len(ending) + 2 and (
        word[:-len(ending)] in lemmas or word[:-len(ending)] + "e" in lemmas
        or ending == "ies" and word[:-3] + "y" in lemmas) for ending in _INFLECTIONS)
