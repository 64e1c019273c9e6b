"""Name-first streets of many countries and the address blocks they start."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jupyter_safeai.scan import street_names
from jupyter_safeai.scan.engine import Scanner
from jupyter_safeai.scan.street_names import named_streets
from tests.scan.found_text import pairs_of

SCANNER = Scanner(ner=False)


found = pairs_of(SCANNER.scan)


def streets(text: str) -> list[str]:
    return [text[start:end] for start, end in named_streets(text)]


@pytest.mark.parametrize(("text", "street"), [
    ("Her flat is on Rákóczi utca 14. near the station", "Rákóczi utca 14"),
    ("Send it to ul. Kwiatowa 8 please", "ul. Kwiatowa 8"),
    ("The office moved to Calle del Carmen 21 last year", "Calle del Carmen 21"),
    ("Deliver to Lindeveien 7 tomorrow", "Lindeveien 7"),
    ("We met at Gammel Kongevej 40", "Gammel Kongevej 40"),
    ("Address: Storgatan 3", "Storgatan 3"),
    ("she lives at 4410 rosenvej 12, aarhus", "rosenvej 12"),
    ("the shop is at trg slobode 5", "trg slobode 5"),
])
def test_a_street_written_name_first(text: str, street: str) -> None:
    assert street in streets(text)


@pytest.mark.parametrize("text", [
    "Let's create a 2D array and return a 1D view",
    "as shown by Smith et al. 2019 and built c. 1900",
    "In Python 3 we trained for 10 epochs with Table 2 and page 12",
    "use the string 42, just put 3 items in the ring 4",
    "the probability of rolling a 6 is one in six",
    "sent via email 3 times",
    "take the matrix diagonal 3 times, then apply the CNOT gate 2 times",
    "Point the domain at Amazon Route 53 before the launch",
])
def test_prose_with_numbers_holds_no_street(text: str) -> None:
    assert streets(text) == []


def test_a_unit_and_a_building_number_before_the_street_belong_to_it() -> None:
    text = "Ms. Ana Ruiz Apt. 12 5521 Birkeveien 40\nLILLEHAMMER nan 2609"
    assert ("STREET_ADDRESS", "Apt. 12 5521 Birkeveien 40\nLILLEHAMMER nan") in found(text)
    assert ("ZIP_CODE", "2609") in found(text)
    flat = "Post it to Flat 2, 8 Mill Street, Leeds LS1 4AB"
    assert ("STREET_ADDRESS", "Flat 2, 8 Mill Street, Leeds") in found(flat)


def test_a_second_street_name_and_the_lines_after_it_are_one_address() -> None:
    text = "Meet me at Havnegata 5 Oak Crossing\n Unit 7\n Tromsø\n Norway 9008 at noon"
    assert ("STREET_ADDRESS", "Havnegata 5 Oak Crossing\n Unit 7\n Tromsø\n Norway") in (
        found(text))
    assert ("ZIP_CODE", "9008") in found(text)


@pytest.mark.parametrize(("text", "street"), [
    ("the parade went down Harbour View Road past the school", "Harbour View Road"),
    ("I waited at the corner of 4 Mill Lane St. and Quarry Hill St. for an hour",
     "the corner of 4 Mill Lane St. and Quarry Hill St."),
    ("Please bring it to Ana and Rua das Flores 12 tomorrow", "Rua das Flores 12"),
])
def test_streets_without_a_number_and_after_a_name(text: str, street: str) -> None:
    assert ("STREET_ADDRESS", street) in found(text)


@pytest.mark.parametrize(("text", "code"), [
    ("We opened an office in Vila Verde 4730-180 last spring", "4730-180"),
    ("a new branch in LILLESAND 4790 will open", "4790"),
    ("she works in Sankt Peter 7551 now", "7551"),
])
def test_a_postcode_after_a_town(text: str, code: str) -> None:
    assert ("ZIP_CODE", code) in found(text)


@pytest.mark.parametrize("text", [
    "It shipped in September 2010 and ran in Windows 2000",
    "Lecture Notes in Computer Science 6842, pages 1-20",
    "the loss dropped in Epoch 1500 and again in Step 4000",
])
def test_years_and_volumes_after_in_are_no_postcode(text: str) -> None:
    assert "ZIP_CODE" not in {entity for entity, _ in found(text)}


def test_a_lower_case_address_keeps_its_town_and_country() -> None:
    text = "ship it to 71 calle olmo 9, zamora, spain please"
    assert ("STREET_ADDRESS", "71 calle olmo 9, zamora, spain") in found(text)


def test_an_iban_typed_in_lower_case_after_its_label() -> None:
    text = "my iban is de89370400440532013000 thanks"
    assert ("ACCOUNT_NUMBER", "de89370400440532013000") in found(text)
    assert "ACCOUNT_NUMBER" not in {e for e, _ in found("commit de89370400440532013000")}


@pytest.mark.parametrize(("text", "town"), [
    ("The patient, a 61 year old woman from Leeds, was admitted overnight.", "Leeds"),
    ("Seen at today's visit; the patient grew up near Tampere and still visits.", "Tampere"),
    # a person's name before `from` is no title word
    ("The patient Maria from Leeds was admitted on Monday.", "Leeds"),
])
def test_a_known_town_in_a_sentence_about_a_patient(text: str, town: str) -> None:
    assert ("LOCATION", town) in found(text)


@pytest.mark.parametrize("text", [
    "The sales data comes from Leeds and the model was trained in Python.",
    'The patient, 40 years old, watched "Murder in Greenwich" with the nurse.',
    "Patient visit counts were exported in March for the annual report.",
])
def test_towns_outside_prose_about_a_person_titles_and_months_are_left(text: str) -> None:
    assert "LOCATION" not in {entity for entity, _ in found(text)}


def test_a_lower_case_number_first_street_counts_before_its_suite() -> None:
    text = "jo lane\nplumber\n5512 elm grove lane suite 9 moncton"
    assert ("STREET_ADDRESS", "5512 elm grove lane suite 9") in found(text)
    assert "STREET_ADDRESS" not in {e for e, _ in found("over 10 key points unit 5 of the course")}


@pytest.mark.parametrize(("text", "street", "code", "town"), [
    ("Please post it to Lindenweg 3, 54321 Kleinstadt today", "Lindenweg 3", "54321",
     "Kleinstadt"),
    ("Address: Storgatan 9\n222 10 Lund", "Storgatan 9", "222 10", "Lund"),
    ("he lives at 4 rue des Lilas, 69003 Lyon.", "4 rue des Lilas", "69003", "Lyon"),
    ("Address: Prinsengracht 7, 1016 AB Haarlem", "Prinsengracht 7", "1016 AB", "Haarlem"),
])
def test_a_town_after_its_postcode_is_a_place_and_the_code_a_zip(
        text: str, street: str, code: str, town: str) -> None:
    entities = found(text)
    assert ("STREET_ADDRESS", street) in entities
    assert ("ZIP_CODE", code) in entities
    assert ("LOCATION", town) in entities


@pytest.mark.parametrize(("text", "street"), [
    ("Letters go to Travessa Nogueira, 52 now", "Travessa Nogueira, 52"),
    ("Her sister lives on Viale Marconi, 17 these days", "Viale Marconi, 17"),
    ("The clinic moved to Rua Duarte, S/N last year", "Rua Duarte, S/N"),
    ("Call at Jl. Kenanga No. 44 after noon", "Jl. Kenanga No. 44"),
    ("He stayed at Avenida Mitre N° 310 for a week", "Avenida Mitre N° 310"),
    ("Post went to ул. Садовая, д. 21 on Friday", "ул. Садовая, д. 21"),
    ("Flat at ul. Brzozowa 14/3 is empty", "ul. Brzozowa 14/3"),
    ("Parcel for Karl-Otto-Straße 5-7 arrived", "Karl-Otto-Straße 5-7"),
    ("Moved to Kallion kirkkokatu 9 in May", "Kallion kirkkokatu 9"),
])
def test_a_street_number_after_a_comma_a_number_word_or_with_a_flat(
        text: str, street: str) -> None:
    assert street in streets(text)


@pytest.mark.parametrize(("text", "street"), [
    ("address: calle ancha, 31", "calle ancha, 31"),
    ("she lives at rua do sol, 412 now", "rua do sol, 412"),
    ("mail to ul. brzozowa, 9 please", "ul. brzozowa, 9"),
])
def test_a_lower_case_street_word_first_keeps_its_number_after_a_comma(
        text: str, street: str) -> None:
    assert street in streets(text)


@pytest.mark.parametrize("text", [
    "data: bahnhofstrasse, 12",  # lower case and no street word first: a list's items
    "kossuth utca, 4 times",
])
def test_lower_case_words_before_a_comma_and_a_number_are_no_street(text: str) -> None:
    assert not streets(text)


@pytest.mark.parametrize(("text", "not_street"), [
    ("a new office at rue des Pins, 75011 Paris", "rue des Pins, 75011"),  # its postcode
    ("We opened an office in Vila Nova 4450-012 last spring", "Vila Nova 4450-012"),
])
def test_a_postcode_after_a_street_name_is_not_its_number(text: str, not_street: str) -> None:
    assert not_street not in streets(text)


@pytest.mark.parametrize("text", [
    "GU CL YEL VIA FOLEY 50 CC HR",  # a note in capitals: `VIA` leads English
    "baseline BP on floor. AV paced 70 overnight",
    "RM AIR. BS CL. SAT 98 ON 2L",
    "CV: AV paced 64-70, no ectopy",  # a range after a label's colon: a heart rate
])
def test_notes_in_capitals_hold_no_name_first_street(text: str) -> None:
    assert not streets(text)


@pytest.mark.parametrize(("text", "street", "code", "town"), [
    ("Forward mail to Dobrovského 31, 602 00 Brno please", "Dobrovského 31", "602 00", "Brno"),
    ("Zelená 7b/2, 91101 Trenčín", "Zelená 7b/2", "91101", "Trenčín"),
    ("then Kowalskiego 4\n31-042 Kraków. Call first", "Kowalskiego 4", "31-042", "Kraków"),
])
def test_a_street_without_a_street_word_before_its_postcode_and_town(
        text: str, street: str, code: str, town: str) -> None:
    entities = found(text)
    assert ("STREET_ADDRESS", street) in entities
    assert ("ZIP_CODE", code) in entities
    assert ("LOCATION", town) in entities


@pytest.mark.parametrize("text", [
    "Figure 2, 2019 Results are shown below",
    "Layer 3, 12345 Params in total",
    "In Python 3, 10000 Samples were drawn",
    "Version 2, 2021 Edition",
])
def test_english_words_and_years_before_a_number_are_no_address(text: str) -> None:
    assert not [e for e, _ in found(text) if e in ("STREET_ADDRESS", "ZIP_CODE", "LOCATION")]


@pytest.mark.parametrize(("text", "address"), [
    ("Flat 12\nMorgan Court", "Flat 12\nMorgan Court"),
    ("She is in Studio 4, Parker Gateway this week", "Studio 4, Parker Gateway"),
    ("H.No. 27\nKapoor Street", "H.No. 27\nKapoor Street"),
    ("Residence 42/7, Mehta Road", "42/7, Mehta Road"),
])
def test_a_flat_line_before_a_street_without_its_number(text: str, address: str) -> None:
    assert ("STREET_ADDRESS", address) in found(text)


@pytest.mark.parametrize(("text", "address"), [
    ("Calle Mayor 40 Dpto. 12", "Calle Mayor 40 Dpto. 12"),
    ("Via Garibaldi, 8 Appartamento 3", "Via Garibaldi, 8 Appartamento 3"),
    ("Lindenstraße 4 Whg. 7", "Lindenstraße 4 Whg. 7"),
])
def test_units_of_other_countries_after_the_street(text: str, address: str) -> None:
    assert ("STREET_ADDRESS", address) in found(text)


@pytest.mark.parametrize("text", [
    "T max 101.2 PO, now 99.6 R. Pt resting",  # decimals, and `Pt` the patient
    "resp labored at 22-30 BPM. Pt was alert",
    "NPN:\nRepeat Hct 31.2. Pt stable",
    "On 3 March 2004, Article 12 was amended",  # a date, not a building number
])
def test_measures_and_dates_in_notes_are_no_street(text: str) -> None:
    assert "STREET_ADDRESS" not in [e for e, _ in found(text)]


@pytest.mark.parametrize("text", [
    "The holotype is drawn on Pl. 12 of the monograph.",
    "Compare Pl. 7 with the sketch",
    "view pl. 3 for the map",
    "cf. Pl. IV",
    "Read u. 4 below",
])
def test_an_abbreviated_street_word_after_an_english_word_is_no_street(text: str) -> None:
    assert "STREET_ADDRESS" not in {entity for entity, _ in found(text)}


@pytest.mark.parametrize(("text", "street"), [
    ("Office: Batthyány pl. 6, second floor", "Batthyány pl. 6"),
    ("Her flat is at Petőfi u. 9 now", "Petőfi u. 9"),
    ("Mieszka przy pl. Wolności 3", "pl. Wolności 3"),
])
def test_an_abbreviated_street_word_after_a_capitalised_name(text: str, street: str) -> None:
    assert street in streets(text)


@pytest.mark.parametrize(("text", "address"), [
    ("Gửi đến Số 12/5 Đường Trần Hưng Đạo, Phường Bến Nghé, Quận 1 nhé",
     "Số 12/5 Đường Trần Hưng Đạo, Phường Bến Nghé, Quận 1"),
    ("He now lives at 7 Ngõ 18 phố Hàng Bông, TP. Hải Phòng with his son.",
     "7 Ngõ 18 phố Hàng Bông, TP. Hải Phòng"),
    ("Mail it to 44/2 Lý Thường Kiệt xã Phú Lộc tỉnh Quảng Nam 56000",
     "44/2 Lý Thường Kiệt xã Phú Lộc tỉnh Quảng Nam 56000"),
    ("address: số 3 đường bà triệu, phường hải châu, thành phố đà nẵng",
     "số 3 đường bà triệu, phường hải châu, thành phố đà nẵng"),
])
def test_a_vietnamese_address(text: str, address: str) -> None:
    assert ("STREET_ADDRESS", address) in found(text)


@pytest.mark.parametrize("text", [
    "Chúng tôi đi dạo phố và đường 5 vào buổi tối.",
    "Tôi sống ở phường 3 với gia đình.",
    "Phố cổ rất đẹp vào mùa thu.",
])
def test_vietnamese_prose_with_street_words_is_no_address(text: str) -> None:
    assert not [entity for entity, _ in found(text) if entity == "STREET_ADDRESS"]


@pytest.mark.parametrize(("text", "address"), [
    ("Please write to Şəki rayonu, Kiş kəndi, Füzuli küçəsi, b. 7 today.",
     "Şəki rayonu, Kiş kəndi, Füzuli küçəsi, b. 7"),
    ("Ünvan: Sumqayıt şəhəri, H.Əliyev pr., b. 21, m. 4",
     "Sumqayıt şəhəri, H.Əliyev pr., b. 21, m. 4"),
    ("sent to quba ray., qırmızı qəs., nizami küç.", "quba ray., qırmızı qəs., nizami küç."),
])
def test_an_azerbaijani_address(text: str, address: str) -> None:
    assert ("STREET_ADDRESS", address) in found(text)


@pytest.mark.parametrize("text", [
    "Gəncə şəhəri çox gözəldir.",
    "Biz Nizami küç. ilə getdik və çay içdik.",
    "Total sales pr., 2 ray tracing jobs and 3 k. samples",
])
def test_one_azerbaijani_part_in_prose_is_no_address(text: str) -> None:
    assert not [entity for entity, _ in found(text) if entity == "STREET_ADDRESS"]


@pytest.mark.parametrize(("text", "address"), [
    ("Post it to No. 12, Jalan Tun Razak, Taman Melati, 53100 Kuala Lumpur today",
     "No. 12, Jalan Tun Razak, Taman Melati, 53100 Kuala Lumpur"),
    ("He stays at Lot 9, Jln 3/12, Seksyen 7 now", "Lot 9, Jln 3/12, Seksyen 7"),
    ("send to b-12-3, lorong bukit indah 4, 81200 johor bahru",
     "b-12-3, lorong bukit indah 4, 81200 johor bahru"),
])
def test_a_malaysian_street(text: str, address: str) -> None:
    assert ("STREET_ADDRESS", address) in found(text)


@pytest.mark.parametrize("text", [
    "See items 1, jalan and 2 in the glossary.",
    "We tested 3, Jalan tests passed",
    "Table 3, Jln Ampang data is in the appendix.",
])
def test_jalan_in_prose_or_a_counted_number_is_no_street(text: str) -> None:
    assert not [entity for entity, _ in found(text) if entity == "STREET_ADDRESS"]


@pytest.mark.parametrize(("text", "address"), [
    ("Forward mail to 14/7 Waratah Link, Kingsford, NSW, 2032 from Monday",
     "14/7 Waratah Link, Kingsford, NSW, 2032"),
    ("Ship to:\n52 Banksia Point\nGlenelg, SA, 5045", "52 Banksia Point\nGlenelg, SA, 5045"),
])
def test_an_australian_street_of_an_english_word_before_its_state_and_postcode(
        text: str, address: str) -> None:
    assert ("STREET_ADDRESS", address) in found(text)


@pytest.mark.parametrize("text", [
    "We lost 2 Data Link sessions and rode 3 Big Dip rides, then 1 Lucky Break.",
    "Results: 4 Data Link errors, SA, 2000 rows",
])
def test_an_english_word_as_street_word_needs_the_state_tail(text: str) -> None:
    assert not [entity for entity, _ in found(text) if entity == "STREET_ADDRESS"]


# Street words, compound endings and their near misses (a word shorter than any ending, an
# ending inside a word, case-folded forms beyond ASCII).
_WORD_PIECES = ["utca", "ul.", "calle", "skogveien", "bahnhofstraße", "weg", "eg", "g", "a",
                "veie", "gatan", "storgata", "straat", "x", "é", "ß", "ss", "table", ""]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_WORD_PIECES), max_size=3).map("".join), max_size=7))
@example(["skogveien"])
@example(["", "g", "eg"])
def test_street_words_among_words_as_each_word_is_read(words: list[str]) -> None:
    """The look-up of a word's last characters first gives what the full rule gives."""
    vocabulary, endings = street_names._vocabulary()
    assert street_names._street_word_among(words) == any(
        word in vocabulary or word.endswith(endings) for word in words)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(["Lipowa", "ul.", " ", "12", "4a", "14/3", "5-7", "S/N", ",",
                                 ".", "°", "٣", "\U0001d7ce", "é", "_", "/", "x", "1.5", "%"]),
                max_size=10).map("".join))
