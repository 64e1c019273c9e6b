"""REST handlers under /safeai: the enforcing gate for every client.

Whatever reaches these handlers — the sidebar, the magic, a hand-written request —
meets the same admin policy. Chat answers stream as JSON lines
(`application/x-ndjson`), one event per line: `{"type": "gate", ...}` (what the gate
did), `{"type": "status", ...}` while the model loads, `{"type": "token", "content"}`
per token, then `{"type": "done", ...}` or `{"type": "error", "message"}`. The API is
described in `openapi.yaml` at the repository root.

No response body or log line carries a value the user sent: errors name the field,
and the access log shows the path without its query string (see `SafeAIHandler`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
import traceback
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import APIHandler
from jupyter_server.prometheus.log_functions import prometheus_log_method
from tornado import web
from tornado.iostream import StreamClosedError
from tornado.log import app_log

from ..models import ModelService, ModelState, ModelUnavailable
from ..policy import CATEGORIES, GateDecision, Mode, Policy, PolicyError, check_prompt, tighten
from ..scan import ENTITIES, default_scanner
from ..scan.redact import StreamRestorer
from .audit import CLIENTS, hash_prompt
from .settings import SafeAI

AUTH_RESOURCE = "safeai"
ROLES = ("system", "user", "assistant")
#: What `POST /safeai/scan` reads texts as: a prompt's messages (joined as the model
#: reads them, markers limited by `prompt_never_accept`) or notebook cells.
SCAN_PURPOSES = ("notebook", "prompt")


def parse_chat_request(body: Any) -> dict[str, Any]:
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
    acknowledge = body.get("acknowledge", False)
    if not isinstance(acknowledge, bool):
        raise web.HTTPError(400, "'acknowledge' must be true or false")
    client = body.get("client", "api")
    if client not in CLIENTS:
        raise web.HTTPError(400, f"'client' must be one of {', '.join(CLIENTS)}")
    return {"messages": clean, "model": model, "policy": body.get("policy"),
            "acknowledge": acknowledge, "client": client,
            "client_redacted": parse_client_redacted(body)}


def parse_client_redacted(body: dict[str, Any]) -> dict[str, int]:
    """What a client (the magic, a user's server in front of the gateway) replaced by
    placeholders before sending: counts per entity label, for the audit record."""
    client_redacted = body.get("client_redacted", {})
    if not isinstance(client_redacted, dict) or not all(
            label in ENTITIES and isinstance(n, int) and not isinstance(n, bool)
            and 0 < n < 100_000 for label, n in client_redacted.items()):
        raise web.HTTPError(400, "'client_redacted' must map known entity labels to counts")
    return client_redacted


class SafeAIHandler(APIHandler):
    """Base of every /safeai route: settings, the gate, the audit — and logging that
    never writes what the user sent. Tornado and jupyter-server log the request URI
    (with its query string, e.g. a notebook's path), the Referer header, and an
    exception's message; here they get the route's path and the error's type."""

    auth_resource = AUTH_RESOURCE

    def _request_summary(self) -> str:
        return f"{self.request.method} {self.request.path} ({self.request.remote_ip})"

    def _log(self) -> None:
        """The access-log line jupyter-server writes, minus query string and Referer."""
        status = self.get_status()
        level = (logging.DEBUG if status < 300 or status == 304 else logging.INFO
                 if status < 400 else logging.WARNING if status < 500 else logging.ERROR)
        try:  # as jupyter-server does: a log line must not fail the request
            user = getattr(self.current_user, "username", "") or ""
        except Exception:  # noqa: BLE001
            user = ""
        self.log.log(level, "%d %s %s (%s@%s) %.2fms", status, self.request.method,
                     self.request.path, user, self.request.remote_ip,
                     1000.0 * self.request.request_time())
        prometheus_log_method(self)

    def log_exception(self, typ: Any, value: Any, tb: Any) -> None:
        if isinstance(value, web.HTTPError):
            if value.log_message:  # ours: they name fields, never values
                app_log.warning("%d %s: %s", value.status_code, self._request_summary(),
                                value.log_message % value.args if value.args
                                else value.log_message)
            return
        # the frames, not the message: a parser's message may quote the request
        app_log.error("Uncaught %s in %s\n%s", getattr(typ, "__name__", "exception"),
                      self._request_summary(), "".join(traceback.format_tb(tb)))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        exc = (kwargs.get("exc_info") or (None, None, None))[1]
        if exc is None or isinstance(exc, web.HTTPError):
            super().write_error(status_code, **kwargs)
            return
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"message": "Unhandled error", "reason": None,
                                "type": type(exc).__name__}))

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

    def get_json_body(self) -> Any:
        """The body as JSON; 400 for bytes that are not UTF-8 JSON (the base class lets
        a decode error through as a 500) or hold unpaired surrogates, which no prompt,
        audit digest or log line can encode. Never logs the body: it may hold PHI."""
        if not self.request.body:
            return None
        try:
            body = json.loads(self.request.body.decode("utf-8"))
            if b"\\u" in self.request.body:
                json.dumps(body, ensure_ascii=False).encode("utf-8")
        except (ValueError, RecursionError) as exc:  # UnicodeError is a ValueError
            raise web.HTTPError(400, "Invalid JSON in body of request (UTF-8 JSON text "
                                f"expected: {type(exc).__name__})") from None
        return body

    def effective_policy(self, requested: Any, phi_allowed: bool = True
                         ) -> tuple[Policy, list[str]]:
        """Admin floor, tightened by the request, and PHI never in clear to a model
        whose deployment is not covered for it."""
        if requested is not None and not isinstance(requested, dict):
            raise web.HTTPError(400, "'policy' must be an object like {\"phi\": \"block\"}")
        if requested and not set(requested) <= set(CATEGORIES):
            raise web.HTTPError(400, "'policy' has a key that is not a category "
                                f"({', '.join(CATEGORIES)})")
        try:
            policy, notes = tighten(self.safeai.admin_policy(), requested)
        except PolicyError:  # its message quotes the value: name the field instead
            modes = [m.value for m in Mode]
            bad = [c for c in CATEGORIES if str((requested or {}).get(c, "block")).lower()
                   not in modes]
            field = f"policy.{bad[0]}" if bad else "policy"
            raise web.HTTPError(400, f"'{field}' must be one of {', '.join(modes)}") from None
        if not phi_allowed and policy.phi is Mode.WARN:
            policy = policy.at_least("phi", Mode.REDACT)
            notes.append("phi: this model is not approved for PHI; redacted instead of warn")
        return policy, notes

    async def gate(self, parts: Sequence[str], policy: Policy, notes: Sequence[str] = (),
                   prompt: bool = True) -> GateDecision:
        """Scan off the event loop; a scan that outlasts the limit blocks (fail closed).
        A `prompt`'s parts are also scanned joined, as the model reads them, and its
        allow markers accept only what `prompt_never_accept` leaves open."""
        limit = self.safeai.scan_timeout
        never_accept = self.safeai.markers_cannot_accept(prompt)

        def scan(text: str) -> list:
            return default_scanner().scan(text, never_accept)

        def decide() -> GateDecision:
            return check_prompt(parts, policy, scan, notes, conversation=prompt)

        try:
            return await asyncio.wait_for(asyncio.to_thread(decide), limit)
        except asyncio.TimeoutError:
            return GateDecision(policy=policy, error=f"the scan did not finish within "
                                f"{limit:g} s", notes=tuple(notes))

    async def user_model(self, name: str | None) -> Any:
        """`user:relative/path.gguf` inside the server's root, if the admin allows user
        models; 403 otherwise, as for any name that is not an approved model."""
        refusal = web.HTTPError(403, "The requested 'model' is not an approved model")
        if not (self.safeai.allow_user_models and name and name.startswith("user:")):
            raise refusal
        root = Path(self.settings.get("server_root_dir", ".")).expanduser().resolve()
        path = (root / name.removeprefix("user:")).resolve()
        if path.suffix != ".gguf" or not path.is_file() or not path.is_relative_to(root):
            raise web.HTTPError(403, "User models must be .gguf files inside the server's "
                                "root directory")
        return await asyncio.to_thread(self.models.user_model, path, name)

    async def audit(self, **fields: Any) -> None:
        """One audit record and event per gated prompt; never the prompt or its values."""
        log = self.settings.get("safeai_audit")
        if log is None:
            return
        user = self.current_user
        fields["user"] = getattr(user, "username", None) or "anonymous"
        record = await log.arecord(**fields)
        emit = self.settings.get("safeai_emit")
        if emit is not None:
            emit(record)


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


