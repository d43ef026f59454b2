"""The provincial auditor's seventh trial: a plan drafted with an office workspace that words who set its threshold
(`texts: threshold_set_by`) and merges an office measure into e-service's row must pass `itaplan check` run from
anywhere (it said the indicator 7 line does not name e4, and that the budget of e-service, printed on its card,
belongs to no measure of the plan)."""

from __future__ import annotations

from pathlib import Path

import yaml
from helpers import office_with
from helpers import run_in as run

ROOT = Path(__file__).resolve().parent.parent
RULES = """version: 1
frameworks: [2569]
rules:
  - id: fy2569.info-channels
    title: ข้อ e4 e5 ต่ำกว่า 90 (เกณฑ์จังหวัด)
    threshold: 90
    when:
      question: [e4, e5]
    propose: [info-channels]
  - id: office.indicator8-weak
    title: ตัวชี้วัดที่ 8 ต่ำกว่า 85
    when:
      indicator: 8
    propose: [office-work-improvement]
"""
RECOMMENDATIONS = """version: 1
limits:
  max_measures: 6
  max_per_row: 2
texts:
  threshold_set_by: ที่สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดกำหนด
recommendations:
  - id: office-work-improvement
    kind: measure
    indicators: [8]
    dimension: 3
    title: มาตรการรับฟังความคิดเห็นของผู้รับบริการเพื่อปรับปรุงการทำงาน
    issue: ผู้รับบริการเห็นว่า{agency}ยังปรับปรุงขั้นตอนการทำงานได้ไม่ชัดเจน
    recommendation: สำรวจความพึงพอใจของผู้รับบริการทุกไตรมาส แล้วนำมาปรับปรุงขั้นตอนการให้บริการ
    method: [จัดทำแบบสำรวจความพึงพอใจ, สรุปผลเสนอผู้บริหารทุกไตรมาส]
    timeline: {from: 1, to: 12}
    evidence: [รายงานสรุปผลการสำรวจรายไตรมาส]
    owner: office
"""


def test_a_plan_of_an_office_workspace_passes_check_run_outside_it(tmp_path: Path) -> None:
    office = office_with(tmp_path, rules=RULES, recommendations=RECOMMENDATIONS)
    plan_file = tmp_path / "ws.yaml"
    drafted = run("draft", str(ROOT / "examples" / "example.yaml"), "-o", str(plan_file), "--rules",
                  str(office / "rules"), "--recommendations", str(office / "recommendations"))
    assert drafted.exit_code == 0, drafted.output
    plan = yaml.safe_load(plan_file.read_text(encoding="utf-8"))
    lines = " ".join(" ".join(line for c in plan["analysis"]["categories"] for line in c.get("lines", [])).split())
    assert "ต่ำกว่าเกณฑ์ 90 คะแนนที่สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดกำหนด ได้แก่ e4" in lines
    merged = next(m for m in plan["measures"] if "e-service" in m["id"].split("+"))
    assert "+" in merged["id"]  # e-service shares its row with the office's measure
    # the e-service budget stands in the documents: no warning that no measure of the plan carries it
    assert not any("e-service" in w for w in plan.get("warnings", [])), plan.get("warnings")
    checked = run("check", str(plan_file))  # from anywhere: without the office's layers
    assert checked.exit_code == 0, checked.output
    assert run("check", str(plan_file), lang="th").exit_code == 0
