"""A web officer's trial of the project cards (plan of seed 000, องค์การบริหารส่วนตำบลนาสิงห์): a card follows the
number of indicators its measure serves, and its target group holds the number of personnel entered after
drafting."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from helpers import agency_plan
from itaplan.app.session import Session
from itaplan.content.texts import Texts
from itaplan.render.cards import card_fields

ROOT = Path(__file__).resolve().parent.parent
WIDE = str(ROOT / "examples" / "province_wide-2569.csv")


@pytest.fixture(scope="module")
def drafted() -> tuple[dict, Texts]:
    session = Session(use_workspace=False)
    return agency_plan(WIDE, "ท่าช้าง", session), Texts(session.catalogue)


def _own(plan: dict, indicators: list[int]) -> dict:
    """The agency's own measure (added on the web, no weak point behind it) serving ``indicators``."""
    measure = copy.deepcopy(plan["measures"][0])
    names = {i["number"]: i["name"] for i in plan["scores"]["indicators"]}
    measure.update({"id": "own-e-service", "title": "มาตรการพัฒนาการให้บริการออนไลน์ (E-Service)", "added": {"by": "own"},
                    "facts": [], "indicator": indicators[0], "indicators": indicators,
                    "indicator_name": names[indicators[0]], "project": {}, "method": ["เปิดแบบคำขอออนไลน์"]})
    return measure


def test_a_card_serving_two_indicators_names_both(drafted: tuple[dict, Texts]) -> None:
    plan, t = drafted
    card = card_fields(_own(plan, [8, 9]), plan, t)
    said = " ".join(card["ita"])
    assert "ตัวชี้วัดเหล่านี้" in said and "ตัวชี้วัดนี้ " not in said
    both = "ตัวชี้วัดที่ 8 การปรับปรุงระบบการทำงาน และตัวชี้วัดที่ 9 การเปิดเผยข้อมูล"
    assert both in card["rationale"], card["rationale"]
    assert both in card["objectives"][0] and both in card["outcomes"][0]


def test_a_card_serving_one_indicator_says_this_indicator(drafted: tuple[dict, Texts]) -> None:
    plan, t = drafted
    card = card_fields(_own(plan, [8]), plan, t)
    assert any("ตามตัวชี้วัดนี้ " in line for line in card["ita"])
    assert "ตามตัวชี้วัดที่ 8 การปรับปรุงระบบการทำงาน ของการประเมิน" in card["rationale"]
    assert "ตัวชี้วัดที่ 9" not in card["rationale"]


def test_the_staff_entered_after_drafting_is_in_the_catalogues_target_group(drafted: tuple[dict, Texts]) -> None:
    """The number is typed on the web page's staff form (agency.staff) once the plan is drafted: the catalogue's
    {staff_count} was filled with nothing then; the card says it now, and a changed number replaces the old."""
    plan, t = copy.deepcopy(drafted[0]), drafted[1]
    assert not plan["agency"].get("staff")
    borrowing = next(m for m in plan["measures"] if m["id"] == "asset-borrowing-procedure")
    assert borrowing["project"]["target_group"] == "บุคลากรทุกคนของเทศบาลตำบลท่าช้าง"
    plan["agency"]["staff"] = 32
    assert card_fields(borrowing, plan, t)["target_group"] == "บุคลากรทุกคนของเทศบาลตำบลท่าช้าง จำนวน 32 คน"
    borrowing["project"]["target_group"] = "บุคลากรทุกคนของเทศบาลตำบลท่าช้าง จำนวน 30 คน"  # drafted with 30
    assert card_fields(borrowing, plan, t)["target_group"] == "บุคลากรทุกคนของเทศบาลตำบลท่าช้าง จำนวน 32 คน"
    borrowing["project"]["target_group"] = "เจ้าหน้าที่พัสดุของเทศบาลตำบลท่าช้าง"  # the officer's own words stand
    assert card_fields(borrowing, plan, t)["target_group"] == "เจ้าหน้าที่พัสดุของเทศบาลตำบลท่าช้าง"


def _builtin_measures() -> list:
    catalogue = Session(use_workspace=False).catalogue
    return [r for r in catalogue.recommendations.values() if r.kind in ("measure", "standing")]


def test_every_builtin_measure_names_its_project_as_agencies_do() -> None:
    """Seed 000's cards: "กิจกรรมการให้บริการอย่างเท่าเทียมกัน", "โครงการเสริมสร้างความโปร่งใส…": a project, not a
    measure's "มาตรการ…" (the standing measures and the indicator reviews had no name, and printed their title)."""
    for rec in _builtin_measures():
        name = str((rec.data.get("project") or {}).get("name") or "")
        assert name.startswith(("โครงการ", "กิจกรรม")), (rec.id, name)


