"""Many Hub users, one gateway, one model: load through the JupyterHub proxy.

Starts the demo hub (`hub/demo_hub.py`: JupyterHub, configurable-http-proxy and the
SafeAI gateway as its managed service, loopback only) with the embedded model, makes
`--users` Hub users with a token each, and fires, all at once, 2 chats and 20 scans per
user at `/services/safeai/safeai/{chat,scan}` through the proxy. Checks, as in
`load_soak.py`:

- every request answered (a complete stream) or refused with 429 and a Retry-After;
- none mixed between users: each chat's answer holds no other user's planted name or
  MRN, each scan's findings equal the idle scan of the same text, and the gateway's
  audit log has, per Hub user, exactly as many records as that user got answers;
- one copy of the model: among the hub's processes (Hub, proxy, gateway and two users'
  servers that chatted through it) exactly one maps the GGUF file;
- time to first token through the proxy and the gateway against llama-cpp-python called
  directly in this process (`DirectLlama`: the servers' system prompt, sampling and
  threads), in the same run
  (target: at most 50 ms more); also through the same server without the Hub (what the
  server itself adds) and through a user's own server (the sidebar's path). Every
  request asks a question no model has seen, all of one length in tokens, so each
  llama.cpp reuses the same shared prefix and evaluates the same new tokens (asking the
  same question again would time llama.cpp's prefix cache, not a call); the order of
  the four paths rotates each repetition. Reported: p50 and p95 of each path and of its
  difference with the direct call of the same repetition, the ratio of medians, and
  where the gateway's time goes (the model's own time to first token as the gateway
  measured it; a GET through the Hub proxy and straight to the gateway's port; a scan).

    .venv/bin/python benchmarks/hub_load.py            # ~2-4 minutes on 2 cores

Exit status 1 if a request was lost or mixed.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from hub.demo_hub import DemoHub  # noqa: E402


def _load_soak() -> Any:
    spec = importlib.util.spec_from_file_location("safeai_bench_load_soak",
                                                  Path(__file__).with_name("load_soak.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


soak = _load_soak()


@dataclass(frozen=True)
class Endpoint:
    """What load_soak's request functions need: a base URL and one user's headers."""

    url: str
    token: str

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"token {self.token}", "Content-Type": "application/json"}


@dataclass
class FirstToken:
    """One chat's time to first token as seen here, and as its server measured it
    (from handing the prompt to the model to its first token; None for llama direct)."""

    seconds: float
    server_seconds: float | None = None


async def first_token_seconds(client: Any, url: str, token: str, content: str) -> FirstToken:
    """Seconds from sending a chat to its first token event arriving here."""
    started = time.perf_counter()
    seen: list[float] = []
    body: list[bytes] = []

    def on_chunk(chunk: bytes) -> None:
        if not seen and b'"type": "token"' in chunk:
            seen.append(time.perf_counter())
        body.append(chunk)

    response = await client.fetch(url, method="POST", raise_error=False, request_timeout=300,
                                  headers=Endpoint(url, token).headers(),
                                  body=json.dumps({"messages": [{"role": "user",
                                                                 "content": content}]}),
                                  streaming_callback=on_chunk)
    if response.code != 200 or not seen:
        raise RuntimeError(f"no token came back (HTTP {response.code})")
    done = [json.loads(line) for line in b"".join(body).splitlines()
            if b'"type": "done"' in line]
    return FirstToken(seen[0] - started, done[0].get("time_to_first_token") if done else None)


def direct_first_token(llama: Any, system: str, content: str, max_tokens: int) -> FirstToken:
    started = time.perf_counter()
    stream = llama.create_chat_completion(
        messages=[{"role": "system", "content": system}, {"role": "user", "content": content}],
        stream=True, max_tokens=max_tokens, temperature=0.2)
    try:
        for chunk in stream:
            if chunk["choices"][0]["delta"].get("content"):
                return FirstToken(time.perf_counter() - started)
    finally:
        stream.close()
    raise RuntimeError("llama.cpp gave no token")


def fresh_prompts(count_tokens: Callable[[str], int], count: int, seed: int) -> list[str]:
    """`count` questions none of the models has seen, all of one length in tokens: each
    path's llama.cpp then reuses the same shared prefix (system prompt and the question's
    first words) and evaluates the same number of new tokens — like for like, never a
    prompt cached whole by an earlier run."""
    rng = random.Random(seed)
    by_length: dict[int, list[str]] = {}
    for number in rng.sample(range(10_000_000, 100_000_000), count * 8):
        text = f"Write one line of Python that prints the number {number}."
        by_length.setdefault(count_tokens(text), []).append(text)
    prompts = max(by_length.values(), key=len)
    if len(prompts) < count:
        raise RuntimeError("not enough questions of one length")
    return prompts[:count]


class DirectLlama:
    """llama-cpp-python called directly in this process, with the servers' settings (the
    embedded model, its context length, `n_threads`, the system prompt, temperature 0.2),
    created in the main thread and asked from the event loop's executor threads.

    This llama.cpp is built with OpenMP, and on this loaded machine which thread asks
    matters more than any HTTP hop: interleaved in one process, a thread that asked again
    and again took 0.9-13 s where a new thread took 111-405 ms (8 questions each; with
    OMP_WAIT_POLICY=passive both ~335 ms), and a context created in a worker thread was
    slow from every thread (p50 3.3 s). The servers' own time to first token (their
    `done` event) is therefore also reported: the same llama.cpp call inside the server,
    on the same question, is the baseline that pairs exactly."""

    def __init__(self, max_tokens: int) -> None:
        from llama_cpp import Llama

        from jupyter_safeai.models import EMBEDDED_DEFAULT_MODEL, ApprovedModel
        from jupyter_safeai.server.settings import SafeAI

        settings = SafeAI()
        weights = ApprovedModel.from_config(EMBEDDED_DEFAULT_MODEL).weights_path()
        self.llama = Llama(model_path=str(weights),
                           n_ctx=EMBEDDED_DEFAULT_MODEL["context_length"],
                           n_threads=settings.n_threads or None, verbose=False)
        self.system, self.max_tokens = settings.system_prompt, max_tokens
        self.first_token("Hello.")  # llama.cpp's first answer after a load

    def count_tokens(self, text: str) -> int:
        return len(self.llama.tokenize(text.encode(), add_bos=False))

    def first_token(self, text: str) -> FirstToken:
        return direct_first_token(self.llama, self.system, text, self.max_tokens)

    def close(self) -> None:
        self.llama.close()


def processes_mapping(root_pid: int, path: Path) -> list[int]:
    """Pids in `root_pid`'s tree that have `path` mapped into memory."""
    import psutil

    root = psutil.Process(root_pid)
    found = []
    for process in [root, *root.children(recursive=True)]:
        try:
            if any(m.path == str(path) for m in process.memory_maps(grouped=True)):
                found.append(process.pid)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return found


