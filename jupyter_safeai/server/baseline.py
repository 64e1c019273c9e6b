"""`/safeai/baseline`: the sidebar's "Not sensitive here", written where the CLI reads it.

A finding a researcher accepts in a markdown cell or an output is recorded in the
`.safeai-baseline.json` beside the notebook — the same file, format and code
(`scan.allow.Baseline`) as `jupyter safeai scan --baseline`, so the panel and the CLI
agree on what was accepted. The browser sends each finding's label and hash
(sha256 of `ENTITY:value`), never the value. Categories in `never_accept` are refused.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..scan.allow import BASELINE_FILE, Baseline, BaselineEntry
from ..scan.entities import ENTITIES
from .handlers import SafeAIHandler

MAX_ENTRIES_PER_REQUEST = 1000


def _optional_int(value: object, name: str) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise web.HTTPError(400, f"'{name}' must be a non-negative integer or null")
    return value


class BaselineHandler(SafeAIHandler):
    """GET: a notebook's accepted findings (label, hash, line, cell). POST: accept more."""

    def _files(self, path: object) -> tuple[Path, str]:
        """The baseline file beside notebook `path` (relative to the server root) and the
        notebook's name as the baseline records it (relative to the baseline's folder)."""
        if not isinstance(path, str) or not path.strip():
            raise web.HTTPError(400, "'path' (the notebook's path) is required")
        outside = web.HTTPError(400, "'path' must be a file inside the server's root")
        if any(ord(ch) < 32 for ch in path):
            raise outside
        rel = PurePosixPath(path.lstrip("/"))
        if rel.is_absolute() or ".." in rel.parts or not rel.name or rel.name == BASELINE_FILE:
            raise outside
        root = Path(self.settings.get("server_root_dir", ".")).expanduser().resolve()
        try:
            folder = (root / rel).parent.resolve()
        except (OSError, ValueError):
            raise outside from None
        if folder != root and root not in folder.parents:
            raise outside
        return folder / BASELINE_FILE, rel.name

    def _load(self, file: Path) -> Baseline:
        try:
            exists = file.is_file()
        except OSError:  # a name too long for the file system, say
            raise web.HTTPError(400, "'path' cannot be used on this file system") from None
        if not exists:
            return Baseline((), file)
        try:
            return Baseline.load(file)
        except (OSError, ValueError) as exc:
            # The reason names the file and what is wrong with it, never a value.
            raise web.HTTPError(409, f"{BASELINE_FILE} is unusable: {exc}") from None

    @staticmethod
    def _entries(baseline: Baseline, name: str) -> list[dict[str, object]]:
        return [{k: v for k, v in e.to_dict().items() if k != "path"}
                for e in baseline.entries if e.path == name]

    @web.authenticated
    @authorized
    def get(self) -> None:
        file, name = self._files(self.get_query_argument("path", None))
        baseline = self._load(file)
        self.finish({"file": BASELINE_FILE, "entries": self._entries(baseline, name)})

    @web.authenticated
    @authorized
    def post(self) -> None:
        # Synchronous on purpose: a read-modify-write that no other request interleaves.
        body: Any = self.get_json_body()
        if not isinstance(body, dict):
            raise web.HTTPError(400, "Body must be a JSON object")
        file, name = self._files(body.get("path"))
        try:
            notebook = (file.parent / name).is_file()
        except OSError:
            notebook = False
        if not notebook:
            raise web.HTTPError(404, "no such notebook: accept findings of a saved file")
        items = body.get("entries")
        if not isinstance(items, list) or not items or len(items) > MAX_ENTRIES_PER_REQUEST:
            raise web.HTTPError(400, f"'entries' must be a list of 1 to "
                                f"{MAX_ENTRIES_PER_REQUEST} findings")
        forbidden = set(self.safeai.never_accept)
        fresh = []
        for item in items:
            if not isinstance(item, dict):
                raise web.HTTPError(400, "each entry must be an object")
            entity = item.get("entity")
            if not isinstance(entity, str) or entity not in ENTITIES:
                raise web.HTTPError(400, "'entity' must be a known entity label")
            category = ENTITIES[entity][0]
            if category in forbidden:
                raise web.HTTPError(403, f"{entity} ({category}) cannot be accepted: the "
                                    f"administrator lists '{category}' in never_accept")
            try:
                fresh.append(BaselineEntry.from_dict({
                    "path": name, "entity": entity, "hash": item.get("hash"),
                    "line": _optional_int(item.get("line"), "line"),
                    "cell": _optional_int(item.get("cell"), "cell")}))
            except ValueError:
                raise web.HTTPError(400, "'hash' must be a sha256 hex digest") from None
        old = self._load(file)
        merged = Baseline(old.entries + tuple(fresh), file)
        try:
            merged.save()
        except OSError as exc:
            raise web.HTTPError(500, f"cannot write {BASELINE_FILE} "
                                f"({type(exc).__name__})") from None
        self.finish({"file": BASELINE_FILE, "entries": self._entries(merged, name)})
