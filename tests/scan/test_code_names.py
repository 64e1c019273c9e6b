"""The names of Python source, read with one regex, are the NAME tokens `tokenize` reads."""

from __future__ import annotations

import ast
import io
import tokenize
import warnings

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from jupyter_safeai.scan.code import python_identifier_spans

_PIECES = ["x", "patient_name", " = ", "1", "0x1f", "1e5j", "1_000.5e-3", ".5", "1if x else 2",
           "'a # b'", '"c\\"d"', "rb'\\x00'", "f'{y}'", "F\"{z!r}\"", "'''e\nf'''",
           '"""g\n\'h\'"""', "# a 'comment' with x\n", "\n", "(", ")", ", ", ".", "+",
           "\\\n", "import os", "def f(a, *b, **c):\n    return a\n", "lambda: 0",
           "é_ñ", "Ωmega", "'it''s'", "'\\\n'", "[1, 2][0]", "{'k': v}"]


def _names_by_tokenize(source: str) -> list[tuple[int, int]]:
    """NAME spans from `tokenize` (rows mapped back to offsets by '\\n' only)."""
    offsets = [0]
    for line in io.StringIO(source):
        offsets.append(offsets[-1] + len(line))
    return [(offsets[t.start[0] - 1] + t.start[1], offsets[t.end[0] - 1] + t.end[1])
            for t in tokenize.generate_tokens(io.StringIO(source).readline)
            if t.type == tokenize.NAME]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=10).map("".join))
@example("s = '''one\nx = 'two'\n'''  # y\nz = rb'w' + f\"{q}\" + 0xffj.real\n")
@example("total = a + \\\n    b\nvalue = 'line \\\n still'\n")
def test_names_are_the_tokens_tokenize_calls_names(source: str) -> None:
    source = "x = " + source if not source.strip() else source
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # `0x1fif`: an odd literal, parsed all the same
            ast.parse(source)
    except (SyntaxError, ValueError):
        assume(False)
    assert python_identifier_spans(source + "\nx = y\n") == _names_by_tokenize(
        source + "\nx = y\n")


def test_names_inside_strings_and_comments_are_not_identifiers() -> None:
    source = "name = 'Mary Smith'  # patient Mary\nprint(name)\n"
    spans = python_identifier_spans(source)
    assert spans is not None
    assert [source[a:b] for a, b in spans] == ["name", "print", "name"]
