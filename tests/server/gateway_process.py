"""A SafeAI server in a subprocess on loopback, as a gateway for the forwarding tests.

The same server code in another process, with its own admin config, audit log and the
embedded model, so a test server in client mode (`c.SafeAI.gateway_url`) forwards to
it across a real socket.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.processes import free_port, stop, wait_until


class GatewayProcess:
    """`jupyter server` with the extension, token auth, the given `c.SafeAI` settings."""

    def __init__(self, safeai: dict[str, Any]) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="safeai-gateway-test-"))
        root, runtime, config = (self.tmp / d for d in ("root", "runtime", "config"))
        for folder in (root, runtime, config):
            folder.mkdir()
        self.audit_path = self.tmp / "audit.jsonl"
        (config / "jupyter_server_config.json").write_text(json.dumps({
            "ServerApp": {"jpserver_extensions": {"jupyter_safeai": True}},
            "SafeAI": {"audit_log": str(self.audit_path), **safeai}}))
        self.port, self.token = free_port(), secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}/"
        command = [str(Path(sys.executable).parent / "jupyter-server"), "--no-browser",
                   "--allow-root", f"--port={self.port}", "--ip=127.0.0.1",
                   "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}",
                   f"--ServerApp.root_dir={root}"]
        env = {k: v for k, v in os.environ.items() if not k.startswith("SAFEAI_")}
        env.update(JUPYTER_RUNTIME_DIR=str(runtime), JUPYTER_CONFIG_DIR=str(config),
                   PYTHONUNBUFFERED="1")
        self.log_path = self.tmp / "server.log"
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(command, env=env, stdout=log,
                                            stderr=subprocess.STDOUT)

    def get(self, path: str) -> dict[str, Any]:
        request = urllib.request.Request(self.url + path,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - loopback
            return json.loads(response.read())

    def wait_ready(self, timeout: float = 180) -> GatewayProcess:
        """Until the default model is loaded (or is a remote endpoint) and has answered
        once (llama.cpp's first answer after a load is much slower than the rest, on a
        busy machine seconds)."""
        def loaded() -> bool:
            # a remote endpoint has nothing to load: its first chat is the check
            return any(m.get("remote") or m["state"] in ("loaded", "error")
                       for m in self.get("safeai/models")["models"])

        wait_until(loaded, self.process, self.log_path, what="the gateway", timeout=timeout)
        self.warm_up()
        return self

    def warm_up(self) -> None:
        body = json.dumps({"messages": [{"role": "user", "content": "Hello."}]}).encode()
        request = urllib.request.Request(self.url + "safeai/chat", data=body, headers={
            "Authorization": f"token {self.token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 - loopback
            response.read()

    def audit_records(self) -> list[dict[str, Any]]:
        if not self.audit_path.exists():
            return []
        return [json.loads(line) for line in self.audit_path.read_text().splitlines()
                if line.strip()]

    def log_tail(self, chars: int = 3000) -> str:
        return self.log_path.read_text(errors="replace")[-chars:]

    def stop(self) -> None:
        stop(self.process)
        shutil.rmtree(self.tmp, ignore_errors=True)


def running_gateway(safeai: dict[str, Any]) -> Iterator[GatewayProcess]:
    """A ready gateway with these settings for the length of a fixture, then stopped."""
    process = GatewayProcess(safeai)
    try:
        yield process.wait_ready()
    finally:
        process.stop()
