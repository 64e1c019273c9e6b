"""`jupyter safeai generated`: the cells the assistant wrote, so reviewers can find them.

`%%safe_ai --insert` marks each cell it adds with `safeai` metadata (model, time, the
prompt's sha256); this lists them, numbered as JupyterLab shows cells (from 1).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..scan.files import FileError, collect_files, read_notebook
from .console import error, plural


def add_parser(sub: Any, name: str, help_text: str) -> None:
    parser = sub.add_parser(
        name, help=help_text,
        description="List cells inserted by `%%safe_ai --insert`, from their `safeai` "
        "metadata: model, time and the sha256 of the prompt.")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="notebooks or folders")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    rows = []
    files, bad = collect_files(args.paths)
    for name, why in bad:
        error(f"{name}: {why}")
    for path in files:
        if path.suffix != ".ipynb":
            continue
        try:
            cells = read_notebook(path.read_text(encoding="utf-8"))["cells"]
        except (OSError, ValueError, FileError) as exc:
            error(f"cannot read {path}: {exc}")
            return 2
        for index, cell in enumerate(cells):
            meta = (cell.get("metadata") or {}).get("safeai") or {}
            if meta.get("generated"):
                source = cell.get("source", "")
                source = "".join(source) if isinstance(source, list) else source
                rows.append({"file": str(path), "cell": index + 1, "model": meta.get("model"),
                             "time": meta.get("time"), "prompt_sha256": meta.get("prompt_sha256"),
                             "first_line": (source.splitlines() or [""])[0][:60]})
    if args.format == "json":
        print(json.dumps(rows, indent=2))
    else:
        for row in rows:
            print(f"{row['file']}  cell {row['cell']}  {row['model']}  {row['time']}  "
                  f"{row['first_line']}")
        print(plural(len(rows), "generated cell"))
    return 2 if bad else 0
