"""The warnings panel and the pre-send preview, as a researcher sees them.

A notebook with synthetic identifiers in a cell's source and in a DataFrame's HTML
output: the sidebar lists both cells by kind and count (never the values), a click
selects the cell, and a question with an SSN is shown as blocked before it is sent.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

EMAIL = "jane.doe@mayo-clinic.org"
SSN = "219-09-9999"
PNG_1PX = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6"
           "kgAAAABJRU5ErkJggg==")
DATAFRAME_HTML = (
    "<div><table border=\"1\" class=\"dataframe\"><thead><tr style=\"text-align: right;\">"
    "<th></th><th>patient_name</th><th>mrn</th><th>dob</th></tr></thead><tbody>"
    "<tr><th>0</th><td>Jane Doe</td><td>4417</td><td>1961-03-02</td></tr>"
    "<tr><th>1</th><td>Robert Smith</td><td>5120</td><td>1975-11-20</td></tr>"
    "</tbody></table></div>"
)


def code(source: str, outputs: list | None = None, count: int | None = None) -> dict:
    return {"cell_type": "code", "execution_count": count, "metadata": {},
            "outputs": outputs or [], "source": source}


def notebook(cells: list[dict]) -> dict:
    for i, cell in enumerate(cells):
        cell["id"] = f"cell-{i}"
    return {"cells": cells, "metadata": {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                       "name": "python3"},
        "language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}


def planted() -> dict:
    return notebook([
        {"cell_type": "markdown", "metadata": {}, "source": "# Follow-up cohort (synthetic)"},
        code("import pandas as pd"),
        code(f'contact = "{EMAIL}"\nssn = "{SSN}"'),
        code("df.head()", [{"output_type": "execute_result", "execution_count": 3,
                             "metadata": {}, "data": {
                                 "text/html": DATAFRAME_HTML,
                                 "text/plain": "  patient_name   mrn         dob\n..."}}],
             count=3),
        code("plot()", [{"output_type": "display_data", "metadata": {},
                          "data": {"image/png": PNG_1PX, "text/plain": "<Figure>"}}]),
    ])


def open_notebook(page: Page, lab_server: Any, name: str) -> None:
    page.goto(f"{lab_server.url}lab/tree/{name}?token={lab_server.token}")
    tab = page.locator('.jp-SideBar.jp-mod-right .lm-TabBar-tab[data-id="safeai-sidebar"]')
    tab.click(timeout=60_000)
    expect(page.locator("#safeai-sidebar")).to_be_visible()


def test_warnings_list_cells_and_select_them(page: Page, lab_server: Any,
                                              screenshots: Path) -> None:
    (lab_server.root_dir / "planted.ipynb").write_text(json.dumps(planted()))
    open_notebook(page, lab_server, "planted.ipynb")
    panel = page.locator("#safeai-warnings")
    expect(panel).to_be_visible()
    # one row per finding, grouped by severity; the rows of cells 3 and 4 (index 2, 3)
    source_rows = panel.locator('.safeai-finding[data-cell-index="2"]')
    output_rows = panel.locator('.safeai-finding[data-cell-index="3"][data-where="output"]')
    expect(source_rows.first).to_be_visible(timeout=30_000)
    low = panel.locator('.safeai-severity-group[data-severity="low"] .safeai-group-toggle')
    if low.count():
        low.click()  # weak signals wait under a count until opened
    expect(panel.locator('.safeai-finding[data-cell-index="2"][data-entity="EMAIL_ADDRESS"]')
           ).to_have_count(1)
    expect(panel.locator('.safeai-finding[data-cell-index="2"][data-entity="US_SSN"]')
           ).to_have_count(1)
    expect(output_rows.filter(has_text="PERSON").first).to_contain_text("(output)")
    source_cell = source_rows.first
    output_cell = output_rows.first
    # images are one summary line, opened on request
    images = panel.locator(".safeai-not-scanned-summary .safeai-group-toggle")
    expect(images).to_contain_text("1 image output not scanned")
    images.click()
    expect(panel.locator(".safeai-not-scanned")).to_contain_text("not scanned: image")
    # kinds and counts only: no value reaches the sidebar
    sidebar_text = page.locator("#safeai-sidebar").inner_text()
    for value in (EMAIL, SSN, "Jane Doe", "Robert Smith", "jane.doe"):
        assert value not in sidebar_text
    # the flagged cells carry a marker; the others do not
    def cell(i: int) -> Any:
        return page.locator(f'.jp-NotebookPanel:not(.lm-mod-hidden) '
                            f'.jp-Cell[data-windowed-list-index="{i}"]')
    expect(cell(2)).to_have_class(re.compile(r"\bsafeai-flagged\b"))
    expect(cell(3)).to_have_class(re.compile(r"\bsafeai-flagged\b"))
    expect(cell(1)).not_to_have_class(re.compile(r"\bsafeai-flagged\b"))
    # the tab and the status bar show the count
    expect(page.locator('.lm-TabBar-tab[data-id="safeai-sidebar"]')).to_have_attribute(
        "data-safeai-count", "2")
    expect(page.locator(".safeai-statusbar")).to_contain_text("2")

    active = "() => window.jupyterapp.shell.currentWidget.content.activeCellIndex"
    output_cell.locator(".safeai-warning").click()  # opens the row: why, and what to do
    output_cell.get_by_role("button", name="Go to cell").click()
    page.wait_for_function(f"({active})() === 3")
    source_cell.locator(".safeai-warning").focus()
    page.keyboard.press("Enter")  # keyboard reachable
    source_cell.get_by_role("button", name="Go to cell").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"({active})() === 2")
    page.screenshot(path=screenshots / "warnings-light.png")

    page.evaluate("""() => window.jupyterapp.commands.execute('apputils:change-theme',
                                                              {theme: 'JupyterLab Dark'})""")
    expect(page.locator("body")).to_have_attribute("data-jp-theme-light", "false",
                                                   timeout=30_000)
    page.wait_for_timeout(500)
    page.screenshot(path=screenshots / "warnings-dark.png")
    page.evaluate("""() => window.jupyterapp.commands.execute('apputils:change-theme',
                                                              {theme: 'JupyterLab Light'})""")
    expect(page.locator("body")).to_have_attribute("data-jp-theme-light", "true",
                                                   timeout=30_000)
    assert EMAIL not in lab_server.log_text() and SSN not in lab_server.log_text()


def test_preview_shows_a_block_before_sending(page: Page, lab_server: Any,
                                              screenshots: Path) -> None:
    (lab_server.root_dir / "preview.ipynb").write_text(json.dumps(notebook([code("x = 1")])))
    open_notebook(page, lab_server, "preview.ipynb")
    chats_before = lab_server.log_text().count("safeai chat: model=")
    box = page.get_by_label("Ask the assistant")
    box.fill("Plot the visits of Jane Doe")
    preview = page.locator(".safeai-preview")
    send = page.locator(".safeai-send")
    expect(preview).to_contain_text("PERSON (block)", timeout=15_000)
    box.fill(f"Why does the patient with SSN {SSN} have two visits?")
    expect(preview).to_contain_text("US_SSN (block)", timeout=15_000)
    expect(send).to_have_text("Blocked: 1 identifier")
    expect(send).to_be_disabled()
    assert SSN not in preview.inner_text()
    page.screenshot(path=screenshots / "preview-blocked.png")
    box.fill("Write a function that returns the mean of a list")
    expect(send).to_have_text("Send", timeout=15_000)
    expect(send).to_be_enabled()
    expect(preview).to_be_hidden()
    assert lab_server.log_text().count("safeai chat: model=") == chats_before


def big_notebook(seed: int) -> dict:
    """200 cells, 4 with an e-mail; `seed` makes each copy's cells differ (no cache hits)."""
    cells = []
    for i in range(200):
        if i % 50 == 7:
            cells.append(code(f'email_{i} = "patient{i}.{seed}@mayo-clinic.org"'))
        else:
            cells.append(code(f'frame_{i} = load("data_{seed}_{i}.csv")\nframe_{i}.describe()',
                              [{"output_type": "stream", "name": "stdout",
                                "text": f"rows: {i * 10 + seed}\ncolumns: 12\n"}],
                              count=i + 1))
    result = notebook(cells)
    for i, cell in enumerate(result["cells"]):
        cell["id"] = f"big{seed}-{i}"
    return result


