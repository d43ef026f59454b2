"""A fresh provincial auditor's trial under a Thai interface: braces an office's recommendations file prints as
typed, a misspelt texts: key, what lint says of recommendation:, rule-test years, and smaller findings."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import ROOT
from itaplan.cli import main

EXAMPLE = str(ROOT / "tests" / "data" / "example-2568.yaml")
KEEP = {"ITAPLAN_LANG": "en"}  # --lang sets ITAPLAN_LANG for the process: CliRunner restores what it is given


def run(*args: str, lang: str = "en"):
    return CliRunner().invoke(main, ["--lang", lang, *args], env=KEEP)


def workspace(tmp_path: Path, recommendations: str = "") -> Path:
    """A workspace as `itaplan init` makes it, with ``recommendations`` appended to its recommendations/office.yaml."""
    office = tmp_path / "office"
    assert run("init", str(office), lang="th").exit_code == 0
    own = office / "recommendations" / "office.yaml"
    own.write_text(own.read_text(encoding="utf-8") + recommendations, encoding="utf-8")
    return office


MEASURE = """recommendations:
  - id: office-spotcheck
    kind: measure
    indicators: [2]
    dimension: 4
    title: มาตรการสุ่มตรวจการเบิกจ่าย
    issue: ควรทบทวนการเบิกจ่ายของ {{agency}}
    recommendation: สุ่มตรวจหลักฐานการเบิกจ่ายตลอดปีงบประมาณ พ.ศ. {plan_year
    method:
      - สุ่มตรวจหลักฐานของ{agency ทุกไตรมาส
      - รายงานผลประจำปี {ปีงบประมาณ} ต่อผู้บริหาร
      - สรุปผลปี {plan year}
    timeline: {from: 1, to: 12}
    evidence:
      - รายงานผลการสุ่มตรวจ }
    owner: audit
"""


def where(office: Path, piece: str) -> tuple[int, int]:
    """The line and column (1-based) of ``piece`` in the office's recommendations file."""
    lines = (office / "recommendations" / "office.yaml").read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(lines) if piece in line)
    return row + 1, lines[row].index(piece) + 1


def test_every_stray_brace_in_an_office_measure_is_refused_where_it_is_with_what_was_meant(tmp_path: Path) -> None:
    """`{plan_year` never closed, `{agency`, `{ปีงบประมาณ}`, `{{agency}}` and `{plan year}` passed validate, lint and
    draft and were printed verbatim into the published plan (a provincial auditor's trial)."""
    office = workspace(tmp_path, MEASURE)
    thai = run("rules", "validate", str(office), lang="th")
    assert thai.exit_code == 1, thai.output
    out = thai.output
    line, column = where(office, "{{agency}}")
    assert f"office.yaml:{line}:{column}: ข้อเสนอแนะ 'office-spotcheck' ใน issue: วงเล็บปีกกาซ้อนสองชั้น {{{{agency}}}}" \
           in out and "โปรดเขียนเป็น {agency}" in out, out
    line, column = where(office, "{plan_year")
    assert f"office.yaml:{line}:{column}: ข้อเสนอแนะ 'office-spotcheck' ใน recommendation: วงเล็บปีกกาของ {{plan_year " \
           "ไม่มีวงเล็บปิด จึงจะพิมพ์ลงในเอกสารตามที่เขียนไว้ หมายถึง {plan_year} หรือไม่" in out, out
    line, column = where(office, "{agency ")
    assert f"office.yaml:{line}:{column}: ข้อเสนอแนะ 'office-spotcheck' ใน method: วงเล็บปีกกาของ {{agency " in out, out
    line, column = where(office, "{ปีงบประมาณ}")
    assert f"office.yaml:{line}:{column}: ข้อเสนอแนะ 'office-spotcheck' ใน method: ชื่อช่องแทนค่าต้องเขียนเป็น" \
           "ภาษาอังกฤษ: {ปีงบประมาณ} จะพิมพ์ลงในเอกสารตามที่เขียนไว้ หมายถึง {plan_year} หรือไม่" in out, out
    line, column = where(office, "{plan year}")
    assert f"office.yaml:{line}:{column}: ข้อเสนอแนะ 'office-spotcheck' ใน method: ชื่อช่องแทนค่าต้องไม่มีเว้นวรรค: " \
           "{plan year} จะพิมพ์ลงในเอกสารตามที่เขียนไว้ หมายถึง {plan_year} หรือไม่" in out, out
    line, column = where(office, "ตรวจ }")
    assert f"office.yaml:{line}:{column + 5}: ข้อเสนอแนะ 'office-spotcheck' ใน evidence: วงเล็บปีกกาปิดที่ไม่มีวงเล็บเปิด" \
           in out and "(ช่องแทนค่าที่รู้จัก: {agency}, {agency_type}," in out, out
    assert "พบ 6 ปัญหา" in out, out
    english = run("rules", "validate", str(office)).output
    assert "recommendation 'office-spotcheck', in recommendation: the brace of {plan_year is never closed, so it is " \
           "printed as it is; did you mean {plan_year}?" in english, english
    # every command that loads the catalogue refuses it, so nothing is drafted with the braces in it
    for command in (["rules", "lint", str(office)], ["draft", EXAMPLE, "--rules", str(office / "rules"),
                                                    "--recommendations", str(office / "recommendations")]):
        result = run(*command, lang="th")
        assert result.exit_code != 0 and "วงเล็บปีกกาของ {plan_year ไม่มีวงเล็บปิด" in result.output, result.output


