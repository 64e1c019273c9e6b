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

import re
from collections.abc import Iterator

import regex

from .dates import CALENDAR_WORDS
from .english_words import lemma_index_words
from .finding import Finding
from .name_context import about_a_patient, sentence_and_line_before
from .recognizer import trie
from .scan_view import about_a_patient_of, lowered_in_place_of

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
    # where a patient lives under care (`lives at Oakmont Assisted Living`)
    "Assisted Living", "Assisted living", "Nursing Facility", "Nursing Center",
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
    "animal", "pet", "veterinary", "dental", "eye", "women's", "population", "assisted",
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
    r"med[ ]center|medical[ ]center|campus|ER|ED))?(?![\p{L}\p{N}])"
    r"(?![ ]?\d(?!\d?/\d|\d?[ ]?(?:wks?|weeks?|days?|d|mos?|months?|yrs?|years?|hrs?)\b))"
)  # (a number after is a room's, not a time's: `admitted to Bed 2`, `to Sinai 2 wks ago`)
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
    "neuro", "floor", "ct", "mri", "cath", "echo", "scan", "dialysis", "endoscopy", "bb",
    "tcu", "vicu", "tsicu", "stepdown", "tele", "telemetry", "cmed", "psych",
    "ed", "er", "ew", "or", "ir", "amu", "mau", "sdu", "a&e", "l&d", "snf", "ltac",
    "ltach", "alf", "osh", "va", "vamc", "home", "rehab", "hospice", "hospital", "clinic",
    "nuclear", "interventional", "internal", "vascular", "thoracic", "cardiac",
    "emergency", "surgery", "medicine", "triage", "pharmacy", "lab", "laboratory", "ward",
    "theatre", "theater", "casualty", "outpatients", "ent", "gi", "ob", "obgyn",
    # titles and the words before a number: a person or a part of a text, no place
    "dr", "mr", "mrs", "ms", "prof", "table", "figure", "fig", "section", "chapter",
    "appendix", "step", "line", "page", "level", "stage", "time",
    "age", "day", "night", "week", "month", "year", "room", "bed",
    # machines and stores data is transferred to (`transferred to GPU`)
    "gpu", "cpu", "tpu", "ram", "disk", "aws", "gcp", "azure", "hdfs", "sql", "excel",
    *CALENDAR_WORDS,
})
_DEPARTMENT_ENDINGS = ("ology", "ics", "iatry")


def _care_unit(word: str) -> bool:
    """A ward, unit, department or title (`ICU`, `Cardiology`, `Dr.`), not a place's name."""
    key = word.casefold().rstrip(".")
    key = key[:-2] if key.endswith(("'s", "’s")) else key
    return key in _CARE_UNITS or key.endswith(_DEPARTMENT_ENDINGS)


_REACH = 160  # characters: longer than any `_FACILITY` match
# A word every `_FACILITY` match holds (its facility phrase's last word, or `Sinai`; the
# whole phrase where that word is in lower case, `Assisted living`, as prose is full of
# `living`): one regex pass, which skips in C to the capitals these start with (a
# substring check per word costs a pass each).
_FACILITY_WORD = re.compile(trie({
    *(word.split()[-1] if word.split()[-1][:1].isupper() else word for word in FACILITY_WORDS),
    "Sinai"}))


