"""The scanner: every recognizer over a text, bounded, code-aware, overlaps resolved.

Order of work keeps the common case cheap: compiled patterns and name lists run on
every text; NER runs only when the name recognizer is in doubt about one sentence.
Inputs over `max_chars` are refused whole (`ScanTooLarge`), so a caller fails closed
with a clear reason instead of sending a text that was only partly read.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Collection, Iterable, Sequence
from functools import lru_cache
from operator import attrgetter

from . import memo
from .allow import apply_inline_allows
from .code import overlaps_any, python_identifier_spans
from .finding import Finding
from .memo import Memo
from .names import CONFIRMED_SCORE, NameRecognizer
from .normalise import TextView, normalise
from .recognizer import ContextWords, LabelIndex, PatternRecognizer, Recognizer
from .registry import RecognizerRegistry, default_registry
from .scan_view import ScanView

DEFAULT_MAX_CHARS = 2_000_000


class ScanError(RuntimeError):
    """The text could not be scanned in full; callers must not send it."""


class ScanTooLarge(ScanError):
    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"text too large to scan ({size:,} characters; limit {limit:,}): "
                         "not sent")
        self.size, self.limit = size, limit


class ScanTimeout(ScanError):
    def __init__(self, seconds: float) -> None:
        super().__init__(f"scan did not finish within {seconds:g} s: not sent")


#: Which category wins a tie of scores: secret > genomic > phi.
_RANK = {"secret": 2, "genomic": 1, "phi": 0}


def _strength(finding: Finding) -> tuple[float, int, int]:
    return -finding.score, -_RANK[finding.category], finding.start - finding.end


_position = attrgetter("start", "end")


def resolve_overlaps(findings: Iterable[Finding]) -> list[Finding]:
    """Keep the strongest of overlapping findings (secret > genomic > phi on ties,
    then the longer span), in text order."""
    starts: list[int] = []  # kept spans never overlap, so sorting by start sorts by end too
    ends: list[int] = []
    kept: list[Finding] = []
    where = bisect.bisect_right
    for finding in sorted(findings, key=_strength):
        start, end = finding.start, finding.end
        i = where(starts, start)
        if i and ends[i - 1] > start:  # overlaps the kept span starting before it
            continue
        if i < len(starts) and starts[i] < end:  # overlaps the one after it
            continue
        starts.insert(i, start)
        ends.insert(i, end)
        kept.append(finding)
    kept.sort(key=_position)
    return kept


class Scanner:
    """Owns the recognizers (and the lazily loaded NER model) of one process, and the
    memo of what they remember between calls (`memo.py`): answers about single words
    across scans, answers about whole texts for one scan only.

    It runs what its registry holds: by default the built-in families, installed
    plugins and configured rule files (`registry.default_registry`); a sequence of
    recognizers makes a registry of those alone.
    """

    def __init__(self, recognizers: Sequence[Recognizer] | RecognizerRegistry | None = None,
                 *, ner: bool = True, max_chars: int = DEFAULT_MAX_CHARS, timeout: float = 10.0,
                 forbidden_allow_categories: frozenset[str] = frozenset()) -> None:
        if recognizers is None:
            self.registry = default_registry(ner)
        elif isinstance(recognizers, RecognizerRegistry):
            self.registry = recognizers
        else:
            self.registry = RecognizerRegistry()
            self.registry.add_all(recognizers, "caller", unique=False)
        self.recognizers = self.registry.runnable()
        self._labels = _label_index(self.recognizers)  # one pass finds every label word
        self._loaded = False
        self.max_chars = max_chars
        self.timeout = timeout
        self.forbidden_allow_categories = forbidden_allow_categories
        self.memo = Memo()

    def forget(self) -> None:
        """Drop every word the recognizers remember across scans (bounded, but kept for
        the life of the scanner otherwise): for a caller that wants no trace of past
        prompts kept in memory (a session ends, a user signs out) or that changes what
        the recognizers read (their name or word lists) without building a new scanner.
        Findings do not change; the next scans are a little slower."""
        self.memo.forget()

    def load(self) -> None:
        """Load the name lists and word tables once; their one-time cost is not scan
        time. The NER model is loaded by the first doubtful name (`NameRecognizer.load`),
        within that scan's time."""
        if not self._loaded:
            for recognizer in self.recognizers:
                load = getattr(recognizer, "load", None)
                if load is not None:
                    load()
            self._loaded = True

    @staticmethod
    def _confirm_open(text: str, found: list[Finding], identifiers: list[tuple[int, int]],
                      doubts: list[tuple[NameRecognizer, list[tuple[int, int]]]]
                      ) -> list[Finding]:
        """NER's answers for the doubtful names it can still change. A confirmed name
        scores below every finding stronger than `CONFIRMED_SCORE`, so where one of
        those survives `resolve_overlaps` (an MRN, a name column of a table) or a code
        identifier stands, the confirmed name would be dropped: NER is not asked there.
        """
        settled = [(f.start, f.end)
                   for f in resolve_overlaps(f for f in found if f.score > CONFIRMED_SCORE)]
        confirmed: list[Finding] = []
        for recognizer, spans in doubts:
            open_spans = [(start, end) for start, end in spans
                          if not overlaps_any(settled, start, end)
                          and not overlaps_any(identifiers, start, end)]
            confirmed.extend(recognizer.confirmed(text, open_spans))
        return confirmed

    def scan(self, text: str, never_accept: Collection[str] | None = None) -> list[Finding]:
        """Findings in `text`; `never_accept` overrides the categories whose findings an
        inline `# safeai: allow` marker cannot accept (admin policy)."""
        with self.memo.scan():  # what is remembered of `text` as a whole ends with it
            return self._scan(text, never_accept)

    def _scan(self, text: str, never_accept: Collection[str] | None) -> list[Finding]:
        if not isinstance(text, str):
            raise TypeError(f"scan_text expects str, not {type(text).__name__}")
        if len(text) > self.max_chars:
            raise ScanTooLarge(len(text), self.max_chars)
        if not text.strip():
            return []
        self.load()
        deadline = time.monotonic() + self.timeout
        # Recognizers read the text as a person does (normalise.py); findings are mapped
        # back to what the user typed at the end.
        first = ScanView(text)  # the typed text's lower case: normalise reads it too
        memo.share(first)
        view = normalise(text)
        original, text = text, view.text
        identifiers = python_identifier_spans(text)
        # shared by the pattern recognizers' label searches; most texts read as typed
        lowered = first.lowered if text is original else text.lower()
        labels = self._labels.scan(text, lowered)
        memo.share(ScanView(text, lowered, labels))  # the same, for the other readers
        found: list[Finding] = []
        doubts: list[tuple[NameRecognizer, list[tuple[int, int]]]] = []
        for recognizer in self.recognizers:
            if isinstance(recognizer, PatternRecognizer):
                found.extend(recognizer.find(text, lowered, labels))
            elif isinstance(recognizer, NameRecognizer):
                # `find` in two halves: NER is asked below, once every other finding is in
                sure, doubtful = recognizer.find_sure(text)
                found.extend(sure)
                if doubtful:
                    doubts.append((recognizer, doubtful))
            else:
                found.extend(recognizer.find(text))
            if time.monotonic() > deadline:
                raise ScanTimeout(self.timeout)
        if identifiers:
            found = [f for f in found
                     if f.category != "phi" or not overlaps_any(identifiers, f.start, f.end)]
        if doubts and identifiers is None:
            # NER reads sentences: in Python source (its comments, its strings) it is
            # not asked, and only names the lists or a cue settle are found there.
            found.extend(self._confirm_open(text, found, [], doubts))
            if time.monotonic() > deadline:
                raise ScanTimeout(self.timeout)
        findings = resolve_overlaps(found)
        if not view.identity:
            findings = _mapped(view, findings)
        text = original
        if "safeai:" in text:
            forbidden = (self.forbidden_allow_categories if never_accept is None
                         else frozenset(never_accept))
            findings = apply_inline_allows(text, findings, forbidden)
        return findings


