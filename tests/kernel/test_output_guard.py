"""The output guard: secrets and PHI the model wrote that were not in the prompt are
masked and flagged with their place; what the user already had is left alone."""

from __future__ import annotations

import random
import string

from jupyter_safeai.kernel.output_guard import extract_code_blocks, guard_answer, guard_partial
from jupyter_safeai.scan.allow import mask

SSN = "219-09-9999"


def aws_key(seed: int = 7) -> str:
    """An AWS-access-key-shaped string, built at run time (no key literal in the repo)."""
    rng = random.Random(seed)
    return "AKIA" + "".join(rng.choice(string.ascii_uppercase + "234567") for _ in range(16))


def answer_with(key: str) -> str:
    return (f"Your colleague's SSN is {SSN}, keep it safe.\n"
            "Here is the code:\n"
            "\n"
            "```python\n"
            "import boto3\n"
            "patient_name = df['patient_name']\n"
            f"s3 = boto3.client('s3', aws_access_key_id='{key}')\n"
            "```\n"
            "and the shell version:\n"
            "~~~bash\n"
            f"export AWS_ACCESS_KEY_ID={key}\n"
            "~~~\n")


def test_new_secret_and_ssn_are_masked_and_flagged_with_their_place() -> None:
    key = aws_key()
    answer = answer_with(key)
    result = guard_answer(answer, {"How do I list my S3 buckets?"})
    assert key not in result.text and SSN not in result.text
    assert mask(key, "AWS_ACCESS_KEY") in result.text and mask(SSN) in result.text
    assert result.flagged == [("US_SSN", "answer, line 1"),
                              ("AWS_ACCESS_KEY", "code block 1, line 3"),
                              ("AWS_ACCESS_KEY", "code block 2, line 1")]
    assert result.new_counts == {"US_SSN": 1, "AWS_ACCESS_KEY": 2}
    # Identifiers in code are names, not data; the rest of the answer is untouched.
    assert "patient_name = df['patient_name']" in result.text
    assert result.text.replace(mask(key, "AWS_ACCESS_KEY"), key).replace(mask(SSN), SSN) == answer


def test_values_the_user_already_had_are_not_new() -> None:
    key = aws_key(seed=3)
    answer = answer_with(key)
    prompt = f"My key {key} fails; also check SSN {SSN}"
    result = guard_answer(answer, {prompt})  # the whole prompt: substrings count
    assert result.text == answer and result.flagged == [] and result.new_counts == {}
    only_ssn = guard_answer(answer, {SSN})  # restored originals, one value each
    assert only_ssn.new_counts == {"AWS_ACCESS_KEY": 2} and SSN in only_ssn.text


def test_known_values_match_across_case_and_white_space() -> None:
    answer = "Dear Maria   Garcia, your results are in."
    assert guard_answer(answer, {"patient MARIA GARCIA was seen"}).flagged == []
    flagged = guard_answer(answer, {"an unrelated question"}).flagged
    assert flagged == [("PERSON", "answer, line 1")]


def test_an_allow_marker_in_the_answer_does_not_wave_a_secret_through() -> None:
    key = aws_key(seed=11)
    answer = f"```python\nKEY = '{key}'  # safeai: allow\n```\n"
    result = guard_answer(answer, set())
    assert key not in result.text
    assert result.flagged == [("AWS_ACCESS_KEY", "code block 1, line 1")]


def test_a_clean_answer_is_returned_as_is() -> None:
    answer = "Use `df.groupby('ward')['glucose'].mean().plot.bar()`.\n\n```python\nx = 1\n```"
    result = guard_answer(answer, set())
    assert (result.text, result.flagged, result.new_counts) == (answer, [], {})
    assert guard_answer("", set()).text == ""


def test_partial_answers_hold_back_the_unfinished_word() -> None:
    key = aws_key(seed=5)
    streamed = f"Set the key to {key[:12]}"
    assert guard_partial(streamed, set()) == "Set the key to "
    assert key[:6] not in guard_partial(f"Set the key to {key} now", set())
    assert guard_partial("Hello", set()) == ""


def test_extract_code_blocks_strips_fences_and_puts_python_first() -> None:
    answer = ("Install it:\n```bash\npip install lifelines\n```\n"
              "Then:\n```python\nfrom lifelines import KaplanMeierFitter\nkmf = "
              "KaplanMeierFitter()\n```\n"
              "Or:\n~~~\nprint('untagged')\n~~~\n")
    assert extract_code_blocks(answer) == [
        "from lifelines import KaplanMeierFitter\nkmf = KaplanMeierFitter()",
        "pip install lifelines",
        "print('untagged')",
    ]


def test_extract_code_blocks_edge_cases() -> None:
    assert extract_code_blocks("no code here") == []
    # Without a Python block the first untagged one leads; tags like {.py} count.
    assert extract_code_blocks("```sql\nSELECT 1\n```\n```\nx = 2\n```") == ["x = 2", "SELECT 1"]
    assert extract_code_blocks("```{.py}\ny = 3\n```") == ["y = 3"]
    # A longer fence holds a shorter one; an unclosed block runs to the end.
    nested = "````markdown\n```python\nz = 1\n```\n````\n```python\nw = 2"
    assert extract_code_blocks(nested) == ["w = 2", "```python\nz = 1\n```"]
    # ``` with a backtick in its info string is not a fence (CommonMark).
    assert extract_code_blocks("``` a`b\nnot code\n```python\nv = 4\n```") == ["v = 4"]
    # An indented fence (in a list item) gives its content back without that indent.
    assert extract_code_blocks("1. Run:\n   ```python\n   u = 5\n   ```\n") == ["u = 5"]


def test_code_block_lines_are_counted_within_the_block() -> None:
    key = aws_key(seed=9)
    answer = f"Intro\n```python\na = 1\nb = 2\nkey = '{key}'\n```\nmore\n```\nc = 3\n```\n"
    result = guard_answer(answer, set())
    assert result.flagged == [("AWS_ACCESS_KEY", "code block 1, line 3")]
    masked = mask(key, "AWS_ACCESS_KEY")
    assert extract_code_blocks(result.text)[0].endswith(f"key = '{masked}'")
