"""The frontend's categories and modes are written in TypeScript (`js/src/api.ts`) and in
the settings schema (`js/schema/plugin.json`), which cannot import Python: this test
holds them to the server's, in the server's order (strictness order for modes)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from jupyter_safeai.policy import CATEGORIES, Mode

JS = Path(__file__).resolve().parents[2] / "js"
MODES_BY_STRICTNESS = [mode.value for mode in sorted(Mode, key=lambda m: m.strictness)]


def ts_list(name: str) -> list[str]:
    """The strings of `export const NAME = [...] as const;` in api.ts."""
    source = (JS / "src" / "api.ts").read_text()
    match = re.search(rf"export const {name} = \[([^\]]*)\] as const;", source)
    assert match, f"api.ts has no `export const {name} = [...] as const`"
    return re.findall(r"'([^']*)'", match.group(1))


def test_typescript_lists_the_servers_categories_and_modes_in_order() -> None:
    assert ts_list("CATEGORIES") == list(CATEGORIES)
    assert ts_list("MODES") == MODES_BY_STRICTNESS


def test_the_settings_schema_offers_each_category_and_mode() -> None:
    schema = json.loads((JS / "schema" / "plugin.json").read_text())
    per_category = schema["properties"]["defaultMode"]
    assert list(per_category["properties"]) == list(CATEGORIES)
    assert list(per_category["default"]) == list(CATEGORIES)
    offered = [choice["const"] for choice in schema["definitions"]["mode"]["oneOf"]]
    assert offered == ["", *MODES_BY_STRICTNESS]
