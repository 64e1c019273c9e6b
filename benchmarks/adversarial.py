"""Identifiers hidden by the tricks a careless user or a red-teamer tries, and the same
tricks on clean text: one table of families (`FAMILIES`), each with its own seed.

A family is a named transformation. Most take a value (`FakerValues`: Faker with a fixed
seed for names, streets and cities; digits, a Luhn-complete card, secrets in the shapes
tests/scan/test_secrets.py fakes) of each kind that fits and write it disguised in a short
prompt or a code or document context (zero-width characters, look-alike letters, other
digits, entities, escapes, spoken e-mails, words for digits, markup, joined literals, ...);
those are applied to harmless values (a count, a version, a column) in clean prompts too.
The others build a whole prompt from the dev corpus's values (`corpus.Values`), issue 13's
families: separators and spacing, invisible characters, look-alike labels, decomposed
accents, fullwidth forms, wrapped values, structured records, lower-case and
`SURNAME, GIVEN` names, split secrets, damaged PEM armour and loose password lines.
Issue 13's families must be caught (`Family.must_catch`); the others are measured, and
reversed, interleaved and base64 text to say what is not read.

Each family draws from its own generators, seeded by the run's seed and the family's
name, so adding or changing one family leaves every other family's cases as they were.
`cases(seed, per_family)` and `clean_cases(...)` are used by
benchmarks/scan_adversarial.py and tests/scan/test_adversarial.py. This is our own
generator, written beside the code it measures: its figures are a regression check
between two commits, not evidence of how the gate fares against tricks nobody here wrote.
"""

from __future__ import annotations

import base64
import html
import random
import string
import sys
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from faker import Faker

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus as corpus_mod  # noqa: E402

SEED = 6606

# -- what the value families draw and how they disguise it ------------------------------
KINDS = ("ssn", "phone", "email", "mrn", "dob", "name", "address", "card", "secret")
LABELS = {"ssn": "SSN", "phone": "phone", "email": "email", "mrn": "MRN", "dob": "DOB",
          "name": "patient", "address": "lives at", "card": "card number",
          "secret": "token"}
DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
VALUE_LOOK_ALIKES = {
    "a": "\u0430", "c": "\u0441", "e": "\u0435", "o": "\u043e", "p": "\u0440",
    "x": "\u0445", "y": "\u0443", "i": "\u0456", "s": "\u0455", "j": "\u0458",
    "A": "\u0391", "B": "\u0392", "E": "\u0395", "H": "\u0397", "K": "\u039a",
    "M": "\u039c", "N": "\u039d", "O": "\u039f", "P": "\u03a1", "T": "\u03a4",
    "X": "\u03a7", "C": "\u0421", "S": "\u0405", "J": "\u0408"}
LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7"}
ZERO_WIDTHS = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")
DIGIT_ZEROS = (0xFF10, 0x0660, 0x06F0, 0x0966, 0x09E6, 0x1D7CE, 0x1D7EC, 0x0E50)
ALNUM = string.ascii_letters + string.digits

# -- what issue 13's families write around values ---------------------------------------
# (Their own look-alike and invisible tables, not the value families' above: the
# families draw from them in their old order, so issue 13's cases stay the same.)
SPACES = ("\u00a0", "\u2009", "\u202f", "\u2007", "\u3000", "\u2002")
DASHES = ("\u2013", "\u2014", "\u2212", "\u2010", "\u2011", "\ufe63", "\uff0d")
INVISIBLES = ("\u200b", "\u200c", "\u200d", "\u00ad", "\ufeff", "\x00", "\u2060")
LABEL_LOOK_ALIKES = {
    "A": "\u0410", "B": "\u0412", "C": "\u0421", "E": "\u0415", "H": "\u041d",
    "K": "\u041a", "M": "\u041c", "O": "\u041e", "P": "\u0420", "S": "\u0405",
    "T": "\u0422", "X": "\u0425", "a": "\u0430", "c": "\u0441", "e": "\u0435",
    "o": "\u043e", "p": "\u0440", "s": "\u0455", "x": "\u0445", "y": "\u0443",
    "i": "\u0456", "N": "\u039d", "Z": "\u0396", "I": "\u0399"}


@dataclass(frozen=True)
class Case:
    """One prompt; text[start:end] is the value as written (clean cases: the harmless
    value, category `clean`)."""

    family: str
    variant: str  # the kind of value, or the family's variant
    text: str
    start: int
    end: int
    category: str  # phi / secret / clean

    @property
    def value(self) -> str:
        return self.text[self.start:self.end]


