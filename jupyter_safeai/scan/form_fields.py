"""Fields of a pasted form or of a post's header, read by their labels in words.

`Username: Bimala / Location: Chennai / Date: 2023-09-05`, `Seller: Patrick | Location
for Pickup: Wellington`, `Name: A.Kumar / Timestamp: 2023-09-14 03:15 PM`: a form says
what each value is, as a record's key does (records.py), but its labels are words a
person writes (`Full name`, `Posted on`) and its values are not quoted. A value after a
person's label is a PERSON when it is shaped like a name or a handle, after a place's
label a LOCATION (a STREET_ADDRESS when it opens with a house number), after a date's
label a DATE when it holds one.

A lone `Name: iris` or `Date: 2020-01-01` names a dataset or a notebook's day; a form is
told by its layout: two or more of these fields, one of them naming who, in one block of
`Label: value` lines (a row of fields joined by `|` is one line). A few labels say who on
their own (`Username`, `Full name`). `Version:` beside `Summary:`, `Requires:` or a
folder's `Location:` makes the block a package's record (`pip show`), no person's form;
a machine's account (`jovyan`), a folder (`/usr/lib`) and a thing or a project
(`Dataset`, `Jupyter Project`) are nobody and nowhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from .dates import CALENDAR_WORDS
from .english_words import english_word
from .finding import Finding
from .geography import country_names
from .name_context import SOFTWARE_NAMES
from .name_lists import COMMON_WORDS, HONORIFICS, name_lists
from .names import STRONG_PERSON_WORDS

#: The detector of this module's findings.
DETECTOR = "form_fields"

_WHO, _HANDLE, _PLACE, _DATE, _PACKAGE = "who", "handle", "place", "date", "package"


def _person_words(alternatives: str) -> tuple[str, ...]:
    """The words of a regex alternation of person words (`patient[ _]?name|surname`) as
    labels (`patient name`, `surname`)."""
    words = (re.sub(r"\[ _\]\??", " ", word) for word in alternatives.split("|"))
    return tuple(word for word in words if re.fullmatch(r"[a-z]+(?: [a-z]+)*", word))


#: A form's label (lower case) -> what its value is. Who: the words that make a name
#: recognizer sure a person follows (names.py, one list for both), and a form's own.
_LABELS: dict[str, str] = {
    **dict.fromkeys(_person_words(STRONG_PERSON_WORDS), _WHO),
    **dict.fromkeys(("display name", "real name", "author", "contact", "contact name",
                     "contact person", "customer", "customer name", "client", "client name",
                     "submitted by", "written by", "reviewer", "tenant", "landlord"), _WHO),
    **dict.fromkeys(("username", "user name", "user", "handle", "screen name", "nickname"),
                    _HANDLE),
    **dict.fromkeys(("location", "address", "home address", "city", "hometown", "home town",
                     "town", "residence", "place", "lives in", "based in"), _PLACE),
    **dict.fromkeys(("date", "timestamp", "dob", "date of birth", "posted", "posted on",
                     "date posted", "submitted on", "joined"), _DATE),
    # a package's record (`pip show`, a wheel's metadata): its `Name` and `Author` are
    # software and its maintainers', its `Location` a folder
    **dict.fromkeys(("version", "summary", "home-page", "home page", "requires",
                     "required-by", "author-email", "metadata-version", "maintainer"), _PACKAGE),
}
#: Labels that, beside `Version`, make a block a package's record (`Summary: knee pain`
#: or `Version: 2` alone is a patient's form).
_PACKAGE_PARTNERS = frozenset({"summary", "home-page", "home page", "requires", "required-by"})
#: The person's labels of a package's record (`Name: attrs`, `Author: Hynek Schlawack`).
_PACKAGE_WHO = frozenset({"name", "author"})
#: Labels that say who on their own, without a form around them.
_ALONE = frozenset({"username", "user name", "screen name", "full name", "patient name"})

#: A label: a capitalised word and up to three more (`Location for Pickup`), at the start
#: of a line or after a `|`; read back from its colon, which a blank or markup follows.
_LABEL = re.compile(r"[A-Z][A-Za-z]*(?:-[A-Za-z]+)?(?:[ ][A-Za-z]+){0,3}")
#: A label's colon: after an ASCII letter of it or an edge `_LABEL_EDGE` strips (`_fields`
#: reads no other), before a blank or a mark.
_COLON = re.compile(r":(?<=[A-Za-z*_ ]:)(?=[ \t*_])")
_LABEL_EDGE = " \t>*•_-"
_VALUE_EDGE = " \t\r*_"
_LONGEST_LABEL = 48
#: `Location for Pickup`, `Contact for Enquiries`: the label and what it is for.
_FOR = re.compile(r"(.+?)[ ]for(?:[ ][a-z]+){1,2}")

#: Words joined without a blank only after an initial, `O'` or a particle (`A.Kumar`,
#: `McAllister`, `DeLuca`), not in a brand (`PhysioNet`, `GitHub`).
_TITLE_WORDS = (*HONORIFICS, "mx", "prof")
_TITLES = "|".join(title.title() for title in _TITLE_WORDS)
_JOINING_PARTICLES = "|".join(
    rf"\b{particle}" for particle in
    ("Mc", "Mac", "De", "Del", "Della", "Di", "Da", "Du", "La", "Le", "Van", "Von", "Fitz"))
_NAME = regex.compile(
    rf"(?:(?:{_TITLES})\.?[ ])?\p{{Lu}}(?:[\p{{Ll}}\p{{M}}'’-]+|\.)"
    rf"(?:(?:[ ]|(?<=[.'’]|{_JOINING_PARTICLES}))"
    r"(?:\p{Lu}[\p{Ll}\p{M}'’-]+|\p{Lu}\.)){0,3}")
#: Names run together (`MarenHolt`): a person's when the first is a given name
#: (`GraceBush`), else unless one is an English word that no list knows as a name
#: (`GitHub`, `WordPress`).
_JOINED = regex.compile(r"(?:\p{Lu}\p{Ll}+){2,3}")
_JOINED_WORD = regex.compile(r"\p{Lu}\p{Ll}+")
_HANDLE_VALUE = re.compile(r"@?[A-Za-z][\w.]{1,30}(?<!\.)")
_HANDLE_MARK = re.compile(r"[\d_.]")
_WHO_HANDLE_MARK = re.compile(r"^@|[_.]")
_WHO_END = re.compile(r"[,;(|]|[ ][-–—][ ]")
_NOBODY = frozenset({"admin", "administrator", "root", "guest", "anonymous", "anon", "user",
                     "test", "demo", "unknown", "none", "n/a", "na", "null", "me", "you",
                     "staff", "team", "everyone", "private", "redacted", "hidden",
                     # the accounts of a machine or a service, no person's
                     "jovyan", "ubuntu", "ec2-user", "centos", "debian", "fedora", "pi",
                     "vagrant", "postgres", "mysql", "oracle", "www-data", "nobody", "git",
                     "jenkins", "docker", "hadoop", "azureuser", "opc", "daemon", "nginx",
                     "apache", "sysadmin", "superuser", "service", "system"})
#: Words that make a value a thing, a project or an organisation, not a person
#: (`Name: Dataset`, `Author: Jupyter Project`).
_THINGS = frozenset({"dataset", "datasets", "dataframe", "notebook", "pipeline", "repo",
                     "repository", "package", "module", "library", "script", "kernel",
                     "project", "team", "bot", "foundation", "inc", "ltd", "llc", "org",
                     "group", "lab", "labs", "university", "institute", "community",
                     "actions", "contributors", "developers", "maintainers"})
#: A folder, not a place (`/usr/lib/python3`, `~/data`, `C:\\Users`).
_PATH = re.compile(r"[/~\\]|[A-Za-z]:[\\/]|\.{1,2}/")
_NOWHERE = frozenset({"online", "remote", "home", "anywhere", "everywhere", "worldwide",
                      "unknown", "various", "tbd", "n/a", "na", "none", "here", "there",
                      "local", "global", "virtual", "earth"})
#: A month's first three letters (`jan`, `may`), from the calendar's words.
_MONTH3 = "|".join(sorted(word for word in CALENDAR_WORDS if len(word) == 3))
_DAY = re.compile(
    rf"\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|"
    rf"\b(?:{_MONTH3})[a-z]*\.?[ ]\d{{1,2}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?[ ](?:{_MONTH3})",
    re.IGNORECASE)
_MAX_VALUE = 80


@dataclass(frozen=True)
class _Field:
    line: int  # where its line starts
    kind: str | None  # what the label says, None for a label of no interest
    label: str
    start: int
    end: int


def _label_kind(label: str) -> str | None:
    label = label.lower()
    kind = _LABELS.get(label)
    if kind is None and (purpose := _FOR.fullmatch(label)):
        kind = _LABELS.get(purpose.group(1))
    return kind


def _fields(text: str) -> list[_Field]:
    """Every `Label: value` at the start of a line or after a `|`."""
    fields = []
    for colon in _COLON.finditer(text):
        at = colon.start()
        if not text[at - 1:at].isalpha() and text[at - 1:at] not in ("*", "_", " "):
            continue  # `f():`, `{"a": 1}`, `12:30`
        reach = max(0, at - _LONGEST_LABEL)
        segment = max(text.rfind("\n", reach, at), text.rfind("|", reach, at)) + 1
        if segment == 0 and reach > 0:
            continue  # no line start or `|` within a label's length
        label = text[segment:at].strip(_LABEL_EDGE)
        if not _LABEL.fullmatch(label):
            continue
        line = text.rfind("\n", 0, at) + 1
        kind = _label_kind(label)
        if kind is None:  # a label of no interest: it only holds its block together
            fields.append(_Field(line, None, "", at, at))
            continue
        end = text.find("\n", at)
        end = len(text) if end == -1 else end
        bar = text.find("|", at, end)
        end = end if bar == -1 else bar
        start = at + 1
        while start < end and text[start] in _VALUE_EDGE:
            start += 1
        while end > start and text[end - 1] in _VALUE_EDGE:
            end -= 1
        fields.append(_Field(line, kind, label.lower(), start, end))
    return fields


def _blocks(text: str, fields: list[_Field]) -> Iterator[list[_Field]]:
    """Fields on runs of consecutive lines."""
    block: list[_Field] = []
    for field in fields:
        if block and field.line != block[-1].line:
            previous_end = text.find("\n", block[-1].line)
            if previous_end == -1 or field.line != previous_end + 1:
                yield block
                block = []
        block.append(field)
    if block:
        yield block


def _who(value: str, kind: str) -> int:
    """The length of the name or handle a person's field opens with, 0 if none."""
    if (end := _WHO_END.search(value)) is not None:
        value = value[:end.start()]
    value = value.rstrip(" .")
    if value.lstrip("@").lower() in _NOBODY:
        return 0
    if _NAME.fullmatch(value):
        return len(value) if _a_persons_words(value) else 0
    if _JOINED.fullmatch(value):  # `MarenHolt` is a person's, `PhysioNet` a brand
        lists = name_lists()
        words = _JOINED_WORD.findall(value)
        if _given_first(words):
            return len(value)
        return 0 if any(english_word(word.lower()) and not lists.kind(word).isupper()
                        for word in words) else len(value)
    handle = _HANDLE_VALUE.fullmatch(value)
    # under a name's label, a handle is one by its `_`, `.` or `@`, or digits in lower
    # case (`posted by: kiri07`; `Name: Jinja2` is a package); under a user's label its
    # digits or its lower case do
    mark = _HANDLE_MARK.search(value) if kind == _HANDLE or value.islower() else (
        _WHO_HANDLE_MARK.search(value))
    if handle and (mark or kind == _HANDLE and value.islower()) and (
            value.lower() not in COMMON_WORDS):
        return len(value)
    return 0


