"""Policy modes per category, the admin floor, and how a user can only tighten it.

`warn` < `redact` < `block`. The admin's policy is a floor: a user (sidebar setting,
`--mode` of the magic, a field in a hand-written request) may ask for a stricter mode
and gets it; a looser request is ignored, and the server says so in its answer.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, fields

from ..scan.finding import CATEGORIES


class Mode(str, enum.Enum):
    WARN = "warn"
    REDACT = "redact"
    BLOCK = "block"

    @property
    def strictness(self) -> int:
        return _ORDER.index(self)


_ORDER = (Mode.WARN, Mode.REDACT, Mode.BLOCK)


class PolicyError(ValueError):
    """A policy mapping with an unknown category or mode; the message names it."""


def _mode(value: object, where: str) -> Mode:
    try:
        return Mode(str(value).lower())
    except ValueError:
        raise PolicyError(f"{where}: {value!r} is not one of warn, redact, block") from None


@dataclass(frozen=True)
class Policy:
    phi: Mode = Mode.REDACT
    secret: Mode = Mode.BLOCK
    genomic: Mode = Mode.REDACT

    @classmethod
    def from_mapping(cls, values: Mapping[str, object], where: str = "policy") -> Policy:
        unknown = set(values) - set(CATEGORIES)
        if unknown:
            raise PolicyError(f"{where}: unknown categories {sorted(unknown)} "
                              f"(known: {', '.join(CATEGORIES)})")
        return cls(**{k: _mode(v, f"{where}.{k}") for k, v in values.items()})

    def mode(self, category: str) -> Mode:
        return getattr(self, category)

    def to_dict(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name).value for f in fields(self)}

    def at_least(self, category: str, mode: Mode) -> Policy:
        """This policy with `category` raised to `mode` if it was looser."""
        current = self.mode(category)
        if current.strictness >= mode.strictness:
            return self
        return Policy(**{**self.__dict__, category: mode})


def tighten(floor: Policy, requested: Mapping[str, object] | None) -> tuple[Policy, list[str]]:
    """The admin floor made stricter by `requested`; notes say what was ignored and why."""
    if not requested:
        return floor, []
    wanted = Policy.from_mapping({**floor.to_dict(), **requested}, "requested policy")
    effective, notes = floor, []
    for category in CATEGORIES:
        mode = wanted.mode(category)
        if mode.strictness > floor.mode(category).strictness:
            effective = effective.at_least(category, mode)
        elif mode.strictness < floor.mode(category).strictness:
            notes.append(f"{category}: {mode.value!r} is looser than the admin policy "
                         f"{floor.mode(category).value!r}; ignored")
    return effective, notes
