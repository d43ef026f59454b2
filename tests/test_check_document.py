"""Issue 13: `itaplan check DOCUMENT` re-derives the figures of a hand-made analysis from its own numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from itaplan.cli import main

DATA = Path(__file__).parent / "data"


def run(path: Path):
    return CliRunner().invoke(main, ["check", str(path)])


def test_seed000_indicator_1_average_is_flagged_with_its_line() -> None:
    result = run(DATA / "seed000_fy2568.txt")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].endswith("seed000_fy2568.txt:8: the average 88.57 is not the mean of the 3 scores above it "
                             "(i1–i3, lines 5–7): 96.24")
    # the three EIT averages are of both parts while the page prints each question once: they cannot be judged
    # from this page, so they are not findings; the right averages pass
    assert len(lines) == 1


def test_each_kind_of_mistake_is_reported_by_line() -> None:
    result = run(DATA / "inputs" / "analysis_mistakes.txt")
    assert result.exit_code == 1
    out = {int(line.split(":")[1]): line for line in result.stdout.splitlines()}
    assert "template text" in out[1] and "ระบุชื่อหน่วยงาน" in out[1]
    assert "level A does not match the total 83.40" in out[3]
    assert 5 not in out and 14 not in out  # right figures pass
    assert "the change 5.78 does not follow from 99.78 and 95.00 (difference 4.78)" in out[6]
    assert "is written but 73.81 is lower than 97.95" in out[7]
    assert "computed against 80.00" in out[8] and "11.11" in out[8]
    assert 9 not in out


def test_a_clean_document_passes_and_docx_lines_are_located(tmp_path: Path) -> None:
    assert run(Path(__file__).parent.parent / "examples" / "itas.txt").exit_code == 0
    from docx import Document

    doc = Document()
    doc.add_paragraph("ปีงบประมาณ พ.ศ. 2568")
    table = doc.add_table(rows=0, cols=2)
    for code, score in (("i1 ข้อ", "88.71"), ("i2 ข้อ", "100.00"), ("i3 ข้อ", "100.00"), ("คะแนนเฉลี่ย", "88.57")):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = code, score
    doc.save(tmp_path / "a.docx")
    result = run(tmp_path / "a.docx")
    assert result.exit_code == 1 and "a.docx (table 1 row 4): the average 88.57" in result.stdout


def test_how_sentences_put_a_change_is_read_right() -> None:
    """A change is printed in more orders than (this year, last year, change): "ได้ A ลดลง C คะแนนจาก B" and a
    percentage third. Right figures in each order pass, a wrong figure or word is reported in the sentence's
    own terms; lines that list scores side by side or say what would happen are not changes."""
    from itaplan.checking.check_document import check_lines

    lines = [
        "- ตัวชี้วัดที่ 2 การใช้งบประมาณ ได้ 91.15 คะแนน ลดลง 2.25 คะแนนจาก 93.40 คะแนนในปี 2567",  # 1 right
        "- ตัวชี้วัดที่ 2 การใช้งบประมาณ ได้ 91.15 คะแนน ลดลง 2.35 คะแนนจาก 93.40 คะแนนในปี 2567",  # 2 change
        "- ตัวชี้วัดที่ 2 การใช้งบประมาณ ได้ 91.15 คะแนน เพิ่มขึ้น 2.25 คะแนนจาก 93.40 คะแนน",  # 3 word
        "เมื่อเทียบกับปี 2567 ซึ่งได้ 89.86 คะแนน คะแนนรวมลดลง 2.36 คะแนน หรือร้อยละ 2.63 ของคะแนนปี 2567",  # 4 right
        "เมื่อเทียบกับปี 2567 ซึ่งได้ 89.86 คะแนน คะแนนรวมลดลง 2.36 คะแนน หรือร้อยละ 2.90 ของคะแนนปี 2567",  # 5
        "ปีนี้ได้ 87.50 คะแนน ลดลง 2.36 คะแนน คิดเป็นร้อยละ 2.63",  # 6 right: against last year's 89.86
        "ปีนี้ได้ 87.50 คะแนน เพิ่มขึ้น 2.50 คะแนน คิดเป็น 2.94%",  # 7 right: against last year's 85.00
        "คะแนนรายเครื่องมือ ได้แก่ IIT 87.50, EIT 84.16, OIT 83.75",  # 8 scores side by side
        "ได้ 66.96 คะแนน เมื่อถึง 85 คะแนน คะแนนรวมจะเพิ่มขึ้น 0.30 คะแนน และเมื่อถึง 100 คะแนน จะเพิ่มขึ้น 0.55 คะแนน",
        "ข้อ e1 ได้ 80.00 คะแนน, ข้อ e3 ได้ 80.00 คะแนน, ข้อ e5 ได้ 80.00 คะแนน",  # 10 scores side by side
        "๑.๑) ด้านโครงสร้างพื้นฐาน ๑.๒) ด้านงานส่งเสริมคุณภาพชีวิต ๑.๓) ด้านการจัดระเบียบชุมชน",  # 11 numbering
        "ตัวชี้วัดที่ 3\t80.00\t75.00\t4.00",  # 12 a table row: the difference is 5.00
    ]
    found = {p.line: str(p) for p in check_lines(lines, "a.txt")}
    assert sorted(found) == [2, 3, 5, 12], found
    assert found[2].endswith("the change 2.35 does not follow from 91.15 and 93.40 (difference 2.25)")
    assert found[3].endswith("'เพิ่มขึ้น' is written but 91.15 is lower than 93.40")
    # the percentage, the change and the base each named, with the value it should have
    assert found[5].endswith("the percentage 2.90 does not follow: a change of 2.36 from 89.86 (the base, last year's "
                             "score) is 2.63 per cent")
    assert found[12].endswith("the change 4.00 does not follow from 80.00 and 75.00 (difference 5.00)")


@pytest.mark.parametrize("fmt,thai", [("md", False), ("html", False), ("docx", False), ("md", True), ("docx", True),
                                      ("pdf", True)])
def test_itaplans_own_documents_pass_the_document_check(tmp_path: Path, fmt: str, thai: bool) -> None:
    """What itaplan writes is read back by `check DOCUMENT` as an officer's document would be: every golden
    case's plan, in Markdown, HTML and Word, has no figure the check finds wrong (sentences with the change after
    the score, percentages of last year's, what-if gains, tool scores side by side, levels and verdicts)."""
    import yaml
    from itaplan.app.session import Session
    from itaplan.checking.check_document import check_document
    from itaplan.render.dispatch import render

    setup = Session(engine="pure")
    cases = Path(__file__).parent / "cases"
    problems = []
    for case in sorted(cases.glob("*.yaml")):
        data = yaml.safe_load(case.read_text(encoding="utf-8"))
        source = cases / data["results_file"] if "results_file" in data else tmp_path / f"{case.stem}.yaml"
        if "results" in data:
            source.write_text(yaml.safe_dump(data["results"], allow_unicode=True), encoding="utf-8")
        # as agencies receive them by default (Thai digits; the PDF's line wraps joined by the reader) and in Arabic
        written = render(setup.plan(setup.scorecard(source)), fmt, catalogue=setup.catalogue, thai_digits=thai)
        document = tmp_path / f"{case.stem}.{fmt}"
        document.write_bytes(written if isinstance(written, bytes) else written.encode("utf-8"))
        problems += [str(p) for p in check_document(document)]
    assert not problems, problems[:5]


