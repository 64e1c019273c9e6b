"""TOML the scanner reads: the tables it ships beside its code (the vendor token rules,
the identifier labels) and the rule files an admin adds.

One parser (the standard library's; `tomli` before Python 3.11), and data files found
through their package, so that they are read from wherever the package is installed.
"""

from __future__ import annotations

import sys
from importlib.resources import files
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


def parse_toml(text: str) -> dict[str, Any]:
    """The tables of a TOML text. A text that is not TOML raises ValueError naming the
    parser's error type only: its message may quote the text (an admin's secret)."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"not TOML ({type(error).__name__})") from None


def packaged_toml(package: str, name: str) -> dict[str, Any]:
    """The tables of the data file `name` shipped in `package`."""
    return parse_toml(files(package).joinpath(name).read_text(encoding="utf-8"))
