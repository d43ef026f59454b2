"""Commands on one agency's results: score, draft, review, check, whatif."""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from itaplan.base.errors import MAX_NOTE, Problem, UsageError, clean_text
from itaplan.checking import CHECKED_SUFFIXES
from itaplan.cli.common import (
    example_fallback,
    _bundled_example,
    _check_cards,
    _command_to_write,
    _echo,
    _emit,
    _format_for,
    _state,
    _summary,
    agency_option,
    ask,
    card_option,
    cards_option,
    csv_keys_option,
    digits_option,
    engine_option,
    file_output,
    font_option,
    force_option,
    format_option,
    framework_file_option,
    framework_option,
    main,
    notes_option,
    output_option,
    previous_option,
    recs_option,
    rules_option,
    say_workspace,
    session,
    strict_option,
    utf8_text,
    warn_approval,
)
from itaplan.drafting.model import Plan

if TYPE_CHECKING:
    from itaplan.app.session import Session
    from itaplan.content.catalogue import Catalogue
    from itaplan.ita.scoring import Scorecard


@main.command("score")
@click.argument("results", type=click.Path(dir_okay=False), callback=example_fallback)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="A table for people or JSON for programs.")
@click.option("--plain", is_flag=True, help="No colour or box drawing.")
@framework_option
@framework_file_option
@previous_option
@strict_option
@agency_option
@click.pass_context
def score_cmd(ctx: click.Context, results: str, fmt: str, plain: bool, framework: str | None,
              framework_file: str | None, previous: str | None, strict: bool, agency: str | None) -> None:
    """Compute the scorecard of one agency's results (NACC method).

    \b
    Example:
      itaplan score results.yaml --format json
    """
    card = session(framework=framework, framework_file=framework_file, strict=strict,
                   agency=agency).scorecard(results, previous)
    if fmt == "json":
        click.echo(json.dumps(card.to_dict(), ensure_ascii=False, indent=2))
        return
    from itaplan.cli.terminal import make_console, print_scorecard

    plain = plain or not sys.stdout.isatty()
    print_scorecard(card, make_console(plain), plain)


def _keep_officers_work(path: Path) -> Path | None:
    """A plan that --force is about to replace, copied first when it holds an officer's work (decisions, edits,
    progress): a new draft starts from the results again, and that work would be lost with no way back."""
    from itaplan.app.redraft import untouched
    from itaplan.base.errors import ItaplanError
    from itaplan.drafting.plan import keep_copy, load_plan

    if not path.is_file():
        return None
    try:
        old = load_plan(path)
    except ItaplanError:  # not a plan (or not one that reads): nothing of an officer's to keep
        return None
    if untouched(old):
        return None
    return keep_copy(path, "before-draft").path


@main.command("draft")
@click.argument("results", required=False, type=click.Path(dir_okay=False), callback=example_fallback)
@format_option
@output_option
@force_option
@rules_option
@recs_option
@framework_option
@framework_file_option
@previous_option
@click.option("--plan-year", type=click.IntRange(2400, 2800), metavar="YEAR", help="Fiscal year the measures run in (default: the next one).")
@engine_option
@digits_option
@csv_keys_option
@font_option
@cards_option
@card_option
@notes_option
@strict_option
@agency_option
@click.option("--update", type=click.Path(dir_okay=False), metavar="PLAN",
              help="Replace the results of PLAN (a plan file) by RESULTS, corrected results of the same agency and "
                   "year, keeping the measures, decisions and progress recorded in it; what changed is printed.")
