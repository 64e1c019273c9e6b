"""Genomic detectors: genotypes, VCF samples, subject sequences and sample IDs are found;
reference knowledge (gene names, bare rsIDs, HGVS, positions, primers) is left alone."""

from __future__ import annotations

import json
import random
from dataclasses import replace

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jupyter_safeai.scan import genomic
from jupyter_safeai.scan.engine import resolve_overlaps
from jupyter_safeai.scan.finding import Finding
from jupyter_safeai.scan.genomic import GENOMIC_RECOGNIZERS
from jupyter_safeai.scan.recognizer import matches_at
from tests.scan.found_text import pairs_of

RNG = random.Random(17)
#: Synthetic, varied sequences (fixed seed): no real person's DNA.
DNA = "".join(RNG.choice("ACGT") for _ in range(400))
PROTEIN = "".join(RNG.choice("ACDEFGHIKLMNPQRSTVWY") for _ in range(120))


def findings(text: str) -> list[Finding]:
    """Every genomic finding, overlapping ones resolved as the engine does."""
    return resolve_overlaps(f for r in GENOMIC_RECOGNIZERS for f in r.find(text))


spans = pairs_of(findings)


# ------------------------------------------------------------------- rsIDs

@pytest.mark.parametrize(("text", "span"), [
    ("APOE: rs429358 C/T", "rs429358 C/T"),
    ("rs7412: TT", "rs7412: TT"),
    ("SNPedia rs1801133(A;G) here", "rs1801133(A;G)"),
    ("sickle cell rs334 AA.", "rs334 AA"),
    ("rs429358 genotype: CT", "rs429358 genotype: CT"),
    ("rs4477212\t1\t82154\tAA", "rs4477212\t1\t82154\tAA"),
    ("i3000001\tMT\t146\tCC\r", "i3000001\tMT\t146\tCC"),
    ("rs4477212\t1\t82154\tA\tG", "rs4477212\t1\t82154\tA\tG"),  # AncestryDNA
    ('"rs4477212","1","82154","--"', '"rs4477212","1","82154","--"'),  # MyHeritage no-call
])
def test_rsid_with_genotype(text: str, span: str) -> None:
    assert spans(text) == [("RSID_GENOTYPE", span)]


def test_rsid_dict_in_code_and_raw_data_file() -> None:
    code = 'genotypes = {"rs429358": "CT", "rs7412": "TT"}'
    assert [e for e, _ in spans(code)] == ["RSID_GENOTYPE", "RSID_GENOTYPE"]
    raw = "# rsid\tchromosome\tposition\tgenotype\n" + "".join(
        f"rs{1000 + i}\t{i % 22 + 1}\t{5000 + i}\t{'ACGT'[i % 4]}{'ACGT'[i // 4 % 4]}\n"
        for i in range(20)
    )
    found = spans(raw)
    assert len(found) == 20
    assert all(e == "RSID_GENOTYPE" and s.startswith("rs") for e, s in found)


@pytest.mark.parametrize("text", [
    "rs429358 is associated with APOE e4",
    "rs429358 and rs7412 define the APOE alleles",
    "rs429358 C>T is a missense variant",
    "the rs7412 T allele",
    "rs123\tAG\tA\t50\tPASS",  # a VCF ID/REF/ALT, not a genotype
    "rs4477212\t1\t82154",
])
def test_bare_rsid_is_reference_knowledge(text: str) -> None:
    assert findings(text) == []


# --------------------------------------------------------------------- VCF

VCF_HEADER = "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tNA12878\tPT_017\n"
VCF_RECORD = "chr1\t12345\trs123\tA\tG\t50\tPASS\t.\tGT:DP\t0/1:12\t1|1:8\n"


def test_vcf_record_with_sample_genotypes() -> None:
    text = "##fileformat=VCFv4.2\n" + VCF_HEADER + VCF_RECORD
    found = spans(text)
    assert ("VCF_SAMPLE", "0/1:12\t1|1:8") in found
    assert [s for e, s in found if e == "SAMPLE_ID"] == ["NA12878", "PT_017"]


