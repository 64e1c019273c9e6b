"""Models: the approved-model registry, integrity checks, the local and remote backends.

`base` holds what backends share (states, errors, the `ChatModel` interface),
`service.ModelService` is what the server uses.
"""

from .base import ChatModel, ModelState, ModelUnavailable, Preempted
from .registry import (
    DEFAULT_MODEL_NAME,
    EMBEDDED_DEFAULT_MODEL,
    ApprovedModel,
    ModelConfigError,
    ModelIntegrityError,
    verify_weights,
)
from .runtime import LocalModel
from .service import ModelService

__all__ = [
    "DEFAULT_MODEL_NAME",
    "EMBEDDED_DEFAULT_MODEL",
    "ApprovedModel",
    "ChatModel",
    "LocalModel",
    "ModelConfigError",
    "ModelIntegrityError",
    "ModelService",
    "ModelState",
    "ModelUnavailable",
    "Preempted",
    "verify_weights",
]
