"""The itaplan command line: parses options, calls engine/, prints. Nothing else lives here."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from engine import __version__
from engine.errors import ExitStatus, ItaplanError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class Group(click.Group):
    """Maps every ItaplanError to its one-line messages and exit status: no traceback for users."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ItaplanError as exc:
            for problem in exc.problems:
                _echo(f"error: {problem}", err=True)
            ctx.exit(int(exc.exit_status))
        except (KeyboardInterrupt, click.exceptions.Abort):  # Ctrl-C, or the input ended during a prompt
            _echo("\ninterrupted (what was confirmed before is saved)", err=True)
            ctx.exit(130)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:  # a bug: one line for users, the traceback with --verbose
            if (ctx.obj or {}).get("verbose"):
                raise
            _echo(f"error: internal error ({exc.__class__.__name__}: {str(exc)[:300]}); run again with --verbose and "
                       "report it", err=True)
            ctx.exit(70)


def _echo(message: Any = "", err: bool = False, **kwargs: Any) -> None:
    """click.echo for messages that may hold text from input files: no escape sequences or control characters."""
    from engine.errors import clean_text

    click.echo(clean_text(str(message)), err=err, **kwargs)


def _state(ctx: click.Context) -> dict:
    return ctx.find_root().obj or {}


def _warn_line(problem: Any) -> None:
    _echo(f"warning: {problem}", err=True)


def _load(results: str, framework: str | None, framework_file: str | None, previous: str | None = None,
          strict: bool = False):
    from engine.framework import load_framework
    from engine.loader import load_results, settle_warnings

    fw = None
    if framework_file:
        fw = load_framework(path=framework_file)
    elif framework:
        fw = load_framework(framework)
    res = settle_warnings(load_results(results, fw), strict, _warn_line)
    if previous:
        res.previous = settle_warnings(load_results(previous), strict, _warn_line)
    return res


def _scorecard(results: str, framework: str | None, framework_file: str | None, previous: str | None = None,
               strict: bool = False):
    from engine.scoring import score

    return score(_load(results, framework, framework_file, previous, strict))


framework_option = click.option("--framework", "framework", metavar="YEAR",
                                help="Fiscal year (พ.ศ.) whose framework to use, overriding the file's.")
framework_file_option = click.option("--framework-file", type=click.Path(dir_okay=False), metavar="FILE",
                                     help="Your own framework YAML for a year (new or corrected).")
strict_option = click.option("--strict", is_flag=True,
                             help="A line of the results that starts with a question code but cannot be read is an "
                                  "error (exit 2), not a warning.")
previous_option = click.option("--previous", type=click.Path(dir_okay=False), metavar="FILE",
                               help="Last year's results file, for the change per indicator.")


@click.group(cls=Group, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="itaplan")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and the requested output.")
@click.option("-v", "--verbose", is_flag=True, help="Print more about what is done.")
@click.pass_context
def main(ctx: click.Context, quiet: bool, verbose: bool) -> None:
    """Draft a Thai agency's ITA improvement documents from its results.

    \b
    Example:
      itaplan score results.yaml
      itaplan draft results.yaml --format docx -o plan.docx
    """
    ctx.obj = {"quiet": quiet, "verbose": verbose}


@main.command("score")
@click.argument("results", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="A table for people or JSON for programs.")
@click.option("--plain", is_flag=True, help="No colour or box drawing.")
@framework_option
@framework_file_option
@previous_option
@strict_option
@click.pass_context
def score_cmd(ctx: click.Context, results: str, fmt: str, plain: bool, framework: str | None,
              framework_file: str | None, previous: str | None, strict: bool) -> None:
    """Compute the scorecard of one agency's results (NACC method).

    \b
    Example:
      itaplan score results.yaml --format json
    """
    card = _scorecard(results, framework, framework_file, previous, strict)
    if fmt == "json":
        click.echo(json.dumps(card.to_dict(), ensure_ascii=False, indent=2))
        return
    from engine.terminal import make_console, print_scorecard

    plain = plain or not sys.stdout.isatty()
    print_scorecard(card, make_console(plain), plain)


rules_option = click.option("--rules", "rules_dirs", multiple=True, type=click.Path(file_okay=False), metavar="DIR",
                            help="A folder of your own rule files, layered over the built-in ones (repeatable).")
recs_option = click.option("--recommendations", "rec_dirs", multiple=True, type=click.Path(file_okay=False),
                           metavar="DIR", help="A folder of your own recommendations, layered over the built-in ones.")
engine_option = click.option("--engine", type=click.Choice(["auto", "durable", "pure"]), default="auto",
                             show_default=True, help="Rule evaluator: durable_rules, the pure-Python one, or auto.")
format_option = click.option("--format", "fmt", type=click.Choice(["json", "yaml", "md", "docx", "xlsx", "html", "csv",
                                                                 "pdf"]),
                             default=None, help="Output format (default: from the -o suffix, else yaml).")
output_option = click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="OUT",
                             help="Write to this file (text formats go to standard output without it).")
force_option = click.option("--force", is_flag=True, help="Overwrite an existing output file.")
csv_keys_option = click.option("--csv-keys", type=click.Choice(["th", "en"]), default="th", show_default=True,
                               help="CSV column names and values in Thai (for Excel), or the English keys other "
                                    "programs read.")
