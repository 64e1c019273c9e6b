"""Postal addresses as every Faker locale writes them, in many frames and shapes, and the
share of them at least half covered by a street, postcode or place finding: overall, per
locale, per frame and per shape; then look-alikes that must stay quiet (code, versions,
table cells, measures, `Section 3, Part 2`, dates, products with numbers).

Set `a` is the first frames and shapes; set `b` (another seed) is worded apart from it:
prose, lower case, after a verb or a preposition, in brackets, quotes, lists and table
cells, under a company's or a person's line, and adds shapes (a street in lower case, a
street over its town, a building number before a street, the block template `number
street⏎town⏎, code⏎ ZIP` upper and lower case). A rule that reads addresses only in set
a's sentences shows as a gap between the two.

Generated here with a fixed seed: no data set is read. Scripts other than Latin are
reported apart and say little: the scanner reads Latin-script addresses.

    PYTHONPATH=$PWD python benchmarks/address_formats.py [--per-locale 12] [--show 20]
        [--set a|b|both] [--frame lives] [--shape street] [--quiet-show 20]
"""

from __future__ import annotations

import argparse
import random
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable

from faker import Faker
from faker.config import AVAILABLE_LOCALES

from jupyter_safeai.scan import scan_text

PLACES = {"STREET_ADDRESS", "ZIP_CODE", "LOCATION"}
#: Frames an address is written in: name, text with `{x}` (a frame whose name ends in
#: `-1` takes one line only).
FRAMES = (
    ("send", "Please send the forms to {x}."),
    ("lives", "She lives at {x} with her husband."),
    ("alone", "{x}"),
    ("label", "Address: {x}"),
    ("wrote", "The clinic wrote to {x} last week."),
    ("ship", "Ship to:\n{x}"),
    ("request", "Can you check whether {x} is inside our delivery area?"),
    ("moved", "In March he moved to {x}, near his daughter."),
    ("list", "Sites visited:\n- {x}\n- the pharmacy"),
    ("ship-1", "ship to {x} asap"),
    ("json-1", '{{"name": "Ana", "address": "{x}"}}'),
    ("old-1", "Her previous address was {x}; please update it."),
    ("home-1", "Home address - {x} (since 2019)"),
    ("deliver-1", "deliver the parcel to {x} tomorrow morning"),
)
#: A second set of frames, worded apart from the first (prose, lower case, after a verb,
#: lists, blocks under a company or person line, a table cell): measured beside the first,
#: so a rule that reads an address only in the first set's sentences shows.
FRAMES_B = (
    ("b-office", "Our new office opened at {x} in the spring."),
    ("b-lower-1", "i am staying at {x} until friday"),
    ("b-located-1", "the bakery is located at {x} and opens at seven"),
    ("b-subject-1", "{x} is where the meeting will be held."),
    ("b-return", "The letter came back from {x} unopened."),
    ("b-bus-1", "take the number 5 bus to {x}, then walk two minutes"),
    ("b-company", "Northwind Trading Ltd\n{x}\nTel. office hours only"),
    ("b-person", "Mr. Jonas Berg\n{x}"),
    ("b-numbered", "Branches:\n1. {x}\n2. see website"),
    ("b-bullet", "* {x}\n* closed on Sundays"),
    ("b-cell-1", "| Lisbon office | {x} | open |"),
    ("b-quoted-1", "The form says \"{x}\" as her residence."),
    ("b-visit-1", "we visited my aunt at {x} last summer"),
    ("b-invoice", "Invoice to:\n\n{x}\n\nDue in 30 days."),
    ("b-colon-1", "residence: {x}"),
    ("b-paren-1", "The hostel ({x}) has free wifi."),
)
#: Shapes an address is written in, each from a Faker instance.
SHAPES: tuple[tuple[str, Callable[[Faker], str]], ...] = (
    ("full", lambda fake: fake.address()),
    ("one-line", lambda fake: fake.address().replace("\n", ", ")),
    ("lower", lambda fake: fake.address().replace("\n", ", ").lower()),
    ("street", lambda fake: fake.street_address()),
    ("street+city", lambda fake: f"{fake.street_address()}, {fake.city()}"),
)
#: More shapes for the second set: a street in lower case, a street over its town.
SHAPES_B = SHAPES + (
    ("street-lower", lambda fake: fake.street_address().lower()),
    ("two-lines", lambda fake: f"{fake.street_address()}\n{fake.city()}"),
    ("numbered", lambda fake: f"{fake.building_number()} {fake.street_address()}"),
    ("template", lambda fake: f"{fake.building_number()} {fake.street_address()}\n"
                              f"{fake.city()}\n, {_state(fake)}\n {fake.numerify('#####')}"),
    ("template-lower", lambda fake: f"{fake.building_number()} {fake.street_name()}\n"
                                    f"{fake.city()}\n, {_state(fake)}\n "
                                    f"{fake.numerify('#####')}".lower()),
)


