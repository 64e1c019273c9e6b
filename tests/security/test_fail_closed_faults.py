"""Fail closed under injected faults: a recognizer that raises (with the prompt in its
message), a slow recognizer, an input too large, a model that crashes mid-answer, and
model weights deleted or replaced under a running server.

Each fault is injected into the real scanner or runtime of an in-process Jupyter
server; the test then proves that nothing reached a model, that the user is told why
in words that hold none of the prompt, that the audit log says what happened, and that
the server goes on answering.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from tornado.httpclient import HTTPClientError

from jupyter_safeai.models import EMBEDDED_DEFAULT_MODEL, ApprovedModel, LocalModel
from jupyter_safeai.scan import default_scanner
from tests.security.leakcheck import occurrences
from tests.server_api import chat_body, events_of, refused

NAME, MRN, SSN = "Olumide Bakare", "00483920", "219-09-9999"
PLANTED = (NAME, MRN, SSN, "Bakare")
PROMPT = f"Patient {NAME}, MRN: {MRN}, SSN {SSN}: write a function to compute BMI."


class Exploding:
    """A recognizer with a bug: its exception message quotes the text it was given."""

    name = "exploding"

    def find(self, text: str) -> list:
        raise ValueError(f"cannot parse {text!r}")


class Slow:
    """A recognizer stuck on pathological input."""

    name = "slow"

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def find(self, text: str) -> list:
        time.sleep(self.seconds)
        return []


def audit_records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


@pytest.fixture
def scanner():
    """The server's real scanner, loaded; a test adds its faulty recognizer to it."""
    real = default_scanner()
    real.load()
    return real


@pytest.fixture
def scanned(monkeypatch, scanner) -> list[str]:
    """Texts the scanner was asked to read."""
    seen: list[str] = []
    original = type(scanner).scan

    def recording(self, text, *args, **kwargs):  # noqa: ANN001
        seen.append(text)
        return original(self, text, *args, **kwargs)

    monkeypatch.setattr(type(scanner), "scan", recording)
    return seen


async def refused_post(jp_fetch, route: str, body: str) -> tuple[int, dict, str]:
    """The status, JSON body and raw text of a POST to /safeai/`route` that must fail."""
    code, parsed, response = await refused(jp_fetch, "safeai", route, method="POST",
                                           body=body, request_timeout=60)
    return code, parsed, response.body.decode()


def assert_nothing_planted(*texts: str) -> None:
    for text in texts:
        assert occurrences(text.encode(), PLANTED) == [], text[-2000:]


async def test_a_recognizer_that_raises_blocks_and_its_message_is_not_logged(
        jp_fetch, scanner, monkeypatch, model_calls, audit_path, caplog) -> None:
    caplog.set_level("DEBUG")
    monkeypatch.setattr(scanner, "recognizers", (*scanner.recognizers, Exploding()))
    code, body, raw = await refused_post(jp_fetch, "chat", chat_body(PROMPT))
    assert (code, body["reason"], body["action"]) == (422, "scanner_error", "block")
    assert body["message"] == "Prompt not sent: the scanner failed (ValueError)"
    scan_code, scan_body, scan_raw = await refused_post(
        jp_fetch, "scan", json.dumps({"texts": [PROMPT]}))
    assert scan_code == 503 and "scanner failed (ValueError)" in scan_body["message"]
    assert model_calls == []
    (record,) = audit_records(audit_path)
    assert (record["decision"], record["reason"], record["tokens_out"]) == (
        "blocked", "scanner_error", 0)
    assert_nothing_planted(raw, scan_raw, caplog.text, audit_path.read_text())
    monkeypatch.setattr(scanner, "recognizers", scanner.recognizers[:-1])
    response = await jp_fetch("safeai", "chat", method="POST", body=chat_body("Say hi."))
    assert events_of(response.body)[-1]["type"] == "done"  # and the server goes on


