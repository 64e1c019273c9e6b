"""The recognizers the engine runs, where each came from, and how admins add their own.

The engine asks a `RecognizerRegistry` for its recognizers instead of naming the
families itself (presidio's registry, detect-secrets' plugin discovery). Besides the
built-in families, a registry takes:

* recognizers a package offers under the entry-point group `jupyter_safeai.recognizers`
  (an object with `name` and `find(text)`, a sequence of them, or a callable returning
  either), and
* token rules from small TOML files (`[[rule]]` tables with `id`, `regex`, `entity`,
  `description`, `keywords`, `entropy`, `allow`, `sample_token`, `samples`,
  `not_secrets`; see `secrets.rules.TokenRule`, and the package's own table
  `secrets/vendors.toml`) named by `JUPYTER_SAFEAI_RULES` (paths joined with
  `os.pathsep`) or found as `safeai-rules/*.toml` in the Jupyter config path.

A rule file or plugin that cannot be loaded raises `RuleError`: the scanner is then not
built, and the gate fails closed rather than scanning with fewer rules than configured.
`describe()` lists what is active (id, entity, category, source) for `jupyter safeai rules`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path

from .entities import ENTITIES
from .recognizer import PatternRecognizer, Recognizer
from .start_index import StartIndex, mergeable
from .toml_files import parse_toml

ENTRY_POINT_GROUP = "jupyter_safeai.recognizers"
RULES_ENV = "JUPYTER_SAFEAI_RULES"
RULES_DIR = "safeai-rules"


class RuleError(ValueError):
    """A rule file or recognizer plugin is broken; scanning must not go on without it."""


@dataclass(frozen=True)
class RuleInfo:
    """One active recognizer as an admin sees it."""

    id: str
    entities: tuple[str, ...]
    categories: tuple[str, ...]
    source: str
    description: str = ""


def entities_of(recognizer: object) -> tuple[str, ...]:
    """The entity labels a recognizer declares (`entity` or `entities`)."""
    entity = getattr(recognizer, "entity", None)
    if isinstance(entity, str):
        return (entity,)
    return tuple(getattr(recognizer, "entities", ()))


class RecognizerRegistry:
    """An ordered list of recognizers, each with where it came from. Names are unique
    unless a caller hands over its own list (tests run one recognizer twice)."""

    def __init__(self) -> None:
        self._entries: list[tuple[Recognizer, str]] = []

    def add(self, recognizer: Recognizer, source: str = "builtin", *, unique: bool = True
            ) -> None:
        name = getattr(recognizer, "name", None)
        if not isinstance(name, str) or not callable(getattr(recognizer, "find", None)):
            raise RuleError(f"{source}: a recognizer needs a `name` and a `find(text)`")
        for known, known_source in self._entries if unique else ():
            if known.name == name:
                raise RuleError(f"{source}: recognizer {name!r} is already registered "
                                f"(from {known_source})")
        for entity in entities_of(recognizer):
            if entity not in ENTITIES:
                raise RuleError(f"{source}: {name}: unknown entity {entity!r}")
        self._entries.append((recognizer, source))

    def add_all(self, recognizers: Iterable[Recognizer], source: str = "builtin", *,
                unique: bool = True) -> None:
        for recognizer in recognizers:
            self.add(recognizer, source, unique=unique)

    def remove(self, name: str) -> None:
        self._entries = [(r, s) for r, s in self._entries if r.name != name]

    def __iter__(self) -> Iterator[Recognizer]:
        return (recognizer for recognizer, _ in self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def recognizers(self) -> tuple[Recognizer, ...]:
        return tuple(self)

    def load_entry_points(self, group: str = ENTRY_POINT_GROUP) -> None:
        """Add the recognizers installed packages offer under `group`."""
        if not _declared(group):
            return
        for point in entry_points(group=group):
            source = f"entry point {point.name} ({point.value})"
            try:
                offered = point.load()
                if callable(offered) and not hasattr(offered, "find"):
                    offered = offered()
            except Exception as error:  # a plugin's own bug; reported by type only
                raise RuleError(f"{source}: cannot be loaded ({type(error).__name__})") from None
            self.add_all([offered] if hasattr(offered, "find") else offered, source)

    def load_rule_file(self, path: Path) -> None:
        """Add the token rules of one TOML file (each checked against its own samples),
        read as the package reads its own vendor table (`secrets.rules.rules_of`)."""
        from .secrets.rules import rules_of

        source = f"rule file {path}"
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise RuleError(f"{source}: {type(error).__name__}") from None
        try:
            rules = rules_of(parse_toml(text))
        except (TypeError, ValueError) as error:
            raise RuleError(f"{source}: {error}") from None
        for rule in rules:
            problems = rule.check_samples()
            if problems:
                raise RuleError(f"{source}: {rule.id}: " + "; ".join(problems))
            self.add(rule.recognizer(), source)

    def describe(self) -> list[RuleInfo]:
        """Every active recognizer: id, entities, categories, source, description."""
        return [_info(recognizer, source) for recognizer, source in self._entries]

    def runnable(self) -> tuple[Recognizer, ...]:
        """What the engine runs: the recognizers in order, those tried only at their
        literal starts merged into one `StartIndex` (one search finds the starts of all
        of them) where the first of them stands. Their findings are the same."""
        merged = [r for r in self if mergeable(r)]
        if len(merged) < 2:
            return self.recognizers
        index, ids = StartIndex(merged), {id(r) for r in merged}
        runs: list[Recognizer] = []
        for recognizer in self:
            if id(recognizer) not in ids:
                runs.append(recognizer)
            elif index not in runs:
                runs.append(index)
        return tuple(runs)


def _info(recognizer: Recognizer, source: str) -> RuleInfo:
    entities = entities_of(recognizer)
    categories = tuple(sorted({ENTITIES[e][0] for e in entities}))
    doc = getattr(recognizer, "description", "") or (type(recognizer).__doc__ or "")
    if isinstance(recognizer, PatternRecognizer) and not recognizer.description:
        doc = ENTITIES[recognizer.entity][1]
    return RuleInfo(recognizer.name, entities, categories, source, " ".join(doc.split()[:24]))


def _declared(group: str) -> bool:
    """Whether an installed distribution names `group` in its entry_points.txt: reading
    those few files is many times cheaper than `importlib.metadata`'s discovery (which
    parses every distribution's metadata), and most installations have no plugin."""
    needle = f"[{group}]"
    for folder in dict.fromkeys(sys.path):
        try:
            files = [*Path(folder or ".").glob("*.dist-info/entry_points.txt"),
                     *Path(folder or ".").glob("*.egg-info/entry_points.txt")]
        except OSError:
            continue
        for path in files:
            try:
                if needle in path.read_text(encoding="utf-8", errors="replace"):
                    return True
            except OSError:
                continue
    return False


