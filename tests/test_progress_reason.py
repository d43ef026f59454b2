"""A newcomer's trial: `progress --note` on a measure not finished, meant as its obstacle; the report printed it as a
note and its suggestion stayed general ("ยังดำเนินการไม่แล้วเสร็จ จึงควรทบทวนสาเหตุ…"), as the note is not the
obstacle. Now `progress --reason` records the obstacle (as the web's progress form does), and with no reason the
note of a measure not finished is taken as its obstacles, as --note's help says."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import ROOT
from itaplan.cli import main
from itaplan.drafting.plan import load_plan

EXAMPLE = str(ROOT / "examples" / "example.yaml")
RUN = CliRunner(env={"ITAPLAN_LANG": "en"})  # --lang th sets it for the process: restored to English
OBSTACLE = "รอการจัดสรรงบประมาณจากจังหวัด"


def _plan(tmp_path: Path) -> Path:
    plan = tmp_path / "plan.yaml"
    assert RUN.invoke(main, ["-q", "draft", EXAMPLE, "-o", str(plan)]).exit_code == 0
    return plan


def test_a_note_on_a_measure_not_finished_is_its_obstacle_when_no_reason_is_given(tmp_path: Path) -> None:
    """The note is kept as typed and printed as a note; with no reason recorded, the drafted suggestion takes it as
    the obstacles, as --note's help, the interactive session and the tracking sheet's column all say it is."""
    plan = _plan(tmp_path)
    result = RUN.invoke(main, ["progress", str(plan), "--measure", "3", "--status", "in progress", "--done",
                               "จัดทำร่างแล้ว", "--note", OBSTACLE])
    assert result.exit_code == 0, result.output
    measure = load_plan(plan)["measures"][2]
    assert measure["note"] == OBSTACLE and not measure["progress"].get("reason")  # kept as typed
    report = tmp_path / "report.md"
    assert RUN.invoke(main, ["-q", "report", str(plan), "-o", str(report)]).exit_code == 0
    assert f"โดยมีปัญหาอุปสรรค คือ {OBSTACLE}" in report.read_text(encoding="utf-8")


def test_reason_is_the_obstacle_the_report_prints_and_suggests_from(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    result = RUN.invoke(main, ["progress", str(plan), "--measure", "3", "--status", "in progress", "--done",
                               "จัดทำร่างแล้ว", "--reason", OBSTACLE, "--note", "ประสานกองคลังแล้ว"])
    assert result.exit_code == 0, result.output
    assert load_plan(plan)["measures"][2]["progress"]["reason"] == OBSTACLE
    report = tmp_path / "report.md"
    assert RUN.invoke(main, ["-q", "report", str(plan), "-o", str(report)]).exit_code == 0
    text = report.read_text(encoding="utf-8")
    assert f"ปัญหาอุปสรรค: {OBSTACLE}" in text and f"โดยมีปัญหาอุปสรรค คือ {OBSTACLE}" in text
    assert "หมายเหตุ: ประสานกองคลังแล้ว" in text