digits_option = click.option("--thai-digits", is_flag=True, help="Print numbers, dates and list numbers in Thai digits.")
font_option = click.option("--font", default="TH Sarabun New", show_default=True,
                           help="Font of Word, Excel and PDF files (e.g. TH SarabunPSK); the PDF uses the "
                                "bundled Sarabun when this font is not installed.")
cards_option = click.option("--cards", is_flag=True,
                            help="Add the action-plan table and a project card per measure (Word or PDF).")
card_option = click.option("--card", "card_ids", multiple=True, metavar="ID",
                           help="Cards only for these measures (repeatable; implies --cards).")


def _layers(dirs: tuple[str, ...] | list[str], rec_dirs: tuple[str, ...] | list[str]) -> tuple[list[str], list[str]]:
    """Folders given, with their sibling recommendations/; none given: the workspace's (itaplan.yaml upward)."""
    from engine.pipeline import Setup

    setup = Setup(list(dirs), list(rec_dirs))
    return setup.rules_dirs, setup.recommendation_dirs


def _bundled_example() -> str:
    from engine.builtin import builtin_dir

    return str(builtin_dir("examples") / "example.yaml")


def _format_for(fmt: str | None, output: str | None) -> str:
    from engine.pipeline import FORMATS

    if fmt:
        return fmt
    if output:
        suffix = Path(output).suffix.lower().lstrip(".")
        suffix = {"yml": "yaml", "markdown": "md", "htm": "html"}.get(suffix, suffix)
        if suffix in FORMATS:
            return suffix
        from engine.errors import Problem, UsageError

        known = ", ".join(f".{f}" for f in FORMATS)
        raise UsageError(Problem(output, f"the file name does not say a format itaplan writes (use one of {known}, "
                                         "or give --format)"))
    return "yaml" if not sys.stdout.isatty() else "md"


def _emit(data: bytes | str, fmt: str, output: str | None, force: bool) -> None:
    from engine.errors import Problem, UsageError
    from engine.output import write_atomic
    from engine.pipeline import BINARY_FORMATS

    if output:
        write_atomic(Path(output), data, force)
        return
    if fmt in BINARY_FORMATS:
        raise UsageError(Problem("itaplan", f"--format {fmt} needs -o FILE (it is not text)"))
    click.echo(data, nl=False)  # the document itself, as rendered


def _check_cards(fmt: str, cards: bool, card_ids: tuple[str, ...]) -> None:
    if (cards or card_ids) and fmt not in ("docx", "pdf"):
        from engine.errors import Problem, UsageError

        raise UsageError(Problem("itaplan", f"--cards and --card go into the Word or PDF file; use --format docx or pdf, "
                                            f"not {fmt}"))


def _summary(plan: dict, output: str | None) -> str:
    scores = plan["scores"]
    total = "–" if scores["total"] is None else f"{scores['total']:.2f}"
    where = f" -> {output}" if output else ""
    return (f"{plan['agency'].get('name', '')}: FY{plan['fiscal_year']} total {total} {scores['level'] or ''} "
            f"{scores['label'] or ''}; {len(plan['measures'])} measures for FY{plan['plan_year']}{where}")


@main.command("draft")
@click.argument("results", required=False, type=click.Path(dir_okay=False))
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
@strict_option
@click.pass_context
def draft_cmd(ctx: click.Context, results: str | None, fmt: str | None, output: str | None, force: bool,
              rules_dirs: tuple[str, ...], rec_dirs: tuple[str, ...], framework: str | None,
              framework_file: str | None, previous: str | None, plan_year: int | None, engine: str,
              thai_digits: bool, csv_keys: str, font: str, cards: bool, card_ids: tuple[str, ...],
              strict: bool) -> None:
    """Draft the improvement plan (analysis and measures) from one agency's results.

    With no RESULTS the bundled example is drafted.

    \b
    Examples:
      itaplan draft results.yaml -o plan.yaml
      itaplan draft results.yaml --format docx -o plan.docx --thai-digits
    """
    from engine.pipeline import Setup, render

    setup = Setup(list(rules_dirs), list(rec_dirs), framework, framework_file, engine, strict, _warn_line)
    if output:
        from engine.output import check_writable

        check_writable(Path(output), force)
    card = setup.scorecard(results or _bundled_example(), previous)
    plan = setup.plan(card, plan_year)
    fmt = _format_for(fmt, output)
    _check_cards(fmt, cards, card_ids)
    _emit(render(plan, fmt, catalogue=setup.catalogue, thai_digits=thai_digits, csv_keys=csv_keys, font=font, cards=cards,
                 card_ids=list(card_ids)), fmt, output, force)
    if output and not _state(ctx).get("quiet"):
        from engine.terminal import make_console, print_scorecard

        plain = not sys.stderr.isatty()
        print_scorecard(card, make_console(plain, stderr=True), plain)
        _echo(_summary(plan, output), err=True)


