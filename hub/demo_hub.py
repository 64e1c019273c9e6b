"""Start the demo JupyterHub of `jupyterhub_config.py` on loopback; `make hub` runs this.

    python hub/demo_hub.py            # http://127.0.0.1:8000, log in as alice or bob

`DemoHub` is also what the Hub tests and `benchmarks/hub_load.py` start (random ports,
a temporary state directory, a token for a test service that makes users, tokens and
servers through the Hub's REST API). Everything listens on 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import requests

HERE = Path(__file__).resolve().parent
PROXY = HERE / "node_modules" / ".bin" / "configurable-http-proxy"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class HubNotReady(RuntimeError):
    """The Hub, its proxy or the gateway did not come up; the message holds the log tail."""


class DemoHub:
    """One `jupyterhub` process (with its proxy and the gateway service) in a state dir."""

    def __init__(self, state: Path | None = None, *, port: int | None = None,
                 models: list[dict[str, Any]] | None = None,
                 extra_env: dict[str, str] | None = None, test_service: bool = True) -> None:
        if not PROXY.exists():
            raise HubNotReady(f"configurable-http-proxy is not installed at {PROXY}; run "
                              "`make setup` (npm install --prefix hub)")
        self.owns_state = state is None
        self.state = state or Path(tempfile.mkdtemp(prefix="safeai-hub-"))
        self.state.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = secrets.token_hex(16) if test_service else ""
        env = {**os.environ, "SAFEAI_HUB_DIR": str(self.state),
               "SAFEAI_HUB_PORT": str(self.port),
               "SAFEAI_HUB_API_PORT": str(free_port()),
               "SAFEAI_PROXY_API_PORT": str(free_port()),
               "SAFEAI_GATEWAY_PORT": str(free_port()), **(extra_env or {})}
        env.pop("JUPYTER_CONFIG_DIR", None)
        if self.token:
            env["SAFEAI_HUB_TEST_TOKEN"] = self.token
        if models is not None:
            env["SAFEAI_HUB_MODELS"] = json.dumps(models)
        self.gateway_port = int(env["SAFEAI_GATEWAY_PORT"])
        self.log_path = self.state / "hub.log"
        self._log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [str(Path(sys.executable).parent / "jupyterhub"), "-f",
             str(HERE / "jupyterhub_config.py")],
            cwd=self.state, env=env, stdout=self._log, stderr=subprocess.STDOUT,
            start_new_session=True)

    # -- paths ---------------------------------------------------------------------------

    @property
    def audit_path(self) -> Path:
        return self.state / "gateway" / "audit.jsonl"

    def home(self, user: str) -> Path:
        return self.state / "home" / user

    def log_tail(self, chars: int = 4000) -> str:
        return self.log_path.read_text(errors="replace")[-chars:]

    # -- REST ----------------------------------------------------------------------------

    def api(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        headers = {"Authorization": f"token {self.token}", **kwargs.pop("headers", {})}
        return requests.request(method, f"{self.url}/hub/api/{path}", headers=headers,
                                timeout=30, **kwargs)

    def wait_ready(self, timeout: float = 180) -> DemoHub:
        """Until the Hub answers and the gateway's model list says its model is ready."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                if self.api("GET", "").ok and self._gateway_ready():
                    self._warm_up()
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise HubNotReady("the demo hub did not become ready:\n" + self.log_tail())

    def _gateway_ready(self) -> bool:
        """The gateway answers; with the test service, its default model is ready too."""
        url = f"{self.url}/services/safeai/safeai/models"
        if not self.token:
            return requests.get(url, timeout=10).status_code == 403  # up, wants a user
        response = requests.get(url, timeout=10,
                                headers={"Authorization": f"token {self._probe_token()}"})
        if not response.ok:
            return False
        return any(m.get("remote") or m["state"] in ("loaded", "error")
                   for m in response.json().get("models", []))

    def _warm_up(self) -> None:
        """One answer, so the tests and the benchmark do not time llama.cpp's first one
        after a load (much slower than the rest); the readiness probe's user asks it."""
        if self.token:
            requests.post(f"{self.url}/services/safeai/safeai/chat", timeout=300,
                          headers={"Authorization": f"token {self._probe_token()}"},
                          json={"messages": [{"role": "user", "content": "Hello."}]})

    def _probe_token(self) -> str:
        if not getattr(self, "_probe", None):
            self._probe = self.user_token("alice", "readiness probe")
        return self._probe

    def user_token(self, user: str, note: str = "test") -> str:
        response = self.api("POST", f"users/{user}/tokens", json={"note": note})
        if response.status_code == 404:  # not in the database until first seen
            self.api("POST", f"users/{user}").raise_for_status()
            response = self.api("POST", f"users/{user}/tokens", json={"note": note})
        response.raise_for_status()
        return response.json()["token"]

    def start_server(self, user: str, timeout: float = 180) -> str:
        """Spawn `user`'s server; its URL (through the proxy) once it is ready."""
        response = self.api("POST", f"users/{user}/server")
        if response.status_code not in (201, 202, 400):  # 400: already running
            response.raise_for_status()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            server = self.api("GET", f"users/{user}").json().get("servers", {}).get("")
            if server and server.get("ready"):
                return f"{self.url}/user/{user}/"
            time.sleep(0.5)
        raise HubNotReady(f"{user}'s server did not start:\n" + self.log_tail())

    def stop(self) -> None:
        """End the Hub and everything it started (proxy, gateway, servers): its own
        process group, then the proxy by its pid file (it outlives a killed Hub)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        with contextlib.suppress(OSError, ValueError):
            os.kill(int((self.state / "proxy.pid").read_text().strip()), signal.SIGTERM)
        self._log.close()
        if self.owns_state:
            shutil.rmtree(self.state, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--state", type=Path, default=HERE / ".state")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop everything on TERM too
    hub = DemoHub(args.state, port=args.port, test_service=False)
    print(f"Starting the demo hub (log: {hub.log_path}) ...", flush=True)
    try:
        hub.wait_ready()
        print(f"\n  Open {hub.url} and log in as alice or bob (any password).\n"
              "  The SafeAI gateway runs at /services/safeai/; `admin` may read\n"
              f"  {hub.url}/services/safeai/safeai/reports. Ctrl-C stops everything.\n",
              flush=True)
        hub.process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        hub.stop()


if __name__ == "__main__":
    main()
