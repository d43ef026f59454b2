"""A provincial auditor's trial of the rule commands: a quote or bracket left open is located where it opens, a
failing rule test says why the expected measure was not proposed, diff prints old before new, and explain says
when lint finds a rule can never fire."""

from __future__ import annotations

from pathlib import Path

from helpers import office_with, run_in

HEAD = "version: 1\nframeworks: [2569]\nthreshold: 85\nrules:\n"
RULE = "- id: office.r{n}\n  title: กฎที่ {n}\n  when:\n    question: [i1]\n  propose: [e-service]\n"




def _where(office: Path, piece: str) -> tuple[int, int]:
    lines = (office / "rules" / "own.yaml").read_text(encoding="utf-8").splitlines()
    row = max(i for i, line in enumerate(lines) if piece in line)  # the last: the one left open
    return row + 1, lines[row].index(piece) + 1


def test_a_quote_left_open_is_located_where_it_opens_not_at_the_end_of_the_file(tmp_path: Path) -> None:
    rules = HEAD + "".join(RULE.format(n=n) for n in range(1, 4)) + \
        '- id: office.open\n  title: "ไม่ปิดเครื่องหมาย\n  when:\n    question: [i1]\n'
    office = office_with(tmp_path, rules=rules)
    assert len(rules.splitlines()) == 23
    line, column = _where(office, '"ไม่ปิด')
    english = run_in("rules", "validate", str(office))
    assert f"own.yaml:{line}:{column}: not valid YAML: the quote `\"` opened here is never closed" in english.output
    assert "stopped at line 24" in english.output  # where PyYAML stopped, for the expert
    thai = run_in("rules", "validate", str(office), lang="th")
    assert f"own.yaml:{line}:{column}: ไม่ใช่ YAML ที่ถูกต้อง: เครื่องหมายคำพูด `\"` ที่เปิดตรงนี้ไม่มีการปิด" in thai.output
    assert "ไฟล์จบลง" not in thai.output and "PyYAML" not in thai.output and "Traceback" not in thai.output
    single = office_with(tmp_path / "single", rules=rules.replace('"ไม่ปิด', "'ไม่ปิด"))
    assert f"own.yaml:{line}:{column}: not valid YAML: the quote `'` opened here" in \
        run_in("rules", "validate", str(single)).output


def test_a_bracket_left_open_until_the_file_ends_is_located_where_it_opens(tmp_path: Path) -> None:
    for n, (opened, bracket, closing) in enumerate([("[i1", "[", "]"), ("[i1,", "[", "]"), ("[i1, i2,", "[", "]"),
                                                     ("{a: 1", "{", "}"), ("{a: 1,", "{", "}")]):
        rules = HEAD + RULE.format(n=1) + f"- id: office.open\n  propose: [e-service]\n  when:\n    question: {opened}\n"
        office = office_with(tmp_path / str(n), rules=rules)
        line, column = _where(office, opened)
        english = run_in("rules", "validate", str(office))
        assert f"own.yaml:{line}:{column}: not valid YAML: the `{bracket}` opened here is never closed; close it " \
               f"with `{closing}`" in english.output, english.output
        thai = run_in("rules", "validate", str(office), lang="th")
        assert f"own.yaml:{line}:{column}: ไม่ใช่ YAML ที่ถูกต้อง: `{bracket}` ที่เปิดตรงนี้ไม่มีการปิด ให้ปิดด้วย " \
               f"`{closing}`" in thai.output, thai.output


def test_a_quote_inside_an_open_bracket_is_the_one_said(tmp_path: Path) -> None:
    rules = HEAD + '- id: office.open\n  propose: [e-service]\n  when:\n    question: [i1, "i2\n'
    office = office_with(tmp_path, rules=rules)
    line, column = _where(office, '"i2')
    assert f"own.yaml:{line}:{column}: not valid YAML: the quote `\"` opened here is never closed" in \
        run_in("rules", "validate", str(office)).output


FORUM_RULES = """version: 1
frameworks: [2569]
rules:
- id: office.work-improvement
  title: ปรับปรุงระบบการทำงาน
  when:
    indicator: {numbers: [8], below: 85}
  propose: [office-participation-forum]
- id: office.forum-e9
  title: e9 ส่วนที่ 2
  when:
    question: {codes: [e9], part: 2, below: 85}
  propose: [office-participation-forum]
"""
FORUM = """recommendations:
  - id: office-participation-forum
    kind: measure
    indicators: [8]
    dimension: 4
    title: มาตรการเวทีรับฟังความคิดเห็นผู้รับบริการ
    issue: ควรเปิดให้ผู้รับบริการมีส่วนร่วมในการปรับปรุงการทำงาน
    recommendation: จัดเวทีรับฟังความคิดเห็นผู้รับบริการ
    method:
      - จัดเวทีรับฟังความคิดเห็นปีละ 2 ครั้ง
    timeline: {from: 1, to: 12}
    evidence:
      - รายงานสรุปผลการรับฟังความคิดเห็น
    owner: สำนักปลัด
"""
FORUM_CASE = """cases:
  - name: the forum for indicator 8
    results: {fiscal_year: 2569, questions: {e7: {1: 70}, e8: {1: 70}, e9: {1: 70}}}
    expect: [office-participation-forum]
  - name: the forum in another year
    results: {fiscal_year: 2568, questions: {e7: {1: 70, 2: 70}}}
    expect: [office-participation-forum]
"""


