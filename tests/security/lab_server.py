"""How the security tests start a real `jupyter lab` on loopback: one command line, so
each test states only what it adds (a log level, a token limit)."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def lab_command(port: int, token: str, root: Path, *extra: str) -> list[str]:
    """`jupyter lab` on 127.0.0.1:`port` with `token`, serving `root`, no browser, and no
    news or update checks (they would reach the network)."""
    return [
        str(BIN / "jupyter"), "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
        "--ServerApp.port_retries=0", "--allow-root", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}", "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", *extra,
    ]


@contextlib.contextmanager
def running(command: list[str], env: Mapping[str, str], log_path: Path
            ) -> Iterator[subprocess.Popen]:
    """`command` started with its output in `log_path`; terminated (killed after 20 s)
    when the block ends, however it ends."""
    with log_path.open("wb") as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        yield server
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
