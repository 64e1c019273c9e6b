"""The gate end to end: a real server (pytest-jupyter), the real embedded model, and a
recorder in front of the model that proves what reached it.

Tests named `test_with_normaliser_*` need the scanner half of issue 13 (the normalised
view in `scan/`): a digit run wrapped over a line break joined (the split SSN: the
gate joins the messages with a line break between them), NBSP read as a space, and
string concatenation evaluated before secrets are matched. They fail until that is
merged; everything else in this file holds without it.
"""

from __future__ import annotations

import json
import random
import string

import pytest
from tornado.httpclient import HTTPClientError

from jupyter_safeai.models import LocalModel
from tests.server_api import events_of

TASK = "Write a Python function that checks that a string has the form of an SSN."
_RNG = random.Random(13)
GITHUB_SECRET = "".join(_RNG.choice(string.ascii_letters + string.digits) for _ in range(36))


@pytest.fixture
def model_saw(monkeypatch) -> list[list[dict]]:
    """Every conversation handed to the real model, recorded on its way in."""
    seen: list[list[dict]] = []
    real_stream = LocalModel.stream_chat

    async def recording_stream(self, messages, max_tokens):  # noqa: ANN001
        seen.append([dict(m) for m in messages])
        async for piece in real_stream(self, messages, max_tokens):
            yield piece

    monkeypatch.setattr(LocalModel, "stream_chat", recording_stream)
    return seen


def chat(*messages: tuple[str, str]) -> str:
    return json.dumps({"messages": [{"role": r, "content": c} for r, c in messages]})


async def answered(jp_fetch, body: str) -> list[dict]:
    response = await jp_fetch("safeai", "chat", method="POST", body=body,
                              request_timeout=300)
    events = events_of(response.body)
    assert events[-1]["type"] == "done", events[-3:]
    assert events[-1]["tokens"] >= 1
    return events


def sent(model_saw: list[list[dict]]) -> str:
    (conversation,) = model_saw
    return "\n".join(m["content"] for m in conversation)


async def test_a_name_split_between_system_and_user_message_never_reaches_the_model(
        jp_fetch, model_saw) -> None:
    events = await answered(jp_fetch, chat(("system", "You help Dr. Olumide"),
                                           ("user", f"Bakare with her cohort. {TASK}")))
    assert (events[0]["action"], events[0]["counts"]) == ("redact", {"PERSON": 1})
    text = sent(model_saw)
    assert "Olumide" not in text and "Bakare" not in text
    assert "<PERSON_1>" in text and "<PERSON_2>" in text


async def test_with_normaliser_an_ssn_split_across_two_messages_is_redacted_in_both(
        jp_fetch, model_saw) -> None:
    events = await answered(jp_fetch, chat(("user", "My patient's SSN is 219-09-"),
                                           ("user", f"9999. {TASK}")))
    assert (events[0]["action"], events[0]["counts"]) == ("redact", {"US_SSN": 1})
    text = sent(model_saw)
    assert "219-09" not in text and "9999" not in text


async def test_with_normaliser_an_ssn_written_with_no_break_spaces_is_redacted(
        jp_fetch, model_saw) -> None:
    events = await answered(jp_fetch, chat(("user", f"SSN 219\u00a009\u00a09999. {TASK}")))
    assert (events[0]["action"], events[0]["counts"]) == ("redact", {"US_SSN": 1})
    text = sent(model_saw)
    assert "219" not in text and "9999" not in text


async def test_with_normaliser_a_github_token_built_by_concatenation_is_blocked(
        jp_fetch, model_saw) -> None:
    code = f'token = "ghp_" + "{GITHUB_SECRET}"\nWhy does my API call return 401?'
    with pytest.raises(HTTPClientError) as refused:
        await jp_fetch("safeai", "chat", method="POST", body=chat(("user", code)),
                       request_timeout=300)
    assert refused.value.code == 422
    body = json.loads(refused.value.response.body)
    assert body["reason"] == "blocked" and body["counts"] == {"GITHUB_TOKEN": 1}
    assert GITHUB_SECRET[:8] not in refused.value.response.body.decode()
    assert model_saw == []
