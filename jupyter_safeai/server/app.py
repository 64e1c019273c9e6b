"""The Jupyter server extension: wires admin settings, models, audit log and handlers."""

from __future__ import annotations

import threading

from jupyter_server.extension.application import ExtensionApp
from tornado.ioloop import PeriodicCallback
from traitlets import TraitError

from ..models import ModelConfigError, ModelService
from ..scan import default_scanner
from .baseline import BaselineHandler
from .completions import CompletionHandler
from .handlers import ChatHandler, ModelsHandler, PolicyHandler, ScanHandler, WarningsHandler
from .settings import SafeAI
from .warnings import WarningStore

Routes = list[tuple[str, type]]


def local_routes() -> Routes:
    """A user's own server with its own models (no gateway)."""
    return [
        (r"/safeai/models", ModelsHandler),
        (r"/safeai/policy", PolicyHandler),
        (r"/safeai/scan", ScanHandler),
        (r"/safeai/chat", ChatHandler),
        (r"/safeai/warnings", WarningsHandler),
        (r"/safeai/baseline", BaselineHandler),
        (r"/safeai/complete", CompletionHandler),
    ]


def client_routes() -> Routes:
    """A user's server in front of the gateway (`c.SafeAI.gateway_url`)."""
    from .forwarded_completions import ForwardedCompletionHandler
    from .forwarding import (
        ForwardedChatHandler,
        ForwardedModelsHandler,
        ForwardedPolicyHandler,
        ForwardedScanHandler,
    )

    return [
        (r"/safeai/models", ForwardedModelsHandler),
        (r"/safeai/policy", ForwardedPolicyHandler),
        (r"/safeai/scan", ForwardedScanHandler),
        (r"/safeai/chat", ForwardedChatHandler),
        (r"/safeai/complete", ForwardedCompletionHandler),
        # the user's own notebooks: their warnings and accepted findings stay here
        (r"/safeai/warnings", WarningsHandler),
        (r"/safeai/baseline", BaselineHandler),
    ]


def gateway_routes(hub_auth: bool) -> Routes:
    """The admin's gateway (`jupyter-safeai-gateway`); `/safeai/me` with Hub auth.
    Many users share it: warnings belong in each user's own server."""
    from .reports import ReportHandler

    who: Routes = []
    if hub_auth:
        from .hub_auth import WhoAmIHandler

        who = [(r"/safeai/me", WhoAmIHandler)]
    return [
        (r"/safeai/models", ModelsHandler),
        (r"/safeai/policy", PolicyHandler),
        (r"/safeai/scan", ScanHandler),
        (r"/safeai/chat", ChatHandler),
        (r"/safeai/complete", CompletionHandler),
        (r"/safeai/reports", ReportHandler),
        *who,
    ]


def warm_up_scanner() -> None:
    """Load the default scanner's NER model (`NameRecognizer.load_ner`) and run one
    scan, so the first prompt pays neither. A failed load raises here, and again at
    every scan that needs NER (at once for `nlp.RETRY_LOAD_AFTER_S`, then after a new
    try): that scan fails, and its prompt is not sent."""
    scanner = default_scanner()
    for recognizer in scanner.recognizers:
        load_ner = getattr(recognizer, "load_ner", None)
        if load_ner is not None:
            load_ner()
    scanner.scan("Wang Xiaoming.")


class SafeAIExtension(ExtensionApp):
    name = "jupyter_safeai"

    def initialize_settings(self) -> None:
        error: str | None = None
        try:
            settings = SafeAI(parent=self.serverapp, config=self.serverapp.config)
        except TraitError as exc:
            # Bad admin configuration disables the assistant, never the Jupyter server.
            # Defaults without a parent: a parent would hand the same bad config again.
            settings, error = SafeAI(), str(exc)
        models: ModelService | None = None
        if error is None and settings.gateway_url:
            # A client of the admin's gateway: no local model, the gateway's floor.
            self.safeai, self.models = settings, None
            self.settings.update(safeai=settings, safeai_models=None,
                                 safeai_config_error="models are served by the gateway",
                                 safeai_gateway=self._gateway_client(settings),
                                 safeai_warnings=WarningStore())
            self._init_audit(settings)
            return
        if error is None:
            try:
                models = ModelService.from_config(
                    settings.approved_models, settings.default_model,
                    settings.n_threads or None, settings.max_waiting,
                    settings.completion_n_threads or None)
            except ModelConfigError as exc:
                error = str(exc)
        if error is not None:
            self.log.error("safeai: configuration error, assistant disabled: %s", error)
        self.safeai, self.models = settings, models
        self.settings.update(safeai=settings, safeai_models=models, safeai_config_error=error,
                             safeai_warnings=WarningStore())
        self._init_audit(settings)

    def _gateway_client(self, settings: SafeAI) -> object:
        from .gateway_client import GatewayClient

        self.log.info("safeai: a client of the gateway at %s; no local model is loaded",
                      settings.gateway_url)
        return GatewayClient(settings.gateway_url, settings.gateway_token_env)

    def _init_audit(self, settings: SafeAI) -> None:
        from .audit import AuditLog, AuditLogError, default_audit_path
        from .events import emit_audit_event, register_audit_events

        try:
            log = AuditLog(settings.audit_log or default_audit_path())
        except (AuditLogError, OSError) as exc:
            # No audit, no prompts: refuse chat until an admin repairs or moves the log.
            error = f"audit log unusable ({exc})"
            self.log.error("safeai: %s; assistant disabled", error)
            self.models = None
            self.settings.update(safeai_models=None, safeai_config_error=error)
            return
        event_logger = getattr(self.serverapp, "event_logger", None)
        if event_logger is not None:
            register_audit_events(event_logger)

        def emit(record: dict) -> None:
            if event_logger is not None:
                emit_audit_event(event_logger, record)

        self.settings.update(safeai_audit=log, safeai_emit=emit)

    def initialize_handlers(self) -> None:
        if self.safeai.gateway_url and self.settings.get("safeai_gateway") is not None:
            self.handlers.extend(client_routes())
        elif self.safeai.gateway_mode:
            self.handlers.extend(gateway_routes(
                self.serverapp.identity_provider_class.__module__.endswith("hub_auth")))
        else:
            self.handlers.extend(local_routes())

    async def _start_jupyter_server_extension(self, serverapp) -> None:  # noqa: ANN001
        if self.models is not None:
            self.models.start_background_checks(self.safeai.preload_default_model)
        # Build the scanner (name lists, NER model) off the event loop, so the first
        # prompt is not the one that pays for it.
        threading.Thread(target=warm_up_scanner, name="safeai-scanner-warm-up",
                         daemon=True).start()
        idle = self.safeai.idle_unload_seconds
        if self.models is not None and idle > 0:
            models = self.models
            self._unloader = PeriodicCallback(lambda: models.unload_idle(idle),
                                              min(60_000, idle * 1000))
            self._unloader.start()

    async def stop_extension(self) -> None:
        gateway = self.settings.get("safeai_gateway")
        if gateway is not None:
            gateway.close()
        unloader = getattr(self, "_unloader", None)
        if unloader is not None:
            unloader.stop()
        if self.models is not None:
            self.models.close()
