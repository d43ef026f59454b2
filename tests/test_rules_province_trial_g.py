"""A provincial auditor's trial of the rule commands and drafting: codes of another year apart from codes of no
year, every failing expectation of a rule test case, a merged row's owner, and an indicator-based measure in
`rules diff`."""

from __future__ import annotations

from pathlib import Path

from helpers import office_with
from helpers import run_in as run


def rule_folder(tmp_path: Path, codes: str) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "a.yaml").write_text("version: 1\nframeworks: [2569]\nrules:\n  - id: office.x\n    when:\n"
                                   f"      question: [{codes}]\n    propose: [e-service]\n", encoding="utf-8")
    return folder


def test_a_code_of_another_year_and_a_code_of_no_year_are_said_apart(tmp_path: Path) -> None:
    """`question: [e10, O99]` (FY2569) said "e10, O99 … belong to another year: limit the rule with frameworks:";
    O99 is a question of no year: the frameworks: advice was wrong for it."""
    where = rule_folder(tmp_path, "e10, O99") / "a.yaml"
    english = run("rules", "validate", str(where.parent))
    assert english.exit_code == 1, english.output
    assert (f"{where}:6:18: rule 'office.x': e10 is not a question of fiscal year 2569 but of fiscal year "
            "2564–2567; limit the rule to its years with 'frameworks:'") in english.output, english.output
    assert (f"{where}:6:23: rule 'office.x': O99 is not a question of fiscal year 2569; its codes are i1–i15, e1–e9, "
            "O1–O26 (did you mean O9, O19?)") in english.output, english.output
    assert "e10, O99" not in english.output and "another year" not in english.output
    thai = run("rules", "validate", str(where.parent), lang="th").output
    assert (f"{where}:6:18: กฎ 'office.x': e10 ไม่ใช่ข้อของปีงบประมาณ 2569 แต่เป็นข้อของปีงบประมาณ 2564–2567 "
            "ให้จำกัดปีของกฎให้ตรงกับปีของข้อนี้ด้วย 'frameworks:'") in thai, thai
    assert f"{where}:6:23: กฎ 'office.x': O99 ไม่ใช่ข้อของปีงบประมาณ 2569; ข้อของปีนั้นคือ" in thai, thai
    # codes of no year with nothing close: said so, in words, not sent to frameworks:
    rule_folder(tmp_path, "e10, e11, o7777")  # (o777 is close to O7, the case of its letter aside)
    english = run("rules", "validate", str(where.parent)).output
    assert ("rule 'office.x': e10, e11 are not questions of fiscal year 2569 but of fiscal year 2564–2567; limit the "
            "rule to their years with 'frameworks:'") in english, english
    assert (f"{where}:6:28: rule 'office.x': o7777 is not a question of fiscal year 2569; no year's assessment has "
            "such a question; the codes of fiscal year 2569 are i1–i15, e1–e9, O1–O26") in english, english
    thai = run("rules", "validate", str(where.parent), lang="th").output
    assert (f"{where}:6:28: กฎ 'office.x': o7777 ไม่ใช่ข้อของปีงบประมาณ 2569; ไม่มีข้อนี้ในการประเมินปีใด "
            "ข้อของปีงบประมาณ 2569 คือ i1–i15, e1–e9, O1–O26") in thai, thai
    assert "ให้จำกัดปีของกฎให้ตรงกับปีของข้อเหล่านี้ด้วย 'frameworks:'" in thai, thai


DISABLE_I4 = "version: 1\nframeworks: [2569]\ndisable: [fy2569.budget-participation]\nrules: []\n"


def test_a_rule_test_case_says_every_failing_expectation_and_every_unknown_id(tmp_path: Path) -> None:
    """A case expecting budget-participation and its rule (switched off) said only the rule's switch; a case whose
    results hold an invalid code (i44) said nothing of a misspelt measure id under expect:."""
    cases = ("cases:\n"
             "  - name: i4 switched off\n"
             "    results: {fiscal_year: 2569, questions: {i4: 70}}\n"
             "    expect: [budget-participation]\n"
             "    expect_rules: [fy2569.budget-participation]\n"
             "  - name: bad code\n"
             "    results: {fiscal_year: 2569, questions: {i44: 70}}\n"
             "    expect: [budget-participaton]\n"
             "    expect_rules: [fy2569.budget-participaton]\n"
             "  - name: i3 low\n"
             "    results: {fiscal_year: 2569, questions: {i3: 70}}\n"
             "    expect: [anti-bribery, budget-participaton, e-service]\n"
             "    expect_rules: [fy2569.e-service]\n")
    office = office_with(tmp_path, DISABLE_I4, cases=cases)
    own, tests = office / "rules" / "own.yaml", office / "rules" / "tests" / "own.yaml"
    result = run("rules", "test", "--recommendations", str(office / "recommendations"), str(office / "rules"))
    out = result.output
    assert result.exit_code == 1, out
    # the first case: its switched-off rule and its measure that no rule in force proposes, both
    assert (f"{tests}:5:20: rule 'fy2569.budget-participation' is switched off by the disable: of {own}:3:11") in out, out
    assert (f"{tests}:4:14: expected budget-participation to be proposed; nothing was proposed: rule "
            f"fy2569.budget-participation, which proposes it, is switched off by the disable: of {own}:3:11") in out, out
    # the second: the invalid code and the misspelt ids, each where it is written
    assert f"{tests}:7:46: unknown code 'i44' for fiscal year 2569" in out, out
    assert (f"{tests}:8:14: unknown id 'budget-participaton' in the expectations: no such recommendation in force; "
            "did you mean budget-participation") in out, out
    assert (f"{tests}:9:20: unknown id 'fy2569.budget-participaton' in the expectations: no such rule in force; "
            "did you mean") in out, out
    # the third: a misspelt id among ids in force does not stop the others being checked, each at its item
    assert f"{tests}:12:28: unknown id 'budget-participaton'" in out, out
    assert f"{tests}:12:49: expected e-service to be proposed; proposed: anti-bribery" in out, out
    assert f"{tests}:13:20: expected rule fy2569.e-service to fire; it did not: " in out, out
    assert "expected anti-bribery" not in out, out
    thai = run("rules", "test", "--recommendations", str(office / "recommendations"), str(office / "rules"),
               lang="th").output
    assert f"{tests}:8:14: " in thai and f"{tests}:13:20: " in thai and "expected" not in thai, thai


