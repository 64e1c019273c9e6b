"""Street addresses and phone numbers in frames written by others: the external sets'
tune texts with each gold place or phone span replaced by a Faker value of many locales.

Our own probes (`address_formats.py`, `phone_formats.py`) write their frames here, and
rules tuned on them read those frames. This one keeps the sentences of data nobody here
wrote (`labelled_sets.LOADERS`: ASQ-PHI's locations and phones, PhysioNet deid's
Location and Phone, TAB's and PANORAMA's places, PANORAMA's codes that are phone numbers,
GUM's capitalised places) and puts a Faker value where the gold span was, offsets
adjusted: an address of a Latin-script locale in one of five shapes (`street` line alone,
`street+city`, `one-line` full address, `two-lines` where the text already breaks lines,
`lower` one-line in lower case) or a phone number of any locale (`phone`). Place spans
next to each other (`Boston, MA 02115` labelled in three) are replaced as one.

Reported per set and shape, for one tune half (`--half a|b`): the share of substituted
values at least half covered by findings of the matching labels (a place: street,
postcode or location; a phone: phone or fax) and by any PHI finding. `--show K` prints
K misses (tune-a only: tune-b is measured, never read); `--presidio` runs plain presidio
on the same texts beside ours. Values come from a fixed seed; `--variants N` draws N
substitutions of every text.

    PYTHONPATH=$PWD python benchmarks/place_frames.py --half a [--set asq-phi=/tmp/ext/asq-phi
        ...] [--variants 3] [--show 20] [--presidio]

Without `--set`, the sets are read from `/tmp/ext/<name>` where they exist.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from faker import Faker  # noqa: E402
from faker.config import AVAILABLE_LOCALES  # noqa: E402
from labelled_sets import LOADERS  # noqa: E402
from scan_external import covered, ours_scanner, presidio_scanner, shown  # noqa: E402

PLACE_LABELS = ("STREET_ADDRESS", "ZIP_CODE", "LOCATION")
PHONE_LABELS = ("PHONE_NUMBER", "FAX_NUMBER")
#: set → (its place labels, its phone labels)
TARGETS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "asq-phi": (("GEOGRAPHIC_LOCATION",), ("PHONE_NUMBER", "FAX_NUMBER")),
    "physionet-deid": (("Location",), ("Phone",)),
    "tab": (("LOC",), ()),
    "panorama": (("LOC",), ("CODE",)),  # a code only where its text is a phone number
    "gum": (("place",), ()),
}
#: a PANORAMA code that is a phone number: digits in groups or after a `+` (a bare run
#: of digits is as often a passport or an account number)
_PHONE_TEXT = re.compile(r"(?=.*[ ().-]|\+)\+?[\d(][\d ().\-]{5,}\d")
_JOIN = re.compile(r"[\s,;/-]{0,3}")
#: address shapes: name → a value from a Faker instance
SHAPES: dict[str, Callable[[Faker], str]] = {
    "street": lambda fake: fake.street_address(),
    "street+city": lambda fake: f"{fake.street_address()}, {fake.city()}",
    "one-line": lambda fake: _one_line(fake.address()),
    "two-lines": lambda fake: fake.address(),
    "lower": lambda fake: _one_line(fake.address()).lower(),
}


def _one_line(address: str) -> str:
    return re.sub(r"\s*\n\s*", ", ", address.strip()).replace(", ,", ",")


def latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return sum(c < "\u0250" for c in letters) >= 0.8 * max(1, len(letters))


def locales(seed: int) -> tuple[list[Faker], list[Faker]]:
    """Faker instances of the Latin-script locales that write addresses, and of every
    locale that writes phone numbers, each seeded."""
    places, phones = [], []
    for code in AVAILABLE_LOCALES:
        fake = Faker(code)
        fake.seed_instance(seed)
        try:
            if latin(fake.address()) and latin(fake.street_address()):
                places.append(fake)
        except AttributeError:
            pass
        try:
            fake.phone_number()
            phones.append(fake)
        except AttributeError:
            pass
    return places, phones


def targets(name: str, text: str, spans: Sequence[dict[str, Any]]) -> list[tuple[int, int, str]]:
    """(start, end, kind `place`|`phone`) of the spans to replace, neighbouring place spans
    joined."""
    place_labels, phone_labels = TARGETS[name]
    found: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: s["start_position"]):
        start, end, label = span["start_position"], span["end_position"], span["entity_type"]
        value = text[start:end]
        if label in place_labels:
            if name == "gum" and not value[:1].isupper():
                continue  # GUM's places run from a kitchen to a continent
            kind = "place"
        elif label in phone_labels and (name != "panorama" or _PHONE_TEXT.fullmatch(value)):
            kind = "phone"
        else:
            continue
        if found and found[-1][2] == kind == "place" and found[-1][1] <= start \
                and _JOIN.fullmatch(text[found[-1][1]:start]):
            found[-1] = (found[-1][0], end, kind)
        elif not found or found[-1][1] <= start:
            found.append((start, end, kind))
    return found


def substitute(text: str, spans: list[tuple[int, int, str]], rng: random.Random,
               places: list[Faker], phones: list[Faker]
               ) -> tuple[str, list[tuple[int, int, str, str, str]]]:
    """The text with every span replaced; (start, end, kind, shape, locale) of the new
    values."""
    shapes = [s for s in SHAPES if s != "two-lines" or "\n" in text]
    out, placed, at = [], [], 0
    for start, end, kind in spans:
        if kind == "phone":
            fake = rng.choice(phones)
            shape, value = "phone", fake.phone_number()
        else:
            fake = rng.choice(places)
            shape = rng.choice(shapes)
            value = SHAPES[shape](fake).strip()
        out.append(text[at:start])
        new_start = sum(map(len, out))
        out.append(value)
        placed.append((new_start, new_start + len(value), kind, shape, fake.locales[0]))
        at = end
    out.append(text[at:])
    return "".join(out), placed


class Tally:
    def __init__(self) -> None:
        self.counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        self.misses: list[str] = []

    def add(self, key: tuple[str, str], system: str, strict: bool, loose: bool) -> None:
        count = self.counts[key]
        count["n" + system] += 1
        count["strict" + system] += strict
        count["any" + system] += loose


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", action="append", default=[], metavar="NAME=DIR")
    parser.add_argument("--half", choices=("a", "b"), required=True)
    parser.add_argument("--variants", type=int, default=3)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--presidio", action="store_true")
    args = parser.parse_args(argv)
    if args.show and args.half != "a":
        parser.error("--show reads tune-a only: tune-b is measured, never read")
    warnings.filterwarnings("ignore")
    dirs = dict(s.split("=", 1) for s in args.set) or {
        n: f"/tmp/ext/{n}" for n in TARGETS if Path(f"/tmp/ext/{n}").exists()}
    half = "tune-" + args.half
    places, phones = locales(args.seed)
    systems: dict[str, Callable[[str], list[Any]]] = {"ours": ours_scanner()}
    if args.presidio:
        systems["presidio"] = presidio_scanner()
    tally = Tally()
    for name, folder in dirs.items():
        labelled = LOADERS[name](Path(folder))
        rng = random.Random(f"{args.seed}:{name}")
        for rec in labelled.records:
            if rec["half"] != half:
                continue
            spans = targets(name, rec["full_text"], rec["spans"])
            if not spans:
                continue
            for _ in range(args.variants):
                text, placed = substitute(rec["full_text"], spans, rng, places, phones)
                for system, scan in systems.items():
                    hits = scan(text)
                    phi = [h for h in hits if h.category == "phi"]
                    for start, end, kind, shape, locale in placed:
                        labels = PLACE_LABELS if kind == "place" else PHONE_LABELS
                        strict = covered(start, end, [h for h in phi if h.entity in labels]) >= 0.5
                        loose = covered(start, end, phi) >= 0.5
                        tally.add((name, shape), system, strict, loose)
                        tally.add((name, "all " + kind), system, strict, loose)
                        tally.add(("all", shape), system, strict, loose)
                        if system == "ours" and not strict and len(tally.misses) < args.show:
                            tally.misses.append(f"{name} {shape} {locale}: "
                                                + shown(text, start, end, True, 70))
    names = list(systems)
    head = "".join(f"{s + ' label':>15}{s + ' any':>13}" for s in names)
    print(f"place/phone values in frames written elsewhere ({half}, {args.variants} "
          f"variants, seed {args.seed}; {len(places)} address locales, {len(phones)} phone)")
    print(f"{'set':<16}{'shape':<13}{'n':>6}{head}")
    for (name, shape), count in sorted(tally.counts.items(),
                                       key=lambda item: (item[0][0] == "all", item[0])):
        cells = "".join(f"{count['strict' + s] / count['n' + s]:>15.3f}"
                        f"{count['any' + s] / count['n' + s]:>13.3f}" for s in names)
        print(f"{name:<16}{shape:<13}{count['nours']:>6}{cells}")
    for miss in tally.misses:
        print("  miss |", miss)
    return 0


if __name__ == "__main__":
    from hash_seed import run_under_fixed_hash_seed

    run_under_fixed_hash_seed()
    raise SystemExit(main())
