"""The web officer's twenty-third trial: an imported action plan's tracking sheet printed an empty scores sheet and
an empty indicator column; the tracking sheet printed through LibreOffice ran to eight pages with its title cut; the
home page counted a cancelled measure among those in force; the plan page in December led with notes on the report
rather than with what to do now."""

from __future__ import annotations

import io
import re
from pathlib import Path

from openpyxl import load_workbook
from starlette.testclient import TestClient
from conftest import ROOT
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
