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

from collections import Counter
from typing import Any

from jupyter_server.auth.decorator import authorized
from tornado import web

from .completions import CompletionHandler, GatedCell, Target
from .forwarding import ForwardingMixin, merged_gate
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

    async def _target(self, request: dict[str, Any]) -> Target | None:
        """The gateway's model (under the stricter limits), or None when completions are
        off here or there (the `skipped` event is answered)."""
        await self.load_floor()
        limits = await self.gateway_limits()
        if not limits["enabled"]:
            self._finish_event({"type": "skipped", "reason": "disabled"})
            return None
        name = request["model"] or limits["model"]
        return Target(name, name or "gateway-default", await self._phi_allowed(name), limits)

    async def _answer(self, target: Target, request: dict[str, Any], cell: GatedCell
                      ) -> None:
        """Forward the placeholders to the gateway and relay its stream."""
        redacted_here = Counter(request["client_redacted"]) + Counter(cell.vault.counts())
        body: dict[str, Any] = {"prefix": cell.sent_prefix, "suffix": cell.sent_suffix,
                                "language": request["language"],
                                "policy": cell.decision.policy.to_dict()}
        await self._forward_stream("safeai/complete", body, target.model, redacted_here,
                                   lambda upstream: self._relay(upstream, cell))

    async def _relay(self, upstream: GatewayAnswer, cell: GatedCell) -> None:
        async def translate(event: dict[str, Any]) -> dict[str, Any]:
            kind = event.get("type")
            if kind == "gate":
                remote_ms = event.get("gate_ms")
                return {**merged_gate(event, cell.decision, cell.vault.counts()),
                        "gate_ms": round(cell.gate_ms + (
                            remote_ms if isinstance(remote_ms, (int, float)) else 0), 2)}
            if kind == "suggestion":
                text = cell.vault.restore(str(event.get("text", "")))
                return {"type": "suggestion", "text": text}
            return event

        await self._relay_events(upstream, translate, "completion")
