"""Authentication and authorization of every `/safeai/*` route, read from the server's
own handler table so that a route added later is covered without editing this file.

What is tried: no credentials, a wrong token, the login cookie without the XSRF token
(for every method that changes state), and an authorizer that denies the `safeai`
resource. Each refusal is paired with the same request made correctly, so a test that
only ever saw 403s for an unrelated reason would fail.
"""

from __future__ import annotations

import re
from http.cookies import SimpleCookie

import pytest
import tornado.web
from jupyter_server.auth import Authorizer
from jupyter_server.utils import url_path_join
from tornado.httpclient import AsyncHTTPClient, HTTPResponse

from jupyter_safeai.server.handlers import AUTH_RESOURCE
from tests.server_api import chat_body

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
#: Bodies that pass validation, for the requests that must get through.
VALID_BODIES = {
    "chat": chat_body("Write a function that returns the square of a number."),
    "scan": '{"text": "Write a function that returns the square of a number."}',
    "warnings": '{"path": "a.ipynb", "findings": [{"entity": "US_SSN", "category": "phi"}]}',
}
#: Query strings that pass validation, for reads that must get through.
VALID_QUERIES = {"warnings": "?path=a.ipynb"}
KNOWN = {"models", "policy", "scan", "chat", "warnings"}


def safeai_routes(serverapp) -> list[tuple[str, type, tuple[str, ...]]]:
    """(URL path, handler, methods it implements) for every route under /safeai/."""
    routes = []
    for rule in serverapp.web_app.default_router.rules:
        for inner in getattr(rule.target, "rules", []):
            pattern = inner.matcher.regex.pattern
            if "/safeai/" not in pattern:
                continue
            path = re.sub(r"\((?:\?P<\w+>)?[^)]*\)", "x", pattern.rstrip("$"))
            path = path.replace("\\", "")
            handler = inner.target
            methods = tuple(m for m in METHODS if getattr(handler, m.lower()) is not
                            getattr(tornado.web.RequestHandler, m.lower()))
            routes.append((path, handler, methods))
    return routes


@pytest.fixture
def routes(jp_serverapp) -> list[tuple[str, type, tuple[str, ...]]]:
    found = safeai_routes(jp_serverapp)
    names = {path.rsplit("/", 1)[-1] for path, _, _ in found}
    assert names >= KNOWN, f"extension routes not all loaded: {names}"
    return found


async def call(port: int, path: str, method: str, headers: dict[str, str] | None = None,
               body: str | None = None) -> HTTPResponse:
    if body is None and method in ("POST", "PUT", "PATCH"):
        body = "{}"
    return await AsyncHTTPClient().fetch(
        f"http://localhost:{port}{path}", method=method, headers=headers or {}, body=body,
        raise_error=False, allow_nonstandard_methods=True, request_timeout=60)


def body_for(path: str) -> str | None:
    return VALID_BODIES.get(path.rsplit("/", 1)[-1])


def with_query(path: str) -> str:
    return path + VALID_QUERIES.get(path.rsplit("/", 1)[-1], "")


def got_through(response: HTTPResponse) -> bool:
    """Past authentication and authorization (a new route's own validation may still 400)."""
    return response.code not in (403, 404, 405)


async def test_every_route_refuses_requests_without_credentials(
        http_server, jp_http_port, routes, model_calls) -> None:
    tried = 0
    for path, _, implemented in routes:
        for method in METHODS:
            for headers in ({}, {"Authorization": "token not-the-token"},
                            {"Cookie": "username-localhost=forged"}):
                response = await call(jp_http_port, path, method, headers, body_for(path))
                tried += 1
                # a method the route does not implement may say 405, but never answer
                allowed = {403} if method in implemented else {403, 405}
                assert response.code in allowed, (path, method, headers, response.code)
    assert tried == len(routes) * len(METHODS) * 3
    assert model_calls == []


async def login_cookie(port: int, base_url: str, token: str) -> str:
    """The `Cookie` header a browser holds after logging in with the token."""
    response = await call(port, url_path_join(base_url, "api/status"), "GET",
                          {"Authorization": f"token {token}"})
    assert response.code == 200
    jar = SimpleCookie()
    for header in response.headers.get_list("Set-Cookie"):
        jar.load(header)
    (name,) = [n for n in jar if n.startswith("username-")]
    return f"{name}={jar[name].value}"