@main.command("render")
@click.argument("plan_file", metavar="PLAN", type=click.Path(dir_okay=False))
@format_option
@output_option
@force_option
@recs_option
@digits_option
@csv_keys_option
@font_option
@cards_option
@card_option
@click.pass_context
def render_cmd(ctx: click.Context, plan_file: str, fmt: str | None, output: str | None, force: bool,
               rec_dirs: tuple[str, ...], thai_digits: bool, csv_keys: str, font: str, cards: bool,
               card_ids: tuple[str, ...]) -> None:
    """Render a plan file (as drafted, or edited by hand) into a document.

    \b
    Example:
      itaplan render plan.yaml --format docx -o plan.docx
    """
    from engine.catalogue import load_catalogue
    from engine.pipeline import render
    from engine.plan import load_plan

    if output:
        from engine.output import check_writable

        check_writable(Path(output), force)
    plan = load_plan(plan_file)
    fmt = _format_for(fmt, output)
    _check_cards(fmt, cards, card_ids)
    _emit(render(plan, fmt, catalogue=load_catalogue(list(rec_dirs)), thai_digits=thai_digits, csv_keys=csv_keys, font=font,
                 cards=cards, card_ids=list(card_ids)), fmt, output, force)
    if output and not _state(ctx).get("quiet"):
        _echo(_summary(plan, output), err=True)


@main.command("whatif")
@click.argument("results", required=False, type=click.Path(dir_okay=False))
@click.option("--goal", type=click.Choice(["85", "pass-good", "95"]), default="85", show_default=True,
              help="The total at 85, every tool at 85 too (ผ่านดี), or 95.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--top", type=click.IntRange(1, 200), default=10, show_default=True, help="How many fixes to rank.")
@framework_option
def whatif_cmd(results: str | None, goal: str, fmt: str, top: int, framework: str | None) -> None:
    """Which fixes raise the total most, and the fewest fixes that reach the goal.

    For every question (per EIT part) and OIT item below its maximum: the points the total gains if it
    reaches the target and if it reaches 100 (an OIT item: if met), through the framework's own weights and
    means; then the shortest list of fixes that reaches the goal, with the tools and label after each step.
    OIT items are "publish" fixes. What cannot be known from the input is said to be unknown.

    \b
    Example:
      itaplan whatif results.yaml --goal pass-good
    """
    import json as _json

    from engine.loader import load_results
    from engine.pipeline import Setup
    from engine.thai import fmt_score
    from engine.whatif import whatif

    source = results or _bundled_example()
    data = whatif(load_results(source, Setup([], [], framework).framework), goal, top)
    if fmt == "json":
        click.echo(_json.dumps(data, ensure_ascii=False, indent=2))
        return
    _echo(f"total {fmt_score(data['total'])} ({data['total_source']}), level {data['level']}"
          f"{', ' + data['label'] if data['label'] else ''}; goal: {data['goal_text']}")
    if not data["gains_known"]:
        _echo(f"unknown: {data['unknown_reason']}")
        return
    _echo("worth the most (points on the total; to the target / to 100 or met):")
    for f in data["ranked"]:
        label = f"{f['code']}{' part ' + str(f['part']) if f['part'] else ''}"
        to_target = "—" if f["gain_to_target"] is None else f"+{fmt_score(f['gain_to_target'])}"
        to_max = "unknown" if f["gain_to_max"] is None else f"+{fmt_score(f['gain_to_max'])}"
        _echo(f"  {label:<10} {fmt_score(f['score']):>6}  {to_target:>7} / {to_max:<7} {f['kind']:<7} {f['title']}")
    if data["already"]:
        _echo("the goal is already reached")
        return
    _echo("the fewest fixes to the goal:" if data["goal_reached"] else "the fixes closest to the goal (not reached):")
    for i, step in enumerate(data["path"], start=1):
        f = step["fix"]
        label = f"{f['code']}{' part ' + str(f['part']) if f['part'] else ''}"
        tools = ", ".join(f"{k} {fmt_score(v)}" for k, v in step["tools"].items())
        _echo(f"  {i}. {label} to 100 ({f['kind']}): total {fmt_score(step['total'])} {step['level']}"
              f"{' ' + step['label'] if step['label'] else ''}; {tools}")


@main.command("check")
@click.argument("source", metavar="PLAN|RESULTS", required=False, type=click.Path(dir_okay=False))
@click.option("--format", "formats", multiple=True, type=click.Choice(["json", "md", "html", "docx"]),
              help="Which renderings to read (default: all four).")
@rules_option
@recs_option
@framework_option
@engine_option
@digits_option
def check_cmd(source: str | None, formats: tuple[str, ...], rules_dirs: tuple[str, ...], rec_dirs: tuple[str, ...],
              framework: str | None, engine: str, thai_digits: bool) -> None:
    """Re-derive every number and claim of a plan's documents from its facts, or of a hand-made document.

    Each score, change, percentage, direction word, category, label, code cited and provenance fact of the
    rendered text (Markdown, HTML, Word, and the JSON texts) is checked against the plan's scores, scored
    again by the NACC's method; English words outside an allow-list are reported. A results file is drafted
    first. A hand-made analysis (.txt, .docx, .pdf) is checked against its own numbers: indicator averages,
    changes and percentages, rise/fall words, the level, template text left in. Exit 0 when everything
    agrees, 1 with one line per disagreement.

    \b
    Examples:
      itaplan check plan.yaml
      itaplan check analysis.docx
    """
    from engine.catalogue import load_catalogue
    from engine.check import check_plan
    from engine.plan import is_plan_file, load_plan

    source = source or _bundled_example()
    if Path(source).suffix.lower() in (".txt", ".text", ".docx", ".pdf"):  # a hand-made document
        from engine.check_document import check_document

        found = check_document(source)
        for problem in found:
            _echo(problem)
        if found:
            raise SystemExit(1)
        _echo(f"{source}: every figure follows from the document's own numbers", err=True)
        return
    if is_plan_file(source):
        plan = load_plan(source)
    else:
        from engine.pipeline import Setup

        setup = Setup(list(rules_dirs), list(rec_dirs), framework, None, engine)
        plan = setup.plan(setup.scorecard(source))
    problems = check_plan(plan, load_catalogue(list(rec_dirs)), formats or ("json", "md", "html", "docx"),
                          thai_digits=thai_digits)
    for problem in problems:
        click.echo(problem)
    if problems:
        raise SystemExit(1)
    click.echo(f"{source}: every figure and claim agrees with the plan's facts", err=True)


