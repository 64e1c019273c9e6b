"""Policy: what happens to a prompt given what the scanner found and what the admin set."""

from .gate import Action, GateDecision, LocatedFinding, check_prompt
from .modes import CATEGORIES, Mode, Policy, PolicyError, tighten

#: Everything blocks: the kernel's own gate until the magic learns redact and warn.
STRICT = Policy(phi=Mode.BLOCK, secret=Mode.BLOCK, genomic=Mode.BLOCK)

__all__ = [
    "CATEGORIES",
    "STRICT",
    "Action",
    "GateDecision",
    "LocatedFinding",
    "Mode",
    "Policy",
    "PolicyError",
    "check_prompt",
    "tighten",
]
