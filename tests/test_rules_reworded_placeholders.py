"""A reworded sentence that drops a placeholder of its built-in wording (provincial auditor's trial: an office's
row_point_threshold without {part} was accepted, and the plan printed "ข้อ e4 ได้ 86.02 …" and "ข้อ e4 ได้ 88.20 …",
which cannot be told apart): validate refuses one that drops a figure, a code or an EIT part, at the key; lint notes
one that drops anything else, and a reworded sentence whose _parts sibling keeps the built-in words."""

from __future__ import annotations

from pathlib import Path

from helpers import office_with, run_in

NO_PART = """version: 1
texts:
  row_point_threshold: "ข้อ {code} ได้ {score} คะแนน แม้ถึงค่าเป้าหมาย {target} แต่ยังต่ำกว่าเกณฑ์ {threshold} {set_by}"
"""
NO_SET_BY = """version: 1
texts:
  row_point_threshold: "ข้อ {code}{part} ได้ {score} คะแนน แม้ถึงค่าเป้าหมาย {target} แต่ยังต่ำกว่าเกณฑ์ {threshold}"
"""


def test_validate_refuses_a_reworded_text_that_drops_part_at_its_key(tmp_path: Path) -> None:
    office = office_with(tmp_path, recommendations=NO_PART)
    done = run_in("rules", "validate", str(office / "rules"), "--recommendations", str(office / "recommendations"))
    assert done.exit_code == 1, done.output
    own = office / "recommendations" / "own.yaml"
    assert f"{own}:3:3: texts: the sentence 'row_point_threshold' leaves out {{part}}, a figure, a code or an EIT part" \
        in " ".join(done.output.split())


def test_lint_notes_a_dropped_name_and_the_parts_sibling_left_in_built_in_words(tmp_path: Path) -> None:
    office = office_with(tmp_path, recommendations=NO_SET_BY)
    args = (str(office / "rules"), "--recommendations", str(office / "recommendations"))
    assert run_in("rules", "validate", *args).exit_code == 0  # {set_by} is no figure: not an error
    done = run_in("rules", "lint", *args)
    said = " ".join(done.output.split())
    own = office / "recommendations" / "own.yaml"
    assert f"{own}:3:3: note: texts: the sentence 'row_point_threshold' leaves out {{set_by}}" in said
    assert (f"{own}:3:3: note: texts: 'row_point_threshold' is reworded but its sibling 'row_point_threshold_parts' "
            "is not") in said
    both = NO_SET_BY + "  row_point_threshold_parts: 'ข้อ {code} {scores} แม้ถึงค่าเป้าหมาย {target} " \
                       "แต่ยังต่ำกว่าเกณฑ์ {threshold} {set_by}'\n"
    (office / "recommendations" / "own.yaml").write_text(both, encoding="utf-8")
    assert "sibling" not in run_in("rules", "lint", *args).output
