"""Every `itaplan …` command line in the README's code blocks runs as written against the shipped examples."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

from click.testing import CliRunner
from itaplan.cli import main

ROOT = Path(__file__).resolve().parent.parent
# commands that wait for a person at the terminal: run elsewhere (tests/test_review.py, tests/test_followup.py)
INTERACTIVE = {
    "itaplan review plan.yaml --edit": "asks about each measure at the terminal",
    "itaplan progress plan.yaml": "asks about each measure at the terminal",
    "itaplan serve": "a server that runs until it is stopped (tests/test_web_app.py, tests/test_web_browser.py)",
}


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```(?:sh|bash|console)?\n(.*?)```", text, re.DOTALL):
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            if words and words[0] == "itaplan":
                commands.append(shlex.join(words))
    return commands


def test_readme_names_shipped_examples() -> None:
    commands = readme_commands()
    assert len(commands) >= 15
    for name in ("examples/agency.csv", "examples/itas.txt", "examples/province.csv", "examples/province_wide.csv"):
        assert any(name in c for c in commands), name
        assert (ROOT / name).is_file()


def test_every_readme_command_runs(tmp_path: Path, monkeypatch) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    ran = 0
    for command in readme_commands():
        if command in INTERACTIVE:
            continue
        result = runner.invoke(main, shlex.split(command)[1:], catch_exceptions=False)
        assert result.exit_code == 0, f"{command}\n{result.output}"
        ran += 1
    assert ran >= 15 and (tmp_path / "plan.yaml").is_file() and (tmp_path / "report.docx").is_file()
