"""Find the Jupyter server this kernel belongs to and talk to its /safeai API.

Only loopback-or-configured Jupyter servers are contacted: the URLs come from the
server's own runtime files (or `SAFEAI_SERVER_URL`), never from user input.
"""

from __future__ import annotations

import http.client
import json
import os
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit


class ServerUnreachable(RuntimeError):
    """No Jupyter server with jupyter-safeai answered."""


class ServerRefused(RuntimeError):
    """The server answered with an error; `status` and `body` say why."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(body.get("message") or f"HTTP {status}")
        self.status = status
        self.body = body


@dataclass(frozen=True)
class SafeAIServer:
    url: str  # base URL of the Jupyter server, ending with "/"
    token: str

    def _connect(self, timeout: float) -> http.client.HTTPConnection:
        parts = urlsplit(self.url)
        cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        return cls(parts.hostname or "localhost", parts.port, timeout=timeout)

    def _request(self, method: str, path: str, body: dict[str, Any] | None,
                 timeout: float) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse]:
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = f"token {self.token}"
        conn = self._connect(timeout)
        try:
            conn.request(method, urlsplit(urljoin(self.url, path)).path,
                         body=json.dumps(body) if body is not None else None, headers=headers)
            return conn, conn.getresponse()
        except OSError as exc:
            conn.close()
            reason = exc.__class__.__name__
            raise ServerUnreachable(f"{self.url} did not answer ({reason})") from exc

    def _get(self, path: str, timeout: float) -> dict[str, Any]:
        conn, response = self._request("GET", path, None, timeout)
        with closing(conn):
            payload = _json_or_empty(response.read())
            if response.status != 200:
                raise ServerRefused(response.status, payload)
            return payload

    def models(self, timeout: float = 5) -> dict[str, Any]:
        return self._get("safeai/models", timeout)

    def policy(self, timeout: float = 5) -> dict[str, Any]:
        """The admin floor (`GET /safeai/policy`)."""
        return self._get("safeai/policy", timeout)

    def report_warnings(self, path: str, findings: list[dict[str, Any]],
                        timeout: float = 3) -> None:
        """Tell the server (for the sidebar) what the kernel's gate found: kinds, counts."""
        conn, response = self._request("POST", "safeai/warnings",
                                       {"path": path, "findings": findings}, timeout)
        with closing(conn):
            response.read()

    def chat(self, messages: list[dict[str, str]], model: str | None = None,
             policy: dict[str, str] | None = None, acknowledge: bool = False,
             timeout: float = 600, redacted: dict[str, int] | None = None
             ) -> Iterator[dict[str, Any]]:
        """Yield the server's stream events (see `jupyter_safeai.server.handlers`).
        `redacted` counts what the kernel already replaced with placeholders, so the
        server's audit shows it although the server never saw those values."""
        body: dict[str, Any] = {"messages": messages, "client": "magic",
                                "acknowledge": acknowledge}
        if redacted:
            body["client_redacted"] = redacted
        if model:
            body["model"] = model
        if policy:
            body["policy"] = policy
        conn, response = self._request("POST", "safeai/chat", body, timeout)
        with closing(conn):
            if response.status != 200:
                raise ServerRefused(response.status, _json_or_empty(response.read()))
            for line in response:
                if line.strip():
                    yield json.loads(line)


def _json_or_empty(raw: bytes) -> dict[str, Any]:
    try:
        value = json.loads(raw or b"{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def candidate_servers() -> list[SafeAIServer]:
    """Servers to try, best first: an explicit setting, then this kernel's parent server."""
    explicit = os.environ.get("SAFEAI_SERVER_URL")
    if explicit:
        url = explicit if explicit.endswith("/") else explicit + "/"
        return [SafeAIServer(url, os.environ.get("SAFEAI_SERVER_TOKEN", ""))]
    from jupyter_server.serverapp import list_running_servers

    running = sorted(list_running_servers(), key=lambda info: info.get("pid") != os.getppid())
    return [SafeAIServer(info["url"], info.get("token", "")) for info in running]


def find_server() -> SafeAIServer:
    """The first candidate whose /safeai API answers; raise ServerUnreachable otherwise."""
    tried = []
    for server in candidate_servers():
        try:
            server.models(timeout=3)
            return server
        except (ServerUnreachable, ServerRefused) as exc:
            tried.append(f"{server.url} ({exc})")
    detail = "; tried " + ", ".join(tried) if tried else "; no running Jupyter server was found"
    raise ServerUnreachable(
        "No Jupyter server with jupyter-safeai is reachable from this kernel" + detail
        + ". Start JupyterLab with the extension (`make lab`), or set SAFEAI_SERVER_URL "
        "and SAFEAI_SERVER_TOKEN to a server that runs it."
    )
