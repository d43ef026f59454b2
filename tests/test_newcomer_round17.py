"""Round 17's newcomer: the advice on a total computed on unconfirmed weights told them to add a line to the example
inside the installed package (``itaplan draft …/site-packages/itaplan/builtin/examples/example.yaml --update``); and
``report`` without ``--next`` printed vague suggestions ("ติดตามผลจากคะแนน… ในการประเมิน ITA ปี 2569") on a day those
results are out, without a word that the plan drafted from them makes them concrete."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from itaplan.base import thai
from itaplan.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_the_bundled_example_is_copied_before_a_total_line_is_added(tmp_path: Path) -> None:
    run = CliRunner(env={"ITAPLAN_LANG": "en"})
    plan = tmp_path / "plan.yaml"
    assert run.invoke(main, ["-q", "draft", "-o", str(plan)]).exit_code == 0  # the bundled example
    checked = run.invoke(main, ["check", str(plan)])
    assert "give ITAS's total instead: copy the results (cp " in checked.output, checked.output
    assert f"add a total: line, then itaplan draft results.yaml --update {plan}" in checked.output
    own = tmp_path / "results.yaml"  # a results file of the officer's own: told to add the line to it
    own.write_text((ROOT / "examples" / "example.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert run.invoke(main, ["-q", "draft", str(own), "-o", str(tmp_path / "own.yaml")]).exit_code == 0
    said = run.invoke(main, ["check", str(tmp_path / "own.yaml")]).output
    assert f"as a total: line in the results file, then itaplan draft {own} --update" in said and "(cp " not in said


@pytest.mark.parametrize(("day", "said"), [(datetime.date(2026, 12, 7), True), (datetime.date(2026, 9, 1), False)])
def test_report_without_next_says_the_results_of_the_measures_year_are_out(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, day: datetime.date, said: bool) -> None:
    monkeypatch.setattr(thai, "today", lambda: day)
    run = CliRunner(env={"ITAPLAN_LANG": "en"})
    measures = tmp_path / "last-year.yaml"  # FY2569's measures: their results are out from October 2569 (2026)
    assert run.invoke(main, ["-q", "import", str(ROOT / "examples" / "measures-2569.txt"), "-o", str(measures)]
                      ).exit_code == 0
    report = run.invoke(main, ["report", str(measures), "-o", str(tmp_path / "r.md")])
    assert report.exit_code == 0, report.output
    assert ("note: the FY2569 ITA results, of the year these measures ran in, are out: give this year's plan drafted "
            "from them (--next PLAN)" in report.output) is said, report.output
    thai_report = run.invoke(main, ["--lang", "th", "report", str(measures), "-o", str(tmp_path / "r.md"), "--force"])
    assert ("หมายเหตุ: ผลการประเมิน ITA ปี 2569 ซึ่งเป็นปีที่ดำเนินการตามมาตรการเหล่านี้ประกาศแล้ว" in thai_report.output) is said
