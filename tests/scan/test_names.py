"""Names of many origins and scripts; capitalised non-names stay unflagged."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.names import NameRecognizer
from jupyter_safeai.scan.nlp import sentence_window

NAMES = NameRecognizer()  # no NER: these must be found by lists, titles and labels alone


def people(text: str) -> list[str]:
    return [text[f.start:f.end] for f in NAMES.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Patient John Smith was seen today.", ["John Smith"]),  # English
        ("Seen with María José García López.", ["María José García López"]),  # Hispanic
        ("Wang Wei called about results.", ["Wang Wei"]),  # Chinese, romanised
        ("Hiroshi Tanaka consented.", ["Hiroshi Tanaka"]),  # Japanese
        ("Kim Min-jun attended.", ["Kim Min-jun"]),  # Korean
        ("Dr. Nguyen Van An reviewed the chart.", ["Nguyen Van An"]),  # Vietnamese
        ("Priya Sharma, 54, presented.", ["Priya Sharma"]),  # Indian
        ("Seen: Chinedu Okonkwo and Folake Adeyemi.", ["Chinedu Okonkwo", "Folake Adeyemi"]),
        ("Kwame Mensah was discharged.", ["Kwame Mensah"]),  # Ghanaian
        ("Fatima Al-Zahra bint Khalid", ["Fatima Al-Zahra bint Khalid"]),  # Arabic, romanised
        ("患者：王小明，男，45岁", ["王小明"]),  # Chinese in Han
        ("山田 太郎さん", ["山田 太郎"]),  # Japanese in Han
        ("김민준 환자", ["김민준"]),  # Korean in Hangul
        ("الاسم: محمد العلي", ["محمد العلي"]),  # Arabic script
        ("Name: Adaeze Okafor", ["Adaeze Okafor"]),  # unknown to the lists, but labelled
        ('patient_name = "Olumide Bakare"', ["Olumide Bakare"]),
        ('{"name": "Hiroshi Tanaka"}', ["Hiroshi Tanaka"]),
        ("SMITH, JOHN  1958-03-14", ["SMITH, JOHN"]),
        ("Mrs. O'Brien-Smith", ["O'Brien-Smith"]),
        ("Pt: J. Smith", ["J. Smith"]),
        ("Kofi Boateng, 54, presented with chest pain.", ["Kofi Boateng"]),  # age after
        ("Yaw Darko is a 67-year-old man.", ["Yaw Darko"]),
        ("Her daughter Ama Serwaa will pick her up.", ["Ama Serwaa"]),  # a relative
        ("Dr. Okonkwo reviewed it.", ["Okonkwo"]),  # a title takes a lone surname
        ("last_name = 'Aguirrezábal'", ["Aguirrezábal"]),  # so does a name-part label
        ("Saw 令狐俊豪, 93-year-old, for review.", ["令狐俊豪"]),  # Han name known by context
    ],
)
def test_finds_names(text: str, expected: list[str]) -> None:
    assert people(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Gene Expression analysis of BRCA1 and TP53",
        "Kaplan-Meier survival curves with Cox regression",
        "Parkinson's disease and Alzheimer's disease cohorts",
        "Results of the Analysis on Monday March 3",
        "We used Python, Pandas and Matplotlib.",
        "Chief Complaint: chest pain",
        "Patient Education Materials",
        "from Boston, MA",
        "ICU admission for HIV",
        "The Data Table of MRN",
        "patient_name = df['patient_name']",
        'name = "Snobol"  # a thing, not a person',
        "{'pt': 'Formoso - GO'}",
        "Jupyter Notebook and Random Forest models",
    ],
)
def test_leaves_non_names(text: str) -> None:
    assert people(text) == []


def test_doubtful_pair_is_decided_by_the_confirm_hook() -> None:
    asked: list[str] = []

    def confirm(text: str, start: int, end: int) -> bool:
        asked.append(text[start:end])
        return True

    text = "Wang Xiaoming."  # one known word, one unknown, nothing around them
    assert [text[f.start:f.end] for f in NameRecognizer(confirm=confirm).find(text)] == [
        "Wang Xiaoming"]
    assert asked == ["Wang Xiaoming"]
    assert people(text) == []


def test_doubtful_spans_of_one_text_are_asked_in_one_batch() -> None:
    batches: list[list[str]] = []

    class BatchConfirm:
        def __call__(self, text: str, start: int, end: int) -> bool:
            raise AssertionError("asked one span at a time")

        def confirm_many(self, text: str, spans: list[tuple[int, int]]) -> list[bool]:
            batches.append([text[s:e] for s, e in spans])
            return [text[s:e].startswith("Wang") for s, e in spans]

    text = "Wang Xiaoming. Then later: Li Zhiqiang."
    found = [text[f.start:f.end] for f in NameRecognizer(confirm=BatchConfirm()).find(text)]
    assert batches == [["Wang Xiaoming", "Li Zhiqiang"]]
    assert found == ["Wang Xiaoming"]


@pytest.mark.parametrize(("text", "words", "window"), [
    # the span's sentence, cut at the sentence ends
    ("Seen. Then Wang Xiaoming called back! Bye", 8, "Then Wang Xiaoming called back"),
    # at most `words` words either side within a long sentence
    ("a b c d e f Wang Xiaoming g h i j k l", 2, "e f Wang Xiaoming g h"),
])
def test_ner_reads_only_the_words_around_a_span(text: str, words: int, window: str) -> None:
    start = text.index("Wang Xiaoming")
    left, right = sentence_window(text, start, start + len("Wang Xiaoming"), words=words)
    assert text[left:right].strip() == window
