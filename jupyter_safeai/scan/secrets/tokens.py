"""Prefixed tokens with a recognizer of their own: cloud keys, code hosts, chat, payments,
AI vendors, JWTs, Azure keys and SAS signatures, bearer tokens.

A vendor prefix (``AKIA``, ``ghp_``, ``xoxb-``, ``sk_live_``) plus exact charset and
length, and a body that is random and not a placeholder (``ghp_xxxx…``, ``AKIA…EXAMPLE``),
find these with few false alarms. Vendors whose token is a plain prefix and body are rules
in the table (`vendors.toml`); the ones here need a validator of their own.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote

from ..finding import Finding
from ..prefilter import prefixed
from ..recognizer import PatternRecognizer, literal_starts, matches_at
from .randomness import SECRET, body_after, is_placeholder, random_body

# ------------------------------------------------------------------ prefixed tokens

_AWS_KEY_ID = re.compile(r"(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])")


def _valid_aws_key_id(value: str) -> bool:
    """AWS's docs key (…EXAMPLE) and filler like AKIAXXXXXXXXXXXXXXXX are not keys."""
    body = value[4:]
    return not is_placeholder(body) and len(set(body)) >= 6


AWS_ACCESS_KEY = prefixed(PatternRecognizer(
    "AWS_ACCESS_KEY", SECRET, _AWS_KEY_ID, 0.95, _valid_aws_key_id, label="aws-access-key-id"))

GCP_API_KEY = prefixed(PatternRecognizer(
    "GCP_API_KEY", SECRET,
    re.compile(r"(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])"),
    0.95, lambda v: not is_placeholder(v) and body_after(4, 35)(v), label="google-api-key"))

GITHUB_TOKEN = prefixed(PatternRecognizer(
    "GITHUB_TOKEN", SECRET,
    re.compile(r"(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,251}(?![A-Za-z0-9_])"),
    0.97, body_after(4, 36), label="github-token"))

GITHUB_FINE_GRAINED_TOKEN = prefixed(PatternRecognizer(
    "GITHUB_TOKEN", SECRET,
    re.compile(r"(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59,200}(?![A-Za-z0-9_])"),
    0.97, body_after(11, 82, 4.0), label="github-fine-grained-token"))

GITLAB_TOKEN = prefixed(PatternRecognizer(
    "GITLAB_TOKEN", SECRET,
    re.compile(r"(?<![A-Za-z0-9_-])(?:(?:glpat|gldt|glrt|glptt|glft|glimt|glagent|gloas|glcbt"
               r"|glsoat)-[A-Za-z0-9_-]{20,300}(?:\.[A-Za-z0-9_-]{1,40}){0,3}"
               r"|GR1348941[A-Za-z0-9_-]{20,64})(?![A-Za-z0-9_-])"),
    0.95,
    lambda v: random_body(v[9:] if v.startswith("GR1348941") else v.split("-", 1)[1], 20, 3.0),
    label="gitlab-token"))


_CAMEL_WORDS = re.compile(r"(?:[A-Z][a-z]{2,}){3,}")


def _valid_slack_token(value: str) -> bool:
    """Slack tokens carry numeric team/user ids or a long random tail; "xoxb-your-token"
    has neither."""
    parts = value.split("-")[1:]
    if len(value) < 24 or is_placeholder(parts[-1]) or _CAMEL_WORDS.fullmatch(parts[-1]):
        return False  # "…-SlackAppConfigurationAccessTokenHere" is a name for one
    ids = [p for p in parts if p.isdigit() and len(p) > 1]  # not the version digit
    if any(len(p) < 6 for p in ids):
        return False  # team and user ids are 9-13 digits: "xoxp-1234-1234-…" is made up
    numeric = [p for p in parts if p.isdigit() and len(p) >= 6]
    if any(len(set(p)) == 1 for p in numeric):
        return False
    return bool(numeric) or random_body(parts[-1], 20)


