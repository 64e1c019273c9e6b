"""A server in client mode (`c.SafeAI.gateway_url`) against a real gateway process.

The server under test is started with a looser policy of its own (everything `warn`),
as a user who edits their config would; the gateway has the admin's default floor
(PHI redact, secrets block) and the embedded model. The test server loads no model.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator

import pytest
from tornado.httpclient import HTTPClientError

from tests.processes import free_port
from tests.server.gateway_process import GatewayProcess, running_gateway
from tests.server_api import chat_body, events_of, refused

NAME, MRN = "John Smith", "00483920"
PROMPT = f"Patient {NAME}, MRN: {MRN}, asks how to plot glucose by month."
SECRET = "AKIA" + "ZQ3DRT5K7PLMN2XW"
LOOSE = {"phi": "warn", "secret": "warn", "genomic": "warn"}
TOKEN_ENV = "SAFEAI_TEST_GATEWAY_TOKEN"


@pytest.fixture(scope="module")
def gateway() -> Iterator[GatewayProcess]:
    yield from running_gateway({"max_new_tokens": 8, "max_waiting": 0,
                                "preload_default_model": True})


@pytest.fixture
def safeai_config(gateway: GatewayProcess, monkeypatch) -> dict:
    monkeypatch.setenv(TOKEN_ENV, gateway.token)
    return {"gateway_url": gateway.url, "gateway_token_env": TOKEN_ENV, "policy": LOOSE,
            "preload_default_model": True}


async def test_no_local_model_and_the_gateways_models_and_floor(jp_fetch, jp_serverapp,
                                                                 gateway) -> None:
    assert jp_serverapp.web_app.settings["safeai_models"] is None
    listing = json.loads((await jp_fetch("safeai", "models")).body)
    assert [m["name"] for m in listing["models"]] == ["SmolLM2-135M-Instruct"]
    assert listing["models"][0]["state"] == "loaded"  # the gateway's model, loaded there
    policy = json.loads((await jp_fetch("safeai", "policy")).body)
    # The user's own `warn` everywhere does not loosen the gateway's floor.
    assert policy["admin"] == {"phi": "redact", "secret": "block", "genomic": "redact"}


async def test_phi_leaves_as_placeholders_and_the_gateway_audits_it(jp_fetch, gateway) -> None:
    before = len(gateway.audit_records())
    response = await jp_fetch("safeai", "chat", method="POST", request_timeout=180,
                              body=chat_body(PROMPT, client="sidebar"))
    events = events_of(response.body)
    gate, last = events[0], events[-1]
    assert gate["type"] == "gate" and gate["action"] == "redact"
    assert gate["redacted"]["PERSON"] == 1 and gate["redacted"]["MEDICAL_RECORD_NUMBER"] == 1
    assert last["type"] == "done" and last["model"] == "SmolLM2-135M-Instruct", events
    (record,) = gateway.audit_records()[before:]
    assert (record["client"], record["decision"], record["reason"]) == (
        "sidebar", "redacted", "redacted_by_client")
    assert record["entities"]["PERSON"] == 1 and record["entities"]["MEDICAL_RECORD_NUMBER"] == 1
    # The gateway never saw the values: not in its audit, not in its log.
    for text in (gateway.audit_path.read_text(), gateway.log_tail(10**6)):
        assert MRN not in text and NAME not in text


async def test_a_looser_local_policy_does_not_let_a_secret_out(jp_fetch, gateway) -> None:
    before = len(gateway.audit_records())
    code, body, _ = await refused(jp_fetch, "safeai", "chat", method="POST",
                                  body=chat_body(f"my key is {SECRET}", acknowledge=True))
    assert code == 422 and body["reason"] == "blocked" and body["policy"]["secret"] == "block"
    assert gateway.audit_records()[before:] == []  # it never left this server
    # The same without the key is answered.
    response = await jp_fetch("safeai", "chat", method="POST", request_timeout=180,
                              body=chat_body("my key is"))
    assert events_of(response.body)[-1]["type"] == "done"


async def test_the_gateways_refusals_come_through_unchanged(jp_fetch, gateway) -> None:
    code, body, _ = await refused(jp_fetch, "safeai", "chat", method="POST",
                                  body=chat_body("hello", model="not-approved"))
    assert code == 403 and "not an approved model" in body["message"]


async def test_a_busy_gateway_answers_429_with_retry_after(jp_fetch, gateway) -> None:
    """The gateway lets one chat in at a time (max_waiting 0): of six at once, some are
    answered and the rest refused with Retry-After, passed on by the client server."""

    async def one() -> tuple[int, object]:
        try:
            response = await jp_fetch("safeai", "chat", method="POST", request_timeout=180,
                                      body=chat_body("Write a haiku about rain."))
        except HTTPClientError as exc:
            return exc.code, exc.response
        return response.code, response

    results = await asyncio.gather(*(one() for _ in range(6)))
    codes = sorted(code for code, _ in results)
    assert set(codes) == {200, 429}, codes
    for code, response in results:
        if code == 429:
            assert int(response.headers["Retry-After"]) >= 1
        else:
            assert events_of(response.body)[-1]["type"] == "done"


async def test_scans_run_here_under_the_gateways_floor(jp_fetch, gateway) -> None:
    response = await jp_fetch("safeai", "scan", method="POST",
                              body=json.dumps({"text": f"key {SECRET}"}))
    decision = json.loads(response.body)
    assert decision["action"] == "block" and decision["counts"] == {"AWS_ACCESS_KEY": 1}


class TestGatewayDown:
    @pytest.fixture
    def safeai_config(self, monkeypatch) -> dict:
        monkeypatch.setenv(TOKEN_ENV, "unused")
        return {"gateway_url": f"http://127.0.0.1:{free_port()}/", "gateway_token_env":
                TOKEN_ENV}

    async def test_nothing_is_sent_and_the_answer_says_why(self, jp_fetch, caplog) -> None:
        code, body, _ = await refused(jp_fetch, "safeai", "chat", method="POST",
                                      body=chat_body(PROMPT))
        assert code == 503 and "gateway" in body["message"] and "127.0.0.1" in body["message"]
        assert MRN not in json.dumps(body) and MRN not in caplog.text
        code, _, _ = await refused(jp_fetch, "safeai", "policy")
        assert code == 503
        listing = json.loads((await jp_fetch("safeai", "models")).body)
        assert listing["models"] == [] and "cannot connect" in listing["error"]
        # completions: off, and a request is refused without anything sent
        limits = json.loads((await jp_fetch("safeai", "complete")).body)
        assert limits["enabled"] is False
        code, body, _ = await refused(jp_fetch, "safeai", "complete", method="POST",
                                      body=json.dumps({"prefix": PROMPT}))
        assert code == 503 and MRN not in json.dumps(body) and MRN not in caplog.text
