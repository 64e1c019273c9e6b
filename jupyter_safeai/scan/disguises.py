"""Plain-text disguises a person reads through: what `normalise` undoes besides Unicode.

`john&#46;smith&#64;gmail.com`, `q=617%2D555%2D0134`, `"\\u0031\\u0032\\u0033-45-6789"`,
`john dot smith at gmail dot com`, `five five five one two one two`,
`**123**-45-6789`, `12<b>3</b>-45-6789`, `ssn = "123-45-" + "6789"`, `ghp\\_…` in LaTeX, a
value wrapped before its separator (`123⏎-45-6789`), digits one per line or spread with
wide gaps all show a reader one value that no pattern sees. Each disguise here is an edit
list (start, end, what it reads as) on the text, applied by `normalise` with the Unicode
edits, so offsets map back.

Each is gated by a `str` search for a literal it cannot occur without (`&`, `%`, `\\`,
`<`, `**`, `+`, ` at `, two blanks, ...) or a pattern that starts with one, so a text
without one costs a substring search per disguise. Not read, on purpose: base64 (a person
does not read it either, notebooks carry megabytes of it in image outputs, and decoding
every long run of its alphabet costs on every text), reversed and interleaved text,
literals side by side without `+` (numpy prints arrays of strings so) but for a value
wrapped over lines inside parentheses, a space encoded
in a URL path (`Image%20Processing.ipynb` is a file name), and letter case (the name
recognizers' business).

Leetspeak (`J0hn Mcm1llan`, `anna@outlook.c0m`) is read where it spells a name: a word
written as a name is (`J0hn`, `4dams`, `5MITH`; not `hba1c`, `HbA1c`) with one or two
look-alike digits (`0` o, `1` i or l, `3` e, `4` a, `5` s, `7` t) reads as letters when a
name list knows the word so spelled (a digit only at a word's edge, `Lanc3`, only when
the list is sure it is a name), when it follows a title or a known given name or comes
before a known surname (`Ag4tha Whitm0re`), or when it is a top-level domain after an
address's `@`; `h5py`, `log10`, `conv1`, `3min` stay as written. It has no literal to
gate it: its search starts at the look-alike digits, each visited once (about 25 us on a
2 KB cell full of numbers, a few on a notebook's cell).
"""

from __future__ import annotations

import html.entities
import re
import unicodedata
from collections.abc import Callable
from itertools import product

from .english_words import english_word
from .memo import memoised
from .name_context import SOFTWARE_NAMES
from .name_lists import HONORIFICS, name_lists
from .scan_view import lowered_of

Edit = tuple[int, int, str]

#: `&#64;`, `&#x40;`, `&commat;`: one character each.
_ENTITY = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));")
#: `%40`: a byte of a URL. Decoded only to printable ASCII.
_PERCENT = re.compile(r"%([2-7][0-9A-Fa-f])")
#: How far before a `%20` its URL's query (`?name=`) is looked for.
_QUERY_WINDOW = 2048
#: `\u0040`, `\x40`, `\U00000040`: a JSON, JavaScript or Python escape.
_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|U([0-9a-fA-F]{8}))")
#: An inline HTML tag; read through when it sits between two characters that are not
#: blanks: `12<b>3</b>-45`.
_INLINE_TAG = re.compile(
    r"</?(?:b|i|u|s|em|strong|span|mark|code|font|sub|sup|small|big|del|ins|"
    r"wbr|tt|kbd|samp|var|q|cite|abbr|a)(?:\s[^<>\n]{0,120})?/?>", re.IGNORECASE)
