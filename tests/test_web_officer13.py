"""The officer who works only in the web app, a thirteenth trial: what was saved of a measure said in a line that
names it; a dropped measure offers its undo, not a second drop; the note's field says where it prints; the report
on this year's measures not offered as if the year were over; the agency's own measure given its budget."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path
from urllib.parse import quote

from docx import Document
from helpers import unwrapped
from itaplan.drafting.plan import load_plan
from openpyxl import load_workbook
from starlette.testclient import TestClient
from test_web_app import EXAMPLE, client, csrf_of, upload  # noqa: F401 - the fixture


def _article(page: str, mid: str) -> str:
    found = re.search(rf'<article class="measure[^"]*" id="m-{re.escape(mid)}">.*?</article>', page, re.DOTALL)
    assert found, mid
    return found.group()


def _saved_line(page: str) -> str:
    found = re.search(r'<p class="saved-line" role="status" id="saved-line">(.*?)</p>', page, re.DOTALL)
    assert found, "no line says what was saved"
    return " ".join(unwrapped(found.group(1)).split())


def test_keep_drop_and_edit_each_say_what_was_saved_of_which_measure(client: TestClient, tmp_path: Path) -> None:
    upload(client, EXAMPLE)
    path = tmp_path / "example.plan.yaml"
    plan = load_plan(path)
    first, second = plan["measures"][0], plan["measures"][1]
    page = client.get("/plan/example.plan.yaml?lang=th").text
    assert 'id="saved-line"' not in page  # nothing saved yet, nothing said
    csrf = csrf_of(page)
    base = "/plan/example.plan.yaml/measure"

    kept = client.post(f"{base}/{second['id']}/decide", data={"csrf": csrf, "action": "keep"})
    assert kept.status_code == 200
    assert _saved_line(kept.text) == f"บันทึกแล้ว: มาตรการที่ 2 {second['title']} — คงไว้"

    dropped = client.post(f"{base}/{first['id']}/decide", data={"csrf": csrf, "action": "drop", "reason": "ทำแล้ว"})
    line = _saved_line(dropped.text)
    assert line == f"บันทึกแล้ว: {first['title']} — ตัดออก เอกสารจะไม่พิมพ์มาตรการนี้", line

    texts = {"title": second["title"], "owner": second["owner"], "timeline": second["timeline"],
             "method": "\n".join(second["method"]), "evidence": "\n".join(second["evidence"]), "note": "",
             "rationale": second.get("rationale") or "", "budget": ""}
    edited = client.post(f"{base}/{second['id']}/edit", data={
        "csrf": csrf, **texts, "owner": "กองคลัง", **{f"shown-{k}": v for k, v in texts.items()}})
    assert load_plan(path)["measures"][1]["owner"] == "กองคลัง"
    # the first is dropped: the second is the first the documents number
    assert _saved_line(edited.text) == f"บันทึกแล้ว: มาตรการที่ 1 {second['title']} — ข้อความที่แก้ไข"
    # only the measure saved says so
    assert _saved_line(edited.text) and 'id="saved-line"' not in _article(edited.text, first["id"])
    english = client.get(f"/plan/example.plan.yaml?saved={quote(second['id'], safe='')}&did=keep&lang=en").text
    assert _saved_line(english) == f"Saved: measure 1, {second['title']} — kept"
    assert 'id="saved-line"' not in client.get(f"/plan/example.plan.yaml?saved={quote(second['id'], safe='')}&did=x").text


def test_a_dropped_measure_offers_its_undo_not_a_second_drop(client: TestClient, tmp_path: Path) -> None:
    upload(client, EXAMPLE)
    path = tmp_path / "example.plan.yaml"
    mid = load_plan(path)["measures"][0]["id"]
    page = client.get("/plan/example.plan.yaml?lang=th").text
    assert 'value="drop"' in _article(page, mid)
    dropped = client.post(f"/plan/example.plan.yaml/measure/{mid}/decide",
                          data={"csrf": csrf_of(page), "action": "drop", "reason": "ทำแล้วในปีก่อน"}).text
    article = unwrapped(_article(dropped, mid))
    assert 'value="drop"' not in article and "ตัดออก</button>" not in article  # no drop again
    assert "ยกเลิกการตัดออก: คงมาตรการนี้ไว้" in article and 'value="keep"' in article
    undone = client.post(f"/plan/example.plan.yaml/measure/{mid}/decide",
                         data={"csrf": csrf_of(dropped), "action": "keep"}).text
    assert load_plan(path)["measures"][0]["status"] == "kept"
    article = unwrapped(_article(undone, mid))
    assert 'value="drop"' in article and "ยกเลิกการตัดออก" not in article


def _docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_the_note_field_says_where_it_prints_and_it_prints_there(client: TestClient, tmp_path: Path) -> None:
    upload(client, EXAMPLE)
    path = tmp_path / "example.plan.yaml"
    m = load_plan(path)["measures"][0]
    page = client.get("/plan/example.plan.yaml?lang=th").text
    hint = re.search(rf'<p class="hint" id="note-hint-{re.escape(m["id"])}">(.*?)</p>', page, re.DOTALL)
    assert hint and f'aria-describedby="note-hint-{m["id"]}"' in page
    said = " ".join(unwrapped(hint.group(1)).split())
    assert said.startswith("พิมพ์เฉพาะในรายงานผลการดำเนินการตามมาตรการ") and "ช่องหมายเหตุ/ปัญหาอุปสรรค" in said
    assert "ไม่พิมพ์ในเอกสารมาตรการและแบบฟอร์มโครงการ" in said
    texts = {"title": m["title"], "owner": m["owner"], "timeline": m["timeline"], "method": "\n".join(m["method"]),
             "evidence": "\n".join(m["evidence"]), "note": "", "rationale": m.get("rationale") or "", "budget": ""}
    note = "รอจัดซื้อครุภัณฑ์ตามงบประมาณปีถัดไป"
    saved = client.post(f"/plan/example.plan.yaml/measure/{m['id']}/edit", follow_redirects=False,
                        data={"csrf": csrf_of(page), **texts, "note": note, **{f"shown-{k}": v for k, v in texts.items()}})
    assert saved.status_code == 303 and load_plan(path)["measures"][0]["note"] == note
    # what the hint says, as the documents print it: the report (not finished) and the sheet, not the measures
    assert f"หมายเหตุ: {note}" in _docx_text(client.get("/plan/example.plan.yaml/download/report").content)
    sheet = load_workbook(io.BytesIO(client.get("/plan/example.plan.yaml/download/xlsx").content)).active
    header = next(r for r in sheet.iter_rows(values_only=True) if r and "หมายเหตุ/ปัญหาอุปสรรค (กรณียังไม่แล้วเสร็จหรือยกเลิก)" in r)
    column = header.index("หมายเหตุ/ปัญหาอุปสรรค (กรณียังไม่แล้วเสร็จหรือยกเลิก)")
    assert note in [r[column] for r in sheet.iter_rows(values_only=True) if len(r) > column]
    for kind in ("docx", "cards"):
        assert note not in _docx_text(client.get(f"/plan/example.plan.yaml/download/{kind}").content), kind


def _downloads(page: str) -> list[str]:
    return re.findall(r'href="/plan/example.plan.yaml/download/([a-z-]+)" download', page.split('id="scorecard"')[0])


def test_the_report_on_this_years_measures_is_not_offered_before_anything_is_recorded(client: TestClient,
                                                                                      tmp_path: Path) -> None:
    import datetime

    upload(client, EXAMPLE)
    path = tmp_path / "example.plan.yaml"
    text = path.read_text(encoding="utf-8")
    year = load_plan(path)["plan_year"]
    today = datetime.date.today()
    now = today.year + 543 + (1 if today.month >= 10 else 0)  # the fiscal year that runs now: not over
    path.write_text(text.replace(f"plan_year: {year}", f"plan_year: {now}"), encoding="utf-8")
    plan = load_plan(path)
    count = len([m for m in plan["measures"] if m.get("status") != "dropped"])
    page = client.get("/plan/example.plan.yaml?lang=th").text
    assert "report" not in _downloads(page) and "report-pdf" not in _downloads(page)
    assert {"docx", "pdf", "xlsx", "cards"} <= set(_downloads(page))
    said = " ".join(unwrapped(re.search(r'<p class="hint" id="report-early">(.*?)</p>', page, re.DOTALL).group(1))
                    .split())
    assert f"เมื่อสิ้นปีงบประมาณ {now} (30 กันยายน {now})" in said
    assert f"รายงานจะแสดงทั้ง {count} มาตรการว่ายังไม่ได้ดำเนินการ จึงยังไม่มีให้ดาวน์โหลด" in said
    # the report on last year's measures stays where it was: its section and its upload form
    assert 'href="#last-measures"' in page and 'id="last-measures"' in page
    assert 'action="/plan/example.plan.yaml/last-measures"' in page
    assert client.get("/plan/example.plan.yaml/download/report").status_code == 200  # a link kept still works

    mid = plan["measures"][0]["id"]
    empty = {"status": "not started", "done": "", "outcome": "", "links": "", "started": "", "finished": "",
             "suggestion": "", "reason": ""}
    client.post(f"/plan/example.plan.yaml/measure/{mid}/progress", data={
        "csrf": csrf_of(page), **empty, "status": "in progress", "done": "ประชุมชี้แจงแล้ว", "started": f"1/10/{now - 1}",
        **{f"shown-{k}": v for k, v in empty.items()}})
    page = client.get("/plan/example.plan.yaml?lang=th").text
    assert {"report", "report-pdf"} <= set(_downloads(page))
    said = " ".join(unwrapped(re.search(r'<p class="hint" id="report-early">(.*?)</p>', page, re.DOTALL).group(1))
                    .split())
    assert said == f"ปีงบประมาณ {now} ยังไม่สิ้นสุด (สิ้นสุดวันที่ 30 กันยายน {now}) รายงานผลการดำเนินการตามมาตรการ" \
                   f"จะแสดงผลที่บันทึกไว้จนถึงขณะนี้ ซึ่งยังไม่ได้ดำเนินการ {count - 1} จาก {count} มาตรการ", said

    path.write_text(text.replace(f"plan_year: {year}", "plan_year: 2560"), encoding="utf-8")  # a year over
    page = client.get("/plan/example.plan.yaml?lang=th").text
    assert {"report", "report-pdf"} <= set(_downloads(page)) and 'id="report-early"' not in page


def test_the_agencys_own_measure_is_given_its_budget_checked_as_the_plan_file_checks_it(client: TestClient,
                                                                                       tmp_path: Path) -> None:
    from test_web_newcomer import document_text
    from test_web_own_measure import NO_GIFT

    location = upload(client, EXAMPLE).headers["location"]
    path = tmp_path / location.removeprefix("/plan/")
    page = client.get(location + "?lang=th").text
    form = re.search(r'<form [^>]*class="grid add-own">.*?</form>', page, re.DOTALL)
    assert form and 'name="budget"' in form.group() and 'id="add-budget-hint"' in form.group()
    typed = {"csrf": csrf_of(page), "source": "own", "indicator": "10", "dimension": "1", "title": NO_GIFT,
             "owner": "สำนักปลัด", "timeline": "ม.ค. 2570 – มี.ค. 2570", "method": "จัดทำประกาศ\nเผยแพร่ประกาศ",
             "evidence": "ประกาศเจตนารมณ์"}
    before = len(load_plan(path)["measures"])
    for bad in ("สามหมื่น", "-500"):  # as the loader refuses agency.budgets: nothing added, the form kept
        refused = client.post(f"{location}/add", data={**typed, "budget": bad})
        assert refused.status_code == 400 and len(load_plan(path)["measures"]) == before
        said = " ".join(unwrapped(html.unescape(refused.text)).split())
        assert f"งบประมาณ (บาท): '{bad}' ไม่ใช่จำนวนเงินบาท" in said, said[-3000:]
        assert f'id="add-budget" name="budget" value="{bad}"' in refused.text and f'value="{NO_GIFT}"' in refused.text
    added = client.post(f"{location}/add", data={**typed, "budget": "๓๐,๐๐๐"})  # Thai digits and commas, as typed
    plan = load_plan(path)
    mid = plan["measures"][-1]["id"]
    assert plan["measures"][-1]["title"] == NO_GIFT and plan["agency"]["budgets"][mid] == 30000
    article = _article(added.text, mid)
    assert '<dd class="budget">30,000</dd>' in article and 'name="budget" value="30,000"' in article
    assert "เพิ่มเข้าในแผนแล้ว" in _saved_line(added.text)
    cards = document_text(client.get(f"{location}/download/cards").content)
    card = cards.split(NO_GIFT.replace("มาตรการ", "กิจกรรม", 1))[1].split("ชื่อโครงการ/กิจกรรม:")[0]
    assert "๓๐,๐๐๐" in card, card
    blank = client.post(f"{location}/add", data={**typed, "title": "มาตรการของหน่วยงานเอง", "budget": " "},
                        follow_redirects=False)
    assert blank.status_code == 303 and load_plan(path)["measures"][-1]["id"] not in load_plan(path)["agency"]["budgets"]


def test_eit_given_as_its_mean_alone_is_shown_as_its_mean_with_its_parts_said_unknown(client: TestClient,
                                                                                      tmp_path: Path) -> None:
    import yaml
    from itaplan.ita.framework import load_framework

    fw = load_framework(2568)  # EIT in two parts; its questions given without their part: the mean of both
    questions = {code: 100 if q.tool == "OIT" else 95.0 if q.tool == "IIT" else 84.0 for code, q in fw.questions.items()}
    source = tmp_path.parent / "eit-mean.yaml"
    source.write_text(yaml.safe_dump({"agency": {"name": "องค์การบริหารส่วนตำบลทดสอบ"}, "fiscal_year": 2568,
                                      "questions": questions}, allow_unicode=True), encoding="utf-8")
    page = client.get(upload(client, source).headers["location"] + "?lang=th").text
    tools = re.search(r'<table class="tools">.*?</table>', page, re.DOTALL).group()
    assert "–" not in tools and "EIT1" not in tools and "EIT2" not in tools
    assert "EIT (ค่าเฉลี่ยของสองส่วน)" in unwrapped(tools)
    assert re.search(r'<td class="n fail" colspan="2" id="eit-mean">84.00</td>', tools)  # below 85: a part is too
    said = unwrapped(re.search(r'<p class="hint" id="eit-parts">(.*?)</p>', page, re.DOTALL).group(1))
    assert said == "EIT: ทราบเฉพาะค่าเฉลี่ยของสองส่วน (84.00) ผลการประเมินไม่ได้ระบุคะแนนแต่ละส่วน (EIT1, EIT2) " \
                   "จึงไม่ทราบคะแนนของแต่ละส่วน"
    # the parts given: each in its box, nothing said of a mean alone
    parts = client.get(upload(client, EXAMPLE).headers["location"] + "?lang=th").text
    tools = re.search(r'<table class="tools">.*?</table>', parts, re.DOTALL).group()
    assert "<th>EIT1</th><th>EIT2</th>" in tools and "–" not in tools and 'id="eit-parts"' not in parts


def test_a_goal_already_reached_is_named_and_a_higher_one_offered(client: TestClient) -> None:
    """'บรรลุเป้าหมายนี้แล้ว' under three goals read as any of them: the line names the goal chosen, and points to a
    higher one only where there is one."""
    upload(client, EXAMPLE)  # total 87.02
    page = client.get("/plan/example.plan.yaml?lang=th&goal=85").text
    found = re.search(r'<p id="goal-reached">(.*?)</p>', page, re.DOTALL)
    assert found, "no line says the goal is reached"
    said = " ".join(unwrapped(found.group(1)).split())
    assert "เป้าหมายที่เลือก (คะแนนรวม 85) บรรลุแล้ว" in said and "เลือกเป้าหมายที่สูงขึ้น" in said
    higher = client.get("/plan/example.plan.yaml?lang=th&goal=95").text
    assert 'id="goal-reached"' not in higher


def test_a_phone_is_given_the_chart_drawn_for_its_width(client: TestClient) -> None:
    """At 390 px the 900-px chart shrank to labels of four pixels: a phone's browser picks the chart drawn for it."""
    upload(client, EXAMPLE)
    page = client.get("/plan/example.plan.yaml?lang=th").text
    assert re.search(r'<source media="\(max-width: 600px\)" srcset="/plan/example\.plan\.yaml/chart\.svg\?narrow=1"',
                     page)

    def width_pt(svg: str) -> float:
        found = re.search(r'<svg[^>]* width="([0-9.]+)pt"', svg)
        assert found
        return float(found.group(1))

    wide = client.get("/plan/example.plan.yaml/chart.svg")
    narrow = client.get("/plan/example.plan.yaml/chart.svg?narrow=1")
    assert narrow.headers["content-type"].startswith("image/svg+xml")
    assert width_pt(narrow.text) < 0.5 * width_pt(wide.text)
