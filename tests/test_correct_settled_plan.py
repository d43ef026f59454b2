"""Correcting the results of a plan whose measures are settled (web officer's trial: i10 80.65 mistyped for 86.65):
a kept measure left answering no weak point, drafted or the officer's own, says the neutral issue of the agency's
own choice everywhere, the page names no rule id, an approved plan takes no measure the agency never adopted, and
an impossible total is said once."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from itaplan.app import amend
from itaplan.checking.check import check_plan
from itaplan.cli import main
from itaplan.content.catalogue import load_catalogue
from itaplan.drafting.plan import load_plan, save_plan
from itaplan.render.dispatch import render

TRIAL = Path(__file__).parent / "data" / "nasing2568_trial.txt"
WRONG, RIGHT = "๘๐.๖๕", "๘๖.๖๕"  # i10 as typed, and as ITAS shows it
OWN = {"title": "มาตรการติดตั้งระบบติดตามรถยนต์ส่วนกลางและบันทึกการใช้รถ", "owner": "สำนักปลัด (งานธุรการ)",
       "timeline": "ม.ค. – มิ.ย. 2569", "method": "ติดตั้งอุปกรณ์ติดตามในรถยนต์ส่วนกลางทุกคัน\nตรวจสมุดบันทึกการใช้รถทุกเดือน",
       "evidence": "รายงานตรวจสมุดบันทึกการใช้รถรายเดือน"}


def _settled(tmp_path: Path, approved: bool, issue: str = "") -> tuple[Path, Path]:
    """The trial's plan, every measure kept, the agency's own measure for i10 added; approved or not."""
    plan_path, fixed = tmp_path / "plan.yaml", tmp_path / "fixed.txt"
    text = TRIAL.read_text(encoding="utf-8")
    assert text.count(WRONG) == 1
    fixed.write_text(text.replace(WRONG, RIGHT), encoding="utf-8")
    assert CliRunner().invoke(main, ["draft", str(TRIAL), "-o", str(plan_path)]).exit_code == 0
    plan = load_plan(plan_path)
    for m in plan["measures"]:
        m["status"] = "kept"
    plan.setdefault("review", {})["log"] = [{"measure": plan["measures"][0]["id"], "action": "keep", "value": ""}]
    if approved:
        plan["agency"].setdefault("signatories", {})["approved"] = {"name": "นายประเสริฐ มั่นคง", "date": "2025-11-15",
                                                                    "position": "นายกองค์การบริหารส่วนตำบลนาสิงห์"}
    save_plan(plan, plan_path)
    amend.add_own(plan_path, OWN, "4", answers=[("i10", 0)])
    if issue:  # the officer's own words for it, typed in the plan file
        plan = load_plan(plan_path)
        plan["measures"][-1]["issue"] = issue
        save_plan(plan, plan_path)
    return plan_path, fixed


def _update(plan: Path, fixed: Path) -> str:
    result = CliRunner().invoke(main, ["draft", str(fixed), "--update", str(plan)], env={"ITAPLAN_LANG": "en"})
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_a_kept_measure_left_answering_nothing_prints_the_neutral_issue_everywhere(tmp_path: Path) -> None:
    catalogue = load_catalogue()
    plan_path, fixed = _settled(tmp_path, approved=True)
    old = load_plan(plan_path)["measures"][0]["issue"]
    assert old.startswith("บุคลากรบางส่วนยังเห็นว่าการขอยืม")
    _update(plan_path, fixed)
    plan = load_plan(plan_path)
    neutral = catalogue.text("added_issue")
    drafted = next(m for m in plan["measures"] if m["id"] == "asset-borrowing-procedure")
    own = next(m for m in plan["measures"] if m["id"] == "own-1")
    assert drafted["issue"] == neutral and not drafted["facts"] and not drafted["rules"]
    assert own["issue"] == neutral and not own["facts"]
    assert all(own[k] == v for k, v in OWN.items() if k in ("title", "owner", "timeline"))  # the officer's texts
    md = render(plan, "md", catalogue=catalogue)
    assert old not in md and md.count("ประเด็น: " + neutral) == 2
    # nothing the documents print disagrees with the figures, but the total the trial's file gives (impossible)
    problems = [p for p in check_plan(plan, catalogue, formats=("md",)) if "GPS" not in p]
    assert all("below every indicator" in p for p in problems), problems


def test_the_officers_own_issue_stays_when_the_weak_point_it_answered_is_gone(tmp_path: Path) -> None:
    plan_path, fixed = _settled(tmp_path, approved=False, issue="รถยนต์ส่วนกลางยังไม่มีบันทึกการใช้ที่ตรวจสอบได้")
    _update(plan_path, fixed)
    own = next(m for m in load_plan(plan_path)["measures"] if m["id"] == "own-1")
    assert own["issue"] == "รถยนต์ส่วนกลางยังไม่มีบันทึกการใช้ที่ตรวจสอบได้" and not own["facts"]


def test_an_approved_plan_takes_no_measure_from_a_correction_and_says_what_is_left(tmp_path: Path) -> None:
    plan_path, fixed = _settled(tmp_path, approved=True)
    before = [m["id"] for m in load_plan(plan_path)["measures"]]
    said = _update(plan_path, fixed)
    assert [m["id"] for m in load_plan(plan_path)["measures"]] == before
    assert "the plan is approved" in said and "was not added" in said and "is added, not yet settled" not in said


def test_a_plan_not_yet_approved_takes_the_drafts_new_measure_unsettled(tmp_path: Path) -> None:
    plan_path, fixed = _settled(tmp_path, approved=False)
    before = [m["id"] for m in load_plan(plan_path)["measures"]]
    said = _update(plan_path, fixed)
    after = load_plan(plan_path)["measures"]
    assert len(after) == len(before) + 1 and after[-1].get("status", "proposed") == "proposed"
    assert "is added, not yet settled" in said and "the plan is approved" not in said


def test_the_page_after_the_correction_names_no_rule_and_says_an_impossible_total_once(tmp_path: Path) -> None:
    import html

    from itaplan.web.app import create_app
    from starlette.testclient import TestClient
    from test_web_app import csrf_of

    plan_path, fixed = _settled(tmp_path, approved=True)
    client = TestClient(create_app(tmp_path, max_upload=200_000), base_url="http://127.0.0.1",
                        raise_server_exceptions=False)
    location = "/plan/plan.yaml"
    csrf = csrf_of(client.get(location + "?lang=th").text)
    answer = client.post(f"{location}/results?lang=th", data={"csrf": csrf},
                         files={"results": ("fixed.txt", fixed.read_bytes())}, follow_redirects=False)
    assert answer.status_code == 303, answer.text[:2000]
    page = html.unescape(re.sub(r"<[^>]+>", " ", client.get(answer.headers["location"]).text))
    page = " ".join(page.split())
    assert "fy2568." not in page  # a rule's id is the auditor's, never the officer's
    assert "หน่วยงาน เลือก" in page or "หน่วยงานเลือกดำเนินมาตรการนี้เอง" in page
    assert "แผนนี้ได้รับอนุมัติแล้ว" in page
    assert page.count("88.51 ที่ระบุในข้อมูลเป็นไปไม่ได้") == 1
    assert "ต่างจากที่คำนวณได้" not in page  # the impossible total's warning says already which total is used


def test_a_kept_measure_left_answering_nothing_has_no_card_citing_the_finding(tmp_path: Path) -> None:
    """A web officer's thirteenth trial: the table said the agency chose the kept measure, but its card's
    หลักการและเหตุผล still said "ผลการประเมิน ITA ชี้ว่า…" (the catalogue's, citing the finding the correction took away)."""
    catalogue = load_catalogue([Path(__file__).parents[1] / "recommendations"])
    plan_path, fixed = _settled(tmp_path, approved=False)
    before = next(m for m in load_plan(plan_path)["measures"] if m["id"] == "asset-borrowing-procedure")
    cited = (before.get("project") or {}).get("rationale") or ""  # the catalogue's: some cite the results
    assert cited
    _update(plan_path, fixed)
    plan = load_plan(plan_path)
    after = next(m for m in plan["measures"] if m["id"] == "asset-borrowing-procedure")
    assert not (after.get("project") or {}).get("rationale")
    cards = render(plan, "md", catalogue=catalogue, cards=True)
    assert cited not in cards


def test_no_maintain_statement_beside_a_kept_measure_on_the_same_indicator(tmp_path: Path) -> None:
    """The same trial: after the correction indicator 4 is strong, and its kept measure is still in the table; the
    analysis gave it a "ควรรักษา…" line too, though an indicator with a measure never gets one."""
    plan_path, fixed = _settled(tmp_path, approved=False)
    _update(plan_path, fixed)
    plan = load_plan(plan_path)
    # the measures kept with no weak point behind them now (the correction's): the agency acts on their indicators
    served = {m["indicator"] for m in plan["measures"] if m.get("status") != "dropped" and not m.get("facts")}
    assert served == {4}
    assert not [m for m in plan["analysis"]["maintain"] if m["indicator"] in served]