#: Markdown emphasis or code marks; read through between two characters of a value
#: (letters, digits, the separators inside values): `**123**-45-6789` (the second
#: pair), `jo`hn`; not before a colon (`` `city`: `` would read as a label).
_TAG_NAME = re.compile(r"</?([A-Za-z]+)")
_INLINE_MARK = re.compile(r"\*\*|~~|`")
_VALUE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                         "_-./@()+")
#: `*wan*da`: single-star emphasis opened at a word start and closed inside the word.
_STAR_EMPHASIS = re.compile(r"\*[^\s*][^*\n]{0,60}?(?<=[^\s*])\*(?=[A-Za-z0-9])")
#: A string literal joined to the next by `+`: the joint between them. Literals side by
#: side with blanks only are not joined: numpy prints an array of strings that way
#: (`['Ann Lee' 'Bo Chan']`); `concat.py` reads them for secrets in code.
_JOINT = re.compile(r"""(["'])[ \t]*(?:\\?\r?\n[ \t]*)?\+[ \t]*(?:\\?\r?\n[ \t]*)?"""
                    r"""[rRbBuUfF]{0,2}\1""")
#: A `+` before a literal: a gate before `_JOINT` (a pattern starting with a literal
#: character runs several times faster).
_PLUS_QUOTE = re.compile(r"""\+[ \t]*(?:\\?\r?\n[ \t]*)?[rRbBuUfF]{0,2}["']""")
#: Python's implicit join of literals, as black and ruff wrap a long string: a literal
#: ending inside a value (a digit or a separator) and, on the next line, one starting
#: with a digit: `("SSN 412-55-"⏎    "7301")`. Only across a line break inside an open
#: parenthesis: numpy prints an array of strings side by side inside brackets.
#: Found from the line that opens a literal with a digit (the engine skips to line
#: breaks; quotes are many more); the literal closed before it is checked after.
_IMPLICIT_JOINT = re.compile(r"""\n[ \t]*[rRbBuUfF]{0,2}(["'])(?=\d)""")
#: A literal closed at a line end (formatters leave no blank after it): the gate.
_LITERAL_LINE_ENDS = ('"\n', "'\n", '"\r\n', "'\r\n")
#: How far before a joint its open parenthesis is looked for.
_BRACKET_WINDOW = 2048
#: A LaTeX escape of a character that is plain in the text a reader sees: `ghp\_`.
_LATEX_ESCAPE = re.compile(r"\\([_#$%&])")

_DOT = r"(?:[ \t]+dot[ \t]+|[ \t]*[(\[{<]dot[)\]}>][ \t]*|[ \t]+\.[ \t]+|\.)"
_TLDS = (r"com|org|net|edu|gov|mil|int|io|co|uk|us|ca|au|de|fr|nl|ch|se|no|dk|es|it|ie|"
         r"nz|in|info|biz|me|health|ai|app|dev")
#: The spoken `at` of an address, found with `str.find` in the lower-cased text.
_AT_CUES = (" at ", "(at)", "[at]", "{at}", "<at>", " @ ")
#: What follows the `at`: a domain ending in a known top-level domain.
_SPOKEN_DOMAIN = re.compile(
    rf"[ \t]*[a-z0-9][a-z0-9-]*(?:{_DOT}[a-z0-9][a-z0-9-]*)*{_DOT}(?:{_TLDS})(?![\w-])",
    re.IGNORECASE)
#: What precedes it: a local part, its dots spoken or not (searched in a short window).
_SPOKEN_LOCAL = re.compile(rf"(?<![\w.@-])[a-z0-9][\w+-]*(?:{_DOT}[\w+-]+)*[ \t]*\Z",
                           re.IGNORECASE)
_SPOKEN_DOT = re.compile(_DOT, re.IGNORECASE)
#: Hosts of projects' documentation sites: `jupyterlab at jupyterlab.readthedocs.io`
#: names where a project lives, not a mailbox. `github.io` and `gitlab.io` are not
#: among them: people keep their own pages there (`ann at ann.github.io`).
_DOCUMENTATION_HOSTS = ("readthedocs.io", "readthedocs.org")
#: How projects' names are made: a prefix and a word (`xarray`, `pytorch`, `scikit`)
#: or a known software name and a suffix (`jupyterlab`).
_PROJECT_PREFIXES = ("py", "x", "sci", "sk", "lib", "np", "tf", "nb", "ipy", "jupyter",
                     "open")