PATHS = ("direct", "plain", "gateway", "server")


async def compare_first_tokens(args: argparse.Namespace, client: Any, hub: DemoHub,
                               plain: Any, gateway_token: str, server_token: str
                               ) -> dict[str, list[FirstToken]]:
    """Time to first token four ways, each request with a question no model has seen,
    in an order that rotates every repetition so the machine's load hits all alike."""
    direct = DirectLlama(args.max_new_tokens)
    prompts = iter(fresh_prompts(direct.count_tokens, len(PATHS) * args.ttft_runs, args.seed))
    calls = {
        "direct": lambda text: asyncio.to_thread(direct.first_token, text),
        "plain": lambda text: first_token_seconds(client, plain.url + "/safeai/chat",
                                                  plain.token, text),
        "gateway": lambda text: first_token_seconds(
            client, f"{hub.url}/services/safeai/safeai/chat", gateway_token, text),
        "server": lambda text: first_token_seconds(
            client, f"{hub.url}/user/alice/safeai/chat", server_token, text),
    }
    times: dict[str, list[FirstToken]] = {path: [] for path in PATHS}
    for run in range(args.ttft_runs):
        order = PATHS[run % len(PATHS):] + PATHS[:run % len(PATHS)]
        for path in order:
            times[path].append(await calls[path](next(prompts)))
    direct.close()
    return times


