"""Seeded adversarial prompts: identifiers written the way a careless or tricky user writes
them (issue 13), each with the span of the value that must be found.

Values come from the dev corpus's generator (`corpus.Values`, seeded); the tricks are
applied here: separators and spacing, invisible characters, look-alike letters,
decomposed accents, fullwidth forms, wrapped values, structured records, lower-case and
`SURNAME, GIVEN` names, and secrets built by concatenation, damaged PEM armour and
loose password lines. `cases(seed, per_family)` is used by
tests/scan/test_adversarial.py and benchmarks/scan_adversarial.py.
"""

from __future__ import annotations

import random
import sys
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus as corpus_mod  # noqa: E402

SEED = 1313

SPACES = ("\u00a0", "\u2009", "\u202f", "\u2007", "\u3000", "\u2002")
DASHES = ("\u2013", "\u2014", "\u2212", "\u2010", "\u2011", "\ufe63", "\uff0d")
INVISIBLES = ("\u200b", "\u200c", "\u200d", "\u00ad", "\ufeff", "\x00", "\u2060")
LOOK_ALIKES = {"A": "\u0410", "B": "\u0412", "C": "\u0421", "E": "\u0415", "H": "\u041d",
               "K": "\u041a", "M": "\u041c", "O": "\u041e", "P": "\u0420", "S": "\u0405",
               "T": "\u0422", "X": "\u0425", "a": "\u0430", "c": "\u0441", "e": "\u0435",
               "o": "\u043e", "p": "\u0440", "s": "\u0455", "x": "\u0445", "y": "\u0443",
               "i": "\u0456", "N": "\u039d", "Z": "\u0396", "I": "\u0399"}


@dataclass(frozen=True)
class Case:
    family: str
    variant: str
    text: str
    start: int
    end: int
    category: str  # phi / secret

    @property
    def value(self) -> str:
        return self.text[self.start:self.end]


def _case(family: str, variant: str, before: str, value: str, after: str,
          category: str = "phi") -> Case:
    return Case(family, variant, before + value + after, len(before), len(before) + len(value),
                category)


class Tricks:
    """One family of tricks per method; each returns one case from seeded values."""

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
        spots = [i for i, c in enumerate(text) if c in LOOK_ALIKES]
        out = list(text)
        for i in self.rng.sample(spots, min(count, len(spots))):
            out[i] = LOOK_ALIKES[out[i]]
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


FAMILIES: dict[str, Callable[[Tricks], Case]] = {
    "separators": Tricks.separators,
    "invisible": Tricks.invisible,
    "homoglyphs": Tricks.homoglyphs,
    "combining": Tricks.combining,
    "fullwidth": Tricks.fullwidth,
    "wrapped": Tricks.wrapped,
    "records": Tricks.records,
    "lowercase": Tricks.lowercase,
    "secrets": Tricks.secrets,
}


def cases(seed: int = SEED, per_family: int = 100) -> Iterator[Case]:
    """`per_family` cases of every family, the same for a seed."""
    tricks = Tricks(seed)
    for make in FAMILIES.values():
        for _ in range(per_family):
            yield make(tricks)
