"""Files of another installed package, read without importing it (importing `mimesis`
loads all its providers, `spacy` takes half a second): where the package lies, and one
of its Python files of literals loaded alone.

- `package_dir(package)`: the folder of an installed package, None without it.
- `load_file_module(package, relpath, name)`: one file of it run as its own module,
  None without the package or the file.

A package or file missing gives None: the callers then read empty lists (more findings,
never fewer).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType


def package_dir(package: str) -> Path | None:
    """The folder of the installed `package` (locating it imports none of it), or None."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent


def load_file_module(package: str, relpath: str, name: str) -> ModuleType | None:
    """The file `relpath` (`lang/en/stop_words.py`) of the installed `package`, loaded
    alone as the module `name`, the package itself not imported; None without either."""
    folder = package_dir(package)
    if folder is None:
        return None
    path = folder / relpath
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
