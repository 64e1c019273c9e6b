"""Worst-case scan time on adversarial 100 KB inputs (target: none over 1 s).

Regexes that backtrack badly turn a pasted log or a minified file into a hang; this
script feeds the scanner inputs built to provoke that — one unit repeated, and the
families the issue names: repeated separators, long digit runs, nested quotes, huge
single tokens, mixed scripts — plus random text from small alphabets of the characters
its patterns care about, and seeded random mixes of `FRAGMENTS` (which
tests/reliability/test_scanner_fuzz.py also draws from, with hypothesis). It prints
the slowest inputs beside a baseline taken in the same run on the same input —
`str.split()`, the cost of merely reading it — and the ratio of the two.

    .venv/bin/python benchmarks/scan_pathological.py [--random 20] [--mixes 40]
"""

from __future__ import annotations

import argparse
import random
import string
import time

from jupyter_safeai.scan import Scanner

SIZE = 100_000

#: Adversarial building blocks, by family; repeated and mixed up to SIZE characters.
FRAGMENTS: dict[str, list[str]] = {
    "separators": ["-", ".", ":", "=", "/", "\\", "|", ",", ";", "\t", "\n", " ", "@", "_",
                   "--", "::", "://", "\r\n", "\u00a0", "\u2028"],
    "digits": ["0", "1234567890", "9" * 40, "000-00-0000", "4111 1111 1111 1111",
               "1.2.3.4", "+1 (617) ", "12/31/", "19", "2024-01-01T"],
    "quotes": ['"', "'", "`", '\\"', "'''", '"""', "\u201c", "\u201d", "\u00ab", "\u00bb",
               "\"'\"'"],
    "labels": ["John Smith", "Dr. ", "MRN: ", "SSN ", "DOB ", "rs123 ", "ACGT", "AKIA",
               "-----BEGIN ", "http://", "password=", "api_key=", "Bearer ", "eyJ",
               "Patient "],
    "scripts": ["\u738b", "\uae40", "\u00f1", "\u0416", "\u0645\u062d\u0645\u062f",
                "\u0926\u0947\u0935", "\u05d0", "\u30a2", "\u00e9", "\u200d", "\u200f",
                "\u0301", "\U0001f600", "\u00df", "\u0130"],
    "code": ["x = '", "f(", ")", "[", "]", "{", "}", "# ", "%%", "$", "\\n", "0x"],
    # what the normalised view and the readers of issue 13 look at
    "issue13": ["\u200b", "\u00a0", "\u2013", "\uff11", "e\u0301", "\u0430", "1-\n", "ab-\n",
                "ssn ", "pt ", "maria ", "GARCIA, ", "name: ", '"a" + ', "f'{", "PID|", "^",
                "INSERT INTO t (ssn) VALUES (", "-----begin private key-----\n", "MIIEpAIBAAK",
                "mysql -p", "pw: ", "[patient]\n", "first_name = "],
}


