"""English words by part of speech (`clear`, `small`, `hand`), from the lemmatizer index
(WordNet's lemmas) and its irregular forms (`came`, `mice`) that the installed spaCy
English model ships: the one reader of those tables for every recognizer.

Where capitals say nothing (a note written in capitals), two listed names side by side
are a name only if neither is such a word: `CLEAR AMBER` and `HAND WARMER` are a colour
and a thing, `LISA ROSSETTI` a person. Nouns are left out: WordNet lists many people.
Without the model the set is empty, and capitals are read as before.
"""

from __future__ import annotations

import sys
from functools import lru_cache

from .nlp import SPACY_MODEL
from .package_data import load_file_module, package_dir

#: spaCy's string hashes (`spacy.strings.hash_string`) of the index's parts of speech,
#: fixed by spaCy's StringStore: written out so that reading the index needs no spaCy.
PART_OF_SPEECH_KEYS = {"verb": 6360137228241296794, "adj": 12401032943472870168,
                       "adv": 10054248821341768113}
#: The noun key of the same index: nouns say a text is English, not that a word is no name.
NOUN_KEY = 16833663260455505849
#: Endings English adds to a lemma (`says`, `models`, `averaged`, `sampling`, `quickly`).
_INFLECTIONS = ("ing", "ies", "es", "ed", "ly", "s", "d")
#: Endings read back to a lemma's: `called` → `call`, `notified` → `notify`.
_ENDINGS_TO_LEMMA = (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""),
                     ("ed", "e"), ("ing", ""), ("ing", "e"), ("ly", ""), ("er", ""),
                     ("est", ""))


@lru_cache(maxsize=1)
def _lookups() -> dict[str, dict[int, object]]:
    """The model's lemmatizer tables (`lemma_index`, `lemma_exc`), read once; empty
    without the model."""
    folder = package_dir(SPACY_MODEL)
    if folder is None:
        return {}
    found = sorted(folder.glob("*/lemmatizer/lookups/lookups.bin"))
    if not found:
        return {}
    import srsly

    return srsly.read_msgpack(found[0])


@lru_cache(maxsize=1)
def verbs_adjectives_adverbs() -> frozenset[str]:
    """The lower-case words the model's lemma index lists as a verb, adjective or adverb."""
    return frozenset().union(*map(_index_words, PART_OF_SPEECH_KEYS.values()))


@lru_cache(maxsize=8)
def _index_words(key: int) -> frozenset[str]:
    """The lower-case one-word lemmas the index lists under one part of speech: read
    once, for every set of lemmas below."""
    return frozenset(word.lower() for word in _lookups().get("lemma_index", {}).get(key, ())
                     if "_" not in word)


@lru_cache(maxsize=1)
def english_lemmas() -> frozenset[str]:
    """Every lower-case word the lemma index lists (nouns too) and every irregular form
    it knows (`went`, `mice`): what tells an English sentence from one in another
    language, not a name from a word."""
    irregular = _lookups().get("lemma_exc", {})
    words = set().union(*map(_index_words, (*PART_OF_SPEECH_KEYS.values(), NOUN_KEY)))
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


@lru_cache(maxsize=1)
def lemma_index_words() -> frozenset[str]:
    """Every lower-case lemma the index lists, of any part of speech (with many towns and
    people among its nouns)."""
    return frozenset().union(*map(_index_words, _lookups().get("lemma_index", {})))


@lru_cache(maxsize=1)
def nouns_and_other_words() -> tuple[frozenset[str], frozenset[str]]:
    """(the nouns, the verbs, adjectives and adverbs) of the index with their irregular
    forms (`came`, `slept`), lower case."""
    irregular = _lookups().get("lemma_exc", {})

    def words(keys: tuple[int, ...]) -> frozenset[str]:
        return frozenset().union(*map(_index_words, keys), (
            form.lower() for key in keys for form in irregular.get(key, {}) if "_" not in form))
    return words((NOUN_KEY,)), words(tuple(PART_OF_SPEECH_KEYS.values()))


def inflected_from(word: str, words: frozenset[str]) -> bool:
    """Whether lower-case `word` is one of `words` or one with an ending English adds
    (`called`, `notified`, `stopped`)."""
    if word in words:
        return True
    for ending, stem in _ENDINGS_TO_LEMMA:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            base = word[: len(word) - len(ending)]
            if base + stem in words or (len(base) > 3 and base[-1] == base[-2]
                                        and base[:-1] in words):
                return True
    return False


def phrasal_verb(words: list[str]) -> bool:
    """Whether lower-case `words` are a verb and its particles (`put back`, `sat up`,
    `turned over`): a verb, adjective or adverb (inflected or not) or a stop word each,
    one of them at least a stop word. A name of two listed words is no such run (`will
    smith`: `smith` is a noun; `mark young`: no stop word)."""
    keys = [word.casefold() for word in words]
    stops = stop_words()
    if not any(key in stops for key in keys):
        return False
    others = verbs_adjectives_adverbs()
    return all(key in stops or inflected_from(key, others) for key in keys)


def describes(word: str) -> bool:
    """Whether lower-case `word` describes rather than names: an English adjective
    (`lazy`, `crazy`) or a plural of an English noun (`nicknames`): what `call me`
    gives when it gives no name."""
    if word in adjectives():
        return True
    return word.endswith("s") and len(word) > 3 and (
        word[:-1] in nouns_and_other_words()[0] or word.endswith("es") and (
            word[:-2] in nouns_and_other_words()[0]))


def adjectives() -> frozenset[str]:
    """The lower-case one-word lemmas the index lists as adjectives."""
    return _index_words(PART_OF_SPEECH_KEYS["adj"])


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """English function words (spaCy's list: `among`, `whereas`), which WordNet's nouns
    and verbs leave out and some name list holds. Read from spaCy's file, which imports
    nothing, without importing spaCy (half a second, only NER needs it); spaCy's module
    if it is imported already."""
    module = sys.modules.get(_STOP_WORDS_MODULE) or load_file_module(
        "spacy", "lang/en/stop_words.py", "_safeai_stop_words")
    if module is None:
        return frozenset()
    return frozenset(module.STOP_WORDS)


_STOP_WORDS_MODULE = "spacy.lang.en.stop_words"