class PolicyHandler(SafeAIHandler):
    @web.authenticated
    @authorized
    def get(self) -> None:
        self.finish({
            "admin": self.safeai.admin_policy().to_dict(),
            "modes": [m.value for m in Mode],
            "max_prompt_chars": self.safeai.max_prompt_chars,
            "never_accept": list(self.safeai.never_accept),
            "prompt_never_accept": self.safeai.markers_cannot_accept(prompt=True),
            "allow_user_models": self.safeai.allow_user_models,
        })


class ScanHandler(SafeAIHandler):
    """Findings for texts, for the sidebar's preview and warnings: offsets, no values."""

    @web.authenticated
    @authorized
    async def post(self) -> None:
        body = self.get_json_body()
        if not isinstance(body, dict):
            raise web.HTTPError(400, "Body must be a JSON object")
        texts = body.get("texts", [body.get("text")] if "text" in body else None)
        if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts) or (
                "text" in body and not isinstance(body["text"], str)):
            raise web.HTTPError(400, "'text' must be a string or 'texts' a list of strings")
        if sum(map(len, texts)) > self.safeai.max_prompt_chars:
            raise web.HTTPError(413, f"Text too large to scan (limit "
                                f"{self.safeai.max_prompt_chars:,} characters)")
        purpose = body.get("purpose", "notebook")
        if purpose not in SCAN_PURPOSES:
            raise web.HTTPError(400, f"'purpose' must be one of {', '.join(SCAN_PURPOSES)}")
        policy, notes = self.effective_policy(body.get("policy"))
        decision = await self.gate(texts, policy, notes, prompt=purpose == "prompt")
        if decision.error is not None:
            raise web.HTTPError(503, decision.describe())
        self.finish(decision.to_dict())


