"""Inline completions (ghost text) through the same gate as chat.

`POST /safeai/complete` takes the text before and after the cursor of a notebook cell.
The cell is scanned as one text (a value split by the cursor is still one value): PHI
and genomic identifiers are replaced by placeholders — the model may complete code
around `<PERSON_1>` — and a finding in a `block` category stops the request silently:
no model is asked, and the answer names the kinds found, nothing else. A `warn`
category is redacted, since nobody can acknowledge a warning in ghost text. The
suggestion is scanned on its way back (new identifiers are masked) and the placeholders
are restored in it.

The answer streams as JSON lines: `{"type": "gate", ...}`, then `{"type": "suggestion",
"text"}` each time the suggestion grows (the whole suggestion so far, so a value masked
later replaces what was shown), then `{"type": "done", ...}`; or a single `{"type":
"blocked", "kinds"}` or `{"type": "skipped", "reason"}` (completions off, or the model
busy with a chat, which always goes first). A chat that arrives while the suggestion
is made stops it: an empty suggestion (if any was shown) and `{"type": "skipped",
"reason": "preempted"}` end the stream. Each request leaves a light audit record:
counts, decision, latency. A user over `completion_rate_per_minute` gets HTTP 429.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import math
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from jupyter_server.auth.decorator import authorized
from tornado import web
from tornado.iostream import StreamClosedError

from ..kernel.output_guard import guard_answer
from ..models import ModelUnavailable, Preempted
from ..models.completion import completion_format, stream_completion
from ..policy import GateDecision, Mode, Policy
from ..policy.modes import CATEGORIES
from ..scan import ScanError, Vault, redact
from .handlers import SafeAIHandler, parse_client_redacted

LANGUAGE_CHARS = 40


@dataclass
class RateLimiter:
    """A token bucket per user: `per_minute` requests a minute, bursts of `burst`."""

    per_minute: int
    burst: int
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)

    def allow(self, user: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        tokens, since = self._buckets.get(user, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - since) * self.per_minute / 60)
        allowed = tokens >= 1
        self._buckets[user] = (tokens - 1 if allowed else tokens, now)
        return allowed

    def retry_after(self, user: str) -> int:
        tokens, _ = self._buckets.get(user, (0.0, 0.0))
        return max(1, math.ceil((1 - tokens) * 60 / max(1, self.per_minute)))


def parse_completion_request(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise web.HTTPError(400, "Body must be a JSON object")
    prefix, suffix = body.get("prefix"), body.get("suffix", "")
    if not isinstance(prefix, str) or not isinstance(suffix, str):
        raise web.HTTPError(400, "'prefix' and 'suffix' must be strings")
    model = body.get("model")
    if model is not None and not isinstance(model, str):
        raise web.HTTPError(400, "'model' must be a string")
    language = body.get("language", "")
    if not isinstance(language, str) or len(language) > LANGUAGE_CHARS:
        raise web.HTTPError(400, f"'language' must be a string of at most {LANGUAGE_CHARS} "
                            "characters")
    return {"prefix": prefix, "suffix": suffix, "model": model, "language": language,
            "policy": body.get("policy"), "client_redacted": parse_client_redacted(body)}


def near_cursor(request: dict[str, Any], max_prefix: int, max_suffix: int) -> tuple[str, str]:
    """Only the text nearest the cursor: the admin's limits cut the far ends."""
    prefix = request["prefix"][-max_prefix:] if max_prefix > 0 else ""
    return prefix, request["suffix"][:max_suffix]


def completion_policy(policy: Policy) -> Policy:
    """Nobody can acknowledge a warning in ghost text: `warn` becomes `redact`."""
    for category in CATEGORIES:
        policy = policy.at_least(category, Mode.REDACT)
    return policy


def redact_around_cursor(decision: GateDecision, text: str, cursor: int
                         ) -> tuple[str, str, Vault]:
    """(prefix, suffix) of the scanned cell text with placeholders, one vault for both."""
    vault = Vault()
    redacted = [lf.finding for lf in decision.findings
                if decision.policy.mode(lf.finding.category) is Mode.REDACT]
    before = [f for f in redacted if f.end <= cursor]
    after = [dataclasses.replace(f, start=f.start - cursor, end=f.end - cursor)
             for f in redacted if f.start >= cursor]
    prefix, vault = redact(text[:cursor], before, vault)
    suffix, vault = redact(text[cursor:], after, vault)
    return prefix, suffix, vault


@dataclass(frozen=True)
class Target:
    """Where a completion request goes, as the handler decides before the gate."""

    model: Any  #: the local model, or the gateway's model name (None: its default)
    audit_name: str  #: the model as the audit record names it
    phi_allowed: bool
    limits: dict[str, Any]  #: `max_prefix_chars` and `max_suffix_chars` at least


@dataclass(frozen=True)
class GatedCell:
    """The text around the cursor as the gate let it through."""

    prefix: str
    suffix: str
    sent_prefix: str  #: with placeholders, as the model sees it
    sent_suffix: str
    vault: Vault  #: the placeholders' values, to restore in the suggestion
    decision: GateDecision
    gate_ms: float
    started: float  #: `time.perf_counter()` when the request came


