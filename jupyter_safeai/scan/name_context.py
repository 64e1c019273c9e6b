"""Where a capitalised name is not about a person the text concerns: documentation.

Clinical de-identification reads context before it calls a word a name. A notebook is
full of real people who are not its subject: the author in a byline (`by Jake
VanderPlas`), the authors of a reference (`Clarck, Torin K., Aaron W. Johnson, ...`),
the person a link credits (`[Tim Salimans](http://…)`), the eponym of a method
(`Powell's method`). A title or a name label (`Dr.`, `Patient:`) still makes a name
a finding wherever it stands; these rules only drop names that nothing but their
shape made findings.
"""

from __future__ import annotations

import re

from .code import python_source
from .geography import is_place_name

# Words that say a name on the line is an author or a credit: `content … by`,
# `created by`, `Authors:`, `%watermark -a`.
_BYLINE = re.compile(
    r"\b(?:created|written|ported|adapted|excerpt|authored|maintained|translated|"
    r"developed|edited|contributed|compiled|presented|illustrated|curated|designed|"
    r"implemented|inspired|example|book|course|tutorial|notebook|chapter|content|post|blog|"
    r"talk|lecture|slides|video|package|library|photo|image|figure|paper|article|"
    r"thesis|dataset|data set|version|coined|quote|zen|donated|provided|funded|"
    r"sponsored|hosted)\b"
    r"[^\n]{0,120}\bby\b|\b(?:authors?|copyright|credits?|thanks to|maintainers?|"
    r"contributors?|acknowledg\w+|courtesy of|cc-by|watermark|with help from)\b|©|\(c\)",
    re.IGNORECASE,
)
# `[Python for Data Analysis](http://…) by Wes McKinney`: the author of a linked work.
_LINK_BY = re.compile(r"\]\([^)\s]*\)[ \t]*by[ \t]*$")
# A Markdown heading: a title, not text about someone.
_HEADING = re.compile(r"[ \t]*#{1,6}[ \t]")

# A line that is a reference in a bibliography: venue, volume, pages, a DOI or arXiv id,
# or a numbered entry whose title follows the authors in quotes or italics.
_CITATION = re.compile(
    r"^[ \t]*(?:[-*][ \t]*)?(?:\[\d{1,3}\]|\d{1,3}\.)[ \t][^\n]*?[.,)][ \t]*[\"“*_][A-Z]|"
    r"\bN\.p\.|\bWeb\. \d|\bPrint\.|\bet al\b|\barXiv\b|\bdoi\b|\bPhys\.? ?Rev|"
    r"\bProc(?:eedings|\.)|\bJournal\b|"
    r"\bVol(?:ume|\.)? ?\d|\bpp?\. ?\d|\bIn: |\bISBN\b|\b(?:Press|Springer|Wiley|O'Reilly|"
    r"Elsevier|Nature|Science|IEEE|ACM|NeurIPS|NIPS|ICML|ICLR|CVPR|Quantum)\b[^\n]{0,40}"
    r"\b(?:1[89]|20)\d\d\b|\b(?:1[89]|20)\d\d\b[^\n]{0,40}\b(?:Press|Springer|Wiley|"
    r"Journal|Proc|Rev|Lett|Vol)\b",
    re.IGNORECASE | re.MULTILINE,
)
# `'s method`, `'s theorem`, `'s current law`: the name of a method, not of a person in
# the text.
_EPONYM_AFTER = re.compile(
    r"['’]s?\s+(?:(?:first|second|third|current|voltage|famous|original|classical|"
    r"generali[sz]ed|central[ ]limit|greedy|fast)\s+)?"
    r"(?:method|methods|theorem|law|rule|algorithm|equation|inequality|"
    r"distribution|test|criterion|constant|formula|principle|paradox|problem|conjecture|"
    r"lemma|model|gate|transform|series|number|kernel|index|coefficient|correction|"
    r"approximation|estimator|identity|space|function|curve|loss|scheme|razor|"
    r"experiment|box|page|blog|book|site|website|paper|notes?|course|lecture|talk)\b",
    re.IGNORECASE,
)
# A name as the text of a Markdown link: a credit or reference to a public page.
_LINK_TEXT = re.compile(r"\]\((?:https?://|www\.|mailto:)")
#: What follows the authors' names in a watermark or byline output.
_AFTER_BYLINE = re.compile(r"[^\n]{0,60}\n\s*(?:last updated|last modified)\b",
                           re.IGNORECASE)


#: Every alternative of `_CITATION` holds a digit or one of these; every one of `_BYLINE`
#: one of those words. Checked first with `in` (C speed): most windows hold none, and
#: the full searches cost 60–220 µs a window.
_CITATION_WORDS = ("n.p.", "print.", "et al", "arxiv", "doi", "phys", "proc", "journal",
                   "in: ", "isbn")
