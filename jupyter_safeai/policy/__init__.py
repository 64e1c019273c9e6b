"""Policy: what happens to a prompt given what the scanner found."""

from .gate import GateDecision, LocatedFinding, check_prompt

__all__ = ["GateDecision", "LocatedFinding", "check_prompt"]
