"""The ผ่านดี goal beside a label ITAS gave: when a tool's score (or EIT's two parts) is unknown, the scores cannot
say whether ผ่านดี is reached, but the label the results file gives does. The plan, `itaplan whatif`, `itaplan
review` and `itaplan check` follow it, and never call the goal unknown beside a ผ่านดี printed in the same plan."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from itaplan.cli import main
from itaplan.ita.framework import load_framework
from itaplan.ita.loader import from_mapping
from itaplan.ita.scoring import score
from itaplan.ita.whatif import whatif


def results_with_eit_mean(label: str) -> dict:
    """FY2569: every IIT question and OIT item known, EIT given as its mean only (its two parts unknown)."""
    fw = load_framework(2569)
    questions = [{"code": code, "score": 100 if q.tool == "OIT" else 91.5}
                 for code, q in fw.questions.items() if q.tool != "EIT"]
    return {"agency": {"name": "เทศบาลตำบลทดสอบ"}, "fiscal_year": 2569, "questions": questions,
            "tools": {"EIT": 90.0}, "label": label}


@pytest.mark.parametrize("label, reached", [("ผ่านดี", True), ("ผ่านดีเยี่ยม", True), ("ผ่าน", False)])
def test_the_given_label_settles_pass_good(label: str, reached: bool) -> None:
    results = from_mapping(results_with_eit_mean(label), "r.yaml")
    assert score(results).label == label
    data = whatif(results, "pass-good")
    assert data["already"] is reached
    assert data["goal_by_label"] is reached
    assert (data["goal_unknown"] is None) is reached


def test_without_a_label_pass_good_stays_unknown() -> None:
    mapping = results_with_eit_mean("ผ่านดี")
    del mapping["label"]
    data = whatif(from_mapping(mapping, "r.yaml"), "pass-good")
    assert not data["already"] and data["goal_by_label"] is None and data["goal_unknown"]


def draft(tmp_path: Path, label: str) -> dict:
    source = tmp_path / "r.yaml"
    source.write_text(yaml.safe_dump(results_with_eit_mean(label), allow_unicode=True), encoding="utf-8")
    run = CliRunner().invoke(main, ["draft", str(source), "-o", str(tmp_path / "plan.yaml")])
    assert run.exit_code == 0, run.output
    return yaml.safe_load((tmp_path / "plan.yaml").read_text(encoding="utf-8"))


def test_the_plan_says_pass_good_is_reached_by_itas_label(tmp_path: Path) -> None:
    plan = draft(tmp_path, "ผ่านดี")
    goal = next(g for g in plan["whatif"]["goals"] if g["goal"] == "pass-good")
    assert goal["already"] and goal["reached"] and goal["known"]
    assert goal["text"].endswith(": บรรลุแล้ว")
    assert "ยังระบุไม่ได้" not in goal["text"]
    check = CliRunner().invoke(main, ["check", str(tmp_path / "plan.yaml"), "--format", "md"])
    assert "pass-good" not in check.output, check.output
    review = CliRunner().invoke(main, ["review", str(tmp_path / "plan.yaml")])
    assert "goal ผ่านดี: already reached" in review.output
    assert "cannot be known" not in review.output


def test_the_plan_says_pass_good_is_not_reached_by_itas_label(tmp_path: Path) -> None:
    plan = draft(tmp_path, "ผ่าน")
    goal = next(g for g in plan["whatif"]["goals"] if g["goal"] == "pass-good")
    assert not goal["already"] and not goal["reached"] and goal["given_label"] == "ผ่าน"
    assert "ยังไม่บรรลุ" in goal["text"] and "ผ่าน" in goal["text"]
    review = CliRunner().invoke(main, ["review", str(tmp_path / "plan.yaml")])
    assert "goal ผ่านดี: not reached (the result ITAS gives is ผ่าน)" in review.output


@pytest.mark.parametrize("label, said", [
    ("ผ่านดี", "the goal is already reached: the result ITAS gives is ผ่านดี"),
    ("ผ่าน", "the goal is not reached (the result ITAS gives is ผ่าน); which fixes reach it cannot be known"),
])
def test_whatif_command_follows_the_given_label(tmp_path: Path, label: str, said: str) -> None:
    source = tmp_path / "r.yaml"
    source.write_text(yaml.safe_dump(results_with_eit_mean(label), allow_unicode=True), encoding="utf-8")
    run = CliRunner().invoke(main, ["whatif", str(source), "--goal", "pass-good"])
    assert run.exit_code == 0, run.output
    assert said in run.output
    assert "whether the goal is reached cannot be known" not in run.output
