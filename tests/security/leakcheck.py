"""Helpers of the security tests: the search for planted values (and their obvious
transforms) in what the product wrote."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import quote


def variants(value: str) -> set[str]:
    """The value and the forms a careless log or cache would hold it in: without
    spaces, lower- and upper-cased, URL- and JSON-escaped, digits only."""
    forms = {value, value.replace(" ", ""), value.lower(), value.upper(),
             value.lower().replace(" ", ""), quote(value), quote(value, safe=""),
             json.dumps(value)[1:-1]}
    digits = re.sub(r"\D", "", value)
    if len(digits) >= 6:
        forms.add(digits)
    return {form for form in forms if len(form) >= 5}


def occurrences(data: bytes, values: Iterable[str]) -> list[str]:
    """Which planted values occur in `data`, in any variant, as UTF-8 or UTF-16."""
    found = []
    for value in values:
        for form in variants(value):
            if any(encoded in data for encoded in (form.encode(), form.encode("utf-16-le"))):
                found.append(f"{value!r} as {form!r}")
                break
    return found


def files_under(folders: Iterable[Path]) -> Iterator[Path]:
    seen: set[Path] = set()
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file() and not path.is_symlink() and path not in seen:
                seen.add(path)
                yield path
