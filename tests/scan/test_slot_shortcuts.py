"""The shortcuts of the person-slot, possessive and page readers read what their
patterns read: a pattern that ends in `$` searched only near a window's end, the words
of medicine tried only after a mark in the window's lower case, a possessive tried only
after an apostrophe, a page number only where `p.` stands. Texts written here."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence

import pytest

from jupyter_safeai.scan import citations, name_context, names, person_slots
from jupyter_safeai.scan.name_context import _POSSESSIVE_AFTER, person_cue
from jupyter_safeai.scan.person_slots import (
    _BACKWARDS,
    _MEDICINE,
    _SUBJECT_BEFORE,
    _TAIL_WIDTHS,
    _backwards,
    _ends_with,
    _medicine_in,
    _tail_width,
    _words_after_a_mark,
)
from jupyter_safeai.scan.recognizer import FOLD_TRAPS

#: Words of the slot patterns, their neighbours and the characters that end or join
#: words (a final line break, the letters that fold to ASCII ignoring case).
_SLOT_PIECES = ("remind", "told", "heard", "from", "ran", "into", "according", "to", "it",
                "was", "who", "is", "number", "of", "for", "by", "reviewed", "written",
                "with", "and", "or", "than", "where", "this", "here", "'s", "’s", "say",
                "hi", "message", "signature", "e-mail", "spoke", "said", "i", "think",
                "yesterday", "did", "Told", "TO", "x", "’", "'", " ", " ", " ", "  ", "\n",
                "\t", ",", ".", "!", "?", ":", "(", "-", "1", "_", *FOLD_TRAPS)
#: Words of medicine, their look-alikes and parts, and characters around them.
_MEDICINE_PIECES = ("patient", "Patients", "PREGNANT", "drug", "dose", "dosage", "mg",
                    "mcg", "ml", "pt", "pts", "PT", "iv", "ivf", "icu", "side", "effects",
                    "side-effect", "side effect", "treat", "treatment", "sign", "test",
                    "levels", "ng", "ngt", "vent", "neuro", "hr", "bp", "x", "meeting",
                    "smg", "é", "ü", "K", "İ", "ſ", " ", " ", " ", "\n", ".", ",", "-",
                    "_", "1", "'", *FOLD_TRAPS)


def _texts(seed: int, pieces: Sequence[str], most: int, count: int = 20_000
           ) -> Iterator[str]:
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(pieces) for _ in range(rng.randint(0, most)))


@pytest.mark.parametrize("pattern", list(_TAIL_WIDTHS), ids=lambda p: p.pattern[30:60])
def test_a_pattern_ending_in_dollar_is_searched_near_the_end_only(pattern: re.Pattern[str]
                                                                   ) -> None:
    for window in _texts(7, _SLOT_PIECES, 12):
        for cut in (window, window.lower(), window[-32:].lower()):
            assert _ends_with(pattern, cut) == (pattern.search(cut) is not None), cut


#: The subject pattern's words and marks, and what joins or ends them.
_SUBJECT_PIECES = ("i", "think", "guess", "heard", "said", "says", "that", "because", "when",
                   "and", "but", "so", "then", "maybe", "yesterday", "last", "week", "this",
                   "morning", "did", "has", "was", "would", "x", "I", "Said", ".", "!", "?",
                   ";", ":", ",", " ", " ", " ", "  ", "\n", "\t", "'", "’", "1", "_",
                   *FOLD_TRAPS)


@pytest.mark.parametrize("pattern", list(_BACKWARDS), ids=lambda p: p.pattern[30:60])
def test_a_pattern_ending_in_dollar_read_backwards_is_its_search(pattern: re.Pattern[str]
                                                                 ) -> None:
    found = 0
    written = ("i gave the keys to ", "have you heard from ", "a thank-you note for ",
               "the report was reviewed by ", "was written by ", "(was \n", "i think ",
               "yesterday it was ", "so, ", "he said that ", "x. ", "x.\n", "remind ")
    for window in (*written, *_texts(23, _SLOT_PIECES + _SUBJECT_PIECES, 10, 12_000)):
        for cut in (window, window.lower(), window[-32:].lower(), window + "\n"):
            expected = pattern.search(cut) is not None
            assert _ends_with(pattern, cut) == expected, cut
            found += expected
    assert found  # the windows hold matches, not only look-alikes
    assert _SUBJECT_BEFORE in _BACKWARDS  # (its width has no bound: it was searched whole)


def test_a_pattern_read_backwards_ends_in_dollar() -> None:
    with pytest.raises(ValueError):
        _backwards(re.compile(r"(?:to|from)[ ]|and$"))
    assert _backwards(re.compile(r"(?:to|from)[ ]$")).match("went to ") is not None


def test_a_pattern_that_can_match_before_its_end_is_refused() -> None:
    with pytest.raises(ValueError):
        _tail_width(re.compile(r"(?:to|from)[ ]|and$"))  # `$` in one branch only
    with pytest.raises(ValueError):
        _tail_width(re.compile(r"to[ ]"))


def test_the_slot_windows_find_what_a_full_search_finds() -> None:
    hits = 0
    for window in ("i gave the keys to ", "have you heard from ", "yesterday it was ",
                   "the report was reviewed by ", "the phone number of ", "is ",
                   "we should talk to\n", "see to it that x",
                   # the longest match of each, alone, after a mark, before a line break
                   "introduced me to ", "(introduced me to ", "she introduced me to \n",
                   "congratulating ", "a thank-you note for ", "(thank you note to \n",
                   "kept forwarded ", "(forwarded \n", "was written by ", "where's ",
                   "and was ", "(was \n", "(thank-you note for \n", "is\n"):
        for pattern in _TAIL_WIDTHS:
            assert _ends_with(pattern, window) == (pattern.search(window) is not None)
            hits += pattern.search(window) is not None
    assert hits >= 6


def test_medicine_is_found_where_the_pattern_finds_it() -> None:
    found = 0
    for text in _texts(11, _MEDICINE_PIECES, 14):
        rng = random.Random(len(text))
        left = rng.randint(0, len(text))
        right = rng.randint(left, len(text))
        expected = _MEDICINE.search(text, left, right) is not None
        assert _medicine_in(text, left, right) == expected, (text, left, right)
        found += expected
    assert found > 500  # the texts hold matches, not only look-alikes


@pytest.mark.parametrize(("text", "expected"), [
    ("We switched Sigrun from the drug to another", True),
    ("The PATIENT was seen by Okonkwo", True),
    ("dose: 5 mg daily", True),
    ("Sigrun moved to Tromsø last spring", False),
    ("the meeting ran long and Dagny left", False),  # `ng` inside a word
    ("smgx and 5mg", False),  # `mg` glued to a letter or a digit
    ("\u212aeep calm, Dagny", False),
    ("pt\u017f are waiting", True),  # `ſ` after `pt`: the pattern reads it as `s`
])
def test_medicine_in_written_sentences(text: str, expected: bool) -> None:
    assert (_MEDICINE.search(text) is not None) == expected
    assert _medicine_in(text, 0, len(text)) == expected


def test_medicine_at_the_window_start_reads_the_character_before_it() -> None:
    text = "xpatient said"  # no word boundary before `patient` inside the text
    assert _MEDICINE.search(text, 1, len(text)) is None
    assert not _medicine_in(text, 1, len(text))
    assert _medicine_in("a patient said", 2, 14)


def test_only_a_case_insensitive_list_of_whole_words_is_rewritten() -> None:
    with pytest.raises(ValueError):
        _words_after_a_mark(re.compile(r"\b(?:patient|drug)\b"))
    with pytest.raises(ValueError):
        _words_after_a_mark(re.compile(r"(?i:\b(?:Patient|drug)\b)"))


def test_a_possessive_is_read_only_after_an_apostrophe() -> None:
    for text in _texts(5, ("Ilse", "'s", "’s", "s", " ", "mother", "birthday", "old", "dog",
                           "'", "’", "S", "MOTHER", ",", "\n"), 8, 5_000):
        end = 4 if text.startswith("Ilse") else 0
        assert person_cue(text, 0, end, sentence=False) == bool(
            _POSSESSIVE_AFTER.match(text, end)) or end == 0
    assert person_cue("Ilse's mother called", 0, 4, sentence=False)
    assert person_cue("Ilse’s Birthday", 0, 4, sentence=False)
    assert not person_cue("Ilse s mother called", 0, 4, sentence=False)


def test_every_page_number_holds_p_and_a_period() -> None:
    for window in _texts(3, ("p", "P", "pp", "PP", ".", ". ", "1", "23", " ", "vol", "x",
                             "ſ", "\u212a", "İ"), 8):
        if citations._PAGES.search(window):
            assert "p." in window.casefold()


def test_a_bibliography_line_with_pages_is_still_one() -> None:
    line = "Okonkwo, A. Sleep in shift workers. Journal of Rest 12, pp. 44-51."
    assert citations.bibliography_entry(line, 0, len(line))
    line = "Okonkwo, A. Sleep in shift workers. Rest Quarterly 12, PP. 44-51."
    assert citations.bibliography_entry(line, 0, len(line))
    line = "Okonkwo called at 4 p.m. about the keys."
    assert not citations.bibliography_entry(line, 0, len(line))


def test_the_slot_module_still_reads_a_medical_sentence_as_no_slot() -> None:
    text = "We switched her from Sheehan to the new drug."
    start = text.index("Sheehan")
    assert person_slots.person_slot(text, start, start + 7) == person_slots.NO_SLOT


def test_an_article_is_read_only_where_a_window_ends_as_one() -> None:
    pieces = ("the", "The", "THE", "this", "This", "a", "A", "an", "An", "he", "is", "n",
              "x", "Ada", " ", " ", " ", "\n", "1", "é", ".", "(")
    found = 0
    for text in _texts(13, pieces, 6, 4_000):
        for high in range(len(text) + 1):
            for low in (0, max(0, high - 5), max(0, high - 8)):
                expected = names._ARTICLE_BEFORE.search(text, low, high) is not None
                assert names._article_before(text, low, high) == expected, (text, low, high)
                found += expected
    assert found > 300


def test_a_journal_review_is_read_only_after_rev() -> None:
    for text, level in (("see Phys. Rev. Letters", 0), ("seen by Rev. Okafor", 3),
                        ("seen by Dr. Okafor", 3), ("Chem. Soc. Rev. Ngata", 0)):
        last = text.rsplit(" ", 1)[1]
        assert names._cue(text, text.index(last)) == level, text


@pytest.mark.parametrize(("pattern", "endings"), [
    (name_context._PERSON_OF, (" of ", " from ")), (name_context._FIRM_BEFORE, (" and ",))])
def test_a_firm_before_a_name_is_read_only_after_its_last_word(
        pattern: re.Pattern[str], endings: tuple[str, ...]) -> None:
    words = ("Ida", "Berg", "Vance", "Hart", "Lopez", "Santos", "J.", "K", "of", "from",
             "and", "Of", "AND", "x", "Lowe-Hart", "Lowe")
    rng = random.Random(17)
    found = 0
    for _ in range(12_000):
        text = "".join(rng.choice(words) + rng.choice((" ", " ", " ", ", ", "\n", ""))
                       for _ in range(rng.randint(0, 8)))
        for high in range(len(text) + 1):
            low = max(0, high - 60)
            match = pattern.search(text, low, high) is not None
            assert not match or name_context._ends_as(text, low, high, endings), (text, high)
            found += match
    assert found > 10
    for sentence, name, firm in (("Ada Moreno of Pryce-Hollis", "Pryce-Hollis", True),
                                 ("Ada Moreno of \nPryce-Hollis", "Pryce-Hollis", True),
                                 ("Lopez, Santos and Coleman", "Coleman", True),
                                 ("Lopez, Santos and \nColeman", "Coleman", True),
                                 ("Lopez, Santos and\nColeman", "Coleman", False),
                                 ("met Ida Berg today", "Ida Berg", False)):
        start = sentence.index(name)
        assert name_context.in_organisation(sentence, start, start + len(name)) == firm


def test_a_message_is_read_where_the_speaking_pattern_reads_one() -> None:
    pieces = ("I", "I'm", "I've", "I’m", "Im", "me", "my", "mine", "u", "ur", "urn", "lol",
              "lolz", "omg", "haha", "ha", "!", "?", "x", "X", " ", " ", " ", "'", "é", "_",
              "1", "\n", ".")
    found = 0
    for text in _texts(19, pieces, 8, 20_000):
        rng = random.Random(len(text) * 3)
        low = rng.randint(0, len(text))
        high = rng.randint(low, len(text) + 1)
        expected = name_context._SPEAKING.search(text, low, high) is not None
        assert name_context._speaking_in(text, low, high) == expected, (text, low, high)
        found += expected
    assert 1_000 < found < 18_000
