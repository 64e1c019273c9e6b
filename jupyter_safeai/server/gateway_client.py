"""The single-user server's side of the gateway: HTTP to the admin's SafeAI service.

Under JupyterHub the admin's gateway (`jupyter-safeai-gateway`, a Hub service) owns the
models, the policy floor and the audit log. A user's own server set up with
`c.SafeAI.gateway_url` asks it for the policy and the model list and forwards chats,
authenticated with the server's own Hub token (so the gateway's audit names the user).

The requests go through `models.http_exchange`, as for remote models: the client owns
the socket, so a browser that goes away closes it at once and the gateway stops
generating; nothing (redirects, proxy variables) can send a prompt to another host.
Errors name the gateway's host and an exception class, never a body.
"""

from __future__ import annotations

import asyncio
import json
import os
import ssl
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

from tornado import httputil

from ..models.http_exchange import Endpoint, Eof, Exchange, NotSent, request_headers, send
from ..policy import Policy

_MAX_LINE = 1024 * 1024


class GatewayUnavailable(RuntimeError):
    """The gateway did not answer; the message names its host and the exception class."""


class GatewayAnswer:
    """One response of the gateway: status, headers, then its body read as it comes."""

    def __init__(self, exchange: Exchange, status: int, headers: httputil.HTTPHeaders,
                 read_timeout: float, on_close: Callable[[Exchange], None]) -> None:
        self._exchange = exchange
        self._on_close = on_close
        self.status = status
        self.headers = headers
        self._read_timeout = read_timeout

    async def chunks(self) -> AsyncIterator[bytes]:
        while True:
            try:
                chunk = await asyncio.wait_for(self._exchange.response.body.get(),
                                               self._read_timeout)
            except asyncio.TimeoutError:
                raise GatewayUnavailable("the gateway sent nothing for "
                                         f"{self._read_timeout:g}s (TimeoutError)") from None
            if chunk is Eof.CLOSED:
                raise GatewayUnavailable("the gateway closed the connection mid-answer")
            if chunk is Eof.FINISHED:
                return
            yield chunk

    async def lines(self) -> AsyncIterator[bytes]:
        """The body split into lines (the chat's JSON-lines stream)."""
        buffer = b""
        async for chunk in self.chunks():
            buffer += chunk
            *complete, buffer = buffer.split(b"\n")
            for line in complete:
                if line.strip():
                    yield line
            if len(buffer) > _MAX_LINE:
                raise GatewayUnavailable("the gateway sent a line that is too long")
        if buffer.strip():
            yield buffer

    async def json(self) -> dict[str, Any]:
        body = b"".join([chunk async for chunk in self.chunks()])
        try:
            value = json.loads(body or b"{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def close(self) -> None:
        """Drop the connection (at once: the gateway sees it close and stops)."""
        self._on_close(self._exchange)


class GatewayClient:
    """Talks to one gateway; caches its policy and model list for `cache_seconds`."""

    def __init__(self, url: str, token_env: str = "JUPYTERHUB_API_TOKEN", *,
                 connect_timeout: float = 5.0, read_timeout: float = 120.0,
                 cache_seconds: float = 30.0) -> None:
        self.endpoint = Endpoint.parse("gateway", url)
        self.base_path = self.endpoint.base_path.rstrip("/") + "/"
        self.token_env = token_env
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.cache_seconds = cache_seconds
        self._ssl = ssl.create_default_context() if self.endpoint.scheme == "https" else None
        self._cache: dict[str, tuple[float, int, dict[str, Any]]] = {}
        self._open: set[Exchange] = set()

    @property
    def host(self) -> str:
        return self.endpoint.host

    def _authorization(self) -> str | None:
        token = os.environ.get(self.token_env, "").strip()
        return f"token {token}" if token else None

    async def request(self, method: str, path: str,
                      body: dict[str, Any] | None = None) -> GatewayAnswer:
        """Send one request and wait for the status line; the caller reads and closes."""
        data = json.dumps(body).encode() if body is not None else None
        headers = request_headers(self.endpoint, "application/json, application/x-ndjson",
                                  data, self._authorization())
        try:
            exchange = await send(self.endpoint, method, self.base_path + path, headers, data,
                                  ssl_options=self._ssl, connect_timeout=self.connect_timeout,
                                  write_timeout=self.read_timeout)
        except NotSent as exc:
            failed = (f"cannot connect to the gateway at {self.host}" if exc.connecting
                      else f"request to the gateway at {self.host} not sent")
            raise GatewayUnavailable(f"{failed} ({exc.error_class})") from None
        self._open.add(exchange)
        try:
            head = await asyncio.wait_for(exchange.response.head, self.read_timeout)
        except asyncio.TimeoutError:
            self.drop(exchange)
            raise GatewayUnavailable(f"the gateway at {self.host} did not answer within "
                                     f"{self.read_timeout:g}s (TimeoutError)") from None
        if head is None:
            self.drop(exchange)
            raise GatewayUnavailable(f"the gateway at {self.host} closed the connection")
        return GatewayAnswer(exchange, head[0], head[1], self.read_timeout, self.drop)

    def drop(self, exchange: Exchange) -> None:
        exchange.close()
        self._open.discard(exchange)

    async def get_json(self, path: str, *, cached: bool = True) -> tuple[int, dict[str, Any]]:
        """(status, body) of a GET; answers of 200 are kept for `cache_seconds`."""
        hit = self._cache.get(path)
        if cached and hit is not None and time.monotonic() - hit[0] < self.cache_seconds:
            return hit[1], hit[2]
        answer = await self.request("GET", path)
        try:
            body = await answer.json()
        finally:
            answer.close()
        if answer.status == 200:
            self._cache[path] = (time.monotonic(), answer.status, body)
        return answer.status, body

    async def admin_policy(self) -> Policy:
        """The gateway's floor; GatewayUnavailable if it cannot be had (callers fail closed)."""
        status, body = await self.get_json("safeai/policy")
        admin = body.get("admin")
        if status != 200 or not isinstance(admin, dict):
            raise GatewayUnavailable(f"the gateway at {self.host} refused the policy "
                                     f"(HTTP {status})")
        return Policy.from_mapping(admin, "gateway policy")

    def close(self) -> None:
        for exchange in list(self._open):
            self.drop(exchange)