@example("Rua Mota, S/N")
@example("Lipowa 14/3 and Nr° 5")
def test_the_number_check_before_the_look_back_finds_every_candidate(text: str) -> None:
    """`_CANDIDATE` asks for the number before it looks back: the same candidates."""
    slow = re.compile(street_names._CANDIDATE.pattern.replace(r"(?=\d|S/N)", "", 1))
    assert slow.pattern != street_names._CANDIDATE.pattern
    assert ([m.span(1) for m in street_names._CANDIDATE.finditer(text)]
            == [m.span(1) for m in slow.finditer(text)])


@pytest.mark.parametrize(("text", "street"), [
    ("she moved to halvardring 14/2, 20457 kremsow last spring", "halvardring 14/2"),
    ("Post it to Marijkeboulevard 8, 3512 Oostmalle", "Marijkeboulevard 8"),
    ("parcel for ingridåsen 31b, 6120 fjellvik", "ingridåsen 31b"),
    ("Meet me at Pieterhof 5, 9012 Zandvoorde tomorrow", "Pieterhof 5"),
    ("the flat at tessapad 22, 4471 oudelande is let", "tessapad 22"),
])
def test_a_compound_street_with_a_common_ending_before_its_postcode_and_town(
        text: str, street: str) -> None:
    assert street in streets(text)


