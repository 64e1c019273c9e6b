"""The fast paths of the table, record, case-number, concatenation and speaker readers
find what the plain searches they replace find (hypothesis over texts built of the
pieces and characters those searches turn on), plus look-alikes that must not be read."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from jupyter_safeai.scan import case_numbers, concat, records, tables
from jupyter_safeai.scan.recognizer import literal_starts, matches_at
from jupyter_safeai.scan.speakers import _SPEAKER, speaker_matches
from tests.scan.found_text import pairs_of


def _texts(pieces: list[str], size: int = 14) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=size).map("".join)


# -- speakers: the pattern tried only at the starts of lines with a colon and a blank ----
_SPEAKER_PIECES = ["Ann", "DR SMITH", "Tom Lee", "maria", "É", "Zoë", ":", ": ", ":\t", " ",
                   "\t", "\n", "\r", "\u2028", "> ", "**", "hi", "(ok)", "'", "x = 1", "-"]


@settings(max_examples=500, deadline=None)
@given(_texts(_SPEAKER_PIECES))
def test_speaker_lines_are_the_matches_of_the_whole_text(text: str) -> None:
    expected = [m.span() for m in _SPEAKER.finditer(text)]
    assert [m.span() for m in speaker_matches(text)] == expected


def test_speaker_pattern_is_tried_only_at_a_line_start() -> None:
    assert [m.group(1) for m in speaker_matches("x Ann: hi\nTom: hello\nNote: Bo: yes")] == [
        "Tom", "Note"]


# -- concat: one class of the meetings' first characters, then the meeting --------------
#: `concat.has_joint` as a plain alternation (a branch of classes: tried at every position).
_PLAIN_JOINT = re.compile(
    r"[\"']\s{0,20}\+\s{0,20}[rRuUbBfF]{0,2}[\"']"
    r"|[\"'][ \t]{0,20}\\?\r?\n?[ \t]{0,40}[rRuUbBfF]{0,2}[\"'](?<!'')(?<!\"\")"
    r"|[fF][rR]?[\"'][^\"'\n{]{0,400}\{")
_JOINT_PIECES = ['"', "'", "f", "F", "r", "b", " ", "\t", "\n", "\r", "\\", "+", "{", "}",
                 "ab", "x = ", "if"]


@settings(max_examples=800, deadline=None)
@given(_texts(_JOINT_PIECES, 12))
def test_a_joint_is_found_where_the_plain_alternation_finds_one(text: str) -> None:
    assert concat.has_joint(text) == (_PLAIN_JOINT.search(text) is not None)


def test_joined_literals_still_read_and_single_literals_do_not() -> None:
    assert [j for j, _ in concat.joined_literals('t = "abcd" + "efgh"')] == ["abcdefgh"]
    assert list(concat.joined_literals('t = "abcdefgh"  # fine')) == []


# -- case numbers: the marks' first letters in one class --------------------------------
_PLAIN_MARK = re.compile(
    r"(?<![a-z])(?:(?:nos?|nr|numbers?)(?![a-z])\.?[ \t]*:?|n°|#"
    r"|(?P<label>docket(?![a-z])|ref(?![a-z])[.:]?))[ \t]*")
_MARK_STARTS = ("no", "nr", "num", "n°", "#", "docket", "ref")
_MARK_PIECES = ["no", "nos", "nr", "number", "numbers", "n°", "#", "docket", "ref", "ref.",
                ":", ".", " ", "\t", "a", "1", "case ", "snow", "-", "x"]


@settings(max_examples=800, deadline=None)
@given(_texts(_MARK_PIECES))
def test_case_marks_are_those_tried_at_every_mark_start(text: str) -> None:
    plain = matches_at(_PLAIN_MARK, text, literal_starts(text, _MARK_STARTS))
    assert [(m.span(), bool(m.group("label"))) for m in case_numbers._MARK.finditer(text)] == [
        (m.span(), bool(m.group("label"))) for m in plain]


# -- records: every separator's key read backwards in one search -----------------------
_KEY_BACKWARDS = re.compile(r"""[ \t]*["']?[\w.-]{0,40}[A-Za-z_]["']?""")
_PAIR_PIECES = ["mrn", "dob", "x", "_", "a.b", "-", "1", " ", "\t", '"', "'", ":", "=", "=>",
                "\n", ",", "{", "}", "é"]


@settings(max_examples=800, deadline=None)
@given(_texts(_PAIR_PIECES, 16))
def test_keys_read_backwards_start_where_each_separator_s_key_does(text: str) -> None:
    backwards = text[::-1]
    plain = sorted({len(text) - key.end() for sep in re.finditer("[:=]", text)
                    if (key := _KEY_BACKWARDS.match(backwards, len(text) - sep.start()))})
    assert sorted({len(text) - key.end(1) for keys in records._KEYS_BACKWARDS
                   for key in keys.finditer(backwards)}) == plain


# -- tables: a field no column name can be, found without splitting --------------------
_LINE_PIECES = ["mrn", "dob", "patient_name", "Name", "#", "(x)", "1", "00483920", ",", ";",
                "|", "\t", " ", "  ", '"', "'", "-", "---", ":", "\u00a0", ".", "é"]


@settings(max_examples=1000, deadline=None)
@given(_texts(_LINE_PIECES, 10))
def test_a_field_that_is_no_column_name_is_seen_without_splitting(line: str) -> None:
    for layout in (*tables._SEPARATORS, None):
        names = [line[s:e] for s, e in tables._fields(line, layout)]
        if tables._NO_NAME_FIELD[layout].search(line):
            assert not all(tables._COLUMN_NAME.fullmatch(n) for n in names if n)


def _plain_table_find(text: str) -> list[tuple[int, int, str]]:
    """The table reader as it read every line (before reading only lines above a row)."""
    if "\n" not in text:
        return []
    found, lines = [], text.split("\n")
    widths = [len(line.rstrip()) for line in lines]
    i, base = 0, 0
    while i < len(lines):
        aligned = tables._aligned_header(lines[i], lines[i + 1]) if (
            i + 1 < len(lines) and widths[i] == widths[i + 1] and widths[i + 1]) else None
        header = tables._header(lines[i]) if aligned is None else None
        base += len(lines[i]) + 1
        i += 1
        if aligned is not None:
            rows_found, rows = tables._aligned_rows(lines, i, base, aligned)
            found += [(f.start, f.end, f.entity) for f in rows_found]
            for _ in range(rows):
                base += len(lines[i]) + 1
                i += 1
            continue
        if header is None:
            continue
        separator, entities = header
        while i < len(lines) and lines[i].strip():
            row = lines[i]
            if separator != "|" or not set(row.strip()) <= tables._RULE_CHARS:
                spans = tables._fields(row, separator)
                shift = len(spans) - len(entities)
                if shift not in (0, 1):
                    break
                label = row[spans[0][0]:spans[0][1]].strip().lower() if shift else ""
                for (start, end), entity in zip(spans[shift:], entities, strict=True):
                    if entity is not None and label not in tables._SUMMARY_ROWS and (
                            tables._finding_value(entity, row[start:end])):
                        found.append((base + start, base + end, entity[0]))
            base += len(row) + 1
            i += 1
    return found


_TABLE_LINES = ["   mrn       glucose", "0  00483920  142", "1  00519311  98", "",
                "mrn,dob,glucose", "00483920,1961-02-03,142", "| Name | Phone |",
                "|---|---|", "| Ann Lee | 555-201-3344 |", " patient_name  age",
                "   Maria Lopez   93", "count   3.0   2.0", "prose, with a comma",
                "ssn;zip", "219-09-9999;02139"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_TABLE_LINES), max_size=9).map("\n".join))
