"""Dates told in a story about a person are that person's; a document's, a release's, a
log's or history's dates are no one's."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.dates import DateRecognizer
from jupyter_safeai.scan.narrative import in_a_persons_story
from tests.scan.found_text import texts_of

_dates = texts_of(DateRecognizer().find)


@pytest.mark.parametrize(("text", "dates"), [
    # a party to a case, and an event in the date's sentence
    ("On 12 March 2003 the claimant was detained at a police station in Leeds.",
     ["12 March 2003"]),
    ("The defendant lodged an appeal on 4 November 2011.", ["4 November 2011"]),
    # a titled name, the date after it
    ("The complaint was brought by Mrs Alda Quenby on 19 August 2009.", ["19 August 2009"]),
    # a relative, and a pronoun for the person told about
    ("Her brother moved to Glasgow on 9 October 2011 and she visited him on 2 December 2011.",
     ["9 October 2011", "2 December 2011"]),
    # month first, and a numeric day/month/year
    ("His wife was taken to the county hospital on June 3, 2016.", ["June 3, 2016"]),
    ("He was questioned by the inspector on 21/04/2015.", ["21/04/2015"]),
    # the person in the paragraph, the event in the date's own sentence
    ("The applicant ran a small bakery in the old town.\nOn 2 May 2007 the tax office "
     "seized the shop's equipment.", ["2 May 2007"]),
    # both bounds of a span of someone's life
    ("The defendant was held on remand from 1 June 2006 until 30 September 2007.",
     ["1 June 2006", "30 September 2007"]),
    # set free, not a release
    ("The applicant was released on 14 February 2001 pending trial.", ["14 February 2001"]),
    # a month of a year in the same story
    ("In February 1994 the applicant emigrated to Canada with his parents.",
     ["February 1994"]),
    # an abbreviation's stop does not end the sentence (`no.`, `Mr.`)
    ("The matter was filed under no. 77 by Mr. Okafor (the petitioner) on 5 July 2018.",
     ["5 July 2018"]),
])
def test_a_date_in_a_persons_story_is_theirs(text: str, dates: list[str]) -> None:
    assert _dates(text) == dates


@pytest.mark.parametrize("text", [
    # a release note, a changelog, a README's stamp
    "Released on 3 March 2021, version 2.4 adds support for Arrow tables.",
    "Version 2.4 was released on 3 March 2021; he wrote most of it.",
    "## Changelog\n- 4 May 2022: fixed the parser, he said the tests passed\n",
    "Last updated: 5 January 2024. She maintains the examples in this folder.",
    "Updated on 12 August 2020 by the docs team; he reviewed the wording.",
    # history: an event with no person told about
    "On 14 July 1789 the Bastille was stormed by a crowd in Paris.",
    "On 4 July 1776 the Declaration of Independence was adopted by the Congress.",
    # news about an institution
    "On 9 November 2020 the central bank raised its interest rate by half a point.",
    # a log line, its timestamp in a machine's form
    "2021-03-04 12:00:01 INFO he logged in and the job was started",
    # a dataset's description
    "The survey was fielded on 2 February 2019 and the results were published later.",
    # a person, but no event told in the date's sentence (a bound of a query)
    "He filters the rows where visit_date >= 01/02/2020 in the next cell.",
    # a citation line
    "Okafor, J. et al. (2018). She reported it in Journal of Rare Cases, 3 May 2018.",
    # a year alone is no one's date
    "The applicant was born in 1962 and moved to Izmir in 1990.",
])
def test_dates_with_no_story_about_someone_stay_quiet(text: str) -> None:
    assert _dates(text) == []


def test_the_person_must_be_in_the_same_paragraph() -> None:
    text = ("The applicant worked as a driver.\n\nOn 3 March 2010 the ministry "
            "issued new rules for all taxi firms.")
    start = text.index("3 March")
    assert not in_a_persons_story(text, start, start + len("3 March 2010"))


def test_a_plural_cohort_is_not_a_person() -> None:
    text = "On 3 March 2010 the patients were moved to the new ward."
    start = text.index("3 March")
    assert not in_a_persons_story(text, start, start + len("3 March 2010"))


def test_a_month_of_a_year_needs_its_person_in_its_own_sentence() -> None:
    text = "The applicant sold his shop that year.\nIn March 2019 the council adopted a plan."
    assert _dates(text) == []
    assert _dates("In March 2019 the applicant lodged a complaint.") == ["March 2019"]


@pytest.mark.parametrize(("text", "date"), [
    ("In September 2011 the claimant turned 70 and retired.", "September 2011"),
    ("The claimant was interviewed by two officers in February 2004.", "February 2004"),
    ("On 5 May 2010 Mr Ö. Demirtaş was questioned at his home.", "5 May 2010"),
])
def test_a_month_of_a_year_in_a_sentence_about_someone_told_in_the_past(
        text: str, date: str) -> None:
    assert date in _dates(text)


@pytest.mark.parametrize("text", [
    "In September 2011 the library dropped support for Python 2.",  # no person
    "The dataset covers January 2010 to March 2012.",
])
def test_a_month_of_a_year_without_a_person_stays_quiet(text: str) -> None:
    assert not _dates(text)


@pytest.mark.parametrize("text", [
    "We thank Mrs Ilse Brandt for comments; the scale was revised in June 2015.",
    "As Dr. Varga showed, the index was rebuilt in October 2009.",
    "Prof. Nakamura et al. revised the scale in April 2004.",
    "The tutorial was written by Dr. Okoye and revised in May 2021.",
])
def test_a_month_of_a_year_near_a_credited_or_cited_name_stays_quiet(text: str) -> None:
    assert not _dates(text)


@pytest.mark.parametrize(("text", "date"), [
    ("Ms Halvorsen (1958) was detained in May 2004.", "May 2004"),  # a birth year
    ("The guard, according to Ms Halvorsen, was arrested in May 2004.", "May 2004"),
])
def test_a_month_of_a_year_of_a_party_a_citation_could_hide(text: str, date: str) -> None:
    assert date in _dates(text)


def test_a_complaint_lodged_by_a_titled_party_is_told_of_them() -> None:
    text = ("A revised version of the claim was lodged with the board by a retired farmer, "
            "Mrs Dilan Aksoy, on 3 February 2002.")
    assert _dates(text) == ["3 February 2002"]
