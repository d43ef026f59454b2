"""The pages: upload results, review the drafted plan, settle and edit its measures, record progress, download.

Each handler reads the form (checking its CSRF token), calls the library exactly as the command line does,
and either redirects to the page that shows the result or shows the page again with the located problems.
Every change is written to the plan file at once, under the plan's lock.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

from itaplan.app import amend, official, redraft
from itaplan.app.replace import correct_scores, correctable
from itaplan.app.replace import replace_results as replace_plan_results
from itaplan.base.errors import ConflictError, InputError, ItaplanError, Problem, UsageError, clean_text
from itaplan.base.i18n import problem_text, translate, ui_text
from itaplan.base.i18n_composed import N_
from itaplan.base.output import write_atomic
from itaplan.base import thai as thai_dates
from itaplan.base.thai import fiscal_year_end, fiscal_year_of, fmt_date, fmt_score
from itaplan.base.yamlio import loads
from itaplan.builtin import builtin_dir
from itaplan.checking.check import plan_results
from itaplan.content.texts import Texts
from itaplan.drafting import handled, settle
from itaplan.drafting.analysis import answered_by, listed_points, served_indicators, unanswered_points
from itaplan.drafting.draft import deadline_rule
from itaplan.drafting.model import Measure, Plan
from itaplan.drafting.officer_notes import approval_ahead, score_checks_of, web_notes
from itaplan.drafting.plan import (NOT_A_PLAN, active_measures, identity, is_action_plan, load_plan, plan_from_data,
                                   to_yaml, without_dimension, without_indicator)
from itaplan.drafting.stakes import plan_whatif
from itaplan.drafting.timeline import printed_deadline
from itaplan.followup.deadlines import deadline_warnings, timeline_misses
from itaplan.followup.importer import imported_key, imported_year_off
from itaplan.followup.progress import (
    NOT_STARTED_OUTCOME,
    STATUS_KEYS,
    STATUSES,
    SheetNote,
    SheetRows,
    another_plans_sheet,
    one_measure,
    progress_from_rows,
    progress_of,
    record_progress,
    refuse_another_plans_sheet,
)
from itaplan.followup.report import unexplained, unprinted_item
from itaplan.ita.framework import builtin_years, load_framework
from itaplan.ita.gather import same_agency
from itaplan.ita.results import Agency
from itaplan.ita.scoring import score
from itaplan.ita.whatif import whatif
from itaplan.render import FORMATS
from itaplan.render.cards import card_name, card_target_group, catalogue_zero
from itaplan.render.chart import chart_available, chart_labels, indicator_chart_svg
from itaplan.render.common import (measure_numbers, proposing_rules, replacing_rules, serves_line,
                                   serves_only_what_points_say, stake_line)
from itaplan.ruling.provenance import say
from itaplan.web.common import Note, NotePart, attachment, context_of, language, page, problem_lines
from itaplan.web.guard import CSRF_COOKIE, csrf_ok
from itaplan.web.store import (
    PASTED,
    PASTED_FILE,
    SET_ASIDE,
    NotFound,
    SeveralAgencies,
    holds_measures,
    measure_counts,
    plan_file_name,
    plan_stem,
    renamed,
    unread_lines,
    upload_name,
)
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

GOALS = ("85", "pass-good", "95")
UNCHANGED = "unchanged"  # a form sent with nothing new in it: nothing saved, and the page says so
SAVED_WHAT = ("keep", "drop", "edit", "progress", "add", UNCHANGED)  # what the page says was saved of a measure (``did=``)
PROGRESS_FIELDS = ("status", "done", "outcome", "links", "started", "finished", "suggestion", "reason")
DOWNLOADS = {  # kind -> (file suffix, what is rendered, what the saved file's ASCII stand-in adds to the plan's)
    "docx": ("docx", "the plan in Word", "-plan"), "pdf": ("pdf", "the plan as PDF", "-plan"),
    "xlsx": ("xlsx", "the tracking sheet", "-tracking"), "report": ("docx", "the report on the measures", "-report"),
    "report-pdf": ("pdf", "the report on the measures as PDF", "-report"),
    "cards": ("docx", "the plan with project cards", "-cards"),
    "cards-pdf": ("pdf", "the plan with project cards as PDF", "-cards"),
}
# the document a download holds, as its saved name says it (catalogue texts: Thai, as the officer files them)
DOWNLOAD_WORDS = {"docx": "download_plan", "pdf": "download_plan", "xlsx": "download_tracking",
                  "report": "download_report", "report-pdf": "download_report", "cards": "download_cards",
                  "cards-pdf": "download_cards"}


class FormRefused(Exception):
    """A form without its CSRF token (or with another page's): nothing is done."""


async def form_of(request: Request) -> Any:
    """The posted form, once its CSRF token is checked (FormRefused); a body that is no form is a UsageError."""
    from itaplan.web.api import read_form

    ctx = context_of(request)
    form = await read_form(request, max_files=2, max_fields=50, max_part_size=ctx.max_upload)
    if not csrf_ok(request.cookies.get(CSRF_COOKIE), form.get("csrf") if isinstance(form.get("csrf"), str) else None):
        raise FormRefused
    return form


def refused(request: Request) -> Response:
    from starlette.responses import PlainTextResponse

    return PlainTextResponse(ui_text("This form is out of date or came from another site: open the page again and "
                                     "send it again. Nothing was saved.", language(request)), status_code=403)


BROKEN = ("This file cannot be opened as a plan: it was changed by hand or by another program, or was saved by an "
          "older itaplan, and it no longer follows the plan format. Remove it from the list (it is kept in the hidden "
          "folder .deleted and can be restored), or have it corrected. What is wrong:")  # the page's words (web.po)


def plan_summary(path: Path) -> dict:
    try:
        plan = load_plan(path)
    except ItaplanError as exc:
        problem = renamed(exc.problems[0], str(path), path.name)  # the file as the officer knows it, not its path
        reason = BROKEN
        if problem.message == NOT_A_PLAN:  # the terminal's advice names a command; the officer here has none
            problem = Problem(path.name, N_("is not a plan made on these pages or by itaplan: it cannot be opened here, "
                                            "and whoever put it in the workspace folder can take it out"))
            reason = ""
        return {"name": path.name, "problem": str(problem), "reason": reason}
    s = plan["scores"]
    saved = _dt.datetime.fromtimestamp(path.stat().st_mtime)
    return {"name": path.name, "agency": plan["agency"].get("name", ""), "fiscal_year": plan["fiscal_year"],
            "plan_year": plan["plan_year"], "imported": bool(plan.get("imported")),
            "action_plan": is_action_plan(plan), "total": s["total"], "level": s["level"], "label": s["label"],
            **measure_counts(plan),  # those in force, and those cancelled during the year said apart
            # how much the officer did on it, then when it was saved: of two plans of the same results, the one
            "worked": (worked_on(plan), path.stat().st_mtime_ns),  # worked on (``following_plans``)
            "modified": f"{fmt_date(saved.date(), full=False)} {saved:%H:%M}"}  # 7 ธ.ค. 2569 09:30, as the rest


def plan_summaries(ctx: Any) -> list[dict]:
    """Every plan's summary for the home page; a plan is read again only when its file changed (its time of
    modification or size), so the home page of a workspace of forty plans costs forty stat calls."""
    summaries = []
    for path in ctx.workspace.plans():
        try:
            info = path.stat()
        except OSError:
            continue
        stamp = (info.st_mtime_ns, info.st_size)
        cached = ctx.summaries.get(path.name)
        if cached is None or cached[0] != stamp:
            cached = ctx.summaries[path.name] = (stamp, plan_summary(path))
        summaries.append(cached[1])
    for gone in set(ctx.summaries) - {s["name"] for s in summaries}:
        ctx.summaries.pop(gone, None)
    return sorted(summaries, key=lambda s: (s.get("agency") or "\uffff", s["name"]))  # by agency, then file


async def home(request: Request, problems: list[str] | None = None, status: int = 200, pasted: str = "",
               restoring: dict | None = None, tracking: dict | None = None, several: dict | None = None,
               year: str = "", kind: str = "results") -> Response:
    from starlette.concurrency import run_in_threadpool

    ctx = context_of(request)
    # in a worker thread (not under the engine's lock): the event loop goes on answering while plans are read
    plans = await run_in_threadpool(plan_summaries, ctx)
    lang = language(request)
    plans = [{**p, "problem": translate(p["problem"], lang)} if p.get("problem") else p for p in plans]
    gone = [{**r, "when": f"{fmt_date(r['when'].date(), full=False)} {r['when']:%H:%M}",
             "saved": f"{fmt_date(r['saved'].date(), full=False)} {r['saved']:%H:%M}" if r.get("saved") else "",
             "typed": restoring["name"] if restoring and restoring["kept"] == r["kept"] else r["free"]}
            for r in await run_in_threadpool(ctx.workspace.removed)]
    view = None
    if not plans:  # an empty workspace opens the bundled example, drafted in memory until it is saved
        if ctx.example is None:
            ctx.example = await ctx.run(_draft_example, ctx)
        view = await ctx.free(plan_view, ctx, ctx.example, request.query_params.get("goal", "85"))
    removed = None
    if request.query_params.get("removed") and request.query_params.get("kept"):  # a plan just set aside (remove)
        removed = {"name": request.query_params["removed"], "kept": str(Path(SET_ASIDE) / request.query_params["kept"])}
    return page(request, "home.html", status, plans=plans, problems=problems or [], workspace=str(ctx.workspace.folder),
                view=view, example=bool(view), pasted=pasted, removed=removed, gone=gone,
                restoring=restoring["kept"] if restoring else None, tracking=tracking, several=several,
                years=builtin_years(), year=year, kind=kind)


def same_agency_year(ctx: Any, plan: Plan, name: str) -> list[str]:
    """The other plans of the workspace drafted from results of the same agency and fiscal year as ``plan`` (the
    results pasted again, corrected, say): said on the page, every time it is opened, until one is removed."""
    agency = (plan.get("agency") or {}).get("name") or ""
    if plan.get("imported") or not agency or redraft.name_unknown(plan, ctx.setup):
        return []
    return [s["name"] for s in plan_summaries(ctx) if s["name"] != name and not s.get("imported")
            and s.get("agency") == agency and s.get("fiscal_year") == plan.get("fiscal_year")]


def _draft_example(ctx: Any) -> dict:
    return ctx.setup.plan(ctx.setup.scorecard(builtin_dir("examples") / "example.yaml"))


def _save_new(ctx: Any, plan: Plan, wanted: str, thai: bool = False) -> Path:
    """A new plan written under a free name made from ``wanted``, once it is checked to load back as written: a
    plan the pages could not open again is never saved (the problems name ``wanted``, never the server's path)."""
    text = to_yaml(plan)
    plan_from_data(loads(text, wanted), wanted)
    path = ctx.workspace.new_plan_path(wanted, thai)
    write_atomic(path, text, force=False)
    return path


def results_key(plan: Plan) -> tuple:
    """What two plans drafted from the same results share: the agency, the year and every score given."""
    s = plan.get("scores") or {}
    questions = [(q.get("code"), q.get("score"), sorted((q.get("parts") or {}).items())) for q in s.get("questions", [])]
    return ((plan.get("agency") or {}).get("name"), plan.get("fiscal_year"), s.get("total"), questions)


def given_key(plan: Plan) -> str:
    """The results a plan was drafted from, as given: the digest kept when it was drafted (results_key), so that
    entering the ITAS total, the agency's name or last year's results later does not make it other results; a plan
    drafted before the digest was kept is known by what it records now."""
    kept = (plan.get("itaplan") or {}).get("results_key")
    return kept or hashlib.sha256(repr(results_key(plan)).encode("utf-8")).hexdigest()[:32]


def upload_key(plan: Plan) -> tuple:
    """What two plans made from the same upload share: the same results, or the same measures table imported."""
    imported = imported_key(plan)
    return ("table", imported) if imported is not None else ("results", given_key(plan))


def worked_on(plan: Plan) -> int:
    """How much the officer did on a plan: decisions and changes logged, measures settled or given progress, the
    ITAS total, the agency's name or last year's results entered."""
    s = plan.get("scores") or {}
    log = (plan.get("review") or {}).get("log") or []  # type: ignore[union-attr]
    return (len(log) + sum(m.get("status", "proposed") != "proposed" or bool(m.get("progress")) for m in plan["measures"])
            + (s.get("total_source") == "given") + bool(s.get("previous")))


def _twin(ctx: Any, plan: Plan, new: Path, key_of: Any = upload_key) -> Path | None:
    """A plan of the workspace (other than ``new``) drafted from the same results as ``plan``, or imported from the
    same measures table, if any (``key_of``: what the two share); of several, the one most worked on, then the
    oldest."""
    key = key_of(plan)
    found = []
    for path in ctx.workspace.plans():
        if path.name == new.name:
            continue
        try:
            other = load_plan(path)
            if key_of(other) == key:
                found.append((-worked_on(other), path.stat().st_mtime, path.name, path))
        except (ItaplanError, OSError):
            continue
    return min(found)[3] if found else None


def _draft_upload(ctx: Any, name: str, results: Any) -> tuple[Path, list[str], Path | None]:
    """The plan drafted from uploaded results, saved under a new name; its warnings, and a plan already in the
    workspace drafted from the same results (the same file uploaded again, say), if any."""
    plan = ctx.setup.plan(score(results))
    plan["itaplan"]["results_key"] = given_key(plan)  # as given, before anything is entered on its page
    agency = (plan.get("agency") or {}).get("name") or ""
    if name == PASTED_FILE and agency and not redraft.name_unknown(plan, ctx.setup):  # not pasted.plan.yaml
        path = _save_new(ctx, plan, plan_stem(agency, plan.get("fiscal_year")), thai=True)
    else:
        path = _save_new(ctx, plan, name)
    return path, [str(w) for w in results.warnings], _twin(ctx, plan, path)


def _save_opened(ctx: Any, plan: Plan, name: str) -> tuple[Path, Path | None]:
    """A plan file uploaded (itaplan's own, from another workspace, say), saved as it is under a new name; and a
    plan of the workspace that is the same plan (the same file uploaded before, or a later state of it), if any."""
    path = _save_new(ctx, plan, name)
    return path, _twin(ctx, plan, path, identity)


def imported_name(ctx: Any, plan: Plan, name: str) -> tuple[str, bool]:
    """The name a plan imported from a measures table is saved under, and whether it keeps Thai letters: after the
    agency and the plan's year the table says (นาสิงห์-มาตรการ-2569), else after the file (its Thai name kept,
    "-measures" added unless it says so already)."""
    agency = str((plan.get("agency") or {}).get("name") or "")
    year = plan.get("plan_year")
    if agency and not redraft.name_unknown(plan, ctx.setup):
        return "-".join([plan_stem(agency, None), "มาตรการ", *([str(year)] if year else [])]), True
    stem = Path(name).stem
    said = re.search(r"measures|มาตรการ", stem, re.IGNORECASE)
    return (stem if said else f"{stem}-measures"), True


def _save_imported(ctx: Any, plan: Plan, wanted: str, thai: bool = False) -> tuple[Path, Path | None]:
    """A plan imported from a measures table, saved under a new name; and a plan of the workspace imported from the
    same table, if any."""
    path = _save_new(ctx, plan, wanted, thai)
    return path, _twin(ctx, plan, path)


async def checked_form(request: Request) -> tuple[Any, Response | None]:
    """The request's form, or the answer to give instead: refused (CSRF, origin) or not a form at all (400)."""
    try:
        return await form_of(request), None
    except FormRefused:
        return None, refused(request)
    except ItaplanError as exc:  # a body that is no form
        return None, page(request, "error.html", 400, problems=problem_lines(exc, language(request)))


def not_found(request: Request, exc: ItaplanError) -> Response:
    """The 404 page for a plan (or a download) that is not in the workspace, in the interface's language."""
    return page(request, "error.html", 404, problems=problem_lines(exc, language(request)))


async def plan_form(request: Request) -> tuple[Any, Path | None, Response | None]:
    """A form posted to a plan's page: the form and the plan's file, or the answer to give instead (refused, no
    form, no such plan)."""
    form, refusal = await checked_form(request)
    if refusal is not None:
        return None, None, refusal
    try:
        return form, context_of(request).workspace.plan_path(request.path_params["name"]), None
    except NotFound as exc:
        return None, None, not_found(request, exc)


async def upload(request: Request) -> Response:
    ctx = context_of(request)
    form, refusal = await checked_form(request)
    if refusal is not None:
        return refusal
    file, text = form.get("results"), form.get("text")
    name, agency = "", None
    if _field(form, "kind") == "measures":  # the officer said: this file holds last year's measures
        return await upload_last_measures(request, form)
    try:
        kept = ctx.tables.get(_field(form, "table")) if _field(form, "table") else None
        if kept is not None and _field(form, "agency"):  # one agency chosen of a table of many uploaded before
            (name, data), agency = kept, _field(form, "agency")
        elif isinstance(file, UploadFile) and file.filename:
            name, data = upload_name(file.filename, "results"), await file.read()
            opened = await ctx.read_plan(name, data)  # itaplan's own plan file: opened as a plan, never as results
            if opened is not None:
                path, earlier = await ctx.run(_save_opened, ctx, opened, name)
                if earlier is not None:  # the same plan uploaded again: said, with the plan that holds it
                    ctx.twins[path.name] = earlier.name
                    ctx.copies.add(path.name)
                return RedirectResponse(f"/plan/{quote(path.name)}", status_code=303)
        elif isinstance(text, str) and text.strip():
            name, data = "pasted.txt", text.encode("utf-8")
        elif _field(form, "table"):
            raise UsageError(Problem("results", "the table of many agencies is no longer kept (the server was "
                                                "restarted since, or other tables were uploaded): upload it again"))
        else:
            raise UsageError(Problem(UPLOADED, "choose a results file or paste the results text"))
        chosen = _field(form, "framework").strip()  # the form's year of the results, as the command line's --framework
        framework = (await ctx.free(load_framework, chosen) if chosen
                     else await ctx.free(lambda: ctx.setup.framework))
        try:
            results = await ctx.read(name, data, framework, agency)
        except ItaplanError:
            # a plan's own tracking sheet, filled in: never a new plan; it belongs on its plan's progress form
            sheet = await _tracking_sheet(ctx, name, data)
            if sheet is not None:
                holders = await ctx.free(plans_holding, ctx, sheet.ids)
                return await home(request, [], 400, tracking={"name": name, "plans": holders})
            # no ITA results: last year's hand-made measures table, perhaps, for the report on those measures
            imported = await ctx.read_measures(name, data) if name != "pasted.txt" else None
            if imported is None or not imported.plan["measures"]:
                raise
            path, earlier = await ctx.run(_save_imported, ctx, imported.plan, *imported_name(ctx, imported.plan, name))
            ctx.flash[path.name] = [imported_note(imported, name, request)]
            if earlier is not None:  # the same table uploaded again: said, with the plan that holds it, as for results
                ctx.twins[path.name] = earlier.name
            return RedirectResponse(f"/plan/{quote(path.name)}", status_code=303)
        if isinstance(results, SeveralAgencies):  # the officer chooses whose plan to draft, as --agency does
            return await home(request, [], 200, several={**keep_table(ctx, name, data, results.names),
                                                           "framework": chosen})
        if name == "pasted.txt" and results.unread:  # a typo would cost its whole part: mended first, in the box
            raise InputError(unread_lines(name, data.decode("utf-8"), results.unread))
        path, warnings, earlier = await ctx.run(_draft_upload, ctx, name, results)
    except ItaplanError as exc:
        if name == "pasted.txt":  # the officer pasted text: no file of that name is theirs
            exc.problems = [renamed(p, "pasted.txt", PASTED) for p in exc.problems]
        # the pasted text comes back in its box, to be mended rather than copied from ITAS again
        return await home(request, problem_lines(exc, language(request)), 400,
                          pasted=text if isinstance(text, str) else "",
                          year=_field(form, "framework").strip())
    ctx.flash[path.name] = [translate_line(f"warning: {w}", request) for w in warnings]
    if earlier is not None:  # the same results uploaded again: said, with the plan that holds them, never silent
        ctx.twins[path.name] = earlier.name
    return RedirectResponse(f"/plan/{quote(path.name)}", status_code=303)


LAST_MEASURES = N_("last year's measures")  # where a problem with a form taking last year's measures is
RESULTS_AS_MEASURES = N_("this is a results file (the ITA scores of fiscal year {year}), not a table of measures: give "
                         "it where results are taken (“Last year's results, to compare with” on a plan's page, or the "
                         "home page's upload as results); here give the document that lists last year's measures "
                         "(Word, PDF or Excel); nothing was changed")
NO_MEASURE_IMPORTED = N_("no measure could be imported from it: it holds no table of measures with their method, "
                         "timeline, follow-up and owner, nor project cards (ชื่อโครงการ, วิธีดำเนินการ, "
                         "ระยะเวลาดำเนินการ, ผู้รับผิดชอบ) (see the rows named above, if any)")


async def import_last_measures(ctx: Any, name: str, data: bytes, plan: Plan | None = None) -> Any:
    """Last year's measures in an uploaded file the officer chose as such (a published document holding last
    year's results and measures, say), imported as ``itaplan import`` imports them: for ``plan`` (its agency, and
    the year its results are of, which is the year last year's measures ran in; another agency's or year's are
    refused), or for the results the file holds too (the measures then run in the year their project cards' timeline
    says, or else the year after those results)."""
    from itaplan.ita.gather import NoFiscalYear

    results = None
    try:
        results = await ctx.read(name, data)
    except (ItaplanError, NoFiscalYear):  # no results in it: a table of measures alone
        results = None
    if isinstance(results, SeveralAgencies):
        results = None
    results_year = results.framework.fiscal_year if results is not None else None
    plan_year: int | None
    usual_year: int | None = None
    if plan is not None:
        agency = None if redraft.name_unknown(plan, ctx.setup) else (plan.get("agency") or {}).get("name") or None
        plan_year = plan.get("fiscal_year")
    else:  # the measures' own year when they say it (project cards' timeline), else the year after the results
        agency = (results.agency.name or None) if results is not None else None
        plan_year = None
        usual_year = results_year + 1 if results_year is not None else None
    try:
        imported = await ctx.read_measures(name, data, plan_year=plan_year, agency=agency, results_year=results_year,
                                           chosen=True, usual_year=usual_year)
    except ItaplanError:
        imported = None
        if results is None or await ctx.free(holds_measures, name, data):
            raise
    if results is not None and (imported is None or not imported.plan["measures"]):
        # scores of codes and no measure: a results file in the box of measures, said as such (not "of another year")
        raise InputError(Problem(name, RESULTS_AS_MEASURES.format(year=results_year)))
    if imported is None or not imported.plan["measures"]:
        rows = [Problem(name, translate(line, "en")) for line in (imported.not_understood if imported else [])[:10]]
        raise InputError([*rows, Problem(name, NO_MEASURE_IMPORTED)])
    return imported


async def _saved_last_measures(request: Request, name: str, imported: Any) -> Response:
    ctx = context_of(request)
    path, earlier = await ctx.run(_save_imported, ctx, imported.plan, *imported_name(ctx, imported.plan, name))
    ctx.flash[path.name] = [imported_note(imported, name, request)]
    if earlier is not None:  # the same table uploaded again: said, with the plan that holds it, as for results
        ctx.twins[path.name] = earlier.name
    return RedirectResponse(f"/plan/{quote(path.name)}", status_code=303)


async def upload_last_measures(request: Request, form: Any) -> Response:
    """The home page's upload chosen as last year's measures: imported as a plan of its own, for the report."""
    ctx = context_of(request)
    file = form.get("results")
    name = ""
    try:
        if not (isinstance(file, UploadFile) and file.filename):
            raise UsageError(Problem(LAST_MEASURES, "choose the file that holds last year's measures (Word, PDF, "
                                                    "Excel, CSV or text)"))
        name = upload_name(file.filename, "measures")
        imported = await import_last_measures(ctx, name, await file.read())
    except ItaplanError as exc:
        return await home(request, problem_lines(exc, language(request)), 400, kind="measures")
    return await _saved_last_measures(request, name, imported)


async def last_measures(request: Request) -> Response:
    """Last year's measures uploaded on a plan's page (the document published last year, its results and measures
    together, say): imported for this plan's agency and year as a plan of their own, whose page records what was
    done and downloads the report on them; this plan's page lists it."""
    ctx = context_of(request)
    name = request.path_params["name"]
    form, path, answer = await plan_form(request)
    if answer is not None:
        return answer
    assert path is not None
    file = form.get("measures")
    source = ""
    try:
        if not (isinstance(file, UploadFile) and file.filename):
            raise UsageError(Problem(LAST_MEASURES, "choose the file that holds last year's measures (Word, PDF, "
                                                    "Excel, CSV or text); nothing was changed"))
        source = upload_name(file.filename, "measures")
        plan = await ctx.free(load_plan, path)
        imported = await import_last_measures(ctx, source, await file.read(), plan)
    except ItaplanError as exc:
        exc.problems = [renamed(p, str(path), name) for p in exc.problems]
        reopened: dict = {"measure": None, "form": "last-measures", "typed": {}, "shown": {}}
        return await plan_page(request, problem_lines(exc, language(request)), 400, reopened)
    return await _saved_last_measures(request, source, imported)


def last_measures_plans(ctx: Any, plan: Plan) -> list[dict]:
    """The plans of the workspace holding last year's measures of ``plan``'s agency (their plan year is the year
    ``plan``'s results are of), drafted here first, then imported: each with its report, listed on ``plan``'s page
    (the upload of last year's measures is offered only when there is none). A drafted one carries ``following``,
    the plan its report takes as this year's (``itaplan report --next``), as its own download does."""
    year = plan.get("fiscal_year")
    if plan.get("imported") or not isinstance(year, int):
        return []
    here = Agency(name=str((plan.get("agency") or {}).get("name") or ""))
    found = [s for s in plan_summaries(ctx) if not s.get("problem") and s.get("plan_year") == year
             and same_agency(here, Agency(name=str(s.get("agency") or "")))]
    drafted = [{**s, "following": following_plan(ctx, year, str(s.get("agency") or ""))}
               for s in found if not s.get("imported")]
    return drafted + [s for s in found if s.get("imported")]


def next_year_plan(ctx: Any, plan: Plan) -> str | None:
    """The plan of the workspace drafted from the results of the year ``plan``'s measures ran in, of the same agency:
    the one the report on those measures takes as this year's (``itaplan report --next``), its suggestions then
    saying how each measure's indicators moved and which of this year's measures carries it on. Of several (the same
    results uploaded twice), the one the officer worked on most (``worked_on``), then the one saved last: the page
    names it and the others; None when there is none."""
    found = next_year_plans(ctx, plan)
    return found[0] if found else None


def next_year_plans(ctx: Any, plan: Plan) -> list[str]:
    """Every plan ``next_year_plan`` chooses from, the chosen one first."""
    return following_plans(ctx, plan.get("plan_year"), str((plan.get("agency") or {}).get("name") or ""))


def following_plan(ctx: Any, year: Any, agency: str) -> str | None:
    """``next_year_plan`` of the plan of ``agency`` whose measures ran in ``year``."""
    found = following_plans(ctx, year, agency)
    return found[0] if found else None


def following_plans(ctx: Any, year: Any, agency: str) -> list[str]:
    """The plans of ``agency`` drafted from the results of ``year``, the one worked on most first (then by name)."""
    if not isinstance(year, int):
        return []
    here = Agency(name=agency)
    found = [s for s in plan_summaries(ctx) if not s.get("problem") and not s.get("imported")
             and s.get("fiscal_year") == year and same_agency(here, Agency(name=str(s.get("agency") or "")))]
    by_name = sorted(found, key=lambda s: s["name"])
    return [s["name"] for s in sorted(by_name, key=lambda s: tuple(s.get("worked") or (0, 0)), reverse=True)]


TABLES_KEPT = 8  # tables of many agencies kept in memory for the officer's choice; the oldest goes first


def keep_table(ctx: Any, name: str, data: bytes, names: tuple[str, ...]) -> dict:
    """Keep an uploaded table of many agencies until one is chosen; what the page shows to choose from."""
    import secrets

    key = secrets.token_urlsafe(16)
    ctx.tables[key] = (name, data)
    while len(ctx.tables) > TABLES_KEPT:
        ctx.tables.pop(next(iter(ctx.tables)))
    return {"name": name, "key": key, "agencies": list(names)}


async def _tracking_sheet(ctx: Any, name: str, data: bytes) -> SheetRows | None:
    """The rows of an upload that is a plan's tracking sheet (its measure id column), or None: anything else."""
    if Path(name).suffix.lower() != ".xlsx":
        return None
    try:
        sheet = await ctx.read_tracking(name, data, quiet=True)
    except ItaplanError:  # out of time or memory: then it is no tracking sheet either
        return None
    return sheet if sheet is not None and sheet.ids else None


def plans_holding(ctx: Any, ids: list[str]) -> list[dict]:
    """The plans of the workspace holding every measure a tracking sheet lists (its file, agency and year)."""
    wanted = set(ids)
    found = []
    for path in ctx.workspace.plans():
        try:
            plan = load_plan(path)
        except ItaplanError:
            continue
        if wanted <= {m["id"] for m in plan["measures"]}:
            found.append({"name": path.name, "agency": (plan.get("agency") or {}).get("name") or "",
                          "plan_year": plan.get("plan_year")})
    return found


def imported_note(imported: Any, name: str, request: Request) -> Note:
    """What the page says of a measures table imported instead of results: which year's plan it became, for what,
    then what to act on as short lists (the rows it could not understand, what it asks to check)."""
    plan = imported.plan
    lang = language(request)
    if is_action_plan(plan):  # its projects and activities, for the report on the action plan (no indicator asked)
        lead = ui_text("The {count} projects and activities of the anti-corruption action plan in {name} (its project "
                       "cards) were imported as the plan of fiscal year {year}, to record what was done and to "
                       "download the report on that action plan.", lang, name=name,
                       count=len(plan["measures"]), year=plan["plan_year"])
    else:
        lead = ui_text("The {count} measures of {name} (its table of measures or its project cards) were imported as "
                       "the plan of fiscal year {year}, to record what was done and to download the report on last "
                       "year's measures.", lang, name=name, count=len(plan["measures"]), year=plan["plan_year"])
    parts: list[NotePart] = []
    if imported.not_understood:
        parts.append({"text": ui_text("Rows not understood, left out:", lang),
                      "lines": located_lines(imported.not_understood, lang)})
    warnings = getattr(imported, "warnings", [])
    if warnings:  # a project card's section it could not read (left empty), an indicator to check: never guessed
        parts.append({"text": ui_text("To check (nothing was guessed):", lang), "lines": located_lines(warnings, lang)})
    signers = (plan.get("agency") or {}).get("signatories") or {}
    if signers:  # carried over from the file's sign-off, to be checked rather than typed again
        parts.append({"text": ui_text("Who signs the documents was read from the file's sign-off ({signers}): check "
                                      "it in \"Who signs the documents, and the agency's staff\" on this page.", lang,
                                      signers="; ".join(" ".join(x for x in (p.get("name", ""), p.get("position", ""))
                                                                 if x) for p in signers.values())),
                      "lines": []})
    missing = without_indicator(plan)
    if missing:  # imported all the same and counted in the report; the indicator is the officer's to set
        parts.append({"text": ui_text("Measures {numbers} name no indicator: they were imported with none (nothing "
                                      "was guessed) and the report counts them; choose each one's indicator under "
                                      "\"Change the texts\" of that measure on this page.", lang,
                                      numbers=", ".join(str(n) for n, _ in missing)),
                      "lines": []})
    return {"lead": lead, "parts": parts}


SHOWN_LINES = 10  # of one part of a note: the rest counted
_LOCATED = re.compile(r".+? \((?:line (?P<line>\d+)|row (?P<row>\d+)|table (?P<table>\d+) row (?P<table_row>\d+))\): "
                      r"(?P<message>.+)\Z", re.S)


def located_lines(lines: list[str], lang: str) -> list[str]:
    """An import's lines for a list under the sentence that names the file: each translated, its place in the file
    said in the interface's language ("บรรทัดที่ 195: …", not "000.txt (line 195): …"), the file's name left out."""
    shown = []
    for line in lines[:SHOWN_LINES]:
        said = translate(line, lang)
        found = _LOCATED.match(said)
        if found is None:
            shown.append(said)
        elif found["line"]:
            shown.append(ui_text("Line {line}: {message}", lang, line=found["line"], message=found["message"]))
        elif found["row"]:
            shown.append(ui_text("Row {row}: {message}", lang, row=found["row"], message=found["message"]))
        else:
            shown.append(ui_text("Table {table}, row {row}: {message}", lang, table=found["table"],
                                 row=found["table_row"], message=found["message"]))
    if len(lines) > SHOWN_LINES:
        shown.append(ui_text("… and {count} more", lang, count=len(lines) - SHOWN_LINES))
    return shown


def translate_line(line: str, request: Request) -> str:
    return translate(line, language(request))


async def open_example(request: Request) -> Response:
    ctx = context_of(request)
    _, refusal = await checked_form(request)  # only its CSRF token matters
    if refusal is not None:
        return refusal
    if ctx.example is None:
        ctx.example = await ctx.run(_draft_example, ctx)
    path = await ctx.run(_save_new, ctx, ctx.example, "example")
    return RedirectResponse(f"/plan/{quote(path.name)}", status_code=303)


def plan_view(ctx: Any, plan: Plan, goal: str, reopened: dict | None = None) -> dict:
    """Everything the plan page shows that is worked out from the plan: what-if, progress, the words for states.

    ``reopened``: a form that was refused (``{"measure", "form", "typed", "shown"}``), shown open again with what
    was typed in it and what it showed when it was first opened (so that a change made since is still caught)."""

    goal = goal if goal in GOALS else "85"
    estimate: dict | None = None
    try:
        results = plan_results(plan)
        what = whatif(results, goal, 10)
        if not what.get("gains_known") and results.total is not None:  # the total entered as ITAS shows it
            estimate = estimated_gains(ctx, plan, results, goal)
            if estimate is not None:
                what = estimate.pop("whatif")
    except ItaplanError as exc:  # a plan whose year has no framework any more, say
        what = {"problem": str(exc.problems[0])}

    text = ctx.setup.catalogue.text
    texts, target = Texts(ctx.setup.catalogue), (plan.get("scores") or {}).get("target", 85)
    measures = []
    numbers = measure_numbers(plan)  # as the documents number them: a dropped measure has no number there
    no_dimension = {m["id"] for _, m in without_dimension(plan)}  # the action-plan table would print '–'
    names = {i["number"]: i.get("name") or "" for i in (plan.get("analysis") or {}).get("indicators") or []}
    for m in plan["measures"]:
        now = progress_of(m)
        forms = {"edit": {**edit_form(m), "budget": amend.budget_text(plan, m["id"])}, "progress": progress_form(now, m),
                 "drop": {"reason": ""}}
        shown, opened = dict(forms), None
        if reopened and reopened["measure"] == m["id"]:
            opened = reopened["form"]
            forms[opened] = {**forms[opened], **reopened["typed"]}
            shown[opened] = {**shown[opened], **reopened["shown"]}
        state = m.get("status", "proposed")
        # a measure whose progress is recorded is under way: its progress says more than "awaiting a decision"
        badge_status = now["status"] if state == "proposed" and now["status"] != "not started" else None
        measures.append({**m, "no": numbers.get(m["id"], "–"), "state": state, "progress_now": now, "badge_status": badge_status,
                         "stake": stake_line(m, target, texts), "open": opened,
                         "estimated_stake": stake_line(estimate["stakes"][m["id"]], target, texts)
                         if estimate and m["id"] in estimate["stakes"] else None,
                         "conflict": bool(opened and reopened and reopened.get("conflict")),
                         # each problem of the refused form beside its field (field -> messages)
                         "field_problems": (reopened.get("problems") or {}) if opened and reopened else {},
                         # each text in its own place: why dropped, why cancelled, the officer's note, when finished
                         "drop_reason": settle.drop_reason(m),
                         "own_note": "" if state == "dropped" and not m.get("dropped_reason") else m.get("note") or "",
                         "finished_text": fmt_date(_dt.date.fromisoformat(now["finished"])) if now["finished"] else "",
                         "started_text": fmt_date(_dt.date.fromisoformat(now["started"])) if now["started"] else "",
                         # every evidence link recorded, a web address as a link (never another scheme's)
                         "links_shown": [(link, link if re.match(r"https?://\S+$", link) else "")
                                         for link in now["links"]],
                         # the plan year's items it serves, as the documents cite them beside last year's codes
                         # every indicator its row names in the measures table (ตัวชี้วัดที่ 5 และ 10), not its first
                         "served": [(n, names.get(n) or (m.get("indicator_name") if n == m.get("indicator") else "")
                                     or "") for n in served_indicators(m)],
                         "serves_text": serves_line(m["serves"], plan["plan_year"], texts)
                         if m.get("serves") and not serves_only_what_points_say(m) else "",
                         # the rules that proposed it, with their layer, for the officer and the auditor
                         "proposed_by": [{"id": rid, "layer": "built-in" if layer == "built-in" else
                                          "office" if layer else "", "replaces": rid in replacing_rules(m)}
                                         for rid, layer in proposing_rules(m)],
                         "edit_form": forms["edit"], "edit_shown": shown["edit"], "drop_form": forms["drop"],
                         "budget_now": amend.budget_text(plan, m["id"]),
                         # what its project card and the action-plan table print (an own measure's "มาตรการ…" as
                         # "กิจกรรม…"; its target group by what it answers): shown, never renamed unseen
                         "no_dimension": m["id"] in no_dimension,
                         "card_name_now": card_name(m, texts), "target_group_now": card_target_group(m, plan, texts),
                         # a timeline the officer typed prints as typed: the deadline of the items it serves is
                         # shown beside it on the page, never appended to it in the documents
                         "deadline_rule": None if printed_deadline(plan, m) or not isinstance(plan.get("plan_year"), int)
                         else deadline_rule(m, plan["plan_year"], ctx.setup.catalogue),
                         # ... and a typed timeline that starts after (or ends before) that deadline, said on the card
                         "deadline_misses": timeline_misses(m, plan["plan_year"], printed_deadline(plan, m))
                         if isinstance(plan.get("plan_year"), int) else [],
                         "progress_form": forms["progress"], "progress_shown": shown["progress"]})
    forms = {"add": {"source": "catalogue", "rec": "", "indicator": "", "dimension": "", "answers": "",
                     "budget": "", **{f: "" for f in (*amend.OWN_FIELDS, *settle.PROJECT_FIELDS)}},
             "signatories": {**amend.signatory_form(plan), "staff": amend.staff_text(plan)},
             "official": official.official_form(plan),
             "agency": {"agency": ""}, "previous": {f: "" for f in PREVIOUS_FIELDS}, "replace": {"text": ""},
             "scores": {f: "" for f in SCORE_FIELDS},
             "previous-total": {"total": ""}, "last-measures": {}, "handled": {"point": "", "text": ""}}
    shown = {"signatories": dict(forms["signatories"])}
    if reopened and reopened["measure"] is None:
        forms[reopened["form"]] = {**forms[reopened["form"]], **reopened["typed"]}
        shown[reopened["form"]] = {**shown.get(reopened["form"], {}), **reopened["shown"]}
    return {"plan": plan, "whatif": what, "goal": goal, "goals": GOALS, "measures": measures,
            "statuses": [(s, text(STATUS_KEYS[s])) for s in STATUSES], "chart": chart_available(),
            "open": reopened["form"] if reopened and reopened["measure"] is None else None,
            "form_problems": (reopened.get("problems") or {}) if reopened and reopened["measure"] is None else {},
            "addable": addable_groups(plan, ctx.setup.catalogue),
            "indicators": [(i["number"], i["name"]) for i in plan["analysis"]["indicators"]],
            "dimensions": list(dimensions_of(ctx, plan).items()),
            "catalogue_zeros": sum(catalogue_zero(m, plan, ctx.setup.catalogue) for m in active_measures(plan)),
            "add_form": forms["add"], "sign_form": forms["signatories"], "sign_shown": shown["signatories"],
            "roles": amend.SIGNOFF_ROLES, "official_form": forms["official"], "unanswered": unanswered_of(plan),
            "answerable": [] if plan.get("imported") else answerable_points(plan), "action_plan": is_action_plan(plan),
            "unexplained": unexplained(plan),  # unfinished measures the report would list with no reason
            "estimate": estimate, **score_checks(ctx, previous_differs_of(ctx, plan, estimate_of(ctx, plan), estimate)),
            "name_unknown": not plan.get("imported") and redraft.name_unknown(plan, ctx.setup),
            "agency_typed": forms["agency"]["agency"], "handled_form": forms["handled"], "last_year": last_year_plans(ctx, plan),
            "last_measures": last_measures_plans(ctx, plan), "previous_total": previous_total_typed(plan, reopened),
            "previous_form": forms["previous"], "replace_form": forms["replace"], "scores_form": forms["scores"],
            "score_rows": SCORE_ROWS, "correctable": [] if plan.get("imported") else correctable_of(plan)}


def correctable_of(plan: Plan) -> list[tuple[str, str, int | None, str, float | None]]:
    """The questions the form correcting scores one by one offers (none: a plan whose year has no framework)."""
    try:
        return correctable(plan)
    except ItaplanError:
        return []


def addable_groups(plan: Plan, catalogue: Any) -> list[dict]:
    """The catalogue's measures the plan may add, under the indicator each serves (its number and name, as a heading:
    numbers written before each measure read as a numbered list), those that serve no one indicator last."""
    names = {i["number"]: i["name"] for i in (plan.get("analysis") or {}).get("indicators") or []}
    groups: list[dict] = []
    for rid, title, number in amend.addable(plan, catalogue):
        if not groups or groups[-1]["number"] != number:
            groups.append({"number": number, "name": names.get(number, ""), "measures": []})
        groups[-1]["measures"].append((rid, re.sub(r"\{(?!items\})\w+\}", "…", title)))  # {items}: named on the page
    return groups


def last_year_plans(ctx: Any, plan: Plan) -> list[dict]:
    """The plans of the workspace drafted from the results of the year before ``plan``'s, to compare with: the same
    agency's first (the one offered), then any other of that year."""
    year = plan.get("fiscal_year")
    if plan.get("imported") or not isinstance(year, int):
        return []
    name = (plan.get("agency") or {}).get("name")
    found = [s for s in plan_summaries(ctx) if not s.get("problem") and not s.get("imported")
             and s.get("fiscal_year") == year - 1]
    return sorted(found, key=lambda s: (s.get("agency") != name, s["name"]))


def estimated_gains(ctx: Any, plan: Plan, results: Any, goal: str) -> dict | None:
    """What each fix is worth when the plan's total is the one ITAS shows: it does not follow from the questions,
    so the NACC's figures give no worth to any of them (the documents say so, and print none). For the officer's
    priorities the page works them out on the total computed from the question scores instead, and says so, with
    how far that total is from ITAS's: the what-if, each measure's stake (copies: the plan is not changed), the two
    totals. None when even the computed total is unknown."""
    computed = replace(results, total=None, level=None, label=None)
    what = whatif(computed, goal, 10)
    if not what.get("gains_known"):
        return None
    card = score(computed)
    copies = [dict(m) for m in plan["measures"]]
    plan_whatif(card, copies, ctx.setup.catalogue)
    official_total = float(results.total)
    return {"whatif": what, "computed": card.total, "official": official_total,
            "difference": None if card.total is None else abs(official_total - card.total),
            "stakes": {m["id"]: m for m in copies}}


def unanswered_of(plan: Plan) -> dict | None:
    """The weak points the analysis lists with no measure kept to answer them (as ``render`` and ``review --edit``
    warn), as (code, EIT part) pairs, with the dropped measures that answered them, to be kept again."""
    left = unanswered_points(plan)
    if not left or plan.get("imported"):
        return None
    dropped = [m for m in plan["measures"] if m.get("status") == "dropped"]
    by_code = answered_by(dropped)
    # a whole indicator's point (a fall, an indicator known by its score) by the measures the analysis cites for it
    cited = {key: list(point.get("measures") or []) for key, _, point in listed_points(plan)}
    ids = {mid for point in left for mid in [*by_code.get(point, []), *cited.get(point, [])]}
    recorded = handled.statements(plan)
    # each point with the agency's statement on it (printed after it instead of a measure), or none yet
    return {"points": left, "dropped": [(m["id"], m.get("title") or "") for m in dropped if m["id"] in ids],
            "unhandled": [point for point in left if point not in recorded],
            "stated": [point for point in left if point in recorded],
            "statements": [(point, point_value(*point), recorded.get(point, "")) for point in left]}


def estimate_of(ctx: Any, plan: Plan) -> dict:
    """Whether the plan's total is itaplan's estimate on weights the NACC has not confirmed: then the page says
    so in its own words, beside the form that takes the total as ITAS shows it, instead of the drafted note that
    tells a results file's ``total:`` line (a line the web's officer never sees)."""
    s = plan.get("scores") or {}
    notes = web_notes([str(n) for n in plan.get("officer_notes") or []], ctx.setup.catalogue)
    if s.get("total_source") != "computed" or s.get("total") is None:
        return {"estimated": False, "officer_notes": notes}
    note = say(ctx.setup.catalogue, "note_total_assumed_weights", total=fmt_score(s["total"]), year=plan["fiscal_year"])
    return {"estimated": note in notes, "officer_notes": [n for n in notes if n != note]}


def score_checks(ctx: Any, view: dict) -> dict:
    """The view with the warnings that a score as typed may be wrong (a score far below its tool's others, far from
    last year's) taken out of its notes and warnings into ``score_checks``: the page says them at its top, with the
    results they question and the way to correct a score, not below the scorecard among the plan's warnings."""
    checks, notes = score_checks_of(view["officer_notes"], ctx.setup.catalogue)
    more, warnings = score_checks_of(view["plan_warnings"], ctx.setup.catalogue)
    return {**view, "officer_notes": notes, "plan_warnings": warnings, "score_checks": checks + more}


def previous_differs_of(ctx: Any, plan: Plan, view: dict, estimate: dict | None = None) -> dict:
    """Whether last year's total as published does not follow from that year's own indicators (the plan records
    the computed figure then): the page says so in its own words at the last-year section, in the interface's
    language, instead of the drafted officer's note (Thai), which ``view``'s notes lose. With ``estimate`` (the
    what-if worked out on the computed total, beside ITAS's), the scoring's warning that the two totals differ is
    left out: the estimate's first line says both, and how far apart."""
    from itaplan.drafting.draft import note_text

    prev = (plan.get("scores") or {}).get("previous") or {}
    computed, total, year = prev.get("computed_total"), prev.get("total"), prev.get("fiscal_year")
    # the note of budgets for measures not in the plan, as its measures and budgets are now (one added, dropped, or
    # its budget cleared since the plan was drafted)
    warnings = redraft.with_budget_note([str(w) for w in plan.get("warnings") or []], plan, ctx.setup.catalogue,
                                        ctx.setup.ruleset)
    if estimate is not None:  # ITAS's total and the computed one are said, with how far apart, by the estimate
        s = plan.get("scores") or {}
        said = note_text("total_differs", {"given": s.get("total"), "computed": s.get("computed_total")},
                         ctx.setup.catalogue)
        warnings = [w for w in warnings if w != said]
    if computed is None or total is None:
        return {**view, "previous_differs": None, "plan_warnings": warnings}
    catalogue = ctx.setup.catalogue
    note = say(catalogue, "note_previous_total_published", year=year, total=fmt_score(total),
               computed=fmt_score(computed))
    # the scoring's own warning of the same figures ("ข้อมูลปี 2568: คะแนนรวมตามที่ประกาศผล (88.51) ต่างจาก…")
    scoring = note_text("previous_total_differs", {"given": total, "computed": computed, "year": year}, catalogue)
    assumed = isinstance(year, int) and year in builtin_years() and \
        any(a.fact == "weights" for a in load_framework(year).assumptions)
    return {**view, "officer_notes": [n for n in view["officer_notes"] if n != note],
            "plan_warnings": [w for w in warnings if w != scoring],
            "previous_differs": {"year": year, "total": total, "computed": computed, "assumed": assumed}}


def edit_form(measure: Measure) -> dict[str, str]:
    """The edit form's fields as the page shows them; each is sent back beside the typed value (shown-…)."""
    return {"title": measure.get("title") or "", "owner": measure.get("owner") or "",
            "timeline": measure.get("timeline") or "", "method": "\n".join(measure.get("method") or []),
            "evidence": "\n".join(measure.get("evidence") or []), "note": measure.get("note") or "",
            "rationale": measure.get("rationale") or "", **settle.project_texts(measure),
            "dimension": str(measure.get("dimension") or "")}


def progress_form(progress: dict, measure: Measure) -> dict[str, str]:
    """The progress form's fields as the page shows them (dates as officers type them, 15/3/2569), with the reason
    a measure cancelled during the year needs (its own field: the measure's note, on the edit form, stays as typed)."""
    from itaplan.web.common import typed_date

    return {"status": progress["status"], "done": progress["done"], "outcome": progress["outcome"],
            "links": "\n".join(progress["links"]), "started": typed_date(progress["started"]),
            "finished": typed_date(progress["finished"]), "suggestion": progress["suggestion"],
            "reason": progress["reason"]}


async def plan_page(request: Request, problems: list[str] | None = None, status: int = 200,
                    reopened: dict | None = None) -> Response:
    ctx = context_of(request)
    name = request.path_params["name"]
    try:
        path = ctx.workspace.plan_path(name)
        from itaplan.drafting.plan import load_plan

        plan = await ctx.free(load_plan, path)
    except NotFound as exc:
        return not_found(request, exc)
    except ItaplanError as exc:  # a file changed by hand, say: said plainly, by its name, with a way to remove it
        exc.problems = [renamed(p, str(path), name) for p in exc.problems]
        return page(request, "error.html", 400, broken=name, reason=BROKEN,
                    broken_problems=problem_lines(exc, language(request)))
    view = await ctx.free(plan_view, ctx, plan, request.query_params.get("goal", "85"), reopened)
    notes = ctx.flash.pop(name, []) if status == 200 else []
    if status == 200:  # what a change of last year's results or of the total did to the measures
        notes += [translate(line, language(request)) if isinstance(line, str) else line
                  for line in ctx.flash.pop(f"measures:{name}", [])]
    twin = ctx.twins.pop(name, None) if status == 200 else None
    copy = twin is not None and name in ctx.copies
    if twin is not None:
        ctx.copies.discard(name)
    replaced = ctx.flash.pop(f"replaced:{name}", None) if status == 200 else None
    siblings = [s for s in await ctx.free(same_agency_year, ctx, plan, name) if s != twin]
    early = report_early(plan, _dt.date.today())
    due = [translate(line, language(request)) for line in deadline_warnings(plan, thai_dates.today())]
    approval = approval_ahead(plan, thai_dates.today())  # the documents would say approved on a day still to come
    following_all = await ctx.free(next_year_plans, ctx, plan)  # the one the report takes first, then the others
    following = following_all[0] if following_all else None
    return page(request, "plan.html", status, name=name, view=view, problems=problems or [], notes=notes, twin=twin,
                copy=copy, siblings=siblings, replaced=replaced, following=following,
                following_others=", ".join(following_all[1:]),
                past=None if plan.get("imported") else year_over(plan, _dt.date.today()),  # last year's: it is over
                year_off=imported_year_off(plan),  # imported measures not of last year: whose report this year's is
                incomplete=incomplete_results(plan),  # a partial paste: said at the top, with the way to the rest
                saved=request.query_params.get("saved"), sheet=sheet_said(request),
                did=request.query_params.get("did") if request.query_params.get("did") in SAVED_WHAT else None,
                early=early, due=due, approval=approval and {"day": approval, "today": thai_dates.today()},
                unprinted_item=unprinted_item(plan), downloads=["report", "report-pdf", "xlsx"] if plan.get("imported") else  # no analysis
                [k for k in DOWNLOADS if not (early and not early["recorded"] and k in REPORTS)])


def incomplete_results(plan: Plan) -> dict | None:
    """Results that leave indicators without a score (a partial paste), as ``score`` says them first: the indicators,
    the total and level as given or not worked out, the questions the analysis rests on. None: complete, or an
    imported plan (no results)."""
    if plan.get("imported"):
        return None
    s = plan.get("scores") or {}
    numbers = [int(i["number"]) for i in s.get("indicators") or [] if i.get("score") is None]
    if not numbers:
        return None
    return {"numbers": ", ".join(map(str, numbers)), "total": s.get("total"), "level": s.get("level") or "–",
            "count": len(s.get("questions") or [])}


def sheet_said(request: Request) -> str | None:
    """What the tracking sheet just read back changed, said at its form: how many measures, or that nothing did."""
    params = request.query_params
    changed, count = params.get("changed", ""), params.get("of", "")
    if params.get("saved") != "tracking" or not (changed.isdigit() and count.isdigit()):
        return None
    if int(changed):
        return ui_text(SHEET_CHANGED, language(request), changed=int(changed), count=int(count))
    return ui_text(SHEET_UNCHANGED, language(request))


REPORTS = ("report", "report-pdf")  # the report on the plan's own measures, in Word and PDF


def report_early(plan: Plan, today: _dt.date) -> dict | None:
    """The plan's year when it is not over yet, with how many of its measures are not started: the report on them is
    for the year's end, and with no progress recorded it would only list every measure as not started (the page
    then does not offer it, and says why; the report on last year's measures is a plan of its own). None when the
    year is over, or for a plan imported for the report on last year's measures."""
    year = plan.get("plan_year")
    if plan.get("imported") or not isinstance(year, int) or today > fiscal_year_end(year):
        return None
    measures = active_measures(plan)
    not_started = sum(progress_of(m)["status"] == "not started" for m in measures)
    return {"year": year, "count": len(measures), "not_started": not_started, "recorded": not_started < len(measures)}


def year_over(plan: Plan, today: _dt.date) -> dict | None:
    """The plan's fiscal year when it is over (every timeline and deadline past), with the year that runs now:
    the page says so, as the terminal does when such a plan is drafted."""
    year = plan.get("plan_year")
    if isinstance(year, int) and today > fiscal_year_end(year):
        return {"year": year, "now": fiscal_year_of(today)}
    return None


async def chart(request: Request) -> Response:
    """The indicator chart of a plan (or of the example shown in an empty workspace) as an SVG image."""

    ctx = context_of(request)
    name = request.path_params.get("name")
    try:
        plan = ctx.example if name is None else await ctx.free(load_plan, ctx.workspace.plan_path(name))
    except ItaplanError:
        return Response(status_code=404)
    narrow = request.query_params.get("narrow") == "1"  # drawn for a phone's width: its words read there
    svg = None if plan is None else await ctx.run(_chart_svg, ctx, plan, narrow)
    if svg is None:
        return Response(status_code=404)
    return Response(svg, media_type="image/svg+xml", headers={"cache-control": "no-store"})


def _chart_svg(ctx: Any, plan: Plan, narrow: bool = False) -> str | None:
    if not chart_available():
        return None
    return indicator_chart_svg(plan, chart_labels(plan, Texts(ctx.setup.catalogue)), narrow=narrow)


async def _measure_action(request: Request, act: Any, form_name: str | None = None,
                          fields: tuple[str, ...] = (), refused: str | None = None) -> Response:
    """Read the form, find the plan, let ``act(ctx, path, measure_id, form)`` change it; back to the measure, with
    what was saved (``did``: the form's, or keep/drop as decided), which the page says in a line naming the measure.
    A refused form (``form_name``; or ``refused``, the action of a form whose saved line says its action, as a drop,
    sending ``fields``) is shown again, open, with everything typed in it."""
    ctx = context_of(request)
    name, mid = request.path_params["name"], request.path_params["measure"]
    form, path, answer = await plan_form(request)
    if answer is not None:
        return answer
    assert path is not None
    try:
        done = await ctx.run(act, ctx, path, mid, form)
    except ItaplanError as exc:  # the plan named as the user knows it, never by the server's path
        exc.problems = [renamed(p, str(path), name) for p in exc.problems]
        beside = field_problems(exc.problems, EDIT_SOURCES, language(request))  # before they are named for the top
        try:  # the measure named as the page shows it: its number and title, never its id
            exc.problems = in_form_words(exc.problems, await ctx.free(load_plan, path), mid)
        except ItaplanError:
            pass
        # a conflict (409): what was typed comes back over what the file holds now, and the form shows what it
        # holds now as what it showed, so that saving it again (one button) puts the typed values over the newer
        # ones, after the page has said which changed and how
        conflict = isinstance(exc, ConflictError)
        reopen = form_name or (refused if refused and _field(form, "action") == refused else None)
        reopened = None if reopen is None else {
            "measure": mid, "form": reopen, "typed": {f: _field(form, f) for f in fields if f in form},
            "shown": {} if conflict else {f: _field(form, f"shown-{f}") for f in fields if f"shown-{f}" in form},
            "conflict": conflict, "problems": beside}
        return await plan_page(request, problem_lines(exc, language(request)),
                               409 if isinstance(exc, ConflictError) else 400, reopened)
    did = done if done == UNCHANGED else form_name or _field(form, "action")
    return RedirectResponse(f"/plan/{quote(name)}?saved={quote(mid, safe='')}&did={did}#m-{quote(mid, safe='')}",
                            status_code=303)


# where a problem of a form is, as the engine locates it -> the form's field it is said beside
EDIT_SOURCES = {**{f: f for f in settle.EDITABLE}, amend.BUDGET: "budget"}


def field_problems(problems: list[Problem], sources: Mapping[str, str], lang: str) -> dict[str, list[str]]:
    """Each problem of a refused form that is about one of its fields, by field (``sources``: a problem's source
    -> the field), its message in the interface language: said beside the field, as well as at the top of the page,
    every one of them (a blank title and a wrong budget, both)."""
    beside: dict[str, list[str]] = {}
    for p in problems:
        if p.source in sources:
            beside.setdefault(sources[p.source], []).append(translate(p.message, lang))
    return beside


MEASURE_SHOWN = N_("measure {no}: {title}")  # a measure as the page shows it (its number in the documents)
MEASURE_SHOWN_DROPPED = N_("the dropped measure {title}")  # one dropped: it has no number
MEASURE_BUDGET = N_("the budget (baht) of measure {no}: {title}")  # a measure's budget box
MEASURE_FIELD = N_("the field {field} of measure {no}: {title}")  # a field of a measure's edit form: which measure
MEASURE_FIELD_DROPPED = N_("the field {field} of the dropped measure {title}")
# ... and a project of an imported anti-corruption action plan, as its report calls it (โครงการ/กิจกรรม)
PROJECT_SHOWN = N_("project {no}: {title}")
PROJECT_SHOWN_DROPPED = N_("the dropped project {title}")
PROJECT_BUDGET = N_("the budget (baht) of project {no}: {title}")
PROJECT_FIELD = N_("the field {field} of project {no}: {title}")
PROJECT_FIELD_DROPPED = N_("the field {field} of the dropped project {title}")
# the progress check's words for the command line's columns, in the progress form's own words instead
FORM_WORDS = {
    "status is done but what was done is empty: describe what was done":
        N_("the status is done but What was done is empty: write what was done there"),
    "status is dropped but the note is empty: give the reason in the note":
        N_("the status is cancelled but Reason it was cancelled is empty: write the reason there"),
    "status is not started but what was done or a date is filled in: set the status":
        N_("the status is not started but What was done or a date is filled in: choose the status"),
    NOT_STARTED_OUTCOME:
        N_("the status is not started but Outcome is filled in: choose the status, or clear Outcome"),
    "status is in progress but a finish date is given: set the status to done or clear the date":
        N_("the status is in progress but Finished on is filled in: choose done, or clear Finished on"),
}


def in_form_words(problems: list[Problem], plan: Plan, mid: str) -> list[Problem]:
    """A measure's problems as its forms say things: the measure by its number and title (not ``measure 'id'``,
    said once, not twice), the progress check's words for the form's fields."""
    measure = next((m for m in plan["measures"] if m["id"] == mid), None)
    if measure is None:
        return problems
    number = measure_numbers(plan).get(mid)
    project = is_action_plan(plan)  # an action plan's projects, named as its report names them
    shown = ((PROJECT_SHOWN if project else MEASURE_SHOWN).format(no=number, title=measure.get("title") or "")
             if number is not None else
             (PROJECT_SHOWN_DROPPED if project else MEASURE_SHOWN_DROPPED).format(title=measure.get("title") or ""))
    out = []
    for p in problems:
        source, message = p.source, p.message
        if source in (f"measure '{mid}'", f"measure '{mid}' (progress form)"):
            source = shown
        elif source == amend.BUDGET and number is not None:  # the page shows many budget boxes: which one
            source = (PROJECT_BUDGET if project else MEASURE_BUDGET).format(no=number, title=measure.get("title") or "")
        elif source in settle.FIELD_WORDS or source in settle.FIELD_WORDS.values():  # a field of the edit form,
            field = settle.FIELD_WORDS.get(source, source)  # said at the top of the page: of which measure
            source = ((PROJECT_FIELD if project else MEASURE_FIELD).format(field=field, no=number,
                                                                           title=measure.get("title") or "")
                      if number is not None else
                      (PROJECT_FIELD_DROPPED if project else MEASURE_FIELD_DROPPED).format(
                          field=field, title=measure.get("title") or ""))
        title = measure.get("title") or mid
        for named in (f"'{mid}'", f"{number} ('{title}')", f"'{title}'"):  # said once, by the source
            message = message.removeprefix(f"measure {named}: ")
        message = FORM_WORDS.get(message, message)
        out.append(Problem(source, message, p.line, p.column, p.what))
    return out


def _field(form: Any, key: str) -> str:
    """A text field as typed, without control characters (a NUL, ESC or BEL has no place in a plan)."""
    value = form.get(key)
    return clean_text(value) if isinstance(value, str) else ""


def _shown(form: Any, fields: tuple[str, ...]) -> dict[str, str]:
    """What the form showed of each field it sends (its shown-… fields); a form without them is from an older
    page, and could only overwrite what others saved since: refused."""
    shown = {f: _field(form, f"shown-{f}") for f in fields if f"shown-{f}" in form}
    if any(f in form and f not in shown for f in fields):
        raise UsageError(Problem("form", "does not say what it showed when it was opened (a page from an older "
                                         "itaplan?); nothing was saved: open the plan again and make the change there"))
    return shown


def _decide(ctx: Any, path: Path, mid: str, form: Any) -> None:
    action = _field(form, "action")
    if action == "keep":
        settle.keep(path, mid)
    elif action == "drop":
        settle.drop(path, mid, _field(form, "reason"))
    else:
        raise UsageError(Problem("action", f"'{action[:40]}' is not keep or drop"))


EDIT_FIELDS = (*settle.EDITABLE, "budget", "dimension")


def _edit(ctx: Any, path: Path, mid: str, form: Any) -> None:
    typed = {f: _field(form, f) for f in settle.EDITABLE if f in form}
    shown = _shown(form, EDIT_FIELDS)
    problems: list[Problem] = []  # every field refused, named at once, before anything is saved
    if "budget" in form:
        try:
            amend.budget_amount(_field(form, "budget"))
        except InputError as exc:
            problems += exc.problems
    try:
        settle.field_values(settle.typed_changes(typed, {f: v for f, v in shown.items() if f in typed}))
    except UsageError as exc:
        problems = exc.problems + problems  # in the form's order: the texts, then the budget
    if problems:
        raise UsageError(problems)
    if _field(form, "indicator"):  # a measure imported with none: the officer chooses it (checked first)
        settle.set_indicator(path, mid, _field(form, "indicator"), len(load_plan(path)["analysis"]["indicators"]) or 10)
    if _field(form, "dimension") and _field(form, "dimension") != _field(form, "shown-dimension"):
        settle.set_dimension(path, mid, _field(form, "dimension"), dimensions_of(ctx, load_plan(path)))
    settle.change(path, mid, typed, shown={f: v for f, v in shown.items() if f not in ("budget", "dimension")})
    if "budget" in form:
        amend.set_budget(path, mid, _field(form, "budget"), shown.get("budget"))


def _progress(ctx: Any, path: Path, mid: str, form: Any) -> str | None:
    today = _dt.date.today()
    text = ctx.setup.catalogue.text
    values = {k: _field(form, k) for k in ("done", "outcome", "started", "finished", "suggestion", "reason")
              if k in form}
    shown = _shown(form, PROGRESS_FIELDS)

    def updates_of(plan: Plan) -> dict:
        return one_measure(plan, mid, text, today, status=_field(form, "status") or None,
                           links=_field(form, "links") if "links" in form else None,
                           where=N_("measure '{id}' (progress form)"), shown=shown, **values)

    _, _, changed = record_progress(path, path, updates_of, today)
    return None if changed else UNCHANGED  # a form sent as it was shown records nothing: the page says so


async def decide(request: Request) -> Response:
    # a drop refused (no reason: the browser's "required" is not the app's check) comes back on its form
    return await _measure_action(request, _decide, fields=("reason",), refused="drop")


async def edit(request: Request) -> Response:
    return await _measure_action(request, _edit, "edit", EDIT_FIELDS)


async def progress(request: Request) -> Response:
    return await _measure_action(request, _progress, "progress", PROGRESS_FIELDS)


async def _plan_action(request: Request, act: Any, form_name: str, fields: tuple[str, ...], anchor: str,
                       reword: Any = None, sources: Mapping[str, str] | None = None) -> Response:
    """A change to the plan as a whole (a measure added, the signatories): like _measure_action, and a refused
    form comes back open with everything typed in it."""
    ctx = context_of(request)
    name = request.path_params["name"]
    form, path, answer = await plan_form(request)
    if answer is not None:
        return answer
    assert path is not None
    try:
        done = await ctx.run(act, ctx, path, form)
    except ItaplanError as exc:
        exc.problems = [renamed(p, str(path), name) for p in exc.problems]
        conflict = isinstance(exc, ConflictError)  # as a measure's form: sent again, what was typed goes over
        typed = {f: ",".join(str(v) for v in form.getlist(f)) if f in MULTIPLE else _field(form, f)
                 for f in fields if f in form}
        reopened = {"measure": None, "form": form_name, "typed": typed,
                    "shown": {} if conflict else {f: _field(form, f"shown-{f}") for f in fields if f"shown-{f}" in form},
                    "problems": field_problems(exc.problems, sources or {}, language(request))}
        lines = problem_lines(exc, language(request))
        return await plan_page(request, reword(lines, language(request)) if reword else lines,
                               409 if isinstance(exc, ConflictError) else 400, reopened)
    target = done or anchor
    return RedirectResponse(f"/plan/{quote(name)}?saved={quote(target, safe='')}{'&did=add#m-' if done else '#'}"
                            f"{quote(target, safe='')}", status_code=303)


ADD_FIELDS = ("source", "rec", "indicator", "dimension", *amend.OWN_FIELDS, *settle.PROJECT_FIELDS, "budget", "answers")
MULTIPLE = ("answers",)  # fields sent once per box ticked


def point_value(code: str, part: int) -> str:
    """A weak point as the add form's box sends it: its code, and its EIT part after a colon (O22:0, i12:1)."""
    return f"{code}:{part}"


def ticked_points(form: Any) -> list[tuple[str, int]]:
    """The weak points ticked on the add form ("answers", one ``point_value`` a box)."""
    out: list[tuple[str, int]] = []
    for value in form.getlist("answers"):
        code, _, part = str(value).partition(":")
        if not code.strip() or not part.strip().isdigit():
            raise UsageError(Problem(amend.ANSWERS, f"'{str(value)[:30]}' is not a weak point of the form"))
        out.append((code.strip(), int(part)))
    return out


def answerable_points(plan: Plan) -> list[tuple[str, str, int, bool]]:
    """Every weak point the analysis lists, as the own measure's form offers them (none ticked), those left with no
    measure kept first (``amend.weak_points``): the box's value, the analysis's sentence of the point, the indicator
    it is listed under, whether it is left with no measure kept. A point another measure answers is offered too:
    the agency's own measure may answer it as well (the analysis then cites both)."""
    left = unanswered_points(plan)
    listed = {key: (number, point) for key, number, point in listed_points(plan)}
    return [(point_value(*key), str(listed[key][1].get("text") or key[0]), listed[key][0], key in left)
            for key in amend.weak_points(plan)]


def dimensions_of(ctx: Any, plan: Plan) -> dict[str, str]:
    """The action plan's dimensions for the plan's year, number -> name (settings.yaml's dimensions)."""
    cat = ctx.setup.catalogue
    year = plan.get("plan_year") or 0
    return {n: cat.dimension_name(int(n), year) for n in (cat.dimensions_until_2565 if year <= 2565 and
                                                           cat.dimensions_until_2565 else cat.dimensions)}
SIGN_FIELDS = tuple(f"{role}-{key}" for role in amend.SIGNOFF_ROLES for key in amend.SIGNATORY_FIELDS)
SIGN_FORM_FIELDS = (*SIGN_FIELDS, "staff")  # the agency's form: who signs, and its number of personnel


def _add(ctx: Any, path: Path, form: Any) -> str:
    """The measure the form adds (a catalogue's, or the agency's own); its id."""
    own_typed = any(_field(form, f).strip() for f in amend.OWN_FIELDS)
    # the agency's own measure written out with "from the catalogue" still chosen and nothing chosen there: the
    # officer's intent is plain, so it is added as their own (the radio button is easy to miss)
    if _field(form, "source") == "own" or (not _field(form, "rec") and own_typed):
        # it answers only the weak points the officer ticked: itaplan cannot know what the agency's own measure does
        plan = amend.add_own(path, {f: _field(form, f) for f in amend.OWN_FIELDS}, _field(form, "indicator"),
                             dimension=_field(form, "dimension"), dimensions=dimensions_of(ctx, load_plan(path)),
                             answers=ticked_points(form), budget=_field(form, "budget"),
                             card={f: _field(form, f) for f in settle.PROJECT_FIELDS})
    else:
        rec = _field(form, "rec")
        if not rec:
            raise UsageError(Problem(amend.NEW_MEASURE, "choose a measure of the catalogue, or write the agency's own"))
        plan = amend.add_from_catalogue(path, rec, ctx.setup.catalogue, answer=True)
    return plan["measures"][-1]["id"]


def _sign(ctx: Any, path: Path, form: Any) -> None:
    shown = _shown(form, SIGN_FORM_FIELDS)
    typed = {f: _field(form, f) for f in SIGN_FIELDS if f in form}
    problems: list[Problem] = []  # every field's problem at once, checked before anything is saved
    if "staff" in form:
        try:
            amend.staff_number(_field(form, "staff"))
        except InputError as exc:
            problems += exc.problems
    problems += amend.read_signatory_form(typed)[1]
    if problems:
        raise InputError(problems)
    amend.set_signatories(path, {f: _field(form, f) for f in SIGN_FIELDS if f in form},
                          shown={f: v for f, v in shown.items() if f != "staff"})
    if "staff" in form:
        amend.set_staff(path, _field(form, "staff"), shown.get("staff"))


MEASURE_ADDED = N_("A measure is added, not yet settled, for a weak point the scores show now: measure {no}: {title}")
MEASURE_ANSWERS_NONE = N_("A measure no longer answers a weak point (the scores are not below the target now): keep it "
                          "as the agency's own choice, or drop it: measure {no}: {title}")

MEASURE_REMOVED = N_("A measure is removed: it was drafted for a weak point the scores no longer show, and nobody had "
                     "kept, changed or added it yet: {title}")


def measure_changes(before: Plan, after: Plan) -> list[str]:
    """What a redraft did to the measures (``redraft.refresh_measures``), a line each, by number and title: one
    added for a weak point the scores show now (last year's results given: an indicator's fall, say), one kept
    that no longer answers any, one removed (drafted for a weak point gone, never settled)."""
    numbers = measure_numbers(after)
    had = {m["id"]: bool(m.get("facts")) for m in before["measures"]}
    now = {m["id"] for m in after["measures"]}
    lines = [MEASURE_REMOVED.format(title=m.get("title") or "") for m in before["measures"]
             if m["id"] not in now and m.get("status") != "dropped"]
    for m in after["measures"]:
        no, title = numbers.get(m["id"]), m.get("title") or ""
        if no is None:  # dropped: nothing to settle
            continue
        if m["id"] not in had:
            lines.append(MEASURE_ADDED.format(no=no, title=title))
        elif had[m["id"]] and not m.get("facts"):
            lines.append(MEASURE_ANSWERS_NONE.format(no=no, title=title))
    return lines


def remeasured(ctx: Any, path: Path, act: Any, *args: Any) -> None:
    """``act(*args)`` (a change that drafts the plan again), then what it did to the measures kept for the page to
    say (``measure_changes``)."""
    before = load_plan(path)
    act(*args)
    lines = measure_changes(before, load_plan(path))
    if lines:
        ctx.flash[f"measures:{path.name}"] = lines


def _official(ctx: Any, path: Path, form: Any) -> None:
    typed = {f: _field(form, f).strip() for f in official.FIELDS}
    if _field(form, "action") == "clear" or not any(typed.values()):  # back to the total computed from the questions
        remeasured(ctx, path, official.clear_official_total, path, ctx.setup)
    else:
        remeasured(ctx, path, official.set_official_total, path, typed, ctx.setup)


async def set_total(request: Request) -> Response:
    return await _plan_action(request, _official, "official", official.FIELDS, "scorecard",
                              sources={official.OFFICIAL: "total", official.LEVEL: "level", official.LABEL: "label"})


HANDLED_FIELDS = ("point", "text")


def _handled(ctx: Any, path: Path, form: Any) -> None:
    code, _, part = _field(form, "point").partition(":")
    if not code.strip() or not part.strip().isdigit():
        raise UsageError(Problem(handled.PLACE, f"'{_field(form, 'point')[:30]}' is not a weak point of the form"))
    handled.set_statement(path, (code.strip(), int(part)), _field(form, "text"))


async def handled_statement(request: Request) -> Response:
    """The agency's own statement of how it handles a weak point no kept measure answers, typed in the warning that
    lists such points (``drafting.handled``); printed in the analysis after the point. Blank removes it."""
    return await _plan_action(request, _handled, "handled", HANDLED_FIELDS, "unanswered")


def _agency_name(ctx: Any, path: Path, form: Any) -> None:
    redraft.set_agency_name(path, _field(form, "agency"), ctx.setup)


async def agency_name(request: Request) -> Response:
    """The agency's name its results did not give (a PDF read badly, text pasted without it), typed on the page."""
    return await _plan_action(request, _agency_name, "agency", ("agency",), "scorecard")


UPLOADED = N_("the results to draft the plan from")  # where a problem with the home page's upload form is
LAST_YEAR = N_("last year's results")  # where a problem with the form for last year's results is
PREVIOUS_FIELDS = ("plan", "text")


async def previous_year(request: Request) -> Response:
    """Last year's results given on the plan page, to compare with: a plan of the workspace drafted from them, a
    results file, or text pasted from ITAS, read as ``--previous FILE`` reads them; ``action=clear`` takes them away
    again. The plan is scored and its analysis drafted again; measures and decisions are kept."""
    ctx = context_of(request)
    name = request.path_params["name"]
    form, path, answer = await plan_form(request)
    if answer is not None:
        return answer
    assert path is not None
    file, text, chosen = form.get("results"), _field(form, "text"), _field(form, "plan")
    source = ""
    try:
        if _field(form, "action") == "clear":
            previous = None
        elif isinstance(file, UploadFile) and file.filename:
            source = upload_name(file.filename, "results")
            previous = await ctx.read(source, await file.read())
        elif text.strip():
            source = "pasted.txt"
            previous = await ctx.read(source, text.encode("utf-8"))
        elif chosen:
            earlier = ctx.workspace.plan_path(chosen)
            given = await ctx.free(lambda: plan_results(load_plan(earlier)))
            given.source = chosen  # named as the officer chose it, never by its path
            previous = given
        else:
            raise UsageError(Problem(LAST_YEAR, "choose last year's plan, or a results file, or paste last year's "
                                                "results; nothing was changed"))
        await ctx.run(remeasured, ctx, path, redraft.set_previous, path, previous, ctx.setup)
    except ItaplanError as exc:
        exc.problems = [renamed(renamed(p, str(path), name), "pasted.txt", PASTED) if source == "pasted.txt"
                        else renamed(p, str(path), name) for p in exc.problems]
        reopened = {"measure": None, "form": "previous", "typed": {f: _field(form, f) for f in PREVIOUS_FIELDS},
                    "shown": {}}
        return await plan_page(request, problem_lines(exc, language(request)), 400, reopened)
    return RedirectResponse(f"/plan/{quote(name)}?saved=previous#previous", status_code=303)


def previous_total_typed(plan: Plan, reopened: dict | None) -> str:
    """The field of last year's total as ITAS published it: as typed when the form was refused, else the
    published total the plan holds (none when the plan holds only the total computed from last year's indicators)."""
    if reopened and reopened.get("form") == "previous-total":
        return str(reopened["typed"].get("total", ""))
    prev = (plan.get("scores") or {}).get("previous") or {}
    return fmt_score(prev["total"]) if prev.get("computed_total") is not None and prev.get("total") is not None else ""


def _previous_total(ctx: Any, path: Path, form: Any) -> None:
    remeasured(ctx, path, official.set_previous_total, path, "" if _field(form, "action") == "clear"
               else _field(form, "total"), ctx.setup)


async def previous_total(request: Request) -> Response:
    """Last year's total as ITAS published it, typed on the page (a results file's ``previous: total:``)."""
    return await _plan_action(request, _previous_total, "previous-total", ("total",), "previous")


CORRECTED = N_("the corrected results")  # where a problem with the form replacing the plan's results is


async def replace_results(request: Request) -> Response:
    """The plan's results replaced by corrected ones (a file, or text pasted from ITAS, read as the home page reads
    them), the officer's work kept (``replace_plan_results``); results of another agency or year are refused.
    The page then says what changed."""
    from itaplan.ita.gather import NoFiscalYear

    ctx = context_of(request)
    name = request.path_params["name"]
    form, path, answer = await plan_form(request)
    if answer is not None:
        return answer
    assert path is not None
    file, text = form.get("results"), _field(form, "text")
    source = ""
    try:
        if isinstance(file, UploadFile) and file.filename:
            source, data = upload_name(file.filename, "results"), await file.read()
        elif text.strip():
            source, data = "pasted.txt", text.encode("utf-8")
        else:
            raise UsageError(Problem(CORRECTED, "choose the corrected results file, or paste the corrected results "
                                                "text; nothing was changed"))
        plan = await ctx.free(load_plan, path)
        try:
            results = await ctx.read(source, data)
        except NoFiscalYear:  # results that say no year: the plan's
            results = await ctx.read(source, data, await ctx.free(load_framework, str(plan["fiscal_year"])))
        if isinstance(results, SeveralAgencies):  # a table of many agencies: this plan's agency in it
            results = await ctx.read(source, data, None, (plan.get("agency") or {}).get("name") or "")
        if source == "pasted.txt" and results.unread:  # as the home page: mended first, in the box
            raise InputError(unread_lines(source, data.decode("utf-8"), results.unread))
        changes = await ctx.run(replace_plan_results, path, results, ctx.setup, web=True)
    except ItaplanError as exc:
        exc.problems = [renamed(renamed(p, str(path), name), "pasted.txt", PASTED) if source == "pasted.txt"
                        else renamed(p, str(path), name) for p in exc.problems]
        reopened = {"measure": None, "form": "replace", "typed": {"text": text}, "shown": {}}
        return await plan_page(request, problem_lines(exc, language(request)), 400, reopened)
    ctx.flash[f"replaced:{name}"] = [translate(line, language(request)) for line in changes]
    return RedirectResponse(f"/plan/{quote(name)}?saved=results#results", status_code=303)


SCORES = N_("the corrected scores")  # where a problem with the form correcting scores one by one is
SCORE_ROWS = 3  # rows of the form correcting scores one by one: a question and its score each
SCORE_FIELDS = tuple(f"{what}-{row}" for row in range(1, SCORE_ROWS + 1) for what in ("code", "score"))


async def correct_results(request: Request) -> Response:
    """A score or a few mistyped, corrected on the page: the plan's own recorded results with those scores in their
    place replace its results (``correct_scores``, as ``replace_results``), the officer's work kept; a code the year
    has not is refused with the nearest ones, the form open again with what was typed. The page says what changed."""
    ctx = context_of(request)
    name = request.path_params["name"]
    form, path, answer = await plan_form(request)
    if answer is not None:
        return answer
    assert path is not None
    typed = [(_field(form, f"code-{row}"), _field(form, f"score-{row}")) for row in range(1, SCORE_ROWS + 1)]
    try:
        changes = await ctx.run(correct_scores, path, typed, ctx.setup, SCORES, web=True)
    except ItaplanError as exc:
        exc.problems = [renamed(p, str(path), name) for p in exc.problems]
        reopened = {"measure": None, "form": "scores", "typed": {f: _field(form, f) for f in SCORE_FIELDS},
                    "shown": {}}
        return await plan_page(request, problem_lines(exc, language(request)), 400, reopened)
    ctx.flash[f"replaced:{name}"] = [translate(line, language(request)) for line in changes]
    return RedirectResponse(f"/plan/{quote(name)}?saved=scores#scores", status_code=303)


async def back_to_page(request: Request) -> Response:
    """A form's address opened again (a refresh after a refused form, a bookmark): the page the form is on, in the
    language chosen, instead of a bare "Method Not Allowed"."""
    name = request.path_params.get("name")
    target = f"/plan/{quote(name)}" if name else "/"
    lang = request.query_params.get("lang")
    return RedirectResponse(target + (f"?lang={lang}" if lang in ("th", "en") else ""), status_code=303)


async def add_measure(request: Request) -> Response:
    return await _plan_action(request, _add, "add", ADD_FIELDS, "add")


SIGN_LABELS = {"name": "Name", "position": "Position", "date": "Approved on (when approved)"}  # the form's (web.po)


def signatory_words(lines: list[str], lang: str) -> list[str]:
    """The sign-off form's problems with its fields named by their labels on the form, not by the profile's keys
    ('agency.signatories.approved.date': the role and the label, ผู้อนุมัติ – วันที่อนุมัติ)."""
    from itaplan.web.common import ENV

    roles = ENV.globals["words"]["roles"]  # type: ignore[index]
    out = []
    for line in lines:
        for role in amend.SIGNOFF_ROLES:
            for key, label in SIGN_LABELS.items():
                line = line.replace(f"'agency.signatories.{role}.{key}'",
                                    f"{ui_text(roles[role], lang)} – {ui_text(label, lang)}")
            line = line.replace(f"'agency.signatories.{role}'", ui_text(roles[role], lang))
        out.append(line)
    return out


async def signatories(request: Request) -> Response:
    return await _plan_action(request, _sign, "signatories", SIGN_FORM_FIELDS, "signatories", signatory_words)


async def confirm_remove(request: Request) -> Response:
    """The page that asks before a plan is removed, saying where it goes and how it comes back."""
    ctx = context_of(request)
    name = request.path_params["name"]
    try:
        path = ctx.workspace.plan_path(name)
    except NotFound as exc:
        return not_found(request, exc)
    summary = await ctx.free(plan_summary, path)
    return page(request, "remove.html", name=name, plan=summary, folder=SET_ASIDE)  # the workspace's, never its path


async def remove(request: Request) -> Response:
    """Remove a plan from the workspace: moved into its hidden folder .deleted/, never destroyed."""
    ctx = context_of(request)
    name = request.path_params["name"]
    _, refusal = await checked_form(request)
    if refusal is not None:
        return refusal
    try:
        path = ctx.workspace.plan_path(name)
        kept = await ctx.run(ctx.workspace.set_aside, path)
    except NotFound as exc:
        return not_found(request, exc)
    except ItaplanError as exc:
        return page(request, "error.html", 400, problems=problem_lines(exc, language(request)))
    ctx.twins.pop(name, None)
    ctx.copies.discard(name)
    return RedirectResponse(f"/?removed={quote(name, safe='')}&kept={quote(kept.name, safe='')}", status_code=303)


async def restore(request: Request) -> Response:
    """Bring a removed plan back from the hidden folder .deleted/, under its own name or another the officer
    types; a name a plan holds already is refused and the form comes back with a free name to use instead."""
    ctx = context_of(request)
    form, refusal = await checked_form(request)
    if refusal is not None:
        return refusal
    kept, name = _field(form, "kept"), _field(form, "name")
    try:
        path = await ctx.run(ctx.workspace.restore, kept, name)
    except ItaplanError as exc:
        name = plan_file_name(name)  # as the workspace would have taken it
        if name and (ctx.workspace.folder / Path(name).name).exists():  # taken: a free name offered instead
            name = ctx.workspace.new_plan_path(name, thai=True).name
        return await home(request, problem_lines(exc, language(request)), 400, restoring={"kept": kept, "name": name})
    return RedirectResponse(f"/plan/{quote(path.name)}", status_code=303)


async def download(request: Request) -> Response:
    ctx = context_of(request)
    name, kind = request.path_params["name"], request.path_params["kind"]
    if kind not in DOWNLOADS:
        return page(request, "error.html", 404,
                    problems=problem_lines(UsageError(Problem(kind[:40], "is not a download of the plan page")),
                                           language(request)))
    try:
        path = ctx.workspace.plan_path(name)
        plan = await ctx.free(load_plan, path)
        fmt, made = DOWNLOADS[kind][0], kind.removesuffix("-pdf")
        later = None
        if made == "report":  # this year's plan of the workspace, as `itaplan report --next` takes it
            following = await ctx.free(next_year_plan, ctx, plan)
            later = await ctx.free(load_plan, ctx.workspace.plan_path(following)) if following else None
        data = await ctx.render(name, plan, fmt, cards=made == "cards", report=made == "report", later=later)
    except NotFound as exc:
        return not_found(request, exc)
    except ItaplanError as exc:  # the plan named as the officer knows it, never by the server's path
        exc.problems = [renamed(p, str(ctx.workspace.folder / name), name) for p in exc.problems]
        return page(request, "error.html", 400, problems=problem_lines(exc, language(request)))
    suffix, _, tail = DOWNLOADS[kind]
    word = DOWNLOAD_WORDS[kind] + ("_action_plan" if made == "report" and is_action_plan(plan) else "")
    stem = download_stem(plan, path) + "-" + "-".join(ctx.setup.catalogue.text(word).split())
    plain = f"itaplan-{plan['plan_year']}{tail}" if re.search(r"[^\x00-\x7f]", stem) else None
    return Response(data, media_type=FORMATS[suffix].media_type,
                    headers={"content-disposition": attachment(f"{stem}.{suffix}", plain)})


def download_stem(plan: Plan, path: Path) -> str:
    """A download's name, from the plan's agency and year (องค์การบริหารส่วนตำบลห้วยทราย-2570, then -report …),
    not from the file the results came in (example.docx); the plan file's name when the plan names no agency.
    ``attachment`` gives it an ASCII stand-in beside the real name."""
    agency = "-".join(str((plan.get("agency") or {}).get("name") or "").split())
    agency = re.sub(r'[\\/:*?"<>|]+', "", agency)[:80]
    year = plan.get("plan_year")
    return f"{agency}-{year}" if agency and year else (agency or path.name.split(".")[0])


NEW_SHEET = N_("download a new tracking sheet from this page (Download: Tracking sheet (Excel), at the top)")  # no command
# how the page records one field of one measure (the command line: its --measure option)
RECORD_ONE = N_("record it in the plan first, in the progress form of measure {number} on this page")
SHEET_REFUSED = N_("nothing was recorded from the tracking sheet: correct the rows named below in it and upload it again")
# the page's own words (web.po, through ui_text)
SHEET_CHANGED = "{changed} of {count} measures of the tracking sheet changed and were recorded in the plan."
SHEET_UNCHANGED = "The tracking sheet was read: it changes nothing the plan records."


def sheet_words(problems: list[Problem], plan: Plan, name: str) -> list[Problem]:
    """A tracking sheet's problems as the officer sees the sheet: each row's measure by its number and title (the
    id column is hidden), after one line naming the file and saying nothing was recorded."""
    numbers = measure_numbers(plan)
    out = [Problem(name, SHEET_REFUSED)]
    for p in problems:
        source, message = p.source, p.message
        for m in plan["measures"]:
            mid = m["id"]
            if message.startswith(f"measure '{mid}': ") or message.startswith(f"measure '{mid}' "):
                no = numbers.get(mid)
                project = is_action_plan(plan)  # an action plan's projects, as its report names them
                source = (ui_text(PROJECT_SHOWN if project else MEASURE_SHOWN, "en", no=no, title=m.get("title") or "")
                          if no is not None else
                          ui_text(PROJECT_SHOWN_DROPPED if project else MEASURE_SHOWN_DROPPED, "en",
                                  title=m.get("title") or ""))
                message = message.removeprefix(f"measure '{mid}': ")
                break
        out.append(Problem(source, message, p.line, p.column, p.what))
    return out


# what to do with another plan's tracking sheet, said on the page (the command line says its own)
THAT_PLANS_PAGE = N_("read it back on the page of that plan ({file}), or download this plan's tracking sheet from "
                     "this page and fill that in")
NO_PLANS_PAGE = N_("no plan in the workspace is that one: read it back on the page of the plan it was downloaded "
                   "from, or download this plan's tracking sheet from this page and fill that in")


def sheet_of_this_plan(ctx: Any, path: Path, sheet: SheetRows, name: str) -> None:
    """Another plan's tracking sheet (last year's uploaded into this year's plan, a neighbour's) is said once, as
    ``itaplan progress --from`` says it (``refuse_another_plans_sheet``), naming the plan of the workspace it is
    of, rather than once a row."""
    plan = load_plan(path)
    other = another_plans_sheet(sheet, plan)
    if other is None:
        return
    others = [p for p in plans_holding(ctx, sheet.ids)
              if p["name"] != path.name and (other.year is None or p["plan_year"] == other.year)]
    what_to_do = THAT_PLANS_PAGE.format(file=others[0]["name"]) if others else NO_PLANS_PAGE
    refuse_another_plans_sheet(replace(sheet, source=name), plan, what_to_do)


def _record_sheet(ctx: Any, path: Path, sheet: SheetRows, lang: str) -> tuple[int, int, list[str]]:
    """Record a tracking sheet's rows in the plan as ``itaplan progress PLAN --from SHEET`` does (under the plan's
    lock, checked against the plan as it is then, the first change keeping PLAN.before-progress.yaml): how many
    measures changed, of how many rows, and what the rows left to the plan (a line a measure, in ``lang``)."""
    today = _dt.date.today()
    text = ctx.setup.catalogue.text
    notes: list[SheetNote] = []

    def updates_of(plan: Plan) -> dict[str, dict]:
        notes.clear()
        return progress_from_rows(sheet, plan, text, today, new_sheet=NEW_SHEET, record_one=RECORD_ONE, notes=notes,
                                  field_words=lambda words: translate(words, lang))

    _, updates, changed = record_progress(path, path, updates_of, today)
    return len(changed), len(updates), [translate(("warning: " if n.warning else "") + problem_text(n.problem, lang),
                                                  lang) for n in notes]


async def read_sheet_back(request: Request) -> Response:
    """The tracking sheet an officer filled in Excel, uploaded on the plan page and recorded into the plan; every
    bad row is named and nothing is saved when any is."""
    ctx = context_of(request)
    name = request.path_params["name"]
    form, path, answer = await plan_form(request)
    if answer is not None:
        return answer
    assert path is not None
    file = form.get("sheet")
    try:
        if not (isinstance(file, UploadFile) and file.filename):
            raise UsageError(Problem("sheet", "choose the filled-in tracking sheet (Excel) to read"))
        sheet_name = upload_name(file.filename, "tracking.xlsx")
        sheet = await ctx.read_tracking(sheet_name, await file.read())
        await ctx.free(sheet_of_this_plan, ctx, path, sheet, sheet_name)
        try:
            changed, count, kept = await ctx.run(_record_sheet, ctx, path, sheet, language(request))
        except ItaplanError as exc:
            exc.problems = sheet_words(exc.problems, await ctx.free(load_plan, path), sheet_name)
            raise
    except ItaplanError as exc:
        exc.problems = [renamed(p, str(path), name) for p in exc.problems]
        return await plan_page(request, problem_lines(exc, language(request)), 409 if isinstance(exc, ConflictError)
                               else 400)
    if kept:  # what the sheet's rows left to the plan, said at the top of the page
        ctx.flash[path.name] = list(kept)
    # said where the page opens, at the sheet's form (the top of the page is out of view there): how many changed
    return RedirectResponse(f"/plan/{quote(name)}?saved=tracking&changed={changed}&of={count}#tracking",
                            status_code=303)


async def no_icon(request: Request) -> Response:
    return Response(status_code=204)


def routes() -> list[Route]:
    return [
        Route("/", home, methods=["GET"]),
        Route("/favicon.ico", no_icon, methods=["GET"]),
        Route("/upload", upload, methods=["POST"]),
        Route("/example", open_example, methods=["POST"]),
        Route("/restore", restore, methods=["POST"]),
        Route("/plan/{name}", plan_page, methods=["GET"]),
        Route("/plan/{name}/chart.svg", chart, methods=["GET"]),
        Route("/example/chart.svg", chart, methods=["GET"]),
        Route("/plan/{name}/download/{kind}", download, methods=["GET"]),
        Route("/plan/{name}/measure/{measure}/decide", decide, methods=["POST"]),
        Route("/plan/{name}/measure/{measure}/edit", edit, methods=["POST"]),
        Route("/plan/{name}/measure/{measure}/progress", progress, methods=["POST"]),
        Route("/plan/{name}/add", add_measure, methods=["POST"]),
        Route("/plan/{name}/signatories", signatories, methods=["POST"]),
        Route("/plan/{name}/total", set_total, methods=["POST"]),
        Route("/plan/{name}/tracking", read_sheet_back, methods=["POST"]),
        Route("/plan/{name}/agency", agency_name, methods=["POST"]),
        Route("/plan/{name}/handled", handled_statement, methods=["POST"]),
        Route("/plan/{name}/previous", previous_year, methods=["POST"]),
        Route("/plan/{name}/previous-total", previous_total, methods=["POST"]),
        Route("/plan/{name}/last-measures", last_measures, methods=["POST"]),
        Route("/plan/{name}/results", replace_results, methods=["POST"]),
        Route("/plan/{name}/scores", correct_results, methods=["POST"]),
        Route("/plan/{name}/remove", confirm_remove, methods=["GET"]),
        Route("/plan/{name}/remove", remove, methods=["POST"]),
        # every address a form posts to, opened as a page: back to the page of the form
        *(Route(path, back_to_page, methods=["GET"]) for path in POST_ONLY),
    ]


POST_ONLY = ("/upload", "/example", "/restore", "/plan/{name}/measure/{measure}/decide",
             "/plan/{name}/measure/{measure}/edit", "/plan/{name}/measure/{measure}/progress", "/plan/{name}/add",
             "/plan/{name}/signatories", "/plan/{name}/total", "/plan/{name}/tracking", "/plan/{name}/agency",
             "/plan/{name}/previous", "/plan/{name}/previous-total", "/plan/{name}/last-measures",
             "/plan/{name}/scores", "/plan/{name}/handled")
