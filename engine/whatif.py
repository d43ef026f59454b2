"""``itaplan whatif``: which fixes raise the total most, and the shortest list of fixes that reaches a goal.

Every gain is computed through the NACC's own arithmetic (engine/scoring.py): one question (per EIT part) or
OIT item is raised, the agency is scored again, and the gain is the new total minus the old, so an OIT item in
a small sub-indicator is worth more, and an EIT part counts for its own weight. A gain that cannot be known
(the total is unknown, or the question's indicator is given as a figure the questions do not feed) is said to
be unknown, never assumed. OIT items are "publish" fixes: putting a document online, usually the cheapest.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from .results import QuestionScore, Results
from .scoring import Scorecard, r2, score

GOALS = {"85": "total at least 85", "pass-good": "total at least 85 and every tool at least 85 (ผ่านดี)",
         "95": "total at least 95"}


@dataclass
class Fix:
    code: str
    part: int
    title: str
    tool: str
    indicator: int
    score: float
    publish: bool  # an OIT item: put the document online
    gain_to_target: float | None  # points the total gains if this reaches the target (OIT: None)
    gain_to_max: float | None  # ... if it reaches 100 (OIT: if met)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "part": self.part or None, "title": self.title, "tool": self.tool,
                "indicator": self.indicator, "score": r2(self.score), "kind": "publish" if self.publish else "improve",
                "gain_to_target": r2(self.gain_to_target), "gain_to_max": r2(self.gain_to_max)}


def _with(results: Results, changes: dict[tuple[str, int], float]) -> Results:
    out = copy.copy(results)
    out.questions = [QuestionScore(q.code, changes.get((q.code, q.part or 0), q.score), q.part, q.line)
                     for q in results.questions]
    out.previous = results.previous
    return out


def _total(card: Scorecard) -> float | None:
    return None if card.total is None or card.total_source == "given" else card.total


def working(results: Results) -> Results:
    """The results with every given figure that agrees with what its parts give left to the arithmetic, so that
    raising a question moves it; a given figure that disagrees (or has no parts) stays and stops the gain."""
    card = score(results)
    out = copy.copy(results)
    out.indicators = {n: v for n, v in results.indicators.items()
                      if card.indicator(n).computed is None or abs(card.indicator(n).computed - v) > 0.0051}
    out.tools = {k: v for k, v in results.tools.items() if not _agrees(results, k, v)}
    if results.total is not None and card.computed_total is not None and abs(card.computed_total - results.total) <= 0.0051:
        out.total = None
    return out


def _agrees(results: Results, key: str, given: float) -> bool:
    probe = copy.copy(results)
    probe.tools = {k: v for k, v in results.tools.items() if k != key}
    card = score(probe)
    value = card.eit_display if key == "EIT" else card.tools.get(key)
    return value is not None and abs(value - given) <= 0.0051


def candidates(results: Results) -> tuple[Scorecard, list[Fix]]:
    """Every question and OIT item below its maximum, with what it is worth."""
    results = working(results)
    base = score(results)
    fw = results.framework
    target = fw.target
    base_total = _total(base)
    fixes = []
    for q in results.questions:
        if q.score >= 100:
            continue
        meta = fw.questions[q.code]
        part = q.part or 0
        gains: list[float | None] = []
        indicator_given = base.indicator(meta.indicator).source == "given"  # the questions do not feed it
        for level in ((None if meta.tool == "OIT" else target), 100.0):
            if indicator_given:
                gains.append(None)
                continue
            if level is None or q.score >= level:
                gains.append(None if level is None else 0.0)
                continue
            if base_total is None:
                gains.append(None)
                continue
            new_total = _total(score(_with(results, {(q.code, part): level})))
            gains.append(None if new_total is None else new_total - base_total)
        fixes.append(Fix(q.code, part, meta.title, meta.tool, meta.indicator, q.score, meta.tool == "OIT",
                         gains[0], gains[1]))
    fixes.sort(key=lambda f: (-(f.gain_to_max or 0), f.code, f.part))
    return base, fixes


def _reached(card: Scorecard, goal: str) -> bool:
    total = _total(card)
    if total is None:
        return False
    if goal == "95":
        return r2(total) >= 95
    if goal == "pass-good":
        return r2(total) >= card.target and all(v is not None and r2(v) >= card.target for v in card.tools.values())
    return r2(total) >= card.target


def _shortfall(card: Scorecard, goal: str) -> float:
    total = _total(card) or 0.0
    wanted = 95.0 if goal == "95" else card.target
    gap = max(0.0, wanted - total)
    if goal == "pass-good":
        gap += sum(max(0.0, card.target - (v or 0.0)) for v in card.tools.values())
    return gap


def plan_to_goal(results: Results, goal: str, fixes: list[Fix], limit: int = 40) -> tuple[list[dict], bool]:
    """The fewest fixes (greedy: each step takes the fix that closes the most of what is missing; publish fixes
    first on a tie) that reach the goal, with the total, tools and label after each step."""
    changes: dict[tuple[str, int], float] = {}
    steps: list[dict] = []
    card = score(results)
    remaining = [f for f in fixes if f.gain_to_max]
    while not _reached(card, goal) and remaining and len(steps) < limit:
        best = None
        for fix in remaining:
            trial = score(_with(results, {**changes, (fix.code, fix.part): 100.0}))
            key = (_shortfall(card, goal) - _shortfall(trial, goal), fix.publish)
            if best is None or key > best[0]:
                best = (key, fix, trial)
        if best is None or best[0][0] <= 1e-9:
            break
        _, fix, card = best
        changes[(fix.code, fix.part)] = 100.0
        remaining.remove(fix)
        steps.append({"fix": fix.to_dict(), "to": 100.0, "total": r2(card.total), "level": card.level,
                      "label": card.label, "tools": {k: r2(v) for k, v in card.tools.items()}})
    return steps, _reached(card, goal)


def whatif(results: Results, goal: str = "85", top: int = 10) -> dict[str, Any]:
    results = working(results)
    base, fixes = candidates(results)
    unknown = _total(base) is None
    steps, reached = ([], False) if unknown else plan_to_goal(results, goal, fixes)
    return {
        "framework": results.framework.name, "agency": base.agency.to_dict(),
        "total": r2(base.total), "total_source": base.total_source, "level": base.level, "label": base.label,
        "tools": {k: r2(v) for k, v in base.tools.items()},
        "goal": goal, "goal_text": GOALS[goal],
        "gains_known": not unknown,
        "unknown_reason": ("the total is not computed from the questions (it is given, or some tool is unknown), so "
                           "what one question is worth cannot be known") if unknown else None,
        "fixes": [f.to_dict() for f in fixes],
        "ranked": [f.to_dict() for f in fixes[:top]],
        "path": steps, "goal_reached": reached, "already": not unknown and _reached(base, goal),
    }
