"""The assignment parser: literal values given to names that say they hold a secret.

``name <op> value`` in Python, JSON, YAML, TOML, INI, .env, shell, R, JS, PHP and SQL,
``--password …`` on command lines and ``<password>…</password>`` in XML. A reference to
where the secret lives (``os.environ[...]``, ``getpass()``, ``args.password``) is code that
handles a secret, not a leak. The key is found from its key word, so the work per text is
what its key words make it, and chained assignments stay linear.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from ..finding import Finding
from ..recognizer import FOLD_TO_ASCII, FOLD_TRAPS
from ..scan_view import lowered_of
from .passwords import (
    CAMEL_WORDS,
    DOTTED,
    ENV_NAME,
    PATHLIKE,
    looks_like_reference,
    password_value,
)
from .randomness import SECRET, char_classes, is_placeholder, random_body, shannon_entropy
from .tokens import HEX, valid_aws_secret

# ------------------------------------------------------------------ assignments

#: `name <op> value` in Python, JSON, YAML, TOML, INI, .env, shell, R, JS, PHP, SQL.
#: Keys are unquoted (`password`, `self.api_key`, `PGPASSWORD`, `X-Api-Key`) or quoted
#: (`"password"`, `config['token']`, `os.environ["API_KEY"]`); `password: str = "…"` and
#: `var token string = "…"` types are skipped; operators include Make's `::=`/`?=`, PHP's
#: `.=` and the comma of `setProperty("TOKEN", "…")` after a quoted key; values are quoted
#: (Python prefixes allowed), `{braced}` (ODBC) or bare up to a delimiter.
_KEY_WORDS = ("pass", "pw", "secret", "token", "cred", "auth", "key", "sas", "pat")
#: A key holds one of them within its first 80 characters.
_HOLDS_KEY_WORD = r"(?=[\w.$-]{0,79}?(?i:" + "|".join(_KEY_WORDS) + "))"
_ASSIGN = re.compile(r"""
    (?:
        (?<![\w$.\\-])(?P<kq>["'])""" + _HOLDS_KEY_WORD + r"""
        (?P<qkey>[A-Za-z_$][\w.$-]{0,79}?)(?P=kq)\]?
      | (?<![\w$.\\-])""" + _HOLDS_KEY_WORD + r"""
        (?P<key>[A-Za-z_$][\w.$-]{0,79})
    )
    (?:(?:[ \t]{0,4}:)?[ \t]{1,4}[A-Za-z_][\w.\[\], |]{0,60}?(?=[ \t]{1,4}=[ \t]))?
    [ \t]{0,8}
    (?P<op>:::?=|:=|=>|<-|[?.]=|=(?!=)|:(?![:/])|(?<=["'])[ \t]{0,4},)
    [ \t]{0,8}
    (?:
        (?P<pre>[rRbBuUfF]{0,2})
        (?: "(?P<dq>[^"\n]{0,1024})" | '(?P<sq>[^'\n]{0,1024})' | `(?P<bq>[^`\n]{0,1024})` )
      | \{(?P<bv>[^{}\n]{1,256})\}
      | (?P<uv>[^\s"'`]{1,256})
    )
""", re.VERBOSE)
#: `--password hunter2`, `--api-key=…`, `["--password", "…"]` (the `--` comes first so
#: the engine can skip to it).
_CLI = re.compile(r"""
    --(?<![\w-]--)(?P<key>[A-Za-z][\w-]{0,40})
    (?:
        (?:=|[ \t]{1,4}) (?: "(?P<dq>[^"\n]{0,512})" | '(?P<sq>[^'\n]{0,512})'
                           | (?P<uv>[^\s"'`;&|)<>]{1,256}) )
      | ["'][ \t]{0,2},[ \t]{0,2} (?: "(?P<dq2>[^"\n]{0,512})" | '(?P<sq2>[^'\n]{0,512})' )
    )
""", re.VERBOSE)
#: `<password>…</password>` in XML configs (Maven, JDBC data sources).
_XML = re.compile(r"<(?P<key>[A-Za-z_][\w.:-]{0,40})>[ \t]{0,40}\n?[ \t]{0,40}"
                  r"(?P<xv>[^<>\s](?:[^<>\n]{0,254}[^<>\s])?)\s{0,40}</(?P=key)>")
_VALUE_GROUPS = ("dq", "sq", "bq", "bv", "uv", "dq2", "sq2", "xv")

_PASSWORD_WORDS = frozenset({"password", "passwd", "passphrase", "passcode", "pass", "pwd",
                             "pw", "pword"})
_AMBIGUOUS_PASSWORD_WORDS = frozenset({"pass", "pwd", "pw"})
_SECRET_LAST = frozenset({
    "secret", "token", "credential", "credentials", "creds", "auth", "authorization",
    "apikey", "secretkey", "accesskey", "privatekey", "authtoken", "accesstoken", "apitoken",
    "clientsecret", "sas",
})
_SECRET_SUFFIXES = ("secret", "token", "apikey", "secretkey", "accesskey", "privatekey")
_SECRET_PAIRS = frozenset({
    ("api", "key"), ("secret", "key"), ("access", "key"), ("private", "key"),
    ("signing", "key"), ("encryption", "key"), ("master", "key"), ("account", "key"),
    ("subscription", "key"), ("app", "key"), ("auth", "key"), ("consumer", "key"),
    ("license", "key"), ("storage", "key"), ("shared", "key"), ("hmac", "key"),
    ("github", "pat"), ("gitlab", "pat"), ("fernet", "key"), ("jwt", "key"),
})
#: `eos_token = "</s>"` and friends: tokenizer vocabulary, not credentials.
_NOT_SECRET_BEFORE_TOKEN = frozenset("""
    eos bos pad unk sep cls mask start end special next max min num first last new
    additional stop image audio video begin eot sot system user assistant chat default
    prefix suffix middle fim word sub break page continuation sync resume resumption
    cancellation progress idempotency batch pagination
""".split())
#: Regular expressions: ranges, classes, groups, quantifiers.
_REGEXY = re.compile(
    r"\[[^\]]{0,40}?[A-Za-z0-9]-[A-Za-z0-9]|\\[dwsbDWSB.]|\(\?|\.[*+?]|\{\d+,\d*\}")
_KEY_PARTS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
_FILE_EXT = re.compile(r"\.(?:json|txt|pem|key|crt|cer|p12|pfx|ya?ml|env|ini|cfg|conf|toml|csv|"
                       r"pkl|pickle|db|sqlite|log|pub|gpg|asc)$", re.IGNORECASE)
_WORDY = re.compile(r"(?:[A-Za-z]+|\d+)(?:[._-](?:[A-Za-z]+|\d+))+")
_EMAIL = re.compile(r"[^@\s]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+")


def _key_words(key: str) -> list[str]:
    """`self.dbPassword` → ["db", "password"], `AWS_SECRET_ACCESS_KEY` → [aws, secret,
    access, key]: the last words of a name say what it holds."""
    last = key.rsplit(".", 1)[-1].strip("$@-_")
    return [p.lower() for p in _KEY_PARTS.findall(last) if not p.isdigit()]


def _key_kind(words: list[str]) -> str | None:
    """"password", "password?" (ambiguous: pwd, pass), "aws", "generic" or None, for
    the `_key_words` of a key."""
    if not words:
        return None
    last = words[-1]
    if last in _PASSWORD_WORDS or last.endswith(("password", "passwd", "passphrase")):
        return "password?" if last in _AMBIGUOUS_PASSWORD_WORDS else "password"
    secretish = (last in _SECRET_LAST or last.endswith(_SECRET_SUFFIXES)
                 or tuple(words[-2:]) in _SECRET_PAIRS)
    if not secretish:
        return None
    if last == "token" and len(words) >= 2 and words[-2] in _NOT_SECRET_BEFORE_TOKEN:
        return None
    if "secret" in words and ("aws" in words or "access" in words):
        return "aws"
    return "generic"


#: A character `str.isspace` calls a blank (`\s` is the same class), and the marks of
#: code or markup: one search in C each instead of a loop over a long value's characters.
_BLANK = re.compile(r"\s")
_CODE_MARK = re.compile(r"[\\\[\]{}()<>]")


def _generic_value(value: str, quoted: bool, after: str, env: bool = False) -> bool:
    """A random-looking literal: the kind of value that is a key, not a setting."""
    v = value
    if not 16 <= len(v) <= 1024 or is_placeholder(v):
        return False
    if not quoted and looks_like_reference(v, after, env):
        return False
    if _BLANK.search(v) or "://" in v or _REGEXY.search(v):
        return False
    if _CODE_MARK.search(v) and not random_body(v, 24, 4.3, 3):
        return False  # code or markup, unless as random as a generated Django key
    if PATHLIKE.match(v) and not random_body(v.replace("/", ""), 16, 4.0, 3):
        return False
    if "*" in v and _WORDY.fullmatch(v.replace("*", "").strip("-_./:")):
        return False  # a glob: prod-*, secrets/app-*
    if _FILE_EXT.search(v) or _EMAIL.fullmatch(v) or DOTTED.fullmatch(v):
        return False
    if ENV_NAME.fullmatch(v) or CAMEL_WORDS.fullmatch(v):
        return False
    if _WORDY.fullmatch(v) and not HEX.fullmatch(v.replace("-", "")):
        # my-secret-name, prod_db_2024, secrets/db/password: words, not randomness
        return False
    if v.count("/") >= 2 and not any(c.isupper() for c in v):
        return False
    hexdigits = v.replace("-", "")
    if HEX.fullmatch(hexdigits):
        return len(hexdigits) >= 20 and shannon_entropy(hexdigits) >= 3.0 and (
            any(c.isdigit() for c in hexdigits) and any(c.isalpha() for c in hexdigits))
    threshold = min(3.5, 0.8 * math.log2(len(v)))
    # under 20 characters, two classes (lower case and digits) are weak evidence: ids,
    # slugs and hashes-of-something look like that; generated keys that short mix more
    classes = 3 if len(v) < 20 else 2
    return char_classes(v) >= classes and shannon_entropy(v) >= threshold


def _even_quotes_before(text: str, quote_at: int) -> bool:
    """Whether the quote at `quote_at` opens a string: an odd number of the same quote
    earlier on its line means it closes one (`print("password: ", pw, "x")`)."""
    quote = text[quote_at]
    lo = max(0, quote_at - 400)
    line_start = text.rfind("\n", lo, quote_at) + 1 or lo
    line_start = max(line_start, lo)
    segment = text[line_start:quote_at]
    return (segment.count(quote) - segment.count("\\" + quote)) % 2 == 0


_ENV_KEY = re.compile(r"[A-Z_][A-Z0-9_]*")
_QUERY_PARAM = re.compile(r"[A-Za-z_][\w.-]{0,40}=")
_CODE_DELIMITER = re.compile(r"[,;&)}\]<>{]")
_LINE_PREFIX = re.compile(r"[ \t]*(?:(?:export|set|%env|%set_env|-)[ \t]+)?")
_FORMAT_FIELD = re.compile(r"[A-Za-z_][\w.]*(?:\[[^\]]*\])?(?:![rsa])?(?::[^{}]*)?|\d*")


_OPENER = {")": "(", "]": "[", "}": "{"}


def _unopened_closers_cut(value: str) -> str:
    """`value` without the brackets at its end that close what opened before it: the
    last keyword argument of a call (`pass=False)))`) ends at the value."""
    while value and value[-1] in _OPENER and (
            value.count(value[-1]) > value.count(_OPENER[value[-1]])):
        value = value[:-1]
    return value


def _bare_value_end(text: str, match: re.Match[str], start: int, end: int,
                    key: str) -> tuple[int, bool]:
    """Where a bare value really ends, and whether it is a shell/.env assignment.

    `KEY=value` (upper-case key, no blanks around `=`) runs to the next blank or `;`;
    `key = value`/`key: value` on a line of its own (INI, YAML) runs to the next blank;
    inside code the value ends at a delimiter, except that `&` belongs to a value unless
    a query parameter (`?`/`&` before the key, `&name=` after) and `)` to a value that
    opened a `(`.
    """
    key_start = match.start()
    line_start = text.rfind("\n", max(0, key_start - 200), key_start) + 1
    own_line = bool(line_start or key_start <= 200) and bool(
        _LINE_PREFIX.fullmatch(text, line_start, key_start))
    before = text[key_start - 1:key_start]
    op_start, op_end = match.span("op")
    tight = text[op_start - 1:op_start] not in (" ", "\t") and text[op_end:op_end + 1] not in (
        " ", "\t")
    value = text[start:end]
    if match.group("op") == "=" and tight and before != ";" and _ENV_KEY.fullmatch(key):
        cut = value.find(";")
        return (start + cut if cut >= 0 else end), True
    if own_line and match.group("key"):  # JS/YAML `key: value,` / `a = b;`
        return start + len(_unopened_closers_cut(value.rstrip(",;"))), False
    delimiter = _CODE_DELIMITER.search(value)
    end = start + delimiter.start() if delimiter else end
    limit = start + len(value)
    while end < limit:
        nxt = text[end]
        if not ((nxt == "&" and before not in ("?", "&") and not _QUERY_PARAM.match(text, end + 1))
                or (nxt == ")" and text.count("(", start, end) > text.count(")", start, end))):
            break
        delimiter = _CODE_DELIMITER.search(text, end + 1, limit)
        end = delimiter.start() if delimiter else limit
    return end, False


#: The last character before `at` that cannot be part of a key (`[\w.$-]`): a key's run
#: starts right after it.
_LAST_NON_KEY = re.compile(r"(?s:.*)[^\w.$-]")
#: Where `_ASSIGN` can match when the key words cannot be found by `str.find`: at every
#: run start and quote.
_RUN_START = re.compile(r"""(?<![\w$.\\-])["'A-Za-z_$]""")
#: Where `_CLI` can match: `--` not glued to a word, before a letter.
_CLI_START = re.compile(r"--(?<![\w-]--)(?=[A-Za-z])")
#: Where `_XML` can match.
_XML_START = re.compile(r"<(?=[A-Za-z_])")
#: Characters that end one field of a bare value and may start the next: a query string
#: (`?token=…&password=…`), a connection string (`;`), a list (`,`), a path (`/`).
_FIELD_SEPARATORS = frozenset("?&;,/")


def _assign_starts(text: str) -> list[int]:
    r"""Every position where `_ASSIGN` can match, in order, found from its key words.

    A key starts a run of `[\w.$-]` characters (its look-behind forbids one before it)
    and holds a key word within its first 80 characters, so each key word found by
    `str.find` names one run start to try, and the quote before it for a quoted key.
    """
    folded = lowered_of(text)
    if not text.isascii() and any(trap in text for trap in FOLD_TRAPS):
        folded = text.translate(FOLD_TO_ASCII).lower()
    if len(folded) != len(text):  # no such letter is known; never miss a key if one is
        return [m.start() for m in _RUN_START.finditer(text)]
    starts: set[int] = set()
    for word in _KEY_WORDS:
        at = folded.find(word)
        while at >= 0:
            run = _LAST_NON_KEY.match(text, max(0, at - 80), at)
            start = run.end() if run else 0
            if at - start < 80:  # else no key start is near enough to this word
                starts.add(start)
                if start and text[start - 1] in "\"'":
                    starts.add(start - 1)
            at = folded.find(word, at + 1)
    return sorted(starts)


class _Tried:
    """The matches of a pattern at the positions where one can begin, each position
    tried at most once however often a scan comes back to it."""

    def __init__(self, pattern: re.Pattern[str], text: str, starts: list[int]) -> None:
        self.pattern, self.text, self.starts = pattern, text, starts
        self._matches: dict[int, re.Match[str] | None] = {}

    def __getitem__(self, i: int) -> re.Match[str] | None:
        if i not in self._matches:
            self._matches[i] = self.pattern.match(self.text, self.starts[i])
        return self._matches[i]

    def index(self, pos: int) -> int:
        """The index of the first start at or after `pos`."""
        return bisect_left(self.starts, pos)


def _keyed(text: str, match: re.Match[str]) -> str | None:
    """The kind of secret the key of `match` names, or None when it names none here."""
    groups = match.groupdict()
    key = groups.get("qkey") or groups.get("key") or ""
    words = _key_words(key)
    kind = _key_kind(words)
    if kind is None:
        return None
    before = text[match.start() - 1:match.start()]
    if kind == "password?" and len(words) == 1 and not (
            groups.get("op") == "=" and (key.isupper() or key == "Pwd"
                                         or before in (";", "&", "?"))):
        return None  # lone `pass`/`pwd`/`pw`: a verb, the working directory, a prefix
    if groups.get("key") and before == ":":
        return None  # arn:aws:secretsmanager:…:secret:name is a path, not an assignment
    return kind


def _next_field(tried: _Tried, start: int, end: int) -> int:
    """Where the first assignment to a secret name that follows a field separator inside
    the bare value text[start:end] begins (`end` if none): `?token=…` in a URL is a
    value of its own."""
    text = tried.text
    for i in range(tried.index(start + 1), len(tried.starts)):
        at = tried.starts[i]
        if at >= end:
            break
        if text[at - 1] not in _FIELD_SEPARATORS:
            continue
        nested = tried[i]
        if nested is not None and _keyed(text, nested) is not None:
            return at
    return end


def _assignments(text: str) -> Iterator[tuple[str, int, int, bool, str, bool]]:
    """(kind, start, end, quoted, next character, shell/.env style) of each literal value
    given to a secret-looking name.

    After a quoted value the search resumes at its start, so `conn = "Server=x;PWD=…;"`
    still reaches the PWD (overlaps are the engine's to resolve). A bare value ends at
    the next field that assigns a secret (`url=https://h/?token=…`) and the search
    resumes at its end: in `token=token=token=…` each key is read once, not once per
    key before it, so the work stays linear in the text.
    """
    for pattern in (_ASSIGN, _CLI, _XML):
        if pattern is _CLI and "--" not in text or pattern is _XML and "</" not in text:
            continue
        if pattern is _ASSIGN:
            starts = _assign_starts(text)
        elif pattern is _CLI:
            starts = [m.start() for m in _CLI_START.finditer(text)]
        else:
            starts = [m.start() for m in _XML_START.finditer(text)]
        tried = _Tried(pattern, text, starts)
        i = 0
        while i < len(starts):
            match = tried[i]
            i += 1
            if match is None:
                continue
            groups = match.groupdict()
            name = next(g for g in _VALUE_GROUPS if groups.get(g) is not None)
            start, end = match.span(name)
            i = tried.index(start if start > match.start() else match.end())
            kind = _keyed(text, match)
            if kind is None:
                continue
            key = groups.get("qkey") or groups.get("key") or ""
            value = match.group(name)
            quoted = name not in ("uv", "bv", "xv")
            if pattern is _ASSIGN and quoted:
                key_start = match.start("key") if groups.get("key") else -1
                if key_start > 0 and text[key_start - 1] in "\"'`":
                    continue  # `"Password: " + x`: the key is prose inside a string
                if not _even_quotes_before(text, start - 1):
                    continue
                if "f" in (groups.get("pre") or "").lower() and "{" in value:
                    continue  # f-string interpolating a variable
            env = False
            if name == "uv":
                if pattern is _ASSIGN:
                    end, env = _bare_value_end(text, match, start, end, key)
                end = _next_field(tried, start, end)
                if end <= start:
                    continue
                i = tried.index(end)  # keys inside this value are part of it
            if name == "bv" and (_FORMAT_FIELD.fullmatch(value) or value[0] in "%#{"):
                continue  # `{password}`, `{% trans %}`: a template field, not an ODBC {literal}
            yield kind, start, end, quoted or name in ("bv", "xv"), text[end:end + 1], env


@dataclass(frozen=True)
class AssignmentRecognizer:
    """Literal values assigned to names that say they hold a secret: PASSWORD for
    password names, AWS_SECRET_KEY for aws-secret names, GENERIC_SECRET otherwise."""

    name: str = "assignment:secret"
    entities: tuple[str, ...] = ("PASSWORD", "AWS_SECRET_KEY", "GENERIC_SECRET")
    scores: tuple[tuple[str, float], ...] = (
        ("PASSWORD", 0.8), ("AWS_SECRET_KEY", 0.9), ("GENERIC_SECRET", 0.7))

    def find(self, text: str) -> Iterator[Finding]:
        scores = dict(self.scores)
        for kind, start, end, quoted, after, env in _assignments(text):
            entity = _entity_for(kind, text[start:end], quoted, after, env)
            if entity is not None:
                yield Finding(start, end, entity, SECRET, scores[entity], self.name)


def _entity_for(kind: str, value: str, quoted: bool, after: str, env: bool) -> str | None:
    if kind.startswith("password"):
        strict = kind == "password?"
        return "PASSWORD" if password_value(value, quoted, after, strict, env) else None
    if kind == "aws" and valid_aws_secret(value):
        return "AWS_SECRET_KEY"
    return "GENERIC_SECRET" if _generic_value(value, quoted, after, env) else None