def test_what_a_line_says_of_its_scores_is_checked(tmp_path: Path) -> None:
    """The level and pass or fail said of a total on its own line, a verdict against the target and the gap to it;
    a Markdown or HTML document is checked as a document (its own numbers), never drafted from its scores."""
    text = ("ปีงบประมาณ พ.ศ. 2568\n"
            "องค์การบริหารส่วนตำบลห้วยทราย ได้คะแนนรวม 87.50 คะแนน อยู่ในระดับ A ผลการประเมินผ่าน ซึ่งบรรลุค่าเป้าหมาย\n"
            "องค์การบริหารส่วนตำบลห้วยทราย ได้คะแนนรวม 87.50 คะแนน อยู่ในระดับ B ผลการประเมินผ่าน\n"
            "ได้คะแนนรวม 80.00 คะแนน อยู่ในระดับ B ผลการประเมินผ่าน\n"
            "- ตัวชี้วัดที่ 8 การปรับปรุงระบบการทำงาน ได้ 70.04 คะแนน (ผ่านค่าเป้าหมาย)\n"
            "- ตัวชี้วัดที่ 8 การปรับปรุงระบบการทำงาน ได้ 80.04 คะแนน ต่ำกว่าเป้าหมาย 4.96 คะแนน\n"
            "- ตัวชี้วัดที่ 8 การปรับปรุงระบบการทำงาน ได้ 80.04 คะแนน ต่ำกว่าเป้าหมาย 4.90 คะแนน\n"
            "- ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล ได้ 90.00 คะแนน ต่ำกว่าเป้าหมาย\n")
    for suffix in (".txt", ".md"):
        (tmp_path / f"a{suffix}").write_text(text, encoding="utf-8")
        result = run(tmp_path / f"a{suffix}")
        assert result.exit_code == 1
        found = {int(line.split(":")[1]): line for line in result.stdout.splitlines()}
        assert sorted(found) == [3, 4, 5, 7, 8], result.stdout
        assert found[3].endswith("level B does not match the total 87.50 on the same line: that is level A")
        assert found[4].endswith("'ผลการประเมินผ่าน' is written but the total 80.00 is below the target 85")
        assert found[5].endswith("'ผ่านค่าเป้าหมาย' is written but 70.04 is below the target 85")
        assert found[7].endswith("the gap 4.90 to the target 85 does not follow from 80.04: it is 4.96")
        assert found[8].endswith("'ต่ำกว่าเป้าหมาย' is written but 90.00 is not below the target 85")
    html = "<html><body>" + "".join(f"<p>{line}</p>" for line in text.splitlines()) + \
        "<table><tr><th>ตัวชี้วัด</th><th>2568</th><th>2567</th><th>ผลต่าง</th></tr>" \
        "<tr><td>ตัวชี้วัดที่ 3</td><td>80.00</td><td>75.00<br>(ปีก่อน)</td><td>4.00</td></tr></table></body></html>"
    (tmp_path / "a.html").write_text(html, encoding="utf-8")
    result = run(tmp_path / "a.html")
    assert result.exit_code == 1
    assert "a.html (line 10): the change 4.00 does not follow from 80.00 and 75.00 (difference 5.00)" in result.stdout
    assert "a.html (line 3): level B does not match" in result.stdout


