"""Secret detectors: keys, tokens, private keys and passwords are found with exact spans;
placeholders, references to where a secret lives and ordinary code are left alone.

Every credential below is synthetic: random characters from a fixed seed, put together at
run time, so this file holds no real secret and does not trip secret scanners itself.
"""

from __future__ import annotations

import base64
import json
import random
import string
from dataclasses import replace
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jupyter_safeai.scan.engine import resolve_overlaps
from jupyter_safeai.scan.entities import ENTITIES
from jupyter_safeai.scan.finding import Finding
from jupyter_safeai.scan.recognizer import PatternRecognizer
from jupyter_safeai.scan.secrets import (
    _ASSIGN,
    SECRET_RECOGNIZERS,
    AssignmentRecognizer,
    _assign_starts,
    _assignments,
    is_placeholder,
    shannon_entropy,
)
from tests.scan.found_text import pairs_of

RNG = random.Random(7)
ALNUM = string.ascii_letters + string.digits
B64 = ALNUM + "+/"
B32 = string.ascii_uppercase + "234567"
HEX = "0123456789abcdef"


def fake(n: int, alphabet: str = ALNUM) -> str:
    """n random characters with at least one of each class the alphabet offers."""
    while True:
        value = "".join(RNG.choice(alphabet) for _ in range(n))
        wanted = [cls for cls in (string.ascii_lowercase, string.ascii_uppercase, string.digits)
                  if set(cls) & set(alphabet)]
        if all(set(value) & set(cls) for cls in wanted):
            return value


