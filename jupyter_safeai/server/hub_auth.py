"""Who is asking, for the gateway: JupyterHub users, through the Hub's service auth.

The gateway runs as a JupyterHub service. Each request names a Hub user: a token in
the `Authorization` header (a kernel's or a single-user server's token, which belong to
that user) or the cookie the Hub's OAuth flow leaves in a browser. `HubOAuth` asks the
Hub who the token belongs to and which scopes it carries; the audit record names that
user. Authorisation uses Hub scopes only:

- `access:services!service=<name>` (the Hub's own scope for reaching a service) lets a
  user chat, scan and read the model list and policy (resource `safeai`);
- `custom:safeai:reports` (give it to a `safeai-admin` role) lets an admin read the
  audit report (resource `safeai-reports`);
- nothing else of the Jupyter server is reachable: every other resource (contents,
  kernels, terminals, …) is refused, whoever asks.
"""

from __future__ import annotations

from typing import Any

from jupyter_server.auth.authorizer import Authorizer
from jupyter_server.auth.decorator import allow_unauthenticated, authorized
from jupyter_server.auth.identity import IdentityProvider, User
from jupyter_server.base.handlers import APIHandler, JupyterHandler
from jupyterhub.services.auth import HubOAuth, HubOAuthCallbackHandler, check_scopes
from tornado import web
from tornado.httputil import url_concat
from traitlets import Instance, Unicode, default

from .handlers import AUTH_RESOURCE
from .reports import REPORTS_RESOURCE

REPORTS_SCOPE = "custom:safeai:reports"


class HubUser(User):
    """A jupyter-server user that keeps the Hub's model (name, scopes) for the authorizer."""

    hub_user: dict[str, Any]

    def __init__(self, hub_user: dict[str, Any]) -> None:
        self.hub_user = hub_user
        super().__init__(username=hub_user["name"])

    @property
    def scopes(self) -> set[str]:
        return set(self.hub_user.get("scopes") or ())


class GatewayHubOAuth(HubOAuth):
    """HubOAuth without its XSRF patch: the gateway keeps jupyter-server's own check,
    which runs once the user is known and skips token-authenticated requests (HubAuth
    marks them). HubOAuth's replacement is installed on the handler classes and runs
    before the user is known (tornado checks XSRF before `prepare`), so it refuses
    every POST made with a token: every chat of a kernel or a user's server."""

    def _patch_xsrf(self, handler: web.RequestHandler) -> None:
        return


class OAuthCallbackHandler(HubOAuthCallbackHandler):
    """Completes the browser's OAuth login with the Hub (`<prefix>/oauth_callback`)."""

    def initialize(self, hub_auth: HubOAuth) -> None:
        self.hub_auth = hub_auth

    @allow_unauthenticated
    async def get(self) -> None:
        await super().get()


class HubIdentityProvider(IdentityProvider):
    """Identifies Hub users; users without the service's access scope are nobody here."""

    hub_auth = Instance(HubOAuth)

    @default("hub_auth")
    def _default_hub_auth(self) -> HubOAuth:
        # The Hub hands a managed service everything it needs in its environment.
        return GatewayHubOAuth(parent=self)

    @property
    def token(self) -> str:  # type: ignore[override]
        return self.hub_auth.api_token

    def _send_browsers_to_the_hub(self, handler: web.RequestHandler) -> None:
        """A page (not an API route, which answers 403) sends a browser without a login
        to the Hub's OAuth page; the state cookie brings it back to the same URL."""
        if isinstance(handler, APIHandler):
            return  # its get_login_url raises 403
        hub_auth = self.hub_auth

        def login_url() -> str:
            params: dict[str, str] = {}
            verifier = None
            if hub_auth.pkce_enabled:
                verifier, challenge, method = hub_auth.generate_pkce_code_challenge()
                params.update(code_challenge=challenge, code_challenge_method=method)
            params["state"] = hub_auth.set_state_cookie(
                handler, next_url=handler.request.uri, code_verifier=verifier)
            return url_concat(hub_auth.login_url, params)

        handler.get_login_url = login_url  # type: ignore[method-assign]

    async def get_user(self, handler: web.RequestHandler) -> HubUser | None:  # type: ignore[override]
        cached = getattr(handler, "_safeai_hub_user", False)
        if cached is not False:
            return cached
        self._send_browsers_to_the_hub(handler)
        model = await self.hub_auth.get_user(handler, sync=False)
        user: HubUser | None = None
        if model and model.get("kind", "user") == "user" and check_scopes(
                self.hub_auth.access_scopes, set(model.get("scopes") or ())):
            user = HubUser(model)
        elif model:
            self.log.warning("safeai gateway: Hub %s %s lacks the service's access scope",
                             model.get("kind", "user"), model.get("name"))
        handler._safeai_hub_user = user  # type: ignore[attr-defined]
        return user

    def get_handlers(self) -> list:
        return [("/oauth_callback", OAuthCallbackHandler, {"hub_auth": self.hub_auth})]

    def validate_security(self, app: Any, ssl_options: Any = None) -> None:
        """The Hub authenticates; there is no token or password of the gateway's own."""


class HubScopeAuthorizer(Authorizer):
    """Hub scopes decide; only the gateway's own resources exist for anyone."""

    service_name = Unicode("safeai", config=True,
                           help="The service's name in `c.JupyterHub.services`.")

    def is_authorized(self, handler: web.RequestHandler, user: User, action: str,
                      resource: str) -> bool:
        if not isinstance(user, HubUser):
            return False
        access = check_scopes({f"access:services!service={self.service_name}"}, user.scopes)
        if resource == AUTH_RESOURCE:
            return bool(access)
        if resource == REPORTS_RESOURCE:
            return bool(access) and action == "read" and bool(
                check_scopes({REPORTS_SCOPE}, user.scopes))
        return False


class WhoAmIHandler(JupyterHandler):
    """`<prefix>/` in a browser: log in through the Hub, then see who the gateway takes
    you for and whether you may read reports (the cookie then serves the API's GETs)."""

    auth_resource = AUTH_RESOURCE

    @web.authenticated
    @authorized
    def get(self) -> None:
        user = self.current_user
        scopes = user.scopes if isinstance(user, HubUser) else set()
        self.finish({"user": user.username,
                     "reports": bool(check_scopes({REPORTS_SCOPE}, scopes)),
                     "api": self.base_url + "safeai/"})
