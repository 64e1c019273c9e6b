"""Numbers of a person's case, application, file, docket or claim.

A court's, an insurer's or an office's number for one person's matter (`application no.
47289/99`, `case no. CV-2019-00123`, `docket 1:19-cv-01234`, `claim number 2004/5512`)
leads to that person as surely as a record number: HIPAA's "any other unique identifying
number". It is read only right after its label, and only in the shape of an identifier:
digits with a slash or a dash and a year part, or letters mixed with digits. A law's, an
article's, a rule's or a figure's number (`Law no. 466`, `Article 6 § 1`, `Rule 39`,
`Protocol No. 11`, `Figure no. 3`) has no such label or no such shape, and a version
(`1.2.3`) none either.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .dates import is_full_date
from .finding import Finding
from .scan_view import lowered_in_place_of

#: What stands between a matter's label and its number (`no.`, `nos.`, `number`, `#`,
#: `no:`), or a label its number follows directly (`docket 1:19-cv-01234`, `Ref.
#: 2004/12`), read on the lower-cased text, not after a letter. Each mark's first letter
#: is read first, from one class the regex engine skips to (then the look-behind, then
#: the rest of that mark), rather than a look-behind tried at every position.
_MARK = re.compile(
    r"[n#dr](?<![a-z].)(?:(?<=n)(?:os?|r|umbers?)(?![a-z])\.?[ \t]*:?|(?<=n)°|(?<=#)"
    r"|(?P<label>(?<=d)ocket(?![a-z])|(?<=r)ef(?![a-z])[.:]?))[ \t]*")
#: Labels of a matter's number, right before its mark (`application (no.`, `case
#: number`, `claim #`, `file no.`).
_LABEL_BEFORE = re.compile(
    r"(?<![a-z])(?:applications?|cases?|files?|claims?|complaints?|petitions?|appeals?"
    r"|dossiers?|matters?|references?|ref\.?|proceedings|decisions?|judge?ments?"
    r"|actions?|lawsuits?|suits?|investigations?|inquiry|inquiries|under"
    r"|orders?|warrants?|indictments?)"
    r"[ \t]*\(?[ \t]*$")
#: The stems every label above or in `_MARK` starts with: a text with none has no case
#: number, and the many `no` of English are not read.
_LABEL_STEMS = ("applica", "case", "file", "claim", "complain", "petition", "appeal", "dossier",
                "matter", "ref", "proceeding", "decision", "judg", "docket", "action",
                "suit", "investigat", "inquir", "under", "order", "warrant",
                "indictment", "court", "tribunal", "prosecut", "cassation", "ruling")
#: How far before its mark a label may start.
_LABEL_REACH = 18
#: An identifier's shape: `47289/99`, `2004/1234`, `12-3456`, `CV-2019-001234`,
#: `1:19-cv-01234`, `HC12345`, `K 123/05`; not a lone count, a version, a decimal or a
#: file's name (`12-345.csv`).
_ID = re.compile(
    # a court's register before the number, capitals first (`in 2020`, `is 4471` are
    # words and a number): `K 123/05`, `II K 123/01`, `I ACa 1234/04`, `22 Co 123/2001`
    r"(?:(?:[IVX]{1,4}[ ]|\d{1,2}[ ])?[A-Z][A-Za-z]{0,3}\.?[ .-]?)?"
    r"(?:(?:19|20)\d\d/\d{1,6}"  # 2004/123: a year, then the matter's number in it
    r"|\d{2,6}/(?:\d{2}|\d{4})(?:/\d{1,6})?"  # 47289/99, 123/04/5
    r"|\d{1,2}:\d{2}-[A-Za-z]{2,4}-\d{2,6}"  # 1:19-cv-01234
    r"|\d{1,3}-\d{1,6}/(?:\d{2}|\d{4})"  # 2-1234/04: a register, a number, a year
    r"|\d{2,6}/\d{2,6}-\d{2}"  # 12/345-06
    r"|\d{1,2}(?:-\d{1,3}){2,}-\d{2,6}"  # 3-2-1-45-04
    r"|\d{2,6}-\d{2,8}(?:-\d{1,8})?"  # 12-3456, 2019-001234
    r"|(?<=[A-Za-z])\d{4,}(?:[-/]\d+)*"  # HC12345 (letters right before)
    r"|(?<=[A-Za-z][ .-])\d{4,}(?:[-/]\d+)*)"  # CV-20190012, K 12345
    r"(?![\w/-]|\.\w)",
)
#: A court's file number in brackets after the court or its act, without a label: a
#: register's capitals and a number of a year (`the Court of Appeal (I ACa 1234/04)`,
#: `(1 BvR 1234/05)`, `(E. 1998/123, K. 1999/456)`).
_REGISTER_NUMBER = re.compile(
    r"\((?=(?:[IVX]{1,4}[ ]|\d{1,2}[ ])?[A-Z][A-Za-z]{0,3}\.?[ ]?\d{1,6}/\d{2,6}[),;])")
#: The bodies and acts a bracketed file number follows, within `_COURT_REACH` before it.
_COURT_BEFORE = re.compile(
    r"\b(?:courts?|tribunals?|prosecutors?|judge?ments?|decisions?|appeals?|cassation"
    r"|rulings?)\b[^.;()\n]*$")
_COURT_REACH = 80
#: More numbers of one label (`nos. 65731/01 and 65900/01`, `123/04, 456/05`).
_MORE = re.compile(r",?[ \t]+(?:and|&)[ \t]+|,[ \t]*")


class CaseNumberRecognizer:
    name = "pattern:case_number"
    entities = ("UNIQUE_ID",)

    def find(self, text: str) -> Iterator[Finding]:
        lowered = lowered_in_place_of(text)
        if not any(stem in lowered for stem in _LABEL_STEMS):
            return
        for mark in _MARK.finditer(lowered):
            at = mark.end()
            number = _ID.match(text, at)
            if number is None or not (mark.group("label") or _LABEL_BEFORE.search(
                    lowered, max(0, mark.start() - _LABEL_REACH), mark.start())):
                continue
            while number is not None:
                if not (is_full_date(number.group()) or _years(number.group())):
                    yield Finding(number.start(), number.end(), "UNIQUE_ID", "phi", 0.8,
                                  self.name)
                more = _MORE.match(text, number.end())
                number = _ID.match(text, more.end()) if more else None
        if "(" in text:
            yield from self._bracketed(text, lowered)

    def _bracketed(self, text: str, lowered: str) -> Iterator[Finding]:
        for bracket in _REGISTER_NUMBER.finditer(text):
            at = bracket.end()
            if not _COURT_BEFORE.search(lowered, max(0, at - 1 - _COURT_REACH), at - 1):
                continue
            number = _ID.match(text, at)
            while number is not None:
                if not (is_full_date(number.group()) or _years(number.group())):
                    yield Finding(number.start(), number.end(), "UNIQUE_ID", "phi", 0.75,
                                  self.name)
                more = _MORE.match(text, number.end())
                number = _ID.match(text, more.end()) if more else None


def _years(value: str) -> bool:
    """A span of years (`2019/2020`, `2019-20`, `1990-1995`, `FY 2019/20`), not a
    number."""
    first, _, second = value.rpartition(" ")[2].replace("/", "-").partition("-")
    if not (first.isdigit() and second.isdigit() and len(first) == 4
            and 1800 <= int(first) <= 2099):
        return False
    return (len(second) == 4 and 1800 <= int(second) <= 2099
            or len(second) == 2 and int(second) == (int(first) + 1) % 100)


CASE_NUMBER_RECOGNIZERS = (CaseNumberRecognizer(),)
