"""`jupyter-safeai-gateway`: the same server, run by the admin as a JupyterHub service.

It owns the approved models, the policy floor, the enforcing scanner, the audit log and
the model queues for every Hub user; users' own servers are its clients
(`c.SafeAI.gateway_url`). Register it with the Hub as a managed service:

    c.JupyterHub.services = [{
        "name": "safeai",
        "url": "http://127.0.0.1:10101",
        "command": ["jupyter-safeai-gateway", "--config", "/etc/jupyter/safeai_gateway.py"],
        "oauth_no_confirm": True,
    }]

The Hub passes the service's URL, prefix (`/services/safeai/`), API token and OAuth
client in the environment; this module turns them into a Jupyter server that
identifies every request as a Hub user (`hub_auth.HubIdentityProvider`), authorises
by Hub scopes (`hub_auth.HubScopeAuthorizer`) and loads no extension but this one.
Its audit log, file mode 0600, belongs to the account the service runs as.
"""

from __future__ import annotations

import os
import sys
import tempfile
from urllib.parse import urlsplit

from jupyter_server.serverapp import ServerApp
from traitlets import default


class GatewayServerApp(ServerApp):
    """A Jupyter server with only the SafeAI extension, Hub auth and no notebook of its own."""

    name = "jupyter-safeai-gateway"
    description = "The SafeAI gateway: approved models, policy and audit for a JupyterHub."

    @default("identity_provider_class")
    def _hub_identity(self) -> type:
        from .hub_auth import HubIdentityProvider

        return HubIdentityProvider

    @default("authorizer_class")
    def _hub_authorizer(self) -> type:
        from .hub_auth import HubScopeAuthorizer

        return HubScopeAuthorizer

    def find_server_extensions(self) -> None:
        """Only SafeAI: no JupyterLab, no other extension's routes on the gateway."""
        self.jpserver_extensions = {"jupyter_safeai": True}
        self.config.ServerApp.jpserver_extensions = {"jupyter_safeai": True}


def service_argv(environ: dict[str, str]) -> list[str]:
    """Command-line settings from the Hub's environment for a managed service."""
    argv = ["--SafeAI.gateway_mode=True", "--ServerApp.open_browser=False",
            "--ServerApp.default_url=/safeai/me",
            "--ServerApp.terminals_enabled=False",
            # No notebook lives here: an empty, private directory as the root.
            f"--ServerApp.root_dir={tempfile.mkdtemp(prefix='safeai-gateway-')}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers, CI: the Hub runs as root
        argv.append("--ServerApp.allow_root=True")
    url = environ.get("JUPYTERHUB_SERVICE_URL")
    if url:
        parts = urlsplit(url)
        argv += [f"--ServerApp.ip={parts.hostname or '127.0.0.1'}",
                 f"--ServerApp.port={parts.port or 80}", "--ServerApp.port_retries=0"]
    prefix = environ.get("JUPYTERHUB_SERVICE_PREFIX")
    if prefix:
        argv.append(f"--ServerApp.base_url={prefix}")
    name = environ.get("JUPYTERHUB_SERVICE_NAME")
    if name:
        argv.append(f"--HubScopeAuthorizer.service_name={name}")
    return argv


def main(argv: list[str] | None = None) -> None:
    """Run the gateway; `--config FILE` names the admin's `c.SafeAI` settings."""
    args = list(sys.argv[1:] if argv is None else argv)
    if "--config" in args:  # also accept `--config FILE` (traitlets wants `--config=FILE`)
        i = args.index("--config")
        args[i:i + 2] = [f"--ServerApp.config_file={args[i + 1]}"]
    os.umask(0o077)  # the audit log and anything else written here: the service's own
    GatewayServerApp.launch_instance(argv=service_argv(dict(os.environ)) + args)


if __name__ == "__main__":
    main()
