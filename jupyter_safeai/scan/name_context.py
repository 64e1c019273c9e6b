"""Where a capitalised name is not about a person the text concerns: documentation.

Clinical de-identification reads context before it calls a word a name. A notebook is
full of real people who are not its subject: the author in a byline (`by Jake
VanderPlas`), the authors of a reference (`Clarck, Torin K., Aaron W. Johnson, ...`),
the person a link credits (`[Tim Salimans](http://…)`), the eponym of a method
(`Powell's method`). A title or a name label (`Dr.`, `Patient:`) still makes a name
a finding wherever it stands; these rules only drop names that nothing but their
shape made findings.
"""

from __future__ import annotations

import re

# Words that say the next name is an author or a credit: `content … by`, `created by`.
_BYLINE = re.compile(
    r"(?:\b(?:created|written|ported|adapted|excerpt|authored|maintained|translated|"
    r"developed|edited|contributed|compiled|presented|illustrated|curated|designed|"
    r"implemented|inspired|example|book|course|tutorial|notebook|chapter|content|post|blog|"
    r"talk|lecture|slides|video|package|library|photo|image|figure|model|paper|article|"
    r"thesis|dataset|data set|code|work|version|song|film|movie|directed|produced|"
    r"played|starring|sung|recorded|performed|composed|painted|novel|story)\b[^\n.;]{0,80}"
    r"\bby|\b(?:authors?|copyright|credits?|thanks to|maintainers?|contributors?|"
    r"acknowledg\w+|courtesy of|cc-by|©|\(c\))[\s:,]*(?:[^\n]{0,80}[,&]|and)?)\s*[\[*_]*$",
    re.IGNORECASE,
)
# A line that is a reference in a bibliography: venue, volume, pages, a DOI or arXiv id.
_CITATION = re.compile(
    r"\bet al\b|\barXiv\b|\bdoi\b|\bPhys\.? ?Rev|\bProc(?:eedings|\.)|\bJournal\b|\bJ\. \w|"
    r"\bVol(?:ume|\.)? ?\d|\bpp?\. ?\d|\bIn: |\bISBN\b|\b(?:Press|Springer|Wiley|O'Reilly|"
    r"Elsevier|Nature|Science|IEEE|ACM|NeurIPS|NIPS|ICML|ICLR|CVPR|Quantum)\b[^\n]{0,40}"
    r"\b(?:1[89]|20)\d\d\b|\b(?:1[89]|20)\d\d\b[^\n]{0,40}\b(?:Press|Springer|Wiley|"
    r"Journal|Proc|Rev|Lett|Vol)\b",
    re.IGNORECASE,
)
# `'s method`, `'s theorem`: the name of a method, not of a person in the text.
_EPONYM_AFTER = re.compile(
    r"['’]s?\s+(?:method|methods|theorem|law|rule|algorithm|equation|inequality|"
    r"distribution|test|criterion|constant|formula|principle|paradox|problem|conjecture|"
    r"lemma|model|gate|transform|series|number|kernel|index|coefficient|correction|"
    r"approximation|estimator|identity|space|function|curve|loss|scheme|razor|"
    r"experiment|box|page|blog|book|site|website|paper|notes?|course|lecture|talk)\b",
    re.IGNORECASE,
)
# A name as the text of a Markdown link: a credit or reference to a public page.
_LINK_TEXT = re.compile(r"\]\((?:https?://|www\.|mailto:)")
#: What follows the authors' names in a watermark or byline output.
_AFTER_BYLINE = re.compile(r"[^\n]{0,60}\n\s*(?:last updated|last modified|updated|"
                           r"version|date)\b", re.IGNORECASE)


def in_documentation(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] stands in documentation rather than in text
    about a person: a byline or credit, a bibliography line, a link's text, an eponym."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before = text[line_start:start]
    if _BYLINE.search(before[-160:]):
        return True
    if _EPONYM_AFTER.match(text, end):
        return True
    if before.endswith("[") and _LINK_TEXT.match(text, end):
        return True
    line = text[line_start:line_end]
    if _CITATION.search(line):
        return True
    return "&" in line and bool(_AFTER_BYLINE.match(text, end))
