"""The shared llama.cpp runtime with the real embedded model: cancellation, idle unload,
and weights that pass the checksum but are not a model."""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path

import pytest

from jupyter_safeai.models import EMBEDDED_DEFAULT_MODEL, ApprovedModel, LocalModel, ModelState
from jupyter_safeai.models.runtime import ModelService, ModelUnavailable

QUESTION = [{"role": "user", "content": "Write a long story about a cat, in detail."}]


@pytest.fixture(scope="module")
def model() -> LocalModel:
    loaded = LocalModel(ApprovedModel.from_config(EMBEDDED_DEFAULT_MODEL))
    loaded.load()
    return loaded


async def test_closing_the_stream_stops_generation_within_a_token(model, monkeypatch) -> None:
    emitted: list[str] = []
    original = model._generate

    def counting(messages, max_tokens, emit, cancel):
        def tap(piece: str) -> None:
            emitted.append(piece)
            emit(piece)

        original(messages, max_tokens, tap, cancel)

    monkeypatch.setattr(model, "_generate", counting)
    stream = model.stream_chat(QUESTION, max_tokens=400)
    received = [await anext(stream) for _ in range(3)]
    await stream.aclose()  # waits for the worker thread to leave the generation loop
    assert len(received) == 3
    assert len(emitted) <= len(received) + 2, "generation went on after the client left"
    # the model is free again at once for the next request
    pieces = [p async for p in model.stream_chat(QUESTION, max_tokens=5)]
    assert pieces


async def test_an_idle_model_is_unloaded_and_loads_again_on_demand() -> None:
    service = ModelService.from_config([EMBEDDED_DEFAULT_MODEL], EMBEDDED_DEFAULT_MODEL["name"])
    (model,) = service.models.values()
    await model.ensure_loaded()
    assert service.unload_idle(3600) == []  # used a moment ago
    model.last_used -= 7200
    assert service.unload_idle(3600) == [model.spec.name]
    assert model.state is ModelState.NOT_LOADED
    pieces = [p async for p in model.stream_chat(QUESTION, max_tokens=3)]
    assert pieces and model.state is ModelState.LOADED
    service.close()


async def test_a_file_that_matches_its_sha256_but_is_no_gguf_is_refused(tmp_path: Path) -> None:
    weights = tmp_path / "corrupt.gguf"
    weights.write_bytes(b"GGUF" + bytes(range(256)) * 64)
    entry = {"name": "corrupt", "path": str(weights), "license": "MIT",
             "sha256": hashlib.sha256(weights.read_bytes()).hexdigest()}
    model = LocalModel(ApprovedModel.from_config(entry))
    with pytest.raises(ModelUnavailable, match="failed to load"):
        await model.ensure_loaded()
    assert model.state is ModelState.ERROR
    with pytest.raises(ModelUnavailable):  # and it is not tried again
        await asyncio.wait_for(model.ensure_loaded(), 5)
