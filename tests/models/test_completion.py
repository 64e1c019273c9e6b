"""Completion prompts (FIM or continuation) and the queue where chat goes first."""

from __future__ import annotations

import threading
import time

import pytest

from jupyter_safeai.models import ApprovedModel, ModelConfigError
from jupyter_safeai.models.fim import CompletionFormat
from jupyter_safeai.models.runtime import Priority, TurnQueue

STARCODER = {"fim_prefix": "<fim_prefix>", "fim_suffix": "<fim_suffix>",
             "fim_middle": "<fim_middle>", "stop": ["<|endoftext|>"]}


def test_fim_tokens_put_prefix_then_suffix_then_middle() -> None:
    fmt = CompletionFormat.from_config("m", STARCODER)
    assert fmt.fill_in_the_middle
    assert fmt.prompt("a = {", "}\n") == "<fim_prefix>a = {<fim_suffix>}\n<fim_middle>"
    assert fmt.stops() == ["<|endoftext|>"]


def test_a_template_keeps_braces_of_code() -> None:
    fmt = CompletionFormat.from_config("m", {"template": "<PRE> {prefix} <SUF>{suffix} <MID>"})
    assert fmt.prompt("d = {'a': ", "}") == "<PRE> d = {'a':  <SUF>} <MID>"


def test_without_a_block_the_prefix_is_continued() -> None:
    fmt = CompletionFormat.from_config("m", None)
    assert not fmt.fill_in_the_middle
    assert fmt.prompt("x = 1\ny = ", "\nprint(y)") == "x = 1\ny = "
    assert "\n\n" in fmt.stops()


@pytest.mark.parametrize("block", [
    {"fim_prefix": "<p>"}, {"template": "no slot"}, {"template": "{prefix}", "fim_prefix": "x",
                                                     "fim_suffix": "y", "fim_middle": "z"},
    {"stop": "\n"}, {"fim": "x"}, "fim"])
def test_bad_completion_blocks_are_refused_when_the_admin_config_is_read(block) -> None:
    entry = {"name": "m", "license": "MIT", "url": "http://127.0.0.1:1", "completion": block}
    with pytest.raises(ModelConfigError, match="completion"):
        ApprovedModel.from_config(entry)


def test_a_waiting_chat_goes_before_waiting_completions() -> None:
    queue, order = TurnQueue(), []
    first_in, release = threading.Event(), threading.Event()

    def take(priority: Priority, label: str, hold: threading.Event | None = None) -> None:
        with queue.turn(priority, lambda: None):
            order.append(label)
            if hold is not None:
                first_in.set()
                hold.wait(5)

    holder = threading.Thread(target=take, args=(Priority.CHAT, "chat-1", release))
    holder.start()
    first_in.wait(5)
    waiting = [threading.Thread(target=take, args=(Priority.COMPLETION, "completion")),
               threading.Thread(target=take, args=(Priority.CHAT, "chat-2"))]
    for thread in waiting:
        thread.start()
        time.sleep(0.05)  # the completion waits first
    release.set()
    for thread in [holder, *waiting]:
        thread.join(5)
    assert order == ["chat-1", "chat-2", "completion"]


def test_a_chat_stops_a_running_completion() -> None:
    queue, cancel, running = TurnQueue(), threading.Event(), threading.Event()
    stopped_after: list[float] = []

    def complete() -> None:
        with queue.turn(Priority.COMPLETION, cancel.set):
            running.set()
            started = time.monotonic()
            while not cancel.wait(0.01):
                if time.monotonic() - started > 5:
                    break
            stopped_after.append(time.monotonic() - started)

    worker = threading.Thread(target=complete)
    worker.start()
    running.wait(5)
    with queue.turn(Priority.CHAT):
        assert cancel.is_set()
    worker.join(5)
    assert stopped_after and stopped_after[0] < 1


class StubLlama:
    """Records the prompts it completes (one token per character) and the chunks it
    evaluates, and yields one piece per `delay`."""

    def __init__(self, pieces: list[str], delay: float = 0.0) -> None:
        self.pieces, self.delay, self.calls = pieces, delay, []
        self.input_ids: list[int] = []
        self.n_tokens = 0
        self.evaluated: list[int] = []

    @staticmethod
    def longest_token_prefix(a: list[int], b: list[int]) -> int:
        n = 0
        for x, y in zip(a, b, strict=False):
            if x != y:
                break
            n += 1
        return n

    def tokenize(self, text: bytes, add_bos: bool = True, special: bool = False) -> list[int]:
        return [ord(c) for c in text.decode()]

    def eval(self, tokens: list[int]) -> None:
        self.input_ids[self.n_tokens:] = tokens
        self.n_tokens += len(tokens)
        self.evaluated.append(len(tokens))

    def create_completion(self, prompt: list[int], **options: object):
        self.calls.append(("".join(map(chr, prompt)), options))
        for piece in self.pieces:
            time.sleep(self.delay)
            yield {"choices": [{"text": piece}]}


def loaded(spec_extra: dict, llama: StubLlama):
    from jupyter_safeai.models import EMBEDDED_DEFAULT_MODEL, LocalModel, ModelState

    model = LocalModel(ApprovedModel.from_config({**EMBEDDED_DEFAULT_MODEL, **spec_extra}))
    model._llama = model._completion_llama = llama
    model.state = ModelState.LOADED
    return model


