"""The name readers' cheaper passes read what the passes they stand for read.

Each shortcut (a stretch of east-Asian characters instead of the whole text, the scan's
label index instead of a pattern tried at every letter, `re` on ASCII text instead of
`regex`, a search from a word's capital) is compared with the plain reading on made-up
text, inside a scan (the engine's shared view and index) and outside one."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jupyter_safeai.scan import loose_names, memo, names, prose_names
from jupyter_safeai.scan.memo import Memo
from jupyter_safeai.scan.name_context import name_giving_ends
from jupyter_safeai.scan.name_lists import name_lists
from jupyter_safeai.scan.recognizer import LabelIndex, context_regex
from jupyter_safeai.scan.scan_view import ScanView

_RECOGNIZER = names.NameRecognizer()


# -- east-Asian names: only the stretches of their characters are read --------------

_CJK_PIECES = ["山田", "太郎", "王", "伟", "さん", "くみ子", "サトウ", "・", "タロウ", "김민준",
               "박서연", "최적화", "患者", "환자", " ", "\t", "\u3000", "\n", "a", "Dr. ",
               "Patient: ", " called ", "’", "😀", ":", "ア", "가"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_CJK_PIECES), max_size=14).map("".join))
def test_east_asian_names_read_in_stretches_are_those_read_in_the_whole_text(
        text: str) -> None:
    stretches = names._cjk_stretches(text)
    assert bool(stretches) == names._has_east_asian(text)
    whole = [(f.start, f.end, f.score) for f in _RECOGNIZER._east_asian(text, [(0, len(text))])]
    assert [(f.start, f.end, f.score) for f in _RECOGNIZER._east_asian(text, stretches)] == whole


def test_a_stretch_holds_a_name_split_by_an_ideographic_blank_and_stops_at_latin() -> None:
    text = "Seen by 山田\u3000太郎 and 김민준, then x."
    assert [text[a:b] for a, b in names._cjk_stretches(text)] == ["山田\u3000太郎", "김민준"]
    assert names._cjk_stretches("plain ascii, “quoted” — 😀 café") == []


# -- case-toggled words: searched from their first capital ----------------------------

@pytest.mark.parametrize(("text", "read"), [
    ("rAcHeL RoDrIgUeZ called", "Rachel Rodriguez called"),
    ("seen by dAnIeL FoX today", "seen by Daniel Fox today"),
    ("the key aBcD9 and x_aBcD stay", "the key aBcD9 and x_aBcD stay"),
    ("mIxEd", "Mixed"),
    ("iPhone and eBay are brands", "iPhone and eBay are brands"),
])
def test_case_toggled_words_are_capitalised_and_tokens_left_alone(text: str, read: str) -> None:
    assert names._untoggled(text) == read


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="aAbBzZ 0_-’é.\n", max_size=30))
def test_toggled_words_are_found_where_a_small_letter_opens_them(text: str) -> None:
    plain = [(m.start(), m.end()) for m in re.finditer(r"[a-z][A-Z][a-z][A-Z][A-Za-z]*", text)]
    found = [(m.start() - 1, m.end()) for m in names._TOGGLED.finditer(text)]
    assert found == plain


# -- capitalised candidates: `re` on ASCII text ---------------------------------------

_ASCII_PIECES = ["Ana", "Ruiz", "O'Neil", "Al-Rashid", "ADEBAYO", "McDonald", "M", "J.", "van",
                 "de", "la", " ", "  ", ",", ", ", ".", "\t", "x", "1", "_", "Dr", "\n", "it's"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_ASCII_PIECES), max_size=14).map("".join))
def test_candidates_on_ascii_text_are_those_regex_finds(text: str) -> None:
    assert [m.span() for m in names._CANDIDATE_ASCII.finditer(text)] == [
        m.span() for m in names._CANDIDATE.finditer(text)]


def test_the_ascii_reading_refuses_a_class_it_does_not_translate() -> None:
    import regex

    with pytest.raises(ValueError):
        names._on_ascii(regex.compile(r"\p{N}+"))
    with pytest.raises(ValueError):
        names._on_ascii(regex.compile(r"\p{Lu}", regex.IGNORECASE))


# -- the lower-case reader's words: from the scan's label index -----------------------

_LOOSE_PIECES = ["pt", "pts", "patient", "mr", "mrs", "dr", "name", "named", "next of kin",
                 "son", "re", "re-", "seen", "dob", "d.o.b", "mrn", "age", "aged", "ages",
                 "born", "heard", "hear", "watched", "saw", "listened to", "speak", "sing",
                 "ana", "ruiz", "x", " ", ": ", ".", ",", "\n", "1", "67", "é", "K"]
_LOOSE_INDEX = LabelIndex(loose_names.LooseNameRecognizer.anchor_words)


def _in_a_scan(text: str, read):  # type: ignore[no-untyped-def]
    """`read(text, lowered)` inside a scan whose view has the label index's starts."""
    lowered = text.lower()
    with Memo().scan():
        memo.share(ScanView(text, lowered, _LOOSE_INDEX.scan(text, lowered)))
        return read(text, lowered)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_LOOSE_PIECES), max_size=14).map("".join))
