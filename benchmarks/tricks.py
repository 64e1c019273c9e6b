"""Identifiers hidden by the tricks a red-teamer tries, and the same tricks on clean text.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/tricks.py [--per-class 60] [--seed S]
        [--ner] [--show-misses K] [--classes a,b] [--json out.json]

Values are synthetic: Faker with a fixed seed (names, streets, cities) and digits drawn
from the same seeded generator (SSN, phone, MRN, date of birth, card with a Luhn check
digit), secrets in the shapes tests/scan/test_secrets.py fakes (`ghp_` + 36, `AKIA` + 16,
`sk-` + 48). Each value sits in a short prompt and is hidden by one trick class (zero-width
characters, look-alike letters, other digits, entities, escapes, spoken e-mails, words
for digits, markup, code and document contexts, ...). Per class it prints

  recall  share of cases whose value is caught: every letter and digit of the value as
          written is covered by a finding of its category (phi / secret);
  fa      share of clean prompts and code cells, the same trick applied to a harmless
          value (a count, a version, a library, a column), that get any finding.

This is our own generator, written beside the code it measures: its figures are a
regression check between two commits, not evidence of how the gate fares against tricks
nobody here wrote. Classes a reader cannot see at a glance (reversed, interleaved,
base64) are measured to say what is not read, not as targets.
"""

from __future__ import annotations

import argparse
import base64
import html
import json
import random
import re
import string
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from faker import Faker

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

SEED = 6606
KINDS = ("ssn", "phone", "email", "mrn", "dob", "name", "address", "card", "secret")
LABELS = {"ssn": "SSN", "phone": "phone", "email": "email", "mrn": "MRN", "dob": "DOB",
          "name": "patient", "address": "lives at", "card": "card number",
          "secret": "token"}
DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
LOOK_ALIKES = {"a": "\u0430", "c": "\u0441", "e": "\u0435", "o": "\u043e", "p": "\u0440",
               "x": "\u0445", "y": "\u0443", "i": "\u0456", "s": "\u0455", "j": "\u0458",
               "A": "\u0391", "B": "\u0392", "E": "\u0395", "H": "\u0397", "K": "\u039a",
               "M": "\u039c", "N": "\u039d", "O": "\u039f", "P": "\u03a1", "T": "\u03a4",
               "X": "\u03a7", "C": "\u0421", "S": "\u0405", "J": "\u0408"}
LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7"}
INVISIBLES = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")
DIGIT_ZEROS = (0xFF10, 0x0660, 0x06F0, 0x0966, 0x09E6, 0x1D7CE, 0x1D7EC, 0x0E50)
ALNUM = string.ascii_letters + string.digits


@dataclass(frozen=True)
class Case:
    trick: str
    kind: str
    text: str
    start: int
    end: int

    @property
    def category(self) -> str:
        return "secret" if self.kind == "secret" else "phi"


