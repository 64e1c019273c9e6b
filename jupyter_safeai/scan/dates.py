"""Dates tied to a person and ages over 89 (HIPAA keeps only the year, and ages ≤ 89).

A date is a finding when a label ties it to someone (born, admitted, discharged,
died, DOB, visit ...) or when the text is about a person at all (it names a patient,
an MRN, a DOB column). A date in plain code (`pd.date_range("2020-01-01", ...)`) or a
build stamp is not. Years alone never are.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from itertools import accumulate

from .finding import Finding
from .name_context import PatientMarks, about_a_patient, credit_line, patient_marks
from .narrative import STAMP_BEFORE, in_a_persons_story
from .proceedings import a_step_of_a_case
from .recognizer import anchor_starts, context_regex, finds_as_regex_does, matches_at
from .scan_view import label_starts_of, lowered_in_place_of, lowered_of
from .shapes import text_shape, wide_digits

#: Month and weekday names and month abbreviations, case-folded: words of the calendar
#: that are also towns or names (`March`, `Sunday`, `May`), for the place readers.
CALENDAR_WORDS = frozenset(name.casefold() for name in (
    *calendar.month_name[1:], *calendar.month_abbr[1:], *calendar.day_name))

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_TIME = r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"

_FULL_DATE = re.compile(
    rf"(?=[\dJFMASONDjfmasond])(?<![\w/.-])(?:"
    rf"(?:0?[1-9]|1[0-2])([/.-])(?:0?[1-9]|[12]\d|3[01])\1(?:{_YEAR}|\d{{2}})"  # 03/14/1958
    rf"|(?:0?[1-9]|[12]\d|3[01])([/.-])(?:0?[1-9]|1[0-2])\2{_YEAR}"  # 14.03.1958
    rf"|{_YEAR}([/.-])(?:0?[1-9]|1[0-2])\3(?:0?[1-9]|[12]\d|3[01]){_TIME}"  # 1958-03-14
    rf"|{_MONTH}[ \t]+{_DAY},?[ \t]+{_YEAR}"  # March 14, 1958
    rf"|{_DAY}[ \t]+(?:of[ \t]+)?{_MONTH},?[ \t]+{_YEAR}"  # 14 March 1958
    rf"|{_DAY}-{_MONTH}-(?:{_YEAR}|\d{{2}})"  # 14-Mar-1958
    rf"|{_YEAR}{_MONTH}\d\d"
    rf")(?![\w/-]|\.\d)",
    re.IGNORECASE,
)
# Dates without a year, or a month with a year, count only with a label right before.
_PARTIAL_DATE = re.compile(
    rf"(?=[\dJFMASONDjfmasond])(?<![\w/.-])(?:{_MONTH}[ \t]+{_DAY}(?!\w|,?[ \t]*\d)"
    rf"|{_DAY}[ \t]+(?:of[ \t]+)?{_MONTH}"
    rf"(?!\w|,?[ \t]*\d)|{_MONTH}[ \t]+{_YEAR}|(?:0?[1-9]|1[0-2])/{_YEAR})(?![\w/-])",
    re.IGNORECASE,
)
# The shapes of `_PARTIAL_DATE` without what may not follow them: a partial date read
# in a window cut short matches this at its start in the whole text.
_PARTIAL_SHAPE = re.compile(
    rf"{_MONTH}[ \t]+{_DAY}|{_DAY}[ \t]+(?:of[ \t]+)?{_MONTH}|{_MONTH}[ \t]+{_YEAR}"
    rf"|(?:0?[1-9]|1[0-2])/{_YEAR}",
    re.IGNORECASE,
)
_MONTH3 = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
# Where a full or partial date can start, found one character at a time: a digit or a
# month's initial (`ſ` folds to `s`) not after `[\w/.-]`, then what every form reads
# next: `03/14/`, `1958-03-`, `1958Mar`, `14th of March`, `14-Mar`, `3/1958`, or the rest
# of a month name, a blank and a digit. Leading with a one-character class lets the regex
# engine skip to such characters, which a leading look-ahead does not.
_AFTER_A_DIGIT = (rf"(?=\d{{0,3}}([/.-])\d\d?\1|\d{{3}}(?i:{_MONTH3})|\d?/(?:1[89]|20)\d\d"
                  rf"|\d?(?i:st|nd|rd|th)?(?:[ \t]+(?i:of[ \t]+)?|-)(?i:{_MONTH3}))")
_DATE_START = re.compile(
    r"[0-9JFMASONDjfmasond\u017f](?<![\w/.-].)(?:"
    rf"(?<=[0-9]){_AFTER_A_DIGIT}"
    r"|(?<![0-9])(?=(?i:an|eb|ar|pr|ay|un|ul|ug|ep|ct|ov|ec)\w*\.?[ \t]+\d))"
)
#: `_DATE_START`'s starts at a digit: a one-character class of ten, which the regex
#: engine skips to past the letters (`_date_starts`).
_DIGIT_START = re.compile(rf"[0-9](?<![\w/.-].){_AFTER_A_DIGIT}")
#: The months' first three letters, as the scan's label index finds them (`anchor_words`:
#: not after a letter): every date led by a month's name starts with one.
_MONTH_LEADS = context_regex(_MONTH3.split("|"))
_DATE_CONTEXT = context_regex([
    "dob", "d.o.b", "date of birth", "birth date", "birthdate", "birthday", "born", "b.",
    "admitted", "admission", "admit", "admit date", "discharged", "discharge",
    "discharge date", "died", "death", "date of death", "dod", "deceased", "expired",
    "passed away", "dos", "date of service", "service date", "visit", "visit date", "seen",
    "seen on", "surgery", "procedure", "operation", "operated", "encounter", "appointment",
    "appt", "follow-up", "follow up", "hospitalized", "hospitalised", "presented",
    "diagnosed", "diagnosis date", "onset", "last seen", "transferred", "delivered",
    "delivery", "vaccinated", "collected", "collection date", "test date", "exam date",
    "scan date", "injury", "accident", "enrolled", "consented", "randomized", "referral",
    "treated", "evaluated", "underwent", "hospitalization", "hospitalisation", "extubated",
    "intubated", "on",
])
# Words that make a text about a person, so every full date in it is that person's.
# Dates that bound a query or a series, or stamp a release, belong to no one.
_NOT_PERSONAL_WORDS = (
    "version", "release", "released", "build", "v", "copyright", "©", "updated",
    "last modified", "changelog", "since", "deprecated", "date_range", "to_datetime",
    "timestamp", "datetime", "start", "end", "start_date", "end_date", "from", "until",
    "before", "after", "between", "and", ">=", "<=", ">", "<", "==", "!=", "periods", "freq",
)
# A comparison makes a date a query bound even after a label (`visit_date >= "2020-01-01"`).
_COMPARISON_WORDS = (">=", "<=", ">", "<", "==", "!=")
_OPENING = r"[\s\"'(\[]*"  # blanks, quotes and brackets between the word and the date
_NOT_PERSONAL = re.compile(
    "(?:" + "|".join(map(re.escape, _NOT_PERSONAL_WORDS)) + rf"){_OPENING}[:=(,]?{_OPENING}$",
    re.IGNORECASE,
)
_COMPARISON = re.compile(
    "(?:" + "|".join(_COMPARISON_WORDS) + rf"|\bbetween){_OPENING}$", re.IGNORECASE)
# Both read backwards from the date, as `match` on the reversed text before it: one
# attempt instead of a search that tries every position of the forty characters (the
# forward patterns above say what is meant; tests hold the two readings equal).
_NOT_PERSONAL_BACKWARDS = re.compile(
    rf"{_OPENING}[:=(,]?{_OPENING}(?:"
    + "|".join(re.escape(word[::-1]) for word in _NOT_PERSONAL_WORDS) + ")",
    re.IGNORECASE,
)
_COMPARISON_BACKWARDS = re.compile(
    rf"{_OPENING}(?:" + "|".join(re.escape(word[::-1]) for word in _COMPARISON_WORDS)
    + r"|neewteb\b)",
    re.IGNORECASE,
)

_AGE = re.compile(
    r"(?=[\dAa])(?<![\w.])(?:"
    r"(?P<a>\d{2,3})[ \t-]*(?:years?|yrs?|y)[ \t-]*(?:of[ \t-]*age|old)"
    r"|(?P<b>\d{2,3})[ \t-]*(?:yo|y/o|y\.o\.|yrs?\.?|years?)(?![\w/])"
    r"|(?:age[ds]?|aged)[ \t]*(?:[:=][ \t]*|of[ \t]+|is[ \t]+)?(?P<c>\d{2,3})(?![\w.])"
    r"|(?P<d>\d{2,3})[ \t]*(?:-|–)?[ \t]*(?:year|yr)[ \t-]*old"
    r")",
    re.IGNORECASE,
)
#: Where an `_AGE` match can start, in the shape of a text without digits beyond ASCII
#: (`shapes.text_shape`: each ASCII digit a `9`, each ASCII letter and `_` an `a` or
#: `A`, `?` any character beyond ASCII): the first of two or three digits not after a
#: letter, a digit or a dot, then blanks or dashes (`–` is a `?`) and a letter (the `y`
#: of `years`, `yo`, `yr`, `year-old`). Led by the `9`, which the regex engine skips to
#: as `str.find` does; `_AGE` itself, led by a case-insensitive class, is tried at every
#: character. (Its `age` is found apart.)
_AGE_NUMBER_SHAPE = re.compile(rb"9(?<![aA9.]9)(?=99?(?!9)[ \t?-]*[aA])")


def _ages(text: str) -> Iterator[re.Match[str]]:
    """`_AGE.finditer(text)`, tried only where a match can start: at a number of
    `_AGE_NUMBER_SHAPE` or an `age` in any case."""
    if wide_digits(text):
        return _AGE.finditer(text)
    starts = [m.start() for m in _AGE_NUMBER_SHAPE.finditer(text_shape(text))]
    lowered = lowered_in_place_of(text)
    at = lowered.find("age")
    while at >= 0:
        starts.append(at)
        at = lowered.find("age", at + 1)
    return matches_at(_AGE, text, sorted(starts))


#: A month and day without a year, as notes write them (`seen 8/17`, `extubated 7/2`,
#: `6/30-7/2`), not inside a longer number, path, decimal, formula or a genotype's
#: fields (`1/1:58`).
_MONTH_DAY = re.compile(
    r"\d(?<![\w/.,:*+=^-]\d)\d?/\d\d?(?=-\d\d?/\d|(?![\w/-]|[.,:|]\d))")
#: The same matches from their slash, which the regex engine skips to: the month's one or
#: two digits are read behind it (`_MONTH_DAY` says what is meant; a test holds the two
#: readings equal).
_NOT_BEFORE_MONTH = r"[^\w/.,:*+=^-]"
_MONTH_DAY_FROM_SLASH = re.compile(
    rf"/(?=\d)(?:(?<={_NOT_BEFORE_MONTH}\d/)|(?<=^\d/)|(?<={_NOT_BEFORE_MONTH}\d\d/)"
    r"|(?<=^\d\d/))\d\d?(?=-\d\d?/\d|(?![\w/-]|[.,:|]\d))")
#: A setting, a measure, a count or a shift, not a day: a share, a counted noun, a
#: breathing-support mode or `shift` after it (`10/5 40%`, `10/5, 60%`, `3/4 of`, `7/19
#: patients`, `10/5 BiPAP`, `the 3/11 shift`), a breathing-support or pressure word
#: shortly before it (`PS 10/5`, `CPAP weaned to 5/5`), a setting's change (`decreased to
#: 8/5`), a card's expiry (`exp 04/27`) or a comparison.
_SETTING_AFTER = re.compile(r"[ \t]?%|,?[ \t]+(?:of[ \t]+)?\d+(?:\.\d+)?[ \t]?%"
                            r"|[ \t]*(?:shifts?|hrs?)\b|[ \t]+of\b"
                            r"|[ \t]+(?:bipap|cpap|peep|ps|psv|ips|ipap|epap)\b"
                            r"|[ \t]+(?:patients|pts|subjects|participants|cases|samples"
                            r"|bottles|responders)\b", re.IGNORECASE)
_SETTING_BEFORE = re.compile(
    r"(?:\b(?:ps|psv|peep|cpap|bipap|bi-pap|ips|ipap|epap|imv|simv|prvc|vent|a/c|ac|bp"
    r"|exp|expiry|expires|expiration|co/ci|ci|flowby|fick)"
    r"\b[^\n%]{0,18}|[<>=][ \t]*"
    r"|\b(?:weaned|decreased|increased|changed|titrated|turned)[ \t]+(?:back[ \t]+)?to[ \t]+)$",
    re.IGNORECASE)
#: Denominators of fractions and scores (`1/2`, `3/4`, pain `5/10`, strength `4/5`,
#: murmur `3/6`): a numerator no larger reads as a share, not a day.
_SHARE_DENOMINATORS = frozenset({2, 3, 4, 5, 6, 8, 10})


def _month_day_spans(text: str) -> Iterator[tuple[int, int]]:
    """The spans `_MONTH_DAY.finditer` gives, found from each slash."""
    for match in _MONTH_DAY_FROM_SLASH.finditer(text):
        slash = match.start()
        yield slash - (2 if slash >= 2 and text[slash - 2].isdigit() else 1), match.end()


#: A month named from now (`last July`, `this past March`, `next June`), its name
#: capitalised (`last march` is a walk) and no day or year after it (`last July 4`
#: is a partial date's).
_RELATIVE_MONTH = re.compile(
    r"\b(?i:last|next|this[ \t]+past|this[ \t]+coming)[ \t]+(?:"
    + "|".join(calendar.month_name[1:]) + r")\b(?![ \t]*\d)")


#: The words a `_RELATIVE_MONTH` match starts with, in any case.
_RELATIVE_LEADS = ("last", "next", "this")


def _relative_months(text: str) -> Iterator[re.Match[str]]:
    """`_RELATIVE_MONTH.finditer(text)`, tried only where `last`, `next` or `this` starts
    (the pattern, led by `\\b`, is otherwise tried at every character)."""
    starts = anchor_starts(text, lowered_in_place_of(text), _RELATIVE_LEADS)
    return (_RELATIVE_MONTH.finditer(text) if starts is None
            else matches_at(_RELATIVE_MONTH, text, starts))


#: A weekday right before a month and day makes it a day (`FRIDAY 9/17`, `Mon. 3/4`),
#: in any text.
_WEEKDAY_BEFORE = re.compile(
    r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?[ \t]+$",
    re.IGNORECASE)


#: A counter of a run, not a day: `Epoch 1/1`, `Step 7/12`, `Fold 4/5` (a training log).
_COUNTER_BEFORE = re.compile(
    r"\b(?:epoch|step|batch|fold|iteration|iter)s?[ \t]*:?[ \t]*$", re.IGNORECASE)


def _month_day(text: str, start: int, end: int) -> bool:
    """A month and a day, or a month and a two-digit year past any day (`fx 4/97`).
    A share's shape (`8/10`, `3/4`) is a day only beside another month and day of a
    range or a list (`8/2 - 8/10`, `on 3/4 and 3/9`) or right after a word that dates
    it, ending its clause (`a fall on 8/10.`)."""
    month, day = (int(part) for part in text[start:end].split("/"))
    if not (1 <= month <= 12 and 1 <= day <= 99):
        return False
    if day in _SHARE_DENOMINATORS and month <= day and not (
            _dated_share(text, start, end)):
        return False
    return not (_SETTING_AFTER.match(text, end)
                or (_SETTING_BEFORE.search(text, max(0, start - 26), start)
                    and not _DATING_VERB_BEFORE.search(text, max(0, start - 12), start))
                or _COUNTER_BEFORE.search(text, max(0, start - 12), start))


#: A month and day of a range or a list beside a share's shape (`8/2 - 8/10`, `3/4 and
#: 3/9`, `3/9, 3/4`): the other's numbers read as no share.
_MD = r"(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])"
_JOINED = r"(?:[ \t]*[-–][ \t]*|,[ \t]*|[ \t]+(?:and|or|to|thru|through|until)[ \t]+)"
_RANGE_AFTER = re.compile(rf"{_JOINED}({_MD})(?![\w/]|[.,:]\d)", re.IGNORECASE)
_RANGE_BEFORE = re.compile(rf"(?<![\w/.,:*+=^-])({_MD}){_JOINED}$", re.IGNORECASE)
#: A word that dates what follows, the day then ending its clause (`a fall on 8/10.`,
#: `since 3/4, afebrile`), not a measure (`on 1/2 NS`, `from 1/2 to 3/4 strength`).
_DATING_WORD_BEFORE = re.compile(r"\b(?:on|since|until|till)[ \t]+$", re.IGNORECASE)
_CLAUSE_ENDS = re.compile(r"[ \t]*(?:[.;,)\n]|$|(?:and|at)\b|@)", re.IGNORECASE)
#: An act done on a day, right before it: a setting word further back (`vent via trach,
#: placed 8/14`) names what was placed, not the day's numbers.
_DATING_VERB_BEFORE = re.compile(
    r"\b(?:placed|inserted|started|removed|pulled|dated|drawn|sent|since)[ \t]*$",
    re.IGNORECASE)


def _no_share(month_day: str) -> bool:
    month, day = (int(part) for part in month_day.split("/"))
    return not (day in _SHARE_DENOMINATORS and month <= day)


def _dated_share(text: str, start: int, end: int) -> bool:
    """Whether a share's shape at text[start:end] is a day: listed with another month
    and day that is no share, or dated by the word before it and ending its clause."""
    after = _RANGE_AFTER.match(text, end)
    if after is not None and _no_share(after.group(1)):
        return True
    before = _RANGE_BEFORE.search(text, max(0, start - 16), start)
    if before is not None and _no_share(before.group(1)):
        return True
    return bool(_DATING_WORD_BEFORE.search(text, max(0, start - 8), start)
                and _CLAUSE_ENDS.match(text, end))


def _date_starts(text: str, lowered: str) -> list[int]:
    """The starts of `_DATE_START.finditer(text)` where a date can begin (`lowered`: the
    text's `str.lower()`): its digits, and the month names' first letters where the
    scan's label index found `_MONTH_LEADS` (not at each `a`, `s`, `o`, `n` or `d` that
    starts a word: `Sun 3` is no date). The starts dropped are where `_DATE_START` reads
    an initial and two letters of different months (`Dan`, `Sul`), which no date
    pattern matches. Outside a scan, or where `str.find` does not read the text as a
    case-insensitive regex does (`finds_as_regex_does`), every start of `_DATE_START`."""
    months = label_starts_of(text, _MONTH_LEADS)
    if months is None or not finds_as_regex_does(text, lowered):
        return [m.start() for m in _DATE_START.finditer(text)]
    starts = [m.start() for m in _DIGIT_START.finditer(text)]
    if months:
        lead = _DATE_START.match
        starts.extend(at for at in months if lead(text, at))
        starts.sort()
    return starts


def _date_labels(text: str, lowered: str) -> Iterator[re.Match[str]]:
    """`_DATE_CONTEXT.finditer(text, lowered=lowered)`: tried only where the scan's label
    index found a label's first word (`anchor_words`), not at every `on` `str.find` finds
    (`only`, `long`, `person` ...), when `text` is the scanned text."""
    starts = label_starts_of(text, _DATE_CONTEXT)
    if starts is None:
        return _DATE_CONTEXT.finditer(text, lowered=lowered)
    return matches_at(_DATE_CONTEXT.pattern, lowered, starts)


class DateRecognizer:
    name = "pattern:date"
    entities = ("DATE",)
    #: The labels the engine's label index finds for this reader (`ScanView`).
    anchor_words = (_DATE_CONTEXT, _MONTH_LEADS)

    def find(self, text: str) -> Iterator[Finding]:
        """The dates a rule ties to someone, then the dates held back (written for
        people, bound to no query or release, but tied by no rule) near one of them: a
        note or a case that dates a person's story dates all of it (`admitted 9/28 ...
        cultures from the line 10/1`, `In January 1991 the applicant ... renewed in
        January 1995 until January 1997`). A day or a whole date (not a month of a year,
        which may be a cohort's) is released by a patient's text around it as well
        (`TLC from 7/17/97` far into a note, past the 300 characters a date reads)."""
        held: list[tuple[int, int, int]] = []  # (start, end, how it is held)
        found: list[tuple[int, int]] = []
        patients = _PatientWindows(text)
        for finding in self._tied(text, held, patients):
            found.append((finding.start, finding.end))
            yield finding
        if found:
            held.extend((start, end, _NEAR_A_TIED_DATE) for start, end in _glued_dates(text))
        if not held:
            return
        tied = _Spans(found)
        in_a_note: dict[tuple[int, int], bool] = {}  # (a short text's windows are one)

        def a_patients_text(start: int, end: int) -> bool:
            window = (max(0, start - _DATED_REACH), min(len(text), end + _DATED_REACH))
            if window not in in_a_note:
                in_a_note[window] = patients(*window)
            return in_a_note[window]

        spans = [(_listed_from(text, start) if how & _LISTS else start, end, how & ~_LISTS)
                 for start, end, how in held]
        released = -1  # the furthest end of a date released: a day of a list held with
        # its year's date is not held again (spans come by their starts)
        for start, end, how in sorted(spans, key=lambda span: (span[0], -span[1])):
            if text[start:start + 4].isdigit() or tied.meets(start, end) or released > start:
                continue  # a machine's date (`_written_for_people`), or one found
            if (tied.meets(start - _DATED_REACH, end + _DATED_REACH) or (
                    how == _IN_A_NOTE and a_patients_text(start, end))
                    ) and _written_for_people(text, start):
                released = max(released, end)
                yield Finding(start, end, "DATE", "phi", 0.55, self.name)

    def _tied(self, text: str, held: list[tuple[int, int, int]],
              patients: _PatientWindows) -> Iterator[Finding]:
        """The dates a label, a patient's text or a story ties to someone; dates that
        may be the same person's go to `held`, with how they are held."""
        lowered = lowered_of(text)
        starts = _date_starts(text, lowered)
        full_dates: list[tuple[int, int]] = []
        listed_dates: list[tuple[int, int]] = []  # found, with the days listed before them
        for match in matches_at(_FULL_DATE, text, starts):
            start = match.start()
            full_dates.append(match.span())
            score, held_as = self._full_date_score(text, match, patients)
            if score is not None:
                listed = _listed_from(text, start)  # the days of its year listed before it
                if listed < start:
                    listed_dates.append((listed, match.end()))
                yield Finding(listed, match.end(), "DATE", "phi", score, self.name)
            elif held_as != _NOT_HELD:
                held.append((start, match.end(), held_as | _LISTS))
        # A month and day (`8/17`) in text about a person; a share, a score or a
        # setting is none (`_month_day`).
        for start, end in _month_day_spans(text):
            if not _month_day(text, start, end):
                continue
            if _WEEKDAY_BEFORE.search(text, max(0, start - 12), start) or (
                    patients(max(0, start - 300), end + 300)):
                if not credit_line(text, start):
                    yield Finding(start, end, "DATE", "phi", 0.6, self.name)
            else:
                held.append((start, end, _IN_A_NOTE))
        # A month named from the visit's time (`seen last July`, `due next March`): a
        # month of the patient's care as much as `in July 2023` is.
        if "last " in lowered or "next " in lowered or "past " in lowered:
            for match in _relative_months(text):
                start, end = match.span()
                if patients(max(0, start - 300), end + 300):
                    yield Finding(start, end, "DATE", "phi", 0.6, self.name)
                else:
                    held.append((start, end, _NEAR_A_TIED_DATE))
        # A partial date needs its label: read only the 30 characters after each label,
        # and look for labels only when a partial date's shape starts somewhere.
        if not any(_PARTIAL_SHAPE.match(text, start) for start in starts):
            return
        labelled_partials: set[int] = set()
        fulls, lists = _Spans(full_dates), _Spans(listed_dates)
        for label in _date_labels(text, lowered):
            for match in _PARTIAL_DATE.finditer(text, label.end(),
                                                min(len(text), label.end() + 45)):
                if match.start() - label.end() > 30:
                    continue
                # a bare `on` ties a partial date as it does a full one: only in text
                # about a person (`Notes on Quantum Computing. Apr. 2000` is a citation),
                # and only the date right after it (`on insulin since May 2021` is no
                # date of `on`), not after a release word (`released on May 2`)
                if label.group().strip().lower() in _BARE_WORDS and (
                        text[label.end():match.start()].strip(" \t")
                        or _NOT_PERSONAL_BACKWARDS.match(
                            text[max(0, label.start() - 40):label.start()][::-1])
                        or credit_line(
                            text, match.start()) or not patients(
                            max(0, match.start() - 300), match.end() + 300)):
                    continue
                if lists.holds(*match.span()) or fulls.meets(*match.span()):
                    continue  # a day of a list already found with its year's date, or
                    # the month and year of a full date (`admitted 14 March 2019`)
                labelled_partials.add(match.start())
                yield Finding(match.start(), match.end(), "DATE", "phi", 0.7, self.name)
        # A month of a year, or a day of a month, that a story about someone tells (`In
        # June 1995 the applicant moved`), written with the month's name.
        for match in matches_at(_PARTIAL_DATE, text, starts):
            start, end = match.span()
            if (start in labelled_partials or not _capitalised_month(match.group())
                    or fulls.meets(start, end) or lists.holds(start, end)):
                continue
            bound = _NOT_PERSONAL_BACKWARDS.match(text[max(0, start - 40):start][::-1])
            if bound is not None and not _connective(bound):
                continue
            if _in_a_story(text, start, end, whole=False):
                # with the months listed before it (`February and March 2001`)
                yield Finding(_listed_from(text, start), end, "DATE", "phi", 0.62, self.name)
            elif not (match.group()[-4:].isdigit() or _MAY_BE_A_VERB.match(
                    text, start, end + 3)) and patients(
                    max(0, start - 300), end + 300):
                if not _written_for_people(text, start):
                    continue
                # a day of a month in a patient's text, as `8/17` is (`stated it was
                # July 29th`); a month of a year there may be a cohort's (`enrolled
                # from June 2019`)
                yield Finding(_listed_from(text, start), end, "DATE", "phi", 0.6, self.name)
            else:
                held.append((start, end, _NEAR_A_TIED_DATE | _LISTS))


    def _full_date_score(self, text: str, match: re.Match[str],
                         patients: _PatientWindows) -> tuple[float | None, int]:
        """How surely the full date `match` is a person's (None when no rule says so),
        and how, tied to no one, it is held (`find` releases only dates written for
        people: no machine's `2004-05-03`, no stamp, no credit)."""
        start = match.start()
        before = text[max(0, start - 40):start]
        backwards = before[::-1]
        if text.startswith("%", match.end()):
            return None, _NOT_HELD  # `settings 10/5/40%`: three settings, the last a share
        labelled = _labelled(before)
        bound = _COMPARISON_BACKWARDS.match(backwards) or (
            None if labelled else _NOT_PERSONAL_BACKWARDS.match(backwards))
        if bound is not None:
            # a bound of a query or a series, unless a story tells it of someone
            # (`held from 3 May 2004 until 9 June 2005`, `on 2 May and 4 June 2001`)
            if _connective(bound) and _in_a_story(text, start, match.end()):
                return 0.65, _NOT_HELD
            if not _connective(bound) or _COMPARISON_BACKWARDS.match(backwards):
                return None, _NOT_HELD
            # `lines in since 3/12/2022`, `TLC from 7/17/97`: one person's state from a
            # day on; a range's bounds (`between`, `after`, `from ... to`) may be a
            # query's and wait for a date tied to someone
            return None, (_IN_A_NOTE if _bound_word(bound) in _STATE_FROM and not (
                _RANGE_GOES_ON.match(text, match.end())) else _NEAR_A_TIED_DATE)
        # A date is a person's when labelled, or when its neighbourhood is about one,
        # or when a story about someone tells it.
        if (labelled or patients(max(0, start - 300), match.end() + 300)
                ) and not credit_line(text, start):
            return (0.85 if labelled else 0.7), _NOT_HELD
        if _in_a_story(text, start, match.end()):
            return 0.65, _NOT_HELD
        return None, _IN_A_NOTE

