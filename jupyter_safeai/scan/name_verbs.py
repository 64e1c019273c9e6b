"""A word no name list knows, said to be someone by what follows it: a verb of speech or
thought (`Okonjo said`, `, Wiremu replied`), or an age or `who` set off after it
(`Tshabalala, aged 61,`, `Ferencz (age 54)`, `Ivaskiv, who`); or by what stands before
it: a verb that takes only people (`ask Niewola`, `met Oyelaran`, `thanked Dzwonnik`);
or by what it owns: kin or a body's part (`Ngubenzile's wife`, `Tavuvalea's knee`).

Things do not say, ask or reply, and a person's age is set off after no thing, so a
capitalised word there is a surname or a given name whatever NER makes of it. Verbs
that things do too stay out (`Spark wrote the file`, `Keras added`, `the model noted`),
and the present tense a tool is given (`pip says`, `mypy complains`), and words that
end as tools' names do (`Streamlit asked`),
as do words English, the software list or the eponyms know (`Python said`, `Apple said`
is for the name lists' English), words with capitals inside that are no name's
(`ChatGPT said`, `GitHub asked`; `McAllister said` is one) and words after an article.
"""

from __future__ import annotations

import re

import regex

# After the word: a verb of speech or thought (lower case, the sentence going on), an age
# set off by a comma or brackets, or `, who`.
_SAYS_AFTER = re.compile(
    r"(?:[ ](?:said|asked|told|replied|answered|explained|argued|insisted|admitted|"
    r"recalled|remarked|commented|wondered|exclaimed|shouted|whispered|agreed|"
    r"thinks|believes|believed|"
    r"(?:had|has)[ ](?:said|told|asked))\b(?![ ]?\()"
    r"|,[ ]aged[ ]\d{1,3}\b|[ ]?\((?:age[ ]|aged[ ])?\d{1,3}(?:[ ]?(?:yo|y/o|years?))?\)"
    r"[ ,]|,[ ]who[ ])")
# Before the word, lower case: a verb or phrase whose object is a person and never a
# firm, a tool or a source (`ask Niewola`, `met Oyelaran`, `the signature from Dzwonnik`);
# not `according to`, `from` or `with`, which take `Statista` and `Kaggle` as well.
_PERSON_OBJECT_BEFORE = re.compile(
    r"(?:^|[^a-z'’])(?:ask|asked|tell|told|remind(?:ed)?|invite[ds]?|thank(?:ed)?|"
    r"congratulated?|met|meet|married|marry|hugged|kissed|visited|"
    r"(?:spoke|speak|talked|talk)[ ](?:to|with)|(?:say|said)[ ](?:hi|hello)[ ]to|"
    r"introduced?[ ](?:me[ ])?to|heard[ ]from|(?:signature|sign-?off|consent)[ ]from|"
    r"on[ ]behalf[ ]of)[ ]$")
# ... and after the object: the sentence's end or a word that goes on past a person, not
# a noun the word would qualify (`asked Kaggle support`, `met Contoso engineers`).
_AFTER_OBJECT = re.compile(
    r"(?:[ ]?[.,;:!?)\n]|$|[ ](?:whether|if|to|about|for|that|yesterday|today|tomorrow|"
    r"again|and|at|on|in|when|how|what|why|last|this|before|after|so|please|too|"
    r"tonight|once|twice)\b)")
# Right after the word: a possessive of kin or of a body's part (`Ngubenzile's wife`,
# `Tavuvalea's knee`), which a firm, a tool or a place does not have.
_KIN_OR_BODY_AFTER = re.compile(
    r"['’]s[ ](?:late[ ]|elder[ ]|younger[ ]|eldest[ ]|youngest[ ]|left[ ]|right[ ])?"
    r"(?:wife|husband|son|sons|daughters?|mother|father|mum|mom|dad|brothers?|sisters?|"
    r"parents|children|kids|grand(?:son|daughter|mother|father|children)|aunt|uncle|"
    r"cousin|nephew|niece|widow|widower|fianc[ée]e?|girlfriend|boyfriend|"
    r"knee|hip|ankle|wrist|elbow|shoulder|leg|arm|foot|feet|"
    r"lungs?|liver|kidneys?|teeth|neck|spine|funeral|wedding|grave|obituary)\b")
