"""An office's workspace."""

from __future__ import annotations

from pathlib import Path

import click
from itaplan.cli.common import _echo, force_option, main


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
    from itaplan.app.workspace import init_workspace
    from itaplan.base.i18n import language

    created = init_workspace(Path(directory), force, copy, language())
    for path in created:
        _echo(str(path))
    _echo("next:")
    _echo(f"  cd {directory}")
    _echo("  itaplan rules test                         # the workspace's rules and their test cases")
    _echo("  itaplan draft RESULTS -o plan.yaml         # drafted with the workspace's layers, no flags")
