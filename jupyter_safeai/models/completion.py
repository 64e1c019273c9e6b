"""Streaming inline completions from an approved model, behind chat in the queue.

A local model completes the prompt as raw text on a llama.cpp context of its own,
taking a completion turn (`LocalModel.completion_turn`): any waiting chat goes first,
and a chat that arrives stops the completion in the middle of llama.cpp's batch
(`abort.AbortFlag`); the completion then raises `Preempted` and answers nothing.
Reusing one `Llama` object keeps the evaluated tokens of the previous prompt, so a
prefix that only grew costs only its new tokens; the prompt is read in chunks
(`prefill`), so a completion stopped while reading keeps what it had read.

A remote endpoint is asked through its chat API (the one every OpenAI-compatible server
has), with an instruction to continue the code.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import AsyncIterator
from typing import Any

from .base import Preempted
from .fim import CompletionFormat
from .runtime import LocalModel
from .threaded import Emit, stream_from_thread

CONTINUE_INSTRUCTION = (
    "You complete code in a Jupyter notebook cell. Reply with only the text that comes "
    "next after the user's text, no explanation and no code fences.")


#: Prompt tokens evaluated at a time: what a completion stopped by a chat keeps of its
#: prompt is a whole number of chunks (a stop drops the chunk being read).
PREFILL_CHUNK = 32


def prefill(llama: Any, tokens: list[int], cancel: threading.Event) -> bool:
    """Evaluate the part of `tokens` this context has not seen yet, a chunk at a time,
    stopping between chunks when `cancel` is set (False then). The last token is left
    for the completion call, which then finds all the others in the KV cache."""
    done = min(type(llama).longest_token_prefix(llama.input_ids[:llama.n_tokens], tokens),
               len(tokens) - 1)
    llama.n_tokens = max(0, done)
    for start in range(max(0, done), len(tokens) - 1, PREFILL_CHUNK):
        if cancel.is_set():
            return False
        llama.eval(tokens[start:min(start + PREFILL_CHUNK, len(tokens) - 1)])
    return not cancel.is_set()


def generate(llama: Any, prompt: str, stops: list[str], max_tokens: int,
             options: dict[str, Any], emit: Emit, cancel: threading.Event) -> None:
    """Complete `prompt` on a completion context, emitting pieces until done or `cancel`."""
    tokens = llama.tokenize(prompt.encode("utf-8"), add_bos=True, special=True)
    if not prefill(llama, tokens, cancel):
        return
    stream = llama.create_completion(tokens, max_tokens=max_tokens, stop=stops,
                                     stream=True, **options)
    try:
        for chunk in stream:
            if cancel.is_set():
                break
            piece = chunk["choices"][0].get("text")
            if piece:
                emit(piece)
    finally:
        stream.close()


def completion_format(model: Any) -> CompletionFormat:
    return CompletionFormat.from_config(model.spec.name, model.spec.completion)


async def stream_completion(model: Any, prefix: str, suffix: str, max_tokens: int
                            ) -> AsyncIterator[str]:
    """Yield pieces of the completion at the cursor; closing the iterator stops it.
    Raises `Preempted` when a chat took a local model meanwhile."""
    fmt = completion_format(model)
    if not isinstance(model, LocalModel):
        text = fmt.prompt(prefix, suffix) if fmt.fill_in_the_middle else prefix
        messages = [{"role": "system", "content": CONTINUE_INSTRUCTION},
                    {"role": "user", "content": text}]
        async for piece in model.stream_chat(messages, max_tokens):
            yield piece
        return
    await model.ensure_loaded()
    prompt, stops = fmt.prompt(prefix, suffix), fmt.stops()
    options = {"temperature": 0.2, **model.spec.generation}

    def run(emit: Emit, cancel: threading.Event) -> None:
        preempted = threading.Event()

        def preempt() -> None:
            preempted.set()
            cancel.set()

        with model.completion_turn(preempt) as llama:
            try:
                if llama is not None and not cancel.is_set():
                    generate(llama, prompt, stops, max_tokens, options, emit, cancel)
            except RuntimeError:  # llama_decode stopped mid-batch for the chat
                if not preempted.is_set():
                    raise
        if preempted.is_set():
            raise Preempted()

    pieces = stream_from_thread(run, f"model {model.spec.name!r} failed while completing")
    async with contextlib.aclosing(pieces):
        async for piece in pieces:
            yield piece
