"""Policy: what happens to a prompt given what the scanner found and what the admin set."""

from .gate import Action, GateDecision, LocatedFinding, check_prompt
from .modes import CATEGORIES, Mode, Policy, PolicyError, tighten

__all__ = [
    "CATEGORIES",
    "Action",
    "GateDecision",
    "LocatedFinding",
    "Mode",
    "Policy",
    "PolicyError",
    "check_prompt",
    "tighten",
]
