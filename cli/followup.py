"""The year's follow-up: progress, the report on the measures, and importing last year's table."""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path

import click
from itaplan.base.i18n_composed import N_
from itaplan.cli.common import (
    example_fallback,
    _echo,
    _emit,
    _state,
    _warn_line,
    ask,
    digits_option,
    file_output,
    font_option,
    force_option,
    main,
    output_option,
    recs_option,
    session,
    utf8_text,
)
from itaplan.drafting.model import Plan
from itaplan.followup.importer import imported_year_off
from itaplan.followup.progress import NOT_STARTED_OUTCOME
from itaplan.render import BINARY_FORMATS, REPORT_FORMATS, format_of


@main.command("progress")
@click.argument("plan_file", metavar="PLAN", type=click.Path(dir_okay=False))
@click.option("--from", "sheet", type=click.Path(dir_okay=False), metavar="XLSX",
              help="Read progress from the tracking sheet (render PLAN --format xlsx) as the officer filled it in.")
@click.option("--measure", "measure_id", metavar="MEASURE",
              help="Record one measure's progress from the options below: the measure's number in the table of "
                   "the documents as they are now, dropped measures not counted (1, 2 … or ๑, ๒ …), its title or "
                   "a part of it, or its id; review --measure numbers them so too. The measure changed is named with its "
                   "number and title.")
@click.option("--status", metavar="STATUS",
              help="not started | in progress | done | dropped, or another word for one: todo, doing, finished, "
                   "cancelled …, or the Thai words of the tracking sheet (ยังไม่ดำเนินการ, อยู่ระหว่างดำเนินการ, "
                   "ดำเนินการแล้ว, ยกเลิก).")
@click.option("--done", "what_done", metavar="TEXT", help="What was done.")
@click.option("--outcome", metavar="TEXT", help="The outcome: results and figures.")
@click.option("--link", "links", multiple=True, metavar="URL", help="Evidence link or document name (repeatable).")
@click.option("--started", metavar="DATE", help="Start date, e.g. 1/10/2568 or 1 ต.ค. 2568.")
@click.option("--finished", metavar="DATE", help="Finish date (status done).")
@click.option("--suggestion", metavar="TEXT", help="Suggestion for next year's measures.")
@click.option("--reason", metavar="TEXT",
              help="Why it is not finished (its obstacles, ปัญหาอุปสรรค) or why it was cancelled: the report prints "
                   "it as such and takes next year's suggestion from it.")
@click.option("--note", metavar="TEXT", help="A note, printed in the report as a note (หมายเหตุ); with no --reason, for "
                   "a measure not finished it is taken as its obstacles (as the tracking sheet's หมายเหตุ/ปัญหาอุปสรรค "
                   "column is), for a cancelled one as its reason.")
@click.option("--show", is_flag=True, help="Only show the progress of every measure; with --measure, the whole table "
                                          "after recording (else only the measure recorded is shown).")
@click.option("--as-of", "as_of", metavar="DATE", help="The date of this update (default: today).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="PLAN", callback=file_output,
              help="Write the updated plan here instead of updating PLAN in place.")
