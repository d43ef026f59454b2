"""A provincial auditor's trial (aud23) of the rule commands, and of check on a plan drafted with an office's
layers: what the software itself says in Thai names measures and questions as the documents do."""

from __future__ import annotations

from pathlib import Path

from helpers import office_with
from helpers import run_in as run

EXAMPLE = str(Path(__file__).resolve().parent.parent / "examples" / "example.yaml")


def test_a_budget_for_a_switched_off_measure_is_noted_by_its_thai_title(tmp_path: Path) -> None:
    """The example sets a budget for e-service; an office whose layer switched e-service off drafted a plan whose
    own note said "งบประมาณที่ระบุไว้ของมาตรการ e-service …", which check then flagged as an English word."""
    office = office_with(tmp_path, recommendations="version: 1\ndisable: [e-service]\n")
    plan = tmp_path / "plan.yaml"
    done = run("draft", EXAMPLE, "--recommendations", str(office / "recommendations"), "-o", str(plan), lang="th")
    assert done.exit_code == 0, done.output
    said = plan.read_text(encoding="utf-8")
    assert ("งบประมาณที่ระบุไว้ของมาตรการพัฒนาการให้บริการออนไลน์ (E-Service) ไม่ได้พิมพ์ในเอกสาร "
            "เพราะแผนไม่มีมาตรการดังกล่าว") in said
    assert "มาตรการ e-service" not in said
    checked = run("check", str(plan), lang="th")
    assert "อังกฤษ" not in checked.output and "e-service" not in checked.output, checked.output


E7_RULE = """version: 1
frameworks: [2569]
rules:
  - id: office.x
    when:
      question: {codes: [e7], below: 80}
    propose: [eit-service-process]
"""

E7_CASES = """cases:
  - name: e7 at 72.5 should not fire
    results: {fiscal_year: 2569, questions: {e7: 72.5, e8: 90}}
    expect_rules_not: [office.x]
  - name: e7 at 72.5 should not propose
    results: {fiscal_year: 2569, questions: {e7: 72.5, e8: 90}}
    expect_not: [eit-service-process]
"""


def test_a_rule_that_fired_against_a_case_is_said_with_the_figures_that_made_it(tmp_path: Path) -> None:
    """'it fired, proposing eit-service-process' left the auditor to work out from the case which score fired it;
    a firing a case did not expect is said with the condition and the case's scores, as one it expected and did not
    get is said with those that stopped it."""
    office = office_with(tmp_path, rules=E7_RULE, cases=E7_CASES)
    done = run("rules", "test", str(office / "rules"), "--recommendations", str(office / "recommendations"))
    assert done.exit_code == 1, done.output
    lines = [line.strip() for line in done.output.splitlines()]
    assert lines.count("rule office.x fired: e7 below 80: e7 72.50, below 80.00") == 2, done.output
    thai = run("rules", "test", str(office / "rules"), "--recommendations", str(office / "recommendations"),
               lang="th")
    assert thai.output.count("กฎ office.x เข้าเงื่อนไข: e7 ต่ำกว่า 80: e7 ได้ 72.50 คะแนน ซึ่งต่ำกว่า 80.00 คะแนน") == 2, \
        thai.output


E9_PART_2 = """version: 1
frameworks: [2569]
rules:
  - id: fy2569.e-service
    title: e9 ส่วนที่ 2 เท่านั้น
    priority: 20
    when:
      question: {codes: [e9], part: 2}
    propose: [e-service]
"""


def test_rules_diff_keeps_the_eit_part_of_a_question_of_two_parts(tmp_path: Path) -> None:
    """An office rule answering e9 of part 2 only: the row's codes were said 'e9 -> e9' as though unchanged, and the
    analysis's two e9 lines (part 1, part 2) were quoted alike, cut at '(EIT…', the weak point named 'e9'."""
    office = office_with(tmp_path, rules=E9_PART_2)
    args = ("rules", "diff", EXAMPLE, "--rules", str(office / "rules"), "--recommendations",
            str(office / "recommendations"))
    done = run(*args)
    assert done.exit_code == 0, done.output
    text = " ".join(done.output.split())
    assert "codes e9, O10 -> e9 (part 2), O10" in text, done.output
    assert "(EIT ส่วนที่ 1)…' no longer cites a measure: the weak point e9 (part 1) has no row" in text, done.output
    thai = " ".join(run(*args, lang="th").output.split())
    assert "e9, O10 เป็น e9 (ส่วนที่ 2), O10" in thai and "ข้อที่ต้องพัฒนา e9 (ส่วนที่ 1) ไม่มีแถว" in thai, thai


UNKNOWN_CODES = """version: 1
frameworks: [2569]
rules:
  - id: office.b
    when:
      question: {codes: [i16, e10], below: 80}
    propose: [e-service]
  - id: office.c
    when:
      not_met: [o99]
    propose: [e-service]
"""


def test_validate_suggests_the_years_spelling_and_a_did_you_mean_per_code(tmp_path: Path) -> None:
    """'o99' where FY2569 writes O1–O26 got no did-you-mean (compared as typed, O9 was never close to o99); and
    [i16, e10] got one list for both, 'did you mean i6, i1, i15?', e10's codes left out."""
    office = office_with(tmp_path, rules=UNKNOWN_CODES)
    args = ("rules", "validate", str(office / "rules"), "--recommendations", str(office / "recommendations"))
    text = " ".join(run(*args).output.split())
    assert "o99 is not a question of fiscal year 2569; its codes are i1–i15, e1–e9, O1–O26 (did you mean O9, O19?)" \
        in text, text
    assert ("limit the rule to their years with 'frameworks:' or, if they were mistyped: i16: did you mean i6, i1, "
            "i15?; e10: did you mean e1, O10, i10?") in text, text
    thai = " ".join(run(*args, lang="th").output.split())
    assert "หรือหากพิมพ์รหัสผิด: i16 หมายถึง i6, i1, i15 หรือไม่?; e10 หมายถึง e1, O10, i10 หรือไม่?" in thai, thai
    assert "(หมายถึง O9, O19 หรือไม่?)" in thai, thai


def test_a_code_with_nothing_close_is_told_the_codes_of_its_kind() -> None:
    from itaplan.ita.framework import load_framework
    from itaplan.ruling.rulebook import _codes_meant

    said = _codes_meant(["i16", "e777"], {"i16": ["i6"]}, load_framework(2569))
    assert said == "i16: did you mean i6?; e777: no such code in fiscal year 2569; the year has e1–e9", said
