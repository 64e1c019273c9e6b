"""pytest-jupyter fixtures: an in-process Jupyter server with the extension enabled."""

from __future__ import annotations

import os
from contextlib import closing

import pytest
import tornado.httpserver
from hypothesis import settings

pytest_plugins = ("pytest_jupyter.jupyter_server",)

# CI runs the property tests on a fixed sequence of examples, so a red run can be
# reproduced and a green one is not luck; at a desk they keep exploring new examples.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")


@pytest.fixture
def safeai_config() -> dict:
    """Admin settings for one test; tests override entries they care about."""
    return {"max_new_tokens": 48, "preload_default_model": False}


@pytest.fixture
def audit_path(tmp_path) -> object:
    return tmp_path / "audit.jsonl"


@pytest.fixture
def jp_server_config(safeai_config: dict, audit_path) -> dict:
    return {
        "ServerApp": {
            "jpserver_extensions": {"jupyter_safeai": True},
            "allow_unauthenticated_access": False,
        },
        "SafeAI": {"audit_log": str(audit_path), **safeai_config},
    }


@pytest.fixture
async def http_server(http_server_port, jp_web_app):
    """Serve the app from the test's own event loop (pytest-asyncio 1.x runs each async
    test in its own loop; pytest-jupyter's server fixture would otherwise bind another)."""
    server = tornado.httpserver.HTTPServer(jp_web_app)
    server.add_socket(http_server_port[0])
    yield server
    server.stop()


@pytest.fixture
async def http_server_client(http_server):
    from pytest_jupyter.pytest_tornasync import AsyncHTTPServerClient

    client = AsyncHTTPServerClient(http_server=http_server)
    with closing(client):
        yield client