#: A day of a month, or a month, listed right before a full date, whose year it shares
#: (`30 May, 10 July and 17 October 1997`, `between 1 March and 31 December 1998`,
#: `February and March 2001`): the month's name capitalised, as a list of dates writes it.
_LISTED_BEFORE = re.compile(
    rf"(?<![\w/.-])(?:{_DAY}[ \t]+)?(?-i:{_MONTH})"
    r"(?:,[ \t]*|,?[ \t]+(?:and|to|or)[ \t]+|[ \t]*[-–][ \t]*)$")


#: A month and day, or a whole date, glued to the word before it as notes type them
#: (`s/p fx4/97`, `labs on10/14/82`, `CABG7/2019`), found from its first slash: the word
#: two letters or more (`C6/7`, `L4/5` are spine levels).
_GLUED = re.compile(
    r"/(?:(?<=[A-Za-z]{2}\d/)|(?<=[A-Za-z]{2}\d\d/))(?:\d\d?(?:/\d\d(?:\d\d)?)?|(?:19|20)\d\d)"
    r"(?![\w/-]|[.,:|]\d)")
_GLUED_WORD = re.compile(r"[A-Za-z]+$")


def _glued_dates(text: str) -> Iterator[tuple[int, int]]:
    """Month-day dates, whole dates and months of a year glued to a word that names no
    setting (`PS10/5`, `IPAP12/6` stay settings); a text holds them back, as its other
    dates no rule tied to someone."""
    if "/" not in text:
        return
    for match in _GLUED.finditer(text):
        slash = match.start()
        start = slash - (2 if text[slash - 2].isdigit() else 1)
        parts = [int(part) for part in text[start:match.end()].split("/")]
        word = _GLUED_WORD.search(text, max(0, start - 12), start)
        if word is None or not 1 <= parts[0] <= 12 or _SETTING_BEFORE.search(
                word.group() + " "):
            continue
        if len(parts) == 3 and not 1 <= parts[1] <= 31:
            continue
        if len(parts) == 2 and parts[1] < 100 and not _month_day(text, start, match.end()):
            continue
        yield start, match.end()


