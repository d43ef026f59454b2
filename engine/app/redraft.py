"""A plan drafted again from what it records with one input changed, the officer's work kept.

The web's officer cannot edit a results file and draft again: the plan may already hold their decisions. So a
change to the inputs of the scores (the total as ITAS shows it, official.py; the agency's name the results did not
give; last year's results) is made to the results the plan records (``check.plan_results``), the plan is scored
and drafted again from them, and only what a draft decides from the scores is taken from the new draft: scores,
analysis, what-if and notes. Measures, decisions, progress, signatories, budgets and the review log stay, unless
nothing has been done to the measures yet (then the new draft's measures, worded for the agency, replace them).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, cast

from itaplan.base.errors import InputError, Problem
from itaplan.base.i18n_composed import N_
from itaplan.checking.check import plan_results
from itaplan.drafting.draft import budget_notes
from itaplan.drafting.model import Plan
from itaplan.drafting.plan import load_plan, plan_lock, save_plan
from itaplan.drafting.stakes import plan_whatif
from itaplan.ita.gather import check_last_year
from itaplan.ita.results import Results
from itaplan.ita.scoring import score
from itaplan.ruling.rulebook import RuleSet

# what a new draft decides from the scores; the rest of the plan is the officer's and stays
FROM_SCORES = ("scores", "analysis", "maintain", "warnings", "officer_notes", "assumptions")
# what a new draft also gives a plan whose measures nobody has touched yet
FROM_DRAFT = ("measures", "left_out", "maintain")
AGENCY_NAME = N_("the agency's name")  # where a problem with the name form is


def untouched(plan: Plan) -> bool:
    """No measure of the plan was decided, edited, added or given progress: it is the draft as it came."""
    log = (plan.get("review") or {}).get("log") or []  # type: ignore[union-attr]
    return not log and all(m.get("status", "proposed") == "proposed" and not m.get("progress")
                           for m in plan["measures"])


def redraft(plan: Plan, results: Results, setup: Any, keep_previous: bool = True, remeasure: bool = True,
            measures_changed: list[tuple[str, str]] | None = None, warnings: list[str] | None = None) -> Plan:
    """``plan`` scored and drafted again from ``results`` (what it records, changed), in place; ``setup`` drafts
    (a ``Session``). ``keep_previous``: last year's figures as the plan recorded them stand (the results give
    none); otherwise last year is what ``results.previous`` says (None: no last year). ``remeasure``: a plan whose
    measures nobody has touched takes the new draft's (``untouched``). ``warnings``: filled with the scorecard's
    warnings on ``results`` (a reported total that differs from the computed one …), as ``score`` prints them."""
    card = score(results)
    if warnings is not None:
        warnings += card.warnings
    s = plan["scores"]
    prev = (s.get("previous") or {}) if keep_previous else {}
    if keep_previous:  # as check's rescore does: last year as the plan recorded it
        card.previous_year, card.previous_total = prev.get("fiscal_year"), prev.get("total")
        card.previous_level = cast("str | None", prev.get("level"))
        card.previous_label = cast("str | None", prev.get("label"))
        card.previous_computed_total = cast("float | None", prev.get("computed_total"))
        for ind, entry in zip(card.indicators, s["indicators"]):
            ind.previous = entry.get("previous")
    fresh = setup.plan(card, plan_year=plan["plan_year"])
    whole = remeasure and untouched(plan)
    if whole and measures_changed is not None:  # the draft's measures replaced by the new draft's: which left, which came
        had = {str(m["id"]): m["title"] for m in plan["measures"]}
        now = {str(m["id"]): m["title"] for m in cast(list, fresh["measures"])}
        measures_changed += [("removed", t) for i, t in had.items() if i not in now] + \
            [("added", t) for i, t in now.items() if i not in had]
    for key in (*FROM_SCORES, *(FROM_DRAFT if whole else ())):
        if key in fresh:
            plan[key] = fresh[key]  # type: ignore[literal-required]
        else:
            plan.pop(key, None)  # type: ignore[misc]
    if not whole:  # the officer's measures, their reasons drawn again from the scores as they are now
        narrowed: list[str] = []
        removed: list[str] = []
        emptied, added, withheld = refresh_measures(plan, fresh, card, setup.catalogue, narrowed, removed)
        if measures_changed is not None:
            measures_changed += [("narrowed", t) for t in narrowed] + [("answers none", t) for t in emptied] + \
                [("removed", t) for t in removed] + [("added", t) for t in added] + \
                [("not added", t) for t in withheld]
    # the new draft's warning of budgets for measures it did not propose: of the plan's own measures instead
    plan["warnings"] = with_budget_note(list(plan.get("warnings") or []), plan, setup.catalogue, setup.ruleset)
    if prev:  # last year as recorded, with its change from the total as it is now (not the computed one)
        plan["scores"]["previous"] = {**prev, **{k: v for k, v in (fresh["scores"].get("previous") or {}).items()
                                                  if k in ("change", "relative_change")}}
    # what each measure is worth depends on how the total is known (a given total: unknown), for the
    # officer's measures as well as the drafted ones
    plan["whatif"] = plan_whatif(card, cast(list, plan["measures"]), setup.catalogue)  # type: ignore[typeddict-item]
    return plan


OLD_BUDGET_NOTE = "งบประมาณที่กำหนดไว้ในข้อมูลหน่วยงาน (agency.budgets)"  # the note as plans drafted before said it


def unused_budgets(plan: Plan) -> list[str]:
    """The ids of the agency's budgets (``agency.budgets``) for a measure the plan holds no part of, kept or
    dropped: a dropped measure's budget is simply not printed, nothing to say."""
    held = {part for m in plan.get("measures") or [] for i in [m["id"], *(m.get("merged") or [])]
            for part in [str(i), *str(i).split("+")]}  # a row's own id too: the budget the officer set for the row
    return sorted(set((plan.get("agency") or {}).get("budgets") or {}) - held)


