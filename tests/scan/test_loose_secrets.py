"""Secrets built from string pieces (concat.py), loose password lines and damaged
private keys (loose_secrets.py). Token bodies are generated with a fixed seed."""

from __future__ import annotations

import base64
import random
import string

import pytest

from jupyter_safeai.scan import Scanner
from jupyter_safeai.scan.concat import ConcatenatedSecretRecognizer, joined_literals
from jupyter_safeai.scan.loose_secrets import LooseSecretRecognizer
from tests.scan.found_text import pairs_of

RNG = random.Random(4242)
ALNUM = string.ascii_letters + string.digits
GITHUB = "ghp_" + "".join(RNG.choice(ALNUM) for _ in range(36))
HF = "hf_" + "".join(RNG.choice(string.ascii_letters) for _ in range(34))
KEY_BODY = base64.b64encode(bytes(RNG.randrange(256) for _ in range(400))).decode()
KEY_LINES = "\n".join(KEY_BODY[i:i + 64] for i in range(0, len(KEY_BODY), 64))


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    return Scanner(ner=False)


@pytest.mark.parametrize(("text", "first", "last"), [
    (f'token = "{GITHUB[:4]}" + "{GITHUB[4:]}"', GITHUB[:4], GITHUB[4:]),
    (f'token = ("{GITHUB[:7]}"\n         "{GITHUB[7:25]}" "{GITHUB[25:]}")', GITHUB[:7],
     GITHUB[25:]),
    (f"token = '{HF[:3]}' \\\n    '{HF[3:]}'", HF[:3], HF[3:]),
    (f"token = f\"{GITHUB[:9]}{{'{GITHUB[9:15]}'}}{GITHUB[15:]}\"", GITHUB[:9], GITHUB[15:]),
    (f'const t = "{GITHUB[:10]}" + "{GITHUB[10:]}";', GITHUB[:10], GITHUB[10:]),
])
def test_concatenated_tokens_are_one_token(scanner: Scanner, text: str, first: str,
                                           last: str) -> None:
    start, end = text.index(first), text.rindex(last) + len(last)
    found = [(f.start, f.end) for f in scanner.scan(text) if f.category == "secret"]
    assert (start, end) in found


@pytest.mark.parametrize("text", [
    "print('hello' + ' world')",
    'msg = "it" "s fine"',
    "x = f'{name} was here'",
    'path = "/data/" + subject + "/scan.nii"',
])
def test_plain_concatenations_are_not_secrets(text: str) -> None:
    assert list(ConcatenatedSecretRecognizer().find(text)) == []


def test_joined_literals_map_each_character_back() -> None:
    text = 'a = "abcdef" + "ghij"'
    (joined, offsets), = joined_literals(text)
    assert joined == "abcdefghij"
    assert [text[at] for at in offsets] == list("abcdefghij")


PASSWORD = "Vq7!" + "".join(RNG.choice(ALNUM) for _ in range(10))


@pytest.mark.parametrize("text", [
    f"db.internal:5432:registry:etl:{PASSWORD}",
    f"mysqldump -u report -p{PASSWORD} clinic > dump.sql",
    f"Login: report / {PASSWORD}",
    f"pwd: {PASSWORD}",
    f"creds: report:{PASSWORD}",
])
def test_loose_password_lines(scanner: Scanner, text: str) -> None:
    assert ("PASSWORD", PASSWORD) in pairs_of(scanner.scan, category="secret")(text)


@pytest.mark.parametrize("text", [
    "pw: <your password>",
    "pwd: os.environ['DB_PASSWORD']",
    "cd /tmp && pwd",
    "login: report / see the vault",
    "localhost:5432:*:*:*",
    "mysql -u root -p",
])
def test_password_gaps_and_references_are_left(text: str) -> None:
    assert list(LooseSecretRecognizer().find(text)) == []


@pytest.mark.parametrize("armour", [
    "----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY----",
    "-----begin private key-----\n{body}\n-----end private key-----",
    "-----BEGIN EC PRIVATE KEY----\n{body}",
])
def test_damaged_pem_armour(scanner: Scanner, armour: str) -> None:
    text = "here it is:\n" + armour.format(body=KEY_LINES) + "\nthanks"
    block = armour.format(body=KEY_LINES)
    spans = pairs_of(scanner.scan, category="secret")(text)
    assert any(entity == "PRIVATE_KEY" and KEY_LINES in value for entity, value in spans)
    assert any(value.startswith(block[:10]) for _, value in spans)


@pytest.mark.parametrize("der", ["MIIEpAIBAAKCAQEA", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC",
                                 "MHcCAQEEI", "b3BlbnNzaC1rZXktdjEAAAAA"])
def test_bare_key_body(scanner: Scanner, der: str) -> None:
    body = der + KEY_LINES[len(der):]
    text = f"the key:\n{body}\nend"
    assert ("PRIVATE_KEY", body) in pairs_of(scanner.scan, category="secret")(text)


def test_certificate_body_is_not_a_key() -> None:
    body = "MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n" + KEY_LINES
    assert list(LooseSecretRecognizer().find(body)) == []


def test_loose_password_patterns_tried_at_their_starts_find_what_they_find_anywhere() -> None:
    """Each loose password pattern with a start finder (a `.pgpass` line's start, a label
    word) finds, tried only there, the matches it finds tried everywhere (made-up lines;
    letters that fold to ASCII under a case-insensitive regex send it everywhere)."""
    import random

    from jupyter_safeai.scan.loose_secrets import _PASSWORDS
    from jupyter_safeai.scan.recognizer import matches_at

    pieces = ["db.example.org", ":", "5432", "*", ":", "app", "Pw", "pass", "PASSWD", "pswd",
              "pword", " phrase", "Login", "creds", "Credentials", "basic-auth", "AUTH", "=",
              " ", "\n", "\t", "Tr0ub4dor&3", "'x y z'", "alice", "@", "/", "İ", "ſ", "K", "é",
              "-p", "user"]
    rng = random.Random(21)
    tried = 0
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        lowered = text.lower()
        for _needles, pattern, _code, starts_of in _PASSWORDS:
            if starts_of is None:
                continue
            starts = starts_of(text, lowered)
            everywhere = [m.span() for m in pattern.finditer(text)]
            if starts is not None:
                assert [m.span() for m in matches_at(pattern, text, starts)] == everywhere, text
                tried += bool(everywhere)
    assert tried > 50  # matches were drawn, not only texts without any
