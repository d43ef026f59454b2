"""An analysis prints each indicator's heading ("๑.การปฏิบัติหน้าที่"), its table of questions and the indicator's
score as published ("คะแนนเฉลี่ย<TAB><TAB>๘๘.๕๗"): the score is the indicator's as given, compared with its
questions; an average under no indicator's heading is said with its line, never dropped silently."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from itaplan.cli import main
from itaplan.ita.loader import load_results
from itaplan.ita.scoring import score

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed000_analysis_fy2568.txt"
PUBLISHED = {1: 88.57, 2: 99.78, 3: 100.0, 4: 93.33, 5: 99.35, 6: 98.26, 7: 96.22, 8: 95.34, 9: 100.0, 10: 100.0}


def test_seed000_averages_are_its_indicators_as_given_and_compared_with_their_questions() -> None:
    res = load_results(SEED)
    assert res.indicators == pytest.approx(PUBLISHED)
    assert res.warnings == []  # every average under its heading ("๕.การแก้ปัญหาทุจริต", "๘.การปรับปรุงการทำงาน")
    card = score(res)
    assert [round(i.score, 2) for i in card.indicators] == list(PUBLISHED.values())
    warnings = " | ".join(card.warnings)
    for given, computed in (("88.57", "96.24"), ("98.26", "96.52"), ("96.22", "93.77"), ("95.34", "91.02")):
        assert given in warnings and computed in warnings
    # the total stands as published, and is still impossible: below every indicator, the lowest 88.57
    assert card.total == pytest.approx(88.51)
    assert "impossible" in warnings and "88.57" in warnings.split("impossible")[1]


def test_score_command_shows_the_published_indicator_and_warns_of_the_difference() -> None:
    out = CliRunner().invoke(main, ["score", str(SEED), "--lang", "en"])
    assert out.exit_code == 0, out.output
    assert "88.57" in out.output and "96.24" in out.output and "Traceback" not in out.output


def test_heading_by_number_name_or_both_and_averages_under_no_indicator(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("\n".join([
        "ปีงบประมาณ พ.ศ. 2568",
        "คะแนนเฉลี่ย\t\t50.00",  # 2: before any heading
        "1.การปฏิบัติหน้าที่",
        "i1 ข้อคำถาม 90",
        "คะแนนเฉลี่ย\t\t91.00",  # 5: indicator 1
        "การใช้งบประมาณ",
        "แบบวัด หัวข้อการประเมิน คะแนน",
        "i4 ข้อคำถาม 80",
        "\tคะแนนเฉลี่ย\t81.00",  # 9: indicator 2, by its name alone
        "3. คุณภาพการดำเนินงาน",
        "i7 ข้อคำถาม 70",
        "คะแนนเฉลี่ย\t\t71.00",  # 12: number and name of two indicators: never guessed
        "2.การนำผลการวิเคราะห์ไปสู่การปรับปรุง",
        "คะแนนเฉลี่ย\t\t60.00",  # 14: a heading of another section
        "i10 ข้อคำถาม 60",
        "คะแนนเฉลี่ย\t\t61.00",  # 16: its heading was the last average's
    ]) + "\n", encoding="utf-8")
    res = load_results(path)
    assert res.indicators == {1: 91.0, 2: 81.0}
    said = {w.line: w.message for w in res.warnings}
    assert sorted(said) == [2, 12, 14, 16]
    assert "50.00" in said[2] and "no indicator heading" in said[2]
    assert "3. คุณภาพการดำเนินงาน" in said[12] and "(line 10)" in said[12]
    assert "2.การนำผล" not in said[14] and "การนำผลการวิเคราะห์" in said[14] and "(line 13)" in said[14]
    assert "no indicator heading" in said[16]
    strict = CliRunner().invoke(main, ["score", str(path), "--strict", "--lang", "en"])
    assert strict.exit_code == 2 and "r.txt:2:" in strict.output and "Traceback" not in strict.output


def test_an_average_cell_wrapped_by_a_pdf_is_read(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("ปีงบประมาณ 2568\n๔.การใช้ทรัพย์สินของราชการ\ni10 ข้อคำถาม 80.65\nคะแนน\nเฉลี่ย ๙๓.๓๓\n",
                    encoding="utf-8")
    assert load_results(path).indicators == {4: 93.33}


@pytest.mark.parametrize("cell", ["คะแนน\nเฉลี่ย\n๙๓.๓๓", "คะแนนเฉลี่ย\n๙๓.๓๓", "คะแนน\nเฉลี่ย\n\n๙๓.๓๓"])
def test_an_average_cell_wrapped_over_three_lines_is_read(tmp_path: Path, cell: str) -> None:
    """Chromium in Garuda wraps the cell's words over two lines and gives the score a line of its own (seed 000:
    read otherwise, IIT came from the questions, not from the agency's printed averages, and differed from its text)."""
    path = tmp_path / "r.txt"
    path.write_text(f"ปีงบประมาณ 2568\n๔.การใช้ทรัพย์สินของราชการ\ni10 ข้อคำถาม 80.65\n{cell}\n", encoding="utf-8")
    assert load_results(path).indicators == {4: 93.33}


def test_a_score_after_the_word_score_alone_is_no_average(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("ปีงบประมาณ 2568\n๔.การใช้ทรัพย์สินของราชการ\ni10 ข้อคำถาม 80.65\nคะแนน\n๙๓.๓๓\n", encoding="utf-8")
    assert load_results(path).indicators == {}
