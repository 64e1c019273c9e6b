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


@pytest.mark.parametrize(("text", "name"), [
    # a given name and a surname in a slot things take too, read at the pair's end
    ("emeka adeyemi called about the delivery this morning", "emeka adeyemi"),
    ("we were talking about oskar berglund all evening", "oskar berglund"),
    # a given name alone as a sentence's subject, a verb after it
    ("yeah but wojciech makes the best coffee in the office", "wojciech"),
    ("i think thandiwe cooks better than all of us", "thandiwe"),
])
def test_lower_case_names_in_slots_things_take_too(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    # a given name and a surname English both knows, in a slot things take too
    "we walked to victoria park and then took the bus home",
    # a given name the lemma index knows as a noun too, alone: a flower, a town
    "i will tell paris about it when we land, the city is lovely",
    "we could ask holly or ivy to cover the fence by summer",
    # a lone name a preposition takes, no verb after it
    "we sent the sample to wojciech for analysis and it came back fine",
    # a kin word and a note's abbreviations in the slots
    "support offered to family, especially son who is having a difficult time",
    "he was observed to mae when lighter and the head ct was negative",
])
def test_lower_case_look_alikes_in_slots_stay_quiet(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "names"), [
    # a given name English does not know, then punctuation: looked up without it
    ("thanks sigrun, see you on monday then", ["sigrun"]),
    ("can you remind ngozi? she forgot the keys again", ["ngozi"]),
    # a list of given names, two of which English does not know: the others are names
    # too, though English or a library knows the word (`adam`) or a map does (`chad`)
    ("we were 5 at dinner: tuomas, adam, eszter, chad and marisol.",
     ["tuomas", "adam", "eszter", "chad", "marisol"]),
    ("the rota this week is dagny, simon and kwabena, then back to the start",
     ["dagny", "simon", "kwabena"]),
])
def test_lower_case_given_names_before_punctuation_and_in_lists(
        text: str, names: list[str]) -> None:
    found = persons(text)
    assert [name for name in names if name not in found] == []


@pytest.mark.parametrize("text", [
    # lists of optimisers, foods, words: no two given names English does not know
    "we compared sgd, adam, rmsprop and adagrad on the same split",
    "we ordered pizza, pasta, salad and wine for the team dinner",
    "pick any of will, grant, mark or bill as the example words",
    # one given name in a list of things does not make its other items names
    "the shelf holds ruby, jade, amber and one old photo of sigrun",
])
def test_lower_case_lists_of_things_stay_quiet(text: str) -> None:
    assert [n for n in persons(text) if n not in ("sigrun",)] == []


@pytest.mark.parametrize(("text", "name"), [
    # the subject of a clause a subordinating word opens: a finite verb after it
    ("we should leave before thandiwe wakes up from her nap", "thandiwe"),
    ("it was fine though wojciech thinks the room is cold", "wojciech"),
])
def test_a_lower_case_given_name_before_a_finite_verb(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    # a finite verb after a word no subordinating word opens a clause with
    "the colour of ngozi has faded a lot since last year",
    # a base form after the word: an object or an infinitive, not a subject
    "we sent the sample to wojciech for analysis and it came back fine",
    "i asked about the gift from wojciech to see if it came",
    # Greek letters and libraries before `is`: English or no listed name
    "where alpha is the learning rate and beta is the momentum of the update",
    "the value of theta is small so the gradient of sigma has to be clipped",
    # a sentence about medicine: a lone word there names a drug or a sign as often
    "the dose of thandiwe was lowered after the patient had side effects",
])
def test_lower_case_words_before_a_verb_that_name_no_one_stay_quiet(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "name"), [
    # one or two words no list or dictionary knows, heard or seen speaking or performing
    ("did you ever hear tavita okonjo sing live? she is amazing", "tavita okonjo"),
    ("we watched kwabena play at the club on saturday", "kwabena"),
])
def test_a_lower_case_name_heard_speaking(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    "we saw the band play last night and it was loud",
    "i heard him sing at the wedding, it was lovely",
    "you can watch numpy read the file in the profiler output",
])
def test_words_heard_speaking_that_name_no_one_stay_quiet(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "name"), [
    # a given name read as someone, then a surname no list holds: the name goes on
    ("can you write a short thank you note to dagny wrzesniewska", "dagny wrzesniewska"),
])
def test_a_lower_case_surname_no_list_holds(
        text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    # words English knows after `it was`, a place, a pair of things
    "it was crystal clear that the plan had failed",
    "tell india about the delay when the office opens",
    "we could ask holly or ivy to cover the fence by summer",
    # a given name English knows as a noun too, alone
    "tell crystal i will be a bit late tonight",
    # an English word after a given name read as someone is no surname
    "tell ngozi tomorrow that the rent is due",
])
def test_lower_case_nouns_in_slots_only_people_take_stay_quiet(text: str) -> None:
    assert persons(text) in ([], ["ngozi"])


@pytest.mark.parametrize(("text", "name"), [
    # a given name then a word no list, English or library knows, a verb after both
    ("marisol brennholt is the best host on that show", "marisol brennholt"),
])
def test_a_given_name_and_an_unlisted_surname_as_a_subject(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    # libraries and tools after a preposition: no listed given name before them
    "we tried it with dask xarray and zarr on the cluster",
    "we compared sklearn pipelines with kedro nodes last week",
    "the notebook uses tqdm progress bars and loguru for logs",
])
def test_unknown_lower_case_words_after_no_given_name_stay_quiet(text: str) -> None:
    assert persons(text) == []


# -- where the given names stand: `str.find` per name, whole runs kept ----------------

#: Texts written here: names as whole runs, inside longer runs, beside `_`, digits,
#: apostrophes and letters of other scripts, repeated and overlapping themselves.
RUN_TEXTS = (
    "ngozi, dagny and matteo met ngozi_2 and xngozi; dagnyx said hi to matteo.",
    "annanna anna anna3 3anna anna's o'neil o'neil-anna",
    "aaa aa aa_aa aa-aa éaa aaé aa",
    "ngozi\u00e9 \u0646ngozi ngozi\u0646 ngozi\u3000ngozi",
    "",
    "matteo",
)
RUN_WORDS = {"ngozi", "dagny", "matteo", "anna", "aa", "o'neil", "neil", "zzz", "aaé",
             "svetlana", "kwabena", "eszter", "tuomas", "marisol"}


@pytest.mark.parametrize("text", RUN_TEXTS)
def test_whole_runs_found_with_str_find_are_those_the_runs_give(text: str) -> None:
    from jupyter_safeai.scan import loose_names

    runs = sorted((run.group(), run.start()) for run in loose_names._ALNUM_RUN.finditer(text)
                  if run.group() in RUN_WORDS)
    assert loose_names._whole_runs_of(text, RUN_WORDS) == runs
    # more names than `_FIND_EACH` go through it
    assert len(RUN_WORDS) > loose_names._FIND_EACH
    assert loose_names._places_of(text, RUN_WORDS) == runs


def test_whole_runs_refuse_places_inside_a_longer_run() -> None:
    from jupyter_safeai.scan import loose_names

    assert loose_names._whole_runs_of("xanna annax 1anna anna2", {"anna"}) == []
    # `_` ends a run of letters and digits as a blank does
    assert loose_names._whole_runs_of("anna_x", {"anna"}) == [("anna", 0)]
    assert loose_names._whole_runs_of("xanna, anna", {"anna"}) == [("anna", 7)]
