"""`jupyter safeai scan`: exit codes, formats that never carry values, baselines, tables."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from jupyter_safeai.cli import build_parser, main
from jupyter_safeai.cli import scan as scan_command
from jupyter_safeai.scan import scan_text
from jupyter_safeai.scan.entities import ENTITIES
from jupyter_safeai.scan.finding import Finding

EMAIL = "jane.doe@mayo-clinic.org"
SSN = "219-09-9999"
PHONE = "(617) 432-1876"
AWS_KEY = "AKIA" + "ZQ4RT7WB2MXK3JHV"  # built at run time: no key-shaped literal in the repo
PLANTED = (EMAIL, SSN, PHONE, AWS_KEY, "mayo-clinic", "432-1876", "09-9999", AWS_KEY[4:])


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_with(capsys: pytest.CaptureFixture[str], *argv: str, **engine: Any
             ) -> tuple[int, str, str]:
    """`jupyter safeai scan ...` with the engine replaced (`scanner=`, `table_scanner=`)."""
    code = scan_command.run(build_parser("scan").parse_args(argv), **engine)
    out, err = capsys.readouterr()
    return code, out, err


def write_notebook(path: Path) -> None:
    df = pd.DataFrame({"note": ["x", EMAIL]})
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": "# Visit notes"},
        {"cell_type": "code", "metadata": {}, "execution_count": 1,
         "source": ["import pandas as pd\n", f'owner = "{EMAIL}"\n'],
         "outputs": [
             {"output_type": "stream", "name": "stdout", "text": [f"SSN {SSN}\n"]},
             {"output_type": "execute_result", "execution_count": 1, "metadata": {},
              "data": {"text/html": df._repr_html_()}},
             {"output_type": "display_data", "metadata": {},
              "data": {"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}},
         ]},
    ]}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small repository: a notebook, code with and without findings, folders to skip."""
    monkeypatch.chdir(tmp_path)
    write_notebook(tmp_path / "notebooks" / "visit.ipynb")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "clean.py").write_text("import os\n\nprint(os.getcwd())\n")
    (tmp_path / "src" / "deep" / "er").mkdir(parents=True)
    (tmp_path / "src" / "deep" / "er" / "load.sql").write_text(
        f"SELECT * FROM visits\nWHERE phone = '{PHONE}';\n")
    for skipped in (".git", ".venv", "node_modules", "notebooks/.ipynb_checkpoints"):
        (tmp_path / skipped).mkdir(parents=True, exist_ok=True)
        (tmp_path / skipped / "leak.md").write_text(f"SSN {SSN}\n")
    return tmp_path


def assert_no_values(text: str) -> None:
    for value in PLANTED:
        assert value not in text


# --------------------------------------------------------------------------- exit codes


def test_clean_file_exits_0(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "scan", "src/clean.py")
    assert code == 0
    assert out.strip() == "No findings (1 file scanned)"


def test_findings_exit_1_with_a_readable_table(project: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "scan", ".")
    assert code == 1
    lines = out.splitlines()
    header, rows = lines[0], [ln for ln in lines[1:] if not ln.startswith("note:")][:-1]
    assert header.split() == ["FILE", "CELL", "LINE", "COL", "SEVERITY", "ENTITY", "VALUE"]
    for row in rows:  # aligned: every column starts where its header does
        entity = next(e for e in ENTITIES if f"  {e}  " in row)
        assert row.index(f"  {entity}  ") + 2 == header.index("ENTITY")
        assert row.index("high") == header.index("SEVERITY")
        assert row.rindex("  ") + 2 == header.index("VALUE")
    assert any(r.startswith("notebooks/visit.ipynb") and " 2 out 1 " in r for r in rows)
    assert any(r.startswith("src/deep/er/load.sql") for r in rows)
    assert "leak.md" not in out  # .git, .venv, node_modules, .ipynb_checkpoints skipped
    assert re.fullmatch(r"\d+ findings in 2 files \(\d+ high[^)]*\); 1 image output not scanned",
                        lines[-1])
    assert "note: notebooks/visit.ipynb: 1 image output not scanned (cell 2 output 3" in out
    assert_no_values(out)