class Values:
    """Seeded synthetic values, one method per kind."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fake = Faker("en_US")
        self.fake.seed_instance(seed)

    def digits(self, n: int) -> str:
        return "".join(self.rng.choice(string.digits) for _ in range(n))

    def ssn(self) -> str:
        return (f"{self.rng.randint(101, 665)}-{self.rng.randint(10, 99)}-"
                f"{self.rng.randint(1001, 9999)}")

    def phone(self) -> str:
        area, exchange = self.rng.randint(201, 989), self.rng.randint(201, 989)
        return self.rng.choice((f"({area}) {exchange}-{self.digits(4)}",
                                f"{area}-{exchange}-{self.digits(4)}"))

    def name(self) -> str:
        return f"{self.fake.first_name()} {self.fake.last_name()}"

    def email(self) -> str:
        first, last = self.fake.first_name().lower(), self.fake.last_name().lower()
        domain = self.rng.choice(("gmail.com", "yahoo.com", "outlook.com", "mgh.harvard.edu",
                                  "kaiserpermanente.org", "comcast.net"))
        return f"{first}.{last}@{domain}"

    def mrn(self) -> str:
        return self.digits(self.rng.choice((7, 8, 9)))

    def dob(self) -> str:
        return (f"{self.rng.randint(1, 12):02d}/{self.rng.randint(1, 28):02d}/"
                f"{self.rng.randint(1931, 2004)}")

    def address(self) -> str:
        return f"{self.fake.street_address()}, {self.fake.city()}"

    def card(self) -> str:
        body = "4" + self.digits(14)
        total = 0
        for i, d in enumerate(reversed(body)):
            v = int(d) * (2 if i % 2 == 0 else 1)
            total += v - 9 if v > 9 else v
        number = body + str((10 - total % 10) % 10)
        return " ".join(number[i:i + 4] for i in range(0, 16, 4))

    def secret(self) -> str:
        rng = self.rng
        return rng.choice((
            lambda: "ghp_" + "".join(rng.choice(ALNUM) for _ in range(36)),
            lambda: "AKIA" + "".join(rng.choice(string.ascii_uppercase + "234567")
                                     for _ in range(16)),
            lambda: "sk-" + "".join(rng.choice(ALNUM) for _ in range(48)),
        ))()

    def value(self, kind: str) -> str:
        return getattr(self, kind)()


#: Harmless values the same tricks are applied to, with the clean text around them.
CLEAN = (
    ("Set the batch size to {} and retrain.", ("2048", "512", "128")),
    ("The dataframe has {} rows after the merge.", ("15230", "880", "4096")),
    ("Upgrade {} before running the notebook.", ("pandas 2.2.1", "numpy 1.26.4",
                                                  "scikit-learn 1.4")),
    ("Why does df.groupby('{}').mean() fail?", ("ward", "diagnosis_code", "visit_type")),
    ("Plot {} against age with seaborn.", ("systolic_bp", "heart rate", "bmi")),
    ("See {} for the API reference.", ("docs.python.org", "pandas.pydata.org",
                                       "numpy.org")),
    ("Use random_state={} so the split is reproducible.", ("42", "1234", "20240101")),
    ("The model reached an AUC of {} on the test fold.", ("0.873", "0.91", "0.7645")),
    ("Rename the column {} to lower case.", ("PatientAge", "LengthOfStay", "AdmitType")),
    ("Time series from {} was resampled weekly.", ("2019 to 2021", "Q1 2020", "2018")),
)


#: Sentences a spoken address could be read into, and must not be.
CLEAN_SPOKEN = (
    "We looked at pandas dot pydata dot org for the docs.",
    "The code is hosted at github dot com under an MIT licence.",
    "Results at scale dot ai are public now.",
    "I'm at home dot net connected and can rerun it.",
    "Compare x @ y.T with np.dot(x, y) in the notebook.",
    "Work at google dot com starts Monday.",
)


def tricks() -> dict[str, Callable[[random.Random, str, str], tuple[str, str, str] | None]]:
    """Trick classes: each takes (rng, kind, value) and returns (before, value as written,
    after), or None when it does not apply to the kind."""
    table: dict[str, Callable[[random.Random, str, str], tuple[str, str, str] | None]] = {}

    def trick(name: str):
        def register(fn):
            table[name] = fn
            return fn
        return register

    def prompt(kind: str, written: str) -> tuple[str, str, str]:
        return f"Please check the record: {LABELS[kind]} ", written, " and summarise it."

    def inner_positions(rng: random.Random, value: str, count: int) -> list[int]:
        places = [i for i in range(1, len(value)) if value[i - 1].isalnum()
                  and value[i].isalnum()] or list(range(1, len(value)))
        return sorted(rng.sample(places, min(count, len(places))))

    def insert_at(value: str, places: list[int], pick: Callable[[], str]) -> str:
        out, last = [], 0
        for at in places:
            out += [value[last:at], pick()]
            last = at
        return "".join(out) + value[last:]

    @trick("plain")
    def plain(rng, kind, value):
        return prompt(kind, value)

    @trick("zero-width")
    def zero_width(rng, kind, value):
        places = inner_positions(rng, value, rng.randint(1, 3))
        return prompt(kind, insert_at(value, places, lambda: rng.choice(INVISIBLES)))

    @trick("homoglyph")
    def homoglyph(rng, kind, value):
        letters = [i for i, c in enumerate(value) if c in LOOK_ALIKES]
        if kind not in {"name", "email", "address"} or not letters:
            return None
        swap = set(rng.sample(letters, min(len(letters), rng.randint(1, 3))))
        return prompt(kind, "".join(LOOK_ALIKES[c] if i in swap else c
                                    for i, c in enumerate(value)))

    @trick("unicode-digits")
    def unicode_digits(rng, kind, value):
        if sum(c.isdigit() for c in value) < 5 or kind == "secret":
            return None
        zero = rng.choice(DIGIT_ZEROS)
        return prompt(kind, "".join(chr(zero + int(c)) if c.isdigit() else c for c in value))

    @trick("digit-separators")
    def digit_separators(rng, kind, value):
        if kind not in {"ssn", "phone", "mrn", "card"}:
            return None
        digits = [c for c in value if c.isdigit()]
        return prompt(kind, rng.choice((" ", ".", "_", "  ")).join(digits))

    @trick("one-per-line")
    def one_per_line(rng, kind, value):
        if kind not in {"ssn", "phone", "mrn", "card"}:
            return None
        digits = [c for c in value if c.isdigit()]
        return f"Copy these digits for the {LABELS[kind]}:\n", "\n".join(digits), "\nthanks"

    @trick("split-lines")
    def split_lines(rng, kind, value):
        places = [i for i in range(2, len(value) - 2) if not value[i].isalnum()] or [
            len(value) // 2]
        at = rng.choice(places)
        return prompt(kind, value[:at] + "\n" + value[at:])

    @trick("concat")
    def concat(rng, kind, value):
        at = rng.randint(1, max(1, len(value) - 1))
        name = {"secret": "api_token"}.get(kind, kind)
        return f'{name} = "', value[:at] + '" + "' + value[at:], '"\nprint(' + name + ")"

    @trick("html-entities")
    def html_entities(rng, kind, value):
        def encode(c: str) -> str:
            if not c.isalnum() and c != " " or rng.random() < 0.3:
                return rng.choice((f"&#{ord(c)};", f"&#x{ord(c):x};",
                                   html.escape(c) if c in "&<>" else f"&#{ord(c)};"))
            return c
        return prompt(kind, "".join(encode(c) for c in value))

    @trick("url-encoding")
    def url_encoding(rng, kind, value):
        written = "".join(f"%{ord(c):02X}" if not c.isalnum() or rng.random() < 0.2 else c
                          for c in value)
        return f"GET /api/lookup?{kind}=", written, "&format=json  <- why does this 404?"

    @trick("escapes")
    def escapes(rng, kind, value):
        style = rng.choice(("\\u{:04x}", "\\x{:02x}", "\\u{:04X}"))
        written = "".join(style.format(ord(c)) if not c.isalnum() or rng.random() < 0.2
                          else c for c in value)
        return '{"note": "' + LABELS[kind] + " ", written, '"}'

    @trick("spoken-email")
    def spoken_email(rng, kind, value):
        if kind != "email":
            return None
        at, dot = rng.choice(((" at ", " dot "), (" (at) ", " (dot) "), ("[at]", "[dot]"),
                              (" AT ", " DOT "), (" @ ", " . ")))
        return prompt(kind, value.replace("@", at).replace(".", dot))

    @trick("spelled-digits")
    def spelled_digits(rng, kind, value):
        if kind not in {"ssn", "phone", "mrn", "card"}:
            return None
        sep = rng.choice((" ", "-", ", "))
        words = [DIGIT_WORDS[int(c)] if c.isdigit() else None for c in value]
        written = sep.join(w for w in words if w is not None)
        if rng.random() < 0.3:
            written = written.replace("zero", "oh")
        return prompt(kind, written)

    @trick("markup")
    def markup(rng, kind, value):
        places = inner_positions(rng, value, 1) or [1]
        at = places[0]
        open_, close = rng.choice((("**", "**"), ("<b>", "</b>"), ("`", "`"), ("*", "*"),
                                   ("<span>", "</span>"), ("~~", "~~")))
        return prompt(kind, open_ + value[:at] + close + value[at:])

    @trick("reversed")
    def reversed_(rng, kind, value):
        return prompt(kind, value[::-1])

    @trick("interleaved")
    def interleaved(rng, kind, value):
        return prompt(kind, "".join(c + "|" for c in value)[:-1])

    @trick("base64")
    def base64_(rng, kind, value):
        blob = base64.b64encode(f"{LABELS[kind]}: {value}".encode()).decode()
        return "Decode this and fill the form: ", blob, ""

    @trick("comment")
    def comment(rng, kind, value):
        return f"df = load()\n# {LABELS[kind]} ", value, " keeps failing validation\ndf.head()"

    @trick("docstring")
    def docstring(rng, kind, value):
        return (f'def check(row):\n    """Example: {LABELS[kind]} ', value,
                '."""\n    return row')

    @trick("f-string")
    def f_string(rng, kind, value):
        return f'msg = f"{{greeting}} {LABELS[kind]} ', value, '"\nsend(msg)'

    @trick("dict-literal")
    def dict_literal(rng, kind, value):
        key = {"name": "patient_name", "address": "home_address",
               "secret": "api_key"}.get(kind, kind)
        return f'record = {{"id": 17, "{key}": "', value, '", "ward": "B2"}'

    @trick("csv-row")
    def csv_row(rng, kind, value):
        key = {"name": "patient_name", "address": "address", "secret": "api_key"}.get(kind, kind)
        return f'id,{key},ward\n17,"', value, '",B2\n'

    @trick("markdown-table")
    def markdown_table(rng, kind, value):
        return f"| id | {LABELS[kind]} | ward |\n|---|---|---|\n| 17 | ", value, " | B2 |"

    @trick("latex")
    def latex(rng, kind, value):
        escaped = value.replace("_", "\\_").replace("#", "\\#")
        return f"\\textbf{{{LABELS[kind]}:}} \\texttt{{", escaped, "} \\\\"

    @trick("mixed-case")
    def mixed_case(rng, kind, value):
        if kind not in {"name", "email", "address"}:
            return None
        written = "".join(c.upper() if i % 2 else c.lower() for i, c in enumerate(value))
        return prompt(kind, written)

    @trick("upper-case")
    def upper_case(rng, kind, value):
        if kind not in {"name", "email", "address"}:
            return None
        return prompt(kind, value.upper())

    @trick("leetspeak")
    def leetspeak(rng, kind, value):
        if kind not in {"name", "email"}:
            return None
        letters = [i for i, c in enumerate(value) if c.lower() in LEET]
        swap = set(rng.sample(letters, min(len(letters), rng.randint(1, 2))))
        return prompt(kind, "".join(LEET[c.lower()] if i in swap else c
                                    for i, c in enumerate(value)))

    @trick("implicit-join")  # last, so the classes above draw the same cases as before
    def implicit_join(rng, kind, value):
        """black's wrap of a long string: literals on lines of their own in parentheses."""
        places = [i for i in range(1, len(value)) if value[i].isdigit()
                  and (value[i - 1].isdigit() or value[i - 1] in "-./")]
        if not places:
            return None
        at = rng.choice(places)
        name = {"secret": "api_token"}.get(kind, kind)
        return (f'{name} = (\n    "', value[:at] + '"\n    "' + value[at:],
                f'"\n)\nprint({name})')

    return table


