"""Redaction: placeholders out, originals back locally, same value → same placeholder."""

from __future__ import annotations

from jupyter_safeai import redact, scan_text


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
