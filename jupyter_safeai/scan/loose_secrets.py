"""Secrets in the loose shapes people paste: password lines and damaged private keys.

- `.pgpass` lines `host:port:database:user:PASSWORD`;
- `mysql -u root -pPASSWORD` (and mysqldump, mysqladmin, mariadb);
- `login: alice / PASSWORD`, `credentials: alice:PASSWORD`, `pw: PASSWORD`;
- PEM armour with a dash lost or in lower case (`----BEGIN RSA PRIVATE KEY-----`,
  `-----begin private key-----`), and a bare key body: base64 lines whose start is the
  DER of an RSA, EC, PKCS#8 or Ed25519 private key, or an OpenSSH key.
The span of a password is the password only; of a key, the whole block.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .finding import Finding
from .recognizer import anchor_starts, matches_at
from .scan_view import lowered_of

NAME = "loose_secret"

_VALUE = r"(?P<value>[^\s'\"]{4,128}|'[^'\n]{4,128}'|\"[^\"\n]{4,128}\")"
#: A `.pgpass` line's first `:` before a port (or `*`) and the next `:`.
_PGPASS_CUE = re.compile(r":(?=(?:\d{1,5}|\*):)")


def _pgpass_starts(text: str, lowered: str) -> list[int]:
    """The starts of the lines holding a `.pgpass` cue: where such a line can match (the
    pattern, tried at every character for its `^`, cost ~20 µs of a 2 KB text)."""
    return sorted({text.rfind("\n", 0, cue.start()) + 1 for cue in _PGPASS_CUE.finditer(text)})


def _anchored(*words: str) -> Callable[[str, str], list[int] | None]:
    """Where a pattern whose every match starts with one of `words` (in any case) can
    start; None when `str.find` cannot tell (`recognizer.anchor_starts`)."""
    return lambda text, lowered: anchor_starts(text, lowered, words)


#: (needles, pattern, whether its value may be code, where a match can start): a text
#: holds a match only if its lower-cased form holds one of the needles (checked first:
#: most texts hold none); the pattern is tried only at the starts (everywhere for None).
#: A `.pgpass` line or a `mysql -p` argument is never a reference to a variable, a `pw:`
#: label's value may be.
_PASSWORDS: tuple[tuple[tuple[str, ...], re.Pattern[str], bool,
                        Callable[[str, str], list[int] | None] | None], ...] = (
    # .pgpass: hostname:port:database:username:password (a port or *)
    ((":",), re.compile(r"^[ \t]*[\w.*-]+:(?:\d{1,5}|\*):[\w.*-]+:[\w.@*-]+:"
                        r"(?P<value>[^\s:]{4,128})[ \t]*$", re.MULTILINE), False,
     _pgpass_starts),
    (("mysql", "mariadb"),
     re.compile(r"\b(?:mysql|mysqldump|mysqladmin|mariadb)\b[^\n]{0,120}?[ \t]-p" + _VALUE),
     False, None),
    ((" / ",), re.compile(r"(?i:\b(?:login|log[ -]?in|credentials?|creds|user(?:name)?|account|"
                          r"acct|sign[ -]?in|auth))[ \t]*[:=][ \t]*[\w.@+-]{1,64}[ \t]+/[ \t]+"
                          + _VALUE), True, None),
    (("cred", "login", "auth"),
     re.compile(r"[cClLaAbB](?<![\w][cClLaAbB])"
                r"(?i:(?<=c)(?:redentials?|reds)|(?<=l)ogin|(?<=a)uth|(?<=b)asic[ -]?auth)"
                r"[ \t]*[:=][ \t]*"
                r"[\w.@+-]{1,64}:(?P<value>[^\s'\"@]{4,128})(?![^\s]*@)"), True,
     _anchored("cred", "login", "auth", "basic")),
    (("pw", "pass", "pswd", "pword"),
     re.compile(r"[pP](?<![\w.=:-][pP])(?i:w|wd|asswd|ass|asscode|swd|word|ass[ -]?phrase)"
                r"[ \t]*[:=][ \t]*" + _VALUE), True, _anchored("pw", "pass", "pswd")),
)
_PLACEHOLDER = re.compile(
    r"^(?:<.*|\{.*|\$\{?[A-Za-z_]\w*\}?|%\(?\w*\)?s|\*+|x+|\.+|changeme|password|"
    r"secret|none|null|your[_-]?\w*|example\w*|\?+|-+)$", re.IGNORECASE)
#: `pw=pwd=…`: another password label, not a value.
_ANOTHER_KEY = re.compile(r"(?i:pw|pwd|passwd|pass|password)[:=]")
#: A call, an environment look-up, or an attribute path in code style (`cfg.db_password`,
#: `self.secret`): a reference. `Ember.Harbor21` is a password.
_CODE = re.compile(r"[\w.]+\(|^[a-z_][a-z_]*(?:\.[a-z_]+)+$|^(?:self|os|args|cfg|config|settings|"
                   r"env|conf|params|options|secrets|request|app)\.|environ|getpass")


def _password(value: str, may_be_code: bool) -> bool:
    value = value.strip("'\"")
    if len(value) < 4 or _PLACEHOLDER.match(value) or may_be_code and _CODE.search(value) or (
            _ANOTHER_KEY.match(value)):
        return False
    classes = sum((any(c.islower() for c in value), any(c.isupper() for c in value),
                   any(c.isdigit() for c in value), any(not c.isalnum() for c in value)))
    return classes >= 2 or len(value) >= 10


# -- private keys -------------------------------------------------------------------------
_B64_LINE = r"[A-Za-z0-9+/=]{16,100}"
_ARMOUR = re.compile(
    r"-{3,6}[ \t]*(?i:begin)[ \t]+(?:[A-Za-z0-9]{1,16}[ \t]+){0,3}(?i:private[ \t]+key)"
    r"(?:[ \t]+(?i:block))?[ \t]*-{2,6}")
_ARMOUR_END = re.compile(
    r"-{2,6}[ \t]*(?i:end)[ \t]+(?:[A-Za-z0-9]{1,16}[ \t]+){0,3}(?i:private[ \t]+key)"
    r"(?:[ \t]+(?i:block))?[ \t]*-{2,6}")
#: The first characters of the base64 of a private key's DER or OpenSSH encoding.
_KEY_BODY = re.compile(
    r"(?<![A-Za-z0-9+/])(?:MII[A-Za-z0-9+/]{3}IBA(?:AK|DAN)|MHcCAQEE|"
    r"MIG[A-Za-z0-9+/]AgEAMBMG|MC4CAQAwBQYDK2Vw|b3BlbnNzaC1rZXktdjE)[A-Za-z0-9+/=]{10,100}"
    rf"(?:[ \t]*\r?\n[ \t]*{_B64_LINE})*")
_KEY_BODY_STARTS = ("MII", "MHcCAQEE", "MIG", "MC4CAQAwBQYDK2Vw", "b3BlbnNzaC1rZXktdjE")
_BODY_LINES = re.compile(rf"(?:[ \t]*\r?\n)*(?:[ \t]*[\w-]+:[^\n]*\n)*(?:[ \t]*\r?\n)*"
                         rf"(?:[ \t]*{_B64_LINE}[ \t]*(?:\r?\n|$))+")


def _keys(text: str) -> Iterator[tuple[int, int]]:
    covered = 0
    lowered_has = "rivate" in text or "RIVATE" in text
    if lowered_has:
        for armour in _ARMOUR.finditer(text):
            body = _BODY_LINES.match(text, armour.end())
            if body is None:
                continue
            end = body.end()
            closing = _ARMOUR_END.match(text, end)
            end = closing.end() if closing else end
            yield armour.start(), end
            covered = end
    if not any(start in text for start in _KEY_BODY_STARTS):
        return
    for body in _KEY_BODY.finditer(text):
        if body.start() >= covered and len(body.group()) >= 60:
            yield body.start(), body.end()


class LooseSecretRecognizer:
    """Passwords in the loose forms above, damaged PEM blocks and bare key bodies."""

    name = NAME
    entities = ("PASSWORD", "PRIVATE_KEY")

    def find(self, text: str) -> Iterator[Finding]:
        lowered = lowered_of(text)
        for needles, pattern, may_be_code, starts_of in _PASSWORDS:
            if not any(needle in lowered for needle in needles):
                continue
            starts = None if starts_of is None else starts_of(text, lowered)
            matches = pattern.finditer(text) if starts is None else matches_at(
                pattern, text, starts)
            for match in matches:
                start, end = match.span("value")
                if text[start] in "'\"":
                    start, end = start + 1, end - 1
                if _password(text[start:end], may_be_code):
                    yield Finding(start, end, "PASSWORD", "secret", 0.85, self.name)
        for start, end in _keys(text):
            yield Finding(start, end, "PRIVATE_KEY", "secret", 0.95, self.name)
