"""Thai help pages are wrapped at Thai word boundaries: click's textwrap broke a Thai run longer than the line at any
character, splitting a tone mark from its letter ("อ่านไม ่ได้") and words ("ตัวชี้วั ดเดียวกัน")."""

from __future__ import annotations

import unicodedata

import click
import pytest
from click.testing import CliRunner
from itaplan.base.thaiwords import glued, words
from itaplan.cli import main

KEEP = {"ITAPLAN_LANG": "en"}


def _commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += _commands(command, (*path, name))
        else:
            found.append((*path, name))
    return found


def _thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


def _mid_word(before: str, after: str) -> bool:
    """Two wrapped lines meet inside a word: the Thai text run together there is not cut there by the word
    boundaries wrap_thai keeps."""
    if not (before and after and _thai(before[-1]) and _thai(after[0])):
        return False
    tail, head = before.split()[-1], after.split()[0]
    cuts, at = set(), 0
    for token in glued(words(tail + head)):
        at += len(token)
        cuts.add(at)
    return len(tail) not in cuts


COMMANDS = _commands(main)


@pytest.mark.parametrize("width", [60, 80, 100])
@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "itaplan")
def test_thai_help_breaks_lines_only_between_words(path: tuple[str, ...], width: int) -> None:
    shown = CliRunner().invoke(main, ["--lang", "th", *path, "--help"], env=KEEP, terminal_width=width)
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    for line in lines:
        text = line.lstrip()
        assert not (text and unicodedata.category(text[0]) in ("Mn", "Me")), f"{path}: {line!r}"
    for before, after in zip(lines, lines[1:]):
        assert not _mid_word(before.rstrip(), after.lstrip()), f"{path}: {before!r} / {after!r}"


def test_english_help_is_clicks_own(monkeypatch: pytest.MonkeyPatch) -> None:
    from itaplan.cli.thaiwrap import Context

    def english(path: tuple[str, ...]) -> str:
        return CliRunner().invoke(main, ["--lang", "en", *path, "--help"], env=KEEP, terminal_width=80).output

    ours = {path: english(path) for path in COMMANDS}
    monkeypatch.setattr(Context, "formatter_class", click.HelpFormatter)
    assert all(english(path) == shown for path, shown in ours.items())
