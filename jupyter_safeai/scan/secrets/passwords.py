"""Passwords and connection strings: in URLs, Basic auth, curl, HTTP auth calls, SQL and prose.

The span is always the password only. Lone ``pass``/``pwd``/``pw`` are also a verb and the
working directory, so they are strict; prose such as "This field is required." is a label.
"""

from __future__ import annotations

import base64
import binascii
import re
from urllib.parse import unquote

from ..prefilter import prefixed
from ..recognizer import PatternRecognizer, context_regex, run_starts
from .randomness import SECRET, is_placeholder, random_body

PATHLIKE = re.compile(r"^(?:/|\./|\.\./|~/|[A-Za-z]:\\)")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
DOTTED = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+")
#: $VAR, ${VAR}, $(cmd), %env, %(name)s, @Microsoft.KeyVault(…).
_REFERENCE_START = re.compile(r"[$%@][A-Za-z_({]")
#: YAML tags, aliases and anchors: !vault, *db_password, &creds.
_YAML_REFERENCE = re.compile(r"[!*&][A-Za-z_][\w.-]{0,64}")
_CALL = re.compile(r"[A-Za-z_$][\w$.]*[(\[]")
_ATTRIBUTE = re.compile(r"[A-Za-z_$][\w$]*\??\.[A-Za-z_$]")
_THREE_DIGITS = re.compile(r"\d{3}")
ENV_NAME = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")
CAMEL_WORDS = re.compile(r"(?:[A-Z][a-z]{2,})+")
_SECRET_WORD = re.compile(r"(?i)pass|pwd|secret|token|key")
_STOPWORDS = frozenset("""
    a an the is are be been must should will can may not no of to in on at for from with
    and or this that it your you please enter field required invalid characters least
""".split())
_CODE_WORDS = frozenset("""
    none null nil true false undefined str string bytes int secretstr optional required
    self cls env input getpass
""".split())


def _is_prose(value: str) -> bool:
    """Messages such as "This field is required." are labels, not passwords."""
    words = value.split()
    if value.rstrip()[-1:] in ".!?:" and len(words) >= 2:
        return True
    return len(words) >= 3 and any(w.lower().strip(".,:;!?") in _STOPWORDS for w in words)


def looks_like_reference(value: str, after: str = "", env: bool = False) -> bool:
    """An unquoted value that names where the secret lives rather than holding it:
    variables, attributes, calls, subscripts, shell/env expansions, type names. In a
    shell/.env assignment (`env`, `KEY=value`) a bare word is a literal, not a name."""
    if value[0] in "{<-([" or _REFERENCE_START.match(value) or _YAML_REFERENCE.fullmatch(value):
        return True
    call = _CALL.match(value)
    if call and not random_body(call.group()[:-1], 12, 3.5, 3):
        return True  # get_token(), config["key"], os.environ[…]; not wg2KDInTE…(&…)
    if "||" in value or value.lower() in _CODE_WORDS:
        return True
    if env:
        return False
    if _ATTRIBUTE.match(value) and not _THREE_DIGITS.search(value):
        return True  # self.password, process.env.X, options?.token; not Willow.Copper2570
    if _IDENT.fullmatch(value):
        # a name without digits, or any name used as a call argument, is a variable;
        # 16+ letters with upper case throughout (yNnMGrcOIoCPQEiJ) are a literal key
        if after[:1] in (",", ")"):
            return True
        upper, lower = sum(c.isupper() for c in value), sum(c.islower() for c in value)
        random_letters = (len(value) >= 16 and "_" not in value and upper >= len(value) / 4
                          and lower >= 3)
        return not any(c.isdigit() for c in value) and not random_letters
    return False


def password_value(value: str, quoted: bool = True, after: str = "",
                    strict: bool = False, env: bool = False) -> bool:
    """A literal that is plausibly a password. `strict` (for ambiguous names such as
    `pwd` or `pass`, or prose) also wants a digit, a symbol or mixed case."""
    v = value.strip()
    if not 4 <= len(v) <= 256 or is_placeholder(v):
        return False
    if not quoted and looks_like_reference(v, after, env):
        return False
    if PATHLIKE.match(v) or "://" in v or ENV_NAME.fullmatch(v):
        return False
    if " " in v and _is_prose(v):
        return False
    if CAMEL_WORDS.fullmatch(v) and sum(c.isupper() for c in v) >= 2:
        return False  # PasswordWidget, TokenAuth: class names, not passwords
    if v.isalpha() and _SECRET_WORD.search(v):
        return False  # challengePassword, passwordField: names of fields
    if v.isdigit() and (len(set(v)) < 3):
        return False
    if strict:
        shape = (any(c.isdigit() for c in v) or any(not c.isalnum() for c in v)
                 or (any(c.isupper() for c in v) and any(c.islower() for c in v)))
        return shape and " " not in v
    return True


