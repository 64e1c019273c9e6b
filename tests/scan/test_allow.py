"""Accepting false positives: inline markers, the baseline file, and masked values for reports."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from jupyter_safeai import scan_text
from jupyter_safeai.scan.allow import (
    Baseline,
    BaselineEntry,
    apply_inline_allows,
    fingerprint,
    mask,
    without_markers,
)

EMAIL = "jane.doe@mayo-clinic.org"
SSN = "219-09-9999"
PHONE = "(617) 432-1876"
AWS_KEY = "AKIA" + "ZQ4RT7WB2MXK3JHV"  # built at run time: no key-shaped literal in the repo


def found_in(text: str) -> list:
    """What the engine finds with markers hidden (it may honour them itself otherwise)."""
    return scan_text(without_markers(text))


def entities(text: str, **kwargs: object) -> list[str]:
    return sorted(f.entity for f in apply_inline_allows(text, found_in(text), **kwargs))


# --------------------------------------------------------------------------- inline markers


def test_without_marker_every_finding_stays() -> None:
    text = f'email = "{EMAIL}"\nssn = "{SSN}"\n'
    found = found_in(text)
    assert apply_inline_allows(text, found) == found


def test_without_markers_keeps_offsets() -> None:
    text = f'x = "{EMAIL}"  # safeai: allow\n<!-- safeai: allow -->'
    hidden = without_markers(text)
    assert len(hidden) == len(text) and "safeai:" not in hidden
    assert without_markers("plain") == "plain"


def test_bare_marker_accepts_every_finding_on_its_line_only() -> None:
    text = f'a = "{EMAIL} {SSN}"  # safeai: allow\nb = "{PHONE}"\n'
    assert "PHONE_NUMBER" in entities(text)
    assert not {"EMAIL_ADDRESS", "US_SSN"} & set(entities(text))


def test_marker_with_labels_accepts_only_those_labels() -> None:
    text = f'row = "{EMAIL}, SSN {SSN}"  # safeai: allow=US_SSN\n'
    assert "EMAIL_ADDRESS" in entities(text)
    assert "US_SSN" not in entities(text)
    both = f'row = "{EMAIL}, SSN {SSN}"  # safeai: allow=us_ssn, EMAIL_ADDRESS\n'
    assert not {"EMAIL_ADDRESS", "US_SSN"} & set(entities(both))


@pytest.mark.parametrize("marker", ["<!-- safeai: allow -->", "-- safeai: allow",
                                    "<!-- safeai: allow=EMAIL_ADDRESS -->", "#safeai:allow"])
def test_markdown_and_sql_comment_styles(marker: str) -> None:
    assert "EMAIL_ADDRESS" not in entities(f"Contact {EMAIL} {marker}\n")


def test_marker_must_be_a_comment_on_the_same_line() -> None:
    assert "EMAIL_ADDRESS" in entities(f"# safeai: allow\nContact {EMAIL}\n")
    assert "EMAIL_ADDRESS" in entities(f"Contact {EMAIL} safeai: allow\n")  # not a comment
    assert "EMAIL_ADDRESS" in entities(f"Contact {EMAIL} # safeai: allow=PERSON\n")


def test_forbidden_category_is_never_accepted() -> None:
    text = f'key = "{AWS_KEY}"; mail = "{EMAIL}"  # safeai: allow\n'
    assert entities(text) == []
    kept = entities(text, forbidden_categories=frozenset({"secret"}))
    assert "AWS_ACCESS_KEY" in kept
    assert "EMAIL_ADDRESS" not in kept
    named = f'key = "{AWS_KEY}"  # safeai: allow=AWS_ACCESS_KEY\n'
    assert "AWS_ACCESS_KEY" in entities(named, forbidden_categories={"secret"})


# --------------------------------------------------------------------------- mask


@pytest.mark.parametrize(("value", "masked"), [
    (SSN, "2••-••-••••"),
    (PHONE, "(•••) •••-••••"),
    ("john.smith", "j•••.•••••"),
    ("Jo", "••"),
    ("1234", "••••"),
    ("", ""),
])
def test_mask_keeps_first_character_and_shape(value: str, masked: str) -> None:
    assert mask(value) == masked


def test_mask_cuts_long_values_and_stays_on_one_line() -> None:
    masked = mask(AWS_KEY + AWS_KEY)
    assert masked == "A" + "•" * 15 + "…"
    assert mask("-----BEGIN\nKEY\tX") == "-----••••• ••• •"


# --------------------------------------------------------------------------- baseline


@dataclass(frozen=True)
class Located:
    """The minimum a baseline needs from a finding (the CLI's and notebook's have more)."""

    entity: str
    category: str
    fingerprint: str
    line: int | None
    cell: int | None = None


def located(text: str) -> list[Located]:
    out = []
    for f in found_in(text):
        value = text[f.start:f.end]
        out.append(Located(f.entity, f.category, fingerprint(f.entity, value),
                           text.count("\n", 0, f.start) + 1))
    return out


def test_fingerprint_hashes_label_and_value_together() -> None:
    assert fingerprint("US_SSN", SSN) != fingerprint("PHONE_NUMBER", SSN)
    assert fingerprint("US_SSN", SSN) == fingerprint("US_SSN", SSN)
    assert len(fingerprint("US_SSN", SSN)) == 64


def test_baseline_round_trip_and_no_value_in_file(tmp_path) -> None:
    text = f'email = "{EMAIL}"\nssn = "SSN {SSN}"\nkey = "{AWS_KEY}"\n'
    found = located(text)
    assert {f.entity for f in found} >= {"EMAIL_ADDRESS", "US_SSN", "AWS_ACCESS_KEY"}
    file = Baseline.from_findings({"src/a.py": found}).save(tmp_path / ".safeai-baseline.json")
    raw = file.read_text(encoding="utf-8")
    for value in (EMAIL, SSN, AWS_KEY, "jane", "9999", AWS_KEY[4:12]):
        assert value not in raw
    loaded = Baseline.load(file)
    assert loaded.entries == Baseline.from_findings({"src/a.py": found}).entries
    assert loaded.filter("src/a.py", found) == []
    doc = json.loads(raw)
    assert doc["version"] == 1
    assert {"path", "entity", "hash", "line"} <= set(doc["entries"][0])


def test_baseline_accepts_a_moved_line_but_not_a_new_value_or_another_file() -> None:
    baseline = Baseline.from_findings({"a.py": located(f'x = "{EMAIL}"\n')})
    moved = located(f'\n\n\nimport os\nx = "{EMAIL}"\n')
    assert moved[0].line == 5
    assert baseline.filter("a.py", moved) == []
    other = located('x = "john.roe@mayo-clinic.org"\n')
    assert baseline.filter("a.py", other) == other
    assert baseline.filter("b.py", moved) == moved


def test_baseline_never_accepts_forbidden_categories() -> None:
    found = located(f'key = "{AWS_KEY}"\nmail = "{EMAIL}"\n')
    baseline = Baseline.from_findings({"a.py": found})
    kept = baseline.filter("a.py", found, forbidden_categories={"secret"})
    assert [f.entity for f in kept] == ["AWS_ACCESS_KEY"]


def test_baseline_json_is_stable(tmp_path) -> None:
    found = located(f'a = "{EMAIL}"\nb = "{PHONE}"\n')
    one = Baseline.from_findings({"z.py": found, "a.py": found}).to_json()
    two = Baseline.from_findings({"a.py": list(reversed(found)), "z.py": found}).to_json()
    assert one == two
    doc = json.loads(one)
    assert list(doc) == sorted(doc)
    assert [e["path"] for e in doc["entries"]] == sorted(e["path"] for e in doc["entries"])


@pytest.mark.parametrize("content", [
    "not json",
    '{"version": 99, "entries": []}',
    '{"version": 1, "entries": [{"path": "a.py"}]}',
    '{"version": 1, "entries": [{"path": "a.py", "entity": "US_SSN", "hash": "219-09-9999"}]}',
])
def test_unusable_baseline_raises_value_error(tmp_path, content: str) -> None:
    file = tmp_path / "b.json"
    file.write_text(content)
    with pytest.raises(ValueError):
        Baseline.load(file)


def test_baseline_entry_dict_round_trip() -> None:
    entry = BaselineEntry("nb.ipynb", "US_SSN", fingerprint("US_SSN", SSN), line=2, cell=3)
    assert BaselineEntry.from_dict(entry.to_dict()) == entry
