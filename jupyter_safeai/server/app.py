"""The Jupyter server extension: wires admin settings, the model service and the handlers."""

from __future__ import annotations

import threading

from jupyter_server.extension.application import ExtensionApp

from ..models import ModelConfigError, ModelService
from ..scan import default_scanner
from .handlers import ChatHandler, ModelsHandler
from .settings import SafeAI


def warm_up_scanner() -> None:
    # A doubtful name pair makes the name recognizer load the NER model too.
    default_scanner().scan("Wang Xiaoming was admitted.")


class SafeAIExtension(ExtensionApp):
    name = "jupyter_safeai"

    def initialize_settings(self) -> None:
        settings = SafeAI(parent=self.serverapp, config=self.serverapp.config)
        self.safeai = settings
        try:
            models: ModelService | None = ModelService.from_config(
                settings.approved_models, settings.default_model, settings.n_threads or None
            )
            error = None
        except ModelConfigError as exc:
            # Bad admin configuration disables the assistant, never the Jupyter server.
            models, error = None, str(exc)
            self.log.error("safeai: configuration error, assistant disabled: %s", exc)
        self.models = models
        self.settings.update(
            safeai=settings, safeai_models=models, safeai_config_error=error
        )

    def initialize_handlers(self) -> None:
        self.handlers.extend([
            (r"/safeai/models", ModelsHandler),
            (r"/safeai/chat", ChatHandler),
        ])

    async def _start_jupyter_server_extension(self, serverapp) -> None:  # noqa: ANN001
        if self.models is not None and self.safeai.preload_default_model:
            self.models.preload()
        # Build the scanner (name lists, NER model) off the event loop, so the first
        # prompt is not the one that pays for it.
        threading.Thread(target=warm_up_scanner, name="safeai-scanner-warm-up",
                         daemon=True).start()

    async def stop_extension(self) -> None:
        if self.models is not None:
            self.models.close()
