"""The local backend: one llama.cpp instance per approved GGUF model per server.

Loading and generation are blocking C calls, so they run in worker threads and
hand tokens back to the event loop; the server keeps answering other requests
while a model loads or generates.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
import math
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

from .abort import AbortFlag
from .base import ModelState, ModelUnavailable
from .registry import ApprovedModel, ModelConfigError, ModelIntegrityError, verify_weights
from .threaded import stream_from_thread

log = logging.getLogger(__name__)


class Admission:
    """A bounded queue in front of one model: one generates, `max_waiting` wait.

    Requests beyond that are refused at once (HTTP 429) with an estimate of when to
    retry, from the average time the model spends per answer (a guess until the first
    answer). A queued request's own time includes its wait, so the time since the
    previous answer ended is taken when that is shorter: one answer's service, not a
    queue's worth of them.
    """

    def __init__(self, max_waiting: int = 4) -> None:
        self.max_waiting = max_waiting
        self.pending = 0
        self._seconds_per_answer = 5.0
        self._answered = 0
        self._last_left: float | None = None

    def try_enter(self) -> bool:
        if self.pending > self.max_waiting:
            return False
        self.pending += 1
        return True

    def leave(self, seconds: float | None = None) -> None:
        self.pending = max(0, self.pending - 1)
        now = time.monotonic()
        if seconds is not None:
            if self._last_left is not None:
                seconds = min(seconds, now - self._last_left)
            weight = 0.2 if self._answered else 1.0  # the first answer replaces the guess
            self._seconds_per_answer += weight * (seconds - self._seconds_per_answer)
            self._answered += 1
        self._last_left = now

    def retry_after(self) -> int:
        return max(1, math.ceil(self.pending * self._seconds_per_answer))


class Priority(enum.IntEnum):
    """Who goes first on a model's single llama.cpp context (lower goes first)."""

    CHAT = 0
    COMPLETION = 1


