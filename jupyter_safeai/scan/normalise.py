"""The text as a reader sees it: one normalised view per scan, with a map back.

A person reading `４５６－７８－９９９９`, `123 45 6789` with no-break spaces, `Jo\u200bhn`
or `ЅЅN:` (Cyrillic letters) sees an SSN, a name and a label; a regex sees none of
them. Every recognizer reads one view of the text made once per scan:

- Unicode NFKC: fullwidth and other compatibility forms become plain letters and
  digits, decomposed accents (a macOS paste) are composed;
- format characters (zero-width space and joiners, soft hyphen, BOM, word joiner,
  bidi controls, variation selectors) and control characters (NUL) are removed;
- every space variant (no-break, thin, narrow, figure, ideographic) becomes ' ', every
  dash variant (en/em dash, minus sign, U+2010/2011, fullwidth hyphen) '-';
- letters of other scripts that look Latin (`confusables`) become Latin inside a word
  that is Latin otherwise, or made only of such letters: labels, titles and domains;
- a value wrapped after a separator (`123-45-⏎6789`) and a word hyphenated at a line
  end (`Gar-⏎cia`) are joined;
- digits of other scripts (Arabic-Indic, Devanagari, ...) read as ASCII digits;
- plain-text disguises (`disguises`) are read through: HTML entities, URL and string
  escapes, markup inside a value, literals joined by `+`, spoken addresses, digits said
  as words or written one per line.

Findings are made on the view and mapped back: a view span becomes the smallest span of
the original that covers it, so redaction and restore act on what the user typed. The
common case costs next to nothing: an ASCII text with no control character, no line
ending in a separator and no disguise is its own view. Any error here propagates: the
scan fails and the gate blocks (never a text passed on unread).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

from .confusables import CONFUSABLE, SKELETON
from .disguises import disguise_edits
from .memo import memoised

_SPACES = ("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
           "\u202f\u205f\u3000")
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"
_LINE_BREAKS = "\u0085\u2028\u2029"
_INVISIBLE_RANGES = (
    (0x00, 0x08), (0x0E, 0x1F), (0x7F, 0x84), (0x86, 0x9F), (0x34F, 0x34F), (0x61C, 0x61C),
    (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)
#: Soft hyphen is a dash at a line end only in print; in a pasted value it is invisible.
_FOLD: dict[int, str | None] = {
    **{ord(c): " " for c in _SPACES},
    **{ord(c): "-" for c in _DASHES},
    **{ord(c): "\n" for c in _LINE_BREAKS},
    **{code: None for lo, hi in _INVISIBLE_RANGES for code in range(lo, hi + 1)},
    0xAD: None,
}
_SOFT_HYPHEN = "\u00ad"
_FOLDED = re.compile("[" + "".join(
    re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
    for lo, hi in _INVISIBLE_RANGES) + re.escape(_SPACES + _DASHES + _LINE_BREAKS + _SOFT_HYPHEN)
    + "]")
#: A decimal digit of another script (Arabic-Indic, Devanagari, Thai, ...): NFKC keeps
#: it, a reader reads it as a digit. (A digit and not an ASCII one; kept apart from
#: `_FOLDED`, whose ranges beyond the BMP make each added range cost on every character.)
_OTHER_DIGIT = re.compile(r"[^\D0-9]")

#: Runs of non-ASCII characters: where the view of a text that is not ASCII differs.
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]+")
#: Every ASCII byte but the controls `_CONTROLS` matches: deleted, the controls are left.
_NOT_CONTROLS = bytes(set(range(128)) - {*range(0x09), *range(0x0E, 0x20), 0x7F})
_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")
#: A line ending in one of these may be a value or a word wrapped (found with str.find).
_WRAP_ENDS = tuple(sep + end for sep in "-./" for end in ("\n", "\r\n"))
_WRAP_RESUMES = re.compile(r"[ \t]*(?=[^\W_])")
#: Each of `_WRAP_ENDS` where it stands (they never overlap: each ends a line).
_WRAP_END = re.compile(r"[-./]\r?\n")
_LOOK_ALIKES = frozenset(chr(code) for code in SKELETON)
_CONFUSABLE_WORD = re.compile(rf"\w*{CONFUSABLE.pattern}\w*")
#: Whether the character classes searched over a whole text reach into ASCII beyond the
#: controls: if not, their search can read the text's non-ASCII characters alone.
_CLASSES_OUTSIDE_ASCII = not any(
    pattern.match(chr(code)) for pattern in (CONFUSABLE, _OTHER_DIGIT) for code in range(128)
) and all(bool(_FOLDED.match(chr(code))) == bool(_CONTROLS.match(chr(code)))
          for code in range(128))
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True, slots=True)
class TextView:
    """`text` as recognizers read it, and how its offsets map to `original`'s.

    `_spans` holds one (view start, view end, original start, original end) per place
    where the two differ, in order; between them offsets differ by a constant.
    """

    text: str
    original: str
    _spans: tuple[tuple[int, int, int, int], ...] = ()
    _view_starts: tuple[int, ...] = field(default=())

    @property
    def identity(self) -> bool:
        return not self._spans

    def original_start(self, at: int) -> int:
        """Where the view character at `at` begins in the original."""
        i = bisect.bisect_right(self._view_starts, at) - 1
        if i < 0:
            return at
        view_start, view_end, start, end = self._spans[i]
        return start if at < view_end else at - view_end + end

    def original_end(self, at: int) -> int:
        """Where the view span ending (exclusive) at `at` ends in the original."""
        if at <= 0:
            return 0
        i = bisect.bisect_right(self._view_starts, at - 1) - 1
        if i < 0:
            return at
        view_start, view_end, start, end = self._spans[i]
        return end if at - 1 < view_end else at - view_end + end

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The smallest span of the original that covers view[start:end]."""
        if not self._spans:
            return start, end
        return self.original_start(start), max(self.original_start(start),
                                               self.original_end(end))


