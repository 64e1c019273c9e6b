"""Zero egress, shown the hard way: a whole session inside a network namespace whose
only interface is loopback (`unshare -n`). If anything needed the internet — a model
download, an NLP data fetch, an update check — the session would fail or log it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SESSION = "tests.security.offline_session"  # run as a module from REPO
#: What Python and glibc say when something tries to go out and cannot.
EGRESS_SIGNS = ("Network is unreachable", "Temporary failure in name resolution",
                "Name or service not known", "ENETUNREACH", "getaddrinfo failed")


def netns_refusal() -> str | None:
    """Why this machine cannot run the test, or None."""
    if not shutil.which("unshare") or not shutil.which("ip"):
        return "needs util-linux `unshare` and iproute2 `ip`"
    probe = subprocess.run(["unshare", "-n", "sh", "-c", "ip link set lo up"],
                           capture_output=True, text=True, timeout=30)
    if probe.returncode != 0:
        return ("the kernel or this user may not create network namespaces (needs root or "
                f"unprivileged user namespaces): {probe.stderr.strip()}")
    return None


@pytest.mark.skipif(netns_refusal() is not None, reason=str(netns_refusal()))
def test_server_chat_scan_cli_and_magic_work_with_only_loopback(tmp_path: Path) -> None:
    shell = f"ip link set lo up && exec {sys.executable} -m {SESSION} {tmp_path}"
    done = subprocess.run(["unshare", "-n", "sh", "-c", shell], capture_output=True,
                          text=True, timeout=400, cwd=REPO)
    assert done.returncode == 0, done.stderr[-4000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    log = report.pop("server_log")
    # the namespace really is offline: a public address and a public name both fail
    assert report["outside"] == {"connect": "ENETUNREACH", "dns": "gaierror"}
    assert report["started"], log[-3000:]
    assert report["model"] == {"name": "SmolLM2-135M-Instruct", "state": "loaded",
                               "error": None}
    chat = report["chat"]
    assert chat["types"][0] == "gate" and chat["types"][-1] == "done", chat
    assert chat["types"].count("token") >= 5 and chat["text"].strip()
    assert report["scan"] == {"PERSON": 1, "MEDICAL_RECORD_NUMBER": 1, "US_SSN": 1}
    cli = report["cli"]
    assert cli["code"] == 1, cli  # findings at or above the default threshold
    assert {"AWS_ACCESS_KEY", "US_SSN", "MEDICAL_RECORD_NUMBER"} <= set(cli["entities"]), cli
    (answer,) = report["magic"]
    assert "SmolLM2-135M-Instruct" in answer and "tokens/s" in answer, answer
    redacted = "\n".join(report["magic_redacted"])
    assert "Sent with placeholders" in redacted and "tokens/s" in redacted, redacted
    for sign in EGRESS_SIGNS:
        assert sign not in log, f"something tried to reach the network: {sign!r}"
