"""The officer who works only in the web app, a fourteenth trial: an anti-corruption action plan imported as last
year's measures said to be what it is, its projects asked for no indicator."""

from __future__ import annotations

import io
import re
from pathlib import Path
from urllib.parse import unquote

from docx import Document
from helpers import unwrapped
from itaplan.checking.check import check_measures
from itaplan.drafting.plan import load_plan
from starlette.testclient import TestClient
from test_web_app import client, csrf_of  # noqa: F401 - the fixture
from test_web_last_year import combined, drafted

AGENCY = "องค์การบริหารส่วนตำบลตะโก"


def action_plan_cards() -> str:
    """Two project cards of an anti-corruption action plan, in seed 004's layout (its cards headed ลำดับที่ N)."""
    card = ["๑. ชื่อโครงการ : {title}", "๒. หลักการและเหตุผล", "เพื่อปรับปรุงบริการ", "๕. วิธีดำเนินการ",
            "๑) สำรวจความพึงพอใจ", "๖. ระยะเวลาดำเนินการ", "ตุลาคม ๒๕๖๘ - กันยายน ๒๕๖๙", "๗. งบประมาณดำเนินการ",
            "ไม่ใช้งบประมาณ", "๘. ผู้รับผิดชอบโครงการ", "สำนักปลัด", "๙. ผลผลิต/ผลลัพธ์", "{outcome}"]
    lines = ["แผนปฏิบัติการป้องกันการทุจริต ปีงบประมาณ พ.ศ. ๒๕๖๙", AGENCY]
    for no, title, outcome in (("๑", "กิจกรรมการเสริมสร้างจิตสำนึกการให้บริการ", "๑) ผู้รับบริการพึงพอใจ"),
                               ("๒", "กิจกรรมคุณธรรมและจริยธรรมในสถานศึกษา", "๑) โรงเรียนคุณธรรม")):
        lines += [f"ลำดับที่ {no}", *(x.format(title=title, outcome=outcome) for x in card)]
    return "\n\n".join(lines)


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", unwrapped(html)).split())


def test_an_imported_action_plan_is_said_to_be_one_and_asks_for_no_indicator(client: TestClient,
                                                                              tmp_path: Path) -> None:
    """Seed 004 imported on the web: 'นำเข้ามาตรการ 16 มาตรการ' under 'มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปี…',
    an indicator asked of all sixteen projects, while its report is the action plan's, which needs none."""
    home = client.get("/").text
    done = client.post("/upload", data={"csrf": csrf_of(home), "kind": "measures"},
                       files={"results": ("takro.txt", action_plan_cards().encode())}, follow_redirects=False)
    assert done.status_code == 303, _text(done.text)
    plan = load_plan(tmp_path / unquote(done.headers["location"].rsplit("/", 1)[1]))
    assert plan["imported"]["kind"] == "action_plan" and plan["plan_year"] == 2569
    page = client.get(done.headers["location"]).text
    said = _text(page)
    assert "นำเข้าโครงการ/กิจกรรม 2 รายการของแผนปฏิบัติการป้องกันการทุจริตจากไฟล์ takro.txt" in said, said
    assert "นำเข้ามาตรการ" not in said and "ไม่ได้ระบุตัวชี้วัด" not in said
    assert "แผนปฏิบัติการป้องกันการทุจริตของปีที่ผ่านมา (นำเข้า)" in said
    assert "โครงการ/กิจกรรมตามแผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2569" in said
    assert "มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ" not in said
    assert "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ" not in said
    assert "มาจากบัตรโครงการในแผนปฏิบัติการป้องกันการทุจริตของปีที่ผ่านมา" in said
    assert "รายงานผลการดำเนินการตามแผนปฏิบัติการป้องกันการทุจริต (Word)" in said
    assert "รายงานผลการดำเนินการตามมาตรการ (Word)" not in said
    assert "ไม่บังคับ โครงการ/กิจกรรมของแผนปฏิบัติการไม่จำเป็นต้องมีตัวชี้วัด ITA" in said  # offered, not asked
    # the report and `itaplan check` ask for none either
    assert not [line for line in check_measures(plan) if "indicator" in line]
    report = client.get(done.headers["location"] + "/download/report")
    assert report.status_code == 200 and report.content[:2] == b"PK"


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join(" ".join([p.text for p in document.paragraphs] + cells).split())


