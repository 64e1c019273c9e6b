"""Social handles and first names that sign a post, and the `@`s that are no person."""

import re
import sys

import pytest

from jupyter_safeai.scan import handles, scan_text
from jupyter_safeai.scan.handles import HandleRecognizer
from tests.scan.found_text import texts_of

_handles = texts_of(HandleRecognizer().find)


@pytest.mark.parametrize(("text", "handle"), [
    ("@marta.ilves : Long week at the depot, but the team pulled through.", "marta.ilves"),
    ("> @okafor_19: anyone else seeing the login loop?", "okafor_19"),
    ("Shared my route notes on @tobi_runs84 for anyone training.", "tobi_runs84"),
    ("If you need the spreadsheet just DM @quill.hart and ask.", "quill.hart"),
    ("Follow @ferdinand_k for the weekly bake-off photos!", "ferdinand_k"),
    ("Any questions, reach me at @zena_owusu after six.", "zena_owusu"),
])
def test_a_handle_that_signs_a_post_or_is_reached_is_a_person(text: str, handle: str) -> None:
    assert _handles(text) == [handle]
    assert any(f.entity == "PERSON" and text[f.start:f.end] == handle
               for f in scan_text(text))


@pytest.mark.parametrize("text", [
    "@property\ndef area(self):\n    return self.w * self.h",
    "@app.get('/items')\nasync def items():\n    return []",
    "@functools.lru_cache(maxsize=None)\ndef fib(n): ...",
    "@time sum(rand(1000))",
    "Write to help.desk@fabrikam.example for a refund.",
    "y = W @ x + b",
    "import { ICommandPalette } from '@jupyterlab/apputils';",
    "* Fix the kernel restart race by @octocat in https://example.org/o/r/pull/412",
    "- Faster start-up (#318, thanks to work by @hubot)",
    "Decorate it with `@dataclass` and the fields follow.",
    "@here : standup moved to ten",
])
def test_code_addresses_scopes_and_changelog_credits_stay_quiet(text: str) -> None:
    assert _handles(text) == []


class _CountingPattern:
    """A pattern that counts the characters its searches cover."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern, self.covered = pattern, 0

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> object:
        self.covered += min(endpos, len(text)) - pos
        return self.pattern.search(text, pos, endpos)


@pytest.mark.parametrize("unit", ["follow @ab ", "cc @abc_d ", "RT @u: hi via @x cc @y "])
def test_a_long_line_of_handles_is_read_for_credits_once(
        unit: str, monkeypatch: pytest.MonkeyPatch) -> None:
    counting = _CountingPattern(handles._CREDIT_LINE)
    monkeypatch.setattr(handles, "_CREDIT_LINE", counting)
    text = unit * 400 + "\n" + unit * 400
    list(HandleRecognizer().find(text))
    assert counting.covered <= len(text)


@pytest.mark.parametrize("text", [
    "Helpers declared by @classmethod take the class first.",
    "The getter is memoised by @cached_property, then cleared on write.",
    "This only works via @abstractmethod on the base.",
    "Each loop is split on @threads across the cores.",
    "Measured via @belapsed, the median is 3 ms.",
    "@param x: the input\n@returns: twice x",
    "Follow @JupyterProject for release news.",
    "Ping @pandas_dev about the regression.",
    "Filter on @version before grouping.",
])
def test_decorators_macros_doc_tags_and_projects_are_no_person(text: str) -> None:
    assert _handles(text) == []


@pytest.mark.parametrize(("text", "handle"), [
    ("Posted the photos on @lumi_halme for the family.", "lumi_halme"),
    ("Recipe shared by @abimbola.o last week.", "abimbola.o"),
    ("Holiday pictures, follow @ruby_tanaka for more.", "ruby_tanaka"),
])
def test_after_on_or_by_a_made_up_handle_still_reaches_a_person(text: str, handle: str) -> None:
    assert _handles(text) == [handle]


@pytest.mark.parametrize(("text", "handle"), [
    ("cc @mabel on the discharge summary", "mabel"),
    ("cc @grace", "grace"),
    ("please follow @rose for updates", "rose"),
    ("DM @bill when the bed is free", "bill"),
    ("tag @summer in the ward photo", "summer"),
    ("ping @Carol about the referral", "Carol"),
])
def test_a_given_name_reached_is_a_person_even_when_a_word(text: str, handle: str) -> None:
    assert _handles(text) == [handle]


@pytest.mark.parametrize(("text", "handle"), [
    ("DM @greta_lab for the samples", "greta_lab"),
    ("DM @dev_lucia about the shift", "dev_lucia"),
    ("contact @oscar_dev with questions", "oscar_dev"),
])
def test_a_group_word_beside_a_name_is_still_a_person(text: str, handle: str) -> None:
    assert _handles(text) == [handle]


@pytest.mark.parametrize(("text", "handle"), [
    ("Notes written by @kjohnson this morning.", "kjohnson"),
    ("She logged on @PeterMiller at noon.", "PeterMiller"),
    ("Shared via @annagarcia yesterday.", "annagarcia"),
])
def test_after_on_or_by_a_name_run_together_is_a_person(text: str, handle: str) -> None:
    assert _handles(text) == [handle]


@pytest.mark.parametrize("text", [
    "It depends on @numpy being imported first.",
    "Timing by @btime is steadier.",
    "Defined on @summary in the docs.",
])
def test_after_on_or_by_a_word_or_project_is_still_no_person(text: str) -> None:
    assert _handles(text) == []


@pytest.mark.parametrize(("text", "handle"), [
    ("message @lpatel77 about the case, see commit log", "lpatel77"),
    ("DM @nora_k re PR #41 and her scan", "nora_k"),
])
def test_a_person_reached_on_a_line_that_cites_a_commit_is_still_a_person(
        text: str, handle: str) -> None:
    assert _handles(text) == [handle]


@pytest.mark.parametrize(("text", "handle"), [
    ("RT @OlindaFerreira: the ferry is late again, bring a coat", "OlindaFerreira"),
    ("RT @tomasz_kowal: new shop opened on the corner", "tomasz_kowal"),
    ("RT @ BrunoSalgado : finally home after the long shift", "BrunoSalgado"),
    ("@ ingrid_holm : who else is still awake?", "ingrid_holm"),
    ("Shared via @HectorZubiaga yesterday.", "HectorZubiaga"),
])
def test_a_retweet_or_a_tokenised_signature_of_a_person_is_a_person(
        text: str, handle: str) -> None:
    assert _handles(text) == [handle]


@pytest.mark.parametrize("text", [
    "RT @weatherbot: rain expected after noon",
    "RT @ CityTransit : line 4 delayed by ten minutes",
    "@ deals : half price on all boots today",
    "RT @ DataDigest : five charts that explain the week",
    "y = X @ beta",
    "    @ weights.T",
    "result = q @ k : v",
    "@ JoKaur thanks for the photos",  # a reply, not a signature
])
def test_a_retweeted_account_or_spaced_at_that_is_no_name_stays_quiet(text: str) -> None:
    assert _handles(text) == []
