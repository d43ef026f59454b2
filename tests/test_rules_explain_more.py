"""Issue 28, the provincial auditor's second trial: one agency from a province table, rules explained by tool,
total, indicator and rule id, diff lines that show the change, git:REV in a workspace."""

from __future__ import annotations

from click.testing import CliRunner
from conftest import ROOT
from itaplan.cli import main

PROVINCE = str(ROOT / "examples" / "province.csv")
WIDE = str(ROOT / "examples" / "province_wide.csv")
EXAMPLE = str(ROOT / "tests" / "data" / "example-2568.yaml")
KEEP = {"ITAPLAN_LANG": "en"}  # --lang sets ITAPLAN_LANG for the process: CliRunner restores what it is given


def run(*args: str, lang: str = "en"):
    return CliRunner().invoke(main, ["--lang", lang, *args], env=KEEP)


def test_a_province_table_is_said_to_hold_many_agencies_in_one_line() -> None:
    for args in (("review", PROVINCE), ("rules", "explain", "e7", "--results", PROVINCE), ("score", WIDE),
                 ("draft", PROVINCE, "--format", "yaml"), ("whatif", PROVINCE)):
        result = run(*args, lang="th")
        assert result.exit_code == 2, (args, result.output)
        lines = result.output.strip().splitlines()
        assert len(lines) == 1, (args, result.output)
        assert "3 แห่ง" in lines[0] and "--agency" in lines[0] and "itaplan batch" in lines[0]
        assert "Traceback" not in result.output


def test_agency_picks_one_by_its_name_or_a_part_of_only_one() -> None:
    whole = run("score", PROVINCE, "--agency", "เทศบาลตำบลท่าช้าง", "--format", "json")
    assert whole.exit_code == 0, whole.output
    assert '"total": 85.67' in whole.output  # its own total, not the first agency's 81.38
    part = run("rules", "explain", "e7", "--results", WIDE, "--agency", "หนองบัว")
    assert part.exit_code == 0, part.output
    assert part.output.startswith("e7 ")
    assert run("review", PROVINCE, "--agency", "โคกสูง", "--plain").exit_code == 0
    ambiguous = run("score", PROVINCE, "--agency", "ตำบล")
    assert ambiguous.exit_code == 2 and "เทศบาลตำบลท่าช้าง" in ambiguous.output and "whole name" in ambiguous.output
    unknown = run("score", PROVINCE, "--agency", "nowhere")
    assert unknown.exit_code == 2 and "no agency named 'nowhere'" in unknown.output
    assert "องค์การบริหารส่วนตำบลโคกสูง" in unknown.output
    single = run("score", EXAMPLE, "--agency", "x")
    assert single.exit_code == 2 and "one agency's results" in single.output


def test_explain_takes_a_tool_the_total_an_indicator_a_fall_and_a_rule_id() -> None:
    oit = run("rules", "explain", "OIT", "--results", EXAMPLE)
    assert oit.exit_code == 0, oit.output
    assert oit.output.startswith("OIT: 82.50") and "oit-keep-standard" in oit.output
    total = run("rules", "explain", "total", "--results", EXAMPLE, lang="th")
    assert total.exit_code == 0 and total.output.startswith("คะแนนรวม 87.50")
    assert "total-below-target [ชั้นที่มากับโปรแกรม]" in total.output  # the id kept whole, the layer in Thai
    nine = run("rules", "explain", "9", "--results", EXAMPLE)
    assert "indicator-9-maintain" in nine.output and "proposes: maintain-9" in nine.output
    fall = run("rules", "explain", "fall", "--results", EXAMPLE)
    assert "FIRED  indicator-fell" in fall.output
    rule = run("rules", "explain", "indicator-8-low", "--results", EXAMPLE)
    assert rule.exit_code == 0, rule.output
    lines = rule.output.splitlines()
    assert lines[0] == "indicator-8-low: indicator 8 below 85 (questions unknown)"
    assert lines[1].startswith("no     indicator-8-low [built-in layer]")
    assert lines[-1].strip() == "would propose: eit-indicator-review"
    other_year = run("rules", "explain", "fy2567.e-service", "--results", EXAMPLE)
    assert "is for fiscal year 2567, not 2568" in other_year.output
    unknown = run("rules", "explain", "zz", "--results", EXAMPLE, lang="th")
    assert unknown.exit_code == 2 and "รหัสกฎ" in unknown.output


def test_explain_a_workspace_rule_by_its_id(tmp_path) -> None:
    import os

    here = os.getcwd()
    try:
        os.chdir(tmp_path)
        assert run("init", "office").exit_code == 0
        os.chdir(tmp_path / "office")
        listed = run("rules", "list").output
        rid = next(word for word in listed.split() if word.startswith("office."))
        result = run("rules", "explain", rid, "--results", EXAMPLE, lang="th")
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{rid}: ")
    assert "already used" not in result.output and "[built-in layer]" not in result.output


def test_a_rule_is_explained_without_results(tmp_path, monkeypatch) -> None:
    """An auditor's trial: `rules explain RULE_ID` refused without --results ("Missing option"). A rule is explained
    on its own — its condition in words, what it proposes, its file:line, its years; only whether it fires needs
    results, and a question code still asks for them."""
    monkeypatch.chdir(tmp_path)
    assert run("-q", "init", "office").exit_code == 0
    monkeypatch.chdir(tmp_path / "office")
    rule = run("rules", "explain", "office.service-standards-watch")
    assert rule.exit_code == 0, rule.output
    lines = rule.output.splitlines()
    assert lines[0] == "office.service-standards-watch: ข้อ i1 ต่ำกว่า 90 คะแนน (เกณฑ์ของสำนักงาน เข้มกว่าค่าเป้าหมาย)"
    assert "  written in rules/office.yaml:8:5 (office layer)" in lines  # from the workspace: a short path
    assert "  fiscal years: 2568, 2569" in lines and "  condition: i1 below 90" in lines
    assert ("  proposes: iit-service-standards (มาตรการกำหนดมาตรฐาน ขั้นตอน และระยะเวลาการปฏิบัติงานและการให้บริการ)"
            in lines)
    thai = run("rules", "explain", "office.service-standards-watch", lang="th").output
    assert "  เงื่อนไข: i1 ต่ำกว่า 90" in thai and "  ปีงบประมาณ: 2568, 2569" in thai and "written" not in thai
    off = (tmp_path / "office" / "rules" / "office.yaml")
    off.write_text(off.read_text(encoding="utf-8") + "disable: [fy2568.e-service]\n", encoding="utf-8")
    builtin = run("rules", "explain", "fy2568.e-service", lang="th")
    assert builtin.exit_code == 0 and "  ถูกปิดไว้โดย rules/office.yaml:14:11 (ชั้นของสำนักงาน): ไม่มีผล" in builtin.output, builtin.output
    assert "fy2568.yaml:" in builtin.output
    code = run("rules", "explain", "e9")
    # (a code without results lists the rules that look at it, and says --results tells whether they fire)
    assert code.exit_code == 0 and "--results FILE" in code.output and "Missing option" not in code.output
