"""Chat speed with OMP_WAIT_POLICY=PASSIVE against OpenMP's default, side by side.

llama.cpp's CPU backend runs on OpenMP threads. models/runtime.py sets
OMP_WAIT_POLICY=PASSIVE before llama.cpp loads (a waiting thread sleeps instead of
spinning). This measures what that costs or saves a chat alone: time to first token and
tokens/s of `LocalModel.stream_chat` (the server's path without HTTP) on the embedded
model, in child processes that alternate between the two policies, round after round,
so both see the same load. OpenMP reads the variable once, when it loads: the child
with the default imports llama_cpp before the runtime could set it.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/omp_wait_policy.py [--rounds 4]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys

CHILD = """
import asyncio, json, os, sys, time
if sys.argv[1] == "PASSIVE":
    os.environ["OMP_WAIT_POLICY"] = "PASSIVE"
else:  # OpenMP's default, or a bounded spin (GOMP_SPINCOUNT=N)
    os.environ.pop("OMP_WAIT_POLICY", None)
    if sys.argv[1] != "default":
        os.environ["GOMP_SPINCOUNT"] = sys.argv[1].split("=")[1]
    import llama_cpp  # noqa: F401 - OpenMP reads its environment now, before the runtime
from jupyter_safeai.models import EMBEDDED_DEFAULT_MODEL, ApprovedModel, LocalModel

QUESTIONS = [f"Write a Python function that returns the {s} of a list of {k}."
             for s in ("mean", "median", "range", "mode") for k in ("ages", "scores")]

async def main(threads, questions, max_tokens):
    model = LocalModel(ApprovedModel.from_config(EMBEDDED_DEFAULT_MODEL), n_threads=threads)
    model.load()
    results = []
    for i in range(questions + 1):
        started, first, tokens = time.perf_counter(), None, 0
        messages = [{"role": "user", "content": QUESTIONS[i % len(QUESTIONS)]}]
        async for _ in model.stream_chat(messages, max_tokens):
            first = first or time.perf_counter()
            tokens += 1
        ended = time.perf_counter()
        if i:  # the first warms up
            results.append({"ttft_ms": (first - started) * 1000,
                            "tps": (tokens - 1) / (ended - first) if tokens > 1 else None})
    print(json.dumps(results))

asyncio.run(main(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])))
"""

POLICIES = ("PASSIVE", "default")  # compared; --also adds GOMP_SPINCOUNT=N variants


def run_child(policy: str, threads: int, questions: int, max_tokens: int) -> list[dict]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT")}
    done = subprocess.run([sys.executable, "-c", CHILD, policy, str(threads), str(questions),
                           str(max_tokens)], env=env, capture_output=True, text=True,
                          check=True, timeout=900)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--questions", type=int, default=4, help="chats per child")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--max-tokens", type=int, default=64)
    parser.add_argument("--also", default="", help="spin counts to try too, comma-separated "
                        "(each as GOMP_SPINCOUNT=N with OpenMP's default policy)")
    args = parser.parse_args()
    policies = (*POLICIES, *(f"GOMP_SPINCOUNT={n}" for n in args.also.split(",") if n))
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load average {load[0]:.1f} / {load[1]:.1f} "
          "(other processes share it: read ratios, not absolute times)")
    results: dict[str, list[dict]] = {p: [] for p in policies}
    for round_ in range(args.rounds):
        order = policies if round_ % 2 == 0 else policies[::-1]
        for policy in order:
            results[policy] += run_child(policy, args.threads, args.questions, args.max_tokens)
    medians = {}
    for policy in policies:
        ttft = [r["ttft_ms"] for r in results[policy]]
        tps = [r["tps"] for r in results[policy] if r["tps"]]
        medians[policy] = (statistics.median(ttft), statistics.median(tps))
        print(f"{policy:20s}: time to first token p50 {medians[policy][0]:6.0f} "
              f"ms, tokens/s p50 {medians[policy][1]:6.1f}   (n={len(ttft)})")
    d_ttft, d_tps = medians["default"]
    for policy in policies[:1] + policies[2:]:
        ttft, tps = medians[policy]
        print(f"{policy} / default: time to first token {ttft / d_ttft:.2f}x, "
              f"tokens/s {tps / d_tps:.2f}x")


if __name__ == "__main__":
    main()
