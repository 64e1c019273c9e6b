"""A short form of benchmarks/load_soak.py for CI: a real server under concurrent chats
and scans answers or refuses (429) every request, loses none, mixes none up, and its
memory does not grow over repeated rounds.

The load logic (server, users with planted values, checks) is the benchmark's own,
imported from benchmarks/load_soak.py; only the sizes differ (20 chats + 50 scans).
"""

from __future__ import annotations

from collections import Counter

import pytest

from tests.benchmark_module import load_benchmark

load_soak = load_benchmark("load_soak")

CHATS, SCANS, ROUNDS = 20, 50, 4
#: RSS the server may gain between the first round after warm-up and the last one. A
#: leak of one prompt's text or vault per request would be many MB over 280 requests;
#: allocator noise is well under this.
GROWTH_BOUND_MB = 32


@pytest.fixture(scope="module")
def bursts() -> list:
    """One warm-up round and ROUNDS measured rounds against a server whose model is an
    echoing stand-in (0.36 s an answer: the queue fills and refuses)."""
    import asyncio

    async def run() -> list:
        server = load_soak.Server(fake_model=True, token_seconds=0.02)
        try:
            load = load_soak.Load(server, CHATS, SCANS)
            await load.prepare()
            return [await load.burst() for _ in range(ROUNDS + 1)]
        finally:
            server.stop()

    return asyncio.run(run())


def test_every_request_is_answered_or_refused_with_retry_after(bursts) -> None:
    for burst in bursts:
        assert len(burst.outcomes) == CHATS + SCANS
        assert burst.lost == [], [(o.kind, o.code, o.problem) for o in burst.lost]
        assert burst.count("scan") == Counter(answered=SCANS)
        chats = burst.count("chat")
        assert chats["answered"] + chats["refused"] == CHATS
        assert chats["answered"] >= 1
    refused = sum(b.count("chat")["refused"] for b in bursts)
    assert refused > 0, "the queue never filled: the 429 path was not exercised"


def test_no_answer_carries_another_users_values(bursts) -> None:
    outcomes = [o for b in bursts for o in b.outcomes]
    assert [o for o in outcomes if o.mixed] == []
    answered = [o for o in outcomes if o.kind == "chat" and o.status == "answered"]
    # the stand-in echoes the redacted prompt, so the restored answer is the user's own
    assert answered and all(o.own_values_back for o in answered)


def test_memory_does_not_grow_over_repeated_rounds(bursts) -> None:
    measured = bursts[1:]  # round 0 pays for first use (thread pools, caches)
    growth = measured[-1].rss_after - measured[0].rss_after
    assert growth < GROWTH_BOUND_MB, [round(b.rss_after, 1) for b in measured]
