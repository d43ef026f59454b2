"""The tracking sheet read back by a three-way merge (a newcomer's trial lost data): each row's hidden record of its
progress as the sheet was written tells a cell the officer changed from one the plan changed since; and the words
officers use for a status (cancelled, doing, ยกเลิก …) on the command line, in the sheet and on the web form."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT
from itaplan.cli import main
from itaplan.content.catalogue import load_catalogue
from itaplan.drafting.plan import load_plan
from itaplan.followup.progress import status_words
from openpyxl import load_workbook
from test_followup import fill_sheet, older_sheet

TODAY = "2026-11-21"
NOTE_HEADER = "หมายเหตุ"  # column P: หมายเหตุ/ปัญหาอุปสรรค … (fill_sheet finds it by its first words)
RECORD_HEADER = "ข้อมูลเดิมเมื่อจัดทำแบบติดตาม (ห้ามแก้ไข)"


def cli(*args: str, code: int = 0) -> str:
    """A command's output (progress dated today's trial date)."""
    result = CliRunner().invoke(main, [*args, *(["--as-of", TODAY] if args[0] == "progress" else [])])
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result.output


def measure(plan: Path, number: int) -> dict:
    """A measure of the plan by its number in the documents (none dropped in these plans)."""
    return load_plan(plan)["measures"][number - 1]


@pytest.fixture()
def written(tmp_path: Path) -> tuple[Path, Path]:
    """A plan whose measure 5 is in progress, and its tracking sheet written then."""
    plan = tmp_path / "plan.yaml"
    cli("draft", str(ROOT / "tests" / "data" / "example-2568.yaml"), "-o", str(plan), "--engine", "pure")
    cli("progress", str(plan), "--measure", "5", "--status", "in progress", "--done", "เปิดช่องทางรับฟังออนไลน์")
    sheet = tmp_path / "tracking.xlsx"
    CliRunner().invoke(main, ["render", "--arabic-digits", str(plan), "-o", str(sheet)])
    return plan, sheet


def ids(plan: Path) -> list[str]:
    return [m["id"] for m in load_plan(plan)["measures"]]


def test_the_hidden_record_is_in_a_hidden_column_never_printed(written: tuple[Path, Path]) -> None:
    plan, sheet = written
    ws = load_workbook(sheet).worksheets[0]
    header = {c.value: c.column_letter for c in ws[3]}
    assert header[RECORD_HEADER] == "R" and ws.column_dimensions["R"].hidden and ws.column_dimensions["Q"].hidden
    record = json.loads(ws["R8"].value)
    assert record == {"id": ids(plan)[4], "status": "in progress", "done": "เปิดช่องทางรับฟังออนไลน์"}
    assert json.loads(ws["R4"].value) == {"id": ids(plan)[0], "status": "not started"}
    assert ws.row_dimensions[4].height < 200  # the record makes no row taller


def test_the_trials_order_keeps_what_the_command_line_recorded_after_the_sheet(written: tuple[Path, Path],
                                                                                tmp_path: Path) -> None:
    """The trial: sheet written; measure 1 set in progress with a note and measure 5 given an outcome on the command
    line; the sheet read back, as written and with another row filled in: measure 1 is not reset to not started,
    its note and measure 5's outcome stay, the other row is taken, and the command says what was kept."""
    plan, sheet = written
    cli("progress", str(plan), "--measure", "1", "--status", "in progress", "--note", "รอประชุมประจำเดือน")
    cli("progress", str(plan), "--measure", "5", "--outcome", "คำร้องออนไลน์ 120 เรื่อง")
    entered = plan.read_bytes()
    said = cli("progress", str(plan), "--from", str(sheet))
    assert plan.read_bytes() == entered and "nothing changed" in said
    assert re.search(r"tracking\.xlsx: row 4: sheet 'มาตรการ', measure 1 '[^']+': kept from the plan, changed there "
                     r"since the sheet was written \(the row has it as written\): the progress status, the note", said)
    assert re.search(r"row 8: .*measure 5 '[^']+': kept from the plan.*: the outcome$", said, re.MULTILINE)
    fill_sheet(sheet, {ids(plan)[2]: {"สถานะ": "ดำเนินการแล้ว", "สิ่งที่ได้ดำเนินการ": "ทบทวนแล้ว",
                                      "วันที่ดำเนินการแล้วเสร็จ": "1/11/2569"}}, tmp_path / "filled.xlsx")
    said = cli("progress", str(plan), "--from", str(tmp_path / "filled.xlsx"))
    first, third, fifth = measure(plan, 1), measure(plan, 3), measure(plan, 5)
    assert first["progress"]["status"] == "in progress" and first["note"] == "รอประชุมประจำเดือน"
    assert fifth["progress"]["outcome"] == "คำร้องออนไลน์ 120 เรื่อง"
    assert fifth["progress"]["done"] == "เปิดช่องทางรับฟังออนไลน์"
    assert third["progress"] == {**third["progress"], "status": "done", "done": "ทบทวนแล้ว", "finished": "2026-11-01"}
    assert "1 of 10 measures changed" in said and "the progress status, the note" in said


