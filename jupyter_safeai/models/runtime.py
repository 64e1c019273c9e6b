"""The local backend: one llama.cpp instance per approved GGUF model per server.

Loading and generation are blocking C calls, so they run in worker threads and
hand tokens back to the event loop; the server keeps answering other requests
while a model loads or generates.
"""

from __future__ import annotations

import asyncio
import logging
import math
import threading
import time
from collections.abc import AsyncIterator
from typing import Any

from .base import ModelState, ModelUnavailable
from .registry import ApprovedModel, ModelConfigError, ModelIntegrityError, verify_weights

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


class LocalModel:
    """One approved GGUF model and its lazily created `llama_cpp.Llama` instance."""

    #: A weights file that was missing or failed its sha256 is checked again on demand
    #: after this long, so an admin who restores it needs no server restart. Other
    #: failures (a file that is approved but no GGUF, bad settings) stay until restart.
    RECHECK_SECONDS = 30.0

    def __init__(self, spec: ApprovedModel, n_threads: int | None = None,
                 max_waiting: int = 4) -> None:
        self.spec = spec
        self.n_threads = n_threads
        self.state = ModelState.NOT_LOADED
        self.error: str | None = None
        self.progress: float | None = None
        self.admission = Admission(max_waiting)
        self.last_used = time.monotonic()
        self._llama: Any = None
        self._load_lock = threading.Lock()
        self._failed_at: float | None = None  # when a missing or altered file was seen
        # A llama.cpp context holds one sequence: generations on it take turns.
        self._generate_lock = threading.Lock()

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
                from llama_cpp import Llama

                started = time.perf_counter()
                self._llama = Llama(
                    model_path=str(path),
                    n_ctx=self.spec.context_length,
                    n_threads=self.n_threads,
                    chat_format=self.spec.chat_format,
                    verbose=False,
                )
                log.info("safeai: model %s loaded in %.1fs", self.spec.name,
                         time.perf_counter() - started)
                self.state, self.error, self._failed_at = ModelState.LOADED, None, None
            except Exception as exc:
                raise self._fail(exc) from exc

    async def ensure_loaded(self) -> None:
        await asyncio.to_thread(self.load)

    def _generate(self, messages: list[dict[str, str]], max_tokens: int,
                  emit: Any, cancel: threading.Event) -> None:
        """Blocking generation; `emit` is called per token, `cancel` stops within one token."""
        options = {"max_tokens": max_tokens, "temperature": 0.2, **self.spec.generation}
        with self._generate_lock:
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
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
        cancel = threading.Event()

        def emit(piece: str) -> None:
            loop.call_soon_threadsafe(queue.put_nowait, ("token", piece))

        def run() -> None:
            try:
                self._generate(messages, max_tokens, emit, cancel)
                loop.call_soon_threadsafe(queue.put_nowait, ("done", None))
            except Exception as exc:  # reported to the caller, not raised in a thread
                loop.call_soon_threadsafe(queue.put_nowait, ("error", exc))

        worker = loop.run_in_executor(None, run)
        try:
            while True:
                kind, value = await queue.get()
                if kind == "token":
                    yield value
                elif kind == "done":
                    break
                else:
                    raise ModelUnavailable(
                        f"model {self.spec.name!r} failed while generating "
                        f"({type(value).__name__})"
                    ) from value
        finally:
            cancel.set()
            await asyncio.shield(worker)

    def count_tokens(self, messages: list[dict[str, str]]) -> int | None:
        """Tokens of the prompt text as the model reads them (for the audit)."""
        if self._llama is None:
            return None
        text = "\n".join(m["content"] for m in messages)
        return len(self._llama.tokenize(text.encode("utf-8"), add_bos=False))

    def close(self) -> None:
        """Free the weights; the next request loads them again."""
        with self._load_lock, self._generate_lock:
            if self._llama is not None:
                self._llama.close()
                self._llama = None
            if self.state is ModelState.LOADED:
                self.state = ModelState.NOT_LOADED

    def idle_for(self) -> float:
        return time.monotonic() - self.last_used
