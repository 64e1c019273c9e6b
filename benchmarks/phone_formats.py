"""Phone numbers in every shape Faker's locales write them, in prose without a phone word,
and numbers that only look like phones (dates, versions, ranges, ISBNs, coordinates,
measurements, addresses of machines), which must stay quiet.

Generated here with a fixed seed: no data set is read. The share of numbers found is
given per shape (`+` country code, extension, separated groups, bare digits: a bare run
is no phone without a label, so it is reported but not expected), and the share of
look-alikes reported as a phone.

A second part puts numbers of every country `phonenumbers` knows (its example numbers
with their last digits drawn anew, written in the country's own and international
layouts, with dots or dashes, or bare) and Faker's into sentences that speak of phoning
somewhere other than right before the number (`Dial 612 345 678 and ask for the ward`,
`The new mobile is with her sister: 0612 345 678.`, in a few languages, or in a
signature), beside look-alikes in such sentences (`call the function with 1 000 000
samples`, `I'll ring you on 12.03.2024`), which must stay quiet.

    PYTHONPATH=$PWD python benchmarks/phone_formats.py [--per-locale 40] [--show 20]
"""

from __future__ import annotations

import argparse
import random
import re
from collections import Counter, defaultdict

from faker import Faker
from faker.config import AVAILABLE_LOCALES

from jupyter_safeai.scan import scan_text

PHONES = {"PHONE_NUMBER", "FAX_NUMBER"}

#: Prose around a number without any word that says it is one.
TEMPLATES = (
    "{x}",
    "I wrote {x} on the back of the envelope.",
    "Her daughter is usually at {x} in the evenings.",
    "Marta Lindqvist {x}",
    "Left a message at {x} yesterday, no answer yet.",
    "Please use {x} after 5pm, the front desk closes early.",
    "The son gave us {x} before he left.",
    "Dr. Okafor ({x}) agreed to see him on Monday.",
    "- daughter Anna: {x}",
    "If anything changes, {x} is the best way to get hold of the family.",
)


def shape(number: str) -> str:
    """The unambiguous mark a number carries, or `bare`/`grouped`."""
    if re.search(r"(?:x|ext\.?)\s?\d+$", number, re.IGNORECASE):
        return "extension"
    if number.lstrip("(").startswith(("+", "00")):
        return "country code"
    if re.fullmatch(r"\d+", number):
        return "bare digits"
    return "grouped"


def phones(per_locale: int, seed: int) -> list[tuple[str, str]]:
    out = []
    for locale in AVAILABLE_LOCALES:
        fake = Faker(locale)
        fake.seed_instance(seed)
        try:
            numbers = {fake.phone_number() for _ in range(per_locale)}
        except AttributeError:
            continue
        out += [(locale, n) for n in sorted(numbers)]
    return out


def look_alikes(count: int, seed: int) -> list[tuple[str, str]]:
    """Numbers with a phone's digits or separators that are something else."""
    rng = random.Random(seed)
    d = rng.randint
    makers = {
        "date": lambda: rng.choice([f"{d(1990, 2030)}-{d(1, 12):02d}-{d(1, 28):02d}",
                                    f"{d(1, 12):02d}/{d(1, 28):02d}/{d(1990, 2030)}",
                                    f"{d(1, 28):02d}.{d(1, 12):02d}.{d(1990, 2030)}",
                                    f"{d(1990, 2030)}{d(1, 12):02d}{d(1, 28):02d}"]),
        "datetime": lambda: f"{d(1990, 2030)}-{d(1, 12):02d}-{d(1, 28):02d} "
                            f"{d(0, 23):02d}:{d(0, 59):02d}:{d(0, 59):02d}",
        "version": lambda: rng.choice([f"{d(0, 12)}.{d(0, 30)}.{d(0, 200)}",
                                       f"{d(1, 11)}.{d(0, 9)}.{d(10000, 22631)}.{d(1, 3000)}",
                                       f"v{d(0, 5)}.{d(0, 40)}.{d(0, 9)}-rc{d(1, 4)}"]),
        "range": lambda: rng.choice([f"{(y := d(1900, 2030))}-{y + d(1, 9)}",
                                     f"{(a := d(100, 900))}-{a + d(1, 99)}",
                                     f"{d(1990, 2020)}-{d(2021, 2030)} season",
                                     f"pages {(p := d(100, 999))}-{p + d(1, 40)}"]),
        "isbn": lambda: rng.choice([f"978-{d(0, 9)}-{d(100, 999)}-{d(10000, 99999)}-{d(0, 9)}",
                                    f"{d(0, 9)}-{d(100, 999)}-{d(10000, 99999)}-{d(0, 9)}",
                                    f"ISBN {d(100, 999)}-{d(0, 9)}-{d(1000, 9999)}-"
                                    f"{d(1000, 9999)}-{d(0, 9)}"]),
        "coordinates": lambda: f"{rng.uniform(-90, 90):.4f}, {rng.uniform(-180, 180):.4f}",
        "measurement": lambda: rng.choice([f"{d(1, 99)}.{d(0, 9)} x {d(1, 99)}.{d(0, 9)} cm",
                                           f"{d(100, 999)} {d(100, 999)} {d(1000, 9999)} mm",
                                           f"{d(10, 99)}.{d(100, 999)} {d(10, 99)}.{d(100, 999)}"
                                           f" {d(10, 99)}.{d(100, 999)}"]),
        "ip": lambda: f"{d(1, 223)}.{d(0, 255)}.{d(0, 255)}.{d(1, 254)}",
        "money": lambda: rng.choice([f"${d(1, 999)},{d(100, 999)},{d(100, 999)}",
                                     f"{d(1, 999)} {d(100, 999)} {d(100, 999)} EUR"]),
        "count": lambda: rng.choice([f"{d(1, 999)},{d(100, 999)},{d(100, 999)}",
                                     f"{d(1, 9)} {d(100, 999)} {d(100, 999)}"]),
        "zip+4": lambda: f"{d(10000, 99999)}-{d(1000, 9999)}",
        "timestamp": lambda: f"{d(1_500_000_000, 1_800_000_000)}",
        "doi": lambda: f"10.{d(1000, 9999)}/{d(100000, 999999)}",
        "row of numbers": lambda: " ".join(str(d(0, 999)) for _ in range(d(3, 6))),
        "code": lambda: rng.choice([f"x = np.array([{d(0, 999)}, {d(0, 999)}, {d(0, 9999)}])",
                                    f"shape=({d(1, 999)}, {d(1, 999)}, {d(1, 9999)})",
                                    f"seed = {d(100000000, 9999999999)}"]),
        "time range": lambda: f"{d(0, 23):02d}:{d(0, 59):02d}-{d(0, 23):02d}:{d(0, 59):02d}",
        "score": lambda: f"{d(0, 9)}-{d(0, 9)}-{d(0, 9)}",
        "lab values": lambda: f"{d(100, 160)}-{d(3, 5)}.{d(0, 9)}-{d(90, 110)}-{d(20, 30)}-"
                              f"{d(5, 25)}-{d(5, 9)}.{d(0, 9)}",
    }
    return [(kind, make()) for kind, make in makers.items() for _ in range(count)]


