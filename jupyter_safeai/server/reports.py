"""`GET /safeai/reports` on the gateway: the audit log's counts, for admins only.

Its own auth resource (`safeai-reports`) lets the gateway's authorizer give it to a
Hub role (`safeai-admin`, scope `custom:safeai:reports`) and nobody else. The report
holds counts by user, model, decision and entity type, never a prompt or a value.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

from jupyter_server.auth.decorator import authorized
from tornado import web

from .audit import report
from .handlers import SafeAIHandler

REPORTS_RESOURCE = "safeai-reports"


class ReportHandler(SafeAIHandler):
    auth_resource = REPORTS_RESOURCE

    @web.authenticated
    @authorized
    async def get(self) -> None:
        log = self.settings.get("safeai_audit")
        if log is None:
            raise web.HTTPError(503, "The audit log is not available")
        days = self.get_query_argument("days", None)
        since = None
        if days is not None:
            if not days.isdigit():
                raise web.HTTPError(400, "'days' must be a whole number")
            since = datetime.now(timezone.utc) - timedelta(days=int(days))
        if not log.path.exists():  # no prompt yet: nothing to count, nothing to verify
            self.finish({"path": str(log.path), "totals": {"prompts": 0}, "by_user": {},
                         "by_model": {}, "by_decision": {}, "by_client": {},
                         "by_entity": {}, "chain": {"ok": True, "last_seq": 0}})
            return
        self.finish(await asyncio.to_thread(report, log.path, since))
