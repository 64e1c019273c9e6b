"""Worst-case scan time on adversarial 100 KB inputs (target: none over 1 s).

Regexes that backtrack badly turn a pasted log or a minified file into a hang; this
script feeds the scanner inputs built to provoke that, plus random text from small
alphabets of the characters its patterns care about, and prints the slowest.

    .venv/bin/python benchmarks/scan_pathological.py [--random 40]
"""

from __future__ import annotations

import argparse
import random
import string
import time

from jupyter_safeai.scan import Scanner

SIZE = 100_000


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
    cases = {name: (u * (SIZE // len(u) + 1))[:SIZE] for name, u in unit.items()}
    cases["one long line of code"] = ("x = f(a, b) + g['k'] * 2; " * 5000)[:SIZE]
    return cases


def randoms(count: int, seed: int) -> dict[str, str]:
    rng = random.Random(seed)
    alphabets = [string.printable, "aA1@.-:=\"' \n", "AaBb12 ,.-/", "0123456789-/ .",
                 "ACGTN\t|/", string.ascii_letters + "_=\"'", "王李김박محمد ,:"]
    return {f"random {i} ({alphabets.index(a)})": "".join(rng.choice(a) for _ in range(SIZE))
            for i in range(count) for a in [rng.choice(alphabets)]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--random", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    scanner = Scanner(timeout=60)
    scanner.scan("Wang Xiaoming.")  # load once
    results = []
    for name, text in {**crafted(), **randoms(args.random, args.seed)}.items():
        started = time.perf_counter()
        findings = scanner.scan(text)
        results.append((time.perf_counter() - started, name, len(findings)))
    results.sort(reverse=True)
    print(f"{len(results)} inputs of {SIZE:,} characters")
    for seconds, name, n in results[:10]:
        print(f"  {seconds:6.3f} s  {name:28s} {n:6d} findings")
    worst = results[0][0]
    print(f"slowest {worst:.3f} s (target: none over 1 s): {'PASS' if worst <= 1 else 'FAIL'}")


if __name__ == "__main__":
    main()
