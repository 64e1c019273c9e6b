"""Forward audit records as jupyter_events events, so a collector outside can witness them.

The local hash chain cannot show that a log was rewritten or cut short by someone
with write access (see `audit.py`); a copy of every record's seq and hash kept by an
event collector can. The event mirrors the audit record minus its format fields
(`v`, `kind`) and, like the record, never carries the prompt or any matched text.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jupyter_events import EventLogger

SCHEMA_ID = "https://events.jupyter.org/jupyter_safeai/prompt/v1"
SCHEMA_PATH = Path(__file__).parent / "event_schemas" / "prompt" / "v1.yaml"
#: The audit-record fields an event carries (the schema forbids any other).
EVENT_FIELDS = (
    "seq", "prev", "hash", "time", "user", "model", "client", "prompt_chars", "prompt_sha256",
    "entities", "decision", "policy", "reason", "tokens_in", "tokens_out",
)

logger = logging.getLogger(__name__)


def register_audit_events(event_logger: EventLogger) -> None:
    """Register the prompt schema once (registering twice would raise)."""
    if SCHEMA_ID not in event_logger.schemas:
        event_logger.register_event_schema(SCHEMA_PATH)


def audit_event(record: Mapping[str, Any]) -> dict[str, Any]:
    """The event payload: only the listed fields, copied from an audit record."""
    return {name: record[name] for name in EVENT_FIELDS if name in record}


def emit_audit_event(event_logger: EventLogger | None,
                     record: Mapping[str, Any]) -> dict[str, Any] | None:
    """Emit one prompt record; never raises into the request (failures are logged).

    Returns what jupyter_events recorded, or None (no handlers, a checkpoint, an error).
    """
    try:
        if event_logger is None or record.get("kind", "prompt") != "prompt":
            return None
        return event_logger.emit(schema_id=SCHEMA_ID, data=audit_event(record))
    except Exception as exc:  # noqa: BLE001 - forwarding is best effort; the local log is not
        # The exception's text may quote the payload; name the failing field only.
        where = getattr(exc, "json_path", None) or ""
        logger.warning("safeai: audit event not emitted (%s%s)", type(exc).__name__,
                       f" at {where}" if where else "")
        return None
