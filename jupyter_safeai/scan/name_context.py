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
from bisect import bisect_left
from re import _constants as _regex_constants
from re import _parser as _regex_parser

from .citations import bibliography_entry, reference_mark_after
from .code import python_source
from .geography import is_place_name
from .legal_forms import firm_word_before, form_after
from .memo import per_scan
from .recognizer import FOLD_TRAPS, finds_as_regex_does, trie
from .scan_view import lowered_of

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


#: Every `_BYLINE` match holds one of these. Checked first with `in` (C speed): most
#: windows hold none.
_BYLINE_WORDS = ("by", "author", "copyright", "credit", "thanks to", "maintainer",
                 "contributor", "acknowledg", "courtesy of", "watermark", "with help from",
                 "©", "(c)")


@per_scan(maxsize=4)
def _credit_marks(text: str) -> tuple[bool, bool]:
    """Whether `text` holds a link's `](` and a byline's words anywhere: a long text
    without them has no window to search for a credit."""
    lowered = lowered_of(text)
    return "](" in text, any(w in lowered for w in _BYLINE_WORDS)


def _byline(window: str) -> bool:
    lowered = window.lower()
    return any(w in lowered for w in _BYLINE_WORDS) and bool(_BYLINE.search(
        window, _sentence_start(window)))


# A credit without `by`: `Authors:`, `© 2020`, `thanks to`, `courtesy of`.
_CREDIT_WORD = re.compile(
    r"\b(?:authors?|copyright|credits?|thanks to|maintainers?|contributors?|acknowledg\w+|"
    r"courtesy of|cc-by|watermark|with help from)\b|©|\(c\)", re.IGNORECASE)
#: The works a credit names (`the notebook ... by`, `Photos by`), and so the subject of a
#: credit's verb that makes it one (`The slides were adapted by`).
_WORK_NOUN = re.compile(
    r"(?:excerpt|example|book|course|tutorial|notebook|chapter|content|post|blog|talk|"
    r"lecture|slide|video|package|library|photo|image|figure|paper|article|thesis|"
    r"dataset|version|quote|code|script|repo|repository|project|site|website|"
    r"documentation|doc|exercise|solution|material|lesson|demo|module|tool|plot|chart|"
    r"diagram|illustration|cartoon|drawing|painting|picture|map|logo|icon|theme|template|"
    r"translation|work|text|page|function|class|method|model|algorithm|term|word|idea|"
    r"concept|approach|technique|notation|data|song|poem|novel|story|film|movie|album)s?",
    re.IGNORECASE)
# `The letter was written by`, `my car was fixed by`: a thing that is no work was made
# or done by someone, who is no author of a notebook's.
_THING_WAS_DONE_BY = re.compile(
    r"\b(?:the|a|an|my|his|her|our|their|your|this|that|its)[ \t]+(?:[\w-]+[ \t]+){0,2}?"
    r"(?P<noun>[a-z][\w-]*)[ \t]+(?:was|were|is|are|has[ \t]+been|have[ \t]+been|"
    r"had[ \t]+been)[ \t]+(?:\w+ly[ \t]+)?\w+[ \t]+by[ \t]*$", re.IGNORECASE)
# An act right before `by` that makes or writes nothing (`signed for by`, `was represented
# by`, `attacked by`): its `by` names who did it, no author.
_OTHER_ACT_BY = re.compile(
    r"\b(?:signed|sent|delivered|received|lodged|filed|brought|represented|attacked|"
    r"treated|seen|examined|visited|called|phoned|paid|picked|dropped|accompanied|hit|"
    r"killed|murdered|arrested|detained|replaced|approved|rejected|witnessed|requested|"
    r"ordered|prescribed|admitted|referred|driven|hired|fired|employed|interviewed|"
    r"married|adopted|raised|followed|joined|owned|co-owned|rescued|injured|bitten|"
    r"chased|sued|charged|convicted|elected|appointed|nominated|replaced|supervised|"
    r"assisted|helped|collected|kidnapped|abused|threatened|hosted)"
    r"(?:[ \t]+(?:for|up|out|off|over|on|in|down|back|away))?[ \t]+by[ \t]*$",
    re.IGNORECASE)
#: Words that may stand between a credit's `by` and a credited name besides names:
#: other names' joins and particles (`by Ana Ruiz and van der Berg`, `by Lee et al.`).
_CREDIT_JOINS = frozenset({"and", "&", "et", "al", "al.", "with", "de", "del", "della",
                           "der", "den", "di", "da", "dos", "du", "la", "le", "van", "von",
                           "ten", "ter", "bin", "ibn"})


def _credited(window: str) -> bool:
    """Whether the name right after `window` (the text before it) is credited: a
    `_byline` whose `by` has only other credited names between it and the name, and
    tells of making a work (`Ported to Python 3 by`, `the notebook was written by`), not
    of another act (`signed for by`, `was represented by`) nor of a thing that is no work
    (`The letter was written by`); or a credit word (`Authors:`, `©`). `_byline` itself
    says whether a line is a credit at all, for the other readers."""
    lowered = window.lower()
    if not any(w in lowered for w in _BYLINE_WORDS):
        return False
    at = _sentence_start(window)
    if _CREDIT_WORD.search(window, at):
        return True
    if not _BYLINE.search(window, at):
        return False
    by = lowered.rfind("by", at)
    while by >= 0 and (by + 2 < len(lowered) and lowered[by + 2].isalnum() or (
            by > at and lowered[by - 1].isalnum())):
        by = lowered.rfind("by", at, by)  # `by` as a word: not `Abby`, `bypass`
    if by < 0:
        return False
    for token in window[by + 2:].replace(",", " ").split():
        token = token.strip("[(*_\"'`“‘”’)]")
        if token and not token[0].isupper() and token[0] != "@" and not (
                token.startswith(("http", "www."))) and token.casefold() not in _CREDIT_JOINS:
            return False  # `by a Polish national, ` names no author; a handle or link may
    head = window[at:by + 2]
    if _OTHER_ACT_BY.search(head):
        return False
    done = _THING_WAS_DONE_BY.search(head)
    return done is None or _WORK_NOUN.fullmatch(done.group("noun")) is not None


#: A stop that ends a sentence in a byline's window: after a word of four letters or more
#: or a number (not `Dr.`, `J.`, `Prof.`), then blanks and a capital or an opening mark.
_SENTENCE_STOP = re.compile(r"(?:\w{4,}|\d)[.!?][\"”’)\]]?[ \t]+(?=[\"“‘(\[]?[A-Z])")


def _sentence_start(window: str) -> int:
    """Where the last sentence of `window` starts (0 if no stop ends one before it): a
    credit in an earlier sentence (`Image: Ana Ruiz. Later, Bill Nelson said`) says
    nothing of the names after it."""
    if "." not in window and "!" not in window and "?" not in window:
        return 0
    last = 0
    for stop in _SENTENCE_STOP.finditer(window):
        last = stop.end()
    return last


#: Context is read within this many characters of a name, on its line: a long line (a
#: 100 KB paste without a break) must not make every candidate read all of it.
LINE_WINDOW = 200


