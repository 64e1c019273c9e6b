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
  directly in this process with the same conversation, interleaved, in the same run
  (target: at most 50 ms more); also through the same server without the Hub (what the
  server itself adds) and through a user's own server (the sidebar's path).

    .venv/bin/python benchmarks/hub_load.py            # ~2-4 minutes on 2 cores

Exit status 1 if a request was lost or mixed.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "hub"))
from demo_hub import DemoHub  # noqa: E402


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


async def first_token_seconds(client: Any, url: str, token: str, content: str) -> float:
    """Seconds from sending a chat to its first token event arriving here."""
    started = time.perf_counter()
    seen: list[float] = []

    def on_chunk(chunk: bytes) -> None:
        if not seen and b'"type": "token"' in chunk:
            seen.append(time.perf_counter())

    response = await client.fetch(url, method="POST", raise_error=False, request_timeout=300,
                                  headers=Endpoint(url, token).headers(),
                                  body=json.dumps({"messages": [{"role": "user",
                                                                 "content": content}]}),
                                  streaming_callback=on_chunk)
    if response.code != 200 or not seen:
        raise RuntimeError(f"no token came back (HTTP {response.code})")
    return seen[0] - started


def direct_first_token(llama: Any, system: str, content: str, max_tokens: int) -> float:
    started = time.perf_counter()
    stream = llama.create_chat_completion(
        messages=[{"role": "system", "content": system}, {"role": "user", "content": content}],
        stream=True, max_tokens=max_tokens, temperature=0.2)
    try:
        for chunk in stream:
            if chunk["choices"][0]["delta"].get("content"):
                return time.perf_counter() - started
    finally:
        stream.close()
    raise RuntimeError("llama.cpp gave no token")


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


async def compare_first_tokens(args: argparse.Namespace, client: Any, hub: DemoHub,
                               plain: Any, gateway_token: str, server_token: str
                               ) -> tuple[list[float], ...]:
    """Time to first token four ways, interleaved so the machine's load hits all alike."""
    from llama_cpp import Llama

    from jupyter_safeai.models import EMBEDDED_DEFAULT_MODEL, ApprovedModel
    from jupyter_safeai.server.settings import SafeAI

    weights = ApprovedModel.from_config(EMBEDDED_DEFAULT_MODEL).weights_path()
    llama = Llama(model_path=str(weights), n_ctx=2048, verbose=False)
    system = SafeAI().system_prompt
    content = "Write one line of Python that prints hello."
    direct_first_token(llama, system, content, args.max_new_tokens)  # llama.cpp's first
    times: tuple[list[float], ...] = ([], [], [], [])
    for _ in range(args.ttft_runs):
        times[0].append(direct_first_token(llama, system, content, args.max_new_tokens))
        times[1].append(await first_token_seconds(
            client, plain.url + "/safeai/chat", plain.token, content))
        times[2].append(await first_token_seconds(
            client, f"{hub.url}/services/safeai/safeai/chat", gateway_token, content))
        times[3].append(await first_token_seconds(
            client, f"{hub.url}/user/alice/safeai/chat", server_token, content))
    llama.close()
    return times


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
                  f"{args.ttft_runs} runs each, interleaved", flush=True)
            direct, via_plain, via_gateway, via_server = await compare_first_tokens(
                args, client, hub, plain, tokens[0], server_tokens["alice"])
        finally:
            plain.stop()
        client.close()
    finally:
        hub.stop()

    def count(kind: str, status: str) -> int:
        return sum(o.kind == kind and o.status == status for o in outcomes)

    lost = [o for o in outcomes if o.status == "lost"]
    mixed = [o for o in outcomes if o.mixed]
    median = {k: statistics.median(v) * 1000 for k, v in
              (("direct", direct), ("plain", via_plain), ("gateway", via_gateway),
               ("server", via_server))}
    print(f"\n{'':34}{'chat':>8}{'scan':>8}")
    for status in ("answered", "refused", "lost"):
        print(f"{status:34}{count('chat', status):>8}{count('scan', status):>8}")
    print(f"{'mixed between users':34}{sum(o.kind == 'chat' for o in mixed):>8}"
          f"{sum(o.kind == 'scan' for o in mixed):>8}")
    print(f"audit records per user = answers     {audit_mixed or 'yes'}")
    print(f"audit users                          {len(audited)} Hub users named")
    print(f"wall time                            {wall:.1f} s")
    print(f"processes mapping the model          {len(mapping)} (pids {mapping})")
    print("\ntime to first token, median (ms)")
    print(f"  llama-cpp-python direct            {median['direct']:8.1f}")
    print(f"  plain jupyter server, no Hub       {median['plain']:8.1f}  "
          f"(+{median['plain'] - median['direct']:.1f} ms)")
    print(f"  proxy + gateway                    {median['gateway']:8.1f}  "
          f"(+{median['gateway'] - median['direct']:.1f} ms; target <= 50)")
    print(f"  proxy + user's server + gateway    {median['server']:8.1f}  "
          f"(+{median['server'] - median['direct']:.1f} ms)")
    for problem in Counter(o.problem for o in lost + mixed if o.problem).most_common(5):
        print("  problem:", *problem)
    return 1 if lost or mixed or audit_mixed or len(mapping) != 1 else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--chats", type=int, default=2, help="chats per user")
    parser.add_argument("--scans", type=int, default=20, help="scans per user")
    parser.add_argument("--max-new-tokens", type=int, default=24)
    parser.add_argument("--max-waiting", type=int, default=8)
    parser.add_argument("--ttft-runs", type=int, default=9)
    sys.exit(asyncio.run(run(parser.parse_args())))


if __name__ == "__main__":
    main()
