"""Admin settings, read from the Jupyter server config (`c.SafeAI.*`)."""

from __future__ import annotations

from typing import Any

from traitlets import Bool, Dict, Float, Int, List, TraitError, Unicode, validate
from traitlets.config import Configurable

from ..models import DEFAULT_MODEL_NAME, EMBEDDED_DEFAULT_MODEL
from ..policy import CATEGORIES, Policy, PolicyError


class SafeAI(Configurable):
    """What hospital IT decides: which models researchers may use and how they run."""

    approved_models = List(
        Dict(),
        default_value=[EMBEDDED_DEFAULT_MODEL],
        config=True,
        help="""Models researchers may use. Each entry is a dict with `name`, `license`,
        `model_card` (URL or text) and exactly one source: `path` (a GGUF file, with its
        `sha256`), `package_resource` ("package/relative/path.gguf", with its `sha256`)
        or `url` (an OpenAI-compatible endpoint the institution runs, e.g. a llama.cpp
        server or vLLM; optional `remote_model` and `api_key_env`, the name of an
        environment variable holding its bearer token). Optional: `context_length`,
        `phi_allowed` (the deployment is covered for PHI, e.g. under a BAA; default
        false: PHI is redacted or blocked before it reaches the model whatever the user
        asks), `chat_format` (llama-cpp-python name; default: the GGUF's template),
        `generation` (sampling defaults such as temperature) and `completion` (how to ask
        for inline completions: `fim_prefix`/`fim_suffix`/`fim_middle` tokens or a
        `template` with {prefix} and {suffix}, optional `stop`; without it the text
        before the cursor is continued). Default: the embedded
        SmolLM2-135M-Instruct model.""",
    )
    default_model = Unicode(DEFAULT_MODEL_NAME, config=True, help="""Name of the approved
        model used when a request names none.""")
    preload_default_model = Bool(True, config=True, help="""Load the default model in the
        background when the server starts, so the first question is answered sooner.
        Loading never blocks the server's start.""")
    policy = Dict(default_value=Policy().to_dict(), config=True, help="""The admin floor,
        per category (phi, secret, genomic): 'block' refuses the prompt, 'redact' replaces
        the values with placeholders (restored in the answer on the server), 'warn' sends
        after the user acknowledges. Users can only make it stricter. Default: phi redact,
        secret block, genomic redact.""")
    max_prompt_chars = Int(100_000, config=True, help="""Longest prompt (all messages
        together) the server accepts; longer ones are refused with HTTP 413 and never
        scanned or sent.""")
    audit_log = Unicode("", config=True, help="""Path of the JSON-lines audit log
        (hash-chained; no prompt text). Default: safeai/audit.jsonl in the Jupyter data
        directory.""")
    audit_retention_days = Int(365, config=True, help="""Days of audit records
        `jupyter safeai audit purge` keeps.""")
    allow_user_models = Bool(False, config=True, help="""Whether a request may use a GGUF
        file of the user's own, named `user:relative/path.gguf` inside the server's root
        directory. Such a model is never covered for PHI, is audited like any other, and
        its sha256 is taken when first used. Off by default: names that are not approved
        get HTTP 403.""")
    never_accept = List(Unicode(), default_value=["secret"], config=True, help="""Categories
        whose findings a `# safeai: allow` marker cannot accept where markers mark false
        positives in notebooks: the sidebar's warnings panel (`POST /safeai/scan`).
        Prompts use `prompt_never_accept` as well.""")
    prompt_never_accept = List(Unicode(), default_value=list(CATEGORIES), config=True,
                               help="""Categories whose findings a `# safeai: allow` marker
        inside a prompt cannot accept: questions to the model from the sidebar chat, the
        `%%safe_ai` magic or `POST /safeai/chat`. `never_accept` applies too. Default:
        every category, so no comment a user types can lower the admin policy; list fewer
        to let users accept false positives of a category in prompts.""")
    max_waiting = Int(4, config=True, help="""Requests that may wait for a busy model; more
        are refused with HTTP 429 and a Retry-After header.""")
    idle_unload_seconds = Int(1800, config=True, help="""Free a local model's memory after
        this many seconds without a request (0: never). It loads again on the next
        request.""")
    max_new_tokens = Int(512, config=True, help="""Upper bound on the tokens generated for
        one answer.""")
    n_threads = Int(0, config=True, help="""CPU threads for llama.cpp; 0 lets llama.cpp
        choose.""")
    scan_timeout = Float(10.0, config=True, help="""Seconds a prompt's scan may take; a
        slower scan blocks the prompt (fail closed).""")
    system_prompt = Unicode(
        "You are a careful coding assistant for biomedical researchers working in Jupyter "
        "notebooks. Answer concisely; give Python code in fenced code blocks when useful.",
        config=True, help="System message put before every conversation.")

    completions = Bool(True, config=True, help="""Offer inline code completions (ghost
        text) in notebook cells. They pass the same gate as chat: PHI is replaced by
        placeholders, a secret stops the request.""")
    completion_model = Unicode("", config=True, help="""Approved model for inline
        completions; empty: the default model. A user setting may pick another approved
        model.""")
    completion_max_prefix_chars = Int(4000, config=True, help="""Most characters before the
        cursor a completion request may carry; users may set less, never more. Longer
        prefixes are cut at the start.""")
    completion_max_suffix_chars = Int(1000, config=True, help="""Most characters after the
        cursor a completion request may carry; users may set less, never more. Longer
        suffixes are cut at the end.""")
    completion_max_tokens = Int(48, config=True, help="""Upper bound on the tokens
        generated for one completion.""")
    completion_n_threads = Int(0, config=True, help="""CPU threads llama.cpp uses for
        completions (a context of their own); 0: as many as for chat (n_threads). A chat
        stops a running completion at once, so fewer threads do not speed chat up
        (measured on 2 cores: chat 1.02x with 1 thread vs 0.99-1.01x with 2); they slowed
        completions under load.""")
    completion_rate_per_minute = Int(60, config=True, help="""Completion requests one user
        may make per minute (with a burst of a fifth of that); more get HTTP 429, so
        completions cannot crowd out chat.""")
    gateway_url = Unicode("", config=True, help="""Base URL of the SafeAI gateway this
        server is a client of (the admin's JupyterHub service, e.g.
        "http://127.0.0.1:8000/services/safeai/"). When set, no local model is loaded:
        chats go to the gateway, which applies the admin's policy and keeps the audit log;
        this server's own policy can only make things stricter. Empty: this server owns
        its models (a single-user install).""")
    gateway_token_env = Unicode("JUPYTERHUB_API_TOKEN", config=True, help="""Name of the
        environment variable holding the token this server sends to the gateway. Under
        JupyterHub it is the server's own token, which names its user.""")
    gateway_mode = Bool(False, config=True, help="""Serve as the SafeAI gateway (set by
        `jupyter-safeai-gateway`, the JupyterHub service): no per-notebook warnings store,
        and audit reports for admins.""")

    @validate("policy")
    def _check_policy(self, proposal: Any) -> dict[str, str]:
        try:
            return Policy.from_mapping(proposal["value"], "SafeAI.policy").to_dict()
        except PolicyError as exc:
            raise TraitError(str(exc)) from exc

    @validate("never_accept", "prompt_never_accept")
    def _check_never_accept(self, proposal: Any) -> list[str]:
        unknown = set(proposal["value"]) - set(CATEGORIES)
        if unknown:
            raise TraitError(f"SafeAI.{proposal['trait'].name}: unknown categories "
                             f"{sorted(unknown)}")
        return list(proposal["value"])

    def markers_cannot_accept(self, prompt: bool) -> list[str]:
        """The categories an allow marker cannot accept, in a prompt or in notebook text."""
        forbidden = set(self.never_accept) | (set(self.prompt_never_accept) if prompt else set())
        return [c for c in CATEGORIES if c in forbidden]

    def admin_policy(self) -> Policy:
        return Policy.from_mapping(self.policy)


def load_admin_settings() -> SafeAI:
    """`SafeAI` as the Jupyter server on this machine would configure it, for the command
    line: `jupyter_server_config.{json,py}` along the Jupyter config path."""
    from jupyter_core.paths import jupyter_config_path
    from traitlets.config.loader import (
        Config,
        ConfigFileNotFound,
        JSONFileConfigLoader,
        PyFileConfigLoader,
    )

    config = Config()
    for folder in reversed(jupyter_config_path()):  # lowest precedence first
        for loader in (JSONFileConfigLoader, PyFileConfigLoader):
            suffix = ".json" if loader is JSONFileConfigLoader else ".py"
            try:
                config.merge(loader(f"jupyter_server_config{suffix}", path=folder).load_config())
            except ConfigFileNotFound:
                continue
    return SafeAI(config=config)
