"""Names in prose that no verb list knows: NER is asked about capitalised words in a line of
prose when a name list or a person cue corroborates them, and a person once found is found
again wherever the text mentions part of the name. Examples written here, in shapes the
tuning data does not use."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jupyter_safeai.scan import loose_names, names
from jupyter_safeai.scan.name_context import (
    about_a_person,
    name_giving_ends,
    person_cue,
    prose_line,
    sentence_around,
)
from jupyter_safeai.scan.names import NameRecognizer


class _Ner:
    """A stand-in for the NER model: calls every span it is asked about `label`, and
    records what it was asked."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.asked: list[str] = []

    def __call__(self, text: str, start: int, end: int) -> bool:
        return self.labels_many(text, [(start, end)])[0] == "PERSON"

    def labels_many(self, text: str, spans: list[tuple[int, int]]) -> list[str]:
        self.asked.extend(text[start:end] for start, end in spans)
        return [self.label] * len(spans)


def _found(text: str, label: str) -> tuple[list[str], list[str]]:
    ner = _Ner(label)
    found = [text[f.start:f.end] for f in NameRecognizer(confirm=ner).find(text)]
    return found, ner.asked


# A given name and a surname no list knows, in a sentence with no verb of the prose
# readers' lists and no pronoun: NER is asked because the list knows the given name.
_PLAIN_PROSE = "Tickets for the quiz night went quickly once Zofia Quillfeather shared the link."


def test_a_listed_name_in_plain_prose_is_found_or_put_to_ner() -> None:
    # a surname no list holds and English does not know: found without NER
    found, asked = _found(_PLAIN_PROSE, "PERSON")
    assert "Zofia Quillfeather" in found and "Zofia Quillfeather" not in asked
    # one English knows too (`bramble`): NER decides
    text = _PLAIN_PROSE.replace("Quillfeather", "Bramble")
    found, asked = _found(text, "PERSON")
    assert "Zofia Bramble" in asked and "Zofia Bramble" in found
    found, asked = _found(text, "")
    assert "Zofia Bramble" in asked and "Zofia Bramble" not in found


def test_an_entity_ner_mislabels_counts_when_a_list_corroborates_it() -> None:
    # the small model calls many unseen names ORG or GPE: a listed given name first,
    # a surname-shaped word after it, in prose, make it a person all the same
    found, _ = _found(_PLAIN_PROSE, "ORG")
    assert "Zofia Quillfeather" in found


@pytest.mark.parametrize("text", [
    # an article before the words: a thing, not a person
    "Tickets sold quickly once the Zofia Quillfeather edition reached the shops.",
    # an English-looking word among them
    "Tickets sold quickly once Zofia Processing reached every shop in town.",
    # a table row, a heading, a line of capitalised items: no prose
    "| Zofia Quillfeather | 0.93 | 0.88 | 0.91 |",
    "## Zofia Quillfeather results for the quiz night and the raffle",
    "Zofia Quillfeather, Darnholt Mill, Brekke Farm",
])
def test_a_mislabelled_entity_outside_plain_prose_is_no_person(text: str) -> None:
    found, _ = _found(text, "ORG")
    assert "Zofia Quillfeather" not in found and "Zofia Processing" not in found


def test_one_listed_word_needs_a_person_cue_before_ner_is_asked() -> None:
    # `Iris` and `Simon` are given names and names of a dataset and an algorithm
    _, asked = _found("We load the classic data and plot it beside Simon for comparison.",
                      "PERSON")
    assert "Simon" not in asked
    # a given name no list holds after a person's cue: NER is asked
    _, asked = _found("We drove out to the lake so that my flatmate Torbjartur could fish.",
                      "PERSON")
    assert "Torbjartur" in asked
    # one a list holds (mimesis's Norwegian names) is found without NER
    found, _ = _found("We drove out to the lake so that my flatmate Halvard could fish.",
                      "PERSON")
    assert "Halvard" in found


@pytest.mark.parametrize(("text", "asked"), [
    # (`just like Benedikt` is a person's slot: found without NER, `person_slots`)
    ("Honestly you sound just as grumpy as Benedikt lol", True),
    ("This show would be so much worse without Marisol!", True),
    ("Why did nobody warn Tomasz about it?", True),
    # documentation: no first person, no exclamation; an optimizer; a sentence's start
    ("The results below compare the Benedikt variant with the baseline.", False),
    ("I tried Adam and it converged faster than plain SGD!", False),
    ("Marisol was the first label in my list?", False),
])
def test_one_listed_word_in_a_message_is_put_to_ner(text: str, asked: bool) -> None:
    found, words = _found(text, "PERSON")
    name = next(w for w in ("Benedikt", "Marisol", "Tomasz", "Adam") if w in text)
    assert (name in words) == asked


