"""A provincial office's trial (aud22): an auditor following docs/rules.md, which gives the rule folders as
``--rules DIR`` for every rules command; validate, test and lint refused it ("No such option: --rules")."""

from __future__ import annotations

from pathlib import Path

from helpers import run_in as run

BROKEN_RULE = """version: 1
frameworks: [2569]
rules:
  - id: office.e7-forum
    when:
      question: {codes: [e7], below: 80}
    propose: [no-such-measure]
"""


def test_validate_test_and_lint_take_the_rule_folders_as_rules_dir(tmp_path: Path) -> None:
    office = tmp_path / "office"
    assert run("init", str(office)).exit_code == 0
    rules, recs = str(office / "rules"), ("--recommendations", str(office / "recommendations"))
    for command in ("validate", "test", "lint"):
        flagged = run("rules", command, "--rules", rules, *recs)
        given = run("rules", command, rules, *recs)
        assert flagged.exit_code == given.exit_code == 0, (command, flagged.output)
        assert "No such option" not in flagged.output
    # a broken rule is found the same either way: the folder is read, not ignored
    (office / "rules" / "own.yaml").write_text(BROKEN_RULE, encoding="utf-8")
    flagged = run("rules", "validate", "--rules", rules, *recs)
    assert flagged.exit_code == 1 and "no-such-measure" in flagged.output, flagged.output
    assert flagged.output == run("rules", "validate", rules, *recs).output


def test_two_different_rule_folders_given_both_ways_are_refused(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    done = run("rules", "validate", str(one), "--rules", str(two))
    assert done.exit_code == 2, done.output
    assert "given twice, and differ" in done.output and "Traceback" not in done.output
    thai = run("rules", "validate", str(one), "--rules", str(two), lang="th")
    assert thai.exit_code == 2 and "ระบุโฟลเดอร์กฎซ้ำสองครั้ง" in thai.output, thai.output
    assert run("rules", "lint", str(one), "--rules", str(one)).exit_code == 0  # the same folder twice is fine


def test_a_quoted_line_keeps_its_eit_part_when_the_cut_falls_just_before_it() -> None:
    """Round 23's auditor: two lines of the analysis, one per EIT part, were quoted alike ('ข้อ e7 เปิดโอกาส…
    ดำเนินงาน…', cut at the space before "(EIT ส่วนที่ 1)"): rules diff printed two identical lines."""
    from itaplan.app.rulesdiff import _brief

    stem = "ข้อ e7 เปิดโอกาสให้บุคคลภายนอกมีส่วนร่วมปรับปรุงการดำเนินงาน"
    tail = " ได้ 74.50 คะแนน ต่ำกว่าค่าเป้าหมาย 85: ประเด็นที่พบ คือ ผู้รับบริการบางส่วนเห็นว่า" * 2
    one, two = (_brief(f"{stem} (EIT ส่วนที่ {n}){tail}", 60) for n in (1, 2))
    assert one != two and "(EIT ส่วนที่ 1)" in one and "(EIT ส่วนที่ 2)" in two, (one, two)


def test_a_misspelt_recommendation_under_disable_is_located_at_its_id_with_a_suggestion(tmp_path: Path) -> None:
    """Round 24's auditor: `disable: [e-servce]` in a recommendations file was said at its line only (every other
    message gives file:line:col) and without the did-you-mean a rule's disable: gets."""
    office = tmp_path / "office"
    assert run("init", str(office)).exit_code == 0
    (office / "recommendations" / "off.yaml").write_text("version: 1\ndisable: [info-channels, e-servce]\n",
                                                          encoding="utf-8")
    said = run("rules", "validate", "--rules", str(office / "rules"), "--recommendations",
               str(office / "recommendations"), lang="th")
    assert said.exit_code == 1, said.output
    assert "off.yaml:2:26: disable: ไม่มีข้อเสนอแนะ 'e-servce' ในชั้นก่อนหน้า หมายถึง e-service" in said.output, \
        said.output


def test_a_christian_era_year_in_frameworks_is_said_once(tmp_path: Path) -> None:
    """Round 24's auditor: `frameworks: [2026]` was said twice at the same place: "must be at least 2500 (2026 →
    2569)" and "no framework for 2026"."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "own.yaml").write_text(BROKEN_RULE.replace("frameworks: [2569]\n", "").replace(
        "    when:", "    frameworks: [2026]\n    when:").replace("no-such-measure", "e-service"), encoding="utf-8")
    said = run("rules", "validate", str(rules)).output
    located = [line for line in said.splitlines() if "own.yaml:4:" in line]
    assert len(located) == 1 and "2569" in located[0], said


def test_every_test_file_that_is_not_yaml_is_said_at_once(tmp_path: Path) -> None:
    """Round 24's auditor: one case file with an unclosed '{' stopped `rules test` after naming it alone. A test file
    that cannot be read is bad input (exit 2, an error line each), and every such file is named in the one run."""
    office = tmp_path / "office"
    assert run("init", str(office)).exit_code == 0
    (office / "rules" / "tests" / "broken.yaml").write_text(
        "cases:\n  - name: broken\n    results: {fiscal_year: 2569, questions: [{code: e4\n", encoding="utf-8")
    (office / "rules" / "tests" / "empty.yaml").write_text("name: no cases here\n", encoding="utf-8")
    done = run("rules", "test", "--rules", str(office / "rules"), "--recommendations", str(office / "recommendations"),
               lang="th")
    assert done.exit_code == 2, done.output
    assert "broken.yaml:3:" in done.output and "ไม่ใช่ YAML ที่ถูกต้อง" in done.output
    assert "empty.yaml" in done.output and "Traceback" not in done.output, done.output