async def test_a_local_fim_model_gets_its_tokens_and_stops() -> None:
    from jupyter_safeai.models.completion import stream_completion

    llama = StubLlama(["x ", "* 2"])
    model = loaded({"completion": STARCODER}, llama)
    pieces = [p async for p in stream_completion(model, "def f(x):\n    return ", "\n", 8)]
    assert pieces == ["x ", "* 2"]
    ((prompt, options),) = llama.calls
    assert prompt == "<fim_prefix>def f(x):\n    return <fim_suffix>\n<fim_middle>"
    assert options["stop"] == ["<|endoftext|>"] and options["max_tokens"] == 8


async def test_a_chat_cuts_a_local_completion_short_and_it_answers_nothing_more() -> None:
    import asyncio

    from jupyter_safeai.models import Preempted
    from jupyter_safeai.models.completion import stream_completion
    from jupyter_safeai.models.runtime import Priority

    llama = StubLlama(["a"] * 200, delay=0.01)
    model = loaded({}, llama)
    got: list[str] = []

    async def complete() -> None:
        async for piece in stream_completion(model, "x = ", "", 200):
            got.append(piece)

    task = asyncio.create_task(complete())
    while not got:
        await asyncio.sleep(0.01)

    def chat_turn() -> None:
        with model._generate_lock.turn(Priority.CHAT):
            pass

    await asyncio.to_thread(chat_turn)
    with pytest.raises(Preempted):
        await asyncio.wait_for(task, 5)
    assert 0 < len(got) < 200


async def test_an_announced_chat_stops_a_completion_and_goes_first() -> None:
    """From the moment a chat is announced (before its scan), a running completion stops
    and a completion asked meanwhile waits until the chat has had its turn."""
    import asyncio

    from jupyter_safeai.models import Preempted
    from jupyter_safeai.models.completion import stream_completion
    from jupyter_safeai.models.runtime import Priority

    llama = StubLlama(["a"] * 200, delay=0.01)
    model = loaded({}, llama)
    order: list[str] = []

    async def complete(label: str) -> None:
        try:
            async for _ in stream_completion(model, "x = ", "", 200):
                if label not in order:
                    order.append(label)
        except Preempted:
            order.append(f"{label} preempted")
        else:
            order.append(f"{label} done")

    first = asyncio.create_task(complete("first"))
    while not order:
        await asyncio.sleep(0.01)
    with model.chat_ahead():
        await asyncio.wait_for(first, 5)
        assert model.chat_busy()
        second = asyncio.create_task(complete("second"))
        await asyncio.sleep(0.1)  # the chat's scan; the second completion must wait
        assert "second" not in order

        def chat_turn() -> None:
            with model._generate_lock.turn(Priority.CHAT):
                order.append("chat")

        await asyncio.to_thread(chat_turn)
    await asyncio.wait_for(second, 10)
    assert order == ["first", "first preempted", "chat", "second", "second done"]


def test_completions_get_a_context_of_their_own_freed_with_the_model(monkeypatch) -> None:
    from pathlib import Path

    from jupyter_safeai.models import EMBEDDED_DEFAULT_MODEL, LocalModel, ModelState
    from jupyter_safeai.models.abort import AbortFlag

    class Context:
        made: list[dict] = []

        def __init__(self, **options: object) -> None:
            Context.made.append(options)
            self.closed = False

        def close(self) -> None:
            self.closed = True

    attached: list[object] = []
    monkeypatch.setattr(AbortFlag, "attach", lambda self, llama: attached.append(llama))
    model = LocalModel(ApprovedModel.from_config(EMBEDDED_DEFAULT_MODEL), n_threads=2,
                       completion_threads=1)
    chat = Context()
    model._llama, model._weights, model.state = chat, Path("w.gguf"), ModelState.LOADED
    with model.completion_turn(lambda: None) as first:
        pass
    with model.completion_turn(lambda: None) as second:
        pass
    assert first is second and first is not chat
    assert (Context.made[-1]["model_path"], Context.made[-1]["n_threads"]) == ("w.gguf", 1)
    assert attached == [first]  # a chat can stop the completions' context, never its own
    model.close()
    assert first.closed and chat.closed
    with model.completion_turn(lambda: None) as gone:
        assert gone is None


async def test_a_long_new_prompt_is_read_in_chunks_and_a_grown_one_only_where_it_grew(
        ) -> None:
    from jupyter_safeai.models.completion import PREFILL_CHUNK, stream_completion

    llama = StubLlama(["y"])
    model = loaded({}, llama)
    cell = "x = 1\n" * 40  # 240 tokens
    _ = [p async for p in stream_completion(model, cell, "", 4)]
    full, rest = divmod(239, PREFILL_CHUNK)  # all but the last of 240 tokens
    assert llama.evaluated == [PREFILL_CHUNK] * full + ([rest] if rest else [])
    llama.evaluated.clear()
    _ = [p async for p in stream_completion(model, cell + "y = ", "", 4)]
    assert llama.evaluated == [4]  # the last token of the new text is left to the call


def test_the_admins_completion_threads_reach_every_local_model(tmp_path) -> None:
    from jupyter_safeai.models import EMBEDDED_DEFAULT_MODEL, ModelService

    service = ModelService.from_config([EMBEDDED_DEFAULT_MODEL], EMBEDDED_DEFAULT_MODEL["name"],
                                       n_threads=2, completion_threads=1)
    brought = tmp_path / "mine.gguf"
    brought.write_bytes(b"GGUF")
    for model in (service.get(None), service.user_model(brought, "mine")):
        assert (model.n_threads, model.completion_threads) == (2, 1)
