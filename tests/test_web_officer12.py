"""The officer who works only in the web app, a twelfth trial: one mistyped score corrected on the plan page (no
results file edited outside the app), a year chosen on the upload form that the file contradicts said first, and
the catalogue's measures listed under their indicators rather than as a numbered list."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from itaplan.cli import main
from starlette.testclient import TestClient
from test_web_app import client, csrf_of, plan_files  # noqa: F401 - the fixture
from test_web_officer9 import problems_of

EXAMPLES = Path(__file__).parent.parent / "examples"


def _year_field(page: str) -> str | None:
    found = re.search(r'<select id="framework".*?</select>', page, re.DOTALL)
    assert found
    chosen = re.search(r'<option value="(\d*)" selected>', found.group())
    return chosen.group(1) if chosen else None


def test_a_year_chosen_on_the_form_that_the_file_contradicts_is_said_first(client: TestClient,
                                                                          tmp_path: Path) -> None:
    csrf = csrf_of(client.get("/?lang=th").text)
    data = (EXAMPLES / "agency.csv").read_bytes()  # its first row: ปีงบประมาณ,2568
    refused = client.post("/upload", data={"csrf": csrf, "framework": "2569"}, files={"results": ("ผล.csv", data)})
    assert refused.status_code == 400
    said = problems_of(refused.text)
    first = "ผล.csv แถว 1: ไฟล์ระบุปีงบประมาณ 2568 แต่เลือกปี 2569 ไว้ในช่อง 'ปีงบประมาณของผลการประเมิน' " \
            "ให้เลือก 'ตามที่ระบุในไฟล์'"
    assert first in " ".join(said.split()), said
    assert "ไม่มีข้อ" not in said and "O1–O26" not in said and "--framework" not in said  # no code refused one by one
    assert _year_field(refused.text) == "2569"  # the choice is kept, to be changed
    assert plan_files(tmp_path) == []
    pasted = (EXAMPLES / "itas.txt").read_text(encoding="utf-8")  # 'ประจำปีงบประมาณ พ.ศ. ๒๕๖๘'
    refused = client.post("/upload", data={"csrf": csrf, "framework": "2569", "text": pasted})
    said = " ".join(problems_of(refused.text).split())
    assert refused.status_code == 400 and "ข้อความที่วาง บรรทัด 1: ข้อความที่วางระบุปีงบประมาณ 2568 แต่เลือกปี 2569" in said
    # chosen as the file says: drafted, of the file's year
    drafted = client.post("/upload", data={"csrf": csrf, "framework": ""}, files={"results": ("ผล.csv", data)},
                          follow_redirects=False)
    assert drafted.status_code == 303
    # the same year chosen as the file says: no contradiction
    same = client.post("/upload", data={"csrf": csrf, "framework": "2568", "text": pasted}, follow_redirects=False)
    assert same.status_code == 303, problems_of(same.text)


def test_the_command_lines_framework_that_the_file_contradicts_is_said_first() -> None:
    runner = CliRunner()
    english = runner.invoke(main, ["--lang", "en", "score", "--framework", "2569", str(EXAMPLES / "agency.csv")],
                            env={"ITAPLAN_LANG": "en"})
    assert english.exit_code == 2 and "Traceback" not in english.output
    lines = [line for line in english.output.splitlines() if line.strip()]
    assert "row 1: the results give fiscal year 2568, but fiscal year 2569 was asked for (--framework): leave " \
           "--framework out" in lines[0], english.output
    assert "unknown code" not in english.output
    thai = runner.invoke(main, ["--lang", "th", "score", "--framework", "2569", str(EXAMPLES / "itas.txt")],
                         env={"ITAPLAN_LANG": "th"})
    assert thai.exit_code == 2
    assert "ผลการประเมินระบุปีงบประมาณ 2568 แต่ระบุ --framework เป็นปี 2569" in thai.output
    agrees = runner.invoke(main, ["--lang", "en", "score", "--framework", "2568", str(EXAMPLES / "agency.csv")],
                           env={"ITAPLAN_LANG": "en"})
    assert agrees.exit_code == 0, agrees.output


def _example(client: TestClient) -> tuple[str, str]:
    home = client.get("/?lang=th").text
    opened = client.post("/example", data={"csrf": csrf_of(home)}, follow_redirects=False)
    assert opened.status_code == 303
    page = client.get(opened.headers["location"] + "?lang=th").text
    return opened.headers["location"], page


def test_the_catalogue_list_is_grouped_under_its_indicators_not_numbered(client: TestClient) -> None:
    _, page = _example(client)
    listed = re.search(r'<fieldset class="catalogue-list".*?</form>', page, re.DOTALL).group()
    headings = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r'<fieldset class="catalogue-group"><legend>(.*?)</legend>',
                                                               listed, re.DOTALL)]
    assert headings[0] == "ตัวชี้วัดที่ 1: การปฏิบัติหน้าที่", headings
    assert len(headings) == len(set(headings)) > 3  # each indicator once
    assert all(h.startswith("ตัวชี้วัดที่ ") or h == "มาตรการที่ไม่เจาะจงตัวชี้วัดใดตัวชี้วัดหนึ่ง" for h in headings)
    labels = [re.sub(r"<[^>]+>", "", label).strip() for label in re.findall(r'<label class="choice">(.*?)</label>',
                                                                            listed, re.DOTALL)]
    assert labels and not any(re.match(r"\d+\.", label) for label in labels)  # no "1. … 1. … 1. …"
    assert listed.count(" required") == 1  # one choice required of the whole list
