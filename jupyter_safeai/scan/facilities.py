"""Names of hospitals, clinics and practices: where a patient was seen locates them.

`St. Luke's Hospital`, `Cleveland Clinic`, `UCLA Medical Center`, `Mt. Sinai`,
`Riverside Family Practice`: capitalised words (or an acronym) ending in a facility
word, or `Mt./Mount Sinai`-style saint and mount names. Reported as LOCATION (a place
smaller than a state, which is what HIPAA asks to remove). Generic phrases without a
proper name (`the Hospital`, `Medical Center` alone) are not.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from .finding import Finding

_FACILITY_WORDS = (
    r"Hospital|Hospitals|Clinic|Clinics|Medical[ ]Center|Medical[ ]Centre|Health[ ]Center|"
    r"Health[ ]System|Medical[ ]Group|Infirmary|Sanatorium|"
    r"Hospice|Nursing[ ]Home|Rehabilitation[ ]Center|Rehab[ ]Center|Surgery[ ]Center|"
    r"Surgical[ ]Center|Cancer[ ]Center|Cancer[ ]Institute|"
    r"Family[ ]Practice|Medical[ ]Practice|Urgent[ ]Care|Medical[ ]Associates|"
    r"Medical[ ]Clinic|Specialty[ ]Clinic"
)
# One to four proper words (`St. Luke's`, `Cleveland`, `UCLA`, `Mass General`), then a
# facility word; `Mt. Sinai`, `Mount Sinai` alone.
_FACILITY = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}])(?:(?:St\.?|Saint|Mt\.?|Mount)[ ])?"
    rf"(?:\p{{Lu}}[\p{{L}}'’&.-]*|\p{{Lu}}{{2,6}})"
    rf"(?:[ ](?:of[ ]|the[ ])?(?:\p{{Lu}}[\p{{L}}'’&.-]*)){{0,3}}"
    rf"[ ](?:{_FACILITY_WORDS})(?![\p{{L}}])"
    rf"|(?<![\p{{L}}])(?:Mt\.?|Mount)[ ]Sinai(?![\p{{L}}])"
)
#: Words that make the words before a facility word no proper name.
_GENERIC = frozenset({
    "the", "a", "an", "this", "that", "our", "your", "their", "his", "her", "my", "local",
    "community", "general", "public", "private", "county", "state", "city", "university",
    "teaching", "regional", "veterans", "mental", "primary", "medical", "outpatient",
    "inpatient", "nearest", "same", "other", "another", "each", "every", "any", "in",
    "at", "to", "from", "for", "of", "and", "or", "with", "by", "on", "global", "digital",
    "animal", "pet", "veterinary", "dental", "eye", "women's", "population",
})


class FacilityRecognizer:
    name = "pattern:facility"

    def find(self, text: str) -> Iterator[Finding]:
        if not any(word in text for word in ("Hospital", "Clinic", "Medical", "Health",
                                              "Infirmary", "Sanatorium", "Hospice", "Home",
                                              "Practice", "Care", "Sinai", "Center",
                                              "Centre", "Institute")):
            return
        for match in _FACILITY.finditer(text):
            words = match.group().split()
            head = [w for w in words[:-1] if w.casefold() not in _GENERIC]
            if not head and "Sinai" not in match.group():
                continue  # `Community Hospital`, `General Hospital`: no proper name
            yield Finding(match.start(), match.end(), "LOCATION", "phi", 0.8, self.name)
