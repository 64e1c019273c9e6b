"""Inline completion latency through the gate, side by side with llama-cpp-python direct.

Starts `jupyter server` with the extension and the embedded model on loopback
(`--SafeAI.n_threads`, default 2), then plays a user who types and pauses in a cell:
each pause sends `POST /safeai/complete` with the cell so far (synthetic Python, fixed
seed; 0.5 KB and 2 KB prefixes that grow by a few characters per pause, so llama.cpp
can keep its evaluated prefix). It prints, per size:

- keystroke pause to first ghost text, p50/p95: the frontend's debounce (default
  250 ms) + request to the first `suggestion` event (the first whole word: the server
  holds back an unfinished word until the scanner can judge it);
- the gate's share (scan + redaction, from the server's `gate_ms`);
- the same prompt completed by llama-cpp-python in this process (its own `Llama` on
  the same file and thread count), time to its first whole word — the baseline;
- a cold request (an unrelated prefix: no reusable KV cache) against a grown one.

Then chat time to first token, alone and while a typist keeps completions coming
(chat goes first in the model's queue and stops a running completion), interleaved,
with what became of the typist's requests (shown, preempted by a chat, skipped while
one ran).

    PYTHONPATH=$PWD .venv/bin/python benchmarks/completion_latency.py [--trials 20]

`--no-extra-buffers` loads llama.cpp without its extra CPU buffer types (AMX, repack)
in both the server and the baseline: on some virtual machines that advertise AMX,
llama.cpp's AMX matrix multiply crashes (SIGSEGV) at the first token. The probe that
runs first says whether this machine needs it.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from server_process import ServerProcess  # noqa: E402

DEBOUNCE_MS = 250  # js/schema/completions.json default
#: A different question each time, so no chat finds its whole prompt already evaluated;
#: each differs from the one before from the same word on (the statistic), so every chat
#: reads as many new tokens as any other, alone or while completions run.
CHAT_QUESTIONS = [f"Write a Python function that returns the {stat} of a list of {kind}."
                  for kind in ("numbers", "ages", "weights", "scores")
                  for stat in ("mean", "median", "range", "variance", "mode", "sum")]

#: Runs `jupyter server`, optionally without llama.cpp's extra CPU buffer types.
LAUNCH = """
import os
import sys
if sys.argv[1] == "no-extra-buffers":
    import llama_cpp.llama_cpp as c
    default = c.llama_model_default_params
    def params():
        p = default()
        p.use_extra_bufts = False
        return p
    c.llama_model_default_params = params
