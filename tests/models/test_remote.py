"""RemoteModel against a fake OpenAI-compatible server on loopback (no other network)."""

from __future__ import annotations

import asyncio
import json
import shutil
import socket
import ssl
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from jupyter_safeai.models.base import ModelState, ModelUnavailable
from jupyter_safeai.models.registry import ApprovedModel, ModelConfigError
from jupyter_safeai.models.remote import RemoteModel, SSEParser
from tests.models.fake_openai import FakeOpenAI, delta, sse

PROMPT = "Summarise the visit of Jane Roe, MRN 40017733"
MESSAGES = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": PROMPT}]
TOKEN = "sk-test-5f1d0c9e7a"


@dataclass(frozen=True)
class Spec:
    """Duck-typed stand-in for ApprovedModel with the remote fields."""

    url: str
    name: str = "remote-llm"
    remote_model: str | None = None
    api_key_env: str | None = None
    ca_file: str | None = None
    license: str = "Apache-2.0"
    model_card: str = "https://example.org/card"
    context_length: int = 8192
    phi_allowed: bool = False
    generation: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> dict[str, Any]:
        # Includes the url on purpose: RemoteModel.describe must drop it.
        return {"name": self.name, "license": self.license, "model_card": self.model_card,
                "context_length": self.context_length, "phi_allowed": self.phi_allowed,
                "url": self.url}


def remote(url: str, **fields: Any) -> RemoteModel:
    timeouts = {k: fields.pop(k) for k in ("connect_timeout", "read_timeout", "probe_timeout")
                if k in fields}
    return RemoteModel(Spec(url=url, **fields), **{"read_timeout": 5.0, **timeouts})


async def collect(model: RemoteModel, max_tokens: int = 32) -> list[str]:
    return [piece async for piece in model.stream_chat(MESSAGES, max_tokens)]


async def test_tokens_stream_in_order_and_incrementally(fake_openai: FakeOpenAI) -> None:
    fake_openai.chunks = ["The", " visit", " went", " well", "."]
    fake_openai.delay = 0.05
    model = remote(fake_openai.url)
    pieces = []
    async for piece in model.stream_chat(MESSAGES, 32):
        if not pieces:
            # The first piece is here while the server is still generating.
            assert not fake_openai.last_chunk_sent.is_set()
        pieces.append(piece)
    assert pieces == ["The", " visit", " went", " well", "."]
    assert model.state is ModelState.LOADED and model.error is None


async def test_request_body_is_exactly_what_is_sent(fake_openai: FakeOpenAI) -> None:
    model = remote(fake_openai.url, remote_model="Qwen/Qwen2.5-7B-Instruct",
                   generation={"temperature": 0.1, "top_p": 0.9})
    await collect(model, max_tokens=64)
    [chat] = fake_openai.chats
    assert chat.method == "POST" and chat.path == "/v1/chat/completions"
    assert chat.body == {"model": "Qwen/Qwen2.5-7B-Instruct", "messages": MESSAGES,
                         "max_tokens": 64, "stream": True, "temperature": 0.1, "top_p": 0.9}
    assert chat.headers["Content-Type"] == "application/json"
    assert "Authorization" not in chat.headers


async def test_defaults_match_local_model(fake_openai: FakeOpenAI) -> None:
    """Model id defaults to the name, temperature to LocalModel's 0.2, and a `generation`
    max_tokens can only lower the server's cap."""
    await collect(remote(fake_openai.url, generation={"max_tokens": 16}), max_tokens=64)
    await collect(remote(fake_openai.url, generation={"max_tokens": 999}), max_tokens=64)
    first, second = (chat.body for chat in fake_openai.chats)
    assert first["model"] == "remote-llm" and first["temperature"] == 0.2
    assert first["max_tokens"] == 16 and second["max_tokens"] == 64


@pytest.mark.parametrize("key", ["model", "messages", "stream"])
def test_generation_cannot_override_protocol_keys(key: str) -> None:
    with pytest.raises(ModelConfigError, match=key):
        remote("http://127.0.0.1:1", generation={key: "x"})


