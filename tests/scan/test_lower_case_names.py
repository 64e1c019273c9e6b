"""Names in prose typed in lower case (issue 14): a listed given name then a listed
surname, neither an English word, or a given name English does not know where only a
person stands. Code, identifiers and lower-case prose about things stay quiet.
Examples written here."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.engine import Scanner
from tests.scan.found_text import texts_of

SCANNER = Scanner()

#: Given names and surnames of many countries, all listed, none an English word.
PEOPLE = ("ngozi okafor", "dagny lindqvist", "matteo rossi", "svetlana nowak",
          "kwabena mensah", "eszter halvorsen", "mehmet yilmaz", "leilani castellanos",
          "tuomas virtanen", "marisol quispe")

FRAMES = (
    "can you write to {} about the bill",
    "please email {} the minutes from today",
    "i had lunch with {} and we talked about the move",
    "did {} send the signed form yet?",
    "remind {} that the rent is due on friday",
    "what should i get {} for her birthday",
)


persons = texts_of(SCANNER.scan, "PERSON")


@pytest.mark.parametrize("frame", FRAMES)
def test_a_given_name_and_surname_in_lower_case_prose(frame: str) -> None:
    missed = [name for name in PEOPLE if name not in persons(frame.format(name))]
    assert not missed, f"{frame!r}: {missed}"


@pytest.mark.parametrize(("text", "name"), [
    ("can you remind sigrun about the meeting tomorrow", "sigrun"),
    ("thandiwe and i are going to the cinema tonight", "thandiwe"),
    ("it was wojciech who fixed the printer in the end", "wojciech"),
])
def test_a_lone_given_name_in_a_slot_only_people_take(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    # code and identifiers
    "maria_gonzalez = load_user(42)\nprint(maria_gonzalez)\n",
    "for matteo in rossi_rows:\n    matteo.update()\n",
    "see `ngozi okafor` in the config file for the default value",
    "user: matteo.rossi@example.org",
    # a given name alone without a person's slot, and one English knows
    "we moved the samples from lisbon to porto for analysis and it came back fine",
    # a given name alone in a slot things take too: lower case says too little
    "we sent the sample to sigrun for analysis and it came back fine",
    "can you remind grace about the meeting tomorrow",
    # lower-case prose about things: optimisers, libraries, places, months
    "use adam with a learning rate of 0.001 and a cosine decay",
    "we trained the model with keras and then with torch for comparison",
    "the flights from paris to lisbon are cheaper in may and june",
    # a stop word the name lists hold (`among`), in a subject's slot
    "the tree picks from among the top features, among other things",
    # lower-case prose in another language, whose words the name lists hold too
    "tolong kirim berkas ini ke kantor dan bantu satu sama lain besok pagi",
    # a line that is no lower-case prose
    "Quarterly Reports | ngozi okafor | 2021 | Summary Tables And Figures",
])
def test_lower_case_text_that_names_no_one_here_stays_quiet(text: str) -> None:
    assert persons(text) == []