@pytest.mark.parametrize("argv", [
    ["scan", "missing.py"],
    ["scan", "broken.ipynb"],
    ["scan", "notanotebook.ipynb"],
    ["scan", "picture.bin"],
    ["scan", "--baseline", "missing.json", "src/clean.py"],
    ["scan", "--baseline", "src/clean.py", "src/clean.py"],
    ["scan"],
    [],
    ["scan", "--format", "xml", "src/clean.py"],
    ["scan", "--fail-on", "critical", "src/clean.py"],
    ["frobnicate"],
])
def test_usage_errors_and_unreadable_files_exit_2(
    project: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    (project / "broken.ipynb").write_text('{"cells": [')
    (project / "notanotebook.ipynb").write_text('{"worksheets": []}')
    (project / "picture.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert err  # says what went wrong


def test_unreadable_file_is_named_and_others_still_reported(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "broken.ipynb").write_text('{"cells": [')
    code, out, err = run(capsys, "scan", "broken.ipynb", "src/deep/er/load.sql")
    assert code == 1  # the findings of the file read are not hidden behind the other
    assert "broken.ipynb" in err and "not valid JSON" in err
    assert "PHONE_NUMBER" in out and "1 file could not be read" in out


def test_a_notebook_part_the_engine_cannot_read_exits_1_and_says_so(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def scanner(text: str) -> list[Finding]:
        if text.startswith("SSN"):
            raise TimeoutError("took too long")
        return scan_text(text)

    code, out, err = run_with(capsys, "scan", "notebooks", scanner=scanner)
    assert code == 1
    assert "cell 2 output 1 (stream): scan failed (TimeoutError)" in err
    assert "1 file could not be read" in out
    assert "EMAIL_ADDRESS" in out  # the rest was still scanned and reported


def test_help_via_python_m(project: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "jupyter_safeai.cli", "scan", "--help"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0
    assert "--fail-on" in proc.stdout and "safeai: allow" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "jupyter_safeai.cli", "scan", "notebooks"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 1
    assert_no_values(proc.stdout + proc.stderr)


# --------------------------------------------------------------------------- formats


@pytest.mark.parametrize("fmt", ["table", "json", "sarif"])
def test_no_format_carries_a_value(project: Path, capsys: pytest.CaptureFixture[str],
                                   fmt: str) -> None:
    (project / "src" / "keys.py").write_text(f'KEY = "{AWS_KEY}"\n')
    code, out, err = run(capsys, "scan", ".", "--format", fmt)
    assert code == 1
    assert_no_values(out + err)
    code, out, _ = run(capsys, "scan", ".", "--format", fmt, "--output", "report.out")
    assert code == 1
    assert_no_values((project / "report.out").read_text(encoding="utf-8"))
    assert re.match(r"\d+ findings in 3 files", out)


def test_json_report_shape(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "scan", ".", "--format", "json")
    doc = json.loads(out)
    assert code == 1
    assert set(doc) >= {"tool", "version", "summary", "findings", "not_scanned", "errors"}
    assert doc["summary"]["files_scanned"] == 3
    assert sum(doc["summary"]["by_severity"].values()) == len(doc["findings"])
    in_source = next(f for f in doc["findings"] if f["entity"] == "EMAIL_ADDRESS"
                     and f.get("where") == "source")
    assert in_source == {**in_source, "path": "notebooks/visit.ipynb", "cell": 2, "line": 2,
                         "column": 10, "severity": "high", "category": "phi"}
    assert in_source["masked"].startswith("j•")
    assert "fingerprint" not in in_source
    assert {"EMAIL_ADDRESS", "US_SSN", "PHONE_NUMBER"} <= {f["entity"] for f in doc["findings"]}
    assert doc["not_scanned"] == [{"path": "notebooks/visit.ipynb", "reason": "image",
                                   "cell": 2, "output": 3, "part": "image/png"}]


def test_sarif_report_shape(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "scan", ".", "--format", "sarif")
    doc = json.loads(out)
    assert code == 1
    assert doc["version"] == "2.1.0"
    assert doc["$schema"].endswith("sarif-2.1.0.json")
    run0 = doc["runs"][0]
    rules = run0["tool"]["driver"]["rules"]
    assert run0["tool"]["driver"]["name"] == "jupyter-safeai"
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)) and "US_SSN" in ids
    ssn_rule = rules[ids.index("US_SSN")]
    assert ssn_rule["shortDescription"]["text"].endswith("a US social security number")
    assert run0["results"]
    for res in run0["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["level"] in ("error", "warning", "note")
        assert res["ruleId"] in res["message"]["text"]
        assert "•" in res["message"]["text"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] in ("notebooks/visit.ipynb", "src/deep/er/load.sql")
        assert isinstance(loc["region"]["startLine"], int) and loc["region"]["startLine"] >= 1
        assert loc["region"]["startColumn"] >= 1
    notes = run0["invocations"][0]["toolExecutionNotifications"]
    assert [n["message"]["text"] for n in notes] == [
        "not scanned: image (cell 2 output 3 (image/png))"]


# --------------------------------------------------------------------------- severity


def fake_scanner(text: str) -> list[Finding]:
    """Stands in for the engine: rsID genotypes (genomic) and `maybe:` tokens (low score)."""
    found = [Finding(m.start(), m.end(), "RSID_GENOTYPE", "genomic", 0.9, "fake")
             for m in re.finditer(r"rs\d+ [ACGT]{2}", text)]
    found += [Finding(m.start(), m.end(), "PERSON", "phi", 0.3, "fake")
              for m in re.finditer(r"maybe:\w+", text)]
    return found


@pytest.mark.parametrize(("content", "fail_on", "expected"), [
    ("subject 7: rs4988235 GG\n", "medium", 1),
    ("subject 7: rs4988235 GG\n", "high", 0),
    ("subject 7: rs4988235 GG\n", "low", 1),
    ("subject 7: rs4988235 GG\n", "none", 0),
    ("name maybe:Alex\n", "medium", 0),
    ("name maybe:Alex\n", "low", 1),
])
def test_fail_on_threshold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                           capsys: pytest.CaptureFixture[str],
                           content: str, fail_on: str, expected: int) -> None:
    monkeypatch.chdir(tmp_path)
    Path("genotypes.txt").write_text(content)
    code, out, _ = run_with(capsys, "scan", "genotypes.txt", "--fail-on", fail_on,
                            scanner=fake_scanner)
    assert code == expected
    assert "1 finding in 1 file" in out
    assert "rs4988235" not in out and "Alex" not in out


def test_phi_fails_even_with_fail_on_high(project: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "scan", "src", "--fail-on", "high")[0] == 1


# --------------------------------------------------------------------------- baseline


def test_update_baseline_then_accept_moved_lines(project: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "scan", ".", "--update-baseline", ".safeai-baseline.json")
    assert code == 0 and "baseline .safeai-baseline.json now holds" in err
    raw = (project / ".safeai-baseline.json").read_text(encoding="utf-8")
    assert_no_values(raw)
    assert json.loads(raw)["version"] == 1

    sql = project / "src" / "deep" / "er" / "load.sql"
    sql.write_text("-- moved down\n\n" + sql.read_text())
    code, out, _ = run(capsys, "scan", ".", "--baseline", ".safeai-baseline.json")
    assert code == 0
    assert "accepted by baseline" in out

    sql.write_text(sql.read_text() + "-- new: SSN " + SSN + "\n")
    code, out, _ = run(capsys, "scan", ".", "--baseline", ".safeai-baseline.json")
    assert code == 1 and "US_SSN" in out and "PHONE_NUMBER" not in out


def test_baseline_paths_do_not_depend_on_the_working_directory(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "scan", "src", "--update-baseline", ".safeai-baseline.json")[0] == 0
    monkeypatch.chdir(project / "src")
    assert run(capsys, "scan", "deep", "--baseline", "../.safeai-baseline.json")[0] == 0


def test_update_baseline_keeps_entries_of_files_not_scanned(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "scan", ".", "--update-baseline", "b.json")
    before = json.loads((project / "b.json").read_text())["entries"]
    run(capsys, "scan", "src/clean.py", "--update-baseline", "b.json")
    assert json.loads((project / "b.json").read_text())["entries"] == before


def test_never_accept_keeps_secrets_out_of_baselines_and_markers(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keys = project / "src" / "keys.py"
    keys.write_text(f'KEY = "{AWS_KEY}"  # safeai: allow\nMAIL = "{EMAIL}"\n')
    assert run(capsys, "scan", "src/keys.py")[0] == 1  # the e-mail is not marked
    run(capsys, "scan", "src/keys.py", "--update-baseline", "b.json")
    assert run(capsys, "scan", "src/keys.py", "--baseline", "b.json")[0] == 0
    code, out, _ = run(capsys, "scan", "src/keys.py", "--baseline", "b.json",
                       "--never-accept", "secret")
    assert code == 1
    assert "AWS_ACCESS_KEY" in out and "EMAIL_ADDRESS" not in out


# --------------------------------------------------------------------------- tables


def fake_scan_dataframe(df: pd.DataFrame) -> list[Finding]:
    """What `scan_dataframe` returns: a whole-column finding and a single-cell one."""
    row = df["contact"].tolist().index(EMAIL)
    return [
        Finding(0, 0, "PERSON", "phi", 0.9, "fake:column", column="name", share=1.0),
        Finding(0, len(EMAIL), "EMAIL_ADDRESS", "phi", 0.95, "fake:cell", column="contact",
                row=row),
    ]


@pytest.fixture
def tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    df = pd.DataFrame({"name": ["Alex Roe", "Sam Poe"], "contact": ["none", EMAIL],
                       "zip": ["02115", "02116"]})
    df.to_csv(tmp_path / "visits.csv", index=False)
    df.to_parquet(tmp_path / "visits.parquet")
    return tmp_path


def test_csv_and_parquet_go_through_scan_dataframe(
    tables: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_with(capsys, "scan", ".", "--format", "json",
                            table_scanner=fake_scan_dataframe)
    assert code == 1
    found = {(f["path"], f["entity"]): f for f in json.loads(out)["findings"]}
    column = found[("visits.csv", "PERSON")]
    assert column["table_column"] == "name" and column["share"] == 1.0 and "row" not in column
    cell = found[("visits.csv", "EMAIL_ADDRESS")]
    assert (cell["table_column"], cell["row"], cell["line"]) == ("contact", 1, 3)
    assert cell["masked"].startswith("j•")
    assert found[("visits.parquet", "EMAIL_ADDRESS")]["row"] == 1
    assert "line" not in found[("visits.parquet", "EMAIL_ADDRESS")]
    # a names column in a table that also holds e-mail addresses: records of people
    assert column["severity"] == "high"
    for fmt in ("table", "sarif"):
        _, text, _ = run_with(capsys, "scan", ".", "--format", fmt,
                              table_scanner=fake_scan_dataframe)
        assert_no_values(text)
        assert "Alex" not in text
    _, table, _ = run_with(capsys, "scan", ".", table_scanner=fake_scan_dataframe)
    assert "name (100%)" in table and "row 1" in table


def test_table_baseline_round_trip(tables: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake = {"table_scanner": fake_scan_dataframe}
    assert run_with(capsys, "scan", ".", "--update-baseline", "b.json", **fake)[0] == 0
    assert_no_values((tables / "b.json").read_text())
    assert run_with(capsys, "scan", ".", "--baseline", "b.json", **fake)[0] == 0


def test_unparseable_table_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bad.parquet").write_bytes(b"not parquet at all")
    code, _, err = run(capsys, "scan", "bad.parquet")
    assert code == 2 and "bad.parquet" in err


# --------------------------------------------------------------------------- pre-commit


def test_pre_commit_hook_definition() -> None:
    yaml = pytest.importorskip("yaml")
    hooks: list[dict[str, Any]] = yaml.safe_load(
        (Path(__file__).parents[2] / ".pre-commit-hooks.yaml").read_text())
    (hook,) = [h for h in hooks if h["id"] == "safeai-scan"]
    assert hook["entry"] == "jupyter-safeai scan"
    assert set(hook["types_or"]) == {"jupyter", "python", "markdown", "sql", "csv"}


def test_generated_lists_cells_the_assistant_wrote(tmp_path, capsys) -> None:
    import json as _json

    from jupyter_safeai.cli import main as cli_main

    notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "code", "source": "x = 1", "metadata": {}, "outputs": [],
         "execution_count": 1},
        {"cell_type": "code", "source": ["df.plot()\n", "plt.show()"], "outputs": [],
         "execution_count": None,
         "metadata": {"safeai": {"generated": True, "model": "m", "time": "t",
                                 "prompt_sha256": "0" * 64}}},
    ]}
    (tmp_path / "a.ipynb").write_text(_json.dumps(notebook))
    assert cli_main(["generated", str(tmp_path), "--format", "json"]) == 0
    (row,) = _json.loads(capsys.readouterr().out)
    assert (row["cell"], row["model"], row["first_line"]) == (2, "m", "df.plot()")


def test_purge_takes_its_retention_from_the_server_config(tmp_path, monkeypatch) -> None:
    from jupyter_safeai.server.settings import load_admin_settings

    config = tmp_path / "config"
    config.mkdir()
    (config / "jupyter_server_config.json").write_text(
        '{"SafeAI": {"audit_retention_days": 30, "audit_log": "/tmp/x.jsonl"}}')
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(config))
    settings = load_admin_settings()
    assert (settings.audit_retention_days, settings.audit_log) == (30, "/tmp/x.jsonl")


def test_rules_lists_active_recognizers_with_their_source(capsys, tmp_path, monkeypatch) -> None:
    rule_file = tmp_path / "acme.toml"
    rule_file.write_text('[[rule]]\nid = "acme-key"\ndescription = "an ACME key"\n'
                         'regex = "acme_[A-Za-z0-9]{32}"\n'
                         'samples = ["k = acme_Q7vX2kLm9PzR4tYw8NbC3dFh6JsG1aE5"]\n')
    monkeypatch.setenv("JUPYTER_SAFEAI_RULES", str(rule_file))
    assert main(["rules", "--format", "json"]) == 0
    rows = {row["id"]: row for row in map(json.loads, capsys.readouterr().out.splitlines())}
    assert rows["pattern:acme-key"]["source"] == f"rule file {rule_file}"
    assert rows["pattern:github-token"] == {
        "id": "pattern:github-token", "entities": ["GITHUB_TOKEN"], "categories": ["secret"],
        "source": "builtin", "description": rows["pattern:github-token"]["description"]}
    assert rows["names"]["categories"] == ["phi"]
    rule_file.write_text("not toml [")
    assert main(["rules"]) == 2
