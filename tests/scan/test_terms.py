"""Capitalised words that name a method, a law or a word of another language stay quiet;
people's names in the same shapes are still found (terms.py, loose_names.py)."""

from __future__ import annotations

import pytest

from jupyter_safeai.scan.terms import names_a_thing
from tests.scan.found_text import persons


@pytest.mark.parametrize("text", [
    # a head noun right after (or an adjective and a head noun)
    "Counts per hour, see notes for: Poisson distribution of arrivals.",
    "Figures per country, see notes for:  Gross domestic product, in dollars",
    "Smoothing is done with a filter; thanks to Kalman filter tricks it is fast.",
    # a capitalised head noun inside a run that no given name opens
    "The sampler we use is called *Markov Chain Monte Carlo* (MCMC), explained later.",
    "We can set up a Bayesian Bandit algorithm on top of smaller ones.",
    # an article (and a pointing word) before one word; its other mentions go with it
    "The Law says that the running mean converges to the expected value.",
    "If the above Law is a surprise, a plot helps. This Law holds for most samplers.",
    "Topics come from Latent Dirichlet Allocation, fitted on the reviews.",
    "An ANN is a stack of layers. Each ANN learns its weights.",
    # one short word in capitals on a line in lower case: an acronym
    "Here we see for ourselves how ANN works on a small example.",
    # prose in another language
    "Jika Anda ingin menjalankan sel ini, tekan tombol di atas lalu tunggu hasilnya.",
    "Kemudian Anda bisa membuka berkas baru dan menulis kode sendiri di sana.",
])
def test_terms_and_foreign_words_are_no_persons(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Dr. Gauss saw the patient this morning.", "Gauss"),
    ("patient Markov, 54, was admitted overnight.", "Markov"),
    ("Mrs Wilson was discharged home with her daughter.", "Wilson"),
    ("Mr. Bayes signed the consent form.", "Bayes"),
    ("Ms Hill checked out at noon.", "Hill"),
    ("Pt Kaplan, 71 yo, denies chest pain.", "Kaplan"),
])
def test_eponym_surnames_after_a_title_are_names(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize(("text", "name"), [
    ("Jude Law said he would come by after the scan.", "Jude Law"),
    ("Maria Lopez was seen in clinic; her Poisson regression study visit is next week.",
     "Maria Lopez"),
    ("Anda Popescu was admitted on Monday with a fever.", "Anda Popescu"),
    ("We visited the elderly Garcia at home; Garcia said the pain was better.", "Garcia"),
    ("Ana Nguyen was admitted today. The Nguyen family asked about visiting.", "Nguyen"),
    ("Spoke with daughter ANN about the discharge plan today.", "ANN"),
    ("She said that Travis told the nurse he was fine.", "Travis"),
    ("PATIENT: ANN SMITH\nBP 120/80", "ANN SMITH"),
])
def test_names_beside_terms_are_still_found(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize(("text", "quiet"), [
    ("Dr. Cox's method is used for the hazards.", "Cox"),
    ("every patient Wilson disease staging", "Wilson"),
])
def test_a_term_after_a_title_word_stays_a_term(text: str, quiet: str) -> None:
    assert persons(text) == [], quiet


@pytest.mark.parametrize(("text", "word", "thing"), [
    ("a Poisson distribution here", "Poisson", True),
    ("we load Iris dataset first", "Iris", True),
    ("drawn in Robinson projection", "Robinson", True),
    ("the Law says so", "Law", True),
    ("then Ana said so", "Ana", False),
    ("we met Ana Ruiz today", "Ana Ruiz", False),
    ("as Markov Chain shows", "Markov Chain", True),
    ("as Jude Law shows", "Jude Law", False),
])
def test_names_a_thing_reads_the_words_around(text: str, word: str, thing: bool) -> None:
    start = text.index(word)
    assert names_a_thing(text, start, start + len(word)) is thing


@pytest.mark.parametrize(("text", "name"), [
    ("Ayer Ramona Quispe ingresó con dolor torácico y fiebre alta en la noche.",
     "Ramona Quispe"),
    ("Kemarin Dewi Lestari dirawat di rumah sakit karena demam tinggi sekali.",
     "Dewi Lestari"),
])
def test_two_listed_names_in_another_language_are_a_person(text: str, name: str) -> None:
    assert any(name in found for found in persons(text))


@pytest.mark.parametrize("text", [
    # a head noun after a bracket of code or a year
    "Other maps are the sinusoidal (``proj='sinu'``) and Robinson (``proj='robin'``) projections.",
    # whoever devised a method the text speaks of
    "Old posts collect votes. J. Ostrowski proposes a system to rank them fairly.",
    "Ines Varga introduced the technique of thinning the chain.",
    "Okafor first formulated a simple estimator of the tail.",
])
def test_methods_and_their_authors_are_no_persons(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "name"), [
    # an age in brackets is no year; what a person proposes in a day is no method
    ("John Robinson (45) test results came back today.", "John Robinson"),
    ("Maria Lopez proposed a walk after lunch with her son.", "Maria Lopez"),
    ("Maria Lopez introduced her husband to the nurse.", "Maria Lopez"),
    ("Patient Ines Varga proposed a new system for her pills.", "Ines Varga"),
])
def test_people_beside_brackets_and_proposals_are_still_found(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    "The changes introduced by Law no. 52 of 2001 were upheld.",  # a numbered instrument
    "“We never go there. But Mum says it is too far.”",  # a kin word alone
])
def test_numbered_instruments_and_kin_words_alone_are_no_one(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Mr Okafor no longer attends the clinic.", "Okafor"),  # `no` with no number after
    ("Maria Lopez, No. 4 on the list, was discharged.", "Maria Lopez"),  # two words
    ("Her mum Adaeze Obi says it is too far.", "Adaeze Obi"),
])
def test_names_beside_numbers_and_kin_words_stay(text: str, name: str) -> None:
    assert name in persons(text)