def make_cases(seed: int, per_class: int, names: set[str] | None = None) -> list[Case]:
    values = Values(seed)
    rng = random.Random(seed + 1)
    cases: list[Case] = []
    for trick_name, fn in tricks().items():
        if names and trick_name not in names:
            continue
        made = attempts = 0
        while made < per_class and attempts < per_class * 20:
            attempts += 1
            kind = KINDS[attempts % len(KINDS)]
            got = fn(rng, kind, values.value(kind))
            if got is None:
                continue
            before, written, after = got
            cases.append(Case(trick_name, kind, before + written + after, len(before),
                              len(before) + len(written)))
            made += 1
    return cases


def make_clean(seed: int, per_class: int, names: set[str] | None = None) -> list[Case]:
    """The same tricks on harmless values in clean prompts (kind `clean`)."""
    rng = random.Random(seed + 2)
    out: list[Case] = []
    for trick_name, fn in tricks().items():
        if names and trick_name not in names:
            continue
        for i in range(per_class):
            template, picks = CLEAN[i % len(CLEAN)]
            value = rng.choice(picks)
            # the tricks read the kind only to decide what applies: pretend the harmless
            # value is the kind whose tricks fit its shape
            kind = "mrn" if value.isdigit() else "name"
            got = fn(rng, kind, value)
            if got is None and trick_name == "spoken-email":
                text = CLEAN_SPOKEN[i % len(CLEAN_SPOKEN)]
                out.append(Case(trick_name, "clean", text, 0, len(text)))
                continue
            if got is None:
                continue
            before, written, after = got
            if before.startswith("Please check the record"):  # the generic prompt
                before, after = template.split("{}")
            else:  # a code or document context: keep it, with a harmless label
                before = before.replace(LABELS[kind], "setting").replace(kind, "setting")
                after = after.replace(kind, "setting")
            out.append(Case(trick_name, "clean", before + written + after, len(before),
                            len(before) + len(written)))
    return out