_BYLINE_WORDS = ("by", "author", "copyright", "credit", "thanks to", "maintainer",
                 "contributor", "acknowledg", "courtesy of", "watermark", "with help from",
                 "©", "(c)")
_DIGIT = re.compile(r"\d")


def _citation(text: str, start: int, end: int) -> bool:
    """`_CITATION` in text[start:end], searched in place (its `^` is a real line start)."""
    window = text[start:end]
    lowered = window.lower()
    return bool((_DIGIT.search(window) or any(w in lowered for w in _CITATION_WORDS))
                and _CITATION.search(text, start, end))


def _byline(window: str) -> bool:
    lowered = window.lower()
    return any(w in lowered for w in _BYLINE_WORDS) and bool(_BYLINE.search(window))


#: Context is read within this many characters of a name, on its line: a long line (a
#: 100 KB paste without a break) must not make every candidate read all of it.
LINE_WINDOW = 200


def line_around(text: str, start: int, end: int) -> tuple[int, int, bool]:
    """(start, end) of the line around text[start:end], each cut at `LINE_WINDOW`
    characters away, and whether the start is the line's own (not a cut)."""
    low = max(0, start - LINE_WINDOW)
    before = text.rfind("\n", low, start)
    high = min(len(text), end + LINE_WINDOW)
    after = text.find("\n", end, high)
    return (before + 1 if before >= 0 else low, after if after >= 0 else high,
            before >= 0 or low == 0)


def on_heading(text: str, line_start: int) -> bool:
    """Whether the line starting at `line_start` is a Markdown heading: a title, not text
    about someone or a record. In Python source `# ` opens a comment instead."""
    return _HEADING.match(text, line_start) is not None and python_source(text) is None


def in_documentation(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] stands in documentation rather than in text
    about a person: a byline or credit, a bibliography line, a link's text, an eponym,
    a heading, or a place's name (`San Francisco`, `North Dakota`)."""
    line_start, line_end, whole = line_around(text, start, end)
    before = text[line_start:start]
    if _LINK_BY.search(before[-300:]) or _byline(before[-200:]) or (
            _EPONYM_AFTER.match(text, end) or _REFERENCE_MARK.match(text, end)):
        return True
    if before.endswith("[") and _LINK_TEXT.match(text, end):
        return True
    if whole and on_heading(text, line_start) or _citation(text, line_start, line_end):
        return True
    if _AFTER_BYLINE.match(text, end):
        return True
    words = text[start:end]
    if words.casefold() in SOFTWARE_NAMES:
        return True
    return " " in words and is_place_name(words) or in_organisation(text, start, end)


#: Given names that, alone, name software, languages or algorithms far more often in
#: a notebook (`Adam` the optimiser, `Julia`, `Pascal`).
SOFTWARE_NAMES = frozenset("""
adam adamax nadam adagrad adadelta rmsprop julia ruby rust swift ada pascal haskell scala
kotlin dart elixir erlang perl lisp clojure sage maple octave stan jax keras django flask
spark hadoop kafka hive pig airflow siri alexa cortana watson bard claude gemini llama
mistral falcon alpaca vicuna bert roberta albert electra ernie elmo grover lenet alexnet
seaborn matplotlib bokeh plotly altair vega dask numba cython theano caffe torch
tensorflow scipy numpy sympy pymc pyro edward tfp xgboost lightgbm catboost
""".split())
# `B. Cronin [5]`, `Cronin (2013)`: a name with its reference marker is an author.
_REFERENCE_MARK = re.compile(r"[ ,]*(?:et al\.?[ ,]*)?(?:\[\d{1,3}(?:[,-]\d{1,3})*\]|"
                             r"\((?:1[89]|20)\d\d[a-z]?\))")


# A word after the name that makes it an organisation's: `Williamson Orchestra`,
# `Russell Investments`, `Davis & Sons`.
_ORGANISATION_AFTER = re.compile(
    r"[ ]?(?:&[ ]?)?(?:Orchestra|Band|Quartet|Choir|Ensemble|Investments?|Associates|"
    r"Technologies|Technology|Partners|Holdings|Capital|Bank|Group|Company|Co\.|Corp\.?|"
    r"Corporation|Inc\.?|Ltd\.?|LLC|LLP|PLC|GmbH|AG|S\.A\.|Sons|Brothers|Foundation|"
    r"Institute|University|College|Agency|Consulting|Solutions|Systems|Labs?|Studios?|"
    r"Media|Records|Publishing|Press|Ventures|Industries|Enterprises|Motors|Airlines|"
    r"Insurance|Pharmaceuticals?|Therapeutics|Analytics|Software|Networks|Law[ ]Firm|"
    r"Hotel|Restaurant|Cafe|Café|Stadium|Theat(?:er|re)|Museum|Park|Prize|Award|Lecture|"
    r"Medal|Fellowship|Scholarship|Building|Hall|Center|Centre)\b"
)
# `Owens, Duran and Oneal`, `Hawkins, Richardson and Santana`: a firm named after its
# partners (a list of surnames with `and`, no given name among them).
_FIRM = re.compile(r",?[ ]and[ ][A-Z][\w'-]+")
_FIRM_BEFORE = re.compile(r"(?<![\w,][ ])\b[A-Z][\w'-]+,[ ][A-Z][\w'-]+,?[ ]and[ ]$")