@click.pass_context
def draft_cmd(ctx: click.Context, results: str | None, fmt: str | None, output: str | None, force: bool,
              rules_dirs: tuple[str, ...], rec_dirs: tuple[str, ...], framework: str | None,
              framework_file: str | None, previous: str | None, plan_year: int | None, engine: str,
              thai_digits: bool | None, csv_keys: str, font: str, cards: bool, card_ids: tuple[str, ...],
              working_notes: bool, strict: bool, agency: str | None, update: str | None) -> None:
    """Draft the improvement plan (analysis and measures) from one agency's results.

    With no RESULTS the bundled example is drafted. With no -o or --format the plan (YAML) goes to standard
    output when that is a pipe or file; at a terminal a summary is printed instead, with the command that writes it.

    \b
    Examples:
      itaplan draft results.yaml -o plan.yaml
      itaplan draft results.yaml --format docx -o plan.docx --thai-digits
      itaplan draft corrected.txt --update plan.yaml
    """
    from itaplan.render.dispatch import render

    setup = session(rules_dirs, rec_dirs, framework, framework_file, engine, strict, agency)
    if update:
        _update_plan(setup, results, update, bool(output or fmt or previous or plan_year),
                     lambda year: session(rules_dirs, rec_dirs, year, framework_file, engine, strict, agency),
                     bool(framework or framework_file))
        return
    if output:
        from itaplan.base.output import check_writable

        check_writable(Path(output), force)
    card = setup.scorecard(results or _bundled_example(), previous)
    plan = setup.plan(card, plan_year)
    say_workspace(ctx, rules_dirs, rec_dirs)
    warn_approval(plan, results or "itaplan draft")
    if not output and not fmt and sys.stdout.isatty():
        _draft_on_screen(ctx, results, card, plan, setup.catalogue)  # two thousand lines of YAML are no use on a screen; a pipe still gets them
        return
    fmt = _format_for(fmt, output)
    _check_cards(fmt, cards, card_ids)
    made = render(plan, fmt, catalogue=setup.catalogue, thai_digits=thai_digits, csv_keys=csv_keys, font=font,
                  cards=cards, card_ids=list(card_ids), working_notes=working_notes)
    kept = _keep_officers_work(Path(output)) if output and force else None
    _emit(made, fmt, output, force)
    if kept is not None:
        _echo(f"the plan it replaced held the officer's decisions or progress: kept in {kept} (draft --update "
              "replaces a plan's results and keeps them)", err=True)
    if output and not _state(ctx).get("quiet"):
        from itaplan.cli.terminal import make_console, print_scorecard

        plain = not sys.stderr.isatty()
        print_scorecard(card, make_console(plain, stderr=True), plain)
        _echo(_summary(plan, output), err=True)
        warn_about_years(plan, setup.catalogue)


def _update_plan(setup: Any, results: str | None, plan: str, other: bool, of_year: Any, year_given: bool) -> None:
    """`itaplan draft RESULTS --update PLAN`: the plan's results replaced by corrected ones, its officer's work kept."""
    from itaplan.app.replace import replace_results
    from itaplan.drafting.plan import load_plan
    from itaplan.ita.gather import NoFiscalYear

    place = "itaplan draft --update"
    if not results:
        raise UsageError(Problem(place, "give the corrected results file: itaplan draft RESULTS --update PLAN"))
    if other:
        raise UsageError(Problem(place, "writes the corrected results into PLAN itself: leave out -o, --format, "
                                        "--previous and --plan-year (render the plan afterwards)"))
    try:
        read = setup.results(results)
    except NoFiscalYear:  # results that say no year: the plan's
        if year_given:
            raise
        read = of_year(str(load_plan(Path(plan))["fiscal_year"])).results(results)
    warnings: list[str] = []
    changes = replace_results(Path(plan), read, setup, warnings=warnings)
    _echo(f"the results of {plan} were replaced by {results}; its measures and decisions are kept")
    for line in changes or ["no score changed"]:
        _echo(f"  {line}")
    for warning in warnings:  # as `score` says them: a reported total that differs from the computed one …
        _echo(f"warning: {warning}", err=True)


def _draft_on_screen(ctx: click.Context, results: str | None, card: Scorecard, plan: Plan,
                     catalogue: Catalogue) -> None:
    """`itaplan draft` at a terminal with nowhere to write: the scorecard, what was drafted, and how to write it."""
    from itaplan.cli.terminal import make_console, print_scorecard

    if not _state(ctx).get("quiet"):
        print_scorecard(card, make_console(False), False)
    _echo(_summary(plan, None))
    command = _command_to_write(["itaplan", "draft", *([results] if results else [])], "plan.yaml")
    _echo(f"the plan is not printed on the terminal; to write it to a file to edit: {command}")
    _echo("or see its documents here with --format md, or write them with -o plan.docx (also pdf, html, xlsx)")
    if not _state(ctx).get("quiet"):
        warn_about_years(plan, catalogue)