def test_tables_read_only_above_a_row_find_what_reading_every_line_did(text: str) -> None:
    assert [(f.start, f.end, f.entity) for f in tables.TextTableRecognizer().find(text)] == (
        _plain_table_find(text))


def test_a_header_with_no_row_below_is_not_read() -> None:
    found = pairs_of(tables.TextTableRecognizer().find)
    assert found("mrn  glucose\n\n00483920  142\n") == []
    assert found("mrn  glucose\n00483920  142\n") == [("MEDICAL_RECORD_NUMBER", "00483920")]


# -- records: a value with a bracket anywhere is code ----------------------------------
_PLAIN_CODE_VALUE = re.compile(
    r"[\w.]*[(\[]|^\w+\.\w+|^(?:None|True|False|null|true|false)$|^[$%=!<>]")
_VALUE_PIECES = ["a", "x.y", "_", "(", "[", "]", ")", " ", "None", "true", "$", "%", "=",
                 "!", "<", "7", ".", "é"]


@settings(max_examples=800, deadline=None)
@given(_texts(_VALUE_PIECES, 10))
def test_code_values_are_those_the_word_led_pattern_finds(value: str) -> None:
    assert (records._CODE_VALUE.search(value) is None) == (
        _PLAIN_CODE_VALUE.search(value) is None)


def test_a_record_value_with_a_call_is_code_and_a_name_is_not() -> None:
    found = pairs_of(records.RecordRecognizer().find)
    assert found('patient_name = load_name(row)\nmrn = "00483920"\n') == [
        ("MEDICAL_RECORD_NUMBER", "00483920")]
    assert found('patient_name: "Maria Lopez"\nmrn: 00483920\n') == [
        ("PERSON", "Maria Lopez"), ("MEDICAL_RECORD_NUMBER", "00483920")]


def test_aligned_rows_give_each_word_the_column_that_ends_at_or_after_it() -> None:
    found = pairs_of(tables.TextTableRecognizer().find)
    text = ("patient_name          mrn  glucose\n"
            "  Maria Lopez     00483920      142\n"
            "     Ann Lee      00519311       98")
    assert found(text) == [("PERSON", "Maria Lopez"), ("MEDICAL_RECORD_NUMBER", "00483920"),
                           ("PERSON", "Ann Lee"), ("MEDICAL_RECORD_NUMBER", "00519311")]
