"""What every model backend shares: its states, its error, and the interface handlers use.

A local llama.cpp model (`runtime.LocalModel`) and an OpenAI-compatible endpoint
(`remote.RemoteModel`) both implement `ChatModel`; the server only ever sees that,
through `service.ModelService`. Both backends import this module and neither imports
the other.
"""

from __future__ import annotations

import enum
from collections.abc import AsyncIterator
from typing import Any, Protocol, runtime_checkable

__all__ = ["ChatModel", "ModelState", "ModelUnavailable", "Preempted"]


class ModelState(str, enum.Enum):
    NOT_LOADED = "not_loaded"
    VERIFYING = "verifying"
    LOADING = "loading"
    LOADED = "loaded"
    ERROR = "error"


class ModelUnavailable(RuntimeError):
    """The model cannot answer (failed checksum, missing weights, failed load, endpoint down)."""


class Preempted(Exception):  # noqa: N818 - an event, not an error
    """A chat took the model from a completion, which then answers nothing (the client
    asks again after the user's next pause)."""


@runtime_checkable
class ChatModel(Protocol):
    """An approved model as the handlers use it.

    `spec` is its `registry.ApprovedModel`; `state` and `error` are what
    `/safeai/models` shows. A backend that queues requests also has an `admission`
    (`runtime.Admission`); one without is never busy.
    """

    spec: Any
    state: ModelState
    error: str | None

    def describe(self) -> dict[str, Any]:
        """The model's public entry in `/safeai/models` (never a secret or a path)."""
        ...

    async def ensure_loaded(self) -> None:
        """Load (or reach) the model; raise `ModelUnavailable` when it cannot answer."""
        ...

    def stream_chat(self, messages: list[dict[str, str]], max_tokens: int
                    ) -> AsyncIterator[str]:
        """The answer's tokens; closing the iterator early stops generation."""
        ...

    def close(self) -> None:
        """Free what the model holds; the next request loads it again."""
        ...
