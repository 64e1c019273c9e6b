"""The vendor token table: every rule finds its own samples and none of its look-alikes,
and rules from a TOML file or a plugin are registered, listed and checked the same way.
The table is itself a rule file, in the format an admin writes."""

from __future__ import annotations

from dataclasses import replace
from importlib.resources import as_file, files
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jupyter_safeai.scan.prefilter import literal_starts_of
from jupyter_safeai.scan.registry import (
    RecognizerRegistry,
    RuleError,
    builtin_recognizers,
    default_registry,
)
from jupyter_safeai.scan.secrets import VENDOR_RULES
from jupyter_safeai.scan.secrets.rules import TokenRule, written_samples
from jupyter_safeai.scan.start_index import StartIndex, inner_starts, mergeable


@pytest.mark.parametrize("rule", VENDOR_RULES, ids=lambda r: r.id)
def test_rule_finds_its_samples_and_not_its_look_alikes(rule: TokenRule) -> None:
    assert rule.samples, "a rule comes with samples"
    assert rule.check_samples() == []


def test_rule_ids_are_unique() -> None:
    ids = [rule.id for rule in VENDOR_RULES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(("regex", "starts", "anycase"), [
    (r"(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16}", ("rk_live_", "rk_test_", "sk_live_",
                                                    "sk_test_"), False),
    (r"(?<![A-Za-z])dop_v1_[a-f0-9]{64}", ("dop_v1_",), False),
    (r"(?i:discord|dsc)[\w.-]{0,20}=", ("discord", "dsc"), True),
    (r"xox[bp]-", ("xoxb-", "xoxp-"), False),
    (r"(?:xoxe\.)?xoxp-", ("xoxe.xoxp-", "xoxp-"), False),  # an optional literal
])
def test_prefilter_starts_are_read_from_the_regex(regex: str, starts: tuple[str, ...],
                                                  anycase: bool) -> None:
    derived = literal_starts_of(regex)
    assert derived is not None
    assert (derived.literals, derived.anycase) == (starts, anycase)


def test_no_start_is_derived_where_a_match_can_begin_anywhere() -> None:
    assert literal_starts_of(r"[a-z]{3}x") is None
    assert literal_starts_of(r"a*b") is None


RULE_FILE = '''
[[rule]]
id = "acme-api-key"
description = "an ACME Corp API key"
regex = "acme_[A-Za-z0-9]{32}"
samples = ["key = 'acme_Q7vX2kLm9PzR4tYw8NbC3dFh6JsG1aE5'"]
not_secrets = ["key = 'acme_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'"]
'''


def test_rule_file_adds_a_rule_the_scanner_runs(tmp_path: Path) -> None:
    path = tmp_path / "acme.toml"
    path.write_text(RULE_FILE)
    registry = default_registry(ner=False, plugins=False, files=[path])
    listed = {info.id: info for info in registry.describe()}
    assert listed["pattern:acme-api-key"].source == f"rule file {path}"
    assert listed["pattern:acme-api-key"].categories == ("secret",)
    assert listed["pattern:aws-access-key-id"].source == "builtin"
    from jupyter_safeai.scan.engine import Scanner

    text = "key = 'acme_Q7vX2kLm9PzR4tYw8NbC3dFh6JsG1aE5'"
    found = Scanner(registry).scan(text)
    assert [f.detector for f in found] == ["pattern:acme-api-key"]


def test_the_vendor_table_is_a_rule_file_an_admin_could_write() -> None:
    registry = RecognizerRegistry()
    with as_file(files("jupyter_safeai.scan.secrets").joinpath("vendors.toml")) as path:
        registry.load_rule_file(path)
    assert [r.name for r in registry] == [f"pattern:{rule.id}" for rule in VENDOR_RULES]


def test_vendor_rules_are_listed_as_builtin() -> None:
    sources = {info.id: info.source
               for info in default_registry(ner=False, plugins=False, files=[]).describe()}
    assert {sources[f"pattern:{rule.id}"] for rule in VENDOR_RULES} == {"builtin"}


def test_a_sample_token_is_written_into_samples_and_look_alikes() -> None:
    token = "zq_live_9fK2mX7pQ4wL8vR3tN6yB1cD5hJ0sG"
    prefixed = TokenRule.from_mapping({"id": "zq-key", "description": "a ZQ key",
                                       "regex": "zq_live_[A-Za-z0-9]{30}",
                                       "sample_token": token, "samples": [f"k: {token}"]})
    assert prefixed.samples == (f'token = "{token}"', f"k: {token}")
    assert prefixed.not_secrets == (f"x{token}",)
    assert prefixed.check_samples() == []
    keyed = TokenRule.from_mapping({"id": "zq-id", "description": "a ZQ client id",
                                    "regex": "[0-9]{12}", "keywords": ["zqcorp", "zq"],
                                    "entropy": 2.5, "sample_token": "583920174625"})
    assert (keyed.samples, keyed.not_secrets) == written_samples("583920174625", ["zqcorp"])
    assert keyed.samples == ('ZQCORP_TOKEN = "583920174625"', "zqcorpKey: 583920174625")
    assert keyed.not_secrets == ('build_id = "583920174625"',)
    assert keyed.check_samples() == []


@pytest.mark.parametrize("body", [
    RULE_FILE.replace("acme_[A-Za-z0-9]{32}", "acme_[A-Za-z0-9]{40}"),  # misses its sample
    RULE_FILE + 'sample_token = "acme_short"\n',  # a sample token the regex does not match
    RULE_FILE + "sample_token = 12\n",
    RULE_FILE.replace('id = "acme-api-key"', 'id = "acme-api-key"\ncolour = "red"'),
    RULE_FILE.replace('regex = "acme_', 'regex = "[acme_'),
    "not toml [",
    "",
])
def test_a_broken_rule_file_fails_closed(tmp_path: Path, body: str) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(body)
    with pytest.raises(RuleError):
        default_registry(ner=False, plugins=False, files=[path])


def test_registry_refuses_a_second_recognizer_of_the_same_name() -> None:
    registry = RecognizerRegistry()
    rule = VENDOR_RULES[0].recognizer()
    registry.add(rule)
    with pytest.raises(RuleError):
        registry.add(rule, "plugin")


# -- merged, the prefixed recognizers are tried only where one search found their starts;
# that misses nothing a recognizer finds alone
MERGED = StartIndex([r for r in builtin_recognizers(ner=False) if mergeable(r)])
_PIECES = sorted({s for m in MERGED.members for s in (*m.prefixes, *m.anchors)}
                 | {s.upper() for m in MERGED.members for s in m.anchors}
                 | {"_TOKEN = ", ": ", "=", '"', " ", "\n", ".", "-", "_", "x", "İ", "ſ",
                    "a1B2c3D4e5F6g7H8i9J0kLmNoPqRsTuVwXyZ", "0123456789abcdef" * 4,
                    "Q7vX2kLm9PzR4tYw8NbC3dFh6JsG1aE5" * 3, "-01A-02", "12345"})


def _alone(text: str) -> list[tuple[int, int, str]]:
    """Every member's matches, each member scanning the whole text."""
    found = []
    for member in MERGED.members:
        bare = replace(member, validate=None, prefixes=(), anchors=())
        found += [(f.start, f.end, f.detector) for f in bare.find(text)]
    return sorted(found)


def _merged(text: str) -> list[tuple[int, int, str]]:
    index = StartIndex([replace(m, validate=None) for m in MERGED.members])
    return sorted((f.start, f.end, f.detector) for f in index.find(text))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=8).map("".join))
