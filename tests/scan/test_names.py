"""Names of many origins and scripts; capitalised non-names stay unflagged."""

from __future__ import annotations

import itertools
import re
import sys
from collections.abc import Iterator

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from jupyter_safeai import scan_text
from jupyter_safeai.scan import names
from jupyter_safeai.scan.name_lists import HONORIFICS, WORDLIKE_ENDINGS, english_ending
from jupyter_safeai.scan.names import NameRecognizer
from jupyter_safeai.scan.nlp import sentence_window
from tests.scan.found_text import texts_of

NAMES = NameRecognizer()  # no NER: these must be found by lists, titles and labels alone


people = texts_of(NAMES.find)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Patient John Smith was seen today.", ["John Smith"]),  # English
        ("Seen with María José García López.", ["María José García López"]),  # Hispanic
        ("Wang Wei called about results.", ["Wang Wei"]),  # Chinese, romanised
        ("Hiroshi Tanaka consented.", ["Hiroshi Tanaka"]),  # Japanese
        ("Kim Min-jun attended.", ["Kim Min-jun"]),  # Korean
        ("Dr. Nguyen Van An reviewed the chart.", ["Nguyen Van An"]),  # Vietnamese
        ("Priya Sharma, 54, presented.", ["Priya Sharma"]),  # Indian
        ("Seen: Chinedu Okonkwo and Folake Adeyemi.", ["Chinedu Okonkwo", "Folake Adeyemi"]),
        ("Kwame Mensah was discharged.", ["Kwame Mensah"]),  # Ghanaian
        ("Fatima Al-Zahra bint Khalid", ["Fatima Al-Zahra bint Khalid"]),  # Arabic, romanised
        ("患者：王小明，男，45岁", ["王小明"]),  # Chinese in Han
        ("山田 太郎さん", ["山田 太郎"]),  # Japanese in Han
        ("김민준 환자", ["김민준"]),  # Korean in Hangul
        ("الاسم: محمد العلي", ["محمد العلي"]),  # Arabic script
        ("Name: Adaeze Okafor", ["Adaeze Okafor"]),  # unknown to the lists, but labelled
        ('patient_name = "Olumide Bakare"', ["Olumide Bakare"]),
        ('{"name": "Hiroshi Tanaka"}', ["Hiroshi Tanaka"]),
        ("SMITH, JOHN  1958-03-14", ["SMITH, JOHN"]),
        ("Mrs. O'Brien-Smith", ["O'Brien-Smith"]),
        ("Pt: J. Smith", ["J. Smith"]),
        ("Kofi Boateng, 54, presented with chest pain.", ["Kofi Boateng"]),  # age after
        ("Yaw Darko is a 67-year-old man.", ["Yaw Darko"]),
        ("Her daughter Ama Serwaa will pick her up.", ["Ama Serwaa"]),  # a relative
        ("Dr. Okonkwo reviewed it.", ["Okonkwo"]),  # a title takes a lone surname
        ("last_name = 'Aguirrezábal'", ["Aguirrezábal"]),  # so does a name-part label
        ("Saw 令狐俊豪, 93-year-old, for review.", ["令狐俊豪"]),  # Han name known by context
    ],
)
def test_finds_names(text: str, expected: list[str]) -> None:
    assert people(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Gene Expression analysis of BRCA1 and TP53",
        "Kaplan-Meier survival curves with Cox regression",
        "Parkinson's disease and Alzheimer's disease cohorts",
        "Results of the Analysis on Monday March 3",
        "We used Python, Pandas and Matplotlib.",
        "Chief Complaint: chest pain",
        "Patient Education Materials",
        "from Boston, MA",
        "ICU admission for HIV",
        "The Data Table of MRN",
        "patient_name = df['patient_name']",
        'name = "Snobol"  # a thing, not a person',
        "{'pt': 'Formoso - GO'}",
        "Jupyter Notebook and Random Forest models",
    ],
)
def test_leaves_non_names(text: str) -> None:
    assert people(text) == []


def test_doubtful_pair_is_decided_by_the_confirm_hook() -> None:
    asked: list[str] = []

    def confirm(text: str, start: int, end: int) -> bool:
        asked.append(text[start:end])
        return True

    text = "Wang Xiaoming."  # one known word, one unknown, nothing around them
    assert [text[f.start:f.end] for f in NameRecognizer(confirm=confirm).find(text)] == [
        "Wang Xiaoming"]
    assert asked == ["Wang Xiaoming"]
    assert people(text) == []


