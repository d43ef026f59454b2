"""A score below an office's threshold set above the target, and below the NACC's target too, says both: under a rule
of threshold 90, e5 at 84.35 was said "ได้ 84.35 คะแนน (ต่ำกว่า 90)" in review and rules explain, which hid that it
misses the target of 85 (round 17's auditor); a score between the two still says only the office's threshold."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from itaplan.cli import main

EXAMPLE = str(Path(__file__).resolve().parent.parent / "examples" / "example.yaml")  # e4 86.02/88.20, e5 84.35/90.15
RULES = """version: 1
frameworks: [2569]
rules:
  - id: fy2569.info-channels
    threshold: 90
    when:
      question: [e4, e5]
    propose: [info-channels]
"""


def test_below_both_says_both_and_between_says_the_threshold(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "office.yaml").write_text(RULES, encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    run = CliRunner(env={"ITAPLAN_LANG": "en"})
    assert run.invoke(main, ["-q", "draft", EXAMPLE, "--rules", str(rules), "-o", str(plan)]).exit_code == 0
    review = " ".join(run.invoke(main, ["review", str(plan), "--plain", "--width", "1000"]).output.split())
    assert "ข้อ e5 ประชาสัมพันธ์ข้อมูลที่ประชาชนควรรู้อย่างชัดเจน (EIT ส่วนที่ 1) ได้ 84.35 คะแนน " \
           "(ต่ำกว่าค่าเป้าหมาย 85 และต่ำกว่าเกณฑ์ 90)" in review, review
    explained = run.invoke(main, ["rules", "explain", "e5", "--results", EXAMPLE, "--rules", str(rules)])
    assert "84.35 คะแนน (ต่ำกว่าค่าเป้าหมาย 85 และต่ำกว่าเกณฑ์ 90)" in explained.output, explained.output
    assert "(EIT ส่วนที่ 2) ได้ 88.20 คะแนน (ต่ำกว่า 90)" in explained.output  # e4 between the target and the threshold
    assert run.invoke(main, ["check", str(plan)]).exit_code == 0