#: `May` and a count before a word (`May 5 units be given?`): a verb, not a day.
_MAY_BE_A_VERB = re.compile(r"May[ \t]+\d+[ \t]+[a-z]")

#: How far from a date tied to someone a date held back is still theirs.
_DATED_REACH = 1500


def _written_for_people(text: str, start: int) -> bool:
    """Whether the date at `start` is written for people: no machine's `2004-05-03`, no
    document's stamp right before it (`Updated on`), no credit or reference line."""
    return not (text[start:start + 4].isdigit()
                or STAMP_BEFORE.search(text, max(0, start - 40), start)
                or credit_line(text, start))


class _Spans:
    """Spans (start, end) sorted by their starts, each with the furthest end of those up
    to it: whether one meets or holds a span is a bisection, not a pass over all (a date
    column held 1,000 dates and compared each with every date found)."""

    __slots__ = ("starts", "furthest")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.furthest = list(accumulate((end for _, end in ordered), max))

    def meets(self, start: int, end: int) -> bool:
        """Whether a span overlaps text[start:end] (`low < end and start < high`)."""
        index = bisect_left(self.starts, end)
        return index > 0 and self.furthest[index - 1] > start

    def holds(self, start: int, end: int) -> bool:
        """Whether text[start:end] lies within a span (`low <= start and end <= high`)."""
        index = bisect_right(self.starts, start)
        return index > 0 and self.furthest[index - 1] >= end


