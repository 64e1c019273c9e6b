"""Given-name and surname lists of many origins and scripts, built once per process.

The lists come from three packages installed from PyPI, read together:
- Faker's person providers (MIT): about 30,000 given names and 30,000 surnames from 86
  locales, in Latin, Han, kana, Hangul, Arabic, Devanagari, Cyrillic and other scripts;
- the US Census 1990 name files (public domain, shipped in `names`, MIT): 5,163 given
  names and the 18,839 surnames of 0.001 % of Americans or more (of 88,799), the long
  tail of American surnames Faker samples from;
- mimesis's person datasets (MIT): given names and surnames of ~35 locales (Nordic,
  Baltic, Slavic, Turkic, Persian, Arabic, Greek, Dutch...).
They are evidence, not a verdict: the name recognizer also uses titles, labels and the
shape of the text, so names missing from the lists are still found where a person would
recognise them. The census and mimesis lists are long and hold English words (`Blue`,
`World`, `With`) and notes' abbreviations (`Abd`, `Tol`, `Sero`): a word only they list
is taken only if English does not know it and it has four letters or more (`_NEW_LEAST`),
and as a weak name where a brand list holds it too (`Boeing`, `Audi`: see `brands`).
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

import regex

from .package_data import package_dir

# Capitalised words that are also given names or surnames somewhere but in a notebook
# are nearly always ordinary English, statistics, medicine or code.
COMMON_WORDS = frozenset("""
saw seen admitted called discussed visited examined evaluated treated referred met told
asked informed regarding notify contact email emailed text texted message draft dear
summarize summarise write explain please thanks thank
using following missing training testing loading processing screening imaging nursing
smoking setting reading writing funding pending building running housing meaning morning
evening opening closing billing coding mapping warning staging sampling scoring ranking
rating tracking dosing fasting rising
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers him his how i if in into is it its just me more
most my no nor not now of off on once only or other our out over own same she should so some
such than that the their them then there these they this those through to too under until up
very was we were what when where which while who whom why will with would you your yes ok
true false none null nan na n/a new old north south east west central upper lower left right
high low big small long short first last next final total mean median mode average sum count
max min std data table figure fig model test tests case cases study group groups control
controls treatment placebo baseline follow visit day days week weeks month months year years
time date age sex male female men women man woman boy girl child children adult adults
patient patients subject subjects sample samples cohort doctor nurse hospital clinic center
centre department unit ward room bed lab labs result results note notes report summary
history plan assessment diagnosis problem problems medication medications drug drugs dose
doses tablet tablets daily twice once oral blood pressure heart rate glucose insulin cancer
tumor tumour gene genes protein cell cells type types level levels score scores value values
index normal abnormal positive negative present absent stable acute chronic severe mild
moderate primary secondary general family social medical clinical surgical health care
public private state national international university college school institute service
services system systems network analysis method methods review trial trials survival curve
curves regression logistic linear random forest tree trees boost gradient neural deep
learning machine vector support cross validation train training set sets split feature
features target label labels class classes python pandas numpy plot plots chart charts print
import from return def class lambda yield async await try except finally raise with pass
break continue global if else elif while for in not and or is none true false self cls args
kwargs main init file files path paths read write open close load save run runs start end
stop error errors warning warnings info debug log logs user users admin server client
request response api key keys token tokens password secret config settings default option
options version update install package packages module modules function functions object
objects string strings list lists dict array arrays frame frames series column columns row
rows index indices shape size length width height color colour red green blue black white
gray grey brown orange yellow purple pink gold silver rose violet january february march
april may june july august september october november december monday tuesday wednesday
thursday friday saturday sunday spring summer autumn fall winter morning evening night today
tomorrow yesterday am pm est pst utc gmt street avenue road lane drive court way place
boulevard park square hill hills lake river mount mountain valley field fields wood woods
bay beach island port harbor city town village county country street king queen prince
princess lord lady sir dame saint st san santa love hope faith joy grace glory honor honour
mercy peace star sky sun moon rain snow storm summer autumn dawn will shall must might can
may mark bill grant price cash bond banks hall wall walls cross crown church chase bell
bishop baker miller taylor turner cook carter mason porter hunter fisher gene ray rod sage
dean major minor chance case young strong rich wise
notebook notebooks console kernel kernels terminal widget widgets perl
""".split())

# Surnames used as eponyms in medicine and statistics: alone they name a method or a
# disease, not a person in the data.
EPONYMS = frozenset("""
kaplan meier cox parkinson parkinsons alzheimer alzheimers crohn crohns hodgkin hodgkins
wilson wilsons addison addisons cushing cushings graves hashimoto down downs tourette
huntington huntingtons gaucher fisher student pearson spearman mann whitney wilcoxon kruskal
wallis bonferroni benjamini hochberg bland altman glasgow apgar gleason breslow clark gram
giemsa ziehl neelsen michaelis menten hardy weinberg mendel bayes bayesian gauss gaussian
poisson weibull markov monte carlo pareto fourier euler newton hill chi welch tukey dunnett
scheffe holm sidak shapiro wilk kolmogorov smirnov levene bartlett durbin watson jarque bera
granger dickey fuller kendall cohen cronbach nelson aalen greenwood mantel haenszel cochran
armitage lasso ridge elastic
clifford hadamard pauli toffoli fredkin shor bloch deutsch jozsa vazirani kirchhoff josephson
rabi hilbert schrodinger schrödinger heisenberg dirac feynman
markov monte carlo metropolis hastings gibbs dirichlet poisson bernoulli laplace legendre
fick jeffreys
""".split()) | frozenset((
    # Nursing notes: eponymous devices (a Foley catheter, a Hickman line, a Bair Hugger
    # warming blanket, a Swan-Ganz catheter) and shortenings of drugs and lines that name
    # lists hold as given names (`Neo` for Neo-Synephrine, `Aline` for an A-line, `LIS`
    # low intermittent suction). Alone they are the thing (`restarted Neo`,
    # `GU: Foley draining`); after a title or beside a strong name (`Dr. Foley`,
    # `Neo Bair`) still a name.
    "foley", "hickman", "bair", "ganz", "neo", "aline", "lis",
))

# Unknown capitalised words with these endings are English words, not names.
WORDLIKE_ENDINGS = (
    "tion", "sion", "ment", "ness", "ity", "ing", "ings", "ies", "ive", "ous", "ary", "ory",
    "ogy", "ics", "ism", "ance", "ence", "able", "ible", "less", "ful", "ship", "hood", "ize",
    "ical", "ular", "ware", "sis", "tics", "ed",
)
_WORDLIKE = regex.compile("(?:" + "|".join(WORDLIKE_ENDINGS) + ")$", regex.IGNORECASE)


def english_ending(word: str) -> bool:
    """Whether `word` ends as English words do (`WORDLIKE_ENDINGS`, any case): a plain
    suffix test for an ASCII word; other letters may fold (`ſ`, `K`), so `regex` reads them."""
    return (word.lower().endswith(WORDLIKE_ENDINGS) if word.isascii()
            else _WORDLIKE.search(word) is not None)

#: Kin nouns, lower case and singular: who someone is to a person (`his wife`, `son Bill`,
#: `daughter (Ann)`). Readers add the words of their own texts (`dtr` in notes).
RELATIVES = (
    "wife", "husband", "spouse", "partner", "son", "daughter", "mother", "father", "mom",
    "dad", "sister", "brother", "niece", "nephew", "aunt", "uncle", "cousin", "grandson",
    "granddaughter", "grandmother", "grandfather", "stepson", "stepdaughter", "stepmother",
    "stepfather", "fiance", "fiancee", "fiancé", "fiancée",
)

#: Parties to a case who are one person (`the applicant, X,`, `X ("the claimant")`): every
#: reader of court and claim prose (`narrative`, `prose_names`) starts from these and adds
#: its own.
CASE_PARTIES = ("applicant", "claimant", "plaintiff", "defendant", "appellant", "petitioner",
                "complainant", "accused")

#: Titles before a person's name, lower case and without their period: every reader of
#: titles (`names`, `note_names`, `loose_names`) starts from these and adds its own.
HONORIFICS = ("mr", "mrs", "ms", "miss", "dr")

PARTICLES = frozenset({
    "de", "del", "della", "der", "den", "di", "da", "das", "dos", "do", "du", "la", "le",
    "van", "von", "ten", "ter", "bin", "binti", "bint", "ibn", "al", "el", "ben", "abu",
    "y", "e", "mac", "mc", "st", "ap",
})


@dataclass(frozen=True)
class NameLists:
    given: frozenset[str]
    surnames: frozenset[str]
    #: Listed words that are weak all the same (see `kind`): a brand only the long
    #: lists hold as a name (`Boeing`).
    weak: frozenset[str] = frozenset()

    def kind(self, token: str) -> str:
        """'G' given, 'S' surname, 'N' either, '' unknown (case-insensitive).

        Lower case ('g', 's', 'n') marks a weak name: a common word or an eponym
        (Mark, Rose, Wilson, Cox) that counts only beside a strong name.
        """
        return self.kinds.get(token.casefold(), "")

    @cached_property
    def kinds(self) -> dict[str, str]:
        """The kind of every listed (case-folded) token, worked out once: a scan asks
        for the kind of nearly every capitalised word."""
        kinds = dict.fromkeys(self.surnames, "S")
        kinds.update(dict.fromkeys(self.given, "G"))
        kinds.update(dict.fromkeys(self.given & self.surnames, "N"))
        for key in (COMMON_WORDS | EPONYMS | self.weak) & kinds.keys():
            kinds[key] = kinds[key].lower()
        return kinds

    @cached_property
    def given_keys(self) -> frozenset[str]:
        """The (case-folded) tokens whose kind is `G` or `N`: strong given names. Half the
        size of `kinds`, so a text's words are looked up in less memory: a scan's other
        readers have pushed most of such a table out of the CPU's caches by then."""
        # `kinds` gives every given name `G` or `N` but the common words, the eponyms and
        # the weak names, which it lowers, and no other key either: the same set, by set
        # difference (a test holds the two equal).
        return frozenset(self.given - COMMON_WORDS - EPONYMS - self.weak)