def warn_about_years(plan: Plan, catalogue: Catalogue) -> None:
    """The officer's notes of a drafted plan and the years it is told about, in this order: results older than the
    ones the agency holds now (first, since that is what to mend), the notes, the plan's warnings the scorecard did
    not print (a budget for a measure not in the plan), a plan year already over, measures
    more than a year after the results."""
    from itaplan.base.i18n import language
    from itaplan.drafting.officer_notes import officer_notes, plan_warnings
    from itaplan.ita.framework import held_results_year, results_age_warnings

    drafted = datetime.date.fromisoformat(plan["itaplan"]["drafted"])
    fiscal_year, plan_year = int(plan["fiscal_year"]), int(plan["plan_year"])
    said = results_age_warnings(fiscal_year, plan_year, drafted)
    stale = fiscal_year < held_results_year(drafted)
    if stale:
        _echo(f"warning: {said.pop(0)}", err=True)
    for note in officer_notes(plan, catalogue, language()):  # in the interface's language, as the rest
        _echo(f"warning: {note}", err=True)
    for warning in plan_warnings(plan, catalogue, language()):  # the plan's own (the scorecard said its own)
        _echo(f"warning: {warning}", err=True)
    warn_if_past(plan_year, drafted, advise=not stale)
    for warning in said:
        _echo(f"warning: {warning}", err=True)
    from itaplan.followup.deadlines import deadline_warnings

    for warning in deadline_warnings(plan, drafted):  # the OIT deadlines already past or close on the plan's day
        _echo(f"warning: {warning}", err=True)


def warn_if_past(year: int, drafted: datetime.date, advise: bool = True) -> None:
    """A plan drafted after its fiscal year ended (1 October – 30 September, Buddhist Era) has every timeline and
    deadline in the past: said, with the year that runs now, rather than drafted silently (without that advice when
    the results themselves are old: drafting the year that runs now from them is no better)."""
    from itaplan.base.thai import fiscal_year_end, fiscal_year_of

    if drafted > fiscal_year_end(year) and not advise:
        _echo(f"warning: fiscal year {year} ended on 30 September {year}, before the plan's date: its timelines "
              "and deadlines are past, and its documents are left undated", err=True)
    elif drafted > fiscal_year_end(year):
        now = fiscal_year_of(drafted)
        _echo(f"warning: fiscal year {year} ended on 30 September {year}, before the plan's date: its timelines "
              f"and deadlines are past, and its documents are left undated; for the year that runs now, draft with "
              f"--plan-year {now}", err=True)


@main.command("whatif")
@click.argument("results", required=False, type=click.Path(dir_okay=False), callback=example_fallback)
@click.option("--goal", type=click.Choice(["85", "pass-good", "95"]), default="85", show_default=True,
              help="The total at 85, every tool at 85 too (ผ่านดี), or 95.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--top", type=click.IntRange(1, 200), default=10, show_default=True, help="How many fixes to rank.")