@force_option
@recs_option
@click.option("--plain", is_flag=True, help="No colour or box drawing (automatic when not a terminal).")
@click.pass_context
def progress_cmd(ctx: click.Context, plan_file: str, sheet: str | None, measure_id: str | None, status: str | None,
                 what_done: str | None, outcome: str | None, links: tuple[str, ...], started: str | None,
                 finished: str | None, suggestion: str | None, reason: str | None, note: str | None, show: bool,
                 as_of: str | None,
                 output: str | None, force: bool, rec_dirs: tuple[str, ...], plain: bool) -> None:
    """Record what was done about each measure of a plan: status, what was done, outcome, evidence, dates.

    Progress comes from the edited XLSX tracking sheet (--from), from the options for one measure
    (--measure), or, with neither, from questions asked measure by measure (saved after each one).
    PLAN is updated in place (the first update keeps PLAN.before-progress.yaml) unless -o is given.
    Two updates at the same time wait for each other (a lock file .PLAN.lock beside it): none is lost.

    \b
    Examples:
      itaplan render plan.yaml --format xlsx -o tracking.xlsx   (the officer fills in the sheet)
      itaplan progress plan.yaml --from tracking.xlsx
      itaplan progress plan.yaml --measure e-service --status done --done "เปิดระบบ E-Service 3 งาน" \\
          --finished 31/3/2569 --link https://example.go.th/eservice
      itaplan progress plan.yaml
    """
    import datetime as _dt

    from itaplan.base.errors import InputError, Problem, UsageError
    from itaplan.base.i18n import problem_text, translate
    from itaplan.base.thai import parse_date
    from itaplan.cli.terminal import make_console, print_progress, progress_change_lines
    from itaplan.drafting.plan import keep_original, load_plan, save_plan
    from itaplan.followup.progress import (
        ANOTHER_PLANS_SHEET_CLI,
        ProgressSession,
        SheetNote,
        one_measure,
        progress_from_rows,
        record_progress,
        recorded_fields,
        refuse_another_plans_sheet,
        sheet_rows,
    )

    one = {"--status": status, "--done": what_done, "--outcome": outcome, "--link": links or None,
           "--started": started, "--finished": finished, "--suggestion": suggestion, "--reason": reason,
           "--note": note}
    given = [name for name, value in one.items() if value is not None]
    if sheet and measure_id:
        raise UsageError(Problem("itaplan progress", "give either --from XLSX or --measure ID, not both"))
    if given and not measure_id:
        raise UsageError(Problem("itaplan progress", f"{', '.join(given)} need --measure ID"))
    if measure_id and not given:
        raise UsageError(Problem("itaplan progress", "--measure needs at least one of " + ", ".join(one)))
    try:
        today = parse_date(as_of) if as_of else _dt.date.today()
    except ValueError as exc:
        raise UsageError(Problem("--as-of", str(exc))) from None
    out_path = Path(output) if output else Path(plan_file)
    if output:
        from itaplan.base.output import check_writable

        check_writable(out_path, force)
    catalogue = session(rec_dirs=rec_dirs).catalogue
    text = catalogue.text
    plain = plain or not sys.stdout.isatty()
    if show and not (sheet or measure_id):
        print_progress(load_plan(plan_file), text, make_console(plain))
        return
    notes: list[SheetNote] = []  # what the sheet's rows left to the plan
    before: dict[str, dict] = {}  # the measure's progress as recorded before this update (--measure)
    if sheet or measure_id:
        if sheet:
            rows = sheet_rows(sheet, text)
            what_to_do = ANOTHER_PLANS_SHEET_CLI.format(file=sheet, plan=plan_file)

            def updates_of(plan: Plan) -> dict:
                # another plan's sheet (last year's, a neighbour's) said once, not once a row
                refuse_another_plans_sheet(rows, plan, what_to_do)
                notes.clear()  # said for the plan as it is under its lock
                return progress_from_rows(rows, plan, text, today, notes=notes, field_words=translate)
        else:
            def updates_of(plan: Plan) -> dict:
                try:
                    updates = one_measure(plan, measure_id or "", text, today, status=status, done=what_done,
                                          outcome=outcome, links=list(links) or None, started=started,
                                          finished=finished, suggestion=suggestion, reason=reason, note=note)
                except InputError as exc:  # the progress check's words in the command line's: its options
                    raise InputError([replace(p, message=in_option_words(p.message)) for p in exc.problems],
                                     exc.details) from None
                before.clear()  # as recorded under the lock, to say what this update changed
                before.update({m["id"]: recorded_fields(m) for m in plan["measures"] if m["id"] in updates})
                return updates
        plan, updates, changed = record_progress(Path(plan_file), out_path, updates_of, today)
        for kept in notes:  # a warning even when quiet: an older sheet's empty cell did not clear the plan's value
            if kept.warning:
                _warn_line(kept.problem)
            elif not _state(ctx).get("quiet"):
                _echo(problem_text(kept.problem), err=True)
        if not _state(ctx).get("quiet"):
            told_which(plan, updates, changed, out_path, one=bool(measure_id))
            if measure_id and not show:  # the measure recorded, not the whole table again (noisy, one after another)
                mid = next(iter(updates))
                print_progress(plan, text, make_console(plain, stderr=True), only=mid)
                after = next(recorded_fields(m) for m in plan["measures"] if m["id"] == mid)
                for line in progress_change_lines(before.get(mid, after), after, text):
                    _echo(line, err=True)
                _echo(f"every measure's progress: itaplan progress {out_path} --show", err=True)
            else:
                print_progress(plan, text, make_console(plain, stderr=True))
        return
    plan = load_plan(plan_file)
    if output:
        save_plan(plan, out_path, force, like=Path(plan_file))
    else:
        keep_original(out_path, "before-progress")
    ProgressSession(plan, out_path, lambda prompt, default: utf8_text(ask(
        translate(prompt), default=default, show_default=bool(default)), "the answer"), _echo, text, today).run()


