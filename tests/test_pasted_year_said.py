"""Web trial: results pasted with the year only as "ปี 2569" in their heading ("ผลการประเมิน ITA ปี 2569") were refused
"ไม่พบปีงบประมาณ…". A heading line above the scores that names the ITA or the assessment gives the year so too
("ปี 2569", "ปี พ.ศ. ๒๕๖๙"); a "ปี" of any other line does not, and a line saying ปีงบประมาณ still decides."""

from __future__ import annotations

import pytest
from conftest import ROOT
from itaplan.base.errors import InputError
from itaplan.ita.pasted import from_text

ITAS = (ROOT / "examples" / "itas.txt").read_text(encoding="utf-8")
HEADING = "ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"


@pytest.mark.parametrize("heading", ["ผลการประเมิน ITA ปี 2568", "ผลการประเมิน ITA ปี พ.ศ. ๒๕๖๘",
                                     "การประเมินคุณธรรมและความโปร่งใส (ITA) ปี2568"])
def test_a_heading_naming_the_assessment_gives_the_year_as_pi(heading: str) -> None:
    assert HEADING in ITAS
    assert from_text(ITAS.replace(HEADING, heading), "pasted.txt").framework.fiscal_year == 2568


@pytest.mark.parametrize("heading", ["รายงานของหน่วยงาน ปี 2568", "ผลการประเมิน ITA"])
def test_a_pi_year_elsewhere_is_refused_as_before(heading: str) -> None:
    with pytest.raises(InputError) as refused:
        from_text(ITAS.replace(HEADING, heading), "pasted.txt")
    assert "fiscal year" in str(refused.value) or "ปีงบประมาณ" in str(refused.value)


def test_a_line_saying_the_fiscal_year_decides_over_a_pi_year() -> None:
    text = ITAS.replace(HEADING, "ผลการประเมิน ITA ปี 2567\nประจำปีงบประมาณ พ.ศ. 2568")
    assert from_text(text, "pasted.txt").framework.fiscal_year == 2568
