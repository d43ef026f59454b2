"""The web officer's twenty-third trial: an imported action plan's tracking sheet printed an empty scores sheet and
an empty indicator column; the tracking sheet printed through LibreOffice ran to eight pages with its title cut; the
home page counted a cancelled measure among those in force; the plan page in December led with notes on the report
rather than with what to do now."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from openpyxl import load_workbook
from starlette.testclient import TestClient
from conftest import ROOT
from helpers import unwrapped
from test_web_app import client, csrf_of  # noqa: F401 - the fixture
from test_web_officer14 import action_plan_cards

EXAMPLE = ROOT / "examples" / "example.yaml"


def _imported_action_plan(client: TestClient) -> str:  # noqa: F811
    csrf = csrf_of(client.get("/").text)
    response = client.post("/upload", data={"csrf": csrf, "kind": "measures"},
                           files={"results": ("takro.txt", action_plan_cards().encode())}, follow_redirects=False)
    assert response.status_code == 303, response.text[:2000]
    return response.headers["location"]


def test_an_imported_action_plans_tracking_sheet_has_no_empty_scores_sheet_nor_indicator_column(
        client: TestClient) -> None:  # noqa: F811
    location = _imported_action_plan(client)
    response = client.get(f"{location}/download/xlsx")
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    assert len(wb.worksheets) == 1, wb.sheetnames  # no sheet of scores the plan does not hold
    ws = wb.worksheets[0]
    header = next(r for r in ws.iter_rows(values_only=True) if r and r[0] == "ที่")
    assert "ตัวชี้วัด" not in header and "ข้อที่เกี่ยวข้อง" not in header, header
    # the sheet reads back: its status column is found by its header
    statuses = [r[header.index("สถานะ")] for r in ws.iter_rows(min_row=4, max_row=5, values_only=True)]
    assert all(statuses), statuses


def _example_plan(client: TestClient) -> str:  # noqa: F811
    csrf = csrf_of(client.get("/").text)
    response = client.post("/upload", data={"csrf": csrf}, files={"results": ("example.yaml", EXAMPLE.read_bytes())},
                           follow_redirects=False)
    assert response.status_code == 303
    return response.headers["location"]


def test_a_drafted_plans_tracking_sheet_keeps_its_indicator_column_and_scores(client: TestClient) -> None:  # noqa: F811
    wb = load_workbook(io.BytesIO(client.get(f"{_example_plan(client)}/download/xlsx").content))
    assert len(wb.worksheets) == 2
    header = next(r for r in wb.worksheets[0].iter_rows(values_only=True) if r and r[0] == "ที่")
    assert "ตัวชี้วัด" in header and "ข้อที่เกี่ยวข้อง" in header


def _tracking_sheet(client: TestClient) -> bytes:  # noqa: F811
    response = client.get(f"{_example_plan(client)}/download/xlsx")
    assert response.status_code == 200
    return response.content


def test_the_tracking_sheet_is_set_up_to_print_as_a_document(client: TestClient) -> None:  # noqa: F811
    """Landscape A4, one page wide, the title rows repeated, a print area of the printed columns: printed through
    LibreOffice, the sheet ran to eight pages, its title cut at a column break."""
    wb = load_workbook(io.BytesIO(_tracking_sheet(client)))
    for ws in wb.worksheets:
        setup = ws.page_setup
        assert setup.orientation == "landscape" and str(setup.paperSize) == "9", ws.title  # 9: A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth == 1 and setup.fitToHeight == 0
        assert not ws.col_breaks.brk and ws.print_title_cols is None
        header = next(n for n, r in enumerate(ws.iter_rows(values_only=True), start=1) if r and r[0] == "ที่")
        assert ws.print_title_rows.replace("$", "") == f"1:{header}", ws.print_title_rows  # titles and header
        assert ws.print_area, ws.title
    measures = wb.worksheets[0]
    area = measures.print_area[0] if isinstance(measures.print_area, list) else measures.print_area
    assert area.replace("$", "").endswith(f"P{measures.max_row}"), area  # not the hidden id and record (Q, R)
    assert area.replace("$", "").split("!")[-1].startswith("A1:")
    assert any(rng.min_row == 1 and rng.max_col == 16 for rng in measures.merged_cells.ranges)  # the title across


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_tracking_sheet_printed_through_libreoffice_is_a_few_whole_pages(client: TestClient,  # noqa: F811
                                                                              tmp_path: Path) -> None:
    from pypdf import PdfReader

    sheet = tmp_path / "tracking.xlsx"
    sheet.write_bytes(_tracking_sheet(client))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(sheet)], check=True, timeout=180,
                   capture_output=True)
    pages = PdfReader(tmp_path / "tracking.pdf").pages
    assert len(pages) <= 4, len(pages)  # the eight measures on two pages, the scores on one (was 9)
    first = pages[0].extract_text()
    assert "แบบติดตามผล" in first and "ประจำ" in first and "2570" in first, first[:500]  # the title, whole


def test_the_home_page_counts_the_measures_in_force_and_says_the_cancelled_apart(client: TestClient,  # noqa: F811
                                                                                 tmp_path: Path) -> None:
    """A measure cancelled during the year (ยกเลิก) was counted among those in force; one dropped when the plan was
    settled is in no document, and is not counted."""
    from itaplan.drafting.plan import load_plan, save_plan

    location = _example_plan(client)
    path = tmp_path / location.rsplit("/", 1)[1]
    plan = load_plan(path)
    assert len(plan["measures"]) == 8
    plan["measures"][0]["progress"] = {"status": "dropped", "reason": "ไม่ได้รับงบประมาณ"}
    plan["measures"][1]["status"] = "dropped"
    plan["measures"][1]["note"] = "ซ้ำกับมาตรการอื่น"
    save_plan(plan, path)
    row = re.search(r'<td class="n" data-label="มาตรการ">(.*?)</td>', client.get("/?lang=th").text, re.S)
    assert row and " ".join(re.sub(r"<[^>]+>", " ", row.group(1)).split()) == "6 (ยกเลิก 1)", row
    english = re.search(r'<td class="n" data-label="Measures">(.*?)</td>', client.get("/?lang=en").text, re.S)
    assert english and " ".join(re.sub(r"<[^>]+>", " ", english.group(1)).split()) == "6 (1 cancelled)"
    plan["measures"][0]["progress"] = {"status": "done"}
    save_plan(plan, path)
    row = re.search(r'<td class="n" data-label="มาตรการ">(.*?)</td>', client.get("/?lang=th").text, re.S)
    assert row and row.group(1).strip() == "7"  # none cancelled: the count alone


def test_the_web_docs_open_with_an_officers_guide_in_a_few_numbered_steps() -> None:
    """docs/web.md opened with the modules and their jobs: an officer needs the steps first, in plain words."""
    text = (ROOT / "docs" / "web.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.M)
    guide = sections[1]
    assert guide.startswith("For the officer"), guide[:80]
    steps = re.findall(r"^(\d+)\. \*\*(.+?)\*\*", guide, re.M)
    assert 5 <= len(steps) <= 8 and [int(n) for n, _ in steps] == list(range(1, len(steps) + 1)), steps
    said = " ".join(title.lower() for _, title in steps)
    for step in ("start", "upload", "review", "settle", "download", "progress", "report"):
        assert step in said, (step, said)
    assert "`web/" not in guide and "engine/" not in guide  # no technical detail before the guide ends
    assert "`web/app.py`" in "".join(sections[2:])  # the modules' table follows


def test_the_notes_on_the_report_are_folded_under_one_line_that_counts_them(client: TestClient) -> None:  # noqa: F811
    """In December the page of last year's measures led with notes on their report (whose plan it takes, the OIT
    item not announced yet) before what to do now: two or more are one line with their count, the rest folded."""
    _example_plan(client)  # this year's plan, which the report takes
    csrf = csrf_of(client.get("/").text)
    imported = client.post("/upload", data={"csrf": csrf, "kind": "measures"},
                           files={"results": ("measures-2569.txt", (ROOT / "examples" / "measures-2569.txt")
                                              .read_bytes())}, follow_redirects=False)
    assert imported.status_code == 303
    page = client.get(imported.headers["location"] + "?lang=th").text
    folded = re.search(r'<details class="report-notes" id="report-notes">\s*<summary>(.*?)</summary>(.*?)</details>',
                       page, re.S)
    assert folded, page[:3000]
    summary = " ".join(re.sub(r"<[^>]+>", " ", unwrapped(folded.group(1))).split())
    assert "(2 รายการ)" in summary and "รายงานผลการดำเนินการตามมาตรการ" in summary, summary
    assert 'id="report-next"' in folded.group(2) and 'id="report-item"' in folded.group(2)
    assert page.count('id="report-next"') == 1 and page.count('id="report-item"') == 1
    # a single note stays as it was, unfolded: this year's plan, its report not offered yet
    own = client.get("/plan/example.plan.yaml?lang=th").text
    assert 'id="report-early"' in own and 'id="report-notes"' not in own