def test_the_report_on_last_years_measures_takes_this_years_plan_of_the_workspace(client: TestClient,
                                                                                  tmp_path: Path) -> None:
    """The report on last year's measures made on the web said "ติดตามผลจากคะแนนของตัวชี้วัดที่ ๗ … ในการประเมิน ITA
    ปี ๒๕๖๙" while the FY2569 results were in this year's plan in the same folder (`itaplan report --next` takes
    it): the page now passes it, and says which."""
    plan = drafted(client)  # Nasingh's FY2569 results: this year's plan (FY2570), the measures of 2569 ran in 2569
    page = client.get(plan).text
    done = client.post(plan + "/last-measures", data={"csrf": csrf_of(page)},
                       files={"measures": ("published.docx", combined(tmp_path.parent / "published.docx")
                                           .read_bytes())}, follow_redirects=False)
    assert done.status_code == 303, _text(done.text)
    imported_page = done.headers["location"]
    said = _text(client.get(imported_page).text)
    this_year = unquote(plan.rsplit("/", 1)[1])
    assert f"รายงานผลการดำเนินการตามมาตรการนี้ใช้แผนของปีนี้ {this_year} (จัดทำจากผลการประเมินปีงบประมาณ 2569" in said
    report = _docx_text(client.get(imported_page + "/download/report").content)
    # a measure tied to this year's measure on the same point, which only this year's plan can say
    assert "(มาตรการที่ ๑ ของปีงบประมาณ ๒๕๗๐) ซึ่งตอบข้อ i๑๐ เช่นเดียวกัน" in report, report
    # a plan of another year's results is not this year's: nothing said, nothing taken
    (tmp_path / this_year).unlink()
    said = _text(client.get(imported_page).text)
    assert "ใช้แผนของปีนี้" not in said
    report = _docx_text(client.get(imported_page + "/download/report").content)
    assert "ของปีงบประมาณ ๒๕๗๐) ซึ่งตอบ" not in report


def test_an_imported_action_plans_signatories_are_those_of_its_report(client: TestClient) -> None:
    """The signatories' form of an imported action plan named its signers '(รายงานผลการดำเนินการตามมาตรการ)': its
    report is the action plan's (web officer's trial)."""
    home = client.get("/").text
    done = client.post("/upload", data={"csrf": csrf_of(home), "kind": "measures"},
                       files={"results": ("takro.txt", action_plan_cards().encode())}, follow_redirects=False)
    said = _text(client.get(done.headers["location"] + "?lang=th").text)
    assert "ผู้รายงาน (รายงานผลการดำเนินการตามแผนปฏิบัติการป้องกันการทุจริต)" in said, said
    assert "ผู้รับทราบ (รายงานผลการดำเนินการตามแผนปฏิบัติการป้องกันการทุจริต)" in said
    assert "(รายงานผลการดำเนินการตามมาตรการ)" not in said


def test_of_two_plans_of_this_years_results_the_report_takes_the_one_worked_on_and_says_so(
        client: TestClient, tmp_path: Path) -> None:  # noqa: F811
    """The same results uploaded twice (the page said so): the report on last year's measures took the untouched
    copy, first by name (example.plan.yaml), not the plan the officer settled (my-results.plan.yaml)."""
    worked = drafted(client)  # nasingh2569_r5.plan.yaml
    copy = drafted(client, "nasingh2569_r5.txt")  # the same results again: a copy of another name
    worked_name, copy_name = (unquote(p.rsplit("/", 1)[1]) for p in (worked, copy))
    assert worked_name != copy_name
    first = (tmp_path / copy_name).rename(tmp_path / "a-copy.plan.yaml")  # first by name
    copy_name = first.name
    page = client.get(worked).text
    measure = load_plan(tmp_path / worked_name)["measures"][0]["id"]
    kept = client.post(f"{worked}/measure/{measure}/decide", data={"csrf": csrf_of(page), "action": "keep"},
                       follow_redirects=False)
    assert kept.status_code in (200, 303), _text(kept.text)
    done = client.post(worked + "/last-measures", data={"csrf": csrf_of(client.get(worked).text)},
                       files={"measures": ("published.docx", combined(tmp_path.parent / "published.docx")
                                           .read_bytes())}, follow_redirects=False)
    assert done.status_code == 303, _text(done.text)
    said = _text(client.get(done.headers["location"]).text)
    assert f"รายงานผลการดำเนินการตามมาตรการนี้ใช้แผนของปีนี้ {worked_name} (จัดทำจาก" in said, said
    assert (f"มีแผนอีกฉบับของหน่วยงานเดียวกันที่จัดทำจากผลการประเมินเดียวกันด้วย ได้แก่ {copy_name} "
            f"รายงานใช้แผน {worked_name} ซึ่งเป็นฉบับที่พิจารณามาตรการไว้มากที่สุด") in said, said
    report = _docx_text(client.get(done.headers["location"] + "/download/report").content)
    assert "ของปีงบประมาณ ๒๕๗๐) ซึ่งตอบ" in report  # this year's plan taken: the worked one, as the page says
    # one plan alone: said as before, no other named
    first.unlink()
    said = _text(client.get(done.headers["location"]).text)
    assert f"ใช้แผนของปีนี้ {worked_name}" in said and "มีแผนอีกฉบับ" not in said


