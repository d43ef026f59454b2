"""Answers piped into an interactive command (`review --edit`, `progress`): nothing echoes what is read from a pipe,
so each prompt must end its own line (the answer is printed after it) and the next output start on a new one; the
transcript reads as it does at a terminal."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT
from itaplan.cli import main

ACTION = re.compile(r"^action \[[a-z/]+\]: ")


def drafted(tmp_path: Path) -> Path:
    plan = tmp_path / "plan.yaml"
    run = CliRunner().invoke(main, ["draft", str(ROOT / "examples" / "example.yaml"), "-o", str(plan)])
    assert run.exit_code == 0, run.output
    return plan


def piped(*args: str, answers: str, status: int = 0) -> str:
    """The command run as a pipe runs it: its standard input a pipe, not a terminal (``status``: 130 when the answers
    end before the session does, what was confirmed saved)."""
    done = subprocess.run([sys.executable, "-m", "itaplan.cli", "--lang", "en", *args], input=answers.encode(),
                          capture_output=True, timeout=120, check=False)
    assert done.returncode == status, done.stderr.decode()
    return done.stdout.decode()


def prompt_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if ACTION.match(line)]


def test_review_edit_from_a_pipe_ends_each_prompt_with_the_answer(tmp_path: Path) -> None:
    out = piped("review", str(drafted(tmp_path)), "--edit", answers="k\nk\nq\n")
    assert [ACTION.sub("", line) for line in prompt_lines(out)] == ["k", "k", "q"]
    assert re.search(r"^saved to .*plan\.yaml", out, re.M), out[-400:]


def test_progress_from_a_pipe_ends_each_prompt_with_the_answer(tmp_path: Path) -> None:
    plan = drafted(tmp_path)
    out = piped("progress", str(plan), answers="1\n\nไม่ได้รับจัดสรรงบประมาณ\n", status=130)  # the first measure only
    lines = out.splitlines()
    status = next(line for line in lines if line.startswith("status "))
    assert status.endswith(": 1")
    asked = [line for line in lines if line.startswith(("suggestion for next year:", "note:"))]
    assert asked[0] == "suggestion for next year: "
    assert asked[1].endswith(": ไม่ได้รับจัดสรรงบประมาณ")
    assert lines[lines.index(asked[1]) + 1].strip().startswith("saved to")
    assert "ไม่ได้รับจัดสรรงบประมาณ" in plan.read_text(encoding="utf-8")


@pytest.mark.parametrize("answers", ["k\nq\n", "k\n"])
def test_review_edit_with_clirunner_input_keeps_prompts_and_outputs_apart(tmp_path: Path, answers: str) -> None:
    """CliRunner's input, a stream that is not a terminal: each answer once, on its prompt's line; the end of the
    input stops the session with what was confirmed saved."""
    run = CliRunner().invoke(main, ["review", str(drafted(tmp_path)), "--edit"], input=answers)
    assert run.exit_code == (0 if answers.endswith("q\n") else 130), run.output
    said = [ACTION.sub("", line) for line in prompt_lines(run.output)]
    assert said[:len(answers.split())] == answers.split()
    assert not re.search(r"\]: [a-z]?(saved|interrupted)", run.output)
