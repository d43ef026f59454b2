"""Rendering a plan file into documents."""

from __future__ import annotations

from pathlib import Path

import click
from itaplan.cli.common import (
    _check_cards,
    _echo,
    _emit,
    _format_for,
    _state,
    _summary,
    card_option,
    cards_option,
    notes_option,
    csv_keys_option,
    digits_option,
    font_option,
    force_option,
    format_option,
    main,
    output_option,
    recs_option,
    session,
)


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
    fmt = _format_for(fmt, output)
    _check_cards(fmt, cards, card_ids)
    _emit(render(plan, fmt, catalogue=session(rec_dirs=rec_dirs).catalogue, thai_digits=thai_digits, csv_keys=csv_keys, font=font,
                 cards=cards, card_ids=list(card_ids), working_notes=working_notes), fmt, output, force)
    if output and not _state(ctx).get("quiet"):
        _echo(_summary(plan, output), err=True)
