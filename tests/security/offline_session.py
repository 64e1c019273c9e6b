"""One working session with no network but loopback; run by test_netns_offline.py as

    unshare -n sh -c 'ip link set lo up && python -m tests.security.offline_session WORKDIR'

from the repository's root.

It first shows that the namespace really is offline, then starts `jupyter lab` with
the extension and the embedded default model, streams a chat, calls /safeai/scan, runs
`jupyter safeai scan` on a file and `%%safe_ai` in a real kernel of that server, and
prints one JSON line with what happened. It asserts nothing itself: the test does.
"""

from __future__ import annotations

import errno
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.processes import free_port, running, wait_until
from tests.security.lab_server import BIN, lab_command

QUESTION = "Write a Python function that returns the square of a number."
PHI = "Patient Olumide Bakare, MRN: 00483920, SSN 219-09-9999, asks about metformin."


def outside_is_unreachable() -> dict[str, object]:
    """Try a public address and a public name; both must fail at once."""
    result: dict[str, object] = {}
    with socket.socket() as sock:
        sock.settimeout(3)
        try:
            sock.connect(("192.0.2.1", 443))  # TEST-NET-1: never a real host
            result["connect"] = "connected"
        except OSError as exc:
            result["connect"] = errno.errorcode.get(exc.errno or 0, str(exc))
    try:
        socket.getaddrinfo("pypi.org", 443)
        result["dns"] = "resolved"
    except OSError as exc:
        result["dns"] = type(exc).__name__
    return result


def request(url: str, token: str, path: str, body: dict | None = None, timeout: float = 30):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url + path, data=data, headers={
        "Authorization": f"token {token}", "Content-Type": "application/json"})
    return urllib.request.urlopen(req, timeout=timeout)  # loopback only


def main(work: Path) -> dict[str, object]:
    report: dict[str, object] = {"outside": outside_is_unreachable()}
    root, runtime, home = work / "root", work / "runtime", work / "home"
    for folder in (root, runtime, home):
        folder.mkdir(parents=True, exist_ok=True)
    port, token = free_port(), secrets.token_hex(16)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("SAFEAI_") and "proxy" not in k.lower()}
    env.update(HOME=str(home), JUPYTER_RUNTIME_DIR=str(runtime),
               JUPYTER_CONFIG_DIR=str(home / ".jupyter"),
               JUPYTER_DATA_DIR=str(home / ".local" / "share" / "jupyter"))
    log_path = work / "server.log"
    command = lab_command(port, token, root, "--SafeAI.max_new_tokens=24")
    url = f"http://127.0.0.1:{port}/"
    try:
        with running(command, env, log_path) as server:
            report.update(session(url, token, root, env, server, log_path))
    finally:
        report["server_log"] = log_path.read_text(errors="replace")
    return report


def session(url: str, token: str, root: Path, env: dict[str, str],
            server: subprocess.Popen, log_path: Path) -> dict[str, object]:
    out: dict[str, object] = {}
    deadline = time.monotonic() + 120
    try:
        wait_until(lambda: bool(request(url, token, "api/status").read()), server, log_path,
                   what="jupyter lab", timeout=120)
    except RuntimeError:
        out["started"] = False
        return out
    out["started"] = True
    while time.monotonic() < deadline:  # the default model loads in the background
        listing = json.load(request(url, token, "safeai/models"))
        model = next(m for m in listing["models"] if m["name"] == listing["default"])
        if model["state"] in ("loaded", "error"):
            break
        time.sleep(0.5)
    out["model"] = {"name": model["name"], "state": model["state"], "error": model["error"]}

    with request(url, token, "safeai/chat", {"messages": [
            {"role": "user", "content": QUESTION}]}, timeout=300) as response:
        events = [json.loads(line) for line in response if line.strip()]
    out["chat"] = {"types": [e["type"] for e in events],
                   "text": "".join(e.get("content", "") for e in events if e["type"] == "token")}

    scan = json.load(request(url, token, "safeai/scan", {"text": PHI}))
    out["scan"] = scan["counts"]

    source = root / "notes.py"
    source.write_text(f'# {PHI}\nkey = "AKIA" "ZQ3DRT5K7PLMN2XW"\naws = "AKIAZQ3DRT5K7PLMN2XW"\n')
    cli = subprocess.run([str(BIN / "jupyter"), "safeai", "scan", "--format", "json",
                          str(source)], capture_output=True, text=True, env=env, timeout=120)
    findings = json.loads(cli.stdout)["findings"] if cli.stdout.strip() else []
    out["cli"] = {"code": cli.returncode, "entities": sorted({f["entity"] for f in findings}),
                  "stderr": cli.stderr[-2000:]}

    from tests.kernel_client import Kernel

    kernel = Kernel(env)
    try:
        kernel.run("%load_ext jupyter_safeai")
        out["magic"] = kernel.run(f"%%safe_ai\n{QUESTION}")
        out["magic_redacted"] = kernel.run(f"%%safe_ai\n{PHI}")
    finally:
        kernel.close()
    return out


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
