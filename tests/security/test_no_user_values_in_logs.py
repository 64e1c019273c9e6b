"""No value a user sends reaches a log line or an error body, on any path.

Each field of each /safeai endpoint — body fields, query parameters, the Referer
header — carries a value planted for it alone, in requests that succeed and in requests
refused for that very field (which is where a careless handler echoes it: "model 'x'
is not approved", "'y' is not one of ..."). Every log record of the server at DEBUG
level, every response body and the audit log are then searched for every planted value
in the forms `leakcheck.variants` lists.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from tornado.httpclient import HTTPClientError

from tests.security.leakcheck import occurrences

#: One value per field; none of them is a word the product would write of its own.
PLANTED = {field: f"Qv{n:02d}zplant{field.replace('_', '')}X" for n, field in enumerate((
    "content", "role", "model", "usermodel", "policykey", "policymode", "acknowledge",
    "client", "redactedkey", "redactedcount", "extra", "messagextra", "query", "referer",
    "text", "texts", "purpose", "path", "findings", "entity", "category", "count", "cell",
    "badjson", "toolong", "system"))}
SSN = "219-09-9999"
NAME = "Olumide Bakare"


def user(content: str, **extra: object) -> list[dict]:
    return [{"role": "user", "content": content, **extra}]


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    body: object | bytes | None
    expected: int


def calls() -> Iterator[Call]:
    p = PLANTED
    ok_chat = {"messages": user("Say hi.")}
    # /safeai/chat: every field, valid and refused for itself
    yield Call("POST", "chat", {"messages": [
        {"role": "system", "content": f"Context {p['system']}."},
        {"role": "user", "content": f"Patient {NAME}, SSN {SSN}: {p['content']}",
         "name": p["messagextra"]}], p["extra"]: p["extra"]}, 200)
    yield Call("POST", "chat", {"messages": [{"role": p["role"], "content": "x"}]}, 400)
    yield Call("POST", "chat", {"messages": [{"role": "user", "content": [p["content"]]}]},
               400)
    yield Call("POST", "chat", {**ok_chat, "model": p["model"]}, 403)
    yield Call("POST", "chat", {**ok_chat, "model": f"user:{p['usermodel']}.gguf"}, 403)
    yield Call("POST", "chat", {**ok_chat, "model": [p["model"]]}, 400)
    yield Call("POST", "chat", {**ok_chat, "policy": {p["policykey"]: "block"}}, 400)
    yield Call("POST", "chat", {**ok_chat, "policy": {"phi": p["policymode"]}}, 400)
    yield Call("POST", "chat", {**ok_chat, "policy": p["policymode"]}, 400)
    yield Call("POST", "chat", {**ok_chat, "policy": {"phi": "block"}}, 200)
    yield Call("POST", "chat", {"messages": user(f"SSN {SSN}, {p['content']}"),
                                "policy": {"phi": "block"}}, 422)
    yield Call("POST", "chat", {**ok_chat, "acknowledge": p["acknowledge"]}, 400)
    yield Call("POST", "chat", {**ok_chat, "client": p["client"]}, 400)
    yield Call("POST", "chat", {**ok_chat, "client_redacted": {p["redactedkey"]: 1}}, 400)
    yield Call("POST", "chat", {**ok_chat, "client_redacted": {"PERSON": p["redactedcount"]}},
               400)
    yield Call("POST", "chat", {"messages": user(p["toolong"] + "x" * 100_001)}, 413)
    yield Call("POST", "chat", ("{" + p["badjson"]).encode(), 400)
    yield Call("POST", "chat", p["badjson"].encode("utf-16"), 400)  # not UTF-8
    # /safeai/scan
    yield Call("POST", "scan", {"text": f"{NAME} {p['text']}", "purpose": "prompt"}, 200)
    yield Call("POST", "scan", {"texts": [p["texts"], SSN]}, 200)
    yield Call("POST", "scan", {"texts": [p["texts"], 5]}, 400)
    yield Call("POST", "scan", {"text": [p["text"]]}, 400)
    yield Call("POST", "scan", {"text": "x", "purpose": p["purpose"]}, 400)
    yield Call("POST", "scan", {"text": "x", "policy": {"phi": p["policymode"]}}, 400)
    yield Call("POST", "scan", {"text": "x", "policy": {p["policykey"]: "warn"}}, 400)
    yield Call("POST", "scan", {"text": p["toolong"] + "x" * 100_001}, 413)
    yield Call("POST", "scan", ("[" + p["badjson"]).encode(), 400)
    # /safeai/warnings
    finding = {"entity": "US_SSN", "category": "phi", "count": 1}
    yield Call("POST", "warnings", {"path": p["path"], "findings": [finding], "cell": 3}, 204)
    yield Call("POST", "warnings", {"path": p["path"], "findings": p["findings"]}, 400)
    yield Call("POST", "warnings", {"path": p["path"],
                                    "findings": [{**finding, "entity": p["entity"]}]}, 400)
    yield Call("POST", "warnings", {"path": p["path"],
                                    "findings": [{**finding, "category": p["category"]}]}, 400)
    yield Call("POST", "warnings", {"path": p["path"],
                                    "findings": [{**finding, "count": p["count"]}]}, 400)
    yield Call("POST", "warnings", {"path": p["path"], "findings": [finding],
                                    "cell": p["cell"]}, 400)
    yield Call("POST", "warnings", {"path": [p["path"]], "findings": []}, 400)
    yield Call("GET", "warnings", None, 400)  # the query below holds no `path`
    # reads, and a verb no route has
    yield Call("GET", "models", None, 200)
    yield Call("GET", "policy", None, 200)
    yield Call("PUT", "chat", {"messages": user(p["content"])}, 405)


@pytest.fixture
def server_log() -> Iterator[list[str]]:
    """Every record any logger writes during the test, formatted with its traceback;
    loggers that do not propagate (the server's own) are listened to directly."""
    lines: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(logging.Formatter("%(name)s %(levelname)s %(message)s")
                         .format(record))

    keep = Keep(logging.DEBUG)
    loggers = [logging.getLogger()] + [
        logger for logger in logging.Logger.manager.loggerDict.values()
        if isinstance(logger, logging.Logger) and not logger.propagate]
    saved = [(logger, logger.level) for logger in loggers]
    for logger in loggers:
        logger.addHandler(keep)
        logger.setLevel(logging.DEBUG)
    for name in ("tornado.access", "tornado.application", "tornado.general"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    yield lines
    for logger, level in saved:
        logger.removeHandler(keep)
        logger.setLevel(level)


async def test_no_planted_value_in_any_log_line_or_error_body(
        jp_fetch, jp_serverapp, model_calls, server_log, audit_path) -> None:
    jp_serverapp.log.setLevel(logging.DEBUG)
    bodies: list[bytes] = []
    statuses = []
    for call in calls():
        body = (None if call.body is None else call.body if isinstance(call.body, bytes)
                else json.dumps(call.body))
        try:
            response = await jp_fetch(
                "safeai", call.path, method=call.method, body=body,
                params={"q": PLANTED["query"], "next": PLANTED["query"]},
                headers={"Referer": f"http://localhost/lab/tree/{PLANTED['referer']}"},
                allow_nonstandard_methods=True, request_timeout=60)
            code, raw = response.code, response.body
        except HTTPClientError as refused:
            code, raw = refused.code, refused.response.body if refused.response else b""
        statuses.append((call.method, call.path, code, call.expected))
        bodies.append(raw)
    # the valid path of the warnings panel's read, with a planted notebook path
    got = await jp_fetch("safeai", "warnings", params={"path": PLANTED["path"]},
                         headers={"Referer": PLANTED["referer"]})
    bodies.append(got.body)
    assert [s for s in statuses if s[2] != s[3]] == [], "a request did not take its path"
    assert len(model_calls) == 2  # the two valid chats reached the (stand-in) model
    assert server_log, "no log record was captured at all"
    assert any("/safeai/chat" in line for line in server_log), "no access-log line seen"
    values = [*PLANTED.values(), SSN, NAME]
    log = "\n".join(server_log).encode()
    assert occurrences(log, values) == [], "planted values in the server log"
    for (method, path, code, _), raw in zip(statuses, bodies, strict=False):
        assert occurrences(raw, values) == [], f"planted value in the {code} body of " \
                                               f"{method} {path}"
    assert occurrences(bodies[-1], values) == []
    assert occurrences(audit_path.read_bytes(), values) == []


async def test_an_unexpected_error_quoting_the_request_is_logged_and_answered_by_type(
        jp_fetch, monkeypatch, server_log) -> None:
    """A bug whose message quotes what the user sent (a parser's error, say): the body
    and the log name the exception's type and where it happened, never its message."""
    from jupyter_safeai.server import handlers

    def broken(body: object) -> dict:
        raise ValueError(f"cannot read {json.dumps(body)}")

    monkeypatch.setattr(handlers, "parse_chat_request", broken)
    with pytest.raises(HTTPClientError) as failed:
        await jp_fetch("safeai", "chat", method="POST", params={"q": PLANTED["query"]},
                       body=json.dumps({"messages": user(f"SSN {SSN} {PLANTED['content']}")}))
    assert failed.value.code == 500
    body = json.loads(failed.value.response.body)
    assert (body["message"], body["type"]) == ("Unhandled error", "ValueError")
    log = "\n".join(server_log)
    assert "Uncaught ValueError in POST" in log
    assert ", in broken" in log  # the frames are there; the message is not
    values = [PLANTED["content"], PLANTED["query"], SSN]
    assert occurrences(log.encode(), values) == []
    assert occurrences(failed.value.response.body, values) == []
