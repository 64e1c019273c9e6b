"""Capitalised words that name a thing, though a name list knows them: read from the words
around them, not from a list of the things.

A notebook is full of words that are surnames somewhere and name a method, a law or a
quantity here, and of prose in other languages whose words the name lists know. What
gives them away is their place in the sentence:
- a head noun of a technical term right after them (`Poisson distribution`, `Kalman
  filter`, `Gross domestic product`), or inside a run of them that opens with no given
  name (`Markov Chain Monte Carlo`, `Pi Amplitude`), or an eponym right before them
  (`Bayesian Bandit`): the words are a term's modifiers;
- an article or demonstrative right before one word (`The Law says`, `this Bandit`):
  English names no person so;
- a sentence whose lower-case words are mostly no English (`Jika Anda melihat ...`):
  there a capitalised word is as often a word of that language as a name, and neither
  the lists nor the English NER model can tell.
A title or name label before the words (`Dr. Gauss`, `patient: Markov`) outweighs all of
this; the caller asks only where none stands.
"""

from __future__ import annotations

import re

from .english_words import english_word, verbs_adjectives_adverbs
from .name_lists import COMMON_WORDS, EPONYMS, name_lists

#: Head nouns of technical terms named after people or qualities: methods, laws,
#: distributions, quantities, devices of mathematics, statistics, physics and computing.
HEAD_NOUNS = frozenset("""
algorithm algorithms amplitude approximation bandit bandits basis bound bounds chain chains
circuit classifier coefficient conjecture constant correlation criterion curve curves
decomposition diagram distance distribution distributions divergence effect entropy
equation equations estimator expansion filter formula function functions gate gates
hypothesis identity index inequality integral interval kernel law laws lemma loss matrix
measure method methods metric model models network noise number numbers operator optimizer
optimiser paradox plot polynomial polynomials prior principle problem process product
regression rule sampler sampling scheme series space sphere statistic test tests theorem
transform transformation walk
""".split())
_ARTICLES = frozenset({"the", "a", "an", "this", "that", "these", "those"})
#: One word right after a span (one blank), and one more after it.
_NEXT_WORD = re.compile(r"[ ]([a-z]+)(?:[ ]([a-z]+))?")
#: The capitalised word (or `super-Bayesian`) right before a span, one blank away.
_WORD_BEFORE = re.compile(r"(?:^|(?<=[\s(*_\"'-]))([A-Za-z]+)[ ]$")
_LOWER_WORDS = re.compile(r"(?<![\w'’-])[a-z]{3,}(?![\w'’-])")
#: Characters read either side of a span for its sentence's language.
_REACH = 160
#: So many lower-case words of three letters or more make a sentence whose language can
#: be told; under this share of them English, it is in another language.
_FOREIGN_MIN_WORDS = 6
_ENGLISH_SHARE = 0.4


def _head_noun_after(text: str, end: int) -> bool:
    """`Poisson distribution`, `Gross domestic product`: a head noun right after, or an
    adjective and then a head noun."""
    after = _NEXT_WORD.match(text, end)
    if after is None:
        return False
    first, second = after.group(1), after.group(2)
    return first in HEAD_NOUNS or bool(
        second and second in HEAD_NOUNS and first in verbs_adjectives_adverbs())


def _term_inside(words: list[str]) -> bool:
    """A capitalised head noun after the first word, and no given name opening the run:
    `Markov Chain`, not `Jude Law`."""
    if len(words) < 2 or not any(w.casefold() in HEAD_NOUNS for w in words[1:]):
        return False
    first = words[0].casefold()
    return first in EPONYMS or name_lists().kinds.get(first, "") not in ("G", "N")


def _foreign_sentence(text: str, start: int, end: int) -> bool:
    """Whether the words around the span are mostly no English."""
    low, high = max(0, start - _REACH), min(len(text), end + _REACH)
    left = max(text.rfind("\n", low, start) + 1, low)
    right = text.find("\n", end, high)
    words = _LOWER_WORDS.findall(text, left, high if right < 0 else right)
    if len(words) < _FOREIGN_MIN_WORDS:
        return False
    english = sum(english_word(w, COMMON_WORDS) for w in words)
    return english < _ENGLISH_SHARE * len(words)


def names_a_thing(text: str, start: int, end: int) -> bool:
    """Whether the capitalised words at text[start:end] name a thing, not a person, by
    the words around them (see the module docstring)."""
    words = text[start:end].replace(",", " ").split()
    if not words:
        return False
    if _head_noun_after(text, end) or _term_inside(words):
        return True
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if before is not None:
        word = before.group(1).casefold()
        if word in EPONYMS or len(words) == 1 and word in _ARTICLES:
            return True
    return _foreign_sentence(text, start, end)