class CompletionHandler(SafeAIHandler):
    """Gate the text around the cursor (the same for every completion route), then
    `_answer`: ask the local model here, or the gateway in `ForwardedCompletionHandler`."""

    _closed = False

    def on_connection_close(self) -> None:
        self._closed = True

    def _limits(self) -> dict[str, Any]:
        s = self.safeai
        return {"enabled": s.completions, "model": s.completion_model or None,
                "max_prefix_chars": s.completion_max_prefix_chars,
                "max_suffix_chars": s.completion_max_suffix_chars,
                "rate_per_minute": s.completion_rate_per_minute}

    @web.authenticated
    @authorized
    def get(self) -> None:
        """The admin's limits, for the settings the frontend may only narrow."""
        self.finish(self._limits())

    async def _send(self, event: dict[str, Any]) -> None:
        if self._closed:
            raise StreamClosedError()
        self.write(json.dumps(event) + "\n")
        await self.flush()

    def _rate_key(self) -> str:
        """Who is limited: the user, or the token of a token-authenticated request (each
        of those gets a new anonymous user, which would escape the limit)."""
        token = self.identity_provider.get_token(self)
        if token:
            return "token:" + hashlib.sha256(token.encode()).hexdigest()[:16]
        return getattr(self.current_user, "username", None) or "anonymous"

    def _limiter(self) -> RateLimiter:
        limiter = self.settings.get("safeai_completion_limiter")
        rate = self.safeai.completion_rate_per_minute
        if limiter is None or limiter.per_minute != rate:
            limiter = RateLimiter(rate, max(1, rate // 5))
            self.settings["safeai_completion_limiter"] = limiter
        return limiter

    async def _audit(self, model: str, started: float, decision: str, entities: dict,
                     reason: str | None = None, tokens_out: int = 0) -> None:
        log = self.settings.get("safeai_audit")
        if log is None:
            return
        user = getattr(self.current_user, "username", None) or "anonymous"
        await log.arecord_completion(
            user=user, model=model, entities=entities, decision=decision, reason=reason,
            tokens_out=tokens_out, latency_ms=round((time.perf_counter() - started) * 1000))

    def _stream_headers(self) -> None:
        self.set_header("Content-Type", "application/x-ndjson")
        self.set_header("Cache-Control", "no-cache")
        self.set_header("X-Accel-Buffering", "no")

    def _finish_event(self, event: dict[str, Any]) -> None:
        self.finish(json.dumps(event) + "\n")

    def _opened(self) -> dict[str, Any] | None:
        """The request, parsed, with the stream's headers set; None when this user asks
        too often (429 with Retry-After is answered)."""
        request = parse_completion_request(self.get_json_body())
        self._stream_headers()
        return None if self._refused_for_rate() else request

    def _refused_for_rate(self) -> bool:
        """True (and 429 with Retry-After answered) when this user asks too often."""
        user = self._rate_key()
        limiter = self._limiter()
        if limiter.allow(user):
            return False
        self.set_status(429)  # not HTTPError: its error path drops Retry-After
        self.set_header("Content-Type", "application/json")
        self.set_header("Retry-After", str(limiter.retry_after(user)))
        self.finish({"message": "Too many completion requests; slow down",
                     "reason": "rate_limited"})
        return True

    async def gate_cell(self, prefix: str, suffix: str, policy: Policy, notes: list[str],
                        model_name: str, started: float, client_redacted: dict[str, int]
                        ) -> GatedCell | None:
        """The cell as the gate lets it through, or None when it stops the request here (a
        `block` finding, one split by the cursor, a scanner error): then the `blocked`
        event is answered and audited, and no model is asked."""
        gate_started = time.perf_counter()
        decision = await self.gate([prefix + suffix], completion_policy(policy), notes)
        gate_ms = round((time.perf_counter() - gate_started) * 1000, 2)
        straddles = any(lf.finding.start < len(prefix) < lf.finding.end
                        for lf in decision.findings)
        if decision.action != "block" and not straddles:
            sent_prefix, sent_suffix, vault = redact_around_cursor(decision, prefix + suffix,
                                                                   len(prefix))
            return GatedCell(prefix, suffix, sent_prefix, sent_suffix, vault, decision,
                             gate_ms, started)
        reason = ("scanner_error" if decision.error is not None
                  else "straddles_cursor" if decision.action != "block" else "blocked")
        await self._audit(model_name, started, "blocked",
                          dict(Counter(decision.counts()) + Counter(client_redacted)), reason)
        self._finish_event({"type": "blocked", "reason": reason,
                            "kinds": sorted(decision.counts()),
                            "counts": decision.counts(), "gate_ms": gate_ms})
        return None

    async def _target(self, request: dict[str, Any]) -> Target | None:
        """The local model this request goes to, or None when completions are skipped
        (off, or the model busy with a chat; the `skipped` event is answered)."""
        if not self.safeai.completions:
            self._finish_event({"type": "skipped", "reason": "disabled"})
            return None
        name = request["model"] or self.safeai.completion_model or None
        model = self.models.get(name) or await self.user_model(name)
        if getattr(model, "chat_busy", lambda: False)():
            # Chat goes first; not even the scan runs, to leave the CPU to the answer.
            self._finish_event({"type": "skipped", "reason": "busy"})
            return None
        return Target(model, model.spec.name, model.spec.phi_allowed, self._limits())

    @web.authenticated
    @authorized
    async def post(self) -> None:
        started = time.perf_counter()
        request = self._opened()
        if request is None:
            return
        target = await self._target(request)
        if target is None:
            return
        prefix, suffix = near_cursor(request, target.limits["max_prefix_chars"],
                                     target.limits["max_suffix_chars"])
        policy, notes = self.effective_policy(request["policy"], target.phi_allowed)
        cell = await self.gate_cell(prefix, suffix, policy, notes, target.audit_name,
                                    started, request["client_redacted"])
        if cell is not None:
            await self._answer(target, request, cell)

    async def _answer(self, target: Target, request: dict[str, Any], cell: GatedCell
                      ) -> None:
        """Ask the local model and stream its suggestion, scanned on the way back."""
        model, vault, decision = target.model, cell.vault, cell.decision
        client_redacted = request["client_redacted"]
        outcome = "redacted" if len(vault) or client_redacted else "sent"
        raw, shown, tokens, failure = "", "", 0, None
        masked: dict[str, int] = {}
        first: float | None = None
        try:
            await self._send({"type": "gate", "action": decision.action,
                              "counts": decision.counts(), "redacted": vault.counts(),
                              "fim": completion_format(model).fill_in_the_middle,
                              "gate_ms": cell.gate_ms})
            stream = stream_completion(model, cell.sent_prefix, cell.sent_suffix,
                                       self.safeai.completion_max_tokens)
            async with contextlib.aclosing(stream):
                visible = ""
                async for piece in stream:
                    tokens += 1
                    raw += piece
                    grown = _visible(raw, vault)
                    if grown == visible or not grown.strip():
                        continue  # scanned only when a whole word was added
                    visible = grown
                    text = guard_answer(visible, [cell.prefix, cell.suffix]).text
                    if text != shown:
                        shown = text
                        first = first or time.perf_counter()
                        await self._send({"type": "suggestion", "text": shown})
            guarded = guard_answer(vault.restore(raw), [cell.prefix, cell.suffix])
            masked = guarded.new_counts
            if guarded.text != shown:
                shown = guarded.text
                first = first or time.perf_counter()
                await self._send({"type": "suggestion", "text": shown})
            await self._send({
                "type": "done", "model": model.spec.name, "tokens": tokens, "masked": masked,
                "gate_ms": cell.gate_ms,
                "first_suggestion_ms": round(((first or time.perf_counter()) - cell.started)
                                             * 1000, 1)})
        except StreamClosedError:
            failure = "client_gone"
        except Preempted:  # a chat took the model: no suggestion, the client asks again
            failure = "preempted"
            with contextlib.suppress(StreamClosedError):
                if shown:
                    await self._send({"type": "suggestion", "text": ""})
                await self._send({"type": "skipped", "reason": "preempted"})
        except (ModelUnavailable, ScanError) as exc:
            failure = "model_error" if isinstance(exc, ModelUnavailable) else "scanner_error"
            with contextlib.suppress(StreamClosedError):
                await self._send({"type": "error", "message": str(exc)})
        except Exception as exc:  # noqa: BLE001 - a runtime bug: its message may quote the prompt
            failure = "model_error"
            self.log.error("safeai completion: model %s failed with %s", model.spec.name,
                           type(exc).__name__)
            with contextlib.suppress(StreamClosedError):
                await self._send({"type": "error", "message": (
                    f"The model {model.spec.name!r} failed ({type(exc).__name__})")})
        finally:
            # what a client (a user's server) redacted before: counted, never seen here
            entities = dict(Counter(decision.counts()) + Counter(client_redacted))
            reason = failure or ("masked_in_answer" if masked else None) or (
                "redacted_by_client" if client_redacted else None)
            await self._audit(model.spec.name, cell.started, outcome, entities, reason, tokens)
        self.log.debug("safeai completion: model=%s decision=%s tokens=%d", model.spec.name,
                       outcome, tokens)
        if failure != "client_gone":
            self.finish()


def _visible(raw: str, vault: Vault) -> str:
    """The suggestion so far with placeholders restored and the unfinished last word held
    back (a half-written key is not yet recognisable)."""
    text = vault.restore(raw)
    cut = max(text.rfind(" "), text.rfind("\n"), text.rfind("\t"), text.rfind("("),
              text.rfind(")"), text.rfind(","), text.rfind(":"))
    return text[:cut + 1] if cut >= 0 else ""
