"""`render --card`: a measure named by its number in the measures table (as its card is numbered), in Arabic or Thai
digits, as well as by its id; a number out of range is refused with the range (the auditor read 'ID' and tried one)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from itaplan.cli import main
from itaplan.drafting.plan import active_measures, load_plan
from itaplan.render.cards import choose

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "example.yaml"


def test_a_card_is_named_by_its_number_or_its_id(tmp_path: Path) -> None:
    plan_path = tmp_path / "plan.yaml"
    assert CliRunner().invoke(main, ["draft", str(EXAMPLE), "-o", str(plan_path)]).exit_code == 0
    measures = active_measures(load_plan(plan_path))
    second = measures[1]
    assert choose(measures, ["2"]) == [second]
    assert choose(measures, ["๒"]) == [second]
    assert choose(measures, [second["id"]]) == [second]
    assert choose(measures, ["3", "1"]) == [measures[0], measures[2]]  # in the plan's order
    refused = CliRunner().invoke(main, ["render", str(plan_path), "-o", str(tmp_path / "x.docx"), "--card",
                                        str(len(measures) + 1)])
    assert refused.exit_code == 2
    assert f"give a number from 1 to {len(measures)}" in refused.output and second["id"] in refused.output
    assert not (tmp_path / "x.docx").exists()
    done = CliRunner().invoke(main, ["render", str(plan_path), "-o", str(tmp_path / "x.docx"), "--card", "2"])
    assert done.exit_code == 0, done.output
