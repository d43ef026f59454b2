"""What the fixes are worth in a plan: the questions and items that raise the total most, what reaches each goal,
and each measure's points at stake — as data (``plan["whatif"]``, ``measures[].points_at_stake``) with the Thai
sentences of the analysis's section "ข้อที่มีผลต่อคะแนนรวมมากที่สุด".

The arithmetic is engine/whatif.py's, through the NACC's scoring. A measure's stake is what the total gains if
all the entries it answers (its codes, per EIT part named by its facts) reach the target — an OIT item: is met —
and if they reach 100, scored with all of them raised at once. What cannot be known from the input (the total is
unknown or stands as given; an indicator is a figure given without all its questions) is said to be unknown, and
no number is printed for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import islice
from typing import Any

from itaplan.base.thai import fmt_score
from itaplan.content.catalogue import Catalogue
from itaplan.ita.framework import Framework
from itaplan.ita.results import Results
from itaplan.ita.scoring import GIVEN, Scorecard, r2
from itaplan.ita.whatif import (
    Fix,
    Ordered,
    candidates,
    fix_index,
    ordered,
    plan_to_goal,
    given_label_reaches,
    reached,
    results_of,
    stake,
    unknown_reason,
    working,
)
from itaplan.ruling.provenance import part_phrase, say, tool_label

TOP = 5  # the fixes the analysis lists
SHOWN_CODES = 10  # a goal line names at most this many codes, then says how many more


def measure_entries(measure: Mapping[str, Any]) -> list[tuple[str, int]]:
    """(code, EIT part or 0) of every weak point a measure answers: the parts its facts named, else the one score."""
    parts = measure.get("parts") or {}
    return [(code, int(p)) for code in measure.get("codes", []) for p in (parts.get(code) or [0])]


def goals_of(fw: Framework) -> list[str]:
    """85; ผ่านดี where the year has labels that ask every tool to reach a level; 95."""
    return ["85"] + (["pass-good"] if any(r.tools_at_least is not None for r in fw.labels) else []) + ["95"]


def analyse(card: Scorecard, literal: bool = False) -> tuple[Results, Scorecard, list[Fix]]:
    """The working results of a scorecard, their scorecard and every candidate fix with its worth (``literal``:
    each entry scored again on its own, as ``itaplan check`` does; else at its slot's rate, as drafting does)."""
    given = results_of(card)
    results = working(given)
    unchanged = results is given
    base, fixes = candidates(results, prepared=True, literal=literal, base=card if unchanged else None)
    return results, base, fixes


def rounded_stake(value: dict[str, Any]) -> dict[str, Any]:
    return {**value, "to_target": r2(value["to_target"]), "to_max": r2(value["to_max"])}


def worth_printing(fix: Fix) -> bool:
    """Known, and at least 0.01 on the total as printed (a question at 99.98 is not a fix worth listing)."""
    return fix.known and (r2(fix.gain_to_max) or 0.0) > 0


def section_reason(base: Scorecard, fixes: list[Fix]) -> str | None:
    """Why the section can give no numbers at all: the total is unknown or given; no question feeds it."""
    reason = unknown_reason(base)
    if reason:
        return reason
    if not any(f.known for f in fixes) and (any(not f.known for f in fixes) or
                                           any(i.source == GIVEN for i in base.indicators)):
        return "given_only"
    return None


def unknown_indicators(base: Scorecard, fixes: list[Fix]) -> list[int]:
    """Indicators whose questions' worth cannot be known: given as printed (or under a given tool)."""
    return sorted({i.number for i in base.indicators if i.source == GIVEN} |
                  {f.indicator for f in fixes if not f.known})


def plan_whatif(card: Scorecard, measures: list[dict], catalogue: Catalogue) -> dict[str, Any]:
    """The plan's ``whatif`` section; sets ``points_at_stake`` on each of ``measures``."""
    results, base, fixes = analyse(card)
    index = fix_index(fixes)
    for m in measures:
        m["points_at_stake"] = rounded_stake(stake(results, base, fixes, measure_entries(m), literal=False, index=index))
    fw = card.framework
    reason = section_reason(base, fixes)
    out: dict[str, Any] = {"target": fw.target, "gains_known": reason is None, "unknown_reason": reason,
                           "unknown_indicators": [], "ranked": [], "goals": []}
    if reason:
        out["intro"] = say(catalogue, "whatif_unknown", reason=catalogue.text(f"whatif_reason_{reason}"))
        return out
    ranked = list(islice((f for f in fixes if worth_printing(f)), TOP))
    if not ranked:
        out["intro"] = catalogue.text("whatif_too_small" if any(f.known for f in fixes) else "whatif_all_full")
    else:
        out["intro"] = say(catalogue, "whatif_intro", fiscal_year=fw.fiscal_year)
    out["ranked"] = [{**f.to_dict(), "text": fix_text(f, fw.target, catalogue)} for f in ranked]
    unknown = unknown_indicators(base, fixes)
    out["unknown_indicators"] = unknown
    if unknown:
        out["note"] = say(catalogue, "whatif_unknown_indicators", numbers=", ".join(map(str, unknown)))
    order = ordered(fixes)
    for goal in goals_of(fw):
        out["goals"].append(goal_entry(results, base, fixes, goal, catalogue, order,
                                       by_label=given_label_reaches(card, goal), given_label=card.label))
    return out


def fix_text(fix: Fix, target: float, catalogue: Catalogue) -> str:
    values = {"code": fix.code, "title": fix.title, "part": part_phrase(catalogue, fix.part),
              "score": fmt_score(fix.score), "target": f"{target:g}", "to_max": fmt_score(fix.gain_to_max),
              "to_target": fmt_score(fix.gain_to_target)}
    if fix.publish:
        return say(catalogue, "whatif_publish", **values)
    if not fix.gain_to_target:
        return say(catalogue, "whatif_improve_max", **values)
    return say(catalogue, "whatif_improve", **values)


def goal_name(goal: str, target: float, catalogue: Catalogue) -> str:
    return say(catalogue, "whatif_goal_" + goal.replace("-", "_"), target=f"{target:g}")


def codes_label(fixes: list[dict], catalogue: Catalogue) -> str:
    shown = [f"{f['code']}{part_phrase(catalogue, f.get('part') or 0)}" for f in fixes[:SHOWN_CODES]]
    text = ", ".join(shown)
    if len(fixes) > SHOWN_CODES:
        text += say(catalogue, "whatif_more", count=len(fixes) - SHOWN_CODES)
    return text


def actions_label(fixes: list[dict], catalogue: Catalogue) -> str:
    publish = sum(1 for f in fixes if f["kind"] == "publish")
    words = []
    if publish:
        words.append(say(catalogue, "whatif_publish_count", count=publish))
    if len(fixes) - publish:
        words.append(say(catalogue, "whatif_improve_count", count=len(fixes) - publish))
    return catalogue.text("whatif_and").join(words)


def goal_entry(results: Results, base: Scorecard, fixes: list[Fix], goal: str, catalogue: Catalogue,
               order: Ordered | None = None, by_label: bool | None = None,
               given_label: str | None = None) -> dict:
    """One goal: already reached, reached by a path of fixes (each to 100, or met), not reached by them, or not
    known (ผ่านดี needs every tool's score). ``by_label``: what the label ITAS gave says of ผ่านดี when a tool's
    score is unknown (``given_label_reaches`` of the scorecard as given, whose label is ``given_label``): reached, or
    not reached with the fixes that would reach it unknown."""
    target = base.target
    entry: dict[str, Any] = {"goal": goal, "known": True, "already": reached(base, goal), "reached": False,
                             "fixes": [], "total": None, "level": None, "label": None}
    name = goal_name(goal, target, catalogue)
    missing = [tool_label(k, catalogue) for k, v in base.tools.items() if v is None]
    if goal == "pass-good" and missing and by_label:  # ITAS gave ผ่านดี (or better): reached, whatever is unknown
        entry.update(already=True, reached=True, text=say(catalogue, "whatif_goal_already", goal=name))
        return entry
    if goal == "pass-good" and missing:
        entry["known"] = False
        if by_label is False:  # ITAS's own label says it is not reached
            entry["given_label"] = given_label
        entry["text"] = say(catalogue, "whatif_goal_unknown", goal=name, tools=", ".join(missing)) \
            if by_label is None else say(catalogue, "whatif_goal_not_given", goal=name, label=given_label or "",
                                         tools=", ".join(missing))
        return entry
    if entry["already"]:
        entry["reached"] = True
        entry["text"] = say(catalogue, "whatif_goal_already", goal=name)
        return entry
    steps, done, card = plan_to_goal(results, goal, fixes, every_step=False, base=base, order=order)
    entry.update({"reached": done, "fixes": [{"code": s["fix"]["code"], "part": s["fix"]["part"],
                                              "kind": s["fix"]["kind"]} for s in steps],
                  "total": r2(card.total), "level": card.level, "label": card.label})
    if not steps:
        entry["text"] = say(catalogue, "whatif_goal_none", goal=name)
        return entry
    entry["text"] = say(catalogue, "whatif_goal_path" if done else "whatif_goal_short", goal=name,
                        actions=actions_label(entry["fixes"], catalogue), codes=codes_label(entry["fixes"], catalogue),
                        total=fmt_score(card.total), level=card.level or "",
                        label=say(catalogue, "whatif_label", label=card.label) if card.label else "")
    return entry
