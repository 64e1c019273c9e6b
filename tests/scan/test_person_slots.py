"""A lone given name or surname that no title or label announces, found by the place a
sentence gives it (issue 14): the object of what takes only people, the subject of
what people do, beside the speaker, or in a weaker slot (`to`, `from`, a plain verb)
a word the name lists know and English does not. Names of many countries; look-alikes
(optimisers, libraries, places, products, months, words that are names, code) stay
quiet. Examples written here."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.engine import Scanner
from jupyter_safeai.scan.person_slots import NO_SLOT, STRONG_SLOT, WEAK_SLOT, person_slot
from tests.scan.found_text import texts_of

SCANNER = Scanner()

#: Given names and surnames of many countries, all in the name lists, none English.
NAMES = ("Sigrun", "Siobhan", "Thandiwe", "Matteo", "Dagny", "Okonkwo", "Fernandes",
         "Lindqvist", "Yusuf", "Bogdan", "Svetlana", "Wojciech", "Eszter", "Aroha",
         "Kwabena", "Jurgita", "Mehmet", "Leilani", "Tuomas", "Halvorsen", "Quispe",
         "Nowak", "Marisol", "Vuković", "Guðrún", "Castellanos")

#: Sentences of a message about someone, the person's word left open.
FRAMES = (
    "{} is very reliable.",
    "Have you heard from {}?",
    "I gave the keys to {}.",
    "{} called yesterday about the rent.",
    "We should invite {} to the party.",
    "Ask {} whether the report is ready.",
    "I think {} lost her phone again.",
    "Did {} finish the slides?",
    "The car belongs to {}.",
    "{} and I went hiking on Sunday.",
    "My manager said {} would take over the project.",
    "Please forward this to {} when you can.",
    "Last week {} moved to a new flat.",
    "I ran into {} at the station.",
    "It was {} who found the bug.",
    "Can you remind {} about the meeting?",
    "According to {}, the deadline moved.",
    "I borrowed a book from {} and never returned it.",
    "Has {} replied to the invitation yet?",
    "Yesterday {} told me the lab is closed.",
    "This is {}, our new intern.",
    "Who is {}?",
    "Where is {} today?",
    "Is {} coming to dinner?",
    "{}, can you check this before lunch?",
    "Our neighbour {} keeps parking in our spot.",
    "Can you find the phone number of {}?",
    "{} doesn't eat meat.",
)


persons = texts_of(SCANNER.scan, "PERSON")


@pytest.mark.parametrize("frame", FRAMES)
def test_a_lone_listed_name_in_a_persons_slot(frame: str) -> None:
    missed = [name for name in NAMES if name not in persons(frame.format(name))]
    assert not missed, f"{frame!r}: {missed}"


@pytest.mark.parametrize("name", ["John", "Maria", "Thomas", "Helen", "Susan", "Karen"])
@pytest.mark.parametrize("frame", [
    "Who is {}?",
    "{}, can you check this before lunch?",
    "Can you remind {} about the meeting?",
    "It was {} who found the bug.",
])
def test_a_given_name_english_lists_as_a_noun_in_a_slot_only_people_take(
        frame: str, name: str) -> None:
    assert name in persons(frame.format(name))


@pytest.mark.parametrize(("text", "word", "slot"), [
    ("Please remind Sigrun about it.", "Sigrun", STRONG_SLOT),
    ("Quispe and I left early.", "Quispe", STRONG_SLOT),
    ("It was Nowak who called.", "Nowak", STRONG_SLOT),
    ("I sent the file to Nowak.", "Nowak", WEAK_SLOT),
    ("Aroha moved to Leeds.", "Aroha", WEAK_SLOT),
    ("Aroha moved out and took her cat.", "Aroha", STRONG_SLOT),  # a pronoun after it
    ("The Nowak method converges.", "Nowak", NO_SLOT),
    ("Results for Nowak method", "Nowak", WEAK_SLOT),
    ("Results for Nowak in the patients", "Nowak", NO_SLOT),
])
def test_the_slot_of_a_word(text: str, word: str, slot: int) -> None:
    start = text.index(word)
    assert person_slot(text, start, start + len(word)) == slot


@pytest.mark.parametrize("text", [
    # optimisers, libraries and tools that share a name, in the same slots
    "We trained it with Adam and a cosine schedule.",
    "Adam is a good optimiser for this network.",
    "Ask Claude to summarise the paper.",
    "I gave the data to Keras and it failed.",
    "Did Julia finish compiling the package?",
    "It was Django who routed the request.",
    # places in a subject's or an object's slot
    "We moved to Lisbon last year.",
    "Nairobi has grown fast.",
    "The flight from Takahashi was late.",
    # products, months and words that are names
    "I bought it from Amazon last week.",
    "May is usually warm here.",
    "According to Reuters, the deadline moved.",
    "I sent it to Security for review.",
    "Grace is needed when reviewing code.",
    # a place whose name is a given name too, in a slot only people take
    "Have you heard from Paris?",
    "I ran into Berlin traffic at the station.",
    # a question about a thing or a place
    "Where is Lisbon on this map?",
    "Is Keras running on the GPU?",
    "This is Django, a web framework.",
    # in a sentence about medicine a surname names a disease, a sign or a drug
    "Should I switch from Leber to another drug?",
    "I was diagnosed with Sheehan last year, what now?",
    "Is it safe to give Fabry to a pregnant woman?",
    "Does Nyhan interact with alcohol?",
    # a nursing note's words and abbreviations in title case
    "Lavage done. Per rounds, lungs improved in one field.",
    "Sedated on propofol. Mae spontaneously, pupils brisk.",
    "Edema noted from Rue to the hip, dressing dry.",
    # a method named after its author, and code
    "The Nakamura method converges quickly.",
    "df = load(path)\nfor nowak in rows:\n    send(nowak)\n",
    "## Results from Lindqvist\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
])
def test_look_alikes_stay_quiet(text: str) -> None:
    assert persons(text) == []