def b64url(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def pem(kind: str, lines: int = 6) -> str:
    """A PEM-shaped block of random base64 (no key); the header is split so this
    source file does not look like it holds one."""
    head = "-----BEGIN" + f" {kind}PRIVATE KEY-----"
    body = "\n".join(fake(64, B64) for _ in range(lines))
    return f"{head}\n{body}\n{fake(20, B64)}==\n-----END {kind}PRIVATE KEY-----"


def findings(text: str) -> list[Finding]:
    """Every secret finding, overlapping ones resolved as the engine does."""
    return resolve_overlaps(f for r in SECRET_RECOGNIZERS for f in r.find(text))


spans = pairs_of(findings)


# ------------------------------------------------------------------ synthetic values

AWS_ID = "AKIA" + fake(16, B32)
AWS_STS_ID = "ASIA" + fake(16, B32)
AWS_SECRET = fake(40, B64)
GH_CLASSIC = "ghp_" + fake(36)
GH_OAUTH = "gho_" + fake(36)
GH_SERVER = "ghs_" + fake(36)
GH_FINE = "github_pat_" + fake(22) + "_" + fake(59)
GL_PAT = "glpat-" + fake(20, ALNUM + "_-")
SLACK_BOT = f"xoxb-{fake(12, string.digits)}-{fake(13, string.digits)}-{fake(24)}"
SLACK_USER = (f"xoxp-{fake(12, string.digits)}-{fake(12, string.digits)}-"
              f"{fake(13, string.digits)}-{fake(32, HEX)}")
SLACK_APP = f"xapp-1-A{fake(10, B32)}-{fake(13, string.digits)}-{fake(64, HEX)}"
SLACK_HOOK = ("https://hooks.slack.com/services/T" + fake(10, B32) + "/B" + fake(10, B32)
              + "/" + fake(24))
STRIPE_LIVE = "sk_live_" + fake(24)
STRIPE_RESTRICTED = "rk_live_" + fake(99)
STRIPE_TEST = "sk_test_" + fake(24)
OPENAI_PROJECT = "sk-proj-" + fake(74, ALNUM + "_-") + "T3BlbkFJ" + fake(74, ALNUM + "_-")
OPENAI_LEGACY = "sk-" + fake(20) + "T3BlbkFJ" + fake(20)
OPENAI_PLAIN = "sk-" + fake(48)
HF = "hf_" + fake(34, string.ascii_letters)
GOOGLE_API = "AIza" + fake(35, ALNUM + "_-")
AZURE_ACCOUNT_KEY = fake(86, B64) + "=="
AZURE_SAS_SIG = quote(fake(43, B64) + "=", safe="")
AZURE_AD_SECRET = fake(3) + "8Q~" + fake(34, ALNUM + "_~.-")
DATABRICKS = "dapi" + fake(32, HEX)
GROQ = "gsk_" + fake(52)
ANTHROPIC = "sk-ant-api03-" + fake(93, ALNUM + "_-")
KAGGLE = fake(32, HEX)
GOOGLE_OAUTH = "ya29." + fake(120, ALNUM + "_-")
STRIPE_WEBHOOK = "whsec_" + fake(32)
JWT_VALUE = (b64url({"alg": "HS256", "typ": "JWT"}) + "."
             + b64url({"sub": "analyst-7", "iat": 1700000000}) + "." + fake(43, ALNUM + "_-"))
GENERIC_KEY = fake(32)
HEX_KEY = fake(32, HEX)
UUID_KEY = "-".join(fake(n, HEX) for n in (8, 4, 4, 4, 12))
PW = fake(10) + "!#"
PW2 = fake(14, ALNUM + "!$%^*")
DJANGO_KEY = "django-insecure-" + fake(50, ALNUM + "!@#$%^&*(-_=+)")
ENV_KEY = fake(20) + "(&" + fake(20) + ")" + fake(4)
ENV_PW = "*b=" + fake(12)
PEM_RSA = pem("RSA ")
PEM_EC = pem("EC ", 2)
PEM_OPENSSH = pem("OPENSSH ", 8)
PEM_ENCRYPTED = pem("ENCRYPTED ", 4)
PEM_PKCS8 = pem("")
BASIC = base64.b64encode(f"analyst:{PW}".encode()).decode()
SA_JSON = json.dumps({
    "type": "service_account", "project_id": "cohort-study",
    "private_key_id": fake(40, HEX), "private_key": PEM_PKCS8 + "\n",
    "client_email": "etl@cohort-study.iam.gserviceaccount.com",
}, indent=2)
#: the whole "private_key" string value, escaped trailing newline included
SA_KEY_SPAN = json.dumps(PEM_PKCS8 + "\n")[1:-1]
TRUNCATED_PEM = PEM_RSA[:PEM_RSA.index("\n", 200)]


POSITIVES: list[tuple[str, list[tuple[str, str]]]] = [
    # cloud keys
    (f"key = '{AWS_ID}'", [("AWS_ACCESS_KEY", AWS_ID)]),
    (f"AWS_ACCESS_KEY_ID={AWS_STS_ID}", [("AWS_ACCESS_KEY", AWS_STS_ID)]),
    (f"aws_secret_access_key = {AWS_SECRET}", [("AWS_SECRET_KEY", AWS_SECRET)]),
    (f'AWS_SECRET_ACCESS_KEY="{AWS_SECRET}"', [("AWS_SECRET_KEY", AWS_SECRET)]),
    (f"Access key ID,Secret access key\n{AWS_ID},{AWS_SECRET}",
     [("AWS_ACCESS_KEY", AWS_ID), ("AWS_SECRET_KEY", AWS_SECRET)]),
    (f'boto3.client("s3", "{AWS_ID}", "{AWS_SECRET}")',
     [("AWS_ACCESS_KEY", AWS_ID), ("AWS_SECRET_KEY", AWS_SECRET)]),
    (SA_JSON, [("GCP_SERVICE_ACCOUNT", SA_KEY_SPAN)]),
    (f"url = 'https://maps.googleapis.com/api/geocode/json?key={GOOGLE_API}'",
     [("GCP_API_KEY", GOOGLE_API)]),
    (f"conn = 'DefaultEndpointsProtocol=https;AccountName=labdata;AccountKey={AZURE_ACCOUNT_KEY};"
     "EndpointSuffix=core.windows.net'", [("AZURE_KEY", AZURE_ACCOUNT_KEY)]),
    (f"https://labdata.blob.core.windows.net/raw/cohort.csv?sv=2022-11-02&ss=b&srt=o&sp=r"
     f"&se=2025-01-01T00:00:00Z&spr=https&sig={AZURE_SAS_SIG}", [("AZURE_KEY", AZURE_SAS_SIG)]),
    (f"client_secret = '{AZURE_AD_SECRET}'", [("AZURE_KEY", AZURE_AD_SECRET)]),
    # code hosting, chat, payments, AI
    (f"token = '{GH_CLASSIC}'", [("GITHUB_TOKEN", GH_CLASSIC)]),
    (f"git clone https://{GH_OAUTH}@github.com/lab/cohort.git", [("GITHUB_TOKEN", GH_OAUTH)]),
    (f"export GH_TOKEN={GH_SERVER}", [("GITHUB_TOKEN", GH_SERVER)]),
    (f"{GH_FINE}", [("GITHUB_TOKEN", GH_FINE)]),
    (f"GITLAB_TOKEN: {GL_PAT}", [("GITLAB_TOKEN", GL_PAT)]),
    (f"slack = WebClient(token='{SLACK_BOT}')", [("SLACK_TOKEN", SLACK_BOT)]),
    (f"{SLACK_USER} and {SLACK_APP}", [("SLACK_TOKEN", SLACK_USER), ("SLACK_TOKEN", SLACK_APP)]),
    (f'requests.post("{SLACK_HOOK}", json=msg)', [("SLACK_TOKEN", SLACK_HOOK)]),
    (f"stripe.api_key = '{STRIPE_LIVE}'", [("STRIPE_KEY", STRIPE_LIVE)]),
    (f"{STRIPE_RESTRICTED} / {STRIPE_TEST}",
     [("STRIPE_KEY", STRIPE_RESTRICTED), ("STRIPE_KEY", STRIPE_TEST)]),
    (f'client = OpenAI(api_key="{OPENAI_PROJECT}")', [("OPENAI_KEY", OPENAI_PROJECT)]),
    (f"%env OPENAI_API_KEY={OPENAI_LEGACY}", [("OPENAI_KEY", OPENAI_LEGACY)]),
    (f"use {OPENAI_PLAIN} for the run", [("OPENAI_KEY", OPENAI_PLAIN)]),
    (f"login(token='{HF}')", [("HUGGINGFACE_TOKEN", HF)]),
    (f'DATABRICKS_TOKEN = "{DATABRICKS}"', [("GENERIC_SECRET", DATABRICKS)]),
    (f"client = Groq(api_key='{GROQ}')", [("GENERIC_SECRET", GROQ)]),
    (f"{ANTHROPIC}", [("GENERIC_SECRET", ANTHROPIC)]),
    (f'{{"username":"analyst","key":"{KAGGLE}"}}', [("GENERIC_SECRET", KAGGLE)]),
    (f'creds = Credentials("{GOOGLE_OAUTH}")', [("BEARER_TOKEN", GOOGLE_OAUTH)]),
    (f"STRIPE_WEBHOOK_SECRET={STRIPE_WEBHOOK}", [("STRIPE_KEY", STRIPE_WEBHOOK)]),
    # JWT, bearer, private keys
    (f"jwt = '{JWT_VALUE}'", [("JWT", JWT_VALUE)]),
    (f"curl -H 'Authorization: Bearer {JWT_VALUE}' https://api.lab.org",
     [("JWT", JWT_VALUE)]),
    (f'headers = {{"Authorization": "Bearer {GENERIC_KEY}"}}',
     [("BEARER_TOKEN", GENERIC_KEY)]),
    (f"Authorization: token {HEX_KEY}", [("BEARER_TOKEN", HEX_KEY)]),
    (f'KEY = """{PEM_RSA}"""', [("PRIVATE_KEY", PEM_RSA)]),
    (f"{PEM_EC}\n\n{PEM_OPENSSH}", [("PRIVATE_KEY", PEM_EC), ("PRIVATE_KEY", PEM_OPENSSH)]),
    (PEM_ENCRYPTED, [("PRIVATE_KEY", PEM_ENCRYPTED)]),
    (json.dumps({"key": PEM_RSA}), [("PRIVATE_KEY", json.dumps(PEM_RSA)[1:-1])]),
    (f"pasted: {TRUNCATED_PEM}\nwhy does ssh reject this?", [("PRIVATE_KEY", TRUNCATED_PEM)]),
    # passwords in connection strings and assignments: the password is the span
    (f'engine = create_engine("postgresql://analyst:{PW}@db.lab.org:5432/cohort")',
     [("PASSWORD", PW)]),
    (f"mysql://root:{PW2}@127.0.0.1/emr", [("PASSWORD", PW2)]),
    (f"mongodb+srv://etl:{PW}@cluster0.abcde.mongodb.net/?retryWrites=true", [("PASSWORD", PW)]),
    (f"Driver={{ODBC Driver 18}};Server=tcp:sql.lab.org;Uid=sa;Pwd={PW};Encrypt=yes;",
     [("PASSWORD", PW)]),
    (f'conn_str = "Server=sql01;Database=emr;User Id=etl;Password={PW2};"', [("PASSWORD", PW2)]),
    (f"DRIVER=FreeTDS;SERVER=sql01;UID=etl;PWD={{{PW}}};", [("PASSWORD", PW)]),
    (f'password = "{PW}"', [("PASSWORD", PW)]),
    (f"db_pass: '{PW}'", [("PASSWORD", PW)]),
    (f"PGPASSWORD={PW2} psql -h db.lab.org -U analyst", [("PASSWORD", PW2)]),
    (f"!psql --password {PW2} -h db", [("PASSWORD", PW2)]),
    (f"subprocess.run(['mysqldump', '--password', '{PW}', 'emr'])", [("PASSWORD", PW)]),
    (f'{{"user": "etl", "password": "{PW}"}}', [("PASSWORD", PW)]),
    (f"mysql.connector.connect(user='etl', passwd='{PW}', host='db')", [("PASSWORD", PW)]),
    (f'os.environ["DB_PASSWORD"] = "{PW}"', [("PASSWORD", PW)]),
    (f"self.password = '{PW}'", [("PASSWORD", PW)]),
    (f'password: str = "{PW}"', [("PASSWORD", PW)]),
    (f'db_password <- "{PW}"', [("PASSWORD", PW)]),
    (f"password: {PW}\nuser: etl", [("PASSWORD", PW)]),
    (f"<password>{PW}</password>", [("PASSWORD", PW)]),
    (f"requests.get(url, auth=('analyst', '{PW}'))", [("PASSWORD", PW)]),
    (f"server.login('reports@lab.org', '{PW}')", [("PASSWORD", PW)]),
    (f"curl -u analyst:{PW2} https://api.lab.org/export", [("PASSWORD", PW2)]),
    (f"CREATE USER etl IDENTIFIED BY '{PW}';", [("PASSWORD", PW)]),
    (f"the db password is {PW}.", [("PASSWORD", PW)]),
    (f"Authorization: Basic {BASIC}", [("PASSWORD", BASIC)]),
    # generic high-entropy values given to secret names
    (f'api_key = "{GENERIC_KEY}"', [("GENERIC_SECRET", GENERIC_KEY)]),
    (f"SECRET_KEY = '{GENERIC_KEY}'", [("GENERIC_SECRET", GENERIC_KEY)]),
    (f"client_secret: {GENERIC_KEY}", [("GENERIC_SECRET", GENERIC_KEY)]),
    (f'headers = {{"X-API-Key": "{HEX_KEY}"}}', [("GENERIC_SECRET", HEX_KEY)]),
    (f"auth_token = '{HEX_KEY}'", [("GENERIC_SECRET", HEX_KEY)]),
    (f"API_KEY={UUID_KEY}", [("GENERIC_SECRET", UUID_KEY)]),
    (f"http://127.0.0.1:8888/lab?token={HEX_KEY}", [("GENERIC_SECRET", HEX_KEY)]),
    (f"credentials = {{'private_key': '{GENERIC_KEY}'}}", [("GENERIC_SECRET", GENERIC_KEY)]),
    (f"SECRET_KEY = '{DJANGO_KEY}'", [("GENERIC_SECRET", DJANGO_KEY)]),
    (f"[api]\napi_key = {ENV_KEY}\nsmtp_password = {ENV_PW}\n",
     [("GENERIC_SECRET", ENV_KEY), ("PASSWORD", ENV_PW)]),
    (f"smtp_password: Saffron={PW}\nlog_level: INFO", [("PASSWORD", f"Saffron={PW}")]),
    (f"ALTER USER analyst WITH PASSWORD '{PW}';", [("PASSWORD", PW)]),
    (f"# .env\nDB_PASSWORD=mydbpass{PW[:3]}\nWEBHOOK_SECRET={ENV_KEY}&{PW}",
     [("PASSWORD", f"mydbpass{PW[:3]}"), ("GENERIC_SECRET", f"{ENV_KEY}&{PW}")]),
    (f"credentials:\n  redcap_password: Willow.Copper{PW[-4:]}2570\n",
     [("PASSWORD", f"Willow.Copper{PW[-4:]}2570")]),
    (f'redcap_password = "n^oi%sAG{PW}"', [("PASSWORD", f"n^oi%sAG{PW}")]),
    (f'self.write("oauth_token={HEX_KEY}&oauth_token_secret={GENERIC_KEY}")',
     [("GENERIC_SECRET", HEX_KEY), ("GENERIC_SECRET", GENERIC_KEY)]),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_finds_secret_with_exact_span(text: str, expected: list[tuple[str, str]]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_no_finding_field_holds_the_secret(text: str, expected: list[tuple[str, str]]) -> None:
    found = findings(text)
    assert found
    for finding in found:
        value = text[finding.start:finding.end]
        assert finding.category == "secret"
        assert ENTITIES[finding.entity][0] == "secret"
        assert 0 < finding.score <= 1
        for field in (repr(finding), str(finding.to_dict()), finding.detector):
            assert value not in field


# ------------------------------------------------------------------ hard negatives

SHA = fake(40, HEX)
UUID = "-".join(fake(n, HEX) for n in (8, 4, 4, 4, 12))
BLOB = base64.b64encode(bytes(RNG.randrange(256) for _ in range(300))).decode()
AWS_DOC_ID = "AKIA" + "IOSFODNN7" + "EXAMPLE"

NEGATIVES: list[str] = [
    # placeholders
    'api_key = "your-api-key-here"',
    'token = "xxx"',
    'password = "XXXXXXXX"',
    'api_key = "<TOKEN>"',
    'token = "${API_KEY}"',
    'secret = "{{ secret }}"',
    'password = "changeme"',
    'password = "password"',
    "secret = 'secret'",
    'api_key = "example"',
    'token = "dummy"',
    'password = "test"',
    'API_KEY = "REPLACE_ME"',
    'password = "***"',
    'token = "\u2026"',
    'password = ""',
    "password = ''",
    'api_key = "aaaaaaaaaaaaaaaaaaaaaaaa"',
    'OPENAI_API_KEY = "sk-..."',
    "PGPASSWORD=$DB_PASS psql",
    "password: ${{ secrets.DB_PASSWORD }}",
    'password = "%(password)s"',
    'conn = f"postgresql://{user}:{password}@{host}/db"',
    "postgresql://user:password@localhost/db",
    "mysql://root:<password>@localhost/emr",
    'token = "ghp_' + "x" * 36 + '"',
    "aws_access_key_id = " + AWS_DOC_ID,
    "xoxb-your-bot-token-here",
    "https://hooks.slack.com/services/T00000000/B00000000/" + "X" * 24,
    "-----BEGIN" + " PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----",
    "-----BEGIN" + " RSA PRIVATE KEY-----\n<your key here>\n-----END RSA PRIVATE KEY-----",
    "Authorization: Bearer <token>",
    "Authorization: Bearer YOUR_ACCESS_TOKEN",
    # references instead of values
    'api_key = os.environ["API_KEY"]',
    'token = os.getenv("GITHUB_TOKEN")',
    "password = getpass()",
    'password = getpass.getpass("Password: ")',
    "password=args.password",
    "token = get_token()",
    'api_key = config["api_key"]',
    "password: str",
    "def login(password):",
    "def connect(user: str, password: str | None = None) -> None:",
    "password: Optional[str] = None",
    'password=os.environ.get("PGPASSWORD", "")',
    "conn = psycopg2.connect(host=h, user=u, password=pw)",
    'api_key = st.secrets["openai"]["api_key"]',
    'headers = {"Authorization": f"Bearer {token}"}',
    'headers = {"Authorization": "Bearer " + token}',
    "auth = HTTPBasicAuth(user, pw)",
    "secret = client.access_secret_version(name=name).payload.data",
    'jwt_secret = os.environ["JWT_SECRET"]',
    "token: ${{ secrets.GITHUB_TOKEN }}",
    "client_secret = self.client_secret",
    "lambda password: password.strip()",
    "for token in tokens: print(token)",
    # identifiers and ordinary code
    'patient_name = "Maria Lopez"',
    'password_hash_column = "pw_hash"',
    'df = pd.read_sql("SELECT password_hash_column FROM users", con)',
    f'commit = "{SHA}"',
    f"git checkout {SHA}",
    f'run_id = "{UUID}"',
    f"df['visit_uuid'] = '{UUID}'",
    '__version__ = "1.24.3"',
    "token_count = 4096",
    "max_tokens=256",
    f'blob = "{BLOB}"',
    f"payload = '{BLOB[:120]}'",
    "postgresql://localhost/db",
    "postgresql://user@host/db",
    "mysql://root@localhost:3306/emr",
    "https://github.com/lab/cohort.git",
    "jdbc:postgresql://db.lab.org:5432/cohort",
    'tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")',
    'tokenizer.eos_token = "</s>"',
    'pad_token = "[PAD]"',
    'vectorizer = CountVectorizer(token_pattern=r"(?u)\\b\\w\\w+\\b")',
    'pat = "^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$"',
    'pw = input("Enter password: ")',
    'print("password: ", pw, "(hidden)")',
    'print("token:", tok, "ok")',
    "log.info('token: %s', token_id)",
    '<input type="password" name="password" autocomplete="current-password">',
    "password_field = forms.CharField(widget=forms.PasswordInput)",
    "hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt())",
    "if password == confirm_password:",
    'secret_name = "prod/db/credentials"',
    'secret = "projects/cohort/secrets/db-password/versions/latest"',
    'credentials_path = "creds/service-account.json"',
    'credentials = "service-account.json"',
    'GOOGLE_APPLICATION_CREDENTIALS="/home/analyst/keys/sa.json"',
    'token_url = "https://oauth2.googleapis.com/token"',
    'auth = "https://accounts.google.com/o/oauth2/auth"',
    '{"token_type": "Bearer", "expires_in": 3599}',
    '{"password": "This field is required."}',
    '{"password": "must be at least 8 characters"}',
    '{"password": "string", "username": "string"}',
    "key = Fernet.generate_key()",
    f'"sha256": "{fake(64, HEX)}"',
    f"public_key = 'ssh-ed25519 {fake(68, B64)} analyst@lab'",
    "-----BEGIN" + " PUBLIC KEY-----\n" + fake(64, B64) + "\n-----END PUBLIC KEY-----",
    "-----BEGIN" + " CERTIFICATE-----\n" + fake(64, B64) + "\n-----END CERTIFICATE-----",
    f"pk_live_{fake(24)}",
    "pip install scikit-learn  # sk-learn is the old name",
    "x = eyJhbGciOi.eyJzdWIi.abcdefghijklmnopqrstuvwxyz",
    "docker run -u 1000:1000 -v /data:/data image",
    "the password is stored in the vault",
    "Enter the password: ",
    "passes = 3; first_pass = True; bypass = 'cache'",
    'pwd = "/home/analyst/notebooks"',
    'pwd = "notebooks"',
    "secret_santa = ['ana', 'bo']",
    "The Bearer token authentication scheme is described in RFC 6750.",
    "SELECT * FROM visits WHERE auth_status = 'approved'",
    # look-alikes met while scanning installed packages for false alarms
    "Pass :meth:`peek` a default value to return that instead of raising",
    '"Resource": "arn:aws:secretsmanager:*:*:secret:AmazonDataZone-*"',
    'AttributeOID.CHALLENGE_PASSWORD: "challengePassword",',
    'debugLogger = debug("pw:mcp:relay");',
    "const browserToken = config.browser.launchOptions?.channel ?? browser?.browserName;",
    "e.ProgressToken=e.createMessageConnection=e.NullLogger=e.ConnectionOptions=e",
    "{% trans %}Password:{% endtrans %}",
    '{name:process.env.NPM_USER||"",password:process.env.NPM_PASSWORD||""}',
    f'{{"next_page_token": "{fake(40)}", "items": []}}',
    '"pwd": "IPython.core.magics.osm:OSMagics",',
    "Load and return a dynamic library identified by 'name'.",
    "    this._options.httpCredentials = httpCredentials;",
    "      storageKey: SerializedStorageKey;",
    "    user_pass = (self.username + ':' + self.password)",
    'F[F.ZIP_ER_WRONGPASSWD=27]="ZIP_ER_WRONGPASSWD"',
    't.password=(o=t.password)!==null&&o!==void 0?o:""',
    "  password: this.state.password,",
    'password = "%s"',
    "secret_key = settings.SECRET_KEY",
    # everyday notebook cells
    'out = model.generate(**inputs, max_new_tokens=50, pad_token_id=tokenizer.eos_token_id)',
    'os.environ["WANDB_API_KEY"] = wandb_key',
    "%env TOKENIZERS_PARALLELISM=false",
    "AWS_SECRET_ACCESS_KEY=$(aws configure get aws_secret_access_key)",
    'jdbc_password = dbutils.secrets.get(scope="kv", key="db-password")',
    'client_id = "1234567890-abc.apps.googleusercontent.com"',
    'private_key_path = "~/.ssh/id_rsa"',
    "ACCESS_TOKEN_EXPIRE_MINUTES = 30",
    "secret = secrets.token_urlsafe(32)",
    'headers = {"Authorization": f"token {os.environ[\'GH_TOKEN\']}"}',
    'df["password_strength"] = df["password"].apply(score)',
    '{"input_ids": [101, 7592, 2088, 102], "token_type_ids": [0, 0, 0, 0]}',
    f'model_revision = "{SHA}"',
    "why does my token expire after 1 hour?",
    "API key: stored in Key Vault",
    "password: at least 12 characters",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_leaves_non_secrets_alone(text: str) -> None:
    assert spans(text) == []


# ------------------------------------------------------------------ placeholder helper

@pytest.mark.parametrize("value", [
    "", "   ", "xxx", "XXXXXXXX", "***", "\u2026", "...", "<TOKEN>", "<your api key>",
    "${API_KEY}", "$API_KEY", "{{ secret }}", "%(password)s", "{password}", "[REDACTED]",
    "your-api-key-here", "YOUR_TOKEN", "yourapikeyhere", "REPLACE_ME", "changeme", "password",
    "secret", "example", "dummy", "test", "test123", "secret-key-1", "aaaaaaa", "0000",
    "123456", "abcdef", "qwerty", "abcabcabc", "xxxx-xxxx-xxxx", "IOSFODNN7" + "EXAMPLE",
    "my-fake-token", "sk-...", "'changeme'", "$DB_PASS",
])
def test_placeholders(value: str) -> None:
    assert is_placeholder(value)


@pytest.mark.parametrize("value", [
    "S3cr!t-pw", "mydbpass", "Tr0ub4dor&3", "correct horse battery staple", fake(32),
    fake(40, HEX), "letmein", "admin2024!",
])
def test_real_looking_values_are_not_placeholders(value: str) -> None:
    assert not is_placeholder(value)


def test_entropy_separates_random_from_repetitive() -> None:
    assert shannon_entropy("") == 0.0
    assert shannon_entropy("aaaa") == 0.0
    assert shannon_entropy("abcd") == pytest.approx(2.0)
    assert shannon_entropy(fake(40, B64)) > 4.0


# ------------------------------------------------------------------ robustness

PATHOLOGICAL = [
    "a" * 100_000,
    "=" * 100_000,
    "password=" * 10_000,
    "password='abc " * 8_000,
    '"password": "' * 8_000,
    "api_key: " * 11_000,
    "eyJ" * 33_333,
    "eyJhbGciOiJIUzI1NiJ9." * 5_000,
    ("-----BEGIN" + " PRIVATE KEY-----") * 3_700,
    "-----BEGIN" + " RSA PRIVATE KEY-----\n" + "A" * 99_000,
    "://" * 33_333,
    "a:" * 50_000,
    "a-" * 50_000,
    "{{" * 50_000,
    "Bearer " * 14_000,
    "?sv=2020-01-01&sig=" * 5_000,
    "--password " * 9_000,
    "<password>" * 10_000,
    '"' * 100_000,
    "\n" * 100_000,
    "AKIA" + "A" * 100_000,
    ("AKIA" + "B" * 16 + " " + "Cd" * 20 + " ") * 1_600,
    "".join(RNG.choice(string.printable) for _ in range(100_000)),
    "".join(RNG.choice("aA0=:'\"-_/+.@ \n{}()[]$;,&") for _ in range(100_000)),
]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("text", PATHOLOGICAL, ids=lambda t: repr(t[:16]))
def test_pathological_input_scans_to_completion(text: str) -> None:
    for recognizer in SECRET_RECOGNIZERS:
        for finding in recognizer.find(text):
            assert 0 <= finding.start < finding.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ09_-=:;@/+.'\"{}<> \n\\$ghpskxobAKIeyJ")),
               max_size=300))
def test_any_text_scans_without_error(text: str) -> None:
    for recognizer in SECRET_RECOGNIZERS:
        for finding in recognizer.find(text):
            assert 0 <= finding.start < finding.end <= len(text)
            assert finding.category == "secret"


def test_recognizers_are_named_and_report_secret_labels() -> None:
    names = [r.name for r in SECRET_RECOGNIZERS]
    assert all(names) and len(set(names)) == len(names)
    text = "\n".join(t for t, _ in POSITIVES)
    entities = {f.entity for r in SECRET_RECOGNIZERS for f in r.find(text)}
    secret_labels = {label for label, (cat, _) in ENTITIES.items() if cat == "secret"}
    assert entities == secret_labels


# -- the assignment recognizer is driven by its key words --------------------------------

ASSIGNMENTS = AssignmentRecognizer()


@pytest.mark.parametrize(("text", "entity", "value"), [
    (f'password = "{PW}"', "PASSWORD", PW),
    (f"PGPASSWORD={PW} psql -h db", "PASSWORD", PW),
    (f"db:\n  api_key: {GENERIC_KEY}\n", "GENERIC_SECRET", GENERIC_KEY),  # YAML
    (f'{{"api_key": "{GENERIC_KEY}"}}', "GENERIC_SECRET", GENERIC_KEY),  # JSON
    (f"export API_KEY={GENERIC_KEY}", "GENERIC_SECRET", GENERIC_KEY),  # shell / .env
    (f"self.dbPassword = '{PW}'", "PASSWORD", PW),
    ("x" * 70 + f'_token = "{GENERIC_KEY}"', "GENERIC_SECRET", GENERIC_KEY),  # long key
    (f'İstanbul office: password = "{PW}"', "PASSWORD", PW),  # İ: offsets move when lowered
    (f"--api-key {GENERIC_KEY}", "GENERIC_SECRET", GENERIC_KEY),
    (f"<password>{PW}</password>", "PASSWORD", PW),
])
def test_assignment_found_from_its_key_word(text: str, entity: str, value: str) -> None:
    assert [(f.entity, text[f.start:f.end]) for f in ASSIGNMENTS.find(text)] == [(entity, value)]


@pytest.mark.parametrize("text", [
    'password = "your-password-here"',
    "PGPASSWORD=changeme",
    "api_key: ${API_KEY}",
    '{"api_key": "<your key>"}',
    "API_KEY=xxxxxxxxxxxxxxxx",
    "password = os.environ['DB_PASSWORD']",
    # the last keyword argument of a call on its own line: the value ends before `)`
    "model = fit(x,\n    single_deterministic_pass=False)))\n",
    "run(\n    db_password=stored_secret)\n",
])
def test_assignment_ignores_placeholders_and_references(text: str) -> None:
    assert list(ASSIGNMENTS.find(text)) == []


_ASSIGN_PIECES = ["password", "PGPASSWORD", "Api_Key", "'token'", '"secret"', "pwd", "PAT",
                  "sas", "cred", "auth", "x" * 30, "=", ": ", " = ", "'", '"', "\\", "-", ".",
                  "$", "[", "]", "hunter2Xy9!", "\n", " ", "self.", "ſecret", "KEY", "İ"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ASSIGN_PIECES), max_size=14).map("".join))
