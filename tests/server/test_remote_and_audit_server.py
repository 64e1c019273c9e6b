"""Remote endpoints through the same gate, and the audit trail the server keeps."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from tornado.httpclient import HTTPClientError

from jupyter_safeai.models import EMBEDDED_DEFAULT_MODEL
from jupyter_safeai.server.audit import verify
from tests.models.fake_openai import FakeOpenAI
from tests.server_api import chat_body, events_of

PROMPT = "Patient John Smith, MRN: 00483920, asks about metformin."
SECRET_PROMPT = "my key is AKIA" + "ZQ3DRT5K7PLMN2XW"


@pytest.fixture
def fake() -> FakeOpenAI:
    return FakeOpenAI(chunks=["Dear <PERSON_1>", ", all", " set."])


@pytest.fixture
def safeai_config(fake: FakeOpenAI) -> dict:
    remote = {"name": "site-llm", "url": fake.url, "license": "Apache-2.0",
              "model_card": "https://intranet.example.org/site-llm"}
    return {"approved_models": [EMBEDDED_DEFAULT_MODEL, remote],
            "preload_default_model": False, "max_new_tokens": 32}


async def test_remote_endpoint_gets_placeholders_and_the_answer_is_restored(
        jp_fetch, fake: FakeOpenAI, audit_path: Path) -> None:
    await fake.start()
    try:
        response = await jp_fetch("safeai", "chat", method="POST",
                                  body=chat_body(PROMPT, model="site-llm", client="sidebar"))
    finally:
        await fake.stop()
    (sent,) = fake.chats
    wire = json.dumps(sent.body)
    assert "John" not in wire and "00483920" not in wire
    assert "<PERSON_1>" in sent.body["messages"][-1]["content"]
    answer = "".join(e["content"] for e in events_of(response.body) if e["type"] == "token")
    assert answer == "Dear John Smith, all set."
    (record,) = [json.loads(line) for line in audit_path.read_text().splitlines()]
    assert (record["model"], record["client"], record["decision"]) == (
        "site-llm", "sidebar", "redacted")


async def test_a_remote_endpoint_that_fails_is_tried_again_later(jp_fetch, fake) -> None:
    response = await jp_fetch("safeai", "chat", method="POST",
                              body=chat_body("hello", model="site-llm"))
    assert events_of(response.body)[-1]["type"] == "error"  # nothing listens yet
    await fake.start()
    try:
        response = await jp_fetch("safeai", "chat", method="POST",
                                  body=chat_body("hello", model="site-llm"))
    finally:
        await fake.stop()
    assert events_of(response.body)[-1]["type"] == "done"


async def test_every_prompt_is_audited_in_a_verifiable_chain_without_its_text(
        jp_fetch, fake: FakeOpenAI, audit_path: Path, caplog) -> None:
    await fake.start()
    try:
        await jp_fetch("safeai", "chat", method="POST", body=chat_body("hi", model="site-llm"))
        await jp_fetch("safeai", "chat", method="POST", body=chat_body(PROMPT, model="site-llm"))
        with pytest.raises(HTTPClientError):
            await jp_fetch("safeai", "chat", method="POST",
                           body=chat_body(SECRET_PROMPT, model="site-llm"))
    finally:
        await fake.stop()
    records = [json.loads(line) for line in audit_path.read_text().splitlines()]
    assert [r["decision"] for r in records] == ["sent", "redacted", "blocked"]
    assert records[2]["entities"] == {"AWS_ACCESS_KEY": 1}
    assert verify(audit_path).ok
    raw = audit_path.read_text()
    for planted in ("John", "00483920", "ZQ3DRT5K7PLMN2XW", "metformin"):
        assert planted not in raw and planted not in caplog.text
    # a one-byte edit is detected and named
    tampered = raw.replace('"tokens_out":', '"tokens_out":1', 1)
    audit_path.write_text(tampered)
    result = verify(audit_path)
    assert not result.ok and result.line == 1


async def test_each_audit_record_is_also_an_event_on_the_servers_bus(
        jp_fetch, jp_serverapp) -> None:
    from jupyter_safeai.server.events import SCHEMA_ID

    received: list[dict] = []

    async def listener(logger, schema_id: str, data: dict) -> None:  # noqa: ANN001
        received.append(data)

    jp_serverapp.event_logger.add_listener(schema_id=SCHEMA_ID, listener=listener)
    with pytest.raises(HTTPClientError):
        await jp_fetch("safeai", "chat", method="POST",
                       body=chat_body(SECRET_PROMPT, client="api"))
    for _ in range(50):
        if received:
            break
        await asyncio.sleep(0.02)
    (event,) = received
    assert (event["decision"], event["entities"]) == ("blocked", {"AWS_ACCESS_KEY": 1})
    assert "ZQ3DRT5K7PLMN2XW" not in json.dumps(event)
