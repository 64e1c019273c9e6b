"""Secrets: jupyter-safeai and detect-secrets on gitleaks' own sample secrets and look-alikes.

    .venv/bin/python benchmarks/secrets_gitleaks.py /path/to/gitleaks [--show-misses K]

gitleaks (public, MIT) keeps with each of its ~220 rules (`cmd/generate/config/rules/*.go`)
the true positives (`tps`) and documented false positives (`fps`) it validates the rule
against. This reads them from a checkout given as an argument (nothing is fetched): the
literal strings, and the samples generated from a regex (`secrets.NewSecret(...)`,
random strings from a fixed seed here) in the assignment shapes of
`utils.GenerateSampleSecrets` (read from `cmd/generate/config/utils/generate.go`).
Expressions this small reader does not understand are skipped and counted.

A sample counts as caught when the scanner reports any secret in it; a rule is fully
covered when every one of its samples is caught; a look-alike counts as flagged when any
secret is reported in it. detect-secrets runs in the same process the way
`detect-secrets scan` runs (default plugins and filters, one file per sample).
Targets (issue 15): >= 95 % samples caught, >= 90 % rules fully covered, <= 5 % flagged.
"""

from __future__ import annotations

import argparse
import ast
import random
import re
import re._constants as sre
import re._parser as sre_parse
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGETS = {"caught": 0.95, "covered": 0.90, "flagged": 0.05}
RNG = random.Random(15)

# ------------------------------------------------------------------ random strings from a regex


def _generate(items: list, out: list[str]) -> None:
    for op, av in items:
        if op is sre.LITERAL:
            out.append(chr(av))
        elif op is sre.NOT_LITERAL:
            out.append("x" if chr(av) != "x" else "y")
        elif op is sre.ANY:
            out.append(RNG.choice("abcdefghijklmnopqrstuvwxyz0123456789"))
        elif op is sre.IN:
            chars: list[str] = []
            negate = False
            for sub_op, sub_av in av:
                if sub_op is sre.NEGATE:
                    negate = True
                elif sub_op is sre.LITERAL:
                    chars.append(chr(sub_av))
                elif sub_op is sre.RANGE:
                    chars.extend(chr(c) for c in range(sub_av[0], sub_av[1] + 1))
                elif sub_op is sre.CATEGORY:
                    name = str(sub_av)
                    chars.extend("0123456789" if "DIGIT" in name else
                                 "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"
                                 if "WORD" in name else " ")
            if negate:
                chars = [c for c in "abcdefghijklmnopqrstuvwxyz0123456789" if c not in chars]
            out.append(RNG.choice(chars))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, high, body = av
            high = low + 1 if high is sre.MAXREPEAT else high
            for _ in range(RNG.randint(low, high)):
                _generate(list(body), out)
        elif op is sre.SUBPATTERN:
            _generate(list(av[-1]), out)
        elif op is sre.BRANCH:
            _generate(list(RNG.choice(av[1])), out)
        elif op is sre.CATEGORY:
            out.append("0" if "DIGIT" in str(av) else "a")
        # assertions and anchors are zero width


def new_secret(regex: str) -> str:
    """A random string matching a (Go RE2) regex, as gitleaks' `secrets.NewSecret`."""
    regex = regex.replace("[[:alnum:]]", "[a-zA-Z0-9]").replace(r"\z", "")
    regex = re.sub(r"\(\?-i(:|\))", r"(?\1", regex).replace("(?)", "")
    out: list[str] = []
    _generate(list(sre_parse.parse(regex)), out)
    return "".join(out)


# ------------------------------------------------------------------ reading the Go rule files

