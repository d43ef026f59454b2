"""Wording found in a fresh trial: clauses joined as Thai joins them, spacing, digits, the interface's language."""

from __future__ import annotations

from itaplan.app.session import Session
from itaplan.ita.loader import from_mapping
from itaplan.ita.scoring import score

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
