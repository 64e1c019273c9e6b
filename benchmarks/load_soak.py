"""Load and soak of a real server: every request answered or refused (429), none lost,
none mixed up between users, memory bounded.

Starts one `jupyter server` with the extension on loopback (random port and token,
temporary root, config and runtime directories) and fires, all at once, N chats to
`POST /safeai/chat` and M scans to `POST /safeai/scan`. Every request is one "user"
whose prompt carries a planted name and MRN of its own. The checks, per request:

- answered (200, a complete stream: `gate` first, `done` last) or refused with 429 and
  a `Retry-After` of at least 1 s; anything else (no answer, 5xx, a cut stream) is lost;
- chat: the gate redacted the name (the model saw `<PERSON_1>`); with `--fake-model`
  the model echoes its prompt, so the restored answer must hold this user's own name
  and MRN and no other user's; with the real model, no other user's;
- scan: the findings equal what the same text got when the server was idle (the
  scanner is deterministic, so any difference is a mix-up or a race).

The server's RSS is sampled all along: baseline after warm-up, peak, and the RSS after
each round (`--rounds`), so growth between rounds shows a leak. `--soak-seconds 300`
then keeps steady traffic going and prints RSS per minute and the growth per minute.

    .venv/bin/python benchmarks/load_soak.py --fake-model                 # ~30 s
    .venv/bin/python benchmarks/load_soak.py                              # real model
    .venv/bin/python benchmarks/load_soak.py --fake-model --soak-seconds 300

tests/reliability/test_load_short.py runs a short form in CI with this module's
functions. Exit status 1 if any request was lost or mixed. Loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from server_process import ServerProcess  # noqa: E402

SEED = 20240
FIRST_NAMES = ("John Mary James Patricia Robert Jennifer Michael Linda William Elizabeth "
               "David Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen "
               "Daniel Nancy Matthew Lisa Anthony Betty Mark Margaret Paul Sandra").split()
LAST_NAMES = ("Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez "
              "Hernandez Lopez Gonzalez Wilson Anderson Taylor Moore Jackson Martin Lee "
              "Thompson White Harris Clark Lewis Robinson Walker Young Allen King").split()
QUESTION = "Patient {name}, MRN: {mrn}, asks how to plot glucose by month."
#: Pause between the stand-in model's pieces: a fast model, but one that takes turns.
TOKEN_SECONDS = 0.004


# --------------------------------------------------------------------------- stand-in model


def install_echo_model(token_seconds: float = TOKEN_SECONDS) -> None:
    """Replace local generation with a stand-in that echoes the last user message (with
    its placeholders) in 4-character pieces, one answer at a time as llama.cpp does."""
    from jupyter_safeai.models import LocalModel

    async def echo_stream(self: Any, messages: list[dict[str, str]],
                          max_tokens: int) -> AsyncIterator[str]:
        turn = self.__dict__.setdefault("_echo_turn", asyncio.Lock())
        async with turn:
            text = "You asked: " + messages[-1]["content"]
            for i in range(0, len(text), 4):
                await asyncio.sleep(token_seconds)
                yield text[i:i + 4]

    LocalModel.stream_chat = echo_stream  # type: ignore[method-assign]


def serve(argv: Sequence[str]) -> None:
    """`load_soak.py serve [--token-seconds S] -- <jupyter server args>`: the server
    process of `--fake-model` runs, with the stand-in installed before it starts."""
    parser = argparse.ArgumentParser(prog="load_soak.py serve")
    parser.add_argument("--token-seconds", type=float, default=TOKEN_SECONDS)
    parser.add_argument("server_args", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    install_echo_model(args.token_seconds)
    from jupyter_server.serverapp import ServerApp

    ServerApp.launch_instance(argv=[a for a in args.server_args if a != "--"])


# --------------------------------------------------------------------------- server


class Server(ServerProcess):
    """The server under load: the real default model, or the stand-in (`fake_model`)."""

    def __init__(self, *, fake_model: bool, max_waiting: int = 4, max_new_tokens: int = 48,
                 token_seconds: float = TOKEN_SECONDS) -> None:
        self.fake_model = fake_model
        config = {"ServerApp": {"jpserver_extensions": {"jupyter_safeai": True}},
                  "SafeAI": {"max_waiting": max_waiting, "max_new_tokens": max_new_tokens,
                             "preload_default_model": not fake_model}}
        command = ([sys.executable, str(Path(__file__).resolve()), "serve",
                    "--token-seconds", str(token_seconds), "--"] if fake_model
                   else [str(Path(sys.executable).parent / "jupyter-server")])
        super().__init__("safeai-load-", config, command=command)

    def rss_mb(self) -> float:
        import psutil

        return psutil.Process(self.pid).memory_info().rss / 2**20

    async def wait_ready(self, timeout: float = 120) -> None:
        """Until the extension answers and, with the real model, the model is loaded."""
        from tornado.httpclient import AsyncHTTPClient

        client = AsyncHTTPClient(force_instance=True)
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    break
                try:
                    response = await client.fetch(self.url + "/safeai/models",
                                                  raise_error=False, headers=self.headers(),
                                                  request_timeout=5)
                except OSError:  # not listening yet
                    response = None
                if response is not None and response.code == 200:
                    listing = json.loads(response.body)
                    states = {m["state"] for m in listing["models"]}
                    if self.fake_model or states & {"loaded", "error"}:
                        return
                await asyncio.sleep(0.3)
        finally:
            client.close()
        raise RuntimeError("the server did not become ready:\n" + self.log_tail())


# --------------------------------------------------------------------------- users


@dataclass(frozen=True)
class User:
    """One simulated user: a planted name and MRN nobody else has."""

    index: int
    name: str
    mrn: str

    @property
    def text(self) -> str:
        return QUESTION.format(name=self.name, mrn=self.mrn)


def candidate_users(n: int, seed: int = SEED) -> list[User]:
    """`n` users with distinct names (first × last) and distinct 8-digit MRNs."""
    rng = random.Random(seed)
    pairs = [f"{f} {last}" for f in FIRST_NAMES for last in LAST_NAMES]
    if n > len(pairs):
        raise ValueError(f"at most {len(pairs)} users")
    names = rng.sample(pairs, n)
    mrns = rng.sample(range(10_000_000, 99_999_999), n)
    return [User(i, name, f"{mrn:08d}") for i, (name, mrn) in enumerate(zip(names, mrns,
                                                                            strict=True))]


# --------------------------------------------------------------------------- one request


@dataclass
class Outcome:
    """What one request got. `status` is "answered", "refused" (429) or "lost"."""

    kind: str
    user: int
    status: str
    code: int
    seconds: float
    problem: str = ""
    mixed: bool = False
    own_values_back: bool = False
    #: with `--retry`: 429s this request got, each waited out per Retry-After, before it ended
    refusals: int = 0
    retry_after: int = 0


def _scan_key(result: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(f["part"], f["entity"], f["start"], f["end"]) for f in result.get("findings", [])]


async def post(client: Any, server: Server, path: str, body: str) -> Any:
    """The response, whatever its status; None when no answer came (connection refused
    or reset, timeout): such a request is lost."""
    from tornado.httpclient import HTTPClientError

    try:
        response = await client.fetch(server.url + path, method="POST", body=body,
                                      headers=server.headers(), raise_error=False,
                                      request_timeout=600)
    except (OSError, HTTPClientError):
        return None
    return None if response.code == 599 else response


def _unanswered(kind: str, user: User, response: Any, seconds: float) -> Outcome | None:
    """The outcome of a request that got no 200: lost, or refused with a usable 429."""
    if response is None:
        return Outcome(kind, user.index, "lost", 599, seconds, "no answer")
    if response.code == 429:
        retry_after = response.headers.get("Retry-After", "")
        ok = retry_after.isdigit() and int(retry_after) >= 1
        return Outcome(kind, user.index, "refused" if ok else "lost", 429, seconds,
                       "" if ok else f"429 without a usable Retry-After ({retry_after!r})",
                       retry_after=int(retry_after) if ok else 0)
    if response.code != 200:
        return Outcome(kind, user.index, "lost", response.code, seconds,
                       f"HTTP {response.code}")
    return None


async def chat_once(client: Any, server: Server, user: User,
                    others: dict[str, int]) -> Outcome:
    """One chat; `others` maps every planted value of the run to its user."""
    started = time.perf_counter()
    body = json.dumps({"messages": [{"role": "user", "content": user.text}]})
    response = await post(client, server, "/safeai/chat", body)
    seconds = time.perf_counter() - started
    unanswered = _unanswered("chat", user, response, seconds)
    if unanswered is not None:
        return unanswered
    try:
        events = [json.loads(line) for line in response.body.decode().splitlines() if line]
    except ValueError:
        return Outcome("chat", user.index, "lost", 200, seconds, "malformed stream")
    if not events or events[0].get("type") != "gate" or events[-1].get("type") != "done":
        last = events[-1].get("type") if events else None
        return Outcome("chat", user.index, "lost", 200, seconds, f"stream ended with {last}")
    answer = "".join(e["content"] for e in events if e["type"] == "token")
    foreign = [value for value, owner in others.items()
               if owner != user.index and value in answer]
    redacted = events[0].get("redacted", {})
    problem = "" if redacted.get("PERSON") else "the planted name was not redacted"
    return Outcome("chat", user.index, "answered", 200, seconds,
                   problem or (f"{len(foreign)} other users' values" if foreign else ""),
                   mixed=bool(foreign) or bool(problem),
                   own_values_back=user.name in answer and user.mrn in answer)


async def chat_until_answered(client: Any, server: Server, user: User,
                              others: dict[str, int], attempts: int = 30) -> Outcome:
    """`chat_once`, waiting out each 429's Retry-After and asking again."""
    refusals = 0
    while True:
        outcome = await chat_once(client, server, user, others)
        if outcome.status != "refused" or refusals + 1 >= attempts:
            outcome.refusals = refusals
            return outcome
        refusals += 1
        await asyncio.sleep(outcome.retry_after)