@framework_option
@agency_option
def whatif_cmd(results: str | None, goal: str, fmt: str, top: int, framework: str | None, agency: str | None) -> None:
    """Which fixes raise the total most, and the fewest fixes that reach the goal.

    For every question (per EIT part) and OIT item below its maximum: the points the total gains if it
    reaches the target and if it reaches 100 (an OIT item: if met), through the framework's own weights and
    means; then the shortest list of fixes that reaches the goal, with the tools and label after each step.
    OIT items are "publish" fixes. What cannot be known from the input is said to be unknown. A drafted
    plan carries the five worth the most and the goals in its analysis (ข้อที่มีผลต่อคะแนนรวมมากที่สุด).

    \b
    Example:
      itaplan whatif results.yaml --goal pass-good
    """
    import json as _json

    from itaplan.base.i18n import translate
    from itaplan.base.thai import fmt_score
    from itaplan.cli.terminal import entry_label
    from itaplan.ita.whatif import gain_to_target_shown, whatif, whatif_estimate
    from rich.cells import cell_len

    source = results or _bundled_example()
    read = session(framework=framework, agency=agency).results(source)
    data = whatif(read, goal, top)
    estimate = None if data["gains_known"] else whatif_estimate(read, goal, top)
    if fmt == "json":
        if estimate is not None:  # the computed total's what-if, said as an estimate beside the unknown gains
            data["estimate"] = estimate
        click.echo(_json.dumps(data, ensure_ascii=False, indent=2))
        return
    _echo(f"total {fmt_score(data['total'])} ({translate(data['total_source'])}), level {data['level']}"
          f"{', ' + data['label'] if data['label'] else ''}; goal: {translate(data['goal_text'])}")
    if not data["gains_known"]:
        _echo(f"unknown: {data['unknown_reason']}")
        if estimate is None:
            return
        given, computed = (fmt_score(estimate["estimated_from"][k]) for k in ("given", "computed"))
        if any(a.fact == "weights" for a in read.framework.assumptions):
            _echo(f"estimated below from the total the questions make, {computed} on this year's assumed weights "
                  f"(ITAS's {given} differs from it, so ITAS weighs the tools otherwise or a score differs): each "
                  "figure is an estimate, for choosing what to fix first; the documents do not print it")
        else:
            _echo(f"estimated below from the total the questions make, {computed} (ITAS's {given} differs from it: "
                  "check the scores typed against ITAS's report): each figure is an estimate, for choosing what to "
                  "fix first; the documents do not print it")
        data = estimate
    _echo("worth the most (points on the total; to the target / to 100 or met):")
    for f in data["ranked"]:
        label = entry_label(f["code"], f["part"])
        gain = gain_to_target_shown(f, data["target"])  # (none: an OIT item, or a question at the target already)
        to_target = "—" if gain is None else f"+{fmt_score(gain)}"
        to_max = "unknown" if f["gain_to_max"] is None else f"+{fmt_score(f['gain_to_max'])}"
        kind = translate(f["kind"])
        _echo(f"  {label + ' ' * max(0, 14 - cell_len(label))} {fmt_score(f['score']):>6}  {to_target:>7} / {to_max:<7} {kind:<7} {f['title']}")
    given_label, reason = data["label"], data.get("goal_unknown")
    if data["already"] and data.get("goal_by_label"):
        _echo(f"the goal is already reached: the result ITAS gives is {given_label}")
        return
    if data["already"]:
        _echo("the goal is already reached")
        return
    if data.get("goal_by_label") is False:  # ITAS's ผ่าน with a tool unknown: not reached, no path can be said
        _echo(f"the goal is not reached (the result ITAS gives is {given_label}); which fixes reach it cannot be known "
              f"({reason})")
        return
    if data.get("goal_unknown"):  # ผ่านดี with a tool (or EIT's parts) unknown: no path can be said to reach it
        reason = data["goal_unknown"]
        _echo(f"whether the goal is reached cannot be known ({reason})")
        return
    _echo("the fewest fixes to the goal:" if data["goal_reached"] else "the fixes closest to the goal (not reached):")
    for i, step in enumerate(data["path"], start=1):
        f = step["fix"]
        label = entry_label(f["code"], f["part"])
        tools = ", ".join(f"{k} {fmt_score(v)}" for k, v in step["tools"].items())
        _echo(f"  {i}. {label} to 100 ({translate(f['kind'])}): total {fmt_score(step['total'])} {step['level']}"
              f"{' ' + step['label'] if step['label'] else ''}; {tools}")


# an analysis as a reader has it, checked against its own numbers (not drafted from its scores)


@main.command("check")
@click.argument("source", metavar="PLAN|RESULTS", required=False, type=click.Path(dir_okay=False), callback=example_fallback)
@click.option("--format", "formats", multiple=True, type=click.Choice(["json", "md", "html", "docx"]),
              help="Which renderings to read, each finding at its line there (default: all four, each finding once at "
                   "the plan file's line).")
