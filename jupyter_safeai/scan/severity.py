"""How serious a finding is, read the same way by the CLI, the REST API and the sidebar.

A notebook full of documentation links and its authors' names is not a notebook full
of patients; a name beside an MRN is. So a label has a base severity
(`entities.SEVERITY`), an unsure finding (score below 0.5) is `low`, and a
quasi-identifier (a name, a date, a city...) goes one level up where the text around
it speaks of a patient or holds a direct identifier of a person. A well-known
placeholder value (`123-45-6789`) the gate reports is `low` in code and test fixtures.
Only the text the finding came from is read, and only near the finding.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from .entities import RAISED_IN_CONTEXT, SEVERITIES, Severity, base_severity
from .finding import Finding
from .name_context import credit_line

__all__ = ["CONTEXT_CHARS", "PATIENT_CUE", "UNSURE_SCORE", "at_least", "rate", "rate_table"]

#: Findings scored below this are guesses: `low` whatever their label.
UNSURE_SCORE = 0.5
#: How far (characters, either side) a patient cue or a direct identifier raises a finding.
CONTEXT_CHARS = 120

#: Words that put a quasi-identifier in a patient's record rather than in prose.
PATIENT_CUE = re.compile(
    r"\b(?:patients?|pt|mrn|medical[ _]record|chart|date[ _]of[ _]birth|d\.?o\.?b|"
    r"born(?:[ ]+(?:on|in|at)\b|:)|"
    r"admitted|admission|admit|discharged?|diagnos(?:is|ed|es)|hospitali[sz]ed|inpatient|"
    r"outpatient|deceased|died|next[ _]of[ _]kin|ssn|social[ _]security|insurance|"
    r"member[ _]id|health[ _]plan|beneficiary|encounter|referr(?:al|ed))\b",
    re.IGNORECASE,
)

#: Mailboxes of a role, not of a person (RFC 2142 and their common kin): an organisation's
#: contact, one level below a person's own address.
_ROLE_MAILBOX = re.compile(
    r"(?:info|support|help|contact|permissions|admin|administrator|sales|press|media|"
    r"privacy|security|abuse|no-?reply|do-?not-?reply|webmaster|postmaster|hostmaster|"
    r"hello|team|office|feedback|jobs|careers|billing|legal|marketing|enquiries|inquiries|"
    r"service|customer-?service|bookquestions|orders|licensing|dpo)@",
    re.IGNORECASE,
)


def at_least(severity: str, threshold: str) -> bool:
    """Whether `severity` meets `threshold` (`low` < `medium` < `high`)."""
    return SEVERITIES.index(severity) >= SEVERITIES.index(threshold)  # type: ignore[arg-type]


def _raise(severity: Severity) -> Severity:
    return SEVERITIES[min(len(SEVERITIES) - 1, SEVERITIES.index(severity) + 1)]


def _direct(finding: Finding, base: Severity) -> bool:
    return base == "high" and finding.category == "phi"


#: Words that make a text a test fixture or a worked example rather than someone's record
#: (not a domain's part: `example.com` is the placeholder itself).
_FIXTURE_CUE = re.compile(
    r"(?<![@.\w])(?:tests?|testing|fixtures?|assert|mock(?:ed)?|fake|dummy|sample|example|"
    r"placeholder|lorem|synthetic|made[ -]up)\b(?!\.\w)", re.IGNORECASE)


def _placeholder_in_code(text: str, finding: Finding) -> bool:
    """A well-known placeholder (`scan.placeholders`) in code or a test fixture: the
    value a test suite or a form's sample uses, not someone's."""
    from .placeholders import is_placeholder

    if not is_placeholder(finding.entity, text[finding.start:finding.end]):
        return False
    lo, hi = max(0, finding.start - CONTEXT_CHARS), min(len(text), finding.end + CONTEXT_CHARS)
    if _FIXTURE_CUE.search(text, lo, hi):
        return True
    from .code import python_identifier_spans

    return python_identifier_spans(text) is not None


def _lowered(text: str, finding: Finding) -> Severity | None:
    """A direct identifier whose value or line says it is no private person's: a role
    mailbox, an author's address in a byline or credit (`by Ada Byron (ada@uni.edu)`),
    or a well-known placeholder in code or a test fixture."""
    if finding.entity == "EMAIL_ADDRESS" and (
            _ROLE_MAILBOX.match(text, finding.start) or credit_line(text, finding.start)):
        return "medium"
    if _placeholder_in_code(text, finding):
        return "low"
    return None


def rate_table(findings: Sequence[Finding]) -> list[Severity]:
    """The severity of each finding of one table: rows are records, so a name column goes
    up when another column holds a direct identifier (an MRN, an SSN, a phone...)."""
    base = [base_severity(f.entity) for f in findings]
    record = any(_direct(f, b) for f, b in zip(findings, base, strict=True))
    return ["low" if f.score < UNSURE_SCORE else
            _raise(b) if record and f.entity in RAISED_IN_CONTEXT else b
            for f, b in zip(findings, base, strict=True)]


def rate(text: str, findings: Sequence[Finding]) -> list[Severity]:
    """The severity of each of `findings` (found in `text`), in the same order."""
    if not findings:  # most texts of a notebook
        return []
    base = [_lowered(text, f) or base_severity(f.entity) for f in findings]
    raisable = [i for i, f in enumerate(findings)
                if f.entity in RAISED_IN_CONTEXT and f.score >= UNSURE_SCORE]
    if raisable:
        direct = sorted(f.start for f, b in zip(findings, base, strict=True) if _direct(f, b))
        for i in raisable:
            f = findings[i]
            lo, hi = max(0, f.start - CONTEXT_CHARS), min(len(text), f.end + CONTEXT_CHARS)
            k = bisect.bisect_left(direct, lo)
            if k < len(direct) and direct[k] < hi or PATIENT_CUE.search(text, lo, hi):
                base[i] = _raise(base[i])
    return ["low" if f.score < UNSURE_SCORE else s for f, s in zip(findings, base, strict=True)]
