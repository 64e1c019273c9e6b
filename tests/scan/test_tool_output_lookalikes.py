"""What a tool prints or a library's argument holds is no one's identifier, though it has
an identifier's shape: a version pip prints after `(from <package>)` (contact.py
`_pip_version`), a training log's counter `Epoch 1/1` (dates.py `_COUNTER_BEFORE`), a
file's name under an `fname` key (records.py `_file_name`), a continent or world region
(terms.py `_world_region`). The same shapes told of someone are still found."""

from __future__ import annotations

import pytest

from jupyter_safeai import scan_text
from tests.scan.found_text import texts_of

found = texts_of(scan_text)


@pytest.mark.parametrize("text", [
    "Requirement already satisfied: libfoo-cu11==7.4.3.12 in /srv/env/lib/python3.11/"
    "site-packages (from jaxlib) (7.4.3.12)",
    "Collecting bar\n  Requirement already satisfied: qux-runtime==11.2.0.140 in "
    "/home/u/.local/lib (from spam-eggs==2.1->jaxlib) (11.2.0.140)\n",
    "Requirement already satisfied: zed in ./venv/site-packages (from torchaudio) "
    "(13.0.4.201)",
])
def test_a_version_pip_prints_after_from_package_is_no_ip(text: str) -> None:
    assert found(text, "IP_ADDRESS") == []


@pytest.mark.parametrize("text, value", [
    ("The user logged in from 10.2.3.4 yesterday.", "10.2.3.4"),
    ("connection refused (from host 10.20.30.40)", "10.20.30.40"),
    ("blocked (from gateway) (10.20.30.40)", "10.20.30.40"),
    ("Requirement already satisfied? The login came from 172.16.40.201 (twice).",
     "172.16.40.201"),
])
def test_an_address_after_from_is_still_found(text: str, value: str) -> None:
    assert found(text, "IP_ADDRESS") == [value]


@pytest.mark.parametrize("text", [
    "The patient cohort model.\nEpoch 1/1\n2000/2000 [====] - 125s - loss: 1.49\n",
    "Patient admitted. Epoch 2/20 loss 0.31",
    "Patient records classifier: Step 7/12 done",
    "Patient admitted. Batch 11/25, Iteration 9/14",
    "patient notes model -- epochs: 4/30",
])
def test_a_run_counter_is_no_date(text: str) -> None:
    assert found(text, "DATE") == []


@pytest.mark.parametrize("text, value", [
    ("Patient was seen 3/17 in clinic.", "3/17"),
    ("Patient stepped down 9/14 from ICU.", "9/14"),
    ("Patient admitted. Epoch 2/20/2020 was no counter.", "2/20/2020"),
])
def test_a_day_beside_such_words_is_still_found(text: str, value: str) -> None:
    assert found(text, "DATE") == [value]


@pytest.mark.parametrize("text", [
    'path = keras.utils.get_file(\n    fname="dog.jpg", origin="https://x.invalid/dog.jpg")',
    "path = utils.get_file(\n    origin='https://x.invalid/a.tar.gz',\n    fname='reviews',\n"
    "    extract=True,\n)",
    "save_img(img, fname='last_frame.png')",
    "save_img(img, fname='frame_at_' + str(i) + '.png')",
    'fname = "results/run3"\nout = open(fname)',
])
def test_a_file_name_under_fname_is_no_person(text: str) -> None:
    assert found(text, "PERSON") == []


@pytest.mark.parametrize("text, value", [
    ("fname: Rosa\nlname: Okafor\nMRN: 40812345", "Rosa"),
    ('{"fname": "Rosa", "lname": "Okafor"}', "Rosa"),
    ('fname = "Rosa"\nlname = "Okafor"', "Rosa"),
])
def test_a_first_name_under_fname_is_still_found(text: str, value: str) -> None:
    assert value in found(text, "PERSON")


@pytest.mark.parametrize("text", [
    "The series was adapted into a franchise in North America). Its creator said so.",
    "Sales grew in South America and Western Europe last year.",
    "Migration from Sub-Saharan Africa and Southeast Asia rose in the decade.",
    "Antarctica and Oceania have the fewest stations in the dataset.",
])
def test_a_continent_or_world_region_is_no_person(text: str) -> None:
    assert found(text, "PERSON") == []


@pytest.mark.parametrize("text, value", [
    ("Asia was seen in clinic today for her follow-up.", "Asia"),
    ("Asia Okafor, 34, was admitted today.", "Asia Okafor"),
])
def test_a_person_named_as_a_continent_is_still_found(text: str, value: str) -> None:
    assert value in found(text, "PERSON")


@pytest.mark.parametrize("text", [
    "Written with the help of the SciPy team ([sparsedev@scipy.org]"
    "(mailto:sparsedev@scipy.org)).",
    "Questions go to our mailing list, notebookdocs@jupyter.org.",
    "Bugs: write to the project's address, wheelbuilds@pypi.org",
])
def test_a_public_projects_team_or_list_address_is_no_persons(text: str) -> None:
    assert found(text, "EMAIL_ADDRESS") == []


@pytest.mark.parametrize("text, value", [
    ("Email the study team at jlopez@clinic.org", "jlopez@clinic.org"),
    ("Ask the project lead: maria.lopez@clinic.org", "maria.lopez@clinic.org"),
    ("the data team: maria@scipy.org", "maria@scipy.org"),
    ("team contact lopezj@jupyter.org", "lopezj@jupyter.org"),
    ("Josh is in our group, write to joshd@scipy.org", "joshd@scipy.org"),
    ("our team: statsdev@gmail.com", "statsdev@gmail.com"),
    ("Questions go to our mailing list, statsdev@lists.univ.edu.",
     "statsdev@lists.univ.edu"),
    ("Contact: kwt@clinic.org", "kwt@clinic.org"),
    ("Send the results to sparsedev@scipy.org", "sparsedev@scipy.org"),
])
def test_a_persons_address_beside_such_words_is_still_found(text: str, value: str) -> None:
    assert found(text, "EMAIL_ADDRESS") == [value]
