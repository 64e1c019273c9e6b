"""The shared llama.cpp runtime: one instance per approved model per server.

Loading and generation are blocking C calls, so they run in worker threads and
hand tokens back to the event loop; the server keeps answering other requests
while a model loads or generates.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
import threading
import time
from collections.abc import AsyncIterator, Iterable, Mapping
from typing import Any

from .registry import ApprovedModel, ModelConfigError, ModelIntegrityError, verify_weights

log = logging.getLogger(__name__)


class ModelState(str, enum.Enum):
    NOT_LOADED = "not_loaded"
    VERIFYING = "verifying"
    LOADING = "loading"
    LOADED = "loaded"
    ERROR = "error"


class ModelUnavailable(RuntimeError):
    """The model cannot answer (failed checksum, missing weights, failed load)."""


class LocalModel:
    """One approved GGUF model and its lazily created `llama_cpp.Llama` instance."""

    def __init__(self, spec: ApprovedModel, n_threads: int | None = None) -> None:
        self.spec = spec
        self.n_threads = n_threads
        self.state = ModelState.NOT_LOADED
        self.error: str | None = None
        self._llama: Any = None
        self._load_lock = threading.Lock()
        # A llama.cpp context holds one sequence: generations on it take turns.
        self._generate_lock = threading.Lock()

    def describe(self) -> dict[str, Any]:
        return {**self.spec.describe(), "state": self.state.value,
                "loaded": self.state is ModelState.LOADED, "error": self.error}

    def load(self) -> None:
        """Verify and load the weights once; later calls return at once (blocking)."""
        with self._load_lock:
            if self.state is ModelState.LOADED:
                return
            if self.state is ModelState.ERROR:
                raise ModelUnavailable(self.error)
            try:
                self.state = ModelState.VERIFYING
                path = verify_weights(self.spec)
                self.state = ModelState.LOADING
                from llama_cpp import Llama

                started = time.perf_counter()
                self._llama = Llama(
                    model_path=str(path),
                    n_ctx=self.spec.context_length,
                    n_threads=self.n_threads,
                    verbose=False,
                )
                log.info("safeai: model %s loaded in %.1fs", self.spec.name,
                         time.perf_counter() - started)
                self.state = ModelState.LOADED
            except Exception as exc:
                self.state = ModelState.ERROR
                known = isinstance(exc, ModelIntegrityError | ModelConfigError)
                self.error = str(exc) if known else (
                    f"model {self.spec.name!r} failed to load ({type(exc).__name__}: "
                    "not a valid GGUF file?)")
                log.error("safeai: %s", self.error)
                raise ModelUnavailable(self.error) from exc

    async def ensure_loaded(self) -> None:
        await asyncio.to_thread(self.load)

    def _generate(self, messages: list[dict[str, str]], max_tokens: int,
                  emit: Any, cancel: threading.Event) -> None:
        """Blocking generation; `emit` is called per token, `cancel` stops within one token."""
        options = {"max_tokens": max_tokens, "temperature": 0.2, **self.spec.generation}
        with self._generate_lock:
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

    def close(self) -> None:
        with self._load_lock:
            if self._llama is not None:
                self._llama.close()
                self._llama = None
            if self.state is ModelState.LOADED:
                self.state = ModelState.NOT_LOADED


class ModelService:
    """Owns every approved model of one server; the only place models are created."""

    def __init__(self, specs: Iterable[ApprovedModel], default: str,
                 n_threads: int | None = None) -> None:
        self.models: dict[str, LocalModel] = {}
        for spec in specs:
            if spec.name in self.models:
                raise ModelConfigError(f"approved model {spec.name!r} is listed twice")
            self.models[spec.name] = LocalModel(spec, n_threads)
        if default not in self.models:
            raise ModelConfigError(f"default model {default!r} is not an approved model")
        self.default = default

    @classmethod
    def from_config(cls, entries: Iterable[Mapping[str, Any]], default: str,
                    n_threads: int | None = None) -> ModelService:
        return cls([ApprovedModel.from_config(e) for e in entries], default, n_threads)

    def get(self, name: str | None) -> LocalModel | None:
        """The approved model by name (the default when no name); None if not approved."""
        return self.models.get(name or self.default)

    def describe(self) -> dict[str, Any]:
        return {"default": self.default,
                "models": [m.describe() for m in self.models.values()]}

    def preload(self, name: str | None = None) -> threading.Thread:
        """Start loading a model in the background so the server start is never blocked."""
        model = self.models[name or self.default]

        def load_quietly() -> None:
            # A failure is kept on the model (state, error) and shown by /safeai/models.
            with contextlib.suppress(ModelUnavailable):
                model.load()

        thread = threading.Thread(target=load_quietly, name=f"safeai-load-{model.spec.name}",
                                  daemon=True)
        thread.start()
        return thread

    def close(self) -> None:
        for model in self.models.values():
            model.close()