SLACK_TOKEN = prefixed(PatternRecognizer(
    "SLACK_TOKEN", SECRET,
    re.compile(r"(?<![A-Za-z0-9_.-])(?:xoxe\.)?(?:xox[abposre]|xapp)-(?:[A-Za-z0-9]{1,80}-){1,6}"
               r"[A-Za-z0-9]{4,200}(?![A-Za-z0-9_-])"),
    0.95, _valid_slack_token, label="slack-token"))


def _valid_slack_webhook(value: str) -> bool:
    """`T…/B…/secret` paths, or one long random segment (workflow and trigger hooks)."""
    path = value.split("hooks.slack.com/", 1)[1].rstrip("/").split("/")[1:]
    if len(path) == 1:
        return random_body(path[0], 40, 4.0)
    return len(path) >= 2 and not is_placeholder(path[-1]) and random_body(path[-1], 8, 2.5)


SLACK_WEBHOOK = PatternRecognizer(
    "SLACK_TOKEN", SECRET,
    re.compile(r"(?<![A-Za-z0-9_.-])(?:https?://)?hooks\.slack\.com/(?:services|workflows|triggers)"
               r"/[A-Za-z0-9_/+-]{16,300}"),
    0.95, _valid_slack_webhook, label="slack-webhook", needles=("hooks.slack.com/",))

STRIPE_KEY = prefixed(PatternRecognizer(
    "STRIPE_KEY", SECRET,
    re.compile(r"(?<![A-Za-z0-9_])(?:(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{16,247}"
               r"|whsec_[A-Za-z0-9]{24,128})(?![A-Za-z0-9_])"),
    0.95, lambda v: random_body(v.rsplit("_", 1)[1], 16), label="stripe-key"))


_OPENAI_PREFIX = re.compile(r"^sk-(?:(?:proj|svcacct|admin|None)-)?")


def _valid_openai_key(value: str) -> bool:
    """"T3BlbkFJ" (base64 of "OpenAI") marks most keys; otherwise the body must be long
    and mix upper, lower and digits, which words and CSS class names do not."""
    body = _OPENAI_PREFIX.sub("", value)
    if "T3BlbkFJ" in body:
        return not is_placeholder(body.replace("T3BlbkFJ", ""))
    return random_body(body, 32, 4.0, 3) and sum(c.isdigit() for c in body) >= 2


OPENAI_KEY = prefixed(PatternRecognizer(
    "OPENAI_KEY", SECRET,
    re.compile(r"(?<![A-Za-z0-9_-])sk-(?!ant-)(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{20,300}"
               r"(?![A-Za-z0-9_-])"),
    0.9, _valid_openai_key, label="openai-key"))

HUGGINGFACE_TOKEN = prefixed(PatternRecognizer(
    "HUGGINGFACE_TOKEN", SECRET,
    re.compile(r"(?<![A-Za-z0-9_])(?:hf_|api_org_)[A-Za-z0-9]{30,40}(?![A-Za-z0-9_])"),
    0.93, lambda v: random_body(v.rsplit("_", 1)[1], 30), label="huggingface-token"))

_BODY_SEPARATOR = re.compile(r"[_.-]")
#: Vendors without a label of their own: still secrets, reported as GENERIC_SECRET.
VENDOR_TOKEN = prefixed(PatternRecognizer(
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
    0.9, lambda v: random_body(_BODY_SEPARATOR.split(v, maxsplit=1)[-1][-32:], 16, 3.0)
    and not is_placeholder(v),
    label="vendor-token"))

#: kaggle.json: the key sits under the bare name "key", which is only safe to read as a
#: secret right after "username".
KAGGLE_KEY = PatternRecognizer(
    "GENERIC_SECRET", SECRET,
    re.compile(r"""["']username["'][ \t]{0,4}:[ \t]{0,4}["'][^"'\n]{1,64}["'][ \t]{0,4},"""
               r"""[ \t]{0,4}["']key["'][ \t]{0,4}:[ \t]{0,4}["'](?P<value>[0-9a-f]{32})["']"""),
    0.85, lambda v: random_body(v, 32, 3.0), label="kaggle-key", needles=("username",))


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


JWT = prefixed(PatternRecognizer(
    "JWT", SECRET,
    re.compile(r"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,8000}\.eyJ[A-Za-z0-9_-]{4,16000}"
               r"\.[A-Za-z0-9_-]{0,8000}={0,2}(?![A-Za-z0-9_=-])"),
    0.9, _valid_jwt, label="jwt"))


