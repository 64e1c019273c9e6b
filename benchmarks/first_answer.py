"""Time from `jupyter server` start to the first streamed answer, and tokens/s, vs. direct.

Starts a fresh server with the extension on loopback, asks one question through
`POST /safeai/chat`, and compares with llama-cpp-python called directly on the same
model file in this process (same question, same token budget).

    .venv/bin/python benchmarks/first_answer.py
"""

from __future__ import annotations

import http.client
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from server_process import BIN, ServerProcess  # noqa: E402

QUESTION = "Write a Python function that returns the square of a number."
MAX_TOKENS = 128


def through_server() -> dict[str, float]:
    server = ServerProcess("safeai-first-answer-", {"SafeAI": {"max_new_tokens": MAX_TOKENS}},
                           command=[str(BIN / "jupyter"), "server"])
    try:
        serving = server.wait_ready(60)
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=300)
        conn.request("POST", "/safeai/chat",
                     body=json.dumps({"messages": [{"role": "user", "content": QUESTION}]}),
                     headers=server.headers())
        response = conn.getresponse()
        first = None
        done: dict = {}
        for line in response:
            event = json.loads(line)
            if event["type"] == "token" and first is None:
                first = time.monotonic() - server.started
            elif event["type"] == "done":
                done = event
        return {"server_ready_s": serving, "start_to_first_token_s": first or float("nan"),
                "tokens": done.get("tokens", 0),
                "tokens_per_second": done.get("tokens_per_second") or 0.0}
    finally:
        server.stop()


def direct() -> dict[str, float]:
    from llama_cpp import Llama

    from jupyter_safeai.models import EMBEDDED_DEFAULT_MODEL, ApprovedModel, verify_weights
    from jupyter_safeai.server.settings import SafeAI

    started = time.monotonic()
    spec = ApprovedModel.from_config(EMBEDDED_DEFAULT_MODEL)
    llama = Llama(model_path=str(verify_weights(spec)), n_ctx=spec.context_length,
                  verbose=False)
    messages = [{"role": "system", "content": SafeAI().system_prompt},
                {"role": "user", "content": QUESTION}]
    first, tokens = None, 0
    for chunk in llama.create_chat_completion(messages=messages, stream=True,
                                              max_tokens=MAX_TOKENS, temperature=0.2):
        if chunk["choices"][0]["delta"].get("content"):
            now = time.monotonic()
            first = first or now
            tokens += 1
    elapsed = time.monotonic() - (first or started)
    llama.close()
    return {"load_to_first_token_s": (first or started) - started, "tokens": tokens,
            "tokens_per_second": tokens / elapsed if elapsed else 0.0}


def main() -> None:
    served = through_server()
    plain = direct()
    print(f"server ready after           {served['server_ready_s']:.2f} s")
    print(f"server start → first token   {served['start_to_first_token_s']:.2f} s")
    print(f"direct load → first token    {plain['load_to_first_token_s']:.2f} s")
    print(f"tokens/s via /safeai/chat    {served['tokens_per_second']:.1f} "
          f"({served['tokens']} tokens)")
    print(f"tokens/s llama.cpp direct    {plain['tokens_per_second']:.1f} "
          f"({plain['tokens']} tokens)")
    if plain["tokens_per_second"]:
        ratio = served["tokens_per_second"] / plain["tokens_per_second"]
        print(f"ratio server/direct          {ratio:.2f}")


if __name__ == "__main__":
    main()
