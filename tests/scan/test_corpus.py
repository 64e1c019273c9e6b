"""The synthetic development corpus: deterministic, well-formed and diverse enough."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from jupyter_safeai.scan.entities import ENTITIES
from tests.benchmark_module import load_benchmark

ROOT = Path(__file__).resolve().parents[2]
CORPUS_FILE = ROOT / "tests" / "data" / "dev_corpus.jsonl"


corpus = load_benchmark("corpus")


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return corpus.generate(1500, seed=11)


def test_deterministic_for_a_seed() -> None:
    assert corpus.generate(200, seed=5) == corpus.generate(200, seed=5)
    assert corpus.generate(200, seed=5) != corpus.generate(200, seed=6)


def test_spans_lie_inside_their_text(records: list[dict]) -> None:
    for r in records:
        assert r["clean"] == (not r["spans"]), r["id"]
        assert r["kind"] in corpus.KINDS
        for s in r["spans"]:
            assert 0 <= s["start"] < s["end"] <= len(r["text"]), (r["id"], s)
            value = r["text"][s["start"]:s["end"]]
            assert value == value.strip(), (r["id"], s)
        ordered = sorted(r["spans"], key=lambda s: s["start"])
        for a, b in zip(ordered, ordered[1:], strict=False):
            assert a["end"] <= b["start"], (r["id"], a, b)


def test_names_are_diverse(records: list[dict]) -> None:
    persons = [s for r in records for s in r["spans"] if s["entity"] == "PERSON"]
    assert all({"origin", "script", "name_source"} <= s.keys() for s in persons)
    assert len({s["origin"] for s in persons}) >= 10
    scripts = {s["script"] for s in persons}
    assert len(scripts) >= 3 and {"han", "hangul", "arabic", "latin"} <= scripts
    assert {s["name_source"] for s in persons} == {"faker", "heldout"}
    assert sum(s.get("cue") == "prose" for s in persons) >= 0.15 * len(persons)


def test_every_label_appears(records: list[dict]) -> None:
    counts = Counter(s["entity"] for r in records for s in r["spans"])
    assert set(counts) <= set(ENTITIES)
    missing = set(ENTITIES) - set(counts)
    assert not missing, missing


def test_hard_negatives_share(records: list[dict]) -> None:
    assert sum(r["clean"] for r in records) >= 0.35 * len(records)


def test_checked_identifiers_are_valid(records: list[dict]) -> None:
    for r in records:
        for s in r["spans"]:
            value = r["text"][s["start"]:s["end"]]
            if s["entity"] == "CREDIT_CARD":
                assert corpus.luhn_ok(value), value
            elif s["entity"] == "VEHICLE_ID":
                assert corpus._vin_check(value[:8] + value[9:]) == value[8], value


def test_committed_corpus_is_current() -> None:
    assert CORPUS_FILE.exists(), "run benchmarks/corpus.py --out tests/data/dev_corpus.jsonl"
    assert CORPUS_FILE.stat().st_size <= 2_000_000
    lines = CORPUS_FILE.read_text(encoding="utf-8").splitlines()
    assert len(lines) == corpus.DEFAULT_RECORDS
    fresh = corpus.generate(50)
    assert [json.loads(line) for line in lines[:50]] == fresh
