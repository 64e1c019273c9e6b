"""Stopping a llama.cpp context in the middle of a batch, from another thread.

A completion that reads a prompt evaluates it in batches of many tokens, and one batch
on a loaded 2-core machine takes hundreds of milliseconds; a chat that arrives should
not wait for it. llama.cpp asks a context's abort callback between the operations of
a batch and, when it answers true, drops that batch and returns from `llama_decode`
with an error (llama-cpp-python raises `RuntimeError`; its token count stays where the
last whole batch left it, so the KV cache it keeps is consistent).

The callback is asked hundreds of times per token by a llama.cpp worker thread. A
Python callback would take the GIL each time, and wait for it up to the interpreter's
switch interval whenever the server's event loop runs, so the callback is C's own
`strlen` over a flag: a NUL byte answers 0 (go on), a one-byte string 1 (stop). The
C signature is `bool (*)(void *)`; 0 and 1 in the return register are false and true
on every ABI llama.cpp builds for.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from typing import Any

log = logging.getLogger(__name__)


def _strlen() -> Any | None:
    try:
        libc = ctypes.cdll.msvcrt if sys.platform == "win32" else ctypes.CDLL(None)
        return libc.strlen
    except (OSError, AttributeError):  # no C library to borrow from: no mid-batch abort
        return None


class AbortFlag:
    """A flag a llama.cpp context reads between the operations of a batch."""

    def __init__(self) -> None:
        self._byte = ctypes.create_string_buffer(2)  # NUL NUL: not set
        self._callback: Any = None  # kept alive as long as a context may call it

    def attach(self, llama: Any) -> bool:
        """Make `llama` (a `llama_cpp.Llama`) stop its batch when the flag is set; False
        when this platform offers no callback (the caller then stops between batches)."""
        import llama_cpp

        strlen = _strlen()
        if strlen is None or not hasattr(llama_cpp, "llama_set_abort_callback"):
            log.info("safeai: no llama.cpp abort callback; completions stop between "
                     "batches only")
            return False
        self._callback = ctypes.cast(strlen, llama_cpp.ggml_abort_callback)
        llama_cpp.llama_set_abort_callback(llama.ctx, self._callback,
                                           ctypes.addressof(self._byte))
        return True

    def set(self) -> None:
        self._byte[0] = b"\x01"

    def clear(self) -> None:
        self._byte[0] = b"\x00"