sys.argv = ["jupyter-server", *sys.argv[2:]]
from jupyter_server.serverapp import main
sys.exit(main())
"""

PROBE = """
import sys
import llama_cpp
from jupyter_safeai.models import EMBEDDED_DEFAULT_MODEL, ApprovedModel
path = ApprovedModel.from_config(EMBEDDED_DEFAULT_MODEL).weights_path()
llm = llama_cpp.Llama(model_path=str(path), n_ctx=256, n_threads=1, verbose=False)
llm.create_completion("x = ", max_tokens=1)
print("ok")
"""

_WORDS = ["patients", "visits", "labs", "cohort", "glucose", "weight", "age", "score"]


def synthetic_cell(size: int, seed: int) -> str:
    """Plausible notebook Python, `size` characters, no identifiers of people."""
    rng = random.Random(seed)
    lines = ["import numpy as np", "import pandas as pd", ""]
    while sum(len(line) + 1 for line in lines) < size:
        a, b = rng.sample(_WORDS, 2)
        kind = rng.randrange(4)
        if kind == 0:
            lines += [f"def summarise_{a}(df):", f"    grouped = df.groupby('{b}')",
                      f"    return grouped['{a}'].agg(['mean', 'std', 'count'])", ""]
        elif kind == 1:
            lines.append(f"{a} = pd.read_csv('{b}_{rng.randrange(100)}.csv')")
        elif kind == 2:
            lines.append(f"{a}['{b}_z'] = ({a}['{b}'] - {a}['{b}'].mean()) / {a}['{b}'].std()")
        else:
            lines.append(f"print({a}.shape, {a}['{b}'].isna().mean())")
    return "\n".join(lines)[:size]


def first_word(text: str) -> bool:
    """Whether the server would show ghost text for `text` yet (a whole word)."""
    return any(c in text for c in " \n\t(),:") and bool(text.strip())


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def needs_no_extra_buffers() -> bool:
    probe = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                           timeout=300, check=False)
    return probe.returncode != 0


class Server(ServerProcess):
    """The server measured: the embedded model, completions on, no rate limit."""

    def __init__(self, threads: int, no_extra_buffers: bool, completions: bool = True,
                 completion_threads: int = 0) -> None:
        settings = {"n_threads": threads, "completion_rate_per_minute": 100000,
                    "max_new_tokens": 64, "completions": completions,
                    "completion_n_threads": completion_threads}
        super().__init__("safeai-completion-latency-", {"SafeAI": settings},
                         command=[sys.executable, "-c", LAUNCH,
                                  "no-extra-buffers" if no_extra_buffers else "as-is"])

    def request(self, method: str, path: str, body: Any = None,
                timeout: float = 300) -> http.client.HTTPResponse:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        conn.request(method, path, body=json.dumps(body) if body is not None else None,
                     headers={"Authorization": f"token {self.token}"})
        return conn.getresponse()

    def wait_loaded(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            try:
                listing = json.load(self.request("GET", "/safeai/models", timeout=5))
                state = listing["models"][0]["state"]
                if state == "loaded":
                    return
                if state == "error":
                    raise RuntimeError(listing["models"][0]["error"])
            except (OSError, ValueError, KeyError):
                pass
            time.sleep(0.2)
        raise TimeoutError("the model did not load")

    def complete(self, prefix: str) -> dict[str, Any]:
        """One pause: request to first suggestion, and what the server reported."""
        started = time.perf_counter()
        response = self.request("POST", "/safeai/complete",
                                {"prefix": prefix, "suffix": "", "language": "python"})
        first: float | None = None
        result: dict[str, Any] = {"gate_ms": None, "skipped": None}
        for line in response:
            event = json.loads(line)
            if event["type"] == "gate":
                result["gate_ms"] = event["gate_ms"]
            elif event["type"] == "suggestion" and first is None:
                first = time.perf_counter()
            elif event["type"] in ("skipped", "blocked", "error"):
                result["skipped"] = event.get("reason") or event.get("message")
        result["first_ms"] = None if first is None else (first - started) * 1000
        result["total_ms"] = (time.perf_counter() - started) * 1000
        return result

    def chat_ttft(self, question: str) -> float:
        started = time.perf_counter()
        response = self.request("POST", "/safeai/chat", {
            "messages": [{"role": "user", "content": question}]})
        ttft = None
        for line in response:
            if json.loads(line)["type"] == "token" and ttft is None:
                ttft = (time.perf_counter() - started) * 1000
        if ttft is None:
            raise RuntimeError("the chat produced no token")
        return ttft



class Direct:
    """The baseline: llama-cpp-python on the same file, prompt and budget."""

    def __init__(self, threads: int, no_extra_buffers: bool) -> None:
        import llama_cpp
        import llama_cpp.llama_cpp as c

        from jupyter_safeai.models import EMBEDDED_DEFAULT_MODEL, ApprovedModel

        if no_extra_buffers:
            default = c.llama_model_default_params

            def params() -> Any:
                p = default()
                p.use_extra_bufts = False
                return p

            c.llama_model_default_params = params
        path = ApprovedModel.from_config(EMBEDDED_DEFAULT_MODEL).weights_path()
        self.llm = llama_cpp.Llama(model_path=str(path), n_ctx=2048, n_threads=threads,
                                   verbose=False)

    def first_word_ms(self, prompt: str) -> float | None:
        started, text = time.perf_counter(), ""
        stream = self.llm.create_completion(prompt, max_tokens=48, stop=["\n\n"],
                                            temperature=0.2, stream=True)
        first = None
        for chunk in stream:
            text += chunk["choices"][0]["text"]
            if first is None and first_word(text):
                first = (time.perf_counter() - started) * 1000
        return first


def typing_session(size: int, trials: int, seed: int) -> list[str]:
    """Prefixes of one cell as a user pauses in it: the text grows a few characters
    between pauses (so each prompt starts with the previous one)."""
    cell = synthetic_cell(size + 40 * trials, seed)
    rng = random.Random(seed)
    prefixes, end = [], size
    for _ in range(trials):
        prefixes.append(cell[:end])
        end += rng.randint(3, 12)
    return prefixes


def summary(label: str, values: list[float]) -> str:
    if not values:
        return f"{label}: no values"
    return (f"{label}: p50 {statistics.median(values):7.0f} ms   "
            f"p95 {percentile(values, 0.95):7.0f} ms   (n={len(values)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--chats", type=int, default=15)
    parser.add_argument("--completion-threads", type=int, default=0,
                        help="llama.cpp threads for completions (0: as many as --threads)")
    parser.add_argument("--sizes", default="500,2000",
                        help="prefix sizes in characters, comma-separated ('' for none)")
    parser.add_argument("--completions-off", action="store_true",
                        help="the server answers every completion 'disabled': the chat "
                        "figures then show what the typist's requests alone cost")
    parser.add_argument("--no-extra-buffers", choices=("auto", "yes", "no"), default="auto")
    args = parser.parse_args()

    no_extra = args.no_extra_buffers == "yes" or (
        args.no_extra_buffers == "auto" and needs_no_extra_buffers())
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load average {load[0]:.1f} / {load[1]:.1f} "
          f"(other agents share it: read ratios, not absolute times)")
    probed = no_extra and args.no_extra_buffers == "auto"
    print(f"OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY', '(OpenMP default)')} "
          "(server and baseline)")
    print(f"threads: {args.threads} for chat, "
          f"{args.completion_threads or args.threads} for completions")
    print(f"llama.cpp extra CPU buffers (AMX, repack): {'off' if no_extra else 'on'}"
          f"{' (this machine crashes with them)' if probed else ''}")
    server = Server(args.threads, no_extra, not args.completions_off, args.completion_threads)
    try:
        server.wait_loaded(time.monotonic() + 300)
        direct = Direct(args.threads, no_extra)
        for prefix in typing_session(500, args.warmup, seed=99):
            server.complete(prefix)
            direct.first_word_ms(prefix)
        for size in [int(s) for s in args.sizes.split(",") if s]:
            measure(server, direct, size, args.trials)
        chat_under_completions(server, args.chats)
    finally:
        server.stop()


def measure(server: Server, direct: Direct, size: int, trials: int) -> None:
    through, gates, baseline, skipped = [], [], [], 0
    for prefix in typing_session(size, trials, seed=size):
        # alternate server and direct, so both see the same load at the same time
        result = server.complete(prefix)
        if result["first_ms"] is None:
            skipped += 1
        else:
            through.append(result["first_ms"])
        if result["gate_ms"] is not None:
            gates.append(result["gate_ms"])
        first = direct.first_word_ms(prefix)
        if first is not None:
            baseline.append(first)
    cold_server = server.complete(synthetic_cell(size, seed=size + 7))["first_ms"]
    direct.llm.reset()
    cold_direct = direct.first_word_ms(synthetic_cell(size, seed=size + 8))
    print(f"\n{size / 1000:.1f} KB prefix, growing between pauses ({trials} pauses)")
    print("  " + summary("request -> first ghost text (server)", through))
    print("  " + summary(f"keystroke pause -> ghost (+{DEBOUNCE_MS} ms debounce)",
                         [t + DEBOUNCE_MS for t in through]))
    print("  " + summary("direct llama-cpp-python, first word", baseline))
    print("  " + summary("gate (scan + redaction) in the server", gates))
    if through and baseline:
        p50 = statistics.median(through)
        print(f"  server / direct at p50: {p50 / statistics.median(baseline):.2f}x; "
              f"gate share of the request at p50: "
              f"{statistics.median(gates) / p50 * 100 if gates else 0:.1f}%")
    print(f"  no suggestion: {skipped} of {trials}")
    print(f"  cold prefix (no reusable cache): server {cold_server or float('nan'):.0f} ms, "
          f"direct {cold_direct or float('nan'):.0f} ms")


class Typist(threading.Thread):
    """Pauses in a cell every debounce interval, each pause a completion request, while
    `typing` is set; `pause()` returns once no request of it is in flight."""

    def __init__(self, server: Server) -> None:
        super().__init__(daemon=True)
        self.server, self.outcomes = server, Counter[str]()
        self.typing, self.stopped, self._in_flight = threading.Event(), False, threading.Lock()

    def run(self) -> None:
        for prefix in typing_session(500, 10_000, seed=5):
            self.typing.wait()
            if self.stopped:
                return
            with self._in_flight:
                if not self.typing.is_set():
                    continue
                result = self.server.complete(prefix)
            self.outcomes[result["skipped"] or ("shown" if result["first_ms"] else "empty")] += 1
            time.sleep(DEBOUNCE_MS / 1000)

    def pause(self) -> None:
        self.typing.clear()
        with self._in_flight:
            pass

    def stop(self) -> None:
        self.stopped = True
        self.typing.set()
        self.join(300)


def chat_under_completions(server: Server, chats: int) -> None:
    """Chats alone and chats while the typist types, interleaved (so both see the same
    load from the rest of the machine); a busy chat comes at a random point of the
    typist's rhythm, mostly while a completion runs."""
    questions, rng = iter(CHAT_QUESTIONS * 10), random.Random(11)
    typist = Typist(server)
    typist.start()
    alone, busy = [], []
    for _ in range(chats):
        typist.pause()
        time.sleep(0.3)
        alone.append(server.chat_ttft(next(questions)))
        typist.typing.set()
        time.sleep(rng.uniform(0.8, 1.6))
        busy.append(server.chat_ttft(next(questions)))
    typist.stop()
    outcomes = typist.outcomes
    print(f"\nchat time to first token ({chats} questions each, interleaved)")
    print("  " + summary("alone", alone))
    print("  " + summary(f"while completions run ({sum(outcomes.values())} completions)",
                         busy))
    print("  completions: " + ", ".join(f"{n} {what}" for what, n in outcomes.most_common()))
    print(f"  ratio at p50: {statistics.median(busy) / statistics.median(alone):.2f}x "
          "(target <= 1.20x)")


if __name__ == "__main__":
    main()
