"""The remote-model path against a real OpenAI-compatible server, not a fake one:
`python -m llama_cpp.server` (llama-cpp-python's own server) with the embedded model,
started by the test on 127.0.0.1. vLLM speaks the same API (see README, For admins).
"""

from __future__ import annotations

import json
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from jupyter_safeai.models import EMBEDDED_DEFAULT_MODEL, ApprovedModel
from jupyter_safeai.models.remote import RemoteModel
from jupyter_safeai.models.runtime import ModelState
from tests.processes import free_port, running, wait_until
from tests.server_api import events_of

pytest.importorskip("uvicorn", reason="llama-cpp-python[server] is not installed")
pytest.importorskip("sse_starlette", reason="llama-cpp-python[server] is not installed")

ALIAS = "site-llama"
PROMPT = "Patient John Smith, MRN: 00483920, asks how to plot glucose by month."


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory) -> Iterator[str]:
    weights = ApprovedModel.from_config(EMBEDDED_DEFAULT_MODEL).weights_path()
    port = free_port()
    log = tmp_path_factory.mktemp("llama-server") / "server.log"
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(weights),
               "--model_alias", ALIAS, "--host", "127.0.0.1", "--port", str(port),
               "--n_ctx", "2048", "--verbose", "False"]
    url = f"http://127.0.0.1:{port}"

    def serves_the_model() -> bool:
        with urllib.request.urlopen(url + "/v1/models", timeout=2) as response:  # noqa: S310
            return json.loads(response.read())["data"][0]["id"] == ALIAS

    with running(command, None, log) as process:
        wait_until(serves_the_model, process, log, what="llama_cpp.server", timeout=120)
        # llama.cpp's first answer after a load is much slower than the rest: pay it here
        warm_up = json.dumps({"messages": [{"role": "user", "content": "Hello."}],
                              "max_tokens": 2}).encode()
        request = urllib.request.Request(url + "/v1/chat/completions", data=warm_up,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=180) as response:  # noqa: S310
            response.read()
        yield url


@pytest.fixture
def safeai_config(llama_server: str) -> dict:
    remote = {"name": ALIAS, "url": llama_server + "/v1", "remote_model": ALIAS,
              "license": "Apache-2.0", "model_card": "https://intranet.example.org/site-llama"}
    return {"approved_models": [EMBEDDED_DEFAULT_MODEL, remote], "default_model": ALIAS,
            "preload_default_model": False, "max_new_tokens": 16}


async def test_a_chat_streams_from_the_real_server_through_the_gate(jp_fetch,
                                                                   audit_path: Path) -> None:
    response = await jp_fetch("safeai", "chat", method="POST", request_timeout=180,
                              body=json.dumps({
        "messages": [{"role": "user", "content": PROMPT}], "client": "sidebar"}))
    events = events_of(response.body)
    assert events[0]["type"] == "gate" and events[0]["action"] == "redact"
    tokens = [e["content"] for e in events if e["type"] == "token"]
    done = events[-1]
    assert done["type"] == "done" and done["model"] == ALIAS
    assert done["tokens"] >= 2 and "".join(tokens).strip()
    (record,) = [json.loads(line) for line in audit_path.read_text().splitlines()]
    assert (record["model"], record["decision"], record["tokens_out"]) == (
        ALIAS, "redacted", done["tokens"])
    assert "00483920" not in audit_path.read_text()


async def test_closing_early_leaves_the_server_ready_for_the_next(llama_server: str) -> None:
    spec = ApprovedModel.from_config({"name": ALIAS, "url": llama_server, "license": "x"})
    model = RemoteModel(spec, read_timeout=60)
    messages = [{"role": "user", "content": "Count from one to fifty in words."}]
    stream = model.stream_chat(messages, 200)
    first = [await stream.__anext__(), await stream.__anext__()]
    await stream.aclose()  # closes the socket: the server stops generating
    assert all(isinstance(piece, str) for piece in first)
    started = time.perf_counter()
    again = [piece async for piece in model.stream_chat(messages, 8)]
    assert again and model.state is ModelState.LOADED
    # had the first answer run on to 200 tokens, this one would wait for it
    assert time.perf_counter() - started < 30
