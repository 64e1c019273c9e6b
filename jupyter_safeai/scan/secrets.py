"""Secret detectors: cloud keys, vendor tokens, private keys, passwords, assigned secrets.

Most credentials carry a vendor prefix (``AKIA``, ``ghp_``, ``xoxb-``, ``sk_live_``), so a
bounded regex plus a validator on charset, length and randomness finds them with few false
alarms. Credentials without a prefix (passwords, random API keys) are only reported where a
secret-looking name is given a *literal* value that is neither a placeholder
(``"your-api-key-here"``, ``"${API_KEY}"``, ``"***"``) nor a reference to where the secret
really lives (``os.environ[...]``, ``getpass()``, ``args.password``): code that *handles*
secrets is not a leak, and flagging it would teach people to ignore the scanner.

Rules (and why):

* Prefixed tokens — AWS access key ids, Google API keys, GitHub, GitLab, Slack (tokens and
  webhook URLs), Stripe, OpenAI, Hugging Face, Azure AD client secrets: prefix + exact
  charset and length, and a body that is random (entropy, mixed character classes) and
  not a placeholder (``ghp_xxxx…``, ``AKIA…EXAMPLE``). GitHub's CRC32 checksum is not
  verified: its exact encoding is not documented. Vendors without a label of their own
  (Databricks, npm, PyPI, SendGrid, Anthropic, Groq, Replicate, …, kaggle.json) are
  ``GENERIC_SECRET``.
* ``JWT`` — three base64url parts whose header decodes to a JSON object with ``alg`` and
  whose payload decodes to a JSON object.
* ``PRIVATE_KEY`` — a PEM ``-----BEGIN … PRIVATE KEY-----`` block (RSA, EC, DSA, OPENSSH,
  ENCRYPTED, PGP) with a base64 body, spanning the whole block; also JSON-escaped (``\\n``)
  and truncated pastes. ``GCP_SERVICE_ACCOUNT`` is such a block as the ``private_key``
  value of a service-account JSON.
* ``AWS_SECRET_KEY`` — 40 base64 characters assigned to an ``aws…secret``-looking name, or
  standing within 160 characters of an AWS access key id (credentials CSV, positional args).
* ``AZURE_KEY`` — ``AccountKey=``/``SharedAccessKey=`` values and the ``sig=`` of SAS URLs
  (next to ``sv=<date>``); the value only.
* ``PASSWORD`` — the password of ``scheme://user:PASS@host`` URLs, of ``Authorization:
  Basic`` and ``curl -u user:PASS``, of ``auth=("user", "PASS")``/``.login(user, "PASS")``,
  of ``IDENTIFIED BY 'PASS'``, of "the password is PASS", and literals assigned to
  password names (``password = "…"``, ``db_pass: …``, ``PGPASSWORD=…``, ``--password …``,
  ``"password": "…"``, ``PWD=…;``, ``<password>…</password>``). Lone ``pass``/``pwd``/``pw``
  count only as ``PWD=``/``;pwd=`` (they are also a verb and the working directory).
  The span is always the password only.
* ``BEARER_TOKEN`` — the token after ``Bearer`` (or ``Authorization: token``), and Google
  OAuth access tokens (``ya29.``).
* ``GENERIC_SECRET`` — a random-looking literal (≥ 16 characters, Shannon entropy over a
  length-dependent threshold, ≥ 2 character classes, not a URL, path, file name, e-mail,
  word list or placeholder) assigned to a name that *ends* in a secret word (``api_key``,
  ``secret``, ``token``, ``client_secret``, ``access_key``, ``credentials``, ``auth`` …):
  ``token_count``, ``password_hash_column`` or ``eos_token`` are not secret names.

Every pattern starts behind a look-behind boundary or a literal and uses bounded
quantifiers, so a scan stays linear in the text size even on adversarial input. Matched
values are inspected and dropped: only offsets leave this module.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote

from .finding import Finding
from .recognizer import (
    PatternRecognizer,
    Recognizer,
    context_regex,
    literal_starts,
    matches_at,
    run_starts,
)

__all__ = ["SECRET_RECOGNIZERS", "is_placeholder", "shannon_entropy"]

SECRET = "secret"

# ------------------------------------------------------------------ placeholders

#: Words that only describe or stand in for a secret; a value made of nothing else
#: (plus at most four digits) is a placeholder: "your-api-key-here", "secret123".
_PLACEHOLDER_WORDS = frozenset("""
    your my the here goes this api key keys token secret password passwd pass pwd
    passphrase example sample dummy test testing fake mock placeholder change changeme
    replace replaceme me insert enter put value foo bar baz qux quux todo tbd fixme none
    null nil undefined default demo redacted hidden xxx string str text varchar char
    integer int bool boolean bytes access auth private client bearer
