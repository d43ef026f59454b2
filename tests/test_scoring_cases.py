"""Golden cases: results in, scores out (tests/cases/*.yaml)."""

from __future__ import annotations

import pytest

from engine.scoring import score
from helpers import case_names, case_results, load_case


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
