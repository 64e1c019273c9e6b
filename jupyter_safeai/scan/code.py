"""Read Python source as code: identifiers are names of things, not the things.

`patient_name`, `API_KEY` and `os.environ["API_KEY"]` say what a value is, not what it
holds, so a PHI finding that falls on an identifier (a NAME token) of parsable Python
is dropped. Literals, comments and numbers are still read, and so are secrets (their
recognizers already tell references from values). A cell magic other than the few
that run Python (`%%time`, `%%capture` ...) makes the cell plain text: `%%writefile
.env`, `%%bash`, `%%sql` bodies are not Python.
"""

from __future__ import annotations

import ast
import bisect
import keyword
import re
import tokenize
import warnings

from .memo import per_scan

_MAGIC_LINE = re.compile(r"^[ \t]*[%!].*$", re.MULTILINE)
_PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug", "safe_ai"})
_CELL_MAGIC = re.compile(r"\A\s*%%(\w+)")
_CODE_HINT = re.compile(
    r"^[ \t]*(?:import |from \S+ import |def |class |if |for |while |with |return |@|"
    r"[A-Za-z_][\w.]*(?:\[[^\]\n]*\])?[ \t]*[+\-*/]?=[^=]|[A-Za-z_][\w.]*\()",
    re.MULTILINE,
)


#: A configuration file parses as Python (`[patient]` is a list, `first_name = maria` an
#: assignment of a name), but its values are values: an INI/TOML section header line,
#: or only `KEY=value` lines (.env), make a text configuration, not code.
_CONFIG_SECTION = re.compile(r"^[ \t]*\[[A-Za-z_][\w .:\"-]*\][ \t]*\r?\n[ \t]*[\w.-]+[ \t]*=",
                             re.MULTILINE)
_DOTENV_LINE = re.compile(r"[ \t]*(?:export[ \t]+)?[A-Z][A-Z0-9_]*=\S*|[ \t]*(?:#.*)?")


def _configuration(text: str) -> bool:
    if "[" in text and _CONFIG_SECTION.search(text):
        return True
    return "=" in text and all(_DOTENV_LINE.fullmatch(line) for line in text.splitlines())


#: Python source read token by token as `tokenize` reads it, with its own patterns: a
#: comment, a string (its prefix, triple quotes across lines, a backslash going on to
#: the next line), a number (`0x1f`, `1e5j`: no name inside), or a name (`\w+`, a
#: keyword too). Operators and blanks between them are skipped. One regex in C instead
#: of `tokenize`'s Python loop: six times faster on a notebook's code cell, where it
#: was a fifth of the scan; the same names on every parsable cell of the notebooks.
#: (Look-aheads first: a token starts with `#`, a quote, a word character or `.`, and a
#: string with at most two prefix letters and a quote, so most positions are passed
#: by one class instead of the string prefixes' two dozen branches.)
_SOURCE_TOKEN = re.compile(
    r"(?=[#'\"\w.])(?:(?P<comment>#[^\r\n]*)"
    r"|(?=[rRbBuUfF]{0,2}['\"])"
    rf"(?P<string>{tokenize.StringPrefix}(?:'''{tokenize.Single3}|\"\"\"{tokenize.Double3}"
    r"|'[^\n'\\]*(?:\\.[^\n'\\]*)*'|\"[^\n\"\\]*(?:\\.[^\n\"\\]*)*\"))"
    rf"|(?P<number>{tokenize.Number})"
    r"|(?P<name>\w+))", re.DOTALL)


