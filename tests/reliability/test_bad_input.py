"""Hostile and oversized input: a clear refusal or a finished report, never a crash, a
hang or a 500, and the server answers a normal request afterwards.

Complements tests/server/test_handlers.py (malformed chat bodies, tampered weights, a duplicate
model entry), tests/models/test_runtime.py (GGUF magic followed by garbage) and
tests/models/test_registry.py (bad model entries): those cases are not repeated here.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from tornado.httpclient import HTTPClientError

from jupyter_safeai.cli import main as cli_main
from jupyter_safeai.kernel.context import TABLE_SAMPLE_ROWS, describe_dataframe
from jupyter_safeai.models import EMBEDDED_DEFAULT_MODEL, ApprovedModel
from jupyter_safeai.scan import Scanner, scan_dataframe
from jupyter_safeai.scan import dataframe as dataframe_module
from tests.server_api import chat_body

SSN = "219-09-9999"
TEN_MB = 10 * 2**20


async def refusal(jp_fetch, path: str, body: bytes | str, **kwargs) -> tuple[int, dict]:
    """POST that must fail: (status, JSON body)."""
    with pytest.raises(HTTPClientError) as refused:
        await jp_fetch("safeai", path, method="POST", body=body, **kwargs)
    response = refused.value.response
    return refused.value.code, json.loads(response.body) if response.body else {}


def ten_mb_cell() -> str:
    """10 MB of filler lines with one SSN at the very end (read whole, or missed). The
    filler is what the scanner reads fastest (~1.2 MB/s): the size is the point here."""
    line = "x" * 69 + "\n"
    return line * (TEN_MB // len(line)) + f"patient SSN {SSN}\n"


# --------------------------------------------------------------------------- 10 MB


async def test_a_10_mb_cell_is_refused_unscanned_by_scan_and_chat(
        jp_fetch, model_calls, assert_serving) -> None:
    cell = ten_mb_cell()
    code, body = await refusal(jp_fetch, "scan", json.dumps({"text": cell}))
    assert code == 413 and "too large" in body["message"]
    code, body = await refusal(jp_fetch, "scan", json.dumps({"texts": [cell[:2**20]] * 10}))
    assert code == 413
    code, body = await refusal(jp_fetch, "chat", chat_body(cell))
    assert (code, body["reason"], body["action"]) == (413, "too_large", "block")
    assert "longer than" in body["message"] and "not sent" in body["message"]
    assert SSN not in json.dumps(body)
    assert model_calls == []
    await assert_serving(chat=True)


@pytest.mark.timeout(180)
def test_a_10_mb_cell_is_read_whole_by_the_command_line(tmp_path: Path, capsys) -> None:
    """Files are not prompts: the CLI reads a long output in pieces, to its last line."""
    notebook = tmp_path / "big.ipynb"
    notebook.write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {},
                                    "cells": [{"cell_type": "code", "metadata": {},
                                               "execution_count": 1, "source": "train()\n",
                                               "outputs": [{"output_type": "stream",
                                                            "name": "stdout",
                                                            "text": ten_mb_cell()}]}]}))
    assert cli_main(["scan", str(notebook), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    (finding,) = [f for f in report["findings"] if f["entity"] == "US_SSN"]
    assert finding["line"] == TEN_MB // 70 + 1
    assert SSN not in json.dumps(report)


# --------------------------------------------------------------------------- bytes and JSON


BINARY_BODIES = {
    "invalid UTF-8": b'{"text": "\xff\xfe\xfd"}',
    "latin-1 text": '{"text": "Jos\xe9 Mu\xf1oz"}'.encode("latin-1"),
    "random bytes": bytes(np.random.default_rng(3).integers(0, 256, 4096, dtype=np.uint8)),
    "NUL bytes": b"\0" * 1024,
    "UTF-16": '{"text": "hello"}'.encode("utf-16"),
    "lone surrogate": b'{"text": "\\ud800 John Smith", "messages": '
                      b'[{"role": "user", "content": "\\udfff MRN 00483920"}]}',
    "100,000 levels of [": b"[" * 100_000,
    "100,000 levels of {": b'{"a":' * 100_000,
    "deep but parseable": b'{"text": ' + b"[" * 500 + b"]" * 500 + b"}",
    "huge number": b'{"text": "x", "acknowledge": ' + b"9" * 5000 + b"}",
}


@pytest.mark.parametrize("name", BINARY_BODIES)
@pytest.mark.parametrize("path", ["scan", "chat", "warnings"])
async def test_bodies_that_are_not_json_text_get_400(
        jp_fetch, model_calls, assert_serving, caplog, path: str, name: str) -> None:
    code, body = await refusal(jp_fetch, path, BINARY_BODIES[name])
    assert code == 400, body
    assert isinstance(body.get("message"), str)
    assert model_calls == []
    assert "John Smith" not in caplog.text and "00483920" not in caplog.text
    await assert_serving(chat=True)


@pytest.mark.parametrize("body", [
    {"text": None}, {"text": 5}, {"texts": "one"}, {"texts": [1, 2]}, {"texts": [[]]},
    {"text": "x", "policy": "block"}, {"text": "x", "policy": {"phi": "maybe"}},
    {"text": "x", "policy": {"pii": "block"}}, {"text": "x", "policy": {"phi": ["block"]}},
    {"text": "x", "policy": {"phi": {"phi": {"phi": "block"}}}}, [], "text", 3,
    {"text": None, "texts": ["a"]}, {}, {"policy": {"phi": "block"}},
])
async def test_scan_bodies_of_the_wrong_shape_get_400(jp_fetch, assert_serving, body) -> None:
    code, answer = await refusal(jp_fetch, "scan", json.dumps(body))
    assert code == 400, answer
    await assert_serving()


@pytest.mark.parametrize("body", [
    {"messages": [{"role": "user", "content": "hi"}], "model": 5},
    {"messages": [{"role": "user", "content": "hi"}], "acknowledge": "yes"},
    {"messages": [{"role": "user", "content": "hi"}], "client": "curl"},
    {"messages": [{"role": "user", "content": "hi"}], "policy": ["block"]},
    {"messages": [{"role": "user", "content": "hi"}], "policy": {"phi": None}},
    {"messages": [["user", "hi"]]}, {"messages": "hi"}, {"messages": None},
    {"messages": [{"role": "user"}]}, {"messages": [{"content": "hi"}]},
])
async def test_chat_bodies_of_the_wrong_shape_get_400(jp_fetch, model_calls, assert_serving,
                                                      body) -> None:
    code, answer = await refusal(jp_fetch, "chat", json.dumps(body))
    assert code == 400, answer
    assert model_calls == []
    await assert_serving(chat=True)


@pytest.mark.parametrize("body", [
    {}, {"path": 5, "findings": []}, {"path": "a.ipynb", "findings": "US_SSN"},
    {"path": "a.ipynb", "findings": [{"entity": "US_SSN", "category": "secret"}]},
    {"path": "a.ipynb", "findings": [{"entity": "US_SSN", "category": "phi", "count": -1}]},
    {"path": "a.ipynb", "findings": [{"entity": "US_SSN", "category": "phi", "count": 1e9}]},
    {"path": "a.ipynb", "findings": [None]}, {"path": "a.ipynb"},
    {"path": "a.ipynb", "findings": 5},
    {"path": "a.ipynb", "findings": [{"entity": ["US_SSN"], "category": "phi"}]},
    {"path": "a.ipynb", "findings": [{"entity": {"US_SSN": 1}, "category": "phi"}]},
    {"path": "a.ipynb", "findings": [{"entity": "US_SSN", "category": "phi", "count": True}]},
    {"path": "a.ipynb", "cell": "3", "findings": []},
])
async def test_warning_reports_of_the_wrong_shape_get_400(jp_fetch, assert_serving,
                                                          body) -> None:
    code, answer = await refusal(jp_fetch, "warnings", json.dumps(body))
    assert code == 400, answer
    await assert_serving()


async def test_reading_warnings_without_a_path_gets_400(jp_fetch, assert_serving) -> None:
    with pytest.raises(HTTPClientError) as refused:
        await jp_fetch("safeai", "warnings")
    assert refused.value.code == 400
    await assert_serving()


# --------------------------------------------------------------------------- 5,000 cells


def many_cells(n: int = 5000) -> tuple[list[dict], list[int]]:
    """`n` small code cells; every 500th (from cell 7) holds an SSN."""
    cells, planted = [], []
    for i in range(n):
        source = f"df_{i} = load('visit_{i}.csv')\nprint(df_{i}.shape)\n"
        if i % 500 == 7:
            source += f"# patient SSN 219-09-{1000 + i:04d}\n"
            planted.append(i)
        cells.append({"cell_type": "code", "metadata": {}, "execution_count": i + 1,
                      "source": source, "outputs": [
                          {"output_type": "stream", "name": "stdout", "text": f"({i}, 12)\n"}]})
    return cells, planted


@pytest.mark.timeout(120)
def test_a_5000_cell_notebook_is_scanned_to_the_end_by_the_command_line(
        tmp_path: Path, capsys) -> None:
    cells, planted = many_cells()
    notebook = tmp_path / "long.ipynb"
    notebook.write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {},
                                    "cells": cells}))
    assert cli_main(["scan", str(notebook), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [(f["cell"], f["entity"]) for f in report["findings"]] == [
        (i + 1, "US_SSN") for i in planted]  # cells counted from 1, as JupyterLab shows
    assert report["summary"]["not_scanned"] == 0


def batches(texts: list[str], limit: int) -> list[list[tuple[int, str]]]:
    """As the sidebar's warnings panel sends cells (js/src/warnings.ts `batchPieces`):
    as many whole texts per request as fit under the server's limit."""
    out: list[list[tuple[int, str]]] = [[]]
    size = 0
    for index, text in enumerate(texts):
        if out[-1] and size + len(text) > limit:
            out.append([])
            size = 0
        out[-1].append((index, text))
        size += len(text)
    return out


