"""Issue 13: inputs as officers have them — pasted ITAS text complete, metadata in CSV/XLSX."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from itaplan.base import thai
from itaplan.base.errors import InputError
from itaplan.cli import main
from itaplan.ita.framework import held_results_year
from itaplan.ita.loader import load_results
from itaplan.ita.scoring import score

HELD = held_results_year(thai.today())  # the no-year hints give the latest results an agency holds as the example

DATA = Path(__file__).parent / "data" / "inputs"


def test_pasted_text_reads_words_parts_averages_tools_total_level_and_heading() -> None:
    res = load_results(DATA / "pasted_fy2568.txt")
    assert res.fiscal_year == 2568
    assert (res.agency.name, res.agency.type, res.agency.district, res.agency.province) == (
        "องค์การบริหารส่วนตำบลทดสอบ", "องค์การบริหารส่วนตำบล", "เมือง", "ขอนแก่น")
    by = {(q.code, q.part): q.score for q in res.questions}
    assert by[("o10", None)] == 0 and by[("o24", None)] == 0  # ไม่ผ่าน, ไม่มี
    assert by[("o3", None)] == by[("o4", None)] == by[("o5", None)] == by[("o7", None)] == 100  # ผ่าน, มี, yes, ✓
    assert by[("o6", None)] == by[("o8", None)] == 0  # no, ✗
    assert by[("e1", 1)] == pytest.approx(90.1) and by[("e1", 2)] == pytest.approx(85.1)  # part headings
    assert len(res.questions) == 15 + 18 + 28
    assert res.indicators == {1: pytest.approx(88.57)}
    assert res.tools == {"IIT": 96.1, "EIT1": 90.0, "EIT2": 88.0, "OIT": 70.0}
    assert res.total == pytest.approx(83.40) and res.level == "B"
    assert [w.line for w in res.warnings] == [84]  # o29 with no score: reported by line, never dropped silently
    card = score(res)
    assert card.total == pytest.approx(83.40)  # given scores stand ...
    warnings = " | ".join(card.warnings)
    assert "88.57" in warnings and "96.24" in warnings  # ... and are compared, naming both numbers
    # this total is below every indicator (indicator 1 as given, 88.57): it is said once, as impossible, naming it;
    # the total the tools give is kept beside it (computed_total), not said again as "differs" (web officer's trial)
    assert "83.40" in warnings and "impossible" in warnings and "differs from the computed total" not in warnings
    assert card.computed_total == pytest.approx(83.53)


def test_unreadable_code_line_warns_by_default_and_fails_with_strict(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(main, ["score", str(DATA / "pasted_fy2568.txt"), "--format", "json"])
    assert ok.exit_code == 0 and "pasted_fy2568.txt:84:" in ok.stderr and "o29" in ok.stderr
    for command in (["score"], ["draft", "-o", str(tmp_path / "plan.yaml")], ["review", "--plain"]):
        bad = runner.invoke(main, [*command, str(DATA / "pasted_fy2568.txt"), "--strict"])
        assert bad.exit_code == 2 and "pasted_fy2568.txt:84:" in bad.output and "Traceback" not in bad.output
    assert not (tmp_path / "plan.yaml").exists()


def test_question_lines_with_a_row_number_or_the_word_for_item(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text("fiscal_year: 2568\n1 i1 ข้อคำถาม 88.71\n12. o10 E-Service ไม่ผ่าน\n"
                                    "ข้อ i2 ข้อคำถาม 90\n", encoding="utf-8")
    res = load_results(tmp_path / "r.txt")
    assert {q.code: q.score for q in res.questions} == {"i1": 88.71, "o10": 0, "i2": 90}


def test_text_year_from_heading_and_advice_in_text_syntax(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text("i1 x 88.71\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_results(tmp_path / "r.txt")
    assert "ปีงบประมาณ" in str(err.value) and "fiscal_year:" in str(err.value)


def test_long_lines_stay_fast(tmp_path: Path) -> None:
    lines = ["ปีงบประมาณ 2568", "i1" + " " * 80_000 + "x", "คะแนนรวม" + " " * 80_000 + "8", " " * 80_000 + "EIT",
             "ตัวชี้วัดที่ 1" + " 9" * 40_000, "o1" + " ก" * 40_000 + " 100"]
    (tmp_path / "r.txt").write_text("\n".join(lines), encoding="utf-8")
    start = time.perf_counter()
    res = load_results(tmp_path / "r.txt")
    assert time.perf_counter() - start < 2 and [q.code for q in res.questions] == ["o1"]


@pytest.mark.parametrize("name", ["meta_rows.csv", "meta_columns.csv"])
def test_csv_metadata_as_rows_or_columns(name: str) -> None:
    res = load_results(DATA / name)
    assert res.fiscal_year == 2568 and res.agency.name.endswith("ทดสอบ")
    assert res.agency.district == "เมือง" and res.agency.province == "ขอนแก่น"
    assert {q.code: q.score for q in res.questions}["o10"] == 0


def test_xlsx_metadata_rows_before_the_header(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in (["fiscal_year", 2568], ["agency", "อบต.ทดสอบ"], ["code", "score"], ["i1", 88.71]):
        ws.append(row)
    wb.save(tmp_path / "r.xlsx")
    res = load_results(tmp_path / "r.xlsx")
    assert res.fiscal_year == 2568 and res.agency.name == "อบต.ทดสอบ" and res.questions[0].line == 4


def test_xlsx_and_batch_errors_advise_their_own_syntax(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["code", "score"])
    wb.active.append(["i1", 88.71])
    wb.save(tmp_path / "r.xlsx")
    result = CliRunner().invoke(main, ["score", str(tmp_path / "r.xlsx")])
    assert result.exit_code == 2 and f"in the code column and {HELD} in the score column" in result.output
    (tmp_path / "p.csv").write_text("agency,code,score\nอบต.ก,i1,88\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "p.csv"), "-o", str(tmp_path / "out")])
    assert "add a fiscal_year (or ปีงบประมาณ) column" in result.output and "fiscal_year:" not in result.output


def test_csv_errors_advise_csv_syntax() -> None:
    result = CliRunner().invoke(main, ["score", str(DATA / "no_year.csv")])
    assert result.exit_code == 2 and f"ปีงบประมาณ,{HELD}" in result.output and "fiscal_year:" not in result.output
    result = CliRunner().invoke(main, ["score", str(DATA / "two_years.csv")])
    assert result.exit_code == 2 and "row 3" in result.output and "2567" in result.output


def test_batch_long_table_with_thai_column_names(tmp_path: Path) -> None:
    rows = ["หน่วยงาน,ปีงบประมาณ,รหัส,ส่วนที่,คะแนน"]
    rows += [f"อบต.ก,2568,i{n},,90" for n in range(1, 16)]
    rows += [f"อบต.ก,2568,e{n},{p},80" for n in range(1, 10) for p in (1, 2)]
    rows += [f"อบต.ก,2568,o{n},,ผ่าน" for n in range(1, 29)]
    (tmp_path / "p.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "p.csv"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "อบต.ก.json").is_file()


MOPH = "the Ministry of Public Health's own ITA of its hospitals and health offices (MOIT1–MOIT22)"
VOCATIONAL = "the vocational colleges' own ITA (O1–O23) of the Office of the Vocational Education Commission"


@pytest.mark.parametrize("name, content, where, assessment", [
    ("moit.csv", "fiscal_year,2568\nagency,โรงพยาบาลทดสอบ\ncode,score\nMOIT1,100\nMOIT2,0\nMOIT 3,100\n", "row 4",
     MOPH),
    ("moit.txt", "ปีงบประมาณ พ.ศ. 2568\nโรงพยาบาลทดสอบ\nMOIT1 การเปิดเผยข้อมูลพื้นฐาน 100\nMOIT 2 แผนปฏิบัติการ ๐\n",
     "moit.txt:3", MOPH),
    ("college.txt", "ปีงบประมาณ พ.ศ. 2568\nวิทยาลัยเทคนิคทดสอบ\nO1 โครงสร้างสถานศึกษา มี\nO2 ผู้บริหาร มี\n",
     "college.txt:2", VOCATIONAL),
    ("college.yaml", "fiscal_year: 2568\nagency: {name: วิทยาลัยการอาชีพทดสอบ}\nquestions: {o1: 100, o2: 0}\n",
     "college.yaml:2", VOCATIONAL),
], ids=["moit-csv", "moit-text", "college-text", "college-yaml"])
def test_another_assessments_results_are_refused_naming_it(tmp_path: Path, name: str, content: str, where: str,
                                                           assessment: str) -> None:
    """Issue 28: a hospital's MOIT1–MOIT22 were 'unknown code' three times over (or 'no lines with a question code'
    in text), and a vocational college's O1–O23 were read as the NACC's OIT items. Now one error names the
    assessment, once per input."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(path)])
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert result.exit_code == 2 and len(errors) == 1, result.output
    assert where in errors[0] and f"these are results of {assessment}, not of the NACC's ITA" in errors[0]


