"""Many agencies at once: long and wide tables, folders, bad agencies, resume, safe file names."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner
from conftest import ROOT
from itaplan.app.batch import safe_name
from itaplan.cli import main


def run(*args: str):
    return CliRunner().invoke(main, ["-q", *args])


def _long(tmp_path: Path) -> Path:
    path = tmp_path / "long.csv"
    rows = [["agency", "fiscal_year", "code", "score", "part"]]
    for name, base in (("อบต.หนึ่ง", 80), ("อบต.สอง", 95)):
        rows += [[name, "2568", f"i{i}", base, ""] for i in range(1, 16)]
        rows += [[name, "2568", f"e{i}", base, p] for i in range(1, 10) for p in (1, 2)]
        rows += [[name, "2568", f"o{i}", 100 if base > 90 else 0, ""] for i in range(1, 29)]
    rows.append(["อบต.เสีย", "2568", "e99", "50", ""])
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_long_table_bad_agency_and_summary(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("batch", str(_long(tmp_path)), "-o", str(out), "--jobs", "2")
    assert result.exit_code == 1  # one agency failed, the others are drafted
    plans = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.json")}
    assert set(plans) == {"อบต.หนึ่ง", "อบต.สอง"}
    assert plans["อบต.สอง"]["scores"]["total"] == 97.0  # 0.3×95 + 0.3×95 + 0.4×100 and plans["อบต.หนึ่ง"]["scores"]["level"] == "F"
    summary = {(r["what"], r["key"]): r["count"] for r in csv.DictReader((out / "summary.csv").open(encoding="utf-8"))}
    assert summary[("total", "drafted")] == "2" and summary[("total", "failed")] == "1"
    assert summary[("total", "pass_rate")] == "0.5000"
    assert summary[("level", "AA")] == "1" and summary[("level", "F")] == "1"
    failed = [line for line in result.stderr.splitlines() if line.startswith("error: ")]  # on standard error
    assert len(failed) == 1 and failed[0].count("อบต.เสีย") == 1 and "row " in failed[0]  # the agency named once
    assert "error:" not in result.stdout


def test_wide_table_folder_and_resume(tmp_path: Path) -> None:
    wide = tmp_path / "wide.csv"
    wide.write_text("agency,fiscal_year,i1,i2,o12\nเทศบาลตำบล ก,2566,90,70,100\n", encoding="utf-8")
    folder = tmp_path / "results"
    folder.mkdir()
    (folder / "a.yaml").write_text((ROOT / "tests" / "data" / "example-2568.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    assert run("batch", str(wide), str(folder), "-o", str(out), "--jobs", "1").exit_code == 0
    assert (out / "เทศบาลตำบล ก.json").exists() and (out / "องค์การบริหารส่วนตำบลห้วยทราย.json").exists() is False
    assert (out / "a.json").exists()
    before = (out / "a.json").stat().st_mtime_ns
    result = CliRunner().invoke(main, ["batch", str(wide), str(folder), "-o", str(out), "--resume", "--jobs", "1"])
    assert result.exit_code == 0 and "0 drafted, 2 skipped" in result.output
    assert (out / "a.json").stat().st_mtime_ns == before


def test_safe_names_stay_in_the_folder() -> None:
    used: set[str] = set()
    names = [safe_name(n, used) for n in ("../../etc/passwd", "a/b\\c", "อบต.หนึ่ง", "อบต.หนึ่ง", " . ", "x:y*?")]
    assert all("/" not in n and "\\" not in n and ".." not in n and n not in (".", "") for n in names)
    assert names[2] == "อบต.หนึ่ง" and names[3] == "อบต.หนึ่ง (2)"


def _jobs_shape(jobs) -> list:
    """What the reading process makes of a table: each job's name, row, problems and rows."""
    from itaplan.app.batch import long_rows

    return [(j.name, j.row, j.problems, long_rows(j) if j.lines is not None else j.rows) for j in jobs]