# `Hartley-Vance is a consulting firm`: what the sentence then says it is.
_ORGANISATION_IS = re.compile(
    r"[ ]+(?:is|was)[ ]+an?[ ]+(?:[\w-]+[ ]+){0,2}(?:agency|company|firm|business|startup|"
    r"corporation|bank|brand|manufacturer|retailer|publisher|studio|label|organi[sz]ation|"
    r"institution|charity|provider|consultancy|partnership|practice|employer)\b")
# `Pryce-Hollis's Ada Moreno`, `Vance, Hart and Lowe's Mrs. Ito`: a possessive before a
# person's name or title is where that person works.
_POSSESSIVE_BEFORE_PERSON = re.compile(
    r"['’]s[ ]+(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?[ ]|(?P<given>[A-Z][^\W\d_]+)[ ][A-Z])")
_FIRM_POSSESSIVE = re.compile(r",?[ ]and[ ][A-Z][\w-]*" + _POSSESSIVE_BEFORE_PERSON.pattern)
# `Ada Moreno of Pryce-Hollis`, `Ida Berg from Vance Hart`: after a person's full name,
# `of` or `from` and capitalised words name where they work.
_PERSON_OF = re.compile(r"[A-Z][^\W\d_'’-]+(?:-[A-Z][^\W\d_]+)?[ ](?:[A-Z]\.?[ ])?"
                        r"[A-Z][^\W\d_'’]+[ ](?:of|from)[ ]$")


def _a_persons_words(*words: str) -> bool:
    """The words open a person's name: a listed given name (not one that is also a
    common word), and, when two are given, a listed name after it."""
    from .name_lists import name_lists

    kinds = name_lists().kinds
    first = kinds.get(words[0].strip(".,;:").casefold(), "") if words else ""
    if first not in ("G", "N"):
        return False
    return len(words) < 2 or kinds.get(words[1].strip(".,;:").casefold(), "") != ""


def in_organisation(text: str, start: int, end: int) -> bool:
    """Whether the capitalised words at text[start:end] name an organisation: an
    organisation word ends or follows them (`Williamson Orchestra`), they are partners'
    surnames joined by `and` (`Owens, Duran and Oneal`; not `Smith, John and Doe, Jane`,
    where the last name has its given name after a comma), a possessive puts a person
    in them (`Pryce-Hollis's Ada Moreno`), they follow a person's name and `of` or
    `from`, or the sentence says they are a company."""
    last = text.rfind(" ", start, end)
    if last > start and _ORGANISATION_AFTER.match(text, last, end + 1):
        return True
    if _ORGANISATION_AFTER.match(text, end) or _ORGANISATION_IS.match(text, end):
        return True
    possessive = _POSSESSIVE_BEFORE_PERSON.match(text, end)
    given = possessive.group("given") if possessive else None
    if possessive and (given is None or _a_persons_words(given)):
        return True  # `Hart-Lowe's Ida Berg`; not `Maria Kowalczyk's Blood Pressure`
    if _PERSON_OF.search(text, max(0, start - 60), start) and not _a_persons_words(
            *text[start:end].split()[:2]):
        return True  # `Ida Berg from Vance Hart`; not `to Ida Berg from Tomas Lindqvist`
    if _FIRM_BEFORE.search(text, max(0, start - 60), start):
        return True  # the last partner: `Lopez, Santos and [Coleman]`
    if _FIRM_POSSESSIVE.match(text, end):
        return True  # `[Vance, Hart] and Lowe's Mrs. Ito`: where she works
    span = text[start:end]
    if span.count(",") != 1 or len(span.split()) != 2 or text[:start].rstrip().endswith(","):
        return False  # partners are three: `A, B and C`; a longer list is of people
    firm = _FIRM.match(text, end)
    return firm is not None and not text.startswith(",", firm.end())


def credit_line(text: str, at: int) -> bool:
    """Whether the line holding `at` is a byline, a credit or a bibliography entry."""
    line_start, line_end, _ = line_around(text, at, at)
    return _byline(text[max(line_start, at - 200):at]) or _citation(text, line_start, line_end)