def told_which(plan: Plan, updates: dict, changed: list[str], out_path: Path, one: bool) -> None:
    """Which measures a progress update changed, each by its number in the documents as they are now and its title:
    a number read off an older printout (before a measure was dropped) names another measure now."""
    from itaplan.followup.progress import measure_shown

    if one:
        number, typed_title = measure_shown(plan, next(iter(updates)))
        _echo(f"measure {number} ({typed_title}) changed; plan saved to {out_path}" if changed
              else f"measure {number} ({typed_title}): nothing changed", err=True)
        return
    _echo(f"{len(changed)} of {len(updates)} measures changed; plan saved to {out_path}" if changed
          else "nothing changed", err=True)
    for mid in changed:
        number, typed_title = measure_shown(plan, mid)
        _echo(f"changed: measure {number} ({typed_title})", err=True)


@main.command("report")
@click.argument("plan_file", metavar="PLAN", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(list(REPORT_FORMATS)), default=None,
              help="Output format (default: from the -o suffix, else md).")
@output_option
@force_option
@recs_option
@digits_option
@font_option
@click.option("--as-of", "as_of", metavar="DATE", help="The 'data as of' date printed (default: the last progress update).")
@click.option("--next", "next_plan", metavar="PLAN", type=click.Path(dir_okay=False),
              help="This year's plan, drafted from the results of the year the measures were carried out: each "
                   "suggestion then says how the measure's indicators moved and whether they reach the target, a "
                   "cancelled measure's points still weak, and names this year's measure that answers the same points "
                   "(for a measure listed without codes, one of its indicator naming the same thing), never one that "
                   "only shares an indicator.")
@click.pass_context
def report_cmd(ctx: click.Context, plan_file: str, fmt: str | None, output: str | None, force: bool,
               rec_dirs: tuple[str, ...], thai_digits: bool | None, font: str, as_of: str | None,
               next_plan: str | None) -> None:
    """The report on a plan's measures (รายงานผลการดำเนินการตามมาตรการ…), from the progress recorded on it.

    Each measure with its status, what was done, owner, outcome, evidence and a suggestion for next
    year (JSON: its method and timeline too); a summary of completion; the measures not done, stated
    plainly. Titled for the OIT item of the year it is published in (o43, o28 or O26).

    \b
    Examples:
      itaplan report plan.yaml --format docx -o report.docx
      itaplan report plan.yaml --format json
      itaplan report last-year.yaml --next plan.yaml -o report.docx
    """
    from itaplan.base.errors import Problem, UsageError
    from itaplan.base.thai import parse_date
    from itaplan.drafting.plan import load_plan
    from itaplan.followup.report import build_report
    from itaplan.render.dispatch import digits_for, render_report

    if output:
        from itaplan.base.output import check_writable

        check_writable(Path(output), force)
    try:
        day = parse_date(as_of) if as_of else None
    except ValueError as exc:
        raise UsageError(Problem("--as-of", str(exc))) from None
    if fmt is None:
        suffix = Path(output).suffix.lower().lstrip(".") if output else ""
        fmt = named if (named := format_of("." + suffix)) in REPORT_FORMATS else "md"
    if output is None and fmt in BINARY_FORMATS:
        raise UsageError(Problem("itaplan", f"the format {fmt} needs -o FILE (it is not text)"))
    plan = load_plan(plan_file)
    later = load_plan(next_plan) if next_plan else None
    mine, theirs = (" ".join(str((p.get("agency") or {}).get("name") or "").split()) for p in (plan, later or plan))
    if later is not None and mine and theirs and mine != theirs:  # its scores would be printed as this agency's
        raise UsageError(Problem(next_plan or "--next", f"this plan is {theirs}'s, but the measures of {plan_file} are "
                                 f"{mine}'s: give {mine}'s plan drafted from the results of the year the measures "
                                 "ran in"))
    if later is not None and later.get("fiscal_year") != plan["plan_year"]:
        drafted_from, year = later.get("fiscal_year"), plan["plan_year"]
        raise UsageError(Problem(next_plan or "--next", f"this plan is drafted from the FY{drafted_from} results, but "
                                 f"the measures of {plan_file} are FY{year}'s: give the plan drafted from that year's "
                                 "results"))
    texts = session(rec_dirs=rec_dirs).texts(digits_for(fmt, thai_digits))
    report = build_report(plan, texts, day, later)
    _emit(render_report(report, fmt, texts, font=font), fmt, output, force)
    if not _state(ctx).get("quiet"):
        for assumption in report["assumptions"]:
            # what the officer has still to do (a reason to record, an indicator to set) is a warning, not an
            # assumption the software made
            if assumption.startswith(("progress: measure", "measure ", "measures ", "timing: ")):
                _echo(f"warning: {assumption}", err=True)
            else:
                _echo(f"assumption: {assumption}", err=True)
    from itaplan.base import thai
    from itaplan.ita.framework import held_results_year

    year = plan.get("plan_year")
    if later is None and isinstance(year, int) and held_results_year(thai.today()) >= year \
            and not _state(ctx).get("quiet"):
        # the results of the year the measures ran in are out: the suggestions can say how the indicators moved
        _echo(f"note: the FY{year} ITA results, of the year these measures ran in, are out: give this year's plan "
              f"drafted from them (--next PLAN) and each suggestion says how the measure's indicators moved and "
              f"which of this year's measures carries it on; without it they only say to follow those results",
              err=True)
    if output and not _state(ctx).get("quiet"):
        from itaplan.followup.progress import counts

        c = counts(plan)
        _echo(f"{plan['agency'].get('name', '')}: FY{plan['plan_year']} measures: {c['done']} done, "
                   f"{c['in progress']} in progress, {c['not started']} not started, {c['dropped']} cancelled "
                   f"-> {output}", err=True)


