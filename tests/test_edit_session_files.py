"""A newcomer's trial: `review --edit` left plan.orig.yaml and .plan.yaml.copies in the officer's folder and nothing
said what they were. The session's last message names both once (what each is, that neither is needed, that both may
be deleted), and the README's everyday use says so too."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import ROOT
from itaplan.cli import main
from itaplan.cli.review import EditSession
from itaplan.drafting.plan import load_plan

EXAMPLE = str(ROOT / "examples" / "example.yaml")


def test_the_end_of_the_session_names_the_copy_and_its_record_once(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    assert CliRunner(env={"ITAPLAN_LANG": "en"}).invoke(main, ["-q", "draft", EXAMPLE, "-o", str(plan)]).exit_code == 0
    said: list[str] = []
    answers = iter(["k", "q"])
    EditSession(load_plan(plan), plan, lambda prompt: next(answers), said.append).run(width=200)
    assert (tmp_path / "plan.orig.yaml").is_file() and (tmp_path / ".plan.yaml.copies").is_file()
    text = "\n".join(said)
    assert text.count(".plan.yaml.copies") == 1, text[-1500:]
    end = " ".join(text[text.index("saved to"):].split())  # wrapped to the screen
    assert "plan.orig.yaml" in end and ".plan.yaml.copies (hidden), the record that itaplan made it" in end
    assert "neither is needed to render, report or check: delete both" in end


def test_the_readme_says_what_the_files_beside_the_plan_are() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("plan.orig.yaml", ".plan.yaml.copies", ".plan.yaml.lock", "plan.before-progress.yaml"):
        assert f"`{name}`" in readme, name
    assert "None is needed to render, report or\ncheck: delete the copies" in readme


def test_a_session_that_changes_nothing_leaves_no_copy_behind(tmp_path: Path) -> None:
    """Round 19's newcomer: quitting `review --edit` at once still made plan.orig.yaml and its hidden record."""
    plan = tmp_path / "plan.yaml"
    assert CliRunner(env={"ITAPLAN_LANG": "en"}).invoke(main, ["-q", "draft", EXAMPLE, "-o", str(plan)]).exit_code == 0
    before = plan.read_bytes()
    said: list[str] = []
    answers = iter(["q"])
    EditSession(load_plan(plan), plan, lambda prompt: next(answers), said.append).run(width=200)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"], list(tmp_path.iterdir())
    assert plan.read_bytes() == before
    text = " ".join(" ".join(said).split())
    assert "nothing changed" in text and "(no copy made)" in text and "orig.yaml" not in text
    # a copy an earlier session made (the draft before its changes) stays, named
    answers = iter(["k", "q"])
    EditSession(load_plan(plan), plan, lambda prompt: next(answers), said.append).run(width=200)
    assert (tmp_path / "plan.orig.yaml").is_file()
    said.clear()
    answers = iter(["q"])
    EditSession(load_plan(plan), plan, lambda prompt: next(answers), said.append).run(width=200)
    assert (tmp_path / "plan.orig.yaml").read_bytes() == before and "plan.orig.yaml" in " ".join(said)
