"""Tamper-evident audit log: one JSON line per prompt that reached the server's gate.

What a record holds
    Who asked (`user`), which `model`, from which `client` (sidebar, magic, api),
    how long the prompt was (`prompt_chars`) and its `prompt_sha256`, how many
    identifiers of each type the scanner found (`entities`, e.g. {"US_SSN": 1}),
    what the gate did (`decision`: sent, redacted, blocked, warned; optional `reason`,
    a short code such as `scanner_timeout`), the effective `policy` per category and
    the token counts. Never the prompt or any matched text: `AuditLog.record` takes
    only these fields, checks their types, keeps `user` and `model` to 200 printable
    characters and `reason`, entity labels and policy words to short identifiers.
    The digest of a short guessable prompt (a bare SSN) can be found by trying every
    candidate, so the file itself is sensitive: it is created 0o600.

The hash chain
    Every line is the record's canonical JSON: keys sorted, no spaces, ASCII only.
    `hash` is the SHA-256 of that canonical JSON *without* the `hash` key; `prev` is
    the previous record's `hash` (for seq 1, GENESIS: 64 zeros); `seq` counts 1, 2, 3...
    A line can be re-checked with nothing but Python:

        rec = json.loads(line); h = rec.pop("hash")
        h == sha256(json.dumps(rec, sort_keys=True, separators=(",", ":")).encode())

    `verify` names the first bad line and why: not JSON, missing or unknown fields,
    not canonical, its own hash wrong (that line was edited), seq out of order (a
    record was deleted, inserted or moved) or prev not the hash of the line before.

What the chain proves, and what it does not
    It detects edits, deletions, insertions and reordering by anyone who does not
    recompute hashes. It holds no secret: someone who can write the file can rewrite
    it consistently, and cutting records off the end leaves a valid chain. To close
    both gaps keep the head (seq and hash, printed by `jupyter safeai audit verify`)
    where researchers cannot write, or forward each record as a jupyter_events event
    (`events.py`; events carry seq, prev and hash) to a collector: a later rewrite or
    truncation no longer matches what was kept outside.

Writing
    `AuditLog.record` holds a thread lock and an advisory `flock` on `<file>.lock`
    (threads, coroutines through `arecord`, a second server process and `purge` are all
    serialized; on Windows only the thread lock applies). It appends the whole line
    with one write to a file opened O_APPEND and fsyncs before returning: a record is
    on disk before the answer is sent. One fsync per prompt costs milliseconds, small
    next to a model's answer, so records are not batched. The head (seq, hash) is kept
    in memory and re-read from the file's last line on start and whenever the file
    changed under us (another process, a purge), so a restart continues the chain. If
    that last line is unusable (a torn write, an edit) `AuditLogError` is raised rather
    than starting a second chain: keep the file as evidence, move it aside, and a new
    log starts at seq 1.

Retention: purge and checkpoints
    `purge` first verifies the whole file and refuses a broken chain (a purge must not
    launder tampering). It removes the oldest records whose time is before the cutoff,
    stopping at the first record inside the retention window (after a clock step
    backwards a few old records may be kept a little longer; none inside the window is
    ever removed). In their place it writes one `checkpoint` record as the file's first
    line: `seq` and `anchor` are the seq and hash of the last removed record,
    `purged` the number of records removed since the log began (always equal to
    `seq`), `purged_from`/`purged_to` the time range they covered, `retention_days`
    and the purge `time`. The kept records follow unchanged, byte for byte; the first
    of them has `prev` equal to the checkpoint's `anchor`, so `verify` continues the
    chain from it. The new file is written beside the old one, fsynced and swapped in
    with `os.replace`, under the same lock as appends.

    What a verified purged file proves: the kept records are exactly the records that
    followed record `seq` in a chain that verified when the purge ran, and they have
    not changed since; anyone who kept an older copy, the head or the forwarded events
    can check that record `seq` there has the hash `anchor` and that kept lines are
    identical (hashes forwarded before the purge stay valid). What it does not prove:
    anything about the removed records beyond their count and claimed time range (their
    contents are gone), that they really were older than the retention window, or who
    ran the purge.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import hashlib
import json
import logging
import os
import re
import tempfile
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: threads are serialized, processes are not
    fcntl = None  # type: ignore[assignment]

from jupyter_core.paths import jupyter_data_dir

logger = logging.getLogger(__name__)

FORMAT_VERSION = 1
GENESIS = "0" * 64
#: Who sent a prompt: the chat sidebar, the `%%safe_ai` magic, or anyone calling the API.
#: The one list: the handlers validate requests against it too.
CLIENTS = ("sidebar", "magic", "api")
DECISIONS = ("sent", "redacted", "blocked", "warned")
MAX_TEXT = 200  # user and model names; anything longer is taken for text passed by mistake
MAX_KEYS = 64  # entity types or policy categories in one record

#: The fields of each kind of record, in no particular order (lines sort their keys).
PROMPT_FIELDS = frozenset({
    "v", "kind", "seq", "prev", "hash", "time", "user", "model", "client", "prompt_chars",
    "prompt_sha256", "entities", "decision", "policy", "reason", "tokens_in", "tokens_out",
})
CHECKPOINT_FIELDS = frozenset({
    "v", "kind", "seq", "hash", "time", "purged", "purged_from", "purged_to", "anchor",
    "retention_days",
})

_HEX64 = re.compile(r"[0-9a-f]{64}")
_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z")
_ENTITY = re.compile(r"[A-Z][A-Z0-9_]{0,63}")
_WORD = re.compile(r"[a-z][a-z0-9_-]{0,31}")
_REASON = re.compile(r"[a-z][a-z0-9_]{0,63}")


def default_audit_path() -> Path:
    """Where the server writes and the CLI reads by default (follows JUPYTER_DATA_DIR)."""
    return Path(jupyter_data_dir()) / "safeai" / "audit.jsonl"


class AuditLogError(Exception):
    """The log cannot be written or continued (I/O error, unusable last line)."""


class AuditRecordError(ValueError):
    """A field given to `record` has the wrong type or looks like free text."""


class AuditChainError(AuditLogError):
    """The chain does not verify, so the requested operation (a purge) was refused."""

    def __init__(self, result: VerifyResult) -> None:
        super().__init__(result.describe())
        self.result = result


# --------------------------------------------------------------------------- fields


def _is_int(minimum: int) -> Callable[[Any], bool]:
    return lambda v: type(v) is int and v >= minimum  # not bool, not float


def _is_hash(v: Any) -> bool:
    return isinstance(v, str) and _HEX64.fullmatch(v) is not None


def _is_time(v: Any) -> bool:
    if not isinstance(v, str) or _TIME.fullmatch(v) is None:
        return False
    try:
        parse_time(v)
    except ValueError:
        return False
    return True


def _is_name(v: Any) -> bool:
    return isinstance(v, str) and 0 < len(v) <= MAX_TEXT and v.isprintable()


def _is_counts(v: Any) -> bool:
    return (isinstance(v, dict) and len(v) <= MAX_KEYS
            and all(isinstance(k, str) and _ENTITY.fullmatch(k) and type(n) is int and n >= 0
                    for k, n in v.items()))


def _is_policy(v: Any) -> bool:
    return (isinstance(v, dict) and len(v) <= MAX_KEYS
            and all(isinstance(k, str) and _WORD.fullmatch(k)
                    and isinstance(m, str) and _WORD.fullmatch(m) for k, m in v.items()))


def _is_reason(v: Any) -> bool:
    return v is None or (isinstance(v, str) and _REASON.fullmatch(v) is not None)


def _one_of(choices: Sequence[str]) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, str) and v in choices


_HASH_RULE = "must be 64 lower-case hex digits"
_TIME_RULE = "must be a UTC time like 2026-11-02T14:03:07.123Z"
_COUNT_RULE = "must be an integer >= 0"

#: field -> (check, what a valid value looks like)
_RULES: dict[str, tuple[Callable[[Any], bool], str]] = {
    "v": (lambda v: type(v) is int and v == FORMAT_VERSION, f"must be {FORMAT_VERSION}"),
    "kind": (_one_of(("prompt", "checkpoint")), "must be prompt or checkpoint"),
    "seq": (_is_int(1), "must be an integer >= 1"),
    "prev": (_is_hash, _HASH_RULE),
    "hash": (_is_hash, _HASH_RULE),
    "time": (_is_time, _TIME_RULE),
    "user": (_is_name, f"must be 1 to {MAX_TEXT} printable characters"),
    "model": (_is_name, f"must be 1 to {MAX_TEXT} printable characters"),
    "client": (_one_of(CLIENTS), f"must be one of {', '.join(CLIENTS)}"),
    "prompt_chars": (_is_int(0), _COUNT_RULE),
    "prompt_sha256": (_is_hash, _HASH_RULE + " (a digest, never the prompt)"),
    "entities": (_is_counts, "must map entity labels like US_SSN to counts >= 0"),
    "decision": (_one_of(DECISIONS), f"must be one of {', '.join(DECISIONS)}"),
    "policy": (_is_policy, "must map categories like phi to modes like redact"),
    "reason": (_is_reason, "must be None or a short code like scanner_timeout"),
    "tokens_in": (_is_int(0), _COUNT_RULE),
    "tokens_out": (_is_int(0), _COUNT_RULE),
    "purged": (_is_int(1), "must be an integer >= 1"),
    "purged_from": (_is_time, _TIME_RULE),
    "purged_to": (_is_time, _TIME_RULE),
    "anchor": (_is_hash, _HASH_RULE),
    "retention_days": (_is_int(0), _COUNT_RULE),
}


def _field_error(name: str, value: Any) -> str | None:
    check, rule = _RULES[name]
    return None if check(value) else f"field {name!r} {rule}"


def check_record(rec: Mapping[str, Any]) -> str | None:
    """Why `rec` is not a well-formed record (missing, unknown or bad fields), or None."""
    kind = rec.get("kind")
    kinds = {"prompt": PROMPT_FIELDS, "checkpoint": CHECKPOINT_FIELDS}
    expected = kinds.get(kind) if isinstance(kind, str) else None
    if expected is None:
        return "field 'kind' must be prompt or checkpoint"
    if missing := expected - rec.keys():
        return f"missing fields: {', '.join(sorted(missing))}"
    if unknown := rec.keys() - expected:
        return f"unknown fields: {', '.join(sorted(map(str, unknown)))}"
    for name in sorted(expected):
        if error := _field_error(name, rec[name]):
            return error
    return None


def _plain(value: Any) -> Any:
    """Enum members (a policy's Mode, a Decision) as their values; mappings as plain dicts."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Mapping):
        return {_plain(k): _plain(v) for k, v in value.items()}
    return value


# --------------------------------------------------------------------------- lines and hashes


def format_time(dt: datetime) -> str:
    """UTC, milliseconds, `Z`: one spelling, so lines stay canonical."""
    if dt.tzinfo is None:
        raise ValueError("a time without a time zone is ambiguous; use an aware datetime")
    dt = dt.astimezone(timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def parse_time(text: str) -> datetime:
    """Read a record's time (Python 3.10's fromisoformat does not take `Z`)."""
    dt = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=timezone.utc)


def canonical(rec: Mapping[str, Any]) -> str:
    """Sorted keys, no spaces, ASCII: the exact text that is hashed and written."""
    return json.dumps(rec, sort_keys=True, separators=(",", ":"), ensure_ascii=True,
                      allow_nan=False)


def record_hash(rec: Mapping[str, Any]) -> str:
    """SHA-256 of the record's canonical JSON without its own `hash` field."""
    body = {k: v for k, v in rec.items() if k != "hash"}
    return hashlib.sha256(canonical(body).encode("ascii")).hexdigest()


def hash_prompt(parts: Sequence[str]) -> tuple[int, str]:
    """(`prompt_chars`, `prompt_sha256`) of a prompt's messages: the only trace it leaves.

    The digest is taken over the JSON array of the parts, so message boundaries count.
    """
    data = json.dumps(list(parts), ensure_ascii=False, separators=(",", ":"))
    return sum(len(p) for p in parts), hashlib.sha256(data.encode("utf-8")).hexdigest()


def parse_line(line: bytes) -> tuple[dict[str, Any] | None, str | None]:
    """One line (without its newline) -> (record, None) or (None, why it is not valid)."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return None, "not UTF-8 text"
    if not text.strip():
        return None, "empty line"
    try:
        rec = json.loads(text)
    except ValueError as exc:
        return None, f"unparseable JSON ({getattr(exc, 'msg', 'invalid')})"
    if not isinstance(rec, dict):
        return None, "not a JSON object"
    if error := check_record(rec):
        return None, error
    if canonical(rec) != text:
        return None, "not in canonical form (keys sorted, no spaces): the line was edited"
    if record_hash(rec) != rec["hash"]:
        return None, "hash does not match the record's contents: the record was altered"
    return rec, None


# --------------------------------------------------------------------------- verification


@dataclass(frozen=True)
class VerifyResult:
    """The outcome of walking a log: ok, or the first bad line and why."""

    ok: bool
    path: str
    records: int = 0  # prompt records that verified
    line: int | None = None  # first bad line, 1-based
    reason: str | None = None
    first_seq: int | None = None
    last_seq: int | None = None
    head: str | None = None  # hash the next record must name as prev
    checkpoint: dict[str, Any] | None = None

    def describe(self) -> str:
        if self.ok:
            return f"{self.path}: OK, {self.records} records"
        return f"{self.path}: line {self.line}: {self.reason}"


class _Chain:
    """Walks lines in order; `add` returns why a line breaks the chain, or None."""

    def __init__(self) -> None:
        self.lines = 0
        self.seq = 0
        self.prev = GENESIS
        self.records: list[dict[str, Any]] = []
        self.checkpoint: dict[str, Any] | None = None

    def add(self, raw: bytes) -> str | None:
        self.lines += 1
        if not raw.endswith(b"\n"):
            return "the last line has no line end: the file was cut short or edited"
        rec, error = parse_line(raw[:-1])
        if rec is None:
            return error
        if rec["kind"] == "checkpoint":
            if self.lines != 1:
                return "a checkpoint record is only valid as the first line"
            if rec["purged"] != rec["seq"]:
                return "checkpoint: the purged count does not match its seq"
            self.checkpoint, self.seq, self.prev = rec, rec["seq"], rec["anchor"]
            return None
        if rec["seq"] != self.seq + 1:
            return (f"seq {rec['seq']} where {self.seq + 1} was expected: "
                    "a record was deleted, inserted or moved")
        if rec["prev"] != self.prev:
            if self.checkpoint is not None and self.seq == self.checkpoint["seq"]:
                before = "the checkpoint's anchor"
            else:
                before = "the hash of the record before" if self.seq else "the genesis value"
            return f"prev is not {before}: a record was altered, inserted or moved"
        self.seq, self.prev = rec["seq"], rec["hash"]
        self.records.append(rec)
        return None

    def result(self, path: str, bad: str | None = None) -> VerifyResult:
        first = self.records[0]["seq"] if self.records else None
        return VerifyResult(
            ok=bad is None, path=path, records=len(self.records),
            line=self.lines if bad else None, reason=bad, first_seq=first,
            last_seq=self.seq or None, head=self.prev, checkpoint=self.checkpoint,
        )


def _walk(lines: Iterable[bytes], path: str) -> tuple[_Chain, VerifyResult]:
    chain = _Chain()
    for raw in lines:
        if bad := chain.add(raw):
            return chain, chain.result(path, bad)
    return chain, chain.result(path)


def verify(path: str | os.PathLike[str]) -> VerifyResult:
    """Check every line and link; raises OSError when the file cannot be read."""
    path = Path(path)
    with _file_lock(path, shared=True), path.open("rb") as f:
        return _walk(f, str(path))[1]


# --------------------------------------------------------------------------- locking and I/O


@contextlib.contextmanager
def _file_lock(path: Path, shared: bool = False) -> Iterator[None]:
    """An flock on `<file>.lock`, which outlives the log file being replaced by a purge.

    Readers (verify, report) take it shared if it exists; without it (no writer has run,
    or no access) they read unlocked and may see a line being written as incomplete.
    """
    if fcntl is None:
        yield
        return
    lock_path = path.with_name(path.name + ".lock")
    flags = os.O_RDONLY if shared else os.O_RDWR | os.O_CREAT  # readers create nothing
    try:
        fd = os.open(lock_path, flags | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError:
        if not shared:
            raise
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _fsync_dir(folder: Path) -> None:
    """Make a new or replaced directory entry durable (a no-op where unsupported)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _last_line(path: Path) -> bytes:
    """The file's last line with its newline (if any); b"" for an empty file."""
    with path.open("rb") as f:
        pos = f.seek(0, os.SEEK_END)
        buf = b""
        while pos > 0:
            step = min(8192, pos)
            pos -= step
            f.seek(pos)
            buf = f.read(step) + buf
            cut = buf.rfind(b"\n", 0, len(buf) - 1)
            if cut >= 0:
                return buf[cut + 1:]
        return buf


def read_head(path: str | os.PathLike[str]) -> tuple[int, str]:
    """(seq, hash) that the next record continues from, read from the last line only."""
    path = Path(path)
    line = _last_line(path)
    if not line:
        return 0, GENESIS
    if not line.endswith(b"\n"):
        reason = "its last line is incomplete (a torn write or an edit)"
    else:
        rec, reason = parse_line(line[:-1])
        if rec is not None:
            return rec["seq"], rec["anchor"] if rec["kind"] == "checkpoint" else rec["hash"]
    raise AuditLogError(
        f"cannot continue the audit log {path}: {reason}. Run `jupyter safeai audit verify "
        f"{path}`, keep the file as evidence and move it aside; a new log then starts."
    )


# --------------------------------------------------------------------------- writing


class AuditLog:
    """Appends prompt records to one JSON-lines file, continuing its hash chain."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, fsync: bool = True,
                 log: logging.Logger | None = None) -> None:
        self.path = Path(path) if path is not None else default_audit_path()
        self.fsync = fsync
        self.log = log or logger
        self._lock = threading.Lock()
        self._head: tuple[int, str] = (0, GENESIS)
        self._stamp: tuple[int, int, int] | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            with self._lock, _file_lock(self.path):
                self._refresh()
        except OSError as exc:
            raise AuditLogError(f"cannot open the audit log {self.path}: {exc}") from exc

    @property
    def head(self) -> tuple[int, str]:
        """(seq, hash) of the last record written or found on start."""
        return self._head

    def _refresh(self) -> None:
        """Re-read the head if the file changed since our last write (purge, other process)."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            if self._head[0]:
                self.log.warning("safeai: the audit log %s disappeared; a new chain starts",
                                 self.path)
            self._head, self._stamp = (0, GENESIS), None
            return
        stamp = (st.st_dev, st.st_ino, st.st_size)
        if stamp != self._stamp:
            self._head = read_head(self.path)
            self._stamp = stamp

    def record(
        self, *, user: str, model: str, client: str, prompt_chars: int, prompt_sha256: str,
        entities: Mapping[str, int], decision: str, policy: Mapping[str, str],
        tokens_in: int, tokens_out: int, reason: str | None = None,
        time: datetime | None = None,
    ) -> dict[str, Any]:
        """Validate, chain and append one prompt record; return it as written.

        Raises AuditRecordError for a bad field (nothing is written) and AuditLogError
        when the record could not be written.
        """
        fields = {
            "user": user, "model": model, "client": _plain(client),
            "prompt_chars": prompt_chars, "prompt_sha256": prompt_sha256,
            "entities": _plain(entities), "decision": _plain(decision),
            "policy": _plain(policy), "reason": _plain(reason),
            "tokens_in": tokens_in, "tokens_out": tokens_out,
        }
        for name, value in fields.items():
            if error := _field_error(name, value):
                raise AuditRecordError(error)
        try:
            stamp = format_time(time or datetime.now(timezone.utc))
        except (ValueError, AttributeError) as exc:
            raise AuditRecordError(f"field 'time' {_TIME_RULE}") from exc
        with self._lock:
            try:
                with _file_lock(self.path):
                    self._refresh()
                    seq, prev = self._head
                    rec = {"v": FORMAT_VERSION, "kind": "prompt", "seq": seq + 1, "prev": prev,
                           "time": stamp, **fields}
                    rec["hash"] = record_hash(rec)
                    self._append((canonical(rec) + "\n").encode("ascii"))
                    self._head = (rec["seq"], rec["hash"])
            except OSError as exc:
                raise AuditLogError(f"cannot write the audit log {self.path}: {exc}") from exc
        return rec

    async def arecord(self, **fields: Any) -> dict[str, Any]:
        """`record` off the event loop: the lock and fsync never stall other requests."""
        return await asyncio.to_thread(lambda: self.record(**fields))

    def _append(self, data: bytes) -> None:
        created = self._stamp is None
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(self.path, flags, 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            if self.fsync:
                os.fsync(fd)
            st = os.fstat(fd)
        finally:
            os.close(fd)
        if created and self.fsync:
            _fsync_dir(self.path.parent)
        self._stamp = (st.st_dev, st.st_ino, st.st_size)


# --------------------------------------------------------------------------- retention


@dataclass(frozen=True)
class PurgeResult:
    """What one purge did; `checkpoint` is None when no record was old enough."""

    purged: int  # records removed by this purge
    kept: int
    cutoff: str
    checkpoint: dict[str, Any] | None = None


def purge(path: str | os.PathLike[str], older_than_days: int,
          now: datetime | None = None) -> PurgeResult:
    """Remove records older than the window, leaving a checkpoint (see the module docstring).

    Raises AuditChainError (nothing changed) if the file does not verify first.
    """
    if type(older_than_days) is not int or older_than_days < 0:
        raise ValueError("older_than_days must be an integer >= 0")
    now = now or datetime.now(timezone.utc)
    cutoff = now - timedelta(days=older_than_days)
    path = Path(path)
    with _file_lock(path):
        lines = path.read_bytes().splitlines(keepends=True)
        chain, result = _walk(lines, str(path))
        if not result.ok:
            raise AuditChainError(result)
        old = chain.checkpoint
        body = lines[1:] if old else lines
        n = 0
        for rec in chain.records:
            if parse_time(rec["time"]) >= cutoff:
                break
            n += 1
        if n == 0:
            return PurgeResult(0, len(chain.records), format_time(cutoff))
        last = chain.records[n - 1]
        checkpoint = {
            "v": FORMAT_VERSION, "kind": "checkpoint", "seq": last["seq"],
            "time": format_time(now), "purged": (old["purged"] if old else 0) + n,
            "purged_from": old["purged_from"] if old else chain.records[0]["time"],
            "purged_to": last["time"], "anchor": last["hash"],
            "retention_days": older_than_days,
        }
        checkpoint["hash"] = record_hash(checkpoint)
        new = [(canonical(checkpoint) + "\n").encode("ascii"), *body[n:]]
        check = _walk(new, str(path))[1]
        if not check.ok:  # a bug here must not cost the log
            raise AuditLogError(f"purge produced an invalid chain ({check.describe()})")
        _replace(path, b"".join(new))
    return PurgeResult(n, len(chain.records) - n, format_time(cutoff), checkpoint)


def _replace(path: Path, data: bytes) -> None:
    """Write beside the log, fsync, then swap in atomically: a crash leaves old or new."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


# --------------------------------------------------------------------------- reporting


def _ranked(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def report(path: str | os.PathLike[str], since: datetime | None = None) -> dict[str, Any]:
    """Counts by user, model, decision, client and entity type, with totals.

    Lines that fail their own checks (unparseable, bad fields, hash mismatch) are
    counted as `invalid`, never guessed at; `chain` says whether the file verifies.
    """
    if since is not None and since.tzinfo is None:
        since = since.replace(tzinfo=timezone.utc)
    path = Path(path)
    counts: dict[str, Counter[str]] = {k: Counter() for k in
                                       ("user", "model", "decision", "client", "entity")}
    totals = Counter({"prompts": 0, "tokens_in": 0, "tokens_out": 0, "prompt_chars": 0})
    chain, bad = _Chain(), None
    invalid = 0
    first = last = None
    with _file_lock(path, shared=True), path.open("rb") as f:
        for raw in f:
            if bad is None:
                bad = chain.add(raw)
            rec, _ = parse_line(raw.rstrip(b"\n"))
            if rec is None:
                invalid += 1
                continue
            if rec["kind"] != "prompt":
                continue
            if since is not None and parse_time(rec["time"]) < since:
                continue
            first = first or rec["time"]
            last = rec["time"]
            for key in ("user", "model", "decision", "client"):
                counts[key][rec[key]] += 1
            counts["entity"].update(rec["entities"])
            totals.update({"prompts": 1, "tokens_in": rec["tokens_in"],
                           "tokens_out": rec["tokens_out"], "prompt_chars": rec["prompt_chars"]})
    result = chain.result(str(path), bad)
    return {
        "path": str(path),
        "since": format_time(since) if since else None,
        "first": first,
        "last": last,
        "totals": dict(totals),
        **{f"by_{key}": _ranked(counter) for key, counter in counts.items()},
        "purged": (result.checkpoint or {}).get("purged", 0),
        "invalid": invalid,
        "chain": {"ok": result.ok, "line": result.line, "reason": result.reason,
                  "last_seq": result.last_seq},
    }
