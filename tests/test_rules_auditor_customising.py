"""A provincial auditor customising rules in a fresh `itaplan init` workspace: a mistyped code told apart from
another year's, each finding naming its file, line and layer, a recommendations file's errors in one run, an office
measure without what its project card needs, the Thai all-clear."""

from __future__ import annotations

from pathlib import Path

from helpers import office_with
from helpers import run_in as run


def office_rule(tmp_path: Path, codes: str) -> Path:
    rules = ("version: 1\nframeworks: [2568, 2569]\nrules:\n  - id: office.watch\n    when:\n"
             f"      question: {{codes: [{codes}], below: 90}}\n    propose: [iit-service-standards]\n")
    return office_with(tmp_path, rules=rules)


def test_a_code_of_older_years_only_is_said_once_with_this_years_likely_codes(tmp_path: Path) -> None:
    """`i16` in a rule of FY2568–2569 (i1–i15) was said twice, each time sent to frameworks: alone; i16 is an
    FY2564–2567 question (the crosswalk makes it FY2568's i7), so it is said once, with i7 and the close codes."""
    office = office_rule(tmp_path, "i16")
    out = run("rules", "validate", str(office / "rules")).output
    where = office / "rules" / "own.yaml"
    assert (f"{where}:6:26: rule 'office.watch': i16 is not a question of fiscal year 2568, 2569 but of fiscal year "
            "2564–2567; limit the rule to its years with 'frameworks:' or, if it was mistyped, did you mean i7, i6, "
            "i1?") in out, out
    assert out.count("i16 is not") == 1, out
    thai = run("rules", "validate", str(office / "rules"), lang="th").output
    assert "หรือหากพิมพ์รหัสผิด หมายถึง i7, i6, i1 หรือไม่?" in thai, thai


def test_a_code_of_no_year_gets_did_you_mean_among_this_years_and_no_frameworks_advice(tmp_path: Path) -> None:
    office = office_rule(tmp_path, "i31")
    out = run("rules", "validate", str(office / "rules")).output
    assert ("rule 'office.watch': i31 is not a question of fiscal year 2568; its codes are i1–i15, e1–e9, o1–o28 "
            "(did you mean i3, i1, i15?)") in out, out
    assert "frameworks" not in out and out.count("i31 is not") == 1, out


def test_list_and_explain_name_the_layer_and_the_file_line_column_not_the_folder(tmp_path: Path, monkeypatch) -> None:
    """`rules list` said "layer: rules/" and `rules explain` "[rules/]", "switched off by rules/": the folder alone.
    Each now says the layer (built-in or the office's) and where the rule, the measure or the disable: is written,
    file:line:col, from the workspace a short path an editor opens."""
    office = office_rule(tmp_path, "i1")
    own = office / "rules" / "own.yaml"
    own.write_text(own.read_text(encoding="utf-8") + "disable: [fy2569.e-service]\n", encoding="utf-8")
    monkeypatch.chdir(office)
    listed = run("rules", "list", "--plain").output
    assert "office layer, rules/own.yaml:4:5" in listed, listed
    assert "switched off: fy2569.e-service, by rules/own.yaml:8:11 (office layer)" in listed, listed
    explained = run("rules", "explain", "iit-service-standards").output
    assert "  office.watch [office layer] rules/own.yaml:4:5; fiscal years: 2568, 2569" in explained, explained
    assert "fy2569.iit-service-standards [built-in layer] " in explained and "fy2569.yaml:8:3" in explained, explained
    assert "  the measure is written in " in explained and "iit.yaml:" in explained and "(built-in layer)" in explained
    off = run("rules", "explain", "fy2569.e-service").output
    assert "  switched off by rules/own.yaml:8:11 (office layer): not in force" in off, off
    thai = run("rules", "explain", "e9", "--framework", "2569", lang="th").output
    assert "ปิดไว้โดย rules/own.yaml:8:11 (ชั้นของสำนักงาน)" in thai, thai


MEASURE_WITH_SLIPS = """version: 1
texts:
  agency_fallback: หน่วยงาน {agencyy}
recommendations:
  - id: office-claims-spotcheck
    kind: measure
    indicators: [2]
    dimension: 4
    title: มาตรการสุ่มตรวจการเบิกจ่าย {plan_yeer}
    issue: ควรทบทวน
    recommendation: สุ่มตรวจ
    method: [สุ่มตรวจหลักฐาน]
    timeline: {from: 1, to: 13}
    evidence: [รายงาน]
    owner: audit
"""


