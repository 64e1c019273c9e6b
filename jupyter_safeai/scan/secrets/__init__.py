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
Modules: `randomness` (placeholders, entropy), `tokens` (prefixed tokens with validators of
their own), `rules` (a token rule) and the data file `vendors.toml` (the rule table: one
`[[rule]]` per vendor token, in an admin's rule-file format), `private_keys`, `passwords`
(URLs, Basic auth, SQL, prose), `assignment` (the key/value parser).
"""

from __future__ import annotations

from ..recognizer import Recognizer
from ..toml_files import packaged_toml
from .assignment import _ASSIGN, AssignmentRecognizer, _assign_starts, _assignments
from .passwords import (
    BASIC_AUTH,
    CURL_USER_PASSWORD,
    HTTP_AUTH_PASSWORD,
    PROSE_PASSWORD,
    SQL_PASSWORD,
    URL_PASSWORD,
)
from .private_keys import GcpServiceAccountRecognizer, PemPrivateKeyRecognizer
from .randomness import is_placeholder, shannon_entropy
from .rules import TokenRule, rules_of
from .tokens import (
    AWS_ACCESS_KEY,
    AZURE_AD_CLIENT_SECRET,
    AZURE_SAS_SIGNATURE,
    AZURE_STORAGE_KEY,
    BEARER_TOKEN,
    GCP_API_KEY,
    GITHUB_FINE_GRAINED_TOKEN,
    GITHUB_TOKEN,
    GITLAB_TOKEN,
    GOOGLE_OAUTH_TOKEN,
    HUGGINGFACE_TOKEN,
    JWT,
    KAGGLE_KEY,
    OPENAI_KEY,
    SLACK_TOKEN,
    SLACK_WEBHOOK,
    STRIPE_KEY,
    VENDOR_TOKEN,
    AwsSecretNearKeyIdRecognizer,
)

__all__ = ["SECRET_RECOGNIZERS", "AssignmentRecognizer", "_ASSIGN", "_assign_starts",
           "_assignments", "VENDOR_RULES", "is_placeholder", "shannon_entropy"]

#: The vendor token table, read as an admin's rule file is read.
VENDOR_RULES: tuple[TokenRule, ...] = rules_of(packaged_toml(__name__, "vendors.toml"))

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
    *(rule.recognizer() for rule in VENDOR_RULES),
)