@main.command("review")
@click.argument("source", metavar="RESULTS|PLAN", required=False, type=click.Path(dir_okay=False))
@click.option("--edit", is_flag=True, help="Go through the measures one by one: keep, drop, change, note.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="PLAN",
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
@click.pass_context
def review_cmd(ctx: click.Context, source: str | None, edit: bool, output: str | None, force: bool, plain: bool,
               width: int | None, rules_dirs: tuple[str, ...], rec_dirs: tuple[str, ...], framework: str | None,
               previous: str | None, engine: str, strict: bool) -> None:
    """Review a draft in the terminal: scores, why each measure is there, warnings.

    RESULTS is drafted first; a PLAN file (from draft -o plan.yaml) is shown as it is. With no argument
    the bundled example is reviewed.

    \b
    Examples:
      itaplan review results.yaml
      itaplan review plan.yaml --edit
    """
    from engine.plan import is_plan_file, load_plan, to_yaml
    from engine.review import EditSession, print_review
    from engine.terminal import make_console

    source = source or _bundled_example()
    if is_plan_file(source):
        plan = load_plan(source)
        plan_path = Path(source)
    else:
        from engine.pipeline import Setup

        setup = Setup(list(rules_dirs), list(rec_dirs), framework, None, engine, strict, _warn_line)
        plan = setup.plan(setup.scorecard(source, previous))
        plan_path = Path(output) if output else Path(source).with_suffix(".plan.yaml")
    plain = plain or not sys.stdout.isatty()
    console = make_console(plain, width)
    print_review(plan, console, plain)
    if not edit:
        return
    if not is_plan_file(source):
        from engine.output import write_atomic

        write_atomic(plan_path, to_yaml(plan), force)
        _echo(f"draft written to {plan_path}")
    EditSession(plan, plan_path, lambda prompt: click.prompt(prompt, default="s", show_default=False),
                _echo).run(width=console.width or 80)


@main.command("progress")
@click.argument("plan_file", metavar="PLAN", type=click.Path(dir_okay=False))
@click.option("--from", "sheet", type=click.Path(dir_okay=False), metavar="XLSX",
              help="Read progress from the tracking sheet (render PLAN --format xlsx) as the officer filled it in.")
@click.option("--measure", "measure_id", metavar="ID", help="Record one measure's progress from the options below.")
@click.option("--status", metavar="STATUS",
              help="not started | in progress | done | dropped (or the Thai words of the tracking sheet).")
@click.option("--done", "what_done", metavar="TEXT", help="What was done.")
@click.option("--outcome", metavar="TEXT", help="The outcome: results and figures.")
@click.option("--link", "links", multiple=True, metavar="URL", help="Evidence link or document name (repeatable).")
@click.option("--started", metavar="DATE", help="Start date, e.g. 1/10/2568 or 1 ต.ค. 2568.")
@click.option("--finished", metavar="DATE", help="Finish date (status done).")
@click.option("--suggestion", metavar="TEXT", help="Suggestion for next year's measures.")
@click.option("--note", metavar="TEXT", help="A note (for a dropped measure: the reason).")
@click.option("--show", is_flag=True, help="Only show the progress of every measure.")
@click.option("--as-of", "as_of", metavar="DATE", help="The date of this update (default: today).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="PLAN",
              help="Write the updated plan here instead of updating PLAN in place.")
@force_option
@recs_option
@click.option("--plain", is_flag=True, help="No colour or box drawing (automatic when not a terminal).")
@click.pass_context
def progress_cmd(ctx: click.Context, plan_file: str, sheet: str | None, measure_id: str | None, status: str | None,
                 what_done: str | None, outcome: str | None, links: tuple[str, ...], started: str | None,
                 finished: str | None, suggestion: str | None, note: str | None, show: bool, as_of: str | None,
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

    from engine.catalogue import load_catalogue
    from engine.errors import Problem, UsageError
    from engine.plan import keep_original, load_plan, save_plan
    from engine.progress import ProgressSession, one_measure, read_sheet, record_progress
    from engine.terminal import make_console, print_progress
    from engine.thai import parse_date

    one = {"--status": status, "--done": what_done, "--outcome": outcome, "--link": links or None,
           "--started": started, "--finished": finished, "--suggestion": suggestion, "--note": note}
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
        from engine.output import check_writable

        check_writable(out_path, force)
    catalogue = load_catalogue(list(rec_dirs))
    text = catalogue.text
    plain = plain or not sys.stdout.isatty()
    if show:
        print_progress(load_plan(plan_file), text, make_console(plain))
        return
    if sheet or measure_id:
        if sheet:
            def updates_of(plan: dict) -> dict:
                return read_sheet(sheet, plan, text, today)
        else:
            def updates_of(plan: dict) -> dict:
                return one_measure(plan, measure_id, text, today, status=status, done=what_done, outcome=outcome,
                                   links=list(links) or None, started=started, finished=finished,
                                   suggestion=suggestion, note=note)
        plan, updates, changed = record_progress(Path(plan_file), out_path, updates_of, today)
        if not _state(ctx).get("quiet"):
            _echo(f"{len(changed)} of {len(updates)} measures changed; plan saved to {out_path}" if changed
                       else "nothing changed", err=True)
            print_progress(plan, text, make_console(plain, stderr=True))
        return
    plan = load_plan(plan_file)
    if output:
        save_plan(plan, out_path, force)
    else:
        keep_original(out_path, "before-progress")
    ProgressSession(plan, out_path, lambda prompt, default: click.prompt(prompt, default=default, show_default=bool(default)),
                    _echo, text, today).run()


@main.command("report")
@click.argument("plan_file", metavar="PLAN", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["docx", "pdf", "md", "json"]), default=None,
              help="Output format (default: from the -o suffix, else md).")
@output_option
@force_option
@recs_option
@digits_option
@font_option
@click.option("--as-of", "as_of", metavar="DATE", help="The 'data as of' date printed (default: the last progress update).")
@click.pass_context
def report_cmd(ctx: click.Context, plan_file: str, fmt: str | None, output: str | None, force: bool,
               rec_dirs: tuple[str, ...], thai_digits: bool, font: str, as_of: str | None) -> None:
    """The report on a plan's measures (รายงานผลการดำเนินการตามมาตรการ…), from the progress recorded on it.

    Each measure with its method, timeline, owner, what was done, outcome, evidence and a suggestion
    for next year; a summary of completion; the measures not done, stated plainly. Titled for the OIT
    item of the year it is published in (o43, o28 or O26).

    \b
    Examples:
      itaplan report plan.yaml --format docx -o report.docx
      itaplan report plan.yaml --format json
    """
    from engine.catalogue import load_catalogue
    from engine.errors import Problem, UsageError
    from engine.plan import load_plan
    from engine.render.common import Texts
    from engine.render.report import render_report
    from engine.report import build_report
    from engine.thai import parse_date

    if output:
        from engine.output import check_writable

        check_writable(Path(output), force)
    try:
        day = parse_date(as_of) if as_of else None
    except ValueError as exc:
        raise UsageError(Problem("--as-of", str(exc))) from None
    if fmt is None:
        suffix = Path(output).suffix.lower().lstrip(".") if output else ""
        fmt = {"docx": "docx", "pdf": "pdf", "json": "json", "md": "md", "markdown": "md"}.get(suffix, "md")
    if output is None and fmt in ("docx", "pdf"):
        raise UsageError(Problem("itaplan", f"--format {fmt} needs -o FILE (it is not text)"))
    plan = load_plan(plan_file)
    texts = Texts(load_catalogue(list(rec_dirs)), thai_digits)
    report = build_report(plan, texts, day)
    _emit(render_report(report, fmt, texts, font=font), fmt, output, force)
    if not _state(ctx).get("quiet"):
        for assumption in report["assumptions"]:
            _echo(f"assumption: {assumption}", err=True)
    if output and not _state(ctx).get("quiet"):
        from engine.progress import counts

        c = counts(plan)
        _echo(f"{plan['agency'].get('name', '')}: FY{plan['plan_year']} measures: {c['done']} done, "
                   f"{c['in progress']} in progress, {c['not started']} not started, {c['dropped']} dropped "
                   f"-> {output}", err=True)


@main.command("import")
@click.argument("table", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), metavar="PLAN",
              help="The plan file to write (YAML).")
