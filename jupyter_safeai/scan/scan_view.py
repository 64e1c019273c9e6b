"""What a scan reads of its text once, for every reader that asks: one shared view.

The engine lower-cases the (normalised) text once and finds, in one pass of its label
index, where the first words of every label set start (`recognizer.LabelIndex`). The
pattern recognizers read those positions; the readers that are not pattern recognizers
(places, facilities, names) used to lower-case the text again and look for their own cue
words with `str.find`, word by word. A `ScanView` hands them the same work:

- `lowered_in_place()`: the lower-cased text with every offset kept (`recognizer.
  lowered_in_place`), made from the engine's `text.lower()` without a second pass;
- `anchor_starts(words)`: where the words of a `ContextWords` set start, read from the
  label index when the engine was built with that set (`anchor_words` of a recognizer);
- `about_a_patient()`: whether the whole text is about a person in care
  (`name_context.about_a_patient`), worked out once for every reader that asks.

A reader that wants only one answer asks `lowered_of(text)`, `lowered_in_place_of(text)`
or `about_a_patient_of(text, lowered)`: the view's when `text` is the scanned text
itself (`is`), else that string's own, so a reader called on a slice or another string
reads what it did before. `lowered` is `str.lower()` exactly, offsets and all (`İ` lowers
to two characters): a reader that needs `text`'s offsets asks `lowered_in_place`.
Before normalising, the engine shares a view of the typed text (normalise's disguise pass
reads its lower case) and keeps that lower case when normalise leaves the text as typed.

The view is owned by the running scan (`memo.share`), so nothing outlives it; a reader
called outside a scan (a test, a caller of one recognizer) gets a view made on the spot,
which works everything out itself. Either way its answers give the same findings.
"""

from __future__ import annotations

from . import memo
from .recognizer import (
    ContextWords,
    ScanLabels,
    anchor_starts,
    finds_as_regex_does,
    lowered_in_place,
)


class ScanView:
    """One text as the scan's readers share it: `text` (normalised), `lowered` (its
    `str.lower()`), and `labels` (the label index's starts for it, or None)."""

    __slots__ = ("text", "lowered", "labels", "_in_place", "_patient")

    def __init__(self, text: str, lowered: str | None = None,
                 labels: ScanLabels | None = None) -> None:
        self.text = text
        self.lowered = text.lower() if lowered is None else lowered
        self.labels = labels
        self._in_place: str | None = None
        self._patient: bool | None = None

    def lowered_in_place(self) -> str:
        """`recognizer.lowered_in_place(text)`: `lowered` when lower-casing moved no
        offset, else the text with only its ASCII letters lowered."""
        if self._in_place is None:
            self._in_place = lowered_in_place(self.text, self.lowered)
        return self._in_place

    def anchor_starts(self, words: ContextWords) -> list[int] | None:
        """Sorted positions where a match of a pattern led by `\\b` and one of `words`'
        first words (in any case) can start; None when `str.find` cannot tell (then the
        caller tries everywhere).

        From the label index these are the positions of a first word not after an ASCII
        letter; without it, every position of one (`recognizer.anchor_starts`). Both hold
        every start of such a pattern's matches, so `matches_at` finds the same matches
        from either."""
        lowered = self.lowered_in_place()
        if not finds_as_regex_does(self.text, lowered):
            return None
        starts = None if self.labels is None else self.labels.starts(words)
        return anchor_starts(self.text, lowered, words.firsts) if starts is None else starts

    def about_a_patient(self) -> bool:
        """`name_context.about_a_patient` of the whole text (with `lowered_in_place`)."""
        if self._patient is None:
            from .name_context import about_a_patient

            self._patient = about_a_patient(self.text, 0, len(self.text),
                                            self.lowered_in_place())
        return self._patient


def view_of(text: str) -> ScanView:
    """The running scan's view of `text`, or, for another text or with no scan running,
    a view of `text` made now."""
    view = memo.shared()
    return view if isinstance(view, ScanView) and view.text is text else ScanView(text)


def lowered_of(text: str) -> str:
    """`text.lower()`: the running scan's own when `text` is the text it scans (no second
    pass over it), else worked out now. A reader called on a slice or another string
    gets that string's lower case, as before."""
    view = memo.shared()
    return (view.lowered if isinstance(view, ScanView) and view.text is text
            else text.lower())


def lowered_in_place_of(text: str) -> str:
    """`recognizer.lowered_in_place(text)`, the running scan's when `text` is its text."""
    view = memo.shared()
    return (view.lowered_in_place() if isinstance(view, ScanView) and view.text is text
            else lowered_in_place(text))


def hits_of_labels(text: str, lowered: str, words: tuple[str, ...]
                   ) -> list[tuple[int, str]] | None:
    """`ScanLabels.hits` of the running scan when `text` and `lowered` are its own and its
    label index found `words` (the very tuple) with its labels; else None (the caller
    searches itself). The list is the scan's: read it, never change it."""
    view = memo.shared()
    if not isinstance(view, ScanView) or view.text is not text or view.lowered is not lowered:
        return None
    labels = view.labels
    return None if labels is None or labels.hit_words is not words else labels.hits


def label_starts_of(text: str, words: ContextWords) -> list[int] | None:
    """Where the first words of `words` start in `text` (sorted, not after a letter), read
    from the running scan's label index when `text` is its text and the index holds
    `words` (a reader's `anchor_words`); None otherwise (the caller searches itself).
    `matches_at(words.pattern, lowered_of(text), starts)` then finds what
    `words.finditer(text)` does."""
    view = memo.shared()
    if not isinstance(view, ScanView) or view.text is not text or view.labels is None:
        return None
    return view.labels.starts(words)


def about_a_patient_of(text: str, lowered: str) -> bool:
    """`name_context.about_a_patient` of the whole of `text` (`lowered`: its
    `lowered_in_place`): the running scan's answer, worked out once, when `text` is its
    text; else worked out now."""
    view = memo.shared()
    if isinstance(view, ScanView) and view.text is text:
        return view.about_a_patient()
    from .name_context import about_a_patient

    return about_a_patient(text, 0, len(text), lowered)