def test_a_failing_rule_test_says_why_each_rule_proposing_the_expected_measure_did_not_fire(tmp_path: Path) -> None:
    office = office_with(tmp_path, rules=FORUM_RULES, recommendations=FORUM, cases=FORUM_CASE)
    english = run_in("rules", "test", str(office / "rules"), "--recommendations", str(office / "recommendations"))
    assert english.exit_code == 1
    out = english.output
    assert "expected office-participation-forum to be proposed; proposed: " in out
    assert "rule office.work-improvement, which proposes office-participation-forum, did not fire: indicator 8 below " \
           "85: no score for it in the results (EIT part 2 not given: e7, e8, e9)" in out, out
    assert "rule office.forum-e9, which proposes office-participation-forum, did not fire: e9 (EIT part 2) below 85: " \
           "no score for it in the results (EIT part 2 not given: e9)" in out
    assert "no rule in force for fiscal year 2568 proposes office-participation-forum" in out
    thai = run_in("rules", "test", str(office / "rules"), "--recommendations", str(office / "recommendations"),
                  lang="th").output
    assert "กฎ office.work-improvement ซึ่งเสนอ office-participation-forum ไม่เข้าเงื่อนไข: ตัวชี้วัดที่ 8 ต่ำกว่า 85: " \
           "ไม่มีคะแนนในผลการประเมิน (ไม่ได้ให้คะแนน EIT ส่วนที่ 2 ของข้อ e7, e8, e9)" in thai, thai
    assert "ไม่มีกฎที่ใช้บังคับในปีงบประมาณ 2568 ข้อใดเสนอ office-participation-forum" in thai
    assert "did not fire" not in thai and "not given" not in thai


def test_explain_names_the_scores_missing_for_a_condition(tmp_path: Path) -> None:
    office = office_with(tmp_path, rules=FORUM_RULES, recommendations=FORUM)
    results = tmp_path / "results.yaml"
    results.write_text("fiscal_year: 2569\nquestions: {e7: {1: 70}, e8: {1: 70, 2: 80}, i1: 60}\n", encoding="utf-8")
    layers = ["--results", str(results), "--rules", str(office / "rules"), "--recommendations",
              str(office / "recommendations")]
    out = run_in("rules", "explain", "office.work-improvement", *layers).output
    assert "indicator 8 below 85: no score for it in the results (not given: e9; EIT part 2 not given: e7)" in out, out
    thai = run_in("rules", "explain", "office.work-improvement", *layers, lang="th").output
    assert "(ไม่ได้ให้คะแนนข้อ e9; ไม่ได้ให้คะแนน EIT ส่วนที่ 2 ของข้อ e7)" in thai, thai
    tool = run_in("rules", "explain", "total", *layers).output
    assert "no score for indicators 1, 2, 3, 4, 5, 6, 7, 8 and 2 more: their questions are not all given" in tool
    assert "ไม่มีคะแนนตัวชี้วัดที่ 1, 2, 3, 4, 5, 6, 7, 8 และอีก 2 รายการ เพราะให้คะแนนรายข้อไม่ครบ" in \
        run_in("rules", "explain", "total", *layers, lang="th").output


