"""A provincial auditor's fresh trial of an office workspace (score 8/10): validate said a rule id used twice only
once the schema's problems were fixed, and `rules test` one problem per case; draft's warning on a budget set for a
measure an office rule replaced did not say why the plan holds no such measure; `rules diff` printed a whole row
twice for a threshold changed, and did not say which layers it compared; `rules explain zz9` did not say a measure
id is accepted."""

from __future__ import annotations

from pathlib import Path

from helpers import office_with
from helpers import run_in as run

BROKEN_RULES = """version: 1
frameworks: [2568, 2569]
threshold: 85
rules:
  - id: office.e7-forum
    threshold: abc
    when:
      question: [e7]
    propose: [public-participation]
  - id: office.i1
    propose: [iit-service-standards]
  - id: office.e7-forum
    when:
      question: [e7]
    propose: [public-participation]
"""


def test_validate_says_a_rule_id_used_twice_with_the_schema_s_problems(tmp_path: Path) -> None:
    office = office_with(tmp_path, rules=BROKEN_RULES)
    result = run("rules", "validate", str(office))
    assert result.exit_code == 1
    own = office / "rules" / "own.yaml"
    assert f"{own}:6:5: rules[0] (office.e7-forum).threshold:" in result.output, result.output
    assert f"{own}:10:5: rules[1] (office.i1): 'when' is missing" in result.output, result.output
    assert f"{own}:12:5: rule id 'office.e7-forum' is used twice in this folder (also at {own}:5)" in result.output, \
        result.output


def test_rules_test_says_a_misspelt_key_and_a_misspelt_id_of_one_case_in_one_run(tmp_path: Path) -> None:
    cases = ("cases:\n  - name: i1 low\n    results: {fiscal_year: 2568, questions: [{code: i1, score: 70}]}\n"
             "    expect: [iit-service-standardz]\n    expect_rule_not: [fy2568.e-service]\n")
    office = office_with(tmp_path, cases=cases)
    result = run("rules", "test", str(office / "rules"))
    assert result.exit_code == 1
    where = office / "rules" / "tests" / "own.yaml"
    assert f"{where}:5:5: 'expect_rule_not' is not a key of a test case" in result.output, result.output
    assert f"{where}:4:14: unknown id 'iit-service-standardz' in the expectations" in result.output, result.output


E7_IN_PLACE = """version: 1
frameworks: [2569]
disable: [fy2569.public-participation]
rules:
  - id: office.e7-forum
    when:
      question: [e7]
    propose: [service-improvement]
"""
EXAMPLE = str(Path(__file__).resolve().parent.parent / "examples" / "example.yaml")  # a budget for public-participation


def test_a_budget_for_a_measure_an_office_rule_took_the_place_of_says_which(tmp_path: Path) -> None:
    """"the budget set for <measure> is not printed in the documents: the plan holds no such measure" puzzled an
    officer whose office rule had replaced the measure's built-in rule: the rule and its measure are named."""
    office = office_with(tmp_path, rules=E7_IN_PLACE)
    rules = ("--rules", str(office / "rules"))
    english = run("draft", EXAMPLE, *rules, "-o", str(tmp_path / "p.yaml"))
    assert english.exit_code == 0, english.output
    assert ("the budget set for มาตรการเปิดโอกาสให้ประชาชนและผู้มีส่วนได้ส่วนเสียมีส่วนร่วมในการปรับปรุงการดำเนินงาน is not "
            "printed in the documents: the plan holds no such measure, as the office's rules propose "
            "มาตรการ") in english.output, english.output
    thai = run("draft", EXAMPLE, *rules, "-o", str(tmp_path / "p-th.yaml"), lang="th")
    assert ("ไม่ได้พิมพ์ในเอกสาร เพราะแผนไม่มีมาตรการดังกล่าว โดยกฎของสำนักงานเสนอมาตรการ"
            in thai.output), thai.output
    # the plan the tool drafted passes check (round 17's auditor: the rule's English id in the note, printed in the
    # plan's Thai documents, failed it)
    checked = run("check", str(tmp_path / "p.yaml"), *rules)
    assert checked.exit_code == 0, checked.output
    # a plan whose results are replaced keeps the reason (its note is made again from its measures)
    updated = run("draft", EXAMPLE, *rules, "--update", str(tmp_path / "p.yaml"))
    assert updated.exit_code == 0, updated.output
    saved = " ".join((tmp_path / "p.yaml").read_text(encoding="utf-8").split())
    assert "เพราะแผนไม่มีมาตรการดังกล่าว โดยกฎของสำนักงานเสนอมาตรการ" in saved
    # without the office's rules the measure is in the plan: nothing to say
    plain = run("draft", EXAMPLE, "-o", str(tmp_path / "q.yaml"))
    assert "is not printed in the documents" not in plain.output, plain.output


