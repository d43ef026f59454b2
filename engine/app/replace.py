"""A plan's results replaced by corrected ones (a score mistyped, a question left out when it was pasted), the
officer's work kept: the plan is scored and drafted again from the new results (``redraft``), so its measures,
decisions, progress, signatories, budgets and the review log stay, as when the ITAS total is entered on its page.
Results of another agency or another fiscal year are refused: they are another plan's. What changed is said.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from itaplan.app.amend import _agency
from itaplan.app.redraft import redraft, results_year
from itaplan.base.errors import InputError, Problem
from itaplan.base.thai import fmt_score
from itaplan.checking.check import plan_results
from itaplan.drafting.plan import load_plan, plan_lock, save_plan
from itaplan.ita.results import Results


def _code(code: str, part: int | None) -> str:
    return f"{code} (EIT {part})" if part else code  # language-neutral: it goes inside a sentence


def replace_results(path: Path, results: Results, setup: Any) -> list[str]:
    """Replace the results of the plan at ``path`` by ``results`` (the same agency's, of the same year), keeping
    what the officer did; ``setup`` drafts (a ``Session``). Returns what changed, a sentence a line (none: the
    results are the ones the plan holds). Results of another agency or year are refused, nothing changed."""
    with plan_lock(path):
        plan = load_plan(path)
        year = results_year(results)
        this_year = plan["fiscal_year"]
        if year != this_year:
            raise InputError(Problem(results.source, f"holds the results of fiscal year {year}, not of this plan's "
                                                     f"year ({this_year}); nothing was changed"))
        agency = _agency(plan)
        given = " ".join(results.agency.name.split())
        fallback = setup.catalogue.text("agency_fallback")
        if given and agency.name and agency.name != fallback and given != " ".join(agency.name.split()):
            raise InputError(Problem(results.source, f"holds the results of {given}, not of this plan's agency "
                                                     f"({agency.name}); nothing was changed"))
        here, there = agency.province, results.agency.province  # the same name in another province is another agency
        if here and there and here != there:
            raise InputError(Problem(results.source, f"holds the results of an agency in the province of {there}, "
                                                     f"not of this plan's ({here}); nothing was changed"))
        here, there = agency.district, results.agency.district
        if here and there and here != there:
            raise InputError(Problem(results.source, f"holds the results of an agency in the district of {there}, "
                                                     f"not of this plan's ({here}); nothing was changed"))
        if given and (not agency.name or agency.name == fallback):
            agency.name = given  # the plan did not know its agency's name: the corrected results say it
        for key in ("type", "district", "province"):
            if not getattr(agency, key) and getattr(results.agency, key):
                setattr(agency, key, getattr(results.agency, key))
        old = plan_results(plan)
        s = plan["scores"]
        kept_total = results.total is None and s.get("total_source") == "given"
        if kept_total:  # the total as ITAS shows it, entered on the plan's page, still stands
            results.total, results.level = old.total, old.level
            results.label = results.label or old.label
        results.agency = agency
        before = (s.get("total"), s.get("level"))
        measures: list[tuple[str, str]] = []
        redraft(plan, results, setup, keep_previous=results.previous is None, measures_changed=measures)
        plan["agency"]["name"] = agency.name
        for key in ("type", "district", "province"):
            if getattr(agency, key):
                plan["agency"][key] = getattr(agency, key)  # type: ignore[literal-required]
        (plan.get("itaplan") or {}).pop("results_key", None)  # the results it was drafted from are not these now
        save_plan(plan, path)
    after = (plan["scores"].get("total"), plan["scores"].get("level"))
    return _changes(old, results, before, after, kept_total) + [_measure_line(what, title) for what, title in measures]


def _measure_line(what: str, title: str) -> str:
    if what == "answers none":
        return (f"measure '{title}' no longer answers a weak point (the corrected scores are not below the target): "
                "keep it as the agency's own choice, or drop it")
    if what == "not added":  # the plan is approved: the officer adds a measure, if the agency decides to
        title, codes = title.split("\t", 1)
        if codes:
            return (f"the plan is approved, so no measure was added for the weak points the corrected scores show "
                    f"now ({codes}): add '{title}' or a measure of the agency's own (Add a measure on the plan's "
                    "page, or review --add) if the agency decides to")
        return (f"the plan is approved, so measure '{title}', which the corrected scores call for, was not added: "
                "add it (Add a measure on the plan's page, or review --add) if the agency decides to")
    return f"measure '{title}' is added, not yet settled: the corrected scores show a weak point it answers"


def _changes(old: Results, new: Results, before: tuple, after: tuple, kept_total: bool) -> list[str]:
    was = {(q.code, q.part): q.score for q in old.questions}
    now = {(q.code, q.part): q.score for q in new.questions}
    lines = []
    if before != after:
        total_was, level_was, total_now, level_now = fmt_score(before[0]), before[1] or "–", fmt_score(after[0]), after[1] or "–"
        lines.append(f"the total {total_was} (level {level_was}) is now {total_now} (level {level_now})")
    added = ", ".join(_code(*k) for k in now if k not in was)
    gone = ", ".join(_code(*k) for k in was if k not in now)
    changed = "; ".join(f"{_code(*k)} {fmt_score(was[k])} → {fmt_score(now[k])}" for k in now if k in was and was[k] != now[k])
    if added:
        lines.append(f"questions added: {added}")
    if gone:
        lines.append(f"questions no longer given: {gone}")
    if changed:
        lines.append(f"scores changed: {changed}")
    if kept_total:
        lines.append("the total as ITAS shows it, entered before, is kept: the new results give none")
    return lines
