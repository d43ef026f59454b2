"""A newcomer's trial under an English interface (ITAPLAN_LANG=en, --lang en): `itaplan progress` printed its status
table in Thai (มาตรการ/แนวทาง, สถานะ, ยังไม่ดำเนินการ …). The terminal's words now follow the interface's language: the
headings, each status, the count per status and the finish date in English; a Thai interface keeps the documents'
own words (the catalogue's), and the documents stay Thai."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from conftest import ROOT
from itaplan.cli import main

EXAMPLE = str(ROOT / "examples" / "example.yaml")
THAI = re.compile(r"[\u0e00-\u0e7f]")


def test_the_progress_table_speaks_the_interfaces_language(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    run = CliRunner(env={"ITAPLAN_LANG": "en"})
    assert run.invoke(main, ["-q", "draft", EXAMPLE, "-o", str(plan)]).exit_code == 0
    done = run.invoke(main, ["progress", str(plan), "--measure", "1", "--status", "done", "--done",
                             "เปิดเผยรายงานการใช้จ่ายงบประมาณ", "--finished", "30/11/2569", "--plain"])
    assert done.exit_code == 0, done.output
    shown = run.invoke(main, ["--lang", "en", "progress", str(plan), "--show", "--plain"]).output
    lines = shown.splitlines()
    assert re.match(r"#\s+measure\s+status\s+finished on", lines[0]), lines[0]
    assert re.search(r"^1 .*done\s+30/11/2569", shown, re.M)
    assert "not started 7, in progress 0, done 1, cancelled 0" in shown
    assert not any(THAI.search(word) for word in ("ยังไม่ดำเนินการ", "ดำเนินการแล้ว", "สถานะ") if word in shown)
    assert not THAI.search(lines[0]) and not THAI.search(lines[-1])  # headings and counts; titles stay Thai
    thai = CliRunner(env={"ITAPLAN_LANG": "th"}).invoke(main, ["progress", str(plan), "--show", "--plain"]).output
    assert "สถานะ" in thai and "ดำเนินการแล้ว 1" in thai and "30 พฤศจิกายน 2569" in thai
    report = tmp_path / "report.md"
    assert run.invoke(main, ["-q", "report", str(plan), "-o", str(report)]).exit_code == 0
    assert "ดำเนินการแล้ว" in report.read_text(encoding="utf-8")  # the document stays Thai
