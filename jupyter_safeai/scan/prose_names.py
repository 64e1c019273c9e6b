"""Names in conversational prose that no title or label announces.

A message about people names them bare: in an enumeration (`We invited Oskar, Lena,
Tove and Pim`), when it speaks to them (`Hi Manlio,`, `Come home, Roy!`), as who does
or undergoes what only people do (`Ilse shouted at Bram`, `she handed Marit the keys`).
Documentation, code and tables use the same shapes for other things (`Alice and Bob`
in a cryptography notebook are names too; `Hello World!` is not), so each form asks
for its own evidence: the name lists, the words only people take, and, in a sentence
about someone (a pronoun or a first person), the NER model.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence

import regex

from .english_words import inflected_from, nouns_and_other_words
from .geography import is_place_name
from .name_context import name_giving_ends, sentence_around
from .name_lists import (
    CASE_PARTIES,
    COMMON_WORDS,
    EPONYMS,
    HONORIFICS,
    PARTICLES,
    RELATIVES,
    NameLists,
    english_ending,
)
from .note_names import FUNCTION_WORDS, NOTE_CUE_WORDS
from .office_titles import OFFICE_WORDS, office_holders
from .recognizer import trie
from .scan_view import hits_of_labels, lowered_in_place_of, lowered_of

#: One word of a name in an enumeration or an address: capitalised or all lower case.
_ITEM = r"\p{L}[\p{Ll}\p{M}]+(?:['’-]\p{L}[\p{Ll}\p{M}]*)*"
#: A capitalised word of a name, its apostrophes and hyphens inside it.
_NAME_WORD = r"\p{Lu}[\p{Ll}\p{M}]+(?:['’-]\p{L}[\p{Ll}\p{M}]*)*"
# `Oskar, Lena, Tove and Pim`, `oskar, lena, tove or pim`: three or more single words.
_ENUMERATION = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}_@./-])(?<![\p{{L}}\p{{N}}],[ ]){_ITEM}(?:,[ ]{_ITEM}){{1,}},?[ ]"
    rf"(?:and|or|&)[ ]{_ITEM}(?![\p{{L}}\p{{N}}_@'’-]|\.[\p{{L}}\p{{N}}])")
#: Where an enumeration may be: a comma, words and commas, then `and`, `or` or `&`. Only
#: its last words are looked for (a search that followed every comma of a long list to its
#: end from each of them would take the square of the list's length); `_enumerations`
#: walks back to the first.
_ENUMERATION_QUICK = re.compile(
    r", (?:[^\W\d_]+, ){0,8}[^\W\d_]+,? (?:and|or|&) [^\W\d_]")
_ENUMERATED_ITEM = regex.compile(rf"(?<=^|,[ ]|[ ](?:and|or|&)[ ]){_ITEM}")
#: Share of an enumeration's items that a name list must know as given names.
_KNOWN_SHARE = 0.6
#: ... when they are in lower case, where a list of words is more often no names.
_KNOWN_SHARE_LOWER = 0.75
# `Hi Manlio,`, `Dear Anneke!`: a greeting, one capitalised word, then a break.
_GREETING = regex.compile(
    r"(?<![\p{L}\p{N}_])(?i:hi|hello|hey|hiya|howdy|dear|greetings|good[ ]morning|"
    r"good[ ]evening|thanks|thank[ ]you|cheers|bye|goodbye|happy[ ]birthday|congrats|"
    r"congratulations|well[ ]done|good[ ]job|great[ ]job|welcome[ ]back|miss[ ]you|"
    r"love[ ]you)[ ]?,?[ ]"
    rf"({_NAME_WORD})(?=[ ]?[,!:;.?]|[ ]?\r?$)", regex.MULTILINE)
#: What a greeting addresses that is not a person.
#: The greetings that only people take; praise and thanks (`Congrats`, `Thanks`) go to
#: firms and teams too, and are read only before a name a list knows.
_PERSONAL_GREETINGS = ("hi", "hello", "hey", "howdy", "dear", "greetings", "good morning",
                       "good evening", "bye", "goodbye", "miss you", "love you")
_GREETED_THINGS = frozenset("""
world everyone everybody all there team folks guys friends people again so much you sir
madam doctor again python jupyter notebook colab reader readers class students future
""".split())
# `…, Roy!`, `…, Anneke?`: a listed given name addressed at the end of a sentence.
_VOCATIVE = regex.compile(rf"(?<=[\p{{L}}\p{{N}}],[ ])({_NAME_WORD})(?=[!?])")
#: How far before its `!` or `?` a name spoken to is looked for.
_VOCATIVE_REACH = 40
# Verbs whose object is a person (`shouted at Bram`, `between him and Asya`, `starring
# Vance`), or a person when a possessive follows (`had given Marit his key`) ...
_PERSON_OBJECT = regex.compile(
    r"(?<![\p{L}\p{N}_])(?i:(?:shouted|yelled|screamed|smiled|waved|winked|stared|glared|"
    r"laughed|swore|snapped)[ ]at|thanked|married|kissed|hugged|divorced|phoned|texted|"
    r"between[ ](?:him|her|me|us|them)[ ]and|starring|featuring)[ ]"
    rf"({_NAME_WORD})(?![\p{{L}}\p{{N}}_])"
    r"|(?<![\p{L}\p{N}_])(?i:(?:had|has|have)[ ]given|gave|handed|told|showed|sent|asked)[ ]"
    rf"({_NAME_WORD})(?=[ ](?i:his|her|their|my|our|your|a|an|the|that|to)\b)")
# ... and a name opening a sentence before a verb only people take.
#: The words of a full name after its first: an initial, particles (`Willemine ten Pas`).
_MORE_NAME = (rf"(?:[ ]\p{{Lu}}\.?(?=[ ]\p{{Lu}})|[ ](?:(?:{'|'.join(sorted(PARTICLES))})[ ])*"
              rf"{_NAME_WORD}){{0,3}}")
# The name a name-giving phrase gives (`name_context.name_giving_ends`).
_GIVEN_NAME = regex.compile(rf"({_NAME_WORD}{_MORE_NAME})(?![\p{{L}}\p{{N}}_])")
#: What only people do, said right after the name of who does it.
_PEOPLES_VERBS = (
    "shouted", "yelled", "screamed", "whispered", "laughed", "smiled", "cried", "sighed",
    "married", "divorced", "kissed", "hugged", "apologi[sz]ed", "began[ ]writing",
    "grew[ ]up", "was[ ]born", "lives[ ](?:at|in)", "lived[ ](?:at|in)",
    "(?:had|has)[ ]given", "is[ ]from", "will[ ]be[ ]talking",
    # what someone says, wants or feels, and to whom (`Ebere wants to`, `Ida told me`)
    "said[ ](?:that|she|he|they|i|we|it|to)", "says[ ](?:that|she|he|they|i|we|it)",
    "(?:told|asked|texted|emailed|called|phoned|messaged)[ ](?:me|us|him|her|them|my|our)",
    "wants[ ]to", "wanted[ ]to", "(?:thinks|thought|feels|felt)[ ](?:that|she|he|i|we|they)",
    "(?:loves|misses|hates)[ ](?:me|us|him|her|them|my|our|his|her|their)",
    "lives[ ]with", "lived[ ]with", "is[ ]my", "was[ ]my")
_PERSON_SUBJECT = regex.compile(rf"(?:^|(?<=[.!?:;][ ]|\n))({_NAME_WORD}{_MORE_NAME})[ ]"
                                rf"(?i:{'|'.join(_PEOPLES_VERBS)})\b", regex.MULTILINE)
# A person named for a part people play in an account or a case: `add Irenke Sörös as
# a beneficiary`, `Ilse Berg as my emergency contact`.
_AS_ROLE = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}_])({_NAME_WORD}{_MORE_NAME})[ ]as[ ](?:an?|my|our|the|his|her|their)[ ]"
    r"(?:beneficiary|guardian|co-?signer|trustee|executor|executrix|dependa?ent|witness|"
    r"referee|reference|proxy|caregiver|next[ ]of[ ]kin|emergency[ ]contact|authori[sz]ed[ ]"
    r"user|joint[ ]holder|power[ ]of[ ]attorney)\b")
# A person's full name, then where they work: `of` or `from` and a name ending in a
# company word (`Ilkka Vähä of Northwind Haulage Ltd`, `Ada Obi from 3 Arches Inc`).
_OF_COMPANY = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}_])({_NAME_WORD}(?:[ ]\p{{Lu}}\.?)?[ ]{_NAME_WORD})[ ](?:of|from)[ ]"
    r"(?:\d+[ ])?(?:\p{Lu}[\p{L}&'’.-]*[ ]){0,3}(?:Inc|LLC|Ltd|Corp|Co|GmbH|AG|PLC|LLP|"
    r"Solutions|Technologies|Group|Holdings|Partners|Associates|Systems|Labs|Consulting|"
    r"Analytics|Research|Services)\b")
#: How far before its `as` the name of `_AS_ROLE` is looked for.
_AS_REACH = 60
#: Every role of `_AS_ROLE` holds one of these, for a quick test before it is tried.
_ROLE_STEMS = ("beneficiar", "guardian", "signer", "trustee", "executor", "executrix",
               "dependent", "dependant", "witness", "referee", "reference", "proxy",
               "caregiver", "next of kin", "emergency contact", "authori", "joint holder",
               "power of attorney")
#: The company words of `_OF_COMPANY`, as whole words: it is tried only before them.
_COMPANY_WORD = re.compile(" " + trie((
    "Inc", "LLC", "Ltd", "Corp", "Co", "GmbH", "AG", "PLC", "LLP", "Solutions", "Technologies",
    "Group", "Holdings", "Partners", "Associates", "Systems", "Labs", "Consulting",
    "Analytics", "Research", "Services")) + r"(?![^\W\d_])")
_AS = re.compile(" as(?= )")  # the blank after it left to the next ` as`
#: How far from its ` as ` a role's stem can end: ` as `, the longest word between
#: (`their `), the prefix a stem may follow (`co-`), the longest stem.
_ROLE_AFTER_AS = len(" as their co-") + max(map(len, _ROLE_STEMS))


def _role_after_as(text: str, lowered: str) -> bool:
    """Whether a role's stem stands right after one of the text's ` as ` (`lowered`:
    its lower case): every `_AS_ROLE` match holds one there, so where none does there is
    no match to look for (`str.find` on a few short windows, not 18 on the whole text)."""
    if len(lowered) != len(text):  # lower case moved an offset (`İ`): the whole text
        return " as " in text and any(role in lowered for role in _ROLE_STEMS)
    at = text.find(" as ")
    while at >= 0:
        window = lowered[at:at + _ROLE_AFTER_AS]
        if any(role in window for role in _ROLE_STEMS):
            return True
        at = text.find(" as ", at + 1)
    return False
#: How far before its company word a person's name and `of` are looked for.
_COMPANY_REACH = 120
def _plain_word(word: str, not_names: Collection[str]) -> bool:
    key = word.casefold()
    return key not in COMMON_WORDS and key not in EPONYMS and key not in not_names


def _english_or_plural(word: str, lists: NameLists) -> bool:
    """Whether no name list knows `word` and English does, in any inflection: a closing
    signed by `Maintainers` or a greeting to `Reviewers` names a group, not a person."""
    key = word.casefold()
    nouns, others = nouns_and_other_words()
    return key not in lists.kinds and (inflected_from(key, nouns) or inflected_from(
        key, others))


def _unlisted_english(word: str, lists: NameLists) -> bool:
    """Whether no name list knows `word` and English does: `sent Clot to the lab` sends a
    thing; `sent Marit to` a person, whom a list knows or English does not."""
    key = word.casefold()
    nouns, others = nouns_and_other_words()
    return key not in lists.kinds and (key in nouns or key in others)


def enumerated_names(text: str, lists: NameLists, not_names: frozenset[str]
                     ) -> Iterator[tuple[int, int]]:
    """The items of enumerations of given names (`Oskar, Lena, Tove and Pim`): three or
    more single words, all capitalised or all lower case, none a common word, most
    known as given names (all of them, in lower case)."""
    if ", " not in text:
        return
    kinds = lists.kinds
    for match in _enumerations(text):
        items = list(_ENUMERATED_ITEM.finditer(match.group()))
        words = [item.group() for item in items]
        lower = all(w.islower() for w in words)
        if len(words) < 3 or not (lower or all(w[0].isupper() and w[1:].islower()
                                                for w in words)):
            continue
        if not all(_plain_word(w, ()) for w in words):
            continue
        given = sum(kinds.get(w.casefold(), "") in ("G", "N") and _plain_word(w, not_names)
                    for w in words)
        if given < len(words) * (_KNOWN_SHARE_LOWER if lower else _KNOWN_SHARE):
            continue  # `adam` beside `silvana, christopher` is a name; alone, an optimiser
        if len(words) == 3 and (any(kinds.get(w.casefold(), "") not in ("G", "N")
                                    for w in words) or "G" not in (
                kinds.get(w.casefold(), "") for w in words)):
            continue  # `Owens, Duran and Oneal`: a firm is named after three partners

        base = match.start()
        for item in items:
            yield base + item.start(), base + item.end()
    yield from _bare_lists(text, lists, not_names)


# `Team: Desiree, Nathan, Shaun`: three or more capitalised words and commas alone, a
# line's or sentence's end after them (no `and`: a list of things as often). Read back
# from the end of each line that holds two commas and a blank.
_BARE_ITEM = re.compile(r"[^\W\d_]{2,}")
_LINE_FINAL_ITEM = re.compile(r", ([^\W\d_]{2,})[.!?]?[ \t\r]*(?:\n|\Z)")
#: At most this many items make a list read this way.
_BARE_LIST_MOST = 8
#: At most this many items of a list without `and` may be English words (`Jack`).
_BARE_LIST_ENGLISH = 1


def _bare_lists(text: str, lists: NameLists, not_names: Collection[str]
                ) -> Iterator[tuple[int, int]]:
    """The items of comma lists without `and` that are known given names (all but one,
    which is no English word nor a surname), capitalised, at most one an English word
    and none a place (`Paris, Florence, Victoria`): a list
    of things names things English or a map knows (`Rose, Lily, Iris`)."""
    if text.count(", ") < 2:
        return
    kinds = lists.kinds
    nouns, others = nouns_and_other_words()
    for at, words in _comma_lists_ending_lines(text):
        if not all(w[0].isupper() and w[1:].islower() and _plain_word(w, not_names)
                   for w in words):
            continue
        given = sum(kinds.get(w.casefold(), "") in ("G", "N") for w in words)
        if given < len(words) - 1:
            continue  # one unlisted name (`Tobiah`) among listed ones is a name too
        english = sum(w.casefold() in nouns or inflected_from(w.casefold(), others)
                      for w in words)
        unlisted_english = any(kinds.get(w.casefold(), "") not in ("G", "N") and (
            w.casefold() in nouns or inflected_from(w.casefold(), others) or english_ending(w)
            or w.casefold() in kinds) for w in words)
        if english > _BARE_LIST_ENGLISH or unlisted_english or any(
                is_place_name(w) for w in words):
            continue
        for word in words:
            yield at, at + len(word)
            at += len(word) + 2


def _comma_lists_ending_lines(text: str) -> Iterator[tuple[int, list[str]]]:
    """(start, words) of each run of two or more `word, ` and a last word that ends a
    line (a final `.`, `!` or `?` and blanks left out), no letter or `, ` before it:
    read back from each `, word` that ends a line, which `re` finds in one pass."""
    for tail in _LINE_FINAL_ITEM.finditer(text):
        line_start = text.rfind("\n", 0, tail.start()) + 1
        words = [tail.group(1)]
        at = tail.start()
        while len(words) <= _BARE_LIST_MOST:
            word_start = at
            while word_start > line_start and text[word_start - 1].isalpha():
                word_start -= 1
            if not _BARE_ITEM.fullmatch(text, word_start, at):
                break
            words.append(text[word_start:at])
            at = word_start
            if text[at - 2:at] != ", " or at - 2 < line_start:
                break
            at -= 2
        if 3 <= len(words) <= _BARE_LIST_MOST and not (
                text[at - 1:at].isalnum() or text[at - 1:at] in "@./'’-_" and at > line_start
                or text[at - 2:at] == ", "):
            yield at, words[::-1]


def _enumerations(text: str) -> Iterator[regex.Match[str]]:
    """`_ENUMERATION.finditer(text)`, tried only where `re` finds `, word … and ` (its
    literal start is found many times faster than `regex` tries every position)."""
    at = 0
    while (quick := _ENUMERATION_QUICK.search(text, at)) is not None:
        start = _list_start(text, quick.start())
        match = _ENUMERATION.match(text, start) if start < quick.start() else None
        if match is not None:
            yield match
            at = match.end()
        else:
            at = quick.start() + 2


def _list_start(text: str, comma: int) -> int:
    """Where the list whose `comma` `_ENUMERATION_QUICK` found begins: back over each
    `word, ` before it, to its first word."""
    start = comma
    while True:
        while start > 0 and (text[start - 1].isalpha() or text[start - 1] in "'’-"):
            start -= 1
        if start >= 3 and text[start - 2:start] == ", " and text[start - 3].isalpha():
            start -= 2
            continue
        return start


#: A pattern read by `_anchored` reaches its capitalised name within this many characters.
_CAPITAL_REACH = 24


def _anchored(words: tuple[str, ...], pattern: regex.Pattern[str], text: str,
              lowered: str, hits: Sequence[tuple[int, str]]) -> list[regex.Match[str]]:
    """The matches of `pattern` that start at one of its leading `words` (lower case,
    whole words, a capital letter soon after: every such pattern ends in a capitalised
    name), taken from `hits` (`_anchor_hits`): `regex` is asked at those few places only,
    not at every character. `lowered` is `text.lower()`."""
    if len(lowered) != len(text):  # lower case changed an offset (`İ`): read it all
        return list(pattern.finditer(text))
    starts: set[int] = set()
    for at, end in _hits_of(words, hits):
        if not (text[at - 1:at].isalpha() or text[end:end + 1].isalpha()) and (
                text[end:end + _CAPITAL_REACH] != lowered[end:end + _CAPITAL_REACH]):
            starts.add(at)  # a whole word (`hi`, not of `this`), a capital after it
    found = [m for m in (pattern.match(text, at) for at in sorted(starts)) if m is not None]
    return [m for i, m in enumerate(found) if not i or m.start() >= found[i - 1].end()]


def _anchor_hits(haystack: str) -> list[tuple[int, str]]:
    """Where the anchor words of the prose and note readers stand in `haystack` (a text
    in lower case), each with the longest one found there: one pass of one pattern for
    every reader, not one `str.find` per word. Only where no letter stands before: every
    reader wants whole words, and `re` skips to such places in C rather than trying the
    words at every letter (no anchor word holds another but at its start or after a
    letter, where no whole word starts)."""
    first = _ANCHOR_WORDS.match(haystack)
    hits = [(0, first.group())] if first is not None else []
    hits += [(m.start(1), m.group(1)) for m in _ANCHOR_AFTER_NON_LETTER.finditer(haystack)]
    return hits


def _hits_of(words: tuple[str, ...], hits: Sequence[tuple[int, str]]
             ) -> Iterator[tuple[int, int]]:
    """(start, end) of the longest of `words` at each of `hits`: a word found where a
    longer anchor word starting with it was (`had` of `had given`)."""
    table = _LONGEST_START.get(words)
    for at, found in hits:
        longest = table.get(found) if table is not None else None
        if longest is None:
            longest = _longest_start(words, found)
        if longest:
            yield at, at + longest


def _longest_start(words: tuple[str, ...], found: str) -> int:
    """The length of the longest of `words` that `found` starts with (0: none)."""
    return max((len(word) for word in words if found.startswith(word)), default=0)


def _ending_near(words: re.Pattern[str], pattern: regex.Pattern[str], text: str,
                 reach: int, after: int = 12) -> list[regex.Match[str]]:
    """The matches of `pattern` that end at one of `words` (a pattern of whole words,
    found in one pass over `text`), searched only in the `reach` characters before (and
    `after` characters past the word)."""
    spans: dict[tuple[int, int], regex.Match[str]] = {}
    for word in words.finditer(text):
        at, end = word.span()
        match = pattern.search(text, max(0, at - reach), min(len(text), end + after))
        if match is not None:
            spans.setdefault(match.span(), match)
    return [spans[span] for span in sorted(spans)]


def _vocatives(text: str) -> Iterator[regex.Match[str]]:
    """`_VOCATIVE`'s matches, read back from each `!` and `?` (few) rather than tried at
    every character."""
    for mark in ("!", "?"):
        at = text.find(mark)
        while at >= 0:
            match = _VOCATIVE.search(text, max(0, at - _VOCATIVE_REACH), at + 1)
            if match is not None:
                yield match
            at = text.find(mark, at + 1)


# `Enjoy, Sarah.`, `Cool clock, Ahmed.`: a capitalised word closing a sentence after a
# comma (the prefix `, ` lets `re` skip to each comma).
_CLOSING_VOCATIVE = re.compile(r", ([^\W\d_][^\W\d_]+)\.(?=\s|\Z)")


def _closing_vocatives(text: str, lists: NameLists, not_names: Collection[str]
                       ) -> Iterator[tuple[int, int]]:
    """A listed given name that closes a sentence after a comma, as one speaks to
    someone (`Thanks for the video, Lily.`): the word before the comma in lower case or
    a number, or the sentence's first word (`Enjoy, Sarah.`), not a list of capitalised
    things (`Paris, Texas.`, `SGD, Adam.`); no place, no word English uses as a verb or
    an adjective (`Fine, Will.`)."""
    if ", " not in text:
        return
    kinds = lists.kinds
    others = nouns_and_other_words()[1]
    for match in _CLOSING_VOCATIVE.finditer(text):
        word = match.group(1)
        key = word.casefold()
        if not word[0].isupper() or not word[1:].islower() or kinds.get(
                key, "").upper() not in ("G", "N") or not _plain_word(word, not_names) or (
                key in others or is_place_name(word)):
            continue
        before = text[max(0, match.start() - 40):match.start()]
        last = before.split()[-1] if before.split() else ""
        if not last or not (last[0].islower() or last[-1].isdigit() or (
                len(before) - len(last) == before.rfind(last) and _opens_here(before, last))):
            continue
        yield match.span(1)


def _opens_here(before: str, last: str) -> bool:
    """Whether `last`, the last word of `before`, opens its sentence: a stop, a line
    break or nothing before it."""
    head = before[:len(before) - len(last)].rstrip(" \t")
    return not head or head[-1] in ".!?\n"


def addressed_names(text: str, lists: NameLists, not_names: frozenset[str],
                    hits: Sequence[tuple[int, str]] | None = None,
                    lowered: str | None = None) -> Iterator[tuple[int, int]]:
    """Names a message speaks to: after a greeting (any capitalised word that is no
    common word), or a known given name closing a sentence after a comma (`…, Roy!`).
    `hits`: `prose_anchors`; `lowered`: text.lower(), when the caller has it."""
    kinds = lists.kinds
    lowered = lowered_of(text) if lowered is None else lowered
    hits = hits if hits is not None else prose_anchors(text, lowered)
    for match in _anchored(_GREETING_WORDS, _GREETING, text, lowered, hits):
        word = match.group(1)
        if word.casefold() in _GREETED_THINGS or not _plain_word(word, not_names) or (
                _english_or_plural(word, lists)):
            continue  # `Dear Reviewers`, `Hi Maintainers`: people, but no one's name
        if match.group().lower().startswith(_PERSONAL_GREETINGS) or kinds.get(
                word.casefold()):
            yield match.span(1)  # `Congrats Nvidia!`: praise and thanks go to firms too
    for match in _vocatives(text):
        word = match.group(1)
        if kinds.get(word.casefold(), "").upper() in ("G", "N") and word.casefold() not in (
                not_names):  # `Good job, Mark!`: a name that is also a word, spoken to
            yield match.span(1)
    yield from _closing_vocatives(text, lists, not_names)


def person_words(text: str, lists: NameLists, not_names: Collection[str],
                 hits: Sequence[tuple[int, str]] | None = None,
                 lowered: str | None = None) -> Iterator[tuple[int, int]]:
    """Names as who does or undergoes what only people do: the object of `shouted at`,
    `married`, `starring`, `had given … his`; the subject of `shouted`, `was born`,
    `began writing` at a sentence's start. Known to no list, they are names all the
    same: the verb says so. In lower case, a listed given name or a verb that takes
    only people (`eva kleist lives at`, `cormac shouted`). `hits`: `prose_anchors`;
    `lowered`: text.lower(), when the caller has it."""
    lowered = lowered_of(text) if lowered is None else lowered
    hits = hits if hits is not None else prose_anchors(text, lowered)
    if _role_after_as(text, lowered):
        for match in _ending_near(_AS, _AS_ROLE, text, _AS_REACH, _AS_REACH + 1):
            if _plain_word(match.group(1).split()[0], not_names):
                yield match.span(1)
    if " of " in text or " from " in text:
        for match in _ending_near(_COMPANY_WORD, _OF_COMPANY, text, _COMPANY_REACH):
            if all(_plain_word(word, not_names) for word in match.group(1).split()):
                yield match.span(1)
    verbs = _OBJECT_VERBS + (("had", "has", "have") if "given" in lowered else ())
    for match in _anchored(verbs, _PERSON_OBJECT, text, lowered, hits):
        group = 1 if match.group(1) else 2
        if _plain_word(match.group(group), not_names) and not (
                group == 2 and _unlisted_english(match.group(2), lists)):
            yield match.span(group)
    for given in name_giving_ends(text, lowered):
        match = _GIVEN_NAME.match(text, given)
        if match is not None and match.group(1).casefold() not in COMMON_WORDS:
            yield match.span(1)  # `Clark`, `Key`: a name here, whatever else it names
    for start in _sentence_starts(_SUBJECT_VERBS, text, hits):
        first = text[start:start + 1]
        match = _PERSON_SUBJECT.match(text, start) if first.isupper() else None
        if match is not None:
            words = match.group(1).split()
            lead = 0  # `Then Marguerite told me`: a sentence's first word opens, names no one
            while lead < len(words) - 1 and words[lead].casefold() in _SENTENCE_OPENERS:
                lead += 1
            if words[lead].casefold() not in _SENTENCE_OPENERS and all(
                    _plain_word(word, not_names) for word in words[lead:]):
                yield match.start(1) + match.group(1).index(words[lead]), match.end(1)
            continue
        match = _LOWER_PERSON_SUBJECT.match(text, start) if not first.isupper() else None
        if match is not None:
            words = match.group(1).split()
            if words[0] not in _SENTENCE_OPENERS and all(
                    _plain_word(word, not_names) for word in words) and (
                    lists.kinds.get(words[0], "") in ("G", "N") or match.group(2)):
                yield match.span(1)
    yield from _introduced_names(text, lists, not_names)


# `Hi. I'm Miyuki.`, `I am Oyelaran, the new nurse`: who a speaker says they are, the
# name closing the clause.
_INTRODUCED = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}_])(?:I['’]m|I[ ]am)[ ]({_NAME_WORD}(?:[ ]{_NAME_WORD})?)"
    r"(?=[ ]?[,.!?;:]|[ ](?:and|from|here|btw|lol)\b|[ \t]*$)", regex.MULTILINE)


def _introduced_names(text: str, lists: NameLists, not_names: Collection[str]
                      ) -> Iterator[tuple[int, int]]:
    """The name a speaker introduces themselves by (`I'm Miyuki.`): each word a name list's
    given or surname, or a word no list, English or map knows (`I am Groot`); no word
    English uses as anything else (`I'm Canadian`, `I'm Ready`, `I'm Sunny`), no
    software (`I'm Julia` is a name only to a list), no pair of eponyms (`I am
    Kolmogorov-Smirnov`)."""
    if "I'm " not in text and "I am " not in text and "I’m " not in text:
        return
    nouns, others = nouns_and_other_words()
    kinds = lists.kinds
    for match in _INTRODUCED.finditer(text):
        words = match.group(1).split()
        if all(_introduced_word(word, kinds, nouns, others, not_names) for word in words):
            yield match.span(1)


def _introduced_word(word: str, kinds: dict[str, str], nouns: Collection[str],
                     others: Collection[str], not_names: Collection[str]) -> bool:
    key = word.casefold()
    if len(key) < 3 or not _plain_word(word, not_names) or key in others or (
            is_place_name(word)):
        return False
    parts = key.split("-")
    if len(parts) > 1 and all(part in EPONYMS for part in parts):
        return False  # `I am Kolmogorov-Smirnov`: a test named after its makers
    return kinds.get(key, "").upper() in ("G", "S", "N") or not (
        key in nouns or english_ending(word))


#: What ends a sentence or a clause before a subject, with the blank after it.
_SENTENCE_BREAKS = (". ", "! ", "? ", ": ", "; ")


def _sentence_starts(words: tuple[str, ...], text: str, hits: Sequence[tuple[int, str]]
                     ) -> list[int]:
    """Where the sentences start that hold one of `words` (lower case; among `hits`)
    within `_SUBJECT_REACH` characters of their start: the line's start or the character
    after the last break before the word, found by `str.rfind`."""
    starts: set[int] = set()
    for at, _ in _hits_of(words, hits):
        low = max(0, at - _SUBJECT_REACH)
        breaks = (text.rfind(stop, low, at) for stop in _SENTENCE_BREAKS)
        start = max(text.rfind("\n", low, at) + 1, low,
                    *(found + 2 for found in breaks if found >= 0))
        starts.add(start)
    return sorted(starts)


# The same in lower case at a line's start; group 2 holds the verbs no thing takes.
_LOWER_PERSON_SUBJECT = regex.compile(
    r"^[ \t]*(\p{Ll}[\p{Ll}\p{M}'’-]+(?:[ ]\p{Ll}[\p{Ll}\p{M}'’-]+)?)[ ](?:"
    r"(shouted|yelled|screamed|whispered|married|divorced|kissed|hugged|apologi[sz]ed|"
    r"began[ ]writing|grew[ ]up|was[ ]born|(?:had|has)[ ]given)|lives[ ](?:at|in)|"
    r"lived[ ](?:at|in)|is[ ]from|will[ ]be[ ]talking)\b",
    regex.MULTILINE)
#: How far before its verb a sentence's subject is looked for.
_SUBJECT_REACH = 80
#: Every verb of `_PERSON_SUBJECT` and `_LOWER_PERSON_SUBJECT` holds one of these.
_SUBJECT_VERBS = ("shouted", "yelled", "screamed", "whispered", "laughed", "smiled", "cried",
                  "sighed", "married", "divorced", "kissed", "hugged", "apologi",
                  "began writing", "grew up", "was born", "lives ", "lived ", "had given",
                  "has given", "is from", "be talking", "said ", "says ", "told ", "asked ",
                  "texted ", "emailed ", "called ", "phoned ", "messaged ", "wants to",
                  "wanted to", "thinks ", "thought ", "feels ", "felt ", "loves ", "misses ",
                  "hates ", "is my", "was my")


# A person met, spoken to or spent time with: `tea with Marta`, `spoke to Ebere`, `met
# Abebe`. Group 1 after words whose object is only ever a person (any word shaped like
# a name will do); group 2 after words whose object may be a thing or a place (`with`,
# `miss`, `call`): there only a name a list knows as a given name.
#: ... words then `with` or `to` (`tea with`, `spoke to`) ...
_SOCIAL_WITH = ("tea", "coffee", "lunch", "dinner", "drinks", "breakfast", "brunch",
                "moments", "chatting", "chatted", "chat", "spoke", "speaking", "talked",
                "talking", "hung out", "hanging out", "caught up", "catching up", "fell out",
                "in love")
#: ... words then `hi to` or `hello to` ...
_SOCIAL_SAY = ("said", "say", "says", "saying")
#: ... words right before the person ...
_SOCIAL_PERSON = ("met up with", "met", "hugged", "texted", "emailed", "messaged",
                  "invited", "dating")
#: ... and words whose object may be a thing (group 2: a listed given name only).
_SOCIAL_MAYBE = ("with", "meet", "meeting", "miss", "missed", "missing", "love", "loved",
                 "call", "calling", "ask", "tell", "invite", "hug", "thank", "saw", "see",
                 "seen", "seeing")


def _alternatives(phrases: tuple[str, ...]) -> str:
    """`phrases` as alternatives of a pattern, their blanks as `[ ]`."""
    return "|".join(phrase.replace(" ", "[ ]") for phrase in phrases)


_SOCIAL_OBJECT = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}_])(?:(?i:(?:{_alternatives(_SOCIAL_WITH)})[ ](?:with|to)|"
    rf"(?:{_alternatives(_SOCIAL_SAY)})[ ](?:hi|hello)[ ]to|{_alternatives(_SOCIAL_PERSON)})[ ]"
    rf"({_NAME_WORD}{_MORE_NAME})"
    rf"|(?i:{_alternatives(_SOCIAL_MAYBE)})[ ]"
    rf"({_NAME_WORD}))(?![\p{{L}}\p{{N}}_]|['’]s\b|[ ]\p{{Lu}}|[ ]?\(|\.[\p{{L}}_])")
#: A word after the person of `_SOCIAL_OBJECT`, if any, is one of these or a time: a
#: noun after the name makes it a thing's (`with Beta priors`, `Cooper pairs`).
_AFTER_SOCIAL_OBJECT = FUNCTION_WORDS | frozenset("""
yesterday today tonight tomorrow last next later earlier this morning afternoon evening
night week weekend soon lol haha xx xo
""".split())
_NEXT_WORD = re.compile(r"[ ]([^\W\d_]+)")
#: The words `_SOCIAL_OBJECT` starts with: each phrase's first word (`in love` whole:
#: `in` would be tried everywhere).
_SOCIAL_WORDS = tuple(dict.fromkeys(
    phrase if phrase.split()[0] in FUNCTION_WORDS else phrase.split()[0]
    for phrase in _SOCIAL_WITH + _SOCIAL_SAY + _SOCIAL_PERSON + _SOCIAL_MAYBE))
# A name spoken to at a sentence's start: `Kenny, you need to`, `Kelsey you should`.
#: What follows a name spoken to after a blank ...
_ADDRESS_AFTER_BLANK = ("you", "your", "you're", "please")
#: ... and after a comma.
_ADDRESS_AFTER_COMMA = (*_ADDRESS_AFTER_BLANK, "pls", "thanks", "thank you", "stop", "come",
                        "look", "listen", "congrats", "congratulations", "happy", "keep")
_ADDRESS_START = regex.compile(
    rf"({_NAME_WORD})(?:[ ]?,[ ]?(?i:{_alternatives(_ADDRESS_AFTER_COMMA)})|"
    rf"[ ](?i:{_alternatives(_ADDRESS_AFTER_BLANK)}))(?![\p{{L}}\p{{N}}_'’])")
#: The words after the name, less those another one starts (`you` for `your`).
_ADDRESS_WORDS = tuple(word for word in _ADDRESS_AFTER_COMMA if not any(
    other != word and word.startswith(other) for other in _ADDRESS_AFTER_COMMA))
# ... found back from the word after it: a capitalised word opening a sentence, right
# before that word (`_ADDRESS_START` then reads both).
_ADDRESSED_BEFORE = regex.compile(
    rf"(?:^|(?<=[.!?:;][ ]|\n))({_NAME_WORD})(?:[ ]?,[ ]?|[ ])$", regex.MULTILINE)
#: How far before the word after it the name spoken to is looked for.
_ADDRESS_REACH = 40
# A name spoken to inside a sentence that speaks to someone, between a lower-case word's
# comma and a comma or the sentence's end: `I love your voice, Kate, and`, `Enjoy, Sarah.`
_ADDRESS_INSIDE = re.compile(r"(?<=[a-z], )([A-Z][a-z]+)(?=,[ ][a-z]|[ ]?[.!?](?:\s|$))")
_SECOND_PERSON = re.compile(r"\b(?:[Yy]ou|[Yy]our|[Yy]ou're|[Yy]ourself)\b")
# Who signs a message: a closing, then the name on its own line (`Thanks,\nTomasz`,
# `Best,\n- Ada Obi`).
_CLOSINGS = ("thanks", "thank you", "many thanks", "cheers", "best", "best wishes", "regards",
             "kind regards", "best regards", "warm regards", "sincerely", "yours", "love",
             "xoxo", "take care", "talk soon")
_SIGN_OFF = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}_])(?i:{_alternatives(_CLOSINGS)})[ ]?[,!.]?[ \t]*\r?\n[ \t]*[-–—~]?[ ]?"
    rf"({_NAME_WORD}(?:[ ]{_NAME_WORD})?)[ \t]*(?:\r?\n|$)")
#: The closings' last words, each no other's end (`regards` for `kind regards`).
_SIGN_OFF_WORDS = tuple(closing for closing in _CLOSINGS if not any(
    closing != other and closing.endswith(" " + other) for other in _CLOSINGS))
#: How far before a line break its closing is looked for.
_CLOSING_REACH = 16
# ... or a dash and a given name closing a message after its last sentence: `See you
# there! - Damien`, `Great work.\n— Ines`.
_DASH_SIGNATURE = regex.compile(
    r"(?:[.!?\"”)][ ]*|\n[ \t]*|(?i:thanks|cheers|regards|love|best)[ ]?,?[ ]*)[-–—~][ ]?"
    rf"({_NAME_WORD}(?:[ ]{_NAME_WORD})?)\s*\Z")
#: How far from a text's end a dash signature is looked for.
_SIGNATURE_REACH = 60
# Who writes a post, named before a colon at its head, then speaks of themself: `Mila: I
# have been`, `Haley : From filing papers to my kids`.
_POST_AUTHOR = regex.compile(rf"\A[ \t]*({_NAME_WORD})[ ]?:[ ][^\n]{{0,80}}?"
                             r"(?<![\p{L}'’])(?:I|I'm|I’m|I've|I’ve|my|me|we|our)(?![\p{L}'’])")
# Given names joined, sharing the surname after the last: `Shawn & Lisa Johnson`.
_GIVEN_PAIR = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}_])({_NAME_WORD})[ ](?:&|and)[ ]({_NAME_WORD})[ ]({_NAME_WORD})"
    r"(?![\p{L}\p{N}_])")
_PAIR_JOINS = (" & ", " and ")


# A party to a case, named where the text says which part they play: `the applicant,
# Ilkka Vähä,`, `Ilkka Vähä ("the applicant")`.
_PARTIES = "|".join((*CASE_PARTIES, "respondent", "deceased", "testator", "victim", "witness",
                     "intervener", "tenant", "landlord", "employee", "employer", "insured",
                     "beneficiary"))
_PARTY_BEFORE = regex.compile(
    rf"(?i:the[ ](?:first[ ]|second[ ]|third[ ])?(?:{_PARTIES}))s?[ ]?,[ ]"
    rf"({_NAME_WORD}{_MORE_NAME}),")
_PARTY_AFTER = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}_])({_NAME_WORD}{_MORE_NAME}),?[ ]\([“\"'‘]?(?i:the[ ]"
    rf"(?:first[ ]|second[ ]|third[ ])?(?:{_PARTIES}))")
#: How far before its bracket the name of `_PARTY_AFTER` is looked for.
_PARTY_REACH = 60
# A title and initials, the surname after them if any: `Mr M. N. Eldem`, `Ms A.-M.
# Mendiboure`, `Mr F.L.` (the name readers take one initial before a surname).
_CASE_TITLES = tuple(title.capitalize() for title in (
    *HONORIFICS, "mme", "mlle", "prof", "messrs", "judge", "justice"))
_TITLED_INITIALS = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}_])(?:{'|'.join(_CASE_TITLES)})\.?[ ]"
    r"((?:\p{Lu}\p{Ll}?\.(?:-\p{Lu}\.)?[ ]?){1,3}"
    rf"(?:(?<=[ ]){_NAME_WORD}|(?<=\.\p{{Lu}}\.[ ]?)))")
#: The titles of `_TITLED_INITIALS` that hold no other at their start (`Mr` finds `Mrs`) ...
_INITIAL_TITLES = tuple(title for title in _CASE_TITLES if not any(
    other != title and title.startswith(other) for other in _CASE_TITLES))
#: ... found in one pass: each is one capital and lower-case letters, so no two
#: occurrences overlap and `re` skips to the capitals they start with.
_INITIAL_TITLE = re.compile(trie(_INITIAL_TITLES))
#: ... and what follows them there: a capital and a period soon after.
_INITIAL_AFTER_TITLE = re.compile(r"[a-z]*\.? [A-Z][a-z]?\.")


def case_names(text: str, lowered: str | None = None) -> Iterator[tuple[int, int]]:
    """Names in a case or a report: a party named where its part is said (`the
    applicant, Olu Obasa,`, `Olu Obasa ("the applicant")`), and a title before several
    initials (`Mr M. N. Eldem`, `Mr F.L.`). The words of a party's name must not be
    English ones (`the applicant, Mr Smith`'s title is found by the name readers)."""
    lowered = lowered_of(text) if lowered is None else lowered
    if len(lowered) != len(text):  # lower case moved an offset (`İ`): keep each in place
        lowered = lowered_in_place_of(text)
    for opening in _PART_OPENINGS:  # a bracket opening `the` (a quote between)
        at = lowered.find(opening)
        while at >= 0:
            match = _PARTY_AFTER.search(text, max(0, at - _PARTY_REACH), at + 40)
            if match is not None and _shaped_words(match.group(1).split()):
                yield match.span(1)
            at = lowered.find(opening, at + 1)
    if ", " in text:
        for match in _PARTY_BEFORE.finditer(text):
            if _shaped_words(match.group(1).split()):
                yield match.span(1)
    places: dict[str, list[int]] = {}  # each title's places, read in the titles' order
    for found in _INITIAL_TITLE.finditer(text):
        places.setdefault(found.group(), []).append(found.start())
    for title in _INITIAL_TITLES:
        for at in places.get(title, ()):
            match = _TITLED_INITIALS.match(text, at) if _INITIAL_AFTER_TITLE.match(
                text, at + len(title)) else None
            if match is not None:
                yield match.start(1), match.end(1) - (match.group(1)[-1] == " ")


_PART_OPENINGS = ("(the ", "(“the ", '("the ', "('the ", "(‘the ")


def _shaped_words(words: list[str]) -> bool:
    """No common, English-looking or software word among `words`."""
    return all(w.casefold() not in COMMON_WORDS and w.casefold() not in EPONYMS
               and not english_ending(w) for w in words) and not all(
        w.casefold() in nouns_and_other_words()[0] or w.casefold() in nouns_and_other_words()[1]
        for w in words)


# Who a person is to the one speaking, right after the name: `Ifeoma, my roommate`.
_NAME_THEN_RELATION = regex.compile(
    rf"({_NAME_WORD}),?[ ](?:is[ ]|was[ ])?(?:my|our)[ ](?:best[ ]|old[ ]|dear[ ])?"
    rf"(?:{'|'.join(RELATIVES)}|friend|roommate|flatmate|housemate|neighbou?r|colleague|"
    r"coworker|co-worker|boss|girlfriend|boyfriend|fianc[ée]e?|classmate|teacher|"
    r"landlord|landlady|partner|buddy|bestie|babysitter|nanny|tutor|coach)s?\b")
_RELATION_WORDS = (" my ", " our ")
#: The relation after `my` or `our` (lower case), looked for before the name is.
_RELATION_AFTER = re.compile(
    r"(?:best |old |dear )?(?:" + "|".join(RELATIVES) + r"|friend|roommate|flatmate|"
    r"housemate|neighbou?r|colleague|coworker|co-worker|boss|girlfriend|boyfriend|"
    r"classmate|teacher|landlord|landlady|partner|buddy|bestie|babysitter|nanny|tutor|"
    r"coach)")
#: How far before its `my` or `our` the name of `_NAME_THEN_RELATION` is looked for.
_RELATION_NAME_REACH = 30


def social_names(text: str, lists: NameLists, not_names: Collection[str],
                 hits: Sequence[tuple[int, str]] | None = None,
                 lowered: str | None = None) -> Iterator[tuple[int, int]]:
    """Names in a message about the people one meets, speaks to and signs to: the
    object of `tea with`, `spoke to`, `met` (any word shaped like a name), or of `with`,
    `miss`, `call` (a listed given name); a listed given name spoken to at a sentence's
    start or inside a sentence that says `you`; who signs after a closing or a dash;
    who a person is to the writer (`Ifeoma, my roommate`). `hits`: `prose_anchors`."""
    lowered = lowered_of(text) if lowered is None else lowered
    hits = hits if hits is not None else prose_anchors(text, lowered)
    kinds = lists.kinds

    def given(word: str) -> bool:
        return kinds.get(word.casefold(), "") in ("G", "N") and _plain_word(word, not_names)

    def shaped(words: list[str]) -> bool:  # a name by its shape: no word English knows
        return all(_plain_word(w, not_names) and not english_ending(w) and (
            given(w) or not _unlisted_english(w, lists)) for w in words)

    def _signed(words: list[str]) -> bool:  # `Tomasz`, `Ada Obi`; not `Maintainers`, `Acme`
        return shaped(words) and not any(_english_or_plural(w, lists) for w in words) and (
            given(words[0]) if len(words) == 1 else _COMPANY_WORD.search(
                " " + " ".join(words)) is None)

    for match in _anchored(_SOCIAL_WORDS, _SOCIAL_OBJECT, text, lowered, hits):
        after = _NEXT_WORD.match(text, match.end())
        if after is not None and after.group(1).islower() and (
                after.group(1) not in _AFTER_SOCIAL_OBJECT):
            continue
        if match.group(1) and shaped(match.group(1).split()):
            yield match.span(1)
        elif match.group(2) and given(match.group(2)):
            yield match.span(2)
    if len(lowered) != len(text):  # lower case moved an offset (`İ`): keep each in place
        lowered = lowered_in_place_of(text)
    for at, _ in _hits_of(_ADDRESS_WORDS, hits):
        before = _ADDRESSED_BEFORE.search(text, max(0, at - _ADDRESS_REACH), at) if (
            text[at - 1:at] in (" ", ",")) else None
        match = _ADDRESS_START.match(text, before.start(1)) if before is not None else None
        if match is not None and given(match.group(1)):
            yield match.span(1)
    at = text.find(", ") if "you" in lowered else -1
    while at >= 0:  # `…voice, Kate, and`: a comma after a lower-case word, a capital
        match = _ADDRESS_INSIDE.match(text, at + 2) if text[at - 1:at].islower() and (
            text[at + 2:at + 3].isupper()) else None
        if match is not None and given(match.group(1)):
            left, right = sentence_around(text, match.start(), match.end())
            if _SECOND_PERSON.search(text, left, right):
                yield match.span(1)
        at = text.find(", ", at + 1)
    at = text.find("\n") if any(word in lowered for word in _SIGN_OFF_WORDS) else -1
    while at >= 0:  # a closing ends the line before the name: read back from each break
        low = max(0, at - _CLOSING_REACH)
        head = lowered[low:at].rstrip(" \t\r,!.")
        closing = head.endswith(_SIGN_OFF_WORDS) and next(
            word for word in _SIGN_OFF_WORDS if head.endswith(word))
        match = _SIGN_OFF.match(text, low + len(head) - len(closing)) if closing else None
        if match is not None and _signed(match.group(1).split()):
            yield match.span(1)
        at = text.find("\n", at + 1)
    tail = max(0, len(text) - _SIGNATURE_REACH)
    match = _DASH_SIGNATURE.search(text, tail) if any(
        dash in text[tail:] for dash in "-–—~") else None
    if match is not None and given(match.group(1).split()[0]) and _signed(
            match.group(1).split()):
        yield match.span(1)
    match = _POST_AUTHOR.match(text) if ":" in text[:40] else None
    if match is not None and given(match.group(1)):
        yield match.span(1)
    for join in _PAIR_JOINS:
        at = text.find(join)
        while at >= 0:
            after = at + len(join)
            pair = _GIVEN_PAIR.search(text, max(0, at - 30), at + 60) if (
                text[after:after + 1].isupper() and text[at - 1:at].isalpha()) else None
            if pair is not None and pair.start(2) == at + len(join) and given(pair.group(1)) and (
                    given(pair.group(2))) and shaped([pair.group(3)]):
                yield pair.span(1)
                yield pair.start(2), pair.end(3)
            at = text.find(join, at + 1)
    if any(word in lowered for word in _RELATION_WORDS):
        for word in _RELATION_WORDS:
            at = lowered.find(word)
            while at >= 0:
                found = _NAME_THEN_RELATION.search(
                    text, max(0, at - _RELATION_NAME_REACH), at + 40) if (
                    _RELATION_AFTER.match(lowered, at + len(word))) else None
                if found is not None and shaped([found.group(1)]) and found.start() < at:
                    yield found.span(1)
                at = lowered.find(word, at + 1)


# The words each prose pattern starts with, lower case (see `_anchored`).
_GREETING_WORDS = ("hi", "hello", "hey", "hiya", "howdy", "dear", "greetings", "good",
                   "thanks", "thank", "cheers", "bye", "goodbye", "happy", "congrats",
                   "congratulations",
                   "well", "great", "welcome", "miss", "love")
_OBJECT_VERBS = ("shouted", "yelled", "screamed", "smiled", "waved", "winked", "stared",
                 "glared", "laughed", "swore", "snapped", "thanked", "married", "kissed",
                 "hugged", "divorced", "phoned", "texted", "between", "starring",
                 "featuring", "gave", "handed", "told", "showed", "sent", "asked")
#: Every word a prose reader starts from (`_anchored`, `_sentence_starts`), and the cue
#: words of the note reader (`note_names`), as one trie.
_ANCHOR_LIST = sorted(set(_GREETING_WORDS + _OBJECT_VERBS + _SUBJECT_VERBS
                          + ("had", "has", "have") + NOTE_CUE_WORDS + _SOCIAL_WORDS
                          + _ADDRESS_WORDS + OFFICE_WORDS))
#: Every word `prose_anchors` finds (`note_names` keeps a table of them).
ANCHOR_WORDS = tuple(_ANCHOR_LIST)
_ANCHOR_TRIE = trie(_ANCHOR_LIST)
_ANCHOR_WORDS = re.compile(_ANCHOR_TRIE)
#: For each reader's words, the `_longest_start` of every anchor word, worked out once:
#: a text holds many anchor hits and the readers ask about each.
_LONGEST_START = {words: {anchor: _longest_start(words, anchor) for anchor in _ANCHOR_LIST}
                  for words in (_GREETING_WORDS, _OBJECT_VERBS,
                                _OBJECT_VERBS + ("had", "has", "have"), _SUBJECT_VERBS,
                                _SOCIAL_WORDS, _ADDRESS_WORDS, OFFICE_WORDS)}
# The trie is tried only where one of its words' first letters follows: `re` tests that
# as one character set, where the trie's branches would be tried one after another at
# every blank, digit and mark (a third less time on a 2 KB text).
_ANCHOR_FIRSTS = "".join(sorted({word[0] for word in _ANCHOR_LIST}))
_ANCHOR_AFTER_NON_LETTER = re.compile(
    rf"[^a-z](?=[{re.escape(_ANCHOR_FIRSTS)}])({_ANCHOR_TRIE})")


def office_names(text: str, lists: NameLists, hits: Sequence[tuple[int, str]]
                 ) -> Iterator[tuple[int, int]]:
    """`office_titles.office_holders` at the offices among `hits` (`prose_anchors`, placed
    in `text`) that are capitalised whole words (`Senator Okafor`)."""
    starts = [at for at, end in _hits_of(OFFICE_WORDS, hits) if text[at:at + 1].isupper() and not (
        text[at - 1:at].isalpha() or text[end:end + 1].isalpha())]
    if starts:
        yield from office_holders(text, lists, starts)


def prose_anchors(text: str, lowered: str) -> list[tuple[int, str]]:
    """The anchor words of the prose readers in `text` (`lowered` its lower case), found
    once for all of them: in the lower case when offsets agree, else in `text` with its
    ASCII letters lowered (`lowered_in_place`: the offsets stay `text`'s). The scan's
    label index finds them with its labels when its text is `text` (`hits_of_labels`)."""
    hits = hits_of_labels(text, lowered, ANCHOR_WORDS)
    if hits is not None:
        return hits
    return _anchor_hits(lowered if len(lowered) == len(text) else lowered_in_place_of(text))


#: Capitalised at a sentence's start, these words are no one's name.
_SENTENCE_OPENERS = frozenset("""
the a an this that these those it he she they we i you who what which there here one
each every some many most all both no none nobody everyone someone our their his her
then and but so yesterday today tonight later now also when after before because if
maybe finally suddenly apparently anyway well oh
""".split())
