"""REST API of the server extension, against an in-process Jupyter server (pytest-jupyter)."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path

import pytest
from jupyter_server.utils import url_path_join
from tornado.httpclient import AsyncHTTPClient, HTTPClientError

from jupyter_safeai.models import EMBEDDED_DEFAULT_MODEL, LocalModel
from tests.server_api import chat_body, events_of, refused

SSN = "219-09-9999"


async def refused_hello(jp_fetch) -> tuple[int, str]:
    """The status and message of a chat that must be refused whatever it asks."""
    code, answer, _ = await refused(jp_fetch, "safeai", "chat", method="POST",
                                    body=chat_body("hello"))
    return code, answer.get("message", "")


async def test_models_lists_the_embedded_default(jp_fetch) -> None:
    response = await jp_fetch("safeai", "models")
    listing = json.loads(response.body)
    assert listing["default"] == "SmolLM2-135M-Instruct"
    (model,) = listing["models"]
    assert model["license"] == "Apache-2.0"
    assert model["model_card"].startswith("https://")
    assert model["state"] in {"not_loaded", "verifying", "loading", "loaded"}


async def test_chat_streams_real_tokens_from_the_default_model(jp_fetch) -> None:
    response = await jp_fetch(
        "safeai", "chat", method="POST",
        body=chat_body("Write a Python function that returns the square of a number."),
        request_timeout=300,
    )
    assert response.headers["Content-Type"].startswith("application/x-ndjson")
    events = events_of(response.body)
    assert events[0] == {"type": "gate", "action": "send", "counts": {}, "redacted": {},
                         "policy": {"phi": "redact", "secret": "block", "genomic": "redact"},
                         "notes": []}
    tokens = [e["content"] for e in events if e["type"] == "token"]
    done = events[-1]
    assert done["type"] == "done", events[-3:]
    assert done["model"] == "SmolLM2-135M-Instruct"
    assert done["tokens"] >= len(tokens) >= 5
    assert "".join(tokens).strip(), "the model produced only whitespace"
    listing = json.loads((await jp_fetch("safeai", "models")).body)
    assert listing["models"][0]["loaded"] is True


@pytest.mark.parametrize(("method", "path"), [("GET", "models"), ("POST", "chat")])
async def test_unauthenticated_requests_are_refused(
    http_server, jp_base_url, jp_http_port, method: str, path: str
) -> None:
    url = f"http://localhost:{jp_http_port}" + url_path_join(jp_base_url, "safeai", path)
    body = chat_body("hello") if method == "POST" else None
    with pytest.raises(HTTPClientError) as caught:
        await AsyncHTTPClient().fetch(url, method=method, body=body)
    assert caught.value.code == 403


async def test_prompt_with_ssn_is_refused_before_the_model_under_a_blocking_policy(
    jp_fetch, monkeypatch, caplog
) -> None:
    calls = []

    async def recording_stream(self, messages, max_tokens):  # pragma: no cover - must not run
        calls.append(messages)
        yield "leaked"

    monkeypatch.setattr(LocalModel, "stream_chat", recording_stream)
    caplog.set_level(logging.DEBUG)
    code, body, response = await refused(
        jp_fetch, "safeai", "chat", method="POST",
        body=chat_body(f"My patient's SSN is {SSN}, fix my code", policy={"phi": "block"}))
    assert code == 422
    assert body["counts"] == {"US_SSN": 1}
    (finding,) = body["findings"]
    assert (finding["entity"], finding["start"], finding["end"]) == ("US_SSN", 20, 31)
    assert calls == []
    raw = response.body.decode()
    for fragment in (SSN, "219-09", "09-9999", "9999"):
        assert fragment not in raw
        assert fragment not in caplog.text


async def test_unapproved_model_is_refused(jp_fetch) -> None:
    code, _, _ = await refused(jp_fetch, "safeai", "chat", method="POST",
                               body=chat_body("hi", model="gpt-4"))
    assert code == 403


@pytest.mark.parametrize(
    "body",
    ["not json", "[]", '{"messages": []}', '{"messages": [{"role": "wizard", "content": "x"}]}',
     '{"messages": [{"role": "user", "content": 5}]}'],
)
async def test_malformed_bodies_get_400(jp_fetch, body: str) -> None:
    code, _, _ = await refused(jp_fetch, "safeai", "chat", method="POST", body=body)
    assert code == 400


class TestTamperedWeights:
    @pytest.fixture
    def safeai_config(self, tmp_path: Path) -> dict:
        weights = tmp_path / "tampered.gguf"
        weights.write_bytes(b"GGUF" + b"\0" * 128)
        entry = {k: v for k, v in EMBEDDED_DEFAULT_MODEL.items() if k != "package_resource"}
        entry["path"] = str(weights)
        return {"approved_models": [entry], "preload_default_model": False}

    async def test_the_checksum_failure_shows_in_the_list_and_chat_is_refused(
            self, jp_fetch, jp_serverapp) -> None:
        """The check the server runs at start finds the mismatch; nothing is loaded."""
        service = jp_serverapp.web_app.settings["safeai_models"]
        await asyncio.to_thread(service.start_background_checks(preload_default=False).join)
        listing = json.loads((await jp_fetch("safeai", "models")).body)
        (model,) = listing["models"]
        assert model["state"] == "error" and "sha256 mismatch" in model["error"]
        assert model["loaded"] is False
        code, message = await refused_hello(jp_fetch)
        assert code == 503 and "sha256 mismatch" in message


class TestBadConfiguration:
    @pytest.fixture
    def safeai_config(self) -> dict:
        return {"approved_models": [EMBEDDED_DEFAULT_MODEL, EMBEDDED_DEFAULT_MODEL]}

    async def test_server_runs_and_says_why_no_model_is_available(self, jp_fetch) -> None:
        listing = json.loads((await jp_fetch("safeai", "models")).body)
        assert listing["models"] == []
        assert "listed twice" in listing["error"]
        code, _ = await refused_hello(jp_fetch)
        assert code == 503
        status = await jp_fetch("api", "status")
        assert status.code == 200


def test_no_safeai_endpoint_is_left_unauthenticated(recwarn, jp_serverapp) -> None:
    """jupyter-server warns about handlers without an auth decorator; none may be ours."""
    from jupyter_server.utils import JupyterServerAuthWarning

    unguarded = [str(w.message) for w in recwarn if issubclass(w.category,
                                                               JupyterServerAuthWarning)]
    assert not any("safeai" in message for message in unguarded), unguarded
    routes = [rule.matcher.regex.pattern for rule in jp_serverapp.web_app.default_router.rules
              for rule in getattr(rule.target, "rules", [])]
    assert any("safeai/chat" in route for route in routes), "extension routes not loaded"


class TestSlowScanner:
    @pytest.fixture
    def safeai_config(self) -> dict:
        return {"scan_timeout": 0.2, "preload_default_model": False}

    async def test_a_scan_that_outlasts_the_limit_blocks_the_prompt(
        self, jp_fetch, monkeypatch
    ) -> None:
        import time as clock

        from jupyter_safeai.server import handlers

        def slow_gate(*args, **kwargs):
            clock.sleep(1)
            raise AssertionError("the gate's answer must not be waited for")

        monkeypatch.setattr(handlers, "check_prompt", slow_gate)
        monkeypatch.setattr(LocalModel, "stream_chat", None)  # calling it would raise
        code, message = await refused_hello(jp_fetch)
        assert code == 422 and "did not finish within 0.2 s" in message


class TestChatBeforeCompletions:
    @pytest.fixture
    def safeai_config(self) -> dict:
        return {"preload_default_model": False}

    async def test_a_chat_is_announced_to_a_local_model_before_its_scan(
        self, jp_fetch, monkeypatch
    ) -> None:
        """So a running completion stops while the chat's prompt is scanned, and none
        starts until the chat is answered."""
        import contextlib

        from jupyter_safeai.server import handlers

        order: list[str] = []
        announce, check = LocalModel.chat_ahead, handlers.check_prompt

        @contextlib.contextmanager
        def recording_ahead(self):
            order.append("announced")
            with announce(self):
                yield
            order.append("withdrawn")

        def recording_check(*args, **kwargs):
            order.append("scanned")
            return check(*args, **kwargs)

        async def answer(self, messages, max_tokens):
            order.append("answered")
            yield "ok"

        monkeypatch.setattr(LocalModel, "chat_ahead", recording_ahead)
        monkeypatch.setattr(handlers, "check_prompt", recording_check)
        monkeypatch.setattr(LocalModel, "stream_chat", answer)
        await jp_fetch("safeai", "chat", method="POST", body=chat_body("hello"))
        assert order == ["announced", "scanned", "answered", "withdrawn"]
