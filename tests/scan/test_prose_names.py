"""Names in conversational prose that no title or label announces (issue 14), and the
notebook text where the same shapes are not about a person. Examples written here."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jupyter_safeai.scan import prose_names
from jupyter_safeai.scan.engine import Scanner
from jupyter_safeai.scan.prose_names import case_names
from tests.scan.found_text import texts_of

SCANNER = Scanner()


persons = texts_of(SCANNER.scan, "PERSON")


@pytest.mark.parametrize(("text", "name"), [
    ("What is your surname? Oyelaran", "Oyelaran"),
    ("And the family name? Quintavalle", "Quintavalle"),
])
def test_a_name_answering_a_question_for_it(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    "import numpy as np\n# Tomasz Kowalczyk wrote this loop\nx = np.zeros(3)\n",
    "df = load()\n# call Ingrid Halvorsen before rerunning\ndf.head()\n",
])
def test_a_comment_in_code_is_no_heading(text: str) -> None:
    assert persons(text), "a `# ` line in Python is a comment: its names are read"


@pytest.mark.parametrize("text", [
    "# Tomasz Kowalczyk\nThe notebook below fits a model.",
    "## Notes from Ingrid Halvorsen\n\nSome text.",
])
def test_a_markdown_heading_still_is_a_title(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "names"), [
    ("We invited Oskar, Lena, Tove, Mateo and Pim.", ["Oskar", "Lena", "Tove", "Mateo", "Pim"]),
    ("the kids are brigitte, hamid, lucia and samuel", ["brigitte", "hamid", "lucia", "samuel"]),
    ("On the team: Karin, Dawit, Ulrike or Nadia", ["Karin", "Dawit", "Ulrike", "Nadia"]),
    # a list longer than the few words before `and` that the first search looks at
    ("the kids are brigitte, hamid, lucia, samuel, oskar, lena, tove, mateo, karin, dawit, "
     "ulrike and nadia", ["brigitte", "hamid", "lucia", "samuel", "oskar", "nadia"]),
])
def test_an_enumeration_of_given_names(text: str, names: list[str]) -> None:
    assert all(name in persons(text) for name in names)


@pytest.mark.parametrize("text", [
    "We compared Adam, SGD, Adagrad and RMSProp on the task.",
    "The Bellamy, Whitford and Crane Quartet plays tonight.",
    "Hartley, Pruitt and Vance is a consulting firm in Leeds.",
    "colours: red, green, blue and yellow",
])
def test_enumerations_that_are_no_people(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Hi Teodora, could you send the scan results?", "Teodora"),
    ("Dear Oluwaseun, thanks for the call.", "Oluwaseun"),
    ("Stop it right now, Gregory!", "Gregory"),
])
def test_a_person_spoken_to(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", ["print('Hello World!')", "Hello, everyone! Welcome.",
                                  "value = 'Hello World'"])
def test_greetings_to_no_one(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Marta shouted at Douglas before leaving", "Douglas"),
    ("Ivo had given Heather the spare key.", "Heather"),
    ("a drama starring Whitaker and a dog", "Whitaker"),
    ("They said Oyelowo married Tsvetanka in spring.", "Tsvetanka"),
    ("Ingvild had given Radomir his scarf back", "Radomir"),
])
def test_the_person_a_verb_only_people_take_is_done_to(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize(("text", "name"), [
    ("Zdravka shouted from the landing.", "Zdravka"),
    ("It rained. Okwuosa began writing at night.", "Okwuosa"),
    ("Teodor Vasquez-Oyama was born in a small town", "Teodor Vasquez-Oyama"),
    ("Pelagia is from Norrland Logistics AB", "Pelagia"),
])
def test_who_does_what_only_people_do(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    "Lasso gave the best validation score.",
    "The model was born out of necessity.",
    "Then we handed Python the list",
])
def test_things_that_give_and_are_born(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Director Ilsabet Marrow explained the cut.", "Ilsabet Marrow"),
    ("As spokeswoman Odalys Frenk put it, nothing changed.", "Odalys Frenk"),
])
def test_a_role_before_a_name_is_a_title(text: str, name: str) -> None:
    assert name in persons(text)


def test_a_name_in_a_sentence_about_someone_goes_to_ner() -> None:
    text = "Yesterday Bartholomew Okonkwo-Reyes visited and he brought his sister."
    assert persons(text) == ["Bartholomew Okonkwo-Reyes"]


def test_ner_is_not_asked_about_words_in_python_source() -> None:
    text = "x = 1\n# Plot states on Bloch Multivector\ny = plot(x)\n"
    assert persons(text) == []


@pytest.mark.parametrize("text", ["Order is ZZ,ZX,XZ,XX", "pairs: AB,CD"])
def test_two_letter_codes_are_no_comma_names(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("hello, my name is ingeborg halvorsen and I lost my card", "ingeborg halvorsen"),
    ("her maiden name was quispe", "quispe"),
    ("it's rodrigo but everyone calls me rodri", "rodri"),
])
def test_a_lower_case_name_after_a_phrase_that_gives_it(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", ["the column name is age", "the file name is data.csv",
                                  "my name is not important here"])
def test_a_phrase_that_gives_a_name_before_ordinary_words(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("tobias lindqvist\nwarehouse supervisor\n4410 39 harbour road\nsuite 12\n",
     "tobias lindqvist"),
    ("Femke  Oosterhuis\n\nLab technician\n\nPersonal Info:\nPhone: 020 555 0142\n",
     "Femke  Oosterhuis"),
    ("Jorinde van der Berg\nLogistics lead\n881 52 Canal Street\nApt. 3\n",
     "Jorinde van der Berg"),
])
def test_the_name_heading_a_contact_block_in_any_case(text: str, name: str) -> None:
    assert name in persons(text)


def test_the_line_after_the_name_of_a_contact_block_is_the_organisation() -> None:
    text = "Wiebke Sandoval\nBright Harbor\n221 Elm Street\nApt. 7\n"
    assert persons(text) == ["Wiebke Sandoval"]


@pytest.mark.parametrize(("text", "people"), [
    ("Awards went to Ada Moreno of Pryce-Hollis and Hart-Lowe's Ida Berg.",
     ["Ada Moreno", "Ida Berg"]),
    ("Speakers: Ola Nwosu from Kettering Vance, then Vance, Hart and Lowe's Mrs. Ito",
     ["Ola Nwosu", "Ito"]),
    ("Hartley Vance is a consulting firm based in Ghent.", []),
])
def test_companies_named_after_people(text: str, people: list[str]) -> None:
    assert persons(text) == people


@pytest.mark.parametrize(("text", "name"), [
    ("Her maiden name is Clark", "Clark"),
    ("oskar lindgren lives at 12 storgatan, uppsala", "oskar lindgren"),
    ("radomir had given me the keys", "radomir"),
    ("Well done, Bill!", "Bill"),
    ("Awards went to Ilkka Vähä of Northwind Haulage", "Ilkka Vähä"),
])
def test_more_people_in_prose(text: str, name: str) -> None:
    assert name in persons(text)


def test_a_firm_of_partners_before_a_possessive_and_a_person() -> None:
    text = "Guests: Nia Obi of Kestrel, Vance, Hart and Lowe's Mrs. Ito."
    assert persons(text) == ["Nia Obi", "Ito"]


def test_a_lower_case_contact_block_with_a_middle_initial() -> None:
    text = "yorick q tamm\nwarehouse lead\nunit 1009 box 0219\ndpo ap 51065\n"
    assert "yorick q tamm" in persons(text)


@pytest.mark.parametrize(("text", "name"), [
    ("Please list Oddny Brekke-Aas as a beneficiary on the policy", "Oddny Brekke-Aas"),
    ("Ilse de Wit as my emergency contact, please", "Ilse de Wit"),
    ("Our guest was Tarjei Moen of Fjordline Logistics Ltd.", "Tarjei Moen"),
    ("Marijke van den Heuvel will be talking after lunch", "Marijke van den Heuvel"),
])
def test_a_person_by_the_part_they_play(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", ["We use Random Forest as a baseline model.",
                                  "Results of Google Research Labs are public."])
def test_things_as_roles_and_of_companies(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "names"), [
    # a possessive before words that are no person's name: the owner is a person
    ("Maria Kowalczyk's Blood Pressure was 140/90 at the visit.", ["Maria Kowalczyk"]),
    # a person after another person and `from`: no employer
    ("Please forward the results to Ida Berg from Tomas Lindqvist.",
     ["Ida Berg", "Tomas Lindqvist"]),
    # the employer before a person's possessive stays an organisation
    ("Hart-Lowe's Ida Berg joined.", ["Ida Berg"]),
])
def test_a_company_is_read_only_beside_a_person(text: str, names: list[str]) -> None:
    assert persons(text) == names


@pytest.mark.parametrize(("text", "name"), [
    ("Had coffee with Radka yesterday, she says hi.", "Radka"),
    ("Precious moments with Oyelaran and our little one.", "Oyelaran"),
    ("I finally spoke to Nkechi Eze about the flat.", "Nkechi Eze"),
    ("We met Tuomas at the station.", "Tuomas"),
    ("Lunch with Ottoline tomorrow at noon.", "Ottoline"),
    ("I really miss Radomir, it has been months.", "Radomir"),
])
def test_a_person_met_spoken_to_or_spent_time_with(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    "With Beta priors and Bernoulli observations we get a Beta posterior.",
    "We are dealing with Cooper pairs, not single electrons.",
    "Gradient Boosting with Early stopping",
    "calling Constant.__init__ (from tensorflow) is deprecated",
    "We met Python 3.12 on the build server.",
    "Compare the model with Adam and with plain SGD.",
])
def test_things_after_words_of_company(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Ebere wants to move the meeting to Friday.", "Ebere"),
    ("Then Marguerite told me the news.", "Marguerite"),
    ("Chidinma lives with her aunt now.", "Chidinma"),
    ("Okonjo said that the keys are under the mat.", "Okonjo"),
])
def test_who_says_wants_and_lives_with(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    "The model said that the loss was lower.",
    "Pandas wants to infer the types of every column.",
    "Then Python told us about the missing module.",
])
def test_things_that_say_and_want(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Kenny, you need to get back to your roots.", "Kenny"),
    ("Kelsey you should dye your hair blue.", "Kelsey"),
    ("I love your drawings, Anneke, and the colours you pick.", "Anneke"),
    ("Happy birthday Wilhelmina!", "Wilhelmina"),
    ("Thanks for the help.\n\nThanks,\nTomasz", "Tomasz"),
    ("Great work on the release, see you on Monday! - Damien", "Damien"),
    ("This is Ifeoma, my roommate.", "Ifeoma"),
])
def test_a_person_spoken_to_signing_or_introduced(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    "Python, you will see, makes this easy.",
    "Pandas, please note, copies the frame here.",
    "Plot the loss of the fit, Julia, and R side by side.",
    "The optimizer is chosen below.\n- Adam",
    "Thanks,\nThe Data Team",
    "Keras, my favourite library, does it in one line.",
])
def test_things_spoken_to_signing_or_introduced(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("The complaint was lodged by a Danish national, Ilkka Vähämäki (“the applicant”).",
     "Ilkka Vähämäki"),
    ("The applicant, Nwachukwu Obidike, was born in 1961 and lives in Leeds.",
     "Nwachukwu Obidike"),
    ("She was represented by Mr T. R. Oyelowo, a lawyer practising in Lagos.",
     "T. R. Oyelowo"),
    ("The field which Mr K.J. had leased was sold.", "K.J."),
    ("He was assisted by Ms B.-H. Strandqvist, a solicitor.", "B.-H. Strandqvist"),
    ("Evidence was given by Miss R. T. Ondaatje, his former tutor.", "R. T. Ondaatje"),
    ("They were represented by Messrs P.Q. Ademola and partners.", "P.Q. Ademola"),
])
def test_a_party_named_with_its_part_and_a_title_before_initials(text: str, name: str
                                                                  ) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    "The applicant, Northern Rail, is a company registered in York.",
    "Data Protection Act (“the Act”) applies here.",
    "Filter the rows (the applicant table) before the join.",
    "See Table 3 (the claimant rows).",
    "Under Section Two (the respondent duties) nothing changes.",
])
def test_parties_and_titles_that_name_no_one(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Kenny , you need to get back to your roots", "Kenny"),
    ("Great video , thanks , - Damien", "Damien"),
])
def test_a_blank_before_a_comma_keeps_the_address(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize(("text", "name"), [
    ("Name: T.Nakamura\nLocation: Osaka", "T.Nakamura"),
    ("Seller: Ottilie | Pickup: Tromsø", "Ottilie"),
    ("Username: Anneke\nJoined: 2021", "Anneke"),
    ("Marisol : Spent the whole weekend fixing my bike with the kids", "Marisol"),
    ("Tomasz: I have been stuck on this bug all day", "Tomasz"),
    ("Big shoutout to my parents Radka & Milena Dvořáková", "Radka"),
])
def test_a_poster_a_seller_and_given_names_sharing_a_surname(text: str, name: str) -> None:
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    "Note: I think the second plot is clearer.",
    "Adam: we use it with a learning rate of 0.001",
    "Johnson & Johnson Holdings reported earnings.",
    "x = A.T @ B",
])
def test_heads_labels_and_pairs_that_name_no_one(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Lovely evening, see you soon.\n- Ottavio\n", "Ottavio"),
    ("Lovely evening, see you soon. — Ottavio \n\n", "Ottavio"),
    ("Regards,\r\nZdenka\r\n", "Zdenka"),
    ("Thanks again for the notes!\r\n\r\nCheers,\r\n- Ottavio Brandi\r\n", "Ottavio Brandi"),
    ("Great work.\r\n— Zdenka\r\n", "Zdenka"),
    ("Hi Zdenka\r\nThe file is attached.", "Zdenka"),
])
def test_a_signature_or_greeting_before_a_final_or_windows_line_break(text: str, name: str
                                                                     ) -> None:
    assert name in persons(text)


@pytest.mark.parametrize(("text", "name"), [
    ("İ" * 35 + ". We stayed with Chidinma, my neighbour, all week.", "Chidinma"),
])
def test_letters_that_lengthen_in_lower_case_move_no_reader(text: str, name: str) -> None:
    assert name in persons(text)


def test_letters_that_lengthen_in_lower_case_move_no_party() -> None:
    text = "İ" * 55 + ". The case was brought by Kaarlo Lähde (“the applicant”)."
    assert [text[start:end] for start, end in case_names(text)] == ["Kaarlo Lähde"]


@pytest.mark.parametrize("text", [
    "Great release, thanks for the fixes.\n\nCheers,\nContributors",
    "Thanks for reporting this.\nRegards,\nDevelopers",
    "Please review the changes.\n\nBest,\nOrbitex\n",
    "Congrats Zentrix! The new chips look great.",
    "Happy birthday Quorvia, ten years of open data!",
    "Dear Reviewers, thank you for the comments.",
])
def test_groups_and_firms_signing_or_praised_are_no_one(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Congrats Wilhelmina! The new job sounds great.", "Wilhelmina"),
    ("Hi Oyelaran, the scan is ready.", "Oyelaran"),
    ("Please review the changes.\n\nBest,\nOttavio\n", "Ottavio"),
    ("Please review the changes.\n\nBest,\nChidinma Okafor\n", "Chidinma Okafor"),
])
def test_people_signing_or_praised(text: str, name: str) -> None:
    assert name in persons(text)


_ANCHOR_PIECES = [" ", "\n", ".", "1", "x", "q", "z", "-", "é", "hi", "had", "has", "have",
                  "told", "thanks", "dear", "miss", "married", "son", "dr", "with", "met"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ANCHOR_PIECES), max_size=12).map("".join))
def test_anchor_words_are_found_as_the_plain_trie_finds_them(text: str) -> None:
    """The anchor pattern's look-ahead at its words' first letters only skips places
    where no anchor word starts: the same hits as the trie tried after every non-letter."""
    plain = re.compile(rf"[^a-z]({prose_names._ANCHOR_TRIE})")
    assert [(m.start(1), m.group(1)) for m in prose_names._ANCHOR_AFTER_NON_LETTER.finditer(
        text)] == [(m.start(1), m.group(1)) for m in plain.finditer(text)]
