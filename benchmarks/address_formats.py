"""Postal addresses as every Faker locale writes them, in a few frames (with a cue, on
lines of their own, alone), and the share of them at least half covered by a street,
postcode or place finding, per locale and overall.

Generated here with a fixed seed: no data set is read. Scripts other than Latin are
reported but say little: the scanner reads Latin-script addresses.

    PYTHONPATH=$PWD python benchmarks/address_formats.py [--per-locale 6] [--show 20]
"""

from __future__ import annotations

import argparse
import random
import warnings
from collections import Counter, defaultdict

from faker import Faker
from faker.config import AVAILABLE_LOCALES

from jupyter_safeai.scan import scan_text

PLACES = {"STREET_ADDRESS", "ZIP_CODE", "LOCATION"}
FRAMES = (
    "Please send the forms to {x}.",
    "She lives at {x} with her husband.",
    "{x}",
    "Address: {x}",
    "The clinic wrote to {x} last week.",
    "Ship to:\n{x}",
)


def covered(text: str, start: int, end: int) -> float:
    """The share of text[start:end] under a place finding."""
    spans = [f for f in scan_text(text) if f.entity in PLACES]
    return sum(max(0, min(end, f.end) - max(start, f.start)) for f in spans) / (end - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-locale", type=int, default=6)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    warnings.filterwarnings("ignore")  # deprecated locales
    rng = random.Random(args.seed)
    found: dict[str, Counter[bool]] = defaultdict(Counter)
    missed: list[str] = []
    for locale in AVAILABLE_LOCALES:
        fake = Faker(locale)
        fake.seed_instance(args.seed)
        for _ in range(args.per_locale):
            try:
                address = fake.address()
            except AttributeError:
                break
            frame = rng.choice(FRAMES)
            if "\n" not in frame and rng.random() < 0.5:
                address = address.replace("\n", ", ")
            text = frame.replace("{x}", address)
            start = frame.index("{x}")
            ok = covered(text, start, start + len(address)) >= 0.5
            found[locale][ok] += 1
            if not ok:
                missed.append(f"{locale}: {text!r}")
    total = Counter[bool]()
    for count in found.values():
        total.update(count)
    print(f"addresses at least half covered: {total[True] / max(1, sum(total.values())):.3f} "
          f"(n={sum(total.values())}, {len(found)} locales)")
    worst = sorted(found.items(), key=lambda item: item[1][True] / sum(item[1].values()))
    print("  lowest:", ", ".join(f"{locale} {count[True] / sum(count.values()):.2f}"
                                for locale, count in worst[:12]))
    for row in missed[:args.show]:
        print("  miss |", row)


if __name__ == "__main__":
    main()
