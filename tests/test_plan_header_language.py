"""A plan file's header comments stay in the language they were written in (provincial auditor's trial: `draft
--update` run under an English interface rewrote an officer's Thai comments in English, the file following whoever
last ran a command); a new plan takes the interface's language."""

from __future__ import annotations

from pathlib import Path

from helpers import run_in
from itaplan.drafting.plan import header_language, load_plan, save_plan

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "example.yaml"
THAI_HEAD = "# แผนของ itaplan: แก้ไขข้อความ"
ENGLISH_HEAD = "# itaplan plan: edit the measures' texts"


def _thai_plan(tmp_path: Path) -> Path:
    plan = tmp_path / "plan.yaml"
    done = run_in("draft", str(EXAMPLE), "-o", str(plan), lang="th")
    assert done.exit_code == 0, done.output
    assert plan.read_text(encoding="utf-8").startswith(THAI_HEAD)  # a new plan: the interface's language
    return plan


def test_draft_update_under_english_keeps_a_thai_plans_comments(tmp_path: Path) -> None:
    plan = _thai_plan(tmp_path)
    fixed = tmp_path / "fixed.yaml"
    fixed.write_text(EXAMPLE.read_text(encoding="utf-8").replace("84.35", "86.35", 1), encoding="utf-8")
    done = run_in("draft", str(fixed), "--update", str(plan))
    assert done.exit_code == 0, done.output
    text = plan.read_text(encoding="utf-8")
    assert text.startswith(THAI_HEAD) and ENGLISH_HEAD not in text


def test_review_budget_and_progress_keep_the_comments_language(tmp_path: Path) -> None:
    plan = _thai_plan(tmp_path)
    assert run_in("review", str(plan), "--budget", "1=30,000").exit_code == 0
    assert plan.read_text(encoding="utf-8").startswith(THAI_HEAD)
    assert "budget: 30000.0" in plan.read_text(encoding="utf-8")
    elsewhere = tmp_path / "progress.yaml"  # written elsewhere: the comments of the plan it was read from
    done = run_in("progress", str(plan), "--measure", "1", "--status", "doing", "--started", "1/10/2569",
                  "-o", str(elsewhere))
    assert done.exit_code == 0, done.output
    assert elsewhere.read_text(encoding="utf-8").startswith(THAI_HEAD)


def test_an_english_plan_stays_english_under_a_thai_interface(tmp_path: Path, monkeypatch) -> None:
    plan = tmp_path / "plan.yaml"
    assert run_in("draft", str(EXAMPLE), "-o", str(plan)).exit_code == 0
    assert header_language(plan.read_text(encoding="utf-8")) == "en"
    monkeypatch.setenv("ITAPLAN_LANG", "th")
    save_plan(load_plan(plan), plan)
    assert plan.read_text(encoding="utf-8").startswith(ENGLISH_HEAD)
    fresh = tmp_path / "new.yaml"  # no file yet: the interface's language
    save_plan(load_plan(plan), fresh)
    assert fresh.read_text(encoding="utf-8").startswith(THAI_HEAD)
    assert header_language("itaplan:\n  version: 1\n") is None
