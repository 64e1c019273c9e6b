"""Throughput, concurrency and memory of the shared model, through the server vs. direct.

Starts one `jupyter server` with the extension on loopback (random port and token,
temporary root, runtime and config directories) and measures, in one run:

1. tokens/s and time to first token through `POST /safeai/chat` against
   llama-cpp-python called directly in this process on the same GGUF file, with the
   same system prompt, messages, max_tokens, temperature (0.2) and a fixed seed, so
   both sides generate the same tokens; medians of N alternating repetitions;
2. 8 concurrent chats against a server started with `--SafeAI.max_waiting=3`: each
   ends as a complete stream (one `gate` first, one `done` last) or as HTTP 429 with
   Retry-After; the 429s are then retried after Retry-After until all complete;
3. memory: the server's RSS with 1 and with 5 IPython kernels that asked through
   `%%safe_ai`, each kernel's RSS, how much of the GGUF file each process has mapped,
   and the RSS of a fresh process that loads the model directly.

    .venv/bin/python benchmarks/model_throughput.py            # ~1.5 min on 2 cores
    .venv/bin/python benchmarks/model_throughput.py --quick    # CI, ~1 min
    .venv/bin/python benchmarks/model_throughput.py --json results.json --parts 1,2

Runs one thing at a time (the kernels are started one after another). Each timed
call starts on a quiet machine, and a server/direct pair during which other
processes used >= 0.15 cores is redone with the next question (llama.cpp's threads
wait on each other, so a busy core skews time to first token by up to a second).
Exit status 1 if a chat was lost or malformed, a part failed, or a kernel maps the
model. Linux only (reads /proc).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from server_process import ServerProcess  # noqa: E402

BIN = Path(sys.executable).parent
SEED = 1234
TEMPERATURE = 0.2  # what jupyter_safeai.models.runtime.LocalModel uses
MAX_TOKENS = 128
MAX_WAITING = 3
CONCURRENT = 8
TARGET_TPS_RATIO = 0.95
TARGET_TTFT_ADDED_MS = 50.0
QUESTIONS = [
    "Write a Python function that returns the square of a number.",
    "How do I read a CSV file into a pandas DataFrame?",
    "Explain what a list comprehension is in Python, with an example.",
    "How do I plot a histogram of a column with matplotlib?",
    "Write a Python function that counts the words in a string.",
    "How do I compute the mean of each column of a NumPy array?",
    "What does the `with` statement do in Python?",
]
MAGIC_QUESTION = "Write a Python function that returns the square of a number."
NUMBERS = [17, 23, 31, 42, 58, 64, 76, 89, 91, 12, 35, 47]


# --------------------------------------------------------------------------- memory


def proc_memory(pid: int) -> dict[str, float]:
    """RSS of a process from /proc, in MB: total, anonymous, file-backed, PSS, and the
    resident part of any mapped *.gguf file (the model weights llama.cpp mmaps)."""
    fields: dict[str, float] = {}
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
                fields[key] = int(value.split()[0]) / 1024
    pss = 0.0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1]) / 1024
    except OSError:
        pass
    model_kb, in_gguf = 0, False
    header = re.compile(r"^[0-9a-f]+-[0-9a-f]+ ")
    with open(f"/proc/{pid}/smaps") as fh:
        for line in fh:
            if header.match(line):
                parts = line.split(maxsplit=5)
                in_gguf = len(parts) == 6 and parts[5].strip().endswith(".gguf")
            elif in_gguf and line.startswith("Rss:"):
                model_kb += int(line.split()[1])
    return {"rss_mb": round(fields.get("VmRSS", 0.0), 1),
            "peak_rss_mb": round(fields.get("VmHWM", 0.0), 1),
            "anon_mb": round(fields.get("RssAnon", 0.0), 1),
            "file_mb": round(fields.get("RssFile", 0.0), 1),
            "pss_mb": round(pss, 1), "model_mapped_mb": round(model_kb / 1024, 1)}


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_idle(pid: int, timeout: float = 60, window: float = 0.5,
              busy: float = 0.05) -> bool:
    """Wait until a process uses < 5 % of a core (e.g. the server's scanner warm-up)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        before = cpu_seconds(pid)
        time.sleep(window)
        if cpu_seconds(pid) - before < busy * window:
            return True
    print(f"  ! process {pid} still busy after {timeout:.0f} s; measuring anyway")
    return False


def system_busy(window: float) -> float:
    """Share of all CPUs busy (any process) over `window` seconds, from /proc/stat."""
    def sample() -> tuple[int, int]:
        with open("/proc/stat") as fh:
            values = [int(v) for v in fh.readline().split()[1:]]
        return sum(values), values[3] + values[4]  # total, idle + iowait

    total0, idle0 = sample()
    time.sleep(window)
    total1, idle1 = sample()
    return 1 - (idle1 - idle0) / max(1, total1 - total0)


OTHERS_LIMIT = 0.15  # cores used by other processes during a timed call: redo the pair


class Others:
    """CPU (in cores) used by processes other than `ours` during a `with` block."""

    def __init__(self, ours: tuple[int, ...]) -> None:
        self.ours, self.cores = ours, 0.0

    @staticmethod
    def _busy_ticks() -> int:
        with open("/proc/stat") as fh:
            values = [int(v) for v in fh.readline().split()[1:8]]
        return sum(values) - values[3] - values[4]  # all but idle and iowait

    def __enter__(self) -> Others:
        self._start = (time.perf_counter(), self._busy_ticks(),
                       sum(cpu_seconds(p) for p in self.ours))
        return self

    def __exit__(self, *exc: object) -> None:
        wall, busy, own = self._start
        wall = time.perf_counter() - wall
        busy = (self._busy_ticks() - busy) / os.sysconf("SC_CLK_TCK")
        own = sum(cpu_seconds(p) for p in self.ours) - own
        self.cores = max(0.0, busy - own) / wall if wall > 0 else 0.0


class Quiet:
    """Start each timed call on a quiet machine: other work on 2 cores skews llama.cpp
    (its threads wait on each other) far more than the server's own overhead."""

    def __init__(self, threshold: float = 0.12, timeout: float = 8) -> None:
        self.threshold, self.timeout = threshold, timeout
        self.waits = self.busy_starts = 0

    def __call__(self) -> None:
        self.waits += 1
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if system_busy(0.25) < self.threshold:
                return
        self.busy_starts += 1


# --------------------------------------------------------------------------- server


class Server(ServerProcess):
    """The server measured: the embedded model with a fixed seed."""

    def __init__(self, max_tokens: int, max_waiting: int) -> None:
        from jupyter_safeai.models import EMBEDDED_DEFAULT_MODEL

        # The embedded model with a fixed seed, so the server and the direct call
        # sample the same tokens (the runtime passes `generation` to llama.cpp).
        model = {**EMBEDDED_DEFAULT_MODEL, "generation": {"seed": SEED}}
        super().__init__("safeai-bench-", {"SafeAI": {"approved_models": [model]}},
                         [f"--SafeAI.max_new_tokens={max_tokens}",
                          f"--SafeAI.max_waiting={max_waiting}"],
                         command=[str(BIN / "jupyter"), "server"])

    def connect(self, timeout: float) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def get_json(self, path: str) -> tuple[int, Any]:
        conn = self.connect(5)
        try:
            conn.request("GET", path, headers=self.headers())
            response = conn.getresponse()
            return response.status, json.loads(response.read() or b"null")
        finally:
            conn.close()

    def wait_model(self, timeout: float = 120) -> float:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            _, listing = self.get_json("/safeai/models")
            model = next(m for m in listing["models"] if m["name"] == listing["default"])
            if model["state"] == "loaded":
                return time.monotonic() - self.started
            if model["state"] == "error":
                raise RuntimeError(f"model failed to load: {model['error']}")
            time.sleep(0.1)
        raise TimeoutError("the default model did not load")



def chat(server: Server, question: str, timeout: float = 120) -> dict[str, Any]:
    """One POST /safeai/chat with client-side timestamps of every event."""
    body = json.dumps({"messages": [{"role": "user", "content": question}]})
    result: dict[str, Any] = {"question": question, "status": None, "events": [],
                              "error": None}
    conn = server.connect(timeout)
    try:
        sent = time.perf_counter()
        conn.request("POST", "/safeai/chat", body=body, headers=server.headers())
        response = conn.getresponse()
        result["status"] = response.status
        result["content_type"] = response.getheader("Content-Type", "")
        result["retry_after"] = response.getheader("Retry-After")
        if response.status != 200:
            result["body"] = response.read().decode(errors="replace")
            return result
        first = None
        for line in response:
            if not line.strip():
                continue
            now = time.perf_counter()
            event = json.loads(line)
            result["events"].append(event)
            if event.get("type") == "token" and first is None:
                first = now
        end = time.perf_counter()
        result.update(sent=sent, first=first, end=end)
    except (OSError, ValueError, http.client.HTTPException) as exc:
        result["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        conn.close()
    return result


def stream_problems(result: dict[str, Any]) -> list[str]:
    """What is wrong with a 200 answer's stream structure (empty list: well formed)."""
    events, problems = result["events"], []
    kinds = [e.get("type") for e in events]
    if result.get("error"):
        problems.append(result["error"])
    if "ndjson" not in result.get("content_type", ""):
        problems.append(f"content type {result.get('content_type')!r}")
    if not kinds or kinds[0] != "gate":
        problems.append("first event is not gate")
    if not kinds or kinds[-1] != "done":
        problems.append("last event is not done")
    if kinds.count("gate") != 1 or kinds.count("done") != 1:
        problems.append(f"{kinds.count('gate')} gate / {kinds.count('done')} done events")
    unexpected = set(kinds) - {"gate", "status", "token", "done"}
    if unexpected:
        problems.append(f"unexpected events {sorted(map(str, unexpected))}")
    if events and events[0].get("type") == "gate" and events[0].get("action") != "send":
        problems.append(f"gate action {events[0].get('action')!r}")
    tokens = sum(k == "token" for k in kinds)
    done = events[-1] if events else {}
    if tokens == 0 or tokens > (done.get("tokens") or 0):
        problems.append(f"{tokens} token events for done.tokens={done.get('tokens')}")
    return problems


def answer_text(result: dict[str, Any]) -> str:
    return "".join(e["content"] for e in result["events"] if e.get("type") == "token")


# --------------------------------------------------------------------------- part 1


class Direct:
    """llama-cpp-python in this process, configured as the server's LocalModel is."""

    def __init__(self) -> None:
        from llama_cpp import Llama

        from jupyter_safeai.models import EMBEDDED_DEFAULT_MODEL, ApprovedModel, verify_weights
        from jupyter_safeai.server.settings import SafeAI

        spec = ApprovedModel.from_config(EMBEDDED_DEFAULT_MODEL)
        self.system_prompt = SafeAI().system_prompt
        self.llama = Llama(model_path=str(verify_weights(spec)), n_ctx=spec.context_length,
                           n_threads=None, chat_format=spec.chat_format, verbose=False)

    def ask(self, question: str, max_tokens: int) -> dict[str, Any]:
        messages = [{"role": "system", "content": self.system_prompt},
                    {"role": "user", "content": question}]
        pieces: list[str] = []
        called = time.perf_counter()
        first = None
        stream = self.llama.create_chat_completion(
            messages=messages, stream=True, max_tokens=max_tokens,
            temperature=TEMPERATURE, seed=SEED)
        for chunk in stream:
            piece = chunk["choices"][0]["delta"].get("content")
            if piece:
                first = first or time.perf_counter()
                pieces.append(piece)
        end = time.perf_counter()
        first = first or end
        return {"ttft_s": first - called, "tokens": len(pieces), "text": "".join(pieces),
                "tps": len(pieces) / (end - first) if end > first else 0.0,
                "total_s": end - called}

    def close(self) -> None:
        self.llama.close()


def server_measure(result: dict[str, Any]) -> dict[str, Any]:
    done = result["events"][-1]
    first, end = result["first"] or result["end"], result["end"]
    return {"ttft_s": first - result["sent"], "tokens": done["tokens"],
            "tps": done["tokens"] / (end - first) if end > first else 0.0,
            "server_tps": done.get("tokens_per_second") or 0.0,
            "server_ttft_s": done.get("time_to_first_token") or 0.0,
            "total_s": end - result["sent"], "text": answer_text(result)}


def part_throughput(server: Server, reps: int, max_tokens: int) -> dict[str, Any]:
    print(f"\n[1] tokens/s and time to first token, {reps} alternating repetitions, "
          f"max_tokens={max_tokens}, temperature={TEMPERATURE}, seed={SEED}")
    direct = Direct()
    try:
        for question in QUESTIONS[:2]:  # warm both (and the server's gate/scanner)
            warm = chat(server, question)
            if warm["status"] != 200 or stream_problems(warm):
                raise RuntimeError(f"warm-up chat failed: {warm}")
            direct.ask(question, max_tokens)
        wait_idle(server.pid)
        quiet = Quiet()
        via, plain, disturbed = [], [], []
        ours = (server.pid, os.getpid())
        for attempt in range(reps * 3):  # a pair disturbed by other processes is redone
            if len(via) == reps:
                break
            # A new question each time: a redone question would find its whole prompt
            # in llama.cpp's prefix cache. Both sides see the same sequence of prompts.
            question = QUESTIONS[attempt % len(QUESTIONS)]
            quiet()
            with Others(ours) as others_server:
                served = chat(server, question)
            problems = stream_problems(served) if served["status"] == 200 else [
                f"HTTP {served['status']}"]
            if problems:
                raise RuntimeError(f"chat failed: {problems}")
            quiet()
            with Others(ours) as others_direct:
                d = direct.ask(question, max_tokens)
            s = server_measure(served)
            load = max(others_server.cores, others_direct.cores)
            clean = load < OTHERS_LIMIT or attempt >= reps * 3 - (reps - len(via))
            (via if clean else disturbed).append(s)
            if clean:
                plain.append(d)
            print(f"  {'rep ' + str(len(via)) if clean else 'redo'}: server {s['tokens']:3d} "
                  f"tok, ttft {s['ttft_s'] * 1e3:6.1f} ms, {s['tps']:5.1f} tok/s (server says "
                  f"{s['server_tps']:.1f}) | direct {d['tokens']:3d} tok, ttft "
                  f"{d['ttft_s'] * 1e3:6.1f} ms, {d['tps']:5.1f} tok/s"
                  + ("" if load < OTHERS_LIMIT else
                     f"  [other processes used {load:.2f} cores"
                     + ("]" if clean else "; not counted]")))
    finally:
        direct.close()

    def med(rows: list[dict[str, Any]], key: str) -> float:
        return statistics.median(r[key] for r in rows)

    same_counts = sum(s["tokens"] == d["tokens"] for s, d in zip(via, plain, strict=True))
    same_text = sum(s["text"] == d["text"] for s, d in zip(via, plain, strict=True))
    out = {
        "reps": reps, "max_tokens": max_tokens,
        "server": {k: med(via, k) for k in ("ttft_s", "tps", "server_tps", "server_ttft_s",
                                            "total_s", "tokens")},
        "direct": {k: med(plain, k) for k in ("ttft_s", "tps", "total_s", "tokens")},
        "same_token_counts": same_counts, "same_answers": same_text,
        "started_on_busy_machine": quiet.busy_starts, "redone_pairs": len(disturbed),
        "runs": {"server": [{k: v for k, v in r.items() if k != "text"} for r in via],
                 "direct": [{k: v for k, v in r.items() if k != "text"} for r in plain]},
    }
    out["tps_ratio"] = out["server"]["tps"] / out["direct"]["tps"]
    out["server_reported_tps_ratio"] = out["server"]["server_tps"] / out["direct"]["tps"]
    out["ttft_added_ms"] = (out["server"]["ttft_s"] - out["direct"]["ttft_s"]) * 1e3
    out["tps_ok"] = out["tps_ratio"] >= TARGET_TPS_RATIO
    out["ttft_ok"] = out["ttft_added_ms"] <= TARGET_TTFT_ADDED_MS
    s, d = out["server"], out["direct"]
    print(f"  medians: server ttft {s['ttft_s'] * 1e3:.1f} ms, {s['tps']:.1f} tok/s (client "
          f"clock), {s['server_tps']:.1f} tok/s (done event); direct ttft "
          f"{d['ttft_s'] * 1e3:.1f} ms, {d['tps']:.1f} tok/s")
    print(f"  same token count {same_counts}/{reps}, identical answers {same_text}/{reps}"
          + ("" if same_counts == reps else " (counts differ: compare tokens/s only)"))
    if disturbed:
        print(f"  {len(disturbed)} pair(s) redone: other processes used >= {OTHERS_LIMIT} "
              "cores during the call (llama.cpp's threads wait on each other on 2 busy cores)")
    print(f"  tokens/s ratio server/direct {out['tps_ratio']:.3f} "
          f"(target >= {TARGET_TPS_RATIO}: {'met' if out['tps_ok'] else 'MISSED'})")
    print(f"  time to first token added {out['ttft_added_ms']:+.1f} ms "
          f"(target <= {TARGET_TTFT_ADDED_MS:.0f} ms: {'met' if out['ttft_ok'] else 'MISSED'})")
    return out


# --------------------------------------------------------------------------- part 2


def part_concurrency(server: Server, count: int, timeout: float = 120) -> dict[str, Any]:
    print(f"\n[2] {count} concurrent chats, server started with "
          f"--SafeAI.max_waiting={MAX_WAITING}")
    questions = [f"Reply with the number {n} and nothing else." for n in NUMBERS[:count]]
    first_round: list[dict[str, Any] | None] = [None] * count
    final: list[dict[str, Any] | None] = [None] * count
    attempts = [0] * count
    waited = [0.0] * count
    barrier = threading.Barrier(count)

    def worker(i: int) -> None:
        barrier.wait()
        for attempt in range(1, 7):
            attempts[i] = attempt
            result = chat(server, questions[i], timeout)
            if attempt == 1:
                first_round[i] = result
            final[i] = result
            if result["status"] != 429 or not (result.get("retry_after") or "").isdigit():
                return
            delay = int(result["retry_after"])
            waited[i] += delay
            time.sleep(delay)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(count)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + timeout * 3
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    elapsed = time.perf_counter() - started
    hung = [i for i, t in enumerate(threads) if t.is_alive()]

    def classify(result: dict[str, Any] | None, i: int, last: bool) -> tuple[str, list[str]]:
        if result is None or (last and i in hung):
            return "hung", ["no answer before the deadline"]
        if result.get("error") and "timed out" in result["error"]:
            return "hung", [result["error"]]
        if result["status"] == 200:
            problems = stream_problems(result)
            return ("answered", []) if not problems else ("failed", problems)
        if result["status"] == 429:
            value = result.get("retry_after")
            if value and value.isdigit() and int(value) >= 1:
                return "429", []
            return "failed", [f"429 without a valid Retry-After ({value!r})"]
        return "failed", [result.get("error") or f"HTTP {result['status']}"]

    rounds = {}
    for name, results in (("first", first_round), ("final", final)):
        kinds = [classify(r, i, name == "final") for i, r in enumerate(results)]
        rounds[name] = {"answered": sum(k == "answered" for k, _ in kinds),
                        "429": sum(k == "429" for k, _ in kinds),
                        "failed": sum(k == "failed" for k, _ in kinds),
                        "hung": sum(k == "hung" for k, _ in kinds),
                        "problems": {i: p for i, (_, p) in enumerate(kinds) if p}}
    retry_afters = [int(r["retry_after"]) for r in first_round
                    if r and r["status"] == 429 and (r.get("retry_after") or "").isdigit()]
    own = sum(str(NUMBERS[i]) in answer_text(r) for i, r in enumerate(final)
              if r and r["status"] == 200)
    latencies = [r["end"] - r["sent"] for r in first_round if r and r["status"] == 200
                 and r.get("end")]
    f, z = rounds["first"], rounds["final"]
    print(f"  first round: answered {f['answered']}, HTTP 429 {f['429']}, failed "
          f"{f['failed']}, hung {f['hung']}   (Retry-After {sorted(retry_afters) or '-'} s)")
    if latencies:
        print(f"  answered in the first round: {min(latencies):.2f}-{max(latencies):.2f} s "
              f"each (they queue behind one another on the one model)")
    print(f"  after retrying each 429 after its Retry-After: answered {z['answered']}/{count}, "
          f"still 429 {z['429']}, failed {z['failed']}, hung {z['hung']}; "
          f"max attempts {max(attempts)}, wall time {elapsed:.1f} s")
    print(f"  every 200 had exactly one gate first and one done last: "
          f"{'yes' if not f['problems'] and not z['problems'] else 'NO'}; answers "
          f"containing their own number: {own}/{z['answered']} (135M model, informative only)")
    for name in ("first", "final"):
        for i, problem in rounds[name]["problems"].items():
            print(f"  ! {name} round, request {i}: {problem}")
    ok = (z["answered"] == count and f["failed"] == f["hung"] == 0 and not hung
          and f["answered"] + f["429"] == count)
    return {"requests": count, "max_waiting": MAX_WAITING, "first_round": f,
            "after_retries": z, "retry_after_s": retry_afters, "attempts": attempts,
            "seconds_waited": waited, "answered_latency_s": latencies,
            "own_number_in_answer": own, "wall_s": elapsed, "ok": ok,
            "answers": [answer_text(r)[:120] if r and r["status"] == 200 else None
                        for r in final]}


# --------------------------------------------------------------------------- part 3


class Kernel:
    """An IPython kernel in the server's runtime dir, as tests/kernel/test_magic.py starts it."""

    def __init__(self, runtime_dir: Path, log_path: Path) -> None:
        from jupyter_client.manager import KernelManager

        env = {k: v for k, v in os.environ.items() if not k.startswith("SAFEAI_")}
        env["JUPYTER_RUNTIME_DIR"] = str(runtime_dir)
        self.manager = KernelManager(kernel_name="python3")
        with log_path.open("ab") as log:  # the kernel's own stderr/stdout, not ours
            self.manager.start_kernel(env=env, stdout=log, stderr=log)
        self.client = self.manager.client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=60)

    @property
    def pid(self) -> int:
        return self.manager.provisioner.pid

    def run(self, code: str, timeout: float = 120) -> str:
        """Execute a cell; return the final text of its displays (errors raise)."""
        shown: dict[str, str] = {}
        errors: list[str] = []

        def collect(message: dict) -> None:
            kind, content = message["msg_type"], message["content"]
            if kind in {"display_data", "update_display_data", "execute_result"}:
                data = content.get("data", {})
                key = content.get("transient", {}).get("display_id") or str(len(shown))
                shown[key] = data.get("text/markdown") or data.get("text/plain", "")
            elif kind == "stream":
                shown[str(len(shown))] = content["text"]
            elif kind == "error":
                errors.append(f"{content['ename']}: {content['evalue']}")

        reply = self.client.execute_interactive(code, timeout=timeout, output_hook=collect)
        if errors or reply["content"]["status"] != "ok":
            raise RuntimeError(f"cell failed: {errors or reply['content']}")
        return "\n".join(shown.values())

    def close(self) -> None:
        try:
            self.client.stop_channels()
        finally:
            self.manager.shutdown_kernel(now=True)


def direct_load_memory() -> dict[str, Any]:
    """RSS of a fresh Python process that loads the model itself and answers once."""
    output = subprocess.run([sys.executable, __file__, "--direct-memory"], check=True,
                            capture_output=True, text=True, timeout=120).stdout
    return json.loads(output.strip().splitlines()[-1])


def _direct_memory_child() -> None:
    baseline = proc_memory(os.getpid())
    direct = Direct()
    direct.ask(MAGIC_QUESTION, 32)
    print(json.dumps({"before_load": baseline, "loaded": proc_memory(os.getpid())}))
    direct.close()


def part_memory(server: Server, kernels_total: int) -> dict[str, Any]:
    print(f"\n[3] memory: one model in the server, shared by 1 and {kernels_total} kernels "
          f"asking through %%safe_ai")
    kernels: list[Kernel] = []
    out: dict[str, Any] = {"kernels": kernels_total}
    try:
        wait_idle(server.pid)
        out["server_before_kernels"] = proc_memory(server.pid)
        timings = []
        for n in range(1, kernels_total + 1):
            started = time.perf_counter()
            kernel = Kernel(server.runtime, server.tmp / f"kernel-{n}.log")
            kernels.append(kernel)
            if n == 1:
                out["kernel_bare"] = proc_memory(kernel.pid)
            kernel.run("%load_ext jupyter_safeai")
            if n == 1:
                out["kernel_extension_loaded"] = proc_memory(kernel.pid)
            answer = kernel.run(f"%%safe_ai\n{MAGIC_QUESTION}")
            if "tokens/s" not in answer or "SmolLM2" not in answer:
                raise RuntimeError(f"kernel {n}: the magic did not answer: {answer[-400:]}")
            timings.append(time.perf_counter() - started)
            if n == 1:
                wait_idle(server.pid)
                out["server_1_kernel"] = proc_memory(server.pid)
                out["kernels_1"] = [proc_memory(kernel.pid)]
        wait_idle(server.pid)
        out["server_n_kernels"] = proc_memory(server.pid)
        out["kernels_n"] = [proc_memory(k.pid) for k in kernels]
        out["kernel_start_and_ask_s"] = timings
    finally:
        for kernel in kernels:
            try:
                kernel.close()
            except Exception as exc:  # keep closing the others
                print(f"  ! closing a kernel: {exc}")
    out["direct_process"] = direct_load_memory()

    s1, sn, k = out["server_1_kernel"], out["server_n_kernels"], out["kernels_n"]
    direct = out["direct_process"]["loaded"]
    print(f"  {'process':34s} {'RSS':>8s} {'anon':>8s} {'file':>8s} {'PSS':>8s} "
          f"{'GGUF mapped':>12s}  (MB)")

    def row(name: str, m: dict[str, float]) -> None:
        print(f"  {name:34s} {m['rss_mb']:8.1f} {m['anon_mb']:8.1f} {m['file_mb']:8.1f} "
              f"{m['pss_mb']:8.1f} {m['model_mapped_mb']:12.1f}")

    row("server, before any kernel", out["server_before_kernels"])
    row("server, 1 kernel asked", s1)
    row(f"server, {kernels_total} kernels asked", sn)
    row("kernel 1, bare (before %load_ext)", out["kernel_bare"])
    row("kernel 1, after %load_ext only", out["kernel_extension_loaded"])
    for i, m in enumerate(k, 1):
        row(f"kernel {i} after %%safe_ai", m)
    row("direct: fresh python, model loaded", direct)
    row("direct: same, before loading", out["direct_process"]["before_load"])
    out["kernel_rss_sum_1_mb"] = sum(m["rss_mb"] for m in out["kernels_1"])
    out["kernel_rss_sum_n_mb"] = sum(m["rss_mb"] for m in k)
    out["kernel_rss_mean_mb"] = out["kernel_rss_sum_n_mb"] / len(k)
    out["kernels_with_model_mapped"] = sum(m["model_mapped_mb"] > 0 for m in k)
    out["server_growth_1_to_n_mb"] = sn["rss_mb"] - s1["rss_mb"]
    out["direct_model_cost_mb"] = direct["rss_mb"] - out["direct_process"]["before_load"][
        "rss_mb"]
    print(f"  server RSS {s1['rss_mb']:.0f} MB with 1 kernel, {sn['rss_mb']:.0f} MB with "
          f"{kernels_total} ({out['server_growth_1_to_n_mb']:+.0f} MB); kernel RSS sum "
          f"{out['kernel_rss_sum_1_mb']:.0f} MB (1) / {out['kernel_rss_sum_n_mb']:.0f} MB "
          f"({kernels_total}), {out['kernel_rss_mean_mb']:.0f} MB per kernel")
    print(f"  model weights resident: server {sn['model_mapped_mb']:.0f} MB, kernels "
          f"{sum(m['model_mapped_mb'] for m in k):.0f} MB in total "
          f"({out['kernels_with_model_mapped']}/{len(k)} kernels map the GGUF file); loading "
          f"the model in a process costs {out['direct_model_cost_mb']:.0f} MB RSS")
    return out


# --------------------------------------------------------------------------- main


def summary(results: dict[str, Any]) -> None:
    rows: list[tuple[str, str]] = []
    t, c, m = (results.get(k) for k in ("throughput", "concurrency", "memory"))
    if t and "error" not in t:
        rows += [
            ("tokens/s via /safeai/chat (client clock)", f"{t['server']['tps']:.1f}"),
            ("tokens/s via /safeai/chat (done event)", f"{t['server']['server_tps']:.1f}"),
            ("tokens/s llama-cpp-python direct", f"{t['direct']['tps']:.1f}"),
            ("ratio server/direct (target >= 0.95)",
             f"{t['tps_ratio']:.3f} {'met' if t['tps_ok'] else 'MISSED'}"),
            ("time to first token via server", f"{t['server']['ttft_s'] * 1e3:.1f} ms"),
            ("time to first token direct", f"{t['direct']['ttft_s'] * 1e3:.1f} ms"),
            ("added by the server (target <= 50 ms)",
             f"{t['ttft_added_ms']:+.1f} ms {'met' if t['ttft_ok'] else 'MISSED'}"),
            ("same token counts / identical answers",
             f"{t['same_token_counts']}/{t['reps']} / {t['same_answers']}/{t['reps']}"),
        ]
    if c and "error" not in c:
        f = c["first_round"]
        rows += [
            (f"{c['requests']} concurrent: answered / 429 / failed / hung",
             f"{f['answered']} / {f['429']} / {f['failed']} / {f['hung']}"),
            ("after retrying the 429s: answered",
             f"{c['after_retries']['answered']}/{c['requests']} "
             f"{'ok' if c['ok'] else 'FAILED'}"),
        ]
    if m and "error" not in m:
        rows += [
            ("server RSS, 1 kernel", f"{m['server_1_kernel']['rss_mb']:.0f} MB"),
            (f"server RSS, {m['kernels']} kernels",
             f"{m['server_n_kernels']['rss_mb']:.0f} MB"),
            ("kernel RSS each (after %%safe_ai)",
             f"{m['kernel_rss_mean_mb']:.0f} MB (sum {m['kernel_rss_sum_n_mb']:.0f} MB)"),
            ("kernel RSS bare / after %load_ext",
             f"{m['kernel_bare']['rss_mb']:.0f} MB / "
             f"{m['kernel_extension_loaded']['rss_mb']:.0f} MB"),
            ("GGUF resident: server / all kernels",
             f"{m['server_n_kernels']['model_mapped_mb']:.0f} MB / "
             f"{sum(k['model_mapped_mb'] for k in m['kernels_n']):.0f} MB"),
            ("process loading the model directly",
             f"{m['direct_process']['loaded']['rss_mb']:.0f} MB "
             f"(+{m['direct_model_cost_mb']:.0f} MB for the model)"),
        ]
    for name, part in (("throughput", t), ("concurrency", c), ("memory", m)):
        if part and "error" in part:
            rows.append((f"part {name}", f"ERROR: {part['error'][:60]}"))
    if not rows:
        return
    width = max(len(name) for name, _ in rows)
    print("\nSummary")
    print("-" * (width + 30))
    for name, value in rows:
        print(f"{name:{width}s}  {value}")
    print("-" * (width + 30))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="CI mode: 2 repetitions, 64 tokens, 3 kernels")
    parser.add_argument("--reps", type=int, help="repetitions for part 1 (default 5)")
    parser.add_argument("--max-tokens", type=int, help=f"default {MAX_TOKENS}")
    parser.add_argument("--kernels", type=int, help="kernels for part 3 (default 5)")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--parts", default="1,2,3",
                        help="which parts to run: 1 throughput, 2 concurrency, 3 memory")
    parser.add_argument("--direct-memory", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.direct_memory:
        _direct_memory_child()
        return 0
    reps = args.reps or (2 if args.quick else 5)
    max_tokens = args.max_tokens or (64 if args.quick else MAX_TOKENS)
    kernels = args.kernels or (3 if args.quick else 5)

    started = time.perf_counter()
    results: dict[str, Any] = {"cpu_count": os.cpu_count(), "quick": args.quick,
                               "max_tokens": max_tokens, "seed": SEED}
    parts = [("1", "throughput", lambda s: part_throughput(s, reps, max_tokens)),
             ("2", "concurrency", lambda s: part_concurrency(s, CONCURRENT)),
             ("3", "memory", lambda s: part_memory(s, kernels))]
    server = Server(max_tokens, MAX_WAITING)
    try:
        ready = server.wait_ready()
        loaded = server.wait_model()
        print(f"server pid {server.pid} on 127.0.0.1:{server.port}: serving after "
              f"{ready:.1f} s, model loaded after {loaded:.1f} s ({os.cpu_count()} CPUs)")
        results.update(server_ready_s=ready, model_loaded_s=loaded)
        for number, name, run in parts:
            if number not in args.parts:
                continue
            try:
                results[name] = run(server)
            except Exception as exc:  # report it and go on with the next part
                print(f"  ! part {number} failed: {type(exc).__name__}: {exc}"[:2000])
                results[name] = {"error": f"{type(exc).__name__}: {exc}"}
    except Exception:
        print("server log tail:\n" + server.log_tail(), file=sys.stderr)
        raise
    finally:
        server.stop()
    results["wall_s"] = time.perf_counter() - started
    summary(results)
    print(f"total run time {results['wall_s']:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str))
        print(f"results written to {args.json}")
    ran = [results[name] for number, name, _ in parts if number in args.parts]
    correct = all("error" not in r for r in ran) and results.get("concurrency", {}).get(
        "ok", True) and results.get("memory", {}).get("kernels_with_model_mapped", 0) == 0
    return 0 if correct else 1


if __name__ == "__main__":
    sys.exit(main())
