"""Names in Han, kana and Hangul: the quick `re` pre-check and the reading of one line."""

from __future__ import annotations

import regex

from jupyter_safeai import scan_text
from jupyter_safeai.scan import names

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


def _persons(text: str) -> list[str]:
    return [text[f.start:f.end] for f in scan_text(text) if f.entity == "PERSON"]


def test_names_in_han_and_hangul_are_found_with_and_without_other_scripts() -> None:
    for text in ("Patient 李小龙 came in today.", "Patient: 김민준 was seen.",
                 "Patient: 김민준 and المريض: أحمد were seen.",
                 "Referred by 山田 太郎 yesterday."):
        assert _persons(text), text
