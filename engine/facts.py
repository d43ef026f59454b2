"""Narrow facts from a scorecard: what the rules match on (both evaluators see exactly these).

Every figure is the published one, to two decimals, so that a rule never fires on 84.995 that the document
prints as 85.00.
"""

from __future__ import annotations

from .scoring import Scorecard, r2

Fact = dict  # {"id", "kind", ...}: at most eight plain properties, far below durable_rules' limits


def build_facts(card: Scorecard) -> list[Fact]:
    fw = card.framework
    facts: list[Fact] = []

    def add(kind: str, **fields: object) -> None:
        facts.append({"id": f"f{len(facts) + 1}", "kind": kind, **fields})

    for q in card.questions.values():
        for part, value in q.entries():  # an EIT question is one fact per part given, never their mean
            add("question", code=q.code, part=part, score=r2(value), indicator=q.indicator, tool=q.tool)
    for ind in card.indicators:
        if ind.score is not None:
            add("indicator", number=ind.number, score=r2(ind.score), source=ind.source, tool=ind.tool)
    tools = dict(card.tools)
    if fw.two_parts:
        tools["EIT"] = card.eit_display
    for name, value in tools.items():
        if value is not None:
            add("tool", name=name, score=r2(value))
    if card.total is not None:
        add("total", score=r2(card.total))
        if card.total_change is not None:
            add("change", subject="total", number=0, delta=r2(r2(card.total) - r2(card.previous_total)))
    for ind in card.indicators:
        if ind.change is not None:
            add("change", subject="indicator", number=ind.number, delta=r2(r2(ind.score) - r2(ind.previous)))
    for tool in ("IIT", "EIT", "OIT"):
        entries = [(q.code, part, value) for q in card.questions.values() if q.tool == tool for part, value in q.entries()]
        ranked = sorted(entries, key=lambda e: e[2])  # stable: framework order, then part, on ties
        for rank, (code, part, value) in enumerate(ranked, start=1):
            add("rank", tool=tool, code=code, part=part, rank=rank, score=r2(value))
    return facts
