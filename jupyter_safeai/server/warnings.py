"""Findings the kernel's gate reported for a notebook, kept so the sidebar can show them.

The magic scans in the kernel; the sidebar lives in the browser. This in-memory store
(per server, bounded, lost on restart by design) joins them: kinds and counts only.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from typing import Any

MAX_NOTEBOOKS = 200
MAX_PER_NOTEBOOK = 200


class WarningStore:
    def __init__(self) -> None:
        self._by_path: OrderedDict[str, deque[dict[str, Any]]] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, path: str, entries: list[dict[str, Any]]) -> None:
        stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        with self._lock:
            bucket = self._by_path.pop(path, None) or deque(maxlen=MAX_PER_NOTEBOOK)
            bucket.extend({**entry, "time": stamp} for entry in entries)
            self._by_path[path] = bucket
            while len(self._by_path) > MAX_NOTEBOOKS:
                self._by_path.popitem(last=False)

    def get(self, path: str) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._by_path.get(path, ()))