def _case(family: str, variant: str, before: str, value: str, after: str,
          category: str = "phi") -> Case:
    return Case(family, variant, before + value + after, len(before), len(before) + len(value),
                category)


class FakerValues:
    """Seeded synthetic values for the value families, one method per kind."""

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
        number = corpus_mod.luhn_complete("4" + self.digits(14))
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


#: Harmless values the value families' tricks are applied to, with the clean text around
#: them.
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

#: (before, value as written, after), or None when a trick does not fit the kind.
Written = tuple[str, str, str]
Transform = Callable[[random.Random, str, str], "Written | None"]


def _prompt(kind: str, written: str) -> Written:
    return f"Please check the record: {LABELS[kind]} ", written, " and summarise it."


def _inner_positions(rng: random.Random, value: str, count: int) -> list[int]:
    places = [i for i in range(1, len(value)) if value[i - 1].isalnum()
              and value[i].isalnum()] or list(range(1, len(value)))
    return sorted(rng.sample(places, min(count, len(places))))


def _insert_at(value: str, places: list[int], pick: Callable[[], str]) -> str:
    out, last = [], 0
    for at in places:
        out += [value[last:at], pick()]
        last = at
    return "".join(out) + value[last:]


# -- value families: (rng, kind, value) -> (before, written, after) ---------------------

def _plain(rng: random.Random, kind: str, value: str) -> Written | None:
    return _prompt(kind, value)

def _zero_width(rng: random.Random, kind: str, value: str) -> Written | None:
    places = _inner_positions(rng, value, rng.randint(1, 3))
    return _prompt(kind, _insert_at(value, places, lambda: rng.choice(ZERO_WIDTHS)))

def _homoglyph(rng: random.Random, kind: str, value: str) -> Written | None:
    letters = [i for i, c in enumerate(value) if c in VALUE_LOOK_ALIKES]
    if kind not in {"name", "email", "address"} or not letters:
        return None
    swap = set(rng.sample(letters, min(len(letters), rng.randint(1, 3))))
    return _prompt(kind, "".join(VALUE_LOOK_ALIKES[c] if i in swap else c
                                for i, c in enumerate(value)))

def _unicode_digits(rng: random.Random, kind: str, value: str) -> Written | None:
    if sum(c.isdigit() for c in value) < 5 or kind == "secret":
        return None
    zero = rng.choice(DIGIT_ZEROS)
    return _prompt(kind, "".join(chr(zero + int(c)) if c.isdigit() else c for c in value))

def _digit_separators(rng: random.Random, kind: str, value: str) -> Written | None:
    if kind not in {"ssn", "phone", "mrn", "card"}:
        return None
    digits = [c for c in value if c.isdigit()]
    return _prompt(kind, rng.choice((" ", ".", "_", "  ")).join(digits))

def _one_per_line(rng: random.Random, kind: str, value: str) -> Written | None:
    if kind not in {"ssn", "phone", "mrn", "card"}:
        return None
    digits = [c for c in value if c.isdigit()]
    return f"Copy these digits for the {LABELS[kind]}:\n", "\n".join(digits), "\nthanks"

