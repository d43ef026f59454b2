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


def _action_plan_table(path: Path) -> list[list[str]]:
    from docx import Document

    tables = [t for t in Document(str(path)).tables if "ไตรมาส" in " ".join(c.text for c in t.rows[0].cells)]
    assert len(tables) == 1
    return [[cell.text for cell in row.cells] for row in tables[0].rows]


def test_card_keeps_the_whole_action_plan_table_and_prints_the_chosen_cards_only(tmp_path: Path) -> None:
    """`render --card 2` printed the action-plan table with that one project alone (its total 'ยังไม่กำหนด'), while
    the help says the plan and its action-plan table still come first: a partial action plan that could be published
    (a provincial auditor's trial). The table is now the whole plan's, as `--cards` prints it; only the cards are
    those chosen."""
    plan_path = tmp_path / "plan.yaml"
    assert CliRunner().invoke(main, ["draft", str(EXAMPLE), "-o", str(plan_path)]).exit_code == 0
    measures = active_measures(load_plan(plan_path))
    assert len(measures) >= 3
    for args, name in ((["--cards"], "all.docx"), (["--card", "2"], "two.docx")):
        done = CliRunner().invoke(main, ["render", str(plan_path), "-o", str(tmp_path / name), *args])
        assert done.exit_code == 0, done.output
    whole, chosen = _action_plan_table(tmp_path / "all.docx"), _action_plan_table(tmp_path / "two.docx")
    assert chosen == whole
    assert len(chosen) == len(measures) + 2  # the header, a row for each project, the grand total
    assert chosen[-1][1] == "รวมทั้งสิ้น" and chosen[-1][3] == "๔๕,๐๐๐.๐๐", chosen[-1]  # the plan's, not one card's
    from docx import Document

    def cards(path: Path) -> int:
        return sum(p.text.endswith("หลักการและเหตุผล") for p in Document(str(path)).paragraphs)

    assert cards(tmp_path / "two.docx") == 1 and cards(tmp_path / "all.docx") == len(measures)
    assert "the plan and its whole action-plan table, every project in it, still come first" in \
        " ".join(CliRunner().invoke(main, ["render", "--help"]).output.split())