async def test_a_5000_cell_notebook_through_the_warnings_path(jp_fetch, assert_serving) -> None:
    cells, planted = many_cells()
    policy = json.loads((await jp_fetch("safeai", "policy")).body)
    texts = [c["source"] for c in cells] + [c["outputs"][0]["text"] for c in cells]
    found: list[int] = []
    requests = batches(texts, policy["max_prompt_chars"])
    for batch in requests:
        result = json.loads((await jp_fetch("safeai", "scan", method="POST",
                                            body=json.dumps({"texts": [t for _, t in batch]}),
                                            request_timeout=120)).body)
        found += [batch[f["part"]][0] for f in result["findings"] if f["entity"] == "US_SSN"]
    assert sorted(found) == planted
    assert len(requests) >= 2  # the notebook did not fit one request: batching was exercised
    await assert_serving()


# --------------------------------------------------------------------------- 1M rows


class CountingScanner(Scanner):
    """The real scanner, counting the characters it was asked to read."""

    def __init__(self) -> None:
        super().__init__()
        self.chars = 0

    def scan(self, text, never_accept=None):
        self.chars += len(text)
        return super().scan(text, never_accept)


@pytest.fixture(scope="module")
def million_rows() -> pd.DataFrame:
    rng = np.random.default_rng(17)
    n = 1_000_000
    return pd.DataFrame({
        "mrn": pd.Series(rng.integers(10**7, 10**8, n)).astype(str),
        "glucose": rng.normal(110, 20, n).round(1),
        "ward": pd.Categorical(rng.choice(["north", "east", "west"], n)),
        "note": np.where(rng.random(n) < 0.5, "stable", "follow up in 2 weeks"),
        "contact": [f"pt{i}@mercy-hospital.org" for i in range(n)],
    })