""".split())
#: Substrings that mark a documentation or template value wherever they occur.
_PLACEHOLDER_MARKERS = re.compile(
    r"example|placeholder|change[_-]?me|replace[_-]?me|redacted|dummy|xxxx|\*\*\*\*|\.\.\.|\u2026"
    r"|your[_-]|your(?:api|key|token|secret|password)|insert[_-]|not[_-]?real|notasecret|fake[_-]"
)
_MASK_ONLY = re.compile(r"[*xX\u2022\u00b7\u2026._#?\s-]+")
_TEMPLATE = re.compile(
    r"\$\{[^{}]{0,200}\}"            # ${API_KEY}
    r"|\$\([^()]{0,200}\)"           # $(pass show db)
    r"|^\$(?:[A-Z_][A-Z0-9_]*|[a-z_][a-z0-9_]*)$"  # $API_KEY, $db_pass
    r"|\{\{[^{}]{0,200}\}\}"         # {{ secret }}
    r"|\{%[^%]{0,200}%\}"            # {% raw %}
    r"|<[^<>]{1,80}>"                # <TOKEN>, <your key>
    r"|%\(\w{1,64}\)[sdr]|(?<![A-Za-z0-9])%s(?![A-Za-z0-9])"  # %(password)s, %s
    r"|^\{\w{0,64}\}$"               # {password}, {0}, {}
    r"|^\[[A-Za-z_ -]{1,40}\]$"      # [REDACTED]
    r"|^@@\w{1,64}@@$|^__[A-Z0-9_]{1,64}__$"
)
_SEQUENCES = (
    "0123456789abcdefghijklmnopqrstuvwxyz0123456789",
    "9876543210", "zyxwvutsrqponmlkjihgfedcba", "qwertyuiopasdfghjklzxcvbnm",
)


def _segments_into_words(word: str) -> bool:
    """Whether `word` is a concatenation of placeholder words ("yourapikeyhere")."""
    if len(word) > 64:
        return False
    ok = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        ok[end] = any(ok[start] and word[start:end] in _PLACEHOLDER_WORDS
                      for start in range(max(0, end - 12), end))
    return ok[-1]


def _is_sequence_or_periodic(value: str) -> bool:
    """"123456", "abcdef", "abcabcabc", "qwerty": keyboard filler, not a secret."""
    s = re.sub(r"[^a-z0-9]", "", value.lower())
    if len(s) < 4:
        return False
    if any(s in seq for seq in _SEQUENCES):
        return True
    return any(len(s) >= 2 * p and s == (s[:p] * (len(s) // p + 1))[:len(s)]
               for p in range(1, 5))


def is_placeholder(value: str) -> bool:
    """True when `value` only stands in for a secret: empty, masked, templated or
    documentation filler. Such values are what notebooks and docs show instead of a
    secret, so reporting them would only be noise."""
    v = value.strip().strip("\"'`").strip()
    if not v or len(set(v)) == 1 or _MASK_ONLY.fullmatch(v):
        return True
    if _TEMPLATE.search(v):
        return True
    low = v.lower()
    if _PLACEHOLDER_MARKERS.search(low):
        return True
    if _is_sequence_or_periodic(low):
        return True
    words = re.findall(r"[a-z]+", low)
    digits = len(re.sub(r"[^0-9]+", "", low))
    return bool(words) and digits <= 4 and all(
        w in _PLACEHOLDER_WORDS or _segments_into_words(w) for w in set(words))


# ------------------------------------------------------------------ randomness

def shannon_entropy(value: str) -> float:
    """Bits per character of `value` under its own character frequencies."""
    n = len(value)
    if not n:
        return 0.0
    return -sum(c / n * math.log2(c / n) for c in Counter(value).values())


def _char_classes(value: str) -> int:
    """How many of lower, upper, digit, other occur: real keys mix them."""
    return (any(c.islower() for c in value) + any(c.isupper() for c in value)
            + any(c.isdigit() for c in value) + any(not c.isalnum() for c in value))


def _random_body(body: str, min_len: int, min_entropy: float = 3.5,
                 min_classes: int = 2) -> bool:
    """A token body that looks generated: long enough, mixed, random, not filler."""
    return (len(body) >= min_len and _char_classes(body) >= min_classes
            and shannon_entropy(body) >= min_entropy and not is_placeholder(body))


def _body_after(prefix_len: int, min_len: int, min_entropy: float = 3.5,
                min_classes: int = 2) -> Callable[[str], bool]:
    """Validator for a prefixed token: the part after its prefix must be random."""
    return lambda value: _random_body(value[prefix_len:], min_len, min_entropy, min_classes)


# ------------------------------------------------------------------ prefixed tokens

_AWS_KEY_ID = re.compile(r"(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])")
_AWS_KEY_ID_PREFIXES = ("AKIA", "ASIA", "ABIA", "ACCA")


def _valid_aws_key_id(value: str) -> bool:
    """AWS's docs key (…EXAMPLE) and filler like AKIAXXXXXXXXXXXXXXXX are not keys."""
    body = value[4:]
    return not is_placeholder(body) and len(set(body)) >= 6