def test_a_well_formed_office_measure_with_known_placeholders_passes(tmp_path: Path) -> None:
    good = MEASURE.replace("{{agency}}", "{agency}").replace("{plan_year\n", "{plan_year}\n").replace(
        "{agency ทุก", "{agency}ทุก").replace("{ปีงบประมาณ}", "{plan_year}").replace("{plan year}", "{fiscal_year}").replace(
        "ตรวจ }", "ตรวจ")
    office = workspace(tmp_path, good)
    result = run("rules", "validate", str(office), lang="th")
    assert result.exit_code == 0, result.output


def test_a_stray_brace_in_an_office_s_texts_is_refused_but_a_doubled_one_is_a_brace(tmp_path: Path) -> None:
    """settings.yaml's texts read {{ as a brace: only an unclosed or lone one, or a spaced or Thai name, is refused."""
    office = workspace(tmp_path)
    own = office / "recommendations" / "office.yaml"
    own.write_text(own.read_text(encoding="utf-8").replace("agency_fallback: หน่วยงาน",
                                                            "agency_fallback: หน่วยงาน {ชื่อหน่วยงาน\n"
                                                            "  whole_year: ตลอดปีงบประมาณ {{year}} {year}"),
                   encoding="utf-8")  # (the year kept: a rewording that leaves out a figure is refused)
    out = run("rules", "validate", str(office), lang="th").output
    line, column = where(office, "{ชื่อหน่วยงาน")
    assert f"office.yaml:{line}:{column}: texts: ประโยค 'agency_fallback': วงเล็บปีกกาของ {{ชื่อหน่วยงาน ไม่มีวงเล็บปิด" \
           in out, out
    assert "whole_year" not in out, out


def test_check_flags_a_brace_left_in_a_plan_or_a_document(tmp_path: Path) -> None:
    """A placeholder drafting never filled ({plan_year, {agency}) or a lone brace was printed in the documents and
    `itaplan check` said nothing of it: the documents must never print braces."""
    plan = tmp_path / "plan.yaml"
    assert run("draft", EXAMPLE, "--format", "yaml", "-o", str(plan)).exit_code == 0
    text = plan.read_text(encoding="utf-8")
    start = text.index("- ", text.index("  method:\n")) + 2
    plan.write_text(text[:start] + "ภายในปี {plan_year " + text[start:], encoding="utf-8")
    row = text[:start].count("\n") + 1
    result = run("check", str(plan), lang="th")
    assert result.exit_code == 1, result.output
    assert f"plan.yaml บรรทัด {row}: มีช่องแทนค่าที่ไม่ได้เติมค่าพิมพ์อยู่ในเอกสาร: '{{plan_year' เอกสารที่เผยแพร่ต้องไม่มี" \
           "วงเล็บปีกกา" in result.output, result.output
    document = tmp_path / "plan.md"
    assert run("render", str(plan), "--format", "md", "-o",
               str(document)).exit_code == 0
    lines = document.read_text(encoding="utf-8").splitlines()
    lines[0] += " {agency}"
    lines.append("ข้อความ }")
    document.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = run("check", str(document), lang="th").output
    assert "plan.md บรรทัด 1: มีช่องแทนค่าที่ไม่ได้เติมค่าพิมพ์อยู่ในเอกสาร: '{agency}'" in out, out
    assert f"plan.md บรรทัด {len(lines)}: มีช่องแทนค่าที่ไม่ได้เติมค่าพิมพ์อยู่ในเอกสาร: '}}'" in out, out
    english = run("check", str(document)).output
    assert "an unfilled placeholder is printed: '{agency}'" in english, english