@main.command("import")
@click.argument("table", type=click.Path(dir_okay=False), callback=example_fallback)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), metavar="PLAN", callback=file_output,
              help="The plan file to write (YAML).")
@force_option
@click.option("--plan-year", type=click.IntRange(2400, 2800), metavar="YEAR",
              help="Fiscal year the measures run in (default: the year of the project cards' timeline, or else the "
                   "year in the heading).")
@click.option("--agency", "agency_name", metavar="NAME", help="The agency's name (default: from the heading).")
@click.option("--replace-agency", is_flag=True,
              help="With --agency, of another agency's document: replace the name its heading gives with NAME "
                   "throughout the measures' texts (without it they are kept as written, and named).")
@click.pass_context
def import_cmd(ctx: click.Context, table: str, output: str, force: bool, plan_year: int | None,
               agency_name: str | None, replace_agency: bool) -> None:
    """Import last year's hand-made measures table (docx, pdf, xlsx or text) into a plan file.

    A document without a measures table but with project cards (๑. ชื่อโครงการ : …, then its sections) is read as
    one measure per card; a card's section that cannot be read is left empty and named.

    Measures that lack a column are listed and left out. A measure whose indicator the table does not name is
    imported all the same, with no indicator (none is guessed), and named so that you set it: review PLAN --edit
    --measure N, then i (without it the report cannot say how the measure's indicator score moved).

    \b
    Example:
      itaplan import measures-2568.docx -o plan.yaml
    """
    from itaplan.base.output import check_writable, write_atomic
    from itaplan.base.schemacheck import schema_problems
    from itaplan.drafting.plan import to_yaml
    from itaplan.followup.importer import import_table

    if replace_agency and not agency_name:
        raise click.UsageError("--replace-agency replaces another agency's name with the one --agency NAME gives: "
                               "give --agency too")
    check_writable(Path(output), force)
    result = import_table(table, plan_year, agency_name, drafter=session().plan, replace_agency=replace_agency)
    if result.replaced:  # said even when quiet: the officer's words changed
        _echo(result.replaced, err=True)
    elif replace_agency:
        _echo("--replace-agency: nothing replaced (the document's heading names no other agency, or no measure names "
              "it)", err=True)
    for line in result.not_understood:
        _echo(f"not understood: {line}", err=True)
    for line in result.warnings:  # a project card's section left empty: said even when quiet, as nothing was guessed
        _echo(f"warning: {line}", err=True)
    if not result.plan["measures"]:
        from itaplan.base.errors import InputError, Problem

        raise InputError(Problem(table, "no measure could be imported (see the lines above)"))
    problems = schema_problems(result.plan, "plan.schema.json", output)
    if problems:  # pragma: no cover - the importer builds plans the schema accepts
        from itaplan.base.errors import InputError

        raise InputError(problems)
    write_atomic(Path(output), to_yaml(result.plan), force)
    if not _state(ctx).get("quiet"):
        _echo(f"{len(result.plan['measures'])} measures imported to {output}; {len(result.not_understood)} not "
              "understood", err=True)
        for note in (result.plan.get("imported") or {}).get("notes", []):
            if note.startswith("the measures are numbered as in the document's summary table"):
                _echo(note, err=True)  # progress --measure N takes the table's numbers, not the cards' places
            if note.startswith("the timeline of the project cards"):  # --plan-year against the cards' own dates
                _echo(f"warning: {note}", err=True)
                _echo("  their timelines are kept as written: correct them in the plan file, or leave out --plan-year",
                      err=True)
        if plan_year is None:  # the year read from the document: said, as every later document is titled by it
            year = result.plan["plan_year"]
            read = next((n for n in (result.plan.get("imported") or {}).get("notes", []) if n.startswith("plan year")),
                        "")
            on_line = re.search(r"\(from line (\d+)\)", read)
            if "project cards' timeline" in read:
                _echo(f"the measures are taken to run in FY{year}, the year of the project cards' timeline; if they "
                      "run in another year, import again with --plan-year YEAR", err=True)
            elif on_line:
                line = on_line.group(1)
                _echo(f"the measures are taken to run in FY{year}, the year on line {line} of the document; if they "
                      "run in another year, import again with --plan-year YEAR", err=True)
            else:
                _echo(f"the measures are taken to run in FY{year}; if they run in another year, import again with "
                      "--plan-year YEAR", err=True)
    off = imported_year_off(result.plan)
    if off is not None and off.over:  # said even when quiet: its report is on a year that is over
        _echo(f"warning: these are the measures of FY{off.year}, not of last year (FY{off.last}): the report on them was "
              f"due in FY{off.due}, a year that is over; this year's report (FY{off.now}) is on the measures of "
              f"FY{off.last} (if these ran in FY{off.last}, import again with --plan-year {off.last})", err=True)
    elif off is not None:
        _echo(f"warning: these are the measures of FY{off.year}, not of last year (FY{off.last}): the report on them is "
              f"due in FY{off.due}; this year's report (FY{off.now}) is on the measures of FY{off.last}", err=True)
    told_unset_indicators(result.plan, output, quiet=bool(_state(ctx).get("quiet")))


