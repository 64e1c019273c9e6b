"""Citations: a name that is the author of a cited work, and a line that is a
bibliography entry. A citation names an author of a work, which is no health information
about anyone.

Three readers, each for the caller that asks it:
- `cited_author` (asked by `terms.names_a_thing`, which lets a patient's word or an age
  beside the name outweigh it): a reference mark after the name in its clause (`B.
  Cronin writes [5]`, `Daniel Kahneman *et al.*`), or a numbered or bulleted
  bibliography entry that opens with the name and holds a year or a link (`[2] Norvig,
  Peter. 2009. [Title](…)`);
- `reference_mark_after` (asked by `name_context.in_documentation`): a numbered mark or
  a year in brackets right after the name (`B. Cronin [5]`, `Cronin (2013)`);
- `bibliography_entry` (asked by `name_context` for a name's line, a date's, a place's
  or a contact's): an item of a list under a heading such as `References` or `Further
  reading`, a numbered entry with its title in quotes or italics, a venue, volume or
  pages, or a publisher and a year.
"""

from __future__ import annotations

import re

from .memo import per_scan

# -- A cited author: the clause after the name, or the entry it opens ------------------

#: After a cited name in its clause: a few words (`writes`, `による文献`, `and colleagues`)
#: and a numbered reference mark, or `et al.` however it is dressed (`*et. al*`).
_CITED_AFTER = re.compile(
    r"(?:['’]s)?[ \t]*(?:[*_]{0,2}[ \t]*et\.?[ \t]*al\b|"
    r"[^\W\d_]*(?:[ \t]+[^\W\d_]+){0,2}[ \t]*\[\d{1,3}(?:[,–-][ \t]?\d{1,3})*\]|"
    # or a verb a scholar's claim opens with, and the clause up to its mark (`Tamm
    # argues that the chain mixes more slowly [7]`), commas and all, not past a
    # sentence's end or a line's; a biography's `Tamm was elected in 2004 [3]` is none
    r"[ \t]+(?:(?:argu|not|writ|stat|observ|conclud|prov)(?:e[sd]?|ing)|(?:emphasi[sz]|"
    r"demonstrat)(?:e[sd]?|ing)|(?:stress|show|suggest|claim|point|recommend|explain|"
    r"discuss|warn)(?:s|es|ed|ing)?)\b"
    r"(?:[ \t,'’-]+[^\W\d_]+){0,11}[ \t]*\[\d{1,3}(?:[,–-][ \t]?\d{1,3})*\])")
#: The opening of a bibliography entry up to the name: a number in brackets (`- [2] `),
#: or a list item's mark (`* `, `3. `), then the authors before it (`Ingrid Tamm and `).
_ENTRY_OPENING = re.compile(
    r"[ \t]*(?:(?P<numbered>(?:[-*+][ \t]+)?\[\d{1,3}\])|[-*+]|\d{1,3}[.)])[ \t]+"
    r"(?:[A-Z][\w'’.-]*,?[ \t]+(?:(?:and|&)[ \t]+)?)*\Z")
#: A numbered entry whose title is a link that opens with the name (`[2] [Tim Weller's
#: notes on priors](…)`): up to the link's bracket.
_LINKED_ENTRY = re.compile(r"[ \t]*(?:[-*+][ \t]+)?\[\d{1,3}\][ \t]+\[")
#: So many characters at most between a line's start and a cited name.
_ENTRY_REACH = 80
#: What follows the name in a bibliography entry: a full stop or comma, a year in
#: brackets, a link, the next author.
_ENTRY_REST = re.compile(r"[.,][ \t]|[ \t]*\((?:1[5-9]|20)\d\d\)|\]\(|[ \t]*<?https?://|"
                         r"[ \t]+(?:and|&)[ \t]+[A-Z]")
