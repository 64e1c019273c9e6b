"""How an approved model is asked to complete code: fill-in-the-middle or a continuation.

A model trained for fill-in-the-middle (StarCoder, Qwen2.5-Coder, CodeLlama) gets the
text before and after the cursor, marked with its own tokens or laid out by a template
the admin gives in the model's `completion` block; any other model gets the text before
the cursor and continues it. Either way the prefix comes first, so when the user only
typed more, llama.cpp finds the earlier prompt at the start of the new one and reuses its
evaluated tokens.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .registry import ModelConfigError

_TOKEN_KEYS = ("fim_prefix", "fim_suffix", "fim_middle")
_KEYS = frozenset({*_TOKEN_KEYS, "template", "stop"})


@dataclass(frozen=True)
class CompletionFormat:
    """The `completion` block of an approved model's entry, validated.

    `{"fim_prefix": "<fim_prefix>", "fim_suffix": "<fim_suffix>", "fim_middle":
    "<fim_middle>"}` (prefix-suffix-middle order), or `{"template": "<PRE> {prefix} <SUF>
    {suffix} <MID>"}`; optional `stop`, strings that end a completion. No block: a plain
    continuation of the prefix."""

    fim_prefix: str = ""
    fim_suffix: str = ""
    fim_middle: str = ""
    template: str = ""
    stop: tuple[str, ...] = ()

    @classmethod
    def from_config(cls, name: str, block: Mapping[str, Any] | None) -> CompletionFormat:
        if not block:
            return cls()
        where = f"approved model {name!r}: 'completion'"
        if not isinstance(block, Mapping):
            raise ModelConfigError(f"{where} must be a dict")
        if unknown := set(block) - _KEYS:
            raise ModelConfigError(f"{where} has unknown keys {sorted(unknown)}")
        tokens = [k for k in _TOKEN_KEYS if block.get(k)]
        template = block.get("template", "")
        if tokens and template:
            raise ModelConfigError(f"{where}: give FIM tokens or a template, not both")
        if tokens and len(tokens) != len(_TOKEN_KEYS):
            raise ModelConfigError(f"{where}: give all of {', '.join(_TOKEN_KEYS)}")
        if template and (not isinstance(template, str) or template.count("{prefix}") != 1
                         or template.count("{suffix}") > 1):
            raise ModelConfigError(f"{where}: 'template' must hold {{prefix}} once and "
                                   "{suffix} at most once")
        if any(not isinstance(block.get(k, ""), str) for k in _TOKEN_KEYS):
            raise ModelConfigError(f"{where}: FIM tokens must be strings")
        stop = block.get("stop", [])
        if not isinstance(stop, list | tuple) or not all(isinstance(s, str) and s for s in stop):
            raise ModelConfigError(f"{where}: 'stop' must be a list of strings")
        return cls(*(block.get(k, "") for k in _TOKEN_KEYS), template, tuple(stop))

    @property
    def fill_in_the_middle(self) -> bool:
        return bool(self.fim_middle or "{suffix}" in self.template)

    def prompt(self, prefix: str, suffix: str) -> str:
        """The text the model completes; the prefix always leads (see module docstring)."""
        if self.template:
            # replace, not str.format: code is full of braces
            head, _, tail = self.template.partition("{prefix}")
            return head + prefix + tail.replace("{suffix}", suffix, 1)
        if self.fim_middle:
            return self.fim_prefix + prefix + self.fim_suffix + suffix + self.fim_middle
        return prefix

    def stops(self) -> list[str]:
        """FIM models stop at their own end tokens; a continuation stops at a blank line,
        the end of the statement the user is writing."""
        return list(self.stop) if self.fill_in_the_middle else [*self.stop, "\n\n"]
