"""A plan imported on the web keeps who signs it: the sign-off that itaplan prints at the end of its Word and Excel
files, and a published document's "ลงชื่อ ... (นาย ...) ตำแหน่ง ...", are read back into agency.signatories, so the
officer checks them rather than typing them again."""

from __future__ import annotations

import copy
from pathlib import Path
from urllib.parse import unquote

from conftest import ROOT
from itaplan.app.session import Session
from itaplan.drafting.plan import load_plan
from itaplan.followup.importer import Row, signatories_in
from itaplan.render.dispatch import render
from starlette.testclient import TestClient
from test_web_app import client, csrf_of  # noqa: F401 - the fixture
from test_web_last_year import bad_lines

SETUP = Session(engine="pure")
SIGNERS = {
    "prepared": {"name": "นางสาวมาลี ศรีสุข", "position": "นักจัดการงานทั่วไปชำนาญการ"},
    "proposed": {"name": "นายวิชัย รักดี", "position": "หัวหน้าสำนักปลัดองค์การบริหารส่วนตำบลห้วยทรายใหญ่ยิ่ง"},
    "approved": {"name": "นายสมชาย ใจดี", "position": "นายกองค์การบริหารส่วนตำบลห้วยทรายใหญ่ยิ่ง"},
}


def signed_plan() -> dict:
    plan = copy.deepcopy(SETUP.plan(SETUP.scorecard(ROOT / "examples" / "example.yaml")))
    plan["agency"]["name"] = "องค์การบริหารส่วนตำบลห้วยทรายใหญ่ยิ่ง"  # a long position: split in Word's narrow column
    plan["agency"]["signatories"] = copy.deepcopy(SIGNERS)
    return plan


def imported_plan(tmp_path: Path, location: str) -> dict:
    return load_plan(tmp_path / unquote(location.rsplit("/", 1)[1]))


def test_a_word_plan_uploaded_keeps_its_signatories(client: TestClient, tmp_path: Path) -> None:
    document = render(signed_plan(), "docx", catalogue=SETUP.catalogue)
    home = client.get("/").text
    done = client.post("/upload", data={"csrf": csrf_of(home)}, files={"results": ("plan.docx", document)},
                       follow_redirects=False)
    assert done.status_code == 303, bad_lines(done.text)
    plan = imported_plan(tmp_path, done.headers["location"])
    assert plan.get("imported") and len(plan["measures"]) == 8
    assert plan["agency"]["signatories"] == SIGNERS
    page = client.get(done.headers["location"]).text
    # the form shows them, and the page says where they came from
    assert 'value="นายวิชัย รักดี"' in page and "อ่านจากส่วนลงนามท้ายไฟล์" in page, bad_lines(page)


def test_an_excel_plan_taken_as_last_years_measures_keeps_its_signatories(client: TestClient, tmp_path: Path) -> None:
    sheet = render(signed_plan(), "xlsx", catalogue=SETUP.catalogue)
    home = client.get("/").text
    done = client.post("/upload", data={"csrf": csrf_of(home), "kind": "measures"},
                       files={"results": ("plan.xlsx", sheet)}, follow_redirects=False)
    assert done.status_code == 303, bad_lines(done.text)
    plan = imported_plan(tmp_path, done.headers["location"])
    assert plan.get("imported") and len(plan["measures"]) == 8  # the sign-off row is no measure, nor part of one
    assert plan["agency"]["signatories"] == SIGNERS
    assert not any("ลงชื่อ" in step for m in plan["measures"] for step in m["method"])


def test_a_published_documents_signature_lines_are_read() -> None:
    text = "\n".join([
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
        "ลงชื่อ ................................ ผู้จัดทำ",
        "(นางสาวมาลี ศรีสุข)",
        "ตำแหน่ง นักจัดการงานทั่วไปชำนาญการ",
        "",
        "ลงชื่อ ................................ ผู้อนุมัติ",
        "( นายสมชาย ใจดี )",
        "นายกองค์การบริหารส่วนตำบลห้วยทราย",  # a position without the word ตำแหน่ง
        "ประกาศ ณ วันที่ ๑ ตุลาคม ๒๕๖๙",
        "ลงชื่อ ................................ ผู้เสนอ",
        "(................................)",  # a blank block: no one named, nothing taken
        "ตำแหน่ง ................................",
    ])
    found = signatories_in([], text, ".txt")
    assert found == {"prepared": {"name": "นางสาวมาลี ศรีสุข", "position": "นักจัดการงานทั่วไปชำนาญการ"},
                     "approved": {"name": "นายสมชาย ใจดี", "position": "นายกองค์การบริหารส่วนตำบลห้วยทราย"}}
    # a block whose role is not said is left out, never guessed
    assert signatories_in([Row(["ลงชื่อ ....\n(นายสมชาย ใจดี)\nตำแหน่ง นายก"], "row 9", signature=True)], "",
                          ".xlsx") == {}


def test_the_tracking_sheet_with_its_sign_off_still_reads_back(tmp_path: Path) -> None:
    from itaplan.content.texts import Texts
    from itaplan.followup.progress import sheet_rows

    path = tmp_path / "plan.xlsx"
    path.write_bytes(render(signed_plan(), "xlsx", catalogue=SETUP.catalogue))
    rows = sheet_rows(path, Texts(SETUP.catalogue, False))
    assert [filled for _, _, filled in rows.rows].count(True) == 8  # the eight measures; the sign-off is no row of one


def test_the_approvers_day_line_is_read_as_the_day_not_the_position(client: TestClient, tmp_path: Path) -> None:
    """The approver's block ends with its day line ("วันที่ ...... เดือน ...... พ.ศ. ......", or the day itself): read
    back, a dotted line is no part of the position, and a day written is the approval's day."""
    plan = signed_plan()
    plan["agency"]["signatories"]["approved"]["date"] = "2026-11-20"
    for fmt in ("docx", "xlsx"):
        home = client.get("/").text
        done = client.post("/upload", data={"csrf": csrf_of(home), "kind": "measures"},
                           files={"results": (f"dated.{fmt}", render(plan, fmt, catalogue=SETUP.catalogue))},
                           follow_redirects=False)
        assert done.status_code == 303, bad_lines(done.text)
        signers = imported_plan(tmp_path, done.headers["location"])["agency"]["signatories"]
        assert signers["approved"] == {**SIGNERS["approved"], "date": "2026-11-20"}, (fmt, signers)