@rules_option
@recs_option
@framework_option
@engine_option
@digits_option
def check_cmd(source: str | None, formats: tuple[str, ...], rules_dirs: tuple[str, ...], rec_dirs: tuple[str, ...],
              framework: str | None, engine: str, thai_digits: bool | None) -> None:
    """Re-derive every number and claim of a plan's documents from its facts, or of a hand-made document.

    Each score, change, percentage, direction word, category, label, code cited and provenance fact of the
    rendered text (Markdown, HTML, Word, and the JSON texts) is checked against the plan's scores, scored
    again by the NACC's method, and so is what each fix is worth (the ranked list, the goals, each measure's
    points at stake); English words outside an allow-list are reported. A results file is drafted
    first. A document on its own (.txt, .md, .html, .docx, .pdf: a hand-made analysis, or a file itaplan
    wrote) is checked against its own numbers: indicator averages, changes and percentages, rise/fall
    words, the level, template text left in. Exit 0 when everything agrees, 1 with one line per
    disagreement.

    \b
    Examples:
      itaplan check plan.yaml
      itaplan check analysis.docx
    """
    from itaplan.checking.check import check_plan
    from itaplan.drafting.plan import is_plan_file, load_plan

    if source is None:  # said first: "every figure … agrees" about the example is not about the officer's plan
        _echo("no file given: the bundled example is checked (check yours with: itaplan check plan.yaml)", err=True)
    source = source or _bundled_example()
    setup = session(rules_dirs, rec_dirs, framework, None, engine)
    if Path(source).suffix.lower() in CHECKED_SUFFIXES:  # an analysis as a reader has it, hand-made or ours
        from itaplan.checking.check_document import check_document


        found = check_document(source)
        for problem in found:
            _echo(problem)
        if found:
            raise SystemExit(1)
        _echo(f"{source}: every figure follows from the document's own numbers", err=True)
        return
    plan_text = None
    if is_plan_file(source):
        plan = load_plan(source)
        plan_text = Path(source).read_text(encoding="utf-8", errors="replace")
    else:
        from itaplan.base.errors import InputError
        from itaplan.followup.importer import looks_like_measures_table

        if Path(source).suffix.lower() in (".csv", ".xlsx") and looks_like_measures_table(Path(source)):
            raise InputError(Problem(source, "is a measures table, not a plan or results: check the plan it was "
                                             "made from (`itaplan check plan.yaml` checks its documents too), or "
                                             "bring a hand-made one in with `itaplan import`"))
        plan = setup.plan(setup.scorecard(source))
    warn_approval(plan, source)
    problems = check_plan(plan, setup.catalogue, formats or ("json", "md", "html", "docx"),
                          thai_digits=thai_digits)
    if plan_text is not None and not formats:  # in the plan file the officer mends (--format: in that document)
        from itaplan.checking.check import in_plan_file

        problems = in_plan_file(problems, plan, setup.catalogue, source, plan_text, thai_digits)
        for finding in problems:  # in the interface's language already
            click.echo(clean_text(finding))
    else:
        for finding in problems:
            _echo(finding)
    from itaplan.base.i18n import problem_text
    from itaplan.checking.check import assumed_weights_notes, budget_notes, dimension_notes, handled_notes

    if plan_text is not None:  # the total the documents print when it is not ITAS's: a warning, not a finding
        from itaplan.base import thai
        from itaplan.followup.deadlines import deadline_warnings

        # the software's own advice, with the commands to type: never cut in its middle as a long input value is
        for warning in assumed_weights_notes(plan, source) + deadline_warnings(plan, thai.today()):
            _echo(problem_text(Problem(source, f"warning: {warning}", limit=MAX_NOTE)), err=True)
        for warning in _unproposed(plan, setup, source, rules_dirs, rec_dirs):
            _echo(problem_text(Problem(source, f"warning: {warning}", limit=MAX_NOTE)), err=True)
    budgets = budget_notes(plan, setup.catalogue, source) if plan_text is not None else []  # set in a plan file
    for note in handled_notes(plan) + dimension_notes(plan) + budgets:  # not a problem: the exit status is kept
        _echo(problem_text(Problem(source, f"note: {note}", limit=MAX_NOTE)), err=True)
    if problems:
        raise SystemExit(1)
    _echo(f"{source}: every figure and claim agrees with the plan's facts", err=True)


