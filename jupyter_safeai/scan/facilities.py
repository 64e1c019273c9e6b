"""Names of hospitals, clinics and practices: where a patient was seen locates them.

`St. Luke's Hospital`, `Cleveland Clinic`, `UCLA Medical Center`, `Mt. Sinai`,
`Riverside Family Practice`: capitalised words (or an acronym) ending in a facility
word, or `Mt./Mount Sinai`-style saint and mount names. A care verb names the place of
care whatever its last word: `admitted to UCSF`, `seen at NYU Langone`, `treated at the
Dallas clinic`. Reported as LOCATION (a place smaller than a state, which is what HIPAA
asks to remove). Generic phrases without a proper name (`the Hospital`, `Medical Center`
alone, `admitted to the ICU`, `seen in Cardiology`) are not.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator

import regex

from .finding import Finding
from .recognizer import trie

#: Facility words and phrases as written, each a literal: the one list that the pattern
#: and the anchors of its windowed search (`_FACILITY_WORD`) are both made from.
FACILITY_WORDS = (
    "Hospital", "Hospitals", "Clinic", "Clinics", "Medical Center", "Medical Centre",
    "Health Center", "Health System", "Medical Group", "Infirmary", "Sanatorium", "Hospice",
    "Nursing Home", "Rehabilitation Center", "Rehab Center", "Surgery Center",
    "Surgical Center", "Cancer Center", "Cancer Institute", "Family Practice",
    "Medical Practice", "Urgent Care", "Medical Associates", "Medical Clinic",
    "Specialty Clinic", *(f"Med{dot} {centre}" for dot in ("", ".")
                          for centre in ("Center", "Centre", "Ctr", "Cntr")),
    "Medical Ctr", "Medical Cntr", "Hosp", "Hosp.", "Health Care", "Health care",
    "HealthCare", "Healthcare", "Health Centre", "HealthCentre", "HealthCenter", "Rehab",
    "Rehabilitation", "Senior Center", "Care Center", "General",
)
_FACILITY_WORDS = "|".join(regex.escape(word).replace(r"\ ", "[ ]")
                           for word in sorted(FACILITY_WORDS, key=len, reverse=True))
# One to four proper words (`St. Luke's`, `Cleveland`, `UCLA`, `Mass General`), then a
# facility word; `Mt. Sinai`, `Mount Sinai` alone.
_FACILITY = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}])(?:(?:St\.?|Saint|Mt\.?|Mount)[ ])?"
    rf"(?:\p{{Lu}}[\p{{L}}'’&.-]*|\p{{Lu}}{{2,6}})"
    rf"(?:[ ](?:of[ ]|the[ ])?(?:\p{{Lu}}[\p{{L}}'’&.-]*)){{0,3}}"
    rf"[ ](?:{_FACILITY_WORDS})(?![\p{{L}}])"
    rf"|(?<![\p{{L}}])(?:Mt\.?|Mount|\p{{Lu}}\p{{Ll}}+)[ -]Sinai(?![\p{{L}}])"
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
#: Titles that end in `General`: `Surgeon General` is a person, not a hospital.
_GENERAL_TITLES = frozenset({
    "attorney", "surgeon", "secretary", "inspector", "major", "lieutenant", "brigadier",
    "solicitor", "governor", "postmaster", "adjutant", "consul", "auditor", "accountant",
    "comptroller", "director", "registrar", "procurator", "paymaster", "quartermaster",
    "vicar", "commissary", "receiver", "advocate", "judge", "general",
})
#: `Mass General`, `Toronto General`: a place's name before `General` is a hospital only
#: where a preposition puts it (`seen at Mass General`; `Attorney General` is a title).
_PLACE_PREPOSITION_BEFORE = re.compile(r"(?:\b(?:at|to|from|in|by)|@)[ ]$", re.IGNORECASE)


# After a care verb and its preposition, the place: one to four proper words (or
# acronyms), maybe after `the`/`our` and before a lower-case place noun (`our Dallas clinic`).
_PROPER = r"(?:\p{Lu}[\p{L}'’&.-]*\p{L}|\p{Lu}{2,6})"
_PLACE_AFTER_CARE = regex.compile(
    r"(?:(?P<det>the|our)[ ])?"
    rf"(?P<place>(?:(?:St\.?|Saint|Mt\.?|Mount)[ ])?{_PROPER}"
    rf"(?:[ ](?:&[ ])?(?:of[ ]|the[ ])?{_PROPER}){{0,3}})"
    r"(?P<noun>[ ](?:clinic|office|hospital|facility|branch|practice|center|centre|"
    r"campus|ER|ED))?(?![\p{L}\p{N}])(?![ ]?\d)"
)
#: Care verbs and the prepositions after which they name a place of care.
_CARE_VERBS: dict[str, tuple[str, ...]] = {
    "admitted": ("to", "at"), "seen": ("at", "@"), "treated": ("at", "in"),
    "evaluated": ("at",), "assessed": ("at",), "examined": ("at",), "followed": ("at",),
    "managed": ("at",), "operated": ("at",), "diagnosed": ("at",),
    "hospitalized": ("at", "in"), "hospitalised": ("at", "in"),
    "transferred": ("to", "from"), "discharged": ("from",), "presented": ("to",),
    "presenting": ("to",),
}
# A preposition before a capital: one regex pass that skips to blanks in C, then the word
# before is looked up (a search for every verb would cost a pass each).
_PREPOSITION = re.compile(r" (at|to|in|from|@) (?=(?:the |our )?[A-Z])")
#: Wards, units and departments: where in a hospital, not which hospital.
_CARE_UNITS = frozenset({
    "icu", "ccu", "micu", "sicu", "nicu", "picu", "cvicu", "csru", "pacu", "hdu", "itu",
    "ed", "er", "ew", "or", "ir", "amu", "mau", "sdu", "a&e", "l&d", "snf", "ltac",
    "ltach", "alf", "osh", "va", "vamc", "home", "rehab", "hospice", "hospital", "clinic",
    "emergency", "surgery", "medicine", "triage", "pharmacy", "lab", "laboratory", "ward",
    "theatre", "theater", "casualty", "outpatients", "ent", "gi", "ob", "obgyn",
    # titles and the words before a number: a person or a part of a text, no place
    "dr", "mr", "mrs", "ms", "prof", "table", "figure", "fig", "section", "chapter",
    "appendix", "step", "line", "page", "level", "stage", "time",
    "age", "day", "night", "week", "month", "year", "room", "bed",
    # machines and stores data is transferred to (`transferred to GPU`)
    "gpu", "cpu", "tpu", "ram", "disk", "aws", "gcp", "azure", "hdfs", "sql", "excel",
    *(name.casefold() for name in (*calendar.month_name[1:], *calendar.month_abbr[1:],
                                   *calendar.day_name)),
})
_DEPARTMENT_ENDINGS = ("ology", "ics", "iatry")


def _care_unit(word: str) -> bool:
    """A ward, unit, department or title (`ICU`, `Cardiology`, `Dr.`), not a place's name."""
    key = word.casefold().rstrip(".")
    key = key[:-2] if key.endswith(("'s", "’s")) else key
    return key in _CARE_UNITS or key.endswith(_DEPARTMENT_ENDINGS)


