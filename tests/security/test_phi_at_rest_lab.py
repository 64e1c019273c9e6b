"""No PHI at rest after a real session: a `jupyter lab` process and a real kernel of it
send, block and redact prompts holding planted names, SSNs, MRNs, an e-mail address, a
birth date and cloud keys — through /safeai/chat, /safeai/scan, /safeai/warnings, the
`%%safe_ai` magic on a notebook that is then saved, and the command line. Then every
file under the session's HOME, Jupyter config/data/runtime dirs, server root and TMPDIR,
the server's and kernel's stdout/stderr and the commands' output are searched for each
planted value and its obvious transforms.

Only the user's own words may hold a planted value: the notebook's cell sources (and
IPython's input history, which records them) and the input file given to the scanner.
A cell's output may repeat only what that cell's own question held (an answer restored
locally); metadata and every other file: nothing.

A recognizer that raises with the prompt in its message is put into the server's real
scanner from its config file, so the log of a real failing scan is searched too.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.kernel_client import Kernel
from tests.processes import free_port, running, wait_until
from tests.security.lab_server import BIN, lab_command
from tests.security.leakcheck import files_under, occurrences

NAMES = ["Olumide Bakare", "Siobhan Nakashima-Okafor", "Hamid Farouqi"]
SSN, MRN, MRN2 = "219-09-9999", "00483920", "73920458"
EMAIL, DOB = "olumide.bakare@stmarys-trust.org", "03/14/1957"
AWS = "AKIA" + "ZQ3DRT5K7PLMN2XW"
GITHUB = "ghp_" + "4Vq8ZcR2mT6yW1pL9sK3dF7hJ0nB5xE2aQ8u"
PLANTED = [*NAMES, "Bakare", "Nakashima-Okafor", "Farouqi", SSN, MRN, MRN2, EMAIL, DOB,
           AWS, GITHUB]
PHI_PROMPT = (f"Patient {NAMES[0]}, MRN: {MRN}, SSN {SSN}, born {DOB}, e-mail {EMAIL}: "
              "write a function to compute BMI.")
SECRET_PROMPT = f"My AWS key is {AWS} and my token is {GITHUB}; list my S3 buckets."
#: Makes the recognizer the config file adds raise, quoting the whole text.
TRIGGER = "EXPLODE-NOW"
FAULTY_RECOGNIZER = f'''
from jupyter_safeai.scan import default_scanner

class Exploding:
    name = "exploding"

    def find(self, text):
        if "{TRIGGER}" in text:
            raise ValueError(f"cannot parse {{text!r}}")
        return []

scanner = default_scanner()
scanner.recognizers = (*scanner.recognizers, Exploding())
c.SafeAI.max_new_tokens = 16
'''
SETUP = f"""
import pandas as pd
df = pd.DataFrame({{"patient_name": {NAMES!r}, "mrn": ["{MRN}", "{MRN2}", "00483921"],
                    "ssn": ["{SSN}", "219-09-9998", "219-09-9997"],
                    "glucose": [104.2, 98.1, 131.0]}})
