"""Where a sentence puts a person: the slot one capitalised word stands in.

A lone given name or surname (`Sigrun`, `Okonkwo`) has no title or label; what says it
is someone is where it stands: the object of a verb or phrase that takes only people
(`remind Sigrun`, `heard from Okonkwo`, `according to Yusuf`), the subject of what
people do (`Okonkwo said`, `It was Ngozi who`), beside the speaker (`Sigrun and I`).
A preposition (`to`, `from`, `with`), a plain verb after a sentence's first word
(`Dagny moved`) takes things and places as often: such a weak slot is enough only for
a word the name lists know and English does not, or with a personal pronoun after it
in the sentence (`Sigrun lost her phone`); in a sentence about medicine, where a
surname names a disease or a drug as often, it is none.
"""

from __future__ import annotations

import re
from re import _constants as _regex_constants
from re import _parser as _regex_parser

import regex

from .english_words import inflected_from, nouns_and_other_words
from .name_context import person_cue, sentence_around
from .recognizer import finds_as_regex_does

#: No slot; a slot things take too; a slot only people take.
NO_SLOT, WEAK_SLOT, STRONG_SLOT = 0, 1, 2

#: How far before the word its slot's words are read.
_REACH = 32

# Words before a person that only people follow (lower case, ending at the word).
_PEOPLE_BEFORE = re.compile(
    r"(?:^|[^a-z'’])(?:remind(?:ed|ing|s)?|invit(?:e|ed|es|ing)|tell|tells|told|telling|"
    r"ask(?:ed|ing|s)?|thank(?:ed|ing|s)?|congratulat(?:e|ed|ing)|married|marry|marrying|"
    r"kissed|hugged|met|meet|meeting|(?:heard|hear|hearing|news|word)[ ]from|"
    r"(?:ran|run|running|bumped|bump)[ ]into|according[ ]to|belongs?[ ]to|belonged[ ]to|"
    r"(?:spoke|speak|speaking|spoken|talk|talked|talking|chat|chatted|chatting)[ ](?:to|with)|"
    r"(?:say|said|says)[ ](?:hi|hello)[ ]to|on[ ]behalf[ ]of|introduced?[ ](?:me[ ])?to|"
    r"(?:it|that)[ ](?:was|is)|who[ ](?:is|was)|who['’]s|"
    # what only people have, then `of`: `the phone number of`, `the wife of`
    r"(?:number|address|email|phone|birthday|wife|husband|son|daughter|mother|father|"
    r"sister|brother|boss|friend|office|desk)[ ]of)[ ]$")
# What is written or held for someone, or had from them (`a birthday message for`, `an
# email to`, `the signature from`): tried only after ` to`, ` for` or ` from`.
_FOR_SOMEONE_BEFORE = re.compile(
    r"(?:^|[^a-z'’])(?:(?:e-?mail|message|letter|card|reply|apology|invitation|gift|"
    r"present|party|toast|speech|eulogy|bio|biography|condolences|wishes|"
    r"thank[ -]you[ ]note)[ ](?:to|for)|(?:signature|approval|sign-?off|permission|"
    r"consent|feedback|reply|news|call|letter|message|e-?mail|text)[ ]from)[ ]$")
_FOR_SOMEONE_ENDS = (" to ", " for ", " from ")
# A participle's `by` (`reviewed by`, `written by`): done by someone or something.
_DONE_BY_BEFORE = re.compile(
    r"(?:^|[^a-z'’])(?:[a-z]{3,}ed|written|seen|done|given|taken|drawn|sent|made)[ ]by[ ]$")
# ... of which signing, reviewing, writing, prescribing and referring are done by people
# (`signed by`, `reviewed by`, `prescribed by`): a strong slot.
_PEOPLE_BY_BEFORE = re.compile(
    r"(?:^|[^a-z'’])(?:(?:co-?|counter)?sign(?:ed)?|(?:peer-)?reviewed|written|(?:co-?)?authored|"
    r"prescribed|referred|dictated|witnessed)[ ]by[ ]$")
# ... and words before it that things and places follow as well.
_ANYTHING_BEFORE = re.compile(
    r"(?:^|[^a-z'’])(?:to|from|with|for|about|gave|give|giving|send|sent|sending|"
    r"forward(?:ed)?|email(?:ed)?|text(?:ed)?|call(?:ed)?|ping(?:ed)?|cc|paid|pay|"
    r"help(?:ed)?|see|saw|seen|visit(?:ed)?|than|like|unlike|and|or|"
    r"(?:this|here)[ ]is|where[ ]is|where['’]s|how[ ]is|how['’]s)[ ]$")
