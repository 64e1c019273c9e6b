"""`%%safe_ai --insert` as a person sees it: the offered code lands in a new cell below,
not run, carrying the provenance metadata."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

OFFER = (
    "from IPython.display import display\n"
    "display({'application/vnd.jupyter-safeai.insert+json': {'source': 'x = 41 + 1', "
    "'metadata': {'safeai': {'generated': True, 'model': 'test-model', 'id': 'ui-test-1', "
    "'prompt_sha256': '0' * 64, 'time': '2026-11-25T00:00:00+00:00'}}}, "
    "'text/plain': 'code'}, raw=True)"
)


def test_offered_code_becomes_an_unexecuted_cell_with_provenance(
        page: Page, lab_server: Any, screenshots: Path) -> None:
    page.goto(f"{lab_server.url}lab?token={lab_server.token}")
    page.locator(".jp-LauncherCard[title*='Python 3'][data-category='Notebook']").click(
        timeout=60_000)
    expect(page.get_by_text("Python 3 (ipykernel) | Idle")).to_be_visible(timeout=60_000)
    editor = page.locator(".jp-Notebook .jp-Cell .cm-content").first
    editor.click()
    page.keyboard.insert_text(OFFER)
    page.keyboard.press("Control+Enter")  # run in place: no extra empty cell below
    inserted = page.locator(".jp-Notebook .jp-CodeCell").nth(1)
    expect(inserted.locator(".cm-content")).to_have_text("x = 41 + 1", timeout=60_000)
    expect(page.locator(".safeai-insert p")).to_contain_text("not run")
    expect(inserted.locator(".jp-InputPrompt")).to_have_text("[ ]:")
    page.screenshot(path=screenshots / "magic-insert.png")
    # the notebook model, as JupyterLab holds it (test servers expose the app)
    cell = page.evaluate("""() => {
        const cell = window.jupyterapp.shell.currentWidget.content.model.cells.get(1);
        return {metadata: cell.getMetadata('safeai'), count: cell.executionCount,
                outputs: cell.outputs.length, source: cell.sharedModel.getSource()};
    }""")
    assert cell["source"] == "x = 41 + 1"
    assert cell["metadata"]["generated"] is True and cell["metadata"]["model"] == "test-model"
    assert cell["count"] is None and cell["outputs"] == 0
