"""Round 24's newcomer, drafting FY2570's plan from FY2569's results and reading the Thai documents: the measure
analysing the indicators that fell said the questions of its EIT indicators 7 and 8 had changed since FY2568 (they
had not: only OIT's items did)."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from itaplan.cli import main

ROOT = Path(__file__).resolve().parent.parent
CHANGED_ONLY_BY_INDICATOR = "เนื่องจากข้อคำถามของปีนี้เปลี่ยนจากปีที่ผ่านมาจึงเทียบกันได้ในระดับตัวชี้วัดเท่านั้น"


def _fallen(tmp_path: Path, previous: str) -> Path:
    """The example's FY2569 results with FY2568's indicators as ``previous`` (a YAML mapping's body)."""
    text = (ROOT / "examples" / "example.yaml").read_text(encoding="utf-8")
    text, count = re.subn(r"(?m)^  indicators: \{.*\}$", "  indicators: {" + previous + "}", text)
    assert count == 1
    results = tmp_path / "results.yaml"
    results.write_text(text, encoding="utf-8")
    return results


def _decline_review(plan: Path) -> dict:
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    return next(m for m in data["measures"] if m["id"] == "decline-review")


def _drafted(tmp_path: Path, previous: str):
    """The example's results with last year's indicators ``previous``, drafted: the runner, the plan file and its
    measure analysing the indicators that fell."""
    run = CliRunner(env={"ITAPLAN_LANG": "en"})
    plan = tmp_path / "plan.yaml"
    assert run.invoke(main, ["-q", "draft", str(_fallen(tmp_path, previous)), "-o", str(plan)]).exit_code == 0
    return run, plan, _decline_review(plan)


def test_a_fall_of_eit_indicators_is_compared_question_by_question(tmp_path: Path) -> None:
    run, plan, measure = _drafted(tmp_path, "1: 96.24, 2: 91.15, 3: 100, 4: 86.67, 5: 91.40, 6: 96.44, 7: 97.00, "
                                            "8: 92.00, 9: 90.00, 10: 75.00")
    assert measure["indicators"] == [7, 8]
    steps = " ".join(measure["method"])
    assert CHANGED_ONLY_BY_INDICATOR not in steps
    assert "เปรียบเทียบคะแนนรายข้อของตัวชี้วัดที่ 7" in steps and "ระหว่างปีนี้กับปีที่ผ่านมา" in steps
    checked = run.invoke(main, ["check", str(plan)]).output
    assert "compare only indicator by indicator" not in checked, checked
    # the step as it was drafted before: check finds the false claim, at the measure's method in the plan file
    text = plan.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    index = next(i for i, m in enumerate(data["measures"]) if m["id"] == "decline-review")
    data["measures"][index]["method"][0] = ("ทบทวนคะแนนรายข้อของตัวชี้วัดที่ 7 ประสิทธิภาพการสื่อสาร, ตัวชี้วัดที่ 8 "
                                            "การปรับปรุงระบบการทำงาน ในปีนี้ร่วมกับผลการดำเนินงานของปีที่ผ่านมา "
                                            + CHANGED_ONLY_BY_INDICATOR)
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    checked = run.invoke(main, ["check", str(plan)]).output
    assert (f"measure {index + 1} says the questions of its indicators (7, 8) changed from fiscal year 2568 and "
            "compare only indicator by indicator, but they did not change") in checked, checked
    thai = run.invoke(main, ["--lang", "th", "check", str(plan)]).output
    assert f"มาตรการที่ {index + 1} ระบุว่าข้อคำถามของตัวชี้วัด (7, 8) เปลี่ยนจากปีงบประมาณ 2568" in thai, thai


def test_a_fall_of_an_oit_indicator_still_says_its_items_changed(tmp_path: Path) -> None:
    run, plan, measure = _drafted(tmp_path, "1: 96.24, 2: 91.15, 3: 100, 4: 86.67, 5: 91.40, 6: 96.44, 7: 89.24, "
                                            "8: 80.04, 9: 99.00, 10: 75.00")
    assert measure["indicators"] == [9]
    assert CHANGED_ONLY_BY_INDICATOR in " ".join(measure["method"])
    assert "compare only indicator by indicator" not in run.invoke(main, ["check", str(plan)]).output


def test_a_project_cards_reports_come_as_often_as_its_measure_says() -> None:
    """Card 1 said 'รายงานผลการตรวจสอบการใช้ทรัพย์สินรายไตรมาส' of a measure whose method inspects yearly ('ตรวจสอบ
    พัสดุประจำปีและสุ่มตรวจการใช้ทรัพย์สินระหว่างปี'): a card's outputs say 'quarterly' only of a measure whose own
    method works by quarter."""
    for path in sorted((ROOT / "recommendations").glob("*.yaml")):
        for rec in yaml.safe_load(path.read_text(encoding="utf-8")).get("recommendations") or []:
            project = rec.get("project") or {}
            method = " ".join(str(step.get("text") if isinstance(step, dict) else step) for step in rec.get("method", []))
            for output in (project.get("outputs") or []) + (project.get("outcomes") or []):
                if "รายไตรมาส" in output:
                    assert "ไตรมาส" in method, f"{path.name} {rec['id']}: card says '{output}', its method: {method}"
    assets = next(r for r in yaml.safe_load((ROOT / "recommendations" / "iit.yaml").read_text(encoding="utf-8"))
                  ["recommendations"] if r["id"] == "asset-private-use-control")
    assert any("ประจำปี" in output for output in assets["project"]["outputs"])


def test_the_report_says_which_eit_part_each_score_of_a_question_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """"ข้อ e๙ ได้ ๗๑.๓๐ และ ๗๔.๕๐ คะแนน" named no part: each score is said with its part, as the plan's analysis does."""
    from itaplan.base import thai

    monkeypatch.setattr(thai, "today", lambda: datetime.date(2026, 12, 7))
    run = CliRunner(env={"ITAPLAN_LANG": "en"})
    last, this, report = tmp_path / "last.yaml", tmp_path / "this.yaml", tmp_path / "r.md"
    assert run.invoke(main, ["-q", "import", str(ROOT / "tests" / "data" / "seed000_cards.txt"), "-o", str(last),
                             "--plan-year", "2569"]).exit_code == 0
    agency = yaml.safe_load(last.read_text(encoding="utf-8"))["agency"]["name"]
    results = tmp_path / "results.yaml"  # this year's results of the same agency
    results.write_text((ROOT / "examples" / "example.yaml").read_text(encoding="utf-8").replace(
        "องค์การบริหารส่วนตำบลห้วยทราย", agency), encoding="utf-8")
    assert run.invoke(main, ["-q", "draft", str(results), "-o", str(this)]).exit_code == 0
    assert run.invoke(main, ["-q", "progress", str(last), "--measure", "5", "--status", "dropped", "--reason",
                             "ไม่ได้รับจัดสรรงบประมาณ"]).exit_code == 0
    done = run.invoke(main, ["report", str(last), "--next", str(this), "--format", "md", "-o", str(report)])
    assert done.exit_code == 0, done.output
    text = report.read_text(encoding="utf-8")
    assert ("ข้อ e๙ (EIT ส่วนที่ ๑) ได้ ๗๑.๓๐ คะแนน และ (EIT ส่วนที่ ๒) ได้ ๗๔.๕๐ คะแนน ซึ่งต่ำกว่า ๘๕ คะแนน"
            in text), text
    assert "ได้ ๗๑.๓๐ และ ๗๔.๕๐" not in text


def test_import_of_another_agencys_document_can_replace_its_name(tmp_path: Path) -> None:
    """`import … --agency X` of a neighbour's document kept its name in the measures (and warned): --replace-agency
    replaces the name its heading gives with X throughout the measures' texts, and says so; without it, as before."""
    run = CliRunner(env={"ITAPLAN_LANG": "en"})
    cards, ours, theirs = str(ROOT / "tests" / "data" / "seed000_cards.txt"), "องค์การบริหารส่วนตำบลหนองแวง", \
        "องค์การบริหารส่วนตำบลนาสิงห์"
    kept, replaced = tmp_path / "kept.yaml", tmp_path / "replaced.yaml"
    as_written = run.invoke(main, ["import", cards, "-o", str(kept), "--agency", ours, "--plan-year", "2569"])
    assert as_written.exit_code == 0 and "replaced by" not in as_written.output
    assert f"the document is of {theirs}, not {ours}: measures 1, 2, 3, 4, 5 name นาสิงห์" in as_written.output
    measures = yaml.safe_load(kept.read_text(encoding="utf-8"))["measures"]
    assert measures[0]["owner"] == f"ทุกส่วนราชการของ{theirs}"
    done = run.invoke(main, ["import", cards, "-o", str(replaced), "--agency", ours, "--plan-year", "2569",
                             "--replace-agency"])
    assert done.exit_code == 0, done.output
    assert f"{theirs} replaced by {ours} in measures 1, 2, 3, 4, 5 (" in done.output
    measures = yaml.safe_load(replaced.read_text(encoding="utf-8"))["measures"]
    assert measures[0]["owner"] == f"ทุกส่วนราชการของ{ours}"
    assert measures[3]["title"] == f"มาตรการบริหารจัดการความเสี่ยงการทุจริตของ{ours}"
    assert theirs not in yaml.safe_dump(measures, allow_unicode=True)
    # a misspelt name ("องค์กรบริหารส่วนตำบลนาสิงห์") is not guessed at: still named, to be corrected by hand
    assert "measures 4 name นาสิงห์" in done.output
    thai = run.invoke(main, ["--lang", "th", "import", cards, "-o", str(replaced), "--force", "--agency", ours,
                             "--replace-agency"])
    assert f"แทนชื่อ “{theirs}” ด้วย “{ours}” ในมาตรการที่ 1, 2, 3, 4, 5 แล้ว" in thai.output, thai.output
    alone = run.invoke(main, ["import", cards, "-o", str(tmp_path / "x.yaml"), "--replace-agency"])
    assert alone.exit_code == 2 and "give --agency too" in alone.output
    same = run.invoke(main, ["import", cards, "-o", str(tmp_path / "y.yaml"), "--agency", theirs, "--replace-agency"])
    assert same.exit_code == 0 and "--replace-agency: nothing replaced" in same.output