def line_around(text: str, start: int, end: int, window: int = LINE_WINDOW
                ) -> tuple[int, int, bool]:
    """(start, end) of the line around text[start:end], each cut at `window` characters
    away, and whether the start is the line's own (not a cut)."""
    low = max(0, start - window)
    before = text.rfind("\n", low, start)
    high = min(len(text), end + window)
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
    link, byline = _credit_marks(text) if len(text) >= _MARKED_TEXT else (True, True)
    if link and _LINK_BY.search(before[-300:]) or byline and _credited(before[-200:]) or (
            _EPONYM_AFTER.match(text, end) or reference_mark_after(text, end)):
        return True
    if before.endswith("[") and _LINK_TEXT.match(text, end):
        return True
    if whole and on_heading(text, line_start) or bibliography_entry(
            text, line_start, line_end) and not _in_running_prose(text, start, end):
        return True
    if _AFTER_BYLINE.match(text, end):
        return True
    words = text[start:end]
    if words.casefold() in SOFTWARE_NAMES:
        return True
    return " " in words and is_place_name(words) or in_organisation(text, start, end)


#: What a reference's own sentence holds and a sentence of prose does not: a year in
#: brackets, `et al`, pages, a title in quotes after a stop.
_CITING = re.compile(r"\(\s*(?:1[89]|20)\d\d|\bet al\b|\bpp?\.\s?\d|\.[ \t]*[\"“][A-Z]")
_LOWER_WORD = re.compile(r"(?<![\w.-])[a-z]{3,}(?![\w-])")
#: The word after a name in running prose: a lower-case word (commas, colons or a closing
#: quote between), or the sentence's end.
_PROSE_AFTER = re.compile(r"[,;:”\"’')]*(?:[ \t]+[a-z]+\b|[.!?]”?(?:[ \t]+[\"“(]?[A-Z]|[ \t]*$))")
_PROSE_BEFORE = re.compile(r"(?:\b[a-z]{2,}|,)[ \t]*[“\"(]?[ \t]*$")


def _in_running_prose(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] stands in a sentence of running prose, not in
    a reference that shares its line (`The applicant was represented by Ana Ruiz, a
    lawyer. ... the proceedings before the Court`, `Ana Ruiz explained how ... Image:
    Lee et al.`): a lower-case word or the sentence's end after it, a lower-case word, a
    comma or the sentence's start before it, four lower-case words in its sentence, and
    no year in brackets, `et al`, pages, venue or publisher there. A reference's authors
    stand beside each other's names and initials, in a sentence of their own."""
    line_start, line_end, _ = line_around(text, start, end)
    low = max(line_start, start - LINE_WINDOW)
    opened = low + _sentence_start(text[low:start])
    if not _PROSE_AFTER.match(text, end) or opened < start and not _PROSE_BEFORE.search(
            text, max(opened, start - 40), start):
        return False
    stop = _SENTENCE_STOP.search(text, max(opened, end - 8), line_end)
    closed = stop.end() if stop else line_end
    return not _CITING.search(text, opened, closed) and len(
        _LOWER_WORD.findall(text, opened, closed)) >= 4 and not bibliography_entry(
        text, opened, closed)  # the venue in another sentence of the line


#: Given names that, alone, name software, languages or algorithms far more often in
#: a notebook (`Adam` the optimiser, `Julia`, `Pascal`).
SOFTWARE_NAMES = frozenset("""
adam adamax nadam adagrad adadelta rmsprop julia ruby rust swift ada pascal haskell scala
kotlin dart elixir erlang perl lisp clojure sage maple octave stan jax keras django flask
spark hadoop kafka hive pig airflow siri alexa cortana watson bard claude gemini llama
mistral falcon alpaca vicuna bert roberta albert electra ernie elmo grover lenet alexnet
seaborn matplotlib bokeh plotly altair vega dask numba cython theano caffe torch
tensorflow scipy numpy sympy pymc pyro edward tfp xgboost lightgbm catboost jupyter
""".split())


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
# The `and` as Faker's locales write it too (`Prado, Castro y Alcaraz`, `Engen, Tangen og
# Haugen`, `Gatto, Baggio e Ricolfi`).
#: Other languages' `and` between partners, declared once for every firm rule below.
_OTHER_ANDS = ("y", "e", "et", "og", "en", "und", "és")
_ANDS = "|".join(("and", *_OTHER_ANDS))
_FIRM = re.compile(rf",?[ ](?:{_ANDS})[ ][A-Z][\w'-]+")
_PARTNERS = re.compile(
    rf"[A-Z][\w'-]+,[ ][A-Z][\w'-]+,?[ ](?:{'|'.join(_OTHER_ANDS)})[ ][A-Z][\w'-]+")
_FIRM_JOINS = tuple(f" {word} " for word in ("and", *_OTHER_ANDS))
_FIRM_BEFORE = re.compile(rf"(?<![\w,][ ])\b[A-Z][\w'-]+,[ ][A-Z][\w'-]+,?[ ](?:{_ANDS})[ ]$")


# `Hartley-Vance is a consulting firm`: what the sentence then says it is.
_ORGANISATION_IS = re.compile(
    r"[ ]+(?:is|was)[ ]+an?[ ]+(?:[\w-]+[ ]+){0,2}(?:agency|company|firm|business|startup|"
    r"corporation|bank|brand|manufacturer|retailer|publisher|studio|label|organi[sz]ation|"
    r"institution|charity|provider|consultancy|partnership|practice|employer)\b")
# `luigi is a library for pipelines`, `Tove is a Python package`: what software is said
# to be. A person's given name names tools too, and the sentence says which it is. The
# software noun ends the phrase (`a database administrator`, `the library assistant` are
# people's jobs), and no noun a person's job is named by alone (`a server at the diner`,
# `the service`, `the program`, `a frontend`) counts.
_SOFTWARE_IS = re.compile(
    r"[ ]+(?:is|was)[ ]+(?:an?|the)[ ]+(?:[\w-]+[ ]+){0,2}(?:library|package|module|tool|"
    r"toolkit|toolbox|framework|plugin|plug-in|extension|application|script|"
    r"database|api|sdk|cli|wrapper|utility|"
    r"dataset|format|protocol|algorithm|optimi[sz]er|compiler|interpreter|"
    r"scheduler|queue|orchestrator|runner|parser|linter)"
    r"(?=[ ]*(?:[.,;:!?)\]]|$)|[ ]+(?:for|that|which|written|from|we|by|in|with|to|used|"
    r"built|made|developed|maintained|on|and|or|you|i|they|called|named|of|like|designed|"
    r"implemented|based)\b)")


def said_to_be_software(text: str, end: int, start: int | None = None) -> bool:
    """Whether the sentence goes on to say the word ending at `end` is a program,
    library or tool (`luigi is a workflow library`), not a person. Words from `start`
    that open with a listed given name and go on (`Maria Gonzalez`) are a person's:
    a tool goes by one word."""
    if not text.startswith((" is ", " was "), end):
        return False  # (the test first: a name is seldom followed by `is`)
    if _SOFTWARE_IS.match(text, end) is None:
        return False
    words = text[start:end].split() if start is not None else []
    return len(words) < 2 or not _a_persons_words(words[0])
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


