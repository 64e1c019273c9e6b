"""Models: the approved-model registry, integrity checks and the shared llama.cpp runtime."""

from .registry import (
    DEFAULT_MODEL_NAME,
    EMBEDDED_DEFAULT_MODEL,
    ApprovedModel,
    ModelConfigError,
    ModelIntegrityError,
    verify_weights,
)
from .runtime import LocalModel, ModelService, ModelState

__all__ = [
    "DEFAULT_MODEL_NAME",
    "EMBEDDED_DEFAULT_MODEL",
    "ApprovedModel",
    "LocalModel",
    "ModelConfigError",
    "ModelIntegrityError",
    "ModelService",
    "ModelState",
    "verify_weights",
]