@force_option
@click.option("--plan-year", type=click.IntRange(2400, 2800), metavar="YEAR",
              help="Fiscal year the measures run in (default: the year in the table's heading).")
@click.option("--agency", "agency_name", metavar="NAME", help="The agency's name (default: from the heading).")
@click.pass_context
def import_cmd(ctx: click.Context, table: str, output: str, force: bool, plan_year: int | None,
               agency_name: str | None) -> None:
    """Import last year's hand-made measures table (docx, pdf, xlsx or text) into a plan file.

    Measures whose indicator the table does not name, or that lack a column, are listed and left out.

    \b
    Example:
      itaplan import measures-2568.docx -o plan.yaml
    """
    from engine.importer import import_table
    from engine.output import check_writable, write_atomic
    from engine.plan import to_yaml
    from engine.schemacheck import schema_problems

    check_writable(Path(output), force)
    result = import_table(table, plan_year, agency_name)
    for line in result.not_understood:
        _echo(f"not understood: {line}", err=True)
    if not result.plan["measures"]:
        from engine.errors import InputError, Problem

        raise InputError(Problem(table, "no measure could be imported (see the lines above)"))
    problems = schema_problems(result.plan, "plan.schema.json", output)
    if problems:  # pragma: no cover - the importer builds plans the schema accepts
        from engine.errors import InputError

        raise InputError(problems)
    write_atomic(Path(output), to_yaml(result.plan), force)
    if not _state(ctx).get("quiet"):
        _echo(f"{len(result.plan['measures'])} measures imported to {output}; {len(result.not_understood)} not "
              "understood", err=True)