_PROJECT_SUFFIXES = ("lab", "hub", "lang", "py", "js", "db", "ml")
#: A determiner before the local part makes it a thing, not a mailbox: `the toolkit at
#: someone.github.io`.
_DETERMINER_BEFORE = re.compile(
    r"(?<!\w)(?:the|a|an|this|these|those|our|their|its)[ \t]+\Z", re.IGNORECASE)
#: Words that make `x at y.org` an address after all: `email numpy at numpy.org`,
#: `reply to dask at dask.org`.
_MAIL_CUE = re.compile(r"mail|\b(?:writ|wrote|repl[iy]|sen[dt]|contact|reach)", re.IGNORECASE)
#: How far around a spoken address a mail cue is looked for.
_MAIL_CUE_WINDOW = 80

_DIGIT_WORDS = {"zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3",
                "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
                "nine": "9"}
_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
#: Five or more digits said as words (`five five five, oh one two three`), on lower case:
#: a run starts after no letter, digit or hyphen (`phone nine two …` is not one) and is
#: taken whole (possessive, each word whole), so the engine never re-reads a run from
#: inside it: linear on a megabyte of `one-one-…`.
_DIGIT_WORD_RUN = re.compile(
    rf"(?<![\w-]){_WORD}(?!\w)(?:(?:[ \t]*[,-][ \t]*|[ \t]+){_WORD}(?!\w)){{4,}}+(?![\w-])")
_DIGIT_WORD = re.compile(_WORD)
#: Three digit words in a row, each after a separator: a gate the engine runs four times
#: faster than the run pattern (it skips to the separators first).
_THREE_DIGIT_WORDS = re.compile(rf"[ \t,-]{_WORD}[ \t,-]+{_WORD}[ \t,-]+{_WORD}")

#: A value wrapped before its separator: `123⏎-45-6789`, `ghp⏎_…`, `mgh⏎.org`.
_WRAP_BEFORE = re.compile(r"\n[ \t]*(?=[-/._][A-Za-z0-9])")
#: Two lines of one digit each: a cheap gate before the run below.
_TWO_DIGIT_LINES = re.compile(r"\n[ \t]*\d[ \t]*\r?\n[ \t]*\d[ \t]*(?:\r?\n|\Z)")
#: Lines of one digit each.
_DIGIT_LINES = re.compile(r"(?m)^[ \t]*\d(?:[ \t]*\r?\n[ \t]*\d)+[ \t]*\r?$")
_BLANK = re.compile(r"\s")
#: Single digits spread with two blanks or more between them (`4  1  2  5  8  3 …`), as
#: a PDF or a form pastes them: read with one blank, as the recognizers read spaced
#: digits. The gate starts with its two blanks, which the engine skips to.
_SPREAD_GATE = re.compile(r"  \d(?:[ \t]{2,}\d){3}")
_SPREAD_DIGITS = re.compile(r"\d(?:[ \t]{2,}\d){6,18}")
_WIDE_GAP = re.compile(r"[ \t]{2,}")
_LINE_GAP = re.compile(r"[ \t]*\r?\n[ \t]*")

#: The letters a digit stands for in leetspeak, the likelier first.
_LEET = {"0": "o", "1": "il", "3": "e", "4": "a", "5": "s", "7": "t"}
#: A look-alike digit where leetspeak puts one: one or two between small letters or
#: capitals (`Mcm1llan`, `Mor70n`, `J0HN`) or after a word's capital (`J0hn`), at the
#: end of a word of four letters or more (`Lanc3`), at the start of one (`4dams`), in a
#: top-level domain (`.c0m`, `.0rg`); in a word that ends within 22 characters in small
#: letters or in capitals (a key's mixed case does not match). It starts with the digit
#: class, which the engine skips to, and fails at once on a digit inside a number: a
#: text full of numbers costs a visit to each of its digits.
_LEET_DIGIT = re.compile(
    r"[013457](?:(?<=[A-Za-z.][013457])|(?=[A-Za-z]))"
    r"(?=[a-z013457]{0,22}+(?![\w/\\-])|[A-Z013457]{0,22}+(?![\w/\\-]))"
    r"(?:(?<=[a-z][013457])[013457]?(?=[a-z])"
    r"|(?<=[A-Z][013457])(?<![\w/\\-][A-Z][013457])[013457]?(?=[a-z])"
    r"|(?<=[A-Z][013457])[013457]?(?=[A-Z])"
    r"|(?<=[A-Za-z][a-z]{3}[013457])[013457]?(?![\w/\\-])"
    r"|(?<=[A-Z]{4}[013457])[013457]?(?![\w/\\-])"
    r"|(?<![\w/\\-][013457])(?=[a-z]{4}|[A-Z]{4})"
    r"|(?<=\.[013457])(?=[a-z]{1,3}\b)|(?<=\.[a-z][013457])(?=[a-z]?\b)"
    r"|(?<=\.[a-z]{2}[013457])\b)")