AWS_ACCESS_KEY = PatternRecognizer(
    "AWS_ACCESS_KEY", SECRET, _AWS_KEY_ID, 0.95, _valid_aws_key_id, label="aws-access-key-id",
    prefixes=_AWS_KEY_ID_PREFIXES)

GCP_API_KEY = PatternRecognizer(
    "GCP_API_KEY", SECRET,
    re.compile(r"(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])"),
    0.95, _body_after(4, 35), label="google-api-key", prefixes=("AIza",))

GITHUB_TOKEN = PatternRecognizer(
    "GITHUB_TOKEN", SECRET,
    re.compile(r"(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,251}(?![A-Za-z0-9_])"),
    0.97, _body_after(4, 36), label="github-token",
    prefixes=("ghp_", "gho_", "ghu_", "ghs_", "ghr_"))

GITHUB_FINE_GRAINED_TOKEN = PatternRecognizer(
    "GITHUB_TOKEN", SECRET,
    re.compile(r"(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59,200}(?![A-Za-z0-9_])"),
    0.97, _body_after(11, 82, 4.0), label="github-fine-grained-token",
    prefixes=("github_pat_",))

GITLAB_TOKEN = PatternRecognizer(
    "GITLAB_TOKEN", SECRET,
    re.compile(r"(?<![A-Za-z0-9_-])(?:(?:glpat|gldt|glrt|glptt|glft|glimt|glagent|gloas|glcbt"
               r"|glsoat)-[A-Za-z0-9_-]{20,300}(?:\.[A-Za-z0-9_-]{1,40}){0,3}"
               r"|GR1348941[A-Za-z0-9_-]{20,64})(?![A-Za-z0-9_-])"),
    0.95,
    lambda v: _random_body(v[9:] if v.startswith("GR1348941") else v.split("-", 1)[1], 20, 3.0),
    label="gitlab-token", prefixes=("gl", "GR1348941"))


def _valid_slack_token(value: str) -> bool:
    """Slack tokens carry numeric team/user ids or a long random tail; "xoxb-your-token"
    has neither."""
    parts = value.split("-")[1:]
    if len(value) < 24 or is_placeholder(parts[-1]):
        return False
    numeric = [p for p in parts if p.isdigit() and len(p) >= 6]
    if any(len(set(p)) == 1 for p in numeric):
        return False
    return bool(numeric) or _random_body(parts[-1], 20)


SLACK_TOKEN = PatternRecognizer(
    "SLACK_TOKEN", SECRET,
    re.compile(r"(?<![A-Za-z0-9_.-])(?:xoxe\.)?(?:xox[abposre]|xapp)-(?:[A-Za-z0-9]{1,80}-){1,6}"
               r"[A-Za-z0-9]{4,80}(?![A-Za-z0-9_-])"),
    0.95, _valid_slack_token, label="slack-token", prefixes=("xox", "xapp-"))


def _valid_slack_webhook(value: str) -> bool:
    path = value.split("hooks.slack.com/", 1)[1].rstrip("/").split("/")[1:]
    return len(path) >= 2 and not is_placeholder(path[-1]) and _random_body(path[-1], 8, 2.5)


SLACK_WEBHOOK = PatternRecognizer(
    "SLACK_TOKEN", SECRET,
    re.compile(r"(?<![A-Za-z0-9_.-])(?:https?://)?hooks\.slack\.com/(?:services|workflows|triggers)"
               r"/[A-Za-z0-9_/+-]{16,300}"),
    0.95, _valid_slack_webhook, label="slack-webhook", needles=("hooks.slack.com/",))

STRIPE_KEY = PatternRecognizer(
    "STRIPE_KEY", SECRET,
    re.compile(r"(?<![A-Za-z0-9_])(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,247}"
               r"|whsec_[A-Za-z0-9]{24,128})(?![A-Za-z0-9_])"),
    0.95, lambda v: _random_body(v.rsplit("_", 1)[1], 16), label="stripe-key",
    prefixes=("sk_live_", "sk_test_", "rk_live_", "rk_test_", "whsec_"))


def _valid_openai_key(value: str) -> bool:
    """"T3BlbkFJ" (base64 of "OpenAI") marks most keys; otherwise the body must be long
    and mix upper, lower and digits, which words and CSS class names do not."""
    body = re.sub(r"^sk-(?:(?:proj|svcacct|admin|None)-)?", "", value)
    if "T3BlbkFJ" in body:
        return not is_placeholder(body.replace("T3BlbkFJ", ""))
    return _random_body(body, 32, 4.0, 3) and sum(c.isdigit() for c in body) >= 2


OPENAI_KEY = PatternRecognizer(
    "OPENAI_KEY", SECRET,
    re.compile(r"(?<![A-Za-z0-9_-])sk-(?!ant-)(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{20,300}"
               r"(?![A-Za-z0-9_-])"),
    0.9, _valid_openai_key, label="openai-key", prefixes=("sk-",))