#: Where a place's name stands: after an article or a preposition of place (`the Albert
#: Hall`, `through Victoria Park`).
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:the|at|in|into|near|through|across|around|from|to|towards|past|outside|"
    r"inside|behind|opposite|via|round))[ \t]+$", re.IGNORECASE)


def _surname_of_a_given_name(text: str, start: int, last: int, end: int) -> bool:
    """Whether an organisation's word ending a name (`Park`, `Hall`, `Bank`) is a surname
    after a given name (`Daniel Park`, `Emma Hall`): the lists know the first word as a
    given name and the last as a surname, English no adjective first (`Royal Albert
    Hall`), no map knows the words, and no article or preposition of place stands before
    them (`the Albert Hall`, `through Victoria Park`)."""
    from .english_words import verbs_adjectives_adverbs
    from .name_lists import name_lists  # (name_lists reads its files once, on first use)

    words = text[start:end].split()
    if len(words) not in (2, 3) or not all(w[:1].isupper() and w[1:].islower() for w in words):
        return False
    kinds = name_lists().kinds
    if kinds.get(words[0].casefold(), "") not in ("G", "N") or (
            words[0].casefold() in verbs_adjectives_adverbs()) or kinds.get(
            words[-1].casefold(), "") not in ("S", "N", "s", "n"):
        return False
    return not is_place_name(text[start:end]) and not _PLACE_BEFORE.search(
        text, max(0, start - 16), start)


def in_organisation(text: str, start: int, end: int) -> bool:
    """Whether the capitalised words at text[start:end] name an organisation: an
    organisation word ends or follows them (`Williamson Orchestra`), they are partners'
    surnames joined by `and` (`Owens, Duran and Oneal`; not `Smith, John and Doe, Jane`,
    where the last name has its given name after a comma), a possessive puts a person
    in them (`Pryce-Hollis's Ada Moreno`), they follow a person's name and `of` or
    `from`, or the sentence says they are a company or a program. The organisation
    words of every locale Faker writes firms in count too (`legal_forms`): a legal form
    after the name or ending it (`Dubois SARL`, `Kowalski Sp. z o.o.`, `Garcia y
    Asociados`), a firm's opening word before it or opening it (`Grupo Garcia`)."""
    last = text.rfind(" ", start, end)
    if last > start and _ORGANISATION_AFTER.match(text, last, end + 1) and not (
            _surname_of_a_given_name(text, start, last, end)):
        return True
    if _legal_form(text, start, end) and not _patients_line(text, start, end):
        return True
    if _ORGANISATION_AFTER.match(text, end) or _ORGANISATION_IS.match(text, end) or (
            said_to_be_software(text, end, start)):
        return True
    possessive = _POSSESSIVE_BEFORE_PERSON.match(text, end)
    given = possessive.group("given") if possessive else None
    if possessive and (given is None or _a_persons_words(given)):
        return True  # `Hart-Lowe's Ida Berg`; not `Maria Kowalczyk's Blood Pressure`
    low = max(0, start - 60)
    if _ends_as(text, low, start, (" of ", " from ")) and _PERSON_OF.search(
            text, low, start) and not _a_persons_words(
            *text[start:end].split()[:2]):
        return True  # `Ida Berg from Vance Hart`; not `to Ida Berg from Tomas Lindqvist`
    if _ends_as(text, low, start, _FIRM_JOINS):
        before = _FIRM_BEFORE.search(text, low, start)
        if before is not None and _partners(text[before.start():end], text, start, end):
            return True  # the last partner: `Lopez, Santos and [Coleman]`
    if _FIRM_POSSESSIVE.match(text, end):
        return True  # `[Vance, Hart] and Lowe's Mrs. Ito`: where she works
    span = text[start:end]
    if _PARTNERS.fullmatch(span) and not _comma_before(text, start) and _partners(
            span, text, start, end):
        return True  # read as one name: `Narváez, Posada y Martínez`
    if span.count(",") != 1 or len(span.split()) != 2 or _comma_before(text, start):
        return False  # partners are three: `A, B and C`; a longer list is of people
    firm = _FIRM.match(text, end)
    return firm is not None and not text.startswith(",", firm.end()) and _partners(
        text[start:firm.end()], text, start, end)


def _partners(words: str, text: str, start: int, end: int) -> bool:
    """Whether `words`, three joined as partners are (`Hale, Okafor and Lindqvist`),
    name a firm: joined by `and`, always (as before); by another language's `and`
    (`Prado, Castro y Alcaraz`), only surnames: no given name among them (`Ana, Pedro
    y Lucía` are people), fewer words that are given names and surnames alike (`N`)
    than surnames alone (`Anna, Karl und Marta Weber` are people; `Hansen, Berg og
    Dahl` a firm), and not on a patient's line (`Admitted: Prado, Castro y Alcaraz`
    are three patients; text[start:end] is the name asked about)."""
    if " and " in words:
        return True
    from .name_lists import name_lists

    kinds = name_lists().kinds
    parts = [kinds.get(word.strip(","), "") for word in words.casefold().split()
             if word not in _FOREIGN_JOINS]
    surnames = parts.count("S")
    return surnames > sum(kind in "Nn" for kind in parts) and not any(
        kind in "Gg" for kind in parts) and not _patients_line(text, start, end)


#: Another language's `and` between partners (`y`, `und`): no partner's name.
_FOREIGN_JOINS = frozenset(_OTHER_ANDS)


def _patients_line(text: str, start: int, end: int) -> bool:
    """Whether a patient's word stands on the line of text[start:end] (`Pt Silva Ltda
    reports nausea`, `Pt Santos SRL, 61 y/o`): the firm readings of other locales
    (legal forms, another language's `and`) are then no reason to drop a name, as a
    missed patient costs more than a firm flagged."""
    from .severity import CONTEXT_CHARS, PATIENT_CUE

    return PATIENT_CUE.search(
        text, *line_around(text, start, end, CONTEXT_CHARS)[:2]) is not None


#: One more partner of a firm after a name, as Faker's locales join them: `, Campos`,
#: ` y López`, ` és Kovács`, ` & Hofmann`, ` en De Ryck`.
_PARTNER_AFTER = re.compile(
    r"(?:,[ ]|[ ](?:and|&|y|e|et|og|en|und|és|u)[ ])(?:(?:[vV]an|[dD]e|der|den|da|do|dos|"
    r"di|del|la)[ ])*(?P<name>[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)?)")