#: Sentences that speak of phoning, with the number somewhere other than right after a
#: label.
SPOKEN_OF = (
    "Dial {x} and ask for the ward clerk.",
    "You can call Maria tomorrow morning, {x} is her new one.",
    "Her mobile changed last week; it is now {x}.",
    "{x} - ring after six, he works nights.",
    "Text Jonas at {x} when you land.",
    "If no one answers on {x}, leave a message and we will call back.",
    "Sent an SMS to {x} with the appointment time.",
    "The hotline {x} is open day and night.",
    "Reach the daughter via {x}, she has the keys.",
    "He only uses WhatsApp, so try {x} first.",
    "Landline {x}, no mobile known.",
    "The family asked us to use {x} rather than the old cell.",
    "Best to try {x} if you need to contact Anna before Friday.",
    "Llámame al {x} cuando llegues.",
    "Ruf mich bitte unter {x} an.",
    "Appelez le cabinet au {x} avant midi.",
    "Chiamami al {x} dopo le sei.",
    "Bel me even op {x} als je er bent.",
    "Kind regards,\nDr. Ilse Marquardt\nWard 4, St. Anne's\n{x}\nilse.marquardt@stanne.de",
    "Sofia Lindberg\nCare coordinator\n{x}\n\nSent from my phone",
)
#: Numbers that are something else, in sentences that speak of phoning.
SPOKEN_OF_LOOK_ALIKES = (
    "Call the function with n_samples = {x} and look at the result.",
    "I'll ring you on {x} to confirm.",
    "The hotline took {x} calls last year.",
    "Phone sales reached {x} EUR in the quarter.",
    "Her contact lens prescription changed on {x}.",
    "Order number {x}: call customer service if it does not arrive.",
    "Text the results (accuracy {x}) to the team.",
    "Mobile data use was {x} MB this month, so call the provider.",
    "The call stack showed frames {x} before the crash.",
    "Please call back about ISBN {x} when it is in stock.",
    "Contact points at {x} were measured twice.",
    "Number of rows: {x}",
)


def _drawn_anew(number: object, rng: random.Random) -> object | None:
    """`number` with its last digits drawn anew, if still valid (a fresh number of the
    same kind, not the metadata's example)."""
    import phonenumbers

    national = str(number.national_number)  # type: ignore[attr-defined]
    keep = min(3, len(national) - 4)
    for _ in range(5):
        digits = national[:keep] + "".join(str(rng.randint(0, 9))
                                           for _ in national[keep:])
        fresh = phonenumbers.PhoneNumber(country_code=number.country_code,  # type: ignore
                                         national_number=int(digits))
        if phonenumbers.is_valid_number(fresh):
            return fresh
    return None


