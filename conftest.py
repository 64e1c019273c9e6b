"""Fixtures shared by tests/ and ui-tests/: a real `jupyter lab` process with the extension.

The server runs as a subprocess on loopback with a random token and its own runtime
directory, so kernels started with that runtime directory find it the way a
user's kernel finds its server.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.processes import free_port, running, wait_until

BIN = Path(sys.executable).parent
#: This work tree's frontend build (`cd js && jlpm build`).
THIS_BUILD = Path(__file__).resolve().parent / "jupyter_safeai" / "labextension"


@dataclass
class LabServer:
    url: str
    token: str
    root_dir: Path
    runtime_dir: Path
    log_path: Path
    process: subprocess.Popen
    started_at: float

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")

    def get_json(self, path: str) -> dict:
        request = urllib.request.Request(
            self.url + path, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # loopback only
            return json.load(response)

    def kernel_env(self) -> dict[str, str]:
        """Environment of a kernel that belongs to this server (finds it via runtime files)."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("SAFEAI_")}
        env["JUPYTER_RUNTIME_DIR"] = str(self.runtime_dir)
        return env

    def wait_for_model(self, timeout: float = 120) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            listing = self.get_json("safeai/models")
            default = next(m for m in listing["models"] if m["name"] == listing["default"])
            if default["state"] in ("loaded", "error"):
                return default
            time.sleep(0.5)
        raise TimeoutError("default model did not load")


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory: pytest.TempPathFactory,
               request: pytest.FixtureRequest) -> Iterator[LabServer]:
    # This lab's admin blocks PHI outright (the default policy redacts it), so a
    # question with an e-mail address is refused, as the browser test expects.
    # Tests may ask for another admin config: indirect parametrization of this fixture.
    safeai = getattr(request, "param", None) or {"policy": {"phi": "block"}}
    with running_lab(tmp_path_factory.mktemp("lab"), safeai) as server:
        yield server


def serving_this_build(base: Path) -> dict[str, str]:
    """The environment that puts this work tree's frontend build first on JUPYTER_PATH,
    ahead of whatever build the installed package points at."""
    assert (THIS_BUILD / "package.json").is_file(), "build the frontend first: cd js && jlpm build"
    extensions = base / "jupyter-path" / "labextensions"
    extensions.mkdir(parents=True)
    (extensions / "jupyter-safeai").symlink_to(THIS_BUILD)
    return {"JUPYTER_PATH": str(base / "jupyter-path")}


@contextlib.contextmanager
def running_lab(base: Path, safeai: dict, env_extra: dict[str, str] | None = None, *,
                this_build: bool = False) -> Iterator[LabServer]:
    """`jupyter lab` in `base` with `c.SafeAI` set to `safeai`, serving this work tree's
    frontend build if `this_build`; stopped on exit."""
    root, runtime, home = base / "root", base / "runtime", base / "home"
    for folder in (root, runtime, home):
        folder.mkdir()
    if this_build:
        env_extra = {**(env_extra or {}), **serving_this_build(base)}
    port, token = free_port(), secrets.token_hex(16)
    log_path = base / "server.log"
    # The news and update toasts would cover the sidebar (and ask the internet).
    labconfig = home / ".jupyter" / "labconfig"
    labconfig.mkdir(parents=True)
    (labconfig / "page_config.json").write_text(json.dumps(
        {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}
    ))
    (home / ".jupyter" / "jupyter_server_config.json").write_text(json.dumps(
        {"SafeAI": safeai}))
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(runtime), "HOME": str(home),
           "JUPYTER_CONFIG_DIR": str(home / ".jupyter"), **(env_extra or {})}
    env.pop("SAFEAI_SERVER_URL", None)
    command = [
        str(BIN / "jupyter"), "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
        "--ServerApp.port_retries=0", "--allow-root", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}", "--ServerApp.log_level=DEBUG",
        "--LabApp.news_url=None", "--LabApp.expose_app_in_browser=True",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--SafeAI.max_new_tokens=64",
    ]
    started = time.monotonic()
    try:
        with running(command, env, log_path) as process:
            server = LabServer(f"http://127.0.0.1:{port}/", token, root, runtime, log_path,
                               process, started)
            wait_until(lambda: bool(server.get_json("api/status")), process, log_path,
                       what="jupyter lab", timeout=90)
            yield server
    finally:
        shutil.rmtree(runtime, ignore_errors=True)


@pytest.fixture(scope="session")
def start_lab() -> object:
    """`running_lab` for tests that need a lab of their own (conftest is not importable
    by name from ui-tests/, which has a conftest too)."""
    return running_lab
