"""A provincial auditor's trial (aud24): customising the rules of a workspace made by ``itaplan init office``, and
what check, rules explain, rules test and the analysis then say."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import office_with
from helpers import run_in as run
from test_rules_auditor_aud21 import FORUM_MEASURE, FORUM_RULE  # the office's rule and measure of that trial

EXAMPLE = str(Path(__file__).resolve().parent.parent / "examples" / "example.yaml")

FORUM_TITLE = "มาตรการจัดเวทีประชาคมรับฟังความคิดเห็นต่อการปรับปรุงการให้บริการ"


def _drafted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    """A workspace with the forum rule, a plan drafted in it, and the measure's number in the plan's table."""
    office = office_with(tmp_path, rules=FORUM_RULE, recommendations=FORUM_MEASURE)
    monkeypatch.chdir(office)
    done = run("draft", EXAMPLE, "-o", "plan.yaml")
    assert done.exit_code == 0, done.output
    import yaml

    kept = [m for m in yaml.safe_load(Path("plan.yaml").read_text(encoding="utf-8"))["measures"]
            if m.get("status") != "dropped"]
    return office, str(next(n for n, m in enumerate(kept, start=1) if m["id"] == "office-citizen-forum"))


def test_check_names_a_measure_whose_rule_was_deleted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The auditor deleted rules/forum.yaml and check still said everything matched, though the forum measure came
    only from that rule: it now warns (the figures still agree: exit 0), in the interface's language."""
    office, number = _drafted(tmp_path, monkeypatch)
    before = run("check", "plan.yaml")
    assert before.exit_code == 0 and "not in the rules in force" not in before.output, before.output
    (office / "rules" / "own.yaml").unlink()
    after = run("check", "plan.yaml")
    assert after.exit_code == 0, after.output
    assert (f"plan.yaml: warning: measure {number} ({FORUM_TITLE}) was proposed by office.e7-citizen-forum, which "
            f"is not in the rules in force here; draft again (itaplan draft {EXAMPLE} --update plan.yaml) or drop "
            "it") in after.output, after.output
    assert after.output.count("not in the rules in force") == 1, after.output  # the built-in rules' measures stay
    thai = run("check", "plan.yaml", lang="th")
    assert (f"คำเตือน: มาตรการที่ {number} ({FORUM_TITLE}) เสนอโดยกฎ office.e7-citizen-forum "
            "ซึ่งไม่อยู่ในกฎที่ใช้บังคับที่นี่แล้ว") in thai.output, thai.output


