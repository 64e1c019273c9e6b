"""Walking a notebook: sources and text outputs are scanned, images reported, nothing crashes."""

from __future__ import annotations

import time
from typing import Any

import pandas as pd
import pytest

from jupyter_safeai.scan.finding import Finding
from jupyter_safeai.scan.notebook import (
    NotebookFinding,
    Skipped,
    html_to_text,
    raw_findings,
    scan_notebook,
)

EMAIL = "jane.doe@mayo-clinic.org"
SSN = "219-09-9999"
PHONE = "(617) 432-1876"
AWS_KEY = "AKIA" + "ZQ4RT7WB2MXK3JHV"


def code(source: str | list[str], *outputs: dict[str, Any]) -> dict[str, Any]:
    return {"cell_type": "code", "metadata": {}, "execution_count": 1, "source": source,
            "outputs": list(outputs)}


def markdown(source: str) -> dict[str, Any]:
    return {"cell_type": "markdown", "metadata": {}, "source": source}


def notebook(*cells: Any) -> dict[str, Any]:
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": list(cells)}


def stream(text: str | list[str]) -> dict[str, Any]:
    return {"output_type": "stream", "name": "stdout", "text": text}


def result(data: dict[str, Any]) -> dict[str, Any]:
    return {"output_type": "execute_result", "execution_count": 1, "metadata": {}, "data": data}


def patients() -> pd.DataFrame:
    # Neutral column names: a header such as `ssn` is evidence of its own to the engine.
    return pd.DataFrame({"note": ["x", EMAIL], "extra": ["n/a", SSN]})


def of(scan: Any, entity: str) -> list[NotebookFinding]:
    return [f for f in scan.findings if f.entity == entity]


def test_finding_in_source_has_cell_line_and_1_based_column() -> None:
    nb = notebook(markdown("# Notes"), code(["import os\n", f'contact = "{EMAIL}"\n']))
    (found,) = of(scan_notebook(nb), "EMAIL_ADDRESS")
    assert (found.cell, found.cell_type, found.where, found.output) == (1, "code", "source", None)
    assert (found.line, found.column) == (2, 12)
    assert found.category == "phi" and found.masked.startswith("j•••")


def test_finding_in_stream_output() -> None:
    nb = notebook(code("print(row)", stream(["patient:\n", f"SSN {SSN}\n"])))
    (found,) = of(scan_notebook(nb), "US_SSN")
    assert (found.cell, found.where, found.output, found.part) == (0, "output", 0, "stream")
    assert (found.line, found.column) == (2, 5)


def test_dataframe_html_output_is_read_as_its_cells() -> None:
    html = patients()._repr_html_()
    nb = notebook(code("df", result({"text/html": html})))
    scan = scan_notebook(nb)
    (email,) = of(scan, "EMAIL_ADDRESS")
    (ssn,) = of(scan, "US_SSN")
    assert email.part == "text/html" and email.where == "output" and email.output == 0
    assert email.line == ssn.line == 3  # header, row 0, row 1


def test_a_value_shown_as_text_and_html_is_reported_once() -> None:
    df = patients()
    nb = notebook(code("df", result({"text/plain": df.to_string(), "text/html": df._repr_html_()})))
    scan = scan_notebook(nb)
    assert [f.part for f in of(scan, "EMAIL_ADDRESS")] == ["text/plain"]
    assert [f.part for f in of(scan, "US_SSN")] == ["text/plain"]


def test_image_outputs_are_skipped_and_reported() -> None:
    figure = {"output_type": "display_data", "metadata": {},
              "data": {"image/png": "iVBORw0KGgo=", "text/plain": "<Figure size 640x480>"}}
    svg = {"output_type": "display_data", "metadata": {},
           "data": {"image/svg+xml": f"<svg><text>{EMAIL}</text></svg>"}}
    scan = scan_notebook(notebook(code("plot()", figure), code("svg()", svg)))
    assert scan.findings == []
    assert scan.skipped == [Skipped(0, 0, "image", "image/png"),
                            Skipped(1, 0, "image", "image/svg+xml")]


def test_error_tracebacks_json_and_markdown_outputs_are_scanned() -> None:
    error = {"output_type": "error", "ename": "ValueError", "evalue": "bad row",
             "traceback": [f"\x1b[0;31mValueError\x1b[0m: bad row {SSN}"]}
    js = result({"application/json": {"patient": {"email": EMAIL}}})
    md = result({"text/markdown": f"Call **{PHONE}**"})
    scan = scan_notebook(notebook(code("x", error, js, md)))
    parts = {(f.entity, f.output, f.part) for f in scan.findings}
    assert ("US_SSN", 0, "error") in parts
    assert ("EMAIL_ADDRESS", 1, "application/json") in parts
    assert ("PHONE_NUMBER", 2, "text/markdown") in parts


def test_inline_allow_in_source_also_covers_what_the_cell_prints() -> None:
    nb = notebook(
        code(f'print("{EMAIL}")  # safeai: allow\nprint("{PHONE}")', stream(f"{EMAIL}\n{PHONE}\n")),
        markdown(f"Write to {EMAIL} <!-- safeai: allow -->"),
    )
    scan = scan_notebook(nb)
    assert of(scan, "EMAIL_ADDRESS") == []
    # the phone the source shows and prints is one finding, reported where it is written
    assert {(f.where, f.line) for f in of(scan, "PHONE_NUMBER")} == {("source", 2)}


def test_forbidden_category_ignores_inline_allows() -> None:
    nb = notebook(code(f'key = "{AWS_KEY}"  # safeai: allow'))
    assert of(scan_notebook(nb), "AWS_ACCESS_KEY") == []
    strict = scan_notebook(nb, forbidden_categories={"secret"})
    assert len(of(strict, "AWS_ACCESS_KEY")) == 1