class FacilityRecognizer:
    name = "pattern:facility"

    def load(self) -> None:
        """Read the lexicon and the name lists once, before the first scan's clock
        starts; GeoNames' towns only when a note needs them (as `PlaceRecognizer`)."""
        from .name_lists import name_lists

        lemma_index_words()
        name_lists().kinds  # noqa: B018 - worked out once, here

    def find(self, text: str) -> Iterator[Finding]:
        found = list(self._find(text))
        yield from found
        if found:
            yield from _named_again(text, found)
            yield from _listed_after(text, found)

    def _find(self, text: str) -> Iterator[Finding]:
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
        lowered = lowered_in_place_of(text)
        yield from _places_in_notes(text, lowered)
        if any(word in lowered for word in _DEVOTIONAL_ANCHORS):
            yield from _devotional_names(text, lowered)


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
    """`admitted to UCSF`, `seen at the Dallas clinic`: the place a care verb names; in a
    sentence about a patient, what `at` names (`diagnosed by Dr. Lee at Stanford`). Not
    in all-capital text, where nothing tells a name from a word (`ADMITTED TO CCU`)."""
    lowered = None
    for cue in _PREPOSITION.finditer(text):
        words_before = text[max(0, cue.start() - 16):cue.start()].split()
        verb = words_before[-1].lower().lstrip("(['\"") if words_before else ""
        if verb in ("him", "her", "them", "pt", "patient") and len(words_before) > 1:
            verb = words_before[-2].lower()  # `treated him at`
        verb = verb[2:] if verb.startswith("re") and verb[2:] in _CARE_VERBS else verb
        by_verb = cue.group(1) in _CARE_VERBS.get(verb, ())
        moved = cue.group(1) in _MOVE_VERBS.get(verb, ())
        if not (by_verb or moved or cue.group(1) in ("at", "@")):
            continue
        match = _PLACE_AFTER_CARE.match(text, cue.end())
        if not match or match.group("det") and not match.group("noun"):
            continue  # `admitted to the ICU`
        words = match.group("place").split()
        if _care_unit(words[0]) or all(w.casefold() in _GENERIC or _care_unit(w)
                                        for w in words) and not _named_facility(words):
            continue
        around = text[max(0, cue.start() - 40):cue.start()] + text[match.end():match.end() + 40]
        if not any(c.islower() for c in around):
            continue
        if moved and not by_verb and verb in _TO_A_PERSON and len(words) == 1 and (
                _given_name(words[0])):
            continue  # `sent to Maria`, `brought to Anna`: a person
        if not by_verb:
            lowered = lowered_in_place_of(text) if lowered is None else lowered
            if not _names_a_place(words, text, match.end(), moved) or not (
                    about_a_patient(text, *sentence_and_line_before(
                        text, cue.start(), match.end()), lowered)):
                continue
        yield Finding(match.start("place"), match.end(), "LOCATION", "phi", 0.75,
                      FacilityRecognizer.name)
    yield from _places_before_a_place_noun(text)


#: Verbs of going and bringing, and the prepositions after which they name a place,
#: when the sentence is about a patient (`came to General Hospital`).
_MOVE_VERBS: dict[str, tuple[str, ...]] = {
    "came": ("to",), "went": ("to",), "sent": ("to",), "brought": ("to",),
    "arrived": ("from", "at"), "visit": ("at", "to"), "transfer": ("to", "from"),
    "transfered": ("to", "from"), "admit": ("to", "from"), "observed": ("at",),
    "consulted": ("at",), "presented": ("at",), "presenting": ("at",),
}
#: Move verbs whose `to` as often leads to a person as to a place: after them a given
#: name alone is the person (`sent to Maria`), not a hospital (`went to Stanford` is one).
_TO_A_PERSON = frozenset({"sent", "brought", "came"})


def _given_name(word: str) -> bool:
    """A given name of the name lists, strong or weak, that is no town GeoNames knows."""
    from .geography import is_place_name
    from .name_lists import name_lists

    return name_lists().kind(word) in ("G", "g") and not is_place_name(word)


#: Readings after `at` in a note that are a measure, not a place (`at SBP 90`).
_MEASURES = frozenset("sbp dbp map hr rr cvp bp pcwp ci svr spo2 fio2 peep am pm noon".split())
_FACILITY_LAST_WORDS = frozenset(word.split()[-1] for word in FACILITY_WORDS)


def _named_facility(words: list[str]) -> bool:
    """`General Hospital`, `City Medical Center`: capitalised words that end in a
    facility word are a facility's name, though each word is generic."""
    return len(words) >= 2 and words[-1] in _FACILITY_LAST_WORDS and words[-1] != "General" \
        and all(word[0].isupper() for word in words) and words[0].casefold() not in (
            "the", "a", "an", "this", "that", "our", "your", "their", "his", "her", "my")


