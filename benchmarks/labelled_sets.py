"""Public span-labelled PHI sets beside presidio-research's, read into its record shape.

Every loader returns records `{"id", "doc", "full_text", "spans", "part", "half"}` (`half`:
`tune-a`, `tune-b` or None) whose spans are
`{"entity_type", "start_position", "end_position"}` in the set's own labels, and says which
of its labels are identifiers we must find (`clear_kinds`, each with the labels of ours
that name the same thing) and on which a finding is no false alarm (`allowed_kinds`).
The data stays outside the repository; see benchmarks/README.md for how to fetch it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TUNE_SHARE = 60  # percent, as scan_external's split

_IDS = ("MEDICAL_RECORD_NUMBER", "HEALTH_PLAN_NUMBER", "UNIQUE_ID", "ACCOUNT_NUMBER")
_PLACE = ("LOCATION", "STREET_ADDRESS", "ZIP_CODE")
_PHONE = ("PHONE_NUMBER", "FAX_NUMBER")


def _bucket(key: str) -> int:
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % 100


def part_of(key: str) -> str:
    """`tune` or `held-out`, fixed by the key's hash (no seed, no order)."""
    return "tune" if _bucket(key) < TUNE_SHARE else "held-out"


def tune_half(key: str) -> str | None:
    """`tune-a` or `tune-b` for a key of the tune part (None for held-out): a rule found
    on one half's misses that generalises lifts the other half about as much."""
    bucket = _bucket(key)
    return None if bucket >= TUNE_SHARE else "tune-a" if bucket < TUNE_SHARE // 2 else "tune-b"


@dataclass(frozen=True)
class LabelledSet:
    name: str
    title: str
    records: list[dict[str, Any]]
    clear_kinds: dict[str, tuple[str, ...]]
    allowed_kinds: frozenset[str]
    unplaced: int = 0  # labels whose value was not found in its text
    prompts: bool = False  # texts a person sends to a model: the gate adds placeholders


# ------------------------------------------------------------------ ASQ-PHI

#: ASQ-PHI label → our labels that name the same thing
ASQ_KINDS: dict[str, tuple[str, ...]] = {
    "NAME": ("PERSON",),
    "GEOGRAPHIC_LOCATION": _PLACE,
    "DATE": ("DATE",),
    "MEDICAL_RECORD_NUMBER": _IDS,
    "HEALTH_PLAN_BENEFICIARY_NUMBER": _IDS,
    "UNIQUE_IDENTIFIER": _IDS,
    "ACCOUNT_NUMBER": _IDS,
    "PHONE_NUMBER": _PHONE,
    "FAX_NUMBER": _PHONE,
    "SOCIAL_SECURITY_NUMBER": ("US_SSN",),
    "EMAIL_ADDRESS": ("EMAIL_ADDRESS",),
    "CERTIFICATE_LICENSE_NUMBER": ("LICENSE_NUMBER",),
    "IP_ADDRESS": ("IP_ADDRESS",),
}
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def load_asq_phi(path: Path) -> LabelledSet:
    """ASQ-PHI's `synthetic_clinical_queries.txt`: `===QUERY===` text, then
    `===PHI_TAGS===` and one JSON `{identifier_type, value}` a line. Values carry no
    offsets: each is placed at its next occurrence in the query (curly quotes read as
    straight ones). A query is split by a hash of its text."""
    if path.is_dir():
        path = path / "synthetic_clinical_queries.txt"
    records: list[dict[str, Any]] = []
    unplaced = 0
    for i, block in enumerate(path.read_text(encoding="utf-8").split("===QUERY===")[1:]):
        query, _, tags = block.partition("===PHI_TAGS===")
        text = query.strip()
        folded = text.translate(_QUOTES)
        spans = []
        after: dict[str, int] = {}
        for line in tags.strip().splitlines():
            tag = json.loads(line)
            value = tag["value"].translate(_QUOTES)
            start = folded.find(value, after.get(value, 0))
            if start < 0:
                unplaced += 1
                continue
            after[value] = start + len(value)
            spans.append({"entity_type": tag["identifier_type"], "start_position": start,
                          "end_position": start + len(value)})
        records.append({"id": i, "doc": f"q{i}", "full_text": text, "spans": spans,
                        "part": part_of(f"asq-phi:{text}"),
                        "half": tune_half(f"asq-phi:{text}")})
    return LabelledSet("asq-phi", "ASQ-PHI synthetic clinical queries", records, ASQ_KINDS,
                       frozenset(ASQ_KINDS), unplaced, prompts=True)


# ------------------------------------------------------------------ PhysioNet deid

#: PhysioNet deid gold-standard label → our labels that name the same thing
DEID_KINDS: dict[str, tuple[str, ...]] = {
    "PTName": ("PERSON",),
    "PTNameInitial": ("PERSON",),
    "RelativeProxyName": ("PERSON",),
    "HCPName": ("PERSON",),
    "Location": _PLACE,
    "Phone": _PHONE,
    "Date": ("DATE",),
    "Age": ("AGE",),
}
#: a year alone is no Safe Harbor identifier; `Other` is unlabelled PHI: findings there
#: are no false alarm, but neither is counted for recall
DEID_ALLOWED = frozenset(DEID_KINDS) | {"DateYear", "Other"}
_RECORD = re.compile(r"START_OF_RECORD=(\d+)\|\|\|\|(\d+)\|\|\|\|\n(.*?)\|\|\|\|END_OF_RECORD",
                     re.S)


def load_physionet_deid(path: Path) -> LabelledSet:
    """PhysioNet deid 1.1's gold standard: `id.text` (2,434 nursing notes whose PHI was
    replaced by surrogates) and `id-phi.phrase` (`patient note start end type words`).
    A note is split by a hash of its patient, so one patient's surrogates stay in one
    part."""
    notes = {(int(p), int(n)): body for p, n, body in
             _RECORD.findall((path / "id.text").read_text(encoding="utf-8"))}
    spans: dict[tuple[int, int], list[dict[str, Any]]] = {key: [] for key in notes}
    for line in (path / "id-phi.phrase").read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if len(fields) < 6:
            continue
        key, start, end = (int(fields[0]), int(fields[1])), int(fields[2]), int(fields[3])
        body = notes[key]
        while end > start and body[end - 1].isspace():
            end -= 1
        spans[key].append({"entity_type": fields[4], "start_position": start,
                           "end_position": end})
    records = [{"id": i, "doc": f"{p}/{n}", "full_text": notes[(p, n)], "spans": spans[(p, n)],
                "part": part_of(f"physionet-deid:{p}"),
                "half": tune_half(f"physionet-deid:{p}")}
               for i, (p, n) in enumerate(sorted(notes))]
    return LabelledSet("physionet-deid", "PhysioNet deid nursing notes (surrogate PHI)",
                       records, DEID_KINDS, DEID_ALLOWED)


LOADERS: dict[str, Callable[[Path], LabelledSet]] = {
    "asq-phi": load_asq_phi,
    "physionet-deid": load_physionet_deid,
}