_ALNUM_RUN = re.compile(r"[A-Za-z0-9]*")
_ALNUM_TAIL = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]*\Z")
#: A word joined to one of these is part of an identifier, a key or a path
#: (`model_v3a`, `sk-pr0j…`, `/h0me/`): not read.
_LEET_JOINED = frozenset("_-/\\")
_LEET_MAX_DIGITS = 2
_NO_DIGITS = str.maketrans("", "", "0123456789")
#: The word before a word (a title's dot allowed) and the word after it, one blank apart.
_WORD_BEFORE = re.compile(r"(?<![A-Za-z0-9])([A-Za-z0-9]+)\.? \Z")
_WORD_AFTER = re.compile(r" ([A-Za-z0-9]+)(?![A-Za-z0-9])")
#: Letters a word needs to be read: with a digit between letters, and with digits only
#: at an edge (`3min`, `4min` are durations, `Emin` and `Amin` names).
_LEET_LETTERS, _LEET_EDGE_LETTERS = 3, 4
_LEET_WORD = range(3, 25)
#: Name kinds a list is sure of (a given name, a surname, either; not a common word).
_STRONG_KINDS = frozenset("GSN")
_GIVEN_KINDS, _SURNAME_KINDS = frozenset("GN"), frozenset("SN")
_TLD_SET = frozenset(_TLDS.split("|"))
#: How far before a domain's last label its address's `@` is looked for.
_AT_WINDOW = 64


def _char_of(code: int) -> str | None:
    """What a decoded code point reads as: its character; nothing for a format or control
    character (`&#8203;`, `\\u00ad` inside a value are invisible, as typed ones are, and
    `normalise` removes typed ones); None (left as written) for a line break or tab, a
    surrogate or an unassigned code point."""
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    char = chr(code)
    if char.isprintable() or char == " ":
        return char
    if char.isspace():
        return None
    return "" if unicodedata.category(char) in ("Cf", "Cc") else None


def _entities(text: str) -> list[Edit]:
    edits: list[Edit] = []
    for m in _ENTITY.finditer(text):
        decimal, hexadecimal, name = m.groups()
        if name is not None:
            read = html.entities.html5.get(name + ";")
            if read is None or len(read) != 1:
                continue
        else:
            read = _char_of(int(decimal) if decimal is not None else int(hexadecimal, 16))
            if read is None:
                continue
        edits.append((m.start(), m.end(), read))
    return edits


def _percents(text: str) -> list[Edit]:
    edits: list[Edit] = []
    for m in _PERCENT.finditer(text):
        code = int(m.group(1), 16)
        if code == 0x20 and not _in_query_value(text, m.start()):
            continue
        if code < 0x7F:
            edits.append((m.start(), m.end(), chr(code)))
    return edits


def _in_query_value(text: str, at: int) -> bool:
    """Whether `at` is inside the value of a URL query (`?name=Ann%20Lee`): a space is
    read there, not in a path or a link (`Image%20Processing.ipynb`), where it would
    turn file names into words. Looked for in the 2 KB before `at` only (a URL is
    shorter), so a megabyte of `%20` costs linear time."""
    window = max(0, at - _QUERY_WINDOW)
    token_start = max(text.rfind(char, window, at) for char in " \t\n(<\"'[") + 1
    return text.find("=", max(window, token_start), at) >= 0


