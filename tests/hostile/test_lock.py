"""Concurrent updates of one plan: every update is kept (the plan's lock), or the second writer waits and then
fails clearly; never a lost update."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml
from click.testing import CliRunner
from conftest import ROOT
from itaplan.cli import main

EXAMPLE = ROOT / "tests" / "data" / "example-2568.yaml"


def _plan(tmp_path: Path) -> tuple[Path, list[str]]:
    plan = tmp_path / "plan.yaml"
    assert CliRunner().invoke(main, ["-q", "draft", str(EXAMPLE), "-o", str(plan)]).exit_code == 0
    ids = [m["id"] for m in yaml.safe_load(plan.read_text(encoding="utf-8"))["measures"]]
    return plan, ids


def _progress(plan: Path, measure: str, note: str) -> subprocess.Popen:
    code = "import sys; from itaplan.cli import main; sys.exit(main())"
    return subprocess.Popen([sys.executable, "-c", code, "-q", "progress", str(plan), "--measure", measure,
                             "--note", note, "--as-of", "1/1/2569"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_concurrent_progress_updates_are_all_kept(tmp_path: Path) -> None:
    plan, ids = _plan(tmp_path)
    assert len(ids) >= 4
    for round_no in range(1):
        runs = [_progress(plan, mid, f"note {round_no} {mid}") for mid in ids[:4]]
        for run in runs:
            _, err = run.communicate(timeout=60)
            assert run.returncode == 0, err.decode()
        notes = {m["id"]: m.get("note") for m in yaml.safe_load(plan.read_text(encoding="utf-8"))["measures"]}
        assert [notes[mid] for mid in ids[:4]] == [f"note {round_no} {mid}" for mid in ids[:4]]


def test_a_writer_that_cannot_get_the_lock_fails_cleanly(tmp_path: Path, monkeypatch) -> None:
    from itaplan.drafting.plan import plan_lock

    plan, ids = _plan(tmp_path)
    before = plan.read_bytes()
    monkeypatch.setenv("ITAPLAN_LOCK_TIMEOUT", "0.3")
    with plan_lock(plan, timeout=1):
        run = _progress(plan, ids[0], "late")
        _, err = run.communicate(timeout=60)
    assert run.returncode == 2
    assert "is being changed by another itaplan" in err.decode() and "Traceback" not in err.decode()
    assert plan.read_bytes() == before


def test_review_edit_keeps_an_update_saved_meanwhile(tmp_path: Path) -> None:
    """review --edit saves each decision on the plan as it is on disk, not on the copy it read at the start."""
    from itaplan.cli.review import EditSession
    from itaplan.drafting.plan import load_plan

    plan_path, ids = _plan(tmp_path)
    plan = load_plan(plan_path)
    answers = iter(["k", "q"])
    session = EditSession(plan, plan_path, lambda prompt: next(answers), lambda text: None)
    # another officer records progress on the second measure after the session read the plan
    result = CliRunner().invoke(main, ["-q", "progress", str(plan_path), "--measure", ids[1], "--note", "meanwhile",
                                       "--as-of", "1/1/2569"])
    assert result.exit_code == 0, result.output
    session.run()
    saved = {m["id"]: m for m in load_plan(plan_path)["measures"]}
    assert saved[ids[0]]["status"] == "kept"
    assert saved[ids[1]]["note"] == "meanwhile"
