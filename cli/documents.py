"""Rendering a plan file into documents."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from itaplan.cli.common import (
    _check_cards,
    _command_to_write,
    _echo,
    _emit,
    _format_for,
    _state,
    _summary,
    _warn_line,
    warn_approval,
    card_option,
    cards_option,
    csv_keys_option,
    digits_option,
    font_option,
    force_option,
    format_option,
    main,
    notes_option,
    output_option,
    recs_option,
    session,
)
from itaplan.drafting.model import Plan
from itaplan.render import DOCUMENT_FORMATS


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
@notes_option
@click.pass_context
def render_cmd(ctx: click.Context, plan_file: str, fmt: str | None, output: str | None, force: bool,
               rec_dirs: tuple[str, ...], thai_digits: bool | None, csv_keys: str, font: str, cards: bool,
               card_ids: tuple[str, ...], working_notes: bool) -> None:
    """Render a plan file (as drafted, or edited by hand) into a document.

    With no -o or --format the documents go to standard output when that is a pipe or file; at a terminal a
    summary is printed instead, with the command that writes them.

    \b
    Example:
      itaplan render plan.yaml --format docx -o plan.docx
    """
    from itaplan.drafting.plan import load_plan
    from itaplan.render.dispatch import render

    if output:
        from itaplan.base.output import check_writable

        check_writable(Path(output), force)
    plan = load_plan(plan_file)
    warn_approval(plan, plan_file)
    if not output and not fmt and sys.stdout.isatty():  # the documents are no use on a screen; a pipe gets them
        _answered_or_refused(plan, plan_file)
        _echo(_summary(plan, None))
        command = _command_to_write(["itaplan", "render", plan_file], "plan.docx")
        _echo(f"the documents are not printed on the terminal; to write them to a file: {command}")
        _echo("or see them here with --format md, or write them with -o plan.pdf (also html, xlsx, md)")
        return
    fmt = _format_for(fmt, output)
    _check_cards(fmt, cards, card_ids)
    catalogue = session(rec_dirs=rec_dirs).catalogue
    if fmt in DOCUMENT_FORMATS:
        _answered_or_refused(plan, plan_file)
        _disagreeing(plan, plan_file, catalogue)
        from itaplan.base.errors import MAX_NOTE, Problem
        from itaplan.checking.check import assumed_weights_notes, dimension_notes

        for note in assumed_weights_notes(plan, plan_file):  # the documents print it as the agency's own total
            _warn_line(Problem(plan_file, note, limit=MAX_NOTE))  # its commands whole
        if cards or card_ids:  # the action-plan table prints '–' for a measure that names no dimension

            for note in dimension_notes(plan):
                _warn_line(Problem(plan_file, note))
    _emit(render(plan, fmt, catalogue=catalogue, thai_digits=thai_digits, csv_keys=csv_keys, font=font,
                 cards=cards, card_ids=list(card_ids), working_notes=working_notes), fmt, output, force)
    if output and not _state(ctx).get("quiet"):
        _echo(_summary(plan, output), err=True)


def _disagreeing(plan: Plan, plan_file: str, catalogue: Any) -> None:
    """A plan edited by hand whose texts no longer follow from its figures is written, as the officer asked, with a
    warning (the Markdown rendering checked, some 50 ms): the document would say 89.26 in one place and 88.26 in
    another."""
    from itaplan.base.errors import Problem
    from itaplan.checking.check import check_plan, unanswered_findings

    # the weak points left without a measure were warned of in their own words (_answered_or_refused)
    said = set(unanswered_findings(plan))
    found = len([f for f in check_plan(plan, catalogue, ("md",)) if f not in said])
    if found == 1:
        _warn_line(Problem(plan_file, "one of its texts disagrees with its figures, and the documents will print it "
                                      "so: see which with itaplan check PLAN"))
    elif found:
        _warn_line(Problem(plan_file, f"{found} of its texts disagree with its figures, and the documents will "
                                      "print them so: see which with itaplan check PLAN"))


def _answered_or_refused(plan: Plan, plan_file: str) -> None:
    """The measures documents need a measure: with every one dropped they would print an empty table and ask the
    executive to approve "the measures above". Weak points the analysis lists with no kept measure are warned of."""
    from itaplan.base.errors import InputError, Problem
    from itaplan.cli.terminal import entry_label
    from itaplan.drafting.handled import printed_statements, unanswered_unhandled
    from itaplan.drafting.plan import active_measures

    if not active_measures(plan):
        raise InputError(Problem(plan_file, "no measure is kept (every one was dropped): the measures table would be "
                                            "empty; keep a measure (itaplan review PLAN --edit) or add one, then "
                                            "render again"))
    left = unanswered_unhandled(plan)
    if left:
        codes = ", ".join(entry_label(code, part) for code, part in left)
        _warn_line(Problem(plan_file, f"weak points {codes} are listed in the analysis with no measure kept to "
                                      "answer them: keep (itaplan review PLAN --edit) or add a measure that does "
                                      "(itaplan review PLAN --add ID, or [a]dd in --edit), or state how the agency "
                                      "handles them (itaplan review PLAN --handled CODE=TEXT)"))
    stated = list(printed_statements(plan))
    if stated:
        codes = ", ".join(entry_label(code, part) for code, part in stated)
        _warn_line(Problem(plan_file, f"weak points {codes} have no measure kept to answer them: the analysis prints "
                                      "the agency's own statement of how it handles each instead"))
