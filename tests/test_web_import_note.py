"""The officer who works only in the web app imports last year's measures (seed 000's project cards): what the import
asks to check is a short list, each item placed in the file in the interface's language ("บรรทัดที่ 195"), not one
long paragraph holding "000_722d29c12b602e98.txt (line 195): …" in a Thai sentence."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import unwrapped
from itaplan.base import thai
from itaplan.cli import main
from starlette.testclient import TestClient
from test_web_app import client, csrf_of  # noqa: F401 - the fixture

CARDS = Path(__file__).parent / "data" / "seed000_cards.txt"


def _note(client: TestClient, lang: str) -> tuple[str, list[str]]:
    home = client.get(f"/?lang={lang}").text
    done = client.post(f"/upload?lang={lang}", data={"csrf": csrf_of(home), "kind": "measures"},
                       files={"results": ("nasing.txt", CARDS.read_bytes())}, follow_redirects=False)
    assert done.status_code == 303, done.text[:2000]
    page = unwrapped(client.get(done.headers["location"]).text)
    note = re.search(r'<div class="warning note-parts">(.*?)</div>', page, re.S)
    assert note, "the import's note is not shown as parts"
    items = [html.unescape(" ".join(re.sub(r"<[^>]+>", " ", i).split())) for i in re.findall(r"<li>(.*?)</li>", note.group(1), re.S)]
    return note.group(1), items


def test_what_an_import_asks_to_check_is_a_list_placed_in_thai(client: TestClient) -> None:
    note, items = _note(client, "th")
    assert "(line" not in note and not any("nasing.txt" in i for i in items)
    assert "โปรดตรวจสอบรายการต่อไปนี้" in note
    assert any(i.startswith("บรรทัดที่ 195: บัตรโครงการ “กิจกรรมการให้บริการอย่างเท่าเทียมกัน”") for i in items), items
    assert all(re.match(r"(บรรทัดที่|แถวที่|ตารางที่) \d+", i) for i in items), items


def test_in_english_the_list_says_line(client: TestClient) -> None:
    note, items = _note(client, "en")
    assert "To check (nothing was guessed):" in note
    assert any(i.startswith("Line 195: project card 'กิจกรรมการให้บริการอย่างเท่าเทียมกัน'") for i in items), items


def _imported_page(client: TestClient, lang: str) -> str:
    home = client.get(f"/?lang={lang}").text
    done = client.post(f"/upload?lang={lang}", data={"csrf": csrf_of(home), "kind": "measures"},
                       files={"results": ("nasing.txt", CARDS.read_bytes())}, follow_redirects=False)
    assert done.status_code == 303, done.text[:2000]
    return " ".join(re.sub(r"<[^>]+>", " ", unwrapped(client.get(done.headers["location"] + f"?lang={lang}").text))
                    .split())


def test_measures_not_of_last_year_are_said_to_be_so(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """Seed 000's FY2568 measures imported in December 2026 (FY2570 runs): the page said nothing, and the report on
    them is published under O26 of FY2569, a year already over."""
    monkeypatch.setattr(thai, "today", lambda: date(2026, 12, 7))
    said = html.unescape(_imported_page(client, "th"))
    assert ("มาตรการชุดนี้เป็นมาตรการของปีงบประมาณ 2568 (ต.ค. 2567 – ก.ย. 2568) ไม่ใช่ของปีที่ผ่านมา (ปีงบประมาณ 2569) "
            "รายงานผลการดำเนินการตามมาตรการชุดนี้ต้องเผยแพร่ในปีงบประมาณ 2569 ซึ่งสิ้นสุดแล้ว ส่วนรายงานที่เผยแพร่ในปีนี้ "
            "(ปีงบประมาณ 2570) เป็นรายงานผลตามมาตรการของปีงบประมาณ 2569") in said, said[:3000]
    english = html.unescape(_imported_page(client, "en"))
    assert ("These are the measures of fiscal year 2568 (October 2567 – September 2568), not of last year, fiscal year "
            "2569: the report on them was due in fiscal year 2569, a year that is over. This year's report (fiscal year "
            "2570) is on the measures of fiscal year 2569.") in english


def test_last_years_measures_get_no_such_note(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(thai, "today", lambda: date(2025, 12, 7))  # FY2569 runs: FY2568's are last year's
    said = _imported_page(client, "en")
    assert 'id="imported-year"' not in said and "not of last year" not in said


def test_the_import_command_says_so_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(thai, "today", lambda: date(2026, 12, 7))
    out = CliRunner().invoke(main, ["--lang", "en", "import", str(CARDS), "-o", str(tmp_path / "p.yaml")])
    assert out.exit_code == 0, out.output
    assert ("warning: these are the measures of FY2568, not of last year (FY2569): the report on them was due in "
            "FY2569, a year that is over; this year's report (FY2570) is on the measures of FY2569") in out.output
    monkeypatch.setattr(thai, "today", lambda: date(2025, 12, 7))
    again = CliRunner().invoke(main, ["--lang", "en", "import", str(CARDS), "-o", str(tmp_path / "q.yaml")])
    assert again.exit_code == 0 and "not of last year" not in again.output
