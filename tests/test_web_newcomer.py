"""A fresh officer's trial of the web app (issue 28): what was typed stays where it was typed, and what the
documents print follows from the plan."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from itaplan.drafting.plan import load_plan, save_plan
from itaplan.web import create_app
from openpyxl import load_workbook
from starlette.testclient import TestClient

from test_web_app import EXAMPLE, as_shown, csrf_of, upload

PLAN = "/plan/example.plan.yaml"


@pytest.fixture()
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(tmp_path, max_upload=200_000), base_url="http://127.0.0.1",
                      raise_server_exceptions=False)


def edit_texts(m: dict) -> dict[str, str]:
    return {"title": m["title"], "owner": m["owner"], "timeline": m["timeline"], "method": "\n".join(m["method"]),
            "evidence": "\n".join(m["evidence"]), "note": m.get("note") or ""}


def progress_texts(m: dict) -> dict[str, str]:
    p = m.get("progress") or {}
    return {"status": p.get("status", "not started"), "done": "", "outcome": "", "links": "", "started": "",
            "finished": "", "suggestion": "", "reason": p.get("reason", "")}


def document_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    return "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells])


def sheet_text(data: bytes) -> str:
    wb = load_workbook(io.BytesIO(data))
    return "\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value)


def test_a_note_and_a_cancellation_reason_each_keep_their_place_and_show_on_the_card(
        client: TestClient, tmp_path: Path) -> None:
    upload(client, EXAMPLE)
    path = tmp_path / "example.plan.yaml"
    m = load_plan(path)["measures"][1]
    mid, csrf = m["id"], csrf_of(client.get(PLAN).text)
    shown = edit_texts(m)
    assert client.post(f"{PLAN}/measure/{mid}/edit", follow_redirects=False, data={
        "csrf": csrf, **shown, "note": "ใช้งบประมาณ 20,000 บาท", **as_shown(shown)}).status_code == 303
    page = client.get(PLAN).text
    assert "ใช้งบประมาณ 20,000 บาท" in page  # the note shows on the measure's card
    assert 'name="reason" value=""' in page  # the progress form's reason box is not the note
    before = progress_texts(load_plan(path)["measures"][1])
    done = client.post(f"{PLAN}/measure/{mid}/progress", follow_redirects=False, data={
        "csrf": csrf, **before, "status": "dropped", "reason": "ยกเลิกเนื่องจากสถานการณ์น้ำท่วม", **as_shown(before)})
    assert done.status_code == 303, done.text
    saved = load_plan(path)["measures"][1]
    assert saved["note"] == "ใช้งบประมาณ 20,000 บาท"  # never replaced by the reason
    assert saved["progress"]["reason"] == "ยกเลิกเนื่องจากสถานการณ์น้ำท่วม"
    page = client.get(PLAN).text
    assert "ใช้งบประมาณ 20,000 บาท" in page and "ยกเลิกเนื่องจากสถานการณ์น้ำท่วม" in page
    report = document_text(client.get(f"{PLAN}/download/report").content)
    # in the document's Thai digits, as `itaplan report` writes them (the web's report was Arabic alone)
    assert "ยกเลิกเนื่องจากสถานการณ์น้ำท่วม" in report and "ใช้งบประมาณ ๒๐,๐๐๐ บาท" in report


def test_the_finish_date_shows_on_the_card(client: TestClient, tmp_path: Path) -> None:
    upload(client, EXAMPLE)
    path = tmp_path / "example.plan.yaml"
    m = load_plan(path)["measures"][0]
    before = progress_texts(m)
    response = client.post(f"{PLAN}/measure/{m['id']}/progress", follow_redirects=False, data={
        "csrf": csrf_of(client.get(PLAN).text), **before, "status": "done", "done": "จัดอบรมแล้ว",
        "started": "1/10/2568", "finished": "15/10/2568", **as_shown(before)})
    assert response.status_code == 303, response.text
    card = client.get(PLAN).text.split(f'id="m-{m["id"]}"')[1].split("<details")[0]
    assert "วันที่แล้วเสร็จ" in card and "15 ตุลาคม 2568" in card


def test_keeping_a_dropped_measure_again_prints_no_drop_reason(client: TestClient, tmp_path: Path) -> None:
    upload(client, EXAMPLE)
    path = tmp_path / "example.plan.yaml"
    mid, csrf = load_plan(path)["measures"][0]["id"], csrf_of(client.get(PLAN).text)
    base = f"{PLAN}/measure/{mid}/decide"
    assert client.post(base, data={"csrf": csrf, "action": "drop", "reason": "ซ้ำกับแผนเดิมของกองคลัง"},
                       follow_redirects=False).status_code == 303
    assert client.post(base, data={"csrf": csrf, "action": "keep"}, follow_redirects=False).status_code == 303
    saved = load_plan(path)["measures"][0]
    assert saved["status"] == "kept" and not saved.get("dropped_reason") and not saved.get("note")
    assert "ซ้ำกับแผนเดิมของกองคลัง" not in client.get(PLAN).text
    assert "ซ้ำกับแผนเดิมของกองคลัง" not in document_text(client.get(f"{PLAN}/download/report").content)
    assert "ซ้ำกับแผนเดิมของกองคลัง" not in sheet_text(client.get(f"{PLAN}/download/xlsx").content)


def test_keeping_again_a_measure_dropped_by_an_older_itaplan_clears_the_reason_it_wrote_in_the_note(
        client: TestClient, tmp_path: Path) -> None:
    upload(client, EXAMPLE)
    path = tmp_path / "example.plan.yaml"
    plan = load_plan(path)
    first, second = plan["measures"][0], plan["measures"][1]
    first.update(status="dropped", note="เหตุผลเก่า")  # as a drop wrote it before dropped_reason
    second.update(status="dropped", note="งบประมาณ 5,000 บาท")  # a note of the officer's, the drop said another
    plan.setdefault("review", {})["log"] = [
        {"measure": first["id"], "action": "drop", "value": "เหตุผลเก่า", "at": "2026-01-05T10:00:00"},
        {"measure": second["id"], "action": "drop", "value": "อื่น", "at": "2026-01-05T10:00:00"}]
    save_plan(plan, path)
    csrf = csrf_of(client.get(PLAN).text)
    for m in (first, second):
        client.post(f"{PLAN}/measure/{m['id']}/decide", data={"csrf": csrf, "action": "keep"})
    one, two = load_plan(path)["measures"][:2]
    assert not one.get("note") and two["note"] == "งบประมาณ 5,000 บาท"


def add_own(client: TestClient, **typed: str):
    data = {"csrf": csrf_of(client.get(PLAN).text), "source": "own", "rec": "", "indicator": "1",
            "title": "จัดกิจกรรมวันต่อต้านคอร์รัปชันสากล", "owner": "สำนักปลัด", "timeline": "ม.ค. – มิ.ย. 2570",
            "method": "จัดกิจกรรมรณรงค์\nรายงานผล", "evidence": "ภาพกิจกรรม", **typed}
    return client.post(f"{PLAN}/add", data=data, follow_redirects=False)


def test_an_own_measure_prints_true_complete_sentences_everywhere(client: TestClient, tmp_path: Path) -> None:
    upload(client, EXAMPLE)
    path = tmp_path / "example.plan.yaml"
    assert add_own(client).status_code == 303
    plan = load_plan(path)
    indicator = next(i["name"] for i in plan["analysis"]["indicators"] if i["number"] == 1)
    own = plan["measures"][-1]
    assert own["indicator_name"] == indicator
    page = client.get(PLAN).text
    card_html = page.split('id="m-own-1"')[1].split("<details")[0]
    assert indicator in card_html  # the indicator chosen shows on the page
    word = document_text(client.get(f"{PLAN}/download/docx").content)
    assert f"ตัวชี้วัดที่ 1 {indicator}" in word or f"ตัวชี้วัดที่ ๑ {indicator}" in word
    assert "มาตรการที่หน่วยงานกำหนดเอง" not in word  # listed under its indicator, as the seeds list every measure
    cards = document_text(client.get(f"{PLAN}/download/cards").content)
    section = cards.split(f"ชื่อโครงการ/กิจกรรม: {own['title']}")[1].split("ตัวชี้วัดความสำเร็จ")[0]
    assert "กำหนดมาตรการนี้เอง" in section  # section ๒ says the agency set it, and which indicator
    assert "โดย\n" not in section and not any(line.rstrip().endswith(" โดย") or line.rstrip().endswith("โดย")
                                               for line in section.split("\n"))
    assert "จึงกำหนดจัดกิจกรรมวันต่อต้านคอร์รัปชันสากลขึ้นเป็นมาตรการของหน่วยงานเอง" in section
    assert "ตามที่ได้รับจัดสรร" not in cards and "ยังไม่กำหนด" in section  # as the summary table says it


def test_a_timeline_of_months_without_each_year_marks_every_quarter_it_spans() -> None:
    """ม.ค. – มิ.ย. 2570 was read as มิ.ย. only: marked in ไตรมาส ๓ alone, not ๒ and ๓."""
    from itaplan.render.cards import quarters_of

    assert quarters_of({"timeline": "ม.ค. – มิ.ย. 2570"}, 2570, "") == [2, 3]
    assert quarters_of({"timeline": "พ.ย. – ก.พ. 2570"}, 2570, "") == [1, 2]
    assert quarters_of({"timeline": "ตุลาคม 2569 – กันยายน 2570"}, 2570, "") == [1, 2, 3, 4]


def test_a_catalogue_measure_added_with_no_weak_point_is_worded_as_the_agencys_choice(
        client: TestClient, tmp_path: Path) -> None:
    """anti-bribery added while i3 and e3 scored well printed 'มีความเห็นจากผู้ตอบแบบสำรวจว่ายังมีการเรียก รับ…' and
    'เมื่อผลการประเมินยังพบความเสี่ยงในเรื่องนี้': findings the results never made."""
    upload(client, EXAMPLE)
    path = tmp_path / "example.plan.yaml"
    added = client.post(f"{PLAN}/add", data={"csrf": csrf_of(client.get(PLAN).text), "source": "catalogue",
                                             "rec": "anti-bribery", "indicator": ""}, follow_redirects=False)
    assert added.status_code == 303, added.text
    measure = load_plan(path)["measures"][-1]
    assert measure["id"] == "anti-bribery" and not measure.get("facts")
    word = document_text(client.get(f"{PLAN}/download/cards").content)
    assert "ยังมีการเรียก รับ" not in word and "ยังพบความเสี่ยงในเรื่องนี้" not in word
    card = word.split(f"ชื่อโครงการ/กิจกรรม: {measure['project']['name']}")[1].split("ตัวชี้วัดความสำเร็จ")[0]
    assert "กำหนดมาตรการนี้เอง" in card and "นอกเหนือจากประเด็นที่พบในผลการประเมิน" in card


def test_an_outcome_on_a_measure_not_started_is_refused_in_the_form(client: TestClient, tmp_path: Path) -> None:
    """The progress form shares the command line's check: an outcome on a measure not started (which the report
    printed beside "ยังไม่ดำเนินการ") is refused in the form's words, and nothing is saved."""
    upload(client, EXAMPLE)
    path = tmp_path / "example.plan.yaml"
    m = load_plan(path)["measures"][0]
    before = progress_texts(m)
    response = client.post(f"{PLAN}/measure/{m['id']}/progress?lang=en", follow_redirects=False, data={
        "csrf": csrf_of(client.get(PLAN).text), **before, "outcome": "ผู้เข้าร่วม 40 คน", **as_shown(before)})
    assert response.status_code != 303
    assert "the status is not started but Outcome is filled in" in response.text, response.text[-3000:]
    assert "progress" not in load_plan(path)["measures"][0]
