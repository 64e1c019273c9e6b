"""The placeholder check's shortcuts answer as the plain readings they replace."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from jupyter_safeai.scan.secrets import assignment, randomness


def _plain_mostly_runs(value: str) -> bool:
    """`_mostly_runs` read character by character."""
    chars = randomness._NOT_ALNUM.sub("", value)
    if len(chars) < 12:
        return False
    in_runs, run = 0, 1
    for i in range(1, len(chars) + 1):
        if i < len(chars) and ord(chars[i]) == ord(chars[i - 1]) + 1:
            run += 1
            continue
        in_runs += run if run >= 3 else 0
        run = 1
    return in_runs * 2 >= len(chars)


_RUN_PIECES = ["abc", "abcd", "xyz", "yz", "z", "a", "789", "89", "9", "0", "012", "0123456789",
               "ab", "-", "_", "q7", "k", "é", "ß", "mnop", "  "]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_RUN_PIECES), max_size=16).map("".join))
@example("")
@example("abc123xyz-456def789ghij-klmnop")
@example("9abc" * 4)
@example("yzab" * 4)  # `z` to `a` is no step up
@example("89:;" * 4)  # nor `9` to `:`
def test_runs_counted_in_c_are_the_runs_counted_one_by_one(value: str) -> None:
    assert randomness._mostly_runs(value) == _plain_mostly_runs(value)


_TEMPLATE_PIECES = ["$", "{", "}", "(", ")", "<", ">", "%", "s", "[", "]", "@", "_", "__",
                    "API_KEY", "x", "a1", " ", "redacted", "{{", "}}", "{%", "%}", "%(", ")s"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_TEMPLATE_PIECES), min_size=1, max_size=10).map("".join))
@example("${API_KEY}")
@example("[REDACTED]")
@example("@@token@@")
@example("__TOKEN__")
@example("%s")
@example("sk_live_4eC39HqLyjWDarjtT1zdp7dc")
def test_the_template_gate_passes_every_template(value: str) -> None:
    if randomness._TEMPLATE.search(value):
        assert randomness._may_be_template(value)


def _plain_is_placeholder(value: str) -> bool:
    """`is_placeholder` as first written: each check on the value as it stands."""
    r = randomness
    v = value.strip().strip("\"'`").strip()
    if not v or len(set(v)) == 1 or r._MASK_ONLY.fullmatch(v) or v in r.PUBLIC_SAMPLE_KEYS:
        return True
    if r._TEMPLATE.search(v):
        return True
    low = v.lower()
    if r._PLACEHOLDER_MARKERS.search(low):
        return True
    if r._is_sequence_or_periodic(low) or _plain_mostly_runs(low):
        return True
    words = r._LETTER_RUNS.findall(low)
    digits = sum(c in "0123456789" for c in low)
    return bool(words) and digits <= 4 and all(
        w in r._PLACEHOLDER_WORDS or r._segments_into_words(w) for w in set(words))


_VALUE_PIECES = [*_RUN_PIECES, *_TEMPLATE_PIECES, "your", "api", "key", "here", "XXXX", "****",
                 "sk_live_", "4eC39HqLyjWDarjtT1zdp7dc", "AKIAIOSFODNN7EXAMPLE", "İ", "K", "Σ",
                 "\u2022", "'", '"', "`", "12345", "qwerty", "changeme", "+", "/", "="]


@settings(max_examples=4000, deadline=None)
@given(st.lists(st.sampled_from(_VALUE_PIECES), max_size=14).map("".join))
@example("")
@example("aaaa")
@example("'''")
@example("yourapikeyhere")
@example("abc123xyz-456def789ghij-klmnop")
@example("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7" * 8)
@example("ＡＢＣ１２３")  # letters and digits of another width: not ASCII ones
def test_placeholder_check_answers_as_its_plain_form(value: str) -> None:
    assert randomness.is_placeholder(value) == _plain_is_placeholder(value)


@settings(max_examples=2000, deadline=None)
@given(st.text(max_size=12))
@example("")
@example("abcDEF123")
@example("abc-DEF")
@example("١٢٣")  # digits of another script
@example("²")  # a digit that is no decimal
def test_character_classes_count_as_char_by_char(value: str) -> None:
    expected = (any(c.islower() for c in value) + any(c.isupper() for c in value)
                + any(c.isdigit() for c in value) + any(not c.isalnum() for c in value))
    assert randomness.char_classes(value) == expected


@settings(max_examples=2000, deadline=None)
@given(st.text(max_size=12))
@example("")
@example("a\u00a0b")  # a no-break space
@example("\u2028")  # a line separator
@example("x[0]")
def test_blank_and_code_marks_are_found_as_char_by_char(value: str) -> None:
    assert (assignment._BLANK.search(value) is not None) == any(c.isspace() for c in value)
    assert (assignment._CODE_MARK.search(value) is not None) == any(
        c in "\\[]{}()<>" for c in value)


def _every_split(word: str) -> bool:
    """`_segments_into_words` as first written: every split of every prefix tried."""
    if len(word) > 64:
        return False
    ok = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        ok[end] = any(ok[start] and word[start:end] in randomness._PLACEHOLDER_WORDS
                      for start in range(max(0, end - 12), end))
    return ok[-1]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["your", "api", "key", "here", "pass", "word", "passwd", "x",
                                 "placeholder", "replaceme", "e", "s", "q", "keys", "me"]),
                max_size=20).map("".join))
@example("yourapikeyhere")
@example("placeholderx")
@example("x" * 65)
def test_word_splits_found_forward_as_by_every_split(word: str) -> None:
    assert randomness._segments_into_words(word) == _every_split(word)
