"""Speaker labels in a transcript or chat log: `Melanie: I told him…`, `DR SMITH: …`.

A line that opens with one or two capitalised words and a colon, in a text where at
least two lines open that way and go on in words, is a dialogue; its labels are who
speaks. A label is a name when a name list knows it as a strong given name or surname;
role labels (`Doctor:`, `Patient:`, `Q:`, `Note:`) and log fields (`Epoch: 0010`) are
not names. Where most labels are no names at all (`Neuro:`, `Resp:`, `Renal:`, `Gu:`), the
text is a form with section headings, not a dialogue: a heading that a list also knows as
a surname is no speaker. A heading's abbreviation (`GU:`) counts as no name there, even
where a list holds it (`Gu`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from .finding import Finding

_SPEAKER = regex.compile(
    r"^[ \t>*_-]*(\p{Lu}[\p{Ll}\p{M}'’-]+(?:[ ]\p{Lu}[\p{Ll}\p{M}'’.-]*)?"
    r"|\p{Lu}{2,}(?:[ ]\p{Lu}{2,})?)"
    r"[*_]*[ \t]*:[ \t]+[\p{L}\"'“‘(]",
    regex.MULTILINE,
)
#: The colon and blank every `_SPEAKER` match holds on its line (which it never leaves):
#: its lines are the only ones the pattern is tried on, not every position of the text.
_COLON_BLANK = re.compile(r":[ \t]")


def speaker_matches(text: str) -> list[regex.Match[str]]:
    """`list(_SPEAKER.finditer(text))`, tried only at the start of the lines that hold a
    colon and a blank (`^` is a line start after a newline only, as `str.rfind` finds it)."""
    starts = sorted({text.rfind("\n", 0, colon.start()) + 1
                     for colon in _COLON_BLANK.finditer(text)})
    return [match for start in starts if (match := _SPEAKER.match(text, start)) is not None]


#: Labels that say a role or a part of a document, not who speaks.
_ROLES = frozenset("""
doctor dr nurse patient pt physician clinician provider interviewer interviewee
participant respondent moderator facilitator speaker host guest caller agent customer
user assistant system bot ai human model question answer q a note notes example output
input result results step summary warning error info debug todo fixme tip hint source
subject date time name title author email phone address age sex gender diagnosis plan
assessment history medications allergies impression findings comment comments reason
mother father parent child teacher student
""".split())


def _abbreviation(label: str) -> bool:
    """Two or three capitals are a heading's abbreviation (`GU:`, `GI:`, `ENT:`), not who
    speaks: a transcript writes a speaker's name out or in initials with periods."""
    return label.isupper() and len(label) <= 3


class SpeakerRecognizer:
    name = "pattern:speaker"

    def find(self, text: str) -> Iterator[Finding]:
        if text.count(":") < 2 or "\n" not in text:
            return
        matches = [m for m in speaker_matches(text) if m.group(1).casefold() not in _ROLES]
        if len(matches) < 2:
            return
        from .name_lists import name_lists

        lists = name_lists()
        # a heading's abbreviation (`GU:`) names no one, though a list may hold it
        named = {label: not _abbreviation(label) and any(
            lists.kind(w).isupper() for w in label.split())
            for label in {match.group(1) for match in matches}}
        if 2 * sum(named.values()) < len(named):
            return  # section headings: most labels name no one
        for match in matches:
            if named[match.group(1)]:
                yield Finding(match.start(1), match.end(1), "PERSON", "phi", 0.75, self.name)
