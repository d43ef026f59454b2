"""The total as ITAS published it, set on a plan already drafted (the web's answer to a results file's ``total:``).

A total computed with weights the NACC has not confirmed is only an estimate; the officer reads the official total
(and its level and label) in ITAS. From the command line it goes into the results file (``total:``, ``level:``,
``label:``) and the plan is drafted again; on the web the plan may already hold the officer's decisions, so the
plan's scores are scored again from what it records, with the official figures given exactly as the loader takes
them from a results file, and the plan is drafted again from that scorecard: its scores, analysis, what-if and
notes are taken from the new draft, and everything the officer did (measures, decisions, progress, signatories,
budgets, the review log) is kept. ``itaplan check`` then scores the plan again from the same given figures.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from itaplan.app.amend import _agency
from itaplan.app.redraft import redraft
from itaplan.base.errors import InputError, Problem
from itaplan.base.i18n_composed import N_
from itaplan.base.thai import to_arabic
from itaplan.checking.check import plan_results
from itaplan.drafting.model import Plan
from itaplan.drafting.plan import load_plan, plan_lock, save_plan
from itaplan.ita.gather import Collector, given_grade
from itaplan.ita.scoring import EPS, Scorecard, card_label_readings, score

OFFICIAL = N_("the total as ITAS shows it")  # where a problem with each field of the official-total form is
LEVEL, LABEL = N_("the level as ITAS shows it"), N_("the result as ITAS shows it")
FIELDS = ("total", "level", "label")


def set_official_total(path: Path, typed: dict[str, str], setup: Any) -> Plan:
    """Give the plan at ``path`` the total (and level, label) typed as ITAS shows them; ``setup`` drafts (a
    ``Session``). A total that is no score, or a level or label the plan's year does not have, is refused."""
    with plan_lock(path):
        plan = load_plan(path)
        results = plan_results(plan)
        col = Collector(OFFICIAL)
        text = to_arabic(typed.get("total", "").strip())
        try:
            total: float | None = float(text)
        except ValueError:
            total = None
        if total is None and re.fullmatch(r"[0-9]{1,3},[0-9]{1,2}", text):  # 87,12: a comma for the decimal point
            col.add(None, f"'{text}' is not a total: use a decimal point, {text.replace(',', '.')}")
        elif total is None or not 0 <= total <= 100:
            col.add(None, f"'{text[:20]}' is not a total: give the total as ITAS shows it, a number from 0 to 100 "
                          f"(87.10, say)")
        graded = Collector(LEVEL), Collector(LABEL)
        level, _ = given_grade(typed.get("level", ""), results.framework, graded[0], None)
        _, label = given_grade(typed.get("label", ""), results.framework, graded[1], None)
        fw = results.framework
        if level and total is not None and 0 <= total <= 100 and fw.levels and fw.level_of(round(total, 2)) != level:
            graded[0].add(None, f"a total of {total:.2f} is level {fw.level_of(round(total, 2))} in fiscal year "
                                f"{fw.fiscal_year}, not {level}: check the total and the level in ITAS")
        if label and not col.problems:  # a wrong level too: both said at once, the label checked on the total alone
            results.total, results.level, results.label = total, None if graded[0].problems else level, None
            contradicted = _contradicted(score(results), label)
            if contradicted:
                graded[1].add(None, contradicted)
        if col.problems or graded[0].problems or graded[1].problems:
            raise InputError(col.problems + graded[0].problems + graded[1].problems)
        results.total, results.level, results.label = total, level, label
        results.agency = _agency(plan)
        redraft(plan, results, setup, remeasure=False)
        save_plan(plan, path)
    return plan


