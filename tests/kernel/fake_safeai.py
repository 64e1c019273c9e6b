"""A stand-in for the jupyter-safeai server API, run in a thread, recording what arrives.

The magic's tests point a real kernel at it (SAFEAI_SERVER_URL), so they can prove what
left the kernel — and what did not — byte for byte.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import tornado.httpserver
import tornado.web


@dataclass
class FakeSafeAI:
    policy: dict[str, str] = field(
        default_factory=lambda: {"phi": "redact", "secret": "block", "genomic": "redact"})
    answer: list[str] = field(default_factory=lambda: ["Hello", " there."])
    chats: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    #: what the server says prompt markers cannot accept; None: a server that says nothing
    prompt_never_accept: list[str] | None = None

    def __post_init__(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def _serve(self) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        fake = self

        class Policy(tornado.web.RequestHandler):
            def get(self) -> None:
                answer: dict[str, Any] = {"admin": fake.policy,
                                           "modes": ["warn", "redact", "block"]}
                if fake.prompt_never_accept is not None:
                    answer["prompt_never_accept"] = fake.prompt_never_accept
                self.write(answer)

        class Models(tornado.web.RequestHandler):
            def get(self) -> None:
                self.write({"default": "fake", "models": [{"name": "fake"}]})

        class Chat(tornado.web.RequestHandler):
            async def post(self) -> None:
                fake.chats.append(json.loads(self.request.body))
                self.set_header("Content-Type", "application/x-ndjson")
                self.write(json.dumps({"type": "gate", "action": "send", "counts": {},
                                       "redacted": {}, "policy": fake.policy,
                                       "notes": []}) + "\n")
                for piece in fake.answer:
                    self.write(json.dumps({"type": "token", "content": piece}) + "\n")
                    await self.flush()
                self.write(json.dumps({"type": "done", "model": "fake",
                                       "tokens": len(fake.answer),
                                       "tokens_per_second": 100.0}) + "\n")

        class Warnings(tornado.web.RequestHandler):
            def post(self) -> None:
                fake.warnings.append(json.loads(self.request.body))
                self.set_status(204)

        app = tornado.web.Application([(r"/safeai/policy", Policy),
                                       (r"/safeai/warnings", Warnings),
                                       (r"/safeai/models", Models), (r"/safeai/chat", Chat)])
        server = tornado.httpserver.HTTPServer(app)
        server.listen(self.port, "127.0.0.1")
        self._loop = loop
        self._ready.set()
        loop.run_forever()

    def start(self) -> FakeSafeAI:
        self._thread.start()
        self._ready.wait(10)
        return self

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)

    def kernel_env(self, runtime_dir: os.PathLike[str], **extra: str) -> dict[str, str]:
        """This process's environment, with a kernel's server settings pointing here."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("SAFEAI_")}
        env.update(SAFEAI_SERVER_URL=self.url, SAFEAI_SERVER_TOKEN="",
                   JUPYTER_RUNTIME_DIR=str(runtime_dir), **extra)
        return env

    def sent_text(self) -> str:
        return json.dumps(self.chats)


@contextmanager
def running_fake_safeai() -> Iterator[FakeSafeAI]:
    """A started stand-in, stopped afterwards (the body of a test fixture)."""
    server = FakeSafeAI().start()
    try:
        yield server
    finally:
        server.stop()