def with_budget_note(warnings: list[str], plan: Plan, catalogue: Any, ruleset: RuleSet | None = None) -> list[str]:
    """``warnings`` with the note of budgets for measures not in the plan (``note_budgets_unused``) as the plan's
    measures and budgets are now: a draft's note of its own measures (a redraft proposes other ones than the
    officer holds) or one written before a measure was added or its budget cleared, said again or dropped."""
    prefixes = tuple(p for p in (catalogue.text("note_budgets_unused").split("{", 1)[0], OLD_BUDGET_NOTE) if p)
    out = [w for w in warnings if not str(w).startswith(prefixes)]
    # the rules that fired on the plan: its measures' and those of the indicators it keeps up
    rows: list[Any] = [*(plan.get("measures") or []), *(plan.get("maintain") or [])]
    fired = {str(rid) for row in rows for rid in row.get("rules") or []}
    return out + budget_notes(unused_budgets(plan), catalogue, str((plan.get("agency") or {}).get("name") or ""), ruleset,
                              int(plan.get("fiscal_year") or 0), fired)



# what a measure's row says of the results, drawn from the scores: never the officer's to type
DERIVED = ("facts", "points", "codes", "parts", "serves", "fact_indicators", "rules", "provenance", "priority",
           "indicators", "indicator", "indicator_name", "issue", "recommendation", "basis", "members", "merged",
           "publish_by", "points_at_stake", "project")
# what the officer may have changed on a measure (review's log names it): theirs, when they did
TYPED = {"title": ("title",), "method": ("method",), "owner": ("owner", "owner_role"), "evidence": ("evidence",),
         "timeline": ("timeline", "months", "publish_by")}


def _fact_key(fact: dict) -> tuple:
    """What a fact is about: a question (code, EIT part) or an indicator's change (its number)."""
    if "code" in fact:
        return ("code", fact["code"], int(fact.get("part") or 0))
    return (fact.get("kind"), fact.get("number"))


def _point_key(point: Any) -> tuple:
    return (point.get("code"), int(point.get("part") or 0)) if isinstance(point, dict) else ("text", point)


def approved(plan: Plan) -> bool:
    """The plan's measures were approved (the day of approval is recorded, ``agency.signatories.approved.date``)."""
    return bool((((plan.get("agency") or {}).get("signatories") or {}).get("approved") or {}).get("date"))


def settled(measure: Any, logged: set[str]) -> bool:
    """The officer did something to the measure: kept, changed or dropped it (its status), added it, recorded its
    progress, or set anything of it that the review log names (``logged``: the ids the log names)."""
    return (measure.get("status", "proposed") != "proposed" or bool(measure.get("added"))
            or bool(measure.get("progress")) or str(measure.get("id")) in logged)


