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
from dataclasses import dataclass, field
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


def record(index: int, doc: str, text: str, spans: list[dict[str, Any]], split_key: str
           ) -> dict[str, Any]:
    """One text of a set as `scan_external` reads it, in the part and tune half its
    `split_key` (a document, a case, a patient) falls in."""
    return {"id": index, "doc": doc, "full_text": text, "spans": spans,
            "part": part_of(split_key), "half": tune_half(split_key)}


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
        records.append(record(i, f"q{i}", text, spans, f"asq-phi:{text}"))
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
    records = [record(i, f"{p}/{n}", notes[(p, n)], spans[(p, n)], f"physionet-deid:{p}")
               for i, (p, n) in enumerate(sorted(notes))]
    return LabelledSet("physionet-deid", "PhysioNet deid nursing notes (surrogate PHI)",
                       records, DEID_KINDS, DEID_ALLOWED)


# ------------------------------------------------------------------ TAB (ECHR court cases)

#: TAB label → our labels that name the same thing; only mentions the annotators marked
#: DIRECT or QUASI (to be masked) count, a DATETIME only when it names a day or a month
TAB_KINDS: dict[str, tuple[str, ...]] = {
    "PERSON": ("PERSON",),
    "CODE": (*_IDS, "LICENSE_NUMBER", "US_SSN", "EMAIL_ADDRESS", *_PHONE, "IP_ADDRESS"),
    "DATETIME": ("DATE",),
    "LOC": _PLACE,
}
_TAB_TYPES = ("PERSON", "CODE", "DATETIME", "LOC", "ORG", "DEM", "MISC", "QUANTITY")
_NOT_MASKED = "/NO_MASK"
_NO_DAY = "DATETIME/NO_DAY"
#: any TAB mention is no false alarm: an organisation, a demographic or a mention left
#: unmasked is still a fact about the person, only not one we must find
TAB_ALLOWED = frozenset(_TAB_TYPES) | {t + _NOT_MASKED for t in _TAB_TYPES} | {_NO_DAY}
_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b"
                    r"|\b\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?\b", re.I)
_PARAGRAPH = re.compile(r"\n\s*\n")


def _tab_label(mention: dict[str, Any]) -> str:
    kind = mention["entity_type"]
    if mention["identifier_type"] not in ("DIRECT", "QUASI"):
        return kind + _NOT_MASKED
    if kind == "DATETIME" and not _MONTH.search(mention["span_text"]):
        return _NO_DAY  # a year, a duration, a time of day: no Safe Harbor date
    return kind


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank paragraph (blank-line separated) of `text`."""
    bounds, start = [], 0
    for gap in _PARAGRAPH.finditer(text):
        bounds.append((start, gap.start()))
        start = gap.end()
    bounds.append((start, len(text)))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


def _tab_cases(path: Path) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """(split key, text, mentions) of every case of a TAB-format JSON-lines file (or of
    the first `*.jsonl` of a folder): the key is the case's profile id, else its doc id,
    else its data id, so texts about one person stay in one part."""
    if path.is_dir():
        found = sorted(path.glob("*.jsonl"))
        if not found:
            raise FileNotFoundError(f"no *.jsonl in {path}")
        path = found[0]
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        meta = case["metadata"]
        origin = meta.get("provenance") or {}
        key = ((origin.get("profile") or {}).get("Unique ID") or origin.get("doc_id")
               or meta["data_id"])
        cases.append((str(key), case["text"], case["entities"]))
    return cases


def _tab_records(name: str, path: Path, by_paragraph: bool) -> tuple[list[dict[str, Any]], int]:
    """Records of TAB-format cases, one a paragraph or one a case; mentions whose offsets
    do not hold their text are left out and counted."""
    records: list[dict[str, Any]] = []
    unplaced = 0
    for key, text, mentions in _tab_cases(path):
        placed = [m for m in mentions if text[m["start_offset"]:m["end_offset"]] == m["span_text"]]
        unplaced += len(mentions) - len(placed)
        chunks = paragraphs(text) if by_paragraph else [(0, len(text))]
        for n, (start, end) in enumerate(chunks):
            spans = [{"entity_type": _tab_label(m), "start_position": m["start_offset"] - start,
                      "end_position": m["end_offset"] - start}
                     for m in placed if start <= m["start_offset"] and m["end_offset"] <= end]
            records.append(record(len(records), f"{key}#{n}", text[start:end], spans,
                                  f"{name}:{key}"))
    return records, unplaced


def load_tab(path: Path) -> LabelledSet:
    """The Text Anonymization Benchmark (ECHR court cases) as JSON lines
    `{"metadata": {"provenance": {"doc_id"}}, "text", "entities": [{"entity_type",
    "identifier_type", "start_offset", "end_offset", "span_text"}]}` (one annotator's
    mentions per case).

    Recall counts the mentions the annotator marked to mask (DIRECT or QUASI) of a person,
    a code (application and case numbers), a place and a date that names a day or a month
    (a year alone, a duration or a time of day is no Safe Harbor date: `DATETIME/NO_DAY`).
    An organisation, a demographic attribute, a quantity, `MISC` and every mention left
    unmasked (`…/NO_MASK`: judges, the respondent state, the court) are no false alarm but
    count for nothing. A case is read one paragraph at a time (a court case is pages long;
    a cell or a prompt is a paragraph), offsets relative to the paragraph; a case is split
    by a hash of its id, so its paragraphs stay in one part."""
    records, unplaced = _tab_records("tab", path, by_paragraph=True)
    return LabelledSet("tab", "TAB: ECHR court cases, one paragraph a text", records,
                       TAB_KINDS, TAB_ALLOWED, unplaced)


def load_panorama(path: Path) -> LabelledSet:
    """PANORAMA's synthetic online posts (forum and social-media posts, reviews, ads, each
    written about one synthetic profile) with SPIA's entity spans in TAB's format and
    labels, read as TAB is: a person (names and user handles), a code (phone numbers,
    e-mail addresses, national ID, passport and licence numbers), a place and a date
    marked to mask are identifiers. A post is split by a hash of its profile, so one
    person's posts stay in one part."""
    records, unplaced = _tab_records("panorama", path, by_paragraph=False)
    return LabelledSet("panorama", "PANORAMA synthetic online posts (SPIA spans)", records,
                       TAB_KINDS, TAB_ALLOWED, unplaced)


