"""Streets written as other countries write them, in sentences worded as others word them:
a `Name 12` street after a preposition in capitals or with `the` (`TRANSFERRED FROM`,
`seen at the`), after `in` when a town follows, and compounds whose ending also ends
other words (`-baan`, `-pad`, `-hof`, `-Ring`) after a cue or joined by hyphens, and a
typeset apostrophe in a number-first street's name (`41 O’Brien Street`). Each with
look-alikes that must stay quiet. Every example is made up here."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.engine import Scanner
from tests.scan.place_text import place_text

_SCANNER = Scanner(ner=False)


@pytest.mark.parametrize(("text", "address"), [
    # a preposition of place in a note typed in capitals
    ("PT TRANSFERRED FROM Hřebenová 14, Žďár yesterday", "Hřebenová 14, Žďár"),
    ("SENT TO Sokolská 9 FOR REHAB", "Sokolská 9"),
    # `the` after the preposition: only with a town after the street
    ("she was treated at the Lipová 22, Třeboň clinic last year", "Lipová 22, Třeboň"),
    ("reviewed at the Ľudová 7, Žilina office", "Ľudová 7, Žilina"),
    # `in`: only with a town after the street, and the words before it left out
    # (the town ends before a weekday: `on Monday` is no part of it)
    ("seen by Dr. Moss in Kroměřížská 41, Přerov on Monday", "Kroměřížská 41, Přerov"),
    ("He grew up in Vrbová 3, Šaľa before the war.", "Vrbová 3, Šaľa"),
    # a one-letter preposition that starts the street's name
    ("last admitted to U Rybníčku 41 on 3 May", "U Rybníčku 41"),
    ("surgery at V Úvoze 7, Čáslav last week", "V Úvoze 7, Čáslav"),
])
def test_a_street_of_another_language_after_a_preposition(text: str, address: str) -> None:
    assert place_text(text) == address


@pytest.mark.parametrize("text", [
    "we sat in the Café 2 near the station",  # `the`, no town after
    "We met in Zürich 12 times last year.",
    "results in Señor 3 and in Pokémon 5",  # `in`, no town after
    "the festival in Málaga 2019, Spain was great",  # a year, no house number
    "Figures in Übung 3, Aufgabe 2",  # the town is no town
    "see Appendix U Übung 3 and Table V Größe 4",  # no preposition of place before
])
def test_a_foreign_word_and_a_number_after_a_preposition_is_no_street(text: str) -> None:
    assert place_text(text) == ""


@pytest.mark.parametrize(("text", "address"), [
    ("the parcel went to Merelbaan 40 yesterday", "Merelbaan 40"),
    ("visit us at Roelofpad 12 on Saturday", "Roelofpad 12"),
    ("Address: Gerdahof 7", "Gerdahof 7"),
    # joined by hyphens, a person's name and `-Ring`: a street in any sentence
    ("The lab on Heinrich-Vogel-Ring 21, Kassel moved.", "Heinrich-Vogel-Ring 21, Kassel"),
    ("the Käthe-Lenz-Ring 5 was closed", "Käthe-Lenz-Ring 5"),
])
def test_a_compound_street_whose_ending_ends_other_words(text: str, address: str) -> None:
    assert place_text(text) == address


@pytest.mark.parametrize("text", [
    "press Keypad 3 on the remote",
    "open Notepad 4 and then Launchpad 2",
    "see Merelbaan 40 in the index",  # no cue before the compound, no hyphen
    "the Tree-Ring 5 samples and the Key-Ring 3",  # English before the hyphen
    "the BAHNHOF 3 sign",  # all capitals
])
def test_compound_look_alikes_stay_quiet(text: str) -> None:
    assert place_text(text) == ""


@pytest.mark.parametrize(("text", "address"), [
    # a typeset apostrophe in a street's name, as a word processor writes it
    ("The patient lives at 952 Ngozi’s Passage now", "952 Ngozi’s Passage"),
    ("She moved to 41 O’Brien Street last May.", "41 O’Brien Street"),
])
def test_a_typeset_apostrophe_in_a_number_first_street(text: str, address: str) -> None:
    assert place_text(text) == address


@pytest.mark.parametrize("text", [
    "we ran 12 O’Reilly Books exercises",  # no street suffix
    "I’d say 3 isn’t enough",
])
def test_typeset_apostrophes_without_a_street_stay_quiet(text: str) -> None:
    assert place_text(text) == ""


@pytest.mark.parametrize(("text", "address"), [
    # a house number before one compound street name, with a postcode and a town after
    ("Ingrid Dahl, 14 Bjørnegata, 0462 Oslo", "14 Bjørnegata|0462|Oslo"),
    ("ship to 9 kongevej, 5700 svendborg", "9 kongevej|5700|svendborg"),
    # or after a cue, capitalised
    ("please post it to 31 Fjellveien tomorrow", "31 Fjellveien"),
    ("she moved to 8 Lindeveien with her son", "8 Lindeveien"),  # (no plural after it)
])
def test_a_number_before_a_compound_street_name(text: str, address: str) -> None:
    assert place_text(text) == address


@pytest.mark.parametrize("text", [
    "the 5 Brigade and 3 Delegates met",  # English words
    "we saw 31 Fjellveien photos",  # no cue, no postcode and town
    "rated 4 Aggregate, 2048 Samples",  # an English word, and no town
    "SEND TO 12 STORGATA",  # all capitals
    # a cue, then a number that counts what a compound's word names
    "open to 26 Fernengen visitors this year",
    "we moved to 3 Harbourgate servers last week",
    "Note: 4 Kvistveien tickets were sold",
])
def test_number_first_compound_look_alikes_stay_quiet(text: str) -> None:
    assert place_text(text) == ""


@pytest.mark.parametrize(("text", "address"), [
    # `lives in` before a `Name 12` street in a name English lacks
    ("The applicant was born in 1961 and lives in Trnovsko naselje 4b.",
     "Trnovsko naselje 4b."),
    ("she has been living in Zelenikova 12 since May", "Zelenikova 12"),
    # a house number with a letter after a dash, as the Philippines write it
    ("The applicant lives in 4471-B Mabini Street.", "4471-B Mabini Street"),
])
def test_a_street_where_someone_lives(text: str, address: str) -> None:
    assert place_text(text) == address


@pytest.mark.parametrize("text", [
    # (the place reader may still take `Phase` for a town after `lives in`: no street)
    "the data lives in Phase 2 and the notes live in Table 3",
    "we live in Level 4 of the building",
    "COVID-19 Main Street",  # letters before the dash
    "the 2019-b notes street",  # no capital after the dash, no capitalised street
])
def test_where_something_lives_is_no_street(text: str) -> None:
    assert not [f for f in _SCANNER.scan(text) if f.entity == "STREET_ADDRESS"]
