"""Names in clinical notes, read from who the note says the person is.

A nursing note names its people after a word that says who they are: a clinician's title
or role (`dr healey`, `DR. TOSCANO`, `NP Wolfe`, `HO Domenico`), a kin word (`son bill`,
`DTR PHILOMENA`, `pt's daughter, Philomena`), a credential or `aware` after them (`s.
roberto rrt`, `B. KARGAS PA AWARE`). Such notes are often written all in lower case or
all in capitals, where a word's shape says nothing, so the cue says 'a person' and the
word after it is read for what else it could be: a function word (`son will call`), an
English word the lexicon knows (`PA line`, `MD aware`, `son called`), an abbreviation.
The stronger the cue, the more a word may be: after `Dr.` even `small` is a surname;
after `per` only a listed name that is no English verb or adjective.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

from .english_words import inflected_from, nouns_and_other_words
from .memo import memoised
from .name_lists import EPONYMS, HONORIFICS, RELATIVES, NameLists
from .scan_view import about_a_patient_of, lowered_in_place_of

#: Who a clinician is, as a title before the name: any listed word, any unknown one.
_TITLES = (*HONORIFICS, "drs", "doctor")
#: Who someone is to the patient: a listed given name, or an unknown word.
_KIN = (*RELATIVES, "dtr", "friend", "girlfriend", "boyfriend", "caregiver")
#: A clinician's role or credential before the name: words that also mean other things
#: (`MD aware`, `NP swab`), so only a listed name that is no English verb or adjective.
#: Not `PA`: before a word it is the pulmonary artery (`PA line`, `PA sats`).
_ROLES = ("np", "ho", "md", "rn", "rrt", "resident", "attending", "fellow", "intern",
          "house staff", "house officer", "case manager", "social worker")
#: Words before someone a note reports about: only a listed name will do.
_REPORTS = ("per", "paged", "spoke with", "spoke to", "talked with", "talked to",
            "speak with", "speak to", "consult with", "discussed with", "met with")
#: Credentials, or `aware`, after a name: `s. roberto rrt`, `W. MAROTTA AWARE`.
_AFTER = ("rn", "rrt", "np", "pa", "md", "lpn", "crna", "msw", "licsw", "aware")
#: Who someone is, in brackets after the name: `Hank Sorel (son)`, `ADA RIIS (RESIDENT)`.
_BRACKETED = frozenset(_KIN) | {"resident", "attending", "fellow", "intern", "hcp", "proxy"}
#: What a visitor or a caller does, after a listed given name: `social: bob visited`.
_VISITS = ("called", "visited", "phoned", "came")

#: Kin words: alone, they say who someone is, not which person (`Son called`).
KIN_WORDS = frozenset(_KIN)
_KINDS = {**{w: "title" for w in _TITLES}, **{w: "kin" for w in _KIN},
          **{w: "role" for w in _ROLES}, **{w: "report" for w in _REPORTS}}

#: Every cue word, before or after a name: the prose readers' anchor search finds them.
NOTE_CUE_WORDS = tuple(sorted(set(_KINDS) | set(_AFTER) | _BRACKETED | set(_VISITS)))

#: What stands between the cue and the name, by the cue's kind.
_SEPARATORS = {
    "title": re.compile(r"(?:[.'’]|['’]s)?[ \t]*"),  # `Dr.Berz`, `Drs' Ballou`, `dr healey`
    "kin": re.compile(r"(?:-in-law|[ ]in[ ]law)?(?:[ \t]*[,(:][ \t]*|[ \t]+)"),
    "role": re.compile(r"\.?[ \t]+"),
    "report": re.compile(r"[ \t]+"),
}
_INITIAL = re.compile(r"([A-Za-z])\.[ \t]?(?=[A-Za-z]{2})")
#: A word of a name: `O'Halloran`, `Retterer-moore`; a possessive `'s` is left out.
_WORD = re.compile(r"[A-Za-z](?:[a-zA-Z]|['’](?=[A-Za-z]{2})|-(?=[A-Za-z]))*")
_AND = re.compile(r"[ \t]+(?:and|&)[ \t]+", re.IGNORECASE)
_BLANK = re.compile(r"[ \t]")
#: A name before a credential or `aware`: an initial and a word, or two or three words.
_BEFORE_AFTER = re.compile(
    r"(?:(?<![A-Za-z])([A-Za-z])\.[ \t]?)?([A-Za-z][A-Za-z'’-]+)(?:[ ]([A-Za-z][A-Za-z'’-]+))?"
    r",?[ \t]+$")

#: The closed classes of English: they name no one after any cue (`son will call`).
FUNCTION_WORDS = frozenset("""
a an the this that these those his her hers him he she they them their theirs it its we us
our you your i me my mine who whom whose which what and or but nor so yet if then than as at
by for from in into of off on onto out over to up upon with within without about above after
before below between during through under until via vs per re
is am are was were be been being has have had do does did will would shall should may might
can could must ought not no yes also still just now here there too very again already only
even ever never always soon well all any both each every few many more most much none other
some such own same either neither one two three four five six seven eight nine ten
when where while why how since because though although unless whether once
pt pts patient patients family team staff aware notified called visited updated present
""".split())


@memoised(maxsize=4096)
def _level(word: str, lists: NameLists) -> str:
    """How much of a name a word may be: 'L' listed and no English verb or adjective
    (`healey`, `helen`), 'V' listed but also an English verb or adjective (`bill`,
    `small`, `line`), 'U' unknown to lists and lexicon (`toscano`), '' none: an English
    word no list knows (`aware`, `called`), a function word or a cue word. Kept for the
    words last asked: a note's words repeat."""
    key = word.casefold().replace("’", "'")
    if "-" in key:  # `phoned-family`, `co-signature`: a compound of English words
        parts = key.split("-")
        return "" if any(not _level(part, lists) for part in parts) else "U"
    if key in FUNCTION_WORDS or key in _KINDS or len(key) < 2:
        return ""
    nouns, others = nouns_and_other_words()
    kind = lists.kinds.get(key, "")
    if kind:
        return "V" if inflected_from(key, others) else "L"
    if len(key) < 4 or not any(v in key for v in "aeiouy") or inflected_from(key, nouns) or (
            inflected_from(key, others)):
        return ""
    return "U"