@main.command("batch")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=False), metavar="RESULTS...")
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False), metavar="DIR",
              help="Folder for one plan per agency and the summary.")
@click.option("--format", "formats", multiple=True, default=("json",), show_default=True,
              type=click.Choice(["json", "yaml", "md", "docx", "xlsx", "html", "csv", "pdf"]),
              help="Output format(s) per agency (repeatable).")
@click.option("--jobs", type=click.IntRange(1, 256), default=None, help="Processes to use (default: the machine's cores).")
@click.option("--resume", is_flag=True, help="Skip agencies whose outputs already exist (after an interruption).")
@rules_option
@recs_option
@framework_option
@click.option("--plan-year", type=click.IntRange(2400, 2800), metavar="YEAR", help="Fiscal year the measures run in (default: the next).")
@engine_option
@digits_option
@csv_keys_option
@click.pass_context
def batch_cmd(ctx: click.Context, inputs: tuple[str, ...], out_dir: str, formats: tuple[str, ...], jobs: int | None,
              resume: bool, rules_dirs: tuple[str, ...], rec_dirs: tuple[str, ...], framework: str | None,
              plan_year: int | None, engine: str, thai_digits: bool, csv_keys: str) -> None:
    """Draft many agencies at once: one plan per agency, a summary table and summary.csv.

    RESULTS is a CSV/XLSX with an 'agency' column (long: code,score rows; wide: a column per code) or a
    folder of results files. A bad agency, or a row that cannot be read, is reported with its row and
    the batch goes on; exit status 1 if any failed. agencies.csv has one row per agency (status, total,
    level, label, measures, error), summary.csv the counts; both are written even if the run stops.

    \b
    Example:
      itaplan batch province.csv -o plans/ --format json --format docx --jobs 2
    """
    import os

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from engine.batch import AgencyTable, Summary, collect_jobs, prepare_folder, run_batch, summary_csv
    from engine.errors import clean_text
    from engine.output import write_atomic
    from engine.pipeline import Setup

    setup = Setup(list(rules_dirs), list(rec_dirs), framework, None, engine)
    work = collect_jobs(list(inputs))
    out = Path(out_dir)
    options = {"resume": resume, "plan_year": plan_year, "thai_digits": thai_digits, "csv_keys": csv_keys}
    totals = Summary()
    quiet = _state(ctx).get("quiet")
    prepare_folder(out)
    table = AgencyTable(out)
    try:
        with Progress(TextColumn("drafting"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                      TimeElapsedColumn(), disable=quiet, transient=False) as progress:
            task = progress.add_task("batch", total=None, rate="")
            import time

            start = time.perf_counter()
            for outcome in run_batch(work, setup, out, list(formats), jobs_n=jobs or os.cpu_count() or 1,
                                     options=options):
                totals.add(outcome)
                table.add(outcome)
                if not outcome.ok:
                    progress.console.print(clean_text(f"error: {outcome.name}: {outcome.error}", keep_newlines=False),
                                           markup=False, highlight=False)
                elapsed = time.perf_counter() - start
                progress.update(task, advance=1, rate=f"{totals.agencies / elapsed:.1f}/s" if elapsed else "")
    finally:  # whatever stopped the run, the summary of what was done is written
        table.close()
        summary = totals.as_dict()
        write_atomic(out / "summary.csv", summary_csv(summary), force=True)
    if not quiet:
        from engine.terminal import make_console

        console = make_console(not sys.stdout.isatty())
        rate = "–" if summary["pass_rate"] is None else f"{summary['pass_rate'] * 100:.2f} %"
        console.print(f"{summary['drafted']} drafted, {summary['skipped']} skipped, {summary['failed']} failed; "
                      f"pass rate {rate}", markup=False)
        console.print("levels: " + ", ".join(f"{k} {v}" for k, v in summary["levels"].items()), markup=False)
        console.print("labels: " + ", ".join(f"{k} {v}" for k, v in summary["labels"].items()), markup=False)
        console.print("weak codes: " + ", ".join(f"{k} {v}" for k, v in summary["weak_codes"]), markup=False)
        console.print("measures: " + ", ".join(f"{k} {v}" for k, v in summary["measures"]), markup=False)
        console.print(f"summary written to {out / 'summary.csv'} (one row per agency: {out / 'agencies.csv'})",
                      markup=False)
    if summary["failed"]:
        sys.exit(1)


@main.group("rules", cls=Group)
def rules_group() -> None:
    """Check, list, explain and test the rules (for auditors).

    \b
    Examples:
      itaplan rules validate my-rules/
      itaplan rules explain e9 --results results.yaml
    """


def _problems_exit(problems: list, what: str) -> None:

    for problem in problems:
        _echo(str(problem))
    if problems:
        _echo(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found in {what}", err=True)
        sys.exit(int(ExitStatus.PROBLEMS_FOUND))
    _echo(f"no problems found in {what}", err=True)


@rules_group.command("validate")
@click.argument("dirs", nargs=-1, type=click.Path())
@recs_option
def rules_validate(dirs: tuple[str, ...], rec_dirs: tuple[str, ...]) -> None:
    """Check rule folders (built-in when none given): schema, ids, codes per year, recommendations.

    Each problem is printed as file:line:col: message; exit status 1 when there is any.

    \b
    Example:
      itaplan rules validate my-rules/ --recommendations my-recs/
    """
    from engine.catalogue import catalogue_layers, issue_coverage
    from engine.rulebook import check_rules, layer_folders, read_layer

    problems: list = []
    dirs, rec_dirs = _layers(dirs, rec_dirs)  # type: ignore[assignment]
    catalogue = catalogue_layers(list(rec_dirs), True, problems)
    layers = [read_layer(path, name, problems) for name, path in layer_folders(list(dirs))]
    check_rules(layers, catalogue.ids, problems)
    problems.extend(issue_coverage(catalogue))
    _problems_exit(problems, ", ".join(dirs) if dirs else "the built-in rules")


@rules_group.command("list")
@click.option("--framework", "framework", metavar="YEAR", help="Only the rules in force for this fiscal year.")
@rules_option
@recs_option
@click.option("--plain", is_flag=True, help="No colour or box drawing.")
def rules_list(framework: str | None, rules_dirs: tuple[str, ...], rec_dirs: tuple[str, ...], plain: bool) -> None:
    """List the rules in force, the layer each comes from, and what it proposes.

    \b
    Example:
      itaplan rules list --framework 2568 --rules my-rules/
    """
    from rich import box
    from rich.table import Table

    from engine.catalogue import load_catalogue
    from engine.framework import load_framework
    from engine.rulebook import load_rules
    from engine.terminal import for_terminal, make_console

    rules_dirs, rec_dirs = _layers(rules_dirs, rec_dirs)  # type: ignore[assignment]
    ruleset = load_rules(list(rules_dirs), load_catalogue(list(rec_dirs)).ids)
    fw = load_framework(framework) if framework else None
    plain = plain or not sys.stdout.isatty()
    table = Table(box=box.ASCII if plain else box.SIMPLE, show_edge=False)
    for column in ("id", "years", "when", "propose", "layer"):
        table.add_column(column, overflow="fold")
    for rule in ruleset.rules.values():
        if fw and not rule.applies_to(fw.fiscal_year):
            continue
        when = "; ".join(a.text for c in rule.conjunctions(fw or load_framework(
            (rule.frameworks or (2568,))[0])) for a in c)
        years = ",".join(map(str, rule.frameworks)) if rule.frameworks else "all"
        table.add_row(*(for_terminal(cell) for cell in (rule.id, years, when, ", ".join(rule.propose), rule.layer)))
    console = make_console(plain)
    console.print(table)
    for rid, layer in ruleset.disabled.items():
        console.print(for_terminal(f"switched off: {rid} (by {layer})"))


@rules_group.command("diff")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(), metavar="RESULTS...")
@rules_option
@recs_option
@click.option("--against", metavar="built-in|DIR|git:REV", default=None,
              help="The rules before the change: built-in only (default), a folder, or the --rules folders as they "
                   "were at a git revision.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_diff_cmd(inputs: tuple[str, ...], rules_dirs: tuple[str, ...], rec_dirs: tuple[str, ...],
                   against: str | None, fmt: str) -> None:
    """What a rule change does to the plans: measures that appear, disappear or change, per agency, and why.

    RESULTS are results files, folders of them, or a batch table (CSV/XLSX, long or wide). The rules after
    the change are the built-in ones plus --rules; before it, --against. Nothing is written; exit 0.

    \b
    Example:
      itaplan rules diff province.csv --rules my-office/rules --against git:HEAD~1
    """
    import json as _json

    from engine.batch import collect_jobs
    from engine.pipeline import Setup
    from engine.rulesdiff import as_text, old_setup, rules_diff, summary, temporary_folder

    with temporary_folder() as tmp:
        before, before_name = old_setup(against, list(rules_dirs), list(rec_dirs), Path(tmp))
        after = Setup(list(rules_dirs), list(rec_dirs))
        after_name = "built-in" + "".join(f" + {d}" for d in rules_dirs)
        diffs = rules_diff(collect_jobs(list(inputs)), before, after)
    total = summary(diffs)
    if fmt == "json":
        click.echo(_json.dumps({"before": before_name, "after": after_name, "agencies": [d.to_dict() for d in diffs],
                                "summary": total}, ensure_ascii=False, indent=2))
        return
    for line in as_text(diffs, total, before_name, after_name):
        _echo(line)


@rules_group.command("explain")
@click.argument("code")
@click.option("--results", required=True, type=click.Path(dir_okay=False), help="The agency's results file.")
@rules_option
@recs_option
@framework_option
def rules_explain(code: str, results: str, rules_dirs: tuple[str, ...], rec_dirs: tuple[str, ...],
                  framework: str | None) -> None:
    """Say which rules fired for a question code, which did not, and the condition that stopped each.

    \b
    Example:
      itaplan rules explain e9 --results results.yaml --rules my-rules/
    """
    from engine.errors import InputError, Problem
    from engine.explain import explain
    from engine.framework import normalize_code
    from engine.pipeline import Setup

    setup = Setup(list(rules_dirs), list(rec_dirs), framework)
    card = setup.scorecard(results)
    fw = card.framework
    norm = normalize_code(code)
    canonical = fw.lookup(norm) if norm else None
    if canonical is None:
        raise InputError(Problem("explain", f"'{code}' is not a question code of fiscal year {fw.fiscal_year}"))
    q = card.questions[canonical]
    score_text = "no score" if not q.known else ", ".join(
        f"part {part} {value:.2f}" if part else f"{value:.2f}" for part, value in q.entries())
    _echo(f"{canonical} {q.title} — indicator {q.indicator}, {q.tool}: {score_text}")
    explanations, disabled = explain(canonical, card, setup.ruleset, setup.catalogue)
    for e in explanations:
        mark = "FIRED " if e.fired else "no    "
        _echo(f"{mark} {e.rule.id} [{e.rule.layer}] {e.rule.where}")
        _echo(f"       {e.reason}")
        if e.fired:
            _echo(f"       proposes: {', '.join(e.rule.propose)}")
    for line in disabled:
        _echo(f"off    {line}")
    if not explanations:
        _echo("no rule in force looks at this code")


@rules_group.command("test")
@click.argument("dirs", nargs=-1, type=click.Path(file_okay=False))
@recs_option
def rules_test(dirs: tuple[str, ...], rec_dirs: tuple[str, ...]) -> None:
    """Run the YAML test cases kept in each rule folder's tests/ (built-in when none given).

    Reports failures and per-rule coverage; exit status 1 on a failure.

    \b
    Example:
      itaplan rules test my-rules/
    """
    from engine.builtin import builtin_dir
    from engine.catalogue import load_catalogue
    from engine.rulebook import load_rules
    from engine.ruletests import run_rule_tests

    dirs, rec_dirs = _layers(dirs, rec_dirs)
    catalogue = load_catalogue(list(rec_dirs))
    ruleset = load_rules(list(dirs), catalogue.ids)
    folders = [Path(d) for d in dirs] or [builtin_dir("rules")]
    outcomes, coverage = run_rule_tests(folders, ruleset, catalogue)
    failed = [o for o in outcomes if o.failures]
    for o in outcomes:
        _echo(f"{'FAIL' if o.failures else 'ok  '} {o.name} ({o.where})")
        for failure in o.failures:
            _echo(f"      {failure}")
    if dirs:  # a workspace's or folder's tests: the coverage of its own rules (the built-in ones have theirs)
        coverage = {rid: n for rid, n in coverage.items() if ruleset.rules[rid].layer != "built-in"}
    covered = sum(1 for n in coverage.values() if n)
    _echo(f"{len(outcomes) - len(failed)} passed, {len(failed)} failed")
    _echo(f"coverage: {covered} of {len(coverage)} rules fired in at least one case")
    uncovered = sorted(rule for rule, n in coverage.items() if not n)
    if uncovered:
        _echo("not covered by any case: " + ", ".join(uncovered))
    if failed:
        sys.exit(1)


@rules_group.command("lint")
@click.argument("dirs", nargs=-1, type=click.Path(file_okay=False))
@recs_option
def rules_lint(dirs: tuple[str, ...], rec_dirs: tuple[str, ...]) -> None:
    """Find rules that can never fire, rules shadowed by others, and recommendations no rule reaches.

    \b
    Example:
      itaplan rules lint my-rules/
    """
    from engine.catalogue import load_catalogue
    from engine.rulebook import load_rules
    from engine.ruletests import lint

    dirs, rec_dirs = _layers(dirs, rec_dirs)  # type: ignore[assignment]
    catalogue = load_catalogue(list(rec_dirs))
    ruleset = load_rules(list(dirs), catalogue.ids)
    _problems_exit(lint(ruleset, catalogue), "the rules in force")


@rules_group.command("schema")
@click.option("--recommendations", "which", flag_value="recommendations", help="The recommendation file schema.")
@click.option("--plan", "which", flag_value="plan", help="The plan file schema.")
def rules_schema(which: str | None) -> None:
    """Print the JSON Schema of rule files (for editors such as VS Code's YAML extension).

    \b
    Example:
      itaplan rules schema > rules.schema.json
    """
    from engine.schemacheck import load_schema

    name = {"recommendations": "recommendations.schema.json", "plan": "plan.schema.json"}.get(which or "",
                                                                                              "rules.schema.json")
    click.echo(json.dumps(load_schema(name), ensure_ascii=False, indent=2))


@main.command("init")
@click.argument("directory", type=click.Path(file_okay=False))
@force_option
@click.option("--copy", is_flag=True, help="Copy the whole built-in rules and recommendations instead of starting "
                                          "an overlay (later fixes to the built-in sets then no longer reach you).")
def init_cmd(directory: str, force: bool, copy: bool) -> None:
    """Start an office's workspace in DIRECTORY: its own rules and recommendations over the built-in ones.

    The workspace file (itaplan.yaml) is found from the current folder upward, so commands run inside
    DIRECTORY use its layers with no --rules or --recommendations.

    \b
    Example:
      itaplan init my-office && cd my-office && itaplan rules test
    """
    from engine.workspace import init_workspace

    created = init_workspace(Path(directory), force, copy)
    for path in created:
        _echo(str(path))
    _echo("next:")
    _echo(f"  cd {directory}")
    _echo("  itaplan rules test                         # the workspace's rules and their test cases")
    _echo("  itaplan draft RESULTS -o plan.yaml         # drafted with the workspace's layers, no flags")


if __name__ == "__main__":  # pragma: no cover
    main()