# Words after a person that only people are followed by.
_PEOPLE_AFTER = re.compile(
    r"(?:,?[ ](?:who|whom)\b|[ ]and[ ](?:I|i|me|my|myself)\b|"
    # spoken to: `Sigrun, can you check this?`, `lol Sigrun you are late`
    r",[ ](?:can|could|would|will|do|did|are|have)[ ]you\b|"
    r"[ ](?:you|u)[ ](?:are|r|were|have|should|need|must|did|look|forgot)\b|"
    r"[ ](?:said|says|told|tells|"
    r"thinks|thought|feels|felt|wants|wanted|knows|knew|loves|loved|hates|hated|misses|"
    r"missed|promised|replied|agreed|decided|forgot|remembered|laughed|cried|smiled|"
    r"died|lives|lived|quit|resigned|retired|apologi[sz]ed|texted|emailed|phoned|"
    # what people do and things do not: `Anna brought cake`, `Jack booked the room`
    r"brought|booked|baked|cooked|drove|borrowed|lent|bought|graduated|married|"
    r"volunteered|complained|celebrated|danced|sang|slept|woke[ ]up|invited|thanked|"
    r"congratulated|reminded|"
    r"got[ ](?:married|engaged|promoted|hired|fired|pregnant|sick|the[ ]job)|"
    r"(?:came|went)[ ](?:home|back|over|by|to[ ]bed|shopping)|gave[ ]birth|passed[ ]away|"
    r"(?:stopped|dropped)[ ](?:by|in)|showed[ ]up|turned[ ]up|fell[ ]asleep|"
    r"is[ ](?:off[ ]sick|on[ ]leave|on[ ]holiday|on[ ]vacation|pregnant|married)|"
    r"has[ ]been[ ](?:off[ ]sick|on[ ]leave|ill))\b)")
# A word after the name that makes it a sentence's subject, if a verb (`Dagny moved`).
_NEXT_WORD = re.compile(r"[ ]([a-z]+n['’]t|[a-z]+)\b")
#: Words after a subject that are verbs whatever the word lists say.
_AUXILIARIES = frozenset("""
is was has had will would can could did does do should might must may isn't wasn't hasn't
hadn't won't wouldn't can't couldn't didn't doesn't don't shouldn't just also never always
still really already
""".split())
#: Prepositions and particles WordNet also lists as adverbs or adjectives: no verb.
_PREPOSITIONS = frozenset("""
in out on off up down over under about above across after along around at away back before
behind below beside between beyond by for from into near of onto past since through to
toward towards with within without
""".split())
# What stands before a sentence's subject: its start, or a clause's first words.
_SUBJECT_BEFORE = re.compile(
    r"(?:^|[.!?;:][ ]+|\n[ \t]*|,[ ]|(?:^|[^a-z])(?:i[ ](?:think|guess|hope|heard|know|"
    r"believe|suppose|reckon|bet)|said|says|that|because|since|when|if|and|but|so|then|"
    r"maybe|yesterday|today|tonight|last[ ](?:week|night|year|month)|this[ ](?:morning|"
    r"afternoon|evening|week)|apparently|hopefully|unless|until|while|whether|"
    r"did|has|have|had|was|will|would)[ ])$")
# A question's `is` or `was` before a subject (read with an `-ing` verb after it).
_BE_BEFORE = re.compile(r"(?:^|[^a-z])(?:is|was)[ ]$")
# Words of medicine: in their sentence a name in a weak slot names a disease, a sign or
# a drug as often (`diagnosed with Sheehan`, `give Leber to a pregnant woman`).
_MEDICINE = re.compile(
    r"(?i:\b(?:patients?|pregnan\w*|drugs?|dos(?:e|es|age|ing)|medications?|medicines?|"
    r"diseases?|syndromes?|disorders?|symptoms?|diagnos\w*|treat\w*|therap\w*|cancers?|"
    r"tumou?rs?|infections?|mg|mcg|tablets?|pills?|side[ -]effects?|prescri\w*|clinical|"
    r"chronic|acute|prognosis|interact\w*|contraindicat\w*|surgery|sign|test|levels?|"
    # and a nursing note's
    r"dx|hx|rx|pt|pts|md|rn|np|meds?|prn|po|iv|ivf|icu|ccu|micu|sicu|bp|hr|sbp|ngt?|"
    r"ml|units?|gtt|drips?|sedat\w*|vent\w*|resp|neuro|cardiac|pulm\w*)\b)")
