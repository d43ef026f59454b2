"""Issue 13: `itaplan check DOCUMENT` re-derives the figures of a hand-made analysis from its own numbers."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cli import main

DATA = Path(__file__).parent / "data"


def run(path: Path):
    return CliRunner().invoke(main, ["check", str(path)])


def test_seed000_indicator_1_average_is_flagged_with_its_line() -> None:
    result = run(DATA / "seed000_fy2568.txt")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].endswith("seed000_fy2568.txt:8: the average 88.57 is not the mean of the 3 scores above it "
                             "(i1–i3, lines 5–7): 96.24")
    assert len(lines) == 4  # and the three EIT averages that are wrong too; the right ones pass


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