#: Characters of windows asked about one text, as a share of its length, past which its
#: patient's words are found once for all its windows (`patient_marks`): a note asks a
#: few windows, a column of dates one around each date.
_MARKS_AFTER = 4


class _PatientWindows:
    """`about_a_patient` of windows of one text, as the date reader asks it around each
    date: searched in each window, until the windows asked add up to `_MARKS_AFTER`
    times the text; then answered from the text's `patient_marks`, found once."""

    __slots__ = ("text", "usable", "asked", "marks")

    def __init__(self, text: str) -> None:
        lowered = lowered_of(text)
        self.text = text
        self.usable = lowered if finds_as_regex_does(text, lowered) else None
        self.asked = 0
        self.marks: PatientMarks | None = None

    def __call__(self, start: int, end: int) -> bool:
        text = self.text
        if self.marks is None and self.usable is not None:
            self.asked += min(end, len(text)) - start
            if self.asked > _MARKS_AFTER * len(text):
                self.marks = patient_marks(text)
        if self.marks is not None:
            return self.marks.about(start, end)
        return about_a_patient(text, start, end, self.usable)


def _listed_from(text: str, start: int) -> int:
    """Where the list of days or months of one year before the full date at `start`
    begins (`start` when none is listed)."""
    while (listed := _LISTED_BEFORE.search(text, max(0, start - 24), start)) is not None:
        start = listed.start()
    return start


