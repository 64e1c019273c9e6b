"""What a researcher sees in the sidebar: a streamed answer, and a blocked question."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

MODEL_LOAD_MS = 120_000
ANSWER_MS = 120_000


def open_sidebar(page: Page, lab_server: Any) -> None:
    page.goto(f"{lab_server.url}lab?token={lab_server.token}")
    tab = page.locator('.jp-SideBar.jp-mod-right .lm-TabBar-tab[data-id="safeai-sidebar"]')
    tab.click(timeout=60_000)
    expect(page.locator("#safeai-sidebar")).to_be_visible()
    expect(page.get_by_label("Ask the assistant")).to_be_visible()


def ask(page: Page, question: str) -> None:
    page.get_by_label("Ask the assistant").fill(question)
    page.get_by_role("button", name="Send").click()


def ask_with_enter(page: Page, question: str) -> None:
    """Enter always asks the server, even when the preview already shows a block."""
    box = page.get_by_label("Ask the assistant")
    box.fill(question)
    box.press("Enter")


def test_question_gets_a_streamed_answer(page: Page, lab_server: Any,
                                         screenshots: Path) -> None:
    open_sidebar(page, lab_server)
    status = page.locator(".safeai-status")
    expect(status).to_have_attribute("data-state", "loaded", timeout=MODEL_LOAD_MS)
    picker = page.get_by_label("Model")
    expect(picker.locator("option")).to_have_text(["SmolLM2-135M-Instruct · Apache-2.0"])
    expect(page.get_by_role("link", name="model card")).to_have_attribute(
        "href", "https://huggingface.co/HuggingFaceTB/SmolLM2-135M-Instruct")
    expect(page.locator(".safeai-badge")).to_have_text("not for PHI")
    page.screenshot(path=screenshots / "sidebar-ready.png")

    # Record every length the answer passes through while it streams, to prove it
    # arrives in pieces (once done it is re-rendered as Markdown).
    page.evaluate("""() => {
        window.__answerLengths = [];
        new MutationObserver(() => {
            const answer = document.querySelector(
                '.safeai-turn-assistant[data-streaming="true"]');
            if (answer) window.__answerLengths.push(answer.textContent.length);
        }).observe(document.querySelector('.safeai-log'),
                   {childList: true, subtree: true, characterData: true});
    }""")
    asked = time.monotonic()
    ask(page, "Write a Python function that returns the square of a number.")
    expect(page.get_by_role("button", name="Stop")).to_be_visible()
    answer = page.locator(".safeai-turn-assistant")
    expect(answer).not_to_be_empty(timeout=ANSWER_MS)
    first_text = time.monotonic() - asked
    expect(page.get_by_role("button", name="Send")).to_be_visible(timeout=ANSWER_MS)
    page.screenshot(path=screenshots / "sidebar-answer.png")

    lengths = [n for n in page.evaluate("window.__answerLengths") if n > 0]
    assert len(set(lengths)) >= 3, f"answer did not stream: {lengths}"
    assert lengths == sorted(lengths)
    assert len(answer.inner_text().strip()) > 10
    speed = re.search(r"([\d.]+) tokens/s", status.inner_text())
    assert speed, status.inner_text()
    (screenshots / "sidebar-metrics.json").write_text(json.dumps({
        "tokens_per_second_seen_by_sidebar": float(speed.group(1)),
        "seconds_from_send_to_first_text": round(first_text, 3),
    }, indent=2))


def test_question_with_an_email_is_blocked(page: Page, lab_server: Any,
                                           screenshots: Path) -> None:
    open_sidebar(page, lab_server)
    email = "jane.doe@mayo-clinic.org"
    chats_before = lab_server.log_text().count("safeai chat: model=")
    ask_with_enter(page, f"Draft a letter to {email} about her lab results")
    notice = page.locator(".safeai-turn-blocked").last
    expect(notice).to_contain_text("EMAIL_ADDRESS")
    expect(notice).to_contain_text("Nothing was sent to the model")
    expect(page.locator(".safeai-turn-assistant")).to_have_count(0)
    page.screenshot(path=screenshots / "sidebar-blocked.png")
    assert lab_server.log_text().count("safeai chat: model=") == chats_before
    assert email not in lab_server.log_text()


ANSWER_WITH_CODE = [
    {"type": "gate", "action": "send", "counts": {}, "redacted": {}, "notes": []},
    {"type": "token", "content": "Here you are:\n\n```python\ndef square(x):\n"},
    {"type": "token", "content": "    return x * x\n```\n"},
    {"type": "done", "model": "SmolLM2-135M-Instruct", "tokens": 12,
     "time_to_first_token": 0.05, "tokens_per_second": 80.0},
]


def test_insert_below_adds_an_unexecuted_cell_with_provenance(
        page: Page, lab_server: Any, screenshots: Path) -> None:
    """The model's wording varies, so its answer is fixed here: the browser gets a
    canned stream with one code block, as the server would send it."""
    from test_chat_context import open_notebook
    from test_warnings import code

    open_notebook(page, lab_server, "insert.ipynb", [code("x = 1")])
    lab_server.wait_for_model()
    page.route("**/safeai/chat*", lambda route: route.fulfill(
        status=200, content_type="application/x-ndjson",
        body="".join(json.dumps(e) + "\n" for e in ANSWER_WITH_CODE)))
    ask(page, "Write a function that squares a number.")
    block = page.locator(".safeai-turn-assistant pre").last
    expect(block).to_contain_text("return x * x", timeout=ANSWER_MS)
    expect(page.locator(".safeai-turn-assistant").last.get_by_role(
        "button", name=re.compile("Copy"))).to_be_visible()
    insert = page.locator(".safeai-code-insert").last
    insert.click()
    expect(insert).to_have_text("Inserted")
    cell = page.evaluate("""() => {
        const nb = window.jupyterapp.shell.currentWidget.content;
        const cell = nb.model.cells.get(nb.activeCellIndex);
        return {n: nb.model.cells.length, index: nb.activeCellIndex,
                metadata: cell.getMetadata('safeai'), type: cell.type,
                count: cell.executionCount ?? null, source: cell.sharedModel.getSource()};
    }""")
    assert (cell["n"], cell["index"], cell["type"]) == (2, 1, "code")
    assert cell["source"].strip() == "def square(x):\n    return x * x"
    assert cell["count"] is None  # inserted for review, never run
    assert cell["metadata"]["generated"] is True
    assert cell["metadata"]["model"] == "SmolLM2-135M-Instruct"
    assert re.fullmatch(r"[0-9a-f]{64}", cell["metadata"]["prompt_sha256"])
    expect(page.locator(".jp-Notebook .jp-CodeCell").nth(1).locator(
        ".jp-InputPrompt")).to_have_text("[ ]:")
    page.screenshot(path=screenshots / "sidebar-insert.png")


def test_stop_ends_a_streaming_answer_and_the_server_stops_generating(
        page: Page, lab_server: Any, screenshots: Path) -> None:
    open_sidebar(page, lab_server)
    lab_server.wait_for_model()
    ask(page, "Write a long, detailed essay on the history of statistics, "
              "with many sections.")
    answer = page.locator(".safeai-turn-assistant").last
    expect(answer).not_to_be_empty(timeout=ANSWER_MS)
    page.get_by_role("button", name="Stop").click()
    expect(page.locator(".safeai-turn-error").last).to_have_text("Stopped.")
    expect(page.get_by_role("button", name="Send")).to_be_visible()
    stopped_at = len(answer.inner_text())
    page.wait_for_timeout(1500)
    assert len(answer.inner_text()) == stopped_at  # nothing arrives after Stop
    page.screenshot(path=screenshots / "sidebar-stopped.png")
    # the server saw the client go away and stopped short of its token limit
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and "client went away" not in lab_server.log_text():
        time.sleep(0.2)
    went = re.findall(r"client went away after (\d+) tokens", lab_server.log_text())
    assert went and int(went[-1]) < 512, went
