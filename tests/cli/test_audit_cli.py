"""`jupyter safeai audit verify|report|purge`: exit codes and output (synthetic logs only)."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from jupyter_safeai.cli import main
from jupyter_safeai.cli.audit import parse_since
from jupyter_safeai.server.audit import AuditLog, default_audit_path, hash_prompt, verify

SSN = "219-09-9999"
PROMPT = f"Summarise visit notes for John Q. Public, SSN {SSN}"
NOW = datetime.now(timezone.utc)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["audit", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def write_log(path: Path, days_ago: tuple[int, ...] = (30, 20, 10, 2, 1)) -> list[dict[str, Any]]:
    """One record per age; users, models and decisions vary so reports have rows."""
    log = AuditLog(path, fsync=False)
    chars, digest = hash_prompt([PROMPT])
    out = []
    for i, age in enumerate(days_ago):
        out.append(log.record(
            user=("alice", "bob")[i % 2], model=("smollm2-135m", "qwen2.5-coder-1.5b")[i % 2 == 1],
            client=("sidebar", "magic", "api")[i % 3], prompt_chars=chars, prompt_sha256=digest,
            entities={"US_SSN": 1} if i % 2 else {}, decision=("sent", "blocked")[i % 2],
            policy={"phi": "block"}, tokens_in=0 if i % 2 else 30, tokens_out=0 if i % 2 else 100,
            reason="policy_block" if i % 2 else None, time=NOW - timedelta(days=age),
        ))
    return out


@pytest.fixture
def log_path(tmp_path: Path) -> Path:
    path = tmp_path / "audit.jsonl"
    write_log(path)
    return path


def edit_line(path: Path, n: int) -> None:
    lines = path.read_bytes().splitlines(keepends=True)
    lines[n - 1] = lines[n - 1].replace(b'"tokens_in":', b'"tokens_in":9')
    path.write_bytes(b"".join(lines))


# --------------------------------------------------------------------------- verify


def test_verify_ok(capsys: pytest.CaptureFixture[str], log_path: Path) -> None:
    code, out, err = run(capsys, "verify", str(log_path))
    assert code == 0 and err == ""
    assert f"audit log {log_path}: OK" in out
    assert "5 records, seq 1 to 5" in out
    assert verify(log_path).head in out


def test_verify_tampered_names_the_line(capsys: pytest.CaptureFixture[str],
                                        log_path: Path) -> None:
    edit_line(log_path, 3)
    code, out, _ = run(capsys, "verify", str(log_path))
    assert code == 1
    assert "TAMPERED at line 3" in out and "hash does not match" in out


def test_verify_deleted_line(capsys: pytest.CaptureFixture[str], log_path: Path) -> None:
    lines = log_path.read_bytes().splitlines(keepends=True)
    log_path.write_bytes(b"".join(lines[:1] + lines[2:]))
    code, out, _ = run(capsys, "verify", str(log_path))
    assert code == 1 and "line 2" in out and "seq 3 where 2 was expected" in out


def test_verify_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "verify", str(tmp_path / "nope.jsonl"))
    assert code == 2 and out == "" and "cannot read" in err


def test_default_path(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "data"))
    write_log(default_audit_path(), (1,))
    code, out, _ = run(capsys, "verify")
    assert code == 0 and str(tmp_path / "data" / "safeai" / "audit.jsonl") in out


def test_usage_errors(capsys: pytest.CaptureFixture[str], log_path: Path) -> None:
    assert run(capsys)[0] == 2
    assert run(capsys, "frobnicate")[0] == 2
    assert run(capsys, "purge", str(log_path))[0] == 0  # retention from the server config
    assert run(capsys, "purge", str(log_path), "--older-than-days", "-3")[0] == 2
    assert run(capsys, "report", str(log_path), "--since", "last tuesday")[0] == 2
    assert run(capsys, "report", str(log_path), "--format", "xml")[0] == 2
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "verify" in out and "purge" in out


# --------------------------------------------------------------------------- report


def test_report_table_is_aligned(capsys: pytest.CaptureFixture[str], log_path: Path) -> None:
    code, out, err = run(capsys, "report", str(log_path))
    assert code == 0 and err == ""
    assert "Chain:     OK" in out
    assert re.search(r"Prompts:\s+5\s+tokens in: 90\s+tokens out: 300", out)
    blocks = [b.splitlines() for b in out.split("\n\n")[1:]]
    titles = [b[0].split()[0] for b in blocks]
    assert titles == ["DECISION", "CLIENT", "MODEL", "USER", "ENTITY"]
    for block in blocks:  # counts right-aligned under COUNT
        assert len({len(line) for line in block}) == 1, block
    user = dict(line.split() for line in blocks[3][1:])
    assert user == {"alice": "3", "bob": "2"}
    assert dict(line.split() for line in blocks[4][1:]) == {"US_SSN": "2"}
    assert SSN not in out and "John" not in out


def test_report_json_and_since(capsys: pytest.CaptureFixture[str], log_path: Path) -> None:
    code, out, _ = run(capsys, "report", str(log_path), "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["totals"]["prompts"] == 5
    assert doc["by_decision"] == {"sent": 3, "blocked": 2}
    assert doc["by_client"] == {"magic": 2, "sidebar": 2, "api": 1}
    code, out, _ = run(capsys, "report", str(log_path), "--since", "7d", "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["totals"]["prompts"] == 2 and doc["by_user"] == {"alice": 1, "bob": 1}
    day = (NOW - timedelta(days=15)).strftime("%Y-%m-%d")
    code, out, _ = run(capsys, "report", str(log_path), "--since", day, "--format", "json")
    assert json.loads(out)["totals"]["prompts"] == 3


def test_report_of_a_tampered_log_warns(capsys: pytest.CaptureFixture[str],
                                        log_path: Path) -> None:
    edit_line(log_path, 2)
    code, out, err = run(capsys, "report", str(log_path))
    assert code == 1 and "BROKEN at line 2" in out and "does not verify" in err


def test_parse_since() -> None:
    now = datetime(2026, 11, 20, 12, tzinfo=timezone.utc)
    assert parse_since("7d", now) == datetime(2026, 11, 13, 12, tzinfo=timezone.utc)
    assert parse_since("24h", now) == datetime(2026, 11, 19, 12, tzinfo=timezone.utc)
    assert parse_since("2026-11-01") == datetime(2026, 11, 1, tzinfo=timezone.utc)
    assert parse_since("2026-11-01T10:00:00+02:00") == datetime(2026, 11, 1, 8,
                                                                 tzinfo=timezone.utc)


# --------------------------------------------------------------------------- purge


def test_purge(capsys: pytest.CaptureFixture[str], log_path: Path) -> None:
    before = log_path.read_bytes().splitlines(keepends=True)
    code, out, _ = run(capsys, "purge", str(log_path), "--older-than-days", "5")
    assert code == 0
    assert "purged 3 records" in out and "2 kept" in out and "checkpoint: 3 earlier" in out
    after = log_path.read_bytes().splitlines(keepends=True)
    assert after[1:] == before[3:]
    code, out, _ = run(capsys, "verify", str(log_path))
    assert code == 0 and "starts with a checkpoint: 3 earlier records purged" in out
    code, out, _ = run(capsys, "purge", str(log_path), "--older-than-days", "5")
    assert code == 0 and "nothing to purge" in out


def test_purge_refuses_a_tampered_log(capsys: pytest.CaptureFixture[str],
                                      log_path: Path) -> None:
    edit_line(log_path, 4)
    before = log_path.read_bytes()
    code, out, err = run(capsys, "purge", str(log_path), "--older-than-days", "5")
    assert code == 1 and "line 4" in out and "purge refused" in err
    assert log_path.read_bytes() == before


def test_purge_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "purge", str(tmp_path / "nope.jsonl"), "--older-than-days", "1")
    assert code == 2 and "cannot purge" in err
