"""Chat features a person uses around a question: notebook context (cell, selection,
DataFrame schema) shown as chips and scanned before sending, one conversation per
notebook, the user's stricter settings under the admin floor, and what the chat says
when the model is busy (429) or the server cannot be reached."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, Route, expect
from test_warnings import DATAFRAME_HTML, EMAIL, code, notebook

ANSWER_MS = 120_000
SIDEBAR_TAB = '.jp-SideBar.jp-mod-right .lm-TabBar-tab[data-id="safeai-sidebar"]'
CLEAN = "Write a Python function that returns the mean of a list."


def open_notebook(page: Page, lab_server: Any, name: str, cells: list[dict]) -> None:
    (lab_server.root_dir / name).write_text(json.dumps(notebook(cells)))
    # a workspace of its own: notebooks other tests left open are not restored here
    page.goto(f"{lab_server.url}lab/workspaces/{name.split('.')[0]}/tree/{name}?reset"
              f"&token={lab_server.token}")
    page.locator(SIDEBAR_TAB).click(timeout=60_000)
    page.wait_for_function(f"window.jupyterapp.shell.currentWidget?.context?.path === '{name}'"
                           " && window.jupyterapp.shell.currentWidget.content.widgets.length"
                           f" === {len(cells)}", timeout=60_000)
    expect(page.locator("#safeai-sidebar")).to_be_visible()


def cell(page: Page, index: int) -> Any:
    return page.locator(f'.jp-NotebookPanel:not(.lm-mod-hidden) '
                        f'.jp-Cell[data-windowed-list-index="{index}"]')


def test_context_buttons_add_scanned_chips(page: Page, lab_server: Any,
                                           screenshots: Path) -> None:
    open_notebook(page, lab_server, "context.ipynb", [
        code(f'contact = "{EMAIL}"'),
        code("def mean(xs):\n    return sum(xs) / len(xs)"),
        code("df.head()", [{"output_type": "execute_result", "execution_count": 3,
                             "metadata": {}, "data": {"text/html": DATAFRAME_HTML,
                                                      "text/plain": "<DataFrame>"}}], count=3),
    ])
    send = page.locator(".safeai-send")
    chips = page.locator(".safeai-context-chip")
    box = page.get_by_label("Ask the assistant")
    box.fill("What does this code do?")
    expect(send).to_have_text("Send", timeout=15_000)

    # the active cell holds an e-mail: its chip and the send button say so
    cell(page, 0).locator(".jp-InputPrompt").click()
    page.get_by_role("button", name="Add active cell").click()
    expect(chips).to_have_count(1)
    expect(chips.first).to_have_attribute("data-kind", "cell")
    expect(chips.first).to_contain_text("Cell 1")
    expect(chips.first).to_contain_text("EMAIL_ADDRESS (block)", timeout=15_000)
    expect(send).to_have_text("Blocked: 1 identifier")
    expect(send).to_be_disabled()
    page.screenshot(path=screenshots / "context-cell-blocked.png")
    # removing the chip (by keyboard) takes its verdict with it
    page.get_by_role("button", name="Remove Cell 1 from the question").focus()
    page.keyboard.press("Enter")
    expect(chips).to_have_count(0)
    expect(send).to_have_text("Send", timeout=15_000)
    expect(send).to_be_enabled()

    # a selection inside a cell's editor
    cell(page, 1).locator(".cm-content").click()
    page.keyboard.press("Control+Home")
    page.keyboard.press("Shift+End")  # "def mean(xs):"
    page.get_by_role("button", name="Add selection").click()
    expect(chips).to_have_count(1)
    expect(chips.first).to_contain_text("Selection · cell 2")
    expect(chips.first).to_contain_text("nothing found", timeout=15_000)
    chips.first.locator("summary").click()
    expect(chips.first.locator(".safeai-context-text")).to_have_text(
        "Selected from cell 2:\n```python\ndef mean(xs):\n```")

    # the DataFrame output: names, types, row count — never the values
    cell(page, 2).locator(".jp-InputPrompt").click()
    page.get_by_role("button", name="Add DataFrame schema").click()
    expect(chips).to_have_count(2)
    schema = chips.nth(1)
    expect(schema).to_have_attribute("data-kind", "schema")
    expect(schema).to_contain_text("DataFrame schema · cell 3")
    schema.locator("summary").click()
    text = schema.locator(".safeai-context-text")
    expect(text).to_contain_text("2 rows, 3 columns")
    expect(text).to_contain_text("- patient_name: object")
    expect(text).to_contain_text("- mrn: int64")
    expect(text).to_contain_text("- dob: datetime64")
    expect(schema.locator(".safeai-context-detail")).to_contain_text("No values")
    shown = page.locator("#safeai-sidebar").inner_text()
    for value in ("Jane Doe", "Robert Smith", "4417", "1961-03-02"):
        assert value not in shown
    expect(schema).to_have_attribute("data-action", re.compile(r"^(send|redact|block|warn)$"),
                                     timeout=15_000)
    page.screenshot(path=screenshots / "context-schema.png")

    # a cell without a DataFrame says so instead of adding an empty chip
    cell(page, 0).locator(".jp-InputPrompt").click()
    page.get_by_role("button", name="Add DataFrame schema").click()
    expect(page.locator(".safeai-context-note")).to_contain_text("shows no DataFrame")
    expect(chips).to_have_count(2)

    if schema.get_attribute("data-action") != "block":
        # sent: the question carries its context, the chips are cleared
        chats_before = lab_server.log_text().count("safeai chat: model=")
        send.click()
        question = page.locator(".safeai-turn-user").last
        expect(question).to_contain_text("What does this code do?")
        expect(question).to_contain_text("with Selection · cell 2, DataFrame schema · cell 3")
        expect(chips).to_have_count(0)
        expect(page.locator(".safeai-turn-assistant")).not_to_be_empty(timeout=ANSWER_MS)
        expect(send).to_be_visible(timeout=ANSWER_MS)
        log = lab_server.log_text()
        assert log.count("safeai chat: model=") == chats_before + 1
        chars = int(re.findall(r"safeai chat: model=\S+ prompt_chars=(\d+)", log)[-1])
        assert chars > len("What does this code do?") + 100  # context went with it
        assert "Jane Doe" not in log
        page.screenshot(path=screenshots / "context-sent.png")


def test_conversation_is_kept_per_notebook(page: Page, lab_server: Any,
                                           screenshots: Path) -> None:
    (lab_server.root_dir / "other.ipynb").write_text(json.dumps(notebook([code("z = 3")])))
    open_notebook(page, lab_server, "first.ipynb", [code("x = 1")])
    box = page.get_by_label("Ask the assistant")
    box.fill(f"Draft a letter to {EMAIL}")
    box.press("Enter")  # refused by the server: a turn without waiting for the model
    log = page.locator(".safeai-log")
    expect(log.locator(".safeai-turn-blocked")).to_have_count(2)
    page.evaluate("window.jupyterapp.commands.execute('docmanager:open', "
                  "{path: 'other.ipynb'})")
    page.wait_for_function("window.jupyterapp.shell.currentWidget?.context?.path"
                           " === 'other.ipynb'")
    expect(log.locator(".safeai-turn")).to_have_count(0)
    expect(log.locator(".safeai-empty")).to_be_visible()
    expect(page.locator(".safeai-clear")).to_be_disabled()
    page.screenshot(path=screenshots / "conversation-other-notebook.png")
    page.locator(".jp-DirListing-item[title*='first.ipynb'], "
                 ".lm-TabBar-tab:has-text('first.ipynb')").last.click()
    page.wait_for_function("window.jupyterapp.shell.currentWidget?.context?.path"
                           " === 'first.ipynb'")
    expect(log.locator(".safeai-turn-blocked")).to_have_count(2)
    page.screenshot(path=screenshots / "conversation-first-notebook.png")
    page.get_by_role("button", name="Clear this notebook's conversation").click()
    expect(log.locator(".safeai-turn")).to_have_count(0)
    expect(log.locator(".safeai-empty")).to_be_visible()


def test_user_settings_are_stricter_never_looser(page: Page, lab_server: Any,
                                                 screenshots: Path) -> None:
    open_notebook(page, lab_server, "prefs.ipynb", [code("x = 1")])
    policy = page.locator(".safeai-policy-box")
    expect(policy).to_contain_text("Policy (admin floor, read-only)")
    genomic = policy.locator('.safeai-policy-row[data-category="genomic"]')
    secret = policy.locator('.safeai-policy-row[data-category="secret"]')
    expect(genomic.locator(".safeai-mode")).to_have_text("redact")
    # read-only: the floor is text, not a control
    assert policy.locator("select, input").count() == 0
    box = page.get_by_label("Ask the assistant")
    question = "Which gene does rs1801133 TT affect in subject TCGA-02-0001-01C?"
    box.fill(question)
    expect(page.locator(".safeai-send")).to_have_text("Send redacted", timeout=15_000)

    page.get_by_role("button", name="Your settings").click()
    expect(page.locator('#jp-main-dock-panel .lm-TabBar-tab[data-id="setting-editor"]')
           ).to_have_class(re.compile(r"\blm-mod-current\b"))

    def field(category: str) -> Any:
        return page.locator(
            f'[id="jp-SettingsEditor-jupyter-safeai:plugin_defaultMode_{category}"]')

    try:
        # "" reads as words in the form, not as an empty choice
        expect(field("phi").locator("option:checked")).to_have_text("as the admin policy",
                                                                   timeout=30_000)
        field("genomic").select_option("block")
        field("secret").select_option("warn")  # looser than the admin's block
        page.wait_for_timeout(1500)  # the editor saves after a short debounce
        page.screenshot(path=screenshots / "settings-editor.png")
        expect(genomic).to_contain_text("you: block", timeout=15_000)
        expect(secret).to_contain_text("you: warn (ignored)")
        expect(secret.locator(".safeai-policy-mine")).to_have_attribute("data-ignored", "true")
        page.get_by_role("tab", name="prefs.ipynb").click()
        send = page.locator(".safeai-send")
        expect(send).to_have_text(re.compile(r"^Blocked: \d identifiers?$"), timeout=15_000)
        expect(page.locator(".safeai-preview")).to_contain_text("(block)")
        page.screenshot(path=screenshots / "settings-stricter.png")
    finally:
        # other tests expect the admin policy alone
        page.locator('#jp-main-dock-panel .lm-TabBar-tab[data-id="setting-editor"]').click()
        field("genomic").select_option(label="as the admin policy")
        field("secret").select_option(label="as the admin policy")
        page.wait_for_timeout(1500)
    expect(genomic.locator(".safeai-policy-mine")).to_have_count(0, timeout=15_000)


def test_a_busy_model_is_retried_after_retry_after(page: Page, lab_server: Any,
                                                    screenshots: Path) -> None:
    open_notebook(page, lab_server, "busy.ipynb", [code("x = 1")])
    lab_server.wait_for_model()
    refused: list[str] = []

    def busy_once(route: Route) -> None:
        # the first request meets a full queue, as the server answers it (429)
        if not refused:
            refused.append(route.request.url)
            route.fulfill(status=429, headers={"Retry-After": "3"}, content_type="application/json",
                          body=json.dumps({"message": "busy", "reason": "busy", "queue": 5}))
        else:
            route.continue_()

    page.route("**/safeai/chat*", busy_once)
    page.get_by_label("Ask the assistant").fill(CLEAN)
    send = page.locator(".safeai-send")
    expect(send).to_have_text("Send", timeout=15_000)
    send.click()
    notice = page.locator('.safeai-turn[data-kind="busy"]')
    expect(notice).to_contain_text(re.compile(r"Model busy — 5 waiting, retrying in [1-3] s"))
    expect(notice.get_by_role("button", name="Cancel")).to_be_visible()
    page.screenshot(path=screenshots / "chat-busy-retrying.png")
    expect(page.locator(".safeai-turn-assistant")).not_to_be_empty(timeout=ANSWER_MS)
    expect(notice).to_have_count(0)
    expect(send).to_be_visible(timeout=ANSWER_MS)
    assert len(refused) == 1

    # cancelled while waiting: nothing is sent, and the chat says so
    page.unroute("**/safeai/chat*")
    refused.clear()
    page.route("**/safeai/chat*", busy_once)
    chats_before = lab_server.log_text().count("safeai chat: model=")
    page.get_by_label("Ask the assistant").fill(CLEAN)
    expect(send).to_have_text("Send", timeout=15_000)
    send.click()
    notice.get_by_role("button", name="Cancel").click()
    expect(page.locator(".safeai-turn-error").last).to_have_text(
        "Cancelled while the model was busy: nothing was sent.")
    page.wait_for_timeout(3500)  # past the Retry-After: no retry happened
    assert lab_server.log_text().count("safeai chat: model=") == chats_before


def test_an_unreachable_server_is_said_plainly(page: Page, lab_server: Any,
                                               screenshots: Path) -> None:
    open_notebook(page, lab_server, "offline.ipynb", [code("x = 1")])
    page.route("**/safeai/chat*", lambda route: route.abort("connectionrefused"))
    page.get_by_label("Ask the assistant").fill(CLEAN)
    send = page.locator(".safeai-send")
    expect(send).to_have_text("Send", timeout=15_000)
    send.click()
    error = page.locator(".safeai-turn-error").last
    expect(error).to_contain_text("Server unreachable")
    expect(error).to_contain_text("nothing was sent")
    expect(page.locator(".safeai-turn-unsent")).to_have_count(1)
    expect(page.get_by_label("Ask the assistant")).to_have_value(CLEAN)  # given back
    page.screenshot(path=screenshots / "chat-unreachable.png")
