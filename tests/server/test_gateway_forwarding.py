"""Completions and cancellation through a gateway whose model is a recording stand-in.

The gateway is a real server process (`gateway_process.py`) whose only approved model is
a remote OpenAI-compatible endpoint: `FakeOpenAI`, served from a thread of this test
process, which records what reached it, answers what the test sets, one chunk every
`delay` seconds, and notices when the gateway hangs up. The server under test is in
client mode (`c.SafeAI.gateway_url`), so every request crosses both servers:

    test client -> this server (gate) -> gateway process (gate, audit) -> FakeOpenAI
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tornado.httpclient import HTTPClientError

from tests.models.fake_openai import FakeOpenAI
from tests.server.gateway_process import GatewayProcess, running_gateway
from tests.server_api import events_of

NAME, MRN = "John Smith", "00483920"
SECRET = "AKIA" + "ZQ3DRT5K7PLMN2XW"
TOKEN_ENV = "SAFEAI_TEST_GATEWAY_TOKEN"
LONG = [f"word{i} " for i in range(300)]  # 300 chunks, 0.05 s apart: 15 s if not stopped


class LoopThread:
    """An event loop in a thread of its own, for a server that outlives each test's loop."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True,
                                       name="fake-openai")
        self.thread.start()

    def run(self, coroutine: Any, timeout: float = 30) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeOpenAI]:
    thread = LoopThread()

    async def start() -> FakeOpenAI:
        return await FakeOpenAI(chunks=["ok"], delay=0.05).start()

    server = thread.run(start())
    try:
        yield server
    finally:
        thread.run(server.stop())
        thread.stop()


@pytest.fixture(scope="module")
def gateway(fake: FakeOpenAI) -> Iterator[GatewayProcess]:
    remote = {"name": "site-llm", "url": fake.url, "license": "Apache-2.0",
              "model_card": "https://intranet.example.org/site-llm"}
    yield from running_gateway({"approved_models": [remote], "default_model": "site-llm",
                                "max_new_tokens": 400, "completion_max_prefix_chars": 3000})


@pytest.fixture
def safeai_config(gateway: GatewayProcess, monkeypatch) -> dict:
    monkeypatch.setenv(TOKEN_ENV, gateway.token)
    # the user's own server asks for a looser policy and a longer prefix: neither holds
    return {"gateway_url": gateway.url, "gateway_token_env": TOKEN_ENV,
            "policy": {"phi": "warn", "secret": "warn", "genomic": "warn"},
            "completion_max_prefix_chars": 8000}


def completion_body(prefix: str, suffix: str = "") -> str:
    return json.dumps({"prefix": prefix, "suffix": suffix, "language": "python"})


async def test_a_completion_leaves_with_placeholders_and_comes_back_restored(
        jp_fetch, fake: FakeOpenAI, gateway: GatewayProcess) -> None:
    fake.chunks = ["send_letter(", "<PERSON_1>", ", mrn)\n"]
    before, asked = len(gateway.audit_records()), len(fake.chats)
    prefix = f"# Patient {NAME}, MRN: {MRN}\nmrn = load()\n"
    response = await jp_fetch("safeai", "complete", method="POST", request_timeout=60,
                              body=completion_body(prefix, "\nprint('done')\n"))
    events = events_of(response.body)
    gate, last = events[0], events[-1]
    assert gate["type"] == "gate" and gate["action"] == "redact", events
    assert gate["redacted"]["PERSON"] == 1 and gate["redacted"]["MEDICAL_RECORD_NUMBER"] == 1
    assert last["type"] == "done" and last["model"] == "site-llm", events
    suggestions = [e["text"] for e in events if e["type"] == "suggestion"]
    assert suggestions[-1] == f"send_letter({NAME}, mrn)\n"
    # what reached the model: placeholders, never the values
    (sent,) = fake.chats[asked:]
    wire = json.dumps(sent.body)
    assert "<PERSON_1>" in wire and "<MEDICAL_RECORD_NUMBER_1>" in wire
    assert NAME not in wire and MRN not in wire
    # the gateway audits it as redacted (by the client), and never saw a value
    (record,) = gateway.audit_records()[before:]
    assert (record["kind"], record["model"], record["decision"], record["reason"]) == (
        "completion", "site-llm", "redacted", "redacted_by_client")
    assert record["entities"]["PERSON"] == 1 and record["entities"]["MEDICAL_RECORD_NUMBER"] == 1
    for text in (gateway.audit_path.read_text(), gateway.log_tail(10**6)):
        assert NAME not in text and MRN not in text


async def test_a_secret_in_the_cell_stops_the_completion_here(
        jp_fetch, fake: FakeOpenAI, gateway: GatewayProcess, audit_path: Path) -> None:
    before, asked = len(gateway.audit_records()), len(fake.chats)
    response = await jp_fetch("safeai", "complete", method="POST", request_timeout=60,
                              body=completion_body(f'key = "{SECRET}"\nclient = make('))
    (event,) = events_of(response.body)
    assert event["type"] == "blocked" and event["kinds"] == ["AWS_ACCESS_KEY"]
    assert len(fake.chats) == asked and gateway.audit_records()[before:] == []
    # audited here, where it stopped (the user's own server's log), without the key
    (record,) = [json.loads(line) for line in audit_path.read_text().splitlines()]
    assert (record["kind"], record["decision"]) == ("completion", "blocked")
    assert SECRET not in audit_path.read_text()


