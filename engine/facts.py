"""Narrow facts from a scorecard: what the rules match on (both evaluators see exactly these)."""

from __future__ import annotations

from .scoring import Scorecard

Fact = dict  # {"id", "kind", ...}: at most eight plain properties, far below durable_rules' limits


def build_facts(card: Scorecard) -> list[Fact]:
    fw = card.framework
    facts: list[Fact] = []

    def add(kind: str, **fields: object) -> None:
        facts.append({"id": f"f{len(facts) + 1}", "kind": kind, **fields})

    for q in card.questions.values():
        if not q.known:
            continue
        if q.parts and q.parts_given:
            for part, value in sorted(q.parts.items()):
                add("question", code=q.code, part=part, score=value, indicator=q.indicator, tool=q.tool)
        else:
            add("question", code=q.code, part=0, score=q.score, indicator=q.indicator, tool=q.tool)
    for ind in card.indicators:
        if ind.score is not None:
            add("indicator", number=ind.number, score=ind.score, source=ind.source, tool=ind.tool)
    tools = dict(card.tools)
    if fw.two_parts:
        tools["EIT"] = card.display_tools["EIT"]
    for name, value in tools.items():
        if value is not None:
            add("tool", name=name, score=value)
    if card.total is not None:
        add("total", score=card.total)
        if card.total_change is not None:
            add("change", subject="total", number=0, delta=card.total_change)
    for ind in card.indicators:
        if ind.change is not None:
            add("change", subject="indicator", number=ind.number, delta=ind.change)
    for tool in ("IIT", "EIT", "OIT"):
        ranked = sorted((q for q in card.questions.values() if q.known and q.tool == tool),
                        key=lambda q: q.score)  # type: ignore[arg-type,return-value]  # stable: framework order on ties
        for rank, q in enumerate(ranked, start=1):
            add("rank", tool=tool, code=q.code, rank=rank, score=q.score)
    return facts
