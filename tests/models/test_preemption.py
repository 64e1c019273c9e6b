"""A chat stops a completion in the middle of llama.cpp's batch, with the real embedded
model: the completion's context is left consistent and the chat goes next."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from jupyter_safeai.models import EMBEDDED_DEFAULT_MODEL, ApprovedModel, LocalModel, Preempted
from jupyter_safeai.models.abort import AbortFlag
from jupyter_safeai.models.completion import stream_completion
from jupyter_safeai.models.runtime import Priority

CELL = "".join(f"values_{i} = df['column_{i}'].dropna().astype(float)\n" for i in range(10))


@pytest.fixture(scope="module")
def model() -> LocalModel:
    loaded = LocalModel(ApprovedModel.from_config(EMBEDDED_DEFAULT_MODEL), n_threads=2)
    loaded.load()
    return loaded


@pytest.fixture(scope="module")
def llama(model: LocalModel):
    return type(model._llama)(model_path=str(model._weights), n_ctx=1024, n_threads=2,
                              verbose=False)


def test_a_flag_set_during_a_batch_drops_it_and_a_cleared_one_lets_it_through(llama) -> None:
    tokens = llama.tokenize(CELL.encode())
    flag = AbortFlag()
    assert flag.attach(llama)
    llama.reset()
    started, outcome = threading.Event(), []

    def read_a_long_batch() -> None:
        started.set()
        try:
            llama.eval(tokens * 4)  # far longer than the flag takes to be set
            outcome.append("read")
        except RuntimeError:
            outcome.append("dropped")

    reader = threading.Thread(target=read_a_long_batch)
    reader.start()
    started.wait(10)
    flag.set()
    reader.join(60)
    assert outcome == ["dropped"]
    assert llama.n_tokens == 0  # nothing of the dropped batch counts as read
    flag.clear()
    llama.eval(tokens[:-1])
    assert llama.n_tokens == len(tokens) - 1
    after_abort = llama.create_completion(tokens, max_tokens=8, temperature=0)
    llama.reset()
    fresh = llama.create_completion(tokens, max_tokens=8, temperature=0)
    assert after_abort["choices"][0]["text"] == fresh["choices"][0]["text"]


async def test_a_chat_stops_a_completion_in_the_middle_of_its_prompt(model) -> None:
    """No batch of the completion's prompt finishes after the chat is announced; the
    completion answers nothing, and the chat has the model before the next chunk."""
    with model.completion_turn(lambda: None) as context:
        context.reset()  # nothing of the cell is cached: the whole prompt is read
    evals: list[tuple[float, bool]] = []  # (when a chunk ended, whether it was read)
    reading = threading.Event()
    original = context.eval

    def recording_eval(tokens: list[int]) -> None:
        reading.set()
        try:
            original(tokens)
        except RuntimeError:
            evals.append((time.monotonic(), False))
            raise
        evals.append((time.monotonic(), True))

    context.eval = recording_eval
    try:
        completion = asyncio.create_task(anext(stream_completion(model, CELL, "", 16)))
        await asyncio.to_thread(reading.wait, 30)
        with model.chat_ahead():
            announced = time.monotonic()
            with pytest.raises(Preempted):
                await asyncio.wait_for(completion, 30)

            def chat_turn() -> float:
                with model._generate_lock.turn(Priority.CHAT):
                    return time.monotonic()

            chat_started = await asyncio.to_thread(chat_turn)
    finally:
        del context.eval
    read_after = [ok for ended, ok in evals if ended > announced]
    assert read_after and not any(read_after), "a chunk was read after the chat came"
    assert chat_started > announced
    # the context is still usable: the next completion reads its prompt and ends normally
    prompt = "import numpy as np\nx = "
    _ = [p async for p in stream_completion(model, prompt, "", 4)]
    assert context.n_tokens >= len(context.tokenize(prompt.encode()))