def _names_a_place(words: list[str], text: str, end: int, moved: bool = False) -> bool:
    """Whether the capitalised words after `at` name a place: a town, a facility, a
    listed surname (`Stanford`, `Kernan`) or initials (`UCSF`), not an English word or
    a measure (`at Risk`, `at SBP 90`); after a move of the patient (`moved`: `arrived
    from`), also a word of five letters or more no English word is (`Arundel`)."""
    from .geography import is_place_name
    from .name_lists import name_lists

    if _named_facility(words) or any(
            is_place_name(" ".join(words[:count])) and not _is_state_or_country(
                " ".join(words[:count])) for count in range(len(words), 0, -1)):
        return True
    keys = [word.casefold().strip(".").removesuffix("'s").removesuffix("’s") for word in words]
    if keys[0] in _MEASURES or text[end:end + 2].strip()[:1] in ("<", ">", "="):
        return False
    for key, word in zip(keys, words, strict=True):
        if key in CALENDAR_WORDS or key in _GENERIC:
            continue
        kind = name_lists().kind(key)
        if word.isupper():  # initials: `UCSF`, or short ones before a name (`MD Anderson`)
            if key not in lemma_index_words() and (len(key) >= 4 or any(
                    later.istitle() for later in words[words.index(word) + 1:])):
                return True
        elif kind in ("G", "S", "N") or is_place_name(key) or moved and len(key) >= 5 and (
                key.isalpha() and word[1:].islower() and key not in lemma_index_words()
                and not _typo_of_a_word(key)):  # (`from North Arundel`, not `Stepdwn`)
            return True
    return False


# `our Houston clinic`, `the San Francisco office`: a town's name before a place noun,
# read back from each place noun (found in one `re` pass led by its blank).
_PLACE_NOUN = re.compile(r"[ ](?:clinic|office|hospital|practice|location|site|branch|campus)"
                         r"(?![A-Za-z])")
_TOWN_BEFORE_PLACE_NOUN = regex.compile(
    r"\b(?:our|the|your)[ ](?P<place>\p{Lu}\p{Ll}+(?:[ ]\p{Lu}\p{Ll}+){0,2})$")


def _places_before_a_place_noun(text: str) -> Iterator[Finding]:
    from .geography import is_place_name

    for noun in _PLACE_NOUN.finditer(text):
        match = _TOWN_BEFORE_PLACE_NOUN.search(text, max(0, noun.start() - 50), noun.start())
        if match and is_place_name(match.group("place")) and not _is_state_or_country(
                match.group("place")):
            yield Finding(match.start("place"), noun.end(), "LOCATION", "phi", 0.75,
                          FacilityRecognizer.name)


def _is_state_or_country(words: str) -> bool:
    from .places import COUNTRIES, US_STATES

    return words in US_STATES.values() or words in COUNTRIES


# Notes written all in capitals or all in lower case (`TRANSFERRED FROM CALVERT HOSPITAL`,
# `awaiting rehab at kimbrough rehab`, `transfer to quartermain 2`, `sent to GH`): case
# says nothing there, so a name is told from a word by the lexicon (an English word is
# no name; a town GeoNames knows is), by a saint, or by the cue before it.
_CASELESS_FACILITY_WORDS = tuple(sorted(
    {word.lower() for word in FACILITY_WORDS} - {"general", "health care", "healthcare"}
    | {"rehab facility", "rehab hospital", "memorial", "campus", "pavilion", "building"},
    key=len, reverse=True))
#: Facility words after which a word no English word is names the place (`KIMBROUGH
#: REHAB`); before the others (`COUMADIN CLINIC`) it may name a kind of care.
_PLACE_FACILITY_WORDS = frozenset(
    {"rehab", "rehabilitation", "rehab center", "rehabilitation center", "rehab facility",
     "rehab hospital", "nursing home", "hospice", "infirmary", "sanatorium", "campus",
     "pavilion"})
#: Facility words after which a cue (`to`, `from`, `at`, `in`) makes any words a name:
#: `TRANSFERRED FROM MEMORIAL HOSPITAL` (`to cardiac rehab` is a kind of care).
_STRONG_FACILITY_WORDS = frozenset(
    {"hospital", "hosp", "hosp.", "medical center", "medical centre", "med center",
     "med ctr", "med. center", "medical ctr", "infirmary"})
# A facility word after a blank (its name stands before it): led by the blank, a literal.
_CASELESS_FACILITY = re.compile(
    r"[ ](?P<word>" + trie(_CASELESS_FACILITY_WORDS) + r")(?![a-z0-9])")
