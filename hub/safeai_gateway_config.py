"""The admin's settings for the SafeAI gateway of the demo hub (`jupyterhub_config.py`).

In a deployment this file lives where only the admin can write it, and the audit log
where only the gateway's account can (the gateway creates it 0600).
"""

import json
import os
from pathlib import Path

c = get_config()  # type: ignore[name-defined]  # noqa: F821 - given by traitlets

STATE = Path(os.environ.get("SAFEAI_HUB_DIR") or Path(__file__).resolve().parent / ".state")

c.SafeAI.audit_log = str(STATE / "gateway" / "audit.jsonl")
c.SafeAI.policy = {"phi": "redact", "secret": "block", "genomic": "redact"}
c.SafeAI.max_new_tokens = int(os.environ.get("SAFEAI_HUB_MAX_NEW_TOKENS") or 256)
c.SafeAI.max_waiting = int(os.environ.get("SAFEAI_HUB_MAX_WAITING") or 8)
if os.environ.get("SAFEAI_HUB_MODELS"):
    c.SafeAI.approved_models = json.loads(os.environ["SAFEAI_HUB_MODELS"])