class WarningsHandler(SafeAIHandler):
    """Kernels report what their gate found (kinds and counts); the sidebar reads it."""

    def _contents_path(self, path: str) -> str:
        """Kernels know their notebook by an OS path (JPY_SESSION_NAME); the sidebar by
        its path relative to the server's root. Store under the latter."""
        root = Path(self.settings.get("server_root_dir", ".")).expanduser().resolve()
        candidate = Path(path)
        if candidate.is_absolute():
            with contextlib.suppress(ValueError):
                return candidate.resolve().relative_to(root).as_posix()
        return path

    @web.authenticated
    @authorized
    def get(self) -> None:
        path = self.get_query_argument("path", None)
        if path is None:
            raise web.HTTPError(400, "query parameter 'path' (the notebook's path) is required")
        self.finish({"warnings": self.settings["safeai_warnings"].get(path)})

    @web.authenticated
    @authorized
    def post(self) -> None:
        body = self.get_json_body()
        if not isinstance(body, dict) or not isinstance(body.get("path"), str):
            raise web.HTTPError(400, "'path' (the notebook's path) is required")
        if not isinstance(body.get("findings"), list):
            raise web.HTTPError(400, "'findings' must be a list")
        cell = body.get("cell")
        if cell is not None and (not isinstance(cell, int) or isinstance(cell, bool)):
            raise web.HTTPError(400, "'cell' must be an integer or null")
        entries = []
        for item in body["findings"]:
            entity, category, count = (item.get("entity"), item.get("category"),
                                       item.get("count", 1)) if isinstance(item, dict) else (
                None, None, None)
            if not isinstance(entity, str) or entity not in ENTITIES or (
                    category != ENTITIES[entity][0]) or isinstance(count, bool) or not (
                    isinstance(count, int) and 0 < count < 100_000):
                raise web.HTTPError(400, "findings must be {entity, category, count} with "
                                    "known entity labels")
            entries.append({"entity": entity, "category": category, "count": count,
                            "cell": cell, "source": "magic"})
        self.settings["safeai_warnings"].add(self._contents_path(body["path"]), entries)
        self.set_status(204)
        self.finish()


