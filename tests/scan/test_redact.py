"""Redaction: placeholders out, originals back locally, same value → same placeholder."""

from __future__ import annotations

from jupyter_safeai import redact, scan_text
from jupyter_safeai.scan.redact import StreamRestorer, Vault


def test_round_trip_restores_originals_and_hides_them_from_the_sent_text() -> None:
    prompt = ("Patient John Smith, MRN: 00483920, emailed jane.doe@mayo-clinic.org. "
              "Summarise John Smith's history.")
    sent, vault = redact(prompt, scan_text(prompt))
    for value in ("John Smith", "00483920", "jane.doe@mayo-clinic.org"):
        assert value not in sent
    assert sent.count("<PERSON_1>") == 2
    assert "<MEDICAL_RECORD_NUMBER_1>" in sent and "<EMAIL_ADDRESS_1>" in sent
    answer = "Dear <PERSON_1>, your record <MEDICAL_RECORD_NUMBER_1> is ready. <UNKNOWN_9>"
    assert vault.restore(answer) == ("Dear John Smith, your record 00483920 is ready. "
                                     "<UNKNOWN_9>")


def test_one_vault_keeps_placeholders_stable_across_a_conversation() -> None:
    first = "Patient John Smith was admitted."
    second = "Patient Maria Garcia and Patient John Smith share a room."
    _, vault = redact(first, scan_text(first))
    sent, vault = redact(second, scan_text(second), vault)
    assert sent == "Patient <PERSON_2> and Patient <PERSON_1> share a room."
    assert vault.counts() == {"PERSON": 2}
    assert "John" not in repr(vault)


def _vault() -> Vault:
    _, vault = redact("Patient John Smith, MRN: 00483920.",
                      scan_text("Patient John Smith, MRN: 00483920."))
    return vault


def test_placeholders_a_model_rebracketed_are_restored_and_bare_ones_are_not() -> None:
    vault = _vault()
    answer = ("Dear {PERSON_1}, {{PERSON_1}} and [PERSON_1]; record "
              "[MEDICAL_RECORD_NUMBER_1]. PERSON_1 = load() [PERSON_7] {x}")
    assert vault.restore(answer) == (
        "Dear John Smith, John Smith and John Smith; record 00483920. "
        "PERSON_1 = load() [PERSON_7] {x}")


def test_streamed_placeholders_split_anywhere_are_restored() -> None:
    answer = ("Hi <PERSON_1>, {PERSON_1} and {{PERSON_1}} or [PERSON_1]; "
              "d = {'a': [1, 2]} <b> [x] {{y}}")
    expected = _vault().restore(answer)
    assert "John Smith" in expected and "PERSON_1" not in expected
    for size in range(1, 8):  # every way of cutting the answer into tokens of that size
        restorer = StreamRestorer(_vault())
        pieces = [answer[i:i + size] for i in range(0, len(answer), size)]
        assert "".join(restorer.feed(p) for p in pieces) + restorer.flush() == expected