@pytest.mark.parametrize("line", [
    "chr1\t12345\trs123\tA\tG\t50\tPASS\t.\tGT:DP\t0/1:12",
    "chr1\t12345\t.\tA\tG,T\t.\t.\tDP=3\tGT\t./.\t1/2",
    "17 43044295 . AG A 99 PASS AC=1 GT:AD 0|1:3,4",  # pasted with spaces
    "chrX\t100\t.\tC\tT\t.\tq10\t.\tDP:GT\t7:1",  # GT not first
])
def test_vcf_sample_columns_in_any_layout(line: str) -> None:
    assert [e for e, _ in spans(line)] == ["VCF_SAMPLE"]


@pytest.mark.parametrize("line", [
    "chr1\t12345\trs123\tA\tG\t50\tPASS\tDP=10;AF=0.5",  # sites only
    "chr1\t12345\trs123\tA\tG\t50\tPASS\tDP=10\tGT",  # FORMAT, no sample
    "chr1\t12345\trs123\tA\tG\t50\tPASS\t.\tDP:AD\t12:3,4",  # no GT key
    "chr1\t12345\trs123\tA\tG\t50\tPASS\t.\tGT\tyes",  # not a genotype
    "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO",
])
def test_vcf_without_sample_genotypes(line: str) -> None:
    assert findings(line) == []


def test_vcf_header_sample_names_space_separated() -> None:
    text = "#CHROM POS ID REF ALT QUAL FILTER INFO FORMAT SAMPLE1 donor_7"
    assert spans(text) == [("SAMPLE_ID", "SAMPLE1"), ("SAMPLE_ID", "donor_7")]


# --------------------------------------------------------------- sequences

def fasta(header: str, body: str, width: int = 60) -> str:
    lines = [body[i:i + width] for i in range(0, len(body), width)]
    return ">" + header + "\n" + "\n".join(lines) + "\n"


def test_fasta_record_of_a_patient() -> None:
    text = "here:\n" + fasta("patient_017 chr7 sample", DNA[:130]) + "thanks"
    ((entity, span),) = spans(text)
    assert entity == "DNA_SEQUENCE"
    assert span.startswith(">patient_017") and span.endswith(DNA[120:130])


@pytest.mark.parametrize("text", [
    f'seq_patient3 = "{DNA[:50]}"',
    f"subject S12 read: {DNA[:80].lower()}",
    f"# donor 4\n{DNA[:60]}",  # cue on the line before
    f'rna_participant_2 = "{DNA[:70].replace("T", "U")}"',
])
def test_sequence_tied_to_a_subject(text: str) -> None:
    assert [e for e, _ in spans(text)] == ["DNA_SEQUENCE"]


@pytest.mark.parametrize("text", [
    f'seq_patient3 = "{DNA[:49]}"',  # below 50 nt
    f"patient primer: {DNA[:25]}",  # primer
    f'ref = "{DNA[:150]}"',  # no subject, under 200
    fasta("NM_007294.4 Homo sapiens BRCA1 mRNA", DNA[:400]),  # reference record
    f"# GRCh38 reference chr17\n{DNA[:300]}",
    f"patient 3 poly-A tail: {'A' * 120}",  # low complexity
    f"patient 3 repeat: {'AT' * 60}",
    "GATTACA and CAT are words; ACGT alphabet",
])
def test_reference_or_short_sequences_are_not_findings(text: str) -> None:
    assert findings(text) == []


def test_long_sequence_without_cue_is_a_low_score_finding() -> None:
    text = f'x = "{DNA[:250]}"'
    (finding,) = findings(text)
    assert finding.entity == "DNA_SEQUENCE" and finding.score <= 0.5
    assert text[finding.start:finding.end] == DNA[:250]


def test_fastq_read() -> None:
    text = f"@read1/1\n{DNA[:100]}\n+\n{'I' * 100}\n"
    assert [e for e, _ in spans(text)] == ["DNA_SEQUENCE"]