def _case(word: str) -> str:
    if word.islower():
        return "lower"
    if word.isupper():
        return "caps"
    return "title" if word[0].isupper() else ""


#: Which levels of word each cue takes (`_level`).
_TAKES = {"title": "LVU", "kin": "LVU", "role": "LU", "report": "L"}


class _Note:
    """One text read as a note: its lower case, and whether it is about a patient or
    written in capitals, worked out when first asked."""

    def __init__(self, text: str, lowered: str, lists: NameLists) -> None:
        self.text, self.lowered, self.lists = text, lowered, lists
        self._clinical: bool | None = None

    @property
    def clinical(self) -> bool:
        if self._clinical is None:
            self._clinical = about_a_patient_of(self.text, self.lowered)
        return self._clinical

    def fits(self, word: str, cue: str, takes: str) -> bool:
        """Whether `word`, after a cue written `cue`, may be a name taking `takes`."""
        case = _case(word)
        if not case or case == "lower" and not (cue.islower() and self.clinical):
            return False  # `dr aware`; in a text with capitals a name is capitalised
        if case == "caps" and not cue.isupper():
            return False  # `Dr. ICU`: capitals after a cue not in capitals are letters
        level = _level(word, self.lists)
        if cue.casefold() not in _TITLES and word.casefold() in EPONYMS:
            return False  # `per Cox`, `Wilson aware`: a method; after `Mrs.` a surname
        if level == "V" and case != "title" and takes == "LVU" and cue.casefold() in _KIN:
            # `son bill`, `SON WILL`: a verb after a kin word only as a given name
            return self.lists.kinds.get(word.casefold(), "").upper() in ("G", "N")
        return bool(level) and level in takes


