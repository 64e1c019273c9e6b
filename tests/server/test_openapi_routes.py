"""openapi.yaml describes every route the extension serves, in each of its three modes.

The routes come from the same functions the extension registers them with
(`app.local_routes`, `client_routes`, `gateway_routes`), so a route added later
without its description fails here. Operations tagged `gateway` are the gateway's own.
"""

from __future__ import annotations

from pathlib import Path

import tornado.web
import yaml

from jupyter_safeai.server.app import Routes, client_routes, gateway_routes, local_routes

SCHEMA = Path(__file__).resolve().parents[2] / "openapi.yaml"
METHODS = ("get", "post", "put", "patch", "delete")
MODES = {"local": local_routes(), "client": client_routes(),
         "gateway": gateway_routes(hub_auth=True)}


def served(routes: Routes) -> set[tuple[str, str]]:
    """(path, method) for every method a route's handler implements."""
    return {(path, method) for path, handler in routes for method in METHODS
            if getattr(handler, method) is not getattr(tornado.web.RequestHandler, method)}


def documented() -> dict[tuple[str, str], dict]:
    paths = yaml.safe_load(SCHEMA.read_text())["paths"]
    return {(path, method): operation for path, operations in paths.items()
            for method, operation in operations.items() if method in METHODS}


def test_every_route_of_every_mode_is_documented() -> None:
    operations = documented()
    for mode, routes in MODES.items():
        missing = served(routes) - operations.keys()
        assert not missing, f"{mode} serves undocumented operations: {sorted(missing)}"


def test_every_documented_operation_is_served_somewhere() -> None:
    everywhere = set().union(*(served(routes) for routes in MODES.values()))
    assert set(documented()) <= everywhere, sorted(set(documented()) - everywhere)


def test_the_gateway_tag_marks_exactly_the_gateways_own_operations() -> None:
    users = served(MODES["local"]) | served(MODES["client"])
    own = served(MODES["gateway"]) - users
    tagged = {key for key, operation in documented().items()
              if "gateway" in operation.get("tags", ())}
    assert own == tagged == {("/safeai/reports", "get"), ("/safeai/me", "get")}


def test_a_users_server_serves_the_same_operations_with_or_without_a_gateway() -> None:
    assert served(MODES["local"]) == served(MODES["client"])