def numbers_of_every_country(seed: int) -> list[tuple[str, str]]:
    """(region, number) for a fixed-line and a mobile number of each region, each in
    one layout drawn from: national, international, national with dots or dashes for
    its blanks, national digits bare."""
    import phonenumbers
    from phonenumbers import PhoneNumberFormat, PhoneNumberType

    rng = random.Random(seed)
    out = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in (PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE):
            example = phonenumbers.example_number_for_type(region, kind)
            number = example and _drawn_anew(example, rng)
            if number is None:
                continue
            national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
            layouts = [national,
                       phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL),
                       national.replace(" ", "."), national.replace(" ", "-"),
                       re.sub(r"\D", "", national)]
            out.append((region, rng.choice(layouts)))
    return out


def spoken_of_look_alikes(seed: int) -> list[tuple[str, str]]:
    """(frame, value): the look-alikes of `look_alikes` and counts, dates and decimals
    written as continental Europe writes them, each in a frame of its own kind."""
    rng = random.Random(seed)
    d = rng.randint
    values = [value for _, value in look_alikes(6, seed)]
    values += [f"{d(1, 999)} {d(100, 999)} {d(100, 999)}" for _ in range(20)]
    values += [f"{d(1, 28):02d}.{d(1, 12):02d}.{d(1990, 2030)}" for _ in range(10)]
    values += [f"{d(0, 99)},{d(0, 99)} {d(0, 99)},{d(0, 99)} {d(0, 99)},{d(0, 99)}"
               for _ in range(10)]
    return [(rng.choice(SPOKEN_OF_LOOK_ALIKES), value) for value in values]


def spoken_of(per_locale: int, seed: int, show: int) -> None:
    """The second part (see the module's docstring)."""
    rng = random.Random(seed)
    numbers = numbers_of_every_country(seed) + rng.sample(
        phones(max(1, per_locale // 4), seed), 600)
    hits: dict[str, Counter[bool]] = defaultdict(Counter)
    missed: list[str] = []
    for region, number in numbers:
        frame = rng.choice(SPOKEN_OF)
        text = frame.replace("{x}", number)
        start = frame.index("{x}")
        ok = found(text, start, start + len(number))
        hits[shape(number)][ok] += 1
        if not ok:
            missed.append(f"{region}: {text!r}")
    print("Numbers of every country in sentences that speak of phoning")
    for kind, count in hits.items():
        n = sum(count.values())
        print(f"  {kind:14s} {count[True] / max(n, 1):6.3f}  (n={n})")
    alarms = []
    alike = spoken_of_look_alikes(seed)
    for frame, value in alike:
        text = frame.replace("{x}", value)
        start = frame.index("{x}")
        if found(text, start, start + len(value)):
            alarms.append(text)
    print(f"look-alikes in such sentences reported as a phone: {len(alarms) / len(alike):.3f}"
          f" (n={len(alike)})")
    for row in missed[:show]:
        print("  miss |", row)
    for row in alarms[:show]:
        print("  alarm |", row)


def found(text: str, start: int, end: int) -> bool:
    return any(f.entity in PHONES and f.start < end and f.end > start
               for f in scan_text(text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-locale", type=int, default=40)
    parser.add_argument("--look-alikes", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    hits: dict[str, Counter[bool]] = defaultdict(Counter)
    misses: dict[str, list[str]] = defaultdict(list)
    for locale, number in phones(args.per_locale, args.seed):
        template = rng.choice(TEMPLATES)
        text = template.replace("{x}", number)
        start = template.index("{x}")
        ok = found(text, start, start + len(number))
        kind = shape(number)
        hits[kind][ok] += 1
        if not ok:
            misses[kind].append(f"{locale}: {text}")
    total = Counter[bool]()
    print("Faker phone formats, in prose without a phone word")
    for kind in ("country code", "extension", "grouped", "bare digits"):
        count = hits[kind]
        total.update(count if kind != "bare digits" else {})
        n = sum(count.values())
        print(f"  {kind:14s} {count[True] / max(n, 1):6.3f}  (n={n})")
    n = sum(total.values())
    print(f"  {'marked shapes':14s} {total[True] / max(n, 1):6.3f}  (n={n})")
    alarms: Counter[str] = Counter()
    quiet: list[str] = []
    alike = look_alikes(args.look_alikes, args.seed)
    for kind, value in alike:
        template = rng.choice(TEMPLATES[1:])
        text = template.replace("{x}", value)
        start = template.index("{x}")
        if found(text, start, start + len(value)):
            alarms[kind] += 1
            quiet.append(f"{kind}: {text}")
    print(f"look-alikes reported as a phone: {sum(alarms.values()) / len(alike):.3f} "
          f"(n={len(alike)})  {dict(alarms)}")
    for kind, rows in misses.items():
        if kind != "bare digits":
            for row in rows[:args.show]:
                print("  miss", kind, "|", row)
    for row in quiet[:args.show]:
        print("  alarm |", row)
    spoken_of(args.per_locale, args.seed, args.show)


if __name__ == "__main__":
    from hash_seed import run_under_fixed_hash_seed

    run_under_fixed_hash_seed()
    main()
