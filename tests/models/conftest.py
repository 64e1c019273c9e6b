"""The `fake_openai` fixture: a started FakeOpenAI on loopback, stopped after the test."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.models.fake_openai import FakeOpenAI


@pytest.fixture
async def fake_openai() -> AsyncIterator[FakeOpenAI]:
    fake = FakeOpenAI()
    await fake.start()
    yield fake
    await fake.stop()