def test_protein_fasta_of_a_subject() -> None:
    text = fasta("subject_12 tumour TP53", PROTEIN[:90])
    assert [e for e, _ in spans(text)] == ["PROTEIN_SEQUENCE"]
    assert [e for e, _ in spans(f'patient_prot = "{PROTEIN[:40]}"')] == ["PROTEIN_SEQUENCE"]


@pytest.mark.parametrize("text", [
    fasta("sp|P04637|P53_HUMAN Cellular tumor antigen p53", PROTEIN),  # reference protein
    fasta("patient_3", PROTEIN[:25]),  # too short
    ">patient notes\nPATIENTWASSEENTODAY\nANDSENTHOMEWITHMEDS\nSTABLE\n",  # words, ragged
    "> patient said the pain was better\nnothing else to report\n",  # markdown quote
    "Patient 3 had a TP53 mutation; BRCA1 and APOE were normal.",
])
def test_protein_look_alikes(text: str) -> None:
    assert findings(text) == []


# --------------------------------------------------------------- sample IDs

@pytest.mark.parametrize(("text", "span"), [
    ("TCGA-AB-1234-01A-11R-A123-07 tumour RNA", "TCGA-AB-1234-01A-11R-A123-07"),
    ("case TCGA-02-0001 in GBM", "TCGA-02-0001"),
    ("NA12878 genome in a bottle", "NA12878"),
    ("the 1000 Genomes sample HG00096", "HG00096"),
    ("sample_id: S-00123", "S-00123"),
    ("donor ID = 'D123'", "D123"),
    ("SUBJ-0001 was enrolled", "SUBJ-0001"),
    ("participant P0042 was sequenced", "P0042"),
    ("biosample SAMN12345678", "SAMN12345678"),
    ("UK Biobank eid: 1234567", "1234567"),
])
def test_sample_ids(text: str, span: str) -> None:
    assert spans(text) == [("SAMPLE_ID", span)]


@pytest.mark.parametrize("text", [
    "NA12878 alone, no context",
    "sample size: 500",
    "sample_id = df2['id']",
    "sample TP53 mutation and sample chr170",
    "samples rs429358 and NM_000546",
    "subject to change in 2024",
    "sample_ids = ['a', 'b']",
])
def test_sample_id_look_alikes(text: str) -> None:
    assert findings(text) == []


# -------------------------------------------------------------- negatives

@pytest.mark.parametrize("text", [
    "BRCA1, BRCA2, TP53 and APOE are tumour suppressor / risk genes",
    "NM_007294.3:c.68_69delAG (p.Glu23fs) is a founder variant",
    "chr17:43044295-43125483 on GRCh38",
    "The CAT gene; GATTACA is a film",
    "Haemoglobin, insulin and p53 are proteins",
    "import pandas as pd\ndf = pd.read_csv('variants.vcf', sep='\\t', comment='#')\n"
    "df = df[df['QUAL'] > 30]\nprint(df.shape)",
    "for sample in samples:\n    run(sample, threads=8)",
])
def test_reference_knowledge_and_code(text: str) -> None:
    assert findings(text) == []


# ------------------------------------------------------------- contract

def test_findings_are_genomic_and_carry_no_text() -> None:
    text = VCF_HEADER + VCF_RECORD + "rs7412: TT\n" + fasta("patient_1", DNA[:100])
    found = findings(text)
    assert {f.entity for f in found} == {"SAMPLE_ID", "VCF_SAMPLE", "RSID_GENOTYPE",
                                        "DNA_SEQUENCE"}
    for f in found:
        assert f.category == "genomic" and 0 < f.score <= 1 and f.detector
        assert 0 <= f.start < f.end <= len(text)
    dumped = json.dumps([f.to_dict() for f in found])
    for secret in ("NA12878", "0/1:12", "rs7412", DNA[:20]):
        assert secret not in dumped


def test_recognizers_have_names() -> None:
    names = [r.name for r in GENOMIC_RECOGNIZERS]
    assert all(names) and len(set(names)) == len(names)


