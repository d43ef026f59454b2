"""Results in every accepted form give the same scores; frameworks from users are validated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from itaplan.base.errors import InputError
from itaplan.cli import main
from itaplan.ita.framework import builtin_years, load_framework, normalize_code
from itaplan.ita.loader import load_results
from itaplan.ita.scoring import score

TEXT_ROWS = [("i๑", "๘๘.๗๑"), ("I2", "100"), ("e 1", "90"), ("O12", "ไม่มี"), ("o๑๓", "มี"), ("๐๑๔", "true")]


@pytest.mark.parametrize("raw,code", [("i๑", "i1"), ("I1", "i1"), ("e 9", "e9"), ("O12", "o12"), ("o๑๒", "o12"),
                                      ("๐๑๒", "o12"), ("๐๑", "o1"), ("e09", "e9"), ("x1", None), ("", None)])
def test_code_spellings(raw: str, code: str | None) -> None:
    assert normalize_code(raw) == code


def test_csv_xlsx_yaml_json_agree(tmp_path: Path) -> None:
    rows = [("fiscal_year", "๒๕๖๘"), ("agency", "อบต.ทดสอบ"), ("total", "")] + TEXT_ROWS
    (tmp_path / "r.csv").write_text("code,score\n" + "\n".join(f"{c},{s}" for c, s in rows) + "\n", encoding="utf-8")
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["รหัส", "คะแนน"])
    for c, s in rows:
        ws.append([c, s])
    wb.save(tmp_path / "r.xlsx")
    mapping = {"fiscal_year": 2568, "agency": "อบต.ทดสอบ", "questions": {c: s for c, s in TEXT_ROWS}}
    (tmp_path / "r.json").write_text(json.dumps(mapping, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "r.txt").write_text("ปีงบประมาณ พ.ศ. ๒๕๖๘\n" + "\n".join(f"{c} หัวข้อ {s}" for c, s in TEXT_ROWS
                                                                       if not s.isalpha() and s != "true"), encoding="utf-8")
    cards = {ext: score(load_results(tmp_path / f"r.{ext}")) for ext in ("csv", "xlsx", "json")}
    for card in cards.values():
        assert card.questions["i1"].score == pytest.approx(88.71)
        assert card.questions["o12"].score == 0 and card.questions["o13"].score == 100 and card.questions["o14"].score == 100
        assert card.agency.name == "อบต.ทดสอบ"
    text = score(load_results(tmp_path / "r.txt"))
    assert text.questions["i1"].score == pytest.approx(88.71) and text.questions["e1"].score == 90


def test_questions_absent_are_unknown_not_zero() -> None:
    from itaplan.ita.loader import from_mapping

    card = score(from_mapping({"fiscal_year": 2568, "questions": {"i1": 60, "i2": 90}, "indicators": {1: 80}}, "x"))
    assert card.indicator(1).score == 80 and card.indicator(1).source == "given"
    assert not any(w.startswith(("indicator 1:", "indicator 1 (")) for w in card.warnings)  # a given score stands
    card = score(from_mapping({"fiscal_year": 2568, "questions": {"i1": 60, "i2": 90}}, "x"))
    # never the mean of the questions that happen to be there: indicator 1 is unknown, and so is the total
    assert card.indicator(1).score is None and card.indicator(1).source == "unknown" and card.total is None
    assert any("only 2 of 3 questions" in w for w in card.warnings)


def test_every_builtin_framework_is_valid_and_complete() -> None:
    assert builtin_years() == [2564, 2565, 2566, 2567, 2568, 2569]
    for year in builtin_years():
        fw = load_framework(year)
        assert [i.number for i in fw.indicators] == list(range(1, 11))
        assert all(q.title for q in fw.questions.values())
        assert sum(fw.weights.values()) == 100
        assert fw.measures_item in fw.questions and fw.report_item in fw.questions
        uncertain = [q for q in fw.questions.values() if q.confidence == "L"]
        if uncertain or fw.confidence == "L":
            assert fw.assumptions, f"{year} relies on uncertain facts but says nothing"


def test_user_framework_file_is_validated(tmp_path: Path) -> None:
    text = (Path(load_framework(2568).source)).read_text(encoding="utf-8")
    bad = text.replace("EIT1: 15", "EIT1: 25").replace("i15:", "x15:")
    path = tmp_path / "fw.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_framework(path=path)
    messages = [str(p) for p in info.value.problems]
    assert any("add up to 110" in m for m in messages)
    assert any("'x15' is not a IIT question code" in m and ":" in m.split(" ")[0] for m in messages)


def test_user_framework_file_used_by_cli(tmp_path: Path) -> None:
    text = Path(load_framework(2568).source).read_text(encoding="utf-8").replace("fiscal_year: 2568", "fiscal_year: 2570")
    (tmp_path / "fy2570.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "r.yaml").write_text("fiscal_year: 2570\nindicators: {1: 90, 2: 90, 3: 90, 4: 90, 5: 90, 6: 90, 7: 90, "
                                     "8: 90, 9: 90, 10: 90}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(tmp_path / "r.yaml"), "--framework-file",
                                       str(tmp_path / "fy2570.yaml"), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["total"] == 90.0


def test_score_json_follows_contract() -> None:
    result = CliRunner().invoke(main, ["score", str(ROOT / "tests/data/example-2568.yaml"), "--format", "json"])
    data = json.loads(result.output)
    assert set(data) >= {"total", "level", "label", "target", "passed", "tools", "indicators"}
    assert set(data["tools"]) == {"IIT", "EIT", "OIT"}
    assert {"number", "name", "score", "previous", "change"} <= set(data["indicators"][0])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789.,%+- ๑๕e", max_size=34))
def test_plain_numbers_read_fast_as_the_general_reader_reads_them(text: str) -> None:
    from itaplan.base.thai import _parse_number, parse_number

    assert parse_number(text) == _parse_number(text)
    assert parse_number("0" * 30) == 0.0 and parse_number("1" * 31) is None and parse_number(".") is None


def test_a_part_written_with_its_word_in_a_thai_table(tmp_path: Path) -> None:
    """A CSV headed ข้อ,คะแนน,ส่วน with parts written 'ส่วนที่ ๑' reads as parts 1 and 2, as 'part 1' does."""
    from itaplan.ita.loader import load_results
    from itaplan.ita.scoring import score

    rows = ["ปีงบประมาณ,๒๕๖๘", "ข้อ,คะแนน,ส่วน"]
    rows += [f"i{n},90," for n in range(1, 16)]
    rows += [f"e{n},{80 + p},ส่วนที่ {'๐๑๒'[p]}" for n in range(1, 10) for p in (1, 2)]
    rows += [f"o{n},100," for n in range(1, 29)]
    path = tmp_path / "thai.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    card = score(load_results(path))
    assert card.tools["EIT1"] == 81 and card.tools["EIT2"] == 82


def test_a_number_with_a_leading_zero_is_decimal() -> None:
    """YAML 1.1 reads 077 as octal 63: a score typed with a leading zero would silently become another score."""
    from itaplan.base.yamlio import loads

    assert loads("a: 077\nb: 010\nc: -012\nd: 0\ne: 0x10\nf: 1_000\n", "x.yaml") == \
        {"a": 77, "b": 10, "c": -12, "d": 0, "e": 16, "f": 1000}