def _state(fake: Faker) -> str:
    """A state's or region's code of the locale, or two letters of its country's name."""
    try:
        return str(fake.state_abbr())
    except AttributeError:
        return fake.country()[:2].upper()
#: Flat, floor and box parts in several languages, and PO boxes: (name, text).
UNIT_PARTS = (
    "Apt 4B", "Flat 3", "Wohnung 5", "2. OG", "piso 3º", "3º izq.", "m. 42", "kv. 17",
    "lok. 12", "App. 5", "Bl. 4, Sc. A, Ap. 12", "Etage 2", "bus 3", "Top 7",
    "esc. B, 2º 1ª", "int. 6",
)
PO_BOXES = (
    "PO Box 4410", "P.O. Box 77", "Postfach 12 34", "Apartado 231", "Caixa Postal 1120",
    "BP 45", "Boîte postale 18", "Casilla 902", "Skrytka pocztowa 44", "Postboks 301",
    "Box 1123", "Casella postale 55",
)
#: Text that holds numbers and capitalised words and is no address.
LOOK_ALIKES = (
    "See Section 3, Part 2 for the definitions.",
    "Figure 4 shows Table 2 and Chapter 7.",
    "pip install numpy==1.26.4 pandas>=2.1",
    "Python 3.11 and Node 20 are required.",
    "model = Sequential([Dense 64, Dropout 0.5])",
    "df.loc[12, 'Weight'] = 70.5",
    "| Patient | Age | Ward |\n| 12 | 54 | Block 4 |",
    "Mix 250 ml water with 5 g sugar at 37 C.",
    "The tumour measured 3.2 x 4.1 cm on 12 March 2021.",
    "Order: iPhone 15 Pro, Galaxy S23, Pixel 8",
    "Run epoch 12, batch 64, learning rate 0.001.",
    "Meet at Gate 12, Terminal 3 at 14:30.",
    "Windows 11 Pro, Office 365, Adobe Acrobat 2020",
    "Room temperature: 21 degrees, humidity 45%.",
    "Step 5: Open Settings 2 and choose Display 1.",
    "Volume 12, Issue 3, pp. 45-67.",
    "Level 3 Trauma Center in Ward 7",
    "Call of Duty 4 and Final Fantasy 7 Remake",
    "Version 2.3.1 (build 4410) released 2023-05-01",
    "Lot 2345 expires 12/2026; Batch 77",
    "x = np.arange(10).reshape(2, 5)",
    "Route 66 and Highway 1 are scenic drives.",
    "Article 8, Paragraph 2 of the Convention",
    "Score: Team Alpha 3, Team Beta 2",
    "Dose 500 mg twice daily for 7 days",
    "Apollo 11 landed in July 1969.",
    "The Boeing 737 MAX and Airbus A320 neo",
    "Appendix B, Annex 4, Schedule 2",
    "Layer 3 Switch with Port 24 and VLAN 10",
    "Bed 4, Bay 2, Ward C",
)


def place_spans(text: str) -> list[tuple[int, int]]:
    return [(f.start, f.end) for f in scan_text(text) if f.entity in PLACES]


def covered(text: str, start: int, end: int) -> float:
    """The share of text[start:end] under a place finding."""
    return sum(max(0, min(end, high) - max(start, low))
               for low, high in place_spans(text)) / (end - start)


def latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return sum(c < "\u0250" for c in letters) >= 0.8 * max(1, len(letters))


def _ratio(count: Counter[bool]) -> float:
    return count[True] / max(1, sum(count.values()))