# ------------------------------------------------------------------ WNUT-17

#: WNUT-17 label → our labels: only a person is an identifier; a place, a group, a
#: company, a product or a creative work is no false alarm
WNUT_KINDS: dict[str, tuple[str, ...]] = {"person": ("PERSON",)}
WNUT_ALLOWED = frozenset({"person", "location", "group", "corporation", "product",
                          "creative-work"})
WNUT_FILES = ("emerging.dev.conll", "emerging.test.annotated")


def conll_texts(source: str) -> list[tuple[str, list[dict[str, Any]]]]:
    """CoNLL `token<TAB>B-label|I-label|O` lines, a blank line between texts: each text
    with its tokens joined by one space and its labelled spans."""
    texts: list[tuple[str, list[dict[str, Any]]]] = []
    for block in re.split(r"\n[ \t]*\n", source):
        tokens: list[str] = []
        spans: list[dict[str, Any]] = []
        at = 0
        for line in block.splitlines():
            token, _, tag = line.rstrip("\n").rpartition("\t")
            if not token.strip():
                continue
            start = at + bool(tokens)
            tokens.append(token)
            at = start + len(token)
            if tag.startswith("I-") and spans and spans[-1]["entity_type"] == tag[2:] \
                    and spans[-1]["end_position"] == start - 1:
                spans[-1]["end_position"] = at
            elif tag[:2] in ("B-", "I-"):
                spans.append({"entity_type": tag[2:], "start_position": start,
                              "end_position": at})
        if tokens:
            texts.append((" ".join(tokens), spans))
    return texts


def load_wnut17(path: Path) -> LabelledSet:
    """WNUT-17 emerging entities (tweets, Reddit, YouTube and Stack Overflow comments):
    the dev and test files of CoNLL lines (or one such file). A person's name is an
    identifier; the other five labels are no false alarm. A text is split by a hash of
    its words."""
    files = [path / name for name in WNUT_FILES if (path / name).exists()] \
        if path.is_dir() else [path]
    if not files:
        raise FileNotFoundError(f"none of {', '.join(WNUT_FILES)} in {path}")
    records: list[dict[str, Any]] = []
    for file in files:
        for text, spans in conll_texts(file.read_text(encoding="utf-8")):
            records.append(record(len(records), f"{file.name}#{len(records)}", text, spans,
                                  f"wnut17:{text}"))
    return LabelledSet("wnut17", "WNUT-17 emerging entities (social media)", records,
                       WNUT_KINDS, WNUT_ALLOWED)


# ------------------------------------------------------------------ GUM

#: GUM label → our labels: a person named in the text is an identifier. A place, a time,
#: a date and the whole phrase around a name (a title, a role) are no false alarm but count
#: for nothing: GUM's places run from a kitchen to a continent, and its dates are of
#: events (a battle, a press release), not of a person
GUM_KINDS: dict[str, tuple[str, ...]] = {"person": ("PERSON",)}
GUM_ALLOWED = frozenset({"person", "person/mention", "place", "time", "date"})
_GUM_TOKEN = re.compile(r"^(\d+)(?:-(\d+))?\t")
_GUM_ENTITY = re.compile(r"\(([^()]+)(\))?|(\d+)\)")
_GUM_DATE = re.compile(r"<date\b[^>]*>|</date>")
_GUM_SKIP = ("GUM_reddit_",)  # Reddit's words are underscores in the public files


