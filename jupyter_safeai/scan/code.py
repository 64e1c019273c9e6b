"""Read Python source as code: only string literals, comments and docstrings are text.

Identifiers such as `patient_name` or `os.environ["API_KEY"]` say what a value is,
not what it holds, so findings outside literals and comments are dropped. IPython
magics and shell escapes (`%env PGPASSWORD=...`, `!curl -H ...`) are kept as text.
"""

from __future__ import annotations

import ast
import bisect
import io
import re
import tokenize
import warnings

_MAGIC_LINE = re.compile(r"^[ \t]*[%!].*$", re.MULTILINE)
_CODE_HINT = re.compile(
    r"^[ \t]*(?:import |from \S+ import |def |class |if |for |while |with |return |@|"
    r"[A-Za-z_][\w.]*(?:\[[^\]\n]*\])?[ \t]*[+\-*/]?=[^=]|[A-Za-z_][\w.]*\()",
    re.MULTILINE,
)

def _line_offsets(text: str) -> list[int]:
    offsets = [0]
    for line in text.splitlines(keepends=True):
        offsets.append(offsets[-1] + len(line))
    return offsets

def python_text_regions(text: str) -> list[tuple[int, int]] | None:
    """Spans of `text` to scan as text if it is Python source; None if it is not code."""
    if not _CODE_HINT.search(text):
        return None
    magics = [(m.start(), m.end()) for m in _MAGIC_LINE.finditer(text)]
    source = _MAGIC_LINE.sub(lambda m: " " * len(m.group()), text) if magics else text
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(source)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    offsets = _line_offsets(source)
    regions = list(magics)
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type in (tokenize.STRING, tokenize.COMMENT):
                (srow, scol), (erow, ecol) = token.start, token.end
                regions.append((offsets[srow - 1] + scol, offsets[erow - 1] + ecol))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return None
    return sorted(regions)

def inside(regions: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies within one region (regions sorted by start)."""

    i = bisect.bisect_right(regions, (start, float("inf"))) - 1
    return i >= 0 and regions[i][0] <= start and end <= regions[i][1]