HUGGINGFACE_TOKEN = PatternRecognizer(
    "HUGGINGFACE_TOKEN", SECRET,
    re.compile(r"(?<![A-Za-z0-9_])(?:hf_|api_org_)[A-Za-z0-9]{30,40}(?![A-Za-z0-9_])"),
    0.93, lambda v: _random_body(v.rsplit("_", 1)[1], 30), label="huggingface-token",
    prefixes=("hf_", "api_org_"))

#: Vendors without a label of their own: still secrets, reported as GENERIC_SECRET.
VENDOR_TOKEN = PatternRecognizer(
    "GENERIC_SECRET", SECRET,
    re.compile(
        r"(?<![A-Za-z0-9_-])(?:"
        r"dapi[0-9a-f]{32}(?:-\d{1,2})?"                    # Databricks
        r"|npm_[A-Za-z0-9]{36}"                             # npm
        r"|pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,300}"       # PyPI
        r"|SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}"        # SendGrid
        r"|sk-ant-(?:api|admin|oat|sid)\d{2}-[A-Za-z0-9_-]{32,300}"  # Anthropic
        r"|GOCSPX-[A-Za-z0-9_-]{28}"                        # Google OAuth client secret
        r"|gsk_[A-Za-z0-9]{40,60}"                          # Groq
        r"|r8_[A-Za-z0-9]{30,45}"                           # Replicate
        r"|pplx-[A-Za-z0-9]{40,60}"                         # Perplexity
        r"|nvapi-[A-Za-z0-9_-]{50,80}"                      # NVIDIA
        r"|xai-[A-Za-z0-9]{60,100}"                         # xAI
        r"|lsv2_(?:pt|sk)_[0-9a-f]{32}_[0-9a-f]{10}"        # LangSmith
        r")(?![A-Za-z0-9_-])"),
    0.9, lambda v: _random_body(re.split(r"[_.-]", v, maxsplit=1)[-1][-32:], 16, 3.0),
    label="vendor-token", prefixes=("dapi", "npm_", "pypi-", "SG.", "sk-ant-", "GOCSPX-", "gsk_",
                                   "r8_", "pplx-", "nvapi-", "xai-", "lsv2_"))

#: kaggle.json: the key sits under the bare name "key", which is only safe to read as a
#: secret right after "username".
KAGGLE_KEY = PatternRecognizer(
    "GENERIC_SECRET", SECRET,
    re.compile(r"""["']username["'][ \t]{0,4}:[ \t]{0,4}["'][^"'\n]{1,64}["'][ \t]{0,4},"""
               r"""[ \t]{0,4}["']key["'][ \t]{0,4}:[ \t]{0,4}["'](?P<value>[0-9a-f]{32})["']"""),
    0.85, lambda v: _random_body(v, 32, 3.0), label="kaggle-key", needles=("username",))


# ------------------------------------------------------------------ JWT

def _b64url_json(part: str) -> object:
    """Decode one JWT part; None when it is not base64url-encoded JSON."""
    try:
        raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        return json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError, RecursionError):
        return None


def _valid_jwt(value: str) -> bool:
    """A header with `alg` and a JSON payload; unsigned only with alg "none"."""
    header, payload, signature = value.rstrip("=").split(".")
    head = _b64url_json(header)
    if not isinstance(head, dict) or not isinstance(head.get("alg"), str):
        return False
    if not isinstance(_b64url_json(payload), dict):
        return False
    return len(signature) >= 16 or head["alg"].lower() == "none"


JWT = PatternRecognizer(
    "JWT", SECRET,
    re.compile(r"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,8000}\.eyJ[A-Za-z0-9_-]{4,16000}"
               r"\.[A-Za-z0-9_-]{0,8000}={0,2}(?![A-Za-z0-9_=-])"),
    0.9, _valid_jwt, label="jwt", prefixes=("eyJ",))


# ------------------------------------------------------------------ Azure

AZURE_STORAGE_KEY = PatternRecognizer(
    "AZURE_KEY", SECRET,
    re.compile(r"(?<![A-Za-z])(?i:AccountKey|SharedAccessKey|AccessKey)[ \t]{0,2}=[ \t]{0,2}"
               r"(?P<value>[A-Za-z0-9+/]{20,200}={0,2})(?![A-Za-z0-9+/=])"),
    0.93, lambda v: _random_body(v, 32, 4.0), label="azure-storage-key",
    anchors=("accountkey", "sharedaccesskey", "accesskey"))


def _valid_sas_signature(value: str) -> bool:
    return _random_body(unquote(value).rstrip("="), 20, 3.5)


AZURE_SAS_SIGNATURE = PatternRecognizer(
    "AZURE_KEY", SECRET,
    re.compile(r"[?&;]sig=(?P<value>[A-Za-z0-9%+/]{16,200}(?:=|%3[Dd]){0,2})"),
    0.9, _valid_sas_signature, context=re.compile(r"\bsv=\d{4}-\d{2}-\d{2}"), window=600,
    context_after=True, label="azure-sas-signature", needles=("sig=",))