_TWO_CAPITALS = re.compile(r"[A-Z]{2}\b")
#: An age after a name, up to four words of a form between (`Kowalski SA, 61 y/o`,
#: `Nowak Sp. z o.o. (54)`, `Pereira Ltda, 70F`): a patient, whatever the words say.
_AGE_AFTER_FORM = re.compile(
    r"(?:[ ]+[^\s,()]+){0,4}?[ ]*(?:,|\()[ ]*(?:aged?[ ]+)?\d{1,3}[ ]*(?:,|\)|y/?o\b|"
    r"yo\b|yrs?\b|years?\b|-?year|[MF]\b|(?:male|female|man|woman)\b)", re.IGNORECASE)


def _legal_form(text: str, start: int, end: int) -> bool:
    """Whether a legal form (`SARL`, `Sp. z o.o.`, `y Asociados`) follows a word of
    text[start:end] after its first, or the name's end; or a firm's opening word
    (`Grupo`, `Stichting`) stands before the name or opens it. Not in a text in capitals
    (`SMITH AS A CHILD`), nor with an age after the name or its form (`Kowalski SA, 61
    y/o`: a patient); and two capitals after a name that opens with a given name
    are read as something else (`Maria Lindqvist AB negative`, a blood group): firms are
    named by surname."""
    words = text[start:end]
    if words.isupper():
        return False
    if _AGE_AFTER_FORM.match(text, end):
        return False

    def form_at(at: int) -> bool:
        return form_after(text, at) and not (
            _TWO_CAPITALS.match(text, at) and " " in words and _a_persons_words(
                words[:words.find(" ")]))

    at = text.find(" ", start, end)
    if at > 0 and firm_word_before(text, at + 1):
        return True  # `Grupo Jofré y Quiroz` read as one name
    while at > 0:
        if form_at(at + 1):
            return True
        at = text.find(" ", at + 1, end)
    if firm_word_before(text, start):
        return True
    at = end
    for _ in range(3):  # `Nagy [és Kovács] Kkt.`, `Salas[, Campos y López] S.p.A.`
        if text.startswith(" ", at) and form_at(at + 1):
            return True
        partner = _PARTNER_AFTER.match(text, at)
        if partner is None or not partner.group("name")[:1].isupper():
            return False
        at = partner.end()
    return False


def _ends_as(text: str, low: int, high: int, endings: tuple[str, ...]) -> bool:
    """Whether text[low:high] ends with one of `endings`, or does before a final line
    break: where a pattern ending in `[ ]$` (`_PERSON_OF`, `_FIRM_BEFORE`) can match."""
    return text.endswith(endings, low, high - 1 if text[high - 1:high] == "\n" else high)


def _comma_before(text: str, at: int) -> bool:
    """`text[:at].rstrip().endswith(",")`, read from the last 64 characters unless all
    are blanks: a 100 KB list of names must not copy its text before each pair."""
    near = text[max(0, at - 64):at].rstrip()
    if not near and at > 64:
        near = text[:at].rstrip()
    return near.endswith(",")


def credit_line(text: str, at: int) -> bool:
    """Whether the line holding `at` is a byline, a credit or a bibliography entry."""
    line_start, line_end, _ = line_around(text, at, at)
    return _byline(text[max(line_start, at - 200):at]) or bibliography_entry(
        text, line_start, line_end)


# -- Person context: what says a sentence is about someone ------------------------------

# A person's name given in so many words: whatever follows is that name, even a word
# that is also a method's or a street's (`Her maiden name is Clark`, `call me Ishmael`,
# `the patient's name is`). Any case; a `re` and a `regex` pattern alike.
_NAME_GIVING = re.compile(
    r"(?<!\w)(?i:(?:(?:my|his|her|their|your|maiden|first|last|given|family|full|middle|"
    r"nick)[ ]?|\w+['’]s[ ])name[ ](?:is|was)|(?:calls|call|called)[ ]me)[ ]")
#: Every name-giving phrase holds one of these (lower case).
NAME_GIVING_PHRASES = ("name is", "name was", "calls me", "call me", "called me")
#: How far before its phrase a name-giving match may start (`maiden name is`).
_NAME_GIVING_REACH = 24


@per_scan(maxsize=4)
def name_giving_ends(text: str, lowered: str) -> list[int]:
    """Where the names that phrases give start: right after each `my name is `, `call
    me `. `lowered` is text.lower(); the phrases are found with `str.find`. Asked by the
    prose reader and the lower-case one of the same text: worked out once per scan (the
    list is shared, read only)."""
    if not any(phrase in lowered for phrase in NAME_GIVING_PHRASES):
        return []
    if len(lowered) != len(text):
        return [m.end() for m in _NAME_GIVING.finditer(text)]
    ends: set[int] = set()
    for phrase in NAME_GIVING_PHRASES:
        at = lowered.find(phrase)
        while at >= 0:
            after = at + len(phrase) + 1
            match = _NAME_GIVING.search(text, max(0, at - _NAME_GIVING_REACH), after)
            if match is not None and match.end() == after:
                ends.add(after)
            at = lowered.find(phrase, at + 1)
    return sorted(ends)

#: What ends a sentence: a stop before a blank or the end, or a line break.
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
#: Characters searched either side of a span for its sentence's ends.
SENTENCE_REACH = 300


def sentence_around(text: str, start: int, end: int, reach: int = SENTENCE_REACH
                    ) -> tuple[int, int]:
    """The sentence (or line) around text[start:end], each end cut `reach` characters
    away."""
    low = max(0, start - reach)
    if len(text) >= _MARKED_TEXT:
        stops = _stop_places(text)
        return _last_stop_end_of(text, stops, low, start), _first_stop_of(
            text, stops, end, min(len(text), end + reach))
    after = _SENTENCE_END.search(text, end, min(len(text), end + reach))
    return _last_stop_end(text, low, start), (after.start() if after else min(len(text),
                                                                              end + reach))