def test_long_csv_read_line_by_line_gives_the_rows_and_problems_of_the_row_reader(tmp_path: Path) -> None:
    from itaplan.app.tables import _row_table_jobs, _table_jobs

    lines = [
        "\ufeffagency,fiscal_year,code,part,score,หน่วยงาน",  # หน่วยงาน is an agency column too
        "อบต.หนึ่ง,2566,i1,,80,อบต.หนึ่ง",
        "อบต.หนึ่ง,2566,e1,1,70,อบต.หนึ่ง",
        '"อบต.หนึ่ง",2566,"e1",2,"75",อบต.หนึ่ง',  # quoted cells
        " , , , , , ",  # an empty line
        "",
        "อบต.หนึ่ง,2566,o1,,100,อบต.หนึ่ง,,",  # extra empty cells are fine
        "อบต.หนึ่ง,2566,o2,,100,อบต.หนึ่ง,x",  # an extra cell with text is not
        'อบต.หนึ่ง,2566,"o3,,0,อบต.หนึ่ง',  # a stray quote
        "อบต.หนึ่ง,2566,o3",  # too few cells
        "อบต.หนึ่ง,2566,o4,,0,",  # no name in the last agency column
        "อบต.สอง ,2566,i1,,90,ชื่ออื่น",  # the last agency column wins, as in a row's dict
        "อบต.สอง,2566,i2,,90, ชื่ออื่น ",
        "อบต.สาม,2566,i1,,9\r0,อบต.สาม",  # a carriage return inside a line
        "อบต.สาม,2566,i2,,๙๐,อบต.สาม",
    ]
    path = tmp_path / "long.csv"
    path.write_bytes("\n".join(lines).encode("utf-8") + b"\nbad,\xff\xfe,i1,,1,\n")

    fast, reference = _jobs_shape(_table_jobs(path)), _jobs_shape(_row_table_jobs(path))
    assert fast == reference
    assert [name for name, *_ in fast] == ["row 8", "row 9", "row 10", "row 11", "อบต.หนึ่ง", "row 14",
                                           "ชื่ออื่น", "row 16", "อบต.สาม"]
    assert [number for number, _ in fast[4][3][2:]] == [2, 3, 4, 7]


def test_long_csv_with_the_agency_first_read_as_the_row_reader_reads_it(tmp_path: Path) -> None:
    """The reading process's quick path (the agency in the first column, no quote or carriage return, cells
    enough): the same agencies, rows and problems at the same rows as the row-by-row reader."""
    from itaplan.app.tables import _row_table_jobs, _table_jobs

    lines = [
        "agency,fiscal_year,code,part,score",
        "อบต.หนึ่ง,2566,i1,,80",
        " อบต.หนึ่ง ,2566,i2,,81",  # spaces around the name: the same agency
        ",2566,i3,,82",  # no name
        " ,2566,i3,,82",  # only a space for a name
        ",,,,",  # an empty line
        "อบต.หนึ่ง,2566,e1,1",  # too few cells
        "อบต.หนึ่ง,2566,e1,1,70,x",  # an extra cell with text
        "อบต.หนึ่ง,2566,e1,2,75,,",  # extra empty cells are fine
        '"อบต.สอง",2566,i1,,90',  # quoted
        "อบต.สอง,2566,i2,,9\r0",  # a carriage return inside a line
        "อบต.สาม,2566,i1,,๙๐",
        "อบต.สาม",  # a name alone
    ]
    path = tmp_path / "long.csv"
    path.write_bytes("\n".join(lines).encode("utf-8") + b"\n")

    fast, reference = _jobs_shape(_table_jobs(path)), _jobs_shape(_row_table_jobs(path))
    assert fast == reference
    assert [name for name, *_ in fast] == ["row 4", "row 5", "row 7", "row 8", "อบต.หนึ่ง", "row 11", "อบต.สอง",
                                           "row 13", "อบต.สาม"]
    assert [number for number, _ in fast[4][3][2:]] == [2, 3, 9]  # the spaced name joins its agency


