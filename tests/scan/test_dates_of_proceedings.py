"""A date that a court's or an office's account gives a step of a case is the person's
whose case it is, though the paragraph does not name them; a law's, a document's or
history's dates are no one's."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.dates import DateRecognizer
from jupyter_safeai.scan.proceedings import a_step_of_a_case


def _dates(text: str) -> list[str]:
    return [text[f.start:f.end] for f in DateRecognizer().find(text)]


def _outer(text: str) -> list[str]:
    """The dates found, without those inside another (a partial date read again)."""
    spans = {(f.start, f.end) for f in DateRecognizer().find(text)}
    return [text[a:b] for a, b in sorted(spans)
            if not any(c <= a and b <= d and (c, d) != (a, b) for c, d in spans)]


@pytest.mark.parametrize(("text", "dates"), [
    # a court did something, no party named in the paragraph
    ("On 14 February 2006 the Lyon Court of Appeal dismissed the second appeal.",
     ["14 February 2006"]),
    ("By a judgment of 3 June 1997 the tribunal awarded costs.", ["3 June 1997"]),
    # an act of a case and an event in the past
    ("A further hearing was held on 22 September 2010.", ["22 September 2010"]),
    ("The petition was formally lodged in August 1996.", ["August 1996"]),
    ("On 9 April 2013 the case was assigned to the Fifth Section.", ["9 April 2013"]),
    # several steps in one sentence
    ("On 5 March 2002, 8 May 2002 and 1 July 2002 further hearings were held.",
     ["5 March 2002", "8 May 2002", "1 July 2002"]),
    # a bound of a step, after `and`
    ("The proceedings were stayed between 2 January 2003 and 6 October 2004.",
     ["2 January 2003", "6 October 2004"]),
    # a numbered chamber
    ("On 11 May 2009 the 3rd Chamber quashed the decision.", ["11 May 2009"]),
])
def test_a_step_of_a_case_is_dated_for_its_person(text: str, dates: list[str]) -> None:
    assert _dates(text) == dates


@pytest.mark.parametrize("text", [
    # history, news, a release: no body or act of a case
    "On 14 July 1789 the Bastille was stormed by a crowd in Paris.",
    "On 9 November 2020 the central bank raised its interest rate by half a point.",
    "Version 3.1 was released on 3 March 2021 with a new parser.",
    # a case of a study, a test case or a trial of a method, no event told
    "In this case the series starts on 1 January 2020 and ends on 31 March 2020.",
    # the document's stamp, even with a step word
    "Updated on 12 August 2020: the appeal form moved to a new page.",
    # a law's entry into force, and a state `as of` a date
    "The application was sent to the court on 1 May 2004, when the new Code came "
    "into force.",
    "As of 1 March 2008 the court sat in three chambers.",
    # a machine's date, a court named beside it
    "2019-05-03 court_id=12 status=dismissed",
    # a year alone is no date
    "In 1998 the court dismissed the appeal.",
])
def test_no_step_of_a_case_no_date(text: str) -> None:
    assert _dates(text) == []


def test_a_step_needs_its_event_in_the_dates_sentence() -> None:
    text = "The court is in Leeds. On 4 May 2010 it rained all day."
    at = text.index("4 May")
    assert not a_step_of_a_case(text, at, at + len("4 May 2010"))
    told = "On 4 May 2010 the court in Leeds heard the witnesses."
    assert a_step_of_a_case(told, 3, 3 + len("4 May 2010"))


@pytest.mark.parametrize(("text", "dates"), [
    # days of one year listed before its full date share its year
    ("The court held hearings on 6 April, 19 June and 2 November 2004.",
     ["6 April, 19 June and 2 November 2004"]),
    ("On 15 January and 28 February 2010 the tribunal adjourned the hearing.",
     ["15 January and 28 February 2010"]),
    ("The applicant was detained from 3 May - 9 June 2004.", ["3 May - 9 June 2004"]),
    ("The patient was admitted on 2 March or 5 March 2019.", ["2 March or 5 March 2019"]),
])
def test_a_list_of_days_shares_its_years_date(text: str, dates: list[str]) -> None:
    assert _outer(text) == dates


@pytest.mark.parametrize(("text", "dates"), [
    # a month's name in lower case is a word (`may`), a year ends no list
    ("The patient said she may, 3 May 2004 or later, be admitted.", ["3 May 2004"]),
    ("On 7 February 1995, 4 April 1995 and 16 May 1995 further hearings were held.",
     ["7 February 1995", "4 April 1995", "16 May 1995"]),
])
def test_a_list_reaches_no_further_than_its_days(text: str, dates: list[str]) -> None:
    assert _outer(text) == dates