def rule_files(environ: dict[str, str] | None = None) -> list[Path]:
    """The rule files an admin or user configured: `$JUPYTER_SAFEAI_RULES`, then
    `safeai-rules/*.toml` in each Jupyter config directory."""
    environ = dict(os.environ) if environ is None else environ
    files = [Path(p) for p in environ.get(RULES_ENV, "").split(os.pathsep) if p]
    try:
        from jupyter_core.paths import jupyter_config_path
    except ImportError:  # kernels without jupyter_core read the variable only
        return files
    for directory in jupyter_config_path():
        files.extend(sorted((Path(directory) / RULES_DIR).glob("*.toml")))
    return files


def builtin_recognizers(ner: bool = True) -> tuple[Recognizer, ...]:
    """The recognizer families of the package, in the order the engine runs them."""
    from .address_blocks import AddressBlockRecognizer
    from .card_context import LABELLED_CARD
    from .case_numbers import CASE_NUMBER_RECOGNIZERS
    from .concat import ConcatenatedSecretRecognizer
    from .contact import CONTACT_RECOGNIZERS
    from .contact_blocks import ContactBlockNameRecognizer
    from .dates import DATE_RECOGNIZERS
    from .facilities import FacilityRecognizer
    from .genomic import GENOMIC_RECOGNIZERS
    from .identifiers import IDENTIFIER_RECOGNIZERS
    from .labelled import LabelledNumberRecognizer
    from .loose_names import LooseNameRecognizer
    from .loose_secrets import LooseSecretRecognizer
    from .names import NameRecognizer
    from .nlp import PersonNer
    from .phones import PHONE_RECOGNIZERS
    from .places import PLACE_RECOGNIZERS
    from .records import RecordRecognizer
    from .secrets import SECRET_RECOGNIZERS
    from .speakers import SpeakerRecognizer
    from .tables import TextTableRecognizer

    return (*SECRET_RECOGNIZERS, *GENOMIC_RECOGNIZERS, *CONTACT_RECOGNIZERS, *PHONE_RECOGNIZERS,
            *IDENTIFIER_RECOGNIZERS, *CASE_NUMBER_RECOGNIZERS, *DATE_RECOGNIZERS,
            *PLACE_RECOGNIZERS,
            AddressBlockRecognizer(), LABELLED_CARD, ContactBlockNameRecognizer(),
            FacilityRecognizer(), SpeakerRecognizer(),
            TextTableRecognizer(), NameRecognizer(confirm=PersonNer() if ner else None),
            LabelledNumberRecognizer(), LooseNameRecognizer(), RecordRecognizer(),
            ConcatenatedSecretRecognizer(), LooseSecretRecognizer())


def default_registry(ner: bool = True, *, plugins: bool = True,
                     files: Iterable[Path] | None = None) -> RecognizerRegistry:
    """The built-in recognizers, then installed plugins, then configured rule files."""
    registry = RecognizerRegistry()
    registry.add_all(builtin_recognizers(ner))
    if plugins:
        registry.load_entry_points()
    for path in rule_files() if files is None else files:
        registry.load_rule_file(path)
    return registry


def rules_listing(infos: Iterable[RuleInfo], fmt: str = "table") -> str:
    """The active rules as `jupyter safeai rules` prints them (table or JSON lines)."""
    import json

    rows = list(infos)
    if fmt == "json":
        return "\n".join(json.dumps({"id": r.id, "entities": list(r.entities),
                                     "categories": list(r.categories), "source": r.source,
                                     "description": r.description}) for r in rows)
    table = [("ID", "ENTITY", "CATEGORY", "SOURCE")] + [
        (r.id, _entities_cell(r.entities), ",".join(r.categories) or "-", r.source)
        for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(3)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row[:3], widths, strict=True))
             + "  " + row[3] for row in table]
    return "\n".join(lines) + f"\n{len(rows)} recognizers"


def _entities_cell(entities: tuple[str, ...]) -> str:
    if len(entities) <= 3:
        return ",".join(entities) or "-"
    return ",".join(entities[:2]) + f",+{len(entities) - 2} more"