@pytest.mark.parametrize(("text", "again"), [
    # a full name, then the surname alone, a possessive, a given name alone
    ("Petra Lindqvist opened the meeting. Two hours on, Lindqvist closed it.", "Lindqvist"),
    ("The award went to Ngozi Okafor, and Okafor's speech was short.", "Okafor"),
    ("Before lunch Dr. Brekke phoned; nobody else had heard from Brekke since May.",
     "Brekke"),
])
def test_a_person_found_once_is_found_at_every_mention(text: str, again: str) -> None:
    found = [text[f.start:f.end] for f in NameRecognizer().find(text)]  # no NER
    assert found.count(again) + sum(again in f and f != again for f in found) >= 2


def test_mentions_are_joined_within_one_note_not_across_a_long_paste() -> None:
    note = "Petra Lindqvist opened the meeting. "
    later = "Minutes were kept by Lindqvist."
    near = [note[f.start:f.end] if f.end <= len(note) else "later"
            for f in NameRecognizer().find(note + later)]
    far_text = note + "x " * (names._MENTION_REACH // 2 + 10) + later
    far = [far_text[f.start:f.end] for f in NameRecognizer().find(far_text)]
    assert "later" in near and far.count("Lindqvist") == 0


def test_a_word_inside_a_longer_word_is_no_mention() -> None:
    text = "Petra Lindqvist signed. The Lindqvistska archive holds the letters."
    found = [text[f.start:f.end] for f in NameRecognizer().find(text)]
    assert "Lindqvist" not in found and not any("Lindqvistska" in f for f in found)


def test_person_context_reads_the_sentence() -> None:
    text = "The run ended. My neighbour Darnholt waved. Tables follow."
    start = text.index("Darnholt")
    left, right = sentence_around(text, start, start + 8)
    assert text[left:right].strip() == "My neighbour Darnholt waved"
    assert person_cue(text, start, start + 8)
    assert about_a_person(text, left, right, pronouns=True)
    assert not about_a_person("The sampler converged after warm-up.", 0, 36, pronouns=True)
    assert prose_line(text, start, start + 8)


@pytest.mark.parametrize(("text", "name"), [
    ("everyone at the choir calls me Brennan", "Brennan"),
    ("the landlord's name is Okafor, I think", "Okafor"),
    ("My Name Was Wierzbicki before the wedding", "Wierzbicki"),
])
def test_name_giving_phrases_are_read_in_one_place(text: str, name: str) -> None:
    assert [text[end:end + len(name)] for end in name_giving_ends(text, text.lower())] == [name]


# -- The shortcuts the name readers take read what the patterns they stand for read -----

_PIECES = ["Ana", "Ruiz", "O'Neil", "Al-Rashid", "ADEBAYO", "M", "J.", "van", "de", "la",
           " ", "  ", ",", ", ", ".", "\t", "x", "1", "é", "Nguyễn", "İ", "Dr", "\n"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_tokens_split_at_blanks_as_the_token_pattern_reads(text: str) -> None:
    for candidate in names._CANDIDATE.finditer(text):
        for value in (candidate.group(), *(m.group() for m in names._COMMA.finditer(
                candidate.group()))):
            read = [(t.start(), t.end(), t.group()) for t in names._TOKEN.finditer(value)
                    if t.group().casefold() not in names.PARTICLES]
            assert names._tokens(value) == read


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["dob", "d.o.b", "mrn", "age", "aged", "ages", "born", "x",
                                 "a", " ", ".", "é", "s", "d", "1", "K"]),
                max_size=12).map("".join))
def test_age_words_by_find_are_the_words_the_pattern_finds(text: str) -> None:
    pattern = loose_names._by_first_letter(loose_names._AGE_OR_DOB_WORDS)
    lowered = text.lower()
    assert loose_names._whole_words(lowered, loose_names._AGE_OR_DOB_WORDS) == [
        m.start() for m in pattern.finditer(lowered)]
