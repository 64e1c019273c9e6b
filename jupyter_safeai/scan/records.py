"""Structured records people paste: key–value lines, JSON/FHIR, XML, HL7 v2, SQL inserts.

In a record the key says what the value is: `"family": "Garcia"`, `first_name = maria`,
`<birthDate value="1958-03-14"/>`, `PID|...|GARCIA^MARIA|...|19580314`. A value under
a key that names a person's attribute (`family`, `given`, `first_name`, `dob`, `mrn`,
`ssn`, `phone`, `email`, `address`, `zip` ...: `columns.column_entity` plus the FHIR
and HL7 names) is a finding whatever it looks like, as in a table under its header.
A vague key (`name`) counts only where the same text holds a clear one, and only for a
value made of words. Values that are code (`row["mrn"]`, `os.environ[...]`, a function
call) are references, not values, and are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .columns import normalise, normalised_entity, plausible_value
from .entities import category_of
from .finding import Finding
from .form_fields import form_fields
from .memo import memoised
from .name_context import on_heading
from .note_names import KIN_WORDS
from .recognizer import matches_at

NAME = "records"

#: Keys of FHIR, HL7 and common exports that `column_entity` does not name.
_EXTRA_KEYS = {
    "family": "PERSON", "given": "PERSON", "family_name": "PERSON", "given_name": "PERSON",
    "fname": "PERSON", "lname": "PERSON", "first": "PERSON", "last": "PERSON",
    "firstname": "PERSON", "lastname": "PERSON", "middle": "PERSON", "patient_name": "PERSON",
    "birth_date": "DATE", "birthdate": "DATE", "date_of_birth": "DATE",
    "deceased_date_time": "DATE",
    "postal_code": "ZIP_CODE", "postalcode": "ZIP_CODE", "ssn_number": "US_SSN",
    "medical_record_number": "MEDICAL_RECORD_NUMBER", "street_line": "STREET_ADDRESS",
    "phone_home": "PHONE_NUMBER", "phone_mobile": "PHONE_NUMBER", "telephone_number":
    "PHONE_NUMBER", "email_address": "EMAIL_ADDRESS", "pw": "", "password": "",
}


@memoised(maxsize=2048)
def record_entity(key: str) -> tuple[str, bool] | None:
    """(entity, clear) a record key names, or None. An attribute path names what its last
    part names: `cell.metadata.foo` is not a phone, `city_pop.columns` not a city.
    Remembered for the keys last read: records and tables repeat the same few."""
    normalised = normalise(key.rsplit(".", 1)[-1] if "." in key.strip(".") else key)
    extra = _EXTRA_KEYS.get(normalised)
    if extra is not None:
        return (extra, True) if extra else None
    found = normalised_entity(normalised)
    if found is not None and normalised.endswith("_name") and found[0] != "PERSON" or (
            found == ("PERSON", False) and normalised != "name"):
        return None  # `AccountName`, `device_name`: the name of a thing
    if found is None or found[0] in _VALUE_SAYS or found[0] in {"UNIQUE_ID", "AGE"} and (
            not found[1]):
        return None
    return found


#: Kinds whose values show what they are (a URL, an IP address): their recognizers
#: decide, a key alone does not (`DATABASE_URL=postgresql://localhost/dev`).
_VALUE_SAYS = frozenset({"URL", "IP_ADDRESS"})


# key: value / key = value / "key": "value" / key => value, one per line or inline.
_KEY = r"[A-Za-z_][\w.-]{0,40}"
_PAIR = re.compile(
    rf"""(?P<q>["']?)(?<![\w.-])(?P<key>{_KEY})(?P=q)[ \t]*(?::|=|=>)[ \t]*"""
    r"""(?:"(?P<dq>[^"\n]{1,200})"|'(?P<sq>[^'\n]{1,200})'|\[(?P<list>[^\]\n:{]{1,300})\]"""
    r"""|(?P<bare>[^\s,;}\]\[{"'#][^,;}\]\n#]{0,200}))"""
)
#: A separator and the key before it, read backwards (on the reversed text): where
#: `_PAIR` can start, so it is tried there only, not at every character. The key is in a
#: look-ahead, so one search finds every separator's, however close they stand. One
#: search per separator: each led by its literal, which the regex engine skips to (a
#: class of the two it tries at every character).
_KEYS_BACKWARDS = tuple(re.compile(separator + r"""(?=([ \t]*["']?[\w.-]{0,40}[A-Za-z_]["']?))""")
                        for separator in ":=")
_LIST_ITEM = re.compile(r"""["']([^"'\n]{1,120})["']""")
# <tag>value</tag> and <tag value="value"/> (FHIR XML)
_XML_TEXT = re.compile(r"<(?P<key>[A-Za-z_][\w:.-]{0,40})(?:\s[^<>]{0,200})?>"
                       r"(?P<value>[^<>\n]{1,200})</(?P=key)>")
_XML_VALUE = re.compile(r"<(?P<key>[A-Za-z_][\w:.-]{0,40})\s+value=\"(?P<value>[^\"\n]{1,200})\"")
#: A bare value that is code: a call, an index, an attribute path, a reference, the rest
#: of a comparison or a negation (`cell.cell_type == 'code'`, `foo = !v`).
#: (Searched for, not matched: a bracket anywhere is a call's or an index's, whatever
#: word stands before it, which is not read.)
_CODE_VALUE = re.compile(
    r"[(\[]|^\w+\.\w+|^(?:None|True|False|null|true|false)$|^[$%=!<>]")
#: A type where a value would stand: a schema (`patient_name: str`, `dob: datetime64[ns]`)
#: or an annotation describes the data, it holds none of it.
_TYPE_NAME = re.compile(
    r"(?:str|string|object|bytes|bool|boolean|category|date|datetime|int|float|complex|"
    r"u?int(?:8|16|32|64)|Int(?:8|16|32|64)|float(?:16|32|64)|Float(?:32|64)|"
    r"(?:datetime|timedelta)64(?:\[[\w, /]+\])?|(?:Optional|list|List|dict|Dict)\[.*\])",
    re.IGNORECASE)
_WORDS = re.compile(r"[^\W\d_][^\W\d]*(?:[ ,.'-]+[^\W\d_][^\W\d]*){0,4}\.?")
_ALNUM = re.compile(r"[^\W_]")  # a character `str.isalnum` says yes of, found in C
_MISSING = frozenset({"", "none", "null", "nan", "n/a", "na", "-", "unknown", "tbd", "xxx",
                      "redacted", "***", "..."})


#: Where prose resumes after a bare number (`SSN: 234-56-7891 on file`).
_PROSE_AFTER_NUMBER = re.compile(r"\d[^\s]*\s+(?=[^\W\d_]{2})")
#: A second separator ends a bare value: `MRN: <MRN_1>: how do I plot this?` holds the
#: value `<MRN_1>`, and the rest is the question about it.
_NEXT_SEPARATOR = re.compile(r":\s")


def _value_spans(match: re.Match[str]) -> list[tuple[int, int]]:
    for group in ("dq", "sq", "bare"):
        if match.group(group) is not None:
            start, end = match.span(group)
            value = match.group(group).rstrip()
            if group == "bare" and (after := _NEXT_SEPARATOR.search(value)):
                value = value[:after.start()].rstrip()
            if group == "bare" and value[:1].isdigit():
                prose = _PROSE_AFTER_NUMBER.search(value)
                value = value[:prose.end()].rstrip() if prose else value
            if group == "bare" and value.endswith(")") and "(" not in value:
                value = value[:-1].rstrip()  # `(SSN: 219-09-9999)`: the bracket closes
            return [(start, start + len(value))]
    if match.group("list") is not None:
        base = match.start("list")
        return [(base + m.start(1), base + m.end(1)) for m in _LIST_ITEM.finditer(
            match.group("list"))]
    return []


_TEMPLATE = re.compile(
    r"^(?:<[^<>]*>|\$?\{+[^{}]*\}+|%\(?\w*\)?s|\?|:\w+|@\w+)$|example\.|\byour\b",
    re.IGNORECASE)


_Value = tuple[list[tuple[int, int]], bool]
#: A key, its match, and the function that reads the match's value (`_Value`).
_Pair = tuple[str, re.Match[str], Callable[[re.Match[str]], _Value]]


def _pair_value(match: re.Match[str]) -> _Value:
    return _value_spans(match), match.group("bare") is not None


#: Words that open a value saying who someone is, not which person: a nursing note's
#: `FAMILY: wife and son in to visit`, `Family: Pt's husband called`, not FHIR's
#: `"family": "Garcia"`.
_WHO_WORDS = KIN_WORDS | {f"{word}s" for word in KIN_WORDS} | {
    "pt", "pts", "patient", "children", "kids", "parents", "friends", "visitors", "none",
    "no"}
_FIRST_WORD = re.compile(r"[^\W\d_]+")


def _says_who(value: str) -> bool:
    """Whether a name key's value opens with a word saying who someone is to the patient
    (`Wife, son and brother visited`, `Pt's husband`, `Children in to visit`)."""
    first = _FIRST_WORD.match(value.lstrip())
    return first is not None and first.group().casefold() in _WHO_WORDS


def _xml_value(match: re.Match[str]) -> _Value:
    return [match.span("value")], False


def _real(value: str, bare: bool) -> bool:
    """Whether a value is data, not a gap (`null`), a template (`<your email>`, `{dob}`,
    `%s`, `:mrn`) or code."""
    value = value.strip()
    if value.lower() in _MISSING or not _ALNUM.search(value) or (
            _TEMPLATE.search(value)):
        return False
    return not (bare and (_CODE_VALUE.search(value) or _TYPE_NAME.fullmatch(value)))


_FHIR_INNER_KEYS = frozenset({"value", "line", "text"})
#: FHIR holds an MRN as `identifier: [{system, value}]`, phones as `telecom`, streets as
#: `address: [{line: [...]}]`: the key of the enclosing element says what `value` is.
_FHIR_OUTER = re.compile(r"\"(identifier|telecom|address)\"\s*:\s*[\[{][^\]]*$")
_FHIR_ENTITIES = {"identifier": "UNIQUE_ID", "telecom": "PHONE_NUMBER",
                  "address": "STREET_ADDRESS"}


def _fhir_entity(text: str, key: str, start: int) -> tuple[str, bool] | None:
    outer = _FHIR_OUTER.search(text, max(0, start - 160), start)
    if outer is None or (key == "line") != (outer.group(1) == "address"):
        return None
    entity = _FHIR_ENTITIES[outer.group(1)]
    if entity == "PHONE_NUMBER" and "email" in text[outer.end():start]:
        entity = "EMAIL_ADDRESS"
    return entity, True


#: `fname` is a file's name as often as a first name: a value with a path or an extension
#: (`"cat.jpg"`, `'out/run'`), or a call's keyword argument not in title case
#: (`get_file(fname="imdb", ...)`), names a file.
_FILE_SHAPED = re.compile(r"[/\\]|\.[a-z][a-z0-9]{1,4}$")
_CALL_ARGUMENT = re.compile(r"""[(,][ \t\r\n]*fname[ \t]*=[ \t]*["']?$""", re.IGNORECASE)


def _file_name(text: str, key: str, start: int, end: int) -> bool:
    """Whether the value at text[start:end] of an `fname` key names a file (see above)."""
    if key.lower() != "fname":
        return False
    value = text[start:end].strip()
    return _FILE_SHAPED.search(value) is not None or not value[:1].isupper() and (
        _CALL_ARGUMENT.search(text, max(0, start - 60), start) is not None)


class RecordRecognizer:
    """Values under person-attribute keys in records (see the module docstring)."""

    name = NAME

    def find(self, text: str) -> Iterator[Finding]:
        clear: list[Finding] = []
        vague: list[tuple[int, int]] = []
        keys: dict[str, tuple[str, bool] | None] = {}  # a record repeats its keys
        for key, match, read in self._pairs(text):
            named = keys.get(key, False)
            if named is False:
                named = keys[key] = record_entity(key)
            if named is None and key not in _FHIR_INNER_KEYS:
                continue  # most keys name nothing: their values are not read
            spans, bare = read(match)
            entity = named or (_fhir_entity(text, key, spans[0][0]) if spans else None)
            if entity is None:
                continue
            for start, end in spans:
                value = text[start:end]
                if not _real(value, bare) or not plausible_value(entity[0], value) or (
                        on_heading(text, text.rfind("\n", 0, start) + 1)) or (
                        _file_name(text, key, start, end)) or (
                        entity[0] == "PERSON" and _says_who(value)):
                    continue
                if entity[1]:
                    clear.append(Finding(start, end, entity[0], category_of(entity[0]), 0.8,
                                         self.name))
                elif entity[0] == "PERSON" and _WORDS.fullmatch(value.strip()) and sum(
                        c.isalpha() for c in value) > 1:  # `"name": "x"` is a stand-in
                    vague.append((start, end))
        yield from clear
        if clear:
            for start, end in vague:
                yield Finding(start, end, "PERSON", "phi", 0.75, self.name)
        yield from _hl7(text)
        yield from _sql_inserts(text)
        yield from form_fields(text)

    @staticmethod
    def _pairs(text: str) -> Iterator[_Pair]:
        """(key, its match, the function that reads from the match its value's spans and
        whether it is bare): the value is read only for the keys that name something."""
        if ":" in text or "=" in text:
            size = len(text)
            backwards = text[::-1]
            starts = sorted({size - key.end(1) for keys in _KEYS_BACKWARDS
                             for key in keys.finditer(backwards)})
            for match in matches_at(_PAIR, text, starts):
                yield match.group("key"), match, _pair_value
        if "<" in text:
            for pattern in (_XML_TEXT, _XML_VALUE):
                for match in pattern.finditer(text):
                    yield match.group("key").rsplit(":", 1)[-1], match, _xml_value


# -- HL7 v2 ------------------------------------------------------------------------------
#: (segment, field number) -> entity; a name field is read as its first two components.
_HL7_FIELDS = {
    ("PID", 2): "MEDICAL_RECORD_NUMBER", ("PID", 3): "MEDICAL_RECORD_NUMBER",
    ("PID", 4): "MEDICAL_RECORD_NUMBER", ("PID", 5): "PERSON", ("PID", 6): "PERSON",
    ("PID", 7): "DATE", ("PID", 9): "PERSON", ("PID", 11): "STREET_ADDRESS",
    ("PID", 13): "PHONE_NUMBER", ("PID", 14): "PHONE_NUMBER", ("PID", 18): "ACCOUNT_NUMBER",
    ("PID", 19): "US_SSN", ("PID", 20): "LICENSE_NUMBER", ("PID", 29): "DATE",
    ("NK1", 2): "PERSON", ("NK1", 4): "STREET_ADDRESS", ("NK1", 5): "PHONE_NUMBER",
    ("NK1", 6): "PHONE_NUMBER", ("GT1", 3): "PERSON", ("GT1", 5): "STREET_ADDRESS",
    ("GT1", 6): "PHONE_NUMBER", ("GT1", 8): "DATE", ("GT1", 12): "US_SSN",
    ("IN1", 16): "PERSON", ("IN1", 18): "DATE", ("IN1", 19): "STREET_ADDRESS",
    ("IN1", 36): "HEALTH_PLAN_NUMBER", ("IN1", 49): "UNIQUE_ID",
    ("PV1", 7): "PERSON", ("PV1", 8): "PERSON", ("PV1", 9): "PERSON", ("PV1", 17): "PERSON",
    ("PV1", 19): "UNIQUE_ID", ("MRG", 1): "MEDICAL_RECORD_NUMBER",
}
_HL7_SEGMENTS = ("PID", "NK1", "GT1", "IN1", "PV1", "MRG")
_HL7_SEGMENT = re.compile(r"(?:^|(?<=[\r\n]))[ \t]*(?P<seg>PID|NK1|GT1|IN1|PV1|MRG)\|[^\r\n]*")
_DOCTOR_ID = re.compile(r"[^^]*\^")  # PV1-7: ID^FAMILY^GIVEN


def _hl7(text: str) -> Iterator[Finding]:
    if "|" not in text or not any(f"{segment}|" in text for segment in _HL7_SEGMENTS):
        return
    for segment in _HL7_SEGMENT.finditer(text):
        kind = segment.group("seg")
        at = segment.start("seg")
        fields = segment.group()[at - segment.start():].split("|")
        position = at
        for number, field in enumerate(fields):
            start, end = position, position + len(field)
            position = end + 1
            entity = _HL7_FIELDS.get((kind, number))
            if entity is None or not field.strip("^~& "):
                continue
            if kind == "PV1" and entity == "PERSON" and _DOCTOR_ID.match(field):
                start += _DOCTOR_ID.match(field).end()  # type: ignore[union-attr]
            first = field.split("~")[0]
            if entity == "STREET_ADDRESS":
                yield from _hl7_address(start, first)
                continue
            if entity == "MEDICAL_RECORD_NUMBER" or entity == "UNIQUE_ID":
                end = start + len(first.split("^")[0])  # ID^^^ASSIGNER^MR: the ID
            elif entity == "PERSON":
                parts = text[start:end].split("~")[0].split("^")
                end = start + len("^".join(parts[:3]).rstrip("^"))
            if end > start and any(c.isalnum() for c in text[start:end]):
                yield Finding(start, end, entity, category_of(entity), 0.85, NAME)


#: XAD components: street, other designation, city, state (HIPAA lets a state stand), zip.
_ADDRESS_PARTS = ("STREET_ADDRESS", "STREET_ADDRESS", "LOCATION", None, "ZIP_CODE")


def _hl7_address(start: int, field: str) -> Iterator[Finding]:
    """Each part of an HL7 address (street^other^city^state^zip) that identifies."""
    for entity, part in zip(_ADDRESS_PARTS, field.split("^"), strict=False):
        if entity is not None and part.strip():
            yield Finding(start, start + len(part), entity, category_of(entity), 0.85, NAME)
        start += len(part) + 1


# -- SQL INSERT ---------------------------------------------------------------------------
_INSERT = re.compile(r"insert\s+into\s+[\w.\"`\[\]]+\s*\((?P<columns>[^)]{1,2000})\)\s*values\s*",
                     re.IGNORECASE)
_SQL_TOKEN = re.compile(r"'(?:[^'\n]|''){0,500}'|\"[^\"\n]{0,500}\"|[^,()\s]+|[(),]")
#: How far the values of one INSERT are read: each character is read for one INSERT only.
_SQL_REACH = 20_000


def _sql_inserts(text: str) -> Iterator[Finding]:
    if "nsert" not in text and "NSERT" not in text:
        return
    position = 0
    while (insert := _INSERT.search(text, position)) is not None:
        position = insert.end()
        columns = [c.strip().strip("\"`[]") for c in insert.group("columns").split(",")]
        entities = [record_entity(c) for c in columns]
        if not any(e and e[1] for e in entities):
            continue
        depth, index = 0, 0
        for token in _SQL_TOKEN.finditer(text, insert.end(), insert.end() + _SQL_REACH):
            position = token.end()
            value = token.group()
            if value == "(":
                depth, index = depth + 1, 0
            elif value == ")":
                depth -= 1
                if depth < 0:
                    break
            elif value == ",":
                index += depth == 1
            elif value == ";" or depth == 0 and value not in {","}:
                break
            elif depth == 1 and index < len(entities):
                entity = entities[index]
                start, end = token.span()
                if value[0] in "'\"":
                    start, end = start + 1, end - 1
                if entity and entity[1] and end > start and (
                        text[start:end].lower() not in _MISSING):
                    yield Finding(start, end, entity[0], category_of(entity[0]), 0.8, NAME)
