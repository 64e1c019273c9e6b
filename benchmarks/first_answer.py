"""Time from `jupyter server` start to the first streamed answer, and tokens/s, vs. direct.

Starts a fresh server with the extension on loopback, asks one question through
`POST /safeai/chat`, and compares with llama-cpp-python called directly on the same
model file in this process (same question, same token budget).

    .venv/bin/python benchmarks/first_answer.py
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUESTION = "Write a Python function that returns the square of a number."
MAX_TOKENS = 128


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_status(port: int, token: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/status", headers={"Authorization": f"token {token}"})
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError("server did not start")


def through_server() -> dict[str, float]:
    port, token = free_port(), secrets.token_hex(16)
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "JUPYTER_RUNTIME_DIR": tmp}
        command = [str(Path(sys.executable).parent / "jupyter"), "server", "--no-browser",
                   "--allow-root", f"--port={port}", "--ip=127.0.0.1",
                   f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={tmp}",
                   f"--SafeAI.max_new_tokens={MAX_TOKENS}"]
        started = time.monotonic()
        server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            wait_for_status(port, token, started + 60)
            serving = time.monotonic() - started
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
            conn.request("POST", "/safeai/chat",
                         body=json.dumps({"messages": [{"role": "user", "content": QUESTION}]}),
                         headers={"Authorization": f"token {token}"})
            response = conn.getresponse()
            first = None
            done: dict = {}
            for line in response:
                event = json.loads(line)
                if event["type"] == "token" and first is None:
                    first = time.monotonic() - started
                elif event["type"] == "done":
                    done = event
            return {"server_ready_s": serving, "start_to_first_token_s": first or float("nan"),
                    "tokens": done.get("tokens", 0),
                    "tokens_per_second": done.get("tokens_per_second") or 0.0}
        finally:
            server.terminate()
            server.wait(timeout=20)


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