def note_names(text: str, lowered: str, lists: NameLists,
               hits: Iterable[tuple[int, str]]) -> Iterator[tuple[int, int]]:
    """Spans of names a clinical note announces by a title, a kin word, a role, a report
    word before them, or a credential or `aware` after them. `lowered` is text.lower();
    `hits` the places where anchor words stand, each with the longest one there
    (`prose_names.prose_anchors`, which looks for `NOTE_CUE_WORDS` too)."""
    if len(lowered) != len(text):  # lower case moved an offset (`İ`): keep each in place
        lowered = lowered_in_place_of(text)
    note = None
    for at, found in hits:
        length = _longest_cue(found)
        end = at + length
        if not length or lowered[end:end + 1].isalnum() or lowered[at - 1:at].isalnum():
            continue
        note = note or _Note(text, lowered, lists)
        cue = lowered[at:end]
        if cue in _KINDS:
            yield from _after_cue(note, at, end, _KINDS[cue])
        if cue in _AFTER and lowered[at - 1:at] != "'" or cue in _BRACKETED and (
                lowered[at - 1:at] == "(" and lowered[end:end + 1] == ")"):
            yield from _before_cue(note, at, end)
        if cue in _VISITS:
            yield from _visitor(note, at, end)


def _longest_cue(found: str) -> int:
    """The length of the longest cue word that `found` (an anchor word) starts with: a
    look-up in a table of every anchor word (`_cue_lengths`), worked out for another."""
    length = _cue_lengths().get(found)
    return _cue_length(found) if length is None else length


def _cue_length(found: str) -> int:
    return max((len(word) for word in NOTE_CUE_WORDS if found.startswith(word)), default=0)


@lru_cache(maxsize=1)
def _cue_lengths() -> dict[str, int]:
    """`_cue_length` of every word `prose_names.prose_anchors` finds (the words `hits`
    hold), worked out once: a text holds some thirty hits, and a memo's look-up costs
    more than a dict's."""
    from .prose_names import ANCHOR_WORDS  # (it reads this module's words: asked later)

    return {word: _cue_length(word) for word in ANCHOR_WORDS}


def _after_cue(note: _Note, start: int, end: int, kind: str) -> Iterator[tuple[int, int]]:
    """The name after a cue word at text[start:end], if the word there may be one."""
    text = note.text
    cue = text[start:end]
    separator = _SEPARATORS[kind].match(text, end)
    at = separator.end() if separator is not None else end
    if at == end:
        return  # `son's`, `dr)`: no name follows
    initial = _INITIAL.match(text, at)
    word = _WORD.match(text, initial.end() if initial else at)
    takes = _TAKES[kind]
    if kind == "role" and text[end:at].strip():
        takes = "L"  # `HO. XRAYS`: after a period a new sentence may start
    if word is None or not _whole(text, word.end()):
        return
    told = False
    if not note.fits(word.group(), cue, takes):
        told = kind == "role" and _told_given_name(note, word.group(), cue, word.end())
        if not told:
            return
    if kind in ("role", "report") and not note.clinical:
        return  # `per`, `NP`, `HO` are cues in a note about a patient only
    last = word.end() if told else _more_words(note, word.end(), cue, word.group())
    yield (initial.start() if initial else word.start()), last
    if cue.casefold() == "drs":  # `Drs Ferullo and Saeed`
        joined = _AND.match(text, last)
        other = _WORD.match(text, joined.end()) if joined else None
        if other is not None and note.fits(other.group(), cue, takes):
            yield other.start(), _more_words(note, other.end(), cue, other.group())


#: What a note says a clinician was told or did, right after the name (`NP CAROL AWARE`,
#: `md ginger notified`).
_TOLD_AFTER = re.compile(
    r"[ \t]+(?:made[ \t]+)?(?:aware|notified|paged|informed|updated|ordered|called|"
    r"in[ \t]+to[ \t]+see|at[ \t]+bedside)\b", re.IGNORECASE)


#: The words of `_TOLD_AFTER`, which never are the name before it.
_TOLD_WORDS = frozenset({"made", "aware", "in", "at"})


