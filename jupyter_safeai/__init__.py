"""jupyter-safeai: a notebook AI assistant that scans every prompt before it leaves.

One package serves three places: the Jupyter server extension (models, the
enforcing gate), the IPython kernel extension (`%%safe_ai`) and the scanning
library they share.
"""

from __future__ import annotations

from typing import Any

from . import scan as _scan
from .scan import Finding, Vault, redact, scan_dataframe, scan_text

try:
    from ._version import __version__
except ImportError:  # running from a source tree that was never built
    __version__ = "0.0.0"

__all__ = [
    "Finding",
    "RiskReport",
    "Vault",
    "__version__",
    "redact",
    "reidentification_risk",
    "scan_dataframe",
    "scan_text",
]


#: `RiskReport` and `reidentification_risk` need pandas: imported when first asked for.
__getattr__ = _scan.__getattr__


def _jupyter_labextension_paths() -> list[dict[str, str]]:
    return [{"src": "labextension", "dest": "jupyter-safeai"}]


def _jupyter_server_extension_points() -> list[dict[str, Any]]:
    from .server.app import SafeAIExtension

    return [{"module": "jupyter_safeai", "app": SafeAIExtension}]


def load_ipython_extension(ipython: Any) -> None:
    """`%load_ext jupyter_safeai` registers the `%%safe_ai` magic."""
    from .kernel.magics import SafeAIMagics

    ipython.register_magics(SafeAIMagics)
