"""Round 25's newcomer: `itaplan check plan.pdf` on the PDF itaplan made failed: the row of an indicator's two EIT parts
("คะแนนเฉลี่ยตัวชี้วัด (สองส่วนรวมกัน 84.89) 83.65 86.13") was read as a change, because a glyph the PDF's text layer
could not map came out as "%" ("ตำ%วชี้"), a word of change. A per cent sign counts only after a figure, and the parts'
row is no change."""

from __future__ import annotations

from itaplan.checking.check_document import _is_change, check_lines


def test_the_parts_row_and_a_stray_per_cent_sign_are_no_change() -> None:
    garbled = "วนรวมีก%น ๗๕.๖๓) ๗๓.๘๒ ๗๗.๔๓"
    assert not _is_change(garbled, garbled, False, False)
    clean = "คะแนนเฉลี่ยตัวชี้วัด (สองส่วนรวมกัน ๘๔.๘๙) ๘๓.๖๕ ๘๖.๑๓"
    assert not _is_change(clean, clean, False, False)
    assert not check_lines(["ค์ะแนนเฉล\x17ซึ่ยตำ%วชี้\x17ขึ้ว%ดำ (ส่องส่", garbled], "plan.pdf")
    # a real percentage still is one, and still checked
    said = "คะแนนรวม 87.50 คะแนน เพิ่มขึ้น 1.00 คะแนน หรือ 1.16 %"
    assert _is_change(said, said, True, False)
    wrong = "ได้ 87.50 คะแนน ลดลง 9.00 คะแนนจาก 86.50 คะแนน"
    assert check_lines([wrong], "plan.pdf")