def test_doubtful_spans_of_one_text_are_asked_in_one_batch() -> None:
    batches: list[list[str]] = []

    class BatchConfirm:
        def __call__(self, text: str, start: int, end: int) -> bool:
            raise AssertionError("asked one span at a time")

        def confirm_many(self, text: str, spans: list[tuple[int, int]]) -> list[bool]:
            batches.append([text[s:e] for s, e in spans])
            return [text[s:e].startswith("Wang") for s, e in spans]

    text = "Wang Xiaoming. Then later: Li Zhiqiang."
    found = [text[f.start:f.end] for f in NameRecognizer(confirm=BatchConfirm()).find(text)]
    assert batches == [["Wang Xiaoming", "Li Zhiqiang"]]
    assert found == ["Wang Xiaoming"]


@pytest.mark.parametrize(("text", "words", "window"), [
    # the span's sentence, cut at the sentence ends
    ("Seen. Then Wang Xiaoming called back! Bye", 8, "Then Wang Xiaoming called back"),
    # at most `words` words either side within a long sentence
    ("a b c d e f Wang Xiaoming g h i j k l", 2, "e f Wang Xiaoming g h"),
])
def test_ner_reads_only_the_words_around_a_span(text: str, words: int, window: str) -> None:
    start = text.index("Wang Xiaoming")
    left, right = sentence_window(text, start, start + len("Wang Xiaoming"), words=words)
    assert text[left:right].strip() == window


def _asked(text: str) -> list[str]:
    """The spans the name recognizer sends to NER for `text` (NER answers no)."""
    asked: list[str] = []

    def confirm(text: str, start: int, end: int) -> bool:
        asked.append(text[start:end])
        return False

    list(NameRecognizer(confirm=confirm).find(text))
    return asked


@pytest.mark.parametrize(("text", "asked"), [
    # one unknown word, a comma and a country that is no name: a place, not asked
    ("She moved from Kumasi, Ghana last year.", []),
    ("Originally from Riyadh, Saudi Arabia with her daughter.", []),
    # Jordan and India are also given names (`Nasser, Jordan`): still asked
    ("Lives in Amman, Jordan.", ["Amman, Jordan"]),
    ("Lives in Hyderabad, India.", ["Hyderabad, India"]),
    # two words before the region are no city of one word: still asked
    ("Originally from Ayotunde Kumasi, Ghana.", ["Ayotunde Kumasi, Ghana"]),
])
def test_city_and_country_is_not_sent_to_ner(text: str, asked: list[str]) -> None:
    assert _asked(text) == asked


_CUE_PIECES = ["Dr", ".", " ", "\t", "\n", "Mrs", "patient", "name", "_", ":", "=", '"', "'",
               "(", "患者", "：", "thanks", "Smith", "by", "signed", "Nurse", "-", "=>", "*",
               "[", "“", "SURNAME", "Hi", "ſ", "K", "İ", "and", "next of kin", ",",
               # every character a cue's tail may hold, and cue words glued or cut
               "]", "#", "–", "->", "‘", ">", "s", "Fiancée", "fiance", "letter \t to",
               "patientname", "neighbour", "श्रीमती", "الاسم", "e", "x", "1", "/", "Dr. ", "Name: ",
               'name="', "患者： "]


def _label_before_name(words: str) -> regex.Pattern[str]:
    """One of `words` (or its plural) ending just before a name, searched backwards: each
    cue level on its own, as the one pattern of `names._cue_words` must rank them."""
    return regex.compile(rf"(?:\b(?:{words})s?{names._LABEL_TAIL})",
                         regex.IGNORECASE | regex.REVERSE)


_NAME_PART_LABEL = _label_before_name(names._NAME_PART_WORDS)
_STRONG_LABEL = _label_before_name(names.STRONG_PERSON_WORDS)
_WEAK_LABEL = _label_before_name(names._WEAK_WORDS)


def _five_searches(text: str, start: int) -> int:
    """The cue level before `start` as searching the 40 characters before it with each
    cue pattern finds it, strongest first."""
    left = max(0, start - 40)
    return (3 if (names._TITLE.search(text, left, start)
                  or _NAME_PART_LABEL.search(text, left, start))
            else 2 if (_STRONG_LABEL.search(text, left, start)
                       or names._SCRIPT_LABEL.search(text, left, start))
            else 1 if _WEAK_LABEL.search(text, left, start) else 0)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_CUE_PIECES), max_size=10).map("".join))
def test_one_cue_pattern_ranks_cues_as_the_five_searches(text: str) -> None:
    """`_cue` splits off the tail before the name, skips letters no cue word ends with
    and tries only the cue words that fit the tail: the same answer as the five
    searches."""
    for start in range(len(text) + 1):
        expected = _five_searches(text, start)
        assert names._cue(text, start) == expected
        assert names._after_name_cue(text, start) == (expected == 3)