# ------------------------------------------------------------------ Azure

AZURE_STORAGE_KEY = PatternRecognizer(
    "AZURE_KEY", SECRET,
    re.compile(r"(?<![A-Za-z])(?i:AccountKey|SharedAccessKey|AccessKey)[ \t]{0,2}=[ \t]{0,2}"
               r"(?P<value>[A-Za-z0-9+/]{20,200}={0,2})(?![A-Za-z0-9+/=])"),
    0.93, lambda v: random_body(v, 32, 4.0), label="azure-storage-key",
    anchors=("accountkey", "sharedaccesskey", "accesskey"))


def _valid_sas_signature(value: str) -> bool:
    return random_body(unquote(value).rstrip("="), 20, 3.5)


AZURE_SAS_SIGNATURE = PatternRecognizer(
    "AZURE_KEY", SECRET,
    re.compile(r"[?&;]sig=(?P<value>[A-Za-z0-9%+/]{16,200}(?:=|%3[Dd]){0,2})"),
    0.9, _valid_sas_signature, context=re.compile(r"\bsv=\d{4}-\d{2}-\d{2}"), window=600,
    context_after=True, label="azure-sas-signature", needles=("sig=",))

AZURE_AD_CLIENT_SECRET = PatternRecognizer(
    "AZURE_KEY", SECRET,
    re.compile(r"(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}"
               r"(?![A-Za-z0-9_~.-])"),
    0.9, lambda v: random_body(v[6:], 31, 3.5), label="azure-ad-client-secret",
    needles=("Q~",))


# ------------------------------------------------------------------ AWS secret keys

_AWS_SECRET_CANDIDATE = re.compile(r"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")
HEX = re.compile(r"[0-9a-fA-F]+")


def valid_aws_secret(value: str) -> bool:
    """40 base64 characters with upper and lower case: hex SHAs and words are not keys."""
    return (len(value) == 40 and not HEX.fullmatch(value)
            and any(c.islower() for c in value) and any(c.isupper() for c in value)
            and random_body(value, 40, 4.0, 3))


@dataclass(frozen=True)
class AwsSecretNearKeyIdRecognizer:
    """A 40-character secret access key within `distance` characters of an access key id,
    as in the credentials CSV the AWS console hands out or ``client("s3", id, secret)``."""

    name: str = "aws:secret-near-key-id"
    entity: str = "AWS_SECRET_KEY"
    score: float = 0.9
    distance: int = 160

    def find(self, text: str) -> Iterator[Finding]:
        starts = literal_starts(text, AWS_ACCESS_KEY.prefixes)
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
            if near and valid_aws_secret(match.group()):
                yield Finding(start, end, "AWS_SECRET_KEY", SECRET, self.score, self.name)


# ------------------------------------------------------------------ bearer tokens

BEARER_TOKEN = PatternRecognizer(
    "BEARER_TOKEN", SECRET,
    re.compile(r"(?:(?<![A-Za-z])[Bb]earer|(?i:authorization)[\"']?[ \t]{0,4}[:=][ \t]{0,4}"
               r"[\"']?(?:[Tt]oken|Bot))[ \t]{1,4}"
               r"(?P<value>[A-Za-z0-9_~+/-][A-Za-z0-9._~+/-]{14,4094}[A-Za-z0-9_~+/-]={0,2})"
               r"(?![A-Za-z0-9_~+/=-])"),
    0.85, lambda v: random_body(v.rstrip("="), 16, 3.0), label="bearer-token",
    needles=("earer", "uthorization", "UTHORIZATION"), anchors=("bearer", "authorization"))

GOOGLE_OAUTH_TOKEN = prefixed(PatternRecognizer(
    "BEARER_TOKEN", SECRET,
    re.compile(r"(?<![A-Za-z0-9_.-])ya29\.[A-Za-z0-9_-]{30,2048}(?![A-Za-z0-9_-])"),
    0.9, body_after(5, 30), label="google-oauth-token"))

