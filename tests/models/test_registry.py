"""Approved-model entries: the embedded default resolves and verifies; bad entries are named."""

from __future__ import annotations

from pathlib import Path

import pytest

from jupyter_safeai.models import (
    EMBEDDED_DEFAULT_MODEL,
    ApprovedModel,
    ModelConfigError,
    ModelIntegrityError,
    ModelService,
    verify_weights,
)


def test_embedded_default_model_is_installed_and_matches_its_sha256() -> None:
    model = ApprovedModel.from_config(EMBEDDED_DEFAULT_MODEL)
    path = verify_weights(model)
    assert path.name == "SmolLM2-135M-Instruct.Q4_1.gguf"
    assert model.license == "Apache-2.0"


def test_wrong_sha256_is_refused(tmp_path: Path) -> None:
    weights = tmp_path / "model.gguf"
    weights.write_bytes(b"GGUF" + b"\0" * 64)
    model = ApprovedModel.from_config(
        {"name": "tampered", "path": str(weights), "sha256": "0" * 64, "license": "MIT"}
    )
    with pytest.raises(ModelIntegrityError, match="sha256 mismatch"):
        verify_weights(model)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"path": "/x.gguf", "sha256": "a", "license": "MIT"}, "no .name."),
        ({"name": "m", "path": "/x.gguf", "sha256": "a"}, "'license' is missing"),
        ({"name": "m", "sha256": "a", "license": "MIT"}, "exactly one of"),
        ({"name": "m", "path": "/x", "sha256": "a", "license": "MIT", "colour": 1}, "unknown"),
    ],
)
def test_bad_entries_name_the_problem(entry: dict, message: str) -> None:
    with pytest.raises(ModelConfigError, match=message):
        ApprovedModel.from_config(entry)


def test_duplicate_names_and_unknown_default_are_refused() -> None:
    with pytest.raises(ModelConfigError, match="listed twice"):
        ModelService.from_config([EMBEDDED_DEFAULT_MODEL, EMBEDDED_DEFAULT_MODEL],
                                 EMBEDDED_DEFAULT_MODEL["name"])
    with pytest.raises(ModelConfigError, match="not an approved model"):
        ModelService.from_config([EMBEDDED_DEFAULT_MODEL], "gpt-4")
