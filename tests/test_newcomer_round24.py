"""Round 24's newcomer, drafting FY2570's plan from FY2569's results and reading the Thai documents: the measure
analysing the indicators that fell said the questions of its EIT indicators 7 and 8 had changed since FY2568 (they
had not: only OIT's items did)."""

from __future__ import annotations

import re
from pathlib import Path

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


def test_a_fall_of_eit_indicators_is_compared_question_by_question(tmp_path: Path) -> None:
    run = CliRunner(env={"ITAPLAN_LANG": "en"})
    results = _fallen(tmp_path, "1: 96.24, 2: 91.15, 3: 100, 4: 86.67, 5: 91.40, 6: 96.44, 7: 97.00, 8: 92.00, "
                                "9: 90.00, 10: 75.00")
    plan = tmp_path / "plan.yaml"
    assert run.invoke(main, ["-q", "draft", str(results), "-o", str(plan)]).exit_code == 0
    measure = _decline_review(plan)
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
    run = CliRunner(env={"ITAPLAN_LANG": "en"})
    results = _fallen(tmp_path, "1: 96.24, 2: 91.15, 3: 100, 4: 86.67, 5: 91.40, 6: 96.44, 7: 89.24, 8: 80.04, "
                                "9: 99.00, 10: 75.00")
    plan = tmp_path / "plan.yaml"
    assert run.invoke(main, ["-q", "draft", str(results), "-o", str(plan)]).exit_code == 0
    measure = _decline_review(plan)
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
