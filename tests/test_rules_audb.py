"""A fresh provincial auditor's trial (Thai interface), second round: a weak point with no measure after a disable:,
review and explain naming every rule, a measure id in explain, a second measure for a question, why a rule test's
rule did not fire, and smaller findings."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner
from conftest import ROOT
from itaplan.cli import main

PROVINCE = str(ROOT / "examples" / "province_wide-2569.csv")
KEEP = {"ITAPLAN_LANG": "en"}  # --lang sets ITAPLAN_LANG for the process: CliRunner restores what it is given


def run(*args: str, lang: str = "en"):
    return CliRunner().invoke(main, ["--lang", lang, *args], env=KEEP)


def workspace(tmp_path: Path, rules: str, recommendations: str = "") -> Path:
    """A workspace as `itaplan init` makes it, its rules/office.yaml replaced by ``rules`` and ``recommendations``
    appended to its recommendations/office.yaml."""
    office = tmp_path / "office"
    assert run("init", str(office), lang="th").exit_code == 0
    (office / "rules" / "office.yaml").write_text(rules, encoding="utf-8")
    own = office / "recommendations" / "office.yaml"
    own.write_text(own.read_text(encoding="utf-8") + recommendations, encoding="utf-8")
    return office


def layers(office: Path) -> list[str]:
    return ["--rules", str(office / "rules"), "--recommendations", str(office / "recommendations")]


DISABLE = "version: 1\nframeworks: [2569]\ndisable: [fy2569.oit-anti-corruption-plan]\nrules: []\n"


def test_lint_says_a_disable_that_leaves_a_code_with_no_rule_to_propose_a_measure(tmp_path: Path) -> None:
    office = workspace(tmp_path, DISABLE)
    out = run("rules", "lint", str(office / "rules"), "--recommendations", str(office / "recommendations"))
    assert out.exit_code == 1, out.output
    assert ("switching off 'fy2569.oit-anti-corruption-plan' leaves these questions and items with no rule in force "
            "that proposes a measure for them when weak (fiscal year 2569: O23, O24)") in out.output, out.output
    thai = run("rules", "lint", str(office / "rules"), "--recommendations", str(office / "recommendations"), lang="th")
    assert "การปิดกฎ 'fy2569.oit-anti-corruption-plan' ทำให้ข้อต่อไปนี้ไม่มีกฎที่ใช้บังคับเสนอมาตรการให้เมื่อได้คะแนนต่ำ " \
           "(ปีงบประมาณ 2569: ข้อ O23, O24)" in thai.output, thai.output


def test_lint_says_a_replacing_rule_with_a_lower_threshold_leaves_scores_without_a_measure(tmp_path: Path) -> None:
    rules = ("version: 1\nframeworks: [2569]\nrules:\n  - id: fy2569.e-service\n    title: e9 below 80\n"
             "    threshold: 80\n    when:\n      question: [e9]\n    propose: [e-service]\n")
    office = workspace(tmp_path, rules)
    out = run("rules", "lint", str(office / "rules"), "--recommendations", str(office / "recommendations"))
    assert "rule 'fy2569.e-service' replaces the built-in rule of that id but no longer proposes a measure at every " \
           "score the analysis lists as a weak point (below the target, or an item not met) for fiscal year 2569: e9," \
           in out.output, out.output


def test_draft_and_check_say_a_weak_point_no_rule_gave_a_measure(tmp_path: Path) -> None:
    office = workspace(tmp_path, DISABLE)
    plan = tmp_path / "p.yaml"
    out = run("draft", PROVINCE, "--agency", "หนองบัว", *layers(office), "-o", str(plan))
    assert out.exit_code == 0, out.output
    assert "the analysis lists weak points O24, but no rule in force proposes a measure for them" in out.output
    checked = run("check", str(plan))
    assert checked.exit_code == 1
    assert "weak point O24 is listed with no measure in the table: no rule in force proposes one" in checked.output
    thai = run("check", str(plan), lang="th")
    assert "จุดอ่อน O24 ไม่มีมาตรการในตาราง เพราะไม่มีกฎที่ใช้บังคับเสนอมาตรการ" in thai.output
    # the built-in rules alone: every weak point has its row, and nothing is said
    plain = tmp_path / "plain.yaml"
    out = run("draft", PROVINCE, "--agency", "หนองบัว", "-o", str(plain))
    assert "no rule in force proposes" not in out.output
    assert "weak point" not in run("check", str(plain)).output


def test_a_point_whose_measure_the_row_limit_left_out_is_said_so(tmp_path: Path) -> None:
    from itaplan.checking.check import check_measures
    from itaplan.drafting.analysis import unmeasured_points
    from itaplan.drafting.plan import load_plan

    path = tmp_path / "p.yaml"
    assert run("draft", PROVINCE, "--agency", "หนองบัว", "-o", str(path)).exit_code == 0
    plan = load_plan(path)
    measure = next(m for m in plan["measures"] if "O24" in m.get("codes", []))
    for issue in plan["analysis"]["issues"]:
        for point in issue["points"]:
            if point.get("code") == "O24":
                point["measures"] = [mid for mid in point["measures"] if mid != measure["id"]]
    plan["measures"].remove(measure)
    plan["left_out"].append({"id": measure["id"], "title": measure["title"], "codes": ["O24"], "priority": 30,
                             "rules": []})
    assert ("O24", 0, "left_out", [measure["id"]]) in unmeasured_points(plan)
    found = [f for f in check_measures(plan) if "O24" in f]
    assert found and "the table's row limit left out" in found[0] and "no rule in force" not in found[0]


CLAIMS = """recommendations:
  - id: office-claims-spotcheck
    kind: measure
    indicators: [2]
    dimension: 4
    title: มาตรการสุ่มตรวจการเบิกจ่ายของ{agency}
    issue: ผลการประเมินข้อ {items} สะท้อนว่ายังมีการเบิกจ่ายที่ไม่ตรงกับข้อเท็จจริง
    recommendation: สุ่มตรวจหลักฐานการเบิกจ่ายทุกไตรมาส
    method: [สุ่มตรวจหลักฐานการเบิกจ่ายทุกไตรมาส]
    timeline: {from: 1, to: 12}
    evidence: [รายงานผลการสุ่มตรวจ]
    owner: audit
