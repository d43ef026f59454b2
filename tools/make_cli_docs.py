"""Regenerate docs/cli.md from every command's --help: python tools/make_cli_docs.py"""

from __future__ import annotations

from pathlib import Path

import click
from itaplan.cli import main

ROOT = Path(__file__).resolve().parents[1]
HEAD = """# The itaplan command line

Generated from each command's `--help` (a test fails when a command or option is missing here).
Exit status: 0 success; 1 a check found problems (`rules validate`, `rules test`, `rules lint`, a failed agency in
`batch`); 2 bad usage or bad input (one line per problem naming the file and line or row). Existing files are never
overwritten without `--force`; files are written atomically. `-q/--quiet` prints only errors and the requested output.
"""


def walk(cmd: click.Command, path: list[str], out: list[str]) -> None:
    parent = None
    for name in path[:-1]:
        parent = click.Context(main if parent is None else parent.command, info_name=name, parent=parent)
    ctx = click.Context(cmd, info_name=path[-1], parent=parent, max_content_width=100, terminal_width=100)
    out.append(f"\n## `{' '.join(path)}`\n\n```\n{cmd.get_help(ctx)}\n```\n")
    if isinstance(cmd, click.Group):
        for name in cmd.list_commands(ctx):
            walk(cmd.get_command(ctx, name), path + [name], out)


if __name__ == "__main__":
    parts: list[str] = [HEAD]
    walk(main, ["itaplan"], parts)
    (ROOT / "docs" / "cli.md").write_text("".join(parts), encoding="utf-8")
    print("docs/cli.md written")
