"""Ids, codes and file names are never translated: the Thai interface's `rules explain` and `rules list` once said
"คะแนนรวม-below-target" for the rule total-below-target (a provincial auditor's trial)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from itaplan.app.session import Session
from itaplan.cli import main
from itaplan.ruling.conditions import condition_in_thai, explain_in_thai

EXAMPLES = Path(__file__).parent.parent / "examples"


def _builtin_ids() -> list[str]:
    ruleset = Session(use_workspace=False).ruleset
    return sorted({rule.id for layer in ruleset.layers for rule in layer.rules})


def test_every_builtin_rule_id_stays_as_it_is_in_thai_explain_words() -> None:
    ids = _builtin_ids()
    assert len(ids) > 50 and "total-below-target" in ids
    for rid in ids:
        for line in (f"{rid}: total below 85", f"FIRED {rid} [built-in] rules/common.yaml:185",
                     f"no    {rid}: indicator 1 below 85; total not met"):
            assert rid in explain_in_thai(line), (rid, explain_in_thai(line))
            assert rid in condition_in_thai(line), (rid, condition_in_thai(line))
    assert explain_in_thai("total-below-target: total below 85") == "total-below-target: คะแนนรวม ต่ำกว่า 85"
    assert "rules/common.yaml:185" in explain_in_thai("FIRED x [built-in] /work/rules/common.yaml:185")


def test_thai_explain_and_list_print_every_rule_id_as_it_is() -> None:
    runner = CliRunner()
    thai = {"ITAPLAN_LANG": "en", "COLUMNS": "250"}
    explained = runner.invoke(main, ["--lang", "th", "rules", "explain", "total-below-target", "--results",
                                     str(EXAMPLES / "province_wide-2569.csv"), "--agency", "ท่าช้าง"], env=thai)
    assert explained.exit_code == 0, explained.output
    assert explained.output.startswith("total-below-target: คะแนนรวม ต่ำกว่า 85"), explained.output
    assert "คะแนนรวม-" not in explained.output
    listed = runner.invoke(main, ["--lang", "th", "rules", "list", "--plain", "--framework", "2569"], env=thai)
    assert listed.exit_code == 0, listed.output
    ids = [rid for rid in _builtin_ids() if rid in listed.output]
    assert len(ids) > 50 and "คะแนนรวม-" not in listed.output