#: How far before the word such a phrase is read.
_REACH = 28
# Capitals inside a name: `McAllister`, `MacKenzie`, `O'Neill`, `DiMaggio`, `LeBlanc`,
# `d'Herbinville`, `Ould-Ahmed`; any other (`ChatGPT`, `GitHub`) is a product's.
_INNER_CAPITALS = regex.compile(
    r"(?:Mc|Mac|O['’]|D['’]|d['’]|L['’]|Di|De|Da|La|Le|Van|Von|Fitz)?"
    r"\p{Lu}\p{Ll}[\p{Ll}'’]*(?:-\p{Lu}\p{Ll}[\p{Ll}'’]*)*")
#: How tools' names end (`Streamlit`, `Pydantic` aside, `Scrapy`, `Airbyte`, `Colab`):
#: a tool is said to say or ask things too.
_TOOL_ENDINGS = ("py", "lit", "db", "ql", "js", "ify", "ops", "hub", "lab", "flow", "base",
                 "kit", "soft", "ware", "io", "api", "cli", "sdk", "bot", "gpt", "byte",
                 "test")
#: Shortest such word read as a name: `Ng said` is one, `Al said` is too short to tell.
_SHORTEST = 3


def _written_as_a_name(word: str) -> bool:
    """An initial capital, no capitals inside but a surname prefix's, at least three
    letters, no tool's ending: how the readers below want the word written."""
    return len(word) >= _SHORTEST and _INNER_CAPITALS.fullmatch(word) is not None and not (
        word.lower().endswith(_TOOL_ENDINGS))


def _says(text: str, start: int, end: int) -> bool:
    return _SAYS_AFTER.match(text, end) is not None


def _object_of_person_verb(text: str, start: int, end: int) -> bool:
    return _AFTER_OBJECT.match(text, end) is not None and _PERSON_OBJECT_BEFORE.search(
        text[max(0, start - _REACH):start].lower()) is not None


def _owns_kin_or_body(text: str, start: int, end: int) -> bool:
    return _KIN_OR_BODY_AFTER.match(text, end) is not None


def said_by_someone(text: str, start: int, end: int) -> bool:
    """Whether the capitalised word text[start:end] is followed by a verb of speech or
    thought, an age set off after it or `, who`, and is written as a name is (an initial
    capital, no capitals inside but a surname prefix's, at least three letters)."""
    return _written_as_a_name(text[start:end]) and _says(text, start, end)


def someone_by_verb(text: str, start: int, end: int) -> bool:
    """`said_by_someone`, `object_of_person_verb` or `possessive_of_person`: the word's
    shape read once for the three (a name reader asks them in turn of each word no list
    knows)."""
    return _written_as_a_name(text[start:end]) and (
        _says(text, start, end) or _object_of_person_verb(text, start, end)
        or _owns_kin_or_body(text, start, end))


def object_of_person_verb(text: str, start: int, end: int) -> bool:
    """Whether the capitalised word text[start:end] is the object of a verb or phrase
    that takes only people (`asked Niewola`, `spoke with Daggeirsdottir`), written as
    `said_by_someone` asks."""
    return _written_as_a_name(text[start:end]) and _object_of_person_verb(text, start, end)


def possessive_of_person(text: str, start: int, end: int) -> bool:
    """Whether the capitalised word text[start:end] owns kin or a body's part
    (`Ngubenzile's daughter`, `Tavuvalea's left knee`), written as `said_by_someone`
    asks."""
    return _written_as_a_name(text[start:end]) and _owns_kin_or_body(text, start, end)
