"""The report on a plan's measures (รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส).

Built from the plan file and the progress recorded on it; every figure in it is a count of the plan's
measures, and every measure that is not done is listed with its status and the reason given (or the
plain statement that none was given). The dict returned by :func:`build_report` is the JSON contract;
the Word and Markdown files are rendered from it.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from itaplan.base.thai import fmt_date, round2
from itaplan.base.version import __version__
from itaplan.content.texts import Texts, codes_text
from itaplan.drafting.model import Plan, Signatory
from itaplan.drafting.plan import active_measures, is_action_plan
from itaplan.followup.progress import STATUS_KEYS, STATUSES, progress_of
from itaplan.followup.suggestions import drafted_suggestion
from itaplan.ita.framework import builtin_years, load_framework, report_target

ACTION_PLAN = "action_plan"  # the report's kind (and its sentences' variant) when the plan is an action plan
# who signs the report, and whom each stands in for when not named apart: the reporter is the officer who prepares the
# documents, the executive who acknowledges the one who approves the measures
REPORT_SIGNERS = (("reporter", "prepared"), ("acknowledged", "approved"))


def report_signatories(plan: Plan, later: Plan | None) -> tuple[dict[str, Signatory], bool]:
    """The report's signers (``reporter``, ``acknowledged``), with whether any is taken from ``later``. The report is
    made a year after its measures, by this year's people: a role the measures' plan names apart is kept; else this
    year's plan's (``later``, the same agency's) own role, else its preparer and approver; else the measures' plan's.
    Only names and positions are carried (an approval day is the plan's, not the report's); never a name invented."""
    own = plan["agency"].get("signatories") or {}
    agency = str(plan["agency"].get("name") or "")
    theirs: dict[str, Signatory] = {}
    if later is not None and str(later["agency"].get("name") or "") in ("", agency):
        theirs = later["agency"].get("signatories") or {}
    out: dict[str, Signatory] = {}
    from_later = False
    for role, stands_in in REPORT_SIGNERS:
        for source, key in ((own, role), (theirs, role), (theirs, stands_in), (own, stands_in)):
            person = source.get(key) or {}
            picked = Signatory()
            if person.get("name"):
                picked["name"] = str(person["name"])
            if person.get("position"):
                picked["position"] = str(person["position"])
            if picked:
                out[role] = picked
                from_later = from_later or source is theirs
                break
    return out, from_later


def _period(p: dict, t: Texts) -> str:
    started = fmt_date(p["started"], t.thai_digits, full=False) if p["started"] else None
    finished = fmt_date(p["finished"], t.thai_digits, full=False) if p["finished"] else None
    if started and finished:
        return t("report_period", start=started, end=finished)
    if finished:
        return t("report_finished_on", date=finished)
    if started:
        return t("report_started_on", date=started)
    return ""


def percent(part: int, whole: int) -> float | None:
    return None if whole == 0 else round2(100 * part / whole)


def reason_and_note(progress: dict, note: str) -> dict[str, str]:
    """Why a measure was cancelled or is not finished (its obstacles), and the officer's note, apart: the progress
    form's reason; or, for a measure cancelled from the command line (``--note``), its note, which is then its reason
    and no note besides."""
    reason = progress["reason"] or (note if progress["status"] == "dropped" else "")
    return {"reason": reason, "note": "" if note == reason else note}


def unexplained(plan: Plan) -> list[int]:
    """The numbers (in the table) of the measures the report would list as not finished (not started, in progress,
    cancelled) with no reason recorded, neither the progress form's nor the note; none while no progress is
    recorded at all (the report then says that instead)."""
    progress = [progress_of(m) for m in active_measures(plan)]
    if not any(p["status"] != "not started" or p["done"] for p in progress):
        return []
    out = [n for n, (m, p) in enumerate(zip(active_measures(plan), progress), start=1)
           if p["status"] != "done" and not (p["reason"] or (m.get("note") or "").strip())]
    return out if len(out) < len(progress) else []


def unprinted_item(plan: Plan) -> dict[str, Any] | None:
    """The OIT item the report on ``plan``'s measures is published under, when it is only assumed (the framework of
    the year that publishes it is not known): the report then prints no item, since an assumption is never printed
    as the agency's words, and the officer is told so, with the item likely (``item``), the publishing year
    (``year``) and the last year known (``known``). None when the item is known, or none is assumed."""
    year: Any
    if is_action_plan(plan):
        if not isinstance(plan.get("plan_year"), int):
            return None
        target = report_target(plan["plan_year"], action_plan=True)
        item, year, assumed = target.item, target.year, bool(target.assumption)
    else:
        item, year, assumed = plan.get("report_item"), plan.get("report_year"), bool(plan.get("report_assumption"))
    if not (assumed and item and isinstance(year, int)):
        return None
    known = [y for y in builtin_years() if y < year]
    return {"item": item, "year": year, "known": known[-1] if known else None}


SUMMARY_PARTS = (("in progress", "report_summary_in_progress"), ("not started", "report_summary_not_started"),
                 ("dropped", "report_summary_dropped"))


def summary_line(count: dict[str, int], percent_done: float | None, t: Texts) -> str:
    """The report's summary of a year not all done: the measures done (or that none is yet), then each other status
    some measure has, the last after "และ"; a status no measure has is left out, never printed as "ยกเลิก ๐ มาตรการ"."""
    legacy = {"in_progress": count["in progress"], "not_started": count["not started"], "dropped": count["dropped"]}
    key = f"report_summary_{t.variant}" if t.variant and f"report_summary_{t.variant}" in t.catalogue.texts \
        else "report_summary"
    if any("{" + name + "}" in str(t.catalogue.text(key)) for name in legacy):
        # an office's wording that says every status's count itself (as the built-in one did): printed as written
        return t("report_summary", done=count["done"], percent=t.score(percent_done), **legacy)
    head = (t("report_summary", done=count["done"], percent=t.score(percent_done)) if count["done"]
            else t("report_summary_none_done"))
    parts = [t(key, count=count[status]) for status, key in SUMMARY_PARTS if count[status]]
    if parts:
        parts[-1] = t.catalogue.text("and_also") + parts[-1]
    return " ".join([head, *parts])


def build_report(plan: Plan, t: Texts, as_of: _dt.date | None = None, later: Plan | None = None) -> dict[str, Any]:
    """The report's data. ``later``: this year's plan, drafted from the results of the year the measures were carried
    out in: the drafted suggestions then say how each measure's indicators moved, and which of this year's measures
    carries it on. A plan imported from an anti-corruption action plan (``imported.kind``: ``action_plan``) is
    reported on as that plan, its projects and activities counted as such, under the action plan's own OIT item."""
    action_plan = is_action_plan(plan)
    if action_plan:
        t = t.of(ACTION_PLAN)
    measures = active_measures(plan)
    agency = plan["agency"].get("name", "")
    rows = []
    for number, m in enumerate(measures, start=1):
        p = progress_of(m)
        drafted = not p["suggestion"]
        rows.append({
            "no": number, "id": m["id"], "title": m["title"], "indicator": m.get("indicator"), "codes": m["codes"],
            "codes_text": codes_text(m, t), "facts": [f["text"] for f in m.get("facts", [])], "method": m["method"], "timeline": m["timeline"], "owner": m["owner"],
            "evidence": m["evidence"], "status": p["status"], "status_text": t(STATUS_KEYS[p["status"]]),
            "done": p["done"], "outcome": p["outcome"], "links": p["links"], "started": p["started"],
            "finished": p["finished"], "period_text": _period(p, t),
            "suggestion": p["suggestion"] or drafted_suggestion(m, p, plan, later, t), "suggestion_drafted": drafted,
            **reason_and_note(p, m.get("note") or ""),
        })
    count = {status: sum(1 for r in rows if r["status"] == status) for status in STATUSES}
    total = len(rows)
    summary = {"measures": total, "done": count["done"], "in_progress": count["in progress"],
               "not_started": count["not started"], "dropped": count["dropped"],
               "percent_done": percent(count["done"], total)}
    scores = plan["scores"]
    if plan.get("imported") and (scores.get("total") is None or action_plan):  # a table or cards read back: which results the
        # measures came from is not known (an agency may answer the same year's results), so it is not said
        sentences = [t("report_basis_imported", agency=agency, plan_year=plan["plan_year"], count=total)]
    elif scores.get("total") is None or not scores.get("level"):  # no scores to cite: the clause is left out
        sentences = [t("report_basis_no_scores", agency=agency, fiscal_year=plan["fiscal_year"],
                       plan_year=plan["plan_year"], count=total)]
    else:
        sentences = [t("report_basis", agency=agency, fiscal_year=plan["fiscal_year"], total=t.score(scores["total"]),
                       level=scores["level"], plan_year=plan["plan_year"], count=total)]
    if total == 0:
        sentences.append(t("report_no_measures"))
    elif count["done"] == total:
        sentences.append(t("report_all_done", count=total))
    else:
        sentences.append(summary_line(count, summary["percent_done"], t))
    not_done = []
    for r in rows:
        if r["status"] == "done":
            continue
        why = "; ".join(x for x in (r["reason"], r["note"]) if x)  # why not finished or cancelled, and the note
        # each under its own label; a missing reason is said once, below
        # the officer's words in the document's digits, their addresses, codes and ids as typed (Texts.typed)
        # a cancelled measure's reason, or the obstacle of one not finished (ปัญหาอุปสรรค), as the status says
        said = "report_reason_cancelled" if r["status"] == "dropped" else "report_reason_unfinished"
        reason = ((t.with_typed(said, "reason", r["reason"]) if r["reason"] else "")
                  + (t.with_typed("report_reason", "note", r["note"]) if r["note"] else ""))
        not_done.append({"no": r["no"], "id": r["id"], "title": r["title"], "status": r["status"],
                         "status_text": r["status_text"], "reason": why,
                         "text": t("report_not_done_item", no=r["no"], title=r["title"], status=r["status_text"],
                                   reason="\x00").replace("\x00", reason)})
    unexplained = [item["no"] for item in not_done if not item["reason"]]
    if unexplained and len(unexplained) < total:  # said once; when nothing is recorded yet, report_no_progress says it
        not_done_note = t("report_reasons_missing", numbers=", ".join(str(n) for n in unexplained))
    else:
        not_done_note = ""
    updated = (plan.get("progress") or {}).get("updated")
    as_of_date = as_of or (_dt.date.fromisoformat(updated) if updated else _dt.date.today())
    report_item, report_year, item_assumed = plan.get("report_item"), plan.get("report_year"), \
        bool(plan.get("report_assumption"))
    if action_plan:  # the action plan's own item, whatever a plan imported before this was known says
        target = report_target(plan["plan_year"], action_plan=True)
        report_item, report_year, item_assumed = target.item, target.year, bool(target.assumption)
        assumptions = [f"report item: {target.assumption}"] if target.assumption else []
        known = [y for y in builtin_years() if y <= target.year]
        notes = [t("note_report_item", year=target.year, item=target.item or "", known_year=known[-1] if known else "")
                 ] if target.assumption else []
    else:
        assumptions = [f"report item: {plan['report_assumption']}"] if plan.get("report_assumption") else \
            [a for a in plan.get("assumptions", []) if a.startswith("report item:")]
        notes = [plan["report_assumption_th"]] if plan.get("report_assumption_th") else []  # the document's, in Thai
    unprinted = unprinted_item(plan)
    if unprinted:
        item, year = unprinted["item"], unprinted["year"]
        assumptions.append(f"report item: the report names no OIT item: the FY{year} framework, under which it is "
                           f"published, is not announced yet, and an assumed item is never printed as the agency's "
                           f"words (item {item} is likely); add the item when that framework names it")
    if not any(r["status"] != "not started" or r["done"] for r in rows):
        assumptions.append("progress: no progress is recorded on this plan yet (run `itaplan progress PLAN`); "
                           "every measure is reported as not started")
        notes.append(t("report_no_progress"))
    # an action plan's projects need no indicator (drafting.plan.without_indicator): not asked for
    missing = [] if action_plan else [str(r["no"]) for r in rows if r["indicator"] is None]
    if len(missing) == 1:  # imported from a table that names none: counted and listed all the same, left unset
        assumptions.append(f"measure {missing[0]} serves no indicator the table it was imported from names (none "
                           "was guessed): set `indicator:` (1 to 10) under it in the plan file (`itaplan check PLAN` "
                           "names its line)")
    elif missing:
        assumptions.append(f"measures {', '.join(missing)} serve no indicator the table they were imported from "
                           "names (none was guessed): set `indicator:` (1 to 10) under each in the plan file "
                           "(`itaplan check PLAN` names their lines)")
    for number, m in enumerate(measures, start=1):  # an import's doubt on an indicator, not settled since
        doubt = m.get("indicator_doubt")
        others: Any = m.get("indicators") or []  # a card of several indicators serves each
        served = {m.get("indicator"), *others}
        if doubt and doubt.get("kept") in served:
            kept, name_of = doubt["kept"], doubt.get("name_of")
            assumptions.append(f"measure {number} is reported under indicator {kept} as its table said, though the line "
                               f"above its card named indicator {kept} by the name of indicator {name_of} (said when "
                               "it was imported): check which it serves and set it (`itaplan review PLAN --edit "
                               f"--measure {number}`: [i]) before printing")
    if len(unexplained) == 1:
        assumptions.append(f"progress: measure {unexplained[0]} is not done and has no reason recorded "
                           "(`itaplan progress PLAN --measure ID --reason REASON`)")
    elif unexplained:
        assumptions.append(f"progress: measures {', '.join(str(n) for n in unexplained)} are not done and have no "
                           "reason recorded (`itaplan progress PLAN --measure ID --reason REASON`)")
    bare = [str(r["no"]) for r in rows if r["status"] == "done" and not r["links"] and not str(r["outcome"]).strip()]
    # the report is the evidence an assessor opens: a measure done with nothing to show reads as a bare claim
    if len(bare) == 1:
        assumptions.append(f"progress: measure {bare[0]} is done with no outcome and no evidence link recorded: add "
                           "them (`itaplan progress PLAN --measure N --outcome TEXT --link URL`) so the report shows "
                           "what came of it and its evidence (the column prints '–')")
    elif bare:
        assumptions.append(f"progress: measures {', '.join(bare)} are done with no outcome and no evidence link "
                           "recorded: add them (`itaplan progress PLAN --measure N --outcome TEXT --link URL`) so the "
                           "report shows what came of them and their evidence (the column prints '–')")
    late = round_closed(report_year, as_of_date)
    if late is not None and report_item:
        closed, dated = fmt_date(late), fmt_date(as_of_date)  # in the Buddhist Era, as the documents date
        assumptions.append(f"timing: this report is the one ITA {report_year} asked for (item {report_item}), whose "
                           f"websites were checked until about {closed}; dated {dated}, it "
                           "comes after that round: post it for the record, and make the report the next round asks "
                           "for on its own measures")
    signers, from_later = report_signatories(plan, later)
    if from_later and later is not None:
        later_year = later.get("fiscal_year")
        assumptions.append(f"signers: this plan names no reporter or executive who acknowledges the report: they are "
                           f"taken from this year's plan (drafted from the FY{later_year} results), the "
                           "reporter as the person who prepared it and the executive as the one who approved it; set "
                           "'reporter' and 'acknowledged' under agency.signatories of this plan to sign it otherwise")
    return {
        "itaplan": {"version": __version__, "document": "report", "made": _dt.date.today().isoformat()},
        # the title is the agency's, progress or not: that none is recorded yet is the officer's note (assumptions)
        "title": t("report_title", year=plan["plan_year"]),
        "agency": {**plan["agency"], "signatories": {**(plan["agency"].get("signatories") or {}), **signers}},
        "fiscal_year": plan["fiscal_year"],
        "plan_year": plan["plan_year"],
        "kind": ACTION_PLAN if action_plan else "measures",
        "report_item": report_item,
        "report_item_assumed": item_assumed,
        "report_year": report_year,
        "as_of": as_of_date.isoformat(),
        "summary": summary,
        "sentences": sentences,
        "measures": rows,
        "not_done": not_done,
        "not_done_note": not_done_note,
        "assumptions": assumptions,
        "notes": notes,
    }


def round_closed(report_year: int | None, as_of: _dt.date) -> _dt.date | None:
    """The last day the assessors of ITA ``report_year`` check OIT items on websites (its framework's ``oit_check``,
    months of the fiscal year; a year not yet known: the latest known year's), when ``as_of`` is after it; else None.
    A report made after its round is still the agency's record, but no longer the one that round scores."""
    if not isinstance(report_year, int):
        return None
    known = [y for y in builtin_years() if y <= report_year]
    if not known:
        return None
    period = load_framework(known[-1]).oit_check
    if period is None:
        return None
    month = (period.last + 8) % 12 + 1  # month 1 of the fiscal year is October
    year = report_year - 543 - (1 if period.last <= 3 else 0)
    last_day = (_dt.date(year + (month == 12), month % 12 + 1, 1) - _dt.timedelta(days=1))
    return last_day if as_of > last_day else None
