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
                click.echo(f"error: {problem}", err=True)
            ctx.exit(int(exc.exit_status))
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(130)


def _state(ctx: click.Context) -> dict:
    return ctx.find_root().obj or {}


def _load(results: str, framework: str | None, framework_file: str | None, previous: str | None = None):
    from engine.framework import load_framework
    from engine.loader import load_results

    fw = None
    if framework_file:
        fw = load_framework(path=framework_file)
    elif framework:
        fw = load_framework(framework)
    res = load_results(results, fw)
    if previous:
        res.previous = load_results(previous)
    return res


def _scorecard(results: str, framework: str | None, framework_file: str | None, previous: str | None = None):
    from engine.scoring import score

    return score(_load(results, framework, framework_file, previous))


framework_option = click.option("--framework", "framework", metavar="YEAR",
                                help="Fiscal year (พ.ศ.) whose framework to use, overriding the file's.")
framework_file_option = click.option("--framework-file", type=click.Path(dir_okay=False), metavar="FILE",
                                     help="Your own framework YAML for a year (new or corrected).")
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
@click.pass_context
def score_cmd(ctx: click.Context, results: str, fmt: str, plain: bool, framework: str | None,
              framework_file: str | None, previous: str | None) -> None:
    """Compute the scorecard of one agency's results (NACC method).

    \b
    Example:
      itaplan score results.yaml --format json
    """
    card = _scorecard(results, framework, framework_file, previous)
    if fmt == "json":
        click.echo(json.dumps(card.to_dict(), ensure_ascii=False, indent=2))
        return
    from engine.terminal import make_console, print_scorecard

    plain = plain or not sys.stdout.isatty()
    print_scorecard(card, make_console(plain), plain)


if __name__ == "__main__":  # pragma: no cover
    main()
