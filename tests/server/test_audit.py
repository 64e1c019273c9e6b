"""The audit log: hash chain, tamper detection, concurrency, purge, report and events.

All data is synthetic. A planted prompt (with an SSN) only ever reaches the log
through `hash_prompt`, and no test may find it, or any part of it, in a file or event.
"""

from __future__ import annotations

import enum
import hashlib
import io
import json
import logging
import os
import stat
import subprocess
import sys
import threading
import time
import warnings
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from jupyter_events import EventLogger

from jupyter_safeai.server import audit
from jupyter_safeai.server.audit import (
    GENESIS,
    PROMPT_FIELDS,
    AuditChainError,
    AuditLog,
    AuditLogError,
    AuditRecordError,
    canonical,
    default_audit_path,
    hash_prompt,
    purge,
    record_hash,
    report,
    verify,
)
from jupyter_safeai.server.events import (
    EVENT_FIELDS,
    SCHEMA_ID,
    SCHEMA_PATH,
    emit_audit_event,
    register_audit_events,
)

SSN = "219-09-9999"
PROMPT = f"Patient Jane Roe, SSN {SSN}, MRN 00412345: why does my pandas merge drop rows?"
PLANTED = (SSN, "09-9999", "Jane Roe", "Jane", "00412345", "pandas merge")
T0 = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)
POLICY = {"phi": "redact", "secret": "block", "genomic": "block"}


def fields(**over: Any) -> dict[str, Any]:
    chars, digest = hash_prompt([PROMPT])
    base: dict[str, Any] = {
        "user": "alice", "model": "smollm2-135m", "client": "sidebar",
        "prompt_chars": chars, "prompt_sha256": digest,
        "entities": {"US_SSN": 1, "PERSON": 1}, "decision": "redacted", "policy": POLICY,
        "tokens_in": 41, "tokens_out": 120,
    }
    base.update(over)
    return base


def write_log(path: Path, n: int = 5, step: timedelta = timedelta(days=1),
              start: datetime = T0) -> list[dict[str, Any]]:
    log = AuditLog(path, fsync=False)
    return [log.record(**fields(time=start + i * step)) for i in range(n)]


