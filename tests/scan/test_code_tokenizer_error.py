"""The tokenizer pre-test that spares `ast.parse` on prose is never wrong: whatever it
rejects fails to parse, so `python_source` answers as it did with the parse alone."""

from __future__ import annotations

import ast
import inspect
import random
import textwrap
import warnings

import pytest

from jupyter_safeai.scan import code
from jupyter_safeai.scan.code import _tokenizer_error, python_source
from tests.scan.python_parse import parses as _parses

REJECTED = [
    # a number run on into a word: leading zeros, a letter after digits
    "x = f(a)\nSeen on 04/22/1977 in clinic",
    "rows = load()\n0  Wren Halloway  00417 Birch Row",
    "plate = get()\nPlate number 4KQZ812 on the lot",
    "x = 1\n- creatinine above 3x ULN",
    "x = 1.5e+q",
    "y = 0x",
    "z = 1_",
    "w = 1.__class__",
    ".5abc = 1",
    # a string left open on its line, or three quotes never closed
    "x = 1\nWhat's the plan for the ward?",
    "print(df)\nGraves' disease   41",
    'x = "an open string\ny = 2',
    "x = 1\nnote = '''\nnever closed",
    'x = 1\nnote = """\nnever closed',
    "x = 'ends at the end",
    # a character no token holds
    "x = 1\ncost = $40",
    "x = 1\nwhy?",
    "x = `y`",
    "x = 1\nwow!",
    "x = a \\ b",
    "x = 1\nIt’s late",
    "x = 1\nsee above — below",
    "x\u00a0= 1",
]

ACCEPTED = [
    "x = 1 if y else 2",
    "x = [1for y in z]",
    "x = 0x1f or y",
    "x = 1and y",
    "x = 07.5 + 00 + 0_0 + 07e1 + 07j + 0o17 + 0b1_0 + 0X_1F",
    "x = 1_000.5_5e1_0j + .5 + 1. + 1.e5",
    "s = \"It's fine\"\n# What's in a comment is not read\nt = '''What's'''",
    "s = 'a\\\nb'",
    "x = (1 +\\\n     2)",
    "x = 1 != 2",
    "r = rb'\\d' + Rb\"x\" + u'y' + B'z' + br'w'",
    "elif_ = 'x'\nn = x1b2",
    "e\u0301t\u00e9 = 1",
    "\u540d\u524d = 'x'",
    # an f-string stops the reading (Python 3.12 reads its inside as tokens)
    "x = f\"{a['b']}\"\nWhat's this",
    "x = rf'{y}'\n07",
    "x = F\"{y}\" + Fr'{z}' + fR\"\" 'open",
    # a carriage return: Python reads it as a line end, the text is parsed
    "x = 1\r\nWhat's this",
]


@pytest.mark.parametrize("text", REJECTED)
def test_rejected_texts_fail_to_parse(text: str) -> None:
    assert _tokenizer_error(text)
    assert not _parses(text)
    assert python_source(text) is None


@pytest.mark.parametrize("text", ACCEPTED)
def test_look_alikes_are_left_to_the_parse(text: str) -> None:
    assert not _tokenizer_error(text)


def test_python_with_prose_in_its_strings_is_still_source() -> None:
    text = ("note = '''What's the plan? Seen 04/22/1977, cost $40 — it’s late'''\n"
            "# Graves' disease, 0123\nprint(note)  # 1x ULN")
    assert not _tokenizer_error(text)
    assert python_source(text) == text


_PIECES = [
    "x", "The", "patient", "Dr", "é", "名前", "if", "else", "or", "for", "and", "in", "is",
    "not", "_", "f", "r", "b", "rb", "fr", "u", "t", "1", "0", "07", "00", "1.5", ".5",
    "0x1f", "0b", "1e", "1e5", "2j", "1_0", "1_", " ", "\t", "\f", "\n", "\r", "\\\n",
    "\\", "#", "# c'\n", ":", "=", "!=", "!", "*", "-", "+", ".", "@", ",", "(", ")",
    "[", "]", "{", "}", "'", '"', '"""', "'''", "\\'", "|", ">", "&", "^", "/", "?", "$",
    "`", "%", "’", "—", "\u00a0", "\u2028", "\ufeff", "\u0301", "²", "٣",
]


def test_never_rejects_parsable_text() -> None:
    """Random texts of names, keywords, string prefixes and quotes, numbers and their
    run-ons, blanks, line ends, continuations, comments and odd characters: whatever the
    pre-test rejects fails to parse."""
    rng = random.Random(11)
    rejected = parsable = 0
    for _ in range(40000):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 10)))
        if rng.random() < 0.5:
            text = rng.choice(["x = ", "f(", "s = '", "# c\n", ""]) + text + rng.choice(
                [" = 1", ")", "'", "\n", ""])
        if _tokenizer_error(text):
            rejected += 1
            assert not _parses(text), repr(text)
        parsable += _parses(text)
    assert rejected > 10000 and parsable > 1000  # both kinds were drawn often


def test_never_rejects_python_source_cut_and_spliced() -> None:
    """Real modules (this package's and the standard library's), whole, cut at random
    and with a random piece put in: whatever the pre-test rejects fails to parse."""
    modules = [code, ast, inspect, random, textwrap, warnings]
    rng = random.Random(12)
    rejected = 0
    for module in modules:
        source = inspect.getsource(module)
        assert not _tokenizer_error(source)
        for _ in range(150):
            start = rng.randrange(len(source))
            piece = source[start:start + rng.randrange(1, 1500)]
            at = rng.randrange(len(piece) + 1)
            for text in (piece, piece[:at] + rng.choice(_PIECES) + piece[at:]):
                if _tokenizer_error(text):
                    rejected += 1
                    assert not _parses(text), repr(text)
    assert rejected > 200
