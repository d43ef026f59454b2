"""The terminal review: the screen at 80 and 120 columns, plain output, and the edit session through a real pty."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import yaml
from click.testing import CliRunner
from rich.cells import cell_len

from cli import main
from conftest import ROOT
from engine.review import wrap_thai

EXAMPLE = str(ROOT / "examples" / "example.yaml")


def test_wrap_thai_breaks_at_word_boundaries() -> None:
    text = "มาตรการเปิดเผยและให้บุคลากรมีส่วนร่วมในการจัดทำและติดตามการใช้จ่ายงบประมาณ"
    lines = wrap_thai(text, 20).split("\n")
    assert "".join(lines) == text and len(lines) > 1
    assert all(cell_len(line) <= 20 for line in lines)
    assert not any(line.startswith(("ะ", "า", "ำ")) for line in lines)


def test_review_screen_fits_and_says_why() -> None:
    for width in (80, 120):
        result = CliRunner().invoke(main, ["review", EXAMPLE, "--plain", "--width", str(width)])
        assert result.exit_code == 0, result.output
        assert "\x1b[" not in result.output  # no escape codes in plain or piped output
        for line in result.output.splitlines():
            assert cell_len(line) <= width, line
        assert "Total 87.50  level A  ผ่าน" in result.output
        assert "e9 (ส่วนที่ 1) 66.96 → fy2568.e-service" in result.output
        assert "i12 79.35 → fy2568.asset-private-use-control" in result.output  # only the rule that fired on it
        assert "assumption: ไม่พบการประกาศน้ำหนัก" in result.output
        assert "มาตรการเปิดเผยและให้บุคลากรมีส่วนร่วม" in result.output


def _drive(args: list[str], answers: list[str], cwd: Path, stop_after: int | None = None) -> str:
    """Run itaplan in a real pseudo-terminal, answering each prompt in turn."""
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", "from cli import main; main()", *args], stdin=slave,
                            stdout=slave, stderr=slave, cwd=cwd, env=env, close_fds=True)
    os.close(slave)
    output = b""
    sent = 0
    deadline = time.time() + 60
    while time.time() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        text = output.decode("utf-8", "replace")
        prompts = len(re.findall(r"\[q\]uit: |new \w+(?:, separated by ';')?: |why is it dropped[^:]*: ", text))
        if sent < len(answers) and prompts > sent:
            if stop_after is not None and sent == stop_after:
                proc.kill()
                break
            os.write(master, (answers[sent] + "\n").encode())
            sent += 1
        if proc.poll() is not None and not ready:
            break
    proc.wait(timeout=10)
    os.close(master)
    return output.decode("utf-8", "replace")


def test_edit_session_through_a_terminal(tmp_path: Path) -> None:
    plan_path = tmp_path / "plan.yaml"
    assert CliRunner().invoke(main, ["draft", EXAMPLE, "-o", str(plan_path)]).exit_code == 0
    original = plan_path.read_text(encoding="utf-8")
    answers = ["d", "รวมกับมาตรการที่ 2", "o", "กองคลัง (งานพัสดุ)", "k", "n", "ทำร่วมกับกองช่าง", "t", "ม.ค. 2569",
               "r", "มาตรการทบทวนการป้องกันการทุจริตร่วมกับประชาชน", "k", "q"]
    screen = _drive(["review", str(plan_path), "--edit"], answers, tmp_path)
    assert "[1/10]" in screen and "saved to" in screen, screen[-2000:]
    assert "now: กองคลัง" in screen  # an edit shows the current value first
    plan = yaml.safe_load(plan_path.read_text(encoding="utf-8"))
    measures = plan["measures"]
    assert measures[0]["status"] == "dropped" and measures[0]["note"] == "รวมกับมาตรการที่ 2"  # a drop asks why
    assert measures[1]["owner"] == "กองคลัง (งานพัสดุ)" and measures[1]["status"] == "changed"
    assert measures[2]["note"] == "ทำร่วมกับกองช่าง" and measures[2]["timeline"] == "ม.ค. 2569"
    assert measures[2]["title"] == "มาตรการทบทวนการป้องกันการทุจริตร่วมกับประชาชน" and measures[2]["status"] == "changed"
    assert measures[3]["status"] == "proposed"
    assert (tmp_path / "plan.orig.yaml").read_text(encoding="utf-8") == original
    assert [e["action"] for e in plan["review"]["log"]] == ["drop", "owner", "keep", "note", "timeline", "title", "keep"]
    again = _drive(["review", str(plan_path), "--edit"], ["q"], tmp_path)  # a new session resumes
    assert "going on from measure 4" in again and "[4/10]" in again, again[-1500:]
    shown = CliRunner().invoke(main, ["review", str(plan_path), "--plain", "--width", "120"]).output
    assert "[DROPPED]" in shown and "รวมกับมาตรการที่ 2" in shown and "[changed]" in shown
    assert not any(line.rstrip(" |").endswith("(") for line in shown.splitlines())  # no lone "(" ending a line


def test_interrupted_session_keeps_what_was_confirmed(tmp_path: Path) -> None:
    plan_path = tmp_path / "plan.yaml"
    CliRunner().invoke(main, ["draft", EXAMPLE, "-o", str(plan_path)])
    _drive(["review", str(plan_path), "--edit"], ["d", "ซ้ำกับมาตรการอื่น", "k", "k"], tmp_path, stop_after=3)
    plan = yaml.safe_load(plan_path.read_text(encoding="utf-8"))
    assert plan["measures"][0]["status"] == "dropped" and plan["measures"][1]["status"] == "kept"
    assert plan["measures"][2]["status"] == "proposed"


def test_every_command_and_option_is_documented() -> None:
    import click

    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")

    def walk(cmd: click.Command, path: list[str]) -> None:
        assert f"## `{' '.join(path)}`" in doc, path
        assert cmd.help and "Example" in cmd.help, path  # every command says what it does, with an example
        for param in cmd.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("-"):
                    assert opt in doc, (path, opt)
        if isinstance(cmd, click.Group):
            ctx = click.Context(cmd)
            for name in cmd.list_commands(ctx):
                walk(cmd.get_command(ctx, name), path + [name])

    walk(main, ["itaplan"])


def test_wrapping_keeps_abbreviations_dates_and_brackets_whole() -> None:
    text = "ระยะเวลาดำเนินการตั้งแต่ 30 มิ.ย. 2569 ถึง ก.ย. 2569 (ตลอดปีงบประมาณ พ.ศ. 2569) ณ สำนักปลัด"
    for width in range(12, 40):
        lines = wrap_thai(text, width).split("\n")
        assert all(not line.rstrip().endswith(("(", "มิ.", "ก.", "พ.")) for line in lines), (width, lines)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_the_sorted_word_list_is_pythainlps(tmp_path, monkeypatch) -> None:
    """The word list kept in the cache folder is thai_words() sorted, whether made now or read back."""
    from pythainlp.corpus import thai_words

    from engine import review

    monkeypatch.setenv("ITAPLAN_CACHE", str(tmp_path))
    review._dictionary.cache_clear()
    made = review._dictionary()
    review._dictionary.cache_clear()
    again = review._dictionary()
    review._dictionary.cache_clear()
    assert made == again == sorted(thai_words()) and list(tmp_path.glob("words-*.txt"))