def _unproposed(plan: Plan, setup: Session, source: str, rules_dirs: tuple[str, ...],
                rec_dirs: tuple[str, ...]) -> list[str]:
    """The measures of a plan file the rules in force here would no longer propose (``unproposed_notes``), with the
    command that drafts it again with these rules; none said when the rules in force cannot be read (``rules
    validate`` says why; check is about the plan's figures)."""
    from itaplan.base.errors import InputError
    from itaplan.checking.check import unproposed_notes

    results = str((plan.get("itaplan") or {}).get("source") or "RESULTS")
    layers = "".join(f" --rules {d}" for d in rules_dirs) + "".join(f" --recommendations {d}" for d in rec_dirs)
    try:
        return unproposed_notes(plan, setup.ruleset, f"itaplan draft {results}{layers} --update {source}")
    except InputError:
        return []


@main.command("review")
@click.argument("source", metavar="RESULTS|PLAN", required=False, type=click.Path(dir_okay=False), callback=example_fallback)
@click.option("--edit", is_flag=True, help="Go through the measures one by one: keep, drop, change, note.")
@click.option("--measure", "measure", metavar="N|TITLE|ID",
              help="With --edit: review this one measure again, settled or not: its number in the table of the "
                   "documents as they are now, dropped measures not counted, as progress --measure numbers them "
                   "(its card shows it, [N/…]), its title or id (a dropped one, e.g. to keep it again).")
@click.option("--again", is_flag=True, help="With --edit: go through every measure from the first, settled or not "
                                            "(a later session goes on from the first not settled).")
@click.option("--add", "add", metavar="ID",
              help="Add the catalogue's measure ID to a PLAN file, kept, answering the weak points of its indicators "
                   "left with no measure (after a drop); --edit's [a]dd lists the measures and adds the agency's own.")
@click.option("--handled", "handled", metavar="CODE[:PART]=TEXT", multiple=True,
              help="Record in a PLAN file the agency's own statement of how it handles a weak point that no kept "
                   "measure answers (e.g. e5:1=..., O22=...; a whole indicator's point: fell-N or given-N), printed "
                   "in the analysis after the point as the agency's words; =TEXT left empty removes it. Repeatable.")
@click.option("--budget", "budgets", metavar="N|TITLE|ID=BAHT", multiple=True,
              help="Set a measure's budget in a PLAN file (the measure as --measure takes it; baht, 0 or more, e.g. "
                   "1=30,000 or 1=๓๐๐๐๐; 1=ไม่ใช้งบประมาณ for one that needs none), printed on its project card and in the action-plan table; =BAHT left "
                   "empty removes it. Repeatable.")
@click.option("--signer", "signers", metavar="ROLE=NAME[;POSITION]", multiple=True,
              help="Set who signs the documents of a PLAN file: ROLE is prepared, proposed, approved, reporter or "
                   "acknowledged (or ผู้จัดทำ, ผู้เสนอ, ผู้อนุมัติ, ผู้รายงาน, ผู้รับทราบ); a position left out keeps the "
                   "one recorded; ROLE= removes the role. Repeatable.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="PLAN", callback=file_output,
              help="With --edit on a results file: the plan file to save (default: RESULTS.plan.yaml).")
