"""Server-side enforcement: admin floor, user tightening, redact/warn, limits, queue."""

from __future__ import annotations

import asyncio
import json

import pytest
from tornado.httpclient import HTTPClientError

from jupyter_safeai.models import EMBEDDED_DEFAULT_MODEL, LocalModel
from tests.server_api import chat_body, events_of

PROMPT = "Patient John Smith, MRN: 00483920, asks about metformin."


@pytest.fixture
def held_model(monkeypatch) -> tuple[asyncio.Event, asyncio.Event]:
    """A model that starts answering (sets the first event) and holds until the test
    sets the second; then it says "done"."""
    started, release = asyncio.Event(), asyncio.Event()

    async def held_stream(self, messages, max_tokens):  # noqa: ANN001
        started.set()
        await release.wait()
        yield "done"

    monkeypatch.setattr(LocalModel, "stream_chat", held_stream)
    return started, release


@pytest.fixture
def model_calls(monkeypatch) -> list[list[dict]]:
    """Replace generation with a recorder that answers using the placeholders it saw."""
    calls: list[list[dict]] = []

    async def fake_stream(self, messages, max_tokens):
        calls.append(messages)
        # split a placeholder across pieces, as a tokenizer would
        for piece in ["Dear <PER", "SON_1>, record <MEDICAL_RECORD_NUM", "BER_1> is ready."]:
            yield piece

    monkeypatch.setattr(LocalModel, "stream_chat", fake_stream)
    return calls


async def test_policy_endpoint_shows_the_admin_floor(jp_fetch) -> None:
    policy = json.loads((await jp_fetch("safeai", "policy")).body)
    assert policy["admin"] == {"phi": "redact", "secret": "block", "genomic": "redact"}
    assert policy["modes"] == ["warn", "redact", "block"]


async def test_scan_endpoint_reports_kinds_and_offsets_only(jp_fetch) -> None:
    result = json.loads((await jp_fetch("safeai", "scan", method="POST",
                                        body=json.dumps({"text": PROMPT}))).body)
    assert result["action"] == "redact"
    assert [(f["entity"], f["mode"]) for f in result["findings"]] == [
        ("PERSON", "redact"), ("MEDICAL_RECORD_NUMBER", "redact")]
    assert "John" not in json.dumps(result) and "00483920" not in json.dumps(result)


async def test_redacted_prompt_reaches_the_model_and_the_answer_is_restored(
        jp_fetch, model_calls) -> None:
    response = await jp_fetch("safeai", "chat", method="POST", body=chat_body(PROMPT))
    events = events_of(response.body)
    gate = events[0]
    assert (gate["action"], gate["redacted"]) == (
        "redact", {"PERSON": 1, "MEDICAL_RECORD_NUMBER": 1})
    (messages,) = model_calls
    sent = messages[-1]["content"]
    assert sent == ("Patient <PERSON_1>, MRN: <MEDICAL_RECORD_NUMBER_1>, asks about "
                    "metformin.")
    answer = "".join(e["content"] for e in events if e["type"] == "token")
    assert answer == "Dear John Smith, record 00483920 is ready."


async def test_what_the_magic_already_redacted_is_audited(jp_fetch, model_calls,
                                                          audit_path) -> None:
    """The kernel's gate sends placeholders only; its counts reach the audit record."""
    await jp_fetch("safeai", "chat", method="POST", body=chat_body(
        "Patient <PERSON_1>, MRN: <MEDICAL_RECORD_NUMBER_1>: how do I plot glucose?",
        client="magic", client_redacted={"PERSON": 1, "MEDICAL_RECORD_NUMBER": 1}))
    await jp_fetch("safeai", "chat", method="POST", body=chat_body("Say hi.",
                                                                   client="magic"))
    redacted, plain = [json.loads(line) for line in audit_path.read_text().splitlines()]
    assert (redacted["decision"], redacted["reason"], redacted["client"]) == (
        "redacted", "redacted_by_client", "magic")
    assert redacted["entities"] == {"PERSON": 1, "MEDICAL_RECORD_NUMBER": 1}
    assert (plain["decision"], plain["reason"], plain["entities"]) == ("sent", None, {})
    assert len(model_calls) == 2


