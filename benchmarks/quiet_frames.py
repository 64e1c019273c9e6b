"""Quiet on values that are no identifier, put into sentences written by others.

The clean sentences of a held-out set hold firms, job titles, peoples' words and products
in frames we never read. This benchmark takes the frames from the tune parts of the
external sets (`labelled_sets.LOADERS`, presidio-research's synth set): every span the set
labels an organisation, a group, a demographic word, a product or a title is replaced by
a value of the same kind drawn here (fixed seed) from lists kept elsewhere:

- `firm`: Faker's `company()` of every Latin-script locale (`Kowalski Sp. z o.o.`,
  `Lakatos és Társa Bt.`, `Carroll Inc`); `firm (names)`: those made of the locale's
  surnames alone (`Wilson-Hodges`, `Dekker & Reimes`), which only context tells from a
  person, measured apart;
- `job`: Faker's `job()` of the same locales and mimesis's English occupations;
- `people`: mimesis's English nationalities and languages, and faiths and political
  groups written here;
- `product`: mimesis's phone models, cars, drinks, CPUs, stock names.

A value takes the case of the text it replaces (all lower case in a lower-case tweet).
A replaced value with any PHI finding overlapping it is a false alarm; the figure is the
share of values per set and kind, for one half of the tune parts (`--half a|b`: read the
alarms of `a` only, measure `b`). Which label becomes which kind is `SOURCES`; TAB's and
PANORAMA's demographic spans become `people` when capitalised (`Kurdish`), `job` when not
(`journalist`).

    PYTHONPATH=$PWD python benchmarks/quiet_frames.py --half a [--show 30] [--presidio]
        [--synth /tmp/ext/synth_v2.json] [--set tab=/tmp/ext/tab ...]

Without `--synth`/`--set` the paths of benchmarks/README.md (`/tmp/ext/...`) are read.
The data stays outside the repository.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from labelled_sets import LOADERS, load_gum, tune_half  # noqa: E402

#: set → its label → the kind of value put in its place (`dem`: `people` or `job` by case)
SOURCES: dict[str, dict[str, str]] = {
    "synth": {"ORGANIZATION": "firm", "TITLE": "job", "NRP": "people"},
    "tab": {"ORG": "firm", "ORG/NO_MASK": "firm", "DEM": "dem", "DEM/NO_MASK": "dem",
            "MISC": "product", "MISC/NO_MASK": "product"},
    "panorama": {"ORG": "firm", "ORG/NO_MASK": "firm", "DEM": "dem", "DEM/NO_MASK": "dem"},
    "wnut17": {"corporation": "firm", "group": "firm", "product": "product"},
    "gum": {"organization": "firm"},
}
DEFAULT_PATHS = {"synth": "/tmp/ext/synth_v2.json", "tab": "/tmp/ext/tab",
                 "panorama": "/tmp/ext/panorama", "wnut17": "/tmp/ext/wnut17",
                 "gum": "/tmp/ext/gum"}
#: faiths and political groups (mimesis lists neither)
_GROUPS = """Catholic Protestant Buddhist Hindu Muslim Jewish Sikh Orthodox Lutheran Anglican
Baptist Methodist Evangelical Sunni Shia Mormon Quaker Conservative Liberal Labour Socialist
Communist Republican Democrat Green Libertarian Social Democrat""".split()
_JOIN = re.compile(r"[\s,&/-]+|\b(?:and|und|y|e|et|i|és|ve|og|en)\b", re.I)
Scan = Callable[[str], list[tuple[int, int]]]


def latin(text: str) -> bool:
    return all(c.isascii() or "\u00c0" <= c <= "\u024f" or not c.isalpha() for c in text)


@dataclass
class Values:
    """Pools of values by kind, drawn once with a fixed seed."""

    pools: dict[str, list[str]]

    @classmethod
    def drawn(cls, seed: int, per_locale: int = 30) -> Values:
        from faker import Faker
        from faker.config import AVAILABLE_LOCALES

        pools: dict[str, list[str]] = defaultdict(list)
        for locale in AVAILABLE_LOCALES:
            fake = Faker(locale)
            fake.seed_instance(seed)
            surnames = _surnames(fake)
            for draw, kind in ((fake.company, "firm"), (fake.job, "job")):
                try:
                    values = [draw() for _ in range(per_locale)]
                except AttributeError:
                    continue
                for value in values:
                    if not latin(value) or not value.strip():
                        continue
                    if kind == "firm" and surnames and all(
                            w.casefold() in surnames for w in _JOIN.split(value) if w):
                        kind_here = "firm (names)"
                    else:
                        kind_here = kind
                    pools[kind_here].append(value)
        try:
            from mimesis import Development, Food, Hardware, Person, Transport
            from mimesis.locales import Locale
        except ImportError:
            pass
        else:
            person = Person(Locale.EN, seed=seed)
            pools["job"] += [person.occupation() for _ in range(200)]
            pools["people"] += [person.nationality() for _ in range(150)]
            pools["people"] += [person.language() for _ in range(100)]
            hardware, transport = Hardware(seed=seed), Transport(seed=seed)
            food, dev = Food(Locale.EN, seed=seed), Development(seed=seed)
            pools["product"] += [f() for f in (hardware.phone_model, hardware.cpu,
                                               hardware.graphics, transport.car, food.drink,
                                               dev.programming_language, dev.os)
                                 for _ in range(40)]
        pools["people"] += _GROUPS * 5
        return cls({k: sorted(set(v)) for k, v in pools.items()})

    def pick(self, kind: str, original: str, rng: random.Random) -> tuple[str, str]:
        """(kind, value) for a span whose text is `original`, in its case."""
        if kind == "dem":
            kind = "people" if original[:1].isupper() else "job"
        if kind == "firm" and rng.random() < 0.25 and self.pools.get("firm (names)"):
            kind = "firm (names)"
        value = rng.choice(self.pools[kind])
        if original.islower():
            value = value.lower()
        elif original.isupper() and len(original) > 3:
            value = value.upper()
        return kind, value


def _surnames(fake: Any) -> frozenset[str]:
    for provider in fake.get_providers():
        names = getattr(provider, "last_names", None)
        if names:
            return frozenset(name.casefold() for name in names)
    return frozenset()


@dataclass
class Substituted:
    set_name: str
    kind: str
    start: int
    end: int


def substitute(set_name: str, record: dict[str, Any], values: Values, rng: random.Random,
               identifiers: frozenset[str]) -> tuple[str, list[Substituted], list[tuple[int, int]]]:
    """The record's text with each span of a `SOURCES` label replaced, where, and where
    its identifier spans (`identifiers`) now are."""
    labels = SOURCES[set_name]
    spans = sorted(record["spans"], key=lambda s: (s["start_position"], -s["end_position"]))
    text, out, at, new = record["full_text"], [], 0, ""
    shifts: list[tuple[int, int]] = [(0, 0)]  # (old offset, change from there on)
    for s in spans:
        start, end = s["start_position"], s["end_position"]
        if s["entity_type"] not in labels or start < at or not text[start:end].strip():
            continue  # nested in (or overlapping) a span replaced already
        kind, value = values.pick(labels[s["entity_type"]], text[start:end], rng)
        new += text[at:start]
        out.append(Substituted(set_name, kind, len(new), len(new) + len(value)))
        new += value
        at = end
        shifts.append((end, len(new) - end))

    def moved(offset: int) -> int:  # an identifier span lies outside every replaced one
        return offset + [change for old, change in shifts if old <= offset][-1]

    kept = [(moved(s["start_position"]), moved(s["end_position"])) for s in spans
            if s["entity_type"].removesuffix("/NO_MASK") in identifiers]
    return new + text[at:], out, kept


def records_of(set_name: str, path: Path, half: str
               ) -> tuple[list[dict[str, Any]], frozenset[str]]:
    """The set's records of one tune half, and its labels of identifiers (a finding on
    one of those is no false alarm, as `scan_external` counts)."""
    if set_name == "synth":
        from scan_external import HIPAA_KINDS

        records = json.loads(path.read_text())
        return [r for r in records
                if tune_half(f"synth:{r.get('template_id', r['full_text'])}") == half], (
            HIPAA_KINDS)
    labelled = load_gum(path, organisations=True) if set_name == "gum" else (
        LOADERS[set_name](path))
    return [r for r in labelled.records if r["half"] == half], frozenset(
        labelled.clear_kinds)


def ours() -> Scan:
    from jupyter_safeai.scan import scan_text

    return lambda text: [(f.start, f.end) for f in scan_text(text) if f.category == "phi"]


def presidio() -> Scan:
    from presidio_baseline import PresidioBaseline

    baseline = PresidioBaseline(score_threshold=0.5)
    return lambda text: [(f.start, f.end) for f in baseline(text)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("a", "b"), required=True)
    parser.add_argument("--synth", type=Path)
    parser.add_argument("--set", action="append", default=[], metavar="NAME=PATH")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--presidio", action="store_true")
    parser.add_argument("--show", type=int, default=0, metavar="K",
                        help="print K false alarms of ours with context (half a only)")
    args = parser.parse_args(argv)
    if args.show and args.half != "a":
        parser.error("--show reads tune-a only: tune-b is measured, never read")
    paths = {name: Path(p) for name, p in DEFAULT_PATHS.items()}
    if args.synth or args.set:
        paths = {"synth": args.synth} if args.synth else {}
        for spec in args.set:
            name, _, path = spec.partition("=")
            if name not in SOURCES or name == "synth" or not path:
                parser.error(f"--set takes NAME=PATH, NAME one of {', '.join(SOURCES)}")
            paths[name] = Path(path)
    half = f"tune-{args.half}"
    values = Values.drawn(args.seed)
    rng = random.Random(args.seed)
    systems: dict[str, Scan] = {"ours": ours()}
    if args.presidio:
        systems["presidio"] = presidio()
    alarms: dict[str, Counter[tuple[str, str]]] = {name: Counter() for name in systems}
    tried: Counter[tuple[str, str]] = Counter()
    shown: list[str] = []
    for set_name, path in paths.items():
        if not path.exists():
            print(f"{set_name}: {path} not found, left out")
            continue
        records, identifiers = records_of(set_name, path, half)
        for record in records:
            text, subs, gold = substitute(set_name, record, values, rng, identifiers)
            if not subs:
                continue
            found = {name: [(a, b) for a, b in scan(text)
                            if not any(a < e and b > s for s, e in gold)]
                     for name, scan in systems.items()}
            for sub in subs:
                key = (set_name, sub.kind)
                tried[key] += 1
                for name, hits in found.items():
                    over = [(a, b) for a, b in hits if a < sub.end and b > sub.start]
                    alarms[name][key] += bool(over)
                    if over and name == "ours" and args.show:
                        a, b = min(a for a, _ in over), max(b for _, b in over)
                        shown.append(f"  {set_name:8s} {sub.kind:12s} "
                                     f"{text[max(0, sub.start - 60):sub.start]}"
                                     f"<<{text[sub.start:sub.end]}>>{text[sub.end:sub.end + 60]}"
                                     f"  finding {text[a:b]!r}".replace("\n", "⏎"))
    print(f"Values put into the labelled spans of the tune parts ({half}): share with a PHI "
          f"finding overlapping it (lower is better)")
    print(f"  {'set':10s} {'kind':14s} {'n':>6s}" + "".join(f"{n:>10s}" for n in systems))
    for key in sorted(tried):
        print(f"  {key[0]:10s} {key[1]:14s} {tried[key]:6d}" + "".join(
            f"{alarms[n][key] / tried[key]:10.3f}" for n in systems))
    total = sum(tried.values())
    print(f"  {'all':10s} {'':14s} {total:6d}" + "".join(
        f"{sum(alarms[n].values()) / max(1, total):10.3f}" for n in systems))
    for line in random.Random(args.seed).sample(shown, min(args.show, len(shown))):
        print(line)
    return 0


if __name__ == "__main__":
    from hash_seed import run_under_fixed_hash_seed

    run_under_fixed_hash_seed()
    sys.exit(main())