def test_cue_and_age_words_from_the_index_are_those_the_patterns_find(text: str) -> None:
    lowered = text.lower()
    cues = [m.span() for m in loose_names._CUE_LABELS.finditer(lowered)]
    ages = loose_names._whole_words(lowered, loose_names._AGE_OR_DOB_WORDS)

    def read(text: str, lowered: str) -> tuple[list[tuple[int, int]], list[int]]:
        return ([m.span() for m in loose_names._cue_labels(text, lowered)],
                loose_names._age_words(text, lowered))

    assert _in_a_scan(text, read) == (cues, ages)
    assert read(text, lowered) == (cues, ages)  # outside a scan: `str.find` on the words


def test_a_cue_word_inside_another_word_is_no_cue() -> None:
    text = "pt maria garcia 67 yo; the report is done; aged 80; sage advice"
    read = _in_a_scan(text, lambda t, low: (
        [m.group() for m in loose_names._cue_labels(t, low)], loose_names._age_words(t, low)))
    assert read == (["pt"], [text.index("aged")])


@pytest.mark.parametrize(("text", "found"), [
    ("have you heard nijito asano speak yet?", ["nijito asano"]),
    ("heard nijito asano speak yet?", []),  # no blank before the verb: not read, as before
    ("we saw dagny play last night", ["dagny"]),
    ("the watchdog saw nothing", []),
])
def test_heard_speaking_reads_a_verb_after_a_blank(text: str, found: list[str]) -> None:
    reader = loose_names.LooseNameRecognizer()
    for spans in (_in_a_scan(text, lambda t, _: list(reader._heard_speaking(t))),
                  list(reader._heard_speaking(text))):
        assert [text[f.start:f.end] for f in spans] == found


# -- prose: titles in one pass, roles only after ` as `, name-giving once a scan ------

def _titles_found_word_by_word(text: str) -> list[tuple[int, int]]:
    spans = []
    for title in prose_names._INITIAL_TITLES:
        at = text.find(title)
        while at >= 0:
            match = prose_names._TITLED_INITIALS.match(text, at) if (
                prose_names._INITIAL_AFTER_TITLE.match(text, at + len(title))) else None
            if match is not None:
                spans.append((match.start(1), match.end(1) - (match.group(1)[-1] == " ")))
            at = text.find(title, at + 1)
    return spans


@pytest.mark.parametrize("text", [
    "Mr K. L. Varga and Dr R. Okonedo met Mr F.L. and Ms A.-M. Lindqvist",
    "Messrs P. Q. Halloran; Judge T. Benedek; Prof. Z. Y. Aranda; Mme C. D.",
    "MrMs Dr.Mr no titles here",
])
def test_titles_read_in_one_pass_give_the_initials_in_the_titles_order(text: str) -> None:
    assert list(prose_names.case_names(text)) == _titles_found_word_by_word(text)
    assert all(title[0].isupper() and title[1:].islower()
               for title in prose_names._INITIAL_TITLES)  # no two overlap


@pytest.mark.parametrize(("text", "role"), [
    ("Please add Tomasz Wrobel as a beneficiary today.", True),
    ("We listed Ilse Berg as their co-signer.", True),
    ("Add Ida Varga as my power of attorney.", True),
    ("The beneficiary form, as requested, is attached.", False),
    ("Use the column as an index; the list of every witness is kept apart.", False),
])
def test_a_role_is_looked_for_right_after_as(text: str, role: bool) -> None:
    assert prose_names._role_after_as(text, text.lower()) is role
    lists = name_lists()
    found = [text[a:b] for a, b in prose_names.person_words(text, lists, ())]
    assert bool(found) is role


def test_name_giving_is_worked_out_once_a_scan() -> None:
    text = "hi, my name is Okonjo and everyone calls me Oko"
    lowered = text.lower()
    with Memo().scan():
        first = name_giving_ends(text, lowered)
        assert name_giving_ends(text, lowered) is first
    assert name_giving_ends(text, lowered) == first == [15, 44]


def test_the_loose_readers_words_are_in_the_index_it_declares() -> None:
    words = loose_names.LooseNameRecognizer.anchor_words
    assert loose_names._CUE_ANCHORS in words and loose_names._AGE_WORD_ANCHORS in words
    assert context_regex(("hear",)).firsts == ("hear",)


# -- a word said to be someone by a verb: its shape read once for the three readers ---

_VERB_PIECES = ["Okonjo", "McAllister", "ChatGPT", "Streamlit", "Ng", "asked ", "met ", " said",
                " replied", "'s wife", "’s knee", ", aged 61,", " (age 54) ", ", who ", " about",
                ".", " ", "the ", "x", "\n"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_VERB_PIECES), max_size=8).map("".join))
