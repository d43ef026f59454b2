"""An approval day after today (agency.signatories.approved.date): a newcomer typed 20/11/2570 for 20/11/2569, and
the documents said the measures were approved on a day still to come, without a word. draft, render and check say so,
naming the day, in English and in Thai; a day already past says nothing."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from itaplan.base import thai
from itaplan.cli import main

ROOT = Path(__file__).resolve().parent.parent
LINE = "    approved: {name: นายสมชาย ใจดี, position: นายกองค์การบริหารส่วนตำบลห้วยทราย}"


def _results(tmp_path: Path, day: str) -> Path:
    text = (ROOT / "examples" / "example.yaml").read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith(LINE))
    out = tmp_path / "results.yaml"
    out.write_text(text.replace(line, LINE[:-1] + f", date: {day}}}"), encoding="utf-8")
    return out


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(thai, "today", lambda: datetime.date(2026, 12, 7))


def test_an_approval_day_after_today_is_warned_of_wherever_it_is_read(tmp_path: Path) -> None:
    runner = CliRunner()
    results, plan = _results(tmp_path, "20/11/2570"), tmp_path / "plan.yaml"
    drafted = runner.invoke(main, ["-q", "draft", str(results), "-o", str(plan)])
    assert drafted.exit_code == 0, drafted.output
    said = "the approval date 2027-11-20 (20 พฤศจิกายน 2570, agency.signatories.approved.date) is after today (2026-12-07)"
    assert said in drafted.output
    rendered = runner.invoke(main, ["render", str(plan), "-o", str(tmp_path / "plan.md")])
    assert rendered.exit_code == 0 and f"warning: {plan}: {said}" in rendered.output, rendered.output
    checked = runner.invoke(main, ["--lang", "th", "check", str(plan)], env={"ITAPLAN_LANG": "en"})  # --lang sets it
    assert "วันที่อนุมัติ 2027-11-20 (20 พฤศจิกายน 2570, agency.signatories.approved.date) อยู่หลังวันนี้" in checked.output
    assert "after today" not in checked.output


def test_an_approval_day_already_past_says_nothing(tmp_path: Path) -> None:
    runner = CliRunner()
    plan = tmp_path / "plan.yaml"
    drafted = runner.invoke(main, ["-q", "draft", str(_results(tmp_path, "7/12/2569")), "-o", str(plan)])
    assert drafted.exit_code == 0 and "approval date" not in drafted.output, drafted.output
    rendered = runner.invoke(main, ["render", str(plan), "-o", str(tmp_path / "plan.md")])
    assert "approval date" not in rendered.output
