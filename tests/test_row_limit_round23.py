"""Round 23's newcomer: with more weak points than the table's ten rows, the analysis of the indicators that fell
(7, 8 and 9) was merged into indicator 7's communication row ("มาตรการเผยแพร่ข้อมูลข่าวสาร… และวิเคราะห์สาเหตุของ
ตัวชี้วัดที่มีคะแนนลดลง…"), which the analysis then cited for the drops of 8 and 9. A measure about several
indicators as wholes belongs to none of their rows: it keeps a row of its own, and two measures of one indicator share
one instead."""

from __future__ import annotations

from conftest import ROOT
from itaplan.app.session import Session

RESULTS = ROOT / "tests" / "data" / "inputs" / "newcomer23-2569.yaml"


def test_the_analysis_of_fallen_indicators_keeps_a_row_of_its_own_under_the_row_limit() -> None:
    for engine in ("pure", "durable"):
        setup = Session(engine=engine)
        plan = setup.plan(setup.scorecard(RESULTS))
        rows = [m for m in plan["measures"] if m.get("status") != "dropped"]
        assert len(rows) <= setup.catalogue.max_measures
        review = [m for m in rows if "decline-review" in m["id"].split("+")]
        assert [m["id"] for m in review] == ["decline-review"], [m["id"] for m in rows]
        # the rows that share: two measures of indicator 6, two of indicator 7, each row one indicator's
        merged = {m["id"]: m["indicator"] for m in rows if "+" in m["id"]}
        assert merged == {"eit-service-process+eit-equal-service": 6, "info-channels+clear-communication": 7}, merged
        assert not any("วิเคราะห์สาเหตุ" in m["title"] and "+" in m["id"] for m in rows)


def test_a_merged_rows_card_names_each_group_of_people_once() -> None:
    """Round 24's newcomer: a merged row's card listed its members' target groups one after another, "ประชาชนในพื้นที่
    และผู้รับบริการของ… และผู้รับบริการ และบุคลากร…", the same people twice; each is named once, the agency once."""
    setup = Session(engine="pure")
    plan = setup.plan(setup.scorecard(ROOT / "tests" / "data" / "inputs" / "newcomer24-2569.yaml"))
    agency = plan["agency"]["name"]
    groups = {m["id"]: m["project"]["target_group"] for m in plan["measures"] if "+" in m["id"]}
    assert groups["info-channels+clear-communication"] == (
        f"ประชาชนในพื้นที่และผู้รับบริการ และบุคลากรที่ให้ข้อมูลแก่ผู้รับบริการของ{agency}")
    assert groups["e-service+service-improvement"] == f"ประชาชนผู้รับบริการ และทุกกอง/สำนักของ{agency}"
