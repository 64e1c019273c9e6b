"""The name on the first lines of a contact block: a letterhead, a signature, a card.

`Layla Gairbekov / Accountant / Personal Info: / Phone: …`, `> Marta Palermo / > Cityscan
/ > 1072 Pohlstrasse 9 / > Suite 858`: a line that holds only a name, followed within a
few lines by a street, a unit, a phone or an e-mail, is the name of the person the
block reaches. Names no list knows (`Tzigane Lantos`) are found by that layout alone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

import regex

from .address_blocks import _regions, may_start_region
from .brands import names_a_brand
from .english_words import english_word, stop_words
from .finding import Finding
from .geography import is_place_name
from .name_context import in_organisation
from .name_lists import COMMON_WORDS, PARTICLES, UsesNameLists

# Two to four words: capitalised words, initials, particles (`Agatha Á Ottarsdóttir`,
# `Silvia J Křenová`, `Willemine ten Pas`).
_PARTICLES = "(?:" + "|".join(sorted(PARTICLES, key=len, reverse=True)) + ")"
_NAME_LINE = regex.compile(
    rf"\p{{Lu}}[\p{{Ll}}\p{{M}}'’-]+(?:[ ]{{1,2}}(?:\p{{Lu}}\.?|\p{{Lu}}[\p{{Ll}}\p{{M}}'’-]+|"
    rf"(?:{_PARTICLES}[ ])+(?=\p{{Lu}})\p{{Lu}}[\p{{Ll}}\p{{M}}'’-]+)){{1,3}}"
)
# The same in lower case (`naomi ryan`, `emidio p lombardo`): its first word must be a
# listed given name, or a middle initial must stand between two words, as nothing else
# tells it from a line of words.
_LOWER_NAME_LINE = regex.compile(
    r"(\p{Ll}[\p{Ll}\p{M}'’-]+)(?:[ ]{1,2}(?:\p{Ll}\.?|\p{Ll}[\p{Ll}\p{M}'’-]+)){1,3}")
_LINE_PREFIX = regex.compile(r"[ \t>]*")
# What the next lines of a contact block hold.
_CONTACT_LINE = regex.compile(
    r"^[ \t>]*(?:\d{1,6}[ ](?:ul\.[ ]|\d{1,4}[ ])?\p{Lu}[\p{L}'.-]+(?:[ ]\S+){0,4}[ ]"
    r"(?:\d{1,5}\b|(?:St|Street|Ave|Avenue|Road|Rd|Lane|Ln|Drive|Dr|Blvd|Way|Terrace|"
    r"Place|Court|Ct)\b)|(?:Apt|Apartment|Suite|Unit|PSC|P\.?[ ]?O\.?[ ]Box|Box)\b|"
    r"(?:phone|mobile|tel|e-?mail|fax|address|personal[ ]info)\b|\S+@\S+\.\w)",
    regex.IGNORECASE | regex.MULTILINE,
)
_BLOCK_LINES = 6
#: A line that may hold only a name (`_name_line`): after its `[ \t>]*` prefix, a letter
#: (A-Z, a-z or any non-ASCII character) and then no ASCII character but letters, blanks,
#: `'`, `-`, `.` and trailing white space; both name patterns read no other. One pass of
#: `re` over the text finds these lines (a few of a text's lines), and only they are read
#: by `regex`, each on its own.
_MAYBE_NAME_LINE = re.compile(
    r"^[ \t>]*[A-Za-z\x80-\U0010ffff][^\x00-\x08\n!-&(-,/-@\[-`{-\x7f]*$", re.MULTILINE)


class ContactBlockNameRecognizer(UsesNameLists):
    name = "pattern:contact-block"

    def find(self, text: str) -> Iterator[Finding]:
        if "\n" not in text:
            return
        candidates = [m.start() for m in _MAYBE_NAME_LINE.finditer(text)]
        if not candidates:
            return
        lines = text.split("\n")
        offsets, at = [], 0
        for line in lines:
            offsets.append(at)
            at += len(line) + 1
        named = -2  # the line of the last name found: the one after it is no name
        for line_start in candidates:
            i = bisect_right(offsets, line_start) - 1
            line = lines[i]
            match = self._name_line(line)
            if match is None or is_place_name(match.group()) or names_a_brand(
                    match.group(), self.lists.kinds):
                continue  # a place's or a firm's block (`Morgan Stanley`)
            start = offsets[i] + match.start()
            end = offsets[i] + match.end()
            if in_organisation(text, start, end) or named == i - 1:
                continue  # `Allan Björk / Scale Unlimited`: who, then where they work
            previous = lines[i - 1].strip(" \t>") if i else ""
            if len(previous.split()) > 5 or previous.endswith((".", "?", "!", ",", ";")):
                continue  # inside prose: a block's lines are short
            following = lines[i + 1:i + 1 + _BLOCK_LINES]
            if _CONTACT_LINE.search("\n".join(following)) or any(
                    may_start_region(part, 0) and _regions().fullmatch(part)
                    for part in (line.strip(" \t>") for line in following)):
                named = i
                yield Finding(start, end, "PERSON", "phi", 0.75, self.name)

    def _name_line(self, line: str) -> regex.Match[str] | None:
        """The name a line holds and nothing else, capitalised or in lower case."""
        prefix = _LINE_PREFIX.match(line).end()
        line = line.rstrip()
        match = _NAME_LINE.fullmatch(line, prefix)
        if match is not None:
            return None if self._a_heading(match.group()) else match
        if not line[prefix:prefix + 1].islower() or not (
                2 <= len(line[prefix:].split()) <= 4):
            return match
        match = _LOWER_NAME_LINE.fullmatch(line, prefix)
        if match is None or any(word.rstrip(".") in COMMON_WORDS
                                for word in match.group().split()):
            return None
        words = match.group().split()
        initial = len(words) == 3 and len(words[1].rstrip(".")) == 1  # `emidio p lombardo`
        return match if initial or self.lists.kind(match.group(1)) in ("G", "N") else None

    def _a_heading(self, words: str) -> bool:
        """Capitalised English words that no list holds as a name, even a weak one
        (`Results Summary`, `Quarterly Report`; not `Mark Young`): a heading over a block's
        phone or e-mail line, not who it reaches."""
        return all(english_word(key, stop_words()) and not self.lists.kind(key)
                   for key in (word.lower() for word in words.split()))