def _valid_url_password(value: str) -> bool:
    return password_value(unquote(value))


#: A URL's scheme is the run of scheme characters before its `://`.
_BEFORE_SCHEME = re.compile(r"(?s:.*)[^A-Za-z0-9+.-]")

URL_PASSWORD = PatternRecognizer(
    "PASSWORD", SECRET,
    re.compile(r"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,30}://"
               r"[^\s:/@?#\"'<>]{0,128}:(?P<value>[^\s/@\"'<>]{1,256})@(?=[A-Za-z0-9\[._-])"),
    0.96, _valid_url_password, label="url-password", needles=("://",),
    starts_at=lambda text: run_starts(text, "://", _BEFORE_SCHEME, 31))


def _valid_basic_credentials(value: str) -> bool:
    """Basic credentials are base64("user:password") with a real password."""
    try:
        decoded = base64.b64decode(value + "=" * (-len(value) % 4), validate=True).decode("utf-8")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return False
    user, sep, password = decoded.partition(":")
    return bool(sep) and decoded.isprintable() and password_value(password)


BASIC_AUTH = PatternRecognizer(
    "PASSWORD", SECRET,
    re.compile(r"(?<![A-Za-z])[Bb]asic[ \t]{1,4}(?P<value>[A-Za-z0-9+/]{8,1000}={0,2})"
               r"(?![A-Za-z0-9+/=])"),
    0.88, _valid_basic_credentials, context=context_regex(["authorization", "auth"]),
    window=60, label="basic-auth")

CURL_USER_PASSWORD = PatternRecognizer(
    "PASSWORD", SECRET,
    re.compile(r"(?<!\S)(?:-u|--user)[ \t=]{1,4}[\"']?[^\s:\"'@]{1,64}:"
               r"(?P<value>[^\s\"']{1,128})"),
    0.85, lambda v: password_value(v, strict=True) and not v.isdigit(),
    context=context_regex(["curl", "wget", "http", "https"]), window=300,
    label="curl-user-password", needles=("-u", "--user"))

HTTP_AUTH_PASSWORD = prefixed(PatternRecognizer(
    "PASSWORD", SECRET,
    re.compile(r"(?:(?<![\w.])auth[ \t]{0,2}=[ \t]{0,2}\([ \t]{0,2}|HTTP(?:Basic|Digest|Proxy)Auth"
               r"\([ \t]{0,4}|\.login\([ \t]{0,4})"
               r"(?:[\"'][^\"'\n]{0,128}[\"']|[A-Za-z_][\w.]{0,64})[ \t]{0,4},[ \t]{0,4}"
               r"(?P<q>[\"'])(?P<value>[^\"'\n]{1,256})(?P=q)"),
    0.85, password_value, label="http-auth-password",
    prefixes=("auth", "HTTPBasicAuth(", "HTTPDigestAuth(", "HTTPProxyAuth(", ".login(")))

SQL_PASSWORD = PatternRecognizer(
    "PASSWORD", SECRET,
    re.compile(r"(?i)(?<![a-z_])(?:identified[ \t]{1,4}by|password)[ \t]{1,4}(?P<q>[\"'])"
               r"(?P<value>[^\"'\n]{1,256})(?P=q)"),
    0.85, password_value, label="sql-password",
    context=context_regex(["create user", "alter user", "create role", "alter role",
                           "create login", "alter login", "grant"]), window=200)

PROSE_PASSWORD = PatternRecognizer(
    "PASSWORD", SECRET,
    re.compile(r"(?i)(?<![a-z])(?:password|passwd|passphrase|passcode)[ \t]{1,3}(?:is|was)"
               r"[ \t]{1,3}[\"'`]?(?P<value>[^\s\"'`]{3,127}[^\s\"'`.,;:)])"),
    0.75, lambda v: password_value(v, quoted=False, strict=True), label="password-prose",
    anchors=("pass",))