@dataclass
class _GumParagraph:
    """One GUM paragraph being read: its text, every token's offsets and tag, and the
    spans closed so far."""

    text: str = ""
    #: start, end, UPOS, XPOS, deprel of every word so far
    tokens: list[tuple[int, int, str, str, str]] = field(default_factory=list)
    spans: set[tuple[str, int, int]] = field(default_factory=set)
    open_mentions: dict[str, list[tuple[int, str, str]]] = field(default_factory=dict)
    open_dates: list[int] = field(default_factory=list)
    #: keep `organization` spans too (`quiet_frames.py`; `scan_external` reads none)
    organisations: bool = False

    glued: bool = False  # the last word was written with no space after it

    def add_word(self, form: str, space_after: bool) -> tuple[int, int]:
        if self.text and not self.glued:
            self.text += " "
        start = len(self.text)
        self.text += form
        self.glued = not space_after
        return start, len(self.text)

    def close_mention(self, eid: str, last: int) -> None:
        first, etype, minspan = self.open_mentions[eid].pop()
        start, end = self.tokens[first][0], self.tokens[last][1]
        if etype in ("place", "time"):
            self.spans.add((etype, start, end))
        if etype == "organization" and self.organisations:
            self.add_organisation(first, last, minspan)
        if etype != "person":
            return
        heads = [first + int(i) - 1 for i in minspan.split(",") if i.isdigit()]
        named = [i for i in heads if first <= i <= last and self.tokens[i][2] == "PROPN"]
        if not named:
            return
        lo, hi = self.name_run(named[0], first, last)
        if self.tokens[hi][3] == "NNPS" or lo > first and self.tokens[lo - 1][2] in ("DET", "PRON"):
            return  # `the Americans`, `the Speaker`, `our President`: a people or a role
        self.spans.add(("person", self.tokens[lo][0], self.tokens[hi][1]))
        if (lo, hi) != (first, last):
            self.spans.add(("person/mention", start, end))

    def add_organisation(self, first: int, last: int, minspan: str) -> None:
        """An organisation named by proper nouns (`Durham University`, `the BBC`), less a
        determiner before it: `organization`; `the company` or `it` is none."""
        heads = [first + int(i) - 1 for i in minspan.split(",") if i.isdigit()]
        if not any(first <= i <= last and self.tokens[i][2] == "PROPN" for i in heads):
            return
        while first < last and self.tokens[first][2] in ("DET", "PRON"):
            first += 1
        self.spans.add(("organization", self.tokens[first][0], self.tokens[last][1]))

    def name_run(self, head: int, first: int, last: int) -> tuple[int, int]:
        """The proper nouns around `head` inside tokens `first..last`, joined by a hyphen
        as written (`Kubler-Ross`), less the titles before them (`nmod:desc`: `Senator`,
        `Mrs.`, `US President`)."""
        def name(i: int) -> bool:
            return self.tokens[i][2] == "PROPN"

        def hyphen(i: int) -> bool:
            return (self.tokens[i][3] == "HYPH" and self.tokens[i - 1][1] == self.tokens[i][0]
                    and self.tokens[i][1] == self.tokens[i + 1][0])

        lo = hi = head
        while lo > first and (name(lo - 1) or lo - 2 >= first and hyphen(lo - 1) and name(lo - 2)):
            lo -= 1
        while hi < last and (name(hi + 1) or hi + 2 <= last and hyphen(hi + 1) and name(hi + 2)):
            hi += 1
        titles = [i for i in range(lo, hi) if self.tokens[i][4] == "nmod:desc"]
        return (titles[-1] + 1 if titles else lo), hi

    def read_misc(self, index: int, misc: dict[str, str]) -> None:
        for opened, single, closed in _GUM_ENTITY.findall(misc.get("Entity", "")):
            if closed:
                if self.open_mentions.get(closed):
                    self.close_mention(closed, index)
                continue
            fields = opened.split("-")  # eid-etype-infstat-salience-centering-minspan-...
            if len(fields) < 6:
                continue
            self.open_mentions.setdefault(fields[0], []).append((index, fields[1], fields[5]))
            if single:
                self.close_mention(fields[0], index)
        for tag in _GUM_DATE.finditer(misc.get("XML", "")):
            if tag.group(0).startswith("<date"):
                self.open_dates.append(index)
            elif self.open_dates:
                first = self.open_dates.pop()
                self.spans.add(("date", self.tokens[first][0], self.tokens[index][1]))


