"""The models of one server, as the handlers see them: approved, looked up by name, freed.

`ModelService` is the only place models are created; it picks the backend
(`runtime.LocalModel` for GGUF weights, `remote.RemoteModel` for an endpoint) from the
approved entry, and hands out `base.ChatModel`s.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .base import ChatModel, ModelState, ModelUnavailable
from .registry import ApprovedModel, ModelConfigError, sha256_of
from .remote import RemoteModel
from .runtime import LocalModel

__all__ = ["ModelService"]


class ModelService:
    """Owns every approved model of one server; the only place models are created."""

    def __init__(self, specs: Iterable[ApprovedModel], default: str,
                 n_threads: int | None = None, max_waiting: int = 4,
                 completion_threads: int | None = None) -> None:
        self.models: dict[str, ChatModel] = {}
        for spec in specs:
            if spec.name in self.models:
                raise ModelConfigError(f"approved model {spec.name!r} is listed twice")
            if spec.remote:
                self.models[spec.name] = RemoteModel(spec)
            else:
                self.models[spec.name] = LocalModel(spec, n_threads, max_waiting,
                                                    completion_threads)
        if default not in self.models:
            raise ModelConfigError(f"default model {default!r} is not an approved model")
        self.default = default
        self.n_threads, self.max_waiting = n_threads, max_waiting
        self.completion_threads = completion_threads
        self._user_lock = threading.Lock()

    @classmethod
    def from_config(cls, entries: Iterable[Mapping[str, Any]], default: str,
                    n_threads: int | None = None, max_waiting: int = 4,
                    completion_threads: int | None = None) -> ModelService:
        return cls([ApprovedModel.from_config(e) for e in entries], default, n_threads,
                   max_waiting, completion_threads)

    def get(self, name: str | None) -> ChatModel | None:
        """The approved model by name (the default when no name); None if not approved."""
        return self.models.get(name or self.default)

    def describe(self) -> dict[str, Any]:
        return {"default": self.default,
                "models": [m.describe() for m in self.models.values()]}

    def user_model(self, path: Path, name: str) -> LocalModel:
        """A GGUF file a user brought (only where the admin allows user models).

        Its sha256 is taken as it is now; it is never covered for PHI, and it shares the
        runtime, queue, idle unload and audit with the approved models (blocking: hashes
        the file the first time)."""
        with self._user_lock:
            model = self.models.get(name)
            if model is None:
                spec = ApprovedModel(name=name, license="unknown (user-supplied, not approved)",
                                     path=str(path), sha256=sha256_of(path),
                                     model_card="", phi_allowed=False)
                model = LocalModel(spec, self.n_threads, self.max_waiting,
                                   self.completion_threads)
                self.models[name] = model
            return model

    def start_background_checks(self, preload_default: bool = True) -> threading.Thread:
        """Load the default model (if asked) and check every other local model's sha256,
        in one background thread so the server's start is never blocked. Failures stay on
        the model (state, error) and show in /safeai/models."""
        def work() -> None:
            for name, model in self.models.items():
                if not isinstance(model, LocalModel):
                    continue
                with contextlib.suppress(ModelUnavailable):
                    if name == self.default and preload_default:
                        model.load()
                    else:
                        model.verify()

        thread = threading.Thread(target=work, name="safeai-model-checks", daemon=True)
        thread.start()
        return thread

    def unload_idle(self, seconds: float) -> list[str]:
        """Free local models unused for `seconds` and with nobody waiting; their names."""
        unloaded = []
        for name, model in self.models.items():
            if isinstance(model, LocalModel) and model.state is ModelState.LOADED and (
                    model.admission.pending == 0 and model.idle_for() > seconds):
                model.close()
                unloaded.append(name)
        return unloaded

    def close(self) -> None:
        for model in self.models.values():
            model.close()