def _texts(value: object, by_values: bool = False) -> Iterator[str]:
    """The strings of `value` (its list's or tuple's items, its dict's keys: Faker weighs
    names by keys; with `by_values`, a dict's values: mimesis keys names by gender), a
    list of strings joined by line breaks into one text, which `_add_tokens` splits."""
    if isinstance(value, dict):
        if by_values:
            for item in value.values():
                yield from _texts(item, by_values=True)
            return
        value = list(value)
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        try:
            yield "\n".join(value)
        except TypeError:  # not all strings: read one by one
            for item in value:
                yield from _texts(item)


_SPLIT = re.compile(r"[\s\-‐・]+")


def _add_tokens(target: set[str], texts: list[str]) -> None:
    """Each word of `texts` (split at spaces and hyphens), case-folded, into `target`:
    split and folded as one string (in C), ~250,000 names at first scan, and each
    distinct word stripped of its dots and apostrophes once."""
    words = set(_SPLIT.split("\n".join(texts).casefold()))
    tokens = {word.strip(".'’") for word in words}
    target.update(token for token in tokens if len(token) >= 2 or not token.isascii())


def _faker_names(given: set[str], surnames: set[str]) -> None:
    """Every Faker person locale's first and last names."""
    import faker.providers.person as person

    given_texts: list[str] = []
    surname_texts: list[str] = []
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attribute in dir(provider):
            if attribute.startswith("_") or "name" not in attribute:
                continue
            texts = (given_texts if attribute.startswith("first") else
                     surname_texts if attribute.startswith("last") else None)
            if texts is None:
                continue
            value = getattr(provider, attribute)
            if callable(value):
                continue
            texts.extend(_texts(value))
    _add_tokens(given, given_texts)
    _add_tokens(surnames, surname_texts)