async def scan_once(client: Any, server: Server, user: User,
                    expected: dict[int, list[tuple[Any, ...]]]) -> Outcome:
    """One scan; the findings must equal those the idle server gave for this text."""
    started = time.perf_counter()
    response = await post(client, server, "/safeai/scan", json.dumps({"text": user.text}))
    seconds = time.perf_counter() - started
    unanswered = _unanswered("scan", user, response, seconds)
    if unanswered is not None:
        return unanswered
    got = _scan_key(json.loads(response.body))
    mixed = got != expected[user.index]
    return Outcome("scan", user.index, "answered", 200, seconds,
                   "findings differ from the idle scan" if mixed else "", mixed=mixed)


def http_client(max_clients: int) -> Any:
    from tornado.httpclient import AsyncHTTPClient

    return AsyncHTTPClient(force_instance=True, max_clients=max_clients)


async def calm_scans(server: Server, users: Sequence[User]) -> dict[int, list[tuple[Any, ...]]]:
    """Each user's findings from the idle server, one request at a time; users whose
    name or MRN the scanner does not find whole are a setup error, not a result."""
    client = http_client(1)
    expected: dict[int, list[tuple[Any, ...]]] = {}
    try:
        for user in users:
            response = await client.fetch(server.url + "/safeai/scan", method="POST",
                                          body=json.dumps({"text": user.text}),
                                          headers=server.headers())
            key = _scan_key(json.loads(response.body))
            spans = {(entity, user.text[start:end]) for _, entity, start, end in key}
            if not {("PERSON", user.name), ("MEDICAL_RECORD_NUMBER", user.mrn)} <= spans:
                raise RuntimeError(f"user {user.index}: planted values not found whole")
            expected[user.index] = key
    finally:
        client.close()
    return expected