class TestSlowScans:
    @pytest.fixture
    def safeai_config(self) -> dict:
        return {"scan_timeout": 0.3, "preload_default_model": False}

    async def test_a_slow_recognizer_outlasts_the_servers_limit(
            self, jp_fetch, scanner, monkeypatch, model_calls, audit_path) -> None:
        monkeypatch.setattr(scanner, "recognizers", (Slow(1.5), *scanner.recognizers))
        started = time.monotonic()
        code, body, raw = await refused_post(jp_fetch, "chat", chat_body(PROMPT))
        assert time.monotonic() - started < 1.5, "the answer waited for the slow scan"
        assert (code, body["reason"]) == (422, "scanner_error")
        assert "did not finish within 0.3 s" in body["message"]
        scan_code, scan_body, scan_raw = await refused_post(
            jp_fetch, "scan", json.dumps({"text": PROMPT}))
        assert scan_code == 503 and "did not finish within 0.3 s" in scan_body["message"]
        assert model_calls == []
        assert [r["reason"] for r in audit_records(audit_path)] == ["scanner_error"]
        assert_nothing_planted(raw, scan_raw)

    async def test_the_scanners_own_deadline_blocks_too(
            self, jp_fetch, scanner, monkeypatch, model_calls) -> None:
        monkeypatch.setattr(scanner, "timeout", 0.05)
        monkeypatch.setattr(scanner, "recognizers", (Slow(0.1), *scanner.recognizers))
        code, body, raw = await refused_post(jp_fetch, "chat", chat_body(PROMPT))
        assert code == 422 and "scan did not finish within 0.05 s" in body["message"]
        assert model_calls == []
        assert_nothing_planted(raw)


class TestTooLarge:
    @pytest.fixture
    def safeai_config(self) -> dict:
        return {"max_prompt_chars": 1000, "preload_default_model": False}

    async def test_a_prompt_over_the_limit_is_neither_scanned_nor_sent(
            self, jp_fetch, scanned, model_calls, audit_path) -> None:
        big = (PROMPT + " ") * 20
        code, body, raw = await refused_post(jp_fetch, "chat", chat_body(big))
        assert (code, body["reason"]) == (413, "too_large")
        assert "longer than 1,000 characters" in body["message"]
        scan_code, scan_body, scan_raw = await refused_post(jp_fetch, "scan",
                                                       json.dumps({"texts": [big]}))
        assert scan_code == 413 and "limit 1,000 characters" in scan_body["message"]
        assert scanned == [] and model_calls == []
        (record,) = audit_records(audit_path)
        assert (record["reason"], record["prompt_chars"]) == ("too_large", len(big))
        assert_nothing_planted(raw, scan_raw, audit_path.read_text())

    async def test_the_scanners_own_size_limit_blocks_too(
            self, jp_fetch, scanner, monkeypatch, model_calls) -> None:
        monkeypatch.setattr(scanner, "max_chars", 50)
        code, body, raw = await refused_post(jp_fetch, "chat", chat_body(PROMPT))
        assert (code, body["reason"]) == (422, "scanner_error")
        assert "text too large to scan" in body["message"]
        assert model_calls == []
        assert_nothing_planted(raw)


class TestModelCrashMidStream:
    """A model covered for PHI, under a warn policy, gets the prompt in clear: its crash
    message then holds PHI, which must reach neither the user, the log nor the audit."""

    @pytest.fixture
    def safeai_config(self) -> dict:
        covered = {**EMBEDDED_DEFAULT_MODEL, "name": "covered", "phi_allowed": True}
        return {"approved_models": [covered], "default_model": "covered",
                "policy": {"phi": "warn"}, "preload_default_model": False}

    async def test_the_client_gets_an_error_event_and_the_next_request_is_served(
            self, jp_fetch, jp_serverapp, monkeypatch, audit_path, caplog) -> None:
        caplog.set_level("DEBUG")
        calls: list[str] = []

        def generate(self, messages, max_tokens, emit, cancel):  # noqa: ANN001
            calls.append(messages[-1]["content"])
            for piece in ("def", " bmi", "("):
                emit(piece)
            if len(calls) == 1:
                raise RuntimeError(f"llama_decode failed at {messages[-1]['content']}")

        def load(self):  # noqa: ANN001 - the crash is in generation, not in loading
            self.state = type(self.state).LOADED

        monkeypatch.setattr(LocalModel, "load", load)
        monkeypatch.setattr(LocalModel, "_generate", generate)
        response = await jp_fetch("safeai", "chat", method="POST",
                                  body=chat_body(PROMPT, acknowledge=True))
        events = [e for e in events_of(response.body) if e["type"] != "status"]
        assert [e["type"] for e in events] == ["gate", "token", "token", "token", "error"]
        assert calls == [PROMPT]  # the model did get PHI in clear (warn, acknowledged)
        error = events[-1]["message"]
        assert error == "model 'covered' failed while generating (RuntimeError)"
        second = events_of((await jp_fetch("safeai", "chat", method="POST",
                                           body=chat_body("Say hi."))).body)
        assert second[-1]["type"] == "done" and second[-1]["tokens"] == 3
        first, last = audit_records(audit_path)
        assert (first["decision"], first["reason"], first["tokens_out"]) == (
            "warned", "model_error", 3)
        assert (last["decision"], last["reason"]) == ("sent", None)
        model = jp_serverapp.web_app.settings["safeai_models"].get("covered")
        assert model.admission.pending == 0
        assert_nothing_planted(response.body.decode(), caplog.text, audit_path.read_text())


