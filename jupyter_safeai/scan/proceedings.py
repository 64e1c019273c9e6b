"""Whether a date is a step of someone's case.

A court's or an office's account of one person's matter dates every step of it: `On 3
May 2004 the Regional Court dismissed the appeal`, `a hearing was held on 7 June 1999`,
`By a decision of 2 March 2001 the prosecutor discontinued the proceedings`. Such a date
is the person's (HIPAA counts every element of a date but the year), though the
paragraph may not name them: the case does. The date's own sentence must tell the step:
a body or an act of a proceeding (a court, a tribunal, a prosecutor, a hearing, a
judgment, an appeal, the proceedings, an application) and an event told in the past
(`dismissed`, `was held`, `lodged`). A historical fact (`On 14 July 1789 the Bastille
was stormed`), a release note or a log line names no such step, and a law's entry into
force or a state `as of` a date is no step.
"""

from __future__ import annotations

import re

from .narrative import EVENT, STAMP_BEFORE, sentence_around
from .recognizer import trie

#: Bodies that decide a matter and the acts of one, as a court's or an office's account
#: names them (singular and plural). `decision` and `order` alone are words of code too
#: (`decision tree`, `sort order`): a decision counts as `decision of`/`decision to`.
_BODIES = ("court", "courts", "tribunal", "tribunals", "judge", "judges", "prosecutor",
           "prosecutors", "procurator", "ombudsman", "registrar", "magistrate", "magistrates",
           "bailiff", "jury", "chamber", "commission", "inspector")
_ACTS = ("hearing", "hearings", "judgment", "judgments", "judgement", "ruling", "verdict",
         "appeal", "appeals", "cassation", "proceedings", "application", "applications",
         "case", "case-file", "complaint", "complaints", "petition", "lawsuit", "summons",
         "indictment", "sentence", "trial", "investigation", "inquiry", "claim")
_STEP = re.compile(
    rf"\b(?:{trie(_BODIES + _ACTS)})\b|\bdecisions?[ ](?:of|to|dated)\b"
    r"|\b(?:first|second|third|fourth|fifth|grand|\d{1,2}(?:st|nd|rd|th))[ ](?:section|chamber)\b",
    re.IGNORECASE)
#: A law's or a treaty's own dates, not a person's: its entry into force (`when Protocol
#: No. 11 came into force`, `the Code entered into force on`).
_INTO_FORCE = re.compile(r"\b(?:into|in)[ ]force\b", re.IGNORECASE)
#: A state from a date on (`As of 1 May 2001 the court sat in two sections`), not a step.
_AS_OF = re.compile(r"\bas[ ]of[ \t]*$", re.IGNORECASE)
#: A verb told in the past of a step (`was held`, `were adjourned`, `became final`).
_PAST_STEP = re.compile(r"\b(?:was|were|became|had)[ ]\w+", re.IGNORECASE)


def a_step_of_a_case(text: str, start: int, end: int) -> bool:
    """Whether the date at text[start:end] dates a step of a proceeding its sentence
    tells (a body or an act of a case, and an event in the past)."""
    left, right = sentence_around(text, start, end)
    # (most sentences name no step: that is read first)
    if not (_STEP.search(text, left, start) or _STEP.search(text, end, right)):
        return False
    if STAMP_BEFORE.search(text, max(left, start - 40), start) or _AS_OF.search(
            text, max(left, start - 8), start):
        return False  # `Updated on 3 May 2021`: the document's date
    if _INTO_FORCE.search(text, left, right):
        return False
    return bool(EVENT.search(text, left, start) or EVENT.search(text, end, right)
                or _PAST_STEP.search(text, left, start) or _PAST_STEP.search(text, end, right))