def test_a_cell_changed_where_the_plan_did_not_change_is_taken_beside_the_plans_changes(
        written: tuple[Path, Path], tmp_path: Path) -> None:
    plan, sheet = written
    cli("progress", str(plan), "--measure", "2", "--status", "in progress")  # after the sheet: the plan's
    fill_sheet(sheet, {ids(plan)[1]: {"ข้อเสนอแนะ": "ทำต่อในปีหน้า"},  # the sheet's, in the same row
                       ids(plan)[4]: {"สถานะ": "ดำเนินการแล้ว", "วันที่ดำเนินการแล้วเสร็จ": "1/11/2569"}},
               tmp_path / "filled.xlsx")
    cli("progress", str(plan), "--from", str(tmp_path / "filled.xlsx"))
    second, fifth = measure(plan, 2)["progress"], measure(plan, 5)["progress"]
    assert second["status"] == "in progress" and second["suggestion"] == "ทำต่อในปีหน้า"
    assert fifth["status"] == "done" and fifth["done"] == "เปิดช่องทางรับฟังออนไลน์"  # what was done: as written


def test_a_field_changed_in_both_to_different_values_is_a_problem_and_nothing_is_recorded(
        written: tuple[Path, Path], tmp_path: Path) -> None:
    plan, sheet = written
    cli("progress", str(plan), "--measure", "1", "--status", "in progress", "--note", "รอประชุมประจำเดือน")
    cli("progress", str(plan), "--measure", "5", "--outcome", "คำร้องออนไลน์ 120 เรื่อง")
    fill_sheet(sheet, {ids(plan)[0]: {NOTE_HEADER: "งบประมาณไม่พอ", "สถานะ": "ยกเลิก"},
                       ids(plan)[4]: {"ผลลัพธ์": "คำร้องออนไลน์ 120 เรื่อง"},  # the same in both: agreed
                       ids(plan)[2]: {"ข้อเสนอแนะ": "ทำต่อ"}}, tmp_path / "both.xlsx")
    before = plan.read_bytes()
    said = cli("progress", str(plan), "--from", str(tmp_path / "both.xlsx"), code=2)
    errors = [line for line in said.splitlines() if line.startswith("error:")]
    assert len(errors) == 2, errors
    assert re.search(r"both\.xlsx: row 4: sheet 'มาตรการ' column I 'สถานะ', measure 1 '[^']+': changed both in this "
                     r"sheet and in the plan since the sheet was written: the sheet says 'ยกเลิก', the plan "
                     r"'อยู่ระหว่างดำเนินการ' \(when the sheet was written: 'ยังไม่ดำเนินการ'\); to keep the plan's, type "
                     r"it in this cell; to keep the sheet's, record it in the plan first with `itaplan progress PLAN "
                     r"--measure 1 --status …`; then read the sheet again", errors[0]), errors[0]
    assert "column P 'หมายเหตุ" in errors[1] and "the sheet says 'งบประมาณไม่พอ', the plan 'รอประชุมประจำเดือน'" \
        in errors[1] and "--measure 1 --note …" in errors[1]
    assert plan.read_bytes() == before  # nothing half-written
    thai = CliRunner().invoke(main, ["--lang", "th", "progress", str(plan), "--from", str(tmp_path / "both.xlsx"),
                                     "--as-of", TODAY], env={"ITAPLAN_LANG": "en"})  # the language not left set
    assert thai.exit_code == 2 and "มีการแก้ไขทั้งในตารางนี้และในแผน" in thai.output
    assert "บันทึกค่านั้นลงในแผนก่อนด้วยคำสั่ง `itaplan progress PLAN --measure 1 --status …`" in thai.output


