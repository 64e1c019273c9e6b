"""Replace findings with placeholders (`<PERSON_1>`) and put the originals back locally.

The vault lives only where the text came from (the kernel, or the server for one
request): the model sees placeholders, the user sees the answer with originals
restored. The same value gets the same placeholder for the whole conversation, so the
model can still tell "the same patient" from "another patient".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .finding import Finding

#: How models echo a placeholder: as sent, or re-bracketed the way templates write
#: slots (`{PERSON_1}`, `{{PERSON_1}}`, `[PERSON_1]`). Bare `PERSON_1` is left alone:
#: a model that used it as a name in code would get a value in its place.
_SLOT = r"([A-Z][A-Z0-9_]*_\d+)"
_ECHOED = re.compile(rf"<{_SLOT}>|\{{\{{{_SLOT}\}}\}}|\{{{_SLOT}\}}|\[{_SLOT}\]")
#: The start of an echoed placeholder still arriving, held back by the stream restorer.
_OPENING = re.compile(r"(?:<|\{|\[)[A-Z0-9_]*|\{\{[A-Z0-9_]*\}?")


@dataclass
class Vault:
    """Placeholder ↔ original value, for one conversation. Never written anywhere."""

    _by_value: dict[tuple[str, str], str] = field(default_factory=dict)
    _by_placeholder: dict[str, str] = field(default_factory=dict)
    _counters: dict[str, int] = field(default_factory=dict)

    def placeholder(self, entity: str, value: str) -> str:
        key = (entity, value.strip())
        if key not in self._by_value:
            self._counters[entity] = self._counters.get(entity, 0) + 1
            token = f"<{entity}_{self._counters[entity]}>"
            self._by_value[key] = token
            self._by_placeholder[token] = value
        return self._by_value[key]

    def restore(self, text: str) -> str:
        """Put the originals back into `text` (an answer that used the placeholders)."""
        return _ECHOED.sub(
            lambda m: self._by_placeholder.get(f"<{m.group(m.lastindex)}>", m.group(0)), text)

    def originals(self) -> list[str]:
        """The replaced values, for checks that stay local (the output guard)."""
        return list(self._by_placeholder.values())

    def counts(self) -> dict[str, int]:
        """How many distinct values of each kind were replaced (safe to show and log)."""
        return dict(self._counters)

    def __len__(self) -> int:
        return len(self._by_placeholder)

    def __repr__(self) -> str:  # never show the values
        return f"Vault({len(self)} placeholders)"


def redact(text: str, findings: Iterable[Finding], vault: Vault | None = None
           ) -> tuple[str, Vault]:
    """`text` with every finding replaced by its placeholder, and the vault to undo it."""
    vault = vault if vault is not None else Vault()
    pieces, position = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.start < position or finding.end <= finding.start:
            continue  # overlapping or table-level finding: nothing to cut here
        pieces.append(text[position:finding.start])
        pieces.append(vault.placeholder(finding.entity, text[finding.start:finding.end]))
        position = finding.end
    pieces.append(text[position:])
    return "".join(pieces), vault


class StreamRestorer:
    """Restore placeholders in an answer that arrives token by token.

    A placeholder can be split across tokens (`<PER`, `SON_1>`); text after an opening
    bracket is held back until it closes or can no longer be a placeholder.
    """

    _LONGEST = 48

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self._pending = ""

    def feed(self, piece: str) -> str:
        text = self._pending + piece
        cut = max(text.rfind("<"), text.rfind("{"), text.rfind("["))
        if cut > 0 and text[cut - 1] == "{" and text[cut] == "{":
            cut -= 1  # the first brace of `{{`
        if cut != -1 and len(text) - cut < self._LONGEST and _OPENING.fullmatch(text, cut):
            self._pending, text = text[cut:], text[:cut]
        else:
            self._pending = ""
        return self.vault.restore(text)

    def flush(self) -> str:
        text, self._pending = self._pending, ""
        return self.vault.restore(text)
