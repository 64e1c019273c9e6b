"""A fake OpenAI-compatible server on loopback, for tests of the remote-model backend.

It runs on the test's own event loop (a tornado app), records every request so tests can
assert exactly what was sent, streams its answer as SSE with a delay between chunks, and
misbehaves on demand (`mode`). The port is bound at construction but only accepts
connections after `start()`, so a test can first see the endpoint refuse connections and
then come up on the same URL.

Reuse: `tests/models/conftest.py` has the `fake_openai` fixture (started, stopped after the
test); other test directories import it: `from tests.models.fake_openai import FakeOpenAI`.
"""

from __future__ import annotations

import asyncio
import json
import socket
import ssl
from dataclasses import dataclass, field
from typing import Any

import tornado.httpserver
import tornado.web
from tornado.iostream import StreamClosedError

#: What `mode` may be: see FakeOpenAI.
MODES = ("stream", "error", "hang", "stall", "drop", "raw", "json", "redirect")


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: Any  # the parsed JSON body, or None


def sse(event: Any) -> bytes:
    data = event if isinstance(event, str) else json.dumps(event)
    return f"data: {data}\n\n".encode()


def delta(content: str | None = None, finish_reason: str | None = None,
          role: str | None = None) -> dict[str, Any]:
    """One streamed chat.completion.chunk, as vLLM and llama.cpp's server send them."""
    piece: dict[str, Any] = {}
    if role:
        piece["role"] = role
    if content is not None:
        piece["content"] = content
    return {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "model": "fake",
            "choices": [{"index": 0, "delta": piece, "finish_reason": finish_reason}]}


@dataclass
class FakeOpenAI:
    """Modes: `stream` (default: role chunk, one chunk per item of `chunks` `delay` seconds
    apart, finish chunk, `[DONE]`), `error` (HTTP `error_status`, body echoing the prompt),
    `hang` (never answers), `stall` (first chunk, then silence), `drop` (`drop_after`
    chunks, then the socket is closed), `raw` (writes the byte pieces of `raw` as they are,
    flushing between them), `json` (a non-streamed completion of the joined chunks),
    `redirect` (302 to another host)."""

    chunks: list[str] = field(default_factory=lambda: ["Hello", ",", " world", "!"])
    delay: float = 0.02
    mode: str = "stream"
    error_status: int = 500
    models_status: int = 200
    drop_after: int = 2
    raw: list[bytes] = field(default_factory=list)
    ssl_context: ssl.SSLContext | None = None
    requests: list[Recorded] = field(default_factory=list)
    chunks_sent: int = 0
    active: int = 0  # chat handlers still running

    def __post_init__(self) -> None:
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(("127.0.0.1", 0))  # bound, not listening: connections are refused
        self.socket.setblocking(False)
        self.port: int = self.socket.getsockname()[1]
        self.last_chunk_sent = asyncio.Event()
        self.client_gone = asyncio.Event()
        self.released = asyncio.Event()
        self._server: tornado.httpserver.HTTPServer | None = None

    @property
    def url(self) -> str:
        scheme = "https" if self.ssl_context else "http"
        return f"{scheme}://127.0.0.1:{self.port}"

    @property
    def chats(self) -> list[Recorded]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    async def start(self) -> FakeOpenAI:
        assert self.mode in MODES, self.mode
        app = tornado.web.Application([
            (r".*/v1/models", _Models, {"fake": self}),
            (r".*/v1/chat/completions", _Chat, {"fake": self}),
        ])
        self.socket.listen(16)
        self._server = tornado.httpserver.HTTPServer(app, ssl_options=self.ssl_context)
        self._server.add_socket(self.socket)
        return self

    async def stop(self) -> None:
        """Let hanging or streaming handlers return first, so none is cancelled mid-answer."""
        self.released.set()
        for _ in range(200):
            if not self.active:
                break
            await asyncio.sleep(0.01)
        await asyncio.sleep(0)
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
        else:
            self.socket.close()

    def record(self, handler: tornado.web.RequestHandler) -> None:
        body = json.loads(handler.request.body) if handler.request.body else None
        self.requests.append(Recorded(handler.request.method or "", handler.request.path,
                                      dict(handler.request.headers), body))


class _Handler(tornado.web.RequestHandler):
    def initialize(self, fake: FakeOpenAI) -> None:
        self.fake = fake
        self.gone = False

    def on_connection_close(self) -> None:
        self.gone = True
        self.fake.client_gone.set()

    async def send(self, data: bytes) -> bool:
        """Write and flush one piece; False once the client has gone (or the test ended)."""
        if self.gone or self.fake.released.is_set():
            return False
        try:
            self.write(data)
            await self.flush()
        except StreamClosedError:
            self.on_connection_close()
            return False
        return True

    async def wait_forever(self) -> None:
        """Until the test ends or the client goes away."""
        while not (self.fake.released.is_set() or self.gone):
            await asyncio.sleep(0.01)


class _Models(_Handler):
    def get(self) -> None:
        self.fake.record(self)
        self.set_status(self.fake.models_status)
        self.finish({"object": "list", "data": [{"id": "fake", "object": "model"}]})


class _Chat(_Handler):
    async def post(self) -> None:
        self.fake.active += 1
        try:
            await self.answer()
        finally:
            self.fake.active -= 1

    async def answer(self) -> None:
        fake = self.fake
        fake.record(self)
        # The events describe the latest chat request.
        fake.client_gone.clear()
        fake.last_chunk_sent.clear()
        body = fake.requests[-1].body or {}
        if fake.mode == "error":
            self.set_status(fake.error_status)
            # Servers quote the request in their errors: the client must not pass this on.
            self.finish({"error": {"message": f"bad request: {body.get('messages')!r}"}})
            return
        if fake.mode == "redirect":
            self.redirect("http://example.invalid/v1/chat/completions")
            return
        if fake.mode == "hang":
            await self.wait_forever()
            return
        if fake.mode == "json":
            self.finish({"object": "chat.completion", "choices": [{
                "index": 0, "message": {"role": "assistant", "content": "".join(fake.chunks)},
                "finish_reason": "stop"}]})
            return
        self.set_header("Content-Type", "text/event-stream")
        self.set_header("Cache-Control", "no-cache")
        if fake.mode == "raw":
            for piece in fake.raw:
                if not await self.send(piece):
                    return
                await asyncio.sleep(fake.delay)
            return
        if not await self.send(sse(delta(role="assistant"))):
            return
        for i, piece in enumerate(fake.chunks):
            if i:
                await asyncio.sleep(fake.delay)
            if fake.mode == "drop" and i == fake.drop_after:
                self.request.connection.stream.close()  # type: ignore[union-attr]
                return
            if i == len(fake.chunks) - 1:
                fake.last_chunk_sent.set()
            if not await self.send(sse(delta(piece))):
                return
            fake.chunks_sent += 1
            if fake.mode == "stall":
                await self.wait_forever()
                return
        if await self.send(sse(delta(finish_reason="stop"))):
            await self.send(sse("[DONE]"))