async def test_bearer_token_is_sent_and_never_shown(
        fake_openai: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAFEAI_TEST_TOKEN", TOKEN)
    model = remote(fake_openai.url, api_key_env="SAFEAI_TEST_TOKEN")
    await model.ensure_loaded()
    await collect(model)
    assert [r.headers["Authorization"] for r in fake_openai.requests] == [f"Bearer {TOKEN}"] * 2
    fake_openai.mode = "error"
    with pytest.raises(ModelUnavailable) as caught:
        await collect(model)
    shown = json.dumps(model.describe()) + str(caught.value) + repr(vars(model))
    assert TOKEN not in shown


async def test_missing_token_variable_is_an_error_naming_the_variable(
        fake_openai: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SAFEAI_TEST_TOKEN", raising=False)
    model = remote(fake_openai.url, api_key_env="SAFEAI_TEST_TOKEN")
    with pytest.raises(ModelUnavailable, match="SAFEAI_TEST_TOKEN"):
        await collect(model)
    assert model.state is ModelState.ERROR and not fake_openai.requests


async def test_early_close_aborts_the_request(fake_openai: FakeOpenAI) -> None:
    fake_openai.chunks = [f"t{i} " for i in range(20)]
    fake_openai.delay = 0.3
    model = remote(fake_openai.url)
    stream = model.stream_chat(MESSAGES, 32)
    assert await anext(stream) == "t0 "
    await stream.aclose()
    # The socket is closed at once: the server notices before it sends its next chunk.
    await asyncio.wait_for(fake_openai.client_gone.wait(), 0.2)
    assert fake_openai.chunks_sent == 1
    assert not model._open


async def test_breaking_out_of_the_loop_also_aborts(fake_openai: FakeOpenAI) -> None:
    """A consumer that breaks without aclose(): the dropped generator is closed by asyncio's
    async-generator finalizer, which still closes the socket."""
    fake_openai.chunks = [f"t{i} " for i in range(20)]
    fake_openai.delay = 0.3
    model = remote(fake_openai.url)
    async for piece in model.stream_chat(MESSAGES, 32):
        assert piece == "t0 "
        break
    await asyncio.wait_for(fake_openai.client_gone.wait(), 0.2)
    assert fake_openai.chunks_sent == 1


async def test_http_500_names_the_status_not_the_prompt(fake_openai: FakeOpenAI) -> None:
    model = remote(fake_openai.url)
    await collect(model)
    fake_openai.mode = "error"
    with pytest.raises(ModelUnavailable) as caught:
        await collect(model)
    message = str(caught.value)
    assert "500" in message and "remote-llm" in message and "127.0.0.1" in message
    assert "Jane Roe" not in message and "bad request" not in message
    # The endpoint answered: one failed request does not take the model out of service.
    assert model.state is ModelState.LOADED


@pytest.mark.parametrize("status", [401, 403])
async def test_refused_credentials_put_the_model_in_error(
        fake_openai: FakeOpenAI, status: int) -> None:
    fake_openai.mode, fake_openai.error_status = "error", status
    model = remote(fake_openai.url)
    with pytest.raises(ModelUnavailable, match=str(status)):
        await collect(model)
    assert model.state is ModelState.ERROR


async def test_unreachable_then_recovers() -> None:
    fake = FakeOpenAI()  # port bound but not listening: connections are refused
    try:
        model = remote(fake.url)
        with pytest.raises(ModelUnavailable) as caught:
            await model.ensure_loaded()
        assert model.state is ModelState.ERROR
        assert model.error == str(caught.value)
        assert "remote-llm" in model.error and "ConnectionRefusedError" in model.error
        with pytest.raises(ModelUnavailable, match="ConnectionRefusedError"):
            await collect(model)
        assert model.describe()["state"] == "error"

        await fake.start()
        assert await collect(model) == ["Hello", ",", " world", "!"]
        assert model.state is ModelState.LOADED and model.error is None

        other = remote(fake.url)
        await other.ensure_loaded()
        assert other.state is ModelState.LOADED
    finally:
        await fake.stop()


async def test_ensure_loaded_tolerates_missing_models_route(fake_openai: FakeOpenAI) -> None:
    fake_openai.models_status = 404
    model = remote(fake_openai.url)
    await model.ensure_loaded()
    assert model.state is ModelState.LOADED
    assert [r.path for r in fake_openai.requests] == ["/v1/models"]
    await model.ensure_loaded()  # loaded: no second request
    assert len(fake_openai.requests) == 1


@pytest.mark.parametrize("status", [500, 503, 401])
async def test_ensure_loaded_fails_on_a_broken_endpoint(
        fake_openai: FakeOpenAI, status: int) -> None:
    fake_openai.models_status = status
    model = remote(fake_openai.url)
    with pytest.raises(ModelUnavailable, match=f"HTTP {status}"):
        await model.ensure_loaded()
    assert model.state is ModelState.ERROR


async def test_load_blocks_in_a_worker_thread(fake_openai: FakeOpenAI) -> None:
    """ModelService.preload calls `load()` in a thread; it must work there."""
    model = remote(fake_openai.url)
    await asyncio.to_thread(model.load)
    assert model.state is ModelState.LOADED


async def test_sse_comments_keepalives_and_done(fake_openai: FakeOpenAI) -> None:
    fake_openai.mode = "raw"
    fake_openai.delay = 0.001
    snowman = "☃".encode()
    fake_openai.raw = [
        b": keep-alive\n\n",
        sse(delta(role="assistant")),
        b"event: message\r\nid: 1\r\ndata:" + json.dumps(delta("a")).encode() + b"\r\n\r\n",
        b": ping\n\n",
        b"data: " + json.dumps(delta("b")).encode()[:10],  # an event split across reads
        json.dumps(delta("b")).encode()[10:] + b"\n\n",
        b'data: {"choices": [{"index": 0, "delta": {"content": null}}]}\n\n',
        b'data: {"choices": [{"index": 1, "delta": {"content": "other choice"}}]}\n\n',
        b'data: {"choices": [], "usage": {"completion_tokens": 3}}\n\n',
        b'data: {"choices": [{"index": 0, "delta": {"content": "c' + snowman[:1],
        snowman[1:] + b'"}}]}\r',  # CR split from its LF
        b"\n\r\n",
        sse(delta(finish_reason="stop")),
        b"data: [DONE]\n\n",
        b"data: not json, and after [DONE]: never read\n\n",
    ]
    model = remote(fake_openai.url)
    assert await collect(model) == ["a", "b", "c☃"]


async def test_stream_without_done_but_with_finish_reason_is_complete(
        fake_openai: FakeOpenAI) -> None:
    fake_openai.mode = "raw"
    fake_openai.raw = [sse(delta("x")), sse(delta(finish_reason="length"))]
    assert await collect(remote(fake_openai.url)) == ["x"]


async def test_stream_ending_without_finish_is_an_error(fake_openai: FakeOpenAI) -> None:
    fake_openai.mode = "raw"
    fake_openai.raw = [sse(delta("x"))]
    with pytest.raises(ModelUnavailable, match="ended before the answer was complete"):
        await collect(remote(fake_openai.url))


@pytest.mark.parametrize("raw", [
    b'data: {"choices": [{"delta": {"content": "Jane Roe' + b"\n\n",
    b'data: ["Jane Roe"]\n\n',
    b'data: {"choices": [{"delta": {"content": ["Jane Roe"]}}]}\n\n',
    b"data: \xff\xfeJane Roe\n\n",
])
async def test_malformed_sse_is_unavailable_without_content(
        fake_openai: FakeOpenAI, raw: bytes) -> None:
    fake_openai.mode = "raw"
    fake_openai.raw = [sse(delta("ok")), raw, b"data: [DONE]\n\n"]
    model = remote(fake_openai.url)
    with pytest.raises(ModelUnavailable, match="malformed event stream") as caught:
        await collect(model)
    assert "Jane Roe" not in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


async def test_error_event_mid_stream_keeps_the_server_words_out(
        fake_openai: FakeOpenAI) -> None:
    fake_openai.mode = "raw"
    fake_openai.raw = [sse(delta("ok")),
                       sse({"error": {"message": f"context too long: {PROMPT}"}})]
    with pytest.raises(ModelUnavailable, match="reported an error") as caught:
        await collect(remote(fake_openai.url))
    assert "Jane Roe" not in str(caught.value)


async def test_dropped_connection_mid_stream(fake_openai: FakeOpenAI) -> None:
    fake_openai.mode = "drop"
    model = remote(fake_openai.url)
    pieces: list[str] = []
    with pytest.raises(ModelUnavailable, match="connection closed before the answer"):
        async for piece in model.stream_chat(MESSAGES, 32):
            pieces.append(piece)
    assert pieces == ["Hello", ","]


async def test_no_answer_times_out(fake_openai: FakeOpenAI) -> None:
    fake_openai.mode = "hang"
    model = remote(fake_openai.url, read_timeout=0.2)
    with pytest.raises(ModelUnavailable, match="TimeoutError"):
        await collect(model)
    await asyncio.wait_for(fake_openai.client_gone.wait(), 1)
    assert model.state is ModelState.NOT_LOADED


async def test_stall_mid_stream_times_out(fake_openai: FakeOpenAI) -> None:
    fake_openai.mode = "stall"
    model = remote(fake_openai.url, read_timeout=0.2)
    pieces: list[str] = []
    with pytest.raises(ModelUnavailable, match="mid-answer .TimeoutError"):
        async for piece in model.stream_chat(MESSAGES, 32):
            pieces.append(piece)
    assert pieces == ["Hello"]
    await asyncio.wait_for(fake_openai.client_gone.wait(), 1)


async def test_redirects_are_not_followed(fake_openai: FakeOpenAI) -> None:
    fake_openai.mode = "redirect"
    model = remote(fake_openai.url)
    with pytest.raises(ModelUnavailable, match="HTTP 302.*not followed") as caught:
        await collect(model)
    assert "example.invalid" not in str(caught.value)
    assert model.state is ModelState.ERROR


async def test_non_streamed_json_answer_is_one_piece(fake_openai: FakeOpenAI) -> None:
    fake_openai.mode = "json"
    assert await collect(remote(fake_openai.url)) == ["Hello, world!"]


@pytest.mark.parametrize("suffix", ["/", "/v1", "/v1/", "/proxy/llm", "/proxy/llm/v1"])
async def test_base_url_forms(fake_openai: FakeOpenAI, suffix: str) -> None:
    await collect(remote(fake_openai.url + suffix))
    expected = "/proxy/llm" if suffix.startswith("/proxy") else ""
    assert fake_openai.chats[0].path == expected + "/v1/chat/completions"


@pytest.mark.parametrize(("url", "match"), [
    ("ftp://llm.internal/", "scheme must be http or https"),
    ("file:///etc/passwd", "scheme must be http or https"),
    ("llm.internal:8000", "scheme must be http or https"),
    ("http://user:hunter2@llm.internal/", "credentials in the url are refused"),
    ("hunter2:x@llm.internal", "scheme must be http or https"),
    ("http:///v1", "no host"),
    ("http://llm.internal:99999/", "invalid port"),
    ("http://llm.internal/?key=hunter2", "must not have a query"),
    ("", "'url' is missing"),
])
def test_bad_urls_are_refused(url: str, match: str) -> None:
    with pytest.raises(ModelConfigError, match=match) as caught:
        remote(url)
    assert "hunter2" not in str(caught.value) and "remote-llm" in str(caught.value)


def test_describe_shows_the_host_only() -> None:
    model = remote("https://gpu-07.research.internal:8443/vllm/v1", api_key_env="SOME_VAR",
                   remote_model="meta-llama/Llama-3.1-8B-Instruct")
    info = model.describe()
    assert info == {"name": "remote-llm", "license": "Apache-2.0",
                    "model_card": "https://example.org/card", "context_length": 8192,
                    "phi_allowed": False, "state": "not_loaded", "loaded": False,
                    "error": None, "remote": True, "host": "gpu-07.research.internal"}


async def test_works_with_an_approved_model_entry(
        fake_openai: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAFEAI_TEST_TOKEN", TOKEN)
    spec = ApprovedModel.from_config({
        "name": "institution-llm", "license": "Llama-3.1", "url": fake_openai.url + "/v1",
        "remote_model": "meta-llama/Llama-3.1-8B-Instruct", "api_key_env": "SAFEAI_TEST_TOKEN",
        "generation": {"top_p": 0.5}})
    model = RemoteModel(spec)
    assert await collect(model) == ["Hello", ",", " world", "!"]
    [chat] = fake_openai.chats
    assert chat.body["model"] == "meta-llama/Llama-3.1-8B-Instruct"
    assert chat.body["top_p"] == 0.5
    assert chat.headers["Authorization"] == f"Bearer {TOKEN}"
    info = model.describe()
    assert info["remote"] is True and info["host"] == "127.0.0.1" and info["loaded"] is True
    assert fake_openai.url not in json.dumps(info) and TOKEN not in json.dumps(info)


async def test_close_aborts_requests_in_flight(fake_openai: FakeOpenAI) -> None:
    fake_openai.delay = 0.5
    model = remote(fake_openai.url)
    stream = model.stream_chat(MESSAGES, 32)
    assert await anext(stream) == "Hello"
    model.close()
    await asyncio.wait_for(fake_openai.client_gone.wait(), 0.2)
    assert model.state is ModelState.NOT_LOADED
    with pytest.raises(ModelUnavailable, match="connection closed"):
        await anext(stream)


@pytest.mark.parametrize("cut", range(1, 40))
def test_sse_parser_any_split(cut: int) -> None:
    text = b": hi\r\ndata: {\"a\":\r\ndata: 1}\r\n\r\nevent: x\ndata: [DONE]\n\n"
    parser = SSEParser()
    events = parser.feed(text[:cut]) + parser.feed(text[cut:]) + parser.flush()
    assert events == ['{"a":\n1}', "[DONE]"]


def _self_signed(tmp_path: Path) -> tuple[Path, Path]:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True)
    return cert, key


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
async def test_https_verifies_the_certificate(tmp_path: Path) -> None:
    cert, key = _self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    fake = await FakeOpenAI(ssl_context=context).start()
    try:
        untrusted = remote(fake.url)
        with pytest.raises(ModelUnavailable, match="cannot connect .SSL"):
            await untrusted.ensure_loaded()
        assert untrusted.state is ModelState.ERROR
        trusted = remote(fake.url, ca_file=str(cert))
        assert await collect(trusted) == ["Hello", ",", " world", "!"]
    finally:
        await fake.stop()


def test_refused_port_helper_is_really_refused() -> None:
    """The unreachable test relies on a bound, non-listening socket refusing connections."""
    fake = FakeOpenAI()
    try:
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", fake.port), timeout=1).close()
    finally:
        fake.socket.close()