%load_ext jupyter_safeai
"""
CELLS = [
    SETUP,
    f"%%safe_ai --context df\n{PHI_PROMPT}",              # redacted, answered
    f"%%safe_ai --mode block\nCall {NAMES[2]} about MRN: {MRN2}.",  # blocked
    f"%%safe_ai\n{SECRET_PROMPT}",                          # blocked: secrets
    f"%%safe_ai --explain --context df\nAsk {NAMES[1]} about her glucose.",
    "%safe_ai_scan df",
    "%%safe_ai --insert\nWrite a Python function that returns the square of a number.",
]


@dataclass
class Session:
    base: Path
    url: str
    token: str
    env: dict[str, str]
    server: subprocess.Popen
    inputs: list[Path]  # files the user wrote (may hold what the user typed)
    printed: list[str]  # what commands and the kernel printed

    def call(self, path: str, body: object = None, method: str | None = None,
             timeout: float = 300) -> tuple[int, bytes]:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method, headers={
            "Authorization": f"token {self.token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # loopback
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def command(self, *args: str) -> subprocess.CompletedProcess:
        done = subprocess.run([str(BIN / "jupyter"), *args], capture_output=True, text=True,
                              env=self.env, timeout=180, cwd=self.base)
        self.printed += [done.stdout, done.stderr]
        return done


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    base = tmp_path_factory.mktemp("at-rest")
    home, root, runtime, tmp = base / "home", base / "root", base / "runtime", base / "tmp"
    for folder in (home, root, runtime, tmp, home / ".jupyter"):
        folder.mkdir(parents=True, exist_ok=True)
    (home / ".jupyter" / "jupyter_server_config.py").write_text(FAULTY_RECOGNIZER)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SAFEAI_", "JUPYTER_"))}
    env.update(HOME=str(home), JUPYTER_CONFIG_DIR=str(home / ".jupyter"),
               JUPYTER_DATA_DIR=str(home / ".local" / "share" / "jupyter"),
               JUPYTER_RUNTIME_DIR=str(runtime), IPYTHONDIR=str(home / ".ipython"),
               TMPDIR=str(tmp))
    port, token = free_port(), secrets.token_hex(16)
    command = lab_command(port, token, root, "--ServerApp.log_level=DEBUG")
    with running(command, env, base / "server.log") as server:
        lab = Session(base, f"http://127.0.0.1:{port}/", token, env, server, [], [])
        wait_until(lambda: lab.call("api/status", timeout=5)[0] == 200, server,
                   base / "server.log", what="jupyter lab", timeout=90)
        yield lab


def chat(content: str, **extra: object) -> dict:
    return {"messages": [{"role": "user", "content": content}], **extra}


def run_rest_session(s: Session) -> dict[str, int]:
    """Every route with planted values: redact (answered), block, secrets, a failing scan."""
    codes: dict[str, int] = {}
    codes["redacted"], body = s.call("safeai/chat", chat(PHI_PROMPT))
    assert b'"type": "done"' in body, body[-500:]
    assert json.loads(body.splitlines()[0])["action"] == "redact"
    codes["blocked"], _ = s.call("safeai/chat", chat(PHI_PROMPT, policy={"phi": "block"}))
    codes["secret"], _ = s.call("safeai/chat", chat(SECRET_PROMPT))
    codes["faulty_scan"], body = s.call("safeai/chat", chat(f"{TRIGGER} {PHI_PROMPT}"))
    assert b"scanner failed (ValueError)" in body, body
    codes["scan"], _ = s.call("safeai/scan", {"texts": [PHI_PROMPT, SECRET_PROMPT]})
    codes["warnings"], _ = s.call("safeai/warnings", {"path": "study/cohort.ipynb", "findings": [
        {"entity": "US_SSN", "category": "phi", "count": 3}]})
    codes["warnings_get"], _ = s.call("safeai/warnings?path=study/cohort.ipynb")
    return codes


def run_notebook(s: Session, capfd: pytest.CaptureFixture) -> dict:
    """Run the cells in a kernel of this server, then save the notebook as the frontend
    would: each cell with the outputs it showed; the offered code as a new cell."""
    notebook = s.base / "root" / "study" / "cohort.ipynb"
    env = {**s.env, "JPY_SESSION_NAME": str(notebook)}
    kernel = Kernel(env)
    cells = []
    try:
        for source in CELLS:
            shown = kernel.run(source)
            outputs = [{"output_type": "display_data", "data": bundle, "metadata": {}}
                       for bundle in kernel.bundles]
            if shown:
                outputs.append({"output_type": "stream", "name": "stdout",
                                "text": "\n".join(shown)})
            cells.append({"cell_type": "code", "source": source, "metadata": {},
                          "outputs": outputs, "execution_count": len(cells) + 1})
    finally:
        kernel.close()
    inserts = [o["data"]["application/vnd.jupyter-safeai.insert+json"] for o in
               cells[-1]["outputs"] if "application/vnd.jupyter-safeai.insert+json"
               in o.get("data", {})]
    for insert in inserts:
        cells.append({"cell_type": "code", "source": insert["source"], "outputs": [],
                      "metadata": insert["metadata"], "execution_count": None})
    content = {"cells": cells, "nbformat": 4, "nbformat_minor": 5, "metadata": {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}}
    assert s.call("api/contents/study", {"type": "directory"}, "PUT")[0] in (200, 201)
    code, body = s.call("api/contents/study/cohort.ipynb",
                        {"type": "notebook", "format": "json", "content": content}, "PUT")
    assert code in (200, 201), body
    printed = capfd.readouterr()
    s.printed += [printed.out, printed.err]
    return {"path": notebook, "cells": cells, "inserted": len(inserts)}


def user_words_in_history(path: Path) -> list[str]:
    """IPython's history database: everything but the cell sources it records."""
    found = []
    with sqlite3.connect(path) as db:
        tables = [r[0] for r in db.execute("select name from sqlite_master where type='table'")]
        for table in tables:
            columns = [r[1] for r in db.execute(f"pragma table_info({table})")]
            kept = [c for c in columns if not (table == "history" and c.startswith("source"))]
            for row in db.execute(f"select {', '.join(kept)} from {table}"):
                found += occurrences(repr(row).encode(), PLANTED)
    return found


