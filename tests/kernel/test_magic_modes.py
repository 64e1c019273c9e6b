"""`%%safe_ai` in a real kernel against a recording stand-in of the server API: what
leaves the kernel in each mode, what comes back, and what is never run."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from jupyter_safeai.kernel.magics import INSERT_MIME
from tests.kernel.fake_safeai import FakeSafeAI
from tests.kernel_client import Kernel

SETUP = """
import pandas as pd
df = pd.DataFrame({
    "patient_name": ["Maria Garcia", "Kwame Mensah", "Wei Zhang"],
    "mrn": ["00483920", "00483921", "00483922"],
    "admit_date": ["2021-03-02", "2021-04-11", "2021-05-19"],
    "glucose": [104.2, 98.1, 131.0],
})
%load_ext jupyter_safeai
"""
REAL_VALUES = ["Maria Garcia", "Kwame Mensah", "Wei Zhang", "00483920", "00483921",
               "2021-03-02", "104.2"]
QUESTION = "Patient John Smith, MRN: 00483920, had a fall. How do I plot glucose by month?"


@pytest.fixture
def kernel(fake: FakeSafeAI, tmp_path) -> Iterator[Kernel]:
    k = Kernel(fake.kernel_env(tmp_path, JPY_SESSION_NAME="analysis/cohort.ipynb"))
    k.run(SETUP)
    yield k
    k.close()


def test_block_mode_sends_nothing_and_says_what_and_where(kernel, fake) -> None:
    outputs = kernel.run(f"%%safe_ai --mode block --context df\n{QUESTION}")
    report = "\n".join(outputs)
    assert report.startswith("**Not sent.**")
    assert "`PERSON`" in report and "`MEDICAL_RECORD_NUMBER`" in report
    assert "question, line 1" in report and "df column `mrn`" in report
    for value in ("John Smith", "00483920"):
        assert value not in report
    assert fake.chats == []
    (pushed,) = fake.warnings  # the sidebar learns kinds and counts, for this notebook
    assert pushed["path"] == "analysis/cohort.ipynb"
    counts = {f["entity"]: f["count"] for f in pushed["findings"]}
    assert counts["PERSON"] >= 1 and counts["MEDICAL_RECORD_NUMBER"] == 2
    assert "00483920" not in str(pushed) and "John" not in str(pushed)


def test_redact_mode_sends_placeholders_and_restores_the_answer(kernel, fake) -> None:
    fake.answer = ["Plot for <PER", "SON_1> (record <MEDICAL_RECORD_NUMBER_1>):\n",
                   "```python\ndf.plot()\n```"]
    outputs = kernel.run(f"%%safe_ai --context df\n{QUESTION}")
    sent = fake.sent_text()
    assert len(fake.chats) == 1 and fake.chats[0]["client"] == "magic"
    for value in ["John Smith", *REAL_VALUES]:
        assert value not in sent, value
    assert "<PERSON_1>" in sent and "patient_name" in sent  # the schema goes, values do not
    # what the kernel replaced is counted for the server's audit, by label only
    assert fake.chats[0]["client_redacted"]["PERSON"] >= 1
    assert fake.chats[0]["client_redacted"]["MEDICAL_RECORD_NUMBER"] == 1
    answer = outputs[-1]
    assert "Plot for John Smith (record 00483920)" in answer


def test_insert_offers_the_code_as_a_cell_and_never_runs_it(kernel, fake) -> None:
    fake.answer = ["Try:\n```python\npwned = 1\nprint('ran')\n```\n"]
    kernel.run("%%safe_ai --insert\nHow do I set a flag?")
    (insert,) = [b[INSERT_MIME] for b in kernel.bundles if INSERT_MIME in b]
    assert insert["source"] == "pwned = 1\nprint('ran')"
    meta = insert["metadata"]["safeai"]
    assert meta["generated"] is True and meta["model"] == "fake"
    assert len(meta["prompt_sha256"]) == 64 and meta["time"]
    assert kernel.run("print('pwned' in globals())") == ["False\n"]


def test_output_guard_masks_a_secret_the_model_made_up(kernel, fake) -> None:
    key = "AKIA" + "Q7ZTR2XW5KPLMN3D"
    fake.answer = [f"Use this key: {key}\n"]
    outputs = kernel.run("%%safe_ai\nHow do I list S3 buckets?")
    shown = "\n".join(outputs)
    assert key not in shown
    assert "Output guard" in shown and "AWS_ACCESS_KEY" in shown


def test_a_looser_mode_than_the_admin_policy_is_refused(kernel, fake) -> None:
    fake.policy = {"phi": "block", "secret": "block", "genomic": "block"}
    (message,) = kernel.run("%%safe_ai --mode warn\nhello")
    assert "looser than the admin policy" in message
    assert fake.chats == []


def test_warn_mode_waits_for_a_person(kernel, fake) -> None:
    fake.policy = {"phi": "warn", "secret": "block", "genomic": "warn"}
    kernel.run(f"%%safe_ai\n{QUESTION}")
    assert any("application/vnd.jupyter.widget-view+json" in b for b in kernel.bundles)
    assert fake.chats == []  # nothing is sent until "Send anyway" is clicked


def test_explain_shows_what_would_be_sent_and_sends_nothing(kernel, fake) -> None:
    (shown,) = kernel.run(f"%%safe_ai --explain --context df\n{QUESTION}")
    assert "Nothing sent" in shown and "<PERSON_1>" in shown and "John Smith" not in shown
    assert fake.chats == []


def test_scan_magic_lists_findings_without_asking_a_model(kernel, fake) -> None:
    (table,) = kernel.run("%safe_ai_scan df")
    assert "df column `patient_name`" in table and "df column `mrn`" in table
    assert "Maria" not in table and fake.chats == []