def test_rules_diff_prints_a_reworded_item_old_then_new(tmp_path: Path, monkeypatch) -> None:
    """`rules diff` printed a method reworded as (+'…90 วัน…', -'…92 วัน…'): the new before the old. A diff prints
    what went, then what came."""
    import subprocess

    from test_rules_diff import EXAMPLE, OFFICE_RECS, OFFICE_RULE

    monkeypatch.chdir(tmp_path)
    office = office_with(tmp_path, rules=OFFICE_RULE)
    recs = OFFICE_RECS.format(title="คลินิกบริการ").replace("method: [จัดคลินิกทุกไตรมาส]",
                                                           "method: [จัดคลินิกทุกไตรมาส, ตอบคำร้องภายใน 92 วัน]")
    (office / "recommendations" / "own.yaml").write_text(recs, encoding="utf-8")
    git = ["git", "-C", str(office), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(["git", "init", "-q", str(office)], check=True)
    subprocess.run(git + ["add", "."], check=True)
    subprocess.run(git + ["commit", "-qm", "first"], check=True)
    (office / "recommendations" / "own.yaml").write_text(recs.replace("92 วัน", "90 วัน"), encoding="utf-8")
    monkeypatch.chdir(office)
    for lang in ("en", "th"):
        out = run_in("rules", "diff", EXAMPLE, "--against", "git:HEAD", lang=lang).output
        assert "(-'ตอบคำร้องภายใน 92 วัน', +'ตอบคำร้องภายใน 90 วัน')" in out, out
        assert "+'ตอบคำร้องภายใน 90 วัน', -" not in out


NEVER = FORUM_RULES + """- id: office.never
  title: ไม่มีทางทำงาน
  when:
    all: [{total: {at_least: 90}}, {total: {below: 80}}]
  propose: [office-participation-forum]
"""


def test_explain_of_a_rule_that_can_never_fire_says_so_with_lint_s_reason(tmp_path: Path) -> None:
    office = office_with(tmp_path, rules=NEVER, recommendations=FORUM)
    results = tmp_path / "results.yaml"
    results.write_text("fiscal_year: 2569\nquestions: {e7: {1: 70}, i1: 60}\n", encoding="utf-8")
    layers = ["--results", str(results), "--rules", str(office / "rules"), "--recommendations",
              str(office / "recommendations")]
    english = run_in("rules", "explain", "office.never", *layers)
    assert english.exit_code == 0, english.output
    assert "       lint says: rule 'office.never' can never fire: its bounds contradict each other; no score meets " \
           "them all" in english.output, english.output
    lint = run_in("rules", "lint", str(office / "rules"), "--recommendations", str(office / "recommendations")).output
    assert "rule 'office.never' can never fire: its bounds contradict each other; no score meets them all" in lint
    thai = run_in("rules", "explain", "office.never", *layers, lang="th").output
    assert "       lint พบว่า: กฎ 'office.never' ไม่มีทางเข้าเงื่อนไข: ขอบเขตคะแนนของเงื่อนไขขัดแย้งกันเอง" in thai
    assert "lint says" not in thai
    fires = run_in("rules", "explain", "office.work-improvement", *layers).output  # a rule that can fire: no such line
    assert "did not fire" in fires and "lint says" not in fires


def test_validate_refuses_a_condition_whose_own_bounds_contradict_each_other_at_the_condition(tmp_path: Path) -> None:
    """indicator: {numbers: [8], below: 80, at_least: 90} passed `rules validate` (rc 0); only lint said the rule
    could never fire (a provincial auditor's trial). Validate now says it at the condition, English and Thai, for
    each bounded kind (below: 0 of a question too); lint, which stops at validate's problems, says it once."""
    rules = HEAD + """- id: office.never
  title: ไม่มีทางทำงาน
  when:
    indicator: {numbers: [8], below: 80, at_least: 90}
  propose: [e-service]
- id: office.tool
  when:
    any: [{question: [i1]}, {tool: {name: EIT, at_least: 70, below: 70}}]
  propose: [e-service]
- id: office.zero
  when:
    question: {codes: [e5], below: 0}
  propose: [e-service]
- id: office.range
  when:
    total: {at_least: 70, below: 80}
  propose: [e-service]
"""
    office = office_with(tmp_path, rules=rules)
    english = run_in("rules", "validate", str(office))
    assert english.exit_code == 1, english.output
    line, column = _where(office, "indicator: {numbers: [8]")
    assert (f"own.yaml:{line}:{column}: rule 'office.never': indicator: its bounds contradict each other (at_least: 90, "
            "below: 80): no score is both, so the rule can never fire") in english.output, english.output
    line, column = _where(office, "tool: {name: EIT")
    assert f"own.yaml:{line}:{column}: rule 'office.tool': tool: its bounds contradict each other (at_least: 70, " \
           "below: 70)" in english.output
    line, column = _where(office, "question: {codes: [e5]")
    assert f"own.yaml:{line}:{column}: rule 'office.zero': question: below: 0 asks for a score no result has" \
           in english.output
    assert "office.range" not in english.output  # a range that some score meets
    thai = run_in("rules", "validate", str(office), lang="th").output
    assert "กฎ 'office.never': เงื่อนไข indicator มีขอบเขตคะแนนที่ขัดแย้งกันเอง (at_least: 90, below: 80)" in thai, thai
    assert "กฎ 'office.zero': เงื่อนไข question ที่กำหนด below: 0 ต้องการคะแนนที่ไม่มีผลการประเมินใดได้" in thai
    assert "its bounds" not in thai and "ตัวชี้วัด:" not in thai
    lint = run_in("rules", "lint", str(office)).output
    assert lint.count("office.never") == 1 and "can never fire: its bounds" not in lint, lint
