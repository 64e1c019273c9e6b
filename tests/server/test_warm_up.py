"""The server's warm-up loads the NER model by asking for it, not through a sentence
that happens to be a doubtful name today."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan import engine, names
from jupyter_safeai.server import app


def test_warm_up_loads_ner_explicitly(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded: list[int] = []
    scanned: list[str] = []
    monkeypatch.setattr(names.NameRecognizer, "load_ner", lambda self: loaded.append(1))
    scanner = engine.Scanner()
    monkeypatch.setattr(scanner, "scan", lambda text: scanned.append(text) or [])
    monkeypatch.setattr(app, "default_scanner", lambda: scanner)
    app.warm_up_scanner()
    assert loaded == [1]
    assert len(scanned) == 1  # the scan path is warmed up too


def test_a_failed_warm_up_load_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail closed: the warm-up does not swallow a failed NER load."""
    def fail(self: names.NameRecognizer) -> None:
        raise OSError("model files unreadable")

    monkeypatch.setattr(names.NameRecognizer, "load_ner", fail)
    scanner = engine.Scanner()
    monkeypatch.setattr(app, "default_scanner", lambda: scanner)
    with pytest.raises(OSError):
        app.warm_up_scanner()
