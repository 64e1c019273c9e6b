"""Capitalised words that name a thing, though a name list knows them: read from the words
around them, not from a list of the things.

A notebook is full of words that are surnames somewhere and name a method, a law or a
quantity here, and of prose in other languages whose words the name lists know. What
gives them away is their place in the sentence:
- a head noun of a technical term right after them (`Poisson distribution`, `Kalman
  filter`, `Gross domestic product`), or inside a run of them that opens with no given
  name (`Markov Chain Monte Carlo`, `Pi Amplitude`), or an eponym right before them
  (`Bayesian Bandit`): the words are a term's modifiers;
- an article or demonstrative right before one word, or an article and a pointing word
  (`The Law says`, `this Bandit`, `the above Law`): English names no person so; nor does
  a capital article before acronyms (`An ANN`), nor one short word in capitals on a
  line written in lower case (`how ANN works`): an acronym;
- a sentence whose lower-case words are mostly no English (`Jika Anda melihat ...`):
  there a capitalised word is as often a word of that language as a name, and neither
  the lists nor the English NER model can tell;
- English words in title case that end in a noun no name list knows and open with no
  given name (`Fresh Tomato Salsa`, `Pinto Beans`): a dish, a product, a title;
- a monarch's regnal name (`Queen Anne`, `King George III`): a historical figure, or a
  style, a place or a ship named after one, never a patient written so;
- the full name of a scientist whose surname names a term in the same text (`Bayes'
  Theorem, after its discoverer Thomas Bayes`, `Fisher's exact test ... Ronald Fisher`);
- a continent or a world region (`North America`, `Sub-Saharan Africa`, `Western Europe`,
  from GeoNames' continents): a part of the world names no one;
- a cited author: a reference mark after the name in its clause (`B. Cronin writes [5]`,
  `Daniel Kahneman *et al.*`), or a numbered bibliography entry that opens with the
  name (`[2] Norvig, Peter. 2009. [Title](…)`), read by `citations.cited_author`.
A title or name label before the words (`Dr. Gauss`, `patient: Markov`) outweighs all of
this; the caller asks only where none stands.
"""

from __future__ import annotations

import re
from functools import lru_cache
from string import ascii_letters

from .brands import firm_of_surnames
from .citations import cited_author
from .english_words import (
    english_word,
    inflected_from,
    nouns_and_other_words,
    verbs_adjectives_adverbs,
)
from .geography import continent_names
from .name_context import line_around
from .name_lists import COMMON_WORDS, EPONYMS, RELATIVES, name_lists
from .peoples import names_a_people
from .severity import CONTEXT_CHARS, PATIENT_CUE

#: Head nouns of technical terms named after people or qualities: methods, laws,
#: distributions, quantities, devices of mathematics, statistics, physics and computing.
HEAD_NOUNS = frozenset("""
algorithm algorithms allocation amplitude approximation bandit bandits basis bound bounds
chain chains circuit classifier coefficient conjecture constant correlation criterion curve curves
dataset datasets decomposition diagram distance distribution distributions divergence effect entropy
equation equations estimator expansion filter formula function functions gate gates
hypothesis identity index inequality integral interval kernel law laws lemma loss matrix
measure method methods metric model models network noise number numbers operator optimizer
optimiser paradox plot polynomial polynomials prior principle problem process product
projection projections regression rule sampler sampling scheme series space sphere statistic
test tests theorem transform transformation walk
""".split()) | (_MEDICAL_HEADS := frozenset("""
catheter classification criteria disease diseases maneuver manoeuvre palsy phenomenon
procedure protocol reflex sign signs score scores scale scales staging syndrome syndromes
triad
""".split()))  # and medicine's eponyms: `Graves disease`, `Babinski sign`, `Wells score`
#: A title or a patient's word right before a name (`Pt Alvarez procedure`): a person.
_PERSON_BEFORE = re.compile(r"(?i:\b(?:mr|mrs|ms|miss|mx|dr|pts?|patient)\.?)[ ]\Z")
_PERSON_WORDS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "pt", "pts", "patient"})
#: Heads that are verbs too (`sign the form`, `score well`): a head only where no object
#: or particle follows (`Babinski sign is`, not `Ana Lopez sign the form`).
_VERB_HEADS = frozenset({"sign", "signs", "score", "scores", "scale", "scales"})
_OBJECT_NEXT = re.compile(r"[ ]+(?:the|a|an|this|that|these|those|his|her|their|my|your|our|"
                          r"its|it|them|him|here|off|up|in|out|well|badly|high|low)\b")