def notebook_leaks(path: Path) -> list[str]:
    """Metadata: nothing. A cell's outputs: only what that cell's own source held."""
    saved = json.loads(path.read_text())
    found = [f"notebook metadata: {hit}" for hit in
             occurrences(json.dumps(saved["metadata"]).encode(), PLANTED)]
    for i, cell in enumerate(saved["cells"]):
        found += [f"cell {i} metadata: {hit}" for hit in
                  occurrences(json.dumps(cell["metadata"]).encode(), PLANTED)]
        own = "".join(cell["source"])
        others = [v for v in PLANTED if v not in own]
        found += [f"cell {i} outputs: {hit}" for hit in
                  occurrences(json.dumps(cell.get("outputs", [])).encode(), others)]
    return found


def test_no_planted_value_is_at_rest_after_a_session(session: Session, capfd) -> None:
    codes = run_rest_session(session)
    assert codes == {"redacted": 200, "blocked": 422, "secret": 422, "faulty_scan": 422,
                     "scan": 200, "warnings": 204, "warnings_get": 200}
    notebook = run_notebook(session, capfd)
    shown = "\n".join(o.get("text", "") for c in notebook["cells"] for o in c["outputs"])
    assert "Not sent" in shown and "Sent with placeholders" in shown  # it did block, redact
    notes = session.base / "notes.py"
    notes.write_text(f"# {PHI_PROMPT}\n# {SECRET_PROMPT}\n")
    session.inputs.append(notes)
    scan = session.command("safeai", "scan", str(notebook["path"]), str(notes), "--format",
                           "sarif", "--output", str(session.base / "report.sarif"))
    assert scan.returncode == 1, scan.stderr
    assert session.command("safeai", "scan", str(notebook["path"]), str(notes),
                           "--update-baseline", str(session.base / "baseline.json"),
                           "--format", "json").returncode == 0
    assert session.command("safeai", "scan", str(notes)).returncode == 1
    assert session.command("safeai", "generated", str(notebook["path"])).returncode == 0
    assert session.command("safeai", "audit", "report").returncode == 0
    assert session.command("safeai", "audit", "verify").returncode == 0
    session.server.terminate()  # flush and close everything the server had open
    session.server.wait(timeout=20)

    audit = session.base / "home" / ".local" / "share" / "jupyter" / "safeai" / "audit.jsonl"
    records = [json.loads(line) for line in audit.read_text().splitlines()]
    reasons = [r.get("reason") for r in records]
    assert len(records) >= 6 and "scanner_error" in reasons and "blocked" in reasons

    leaks: list[str] = []
    searched = 0
    notebooks = 0
    for path in files_under([session.base]):
        if path in session.inputs:
            continue
        searched += 1
        if path.suffix == ".ipynb":  # the notebook and Jupyter's checkpoint copy of it
            notebooks += 1
            leaks += [f"{path}: {hit}" for hit in notebook_leaks(path)]
        elif path.name.startswith("history.sqlite"):
            if path.name == "history.sqlite":
                leaks += [f"{path}: {hit}" for hit in user_words_in_history(path)]
        else:
            leaks += [f"{path}: {hit}" for hit in occurrences(path.read_bytes(), PLANTED)]
    for text in session.printed:
        leaks += [f"printed: {hit}" for hit in occurrences(text.encode(), PLANTED)]
    assert leaks == [], "\n".join(leaks)
    assert notebooks >= 1 and searched >= 10
    # the search itself finds what is there: in the user's input file, and in the cell
    # sources IPython's history recorded
    held = [v for v in PLANTED if v in notes.read_text()]
    assert len(held) >= 8 and len(occurrences(notes.read_bytes(), PLANTED)) == len(held)
    with sqlite3.connect(session.base / "home/.ipython/profile_default/history.sqlite") as db:
        sources = repr(db.execute("select source_raw from history").fetchall()).encode()
    assert SSN in str(occurrences(sources, PLANTED))
    assert (session.base / "server.log").stat().st_size > 10_000
    print(f"\nat rest: {len(PLANTED)} planted values, {searched} files and "
          f"{len(session.printed)} outputs searched, {len(leaks)} found")