def test_a_misspelt_texts_key_is_refused_where_it_is_with_the_key_meant(tmp_path: Path) -> None:
    """`texts: {agency_fallbak: …}` passed validate and lint: the office believed it had changed a sentence."""
    office = workspace(tmp_path)
    own = office / "recommendations" / "office.yaml"
    own.write_text(own.read_text(encoding="utf-8").replace("agency_fallback:", "agency_fallbak:"), encoding="utf-8")
    result = run("rules", "validate", str(office), lang="th")
    line, column = where(office, "agency_fallbak")
    assert result.exit_code == 1
    assert f"office.yaml:{line}:{column}: texts: 'agency_fallbak' ไม่ใช่ชื่อของประโยคใดในเอกสาร" in result.output
    assert "หมายถึง 'agency_fallback' หรือไม่" in result.output, result.output
    assert "agency_fallbak" in run("rules", "lint", str(office), lang="th").output
    # the unit of an office's own role as one kind of agency names it is a key of its own
    own.write_text(own.read_text(encoding="utf-8").replace("agency_fallbak:", "owner_office_sao:"), encoding="utf-8")
    assert run("rules", "validate", str(office), lang="th").exit_code == 0


def test_lint_notes_where_an_office_s_recommendation_text_is_printed(tmp_path: Path) -> None:
    """docs/rules.md said lint flags an office's recommendation: text that only project cards print; rewording the
    built-in e-service's recommendation: gave "no problems found", and the auditor believed the table would say it."""
    office = workspace(tmp_path, "recommendations:\n  - id: e-service\n    recommendation: ปรับปรุงระบบบริการออนไลน์"
                                 "ให้ครบทุกงานบริการที่ประชาชนขอบ่อย\n")
    result = run("rules", "lint", str(office), lang="th")
    line, column = where(office, "recommendation: ปรับปรุง")
    assert result.exit_code == 0, result.output  # a note: lint still passes
    # e-service's card has a rationale of its own: the text is printed nowhere at all
    assert f"office.yaml:{line}:{column}: หมายเหตุ: ข้อเสนอแนะ 'e-service': ข้อความใน recommendation: ไม่ได้พิมพ์ที่ใดเลย " \
           "เพราะตารางมาตรการไม่พิมพ์ข้อความนี้" in result.output, result.output
    own = MEASURE.replace("{{agency}}", "{agency}").replace("{plan_year\n", "{plan_year}\n").replace(
        "{agency ทุก", "{agency}ทุก").replace("{ปีงบประมาณ}", "{plan_year}").replace("{plan year}", "{fiscal_year}") \
        .replace("ตรวจ }", "ตรวจ")
    office = workspace(tmp_path / "2", own)
    out = run("rules", "lint", str(office), lang="th").output
    # the office's own measure must have a recommendation: (validate requires it): no note for having one
    assert "'office-spotcheck': ข้อความใน recommendation:" not in out, out


def test_a_rule_test_s_unknown_or_missing_year_is_said_where_it_is_with_the_year_of_the_results(tmp_path: Path) -> None:
    """`fiscal_year: 2570` in a test case was said at "office.yaml บรรทัด 7" with advice for the command line
    (--framework-file), which a rule test cannot take; a missing year suggested 2568 rather than the latest."""
    office = workspace(tmp_path)
    cases = office / "rules" / "tests" / "office.yaml"
    cases.write_text(cases.read_text(encoding="utf-8").replace("fiscal_year: 2568", "fiscal_year: 2570"), encoding="utf-8")
    out = run("rules", "test", str(office / "rules"), lang="th").output
    line, column = where_in(cases, "2570")
    assert f"office.yaml:{line}:{column - 13}: fiscal_year: ไม่มีกรอบการประเมินที่มากับโปรแกรมสำหรับปีงบประมาณ 2570 " \
           "(ปีที่มี: 2564, 2565, 2566, 2567, 2568, 2569) ปีงบประมาณ (fiscal_year) ของกรณีทดสอบกฎคือปีของผลการประเมิน " \
           "ไม่ใช่ปีของแผน มาตรการของแผนปีงบประมาณ 2570 จัดทำจากผลการประเมินปี 2569 จึงให้เขียน fiscal_year: 2569" in out, out
    assert "--framework-file" not in out
    cases.write_text(cases.read_text(encoding="utf-8").replace("fiscal_year: 2570, ", ""), encoding="utf-8")
    out = run("rules", "test", str(office / "rules"), lang="th").output
    assert "เพิ่ม fiscal_year: 2569 (ปีพุทธศักราชของผลการประเมิน ไม่ใช่ปีของแผน)" in out, out