def test_rules_diff_trims_a_row_s_reworded_cell_to_the_part_that_changed() -> None:
    """A threshold changed 95 -> 96 printed the row's whole ~180-character cell twice (-/+), while the analysis line
    of the same change was trimmed to the part that changed: the row's is trimmed alike."""
    from itaplan.app.rulesdiff import change_text

    cell = ("ผลการประเมิน ปี 2569: ข้อ e4 ได้ 79.47 คะแนน, ข้อ e5 ได้ 71.60 คะแนน, ข้อ e6 ได้ 87.09 คะแนน "
            "ถึงค่าเป้าหมาย 85 แล้ว แต่ต่ำกว่าเกณฑ์ {} ที่สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดกำหนด")
    said = change_text({"before": [cell.format(95)], "after": [cell.format(96)]})
    assert said == "(-'…แต่ต่ำกว่าเกณฑ์ 95 ที่สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดกำหนด', " \
                   "+'…แต่ต่ำกว่าเกณฑ์ 96 ที่สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดกำหนด')", said
    # short items, and an item only added, are said whole
    assert change_text({"before": ["ก", "ข"], "after": ["ข", "ค"]}) == "(-'ก', +'ค')"
    assert change_text({"before": [], "after": [cell.format(96)]}) == f"(+'{cell.format(96)}')"


def test_rules_diff_says_the_current_workspace_s_layers_are_not_used(tmp_path: Path, monkeypatch) -> None:
    """`rules diff … --rules ../office/rules` run inside another workspace said "after: built-in + ../office/rules"
    and left the current workspace's layers out without a word. The folders given replace them, as for draft: said."""
    assert run("init", str(tmp_path / "office")).exit_code == 0
    assert run("init", str(tmp_path / "here")).exit_code == 0
    monkeypatch.chdir(tmp_path / "here")
    result = run("rules", "diff", EXAMPLE, "--rules", "../office/rules")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("rules before:"))
    assert lines[first + 1] == (f"this workspace's own layers are not used on either side: rules, recommendations of "
                                f"{(tmp_path / 'here').resolve()} (the folders given replace them; to include them, "
                                "give them with --rules and --recommendations too, or give no folders to compare the "
                                "workspace's own)"), result.output
    thai = run("rules", "diff", EXAMPLE, "--rules", "../office/rules", lang="th")
    assert "ไม่ได้ใช้ชั้นกฎและข้อเสนอแนะของพื้นที่ทำงานนี้ทั้งก่อนและหลัง: rules, recommendations ของ" in thai.output
    # the workspace's own folders given (a rule folder brings its recommendations/), or none: nothing to say
    for given in (("--rules", "rules"), ()):
        assert "not used on either side" not in run("rules", "diff", EXAMPLE, *given).output


def test_rules_explain_s_error_names_a_measure_id_among_what_it_takes(tmp_path: Path) -> None:
    """`rules explain zz9` listed what WHAT may be (question code, tool, indicator, rule id, total, fall) but not a
    measure id, which it takes too; a misspelt measure id is suggested as a misspelt rule id is."""
    office = office_with(tmp_path)
    rules = ("--rules", str(office / "rules"))
    result = run("rules", "explain", "zz9", *rules)
    assert result.exit_code == 2
    assert ("'zz9' is not a question code, tool, indicator, rule id or measure id (also: total, fall); itaplan rules "
            "list names the rules in force and the measures they propose") in result.output, result.output
    on_results = run("rules", "explain", "zz9", "--results", EXAMPLE, *rules)
    assert "is not a question code, tool, indicator number, rule id or measure id of fiscal year 2569" in \
        on_results.output, on_results.output
    misspelt = run("rules", "explain", "public-partcipation", *rules)
    assert "is not the id of a rule or a measure; did you mean" in misspelt.output, misspelt.output
    assert "public-participation" in misspelt.output.split("did you mean", 1)[1], misspelt.output
    thai = run("rules", "explain", "zz9", *rules, lang="th")
    assert "'zz9' ไม่ใช่รหัสข้อ เครื่องมือ ตัวชี้วัด รหัสกฎ หรือรหัสมาตรการ" in thai.output, thai.output