def _misc(field_text: str) -> dict[str, str]:
    pairs = (item.partition("=") for item in field_text.split("|") if "=" in item)
    return {key: value for key, _, value in pairs}


def gum_paragraphs(source: str, organisations: bool = False
                   ) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """(document id, text, spans) of every paragraph (`# newpar`) of GUM CoNLL-U lines.

    Words are joined as written (`SpaceAfter=No`; a multi-word token such as `Kim's` is
    read once, its parts placed inside it), sentences by one space. Spans come from the
    `Entity` column (`eid-etype-infstat-salience-centering-minspan-…`, nested brackets).
    A person mention whose head (`minspan`) holds a proper noun gives `person`: the run of
    proper nouns around it less a title or modifier before it (`nmod:desc`, `compound`:
    `Ann Lee` of `US Senator Ann Lee`), none when a determiner or a possessive stands just
    before it (`the Speaker`, `our President`, `the Olmec`: a role or a people); a pronoun
    or a noun alone is no name. The whole phrase around a name is `person/mention`, place
    and time mentions `place` and `time`, an XML `<date>` element `date`; with
    `organisations`, an organisation named by proper nouns `organization`."""
    out: list[tuple[str, str, list[dict[str, Any]]]] = []
    doc = ""
    para: _GumParagraph | None = None
    word: tuple[int, int, int] | None = None  # a multi-word token: start, end, last part

    def flush() -> None:
        if para is not None and para.text.strip():
            spans = [{"entity_type": kind, "start_position": s, "end_position": e}
                     for kind, s, e in sorted(para.spans, key=lambda t: (t[1], t[2], t[0]))]
            out.append((doc, para.text, spans))

    for line in source.splitlines():
        if line.startswith("# newdoc id ="):
            flush()
            doc, para = line.partition("=")[2].strip(), None
        elif line.strip() == "# newpar" or para is None and line.startswith("# sent_id"):
            flush()
            para = _GumParagraph(organisations=organisations)
        elif not line.strip():
            if para is not None:
                para.glued = False  # the next sentence starts after a space
        elif not line.startswith("#") and para is not None:
            cols = line.split("\t")
            match = _GUM_TOKEN.match(line)
            if match is None or len(cols) < 10:
                continue  # an empty node (`8.1`) adds no word
            misc = _misc(cols[9])
            if match.group(2):  # a multi-word token: its surface; its parts follow
                start, end = para.add_word(cols[1], misc.get("SpaceAfter") != "No")
                word = (start, end, int(match.group(2)))
                continue
            if word is not None:  # a part: placed inside the surface where it is spelled
                start, end, last = word
                at = para.text.find(cols[1], start, end)
                bounds = (at, at + len(cols[1])) if at >= 0 else (start, end)
                word = (bounds[1], end, last) if at >= 0 else word
                if int(match.group(1)) >= last:
                    word = None
            else:
                bounds = para.add_word(cols[1], misc.get("SpaceAfter") != "No")
            para.tokens.append((*bounds, cols[3], cols[4], cols[7]))
            para.read_misc(len(para.tokens) - 1, misc)
    flush()
    return out


def load_gum(path: Path, organisations: bool = False) -> LabelledSet:
    """GUM, the Georgetown University Multilayer corpus: English of 15 written and
    spoken genres (interviews, news, travel guides, how-to guides, academic writing,
    biographies, fiction, conversations, court transcripts, essays, letters, podcasts,
    speeches, textbooks, vlogs), one `dep/GUM_*.conllu` a document (Reddit's files hold
    underscores instead of words and are left out). A paragraph is one text; a document
    is split by a hash of its id. A person named in the text is an identifier; places,
    times, dates and the phrase around a name are no false alarm (`gum_paragraphs`;
    `organisations` adds organisations' names, for `quiet_frames.py`)."""
    folder = path / "dep" if (path / "dep").is_dir() else path
    files = sorted(f for f in folder.glob("GUM_*.conllu") if not f.name.startswith(_GUM_SKIP))
    if not files:
        raise FileNotFoundError(f"no GUM_*.conllu in {folder}")
    records: list[dict[str, Any]] = []
    for file in files:
        source = file.read_text(encoding="utf-8")
        for n, (doc, text, spans) in enumerate(gum_paragraphs(source, organisations)):
            records.append(record(len(records), f"{doc or file.stem}#{n}", text, spans,
                                  f"gum:{doc or file.stem}"))
    return LabelledSet("gum", "GUM: 15 genres of English, one paragraph a text", records,
                       GUM_KINDS, GUM_ALLOWED)


LOADERS: dict[str, Callable[[Path], LabelledSet]] = {
    "asq-phi": load_asq_phi,
    "physionet-deid": load_physionet_deid,
    "tab": load_tab,
    "panorama": load_panorama,
    "wnut17": load_wnut17,
    "gum": load_gum,
}
