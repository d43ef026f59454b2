"""The durable_rules evaluator and the pure one must find exactly the same on any scores."""

from __future__ import annotations

import pytest
from conftest import TESTS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from itaplan.content.catalogue import load_catalogue
from itaplan.ita.framework import load_framework
from itaplan.ita.loader import from_mapping
from itaplan.ita.scoring import score
from itaplan.ruling.evaluate import PureEvaluator, durable_available
from itaplan.ruling.rulebook import load_rules

pytestmark = pytest.mark.skipif(not durable_available(), reason="durable_rules does not import on this Python")

CATALOGUE = load_catalogue()
RULESETS = {
    "builtin": load_rules(recommendation_ids=CATALOGUE.ids),
    "combo": load_rules([TESTS / "data" / "rules_combo"], CATALOGUE.ids),
}
EVALUATORS: dict = {}


def evaluators(name: str):
    if name not in EVALUATORS:
        from itaplan.ruling.durable_engine import DurableEvaluator

        EVALUATORS[name] = (PureEvaluator(RULESETS[name]), DurableEvaluator(RULESETS[name]))
    return EVALUATORS[name]


scores = st.one_of(st.sampled_from([0.0, 50.0, 79.99, 80.0, 84.99, 85.0, 90.0, 100.0]),
                   st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda x: round(x, 2)))


@st.composite
def results(draw: st.DrawFn) -> dict:
    year = draw(st.sampled_from([2564, 2566, 2568, 2569]))
    fw = load_framework(year)
    questions = []
    for code, q in fw.questions.items():
        if draw(st.integers(0, 9)) == 0:
            continue  # some questions unknown
        if q.tool == "OIT":
            questions.append({"code": code, "score": draw(st.sampled_from([0, 100]))})
        elif q.tool == "EIT" and fw.two_parts:
            questions.append({"code": code, "part": 1, "score": draw(scores)})
            questions.append({"code": code, "part": 2, "score": draw(scores)})
        else:
            questions.append({"code": code, "score": draw(scores)})
    if not questions:
        questions.append({"code": next(iter(fw.questions)), "score": draw(scores)})
    data = {"fiscal_year": year, "questions": questions,
            "indicators": {n: draw(scores) for n in range(1, 11) if draw(st.booleans())}}
    if draw(st.booleans()):
        data["previous"] = {"fiscal_year": year - 1, "indicators": {n: draw(scores) for n in range(1, 11)}}
    return data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=results(), which=st.sampled_from(["builtin", "combo"]))
def test_same_findings_on_random_scores(data: dict, which: str) -> None:
    card = score(from_mapping(data, "random.yaml"))
    pure, durable = evaluators(which)
    assert durable.evaluate(card) == pure.evaluate(card)


def test_join_binds_distinct_facts() -> None:
    data = {"fiscal_year": 2568, "questions": {"i1": 80, "i2": 60, "i3": 100, "i4": 100}}
    card = score(from_mapping(data, "x"))
    pure, durable = evaluators("combo")
    found = {f.rule_id: f for f in pure.evaluate(card)}
    # i2 (60) can satisfy both atoms, but one fact cannot bind twice: i1 takes the first atom, i2 the second.
    assert {f["code"] for f in found["combo.all-two-questions"].facts} == {"i1", "i2"}
    assert durable.evaluate(card) == pure.evaluate(card)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(many=st.lists(results(), min_size=2, max_size=6), which=st.sampled_from(["builtin", "combo"]))
def test_one_session_for_many_agencies_finds_what_each_alone_finds(many: list[dict], which: str) -> None:
    # agencies of several years share durable_rules sessions; a join never combines two agencies' facts
    cards = [score(from_mapping(data, f"random{i}.yaml")) for i, data in enumerate(many)]
    pure, durable = evaluators(which)
    assert durable.evaluate_many(cards) == [pure.evaluate(card) for card in cards]


def test_a_join_never_combines_two_agencies() -> None:
    # agency A only meets the rule's first atom (i1 below 90), agency B only its second (i4 below 70)
    a = score(from_mapping({"fiscal_year": 2568, "questions": {"i1": 80, "i2": 100, "i3": 100, "i4": 100}}, "a"))
    b = score(from_mapping({"fiscal_year": 2568, "questions": {"i1": 100, "i2": 100, "i3": 100, "i4": 60}}, "b"))
    pure, durable = evaluators("combo")
    found = durable.evaluate_many([a, b, a])
    assert all("combo.all-two-questions" not in {f.rule_id for f in findings} for findings in found)
    assert found == [pure.evaluate(a), pure.evaluate(b), pure.evaluate(a)]