def is_full_date(value: str) -> bool:
    """Whether `value` is a whole date with its day, month and year (`2021-03-04`)."""
    return _FULL_DATE.fullmatch(value) is not None


def _capitalised_month(date: str) -> bool:
    """`June 1995`, `3 May`, not `may 3` (a verb and a count) nor `3/1995` (a share)."""
    month = date.lstrip("0123456789 \t").removeprefix("of").lstrip(" \t")
    return month[:1].isupper() and month[:1].isalpha()


def _labelled(before: str) -> bool:
    """A label ties the date to someone; a bare `on` (`launched on January 28, 1986`,
    `downloaded on 6/12/2016`) does not, so such a date counts only in text about a
    person, and never on a bibliography or credit line."""
    lowered = before.lower()
    # The forty characters are read with one search: `ContextWords.finditer`'s needle
    # and first-word look-ups cost more than they save on so short a window.
    pattern, subject = ((_DATE_CONTEXT.pattern, lowered)
                        if finds_as_regex_does(before, lowered)
                        else (_DATE_CONTEXT.anycase, before))
    return any(m.group().strip().lower() not in _BARE_WORDS
               for m in pattern.finditer(subject))


#: Words that bound a span of time in a sentence as well as in a query: after them a
#: date in a story about someone is still that person's.
_CONNECTIVES = frozenset({"and", "from", "until", "since", "before", "after", "between"})


