"""`jupyter safeai COMMAND`: one module per command, imported only when that command runs.

`jupyter safeai scan` in a pre-commit hook loads the scanner and nothing else (no audit
log, no server settings). A new command is a module here with
`add_parser(subparsers, name, help)` and one line in `COMMANDS`.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
from collections.abc import Sequence

#: command → one-line help; the command's module is `jupyter_safeai.cli.<command>`.
COMMANDS: dict[str, str] = {
    "scan": "scan notebooks, code and tables for PHI, secrets and genomic identifiers",
    "audit": "verify, summarise or purge the tamper-evident prompt audit log",
    "generated": "list notebook cells written by the assistant (never run by it)",
    "autoload": "load the %%safe_ai magic in every IPython kernel of this environment "
                "(admin), or stop doing so",
    "rules": "list the active recognizers and rules (id, entity, category, source)",
}


def _chosen(argv: Sequence[str]) -> str | None:
    """The command named on the command line, before parsing (options come first)."""
    return next((a for a in argv if not a.startswith("-")), None)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The `jupyter safeai` parser: `command` in full, the others by name and help only."""
    from .. import __version__

    parser = argparse.ArgumentParser(
        prog="jupyter safeai",
        description="jupyter-safeai command line: check files for patient data and secrets.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, help_text in COMMANDS.items():
        if name == command:
            importlib.import_module(f"{__name__}.{name}").add_parser(sub, name, help_text)
        else:
            sub.add_parser(name, help=help_text, add_help=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `jupyter-safeai` (and so of `jupyter safeai`)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_chosen(argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help (0) or a usage error (2)
        return exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 2
    with contextlib.suppress(AttributeError, ValueError):
        sys.stdout.reconfigure(errors="replace")  # type: ignore[union-attr]  # masks use "•"
    return args.handler(args)
