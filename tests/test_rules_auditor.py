"""The auditor's trial of issue 28: rule-file errors located at the offending key or value, in the interface's
language, with file:line:col kept in Thai; lint, diff, list and explain saying only what is so."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from conftest import ROOT
from itaplan.cli import main

EXAMPLE = str(ROOT / "tests" / "data" / "example-2568.yaml")
KEEP = {"ITAPLAN_LANG": "en"}  # --lang sets ITAPLAN_LANG for the process: CliRunner restores what it is given


def run(*args: str, lang: str = "en"):
    return CliRunner().invoke(main, ["--lang", lang, *args], env=KEEP)


def folder_with(tmp_path: Path, text: str, name: str = "a.yaml") -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_misspelt_key_is_located_at_the_key_and_said_once(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, "version: 1\nframeworks: [2568]\nrules:\n  - id: office.typo\n    title: x\n"
                                   "    when:\n      question: [i1]\n    note: y\n    propse: [iit-service-standards]\n"
                                   "  - id: office.e99\n    when:\n      all:\n        - question: {codes: [i1], below: 80}\n"
                                   "        - question: [e99]\n    propose: [iit-service-standards]\n")
    out = run("rules", "validate", str(folder)).output
    assert "a.yaml:9:5: rules[0] (office.typo): 'propse' is not a key here; did you mean 'propose'?" in out
    assert "'propose' is missing" not in out  # the did-you-mean says it
    assert "a.yaml:14:22: rule 'office.e99': e99 is not a question of fiscal year 2568" in out  # at the code


def test_thai_locations_stay_jumpable(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, "version: 1\nframeworks: [2568]\nrules:\n  - id: office.typo\n"
                                   "    when: {question: [i1]}\n    propse: [iit-service-standards]\n")
    out = run("rules", "validate", str(folder), lang="th").output
    assert "a.yaml:6:5: " in out and "บรรทัด" not in out and "ตำแหน่ง" not in out


def test_file_settings_disable_and_years_are_located_with_a_hint(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, "version: 1\nframeworks: [2568, 2575]\nthreshold: 150\ndisable: [fy2568.e-servise]\n"
                                   "rules:\n  - id: office.a\n    when: {question: [e99]}\n    propose: e-service\n"
                                   "  - id: office.b\n    when: {question: [e8]}\n    propose: [e-service]\n")
    out = run("rules", "validate", str(folder)).output
    assert "a.yaml:3:1: threshold: the value of threshold is 150; it must be at most 100" in out
    # the rules are still read past a wrong file setting
    assert "a.yaml:4:11: disable: no rule 'fy2568.e-servise' in an earlier layer to switch off; did you mean fy2568.e-service" in out
    assert out.count("no framework for fiscal year 2575") == 1 and "a.yaml:2:20: frameworks: no framework" in out
    assert "e99 is not a question" in out and "propose" not in out.split("e99")[0]  # one id is a one-item list


def test_a_single_proposal_and_a_file_without_version_are_read(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, "frameworks: [2568]\nrules:\n  - id: office.a\n    when: {question: [e9]}\n"
                                   "    propose: e-service\n")
    assert run("rules", "validate", str(folder)).exit_code == 0
    listed = run("rules", "list", "--plain", "--framework", "2568", "--rules", str(folder)).output
    assert "office.a" in listed


def test_a_text_beginning_with_a_brace_is_said_to_need_quotes(tmp_path: Path) -> None:
    office = tmp_path / "office"
    assert run("init", str(office)).exit_code == 0
    (office / "recommendations" / "claims.yaml").write_text(
        "version: 1\nrecommendations:\n  - id: office-claims\n    kind: measure\n    indicators: [2]\n    dimension: 4\n"
        "    title: ก\n    issue: ข\n    recommendation: {agency} สุ่มตรวจ\n    method: [ค]\n"
        "    timeline: {from: 1, to: 12}\n    evidence: [ง]\n    owner: audit\n", encoding="utf-8")
    (office / "rules" / "claims.yaml").write_text(
        "version: 1\nframeworks: [2568]\nrules:\n  - id: office.claims\n    when: {question: [i5]}\n"
        "    propose: [office-claims]\n", encoding="utf-8")
    out = run("rules", "validate", str(office)).output
    assert ("claims.yaml:9:21: not valid YAML: a text that begins with a brace must be in quotes, or it is read as a "
            "mapping: write recommendation: \"{agency} สุ่มตรวจ\"") in out
    assert "check the indentation" not in out
    assert "not in the recommendation catalogue" not in out  # the broken file's ids are unknown, not missing


def test_lint_flags_an_eit_part_asked_of_a_question_without_parts(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, "version: 1\nframeworks: [2568]\nrules:\n  - id: office.part\n    when:\n"
                                   "      question: {codes: [i1], part: 1}\n    propose: [iit-service-standards]\n"
                                   "  - id: office.eit\n    when:\n      question: {codes: [e9], part: 1}\n"
                                   "    propose: [e-service]\n")
    out = run("rules", "lint", str(folder)).output
    assert ("a.yaml:5:5: rule 'office.part': part: applies to EIT questions only; the condition never holds for i1, "
            "which has no EIT part in fiscal year 2568") in out
    assert "rule 'office.eit': part:" not in out and "rule 'office.part' does nothing" not in out


def test_explain_names_only_switched_off_rules_about_the_code(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, "version: 1\ndisable: [fy2568.e-service]\nrules: []\n")
    about_e9 = run("rules", "explain", "e9", "--results", EXAMPLE, "--rules", str(folder)).output
    assert "off    fy2568.e-service" in about_e9 and "switched off by" in about_e9
    about_i1 = run("rules", "explain", "i1", "--results", EXAMPLE, "--rules", str(folder)).output
    assert "switched off" not in about_i1


def test_rules_list_never_breaks_an_id_and_counts_the_builtin_rules(tmp_path: Path) -> None:
    import os

    from itaplan.ruling.rulebook import load_rules

    for width in ("80", "160"):
        os.environ["COLUMNS"] = width
        try:
            out = run("rules", "list", "--plain", "--framework", "2568").output
        finally:
            del os.environ["COLUMNS"]
        ids = [r.id for r in load_rules().for_framework(__import__("itaplan.ita.framework", fromlist=["x"]).load_framework(2568))]
        # each id whole, on one line: a table's cell at 160 columns, a block's first line at 80 (too narrow for the
        # table's columns to stay readable)
        assert all(re.search(rf"(^|\s){re.escape(rid)}(\s|$)", out, re.MULTILINE) for rid in ids), width
        assert ("|" in out) == (width == "160"), width
    summary = run("rules", "list", "--plain").output
    assert len(summary.splitlines()) < 10 and "built-in rules in force per fiscal year: 2564: 65" in summary
    assert len(run("rules", "list", "--plain", "--all").output.splitlines()) > 300



def test_rules_list_says_its_conditions_in_thai_under_a_thai_interface() -> None:
    """Issue 28: the condition column of `rules list` was English in Thai mode; it is said in Thai (codes and numbers
    as they are), from the vocabulary's condition_words_th."""
    from click.testing import CliRunner
    from itaplan.cli import main

    out = CliRunner().invoke(main, ["--lang", "th", "rules", "list", "--plain", "--framework", "2568"],
                             env={"ITAPLAN_LANG": "en", "COLUMNS": "80"}).output
    assert "เงื่อนไข: ตัวชี้วัดที่ 1 ต่ำกว่า 85 (ไม่ทราบคะแนนรายข้อ)" in out
    assert not re.search(r"\b(below|at least) \d", out) and not re.search(r"\bindicator \d", out)