def _bound_word(bound: re.Match[str]) -> str:
    """The word a backwards match of `_NOT_PERSONAL_BACKWARDS` read (`between`)."""
    return bound.group()[::-1].strip(" \t\n\"'([:=,").lower()


def _connective(bound: re.Match[str]) -> bool:
    """Whether a backwards match of `_NOT_PERSONAL_BACKWARDS` or `_COMPARISON_BACKWARDS`
    read a connective of prose (`between`, `and`) rather than code or a release word."""
    return _bound_word(bound) in _CONNECTIVES


#: Connectives of one person's state from a day on (`on warfarin since 3/12/2022`).
_STATE_FROM = frozenset({"since", "from"})
#: A range that goes on past its first bound (`from 1/1/2019 to 12/31/2019`).
_RANGE_GOES_ON = re.compile(r"[ \t]*(?:to|until|till|through|thru|and|[-–])[ \t]*\d",
                            re.IGNORECASE)
#: How a date tied to no one is held: not at all, until a date tied to someone stands
#: near it, or also when a patient's text is around it (`_DATED_REACH` either way).
_NOT_HELD, _NEAR_A_TIED_DATE, _IN_A_NOTE = 0, 1, 2
#: Added to how a date with a month's name is held: it is released with the days or
#: months listed before it (`1 March and 31 December 1998`).
_LISTS = 4


