"""`jupyter safeai rules`: what the scanner checks, so an admin can see it.

Built-in recognizers, plugins (entry-point group `jupyter_safeai.recognizers`) and rule
files (`$JUPYTER_SAFEAI_RULES`, `safeai-rules/*.toml` in the Jupyter config path), as the
scanner loads them; the listing itself is `scan.registry.rules_listing`.
"""

from __future__ import annotations

import argparse
from typing import Any

from .console import error


def add_parser(sub: Any, name: str, help_text: str) -> None:
    parser = sub.add_parser(name, help=help_text, description=__doc__.splitlines()[0])
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..scan.registry import RuleError, default_registry, rules_listing

    try:
        registry = default_registry(ner=False)
    except RuleError as exc:
        error(str(exc), "rules")
        return 2
    print(rules_listing(registry.describe(), args.format))
    return 0