#: The words a place's name may hold in a note: letters, then `'`, `-`, `.` inside.
_NOTE_WORD = re.compile(r"[a-z][a-z'’.-]*[a-z.]|[a-z]")
#: Words before a facility word that make it no name (a kind of care, an adjective).
_KINDS_OF_CARE = frozenset("""
acute subacute sub-acute cardiac cardio pulm ortho onc pulmonary psych psychiatric physical
occupational stroke
drug alcohol detox short long term outside area nearby another affiliated childrens
children's womens women's va rehab nursing day partial skilled transitional residential
geriatric pediatric adult chronic vestibular neuro orthopedic his her their its
which what whose whichever any both either neither one two three same each every all some
no not these those what's which's into onto than then
rehabilitation specialty care teaching military army navy veterans federal heart cancer
eye dental women children university city county state community mental behavioral
""".split())
#: Words after a facility word that make it a part of a stay, not a place.
_STAY_WORDS = frozenset("""
course stay day days admission admissions visit visits bed beds records record policy
gown acquired staff stays
""".split())
_CUE_BEFORE = re.compile(r"(?:^|[^a-z])(?:to|from|at|in|by)[ ](?:the[ ])?$")
_SAINTS = ("st", "st.", "saint", "mt", "mt.", "mount")


def _name_like(word: str) -> bool:
    """A word of a note that reads as a name: a town GeoNames knows (`baltimore`), or
    four letters or more that no English word is (`kimbrough`, `kessler-adventist`)."""
    from .geography import is_place_name

    word = word.strip(".")
    word = word[:-2] if word.endswith(("'s", "’s")) else word
    if len(word) >= 4 and is_place_name(word) and word not in _KINDS_OF_CARE:
        return True
    parts = [part for part in word.split("-") if part]
    return len(word) >= 5 and word.replace("-", "").isalpha() and word.isascii() and not (
        _care_unit(word)) and any(part not in lemma_index_words() for part in parts)


def _uninformative_case(text: str) -> bool:
    """Whether `text`'s letters are all capitals or all lower case."""
    return text.isupper() or text.islower()


def _places_in_notes(text: str, lowered: str) -> Iterator[Finding]:
    """Facilities, saints, hospitals' initials and buildings as notes name them.
    `lowered`: `lowered_in_place(text)`."""
    yield from _caseless_facilities(text, lowered)
    if " st. " in lowered or " st " in lowered or " saint " in lowered:
        yield from _saints(text, lowered)
    if about_a_patient_of(text, lowered):  # the scan's answer, asked once
        yield from _hospital_initials(text, lowered)
        yield from _buildings(text, lowered)
        yield from _places_after_a_move(text, lowered)


# `ADMITTED TO CALVERT`, `arrived via amb from kernan`, `was transferred to Kimbrough`:
# where a patient is moved to or from, a place's short name (no facility word), read
# after each ` to ` and ` from ` that `str.find` sees.
_MOVE_PREPOSITIONS = (" to ", " from ")
_NAME_AFTER_A_MOVE = re.compile(r"(?:the[ ])?(?P<name>[a-z][a-z'’-]{3,})(?![a-z0-9])")
#: The words right before the preposition that make it a move of the patient.
_MOVE_WORDS = frozenset("""
admitted admit readmitted transferred transfered transfer trans xfer xferred sent went go
going goes returned return returning brought came come arrived discharged moved referred
taken amb ambulance ems medflight helicopter flown
d/c dc d/c'd dc'd dc'ed d/ced discharge discharging dispo transferring transfering
transported
""".split())
#: Words between a move and its preposition: `went back to`, `transferred here from`.
_BETWEEN_A_MOVE = frozenset({"back", "here", "over"})
#: Names after a move that are a procedure's room or a ward (`returned from angio`,
#: `transferred to the NISICU`), not a place.
_NOT_A_PLACE_AFTER_A_MOVE = frozenset("""
sleep bed chair commode bathroom floor unit home rehab hospice work school church court
angio angiography cath ercp egd tee bronch bronchoscopy colonoscopy xray x-ray ultrasound
nucs nuclear radiology interventional holding recovery
""".split())
_WARD_ENDINGS = ("icu", "ccu", "unit", "pacu", "ward")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _typo_of_a_word(word: str) -> bool:
    """Whether one letter deleted, swapped, changed or added makes `word` an English
    word: notes hold typos (`transfered to commonde`, `return to discess`), no place."""
    english = lemma_index_words()
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    for left, right in splits:
        if right and left + right[1:] in english:
            return True
        if len(right) > 1 and left + right[1] + right[0] + right[2:] in english:
            return True
        for letter in _LETTERS:
            if right and left + letter + right[1:] in english or left + letter + right in (
                    english):
                return True
    return False