def test_a_measures_table_given_to_check_says_what_to_check_instead(tmp_path: Path) -> None:
    """itaplan's measures CSV and tracking sheet are tables, not analyses: check says so (exit 2) instead of reading
    them as results and reporting stray quotes or missing code columns; a results CSV is still drafted and checked."""
    plan = tmp_path / "plan.yaml"
    assert CliRunner().invoke(main, ["-q", "draft", str(DATA.parent.parent / "tests" / "data" / "example-2568.yaml"), "-o",
                                     str(plan)]).exit_code == 0
    for suffix in (".csv", ".xlsx"):
        table = tmp_path / f"measures{suffix}"
        assert CliRunner().invoke(main, ["-q", "render", "--arabic-digits", str(plan), "-o", str(table)]).exit_code == 0
        result = run(table)
        assert result.exit_code == 2
        assert f"measures{suffix}: is a measures table, not a plan or results" in result.output
        assert "stray" not in result.output and "must name the columns" not in result.output
    assert run(DATA.parent.parent / "examples" / "agency.csv").exit_code == 0


MUTATIONS = [  # (what is changed in itaplan's own Markdown, what the check says)
    ("คะแนนรวมลดลง 2.36", "คะแนนรวมเพิ่มขึ้น 2.36", "'เพิ่มขึ้น' is written but 87.50 is lower than 89.86"),
    ("ได้คะแนนรวม 87.50", "ได้คะแนนรวม 88.50", "the change 2.36 does not follow from 88.50 and 89.86"),
    ("ต่ำกว่าเป้าหมาย 4.96 คะแนน ลดลง 4.26", "ต่ำกว่าเป้าหมาย 4.96 คะแนน เพิ่มขึ้น 4.26",
     "'เพิ่มขึ้น' is written but 80.04 is lower than 84.30"),
    ("ต่ำกว่าเป้าหมาย 4.96 คะแนน ลดลง 4.26", "ต่ำกว่าเป้าหมาย 4.96 คะแนน ลดลง 5.26",
     "the change 5.26 does not follow from 80.04 and 84.30"),
    ("-4.26 (ลดลง) | ต่ำกว่าเป้าหมาย", "-4.26 (ลดลง) | ผ่านเป้าหมาย", "'ผ่านเป้าหมาย' is written but 80.04 is below"),
    ("ซึ่งบรรลุค่าเป้าหมาย", "ซึ่งไม่บรรลุค่าเป้าหมาย", "'ไม่บรรลุค่าเป้าหมาย' is written but the total 87.50 is at or above"),
    ("OIT ต่ำกว่าเป้าหมาย 2.50", "OIT ต่ำกว่าเป้าหมาย 3.50", "the gap 3.50 to the target 85 does not follow from 82.50"),
    # an assessor's reading: the label against the tools, a category against its score, the OIT claim
    ("ผลการประเมินผ่าน ซึ่ง", "ผลการประเมินผ่านดี ซึ่ง", "'ผ่านดี' is written but OIT is 82.50, below 85"),
    ("- ตัวชี้วัดที่ 3 การใช้อำนาจ ได้ 100.00 คะแนน", "- ตัวชี้วัดที่ 3 การใช้อำนาจ ได้ 80.00 คะแนน",
     "indicator 3 is listed as a strength but scored 80.00"),
    ("- ตัวชี้วัดที่ 3 การใช้อำนาจ ได้ 100.00 คะแนน", "- ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล ได้ 92.50 คะแนน",
     "an OIT indicator below 100 has an item not met"),
    ("ข้อ i4 ใช้จ่ายงบประมาณตรงตามวัตถุประสงค์ ได้ 81.35 คะแนน", "ข้อ i4 ใช้จ่ายงบประมาณตรงตามวัตถุประสงค์ ได้ 90.10 คะแนน",
     "i4 is given different scores: 90.10"),
    ("(ต.ค.\u00a02568 – ก.ย.\u00a02569)", "(ต.ค. 2567 – ก.ย. 2568)",
     "the timeline 'ต.ค. 2567 – ก.ย. 2568' lies in fiscal year 2568, before the plan's year 2569"),
    ("ตำแหน่ง นายกองค์การบริหารส่วนตำบลห้วยทราย", "ตำแหน่ง นายกเทศมนตรีตำบลห้วยทราย",
     "'นายกเทศมนตรี' belongs to another kind of local government"),
]


