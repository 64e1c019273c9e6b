"""Ghost text in a notebook cell, through the gate, against a recording stand-in model.

The lab's completion model is an OpenAI-compatible stand-in on loopback
(tests/models/fake_openai.py) that records every request, so each test can say exactly
what reached "the model": a placeholder for an SSN, nothing at all for a secret. The lab
serves this work tree's frontend build (jupyter_safeai/labextension, found first on
JUPYTER_PATH), and the test checks that the completion plugin is the one loaded.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from test_chat_context import cell, open_notebook
from test_warnings import code

from jupyter_safeai.models import EMBEDDED_DEFAULT_MODEL
from tests.models.fake_openai import FakeOpenAI

SSN = "219-09-9999"
KEY = "AKIA" + "ZQ3DRT5K7PLMN2XW"
GHOST = ".jp-GhostText"
#: What the test types; JupyterLab asks for ghost text only after something that is not
#: indentation on the line, and the editor indents the second line itself.
TYPED = "def square(x):\nreturn "


class ThreadedFake:
    """A FakeOpenAI served from an event loop of its own, for synchronous tests."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.fake = FakeOpenAI(chunks=["x ", "* ", "x"], delay=0.01)
        self.call(self.fake.start())

    def call(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(30)

    def prompts(self) -> list[str]:
        return [json.dumps(r.body) for r in self.fake.chats]

    def close(self) -> None:
        self.call(self.fake.stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


@pytest.fixture(scope="module")
def fake() -> Iterator[ThreadedFake]:
    fake = ThreadedFake()
    yield fake
    fake.close()


@pytest.fixture(scope="module")
def completion_lab(fake: ThreadedFake, tmp_path_factory: pytest.TempPathFactory,
                   start_lab: Any) -> Iterator[Any]:
    remote = {"name": "site-coder", "url": fake.fake.url, "license": "Apache-2.0",
              "model_card": "https://intranet.example.org/site-coder"}
    safeai = {"approved_models": [EMBEDDED_DEFAULT_MODEL, remote],
              "preload_default_model": False, "completion_model": "site-coder"}
    with start_lab(tmp_path_factory.mktemp("completion-lab"), safeai,
                   this_build=True) as server:
        yield server


def type_in_cell(page: Page, index: int, text: str) -> None:
    editor = cell(page, index).locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text, delay=30)


def type_in_new_notebook(page: Page, lab: Any, fake: ThreadedFake, name: str,
                         first_cell: str) -> int:
    """Open notebook `name` with one code cell and type `TYPED` at its end; the number of
    requests the model had before."""
    open_notebook(page, lab, name, [code(first_cell)])
    before = len(fake.fake.chats)
    type_in_cell(page, 0, TYPED)
    return before


def source(page: Page, index: int) -> str:
    return page.evaluate(f"""() => window.jupyterapp.shell.currentWidget.content
        .model.cells.get({index}).sharedModel.getSource()""")


def test_our_provider_is_loaded(page: Page, completion_lab: Any) -> None:
    open_notebook(page, completion_lab, "loaded.ipynb", [code("x = 1")])
    assert page.evaluate("window.jupyterapp.hasPlugin('jupyter-safeai:completions')")


def test_ghost_text_appears_and_tab_accepts_it(page: Page, completion_lab: Any,
                                               fake: ThreadedFake, screenshots: Path) -> None:
    before = type_in_new_notebook(page, completion_lab, fake, "ghost.ipynb", "")
    ghost = page.locator(GHOST)
    expect(ghost).to_have_text("x * x", timeout=30_000)
    page.screenshot(path=screenshots / "completion-ghost.png")
    page.keyboard.press("Tab")
    expect(ghost).to_have_count(0)
    assert source(page, 0).rstrip() == "def square(x):\n    return x * x"
    page.screenshot(path=screenshots / "completion-accepted.png")
    assert len(fake.fake.chats) > before


def test_an_ssn_in_a_string_reaches_the_model_as_a_placeholder(
        page: Page, completion_lab: Any, fake: ThreadedFake, screenshots: Path) -> None:
    before = type_in_new_notebook(page, completion_lab, fake, "ssn.ipynb",
                                  f'patient = {{"name": "synthetic", "ssn": "{SSN}"}}\n')
    expect(page.locator(GHOST)).to_have_text("x * x", timeout=30_000)
    page.screenshot(path=screenshots / "completion-ssn.png")
    sent = fake.prompts()[before:]
    assert sent, "the model was asked"
    assert all(SSN not in body for body in sent)
    assert any("<US_SSN_1>" in body for body in sent)
    assert SSN not in completion_lab.log_text()


def test_a_secret_in_the_cell_sends_nothing_and_the_status_bar_says_why(
        page: Page, completion_lab: Any, fake: ThreadedFake, screenshots: Path) -> None:
    before = type_in_new_notebook(page, completion_lab, fake, "secret.ipynb",
                                  f'aws_access_key_id = "{KEY}"\n')
    status = page.locator(".safeai-completion-status")
    expect(status).to_contain_text("no completion", timeout=30_000)
    expect(status).to_contain_text("AWS")
    page.wait_for_timeout(1500)  # a request that went out anyway would have arrived
    expect(page.locator(GHOST)).to_have_count(0)
    page.screenshot(path=screenshots / "completion-secret.png")
    assert len(fake.fake.chats) == before
    assert KEY not in status.inner_text() and KEY not in completion_lab.log_text()
