"""Whether a date stands in a story about a person.

HIPAA counts every element of a date (but the year) of an event in someone's life. A
court's account of a case, a letter or a history of illness tells such events in plain
prose: `On 3 May 2004 the applicant was arrested`, `his wife died on 9 June 1999`. A
date there is the person's even with no label right before it. The story needs both: a
person it is about (a titled name, a party to a case, a relative, `he` or `she`) near
the date, and an event told in the date's own sentence (`was arrested`, `lodged`,
`moved`). A release note, a changelog, a dataset's description or a historical fact
(`On 14 July 1789 the Bastille was stormed`) names no such person, and a log line tells
no event in prose.
"""

from __future__ import annotations

import re

from .name_lists import CASE_PARTIES, RELATIVES
from .recognizer import trie

#: How far from a date its person may be named: about a paragraph, never past a blank
#: line (a new paragraph, cell part or list) or a heading.
_PERSON_REACH = 400
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*(?:\n|#)")

#: Parties to a case and people in care or in a family's story, after `the` (`the
#: applicant`, `the second applicant`, `the deceased`). Parties may be plural (joint
#: applicants are still named people); `patients` or `victims` are a cohort, not one.
_PARTIES = (*CASE_PARTIES, "litigant")
_ONE_PERSON = ("deceased", "decedent", "victim", "suspect", "prisoner", "detainee",
               "patient", "testator", "widow", "widower", "minor", "inmate", "offender",
               "convict")
#: A capital of a Latin script (`A`, `Ç`, `Ş`): `Mr Ç. Yüksel` is a titled name.
_CAPITAL = "[A-ZÀ-ÖØ-ÞĀ-ſ]"
#: Relatives after a possessive (`his wife`, `my late father`, `the applicant's son`).
_RELATIVES = (*RELATIVES, "child", "children", "parents", "widow", "widower", "family", "baby")
_PERSON = re.compile(
    # a title before a capitalised name, with or without its stop (`Mr Smith`, `Dr. Obi`)
    rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\b\.?[ ](?:{_CAPITAL}\.?[ ])?{_CAPITAL}[^\W\d_]"
    # a third-person pronoun, as a story tells of someone (documentation rarely does)
    r"|\b(?i:he|she|him|his|her|himself|herself)\b"
    rf"|\b(?i:the)[ ](?:(?i:first|second|third|fourth|late|said)[ ])?(?i:"
    rf"(?:{trie(_PARTIES)})s?|{trie(_ONE_PERSON)})\b"
    rf"|\b(?i:my|our|their|his|her|whose|[a-z]+['’]s)[ ](?:(?i:late|former|elder|"
    rf"younger|eldest|youngest)[ ])?(?i:{trie(_RELATIVES)})\b"
)

#: A titled name or a party to a case (`Mr Smith`, `the applicant`, `the deceased`): the
#: people a court's or a letter's account is about, without the pronouns and relatives.
_NAMED_PARTY = re.compile(
    rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\b\.?[ ](?:{_CAPITAL}\.?[ ])?{_CAPITAL}[^\W\d_]"
    rf"|\b(?i:the)[ ](?:(?i:first|second|third|fourth|late|said)[ ])?(?i:"
    rf"(?:{trie(_PARTIES)})s?|{trie(_ONE_PERSON)})\b"
)


#: Verbs that report what an author showed (`As Dr. Obi showed`, `Lee (2019) found`).
_REPORTING = (r"(?:showed|shown|shows|show|found|finds|noted|notes|argued|argues|reported"
              r"|reports|proposed|proposes|suggested|suggests|demonstrated|observed)\b")
#: A titled name credited, not told about, by the words just before it in its sentence
#: (`We thank Dr. Smith`, `grateful to our colleague Dr. Lee`: at most three words
#: between, no comma, so `The court, thanking counsel, held that Mr Obi` tells of him) or
#: by a byline's verb (`written by Dr. Okoye`). `according to Mr Obi` names a source,
#: who is often a party, and is no credit.
_CREDIT_BEFORE = re.compile(
    r"\b(?:thank(?:s|ed|ing)?|grateful|indebted|acknowledg\w*|cited|citing"
    r"|courtesy[ ]of|credit(?:ed)?[ ]to)(?:[ ][^\W\d_]+){0,3}[ ]$"
    r"|\b(?:written|authored|created|edited|compiled|maintained|presented|developed"
    r"|translated|illustrated)[ ](?:[a-z]+[ ])?by[ ]$",
    re.IGNORECASE)
#: `As ` before a titled name credits it only when a reporting verb follows the name
#: (`As Prof. Lee showed`), not `as Mr Obi asked` or `the same day as Mr Obi was held`.
_AS_BEFORE = re.compile(r"\bas[ ]$", re.IGNORECASE)
_NAME_REST = r"[^\W\d_]*(?:[ ][A-Z][^\W\d_]+)?"
_REPORTED_AFTER = re.compile(
    rf"{_NAME_REST}(?:[ ]\(\d{{4}}[a-z]?\))?,?[ ](?:has[ ]|had[ ])?{_REPORTING}")
#: A citation after the name: `et al.`, a year with a page (`Prof. Lee (2019, p. 4)`,
#: `Dr. Obi, 2019, p. 4`), or `Name (Year)` and a reporting verb (`Dr. Obi (2019)
#: found`). A bare year is no citation: `Mr Obi (1962) was arrested`, `Mr Obi, 1962,`
#: give a birth year.
_CREDIT_AFTER = re.compile(
    rf"{_NAME_REST}[ ]?(?:et[ ]al\b"
    r"|(?:\(|,[ ])\d{4}[a-z]?,[ ]?pp?\.[ ]?\d"
    rf"|\(\d{{4}}[a-z]?\)[ ](?:has[ ]|had[ ])?{_REPORTING})")
#: A title that starts a titled name (`Mr`, `Dr.`).
_TITLE = re.compile(r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\b")


def _credited(text: str, left: int, match: re.Match[str]) -> bool:
    """Whether the titled name `match` (its sentence starting at `left`) is credited,
    cited or named as an author rather than told about (`lodged ... by Mr Obi` tells of
    him: no byline reader, which takes any `by`)."""
    if not _TITLE.match(text, match.start()):
        return False
    before = text[max(left, match.start() - 80):match.start()]
    if _AS_BEFORE.search(before):
        return _REPORTED_AFTER.match(text, match.end()) is not None
    return bool(_CREDIT_BEFORE.search(before) or _CREDIT_AFTER.match(text, match.end()))


def _told_of(pattern: re.Pattern[str], text: str, start: int, end: int) -> bool:
    """Whether `pattern` finds someone in text[start:end] that is not a credited name."""
    return any(not _credited(text, start, match)
               for match in pattern.finditer(text, start, end))


def names_a_party(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] names a party to a case or a titled person (`the
    applicant`, `Mr Smith`) it tells about: a town in such an account is where that
    person lives, works or was held. A name thanked or cited (`We thank Dr. Smith`, `As
    Prof. Lee showed`) is no party."""
    return _told_of(_NAMED_PARTY, text, start, end)


#: A word that tells of someone named before (`he`, `his wife`, `lives`).
_TELLS_OF_SOMEONE = re.compile(
    r"\b(?:he|she|they|him|his|her|their|lives|lived|living|resides|resided)\b", re.IGNORECASE)


def party_in_sentence(text: str, start: int, end: int) -> bool:
    """Whether the sentence around text[start:end] names a party told about, or the
    sentence before it does and this one goes on about them (`Mr Obi was born in 1960.
    He lives in Wesel.`)."""
    left, right = sentence_around(text, start, end)
    if names_a_party(text, left, right):
        return True
    if left == 0 or not _TELLS_OF_SOMEONE.search(text, left, right):
        return False
    low = max(0, left - 1 - _SENTENCE_REACH)
    for stop in _STOP.finditer(text, low, left - 1):
        low = stop.end()
    return "\n\n" not in text[low:left] and names_a_party(text, low, left)


#: Events of a life told in the past: arrest and trial, care, birth, marriage, death,
#: moves and work, and the steps of a person's case (`lodged`, `appealed`, `was served`).
_EVENT_VERBS = (
    # custody and trial
    "arrested", "detained", "released", "remanded", "charged", "indicted", "convicted",
    "acquitted", "sentenced", "fined", "imprisoned", "jailed", "questioned", "interrogated",
    "searched", "seized", "confiscated", "tortured", "beaten", "assaulted", "attacked",
    "injured", "wounded", "killed", "shot", "stabbed", "murdered", "abducted", "kidnapped",
    "disappeared", "escaped", "tried", "testified", "confessed", "pleaded", "summoned",
    "taken", "placed", "handed", "surrendered", "extradited", "deported", "expelled",
    # life
    "born", "died", "buried", "married", "divorced", "separated", "adopted", "baptised",
    "baptized", "gave birth", "passed away", "got married", "pregnant",
    # care
    "admitted", "discharged", "hospitalised", "hospitalized", "treated", "operated",
    "examined", "diagnosed", "vaccinated", "transferred", "referred", "visited", "consulted",
    "prescribed", "underwent", "collapsed", "fell", "suffered",
    # home and work
    "moved", "relocated", "emigrated", "immigrated", "travelled", "traveled", "arrived",
    "returned", "left", "fled", "settled", "lived", "resided", "employed", "hired",
    "recruited", "dismissed", "resigned", "retired", "elected", "appointed", "promoted",
    "demoted", "suspended", "enlisted", "conscripted", "graduated", "enrolled", "worked",
    "started working", "joined", "met", "attended", "participated",
    # a person's case and its steps
    "lodged", "filed", "brought", "appealed", "applied", "requested", "asked", "complained",
    "claimed", "sought", "submitted", "challenged", "objected", "petitioned", "sued",
    "withdrew", "waived", "informed", "notified", "served", "received", "sent", "wrote",
    "signed", "paid", "sold", "bought", "purchased", "rented", "leased", "inherited",
    "granted", "refused", "rejected", "upheld", "quashed", "annulled", "allowed", "ordered",
    "decided", "found", "held", "heard", "gave", "delivered", "issued", "awarded",
    "declared", "stayed", "adjourned", "postponed", "scheduled", "convened", "reconvened",
    "struck", "learned", "learnt", "called", "contacted", "reported", "told", "obtained",
    "lost", "won", "dated", "amended", "extended", "communicated", "instituted",
    "initiated", "commenced", "resumed", "discontinued", "terminated", "revoked",
    "registered", "recognised", "recognized", "acknowledged", "approved", "denied",
    "made", "took", "went", "came", "began", "confirmed", "reversed", "remitted",
    "imposed", "forwarded", "accepted", "replied", "agreed", "serving", "living",
)
EVENT = re.compile(rf"\b{trie(sorted(set(_EVENT_VERBS)))}\b", re.IGNORECASE)


#: Any verb told in the past (`was`, `had`, `supplemented`, `turned`), which tells an
#: event when its sentence names the person it happened to; `need`, `speed` are none.
_PAST = re.compile(r"\b(?:was|were|had|[a-z]{2,}ed(?<!eed))\b", re.IGNORECASE)
#: A word that stamps a document, a release or a post right before its date (`Updated on
#: 3 May 2021`, `released: March 2020`): the date is the document's.
STAMP_BEFORE = re.compile(
    r"\b(?:released|updated|modified|published|posted|created|revised|edited|added|"
    r"fixed|merged|tagged|changed|deprecated|removed|launched|uploaded|downloaded|"
    r"accessed|retrieved|generated|compiled|built|version|v?\d+(?:\.\d+)+)"
    r"[ \t]*(?:[:,(-]|on|in|at|as of)?[ \t]*$",
    re.IGNORECASE)


#: A person set free, not a version (`the applicant was released on`, `he was released
#: from prison on`): the stamp word told of someone.
_RELEASED_PERSON = re.compile(
    "(?:" + _PERSON.pattern + r")[^.;\n]{0,20}?\b(?:was|were|been)[ ]released\b[^.;\n]*$")


#: Words that name a document of versions or changes: its dates are its entries'.
_CHANGES_DOCUMENT = re.compile(
    r"\b(?:change[ _-]?log|release[ _-]?notes|version[ _-]?history|revision[ _-]?history"
    r"|what['’]?s[ ]new|history[ ]of[ ]changes)\b",
    re.IGNORECASE)
#: How far before a date a heading or a title naming such a document is looked for.
_DOCUMENT_REACH = 1500


def in_a_persons_story(text: str, start: int, end: int, whole: bool = True) -> bool:
    """Whether the date at text[start:end] is told in prose about a person: a person
    named in its sentence and any verb in the past there, or a person named in its
    paragraph (within `_PERSON_REACH`) and an event verb in its sentence; no stamp of a
    document right before it, no changelog or release notes above it, and no reference
    or credit on its line. A date less than `whole` (a month of a year, a day of a
    month) says less on its own: it needs both the person and an event verb in its
    sentence, or a party named there and any verb in the past (`In August 2003 the
    applicant turned 60`)."""
    left, right = sentence_around(text, start, end)
    if _told_of(_PERSON, text, left, start) or _told_of(_PERSON, text, end, right):
        if not (EVENT.search(text, left, start) or EVENT.search(text, end, right)
                or (whole or names_a_party(text, left, right)) and (
                    _PAST.search(text, left, start) or _PAST.search(text, end, right))):
            return False
    elif not whole:
        return False
    else:
        if not (EVENT.search(text, left, start) or EVENT.search(text, end, right)):
            return False
        low, high = _paragraph(text, start, end)
        if not (_told_of(_PERSON, text, low, left) or _told_of(_PERSON, text, right, high)):
            return False
    # (a stamp is read once the story is: most dates have none before them)
    stamp = STAMP_BEFORE.search(text, max(left, start - 40), start)
    if stamp is not None and not _RELEASED_PERSON.search(text, max(left, stamp.start() - 30),
                                                         stamp.end()):
        return False
    if _CHANGES_DOCUMENT.search(text, max(0, start - _DOCUMENT_REACH), start):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return not _REFERENCE.search(text, max(line_start, start - _LINE_REACH),
                                 min(line_end if line_end >= 0 else len(text),
                                     end + _LINE_REACH))


#: Characters read either side of a date for its sentence's ends, and on its line for a
#: reference.
_SENTENCE_REACH = 300
_LINE_REACH = 200
#: A stop that ends a sentence: before a blank, not after an abbreviation that a
#: sentence goes on after (`application no. 123`, `Mr. Obi`, `J. Smith`, `e.g. a`), or a
#: line break.
_STOP = re.compile(
    r"[.!?](?=\s)(?<!\bno.)(?<!\bnos.)(?<!\bNo.)(?<!\bNos.)(?<!\bMr.)(?<!\bMrs.)"
    r"(?<!\bMs.)(?<!\bDr.)(?<!\bSt.)(?<!\bProf.)(?<!\bArt.)(?<!\bart.)(?<!\bcf.)"
    r"(?<!\bvs.)(?<!\bv.)(?<!\bpara.)(?<!\bp.)(?<!\bpp.)(?<!\bi\.e.)(?<!\be\.g.)"
    rf"(?<!\bop.)(?<!\bJr.)(?<!\bSr.)(?<!\b{_CAPITAL}.)|\n")
#: A line that cites or credits: its dates are a work's, not a life's.
_REFERENCE = re.compile(
    r"\bet al\b|\bdoi\b|\barxiv\b|\bisbn\b|\bvol\.? ?\d|\bpp?\. ?\d|\bin: |\bjournal\b"
    r"|\bcopyright\b|©|\bthanks to\b|\bauthors?\b|\backnowledg|\bcontributors?\b"
    r"|\bmaintainers?\b|\bcourtesy of\b",
    re.IGNORECASE)


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end], each end at most `_SENTENCE_REACH` away."""
    low = _last_stop_end(text, max(0, start - _SENTENCE_REACH), start)
    after = _STOP.search(text, end, min(len(text), end + _SENTENCE_REACH))
    return low, after.start() if after else min(len(text), end + _SENTENCE_REACH)


def _last_stop_end(text: str, low: int, high: int) -> int:
    """The end of the last `_STOP` match in text[low:high] (`low` if none), as
    `finditer(text, low, high)` gives it, found backwards with `str.rfind` rather than
    read at every character (a date column asks it of each of 1,000 dates): each match
    is one character, a line break or a stop before a blank (`re` reads `\\s` as
    `str.isspace` does), so none hides another."""
    best = text.rfind("\n", low, high) + 1 or low
    for stop in ".!?":
        at = text.rfind(stop, best, high - 1)  # a stop's blank stands before `high`
        while at >= 0:
            if text[at + 1].isspace() and _STOP.match(text, at, high):
                best = at + 1
                break
            at = text.rfind(stop, best, at)
    return best


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the paragraph around text[start:end], each at most `_PERSON_REACH`
    characters away."""
    low = max(0, start - _PERSON_REACH)
    high = min(len(text), end + _PERSON_REACH)
    for brk in _PARAGRAPH_BREAK.finditer(text, low, start):
        low = brk.start() + 1
    after = _PARAGRAPH_BREAK.search(text, end, high)
    return low, after.start() if after else high