def test_rows_sorted_by_the_officer_and_records_moved_apart_still_merge(written: tuple[Path, Path],
                                                                        tmp_path: Path) -> None:
    """Officers sort the rows (by owner, by status): each row's record goes with it, and a record is found by the id
    inside it, so even records left behind by a sort of the visible columns only are each their measure's."""
    plan, sheet = written
    cli("progress", str(plan), "--measure", "1", "--status", "in progress", "--note", "รอประชุมประจำเดือน")
    wb = load_workbook(sheet)
    ws = wb.worksheets[0]
    rows = [[c.value for c in ws[r]] for r in range(4, 14)]
    for r, values in zip(range(4, 14), reversed(rows), strict=True):  # sorted backwards, hidden columns too
        for column, value in enumerate(values, start=1):
            ws.cell(row=r, column=column).value = value
    ws["R4"].value, ws["R5"].value = ws["R5"].value, ws["R4"].value  # two records swapped
    wb.save(tmp_path / "sorted.xlsx")
    said = cli("progress", str(plan), "--from", str(tmp_path / "sorted.xlsx"))
    assert "row 13: sheet 'มาตรการ', measure 1" in said and "the progress status, the note" in said
    first = measure(plan, 1)
    assert first["progress"]["status"] == "in progress" and first["note"] == "รอประชุมประจำเดือน"


