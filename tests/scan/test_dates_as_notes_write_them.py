"""Dates as notes and case files write them: a share's shape that a range, a list or a
dating word makes a day, a day placed after a setting word, and the dates a text holds
back until one of its dates is tied to someone (a note or a case dates all of a
person's story). Fractions, scores, settings, doses, pressures, machine dates, query
bounds and stamps stay quiet."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.dates import DateRecognizer
from tests.scan.found_text import texts_of

_dates = texts_of(DateRecognizer().find)


@pytest.mark.parametrize(("text", "dates"), [
    # a range or a list with a month and day that is no share
    ("S/P MVR. Cefazolin given 7/3 - 7/10, now off abx.", ["7/3", "7/10"]),
    ("pt s/p TKA seen on 4/5 and 4/11 for wound checks", ["4/5", "4/11"]),
    ("PMH: DM2. Dressing changed 6/13, 6/5, 6/8.", ["6/13", "6/5", "6/8"]),
    # a dating word right before, the day ending its clause
    ("72 yo s/p syncope on 9/10. Now alert.", ["9/10"]),
    ("hx of afib, anticoagulated since 2/3; INR today 2.4", ["2/3"]),
])
def test_a_shares_shape_in_a_range_or_after_a_dating_word_is_a_day(
        text: str, dates: list[str]) -> None:
    assert _dates(text) == dates


@pytest.mark.parametrize("text", [
    # scores, fractions, settings, doses, pressures in a patient's note
    "s/p lap chole, pain 8/10 at rest, 6/10 with movement",
    "pt s/p CVA, strength 4/5 RUE and 5/5 LUE",
    "hx CHF, on 1/2 NS at 75cc/hr; TF at 3/4 strength",
    "s/p fall, took 1/2 and 3/4 of meals",
    "pt s/p MI: BP 120/80 - 130/85, HR 70s",
    "s/p ORIF, Percocet 5/325 1-2 tabs q4h prn, pain 5/10",
    "pt s/p sepsis, weaned to PS 10/5 on vent, tolerating",
    "pt s/p CABG, line open 24/7 for the family",
    "s/p knee scope: reading pages 3/4 of the handout on 1/2 strength feeds",
])
def test_shares_scores_and_settings_stay_quiet(text: str) -> None:
    assert _dates(text) == []


def test_a_day_placed_after_a_setting_word_is_a_day() -> None:
    text = "RESP: remains on vent via trach(placed 6/19) AC 600 x 12, PEEP 5. SUCTIONED."
    assert _dates(text) == ["6/19"]


# Two hundred characters and more with no word of care, a record or a story in them.
_FILLER = ("Lungs coarse at the bases, sats in the high nineties on two liters by nasal "
           "cannula. Tolerated the clear liquids well and no nausea reported. Skin warm, "
           "dry and intact. Output adequate via the bedside drainage bag over the shift. "
           "Labs pending this morning, will follow up with the team as needed. ")


def test_a_dated_note_dates_its_other_days() -> None:
    text = ("CCU NOTE: 61 yo admitted 4/27 s/p bronchoscopy. " + _FILLER * 2
            + "Cultures from the central line 5/2 grew GPC.")
    assert _dates(text) == ["4/27", "5/2"]


def test_a_note_with_no_tied_date_holds_its_days_back() -> None:
    text = _FILLER * 2 + "Cultures from the central line 5/2 grew GPC."
    assert _dates(text) == []


def test_a_held_date_counts_only_near_a_tied_one() -> None:
    text = ("CCU NOTE: 61 yo admitted 4/27 s/p bronchoscopy. " + _FILLER * 7
            + "Cultures from the central line 5/2 grew GPC.")
    assert _dates(text) == ["4/27"]


@pytest.mark.parametrize(("text", "dates"), [
    # a story's other months, in a sentence that names no one
    ("In March 1990 the applicant was issued a residence permit. The permit was renewed "
     "every year, the last time in October 1996 until October 1998.",
     ["March 1990", "October 1996", "October 1998"]),
    # a full date bound by a connective, in a case that dates a party's steps
    ("The claimant was arrested on 2 June 2004. The second period ran from 3 June 2004 to "
     "12 August 2005.", ["2 June 2004", "3 June 2004", "12 August 2005"]),
    # months of one year listed before it
    ("In April and May 2006 the applicant wrote to the prosecutor twice.",
     ["April and May 2006"]),
])
def test_a_dated_story_dates_its_other_days(text: str, dates: list[str]) -> None:
    assert _dates(text) == dates


@pytest.mark.parametrize(("text", "dates"), [
    # a machine's date and a query bound stay the code's, a stamp the document's
    ("Patient DOB 03/14/1958.\nrecent = df[df.visit_date >= '2021-01-01']\n"
     "days = pd.date_range(start='2020-02-01', periods=30)", ["03/14/1958"]),
    ("Patient admitted 14 March 2019.\nsee the release notes; v2.1 released 9 May 2021",
     ["14 March 2019"]),
    # no date tied to anyone: nothing is released
    ("The permit scheme was renewed every year, the last time in October 1996 until "
     "October 1998.", []),
])
def test_held_dates_leave_code_stamps_and_undated_texts_alone(
        text: str, dates: list[str]) -> None:
    assert _dates(text) == dates


@pytest.mark.parametrize(("text", "dates"), [
    ("Pt w/ hx of CAD seen by Dr. Q. at the clinic last October, LDL 170.",
     ["last October"]),
    ("58yo s/p TAVR, echo due next January; was admitted this past March.",
     ["next January", "this past March"]),
])
def test_a_month_named_from_a_visit_is_a_date(text: str, dates: list[str]) -> None:
    assert _dates(text) == dates


@pytest.mark.parametrize("text", [
    # no patient, a verb, a weekday or a season
    "Our team offsite was last October; next January we ship version two.",
    "pt s/p CVA, hopes to march next week in the parade",
    "pt s/p fall, seen last Tuesday and last summer",
])
def test_a_relative_month_needs_a_patient_and_a_months_name(text: str) -> None:
    assert _dates(text) == []


def test_dates_glued_to_a_word_count_in_a_dated_note() -> None:
    text = ("Admitted 3/2 with sepsis. PMH: s/p hip fx6/98, s/p CABG9/2017, "
            "last labs on11/12/03 stable.")
    assert _dates(text) == ["3/2", "6/98", "9/2017", "11/12/03"]


@pytest.mark.parametrize(("text", "dates"), [
    # glued, but no date of the text tied to anyone
    ("s/p hip fx6/98, s/p CABG9/2017", []),
    # spine levels, settings, scores, doses glued to their word
    ("Admitted 3/2. C6/7 and T11/12 disc, PS10/5, IPAP12/6, pain8/10, Norco5/325.",
     ["3/2"]),
])
def test_glued_look_alikes_and_undated_notes_stay_quiet(text: str, dates: list[str]) -> None:
    assert _dates(text) == dates


@pytest.mark.parametrize(("text", "dates"), [
    ("A/O x2 this am, s/p fall, said it was October 3rd. Reoriented.", ["October 3rd"]),
    ("HPI: 80 yo, s/p CVA, symptoms began 12 March, worse since.", ["12 March"]),
])
def test_a_day_of_a_month_by_name_in_a_patients_text_is_a_date(
        text: str, dates: list[str]) -> None:
    assert _dates(text) == dates


@pytest.mark.parametrize("text", [
    # a modal verb and a count, a lower-case verb, a day in no patient's text
    "pt s/p PCI: May 5 units of insulin be given at bedtime?",
    "pt s/p CVA, wants to march 3 miles daily",
    "The conference keynote is on the agenda for October 3rd.",
])
def test_a_months_name_that_is_no_patients_day_stays_quiet(text: str) -> None:
    assert _dates(text) == []


@pytest.mark.parametrize(("text", "dates"), [
    # a day far from the care words a date reads, in a note
    ("Arterial line and TLC from 2/19/03 still in place. " + _FILLER * 2
     + "Remains on vent, sedated.", ["2/19/03"]),
    ("11/4/21, 'B'\n" + _FILLER * 2 + "Foley draining well.", ["11/4/21"]),
    # one person's state from a day on
    ("Pt on apixaban since 03/12/2022, INR not needed.", ["03/12/2022"]),
])
def test_a_patients_text_releases_its_days(text: str, dates: list[str]) -> None:
    assert _dates(text) == dates


@pytest.mark.parametrize("text", [
    # a query's bounds over patients, a month of a year, no patient at all
    "We include encounters after 03/01/2020 for every patient in the registry.",
    "Encounters before 01/02/2019 were dropped for every patient in the study.",
    "Foley catheter sizes changed in March 2019 at every ICU in the network.",
    _FILLER * 2 + "The next shipment arrives 2/19/03.",
])
def test_cohort_bounds_and_months_of_a_year_are_not_released(text: str) -> None:
    assert _dates(text) == []
