"""A newcomer's third trial of typed results: EIT part headings as itaplan's own documents print them
(แบบวัด EIT ส่วนที่ 1), the result label as an analysis says it (อยู่ในระดับผ่านดี), OIT codes of another year's list,
and an ASCII zero or an l typed for the letters o and i."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from itaplan.base.errors import InputError
from itaplan.cli import main
from itaplan.ita.loader import load_results
from itaplan.ita.pasted import from_text
from itaplan.ita.scoring import score

ROOT = Path(__file__).resolve().parents[1]
NASING = ROOT / "tests" / "data" / "nasing2569.txt"
PART1 = "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก ส่วนที่ ๑ (EIT Public)"
PART2 = "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก ส่วนที่ ๒ (EIT Survey)"


def nasing(*changes: tuple[str, str]) -> str:
    text = NASING.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new, 1)
    return text


@pytest.mark.parametrize("first, second", [
    ("แบบวัด EIT ส่วนที่ 1", "แบบวัด EIT ส่วนที่ 2"), ("EIT ส่วนที่ 1", "EIT ส่วนที่ 2"), ("EIT ส่วนที่ ๑", "EIT ส่วนที่ ๒"),
    ("แบบวัด EIT ส่วนที่1", "แบบวัด EIT ส่วนที่2"), ("EIT part 1", "EIT part 2"), ("ส่วนที่ 1", "ส่วนที่ 2"),
    ("คะแนน EIT ส่วนที่ 1 คะแนน", "คะแนน EIT ส่วนที่ 2 คะแนน")])
def test_an_eit_part_heading_with_or_without_its_tools_name_sets_the_part(first: str, second: str) -> None:
    res = from_text(nasing((PART1, first), (PART2, second)), "h.txt")
    by = {(q.code, q.part) for q in res.questions}
    assert {("e1", 1), ("e1", 2), ("e9", 1), ("e9", 2)} <= by
    assert "EIT" not in res.tools  # the part's number is no EIT score


def test_the_trials_file_is_read_and_a_part_score_still_is() -> None:
    text = nasing((PART1, "แบบวัด EIT ส่วนที่ 1"), (PART2, "แบบวัด EIT ส่วนที่ 2"))
    card = score(from_text(text, "h.txt"))
    assert card.tools["EIT1"] is not None and card.tools["EIT2"] is not None
    res = from_text("fiscal_year: 2569\nEIT ส่วนที่ 1 88.50\nEIT ส่วนที่ 2 คะแนน 90\nแบบวัด EIT 89\n", "t.txt")
    assert res.tools == {"EIT1": 88.5, "EIT2": 90.0, "EIT": 89.0}


@pytest.mark.parametrize("line, label", [
    ("คะแนนในภาพรวมอยู่ที่ ๘๘.๕๑ คะแนน อยู่ในระดับผ่านดี", "ผ่านดี"), ("อยู่ในระดับผ่านดี", "ผ่านดี"),
    ("อยู่ในระดับผ่านดีเยี่ยม", "ผ่านดีเยี่ยม"), ("ผ่านดี", "ผ่านดี"), ("ระดับ ผ่านดี", "ผ่านดี"),
    ("ผลการประเมิน ผ่าน", "ผ่าน"), ("อยู่ในระดับไม่ผ่าน", "ไม่ผ่าน"), ("คะแนนรวม ๘๘.๔๐ ในระดับผ่าน.", "ผ่าน"),
    ("มีผลการประเมินอยู่ในระดับผ่านดีและบรรลุค่าเป้าหมาย", "ผ่านดี")])
def test_the_label_is_read_as_an_analysis_or_an_officer_writes_it(line: str, label: str) -> None:
    res = from_text(f"{nasing()}\n{line}\n", "n.txt")
    assert res.label == label


@pytest.mark.parametrize("line", ["ผลการประเมินอยู่ในระดับผ่านเกณฑ์", "คะแนนรวมผ่านค่าเป้าหมาย", "ผ่าน", "ไม่ผ่าน",
                                  "คะแนนในภาพรวมผ่านเกณฑ์ที่กำหนด", "ผลการประเมินผ่านค่าเป้าหมาย",
                                  "อยู่ในระดับผ่านเกณฑ์", "ความเสี่ยงอยู่ในระดับ A"])
def test_prose_saying_passed_is_no_label(line: str) -> None:
    res = from_text(f"{nasing()}\n{line}\n", "n.txt")
    assert res.label is None


def test_the_seeds_and_trial_files_read_the_label_they_say() -> None:
    seed = next(Path("/work/shared/seeds").glob("000_*.txt"), None)
    if seed is not None:
        assert from_text(seed.read_text(encoding="utf-8"), seed.name).label == "ผ่านดี"
    assert from_text(NASING.read_text(encoding="utf-8"), NASING.name).label is None  # it says none


def test_the_drafts_label_warning_says_how_to_give_it_in_a_text_file(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    # a total, and a tool without its score: the label cannot be decided
    no_o26 = nasing(("O26\tรายการที่ 26\tไม่ผ่าน\n", "")) + "คะแนนรวม ๘๘.๔๐\n"
    path.write_text(no_o26, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["draft", str(path), "-o", str(tmp_path / "plan.yaml")])
    said = " ".join(result.output.split())
    assert "check the label ITAS shows" in said, said
    assert "in a text file a line ผลการประเมิน: ผ่านดี, or อยู่ในระดับผ่านดี" in said
    path.write_text(f"{no_o26}ผลการประเมิน: ผ่านดี\n", encoding="utf-8")
    assert from_text(path.read_text(encoding="utf-8"), "r.txt").label == "ผ่านดี"  # the line it advises is read


def fy2569_codes_under(year: str) -> str:
    return nasing(("ประจำปีงบประมาณ พ.ศ. ๒๕๖๙", f"ประจำปีงบประมาณ พ.ศ. {year}"))


def test_fy2569_oit_codes_under_fy2568_are_said_to_look_like_fy2569s() -> None:
    res = from_text(fy2569_codes_under("๒๕๖๘"), "y.txt")
    said = [str(w) for w in res.warnings]
    assert any("look like" in s and "FY2569" in s and "o27, o28" in s and "check the fiscal year" in s
               for s in said), said


def test_fy2569_oit_codes_under_fy2568_in_yaml_and_csv(tmp_path: Path) -> None:
    (tmp_path / "y.yaml").write_text("fiscal_year: 2568\nquestions:\n" + "".join(
        f"  O{i}: ผ่าน\n" for i in range(1, 27)), encoding="utf-8")
    (tmp_path / "y.csv").write_text("code,score\nปีงบประมาณ,2568\n" + "".join(
        f"O{i},ผ่าน\n" for i in range(1, 27)), encoding="utf-8")
    for name in ("y.yaml", "y.csv"):
        said = [str(w) for w in load_results(tmp_path / name).warnings]
        assert any("the whole OIT list of FY2569" in s and "check the fiscal year" in s for s in said), (name, said)


@pytest.mark.parametrize("codes", [range(1, 26), range(1, 29), [*range(1, 26), 27]])
def test_no_other_year_is_named_without_clear_evidence(tmp_path: Path, codes: range) -> None:
    # fewer items than FY2569's list, this year's whole list, or an item beyond the other year's: nothing said
    (tmp_path / "y.yaml").write_text("fiscal_year: 2568\nquestions:\n" + "".join(
        f"  o{i}: ผ่าน\n" for i in codes), encoding="utf-8")
    assert not [w for w in load_results(tmp_path / "y.yaml").warnings if "look like" in str(w)]


@pytest.mark.parametrize("typed, meant", [("027", "o27"), ("l1", "i1"), ("l 1", "i1"), ("ol0", "o10")])
def test_a_zero_or_an_l_for_the_letter_is_refused_with_did_you_mean(typed: str, meant: str) -> None:
    text = "fiscal_year: 2568\ni2 ข้อคำถาม 90\n" + f"{typed} ข้อคำถาม {'ผ่าน' if meant[0] == 'o' else '88.71'}\n"
    with pytest.raises(InputError) as caught:
        from_text(text, "z.txt")
    said = [str(p) for p in caught.value.problems]
    assert any(":3:" in s and f"'{typed}'" in s and f"did you mean {meant}?" in s for s in said), said


def test_words_starting_with_l_are_no_code() -> None:
    res = from_text("fiscal_year: 2568\ni1 ข้อคำถาม 90\nlevel: A\nlabel: ผ่านดี\nLine 1 of 2 ผ่าน\n", "p.txt")
    assert res.level == "A" and res.label == "ผ่านดี"
    assert not re.search("did you mean", " ".join(str(w) for w in res.warnings))


def test_a_question_line_without_its_score_does_not_swallow_the_next_parts_heading(tmp_path) -> None:
    """"e9 86..96" then "ส่วนที่ 2": the heading was read as the wrapped line's score (2), and every part-2 line was
    said to be given twice (newcomer's fourth trial). The mistyped score is named at its line; a line with no score
    at all is told, and the heading still starts part 2."""
    from click.testing import CliRunner
    from itaplan.cli import main

    text = ("ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2569\nองค์การบริหารส่วนตำบลทดสอบ\nส่วนที่ 1\ne9 บริการออนไลน์\n"
            "ส่วนที่ 2\ne9 82.00\n")
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(path)], env={"ITAPLAN_LANG": "en"})
    assert "given twice" not in result.output and "r.txt:4: starts with the code 'e9'" in " ".join(result.output.split())
