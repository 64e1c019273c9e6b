"""Shared by the security tests: a recording stand-in for every model, so a test can
prove that nothing reached one."""

from __future__ import annotations

import pytest

from jupyter_safeai.models import LocalModel


@pytest.fixture
def model_calls(monkeypatch) -> list[list[dict]]:
    """Every conversation handed to a local model; the stand-in answers two tokens."""
    calls: list[list[dict]] = []

    async def recording_stream(self, messages, max_tokens):  # noqa: ANN001
        calls.append(messages)
        for piece in ("Sure", "."):
            yield piece

    monkeypatch.setattr(LocalModel, "stream_chat", recording_stream)
    return calls
