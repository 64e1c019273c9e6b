"""`%%safe_ai` in a real IPython kernel, against a real `jupyter lab` with the extension.

The kernel is started with the server's runtime directory, as kernels of a user's
server are, so it finds the server the way it would in JupyterLab.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.kernel_client import Kernel

# `lab_server` (root conftest.py) is a running `jupyter lab`; typed Any to avoid
# importing one conftest module from another.
EMAIL = "jane.doe@mayo-clinic.org"


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


def test_admins_can_have_every_kernel_load_the_magic(lab_server: Any, tmp_path) -> None:
    from jupyter_safeai.cli import main as cli_main

    profile = tmp_path / "ipython" / "profile_default"
    assert cli_main(["autoload", "enable", "--dir", str(profile)]) == 0
    check = "print('safe_ai' in get_ipython().magics_manager.magics['cell'])"
    kernel = Kernel({**lab_server.kernel_env(), "IPYTHONDIR": str(tmp_path / "ipython")})
    try:
        assert kernel.run(check) == ["True\n"]  # no %load_ext needed
    finally:
        kernel.close()
    assert cli_main(["autoload", "disable", "--dir", str(profile)]) == 0
    kernel = Kernel({**lab_server.kernel_env(), "IPYTHONDIR": str(tmp_path / "ipython")})
    try:
        assert kernel.run(check) == ["False\n"]
    finally:
        kernel.close()
