"""The disguise readers run inside `normalise`, where the scan's time limit is not
checked: a long adversarial line built from their own trigger literals must read in
linear time. Each budget is many times what the fixed reader takes on a loaded machine
and a fraction of what a reader that backtracks or re-searches takes (tens of seconds),
so these guard against a quadratic reader, not a speed target (benchmarks/ does that)."""

from __future__ import annotations

import time

import pytest

from jupyter_safeai.scan.normalise import normalise


def _seconds(text: str) -> float:
    started = time.perf_counter()
    normalise(text)
    return time.perf_counter() - started


@pytest.mark.parametrize("text", [
    "one-" * 25_000 + "x",  # a run that fails at its very end: re-read from every start
    "-one" * 25_000,  # a run after a hyphen: re-searched from each word
])
def test_a_long_run_of_digit_words_reads_in_linear_time(text: str) -> None:
    assert _seconds(text) < 5.0


def test_many_encoded_spaces_read_in_linear_time() -> None:
    assert _seconds("a%20" * 500_000) < 15.0  # 2 MB


@pytest.mark.parametrize(("text", "view"), [
    ("call five five five one two one two", "call 5551212"),
    ("phone nine two one two three four five", "phone 9212345"),  # `phone` is no digit
    ("xone two three four five six", "xone 23456"),  # a run starts after a word's end
    ("one two three four five sixty", "12345 sixty"),  # and ends before a longer word
])
def test_a_digit_word_run_starts_and_ends_at_word_edges(text: str, view: str) -> None:
    assert normalise(text).text == view