def sentence_and_line_before(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end] with up to 100 characters of its line before
    it: a title's stop ends a sentence (`John Q. from Boston`, `by Dr. Robert K. at
    Stanford`), so the sentence alone can miss who it is about."""
    end = sentence_around(text, start, end)[1]
    return max(text.rfind("\n", 0, start) + 1, start - 100), end


#: The stops of `_SENTENCE_END` (each before a blank, at the end, or a line break itself).
_STOPS = ".!?"


@per_scan(maxsize=4)
def _stop_places(text: str) -> list[int]:
    """Where `text` has a stop or a line break: where a `_SENTENCE_END` match can start."""
    return sorted(at for stop in _STOPS + "\n" for at in _places(text, stop))


def _ends_a_sentence(text: str, at: int, high: int) -> bool:
    """Whether the stop or line break at text[at] starts a `_SENTENCE_END` match of
    text[:high] (`\\s` read as `str.isspace`, `$` at `high`)."""
    return text[at] == "\n" or at + 1 == high or text[at + 1].isspace()


def _first_stop_of(text: str, stops: list[int], low: int, high: int) -> int:
    """`_SENTENCE_END.search(text, low, high)`'s start (`high` if none), from `stops`."""
    index = bisect_left(stops, low)
    while index < len(stops) and stops[index] < high:
        if _ends_a_sentence(text, stops[index], high):
            return stops[index]
        index += 1
    return high


def _last_stop_end_of(text: str, stops: list[int], low: int, high: int) -> int:
    """`_last_stop_end(text, low, high)` from `stops`: a later match ends no sooner."""
    index = bisect_left(stops, high) - 1
    while index >= 0 and stops[index] >= low:
        at = stops[index]
        if _ends_a_sentence(text, at, high):
            return at + 1 if text[at] == "\n" or at + 1 == high else at + 2
        index -= 1
    return low


def _last_stop_end(text: str, low: int, high: int) -> int:
    """The end of the last `_SENTENCE_END` match of `text[low:high]` (`low` if none), as
    `finditer(text, low, high)` gives it, found backwards with `str.rfind` rather than
    read at every character: a line break ends after itself, a stop before whitespace
    (`re` reads it as `str.isspace` does) after that, a stop at `high` at `high` (the
    pattern's `$`). No match hides another: no stop is whitespace."""
    if high <= low:
        return low
    if text[high - 1] in _STOPS:
        return high
    best = text.rfind("\n", low, high) + 1 or low
    for stop in _STOPS:
        at = text.rfind(stop, best - 1 if best > low else low, high - 1)
        while at >= 0 and not text[at + 1].isspace():
            at = text.rfind(stop, best - 1 if best > low else low, at)
        if at >= 0:
            best = max(best, at + 2)
    return best


# Words of a record about a person: a patient, a visit, a birth date.
_RECORD_WORDS = re.compile(
    r"\b(?:patient|pt\b|mrn|dob|date[ _]of[ _]birth|birth[ _]?date|admitted|admission|"
    r"discharged|discharge|deceased|died|diagnosed|mr\.|mrs\.|ms\.|"
    r"patient[ _]name|full[ _]name|ssn|medical record|encounter|visit|subject|participant|"
    r"member[ _]id|"
    r"date[ _]of[ _]death|next of kin|physician|nurse|seen by|years? old|y/o)",
    re.IGNORECASE,
)
#: Lower-case words one of which starts every `_RECORD_WORDS` match.
_RECORD_ANCHORS = (
    "patient", "pt", "mr", "ms", "dob", "date", "birth", "admi", "discharge", "deceased",
    "died", "diagnosed", "full", "ssn", "medical", "encounter", "visit", "subject",
    "participant", "member", "next", "physician", "nurse", "seen", "year", "y/o",
)
# Personal pronouns and first-person words, as a message, a note or a story holds them
# and documentation rarely does.
_PRONOUNS = re.compile(
    r"\b(?:he|she|him|her|his|hers|himself|herself|my|mine|He|She|Him|Her|His|My)\b")


def about_a_person(text: str, start: int, end: int, lowered: str | None = None,
                   pronouns: bool = False) -> bool:
    """Whether text[start:end] is about a person: it holds a record's words (a patient,
    a visit, a DOB) or, with `pronouns`, a personal pronoun or a first person. The
    record words are tried only where `lowered` (text.lower(), when given) has an anchor."""
    if pronouns and _PRONOUNS.search(text, start, end):
        return True
    if lowered is None or len(lowered) != len(text):
        return bool(_RECORD_WORDS.search(text, start, end))
    for anchor in _RECORD_ANCHORS:
        at = lowered.find(anchor, start, end)
        while at >= 0:
            if _RECORD_WORDS.match(text, at, end):
                return True
            at = lowered.find(anchor, at + 1, end)
    return False


# Words of care given to someone, and of a clinical note, beyond a record's: a care verb
# (`treated at`, `evaluated by`, `extubated`), an age (`a 45 yo`, `61-year-old`, `52yo`),
# a note's abbreviations (`s/p`, `HPI`, `PMH`, `c/o`) and units of care (`MICU`, `CCU`).
# Documentation about data rarely holds them; a note or a question about a patient does.
_CARE_VERB_OBJECT = r"[ ](?:at|for|by|on|in(?![ ]the[ ]same)|(?=(?-i:[A-Z])))"
_CARE_WORDS = re.compile(
    rf"(?<![a-z0-9])(?:treated|treating|evaluated|examined|presented|presenting|seen)"
    rf"{_CARE_VERB_OBJECT}"
    r"|(?<![a-z0-9])(?:hospitali[sz](?:ed|ation)|appointment|underwent|undergoing|readmitted"
    r"|transferred|transfer|extubated|intubated|extubation|intubation|consulted|operated"
    r"|vaccinated|years?[ -]old|s/p|h/o|c/o|hpi|pmh|pmhx|hx|npo|prn|icu|micu|sicu|ccu|csru"
    r"|nicu|ed[ ]visit|neuro|trach|foley|vent|sedated|ativan|heparin)(?![a-z0-9])"
    r"|(?<![a-z0-9.])\d{1,3}[ -]?(?:yo|y\.o|yrs?[ -]old)(?![a-z0-9])",
    re.IGNORECASE,
)
#: Lower-case words one of which starts every `_CARE_WORDS` match but an age's, which
#: starts with its digits (`_CARE_ANCHOR`).
_CARE_ANCHORS = (
    "treat", "evaluated", "examined", "present", "seen", "hospitali", "appointment", "underw",
    "undergoing", "readmitted", "transfer", "extubat", "intubat", "consulted", "operated",
    "vaccinated", "year", "s/p", "h/o", "c/o", "hpi", "pmh", "hx", "npo",
    "prn", "icu", "micu", "sicu", "ccu", "csru", "nicu", "ed visit", "neuro", "trach", "foley",
    "vent", "sedated", "ativan", "heparin",
)
#: Where an anchor stands, found in one pass over the lower-cased text.
_CARE_ANCHOR = re.compile(trie(_CARE_ANCHORS))
#: An age's last digit and its unit's start (`45 yo`, `63yo`, `52 y.o.`, `70 yr`).
_AGE_ANCHOR = re.compile(r"\d[ -]?y[o.r]")
#: How far before its last digit an age's match starts.
_AGE_DIGITS = 3


def about_a_patient(text: str, start: int, end: int, lowered: str | None = None) -> bool:
    """Whether text[start:end] is about a person in care: `about_a_person`'s record
    words, or care given (`treated at`), an age (`a 45 yo`) or a clinical note's words
    (`s/p`, `PMH`). A date asks this: a date of care is the patient's even when no
    record word names them. The care words are tried only where `lowered` has an anchor."""
    if about_a_person(text, start, end, lowered):
        return True
    if lowered is None or len(lowered) != len(text):
        return bool(_CARE_WORDS.search(text, start, end))
    return any(_CARE_WORDS.match(text, at.start(), end)
               for at in _CARE_ANCHOR.finditer(lowered, start, end)) or any(
        _CARE_WORDS.search(text, max(start, at.start() - _AGE_DIGITS), end)
        for at in _AGE_ANCHOR.finditer(lowered, start, end))  # `end`, not the age's end: a
    # window cut short after `45yo` would hide the letter that makes `45yot` no age


@per_scan(maxsize=256)
def sentence_about_someone(text: str, start: int, end: int) -> bool:
    """Whether the sentence around a name at text[start:end], the name left out, is
    about a person (`about_a_person` with pronouns). Remembered for the scan: a run's
    judge and the NER doubt after it ask it of the same words (a quarter of the calls)."""
    if len(text) >= _MARKED_TEXT:
        marks = _someone_marks(text)
        if marks is not None and not marks.anywhere:
            return False  # (a 100 KB list of names: no sentence to find)
    left, right = sentence_around(text, start, end)
    return _about_someone(text, left, start) or _about_someone(text, end, right)



#: A first or second person, as a message says them and documentation seldom does
#: outside `we` and `you` (which are left out).
_SPEAKING = re.compile(r"\b(?:I|I'm|I've|me|my|u|ur|lol|omg|haha)\b|[!?]")


def sentence_in_a_message(text: str, start: int, end: int) -> bool:
    """Whether the sentence around text[start:end] reads as a message: a first person
    (`I`, `me`, `my`), chat words (`lol`) or an exclamation or a question."""
    left, right = sentence_around(text, start, end)
    if len(text) >= _MARKED_TEXT:
        speaking = _speaking_places(text)
        return speaking.within(text, left, start) or speaking.within(text, end, right + 1)
    return _speaking_in(text, left, start) or _speaking_in(text, end, right + 1)


def _speaking_in(text: str, low: int, high: int) -> bool:
    """`_SPEAKING.search(text, low, high)`: its marks found with `str.find`, its words
    tried at their first letters (`_SPEAKING_LETTERS`); `_SPEAKING` tries each of its
    words at every character."""
    return text.find("!", low, high) >= 0 or text.find("?", low, high) >= 0 or (
        _SPEAKING_LETTERS.search(text, low, high) is not None)


@per_scan(maxsize=4)
def _speaking_places(text: str) -> _WordPlaces:
    return _WordPlaces(_SPEAKING, text)


def _skipping_to_first_letters(whole_words: re.Pattern[str]) -> re.Pattern[str]:
    """A pattern of `\\b(?:w1|w2|...)\\b` rewritten to match where it does, each word's
    `\\b` read after its first letter (`h(?<!\\wh)…`): `re` then skips to those letters
    instead of trying every character."""
    head, tail = r"\b(?:", r")\b"
    body = whole_words.pattern
    if not (body.startswith(head) and body.endswith(tail)) or whole_words.flags & re.I:
        raise ValueError("not a case-sensitive alternation of whole words")
    words = body[len(head):-len(tail)].split("|")
    if not all(word.isalpha() for word in words):
        raise ValueError("only plain words can be rewritten")
    return re.compile("(?:" + "|".join(
        f"{first}(?<!\\w{first})" + trie(word[1:] for word in words if word[0] == first)
        for first in sorted({word[0] for word in words})) + tail)


#: `_PRONOUNS`'s words: one is in every text it matches in.
_PRONOUN_WORDS = tuple(_PRONOUNS.pattern[len(r"\b(?:"):-len(r")\b")].split("|"))
#: `_PRONOUNS`, tried at its words' first letters only.
_PRONOUN_LETTERS = _skipping_to_first_letters(_PRONOUNS)
#: `_SPEAKING`'s words, tried at their first letters: `I'm` and `I've` left out, as the
#: `I` they start with matches wherever they do (a `'` after it is a word's end).
_SPEAKING_LETTERS = _skipping_to_first_letters(re.compile(
    r"\b(?:" + "|".join(word for word in _SPEAKING.pattern[len(r"\b(?:"):].partition(
        r")\b")[0].split("|") if word.isalpha()) + r")\b"))