async def test_cookie_authenticated_writes_need_the_xsrf_token(
        http_server, jp_http_port, jp_base_url, jp_serverapp, routes, model_calls) -> None:
    cookie = await login_cookie(jp_http_port, jp_base_url, jp_serverapp.identity_provider.token)
    # tornado's double-submit check: the header must match the `_xsrf` cookie, which a
    # page on another site can neither read nor set
    xsrf = "2|1a2b3c4d|5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b|1700000000"
    with_xsrf = {"Cookie": f"{cookie}; _xsrf={xsrf}", "X-XSRFToken": xsrf}
    writes = 0
    for path, _, implemented in routes:
        for method in implemented:
            if method in ("GET", "HEAD"):  # reads need no XSRF token, only the cookie
                read = await call(jp_http_port, with_query(path), method, {"Cookie": cookie})
                assert got_through(read), (path, method, read.code)
                continue
            without = await call(jp_http_port, path, method, {"Cookie": cookie}, body_for(path))
            with_token = await call(jp_http_port, path, method, with_xsrf, body_for(path))
            writes += 1
            assert without.code == 403, (path, method, without.code)
            assert b"_xsrf" in without.body or b"XSRF" in without.body, without.body
            assert got_through(with_token), (path, method, with_token.body)
    assert writes >= 3  # scan, chat, warnings
    assert len(model_calls) == 1, "only the chat that carried the XSRF token reaches a model"


async def test_token_authenticated_requests_need_no_xsrf_token(jp_fetch, model_calls) -> None:
    """jupyter-server exempts token auth (no ambient credential to forge); so do we."""
    response = await jp_fetch("safeai", "chat", method="POST",
                              body=VALID_BODIES["chat"], request_timeout=60)
    assert response.code == 200 and len(model_calls) == 1


class DenySafeAI(Authorizer):
    """An institution's authorizer that withholds the assistant from everyone."""

    checked: list[tuple[str, str]] = []

    def is_authorized(self, handler, user, action, resource) -> bool:  # noqa: ANN001
        DenySafeAI.checked.append((action, resource))
        return resource != AUTH_RESOURCE


class ReadOnlySafeAI(Authorizer):
    """Lets users see models and policy but not ask or scan."""

    def is_authorized(self, handler, user, action, resource) -> bool:  # noqa: ANN001
        return resource != AUTH_RESOURCE or action == "read"


@pytest.fixture
def authorizer_class() -> type[Authorizer] | None:
    """The server's authorizer: Jupyter's own unless a test parametrizes an institution's."""
    return None


@pytest.fixture
def jp_server_config(jp_server_config: dict, authorizer_class: type[Authorizer] | None) -> dict:
    if authorizer_class is not None:
        jp_server_config["ServerApp"]["authorizer_class"] = authorizer_class
    return jp_server_config


@pytest.fixture
def token_header(jp_serverapp) -> dict[str, str]:
    return {"Authorization": f"token {jp_serverapp.identity_provider.token}"}


@pytest.mark.parametrize("authorizer_class", [DenySafeAI])
async def test_an_authorizer_that_denies_safeai_denies_every_route_and_calls_no_model(
        http_server, jp_fetch, jp_http_port, token_header, routes, model_calls,
        monkeypatch) -> None:
    from jupyter_safeai.scan.engine import Scanner

    scanned: list[str] = []
    monkeypatch.setattr(Scanner, "scan", lambda self, text, *a: scanned.append(text) or [])
    DenySafeAI.checked.clear()
    for path, _, implemented in routes:
        for method in implemented:
            response = await call(jp_http_port, path, method, token_header, body_for(path))
            assert response.code == 403, (path, method, response.code)
            assert b"not authorized" in response.body
    assert model_calls == [] and scanned == []
    assert ("write", AUTH_RESOURCE) in DenySafeAI.checked
    assert ("read", AUTH_RESOURCE) in DenySafeAI.checked
    status = await jp_fetch("api", "status")  # the rest of the server still answers
    assert status.code == 200


@pytest.mark.parametrize("authorizer_class", [ReadOnlySafeAI])
async def test_a_read_only_authorizer_lets_models_and_policy_be_read_not_chat_or_scan(
        http_server, jp_http_port, token_header, routes, model_calls) -> None:
    for path, _, implemented in routes:
        for method in implemented:
            target = with_query(path) if method == "GET" else path
            response = await call(jp_http_port, target, method, token_header, body_for(path))
            if method == "GET":
                assert got_through(response), (path, method, response.code)
            else:
                assert response.code == 403, (path, method, response.code)
    assert model_calls == []


class TestInFrontOfAGateway:
    """A user's server in client mode has its own handlers (forwarding): the same refusals."""

    @pytest.fixture
    def safeai_config(self, monkeypatch) -> dict:
        monkeypatch.setenv("SAFEAI_TEST_GATEWAY_TOKEN", "unused")
        return {"gateway_url": "http://127.0.0.1:9/",  # never reached: nobody gets through
                "gateway_token_env": "SAFEAI_TEST_GATEWAY_TOKEN"}

    async def test_every_route_refuses_requests_without_credentials(
            self, http_server, jp_http_port, routes, model_calls) -> None:
        handlers = {handler.__name__ for _, handler, _ in routes}
        assert {"ForwardedChatHandler", "ForwardedCompletionHandler"} <= handlers
        await test_every_route_refuses_requests_without_credentials(
            http_server, jp_http_port, routes, model_calls)