def _split_lines(rng: random.Random, kind: str, value: str) -> Written | None:
    places = [i for i in range(2, len(value) - 2) if not value[i].isalnum()] or [
        len(value) // 2]
    at = rng.choice(places)
    return _prompt(kind, value[:at] + "\n" + value[at:])

def _concat(rng: random.Random, kind: str, value: str) -> Written | None:
    at = rng.randint(1, max(1, len(value) - 1))
    name = {"secret": "api_token"}.get(kind, kind)
    return f'{name} = "', value[:at] + '" + "' + value[at:], '"\nprint(' + name + ")"

def _html_entities(rng: random.Random, kind: str, value: str) -> Written | None:
    def encode(c: str) -> str:
        if not c.isalnum() and c != " " or rng.random() < 0.3:
            return rng.choice((f"&#{ord(c)};", f"&#x{ord(c):x};",
                               html.escape(c) if c in "&<>" else f"&#{ord(c)};"))
        return c
    return _prompt(kind, "".join(encode(c) for c in value))

def _url_encoding(rng: random.Random, kind: str, value: str) -> Written | None:
    written = "".join(f"%{ord(c):02X}" if not c.isalnum() or rng.random() < 0.2 else c
                      for c in value)
    return f"GET /api/lookup?{kind}=", written, "&format=json  <- why does this 404?"

def _escapes(rng: random.Random, kind: str, value: str) -> Written | None:
    style = rng.choice(("\\u{:04x}", "\\x{:02x}", "\\u{:04X}"))
    written = "".join(style.format(ord(c)) if not c.isalnum() or rng.random() < 0.2
                      else c for c in value)
    return '{"note": "' + LABELS[kind] + " ", written, '"}'

def _spoken_email(rng: random.Random, kind: str, value: str) -> Written | None:
    if kind != "email":
        return None
    at, dot = rng.choice(((" at ", " dot "), (" (at) ", " (dot) "), ("[at]", "[dot]"),
                          (" AT ", " DOT "), (" @ ", " . ")))
    return _prompt(kind, value.replace("@", at).replace(".", dot))

def _spelled_digits(rng: random.Random, kind: str, value: str) -> Written | None:
    if kind not in {"ssn", "phone", "mrn", "card"}:
        return None
    sep = rng.choice((" ", "-", ", "))
    words = [DIGIT_WORDS[int(c)] if c.isdigit() else None for c in value]
    written = sep.join(w for w in words if w is not None)
    if rng.random() < 0.3:
        written = written.replace("zero", "oh")
    return _prompt(kind, written)

def _markup(rng: random.Random, kind: str, value: str) -> Written | None:
    places = _inner_positions(rng, value, 1) or [1]
    at = places[0]
    open_, close = rng.choice((("**", "**"), ("<b>", "</b>"), ("`", "`"), ("*", "*"),
                               ("<span>", "</span>"), ("~~", "~~")))
    return _prompt(kind, open_ + value[:at] + close + value[at:])

def _reversed(rng: random.Random, kind: str, value: str) -> Written | None:
    return _prompt(kind, value[::-1])

def _interleaved(rng: random.Random, kind: str, value: str) -> Written | None:
    return _prompt(kind, "".join(c + "|" for c in value)[:-1])

def _base64(rng: random.Random, kind: str, value: str) -> Written | None:
    blob = base64.b64encode(f"{LABELS[kind]}: {value}".encode()).decode()
    return "Decode this and fill the form: ", blob, ""

def _comment(rng: random.Random, kind: str, value: str) -> Written | None:
    return f"df = load()\n# {LABELS[kind]} ", value, " keeps failing validation\ndf.head()"

def _docstring(rng: random.Random, kind: str, value: str) -> Written | None:
    return (f'def check(row):\n    """Example: {LABELS[kind]} ', value,
            '."""\n    return row')

def _f_string(rng: random.Random, kind: str, value: str) -> Written | None:
    return f'msg = f"{{greeting}} {LABELS[kind]} ', value, '"\nsend(msg)'

def _dict_literal(rng: random.Random, kind: str, value: str) -> Written | None:
    key = {"name": "patient_name", "address": "home_address",
           "secret": "api_key"}.get(kind, kind)
    return f'record = {{"id": 17, "{key}": "', value, '", "ward": "B2"}'

def _csv_row(rng: random.Random, kind: str, value: str) -> Written | None:
    key = {"name": "patient_name", "address": "address", "secret": "api_key"}.get(kind, kind)
    return f'id,{key},ward\n17,"', value, '",B2\n'

def _markdown_table(rng: random.Random, kind: str, value: str) -> Written | None:
    return f"| id | {LABELS[kind]} | ward |\n|---|---|---|\n| 17 | ", value, " | B2 |"

def _latex(rng: random.Random, kind: str, value: str) -> Written | None:
    escaped = value.replace("_", "\\_").replace("#", "\\#")
    return f"\\textbf{{{LABELS[kind]}:}} \\texttt{{", escaped, "} \\\\"

def _mixed_case(rng: random.Random, kind: str, value: str) -> Written | None:
    if kind not in {"name", "email", "address"}:
        return None
    written = "".join(c.upper() if i % 2 else c.lower() for i, c in enumerate(value))
    return _prompt(kind, written)

def _upper_case(rng: random.Random, kind: str, value: str) -> Written | None:
    if kind not in {"name", "email", "address"}:
        return None
    return _prompt(kind, value.upper())

def _leetspeak(rng: random.Random, kind: str, value: str) -> Written | None:
    if kind not in {"name", "email"}:
        return None
    letters = [i for i, c in enumerate(value) if c.lower() in LEET]
    swap = set(rng.sample(letters, min(len(letters), rng.randint(1, 2))))
    return _prompt(kind, "".join(LEET[c.lower()] if i in swap else c
                                for i, c in enumerate(value)))

def _implicit_join(rng: random.Random, kind: str, value: str) -> Written | None:
    """black's wrap of a long string: literals on lines of their own in parentheses."""
    places = [i for i in range(1, len(value)) if value[i].isdigit()
              and (value[i - 1].isdigit() or value[i - 1] in "-./")]
    if not places:
        return None
    at = rng.choice(places)
    name = {"secret": "api_token"}.get(kind, kind)
    return (f'{name} = (\n    "', value[:at] + '"\n    "' + value[at:],
            f'"\n)\nprint({name})')


# -- issue 13's families: each builds one whole case from the dev corpus's values ------


class Builder:
    """Seeded values and the helpers issue 13's families share; one family per method."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.v = corpus_mod.Values(self.rng, seed)

    # -- helpers ----------------------------------------------------------------------
    def pick(self, seq: tuple | list) -> object:
        return self.rng.choice(seq)

    def ssn_digits(self) -> str:
        return self.v.ssn().replace("-", "")

    def phone_digits(self) -> str:
        return self.pick(corpus_mod.AREA_CODES) + str(self.rng.randint(201, 989)) + (
            self.v.digits(4))

    def card_digits(self) -> str:
        return corpus_mod.luhn_complete("4" + self.v.digits(14))

    def dob(self) -> tuple[str, str, str]:
        d = self.v.date()
        return f"{d.month:02d}", f"{d.day:02d}", str(d.year)

    def latin_name(self) -> corpus_mod.Name:
        while True:
            name = self.v.name(origin=self.pick(("english", "hispanic", "vietnamese",
                                                 "indian", "nigerian", "arabic")))
            if name.script == "latin" and " " in name.text and len(name.text) < 30:
                return name

    def grouped(self, kind: str, sep: str) -> str:
        if kind == "ssn":
            d = self.ssn_digits()
            return f"{d[:3]}{sep}{d[3:5]}{sep}{d[5:]}"
        if kind == "phone":
            d = self.phone_digits()
            return f"{d[:3]}{sep}{d[3:6]}{sep}{d[6:]}"
        if kind == "card":
            d = self.card_digits()
            return sep.join(d[i:i + 4] for i in range(0, 16, 4))
        month, day, year = self.dob()
        return f"{month}{sep}{day}{sep}{year}"

    def label(self, kind: str) -> str:
        return {"ssn": self.pick(("SSN: ", "ssn ", "Social Security No. ", "SSN#")),
                "phone": self.pick(("Phone: ", "tel ", "cell: ", "Ph ")),
                "card": self.pick(("Card: ", "credit card ", "Visa ")),
                "dob": self.pick(("DOB: ", "Date of birth ", "born "))}[kind]

    def insert(self, value: str, chars: tuple[str, ...], count: int = 1) -> str:
        out = list(value)
        for _ in range(count):
            at = self.rng.randint(1, len(out) - 1)
            out.insert(at, self.pick(chars))
        return "".join(out)

    def prose(self) -> tuple[str, str]:
        return self.pick((("Patient follow-up. ", " Please review."),
                          ("Can you check this record? ", ""),
                          ("", "\nWhat does the trend show?"),
                          ("Note from triage: ", " (verified).")))

    # -- families ---------------------------------------------------------------------
    def separators(self) -> Case:
        kind = self.pick(("ssn", "phone", "card", "dob"))
        variant = self.pick(("space-variant", "dash-variant", "spaced-digits", "dots",
                             "slashes", "underscores", "bare-near-label", "3-3-3",
                             "dotted-label", "far-label"))
        before, after = self.prose()
        label = self.label(kind)
        if variant == "space-variant":
            value = self.grouped(kind, self.pick(SPACES))
        elif variant == "dash-variant":
            value = self.grouped(kind, self.pick(DASHES))
        elif variant == "spaced-digits":
            value = " ".join(self.grouped(kind, ""))
        elif variant in {"dots", "slashes", "underscores"}:
            value = self.grouped(kind, {"dots": ".", "slashes": "/", "underscores": "_"}[variant])
        elif variant == "bare-near-label":
            value = self.grouped(kind, "")
        elif variant == "3-3-3":
            kind, label = "ssn", self.label("ssn")
            d = self.ssn_digits()
            value = f"{d[:3]}{self.pick((' ', '-'))}{d[3:6]}{self.pick((' ', '-'))}{d[6:]}"
            value = value.replace("-", "-") if "-" in value else value
        elif variant == "dotted-label":
            kind = "ssn"
            label = self.pick(("S.S.N. ", "s.s.n.: ", "soc. sec. # ", "Soc Sec #: ",
                               "SOC. SEC. NO. "))
            value = self.grouped("ssn", self.pick(("-", " ", "")))
        else:  # far-label: the label more than 30 characters before the value
            filler = self.pick((" (as given by the patient at the front desk today): ",
                                " on the intake form, copied from the insurance card: ",
                                " which the family confirmed over the phone yesterday, is "))
            label = label.rstrip(": ") + filler
            value = self.grouped(kind, self.pick(("-", "", " ")) if kind != "card" else " ")
        return _case("separators", f"{kind}:{variant}", before + label, value, after)

    def invisible(self) -> Case:
        what = self.pick(("name", "ssn", "phone", "email", "date", "token"))
        before, after = self.prose()
        category = "phi"
        if what == "name":
            name = self.latin_name()
            before += self.pick(("Mrs. ", "Dr. ", "Patient: ", "Mr. "))
            value = self.insert(name.text, INVISIBLES, self.rng.randint(1, 2))
        elif what == "ssn":
            before += self.label("ssn")
            value = self.insert(self.v.ssn(), INVISIBLES, self.rng.randint(1, 3))
        elif what == "phone":
            before += self.label("phone")
            value = self.insert(self.v.phone_us(), INVISIBLES, self.rng.randint(1, 3))
        elif what == "email":
            value = self.insert(self.v.email(self.latin_name()), INVISIBLES,
                                self.rng.randint(1, 2))
            before += "email "
        elif what == "date":
            before += self.label("dob")
            month, day, year = self.dob()
            value = self.insert(f"{month}/{day}/{year}", INVISIBLES, self.rng.randint(1, 2))
        else:
            category = "secret"
            before = "token = '"
            after = "'"
            value = self.insert(self.v.github(), INVISIBLES, self.rng.randint(1, 3))
        return _case("invisible", what, before, value, after, category)

    def _look_alike(self, text: str, count: int) -> str:
        spots = [i for i, c in enumerate(text) if c in LABEL_LOOK_ALIKES]
        out = list(text)
        for i in self.rng.sample(spots, min(count, len(spots))):
            out[i] = LABEL_LOOK_ALIKES[out[i]]
        return "".join(out)

    def homoglyphs(self) -> Case:
        where = self.pick(("label", "title", "email"))
        before, after = self.prose()
        if where == "label":
            kind = self.pick(("SSN: ", "MRN: ", "DOB: ", "Phone: "))
            label = self._look_alike(kind, self.rng.randint(1, 2))
            value = {"SSN: ": self.ssn_digits(), "MRN: ": self.v.digits(8),
                     "DOB: ": "/".join(self.dob()),
                     "Phone: ": self.grouped("phone", "-")}[kind]
            if kind == "SSN: ":
                value = f"{value[:3]}-{value[3:5]}-{value[5:]}"
            return _case("homoglyphs", "label", before + label, value, after)
        if where == "title":
            name = self.latin_name()
            title = self._look_alike(self.pick(("Mrs. ", "Mr. ", "Ms. ", "Dr. ")), 1)
            value = self._look_alike(name.text, self.rng.randint(0, 1))
            return _case("homoglyphs", "title", before + title, value, after)
        address = self.v.email(self.latin_name())
        local, domain = address.split("@")
        value = f"{local}@{self._look_alike(domain, self.rng.randint(1, 2))}"
        return _case("homoglyphs", "email", before + "reach me at ", value, after)

    def combining(self) -> Case:
        """A real accented name as a macOS paste gives it: decomposed (NFD)."""
        name = self.latin_name()
        while unicodedata.normalize("NFD", name.text) == name.text:
            name = self.latin_name()
        value = unicodedata.normalize("NFD", name.text)
        before, after = self.prose()
        return _case("combining", "nfd-name", before + self.pick(("Mrs. ", "Patient ",
                                                                  "Dr. ", "Name: ")), value,
                     after)

    def fullwidth(self) -> Case:
        kind = self.pick(("ssn", "phone", "dob", "mrn"))
        value = (self.v.digits(8) if kind == "mrn" else self.grouped(kind, "-" if kind != "dob"
                                                                      else "/"))
        wide = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in value)
        label = {"ssn": "SSN: ", "phone": "電話: ", "dob": "DOB ", "mrn": "MRN "}[kind]
        if self.rng.random() < 0.5:
            label = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in label)
        before, after = self.prose()
        return _case("fullwidth", kind, before + label, wide, after)

    def wrapped(self) -> Case:
        kind = self.pick(("ssn", "phone", "dob", "card", "name"))
        before, after = self.prose()
        if kind == "name":
            name = self.latin_name()
            while len(name.family.split()[-1]) < 4:
                name = self.latin_name()
            family = name.family.split()[-1]
            cuts = [i for i in range(2, len(family) - 1)
                    if family[i - 1].isalpha() and family[i].isalpha()]
            cut = self.pick(cuts) if cuts else 2
            value = f"{name.given} {family[:cut]}-\n{family[cut:]}"
            return _case("wrapped", "hyphenated-name", before + "Mrs. ", value, after)
        sep = {"ssn": "-", "phone": "-", "dob": "/", "card": "-"}[kind]
        value = self.grouped(kind, sep)
        cuts = [i + 1 for i, c in enumerate(value) if c == sep]
        cut = self.pick(cuts)
        value = value[:cut] + "\n" + self.pick(("", "  ", "\t")) + value[cut:]
        return _case("wrapped", f"{kind}-after-separator", before + self.label(kind), value,
                     after)

    def records(self) -> Case:
        kind = self.pick(("hl7-name", "hl7-dob", "hl7-mrn", "fhir-family", "fhir-given",
                          "fhir-birthdate", "xml", "sql", "ini", "toml", "yaml", "env", "csv",
                          "pandas"))
        name = self.latin_name()
        given, family = name.given.split()[0], name.family.split()[-1]
        month, day, year = self.dob()
        mrn = self.v.digits(8)
        if kind.startswith("hl7"):
            fields = {"name": f"{family.upper()}^{given.upper()}", "dob": f"{year}{month}{day}",
                      "mrn": mrn}
            target = kind.split("-")[1]
            segment = ["PID", "1", "", "{mrn}^^^HOSP^MR", "", "{name}", "", "{dob}", "F"]
            before, after = "MSH|^~\\&|LAB|HOSP|||202401021200||ADT^A01|42|P|2.5\n", ""
            text = "|".join(segment)
            head, tail = text.split("{" + target + "}")
            head = head.format(**fields)
            tail = tail.format(**fields)
            return _case("records", kind, before + head, fields[target], tail + "\n" + after)
        if kind.startswith("fhir"):
            target = {"fhir-family": family, "fhir-given": given,
                      "fhir-birthdate": f"{year}-{month}-{day}"}[kind]
            doc = (f'{{"resourceType": "Patient", "name": [{{"family": "{family}", '
                   f'"given": ["{given}"]}}], "birthDate": "{year}-{month}-{day}"}}')
            at = doc.index(f'"{target}"') + 1
            return Case("records", kind, doc, at, at + len(target), "phi")
        if kind == "xml":
            tag = self.pick(("family", "lastName", "last_name", "surname"))
            before = f"<patient><id>{self.v.digits(4)}</id><{tag}>"
            return _case("records", kind, before, family, f"</{tag}><sex>F</sex></patient>")
        if kind == "sql":
            before = ("INSERT INTO patients (id, first_name, last_name, dob) VALUES "
                      f"({self.v.digits(3)}, '{given}', '")
            return _case("records", kind, before, family, f"', '{year}-{month}-{day}');")
        if kind in {"ini", "toml"}:
            q = '"' if kind == "toml" else ""
            before = f"[patient]\nfirst_name = {q}{given}{q}\nlast_name = {q}"
            return _case("records", kind, before, family, f"{q}\nward = {q}B{q}\n")
        if kind == "yaml":
            before = f"patient:\n  given: {given}\n  family: "
            return _case("records", kind, before, family, "\n  ward: B\n")
        if kind == "env":
            before = f"PATIENT_FIRST_NAME={given}\nPATIENT_LAST_NAME="
            return _case("records", kind, before, family.lower(), "\nWARD=B\n")
        if kind == "csv":
            before = f"id,first_name,last_name,sex\n{self.v.digits(3)},{given},"
            return _case("records", kind, before, family, ",F\n")
        # pandas: to_string(index=False), narrow headers one space apart
        rows = [(self.v.digits(3), mrn, given, family)]
        other = self.latin_name()
        rows.append((self.v.digits(3), self.v.digits(8), other.given.split()[0],
                     other.family.split()[-1]))
        header = ("id", "mrn", "first", "last")
        widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
        line = " ".join(h.rjust(w) for h, w in zip(header, widths, strict=True))
        body = [" ".join(v.rjust(w) for v, w in zip(r, widths, strict=True)) for r in rows]
        text = "\n".join([line, *body])
        at = len(line) + 1 + body[0].rindex(family)
        return Case("records", "pandas", text, at, at + len(family), "phi")

    def lowercase(self) -> Case:
        name = self.latin_name()
        given, family = name.given.split()[0], name.family.split()[-1]
        form = self.pick(("prose-lower", "surname-given-prose", "yaml", "csv", "dict",
                          "system"))
        age = self.rng.randint(20, 85)
        if form == "prose-lower":
            value = f"{given} {family}".lower()
            return _case("lowercase", form, self.pick(("pt ", "seen pt ", "mrs ")), value,
                         f", {age} yo, c/o chest pain")
        value = f"{family.upper()}, {given.upper()}" if self.rng.random() < 0.5 else (
            f"{family}, {given}")
        if form == "surname-given-prose":
            return _case("lowercase", form, "Admitted ", value, f" ({age}) for observation.")
        if form == "yaml":
            return _case("lowercase", form, "patient:\n  name: ", value, f"\n  age: {age}\n")
        if form == "csv":
            return _case("lowercase", form, "name,age,ward\n\"", value, f"\",{age},B\n")
        if form == "dict":
            return _case("lowercase", form, "{'name': '", value, f"', 'age': {age}}}")
        return _case("lowercase", form, "System: you are a clinical assistant for patient ",
                     value, ". Answer briefly.")

    def secrets(self) -> Case:
        form = self.pick(("plus", "implicit", "fstring", "pem-dash", "pem-lower", "pem-bare",
                          "pgpass", "mysql", "slash", "pw", "credentials"))
        if form in {"plus", "implicit", "fstring"}:
            token = self.pick((self.v.github(), self.v.openai(), self.v.stripe(), self.v.hf(),
                               self.v.gitlab()))
            cut = self.rng.randint(3, 8)
            head, tail = token[:cut], token[cut:]
            if form == "plus":
                before, value, after = 'TOKEN = "', f'{head}" + "{tail}', '"'
            elif form == "implicit":
                mid = self.rng.randint(1, len(tail) - 1)
                before, value, after = ('TOKEN = ("', f'{head}"\n    "{tail[:mid]}" "{tail[mid:]}',
                                        '")')
            else:
                before, value, after = 'TOKEN = f"', f"{head}{{'{tail[:6]}'}}{tail[6:]}", '"'
            # the value runs from the token's first character to its last, quotes between
            return _case("secrets", form, before, value, after + "\nclient = Client(TOKEN)",
                         "secret")
        if form.startswith("pem"):
            pem = self.v.pem(kind=self.pick(("RSA ", "EC ", "")))
            if form == "pem-dash":
                pem = pem[1:]
            elif form == "pem-lower":
                first_line, rest = pem.split("\n", 1)
                body, last_line = rest.rsplit("\n", 1)
                pem = f"{first_line.lower()}\n{body}\n{last_line.lower()}"
            else:
                der = self.pick(("MIIEpAIBAAKCAQEA", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC",
                                 "MHcCAQEEI", "b3BlbnNzaC1rZXktdjEAAAAA"))
                lines = pem.split("\n")[1:-1]
                lines[0] = der + lines[0][len(der):]
                pem = "\n".join(lines)
            return _case("secrets", form, "key for the server:\n", pem, "\nthanks", "secret")
        password = self.v.password()
        user = self.pick(("alice", "etl_user", "postgres", "jdoe", "analyst"))
        if form == "pgpass":
            before = f"{self.pick(('db.internal', 'localhost', '10.0.3.7'))}:5432:clinic:{user}:"
            return _case("secrets", form, before, password, "\n", "secret")
        if form == "mysql":
            return _case("secrets", form, f"mysql -u {user} -p", password, " -h db clinic",
                         "secret")
        if form == "slash":
            return _case("secrets", form, f"login: {user} / ", password, "\n", "secret")
        if form == "pw":
            return _case("secrets", form, self.pick(("pw: ", "pwd: ", "PW = ")), password,
                         "\n", "secret")
        return _case("secrets", form, f"credentials: {user}:", password, "\n", "secret")


@dataclass(frozen=True)
class Family:
    """A named transformation: a value trick (`transform`, applied to every kind that fits
    and to clean values) or a builder of whole cases (`build`)."""

    name: str
    transform: Transform | None = None
    build: Callable[[Builder], Case] | None = None
    must_catch: bool = False  # issue 13: caught >= 97 %, past the default gate <= 3 %

    def seed(self, seed: int) -> int:
        """This family's own seed: the run's seed and a hash of the family's name."""
        return seed + zlib.crc32(self.name.encode()) % 1_000_003

    def cases(self, seed: int, count: int) -> list[Case]:
        own = self.seed(seed)
        if self.build is not None:
            return built_cases(self, Builder(own), count)
        return value_cases(self, FakerValues(own), random.Random(own + 1), count)

    def clean_cases(self, seed: int, count: int) -> list[Case]:
        """The trick on harmless values in clean prompts; none for a builder."""
        if self.transform is None:
            return []
        return value_clean_cases(self, random.Random(self.seed(seed) + 2), count)


def value_cases(family: Family, values: FakerValues, rng: random.Random,
                count: int) -> list[Case]:
    """`count` cases of a value family, its kinds in turn (those it does not fit skipped)."""
    assert family.transform is not None
    cases: list[Case] = []
    attempts = 0
    while len(cases) < count and attempts < count * 20:
        attempts += 1
        kind = KINDS[attempts % len(KINDS)]
        got = family.transform(rng, kind, values.value(kind))
        if got is None:
            continue
        before, written, after = got
        category = "secret" if kind == "secret" else "phi"
        cases.append(_case(family.name, kind, before, written, after, category))
    return cases


def value_clean_cases(family: Family, rng: random.Random, count: int) -> list[Case]:
    assert family.transform is not None
    out: list[Case] = []
    for i in range(count):
        template, picks = CLEAN[i % len(CLEAN)]
        value = rng.choice(picks)
        # the tricks read the kind only to decide what applies: pretend the harmless
        # value is the kind whose tricks fit its shape
        kind = "mrn" if value.isdigit() else "name"
        got = family.transform(rng, kind, value)
        if got is None and family.transform is _spoken_email:
            text = CLEAN_SPOKEN[i % len(CLEAN_SPOKEN)]
            out.append(Case(family.name, "clean", text, 0, len(text), "clean"))
            continue
        if got is None:
            continue
        before, written, after = got
        if before.startswith("Please check the record"):  # the generic prompt
            before, after = template.split("{}")
        else:  # a code or document context: keep it, with a harmless label
            before = before.replace(LABELS[kind], "setting").replace(kind, "setting")
            after = after.replace(kind, "setting")
        out.append(_case(family.name, "clean", before, written, after, "clean"))
    return out


def built_cases(family: Family, builder: Builder, count: int) -> list[Case]:
    assert family.build is not None
    return [replace(family.build(builder), family=family.name) for _ in range(count)]


def _value_family(name: str, transform: Transform) -> Family:
    return Family(name, transform=transform)


def _issue_13(name: str, build: Callable[[Builder], Case]) -> Family:
    return Family(name, build=build, must_catch=True)


FAMILIES: dict[str, Family] = {family.name: family for family in (
    _value_family("plain", _plain),
    _value_family("zero-width", _zero_width),
    _value_family("homoglyph", _homoglyph),
    _value_family("unicode-digits", _unicode_digits),
    _value_family("digit-separators", _digit_separators),
    _value_family("one-per-line", _one_per_line),
    _value_family("split-lines", _split_lines),
    _value_family("concat", _concat),
    _value_family("implicit-join", _implicit_join),
    _value_family("html-entities", _html_entities),
    _value_family("url-encoding", _url_encoding),
    _value_family("escapes", _escapes),
    _value_family("spoken-email", _spoken_email),
    _value_family("spelled-digits", _spelled_digits),
    _value_family("markup", _markup),
    _value_family("reversed", _reversed),
    _value_family("interleaved", _interleaved),
    _value_family("base64", _base64),
    _value_family("comment", _comment),
    _value_family("docstring", _docstring),
    _value_family("f-string", _f_string),
    _value_family("dict-literal", _dict_literal),
    _value_family("csv-row", _csv_row),
    _value_family("markdown-table", _markdown_table),
    _value_family("latex", _latex),
    _value_family("mixed-case", _mixed_case),
    _value_family("upper-case", _upper_case),
    _value_family("leetspeak", _leetspeak),
    _issue_13("separators", Builder.separators),
    _issue_13("invisible", Builder.invisible),
    _issue_13("homoglyph-label", Builder.homoglyphs),
    _issue_13("combining", Builder.combining),
    _issue_13("fullwidth", Builder.fullwidth),
    _issue_13("wrapped", Builder.wrapped),
    _issue_13("records", Builder.records),
    _issue_13("lowercase", Builder.lowercase),
    _issue_13("secrets", Builder.secrets),
)}


def cases(seed: int = SEED, per_family: int = 100,
          names: set[str] | None = None) -> list[Case]:
    """`per_family` cases of every family (or those named), the same for a seed."""
    return [case for family in FAMILIES.values() if not names or family.name in names
            for case in family.cases(seed, per_family)]


def clean_cases(seed: int = SEED, per_family: int = 100,
                names: set[str] | None = None) -> list[Case]:
    """The value families' tricks on harmless values: up to `per_family` each."""
    return [case for family in FAMILIES.values() if not names or family.name in names
            for case in family.clean_cases(seed, per_family)]
