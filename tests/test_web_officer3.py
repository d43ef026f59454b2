"""The officer who works only in the web app, third round: no dead ends (the official total, removed plans,
last year's measures table), facts the documents agree with, and messages in the form's own words (issue 28)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from conftest import ROOT
from helpers import unwrapped
from itaplan.checking.check import check_plan
from itaplan.content.catalogue import load_catalogue
from itaplan.drafting.plan import load_plan
from starlette.testclient import TestClient
from test_web_app import client, csrf_of, plan_files, upload  # noqa: F401 - the fixture

NAME = "example.plan.yaml"
EXAMPLE = ROOT / "examples" / "example.yaml"  # FY2569: weights the NACC has not confirmed, a computed total


def _plan(client: TestClient) -> str:
    assert upload(client, EXAMPLE).status_code == 303
    return csrf_of(client.get(f"/plan/{NAME}").text)


def _form(html: str, details: str) -> str:
    found = re.search(rf'<details class="{details}".*?</details>', html, re.S)
    assert found, f"no {details} form on the page"
    return found.group(0)


def test_the_official_total_is_entered_on_the_web_and_the_documents_print_it(client: TestClient,
                                                                               tmp_path: Path) -> None:
    csrf = _plan(client)
    path = tmp_path / NAME
    page = client.get(f"/plan/{NAME}").text
    assert "บรรทัด total:" not in page and "total:" not in page  # the terminal's words are not the web's
    warning = re.search(r'<p class="warning" id="estimated">.*?</p>', page, re.S)
    assert warning and "87.02" in warning.group(0)
    form = _form(page, "official")
    assert 'name="total"' in form and 'name="level"' in form and 'name="label"' in form
    # kept a measure first: the officer's decisions survive the new total
    first = load_plan(path)["measures"][0]["id"]
    assert client.post(f"/plan/{NAME}/measure/{first}/decide", data={"csrf": csrf, "action": "keep"},
                       follow_redirects=False).status_code == 303

    bad = client.post(f"/plan/{NAME}/total", data={"csrf": csrf, "total": "๘๗,๑", "level": "Z", "label": ""})
    assert bad.status_code == 400
    print(re.findall(r"<li>.*?</li>", bad.text)[:4]); print(_form(bad.text, "official"))
    form = _form(bad.text, "official")
    assert 'value="๘๗,๑"' in form and "ระดับตามที่ระบบ ITAS แสดง: &#39;Z&#39;" in bad.text
    assert load_plan(path)["scores"]["total_source"] == "computed"

    done = client.post(f"/plan/{NAME}/total", data={"csrf": csrf, "total": "87.10", "level": "A", "label": "ผ่าน"},
                       follow_redirects=False)
    assert done.status_code == 303
    plan = load_plan(path)
    assert plan["scores"]["total"] == 87.1 and plan["scores"]["total_source"] == "given"
    assert plan["scores"]["label_source"] == "given"
    assert any("87.10" in line for line in plan["analysis"]["summary"])
    assert not any("87.02" in line for line in plan["analysis"]["summary"])
    assert plan["measures"][0]["status"] == "kept"
    assert check_plan(plan, load_catalogue(), formats=("json", "md")) == []
    page = client.get(done.headers["location"]).text
    assert 'id="estimated"' not in page and 'value="87.10"' in _form(page, "official")


def test_a_removed_plan_is_listed_on_the_home_page_and_restored_with_a_button(client: TestClient,
                                                                             tmp_path: Path) -> None:
    csrf = _plan(client)
    assert client.post(f"/plan/{NAME}/remove", data={"csrf": csrf}, follow_redirects=False).status_code == 303
    home = client.get("/").text
    assert "ย้ายไฟล์กลับ" not in home  # no terminal or file manager needed
    listed = re.search(r'<section class="card removed-plans".*?</section>', home, re.S)
    assert listed and NAME in listed.group(0)
    kept = re.search(r'name="kept" value="([^"]+)"', listed.group(0)).group(1)
    assert client.post("/restore", data={"kept": kept, "name": NAME}).status_code == 403  # no CSRF token
    # a plan of that name is there again (the same results uploaded anew): refused, a free name offered
    assert upload(client, EXAMPLE).status_code == 303
    refused = client.post("/restore", data={"csrf": csrf, "kept": kept, "name": NAME})
    assert refused.status_code == 400 and "มีแผนชื่อนี้อยู่ในโฟลเดอร์งานแล้ว" in refused.text
    assert 'value="example-2.plan.yaml"' in refused.text
    assert plan_files(tmp_path) == [NAME]
    done = client.post("/restore", data={"csrf": csrf, "kept": kept, "name": "example-2.plan.yaml"},
                       follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/plan/example-2.plan.yaml"
    assert sorted(plan_files(tmp_path)) == ["example-2.plan.yaml", NAME]
    assert not list((tmp_path / ".deleted").iterdir())
    assert 'class="card removed-plans"' not in client.get("/").text
    again = client.post("/restore", data={"csrf": csrf, "kept": kept, "name": "x.plan.yaml"})
    assert again.status_code == 400 and "อาจนำกลับมาใช้แล้ว" in again.text
    bad = client.post("/restore", data={"csrf": csrf, "kept": "../" + NAME, "name": "x.plan.yaml"})
    assert bad.status_code == 400


def test_last_years_measures_table_uploaded_is_imported_for_the_report(client: TestClient, tmp_path: Path) -> None:
    table = ROOT / "examples" / "measures.txt"
    answer = upload(client, table)
    assert answer.status_code == 303, answer.text[:3000]
    name = answer.headers["location"].removeprefix("/plan/")
    plan = load_plan(tmp_path / unquote(name))
    assert plan["plan_year"] == 2568 and len(plan["measures"]) == 5
    page = client.get(answer.headers["location"]).text
    assert "no lines with a question code" not in page
    assert "นำเข้ามาตรการ" in page and "จากตารางมาตรการหรือบัตรโครงการ" in page and "measures.txt" in page and "2568" in page
    report = client.get(f"/plan/{name}/download/report")
    assert report.status_code == 200 and report.content[:2] == b"PK"


def test_a_table_whose_measures_name_no_indicator_is_imported_whole_on_the_web(client: TestClient,
                                                                              tmp_path: Path) -> None:
    """Seed 002's measures table: four of its seven measures name no indicator. All seven are imported, the page says
    which have none and where to set it, and the report downloads (counting them)."""
    answer = upload(client, ROOT / "tests" / "data" / "inputs" / "seed002_measures.txt")
    assert answer.status_code == 303, answer.text[:3000]
    name = answer.headers["location"].removeprefix("/plan/")
    plan = load_plan(tmp_path / unquote(name))
    assert len(plan["measures"]) == 7 and [m["indicator"] for m in plan["measures"]].count(None) == 4
    page = client.get(answer.headers["location"]).text
    assert "มาตรการที่ 2, 4, 5, 7 ไม่ได้ระบุตัวชี้วัด" in page
    for fmt in ("report", "docx", "xlsx"):
        got = client.get(f"/plan/{name}/download/{fmt}")
        assert got.status_code == 200 and got.content[:2] == b"PK", fmt


def test_the_plan_list_counts_the_measures_as_the_documents_do(client: TestClient, tmp_path: Path) -> None:
    csrf = _plan(client)
    plan = load_plan(tmp_path / NAME)
    first, count = plan["measures"][0]["id"], len(plan["measures"])
    assert client.post(f"/plan/{NAME}/measure/{first}/decide", data={"csrf": csrf, "action": "drop",
                                                                      "reason": "ทำแล้วในปีก่อน"},
                       follow_redirects=False).status_code == 303
    row = re.search(r'data-label="มาตรการ">(\d+)<', client.get("/").text)
    assert row and int(row.group(1)) == count - 1


def test_the_cover_is_not_dated_after_the_approval_it_records(client: TestClient, tmp_path: Path) -> None:
    import io

    from docx import Document

    csrf = _plan(client)
    page = client.get(f"/plan/{NAME}").text
    shown = dict(re.findall(r'name="(shown-[^"]+)" value="([^"]*)"', _form(page, "signatories")))
    typed = {k.removeprefix("shown-"): v for k, v in shown.items()}
    typed.update({"approved-name": "นายสมชาย ใจดี", "approved-position": "นายก", "approved-date": "30/11/2569"})
    saved = client.post(f"/plan/{NAME}/signatories", data={"csrf": csrf, **shown, **typed}, follow_redirects=False)
    assert saved.status_code == 303
    plan = load_plan(tmp_path / NAME)
    plan["itaplan"]["drafted"] = "2026-12-07"  # uploaded a week after the approval it records
    from itaplan.drafting.plan import save_plan

    save_plan(plan, tmp_path / NAME)
    text = "\n".join(p.text for p in Document(io.BytesIO(client.get(f"/plan/{NAME}/download/docx").content)).paragraphs)
    issued = [line for line in text.splitlines() if line.startswith("จัดทำ ณ วันที่")]
    assert issued == ["จัดทำ ณ วันที่ ๓๐ พฤศจิกายน พ.ศ. ๒๕๖๙"], issued


def test_a_measures_problems_name_it_by_number_and_title_in_the_forms_words(client: TestClient,
                                                                          tmp_path: Path) -> None:
    csrf = _plan(client)
    page = client.get(f"/plan/{NAME}").text
    plan = load_plan(tmp_path / NAME)
    m = plan["measures"][0]
    form = re.search(rf'<form method="post" action="/plan/{NAME}/measure/{m["id"]}/progress".*?</form>', page, re.S)
    shown = dict(re.findall(r'name="(shown-[^"]+)" value="([^"]*)"', form.group(0)))
    typed = {k.removeprefix("shown-"): v for k, v in shown.items()}
    for status, words in (("done", "ช่องผลการดำเนินการว่างอยู่"), ("dropped", "ช่องเหตุผลที่ยกเลิกว่างอยู่")):
        refused = client.post(f"/plan/{NAME}/measure/{m['id']}/progress",
                              data={"csrf": csrf, **shown, **typed, "status": status})
        assert refused.status_code == 400
        lines = re.findall(r"<li>(.*?)</li>", refused.text.split('id="problems"')[1].split("</section>")[0])
        assert lines and all(m["id"] not in line for line in lines), lines
        assert any(line.startswith(f"มาตรการที่ 1 {m['title']}: ") and words in line for line in lines), lines
        assert "หมายเหตุ" not in " ".join(lines) and "สิ่งที่ได้ดำเนินการ" not in " ".join(lines)


def test_a_signatory_date_that_is_no_date_is_named_by_the_forms_label(client: TestClient) -> None:
    csrf = _plan(client)
    page = client.get(f"/plan/{NAME}").text
    shown = dict(re.findall(r'name="(shown-[^"]+)" value="([^"]*)"', _form(page, "signatories")))
    typed = {k.removeprefix("shown-"): v for k, v in shown.items()}
    typed.update({"approved-name": "นายสมชาย ใจดี", "approved-date": "31/11/2569"})
    refused = client.post(f"/plan/{NAME}/signatories", data={"csrf": csrf, **shown, **typed})
    assert refused.status_code == 400
    assert "agency.signatories" not in refused.text
    assert "ผู้อนุมัติ – วันที่อนุมัติ (เมื่อได้รับอนุมัติแล้ว): &#39;31/11/2569&#39;" in refused.text


def test_an_own_measure_written_with_the_catalogue_still_chosen_is_added_as_the_agencys_own(
        client: TestClient, tmp_path: Path) -> None:
    csrf = _plan(client)
    plan = load_plan(tmp_path / NAME)
    number = plan["analysis"]["indicators"][0]["number"]
    typed = {"source": "catalogue", "rec": "", "indicator": str(number), "title": "จัดอบรมคุณธรรมแก่บุคลากรใหม่",
             "owner": "สำนักปลัด", "timeline": "ม.ค. 2570", "method": "จัดอบรม\nประเมินผล", "evidence": "รายงานผล"}
    done = client.post(f"/plan/{NAME}/add", data={"csrf": csrf, **typed}, follow_redirects=False)
    assert done.status_code == 303
    added = load_plan(tmp_path / NAME)["measures"][-1]
    assert added["title"] == typed["title"] and added["added"]["by"] != "catalogue"


def test_a_measures_budget_is_set_on_its_edit_form_and_printed_on_its_card(client: TestClient,
                                                                         tmp_path: Path) -> None:
    import io

    from docx import Document

    csrf = _plan(client)
    page = client.get(f"/plan/{NAME}").text
    m = load_plan(tmp_path / NAME)["measures"][0]
    form = re.search(rf'<form method="post" action="/plan/{NAME}/measure/{m["id"]}/edit".*?</form>', page, re.S)
    assert form and 'name="budget"' in form.group(0)
    shown = dict(re.findall(r'name="(shown-[^"]+)" value="([^"]*)"', form.group(0)))
    typed = {k.removeprefix("shown-"): v for k, v in shown.items()}
    bad = client.post(f"/plan/{NAME}/measure/{m['id']}/edit", data={"csrf": csrf, **shown, **typed, "budget": "สามหมื่น"})
    # the budget box named with its measure (issue 28, round 4): the page has one per measure
    assert bad.status_code == 400 and re.search(r"งบประมาณ \(บาท\) ของมาตรการที่ \d+ [^:<]+: &#39;สามหมื่น&#39; ไม่ใช่จำนวนเงินบาท", bad.text)
    assert 'value="สามหมื่น"' in bad.text
    done = client.post(f"/plan/{NAME}/measure/{m['id']}/edit", data={"csrf": csrf, **shown, **typed, "budget": "๓๐,๐๐๐"},
                       follow_redirects=False)
    assert done.status_code == 303
    plan = load_plan(tmp_path / NAME)
    assert plan["agency"]["budgets"][m["id"]] == 30000
    # an edit of the measure as the form's other fields are: no longer "awaiting a decision" (web trials 3 and 4)
    assert plan["measures"][0]["status"] == "changed"
    assert check_plan(plan, load_catalogue(), formats=("json", "md")) == []
    cards = Document(io.BytesIO(client.get(f"/plan/{NAME}/download/cards").content))
    text = "\n".join([p.text for p in cards.paragraphs] + [c.text for t in cards.tables for r in t.rows for c in r.cells])
    assert "๓๐,๐๐๐" in text or "30,000" in text


def test_an_own_measure_gets_a_dimension_and_date_hints_fall_in_the_plans_year(client: TestClient,
                                                                             tmp_path: Path) -> None:
    csrf = _plan(client)
    plan = load_plan(tmp_path / NAME)
    page = client.get(f"/plan/{NAME}").text
    year = plan["plan_year"]
    assert f'placeholder="15/3/{year}"' in page and f'placeholder="30/6/{year}"' in page
    assert 'placeholder="15/3/2569"' not in page or year == 2569
    add = _form(page, "add")
    assert 'name="dimension"' in add and "การบริหารราชการด้วยความโปร่งใส" in add
    typed = {"source": "own", "rec": "", "indicator": "1", "dimension": "2", "title": "จัดอบรมคุณธรรมแก่บุคลากรใหม่",
             "owner": "สำนักปลัด", "timeline": "ม.ค. 2570", "method": "จัดอบรม", "evidence": "รายงานผล"}
    assert client.post(f"/plan/{NAME}/add", data={"csrf": csrf, **typed}, follow_redirects=False).status_code == 303
    assert load_plan(tmp_path / NAME)["measures"][-1]["dimension"] == 2
    bad = client.post(f"/plan/{NAME}/add", data={"csrf": csrf, **typed, "dimension": "9"})
    assert bad.status_code == 400 and "มิติ: โปรดเลือกมิติ" in bad.text


def test_thai_names_break_only_between_words(client: TestClient) -> None:
    _plan(client)
    page = client.get(f"/plan/{NAME}").text
    assert '<td><span class="word">การใช้งบประมาณ</span></td>' in page  # never การใช้งบ / ประมาณ at 390 px
    assert '<h1><span class="word">องค์การบริหารส่วนตำบลห้วยทราย</span></h1>' in page
    css = (ROOT / "web" / "static" / "style.css").read_text(encoding="utf-8")
    assert ".word { white-space: nowrap; }" in css


def test_the_tracking_sheets_title_is_over_its_first_printed_page(client: TestClient) -> None:
    import io

    from openpyxl import load_workbook

    _plan(client)
    ws = load_workbook(io.BytesIO(client.get(f"/plan/{NAME}/download/xlsx").content)).worksheets[0]
    assert not ws.col_breaks.brk  # printed one page wide (round 23: two pages wide, LibreOffice cut the title)
    titles = [str(r) for r in ws.merged_cells.ranges if r.min_row <= 2]
    assert titles and all(r.endswith(("P1", "P2")) for r in titles), titles  # over every printed column


def test_the_example_on_the_home_page_points_to_a_plans_page_for_the_official_total(client: TestClient) -> None:
    home = client.get("/").text  # an empty workspace: the bundled example, which takes no total itself
    warning = re.search(r'<p class="warning" id="estimated">.*?</p>', home, re.S)
    assert warning and "ช่องด้านล่าง" not in warning.group(0) and "total:" not in home


def test_an_imported_plan_shows_no_empty_scorecard_and_offers_the_report(client: TestClient, tmp_path: Path) -> None:
    """A plan imported from last year's measures table showed a scorecard of dashes and offered the measures document,
    which printed an analysis of "ไม่มีข้อมูล" (a fresh web officer's trial, issue 28)."""
    answer = upload(client, ROOT / "examples" / "measures.txt")
    name = answer.headers["location"].removeprefix("/plan/")
    page = unwrapped(client.get(answer.headers["location"]).text)
    assert "มาตรการของปีที่ผ่านมา (นำเข้า)" in page and "จึงไม่มีคะแนน ITA" in page
    assert f"/plan/{name}/download/report" in page and f"/plan/{name}/download/xlsx" in page
    assert f"/plan/{name}/download/docx" not in page and f"/plan/{name}/download/cards" not in page
    assert 'id="whatif"' not in page and 'id="measures"' in page
    assert "มาจากตารางมาตรการของปีที่ผ่านมา" in page and "เหตุที่เสนอมาตรการนี้" not in page  # no empty reasons
    assert 'id="year-over"' not in page and "/tmp/" not in page  # last year's is over by design; no server path


def test_the_home_page_names_each_plan_by_its_years_an_imported_table_by_its_measures_year(client: TestClient) -> None:
    """An imported FY2568 measures table was listed as "ผลการประเมินปี 2567", results it never had (web trial)."""
    assert upload(client, ROOT / "examples" / "measures.txt").status_code == 303
    assert upload(client, EXAMPLE).status_code == 303
    home = client.get("/").text
    assert "มาตรการปี 2568 (นำเข้าจากตารางมาตรการ)" in home
    assert "ผลการประเมินปี 2569" in home and "มาตรการปี 2570" in home
    assert "ผลการประเมินปี 2567" not in home
