"""`jupyter safeai autoload enable|disable`: the magic in every kernel, the IPython way.

Kernels load the extensions listed in their config file, so an admin adds
jupyter_safeai there once instead of every user typing `%load_ext`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .console import error


def add_parser(sub: Any, name: str, help_text: str) -> None:
    parser = sub.add_parser(
        name, help=help_text,
        description="Adds jupyter_safeai to InteractiveShellApp.extensions in "
        "ipython_kernel_config.json of an IPython config folder (default: this "
        "environment's, sys.prefix/etc/ipython).")
    parser.add_argument("action", choices=("enable", "disable"))
    parser.add_argument("--dir", type=Path, default=Path(sys.prefix) / "etc" / "ipython",
                        help="IPython config folder (a profile folder works too)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    path = args.dir / "ipython_kernel_config.json"
    try:
        config = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except (OSError, ValueError) as exc:
        error(f"cannot read {path}: {exc}")
        return 2
    shell = config.setdefault("InteractiveShellApp", {})
    extensions = [e for e in shell.get("extensions", []) if e != "jupyter_safeai"]
    if args.action == "enable":
        extensions.append("jupyter_safeai")
    shell["extensions"] = extensions
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        error(f"cannot write {path}: {exc}")
        return 2
    print(f"{'enabled' if args.action == 'enable' else 'disabled'} %%safe_ai in kernels "
          f"configured by {path}")
    return 0
