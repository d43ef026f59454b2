"""Wording found in a fresh trial: clauses joined as Thai joins them, spacing, digits, the interface's language."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from itaplan.app.amend import add_from_catalogue
from itaplan.app.session import Session
from itaplan.base.thai import spaced
from itaplan.content.texts import Texts
from itaplan.drafting.plan import save_plan
from itaplan.ita.loader import from_mapping
from itaplan.ita.scoring import score
from itaplan.render.cards import card_fields, card_owner

SESSION = Session(engine="pure")


def _watch_lines(questions: dict[str, float], previous: dict[int, float]) -> list[str]:
    results = from_mapping({"fiscal_year": 2568, "questions": [{"code": c, "score": s} for c, s in questions.items()],
                            "previous": {"fiscal_year": 2567, "indicators": previous}}, "x.yaml")
    plan = SESSION.plan(score(results))
    return next(c for c in plan["analysis"]["categories"] if c["key"] == "watch")["lines"]


def test_a_watched_indicator_says_each_reason_as_a_whole_clause_joined_by_and() -> None:
    """"…ได้แก่ i4 คะแนนลดลงตั้งแต่ 5 คะแนน" ran two facts together, as if i4's score had fallen: the fall is the
    indicator's, said as its own clause after "และ"; two codes are joined by "และ" as the documents' lists are."""
    questions = {"i4": 80, "i5": 100, "i6": 100, "i13": 80, "i14": 84, "i15": 100}
    lines = _watch_lines(questions, {2: 99, 5: 99})
    budget = next(line for line in lines if line.startswith("ตัวชี้วัดที่ 2 "))
    assert budget.endswith("มีข้อที่ได้คะแนนต่ำกว่า 85 คะแนน ได้แก่ i4 และคะแนนของตัวชี้วัดลดลงตั้งแต่ 5 คะแนน"), budget
    fight = next(line for line in lines if line.startswith("ตัวชี้วัดที่ 5 "))
    assert "ได้แก่ i13 และ i14 และคะแนนของตัวชี้วัดลดลงตั้งแต่ 5 คะแนน" in fight, fight


def test_an_added_catalogue_measures_card_spaces_its_title_and_names_its_owner_once(tmp_path: Path) -> None:
    """The No Gift measure added by the officer: "(No Gift Policy)ขึ้นเอง" had no space after the parenthesis, and
    its owner "นายกองค์การบริหารส่วนตำบลและปลัดองค์การบริหารส่วนตำบล องค์การบริหารส่วนตำบลห้วยทราย" named the
    agency's kind twice over; a unit's owner still names its agency ("สำนักปลัด องค์การบริหารส่วนตำบลห้วยทราย")."""
    plan_file = tmp_path / "plan.yaml"
    save_plan(SESSION.plan(SESSION.scorecard(ROOT / "tests" / "data" / "example-2568.yaml")), plan_file)
    plan = add_from_catalogue(plan_file, "oit-no-gift-policy", SESSION.catalogue)
    measure = next(m for m in plan["measures"] if m["id"] == "oit-no-gift-policy")
    fields = card_fields(measure, plan, Texts(SESSION.catalogue))
    assert "(No Gift Policy) ขึ้นเอง" in fields["rationale"], fields["rationale"]
    assert fields["owner"] == "นายกองค์การบริหารส่วนตำบลและปลัดองค์การบริหารส่วนตำบล", fields["owner"]
    assert card_owner("สำนักปลัด", "องค์การบริหารส่วนตำบลห้วยทราย") == "สำนักปลัด องค์การบริหารส่วนตำบลห้วยทราย"
    assert card_owner("ปลัดเทศบาล", "เทศบาลตำบลบ้านใหม่") == "ปลัดเทศบาล"


def test_a_space_is_put_after_a_closing_parenthesis_or_latin_word_before_thai_but_not_in_a_link() -> None:
    assert spaced("มาตรการ (No Gift Policy)ขึ้นเอง") == "มาตรการ (No Gift Policy) ขึ้นเอง"
    assert spaced("ระบบ e-Serviceได้") == "ระบบ e-Service ได้"
    assert spaced("ข้อ O๖ และ O๑๔") == "ข้อ O๖ และ O๑๔"  # a code in Thai digits stays as it is
    assert spaced("ดู https://www.example.go.th/newsข่าว ได้") == "ดู https://www.example.go.th/newsข่าว ได้"
