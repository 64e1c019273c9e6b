"""Names in Han, kana and Hangul: the quick `re` pre-check and the reading of one line."""

from __future__ import annotations

import pytest
import regex

from jupyter_safeai.scan import names
from tests.scan.found_text import persons as _persons

_EVERY_CHARACTER = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


def test_the_pre_check_covers_every_code_point_the_east_asian_readers_match() -> None:
    cjk = regex.compile(r"[\p{Han}\p{Hangul}\p{Katakana}\p{Hiragana}]")
    matched = cjk.findall(_EVERY_CHARACTER)
    assert len(matched) > 100_000  # ideographs of every plane, syllables, kana
    missed = [hex(ord(c)) for c in matched if not names._MAYBE_CJK.match(c)]
    assert missed == []


def test_the_pre_check_stays_quiet_on_latin_greek_cyrillic_arabic_and_punctuation() -> None:
    text = "Patient Ана Ιωάννα أحمد — “quoted” … 5 € café naïve ½ ✓ 😀 नमस्ते"
    assert names._MAYBE_CJK.search(text) is None


def test_names_in_han_and_hangul_are_found_with_and_without_other_scripts() -> None:
    for text in ("Patient 李小龙 came in today.", "Patient: 김민준 was seen.",
                 "Patient: 김민준 and المريض: أحمد were seen.",
                 "Referred by 山田 太郎 yesterday."):
        assert _persons(text), text


@pytest.mark.parametrize("text", [
    "import numpy as np\n\ndef train(model, x, y):\n    # 손실값 계산\n"
    "    loss = np.mean((y - model(x)) ** 2)\n    return loss\n",
    "# 정규화 적용\nx = (x - x.mean()) / x.std()\n",
    "## 张量运算 (tensor operations)\nWe multiply the two matrices and sum over the batch.\n",
    "## 高级用法 (advanced usage)\nThis section shows the optional arguments of the plots.\n",
])
def test_a_line_of_korean_or_chinese_in_an_english_text_holds_words_not_names(
        text: str) -> None:
    assert _persons(text) == []


def test_a_hangul_word_opening_with_a_surname_syllable_needs_a_person_cue() -> None:
    assert _persons("The 이유 column holds the reason code.") == []  # 이 opens surnames
    assert _persons("Seen by 김민준 today.") == ["김민준"]
    assert _persons("환자: 박서연") == ["박서연"]


def test_a_name_in_han_in_an_english_line_is_still_found() -> None:
    text = "Results below.\nPatient 李小龙 came in today.\n"
    assert _persons(text) == ["李小龙"]
    assert "王伟" in _persons("Referred by 王伟 called this morning.")


def test_a_surname_syllable_before_a_listed_given_name_is_a_name_without_a_cue() -> None:
    assert _persons("We asked 박서연 about the schedule.") == ["박서연"]
    assert _persons("We tuned the 최적화 step.") == []  # 최 opens surnames, 적화 no name


def test_the_fast_reading_of_the_pre_check_agrees_with_the_blocks_on_every_code_point() -> None:
    blocks = names._MAYBE_CJK.findall(_EVERY_CHARACTER)
    assert all(names._FROM_JAMO.match(c) for c in blocks)
    for text in ("plain ascii", "“quoted” — 😀 café", "a 李 b", "emoji 😀 then 한 later",
                 "’" * 50 + "\U00020000"):
        assert names._has_east_asian(text) == bool(names._MAYBE_CJK.search(text)), text
