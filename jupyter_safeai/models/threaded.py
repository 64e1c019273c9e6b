"""llama.cpp generates in a worker thread; the server's event loop streams what it emits.

One bridge for chat answers and inline completions: the thread calls `emit` per piece
and watches `cancel`; the loop yields the pieces as they come. Closing the stream early
(the client went away, a chat preempts a completion) sets `cancel` and waits for the
thread, so no generation outlives its request.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Callable
from typing import Any

from .base import ModelUnavailable, Preempted

Emit = Callable[[str], None]


async def stream_from_thread(produce: Callable[[Emit, threading.Event], None],
                             failure: str) -> AsyncIterator[str]:
    """The pieces `produce(emit, cancel)` emits from a worker thread, in order. An
    exception there is raised here as `ModelUnavailable(failure)`; its message, which
    may quote the prompt, is not passed on. `Preempted` is raised as it is."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
    cancel = threading.Event()

    def put(kind: str, value: Any) -> None:
        loop.call_soon_threadsafe(queue.put_nowait, (kind, value))

    def run() -> None:
        try:
            produce(lambda piece: put("token", piece), cancel)
        except Exception as exc:  # reported to the caller, not raised in a thread
            put("error", exc)
        finally:
            put("done", None)

    worker = loop.run_in_executor(None, run)
    try:
        while True:
            kind, value = await queue.get()
            if kind == "token":
                yield value
            elif kind == "error":
                if isinstance(value, Preempted):
                    raise value
                raise ModelUnavailable(f"{failure} ({type(value).__name__})") from value
            else:
                break
    finally:
        cancel.set()
        await asyncio.shield(worker)
