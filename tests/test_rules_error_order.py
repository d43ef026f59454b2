"""A broken rules folder's problems are listed in one order by every command (provincial auditor's trial: `draft`
and `rules diff` listed them in another order than `rules validate`, sorted by file, line and column)."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import run_in

HERE = Path(__file__).resolve().parent
BROKEN = HERE / "data" / "rules_broken"
EXAMPLE = HERE.parent / "examples"


def _located(output: str) -> list[str]:
    """The file:line:col of each problem line, in the order printed."""
    return re.findall(r"^(?:error: )?(\S+\.yaml:\d+:\d+):", output, re.MULTILINE)


def test_draft_and_rules_diff_list_a_broken_folders_problems_as_validate_does(tmp_path: Path) -> None:
    validated = _located(run_in("rules", "validate", str(BROKEN)).output)
    assert len(validated) >= 5
    drafted = run_in("draft", str(EXAMPLE / "example.yaml"), "--rules", str(BROKEN), "-o", str(tmp_path / "p.md"))
    assert drafted.exit_code != 0 and _located(drafted.output) == validated
    diffed = run_in("rules", "diff", str(EXAMPLE / "province_wide-2569.csv"), "--rules", str(BROKEN))
    assert diffed.exit_code != 0 and _located(diffed.output) == validated