def _after_a_move(lowered: str) -> Iterator[re.Match[str]]:
    """The word (`_NAME_AFTER_A_MOVE`) after each ` to ` or ` from ` a move word
    (`_MOVE_WORDS`, maybe then `back`) comes right before."""
    for preposition in _MOVE_PREPOSITIONS:
        at = lowered.find(preposition)
        while at >= 0:
            word_start = lowered.rfind(" ", 0, at) + 1
            word = lowered[word_start:at]
            if word in _BETWEEN_A_MOVE:
                word = lowered[lowered.rfind(" ", 0, word_start - 1) + 1:word_start - 1]
            if word in _MOVE_WORDS and (
                    match := _NAME_AFTER_A_MOVE.match(lowered, at + len(preposition))):
                yield match
            at = lowered.find(preposition, at + 1)


def _places_after_a_move(text: str, lowered: str) -> Iterator[Finding]:
    """A place's name after a move of the patient: a word that reads as a name
    (`_name_like`: a town GeoNames knows, or no English word), capitalised or in a note
    without case."""
    for match in _after_a_move(lowered):
        name = match.group("name").strip("'’-")
        start = match.start("name")
        end = start + len(name)
        written = text[start:end]
        if name in _NOT_A_PLACE_AFTER_A_MOVE or name.endswith(_WARD_ENDINGS) or (
                _care_unit(name)) or not _name_like(name):
            continue
        if not (written[:1].isupper() or _uninformative_case(
                text[max(0, match.start() - 40):match.end() + 40])):
            continue
        from .geography import country_names, is_place_name
        from .name_lists import name_lists

        kind = name_lists().kind(name)
        if kind in ("G", "g", "N", "n"):
            continue  # a given name: `sent to Maria` is a person
        if _is_state_or_country(name.title()) or name.title() in country_names():
            continue  # `moved to Idaho`, `going to Bermuda`: no place smaller than a state
        if kind != "S" and not is_place_name(name) and (written.islower() or _typo_of_a_word(
                name)):
            continue  # (typed in lower case, a word no list knows is as often a typo)
        yield Finding(start, end, "LOCATION", "phi", 0.7, FacilityRecognizer.name)


# `transfer to St. Mary's`, `TO GO TO ST. MARY ON TUESDAY`: a saint's name after a
# preposition of place is a hospital, church or town.
# Each led by a blank, a literal the engine skips to (a look-behind first costs a try at
# every character).
_SAINT_AFTER_CUE = re.compile(
    r"[ ](?:to|from|at|in)[ ](?P<place>(?:st\.?|saint)[ ](?P<name>[a-z]{3,})(?:['’]s)?)"
    r"(?![a-z])")


def _saints(text: str, lowered: str) -> Iterator[Finding]:
    from .name_lists import COMMON_WORDS, name_lists

    for match in _SAINT_AFTER_CUE.finditer(lowered):
        name = text[match.start("name"):match.end("name")]
        saint = text[match.start("place"):match.start("name")]
        if saint[0].isupper() and name[0].isupper() and name_lists().kind(name) in (
                "G", "N", "g", "n") and name.lower() not in COMMON_WORDS:
            yield Finding(match.start("place"), match.end("place"), "LOCATION", "phi", 0.75,
                          FacilityRecognizer.name)


# `sent to GH`, `SEEN BY GBMC NURSE`, `followed at gh`: a hospital's initials (ending in
# H, MC or HC, as MGH, BIDMC) after a preposition of place, in a note about a patient.
_INITIALS_AFTER_CUE = re.compile(
    r"[ ](?:(?:to|from|at|in|leave|left|TO|FROM|AT|IN|LEAVE|LEFT)[ ](?:the[ ]|THE[ ])?"
    r"(?P<initials>[A-Z]{0,2}H)"
    r"|(?:to|from|at|in|by|the|TO|FROM|AT|IN|BY|THE)[ ](?P<centre>[A-Z]{1,3}(?:MC|HC))"
    r"|(?:to|from|at)[ ](?P<lower>[a-z]{0,2}h|[a-z]{1,3}(?:mc|hc)))(?![A-Za-z0-9])")
#: Initials ending so that are a finding or a hormone, not a hospital.
_NOT_HOSPITAL_INITIALS = frozenset("""
nph ich sah bph lvh rvh pph osh tah ivh sdh edh ph dh ch sh th tsh acth adh lh fsh pth
hh mh ah eh oh uh nh rh wh bh vh xh doh hoh the wh ash ugh huh meh bah nah pmh psh fh
""".split())