def test_one_eit_part_given_says_what_is_missing_not_no_scores(tmp_path: Path) -> None:
    """Issue 28: with only e1 part 1 given, `score` said "indicator 6 (…): no scores given" although a score was
    given. It says which questions lack which part; an indicator with nothing given still says no scores."""
    source = tmp_path / "e1.yaml"
    source.write_text("fiscal_year: 2568\nquestions:\n  - {code: e1, part: 1, score: 80}\n", encoding="utf-8")
    card = score(load_results(source))
    said = {n.values.get("number"): n for n in card.notes}
    assert said[6].key == "indicator_parts_missing"
    assert said[6].en == ("indicator 6 (คุณภาพการดำเนินงาน): its score needs every question in both EIT parts; "
                          "not given in part 1: e2, e3; in part 2: e1, e2, e3; its score is unknown")
    assert said[7].key == "indicator_missing"
    shown = CliRunner().invoke(main, ["--lang", "th", "score", str(source)], env={"ITAPLAN_LANG": "en",
                                                                                  "COLUMNS": "400"})
    assert "ส่วนที่ 1 ยังไม่มีคะแนนข้อ e2, e3 ส่วนที่ 2 ยังไม่มีคะแนนข้อ e1, e2, e3" in shown.output
    assert "ตัวชี้วัดที่ 6 (คุณภาพการดำเนินงาน): ไม่มีข้อมูลคะแนน" not in shown.output


