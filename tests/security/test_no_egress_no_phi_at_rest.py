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
    """Every address the process connects to during the test."""
    seen: list[tuple] = []
    real = socket.socket.connect

    def record(self, address):  # noqa: ANN001
        seen.append(address if isinstance(address, tuple) else (address,))
        return real(self, address)

    monkeypatch.setattr(socket.socket, "connect", record)
    return seen


async def test_a_session_connects_to_nothing_but_loopback(jp_fetch, connections) -> None:
    await jp_fetch("safeai", "scan", method="POST", body=json.dumps({"texts": PROMPTS}))
    for prompt in PROMPTS:
        try:
            await jp_fetch("safeai", "chat", method="POST", body=chat(prompt),
                           request_timeout=300)
        except HTTPClientError as refused:
            assert refused.code == 422
    remote = [a for a in connections
              if a and isinstance(a[0], str) and a[0] not in ("localhost",)
              and not (_is_ip(a[0]) and ipaddress.ip_address(a[0]).is_loopback)]
    assert remote == [], remote


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