def _label_index(recognizers: Sequence[Recognizer]) -> LabelIndex:
    """One index of the label words the pattern recognizers read behind and the cue words
    other readers declare as `anchor_words` (`ContextWords` sets whose words start every
    match of a pattern led by `\\b`: `ScanView.anchor_starts` hands them their starts)."""
    labels = [r.context for r in recognizers if isinstance(r, PatternRecognizer)
              and isinstance(r.context, ContextWords) and not r.context_after]
    anchors = [words for r in recognizers for words in getattr(r, "anchor_words", ())
               if isinstance(words, ContextWords)]
    # A reader's words found with the labels, longest first (`ScanLabels.hits`): one
    # reader's set (the name readers' prose anchors), or none when readers differ.
    hit_words = {getattr(r, "hit_words", ()) for r in recognizers} - {()}
    return LabelIndex([*labels, *anchors], hit_words.pop() if len(hit_words) == 1 else ())


def _mapped(view: TextView, findings: list[Finding]) -> list[Finding]:
    """`findings` (made on the view, in order, not overlapping) on the original text: each
    the smallest span covering it. Two findings that met inside one character the view
    expanded (`ﬁ` read as `fi`) would overlap there; the later one starts after it, so
    redaction, which cuts non-overlapping spans, drops neither."""
    mapped: list[Finding] = []
    end = 0
    for finding in findings:
        start, stop = view.original_span(finding.start, finding.end)
        start = max(start, end)
        if stop > start:
            mapped.append(Finding(start, stop, finding.entity, finding.category, finding.score,
                                  finding.detector, finding.column, finding.row, finding.share))
            end = stop
    return mapped


@lru_cache(maxsize=1)
def default_scanner() -> Scanner:
    """The process-wide scanner behind `scan_text`, built on first use."""
    return Scanner()


def scan_text(text: str) -> list[Finding]:
    """Find PHI, secrets and genomic identifiers in `text`; offsets only, never values.

    Raises `ScanTooLarge` / `ScanTimeout` (both `ScanError`) when the text cannot be
    scanned in full; callers treat that as "do not send".
    """
    return default_scanner().scan(text)
