"""The external labelled sets' readers (benchmarks/labelled_sets.py) on small files written
here in each set's format: spans land on their values, and the split keeps one query, one
patient, one court case or one profile in one part."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def test_tab_reads_paragraphs_counts_masked_days_and_keeps_a_case_in_one_part(
        tmp_path: Path) -> None:
    import json

    text = ("PROCEDURE\n\nThe case began with application no. 1234/05 lodged by Mr Oren "
            "Dahl on 3 April 2005.\n\nIn 2006 Judge Pell sat in Tarnow.")

    def mention(value: str, kind: str, identifier: str) -> dict:
        start = text.index(value)
        return {"entity_type": kind, "identifier_type": identifier, "start_offset": start,
                "end_offset": start + len(value), "span_text": value}

    case = {"metadata": {"provenance": {"doc_id": "001-0001"}}, "text": text,
            "entities": [mention("1234/05", "CODE", "DIRECT"),
                         mention("Mr Oren Dahl", "PERSON", "DIRECT"),
                         mention("3 April 2005", "DATETIME", "QUASI"),
                         mention("2006", "DATETIME", "QUASI"),
                         mention("Judge Pell", "PERSON", "NO_MASK"),
                         mention("Tarnow", "LOC", "QUASI")]}
    (tmp_path / "cases.jsonl").write_text(json.dumps(case) + "\n", encoding="utf-8")
    labelled = sets.load_tab(tmp_path)
    heading, first, second = labelled.records
    assert heading["full_text"] == "PROCEDURE" and heading["spans"] == []
    assert spans_of(first) == [("CODE", "1234/05"), ("PERSON", "Mr Oren Dahl"),
                               ("DATETIME", "3 April 2005")]
    assert spans_of(second) == [("DATETIME/NO_DAY", "2006"), ("PERSON/NO_MASK", "Judge Pell"),
                                ("LOC", "Tarnow")]
    assert len({r["part"] for r in labelled.records}) == 1
    assert "PERSON/NO_MASK" in labelled.allowed_kinds
    assert "PERSON/NO_MASK" not in labelled.clear_kinds
    assert "DATETIME/NO_DAY" not in labelled.clear_kinds


def test_wnut_joins_tokens_and_reads_b_i_spans_of_a_person_only_as_identifier(
        tmp_path: Path) -> None:
    (tmp_path / "emerging.dev.conll").write_text(
        "met\tO\nTova\tB-person\nLind\tI-person\nat\tO\nQuayside\tB-location\n\n"
        "Ava\tB-person\nRoe\tB-person\nrocks\tO\n\t\n", encoding="utf-8")
    (tmp_path / "emerging.test.annotated").write_text("no\tO\nnames\tO\n", encoding="utf-8")
    labelled = sets.load_wnut17(tmp_path)
    first, second, third = labelled.records
    assert first["full_text"] == "met Tova Lind at Quayside"
    assert spans_of(first) == [("person", "Tova Lind"), ("location", "Quayside")]
    assert spans_of(second) == [("person", "Ava"), ("person", "Roe")]  # two B-: two people
    assert third["full_text"] == "no names" and third["spans"] == []
    assert set(labelled.clear_kinds) == {"person"} and "location" in labelled.allowed_kinds
    (tmp_path / "empty").mkdir()
    with pytest.raises(FileNotFoundError):  # a folder without the files is no empty set
        sets.load_wnut17(tmp_path / "empty")


def test_panorama_reads_whole_posts_keyed_by_profile_and_drops_misplaced_mentions(
        tmp_path: Path) -> None:
    import json

    def post(text: str, profile: str, data_id: str, mentions: list[tuple]) -> str:
        entities = []
        for value, kind, identifier, *shift in mentions:
            start = text.index(value) + (shift[0] if shift else 0)
            entities.append({"entity_type": kind, "identifier_type": identifier,
                             "start_offset": start, "end_offset": start + len(value),
                             "span_text": value})
        return json.dumps({"metadata": {"data_id": data_id, "provenance": {
            "profile": {"Unique ID": profile}}}, "text": text, "entities": entities})

    first = "@rhea_quill here: text me on 0161 496 0733.\n\nLoving #MomLife"
    second = "Rhea again, ping rhea.q@example.org"
    (tmp_path / "posts.jsonl").write_text(
        post(first, "p-1", "P-1", [("rhea_quill", "PERSON", "DIRECT"),
                                   ("0161 496 0733", "CODE", "DIRECT"),
                                   ("Mom", "DEM", "QUASI", 1)]) + "\n"
        + post(second, "p-1", "P-2", [("rhea.q@example.org", "CODE", "DIRECT")]) + "\n",
        encoding="utf-8")
    labelled = sets.load_panorama(tmp_path)
    one, two = labelled.records
    assert one["full_text"] == first  # a post is one text, blank lines and all
    assert spans_of(one) == [("PERSON", "rhea_quill"), ("CODE", "0161 496 0733")]
    assert labelled.unplaced == 1  # the mention whose offsets miss its text
    assert spans_of(two) == [("CODE", "rhea.q@example.org")]
    assert one["part"] == two["part"] and one["half"] == two["half"]
    assert "EMAIL_ADDRESS" in labelled.clear_kinds["CODE"]