def lines_of(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def seqs(path: Path) -> list[int]:
    return [json.loads(line)["seq"] for line in lines_of(path)]


@pytest.fixture
def log_path(tmp_path: Path) -> Path:
    return tmp_path / "safeai" / "audit.jsonl"


# --------------------------------------------------------------------------- format and chain


def test_round_trip_and_verify(log_path: Path) -> None:
    written = write_log(log_path, 5)
    lines = lines_of(log_path)
    assert [json.loads(line) for line in lines] == written
    assert all(line == (canonical(rec) + "\n").encode() for line, rec in zip(lines, written,
                                                                             strict=True))
    assert [r["seq"] for r in written] == [1, 2, 3, 4, 5]
    assert written[0]["prev"] == GENESIS
    assert all(b["prev"] == a["hash"] for a, b in zip(written, written[1:], strict=False))
    result = verify(log_path)
    assert result.ok, result.describe()
    assert (result.records, result.first_seq, result.last_seq) == (5, 1, 5)
    assert result.head == written[-1]["hash"]


def test_record_fields_and_hand_check(log_path: Path) -> None:
    rec = AuditLog(log_path).record(**fields(reason="scanner_timeout", time=T0))
    assert set(rec) == PROMPT_FIELDS
    assert rec["time"] == "2026-11-01T09:00:00.000Z"
    assert rec["kind"] == "prompt" and rec["v"] == 1
    assert rec["entities"] == {"US_SSN": 1, "PERSON": 1} and rec["policy"] == POLICY
    # The recipe in the module docstring, with nothing but the standard library:
    line = json.loads(log_path.read_text())
    h = line.pop("hash")
    assert h == hashlib.sha256(
        json.dumps(line, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
    assert h == record_hash(rec)


def test_enums_and_counters_are_written_as_plain_values(log_path: Path) -> None:
    class Mode(str, enum.Enum):
        REDACT = "redact"

    rec = AuditLog(log_path).record(**fields(policy={"phi": Mode.REDACT},
                                             entities=Counter({"US_SSN": 2})))
    assert type(rec["policy"]["phi"]) is str and type(rec["entities"]) is dict
    assert b'"policy":{"phi":"redact"}' in log_path.read_bytes() and verify(log_path).ok


def test_file_is_private(log_path: Path) -> None:
    write_log(log_path, 1)
    assert stat.S_IMODE(log_path.stat().st_mode) == 0o600
    lock = log_path.with_name(log_path.name + ".lock")
    if audit.fcntl is not None:
        assert stat.S_IMODE(lock.stat().st_mode) == 0o600


def test_empty_and_missing_files(log_path: Path) -> None:
    log_path.parent.mkdir(parents=True)
    log_path.write_bytes(b"")
    result = verify(log_path)
    assert result.ok and result.records == 0 and result.head == GENESIS
    with pytest.raises(FileNotFoundError):
        verify(log_path.with_name("missing.jsonl"))


def test_default_path_follows_jupyter_data_dir(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "data"))
    assert default_audit_path() == tmp_path / "data" / "safeai" / "audit.jsonl"
    assert AuditLog().path == default_audit_path()


# --------------------------------------------------------------------------- tampering


def tampered(path: Path, lines: list[bytes]) -> Path:
    copy = path.with_name("copy.jsonl")
    copy.write_bytes(b"".join(lines))
    return copy


def test_every_one_byte_edit_of_the_middle_record_names_its_line(log_path: Path) -> None:
    write_log(log_path, 5)
    lines = lines_of(log_path)
    middle = lines[2]
    for i in range(len(middle) - 1):  # every byte but the line end
        new = b"1" if middle[i:i + 1] == b"0" else b"0"
        edited = middle[:i] + new + middle[i + 1:]
        result = verify(tampered(log_path, [*lines[:2], edited, *lines[3:]]))
        assert not result.ok and result.line == 3, (i, result)
    assert verify(log_path).ok  # only copies were edited


@pytest.mark.parametrize(("edit", "reason"), [
    (lambda s: s.replace(b'"alice"', b'"mallory"'), "hash does not match"),
    (lambda s: s.replace(b'"decision":"redacted"', b'"decision":"sent"'), "hash does not match"),
    (lambda s: s.replace(b'"tokens_out":120', b'"tokens_out":12'), "hash does not match"),
    (lambda s: s.replace(b',"user"', b', "user"'), "canonical"),
    (lambda s: s[1:], "unparseable JSON"),
    (lambda s: s.replace(b'"reason":null,', b""), "missing fields: reason"),
    (lambda s: b"\n", "empty line"),
])
def test_edits_name_the_line_and_why(log_path: Path, edit: Any, reason: str) -> None:
    write_log(log_path, 5)
    lines = lines_of(log_path)
    result = verify(tampered(log_path, [*lines[:2], edit(lines[2]), *lines[3:]]))
    assert not result.ok and result.line == 3
    assert reason in (result.reason or "")


def test_deleted_record_detected(log_path: Path) -> None:
    write_log(log_path, 5)
    lines = lines_of(log_path)
    result = verify(tampered(log_path, [*lines[:2], *lines[3:]]))
    assert not result.ok and result.line == 3
    assert "seq 4 where 3 was expected" in (result.reason or "")
    first = verify(tampered(log_path, lines[1:]))
    assert not first.ok and first.line == 1


def test_swapped_records_detected(log_path: Path) -> None:
    write_log(log_path, 5)
    lines = lines_of(log_path)
    result = verify(tampered(log_path, [lines[0], lines[2], lines[1], *lines[3:]]))
    assert not result.ok and result.line == 2 and "seq 3" in (result.reason or "")


def test_inserted_copy_detected(log_path: Path) -> None:
    write_log(log_path, 5)
    lines = lines_of(log_path)
    result = verify(tampered(log_path, [*lines[:3], lines[2], *lines[3:]]))
    assert not result.ok and result.line == 4


def forged(prev: str, seq: int, rehash: bool = True) -> bytes:
    rec = {"v": 1, "kind": "prompt", "seq": seq, "prev": prev, "time": "2026-11-09T09:00:00.000Z",
           **fields(), "reason": None, "hash": "0" * 64}
    if rehash:
        rec["hash"] = record_hash(rec)
    return (canonical(rec) + "\n").encode()


def test_forged_appended_record_detected(log_path: Path) -> None:
    written = write_log(log_path, 5)
    lines = lines_of(log_path)
    wrong_prev = verify(tampered(log_path, [*lines, forged(written[3]["hash"], 6)]))
    assert not wrong_prev.ok and wrong_prev.line == 6 and "prev" in (wrong_prev.reason or "")
    unhashed = verify(tampered(log_path, [*lines, forged(written[4]["hash"], 6, rehash=False)]))
    assert not unhashed.ok and unhashed.line == 6
    # Only someone who recomputes the hashes can extend the chain: that is the documented
    # limit, closed by keeping the head (or the events) elsewhere.
    assert verify(tampered(log_path, [*lines, forged(written[4]["hash"], 6)])).ok


def test_truncation(log_path: Path) -> None:
    written = write_log(log_path, 5)
    lines = lines_of(log_path)
    cut = verify(tampered(log_path, [*lines[:4], lines[4][:-1]]))
    assert not cut.ok and cut.line == 5 and "line end" in (cut.reason or "")
    # Dropping whole records from the end leaves a valid chain; the head shows it.
    shorter = verify(tampered(log_path, lines[:4]))
    assert shorter.ok and shorter.head != written[-1]["hash"]


# --------------------------------------------------------------------------- writing


def test_restart_continues_the_chain(log_path: Path) -> None:
    first = write_log(log_path, 3)
    again = AuditLog(log_path)
    assert again.head == (3, first[-1]["hash"])
    rec = again.record(**fields())
    assert rec["seq"] == 4 and rec["prev"] == first[-1]["hash"]
    assert verify(log_path).ok and seqs(log_path) == [1, 2, 3, 4]


def test_an_unusable_tail_is_not_continued(log_path: Path) -> None:
    write_log(log_path, 3)
    data = log_path.read_bytes()
    log_path.write_bytes(data[:-20])  # a torn write
    with pytest.raises(AuditLogError, match="incomplete"):
        AuditLog(log_path)
    log_path.write_bytes(data.replace(b'"tokens_out":120,"user":"alice","v":1}\n',
                                      b'"tokens_out":999,"user":"alice","v":1}\n'))
    with pytest.raises(AuditLogError, match="altered"):
        AuditLog(log_path)


def test_a_log_changed_by_another_writer_is_reread(log_path: Path) -> None:
    a, b = AuditLog(log_path), AuditLog(log_path)
    a.record(**fields())
    b.record(**fields())
    a.record(**fields())
    assert verify(log_path).ok and seqs(log_path) == [1, 2, 3]


def test_concurrent_appends_from_threads(log_path: Path) -> None:
    log = AuditLog(log_path)
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            barrier.wait()
            for _ in range(50):
                log.record(**fields(user=f"user{n}"))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    result = verify(log_path)
    assert result.ok, result.describe()
    assert seqs(log_path) == list(range(1, 401))
    assert report(log_path)["by_user"] == {f"user{n}": 50 for n in range(8)}


def test_two_logs_on_one_file_from_threads(log_path: Path) -> None:
    logs = [AuditLog(log_path, fsync=False), AuditLog(log_path, fsync=False)]
    threads = [threading.Thread(target=lambda lg=lg: [lg.record(**fields()) for _ in range(40)])
               for lg in logs for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert verify(log_path).ok and seqs(log_path) == list(range(1, 241))


@pytest.mark.skipif(audit.fcntl is None, reason="processes are serialized with flock only")
def test_two_processes_append_to_one_file(log_path: Path) -> None:
    AuditLog(log_path)  # creates the folder
    go = log_path.with_name("go")
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from jupyter_safeai.server.audit import AuditLog\n"
        "log = AuditLog(sys.argv[1], fsync=False)\n"
        "Path(sys.argv[2]).touch()\n"
        "while not Path(sys.argv[3]).exists():\n"
        "    time.sleep(0.001)\n"
        "for _ in range(100):\n"
        "    log.record(user='bob', model='m', client='api', prompt_chars=1,\n"
        f"               prompt_sha256='{'a' * 64}', entities={{}}, decision='sent',\n"
        "               policy={}, tokens_in=1, tokens_out=1)\n"
    )
    ready = [log_path.with_name(f"ready{i}") for i in range(3)]
    procs = [subprocess.Popen([sys.executable, "-c", code, str(log_path), str(r), str(go)])
             for r in ready]
    deadline = time.monotonic() + 120
    while not all(r.exists() for r in ready) and time.monotonic() < deadline:
        time.sleep(0.01)
    go.touch()  # all three start appending at once
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0]
    assert verify(log_path).ok and seqs(log_path) == list(range(1, 301))


async def test_arecord_off_the_event_loop(log_path: Path) -> None:
    log = AuditLog(log_path)
    rec = await log.arecord(**fields(client="magic"))
    assert rec["seq"] == 1 and rec["client"] == "magic" and verify(log_path).ok


# --------------------------------------------------------------------------- what may be written


def test_unknown_fields_are_refused(log_path: Path) -> None:
    log = AuditLog(log_path)
    with pytest.raises(TypeError):
        log.record(**fields(prompt=PROMPT))
    with pytest.raises(TypeError):
        log.record(**{k: v for k, v in fields().items() if k != "policy"})
    assert not log_path.exists()


@pytest.mark.parametrize("bad", [
    {"user": "x" * 201},
    {"user": ""},
    {"user": "alice\nbob"},
    {"model": PROMPT * 3},
    {"client": "cli"},
    {"decision": "allowed"},
    {"prompt_sha256": PROMPT},
    {"prompt_sha256": SSN},
    {"prompt_sha256": "A" * 64},
    {"prompt_chars": -1},
    {"prompt_chars": True},
    {"tokens_in": 1.0},
    {"tokens_out": "12"},
    {"entities": {SSN: 1}},
    {"entities": {"US_SSN": SSN}},
    {"entities": {"US_SSN": True}},
    {"entities": [("US_SSN", 1)]},
    {"policy": {"phi": PROMPT}},
    {"policy": {PROMPT: "block"}},
    {"reason": PROMPT},
    {"reason": f"leaked {SSN}"},
    {"reason": "Scanner timed out"},
    {"time": datetime(2026, 11, 1, 9, 0)},  # naive: ambiguous
])
def test_bad_values_are_refused(log_path: Path, bad: dict[str, Any]) -> None:
    log = AuditLog(log_path)
    with pytest.raises(AuditRecordError):
        log.record(**fields(**bad))
    assert not log_path.exists()


def test_the_prompt_never_reaches_the_log(log_path: Path) -> None:
    chars, digest = hash_prompt([PROMPT])
    assert chars == len(PROMPT) and digest != hashlib.sha256(b"").hexdigest()
    log = AuditLog(log_path)
    rec = log.record(**fields(decision="blocked", reason="policy_block", tokens_in=0,
                              tokens_out=0))
    purge(log_path, 0, now=datetime.now(timezone.utc) + timedelta(days=1))
    log.record(**fields())
    texts = [log_path.read_text(), json.dumps(rec), json.dumps(report(log_path))]
    for text in texts:
        for planted in PLANTED:
            assert planted not in text


def test_hash_prompt_counts_message_boundaries() -> None:
    assert hash_prompt(["ab", "c"])[1] != hash_prompt(["a", "bc"])[1]
    assert hash_prompt(["ab", "c"])[0] == 3


# --------------------------------------------------------------------------- purge


def test_purge_leaves_a_verifiable_chain_with_a_checkpoint(log_path: Path) -> None:
    written = write_log(log_path, 10)  # daily from Nov 1
    before = lines_of(log_path)
    now = T0 + timedelta(days=10, hours=1)  # cutoff: Nov 6, 10:00 with 5 days
    result = purge(log_path, 5, now=now)
    assert (result.purged, result.kept) == (6, 4)
    lines = lines_of(log_path)
    assert lines[1:] == before[6:]  # kept records unchanged, byte for byte
    cp = json.loads(lines[0])
    assert cp == result.checkpoint
    assert cp["kind"] == "checkpoint" and "decision" not in cp
    assert (cp["seq"], cp["purged"], cp["retention_days"]) == (6, 6, 5)
    assert cp["purged_from"] == written[0]["time"] and cp["purged_to"] == written[5]["time"]
    assert cp["anchor"] == written[5]["hash"] == json.loads(lines[1])["prev"]
    assert cp["time"] == "2026-11-11T10:00:00.000Z"
    check = verify(log_path)
    assert check.ok, check.describe()
    assert (check.records, check.first_seq, check.last_seq) == (4, 7, 10)
    assert check.checkpoint == cp and check.head == written[-1]["hash"]
    assert stat.S_IMODE(log_path.stat().st_mode) == 0o600
    assert [p.name for p in log_path.parent.iterdir() if p.suffix == ".tmp"] == []


def test_purges_accumulate_and_the_writer_continues(log_path: Path) -> None:
    log = AuditLog(log_path)
    written = [log.record(**fields(time=T0 + timedelta(days=i))) for i in range(6)]
    purge(log_path, 3, now=T0 + timedelta(days=5))  # removes Nov 1 and 2
    rec = log.record(**fields(time=T0 + timedelta(days=6)))  # same AuditLog, file replaced
    assert rec["seq"] == 7 and rec["prev"] == written[-1]["hash"]
    result = purge(log_path, 1, now=T0 + timedelta(days=6, hours=12))  # removes to Nov 6
    assert result.purged == 4
    cp = result.checkpoint
    assert cp is not None
    assert (cp["seq"], cp["purged"]) == (6, 6) and cp["purged_from"] == written[0]["time"]
    assert verify(log_path).ok and seqs(log_path) == [6, 7]
    assert AuditLog(log_path).record(**fields())["seq"] == 8
    assert verify(log_path).ok


def test_purge_of_everything_keeps_the_anchor(log_path: Path) -> None:
    written = write_log(log_path, 3)
    result = purge(log_path, 0, now=T0 + timedelta(days=30))
    assert result.purged == 3 and result.kept == 0
    check = verify(log_path)
    assert check.ok and check.records == 0 and check.head == written[-1]["hash"]
    rec = AuditLog(log_path).record(**fields())
    assert rec["seq"] == 4 and rec["prev"] == written[-1]["hash"]
    assert verify(log_path).ok


def test_purge_with_nothing_old_changes_nothing(log_path: Path) -> None:
    write_log(log_path, 3)
    before = log_path.read_bytes()
    result = purge(log_path, 90, now=T0 + timedelta(days=10))
    assert (result.purged, result.kept, result.checkpoint) == (0, 3, None)
    assert log_path.read_bytes() == before


def test_purge_refuses_a_broken_chain(log_path: Path) -> None:
    write_log(log_path, 4)
    lines = lines_of(log_path)
    log_path.write_bytes(b"".join([lines[0], *lines[2:]]))
    before = log_path.read_bytes()
    with pytest.raises(AuditChainError) as info:
        purge(log_path, 1, now=T0 + timedelta(days=30))
    assert info.value.result.line == 2
    assert log_path.read_bytes() == before


def test_purge_stops_at_the_first_record_inside_the_window(log_path: Path) -> None:
    log = AuditLog(log_path)
    for day in (0, 1, 9, 2, 10):  # the clock stepped back before the fourth record
        log.record(**fields(time=T0 + timedelta(days=day)))
    result = purge(log_path, 5, now=T0 + timedelta(days=10))  # cutoff: Nov 6
    assert (result.purged, result.kept) == (2, 3)
    assert verify(log_path).ok


def test_checkpoint_tampering_is_detected(log_path: Path) -> None:
    write_log(log_path, 6)
    purge(log_path, 2, now=T0 + timedelta(days=5))
    lines = lines_of(log_path)
    cp = json.loads(lines[0])
    edited = lines[0].replace(b'"purged":3', b'"purged":2')
    assert not verify(tampered(log_path, [edited, *lines[1:]])).ok
    rehashed = {**cp, "purged": 2}
    rehashed["hash"] = record_hash(rehashed)
    result = verify(tampered(log_path, [(canonical(rehashed) + "\n").encode(), *lines[1:]]))
    assert not result.ok and result.line == 1 and "purged count" in (result.reason or "")
    moved = verify(tampered(log_path, [lines[1], lines[0], *lines[2:]]))
    assert not moved.ok and moved.line == 1  # record 4 cannot start a log
    dropped = verify(tampered(log_path, lines[1:]))
    assert not dropped.ok and dropped.line == 1
    anchor = {**cp, "anchor": "f" * 64}
    anchor["hash"] = record_hash(anchor)
    result = verify(tampered(log_path, [(canonical(anchor) + "\n").encode(), *lines[1:]]))
    assert not result.ok and result.line == 2 and "anchor" in (result.reason or "")


# --------------------------------------------------------------------------- report


def test_report_counts(log_path: Path) -> None:
    log = AuditLog(log_path)
    log.record(**fields(time=T0))
    log.record(**fields(user="bob", client="magic", decision="blocked",
                        entities={"US_SSN": 2, "AWS_ACCESS_KEY": 1}, tokens_in=0, tokens_out=0,
                        time=T0 + timedelta(days=1)))
    log.record(**fields(user="bob", model="other-model", decision="sent", entities={},
                        tokens_in=10, tokens_out=5, time=T0 + timedelta(days=2)))
    doc = report(log_path)
    assert doc["totals"] == {"prompts": 3, "tokens_in": 51, "tokens_out": 125,
                             "prompt_chars": 3 * len(PROMPT)}
    assert doc["by_user"] == {"bob": 2, "alice": 1}
    assert doc["by_model"] == {"smollm2-135m": 2, "other-model": 1}
    assert doc["by_decision"] == {"blocked": 1, "redacted": 1, "sent": 1}
    assert doc["by_client"] == {"sidebar": 2, "magic": 1}
    assert doc["by_entity"] == {"US_SSN": 3, "AWS_ACCESS_KEY": 1, "PERSON": 1}
    assert doc["chain"]["ok"] and doc["invalid"] == 0 and doc["purged"] == 0
    assert (doc["first"], doc["last"]) == ("2026-11-01T09:00:00.000Z", "2026-11-03T09:00:00.000Z")
    recent = report(log_path, since=T0 + timedelta(days=1))
    assert recent["totals"]["prompts"] == 2 and recent["by_user"] == {"bob": 2}
    assert recent["since"] == "2026-11-02T09:00:00.000Z"


def test_report_of_a_tampered_or_purged_log(log_path: Path) -> None:
    write_log(log_path, 5)
    lines = lines_of(log_path)
    log_path.write_bytes(b"".join([*lines[:2], b"{not json\n", *lines[3:]]))
    doc = report(log_path)
    assert not doc["chain"]["ok"] and doc["chain"]["line"] == 3
    assert doc["invalid"] == 1 and doc["totals"]["prompts"] == 4
    log_path.write_bytes(b"".join(lines))
    purge(log_path, 1, now=T0 + timedelta(days=3))
    doc = report(log_path)
    assert doc["chain"]["ok"] and doc["purged"] == 2 and doc["totals"]["prompts"] == 3


# --------------------------------------------------------------------------- events


@pytest.fixture
def events() -> tuple[EventLogger, io.StringIO]:
    sink = io.StringIO()
    event_logger = EventLogger()
    event_logger.register_handler(logging.StreamHandler(sink))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # e.g. a schema `version` that is not a string
        register_audit_events(event_logger)
        register_audit_events(event_logger)  # idempotent
    return event_logger, sink


def test_schema_mirrors_the_audit_record() -> None:
    import yaml

    schema = yaml.safe_load(SCHEMA_PATH.read_text())
    assert schema["$id"] == SCHEMA_ID and schema["version"] == "1"
    assert set(schema["properties"]) == set(EVENT_FIELDS) == PROMPT_FIELDS - {"v", "kind"}
    assert set(schema["required"]) == set(EVENT_FIELDS)
    assert schema["additionalProperties"] is False
    personal = [k for k, v in schema["properties"].items() if v.get("personal-data")]
    assert personal == ["user"] and "personal-data" not in schema


def test_emitted_event_matches_the_record(log_path: Path,
                                          events: tuple[EventLogger, io.StringIO]) -> None:
    event_logger, sink = events
    rec = AuditLog(log_path).record(**fields(reason="scanner_timeout"))
    assert emit_audit_event(event_logger, rec) is not None
    out = sink.getvalue()
    for planted in PLANTED:
        assert planted not in out
    [event] = [json.loads(line) for line in out.splitlines()]
    assert event["__schema__"] == SCHEMA_ID and event["__schema_version__"] == "1"
    payload = {k: v for k, v in event.items() if not k.startswith("__")}
    assert payload == {k: rec[k] for k in EVENT_FIELDS}
    event_logger.schemas.get(SCHEMA_ID).validate(payload)
    import yaml

    schema = yaml.safe_load(SCHEMA_PATH.read_text())
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
                               ).validate(payload)


