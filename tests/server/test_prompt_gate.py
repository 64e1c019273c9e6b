"""The server's gate over a whole prompt: a value split across messages, and allow
markers that accept in prompts only what the admin lets users accept."""

from __future__ import annotations

import json
import re

import pytest
from tornado.httpclient import HTTPClientError

from jupyter_safeai.models import LocalModel
from tests.server_api import events_of

SSN = "219-09-9999"
KEY = "AKIA" + "ZQ3DRT5K7PLMN2XW"
MARKED = f"Test data, not a patient: SSN {SSN}  # safeai: allow\nWhy does my join fail?"


@pytest.fixture
def model_calls(monkeypatch) -> list[list[dict]]:
    """Every conversation the model is handed; the stand-in answers with the
    placeholders it saw, split mid-way as a tokenizer would, so the test can see them
    restored."""
    calls: list[list[dict]] = []

    async def recording_stream(self, messages, max_tokens):  # noqa: ANN001
        calls.append(messages)
        seen = re.findall(r"<[A-Z_]+_\d+>", "\n".join(m["content"] for m in messages))
        for placeholder in seen:
            yield placeholder[:4]
            yield placeholder[4:] + " | "

    monkeypatch.setattr(LocalModel, "stream_chat", recording_stream)
    return calls


def chat(*contents: str, roles: tuple[str, ...] = (), **extra: object) -> str:
    roles = roles or ("user",) * len(contents)
    return json.dumps({"messages": [{"role": r, "content": c}
                                    for r, c in zip(roles, contents, strict=True)], **extra})


def sent_text(calls: list[list[dict]]) -> str:
    (messages,) = calls
    return "\n".join(m["content"] for m in messages)


async def test_a_label_in_the_system_message_and_the_number_in_the_users_is_redacted(
        jp_fetch, model_calls) -> None:
    response = await jp_fetch("safeai", "chat", method="POST", body=chat(
        "The user pastes the patient's SSN:", "219099999 - which column is it in?",
        roles=("system", "user")))
    gate = events_of(response.body)[0]
    assert (gate["action"], gate["counts"]) == ("redact", {"US_SSN": 1})
    assert "219099999" not in sent_text(model_calls)


async def test_a_name_split_across_two_turns_is_redacted_in_both(jp_fetch,
                                                                 model_calls) -> None:
    response = await jp_fetch("safeai", "chat", method="POST", body=chat(
        "I work with Dr. Maria", "Garcia-Lopez on the cohort. How do I pivot?"))
    events = events_of(response.body)
    assert events[0]["counts"] == {"PERSON": 1}
    sent = sent_text(model_calls)
    assert "Maria" not in sent and "Garcia" not in sent and "Lopez" not in sent
    answer = "".join(e["content"] for e in events if e["type"] == "token")
    assert answer == "Maria | Garcia-Lopez | "  # each piece restored exactly


async def test_an_allow_marker_in_a_prompt_cannot_lower_the_phi_policy(
        jp_fetch, model_calls) -> None:
    response = await jp_fetch("safeai", "chat", method="POST", body=chat(MARKED))
    assert events_of(response.body)[0]["counts"] == {"US_SSN": 1}
    assert SSN not in sent_text(model_calls)


async def test_the_warnings_panel_keeps_honouring_markers_and_a_prompt_preview_does_not(
        jp_fetch) -> None:
    async def scan(**extra: object) -> dict:
        body = json.dumps({"texts": [MARKED], **extra})
        return json.loads((await jp_fetch("safeai", "scan", method="POST", body=body)).body)

    assert (await scan())["counts"] == {}
    assert (await scan(purpose="notebook"))["counts"] == {}
    assert (await scan(purpose="prompt"))["counts"] == {"US_SSN": 1}


async def test_a_prompt_preview_reads_the_messages_joined_and_cells_are_not(jp_fetch) -> None:
    texts = ["I work with Dr. Maria", "Garcia-Lopez on the cohort."]

    async def scan(purpose: str) -> dict:
        body = json.dumps({"texts": texts, "purpose": purpose})
        return json.loads((await jp_fetch("safeai", "scan", method="POST", body=body)).body)

    prompt = await scan("prompt")
    assert prompt["counts"] == {"PERSON": 1}
    assert {f["part"] for f in prompt["findings"]} == {0, 1}
    assert {f["part"] for f in (await scan("notebook"))["findings"]} <= {0}


async def test_an_unknown_purpose_is_refused_by_name(jp_fetch) -> None:
    with pytest.raises(HTTPClientError) as refused:
        await jp_fetch("safeai", "scan", method="POST",
                       body=json.dumps({"texts": ["x"], "purpose": "zqxwv-plant"}))
    assert refused.value.code == 400
    assert b"'purpose'" in refused.value.response.body
    assert b"zqxwv" not in refused.value.response.body


async def test_the_policy_endpoint_says_what_prompt_markers_cannot_accept(jp_fetch) -> None:
    policy = json.loads((await jp_fetch("safeai", "policy")).body)
    assert policy["never_accept"] == ["secret"]
    assert policy["prompt_never_accept"] == ["phi", "secret", "genomic"]


class TestAdminLetsUsersAcceptPhiInPrompts:
    @pytest.fixture
    def safeai_config(self) -> dict:
        return {"prompt_never_accept": [], "preload_default_model": False}

    async def test_a_marker_accepts_phi_but_never_what_never_accept_keeps(
            self, jp_fetch, model_calls) -> None:
        policy = json.loads((await jp_fetch("safeai", "policy")).body)
        assert policy["prompt_never_accept"] == ["secret"]  # never_accept applies too
        response = await jp_fetch("safeai", "chat", method="POST", body=chat(MARKED))
        assert events_of(response.body)[0]["action"] == "send"
        assert SSN in sent_text(model_calls)
        with pytest.raises(HTTPClientError) as refused:
            await jp_fetch("safeai", "chat", method="POST",
                           body=chat(f"key {KEY}  # safeai: allow"))
        assert refused.value.code == 422 and len(model_calls) == 1
