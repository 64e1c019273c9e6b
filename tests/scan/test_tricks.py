"""Disguises a reader sees through are read through: each class found as typed, its
look-alikes (code, prose, URLs that only resemble it) left quiet."""

from __future__ import annotations

import re
import unicodedata

import pytest

from jupyter_safeai.scan import Scanner
from jupyter_safeai.scan.normalise import normalise
from tests.scan.found_text import pairs_of

_TOKEN = "kP9xQ2mZ7vR4tL1nW8yB3cF6hJ0sD5gA2eUq"  # made up, 36 characters


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    return Scanner(ner=False)


def _covers(scanner: Scanner, text: str, value: str, entity: str) -> bool:
    """Whether one finding of `entity` covers every letter and digit of `value` as typed
    in `text` (markup around them aside)."""
    start = text.index(value)
    tags = {i for m in re.finditer(r"<[^<>]*>", value) for i in range(m.start(), m.end())}
    needed = [start + i for i, c in enumerate(value) if c.isalnum() and i not in tags]
    return any(f.entity == entity and f.start <= needed[0] and f.end > needed[-1]
               for f in scanner.scan(text))


@pytest.mark.parametrize(("value", "entity"), [
    # HTML entities, decimal, hexadecimal and named
    ("m&#46;okafor&#64;outlook.com", "EMAIL_ADDRESS"),
    ("m.okafor&commat;outlook&period;com", "EMAIL_ADDRESS"),
    ("&#x34;12&#45;58&#x2d;3370", "US_SSN"),
    # URL encoding
    ("m.okafor%40outlook.com", "EMAIL_ADDRESS"),
    ("412%2D58%2D3370", "US_SSN"),
    # JSON / JavaScript / Python escapes
    ("m.okafor\\u0040outlook.com", "EMAIL_ADDRESS"),
    ("\\u0034\\x312-58-3370", "US_SSN"),
    # digits of other scripts
    ("\u0664\u0661\u0662-\u0665\u0668-\u0663\u0663\u0667\u0660", "US_SSN"),  # Arabic-Indic
    ("\u096a\u0967\u0968-\u096b\u096e-\u0969\u0969\u096d\u0966", "US_SSN"),  # Devanagari
    # an address spoken
    ("m dot okafor at outlook dot com", "EMAIL_ADDRESS"),
    ("mokafor [at] outlook [dot] com", "EMAIL_ADDRESS"),
    ("mokafor (at) outlook (dot) com", "EMAIL_ADDRESS"),
    # digits said as words
    ("four one two, five eight, three three seven zero", "US_SSN"),
    ("Four-One-Two-Five-Eight-Three-Three-Seven-Oh", "US_SSN"),
    # markup inside the value
    ("**412**-58-3370", "US_SSN"),
    ("41<b>2</b>-58-3370", "US_SSN"),
    ("412-5<span class=\"x\">8</span>-3370", "US_SSN"),
    ("m.oka`for`@outlook.com", "EMAIL_ADDRESS"),
    # a value wrapped before its separator, and one digit per line
    ("412\n-58-3370", "US_SSN"),
    ("\n4\n1\n2\n5\n8\n3\n3\n7\n0", "US_SSN"),
    ("4  1  2  5  8  3  3  7  0", "US_SSN"),
])
def test_a_disguised_value_is_found_as_typed(scanner: Scanner, value: str, entity: str) -> None:
    text = f"Patient record. SSN / email: {value}\nPlease summarise."
    assert _covers(scanner, text, value, entity)


@pytest.mark.parametrize(("code", "value", "entity"), [
    ('ssn = "412-58-" + "3370"', '412-58-" + "3370', "US_SSN"),
    ("email = 'm.okafor' + '@outlook.com'", "m.okafor' + '@outlook.com", "EMAIL_ADDRESS"),
    ('phone = ("617-432"\n         + "-1876")', '617-432"\n         + "-1876', "PHONE_NUMBER"),
    ('key = "ghp_" + "' + _TOKEN + '"', 'ghp_" + "' + _TOKEN, "GITHUB_TOKEN"),
])
def test_a_value_built_by_concatenating_literals_is_found(scanner: Scanner, code: str,
                                                          value: str, entity: str) -> None:
    found = scanner.scan(code)
    start = code.index(value)
    assert any(f.start <= start and f.end >= start + len(value) for f in found), (
        entity, [(f.entity, f.start, f.end) for f in found])


