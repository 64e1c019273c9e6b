"""The stand-in for the server API that the magic's kernels talk to."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.kernel.fake_safeai import FakeSafeAI, running_fake_safeai


@pytest.fixture
def fake() -> Iterator[FakeSafeAI]:
    with running_fake_safeai() as server:
        yield server
