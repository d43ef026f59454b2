"""A tighter row limit that brings back ita-working-group (a provincial auditor's trial: limits: max_measures 9 in
the office's settings, and โคกสูง's plan gained the working group that the built-in 10 rows had left out).

By design, and said so: a measure about the result as a whole is left out only when that keeps the table within the
limit (tests/test_auditor_r5.py, หนองบัว over 8 rows anyway). At 10 rows โคกสูง's ten rows of weak points fit, so
the working group is left out; at 9 they do not fit even merged, so leaving it out would keep no limit and it stays.
The draft's note and `rules diff` say why in one sentence, instead of "now within the row limit"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import agency_plan, office_with
from helpers import run_in as run
from itaplan.app.session import Session
from itaplan.drafting.officer_notes import officer_notes

ROOT = Path(__file__).resolve().parent.parent
WIDE = str(ROOT / "examples" / "province_wide-2569.csv")
KEPT_TH = ("มาตรการแต่งตั้งคณะทำงานขับเคลื่อนการยกระดับผลการประเมิน ITA ยังอยู่ในตารางมาตรการ เพราะแม้ตัดออก "
           "ตารางก็ยังมีเกิน 9 แถว และมาตรการเกี่ยวกับผลการประเมินในภาพรวมจะตัดออกเฉพาะเมื่อช่วยให้ตารางมีไม่เกิน"
           "จำนวนแถวที่กำหนดเท่านั้น")


def _limited(tmp_path: Path, rows: int) -> Path:
    folder = tmp_path / f"limit{rows}"
    folder.mkdir()
    (folder / "settings.yaml").write_text(f"version: 1\nlimits:\n  max_measures: {rows}\n", encoding="utf-8")
    return folder


def _plan(folder: Path) -> tuple[dict, Session]:
    session = Session(use_workspace=False, recommendation_dirs=(str(folder),))
    return agency_plan(WIDE, "โคกสูง", session), session


def test_the_draft_says_why_a_tighter_limit_keeps_the_working_group(tmp_path: Path) -> None:
    looser, _ = _plan(_limited(tmp_path, 10))
    assert [m["id"] for m in looser["left_out"]] == ["ita-working-group"]
    assert not any("ยังอยู่ในตารางมาตรการ" in n for n in looser["officer_notes"])
    tighter, session = _plan(_limited(tmp_path, 9))
    assert any(m["id"] == "ita-working-group" for m in tighter["measures"]) and tighter["left_out"] == []
    assert KEPT_TH in tighter["officer_notes"], tighter["officer_notes"]
    english = officer_notes(tighter, session.catalogue, "en")
    assert ("the measure มาตรการแต่งตั้งคณะทำงานขับเคลื่อนการยกระดับผลการประเมิน ITA stays in the measures table: "
            "even without it the table has more than 9 rows, and a measure about the result as a whole is left out "
            "only when that keeps the table within the row limit") in english, english


def test_rules_diff_says_why_rather_than_within_the_row_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In the office's workspace, diffed against the built-in rules and settings (10 rows)."""
    monkeypatch.chdir(office_with(tmp_path, recommendations="version: 1\nlimits:\n  max_measures: 9\n"))
    text = run("rules", "diff", WIDE).output
    assert ("+ ita-working-group มาตรการแต่งตั้งคณะทำงานขับเคลื่อนการยกระดับผลการประเมิน ITA [—] proposed before too, "
            "and kept: even without it the table has more than 9 rows, and a measure about the result as a whole is "
            "left out only when that keeps the table within the row limit (total-below-target)") in text, text
    assert "now within the row limit" not in text, text
    thai = run("rules", "diff", WIDE, lang="th").output
    assert ("[—] เสนอมาก่อนแล้ว และยังอยู่ในตาราง เพราะแม้ตัดออก ตารางก็ยังมีเกิน 9 แถว และมาตรการเกี่ยวกับผลการประเมิน"
            "ในภาพรวมจะตัดออกเฉพาะเมื่อช่วยให้ตารางมีไม่เกินจำนวนแถวที่กำหนดเท่านั้น (total-below-target)") in thai, thai
    data = json.loads(run("rules", "diff", WIDE, "--format", "json").output)
    added = [m for agency in data["agencies"] for m in agency["added"] if m["id"] == "ita-working-group"]
    assert added and all(m["within_limit"] and m["over_limit"] == 9 for m in added), added