def test_a_latex_escape_does_not_hide_a_token(scanner: Scanner) -> None:
    token = "ghp\\_" + _TOKEN
    text = f"\\texttt{{{token}}}"
    assert any(f.category == "secret" and f.start <= text.index(token) for f in
               scanner.scan(text))


@pytest.mark.parametrize("text", [
    "AT&amp;T and Johnson &amp; Johnson&nbsp;report the figures",
    "See https://example.org/search?q=blood%20pressure&page=2",
    'print("%2d:%4d elapsed" % (minutes, seconds))',
    'print("line\\nnext\\x00end")',
    "look at the dot product of the two vectors",
    "I work at google dot com these days",
    "Count one, two, three, four, five and stop.",
    "x**2 + y**2 and 2**10 and 60*60*24",
    'greeting = "Hello " + name + "!"',
    "the `df`s and `np.array` docs",
    "total 12\n- item one\n- item two",
    "for i in range(10): print(i)\n0\n1\n2\n3\n4\n5\n6\n7\n8\n9",
    "Plot the \u09e8\u09e6\u09e7\u09ef to \u09e8\u09e6\u09e8\u09e7 series",  # Bengali years
    "if a<b>c: pass",
    "I'm at home dot net connected and can rerun it.",
    "Open [Image Processing](Image%20Processing.ipynb) next",
    "H = w*c.dag()*c + (anharm/2)*(c.dag()*c)*(c.dag()*c - 1)",
    "print(b'caf\\xc3\\xa9')",
])
def test_look_alikes_stay_quiet(scanner: Scanner, text: str) -> None:
    assert pairs_of(scanner.scan)(text) == []


@pytest.mark.parametrize(("text", "view"), [
    ("a&#64;b", "a@b"),
    ("a%40b", "a@b"),
    ("a\\u0040b", "a@b"),
    ("\u0661\u0662", "12"),
    ("x dot y at z dot org", "x.y@z.org"),
    ("one two three four five", "12345"),
    ("phone nine two five", "phone nine two five"),  # too short: five words make a run
    ("x 1  2  3  4  5  6  7 y", "x 1 2 3 4 5 6 7 y"),  # spread digits, one blank each
    ("0.5  1  2  3  4  5  6  7", "0.5  1  2  3  4  5  6  7"),  # a row of numbers
    ("phone nine two five one seven", "phone 92517"),  # `phone` ends in a digit word
    ("?name=Ann%20Lee", "?name=Ann Lee"),  # a space in a query value
    ("(Image%20Processing.ipynb)", "(Image%20Processing.ipynb)"),  # not in a path
    ("patient *Ma*ria Lopez", "patient Maria Lopez"),  # emphasis closed inside a word
    ("a*b*c and (x)*(y*z)", "a*b*c and (x)*(y*z)"),  # multiplication
    ("b'caf\\xc3\\xa9' \\x41", "b'caf\\xc3\\xa9' A"),  # bytes above 0x7e stay bytes
    ("1<b>2</b>3", "123"),
    ("patient <span>Car</span>l Hall", "patient Carl Hall"),  # closed inside the word
    ("a <b>bold</b> word and <i>Ma</i> x", "a <b>bold</b> word and <i>Ma</i> x"),
    ("'a' + 'b'", "'ab'"),
    ("['Ann Lee' 'Bo Chan']", "['Ann Lee' 'Bo Chan']"),  # numpy's array of strings
    ("token ghp\n_x1", "token ghp_x1"),  # a short value broken before its separator
    ("A" * 64 + "\n/B" + "b" * 20, "A" * 64 + "\n/B" + "b" * 20),  # a line of base64
    # a line break is not decoded; a control character reads as nothing, as typed
    ("&#10; %0A \\x0a", "&#10; %0A \\x0a"),
    ("4&#1;12-\\u00005", "412-5"),
    ("&#x110000; &bogus;", "&#x110000; &bogus;"),  # nor what is not a character
])
def test_the_view_reads_through_the_disguise(text: str, view: str) -> None:
    assert normalise(text).text == view


def test_every_decimal_digit_of_another_script_reads_as_its_ascii_digit() -> None:
    digits = [chr(code) for code in range(0x80, 0x110000)
              if unicodedata.category(chr(code)) == "Nd"]
    assert len(digits) > 600
    unread = [d for d in digits if normalise(f"x{d}").text != f"x{unicodedata.decimal(d)}"]
    assert unread == []


