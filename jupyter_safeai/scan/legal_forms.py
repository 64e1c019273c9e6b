"""The words by which firms of many countries say what kind of firm they are, read
from the company data Faker (MIT, a runtime dependency) keeps for each of its locales:
the legal forms after a founder's surname (`Dubois SARL`, `Kowalski Sp. z o.o.`,
`Jansen B.V.`, `Lindqvist AB`, `Silva Ltda.`), the words its name formats put there
(`Garcia y Asociados`, `Moreau et Fils`, `Costa e Filhos`) and the words before one
(`Grupo Garcia`, `Stichting Jansen`, `Fundacja Kowalski`).

Faker's files are read as text, never imported (importing Faker builds its whole
generator machinery): the literal `company_suffixes`, `company_prefixes` (and
`company_types`, `name_complements`) and `formats` of every
`faker/providers/company/<locale>/__init__.py`, once, at the first ask.

A legal form is written with or without its periods (`B.V.`, `BV`; `S.A.`, `SA`), so
a form in capitals matches either way; one in lower case keeps its periods (`s.r.o.`:
`sc` and `sro` are no firm's). Forms that also stand after a person's name for
something else (a degree, `BA`; a record, `CV`; a clinical abbreviation, `ED`, `SD`,
`SEM`; a word, `CON`, `San.`) are left out, and a form before a number (`HB 9.1`) is
none: a missed patient costs more than a firm flagged.

- `form_after(text, at)`: whether a legal form or firm word opens at text[at]
  (after the blank at `at - 1`).
- `firm_word_before(text, start)`: whether a firm's opening word (`Grupo`) stands right
  before text[start].

Without Faker both are False: more findings, never fewer (fail closed).
"""

from __future__ import annotations

import ast
import re
import unicodedata
from functools import lru_cache

from .memo import memoised
from .package_data import package_dir

#: Faker's suffixes and prefixes that, after or before a person's name, more often mean
#: something else: degrees (`BA`), records (`CV`), clinical and statistical
#: abbreviations (`ED`, `EP`, `ET`, `AD`, `SD`, `KD`, `TD`, `RA`, `SEM`, `ASF`, `PFA`,
#: `PT`, `PD`; `SAD`, seasonal affective disorder; `SAT`, saturation; `SC`, subcutaneous;
#: `AC`, before meals or a joint), words and places (`CON`, `LOC`, `URL`, `San.`,
#: `EPIC`), a given name (`Royal`), a family or siblings (`Familia`, `Hermanos`), or
#: punctuation alone. A form kept is still none before a number (`HB 9.1`, `CRL 45 mm`:
#: a measurement).
_NOT_A_FIRM = frozenset("""
ba cv ed ep et ad sd kd td ra sem asf pfa oc1 oc2 oc3 con loc url san epic
pt pd ud cd royal familia hermanos hnos - me ei sad sat sc ac
""".split())
#: What Faker's formats join surnames with (`{{last_name}} y {{last_name}}`): no firm
#: word (as written: `OG` is a legal form, `og` joins).
_JOINERS = frozenset(", - – and & y e et og en und i és и και và ve".split())
#: Faker's lists of words before a surname (`company_preffixes`: es_MX's spelling;
#: `company_types`: es_ES's `Minería`, `Finanzas`) and of words after one
#: (`name_complements`: `y asociados`).
_BEFORE_LISTS = ("company_prefixes", "company_preffixes", "company_types")
_AFTER_LISTS = ("company_suffixes", "name_complements")
#: The placeholders in `formats` whose next literal words are a firm's kind
#: (`{{last_name}} et Associés`, `{{name}} E.I.R.L.`).
_NAME_PLACEHOLDERS = ("last_name", "name")
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def _literal(node: ast.expr) -> object:
    """A literal assigned in Faker's file; `OrderedDict([...])` read as its keys."""
    if isinstance(node, ast.Call) and node.args:
        value = ast.literal_eval(node.args[0])
        return [pair[0] for pair in value] if isinstance(value, list) else value
    return ast.literal_eval(node)