_ARTICLES = frozenset({"the", "a", "an", "this", "these", "those"})
#: Words between an article and one capitalised word that point at a thing the text
#: speaks of: `the above Law`, `the following Theorem`, `the famous Bandit problem`.
_POINTING_WORDS = frozenset({
    "above", "below", "following", "preceding", "previous", "aforementioned", "famous",
    "classical", "original", "generalized", "generalised", "weak", "strong", "celebrated",
})
#: One word right after a span (one blank; lower case, or capitalised in a title), and
#: one more after it.
_NEXT_WORD = re.compile(r"[ ]([A-Za-z][a-z]+)(?:[ ]([a-z]+))?")
#: What may stand before a word read as the word before a span (`super-Bayesian`).
_WORD_OPENERS = " \t\n(*_\"'-"
#: A capital article before acronyms (`An ANN`, `A CNN`): no name.
_ARTICLE_AND_ACRONYMS = re.compile(r"An?(?:[ ][A-Z]{2,4})+")
#: One word in capitals, short as an acronym is (`ANN`, `MAE`, `DAN`).
_ACRONYM = re.compile(r"[A-Z]{2,4}")
#: So many lower-case words on its line make a line written in lower case.
_LOWER_LINE_WORDS = 4
_LOWER_WORDS = re.compile(r"(?<![\w'’-])[a-z]{3,}(?![\w'’-])")
#: Characters read either side of a span for its sentence's language.
_REACH = 160
#: So many lower-case words of three letters or more make a sentence whose language can
#: be told; under this share of them English, it is in another language.
_FOREIGN_MIN_WORDS = 6
_ENGLISH_SHARE = 0.4
#: Any of these makes a line English at once, without counting its words.
_ENGLISH_MARKS = (" the ", " and ", " of ", " to ", " is ", " with ")


def _word_before(text: str, at: int) -> str:
    """The ASCII word that ends one blank before `at` (lower case), or ''."""
    if text[at - 1:at] != " ":
        return ""
    head = text[max(0, at - 41):at - 1]
    rest = head.rstrip(ascii_letters)
    if rest == head or rest and rest[-1] not in _WORD_OPENERS or (
            not rest and at - 41 > 0):
        return ""
    return head[len(rest):].lower()


#: A bracket between a term's modifier and its head noun that holds code or a year
#: (`Robinson (``proj='robin'``) projection`, `Cox (1972) model`), not an age.
_ASIDE = re.compile(r"[ ]\((?:[^()\n]{0,60}`[^()\n]{0,60}|(?:1[5-9]|20)\d\d[a-z]?)\)")


def _head_noun_after(text: str, end: int) -> str:
    """`Poisson distribution`, `Gross domestic product`: a head noun right after, or an
    adjective and then a head noun, or either after a bracket of code or a year; the
    head noun (lower case), or '' if none."""
    after = _NEXT_WORD.match(text, end)
    if after is None or after.group(1).lower() not in HEAD_NOUNS:
        aside = _ASIDE.match(text, end)
        after = _NEXT_WORD.match(text, aside.end()) if aside else after
    if after is None:
        return ""
    first, second = after.group(1).lower(), after.group(2)
    if first in _VERB_HEADS and _OBJECT_NEXT.match(text, after.end(1)):
        return ""  # `Ana Lopez sign the form`: a verb
    if first in HEAD_NOUNS:
        return first
    return second if second and second in HEAD_NOUNS and (
        first in verbs_adjectives_adverbs()) else ""


def _a_person_named(text: str, start: int, words: list[str]) -> bool:
    """Whether the words at `start` are plainly a person's name before a medical head
    (`Maria Alvarez signs consent`, `Pt Alvarez procedure cancelled`, `Mrs. Graves
    disease flare`): a given name the lists hold opens two words or more, or a title or
    a patient's word stands first or right before. Medicine's eponyms are surnames
    (`Graves disease`, `Wells score`, `Stevens Johnson syndrome`), and a note names its
    patient with a given name or a title."""
    if words[0].rstrip(".").casefold() in _PERSON_WORDS or _PERSON_BEFORE.search(
            text, max(0, start - 12), start):
        return True
    return len(words) >= 2 and name_lists().kinds.get(words[0].casefold(), "") in ("G", "N")


