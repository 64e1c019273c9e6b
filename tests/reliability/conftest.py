"""Shared by the reliability tests: a recording stand-in for the model, and the check
that the server still answers a normal request after a hostile one."""

from __future__ import annotations

import json

import pytest

from jupyter_safeai.models import LocalModel
from jupyter_safeai.server import completions

#: A normal prompt and what the scanner must say about it, for the "still serving" check.
NORMAL = "Patient John Smith, MRN: 00483920, asks about metformin."
NORMAL_ENTITIES = ["PERSON", "MEDICAL_RECORD_NUMBER"]


@pytest.fixture
def model_calls(monkeypatch) -> list[list[dict]]:
    """Generation replaced by a recorder that echoes the last message it was sent (so an
    answer shows what reached the model) instead of running llama.cpp."""
    calls: list[list[dict]] = []

    async def echo(self, messages, max_tokens):
        calls.append(messages)
        text = messages[-1]["content"][:200]
        for i in range(0, len(text), 8):
            yield text[i:i + 8]

    async def echo_completion(model, prefix, suffix, max_tokens):
        calls.append([{"role": "user", "content": prefix + suffix}])
        for i in range(0, min(len(prefix), 64), 8):
            yield prefix[i:i + 8]

    monkeypatch.setattr(LocalModel, "stream_chat", echo)
    monkeypatch.setattr(completions, "stream_completion", echo_completion)
    return calls


@pytest.fixture
def assert_serving(jp_fetch):
    """After a hostile request: a normal scan gets its usual answer, a normal chat is
    answered (`chat=True`: only in tests that use `model_calls`), and the Jupyter
    server is up."""

    async def check(chat: bool = False) -> None:
        scan = json.loads((await jp_fetch("safeai", "scan", method="POST",
                                          body=json.dumps({"text": NORMAL}))).body)
        assert [f["entity"] for f in scan["findings"]] == NORMAL_ENTITIES
        if chat:
            body = json.dumps({"messages": [{"role": "user", "content": NORMAL}]})
            response = await jp_fetch("safeai", "chat", method="POST", body=body)
            events = [json.loads(line) for line in response.body.decode().splitlines()]
            assert (events[0]["type"], events[-1]["type"]) == ("gate", "done")
        assert (await jp_fetch("api", "status")).code == 200

    return check