def _given_first(words: list[str]) -> bool:
    """Whether a name opens with a listed given name: a strong one (`Ian`), or a weak one
    (`Grace`, `Hope`) before another listed name (`GraceBush`, `HopeField`)."""
    lists = name_lists()
    kind = lists.kind(words[0]) if words else ""
    return kind in ("G", "N") or kind in ("g", "n") and any(
        lists.kind(word) for word in words[1:])


def _given_and_surname(value: str) -> bool:
    """Whether a value is a listed given name and a listed surname (`Maria Lopez`)."""
    words = [word.strip(".") for word in value.split()]
    if len(words) > 2 and words[0].casefold() in _TITLE_WORDS:
        words = words[1:]
    if len(words) != 2:
        return False
    lists = name_lists()
    given, surname = lists.kind(words[0]), lists.kind(words[1])
    return given in ("G", "N") and surname in ("S", "N", "s", "n")


def _a_package(text: str, known: list[_Field]) -> bool:
    """A package's record (`pip show`): `Version` beside `Summary`, `Home-page`,
    `Requires` or a folder's `Location`, or a `Metadata-Version`; never a block whose
    patient or contact is a given name and a surname."""
    labels = {field.label for field in known}
    package = "metadata-version" in labels or "version" in labels and (
        bool(labels & _PACKAGE_PARTNERS) or any(
            field.label == "location" and _PATH.match(text, field.start) is not None
            for field in known))
    return package and not any(
        field.kind == _WHO and field.label not in _PACKAGE_WHO
        and _given_and_surname(text[field.start:field.end]) for field in known)