class Tally:
    """Covered or not, per locale, frame and shape, and the misses to show."""

    def __init__(self) -> None:
        self.by_locale: dict[str, Counter[bool]] = defaultdict(Counter)
        self.by_frame: dict[str, Counter[bool]] = defaultdict(Counter)
        self.by_shape: dict[str, Counter[bool]] = defaultdict(Counter)
        self.other_script: Counter[bool] = Counter()
        self.missed: list[str] = []

    def report(self, title: str, show: int) -> None:
        total: Counter[bool] = Counter()
        for count in self.by_locale.values():
            total.update(count)
        print(f"{title}: Latin-script addresses at least half covered: {_ratio(total):.3f} "
              f"(n={sum(total.values())}, {len(self.by_locale)} locales); other scripts "
              f"{_ratio(self.other_script):.3f} (n={sum(self.other_script.values())})")
        print("  by frame:", ", ".join(f"{name} {_ratio(c):.2f}"
                                       for name, c in sorted(self.by_frame.items())))
        print("  by shape:", ", ".join(f"{name} {_ratio(c):.2f}"
                                       for name, c in self.by_shape.items()))
        worst = sorted(self.by_locale.items(), key=lambda item: _ratio(item[1]))
        print("  lowest:", ", ".join(f"{locale} {_ratio(count):.2f}"
                                     for locale, count in worst[:20]))
        for row in self.missed[:show]:
            print("  miss |", row)


def measure(frames: tuple[tuple[str, str], ...],
            shapes: tuple[tuple[str, Callable[[Faker], str]], ...], seed: int, per_locale: int,
            args: argparse.Namespace) -> Tally:
    """Addresses of every locale in `frames` and `shapes`, drawn with `seed`."""
    rng = random.Random(seed)
    tally = Tally()
    for locale in AVAILABLE_LOCALES:
        fake = Faker(locale)
        fake.seed_instance(seed)
        for _ in range(per_locale):
            shape, make = rng.choice(shapes)
            try:
                address = make(fake).strip()
            except AttributeError:
                break
            if rng.random() < 0.15:  # a flat or a PO box
                extra = rng.choice(UNIT_PARTS + PO_BOXES)
                address = (f"{extra}, {address}" if extra in PO_BOXES
                           else f"{address.split(chr(10))[0]}, {extra}"
                           + address[len(address.split(chr(10))[0]):])
                shape = "box" if extra in PO_BOXES else "unit"
            frame_name, frame = rng.choice(frames)
            if frame_name.endswith("-1") or "\n" not in frame and rng.random() < 0.5:
                address = address.replace("\n", ", ").replace(", , ", ", ").replace(",  ", " ")
            text = frame.replace("{{", "{").replace("}}", "}").replace("{x}", address)
            start = text.index(address)
            ok = covered(text, start, start + len(address)) >= 0.5
            if not latin(address):
                tally.other_script[ok] += 1
                continue
            tally.by_locale[locale][ok] += 1
            tally.by_frame[frame_name][ok] += 1
            tally.by_shape[shape][ok] += 1
            if not ok and (not args.frame or args.frame == frame_name) and (
                    not args.shape or args.shape == shape) and (
                        not args.locale or args.locale == locale):
                tally.missed.append(f"{locale} {shape}/{frame_name}: {text!r}")
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-locale", type=int, default=12)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--set", choices=("a", "b", "both"), default="both",
                        help="a: the first frames and shapes; b: the second, another seed")
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--frame", default="", help="show misses of this frame only")
    parser.add_argument("--shape", default="", help="show misses of this shape only")
    parser.add_argument("--locale", default="", help="show misses of this locale only")
    parser.add_argument("--quiet-show", type=int, default=0)
    args = parser.parse_args()
    warnings.filterwarnings("ignore")  # deprecated locales
    if args.set in ("a", "both"):
        measure(FRAMES, SHAPES, args.seed, args.per_locale, args).report("set a", args.show)
    if args.set in ("b", "both"):
        measure(FRAMES_B, SHAPES_B, args.seed + 1, args.per_locale, args).report(
            "set b", args.show)
    loud = [(text, [text[a:b] for a, b in place_spans(text)]) for text in LOOK_ALIKES]
    loud = [(text, spans) for text, spans in loud if spans]
    print(f"look-alikes with a place finding: {len(loud)} of {len(LOOK_ALIKES)}")
    for text, spans in loud[:args.quiet_show]:
        print("  loud |", repr(text), spans)


if __name__ == "__main__":
    from hash_seed import run_under_fixed_hash_seed

    run_under_fixed_hash_seed()
    main()
