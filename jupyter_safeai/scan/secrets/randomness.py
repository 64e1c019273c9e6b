"""Whether a value is a real secret: placeholders and randomness.

Notebooks and docs show stand-ins where a secret goes ("your-api-key-here", "${API_KEY}",
"***"); reporting them would only teach people to ignore the scanner. A generated key is
long, mixes character classes and is random; a word list or a keyboard run is not.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable

SECRET = "secret"

#: Words that only describe or stand in for a secret; a value made of nothing else
#: (plus at most four digits) is a placeholder: "your-api-key-here", "secret123".
_PLACEHOLDER_WORDS = frozenset("""
    your my the here goes this api key keys token secret password passwd pass pwd
    passphrase example sample dummy test testing fake mock placeholder change changeme
    replace replaceme me insert enter put value foo bar baz qux quux todo tbd fixme none
    null nil undefined default demo redacted hidden xxx string str text varchar char
    integer int bool boolean bytes access auth private client bearer
""".split())
#: Substrings that mark a documentation or template value wherever they occur.
_PLACEHOLDER_MARKERS = re.compile(
    r"example|placeholder|change[_-]?me|replace[_-]?me|redacted|dummy|xxxx|\*\*\*\*|\.\.\.|\u2026"
    r"|your[_-]|your(?:api|key|token|secret|password)|insert[_-]|not[_-]?real|notasecret|fake[_-]"
)
_MASK_ONLY = re.compile(r"[*xX\u2022\u00b7\u2026._#?\s-]+")
_TEMPLATE = re.compile(
    r"\$\{[^{}]{0,200}\}"            # ${API_KEY}
    r"|\$\([^()]{0,200}\)"           # $(pass show db)
    r"|^\$(?:[A-Z_][A-Z0-9_]*|[a-z_][a-z0-9_]*)$"  # $API_KEY, $db_pass
    r"|\{\{[^{}]{0,200}\}\}"         # {{ secret }}
    r"|\{%[^%]{0,200}%\}"            # {% raw %}
    r"|<[^<>]{1,80}>"                # <TOKEN>, <your key>
    r"|%\(\w{1,64}\)[sdr]|(?<![A-Za-z0-9])%s(?![A-Za-z0-9])"  # %(password)s, %s
    r"|^\{\w{0,64}\}$"               # {password}, {0}, {}
    r"|^\[[A-Za-z_ -]{1,40}\]$"      # [REDACTED]
    r"|^@@\w{1,64}@@$|^__[A-Z0-9_]{1,64}__$"
)


def _may_be_template(value: str) -> bool:
    """Whether `value` (not empty) holds what every `_TEMPLATE` match holds: a `$`, `{`,
    `<` or `%`, or a `[`, `@` or `_` first; most values do not, and the pattern, tried
    at every character, costs a long value ~40 µs."""
    return value[0] in "[@_" or any(mark in value for mark in "${<%")


#: The longest placeholder word (a split of a value tries no longer piece).
_LONGEST_WORD = min(12, max(map(len, _PLACEHOLDER_WORDS)))

_SEQUENCES = (
    "0123456789abcdefghijklmnopqrstuvwxyz0123456789",
    "9876543210", "zyxwvutsrqponmlkjihgfedcba", "qwertyuiopasdfghjklzxcvbnm",
)


def _segments_into_words(word: str) -> bool:
    """Whether `word` is a concatenation of placeholder words ("yourapikeyhere")."""
    if len(word) > 64:
        return False
    # Forward from each place a run of words reaches (most words reach none past their
    # start): the same answer as trying every split, in a few look-ups instead of ~700.
    size = len(word)
    reached = [True] + [False] * size
    for start in range(size):
        if reached[start]:
            for end in range(start + 1, min(size, start + _LONGEST_WORD) + 1):
                if word[start:end] in _PLACEHOLDER_WORDS:
                    reached[end] = True
    return reached[size]


#: Compiled once: `is_placeholder` runs on every candidate secret of every scan.
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_LETTER_RUNS = re.compile(r"[a-z]+")


def _is_sequence_or_periodic(value: str) -> bool:
    """"123456", "abcdef", "abcabcabc", "qwerty": keyboard filler, not a secret."""
    return _sequence_or_periodic(_NOT_ALNUM.sub("", value.lower()))


def _sequence_or_periodic(s: str) -> bool:
    """`_is_sequence_or_periodic` of a value's letters and digits `s` (lower case)."""
    if len(s) < 4:
        return False
    if any(s in seq for seq in _SEQUENCES):
        return True
    # period p: every character equals the one p places on (no repeated copy made)
    return any(len(s) >= 2 * p and s[p:] == s[:-p] for p in range(1, 5))


#: Keys published as samples, which documentation and test suites everywhere repeat:
#: AWS's documented example credentials and the demo Firebase (Google API) keys of
#: firebase-android-sdk's tests and quick-starts. They grant nothing.
PUBLIC_SAMPLE_KEYS = frozenset("""
    AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
    AIzaSyabcdefghijklmnopqrstuvwxyz1234567 AIzaSyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs
    AIzaSyCkEhVjf3pduRDt6d1yKOMitrUEke8agEM AIzaSyDMAScliyLx7F0NPDEJi1QmyCgHIAODrlU
    AIzaSyD3asb-2pEZVqMkmL6M9N6nHZRR_znhrh0 AIzayDNSXIbFmlXbIE6mCzDLQAqITYefhixbX4A
    AIzaSyAdOS2zB6NCsk1pCdZ4-P6GBdi_UUPwX7c AIzaSyASWm6HmTMdYWpgMnjRBjxcQ9CKctWmLd4
    AIzaSyANUvH9H9BsUccjsu2pCmEkOPjjaXeDQgY AIzaSyA5_iVawFQ8ABuTZNUdcwERLJv_a_p4wtM
    AIzaSyA4UrcGxgwQFTfaI3no3t7Lt1sjmdnP5sQ AIzaSyDSb51JiIcB6OJpwwMicseKRhhrOq1cS7g
    AIzaSyBF2RrAIm4a0mO64EShQfqfd2AFnzAvvuU AIzaSyBcE-OOIbhjyR83gm4r2MFCu4MJmprNXsw
    AIzaSyB8qGxt4ec15vitgn44duC5ucxaOi4FmqE AIzaSyA8vmApnrHNFE0bApF4hoZ11srVL_n0nvY
""".split())


