"""Living with the warnings panel: quiet for harmless notebooks, a false alarm dismissed in
one click (and still dismissed when the notebook is opened again), a `never_accept`
finding that cannot be, and a chat input that stays on screen next to a long notebook.

The lab serves this work tree's frontend build (jupyter_safeai/labextension, first on
JUPYTER_PATH); the first check in each test is that the new panel is the one loaded.
Every notebook is synthetic; screenshots go to ui-tests/test-results/.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from test_chat_context import open_notebook
from test_warnings import PNG_1PX, code

ROOT = Path(__file__).resolve().parents[1]
SSN = "219-09-9999"
KEY = "AKIA" + "ZQ3DRT5K7PLMN2XW"
PANEL = "#safeai-warnings"
TAB = '.jp-SideBar.jp-mod-right .lm-TabBar-tab[data-id="safeai-sidebar"]'


def md(source: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": source}


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory, start_lab: Any) -> Iterator[Any]:
    # The default admin settings (never_accept: secret), and no model: the panel only scans.
    with start_lab(tmp_path_factory.mktemp("warnings-lab"), {"preload_default_model": False},
                   this_build=True) as server:
        yield server


def scanned(page: Page) -> None:
    """Wait for this tree's panel (data-severity is new) to finish its first pass."""
    page.wait_for_function(
        """() => { const p = document.querySelector('#safeai-warnings');
                   return p && p.dataset.severity !== undefined && p.dataset.scanning === 'false'
                       && p.dataset.lastPassMs !== undefined; }""", timeout=90_000)


def rows(page: Page) -> list[tuple[int, str, str]]:
    """(cell number from 1, entity, severity) of every row, low ones included."""
    low = page.locator(f'{PANEL} .safeai-severity-group[data-severity="low"] '
                       '.safeai-group-toggle[aria-expanded="false"]')
    if low.count():
        low.click()
    found = page.locator(f"{PANEL} .safeai-finding")
    return sorted((int(found.nth(i).get_attribute("data-cell-index")) + 1,
                   found.nth(i).get_attribute("data-entity"),
                   found.nth(i).get_attribute("data-severity")) for i in range(found.count()))


def row(page: Page, cell: int, entity: str) -> Any:
    return page.locator(f'{PANEL} .safeai-finding[data-cell-index="{cell - 1}"]'
                        f'[data-entity="{entity}"]')


