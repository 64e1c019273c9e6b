"""`%%safe_ai`: ask the approved model from a notebook cell, with the data guarded here.

The kernel is the first gate: the question and any context asked for are scanned
before anything leaves, under the admin policy (fetched from the server) made stricter
by `--mode`. Blocked: nothing is sent and the output says what was found and where,
masked. Redacted: placeholders go out and the answer is restored here. Warned: a
person confirms first. The server gates the request again (the enforcing gate).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from typing import Any

from IPython.core.magic import Magics, cell_magic, line_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments, parse_argstring
from IPython.display import Markdown, display

from ..policy import CATEGORIES, GateDecision, Mode, Policy, check_prompt, tighten
from ..scan import Finding, ScanError, Vault, category_of, default_scanner, scan_dataframe
from ..scan.redact import StreamRestorer
from .context import ContextPart, build_prompt, describe_variable, recent_cells, where
from .output_guard import GuardResult, extract_code_blocks, guard_answer, guard_partial
from .server_client import SafeAIServer, ServerRefused, ServerUnreachable, find_server

#: How often the streamed answer in the cell output is redrawn.
REDRAW_SECONDS = 0.1
#: A display that asks the JupyterLab extension to insert a cell (never run) below.
INSERT_MIME = "application/vnd.jupyter-safeai.insert+json"


def findings_table(parts: list[ContextPart], decision: GateDecision) -> str:
    """Markdown rows: kind, category, what happens to it, where, masked value."""
    rows = ["| kind | category | action | where |", "|---|---|---|---|"]
    found = [(parts[lf.part], lf.finding) for lf in decision.findings]
    found += [(part, finding) for part in parts for finding in part.table_findings]
    for part, finding in found:
        action = decision.policy.mode(finding.category).value
        rows.append(f"| `{finding.entity}` | {finding.category} | {action} | "
                    f"{where(part, finding)} |")
    return "\n".join(rows)


def table_decision(parts: list[ContextPart], decision: GateDecision) -> GateDecision:
    """Add the DataFrames' own column findings: a `block` category there blocks too,
    even though only a schema and synthetic rows would be sent."""
    blocking = [f for p in parts for f in p.table_findings
                if decision.policy.mode(f.category) is Mode.BLOCK]
    if blocking and not decision.blocked:
        return GateDecision(findings=decision.findings, policy=decision.policy,
                            error="a DataFrame in the context holds identifiers the policy "
                            "blocks", notes=decision.notes)
    return decision


@magics_class
class SafeAIMagics(Magics):
    @magic_arguments()
    @argument("--model", default=None, help="Name of an approved model (default: the "
              "server's default model).")
    @argument("--context", nargs="+", default=[], metavar="VAR",
              help="Variables to include: DataFrames as schema plus synthetic rows, other "
              "values as a short repr. Each is scanned.")
    @argument("--cells", type=int, default=0, metavar="N",
              help="Include the sources of the last N cells, each scanned.")
    @argument("--mode", choices=[m.value for m in Mode], default=None,
              help="Apply this mode to every category; may only be stricter than the "
              "admin policy.")
    @argument("--insert", action="store_true",
              help="Insert the answer's code as a new cell below (never run).")
    @argument("--explain", action="store_true",
              help="Show what would be sent and what the gate would do; send nothing.")
    @cell_magic
    def safe_ai(self, line: str, cell: str) -> None:
        """Ask the approved model; everything that would leave is scanned here first.

        Usage::

            %%safe_ai [--model NAME] [--context VAR ...] [--cells N]
                      [--mode block|redact|warn] [--insert] [--explain]
            How do I plot a survival curve with lifelines?
        """
        args = parse_argstring(self.safe_ai, line)
        question = cell.strip()
        if not question:
            display(Markdown("Write a question below `%%safe_ai`, then run the cell."))
            return
        try:
            server = find_server()
            admin = server.policy()
            floor = Policy.from_mapping(admin.get("admin", {}))
        except (ServerUnreachable, ServerRefused) as exc:
            display(Markdown(f"**Not sent.** {exc}"))
            return
        requested = {c: args.mode for c in CATEGORIES} if args.mode else None
        policy, notes = tighten(floor, requested)
        if notes:
            display(Markdown(f"**Not sent.** `--mode {args.mode}` is looser than the admin "
                             f"policy ({', '.join(notes)}). Use a stricter mode or none."))
            return
        try:
            parts = [ContextPart("question", question), *self._context(args)]
        except KeyError as exc:
            display(Markdown(f"**Not sent.** No variable named `{exc.args[0]}` in this "
                             "kernel."))
            return
        decision = table_decision(parts, check_prompt(
            [p.text for p in parts], policy, prompt_scanner(admin.get("prompt_never_accept"))))
        _report_to_sidebar(server, decision, parts)
        if args.explain:
            self._explain(parts, decision)
            return
        if decision.blocked:
            display(Markdown("**Not sent.** " + (decision.error or "The question holds data "
                             "that must not leave this kernel.") + "\n\n"
                             + findings_table(parts, decision)
                             + "\n\nRemove or replace these values and run the cell again."))
            return
        send = self._sender(server, args, parts, decision)
        if decision.action == "warn":
            self._confirm(parts, decision, send)
        else:
            send(False)

    def _context(self, args: Any) -> list[ContextPart]:
        namespace = self.shell.user_ns
        parts = [describe_variable(name, namespace[name]) for name in args.context]
        if args.cells:
            parts.extend(recent_cells(list(namespace.get("In", [])), args.cells))
        return parts

    def _explain(self, parts: list[ContextPart], decision: GateDecision) -> None:
        sent, _ = decision.redacted([p.text for p in parts])
        prompt = build_prompt(sent[0], [ContextPart(p.label, t) for p, t in
                                        zip(parts[1:], sent[1:], strict=True)])
        verdict = {"block": "blocked: nothing would be sent",
                   "redact": "sent with placeholders", "warn": "sent after you confirm",
                   "send": "sent as is"}[decision.action]
        body = (f"**Nothing sent (`--explain`).** The gate's decision: {verdict}.\n\n"
                + (findings_table(parts, decision) + "\n\n" if decision.findings or any(
                    p.table_findings for p in parts) else ""))
        if not decision.blocked:
            body += "What would be sent:\n\n```text\n" + prompt + "\n```"
        display(Markdown(body))

    def _confirm(self, parts: list[ContextPart], decision: GateDecision,
                 send: Callable[[bool], None]) -> None:
        import ipywidgets as widgets

        send_button = widgets.Button(description="Send anyway", button_style="warning")
        cancel_button = widgets.Button(description="Cancel")
        status = widgets.HTML()

        def choose(sending: bool) -> None:
            send_button.disabled = cancel_button.disabled = True
            status.value = "Sending…" if sending else "Cancelled: nothing was sent."
            if sending:
                send(True)

        send_button.on_click(lambda _: choose(True))
        cancel_button.on_click(lambda _: choose(False))
        display(Markdown("**Warning.** The question holds identifiers your policy lets you "
                         "send after confirming:\n\n" + findings_table(parts, decision)))
        display(widgets.HBox([send_button, cancel_button, status]))

    def _sender(self, server: SafeAIServer, args: Any, parts: list[ContextPart],
                decision: GateDecision) -> Callable[[bool], None]:
        def send(acknowledge: bool) -> None:
            sent, vault = decision.redacted([p.text for p in parts])
            prompt = build_prompt(sent[0], [ContextPart(p.label, t) for p, t in
                                            zip(parts[1:], sent[1:], strict=True)])
            if len(vault):
                display(Markdown(f"Sent with placeholders for "
                                 f"{', '.join(f'{n} × `{e}`' for e, n in vault.counts().items())}"
                                 "; the answer below shows your values again."))
            events = server.chat([{"role": "user", "content": prompt}], args.model,
                                 decision.policy.to_dict(), acknowledge,
                                 redacted=vault.counts())
            # What the user already had is no leak: the prompt and the restored values.
            known = {prompt, *vault.originals()}
            guarded, model = self._stream_answer(events, vault, known)
            if guarded.flagged:
                display(Markdown("**Output guard.** The answer held identifiers that were not "
                                 "in your question; they are masked above: "
                                 + ", ".join(f"`{e}` ({w})" for e, w in guarded.flagged)))
            if args.insert:
                self._insert(guarded.text, model, prompt)

        return send

    def _stream_answer(self, events: Iterator[dict[str, Any]], vault: Vault,
                       known: set[str]) -> tuple[GuardResult, str | None]:
        handle = display(Markdown("_Waiting for the model…_"), display_id=True)
        restorer = StreamRestorer(vault)
        answer, last_draw, footer, model = "", 0.0, "", None
        try:
            for event in events:
                kind = event.get("type")
                if kind == "status":
                    handle.update(Markdown(f"_Loading model {event.get('model')}…_"))
                elif kind == "token":
                    answer += restorer.feed(event["content"])
                    if time.monotonic() - last_draw > REDRAW_SECONDS:
                        # guarded while it streams too: a made-up secret is never shown
                        handle.update(Markdown(guard_partial(answer, known)))
                        last_draw = time.monotonic()
                elif kind == "done":
                    model = event.get("model")
                    footer = (f"\n\n<sub>{model} · {event.get('tokens')} tokens · "
                              f"{event.get('tokens_per_second')} tokens/s</sub>")
                elif kind == "error":
                    footer = f"\n\n**The model failed:** {event.get('message')}"
        except ServerRefused as exc:
            footer = "\n\n" + refused_message(exc)
        except ServerUnreachable as exc:
            footer = f"\n\n**Not answered.** {exc}"
        answer += restorer.flush()
        try:
            guarded = guard_answer(answer, known)
        except ScanError as exc:  # fail closed: show nothing the guard could not read
            guarded = GuardResult(text="_The answer could not be checked and is not "
                                  f"shown ({exc})._", flagged=[], new_counts={})
        handle.update(Markdown(guarded.text + footer))
        return guarded, model

    def _insert(self, answer: str, model: str | None, prompt: str) -> None:
        blocks = extract_code_blocks(answer)
        if not blocks:
            display(Markdown("_No code block in the answer: nothing to insert._"))
            return
        metadata = {"generated": True, "model": model, "id": uuid.uuid4().hex,
                    "prompt_sha256": hashlib.sha256(prompt.encode("utf-8")).hexdigest(),
                    "time": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        display({INSERT_MIME: {"source": blocks[0], "metadata": {"safeai": metadata}},
                 "text/markdown": "Code to insert below (review it before you run it):\n\n"
                                  "```python\n" + blocks[0] + "\n```"}, raw=True)

    @magic_arguments()
    @argument("target", nargs="?", default=None,
              help="A variable to scan (str, DataFrame, dict, list).")
    @argument("--cells", type=int, default=0, metavar="N", help="Scan the last N cells.")
    @argument("--all", action="store_true", help="Scan every cell of this session.")
    @line_magic
    def safe_ai_scan(self, line: str) -> None:
        """Show what the scanner finds in a variable or in cells; asks no model."""
        args = parse_argstring(self.safe_ai_scan, line)
        namespace = self.shell.user_ns
        history = list(namespace.get("In", []))
        if args.target:
            if args.target not in namespace:
                display(Markdown(f"No variable named `{args.target}` in this kernel."))
                return
            parts = [_scan_part(args.target, namespace[args.target])]
        else:
            count = len(history) if args.all else (args.cells or 1)
            parts = recent_cells(history, count)
        decision = check_prompt([p.text for p in parts], Policy(), conversation=False)
        found = decision.findings or any(p.table_findings for p in parts)
        display(Markdown(findings_table(parts, decision) if found else "No findings."))


def prompt_scanner(never_accept: Any) -> Callable[[str], list[Finding]]:
    """The scanner for a question: `# safeai: allow` in it accepts nothing the admin
    keeps out of users' hands (`prompt_never_accept`; every category when the server
    does not say, so an older server never lets a comment lower its policy)."""
    forbidden = (list(never_accept) if isinstance(never_accept, list)
                 and set(never_accept) <= set(CATEGORIES) else list(CATEGORIES))

    def scan(text: str) -> list[Finding]:
        return default_scanner().scan(text, forbidden)

    return scan


def _scan_part(name: str, value: Any) -> ContextPart:
    """The real values of a variable, for `%safe_ai_scan` (nothing leaves the kernel)."""
    if type(value).__name__ == "DataFrame":
        return ContextPart(f"{name} (DataFrame schema)", "", tuple(scan_dataframe(value)))
    text = value if isinstance(value, str) else json.dumps(value, default=str, indent=1)
    return ContextPart(f"variable {name}", text)


def _report_to_sidebar(server: SafeAIServer, decision: GateDecision,
                       parts: list[ContextPart]) -> None:
    """Send kinds and counts (never values) to the server for this notebook's warnings."""
    path = os.environ.get("JPY_SESSION_NAME")
    counts = Counter(decision.counts())  # a value split over parts counts once
    counts.update(f.entity for p in parts for f in p.table_findings)
    if not path or not counts:
        return
    findings = [{"entity": e, "category": category_of(e), "count": n} for e, n in counts.items()]
    with contextlib.suppress(ServerUnreachable, ServerRefused, OSError):
        server.report_warnings(path, findings)


def refused_message(exc: ServerRefused) -> str:
    if exc.status == 422:
        counts = exc.body.get("counts") or {}
        kinds = ", ".join(f"{n} × `{entity}`" for entity, n in sorted(counts.items()))
        return f"**Blocked by the server.** The prompt holds {kinds or 'identifiers'}."
    return f"**The server refused the request** (HTTP {exc.status}): {exc}"

