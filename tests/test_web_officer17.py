"""The web officer's seventeenth trial: last year's drafted plan linked from this year's, every recorded field of a
measure on its card, warnings that are still true, said briefly first."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote

from helpers import unwrapped
from itaplan.content.catalogue import load_catalogue
from itaplan.content.texts import Texts
from itaplan.drafting.analysis import served_indicators
from itaplan.drafting.plan import load_plan, save_plan
from itaplan.followup.report import build_report
from starlette.testclient import TestClient
from conftest import ROOT
from test_web_app import client, csrf_of  # noqa: F401 - the fixture
from test_web_last_year import combined, drafted


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", unwrapped(page))).split())


def _section(page: str, anchor: str) -> str:
    return unwrapped(page.split(f'id="{anchor}"', 1)[1].split("</details>", 1)[0])


def test_this_years_page_links_last_years_drafted_plan_and_its_report(client: TestClient, tmp_path: Path) -> None:
    """The FY2570 plan's page said 'รายงานผลการดำเนินการตามมาตรการของปีที่แล้วอยู่ด้านล่าง' and led only to the upload
    of last year's measures, while the same agency's FY2569 plan was in the workspace: it is linked, with its
    report (taking this plan as this year's, as `report --next`), and no upload is offered."""
    last = drafted(client, "nasingh2568_r5.txt")  # FY2568 results: the FY2569 plan, last year's measures
    this = drafted(client)  # FY2569 results: this year's FY2570 plan
    section = _section(client.get(this).text, "last-measures")
    last_name = unquote(last.rsplit("/", 1)[1])
    assert f'href="{last}"' in section and f'href="{last}/download/report"' in section, section
    said = _text(section)
    assert f"แผนของหน่วยงานนี้ประจำปีงบประมาณ 2569 ที่จัดทำจากผลการประเมินปีงบประมาณ 2568: {last_name}" in said, said
    assert "รายงานผลการดำเนินการของแผนนั้นใช้แผนนี้เป็นแผนของปีนี้" in said
    assert 'name="measures"' not in section  # no upload: the measures are in the workspace
    # with no plan of last year, the upload is offered
    (tmp_path / last_name).unlink()
    section = _section(client.get(this).text, "last-measures")
    assert 'name="measures"' in section and "/download/report" not in section


def _card(page: str, mid: str) -> str:
    return page.split(f'id="m-{mid}"', 1)[1].split("</article>", 1)[0]


def test_every_measure_card_names_its_indicator_and_one_with_none_is_marked(client: TestClient,
                                                                           tmp_path: Path) -> None:
    """Imported and drafted measures showed no indicator on their cards; a measure with none was said so once, on
    import. Each card now names its indicator(s), and one with none keeps a mark until one is chosen."""
    this = drafted(client)
    page = client.get(this).text
    drafted_plan = load_plan(tmp_path / unquote(this.rsplit("/", 1)[1]))
    names = {i["number"]: i["name"] for i in drafted_plan["analysis"]["indicators"]}
    assert drafted_plan["measures"]
    for m in drafted_plan["measures"]:
        assert f'id="m-{m["id"]}"' in page, (m["id"], re.findall(r'id="m-[^"]*"', page))
        card = _text(_card(page, m["id"]))
        for n in served_indicators(m):
            assert f"{n}. {names[n]}" in card, (m["id"], card)
    done = client.post(this + "/last-measures", data={"csrf": csrf_of(page)},
                       files={"measures": ("published.docx", combined(tmp_path.parent / "published.docx")
                                           .read_bytes())}, follow_redirects=False)
    assert done.status_code == 303, _text(done.text)
    imported_page = done.headers["location"]
    path = tmp_path / unquote(imported_page.rsplit("/", 1)[1])
    imported = load_plan(path)
    first = imported["measures"][0]
    assert isinstance(first.get("indicator"), int)
    card = _text(_card(client.get(imported_page).text, first["id"]))
    assert f"ตัวชี้วัดที่เกี่ยวข้อง {first['indicator']}. {names[first['indicator']]}" in card, card
    assert "ยังไม่ระบุตัวชี้วัด" not in card
    first["indicator"] = None  # as the import leaves a measure its table names no indicator for
    first.pop("indicators", None)
    save_plan(imported, path)
    for _ in range(2):  # not a one-time message: every time the page is opened
        card = _text(_card(client.get(imported_page).text, first["id"]))
        assert "ตัวชี้วัดที่เกี่ยวข้อง ยังไม่ระบุตัวชี้วัด — เลือกได้ที่ “แก้ไขรายละเอียด”" in card, card


def test_every_recorded_progress_field_is_on_the_measures_card(client: TestClient, tmp_path: Path) -> None:
    """The progress form's start date, outcome, evidence links and suggestion were saved and printed in the report,
    but the card showed only status, what was done and the finish date: the officer thought they were lost."""
    this = drafted(client)
    page = client.get(this).text
    path = tmp_path / unquote(this.rsplit("/", 1)[1])
    mid = load_plan(path)["measures"][0]["id"]
    fields = ("status", "done", "outcome", "links", "started", "finished", "suggestion", "reason")
    sent = {"status": "in progress", "done": "จัดประชุมชี้แจงบุคลากร", "outcome": "บุคลากรเข้าร่วม 45 คน",
            "links": "https://example.go.th/report.pdf\nรายงานการประชุมครั้งที่ 1/2570\njavascript:alert(1)",
            "started": "15/11/2569", "finished": "", "suggestion": "ขยายผลไปยังทุกกอง", "reason": "รอจัดสรรงบประมาณ"}
    done = client.post(f"{this}/measure/{mid}/progress", follow_redirects=False,
                       data={"csrf": csrf_of(page), **sent, **{f"shown-{k}": "" for k in fields},
                             "shown-status": "not started"})
    assert done.status_code == 303, _text(done.text)
    raw = _card(client.get(this).text, mid).split('<details class="edit"', 1)[0]  # the card, not its forms
    card = _text(raw)
    assert "ผลลัพธ์ (ผลที่เกิดขึ้นและตัวเลข) บุคลากรเข้าร่วม 45 คน" in card, card
    assert "วันที่เริ่ม 15 พฤศจิกายน 2569" in card, card
    assert "ข้อเสนอแนะสำหรับปีถัดไป ขยายผลไปยังทุกกอง" in card
    assert "รอจัดสรรงบประมาณ" in card and "จัดประชุมชี้แจงบุคลากร" in card
    assert '<a href="https://example.go.th/report.pdf"' in raw  # a web address as a link
    assert "รายงานการประชุมครั้งที่ 1/2570" in card and 'href="javascript' not in raw  # others as text


def test_the_report_item_not_printed_is_said_on_the_page_and_by_report(client: TestClient, tmp_path: Path) -> None:
    """README said the report's cover names the item assumed for a year not announced; the FY2569 measures' report
    (published in FY2570, framework unknown) rightly names none, and nobody said so: the page and `report` do."""
    last = drafted(client, "nasingh2568_r5.txt")
    plan = load_plan(tmp_path / unquote(last.rsplit("/", 1)[1]))
    assert plan["plan_year"] == 2569 and plan.get("report_assumption")
    said = _text(client.get(last).text)
    assert ("รายงานผลการดำเนินการไม่ระบุข้อ OIT ที่ใช้เผยแพร่ เพราะยังไม่ประกาศกรอบการประเมิน ITA ปี 2570 "
            "ซึ่งเป็นปีที่เผยแพร่รายงานนี้") in said, said
    assert f"(น่าจะเป็นข้อ {plan['report_item']})" in said
    report = build_report(plan, Texts(load_catalogue()))
    assert report["report_item_assumed"] and any("names no OIT item" in a for a in report["assumptions"])
    # this year's plan, whose report is not offered yet (nothing recorded), says nothing of it
    assert "ไม่ระบุข้อ OIT" not in _text(client.get(drafted(client)).text)


def test_after_itas_total_the_page_says_the_two_totals_once_briefly(client: TestClient, tmp_path: Path) -> None:
    """With ITAS's total 87.10 entered, the page stacked 'คะแนนรวมตามที่ประกาศผล (87.10) ต่างจากที่คำนวณได้ (87.02)…'
    and a long 'ค่าประมาณจากคะแนนรวมที่คำนวณ: ITAS แสดงคะแนนรวม 87.10 …' paragraph: the two totals are said once, in
    the estimate's short first line, its explanation folded under it."""
    home = client.get("/").text
    done = client.post("/upload", data={"csrf": csrf_of(home)},
                       files={"results": ("example.yaml", (ROOT / "examples" / "example.yaml").read_bytes())},
                       follow_redirects=False)
    where = done.headers["location"]
    page = client.get(where).text
    client.post(where + "/total", data={"csrf": csrf_of(page), "total": "87.10", "level": "A", "label": "ผ่าน"})
    page = unwrapped(client.get(where).text)
    warnings = [_text(w) for w in re.findall(r'<p class="warning"[^>]*>(.*?)</p>', page, re.S)]
    assert not [w for w in warnings if "87.02" in w], warnings  # said once, below
    estimate = re.search(r'<details class="warning" id="estimate"><summary>(.*?)</summary>(.*?)</details>', page, re.S)
    assert estimate, page
    first = _text(estimate.group(1))
    assert "87.10" in first and "87.02" in first and "0.08" in first and len(first) < 160, first
    assert "เอกสารจึงไม่พิมพ์ตัวเลขนี้" in _text(estimate.group(2))


def test_the_last_year_upload_hint_lists_every_kind_of_file_it_takes(client: TestClient) -> None:
    """The hint said 'Word, PDF หรือ Excel' while the box takes a .txt of pasted text (and a .csv) too."""
    section = _section(client.get(drafted(client)).text, "last-measures")
    accept = re.search(r'id="last-measures-file" name="measures" accept="([^"]+)"', section).group(1).split(",")
    said = _text(section)
    words = {".docx": "Word", ".pdf": "PDF", ".xlsx": "Excel", ".csv": "CSV", ".txt": "ไฟล์ข้อความ (.txt)"}
    assert sorted(accept) == sorted(words)
    assert all(word in said for word in words.values()), said