class TestWeightsChangedUnderTheServer:
    """Two copies of the embedded model: one is deleted, the other replaced, while the
    server runs. A reload checks the sha256 again and refuses with a clear error."""

    @pytest.fixture
    def weights(self, tmp_path: Path) -> dict[str, Path]:
        source = ApprovedModel.from_config(EMBEDDED_DEFAULT_MODEL).weights_path()
        copies = {name: tmp_path / f"{name}.gguf" for name in ("deleted", "replaced")}
        for path in copies.values():
            shutil.copyfile(source, path)  # a copy, never a link to the installed file
        return copies

    @pytest.fixture
    def safeai_config(self, weights: dict[str, Path]) -> dict:
        entry = {k: v for k, v in EMBEDDED_DEFAULT_MODEL.items() if k != "package_resource"}
        models = [{**entry, "name": name, "path": str(path)} for name, path in weights.items()]
        return {"approved_models": models, "default_model": "deleted",
                "preload_default_model": False, "max_new_tokens": 4, "idle_unload_seconds": 0}

    async def test_a_reload_reverifies_and_refuses_and_the_server_keeps_serving(
            self, jp_fetch, jp_serverapp, weights, audit_path) -> None:
        service = jp_serverapp.web_app.settings["safeai_models"]

        async def ask(name: str) -> list[dict]:
            response = await jp_fetch("safeai", "chat", method="POST", request_timeout=300,
                                      body=chat_body("Say hi.", model=name))
            return events_of(response.body)

        for name in weights:
            assert (await ask(name))[-1]["type"] == "done"
        weights["deleted"].unlink()
        replaced = weights["replaced"].with_suffix(".new")
        replaced.write_bytes(b"GGUF" + bytes(4096))
        replaced.replace(weights["replaced"])
        # still loaded: the weights in memory were verified when they were loaded
        assert (await ask("deleted"))[-1]["type"] == "done"
        for name in weights:
            service.get(name).last_used -= 3600
        assert sorted(service.unload_idle(60)) == sorted(weights)
        reasons = {"deleted": "weights file not found", "replaced": "sha256 mismatch"}
        for name, reason in reasons.items():
            events = await ask(name)
            assert events[-1]["type"] == "error" and reason in events[-1]["message"], events
            with pytest.raises(HTTPClientError) as again:
                await ask(name)
            assert again.value.code == 503
            assert reason in json.loads(again.value.response.body)["message"]
        listing = json.loads((await jp_fetch("safeai", "models")).body)
        states = {m["name"]: (m["state"], m["loaded"]) for m in listing["models"]}
        assert states == {"deleted": ("error", False), "replaced": ("error", False)}
        scan = json.loads((await jp_fetch("safeai", "scan", method="POST",
                                          body=json.dumps({"text": PROMPT}))).body)
        assert scan["counts"]["US_SSN"] == 1
        assert (await jp_fetch("api", "status")).code == 200
        failures = [r for r in audit_records(audit_path) if r["reason"] == "model_error"]
        assert [r["model"] for r in failures] == list(reasons)

