"""Citations (citations.py): a cited author read from its clause or the entry it opens,
a reference mark after a name, and a line that is a bibliography entry; each beside a
look-alike about a person that must stay a person's. Examples written here."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jupyter_safeai.scan import citations
from jupyter_safeai.scan.citations import (
    bibliography_entry,
    cited_author,
    reference_mark_after,
)
from jupyter_safeai.scan.name_context import in_documentation


@pytest.mark.parametrize(("text", "name", "cited"), [
    ("As B. Arvidsson notes [12], the chain mixes slowly.", "B. Arvidsson", True),
    ("Tom Weller and colleagues [3-5] fit the same model.", "Tom Weller", True),
    ("- [4] Weller, Tom (2011) A note on samplers. J. Stat.", "Weller, Tom", True),
    ("- [4] Weller, Tom called twice today.", "Weller, Tom", False),
    ("* Tom Weller and Ingrid Tamm, [A note on samplers](https://example.org/n), 2011",
     "Tom Weller", True),
    ("* Tom Weller, [notes](https://example.org/n), 2011", "Tom Weller", False),
    ("Tom Weller wrote to us on Monday.", "Tom Weller", False),
])
def test_cited_author_reads_the_clause_and_the_entry(text: str, name: str,
                                                     cited: bool) -> None:
    start = text.index(name)
    assert cited_author(text, start, start + len(name)) is cited


@pytest.mark.parametrize(("text", "name", "marked"), [
    ("As P. Lindgren [3] showed, the prior washes out.", "P. Lindgren", True),
    ("Lindgren (2014) fit the same model.", "Lindgren", True),
    ("Okonkwo et al. [2,7] repeat it.", "Okonkwo", True),
    ("Okonkwo, [4-6] and later work.", "Okonkwo", True),
    # a bracket of words, a year of birth, an age: no reference mark
    ("Ida Lindgren [see attached] called.", "Ida Lindgren", False),
    ("Ida Lindgren (born 1961) called.", "Ida Lindgren", False),
    ("Ida Lindgren (54) was admitted.", "Ida Lindgren", False),
])
def test_a_reference_mark_is_a_number_or_a_year_in_brackets(text: str, name: str,
                                                           marked: bool) -> None:
    assert reference_mark_after(text, text.index(name) + len(name)) is marked


@pytest.mark.parametrize(("line", "entry"), [
    ('[7] Haldane, R. "Counting beetles." Field Notes 3 (1931).', True),
    ("4. Ferrante, L. *Notes on priors*, 1998.", True),
    ("Varga, E. Sampling in a hurry. Proc. of the Meeting on Sums, pp. 12-19.", True),
    ("Ostrowski, M. Shapes of data. Wiley, 2004.", True),
    ("Okonkwo, C. Priors. arXiv:1234.5678", True),
    # a numbered list about a person, a visit with a year: no entry
    ("3. Ferrante, L. was seen in clinic in 2019.", False),
    ("Ostrowski, M. visited on 3 May 2004 with her daughter.", False),
])
def test_a_bibliography_entry_has_a_title_a_venue_or_a_publisher(line: str,
                                                                  entry: bool) -> None:
    assert bibliography_entry(line, 0, len(line)) is entry


_CITATION_PIECES = ["Springer", "Press", "2009", "1875", "pp. 3", "p.12", "vol", "Vol. 2",
                    "[3] ", "12. ", "- ", "et al", "doi", "In: ", "“", '"A', "Web. 4",
                    "ſ", "K", "x", " ", ",", ".", "Name", "Journal", "N.p.", "arXiv"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_CITATION_PIECES), max_size=10).map("".join))
def test_the_citation_shortcut_says_what_the_pattern_says(line: str) -> None:
    whole = re.compile("|".join(part.pattern for part in (
        citations._NUMBERED_ENTRY, citations._VENUE, citations._PUBLISHER_YEAR)),
        re.IGNORECASE | re.MULTILINE)  # every part searched everywhere
    assert citations.bibliography_entry.__wrapped__(line, 0, len(line)) == bool(
        whole.search(line))


def test_numbered_reference_with_year_then_title_is_a_citation() -> None:
    text = ('2. Wenjun Li, Haoran Xu (2012) "Measuring entangled qubits in a cavity, with a '
            'title long enough to push the venue of the paper well past the window that '
            'is read around the name", Letters on Light 12, 3401.')
    assert in_documentation(text, 3, 12)
    assert not in_documentation("2. Wenjun Li came in (2012) for a check-up.", 3, 12)


@pytest.mark.parametrize(("text", "name", "cited"), [
    # a verb of a scholar's claim, then the clause up to a numbered mark
    ("Priors are a choice. Ines Varga argues that the tails matter more [4] than the mode.",
     "Ines Varga", True),
    ("Varga notes that the chain, once warm, mixes slowly [12].", "Varga", True),
    # a biography's sentence ends in a mark too; a mark past the sentence's end is no one's
    ("Ines Varga was elected mayor of the town in 2004 [3].", "Ines Varga", False),
    ("Ines Varga argues a lot. The tails matter more [4].", "Ines Varga", False),
    ("Ines Varga argues that she is fine and wants to go home now.", "Ines Varga", False),
])
def test_a_claim_credited_with_a_mark_names_its_author(text: str, name: str,
                                                       cited: bool) -> None:
    start = text.index(name)
    assert cited_author(text, start, start + len(name)) is cited


@pytest.mark.parametrize(("text", "name", "cited"), [
    # cited once with a year and a number, or `et al.`, then named bare
    ("A quote by Ines Varga (2007)[2] says it.\n\nVarga's point is that data is small.",
     "Varga", True),
    ("Okafor et al. (2011) fit it. We follow Okafor closely.", "Okafor", True),
    # a year alone dates a painting or a study; a number alone follows a biography's facts
    ("The Harbour, by Ines Varga (1881). Varga painted it in a week.", "Varga", False),
    ("Okafor won the vote [3]. Okafor then moved to Lagos.", "Okafor", False),
])
def test_a_surname_cited_elsewhere_is_the_same_author(text: str, name: str,
                                                      cited: bool) -> None:
    start = text.rindex(name)
    assert citations.cited_surname(text, start, start + len(name)) is cited


_REFERENCES = """## 4. References

