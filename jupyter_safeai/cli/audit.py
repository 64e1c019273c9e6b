"""`jupyter safeai audit`: verify, summarise and purge the prompt audit log.

`verify` is what a compliance officer runs: exit 0 when every line and link checks
out, 1 with the first bad line and why. `report` counts prompts by user, model,
decision, client and entity type. `purge` applies the retention window and leaves
a checkpoint so the rest still verifies (see `jupyter_safeai.server.audit`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from ..server.audit import (
    AuditChainError,
    VerifyResult,
    default_audit_path,
    parse_time,
    purge,
    report,
    verify,
)
from .console import error

_AGO = re.compile(r"(\d+)([dh])")

AUDIT_EPILOG = """\
PATH defaults to {path}
(the file the server writes; it follows JUPYTER_DATA_DIR).

exit status:
  0  the log verifies (purge: done, or nothing old enough)
  1  the chain is broken: the first bad line and why are printed; purge refuses
  2  usage error, or the file cannot be read
"""


def parse_since(text: str, now: datetime | None = None) -> datetime:
    """`7d`, `24h`, `2026-11-01` or an ISO time (UTC unless it says otherwise)."""
    now = now or datetime.now(timezone.utc)
    if match := _AGO.fullmatch(text.strip()):
        n, unit = int(match[1]), match[2]
        return now - (timedelta(days=n) if unit == "d" else timedelta(hours=n))
    try:
        return parse_time(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is neither a date (2026-11-01), a time nor an age like 7d or 24h"
        ) from None


def _days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        days = -1
    if days < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of days >= 0")
    return days


def add_parser(subparsers: Any, name: str, help_text: str) -> argparse.ArgumentParser:
    """Add `audit verify|report|purge` to the `jupyter safeai` subcommands."""
    epilog = AUDIT_EPILOG.format(path=default_audit_path())
    raw = argparse.RawDescriptionHelpFormatter
    audit = subparsers.add_parser(
        name, help=help_text,
        description="The audit log holds one hash-chained record per prompt (never its text).",
        epilog=epilog, formatter_class=raw,
    )
    actions = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)

    def with_path(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
        parser.add_argument("path", nargs="?", type=Path, default=None, metavar="PATH",
                            help="the audit log (default: the server's)")
        return parser

    with_path(actions.add_parser(
        "verify", help="check the hash chain; name the first altered, missing or moved line",
        description="Check every record's hash, sequence number and link to the one before.",
        epilog=epilog, formatter_class=raw,
    )).set_defaults(handler=run_verify)

    rep = with_path(actions.add_parser(
        "report", help="count prompts by user, model, decision, client and entity type",
        description="Summarise the audit log. Counts only: records hold no prompt text.",
        epilog=epilog, formatter_class=raw,
    ))
    rep.add_argument("--since", type=parse_since, metavar="WHEN",
                     help="only records from WHEN on: a date (2026-11-01), an ISO time, "
                     "or an age such as 7d or 24h")
    rep.add_argument("--format", choices=("table", "json"), default="table",
                     help="output format (default: %(default)s)")
    rep.set_defaults(handler=run_report)

    pur = with_path(actions.add_parser(
        "purge", help="remove records older than the retention window, keep the chain",
        description="Remove the oldest records past the retention window.\n"
        "The log must verify first. A checkpoint line then records how many were removed,\n"
        "their time range and the hash the kept records continue from.",
        epilog=epilog, formatter_class=raw,
    ))
    pur.add_argument("--older-than-days", type=_days, default=None, metavar="N",
                     help="remove records older than N days (default: the server's "
                     "SafeAI.audit_retention_days)")
    pur.set_defaults(handler=run_purge)
    return audit


def _path(args: argparse.Namespace) -> Path:
    """The log named on the command line, else the server's (SafeAI.audit_log)."""
    if args.path is not None:
        return args.path
    from ..server.settings import load_admin_settings

    configured = load_admin_settings().audit_log
    return Path(configured) if configured else default_audit_path()


def _describe_checkpoint(cp: dict[str, Any]) -> str:
    return (f"{cp['purged']} earlier records purged ({cp['purged_from']} to {cp['purged_to']}, "
            f"retention {cp['retention_days']} days, at {cp['time']})")