def test_batch_plans_are_the_single_agency_plans(tmp_path: Path) -> None:
    """Agencies drafted together (chunks, one durable_rules call, JSON rounded in place) get the plans that
    `itaplan draft` gives each alone, FY2566 with two EIT parts and FY2568 alike."""
    import random

    from itaplan.ita.framework import load_framework

    rng = random.Random(5)
    table = [["agency", "fiscal_year", "code", "part", "score"]]
    singles: dict[str, list[list]] = {}
    for n in range(40):
        year = (2566, 2568)[n % 2]
        fw = load_framework(year)
        name = f"อบต.ตัวอย่าง {n:02d}"
        for code, q in fw.questions.items():
            if rng.random() < 0.05:
                continue  # an unknown question now and then
            if q.tool == "OIT":
                rows = [[code, "", rng.choice([0, 100, 100, 100])]]
            elif q.tool == "EIT" and fw.two_parts:
                rows = [[code, part, round(rng.uniform(55, 100), 2)] for part in (1, 2)]
            else:
                rows = [[code, "", round(rng.uniform(55, 100), 2)]]
            table += [[name, year, *r] for r in rows]
            singles.setdefault(name, [["code", "part", "score"], ["ปีงบประมาณ", "", year], ["agency", "", name]])
            singles[name] += rows
    path = tmp_path / "national.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(table)
    out = tmp_path / "out"
    assert run("batch", str(path), "-o", str(out), "--jobs", "2", "--engine", "auto").exit_code == 0
    # one process or two, the same bytes (a what-if rate no longer depends on which agency came first)
    one = tmp_path / "one"
    assert run("batch", str(path), "-o", str(one), "--jobs", "1", "--engine", "auto").exit_code == 0
    plans = sorted(p.name for p in out.glob("*.json"))
    assert len(plans) == 40 and plans == sorted(p.name for p in one.glob("*.json"))
    assert all((out / n).read_bytes() == (one / n).read_bytes() for n in plans)

    def comparable(plan: dict) -> dict:
        plan["itaplan"].pop("source")  # the table and agency, or the single file
        return plan

    for name in sorted(singles)[::7]:
        single = tmp_path / f"{name}.csv"
        with single.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(singles[name])
        alone = run("draft", str(single), "--format", "json", "--engine", "auto")
        assert alone.exit_code == 0, alone.output
        batch_plan = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        assert comparable(batch_plan) == comparable(json.loads(alone.output))
        assert batch_plan["measures"] and batch_plan["fiscal_year"] in (2566, 2568)


def test_default_processes_are_those_this_process_may_use(tmp_path: Path, monkeypatch) -> None:
    """A batch's default --jobs: the CPU set it may run on, within a container's quota (cgroup v2 cpu.max)."""
    import os

    from itaplan.app.batch import usable_cores

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(32)), raising=False)
    cpu_max = tmp_path / "cpu.max"
    assert usable_cores(cpu_max) == 32  # no cgroup file: the CPU set
    for text, cores in (("max 100000\n", 32), ("200000 100000\n", 2), ("150000 100000\n", 2), ("50000 100000\n", 1),
                        ("6400000 100000\n", 32), ("garbled\n", 32), ("0 0\n", 32), ("-1 100000\n", 32),
                        ("1 2 3\n", 32), ("\xff\n", 32)):
        cpu_max.write_text(text, encoding="latin-1")
        assert usable_cores(cpu_max) == cores, text
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)  # taskset -c 0-2
    cpu_max.write_text("max 100000\n", encoding="ascii")
    assert usable_cores(cpu_max) == 3


def test_an_earlier_batch_is_not_overwritten_without_force(tmp_path: Path) -> None:
    """A second batch into the same folder would overwrite plans an officer may have worked on (progress
    recorded): refused with exit 2 and nothing touched, unless --force (overwrite) or --resume (keep)."""
    out = tmp_path / "out"
    table = str(ROOT / "examples" / "province.csv")
    assert run("batch", table, "-o", str(out), "--jobs", "1").exit_code == 0
    plan = next(out.glob("*.json"))
    worked_on = plan.read_bytes().replace(b'"note":""', b'"note":"done by hand"', 1)
    assert b"done by hand" in worked_on
    plan.write_bytes(worked_on)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    again = run("batch", table, "-o", str(out), "--jobs", "1")
    assert again.exit_code == 2
    assert f"{out}: holds the files of an earlier batch ({len(before)}, such as '" in again.output
    assert "use --force to overwrite them, --resume to keep them" in again.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    other_format = run("batch", table, "-o", str(out), "--format", "md", "--jobs", "1")
    assert other_format.exit_code == 2 and "such as 'agencies.csv'" in other_format.output  # its summaries
    assert run("batch", table, "-o", str(out), "--jobs", "1", "--resume").exit_code == 0
    assert plan.read_bytes() == worked_on
    more = run("batch", table, "-o", str(out), "--jobs", "1", "--resume", "--format", "json", "--format", "md")
    assert more.exit_code == 0 and plan.read_bytes() == worked_on  # a format added: the edited plan is kept
    assert plan.with_suffix(".md").is_file()
    assert run("batch", table, "-o", str(out), "--jobs", "1", "--force").exit_code == 0
    assert plan.read_bytes() != worked_on