def test_a_misspelt_key_in_a_rule_test_fails_the_case_instead_of_passing_it(tmp_path: Path) -> None:
    """A fresh auditor's trial (issue 28): `expect_nto:` and `expcet:` in a test case made it check nothing and pass.
    A key a case does not have fails that case with a did-you-mean; a case that expects nothing fails too."""
    from click.testing import CliRunner
    from itaplan.cli import main

    tests = tmp_path / "rules" / "tests"
    tests.mkdir(parents=True)
    (tmp_path / "rules" / "office.yaml").write_text("version: 1\nrules: []\n", encoding="utf-8")
    (tests / "office.yaml").write_text(
        "cases:\n"
        "  - name: misspelt\n    results: {fiscal_year: 2568, questions: {i1: 50}}\n    expcet: [e-service]\n"
        "  - name: nothing expected\n    results: {fiscal_year: 2568, questions: {i1: 50}}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "test", str(tmp_path / "rules")])
    assert result.exit_code == 1, result.output
    assert "'expcet' is not a key of a test case (expect, expect_not, expect_rules, expect_rules_not, name, name_th, results); did you mean " \
           "expect" in result.output
    assert "the case expects nothing: give expect, expect_not, expect_rules or expect_rules_not" in result.output


def test_a_recommendation_reworded_by_its_id_alone_keeps_the_rest(tmp_path: Path) -> None:
    """A fresh auditor's trial (issue 28): rewording one sentence of a built-in measure asked for the whole entry
    ('kind' is missing, 'title' is missing … 'statement' is missing, ten errors). An entry with an earlier id now
    changes only the keys it gives."""
    import json

    rec = tmp_path / "rec"
    rec.mkdir()
    (rec / "office.yaml").write_text("recommendations:\n  - id: e-service\n    recommendation: ข้อความของสำนักงานเอง\n",
                                     encoding="utf-8")
    assert run("rules", "validate", "--recommendations", str(rec)).exit_code == 0
    result = run("draft", str(ROOT / "tests" / "data" / "example-2568.yaml"), "--recommendations", str(rec),
                 "--format", "json")
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    measure = next(m for m in plan["measures"] if "e-service" in m.get("merged", [m["id"]]))
    assert measure["recommendation"] == "ข้อความของสำนักงานเอง" and measure["method"] and measure["title"]


def test_rules_explain_speaks_thai_under_a_thai_interface() -> None:
    """Fresh trials (issue 28): `rules explain` was 8 English lines of 9 in Thai mode (the header's indicator and part,
    FIRED/no, 'did not fire', the conditions and reasons); its words now come from the vocabulary in Thai."""
    from click.testing import CliRunner
    from itaplan.cli import main

    out = CliRunner().invoke(main, ["--lang", "th", "rules", "explain", "e9", "--results",
                                    str(ROOT / "tests" / "data" / "example-2568.yaml")], env={"ITAPLAN_LANG": "en"}).output
    assert "ตัวชี้วัดที่ 8, EIT: ส่วนที่ 1 66.96, ส่วนที่ 2 74.50" in out
    assert "เข้าเงื่อนไข fy2568.e-service" in out and "ไม่เข้าเงื่อนไข: ตัวชี้วัดที่ 8 ตั้งแต่ 85 ขึ้นไป: ตัวชี้วัดที่ 8 ได้ 80.04 คะแนน ซึ่งต่ำกว่า 85.00 คะแนน" in out
    assert not re.search(r"\b(FIRED|did not fire|fired on|indicator \d|part \d|is below)\b", out), out
    english = CliRunner().invoke(main, ["--lang", "en", "rules", "explain", "e9", "--results",
                                        str(ROOT / "tests" / "data" / "example-2568.yaml")], env={"ITAPLAN_LANG": "en"})
    assert "FIRED  fy2568.e-service" in english.output and "did not fire: indicator 8" in english.output


def test_a_yaml_syntax_error_is_wholly_thai_under_a_thai_interface(tmp_path: Path) -> None:
    """Issue 28: after the Thai explanation of a broken rule file, PyYAML's English tail was still printed
    ("expected <block end>, but found …"). In Thai the Thai words and file:line:col are the whole message; English
    keeps the short cause. A reason we have no words for (a tag) is not told to check its indentation."""
    folder = folder_with(tmp_path, "version: 1\nrules:\n  - id: x\n   when: {}\n", "syntax.yaml")
    folder_with(tmp_path, "version: 1\nx: !!python/name:os.system\n", "tag.yaml")
    thai = run("rules", "validate", str(folder), lang="th").output
    assert ("syntax.yaml:4:4: ไม่ใช่ YAML ที่ถูกต้อง: ตรวจการย่อหน้า: บรรทัดนี้ไม่ตรงแนวกับบรรทัดข้างบน (ตัวอ่าน YAML แจ้ง: "
            "ควรพบ จุดสิ้นสุดของกลุ่มบรรทัดที่ย่อหน้าไว้ แต่พบ จุดเริ่มของกลุ่มคีย์ใหม่)\n") in thai, thai  # the detail too
    assert "PyYAML" not in thai and "expected" not in thai and "constructor" not in thai
    assert "tag.yaml:2:4: ไม่ใช่ YAML ที่ถูกต้อง: มีแท็ก" in thai
    english = run("rules", "validate", str(folder)).output
    assert "(PyYAML: expected <block end>, but found '<block mapping start>')" in english
    assert "tag.yaml:2:4: not valid YAML: a tag (a word after '!')" in english and "indentation" not in english.split(
        "tag.yaml")[1].splitlines()[0]


def test_validate_and_list_speak_thai_whole_under_a_thai_interface(tmp_path: Path, monkeypatch) -> None:
    """Issue 28: `rules validate` said e99's year's codes in an English sentence after a Thai one; `rules list`
    broke a recommendation id across two lines (iit-service-standa / rds) and a long layer path too."""
    folder = folder_with(tmp_path, "version: 1\nframeworks: [2568]\nrules:\n  - id: office.unknown\n    when:\n"
                                   "      question: [e99]\n    propose: [iit-service-standards]\n")
    thai = run("rules", "validate", str(folder), lang="th").output
    assert ("a.yaml:6:18: กฎ 'office.unknown': e99 ไม่ใช่ข้อของปีงบประมาณ 2568; ข้อของปีนั้นคือ i1–i15, e1–e9, o1–o28 "
            "(หมายถึง e9 หรือไม่?)") in thai, thai
    english = run("rules", "validate", str(folder)).output
    assert "rule 'office.unknown': e99 is not a question of fiscal year 2568; its codes are i1–i15" in english
    (folder / "a.yaml").write_text("version: 1\nframeworks: [2568]\nrules:\n  - id: office.i1\n    when:\n"
                                   "      question: {codes: [i1], below: 90}\n    propose: [iit-service-standards]\n",
                                   encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    listed = CliRunner().invoke(main, ["--lang", "th", "rules", "list", "--plain", "--rules", str(folder)],
                                env={**KEEP, "COLUMNS": "100"}).output
    assert "iit-service-standards" in listed and "| ชั้นของสำนักงาน, rules/a.yaml:4:5" in listed, listed  # the file from the current folder
    assert "`itaplan rules list --framework YEAR`" in listed


def test_thai_mode_says_rule_tests_duplicates_and_help_defaults_in_thai(tmp_path) -> None:
    """Issue 28, the provincial auditor's second trial: `rules test` said an unknown id and the built-in cases'
    names in English, a table's question given twice said `(first on row 2)` and `e1 part 1`, and help showed
    click's `[default: text]`."""
    from click.testing import CliRunner
    from itaplan.cli import main

    def thai(*args: str):
        return CliRunner(env={"ITAPLAN_LANG": "en"}).invoke(main, ["--lang", "th", *args])

    out = thai("rules", "test").output
    assert "ปี 2568 ข้อ e9 ถึงค่าเป้าหมาย ไม่เสนอสิ่งใดสำหรับข้อนี้" in out and "FY2568 e9 at target" not in out
    assert "FY2568 e9 at target proposes nothing for it" in CliRunner().invoke(main, ["--lang", "en", "rules",
                                                                                      "test"]).output
    tests = tmp_path / "rules" / "tests"
    tests.mkdir(parents=True)
    (tests / "t.yaml").write_text("cases:\n  - name: x\n    results: {fiscal_year: 2568, questions: {e9: 60}}\n"
                                  "    expect: [e-servce]\n", encoding="utf-8")
    out = thai("rules", "test", str(tmp_path / "rules")).output
    assert "ไม่รู้จัก id 'e-servce' ในสิ่งที่คาดไว้: ไม่มีข้อเสนอแนะนี้ในชุดที่ใช้บังคับ หมายถึง e-service" in out
    table = tmp_path / "twice.csv"
    table.write_text("agency,fiscal_year,code,part,score\nก,2568,e1,1,80\nก,2568,e1,1,81\n", encoding="utf-8")
    out = thai("score", str(table)).output
    assert "ข้อ e1 ส่วนที่ 1 ระบุซ้ำสองครั้ง (ครั้งแรกที่แถว 2)" in out and "first on" not in out
    assert "[ค่าเริ่มต้น: text]" in thai("rules", "diff", "--help").output
    assert "[default: text]" in CliRunner().invoke(main, ["--lang", "en", "rules", "diff", "--help"]).output


def test_rules_list_of_one_year_names_no_rule_of_another_year_switched_off(tmp_path) -> None:
    """Issue 28: `rules list --framework 2568` listed `switched off: fy2567.e-service`, a rule of another year."""
    from click.testing import CliRunner
    from itaplan.cli import main

    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "office.yaml").write_text("version: 1\ndisable: [fy2567.e-service, fy2568.e-service]\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["rules", "list", "--plain", "--framework", "2568", "--rules", str(rules)]).output
    assert "switched off: fy2568.e-service" in out and "fy2567.e-service" not in out
    out = CliRunner().invoke(main, ["rules", "list", "--plain", "--rules", str(rules)]).output
    assert "switched off: fy2567.e-service" in out


def test_a_misspelt_key_in_a_rule_test_case_is_located_at_the_key(tmp_path: Path, monkeypatch) -> None:
    """An auditor's trial: a typo in a test case (`expcet:`, or `questoins:` inside its one-line results) was said
    at the case's first line; it is said at the key itself, file:line:col, with a did-you-mean, in Thai too."""
    from click.testing import CliRunner
    from itaplan.cli import main

    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["-q", "init", "office"]).exit_code == 0
    case = tmp_path / "office" / "rules" / "tests" / "office.yaml"
    text = case.read_text(encoding="utf-8")
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("  - name:")) + 1  # the case's first line
    expect = next(i for i, line in enumerate(lines) if line.startswith("    expect:")) + 1
    results = next(i for i, line in enumerate(lines) if line.startswith("    results:")) + 1
    monkeypatch.chdir(tmp_path / "office")
    case.write_text(text.replace("    expect:", "    expcet:"), encoding="utf-8")
    out = CliRunner().invoke(main, ["rules", "test"]).output
    assert f"{case}:{expect}:5: 'expcet' is not a key of a test case" in out and "did you mean expect" in out, out
    assert f"({case}:{first})" in out  # the case itself is still named by its first line
    case.write_text(text.replace("questions:", "questoins:"), encoding="utf-8")
    column = lines[results - 1].index("questions:") + 1
    thai = CliRunner(env={"ITAPLAN_LANG": "en"}).invoke(main, ["--lang", "th", "rules", "test"]).output
    assert f"{case}:{results}:{column}: ไม่รู้จักฟิลด์ 'questoins'" in thai and "หมายถึง 'questions' หรือไม่" in thai, thai


