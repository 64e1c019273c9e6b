"""/safeai handlers of a server that is a client of the gateway (`c.SafeAI.gateway_url`).

The sidebar and the magic talk to their own server as always; here its routes defer to
the admin's gateway. The policy floor is the stricter of the gateway's and this
server's own (a user who edits their config can only tighten it). This server's gate
still scans first: what it blocks never leaves, what it redacts leaves as placeholders
and is put back here on the way in. The gateway gates again under the admin's policy,
runs the model and writes the audit record naming the Hub user. Warnings stay here:
they are this user's notebooks, in this user's server.
"""

from __future__ import annotations

import contextlib
import json
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from jupyter_server.auth.decorator import authorized
from tornado import web
from tornado.iostream import StreamClosedError

from ..policy import CATEGORIES, GateDecision, Mode, Policy, PolicyError, tighten
from ..scan.redact import StreamRestorer
from .audit import hash_prompt
from .gateway_client import GatewayAnswer, GatewayClient, GatewayUnavailable
from .handlers import ChatHandler, SafeAIHandler, ScanHandler, parse_chat_request


def strictest(first: Policy, second: Policy) -> Policy:
    """Per category, the stricter mode of the two."""
    merged = first
    for category in CATEGORIES:
        merged = merged.at_least(category, second.mode(category))
    return merged


def merged_gate(event: dict[str, Any], decision: GateDecision, redacted: dict[str, int]
                ) -> dict[str, Any]:
    """The gateway's `gate` event on what it saw, plus what this server found and redacted
    before (a kind found in both is one finding seen twice, not two): `redact` when this
    server redacted what the gateway then sent as it came."""
    remote = event.get("counts") if isinstance(event.get("counts"), dict) else {}
    counts = decision.counts()
    for label, n in remote.items():
        if isinstance(n, int) and not isinstance(n, bool):
            counts[label] = max(counts.get(label, 0), n)
    remote_redacted = event.get("redacted") if isinstance(event.get("redacted"), dict) else {}
    action = event.get("action")
    if redacted and action in ("send", None):
        action = "redact"
    return {**event, "counts": counts,
            "redacted": dict(Counter(redacted) + Counter(remote_redacted)), "action": action}


class ForwardingMixin(SafeAIHandler):
    """The floor comes from the gateway (made stricter by this server's own policy)."""

    _floor: Policy | None = None
    #: The request to the gateway that is streaming now, closed when the browser goes.
    _upstream: GatewayAnswer | None = None

    @property
    def gateway(self) -> GatewayClient:
        return self.settings["safeai_gateway"]

    async def load_floor(self) -> Policy:
        try:
            gateway_floor = await self.gateway.admin_policy()
        except (GatewayUnavailable, PolicyError) as exc:
            # No floor, no prompt: without the admin's policy nothing is sent or judged.
            raise web.HTTPError(503, f"SafeAI gateway unavailable: {exc}") from None
        self._floor = strictest(gateway_floor, self.safeai.admin_policy())
        return self._floor

    def effective_policy(self, requested: Any, phi_allowed: bool = True
                         ) -> tuple[Policy, list[str]]:
        """As the base class (its checks and its words for a bad request), from the floor."""
        super().effective_policy(requested, phi_allowed)  # validates `requested`
        policy, notes = tighten(self._floor or self.safeai.admin_policy(), requested)
        if not phi_allowed and policy.phi is Mode.WARN:
            policy = policy.at_least("phi", Mode.REDACT)
            notes.append("phi: this model is not approved for PHI; redacted instead of warn")
        return policy, notes

    async def gateway_models(self) -> dict[str, Any]:
        try:
            status, body = await self.gateway.get_json("safeai/models")
        except GatewayUnavailable as exc:
            return {"default": None, "models": [], "error": str(exc)}
        if status != 200:
            return {"default": None, "models": [],
                    "error": f"the gateway refused the model list (HTTP {status})"}
        return body

    async def _phi_allowed(self, name: str | None) -> bool:
        """Whether the gateway's model `name` (its default for None) may see PHI."""
        listing = await self.gateway_models()
        wanted = name or listing.get("default")
        for model in listing.get("models") or []:
            if isinstance(model, dict) and model.get("name") == wanted:
                return model.get("phi_allowed") is True
        return False

    async def _forward_stream(self, path: str, body: dict[str, Any], model: str | None,
                              client_redacted: Counter[str],
                              relay: Callable[[GatewayAnswer], Awaitable[None]]) -> None:
        """POST `body` to the gateway and hand its stream to `relay`, or pass its refusal
        on; the request stays open only while the browser's does (`on_connection_close`).
        `model` and what was redacted on the way (kinds and counts) go with the body."""
        if model:
            body["model"] = model
        if client_redacted:
            body["client_redacted"] = dict(client_redacted)
        try:
            self._upstream = await self.gateway.request("POST", path, body)
        except GatewayUnavailable as exc:
            raise web.HTTPError(503, f"SafeAI gateway unavailable: {exc}") from None
        try:
            if self._upstream.status != 200:
                await self._pass_refusal(self._upstream)
            else:
                await relay(self._upstream)
        finally:
            self._upstream.close()

    def on_connection_close(self) -> None:
        super().on_connection_close()
        if self._upstream is not None:
            self._upstream.close()  # the gateway sees the socket close and stops

    async def _relay_events(
            self, upstream: GatewayAnswer,
            translate: Callable[[dict[str, Any]], Awaitable[dict[str, Any] | None]],
            what: str) -> None:
        """Each JSON-lines event of the gateway's stream, translated for this server's
        client (None: dropped) and sent on; a client gone closes the gateway request."""
        try:
            async for line in upstream.lines():
                try:
                    event = json.loads(line)
                except ValueError:
                    event = {"type": "error", "message": "the gateway sent a malformed event"}
                if not isinstance(event, dict):
                    continue
                translated = await translate(event)
                if translated is not None:
                    await self._send(translated)
        except StreamClosedError:
            self.log.info("safeai %s: client went away; gateway request closed", what)
            return
        except GatewayUnavailable as exc:
            with contextlib.suppress(StreamClosedError):
                await self._send({"type": "error", "message": str(exc)})
        self.finish()

    if TYPE_CHECKING:  # the streaming handler this is mixed into writes the events
        async def _send(self, event: dict[str, Any]) -> None: ...

    async def _pass_refusal(self, upstream: GatewayAnswer) -> None:
        """The gateway's refusal (403, 422, 429 with Retry-After, 503) as it came."""
        try:
            payload = await upstream.json()
        except GatewayUnavailable:
            payload = {}
        self.set_status(upstream.status)
        retry = upstream.headers.get("Retry-After")
        if retry is not None:
            self.set_header("Retry-After", retry)
        self.finish(payload or {"message": f"the gateway answered HTTP {upstream.status}"})