def test_a_missing_input_leaves_no_folder_and_a_batch_plan_is_a_plan(tmp_path: Path) -> None:
    """A missing input is reported before the folder is made. The batch's one-line JSON plans are plans to
    every command that reads one (check, review), as the pretty ones are."""
    from itaplan.drafting.plan import is_plan_file

    result = run("batch", str(tmp_path / "nosuch.csv"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2 and "nosuch.csv: no such file or folder" in result.output
    assert not (tmp_path / "out").exists()
    out = tmp_path / "plans"
    assert run("batch", str(ROOT / "examples" / "province.csv"), "-o", str(out), "--jobs", "1").exit_code == 0
    plan = next(out.glob("*.json"))
    assert b"\n" not in plan.read_bytes().rstrip(b"\n") and is_plan_file(plan)
    assert run("check", str(plan)).exit_code == 0
    review = run("review", str(plan), "--plain")
    assert review.exit_code == 0 and "FY2568" in review.output


def test_a_batch_for_a_year_already_over_says_so(tmp_path: Path) -> None:
    """Plans for a fiscal year that has ended get the same warning in a batch as from draft (once per year);
    a year still to come, none."""
    table = str(ROOT / "examples" / "province.csv")
    past = CliRunner().invoke(main, ["batch", table, "-o", str(tmp_path / "a"), "--plan-year", "2569", "--jobs", "1"])
    assert past.exit_code == 0 and past.stderr.count("warning: fiscal year 2569 ended on 30 September 2569") == 1
    coming = CliRunner().invoke(main, ["batch", table, "-o", str(tmp_path / "b"), "--plan-year", "2800", "--jobs", "1"])
    assert coming.exit_code == 0 and "ended on 30 September" not in coming.output


def test_a_folder_is_drafted_as_score_reads_it_and_each_skipped_file_is_named(tmp_path: Path) -> None:
    """Every file that ``score`` reads by its name is an agency of the batch (a.yaml and b.text alike); any other
    file is named on standard error with why it was skipped."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.yaml").write_text("fiscal_year: 2566\nagency: {name: อบต.หนึ่ง}\nquestions: {i1: 90}\n", encoding="utf-8")
    (folder / "b.text").write_text("ปีงบประมาณ 2566\nองค์การบริหารส่วนตำบลสอง\ni1 88.5\n", encoding="utf-8")
    (folder / "notes.docx.bak").write_text("x", encoding="utf-8")
    assert run("score", str(folder / "b.text")).exit_code == 0
    out = tmp_path / "out"
    result = run("batch", str(folder), "-o", str(out), "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert (out / "a.json").exists() and (out / "b.json").exists()
    assert "notes.docx.bak: skipped: not a results file" in result.output


def test_the_summary_gives_each_measure_id_a_line_of_its_own_never_cut(tmp_path: Path) -> None:
    """At 80 columns the summary cut 'iit-service-standards' into 'iit-service-standar' / 'ds', so it could not be
    copied into disable: or rules explain (a fresh auditor's trial, issue 28)."""
    province = ROOT / "examples" / "province.csv"
    # 40 columns: narrower than the longest id of a shared row, as 80 was when rows held more measures
    result = CliRunner().invoke(main, ["batch", str(province), "-o", str(tmp_path / "out")], env={"COLUMNS": "40"})
    lines = result.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("measures (how many"))
    rows = [line.split() for line in lines[at + 1:] if line.startswith("  ") and line.split()[0].isdigit()]
    assert ["1", "budget-participation+procurement-transparency"] in rows, rows
    assert all(len(row) == 2 and row[0].isdigit() for row in rows)


def test_a_batch_of_old_results_says_which_results_to_draft_from(tmp_path, monkeypatch) -> None:
    """A province's FY2568 results drafted in FY2570 are said to be old (once), the FY2569 ones named, and the
    plan-year warning no longer steers to --plan-year (which would analyse two-year-old results)."""
    import datetime

    from itaplan.base import thai

    monkeypatch.setattr(thai, "today", lambda: datetime.date(2026, 12, 1))
    table = str(ROOT / "examples" / "province.csv")
    got = CliRunner().invoke(main, ["batch", table, "-o", str(tmp_path / "a"), "--jobs", "1"])
    assert got.exit_code == 0
    assert got.stderr.count("warning: these are FY2568 results, but the latest assessment is of FY2569") == 1
    assert "--plan-year" not in got.stderr