@pytest.fixture(scope="module")
def counting_scanner() -> CountingScanner:
    return CountingScanner()


def test_a_million_row_frame_is_scanned_from_a_bounded_sample(
        million_rows, counting_scanner) -> None:
    counting_scanner.chars = 0
    findings = scan_dataframe(million_rows, scanner=counting_scanner)
    by_column = {f.column: f for f in findings}
    assert by_column["mrn"].entity == "MEDICAL_RECORD_NUMBER"  # by its name
    assert by_column["contact"].entity == "EMAIL_ADDRESS"  # by the sampled values
    assert by_column["contact"].share >= 0.5
    widest = max(million_rows[c].astype(str).str.len().max() for c in million_rows.columns)
    assert counting_scanner.chars <= 1000 * len(million_rows.columns) * (widest + 1)


def test_a_million_row_frame_as_magic_context_is_bounded_and_sends_no_value(
        million_rows, counting_scanner, monkeypatch) -> None:
    counting_scanner.chars = 0
    monkeypatch.setattr(dataframe_module, "default_scanner", lambda: counting_scanner)
    part = describe_dataframe("df", million_rows)
    assert "1,000,000 rows × 5 columns" in part.text
    assert {"mrn", "contact"} <= {f.column for f in part.table_findings}
    for column in ("mrn", "contact"):
        assert not set(million_rows[column].iloc[:1000]) & set(part.text.split())
    widest = max(million_rows[c].astype(str).str.len().max() for c in million_rows.columns)
    index_too = 1  # the index's values are scanned as one more column
    bound = TABLE_SAMPLE_ROWS * (len(million_rows.columns) + index_too) * (widest + 1)
    assert 0 < counting_scanner.chars <= bound


