"""How the server benchmarks start and stop a `jupyter server`: on loopback, with a fresh
token and port, in its own temporary folders (root, runtime, config, the audit log), its
output in a log.

Each benchmark says only what it configures (the `SafeAI` settings, extra arguments, or
a command of its own that takes the server's arguments).
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServerProcess:
    """A `jupyter server` subprocess with the extension, on loopback, in a temp dir."""

    def __init__(self, prefix: str, config: dict[str, Any], args: Sequence[str] = (),
                 command: Sequence[str] = (str(BIN / "jupyter-server"),)) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix=prefix))
        self.root, self.runtime, self.config = (self.tmp / d for d in ("root", "runtime",
                                                                        "config"))
        for folder in (self.root, self.runtime, self.config):
            folder.mkdir()
        (self.config / "jupyter_server_config.json").write_text(json.dumps(config))
        self.port, self.token = free_port(), secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        server_args = ["--no-browser", "--allow-root", f"--port={self.port}", "--ip=127.0.0.1",
                       "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}",
                       f"--ServerApp.root_dir={self.root}",
                       f"--SafeAI.audit_log={self.tmp / 'audit.jsonl'}", *args]
        env = {k: v for k, v in os.environ.items() if not k.startswith("SAFEAI_")}
        env.update(JUPYTER_RUNTIME_DIR=str(self.runtime), JUPYTER_CONFIG_DIR=str(self.config),
                   PYTHONUNBUFFERED="1")
        self.log_path = self.tmp / "server.log"
        self.started = time.monotonic()
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen([*command, *server_args], env=env, stdout=log,
                                            stderr=subprocess.STDOUT)

    @property
    def pid(self) -> int:
        return self.process.pid

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"token {self.token}", "Content-Type": "application/json"}

    def log_tail(self, chars: int = 3000) -> str:
        return self.log_path.read_text(errors="replace")[-chars:]

    def wait_ready(self, timeout: float = 90) -> float:
        """Seconds from the start until `/api/status` answers; RuntimeError with the log's
        tail when the server exits or takes longer than `timeout` seconds."""
        deadline = self.started + timeout
        while time.monotonic() < deadline and self.process.poll() is None:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
            try:
                conn.request("GET", "/api/status", headers=self.headers())
                if conn.getresponse().status == 200:
                    return time.monotonic() - self.started
            except OSError:
                pass
            finally:
                conn.close()
            time.sleep(0.05)
        raise RuntimeError("jupyter server did not start:\n" + self.log_tail())

    def stop(self) -> None:
        """Terminate (kill after 20 s) and remove the temporary folders."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        shutil.rmtree(self.tmp, ignore_errors=True)
