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