def _progress_form(page: str, mid: str) -> dict[str, str]:
    form = re.search(r'<form method="post" action="[^"]*/measure/' + re.escape(mid) + r'/progress".*?</form>', page,
                     re.S)
    assert form, mid
    shown = dict(re.findall(r'name="shown-([a-z_]+)" value="([^"]*)"', form.group()))
    return {"csrf": csrf_of(page), **{f"shown-{k}": v for k, v in shown.items()}, **shown}


def test_an_imported_action_plans_projects_are_called_projects_in_the_pages_messages(client: TestClient,  # noqa: F811
                                                                                     tmp_path: Path) -> None:
    """The web officer's 21st trial: on an imported action plan, 'บันทึกแล้ว: มาตรการที่ 1 กิจกรรม…' and
    'รายงานจะแสดงมาตรการที่ 4, 6, … ว่ายังไม่แล้วเสร็จ', while its report says โครงการ/กิจกรรม."""
    done = client.post("/upload", data={"csrf": csrf_of(client.get("/").text), "kind": "measures"},
                       files={"results": ("takro.txt", action_plan_cards().encode())}, follow_redirects=False)
    location = done.headers["location"]
    plan = load_plan(tmp_path / unquote(location.rsplit("/", 1)[1]))
    first, second = (m["id"] for m in plan["measures"][:2])
    page = client.get(location + "?lang=th").text
    edit = re.search(r'<form method="post" action="[^"]*/measure/' + re.escape(first) + r'/edit".*?</form>', page, re.S)
    assert edit and "โครงการ/กิจกรรม" in _text(edit.group()) and ">มาตรการ<" not in edit.group()
    note = _text(re.search(r'id="note-hint-' + re.escape(first) + r'".*?</p>', page, re.S).group())
    assert "รายงานผลการดำเนินการตามแผนปฏิบัติการ สำหรับโครงการ/กิจกรรมที่ยังไม่แล้วเสร็จ" in note, note
    saved = client.post(f"{location}/measure/{first}/progress?lang=th",
                        data={**_progress_form(page, first), "status": "done", "done": "จัดอบรม 1 ครั้ง"})
    said = _text(saved.text)
    assert "บันทึกแล้ว: โครงการ/กิจกรรมที่ 1 กิจกรรมการเสริมสร้างจิตสำนึกการให้บริการ" in said, said
    assert "มาตรการที่ 1" not in said
    page = client.get(location + "?lang=th").text
    client.post(f"{location}/measure/{second}/progress?lang=th",
                data={**_progress_form(page, second), "status": "in progress", "done": "ประชุมแล้ว"})
    said = _text(client.get(location + "?lang=th").text)
    assert "โครงการ/กิจกรรมที่ 2 ว่ายังไม่แล้วเสร็จโดยไม่มีเหตุผล" in said, said
    assert "มาตรการที่ 2" not in said
    # a problem on the progress form names the project so too
    page = client.get(location + "?lang=th").text
    bad = client.post(f"{location}/measure/{first}/progress?lang=th",
                      data={**_progress_form(page, first), "status": "done", "finished": "31/02/2569"})
    assert bad.status_code == 400
    problems = _text(re.search(r'<section class="problems".*?</section>', bad.text, re.S).group())
    assert "โครงการ/กิจกรรมที่ 1" in problems and "มาตรการที่ 1" not in problems, problems