@memoised(maxsize=4096)
def _char_read(char: str) -> str:
    """How a lone character reads: NFKC, then folded (spaces, dashes, invisibles), a
    digit of another script as its ASCII digit."""
    read = unicodedata.normalize("NFKC", char).translate(_FOLD)
    if len(read) == 1 and not read.isascii() and read.isdecimal():
        return str(unicodedata.decimal(read))
    return read


def _run_edits(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, replacement) for the characters of text[start:end] that change:
    each base character with its combining marks is read as NFKC reads it, then folded
    (spaces, dashes, invisibles)."""
    run = text[start:end]
    if (unicodedata.is_normalized("NFKC", run) and not _FOLDED.search(run)
            and not _OTHER_DIGIT.search(run)):
        return []
    edits: list[tuple[int, int, str]] = []
    cluster_start = start
    for at in range(start + 1, end + 1):
        if at < end and unicodedata.combining(text[at]):
            continue  # a mark composes with the character before it
        cluster = text[cluster_start:at]
        if not cluster.isascii():
            read = (_char_read(cluster) if len(cluster) == 1 else
                    "".join(_char_read(char) for char in
                            unicodedata.normalize("NFKC", cluster)))
            if read != cluster:
                edits.append((cluster_start, at, read))
        cluster_start = at
    return edits


def _skeleton(view: str) -> str:
    """`view` with look-alike letters made Latin in words that are Latin otherwise (or
    made of look-alikes only); one letter for one, so offsets do not move."""
    pieces: list[str] = []
    position = 0
    for word in _CONFUSABLE_WORD.finditer(view):
        value = word.group()
        latin = value.translate(SKELETON)
        if _ASCII_ALNUM.search(value) or latin.isascii():
            pieces += [view[position:word.start()], latin]
            position = word.end()
    if not pieces:
        return view
    pieces.append(view[position:])
    return "".join(pieces)


def _wrap_edits(text: str) -> list[tuple[int, int, str]]:
    """Deletions that join a value wrapped after a separator (`123-45-⏎6789`: the line
    break) and a word hyphenated at a line end (`Gar-⏎cia`: the hyphen and the break), in
    no order. The line ends of `_WRAP_ENDS` are found by one search led by their
    separators (not a `str.find` pass for each, and one more for each to gate them); one
    that opens the text is read as before: none of its kind is (each kind's search began
    and ended there)."""
    edits: list[tuple[int, int, str]] = []
    opening = text[:3] if text.startswith(_WRAP_ENDS) else None
    for match in _WRAP_END.finditer(text):
        at, end = match.start(), match.group()
        if opening is not None and opening.startswith(end):
            continue
        resume = _WRAP_RESUMES.match(text, match.end())
        if resume is not None:
            before, after = text[at - 1], text[resume.end()]
            if before.isdigit() and after.isdigit():
                edits.append((at + 1, resume.end(), ""))
            elif end[0] == "-" and before.isalpha() and after.islower():
                edits.append((at, resume.end(), ""))
    return edits


def normalise(text: str) -> TextView:
    """The view of `text` that recognizers read (see the module docstring)."""
    plain = text.isascii()
    controls = bool(text.encode("ascii", "ignore").translate(None, _NOT_CONTROLS))
    wraps = _wrap_edits(text)
    disguised = disguise_edits(text)
    if plain and not controls and not wraps and not disguised:
        return TextView(text, text)
    edits: list[tuple[int, int, str]] = wraps
    look_alikes = False
    for start, end, read in disguised:  # a decoded character reads as a typed one does
        if read and not read.isascii():
            read = _char_read(read)
            look_alikes = look_alikes or CONFUSABLE.search(read) is not None
        edits.append((start, end, read))
    if not plain and _CLASSES_OUTSIDE_ASCII:
        # The searches of the whole text below read only its non-ASCII characters (a
        # few in a pasted note): its ASCII ones are controls or nothing to them.
        outside = _ASCII_RUNS.sub("", text)
        folded = controls or _FOLDED.search(outside) is not None
    else:
        outside = text
        folded = not plain and _FOLDED.search(text) is not None
    if (not plain and unicodedata.is_normalized("NFKC", text) and not folded
            and not _OTHER_DIGIT.search(outside)):
        look_alikes = look_alikes or CONFUSABLE.search(outside) is not None  # CJK, Cyrillic
    elif not plain:
        for run in _NON_ASCII.finditer(text):
            start, end = run.span()
            char = text[start]
            if end - start == 1 and not unicodedata.combining(char):  # the common case
                read = _char_read(char)
                if read != char:
                    edits.append((start, end, read))
                look_alikes = look_alikes or char in _LOOK_ALIKES
                continue
            if start and text[start - 1].isalpha() and unicodedata.combining(char):
                start -= 1  # the letter a leading combining mark composes with
            edits += _run_edits(text, start, end)
            look_alikes = look_alikes or CONFUSABLE.search(text, start, end) is not None
    if controls:
        edits += [(m.start(), m.end(), "") for m in _CONTROLS.finditer(text)]
    edits.sort()
    pieces: list[str] = []
    spans: list[tuple[int, int, int, int]] = []
    position = view_at = 0
    for start, end, read in edits:
        if start < position:
            continue  # overlaps an edit already made (a disguise inside another)
        pieces.append(text[position:start])
        view_at += start - position
        spans.append((view_at, view_at + len(read), start, end))
        pieces.append(read)
        view_at += len(read)
        position = end
    pieces.append(text[position:])
    view = "".join(pieces)
    if look_alikes:
        view = _skeleton(view)
    return TextView(view, text, tuple(spans), tuple(s[0] for s in spans))
