"""A pattern tried only where its gate finds a place in the text's shape finds what it
finds tried everywhere: the gate admits every place a match can begin."""

from __future__ import annotations

import random
import re

import pytest

from jupyter_safeai.scan import default_scanner
from jupyter_safeai.scan.recognizer import PatternRecognizer, matches_at
from jupyter_safeai.scan.shapes import gated_starts, shape_gate, text_shape

#: Pieces of synthetic text: digits, capitals and runs of them, the separators the
#: patterns read, small letters, and characters beyond ASCII (a digit, a letter, a space).
_PIECES = ["0", "1", "4", "5", "9", "37", "4111", "1234", "A", "Z", "I", "O", "GB", "AB",
           "XYZ", "1EG4", "TE5", "a", "q", "_", "-", ".", ",", " ", "  ", "\n", "?", "~", "=",
           "/", "é", "ß", "\u0663", "\uff11", "\u00a0", "K", "\u212a", "sig=", "Q~",
           "@", "'", '"', ":", "#"]


def _gated_recognizers() -> list[PatternRecognizer]:
    return [r for r in default_scanner().recognizers if isinstance(r, PatternRecognizer)
            and shape_gate(r.pattern) is not None]


def test_the_numbers_without_a_label_have_gates() -> None:
    names = {r.name for r in _gated_recognizers()}
    assert {"pattern:card", "pattern:iban", "pattern:dea", "pattern:vin",
            "pattern:mbi"} <= names


def test_shape_is_one_symbol_per_character() -> None:
    text = "Ab_9 ?é\u0663\U0001f600-"
    assert text_shape(text) == b"Aaa9 ????-"


@pytest.mark.parametrize("seed", range(4))
def test_gated_matches_are_the_matches(seed: int) -> None:
    rng = random.Random(seed)
    recognizers = _gated_recognizers()
    for _ in range(1500):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 40)))
        for recognizer in recognizers:
            starts = gated_starts(recognizer.pattern, text)
            assert starts is not None
            everywhere = [m.span() for m in recognizer.pattern.finditer(text)]
            assert [m.span() for m in matches_at(recognizer.pattern, text, starts)] == \
                everywhere, (recognizer.name, text)


def test_made_up_values_are_found_where_gated() -> None:
    """Values of the shapes the gates read (made up here), in prose, after a blank, a
    bracket, a digit or a letter: found or refused as the pattern alone does."""
    values = ["4111 1111 1111 1111", "3782-822463-10005", "GB82WEST12345698765432",
              "AB1234563", "1HGCM82633A004352", "1EG4-TE5-MK73", "5555555555554444"]
    rng = random.Random(7)
    for recognizer in _gated_recognizers():
        for value in values:
            for before in ("", " ", "(", "x", "7", "-", "é", "\u00a0"):
                text = f"{rng.choice(['Card', 'id', 'ref'])}:{before}{value}."
                starts = gated_starts(recognizer.pattern, text)
                assert [m.span() for m in matches_at(recognizer.pattern, text, starts)] == \
                    [m.span() for m in recognizer.pattern.finditer(text)]


@pytest.mark.parametrize("source", [
    r"(?i)[a-z]{5}\d{4}",       # any case: no gate
    r"[a-z]\d{6}",              # a small letter first: the gate would stop everywhere
    r"\d{2}",                   # too short to be worth it
    r"(?:\d|[A-Z]-)\d{5}",      # branches of different widths: read no further
    r"x?\d{6}",                 # an optional start: nothing sure
])
def test_no_gate_where_the_start_says_too_little(source: str) -> None:
    pattern = re.compile(source)
    assert shape_gate(pattern) is None or all(
        [m.span() for m in matches_at(pattern, t, gated_starts(pattern, t) or [])]
        == [m.span() for m in pattern.finditer(t)] for t in ["ab123456", "A-12345 9876543"])


def test_dotted_quads_found_from_their_first_dot() -> None:
    """The IPv4 pattern tried 1 to 3 characters before a dot that starts `n.n.n` finds
    what it finds tried at every digit (made-up addresses, versions, decimals)."""
    from jupyter_safeai.scan.contact import _IPV4, _IPV4_CUE
    from jupyter_safeai.scan.recognizer import cue_starts

    rng = random.Random(5)
    pieces = ["1", "10", "192", "255", "256", "7", ".", ". ", "..", "/24", "v", "a", " ",
              "\u0663", "-", ":", "x"]
    for _ in range(6000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 24)))
        cued = matches_at(_IPV4, text, cue_starts(text, _IPV4_CUE, (1, 2, 3)))
        assert [m.span() for m in cued] == [m.span() for m in _IPV4.finditer(text)], text