async def request_seconds(client: Any, url: str, token: str, runs: int,
                          body: str | None = None) -> list[float]:
    """Round trips of a small request (no model): what the path itself costs."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = await client.fetch(url, method="POST" if body else "GET", body=body,
                                      headers=Endpoint(url, token).headers(),
                                      raise_error=False, request_timeout=60)
        if response.code != 200:
            raise RuntimeError(f"HTTP {response.code} from {url}")
        times.append(time.perf_counter() - started)
    return times


async def path_costs(args: argparse.Namespace, client: Any, hub: DemoHub, token: str
                     ) -> dict[str, list[float]]:
    """Where the gateway's time goes without a model: the Hub proxy (the same GET
    through it and straight to the gateway's port; the Hub's answer about the token is
    cached by HubAuth), and the gate (a scan of a question like the benchmark's)."""
    through = f"{hub.url}/services/safeai/safeai/"
    straight = f"http://127.0.0.1:{hub.gateway_port}/services/safeai/safeai/"
    scan = json.dumps({"text": "Write one line of Python that prints the number 12345678.",
                       "purpose": "prompt"})
    costs: dict[str, list[float]] = {"proxy": [], "straight": [], "scan": []}
    for _ in range(args.ttft_runs * 2):
        costs["proxy"] += await request_seconds(client, through + "policy", token, 1)
        costs["straight"] += await request_seconds(client, straight + "policy", token, 1)
        costs["scan"] += await request_seconds(client, straight + "scan", token, 1, scan)
    return costs


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def run(args: argparse.Namespace) -> int:
    from jupyter_safeai.models import EMBEDDED_DEFAULT_MODEL, ApprovedModel

    people = soak.candidate_users(args.users)
    hub_names = [f"user{u.index:02d}" for u in people]
    hub = DemoHub(extra_env={"SAFEAI_HUB_MAX_NEW_TOKENS": str(args.max_new_tokens),
                             "SAFEAI_HUB_MAX_WAITING": str(args.max_waiting),
                             "SAFEAI_HUB_USERS": " ".join(hub_names)})
    try:
        print(f"demo hub at {hub.url} (state {hub.state}); waiting for the gateway's model",
              flush=True)
        hub.wait_ready()
        gateway = f"{hub.url}/services/safeai"
        tokens = [hub.user_token(name) for name in hub_names]
        endpoints = [Endpoint(gateway, token) for token in tokens]
        owners = {value: u.index for u in people for value in (u.name, u.mrn)}
        client = soak.http_client(max_clients=args.users * 22 + 8)

        # two users' own servers chat through the gateway: they must load no model
        server_tokens = {name: hub.user_token(name) for name in ("alice", "bob")}
        for name, token in server_tokens.items():
            url = hub.start_server(name) + "safeai/chat"
            await first_token_seconds(client, url, token, "Say hello.")

        expected = {}
        for user, endpoint in zip(people, endpoints, strict=True):
            response = await soak.post(client, endpoint, "/safeai/scan",
                                       json.dumps({"text": user.text}))
            expected[user.index] = soak._scan_key(json.loads(response.body))
        before = len(hub.audit_path.read_text().splitlines())

        print(f"{args.users} users × ({args.chats} chats + {args.scans} scans), all at once",
              flush=True)
        started = time.perf_counter()
        jobs = []
        for user, endpoint in zip(people, endpoints, strict=True):
            jobs += [soak.chat_once(client, endpoint, user, owners) for _ in range(args.chats)]
            jobs += [soak.scan_once(client, endpoint, user, expected)
                     for _ in range(args.scans)]
        outcomes = await asyncio.gather(*jobs)
        wall = time.perf_counter() - started

        records = [json.loads(line) for line in
                   hub.audit_path.read_text().splitlines()[before:]]
        audited = Counter(r["user"] for r in records)
        answered = Counter(hub_names[o.user] for o in outcomes
                           if o.kind == "chat" and o.status == "answered")
        audit_mixed = {n for n in hub_names if audited[n] != answered[n]}

        weights = ApprovedModel.from_config(EMBEDDED_DEFAULT_MODEL).weights_path()
        mapping = processes_mapping(hub.process.pid, weights)

        # the same server code without the Hub (token auth, no proxy): what the Hub adds
        plain = soak.Server(fake_model=False, max_new_tokens=args.max_new_tokens)
        try:
            await plain.wait_ready()
            await first_token_seconds(client, plain.url + "/safeai/chat", plain.token, "Hi.")
            print(f"time to first token: direct, plain server, gateway, user's server; "
                  f"{args.ttft_runs} runs each, fresh questions, rotating order", flush=True)
            first = await compare_first_tokens(args, client, hub, plain, tokens[0],
                                               server_tokens["alice"])
            costs = await path_costs(args, client, hub, tokens[0])
        finally:
            plain.stop()
        client.close()
    finally:
        hub.stop()

    def count(kind: str, status: str) -> int:
        return sum(o.kind == kind and o.status == status for o in outcomes)

    lost = [o for o in outcomes if o.status == "lost"]
    mixed = [o for o in outcomes if o.mixed]
    print(f"\n{'':34}{'chat':>8}{'scan':>8}")
    for status in ("answered", "refused", "lost"):
        print(f"{status:34}{count('chat', status):>8}{count('scan', status):>8}")
    print(f"{'mixed between users':34}{sum(o.kind == 'chat' for o in mixed):>8}"
          f"{sum(o.kind == 'scan' for o in mixed):>8}")
    print(f"audit records per user = answers     {audit_mixed or 'yes'}")
    print(f"audit users                          {len(audited)} Hub users named")
    print(f"wall time                            {wall:.1f} s")
    print(f"processes mapping the model          {len(mapping)} (pids {mapping})")
    report_first_tokens(first, costs)
    for problem in Counter(o.problem for o in lost + mixed if o.problem).most_common(5):
        print("  problem:", *problem)
    return 1 if lost or mixed or audit_mixed or len(mapping) != 1 else 0


def report_first_tokens(first: dict[str, list[FirstToken]],
                        costs: dict[str, list[float]]) -> None:
    """Medians per path; for each path, the paired differences with the direct call of
    the same repetition (p50, p95) and the ratio of medians."""
    direct = [t.seconds for t in first["direct"]]
    labels = {"direct": "llama-cpp-python direct", "plain": "plain jupyter server, no Hub",
              "gateway": "proxy + gateway", "server": "proxy + user's server + gateway"}
    print(f"\ntime to first token (ms; {len(direct)} fresh questions per path, the machine "
          "shared with other work)")
    print(f"  {'':34}{'p50':>8}{'p95':>8}{'diff p50':>10}{'diff p95':>10}{'ratio':>7}")
    for path, label in labels.items():
        seconds = [t.seconds for t in first[path]]
        diffs = [(a - b) * 1000 for a, b in zip(seconds, direct, strict=True)]
        line = (f"  {label:34}{quantile(seconds, .5) * 1000:8.1f}"
                f"{quantile(seconds, .95) * 1000:8.1f}")
        if path != "direct":
            line += (f"{quantile(diffs, .5):+10.1f}{quantile(diffs, .95):+10.1f}"
                     f"{statistics.median(seconds) / statistics.median(direct):7.2f}")
        print(line + ("   target: diff p50 <= 50" if path == "gateway" else ""))
    print("\nwhere the gateway's time goes (ms, p50 / p95)")

    def inside(path: str) -> list[float]:
        return [t.server_seconds * 1000 for t in first[path] if t.server_seconds is not None]

    def outside(path: str) -> list[float]:
        return [(t.seconds - t.server_seconds) * 1000 for t in first[path]
                if t.server_seconds is not None]

    paired = [(g.seconds - p.seconds) * 1000
              for g, p in zip(first["gateway"], first["plain"], strict=True)]
    rows = [("gateway minus plain server, same repetition", paired),
            ("plain server: model to first token", inside("plain")),
            ("plain server: everything else", outside("plain")),
            ("gateway: model to first token", inside("gateway")),
            ("gateway: everything else (HTTP, auth, gate)", outside("gateway")),
            ("GET policy through the Hub proxy", [c * 1000 for c in costs["proxy"]]),
            ("GET policy straight to the gateway", [c * 1000 for c in costs["straight"]]),
            ("scan of the question at the gateway", [c * 1000 for c in costs["scan"]])]
    for label, values in rows:
        if values:
            print(f"  {label:44}{quantile(values, .5):8.1f}{quantile(values, .95):8.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--chats", type=int, default=2, help="chats per user")
    parser.add_argument("--scans", type=int, default=20, help="scans per user")
    parser.add_argument("--max-new-tokens", type=int, default=24)
    parser.add_argument("--max-waiting", type=int, default=8)
    parser.add_argument("--ttft-runs", type=int, default=15)
    parser.add_argument("--seed", type=int, default=16, help="for the fresh questions")
    sys.exit(asyncio.run(run(parser.parse_args())))


if __name__ == "__main__":
    main()
