"""The placeholder check's shortcuts answer as the plain readings they replace."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from jupyter_safeai.scan.secrets import randomness


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
