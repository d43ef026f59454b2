"""The officer who works only in the web app, fourth round: the tracking sheet filled in Excel is read back into
its plan (never imported as a new plan), budgets nobody set are printed as not set, one total in every document
(issue 28)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
from conftest import ROOT
from helpers import unwrapped
from itaplan.drafting.plan import load_plan
from itaplan.followup.progress import progress_of
from starlette.testclient import TestClient
from test_web_app import client, csrf_of, plan_files, upload  # noqa: F401 - the fixture

NAME = "example.plan.yaml"
EXAMPLE = ROOT / "examples" / "example.yaml"


def _filled_sheet(client: TestClient, status: str = "ดำเนินการแล้ว", done: str = "เปิดระบบแล้ว",
                  finished: str = "1/11/2569") -> tuple[bytes, str]:
    """The plan's tracking sheet as downloaded, with the first measure's row filled in as an officer does."""
    data = client.get(f"/plan/{NAME}/download/xlsx").content
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    header = next(r for r in range(1, 10) if any(c.value == "รหัสมาตรการ" for c in ws[r]))
    columns = {c.value: c.column for c in ws[header]}
    row = header + 1
    mid = ws.cell(row=row, column=columns["รหัสมาตรการ"]).value
    ws.cell(row=row, column=columns["สถานะ"]).value = status
    ws.cell(row=row, column=columns["สิ่งที่ได้ดำเนินการ"]).value = done
    ws.cell(row=row, column=columns["วันที่ดำเนินการแล้วเสร็จ"]).value = finished
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue(), mid


def test_the_filled_tracking_sheet_is_read_back_into_its_plan_on_the_plan_page(client: TestClient,
                                                                               tmp_path: Path) -> None:
    assert upload(client, EXAMPLE).status_code == 303
    page = client.get(f"/plan/{NAME}").text
    csrf = csrf_of(page)
    assert "อ่านความคืบหน้าจากตารางติดตามผล (Excel)" in unwrapped(page)
    assert f'action="/plan/{NAME}/tracking"' in page
    path = tmp_path / NAME

    bad, mid = _filled_sheet(client, finished="30/2/2569")
    refused = client.post(f"/plan/{NAME}/tracking", data={"csrf": csrf},
                          files={"sheet": ("tracking.xlsx", bad)})
    assert refused.status_code == 400
    assert "tracking.xlsx" in refused.text and "แถว" in refused.text  # the bad cell named by its row
    assert "มาตรการที่ 1 " in refused.text and f"&#39;{mid}&#39;" not in refused.text  # by number, not the hidden id
    assert "/tmp" not in refused.text
    assert progress_of(next(m for m in load_plan(path)["measures"] if m["id"] == mid))["status"] == "not started"

    good, mid = _filled_sheet(client)
    done = client.post(f"/plan/{NAME}/tracking", data={"csrf": csrf},
                       files={"sheet": ("tracking.xlsx", good)}, follow_redirects=False)
    assert done.status_code == 303
    measure = next(m for m in load_plan(path)["measures"] if m["id"] == mid)
    assert progress_of(measure)["status"] == "done" and progress_of(measure)["done"] == "เปิดระบบแล้ว"
    assert (tmp_path / "example.plan.before-progress.yaml").exists() or any(
        "before-progress" in p.name for p in tmp_path.iterdir())
    shown = client.get(done.headers["location"]).text
    assert "1 มาตรการ" in shown  # how many measures changed
    assert plan_files(tmp_path).count(NAME) == 1


def test_a_tracking_sheet_uploaded_on_the_home_page_is_not_imported_as_a_new_plan(client: TestClient,
                                                                                  tmp_path: Path) -> None:
    assert upload(client, EXAMPLE).status_code == 303
    sheet, _ = _filled_sheet(client)
    before = plan_files(tmp_path)
    csrf = csrf_of(client.get("/").text)
    answer = client.post("/upload", data={"csrf": csrf}, files={"results": ("tracking.xlsx", sheet)},
                         follow_redirects=False)
    assert plan_files(tmp_path) == before  # no new plan
    assert answer.status_code == 400
    # said to be a tracking sheet, not imported as a measures table (the home page's own hint names both)
    assert "ตารางติดตามผล" in answer.text and "จึงนำเข้ามาตรการ" not in answer.text
    assert f'href="/plan/{NAME}#tracking"' in answer.text


def _docx_text(data: bytes) -> str:
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    return "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))


def test_a_budget_nobody_set_is_printed_as_not_set(client: TestClient, tmp_path: Path) -> None:
    assert upload(client, EXAMPLE).status_code == 303
    page = client.get(f"/plan/{NAME}").text
    assert 'placeholder="30000"' not in page and 'placeholder="เช่น 30,000"' in page  # no value lookalike
    cards = _docx_text(client.get(f"/plan/{NAME}/download/cards").content)
    # the officer left every budget blank ("เว้นว่างไว้หากยังไม่ทราบ"): nobody decided a measure needs none
    assert "ไม่ใช้งบประมาณ" not in cards and "ยังไม่กำหนด" in cards
    csrf = csrf_of(page)
    mid = load_plan(tmp_path / NAME)["measures"][0]["id"]
    form = re.search(rf'<form[^>]*action="/plan/{NAME}/measure/{mid}/edit".*?</form>', page, re.S).group(0)
    fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form))
    fields.update({k: v for k, v in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)</textarea>', form)})
    fields.update({"csrf": csrf, "budget": "0"})
    assert client.post(f"/plan/{NAME}/measure/{mid}/edit", data=fields, follow_redirects=False).status_code == 303
    cards = _docx_text(client.get(f"/plan/{NAME}/download/cards").content)
    assert "ดำเนินการโดยไม่ใช้งบประมาณ" in cards  # the officer's own 0: no budget, said once


def test_the_excel_sheet_gives_the_change_of_the_official_total(client: TestClient, tmp_path: Path) -> None:
    assert upload(client, EXAMPLE).status_code == 303
    csrf = csrf_of(client.get(f"/plan/{NAME}").text)
    assert client.post(f"/plan/{NAME}/total", data={"csrf": csrf, "total": "87.10", "level": "A", "label": "ผ่าน"},
                       follow_redirects=False).status_code == 303
    previous = load_plan(tmp_path / NAME)["scores"]["previous"]
    expected = round(87.10 - previous["total"], 2)
    assert previous["change"] == expected  # the plan itself: the official total's change
    wb = openpyxl.load_workbook(io.BytesIO(client.get(f"/plan/{NAME}/download/xlsx").content))
    ws = wb["คะแนน"]
    total_row = next(r for r in ws.iter_rows(values_only=True) if "คะแนนรวม" in [str(v) for v in r])
    assert 87.1 in total_row and expected in total_row, total_row


def test_the_report_labels_a_cancellations_reason_apart_from_the_note(tmp_path: Path) -> None:
    from itaplan.content.texts import Texts
    from itaplan.followup.report import build_report
    from itaplan.render.report import result_lines
    from test_documents import PLAN, SETUP

    import copy
    plan = copy.deepcopy(PLAN)
    m = plan["measures"][0]
    m["note"] = "ประสานกับกองคลัง"
    m["progress"] = {"status": "dropped", "reason": "ย้ายไปรวมกับมาตรการอื่น"}
    t = Texts(SETUP.catalogue)
    report = build_report(plan, t)
    row = next(r for r in report["measures"] if r["id"] == m["id"])
    lines = result_lines(row, t)
    assert "เหตุผลที่ยกเลิก: ย้ายไปรวมกับมาตรการอื่น" in lines and "หมายเหตุ: ประสานกับกองคลัง" in lines
    item = next(i for i in report["not_done"] if i["id"] == m["id"])
    assert "เหตุผลที่ยกเลิก: ย้ายไปรวมกับมาตรการอื่น" in item["text"] and "หมายเหตุ: ประสานกับกองคลัง" in item["text"]


def test_a_removed_plan_is_listed_with_its_agency_and_year(client: TestClient, tmp_path: Path) -> None:
    assert upload(client, EXAMPLE).status_code == 303
    csrf = csrf_of(client.get(f"/plan/{NAME}").text)
    assert client.post(f"/plan/{NAME}/remove", data={"csrf": csrf}, follow_redirects=False).status_code == 303
    listed = re.search(r'<section class="card removed-plans".*?</section>', client.get("/").text, re.S).group(0)
    # named by the year of its results, as the list of plans names it (ผลการประเมินปี 2569), not by its plan year
    assert "องค์การบริหารส่วนตำบลห้วยทราย" in listed and "ผลการประเมินปี 2569" in listed and NAME in listed
    main = re.search(r'<table class="plans">.*?</table>', client.get("/").text, re.S)
    assert main is None or "ปีงบประมาณ 2570" not in listed


def test_a_budget_that_is_no_amount_names_its_measure(client: TestClient, tmp_path: Path) -> None:
    assert upload(client, EXAMPLE).status_code == 303
    page = client.get(f"/plan/{NAME}").text
    plan = load_plan(tmp_path / NAME)
    mid, title = plan["measures"][0]["id"], plan["measures"][0]["title"]
    form = re.search(rf'<form[^>]*action="/plan/{NAME}/measure/{mid}/edit".*?</form>', page, re.S).group(0)
    fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form))
    fields.update({k: v for k, v in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)</textarea>', form)})
    fields.update({"csrf": csrf_of(page), "budget": "สามหมื่นบาท"})
    refused = client.post(f"/plan/{NAME}/measure/{mid}/edit", data=fields)
    assert refused.status_code == 400
    line = next(x for x in re.findall(r"<li>(.*?)</li>", refused.text) if "สามหมื่นบาท" in x)
    assert line.startswith(f"งบประมาณ (บาท) ของมาตรการที่ 1 {title}:"), line
