"""Golden cases: results in, scores out (tests/cases/*.yaml)."""

from __future__ import annotations

import pytest
from helpers import case_names, case_results, load_case
from itaplan.ita.scoring import score


@pytest.mark.parametrize("name", case_names())
def test_case_scores(name: str) -> None:
    case = load_case(name)
    card = score(case_results(case, name))
    got = card.to_dict()
    expect = case["expect"].get("scores", {})
    for key in ("total", "level", "label", "passed"):
        if key in expect:
            assert got[key] == expect[key], key
    for key in ("tools", "weighted_tools"):
        for tool, value in expect.get(key, {}).items():
            assert got[key][tool] == value, (key, tool)
    by_number = {i["number"]: i for i in got["indicators"]}
    for number, value in expect.get("indicators", {}).items():
        assert by_number[int(number)]["score"] == value, f"indicator {number}"
    for number, value in expect.get("changes", {}).items():
        assert by_number[int(number)]["change"] == value, f"change {number}"
    for number, value in expect.get("relative_changes", {}).items():
        assert by_number[int(number)]["relative_change"] == pytest.approx(value, abs=1e-4)
    if "warnings" in expect:
        assert got["warnings"] == expect["warnings"]
    if "agency" in case["expect"]:
        assert card.agency.name == case["expect"]["agency"]


def test_a_label_is_decided_when_a_partless_eit_mean_already_rules_the_higher_ones_out() -> None:
    """FY2568 needs every tool (each EIT part) at 85 for ผ่านดี. With EIT given without its parts, a mean below 85
    means some part is below 85: ผ่านดี and ผ่านดีเยี่ยม fail and the label is ผ่าน. A mean of 85 or more
    decides nothing (the parts may be 80 and 100): the label stays unknown, and says so."""
    from itaplan.ita.framework import load_framework
    from itaplan.ita.loader import from_mapping
    from itaplan.ita.scoring import score

    fw = load_framework(2568)

    def card(eit: float):
        questions = {code: (100 if q.tool == "OIT" else 95.0 if q.tool == "IIT" else eit) for code, q in fw.questions.items()}
        return score(from_mapping({"fiscal_year": 2568, "questions": questions}, "x"))

    low = card(80.0)
    assert low.total is not None and low.total >= 85 and low.label == "ผ่าน"
    assert not any(n.key == "label_unknown" for n in low.notes)
    high = card(90.0)
    assert high.label is None and any(n.key == "label_unknown" for n in high.notes)
