"""What a scan or a recognizer finds in a text, written so a test can compare it at a
glance: the text under each finding, in the order found (as `place_text` joins a text's
places). One reader for every test, built from what finds and which entities it keeps."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from jupyter_safeai.scan import scan_text
from jupyter_safeai.scan.finding import Finding

#: What finds: `scan_text`, a `Scanner`'s `scan`, a recognizer's `find`.
Find = Callable[[str], Iterable[Finding]]


def _keeps(entities: tuple[str, ...], category: str | None
           ) -> Callable[[Finding, tuple[str, ...]], bool]:
    def kept(finding: Finding, only: tuple[str, ...]) -> bool:
        return ((not entities or finding.entity in entities)
                and (not only or finding.entity in only)
                and (category is None or finding.category == category))
    return kept


def texts_of(find: Find, *entities: str, category: str | None = None
             ) -> Callable[..., list[str]]:
    """A reader, `read(text, *only)`, of the text under each finding `find` makes in a
    text, in the order found: of `entities` (and of `only` among them) and of `category`,
    where given; every finding's where none is."""
    kept = _keeps(entities, category)

    def read(text: str, *only: str) -> list[str]:
        return [text[f.start:f.end] for f in find(text) if kept(f, only)]
    return read


def pairs_of(find: Find, *entities: str, category: str | None = None
             ) -> Callable[..., list[tuple[str, str]]]:
    """As `texts_of`, each text with its finding's entity: `(entity, text)`."""
    kept = _keeps(entities, category)

    def read(text: str, *only: str) -> list[tuple[str, str]]:
        return [(f.entity, text[f.start:f.end]) for f in find(text) if kept(f, only)]
    return read


#: The names the default scanner (`scan_text`) finds in a text.
persons = texts_of(scan_text, "PERSON")
