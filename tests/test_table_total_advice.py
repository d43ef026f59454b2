"""Round 24's auditor: a plan drafted from one agency's row of a province table (`--agency`) was told to give ITAS's
total with "cp …/province_wide-2569.csv [องค์การบริหารส่วนตำบลโคกสูง] results.yaml" — a command that fails, and would
copy the whole table. The advice for a table's row says to type the total in that row's total column and draft again
with --agency; followed as said, the plan's total is the one typed."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from helpers import run_in as run
from itaplan.drafting.plan import load_plan


def test_the_advice_for_a_tables_row_works_as_written(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("draft", "examples/province_wide-2569.csv", "--agency", "โคกสูง", "-o", "k.yaml").exit_code == 0
    said = " ".join(run("check", "k.yaml").output.split())
    assert "[" not in said.split("give ITAS's total instead")[1].split("(itaplan serve)")[0], said
    copy = re.search(r"\(cp (\S+) (\S+)\)", said)
    assert copy is not None, said
    source, name = copy.groups()
    rows = list(csv.reader(open(source, encoding="utf-8")))
    header, agency = rows[0] + ["total"], "องค์การบริหารส่วนตำบลโคกสูง"
    assert f"total column of {agency}'s row" in said
    with open(name, "w", encoding="utf-8", newline="") as out:  # the officer's copy, ITAS's total typed in the row
        csv.writer(out).writerows([header] + [row + (["79.51"] if row[0] == agency else [""]) for row in rows[1:]])
    again = re.search(r"then (itaplan draft .+? --update k\.yaml)", said)
    assert again is not None and again.group(1) == f"itaplan draft {name} --agency {agency} --update k.yaml"
    done = run(*again.group(1).split()[1:])
    assert done.exit_code == 0, done.output
    assert load_plan(tmp_path / "k.yaml")["scores"]["total"] == 79.51
    assert "weights not confirmed" not in run("check", "k.yaml").output
