"""The pattern-recognizer machinery: label search, anchors and shared lower-casing give
the same matches as trying every position, only faster."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jupyter_safeai.scan.engine import Scanner
from jupyter_safeai.scan.recognizer import (
    ContextWords,
    LabelIndex,
    PatternRecognizer,
    anchor_starts,
    context_regex,
    cue_starts,
    literal_starts,
    matches_at,
    run_starts,
    trie,
)

LABELS = context_regex(["mrn", "medical record number", "mr#", "d.o.b", "a/c", "record no"])
# The slow form: look behind at every position, on lower-cased text.
SLOW_LABELS = re.compile(
    r"(?<![a-z])(?:medical[\s_-]*record[\s_-]*number|record[\s_-]*no|d\.o\.b|mr\#|mrn|a/c)"
    r"(?![a-z])")
LABEL_TEXT = st.lists(st.sampled_from(
    ["mrn", "MRN", "medical", " record ", "number", "no", "mr#", "d.o.b", "a/c", "x", "_", "-",
     " ", "\n", "9", ":", "İ"]), max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(LABEL_TEXT, st.integers(0, 20), st.integers(0, 60))
def test_label_search_finds_what_a_full_scan_finds(text: str, pos: int, endpos: int) -> None:
    lowered = text.lower()
    if len(lowered) != len(text):
        return  # such texts take the case-insensitive pattern, tested below
    expected = [m.span() for m in SLOW_LABELS.finditer(lowered, pos, endpos)]
    assert [m.span() for m in LABELS.finditer(text, pos, endpos)] == expected
    assert [m.span() for m in LABELS.finditer(text, pos, endpos, lowered=lowered)] == expected


def test_label_search_on_text_whose_length_changes_when_lower_cased() -> None:
    text = "İ MRN: 00483920"
    assert [text[m.start():m.end()] for m in LABELS.finditer(text)] == ["MRN"]


def test_label_words_are_whole_words() -> None:
    assert [m.group() for m in LABELS.finditer("smrn mrn2 a/c mrnx")] == ["mrn", "a/c"]


SAMPLE = re.compile(r"(?<![A-Za-z])(?i:sample|subj(?:ect)?)[-_]\d{3,}")
ANCHORED = PatternRecognizer("SAMPLE_ID", "genomic", SAMPLE, 0.7, anchors=("sample", "subj"))
PLAIN = PatternRecognizer("SAMPLE_ID", "genomic", SAMPLE, 0.7)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(
    ["sample", "SAMPLE", "Subject", "subj", "_", "-", "123", "4567", "x", " ", "ſample",
     "İ", "\u212a", "é"]), max_size=10).map("".join))
def test_anchored_pattern_finds_what_a_full_scan_finds(text: str) -> None:
    assert list(ANCHORED.find(text)) == list(PLAIN.find(text))


@pytest.mark.parametrize(("text", "expected"), [
    ("Sample_0042 and SUBJECT-123", [0, 16]),
    ("ſample_0042", None),  # the long s matches `s` case-insensitively: scan every position
    ("İ sample_001", None),  # lower-casing İ adds a character: offsets would move
])
def test_anchor_starts(text: str, expected: list[int] | None) -> None:
    assert anchor_starts(text, text.lower(), ("sample", "subj")) == expected


def test_matches_at_is_finditer_restricted_to_the_starts() -> None:
    pattern = re.compile(r"ab+")
    text = "abbb ab xab abab"
    everywhere = list(range(len(text)))
    assert [m.span() for m in matches_at(pattern, text, everywhere)] == [
        m.span() for m in pattern.finditer(text)]
    assert [m.span() for m in matches_at(pattern, text, [5, 14])] == [(5, 7), (14, 16)]


# Label sets whose first words nest across sets (`pt` in another set's `pt#`, `ser` in
# `serial`) or hold punctuation (`a/c`, `s/n`, `model/serial`), as the shipped sets do.
SETS = (LABELS, context_regex(["pt", "patient number", "record #", "serial"]),
        context_regex(["s/n", "sn", "model/serial", "ser"]),
        context_regex(["#", "1000g", "b.", "d.o.b", "dob", "pt#"]))
INDEX = LabelIndex(SETS)
INDEX_TEXT = st.lists(st.sampled_from(
    ["mrn", "MRN", "pt", "Pt#", "pt#", "record", " #", "#", "serial", "s/n", "SN", "model/",
     "ser", "1000g", "b.", "d.o.b", "dob", "number", "patient", "x", "_", "-", " ", "\n",
     "9", ":", "/", "é", "İ"]), max_size=14).map("".join)


@settings(max_examples=400, deadline=None)
@given(INDEX_TEXT)
def test_one_label_pass_gives_each_set_the_labels_its_own_search_finds(text: str) -> None:
    lowered = text.lower()
    labels = INDEX.scan(text, lowered)
    for words in SETS:
        starts = labels.starts(words)
        expected = [m.span() for m in words.finditer(text, lowered=lowered)]
        if len(lowered) != len(text):
            assert starts is None  # offsets would move: each set searches the text itself
            continue
        assert starts is not None
        assert [m.span() for m in matches_at(words.pattern, lowered, starts)] == expected


def test_label_index_knows_only_its_own_sets() -> None:
    text = "MRN 1234567"
    assert INDEX.scan(text, text.lower()).starts(context_regex(["mrn"])) is None
    assert INDEX.scan(text, text.lower()).starts(LABELS) == [0]


MRN_LIKE = PatternRecognizer("MEDICAL_RECORD_NUMBER", "phi", re.compile(r"(?<!\w)\d{4,9}"), 0.8,
                             context=SETS[1], window=20)
NEAR_AFTER = PatternRecognizer("SAMPLE_ID", "genomic", re.compile(r"(?<!\w)NA\d{3}"), 0.7,
                               context=SETS[2], window=20, context_after=True)
ENGINE_INDEX = LabelIndex.of([MRN_LIKE, NEAR_AFTER])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["pt", "PT#", "patient number", "record #", "serial", "s/n",
                                 " ", ": ", "1234", "56789", "NA123", "x", "\n", "İ", "ſ"]),
                max_size=12).map("".join))
def test_recognizer_with_shared_labels_finds_what_it_finds_alone(text: str) -> None:
    lowered = text.lower()
    labels = ENGINE_INDEX.scan(text, lowered)
    for recognizer in (MRN_LIKE, NEAR_AFTER):
        assert list(recognizer.find(text, lowered, labels)) == list(recognizer.find(text))


def test_label_index_skips_sets_read_after_a_match() -> None:
    assert ENGINE_INDEX.scan("s/n NA123", "s/n na123").starts(SETS[2]) is None


def test_scanner_shares_one_label_index_with_every_labelled_recognizer() -> None:
    scanner = Scanner(ner=False)
    text = "MRN: 00483920, acct 99120044"
    labels = scanner._labels.scan(text, text.lower())
    labelled = [r for r in scanner.recognizers if isinstance(r, PatternRecognizer)
                and isinstance(r.context, ContextWords) and not r.context_after]
    assert labelled and all(labels.starts(r.context) is not None for r in labelled)


TOKEN = re.compile(r"(?<![A-Za-z0-9_])(?:ghp_|sk-)[A-Za-z0-9]{4,8}(?![A-Za-z0-9_])")
PREFIXED = PatternRecognizer("GITHUB_TOKEN", "secret", TOKEN, 0.9, prefixes=("ghp_", "sk-"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["ghp_", "GHP_", "sk-", "sk", "-", "_", "abc1", "Z9", " ",
                                 "x"]), max_size=12).map("".join))
def test_prefixed_pattern_finds_what_a_full_scan_finds(text: str) -> None:
    assert list(PREFIXED.find(text)) == list(replace(PREFIXED, prefixes=()).find(text))


def test_literal_cue_and_run_starts() -> None:
    assert literal_starts("ab-ab ab", ("ab", "b-")) == [0, 1, 3, 6]
    # `-` cues overlap in "a-b-c": both are found
    assert cue_starts("a-b-c", (re.compile(r"-(?=\w-)"), re.compile(r"-(?=\w$)")), (1,)) == [
        0, 2]
    before = re.compile(r"(?s:.*)[^a-z]")
    assert run_starts("x jo@a bob@b @c", "@", before, 3) == [2, 7, 13]
    # a run longer than `longest` gives a start inside it, which a pattern rejects
    assert run_starts("abcdef@", "@", before, 3) == [2]


@settings(max_examples=200, deadline=None)
@given(st.sets(st.text(alphabet="ab.-", min_size=1, max_size=5), min_size=1, max_size=8),
       st.text(alphabet="ab.-", max_size=6))
def test_trie_matches_the_words_and_nothing_else(words: set[str], other: str) -> None:
    pattern = re.compile(trie(words))
    for word in words:
        assert pattern.fullmatch(word)
        assert pattern.match(word + "x").group() == max(
            (w for w in words if word.startswith(w)), key=len)  # the longest word
    assert bool(pattern.fullmatch(other)) == (other in words)


def test_the_any_case_pattern_is_compiled_only_for_a_text_that_needs_it() -> None:
    words = context_regex(["mrn", "record no"])
    assert [m.group() for m in words.finditer("MRN: 1, Record No 2")] == ["mrn", "record no"]
    assert words.search("the mrn 1") is not None
    assert "anycase" not in vars(words)  # not compiled: every text so far lower-cased alike
    assert [m.group() for m in words.finditer("İ MRN: 1")] == ["MRN"]
    assert "anycase" in vars(words)


def test_a_text_without_a_label_is_passed_at_once_with_the_same_findings() -> None:
    """`find` returns at once when the label index holds no label of a recognizer (or a
    needle is missing): what the full reading finds then is nothing too."""
    from jupyter_safeai.scan import default_scanner
    from jupyter_safeai.scan.recognizer import ContextWords, PatternRecognizer

    scanner = default_scanner()
    texts = ["MRN: 00123456 seen today", "Account 12-3456-78 closed", "nothing to see here",
             "card ending 4111 1111 1111 1111", "NPI 1234567893", "plate ABC 123, vin"]
    checked = 0
    for text in texts:
        lowered = text.lower()
        labels = scanner._labels.scan(text, lowered)
        for recognizer in scanner.recognizers:
            if not isinstance(recognizer, PatternRecognizer):
                continue
            full = list(recognizer._findings(
                text, recognizer._candidates(text, lowered, labels)))
            assert list(recognizer.find(text, lowered, labels)) == full
            checked += isinstance(recognizer.context, ContextWords) and bool(full)
    assert checked >= 3  # some labelled numbers were found, not only passed


def _code_point_trie(words: set[str]) -> str:
    """`trie` with its branches in code point order (as it was built before)."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict[str, dict]) -> str:
        alternatives = [re.escape(c) + branch(n) for c, n in sorted(node.items()) if c]
        if not alternatives:
            return ""
        return "(?:" + "|".join(alternatives) + ")" + ("?" if "" in node else "")

    return branch(root)


def test_trie_tries_common_letters_first() -> None:
    assert trie({"zq", "e", "t"}) == "(?:e|t|z(?:q))"
    assert trie({"a", "A", "1"}) == "(?:A|a|1)"  # a capital with its small letter


@settings(max_examples=300, deadline=None)
@given(st.sets(st.text("aAsSſkK\u212aeE1_", min_size=1, max_size=4), min_size=1, max_size=8),
       st.text("aAsSſkK\u212aeE1_ ", max_size=12))
def test_trie_in_any_case_matches_as_in_code_point_order(words: set[str], text: str) -> None:
    """Branches that a case-insensitive pattern may both match keep their order."""
    ours = re.compile(f"({trie(words)})", re.IGNORECASE)
    before = re.compile(f"({_code_point_trie(words)})", re.IGNORECASE)
    assert [m.span() for m in ours.finditer(text)] == [m.span() for m in before.finditer(text)]