def _a_persons_words(value: str) -> bool:
    """Whether a name-shaped value is no word of a thing (`Dataset`, `Jupyter Project`),
    and not all English words that no list knows as names (`Requests`, `Gender`)."""
    words = [word.strip(".").casefold() for word in value.split()]
    if len(words) > 1 and words[0] in _TITLE_WORDS:
        words = words[1:]
    lists = name_lists()
    # `Grace Hope`, `Will Berry`: common words, but a listed given name and a listed surname
    if len(words) == 2 and lists.kind(words[0]) in ("G", "N", "g", "n") and (
            lists.kind(words[1]) in ("S", "N", "s", "n")):
        return True
    # `Jo Script`, `Sarah Script`: a thing's word is a surname after a given name
    things = _THINGS if len(words) < 2 or lists.kind(words[0]) not in ("G", "N") else ()
    if any(word in COMMON_WORDS or word in things for word in words) or (
            len(words) == 1 and words[0] in SOFTWARE_NAMES  # `Keras`; `Julia` is a person
            and not lists.kind(words[0].title()).isupper()):
        return False
    return not all(english_word(word) and not lists.kind(word.title()) for word in words
                   if len(word) > 1)


def _finding(text: str, field: _Field) -> Finding | None:
    value = text[field.start:field.end]
    if not value or len(value) > _MAX_VALUE or "://" in value:
        return None
    if field.kind in (_WHO, _HANDLE):
        length = _who(value, field.kind)
        return Finding(field.start, field.start + length, "PERSON", "phi", 0.75,
                       DETECTOR) if length else None
    if field.kind == _PLACE:
        words = value.split()
        if (len(words) > 8 or value.lower().strip(".") in _NOWHERE or value in country_names()
                or _PATH.match(value)
                or not any(c.isalpha() for c in value) or ". " in value):
            return None
        entity = "STREET_ADDRESS" if value[0].isdigit() else "LOCATION"
        return Finding(field.start, field.end, entity, "phi", 0.75, DETECTOR)
    if field.kind == _DATE and _DAY.search(value) and len(value) <= 40:
        return Finding(field.start, field.end, "DATE", "phi", 0.75, DETECTOR)
    return None


def form_fields(text: str) -> Iterator[Finding]:
    """The values of a form's person, place and date fields (see the module docstring)."""
    if ": " not in text and ":\t" not in text and ":*" not in text:
        return
    for block in _blocks(text, _fields(text)):
        known = [field for field in block if field.kind is not None]
        if _a_package(text, known):
            continue
        known = [field for field in known if field.kind != _PACKAGE]
        labels = {field.label for field in known}
        if len(labels) < 2 and not labels & _ALONE:
            continue
        found = [(field, _finding(text, field)) for field in known]
        # a person's form: two of its labels, and a name or a handle under one of them
        is_form = len(labels) >= 2 and any(
            finding is not None and field.kind in (_WHO, _HANDLE) for field, finding in found)
        for field, finding in found:
            if finding is not None and (is_form or field.label in _ALONE):
                yield finding