def test_an_older_sheet_keeps_what_its_empty_cells_would_clear_and_warns_once_a_measure(
        written: tuple[Path, Path], tmp_path: Path) -> None:
    """A sheet written by an older itaplan (no hidden record) is read as before, except that a cell it leaves empty
    does not clear what the plan records: the plan's value is kept, and a warning says so per measure."""
    plan, sheet = written
    older = older_sheet(sheet, tmp_path / "older.xlsx")
    cli("progress", str(plan), "--measure", "1", "--status", "in progress", "--note", "รอประชุมประจำเดือน")
    cli("progress", str(plan), "--measure", "5", "--outcome", "คำร้องออนไลน์ 120 เรื่อง", "--suggestion", "ขยายผล")
    said = cli("progress", str(plan), "--from", str(older))
    warnings = [line for line in said.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 2, warnings
    assert re.search(r"older\.xlsx: row 4: .*measure 1 '[^']+': the row leaves these empty but the plan records "
                     r"them \(entered after this sheet was written\), so the plan's are kept: the note; to clear one, "
                     r"write a new sheet", warnings[0]), warnings[0]
    assert "row 8:" in warnings[1] and "kept: the outcome, the suggestion for next year;" in warnings[1]
    first, fifth = measure(plan, 1), measure(plan, 5)
    assert first["note"] == "รอประชุมประจำเดือน"
    assert first["progress"]["status"] == "not started"  # the status the older sheet says is taken, as before
    assert fifth["progress"]["outcome"] == "คำร้องออนไลน์ 120 เรื่อง" and fifth["progress"]["suggestion"] == "ขยายผล"
    quiet = CliRunner().invoke(main, ["-q", "progress", str(plan), "--from", str(older), "--as-of", TODAY])
    assert quiet.exit_code == 0 and "warning:" in quiet.output  # a warning is said even when quiet


# -- the words for a status ---------------------------------------------------------------------------------

WORDS = [("cancelled", "dropped"), ("Canceled", "dropped"), ("cancel", "dropped"), ("ยกเลิก", "dropped"),
         ("ยกเลิกแล้ว", "dropped"), ("in_progress", "in progress"), ("in-progress", "in progress"),
         ("doing", "in progress"), ("Ongoing", "in progress"), ("อยู่ระหว่างดำเนินการ", "in progress"),
         ("กำลังดำเนินการ", "in progress"), ("not_started", "not started"), ("todo", "not started"),
         ("To-do", "not started"), ("ยังไม่ดำเนินการ", "not started"), ("ยังไม่เริ่ม", "not started"),
         ("finished", "done"), ("complete", "done"), ("Completed", "done"), ("ดำเนินการแล้ว", "done"),
         ("ดำเนินการ แล้ว", "done"), ("เสร็จสิ้น", "done"),
         ("กำลังทำ", "in progress"), ("อยู่ระหว่างทำ", "in progress")]  # an officer's everyday words (a newcomer's trial)


@pytest.mark.parametrize("word,status", WORDS)
def test_the_natural_words_for_each_status_are_read(word: str, status: str) -> None:
    from itaplan.followup.progress import status_named

    words = status_words(load_catalogue([ROOT / "recommendations"]).text)
    assert status_named(word, words) == status


def test_progress_status_cancelled_on_the_command_line_drops_the_measure(written: tuple[Path, Path]) -> None:
    plan, _ = written
    cli("progress", str(plan), "--measure", "3", "--status", "cancelled", "--note", "ไม่ได้รับงบประมาณ")
    assert measure(plan, 3)["progress"]["status"] == "dropped" and measure(plan, 3)["note"] == "ไม่ได้รับงบประมาณ"
    cli("progress", str(plan), "--measure", "4", "--status", "in-progress")
    cli("progress", str(plan), "--measure", "2", "--status", "ongoing")
    assert [measure(plan, n)["progress"]["status"] for n in (2, 4)] == ["in progress", "in progress"]
    refused = cli("progress", str(plan), "--measure", "4", "--status", "stalled", code=2)
    assert ("status 'stalled' is not one of: ยังไม่ดำเนินการ, not started, todo; อยู่ระหว่างดำเนินการ, in progress, "
            "doing, ongoing; ดำเนินการแล้ว, done, finished, completed; ยกเลิก, dropped, cancelled") in refused


def test_the_sheet_reads_cancelled_and_thai_forms_of_a_status(written: tuple[Path, Path], tmp_path: Path) -> None:
    plan, sheet = written
    fill_sheet(sheet, {ids(plan)[2]: {"สถานะ": "cancelled", NOTE_HEADER: "ไม่ได้รับงบประมาณ"},
                       ids(plan)[3]: {"สถานะ": "กำลัง ดำเนินการ"}}, tmp_path / "words.xlsx")
    cli("progress", str(plan), "--from", str(tmp_path / "words.xlsx"))
    assert measure(plan, 3)["progress"]["status"] == "dropped"
    assert measure(plan, 4)["progress"]["status"] == "in progress"
    fill_sheet(sheet, {ids(plan)[3]: {"สถานะ": "ค้างอยู่"}}, tmp_path / "unknown.xlsx")
    refused = cli("progress", str(plan), "--from", str(tmp_path / "unknown.xlsx"), code=2)
    assert "status 'ค้างอยู่' is not one of: ยังไม่ดำเนินการ, not started, todo;" in refused


def test_the_plan_file_loads_after_a_merge(written: tuple[Path, Path]) -> None:
    plan, sheet = written
    cli("progress", str(plan), "--measure", "1", "--status", "done", "--done", "ประชุมแล้ว", "--finished", "1/11/2569")
    cli("progress", str(plan), "--from", str(sheet))  # an older sheet would refuse this row (STALE_ROW); no more
    assert yaml.safe_load(plan.read_text(encoding="utf-8"))["measures"][0]["progress"]["status"] == "done"


# -- the web app: the progress form and the tracking sheet's upload --------------------------------------------

def test_the_web_upload_merges_as_the_command_line_does(tmp_path: Path) -> None:
    """The trial's order on the web: the sheet downloaded, a measure's progress recorded in its form, the sheet
    uploaded as downloaded: what the form recorded stays and the page says it was kept; the sheet then changed in
    the same cell is refused, located, and nothing is recorded. A form's 'cancelled' drops a measure."""
    import io

    from itaplan.web.app import create_app
    from starlette.testclient import TestClient
    from test_web_app import csrf_of, upload
    from test_web_hostile import forms_of

    client = TestClient(create_app(tmp_path, max_upload=200_000), base_url="http://127.0.0.1",
                        raise_server_exceptions=False)
    location = upload(client, ROOT / "examples" / "example.yaml").headers["location"]
    path = tmp_path / location.removeprefix("/plan/")
    sheet = client.get(f"{location}/download/xlsx").content
    first = load_plan(path)["measures"][0]["id"]
    action = f"{location}/measure/{first}/progress"
    opened = forms_of(client.get(f"{location}?lang=en").text)[action]
    saved = client.post(action, data={**opened, "status": "in progress", "outcome": "ประชุมแล้ว 2 ครั้ง"},
                        follow_redirects=False)
    assert saved.status_code == 303, saved.text[:500]

    def send(data: bytes, lang: str = "en"):
        page = client.get(f"{location}?lang={lang}").text
        return client.post(f"{location}/tracking", data={"csrf": csrf_of(page)},
                           files={"sheet": ("tracking.xlsx", data)}, follow_redirects=False)

    kept = send(sheet, "th")
    assert kept.status_code == 303, kept.text[:500]
    progress = load_plan(path)["measures"][0]["progress"]
    assert progress["status"] == "in progress" and progress["outcome"] == "ประชุมแล้ว 2 ครั้ง"
    page = client.get(kept.headers["location"]).text
    assert "คงค่าตามแผนไว้ เนื่องจากแผนมีการแก้ไขหลังจากสร้างตาราง" in page and "สถานะการดำเนินการ, ผลลัพธ์" in page

    wb = load_workbook(io.BytesIO(sheet))
    wb.worksheets[0]["K4"].value = "ประชุมแล้ว 3 ครั้ง"  # the outcome, changed in the form since
    changed = io.BytesIO()
    wb.save(changed)
    before = path.read_bytes()
    refused = send(changed.getvalue(), "th")
    assert refused.status_code == 400
    assert "แถว 4" in refused.text and "คอลัมน์ K" in refused.text
    assert "มีการแก้ไขทั้งในตารางนี้และในแผนหลังจากสร้างตาราง" in refused.text
    assert "ตารางระบุว่า &#39;ประชุมแล้ว 3 ครั้ง&#39; แต่แผนระบุว่า &#39;ประชุมแล้ว 2 ครั้ง&#39; (เมื่อสร้างตาราง" \
        "ระบุว่า &#39;—&#39;)" in refused.text
    assert "ที่แบบฟอร์มผลการดำเนินการของมาตรการที่ 1 ในหน้านี้" in refused.text and "--measure" not in refused.text
    assert path.read_bytes() == before

    third = load_plan(path)["measures"][2]["id"]
    action = f"{location}/measure/{third}/progress"
    opened = forms_of(client.get(f"{location}?lang=en").text)[action]
    dropped = client.post(action, data={**opened, "status": "cancelled", "reason": "ไม่ได้รับงบประมาณ"},
                          follow_redirects=False)
    assert dropped.status_code == 303, dropped.text[:500]
    assert load_plan(path)["measures"][2]["progress"]["status"] == "dropped"


@pytest.mark.slow
def test_the_hidden_record_survives_a_libreoffice_round_trip(written: tuple[Path, Path], tmp_path: Path) -> None:
    """The sheet opened and saved again in LibreOffice (as officers without Excel do): the record column stays hidden
    and is read back, so what the command line recorded since is kept."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice not installed")
    plan, sheet = written
    cli("progress", str(plan), "--measure", "1", "--status", "in progress", "--note", "รอประชุมประจำเดือน")
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "xlsx", "--outdir", str(tmp_path / "lo"), str(sheet)],
                   check=True, capture_output=True, timeout=180)
    again = tmp_path / "lo" / "tracking.xlsx"
    ws = load_workbook(again).worksheets[0]
    assert ws.column_dimensions["R"].hidden and json.loads(ws["R4"].value)["status"] == "not started"
    said = cli("progress", str(plan), "--from", str(again))
    assert "kept from the plan" in said and "the progress status, the note" in said
    assert measure(plan, 1)["progress"]["status"] == "in progress" and measure(plan, 1)["note"] == "รอประชุมประจำเดือน"


def test_the_obstacle_recorded_shows_in_the_note_column_and_reads_back_as_it_was_edited(tmp_path: Path) -> None:
    """Web officer's eighth trial: the obstacle recorded on the web (progress.reason) left the sheet's
    หมายเหตุ/ปัญหาอุปสรรค cell empty, and its hidden record lacked it. Now the cell shows the reason, then the note;
    a sheet read back unchanged changes nothing, and an edited cell changes what it showed."""
    plan = tmp_path / "plan.yaml"
    cli("draft", str(ROOT / "tests" / "data" / "example-2568.yaml"), "-o", str(plan), "--engine", "pure")
    mid = ids(plan)[4]
    cli("progress", str(plan), "--measure", "5", "--status", "in progress", "--done", "ขออนุมัติโครงการแล้ว",
        "--reason", "รอจัดสรรงบประมาณจ้างพัฒนาระบบ")
    sheet = tmp_path / "tracking.xlsx"
    assert CliRunner().invoke(main, ["render", "--arabic-digits", str(plan), "-o", str(sheet)]).exit_code == 0
    ws = load_workbook(sheet).worksheets[0]
    assert str(ws["P3"].value).startswith(NOTE_HEADER)
    assert ws["P8"].value == "รอจัดสรรงบประมาณจ้างพัฒนาระบบ"
    assert json.loads(ws["R8"].value)["reason"] == "รอจัดสรรงบประมาณจ้างพัฒนาระบบ"
    entered = plan.read_bytes()
    assert "nothing changed" in cli("progress", str(plan), "--from", str(sheet))
    assert plan.read_bytes() == entered
    edited = tmp_path / "edited.xlsx"
    fill_sheet(sheet, {mid: {NOTE_HEADER: "รอจัดสรรงบประมาณปี 2571"}}, edited)
    cli("progress", str(plan), "--from", str(edited))
    m = measure(plan, 5)
    assert m["progress"]["reason"] == "รอจัดสรรงบประมาณปี 2571" and not m.get("note")
    # the reason and a note: both in the cell, the reason first; the note's line edited changes the note only
    cli("progress", str(plan), "--measure", "5", "--note", "ประสานกองคลังแล้ว")
    second = tmp_path / "tracking-2.xlsx"
    assert CliRunner().invoke(main, ["render", "--arabic-digits", str(plan), "-o", str(second)]).exit_code == 0
    assert load_workbook(second).worksheets[0]["P8"].value == "รอจัดสรรงบประมาณปี 2571\nประสานกองคลังแล้ว"
    entered = plan.read_bytes()
    assert "nothing changed" in cli("progress", str(plan), "--from", str(second))
    assert plan.read_bytes() == entered
    fill_sheet(second, {mid: {NOTE_HEADER: "รอจัดสรรงบประมาณปี 2571\nประสานกองคลังแล้ว รอตอบกลับ"}}, edited)
    cli("progress", str(plan), "--from", str(edited))
    m = measure(plan, 5)
    assert m["progress"]["reason"] == "รอจัดสรรงบประมาณปี 2571" and m["note"] == "ประสานกองคลังแล้ว รอตอบกลับ"