def test_key_word_search_finds_every_key_start(text: str) -> None:
    """Trying `_ASSIGN` only where a key word names a key start misses no position where
    it matches."""
    starts = set(_assign_starts(text))
    assert {p for p in range(len(text)) if _ASSIGN.match(text, p)} <= starts


# -- chained assignments stay linear ---------------------------------------------------

@pytest.mark.parametrize("unit", [
    "token=", "TOKEN=", "secret=", "auth_token=", "token=a", "password=", "x.token=",
    "token=?", "token=/", "token=(", 'token="token=', "'token':", "--token=.", "PWD=",
])
def test_chained_assignments_validate_each_character_a_bounded_number_of_times(
        unit: str) -> None:
    """`token=token=…` handed each key the 256 characters after it, so a 100 KB chain
    validated 256 characters per key (2 s). The values handed to the validators now
    cover the text at most twice, however long the chain."""
    for keys in (100, 400, 1600):
        text = unit * keys
        read = sum(end - start for _, start, end, *_ in _assignments(text))
        assert read <= 2 * len(text), (keys, read)


@pytest.mark.parametrize(("text", "expected"), [
    # a field of a bare value is read on its own
    (f"AUTH_URL=https://h.example.org/cb?token={HEX_KEY}&password={PW}",
     [("GENERIC_SECRET", HEX_KEY), ("PASSWORD", PW)]),
    (f"export DB_CREDS=admin_pass:{PW2}", [("GENERIC_SECRET", "admin_pass:" + PW2)]),
    # a key word at the start of a bare value is part of it
    (f"PASSWORD=Secret:{PW}", [("PASSWORD", f"Secret:{PW}")]),
    (f"API_TOKEN=token={GENERIC_KEY}", [("GENERIC_SECRET", f"token={GENERIC_KEY}")]),
])
def test_fields_inside_bare_values(text: str, expected: list[tuple[str, str]]) -> None:
    assert spans(text) == expected