def _contradicted(card: Scorecard, label: str) -> str | None:
    """Why the plan's scores, with the typed total, cannot have ``label`` under any reading of the year's label
    rules (None when some reading gives it, or a tool it rests on is unknown): a label the scores contradict would
    print a result the plan's own figures deny, so it is refused as a level the total cannot have is."""
    readings = card_label_readings(card)
    if None in readings or label in readings or card.total is None:
        return None
    fw, total = card.framework, f"{card.total:.2f}"
    gives, year = " / ".join(sorted(r for r in readings if r)), fw.fiscal_year
    rule = next(r for r in fw.labels if r.label == label)
    if rule.total_at_least is not None and card.total < rule.total_at_least - EPS:
        need = f"{rule.total_at_least:g}"
        return (f"a total of {total} is {gives} in fiscal year {year}, not {label}: {label} needs a total of {need} "
                "or more; check the total and the result in ITAS")
    floors = [f for f in (rule.tools_at_least, *rule.tools_at_least_also) if f is not None]
    if floors:
        floor = min(floors)
        below = ", ".join(f"{k} {v:.2f}" for k, v in card.tools.items() if v is not None and v < floor - EPS)
        if card.framework.two_parts and card.eit_display is not None and card.eit_display < floor - EPS \
                and not below:
            below = f"EIT {card.eit_display:.2f}"
        if below:
            need = f"{floor:g}"
            return (f"with {below} on this plan, the result is {gives} in fiscal year {year}, not {label}: {label} "
                    f"needs every tool at {need} or more; check the result in ITAS, or correct the score")
    return (f"the total and the tools' scores on this plan give {gives} in fiscal year {year}, not {label}: "
            "check the result in ITAS")


def clear_official_total(path: Path, setup: Any) -> Plan:
    """Take the total, level and label entered as ITAS shows them back out of the plan at ``path``: it is scored
    again from what it records, its total computed from the questions, as it was drafted (the officer's measures,
    decisions and progress kept, as when the total is entered)."""
    with plan_lock(path):
        plan = load_plan(path)
        results = plan_results(plan)
        results.total, results.level, results.label = None, None, None
        results.agency = _agency(plan)
        redraft(plan, results, setup, remeasure=False)
        save_plan(plan, path)
    return plan


def official_form(plan: Plan) -> dict[str, str]:
    """The form's fields: the total, level and label as given (blank while the total is computed)."""
    s = plan.get("scores") or {}
    if s.get("total_source") != "given":
        return {"total": "", "level": "", "label": ""}
    return {"total": f"{s['total']:.2f}" if s.get("total") is not None else "", "level": s.get("level") or "",
            "label": (s.get("label") or "") if s.get("label_source") == "given" else ""}


PREVIOUS_TOTAL = N_("last year's total as ITAS published it")  # where a problem with the form of last year's total is


def set_previous_total(path: Path, typed: str, setup: Any) -> Plan:
    """Give last year's results of the plan at ``path`` their total as ITAS published it (a results file's
    ``previous: total:``), checked as the loader checks that line (a number from 0 to 100, Thai digits read); an
    empty ``typed`` takes it away again (the total computed from last year's indicators). The plan is drafted
    again comparing with it; everything the officer did is kept."""
    from itaplan.ita.gather import parse_score

    with plan_lock(path):
        plan = load_plan(path)
        prev = (plan.get("scores") or {}).get("previous") or {}
        if not prev.get("fiscal_year"):
            raise InputError([Problem(PREVIOUS_TOTAL, "the plan has no results of last year: give them first "
                                                      "(Last year's results, to compare with); nothing was changed")])
        text = to_arabic(typed.strip())
        total: float | None = None
        if text:
            col = Collector(PREVIOUS_TOTAL)
            if re.fullmatch(r"[0-9]{1,3},[0-9]{1,2}", text):  # 87,12: a comma for the decimal point
                col.add(None, f"'{text}' is not a total: use a decimal point, {text.replace(',', '.')}")
            else:
                total = parse_score(text, False, col, None, "total")
            if col.problems:
                raise InputError(col.problems)
        computed = prev.get("computed_total", prev.get("total"))  # from last year's indicators
        changed: dict[str, Any] = {k: v for k, v in prev.items() if k != "computed_total"}
        changed["total"] = total if total is not None else computed
        if total is not None and computed is not None:
            changed["computed_total"] = computed
        from itaplan.ita.framework import builtin_years, load_framework

        year = prev["fiscal_year"]
        fw = load_framework(year) if year in builtin_years() else None
        if fw is not None and fw.levels and changed["total"] is not None:
            changed["level"] = fw.level_of(round(float(changed["total"]), 2))
        plan["scores"]["previous"] = changed  # type: ignore[typeddict-item]
        results = plan_results(plan)
        results.agency = _agency(plan)
        redraft(plan, results, setup)
        save_plan(plan, path)
    return plan
