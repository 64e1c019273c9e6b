"""GeoNames' cities file is read once for both name sets (`geography._CityFile`)."""

from __future__ import annotations

from collections import Counter

import pytest

from jupyter_safeai.scan import geography

_CACHED = (geography.place_names, geography.other_city_names, geography._city_file)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch):
    counted: Counter[str] = Counter()
    real = geography._data

    def data(file: str) -> str:
        counted[file] += 1
        return real(file)

    monkeypatch.setattr(geography, "_data", data)
    for cached in _CACHED:
        cached.cache_clear()
    yield counted
    for cached in _CACHED:
        cached.cache_clear()  # the next user reads the real file again


def test_both_name_sets_come_from_one_read_of_the_cities_file(reads: Counter[str]) -> None:
    assert geography.is_place_name("San Francisco")
    assert geography.is_town_name("Milano") and not geography.is_place_name("Milano")
    assert geography.is_town_name("Zurich")
    assert not geography.is_town_name("Okafor Lindqvist")
    assert reads["cities15000.json"] == 1


def test_a_part_asked_for_again_reads_the_file_again(reads: Counter[str]) -> None:
    first = geography._city_file().take_names()
    assert "San Francisco" in first
    assert geography._city_file().take_names() == first  # handed out once, then re-read
    assert reads["cities15000.json"] == 2
    large = dict((name, population) for name, population, _ in
                 geography._city_file().take_large())
    assert large["San Francisco"] >= 100_000 and "les Escaldes" not in large
