"""`%%safe_ai` in a real IPython kernel, against a real `jupyter lab` with the extension.

The kernel is started with the server's runtime directory, as kernels of a user's
server are, so it finds the server the way it would in JupyterLab.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from jupyter_client.manager import KernelManager

# `lab_server` (root conftest.py) is a running `jupyter lab`; typed Any to avoid
# importing one conftest module from another.
EMAIL = "jane.doe@mayo-clinic.org"


class Kernel:
    def __init__(self, env: dict[str, str]) -> None:
        self.manager = KernelManager(kernel_name="python3")
        self.manager.start_kernel(env=env)
        self.client = self.manager.client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=60)

    def run(self, code: str, timeout: float = 300) -> list[str]:
        """Execute a cell; return the final text/markdown of each display it showed."""
        displays: dict[str, str] = {}
        order: list[str] = []
        errors: list[str] = []

        def collect(message: dict) -> None:
            kind, content = message["msg_type"], message["content"]
            if kind in {"display_data", "update_display_data", "execute_result"}:
                data = content.get("data", {})
                text = data.get("text/markdown") or data.get("text/plain", "")
                key = content.get("transient", {}).get("display_id") or f"anon{len(order)}"
                if key not in displays:
                    order.append(key)
                displays[key] = text
            elif kind == "stream":
                key = f"stream{len(order)}"
                order.append(key)
                displays[key] = content["text"]
            elif kind == "error":
                errors.append("\n".join(content["traceback"]))

        reply = self.client.execute_interactive(code, timeout=timeout, output_hook=collect)
        assert not errors, errors
        assert reply["content"]["status"] == "ok", reply["content"]
        return [displays[key] for key in order]

    def close(self) -> None:
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)


@pytest.fixture
def kernel_of(lab_server: Any) -> Iterator[Kernel]:
    kernel = Kernel(lab_server.kernel_env())
    kernel.run("%load_ext jupyter_safeai")
    yield kernel
    kernel.close()


def chat_requests(server: Any) -> int:
    return len(re.findall(r"POST /safeai/chat", server.log_text()))


def test_magic_answers_with_the_servers_model(kernel_of: Kernel, lab_server: Any) -> None:
    before = chat_requests(lab_server)
    (answer,) = kernel_of.run(
        "%%safe_ai\nWrite a Python function that returns the square of a number."
    )
    assert chat_requests(lab_server) == before + 1
    assert "SmolLM2-135M-Instruct" in answer and "tokens/s" in answer
    body = answer.split("<sub>")[0]
    assert len(body.strip()) > 10, answer


def test_magic_blocks_in_the_kernel_and_sends_nothing(
    kernel_of: Kernel, lab_server: Any
) -> None:
    before = chat_requests(lab_server)
    (report,) = kernel_of.run(f"%%safe_ai\nWrite an email to\n{EMAIL} about her results")
    assert report.startswith("**Not sent.**")
    assert "`EMAIL_ADDRESS`" in report and "line 2, column 1" in report
    assert EMAIL not in report and "jane" not in report
    assert chat_requests(lab_server) == before
    assert EMAIL not in lab_server.log_text()


def test_unknown_model_is_refused_by_the_server(kernel_of: Kernel) -> None:
    (answer,) = kernel_of.run("%%safe_ai --model gpt-4\nhello")
    assert "HTTP 403" in answer and "not an approved model" in answer


def test_magic_without_a_server_says_so(lab_server: Any, tmp_path) -> None:
    env = {**lab_server.kernel_env(), "JUPYTER_RUNTIME_DIR": str(tmp_path)}
    kernel = Kernel(env)
    try:
        kernel.run("%load_ext jupyter_safeai")
        (message,) = kernel.run("%%safe_ai\nhello")
    finally:
        kernel.close()
    assert message.startswith("**Not sent.** No Jupyter server with jupyter-safeai")
    assert "make lab" in message and "Traceback" not in message
