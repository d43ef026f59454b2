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