def _in_a_story(text: str, start: int, end: int, whole: bool = True) -> bool:
    """A date written for people (`3 May 2004`, `03/05/2004`, not a machine's
    `2004-05-03`) in prose about a person (`whole`: with its day, month and year), or
    dating a step of someone's case (`On 3 May 2004 the court dismissed the appeal`)."""
    return not text[start:start + 4].isdigit() and (
        in_a_persons_story(text, start, end, whole) or a_step_of_a_case(text, start, end))


#: A preposition that ties only the date right after it, and only in text about a
#: patient (`seen on 3 May`). A bare `in` does not: `data freeze in March 2019` in a
#: cohort's description is no one's date.
_BARE_WORDS = ("on",)


#: Words before a bare `N years` that make it a span of time.
_DURATION_BEFORE = re.compile(
    r"\b(?:over|past|last|next|within|than|every|per|in|for|after|before|about|nearly|"
    r"almost|around|some|least)[ \t]+$", re.IGNORECASE)


class AgeRecognizer:
    """Ages of 90 and over; HIPAA lets 89 and under stand."""

    name = "pattern:age"
    entities = ("AGE",)

    def find(self, text: str) -> Iterator[Finding]:
        for match in _ages(text):
            group = next(g for g in "abcd" if match.group(g))
            if group == "b" and match.group().lower().rstrip(". ").endswith(
                    ("years", "year", "yrs", "yr")) and _DURATION_BEFORE.search(
                    text, max(0, match.start() - 12), match.start()):
                continue  # `in just over 100 years`: a span of time; `95 y/o` an age
            if 90 <= int(match.group(group)) <= 125:
                yield Finding(match.start(), match.end(), "AGE", "phi", 0.85, self.name)


DATE_RECOGNIZERS = (DateRecognizer(), AgeRecognizer())