_REACH = 160  # characters: longer than any `_FACILITY` match
# A word every `_FACILITY` match holds (its facility phrase's last word, or `Sinai`): one
# regex pass, which skips in C to the capitals these start with (a substring check per
# word costs a pass each).
_FACILITY_WORD = re.compile(trie({*(word.split()[-1] for word in FACILITY_WORDS), "Sinai"}))


class FacilityRecognizer:
    name = "pattern:facility"

    def find(self, text: str) -> Iterator[Finding]:
        if _FACILITY_WORD.search(text):
            for match in _facility_matches(text):
                words = match.group().split()
                head = [w for w in words[:-1] if w.casefold() not in _GENERIC]
                if not head and "Sinai" not in match.group():
                    continue  # `Community Hospital`, `General Hospital`: no proper name
                if words[-1] == "General" and (
                        any(w.casefold() in _GENERAL_TITLES for w in head) or not (
                            _PLACE_PREPOSITION_BEFORE.search(
                                text, max(0, match.start() - 6), match.start()))):
                    continue
                yield Finding(match.start(), match.end(), "LOCATION", "phi", 0.8, self.name)
        yield from _places_of_care(text)


def _facility_matches(text: str) -> Iterator[regex.Match[str]]:
    """`_FACILITY.finditer(text)`, read only around the facility words every match holds
    (a third of the time on notebook cells; the same matches on 25,000 texts): a match
    starts at most `_REACH` characters before its word (a proper name longer than that
    is no facility's) and ends within `_REACH` after it. A match that ends where a
    window is cut may be cut itself (`Hospital|ity`): it is left to its own word's."""
    last_end = 0
    for word in _FACILITY_WORD.finditer(text):
        if word.start() < last_end:
            continue
        stop = min(len(text), word.end() + _REACH)
        for match in _FACILITY.finditer(text, max(last_end, word.start() - _REACH), stop):
            if match.end() == stop < len(text):
                break
            last_end = match.end()
            yield match


def _places_of_care(text: str) -> Iterator[Finding]:
    """`admitted to UCSF`, `seen at the Dallas clinic`: the place a care verb names. Not
    in all-capital text, where nothing tells a name from a word (`ADMITTED TO CCU`)."""
    for cue in _PREPOSITION.finditer(text):
        words_before = text[max(0, cue.start() - 16):cue.start()].split()
        verb = words_before[-1].lower().lstrip("(['\"") if words_before else ""
        verb = verb[2:] if verb.startswith("re") and verb[2:] in _CARE_VERBS else verb
        if cue.group(1) not in _CARE_VERBS.get(verb, ()):
            continue
        match = _PLACE_AFTER_CARE.match(text, cue.end())
        if not match or match.group("det") and not match.group("noun"):
            continue  # `admitted to the ICU`
        words = match.group("place").split()
        if _care_unit(words[0]) or all(w.casefold() in _GENERIC or _care_unit(w)
                                        for w in words):
            continue
        around = text[max(0, cue.start() - 40):cue.start()] + text[match.end():match.end() + 40]
        if not any(c.islower() for c in around):
            continue
        yield Finding(match.start("place"), match.end(), "LOCATION", "phi", 0.75,
                      FacilityRecognizer.name)