def refresh_measures(plan: Plan, fresh: Plan, card: Any, catalogue: Any, narrowed: list[str] | None = None,
                     removed: list[str] | None = None) -> tuple[list[str], list[str], list[str]]:
    """The plan's measures after its results changed (a score corrected, last year given), the officer's work kept:
    a measure the new draft proposes too takes its reasons (the weak points, their scores, the items, the issue) and
    the texts the officer did not change; any other keeps only the reasons that still hold, with their new figures;
    a measure the new draft proposes that the plan has no part of (a weak point the correction made) is added,
    proposed, for the officer to settle, unless the plan is approved (``approved``): the agency never adopted it, so
    it is not added (the officer may add it, or one of the agency's own). The analysis is drawn again over the
    plan's measures, so that it cites the officer's additions as well. Returns the titles of the measures that no
    longer answer any weak point, of those added, and of those not added to an approved plan (with the codes of the
    weak points they answer after a tab). ``narrowed`` hears of each row of several measures that now holds only
    the rest (its title before and after, a tab between), for the officer to be told: a settled row changed.

    A drafted measure nobody has settled (``settled``) that no longer answers any weak point came only from the
    scores as they were (a mistyped one): it is removed, not kept as the agency's choice nobody made, and
    ``removed`` hears its title; in an approved plan it is the agency's adopted measure, and stays, as a settled one."""
    from itaplan.drafting.analysis import build_analysis

    log = ((plan.get("review") or {}).get("log") or [])  # type: ignore[union-attr]
    edited = {(str(e.get("measure")), str(e.get("action"))) for e in log if isinstance(e, dict)}
    new_measures = cast(list, fresh["measures"])
    by_id = {m["id"]: m for m in new_measures}
    facts = {_fact_key(f): f for m in new_measures for f in m.get("facts", [])}
    points = {_point_key(p): p for m in new_measures for p in m.get("points") or []}
    held = {part for m in plan["measures"] for part in str(m["id"]).split("+")}
    logged = {str(e.get("measure")) for e in log if isinstance(e, dict)}
    emptied, unsettled = [], []
    for m in cast(list, plan["measures"]):
        same = by_id.get(m["id"])
        if same is None and not m.get("added"):
            # a row of several measures, some no longer proposed (a corrected score): the draft's row of the rest
            parts = set(str(m["id"]).split("+"))
            within = [f for f in new_measures if set(str(f["id"]).split("+")) <= parts]
            same = within[0] if len(within) == 1 else None
            if same is not None and narrowed is not None:
                narrowed.append(f"{m['title']}\t{same['title']}")
        if same is not None and not m.get("added"):
            typed = {key for action, keys in TYPED.items() if (m["id"], action) in edited for key in keys}
            for key in DERIVED:
                if key in typed:  # the drafted deadline sentence of a timeline the officer typed: never put back
                    continue
                if key in same:
                    m[key] = same[key]
                else:
                    m.pop(key, None)
            for action, keys in TYPED.items():
                if (m["id"], action) not in edited:
                    for key in keys:
                        if key in same:
                            m[key] = same[key]
            continue
        before = bool(m.get("facts"))
        m["facts"] = [facts[_fact_key(f)] for f in m.get("facts", []) if _fact_key(f) in facts]
        if "points" in m:
            m["points"] = [points[_point_key(p)] for p in m.get("points") or [] if _point_key(p) in points]
        still = {f["code"] for f in m["facts"] if "code" in f}
        if "codes" in m:
            m["codes"] = [c for c in m["codes"] if c in still]
        if "fact_indicators" in m:  # the indicators its reasons are of: an indicator answered by nothing is a strength
            m["fact_indicators"] = sorted({card.framework.questions[c].indicator for c in still
                                           if c in card.framework.questions} |
                                          {int(f["number"]) for f in m["facts"] if "number" in f})
        if "parts" in m:
            m["parts"] = {c: p for c, p in (m.get("parts") or {}).items() if c in still}
        if before and not m["facts"]:
            if not settled(m, logged) and not approved(plan):
                unsettled.append(m)
                continue
            answers_none(m, catalogue)
            if m.get("status") != "dropped":
                emptied.append(m["id"])
    if unsettled:  # drafted only for scores that were wrong: nobody chose them
        plan["measures"] = [m for m in plan["measures"] if not any(m is u for u in unsettled)]
        if removed is not None:
            removed += [u["title"] for u in unsettled]
    added = [m for m in new_measures if not set(str(m["id"]).split("+")) & held]
    withheld = []
    if approved(plan):  # an approved plan holds what the agency adopted: the officer adds to it, never a redraft
        withheld = [f"{m['title']}\t" + ", ".join(dict.fromkeys(str(f["code"]) for f in m.get("facts", [])
                                                               if f.get("code"))) for m in added]
        added = []
    for m in added:  # a weak point the corrected results made: the draft's measure for it, to be settled
        plan["measures"].append(m)  # type: ignore[arg-type]
    if added or emptied or unsettled or any(m.get("added") for m in plan["measures"]):
        gone = _gone(plan, card, catalogue)
        plan["analysis"] = build_analysis(card, cast(list, plan["measures"]), cast(list, fresh.get("maintain") or []),
                                          catalogue, gone)  # type: ignore[typeddict-item]
    return ([next(m["title"] for m in plan["measures"] if m["id"] == mid) for mid in emptied],
            [m["title"] for m in added], withheld)