async def test_the_limits_are_the_stricter_of_the_gateways_and_the_servers(jp_fetch) -> None:
    limits = json.loads((await jp_fetch("safeai", "complete")).body)
    assert limits["enabled"] is True
    assert limits["max_prefix_chars"] == 3000  # the gateway's, not this server's 8000
    assert limits["max_suffix_chars"] == 1000 and limits["rate_per_minute"] == 60


async def test_the_gateways_refusal_of_a_model_comes_through(jp_fetch, fake) -> None:
    asked = len(fake.chats)
    with pytest.raises(HTTPClientError) as refused:
        await jp_fetch("safeai", "complete", method="POST", body=json.dumps(
            {"prefix": "x = ", "model": "not-approved"}))
    assert refused.value.code == 403 and b"not an approved model" in (
        refused.value.response.body)
    assert len(fake.chats) == asked


class TestCompletionsOffInTheUsersServer:
    @pytest.fixture
    def safeai_config(self, safeai_config: dict) -> dict:
        return {**safeai_config, "completions": False}

    async def test_nothing_is_asked(self, jp_fetch, fake: FakeOpenAI) -> None:
        asked = len(fake.chats)
        response = await jp_fetch("safeai", "complete", method="POST",
                                  body=completion_body("x = "))
        assert events_of(response.body) == [{"type": "skipped", "reason": "disabled"}]
        assert len(fake.chats) == asked


async def read_until(reader: asyncio.StreamReader, marker: bytes, timeout: float) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while marker not in seen:
        chunk = await asyncio.wait_for(reader.read(4096), max(0.1, deadline - time.monotonic()))
        if not chunk:
            raise AssertionError(f"stream ended before {marker!r}: {seen[-300:]!r}")
        seen += chunk
    return seen


@pytest.fixture
def slow_fake(fake: FakeOpenAI) -> Iterator[FakeOpenAI]:
    """A long answer, one chunk every 0.2 s: a minute unless it is stopped."""
    fake.chunks, fake.delay = LONG, 0.2
    try:
        yield fake
    finally:
        fake.delay = 0.05


@pytest.mark.parametrize(("route", "body", "marker"), [
    pytest.param("chat", json.dumps({"messages": [{"role": "user",
                                                   "content": "Tell a long story."}]}),
                 b'"type": "token"', id="chat"),
    pytest.param("complete", completion_body("story = \"\"\""), b'"type": "suggestion"',
                 id="complete"),
])
async def test_a_browser_that_goes_away_stops_the_gateways_generation(
        http_server, jp_http_port, jp_base_url, jp_auth_header, slow_fake: FakeOpenAI,
        gateway: GatewayProcess, route: str, body: str, marker: bytes) -> None:
    """The sidebar's tab is closed mid-answer: this server drops its request to the
    gateway, the gateway sees it and closes its model stream, which stops generating."""
    fake = slow_fake
    before = len(gateway.audit_records())
    reader, writer = await asyncio.open_connection("127.0.0.1", jp_http_port)
    path = f"{jp_base_url.rstrip('/')}/safeai/{route}"
    data = body.encode()
    writer.write(
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{jp_http_port}\r\n"
        f"Authorization: {jp_auth_header['Authorization']}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n".encode()
        + data)
    await writer.drain()
    start_chunks = fake.chunks_sent
    await read_until(reader, marker, timeout=60)  # the answer is streaming
    assert not fake.client_gone.is_set()
    writer.close()  # the browser goes away
    dropped = time.monotonic()
    while not fake.client_gone.is_set() and time.monotonic() - dropped < 10:
        await asyncio.sleep(0.02)
    assert fake.client_gone.is_set(), "the model's stream was not closed"
    took = time.monotonic() - dropped
    stopped_at = fake.chunks_sent
    await asyncio.sleep(1.0)  # five more chunks' time: none is generated any more
    assert fake.chunks_sent == stopped_at
    # a whole answer is 300 chunks (the gateway's own limits: 400 and 48 tokens)
    assert stopped_at - start_chunks < 20 and took < 4, (stopped_at - start_chunks, took)
    if route == "chat":
        deadline = time.monotonic() + 5
        while "client went away" not in gateway.log_tail(10**6) and (
                time.monotonic() < deadline):
            await asyncio.sleep(0.1)
        assert "client went away" in gateway.log_tail(10**6)
    else:
        deadline = time.monotonic() + 5
        while not gateway.audit_records()[before:] and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        (record,) = gateway.audit_records()[before:]
        assert (record["kind"], record["reason"]) == ("completion", "client_gone")