#: The census files in `names`: a name, then its frequency figures, one a line.
_CENSUS_FILES = {"dist.all.last": False, "dist.female.first": True, "dist.male.first": True}
#: The fewest letters of an ASCII word that only the census or mimesis lists hold: shorter
#: ones are as often a note's abbreviation (`Abd`, `Tol`); names that short are in Faker's.
_NEW_LEAST = 4
_CENSUS_FIELDS = 4  # name, per cent, cumulative per cent, rank
#: The per cent of the census's rarest surnames (under 0.0005 %: 70,000 of 88,799, held by
#: one in nine people): that tail holds as many notes' words as names (`Colace`, `Sero`,
#: `Levo`, `Fent`, `Chaddock`), so it is left out.
_RARE = "0.000"


#: How many of the census's commonest surnames are a person's before a firm's: a brand
#: word among them (`Goodrich`, `Weinstein`, `Marriott`, founders' names) stays a strong
#: surname, one below them (`Honda`, `Kroger`) or not in the census (`Boeing`) is weak.
_COMMON_SURNAMES = 10_000


def _census_names(given: set[str], surnames: set[str], common: set[str]) -> None:
    """The US Census 1990 given names and surnames but the rarest (`_RARE`), from the
    package `names`, and into `common` its `_COMMON_SURNAMES` commonest surnames; none
    without it. Each is one ASCII word in capitals, the line's first field."""
    folder = package_dir("names")
    if folder is None:
        return
    for file, is_given in _CENSUS_FILES.items():
        path = folder / file
        if path.is_file():
            text = path.read_text("ascii")
            if not is_given:  # the file runs from the commonest surname down
                rare = text.find(f" {_RARE} ")
                text = text[:text.rfind("\n", 0, rare) + 1] if rare >= 0 else text
            words = text.lower().split()[::_CENSUS_FIELDS]
            (given if is_given else surnames).update(words)
            if not is_given:  # in rank order
                common.update(words[:_COMMON_SURNAMES])


