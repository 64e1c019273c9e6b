"""Genomic identifiers: genotypes, VCF sample columns, subject sequences, sample IDs.

Genomic data identifies a person even without a name: a few dozen genotypes are
enough to find someone in a genealogy database. Public reference knowledge is not a
finding, though, so every detector here needs something that ties the data to an
individual — a genotype next to an rsID, a sample column in a VCF record, a subject
cue next to a sequence, a cue word next to a sample ID.

Rules (and why):

* ``RSID_GENOTYPE`` — an rsID followed by a diploid genotype in upper case
  (``rs429358 C/T``, ``rs7412: TT``, ``rs1801133(A;G)``, ``{"rs334": "AA"}``), or a
  23andMe/AncestryDNA/MyHeritage raw-data line (``rs4477212<TAB>1<TAB>82154<TAB>AA``,
  also ``i`` IDs, two allele columns, comma separated, ``--``/``0`` no-calls) whose
  whole line is the span. A bare rsID, or ``C>T`` (a variant, not a genotype), is
  reference knowledge and not a finding.
* ``VCF_SAMPLE`` — a VCF data line of ≥ 10 columns whose FORMAT column holds the
  ``GT`` key and at least one sample column has a valid GT (``0/1``, ``1|1``,
  ``./.``); the span is the sample columns (site columns are public). Sites-only
  lines (8 columns) are not findings.
* ``SAMPLE_ID`` — each sample name after FORMAT in a ``#CHROM`` header line; TCGA
  barcodes; ``NA``/``HG`` + 5 digits (1000 Genomes/HapMap) only with a genomic word
  within 100 characters; ``SUBJ-0001``-style IDs whose prefix is itself a cue;
  BioSample accessions (``SAMN…``, ``SAMEA…``, ``SAMD…``); and IDs after a cue word
  (sample, subject, participant, specimen, biosample, donor, individual): with an ID
  word (``sample_id: 00123``) any token of ≥ 3 characters with ≥ 2 digits, without one
  (``sample S-00123``) only a letter prefix + ≥ 3 digits that is not an rsID,
  chromosome, assembly or reference accession.
* ``DNA_SEQUENCE`` — a run of ≥ 50 nucleotides (ACGTUN, any case, ≥ 3 distinct
  bases, no base above 80 %: poly-A and ``ATATAT`` are not sequences) with a subject
  cue — patient, subject, participant, sample, specimen, donor, proband, individual,
  person, ``pt3``/``case 3``, or a TCGA/NA/HG/SAMN ID — on its line (up to 200
  characters before, 100 after) or on the line before (``seq_patient3 = "ACGT…"``); a FASTA
  record whose header has a subject cue and whose body has ≥ 50 nucleotides; a
  FASTQ record with ≥ 30 nucleotides (reads come from a sample by nature). Without
  a subject cue a run or FASTA body of ≥ 200 nucleotides is still reported, at a low
  score, unless its header/line names a reference (``NM_…``, ``GRCh38``, ``RefSeq``,
  ``Homo sapiens`` …): 200 bases carry private variants and the scanner cannot tell
  a patient read from a reference. Primers (< 30 nt) and short snippets never match.
* ``PROTEIN_SEQUENCE`` — a FASTA record with a subject cue in its header whose body
  is ≥ 30 upper-case letters of the 20 standard amino acids (plus ``X``, ``*``,
  ``-``) with ≥ 8 distinct residues and evenly wrapped lines, or such a run after a
  quote, ``=``, ``:`` or blank on a line with a subject cue. Lower case, spaces and
  letters outside the alphabet (English words) never match. Prose after a FASTA
  record ends it: only the leading sequence lines are part of the span.

All regexes are anchored by look-behinds or line starts so each scan is linear.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator

from .finding import Finding
from .recognizer import PatternRecognizer, Recognizer, context_regex, literal_starts, matches_at

# --------------------------------------------------------------------------- cues

#: Words that tie data to one person. Case-insensitive, optional plural, and a lower-case
#: letter may not follow (``sampleID`` and ``patient3`` are cues, ``samplesheet`` is not).
_SUBJECT_WORDS = (
    r"(?:bio)?samples?|subjects?|subj|participants?|specimens?|donors?|probands?|"
    r"patients?|individuals?|person|pt(?=[_ -]?\d)|case(?=[_ -]?\d)"
)
_SAMPLE_ID_SHAPES = r"TCGA-[A-Z0-9]{2}-[A-Z0-9]{4}|(?:NA|HG)\d{5}|SAM(?:N|EA|D)\d{6,}"
SUBJECT_CUE = re.compile(
    rf"(?<![A-Za-z])(?:(?i:{_SUBJECT_WORDS})(?![a-z])|(?:{_SAMPLE_ID_SHAPES})(?![0-9]))"
)

#: Words that say a sequence comes from a reference, not from a person.
REFERENCE_CUE = re.compile(
    r"(?<![A-Za-z0-9])(?:[NX][MRCGPTW]_\d{4,}|ENS[A-Z]*\d{6,}|GRCh\d\d|hg\d\d|"
    r"(?i:reference|refseq|ensembl|genbank|uniprot|consensus|homo sapiens|human genome))"
)

#: Words that make ``NA12878``-style IDs genomic rather than anything else.
GENOMIC_CONTEXT = context_regex([
    "genome", "genomes", "genomic", "genotype", "genotypes", "genotyped", "genotyping",
    "sequencing", "sequenced", "sequence", "exome", "WGS", "WES", "VCF", "BAM", "CRAM",
    "FASTQ", "HapMap", "GIAB", "Coriell", "1000G", "variant", "variants", "SNP", "SNPs",
    "allele", "alleles", "reads", "sample", "samples", "trio", "haplotype", "CEU", "YRI",
    "bcftools", "samtools", "GATK", "plink", "DNA", "chr", "chromosome",
])

# ----------------------------------------------------------------------- rsIDs

#: rsID + diploid genotype in prose, code or a two-column table.
RSID_TEXT = PatternRecognizer(
    "RSID_GENOTYPE",
    "genomic",
    re.compile(
        r"rs(?<![A-Za-z0-9]rs)\d{1,10}(?![0-9])[\"']?[ \t]*"
        r"(?:[:=,(][ \t]*|(?i:genotype)[ \t]*[:=]?[ \t]*)?[\"'(]?[ \t]*"
        r"[ACGT](?:[ \t]*[/|;][ \t]*)?[ACGT](?![A-Za-z0-9>]|\t[ACGTN.*<])\)?"
    ),
    0.85,
    label="rsid_genotype",
)

def _line_starts(text: str, cue: re.Pattern[str]) -> list[int]:
    """The start of the text and of each line `cue` (`\n` then a look-ahead) says may
    hold a match of a `^`-anchored multi-line pattern."""
    return [0, *(m.end() for m in cue.finditer(text))]


_RSID_LINE_CUE = re.compile(r"\n(?=[\"']?(?:rs|i)\d)")
_SEP = r"[\"']?(?:[ \t]*[,\t][ \t]*|[ \t]+)[\"']?"
_ALLELE = r"[ACGTDI0-]"
#: A consumer raw-data line: ID, chromosome, position, genotype (one or two columns).
RSID_TABLE = PatternRecognizer(
    "RSID_GENOTYPE",
    "genomic",
    re.compile(
        rf"^[\"']?(?:rs|i)\d{{1,10}}{_SEP}(?:chr)?(?:\d{{1,2}}|X|Y|XY|MT?){_SEP}\d{{1,10}}{_SEP}"
        rf"(?:{_ALLELE}{{1,2}}|{_ALLELE}{_SEP}{_ALLELE})[\"']?(?=[ \t]*\r?$)",
        re.MULTILINE,
    ),
    0.9,
    label="rsid_raw_data",
    starts_at=lambda text: _line_starts(text, _RSID_LINE_CUE),
)

# ------------------------------------------------------------------------- VCF

_VCF_HEADER = re.compile(
    r"^#CHROM[ \t]+POS[ \t]+ID[ \t]+REF[ \t]+ALT[ \t]+QUAL[ \t]+FILTER[ \t]+INFO[ \t]+FORMAT"
    r"(?=[ \t])([^\n]*)$",
    re.MULTILINE,
)
#: Cheap prefilter: CHROM, POS, ID, then a REF made of bases.
_VCF_LINE = re.compile(
    r"^[^\s#][^\s]*[ \t]+\d+[ \t]+\S+[ \t]+[ACGTNacgtn.*-]+[ \t][^\n]*$", re.MULTILINE
)
_FORMAT = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?::[A-Za-z][A-Za-z0-9_]*)*")
_GT = re.compile(r"(?:\.|\d{1,3})(?:[/|](?:\.|\d{1,3}))*")
_FIELD = re.compile(r"[^\t]+")
_TOKEN = re.compile(r"\S+")


class VcfRecognizer:
    """VCF records with per-sample genotype columns, and sample names in the header."""

    name = "vcf"
    entities = ("VCF_SAMPLE", "SAMPLE_ID")

    def find(self, text: str) -> Iterator[Finding]:
        if "#CHROM" in text:
            for match in _VCF_HEADER.finditer(text):
                yield from self._header_samples(text, match.start(1), match.end(1))
        if "GT" not in text:
            return  # a record is a finding only when its FORMAT column holds GT
        for match in _VCF_LINE.finditer(text):
            span = self._sample_columns(text, match.start(), match.end())
            if span is not None:
                yield Finding(span[0], span[1], "VCF_SAMPLE", "genomic", 0.95, "vcf:record")

    @staticmethod
    def _fields(text: str, start: int, end: int) -> list[tuple[int, int]]:
        """Column spans: tab separated when the line has tabs, else whitespace separated."""
        line = text[start:end].rstrip("\r")
        pattern = _FIELD if "\t" in line else _TOKEN
        spans = []
        for m in pattern.finditer(line):
            lead = len(m.group()) - len(m.group().lstrip())
            trail = len(m.group().rstrip())
            if trail > lead:
                spans.append((start + m.start() + lead, start + m.start() + trail))
        return spans

    def _header_samples(self, text: str, start: int, end: int) -> Iterator[Finding]:
        for s, e in self._fields(text, start, end):
            yield Finding(s, e, "SAMPLE_ID", "genomic", 0.8, "vcf:header")

    def _sample_columns(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        fields = self._fields(text, start, end)
        if len(fields) < 10:
            return None
        keys = text[fields[8][0]:fields[8][1]]
        if not _FORMAT.fullmatch(keys) or "GT" not in keys.split(":"):
            return None
        gt_index = keys.split(":").index("GT")
        for s, e in fields[9:]:
            values = text[s:e].split(":")
            if gt_index < len(values) and _GT.fullmatch(values[gt_index]):
                return fields[9][0], fields[-1][1]
        return None


# ------------------------------------------------------------------ sequences

_NUCLEOTIDES = frozenset("ACGTUNacgtun")
_AMINO_ACIDS = frozenset("ACDEFGHIKLMNPQRSTVWYX*-")
_DNA_RUN = re.compile(r"(?<![A-Za-z])[ACGTUNacgtun]{50,}(?![A-Za-z])")
_PROTEIN_RUN = re.compile(
    r"(?<=[\"'=:> \t])[ACDEFGHIKLMNPQRSTVWYX]{30,}\*?(?![A-Za-z0-9_])"
)
_FASTA = re.compile(
    r"^>(?P<header>[^\n]*)\n(?P<body>(?:[A-Za-z*.-]+[ \t]*\r?(?:\n|\Z))+)", re.MULTILINE
)
_FASTQ = re.compile(
    r"^@[^\n]*\n(?P<seq>[A-Za-z.]+)\r?\n\+[^\n]*\n(?P<qual>[!-~]+)\r?$", re.MULTILINE
)

# A run of at least 50 bases (30 residues) covers 10 (6) consecutive characters of
# every fifth: texts without such a sample have no run to look for.
_DNA_SAMPLES = re.compile(r"[ACGTUNacgtun]{10}")
_PROTEIN_SAMPLES = re.compile(r"[ACDEFGHIKLMNPQRSTVWYX]{6}")


def _record_starts(text: str, marker: str) -> list[int]:
    """Where a FASTA (`>`) or FASTQ (`@`) record can start: at the text's start or a line's."""
    return [0, *(at + 1 for at in literal_starts(text, ("\n" + marker,)))]


MIN_DNA = 50  # with a subject cue
MIN_DNA_UNCUED = 200  # without one: enough bases to carry private variants
MIN_READ = 30  # FASTQ: primer length and up
MIN_PROTEIN = 30
MIN_RESIDUE_KINDS = 8


def complex_dna(seq: str) -> bool:
    """≥ 3 distinct bases and none above 80 %: poly-A, ``NNNN`` and ``ATAT`` carry no identity."""
    upper = seq.upper().replace("U", "T")
    counts = [upper.count(b) for b in "ACGT"]
    return sum(1 for c in counts if c) >= 3 and max(counts) <= 0.8 * len(upper)


def _nucleotide_line(line: str) -> bool:
    """≥ 90 % nucleotide letters (IUPAC ambiguity codes make up the rest)."""
    return sum(1 for c in line if c in _NUCLEOTIDES) >= 0.9 * len(line)


def _protein_line(line: str) -> bool:
    return all(c in _AMINO_ACIDS for c in line)


def _protein_like(body_lines: list[str]) -> bool:
    """Evenly wrapped residues, varied enough not to be a list of upper-case words."""
    if len({len(line) for line in body_lines[:-1]}) > 1 or (
        len(body_lines) > 1 and len(body_lines[-1]) > len(body_lines[0])
    ):
        return False
    residues = "".join(body_lines).replace("*", "").replace("-", "")
    return len(residues) >= MIN_PROTEIN and len(set(residues) - {"X"}) >= MIN_RESIDUE_KINDS


def _leading(lines: list[re.Match[str]], test: Callable[[str], bool]) -> list[re.Match[str]]:
    """The body lines up to the first that fails `test` (prose may follow a record)."""
    kept = []
    for line in lines:
        if not test(line.group()):
            break
        kept.append(line)
    return kept


_BODY_LINE = re.compile(r"[A-Za-z*.-]+")


class SequenceRecognizer:
    """DNA/RNA and protein sequences that belong to a subject (FASTA, FASTQ, free text)."""

    name = "sequence"
    entities = ("DNA_SEQUENCE", "PROTEIN_SEQUENCE")

    def find(self, text: str) -> Iterator[Finding]:
        taken: list[tuple[int, int]] = []
        for match in matches_at(_FASTQ, text, _record_starts(text, "@")):
            seq, qual = match.group("seq"), match.group("qual")
            if len(seq) != len(qual) or any(c not in _NUCLEOTIDES and c != "." for c in seq):
                continue
            taken.append(match.span())
            if len(seq) >= MIN_READ and complex_dna(seq):
                yield Finding(*match.span(), "DNA_SEQUENCE", "genomic", 0.8, "sequence:fastq")
        for match in matches_at(_FASTA, text, _record_starts(text, ">")):
            finding = self._fasta(match)
            taken.append(match.span())
            if finding is not None:
                yield finding
        taken.sort()
        yield from self._runs(text, taken)

    @staticmethod
    def _fasta(match: re.Match[str]) -> Finding | None:
        header = match.group("header")
        lines = list(_BODY_LINE.finditer(match.string, match.start("body"), match.end("body")))
        subject = SUBJECT_CUE.search(header) is not None
        dna = _leading(lines, _nucleotide_line)
        if dna:
            seq = "".join(line.group() for line in dna)
            bases = sum(1 for c in seq if c in _NUCLEOTIDES)
            if not complex_dna(seq):
                return None
            span = match.start(), dna[-1].end()
            if subject and bases >= MIN_DNA:
                return Finding(*span, "DNA_SEQUENCE", "genomic", 0.9, "sequence:fasta")
            if bases >= MIN_DNA_UNCUED and not REFERENCE_CUE.search(header):
                return Finding(*span, "DNA_SEQUENCE", "genomic", 0.5, "sequence:long")
            return None
        protein = _leading(lines, _protein_line)
        if subject and protein and _protein_like([line.group() for line in protein]):
            span = match.start(), protein[-1].end()
            return Finding(*span, "PROTEIN_SEQUENCE", "genomic", 0.85, "sequence:fasta")
        return None

    def _runs(self, text: str, taken: list[tuple[int, int]]) -> Iterator[Finding]:
        starts = [s for s, _ in taken]
        for match in _DNA_RUN.finditer(text) if _DNA_SAMPLES.search(text[::5]) else ():
            start, end = match.span()
            if _overlaps(taken, starts, start, end) or not complex_dna(match.group()):
                continue  # inside a FASTA/FASTQ record (already judged), or poly-A
            lo, hi = _cue_window(text, start, end)
            if SUBJECT_CUE.search(text, lo, hi):
                yield Finding(start, end, "DNA_SEQUENCE", "genomic", 0.85, "sequence:subject")
            elif end - start >= MIN_DNA_UNCUED and not REFERENCE_CUE.search(text, lo, hi):
                yield Finding(start, end, "DNA_SEQUENCE", "genomic", 0.5, "sequence:long")
        for match in _PROTEIN_RUN.finditer(text) if _PROTEIN_SAMPLES.search(text[::5]) else ():
            start, end = match.span()
            residues = match.group().rstrip("*")
            if _overlaps(taken, starts, start, end) or set(residues) <= _NUCLEOTIDES:
                continue
            if len(set(residues) - {"X"}) < MIN_RESIDUE_KINDS:
                continue
            lo, hi = _cue_window(text, start, end)
            if SUBJECT_CUE.search(text, lo, hi):
                yield Finding(start, end, "PROTEIN_SEQUENCE", "genomic", 0.8, "sequence:subject")


def _cue_window(text: str, start: int, end: int) -> tuple[int, int]:
    """The run's own line (≤ 200 chars before, ≤ 100 after) and the line before it."""
    lo = max(0, start - 200)
    newline = text.rfind("\n", lo, start)
    if newline != -1:
        lo = text.rfind("\n", max(0, newline - 200), newline) + 1 or max(0, newline - 200)
    hi = text.find("\n", end, end + 100)
    return lo, hi if hi != -1 else min(len(text), end + 100)