#: Where `_INITIALS_AFTER_CUE` can match, read on the lower-cased text: one alternation
#: tried at each blank, not its three (the full pattern is tried only where this one
#: matches).
_INITIALS_ANYCASE = re.compile(
    r"[ ](?=(?:to|from|at|in|by|the|leave|left)[ ](?:the[ ])?[a-z]{0,3}(?:h|mc|hc)"
    r"(?![a-z0-9]))")


def _initials_after_cue(text: str, lowered: str) -> Iterator[re.Match[str]]:
    """`_INITIALS_AFTER_CUE.finditer(text)`, tried only where `_INITIALS_ANYCASE` matches
    in `lowered` (whose ASCII letters are `text`'s, lowered)."""
    position = 0
    for hint in _INITIALS_ANYCASE.finditer(lowered):
        if hint.start() >= position and (
                match := _INITIALS_AFTER_CUE.match(text, hint.start())) is not None:
            position = match.end()
            yield match


#: In a line with case, hospital initials typed in lower case count after `at` or
#: `from` (`had surgery at wgh`), not after `to` (`response to gh` is a hormone).
_LOWER_INITIALS_CUE = re.compile(r"[ ](?:at|from)[ ]")


def _hospital_initials(text: str, lowered: str) -> Iterator[Finding]:
    for match in _initials_after_cue(text, lowered):
        group = next(name for name in ("initials", "centre", "lower") if match.group(name))
        initials = match.group(group)
        key = initials.lower()
        if key in _NOT_HOSPITAL_INITIALS or key in lemma_index_words() or (
                initials.islower() and not (
                _uninformative_case(text[max(0, match.start() - 60):match.end() + 60]))
                and not _LOWER_INITIALS_CUE.match(text, match.start())):
            continue
        yield Finding(match.start(group), match.end(group), "LOCATION", "phi", 0.7,
                      FacilityRecognizer.name)


# `transfer to quartermain 2`, `admitted to MICU from Quartermain 3`: a building and its
# floor after a move, when the building's name is no word (`transfer to floor 5` is not).
_BUILDING = re.compile(
    r"[ ](?:to|from|transfer)[ ](?P<name>[a-z][a-z-]{5,})[ ]+\d{1,2}(?![0-9:.,]\d)")
_MOVES = re.compile(r"transf|admit|adm\b|sent|moved|return|arriv|went|go\b|back")
_WARDS = frozenset("stepdown step-down tele vicu cvicu tsicu floor ward pod bay".split())


def _buildings(text: str, lowered: str) -> Iterator[Finding]:
    for match in _BUILDING.finditer(lowered):
        name = match.group("name")
        if name in _WARDS or not _name_like(name) or not _MOVES.search(
                lowered, max(0, match.start() - 40), match.end()):
            continue
        yield Finding(match.start("name"), match.end("name"), "LOCATION", "phi", 0.7,
                      FacilityRecognizer.name)


def _caseless_facilities(text: str, lowered: str) -> Iterator[Finding]:
    """`CALVERT HOSPITAL`, `baltimore rehab`, `ST MARY HOSPITAL`, `TRANSFERRED FROM
    MEMORIAL HOSPITAL`: a facility word in a note without case, after a name."""
    from .geography import is_place_name

    for blank in _CASELESS_FACILITY.finditer(lowered):
        start, end, facility_word = blank.start("word"), blank.end("word"), blank.group("word")
        line_start = max(lowered.rfind("\n", 0, start) + 1, start - 60)
        uninformative = _uninformative_case(text[line_start:end])
        if not uninformative and facility_word not in _STRONG_FACILITY_WORDS:
            continue
        after = lowered[end:end + 12].split()
        if after and after[0].strip(".,;:") in _STAY_WORDS:
            continue
        words = list(_NOTE_WORD.finditer(lowered, line_start, start))
        head: list[re.Match[str]] = []
        position = start
        for word in reversed(words):
            if word.end() != position - 1 or lowered[word.end()] != " ":
                break
            key = word.group()
            if key in _GENERIC or key in _KINDS_OF_CARE or (
                    _care_unit(key) and key not in _SAINTS) or len(head) == 2:
                break
            head.insert(0, word)
            position = word.start()
        if not head:
            continue
        keys = [word.group() for word in head]
        saint = keys[0] in _SAINTS and len(keys) > 1
        cue = (facility_word in _STRONG_FACILITY_WORDS
               and _CUE_BEFORE.search(lowered, max(0, head[0].start() - 12), head[0].start()))
        named = any(_name_like(key) for key in keys) and (
            facility_word in _PLACE_FACILITY_WORDS or facility_word in _STRONG_FACILITY_WORDS
            or any(is_place_name(key) for key in keys))
        if not uninformative and not (cue and text[head[0].start():end].islower()):
            continue  # in a line with case, only `presented to holy cross hospital`: a
            # hospital's name typed in lower case after a preposition of place
        if saint or cue or named:
            yield Finding(head[0].start(), end, "LOCATION", "phi", 0.75,
                          FacilityRecognizer.name)