def _company_data() -> tuple[set[str], set[str]]:
    """Every locale's suffixes (with the words its formats put after a surname) and
    prefixes, as Faker writes them."""
    folder = package_dir("faker")
    suffixes: set[str] = set()
    prefixes: set[str] = set()
    if folder is None:
        return suffixes, prefixes
    for path in sorted((folder / "providers" / "company").glob("*/__init__.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                target = node.target  # `company_suffixes: ElementsType[str] = (...)`
            else:
                continue
            name = getattr(target, "id", "")
            if name not in (*_BEFORE_LISTS, *_AFTER_LISTS, "formats") or node.value is None:
                continue
            try:  # a list as another Faker version may write it: skipped, never raised
                values = [value for value in _literal(node.value) if isinstance(value, str)]
            except (ValueError, TypeError, IndexError, KeyError):
                continue
            if name in _AFTER_LISTS:
                suffixes.update(values)
            elif name in _BEFORE_LISTS:
                prefixes.update(values)
            else:
                for value in values:  # `{{last_name}} et Associés`, `... & Søn {{...}}`
                    parts = _PLACEHOLDER.split(value)
                    for i in range(1, len(parts) - 1, 2):
                        if parts[i] in _NAME_PLACEHOLDERS:
                            suffixes.add(parts[i + 1].strip())
    return suffixes, prefixes


def _kept(form: str) -> bool:
    """Whether Faker's `form` is kept: not in `_NOT_A_FIRM` as written nor as it is
    looked up (`S.A.D.` is `SAD`), no joiner, no placeholder."""
    key = form.casefold().strip(" .")
    looked_up = " ".join(map(_token_key, form.split())).casefold()
    return any(ch.isalpha() for ch in key) and key not in _NOT_A_FIRM and (
        looked_up not in _NOT_A_FIRM) and form.strip() not in _JOINERS and not any(
        ch in "{}" for ch in form)


#: What may close a word of a form in a sentence (`Lindqvist AB, Malmö`).
_CLOSING = ",;:!?)\"'”’"


def _token_key(token: str) -> str:
    """One word of a form as forms are looked up: in capitals, its periods cut (`B.V.`,
    `BV`: `BV`); else as written less a last period (`Ltda.` ends a sentence: `Ltda`;
    `s.r.o.`: `s.r.o`, never `sro`)."""
    bare = token.replace(".", "")
    if bare.isalpha() and bare.isupper() and len(bare) <= 6:
        return bare
    return token.rstrip(".")


@lru_cache(maxsize=1)
def _lists() -> tuple[frozenset[str], frozenset[str], int, frozenset[str]]:
    """The forms' keys (their words' keys, one blank apart), the keys of their first
    words, the most words a form has, and the firm's opening words (`_folded`)."""
    try:
        suffixes, prefixes = _company_data()
    except (OSError, SyntaxError, ValueError, UnicodeDecodeError):
        return frozenset(), frozenset(), 0, frozenset()
    forms = [form.split() for form in suffixes if _kept(form)]
    keys = frozenset(" ".join(map(_token_key, words)) for words in forms)
    firsts = frozenset(_token_key(words[0]) for words in forms)
    words = frozenset(_folded(word) for word in prefixes
                      if " " not in word.strip() and _kept(word) and len(word.strip()) > 3
                      and all(_alphabetic(ch) for ch in word.strip()))
    return keys, firsts, max(map(len, forms), default=0), words


def _alphabetic(ch: str) -> bool:
    """A letter of the scripts names are read in here (Faker's Chinese `prefixes` are
    whole firms' names, no word before one)."""
    return unicodedata.name(ch, "").startswith(("LATIN", "CYRILLIC", "GREEK"))


@memoised(maxsize=1024)  # the word before each name (`Maria` of `Maria Lopez`), again and again
def _folded(word: str) -> str:
    """`word` case-folded, its accents cut, a plural `s` too (`Laboratorios`)."""
    word = "".join(ch for ch in unicodedata.normalize("NFD", word.strip().casefold())
                   if not unicodedata.combining(ch))
    return word[:-1] if word.endswith("s") and len(word) > 4 else word


def form_after(text: str, at: int) -> bool:
    """Whether a firm's legal form or kind word (`SARL`, `Sp. z o.o.`, `y Asociados`)
    opens at text[at]: its words, each written as in `_token_key`, ending a word of the
    text, and no number right after it on its line (`HB 9.1` is a measurement; a
    firm's line of an address block, `Ionescu Preda SRL` then `30102 Kaevu 94` on the
    next, is a firm)."""
    keys, firsts, most, _ = _lists()
    if not most:
        return False
    chunk = text[at:at + 64]
    words = chunk.split(None, most)[:most]
    if not words or _token_key(_bare(words[0])) not in firsts:
        return False  # (most names end with no form after them: one look-up)
    key = ""
    for i, word in enumerate(words):
        bare = _bare(word)
        key = f"{key} {_token_key(bare)}" if i else _token_key(bare)
        if key in keys:
            after = words[i + 1][:1] if i + 1 < min(len(words), _words_on_line(
                chunk)) and bare == word else ""
            if not after.isdigit():
                return True
        if bare != word:
            return False  # a comma or a bracket ends the form
    return False


def _words_on_line(chunk: str) -> int:
    return len(chunk.partition("\n")[0].split())


#: A possessive after a form: `Moreau SARL's staff`, `Herrera y Asociados’s appeal`.
_POSSESSIVE = ("'s", "’s")


def _bare(word: str) -> str:
    """`word` less what closes it in a sentence: a possessive, a comma, a bracket, a
    quote, and a sentence's stop after those (`SARL”).`, `AB),`, `SARL's`); a form's own
    last period stays (`Ltda.`, `s.r.o.`: `_token_key` reads them)."""
    bare = word.rstrip(_CLOSING)
    if bare.endswith(_POSSESSIVE):
        return bare[:-2]
    stopped = word.rstrip(".")
    if bare == word and stopped != word and stopped.rstrip(_CLOSING) != stopped:
        return stopped.rstrip(_CLOSING)
    return bare


#: What `firm_word_before` reads: the letters (`[^\W\d_]`) right before a blank that ends
#: the 30 characters before a name (`_word_before` reads them from that blank back).
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[ ]\Z")
_WORD_BEFORE_REACH = 30


def _word_before(text: str, start: int) -> str:
    r"""`_WORD_BEFORE.search(text, max(0, start - 30), start)`'s word ('' for none), read
    back from the blank before `start`: the search tried every character of the 30, each
    read to its word's end. A letter of `[^\W\d_]` is what `str.isalnum` says and no
    decimal digit (`re`'s `\w` is `isalnum` or `_`, its `\d` `isdecimal`)."""
    if text[start - 1:start] != " ":
        return ""
    low, at = max(0, start - _WORD_BEFORE_REACH), start - 1
    while at > low and (char := text[at - 1]).isalnum() and not char.isdecimal():
        at -= 1
    return text[at:start - 1]


def firm_word_before(text: str, start: int) -> bool:
    """Whether a firm's opening word (`Grupo`, `Stichting`, `Fundacja`) stands right
    before text[start], capitalised."""
    word = _word_before(text, start)
    return word[:1].isupper() and _folded(word) in _lists()[3]