def _cue_level_by_pattern(text: str, start: int, names_only: bool) -> int:
    """`names._cue_level` with every cue word left to the one cue pattern (no lookup of
    plain ASCII words)."""
    left = max(0, start - 40)
    end = start - 1 if text[start - 1:start] == "\n" else start
    word_end = left + len(text[left:end].rstrip(names._CUE_TAIL_CHARS))
    tail = text[word_end:end]
    kinds = tuple(pattern.fullmatch(tail) is not None for pattern in names._TAILS)
    pattern = names._cue_words(*kinds, names_only)
    cue = pattern.match(text, left, word_end) if pattern is not None else None
    if cue is None or names._REVIEW_AFTER_ABBREVIATION.search(text, max(0, left - 8), word_end):
        return 0
    return names._LEVELS[cue.lastgroup]


# plain cue words, their plurals, words a glued or spaced cue word ends with, and what
# may stand before a word: a digit or `_` (no word boundary), a letter that folds
_LOOKUP_PIECES = ["dr", "Drs", "MR", "mrs", "name", "names", "to", "tos", "and", "by", "kin",
                  "next of kin", "letter to", "letter\tto", "social worker", "worker",
                  "patient", "patientname", "patient_name", "pts", "pt", "neighbor",
                  "neighbours", "Rev", "Phys. ", "son", "sons", "re", "res", "hi", "nurse",
                  "1", "_", "x", "é", "ſ", "K", " ", ": ", ". ", "\n", "(", '"', "-", "Smith"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_LOOKUP_PIECES), max_size=8).map("".join))
def test_plain_cue_words_are_looked_up_as_the_pattern_finds_them(text: str) -> None:
    """`_cue_level` looks a plain ASCII cue word up (`_plain_cue_levels`) rather than
    match the cue pattern: the same level, for every kind of tail and word before it."""
    for start in range(len(text) + 1):
        for names_only in (False, True):
            assert names._cue_level(text, start, names_only) == _cue_level_by_pattern(
                text, start, names_only)


def _spellings(words: str) -> Iterator[str]:
    """Every way to write each cue word of an alternation: separators as a blank, `_` or
    nothing where the pattern allows, optional letters kept and left out."""
    for word in words.split("|"):
        choices = []
        for piece in re.split(r"(\[ _\]\?|\[ _\]|\[ \\t\]\+|.\?)", word):
            choices.append({"[ _]?": ["", " ", "_"], "[ _]": [" ", "_"],
                            "[ \\t]+": [" ", "\t "]}.get(piece) or (
                ["", piece[0]] if piece.endswith("?") else [piece]))
        for parts in itertools.product(*choices):
            spelled = "".join(parts)
            assert regex.fullmatch(rf"(?:{words})", spelled)  # the words' own spelling
            yield spelled


@pytest.mark.parametrize("words", ["_TITLE_WORDS", "_NAME_PART_WORDS", "STRONG_PERSON_WORDS",
                                   "_WEAK_WORDS"])
def test_every_cue_word_is_read_as_the_five_searches_read_it(words: str) -> None:
    """No spelling of a cue word is skipped as a word no cue ends with."""
    for word in _spellings(getattr(names, words)):
        for case in (word, word.upper(), word.title()):
            assert _five_searches(f"{case} Smith", len(case) + 1) > 0  # each is a cue
            for text in (f"{case} Smith", f"{case}s: Smith", f"{case}. Smith",
                         f'a {case} = "Smith', f"{case}\nSmith", f"x_{case}\t(Smith"):
                start = text.rindex("Smith")
                expected = _five_searches(text, start)
                assert names._cue(text, start) == expected
                assert names._after_name_cue(text, start) == (expected == 3)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aAeEdDgGnNiIoOtTsSyYlLhH'-ſK", min_size=1, max_size=10))
def test_word_endings_read_as_the_regex_reads_them(word: str) -> None:
    wordlike = regex.compile("(?:" + "|".join(WORDLIKE_ENDINGS) + ")$", regex.IGNORECASE)
    assert english_ending(word) == bool(wordlike.search(word))
    assert names._wordlike(word) == (bool(wordlike.search(word))
                                     and not names._PINYIN.match(word))


def test_uncased_letters_all_lie_in_the_fast_ranges() -> None:
    """`_MAYBE_UNCASED` may hold more, never less: a letter outside it would be skipped."""
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    letters = "".join(regex.findall(names._UNCASED_LETTER, every))
    assert letters and re.fullmatch(names._MAYBE_UNCASED + "+", letters)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["محمد", "देव", "א", "ก", "\u0301", "é", "王", "김", "a", " ",
                                 "\t", "\n", "“", "ễ"]), max_size=16).map("".join))