_TAG = re.compile(r"</?[a-z]+>")


def caught(case: Case, findings: list) -> bool:
    """Every letter and digit of the value as written covered by a finding of its
    category (markup, separators and blanks between them need not be)."""
    marks = [False] * (case.end - case.start)
    for f in findings:
        if f.category != case.category:
            continue
        for at in range(max(f.start, case.start), min(f.end, case.end)):
            marks[at - case.start] = True
    written = case.text[case.start:case.end]
    tags = [i for m in _TAG.finditer(written) for i in range(m.start(), m.end())]
    needed = [i for i, c in enumerate(written) if c.isalnum() and i not in tags]
    return bool(needed) and all(marks[i] for i in needed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-class", type=int, default=60)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--ner", action="store_true", help="with the NER model (slower)")
    parser.add_argument("--classes", default="", help="comma-separated trick classes")
    parser.add_argument("--show-misses", type=int, default=0)
    parser.add_argument("--show-alarms", type=int, default=0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    from jupyter_safeai.scan import Scanner

    scanner = Scanner(ner=args.ner)
    names = {n for n in args.classes.split(",") if n} or None
    cases = make_cases(args.seed, args.per_class, names)
    clean = make_clean(args.seed, args.per_class, names)
    hits: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_kind: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    misses: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        ok = caught(case, scanner.scan(case.text))
        hits[case.trick][0] += ok
        hits[case.trick][1] += 1
        by_kind[case.trick][case.kind][0] += ok
        by_kind[case.trick][case.kind][1] += 1
        if not ok:
            misses[case.trick].append(case)
    alarms: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    alarm_cases: dict[str, list[tuple[Case, list]]] = defaultdict(list)
    for case in clean:
        found = scanner.scan(case.text)
        alarms[case.trick][0] += bool(found)
        alarms[case.trick][1] += 1
        if found:
            alarm_cases[case.trick].append((case, found))
    rows = {}
    print(f"{'trick':18} {'recall':>7} {'n':>4} {'fa':>6} {'n':>4}  missed kinds")
    for trick_name in tricks():
        if trick_name not in hits:
            continue
        got, n = hits[trick_name]
        fa, fn = alarms.get(trick_name, [0, 0])
        missed = ", ".join(f"{k} {n_ - g}/{n_}" for k, (g, n_) in
                           sorted(by_kind[trick_name].items()) if g < n_)
        print(f"{trick_name:18} {got / n:7.3f} {n:4d} {fa / max(fn, 1):6.3f} {fn:4d}  {missed}")
        rows[trick_name] = {"recall": got / n, "n": n, "fa": fa / max(fn, 1), "fa_n": fn}
    total_got = sum(g for g, _ in hits.values())
    total = sum(n for _, n in hits.values())
    total_fa = sum(g for g, _ in alarms.values())
    total_clean = sum(n for _, n in alarms.values())
    print(f"{'all':18} {total_got / total:7.3f} {total:4d} "
          f"{total_fa / max(total_clean, 1):6.3f} {total_clean:4d}")
    for trick_name, missed_cases in misses.items():
        for case in missed_cases[:args.show_misses]:
            print(f"MISS {trick_name:16} {case.kind:8} {case.text!r}")
    for trick_name, found_cases in alarm_cases.items():
        for case, found in found_cases[:args.show_alarms]:
            spans = [(f.entity, case.text[f.start:f.end]) for f in found]
            print(f"FA   {trick_name:16} {case.text!r} {spans}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
