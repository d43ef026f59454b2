"""How the row limit merges measures into rows, and how a row serving OIT items of several rounds says their
deadlines (a provincial auditor's trial).

1. อบต.โคกสูง (examples/province_wide-2569.csv) got a row joining seven measures over indicators 2, 3 and 4, with
   27 steps: measures of different indicators now never share a row, at most ``limits: max_per_row`` (3) share
   one, and when the limit cannot be kept so the table keeps more rows and the officer is told, naming the key.
2. ท่าช้าง's row for O6/O7 said "ครบถ้วนภายใน ธ.ค." before O6's progress report due in April, with "โดย" twice,
   and its step ๒ joined the items with an English semicolon.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import agency_plan
from itaplan.app.session import Session
from itaplan.checking.check import check_plan
from itaplan.drafting.analysis import unmeasured_points

ROOT = Path(__file__).resolve().parent.parent
WIDE = str(ROOT / "examples" / "province_wide-2569.csv")


def _plan(agency: str, session: Session) -> dict:
    return agency_plan(WIDE, agency, session)


@pytest.fixture(scope="module")
def setup() -> Session:
    return Session(use_workspace=False)


def _member_indicators(plan: dict, session: Session) -> list[list[set[int]]]:
    """Per row, each member measure's indicators (from its codes, else the catalogue's)."""
    from itaplan.ita.framework import load_framework

    fw = load_framework(plan["fiscal_year"])
    out = []
    for m in plan["measures"]:
        members = m.get("members") or [{"id": m["id"], "codes": m["codes"]}]
        out.append([{fw.questions[c].indicator for c in x["codes"]}
                    or set(session.catalogue.recommendations[x["id"]].indicators) for x in members])
    return out


def test_rows_never_join_measures_of_different_indicators(setup: Session) -> None:
    plan = _plan("โคกสูง", setup)
    assert len(plan["measures"]) <= setup.catalogue.max_measures
    for row, members in zip(plan["measures"], _member_indicators(plan, setup)):
        assert len(members) <= setup.catalogue.max_per_row, row["id"]
        assert set.intersection(*members), (row["id"], members)  # the members share an indicator
        assert len(row["method"]) <= 15, row["id"]
    assert check_plan(plan, setup.catalogue, ("json", "md")) == []
    assert unmeasured_points(plan) == []


def test_over_the_limit_the_table_keeps_more_rows_and_names_the_setting(tmp_path: Path) -> None:
    (tmp_path / "settings.yaml").write_text("version: 1\nlimits:\n  max_measures: 4\n", encoding="utf-8")
    session = Session(use_workspace=False, recommendation_dirs=(str(tmp_path),))
    assert session.catalogue.max_measures == 4
    plan = _plan("โคกสูง", session)
    assert len(plan["measures"]) > 4  # ten indicators with weak points: no row joins two of them
    for row, members in zip(plan["measures"], _member_indicators(plan, session)):
        assert len(members) <= 3 and set.intersection(*members), row["id"]
    note = next(n for n in plan["officer_notes"] if "เกินจำนวน" in n and n.startswith("ตารางมาตรการมี"))
    assert f"ตารางมาตรการมี {len(plan['measures'])} แถว" in note and "limits: max_measures" in note
    assert "recommendations/ ของสำนักงาน" in note  # the workspace's folder, not a flag an officer in it never typed (auditor's ninth trial)
    assert check_plan(plan, session.catalogue, ("json", "md")) == []
    assert unmeasured_points(plan) == []


def test_the_left_out_note_names_the_setting(setup: Session) -> None:
    plan = _plan("โคกสูง", setup)
    note = next(n for n in plan["officer_notes"] if "ไม่ได้อยู่ในตาราง" in n)
    assert "limits: max_measures" in note and "recommendations/ ของสำนักงาน" in note


def test_a_row_of_items_of_several_rounds_says_each_deadline_once(setup: Session) -> None:
    plan = _plan("ท่าช้าง", setup)
    row = next(m for m in plan["measures"] if {"O6", "O7"} <= set(m["codes"]))
    said = row["publish_by"].replace("\xa0", " ")  # a month and its year are held together by a no-break space
    assert "ครบถ้วนภายใน" not in said  # no "complete by December" before O6's April report
    assert (row["timeline"] + " " + said).count("โดย") == 1
    assert "ข้อ O7 ภายใน ธ.ค. 2569" in said, said
    assert "ข้อ O6" in said and "ไตรมาสที่ 2 ใน เม.ย. 2570" in said
    assert not any("; ข้อ" in step for step in row["method"]), row["method"]
    assert any("ข้อ O6 แผนและความก้าวหน้าการดำเนินงานและการใช้งบประมาณประจำปี และข้อ O7" in step
               for step in row["method"])
    assert check_plan(plan, setup.catalogue, ("json", "md")) == []


def test_a_row_of_one_round_keeps_its_one_sentence(setup: Session) -> None:
    from itaplan.drafting.draft import publish_by

    one = publish_by(2570, {"from": 1, "to": 12}, [{"code": "O1", "period": "current"}], setup.catalogue)
    assert one is not None and one.startswith("โดยต้องเผยแพร่บนเว็บไซต์ให้ครบถ้วนภายใน")
    both = publish_by(2570, {"from": 1, "to": 12}, [{"code": "O1", "period": "current"},
                                                    {"code": "O8", "period": "half_year"}], setup.catalogue)
    assert both is not None and "ครบถ้วนภายใน" not in both and both.count("โดย") == 1
    assert "ข้อ O1 ภายใน" in both and "ข้อ O8 รายงานรอบ 6 เดือน" in both