def test_an_unclosed_brace_is_said_where_it_opens(tmp_path: Path, monkeypatch) -> None:
    """An auditor's trial: `question: {codes: [i1], below: 90` with no `}` was said on the next line (where PyYAML
    noticed it); it is said where the `{` opens, that it is never closed, in the interface's language."""
    from click.testing import CliRunner
    from itaplan.cli import main

    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["-q", "init", "office"]).exit_code == 0
    rules = tmp_path / "office" / "rules" / "office.yaml"
    text = rules.read_text(encoding="utf-8").replace("below: 90}", "below: 90")
    rules.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "below: 90" in row)
    column = text.splitlines()[line - 1].index("{") + 1
    monkeypatch.chdir(tmp_path / "office")
    out = CliRunner().invoke(main, ["rules", "validate"]).output
    assert f"{rules}:{line}:{column}: not valid YAML: the `{{` opened here is never closed; close it with `}}`" in out
    thai = CliRunner(env={"ITAPLAN_LANG": "en"}).invoke(main, ["--lang", "th", "rules", "validate"]).output
    assert f"{rules}:{line}:{column}: ไม่ใช่ YAML ที่ถูกต้อง: `{{` ที่เปิดตรงนี้ไม่มีการปิด" in thai, thai
    lists = tmp_path / "list.yaml"
    lists.write_text("version: 1\nrules:\n  - id: x\n    propose: [a, b\n    when: {total: {below: 80}}\n",
                     encoding="utf-8")
    out = CliRunner().invoke(main, ["rules", "validate", str(tmp_path)]).output
    assert "list.yaml:4:14: not valid YAML: the `[` opened here is never closed; close it with `]`" in out, out
