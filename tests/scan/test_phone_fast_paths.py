"""The phone recognizer's fast paths find what its plainly written patterns find."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from jupyter_safeai.scan import phones

#: `_LABELLED_PHONE` as one would write it: it looks behind first, then reads the optional
#: `+` or `00` and `(`; the recognizer's form reads the first character first.
_PLAIN_LABELLED_PHONE = re.compile(
    r"(?<![\w+.-])(?:\+|00)?\(?\d(?:[().-]?[ ]?\(?\d){5,16}(?:[ ]?(?:x|ext\.?)[ ]?\d{1,5})?"
    r"(?![\w-]|\.\d)", re.IGNORECASE)

_PHONE_PIECES = ["+", "00", "0", "(", ")", "1", "44", "617", "432", "1876", "٣", " ", "  ",
                 ".", "-", "x", "ext.", "EXT", "a", "_", "+1", "(0)", "\n", "1958"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_PHONE_PIECES), max_size=14).map("".join))
@example("+46 (0)157 548 33")
@example("00(44) 20 7946 0958")
@example("a+44 20 7946 0958 and (617) 432-1876 x12")
def test_labelled_phone_reads_as_its_plain_form(text: str) -> None:
    assert ([m.span() for m in phones._LABELLED_PHONE.finditer(text)]
            == [m.span() for m in _PLAIN_LABELLED_PHONE.finditer(text)])


# Label words in any case, with the letters a case-insensitive match folds to ASCII
# (`ſ` `K` `İ` `ı`), and near misses.
_LABEL_PIECES = ["phone", "PHONE", "Tel", "cell", "mob", "desk", "DESK", "work", "home",
                 "fax", "pager", "whatsapp", "contact number", "call me on", "CALL at",
                 "reach at", "answering at", "messages to", "text me at", "number is",
                 "office", "contact", "call", "text me", "ſ", "K", "İ", "ı", "x", " ", ":",
                 "\t", "\n", "617 432 1876"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_LABEL_PIECES), max_size=8).map("".join))
@example("WHATſAPP: 617 432 1876")
@example("deſK 617 432 1876")
def test_a_text_with_a_phone_label_or_word_passes_the_gate(text: str) -> None:
    if phones.PHONE_LABEL.search(text) or phones._PHONE_WORD_AFTER.search(text) or any(
            phones.PHONE_LABEL.search(text, 0, end) for end in range(len(text))):
        assert phones._any_phone_word(text)


_VALUE_PIECES = ["617", "432", "1876", " ", "-", ".", "x", "X", "ext", "EXT.", "Ext", "\t",
                 "12", "ſ", "K", "(", ")", "+", "é", ""]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_VALUE_PIECES), max_size=10).map("".join))
@example("")
@example("617-432-1876 x12")
@example("617-432-1876 EXT. 4")
def test_a_value_without_an_x_keeps_its_end(value: str) -> None:
    assert phones._without_extension(value) == phones._EXTENSION.sub("", value)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_LABEL_PIECES), max_size=8).map("".join))
@example("")
@example("the callback number")
@example("mobility")
def test_the_needle_search_finds_what_each_needle_finds(text: str) -> None:
    lowered = text.lower()
    assert (phones._PHONE_WORD_NEEDLE.search(lowered) is not None) == any(
        needle in lowered for needle in phones.PHONE_WORD_NEEDLES)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from([*_LABEL_PIECES, "x" * 40, "lorem ipsum dolor "]),
                max_size=12).map("".join))
@example("x" * 70 + " fax")  # a whole text, its needle late
@example("fax " + "x" * 70)
def test_the_phone_word_gate_answers_as_each_needle_on_short_and_long_texts(text: str) -> None:
    lowered = text.lower()
    plain = any(needle in lowered for needle in phones.PHONE_WORD_NEEDLES)
    assert phones._any_phone_word(text) == (plain or not phones.finds_as_regex_does(
        text, lowered))