def answers_none(m: dict, catalogue: Any) -> None:
    """A measure kept while the weak points it answered are gone (a corrected score): it is the agency's own choice
    now, and says so as a measure added with no weak point does (``added_issue``), never the finding the results no
    longer show; an issue the officer wrote for a measure of the agency's own is theirs, and stays."""
    if (m.get("added") or {}).get("by") == "own" and str(m.get("issue") or "").strip():
        return
    m["issue"] = catalogue.text("added_issue")
    # the reasons it was proposed for (the rules that fired) no longer hold: none is left to name
    m["rules"] = []
    m.pop("provenance", None)
    # its card's หลักการและเหตุผล was the catalogue's, which cites the finding ("ผลการประเมิน ITA ชี้ว่า…"): the card
    # says why in the agency's words instead (render.cards), as for a measure added with no weak point (amend); a
    # merged row's drafted one likewise, unless the officer edited the measure (its own words then)
    if isinstance(m.get("project"), dict):
        m["project"].pop("rationale", None)
    if m.get("merged") and m.get("status") != "changed":
        m.pop("rationale", None)


def _gone(plan: Plan, card: Any, catalogue: Any) -> tuple[set[str], int] | None:
    """The failed OIT items of the assessed year that the plan year's framework no longer has (as drafting finds
    them): the analysis says they need no measure."""
    from itaplan.drafting.analysis import _item_gone
    from itaplan.ita.framework import plan_framework

    year, plan_year = plan["fiscal_year"], plan["plan_year"]
    codes = {q.code for q in card.questions.values() if q.tool == "OIT" and q.known and q.score == 0
             and _item_gone(q.code, year, plan_year)}
    pf = plan_framework(plan_year)
    return (codes, pf.year) if codes and pf is not None else None


def name_unknown(plan: Plan, setup: Any) -> bool:
    """The results gave no agency name: the plan holds the catalogue's stand-in (หน่วยงาน) instead."""
    return (plan.get("agency") or {}).get("name") == setup.catalogue.text("agency_fallback")


def set_agency_name(path: Path, typed: str, setup: Any) -> Plan:
    """Give the plan at ``path`` the agency's name its results did not give; the analysis (and the measures, when
    nobody has touched them yet) is drafted again in the agency's words."""
    name = " ".join(typed.split())
    if not name or name == setup.catalogue.text("agency_fallback") or len(name) > 200:
        raise InputError(Problem(AGENCY_NAME, "type the agency's full name as ITAS shows it (องค์การบริหารส่วนตำบล…, "
                                              "เทศบาลตำบล…)"))
    with plan_lock(path):
        plan = load_plan(path)
        results = plan_results(plan)
        results.agency.name = name
        redraft(plan, results, setup)
        plan["agency"]["name"] = name
        save_plan(plan, path)
    return plan


def set_previous(path: Path, previous: Results | None, setup: Any) -> Plan:
    """Give the plan at ``path`` last year's results (or take them away: None): it is scored again with the
    change of each indicator and of the total, and its analysis is drafted again comparing the two years. Results
    of another year than the one before the plan's, or of another agency (``same_agency``), are refused."""
    with plan_lock(path):
        plan = load_plan(path)
        year, before = (None if previous is None else results_year(previous)), plan["fiscal_year"] - 1
        if previous is not None and year != before:
            raise InputError(Problem(previous.source, f"holds the results of fiscal year {year}, not of the year before "
                                                      f"this plan's results ({before}); nothing "
                                                      "was changed"))
        results = plan_results(plan)
        if previous is not None:  # another agency's results are not this one's last year
            fallback = setup.catalogue.text("agency_fallback")
            here = copy.copy(results.agency)
            if here.name == fallback:
                here.name = ""  # the plan does not know its agency's name: it cannot tell
            check_last_year(here, previous, previous.source, N_(
                "choose this agency's plan or results of last year; nothing was changed"))
        results.previous = previous
        redraft(plan, results, setup, keep_previous=False)
        save_plan(plan, path)
    return plan


def results_year(results: Results) -> int:
    """The fiscal year results are of (a year without a framework of its own: the year they say, as scoring reads it)."""
    if results.framework_stand_in and results.notes:
        return int(results.notes[-1])
    return results.framework.fiscal_year
