"""`/safeai/baseline`: the panel's "Not sensitive here" writes the baseline the CLI reads.

The notebook is synthetic. The panel's view of what remains is rebuilt here as the
browser builds it: `/safeai/scan` on each cell's text, the sha256 of `ENTITY:value`
for each finding, minus what `GET /safeai/baseline` lists. `jupyter safeai scan
--baseline` must report the same findings.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from tornado.httpclient import HTTPClientError

from jupyter_safeai.cli import main
from jupyter_safeai.scan.allow import BASELINE_FILE, Baseline

SSN = "219-09-9999"
AUTHOR = "Wes McKinney"
KEY = "AKIA" + "ZQ3DRT5K7PLMN2XW"


def notebook() -> dict[str, Any]:
    def md(text: str) -> dict[str, Any]:
        return {"cell_type": "markdown", "metadata": {}, "source": text}

    def code(text: str) -> dict[str, Any]:
        return {"cell_type": "code", "metadata": {}, "execution_count": None,
                "outputs": [], "source": text}

    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        md(f"# Reshaping\n\nAsk {AUTHOR} about these idioms for patient John Smith's visits."),
        code(f'ssn = "{SSN}"\nkey = "{KEY}"'),
        md(f"Contact the registry at jane.doe@mayo-clinic.org about {SSN}."),
    ]}


def digest(entity: str, value: str) -> str:
    """What the browser computes (crypto.subtle) and the CLI stores."""
    return hashlib.sha256(f"{entity}:{value}".encode()).hexdigest()


async def post(jp_fetch: Any, route: str, body: dict[str, Any]) -> dict[str, Any]:
    response = await jp_fetch("safeai", route, method="POST", body=json.dumps(body))
    return json.loads(response.body)


async def panel_findings(jp_fetch: Any, nb: dict[str, Any], path: str) -> list[dict[str, Any]]:
    """Per finding: cell (1-based), entity, hash — as the sidebar holds them."""
    texts = [c["source"] for c in nb["cells"]]
    decision = await post(jp_fetch, "scan", {"texts": texts})
    out = []
    for f in decision["findings"]:
        value = texts[f["part"]][f["start"]:f["end"]]
        line = texts[f["part"]].count("\n", 0, f["start"]) + 1
        out.append({"cell": f["part"] + 1, "entity": f["entity"], "category": f["category"],
                    "hash": digest(f["entity"], value), "line": line,
                    "detector": f["detector"], "severity": f["severity"]})
    listed = json.loads((await jp_fetch("safeai", "baseline", params={"path": path})).body)
    accepted = {(e["entity"], e["hash"]) for e in listed["entries"]}
    return [f for f in out if (f["entity"], f["hash"]) not in accepted]


def cli_findings(root: Path, path: str, capsys: pytest.CaptureFixture[str]) -> list[dict]:
    baseline = root / Path(path).parent / BASELINE_FILE
    argv = ["scan", str(root / path), "--format", "json"]
    if baseline.exists():
        argv += ["--baseline", str(baseline)]
    capsys.readouterr()
    main(argv)
    return json.loads(capsys.readouterr().out)["findings"]


def kinds(findings: list[dict[str, Any]]) -> Counter:
    return Counter((f["cell"], f["entity"]) for f in findings)


async def test_accepting_in_the_panel_is_what_the_cli_reads(
        jp_fetch: Any, jp_root_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (jp_root_dir / "study").mkdir()
    nb = notebook()
    (jp_root_dir / "study" / "reshape.ipynb").write_text(json.dumps(nb))
    path = "study/reshape.ipynb"

    before = await panel_findings(jp_fetch, nb, path)
    assert kinds(before) == kinds(cli_findings(jp_root_dir, path, capsys))
    assert all(f["detector"] for f in before)
    author = [f for f in before if f["cell"] == 1 and f["entity"] == "PERSON"]
    assert author, before

    listed = await post(jp_fetch, "baseline", {"path": path, "entries": [
        {"entity": f["entity"], "hash": f["hash"], "line": f["line"], "cell": f["cell"]}
        for f in author]})
    assert {e["hash"] for e in listed["entries"]} == {f["hash"] for f in author}

    # one file, beside the notebook, in the CLI's format, with no value in it
    file = jp_root_dir / "study" / BASELINE_FILE
    stored = Baseline.load(file)
    assert {e.path for e in stored.entries} == {"reshape.ipynb"}
    text = file.read_text()
    for value in (AUTHOR, "John Smith", SSN, "Wes", "McKinney"):
        assert value not in text

    after = await panel_findings(jp_fetch, nb, path)
    assert len(after) == len(before) - len(author)
    assert kinds(after) == kinds(cli_findings(jp_root_dir, path, capsys))

    # the value changes: the old entry no longer matches, in the panel and the CLI alike
    nb["cells"][0]["source"] = nb["cells"][0]["source"].replace(AUTHOR, "Hadley Wickham")
    (jp_root_dir / path).write_text(json.dumps(nb))
    changed = await panel_findings(jp_fetch, nb, path)
    assert kinds(changed) == kinds(cli_findings(jp_root_dir, path, capsys))
    assert any(f["cell"] == 1 and f["entity"] == "PERSON" for f in changed)


async def test_never_accept_categories_are_refused(jp_fetch: Any, jp_root_dir: Path) -> None:
    (jp_root_dir / "keys.ipynb").write_text(json.dumps(notebook()))
    with pytest.raises(HTTPClientError) as refused:
        await post(jp_fetch, "baseline", {"path": "keys.ipynb", "entries": [
            {"entity": "AWS_ACCESS_KEY", "hash": digest("AWS_ACCESS_KEY", KEY)}]})
    assert refused.value.code == 403
    assert "never_accept" in json.loads(refused.value.response.body)["message"]
    assert not (jp_root_dir / BASELINE_FILE).exists()


@pytest.mark.parametrize("body", [
    {"path": "../outside.ipynb", "entries": [{"entity": "PERSON", "hash": "0" * 64}]},
    {"path": "/etc/x.ipynb/..", "entries": [{"entity": "PERSON", "hash": "0" * 64}]},
    {"path": "a.ipynb", "entries": [{"entity": "PERSON", "hash": "not-a-hash"}]},
    {"path": "a.ipynb", "entries": [{"entity": "NO_SUCH_LABEL", "hash": "0" * 64}]},
    {"path": "a.ipynb", "entries": []},
    {"path": "a.ipynb", "entries": [{"entity": "PERSON", "hash": "0" * 64, "line": True}]},
    {"path": "a\x00.ipynb", "entries": [{"entity": "PERSON", "hash": "0" * 64}]},
])
async def test_bad_requests_are_refused_and_write_nothing(
        jp_fetch: Any, jp_root_dir: Path, body: dict[str, Any]) -> None:
    (jp_root_dir / "a.ipynb").write_text(json.dumps(notebook()))
    with pytest.raises(HTTPClientError) as refused:
        await post(jp_fetch, "baseline", body)
    assert refused.value.code == 400
    assert not list(jp_root_dir.rglob(BASELINE_FILE))
    assert not (jp_root_dir.parent / BASELINE_FILE).exists()


@pytest.mark.parametrize("path", ["missing/nb.ipynb", "x" * 5000 + ".ipynb"])
async def test_only_a_saved_notebook_takes_entries(jp_fetch: Any, jp_root_dir: Path,
                                                   path: str) -> None:
    with pytest.raises(HTTPClientError) as refused:
        await post(jp_fetch, "baseline", {"path": path, "entries": [
            {"entity": "PERSON", "hash": "0" * 64}]})
    assert refused.value.code == 404
    assert not list(jp_root_dir.rglob(BASELINE_FILE))
    listed = json.loads((await jp_fetch("safeai", "baseline", params={"path": path[:300]})).body)
    assert listed["entries"] == []


async def test_a_broken_baseline_is_reported_not_overwritten(jp_fetch: Any,
                                                            jp_root_dir: Path) -> None:
    (jp_root_dir / BASELINE_FILE).write_text("{not json")
    with pytest.raises(HTTPClientError) as refused:
        await jp_fetch("safeai", "baseline", params={"path": "a.ipynb"})
    assert refused.value.code == 409
    assert (jp_root_dir / BASELINE_FILE).read_text() == "{not json"
