"""Answers are scanned on the way back: a secret or PHI in the answer that was not in the
prompt is masked and flagged.

A model can repeat a key from its training data, invent a realistic SSN, or (remote
models) return someone else's data; none of that should land in a notebook that gets
saved, shared and committed. Values the user already had — anything in the prompt, and
the originals restored from placeholders — are not new and stay as they are.

Fenced code blocks are scanned on their own, so `scan_text` reads Python as code
(identifiers such as `patient_name` are names, not data) and prose as text. Inline
`# safeai: allow` markers in an answer are ignored: the answer is the model's text, not
the user's, and a marker there must not wave a secret through.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..scan import scan_text
from ..scan.allow import mask, without_markers

__all__ = ["GuardResult", "extract_code_blocks", "guard_answer", "guard_partial"]

_PYTHON_TAGS = frozenset({"python", "py", "python3", "py3", "ipython", "ipython3"})
_OPEN = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>[^\r\n]*)$")


@dataclass(frozen=True)
class GuardResult:
    """The answer to show (new findings masked), what was flagged and where."""

    text: str
    #: (entity, where) per new finding: `answer, line 3` or `code block 2, line 1`.
    flagged: list[tuple[str, str]] = field(default_factory=list)
    new_counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _Segment:
    start: int
    end: int
    block: int = 0  # 0: prose; k: the k-th fenced code block (its content only)
    lang: str = ""
    indent: int = 0


def _segments(answer: str) -> list[_Segment]:
    """Prose and fenced code blocks (CommonMark fences: ``` or ~~~, closed by a fence of
    the same character at least as long; an unclosed block runs to the end)."""
    segments: list[_Segment] = []
    prose_start = position = 0
    block = 0
    open_fence: tuple[str, int, str, int, int] | None = None  # char, length, lang, start, indent
    for line in answer.splitlines(keepends=True):
        bare = line.rstrip("\r\n")
        if open_fence is None:
            match = _OPEN.match(bare)
            if match and not (match["fence"][0] == "`" and "`" in match["info"]):
                block += 1
                info = match["info"].strip().split()
                lang = info[0].strip("{}.").lower() if info else ""
                segments.append(_Segment(prose_start, position + len(line)))
                open_fence = (match["fence"][0], len(match["fence"]), lang,
                              position + len(line), len(match["indent"]))
        else:
            char, length, lang, start, indent = open_fence
            closing = bare.strip()
            if (len(bare) - len(bare.lstrip(" ")) <= 3 and len(closing) >= length
                    and set(closing) == {char}):
                segments.append(_Segment(start, position, block, lang, indent))
                prose_start, open_fence = position, None
        position += len(line)
    if open_fence is None:
        segments.append(_Segment(prose_start, len(answer)))
    else:
        char, length, lang, start, indent = open_fence
        segments.append(_Segment(start, len(answer), block, lang, indent))
    return [s for s in segments if s.end > s.start or s.block]


def _normalise(value: str) -> str:
    return " ".join(value.split()).casefold()


class _Known:
    """What the user already had: a value is known when it occurs in any given text
    (so the caller may pass whole prompts), ignoring case and runs of white space."""

    def __init__(self, values: Iterable[str]) -> None:
        normalised = [_normalise(v) for v in values if isinstance(v, str) and v]
        self._exact = set(normalised)
        self._haystack = "\n".join(normalised)

    def __contains__(self, value: str) -> bool:
        key = _normalise(value)
        return not key or key in self._exact or key in self._haystack


def _where(answer: str, segment: _Segment, offset: int) -> str:
    if segment.block:
        line = answer.count("\n", segment.start, offset) + 1
        return f"code block {segment.block}, line {line}"
    return f"answer, line {answer.count(chr(10), 0, offset) + 1}"


def guard_answer(answer: str, prompt_values: Iterable[str]) -> GuardResult:
    """`answer` with every finding whose value the user did not already have masked.

    `prompt_values`: the prompt as sent, the question and context before redaction and
    the restored originals (`Vault.originals()`) — whole texts are fine: a finding is
    not new if its value occurs in any of them. Raises `ScanError` (too large, too slow)
    like `scan_text`; the caller should then not show the answer.
    """
    known = _Known(prompt_values)
    cuts: list[tuple[int, int, str]] = []
    flagged: list[tuple[str, str]] = []
    for segment in _segments(answer):
        text = answer[segment.start:segment.end]
        if not text.strip():
            continue
        for finding in scan_text(without_markers(text)):
            value = text[finding.start:finding.end]
            if value in known:
                continue
            start = segment.start + finding.start
            cuts.append((start, segment.start + finding.end, mask(value, finding.entity)))
            flagged.append((finding.entity, _where(answer, segment, start)))
    pieces, position = [], 0
    for start, end, masked in sorted(cuts):
        pieces += [answer[position:start], masked]
        position = end
    pieces.append(answer[position:])
    counts = Counter(entity for entity, _ in flagged)
    return GuardResult("".join(pieces), flagged, dict(counts))


def guard_partial(answer_so_far: str, prompt_values: Iterable[str]) -> str:
    """What a streaming display may show now: the answer up to its last white space,
    guarded. The unfinished last word is held back so a secret is never drawn half
    written (and so unmasked) before the scanner can recognise it."""
    cut = max(answer_so_far.rfind(" "), answer_so_far.rfind("\n"), answer_so_far.rfind("\t"))
    if cut < 0:
        return ""
    return guard_answer(answer_so_far[:cut + 1], prompt_values).text


def extract_code_blocks(answer: str) -> list[str]:
    """The fenced code blocks of `answer`, language tag and fences stripped; the first
    Python block (or, without one, the first untagged block) comes first."""
    blocks: list[tuple[str, str]] = []
    for segment in _segments(answer):
        if not segment.block:
            continue
        lines = answer[segment.start:segment.end].splitlines()
        if segment.indent:  # content of an indented fence loses up to that indentation
            lines = [re.sub(rf"^ {{0,{segment.indent}}}", "", line) for line in lines]
        blocks.append((segment.lang, "\n".join(lines).strip("\n")))
    first = next((i for i, (lang, _) in enumerate(blocks) if lang in _PYTHON_TAGS),
                 next((i for i, (lang, _) in enumerate(blocks) if not lang), 0))
    if blocks:
        blocks.insert(0, blocks.pop(first))
    return [code for _, code in blocks]
