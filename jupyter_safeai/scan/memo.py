"""What the recognizers remember between calls, owned by the `Scanner` that runs them.

Recognizers ask the same questions again and again: a word's name kind, whether a line is
a citation, whether a text is Python. The answers are kept here, in the `Memo` of the
scanner whose scan is running, rather than in module-level caches, so that what a user
typed is kept no longer than its owner decides, and never past a scan but as single words:

- `memoised` functions keep their answers across scans, bounded, in the active `Memo`;
  only answers about words (string arguments without blanks or digits, `WORD_CHARS` at
  most) are kept there; an answer about more than a word, or about a number (a phone,
  an MRN, a date) only for the running scan;
- `per_scan` functions (those asked about a whole text) keep their answers only for the
  running scan;
- `table(owner)` is a dict an object keeps facts about words in (`NameRecognizer`'s
  kinds of words), in the active `Memo`;
- `share(view)` / `shared()`: the one object the engine hands every reader of the running
  scan (`scan_view.ScanView`: its text lower-cased, where label words start), dropped
  when the scan ends.

With no scan running (a test, a recognizer called directly) each call just computes.
The active scan is a `ContextVar`: a thread or task sees only the scan it runs itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from functools import wraps
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

#: The longest string argument whose answer outlives a scan: a word, not a line.
WORD_CHARS = 64
#: What no word kept past a scan holds: a blank or punctuation (more than a word: an
#: address, a URL, `user:pass`) or a digit (a number, an identifier, a key).
_not_a_word = re.compile(r"[^\w'’-]|\d").search
_MISSING = object()


class Memo:
    """Bounded caches of pure functions and per-word tables of objects, for one owner
    (a `Scanner`): each is emptied when it grows to its bound, all by `forget`."""

    def __init__(self) -> None:
        self._caches: dict[Callable[..., Any], dict[tuple[Any, ...], Any]] = {}
        self._tables: dict[int, tuple[object, dict[Any, Any]]] = {}

    def scan(self) -> _Scan:
        """`with memo.scan():` makes this memo the active one (in this context) for one
        scan; what the scan kept about whole texts is dropped when it ends."""
        return _Scan(self)

    def table(self, owner: object) -> dict[Any, Any]:
        """The dict `owner` keeps its facts about words in; `owner` bounds it."""
        entry = self._tables.get(id(owner))
        if entry is None or entry[0] is not owner:
            entry = self._tables[id(owner)] = (owner, _WordTable())
        return entry[1]

    def forget(self) -> None:
        """Empty every cache and table (a scan running meanwhile in another thread may
        keep words of its own text again)."""
        self._caches.clear()
        self._tables.clear()

    def held(self) -> Iterator[Any]:
        """Every argument and word kept (for tests: what would outlive a scan)."""
        for cache in list(self._caches.values()):
            for arguments in list(cache):
                yield from arguments
        for _, words in list(self._tables.values()):
            yield from list(words)

    def __len__(self) -> int:
        return (sum(len(c) for c in self._caches.values())
                + sum(len(t) for _, t in self._tables.values()))


class _WordTable(dict):  # type: ignore[type-arg]
    """A dict that keeps only facts about words: a longer key is not kept (its fact is
    worked out again when asked)."""

    def __setitem__(self, key: Any, value: Any) -> None:
        if not _more_than_a_word((key,)):
            super().__setitem__(key, value)


class _Scan:
    """The running scan: its memo and the caches that end with it."""

    __slots__ = ("memo", "lasting", "caches", "view", "_token")

    def __init__(self, memo: Memo) -> None:
        self.memo = memo
        self.lasting = memo._caches
        self.caches: dict[Callable[..., Any], dict[tuple[Any, ...], Any]] = {}
        self.view: object = None

    def __enter__(self) -> None:
        self._token = _ACTIVE.set(self)

    def __exit__(self, *_: object) -> None:
        _ACTIVE.reset(self._token)
        self.caches.clear()
        self.view = None


_ACTIVE: ContextVar[_Scan | None] = ContextVar("jupyter_safeai_scan_memo", default=None)


def _more_than_a_word(arguments: tuple[Any, ...]) -> bool:
    return any(argument.__class__ is str and (len(argument) > WORD_CHARS or _not_a_word(argument))
               for argument in arguments)


def _keep(caches: dict[Callable[..., Any], dict[tuple[Any, ...], Any]],
          function: Callable[..., Any], maxsize: int, arguments: tuple[Any, ...],
          answer: Any) -> None:
    cache = caches.get(function)
    if cache is None:
        cache = caches[function] = {}
    if len(cache) >= maxsize:
        cache.clear()
    cache[arguments] = answer


def _lasting(function: F, maxsize: int) -> F:
    """`function` remembered in the active memo (arguments that are words) or for the
    running scan (others). Only a miss asks which: another argument is never in the memo."""
    @wraps(function)
    def remembered(*arguments: Any) -> Any:
        scan = _ACTIVE.get()
        if scan is None:
            return function(*arguments)
        # the lasting cache, then this scan's: a hit (most calls) costs no further call
        cache = scan.lasting.get(function)
        answer = _MISSING if cache is None else cache.get(arguments, _MISSING)
        if answer is _MISSING:
            cache = scan.caches.get(function)
            answer = _MISSING if cache is None else cache.get(arguments, _MISSING)
        if answer is _MISSING:
            answer = function(*arguments)
            _keep(scan.caches if _more_than_a_word(arguments) else scan.lasting,
                  function, maxsize, arguments, answer)
        return answer

    return remembered  # type: ignore[return-value]


def _this_scan(function: F, maxsize: int) -> F:
    """`function` remembered for the running scan only."""
    @wraps(function)
    def remembered(*arguments: Any) -> Any:
        scan = _ACTIVE.get()
        if scan is None:
            return function(*arguments)
        cache = scan.caches.get(function)
        answer = _MISSING if cache is None else cache.get(arguments, _MISSING)
        if answer is _MISSING:
            answer = function(*arguments)
            _keep(scan.caches, function, maxsize, arguments, answer)
        return answer

    return remembered  # type: ignore[return-value]


def memoised(maxsize: int) -> Callable[[F], F]:
    """Remember a pure function's answers (hashable positional arguments) in the active
    memo, across scans for words, for the running scan otherwise; `maxsize` per cache."""
    return lambda function: _lasting(function, maxsize)


def per_scan(maxsize: int) -> Callable[[F], F]:
    """Remember a pure function's answers for the running scan only: for functions of a
    whole text, which must not outlive its scan."""
    return lambda function: _this_scan(function, maxsize)


def table(owner: object) -> dict[Any, Any]:
    """`owner`'s dict of facts about words in the active memo; with no scan running, a
    new empty dict (facts worked out and dropped)."""
    scan = _ACTIVE.get()
    if scan is None:
        return {}
    entry = scan.memo._tables.get(id(owner))
    return entry[1] if entry is not None and entry[0] is owner else scan.memo.table(owner)


def share(view: object) -> None:
    """Hand `view` to every reader of the running scan (`shared`); with no scan running,
    nothing is kept."""
    scan = _ACTIVE.get()
    if scan is not None:
        scan.view = view


def shared() -> object:
    """What the running scan shares with its readers (`share`); None with no scan running
    or nothing shared."""
    scan = _ACTIVE.get()
    return None if scan is None else scan.view