# --------------------------------------------------------------------------- weights and config


def _weights() -> Path:
    return ApprovedModel.from_config(EMBEDDED_DEFAULT_MODEL).weights_path()


def _entry(path: Path, sha256: str) -> dict:
    entry = {k: v for k, v in EMBEDDED_DEFAULT_MODEL.items() if k != "package_resource"}
    return {**entry, "path": str(path), "sha256": sha256}


class TestUnloadableWeights:
    """Weights whose sha256 matches (IT checked the wrong file) but that are no model, and
    the real model under a wrong sha256: the first chat says why, later ones get 503."""

    @pytest.fixture(params=["truncated GGUF", "zip archive", "empty file", "wrong sha256"])
    def safeai_config(self, request, tmp_path: Path) -> dict:
        weights = tmp_path / "model.gguf"
        if request.param == "wrong sha256":
            weights.symlink_to(_weights())
            sha = hashlib.sha256(b"another file").hexdigest()
        else:
            data = {"truncated GGUF": _weights().read_bytes()[:3 * 2**20],
                    "zip archive": b"PK\x03\x04" + bytes(4096), "empty file": b""}[request.param]
            weights.write_bytes(data)
            sha = hashlib.sha256(data).hexdigest()
        return {"approved_models": [_entry(weights, sha)], "preload_default_model": False}

    async def test_chat_explains_then_refuses_and_scans_go_on(self, jp_fetch,
                                                              assert_serving) -> None:
        response = await jp_fetch("safeai", "chat", method="POST", body=chat_body("hello"),
                                  request_timeout=120)
        events = [json.loads(line) for line in response.body.decode().splitlines()]
        assert events[-1]["type"] == "error"
        reason = events[-1]["message"]
        assert "sha256 mismatch" in reason or "not a valid GGUF" in reason
        (model,) = json.loads((await jp_fetch("safeai", "models")).body)["models"]
        assert (model["state"], model["error"]) == ("error", reason)
        code, body = await refusal(jp_fetch, "chat", chat_body("hello again"))
        assert code == 503 and body["message"] == reason
        await assert_serving()


BAD_CONFIGS = {
    "policy mode": ({"policy": {"phi": "maybe"}}, "phi"),
    "policy not a dict": ({"policy": "block"}, "policy"),
    "unknown never_accept": ({"never_accept": ["pii"]}, "pii"),
    "unknown prompt_never_accept": ({"prompt_never_accept": ["pii"]}, "prompt_never_accept"),
    "limit not a number": ({"max_prompt_chars": "lots"}, "max_prompt_chars"),
    "model entry not a dict": ({"approved_models": [42]}, "approved_models"),
    "model without licence": ({"approved_models": [{"name": "m", "path": "/m.gguf"}]},
                              "license"),
    "unknown default": ({"default_model": "gpt-4"}, "gpt-4"),
}


class TestMalformedConfiguration:
    @pytest.fixture(params=list(BAD_CONFIGS))
    def bad(self, request) -> str:
        return request.param

    @pytest.fixture
    def safeai_config(self, bad: str) -> dict:
        return {**BAD_CONFIGS[bad][0], "preload_default_model": False}

    async def test_the_assistant_is_disabled_with_the_reason_and_the_server_runs(
            self, jp_fetch, bad: str, assert_serving) -> None:
        named = BAD_CONFIGS[bad][1]
        listing = json.loads((await jp_fetch("safeai", "models")).body)
        assert listing["models"] == [] and named in listing["error"]
        code, body = await refusal(jp_fetch, "chat", chat_body("hello"))
        assert code == 503 and named in body["message"]
        assert (await jp_fetch("safeai", "policy")).code == 200
        await assert_serving()