AZURE_AD_CLIENT_SECRET = PatternRecognizer(
    "AZURE_KEY", SECRET,
    re.compile(r"(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}"
               r"(?![A-Za-z0-9_~.-])"),
    0.9, lambda v: _random_body(v[6:], 31, 3.5), label="azure-ad-client-secret",
    needles=("Q~",))


# ------------------------------------------------------------------ private keys

_PEM_BEGIN = re.compile(r"-----BEGIN[ ]{1,2}(?:[A-Z0-9]{1,16}[ ]){0,3}PRIVATE KEY(?: BLOCK)?-----")
_PEM_END = re.compile(r"-----END[ ]{1,2}(?:[A-Z0-9]{1,16}[ ]){0,3}PRIVATE KEY(?: BLOCK)?-----")
#: A line break inside a pasted key: real, JSON-escaped (`\n`), or between the pieces of
#: a concatenated string literal (`"…\n"` newline `"…"`).
_PEM_LINE_BREAK = r"""(?:\\n)?["']?[ \t]*(?:\r?\n|\\n)[ \t]*["']?"""
#: A body cut off before its END line: header lines (Proc-Type, DEK-Info), then lines of
#: ≥ 16 base64 characters; it ends at the first line that is not one (prose after it).
_PEM_OPEN_BODY = re.compile(
    rf"(?:{_PEM_LINE_BREAK}[A-Za-z-]{{1,20}}:[ \t][^\r\n\\\"']{{0,200}}){{0,4}}"
    rf"(?:{_PEM_LINE_BREAK}(?={_PEM_LINE_BREAK}))?"
    rf"(?:{_PEM_LINE_BREAK}[A-Za-z0-9+/=]{{16,100}}){{0,400}}")
_PEM_MAX_BODY = 20000
_BASE64_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")


def _pem_body_ok(body: str) -> bool:
    """Real key material: ≥ 64 base64 characters once escapes, quotes and header lines
    (Proc-Type, DEK-Info, Version) are removed; "..." or "<key>" bodies are docs."""
    if "..." in body or "\u2026" in body or "<" in body:
        return False
    lines = re.sub(r"\\[nr]", "\n", body).splitlines()
    payload = "".join(re.sub(r"[\s\"',\\]", "", line) for line in lines if ":" not in line)
    bad = sum(c not in _BASE64_CHARS for c in payload)
    return len(payload) - bad >= 64 and bad <= len(payload) // 50 and not is_placeholder(payload)


def _pem_blocks(text: str) -> Iterator[tuple[int, int, int]]:
    """(start, body start, end) of each private-key block; a block without END runs to
    the end of its base64 body. Each BEGIN is paired with the first END before the next
    BEGIN, so the work is linear."""
    begins = list(_PEM_BEGIN.finditer(text))
    if not begins:
        return
    ends = [m for m in _PEM_END.finditer(text)]
    end_starts = [m.start() for m in ends]
    for k, begin in enumerate(begins):
        limit = min(begins[k + 1].start() if k + 1 < len(begins) else len(text),
                    begin.end() + _PEM_MAX_BODY)
        i = bisect_left(end_starts, begin.end())
        if i < len(ends) and ends[i].end() <= limit:
            yield begin.start(), begin.end(), ends[i].end()
            continue
        body = _PEM_OPEN_BODY.match(text, begin.end(), limit)
        stop = body.end() if body else begin.end()
        while stop > begin.end() and text[stop - 1] not in _BASE64_CHARS:
            stop -= 1
        if stop > begin.end():
            yield begin.start(), begin.end(), stop


@dataclass(frozen=True)
class PemPrivateKeyRecognizer:
    """PEM/OpenSSH/PGP private-key blocks, whole, including JSON-escaped ones."""

    name: str = "pem:private-key"
    score: float = 0.98

    def find(self, text: str) -> Iterator[Finding]:
        if "PRIVATE KEY" not in text:
            return
        for start, body_start, end in _pem_blocks(text):
            body_end = text.rfind("-----END", body_start, end)
            if _pem_body_ok(text[body_start:body_end if body_end >= 0 else end]):
                yield Finding(start, end, "PRIVATE_KEY", SECRET, self.score, self.name)


_GCP_PRIVATE_KEY = re.compile(
    r"""(?P<q>["'])private_key(?P=q)[ \t]{0,4}:[ \t]{0,4}["'](?=-----BEGIN)""")
_GCP_MARKERS = ("service_account", "gserviceaccount.com", "private_key_id")