def _overlaps(taken: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether [start, end) meets one of the sorted, disjoint `taken` spans."""
    i = bisect_right(starts, start) - 1
    return any(0 <= j < len(taken) and taken[j][0] < end and start < taken[j][1]
               for j in (i, i + 1))


# ------------------------------------------------------------------ sample IDs

TCGA_BARCODE = PatternRecognizer(
    "SAMPLE_ID",
    "genomic",
    re.compile(
        r"(?<![A-Za-z0-9])(?i:TCGA)-[A-Za-z0-9]{2}-[A-Za-z0-9]{4}"
        r"(?:-\d{2}[A-Za-z]?(?:-\d{2}[A-Za-z]?(?:-[A-Za-z0-9]{4}(?:-\d{2})?)?)?)?(?![A-Za-z0-9])"
    ),
    0.9,
    label="tcga_barcode",
    anchors=("tcga",),
)

#: 1000 Genomes / HapMap / Coriell IDs: public, but still one person's genome.
CORIELL_ID = PatternRecognizer(
    "SAMPLE_ID",
    "genomic",
    re.compile(r"(?:N(?<![A-Za-z0-9]N)A|H(?<![A-Za-z0-9]H)G)\d{5}(?![A-Za-z0-9])"),
    0.7,
    context=GENOMIC_CONTEXT,
    window=100,
    context_after=True,
    label="coriell_id",
    prefixes=("NA", "HG"),
)

#: IDs whose prefix is itself the cue (``SUBJ-0001``, ``SAMPLE_017``) and BioSample accessions.
PREFIXED_ID = PatternRecognizer(
    "SAMPLE_ID",
    "genomic",
    re.compile(
        r"(?<![A-Za-z0-9])(?:(?i:subj(?:ect)?|(?:bio)?sample|smpl|donor|part(?:icipant)?|"
        r"spec(?:imen)?)[-_]\d{3,}|SAM(?:N|EA|D)\d{6,})(?![A-Za-z0-9])"
    ),
    0.7,
    label="prefixed_sample_id",
    anchors=("subj", "biosample", "sam", "smpl", "donor", "part", "spec"),
)

#: Letter prefixes of things that are not samples: rsIDs, chromosomes, assemblies,
#: RefSeq/Ensembl/GEO/dbGaP accessions, versions.
_NOT_SAMPLE_PREFIXES = frozenset({
    "rs", "chr", "hg", "grch", "nm", "nr", "nc", "ng", "np", "nt", "nw", "xm", "xr", "xp",
    "phs", "gse", "gpl", "pmid", "doi", "v", "ver", "version", "build", "ec",
})


_LETTERS = re.compile(r"[A-Za-z]*")


def _sample_shaped(value: str) -> bool:
    """A letter prefix that is not an rsID/chromosome/accession (``chr170``, ``NM_000546``)."""
    prefix = _LETTERS.match(value).group().lower()  # type: ignore[union-attr]
    return prefix not in _NOT_SAMPLE_PREFIXES and not prefix.startswith("ens")


def _id_like(value: str) -> bool:
    """≥ 3 characters with ≥ 2 digits: ``S-00123``, ``D123``, not ``df2`` or ``7``."""
    return len(value) >= 3 and sum(c.isdigit() for c in value) >= 2 and _sample_shaped(value)


_CUE = r"(?<![A-Za-z])(?i:(?:bio)?sample|subject|subj|participant|specimen|donor|individual)"
#: Where a `_CUE` match can start (the regex is tried only there).
_CUE_WORDS = ("biosample", "sample", "subj", "participant", "specimen", "donor", "individual")

#: ``sample_id: S-00123``, ``donor ID = "D123"``, ``subject no. 00017``, ``eid: 1234567``.
KEYED_ID = PatternRecognizer(
    "SAMPLE_ID",
    "genomic",
    re.compile(
        rf"(?:{_CUE}[ \t_.-]*(?i:id|identifier|barcode|code|name|label|no\.?|number|num|#)"
        r"|(?<![A-Za-z])eid)(?![a-z])[\"'\]]?[ \t]*[:=#]?[ \t]*[\"']?"
        r"(?P<value>[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,40}[A-Za-z0-9])?)"
        r"(?![A-Za-z0-9_(\[-]|\.[A-Za-z_])"
    ),
    0.75,
    validate=_id_like,
    label="keyed_sample_id",
    anchors=(*_CUE_WORDS, "eid"),
)

#: ``sample S-00123``, ``participant P0042``: a cue word, then a letter prefix and ≥ 3 digits.
CUED_ID = PatternRecognizer(
    "SAMPLE_ID",
    "genomic",
    re.compile(
        rf"{_CUE}(?i:s)?(?![a-z])[ \t]*[:=#]?[ \t]*[\"']?"
        r"(?P<value>[A-Za-z]{1,8}[-_]?\d{3,}[A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)*)(?![A-Za-z0-9])"
    ),
    0.65,
    validate=_sample_shaped,
    label="cued_sample_id",
    anchors=_CUE_WORDS,
)

GENOMIC_RECOGNIZERS: tuple[Recognizer, ...] = (
    RSID_TABLE,
    RSID_TEXT,
    VcfRecognizer(),
    SequenceRecognizer(),
    TCGA_BARCODE,
    CORIELL_ID,
    PREFIXED_ID,
    KEYED_ID,
    CUED_ID,
)