#: What the rest of the entry holds: a year as citations write it (`2009.`, `(2009)`),
#: a link, a retrieval note. (`born 1961,` and `03/04/1961` are none.)
_ENTRY_YEAR = re.compile(r"(?<![\w/.-])(?:1[5-9]|20)\d\d(?![\w/])")
_YEAR_IN_BRACKETS = re.compile(r"\((?:1[5-9]|20)\d\d[a-z]?\)")
#: A markdown link whose text is a title of two words or more.
_LINKED_TITLE = re.compile(r"\[[^\]\n]*?\w[ \t]+\w[^\]\n]*\]\([^)\n]*\)")
_ENTRY_YEAR_OR_LINK = re.compile(
    r"(?<![\w/.-])(?:\(|)(?:1[5-9]|20)\d\d[a-z]?(?:\)|\.(?!\d))|\]\(|https?://|"
    r"\bRetrieved\b")


def cited_author(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] is a cited author (see the module docstring):
    an entry numbered in brackets holds a year or a link after the name, a list item a
    linked title of two words or more (`[Sampling in practice](…)`) and a year after it
    or in brackets (`[chart](…)`, `Tom Weller, 2019, [form](…)` are no citation); any
    list item of a section headed `References` (`reference_list_item`); a surname the
    text cites elsewhere (`cited_surname`)."""
    if _CITED_AFTER.match(text, end):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    if reference_list_item(text, line_start) or cited_surname(text, start, end):
        return True
    if text[start - 1:start] == "[" and _LINKED_ENTRY.fullmatch(text, line_start, start):
        line_end = text.find("\n", end)  # `[2] [Tim Weller's notes on priors](…)`
        return text.find("](", end, len(text) if line_end < 0 else line_end) >= 0
    if start - line_start > _ENTRY_REACH or not _ENTRY_REST.match(text, end):
        return False
    opening = _ENTRY_OPENING.match(text[line_start:start])
    if opening is None:
        return False
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if opening.group("numbered"):
        return _ENTRY_YEAR_OR_LINK.search(text, end, line_end) is not None
    title = _LINKED_TITLE.search(text, end, line_end)
    return title is not None and (
        _ENTRY_YEAR.search(text, title.end(), line_end) is not None or (
            _YEAR_IN_BRACKETS.search(text, end, line_end) is not None))


# -- A list under a heading that says it lists references ------------------------------

#: A heading of a reference list: Markdown (`## 9. References`), HTML (`<h2>Sources`),
#: bold (`**Bibliography**`) or a line of its own ending in a colon (`References:`).
_REFERENCE_HEADING = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]+|<h[1-6][^>\n]*>[ \t]*|\*\*[ \t]*)?(?:\d{1,2}\.?[ \t]+)?"
    r"(?:references?|bibliography|citations|works[ \t]+cited|further[ \t]+reading|"
    r"literature|sources|footnotes|suggested[ \t]+reading|reading[ \t]+list)\b"
    r"[ \t]*(?::[ \t]*$|\*\*|</h|<a[ \t]|$)",
    re.IGNORECASE | re.MULTILINE)
#: Any other heading, which ends the section of the one before it.
_ANY_HEADING = re.compile(r"^[ \t]*(?:#{1,6}[ \t]|<h[1-6][ >])", re.MULTILINE)
#: A list item's opening: `1. `, `[3] `, `- `, `* `.
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+][ \t]+)?(?:\[\d{1,3}\]|\d{1,3}[.)]|[-*+])[ \t]")
#: Words whose presence (case folded) lets a text hold a reference heading at all.
_REFERENCE_WORDS = ("referen", "bibliograph", "citation", "works cited", "reading",
                    "literature", "sources", "footnotes")


@per_scan(maxsize=4)
def _reference_sections(text: str) -> tuple[tuple[int, int], ...]:
    """The spans of the text's sections headed as reference lists: from the heading to
    the next heading or the end."""
    folded = text.casefold()
    if len(folded) != len(text) or not any(w in folded for w in _REFERENCE_WORDS):
        return ()
    sections = []
    for heading in _REFERENCE_HEADING.finditer(text):
        following = _ANY_HEADING.search(text, heading.end())
        sections.append((heading.end(), following.start() if following else len(text)))
    return tuple(sections)


def reference_list_item(text: str, line_start: int) -> bool:
    """Whether the line at `line_start` is an item of a list under a heading that says
    it lists references (`## References`, `Further reading:`): its names are authors
    and its places publishers' towns, whatever the entry's layout."""
    return _LIST_ITEM.match(text, line_start) is not None and any(
        low <= line_start < high for low, high in _reference_sections(text))


# -- A surname the text cites elsewhere -------------------------------------------------

#: A capitalised word before `et al.` and a reference mark (`Tamm et al. (2005)`, `Tamm et
#: al. [4]`), or before a year and a numbered mark (`Tamm (2005)[1]`): the surname of an
#: author the text cites. A year alone is no such mark (prose dates a painting or a
#: field study so: `Bellini (1505)`), nor a number alone (a biography's `Tamm [3]`).
_CITED_WORD = re.compile(
    r"(?<![^\W\d_])([A-Z][^\W\d_]+)(?:[ \t]+et\.?[ \t]*al\.?[ \t,]*(?:\((?:1[5-9]|20)\d\d[a-z]?\)|"
    r"\[\d{1,3}(?:[,–-]\d{1,3})*\])|[ \t]*\((?:1[5-9]|20)\d\d[a-z]?\)[ \t]*"
    r"\[\d{1,3}(?:[,–-]\d{1,3})*\])")


#: Where `_CITED_WORD` can match: about its numbered mark or its `et al.`, found first
#: (a notebook's `x[0]` is common, a capitalised word before it seldom). Two searches,
#: each led by its literal (`[`, `et`): one alternation of both is tried at every `e`
#: of the text. Their matches never overlap (one holds no `[`, the other no letter).
_NUMBERED_MARK = re.compile(r"\[\d{1,3}(?:[,–-]\d{1,3})*\]")
_ET_AL_MARK = re.compile(r"et\.?[ \t]*al\b")
#: How far before its mark, and after, a cited word's match may reach.
_MARK_BEFORE, _MARK_AFTER = 48, 24


def _match_start(match: re.Match[str]) -> int:
    return match.start()


@per_scan(maxsize=4)
def _cited_surnames(text: str) -> frozenset[str]:
    """The words right before a reference mark anywhere in the text, read only about
    each mark."""
    if "[" not in text and "et" not in text:
        return frozenset()
    found = set()
    low = 0
    marks = [*_NUMBERED_MARK.finditer(text), *_ET_AL_MARK.finditer(text)]
    marks.sort(key=_match_start)  # in the text's order, as one alternation finds them
    for mark in marks:
        start = max(low, mark.start() - _MARK_BEFORE)
        for match in _CITED_WORD.finditer(text, start, min(len(text), mark.end() + _MARK_AFTER)):
            found.add(match.group(1))
            low = match.end()
    return frozenset(found)


def cited_surname(text: str, start: int, end: int) -> bool:
    """Whether the last word of the name at text[start:end] is cited elsewhere in the
    text with a numbered reference mark (`Andrew Tamm (2005)[1]` … later `Tamm's quote`): the
    same author, named again without the mark."""
    words = text[start:end].split()
    return bool(words) and words[-1] in _cited_surnames(text)


# -- A reference mark right after a name ------------------------------------------------

# `B. Cronin [5]`, `Cronin (2013)`: a name with its reference marker is an author.
_REFERENCE_MARK = re.compile(r"[ ,]*(?:et al\.?[ ,]*)?(?:\[\d{1,3}(?:[,-]\d{1,3})*\]|"
                             r"\((?:1[89]|20)\d\d[a-z]?\))")


def reference_mark_after(text: str, end: int) -> bool:
    """Whether a reference mark follows a name ending at `end`: a number in brackets or
    a year in brackets, after `et al.` or none (`B. Cronin [5]`, `Cronin et al. (2013)`)."""
    return _REFERENCE_MARK.match(text, end) is not None


# -- A line that is a bibliography entry ------------------------------------------------

# A line that is a reference in a bibliography: venue, volume, pages, a DOI or arXiv id,
# or a numbered entry whose title follows the authors in quotes or italics.
# Its parts, each searched only where its literal part stands (`bibliography_entry`).
_NUMBERED_ENTRY = re.compile(  # `[3] Smith, J. "Title`, `12. Ada Obi. *Title`
    r"^[ \t]*(?:[-*][ \t]*)?(?:\[\d{1,3}\]|\d{1,3}\.)[ \t][^\n]*?[.,)][ \t]*[\"“*_][A-Z]",
    re.IGNORECASE | re.MULTILINE)
_VENUE = re.compile(
    r"\bN\.p\.|\bWeb\. \d|\bPrint\.|\bet al\b|\barXiv\b|\bdoi\b|\bPhys\.? ?Rev|"
    r"\bProc(?:eedings|\.)|\bJournal\b|\bVol(?:ume|\.)? ?\d|\bpp?\. ?\d|\bIn: |\bISBN\b",
    re.IGNORECASE)
_PUBLISHER_YEAR = re.compile(
    r"\b(?:Press|Springer|Wiley|O'Reilly|Elsevier|Nature|Science|IEEE|ACM|NeurIPS|NIPS|ICML|"
    r"ICLR|CVPR|Quantum)\b[^\n]{0,40}\b(?:1[89]|20)\d\d\b|\b(?:1[89]|20)\d\d\b[^\n]{0,40}"
    r"\b(?:Press|Springer|Wiley|Journal|Proc|Rev|Lett|Vol)\b",
    re.IGNORECASE)

#: Every `_VENUE` match holds one of these or a page number (`_PAGES`), every
#: `_PUBLISHER_YEAR` match a year and one of the publisher words. Checked first with
#: `in` (C speed): most windows hold none, and the full searches cost 60–220 µs a window.
_CITATION_WORDS = ("n.p.", "print.", "et al", "arxiv", "doi", "phys", "proc", "journal",
                   "in: ", "isbn", "web.", "vol")
_PUBLISHER_WORDS = ("press", "springer", "wiley", "o'reilly", "elsevier", "nature", "science",
                    "ieee", "acm", "neurips", "nips", "icml", "iclr", "cvpr", "quantum",
                    "journal", "proc", "rev", "lett", "vol")
#: (Every match holds `p.` in any case, which the window's case fold then holds.)
_PAGES = re.compile(r"\bpp?\. ?\d", re.IGNORECASE)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
#: A text at least this long is first asked, once a scan, whether any line of it can
#: cite (`_may_cite`); the bound `name_context` finds its whole-text marks past.
_MARKED_TEXT = 4096


@per_scan(maxsize=64)
def bibliography_entry(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] (a line) is a bibliography entry: an item of a list headed
    as references, or a numbered entry with its title in quotes or italics (at a real
    line start), a venue, volume or pages, or a publisher and a year. Each part is
    searched only where its literal part stands. Kept for the last lines asked: the names
    of one line ask about it in turn (a text's hash is worked out once and kept by the
    string)."""
    if (start == 0 or text[start - 1] == "\n") and reference_list_item(text, start):
        return True
    window = text[start:end]
    folded = window.casefold()  # as IGNORECASE reads `ſ` and `K`
    head = window.lstrip(" \t").lstrip("-*").lstrip(" \t")[:1]
    if (head == "[" or head.isdigit()) and _NUMBERED_ENTRY.search(text, start, end):
        return True
    if len(text) >= _MARKED_TEXT and not _may_cite(text):
        return False
    if (any(w in folded for w in _CITATION_WORDS) or "p." in folded and _PAGES.search(window)) and (
            _VENUE.search(text, start, end)):
        return True
    return bool(_YEAR.search(window) and any(w in folded for w in _PUBLISHER_WORDS)
                and _PUBLISHER_YEAR.search(text, start, end))


@per_scan(maxsize=4)
def _may_cite(text: str) -> bool:
    """Whether any window of `text` can hold `bibliography_entry`'s venue or publisher:
    its words (a window's case fold is part of the text's) or a page's `p.`, or a year."""
    folded = text.casefold()
    return any(w in folded for w in _CITATION_WORDS) or "p." in folded or bool(
        _YEAR.search(text) and any(w in folded for w in _PUBLISHER_WORDS))
