"""The model package's seams: one interface, two backends that do not import each other."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from jupyter_safeai.models import ChatModel, LocalModel
from jupyter_safeai.models.remote import RemoteModel

PACKAGE = Path(__file__).parents[2] / "jupyter_safeai"


def imported(module: str) -> set[str]:
    """The sibling modules `models/<module>.py` imports, at the top or inside a function."""
    tree = ast.parse((PACKAGE / "models" / f"{module}.py").read_text(encoding="utf-8"))
    return {node.module or "" for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.level == 1}


@pytest.mark.parametrize(("module", "other"), [("runtime", "remote"), ("remote", "runtime")])
def test_backends_do_not_import_each_other(module: str, other: str) -> None:
    assert other not in imported(module)
    assert "base" in imported(module)


@pytest.mark.parametrize("backend", [LocalModel, RemoteModel])
def test_each_backend_has_the_chat_model_interface(backend: type) -> None:
    members = [m for m in vars(ChatModel) if not m.startswith("_")]
    assert {"describe", "ensure_loaded", "stream_chat", "close"} <= set(members)
    for name in members:
        assert callable(getattr(backend, name)), name


def test_the_handlers_use_the_models_package_not_a_backend() -> None:
    source = (PACKAGE / "server" / "handlers.py").read_text(encoding="utf-8")
    assert "models.runtime" not in source and "models.remote" not in source