def test_merged_recognizers_find_what_each_finds_alone(text: str) -> None:
    assert _merged(text) == _alone(text)


@pytest.mark.parametrize("rule", [r for r in VENDOR_RULES if mergeable(r.recognizer())],
                         ids=lambda r: r.id)
def test_merged_index_finds_each_rules_samples(rule: TokenRule) -> None:
    for sample in rule.samples:
        assert f"pattern:{rule.id}" in {f.detector for f in MERGED.find(sample)}


@settings(max_examples=300, deadline=None)
@given(st.sets(st.text("xoe.p-AK", min_size=1, max_size=6), min_size=1, max_size=8))
@example({"xoxe.xoxp-", "xoxp-", "xo", "AKIA", "KIA"})
def test_offsets_inside_a_start_where_another_begins(starts: set[str]) -> None:
    assert inner_starts(starts) == {
        word: tuple(k for k in range(1, len(word)) if any(
            other.startswith(word[k:]) or word[k:].startswith(other) for other in starts))
        for word in starts}


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text("xoe.p-AK", min_size=1, max_size=6),
                       st.lists(st.integers(0, 5), min_size=1, max_size=3), min_size=1))
@example({"xox": [0], "xoxp-": [1], "xoxe.": [2, 0], "x": [3]})
def test_a_start_belongs_to_the_members_of_every_start_it_begins_with(
        starts: dict[str, list[int]]) -> None:
    index = StartIndex._index(starts, frozenset("_"))
    assert index is not None and index.owners == {
        word: tuple(sorted({i for other, members in starts.items() if word.startswith(other)
                            for i in members}))
        for word in starts}


