"""A real JupyterHub (configurable-http-proxy, DummyAuthenticator, SimpleLocalProcessSpawner,
all on 127.0.0.1) with the SafeAI gateway as its managed service, and two users.

The Hub is `hub/jupyterhub_config.py`, the one `make hub` runs. alice's server runs as
the admin set it up; bob has a looser policy in his own `~/.jupyter` config. Both chat
through their own server's /safeai API (the sidebar's) and through the magic's client;
the gateway's audit log must name both and verify.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator

import pytest
import requests

from hub.demo_hub import PROXY, DemoHub
from jupyter_safeai.kernel.server_client import SafeAIServer, ServerRefused
from jupyter_safeai.server.audit import report, verify

NAMES = {"alice": ("Maria Gonzalez", "40017733"), "bob": ("Peter Novak", "55120987")}
SECRET = "AKIA" + "ZQ3DRT5K7PLMN2XW"
LOOSE = {"phi": "warn", "secret": "warn", "genomic": "warn"}
FLOOR = {"phi": "redact", "secret": "block", "genomic": "redact"}


def question(user: str) -> str:
    name, mrn = NAMES[user]
    return f"Patient {name}, MRN: {mrn}, asks how to plot glucose by month."


class Users:
    def __init__(self, hub: DemoHub) -> None:
        self.hub = hub
        self.tokens = {u: hub.user_token(u) for u in ("alice", "bob", "admin")}
        # bob loosens his own server's policy, as any user can in ~/.jupyter
        config = hub.home("bob") / ".jupyter"
        config.mkdir(parents=True, exist_ok=True)
        (config / "jupyter_server_config.json").write_text(
            json.dumps({"SafeAI": {"policy": LOOSE}}))
        self.servers = {u: hub.start_server(u) for u in ("alice", "bob")}

    def get(self, user: str, url: str, **kwargs) -> requests.Response:  # noqa: ANN003
        return requests.get(url, headers={"Authorization": f"token {self.tokens[user]}"},
                            timeout=60, **kwargs)

    def post(self, user: str, url: str, body: dict) -> requests.Response:
        return requests.post(url, json=body, timeout=120,
                             headers={"Authorization": f"token {self.tokens[user]}"})

    def sidebar_chat(self, user: str, content: str, server: str | None = None,
                     **extra: object) -> requests.Response:
        body = {"messages": [{"role": "user", "content": content}], "client": "sidebar",
                **extra}
        return self.post(user, self.servers[server or user] + "safeai/chat", body)


@pytest.fixture(scope="module")
def hub() -> Iterator[DemoHub]:
    # a missing proxy fails the tests (never skips them): `make setup` installs it
    assert PROXY.exists(), "configurable-http-proxy missing: run `npm install --prefix hub`"
    hub = DemoHub(extra_env={"SAFEAI_HUB_MAX_NEW_TOKENS": "12"})
    try:
        yield hub.wait_ready()
    finally:
        hub.stop()


@pytest.fixture(scope="module")
def users(hub: DemoHub) -> Users:
    return Users(hub)


def events_of(response: requests.Response) -> list[dict]:
    return [json.loads(line) for line in response.text.splitlines() if line.strip()]


def audit(hub: DemoHub) -> list[dict]:
    return [json.loads(line) for line in hub.audit_path.read_text().splitlines()]


def test_two_users_chat_through_the_sidebar_api_and_the_magic(hub, users) -> None:
    before = len(audit(hub))
    response = users.sidebar_chat("alice", question("alice"))
    assert response.status_code == 200, response.text
    events = events_of(response)
    assert events[0]["type"] == "gate" and events[0]["redacted"]["PERSON"] == 1
    assert events[-1]["type"] == "done"
    # bob through the magic's own client, as his kernel would call his server
    magic = SafeAIServer(users.servers["bob"], users.tokens["bob"])
    stream = list(magic.chat([{"role": "user", "content": "How do I plot a histogram?"}]))
    assert stream[0]["type"] == "gate" and stream[-1]["type"] == "done"
    records = audit(hub)[before:]
    assert [(r["user"], r["client"]) for r in records] == [("alice", "sidebar"),
                                                          ("bob", "magic")]
    assert records[0]["decision"] == "redacted" and records[0]["entities"]["PERSON"] == 1
    # the gateway got placeholders: alice's values are nowhere in its files
    name, mrn = NAMES["alice"]
    for path in (hub.audit_path, hub.log_path):
        text = path.read_text(errors="replace")
        assert name not in text and mrn not in text


def test_inline_completions_go_through_the_gateway_as_the_hub_user(hub, users) -> None:
    name, mrn = NAMES["alice"]
    before = len(audit(hub))
    response = users.post("alice", users.servers["alice"] + "safeai/complete", {
        "prefix": f"# Patient {name}, MRN: {mrn}\ndef plot_glucose(df):\n    ",
        "suffix": "", "language": "python"})
    assert response.status_code == 200, response.text
    events = events_of(response)
    assert events[0]["type"] == "gate" and events[0]["action"] == "redact", events
    assert events[0]["redacted"]["PERSON"] == 1
    assert events[-1]["type"] == "done", events
    (record,) = audit(hub)[before:]
    assert (record["kind"], record["user"], record["decision"], record["reason"]) == (
        "completion", "alice", "redacted", "redacted_by_client")
    for path in (hub.audit_path, hub.log_path):
        text = path.read_text(errors="replace")
        assert name not in text and mrn not in text
    # a secret in the cell: stopped in alice's own server, the gateway never asked
    response = users.post("alice", users.servers["alice"] + "safeai/complete", {
        "prefix": f'key = "{SECRET}"\nclient = make(', "suffix": ""})
    assert events_of(response) == [{"type": "blocked", "reason": "blocked",
                                    "kinds": ["AWS_ACCESS_KEY"],
                                    "counts": {"AWS_ACCESS_KEY": 1},
                                    "gate_ms": events_of(response)[0]["gate_ms"]}]
    assert audit(hub)[before + 1:] == []


def test_a_looser_policy_in_a_users_own_config_does_not_loosen_the_gate(hub, users) -> None:
    policy = users.get("bob", users.servers["bob"] + "safeai/policy").json()
    assert policy["admin"] == FLOOR
    before = len(audit(hub))
    response = users.sidebar_chat("bob", f"my key is {SECRET}", acknowledge=True)
    assert response.status_code == 422 and response.json()["reason"] == "blocked"
    # asking the gateway directly, with a looser policy and acknowledged: still blocked,
    # and the gateway's audit names bob
    direct = users.post("bob", hub.url + "/services/safeai/safeai/chat", {
        "messages": [{"role": "user", "content": f"my key is {SECRET}"}],
        "policy": LOOSE, "acknowledge": True})
    assert direct.status_code == 422 and direct.json()["reason"] == "blocked"
    assert [(r["user"], r["decision"]) for r in audit(hub)[before:]] == [("bob", "blocked")]
    # PHI with warn asked for and acknowledged: redacted anyway
    response = users.sidebar_chat("bob", question("bob"), acknowledge=True)
    assert response.status_code == 200 and events_of(response)[0]["action"] == "redact"


def test_one_user_cannot_see_anothers_server_warnings_or_reports(hub, users) -> None:
    path = "analysis.ipynb"
    finding = {"path": path, "cell": 0,
               "findings": [{"entity": "PERSON", "category": "phi", "count": 2}]}
    assert users.post("alice", users.servers["alice"] + "safeai/warnings",
                      finding).status_code == 204
    mine = users.get("alice", users.servers["alice"] + "safeai/warnings",
                     params={"path": path}).json()["warnings"]
    assert [w["count"] for w in mine] == [2]
    # bob cannot reach alice's server at all (the Hub refuses his token there)
    theirs = users.get("bob", users.servers["alice"] + "safeai/warnings",
                       params={"path": path}, allow_redirects=False)
    assert theirs.status_code in (302, 403)
    chat = users.sidebar_chat("bob", "hello", server="alice")
    assert chat.status_code in (302, 403)
    assert users.get("bob", users.servers["bob"] + "safeai/warnings",
                     params={"path": path}).json()["warnings"] == []
    # the shared gateway keeps no warnings, and only the safeai-admin role reads reports
    gateway = hub.url + "/services/safeai/"
    assert users.get("alice", gateway + "safeai/warnings",
                     params={"path": path}).status_code == 404
    for user in ("alice", "bob"):
        assert users.get(user, gateway + "safeai/reports").status_code == 403
    assert users.get("admin", gateway + "safeai/reports").status_code == 200
    # nothing else of a Jupyter server is reachable on the gateway, for anyone
    for user in ("alice", "admin"):
        for route in ("api/contents", "api/kernels", "api/sessions", "lab"):
            assert users.get(user, gateway + route,
                             allow_redirects=False).status_code in (403, 404), route
    # and no token: nobody
    assert requests.get(gateway + "safeai/models", timeout=10).status_code == 403


def test_the_audit_log_names_both_users_verifies_and_is_the_gateways_alone(hub,
                                                                          users) -> None:
    magic = SafeAIServer(users.servers["alice"], users.tokens["alice"])
    with pytest.raises(ServerRefused) as refused:
        list(magic.chat([{"role": "user", "content": f"key {SECRET}"}]))
    assert refused.value.status == 422
    summary = users.get("admin", hub.url + "/services/safeai/safeai/reports").json()
    assert {"alice", "bob"} <= set(summary["by_user"]) and summary["chain"]["ok"]
    assert verify(hub.audit_path).ok
    assert report(hub.audit_path)["by_user"] == summary["by_user"]
    # one file, owner-only, outside every user's home
    mode = stat.S_IMODE(hub.audit_path.stat().st_mode)
    assert mode == 0o600
    for user in ("alice", "bob"):
        assert not hub.audit_path.resolve().is_relative_to(hub.home(user).resolve())


def browser_login(hub: DemoHub, user: str) -> requests.Session:
    """A browser session logged in to the Hub (DummyAuthenticator takes any password)."""
    session = requests.Session()
    session.get(hub.url + "/hub/login", timeout=30)
    response = session.post(hub.url + "/hub/login", timeout=30, data={
        "username": user, "password": "any", "_xsrf": session.cookies.get("_xsrf", "")})
    assert response.ok, response.status_code
    return session


@pytest.mark.parametrize(("user", "reports"), [("admin", 200), ("alice", 403)])
def test_a_browser_logs_in_to_the_gateway_through_the_hubs_oauth(hub, users, user: str,
                                                                 reports: int) -> None:
    session = browser_login(hub, user)
    # the gateway sends the browser to the Hub's OAuth page and back, then knows it
    me = session.get(hub.url + "/services/safeai/", timeout=30)
    assert me.ok and me.json()["user"] == user
    assert me.json()["reports"] is (reports == 200)
    assert session.get(hub.url + "/services/safeai/safeai/reports",
                       timeout=30).status_code == reports
    # the cookie alone (no XSRF token) cannot chat
    chat = session.post(hub.url + "/services/safeai/safeai/chat", timeout=30,
                        json={"messages": [{"role": "user", "content": "hi"}]})
    assert chat.status_code == 403