@dataclass(frozen=True)
class GcpServiceAccountRecognizer:
    """The private key of a GCP service-account JSON (``"private_key": "-----BEGIN…"``)
    next to its tell-tale fields; the span is that string value (the key block and its
    escaped trailing newline), the rest of the JSON is not secret."""

    name: str = "gcp:service-account"
    score: float = 0.99

    def find(self, text: str) -> Iterator[Finding]:
        if "private_key" not in text:
            return
        for match in _GCP_PRIVATE_KEY.finditer(text):
            lo, hi = max(0, match.start() - 4000), min(len(text), match.end() + 25000)
            if not any(text.find(marker, lo, hi) >= 0 for marker in _GCP_MARKERS):
                continue
            begin = _PEM_BEGIN.match(text, match.end())
            if not begin:
                continue
            stop = text.find("-----BEGIN", begin.end(), begin.end() + _PEM_MAX_BODY)
            end = _PEM_END.search(text, begin.end(),
                                  stop if stop >= 0 else begin.end() + _PEM_MAX_BODY)
            if end and _pem_body_ok(text[begin.end():end.start()]):
                stop = end.end()
                for escape in ("\\r\\n", "\\n"):  # the value's own trailing newline
                    if text.startswith(escape, stop):
                        stop += len(escape)
                        break
                yield Finding(begin.start(), stop, "GCP_SERVICE_ACCOUNT", SECRET, self.score,
                              self.name)


# ------------------------------------------------------------------ AWS secret keys

_AWS_SECRET_CANDIDATE = re.compile(r"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")
_HEX = re.compile(r"[0-9a-fA-F]+")


def _valid_aws_secret(value: str) -> bool:
    """40 base64 characters with upper and lower case: hex SHAs and words are not keys."""
    return (len(value) == 40 and not _HEX.fullmatch(value)
            and any(c.islower() for c in value) and any(c.isupper() for c in value)
            and _random_body(value, 40, 4.0, 3))


@dataclass(frozen=True)
class AwsSecretNearKeyIdRecognizer:
    """A 40-character secret access key within `distance` characters of an access key id,
    as in the credentials CSV the AWS console hands out or ``client("s3", id, secret)``."""

    name: str = "aws:secret-near-key-id"
    score: float = 0.9
    distance: int = 160

    def find(self, text: str) -> Iterator[Finding]:
        starts = literal_starts(text, _AWS_KEY_ID_PREFIXES)
        ids = [m.span() for m in matches_at(_AWS_KEY_ID, text, starts)
               if _valid_aws_key_id(m.group())]
        if not ids:
            return
        starts = [s for s, _ in ids]
        for match in _AWS_SECRET_CANDIDATE.finditer(text):
            start, end = match.span()
            i = bisect_left(starts, start)
            near = False
            for j in (i - 1, i):
                if 0 <= j < len(ids):
                    s, e = ids[j]
                    gap = start - e if e <= start else s - end
                    near = near or 0 <= gap <= self.distance
            if near and _valid_aws_secret(match.group()):
                yield Finding(start, end, "AWS_SECRET_KEY", SECRET, self.score, self.name)


# ------------------------------------------------------------------ passwords in URLs etc.

_PATHLIKE = re.compile(r"^(?:/|\./|\.\./|~/|[A-Za-z]:\\)")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_DOTTED = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+")
#: $VAR, ${VAR}, $(cmd), %env, %(name)s, @Microsoft.KeyVault(…).
_REFERENCE_START = re.compile(r"[$%@][A-Za-z_({]")
#: YAML tags, aliases and anchors: !vault, *db_password, &creds.
_YAML_REFERENCE = re.compile(r"[!*&][A-Za-z_][\w.-]{0,64}")
_CALL = re.compile(r"[A-Za-z_$][\w$.]*[(\[]")
_ATTRIBUTE = re.compile(r"[A-Za-z_$][\w$]*\??\.[A-Za-z_$]")
_ENV_NAME = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")
_CAMEL_WORDS = re.compile(r"(?:[A-Z][a-z]{2,})+")
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


def _looks_like_reference(value: str, after: str = "", env: bool = False) -> bool:
    """An unquoted value that names where the secret lives rather than holding it:
    variables, attributes, calls, subscripts, shell/env expansions, type names. In a
    shell/.env assignment (`env`, `KEY=value`) a bare word is a literal, not a name."""
    if value[0] in "{<-([" or _REFERENCE_START.match(value) or _YAML_REFERENCE.fullmatch(value):
        return True
    call = _CALL.match(value)
    if call and not _random_body(call.group()[:-1], 12, 3.5, 3):
        return True  # get_token(), config["key"], os.environ[…]; not wg2KDInTE…(&…)
    if "||" in value or value.lower() in _CODE_WORDS:
        return True
    if env:
        return False
    if _ATTRIBUTE.match(value) and not re.search(r"\d{3}", value):
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


