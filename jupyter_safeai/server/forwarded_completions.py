"""Inline completions of a server that is a client of the gateway (`c.SafeAI.gateway_url`).

As for chat: this server's gate scans the cell first, under the gateway's floor made
stricter by this server's own settings — a secret means no request leaves, PHI leaves
as placeholders. The gateway gates again under the admin's policy, asks its model,
masks identifiers the model invents and writes the `completion` audit record naming
the Hub user. Each suggestion it streams back gets this server's placeholders restored
here, so the user's values never leave their server. The admin's limits (on/off, the
characters around the cursor, the rate) are the stricter of the gateway's and this
server's.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections import Counter
from typing import Any

from jupyter_server.auth.decorator import authorized
from tornado import web
from tornado.iostream import StreamClosedError

from ..policy import GateDecision
from ..scan import Vault
from .completions import CompletionHandler, near_cursor, parse_completion_request
from .completions import redact_around_cursor as redact_cell
from .forwarding import ForwardingMixin, merged_counts
from .gateway_client import GatewayAnswer, GatewayUnavailable

LIMITS = ("max_prefix_chars", "max_suffix_chars", "rate_per_minute")


class ForwardedCompletionHandler(ForwardingMixin, CompletionHandler):
    """Gate here, forward the placeholders to the gateway, restore its suggestions."""

    _upstream: GatewayAnswer | None = None

    def on_connection_close(self) -> None:
        super().on_connection_close()
        if self._upstream is not None:
            self._upstream.close()  # the gateway sees the socket close and stops

    async def gateway_limits(self) -> dict[str, Any]:
        """The stricter of the gateway's completion limits and this server's own; a
        gateway that does not answer turns completions off."""
        own = self._limits()
        try:
            status, theirs = await self.gateway.get_json("safeai/complete")
        except GatewayUnavailable:
            status, theirs = 0, {}
        limits = {"enabled": bool(own["enabled"] and status == 200
                                  and theirs.get("enabled") is True),
                  "model": own["model"] or theirs.get("model") or None}
        for key in LIMITS:
            value = theirs.get(key)
            limits[key] = min(own[key], value) if isinstance(value, int) and not isinstance(
                value, bool) else 0
        return limits

    @web.authenticated
    @authorized
    async def get(self) -> None:
        self.finish({**await self.gateway_limits(), "gateway": self.gateway.host})

    @web.authenticated
    @authorized
    async def post(self) -> None:
        started = time.perf_counter()
        request = parse_completion_request(self.get_json_body())
        self._stream_headers()
        if self._refused_for_rate():
            return
        await self.load_floor()
        limits = await self.gateway_limits()
        if not limits["enabled"]:
            self._finish_event({"type": "skipped", "reason": "disabled"})
            return
        name = request["model"] or limits["model"]
        prefix, suffix = near_cursor(request, limits["max_prefix_chars"],
                                     limits["max_suffix_chars"])
        policy, notes = self.effective_policy(request["policy"], await self._phi_allowed(name))
        admitted = await self.gate_cell(prefix, suffix, policy, notes,
                                        name or "gateway-default", started,
                                        request["client_redacted"])
        if admitted is None:
            return
        decision, gate_ms = admitted
        sent_prefix, sent_suffix, vault = redact_cell(decision, prefix + suffix, len(prefix))
        redacted_here = Counter(request["client_redacted"]) + Counter(vault.counts())
        body: dict[str, Any] = {"prefix": sent_prefix, "suffix": sent_suffix,
                                "language": request["language"],
                                "policy": decision.policy.to_dict()}
        if name:
            body["model"] = name
        if redacted_here:
            body["client_redacted"] = dict(redacted_here)
        try:
            self._upstream = await self.gateway.request("POST", "safeai/complete", body)
        except GatewayUnavailable as exc:
            raise web.HTTPError(503, f"SafeAI gateway unavailable: {exc}") from None
        try:
            if self._upstream.status != 200:
                await self._pass_refusal(self._upstream)
            else:
                await self._relay(self._upstream, decision, vault, gate_ms)
        finally:
            self._upstream.close()

    async def _relay(self, upstream: GatewayAnswer, decision: GateDecision, vault: Vault,
                     gate_ms: float) -> None:
        try:
            async for line in upstream.lines():
                try:
                    event = json.loads(line)
                except ValueError:
                    event = {"type": "error", "message": "the gateway sent a malformed event"}
                if not isinstance(event, dict):
                    continue
                kind = event.get("type")
                if kind == "gate":
                    event = self._merged_gate(event, decision, vault, gate_ms)
                elif kind == "suggestion":
                    event = {"type": "suggestion",
                             "text": vault.restore(str(event.get("text", "")))}
                await self._send(event)
        except StreamClosedError:
            self.log.info("safeai completion: client went away; gateway request closed")
            return
        except GatewayUnavailable as exc:
            with contextlib.suppress(StreamClosedError):
                await self._send({"type": "error", "message": str(exc)})
        self.finish()

    @staticmethod
    def _merged_gate(event: dict[str, Any], decision: GateDecision, vault: Vault,
                     gate_ms: float) -> dict[str, Any]:
        """The gateway's verdict on what it saw, plus what this server did before."""
        action = event.get("action")
        if len(vault) and action in ("send", None):
            action = "redact"
        remote_ms = event.get("gate_ms")
        return {**event, **merged_counts(event, decision.counts(), vault.counts()),
                "action": action,
                "gate_ms": round(gate_ms + (remote_ms if isinstance(remote_ms, (int, float))
                                            else 0), 2)}