@pytest.mark.parametrize("text", [
    "The spring 2, 2019 edition came out late.",
    "we measured string 3, 1024 characters each",
    "keyring 4 had 2048 keys",
    "Tune the moen 3, 4096 samples later",
    "the offering 2, 10000 units were sold",
    "see herring 3 and bring 4 more",
])
def test_a_common_ending_without_a_postcode_and_town_is_no_street(text: str) -> None:
    assert streets(text) == []


def before_a_postcode(text: str) -> list[str]:
    return [text[start:end] for start, end in street_names.streets_before_a_postcode(text)]


@pytest.mark.parametrize(("text", "street"), [
    ("Ship to:\nrue vautrin, 2314 saint-aubrac", "rue vautrin"),
    ("the office at avenue Léonie Giraud, 69430 Beaujeu-sur-Ardière", "avenue Léonie Giraud"),
    ("Her flat: chemin de la croix, 1297 founex", "chemin de la croix"),
    ("deliver to strada Mihail Dobre, 31-842 Kraków tomorrow", "strada Mihail Dobre"),
    ("post it to (rue Bastide, 13001 Marseille)", "rue Bastide"),
])
def test_a_street_without_a_number_before_its_postcode_and_town(text: str, street: str) -> None:
    assert before_a_postcode(text) == [street]


@pytest.mark.parametrize("text", [
    "the avenue of growth, 2024 plans are due",
    "sent via email, 2048 bytes each",
    "a plaza of shops, 10000 visitors a day",
    "the boulevard, 3000 people marched",
    "Trip via Lisbon, 2019 edition",
    "see rue Cornut, 2023 report",
])
def test_a_street_word_before_a_number_that_is_no_postcode_and_town(text: str) -> None:
    assert before_a_postcode(text) == []


@pytest.mark.parametrize(("text", "street"), [
    ("Deliver to via Garibaldi 12, 20121 Bassolino", "via Garibaldi 12"),
    ("spedire a via dei mille 4, 80132 castelporto", "via dei mille 4"),
])
def test_via_leads_a_street_when_a_postcode_and_town_follow(text: str, street: str) -> None:
    assert street in streets(text)


@pytest.mark.parametrize("text", [
    "sent via Slack 3, 2048 bytes", "routed via Node 3, 1024 Workers",
    "go via exit 4, 2000 metres", "VIA FOLEY 50", "via Route 9 to the coast",
])
def test_via_in_english_leads_no_street(text: str) -> None:
    assert streets(text) == []