OFFICE_MEASURE = """version: 1
recommendations:
  - id: office-work-improvement
    kind: measure
    indicators: [8]
    dimension: 4
    title: มาตรการปรับปรุงการปฏิบัติงานของสำนักงาน
    issue: ควรปรับปรุงขั้นตอนการปฏิบัติงานให้รวดเร็วขึ้น
    recommendation: ทบทวนขั้นตอนการปฏิบัติงานและลดขั้นตอนที่ไม่จำเป็น
    method: [ทบทวนขั้นตอนการปฏิบัติงาน, รายงานผลต่อผู้บริหาร]
    timeline: {from: 1, to: 12}
    evidence: [รายงานผลการทบทวนขั้นตอน]
    owner: office
"""
INDICATOR_RULE = ("version: 1\nframeworks: [2568]\nrules:\n  - id: office.indicator8\n    title: ตัวชี้วัดที่ 8\n"
                  "    when:\n      indicator: {numbers: [8], below: 100}\n    propose: [office-work-improvement]\n")
EXAMPLE = str(Path(__file__).parent / "data" / "example-2568.yaml")


def test_rules_diff_names_the_indicator_a_measure_answers_not_a_dash(tmp_path: Path, monkeypatch) -> None:
    """`+ office-work-improvement … [—]`: a measure proposed on an indicator was printed with no codes."""
    import json

    monkeypatch.chdir(office_with(tmp_path, INDICATOR_RULE, OFFICE_MEASURE))
    english = run("rules", "diff", EXAMPLE)
    assert english.exit_code == 0, english.output
    assert ("+ office-work-improvement มาตรการปรับปรุงการปฏิบัติงานของสำนักงาน [indicator 8] because of "
            "office.indicator8") in english.output, english.output
    thai = run("rules", "diff", EXAMPLE, lang="th").output
    assert "+ office-work-improvement มาตรการปรับปรุงการปฏิบัติงานของสำนักงาน [ตัวชี้วัดที่ 8]" in thai, thai
    assert "[—]" not in thai and "[indicator" not in thai, thai
    data = json.loads(run("rules", "diff", EXAMPLE, "--format", "json").output)
    added = {m["id"]: m for m in data["agencies"][0]["added"]}
    assert added["office-work-improvement"]["codes"] == [] and added["office-work-improvement"]["indicators"] == [8]


def test_a_merged_row_keeps_the_section_that_owns_its_measure(tmp_path: Path) -> None:
    """e-service alone is owned by "สำนักปลัด (งานประชาสัมพันธ์และเทคโนโลยีสารสนเทศ)"; merged with an office measure
    owned by "สำนักปลัด", the row and its card said only "สำนักปลัด", dropping the section that does the work (and
    then only the section, which two later auditors read as the unit dropped): both, the unit with its section."""
    from itaplan.app.session import Session

    office = office_with(tmp_path, INDICATOR_RULE, OFFICE_MEASURE)
    session = Session(use_workspace=False, rules_dirs=(str(office / "rules"),),
                      recommendation_dirs=(str(office / "recommendations"),))
    plan = session.plan(session.scorecard(EXAMPLE))
    row = next(m for m in plan["measures"] if m["id"] == "e-service+office-work-improvement")
    assert row["owner"] == "สำนักปลัด (รวมถึงงานประชาสัมพันธ์และเทคโนโลยีสารสนเทศ)", row["owner"]
    from itaplan.render.cards import card_fields

    card = card_fields(row, plan, session.texts())
    assert card["owner"].startswith("สำนักปลัด (รวมถึงงานประชาสัมพันธ์และเทคโนโลยีสารสนเทศ)"), card["owner"]
