"""Lines are not broken inside common official words (provincial auditor's trial: the review table wrapped
"อย่างถูก | ต้องตามขั้นตอน": the word list has "ต้องตาม", and newmm, taking the fewest words, cut ถูกต้อง)."""

from __future__ import annotations

import pytest
from itaplan.base.thaiwords import words
from itaplan.cli.thaiwrap import wrap_thai


@pytest.mark.parametrize(("text", "whole"), [
    ("การขอยืมทรัพย์สินของราชการอย่างถูกต้องตามขั้นตอน", ["อย่าง", "ถูกต้อง", "ตาม", "ขั้นตอน"]),
    ("ดำเนินการตามแนวทางการประชาสัมพันธ์", ["ดำเนินการ", "ตาม", "แนวทาง", "ประชาสัมพันธ์"]),
    ("มาตรการควบคุมช่องทางการร้องเรียน", ["มาตรการ", "ช่องทาง"]),
    ("รายงานการประเมินและขั้นตอนที่กำหนด", ["รายงาน", "ขั้นตอน"]),
])
def test_common_official_words_are_whole_tokens(text: str, whole: list[str]) -> None:
    tokens = words(text)
    assert "".join(tokens) == text
    for word in whole:
        assert word in tokens, tokens


def test_a_word_the_list_has_whole_is_left_as_it_is() -> None:
    assert words("ข้าราชการ") == ["ข้าราชการ"]


def test_the_review_tables_wrapping_never_cuts_thuk_tong() -> None:
    text = "← ข้อ i10 การขอยืมทรัพย์สินของราชการอย่างถูกต้องตามขั้นตอน ได้ 82.40 คะแนน"
    for width in range(20, 60):
        lines = wrap_thai(text, width).split("\n")
        assert not any(line.rstrip().endswith("ถูก") for line in lines), (width, lines)
        assert not any(line.lstrip().startswith("ต้อง") for line in lines), (width, lines)