def test_warnings_for_a_200_cell_notebook(page: Page, lab_server: Any,
                                          screenshots: Path) -> None:
    """Measured from the open command in a JupyterLab that is already up (page loaded,
    server idle, model loaded, scanner warm) to the 4 warnings listed; three different
    notebooks, so no result comes from a cache."""
    runs = 3
    for seed in range(runs):
        (lab_server.root_dir / f"big{seed}.ipynb").write_text(json.dumps(big_notebook(seed)))
    (lab_server.root_dir / "small.ipynb").write_text(json.dumps(notebook([code("y = 2")])))
    lab_server.wait_for_model()
    # a workspace of its own: notebooks other tests left open are not restored here
    page.goto(f"{lab_server.url}lab/workspaces/big/tree/small.ipynb?reset"
              f"&token={lab_server.token}")
    page.locator('.jp-SideBar.jp-mod-right .lm-TabBar-tab[data-id="safeai-sidebar"]').click(
        timeout=60_000)
    expect(page.locator("#safeai-warnings .safeai-warnings-summary")).to_have_text(
        "No identifiers found", timeout=30_000)
    expect(page.get_by_text("Python 3 (ipykernel) | Idle")).to_be_visible(timeout=60_000)
    warnings = page.locator("#safeai-warnings .safeai-warning")
    measured = []
    for seed in range(runs):
        name = f"big{seed}.ipynb"
        # timed in the page: from the open command to the panel listing the 4 cells
        page.evaluate("""name => {
            window.__open = {started: performance.now()};
            new MutationObserver((_, observer) => {
                if (document.querySelectorAll('#safeai-warnings .safeai-warning').length === 4
                        && document.querySelector('#safeai-warnings .safeai-warnings-file')
                            ?.title === name) {
                    window.__open.warnings = performance.now() - window.__open.started;
                    observer.disconnect();
                }
            }).observe(document.body, {childList: true, subtree: true, attributes: true});
            window.jupyterapp.commands.execute('docmanager:open', {path: name});
        }""", name)
        page.wait_for_function("() => window.__open.warnings !== undefined", timeout=60_000)
        expect(warnings).to_have_count(4)
        expect(page.locator("#safeai-warnings")).to_have_attribute("data-count", "4")
        loaded = page.evaluate("""() => window.jupyterapp.shell.currentWidget.content.model
                                  .cells.length""")
        assert loaded == 200
        pass_ms = page.locator("#safeai-warnings").get_attribute("data-first-pass-ms")
        measured.append({"seconds_from_open_to_warnings":
                         round(page.evaluate("window.__open.warnings") / 1000, 3),
                         "panel_ms_from_active_to_first_results":
                         int(pass_ms) if pass_ms else None})
        if seed == 0:
            page.screenshot(path=screenshots / "warnings-200-cells.png")
        # let this notebook's kernel start before the next open
        expect(page.get_by_text("Python 3 (ipykernel) | Idle")).to_be_visible(timeout=60_000)
    seconds = sorted(m["seconds_from_open_to_warnings"] for m in measured)
    metrics = {"cells": 200, "flagged_cells": 4, "runs": measured,
               "median_seconds_from_open_to_warnings": seconds[len(seconds) // 2],
               "max_seconds_from_open_to_warnings": seconds[-1],
               "measured_from": "docmanager:open in an already loaded JupyterLab"}
    print("200-cell notebook:", metrics)
    (screenshots / "warnings-metrics.json").write_text(json.dumps(metrics, indent=2))


def test_the_magics_findings_reach_the_sidebar(page: Page, lab_server: Any,
                                              screenshots: Path) -> None:
    """`%%safe_ai` blocks in the kernel; what it found shows in this notebook's warnings."""
    question = "Patient John Smith, MRN: 00483920, fell. How do I plot falls by month?"
    (lab_server.root_dir / "magic.ipynb").write_text(json.dumps(notebook([
        code("%load_ext jupyter_safeai"),
        code(f"%%safe_ai --mode block\n{question}"),
    ])))
    # a workspace of its own: notebooks other tests left open are not restored here
    page.goto(f"{lab_server.url}lab/workspaces/magic/tree/magic.ipynb?reset"
              f"&token={lab_server.token}")
    tab = page.locator('.jp-SideBar.jp-mod-right .lm-TabBar-tab[data-id="safeai-sidebar"]')
    tab.click(timeout=60_000)
    page.wait_for_function("window.jupyterapp.shell.currentWidget?.context?.path"
                           " === 'magic.ipynb'", timeout=60_000)
    expect(page.get_by_text("Python 3 (ipykernel) | Idle")).to_be_visible(timeout=60_000)
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    current = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    expect(current.locator(".jp-OutputArea-output").last).to_contain_text(
        "Not sent", timeout=60_000)
    magic = page.locator(".safeai-warning-magic")
    expect(magic.first).to_be_visible(timeout=30_000)
    shown = page.locator(".safeai-magic-list").inner_text()
    assert "PERSON" in shown and "MEDICAL_RECORD_NUMBER" in shown
    assert "John" not in shown and "00483920" not in shown
    page.screenshot(path=screenshots / "warnings-from-magic.png")
