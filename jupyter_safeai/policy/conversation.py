"""A conversation read the way the model reads it: the parts joined in order, and a
finding on the joined text cut back into the parts it covers.

Half an SSN in one message and half in the next, or a first name in the system
message and the surname in the user's, is no identifier in either part alone; the
model reads the turns one after the other and sees it whole. So the gate scans the
joined text too, and every part a finding covers has its piece redacted (or the
prompt is blocked). Chat templates put a role marker and a line break between turns;
the gate reads the joined text twice: with a line break (what the template shows; the
scanner joins a digit run wrapped over it) and with a space (a reader runs the turns
on: "Dr. Maria" then "Garcia-Lopez" is one name, which a line break would cut).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from functools import cached_property

from ..scan import Finding

#: What stands between two turns in the joined texts the gate scans.
TURN_SEPARATORS = ("\n", " ")


@dataclass(frozen=True)
class Conversation:
    """The parts of a prompt, in the model's order, and their offsets in the joined text."""

    parts: tuple[str, ...]
    separator: str = TURN_SEPARATORS[0]
    starts: tuple[int, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        starts, position = [], 0
        for part in self.parts:
            starts.append(position)
            position += len(part) + len(self.separator)
        object.__setattr__(self, "starts", tuple(starts))

    @cached_property
    def text(self) -> str:
        return self.separator.join(self.parts)

    def pieces(self, finding: Finding) -> list[tuple[int, Finding]]:
        """`finding` (offsets in the joined text) as (part index, the same finding in that
        part's offsets), one per part it covers; the separators belong to no part."""
        if finding.end <= finding.start:  # a table-level finding: no span to cut
            i = max(bisect.bisect_right(self.starts, finding.start) - 1, 0)
            local = min(finding.start - self.starts[i], len(self.parts[i]))
            return [(i, replace(finding, start=local, end=local))]
        out = []
        first = max(bisect.bisect_right(self.starts, finding.start) - 1, 0)
        for i in range(first, len(self.parts)):
            begin = self.starts[i]
            if begin >= finding.end:
                break
            start = max(finding.start, begin) - begin
            end = min(finding.end, begin + len(self.parts[i])) - begin
            if start < end:
                out.append((i, replace(finding, start=start, end=end)))
        return out
