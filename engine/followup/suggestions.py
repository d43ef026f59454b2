"""The report's drafted suggestions for next year (ข้อเสนอแนะสำหรับปีงบประมาณถัดไป), one per measure, from what
happened to it (its progress) and, given this year's plan (``later``, drafted from the results of the year the
measure was carried out), how its indicators and points stand now. Nothing is said the plans do not say.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from itaplan.base.thai import round2
from itaplan.content.texts import Texts
from itaplan.drafting.model import Plan
from itaplan.drafting.plan import active_measures
from itaplan.ita.framework import indicator_redesigned

UNFINISHED_KEYS = {"in progress": "suggest_state_in_progress", "not started": "suggest_state_not_started"}


def _indicators_of(measure: Mapping[str, Any]) -> list[int]:
    return list(measure.get("indicators") or ([measure["indicator"]] if measure.get("indicator") else []))


def _scores_by_indicator(plan: Plan | None) -> dict[int, dict[str, Any]]:
    analysis: Mapping[str, Any] = (plan.get("analysis") if plan is not None else None) or {}
    rows: list[Mapping[str, Any]] = list(analysis.get("indicators", []))
    return {int(i["number"]): dict(i) for i in rows}


def _joined(items: list[str], t: Texts) -> str:
    """Items the Thai way: spaced, the last after "และ" with no space ("ก ข และค")."""
    return items[0] if len(items) == 1 else " ".join(items[:-1]) + " " + t("and_also") + items[-1]


def _follow(measure: Mapping[str, Any], later: Plan | None, t: Texts) -> str:
    """" ร่วมกับมาตรการที่ 2 … ซึ่งตอบตัวชี้วัดเดียวกัน": this year's measures (in
    ``later``, numbered as its table numbers them) on an indicator of ``measure``; empty when none, or no later plan."""
    if later is None:
        return ""
    wanted = set(_indicators_of(measure))
    items = [t("suggest_follow_item", no=n, title=m["title"], year=later["plan_year"])
             for n, m in enumerate(active_measures(later), start=1) if wanted & set(_indicators_of(m))]
    if not items:
        return ""
    joined = _joined(items, t)
    return t("suggest_follow", items=joined)


def _changes(measure: Mapping[str, Any], plan: Plan, later: Plan | None, t: Texts) -> dict[str, list[str]]:
    """The clauses of how each of the measure's indicators moved from the results it was drafted from to the
    results of the year it was carried out (``later``'s), by direction: "fell", "rose", "same". An indicator
    unknown on either side says nothing."""
    out: dict[str, list[str]] = {"fell": [], "rose": [], "same": []}
    if later is None:
        return out
    before_of, after_of = _scores_by_indicator(plan), _scores_by_indicator(later)
    for number in _indicators_of(measure):
        if indicator_redesigned(int(later["fiscal_year"]), number):  # its questions changed that year (FY2569's
            continue  # OIT items): the two scores measure different things, so no rise or fall is said
        after = after_of.get(number, {}).get("score")
        before = before_of.get(number, {}).get("score")
        if before is None:
            before = after_of.get(number, {}).get("previous")
        if before is None or after is None:
            continue
        name = after_of[number].get("name") or before_of.get(number, {}).get("name") or ""
        before, after = round2(before), round2(after)
        direction = "fell" if after < before else "rose" if after > before else "same"
        out[direction].append(t(f"suggest_change_{direction}", number=number, name=name, before=t.score(before),
                                after=t.score(after)))
    return out


def drafted_suggestion(measure: Mapping[str, Any], progress: dict, plan: Plan, later: Plan | None, t: Texts) -> str:
    """The suggestion for next year that follows from what happened to one measure: not done, its obstacle (or, with
    none given, what to settle first) and the way on; done, how its indicators moved in the results of the year it
    was carried out (``later``, this year's plan: fell, so review it; rose, so keep it) or, without them, what to
    follow; each tied to this year's measure on the same indicator when there is one. Nothing is said that the plans
    do not say: a rise is not said to be the measure's doing."""
    next_year = plan["plan_year"] + 1
    follow = _follow(measure, later, t)
    status = progress["status"]
    # the obstacle recorded as such; else, for a measure not finished, its note: the command line's --note is, by its
    # help, a not-finished measure's obstacles (a newcomer recorded "งบประมาณไม่เพียงพอ" so, and the suggestion
    # stayed generic)
    reason = progress["reason"] or str(measure.get("note") or "").strip()
    if status == "dropped":
        return t("suggest_dropped", year=next_year) + follow
    if status != "done":
        state = t(UNFINISHED_KEYS[status])
        if reason:
            return t.with_typed("suggest_unfinished_reason", "reason", reason, state=state, year=next_year) + follow
        return t("suggest_unfinished", state=state, year=next_year) + follow
    changes = _changes(measure, plan, later, t)
    for direction in ("fell", "rose", "same"):
        if changes[direction]:
            clauses = changes[direction]
            joined = _joined(clauses, t)
            return t(f"suggest_done_{direction}", results_year=plan["plan_year"], changes=joined,
                     year=next_year) + follow
    numbers = _indicators_of(measure)
    if not numbers:
        return t("suggest_done", year=next_year, results_year=plan["plan_year"]) + follow
    named = [t("suggest_indicator", number=n, name=_scores_by_indicator(plan).get(n, {}).get("name") or "")
             for n in numbers]
    joined = _joined(named, t)
    return t("suggest_done_follow_up", year=next_year, results_year=plan["plan_year"], indicators=joined) + follow
