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


def conllu(*sentences: list[str]) -> str:
    """CoNLL-U lines of sentences, each given as `ID FORM UPOS XPOS DEPREL MISC` rows
    (space-separated, `_` for none), with the other columns filled in."""
    out = []
    for rows in sentences:
        for row in rows:
            if row.startswith("#"):
                out.append(row)
                continue
            number, form, upos, xpos, deprel, misc = row.split(" ", 5)
            out.append("\t".join([number, form, form.lower(), upos, xpos, "_", "0", deprel,
                                  "_", misc]))
        out.append("")
    return "\n".join(out) + "\n"


def test_gum_names_are_proper_noun_runs_without_titles_roles_or_peoples(tmp_path: Path) -> None:
    dep = tmp_path / "dep"
    dep.mkdir()
    (dep / "GUM_letter_quay.conllu").write_text(conllu(
        ["# newdoc id = GUM_letter_quay", "# newpar", "# text = Dear Ines:",
         "1 Dear ADJ JJ amod Entity=(1-person-new-sssns-cf1-2-coref-Ines_Quay",
         "2 Ines PROPN NNP root Entity=1)|SpaceAfter=No",
         "3 : PUNCT : punct _"],
        ["# newpar", "# text = Senator Ola Brekke-Lund's dog met the Speaker on 3 May.",
         "1 Senator PROPN NNP nmod:desc Entity=(2-animal-new-nnnnn-cf1-7-sgl"
         "(3-person-new-sssns-cf2-1,2,3-coref",
         "2 Ola PROPN NNP flat _",
         "3 Brekke PROPN NNP flat SpaceAfter=No",
         "4 - PUNCT HYPH punct SpaceAfter=No",
         "5-6 Lund's _ _ _ _",
         "5 Lund PROPN NNP flat Entity=3)",
         "6 's PART POS case _",
         "7 dog NOUN NN nsubj Entity=2)",
         "8 met VERB VBD root _",
         "9 the DET DT det Entity=(4-person-new-nnnnn-cf3-2-sgl",
         "10 Speaker PROPN NNP obj Entity=4)",
         "11 on ADP IN case _",
         '12 3 NUM CD obl Entity=(5-time-new-nnnnn-cf4-1-sgl|XML=<date when:::"--05-03">',
         "13 May PROPN NNP flat Entity=5)|XML=</date>|SpaceAfter=No",
         "14 . PUNCT . punct _"],
        ["# newpar", "# text = She waved,",
         "1 She PRON PRP nsubj Entity=(3-person-giv:act-sssns-cf1-1-ana)",
         "2 waved VERB VBD root SpaceAfter=No",
         "2.1 left VERB VBD _ _",
         "3 , PUNCT , punct _"],
        ["# text = and Nowaks left.",
         "1 and CCONJ CC cc _",
         "2 Nowaks PROPN NNPS nsubj Entity=(6-person-new-nnnnn-cf1-1-sgl)",
         "3 left VERB VBD root SpaceAfter=No",
         "4 . PUNCT . punct _"]), encoding="utf-8")
    (dep / "GUM_news_mill.conllu").write_text(conllu(
        ["# newdoc id = GUM_news_mill", "# newpar", "# text = Mill shut.",
         "1 Mill PROPN NNP nsubj Entity=(1-organization-new-nnnnn-cf1-1-sgl)",
         "2 shut VERB VBD root SpaceAfter=No", "3 . PUNCT . punct _"]), encoding="utf-8")
    (dep / "GUM_reddit_hidden.conllu").write_text(conllu(
        ["# newdoc id = GUM_reddit_hidden", "# newpar", "# text = _ _",
         "1 _ PROPN NNP root Entity=(1-person-new-nnnnn-cf1-1-sgl)", "2 _ X X _ _"]),
        encoding="utf-8")
    labelled = sets.load_gum(tmp_path)
    greeting, senator, waved, mill = labelled.records
    assert greeting["full_text"] == "Dear Ines:"
    assert spans_of(greeting) == [("person/mention", "Dear Ines"), ("person", "Ines")]
    assert senator["full_text"] == "Senator Ola Brekke-Lund's dog met the Speaker on 3 May."
    assert spans_of(senator) == [
        ("person/mention", "Senator Ola Brekke-Lund"), ("person", "Ola Brekke-Lund"),
        ("date", "3 May"), ("time", "3 May")]  # the Speaker is a role, not a name
    assert waved["full_text"] == "She waved, and Nowaks left."  # sentences joined by a space
    assert waved["spans"] == []  # a pronoun and a family (NNPS) are no name
    assert mill["spans"] == [] and mill["doc"] == "GUM_news_mill#0"
    assert greeting["part"] == senator["part"] == waved["part"]
    assert greeting["half"] == senator["half"] == waved["half"]
    assert set(labelled.clear_kinds) == {"person"}
    assert {"person/mention", "place", "time", "date"} <= labelled.allowed_kinds
    with pytest.raises(FileNotFoundError):  # a folder without GUM files is no empty set
        sets.load_gum(tmp_path / "dep" / "none")


def test_gum_organisations_only_when_asked_and_only_named_by_proper_nouns(tmp_path: Path
                                                                          ) -> None:
    dep = tmp_path / "dep"
    dep.mkdir()
    (dep / "GUM_news_firm.conllu").write_text(conllu(
        ["# newdoc id = GUM_news_firm", "# newpar", "# text = The Vesk Mill hired the firm.",
         "1 The DET DT det Entity=(1-organization-new-nnnnn-cf1-3-sgl",
         "2 Vesk PROPN NNP compound _",
         "3 Mill PROPN NNP nsubj Entity=1)",
         "4 hired VERB VBD root _",
         "5 the DET DT det Entity=(2-organization-new-nnnnn-cf2-2-sgl",
         "6 firm NOUN NN obj Entity=2)|SpaceAfter=No",
         "7 . PUNCT . punct _"]), encoding="utf-8")
    assert sets.load_gum(tmp_path).records[0]["spans"] == []  # scan_external reads none
    (record,) = sets.load_gum(tmp_path, organisations=True).records
    assert spans_of(record) == [("organization", "Vesk Mill")]  # not `the firm`