def _broken(result: VerifyResult) -> str:
    before = (result.line or 1) - 1
    good = f"the {before} lines before it verify" if before > 1 else \
        "the line before it verifies" if before else "it is the first line"
    return (f"audit log {result.path}: TAMPERED at line {result.line}: {result.reason}\n"
            f"  {good}; nothing after line {result.line} was checked\n")


def run_verify(args: argparse.Namespace) -> int:
    path = _path(args)
    try:
        result = verify(path)
    except OSError as exc:
        error(f"cannot read {path}: {exc.strerror or exc}", "audit")
        return 2
    if not result.ok:
        sys.stdout.write(_broken(result))
        return 1
    lines = [f"audit log {path}: OK"]
    if result.records:
        lines.append(f"  {result.records} records, seq {result.first_seq} to {result.last_seq}")
    else:
        lines.append("  no records")
    if result.checkpoint:
        lines.append(f"  starts with a checkpoint: {_describe_checkpoint(result.checkpoint)}")
    if result.last_seq:
        lines.append(f"  head: seq {result.last_seq} hash {result.head}")
        lines.append("  (keep the head elsewhere: a later rewrite or truncation will not match)")
    print("\n".join(lines))
    return 0


def _table(title: str, counts: dict[str, int]) -> list[str]:
    if not counts:
        return []
    rows = [(title, "COUNT"), *((k, f"{v:,}") for k, v in counts.items())]
    left = max(len(r[0]) for r in rows)
    right = max(len(r[1]) for r in rows)
    return ["", *(f"{a.ljust(left)}  {b.rjust(right)}" for a, b in rows)]


def render_report(doc: dict[str, Any]) -> str:
    """The report as aligned text tables."""
    chain = doc["chain"]
    totals = doc["totals"]
    lines = [f"Audit log: {doc['path']}"]
    lines.append("Chain:     " + ("OK" if chain["ok"] else
                                 f"BROKEN at line {chain['line']}: {chain['reason']}"))
    period = f"{doc['first']} to {doc['last']}" if doc["first"] else "no records"
    lines.append(f"Period:    {period}" + (f" (since {doc['since']})" if doc["since"] else ""))
    lines.append(f"Prompts:   {totals['prompts']:,}    tokens in: {totals['tokens_in']:,}    "
                 f"tokens out: {totals['tokens_out']:,}")
    if doc["purged"]:
        lines.append(f"Purged:    {doc['purged']:,} earlier records")
    if doc["invalid"]:
        lines.append(f"Invalid:   {doc['invalid']:,} lines fail their own checks (not counted)")
    for key, title in (("by_decision", "DECISION"), ("by_client", "CLIENT"),
                       ("by_model", "MODEL"), ("by_user", "USER"), ("by_entity", "ENTITY")):
        lines.extend(_table(title, doc[key]))
    return "\n".join(lines) + "\n"


def run_report(args: argparse.Namespace) -> int:
    path = _path(args)
    try:
        doc = report(path, since=args.since)
    except OSError as exc:
        error(f"cannot read {path}: {exc.strerror or exc}", "audit")
        return 2
    if args.format == "json":
        sys.stdout.write(json.dumps(doc, indent=2) + "\n")
    else:
        sys.stdout.write(render_report(doc))
    if not doc["chain"]["ok"]:
        error(f"the log does not verify (line {doc['chain']['line']}): counts may be wrong",
              "audit")
        return 1
    return 0


def run_purge(args: argparse.Namespace) -> int:
    path = _path(args)
    try:
        days = args.older_than_days
        if days is None:
            from ..server.settings import load_admin_settings

            days = load_admin_settings().audit_retention_days
        result = purge(path, days)
    except AuditChainError as exc:
        sys.stdout.write(_broken(exc.result))
        error("purge refused: the log must verify before records are removed", "audit")
        return 1
    except OSError as exc:
        error(f"cannot purge {path}: {exc.strerror or exc}", "audit")
        return 2
    if result.checkpoint is None:
        print(f"audit log {path}: nothing to purge (no record before {result.cutoff}); "
              f"{result.kept} records kept")
        return 0
    print(f"audit log {path}: purged {result.purged} records older than {result.cutoff}; "
          f"{result.kept} kept")
    print(f"  checkpoint: {_describe_checkpoint(result.checkpoint)}")
    print(f"  anchor: seq {result.checkpoint['seq']} hash {result.checkpoint['anchor']}")
    return 0
