"""What the recognizers remember lives in the memo of the scanner that runs them: single
words across scans, whole texts only during a scan; no process-wide caches of user text."""

from __future__ import annotations

import ast
import threading
from pathlib import Path

import pytest

from jupyter_safeai.scan import Scanner, citations, code, memo, places, records
from jupyter_safeai.scan.memo import WORD_CHARS, Memo, memoised, per_scan
from jupyter_safeai.scan.names import NameRecognizer

SCAN_PACKAGE = Path(code.__file__).parent

#: A long token without blanks (a pasted blob) and an SSN right before a street number:
#: the street reader asks about the words before a number; neither is a word to keep.
_BLOB = "Zq" * 40
TEXT = (
    "Patient Harriet Quinlan-Abernethy was seen by Dr. Osvaldo Petrakis today.\n"
    f"SSN 219-09-9999, lives at {_BLOB} 14 Larkspur Avenue, Dunmore, PA 18512.\n"
    "patient_name: Harriet Quinlan\n"
    "See Quinlan H, Petrakis O. \"Gait after stroke.\" J Rehab Med. 2019;51(3):12-19.\n"
)
CODE = "import os\nname = 'Osvaldo Petrakis'\nprint(name)\n"


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    return Scanner(ner=False)


def _kept(scanner: Scanner) -> list[str]:
    return [key for key in scanner.memo.held() if isinstance(key, str)]


def test_after_a_scan_only_single_words_are_kept(scanner: Scanner) -> None:
    scanner.forget()
    assert scanner.scan(TEXT) and scanner.scan(CODE)
    kept = _kept(scanner)
    assert "Larkspur" in kept  # the memo is used: a word of the text is remembered
    for key in kept:
        assert not any(c.isspace() or c.isdigit() for c in key), key
        assert len(key) <= WORD_CHARS, key
    assert _BLOB not in "".join(kept)


def test_a_scan_leaves_no_per_scan_answer(scanner: Scanner) -> None:
    scanner.forget()
    scanner.scan(TEXT)
    for key in scanner.memo.held():
        assert not (isinstance(key, str) and (key in (TEXT, CODE) or "\n" in key))


def test_two_scanners_do_not_share_what_they_remember() -> None:
    first, second = Scanner(ner=False), Scanner(ner=False)
    first.scan(TEXT)
    assert len(first.memo) > 0
    assert len(second.memo) == 0
    second.scan("Osvaldo called.")
    assert "Larkspur" not in _kept(second)


def test_forget_empties_the_memo(scanner: Scanner) -> None:
    scanner.scan(TEXT)
    assert len(scanner.memo) > 0
    findings = scanner.scan(TEXT)
    scanner.forget()
    assert len(scanner.memo) == 0 and list(scanner.memo.held()) == []
    assert scanner.scan(TEXT) == findings  # forgetting changes no finding


def _counting() -> tuple[list[str], object, object]:
    calls: list[str] = []

    def upper(word: str) -> str:
        calls.append(word)
        return word.upper()

    return calls, memoised(maxsize=4)(upper), per_scan(maxsize=4)(upper)


def test_lasting_answers_are_about_words_and_per_scan_ones_end_with_the_scan() -> None:
    calls, lasting, this_scan = _counting()
    kept = Memo()
    with kept.scan():
        assert lasting("word") == lasting("word") == "WORD"
        assert lasting("two words") == lasting("two words") == "TWO WORDS"
        assert lasting("mrn4417") == lasting("mrn4417") == "MRN4417"
        assert this_scan("text") == this_scan("text") == "TEXT"
    assert calls == ["word", "two words", "mrn4417", "text"]  # once each in the scan
    assert list(kept.held()) == ["word"]
    with kept.scan():
        assert (lasting("word"), lasting("two words"), lasting("mrn4417"), this_scan("text")) == (
            "WORD", "TWO WORDS", "MRN4417", "TEXT")
    assert calls == ["word", "two words", "mrn4417", "text", "two words", "mrn4417", "text"]


def test_a_cache_is_emptied_at_its_bound() -> None:
    calls, lasting, _ = _counting()
    kept = Memo()
    with kept.scan():
        for word in "abcdef":
            lasting(word)
    assert len(kept) <= 4
    with kept.scan():
        lasting("f")
    assert calls == list("abcdef")


def test_without_a_running_scan_functions_compute_and_keep_nothing() -> None:
    calls, lasting, this_scan = _counting()
    assert lasting("word") == lasting("word") == this_scan("word") == "WORD"
    assert calls == ["word"] * 3
    assert memo.table(object()) == {}
    assert code.python_source(CODE) == CODE
    assert code.python_source(TEXT) is None
    for line in TEXT.splitlines():
        assert citations.bibliography_entry(line, 0, len(line)) == (
            citations.bibliography_entry.__wrapped__(line, 0, len(line)))
    assert places.street_starts(TEXT) == places._number_starts.__wrapped__(TEXT)[0]
    assert records.record_entity("patient_name") == records.record_entity.__wrapped__(
        "patient_name")
    recognizer = NameRecognizer()
    bare = [(f.start, f.end) for f in recognizer.find(TEXT)]
    with Memo().scan():
        remembered = [(f.start, f.end) for f in recognizer.find(TEXT)]
    assert bare == remembered and bare


