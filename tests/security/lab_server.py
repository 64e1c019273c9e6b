"""How the security tests start a real `jupyter lab` on loopback: one command line, so
each test states only what it adds (a log level, a token limit). Starting and stopping
it: `tests.processes`."""

from __future__ import annotations

import sys
from pathlib import Path

BIN = Path(sys.executable).parent


def lab_command(port: int, token: str, root: Path, *extra: str) -> list[str]:
    """`jupyter lab` on 127.0.0.1:`port` with `token`, serving `root`, no browser, and no
    news or update checks (they would reach the network)."""
    return [
        str(BIN / "jupyter"), "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
        "--ServerApp.port_retries=0", "--allow-root", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}", "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", *extra,
    ]
