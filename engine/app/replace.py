"""A plan's results replaced by corrected ones (a score mistyped, a question left out when it was pasted), the
officer's work kept: the plan is scored and drafted again from the new results (``redraft``), so its measures,
decisions, progress, signatories, budgets and the review log stay, as when the ITAS total is entered on its page.
Results of another agency or another fiscal year are refused: they are another plan's. What changed is said.

A score or a few mistyped are corrected the same way without a results file (``correct_scores``): the results are
the plan's own recorded ones (``plan_results``) with the scores typed in their place, each read as a results file's
row is read.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from itaplan.app.amend import _agency
from itaplan.app.redraft import redraft, results_year
from itaplan.base.errors import InputError, Problem
from itaplan.base.thai import fmt_score
from itaplan.checking.check import plan_results
from itaplan.drafting.analysis import listed_points
from itaplan.drafting.handled import point_text, printed_statements
from itaplan.drafting.plan import load_plan, plan_lock, save_plan
from itaplan.ita.framework import normalize_code
from itaplan.ita.gather import Builder, Collector
from itaplan.ita.results import QuestionScore, Results


def _code(code: str, part: int | None) -> str:
    return f"{code} (EIT {part})" if part else code  # language-neutral: it goes inside a sentence


def replace_results(path: Path, results: Results, setup: Any, web: bool = False,
                    warnings: list[str] | None = None) -> list[str]:
    """Replace the results of the plan at ``path`` by ``results`` (the same agency's, of the same year), keeping
    what the officer did; ``setup`` drafts (a ``Session``); ``web``: said on the plan's web page (its forms, not
    commands). Returns what changed, a sentence a line (none: the
    results are the ones the plan holds); ``warnings`` is filled with the scorecard's warnings on the new results
    (as ``score`` prints them). Results of another agency or year are refused, nothing changed."""
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
        stated = printed_statements(plan)  # the agency's statements the analysis printed: a point gone takes its own
        redraft(plan, results, setup, keep_previous=results.previous is None, measures_changed=measures,
                warnings=warnings)
        plan["agency"]["name"] = agency.name
        for key in ("type", "district", "province"):
            if getattr(agency, key):
                plan["agency"][key] = getattr(agency, key)  # type: ignore[literal-required]
        (plan.get("itaplan") or {}).pop("results_key", None)  # the results it was drafted from are not these now
        save_plan(plan, path)
    after = (plan["scores"].get("total"), plan["scores"].get("level"))
    listed = {key for key, _, _ in listed_points(plan)}
    unprinted = [point_text(key) for key in stated if key not in listed]
    return _changes(old, results, before, after, kept_total) + [_measure_line(what, title, web)
                                                                for what, title in measures] + \
        [f"the agency's statement on weak point {point} is no longer printed: the corrected scores do not show that "
         "weak point (the statement stays in the plan, printed again if the point comes back)" for point in unprinted]


def _measure_line(what: str, title: str, web: bool = False) -> str:
    """What happened to a measure, said to the officer: on the web page (``web``) by the page's own form, never a
    command the web officer has no terminal for; in the terminal by the command."""
    if what == "narrowed":  # a settled row of several measures: the part the corrected scores no longer call for goes
        was, now = title.split("\t", 1)
        return (f"measure '{was}' now answers only the weak points the corrected scores still show: it is '{now}', "
                "its steps and evidence those of that part (its decision kept): check it before publishing")
    if what == "answers none":
        return (f"measure '{title}' no longer answers a weak point (the corrected scores are not below the target): "
                "keep it as the agency's own choice, or drop it")
    if what == "removed" and web:
        return (f"measure '{title}' is removed: it was drafted for a weak point the corrected scores no longer show, "
                "and it was not yet kept, changed or added by anyone (if the agency wants it, add it again from the "
                "catalogue under Add a measure on this page)")
    if what == "removed":  # drafted for a weak point only the mistyped score made, never settled: nobody chose it
        return (f"measure '{title}' is removed: it was drafted for a weak point the corrected scores no longer show, "
                "and it was not yet kept, changed or added by anyone (add it again on the plan's page, or with review "
                "--add, if the agency wants it)")
    if what == "not added":  # the plan is approved: the officer adds a measure, if the agency decides to
        title, codes = title.split("\t", 1)
        if codes and web:
            return (f"the plan is approved, so no measure was added for the weak points the corrected scores show "
                    f"now ({codes}): if the agency decides to, add '{title}' or a measure of the agency's own under "
                    "Add a measure on this page")
        if web:
            return (f"the plan is approved, so measure '{title}', which the corrected scores call for, was not added: "
                    "if the agency decides to, add it from the catalogue under Add a measure on this page")
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


def correctable(plan: Any) -> list[tuple[str, str, int | None, str, float | None]]:
    """The questions whose score may be corrected, as the plan's results give them: (value sent, code, EIT part or
    None, title, score recorded or None), every question of the plan's year; an EIT question by its parts when the
    results give EIT in two parts."""
    results = plan_results(plan)
    fw = results.framework
    recorded = {(q.code, q.part): q.score for q in results.questions}
    by_parts = fw.two_parts and any(part for _, part in recorded)
    out: list[tuple[str, str, int | None, str, float | None]] = []
    for code, question in fw.questions.items():
        parts: tuple[int | None, ...] = (1, 2) if by_parts and question.tool == "EIT" else (None,)
        out += [(f"{code}:{part}" if part else code, code, part, question.title, recorded.get((code, part)))
                for part in parts]
    return out


def corrected_results(plan: Any, typed: Sequence[tuple[str, str]], source: str) -> Results:
    """The plan's own recorded results with the scores ``typed`` in their place: each (question, score) as a form
    sends it, the question its code or ``code:part``, the score as a results file writes one (Thai digits, 0-100,
    มี/ไม่มี for OIT) and read as such a file's row is read; rows left empty are skipped. A code the year has not is
    refused with the codes nearest it; every problem is said at once (``source``, by row), nothing changed."""
    results = plan_results(plan)
    fw = results.framework
    col = Collector(source, "row")
    builder = Builder(fw, col)
    recorded = {(q.code, q.part) for q in results.questions}
    for row, (question, value) in enumerate(typed, 1):
        code, _, part = question.strip().partition(":")
        if not code and not value.strip():
            continue
        if not code:
            score = value.strip()
            col.add(row, f"choose the question whose score is '{score}'")
            continue
        known = fw.lookup(normalize_code(code) or "")
        if known is None:
            near = difflib.get_close_matches(code.lower(), [c.lower() for c in fw.questions], n=3, cutoff=0.6)
            spelled = ", ".join(fw.lookup(c) or c for c in near)
            col.add(row, f"there is no question '{code}' in the assessment of fiscal year {fw.fiscal_year}; did you "
                         f"mean {spelled}?" if near else
                    f"there is no question '{code}' in the assessment of fiscal year {fw.fiscal_year}")
            continue
        if not value.strip():
            col.add(row, f"type the corrected score of {known} (a number from 0 to 100)")
            continue
        whole = (known, None) in recorded
        if part and whole:
            col.add(row, f"the results give {known} as one score, not by EIT parts: choose the question without "
                         "a part")
            continue
        if not part and ((known, 1) in recorded or (known, 2) in recorded):
            col.add(row, f"the results give {known} by its EIT parts: choose the part whose score is corrected")
            continue
        builder.question(known, value.strip(), part or None, row)
    if not builder.questions and not col.problems:
        col.add(None, "choose a question and type its corrected score; nothing was changed")
    col.raise_if_any()
    new = {(q.code, q.part): q.score for q in builder.questions}
    results.questions = [QuestionScore(q.code, new.pop((q.code, q.part), q.score), q.part)
                         for q in results.questions] + [QuestionScore(c, v, p) for (c, p), v in new.items()]
    return results


def correct_scores(path: Path, typed: Sequence[tuple[str, str]], setup: Any, source: str = "scores",
                   web: bool = False) -> list[str]:
    """The scores ``typed`` (``corrected_results``) put in place of the ones the plan at ``path`` records, through
    ``replace_results``: the officer's work kept, what changed returned."""
    return replace_results(path, corrected_results(load_plan(path), typed, source), setup, web)