def _about_someone(text: str, start: int, end: int) -> bool:
    """`about_a_person(text, start, end, pronouns=True)`. In a long text (a 100 KB list
    of names asks this of every name) the pronouns and record words are found once per
    scan (`_someone_marks`) and each window answered from their places."""
    marks = _someone_marks(text) if len(text) >= _MARKED_TEXT else None
    if marks is None:
        return _about_someone_in_window(text, start, end)
    return marks.about(text, start, end)


def _longest_match(pattern: re.Pattern[str]) -> int:
    """The most characters a match of `pattern` spans."""
    return int(_regex_parser.parse(pattern.pattern, pattern.flags).getwidth()[1])


#: A text at least this long has its pronouns, record words and first persons found
#: once per scan.
_MARKED_TEXT = 4096
_RECORD_WIDTH = _longest_match(_RECORD_WORDS)


class _WordPlaces:
    """Where a pattern of whole words (or single marks) matches in a whole text, to say
    whether it matches in a window: a window's match that ends before the window does
    is one of the whole text's (they cannot overlap: each spans one word); one the cut
    can make (`he` of `hello`) ends at the window's end, and is searched for there."""

    __slots__ = ("pattern", "width", "starts", "ends")

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self.pattern, self.width = pattern, _longest_match(pattern)
        spans = [match.span() for match in pattern.finditer(text)]
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def within(self, text: str, start: int, end: int) -> bool:
        """`pattern.search(text, start, end)` is not None."""
        end = min(end, len(text))
        index = bisect_left(self.starts, start)
        if index < len(self.starts) and self.ends[index] < end:
            return True  # the first match from `start` on ends before the window does
        tail = max(start, end - self.width)
        return tail < end and self.pattern.search(text, tail, end) is not None


class _SomeoneMarks:
    """Where a text's pronouns and record words stand, matched in the whole text once.
    A window's search finds what the whole text's matches inside it say, but for a
    match the window's end can make (`pt` of `pts`) or unmake: those start within a
    match's width of the end, and are matched there in the window."""

    __slots__ = ("pronouns", "anchors", "record_ends", "next_record", "anywhere")

    def __init__(self, text: str, lowered: str) -> None:
        self.pronouns = _WordPlaces(_PRONOUN_LETTERS, text)
        self.anchors = sorted({at for anchor in _RECORD_ANCHORS
                               for at in _places(lowered, anchor)})
        ends = []
        for at in self.anchors:
            match = _RECORD_WORDS.match(text, at)
            ends.append(match.end() if match else -1)
        self.record_ends = ends
        # whether any window can match: a pronoun's letters or an anchor somewhere
        self.anywhere = bool(self.anchors) or any(word in text for word in _PRONOUN_WORDS)
        # for each anchor, the index of the first one from it on that the whole text matches
        following = len(ends)
        self.next_record = [0] * (len(ends) + 1)
        self.next_record[following] = following
        for index in range(len(ends) - 1, -1, -1):
            if ends[index] >= 0:
                following = index
            self.next_record[index] = following

    def about(self, text: str, start: int, end: int) -> bool:
        if self.pronouns.within(text, start, end):
            return True
        anchors, ends, following = self.anchors, self.record_ends, self.next_record
        first = bisect_left(anchors, start)
        index = following[first]
        while index < len(anchors) and anchors[index] < end:
            if ends[index] < end:
                return True
            index = following[index + 1]
        index = bisect_left(anchors, max(start, end - _RECORD_WIDTH), first)
        while index < len(anchors) and anchors[index] < end:
            if _RECORD_WORDS.match(text, anchors[index], end):
                return True
            index += 1
        return False