def cli(root: Path, name: str) -> list[tuple[int, str, str]]:
    """`jupyter safeai scan --baseline` on the saved notebook, as a pre-commit hook runs it."""
    baseline = root / ".safeai-baseline.json"
    argv = [sys.executable, "-m", "jupyter_safeai.cli", "scan", name, "--format", "json"]
    if baseline.exists():
        argv += ["--baseline", str(baseline)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(argv, cwd=root, env=env, capture_output=True, text=True, timeout=300)
    return sorted((f["cell"], f["entity"], f["severity"])
                  for f in json.loads(done.stdout)["findings"])


def test_links_and_a_cited_author_leave_the_panel_quiet(page: Page, lab: Any,
                                                        screenshots: Path) -> None:
    open_notebook(page, lab, "reshaping.ipynb", [
        md("# Reshaping data\n\nAdapted from *Python for Data Analysis* by Wes McKinney.\n"
           "See https://pandas.pydata.org/docs/user_guide/reshaping.html for details."),
        code('import pandas as pd\n# https://pandas.pydata.org/docs/reference/api/'
             'pandas.melt.html\ndf = pd.DataFrame({"a": [1, 2]})'),
    ])
    scanned(page)
    found = rows(page)  # the byline and the documentation links are no findings at all
    assert all(severity != "high" for _, _, severity in found), found
    expect(page.locator(f'{PANEL} .safeai-finding[data-severity="high"]')).to_have_count(0)
    expect(page.locator(PANEL)).not_to_have_attribute("data-severity", "high")
    tab = page.locator(TAB)
    assert tab.get_attribute("data-safeai-severity") != "high"
    badge = tab.evaluate("t => getComputedStyle(t, '::before').backgroundColor")
    red = page.evaluate("""() => { const d = document.createElement('div');
        d.style.color = 'var(--jp-error-color1)'; document.body.append(d);
        const c = getComputedStyle(d).color; d.remove(); return c; }""")
    assert badge != red
    page.screenshot(path=screenshots / "warnings-quiet.png")


def test_a_false_alarm_is_dismissed_and_stays_dismissed(page: Page, lab: Any,
                                                        screenshots: Path) -> None:
    name = "review.ipynb"
    cells = [
        md("# Notes\n\nQuestions about this analysis go to Ada Lovelace in the stats team."),
        code("# ask Dr. Grace Hopper\nx = 1"),
        md(f"Patient SSN on the intake form: {SSN}."),
        md(f"Deploy key: {KEY}"),
    ]
    open_notebook(page, lab, name, cells)
    scanned(page)
    before = rows(page)
    assert (1, "PERSON", "medium") in before and (2, "PERSON", "medium") in before
    assert (3, "US_SSN", "high") in before
    assert before == cli(lab.root_dir, name)
    expect(page.locator(TAB)).to_have_attribute("data-safeai-count", "4")

    # why: entity, detector, masked value, line, severity — never the value
    author = row(page, 1, "PERSON")
    author.locator(".safeai-warning").click()
    details = author.locator(".safeai-warning-details")
    expect(details).to_contain_text("names")
    expect(details.locator(".safeai-masked")).to_have_text("A•• ••••••••")
    expect(details).to_contain_text("Line3")
    expect(details).to_contain_text("medium")
    page.screenshot(path=screenshots / "warnings-why.png")
    for value in ("Ada Lovelace", "Grace Hopper", SSN, KEY):
        assert value not in page.locator("#safeai-sidebar").inner_text()

    # a markdown cell: recorded in the CLI's baseline, as a hash
    author.get_by_role("button", name="Not sensitive here").click()
    expect(author).to_have_count(0)
    baseline = (lab.root_dir / ".safeai-baseline.json").read_text()
    assert json.loads(baseline)["entries"][0]["entity"] == "PERSON"
    assert "Ada" not in baseline and "Lovelace" not in baseline

    # a code cell: an allow marker on the line, in Python's comment syntax
    reviewer = row(page, 2, "PERSON")
    reviewer.locator(".safeai-warning").click()
    reviewer.get_by_role("button", name="Not sensitive here").click()
    expect(reviewer).to_have_count(0, timeout=30_000)
    source = page.evaluate("""() => window.jupyterapp.shell.currentWidget.content.model
        .cells.get(1).sharedModel.getSource()""")
    assert source == "# ask Dr. Grace Hopper  # safeai: allow=PERSON\nx = 1"
    page.evaluate("window.jupyterapp.commands.execute('docmanager:save')")
    page.wait_for_function("!window.jupyterapp.shell.currentWidget.context.model.dirty")

    # gone from the panel, the tab's badge and the status bar; the real ones stay
    after = rows(page)
    assert after == [f for f in before if f[1] != "PERSON"]
    expect(page.locator(TAB)).to_have_attribute("data-safeai-count", "2")
    expect(page.locator(".safeai-statusbar")).to_contain_text("2 ⚠")
    expect(page.locator(f"{PANEL} .safeai-accepted")).to_contain_text("1 finding accepted")
    page.screenshot(path=screenshots / "warnings-dismissed.png")
    # the CLI, given the saved notebook and its baseline, reports what the panel shows
    assert after == cli(lab.root_dir, name)

    # opened again (a fresh page and workspace): still dismissed
    page.goto(f"{lab.url}lab/workspaces/reopen/tree/{name}?reset&token={lab.token}")
    page.locator(TAB).click(timeout=60_000)
    scanned(page)
    assert rows(page) == after
    page.screenshot(path=screenshots / "warnings-reopened.png")

    # the value changes: the baseline's hash no longer matches and the row comes back
    page.evaluate("""() => { const cell = window.jupyterapp.shell.currentWidget.content.model
        .cells.get(0).sharedModel;
        cell.setSource(cell.getSource().replace('Ada Lovelace', 'Mary Somerville')); }""")
    expect(row(page, 1, "PERSON")).to_have_count(1, timeout=30_000)


def test_a_never_accept_finding_cannot_be_dismissed(page: Page, lab: Any,
                                                    screenshots: Path) -> None:
    open_notebook(page, lab, "keys.ipynb", [md(f"Deploy key: {KEY}")])
    scanned(page)
    key = row(page, 1, "AWS_ACCESS_KEY")
    expect(key.locator(".safeai-locked")).to_have_text("locked")  # said on the row itself
    key.locator(".safeai-warning").click()
    expect(key.get_by_role("button", name="Not sensitive here")).to_be_disabled()
    expect(key.locator(".safeai-never-accept")).to_contain_text("never accepted")
    expect(key.locator(".safeai-masked")).to_have_text("AKIA••••••••••••…")
    # the server refuses too, whatever a page sends
    status = page.evaluate("""async () => {
        const token = document.cookie.match(/_xsrf=([^;]+)/)?.[1] ?? '';
        const r = await fetch('/safeai/baseline', {method: 'POST',
            headers: {'Content-Type': 'application/json', 'X-XSRFToken': token},
            body: JSON.stringify({path: 'keys.ipynb',
                                  entries: [{entity: 'AWS_ACCESS_KEY', hash: '0'.repeat(64)}]})});
        return r.status; }""")
    assert status == 403
    assert not (lab.root_dir / ".safeai-baseline.json").exists() or "AWS_ACCESS_KEY" not in (
        lab.root_dir / ".safeai-baseline.json").read_text()
    page.screenshot(path=screenshots / "warnings-never-accept.png")


def long_notebook() -> list[dict]:
    """200 cells: an e-mail in every 5th, an image output in every 25th."""
    cells = []
    for i in range(200):
        image = {"output_type": "display_data", "metadata": {},
                 "data": {"image/png": PNG_1PX, "text/plain": "<Figure>"}}
        outputs = [image] if i % 25 == 3 else []
        source = (f'email_{i} = "patient{i}@mayo-clinic.org"' if i % 5 == 0
                  else f"frame_{i} = load('data_{i}.csv')")
        cells.append(code(source, outputs))
    return cells


@pytest.mark.parametrize("width,height", [(1366, 768), (1920, 1080)])
def test_the_chat_input_stays_visible_next_to_a_long_notebook(
        browser: Browser, lab: Any, screenshots: Path, width: int, height: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        open_notebook(page, lab, f"long{width}.ipynb", long_notebook())
        scanned(page)
        expect(page.locator(f'{PANEL} .safeai-finding[data-severity="high"]')).to_have_count(40)
        summary = page.locator(f"{PANEL} .safeai-not-scanned-summary .safeai-group-toggle")
        expect(summary).to_have_text("▸8 image outputs not scanned")
        summary.click()
        expect(page.locator(f"{PANEL} .safeai-not-scanned .safeai-warning")).to_have_count(8)
        body = page.locator("#safeai-warnings-body")
        assert body.evaluate("b => b.scrollHeight > b.clientHeight"), "its own scroll"
        for theme, light in (("JupyterLab Light", "true"), ("JupyterLab Dark", "false")):
            page.evaluate(f"window.jupyterapp.commands.execute('apputils:change-theme', "
                          f"{{theme: '{theme}'}})")
            expect(page.locator("body")).to_have_attribute("data-jp-theme-light", light,
                                                           timeout=30_000)
            page.wait_for_timeout(500)
            for target in (page.get_by_label("Ask the assistant"), page.locator(".safeai-send")):
                expect(target).to_be_visible()
                box = target.bounding_box()
                assert box and box["y"] >= 0 and box["y"] + box["height"] <= height, (theme, box)
                assert box["x"] + box["width"] <= width
            page.screenshot(path=screenshots / f"warnings-long-{width}x{height}-"
                            f"{'light' if light == 'true' else 'dark'}.png")
        # collapsed, the section gives its room back to the conversation
        page.locator(".safeai-warnings-toggle").click()
        expect(body).to_have_count(0)
        page.evaluate("window.jupyterapp.commands.execute('apputils:change-theme', "
                      "{theme: 'JupyterLab Light'})")
    finally:
        context.close()

