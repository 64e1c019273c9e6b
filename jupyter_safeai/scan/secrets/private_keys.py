"""Private keys: PEM/OpenSSH/PGP blocks, whole, and the key of a GCP service-account JSON.

A block spans BEGIN to END (or, cut off, to the end of its base64 body), also when pasted
JSON-escaped (``\\n``) or as concatenated string literals; "..." or "<key>" bodies are docs.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from ..finding import Finding
from .randomness import SECRET, is_placeholder

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


_ESCAPED_BREAK = re.compile(r"\\[nr]")
_NOT_PAYLOAD = re.compile(r"[\s\"',\\]")


def _pem_body_ok(body: str) -> bool:
    """Real key material: ≥ 64 base64 characters once escapes, quotes and header lines
    (Proc-Type, DEK-Info, Version) are removed; "..." or "<key>" bodies are docs."""
    if "..." in body or "\u2026" in body or "<" in body:
        return False
    lines = _ESCAPED_BREAK.sub("\n", body).splitlines()
    payload = "".join(_NOT_PAYLOAD.sub("", line) for line in lines if ":" not in line)
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
    entity: str = "PRIVATE_KEY"
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


class GcpServiceAccountRecognizer:
    """The private key of a GCP service-account JSON (``"private_key": "-----BEGIN…"``)
    next to its tell-tale fields; the span is that string value (the key block and its
    escaped trailing newline), the rest of the JSON is not secret."""

    name, entity, score = "gcp:service-account", "GCP_SERVICE_ACCOUNT", 0.99

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

