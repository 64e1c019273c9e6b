"""`%%safe_ai`: ask the approved model from a notebook cell, scanned before it leaves.

The kernel is the first gate: a question with findings is stopped here and never
sent. The server scans again (the enforcing gate) for any client.
"""

from __future__ import annotations

import time
from typing import Any

from IPython.core.magic import Magics, cell_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments, parse_argstring
from IPython.display import Markdown, display

from ..policy import STRICT, GateDecision, check_prompt
from .server_client import ServerRefused, ServerUnreachable, find_server

#: How often the streamed answer in the cell output is redrawn.
REDRAW_SECONDS = 0.1


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def blocked_report(question: str, decision: GateDecision) -> str:
    """Markdown naming what was found and where — never the value itself."""
    if decision.error:
        return f"**Not sent.** {decision.describe()}"
    rows = ["| kind | category | where |", "|---|---|---|"]
    for located in decision.findings:
        finding = located.finding
        line, column = line_and_column(question, finding.start)
        rows.append(f"| `{finding.entity}` | {finding.category} | question, line {line}, "
                    f"column {column} ({finding.end - finding.start} characters, masked) |")
    return ("**Not sent.** The question holds data that must not leave this kernel:\n\n"
            + "\n".join(rows)
            + "\n\nRemove or replace these values and run the cell again.")


@magics_class
class SafeAIMagics(Magics):
    @magic_arguments()
    @argument("--model", default=None, help="Name of an approved model (default: the "
              "server's default model).")
    @cell_magic
    def safe_ai(self, line: str, cell: str) -> None:
        """Ask the approved local model; the question is scanned in the kernel first.

        Usage::

            %%safe_ai [--model NAME]
            How do I plot a survival curve with lifelines?
        """
        args = parse_argstring(self.safe_ai, line)
        question = cell.strip()
        if not question:
            display(Markdown("Write a question below `%%safe_ai`, then run the cell."))
            return
        decision = check_prompt([question], STRICT)
        if decision.blocked:
            display(Markdown(blocked_report(question, decision)))
            return
        try:
            server = find_server()
        except ServerUnreachable as exc:
            display(Markdown(f"**Not sent.** {exc}"))
            return
        self._stream_answer(server.chat([{"role": "user", "content": question}], args.model))

    def _stream_answer(self, events: Any) -> None:
        handle = display(Markdown("_Waiting for the model…_"), display_id=True)
        answer, last_draw, footer = "", 0.0, ""
        try:
            for event in events:
                kind = event.get("type")
                if kind == "status":
                    handle.update(Markdown(f"_Loading model {event.get('model')}…_"))
                elif kind == "token":
                    answer += event["content"]
                    if time.monotonic() - last_draw > REDRAW_SECONDS:
                        handle.update(Markdown(answer))
                        last_draw = time.monotonic()
                elif kind == "done":
                    footer = (f"\n\n<sub>{event.get('model')} · {event.get('tokens')} tokens · "
                              f"{event.get('tokens_per_second')} tokens/s</sub>")
                elif kind == "error":
                    footer = f"\n\n**The model failed:** {event.get('message')}"
        except ServerRefused as exc:
            footer = "\n\n" + refused_message(exc)
        except ServerUnreachable as exc:
            footer = f"\n\n**Not answered.** {exc}"
        handle.update(Markdown(answer + footer))


def refused_message(exc: ServerRefused) -> str:
    if exc.status == 422:
        counts = exc.body.get("counts") or {}
        kinds = ", ".join(f"{n} × `{entity}`" for entity, n in sorted(counts.items()))
        return f"**Blocked by the server.** The prompt holds {kinds or 'identifiers'}."
    return f"**The server refused the request** (HTTP {exc.status}): {exc}"