def test_emit_never_raises(log_path: Path, events: tuple[EventLogger, io.StringIO],
                           caplog: pytest.LogCaptureFixture) -> None:
    event_logger, sink = events
    rec = AuditLog(log_path).record(**fields())
    with caplog.at_level(logging.WARNING, logger="jupyter_safeai.server.events"):
        assert emit_audit_event(event_logger, {**rec, "user": SSN * 30}) is None
    assert "ValidationError" in caplog.text and SSN not in caplog.text
    assert emit_audit_event(event_logger, {"seq": 1}) is None
    assert emit_audit_event(event_logger, {**rec, "prompt": PROMPT}) is not None  # dropped
    assert PROMPT not in sink.getvalue()
    assert emit_audit_event(None, rec) is None

    def boom(schema_id: str, data: dict[str, Any]) -> dict[str, Any]:
        raise RuntimeError("collector down")

    event_logger.add_modifier(schema_id=SCHEMA_ID, modifier=boom)
    assert emit_audit_event(event_logger, rec) is None
    unregistered = EventLogger()
    unregistered.register_handler(logging.StreamHandler(io.StringIO()))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert emit_audit_event(unregistered, rec) is None


def test_checkpoints_are_not_emitted(log_path: Path,
                                     events: tuple[EventLogger, io.StringIO]) -> None:
    event_logger, sink = events
    write_log(log_path, 2)
    cp = purge(log_path, 0, now=T0 + timedelta(days=9)).checkpoint
    assert cp is not None
    assert emit_audit_event(event_logger, cp) is None and sink.getvalue() == ""


def test_lock_file_stays_beside_the_log(log_path: Path) -> None:
    write_log(log_path, 2)
    purge(log_path, 0, now=T0 + timedelta(days=9))
    names = sorted(os.listdir(log_path.parent))
    assert names in (["audit.jsonl", "audit.jsonl.lock"], ["audit.jsonl"])