def test_check_names_a_measure_its_changed_rule_would_no_longer_propose(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The rule kept, narrowed (e7 below 70: the example's 74.50 and 78.40 no longer fire it), and the rule layer
    given with --rules: the command to draft again says it too."""
    office, number = _drafted(tmp_path, monkeypatch)
    (office / "rules" / "own.yaml").write_text(FORUM_RULE.replace("below: 80", "below: 70"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    plan = str(office / "plan.yaml")
    done = run("check", plan, "--rules", str(office / "rules"))
    assert done.exit_code == 0, done.output
    assert (f"measure {number} ({FORUM_TITLE}) was proposed by office.e7-citizen-forum, which as in force here "
            f"would not propose it on the plan's scores; draft again (itaplan draft {EXAMPLE} --rules "
            f"{office / 'rules'} --update {plan}) or drop it") in done.output, done.output


def test_check_never_names_a_measure_the_officer_added(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A measure added at review was proposed by no rule: whatever the rules in force, it is the officer's."""
    office = office_with(tmp_path, recommendations=FORUM_MEASURE)
    monkeypatch.chdir(office)
    assert run("draft", EXAMPLE, "-o", "plan.yaml").exit_code == 0
    added = run("review", "plan.yaml", "--add", "office-citizen-forum")
    assert added.exit_code == 0, added.output
    done = run("check", "plan.yaml")
    assert "proposed by" not in done.output, done.output


def test_explain_of_an_indicator_lists_the_rules_on_its_questions(tmp_path: Path) -> None:
    """`rules explain 8` listed only indicator-8-low, indicator-8-maintain and indicator-fell, none of which put a
    measure of indicator 8 in the plan; the rules on its codes (e7, e8, e9) did, and are listed under them, each once,
    with whether it fires."""
    office = office_with(tmp_path, rules=FORUM_RULE, recommendations=FORUM_MEASURE)
    done = run("rules", "explain", "8", "--results", EXAMPLE, "--rules", str(office / "rules"))
    assert done.exit_code == 0, done.output
    lines = done.output.splitlines()
    assert lines.index("the rules on the questions of indicator 8:") > next(
        i for i, line in enumerate(lines) if "indicator-8-maintain" in line)
    e7, e8, e9 = lines.index("on question e7:"), lines.index("on question e8:"), lines.index("on question e9:")
    forum = next(i for i, line in enumerate(lines) if line.startswith("FIRED  office.e7-citizen-forum [office layer]"))
    assert e7 < forum < e8 < e9, done.output
    assert any(line.startswith("no     fy2569.service-improvement") for line in lines[e8:e9]), done.output
    assert any(line.startswith("FIRED  fy2569.e-service ") for line in lines[e9:]), done.output
    assert sum("indicator-fell " in line for line in lines) == 1, done.output
    thai = run("rules", "explain", "8", "--results", EXAMPLE, "--rules", str(office / "rules"), lang="th").output
    assert "กฎที่พิจารณาข้อคำถามของตัวชี้วัดที่ 8:" in thai and "ข้อ e7:" in thai.splitlines(), thai


MISSPELT_CASE = """cases:
  - name: e7 at 72 proposes the forum
    results: {fiscal_year: 2569, questions: {e7: 72}}
    expct: [office-citizen-forum]
"""


def test_a_broken_case_does_not_make_its_rule_uncovered(tmp_path: Path) -> None:
    """`expct:` gave the right error, then "rules no test case covers: office.e7-citizen-forum", the very rule the
    broken case was for: its coverage is said not known until the case is mended."""
    office = office_with(tmp_path, rules=FORUM_RULE, recommendations=FORUM_MEASURE)
    (office / "rules" / "tests" / "forum.yaml").write_text(MISSPELT_CASE, encoding="utf-8")
    done = run("rules", "test", str(office))
    assert done.exit_code == 1 and "'expct' is not a key of a test case" in done.output, done.output
    assert "rules no case covers" not in done.output, done.output
    assert ("coverage not known of office.e7-citizen-forum: a case with errors, which could not run, would cover it "
            "(mend the case above, then run again)") in done.output, done.output
    thai = run("rules", "test", str(office), lang="th").output
    assert "กฎที่ยังไม่มีกรณีทดสอบใดครอบคลุม" not in thai and "ยังไม่ทราบความครอบคลุมของกฎ office.e7-citizen-forum" in thai
    # results that cannot be scored: which rules the case was for is not known, and none is said to lack a case
    (office / "rules" / "tests" / "forum.yaml").write_text(MISSPELT_CASE.replace("fiscal_year: 2569, ", ""),
                                                           encoding="utf-8")
    unscored = run("rules", "test", str(office)).output
    assert "rules no case covers" not in unscored, unscored
    assert ("coverage not known of the rules no case that ran covers (office.e7-citizen-forum): 1 case(s) with errors "
            "could not run") in unscored, unscored
    # mended, the case covers its rule
    (office / "rules" / "tests" / "forum.yaml").write_text(MISSPELT_CASE.replace("expct", "expect"), encoding="utf-8")
    mended = run("rules", "test", str(office))
    assert mended.exit_code == 0 and "coverage: 2 of 2 rules" in mended.output, mended.output


def test_a_recommendation_missing_a_key_is_told_what_goes_there(tmp_path: Path) -> None:
    """"ไม่มี 'recommendation'" left the auditor to find out what the key holds: each key a measure needs is said with
    what goes under it and where the documents print it, one line a key."""
    without = FORUM_MEASURE.replace("    recommendation: จัดเวทีประชาคมรับฟังความคิดเห็นอย่างน้อยปีละ 2 ครั้ง\n", "")
    office = office_with(tmp_path, recommendations=without)
    done = run("rules", "validate", str(office))
    assert done.exit_code == 1, done.output
    assert ("recommendations[0] (office-citizen-forum): 'recommendation' is missing: the measure's one-sentence "
            "recommendation, beginning with what to do, printed in its project card's หลักการและเหตุผล after โดย"
            ) in done.output, done.output
    thai = run("rules", "validate", str(office), lang="th").output
    assert ("ไม่มี 'recommendation' ซึ่งต้องระบุข้อเสนอแนะของมาตรการ เขียนเป็นประโยคเดียวขึ้นต้นด้วยสิ่งที่ต้องทำ "
            "ซึ่งพิมพ์ในหลักการและเหตุผลของบัตรโครงการต่อจากคำว่า “โดย”") in thai, thai
    # several missing: each its own line, with what goes there (not "these keys are missing: …")
    bare = "version: 1\nrecommendations:\n  - id: office-x\n    kind: measure\n    title: มาตรการทดสอบ\n"
    (office / "recommendations" / "own.yaml").write_text(bare, encoding="utf-8")
    many = run("rules", "validate", str(office)).output
    for key in ("indicators", "dimension", "issue", "recommendation", "method", "timeline", "evidence", "owner"):
        assert f"(office-x): '{key}' is missing: " in many, (key, many)
    assert "these keys are missing" not in many and "'title' is missing" not in many, many
    assert "1 = October (e.g. {from: 2, to: 10}), printed in the ระยะเวลาดำเนินการ column" in many, many
    thai_many = run("rules", "validate", str(office), lang="th").output
    assert thai_many.count("ซึ่งต้องระบุ") == 8 and "is missing" not in thai_many, thai_many


THRESHOLDS = """version: 1
rules:
  - id: fy2569.info-channels
    title: ข้อ e4 e5 ต่ำกว่า 90 (เกณฑ์ของจังหวัด)
    frameworks: [2569]
    threshold: 90
    when:
      question: [e4, e5]
    propose: [info-channels]
"""


def _indicator_7_line(tmp_path: Path, results: str) -> tuple[Path, str]:
    """The plan drafted from ``results`` with the recipe's thresholds (docs/rules.md), and its analysis's line of
    indicator 7 in Markdown."""
    office = office_with(tmp_path, rules=THRESHOLDS)
    plan = tmp_path / "plan.yaml"
    done = run("draft", results, "--rules", str(office / "rules"), "-o", str(plan))
    assert done.exit_code == 0, done.output
    md = tmp_path / "plan.md"
    assert run("render", str(plan), "--format", "md", "-o", str(md)).exit_code == 0
    line = next(x for x in md.read_text(encoding="utf-8").splitlines() if x.startswith("- ตัวชี้วัดที่ ๗"))
    return plan, line


def test_a_code_below_in_both_eit_parts_is_named_once_in_an_indicators_line(tmp_path: Path) -> None:
    """"ได้แก่ e๔ (EIT ส่วนที่ ๑) และ e๔ (EIT ส่วนที่ ๒)": the code is said once with its parts (point_parts), and
    check reads the clause (it passes, and still catches a wrong code or a part left out)."""
    plan, line = _indicator_7_line(tmp_path, EXAMPLE)
    assert line.endswith("ที่หน่วยงานกำกับดูแลกำหนด ได้แก่ e๔ (EIT ส่วนที่ ๑ และ ๒)"), line
    assert "e๔ (EIT ส่วนที่ ๑) และ e๔" not in line
    checked = run("check", str(plan))
    assert checked.exit_code == 0, checked.output
    text = plan.read_text(encoding="utf-8")
    assert "ได้แก่ e4 (EIT ส่วนที่ 1 และ 2)" in text
    for said, wrong in (("e6 (EIT ส่วนที่ 1 และ 2)", "said to be e6 (EIT ส่วนที่ 1 และ 2), but they are e4 (EIT ส่วนที่ "
                                                      "1 และ 2)"),
                        ("e4 (EIT ส่วนที่ 1)", "said to be e4 (EIT ส่วนที่ 1), but they are e4 (EIT ส่วนที่ 1 และ 2)")):
        bad = tmp_path / "bad.yaml"
        bad.write_text(text.replace("ได้แก่ e4 (EIT ส่วนที่ 1 และ 2)", "ได้แก่ " + said), encoding="utf-8")
        found = run("check", str(bad))
        assert found.exit_code == 1 and wrong in found.output, found.output


def test_a_code_below_the_target_in_both_eit_parts_is_named_once(tmp_path: Path) -> None:
    """The same for the questions below the target (line_weak_codes): e5 below 85 in both parts."""
    results = tmp_path / "results.yaml"
    example = Path(EXAMPLE).read_text(encoding="utf-8")
    assert "{code: e5, part: 2, score: 90.15}" in example
    results.write_text(example.replace("{code: e5, part: 2, score: 90.15}", "{code: e5, part: 2, score: 84.15}"),
                       encoding="utf-8")
    plan, line = _indicator_7_line(tmp_path, str(results))
    assert "ต่ำกว่า ๘๕ คะแนน ได้แก่ e๕ (EIT ส่วนที่ ๑ และ ๒) และ" in line, line
    assert run("check", str(plan)).exit_code == 0


def test_check_outside_the_workspace_says_it_does_not_read_its_rules(tmp_path: Path, monkeypatch) -> None:
    """Round 25's auditor ran check from outside the workspace the plan was drafted in: it said the office's measure
    "is not in the rules in force here; draft again … or drop it", advice that would take the province's own
    measure out. Its rule is not gone, only not read here: check says so, and how to read it."""
    office = office_with(tmp_path, rules=FORUM_RULE, recommendations=FORUM_MEASURE)
    monkeypatch.chdir(office)
    assert run("draft", EXAMPLE, "-o", "plan.yaml").exit_code == 0
    monkeypatch.chdir(tmp_path)
    said = " ".join(run("check", str(office / "plan.yaml")).output.split())
    assert "a rule of" in said and "which this check does not read" in said and "--rules" in said, said
    assert "or drop it" not in said
    thai = " ".join(run("check", str(office / "plan.yaml"), lang="th").output.split())
    assert "ซึ่งการตรวจครั้งนี้ไม่ได้อ่าน" in thai
    monkeypatch.chdir(office)
    assert "does not read" not in run("check", "plan.yaml").output
