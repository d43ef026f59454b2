"""Many agencies at once."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from itaplan.cli.common import (
    example_fallback,
    _echo,
    _state,
    _warn_line,
    csv_keys_option,
    digits_option,
    engine_option,
    framework_option,
    main,
    recs_option,
    rules_option,
    session,
)
from itaplan.render import FORMATS


@main.command("batch")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=False), metavar="RESULTS...", callback=example_fallback)
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False), metavar="DIR",
              help="Folder for one plan per agency and the summary.")
@click.option("--format", "formats", multiple=True, default=("json",), show_default=True,
              type=click.Choice(list(FORMATS)),
              help="Output format(s) per agency (repeatable).")
@click.option("--jobs", type=click.IntRange(1, 256), default=None, help="Processes to use (default: the processors this process may use, within a container's CPU quota).")
@click.option("--resume", is_flag=True, help="Keep the files already in the folder; write only the missing ones (after an interruption, or to add a format).")
@click.option("--force", is_flag=True, help="Overwrite the plans and summaries of an earlier batch in the folder.")
@rules_option
@recs_option
@framework_option
@click.option("--plan-year", type=click.IntRange(2400, 2800), metavar="YEAR", help="Fiscal year the measures run in (default: the next).")
@engine_option
@digits_option
@csv_keys_option
@click.pass_context
def batch_cmd(ctx: click.Context, inputs: tuple[str, ...], out_dir: str, formats: tuple[str, ...], jobs: int | None,
              resume: bool, force: bool, rules_dirs: tuple[str, ...], rec_dirs: tuple[str, ...], framework: str | None,
              plan_year: int | None, engine: str, thai_digits: bool | None, csv_keys: str) -> None:
    """Draft many agencies at once: one plan per agency, a summary table and summary.csv.

    RESULTS is a CSV/XLSX with an 'agency' column (long: code,score rows; wide: a column per code) or a
    folder of results files. A bad agency, or a row that cannot be read, is reported with its row and
    the batch goes on; exit status 1 if any failed. agencies.csv has one row per agency (status, total,
    level, label, measures, error), summary.csv the counts; both are written even if the run stops. A folder
    that holds an earlier batch's files is refused unless --force (overwrite) or --resume (keep them).

    \b
    Example:
      itaplan batch province.csv -o plans/ --format json --format docx --jobs 2
    """

    from itaplan.app.batch import (
        AgencyTable,
        Summary,
        check_inputs,
        collect_jobs,
        earlier_outputs,
        prepare_folder,
        run_batch,
        summary_csv,
        usable_cores,
    )
    from itaplan.base.errors import InputError, Problem, clean_text
    from itaplan.base.output import write_atomic
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    out = Path(out_dir)
    check_inputs(list(inputs))  # before the folder is made or anything in it written
    earlier = [] if force or resume else earlier_outputs(out, list(formats))
    if earlier:
        count, example = len(earlier), next((p for p in earlier if p.name not in ("agencies.csv", "summary.csv")),
                                            earlier[0]).name
        raise InputError(Problem(str(out), f"holds the files of an earlier batch ({count}, such as '{example}'); "
                                           "use --force to overwrite them, --resume to keep them and draft only the "
                                           "rest, or give another folder"))
    setup = session(rules_dirs, rec_dirs, framework, None, engine)
    work = collect_jobs(list(inputs), on_skip=_warn_line)
    options = {"resume": resume, "plan_year": plan_year, "thai_digits": thai_digits, "csv_keys": csv_keys}
    totals = Summary()
    plan_years: set[int] = set()
    result_years: set[tuple[int, int]] = set()  # (the results' year, the plan's year) of the plans drafted
    quiet = _state(ctx).get("quiet")
    prepare_folder(out)
    table = AgencyTable(out)
    try:
        from itaplan.base.i18n import translate
        from itaplan.cli.terminal import make_console

        # the bar and each failed agency on standard error, as every command's errors are
        with Progress(TextColumn(translate("drafting")), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                      TimeElapsedColumn(), disable=bool(quiet), transient=False,
                      console=make_console(not sys.stderr.isatty(), stderr=True)) as progress:
            task = progress.add_task("batch", total=None, rate="")
            import time

            start = time.perf_counter()
            for outcome in run_batch(work, setup, out, list(formats), jobs_n=jobs or usable_cores(),
                                     options=options):
                if outcome.ok and outcome.plan_year:
                    plan_years.add(outcome.plan_year)
                    if outcome.fiscal_year:
                        result_years.add((outcome.fiscal_year, outcome.plan_year))
                totals.add(outcome)
                table.add(outcome)
                if not outcome.ok:  # the agency named once: a located error already names it ("file [agency]: row")
                    named = f"[{outcome.name}]" in (outcome.error or "")
                    line = f"error: {outcome.error}" if named else f"error: {outcome.name}: {outcome.error}"
                    progress.console.print(clean_text(line, keep_newlines=False), markup=False, highlight=False,
                                           soft_wrap=True)
                elapsed = time.perf_counter() - start
                progress.update(task, advance=1, rate=f"{totals.agencies / elapsed:.1f}/s" if elapsed else "")
    finally:  # whatever stopped the run, the summary of what was done is written
        table.close()
        summary = totals.as_dict()
        write_atomic(out / "summary.csv", summary_csv(summary), force=True)
    if not quiet:
        from itaplan.cli.terminal import make_console

        console = make_console(not sys.stdout.isatty())
        rate = "–" if summary["pass_rate"] is None else f"{summary['pass_rate'] * 100:.2f} %"
        console.print(f"{summary['drafted']} drafted, {summary['skipped']} skipped, {summary['failed']} failed; "
                      f"pass rate {rate}", markup=False)
        levels = ", ".join(f"{k} {v}" for k, v in summary["levels"].items())
        labels = ", ".join(f"{k} {v}" for k, v in summary["labels"].items())
        codes = ", ".join(f"{k} {v}" for k, v in summary["weak_codes"])
        console.print(f"levels: {levels}", markup=False)
        console.print(f"labels: {labels}", markup=False)
        console.print(f"weak codes: {codes}", markup=False)
        # a measure's id a line of its own, never wrapped: an auditor copies it into disable: or rules explain
        console.print("measures (how many agencies' plans propose each):", markup=False)
        for measure_id, count in summary["measures"]:
            console.print(f"  {count:>5}  {measure_id}", markup=False, soft_wrap=True)
        console.print(f"summary written to {out / 'summary.csv'} (one row per agency: {out / 'agencies.csv'})",
                      markup=False)
    if not quiet:
        from itaplan.base import thai
        from itaplan.cli.results import warn_if_past
        from itaplan.ita.framework import results_age_warnings

        today = thai.today()
        said = [w for years in sorted(result_years) for w in results_age_warnings(*years, today)]
        for warning in dict.fromkeys(said):  # results older than the agencies hold now, once per year
            _echo(f"warning: {warning}", err=True)
        for year in sorted(plan_years):  # a plan year already over: every timeline and deadline of its plans is past
            warn_if_past(year, today, advise=not said)
    if summary["failed"]:
        sys.exit(1)
