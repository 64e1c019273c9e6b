"""The shared llama.cpp runtime with the real embedded model: cancellation, idle unload,
and weights that pass the checksum but are not a model."""

from __future__ import annotations

import asyncio
import hashlib
import time
from pathlib import Path

import pytest

from jupyter_safeai.models import (
    EMBEDDED_DEFAULT_MODEL,
    ApprovedModel,
    LocalModel,
    ModelService,
    ModelState,
    ModelUnavailable,
)

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


async def test_a_restored_weights_file_is_checked_again_after_a_while(
        tmp_path: Path, monkeypatch) -> None:
    source = ApprovedModel.from_config(EMBEDDED_DEFAULT_MODEL).weights_path()
    weights = tmp_path / "model.gguf"
    entry = {k: v for k, v in EMBEDDED_DEFAULT_MODEL.items() if k != "package_resource"}
    weights.write_bytes(source.read_bytes())
    model = LocalModel(ApprovedModel.from_config({**entry, "path": str(weights)}))
    weights.unlink()  # gone after the server started
    with pytest.raises(ModelUnavailable, match="not found"):
        await model.ensure_loaded()
    weights.write_bytes(source.read_bytes())  # the admin puts the file back
    assert not model.recheck_due()
    with pytest.raises(ModelUnavailable, match="not found"):  # not re-read at once
        await model.ensure_loaded()
    clock = time.monotonic() + model.RECHECK_SECONDS
    monkeypatch.setattr("jupyter_safeai.models.runtime.time.monotonic", lambda: clock)
    assert model.recheck_due()
    await model.ensure_loaded()
    assert (model.state, model.error) == (ModelState.LOADED, None)


class TestAdmissionEstimate:
    """Retry-After comes from the model's time per answer, not from how long a queued
    request waited: a queue of quick answers must not promise a long wait."""

    @pytest.fixture
    def clock(self, monkeypatch) -> list[float]:
        now = [1000.0]
        monkeypatch.setattr("jupyter_safeai.models.runtime.time.monotonic", lambda: now[0])
        return now

    def test_the_first_answer_replaces_the_guess(self, clock) -> None:
        from jupyter_safeai.models.runtime import Admission

        admission = Admission(max_waiting=3)
        assert admission.try_enter()
        assert admission.try_enter()
        before = admission.retry_after()
        clock[0] += 1.0
        admission.leave(1.0)
        assert admission.retry_after() == 1 < before  # one waiting x 1 s, not x 5 s

    def test_queued_answers_count_their_service_not_their_wait(self, clock) -> None:
        from jupyter_safeai.models.runtime import Admission

        admission = Admission(max_waiting=8)
        for _ in range(5):
            assert admission.try_enter()
        for done in range(1, 5):  # each answer takes 2 s; the n-th waited 2(n-1) s first
            clock[0] += 2.0
            admission.leave(2.0 * done)
        assert admission.pending == 1
        assert admission.retry_after() == 2
