"""Remote OpenAI-compatible endpoints (a llama.cpp server, vLLM) behind the institution's firewall.

`RemoteModel` has the interface of `LocalModel`, so the chat handler does not care where a
model runs. It speaks HTTP/1.1 through `http_exchange`, which owns the socket: closing the
token iterator closes the socket at once (the remote server sees the client go away and
stops generating). Error messages name the model, the host and an HTTP status or an
exception class; they never carry the prompt or the server's response body, which may
echo the prompt.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import ssl
from collections.abc import AsyncIterator
from typing import Any

from tornado import httputil

from .base import ModelState, ModelUnavailable
from .http_exchange import Endpoint, Eof, Exchange, NotSent, request_headers, send
from .registry import ModelConfigError

log = logging.getLogger(__name__)

#: Request keys the backend sets itself; an admin's `generation` defaults may not override them.
RESERVED_GENERATION_KEYS = frozenset({"model", "messages", "stream"})
#: Spec keys that describe() never shows: the endpoint URL and how its token is found.
_HIDDEN_KEYS = frozenset({"url", "api_key_env", "ca_file", "remote_model"})
_MAX_SSE_LINE = 1024 * 1024
_EOL = re.compile(rb"\r\n|\r|\n")


class SSEParser:
    """Incremental text/event-stream parser: bytes in, each event's `data` out.

    Lines may end in CRLF, LF or CR and may be split anywhere across reads (also inside
    a UTF-8 character); comments (`: keep-alive`) and fields other than `data` are skipped.
    """

    def __init__(self) -> None:
        self._buffer = b""
        self._data: list[str] = []
        self._started = False

    def feed(self, chunk: bytes) -> list[str]:
        self._buffer += chunk
        if not self._started and len(self._buffer) >= 3:
            self._buffer = self._buffer.removeprefix(b"\xef\xbb\xbf")
            self._started = True
        events: list[str] = []
        while match := _EOL.search(self._buffer):
            if match.group() == b"\r" and match.end() == len(self._buffer):
                break  # a CR at the end may be the first half of CRLF
            line, self._buffer = self._buffer[:match.start()], self._buffer[match.end():]
            event = self._line(line)
            if event is not None:
                events.append(event)
        if len(self._buffer) > _MAX_SSE_LINE:
            raise ValueError("event-stream line too long")
        return events

    def flush(self) -> list[str]:
        """Events left when the body ends without a final blank line (lenient)."""
        events = self.feed(b"\n") if self._buffer else []
        tail = self._line(b"")
        return [*events, tail] if tail is not None else events

    def _line(self, raw: bytes) -> str | None:
        if not raw:
            data, self._data = self._data, []
            return "\n".join(data) if data else None
        text = raw.decode("utf-8")
        if text.startswith(":"):
            return None
        field, _, value = text.partition(":")
        if field == "data":
            self._data.append(value.removeprefix(" "))
        return None


class _Failure(Exception):
    """Internal: why a request failed, in words safe to show (no prompt, no body)."""

    def __init__(self, reason: str, *, down: bool = False) -> None:
        super().__init__(reason)
        self.down = down  # the endpoint is unusable, not just this one request


class RemoteModel:
    """An approved model served by an OpenAI-compatible endpoint (same interface as LocalModel).

    Spec fields read besides ApprovedModel's: `url` (base URL, with or without `/v1`),
    optional `remote_model` (the id the server knows the model by; default `name`),
    optional `api_key_env` (name of the environment variable holding a bearer token) and
    optional `ca_file` (PEM bundle for an internal certificate authority).
    """

    def __init__(self, spec: Any, *, connect_timeout: float = 5.0, read_timeout: float = 120.0,
                 probe_timeout: float = 5.0) -> None:
        self.spec = spec
        self.endpoint = Endpoint.parse(spec.name, getattr(spec, "url", None))
        self.remote_model: str = getattr(spec, "remote_model", None) or spec.name
        self.api_key_env: str | None = getattr(spec, "api_key_env", None) or None
        self.generation = dict(getattr(spec, "generation", None) or {})
        reserved = RESERVED_GENERATION_KEYS & set(self.generation)
        if reserved:
            raise ModelConfigError(
                f"remote model {spec.name!r}: 'generation' may not set {sorted(reserved)}")
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout  # for the first byte and between chunks
        self.probe_timeout = probe_timeout
        self._ssl: ssl.SSLContext | None = None
        if self.endpoint.scheme == "https":
            self._ssl = ssl.create_default_context(cafile=getattr(spec, "ca_file", None))
        elif self.api_key_env and self.endpoint.host not in ("127.0.0.1", "::1", "localhost"):
            log.warning("safeai: remote model %r sends its bearer token over plain http to %s",
                        spec.name, self.endpoint.host)
        self.state = ModelState.NOT_LOADED
        self.error: str | None = None
        self._open: set[Exchange] = set()

    # -- LocalModel's interface ------------------------------------------------------------

    def describe(self) -> dict[str, Any]:
        spec = {k: v for k, v in self.spec.describe().items() if k not in _HIDDEN_KEYS}
        return {**spec, "state": self.state.value, "loaded": self.state is ModelState.LOADED,
                "error": self.error, "remote": True, "host": self.endpoint.host}

    async def ensure_loaded(self) -> None:
        """Check the endpoint answers unless a call already succeeded; an ERROR is re-checked,
        so this is also how a model recovers."""
        if self.state is not ModelState.LOADED:
            await self.probe()

    def load(self) -> None:
        """Blocking `ensure_loaded`, for callers in a worker thread (ModelService.preload)."""
        asyncio.run(self.ensure_loaded())

    async def probe(self) -> None:
        """`GET /v1/models`: any answer but 401/403, a redirect or 5xx means the endpoint
        is up (404 too: not every server has the route)."""
        try:
            status = await asyncio.wait_for(self._probe_status(), self.probe_timeout)
        except _Failure as exc:
            raise self._unavailable(exc) from exc.__cause__
        except asyncio.TimeoutError as exc:
            raise self._unavailable(_Failure(
                f"no answer within {self.probe_timeout:g}s (TimeoutError)", down=True)) from exc
        failure = self._status_failure(status)
        if failure is not None and (failure.down or status >= 500):
            failure.down = True
            raise self._unavailable(failure)
        self._mark_up()

    async def stream_chat(self, messages: list[dict[str, str]],
                          max_tokens: int) -> AsyncIterator[str]:
        """Yield answer pieces as they arrive; closing the iterator early closes the socket."""
        body = json.dumps(self._payload(messages, max_tokens)).encode()
        try:
            exchange = await self._send("POST", "/v1/chat/completions", body,
                                        accept="text/event-stream")
        except _Failure as exc:
            raise self._unavailable(exc) from exc.__cause__
        try:
            try:
                status, headers = await self._head(exchange)
                failure = self._status_failure(status)
                if failure is not None:
                    raise failure
            except _Failure as exc:
                raise self._unavailable(exc) from exc.__cause__
            self._mark_up()
            if headers.get("Content-Type", "").startswith("application/json"):
                # The server ignored stream=true: the whole answer in one piece.
                piece = await self._whole_answer(exchange)
                if piece:
                    yield piece
                return
            parser = SSEParser()
            finished = False
            while True:
                try:
                    chunk = await self._next_chunk(exchange)
                    events = parser.flush() if isinstance(chunk, Eof) else parser.feed(chunk)
                    pieces, done, finished = self._read_events(events, finished)
                except (_Failure, ValueError) as exc:
                    failure = exc if isinstance(exc, _Failure) else _Failure(
                        f"malformed event stream ({type(exc).__name__})")
                    raise self._unavailable(failure) from None
                for piece in pieces:
                    yield piece
                if done:
                    return
                if isinstance(chunk, Eof):
                    if finished:  # a server that ends with finish_reason but no [DONE]
                        return
                    closed = "connection closed" if chunk is Eof.CLOSED else "stream ended"
                    raise self._unavailable(_Failure(f"{closed} before the answer was complete"))
        finally:
            self._drop(exchange)

    def close(self) -> None:
        """Abort requests still in flight (server shutdown); nothing else is held open."""
        for exchange in list(self._open):
            self._drop(exchange)
        if self.state is ModelState.LOADED:
            self.state = ModelState.NOT_LOADED

    # -- HTTP -------------------------------------------------------------------------------

    def _payload(self, messages: list[dict[str, str]], max_tokens: int) -> dict[str, Any]:
        """The request body: LocalModel's defaults, the admin's `generation` over them, and
        the keys this backend owns; a `generation` max_tokens can only lower the cap."""
        options = {"temperature": 0.2, **self.generation}
        cap = options.pop("max_tokens", None)
        if isinstance(cap, int) and cap > 0:
            max_tokens = min(max_tokens, cap)
        return {"model": self.remote_model, "messages": messages, "max_tokens": max_tokens,
                "stream": True, **options}

    def _authorization(self) -> str | None:
        if not self.api_key_env:
            return None
        token = os.environ.get(self.api_key_env, "").strip()
        if not token:
            raise _Failure(f"environment variable {self.api_key_env} (api_key_env) is "
                           "not set", down=True)
        return f"Bearer {token}"

    async def _send(self, method: str, path: str, body: bytes | None,
                    accept: str) -> Exchange:
        """Connect and write one request; failing to connect marks the endpoint down."""
        headers = request_headers(self.endpoint, accept, body, self._authorization())
        try:
            exchange = await send(self.endpoint, method, self.endpoint.base_path + path,
                                  headers, body, ssl_options=self._ssl,
                                  connect_timeout=self.connect_timeout,
                                  write_timeout=self.read_timeout)
        except NotSent as exc:
            if exc.connecting:
                raise _Failure(f"cannot connect ({exc.error_class})", down=True) from exc
            raise _Failure(f"request not sent ({exc.error_class})") from exc
        self._open.add(exchange)
        return exchange

    async def _probe_status(self) -> int:
        exchange = await self._send("GET", "/v1/models", None, accept="application/json")
        try:
            status, _ = await self._head(exchange)
            return status
        finally:
            self._drop(exchange)

    async def _head(self, exchange: Exchange) -> tuple[int, httputil.HTTPHeaders]:
        try:
            head = await asyncio.wait_for(exchange.response.head, self.read_timeout)
        except asyncio.TimeoutError as exc:
            raise _Failure(
                f"no answer within {self.read_timeout:g}s (TimeoutError)") from exc
        if head is None:
            raise _Failure("connection closed before an answer")
        return head

    async def _next_chunk(self, exchange: Exchange) -> bytes | Eof:
        try:
            return await asyncio.wait_for(exchange.response.body.get(), self.read_timeout)
        except asyncio.TimeoutError as exc:
            raise _Failure(
                f"no data for {self.read_timeout:g}s mid-answer (TimeoutError)") from exc

    async def _whole_answer(self, exchange: Exchange) -> str:
        try:
            body = b""
            while not isinstance(chunk := await self._next_chunk(exchange), Eof):
                body += chunk
            if chunk is Eof.CLOSED:
                raise _Failure("connection closed before the answer was complete")
            content = json.loads(body)["choices"][0]["message"].get("content")
            if content is not None and not isinstance(content, str):
                raise TypeError("content is not text")
        except _Failure as exc:
            raise self._unavailable(exc) from None
        except (ValueError, LookupError, TypeError, AttributeError) as exc:
            raise self._unavailable(
                _Failure(f"malformed answer ({type(exc).__name__})")) from None
        return content or ""

    @staticmethod
    def _read_events(events: list[str], finished: bool) -> tuple[list[str], bool, bool]:
        """(pieces, [DONE] seen, a finish_reason seen) for the events of one read."""
        pieces: list[str] = []
        for data in events:
            if data.strip() == "[DONE]":
                return pieces, True, finished
            try:
                event = json.loads(data)
                if not isinstance(event, dict):
                    raise TypeError("event is not an object")
                if "error" in event:
                    # The server's own words may quote the prompt: keep them out.
                    raise _Failure("the server reported an error mid-answer")
                for choice in event.get("choices") or []:
                    if choice.get("index", 0) != 0:
                        continue
                    piece = (choice.get("delta") or {}).get("content")
                    if piece is not None and not isinstance(piece, str):
                        raise TypeError("content is not text")
                    if piece:
                        pieces.append(piece)
                    finished = finished or bool(choice.get("finish_reason"))
            except (LookupError, TypeError, AttributeError) as exc:
                raise _Failure(f"malformed event stream ({type(exc).__name__})") from None
        return pieces, False, finished

    def _status_failure(self, status: int) -> _Failure | None:
        if 200 <= status < 300:
            return None
        if 300 <= status < 400:
            return _Failure(f"HTTP {status}: redirects are not followed; check the url",
                            down=True)
        if status in (401, 403):
            return _Failure(f"HTTP {status}: the server refused the credentials", down=True)
        return _Failure(f"HTTP {status}")

    def _drop(self, exchange: Exchange) -> None:
        exchange.close()
        self._open.discard(exchange)

    # -- state ------------------------------------------------------------------------------

    def _mark_up(self) -> None:
        if self.state is not ModelState.LOADED:
            log.info("safeai: remote model %r at %s is reachable", self.spec.name,
                     self.endpoint.host)
        self.state = ModelState.LOADED
        self.error = None

    def _unavailable(self, failure: _Failure) -> ModelUnavailable:
        """The exception to raise; an unusable endpoint also moves the model to ERROR."""
        message = f"remote model {self.spec.name!r} at {self.endpoint.host}: {failure}"
        if failure.down:
            self.state = ModelState.ERROR
            self.error = message
        log.warning("safeai: %s", message)
        return ModelUnavailable(message)
