"""The redact and warn policies in the sidebar, against a lab whose admin redacts PHI
and only warns about genomic identifiers: the preview says what will happen, the
question is sent with placeholders (or after "Send anyway"), and the answer shows
the user's values, never a placeholder."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from test_chat_context import open_notebook
from test_warnings import code

ANSWER_MS = 120_000
REDACT_WARN = {"policy": {"phi": "redact", "secret": "block", "genomic": "warn"}}
pytestmark = pytest.mark.parametrize("lab_server", [REDACT_WARN], indirect=True,
                                     ids=["phi-redact-genomic-warn"])
PLACEHOLDER = re.compile(r"<[A-Z_]+_\d+>")


def test_send_redacted_restores_the_values(page: Page, lab_server: Any,
                                           screenshots: Path) -> None:
    open_notebook(page, lab_server, "redact.ipynb", [code("x = 1")])
    lab_server.wait_for_model()
    box = page.get_by_label("Ask the assistant")
    box.fill("Write one sentence greeting the patient Jane Doe by name.")
    send = page.locator(".safeai-send")
    expect(page.locator(".safeai-preview")).to_contain_text("PERSON (redact)", timeout=15_000)
    expect(send).to_have_text("Send redacted")
    expect(send).to_be_enabled()
    page.screenshot(path=screenshots / "redact-preview.png")
    send.click()
    expect(page.locator(".safeai-turn-notice").first).to_have_text(
        "Sent with placeholders for PERSON; the answer shows your values again.")
    answer = page.locator(".safeai-turn-assistant")
    expect(answer).not_to_be_empty(timeout=ANSWER_MS)
    expect(send).to_be_visible(timeout=ANSWER_MS)
    text = answer.inner_text()
    # the server swaps placeholders back: none may reach the person
    assert not PLACEHOLDER.search(text), text
    page.screenshot(path=screenshots / "redact-answer.png")
    log = lab_server.log_text()
    assert "decision=redacted" in log and "Jane Doe" not in log
    print("answer names Jane Doe again:", "Jane Doe" in text)


def test_warn_needs_send_anyway(page: Page, lab_server: Any, screenshots: Path) -> None:
    open_notebook(page, lab_server, "warn.ipynb", [code("x = 1")])
    lab_server.wait_for_model()
    box = page.get_by_label("Ask the assistant")
    box.fill("What does rs1801133 TT mean for folate metabolism?")
    send = page.locator(".safeai-send")
    expect(page.locator(".safeai-preview")).to_contain_text("RSID_GENOTYPE (warn)",
                                                            timeout=15_000)
    expect(send).to_have_text("Send anyway")
    page.screenshot(path=screenshots / "warn-preview.png")
    before = lab_server.log_text().count("decision=warned")
    send.click()
    expect(page.locator(".safeai-turn-assistant")).not_to_be_empty(timeout=ANSWER_MS)
    expect(send).to_be_visible(timeout=ANSWER_MS)
    assert lab_server.log_text().count("decision=warned") == before + 1
    page.screenshot(path=screenshots / "warn-answer.png")
