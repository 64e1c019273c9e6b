"""Faker draws some values from sets (`it_IT`'s towns), and a set's order follows
Python's string hashing: a probe's fixed seed gives the same texts, and so the same
figures, only under one hash seed. The Faker probes re-run themselves under seed 0."""

from __future__ import annotations

import os
import sys


def run_under_fixed_hash_seed() -> None:
    """Re-exec this script with `PYTHONHASHSEED=0` unless it already runs under it."""
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(sys.executable, [sys.executable, *sys.argv],
                  {**os.environ, "PYTHONHASHSEED": "0"})
