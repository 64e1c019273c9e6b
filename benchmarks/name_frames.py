"""Faker's names in sentences written by others: the external sets' own frames around a
person, with the person replaced.

Our name rules were tuned on frames we wrote or read, and a held-out set's frames show
it (held-out synth PERSON recall well under tune). This probe keeps the words around
every gold person span of the external sets' tune parts (GUM, TAB, WNUT-17, PANORAMA,
PhysioNet deid's patient, relative and clinician names, ASQ-PHI's names) and puts a name
drawn from Faker's Latin-script locales (fixed seed) in its place, in one of five shapes:
a full name, a given name alone, `Title Surname`, `Surname, Given` and a full name in
lower case. One original name gets one new name throughout its text, and the other
spans move with it. The score is the share of substituted names at least half covered
by a PHI finding, per set and shape, for one tune half (`--half a|b`): read the misses
of half `a` only (`--show K`) and measure half `b` without reading it. `--presidio`
puts plain presidio (`presidio_baseline.py`) beside ours on the same texts.

    PYTHONPATH=$PWD python benchmarks/name_frames.py --set gum=/tmp/ext/gum ... \
        [--half a|b] [--presidio] [--show K]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from labelled_sets import LOADERS  # noqa: E402
from person_formats import covered, latin  # noqa: E402

#: per set, its labels that mark a person's name (initials and unmasked names stay)
PERSON_LABELS: dict[str, frozenset[str]] = {
    "gum": frozenset({"person"}),
    "tab": frozenset({"PERSON"}),
    "wnut17": frozenset({"person"}),
    "panorama": frozenset({"PERSON"}),
    "physionet-deid": frozenset({"PTName", "RelativeProxyName", "HCPName"}),
    "asq-phi": frozenset({"NAME"}),
}
#: shape → its share of substituted names (percent)
SHAPES: dict[str, int] = {"full": 60, "given": 10, "title surname": 10,
                          "surname, given": 10, "lower full": 10}
TITLES = ("Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Dr", "Prof.")
#: a title the frame already puts before the name: the new name is then a surname
_TITLE_BEFORE = re.compile(r"\b(?:mr|mrs|ms|miss|dr|prof|sir|madam|nurse|rev)\.?\s+$", re.I)

Spans = list[tuple[int, int]]


def people(seed: int, per_locale: int = 12) -> list[tuple[str, str, str]]:
    """(locale, given, surname) of every Latin-script Faker locale, each locale seeded
    apart (the English locales share providers: one seed would draw one name many
    times), without repeats."""
    from faker import Faker
    from faker.config import AVAILABLE_LOCALES

    out, seen = [], set()
    for locale in AVAILABLE_LOCALES:
        fake = Faker(locale)
        fake.seed_instance(f"{seed}:{locale}")
        try:
            drawn = [(fake.first_name(), fake.last_name()) for _ in range(per_locale)]
        except AttributeError:
            continue
        for given, surname in drawn:
            if latin(given + surname) and " " not in given and (given, surname) not in seen:
                seen.add((given, surname))
                out.append((locale, given, surname))
    return out


def substitute(text: str, spans: list[dict[str, Any]], labels: frozenset[str],
               rng: random.Random, folks: list[tuple[str, str, str]]
               ) -> tuple[str, list[tuple[int, int, str]], list[dict[str, Any]]]:
    """The text with each person span replaced by a Faker name: the new text, the new
    names' (start, end, shape) and the other spans moved (dropped where they overlapped
    a replaced name)."""
    names = sorted((s for s in spans if s["entity_type"] in labels),
                   key=lambda s: s["start_position"])
    chosen: list[dict[str, Any]] = []
    for s in names:  # nested or overlapping person spans: keep the first
        if not chosen or s["start_position"] >= chosen[-1]["end_position"]:
            chosen.append(s)
    new_of: dict[str, tuple[str, str]] = {}
    out: list[str] = []
    placed: list[tuple[int, int, str]] = []
    shift: list[tuple[int, int, int]] = []
    at = 0
    for s in chosen:
        start, end = s["start_position"], s["end_position"]
        old = text[start:end]
        if old not in new_of:
            _, given, surname = rng.choice(folks)
            shape = rng.choices(list(SHAPES), weights=list(SHAPES.values()))[0]
            new_of[old] = (shape, _shaped(shape, given, surname, rng))
        shape, new = new_of[old]
        before = text[at:start]
        if shape == "title surname" and _TITLE_BEFORE.search(text[max(0, start - 12):start]):
            new = new.split(" ", 1)[1]  # the frame's own title stays, the new one goes
        out.append(before)
        begin = sum(map(len, out))
        out.append(new)
        # the surname is the name: a title is no part of it (as GUM's and TAB's spans)
        skip = new.index(" ") + 1 if shape == "title surname" and " " in new else 0
        placed.append((begin + skip, begin + len(new), shape))
        shift.append((start, end, begin + len(new) - end))
        at = end
    out.append(text[at:])
    moved = []
    for s in spans:
        if s in chosen:
            continue
        a, b = s["start_position"], s["end_position"]
        if any(a < e and st < b for st, e, _ in shift):
            continue
        delta = sum(d for _, e, d in shift if e <= a)
        moved.append({**s, "start_position": a + delta, "end_position": b + delta})
    return "".join(out), placed, moved


def _shaped(shape: str, given: str, surname: str, rng: random.Random) -> str:
    if shape == "given":
        return given
    if shape == "title surname":
        return f"{rng.choice(TITLES)} {surname}"
    if shape == "surname, given":
        return f"{surname}, {given}"
    if shape == "lower full":
        return f"{given} {surname}".lower()
    return f"{given} {surname}"


def ours() -> Callable[[str], Spans]:
    import jupyter_safeai
    from jupyter_safeai.scan.notebook import raw_findings

    def scan(text: str) -> Spans:
        return [(f.start, f.end) for f in raw_findings(text, jupyter_safeai.scan_text)
                if f.category == "phi"]
    return scan


def presidio() -> Callable[[str], Spans]:
    from presidio_baseline import PresidioBaseline

    baseline = PresidioBaseline(score_threshold=0.5)  # as scan_external
    return lambda text: [(f.start, f.end) for f in baseline(text)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", action="append", default=[], metavar="NAME=PATH",
                        help="a labelled set (default: each of /tmp/ext/NAME): "
                        + ", ".join(PERSON_LABELS))
    parser.add_argument("--half", choices=("a", "b"), default="a")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--presidio", action="store_true")
    parser.add_argument("--show", type=int, default=0, metavar="K",
                        help="print K misses of ours per set (half a only)")
    args = parser.parse_args(argv)
    if args.show and args.half != "a":
        parser.error("--show reads half a only: half b is measured, never read")
    folks = people(args.seed)
    systems = {"ours": ours()} | ({"presidio": presidio()} if args.presidio else {})
    shapes = list(SHAPES)
    print(f"Faker names of {len({loc for loc, _, _ in folks})} locales in the frames of "
          f"the external sets (tune-{args.half}); share of names >= 50 % covered by PHI")
    header = f"  {'set':16s} {'system':9s}" + "".join(f"{s:>15s}" for s in shapes) + \
        f"{'all':>9s}"
    print(header)
    specs = args.set or [f"{n}=/tmp/ext/{n}" for n in PERSON_LABELS
                         if Path(f"/tmp/ext/{n}").exists()]  # as place_frames, quiet_frames
    for spec in specs:
        name, _, path = spec.partition("=")
        if name not in PERSON_LABELS or not path:
            parser.error(f"--set takes NAME=PATH, NAME one of {', '.join(PERSON_LABELS)}")
        labels = PERSON_LABELS[name]
        rng = random.Random(f"{args.seed}:{name}")
        texts = []
        for record in LOADERS[name](Path(path)).records:
            if record["half"] != f"tune-{args.half}":
                continue
            if not any(s["entity_type"] in labels for s in record["spans"]):
                continue
            text, placed, _ = substitute(record["full_text"], record["spans"], labels, rng,
                                         folks)
            texts.append((text, placed))
        misses: list[str] = []
        for system, scan in systems.items():
            hit: dict[str, Counter[bool]] = defaultdict(Counter)
            for text, placed in texts:
                found = scan(text)
                for start, end, shape in placed:
                    ok = covered(start, end, found)
                    hit[shape][ok] += 1
                    if not ok and system == "ours":
                        near = [text[a:b] for a, b in found if b > start - 90 and a < end + 60]
                        misses.append(f"{shape}: ...{text[max(0, start - 90):start]}[["
                                      f"{text[start:end]}]]{text[end:end + 60]}... found {near}")
            row = f"  {name:16s} {system:9s}"
            for shape in shapes:
                n = sum(hit[shape].values())
                row += f"{hit[shape][True] / n:9.3f} n={n:<4d}" if n else f"{'-':>15s}"
            total = sum((hit[s] for s in shapes), Counter())
            row += f"{total[True] / max(1, sum(total.values())):9.3f}"
            print(row, flush=True)
        if args.show:
            for row in random.Random(args.seed).sample(misses, min(args.show, len(misses))):
                print("    miss", name, "|", row.replace("\n", " / "))
    return 0


if __name__ == "__main__":
    from hash_seed import run_under_fixed_hash_seed

    run_under_fixed_hash_seed()
    sys.exit(main())