def told_unset_indicators(plan: Plan, output: str, quiet: bool) -> None:
    """The measures imported with no indicator (their table names none, and none is guessed), said on screen with
    what to do about them and what is lost without it: the notes in the plan file (``imported.notes``) are not read
    by an officer who follows the screen. A plan's measures are incomplete without it (said even when quiet); an
    action plan's projects are reported on without one, so that is said as a choice."""
    from itaplan.drafting.plan import active_measures, is_action_plan, without_indicator

    unset = [n for n, m in enumerate(active_measures(plan), start=1) if m.get("indicator") is None]
    if not unset:
        return
    if is_action_plan(plan):
        if quiet:
            return
        count, numbers = len(unset), numbers_said(unset)
        if count == 1:
            _echo(f"project {numbers} names no indicator: imported with none (nothing was guessed); an action plan is "
                  "reported on without one", err=True)
        elif count == len(active_measures(plan)):
            _echo(f"none of the {count} projects names an indicator: imported with none (nothing was guessed); an "
                  "action plan is reported on without one", err=True)
        else:
            _echo(f"projects {numbers} name no indicator: imported with none (nothing was guessed); an action plan is "
                  "reported on without one", err=True)
    for number, m in without_indicator(plan):  # said even when quiet: the plan is not complete without it
        _echo(f"measure {number} ('{m['title']}') names no indicator: imported with none (nothing was guessed); "
              f"set `indicator:` (1 to 10) under it in {output}", err=True)
    _echo(f"without an indicator, the report (itaplan report {output} --next PLAN) cannot say how the measure's "
          "indicator score moved", err=True)
    _echo(f"to set one: itaplan review {output} --edit --measure N (the measure's number), then type i and the "
          "indicator's number (every measure in turn: --again in place of --measure N)", err=True)


def numbers_said(numbers: list[int]) -> str:
    """Measure numbers as a reader takes them in: runs of three or more as 'first–last' (1–16; 2, 4, 6–9)."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 2 else ", ".join(map(str, run)) for run in runs)


# the progress check's words for the command line: what to set is an option there
OPTION_WORDS = {
    NOT_STARTED_OUTCOME: N_("status is not started but an outcome is given: give --status \"in progress\" or done "
                            "with --outcome (a measure not started has no outcome yet)"),
    "status is not started but what was done or a date is filled in: set the status":
        N_("status is not started but what was done or a date is given: give --status \"in progress\" or done "
           "with it"),
}


def in_option_words(message: str) -> str:
    """A problem of ``progress --measure`` with the check's words about the status said as its option."""
    for said, option in OPTION_WORDS.items():
        if message.endswith(said):
            return message[: -len(said)] + option
    return message