# `went to Holy Cross`, `transfer back to good samaritan`, `seen at Our Lady of Lourdes`:
# hospitals carry devotional names made of English words (a cross, a shepherd, a heart),
# so neither case nor the lexicon tells them from prose; a preposition of place right
# before one, in a text about a patient, does. The second words are those US hospitals
# carry; `Our Lady of` takes any capitalised name.
_DEVOTIONAL = {
    "holy": ("cross", "family", "name", "redeemer", "spirit", "trinity", "rosary",
             "innocents", "angels"),
    "good": ("samaritan", "shepherd"),
    "sacred": ("heart",),
    "divine": ("providence", "savior", "saviour", "mercy"),
    "precious": ("blood",),
}
_DEVOTIONAL_ANCHORS = ("holy ", "good s", "sacred ", "divine ", "precious ", "our lady of ")
_DEVOTIONAL_NAME = re.compile(
    r"(?:^|[^a-z])(?:at|to|from)[ ](?P<name>"
    + "|".join(f"{first}[ ](?:{'|'.join(seconds)})" for first, seconds in _DEVOTIONAL.items())
    + r"|our[ ]lady[ ]of[ ][a-z][a-z'’-]+(?:[ ][a-z][a-z'’-]+)?)(?![a-z0-9])")


def _devotional_names(text: str, lowered: str) -> Iterator[Finding]:
    """Hospitals' devotional names after `at`, `to` or `from` (`_DEVOTIONAL_NAME`), in a
    text about a patient; in a line with case, the name is capitalised or all in lower
    case (`to Holy Cross`, `to holy cross`, not `to Holy cross`). `lowered`:
    `lowered_in_place(text)`."""
    patient: bool | None = None
    for match in _DEVOTIONAL_NAME.finditer(lowered):
        start, end = match.span("name")
        written = text[start:end]
        if lowered.startswith("our lady of ", start):
            head, rest = written[:8], written[12:]
            if not (head.istitle() or head.isupper() or head.islower()) or not (
                    rest[:1].isupper() or written.islower()):
                continue  # `Our Lady of` takes a capitalised name
            words = rest.split()
            if len(words) > 1 and not words[1][:1].isupper():
                end = start + 12 + len(words[0])
        elif not (written.istitle() or written.isupper() or written.islower()):
            continue
        if patient is None:
            patient = about_a_patient_of(text, lowered)
        if not patient:
            return
        yield Finding(start, end, "LOCATION", "phi", 0.75, FacilityRecognizer.name)


# `TRANSFERRED FROM CALVERT HOSPITAL ... 7/23 AT CALVERT-`, `to quartermain 2 ... p: to
# quartermain 2 at 1000`, `sent to GH ... when GH attorneys`: a note names the place of
# care in full once and by its name alone after. Once a text names a facility, its name
# (the words before the facility word, or the whole name found without one) is a place
# wherever else that text holds it, when the name cannot be a word: initials in capitals
# (matched as written), or words no English word is (in any case: notes change case).
# The text is flagged already, so this adds spans, never a flagged text.
_FACILITY_PHRASE_WORDS = frozenset(
    part.casefold().rstrip(".") for phrase in (*FACILITY_WORDS, *_CASELESS_FACILITY_WORDS)
    for part in phrase.split())
_INITIALS = re.compile(r"[A-Z]{2,6}")
_NAME_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")