# -- fast paths: a token tried only at its prefix (or its scheme, its label word) is found
# exactly where a full scan finds it; validators are left out so every match counts.
FAST = [r for r in SECRET_RECOGNIZERS if isinstance(r, PatternRecognizer)
        and (r.prefixes or r.anchors or r.starts_at is not None)]
FAST_PIECES = sorted({p for r in FAST for p in (*r.prefixes, *r.anchors)} | {
    "Bearer", "AUTHORIZATION", "HTTPBasicAuth(", "://", "https", "postgres", "user", ":", "@",
    "host", "a1B2c3D4e5F6g7H8i9J0kLmNoPqRsTuVwXyZ", "0123456789abcdef0123456789abcdef", "_",
    "-", ".", " ", "=", "\n", "'", "x", "9", "İ", "ſ"})


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FAST_PIECES), max_size=10).map("".join))
def test_tokens_tried_where_they_can_start_are_the_ones_a_full_scan_finds(text: str) -> None:
    for recognizer in FAST:
        fast = replace(recognizer, validate=None)
        slow = replace(fast, prefixes=(), anchors=(), starts_at=None)
        assert list(fast.find(text, text.lower())) == list(slow.find(text)), recognizer.name


#: Every way a prefixed token can begin, written out from the vendors' formats (not read
#: from the recognizers), each before bodies long enough for any of them.
TOKEN_STARTS = [
    "AKIA", "ASIA", "ABIA", "ACCA", "AIza", "ghp_", "gho_", "ghu_", "ghs_", "ghr_",
    "github_pat_ABCDEFGHIJKLMNOPQRSTUV_", "glpat-", "gldt-", "glsoat-", "GR1348941",
    "xoxb-1234567-",
    "xoxe.xoxp-1-", "xapp-1-", "sk_live_", "sk_test_", "rk_live_", "rk_test_", "whsec_",
    "sk-", "sk-proj-", "hf_", "api_org_", "dapi", "npm_", "pypi-AgEIcHlwaS5vcmc", "SG.",
    "sk-ant-api03-", "GOCSPX-", "gsk_", "r8_", "pplx-", "nvapi-", "xai-", "lsv2_pt_", "eyJ",
    "ya29.", "Bearer ", "bearer ", "Authorization: token ", "AUTHORIZATION=Bot ",
    "auth=('u', ", "HTTPBasicAuth(u, ", "HTTPDigestAuth('u', ", "HTTPProxyAuth(u, ",
    "s.login(u, ", "postgres://u:", "svn+ssh://u:",
]
_ALNUM = "a1B2c3D4e5F6g7H8i9J0kLmNoPqRsTuVwXyZ0123456789abcdefABCDEFGHIJKLMNOPQRSTUVWXYZ01234"
BODIES = ["ABCDEFGHIJKLMNOP", _ALNUM[:36], _ALNUM[:56], _ALNUM[:88],
          "0123456789abcdef0123456789abcdef", "'hunter2x'", "p4ss@db.example.org",
          "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcdefghijklmnopqr"]


@pytest.mark.parametrize("start", TOKEN_STARTS)
def test_each_token_start_is_tried(start: str) -> None:
    text = " ".join(f"x {start}{body} {start}{body}" for body in BODIES)
    for recognizer in FAST:
        fast = replace(recognizer, validate=None)
        slow = replace(fast, prefixes=(), anchors=(), starts_at=None)
        assert list(fast.find(text, text.lower())) == list(slow.find(text)), recognizer.name


def test_fast_secret_paths_cover_the_prefixed_vendors() -> None:
    names = {r.name for r in FAST}
    assert {"pattern:aws-access-key-id", "pattern:github-token", "pattern:jwt",
            "pattern:vendor-token", "pattern:url-password", "pattern:bearer-token"} <= names
