"""Deadlines already past or close on the day a plan is read (round 15's newcomer: a plan drafted on 7 December
printed O11's "each month's data within the next month, from the first month of the fiscal year" — October's data was
already late — and "ภายใน ธ.ค. 2569", three weeks away, without a word). draft, review, check and the web page tell the
officer what is late and what is due within weeks, in the interface's language; the documents keep the NACC's dates.
Golden cases as data: the day read -> the lines said of the bundled example's FY2570 plan."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from itaplan.base import thai
from itaplan.base.i18n import translate
from itaplan.cli import main
from itaplan.drafting.model import Plan
from itaplan.drafting.plan import load_plan
from itaplan.followup.deadlines import deadline_warnings

# the example plan's measures with OIT items: 5 (O10, before the checking), 6 (O11, monthly), 7 (O22), 8 (O26)
E_SERVICE, PROCUREMENT = "measure 5 (มาตรการพัฒนาการให้บริการออนไลน์ (E-Service))", \
    "measure 6 (มาตรการเปิดเผยข้อมูลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ)"
ESTIMATED = "(estimated from the checking period of FY2569)"
CASES = {
    # before the year's first month is over nothing is late; December's deadline is more than 45 days away
    "2026-10-05": [],
    # drafted on 7 December: October's procurement data is late, November's and the standing items due in 24 days
    "2026-12-07": [
        f"{E_SERVICE}: item O10 must be online by the end of December 2569 {ESTIMATED}, in 24 days: do this first",
        f"{PROCUREMENT}: the data of October 2569 for item O11 had to be online by the end of November 2569, which "
        "has passed: publish it as soon as possible",
        f"{PROCUREMENT}: the data of November 2569 for item O11 must be online by the end of December 2569, in 24 "
        "days: do this first"],
    # in the middle of January: the standing items are late, two months' data too, December's due in 16 days
    "2027-01-15": [
        f"{E_SERVICE}: item O10 had to be online by the end of December 2569 {ESTIMATED}, which has passed: publish "
        "it as soon as possible",
        f"{PROCUREMENT}: the data of October 2569 to November 2569 for item O11 had to be online within the month "
        "after each, which has passed: publish it as soon as possible",
        f"{PROCUREMENT}: the data of December 2569 for item O11 must be online by the end of January 2570, in 16 "
        "days: do this first"],
    "2027-10-01": [],  # the year is over: said on its own (warn_if_past, the page's year-over note)
}


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    folder = tmp_path_factory.mktemp("deadlines")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(thai, "today", lambda: datetime.date(2026, 12, 7))
        drafted = CliRunner().invoke(main, ["-q", "draft", "-o", str(folder / "plan.yaml")])
    assert drafted.exit_code == 0, drafted.output
    return load_plan(folder / "plan.yaml")


def _of(lines: list[str], measures: tuple[str, ...] = (E_SERVICE, PROCUREMENT)) -> list[str]:
    return [line for line in lines if line.startswith(measures)]


@pytest.mark.parametrize("day", CASES)
def test_what_is_late_and_due_soon_on_a_day(plan: Plan, day: str) -> None:
    assert _of(deadline_warnings(plan, datetime.date.fromisoformat(day))) == CASES[day]


def test_every_measure_with_items_due_is_named_on_the_drafting_day(plan: Plan) -> None:
    said = deadline_warnings(plan, datetime.date(2026, 12, 7))
    assert [re.match(r"measure (\d+)", line).group(1) for line in said] == ["5", "6", "6", "7", "8"]  # type: ignore[union-attr]


def test_a_measure_done_says_nothing_and_one_under_way_only_what_is_still_to_come(plan: Plan) -> None:
    changed: Plan = {**plan, "measures": [dict(m) for m in plan["measures"]]}  # type: ignore[typeddict-item]
    numbered = [m for m in changed["measures"] if m.get("status") != "dropped"]
    numbered[4]["progress"] = {"status": "done"}
    numbered[5]["progress"] = {"status": "in progress"}
    said = _of(deadline_warnings(changed, datetime.date(2027, 1, 15)))
    assert said == [CASES["2027-01-15"][2]]  # measure 6 under way: its late months may be online; the next is said


def test_an_imported_plan_of_last_year_says_nothing(plan: Plan) -> None:
    assert deadline_warnings({**plan, "imported": {"source": "x.docx"}}, datetime.date(2026, 12, 7)) == []  # type: ignore[typeddict-unknown-key]


def test_the_lines_are_thai_under_a_thai_interface(plan: Plan) -> None:
    thai_lines = [translate(line, "th") for line in deadline_warnings(plan, datetime.date(2027, 1, 15))]
    assert thai_lines[0] == ("มาตรการที่ 5 (มาตรการพัฒนาการให้บริการออนไลน์ (E-Service)): ข้อ O10 ต้องเผยแพร่บนเว็บไซต์"
                             "ภายใน ธ.ค.\u00a02569 (ประมาณจากช่วงการตรวจประเมินของปี 2569) ซึ่งเลยกำหนดแล้ว "
                             "ควรเผยแพร่โดยเร็วที่สุด")
    assert "ข้อมูลเดือน ต.ค.\u00a02569 – พ.ย.\u00a02569 ตามข้อ O11 ต้องเผยแพร่ภายในเดือนถัดไปของแต่ละเดือน" in thai_lines[1]
    for line in thai_lines:
        assert not re.search(r"[a-z]{3,}", line.replace("E-Service", "")), line  # Thai but for codes and names
    english = deadline_warnings(plan, datetime.date(2027, 1, 15))
    assert not any(re.search("[\u0e00-\u0e7f]", re.sub(r"\(.*?\)\)?:", "", line)) for line in english), english


def test_draft_review_and_check_say_them_beside_the_documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(thai, "today", lambda: datetime.date(2026, 12, 7))
    runner = CliRunner()
    plan = tmp_path / "plan.yaml"
    drafted = runner.invoke(main, ["draft", "-o", str(plan)])
    assert drafted.exit_code == 0
    line = f"warning: {CASES['2026-12-07'][1]}"
    assert line in drafted.output
    reviewed = runner.invoke(main, ["review", str(plan), "--plain", "--width", "1000"])
    assert reviewed.exit_code == 0 and line in reviewed.output
    checked = runner.invoke(main, ["check", str(plan)])
    assert checked.exit_code == 0 and f"{plan}: {line}" in checked.output
    thai_check = runner.invoke(main, ["--lang", "th", "check", str(plan)])
    assert "ข้อมูลเดือน ต.ค.\u00a02569 ตามข้อ O11 ต้องเผยแพร่บนเว็บไซต์ภายใน พ.ย.\u00a02569 ซึ่งเลยกำหนดแล้ว" in thai_check.output
    rendered = runner.invoke(main, ["render", str(plan), "-o", str(tmp_path / "plan.md")])
    assert rendered.exit_code == 0
    document = (tmp_path / "plan.md").read_text(encoding="utf-8")
    assert "เลยกำหนด" not in document and "do this first" not in document  # the documents keep the NACC's dates


def test_the_web_page_lists_them_in_thai_and_not_once_the_year_is_over(monkeypatch: pytest.MonkeyPatch,
                                                                       tmp_path: Path) -> None:
    from helpers import unwrapped
    from starlette.testclient import TestClient
    from test_web_app import upload
    from itaplan.web import create_app

    monkeypatch.setattr(thai, "today", lambda: datetime.date(2026, 12, 7))
    client = TestClient(create_app(tmp_path), base_url="http://127.0.0.1")
    answer = upload(client, Path(__file__).resolve().parent.parent / "examples" / "example.yaml")
    page = client.get(answer.headers["location"]).text
    found = re.search(r'<details class="warning" id="deadlines".*?</details>', page, re.S)
    assert found, "no list of deadlines on the plan's page"
    listed = unwrapped(found.group(0))
    assert "ข้อมูลที่มาตรการต้องเผยแพร่บนเว็บไซต์ซึ่งเลยกำหนดแล้วหรือใกล้ถึงกำหนด (5 รายการ)" in listed
    assert "ข้อมูลเดือน ต.ค.\u00a02569 ตามข้อ O11 ต้องเผยแพร่บนเว็บไซต์ภายใน พ.ย.\u00a02569 ซึ่งเลยกำหนดแล้ว" in listed
    assert "must be online" not in page and "do this first" not in page
    monkeypatch.setattr(thai, "today", lambda: datetime.date(2027, 10, 5))
    assert 'id="deadlines"' not in client.get(answer.headers["location"]).text