1. Q. Lindahl. Sampling without tears. Report 17, Dept. of Sums, Uppsala, May 1999.
- Tove Brandt, notes on priors, Leeds

## 5. Visits

1. Q. Lindahl, seen in Uppsala on 3 May 1999.
"""


@pytest.mark.parametrize(("heading", "listed"), [
    ("## References", True), ("### 9. Further reading", True), ("Bibliography:", True),
    ("<h2>Sources</h2>", True), ("**Works cited**", True),
    ("## Referral notes", False), ("## Sources of pain in the knee", False),
    ("References to the patient were removed:", False),
])
def test_a_reference_heading_is_a_heading_of_its_own(heading: str, listed: bool) -> None:
    text = f"{heading}\n\n1. Q. Lindahl, sampling, 1999.\n"
    assert citations.reference_list_item(text, text.index("1.")) is listed


def test_items_under_a_references_heading_are_citations_and_the_section_ends() -> None:
    text = _REFERENCES
    for entry in ("1. Q. Lindahl. Sampling", "- Tove Brandt"):
        at = text.index(entry)
        assert citations.reference_list_item(text, at)
        assert bibliography_entry(text, at, text.index("\n", at))
    visit = text.index("1. Q. Lindahl, seen")
    assert not citations.reference_list_item(text, visit)
    assert not bibliography_entry(text, visit, text.index("\n", visit))
    # prose under the heading is no list item
    assert not citations.reference_list_item("## References\nQ. Lindahl called.", 14)


def test_names_and_places_of_a_reference_list_are_quiet_and_a_visit_is_not() -> None:
    from jupyter_safeai import scan_text

    found = [(h.entity, _REFERENCES[h.start:h.end]) for h in scan_text(_REFERENCES)]
    visit = _REFERENCES.index("## 5.")
    assert found, "the visit below the list is still read"
    assert all(_REFERENCES.index(value, visit) > 0 for _, value in found)
    assert all(h.start > visit for h in scan_text(_REFERENCES))


@pytest.mark.parametrize(("text", "cited"), [
    ("[2]  [Tom Weller's notes on samplers](https://example.org/notes)", True),
    ("- [3] [Tom Weller: priors in practice](https://example.org/p)\n", True),
    # no number before it, or no link after it: no entry of a reference list
    ("- [Tom Weller's notes on samplers](https://example.org/notes)", False),
    ("[2] [Tom Weller called twice today, asking for his results]", False),
])
def test_a_numbered_entry_whose_linked_title_opens_with_the_name(text: str,
                                                                 cited: bool) -> None:
    start = text.index("Tom")
    assert cited_author(text, start, start + len("Tom Weller")) is cited


#: The old single search for reference marks, which the two led by their literals replace.
_ONE_MARK_SEARCH = re.compile(r"\[\d{1,3}(?:[,–-]\d{1,3})*\]|et\.?[ \t]*al\b")
_MARK_PIECES = ["[", "]", "1", "23", ",", "–", "-", "et", "e", "t", ".", " ", "\t", "al",
                "ale", "Tamm", "x", "(2005)", "\n"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_MARK_PIECES), max_size=14).map("".join))
def test_the_two_mark_searches_find_what_one_alternation_did(text: str) -> None:
    marks = sorted([*citations._NUMBERED_MARK.finditer(text),
                    *citations._ET_AL_MARK.finditer(text)], key=lambda m: m.start())
    assert [m.span() for m in marks] == [m.span() for m in _ONE_MARK_SEARCH.finditer(text)]


def test_a_surname_before_either_mark_is_cited_and_one_before_none_is_not() -> None:
    text = "Tamm et al. (2005) and Okafor (2011) [3] fit it; Lindqvist [4] fit it later."
    assert citations._cited_surnames.__wrapped__(text) == frozenset({"Tamm", "Okafor"})
