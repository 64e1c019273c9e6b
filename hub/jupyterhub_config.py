"""A demo JupyterHub with the SafeAI gateway, all on loopback (`make hub`, and the Hub tests).

Users `alice` and `bob` (and `admin`, who holds the `safeai-admin` role) log in with any
password (DummyAuthenticator: a demo, never a deployment). Their servers run from this
checkout as clients of the gateway (`c.SafeAI.gateway_url`), which the Hub starts as
the managed service `safeai` at /services/safeai/. The gateway's settings are in
`safeai_gateway_config.py` beside this file.

Environment (all optional): SAFEAI_HUB_DIR (state: database, homes, the audit log;
default hub/.state), SAFEAI_HUB_PORT (8000, the page to open), SAFEAI_HUB_API_PORT
(8081), SAFEAI_PROXY_API_PORT (8001), SAFEAI_GATEWAY_PORT (10101), SAFEAI_HUB_MODELS
(JSON list for `c.SafeAI.approved_models` of the gateway; default: the embedded model),
SAFEAI_HUB_USERS (more user names, space-separated), SAFEAI_HUB_TEST_TOKEN (adds the
`safeai-tests` service with that token and the scopes the tests need to make users,
tokens and servers).
"""

import os
import sys
from pathlib import Path

c = get_config()  # type: ignore[name-defined]  # noqa: F821 - given by JupyterHub

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
STATE = Path(os.environ.get("SAFEAI_HUB_DIR") or HERE / ".state").resolve()
STATE.mkdir(parents=True, exist_ok=True, mode=0o700)
BIN = Path(sys.executable).parent


def port(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


GATEWAY = f"http://127.0.0.1:{port('SAFEAI_GATEWAY_PORT', 10101)}"
# The checkout runs, not an installed copy: the Hub's children get it on their path.
CHILD_ENV = {"PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
             "SAFEAI_HUB_DIR": str(STATE)}

c.JupyterHub.bind_url = f"http://127.0.0.1:{port('SAFEAI_HUB_PORT', 8000)}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{port('SAFEAI_HUB_API_PORT', 8081)}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{port('SAFEAI_PROXY_API_PORT', 8001)}"
c.ConfigurableHTTPProxy.command = [str(HERE / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True

c.JupyterHub.authenticator_class = "dummy"
# SAFEAI_HUB_USERS: more users, space-separated (benchmarks/hub_load.py's simulated ones)
c.Authenticator.allowed_users = {"alice", "bob", "admin",
                                 *os.environ.get("SAFEAI_HUB_USERS", "").split()}
c.Authenticator.admin_users = set()  # `admin` reads reports through its role, nothing more

c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "home" / "{username}")
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
# the checkout's page config (no news, no update check, no extension index) also when the
# installed copy predates it
c.Spawner.environment = {**CHILD_ENV, "JUPYTER_CONFIG_PATH": str(REPO / "jupyter-config")}
# What the admin puts in the users' image: the gateway, and a lab that calls nowhere.
c.Spawner.args = [
    f"--SafeAI.gateway_url={GATEWAY}/services/safeai/",
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    *(["--allow-root"] if os.geteuid() == 0 else []),  # containers, CI
]

c.JupyterHub.services = [{
    "name": "safeai",
    "url": GATEWAY,
    "command": [sys.executable, "-m", "jupyter_safeai.server.gateway",
                "--config", str(HERE / "safeai_gateway_config.py")],
    "environment": {**CHILD_ENV, **{k: v for k, v in os.environ.items() if k.startswith(
        "SAFEAI_HUB_") and k != "SAFEAI_HUB_TEST_TOKEN"}},
    "oauth_no_confirm": True,
    # a browser's OAuth token for the gateway may carry the report scope of its user
    "oauth_client_allowed_scopes": ["custom:safeai:reports"],
}]

c.JupyterHub.custom_scopes = {
    "custom:safeai:reports": {
        "description": "Read the SafeAI audit report (counts by user, model, decision).",
    },
}
c.JupyterHub.load_roles = [
    {"name": "user", "scopes": ["self", "access:services!service=safeai"]},
    # A user's server reaches the gateway with its own token, which names its user.
    {"name": "server", "scopes": ["users:activity!user", "access:servers!server",
                                  "access:services!service=safeai"]},
    {"name": "safeai-admin", "users": ["admin"],
     "scopes": ["custom:safeai:reports", "access:services!service=safeai"]},
]

test_token = os.environ.get("SAFEAI_HUB_TEST_TOKEN")
if test_token:
    c.JupyterHub.services.append({"name": "safeai-tests", "api_token": test_token})
    c.JupyterHub.load_roles.append({
        "name": "safeai-tests", "services": ["safeai-tests"],
        "scopes": ["admin:users", "admin:servers", "tokens", "read:users"]})