#: A possessive, then the word after a surname (`Cox's method`, `Wilson disease`).
_AFTER_EPONYM = re.compile(r"(?:['\u2019]s)?[ \t]+([a-z]+)")


def eponym_term(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is an eponym's surname with a head noun after it
    (`Cox's method`, `Wilson disease`): the method's or the disease's name, even right
    after a title or `patient`."""
    if not all(part.casefold() in EPONYMS for part in text[start:end].split("-")):
        return False
    term = _AFTER_EPONYM.match(text, end)
    return term is not None and term.group(1) in HEAD_NOUNS


def _term_inside(words: list[str]) -> bool:
    """A capitalised head noun or eponym after the first word, and no given name opening
    the run: `Markov Chain`, `Latent Dirichlet`, not `Jude Law` or `Thomas Bayes`."""
    if len(words) < 2:
        return False
    for word in words[1:]:
        key = word.lower()
        if key in HEAD_NOUNS or key in EPONYMS:
            break
    else:
        return False
    first = words[0].lower()
    if key in _MEDICAL_HEADS and first.rstrip(".") in _PERSON_WORDS:
        return False  # `Pt Nancy Sign`: a patient's name
    return first in EPONYMS or name_lists().kinds.get(first, "") not in ("G", "N")


def _acronym_in_lower_case(text: str, start: int, end: int) -> bool:
    """`how ANN works`: one short word in capitals on a line written in lower case is an
    acronym; a record or a note in capitals writes its names so, a sentence does not."""
    if not _ACRONYM.fullmatch(text, start, end):
        return False
    left = max(text.rfind("\n", max(0, start - _REACH), start) + 1, start - _REACH)
    right = text.find("\n", end, end + _REACH)
    right = min(len(text), end + _REACH) if right < 0 else right
    return len(_LOWER_WORDS.findall(text, left, right)) >= _LOWER_LINE_WORDS


def _foreign_sentence(text: str, start: int, end: int) -> bool:
    """Whether the words around the span are mostly no English."""
    low, high = max(0, start - _REACH), min(len(text), end + _REACH)
    left = max(text.rfind("\n", low, start) + 1, low)
    right = text.find("\n", end, high)
    right = high if right < 0 else right
    window = text[left:right]
    if any(mark in window for mark in _ENGLISH_MARKS):
        return False
    words = _LOWER_WORDS.findall(window)
    if len(words) < _FOREIGN_MIN_WORDS:
        return False
    english = sum(english_word(w, COMMON_WORDS) for w in words)
    return english < _ENGLISH_SHARE * len(words)


#: A lower-case word right after: the words before it open a sentence.
_LOWER_WORD_NEXT = re.compile(r"[ \t]+[a-z]")


def _title_case_thing(text: str, end: int, words: list[str]) -> bool:
    """`Fresh Tomato Salsa`, `Pinto Beans`: two or more English words, none a given name
    the lists know, the last a noun that no name list knows, and no verb going on in
    lower case (`Superman Kill his self` is a sentence in title case)."""
    if len(words) < 2:
        return False
    kinds = name_lists().kinds
    last = words[-1].lower()
    nouns, others = nouns_and_other_words()
    if kinds.get(last) is not None or not last.isalpha() or not inflected_from(last, nouns):
        return False
    if inflected_from(last, others) and _LOWER_WORD_NEXT.match(text, end):
        return False
    return all(kinds.get(w.lower(), "") not in ("G", "N", "g", "n")
               and english_word(w.lower(), COMMON_WORDS) for w in words[:-1])


#: A possessive or none, then the one or two words after a surname, in any case
#: (`Bayes' Theorem`, `Fisher's exact test`).
_WORDS_AFTER_EPONYM = re.compile(r"(?:['\u2019]s?)?[ \t]+([A-Za-z]+)(?:[ \t]+([A-Za-z]+))?")


def _namesake_of_a_term(text: str, words: list[str]) -> bool:
    """`Thomas Bayes` where the text speaks of `Bayes' Theorem`: a given name and an
    eponym's surname whose term (`Fisher's exact test`) stands somewhere in the same
    text."""
    surname = words[-1]
    if len(words) < 2 or surname.casefold() not in EPONYMS:
        return False
    at = text.find(surname)
    while at >= 0:
        end = at + len(surname)
        term = _WORDS_AFTER_EPONYM.match(text, end)
        if term and not text[at - 1:at].isalnum() and (term.group(1).lower() in HEAD_NOUNS or (
                term.group(2) and term.group(2).lower() in HEAD_NOUNS
                and term.group(1).lower() in verbs_adjectives_adverbs())):
            return True
        at = text.find(surname, end)
    return False


#: Titles of monarchs: before one given name (and a regnal number) they make a regnal name.
_REGNAL_TITLES = frozenset({"queen", "king", "emperor", "empress", "tsar", "tsarina", "czar",
                            "pope", "pharaoh", "kaiser"})
_REGNAL_NUMBER = re.compile(r"[IVX]{1,5}")


def _line_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The line of text[start:end], at most `severity.CONTEXT_CHARS` either side."""
    return line_around(text, start, end, CONTEXT_CHARS)[:2]


#: Words of care on a line: `Queen Esther was seen today` is a woman's given names.
_CARE_WORDS = re.compile(
    r"\b(?:seen|see|presents?|presented|complain(?:s|ed)?|denies|denied|reports?|reported|"
    r"visit(?:s|ed)?|called|calls|transferred|consult(?:s|ed)?|prescribed|treated|examined|"
    r"ward|clinic|nurse|doctor|dr|mrs?|ms|appointment|follow-?up|symptoms?|pain|fever)\b",
    re.IGNORECASE)


def _regnal_name(text: str, start: int, end: int, words: list[str]) -> bool:
    """`Queen Anne`, `King George III`, `Pope Gregory`: a monarch's title and one given
    name, no surname, on a line without words of care."""
    if len(words) not in (2, 3) or words[0].lower() not in _REGNAL_TITLES:
        return False
    if len(words) == 3 and not _REGNAL_NUMBER.fullmatch(words[2]):
        return False
    if name_lists().kinds.get(words[1].lower(), "").upper() not in ("G", "N"):
        return False
    return _CARE_WORDS.search(text, *_line_around(text, start, end)) is None


#: An age right after a name (`Queen Smith, 61,`, `Baker Pinto (54)`).
_AGE_AFTER = re.compile(r",?[ \t]*(?:\(|,[ \t]*)\d{1,3}(?:[ \t]*(?:y/?o|yo|years?))?[),]")


def _about_a_patient(text: str, start: int, end: int) -> bool:
    """An age right after the words, or a patient's word on their line (within
    `severity.CONTEXT_CHARS`): `Queen Smith, 61, was admitted`, `[3] Lena Marsh.
    Discharged 2019.` are people whatever their words look like."""
    if _AGE_AFTER.match(text, end):
        return True
    return PATIENT_CUE.search(text, *_line_around(text, start, end)) is not None


@lru_cache(maxsize=1)
def _continent_words() -> frozenset[str]:
    """The last word of each continent's name (`america`, `asia`)."""
    return frozenset(name.rsplit(" ", 1)[-1] for name in continent_names())


#: A part of a continent: `Western Europe`, `Sub-Saharan Africa`, `Southeast Asia`.
_REGION_OF = re.compile(
    r"(?:(?:north|south|east|west)(?:ern)?|(?:north|south)-?(?:east|west)(?:ern)?|central|"
    r"sub-saharan|latin|continental|mainland)[ ]+(.+)")


def _world_region(words: list[str]) -> bool:
    """Whether `words` are a continent's name, or a part of one (see the docstring)."""
    if words[-1].casefold() not in _continent_words():
        return False  # most words: no continent's last word
    phrase = " ".join(words).casefold()
    if len(words) == 1 and name_lists().kinds.get(phrase, "") in ("G", "N"):
        return False  # `Asia`, `America`: given names too
    part = _REGION_OF.fullmatch(phrase)
    return phrase in continent_names() or part is not None and (
        part.group(1) in continent_names())


#: What an author is credited with devising (`proposes a system`, `introduced the
#: technique`); no word a person's day is made of (`a walk`, `a test`, `an idea`).
_DEVISED_THINGS = frozenset("""
algorithm algorithms approach architecture coefficient concept criterion distribution
equation estimator formula framework heuristic index inequality kernel metric method methods
model models notation paradigm principle procedure scheme statistic system technique
techniques theorem theory transform
""".split())
#: A verb of devising a method, then the words up to the thing devised.
_DEVISED = re.compile(
    r"[ \t]+(?:first[ \t]+|also[ \t]+)?(?:propos|introduc|invent|devis|coin|formulat|pioneer|"
    r"populari[sz])(?:e[sd]?|s|ed)[ \t]+((?:[a-z][a-z-]*[ \t]+){0,3}[a-z]+)")
#: Words between such a verb and the thing: an article, a pronoun, a few adjectives.
_DEVISED_SKIPS = 3


def _credited_with_a_method(text: str, end: int) -> bool:
    """`J. Tamm proposes a system to rank them`, `Okafor introduced the technique`: the
    name of whoever devised a method the text speaks of (the thing within the first
    four words after the verb)."""
    devised = _DEVISED.match(text, end)
    return devised is not None and any(
        word in _DEVISED_THINGS for word in devised.group(1).split()[:_DEVISED_SKIPS + 1])


#: A number's designator and a digit after a word: `Law no. 4126`, `Protocol No 12`,
#: `Decree nr. 5`, `Form № 3`.
_NUMBERED_AFTER = re.compile(r"[ ]+(?:[Nn][Oo]|[Nn][Rr]|[Nn]°|№)\.?[ ]?\d")


def _numbered_thing(text: str, end: int, words: list[str]) -> bool:
    """`Law no. 4126`, `Protocol No. 1`: one word then a number's designator and a
    number: an instrument, a form, a room, one of a series; English numbers no person so
    (a patient's number follows a label: `MRN`, `ID`)."""
    return len(words) == 1 and _NUMBERED_AFTER.match(text, end) is not None


#: Who someone is to another (`Dad`, `Mom`, `Grandma`): alone, no name of anyone.
_KIN_ALONE = frozenset(RELATIVES) | {"mum", "mommy", "mummy", "daddy", "grandma", "grandpa",
                                     "granny"}


#: A day named after someone: `Valentine's Day`, `Saint Patrick’s Eve`.
_NAMED_DAY_AFTER = re.compile(r"['’]s[ ]+(?:Day|Eve|Night)\b(?![ ]?\d)")


def _named_day(text: str, end: int) -> bool:
    """`Valentine's Day`, `Saint Patrick’s Eve`: a holiday named after someone, in the
    possessive."""
    return _NAMED_DAY_AFTER.match(text, end) is not None


def _day_of_names(text: str, end: int, words: list[str]) -> bool:
    """`Martin Luther King Day`: three names or more then `Day` (two, `Doris Day`, may be
    a person's name). Asked only where nothing marks a patient (`Anna Maria Lopez Day,
    54, admitted` is a person)."""
    return len(words) >= 4 and words[-1] == "Day" and not text[end:end + 3].strip().isdigit()


def names_a_thing(text: str, start: int, end: int, again: bool = False) -> bool:
    """Whether the capitalised words at text[start:end] name a thing, not a person, by
    the words around them (see the module docstring). A name mentioned `again` (one word
    of a person found elsewhere in the text) keeps an article: `the Garcias`."""
    words = text[start:end].replace(",", " ").split()
    if not words:
        return False
    head = _head_noun_after(text, end)
    if head and not (head in _MEDICAL_HEADS and _a_person_named(text, start, words)) or (
            _term_inside(words)) or (
            _ARTICLE_AND_ACRONYMS.fullmatch(text, start, end)) or (
            _acronym_in_lower_case(text, start, end)) or _numbered_thing(text, end, words) or (
            _named_day(text, end)) or not again and (
            firm_of_surnames(text, start, end, name_lists().kinds)) or (
            len(words) == 1 and words[0].casefold() in _KIN_ALONE):
        return True
    if (_title_case_thing(text, end, words) or _regnal_name(text, start, end, words)
            or _namesake_of_a_term(text, words) or cited_author(text, start, end)
            or _credited_with_a_method(text, end)
            or _world_region(words) or names_a_people(words, name_lists().kinds)
            or _day_of_names(text, end, words)) and (
            not _about_a_patient(text, start, end)):
        return True
    word = _word_before(text, start)
    if word and (word in EPONYMS or len(words) == 1 and not again and (
            word in _ARTICLES or word in _POINTING_WORDS and _word_before(
                text, start - len(word) - 1) in _ARTICLES)):
        return True  # `Bayesian Bandit`, `the Law`, `the above Law`
    # Words in a sentence of another language (`Apakah Anda`: Indonesian's `do you`),
    # unless two of them are names the lists know (`Ayer Juan Pérez ingresó …`).
    kinds = name_lists().kinds
    return sum(kinds.get(w.casefold(), "") in ("G", "S", "N") for w in words) < 2 and (
        _foreign_sentence(text, start, end))
