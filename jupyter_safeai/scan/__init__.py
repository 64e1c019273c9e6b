"""The scanning library: one engine for the kernel, the server, the sidebar and the CLI."""

from .engine import scan_text
from .finding import Category, Finding

__all__ = ["Category", "Finding", "scan_text"]