# --------------------------------------------------------------------------- load


@dataclass
class RssSampler:
    """The server's RSS every `interval` seconds while a `with` block runs (async)."""

    server: Server
    interval: float = 0.1
    samples: list[tuple[float, float]] = field(default_factory=list)

    async def _run(self) -> None:
        started = time.monotonic()
        while True:
            self.samples.append((time.monotonic() - started, self.server.rss_mb()))
            await asyncio.sleep(self.interval)

    async def __aenter__(self) -> RssSampler:
        self._task = asyncio.ensure_future(self._run())
        await asyncio.sleep(0)
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)
        self.samples.append((self.samples[-1][0] if self.samples else 0.0,
                             self.server.rss_mb()))

    @property
    def peak(self) -> float:
        return max(mb for _, mb in self.samples)


@dataclass
class Burst:
    outcomes: list[Outcome]
    seconds: float
    rss_peak: float
    rss_after: float

    def count(self, kind: str | None = None) -> Counter[str]:
        return Counter(o.status for o in self.outcomes if kind in (None, o.kind))

    @property
    def lost(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "lost"]

    @property
    def mixed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.mixed]


class Load:
    """A server plus its users: chat users first, then scan users, all distinct."""

    def __init__(self, server: Server, chats: int, scans: int, seed: int = SEED,
                 retry: bool = False) -> None:
        self.server, self.retry = server, retry
        users = candidate_users(chats + scans, seed)
        self.chat_users, self.scan_users = users[:chats], users[chats:]
        self.values = {v: u.index for u in users for v in (u.name, u.mrn)}
        self.expected: dict[int, list[tuple[Any, ...]]] = {}

    async def prepare(self) -> None:
        await self.server.wait_ready()
        self.expected = await calm_scans(self.server, self.chat_users + self.scan_users)

    async def burst(self) -> Burst:
        """Every chat and scan at once; wait for all of them."""
        client = http_client(len(self.chat_users) + len(self.scan_users) + 1)
        started = time.perf_counter()
        try:
            async with RssSampler(self.server) as rss:
                ask = chat_until_answered if self.retry else chat_once
                requests = [ask(client, self.server, u, self.values) for u in self.chat_users]
                requests += [scan_once(client, self.server, u, self.expected)
                             for u in self.scan_users]
                outcomes = await asyncio.gather(*requests)
        finally:
            client.close()
        return Burst(list(outcomes), time.perf_counter() - started, rss.peak,
                     rss.samples[-1][1])

    async def soak(self, seconds: float, chats_per_second: float = 1.0,
                   scans_per_second: float = 10.0, sample_every: float = 5.0
                   ) -> tuple[list[Outcome], list[tuple[float, float]]]:
        """Steady traffic for `seconds`: each second starts its share of chats and
        scans (users taken round-robin); RSS every `sample_every` seconds."""
        client = http_client(64)
        outcomes: list[Outcome] = []
        pending: set[asyncio.Future[Outcome]] = set()
        samples: list[tuple[float, float]] = []
        started = time.monotonic()
        tick = 0
        try:
            while (now := time.monotonic() - started) < seconds:
                if not samples or now - samples[-1][0] >= sample_every:
                    samples.append((now, self.server.rss_mb()))
                for k in range(round(chats_per_second * (tick + 1)) -
                               round(chats_per_second * tick)):
                    user = self.chat_users[(tick + k) % len(self.chat_users)]
                    pending.add(asyncio.ensure_future(
                        chat_once(client, self.server, user, self.values)))
                for k in range(round(scans_per_second * (tick + 1)) -
                               round(scans_per_second * tick)):
                    user = self.scan_users[(tick * 7 + k) % len(self.scan_users)]
                    pending.add(asyncio.ensure_future(
                        scan_once(client, self.server, user, self.expected)))
                tick += 1
                await asyncio.sleep(max(0.0, tick - (time.monotonic() - started)))
                done = {f for f in pending if f.done()}
                outcomes += [f.result() for f in done]
                pending -= done
            outcomes += await asyncio.gather(*pending)
            samples.append((time.monotonic() - started, self.server.rss_mb()))
        finally:
            client.close()
        return outcomes, samples