class ForwardedModelsHandler(ForwardingMixin):
    """The gateway's approved models: the only models a client of it can use."""

    @web.authenticated
    @authorized
    async def get(self) -> None:
        self.finish({**await self.gateway_models(), "gateway": self.gateway.host})


class ForwardedPolicyHandler(ForwardingMixin):
    @web.authenticated
    @authorized
    async def get(self) -> None:
        floor = await self.load_floor()
        self.finish({
            "admin": floor.to_dict(),
            "modes": [m.value for m in Mode],
            "max_prompt_chars": self.safeai.max_prompt_chars,
            "never_accept": list(self.safeai.never_accept),
            "prompt_never_accept": self.safeai.markers_cannot_accept(prompt=True),
            "allow_user_models": False,
            "gateway": self.gateway.host,
        })


class ForwardedScanHandler(ForwardingMixin, ScanHandler):
    """Scans run here, under the gateway's floor: the preview needs no round trip."""

    @web.authenticated
    @authorized
    async def post(self) -> None:
        await self.load_floor()
        await super().post()


class ForwardedChatHandler(ForwardingMixin, ChatHandler):
    """Gate here, then forward to the gateway and relay its stream, restoring what this
    server redacted. Refusals of the gateway (422, 429 with Retry-After, 403, 503) are
    passed on as they came."""

    @web.authenticated
    @authorized
    async def post(self) -> None:
        request = parse_chat_request(self.get_json_body())
        await self.load_floor()
        messages = request["messages"]
        parts = [m["content"] for m in messages]
        chars, digest = hash_prompt(parts)
        audit = {"model": request["model"] or "gateway-default", "client": request["client"],
                 "prompt_chars": chars, "prompt_sha256": digest}
        policy, notes = self.effective_policy(request["policy"],
                                              await self._phi_allowed(request["model"]))
        decision = await self._admit(parts, policy, notes, request["acknowledge"], audit)
        if decision is None:
            return
        sent_parts, vault = decision.redacted(parts)
        redacted_here = Counter(request["client_redacted"]) + Counter(vault.counts())
        body: dict[str, Any] = {
            "messages": [{"role": m["role"], "content": part}
                         for m, part in zip(messages, sent_parts, strict=True)],
            "policy": policy.to_dict(), "acknowledge": request["acknowledge"],
            "client": request["client"]}
        await self._forward_stream(
            "safeai/chat", body, request["model"], redacted_here,
            lambda upstream: self._relay(upstream, decision, vault.counts(),
                                         StreamRestorer(vault)))

    async def _relay(self, upstream: GatewayAnswer, decision: GateDecision,
                     redacted: dict[str, int], restorer: StreamRestorer) -> None:
        self.set_header("Content-Type", "application/x-ndjson")
        self.set_header("Cache-Control", "no-cache")
        self.set_header("X-Accel-Buffering", "no")

        async def translate(event: dict[str, Any]) -> dict[str, Any] | None:
            kind = event.get("type")
            if kind == "gate":
                notes = [*decision.notes, *(event.get("notes") or [])]
                return {**merged_gate(event, decision, redacted),
                        "notes": list(dict.fromkeys(notes))}
            if kind == "token":
                text = restorer.feed(str(event.get("content", "")))
                return {"type": "token", "content": text} if text else None
            if kind in ("done", "error"):
                tail = restorer.flush()
                if tail:
                    await self._send({"type": "token", "content": tail})
            return event

        await self._relay_events(upstream, translate, "chat")
