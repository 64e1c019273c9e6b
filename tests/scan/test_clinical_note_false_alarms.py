"""Clinical notes hold headings, abbreviations and device words that name lists also know
as names (`Endo`, `Clear`, `Post`): they are no persons unless something says so."""

from __future__ import annotations

from jupyter_safeai.scan.names import NameRecognizer
from jupyter_safeai.scan.speakers import SpeakerRecognizer
from tests.scan.found_text import texts_of

_speakers = texts_of(SpeakerRecognizer().find)


def test_section_headings_of_a_form_are_no_speakers() -> None:
    note = ("Renal: creatinine stable, good output.\n"
            "Endo: sliding scale continued overnight.\n"
            "Pulm: lungs coarse, weaning trial at noon.\n"
            "Psych: anxious, reassured.\n")
    assert _speakers(note) == []


def test_a_dialogue_of_named_speakers_is_still_read() -> None:
    chat = ("Maria: did you send the draft?\n"
            "Tom: yes, this morning.\n"
            "Maria: thanks, reading it now.\n")
    assert _speakers(chat) == ["Maria", "Tom", "Maria"]


_SHOUTED = ("WOUND DRESSING CHANGED AT NOON, SITE DRY AND INTACT. DRAIN OUTPUT SCANT. "
            "TOLERATING SOFT DIET, NO NAUSEA. ")


_names = texts_of(NameRecognizer().find)


def test_in_a_text_in_capitals_list_words_without_a_cue_are_no_names() -> None:
    text = _SHOUTED + "DRAINAGE GRANT ROSE TINGED. PT WILL WALK LATER. FAMILY HOPE FOR HOME."
    assert _names(text) == []


def test_in_a_text_in_capitals_a_title_or_credential_still_marks_a_name() -> None:
    text = _SHOUTED + "DR. OKONKWO AWARE OF OUTPUT. REPORT GIVEN TO ADAEZE NWOSU, RN."
    found = _names(text)
    assert "OKONKWO" in " ".join(found) and "ADAEZE NWOSU" in found


def test_an_initial_and_surname_after_a_cue_word_in_capitals_is_a_name() -> None:
    text = _SHOUTED + "DIET ADVANCED AS PER T. OYELARAN THIS MORNING."
    assert any("OYELARAN" in name for name in _names(text))


def test_mixed_case_text_keeps_its_capitals_as_evidence() -> None:
    found = _names("Seen today with her daughter Grace Rose, who agreed to the plan.")
    assert found == ["Grace Rose"]


def test_part_of_speech_keys_are_spacys_hashes() -> None:
    from spacy.strings import hash_string

    from jupyter_safeai.scan.english_words import PART_OF_SPEECH_KEYS

    assert {pos: hash_string(pos) for pos in PART_OF_SPEECH_KEYS} == PART_OF_SPEECH_KEYS


def test_english_verbs_and_adjectives_are_known_and_names_are_not() -> None:
    from jupyter_safeai.scan.english_words import verbs_adjectives_adverbs

    words = verbs_adjectives_adverbs()
    assert {"clear", "small", "warm"} <= words
    assert not {"adaeze", "okonkwo", "lisa"} & words


def test_in_capitals_two_listed_names_stand_alone_unless_english_uses_them() -> None:
    found = _names(_SHOUTED + "LEG WOUND BANDAGE CLEAN. KEVIN MORRISON TO BRING GLASSES.")
    assert found == ["KEVIN MORRISON"]


def test_in_capitals_a_name_whose_given_name_english_also_uses_is_still_a_name() -> None:
    """Only a pair English uses word for word (`CLEAR AMBER`) is read as English: a given
    name that is also a word (Nick, Sandy, Rob) still opens a name beside a surname."""
    found = _names(_SHOUTED + "URINE CLEAR AMBER. NICK WARREN TO BRING GLASSES.")
    assert found == ["NICK WARREN"]
    assert _names(_SHOUTED + "EXUDATE WARM YELLOW. SKIN SMALL PINK.") == []


def test_in_capitals_a_pair_of_states_after_pt_is_no_surname_given() -> None:
    from jupyter_safeai.scan.loose_names import LooseNameRecognizer

    text = _SHOUTED + "PT CALM, COOPERATIVE WITH CARE. PT SLEEPING, TURNED Q2H."
    assert [text[f.start:f.end] for f in LooseNameRecognizer().find(text)] == []
    named = "PATIENT: OKONKWO, ADAEZE AGE 71"
    assert [named[f.start:f.end] for f in LooseNameRecognizer().find(named)] == [
        "OKONKWO, ADAEZE"]


def test_a_sentence_ending_in_pt_dot_gives_no_title_to_the_next_word() -> None:
    text = "Medicated pt. Slept until dawn. Turned pt. Wound care done."
    assert _names(text) == []
    assert _names("Spoke with pt. Okonkwo about the plan.") == ["Okonkwo"]
