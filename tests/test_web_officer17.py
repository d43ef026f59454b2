"""The web officer's seventeenth trial: last year's drafted plan linked from this year's, every recorded field of a
measure on its card, warnings that are still true, said briefly first."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote

from helpers import unwrapped
from starlette.testclient import TestClient
from test_web_app import client, csrf_of  # noqa: F401 - the fixture
from test_web_last_year import drafted


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
