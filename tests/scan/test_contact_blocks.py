"""The contact-block reader: the name on a block's first line, and its fast path (one `re`
pass picks the lines that may hold only a name) reading what every line would give."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from jupyter_safeai.scan import contact_blocks
from jupyter_safeai.scan.contact_blocks import ContactBlockNameRecognizer
from jupyter_safeai.scan.finding import Finding
from jupyter_safeai.scan.geography import is_place_name
from jupyter_safeai.scan.name_context import in_organisation

_READER = ContactBlockNameRecognizer()


def _names(text: str) -> list[str]:
    return [text[f.start:f.end] for f in _READER.find(text)]


def test_a_name_line_before_a_phone_or_an_address_is_a_name() -> None:
    assert _names("Tomasz Wierzbicki\nAccountant\nPhone: 555 0100") == ["Tomasz Wierzbicki"]
    assert _names("> Odile ten Brink\n> Kettlefield Works\n> 41 Marsh Road\n> Suite 12") == [
        "Odile ten Brink"]
    assert _names("x = 3\nTomasz Wierzbicki\r\nfax 555") == ["Tomasz Wierzbicki"]
    assert _names("ilse j vaneck\nilse@example.org") == ["ilse j vaneck"]


def test_lines_that_hold_more_than_a_name_or_follow_prose_are_none() -> None:
    assert _names("Tomasz Wierzbicki (CFO)\nPhone: 555 0100") == []
    assert _names("see the table below.\nTomasz Wierzbicki\nemail: t@example.org") == []
    assert _names("Tomasz Wierzbicki\nAccountant\nno contact details here") == []
    assert _names("Tomasz Wierzbicki, Phone: 555 0100") == []  # one line: no block


def test_a_heading_of_english_words_is_no_name_but_names_made_of_words_are() -> None:
    assert _names("Results Summary\nPhone: 555 0100") == []
    assert _names("Quarterly Report\nEmail: ops@example.org") == []
    assert _names("Mark Young\nPhone: 555 0100") == ["Mark Young"]  # listed, if weakly
    assert _names("Grace Field\nPhone: 555 0100") == ["Grace Field"]


def _every_line(text: str) -> list[Finding]:
    """The reader as it read every line with `regex` (the reference of the fast path)."""
    if "\n" not in text:
        return []
    lines = text.split("\n")
    offsets, at = [], 0
    for line in lines:
        offsets.append(at)
        at += len(line) + 1
    found, named = [], -2
    for i, line in enumerate(lines):
        match = _READER._name_line(line)
        if match is None or is_place_name(match.group()):
            continue
        start, end = offsets[i] + match.start(), offsets[i] + match.end()
        if in_organisation(text, start, end) or named == i - 1:
            continue
        previous = lines[i - 1].strip(" \t>") if i else ""
        if len(previous.split()) > 5 or previous.endswith((".", "?", "!", ",", ";")):
            continue
        following = lines[i + 1:i + 1 + contact_blocks._BLOCK_LINES]
        if contact_blocks._CONTACT_LINE.search("\n".join(following)) or any(
                contact_blocks._regions().fullmatch(f.strip(" \t>")) for f in following):
            named = i
            found.append(Finding(start, end, "PERSON", "phi", 0.75, _READER.name))
    return found


# Name words and their near misses: capitals and lower case beyond ASCII, marks, particles,
# initials, what no name holds (digits, `(`, `:`, `@`, `_`), line prefixes and ends, and
# the contact lines that make a block.
_PIECES = ["Tomasz", "Wierzbicki", "Odile", "ten", "Brink", "ilse", "j", "vaneck", "J.", "Á",
           "é", "\u0301", "ß", "İ", "’", "'", "-", ".", " ", "  ", "\t", "> ", "\n", "\n",
           "\r", "\x0b", "\x1c", "\x85", "\xa0", "1", "٣", "(", ":", "@", "_", ",", "x",
           "Phone: 5", "Suite 4", "a@b.co", "Netherlands", "Boston"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=24).map("".join))
@example("Tomasz Wierzbicki\nPhone: 5")
@example("> Odile ten Brink \r\n> Suite 4")
@example("\xa0Ilse J. Vaneck\x85\na@b.co")
def test_the_fast_path_finds_what_every_line_gives(text: str) -> None:
    assert list(_READER.find(text)) == _every_line(text)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from([p for p in _PIECES if p != "\n"]), max_size=8).map("".join))
@example("Agatha Á Ottarsdóttir")
@example("> emidio p lombardo\t")
def test_no_line_that_holds_a_name_is_passed_over(line: str) -> None:
    if _READER._name_line(line) is not None:
        assert contact_blocks._MAYBE_NAME_LINE.search(line) is not None
