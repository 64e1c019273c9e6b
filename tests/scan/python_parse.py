"""Whether Python parses a text: the reference the code tests hold `python_source` and
its pre-tests against."""

from __future__ import annotations

import ast
import warnings


def parses(text: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(text)
    except (SyntaxError, ValueError):
        return False
    return True