class TurnQueue:
    """Turns on one model's llama.cpp contexts, chat before completions.

    A completion is a guess the user may never look at; a chat answer is awaited. So a
    waiting chat goes before every waiting completion, and a chat that arrives while a
    completion runs stops it: the completion's `preempt` is called at once (it stops
    within one operation of llama.cpp's current batch, `abort.AbortFlag`) and the chat
    gets the model as soon as that completion's turn ends. A chat counts as waiting from
    the moment it is announced (`chat_ahead`), before its prompt is scanned.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._busy: Priority | None = None
        self._preempt: Callable[[], None] | None = None
        self._waiting = {p: 0 for p in Priority}

    def _stop_completion(self) -> None:
        """Under the lock: a chat is waiting, so a running completion must stop."""
        if self._busy is Priority.COMPLETION and self._preempt is not None:
            self._preempt()
            self._preempt = None

    @contextlib.contextmanager
    def chat_ahead(self) -> Iterator[None]:
        """A chat is on its way (its prompt is being scanned): completions stop and
        wait until it has had its turn or was refused."""
        with self._cond:
            self._waiting[Priority.CHAT] += 1
            self._stop_completion()
        try:
            yield
        finally:
            with self._cond:
                self._waiting[Priority.CHAT] -= 1
                self._cond.notify_all()

    @contextlib.contextmanager
    def turn(self, priority: Priority, preempt: Callable[[], None] | None = None
             ) -> Iterator[None]:
        """The context is this caller's; `preempt` (a completion's) is called when a
        chat arrives meanwhile."""
        with self._cond:
            self._waiting[priority] += 1
            try:
                if priority is Priority.CHAT:
                    self._stop_completion()
                while self._busy is not None or any(
                        self._waiting[p] for p in Priority if p < priority):
                    self._cond.wait()
            finally:
                self._waiting[priority] -= 1
            self._busy, self._preempt = priority, preempt
        try:
            yield
        finally:
            with self._cond:
                self._busy = self._preempt = None
                self._cond.notify_all()

    def chat_waiting_or_running(self) -> bool:
        return self._busy is Priority.CHAT or self._waiting[Priority.CHAT] > 0


class LocalModel:
    """One approved GGUF model and its lazily created `llama_cpp.Llama` instance."""

    #: A weights file that was missing or failed its sha256 is checked again on demand
    #: after this long, so an admin who restores it needs no server restart. Other
    #: failures (a file that is approved but no GGUF, bad settings) stay until restart.
    RECHECK_SECONDS = 30.0

    def __init__(self, spec: ApprovedModel, n_threads: int | None = None,
                 max_waiting: int = 4, completion_threads: int | None = None) -> None:
        self.spec = spec
        self.n_threads = n_threads
        self.completion_threads = completion_threads
        self.state = ModelState.NOT_LOADED
        self.error: str | None = None
        self.progress: float | None = None
        self.admission = Admission(max_waiting)
        self.last_used = time.monotonic()
        self._llama: Any = None
        self._completion_llama: Any = None  # created at the first completion
        self._completion_abort = AbortFlag()  # a chat stops it mid-batch
        self._weights: Path | None = None
        self._load_lock = threading.Lock()
        self._failed_at: float | None = None  # when a missing or altered file was seen
        # A llama.cpp context holds one sequence: generations on it take turns.
        self._generate_lock = TurnQueue()

    def describe(self) -> dict[str, Any]:
        return {**self.spec.describe(), "state": self.state.value,
                "loaded": self.state is ModelState.LOADED, "error": self.error,
                "progress": self.progress, "queue": self.admission.pending}

    def _set_progress(self, fraction: float) -> None:
        self.progress = round(fraction, 3)

    def _fail(self, exc: Exception) -> ModelUnavailable:
        self.state = ModelState.ERROR
        self._failed_at = time.monotonic() if isinstance(exc, ModelIntegrityError) else None
        known = isinstance(exc, ModelIntegrityError | ModelConfigError)
        self.error = str(exc) if known else (
            f"model {self.spec.name!r} failed to load ({type(exc).__name__}: "
            "not a valid GGUF file?)")
        log.error("safeai: %s", self.error)
        return ModelUnavailable(self.error)

    def recheck_due(self) -> bool:
        """Whether a failed integrity check is old enough to be tried again."""
        return (self.state is ModelState.ERROR and self._failed_at is not None
                and time.monotonic() - self._failed_at >= self.RECHECK_SECONDS)

    def verify(self) -> None:
        """Check the weights' sha256 without loading them, so a wrong file shows up
        in the model list at server start rather than at someone's first question."""
        with self._load_lock:
            if self.state is not ModelState.NOT_LOADED:
                return
            try:
                self.state = ModelState.VERIFYING
                verify_weights(self.spec, progress=self._set_progress)
                self.state, self.progress = ModelState.NOT_LOADED, None
            except Exception as exc:
                raise self._fail(exc) from exc

    def load(self) -> None:
        """Verify and load the weights once; later calls return at once (blocking).

        The sha256 is checked on every load, unload and reload included: the file on
        disk may have changed while the model was unloaded."""
        with self._load_lock:
            if self.state is ModelState.LOADED:
                return
            if self.state is ModelState.ERROR:
                if not self.recheck_due():
                    raise ModelUnavailable(self.error)
                log.info("safeai: checking the weights of %s again", self.spec.name)
            try:
                self.state = ModelState.VERIFYING
                path = verify_weights(self.spec, progress=self._set_progress)
                self.state, self.progress = ModelState.LOADING, None
                # OpenMP's wait policy is left to the admin (OMP_WAIT_POLICY in the
                # server's environment, read once when llama.cpp's OpenMP runtime loads).
                # benchmarks/omp_wait_policy.py, PASSIVE vs OpenMP's default side by side
                # on 2 cores: on a quiet machine PASSIVE gives 0.35-0.44x the tokens/s and
                # 1.7-1.8x the time to first token; only on a CPU shared with other work
                # (load 6) is it better (1.36x tokens/s). So the default stays, and an
                # oversubscribed server sets PASSIVE.
                from llama_cpp import Llama

                started = time.perf_counter()
                self._weights = path
                self._llama = self._new_context(Llama)
                log.info("safeai: model %s loaded in %.1fs", self.spec.name,
                         time.perf_counter() - started)
                self.state, self.error, self._failed_at = ModelState.LOADED, None, None
            except Exception as exc:
                raise self._fail(exc) from exc

    def _new_context(self, llama_class: Any, n_threads: int | None = None) -> Any:
        return llama_class(
            model_path=str(self._weights),
            n_ctx=self.spec.context_length,
            n_threads=n_threads or self.n_threads,
            chat_format=self.spec.chat_format,
            verbose=False,
        )

    async def ensure_loaded(self) -> None:
        await asyncio.to_thread(self.load)

    def _generate(self, messages: list[dict[str, str]], max_tokens: int,
                  emit: Any, cancel: threading.Event) -> None:
        """Blocking generation; `emit` is called per token, `cancel` stops within one token."""
        options = {"max_tokens": max_tokens, "temperature": 0.2, **self.spec.generation}
        with self._generate_lock.turn(Priority.CHAT):
            if cancel.is_set() or self._llama is None:  # gone while waiting for its turn
                return
            self.last_used = time.monotonic()
            stream = self._llama.create_chat_completion(messages=messages, stream=True, **options)
            try:
                for chunk in stream:
                    if cancel.is_set():
                        break
                    piece = chunk["choices"][0]["delta"].get("content")
                    if piece:
                        emit(piece)
            finally:
                stream.close()
                self.last_used = time.monotonic()

    async def stream_chat(
        self, messages: list[dict[str, str]], max_tokens: int
    ) -> AsyncIterator[str]:
        """Yield answer tokens; closing the iterator early cancels generation."""
        await self.ensure_loaded()
        pieces = stream_from_thread(
            lambda emit, cancel: self._generate(messages, max_tokens, emit, cancel),
            f"model {self.spec.name!r} failed while generating")
        async with contextlib.aclosing(pieces):
            async for piece in pieces:
                yield piece

    @contextlib.contextmanager
    def completion_turn(self, preempt: Callable[[], None]) -> Iterator[Any]:
        """The completions' own `Llama` context, after any waiting chat (None if the model
        was unloaded meanwhile). When a chat arrives, `preempt` is called and the
        context's batch in progress is abandoned (`llama_decode` fails): the caller
        then stops and answers nothing."""
        called = threading.Event()

        def stop() -> None:
            called.set()
            self._completion_abort.set()
            preempt()

        with self._generate_lock.turn(Priority.COMPLETION, stop):
            self.last_used = time.monotonic()
            if self._llama is not None and self._completion_llama is None:
                # A context of its own (the weights are memory-mapped once): completions
                # and chat then keep their own KV caches, so neither re-reads its prompt
                # after the other ran.
                self._completion_llama = self._new_context(
                    type(self._llama), self.completion_threads)
                self._completion_abort.attach(self._completion_llama)
            self._completion_abort.clear()
            if called.is_set():  # a chat came between the turn and the clear
                self._completion_abort.set()
            try:
                yield self._completion_llama if self._llama is not None else None
            finally:
                self.last_used = time.monotonic()

    @contextlib.contextmanager
    def chat_ahead(self) -> Iterator[None]:
        """Announce a chat before its prompt is scanned: a running completion stops now
        and none starts until the chat has had its turn (or was refused)."""
        with self._generate_lock.chat_ahead():
            yield

    def chat_busy(self) -> bool:
        """A chat answer is being generated or waits for its turn."""
        return self._generate_lock.chat_waiting_or_running() or self.admission.pending > 0

    def count_tokens(self, messages: list[dict[str, str]]) -> int | None:
        """Tokens of the prompt text as the model reads them (for the audit)."""
        if self._llama is None:
            return None
        text = "\n".join(m["content"] for m in messages)
        return len(self._llama.tokenize(text.encode("utf-8"), add_bos=False))

    def close(self) -> None:
        """Free the weights; the next request loads them again."""
        with self._load_lock, self._generate_lock.turn(Priority.CHAT):
            for llama in (self._llama, self._completion_llama):
                if llama is not None:
                    llama.close()
            self._llama = self._completion_llama = None
            if self.state is ModelState.LOADED:
                self.state = ModelState.NOT_LOADED

    def idle_for(self) -> float:
        return time.monotonic() - self.last_used
