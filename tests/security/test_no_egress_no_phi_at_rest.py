"""What a data-protection office checks first: nothing leaves the machine, and nothing
the product writes holds the patient data or secrets it was shown."""

from __future__ import annotations

import ipaddress
import json
import socket
from pathlib import Path

import pytest
from tornado.httpclient import HTTPClientError

SSN = "219-09-9999"
NAME = "Olumide Bakare"
MRN = "00483920"
KEY = "AKIA" + "ZQ3DRT5K7PLMN2XW"
PLANTED = (SSN, NAME, MRN, KEY, "Bakare", "09-9999")
PROMPTS = [
    f"Patient {NAME}, MRN: {MRN}, SSN {SSN}: write a function to compute BMI.",
    f"My AWS key is {KEY}, list my buckets.",
    "Write a function that returns the square of a number.",
]


def chat(content: str, **extra: object) -> str:
    return json.dumps({"messages": [{"role": "user", "content": content}], **extra})


@pytest.fixture
def connections(monkeypatch) -> list[tuple]:
    """Every address the process connects to, and every name it looks up, during the test."""
    seen: list[tuple] = []
    connect, connect_ex, lookup = (socket.socket.connect, socket.socket.connect_ex,
                                   socket.getaddrinfo)

    def record(self, address):  # noqa: ANN001
        seen.append(address if isinstance(address, tuple) else (address,))
        return connect(self, address)

    def record_ex(self, address):  # noqa: ANN001
        seen.append(address if isinstance(address, tuple) else (address,))
        return connect_ex(self, address)

    def resolve(host, *args, **kwargs):  # noqa: ANN001
        seen.append((host if isinstance(host, str) else repr(host), "lookup"))
        return lookup(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", record)
    monkeypatch.setattr(socket.socket, "connect_ex", record_ex)
    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    return seen


async def test_a_session_connects_to_nothing_but_loopback(
        jp_fetch, jp_serverapp, jp_http_port, jp_base_url, audit_path, tmp_path,
        connections) -> None:
    """Every route, a real model load and answer, the kernel's client in a thread, and
    the command line: every connection and name lookup stays on this machine."""
    import asyncio

    from jupyter_safeai.cli import main as cli_main
    from jupyter_safeai.kernel.server_client import SafeAIServer

    await jp_fetch("safeai", "models")
    await jp_fetch("safeai", "policy")
    await jp_fetch("safeai", "scan", method="POST", body=json.dumps({"texts": PROMPTS}))
    await jp_fetch("safeai", "warnings", method="POST", body=json.dumps(
        {"path": "a.ipynb", "findings": [{"entity": "US_SSN", "category": "phi"}]}))
    await jp_fetch("safeai", "warnings", params={"path": "a.ipynb"})
    for prompt in PROMPTS:
        try:
            await jp_fetch("safeai", "chat", method="POST", body=chat(prompt),
                           request_timeout=300)
        except HTTPClientError as refused:
            assert refused.code == 422
    kernel_side = SafeAIServer(f"http://localhost:{jp_http_port}{jp_base_url}",
                               jp_serverapp.identity_provider.token)
    events = await asyncio.to_thread(lambda: list(kernel_side.chat(
        [{"role": "user", "content": "Say hi."}])))
    assert events[-1]["type"] == "done"
    notes = tmp_path / "notes.py"
    notes.write_text(f"# {PROMPTS[0]}\n")
    assert await asyncio.to_thread(cli_main, ["scan", "--format", "json", str(notes)]) == 1
    assert await asyncio.to_thread(cli_main, ["audit", "verify", str(audit_path)]) == 0
    hosts = {a[0] for a in connections if a and isinstance(a[0], str)}
    assert hosts, "the recorder saw no connection at all"
    remote = sorted(h for h in hosts if not _is_local(h))
    assert remote == [], remote


def _is_local(host: str) -> bool:
    return host == "localhost" or (_is_ip(host) and ipaddress.ip_address(host).is_loopback)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


async def test_nothing_written_holds_a_planted_value(
        jp_fetch, jp_root_dir, jp_data_dir, jp_runtime_dir, audit_path, caplog, tmp_path) -> None:
    caplog.set_level("DEBUG")
    for prompt in PROMPTS:
        for extra in ({}, {"policy": {"phi": "block"}}):
            try:
                await jp_fetch("safeai", "chat", method="POST", body=chat(prompt, **extra),
                               request_timeout=300)
            except HTTPClientError as refused:
                assert refused.code == 422
                body = refused.response.body.decode()
                assert not any(value in body for value in PLANTED), body
    written = [p for folder in {Path(jp_root_dir), Path(jp_data_dir), Path(jp_runtime_dir),
                                Path(audit_path).parent}
               for p in folder.rglob("*") if p.is_file()]
    assert Path(audit_path) in written
    for path in written:
        data = path.read_bytes()
        for value in PLANTED:
            assert value.encode() not in data, f"{value!r} written to {path}"
    for value in PLANTED:
        assert value not in caplog.text, f"{value!r} in the server log"
