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
from itaplan.drafting.plan import load_plan

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


def test_recording_one_measure_shows_its_row_and_what_changed_not_the_whole_table(tmp_path: Path) -> None:
    """A newcomer's trial: every `progress PLAN --measure N …` reprinted the whole measures table, noisy when
    recording several in a row. The measure recorded is shown (its row, what changed) with the command that shows
    all; --show asks for the whole table after recording."""
    plan = tmp_path / "plan.yaml"
    run = CliRunner(env={"ITAPLAN_LANG": "en"})
    assert run.invoke(main, ["-q", "draft", EXAMPLE, "-o", str(plan)]).exit_code == 0
    first = run.invoke(main, ["progress", str(plan), "--measure", "2", "--status", "in progress", "--reason",
                              "รอจัดสรรงบประมาณ", "--plain"])
    assert first.exit_code == 0, first.output
    rows = [line for line in first.output.splitlines() if re.match(r"\d+ ", line)]
    assert len(rows) == 1 and rows[0].startswith("2 ") and "in progress" in rows[0], first.output
    assert "not started 7" not in first.output  # no count per status: the whole table is not printed
    assert "  the progress status: not started → in progress" in first.output
    assert "  the reason it is not finished or was cancelled: รอจัดสรรงบประมาณ" in first.output
    assert f"every measure's progress: itaplan progress {plan} --show" in first.output
    done = run.invoke(main, ["progress", str(plan), "--measure", "2", "--status", "done", "--reason", "", "--done",
                             "เผยแพร่แล้ว", "--finished", "30/11/2569", "--plain"])
    assert "  the progress status: in progress → done" in done.output
    assert "  the finish date: – → 30/11/2569" in done.output
    assert "  the reason it is not finished or was cancelled: cleared" in done.output
    thai = CliRunner(env={"ITAPLAN_LANG": "th"}).invoke(main, ["progress", str(plan), "--measure", "3", "--status",
                                                               "ดำเนินการแล้ว", "--done", "จัดประชุมแล้ว", "--finished", "1/12/2569",
                                                               "--plain"])
    assert "สถานะการดำเนินการ: ยังไม่ดำเนินการ → ดำเนินการแล้ว" in thai.output, thai.output
    assert f"ดูความคืบหน้าของทุกมาตรการ: itaplan progress {plan} --show" in thai.output
    whole = run.invoke(main, ["progress", str(plan), "--measure", "4", "--outcome", "ประชุม 2 ครั้ง", "--status",
                              "in progress", "--show", "--plain"])
    assert whole.exit_code == 0, whole.output
    assert "not started 5, in progress 1, done 2, cancelled 0" in whole.output  # asked for: the whole table
    assert load_plan(plan)["measures"][3]["progress"]["outcome"] == "ประชุม 2 ครั้ง"  # recorded, not only shown