@force_option
@click.option("--plain", is_flag=True, help="No colour or box drawing (automatic when not a terminal).")
@click.option("--width", type=click.IntRange(40, 1000), help="Screen width in columns, 40 or more (default: the terminal's).")
@rules_option
@recs_option
@framework_option
@previous_option
@engine_option
@strict_option
@agency_option
@click.pass_context
def review_cmd(ctx: click.Context, source: str | None, edit: bool, measure: str | None, again: bool,
               add: str | None, handled: tuple[str, ...], budgets: tuple[str, ...], signers: tuple[str, ...],
               output: str | None, force: bool, plain: bool,
               width: int | None, rules_dirs: tuple[str, ...], rec_dirs: tuple[str, ...], framework: str | None,
               previous: str | None, engine: str, strict: bool, agency: str | None) -> None:
    """Review a draft in the terminal: scores, why each measure is there, warnings.

    RESULTS is drafted first; a PLAN file (from draft -o plan.yaml) is shown as it is. With no argument
    the bundled example is reviewed.

    \b
    Examples:
      itaplan review results.yaml
      itaplan review plan.yaml --edit
      itaplan review plan.yaml --edit --measure 3
      itaplan review plan.yaml --add feedback-complaint-channel
      itaplan review plan.yaml --handled "e5:1=ประชาสัมพันธ์ตามแผนประชาสัมพันธ์ประจำปี"
      itaplan review plan.yaml --budget 1=30,000 --budget 3=0
      itaplan review plan.yaml --signer "approved=นายสมชาย ใจดี;นายกองค์การบริหารส่วนตำบล"
    """
    from itaplan.cli.plan_edits import set_budgets_and_signers
    from itaplan.cli.review import EditSession, print_review, review_index
    from itaplan.cli.terminal import make_console
    from itaplan.drafting.plan import is_plan_file, load_plan, to_yaml

    source = source or _bundled_example()
    setup = session(rules_dirs, rec_dirs, framework, None, engine, strict, agency)  # loads only what is asked
    if add is not None:
        others = [name for name, given in (("--handled", handled), ("--budget", budgets), ("--signer", signers)) if given]
        if others:  # an added measure renumbers the table the others' numbers name: one change at a time
            raise UsageError(Problem("itaplan review --add", f"adds a measure in a command of its own; give "
                                                              f"{', '.join(others)} in another (nothing was saved)"))
        _add_measure(source, add, setup.catalogue)
        return
    if handled or budgets or signers:
        # every value of every option read first (a bad one: nothing written), then each written and said: the
        # statements, then the budgets and signers (given together, --handled dropped the others unsaid)
        statements = _read_statements(source, handled) if handled else []
        if budgets or signers:
            set_budgets_and_signers(source, budgets, signers, setup.catalogue)
        _write_statements(source, statements)
        return
    if is_plan_file(source):
        plan = load_plan(source)
        plan_path = Path(source)
    else:
        plan = setup.plan(setup.scorecard(source, previous))
        say_workspace(ctx, rules_dirs, rec_dirs)
        plan_path = Path(output) if output else Path(source).with_suffix(".plan.yaml")
    place = "itaplan review"
    if (measure is not None or again) and not edit:
        raise UsageError(Problem(place, "--measure and --again choose what --edit goes through: add --edit"))
    if measure is not None and again:
        raise UsageError(Problem(place, "give --measure (one measure) or --again (all of them), not both"))
    only = review_index(plan, measure) if measure is not None else None
    plain = plain or not sys.stdout.isatty()
    console = make_console(plain, width)
    # a later --edit session (one measure again, or going on from an earlier one) opens with the heading only
    # (an imported table's review is its measures alone: shown whole)
    later = edit and is_plan_file(source) and not plan.get("imported") and (
        only is not None or bool((plan.get("review") or {}).get("log")))
    print_review(plan, console, plain, brief=plan_path.name if later else "")
    if not edit:
        if is_plan_file(source):  # the budgets the signed documents would print as not set, and how to set them
            _budget_notes(plan_path, setup.catalogue, None if console.soft_wrap else console.width or 80)
        return
    if not is_plan_file(source):
        from itaplan.base.output import write_atomic

        write_atomic(plan_path, to_yaml(plan), force)
        _echo(f"draft written to {plan_path}")
    from itaplan.base.i18n import translate

    # Enter alone is "" (a blank field is left as it is, a blank reason refused); at the action prompt it skips
    session_ = EditSession(plan, plan_path, lambda prompt: utf8_text(ask(translate(prompt)), "the answer"),
                           _echo, lambda: setup.catalogue)
    try:
        session_.run(width=console.width or 80, again=again, only=only)
    except (KeyboardInterrupt, click.exceptions.Abort):  # the input ended, or Ctrl-C: a session that changed nothing
        if session_.changed_nothing():  # takes its copy back, as one that ends does (round 25's newcomer)
            session_.unchanged_end()
        raise
    _budget_notes(plan_path, setup.catalogue, None if console.soft_wrap else console.width or 80)


