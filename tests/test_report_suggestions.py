"""The report's drafted suggestions follow from what happened to each measure (golden cases in
tests/report_suggestions/cases.yaml): not done, its obstacle and the way on; done, how its indicators moved in this
year's results (fell: review; rose to or at the target: keep; still below it: said so, carried on and improved; not
known: said unknown); each tied to this year's measure on the same point when there is one (never one that only shares an indicator);
nothing claimed the plans do not say. ``itaplan report --next`` takes this year's plan, and refuses another year's."""

from __future__ import annotations

import copy
import datetime
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT
from itaplan.app.session import Session
from itaplan.base import thai
from itaplan.cli import main
from itaplan.content.texts import Texts
from itaplan.drafting.plan import save_plan
from itaplan.followup.report import build_report

SESSION = Session(engine="pure")
CASES = yaml.safe_load((ROOT / "tests" / "report_suggestions" / "cases.yaml").read_text(encoding="utf-8"))
LAST = SESSION.plan(SESSION.scorecard(ROOT / "tests" / "data" / "example-2568.yaml"))
THIS = SESSION.plan(SESSION.scorecard(ROOT / "examples" / "example.yaml"))


@pytest.fixture(autouse=True)
def today_is_in_fy2570(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cases are of FY2569's measures reported in FY2570 (the suggestions' year follows today's, once the year
    after the measures' is over)."""
    monkeypatch.setattr(thai, "today", lambda: datetime.date(2026, 12, 7))


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_each_suggestion_follows_from_the_measure(case: dict) -> None:
    last, later = copy.deepcopy(LAST), copy.deepcopy(THIS)
    measure = next(m for m in last["measures"] if m["id"] == case["measure"])
    measure["progress"] = dict(case["progress"])
    if case.get("note"):  # the measure's note, as the command line's --note writes it
        measure["note"] = case["note"]
    measure.update(case.get("edit") or {})  # e.g. no codes, as a measure imported from project cards has none
    for other in later["measures"]:  # this year's plan without a measure (left out by the officer)
        if other["id"] in (case.get("next_without") or []):
            other["status"] = "dropped"
    # the agency's own statement on a weak point this year's plan has no measure for (the officer's words, printed in
    # the analysis after the point): code (or code:part) -> text
    later["handled_points"] = [{"code": key.split(":")[0], "part": int(key.split(":")[1]) if ":" in key else 0,
                                "text": text} for key, text in (case.get("next_statements") or {}).items()]
    for question in later["scores"]["questions"]:  # this year's score of a point the measure answered
        if question["code"] in (case.get("question_scores") or {}):
            value = case["question_scores"][question["code"]]
            if question.get("parts"):
                question["parts"] = {part: value for part in question["parts"]}
            else:
                question["score"] = value
    for indicator in later["analysis"]["indicators"]:
        if indicator["number"] in (case.get("indicator_scores") or {}):
            indicator["score"] = case["indicator_scores"][indicator["number"]]
    report = build_report(last, Texts(SESSION.catalogue), later=later if case["next"] else None)
    row = next(r for r in report["measures"] if r["id"] == case["measure"])
    assert one_line(row["suggestion"]) == one_line(case["suggestion"])


def test_the_suggestions_differ_with_what_happened() -> None:
    """Not the same sentence whatever happened: a done, an unfinished and a cancelled measure each get their own."""
    last = copy.deepcopy(LAST)
    statuses = {"budget-participation": {"status": "done"}, "info-channels": {"status": "in progress"},
                "public-participation": {"status": "dropped", "reason": "รวมกับแผนพัฒนาท้องถิ่น"}}
    for m in last["measures"]:
        if m["id"] in statuses:
            m["progress"] = statuses[m["id"]]
    rows = {r["id"]: r["suggestion"] for r in build_report(last, Texts(SESSION.catalogue))["measures"]}
    assert len({rows[k] for k in statuses}) == 3
    assert "ตัวชี้วัดที่ 2" in rows["budget-participation"] and "ตัวชี้วัดที่ 7" not in rows["budget-participation"]


def test_report_next_prints_the_movement_and_refuses_another_years_plan(tmp_path: Path) -> None:
    last = copy.deepcopy(LAST)
    next(m for m in last["measures"] if m["id"] == "budget-participation")["progress"] = {"status": "done"}
    save_plan(last, tmp_path / "last.yaml")
    save_plan(THIS, tmp_path / "this.yaml")
    run = CliRunner().invoke(main, ["report", str(tmp_path / "last.yaml"), "--next", str(tmp_path / "this.yaml"),
                                    "--format", "md"])
    assert run.exit_code == 0, run.output
    assert "เพิ่มขึ้นจาก ๙๑.๑๕ เป็น ๙๑.๗๓ คะแนน" in run.stdout
    wrong = CliRunner().invoke(main, ["report", str(tmp_path / "last.yaml"), "--next", str(tmp_path / "last.yaml")])
    assert wrong.exit_code == 2
    assert "last.yaml" in wrong.output and "FY2569" in wrong.output and "Traceback" not in wrong.output


def test_the_results_table_has_no_empty_suggestion_column(tmp_path: Path) -> None:
    """Two trials read the report's column 'ข้อเสนอแนะสำหรับปีถัดไป' empty in every row (the drafted suggestions are
    section 3's): without a suggestion the officer typed, the table has no such column; with one, it has."""
    from itaplan.render.report import results_table

    last = copy.deepcopy(LAST)
    next(m for m in last["measures"] if m["id"] == "budget-participation")["progress"] = {"status": "done"}
    texts = Texts(SESSION.catalogue)
    header, rows = results_table(build_report(last, texts), texts)
    assert "ข้อเสนอแนะสำหรับปีถัดไป" not in header and all(len(r) == len(header) for r in rows)
    next(m for m in last["measures"] if m["id"] == "info-channels")["progress"] = {
        "status": "done", "suggestion": "ขยายช่องทางไลน์ของหน่วยงาน"}
    header, rows = results_table(build_report(last, texts), texts)
    assert header[-1] == "ข้อเสนอแนะสำหรับปีถัดไป" and any(r[-1] for r in rows)


def test_a_measure_done_with_nothing_to_show_is_told_to_the_officer() -> None:
    """A newcomer's ninth trial: measure 7 "ดำเนินการแล้ว" with evidence "–" and no word of it. The report's notes
    to the officer name it (one measure, then several), and say nothing of a measure with its outcome or link."""
    last = copy.deepcopy(LAST)
    texts = Texts(SESSION.catalogue)
    done = {"status": "done", "done": "ประชุมชี้แจง", "finished": "2026-03-31"}
    last["measures"][0]["progress"] = dict(done)
    last["measures"][1]["progress"] = {**done, "links": ["https://example.go.th/a"]}
    notes = build_report(last, texts)["assumptions"]
    assert any(n.startswith("progress: measure 1 is done with no outcome and no evidence link") for n in notes), notes
    # what was done is recorded and printed: the warning is of the outcome and evidence column, not of what was done
    # (round 20's newcomer read "so the report shows what was done" as if it were not)
    assert any(n.endswith("so the report shows what came of it and its evidence (the column prints '–')") for n in notes)
    assert not any("measure 2 is done" in n or "measures 1, 2" in n for n in notes)
    last["measures"][2]["progress"] = dict(done)
    notes = build_report(last, texts)["assumptions"]
    assert any(n.startswith("progress: measures 1, 3 are done with no outcome and no evidence link") for n in notes)


def test_a_report_made_after_its_round_is_said_to_be_late() -> None:
    """A newcomer's trial: the report on FY2568's measures (ITA 2569's item, websites checked January–June 2569) was
    dated 7 December 2569 with no word that the round it served had closed."""
    last = copy.deepcopy(LAST)  # FY2569 measures: the report ITA 2570 asks for
    texts = Texts(SESSION.catalogue)
    assert last["report_year"] == 2570
    in_time = build_report(last, texts, as_of=datetime.date(2026, 12, 7))
    assert not [a for a in in_time["assumptions"] if a.startswith("timing:")]
    late = build_report(last, texts, as_of=datetime.date(2027, 7, 15))
    said = [a for a in late["assumptions"] if a.startswith("timing:")]
    assert len(said) == 1 and "ITA 2570" in said[0] and "30 มิถุนายน 2570" in said[0] and "15 กรกฎาคม 2570" in said[0]


def test_report_next_refuses_another_agencys_plan(tmp_path: Path) -> None:
    """A newcomer's twelfth trial: `report last.yaml --next plan.yaml` with last year's measures of อบต.นาสิงห์ and this
    year's plan of อบต.ห้วยทราย printed ห้วยทราย's scores as นาสิงห์'s, with no word."""
    last = copy.deepcopy(LAST)
    last["agency"]["name"] = "องค์การบริหารส่วนตำบลนาสิงห์"
    save_plan(last, tmp_path / "last.yaml")
    save_plan(THIS, tmp_path / "this.yaml")
    out = tmp_path / "r.md"
    run = CliRunner().invoke(main, ["--lang", "en", "report", str(tmp_path / "last.yaml"), "--next",
                                    str(tmp_path / "this.yaml"), "-o", str(out)])
    assert run.exit_code == 2 and "Traceback" not in run.output
    assert "องค์การบริหารส่วนตำบลห้วยทราย's" in run.output and "องค์การบริหารส่วนตำบลนาสิงห์'s" in run.output
    assert not out.exists()


def test_a_late_report_suggests_for_the_year_now_never_one_that_is_over(monkeypatch: pytest.MonkeyPatch) -> None:
    """Round 19's web officer: a report on measures two years old (FY2569's, made in FY2571) said "ดำเนินการต่อเนื่อง
    ในปีงบประมาณ 2570", a year already over; without this year's plan the suggestion is for the year that runs now."""
    monkeypatch.setattr(thai, "today", lambda: datetime.date(2028, 1, 10))  # FY2571
    last = copy.deepcopy(LAST)
    measure = next(m for m in last["measures"] if m["id"] == "budget-participation")
    measure["progress"] = {"status": "done", "done": "เปิดรับความคิดเห็นของบุคลากร", "finished": "2026-03-31"}
    row = next(r for r in build_report(last, Texts(SESSION.catalogue))["measures"] if r["id"] == measure["id"])
    assert "ดำเนินการต่อเนื่องในปีงบประมาณ 2571" in one_line(row["suggestion"]), row["suggestion"]
    assert "2570" not in row["suggestion"]


def test_clauses_are_joined_each_with_and_not_run_on() -> None:
    """Round 22's newcomer read "…เพิ่มขึ้นจาก 96.24 เป็น 97.07 คะแนน คะแนนของตัวชี้วัดที่ 2…": three indicators' movements
    spaced as one run-on sentence. Each clause after the first now begins with "และ"."""
    from itaplan.followup.suggestions import _clauses

    t = Texts(SESSION.catalogue)
    said = _clauses(["คะแนนของตัวชี้วัดที่ 1 เพิ่มขึ้นจาก 96.24 เป็น 97.07 คะแนน", "คะแนนของตัวชี้วัดที่ 2 เท่ากับปีก่อน",
                     "คะแนนของตัวชี้วัดที่ 8 ลดลง"], t)
    assert said == ("คะแนนของตัวชี้วัดที่ 1 เพิ่มขึ้นจาก 96.24 เป็น 97.07 คะแนน และคะแนนของตัวชี้วัดที่ 2 เท่ากับปีก่อน "
                    "และคะแนนของตัวชี้วัดที่ 8 ลดลง")