def _places(lowered: str, word: str) -> list[int]:
    places, at = [], lowered.find(word)
    while at >= 0:
        places.append(at)
        at = lowered.find(word, at + 1)
    return places


@per_scan(maxsize=4)
def _someone_marks(text: str) -> _SomeoneMarks | None:
    """The text's `_SomeoneMarks`, or None where its lower case is not read letter for
    letter as `re` reads it ignoring case (each window is then searched itself)."""
    lowered = lowered_of(text)
    if len(lowered) != len(text) or any(trap in lowered for trap in FOLD_TRAPS):
        return None
    return _SomeoneMarks(text, lowered)


def _reach(pattern: re.Pattern[str]) -> int:
    """How far past where it is tried `pattern` can read, at most: its longest match,
    then the longest look-ahead's characters, then one (a `\\b` or a character that
    fails). Tried further than this before a window's end, it reads in the window what
    it reads in the whole text; nearer, the window's end may make or unmake a match."""
    parsed = _regex_parser.parse(pattern.pattern, pattern.flags)
    ahead = 0

    def walk(node: _regex_parser.SubPattern) -> None:
        nonlocal ahead
        for op, av in node:
            if op in (_regex_constants.ASSERT, _regex_constants.ASSERT_NOT) and av[0] == 1:
                ahead = max(ahead, av[1].getwidth()[1])
            for part in av if isinstance(av, tuple | list) else ():
                for sub in part if isinstance(part, list) else (part,):
                    if isinstance(sub, _regex_parser.SubPattern):
                        walk(sub)

    walk(parsed)
    longest = parsed.getwidth()[1]
    if longest >= _regex_constants.MAXREPEAT or ahead >= _regex_constants.MAXREPEAT:
        raise ValueError("a pattern of unbounded width reads to the window's end")
    return longest + ahead + 1


_RECORD_REACH = _reach(_RECORD_WORDS)
_CARE_REACH = _reach(_CARE_WORDS)
#: The longest care anchor: the trie tried this far before a window's end matches there
#: as it does in the whole text.
_CARE_ANCHOR_LONGEST = max(map(len, _CARE_ANCHORS))
#: `_AGE_ANCHOR`'s longest match (`4 yo`): tried this far before the end, it reads the same.
_AGE_ANCHOR_WIDTH = _longest_match(_AGE_ANCHOR)


class PatientMarks:
    """`about_a_patient` of many windows of one text (a date column asks it of the 3,000
    characters around each of 1,000 dates), answered from where its words stand, found
    once: the record anchors and whether `_RECORD_WORDS` matches at each, the care
    anchors with the trie's match there, the ages' anchors, and where `_CARE_WORDS`
    matches among all the places a match of it can start (a care anchor, or an age's
    digits). A match tried at least its pattern's `_reach` before a window's end reads
    in the window what it reads in the whole text; one tried nearer is tried again in
    the window, as `about_a_patient` tries it. Only for a text whose lower case `re`
    reads letter for letter (`finds_as_regex_does`)."""

    __slots__ = ("text", "lowered", "record_at", "record_shortest", "record_hits",
                 "care_at", "care_length", "age_at", "care_starts", "care_hits",
                 "care_hit_set")

    def __init__(self, text: str, lowered: str) -> None:
        self.text, self.lowered = text, lowered
        shortest: dict[int, int] = {}
        for anchor in _RECORD_ANCHORS:
            for at in _places(lowered, anchor):
                shortest[at] = min(shortest.get(at, len(anchor)), len(anchor))
        self.record_at = sorted(shortest)
        self.record_shortest = [shortest[at] for at in self.record_at]
        self.record_hits = [at for at in self.record_at
                            if _RECORD_WORDS.match(text, at) is not None]
        self.care_at = sorted({at for anchor in _CARE_ANCHORS
                               for at in _places(lowered, anchor)})
        self.care_length = [_CARE_ANCHOR.match(lowered, at).end() - at  # type: ignore[union-attr]
                            for at in self.care_at]
        # no two `_AGE_ANCHOR` matches overlap (a digit starts each, none holds another)
        self.age_at = [match.start() for match in _AGE_ANCHOR.finditer(lowered)]
        # every `_CARE_WORDS` match starts at a care anchor, or an age's at one of the
        # (up to 3) digits that end at an age anchor's digit
        self.care_starts = sorted({*self.care_at, *(
            at - back for at in self.age_at for back in range(_AGE_DIGITS) if at >= back)})
        self.care_hits = [at for at in self.care_starts
                          if _CARE_WORDS.match(text, at) is not None]
        self.care_hit_set = frozenset(self.care_hits)

    def about(self, start: int, end: int) -> bool:
        """`about_a_patient(text, start, end, lowered)`."""
        text, lowered = self.text, self.lowered
        end = min(end, len(text))
        if start >= end:
            return False
        # `about_a_person`: a record word from an anchor that fits in the window
        near_end = end - _RECORD_REACH
        hits = self.record_hits
        index = bisect_left(hits, start)
        if index < len(hits) and hits[index] < near_end:
            return True
        places, shortest = self.record_at, self.record_shortest
        index = bisect_left(places, max(start, near_end))
        while index < len(places) and places[index] < end:
            at = places[index]
            if at + shortest[index] <= end and _RECORD_WORDS.match(text, at, end):
                return True
            index += 1
        # the care words: found at the trie's matches, or searched for from an age's
        near_end = end - _CARE_REACH
        hits = self.care_hits
        index = bisect_left(hits, start)
        first = hits[index] if index < len(hits) and hits[index] < near_end else None
        starts = self.care_starts
        late = [at for at in starts[bisect_left(starts, max(start, near_end)):
                                    bisect_left(starts, end)]
                if _CARE_WORDS.match(text, at, end) is not None]
        if first is None and not late:
            return False  # no match in the window: neither the trie's nor an age's search
        ages = self.age_at
        index = bisect_left(ages, start)
        while index < len(ages) and ages[index] < end:
            at = ages[index]
            if at + _AGE_ANCHOR_WIDTH <= end or _AGE_ANCHOR.match(lowered, at, end):
                low = max(start, at - _AGE_DIGITS)  # `_CARE_WORDS.search` from there
                index = bisect_left(hits, low)
                return (index < len(hits) and hits[index] < near_end) or any(
                    at >= low for at in late) or self._at_the_tries(start, end, late)
            index += 1
        return self._at_the_tries(start, end, late)

    def _at_the_tries(self, start: int, end: int, late: list[int]) -> bool:
        """Whether `_CARE_WORDS` matches at one of the matches `_CARE_ANCHOR.finditer(
        lowered, start, end)` gives (`late`: where it matches near the window's end)."""
        near_end = end - _CARE_REACH
        places, lengths = self.care_at, self.care_length
        index = bisect_left(places, start)
        while index < len(places) and places[index] < end:
            at = places[index]
            if at + _CARE_ANCHOR_LONGEST <= end:
                length = lengths[index]
            else:
                match = _CARE_ANCHOR.match(self.lowered, at, end)
                if match is None:
                    index += 1
                    continue
                length = match.end() - at
            if (at in late) if at >= near_end else (at in self.care_hit_set):
                return True
            index = bisect_left(places, at + length, index + 1)
        return False