def _escapes(text: str) -> list[Edit]:
    edits: list[Edit] = []
    for m in _ESCAPE.finditer(text):
        if m.start() and text[m.start() - 1] == "\\":
            continue  # `\\u0040` is a backslash and the letters
        code = int(next(g for g in m.groups() if g is not None), 16)
        if m.group(2) is not None and code > 0x7E:
            continue  # `\xc3` in a bytes literal is a byte, not a character
        read = _char_of(code)
        if read is not None and read != "\\":
            edits.append((m.start(), m.end(), read))
    return edits


def _spoken_emails(text: str, lowered: str) -> list[Edit]:
    """`jsmith at gmail dot com` is an address; `work at google dot com` is a sentence:
    a one-word local part before a bare `at` must not be an English word."""
    edits: list[Edit] = []
    for cue in _AT_CUES:
        at = lowered.find(cue)
        while at >= 0:
            edits += _spoken_email_at(text, at, at + len(cue), cue)
            at = lowered.find(cue, at + 1)
    return edits


def _spoken_email_at(text: str, start: int, end: int, cue: str) -> list[Edit]:
    domain = _SPOKEN_DOMAIN.match(text, end)
    if domain is None:
        return []
    local = _SPOKEN_LOCAL.search(text[max(0, start - 120):start])
    if local is None:
        return []
    local_start = start - len(local.group())
    local_text = local.group().strip()
    if len(local_text) < 2 or cue.strip().lower() == "at" and local_text.isalpha() and (
            english_word(local_text.lower())):
        return []
    if cue == " at " and _DETERMINER_BEFORE.search(text, max(0, local_start - 12),
                                                   local_start) is not None:
        return []
    if _names_a_site(local_text, domain.group()) and _MAIL_CUE.search(
            text[max(0, local_start - _MAIL_CUE_WINDOW):domain.end() + _MAIL_CUE_WINDOW]
    ) is None:
        return []
    while start > local_start and text[start - 1] in " \t":
        start -= 1
    edits = [(start, end + domain.group().find(domain.group().lstrip(" \t")), "@")]
    for part in (*_SPOKEN_DOT.finditer(text, local_start, start),
                 *_SPOKEN_DOT.finditer(text, domain.start(), domain.end())):
        if part.group() != ".":
            edits.append((part.start(), part.end(), "."))
    return edits


def _names_a_site(local: str, domain: str) -> bool:
    """Whether `x at y.org` says where a project lives (`numpy at numpy.org`, `xarray at
    xarray.dev`): the local part is a known software name and a label of the domain, or
    the domain's first label and shaped like a project's name; or the domain is a host
    of documentation sites. A person's name at their own site (`jsmith at jsmith.org`,
    `tobi at tobi.dev`) is an address."""
    name = _SPOKEN_DOT.sub(".", domain.strip()).lower()
    if name.endswith(_DOCUMENTATION_HOSTS):
        return True
    labels = name.split(".")
    key = _SPOKEN_DOT.sub(".", local).lower()
    if key in SOFTWARE_NAMES:
        return key in labels
    return key == labels[0] and _project_shaped(key)


def _project_shaped(word: str) -> bool:
    """`xarray`, `pytorch`, `jupyterlab`: a project prefix before a word that is no
    listed name, or a known software name before a project suffix."""
    if any(word.startswith(prefix) and _project_word(word[len(prefix):])
           for prefix in _PROJECT_PREFIXES):
        return True
    return any(word.endswith(suffix) and word[:-len(suffix)] in SOFTWARE_NAMES
               for suffix in _PROJECT_SUFFIXES)


def _project_word(rest: str) -> bool:
    """A word after a project prefix: a software name, or an English word of three
    letters or more that is no listed name (`array`, not `smith`)."""
    if rest in SOFTWARE_NAMES:
        return True
    if len(rest) < 3 or not rest.isalpha() or not english_word(rest):
        return False
    return not name_lists().kind(rest)


