"""Where a pattern with no literal start can begin, read from the text's shape.

A card number, an IBAN, a DEA or a VIN pattern starts with a class (`[2-6]`, `[A-Z]`),
so the regex engine tries it at every digit or capital of a text, and most texts hold
none of them. The shape of a text is the text in one byte per character, made in C in
one pass for the whole scan: `9` for a digit, `A` for a capital, `a` for a small letter
or `_`, `?` for `?` and every character beyond ASCII, any other ASCII character itself.
A pattern's gate, read from the parsed pattern, is what the shape of every match's first
characters must be (`A[A9]99999999` for a DEA number): one search of the shape for it
gives the few places the pattern itself is then tried. The gate only ever admits more
places than the pattern (a class of the pattern becomes the symbols of all its
characters, `?` for any it may match beyond ASCII), so what is found does not change.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple

from .memo import per_scan

try:  # the regex parser's modules, private and renamed in Python 3.11
    import re._compiler as sre_compile
    import re._constants as sre
    import re._parser as sre_parse
except ImportError:  # Python 3.10
    import sre_compile  # type: ignore[no-redef]
    import sre_constants as sre  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_ASCII = tuple(chr(code) for code in range(128))


def _symbol(char: str) -> str:
    if "0" <= char <= "9":
        return "9"
    if "A" <= char <= "Z":
        return "A"
    if "a" <= char <= "z" or char == "_":
        return "a"
    return char


#: Each latin-1 byte to its symbol (`encode` writes `?` for any character beyond it).
_TABLE = bytes(ord(_symbol(chr(b))) if b < 128 else ord("?") for b in range(256))
#: The ASCII characters each symbol stands for (`?` stands for more: never a subset).
_PREIMAGE: dict[str, frozenset[str]] = {}
for _char in _ASCII:
    _PREIMAGE[_symbol(_char)] = _PREIMAGE.get(_symbol(_char), frozenset()) | {_char}
del _char
#: A gate reading fewer characters than this is not worth its search.
_SHORTEST = 4
#: A gate reads no more characters than this.
_LONGEST = 24
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT))


@per_scan(maxsize=2)
def text_shape(text: str) -> bytes:
    """The shape of `text` (see the module docstring): one byte per character."""
    return text.encode("latin-1", "replace").translate(_TABLE)


#: Beyond this many `?` in a shape, `wide_digits` searches the text instead.
_MOST_WIDE = 64
#: A decimal digit beyond ASCII (`٣`, `１`), which `\d` matches and the shape writes `?`.
_WIDE_DIGIT = re.compile(r"[^\D0-9]")


@per_scan(maxsize=2)
def wide_digits(text: str) -> bool:
    r"""Whether `text` holds a decimal digit beyond ASCII. Most texts hold none: then a
    `\d` of a pattern matches only what the shape writes `9`, and a gate need not stop at
    every `?` (`ShapeGates.narrow`). Latin-1 has no such digit, so only the characters
    the shape writes `?` are looked at, one by one while they are few."""
    shape = text_shape(text)
    if shape.count(b"?") > _MOST_WIDE:
        return _WIDE_DIGIT.search(text) is not None
    at = shape.find(b"?")
    while at >= 0:
        if text[at].isdecimal() and not text[at].isascii():
            return True
        at = shape.find(b"?", at + 1)
    return False


class _Class:
    """The ASCII characters one item of a pattern matches, and whether it may match one
    beyond ASCII (conservatively: yes unless it lists ASCII characters only)."""

    __slots__ = ("chars", "wide", "digits")

    def __init__(self, chars: frozenset[str], wide: bool, digits: bool = False) -> None:
        self.chars, self.wide = chars, wide
        self.digits = digits  # (the only characters beyond ASCII it matches are digits)

    def symbols(self, narrow: bool = False) -> frozenset[str]:
        """Every symbol a character it matches can have; `narrow`: in a text without
        decimal digits beyond ASCII (`wide_digits`)."""
        found = {_symbol(char) for char in self.chars if char != "?"}
        if self.wide and not (narrow and self.digits) or "?" in self.chars:
            found.add("?")
        return frozenset(found)

    def sure_symbols(self) -> frozenset[str]:
        """The symbols all of whose characters it matches (never `?`)."""
        return frozenset(symbol for symbol, chars in _PREIMAGE.items()
                         if symbol != "?" and chars <= self.chars)


def _class_of(item: tuple[Any, Any], state: Any) -> _Class | None:
    """The `_Class` of a one-character item (a literal or a class); None for others."""
    op, av = item
    if op is sre.LITERAL:
        return _Class(frozenset({chr(av)}) if av < 128 else frozenset(), av >= 128)
    if op is not sre.IN:
        return None
    one = sre_compile.compile(sre_parse.SubPattern(state, [item]), 0)
    chars = frozenset(char for char in _ASCII if one.fullmatch(char))
    narrow = all(o is sre.LITERAL and a < 128 or o is sre.RANGE and a[1] < 128 for o, a in av)
    # `\d` (and ASCII beside it): beyond ASCII it matches decimal digits only
    digits = all(o is sre.LITERAL and a < 128 or o is sre.RANGE and a[1] < 128
                 or o is sre.CATEGORY and a is sre.CATEGORY_DIGIT for o, a in av)
    return _Class(chars, not narrow, digits)


#: What a match's character at one place is known to be: its symbols, its class when one
#: item of the pattern reads it (None where branches meet), and its symbols in a text
#: without decimal digits beyond ASCII.
_Place = tuple[frozenset[str], "_Class | None", frozenset[str]]


def _walk(items: list[tuple[Any, Any]], state: Any, out: list[_Place],
          after_first: list[frozenset[str]]) -> bool:
    """Append to `out` what each character every match of `items` starts with is known
    to be; whether `items` were read whole (a caller may read on). `after_first` gets the
    sure symbols of a character no match may follow (`[2-6](?<![\\w.,-][2-6])`)."""
    for op, av in items:
        if len(out) >= _LONGEST:
            return False
        if op is sre.ASSERT_NOT and av[0] == -1 and len(out) <= 1:
            body = list(av[1])
            if len(body) == len(out) + 1:  # it looks at the character before the match
                before = _class_of(body[0], state)
                inner = [_class_of(i, state) for i in body[1:]]
                # it refuses a character before the match when what the match reads
                # from its start is sure to be in its class there
                if before is not None and all(
                        c is not None and out[k][1] is not None and not out[k][1].wide
                        and out[k][1].chars <= c.chars for k, c in enumerate(inner)):
                    after_first.append(before.sure_symbols())
            continue
        if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
            continue  # zero width: admitting more places is safe
        if op in (sre.LITERAL, sre.IN):
            found = _class_of((op, av), state)
            if found is None:
                return False
            out.append((found.symbols(), found, found.symbols(narrow=True)))
        elif op is sre.SUBPATTERN:
            _, add, _, body = av
            if add & re.IGNORECASE or not _walk(list(body), state, out, after_first):
                return False
        elif op in _REPEATS:
            low, high, body = av
            body = list(body)
            if low < 1:
                return False
            if len(body) == 1 and body[0][0] in (sre.LITERAL, sre.IN):
                found = _class_of(body[0], state)
                if found is None:
                    return False
                out.extend([(found.symbols(), found, found.symbols(narrow=True))]
                           * min(low, _LONGEST - len(out)))
                if low != high:
                    return False
            else:
                _walk(body, state, out, [])
                return False
        elif op is sre.BRANCH:
            branches = []
            for alternative in av[1]:
                read: list[_Place] = []
                whole = _walk(list(alternative), state, read, [])
                branches.append((read, whole))
            shortest = min(len(read) for read, _ in branches)
            for k in range(shortest):
                out.append((frozenset().union(*(read[k][0] for read, _ in branches)), None,
                            frozenset().union(*(read[k][2] for read, _ in branches))))
            if not all(whole and len(read) == shortest for read, whole in branches):
                return False
        else:
            return False
    return True


def _byte_class(symbols: frozenset[str]) -> str:
    if len(symbols) == 1:
        return re.escape(next(iter(symbols)))
    return "[" + "".join(re.escape(s) for s in sorted(symbols)) + "]"


class ShapeGates(NamedTuple):
    """A pattern's gate (`wide`), and the same for a text without decimal digits beyond
    ASCII (`narrow`, None when it would be the same): there each `\\d` of the pattern reads
    `9` alone, and a gate led by one literal symbol is skipped to as fast as `str.find`."""

    wide: re.Pattern[bytes]
    narrow: re.Pattern[bytes] | None


@lru_cache(maxsize=1024)
def shape_gates(pattern: re.Pattern[str]) -> ShapeGates | None:
    """Searches of a text's shape (`text_shape`) that find, at least, every place a
    match of `pattern` can begin; None when the pattern's start says too little (fewer
    than `_SHORTEST` characters read) or cannot be read."""
    if pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
        return None
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    places: list[_Place] = []
    not_after: list[frozenset[str]] = []
    try:
        _walk(list(parsed), parsed.state, places, not_after)
    except (TypeError, ValueError, re.error):  # an item this reading does not know
        return None
    read = [symbols for symbols, _, _ in places]
    if len(read) < _SHORTEST or any(not symbols for symbols in read) or "a" in read[0]:
        return None  # (a small letter first: the search would stop at most characters)
    refused = frozenset().union(*not_after)
    behind = f"(?<![{''.join(re.escape(s) for s in sorted(refused))}].)" if refused else ""

    def gate(symbols: list[frozenset[str]]) -> re.Pattern[bytes]:
        # the first character consumed (the engine skips to it), the rest looked ahead
        # at, so overlapping places are all found
        source = (_byte_class(symbols[0]) + behind
                  + "(?=" + "".join(map(_byte_class, symbols[1:])) + ")")
        return re.compile(source.encode("ascii"), re.DOTALL)

    narrow = [symbols for _, _, symbols in places]
    return ShapeGates(gate(read), gate(narrow) if narrow != read else None)


def shape_gate(pattern: re.Pattern[str]) -> re.Pattern[bytes] | None:
    """The gate of `pattern` for any text (`ShapeGates.wide`), or None."""
    gates = shape_gates(pattern)
    return None if gates is None else gates.wide


def gated_starts(pattern: re.Pattern[str], text: str) -> list[int] | None:
    """Sorted places where a match of `pattern` in `text` can begin, from the text's
    shape; None when the pattern has no gate (then it is tried everywhere)."""
    gates = shape_gates(pattern)
    if gates is None:
        return None
    gate = gates.wide if gates.narrow is None or wide_digits(text) else gates.narrow
    return [m.start() for m in gate.finditer(text_shape(text))]

