"""Servers the tests run as subprocesses on loopback (a `jupyter lab`, the gateway,
llama.cpp's own server): a free port, starting with the output in a log, waiting until
one answers, and stopping it however the test ends."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop(process: subprocess.Popen, grace: float = 20) -> None:
    """Terminate `process`; kill it if it is still there after `grace` seconds."""
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextlib.contextmanager
def running(command: list[str], env: Mapping[str, str] | None, log_path: Path
            ) -> Iterator[subprocess.Popen]:
    """`command` started with its output in `log_path`; stopped when the block ends,
    however it ends."""
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        yield process
    finally:
        stop(process)


def wait_until(ready: Callable[[], bool], process: subprocess.Popen, log_path: Path, *,
               what: str, timeout: float) -> None:
    """Call `ready` every 0.3 s until it is true (an OSError, such as a refused
    connection, counts as not yet). RuntimeError with the log's tail when `process`
    exits first or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while True:
        with contextlib.suppress(OSError):
            if ready():
                return
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start:\n"
                               + log_path.read_text(errors="replace")[-3000:])
        time.sleep(0.3)