@pytest.mark.parametrize("text", [
    "A" * 100_000,
    "A" * 100_000 + "B",
    "rs1 " * 25_000,
    "rs1\t1\t1\t" * 10_000,
    ("ACGT" * 12 + " ") * 2_000,
    "sample " * 15_000,
    "sample_id: " + "a-" * 50_000,
    ">" + "A" * 100_000,
    "#CHROM " * 15_000,
    "chr1 1 x A " * 10_000,
    " MKTAYIAKQRQ" * 9_000,
    "@\nACGT\n+\n" * 20_000,
])
def test_pathological_inputs_finish(text: str) -> None:
    """Linear-time regexes: each of these returns at once (no timing assert)."""
    for f in findings(text):
        assert 0 <= f.start < f.end <= len(text)


@settings(max_examples=200, deadline=None, database=None)
@given(st.text(alphabet="ACGTrs0123456789 \t\n:/|>#@+-_.PatientSAMPLE", max_size=400))
def test_arbitrary_text_never_breaks_the_detectors(text: str) -> None:
    for f in findings(text):
        assert 0 <= f.start < f.end <= len(text)


@settings(max_examples=100, deadline=None, database=None)
@given(st.integers(1, 10**9), st.sampled_from(["is", "and", "in", "was", "(APOE)", "C>T"]))
def test_bare_rsids_in_prose_never_match(number: int, word: str) -> None:
    assert findings(f"The variant rs{number} {word} reported before.") == []


# -- fast paths: record and line starts, prefixes and sampled gates change no result

GENOMIC_TEXT = st.lists(st.sampled_from(
    ["ACGT" * 3, "acgu", "N", "MKTAYIAKQRQISFVKSHFSRQ", "LEERLG", ">", "@", "+", "\n", "\r",
     " ", "\t", "rs4477212", "i701", "'", '"', "1", "82154", "AA", ",", "NA12878", "HG00096",
     "nA", "x", "*", "-", "=", "Patient"]), max_size=24).map("".join)


@settings(max_examples=400, deadline=None, database=None)
@given(GENOMIC_TEXT)
@example("x\nrs4477212\t1\t82154\tAA\n'i701',1,82154,'AG'\nNA12878 HG00096 xNA12345")
def test_patterns_tried_where_they_can_start_find_what_a_full_scan_finds(text: str) -> None:
    for recognizer in (genomic.RSID_TABLE, genomic.CORIELL_ID):
        slow = replace(recognizer, prefixes=(), starts_at=None, validate=None,
                       context=None, context_after=False)
        fast = replace(slow, prefixes=recognizer.prefixes, starts_at=recognizer.starts_at)
        assert list(fast.find(text)) == list(slow.find(text))
    for marker, pattern in ((">", genomic._FASTA), ("@", genomic._FASTQ)):
        assert [m.span() for m in matches_at(pattern, text, genomic._record_starts(text, marker))
                ] == [m.span() for m in pattern.finditer(text)]


@settings(max_examples=400, deadline=None, database=None)
@given(GENOMIC_TEXT)
@example("x" + "ACGT" * 13 + "x" + "MKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQ")
def test_every_sequence_run_leaves_its_sample_in_every_fifth_character(text: str) -> None:
    for offset in range(5):  # wherever the run falls relative to the sampled characters
        shifted = "x" * offset + text
        if genomic._DNA_RUN.search(shifted):
            assert genomic._DNA_SAMPLES.search(shifted[::5])
        if genomic._PROTEIN_RUN.search(shifted):
            assert genomic._PROTEIN_SAMPLES.search(shifted[::5])


def test_vcf_records_without_gt_are_not_findings_and_with_gt_are() -> None:
    line = "chr1\t12345\trs1\tA\tG\t50\tPASS\t.\t{}\t{}\t{}"
    assert spans(line.format("DP", "12", "30")) == []
    assert spans(line.format("GT:DP", "0/1:12", "1|1:30")) == [
        ("VCF_SAMPLE", "0/1:12\t1|1:30")]