def _mimesis_names(given: set[str], surnames: set[str]) -> None:
    """The `names` and `surnames` of every mimesis locale's `person.json`; none without
    mimesis. Read as files: importing mimesis would load far more than names."""
    folder = package_dir("mimesis")
    if folder is None:
        return
    given_texts: list[str] = []
    surname_texts: list[str] = []
    for path in sorted((folder / "datasets").glob("*/person.json")):
        data = json.loads(path.read_text("utf-8"))
        given_texts.extend(_texts(data.get("names", ()), by_values=True))
        surname_texts.extend(_texts(data.get("surnames", ()), by_values=True))
    _add_tokens(given, given_texts)
    _add_tokens(surnames, surname_texts)


@lru_cache(maxsize=1)
def name_lists() -> NameLists:
    """Load every Faker person locale, the census and mimesis names once; tokens are
    case-folded. A word only the long lists hold is left out where English knows it (a
    lemma, a stop word, a lemma with an ending English adds: `Fields`) or it is short."""
    from .english_words import _INFLECTIONS, english_lemmas, english_word, stop_words

    lemmas = english_lemmas()

    given: set[str] = set()
    surnames: set[str] = set()
    _faker_names(given, surnames)
    more_given: set[str] = set()
    more_surnames: set[str] = set()
    common_surnames: set[str] = set()
    _census_names(more_given, more_surnames, common_surnames)
    _mimesis_names(more_given, more_surnames)
    # only words Faker lacks, so a word Faker lists keeps its kind
    new = (more_given | more_surnames) - given - surnames
    # a lemma or stop word is English; else only a word with an ending English adds may be
    english = (new & lemmas) | (new & stop_words()) | {
        key for key in new - lemmas if key.endswith(_INFLECTIONS) and english_word(key)}
    new -= english | {key for key in new if len(key) < _NEW_LEAST and key.isascii()}
    # a brand only the long lists hold as a name is a weak name (`Boeing`, `Audi`), unless
    # many people bear it (`Goodrich`)
    from .brands import brand_words

    return NameLists(frozenset(given | (more_given & new)),
                     frozenset(surnames | (more_surnames & new)),
                     frozenset(new & brand_words() - common_surnames))


class UsesNameLists:
    """A recognizer that reads the name lists: those it was given (tests), else the
    process's shared lists, built on first use."""

    def __init__(self, lists: NameLists | None = None) -> None:
        self._lists = lists

    @property
    def lists(self) -> NameLists:
        if self._lists is None:
            self._lists = name_lists()
        return self._lists