# A personal pronoun: `he`, `her`, ... (not `they`, which documents say of things).
_PERSONAL_PRONOUN = re.compile(r"\b(?:he|she|him|her|his|hers|himself|herself)\b")
#: The end of a sentence, where a pronoun after the name is no longer read.
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")


def _ends_in_dollar(pattern: re.Pattern[str]) -> _regex_parser.SubPattern:
    """`pattern` parsed, if it ends in `$` at its top level (every match ends at the end,
    or before a final line break)."""
    parsed = _regex_parser.parse(pattern.pattern, pattern.flags)
    if not parsed.data or parsed.data[-1] != (_regex_constants.AT, _regex_constants.AT_END):
        raise ValueError("the pattern does not end in `$` at its top level")
    return parsed


def _tail_width(pattern: re.Pattern[str]) -> int:
    """How far from a window's end a match of `pattern` can start: the pattern ends in
    `$` at its top level, so its longest match and that line break."""
    return int(_ends_in_dollar(pattern).getwidth()[1]) + 1


#: `_tail_width` of each pattern `_ends_with` reads, worked out at import.
_TAIL_WIDTHS = {pattern: _tail_width(pattern) for pattern in (
    _PEOPLE_BEFORE, _FOR_SOMEONE_BEFORE, _PEOPLE_BY_BEFORE, _DONE_BY_BEFORE, _ANYTHING_BEFORE,
    _BE_BEFORE)}


def _backwards(pattern: re.Pattern[str]) -> regex.Pattern[str]:
    """`pattern` without its final `$`, read backwards (`regex`'s REVERSE): its `match`
    tries the pattern once, ending where the window ends."""
    _ends_in_dollar(pattern)
    return regex.compile(pattern.pattern[:-1], regex.REVERSE)


#: Each pattern `_ends_with` reads, read backwards, worked out at import.
_BACKWARDS = {pattern: _backwards(pattern) for pattern in (*_TAIL_WIDTHS, _SUBJECT_BEFORE)}


def _ends_with(pattern: re.Pattern[str], window: str) -> bool:
    """`pattern.search(window)` for a pattern that ends in `$`: read backwards from the
    window's end, and from before a final line break (where `$` matches too). The search
    tried the pattern's words at every character near the end (`_tail_width`), or, with
    no bound to its width (`_SUBJECT_BEFORE`), of the window."""
    backwards = _BACKWARDS[pattern]
    return backwards.match(window) is not None or window.endswith("\n") and (
        backwards.match(window, 0, len(window) - 1) is not None)


def _words_after_a_mark(whole_words: re.Pattern[str]) -> re.Pattern[str]:
    """For a case-insensitive `(?i:\\b(?:w1|w2|...)\\b)`, its words (lower case, no
    `\\b`) after a character that is no ASCII letter, digit or `_`: on a lower-cased
    window the match-free stretches are skipped in C, where the case-insensitive
    pattern tries each of its words at every character."""
    head, tail = r"(?i:\b(?:", r")\b)"
    body = whole_words.pattern
    if not (body.startswith(head) and body.endswith(tail)) or body != body.lower():
        raise ValueError("not a case-insensitive alternation of lower-case whole words")
    return re.compile(r"[^a-z0-9_](?:" + body[len(head):-len(tail)] + ")")


#: `_MEDICINE`'s words after a mark, searched in a window's lower case (`_medicine_in`).
_MEDICINE_AFTER_MARK = _words_after_a_mark(_MEDICINE)


def _medicine_in(text: str, left: int, right: int) -> bool:
    """`_MEDICINE.search(text, left, right)`: a word of medicine in the sentence. Where
    the window's lower case is read letter for letter as the pattern reads it ignoring
    case (`finds_as_regex_does`), it is tried only at the window's start and after each
    mark where `_MEDICINE_AFTER_MARK` finds one of its words (every match of it starts
    there: lower-casing keeps which characters are letters)."""
    window = text[left:right]
    lowered = window.lower()
    if not finds_as_regex_does(window, lowered):
        return _MEDICINE.search(text, left, right) is not None
    if _MEDICINE.match(text, left, right) is not None:
        return True
    at = 0
    while (mark := _MEDICINE_AFTER_MARK.search(lowered, at)) is not None:
        if _MEDICINE.match(text, left + mark.start() + 1, right) is not None:
            return True
        at = mark.start() + 1
    return False