class ChatHandler(SafeAIHandler):
    _closed = False

    def on_connection_close(self) -> None:
        self._closed = True

    async def _send(self, event: dict[str, Any]) -> None:
        if self._closed:
            raise StreamClosedError()
        self.write(json.dumps(event) + "\n")
        await self.flush()

    async def _refuse(self, status: int, decision: GateDecision, reason: str,
                      **audit: Any) -> None:
        await self.audit(decision="blocked", reason=reason, entities=decision.counts(),
                   policy=decision.policy.to_dict(), tokens_in=0, tokens_out=0, **audit)
        self.log.info("safeai chat refused (%s): %s", reason, decision.counts())
        self.set_status(status)
        self.finish({"reason": reason, **decision.to_dict()})

    async def _admit(self, parts: list[str], policy: Policy, notes: list[str],
                     acknowledge: bool, audit: dict[str, Any]) -> GateDecision | None:
        """The gate's decision on a prompt that may go on to a model, or None when it was
        refused here (too long, scanner error, blocked, unacknowledged warning) and
        the refusal is answered and audited."""
        if audit["prompt_chars"] > self.safeai.max_prompt_chars:
            await self._refuse(413, GateDecision(policy=policy, error=(
                f"the prompt is longer than {self.safeai.max_prompt_chars:,} characters")),
                "too_large", **audit)
            return None
        decision = await self.gate(parts, policy, notes)
        refusal = ("scanner_error" if decision.error is not None else
                   "blocked" if decision.action == "block" else
                   "needs_acknowledgement" if decision.action == "warn" and not acknowledge
                   else None)
        if refusal is not None:
            await self._refuse(422, decision, refusal, **audit)
            return None
        return decision

    @web.authenticated
    @authorized
    async def post(self) -> None:
        request = parse_chat_request(self.get_json_body())
        messages = request["messages"]
        model = self.models.get(request["model"]) or await self.user_model(request["model"])
        parts = [m["content"] for m in messages]
        chars, digest = hash_prompt(parts)
        audit = {"model": model.spec.name, "client": request["client"],
                 "prompt_chars": chars, "prompt_sha256": digest}
        policy, notes = self.effective_policy(request["policy"], model.spec.phi_allowed)
        decision = await self._admit(parts, policy, notes, request["acknowledge"], audit)
        if decision is None:
            return
        if model.state is ModelState.ERROR and not model.spec.remote and not (
                model.recheck_due()):  # a remote endpoint or a restored file: try it
            raise web.HTTPError(503, model.error)
        admission = getattr(model, "admission", None)
        if admission is not None and not admission.try_enter():
            # not HTTPError: tornado's error path clears headers, Retry-After included
            self.set_status(429)
            self.set_header("Retry-After", str(admission.retry_after()))
            self.finish({"message": f"Model {model.spec.name!r} is busy; retry later",
                         "reason": "busy", "queue": admission.pending})
            return
        started = time.perf_counter()
        # requests admitted before this one and not yet answered: the queue position
        ahead = admission.pending - 1 if admission is not None else 0
        try:
            await self._answer(model, messages, decision, audit, ahead,
                               request["client_redacted"])
        finally:
            if admission is not None:
                admission.leave(time.perf_counter() - started)

    async def _answer(self, model: Any, messages: list[dict[str, str]],
                      decision: GateDecision, audit: dict[str, Any], ahead: int = 0,
                      client_redacted: dict[str, int] | None = None) -> None:
        sent_parts, vault = decision.redacted([m["content"] for m in messages])
        sent = [{"role": m["role"], "content": part} for m, part in zip(messages, sent_parts,
                                                                         strict=True)]
        restorer = StreamRestorer(vault)
        outcome = {"send": "sent", "redact": "redacted", "warn": "warned"}[decision.action]
        # What the client (the magic) replaced before sending: the audit counts it,
        # although this gate only ever saw the placeholders.
        entities = Counter(decision.counts()) + Counter(client_redacted or {})
        note = "redacted_by_client" if client_redacted else None
        if client_redacted and outcome == "sent":
            outcome = "redacted"
        failure: str | None = None
        self.set_header("Content-Type", "application/x-ndjson")
        self.set_header("Cache-Control", "no-cache")
        self.set_header("X-Accel-Buffering", "no")
        conversation = [{"role": "system", "content": self.safeai.system_prompt}, *sent]
        started = time.perf_counter()
        first_token: float | None = None
        tokens = 0
        try:
            await self._send({"type": "gate", "action": decision.action,
                              "counts": decision.counts(), "redacted": vault.counts(),
                              "policy": decision.policy.to_dict(),
                              "notes": list(decision.notes)})
            if ahead > 0:
                await self._send({"type": "status", "model": model.spec.name,
                                  "state": "queued", "position": ahead})
            if model.state is not ModelState.LOADED:
                await self._send({"type": "status", "model": model.spec.name,
                                  "state": model.state.value})
            stream = model.stream_chat(conversation, self.safeai.max_new_tokens)
            async with contextlib.aclosing(stream):
                async for piece in stream:
                    if first_token is None:
                        first_token = time.perf_counter()
                    tokens += 1
                    text = restorer.feed(piece)
                    if text:
                        await self._send({"type": "token", "content": text})
            tail = restorer.flush()
            if tail:
                await self._send({"type": "token", "content": tail})
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
            failure = "model_error"
            with contextlib.suppress(StreamClosedError):
                await self._send({"type": "error", "message": str(exc)})
        except Exception as exc:  # noqa: BLE001 - a runtime bug: its message may quote the prompt
            failure = "model_error"
            self.log.error("safeai chat: model %s failed with %s after %d tokens",
                           model.spec.name, type(exc).__name__, tokens)
            with contextlib.suppress(StreamClosedError):
                await self._send({"type": "error", "message": (
                    f"The model {model.spec.name!r} failed while answering "
                    f"({type(exc).__name__}); see the server log.")})
        finally:
            count = getattr(model, "count_tokens", None)
            await self.audit(decision=outcome, reason=failure or note, entities=dict(entities),
                       policy=decision.policy.to_dict(),
                       tokens_in=(count(sent) if count else None) or 0, tokens_out=tokens,
                       **audit)
        self.log.info("safeai chat: model=%s prompt_chars=%d decision=%s tokens=%d",
                      model.spec.name, audit["prompt_chars"], outcome, tokens)
        self.finish()