#: Prose, not Python, seen at its first statement: the first line that is not blank or
#: a comment opens one (nothing before it can open a string or a bracket, and Python's
#: only line ends are \n, \r\n and \r), and `ast.parse` raises a SyntaxError when that
#: line starts with
#:   - a character no statement starts with (`| a | b |`, `> quoted`, `**bold**`), or
#:   - two words (`The patient was`, `Dr 구예지`, `Our 102 yo`): a statement starts with
#:     two names or a name and a number only if one is a keyword (`x if y else z`,
#:     `not x`, `return 1`) or a soft keyword (`match x:`, `type X = int`), or
#:   - a word and a colon ending the line (`Output:`), an annotation without its type,
#:     unless the word is a keyword (`else:`).
#: A word is `\w+` not starting with a digit: a non-ASCII letter Python does not take in
#: a name is an invalid character, a SyntaxError too. Such text is not parsed (~20 µs of
#: a 2 KB prose cell).
_FIRST_STATEMENT = re.compile(
    r"(?:[ \t\f]*(?:#[^\r\n]*)?(?:\r\n|\r|\n))*[ \t\f]*"
    r"(?:(?P<mark>[><=|&^/,;:)\]}?$`!%]|\*\*)"
    r"|(?P<word>(?!\d)\w+)(?:[ \t\f]+(?P<next>\w+)"
    r"|[ \t\f]*:[ \t\f]*(?:#[^\r\n]*)?(?:[\r\n]|\Z)))")
_STATEMENT_WORDS = frozenset(keyword.kwlist) | frozenset(keyword.softkwlist) | {
    "match", "case", "type", "_"}


def _not_python(source: str, first: re.Match[str] | None = None) -> bool:
    """Whether `source` provably fails to parse as Python (see `_FIRST_STATEMENT`;
    `first` is its match on `source` when the caller has it)."""
    first = _FIRST_STATEMENT.match(source) if first is None else first
    if first is None:
        return False
    if first["mark"]:
        return True
    return first["word"] not in _STATEMENT_WORDS and first["next"] not in _STATEMENT_WORDS


#: Text that `ast.parse` rejects at its tokenizer, told without parsing (a failed parse
#: of a 2 KB prose cell costs ~150 µs, this read a tenth of it). Python's tokenizer
#: reads left to right, one token after another, and a text parses only if every token
#: does; so the tokens are read here as it reads them, up to the first one this reader
#: does not take (`_TOKENS` stops there), and the text is rejected only if that one is
#: an error:
#:   - a number run on into a word (`07924051`, `6YDE989`, `8x`, `1486C`): a tokenizer
#:     error (leading zeros, an invalid literal), or a number and a name side by side,
#:     which no statement holds, unless the word is a keyword (`1if x else 2`);
#:   - a string left open: a quote not closed before its line ends (`What's`), or three
#:     quotes never closed;
#:   - a character no token holds: `$`, `?`, a backtick, `!` but in `!=`, a backslash
#:     that does not end its line, or one outside ASCII that no name may hold (`’`,
#:     `—`, a no-break space: "invalid character").
#: Taken are blanks, operators and names (runs of them at once), comments, numbers not
#: run on into a word, and strings but f-strings (read as tokens from Python 3.12 on, as
#: `t` strings from 3.14: a quote right after a name of one or two prefix letters with
#: an `f` or a `t` stops the reading; `it's` is read on). A number is taken whole (a
#: look-ahead and its group: cut short, it would read on differently from Python).
#: Text with a carriage return is parsed (Python makes it a line end before it reads).
_NOT_AFTER_F = (r"(?<![^\w][fFtT])(?<!\A[fFtT])(?<![^\w][fFtTrRbBuU][fFtT])"
                r"(?<!\A[fFtTrRbBuU][fFtT])(?<![^\w][fFtT][rRbBuU])(?<!\A[fFtT][rRbBuU])")
