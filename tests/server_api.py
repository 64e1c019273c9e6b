"""Talking to the extension's REST API in tests: a chat request's body, the JSON-lines
events of a streamed answer, and the status and message of a refused request."""

from __future__ import annotations

import json
from typing import Any

import pytest
from tornado.httpclient import HTTPClientError, HTTPResponse


def chat_body(content: str, **extra: object) -> str:
    """A `POST /safeai/chat` body with one user message; `extra` adds fields."""
    return json.dumps({"messages": [{"role": "user", "content": content}], **extra})


def events_of(body: bytes) -> list[dict]:
    """The events of a streamed answer (`application/x-ndjson`), in order."""
    return [json.loads(line) for line in body.decode().splitlines() if line.strip()]


async def refused(jp_fetch: Any, *parts: str, **kwargs: Any
                  ) -> tuple[int, dict, HTTPResponse]:
    """The status, JSON body and response of a request that must fail (an HTTP error)."""
    kwargs.setdefault("request_timeout", 180)
    with pytest.raises(HTTPClientError) as caught:
        await jp_fetch(*parts, **kwargs)
    response = caught.value.response
    assert response is not None
    return caught.value.code, json.loads(response.body or b"{}"), response
