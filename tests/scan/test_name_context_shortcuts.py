"""The shortcuts of the person-context readers read what their patterns read."""

from __future__ import annotations

import random

from jupyter_safeai.scan.name_context import _SENTENCE_END, _last_stop_end

# Stops, blanks of several kinds (a no-break space, a line separator, \x1c), letters.
_ALPHABET = ".!?\n \t\xa0\u2028\x1c\r" + "ab.c"


def _by_pattern(text: str, low: int, high: int) -> int:
    stops = [m.end() for m in _SENTENCE_END.finditer(text, low, high)]
    return stops[-1] if stops else low


def test_last_stop_end_is_the_patterns_last_match_end() -> None:
    rng = random.Random(20261206)
    for _ in range(20_000):
        text = "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 14)))
        low = rng.randint(0, len(text))
        high = rng.randint(low, len(text))
        assert _last_stop_end(text, low, high) == _by_pattern(text, low, high), (
            text, low, high)


def test_last_stop_end_of_a_sentence_after_a_line_and_a_stop() -> None:
    text = "Intro line\nFirst one. Then Ada came"
    assert _last_stop_end(text, 0, text.index("Ada")) == text.index("Then")
    assert _last_stop_end(text, 0, text.index("First")) == text.index("First")
    assert _last_stop_end("v1.2 and Ada", 0, 9) == 0  # a stop before a digit ends nothing