@pytest.mark.parametrize("counts", [{"NOT_A_LABEL": 1}, {"PERSON": "1"}, {"PERSON": 0},
                                    {"PERSON": True}, ["PERSON"]])
async def test_malformed_client_counts_are_refused(jp_fetch, model_calls, counts) -> None:
    with pytest.raises(HTTPClientError) as refused:
        await jp_fetch("safeai", "chat", method="POST",
                       body=chat_body("Say hi.", client_redacted=counts))
    assert refused.value.code == 400 and model_calls == []


async def test_a_looser_user_policy_is_ignored_and_said_so(jp_fetch, model_calls) -> None:
    response = await jp_fetch("safeai", "chat", method="POST",
                              body=chat_body(PROMPT, policy={"phi": "warn"}))
    gate = events_of(response.body)[0]
    assert gate["policy"]["phi"] == "redact"
    assert gate["notes"] == ["phi: 'warn' is looser than the admin policy 'redact'; ignored"]
    assert "John" not in model_calls[0][-1]["content"]


async def test_a_stricter_user_policy_blocks_and_the_model_is_not_called(
        jp_fetch, model_calls) -> None:
    with pytest.raises(HTTPClientError) as refused:
        await jp_fetch("safeai", "chat", method="POST",
                       body=chat_body(PROMPT, policy={"phi": "block"}))
    assert refused.value.code == 422
    assert model_calls == []


class TestWarnPolicy:
    @pytest.fixture
    def safeai_config(self) -> dict:
        covered = {**EMBEDDED_DEFAULT_MODEL, "name": "covered", "phi_allowed": True}
        return {"policy": {"phi": "warn"}, "preload_default_model": False,
                "approved_models": [EMBEDDED_DEFAULT_MODEL, covered]}

    async def test_warn_needs_acknowledgement_then_sends_as_is(self, jp_fetch,
                                                               model_calls) -> None:
        with pytest.raises(HTTPClientError) as refused:
            await jp_fetch("safeai", "chat", method="POST",
                           body=chat_body(PROMPT, model="covered"))
        body = json.loads(refused.value.response.body)
        assert (refused.value.code, body["reason"]) == (422, "needs_acknowledgement")
        assert model_calls == []
        await jp_fetch("safeai", "chat", method="POST",
                       body=chat_body(PROMPT, model="covered", acknowledge=True))
        assert model_calls[0][-1]["content"] == PROMPT

    async def test_a_model_not_covered_for_phi_gets_placeholders_even_under_warn(
            self, jp_fetch, model_calls) -> None:
        response = await jp_fetch("safeai", "chat", method="POST", body=chat_body(PROMPT))
        gate = events_of(response.body)[0]
        assert gate["action"] == "redact" and "not approved for PHI" in gate["notes"][0]
        assert "John" not in model_calls[0][-1]["content"]


class TestLimits:
    @pytest.fixture
    def safeai_config(self) -> dict:
        return {"max_prompt_chars": 200, "max_waiting": 0, "preload_default_model": False}

    async def test_too_long_a_prompt_is_refused_unscanned(self, jp_fetch, model_calls) -> None:
        with pytest.raises(HTTPClientError) as refused:
            await jp_fetch("safeai", "chat", method="POST", body=chat_body("x" * 201))
        assert refused.value.code == 413 and model_calls == []

    async def test_a_full_queue_answers_429_with_retry_after(self, jp_fetch,
                                                             held_model) -> None:
        started, release = held_model
        first = asyncio.ensure_future(
            jp_fetch("safeai", "chat", method="POST", body=chat_body("first question")))
        await asyncio.wait_for(started.wait(), 30)
        with pytest.raises(HTTPClientError) as busy:
            await jp_fetch("safeai", "chat", method="POST", body=chat_body("second"))
        assert busy.value.code == 429
        assert int(busy.value.response.headers["Retry-After"]) >= 1
        release.set()
        answer = events_of((await first).body)
        assert [e["content"] for e in answer if e["type"] == "token"] == ["done"]