def fill(unit: str) -> str:
    """`unit` repeated to exactly SIZE characters."""
    return (unit * (SIZE // len(unit) + 1))[:SIZE]


def crafted() -> dict[str, str]:
    unit = {
        "letters": "a", "capitals": "A", "digits": "1", "spaces": " ", "at signs": "@",
        "dots": ".", "dashes": "-", "colons": ":", "equals": "=", "quotes": '"',
        "angle brackets": "<", "newlines": "\n", "capitalised words": "Aa ",
        "name pairs": "John Smith ", "digit groups": "123 ", "dashed digits": "12-",
        "email-ish": "a.b@c.", "url-ish": "http://a/", "ipv6-ish": "a:", "base64-ish": "aB3+",
        "key=value": "key=value;", "password=": "password=", "dates": "01/02/",
        "ACGT": "ACGT", "rs ids": "rs1 ", "vcf-ish": "1\t2\t", "pem-ish": "-----BEGIN ",
        "hex": "deadbeef", "Han": "王", "Hangul": "김", "Arabic": "محمد ",
        "brackets": "([{", "backslashes": "\\", "MRN labels": "MRN ", "street-ish": "12 Main ",
    }
    cases = {name: fill(u) for name, u in unit.items()}
    cases["one long line of code"] = ("x = f(a, b) + g['k'] * 2; " * 5000)[:SIZE]
    cases.update(families())
    return cases


def families() -> dict[str, str]:
    """One input per adversarial shape the issue names (none is random)."""
    half = SIZE // 2
    return {
        # repeated separators: mixed runs, and single ones between words and digits
        "separator soup": fill("-.:=/|,;@_ \t"),
        "dotted words": fill("a.b-c:d/e=f|"),
        "separated digits": fill("1-2.3/4:5 "),
        # long digit runs: bare, after a label, in identifier-like groups
        "100k digits": "7" * SIZE,
        "MRN label + digits": "MRN: " + "4" * (SIZE - 5),
        "phone label + digits": "phone " + "5" * (SIZE - 6),
        "SSN-like groups": fill("123-45-6789-"),
        "card-like groups": fill("4111 1111 1111 111"),
        # nested quotes
        "nested double quotes": '"' * half + "x" + '"' * (SIZE - half - 1),
        "alternating quotes": fill("\"'"),
        "quoted assignment": "password = " + '"' * (SIZE - 11),
        # chained assignments to secret-looking names (`assignment:secret` recognizer)
        "token= chain": fill("token="),
        "TOKEN= chain": fill("TOKEN="),
        "secret= chain": fill("secret="),
        "auth_token= chain": fill("auth_token="),
        "token=a chain": fill("token=a"),
        "token=? chain": fill("token=?"),  # a field separator before each key
        "token=/ chain": fill("token=/"),
        "pw= chain": fill("pw="),  # lone `pw`: matched, never a value
        "--token=. chain": fill("--token=."),  # command-line options
        "unterminated string": ("x = '" + "a\\'" * SIZE)[:SIZE],
        # huge single tokens
        "base64 token": fill("QWxhZGRpbjpvcGVuIHNlc2FtZQ"),
        "hex token": fill("0123456789abcdef"),
        "JWT-like token": ("eyJ" + fill("abcXYZ09_-"))[:SIZE],
        "URL with huge path": ("https://example.org/" + "a" * SIZE)[:SIZE],
        "e-mail, huge local part": "a" * (SIZE - 12) + "@example.org",
        "PEM with huge body": ("-----BEGIN PRIVATE KEY-----\n" + "A" * SIZE)[:SIZE],
        "rs id, huge number": "rs" + "1" * (SIZE - 2),
        # mixed scripts
        "scripts interleaved": fill("王a김Жم\u0926\u0947\u0935ア"),
        "names across scripts": fill("王伟 김민준 Иван Петров محمد علي "),
        "stacked combining marks": "e" + "\u0301" * (SIZE - 1),
        "zero-width joiners": fill("a\u200d"),
        "right-to-left marks": fill("John\u200fSmith "),
        "emoji": fill("\U0001f600 "),
        # the normalised view and the readers of issue 13
        "invisible every other char": fill("1\u200b"),
        "no-break spaces and dashes": fill("12\u00a034\u2013"),
        "fullwidth digits": fill("\uff11\uff12\uff0d"),
        "look-alike words": fill("\u0405\u0405N "),
        "wrapped digits": fill("12-\n"),
        "hyphenated wraps": fill("ab-\n"),
        "lower-case words": fill("maria garcia "),
        "comma pairs": fill("Garcia, Maria, "),
        "lower-case cue runs": fill("pt maria garcia, "),
        "label, spaced digits": "SSN " + fill("1 ")[:SIZE - 4],
        "key: value lines": fill("first_name: maria\n"),
        "json pairs": fill('"family": "Garcia", '),
        "concatenated literals": fill('"ab" + '),
        "implicit literals": fill('"ab" '),
        "f-string fields": ("f'" + fill("{'a'}"))[:SIZE],
        "HL7 fields": ("PID" + fill("|a^b"))[:SIZE],
        "SQL values": ("INSERT INTO t (ssn, dob) VALUES " + fill("('1', '2'), "))[:SIZE],
        "aligned rows": fill(" id  mrn\n  1  234\n"),
        "lower-case armour": fill("-----begin private key-----\n"),
        "key body lines": fill("MIIEpAIBAAKCAQEA" + "A" * 48 + "\n"),
        "password slashes": fill("login: a / "),
        # the disguise readers (run inside the normalised view, where the scan's time limit
        # is not checked) and the readers of handles and forms
        "digit words, failing at the end": fill("one-")[:SIZE - 1] + "x",
        "digit words after hyphens": fill("-one"),
        "encoded spaces": fill("a%20"),
        "numeric entities": fill("&#8203;1"),
        "string escapes": fill("\\u0031"),
        "spoken addresses": fill("a dot b at "),
        "markup inside digits": fill("**1**-"),
        "tags inside digits": fill("<b>1</b>"),
        "implicit joins": fill('("1-"\n "2'),
        "one digit per line": fill("1\n"),
        "handles on one line": fill("follow @ab "),
        "handles in retweets": fill("RT @u: hi via @x cc @y "),
        "form labels": fill("Name: Ann Lee | Location: Oslo | "),
    }


def randoms(count: int, seed: int) -> dict[str, str]:
    rng = random.Random(seed)
    alphabets = [string.printable, "aA1@.-:=\"' \n", "AaBb12 ,.-/", "0123456789-/ .",
                 "ACGTN\t|/", string.ascii_letters + "_=\"'", "王李김박محمد ,:"]
    return {f"random {i} ({alphabets.index(a)})": "".join(rng.choice(a) for _ in range(SIZE))
            for i in range(count) for a in [rng.choice(alphabets)]}


def mixes(count: int, seed: int) -> dict[str, str]:
    """Random concatenations of FRAGMENTS, repeated to SIZE (as the hypothesis test draws)."""
    rng = random.Random(seed)
    pool = [f for group in FRAGMENTS.values() for f in group]
    return {f"mix {i}": fill("".join(rng.choice(pool) for _ in range(rng.randint(1, 30))))
            for i in range(count)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--random", type=int, default=20)
    parser.add_argument("--mixes", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args()
    scanner = Scanner(timeout=60)
    scanner.scan("Wang Xiaoming.")  # load once
    inputs = {**crafted(), **randoms(args.random, args.seed), **mixes(args.mixes, args.seed)}
    results = []
    for name, text in inputs.items():
        assert len(text) == SIZE, name
        started = time.perf_counter()
        text.split()
        reading = time.perf_counter() - started
        started = time.perf_counter()
        findings = scanner.scan(text)
        results.append((time.perf_counter() - started, reading, name, len(findings)))
    results.sort(reverse=True)
    print(f"{len(results)} inputs of {SIZE:,} characters ({len(crafted())} crafted, "
          f"{args.random} random, {args.mixes} fragment mixes)")
    print(f"  {'scan':>7s}  {'split()':>8s}  {'ratio':>6s}  {'input':28s} findings")
    for seconds, reading, name, n in results[:args.top]:
        print(f"  {seconds:6.3f}s  {reading * 1000:6.2f}ms  {seconds / max(reading, 1e-6):6.0f}"
              f"  {name:28s} {n:6d}")
    worst, median = results[0][0], results[len(results) // 2][0]
    print(f"slowest {worst:.3f} s ({results[0][2]}), median {median:.3f} s "
          f"(target: none over 1 s): {'PASS' if worst <= 1 else 'FAIL'}")


if __name__ == "__main__":
    main()