def person_slot(text: str, start: int, end: int, pronouns: bool = True) -> int:
    """How surely the place of the word text[start:end] is a person's (`STRONG_SLOT`,
    `WEAK_SLOT` or `NO_SLOT`), read from the words either side of it in its sentence;
    with `pronouns`, a weak slot with a personal pronoun after it is a strong one."""
    before = text[max(0, start - _REACH):start]
    low_before = before.lower()
    if _ends_with(_PEOPLE_BEFORE, low_before) or _PEOPLE_AFTER.match(text, end) or (
            low_before.endswith(_FOR_SOMEONE_ENDS) and _ends_with(_FOR_SOMEONE_BEFORE,
                                                                  low_before)
    ) or low_before.endswith(" by ") and _ends_with(_PEOPLE_BY_BEFORE, low_before) or (
        person_cue(text, start, end, sentence=False)):  # `our neighbour Sigrun`, `Sigrun's wife`
        return STRONG_SLOT
    slot = NO_SLOT
    if _ends_with(_ANYTHING_BEFORE, low_before) or low_before.endswith(" by ") and (
            _ends_with(_DONE_BY_BEFORE, low_before)):
        slot = WEAK_SLOT
    elif _ends_with(_SUBJECT_BEFORE, low_before) or not before.strip():
        after = _NEXT_WORD.match(text, end)
        if after is not None and _verb(after.group(1)):
            slot = WEAK_SLOT
    elif _ends_with(_BE_BEFORE, low_before):  # `Is Sigrun coming?`: what someone is doing
        after = _NEXT_WORD.match(text, end)
        if after is not None and after.group(1).endswith("ing") and _verb(after.group(1)):
            slot = WEAK_SLOT
    if slot == NO_SLOT:
        return slot
    left, right = sentence_around(text, start, end)
    if _medicine_in(text, left, right):
        return NO_SLOT  # `switch from Lesch to`, `patients with Sheehan`: an eponym, a drug
    if pronouns and _pronoun_after(text, end):
        return STRONG_SLOT
    return slot


def does_what_people_do(text: str, end: int) -> bool:
    """Whether what follows `end` is what only people do or are told (`said`, `brought`,
    `and I`, `, can you`): the word before it is someone, place name or not."""
    return _PEOPLE_AFTER.match(text, end) is not None


def verb_after(text: str, end: int) -> bool:
    """Whether the word right after `end` reads as a verb (`conor makes`, `is`), as a
    sentence's subject is followed; not a preposition (`to sigrun for`)."""
    after = _NEXT_WORD.match(text, end)
    return after is not None and _verb(after.group(1))


#: Past forms of verbs people do, read as a finite verb after a subject (`adaeze said`).
_PAST_FORMS = frozenset("""
said told went came got made took gave saw knew thought felt left kept brought bought wrote
sent ran sang spoke met found began won lost paid sat stood heard
""".split())


def finite_verb_after(text: str, end: int) -> bool:
    """Whether the word right after `end` is a finite verb (`has`, `wakes`, `moved`,
    `said`), as after a clause's subject: not a base form (`to sigrun for`, `of bertram
    to see`), which follows objects and infinitives as often."""
    after = _NEXT_WORD.match(text, end)
    if after is None:
        return False
    word = after.group(1)
    if word in _AUXILIARIES or word in _PAST_FORMS:
        return True
    return (word.endswith("ed") or word.endswith("s") and not word.endswith("ss")) and (
        _verb(word))


def about_medicine(text: str, start: int, end: int) -> bool:
    """Whether the sentence around text[start:end] speaks of medicine, where a lone name
    names a disease, a sign or a drug as often."""
    left, right = sentence_around(text, start, end)
    return _MEDICINE.search(text, left, right) is not None


def _verb(word: str) -> bool:
    """Whether lower-case `word` reads as a verb after a subject (`moved`, `has`), not
    a preposition WordNet also lists as an adverb (`in`, `out`) nor an adverb in `-ly`
    (`MAE spontaneously`: what a note's abbreviation does)."""
    if word in _AUXILIARIES:
        return True
    return word not in _PREPOSITIONS and not word.endswith("ly") and inflected_from(
        word, nouns_and_other_words()[1])


def _pronoun_after(text: str, end: int) -> bool:
    """Whether a personal pronoun follows the name in its sentence."""
    stop = _SENTENCE_END.search(text, end, end + 200)
    return _PERSONAL_PRONOUN.search(text, end, stop.start() if stop else min(
        len(text), end + 200)) is not None