def _password_value(value: str, quoted: bool = True, after: str = "",
                    strict: bool = False, env: bool = False) -> bool:
    """A literal that is plausibly a password. `strict` (for ambiguous names such as
    `pwd` or `pass`, or prose) also wants a digit, a symbol or mixed case."""
    v = value.strip()
    if not 4 <= len(v) <= 256 or is_placeholder(v):
        return False
    if not quoted and _looks_like_reference(v, after, env):
        return False
    if _PATHLIKE.match(v) or "://" in v or _ENV_NAME.fullmatch(v):
        return False
    if " " in v and _is_prose(v):
        return False
    if _CAMEL_WORDS.fullmatch(v) and sum(c.isupper() for c in v) >= 2:
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
    return _password_value(unquote(value))


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
    return bool(sep) and decoded.isprintable() and _password_value(password)


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
    0.85, lambda v: _password_value(v, strict=True) and not v.isdigit(),
    context=context_regex(["curl", "wget", "http", "https"]), window=300,
    label="curl-user-password", needles=("-u", "--user"))

HTTP_AUTH_PASSWORD = PatternRecognizer(
    "PASSWORD", SECRET,
    re.compile(r"(?:(?<![\w.])auth[ \t]{0,2}=[ \t]{0,2}\([ \t]{0,2}|HTTP(?:Basic|Digest|Proxy)Auth"
               r"\([ \t]{0,4}|\.login\([ \t]{0,4})"
               r"(?:[\"'][^\"'\n]{0,128}[\"']|[A-Za-z_][\w.]{0,64})[ \t]{0,4},[ \t]{0,4}"
               r"(?P<q>[\"'])(?P<value>[^\"'\n]{1,256})(?P=q)"),
    0.85, _password_value, label="http-auth-password",
    prefixes=("auth", "HTTPBasicAuth(", "HTTPDigestAuth(", "HTTPProxyAuth(", ".login("))

SQL_PASSWORD = PatternRecognizer(
    "PASSWORD", SECRET,
    re.compile(r"(?i)(?<![a-z_])(?:identified[ \t]{1,4}by|password)[ \t]{1,4}(?P<q>[\"'])"
               r"(?P<value>[^\"'\n]{1,256})(?P=q)"),
    0.85, _password_value, label="sql-password",
    context=context_regex(["create user", "alter user", "create role", "alter role",
                           "create login", "alter login", "grant"]), window=200)

PROSE_PASSWORD = PatternRecognizer(
    "PASSWORD", SECRET,
    re.compile(r"(?i)(?<![a-z])(?:password|passwd|passphrase|passcode)[ \t]{1,3}(?:is|was)"
               r"[ \t]{1,3}[\"'`]?(?P<value>[^\s\"'`]{3,127}[^\s\"'`.,;:)])"),
    0.75, lambda v: _password_value(v, quoted=False, strict=True), label="password-prose",
    anchors=("pass",))


# ------------------------------------------------------------------ bearer tokens

BEARER_TOKEN = PatternRecognizer(
    "BEARER_TOKEN", SECRET,
    re.compile(r"(?:(?<![A-Za-z])[Bb]earer|(?i:authorization)[\"']?[ \t]{0,4}[:=][ \t]{0,4}"
               r"[\"']?(?:[Tt]oken|Bot))[ \t]{1,4}"
               r"(?P<value>[A-Za-z0-9_~+/-][A-Za-z0-9._~+/-]{14,4094}[A-Za-z0-9_~+/-]={0,2})"
               r"(?![A-Za-z0-9_~+/=-])"),
    0.85, lambda v: _random_body(v.rstrip("="), 16, 3.0), label="bearer-token",
    needles=("earer", "uthorization", "UTHORIZATION"), anchors=("bearer", "authorization"))

GOOGLE_OAUTH_TOKEN = PatternRecognizer(
    "BEARER_TOKEN", SECRET,
    re.compile(r"(?<![A-Za-z0-9_.-])ya29\.[A-Za-z0-9_-]{30,2048}(?![A-Za-z0-9_-])"),
    0.9, _body_after(5, 30), label="google-oauth-token", prefixes=("ya29.",))


# ------------------------------------------------------------------ assignments