_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
#: Each digit and letter to the one after it (`9` and `z` to a character no value holds).
_SUCCESSOR = str.maketrans("0123456789abcdefghijklmnopqrstuvwxyz",
                           "123456789\0bcdefghijklmnopqrstuvwxyz\0")
#: Two steps up or more in a row: a run of three characters or more.
_STEPS_UP = re.compile(rb"\0{2,}")


def _mostly_runs(value: str) -> bool:
    """"abc123xyz-456def789ghij-klmnop…" (lower-cased): at least half its letters and
    digits stand in runs of three or more that count up (abc, 789): typed filler.
    Generated keys almost never hold such a run (one in ~250 positions of random hex,
    fewer in base62)."""
    return _mostly_runs_of(_NOT_ALNUM.sub("", value))


def _mostly_runs_of(chars: str) -> bool:
    """`_mostly_runs` of a value's letters and digits `chars` (lower case)."""
    if len(chars) < 12:
        return False
    # Where each character is the one after the character before it: a zero byte of
    # (each character's successor) XOR (the character after it), found in C; a run of
    # k such steps is a run of k + 1 characters (a loop over them costs ~100 µs for a
    # long value).
    steps = (int.from_bytes(chars[:-1].translate(_SUCCESSOR).encode(), "big")
             ^ int.from_bytes(chars[1:].encode(), "big")).to_bytes(len(chars) - 1, "big")
    # a run of k >= 2 steps holds k + 1 <= 1.5 k characters: too few steps, no need to
    # find the runs (a random key has few)
    if 3 * steps.count(0) < len(chars):
        return False
    in_runs = sum(run.end() - run.start() + 1 for run in _STEPS_UP.finditer(steps))
    return in_runs * 2 >= len(chars)


def is_placeholder(value: str) -> bool:
    """True when `value` only stands in for a secret: empty, masked, templated or
    documentation filler, or a published sample key. Such values are what notebooks and
    docs show instead of a secret, so reporting them would only be noise."""
    v = value.strip().strip("\"'`").strip()
    if not v or v.count(v[0]) == len(v) or _MASK_ONLY.fullmatch(v) or v in PUBLIC_SAMPLE_KEYS:
        return True
    if _may_be_template(v) and _TEMPLATE.search(v):
        return True
    low = v.lower()
    if _PLACEHOLDER_MARKERS.search(low):
        return True
    # (its letters and digits read once for the next two checks: a long value, a key's
    # body, spent most of its time removing the other characters again and again)
    chars = _alnum_of(low)
    if _sequence_or_periodic(chars) or _mostly_runs_of(chars):
        return True
    if len(chars) - len(chars.encode("ascii").translate(None, b"0123456789")) > 4:
        return False  # more than four digits: no filler made of words
    words = _LETTER_RUNS.findall(low)
    return bool(words) and all(
        w in _PLACEHOLDER_WORDS or _segments_into_words(w) for w in set(words))


#: The ASCII characters other than small letters and digits, as bytes.
_NOT_ALNUM_BYTES = bytes(b for b in range(128) if not (b"a"[0] <= b <= b"z"[0]
                                                       or b"0"[0] <= b <= b"9"[0]))


def _alnum_of(low: str) -> str:
    """The small ASCII letters and digits of `low`, in order (`_NOT_ALNUM` removed; for
    an ASCII text by `bytes.translate`, several times faster than the regex)."""
    if low.isascii():
        return low.encode("ascii").translate(None, _NOT_ALNUM_BYTES).decode("ascii")
    return _NOT_ALNUM.sub("", low)


# ------------------------------------------------------------------ randomness

def shannon_entropy(value: str) -> float:
    """Bits per character of `value` under its own character frequencies."""
    n = len(value)
    if not n:
        return 0.0
    return -sum([c / n * math.log2(c / n) for c in Counter(value).values()])


def char_classes(value: str) -> int:
    """How many of lower, upper, digit, other occur: real keys mix them."""
    return (any(c.islower() for c in value) + any(c.isupper() for c in value)
            + any(c.isdigit() for c in value) + (bool(value) and not value.isalnum()))


def random_body(body: str, min_len: int, min_entropy: float = 3.5,
                 min_classes: int = 2) -> bool:
    """A token body that looks generated: long enough, mixed, random, not filler."""
    return (len(body) >= min_len and char_classes(body) >= min_classes
            and shannon_entropy(body) >= min_entropy and not is_placeholder(body))


def body_after(prefix_len: int, min_len: int, min_entropy: float = 3.5,
                min_classes: int = 2) -> Callable[[str], bool]:
    """Validator for a prefixed token: the part after its prefix must be random."""
    return lambda value: random_body(value[prefix_len:], min_len, min_entropy, min_classes)