def test_a_measure_serving_the_public_names_the_public_as_its_target_group() -> None:
    """The card of the EIT standing measure (service and communication with the public) said its target group was
    "ผู้บริหารและบุคลากร… จำนวน ๓๒ คน": every built-in measure of the service users' indicators (6 to 8), or whose
    method serves them, names the public or the service users."""
    public = ("ประชาชน", "ผู้รับบริการ", "ผู้มาติดต่อ", "ผู้เข้าใช้เว็บไซต์")
    for rec in _builtin_measures():
        project = rec.data.get("project") or {}
        serves_public = set(rec.data.get("indicators") or []) <= {6, 7, 8, 9} or rec.id in (
            "iit-equal-treatment", "iit-service-standards", "anti-bribery", "keep-oit-standard")
        if serves_public:
            assert any(word in str(project.get("target_group") or "") for word in public), (rec.id, project)


def test_the_eit_standing_measures_card_serves_the_public(drafted: tuple[dict, Texts]) -> None:
    plan, t = drafted
    session = Session(use_workspace=False)
    rec = session.catalogue.recommendations["keep-eit-standard"]
    measure = copy.deepcopy(plan["measures"][0])
    measure.update({"id": rec.id, "title": rec.title, "project": {
        "name": str(rec.data["project"]["name"]).replace("{agency}", "เทศบาลตำบลท่าช้าง"),
        "target_group": str(rec.data["project"]["target_group"]).replace("{agency}", "เทศบาลตำบลท่าช้าง")}})
    card = card_fields(measure, plan, t)
    assert card["target_group"].startswith("ประชาชนผู้รับบริการ") and card["name"].startswith("กิจกรรม")


def test_a_card_of_a_measure_without_a_project_name_is_named_as_a_project(drafted: tuple[dict, Texts]) -> None:
    """The officer's own measure "มาตรการติดตั้งระบบ GPS…" (no project name): its card "กิจกรรมติดตั้งระบบ GPS…"; a
    title that is not a measure's ("โครงการ…") and a project name given stand as they are."""
    plan, t = drafted
    measure = _own(plan, [4])
    measure["title"] = "มาตรการติดตั้งระบบ GPS รถยนต์ส่วนกลางและบันทึกการใช้รถ"
    assert card_fields(measure, plan, t)["name"] == "กิจกรรมติดตั้งระบบ GPS รถยนต์ส่วนกลางและบันทึกการใช้รถ"
    measure["title"] = "โครงการรถยนต์ส่วนกลางโปร่งใส"
    assert card_fields(measure, plan, t)["name"] == "โครงการรถยนต์ส่วนกลางโปร่งใส"
    measure["project"] = {"name": "โครงการ GPS"}
    assert card_fields(measure, plan, t)["name"] == "โครงการ GPS"


def test_lint_notes_an_office_measure_without_a_project_name(tmp_path: Path) -> None:
    from click.testing import CliRunner
    from itaplan.cli import main

    (tmp_path / "own.yaml").write_text(
        "version: 1\nrecommendations:\n  - id: gps-cars\n    kind: measure\n    indicators: [4]\n    dimension: 4\n"
        "    title: มาตรการติดตั้งระบบ GPS รถยนต์ส่วนกลาง\n    issue: ยังไม่มีบันทึกการใช้รถที่ตรวจสอบได้\n"
        "    recommendation: ติดตั้ง GPS\n    method: [ติดตั้งอุปกรณ์ GPS]\n    timeline: {from: 4, to: 9}\n"
        "    evidence: [รายงานการใช้รถ]\n    owner: office\n"
        "  - id: gps-named\n    kind: measure\n    indicators: [4]\n    dimension: 4\n"
        "    title: มาตรการบันทึกการใช้รถ\n    issue: ยังไม่มีบันทึกการใช้รถ\n    recommendation: บันทึกการใช้รถ\n"
        "    method: [บันทึกการใช้รถ]\n    timeline: {from: 4, to: 9}\n    evidence: [สมุดบันทึก]\n    owner: office\n"
        "    project: {name: กิจกรรมบันทึกการใช้รถ}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--lang", "en", "rules", "lint", "--recommendations", str(tmp_path)])
    notes = [line for line in result.output.splitlines() if "project card is named by its title" in line]
    assert len(notes) == 1 and "own.yaml:7:" in notes[0] and "'gps-cars'" in notes[0] and "name:" in notes[0]
    builtin = CliRunner().invoke(main, ["--lang", "en", "rules", "lint"])
    assert "project card is named by its title" not in builtin.output