def test_the_engine_runs_prefixed_recognizers_merged() -> None:
    from jupyter_safeai.scan.engine import Scanner

    runs = Scanner(ner=False).recognizers
    assert sum(isinstance(r, StartIndex) for r in runs) == 1
    assert not any(mergeable(r) for r in runs)
    assert {m.name for m in MERGED.members} >= {"pattern:aws-access-key-id", "pattern:jwt",
                                                 "pattern:1password-secret-key"}


class _EntryPoint:
    def __init__(self, name: str, offered: object) -> None:
        self.name, self.value, self._offered = name, f"plugin:{name}", offered

    def load(self) -> object:
        if isinstance(self._offered, Exception):
            raise self._offered
        return self._offered


def test_entry_point_recognizers_are_registered_with_their_source(monkeypatch) -> None:
    rule = TokenRule("acme-api-key", "an ACME key", "acme_[A-Za-z0-9]{32}")
    points = [_EntryPoint("one", rule.recognizer()),
              _EntryPoint("many", lambda: [replace(rule.recognizer(), label="acme-2")])]
    monkeypatch.setattr("jupyter_safeai.scan.registry.entry_points", lambda group: points)
    monkeypatch.setattr("jupyter_safeai.scan.registry._declared", lambda group: True)
    registry = default_registry(ner=False, files=[])
    sources = {info.id: info.source for info in registry.describe()}
    assert sources["pattern:acme-api-key"] == "entry point one (plugin:one)"
    assert sources["pattern:acme-2"] == "entry point many (plugin:many)"


def test_a_plugin_that_fails_to_load_fails_closed(monkeypatch) -> None:
    points = [_EntryPoint("broken", ImportError("no module named acme"))]
    monkeypatch.setattr("jupyter_safeai.scan.registry.entry_points", lambda group: points)
    monkeypatch.setattr("jupyter_safeai.scan.registry._declared", lambda group: True)
    with pytest.raises(RuleError, match="broken"):
        default_registry(ner=False, files=[])


def test_plugins_are_looked_up_only_where_a_package_declares_the_group(tmp_path, monkeypatch
                                                                       ) -> None:
    from jupyter_safeai.scan.registry import ENTRY_POINT_GROUP, _declared

    monkeypatch.setattr("sys.path", [str(tmp_path)])
    assert not _declared(ENTRY_POINT_GROUP)
    info = tmp_path / "acme_rules-1.0.dist-info"
    info.mkdir()
    (info / "entry_points.txt").write_text(f"[{ENTRY_POINT_GROUP}]\nacme = acme_rules:RULES\n")
    assert _declared(ENTRY_POINT_GROUP)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text("sampl", min_size=1, max_size=5),
                       st.lists(st.integers(0, 5), min_size=1, max_size=3), min_size=1),
       st.text("samplx", max_size=30))
@example({"sam": [0], "sample": [1], "ample": [2], "pl": [3]}, "biosamplesample")
def test_one_search_finds_every_place_each_start_stands(starts: dict[str, list[int]],
                                                         text: str) -> None:
    """The keywords' index (one search, starts inside a start looked up after it) gives
    each member every position `str.find` finds one of its words at, overlaps too."""
    found: dict[int, list[int]] = {}
    StartIndex._positions(StartIndex._index(starts), text, found)
    expected: dict[int, set[int]] = {}
    for word, members in starts.items():
        for at in (k for k in range(len(text)) if text.startswith(word, k)):
            for member in members:
                expected.setdefault(member, set()).add(at)
    assert {member: set(at) for member, at in found.items()} == expected
