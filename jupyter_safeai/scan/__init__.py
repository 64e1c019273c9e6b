"""The scanning library: one engine for the kernel, the server, the sidebar and the CLI."""

from typing import Any

from .dataframe import scan_dataframe
from .engine import ScanError, Scanner, ScanTimeout, ScanTooLarge, default_scanner, scan_text
from .entities import ENTITIES, category_of
from .finding import Category, Finding
from .redact import Vault, redact

__all__ = [
    "ENTITIES",
    "Category",
    "Finding",
    "RiskReport",
    "ScanError",
    "ScanTimeout",
    "ScanTooLarge",
    "Scanner",
    "Vault",
    "category_of",
    "default_scanner",
    "redact",
    "reidentification_risk",
    "scan_dataframe",
    "scan_text",
]


def __getattr__(name: str) -> Any:
    """Table risk needs pandas; import it only when asked, to keep kernels light."""
    if name in {"RiskReport", "reidentification_risk"}:
        from . import risk

        return getattr(risk, name)
    raise AttributeError(name)
