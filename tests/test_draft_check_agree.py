"""A drafted plan passes ``itaplan check``: what draft records (the whatif goals' total, level and label) is what
check scores again. An auditor's FY2569 wide table (a column per code, no EIT parts) drafted a plan whose goal 85
said no label (``label: null``) where ``score`` gives ผ่าน for the same figures, and check exited 1."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from itaplan.app.batch import _results, collect_jobs
from itaplan.app.session import Session
from itaplan.checking.check import check_plan
from itaplan.ita.framework import load_framework
from itaplan.ita.scoring import decided_label, score

ROOT = Path(__file__).resolve().parent.parent
SETUP = Session(use_workspace=False)
# the wide tables (no EIT parts: the label rests on the EIT mean), FY2568 and FY2569, every agency; and the
# other bundled examples of one agency each (examples/province.csv's 130 agencies are drafted by test_batch)
TABLES = ["province_wide.csv", "province_wide-2569.csv"]
SINGLE = ["example.yaml", "agency.csv", "itas.txt"]


def _agencies(table: str) -> list[str]:
    with (ROOT / "examples" / table).open(encoding="utf-8") as handle:
        return [row["agency"] for row in csv.DictReader(handle)]


@pytest.mark.parametrize("table,agency", [(t, a) for t in TABLES for a in _agencies(t)])
def test_every_agency_of_a_wide_table_drafts_a_plan_check_passes(table: str, agency: str) -> None:
    job = next(j for j in collect_jobs([str(ROOT / "examples" / table)]) if j.name == agency)
    card = SETUP.scorecard_of(_results(job, SETUP))
    plan = SETUP.plan(card)
    assert check_plan(plan, SETUP.catalogue, ("json", "md")) == []
    for goal in plan["whatif"]["goals"]:  # a goal reached with a total of 85 or more names the label score gives
        if goal.get("fixes") and goal["total"] >= 85 and goal["total"] < 95:
            assert goal["label"] == "ผ่าน", goal


@pytest.mark.parametrize("name", SINGLE)
def test_every_bundled_example_drafts_a_plan_check_passes(name: str) -> None:
    card = SETUP.scorecard(str(ROOT / "examples" / name))
    assert check_plan(SETUP.plan(card), SETUP.catalogue, ("json", "md")) == []


def test_a_label_is_decided_without_the_eit_parts_when_their_mean_is_below_85() -> None:
    """The NACC's table: ผ่านดี needs every tool (IIT, EIT part 1, EIT part 2, OIT) at 85; an EIT mean below 85
    puts a part below it, so a total of 85 or more is ผ่าน though the parts are unknown. With the mean at 85 or
    more the parts may both pass or not: no label is decided."""
    fw = load_framework(2569)
    tools = {"IIT": 90.12, "EIT1": None, "EIT2": None, "OIT": 92.0}
    assert decided_label(fw, 87.78, tools, {"EIT": 79.66}) == "ผ่าน"
    assert decided_label(fw, 87.78, tools, {"EIT": 88.0}) is None
    assert decided_label(fw, 80.0, tools, {"EIT": 88.0}) == "ไม่ผ่าน"


def test_the_thachang_goal_names_the_label_score_gives() -> None:
    """The auditor's case: publishing O22 takes the total to 87.78 A; the plan records ผ่าน, as ``score`` of the
    same figures says."""
    job = next(j for j in collect_jobs([str(ROOT / "examples" / "province_wide-2569.csv")]) if "ท่าช้าง" in j.name)
    card = SETUP.scorecard_of(_results(job, SETUP))
    goal = next(g for g in SETUP.plan(card)["whatif"]["goals"] if g["goal"] == "85")
    assert [f["code"] for f in goal["fixes"]] == ["O22"]
    assert (goal["total"], goal["level"], goal["label"]) == (87.78, "A", "ผ่าน")
    assert "ผลการประเมินผ่าน" in goal["text"]
    raised = _results(job, SETUP)
    raised.questions = [q if q.code != "O22" else type(q)(q.code, 100.0, q.part, q.line) for q in raised.questions]
    assert score(raised).label == "ผ่าน"


def test_check_never_says_none_for_a_missing_label() -> None:
    """A goal recorded with no label (as draft once wrote it) is told as naming none, in words, never "None"."""
    job = next(j for j in collect_jobs([str(ROOT / "examples" / "province_wide-2569.csv")]) if "ท่าช้าง" in j.name)
    plan = SETUP.plan(SETUP.scorecard_of(_results(job, SETUP)))
    goal = next(g for g in plan["whatif"]["goals"] if g["goal"] == "85")
    goal["label"], goal["text"] = None, goal["text"].replace(" ผลการประเมินผ่าน", "")
    plan["scores"]["label"] = None
    problems = check_plan(plan, SETUP.catalogue, ("json",))
    assert problems and not any("None" in p for p in problems), problems
    assert "json: line 62: goal 85: label none does not follow from the scores after the fixes (ผ่าน)" in problems
    assert "whatif: goal 85: its fixes give 87.78, level A, label ผ่าน, not what the plan records" in problems
    assert "scores: label none does not follow from the scores (it is ไม่ผ่าน)" in problems