def _digit_words(lowered: str) -> list[Edit]:
    if _THREE_DIGIT_WORDS.search(" " + lowered) is None:
        return []
    edits: list[Edit] = []
    for m in _DIGIT_WORD_RUN.finditer(lowered):
        words = list(_DIGIT_WORD.finditer(lowered, m.start(), m.end()))
        if sum(w.group() == "oh" for w in words) * 2 > len(words):
            continue  # "oh oh oh" is not a number
        for word, following in zip(words, [*words[1:], None], strict=True):
            end = word.end() if following is None else following.start()
            edits.append((word.start(), end, _DIGIT_WORDS[word.group()]))
    return edits


def _line_joins(text: str) -> list[Edit]:
    edits: list[Edit] = []
    for m in _WRAP_BEFORE.finditer(text):
        start = m.start()
        while start and text[start - 1] in " \t\r":
            start -= 1
        if start and text[start - 1].isalnum() and _short_last_token(text, start):
            edits.append((start, m.end(), ""))
    if _TWO_DIGIT_LINES.search(text) is not None:
        for run in _DIGIT_LINES.finditer(text):
            gaps = list(_LINE_GAP.finditer(text, run.start(), run.end()))
            if 6 <= len(gaps) <= 18:  # seven to nineteen digits
                edits += [(g.start(), g.end(), "") for g in gaps]
    return edits


def _spread_digits(text: str) -> list[Edit]:
    edits: list[Edit] = []
    for run in _SPREAD_DIGITS.finditer(text):
        start, end = run.span()
        if start and (text[start - 1].isalnum() or text[start - 1] in "._") or (
                end < len(text) and (text[end].isalnum() or text[end] in "._")):
            continue  # part of a longer token or a decimal
        edits += [(gap.start(), gap.end(), " ") for gap in _WIDE_GAP.finditer(text, start, end)]
    return edits


def _short_last_token(text: str, end: int) -> bool:
    """Whether the token ending at `end` is short: a value broken at a line end
    (`ghp`, `anne.burch@kaiserpermanente`), not a line of base64 (a key, an image)."""
    start = max(0, end - 48)
    return start == 0 or _BLANK.search(text, start, end) is not None


def _inside_value(text: str, start: int, end: int) -> bool:
    """Whether a mark at text[start:end] sits inside a value: a value character on each
    side, and a letter or digit after it or right after a separator (`**-4`), so a mark
    closing a word before punctuation (`` `x`. ``) is left alone."""
    if not _between(text, start, end, _VALUE_CHARS.__contains__):
        return False
    after = text[end]
    return after.isalnum() or end + 1 < len(text) and text[end + 1].isalnum()


def _between(text: str, start: int, end: int, fits: Callable[[str], bool]) -> bool:
    """Whether text[start:end] has a character on each side and both fit."""
    return start > 0 and end < len(text) and fits(text[start - 1]) and fits(text[end])


def disguise_edits(text: str) -> list[Edit]:
    """Edits that undo the disguises in `text` (see the module docstring), in no order;
    they may overlap each other (`normalise` keeps the first of overlapping edits)."""
    edits: list[Edit] = []
    if "&" in text and ";" in text:
        edits += _entities(text)
    if "%" in text:
        edits += _percents(text)
    if "\\" in text:
        if "\\u" in text or "\\x" in text or "\\U" in text:
            edits += _escapes(text)
        if "\\_" in text or "\\#" in text or "\\&" in text:
            edits += [(m.start(), m.end(), m.group(1)) for m in _LATEX_ESCAPE.finditer(text)]
    if "<" in text and ">" in text:
        edits += _inline_tags(text)
    if "**" in text or "~~" in text or "`" in text:
        edits += [(m.start(), m.end(), "") for m in _INLINE_MARK.finditer(text)
                  if _inside_value(text, m.start(), m.end())]
    if "*" in text:
        edits += _star_emphasis(text)
    if "+" in text and _PLUS_QUOTE.search(text) is not None:
        edits += [(m.start(), m.end(), "") for m in _JOINT.finditer(text)
                  if _between(text, m.start(), m.end(), _in_literal)]
    if "(" in text and any(end in text for end in _LITERAL_LINE_ENDS):
        edits += _implicit_joints(text)
    lowered = lowered_of(text)  # the scan's, made for normalise and its readers
    if len(lowered) == len(text):  # else a letter's lower case is longer: offsets move
        if any(cue in lowered for cue in _AT_CUES):
            edits += _spoken_emails(text, lowered)
        edits += _digit_words(lowered)
    if "\n" in text:
        edits += _line_joins(text)
    if _SPREAD_GATE.search(text) is not None:
        edits += _spread_digits(text)
    edits += _leetspeak(text)  # its search is its gate
    return edits