def _name_of(written: str) -> str | None:
    """The part of a found facility that names it (`CALVERT` of `CALVERT HOSPITAL`), if
    it cannot be an English word; None otherwise. A country after a comma is left out
    (`Wronki, Poland`)."""
    words = written.split(",")[0].split()
    while words and words[-1].casefold().rstrip(".") in _FACILITY_PHRASE_WORDS:
        words.pop()
    if not words or len(words) > 3:
        return None
    if len(words) == 1 and _INITIALS.fullmatch(words[0]):
        key = words[0].lower()
        return None if key in _NOT_HOSPITAL_INITIALS or key in lemma_index_words() else words[0]
    english = lemma_index_words()
    keys = [word.casefold().removesuffix("'s").removesuffix("’s") for word in words]
    if not all(_NAME_WORD.fullmatch(word) for word in words) or any(
            key in _GENERIC or key in CALENDAR_WORDS or _care_unit(key) for key in keys) or (
            all(key in english or len(key) < 4 for key in keys)):
        return None
    return " ".join(words)


def _named_again(text: str, found: list[Finding]) -> Iterator[Finding]:
    """The other places in `text` that hold the name of a facility `found` there
    (`_name_of`), each once."""
    for start, end in named_again(text, found):
        yield Finding(start, end, "LOCATION", "phi", 0.7, FacilityRecognizer.name)


def named_again(text: str, found: list[Finding]) -> Iterator[tuple[int, int]]:
    """The spans of `text` outside every finding `found` that hold the name
    (`_name_of`) of one of them, each once: its name named again (`places` asks this
    of the towns it finds too)."""
    names = {name for f in found if (name := _name_of(text[f.start:f.end]))}
    if not names:
        return
    taken = [(f.start, f.end) for f in found]
    lowered = lowered_in_place_of(text)
    for name in sorted(names, key=len, reverse=True):
        initials = name.isupper() and " " not in name and len(name) <= 6
        haystack, needle = (text, name) if initials else (lowered, name.lower())
        at = haystack.find(needle)
        while at >= 0:
            end = at + len(needle)
            if _a_whole_name(text, at, end) and not any(
                    start < end and at < stop for start, stop in taken):
                taken.append((at, end))
                yield at, end
            at = haystack.find(needle, end)


def _a_whole_name(text: str, start: int, end: int) -> bool:
    """No letter or digit runs on either side of text[start:end], except a capital glued
    right after a name in lower case (`QuartermainBuilding`)."""
    before, after = text[start - 1:start], text[end:end + 1]
    if before.isalnum():
        return False
    return not after.isalnum() or after.isupper() and text[end - 1].islower()


# `SCREENED BY HALVORSEN REHAB AND KIMBROUGH`, `at Mercy Hospital or Wexworth`: a list of
# places of care names its others by their short name; a word after `and`, `or` or a
# comma right after a found facility, written in the facility's case, when it reads as a
# name (`_name_like`) and no given name, ward or a typo of a word is (`and Coumadin` is
# a drug: no English word, but one letter off none either; it stays a name).
_LISTED_AFTER = re.compile(r"(?:[ ](?:and|or|AND|OR)|,)[ ](?P<name>[A-Za-z][A-Za-z'’-]{3,}"
                           r"[A-Za-z])(?![A-Za-z0-9])")


def _same_case(facility: str, name: str) -> bool:
    """Whether `name` is written as `facility` is: in capitals, lower case or title case."""
    letters = [c for c in facility if c.isalpha()]
    if all(c.isupper() for c in letters):
        return name.isupper()
    if all(c.islower() for c in letters):
        return name.islower()
    return name[:1].isupper() and name[1:].islower()


def _listed_after(text: str, found: list[Finding]) -> Iterator[Finding]:
    from .geography import is_place_name
    from .name_lists import name_lists

    for facility in found:
        match = _LISTED_AFTER.match(text, facility.end)
        if match is None:
            continue
        written = match.group("name")
        key = written.lower()
        if not _same_case(text[facility.start:facility.end], written) or (
                _care_unit(key) or key in _NOT_A_PLACE_AFTER_A_MOVE or not _name_like(key)
                or name_lists().kind(key) in ("G", "g", "N", "n")):
            continue
        if name_lists().kind(key) != "S" and not is_place_name(key) and _typo_of_a_word(key):
            continue
        yield Finding(match.start("name"), match.end("name"), "LOCATION", "phi", 0.7,
                      FacilityRecognizer.name)