class TestUserModels:
    @pytest.fixture
    def safeai_config(self) -> dict:
        return {"allow_user_models": True, "preload_default_model": False,
                "max_new_tokens": 8}

    async def test_a_users_own_gguf_inside_the_root_can_be_used(self, jp_fetch,
                                                               jp_root_dir) -> None:
        import shutil

        from jupyter_safeai.models import ApprovedModel

        weights = ApprovedModel.from_config(EMBEDDED_DEFAULT_MODEL).weights_path()
        shutil.copy(weights, jp_root_dir / "mine.gguf")
        response = await jp_fetch("safeai", "chat", method="POST",
                                  body=chat_body("Say hi.", model="user:mine.gguf"))
        events = events_of(response.body)
        assert events[-1]["type"] == "done" and events[-1]["model"] == "user:mine.gguf"
        assert events[0]["policy"]["phi"] == "redact"  # never covered for PHI
        for name in ("user:../mine.gguf", "user:missing.gguf", "gpt-4"):
            with pytest.raises(HTTPClientError) as refused:
                await jp_fetch("safeai", "chat", method="POST", body=chat_body("hi", model=name))
            assert refused.value.code == 403


async def test_user_models_are_refused_by_default(jp_fetch) -> None:
    with pytest.raises(HTTPClientError) as refused:
        await jp_fetch("safeai", "chat", method="POST",
                       body=chat_body("hi", model="user:mine.gguf"))
    assert refused.value.code == 403


async def test_warnings_from_kernels_are_kept_per_notebook_without_values(jp_fetch) -> None:
    body = {"path": "a/b.ipynb", "findings": [
        {"entity": "US_SSN", "category": "phi", "count": 2}]}
    await jp_fetch("safeai", "warnings", method="POST", body=json.dumps(body))
    got = json.loads((await jp_fetch("safeai", "warnings", params={"path": "a/b.ipynb"})).body)
    (warning,) = got["warnings"]
    assert (warning["entity"], warning["count"], warning["source"]) == ("US_SSN", 2, "magic")
    other = json.loads((await jp_fetch("safeai", "warnings", params={"path": "c.ipynb"})).body)
    assert other["warnings"] == []
    bad = {"path": "a/b.ipynb", "findings": [{"entity": "219-09-9999", "category": "phi"}]}
    with pytest.raises(HTTPClientError) as refused:
        await jp_fetch("safeai", "warnings", method="POST", body=json.dumps(bad))
    assert refused.value.code == 400


async def test_a_kernels_os_path_is_stored_under_the_notebooks_contents_path(
        jp_fetch, jp_root_dir) -> None:
    body = {"path": str(jp_root_dir / "study" / "nb.ipynb"),
            "findings": [{"entity": "PERSON", "category": "phi", "count": 1}]}
    await jp_fetch("safeai", "warnings", method="POST", body=json.dumps(body))
    got = json.loads((await jp_fetch("safeai", "warnings",
                                     params={"path": "study/nb.ipynb"})).body)
    assert [w["entity"] for w in got["warnings"]] == ["PERSON"]


class TestQueuePosition:
    @pytest.fixture
    def safeai_config(self) -> dict:
        return {"max_waiting": 1, "preload_default_model": False}

    async def test_a_waiting_request_is_told_its_place(self, jp_fetch, held_model) -> None:
        started, release = held_model
        first = asyncio.ensure_future(
            jp_fetch("safeai", "chat", method="POST", body=chat_body("first question")))
        await asyncio.wait_for(started.wait(), 30)
        second = asyncio.ensure_future(
            jp_fetch("safeai", "chat", method="POST", body=chat_body("second question")))
        await asyncio.sleep(0.2)
        release.set()
        first_events = events_of((await first).body)
        second_events = events_of((await second).body)
        queued = [e for e in second_events if e.get("state") == "queued"]
        assert [e["position"] for e in queued] == [1]
        assert not any(e.get("state") == "queued" for e in first_events)
        assert second_events[-1]["type"] == "done"