_SINGLE_QUOTED = r"""'[^\n'\\]*(?:\\.[^\n'\\]*)*'|"[^\n"\\]*(?:\\.[^\n"\\]*)*\""""
#: A number as Python's tokenizer reads it, leading zeros but in zero (`0123` is an
#: error): `tokenize.Number`'s forms, written to be tried in fewer steps.
_EXPONENT = r"[eE][-+]?[0-9](?:_?[0-9])*"
_NUMBER = (r"0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+"
           rf"|[0-9](?:_?[0-9])*(?:\.(?:[0-9](?:_?[0-9])*)?(?:{_EXPONENT})?[jJ]?"
           rf"|{_EXPONENT}[jJ]?|[jJ])|\.[0-9](?:_?[0-9])*(?:{_EXPONENT})?[jJ]?"
           r"|[1-9](?:_?[0-9])*|0(?:_?0)*")
_TOKENS = re.compile(
    r"(?:[A-Za-z_ \t\f\n()\[\]{}:,;+\-*/|&<>=%^~@]+|(?<=\w)\w+"
    rf"|(?=[0-9.])(?:(?=(?P<number>{_NUMBER}))(?P=number)(?!\w)|\.(?![0-9]))"
    rf"|{_NOT_AFTER_F}(?:'''{tokenize.Single3}|\"\"\"{tokenize.Double3}|{_SINGLE_QUOTED})"
    r"|#[^\n]*|[^\W\d]\w*|!=|\\\n)*", re.DOTALL)
_NUMBER_RUN_ON = re.compile(rf"(?:{_NUMBER})(\w+)")
_OPEN_STRING = re.compile(
    rf"{_NOT_AFTER_F}(?:'''|\"\"\"|'[^\n'\\]*(?:\\.[^\n'\\]*)*(?:\n|\Z)"
    r"|\"[^\n\"\\]*(?:\\.[^\n\"\\]*)*(?:\n|\Z))", re.DOTALL)
_NO_TOKEN = re.compile(r"[$?`]|!(?!=)|\\(?=[^\n])")
_KEYWORDS = frozenset(keyword.kwlist)


def _tokenizer_error(source: str) -> bool:
    """Whether Python's tokenizer provably rejects `source` (see `_TOKENS`)."""
    if "\r" in source:
        return False
    at = _TOKENS.match(source).end()  # type: ignore[union-attr]  # `*` always matches
    if at == len(source):
        return False
    character = source[at]
    if "0" <= character <= "9" or character == ".":
        run_on = _NUMBER_RUN_ON.match(source, at)
        return run_on is not None and run_on.group(1) not in _KEYWORDS
    if _OPEN_STRING.match(source, at) or _NO_TOKEN.match(source, at):
        return True
    return character > "\x7f" and not ("a" + character).isidentifier()


@per_scan(maxsize=4)
def python_source(text: str) -> str | None:
    """`text` with its magic lines blanked if it is Python source, None if it is not code.

    Kept for the last few texts: the engine asks first, and the name context asks again
    about the same text when a `# ` line stands before a name (a comment, not a heading).
    """
    magic = _CELL_MAGIC.match(text)
    if magic and magic.group(1) not in _PYTHON_CELL_MAGICS:
        return None
    # Prose is told at its first line (`_not_python`) before the passes over every line
    # below; a first statement that is a magic line is read once it is blanked.
    first = _FIRST_STATEMENT.match(text)
    if first is not None and first["mark"] not in ("%", "!") and _not_python(text, first):
        return None
    if not _CODE_HINT.search(text) or _configuration(text):
        return None
    source = (_MAGIC_LINE.sub(lambda m: " " * len(m.group()), text)
              if "%" in text or "!" in text else text)  # a magic line holds one of them
    if _not_python(source) or _tokenizer_error(source):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(source)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    return source


def python_identifier_spans(text: str) -> list[tuple[int, int]] | None:
    """Spans of identifiers if `text` is Python source; None if it is not code."""
    source = python_source(text)
    if source is None:
        return None
    return [m.span() for m in _SOURCE_TOKEN.finditer(source) if m.lastgroup == "name"]


def overlaps_any(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of `spans` (sorted, non-overlapping)."""
    i = bisect.bisect_left(spans, (end, -1))
    return i > 0 and spans[i - 1][1] > start