@pytest.mark.parametrize("old,new,message", MUTATIONS, ids=[m[2][:30] for m in MUTATIONS])
def test_a_doctored_plan_document_is_caught(tmp_path: Path, old: str, new: str, message: str) -> None:
    """itaplan's own Markdown plan with one figure or word changed, as a reader might receive it: the document
    check finds it from the document's own numbers (the total said earlier, the tools' scores, the table)."""
    plan = tmp_path / "plan.yaml"
    assert CliRunner().invoke(main, ["-q", "draft", str(DATA.parent.parent / "tests" / "data" / "example-2568.yaml"), "-o",
                                     str(plan)]).exit_code == 0
    document = tmp_path / "plan.md"
    assert CliRunner().invoke(main, ["-q", "render", "--arabic-digits", str(plan), "-o", str(document)]).exit_code == 0
    text = document.read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "doctored.md").write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run(tmp_path / "doctored.md")
    assert result.exit_code == 1 and message in result.output, result.output


def test_an_assessors_reading_of_categories_lists_blanks_and_agency_words() -> None:
    # the mistakes officers make in hand-made analyses (seeds 000, 002, 004), each named with its line
    result = run(DATA / "inputs" / "assessor_mistakes.txt")
    assert result.exit_code == 1
    out = result.stdout
    assert ":4: a form's dotted blank left around a figure: '……61.45………'" in out
    assert ":7: indicator 2 is listed as a strength but scored 70.20 (line 13), below the target 85" in out
    assert ":10: indicator 6 is listed as a weakness but scored 90.40 (line 15), at or above the target 85" in out
    assert "indicator 1 is listed" not in out and "indicator 4 is listed" not in out  # rightly listed
    assert ":15: number 4 is used twice in a numbered list (lines 14 and 15)" in out
    assert ":16: template text left in: 'ระบุจำนวนกลุ่มเป้าหมาย" in out
    assert ":17: 'พนักงานเทศบาล' belongs to another kind of local government" in out
    assert "นายกองค์การบริหารส่วนตำบล' belongs" not in out  # the document's own kind


def test_a_total_below_every_indicator_average_cannot_be(tmp_path) -> None:
    text = (DATA / "seed000_fy2568.txt").read_text(encoding="utf-8")
    path = tmp_path / "analysis.txt"
    path.write_text("หน่วยงานมีผลการประเมิน ITA ปีงบประมาณ พ.ศ. ๒๕๖๘ โดยมีคะแนนในภาพรวมอยู่ที่ ๘๘.๕๑ คะแนน\n" + text,
                    encoding="utf-8")
    out = run(path).stdout
    assert "the total 88.51 is below every indicator's average (the lowest is 88.57" in out
