"""A tighter row limit never adds a row (provincial auditors' trials: limits: max_measures 9, then 6, in an office's
settings, and โคกสูง's and หนองบัว's plans gained ita-working-group, which the built-in 10 rows had left out: the
table grew as the limit tightened).

The measure about the result as a whole gives way to the weak points' own measures whenever the table is over the
limit with it: left out, and the officer told the true reason (the table is over the limit even without it), not
"the table holds at most N rows". ``rules diff`` says so of a measure a tighter limit now leaves out, and never says
a measure is "still in the table" when it was not in it before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import agency_plan
from itaplan.app.session import Session

ROOT = Path(__file__).resolve().parent.parent
WIDE = str(ROOT / "examples" / "province_wide-2569.csv")
WORKING_GROUP = "ita-working-group"


def _limited(tmp_path: Path, rows: int) -> Path:
    folder = tmp_path / f"limit{rows}"
    folder.mkdir(exist_ok=True)
    (folder / "settings.yaml").write_text(f"version: 1\nlimits:\n  max_measures: {rows}\n", encoding="utf-8")
    return folder


def _session(tmp_path: Path, rows: int) -> Session:
    return Session(use_workspace=False, recommendation_dirs=(str(_limited(tmp_path, rows)),))


@pytest.mark.parametrize("agency", ["โคกสูง", "หนองบัว", "ท่าช้าง"])
def test_a_tighter_limit_never_adds_a_row(tmp_path: Path, agency: str) -> None:
    before: dict | None = None
    for rows in (12, 10, 9, 8, 6):
        plan = agency_plan(WIDE, agency, _session(tmp_path, rows))
        ids = {i for m in plan["measures"] for i in m.get("merged") or [m["id"]]}
        if before is not None:
            assert len(plan["measures"]) <= len(before["measures"]), (agency, rows)
            assert ids <= {i for m in before["measures"] for i in m.get("merged") or [m["id"]]}, (agency, rows)
        if len(plan["measures"]) > rows:  # over the limit: the measure about the whole result gives way
            assert WORKING_GROUP not in ids and [m["id"] for m in plan["left_out"]] == [WORKING_GROUP], (agency, rows)
        before = plan


def test_the_draft_says_the_true_reason_the_working_group_is_left_out(tmp_path: Path) -> None:
    from itaplan.checking.check import check_plan
    from itaplan.drafting.analysis import unmeasured_points

    looser = agency_plan(WIDE, "โคกสูง", _session(tmp_path, 10))
    assert [m["id"] for m in looser["left_out"]] == [WORKING_GROUP] and len(looser["measures"]) == 10
    session = _session(tmp_path, 6)
    tighter = agency_plan(WIDE, "โคกสูง", session)
    assert [m["id"] for m in tighter["left_out"]] == [WORKING_GROUP]
    rows = len(tighter["measures"])
    assert 6 < rows <= 10
    said = ("ไม่ได้นำมาตรการแต่งตั้งคณะทำงานขับเคลื่อนการยกระดับผลการประเมิน ITA เข้าตารางมาตรการ เพราะแม้ไม่มีมาตรการนี้ "
            f"ตารางก็มี {rows} แถว เกินจำนวน 6 แถวที่กำหนดไว้ใน limits: max_measures จึงให้มาตรการที่ตอบจุดอ่อนรายข้อก่อน")
    assert any(n.startswith(said) for n in tighter["officer_notes"]), tighter["officer_notes"]
    assert not any("มีได้ไม่เกิน 6 แถว" in n or "ยังอยู่ในตารางมาตรการ" in n for n in tighter["officer_notes"])
    assert check_plan(tighter, session.catalogue, ("json", "md")) == []
    assert unmeasured_points(tighter) == []
    assert all(WORKING_GROUP not in (m.get("merged") or [m["id"]]) for m in tighter["measures"])


def test_rules_diff_says_a_tighter_limit_leaves_the_working_group_out(tmp_path: Path) -> None:
    """ท่าช้าง: 12 rows hold its working group; at 5 its weak points alone take 8 rows."""
    from itaplan.app.batch import collect_jobs
    from itaplan.app.rulesdiff import as_text, rules_diff, summary
    from itaplan.base.i18n import translate

    jobs = [j for j in collect_jobs([WIDE]) if "ท่าช้าง" in j.name]
    diffs = rules_diff(jobs, _session(tmp_path, 12), _session(tmp_path, 5))
    removed = [m for d in diffs for m in d.removed if m["id"] == WORKING_GROUP]
    assert removed and all(m["left_out"] and m["over_limit"] == 5 for m in removed), removed
    assert not any(d.added for d in diffs), [d.added for d in diffs]
    text = "\n".join(as_text(diffs, summary(diffs), "before", "after"))
    assert ("- ita-working-group มาตรการแต่งตั้งคณะทำงานขับเคลื่อนการยกระดับผลการประเมิน ITA [—] still proposed by "
            "total-below-target, but left out: even without it the table has more than 5 rows, so the measures "
            "answering the weak points come first") in text, text
    assert "kept" not in text and "still in the table" not in text
    thai = translate(text, "th")
    assert ("แต่ไม่ได้นำเข้าตาราง เพราะแม้ไม่มีมาตรการนี้ ตารางก็มีเกิน 5 แถว จึงให้มาตรการที่ตอบจุดอ่อนรายข้อก่อน"
            in thai), thai
    assert "ยังอยู่ในตาราง" not in thai
    # the other way, a looser limit: it comes in, within the limit (the table holds it)
    back = rules_diff(jobs, _session(tmp_path, 5), _session(tmp_path, 12))
    added = [m for d in back for m in d.added if m["id"] == WORKING_GROUP]
    assert added and all(m["within_limit"] and "over_limit" not in m for m in added), added
    assert json.dumps([d.to_dict() for d in back], ensure_ascii=False)
