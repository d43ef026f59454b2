"""lint's lists of codes name each code once, in one spelling, over the years a rule runs in: FY2569's framework
writes its OIT items O15 and the years before o15, and a rule of frameworks: [2568, 2569] on o15 was said "on o15,
O15" (จากข้อ o15, O15), and noted twice as an OIT item under question: (a provincial auditor's trial)."""

from __future__ import annotations

from pathlib import Path

from helpers import office_with
from helpers import run_in as run
from itaplan.ita.framework import shown_code

O15_BOTH_YEARS = ("version: 1\nframeworks: [2568, 2569]\nrules:\n  - id: office.o15\n    title: o15\n    when:\n"
                  "      {kind}: [o15]\n    propose: [{measure}]\n")


def layers(office: Path) -> list[str]:
    return [str(office / "rules"), "--recommendations", str(office / "recommendations")]


def test_a_code_of_two_years_is_listed_once_as_o15(tmp_path: Path) -> None:
    office = office_with(tmp_path, O15_BOTH_YEARS.format(kind="not_met", measure="iit-service-standards"))
    out = run("rules", "lint", *layers(office)).output
    assert "proposes the built-in measure 'iit-service-standards' on O15, of indicator 9" in out, out
    assert "(as the built-in rules on O15 do: " in out, out
    thai = run("rules", "lint", *layers(office), lang="th").output
    assert "จากข้อ O15 ซึ่งอยู่ในตัวชี้วัดที่ 9" in thai, thai
    assert "o15, O15" not in out + thai and "จากข้อ o15" not in thai, thai


def test_an_oit_item_under_question_in_two_years_is_noted_once(tmp_path: Path) -> None:
    office = office_with(tmp_path, O15_BOTH_YEARS.format(kind="question", measure="oit-hr"))
    out = run("rules", "lint", *layers(office)).output
    assert out.count("under question: is an OIT item") == 1, out
    assert "rule 'office.o15': O15 under question: is an OIT item" in out, out


def test_the_one_spelling_of_a_code() -> None:
    assert [shown_code(c) for c in ("o15", "O15", "o๑๕", "E 9", "i1", "x")] == ["O15", "O15", "O15", "e9", "i1", "x"]
