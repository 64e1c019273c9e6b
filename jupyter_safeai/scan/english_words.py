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


@lru_cache(maxsize=1)
def verbs_adjectives_adverbs() -> frozenset[str]:
    """The lower-case words the model's lemma index lists as a verb, adjective or adverb."""
    spec = importlib.util.find_spec(SPACY_MODEL)
    if spec is None or spec.origin is None:
        return frozenset()
    found = sorted(Path(spec.origin).parent.glob("*/lemmatizer/lookups/lookups.bin"))
    if not found:
        return frozenset()
    import srsly

    index = srsly.read_msgpack(found[0]).get("lemma_index", {})
    return frozenset(word.lower() for key in PART_OF_SPEECH_KEYS.values()
                     for word in index.get(key, ()) if "_" not in word)