"""
SPOTCHECK = ("version: 1\nframeworks: [2569]\nrules:\n  - id: office.claims-spotcheck\n    title: i5 spot check\n"
             "    when:\n      question: [i5]\n    propose: [office-claims-spotcheck]\n")


def test_lint_notes_an_office_measure_for_a_code_a_built_in_rule_already_answers(tmp_path: Path) -> None:
    office = workspace(tmp_path, SPOTCHECK, CLAIMS)
    out = run("rules", "lint", str(office / "rules"), "--recommendations", str(office / "recommendations"))
    assert out.exit_code == 0, out.output  # a note: the exit status is kept
    line = next(x for x in out.output.splitlines() if "office.claims-spotcheck" in x)
    assert "note:" in line and "'fy2569.false-claims-control'" in line and "false-claims-control in fiscal year 2569" \
        in line and "for i5" in line
    thai = run("rules", "lint", str(office / "rules"), "--recommendations", str(office / "recommendations"), lang="th")
    assert "หมายเหตุ: กฎ 'office.claims-spotcheck' เสนอ office-claims-spotcheck สำหรับข้อ i5" in thai.output


def test_review_lists_every_rule_that_fired_on_a_question(tmp_path: Path) -> None:
    """Two rules on i5 (the built-in false-claims control and an office's spot check) share a row: review named only
    the office's, while rules explain i5 said both fired."""
    office = workspace(tmp_path, SPOTCHECK, CLAIMS)
    out = run("review", PROVINCE, "--agency", "โคกสูง", "--plain", "--width", "200", *layers(office))
    assert out.exit_code == 0, out.output
    line = next(x for x in out.output.splitlines() if x.strip().startswith("i5 "))
    assert "office.claims-spotcheck" in line and "fy2569.false-claims-control" in line, line
    plan = tmp_path / "p.yaml"
    assert run("draft", PROVINCE, "--agency", "โคกสูง", "-o", str(plan), *layers(office)).exit_code == 0
    row = next(m for m in yaml.safe_load(plan.read_text(encoding="utf-8"))["measures"]
               if "office-claims-spotcheck" in m["id"])
    fact = next(f for f in row["facts"] if f.get("code") == "i5")
    assert set(fact["rules"]) == {"office.claims-spotcheck", "fy2569.false-claims-control"}


def test_explain_says_a_measure_the_row_limit_left_out_and_takes_a_measure_id() -> None:
    out = run("rules", "explain", "total", "--results", PROVINCE, "--agency", "หนองบัว")
    assert out.exit_code == 0, out.output
    assert "ita-working-group: left out of the plan: the measures table holds at most 10 rows" in out.output
    measure = run("rules", "explain", "ita-working-group", "--results", PROVINCE, "--agency", "หนองบัว")
    assert measure.exit_code == 0, measure.output
    assert measure.output.startswith("measure ita-working-group (")
    assert "FIRED  total-below-target" in measure.output and "left out of the plan" in measure.output
    shared = run("rules", "explain", "false-claims-control", "--results", PROVINCE, "--agency", "โคกสูง").output
    assert "FIRED  fy2569.false-claims-control" in shared
    assert "false-claims-control: in the plan, row " in shared
    alone = run("rules", "explain", "ita-working-group")
    assert alone.exit_code == 0, alone.output
    assert "total-below-target [built-in layer]" in alone.output and "condition in 2569: total below 85" in alone.output
    thai = run("rules", "explain", "total", "--results", PROVINCE, "--agency", "หนองบัว", lang="th").output
    assert "ita-working-group: ไม่ได้อยู่ในแผน เพราะตารางมาตรการมีได้ไม่เกิน 10 แถว" in thai


def test_a_rule_test_says_why_an_expected_rule_did_not_fire(tmp_path: Path) -> None:
    rules = ("version: 1\nframeworks: [2569]\nrules:\n  - id: fy2569.e-service\n    title: e9 below 90\n"
             "    threshold: 90\n    when:\n      question: [e9]\n    propose: [e-service]\n")
    office = workspace(tmp_path, rules)
    (office / "rules" / "tests" / "office.yaml").write_text(
        "cases:\n  - name: wrong year\n    results: {fiscal_year: 2568, questions: [{code: e9, part: 1, score: 70}]}\n"
        "    expect_rules: [fy2569.e-service]\n"
        "  - name: e9 91\n    results: {fiscal_year: 2569, questions: [{code: e9, part: 1, score: 91}]}\n"
        "    expect_rules: [fy2569.e-service]\n", encoding="utf-8")
    out = run("rules", "test", str(office / "rules"), "--recommendations", str(office / "recommendations"))
    assert out.exit_code == 1
    assert "expected rule fy2569.e-service to fire; it is a rule of fiscal year 2569, and the case's results are " \
           "of 2568" in out.output
    assert "expected rule fy2569.e-service to fire; it did not: e9 below 90: e9 part 1 91.00, not below 90.00" \
        in out.output, out.output
    thai = run("rules", "test", str(office / "rules"), "--recommendations", str(office / "recommendations"),
               lang="th").output
    assert "แต่กฎนี้ใช้กับปีงบประมาณ 2569 ส่วนผลการประเมินของกรณีทดสอบเป็นของปี 2568" in thai
    assert "แต่กฎไม่เข้าเงื่อนไข: e9 ต่ำกว่า 90: e9 ส่วนที่ 1 ได้ 91.00 คะแนน ซึ่งไม่ต่ำกว่า 90.00 คะแนน" in thai


def test_thai_digits_in_a_rule_s_numbers_are_read_as_numbers(tmp_path: Path) -> None:
    rules = ("version: 1\nframeworks: [๒๕๖๙]\nthreshold: ๙๐\nrules:\n  - id: office.e9\n    title: e9\n"
             "    when:\n      question: {codes: [e๙], below: ๘๗.๕}\n    propose: [e-service]\n"
             "  - id: office.i1\n    title: i1\n    when:\n      question: [i1]\n    propose: [iit-service-standards]\n")
    office = workspace(tmp_path, rules)
    out = run("rules", "validate", str(office / "rules"), "--recommendations", str(office / "recommendations"))
    assert out.exit_code == 0, out.output
    e9 = run("rules", "explain", "office.e9", *layers(office)).output
    assert "fiscal years: 2569" in e9 and "condition: e9 below 87.5" in e9, e9
    assert "condition: i1 below 90" in run("rules", "explain", "office.i1", *layers(office)).output


def test_quiet_after_the_command_is_taken_as_before_it(tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    out = run("draft", PROVINCE, "--agency", "หนองบัว", "-o", str(plan), "-q")
    assert out.exit_code == 0, out.output
    assert plan.exists() and "warning" not in out.output and "->" not in out.output
    assert run("rules", "lint", "--quiet").exit_code == 0


def test_a_stray_closing_brace_inside_brackets_is_said_where_it_is(tmp_path: Path) -> None:
    from itaplan.base.errors import InputError
    from itaplan.base.yamlio import loads

    try:
        loads("a:\n  evidence: [รายงานผล }, คำสั่ง]\n", "x.yaml")
    except InputError as exc:
        problem = exc.problems[0]
    else:
        raise AssertionError("the stray } was read")
    assert (problem.line, problem.column) == (2, 23)
    assert "a `}` is not expected here, inside the `[` opened at line 2, column 13" in problem.message
    assert "never closed" not in problem.message


def test_explain_says_an_office_rule_replaces_a_built_in_one(tmp_path: Path) -> None:
    rules = ("version: 1\nframeworks: [2569]\nrules:\n  - id: fy2569.e-service\n    title: e9 below 90\n"
             "    threshold: 90\n    when:\n      question: [e9]\n    propose: [e-service]\n")
    office = workspace(tmp_path, rules)
    alone = run("rules", "explain", "fy2569.e-service", *layers(office)).output
    assert "replaces the built-in rule of that id (" in alone and "fy2569.yaml:" in alone, alone
    fired = run("rules", "explain", "e9", "--results", PROVINCE, "--agency", "หนองบัว", *layers(office)).output
    assert "FIRED  fy2569.e-service [" in fired and "[office layer (replaces a built-in rule)] " in fired, fired
    thai = run("rules", "explain", "fy2569.e-service", *layers(office), lang="th").output
    assert "แทนที่กฎที่มากับโปรแกรมที่มีรหัสเดียวกัน (" in thai