def _told_given_name(note: _Note, word: str, cue: str, end: int) -> bool:
    """Whether a listed given name English also uses as a verb or an adjective (`carol`,
    `ginger`), right after a clinician's role, is that clinician's name: the note goes on
    with what they were told or did (`NP CAROL AWARE`, `NP CAROL ORDERED`), and it is
    written as the role is (both in capitals, or a title-case name)."""
    case = _case(word)
    if not case or case == "lower" and not cue.islower() or case == "caps" and not (
            cue.isupper()):
        return False
    key = word.casefold()
    if key in _TOLD_WORDS or key.endswith("ed"):
        return False  # `HO MADE AWARE`: the verb, not a name (`Made` is a given name too)
    return _level(word, note.lists) == "V" and note.lists.kinds.get(
        word.casefold(), "").upper() in ("G", "N") and _TOLD_AFTER.match(
        note.text, end) is not None


def _whole(text: str, end: int) -> bool:
    """Whether an ASCII word ending at `end` ends there: not before a letter or a mark
    of another alphabet (`Triệu` decomposed), which this reader leaves to others."""
    return not text[end:end + 1].isalpha() and not (
        text[end:end + 1] and unicodedata.category(text[end])[0] == "M")


def _more_words(note: _Note, end: int, cue: str, first: str) -> int:
    """The end of a name whose first word ends at `end`: up to two more words one blank
    apart, written as the first, each a listed name or an unknown word (`dr bob culhane`,
    `DAUGHTER LISA ROSSETTI`), an initial allowed between (`EDWARD C. JONES`)."""
    text = note.text
    for _ in range(2):
        if not _BLANK.match(text, end):
            break
        initial = _INITIAL.match(text, end + 1)
        word = _WORD.match(text, initial.end() if initial else end + 1)
        if word is None or _case(word.group()) != _case(first) or not _whole(
                text, word.end()) or not note.fits(word.group(), cue, "LVU"):
            break
        end = word.end()
    return end


def _before_cue(note: _Note, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A name before a credential or `aware`: an initial and a word (`E. Nessenson NP`),
    or two words of which the first is a listed given name (`Carole Hayes, RN`,
    `grace dudak aware`)."""
    text = note.text
    after = text[start:end]
    bracket = text[start - 1:start] == "("
    if text[start - 1:start] not in (" ", "\t", ",", "("):
        return
    match = _BEFORE_AFTER.search(text, max(0, start - 48), start - bracket)
    if match is None:
        return
    initial, first, second = match.group(1), match.group(2), match.group(3)
    words = [w for w in (first, second) if w]
    if not initial and len(words) < 2:
        return
    kinds = note.lists.kinds
    if not initial and kinds.get(first.casefold(), "").upper() not in ("G", "N") and (
            kinds.get(second.casefold(), "").upper() not in ("S", "N")):
        return  # two words, a listed given name or surname (`Carole Hayes`), not `micu team`
    if not all(note.fits(word, after, "LVU" if i == 0 and not initial else "LU")
               for i, word in enumerate(words)) or not note.clinical:
        return
    yield match.start(1) if initial else match.start(2), match.end(3 if second else 2)


#: A lone word right before a visit word: `bob visited`, `GEORGE CALLED`.
_VISITOR = re.compile(r"(?<![A-Za-z'’-])([A-Za-z]+)[ ]$")


def _visitor(note: _Note, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A listed given name before a word of visiting or calling, in a note (`social: bob
    visited`, `and george called`): who visits or calls a patient is a person; no list of
    things takes these verbs as well (`son called`, `pt called` hold no such name)."""
    text = note.text
    match = _VISITOR.search(text, max(0, start - 24), start)
    if match is None:
        return
    word = match.group(1)
    case = _case(word)
    if case == "title" or note.lists.kinds.get(word.casefold(), "").upper() not in ("G", "N"):
        return  # a capitalised given name there the name rules read already
    verb = text[start:end]
    if case != _case(verb):
        return  # `bob visited`, `BOB VISITED`: the name written as the words around it
    if note.fits(word, verb, "LV") and note.clinical:
        yield match.span(1)