def growth_per_minute(samples: Sequence[tuple[float, float]], skip: float = 60.0) -> float:
    """Least-squares slope of RSS (MB per minute), after the first `skip` seconds."""
    points = [(t, mb) for t, mb in samples if t >= skip] or list(samples)
    if len(points) < 2:
        return 0.0
    slope = statistics.linear_regression([t for t, _ in points],
                                         [mb for _, mb in points]).slope
    return slope * 60


# --------------------------------------------------------------------------- report


def outcome_table(bursts: Sequence[Burst], labels: Sequence[str]) -> str:
    rows = ["| round | kind | sent | answered | of which after 429 | 429 | lost | mixed "
            "| own values back | p50 s | max s |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for i, burst in zip(labels, bursts, strict=True):
        for kind in ("chat", "scan"):
            mine = [o for o in burst.outcomes if o.kind == kind]
            count = Counter(o.status for o in mine)
            times = [o.seconds for o in mine] or [0.0]
            back = sum(o.own_values_back for o in mine) if kind == "chat" else "–"
            retried = sum(o.status == "answered" and o.refusals > 0 for o in mine)
            rows.append(f"| {i} | {kind} | {len(mine)} | {count['answered']} | {retried} | "
                        f"{count['refused']} | {count['lost']} | "
                        f"{sum(o.mixed for o in mine)} | {back} | "
                        f"{statistics.median(times):.2f} | {max(times):.2f} |")
    return "\n".join(rows)


def memory_table(baseline: float, bursts: Sequence[Burst]) -> str:
    rows = ["| round | peak RSS MB | RSS after MB | peak / baseline |",
            "|---|---|---|---|"]
    rows += [f"| {i} | {b.rss_peak:.1f} | {b.rss_after:.1f} | {b.rss_peak / baseline:.2f} |"
             for i, b in enumerate(bursts, 1)]
    return "\n".join(rows)


async def run(args: argparse.Namespace) -> int:
    server = Server(fake_model=args.fake_model, max_waiting=args.max_waiting,
                    max_new_tokens=args.max_new_tokens)
    try:
        load = Load(server, args.chats, args.scans, args.seed, args.retry)
        started = time.perf_counter()
        await load.prepare()
        print(f"server ready and {len(load.expected)} users' idle scans taken in "
              f"{time.perf_counter() - started:.1f} s "
              f"({'stand-in echo model' if args.fake_model else 'real default model'}, "
              f"max_waiting={args.max_waiting}, {os.cpu_count()} cores"
              f"{', 429s retried after Retry-After' if args.retry else ''})")
        warm = await load.burst()  # first-use costs (thread pools, model load) are not growth
        baseline = server.rss_mb()
        bursts = [await load.burst() for _ in range(args.rounds)]
        print(f"\n{args.chats} concurrent chats + {args.scans} concurrent scans, "
              f"{args.rounds} rounds after one warm-up round\n")
        labels = ["warm-up", *map(str, range(1, args.rounds + 1))]
        print(outcome_table([warm, *bursts], labels))
        print(f"\nRSS baseline (after warm-up round) {baseline:.1f} MB\n")
        print(memory_table(baseline, bursts))
        everything = [o for b in [warm, *bursts] for o in b.outcomes]
        total = Counter(o.status for o in everything)
        mixed = sum(o.mixed for o in everything)
        growth = bursts[-1].rss_after - bursts[0].rss_after
        print(f"\nall rounds incl. warm-up: {len(everything)} requests, "
              f"{total['answered']} answered ({total['answered'] / len(everything):.2f}), "
              f"{total['refused']} refused 429 ({total['refused'] / len(everything):.2f}), "
              f"{total['lost']} lost, {mixed} mixed")
        print(f"peak RSS {max(b.rss_peak for b in bursts):.1f} MB "
              f"({max(b.rss_peak for b in bursts) / baseline:.2f}× baseline); "
              f"growth round 1 → {args.rounds}: {growth:+.1f} MB")
        for o in [o for o in everything if o.problem][:10]:
            print(f"  ! {o.kind} user {o.user}: {o.status} {o.problem}")
        failed = bool(total["lost"] or mixed)
        if args.soak_seconds > 0:
            outcomes, samples = await load.soak(args.soak_seconds)
            count = Counter(o.status for o in outcomes)
            print(f"\nsoak {args.soak_seconds:.0f} s: {len(outcomes)} requests, "
                  f"{count['answered']} answered, {count['refused']} refused 429, "
                  f"{count['lost']} lost, {sum(o.mixed for o in outcomes)} mixed")
            print("| minute | RSS MB (mean of samples) |\n|---|---|")
            for minute in range(int(samples[-1][0] // 60) + 1):
                mbs = [mb for t, mb in samples if minute * 60 <= t < (minute + 1) * 60]
                if mbs:
                    print(f"| {minute + 1} | {statistics.mean(mbs):.1f} |")
            print(f"RSS growth after the first minute: {growth_per_minute(samples):+.2f} MB/min;"
                  f" start {samples[0][1]:.1f} MB, end {samples[-1][1]:.1f} MB "
                  f"({samples[-1][1] / samples[0][1]:.3f}×)")
            failed |= bool(count["lost"] or any(o.mixed for o in outcomes))
        print("\nFAIL: lost or mixed requests" if failed else "\nPASS: none lost, none mixed")
        return int(failed)
    finally:
        server.stop()


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["serve"]:
        serve(argv[1:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fake-model", action="store_true",
                        help="a stand-in model that echoes the prompt (fast, checks mix-ups)")
    parser.add_argument("--chats", type=int, default=50)
    parser.add_argument("--scans", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--max-waiting", type=int, default=4)
    parser.add_argument("--max-new-tokens", type=int, default=48)
    parser.add_argument("--retry", action="store_true",
                        help="chats refused with 429 wait out Retry-After and ask again")
    parser.add_argument("--soak-seconds", type=float, default=0.0)
    parser.add_argument("--seed", type=int, default=SEED)
    return asyncio.run(run(parser.parse_args(argv)))


if __name__ == "__main__":
    raise SystemExit(main())