def test_a_rule_file_s_unknown_framework_year_says_frameworks_is_the_year_of_the_results(tmp_path: Path) -> None:
    office = workspace(tmp_path)
    rules = office / "rules" / "office.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("frameworks: [2568, 2569]", "frameworks: [2570]"),
                     encoding="utf-8")
    out = run("rules", "validate", str(office), lang="th").output
    line, column = where_in(rules, "2570")
    assert f"office.yaml:{line}:{column}: frameworks: ไม่มีกรอบการประเมินของปีงบประมาณ 2570; ปีที่รู้จักคือ 2564–2569 " \
           "ทั้งนี้ frameworks: หมายถึงปีงบประมาณของผลการประเมินที่กฎอ่าน ไม่ใช่ปีของแผน มาตรการของแผนปีงบประมาณ 2570 " \
           "จัดทำจากผลการประเมินปี 2569 จึงให้เขียน 2569" in out, out
    english = run("rules", "validate", str(office)).output
    assert "frameworks: names the fiscal year of the assessment results the rules read, not of the plan: the measures " \
           "of a fiscal year 2570 plan come from the results of 2569, so write 2569" in english, english


def where_in(path: Path, piece: str) -> tuple[int, int]:
    lines = path.read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(lines) if piece in line and not line.lstrip().startswith("#"))
    return row + 1, lines[row].index(piece) + 1



def test_small_findings_of_the_trial(tmp_path: Path) -> None:
    """A reversed timeline said at the entry's first line; `rules` without its colon said a line late; a misspelt
    rule id given to explain with no did-you-mean; `rules list` years without a space; a recommendations folder
    given to validate said key by key as a bad rule file."""
    office = workspace(tmp_path, MEASURE.replace("{{agency}}", "{agency}").replace("{plan_year\n", "{plan_year}\n")
                       .replace("{agency ทุก", "{agency}ทุก").replace("{ปีงบประมาณ}", "{plan_year}")
                       .replace("{plan year}", "{fiscal_year}").replace("ตรวจ }", "ตรวจ")
                       .replace("timeline: {from: 1, to: 12}", "timeline: {from: 9, to: 3}"))
    out = run("rules", "validate", str(office), lang="th").output
    line, column = where(office, "timeline: {from: 9")
    assert f"office.yaml:{line}:{column}: ข้อเสนอแนะ 'office-spotcheck': ระยะเวลาดำเนินการสิ้นสุดก่อนเริ่ม" in out, out
    own = office / "recommendations" / "office.yaml"
    own.write_text(own.read_text(encoding="utf-8").replace("{from: 9, to: 3}", "{from: 1, to: 12}"), encoding="utf-8")
    rules = office / "rules" / "office.yaml"
    text = rules.read_text(encoding="utf-8")
    rules.write_text(text.replace("\nrules:\n", "\nrules\n"), encoding="utf-8")
    line, _ = where_in(rules, "rules")
    out = run("rules", "validate", str(office / "rules"), lang="th").output
    assert f"office.yaml:{line}:1: ไม่ใช่ YAML ที่ถูกต้อง" in out, out
    rules.write_text(text, encoding="utf-8")
    out = run("rules", "explain", "office.service-standards-watc", "--rules", str(office / "rules"), lang="th").output
    assert "'office.service-standards-watc' ไม่ใช่รหัสกฎหรือรหัสมาตรการ หมายถึง office.service-standards-watch" in out, out
    out = run("rules", "list", "--rules", str(office / "rules")).output
    assert "2568, 2569" in out and "2568,2569" not in out, out
    out = run("rules", "validate", str(office / "recommendations"), lang="th")
    assert "เป็นโฟลเดอร์ของแฟ้มข้อเสนอแนะ" in out.output and "'owners' ไม่ใช่คีย์" not in out.output, out.output
    assert out.exit_code == 1


def test_explain_says_every_fall_and_a_total_in_plain_thai(tmp_path: Path) -> None:
    """`rules explain fall` listed indicators 1–4 of 10 and no "…"; the Thai read "คะแนนรวม คะแนน 87.02" and
    "เปลี่ยนแปลง 0.83 ไม่ถึง -5.00"."""
    results = tmp_path / "r.yaml"  # FY2568's example, where no indicator fell by 5 (the tenth by 1.00)
    results.write_text((ROOT / "tests" / "data" / "example-2568.yaml").read_text(encoding="utf-8")
                       .replace("10: 84.62}", "10: 76.00}"), encoding="utf-8")
    out = run("rules", "explain", "fall", "--results", str(results), lang="th")
    assert out.exit_code == 0, out.output
    assert "ตัวชี้วัดที่ 10 เปลี่ยนแปลง -1.00 คะแนน ซึ่งไม่ได้ลดลงถึง 5.00 คะแนน" in out.output, out.output
    assert "ตัวชี้วัดที่ 1 เปลี่ยนแปลง" in out.output and "ไม่ถึง -5.00" not in out.output, out.output
    total = run("rules", "explain", "total", "--results", str(results), lang="th").output
    assert "คะแนนรวม 87.50 คะแนน ซึ่งไม่ต่ำกว่า 85.00 คะแนน" in total and "คะแนนรวม คะแนน" not in total, total
