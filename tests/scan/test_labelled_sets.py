"""The external labelled sets' readers (benchmarks/labelled_sets.py) on small files written
here in each set's format: spans land on their values, and the split keeps one query or
one patient in one part."""

from __future__ import annotations

from pathlib import Path

from tests.benchmark_module import load_benchmark

sets = load_benchmark("labelled_sets")


def spans_of(record: dict) -> list[tuple[str, str]]:
    text = record["full_text"]
    return [(s["entity_type"], text[s["start_position"]:s["end_position"]])
            for s in record["spans"]]


def test_asq_values_are_placed_in_order_with_curly_quotes_read_straight(tmp_path: Path) -> None:
    (tmp_path / "synthetic_clinical_queries.txt").write_text(
        "===QUERY===\nDose for Ines V., seen at Saint Ode\u2019s on 3 May 2021; Ines V. asks "
        "again.\n===PHI_TAGS===\n"
        '{"identifier_type": "NAME", "value": "Ines V."}\n'
        '{"identifier_type": "GEOGRAPHIC_LOCATION", "value": "Saint Ode\'s"}\n'
        '{"identifier_type": "NAME", "value": "Ines V."}\n'
        '{"identifier_type": "DATE", "value": "4 May 2021"}\n\n'
        "===QUERY===\nMax dose of apixaban in renal failure?\n===PHI_TAGS===\n\n",
        encoding="utf-8")
    labelled = sets.load_asq_phi(tmp_path)
    first, second = labelled.records
    assert spans_of(first) == [("NAME", "Ines V."), ("GEOGRAPHIC_LOCATION", "Saint Ode\u2019s"),
                               ("NAME", "Ines V.")]
    assert first["spans"][0]["start_position"] < first["spans"][2]["start_position"]
    assert labelled.unplaced == 1  # the date is not in its query
    assert second["spans"] == [] and labelled.prompts
    assert {r["part"] for r in labelled.records} <= {"tune", "held-out"}


def test_deid_spans_drop_trailing_blanks_and_one_patient_stays_in_one_part(
        tmp_path: Path) -> None:
    notes = ["Pt from Oakridge, call 410 555 0199.", "No events.", "Seen by Dr Vale 4/2."]
    (tmp_path / "id.text").write_text(
        "".join(f"START_OF_RECORD={p}||||{n}||||\n{body}\n||||END_OF_RECORD\n\n"
                for (p, n), body in zip([(7, 1), (7, 2), (9, 1)], notes, strict=True)),
        encoding="utf-8")
    (tmp_path / "id-phi.phrase").write_text(
        "7 1 8 18 Location Oakridge,\n7 1 23 35 Phone 410 555 0199\n"
        "9 1 11 15 HCPName Vale\n9 1 16 19 Date 4/2\n", encoding="utf-8")
    labelled = sets.load_physionet_deid(tmp_path)
    by_doc = {r["doc"]: r for r in labelled.records}
    assert spans_of(by_doc["7/1"]) == [("Location", "Oakridge,"), ("Phone", "410 555 0199")]
    assert by_doc["7/2"]["spans"] == []
    assert spans_of(by_doc["9/1"]) == [("HCPName", "Vale"), ("Date", "4/2")]
    assert by_doc["7/1"]["part"] == by_doc["7/2"]["part"]
    assert "DateYear" in labelled.allowed_kinds and "DateYear" not in labelled.clear_kinds
