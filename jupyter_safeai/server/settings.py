"""Admin settings, read from the Jupyter server config (`c.SafeAI.*`)."""

from __future__ import annotations

from traitlets import Bool, Dict, Float, Int, List, Unicode
from traitlets.config import Configurable

from ..models import DEFAULT_MODEL_NAME, EMBEDDED_DEFAULT_MODEL


class SafeAI(Configurable):
    """What hospital IT decides: which models researchers may use and how they run."""

    approved_models = List(
        Dict(),
        default_value=[EMBEDDED_DEFAULT_MODEL],
        config=True,
        help="""Models researchers may use. Each entry is a dict with `name`, `license`,
        `model_card`, `sha256` and exactly one of `path` (a GGUF file) or
        `package_resource` ("package/relative/path.gguf"); optional `context_length`,
        `phi_allowed` and `generation` (llama.cpp sampling defaults). The default list
        holds the embedded SmolLM2-135M-Instruct model.""",
    )
    default_model = Unicode(
        DEFAULT_MODEL_NAME, config=True,
        help="Name of the approved model used when a request names none.",
    )
    preload_default_model = Bool(
        True, config=True,
        help="Load the default model in the background when the server starts, so the "
        "first question is answered sooner. Loading never blocks the server's start.",
    )
    max_new_tokens = Int(
        512, config=True, help="Upper bound on the tokens generated for one answer."
    )
    n_threads = Int(
        0, config=True, help="CPU threads for llama.cpp; 0 lets llama.cpp choose."
    )
    scan_timeout = Float(
        10.0, config=True,
        help="Seconds a prompt's scan may take; a slower scan blocks the prompt (fail closed).",
    )
    system_prompt = Unicode(
        "You are a careful coding assistant for biomedical researchers working in Jupyter "
        "notebooks. Answer concisely; give Python code in fenced code blocks when useful.",
        config=True,
        help="System message put before every conversation.",
    )
