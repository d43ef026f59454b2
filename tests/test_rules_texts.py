"""An office's rewording of a sentence of the documents (texts:): each placeholder is one drafting fills in that
sentence, each figure or code of the built-in sentence is kept, and `rules texts` says what they are (a provincial
auditor's trial: {codee} validated and was printed as typed; a rewording without {code} published a row that no
longer named the question)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from itaplan.cli import main

EXAMPLE = str(Path(__file__).parent.parent / "examples" / "province_wide-2569.csv")
PLACEHOLDERS = "{code}, {part}, {score}, {target}, {threshold}"


def _workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sentence: str, key: str = "row_point_threshold"
               ) -> Path:
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(main, ["init", "office"]).exit_code == 0
    ws = tmp_path / "office"
    office = ws / "recommendations" / "office.yaml"
    office.write_text(office.read_text(encoding="utf-8") + f"  {key}: {sentence}\n", encoding="utf-8")
    monkeypatch.chdir(ws)
    return office


def _line_of(path: Path, key: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if f"  {key}:" in line)


def test_a_placeholder_the_sentence_is_not_filled_with_is_refused_where_it_is_written(tmp_path, monkeypatch) -> None:
    office = _workspace(tmp_path, monkeypatch, "ข้อ {codee}{part} ได้ {score} คะแนน ถึงค่าเป้าหมาย {target} แล้ว "
                                               "แต่ต่ำกว่าเกณฑ์ {threshold} ที่จังหวัดกำหนด")
    runner = CliRunner()
    result = runner.invoke(main, ["rules", "validate"])
    assert result.exit_code == 1, result.output
    line = _line_of(office, "row_point_threshold")
    column = office.read_text(encoding="utf-8").splitlines()[line - 1].index("{codee}") + 1
    assert f"office.yaml:{line}:{column}: texts: the sentence 'row_point_threshold': {{codee}} is not one of its " \
           "placeholders" in result.output, result.output
    assert "did you mean {code}?" in result.output and f"its placeholders: {PLACEHOLDERS}" in result.output
    assert "leaves out" not in result.output and "1 problem found" in result.output  # one typo, said once
    drafted = runner.invoke(main, ["draft", EXAMPLE, "--agency", "ท่าช้าง", "-o", str(tmp_path / "plan.md")])
    assert drafted.exit_code != 0 and "{codee}" in drafted.output and not (tmp_path / "plan.md").exists()
    thai = runner.invoke(main, ["--lang", "th", "rules", "validate"], env={"ITAPLAN_LANG": "en"})
    assert thai.exit_code == 1 and "ไม่ใช่ตัวแทนค่าของประโยคนี้" in thai.output and "หมายถึง {code} หรือไม่" in thai.output


def test_a_rewording_that_leaves_out_a_figure_or_a_code_is_refused_naming_them(tmp_path, monkeypatch) -> None:
    office = _workspace(tmp_path, monkeypatch, "ถึงค่าเป้าหมายแล้ว แต่ต่ำกว่าเกณฑ์ {threshold} ที่จังหวัดกำหนด")
    runner = CliRunner()
    result = runner.invoke(main, ["rules", "validate"])
    assert result.exit_code == 1, result.output
    line = _line_of(office, "row_point_threshold")
    assert f"office.yaml:{line}:3: texts: the sentence 'row_point_threshold' leaves out {{code}}, {{part}}, " \
           "{score}, {target}, a figure, a code or an EIT part" in " ".join(result.output.split()), result.output
    assert f"its placeholders: {PLACEHOLDERS}" in result.output
    assert runner.invoke(main, ["rules", "lint"]).exit_code != 0
    thai = runner.invoke(main, ["--lang", "th", "rules", "validate"], env={"ITAPLAN_LANG": "en"})
    assert thai.exit_code == 1 and "ไม่มี {code}, {part}, {score}, {target} ซึ่งเป็นตัวเลข รหัส" in thai.output, thai.output


@pytest.mark.parametrize(("key", "sentence"), [
    ("row_point_threshold", "ข้อ {code}{part} ได้ {score} คะแนน ถึงค่าเป้าหมาย {target} แล้ว แต่ต่ำกว่าเกณฑ์ "
                            "{threshold} ที่จังหวัดกำหนด"),
    # {part} kept: without it the rows of a question's two EIT parts read alike (refused, test_rules_reworded_placeholders)
    ("row_point_threshold", "ข้อ {code}{part} ได้ {score} คะแนน (เป้าหมาย {target} เกณฑ์จังหวัด {threshold})"),
    ("publish_monthly", "โดยเผยแพร่ข้อมูลของแต่ละเดือนภายใน {month}"),  # a placeholder the code fills, not printed
    ("no_data", "ไม่มีข้อมูลคะแนน"),
])
def test_a_rewording_with_the_sentences_placeholders_is_taken(tmp_path, monkeypatch, key: str, sentence: str) -> None:
    _workspace(tmp_path, monkeypatch, sentence, key)
    result = CliRunner().invoke(main, ["rules", "validate"])
    assert result.exit_code == 0, result.output


def test_rules_texts_lists_each_sentence_with_its_placeholders_and_wording() -> None:
    runner = CliRunner()
    every = runner.invoke(main, ["rules", "texts"])
    assert every.exit_code == 0
    assert "row_point_threshold  {code} {part} {score} {target} {threshold} {set_by}\n  ข้อ {code}{part} ได้ {score} คะแนน" \
           in every.output
    assert "agency_fallback  placeholders: none\n" in every.output and "publish_monthly  {month}\n" in every.output
    one = runner.invoke(main, ["--lang", "th", "rules", "texts", "row_point_threshold"], env={"ITAPLAN_LANG": "en"})
    assert one.exit_code == 0 and one.output.splitlines()[0] == "row_point_threshold  {code} {part} {score} {target} " \
                                                                "{threshold} {set_by}"
    assert len(one.output.splitlines()) == 2
    wrong = runner.invoke(main, ["--lang", "th", "rules", "texts", "row_point_treshold"], env={"ITAPLAN_LANG": "en"})
    assert wrong.exit_code == 2 and "row_point_threshold" in wrong.output and "ไม่ใช่ชื่อของประโยคใดในเอกสาร" in wrong.output


def test_rules_diff_sees_a_sentence_reworded_under_texts(tmp_path, monkeypatch) -> None:
    """Only a texts: rewording changes: the rows that print that sentence are said to change (diff said 0)."""
    import json

    _workspace(tmp_path, monkeypatch, "'ข้อ {code}{part} ได้คะแนน {score} (ต่ำกว่าเป้าหมาย)'", "row_point")
    runner = CliRunner()
    assert runner.invoke(main, ["rules", "validate"]).exit_code == 0
    data = json.loads(runner.invoke(main, ["rules", "diff", EXAMPLE, "--format", "json"]).output)
    changed = [m for a in data["agencies"] for m in a["changed"]]
    assert data["summary"]["affected"] > 0 and changed
    assert all(m["fields"] == ["cell"] for m in changed), changed
    after = " ".join(changed[0]["changes"]["cell"]["after"])
    assert "ได้คะแนน" in after and "(ต่ำกว่าเป้าหมาย)" in after
    assert all("ได้คะแนน" not in line for line in changed[0]["changes"]["cell"]["before"])
    said = runner.invoke(main, ["--lang", "th", "rules", "diff", EXAMPLE], env={"ITAPLAN_LANG": "en"})
    assert said.exit_code == 0 and "ตัวชี้วัดและข้อที่ต้องพัฒนา" in said.output, said.output
    assert f"{data['summary']['affected']} จาก {data['summary']['agencies']}" in said.output, said.output