#: `name <op> value` in Python, JSON, YAML, TOML, INI, .env, shell, R, JS, PHP, SQL.
#: Keys are unquoted (`password`, `self.api_key`, `PGPASSWORD`, `X-Api-Key`) or quoted
#: (`"password"`, `config['token']`, `os.environ["API_KEY"]`); `password: str = "…"`
#: annotations are skipped; values are quoted (Python prefixes allowed), `{braced}`
#: (ODBC) or bare up to a delimiter.
_ASSIGN = re.compile(r"""
    (?:
        (?<![\w$.\\-])(?P<kq>["'])(?=[\w.$-]{0,79}?(?i:pass|pw|secret|token|cred|auth|key|sas|pat))
        (?P<qkey>[A-Za-z_$][\w.$-]{0,79}?)(?P=kq)\]?
      | (?<![\w$.\\-])(?=[\w.$-]{0,79}?(?i:pass|pw|secret|token|cred|auth|key|sas|pat))
        (?P<key>[A-Za-z_$][\w.$-]{0,79})
    )
    (?:[ \t]{0,4}:[ \t]{1,4}[A-Za-z_][\w.\[\], |]{0,60}?(?=[ \t]{1,4}=[ \t]))?
    [ \t]{0,8}
    (?P<op>:=|=>|<-|=(?!=)|:(?![:/]))
    [ \t]{0,8}
    (?:
        (?P<pre>[rRbBuUfF]{0,2})
        (?: "(?P<dq>[^"\n]{0,1024})" | '(?P<sq>[^'\n]{0,1024})' | `(?P<bq>[^`\n]{0,1024})` )
      | \{(?P<bv>[^{}\n]{1,256})\}
      | (?P<uv>[^\s"'`]{1,256})
    )
""", re.VERBOSE)
#: The words one of which a key of `_ASSIGN` holds within its first 80 characters, and
#: the characters a key is made of: a key is found from its word, not tried at every
#: identifier.
_KEY_WORDS = ("pass", "pw", "secret", "token", "cred", "auth", "key", "sas", "pat")
_KEY_CHARS = frozenset("_.$-")
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
_XML = re.compile(r"<(?P<key>[A-Za-z_][\w.:-]{0,40})>(?P<xv>[^<>\n]{1,256})</(?P=key)>")
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


def _generic_value(value: str, quoted: bool, after: str, env: bool = False) -> bool:
    """A random-looking literal: the kind of value that is a key, not a setting."""
    v = value
    if not 16 <= len(v) <= 1024 or is_placeholder(v):
        return False
    if not quoted and _looks_like_reference(v, after, env):
        return False
    if any(c.isspace() for c in v) or "://" in v or _REGEXY.search(v):
        return False
    if any(c in "\\[]{}()<>" for c in v) and not _random_body(v, 24, 4.3, 3):
        return False  # code or markup, unless as random as a generated Django key
    if _PATHLIKE.match(v) and not _random_body(v.replace("/", ""), 16, 4.0, 3):
        return False
    if "*" in v and _WORDY.fullmatch(v.replace("*", "").strip("-_./:")):
        return False  # a glob: prod-*, secrets/app-*
    if _FILE_EXT.search(v) or _EMAIL.fullmatch(v) or _DOTTED.fullmatch(v):
        return False
    if _ENV_NAME.fullmatch(v) or _CAMEL_WORDS.fullmatch(v):
        return False
    if _WORDY.fullmatch(v) and not _HEX.fullmatch(v.replace("-", "")):
        # my-secret-name, prod_db_2024, secrets/db/password: words, not randomness
        return False
    if v.count("/") >= 2 and not any(c.isupper() for c in v):
        return False
    hexdigits = v.replace("-", "")
    if _HEX.fullmatch(hexdigits):
        return len(hexdigits) >= 20 and shannon_entropy(hexdigits) >= 3.0 and (
            any(c.isdigit() for c in hexdigits) and any(c.isalpha() for c in hexdigits))
    threshold = min(3.5, 0.8 * math.log2(len(v)))
    return _char_classes(v) >= 2 and shannon_entropy(v) >= threshold


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
    if own_line and match.group("key"):
        return start + len(value.rstrip(",;")), False  # JS/YAML `key: value,` / `a = b;`
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
#: Letters a case-insensitive regex matches to an ASCII letter although `str.lower` does
#: not map them to it (and İ, whose lower case is two characters).
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
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
    folded = text.lower()
    if not text.isascii() and any(trap in text for trap in "\u0130\u0131\u017f\u212a"):
        folded = text.translate(_FOLD).lower()
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
        return "PASSWORD" if _password_value(value, quoted, after, strict, env) else None
    if kind == "aws" and _valid_aws_secret(value):
        return "AWS_SECRET_KEY"
    return "GENERIC_SECRET" if _generic_value(value, quoted, after, env) else None


SECRET_RECOGNIZERS: tuple[Recognizer, ...] = (
    AWS_ACCESS_KEY,
    AwsSecretNearKeyIdRecognizer(),
    GcpServiceAccountRecognizer(),
    GCP_API_KEY,
    GOOGLE_OAUTH_TOKEN,
    AZURE_STORAGE_KEY,
    AZURE_SAS_SIGNATURE,
    AZURE_AD_CLIENT_SECRET,
    GITHUB_TOKEN,
    GITHUB_FINE_GRAINED_TOKEN,
    GITLAB_TOKEN,
    SLACK_TOKEN,
    SLACK_WEBHOOK,
    STRIPE_KEY,
    OPENAI_KEY,
    HUGGINGFACE_TOKEN,
    VENDOR_TOKEN,
    KAGGLE_KEY,
    JWT,
    PemPrivateKeyRecognizer(),
    URL_PASSWORD,
    BASIC_AUTH,
    CURL_USER_PASSWORD,
    HTTP_AUTH_PASSWORD,
    SQL_PASSWORD,
    PROSE_PASSWORD,
    AssignmentRecognizer(),
    BEARER_TOKEN,
)