@per_scan(maxsize=4)
def patient_marks(text: str) -> PatientMarks | None:
    """The text's `PatientMarks`, or None where `re` does not read its lower case letter
    for letter (then each window is searched itself)."""
    lowered = lowered_of(text)
    if not finds_as_regex_does(text, lowered):
        return None
    return PatientMarks(text, lowered)


def _about_someone_in_window(text: str, start: int, end: int) -> bool:
    """`about_a_person(text, start, end, pronouns=True)`, its record words tried only
    where the window's lower case has an anchor: each such search reads every
    character of a window of up to 300 with 30 words ignoring case."""
    if _PRONOUN_LETTERS.search(text, start, end):
        return True
    window = text[start:end].lower()
    if len(window) != end - start or any(trap in window for trap in FOLD_TRAPS):
        return bool(_RECORD_WORDS.search(text, start, end))
    for anchor in _RECORD_ANCHORS:
        at = window.find(anchor)
        while at >= 0:
            if _RECORD_WORDS.match(text, start + at, end):
                return True
            at = window.find(anchor, at + 1)
    return False


# Who someone is to the writer or another person, right before a name: `my friend`,
# `her brother`, `our neighbour`, `his boss`.
_RELATION_BEFORE = re.compile(
    r"\b(?:my|his|her|their|our|your)[ ](?:best[ ])?(?:friend|wife|husband|son|daughter|"
    r"mother|father|mom|mum|dad|brother|sister|boss|colleague|partner|neighbou?r|cousin|"
    r"uncle|aunt|grandmother|grandfather|grandma|grandpa|kid|child|boyfriend|girlfriend|"
    r"fianc[eé]e?|roommate|flatmate|co-?worker|manager|teacher|coach|landlord|landlady|"
    r"tutor|student|classmate|nephew|niece|baby|spouse)s?,?[ ]$", re.IGNORECASE)
# A possessive right after a name, then a word of what people have: `Ilse's mother`,
# `Tove's birthday`.
_POSSESSIVE_AFTER = re.compile(r"['’]s[ ](?:\w+[ ]){0,2}?(?:mother|father|wife|husband|son|"
                               r"daughter|brother|sister|friend|birthday|wedding|funeral|"
                               r"house|home|address|phone|number|email|car|dog|cat|family|"
                               r"parents|kids|children|boss|job|office|appointment|doctor|"
                               r"favou?rite|name|age|health)\b", re.IGNORECASE)
#: What every `_POSSESSIVE_AFTER` match starts with: tried only after a name that one
#: follows (the case-insensitive pattern costs more to fail than `str.startswith`).
_APOSTROPHES = ("'", "’")
#: How far before a name its relation word is looked for.
_RELATION_REACH = 40


def person_cue(text: str, start: int, end: int, sentence: bool = True) -> bool:
    """A cue that the words at text[start:end] name someone, whatever verb the sentence
    uses: who they are to someone before them (`my colleague`), a possessive of what
    people have after them (`'s birthday`), or (with `sentence`) a sentence about
    someone."""
    return bool(_relation_before(text, start) or text.startswith(_APOSTROPHES, end) and (
        _POSSESSIVE_AFTER.match(text, end))) or (
        sentence and sentence_about_someone(text, start, end))


def _possessive_words(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """The words of the group `pattern` opens with (`\\b(?:my|his|…)[ ]`), each with its
    blank: every match holds one."""
    head = r"\b(?:"
    words, _, rest = pattern.pattern[len(head):].partition(")")
    if not pattern.pattern.startswith(head) or not rest.startswith("[ ]") or not all(
            word.isalpha() for word in words.split("|")):
        raise ValueError("the pattern does not open with a group of words and a blank")
    return tuple(word.lower() + " " for word in words.split("|"))


#: What every `_RELATION_BEFORE` match holds, in lower case.
_RELATION_HEADS = _possessive_words(_RELATION_BEFORE)


@per_scan(maxsize=4)
def _relation_heads(text: str) -> tuple[list[int], list[int]] | None:
    """(starts, ends) of the `_RELATION_HEADS` in a long text's lower case, found once;
    None where its lower case is not read letter for letter as `re` reads it."""
    lowered = lowered_of(text)
    if len(lowered) != len(text) or any(trap in lowered for trap in FOLD_TRAPS):
        return None
    spans = sorted((at, at + len(head)) for head in _RELATION_HEADS
                   for at in _places(lowered, head))
    return [a for a, _ in spans], [b for _, b in spans]


def _relation_before(text: str, start: int) -> bool:
    """`_RELATION_BEFORE` in the `_RELATION_REACH` characters before `start`, searched
    only when their lower case holds a possessive and a blank (`my `, `her `)."""
    low = max(0, start - _RELATION_REACH)
    heads = _relation_heads(text) if len(text) >= _MARKED_TEXT else None
    if heads is not None:
        starts, ends = heads
        index = bisect_left(starts, low)
        while index < len(starts) and starts[index] < start:
            if ends[index] <= start:
                return _RELATION_BEFORE.search(text, low, start) is not None
            index += 1
        return False
    window = text[low:start].lower()
    if len(window) == start - low and not any(trap in window for trap in FOLD_TRAPS) and (
            not any(head in window for head in _RELATION_HEADS)):
        return False
    return _RELATION_BEFORE.search(text, low, start) is not None


#: A prose line has at least this many words, and this share of them in lower case.
_PROSE_WORDS = 4
_PROSE_LOWER_SHARE = 0.4


def prose_line(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] stands in a line of prose: words mostly in
    lower case, no table's cell marks (`|`, a tab), no heading. A list of capitalised
    things or a table of non-person data is no prose, and NER is not asked there."""
    line_start, line_end, whole = line_around(text, start, end)
    line = text[line_start:line_end]
    if "|" in line or "\t" in line or whole and on_heading(text, line_start):
        return False
    words = line.split()
    return len(words) >= _PROSE_WORDS and sum(
        w[:1].islower() for w in words) >= _PROSE_LOWER_SHARE * len(words)


#: A chat line too short for `prose_line`: two or three words, the last closing a
#: question or a shout (`where is Sigrun??`, `miss you Dagny!`).
_CHAT_LINE = re.compile(r"[ \t>*-]*\S+(?:[ ]\S+){1,2}?[?!]+[ \t]*")


def chat_line(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] stands in a whole line of two or three words
    that asks or exclaims, its other words after the first in lower case: a chat
    message, which `prose_line` finds too short to say anything."""
    line_start, line_end, whole = line_around(text, start, end)
    if not whole or _CHAT_LINE.fullmatch(text, line_start, line_end) is None:
        return False
    name = text[start:end]
    return all(word[:1].islower() or word.rstrip("?!") == name
               for word in text[line_start:line_end].split()[1:])