def _leetspeak(text: str) -> list[Edit]:
    """Edits that read the look-alike digits of a word as letters where the word so read
    is a name or an address's top-level domain (see the module docstring)."""
    edits: list[Edit] = []
    at = 0
    while (digit := _LEET_DIGIT.search(text, at)) is not None:
        end = _ALNUM_RUN.match(text, digit.end()).end()
        at = end  # the word's other digits are read with it
        head = _ALNUM_TAIL.search(text, max(0, digit.start() - _LEET_WORD.stop),
                                  digit.start())
        if head is None or end - head.start() not in _LEET_WORD:
            continue  # a long token: a key, a hash, an identifier
        start = head.start()
        if start and text[start - 1] in _LEET_JOINED:
            continue
        read = _leet_read(text, start, end)
        if read is not None:
            edits += [(i, i + 1, read[i - start]) for i in range(start, end)
                      if text[i].isdigit()]
    return edits


def _leet_read(text: str, start: int, end: int) -> str | None:
    """The word text[start:end] with its digits read as letters, when so read it is a
    top-level domain after an address's `@` or a name: one a list knows, or a capitalised
    word beside a title or a known name; else None."""
    word = text[start:end]
    if start > 0 and text[start - 1] == "." and "@" in text[
            max(0, start - _AT_WINDOW):start]:
        for read in _leet_readings(word):
            if read in _TLD_SET:
                return read
    listed, likeliest = _leet_word(word)
    if listed:
        return listed
    if likeliest and _beside_a_name(text, start, end):
        return likeliest  # `Ag4tha Whitm0re`, `Mrs. Brannag4n`: a surname no list knows
    return None


@memoised(maxsize=1024)
def _leet_word(word: str) -> tuple[str, str]:
    """A word written as a name with look-alike digits: its reading a name list knows
    ('' for none) and, for a capitalised word, its likeliest reading ('' otherwise)."""
    if not _name_cased(word):
        return "", ""  # `hba1c`, `HbA1c`, `conv1`: not written as a name is
    places = [i for i, char in enumerate(word) if char.isdigit()]
    if len(places) > _LEET_MAX_DIGITS or any(word[i] not in _LEET for i in places):
        return "", ""
    letters = word.strip("013457")
    inside = len(letters) > len(word) - len(places)  # a digit between two letters
    if len(word) - len(places) < (_LEET_LETTERS if inside else _LEET_EDGE_LETTERS):
        return "", ""  # `T1a`, `3min`, `POP3`: too few letters to be sure of a name
    upper = letters.isupper()
    lists = name_lists()
    for letter_of in product(*(_LEET[word[i]] for i in places)):
        chars = list(word)
        for i, letter in zip(places, letter_of, strict=True):
            chars[i] = letter.upper() if upper or i == 0 else letter
        read = "".join(chars)
        kind = lists.kind(read)
        if kind and (inside or kind in _STRONG_KINDS):
            return read, read
    first = "".join((_LEET[char][0].upper() if i == 0 else _LEET[char][0])
                    if char in _LEET else char for i, char in enumerate(word))
    return "", first if not upper else ""