def test_uncased_runs_read_inside_fast_runs_are_the_same(text: str) -> None:
    inside = [m.span() for run in names._MAYBE_UNCASED_RUN.finditer(text)
              for m in names._UNCASED_RUN.finditer(text, *run.span())]
    assert inside == [m.span() for m in names._UNCASED_RUN.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["محمد", "देव", "א", " ", "\t", "\n", "“", "ễ", "\u0301", "é",
                                 "É", "a", "A", "-", "'", "’", "x"]), max_size=16).map("".join))
def test_uncased_runs_are_found_as_the_run_pattern_finds_them(text: str) -> None:
    assert [m.span() for m in names._maybe_uncased_runs(text)] == [
        m.span() for m in names._MAYBE_UNCASED_RUN.finditer(text)]


_WORD_PIECES = ["Dr. ", "Mrs ", "name: ", "Name = '", "surname ", "by ", "and ", "\n", ", ",
                "Smith", "John", "Mark", "Rose", "Cox", "Wilson", "Okonkwo", "Snobol",
                "Station", "ICU", "MA", "KIM", "De", "Van", "Min-jun", "Kaplan-Meier", "Street",
                " ", "-", "'", "é", "x", "1"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_WORD_PIECES), max_size=10).map("".join),
       st.sampled_from([None, lambda text, start, end: False]))
def test_a_lone_word_is_judged_as_a_run_of_one(text: str, confirm: names.Confirm | None
                                               ) -> None:
    """`find_sure` judges one-word candidates without building runs: the same spans and
    scores as `_person_runs` reading the word as its only token."""
    recognizer = NameRecognizer(confirm=confirm)
    kinds, streets = recognizer.lists.kinds, names._run_breaking_streets()
    for match in names._CANDIDATE.finditer(text):
        value = match.group()
        if names._one_word(value):
            assert tuple(recognizer._lone_word(text, match.start(), value, kinds, streets)) == (
                tuple(recognizer._person_runs(text, match.start(), names._tokens(value),
                                              kinds, streets)))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["Ab", "AB", "Éé", "O'", "Mc", "De", "J.", "A", "B", "a", "b", "É",
                                 "é", "ß", "Ǆ", "ǅ", "\u0301", "'", "’", "-", " ", "\t", ",",
                                 ".", "_", "1"]), max_size=12).map("".join))
def test_a_one_word_candidate_is_the_one_token_it_reads_as(text: str) -> None:
    """`find_sure` does not read a candidate without blank, comma or period again."""
    for match in names._CANDIDATE.finditer(text):
        value = match.group()
        tokens = [(t.start(), t.end(), t.group()) for t in names._TOKEN.finditer(value)]
        if names._one_word(value):
            assert tokens == [(0, len(value), value)]
        else:
            assert len(tokens) >= 2 or "." in value


def test_every_character_a_cue_tail_may_hold_is_cut_off() -> None:
    """`_cue_level` finds the tail between a cue word and the name by stripping
    `_CUE_TAIL_CHARS`: a character a tail pattern accepts but that set lacks would hide
    the cue word before it."""
    missing = set()
    for code in range(0x10000):
        char = chr(code)
        if 0xD800 <= code < 0xE000 or char in names._CUE_TAIL_CHARS:
            continue
        # alone, or after the separators a tail can start with (`=>`, `->`)
        if any(tail.fullmatch(s) for tail in names._TAILS for s in (char, "=" + char, "-" + char)):
            missing.add(char)
    assert not missing


@pytest.mark.parametrize("title", HONORIFICS)
def test_every_shared_title_cues_a_name_in_prose_and_in_a_note(title: str) -> None:
    # one list of titles (`name_lists.HONORIFICS`) read by the prose and the note readers
    for text, name in ((f"We discussed it with {title.capitalize()}. Quillfeather today.",
                        "Quillfeather"),
                       (f"pt seen today. plan discussed with {title} quillfeather.",
                        "quillfeather")):
        assert name in [text[f.start:f.end] for f in scan_text(text) if f.entity == "PERSON"]


@pytest.mark.parametrize(("text", "name"), [
    ("Summarise the chart of patient oLuWaSeUn AdEbAyO please.", "oLuWaSeUn AdEbAyO"),
    ("patient KaRiN LoW was discharged", "KaRiN LoW"),
])
def test_a_name_in_case_toggled_letter_by_letter(text: str, name: str) -> None:
    assert name in [text[f.start:f.end] for f in scan_text(text) if f.entity == "PERSON"]


@pytest.mark.parametrize("text", [
    "Call getElementById in JavaScript on an iPhone; check mRNA and pH.",
    "token = 'aBcDeFgH1234'  # a test value",
    "The OpenStreetMap tiles load in a MacBookPro browser.",
])
def test_camel_case_and_tokens_are_no_toggled_names(text: str) -> None:
    assert [f for f in scan_text(text) if f.entity == "PERSON"] == []