def _budget_notes(plan_path: Path, catalogue: Catalogue, width: int | None) -> None:
    """Said at the end of a review of a plan file, as ``check`` says it, wrapped to the screen: the measures with no
    budget set (the plan named as from the current folder when it is in it, so that the command fits)."""
    from itaplan.base.i18n import problem_text
    from itaplan.checking.check import budget_notes
    from itaplan.cli.thaiwrap import wrap_thai
    from itaplan.drafting.plan import load_plan

    try:
        shown = str(plan_path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        shown = str(plan_path)
    for note in budget_notes(load_plan(plan_path), catalogue, shown):
        said = problem_text(Problem(shown, f"note: {note}"))
        # wrapped as the screen's other lines are (a terminal, or --width); piped or saved, one line, commands whole
        _echo(said if width is None else wrap_thai(said, width), err=True)


def _read_statements(source: str, given: tuple[str, ...]) -> list[tuple[tuple[str, int], str]]:
    """``review PLAN --handled CODE[:PART]=TEXT`` read: each weak point and its statement; a bad one is said and
    nothing is saved (``_write_statements`` records them)."""
    from itaplan.drafting.handled import checked_statement, find_point
    from itaplan.drafting.plan import is_plan_file, load_plan

    place = "itaplan review --handled"
    if not is_plan_file(source):
        raise UsageError(Problem(place, f"records a statement in a plan file (from draft -o plan.yaml); '{source}' "
                                        "is not one"))
    pairs = []
    for typed in given:
        point, sep, text = typed.partition("=")
        if not sep:
            raise UsageError(Problem(place, f"'{typed[:40]}' has no '=': give CODE[:PART]=TEXT, e.g. e5:1=TEXT; "
                                            "nothing was saved"))
        pairs.append((find_point(load_plan(source), point), checked_statement(text)))
    return pairs


def _write_statements(source: str, pairs: list[tuple[tuple[str, int], str]]) -> None:
    """The agency's own statements on weak points no kept measure answers (``drafting.handled``), as ``--edit``
    asks for them after a drop and the web's plan page takes them, recorded and said."""
    from itaplan.cli.terminal import entry_label
    from itaplan.drafting.analysis import unanswered_points
    from itaplan.drafting.handled import set_statement

    for key, text in pairs:
        plan = set_statement(Path(source), key, text)
        label = entry_label(*key)
        if text.strip() and key in unanswered_points(plan):
            _echo(f"weak point {label}: the agency's statement recorded; the analysis prints it after the point while "
                  "no kept measure answers it")
        elif text.strip():
            _echo(f"weak point {label}: the agency's statement recorded; a kept measure answers the point now, and the "
                  "analysis cites the measure, not the statement (printed once no kept measure answers the point)")
        else:
            _echo(f"weak point {label}: the agency's statement removed")


def _add_measure(source: str, rec_id: str, catalogue: Catalogue) -> None:
    """``review PLAN --add ID``: the catalogue's measure added as the web app and ``--edit``'s [a]dd add it."""
    from itaplan.app.amend import add_from_catalogue
    from itaplan.base.thai import to_arabic
    from itaplan.cli.review import added_text
    from itaplan.cli.terminal import entry_label
    from itaplan.drafting.analysis import unanswered_points
    from itaplan.drafting.plan import is_plan_file, load_plan

    if not is_plan_file(source):
        raise UsageError(Problem("itaplan review --add", "adds a measure to a plan file (from draft -o plan.yaml); "
                                                          f"'{source}' is not one"))
    before = unanswered_points(load_plan(source))
    plan = add_from_catalogue(Path(source), to_arabic(rec_id.strip()), catalogue, answer=True)
    _echo(added_text(plan, before))
    left = unanswered_points(plan)
    if left:
        codes = ", ".join(entry_label(code, part) for code, part in left)
        _echo(f"weak points {codes} still have no measure kept to answer them")
