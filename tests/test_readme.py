"""Every `itaplan …` command line in the README's code blocks runs as written against the shipped examples."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

from click.testing import CliRunner
from itaplan.cli import main

ROOT = Path(__file__).resolve().parent.parent
# commands that wait for a person at the terminal: answered here with what quits at once (the sessions themselves
# are driven in tests/test_review.py and tests/test_followup.py)
INTERACTIVE = {
    "itaplan review plan.yaml --edit": "k\nq\n",  # one measure kept: the session makes its copy
    "itaplan review plan.yaml --edit --measure 1": "q\n",
    "itaplan progress plan.yaml": "q\n",
}
# a server that runs until it is stopped (tests/test_web_app.py, tests/test_web_browser.py)
NOT_RUN = {"itaplan serve"}


def readme_commands() -> list[str]:
    """Every itaplan command of the README's code blocks, top to bottom, the quick start's too (the last step of
    a line of commands joined by &&)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```(?:sh|bash|console)?\n(.*?)```", text, re.DOTALL):
        for line in block.splitlines():
            steps: list[list[str]] = [[]]
            for word in shlex.split(line, comments=True):
                steps.append([]) if word == "&&" else steps[-1].append(word)
            commands += [shlex.join(words) for words in steps if words and words[0] == "itaplan"]
    return commands


def test_readme_names_shipped_examples() -> None:
    commands = readme_commands()
    assert len(commands) >= 15
    for name in ("examples/agency.csv", "examples/itas.txt", "examples/province.csv", "examples/province_wide.csv",
                 "examples/province_wide-2569.csv", "examples/measures-2569.txt"):
        assert any(name in c for c in commands), name
        assert (ROOT / name).is_file()


def test_every_readme_command_runs(tmp_path: Path, monkeypatch) -> None:
    """The README's commands in order, on a folder holding only what a checkout ships (examples/): the quick start
    first, so that a file it writes and a later command writes again stops the sequence ("already exists", issue 28)."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    commands = readme_commands()
    assert commands[0] == "itaplan draft -o example-plan.yaml"  # the quick start's own command comes first
    ran = 0
    for command in commands:
        if command in NOT_RUN:
            continue
        result = runner.invoke(main, shlex.split(command)[1:], input=INTERACTIVE.get(command),
                               catch_exceptions=False)
        assert result.exit_code == 0, f"{command}\n{result.output}"
        ran += 1
    assert ran == len(commands) - len(NOT_RUN) and ran >= 25
    assert (tmp_path / "example-plan.yaml").is_file() and (tmp_path / "plan.orig.yaml").is_file()
    assert (tmp_path / "plan.yaml").is_file() and (tmp_path / "report.docx").is_file()


def test_readme_says_how_long_the_suite_takes_and_how_to_run_its_fast_part() -> None:
    """A newcomer's test run took five minutes with no word of it (issue 28): the README says so, and gives the
    fast part as a command of its own, with markers the project declares."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = text[text.index("## Quick start"):text.index("## Everyday use")]
    assert re.search(r"\w+ to \w+ minutes on two cores", quick) and "about twelve minutes" in quick  # the whole, the fast
    blocks = [b.strip() for b in re.findall(r"```sh\n(.*?)```", quick, re.DOTALL)]
    assert 'python -m pytest -m "not slow and not browser"' in blocks
    quick_check = next(b for b in blocks if b.startswith("python -m pytest tests/"))  # a smoke test of its own
    assert all((ROOT / name).is_file() for name in quick_check.split()[3:]), quick_check
    markers = re.search(r"^markers = \[(.*?)\]", (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M | re.S)
    assert markers and {"slow", "browser"} <= set(re.findall(r'"(\w+):', markers.group(1)))