def test_to_dict_carries_the_mask_not_the_value_nor_its_hash() -> None:
    scan = scan_notebook(notebook(code(f'x = "{EMAIL}"')), path="a.ipynb")
    (found,) = of(scan, "EMAIL_ADDRESS")
    doc = scan.to_dict()
    assert EMAIL not in repr(doc) and EMAIL not in repr(found)
    assert "fingerprint" not in found.to_dict() and found.fingerprint not in repr(doc)
    assert doc["path"] == "a.ipynb"


@pytest.mark.parametrize("nb", [{}, {"cells": "x"}, [], None])
def test_not_a_notebook_is_reported_not_raised(nb: Any) -> None:
    scan = scan_notebook(nb)
    assert scan.findings == [] and len(scan.skipped) == 1


def test_malformed_cells_are_skipped_and_the_rest_scanned() -> None:
    nb = notebook(
        None,
        "text",
        {"cell_type": "code", "source": 42},
        {"cell_type": "code", "source": ["ok\n", 3]},
        {"cell_type": "code", "source": "x", "outputs": "nope"},
        {"cell_type": "code", "source": "x", "outputs": [7, {"output_type": "display_data"},
                                                          {"output_type": "stream", "text": 1},
                                                          {"output_type": "made-up"}]},
        {"source": f"no cell type but {EMAIL}"},
        code(f'x = "{SSN}"'),
    )
    scan = scan_notebook(nb)
    assert {f.entity for f in scan.findings} >= {"EMAIL_ADDRESS", "US_SSN"}
    reasons = [(s.cell, s.reason) for s in scan.skipped]
    assert (0, "malformed cell") in reasons and (1, "malformed cell") in reasons
    assert (2, "malformed source") in reasons and (3, "malformed source") in reasons
    assert (4, "malformed outputs") in reasons
    assert sum(1 for c, r in reasons if c == 5 and r == "malformed output") == 4
    assert next(f for f in scan.findings if f.entity == "EMAIL_ADDRESS").cell_type == "unknown"


def test_five_thousand_cells() -> None:
    cells = [code(f"x{i} = {i}\n", stream(f"{i}\n")) for i in range(5000)]
    cells[1234] = code(f'x = "{EMAIL}"')
    cells[4321] = markdown(f"SSN {SSN}")
    scan = scan_notebook(notebook(*cells))
    assert {(f.cell, f.entity) for f in scan.findings} >= {(1234, "EMAIL_ADDRESS"),
                                                            (4321, "US_SSN")}


def test_walking_overhead_is_small() -> None:
    """With a trivial scanner, 5,000 cells with outputs take well under a second or two."""
    calls: list[str] = []

    def scanner(text: str) -> list[Finding]:
        calls.append(text)
        return [Finding(0, 1, "PERSON", "phi", 0.9, "test")] if text.startswith("P") else []

    cells = [code(f"P{i}\n", stream("out\n"), result({"text/html": "<b>P</b>"}))
             for i in range(5000)]
    started = time.perf_counter()
    scan = scan_notebook(notebook(*cells), scanner=scanner)
    assert time.perf_counter() - started < 5
    assert len(calls) == 15000
    assert len(scan.findings) == 5000  # the "P" each output shows is the source's own


def test_html_to_text() -> None:
    assert html_to_text("<p>a\n   b</p><p>c&amp;d</p>") == "a b\nc&d"
    assert html_to_text("<style>td{color:red}</style><table><tr><td>1</td><td>2</td></tr>"
                        "<tr><td>3</td><td>4</td></tr></table>") == "1\t2\n3\t4"
    assert "219-09-9999" in html_to_text('<script>Plotly.newPlot({"y":["219-09-9999"]})</script>')
    assert EMAIL in html_to_text(f'<a href="mailto:{EMAIL}">write</a>')
    assert "base64" not in html_to_text('<img src="data:image/png;base64,AAAA">')


def test_html_to_text_is_linear_on_broken_markup() -> None:
    started = time.perf_counter()
    html_to_text("<" * 200_000 + "<script" * 20_000 + "<!--" * 20_000)
    assert time.perf_counter() - started < 2


def test_long_texts_are_scanned_in_line_aligned_chunks() -> None:
    seen: list[str] = []

    def scanner(text: str) -> list[Finding]:
        seen.append(text)
        return [Finding(i, i + 3, "PERSON", "phi", 0.9, "test")
                for i in range(len(text)) if text.startswith("Bob", i)]

    text = "".join(f"line {i} Bob # safeai: allow\n" for i in range(1000))
    found = raw_findings(text, scanner, chunk_chars=1000)
    assert len(seen) > 25 and all(len(t) <= 1000 and t.endswith("\n") for t in seen)
    assert "safeai:" not in "".join(seen)  # markers are applied by the caller, with its policy
    assert len(found) == 1000
    assert all(text[f.start:f.end] == "Bob" for f in found)


def test_a_part_the_scanner_cannot_read_is_reported_and_the_rest_scanned() -> None:
    def scanner(text: str) -> list[Finding]:
        if len(text) > 100:
            raise RuntimeError("boom")
        return [Finding(0, 3, "PERSON", "phi", 0.9, "test")] if text.startswith("Bob") else []

    nb = notebook(code("Bob", stream("x" * 200)), markdown("Bob"))
    scan = scan_notebook(nb, scanner=scanner)
    assert [(f.cell, f.where) for f in scan.findings] == [(0, "source"), (1, "source")]
    assert scan.failures == [Skipped(0, 0, "scan failed (RuntimeError)", "stream")]