def test_a_decoded_value_maps_back_to_what_was_typed() -> None:
    text = "id 4&#49;2-58-33&#x37;0 end"
    view = normalise(text)
    start = view.text.index("412")
    assert view.original_span(start, start + len("412-58-3370")) == (3, 3 + 20)


def test_a_decoded_look_alike_letter_reads_as_latin() -> None:
    assert normalise("gm&#x430;il.com").text == "gmail.com"  # a Cyrillic a, as an entity


def test_an_error_while_reading_the_text_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail closed: a disguise reader that fails makes the scan fail, never pass the text."""
    import jupyter_safeai.scan.normalise as normalise_module
    from jupyter_safeai.policy import check_prompt

    def broken(text: str) -> list[tuple[int, int, str]]:
        raise ValueError("broken reader")

    monkeypatch.setattr(normalise_module, "disguise_edits", broken)
    scanner = Scanner(ner=False)
    with pytest.raises(ValueError):
        scanner.scan("nothing to see here")
    decision = check_prompt(["nothing to see here"], scanner=scanner.scan)
    assert decision.error is not None and decision.blocked


@pytest.mark.parametrize("value", [
    "m&#46;okafor&#64;outlook.com",
    "four one two, five eight, three three seven zero",
    "41<b>2</b>-58-3370",
])
def test_redaction_cuts_the_value_as_typed_and_restores_it(scanner: Scanner, value: str
                                                           ) -> None:
    from jupyter_safeai.scan import redact

    text = f"SSN / email on file: {value} - please summarise."
    redacted, vault = redact(text, scanner.scan(text))
    assert value not in redacted and "okafor" not in redacted and "three" not in redacted
    assert vault.restore(redacted) == text


@pytest.mark.parametrize(("value", "entity"), [
    ("418-62-&#8203;5190", "US_SSN"),  # zero-width space, decimal entity
    ("418-62-&#x200D;5190", "US_SSN"),  # zero-width joiner, hexadecimal entity
    ("418-62-&#173;5190", "US_SSN"),  # soft hyphen
    ("418-62-\\u200b5190", "US_SSN"),  # a JSON / Python escape
    ("418-62-\\u20605190", "US_SSN"),  # word joiner
    ("t&#8203;nguyen@fastmail.com", "EMAIL_ADDRESS"),
])
def test_an_encoded_invisible_character_reads_as_nothing(scanner: Scanner, value: str,
                                                         entity: str) -> None:
    """An invisible character typed is removed; one written as an entity or an escape
    must be too, or it hides the value it sits in."""
    text = f"on file: {value} (see chart)"
    assert _covers(scanner, text, value, entity)



@pytest.mark.parametrize(("code", "first", "second", "entity"), [
    ('note = ("Patient SSN 418-62-"\n        "5190 on file")', "418-62-", "5190", "US_SSN"),
    ('note = (\n    "call back on 617-253-"\n    f"0148 today"\n)', "617-253-", "0148",
     "PHONE_NUMBER"),
    ("log(\n    'ssn=418-62-5'\n    '190'\n)", "418-62-5", "190", "US_SSN"),
])
def test_a_value_wrapped_over_implicitly_joined_literals_is_found(
        scanner: Scanner, code: str, first: str, second: str, entity: str) -> None:
    """black and ruff wrap a long string as literals on lines of their own inside
    parentheses; Python joins them, and so does a reader."""
    start = code.index(first)
    last = code.index(second, start + len(first)) + len(second) - 1
    assert any(f.entity == entity and f.start <= start and f.end > last
               for f in scanner.scan(code))


@pytest.mark.parametrize("text", [
    "print(ids)\n['418-62-' '5190'\n '7730-']",  # numpy prints strings side by side in []
    "ids = ['418-62-'\n       '5190']",  # a list of two strings
    'f("Ann Lee"\n  "Bo Chan")',  # no value cut in two
])
def test_literals_side_by_side_that_are_not_one_value_stay_apart(text: str) -> None:
    assert normalise(text).text == text


@pytest.mark.parametrize("text", [
    "The docs for scipy at scipy.org cover it",
    "see Polars at pola.rs or polars at polars dot org",
    "Matplotlib at matplotlib.org has a gallery",
    "nbconvert at nbconvert.readthedocs.io explains the templates",
    "the toolkit at someone.github.io",
    "numpy at numpy.org",
    "xarray at xarray.dev",  # a prefix and an English word: a project's name
    "PyTorch at pytorch.org",
    "jupyterlab at jupyterlab.readthedocs.io",
    "dask at dask.org",
])
def test_a_project_named_at_its_own_site_is_not_an_address(scanner: Scanner, text: str
                                                           ) -> None:
    assert not [f for f in scanner.scan(text) if f.entity == "EMAIL_ADDRESS"]


@pytest.mark.parametrize(("text", "value"), [
    ("reach me: t dot nguyen at fastmail dot com", "t dot nguyen at fastmail dot com"),
    ("tnguyen at uni-leipzig dot de", "tnguyen at uni-leipzig dot de"),
    ("please email scipy at scipy dot org", "scipy at scipy dot org"),  # a cue says mail
    ("reply to dask at dask.org", "dask at dask.org"),
    ("send it to jupyterlab at jupyterlab.readthedocs.io",
     "jupyterlab at jupyterlab.readthedocs.io"),
    # a person at their own site
    ("jsmith at jsmith.org", "jsmith at jsmith.org"),
    ("jsmith at jsmith dot org", "jsmith at jsmith dot org"),
    ("tobi at tobi.dev", "tobi at tobi.dev"),
    ("ann at ann.github.io", "ann at ann.github.io"),
    ("reply to okafor at okafor dot net", "okafor at okafor dot net"),
    ("questions: ajones at ajones.gitlab.io", "ajones at ajones.gitlab.io"),
])
def test_a_spoken_address_is_still_found(scanner: Scanner, text: str, value: str) -> None:
    assert _covers(scanner, text, value, "EMAIL_ADDRESS")


@pytest.mark.parametrize(("text", "view"), [
    ("call five five five one two one two", "call 5551212"),
    ("phone nine two one two three four five", "phone 9212345"),  # `phone` is no digit
    ("xone two three four five six", "xone 23456"),  # a run starts after a word's end
    ("one two three four five sixty", "12345 sixty"),  # and ends before a longer word
])
def test_a_digit_word_run_starts_and_ends_at_word_edges(text: str, view: str) -> None:
    assert normalise(text).text == view


@pytest.mark.parametrize(("text", "view"), [
    ("patient Gw3ndolyn Ok0nkwo", "patient Gwendolyn Okonkwo"),  # a digit inside a word
    ("Dr. Ra1ph Thornb3rry", "Dr. Ralph Thornberry"),  # `1` as l where i spells no name
    ("seen by Ag4tha Whitm0re", "seen by Agatha Whitmore"),
    ("cc: Ma77hias", "cc: Matthias"),  # two digits side by side
    ("Mrs. 0gunleye", "Mrs. Ogunleye"),  # a capital at the start
    ("Mrs. Brannag4n", "Mrs. Brannagan"),  # a letter at the end
    ("mail bo@clinic.c0m", "mail bo@clinic.com"),  # an address's top-level domain
])
def test_leetspeak_that_spells_a_name_reads_as_letters(text: str, view: str) -> None:
    assert normalise(text).text == view


@pytest.mark.parametrize("text", [
    "import h5py; np.log10(x1) + conv1(layer3)",  # identifiers with digits
    "HbA1c of 7.4% and BRCA1, TP53, PIK3CA variants",  # clinical and gene names
    "it took 3min, then 4min more on the 1st and 4th runs",  # durations, ordinals
    "model_v3a and sk-pr0j and /h0me/ann",  # joined to an identifier or a path
    "Conv1 Layer5 Dense3 Model7",  # capitalised words no list reads as names
    "see http://example.org/a1b and the Field5 column",
    "key = 'A0b1C3d4E5f7G0h1J3k4L5m7N0p1Q3r4'",  # a long token: a key
])
def test_digits_in_words_that_spell_no_name_stay_as_written(text: str) -> None:
    assert normalise(text).text == text


@pytest.mark.parametrize(("text", "value"), [
    ("Please check on patient Gw3ndolyn Ok0nkwo today.", "Gw3ndolyn Ok0nkwo"),
    ("Discharge summary for Mrs. Brannag4n, ward 4.", "Brannag4n"),
])
def test_a_name_in_leetspeak_is_found_as_typed(scanner: Scanner, text: str,
                                               value: str) -> None:
    assert _covers(scanner, text, value, "PERSON")
