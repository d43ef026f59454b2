"""A measure's, a project card's or an indicator's name inside a Thai sentence is quoted the Thai way, “…”: the web
page said "มาตรการ 'มาตรการเปิดเผย…' ไม่ได้ตอบจุดอ่อนใดแล้ว" (a web officer's trial). Ids, keys and codes keep
their ASCII quotes, as typed."""

from __future__ import annotations

import re

from itaplan.base.i18n import LOCALE_DIR, read_po, translate

TITLE_FIELDS = re.compile(r"'\{(title|was|now)\}'|มาตรการ(?:ที่ \{number\})? \(?'\{(m|measure)\}'|ว่า '\{name\}'")


def test_no_thai_sentence_quotes_a_name_with_ascii_quotes() -> None:
    for name in ("itaplan.po", "web.po"):
        entries = read_po(LOCALE_DIR / "th" / "LC_MESSAGES" / name)
        # a sheet's name (ชีต/แผ่นงาน '{title}') is a file's, as typed
        ascii_quoted = [t for t in entries.values()
                        if TITLE_FIELDS.search(re.sub(r"(ชีต|แผ่นงาน) '\{title\}'", "", t))]
        assert not ascii_quoted, ascii_quoted[:3]


def test_the_corrected_scores_message_quotes_the_title_in_thai() -> None:
    line = ("measure 'มาตรการเปิดเผยข้อมูลพื้นฐานของหน่วยงานบนเว็บไซต์' no longer answers a weak point (the corrected "
            "scores are not below the target): keep it as the agency's own choice, or drop it")
    assert translate(line, "th").startswith("มาตรการ “มาตรการเปิดเผยข้อมูลพื้นฐานของหน่วยงานบนเว็บไซต์” ไม่ได้ตอบจุดอ่อนใดแล้ว")
