"""REST handlers under /safeai: the enforcing gate for every client.

Chat answers stream as JSON lines (`application/x-ndjson`), one event per line:
`{"type": "status", ...}` while the model loads, `{"type": "token", "content": ...}`
per token, then `{"type": "done", ...}` with counts and timing, or
`{"type": "error", "message": ...}`.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import APIHandler
from tornado import web
from tornado.iostream import StreamClosedError

from ..models import ModelService, ModelState
from ..models.runtime import ModelUnavailable
from ..policy import GateDecision, check_prompt
from .settings import SafeAI

AUTH_RESOURCE = "safeai"
ROLES = ("system", "user", "assistant")


class SafeAIHandler(APIHandler):
    auth_resource = AUTH_RESOURCE

    @property
    def safeai(self) -> SafeAI:
        return self.settings["safeai"]

    @property
    def models(self) -> ModelService:
        service = self.settings.get("safeai_models")
        if service is None:
            reason = self.settings.get("safeai_config_error") or "no approved model"
            raise web.HTTPError(503, f"No approved model: {reason}")
        return service


    async def gate(self, parts: list[str]) -> GateDecision:
        """Scan off the event loop; a scan that outlasts the limit blocks (fail closed)."""
        limit = self.safeai.scan_timeout
        try:
            return await asyncio.wait_for(asyncio.to_thread(check_prompt, parts), limit)
        except asyncio.TimeoutError:
            return GateDecision(error=f"the scan did not finish within {limit:g} s")


class ModelsHandler(SafeAIHandler):
    @web.authenticated
    @authorized
    def get(self) -> None:
        service = self.settings.get("safeai_models")
        if service is None:
            self.finish({"default": None, "models": [],
                         "error": self.settings.get("safeai_config_error")})
            return
        self.finish(service.describe())


def parse_chat_request(body: Any) -> tuple[list[dict[str, str]], str | None]:
    """Validate an OpenAI-style chat body; raise 400 with a reason naming the bad field."""
    if not isinstance(body, dict):
        raise web.HTTPError(400, "Body must be a JSON object")
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise web.HTTPError(400, "'messages' must be a non-empty list")
    clean = []
    for i, message in enumerate(messages):
        if not isinstance(message, dict):
            raise web.HTTPError(400, f"messages[{i}] must be an object")
        role, content = message.get("role"), message.get("content")
        if role not in ROLES:
            raise web.HTTPError(400, f"messages[{i}].role must be one of {', '.join(ROLES)}")
        if not isinstance(content, str):
            raise web.HTTPError(400, f"messages[{i}].content must be a string")
        clean.append({"role": role, "content": content})
    model = body.get("model")
    if model is not None and not isinstance(model, str):
        raise web.HTTPError(400, "'model' must be a string")
    return clean, model


class ChatHandler(SafeAIHandler):
    _closed = False

    def on_connection_close(self) -> None:
        self._closed = True

    async def _send(self, event: dict[str, Any]) -> None:
        if self._closed:
            raise StreamClosedError()
        self.write(json.dumps(event) + "\n")
        await self.flush()

    @web.authenticated
    @authorized
    async def post(self) -> None:
        messages, requested = parse_chat_request(self.get_json_body())
        model = self.models.get(requested)
        if model is None:
            raise web.HTTPError(403, f"Model {requested!r} is not an approved model")

        decision = await self.gate([m["content"] for m in messages])
        if decision.blocked:
            # Entity types and offsets only: the matched text never leaves this function.
            self.log.info("safeai chat blocked: %s", decision.counts() or decision.error)
            self.set_status(422)
            self.finish({"reason": "blocked", **decision.to_dict()})
            return
        if model.state is ModelState.ERROR:
            raise web.HTTPError(503, model.error)

        self.set_header("Content-Type", "application/x-ndjson")
        self.set_header("Cache-Control", "no-cache")
        self.set_header("X-Accel-Buffering", "no")
        conversation = [{"role": "system", "content": self.safeai.system_prompt}, *messages]
        started = time.perf_counter()
        first_token: float | None = None
        tokens = 0
        try:
            if model.state is not ModelState.LOADED:
                await self._send({"type": "status", "model": model.spec.name,
                                  "state": model.state.value})
            async for piece in model.stream_chat(conversation, self.safeai.max_new_tokens):
                if first_token is None:
                    first_token = time.perf_counter()
                tokens += 1
                await self._send({"type": "token", "content": piece})
            elapsed = time.perf_counter() - (first_token or started)
            await self._send({
                "type": "done", "model": model.spec.name, "tokens": tokens,
                "time_to_first_token": round((first_token or started) - started, 3),
                "tokens_per_second": round(tokens / elapsed, 1) if elapsed > 0 else None,
            })
        except StreamClosedError:
            self.log.info("safeai chat: client went away after %d tokens", tokens)
            return
        except ModelUnavailable as exc:
            await self._send({"type": "error", "message": str(exc)})
        self.log.info("safeai chat: model=%s prompt_chars=%d tokens=%d", model.spec.name,
                      sum(len(m["content"]) for m in messages), tokens)
        self.finish()