def test_a_recommendations_file_says_its_schema_and_its_placeholder_errors_in_one_run(tmp_path: Path) -> None:
    """`timeline.to: 13` was said alone; once fixed, a second run said {agencyy} and {plan_yeer}. All three now."""
    office = office_with(tmp_path, recommendations=MEASURE_WITH_SLIPS)
    result = run("rules", "validate", str(office / "rules"), "--recommendations", str(office / "recommendations"))
    where = office / "recommendations" / "own.yaml"
    assert result.exit_code == 1, result.output
    assert f"{where}:13:25: recommendations[0] (office-claims-spotcheck).timeline.to: the value of to is 13" \
        in result.output, result.output
    assert f"{where}:9:39: recommendation 'office-claims-spotcheck': unknown placeholder {{plan_yeer}} in title: " \
           "did you mean {plan_year}?" in result.output, result.output
    assert f"{where}:3:29: texts: the sentence 'agency_fallback': {{agencyy}} is not one of its placeholders" \
        in result.output, result.output
    assert "3 problems found in" in result.output, result.output


OWN_MEASURE = """version: 1
recommendations:
  - id: office-claims-spotcheck
    kind: measure
    indicators: [2]
    dimension: 4
    title: มาตรการสุ่มตรวจการเบิกจ่าย
    issue: ควรทบทวนความถูกต้องของการเบิกจ่าย
    recommendation: สุ่มตรวจหลักฐานการเบิกจ่ายเป็นประจำ
    method: [สุ่มตรวจหลักฐานการเบิกจ่ายทุกไตรมาส]
    timeline: {from: 1, to: 12}
    evidence: [รายงานผลการสุ่มตรวจ]
    owner: audit
"""
PROPOSING = ("version: 1\nframeworks: [2569]\nrules:\n  - id: office.claims\n    when:\n      question: [i4]\n"
             "    propose: [office-claims-spotcheck]\n")


def test_lint_notes_an_office_measure_whose_card_prints_the_generic_objectives_and_target_group(tmp_path: Path,
                                                                                               monkeypatch) -> None:
    """Lint said nothing of an office measure without project: objectives: or target_group:; its card printed
    'เพื่อแก้ไขประเด็นที่พบจากผลการประเมิน ITA …' and 'ผู้บริหารและบุคลากรของ…' as every such card does."""
    office = office_with(tmp_path, rules=PROPOSING, recommendations=OWN_MEASURE)
    monkeypatch.chdir(office)
    out = run("rules", "lint").output
    where = office / "recommendations" / "own.yaml"
    assert (f"{where}:3:5: note: recommendation 'office-claims-spotcheck' has no project: objectives:, "
            "target_group:, outcomes:, so its project card prints the generic ones: 'เพื่อแก้ไขประเด็นที่พบจากผลการประเมิน ITA "
            "และพัฒนาการปฏิบัติงานของหน่วยงานให้มีคุณธรรมและความโปร่งใส', "
            "'ผู้บริหารและบุคลากรของ{agency}{staff_count}', 'ประเด็นที่พบจากผลการประเมิน ITA ได้รับการแก้ไข") in out, out
    assert "ไม่มี objectives:, target_group:, outcomes: ใต้ project:" in run("rules", "lint", lang="th").output
    (office / "recommendations" / "own.yaml").write_text(
        OWN_MEASURE + "    project:\n      name: กิจกรรมสุ่มตรวจการเบิกจ่าย\n      objectives: [เพื่อให้การเบิกจ่ายถูกต้อง]\n",
        encoding="utf-8")
    out = run("rules", "lint").output
    assert (f"{where}:14:5: note: recommendation 'office-claims-spotcheck' has no project: target_group:, outcomes:, "
            "so its project card prints the generic ones: 'ผู้บริหารและบุคลากรของ{agency}{staff_count}', ") in out, out
    assert "objectives:," not in out, out


def test_the_lint_all_clear_reads_as_one_thai_sentence(tmp_path: Path, monkeypatch) -> None:
    """'ไม่พบปัญหาใน กฎที่ใช้บังคับ': a space inside the phrase, and the recommendations lint also read unsaid."""
    office = office_with(tmp_path)
    monkeypatch.chdir(office)
    thai = run("rules", "lint", lang="th")
    assert thai.exit_code == 0, thai.output
    assert thai.output.strip().splitlines()[-1] == "ไม่พบปัญหาทั้งในกฎที่ใช้อยู่และในข้อเสนอแนะ", thai.output
    english = run("rules", "lint").output
    assert english.strip().splitlines()[-1] == "no problems found in the rules in force or in the recommendations"
