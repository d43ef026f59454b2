"""Narrow facts from a scorecard: what the rules match on (both evaluators see exactly these).

Every figure is the published one, to two decimals, so that a rule never fires on 84.995 that the document
prints as 85.00.
"""

from __future__ import annotations

from itaplan.ita.scoring import Scorecard, r2

Fact = dict  # {"id", "kind", ...}: at most eight plain properties, far below durable_rules' limits


def build_facts(card: Scorecard, ranks: bool = True) -> list[Fact]:
    """The facts of a scorecard; ``ranks``: with each question's rank in its tool (made last, so that leaving
    them out changes no other fact's id)."""
    fw = card.framework
    facts: list[Fact] = []
    add = facts.append
    by_tool: dict[str, list[tuple[str, int, float]]] = {"IIT": [], "EIT": [], "OIT": []}
    for q in card.questions.values():
        given = q.entries()
        if not given:
            continue
        for part, value in given:  # an EIT question is one fact per part given, never their mean
            add({"id": f"f{len(facts) + 1}", "kind": "question", "code": q.code, "part": part, "score": r2(value),
                 "indicator": q.indicator, "tool": q.tool})
        if ranks and q.tool in by_tool:
            by_tool[q.tool] += [(q.code, part, value) for part, value in given]
    for ind in card.indicators:
        if ind.score is not None:
            add({"id": f"f{len(facts) + 1}", "kind": "indicator", "number": ind.number, "score": r2(ind.score),
                 "source": ind.source, "tool": ind.tool})
    tools: dict[str, float | None] = dict(card.tools)
    if fw.two_parts:
        tools["EIT"] = card.eit_display
    for name, tool_score in tools.items():
        if tool_score is not None:
            add({"id": f"f{len(facts) + 1}", "kind": "tool", "name": name, "score": r2(tool_score)})
    if card.total is not None:
        add({"id": f"f{len(facts) + 1}", "kind": "total", "score": r2(card.total)})
        if card.total_change is not None:
            add({"id": f"f{len(facts) + 1}", "kind": "change", "subject": "total", "number": 0,
                 "delta": r2(r2(card.total) - r2(card.previous_total))})  # type: ignore[operator]
    for ind in card.indicators:
        if ind.change is not None:
            add({"id": f"f{len(facts) + 1}", "kind": "change", "subject": "indicator", "number": ind.number,
                 "delta": r2(r2(ind.score) - r2(ind.previous))})  # type: ignore[operator]
    if not ranks:
        return facts
    for tool, entries in by_tool.items():
        ranked = sorted(entries, key=lambda e: e[2])  # stable: framework order, then part, on ties
        for rank, (code, part, value) in enumerate(ranked, start=1):
            add({"id": f"f{len(facts) + 1}", "kind": "rank", "tool": tool, "code": code, "part": part, "rank": rank,
                 "score": r2(value)})
    return facts
