"""What every command prints the same way: errors on stderr, counted nouns."""

from __future__ import annotations

import sys


def error(message: str, command: str = "") -> None:
    """`jupyter safeai[ command]: message` on standard error."""
    print(f"jupyter safeai{' ' + command if command else ''}: {message}", file=sys.stderr)


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else many or word + 's'}"
