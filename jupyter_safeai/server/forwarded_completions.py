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

import time
from collections import Counter
from typing import Any

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..policy import GateDecision
from ..scan import Vault
from .completions import CompletionHandler, near_cursor
from .completions import redact_around_cursor as redact_cell
from .forwarding import ForwardingMixin, merged_counts
from .gateway_client import GatewayAnswer, GatewayUnavailable

LIMITS = ("max_prefix_chars", "max_suffix_chars", "rate_per_minute")


class ForwardedCompletionHandler(ForwardingMixin, CompletionHandler):
    """Gate here, forward the placeholders to the gateway, restore its suggestions."""

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
        request = self._opened()
        if request is None:
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
        await self._forward_stream(
            "safeai/complete", body, name, redacted_here,
            lambda upstream: self._relay(upstream, decision, vault, gate_ms))

    async def _relay(self, upstream: GatewayAnswer, decision: GateDecision, vault: Vault,
                     gate_ms: float) -> None:
        async def translate(event: dict[str, Any]) -> dict[str, Any]:
            kind = event.get("type")
            if kind == "gate":
                return self._merged_gate(event, decision, vault, gate_ms)
            if kind == "suggestion":
                return {"type": "suggestion", "text": vault.restore(str(event.get("text", "")))}
            return event

        await self._relay_events(upstream, translate, "completion")

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