@pytest.mark.parametrize("text", [
    "The Johns Hopkins protocol for sepsis - how does it differ?",
    "When should Stevens Johnson syndrome be suspected?",
])
def test_medical_eponym_heads_make_a_term(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Ask Maria Okafor to sign the form.", "Maria Okafor"),
    ("Can Ana Lopez sign the consent today?", "Ana Lopez"),  # a verb with its object
])
def test_a_name_before_a_verb_head_stays(text: str, name: str) -> None:
    assert name in " ".join(persons(text))


@pytest.mark.parametrize("text", [
    "See you on Valentine's Day at the usual place.",
    "Martin Luther King Day is a federal holiday.",
    "The Saint Patrick's Day parade was cancelled.",
])
def test_a_day_named_after_someone_is_no_one(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Doris Day sang it in 1956.", "Doris Day"),  # two words and `Day`: a name
    ("Maria Lopez's Day 3 labs were normal.", "Maria Lopez"),  # a day counted
])
def test_names_beside_day_stay(text: str, name: str) -> None:
    assert persons(text) == [name]


@pytest.mark.parametrize(("text", "name"), [
    # a given name opens the run: a patient, not an eponym (`Stevens Johnson syndrome`)
    ("Maria Alvarez signs consent.", "Maria Alvarez"),
    ("John Carter scores 28/30 on MMSE.", "John Carter"),
    ("Ana Okafor procedure went well.", "Ana Okafor"),
    ("Nancy Hale reflex testing normal.", "Nancy Hale"),
    ("Maria Lopez disease progression discussed with oncology.", "Maria Lopez"),
    # a patient's word right before, or opening the run
    ("Pt Alvarez procedure cancelled due to fever.", "Alvarez"),
    ("Pt Nancy Sign was seen.", "Nancy"),
])
def test_a_patients_name_before_a_medical_head_stays(text: str, name: str) -> None:
    assert name in " ".join(persons(text))


@pytest.mark.parametrize("text", [
    "Babinski sign negative bilaterally.",
    "Wells score of 4, CT angiogram ordered.",
    "Reviewed the Ottawa Ankle rules; Stevens Johnson syndrome ruled out.",
])
def test_eponyms_before_a_medical_head_stay_quiet(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Anna Maria Lopez Day, 54, admitted.", "Anna Maria Lopez Day"),
    ("Patient Jose Luis Garcia Day seen in clinic.", "Jose Luis Garcia Day"),
])
def test_a_patients_name_ending_in_day_stays(text: str, name: str) -> None:
    assert name in " ".join(persons(text))
