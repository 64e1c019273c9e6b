"""Inline completions through the gate, against a recording OpenAI-compatible endpoint."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tornado.httpclient import HTTPClientError

from jupyter_safeai.models import EMBEDDED_DEFAULT_MODEL
from jupyter_safeai.server.audit import verify
from jupyter_safeai.server.completions import RateLimiter
from tests.models.fake_openai import FakeOpenAI
from tests.server_api import events_of

SSN = "219-09-9999"
SSN_CELL = f'patient = {{"name": "x", "ssn": "{SSN}"}}\nprint(patient['
SECRET_CELL = 'client = boto3.client("s3", aws_access_key_id="AKIA' + 'ZQ3DRT5K7PLMN2XW")\n'


def complete_body(prefix: str, suffix: str = "", **extra: object) -> str:
    return json.dumps({"prefix": prefix, "suffix": suffix, "language": "python", **extra})


@pytest.fixture
def fake() -> FakeOpenAI:
    return FakeOpenAI(chunks=['"ssn"]', ")  # ", "<US_SSN_1>", "\n"], delay=0.0)


@pytest.fixture
def safeai_config(fake: FakeOpenAI) -> dict:
    remote = {"name": "site-llm", "url": fake.url, "license": "Apache-2.0",
              "model_card": "https://intranet.example.org/site-llm"}
    return {"approved_models": [EMBEDDED_DEFAULT_MODEL, remote],
            "preload_default_model": False, "completion_model": "site-llm"}


@pytest.fixture
async def started(fake: FakeOpenAI):
    await fake.start()
    yield fake
    await fake.stop()


async def test_ssn_reaches_the_model_as_a_placeholder_and_comes_back_restored(
        jp_fetch, started: FakeOpenAI, audit_path: Path) -> None:
    response = await jp_fetch("safeai", "complete", method="POST",
                              body=complete_body(SSN_CELL, "\n"))
    (sent,) = started.chats
    wire = json.dumps(sent.body)
    assert SSN not in wire
    assert "<US_SSN_1>" in sent.body["messages"][-1]["content"]
    events = events_of(response.body)
    assert events[0]["type"] == "gate" and events[0]["redacted"] == {"US_SSN": 1}
    suggestions = [e["text"] for e in events if e["type"] == "suggestion"]
    assert suggestions[-1] == f'"ssn"])  # {SSN}\n'
    assert all(text.startswith(suggestions[0]) for text in suggestions)
    assert events[-1]["type"] == "done" and events[-1]["masked"] == {}
    (record,) = [json.loads(line) for line in audit_path.read_text().splitlines()]
    assert record["kind"] == "completion"
    assert (record["decision"], record["entities"]) == ("redacted", {"US_SSN": 1})
    assert record["latency_ms"] >= 0 and SSN not in audit_path.read_text()
    assert verify(audit_path).ok


async def test_a_secret_stops_the_request_before_any_model(
        jp_fetch, started: FakeOpenAI, audit_path: Path) -> None:
    response = await jp_fetch("safeai", "complete", method="POST",
                              body=complete_body(SECRET_CELL + "s3 = client."))
    assert started.chats == []
    (event,) = events_of(response.body)
    assert event["type"] == "blocked" and event["reason"] == "blocked"
    assert event["kinds"] == ["AWS_ACCESS_KEY"]
    assert "AKIA" not in response.body.decode()
    (record,) = [json.loads(line) for line in audit_path.read_text().splitlines()]
    assert (record["kind"], record["decision"], record["tokens_out"]) == (
        "completion", "blocked", 0)


async def test_a_value_split_by_the_cursor_is_still_found(
        jp_fetch, started: FakeOpenAI) -> None:
    key = "AKIA" + "ZQ3DRT5K7PLMN2XW"
    response = await jp_fetch("safeai", "complete", method="POST",
                              body=complete_body(f'key = "{key[:10]}', f'{key[10:]}"\n'))
    assert started.chats == []
    assert events_of(response.body)[0]["type"] == "blocked"


async def test_an_identifier_the_model_invents_is_masked(jp_fetch, started: FakeOpenAI) -> None:
    started.chunks = ['ssn = "', "536-22-", '8790"', "\n"]
    response = await jp_fetch("safeai", "complete", method="POST",
                              body=complete_body("def make_record():\n    "))
    events = events_of(response.body)
    shown = [e["text"] for e in events if e["type"] == "suggestion"]
    assert shown and all("536-22-8790" not in text for text in shown)
    assert events[-1]["masked"] == {"US_SSN": 1}


async def test_a_completion_a_chat_preempted_takes_back_what_it_showed(
        jp_fetch, started: FakeOpenAI, audit_path: Path, monkeypatch) -> None:
    from jupyter_safeai.models import Preempted
    from jupyter_safeai.server import completions

    async def preempted_after_a_word(model, prefix, suffix, max_tokens):
        yield "total = "
        raise Preempted()

    monkeypatch.setattr(completions, "stream_completion", preempted_after_a_word)
    response = await jp_fetch("safeai", "complete", method="POST",
                              body=complete_body("def f(x):\n    "))
    events = events_of(response.body)
    assert [e["type"] for e in events] == ["gate", "suggestion", "suggestion", "skipped"]
    assert events[1]["text"] and events[2]["text"] == ""  # no ghost text is left
    assert events[-1]["reason"] == "preempted"
    (record,) = [json.loads(line) for line in audit_path.read_text().splitlines()]
    assert record["reason"] == "preempted"


async def test_the_admin_limits_are_given_to_the_frontend(jp_fetch) -> None:
    response = await jp_fetch("safeai", "complete", method="GET")
    limits = json.loads(response.body)
    assert limits["enabled"] is True and limits["max_prefix_chars"] == 4000


@pytest.mark.parametrize("safeai_config", [{"completions": False}])
async def test_disabled_by_the_admin(jp_fetch) -> None:
    response = await jp_fetch("safeai", "complete", method="POST",
                              body=complete_body("x = "))
    assert events_of(response.body) == [{"type": "skipped", "reason": "disabled"}]


@pytest.mark.parametrize("safeai_config", [{"completion_rate_per_minute": 5,
                                            "completions": False}])
async def test_rate_limited_per_user(jp_fetch) -> None:
    # The burst is a fifth of the rate (1 here): the second request at once is refused.
    await jp_fetch("safeai", "complete", method="POST", body=complete_body("x = "))
    with pytest.raises(HTTPClientError) as refused:
        await jp_fetch("safeai", "complete", method="POST", body=complete_body("x = "))
    assert refused.value.code == 429
    assert int(refused.value.response.headers["Retry-After"]) >= 1


def test_rate_limiter_refills_with_time() -> None:
    limiter = RateLimiter(per_minute=60, burst=2)
    assert [limiter.allow("a", now=0.0) for _ in range(3)] == [True, True, False]
    assert limiter.allow("b", now=0.0)  # users do not share a bucket
    assert limiter.allow("a", now=1.0) and not limiter.allow("a", now=1.0)


@pytest.mark.parametrize("body", [[], {"prefix": 3}, {"prefix": "", "suffix": None},
                                  {"prefix": "", "model": 1}, {"prefix": "", "language": 2}])
async def test_bad_requests_are_400(jp_fetch, body: object) -> None:
    with pytest.raises(HTTPClientError) as refused:
        await jp_fetch("safeai", "complete", method="POST", body=json.dumps(body))
    assert refused.value.code == 400
