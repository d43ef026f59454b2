"""Thai labels on the web pages are kept whole (the phrases filter, class nw: white-space: nowrap), so that a
phone's browser does not break them inside a word with its own dictionary; the browser test at 390 px
(test_web_browser.py) checks how they are laid out."""

from __future__ import annotations

import re

from itaplan.web.common import PHRASE_CELLS, unbroken_phrases
from starlette.testclient import TestClient
from test_web_app import client, csrf_of  # noqa: F401 - the fixture


def spans(html: str) -> list[str]:
    return re.findall(r'<span class="nw">(.*?)</span>', html)


def test_short_phrases_and_figures_with_their_units_are_kept_whole() -> None:
    assert str(unbroken_phrases("ไฟล์ผลการประเมิน")) == '<span class="nw">ไฟล์ผลการประเมิน</span>'
    # a figure with the word before it and its unit; a code with its word
    assert spans(unbroken_phrases("ข้อ i4 ใช้จ่ายงบประมาณ ได้ ๘๗.๐๒ คะแนน")) == ["ข้อ i4 ใช้จ่ายงบประมาณ", "ได้ ๘๗.๐๒ คะแนน"]
    assert "พ.ศ. 2570" in spans(unbroken_phrases("ตลอดปีงบประมาณ พ.ศ. 2570"))[-1]
    # escaped, never markup
    assert str(unbroken_phrases("<b>ก & ข</b>")).count("<b>") == 0


def test_a_long_phrase_breaks_only_between_its_words() -> None:
    long = "มาตรการเปิดโอกาสให้ประชาชนและผู้มีส่วนได้ส่วนเสียมีส่วนร่วมในการปรับปรุงการดำเนินงาน"
    html = str(unbroken_phrases(long))
    words = spans(html)
    assert "".join(words) == long and len(words) > 3 and html.count("<wbr>") == len(words) - 1
    assert "มาตรการ" in words and "ประชาชน" in words and "ส่วนได้ส่วนเสีย" in words
    assert all(len(w) <= PHRASE_CELLS * 2 for w in words)
    # the documents' compounds stay whole in a long heading
    assert "ผลการประเมิน" in spans(unbroken_phrases("จัดทำร่างมาตรการจากผลการประเมินของหน่วยงานภาครัฐ ITA"))


def test_the_pages_labels_headers_and_buttons_are_kept_whole(client: TestClient) -> None:
    home = client.get("/").text
    assert '<label for="results"><span class="nw">ไฟล์ผลการประเมิน</span></label>' in home
    done = client.post("/example", data={"csrf": csrf_of(home)}, follow_redirects=True)
    page = done.text
    assert done.status_code == 200 and 'id="whatif"' in page
    for tag in ("label", "th", "button", "h2", "h3", "summary", "dt"):
        inner = re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", page, re.DOTALL)
        bare = [x for x in inner if re.search("[\u0e00-\u0e7f]", re.sub(r'<span class="(?:nw|word)">.*?</span>|<[^>]+>',
                                                                      "", x, flags=re.DOTALL))]
        assert not bare, (tag, bare[:3])