def _beside_a_name(text: str, start: int, end: int) -> bool:
    """Whether the word before text[start:end] (one blank between) is a title or a given
    name a list is sure of, or the word after it a surname, as typed or in leetspeak."""
    before = _WORD_BEFORE.search(text, max(0, start - _LEET_WORD.stop), start)
    if before is not None and (before.group(1).lower() in HONORIFICS or not (
            _GIVEN_KINDS.isdisjoint(_reading_kinds(before.group(1))))):
        return True
    after = _WORD_AFTER.match(text, end)
    return after is not None and not _SURNAME_KINDS.isdisjoint(_reading_kinds(after.group(1)))


@memoised(maxsize=1024)
def _reading_kinds(word: str) -> str:
    """The name kinds of `word`'s readings (`_leet_readings`), one letter each."""
    lists = name_lists()
    return "".join(lists.kind(read) for read in _leet_readings(word))


def _leet_readings(word: str) -> list[str]:
    """`word` as typed if it has no look-alike digit, else each way to read them, in small
    letters (at most two digits; none for a word with more or with other digits)."""
    places = [i for i, char in enumerate(word) if char.isdigit()]
    if not places:
        return [word]
    if len(places) > _LEET_MAX_DIGITS or any(word[i] not in _LEET for i in places):
        return []
    readings = []
    for letter_of in product(*(_LEET[word[i]] for i in places)):
        chars = list(word)
        for i, letter in zip(places, letter_of, strict=True):
            chars[i] = letter
        readings.append("".join(chars))
    return readings


def _name_cased(word: str) -> bool:
    """Whether a word with digits is cased as a name is: a capital and small letters
    (`J0hn`, `Lanc3`; a digit first stands for the capital: `4dams`) or capitals only
    (`5MITH`); not `hba1c`, `HbA1c`, `conv1`."""
    letters = word.translate(_NO_DIGITS)
    if word[0].isdigit():
        return letters.islower() or letters.isupper()
    return letters[:1].isupper() and (letters.isupper() or letters[1:].islower())


def _inline_tags(text: str) -> list[Edit]:
    """Inline tags inside a value (`12<b>3</b>-45`), and the opening tag of one closed
    inside a word from the word's start (`<span>Car</span>l Hall`): read as nothing."""
    edits: list[Edit] = []
    opened: re.Match[str] | None = None  # the last opening tag kept
    for m in _INLINE_TAG.finditer(text):
        if _between(text, m.start(), m.end(), _not_blank):
            edits.append((m.start(), m.end(), ""))
            if opened is not None and m.group().startswith("</") and (
                    _tag_name(m.group()) == _tag_name(opened.group())) and (
                    _BLANK.search(text, opened.end(), m.start()) is None):
                edits.append((opened.start(), opened.end(), ""))
            opened = None
        elif not m.group().startswith("</"):
            opened = m
    return edits


def _tag_name(tag: str) -> str:
    return _TAG_NAME.match(tag).group(1).lower()


def _implicit_joints(text: str) -> list[Edit]:
    edits: list[Edit] = []
    for m in _IMPLICIT_JOINT.finditer(text):
        close = m.start() - 1 if text[m.start() - 1] != "\r" else m.start() - 2
        if close < 1 or text[close] != m.group(1) or text[close - 1] not in "0123456789./-":
            continue  # no literal closed inside a value right before the line break
        before = text[max(0, close - _BRACKET_WINDOW):close]
        if before.count("(") > before.count(")"):
            edits.append((close, m.end(), ""))
    return edits


def _star_emphasis(text: str) -> list[Edit]:
    edits: list[Edit] = []
    for m in _STAR_EMPHASIS.finditer(text):
        if m.start() and not text[m.start() - 1].isspace():
            continue  # emphasis opens after a blank; `a*b*c`, `)*(c*d` multiply
        edits += [(m.start(), m.start() + 1, ""), (m.end() - 1, m.end(), "")]
    return edits


def _not_blank(char: str) -> bool:
    return char not in " \t\n\r<>"


def _in_literal(char: str) -> bool:
    return char not in "\n\"'\\"
