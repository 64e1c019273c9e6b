"""Names in nursing notes, read from who the note says the person is: a clinician's title
or role, a kin word, a credential or `aware` after them; in lower case and in capitals.
The notes are written here; none is copied from a data set."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.english_words import nouns_and_other_words
from tests.scan.found_text import persons as _people

needs_lexicon = pytest.mark.skipif(not nouns_and_other_words()[0], reason="no spaCy lexicon")


@pytest.mark.parametrize(("note", "name"), [
    # a clinician's title before a word no list knows, in lower case and in capitals
    ("resp: pt with coarse lungs, sx for thick secretions. dr quarnby aware, abg sent.", "quarnby"),
    ("NEURO: LETHARGIC. CT HEAD NEG PER RADIOLOGY. DISCUSSED WITH DR. VELTRANO.", "VELTRANO"),
    ("CV: HR 90S SR. PT SEEN BY DR OSKERVIK THIS AM, LASIX 40MG IV GIVEN.", "OSKERVIK"),
    ("cv: pt in afib 110s. lopressor 5mg iv x2 per dr. thistlewood with good effect.",
     "thistlewood"),
    ("GI: abd soft. Dr.Marvelli in to assess the pt, ngt placed.", "Marvelli"),
    ("Pt febrile to 101.2, cultures sent. Drs Ostrander and Pelkey in to see pt.", "Pelkey"),
    # a kin word before a given name, in lower case, in capitals, after a comma
    ("social: son rodrigo called for update, plans to visit tomorrow. pt on heparin gtt.",
     "rodrigo"),
    ("SOCIAL: DTR MARGUERITE IN TO VISIT, UPDATED BY RN. PT REMAINS NPO.", "MARGUERITE"),
    ("Social: pt's niece, Evangelina, called twice overnight. Pt remains intubated.",
     "Evangelina"),
    ("social: pt's wife (ingeborg) at bedside most of the evening. pt sedated on propofol.",
     "ingeborg"),
    # a listed given name that is also an English verb, after a kin word
    ("social: son bob updated by phone this am. pt extubated at 10, tolerating well.", "bob"),
    # a role before a listed name
    ("CV: SBP 80S, NP Lindqvist aware, 500cc NS bolus given. Pt s/p CABG x3.", "Lindqvist"),
    # an initial and a name before a credential or `aware`
    ("resp: suctioned x2 for thick tan secretions, pt s/p cabg. t. gundersen rrt", "gundersen"),
    ("GU: UO 20CC/HR X2 HRS. PT S/P CABG. H. VOSKUIJLEN AWARE, LASIX GIVEN.", "VOSKUIJLEN"),
    ("PT S/P CABG, EXTUBATED AT 1400. PLAN PER TEAM. ⏎ODALYS QUINTRELL RN".replace("⏎", "\n"),
     "ODALYS"),
    # who someone is, in brackets after the name
    ("Pt s/p fall, admitted to MICU. Contacts: Anselm Vretos (son) cell 555-0100.", "Vretos"),
    # a surname that also names a method, after a title
    ("neuro: pt is a 66 yo woman. mrs kendall oriented x3, moves all extremities.", "kendall"),
    # a listed given name before a visit word, in a note written in lower case
    ("social: rosalind visited this evening, updated on plan. pt remains intubated.",
     "rosalind"),
    # a name in capitals after a title, its surname no list knows
    ("MR. ALBERTO TREVISIOL IS A 71 YO MAN ADMITTED WITH CHF.", "TREVISIOL"),
])
@needs_lexicon
def test_a_cue_says_the_word_after_it_is_a_name(note: str, name: str) -> None:
    assert any(name in found for found in _people(note)), _people(note)


@pytest.mark.parametrize("note", [
    # cue words with no name after them
    "cv: hr 80s. md aware of low bp, 250cc bolus given. pt s/p cabg, on heparin.",
    "SOCIAL: WIFE AT BEDSIDE, SON CALLED FOR UPDATE. PT'S DAUGHTER IN THIS EVE. RN NOTIFIED.",
    "social: pt's daughter called, son will visit tomorrow. husband aware of plan.",
    "Social: Son came in this evening, wife updated by phone. Pt intubated, on propofol.",
    "DISP: GRANDDAUGHTER AND HUSBAND WILL CALL FOR UPDATES. PT REMAINS ON HEPARIN GTT.",
    "social: pt's mother died 2 months ago, father drank heavily. pt is a 45 yo man.",
    # a pulmonary artery line, an English word after a role
    "CV: PA LINE D/C'D. PA SATS 72. NP SWAB SENT. PT S/P CABG, ON NEO GTT.",
    "neuro: pt seen by ho. xrays done, per protocol. pt is a 70 yo woman, npo.",
    # a visit word after no given name; a method's name after no title
    "social: family called, team visited. pt is a 70 yo woman on heparin per cox protocol.",
    "Pt admitted to MICU, pt s/p fall. Seen by PT (attending) and social work (son).",
])
@needs_lexicon
def test_cue_words_with_no_name_after_them_stay_quiet(note: str) -> None:
    assert _people(note) == []


def test_the_cue_readers_wait_for_a_clinical_note() -> None:
    """`per`, `NP` and a credential after a word read as cues only in a text about a
    patient: in documentation `per Kessler` or `Ada Lovelace MD` are no finding of theirs."""
    from jupyter_safeai.scan.name_lists import name_lists
    from jupyter_safeai.scan.note_names import note_names
    from jupyter_safeai.scan.prose_names import prose_anchors

    text = "The rate per kessler is computed per sample. Use np zeros for the grid."
    lowered = text.lower()
    hits = prose_anchors(text, lowered)
    assert list(note_names(text, lowered, name_lists(), hits)) == []
    note = "Pt is a 70 yo man, s/p CABG. " + text
    assert list(note_names(note, note.lower(), name_lists(), prose_anchors(
        note, note.lower()))) != []


@pytest.mark.parametrize("note", [
    # capitals listed as names that are English words, one a verb or an adjective
    "ACCESS: LEFT RADIAL ART LINE INTACT. HAND WARMER TO L ARM. PT S/P CABG.",
    # a function word among capitals listed as names
    "SBP 150S PER ALINE, LABETALOL GIVEN. PT IS A 60 YO MAN S/P CABG.",
    # a capitalised English word no list knows, before `is`, in a note
    "Pt is a 70 yo woman s/p fall. Goal is to keep MAP > 65 on levophed.",
    # an abbreviation in capitals after a sentence that ends in `patient.`
    "Neuro: alert and oriented. Family in to visit patient. MAE. Follows commands.",
])
@needs_lexicon
def test_a_notes_words_that_lists_know_as_names_stay_quiet(note: str) -> None:
    assert _people(note) == []


@needs_lexicon
def test_nouns_in_capitals_listed_as_names_are_still_a_name() -> None:
    """`HELEN MURPHY` are English nouns too, but no verb or adjective: a name."""
    note = "SOCIAL: SPOKE WITH HELEN MURPHY TODAY RE: PLAN. PT IS A 70 YO WOMAN S/P CABG."
    assert any("HELEN MURPHY" in found for found in _people(note)), _people(note)


def test_a_headings_abbreviation_is_no_speaker() -> None:
    """`GU:` opens a section of a note, though `Gu` is a surname; `Lee:` still speaks."""
    found = _people("GU: foley draining clear urine.\nLee: pt comfortable, no pain.")
    assert "GU" not in found and "Lee" in found


@needs_lexicon
def test_an_english_word_no_list_knows_is_sent_as_a_thing() -> None:
    """`sent Clot to the lab` sends a sample; `sent Orsolya to` sends a person."""
    assert _people("Heme: HCT 27, holding. Sent Clot to BB. Pt is a 70 yo woman.") == []
    assert "Orsolya" in _people("She handed Marit the keys and sent Orsolya to the shop.")


@pytest.mark.parametrize(("text", "name"), [
    ("Patient Nguyen Van Son was admitted overnight.", "Nguyen Van Son"),
    ("Jordan Friend, 617-432-1876, asked for a call back.", "Jordan Friend"),
])
def test_a_kin_word_a_list_knows_as_a_surname_stays_in_the_name(text: str, name: str) -> None:
    assert name in _people(text)


def test_kin_words_in_capitals_end_a_run() -> None:
    assert _people("SON CALLED AND WAS UPDATED. HUSBAND WILL VISIT TOMORROW.") == []


def test_a_letter_that_lengthens_in_lower_case_keeps_the_note_readers() -> None:
    """`İ` lowers to two characters: the cue readers then read `text` with its ASCII letters
    lowered in place rather than nothing at all."""
    from jupyter_safeai.scan.name_lists import name_lists
    from jupyter_safeai.scan.note_names import note_names
    from jupyter_safeai.scan.prose_names import prose_anchors

    note = "Pt is a 70 yo man from İzmir, s/p CABG. Dr Oyelaran aware of K 5.9."
    lowered = note.lower()
    assert len(lowered) != len(note)
    found = [note[start:end] for start, end in note_names(
        note, lowered, name_lists(), prose_anchors(note, lowered))]
    assert "Oyelaran" in found


@pytest.mark.parametrize(("text", "name"), [
    ("Fisher, 54, was admitted with chest pain.", "Fisher"),
    ("On the ward Okonkwo, 47, was discharged home.", "Okonkwo"),
    ("Pinto (61) complained of dizziness overnight.", "Pinto"),
    ("Yesterday Lindqvist (73) reported less pain.", "Lindqvist"),
    ("Bell, 88, denied shortness of breath.", "Bell"),
])
def test_a_lone_surname_with_an_age_set_off_after_it_is_a_person(text: str, name: str) -> None:
    assert name in _people(text), _people(text)


@pytest.mark.parametrize("text", [
    "See Table 2, 54, and the appendix for the counts.",
    "Python, 3, and R are the languages taught.",
    "Hall (3) has four beds and a sink.",
    "Cook, 5, and Wood, 6, were the rows we dropped.",
    "Figure (12) shows the residuals.",
])
def test_a_word_or_number_list_with_small_numbers_is_no_aged_person(text: str) -> None:
    assert _people(text) == []