def test_someone_by_verb_is_any_of_the_three_readers(text: str) -> None:
    from jupyter_safeai.scan import name_verbs

    for candidate in re.finditer(r"[A-Z][\w'’]*", text):
        start, end = candidate.span()
        assert name_verbs.someone_by_verb(text, start, end) == (
            name_verbs.said_by_someone(text, start, end)
            or name_verbs.object_of_person_verb(text, start, end)
            or name_verbs.possessive_of_person(text, start, end))


# -- a surname's particles before it: the pattern searched only after a particle ------

@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["van ", "von ", "de ", "der ", "della ", "dos ", "ten ", "x",
                                 "a", " ", "\n", "Berg", "Van ", "-", "'", "1", "é"]),
                max_size=8).map("".join))
def test_particles_are_searched_for_only_where_one_ends(text: str) -> None:
    for start in range(len(text) + 1):
        plain = names._SURNAME_PARTICLES_BEFORE.search(text, max(0, start - 12), start)
        last = start - 1 if text[start - 1:start] == "\n" else start
        if plain is not None:  # every match ends as the pre-check says
            assert text.endswith(names._SURNAME_PARTICLE_ENDS, max(0, start - 12), last)


def test_a_particle_led_surname_is_still_read_and_a_word_after_van_inside_a_word_not() -> None:
    recognizer = names.NameRecognizer()
    text = "we asked van de Pavert. The vanguard Smith stayed."
    for word, led in (("Pavert", "van de Pavert"), ("Smith", None)):
        start = text.index(word)
        found = recognizer._particle_surname_in_strong_slot(
            text, start, start + len(word), word)
        assert (text[found:start + len(word)] if found is not None else None) == led


# -- the prose readers' anchor words found in the label index's pass ------------------

_ANCHOR_PIECES = ["met with", "with", "said ", "hi", "in love", "loves ", "speak to", "told ",
                  "thank you", "you", "house officer", "officer", "had given", "dear", "mrn",
                  "dob", "pt", "patient", "sage", "x", " ", ".", "(", "\n", "1", "K", "é"]
_WITH_HITS = LabelIndex([*loose_names.LooseNameRecognizer.anchor_words, context_regex(
    ("mrn", "dob", "patient"))], prose_names.ANCHOR_WORDS)
_WITHOUT_HITS = LabelIndex([*loose_names.LooseNameRecognizer.anchor_words, context_regex(
    ("mrn", "dob", "patient"))])


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_ANCHOR_PIECES), max_size=14).map("".join))
def test_anchor_hits_of_the_label_pass_are_those_of_their_own_search(text: str) -> None:
    lowered = text.lower()
    labels = _WITH_HITS.scan(text, lowered)
    alone = _WITHOUT_HITS.scan(text, lowered)
    assert labels.hits == prose_names._anchor_hits(lowered)  # inside `met with` no `with`
    for words in loose_names.LooseNameRecognizer.anchor_words:  # the labels' starts as before
        assert labels.starts(words) == alone.starts(words)
    assert alone.hits is None


def test_prose_anchors_come_from_the_scan_only_for_its_own_text() -> None:
    text = "we met with Okonjo and said hi to Dagny; thank you"
    lowered = text.lower()
    labels = _WITH_HITS.scan(text, lowered)
    own = prose_names._anchor_hits(lowered)
    assert [word for _, word in own] == ["met with", "said ", "thank you"]
    with Memo().scan():
        memo.share(ScanView(text, lowered, labels))
        assert prose_names.prose_anchors(text, lowered) is labels.hits
        assert prose_names.prose_anchors(text, text.lower()) == own  # another lower case
        assert prose_names.prose_anchors(text[:30], lowered[:30]) == own[:2]
    assert prose_names.prose_anchors(text, lowered) == own  # no scan running


def test_the_scanner_s_index_finds_the_name_readers_anchor_words() -> None:
    from jupyter_safeai.scan import default_scanner

    assert default_scanner()._labels._hit_words is prose_names.ANCHOR_WORDS
    assert names.NameRecognizer.hit_words is prose_names.ANCHOR_WORDS


_FOLD_PIECES = ["said ", "met with", "hi", "mrn", "pt", "dob", " ", ".", "\n", "K",
                "\u212a", "\u0130", "é", "ß", "ﬁ", "Th", "-", "'", "1"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_FOLD_PIECES), max_size=12).map("".join),
       st.sampled_from([str, str.upper, str.title]))
def test_the_scanner_s_own_index_gives_the_separate_search_s_anchor_hits(
        text: str, case: object) -> None:
    """The real scanner's index (all its labels' first words beside the anchor words), on
    case-folding traps: the Kelvin sign lowers to `k` in place; `İ` lengthens the lower
    case, and then the index gives no hits (the readers search themselves)."""
    from jupyter_safeai.scan import default_scanner

    text = case(text)  # type: ignore[operator]
    lowered = text.lower()
    labels = default_scanner()._labels.scan(text, lowered)
    if len(lowered) != len(text):
        assert labels.hits is None
    else:
        assert labels.hits == prose_names._anchor_hits(lowered)