def test_a_thread_sees_only_the_memo_of_its_own_scan() -> None:
    ours, theirs = Memo(), Memo()
    _, lasting, _ = _counting()
    started, checked = threading.Event(), threading.Event()
    seen: dict[str, object] = {}

    def other_scan() -> None:
        lasting("unscanned")  # no scan running in this thread: nothing is kept
        with theirs.scan():
            lasting("theirs")
            started.set()
            checked.wait(10)

    with ours.scan():
        thread = threading.Thread(target=other_scan)
        thread.start()
        assert started.wait(10)
        lasting("ours")
        seen["ours"], seen["theirs"] = list(ours.held()), list(theirs.held())
        checked.set()
        thread.join(10)
    assert seen == {"ours": ["ours"], "theirs": ["theirs"]}


def test_scanners_in_two_threads_keep_their_own_words() -> None:
    first, second = Scanner(ner=False), Scanner(ner=False)
    texts = {"first": "Osvaldo Petrakis called.", "second": "Harriet Quinlan called."}
    expected = {name: Scanner(ner=False).scan(text) for name, text in texts.items()}
    results: dict[str, list[object]] = {}

    def run(name: str, scanner: Scanner, text: str) -> None:
        results[name] = [scanner.scan(text) for _ in range(20)]

    threads = [threading.Thread(target=run, args=(name, scanner, texts[name]))
               for name, scanner in (("first", first), ("second", second))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert all(expected.values())
    assert results == {name: [findings] * 20 for name, findings in expected.items()}
    assert "Osvaldo" in _kept(first) and "Osvaldo" not in _kept(second)
    assert "Harriet" in _kept(second) and "Harriet" not in _kept(first)


#: lru_caches with more than one entry allowed in scan/: their arguments come from the
#: package's own patterns and flags, never from a scanned text.
_PATTERN_CACHES = {
    ("names.py", "_words_of_script"),  # a script's letter class
    ("english_words.py", "_index_words"),  # a part of speech's key in the model's index
    ("names.py", "_cue_words"),  # four flags
    ("prefilter.py", "_starts"),  # a recognizer's regex source and flags
    ("phones.py", "_compiled"),  # phonenumbers' format patterns
    ("start_index.py", "not_after"),  # a recognizer's compiled regex
    ("shapes.py", "shape_gates"),  # a recognizer's compiled regex
}


def _cache_size(call: ast.expr) -> int | None:
    """The maxsize of `lru_cache(...)` / `functools.cache`, or None if `call` is neither;
    an unbounded cache counts as huge."""
    target = call.func if isinstance(call, ast.Call) else call
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", None)
    if name == "cache":
        return 1 << 30
    if name != "lru_cache":
        return None
    if not isinstance(call, ast.Call):
        return 128  # a bare `@lru_cache` keeps 128
    size = call.args[0] if call.args else next(
        (k.value for k in call.keywords if k.arg == "maxsize"), ast.Constant(128))
    return size.value if isinstance(size, ast.Constant) and size.value is not None else 1 << 30


def _larger_caches(tree: ast.Module) -> list[tuple[str, int]]:
    """(where, maxsize) of every lru_cache larger than one entry: as a decorator or called
    on a function (`lru_cache(maxsize=9)(f)`)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for decorator in node.decorator_list:
                size = _cache_size(decorator)
                if size is not None and size > 1:
                    found.append((node.name, size))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Call):
            size = _cache_size(node.func)
            if size is not None and size > 1:
                found.append((f"line {node.lineno}", size))
    return found


def test_the_rule_finds_a_larger_cache() -> None:
    source = ("from functools import lru_cache, cache\nimport functools\n"
              "@lru_cache(maxsize=1)\ndef a(): ...\n@lru_cache(maxsize=64)\ndef b(t): ...\n"
              "@functools.lru_cache\ndef c(t): ...\n@cache\ndef d(t): ...\n"
              "e = lru_cache(None)(print)\n")
    assert [where for where, _ in _larger_caches(ast.parse(source))] == ["b", "c", "d", "line 11"]


def test_no_module_of_the_scanner_keeps_its_own_cache_of_user_text() -> None:
    """Caches of more than one entry belong in a scanner's memo (`memo.py`): only data
    loaded once (maxsize=1) and caches of the package's own patterns stay module-level."""
    modules = sorted(SCAN_PACKAGE.rglob("*.py"))
    assert len(modules) > 40 and SCAN_PACKAGE / "secrets" / "tokens.py" in modules
    offenders = [(name, where, size)
                 for path in modules if (name := path.relative_to(SCAN_PACKAGE).as_posix())
                 != "memo.py"
                 for where, size in _larger_caches(ast.parse(path.read_text(encoding="utf-8")))
                 if (name, where) not in _PATTERN_CACHES]
    assert offenders == []
