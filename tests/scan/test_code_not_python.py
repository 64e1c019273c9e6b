"""The cheap check that skips `ast.parse` on prose is never wrong: whatever it calls
not Python fails to parse, and Python source it must not call prose still parses."""

from __future__ import annotations

import random

import pytest

from jupyter_safeai.scan.code import _not_python, python_source
from tests.scan.python_parse import parses as _parses

PROSE = [
    "The patient was seen today = stable.",
    "Our 42 yo in bed 7 needs review; x = 1",
    "\n\n# Heading\n\nSummary of the visit: f(x)",
    "## Notes\r\nDr Hélène Obi called back, plan = rest",
    "Output:\nx = 3",
    "Result:   # read below\nvalue = 1",
    "| name | age |\n|---|---|\nx = 1",
    "> quoted reply\nfor x in y: pass",
    "**Plan** follow up\nimport os",
    "   Indented words here = 1",
    "#!/usr/bin/env python\nHello world()",
    "Dr 김민준 reviewed the chart; a = b",
    "Note\tthe tab = 1",
]

PYTHON = [
    "x = 1",
    "not x",
    "x if y else z",
    "x in y",
    "x is None",
    "a and b or c",
    "return_value = f(x)",
    "match command:\n    case 1:\n        pass",
    "match = re.match(p, s)",
    "case = 1",
    "_ = f()",
    "*rest, last = items",
    "...",
    "-x",
    "~mask",
    ".5 + x",
    "@decorator\ndef f():\n    pass",
    "# comment line\n\n   \n# another\nvalue = 1",
    "\\\nx = 1",
    '"""Module docstring with many words in it."""\nx = 1',
    "x: int",
    "x: int = 1",
    "else_branch: int = 2",
    "lambda: 0",
    "print('two words here')",
    "(a\n b)",
    "del x",
    "assert x, 'message'",
    "import os",
    "from os import path",
    "global counter",
    "raise ValueError('bad value')",
    "if x:\n    pass\nelse:\n    pass",
    "try:\n    pass\nfinally:\n    pass",
    "with open(p) as f:\n    pass",
    "async def f():\n    await g()",
    "yield_ = 1",
    "x = 1 if y else 2",
    "f(x)\nThe words after = are in a string? no: 'The patient was'",
]


@pytest.mark.parametrize("text", PROSE)
def test_prose_is_not_parsed(text: str) -> None:
    assert _not_python(text)
    assert not _parses(text)
    assert python_source(text) is None


@pytest.mark.parametrize("text", PYTHON)
def test_python_is_not_called_prose(text: str) -> None:
    assert not _not_python(text)


def test_python_still_read_as_source() -> None:
    text = "patient_name = row['name']\nprint(patient_name)"
    assert python_source(text) == text


_PIECES = [
    "x", "The", "patient", "Dr", "é", "名前", "if", "else", "not", "is", "in", "match",
    "case", "type", "_", "print", "return", "lambda", "await", "1", "1if", "0x1f", "2j",
    "1e5", " ", "  ", "\t", "\f", "\n", "\r\n", "\r", "\\\n", "#", "# c\n", ":", "=", "==",
    "*", "**", "-", "+", "~", ".", "...", "@", ",", ";", "(", ")", "[", "]", "{", "}",
    "'", '"', '"""', "'''", "r'", "f'", "|", ">", "<", "&", "^", "/", "?", "$", "`", "!",
    "%", "\u00a0", "\u2028", "\ufeff", "²",
]


def test_never_calls_parsable_text_prose() -> None:
    """Random texts made of the pieces that matter at a statement's start (names,
    keywords, soft keywords, numbers, blanks, line ends, comments, quotes, operators):
    every one the check calls not Python fails to parse."""
    rng = random.Random(14)
    called = parsable = 0
    for _ in range(30000):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 9)))
        if rng.random() < 0.5:
            text += rng.choice([" = 1", "(x)", ":\n    pass", " x", "\n"])
        if _not_python(text):
            called += 1
            assert not _parses(text), repr(text)
        parsable += _parses(text)
    assert called > 5000 and parsable > 1000  # both kinds were drawn often


def test_keywords_at_a_statements_start_keep_it_python() -> None:
    """Every keyword and soft keyword, first or second, in the shapes a statement takes:
    whatever the check calls not Python fails to parse."""
    import keyword

    shapes = ["{k} x", "x {k} y", "x {k} y else z", "{k} x:\n    pass", "{k}:\n    pass",
              "{k} 1", "x {k} 1", "{k} x = 1", "{k} x:\n    case 1:\n        pass",
              "x {k} y:\n    pass", "{k} x, y", "{k} f(x)", "{k}: int", "{k} f():\n    pass",
              "{k} x in y:\n    pass", "{k} x import y", "{k} def f():\n    pass",
              "{k} x: x", "{k} if x else y", "{k} is x", "{k}:\n    pass\nfinally:\n    pass"]
    parsable = 0
    for k in [*keyword.kwlist, *keyword.softkwlist]:
        for shape in shapes:
            text = shape.format(k=k)
            parses = _parses(text)
            parsable += parses
            assert not (_not_python(text) and parses), repr(text)
    assert parsable > 40


_LEADS = ["", "\n", "# note\n", "  \n", "%time x = 1\n", "!ls\n", "\r", "# a\r\n"]


def test_prose_told_before_the_magic_lines_are_blanked() -> None:
    """`python_source` tells prose from its first statement before blanking magic lines:
    the same answer as the check on the text with them blanked, for every first line,
    a magic line first or after it."""
    rng = random.Random(10)
    from jupyter_safeai.scan import code

    told = 0
    for _ in range(4000):
        text = rng.choice(_LEADS) + "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 7)))
        text += rng.choice(["\nx = 1", "\n%matplotlib inline\nf(x)", "\n!pip install x\ny = 2"])
        source = code._MAGIC_LINE.sub(lambda m: " " * len(m.group()), text)
        expected = None
        if (code._CODE_HINT.search(text) and not code._configuration(text)
                and not _not_python(source) and _parses(source)):
            expected = source
        magic = code._CELL_MAGIC.match(text)
        if magic and magic.group(1) not in code._PYTHON_CELL_MAGICS:
            expected = None
        assert code.python_source(text) == expected, repr(text)
        told += expected is None
    assert 500 < told < 3500  # both answers were drawn often