_TOKEN = re.compile(r"""
    (?P<ws>[ \t\r]+|//[^\n]*|/\*.*?\*/)
  | (?P<nl>\n)
  | (?P<raw>`[^`]*`)
  | (?P<str>"(?:[^"\\\n]|\\.)*")
  | (?P<op>:=|\.\.\.|[{}()\[\],+=:.])
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<num>\d+)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)


class Unsupported(Exception):
    pass


@dataclass
class Rule:
    id: str
    tps: list[str] = field(default_factory=list)
    fps: list[str] = field(default_factory=list)
    skipped: int = 0


def _tokens(source: str) -> list[tuple[str, str, int]]:
    tokens, line = [], 0
    for m in _TOKEN.finditer(source):
        kind = m.lastgroup or ""
        if kind == "nl":
            line += 1
        elif kind != "ws":
            tokens.append((kind, m.group(), line))
        line += m.group().count("\n") if kind in ("ws", "raw") else 0
    return tokens


_PATTERNS: dict[str, Callable[..., str]] = {
    "Numeric": lambda n: f"[0-9]{{{n}}}",
    "Hex": lambda n: f"[a-f0-9]{{{n}}}",
    "AlphaNumeric": lambda n: f"[a-z0-9]{{{n}}}",
    "AlphaNumericExtendedShort": lambda n: f"[a-z0-9_-]{{{n}}}",
    "AlphaNumericExtended": lambda n: f"[a-z0-9=_\\-]{{{n}}}",
    "AlphaNumericExtendedLong": lambda n: f"[a-z0-9\\/=_\\+\\-]{{{n}}}",
    "Hex8_4_4_4_12": lambda: "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
}


class _Reader:
    """Evaluates the few Go expressions rule files build their samples with."""

    def __init__(self, tokens: list[tuple[str, str, int]], templates: list[str],
                 scope: dict[str, object]) -> None:
        self.t, self.i, self.templates, self.scope = tokens, 0, templates, scope

    def peek(self, k: int = 0) -> tuple[str, str, int]:
        return self.t[self.i + k] if self.i + k < len(self.t) else ("eof", "", -1)

    def take(self, value: str | None = None) -> tuple[str, str, int]:
        token = self.peek()
        if value is not None and token[1] != value:
            raise Unsupported(f"expected {value}, got {token[1]}")
        self.i += 1
        return token

    def expr(self) -> object:
        value = self.primary()
        while self.peek()[1] == "+":
            self.take()
            right = self.primary()
            if not isinstance(value, str) or not isinstance(right, str):
                raise Unsupported("+ on non-strings")
            value += right
        return value

    def args(self) -> list[object]:
        self.take("(")
        values: list[object] = []
        while self.peek()[1] != ")":
            value = self.expr()
            if self.peek()[1] == "...":
                self.take()
                if not isinstance(value, list):
                    raise Unsupported("spread")
                values.extend(value)
            else:
                values.append(value)
            if self.peek()[1] == ",":
                self.take()
        self.take(")")
        return values

    def composite(self, is_map: bool) -> list[str]:
        self.take("{")
        values: list[str] = []
        while self.peek()[1] != "}":
            value = self.expr()
            if is_map:
                self.take(":")
                value = self.expr()
            if not isinstance(value, str):
                raise Unsupported("non-string element")
            values.append(value)
            if self.peek()[1] == ",":
                self.take()
        self.take("}")
        return values

    def primary(self) -> object:
        kind, text, _ = self.take()
        if kind == "raw":
            return text[1:-1]
        if kind == "str":
            return ast.literal_eval(text.replace("\\x60", "`"))
        if text == "[":  # []string{...}
            self.take("]")
            self.take("string")
            return self.composite(False)
        if text == "map":
            for part in ("[", "string", "]", "string"):
                self.take(part)
            return self.composite(True)
        if kind != "name":
            raise Unsupported(text)
        name = text
        while self.peek()[1] == ".":
            self.take()
            name += "." + self.take()[1]
        if self.peek()[1] != "(":
            if name in self.scope:
                return self.scope[name]
            raise Unsupported(name)
        args = self.args()
        short = name.rsplit(".", 1)[-1]
        if short in _PATTERNS:
            return _PATTERNS[short](*args)
        if short == "NewSecret":
            return new_secret(str(args[0]))
        if short == "GenerateSampleSecrets":
            ident, secret = str(args[0]), str(args[1])
            return [t.replace("{i}", ident).replace("{I}", ident.upper()).replace("{s}", secret)
                    for t in self.templates]
        if short == "GenerateSampleSecret":
            return f'{args[0]}_api_token = "{args[1]}"'
        if name == "append":
            base = args[0]
            if not isinstance(base, list):
                raise Unsupported("append")
            return base + [a for a in args[1:]]
        if name == "fmt.Sprintf":
            return re.sub(r"%[sdv]", "{}", str(args[0])).format(*args[1:])
        if name == "strings.Repeat":
            return str(args[0]) * int(str(args[1]))
        raise Unsupported(name)


def _templates(checkout: Path) -> list[str]:
    source = (checkout / "cmd/generate/config/utils/generate.go").read_text()
    body = source.split("func GenerateSampleSecrets", 1)[1].split("replacer", 1)[0]
    templates = []
    for line in body.splitlines():
        line = line.strip()
        if line.startswith("//") or ":" not in line:
            continue
        tokens = _tokens(line)
        if len(tokens) >= 3 and tokens[1][1] == ":" and tokens[2][0] in ("str", "raw"):
            reader = _Reader(tokens, [], {})
            reader.i = 2
            templates.append(str(reader.primary()))
    return templates


def read_rules(checkout: Path) -> tuple[list[Rule], int]:
    """The rules with their samples, and how many statements could not be read."""
    templates = _templates(checkout)
    rules: list[Rule] = []
    unread = 0
    for path in sorted((checkout / "cmd/generate/config/rules").glob("*.go")):
        source = path.read_text()
        for body in re.split(r"\nfunc ", source)[1:]:
            ids = re.findall(r'RuleID:\s*"([^"]+)"', body)
            if not ids:
                continue
            rule = Rule(ids[0])
            tokens = _tokens(body)
            scope: dict[str, object] = {}
            reader = _Reader(tokens, templates, scope)
            while reader.i < len(tokens):
                kind, name, line = reader.peek()
                nxt = reader.peek(1)[1]
                if kind == "name" and name == "var":
                    reader.take()
                    continue
                if kind == "name" and nxt in (":=", "=") and name not in ("Regex", "RuleID"):
                    start = reader.i
                    reader.i += 2
                    try:
                        scope[name] = reader.expr()
                    except (Unsupported, ValueError, SyntaxError, IndexError, re.error):
                        if name in ("tps", "fps"):
                            rule.skipped += 1
                        reader.i = start + 2
                        while reader.i < len(tokens) and reader.peek()[2] == line:
                            reader.i += 1
                    continue
                reader.i += 1
            for key, target in (("tps", rule.tps), ("fps", rule.fps)):
                value = scope.get(key)
                if isinstance(value, list):
                    target.extend(v for v in value if isinstance(v, str))
            unread += rule.skipped
            rules.append(rule)
    return rules, unread


# ------------------------------------------------------------------ scanners


def ours() -> Callable[[str], bool]:
    from jupyter_safeai.scan.engine import Scanner

    scanner = Scanner(ner=False)

    def flags(text: str) -> bool:
        return any(f.category == "secret" for f in scanner.scan(text))

    return flags


def detect_secrets() -> Callable[[str], bool] | None:
    try:
        from detect_secrets import SecretsCollection
        from detect_secrets.settings import default_settings
    except ImportError:
        return None
    folder = Path(tempfile.mkdtemp(prefix="ds-bench-"))

    def flags(text: str) -> bool:
        path = folder / "sample.txt"
        path.write_text(text, encoding="utf-8")
        with default_settings():
            secrets = SecretsCollection()
            secrets.scan_file(str(path))
        return bool(secrets.data)

    return flags


@dataclass
class Score:
    caught: int = 0
    samples: int = 0
    covered: int = 0
    rules: int = 0
    flagged: int = 0
    lookalikes: int = 0
    misses: dict[str, list[str]] = field(default_factory=dict)
    false_alarms: dict[str, list[str]] = field(default_factory=dict)


def score(rules: list[Rule], flags: Callable[[str], bool]) -> Score:
    s = Score()
    for rule in rules:
        missed = [tp for tp in rule.tps if not flags(tp)]
        s.samples += len(rule.tps)
        s.caught += len(rule.tps) - len(missed)
        if rule.tps:
            s.rules += 1
            s.covered += not missed
        if missed:
            s.misses[rule.id] = missed
        alarms = [fp for fp in rule.fps if flags(fp)]
        s.lookalikes += len(rule.fps)
        s.flagged += len(alarms)
        if alarms:
            s.false_alarms[rule.id] = alarms
    return s


def _pct(a: int, b: int) -> str:
    return f"{a:>5}/{b:<5} {100 * a / max(b, 1):5.1f} %"


def _show(label: str, found: dict[str, list[str]], k: int) -> Iterator[str]:
    yield f"\n{label} ({len(found)} rules):"
    for rule_id, values in sorted(found.items()):
        yield f"  {rule_id}: {len(values)}  e.g. {values[0][:100]!r}"
        if k <= 1:
            break
        k -= 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gitleaks", type=Path, help="a gitleaks checkout")
    parser.add_argument("--show-misses", type=int, default=0, metavar="K")
    parser.add_argument("--no-detect-secrets", action="store_true")
    args = parser.parse_args(argv)
    rules, unread = read_rules(args.gitleaks)
    print(f"gitleaks rules: {len(rules)}; samples {sum(len(r.tps) for r in rules)}, "
          f"look-alikes {sum(len(r.fps) for r in rules)}; statements not read: {unread}")
    results = {"jupyter-safeai": score(rules, ours())}
    baseline = None if args.no_detect_secrets else detect_secrets()
    if baseline is not None:
        results["detect-secrets"] = score(rules, baseline)
    elif not args.no_detect_secrets:
        print("detect-secrets: not installed (pip install detect-secrets)")
    print(f"\n{'':16}{'samples caught':>22}  {'rules fully covered':>22}  "
          f"{'look-alikes flagged':>22}")
    for name, s in results.items():
        print(f"{name:16}{_pct(s.caught, s.samples):>22}  {_pct(s.covered, s.rules):>22}  "
              f"{_pct(s.flagged, s.lookalikes):>22}")
    s = results["jupyter-safeai"]
    ok = (s.caught >= TARGETS["caught"] * s.samples and s.covered >= TARGETS["covered"] * s.rules
          and s.flagged <= TARGETS["flagged"] * s.lookalikes)
    print(f"\ntargets (>= 95 % caught, >= 90 % covered, <= 5 % flagged): "
          f"{'met' if ok else 'NOT met'}")
    if args.show_misses:
        for line in _show("missed", s.misses, args.show_misses):
            print(line)
        for line in _show("flagged", s.false_alarms, args.show_misses):
            print(line)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