def test_pasted_text_reads_an_eit_part_named_on_the_questions_own_line(tmp_path: Path) -> None:
    """'e9 ส่วนที่ 1 70' and 'e9 ส่วนที่ 2 75' were one question given twice: the part is only read from headings
    (a fresh newcomer's trial, issue 28)."""
    text = tmp_path / "parts.txt"
    text.write_text("ปีงบประมาณ 2568\ne9 ส่วนที่ 1 70\ne9 บริการออนไลน์ (ส่วนที่ 2) 75\n", encoding="utf-8")
    by = {(q.code, q.part): q.score for q in load_results(text).questions}
    assert by == {("e9", 1): 70.0, ("e9", 2): 75.0}


def test_one_eit_part_whole_is_not_said_to_lack_question_dash(tmp_path: Path) -> None:
    """With part 2 whole, the note said "ส่วนที่ 2 ยังไม่มีคะแนนข้อ –" (a fresh web officer's trial, issue 28)."""
    from itaplan.app.session import Session

    results = tmp_path / "r.yaml"
    results.write_text("fiscal_year: 2568\nagency: x\nquestions:\n  e7: {1: 70, 2: 75}\n  e8: {1: 80, 2: 75}\n"
                       "  e9: {2: 75}\n", encoding="utf-8")
    card = score(load_results(results))
    note = next(n for n in card.notes if n.key.startswith("indicator_part"))
    assert note.key == "indicator_part_missing" and note.values["part"] == 1 and note.values["codes"] == "e9"
    assert note.en.endswith("not given in part 1: e9; its score is unknown")
    plan = Session(engine="pure").plan(card)
    said = [w for w in plan["warnings"] + plan.get("officer_notes", []) if "ยังไม่มีคะแนนข้อ" in w]
    assert said and all("ข้อ –" not in w for w in said) and "ส่วนที่ 1 ยังไม่มีคะแนนข้อ e9" in said[0]


@pytest.mark.parametrize("name, content, line", [
    ("last.csv", "ปีงบประมาณ,2569\nรหัส,คะแนน\ni1,88.71\n", "row 1"),
    ("last.txt", "ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2569\ni1 การปฏิบัติงาน 88.71\n", ":1:"),
    ("last.yaml", "questions: {i1: 88.71}\nfiscal_year: 2569\n", ":2:"),
])
def test_previous_file_of_a_year_not_before_the_results_is_refused_at_its_year(tmp_path: Path, name: str,
                                                                              content: str, line: str) -> None:
    """`--previous FILE` of the results' own year (or a later one) gave changes of a year against itself (a
    newcomer's trial); it is refused at the line that says the year, with what to give instead."""
    results = tmp_path / "now.yaml"
    results.write_text("fiscal_year: 2569\nquestions: {i1: 90}\n", encoding="utf-8")
    last = tmp_path / name
    last.write_text(content, encoding="utf-8")
    got = CliRunner().invoke(main, ["score", str(results), "--previous", str(last)], env={"ITAPLAN_LANG": "en"})
    assert got.exit_code == 2, got.output
    error = next(row for row in got.output.splitlines() if row.startswith("error:"))
    assert str(last) in error and line in error, error
    assert "last year's results (--previous) must be of an earlier year (usually 2568)" in error
    fine = tmp_path / "fine.yaml"
    fine.write_text("fiscal_year: 2568\nquestions: {i1: 88.71}\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["score", str(results), "--previous", str(fine)]).exit_code == 0
