"""Correcting a plan's results after its measures were settled (`draft NEW --update PLAN`, the web's "replace the
results"): the measures' reasons follow the corrected scores, the officer's work stays (newcomer's and web
officer's fourth trials: kept measures printed the mistyped scores, and a weak point the correction made could not
be answered)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import ROOT
from itaplan.checking.check import check_plan
from itaplan.cli import main
from itaplan.content.catalogue import load_catalogue
from itaplan.drafting.plan import load_plan
from itaplan.drafting.settle import keep

EXAMPLE = ROOT / "examples" / "example.yaml"


def _settled(tmp_path: Path) -> Path:
    plan = tmp_path / "plan.yaml"
    runner = CliRunner()
    assert runner.invoke(main, ["draft", str(EXAMPLE), "-o", str(plan)]).exit_code == 0
    answers = "o\nกองคลัง (งานการเงิน)\n" + "k\n" * 8  # measure 1's owner changed, then every measure kept
    assert runner.invoke(main, ["review", str(plan), "--edit"], input=answers).exit_code == 0
    return plan


def _corrected(tmp_path: Path, *changes: tuple[str, str]) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new)
    fixed = tmp_path / "fixed.yaml"
    fixed.write_text(text, encoding="utf-8")
    return fixed


def test_a_kept_measure_prints_the_corrected_score_and_keeps_the_officers_owner(tmp_path: Path) -> None:
    plan = _settled(tmp_path)
    fixed = _corrected(tmp_path, ("{code: i4, score: 83.10}", "{code: i4, score: 80.10}"))
    result = CliRunner().invoke(main, ["draft", str(fixed), "--update", str(plan)])
    assert result.exit_code == 0, result.output
    first = load_plan(plan)["measures"][0]
    assert first["id"] == "budget-participation" and first["status"] == "changed"  # its owner, changed
    assert first["owner"] == "กองคลัง (งานการเงิน)"  # the officer's
    assert [f["score"] for f in first["facts"]] == [80.1] and "80.10" in first["facts"][0]["text"]
    assert not check_plan(load_plan(plan), load_catalogue())
    md = tmp_path / "plan.md"
    assert CliRunner().invoke(main, ["render", str(plan), "-o", str(md)]).exit_code == 0
    assert "ข้อ i๔ ได้ ๘๐.๑๐ คะแนน" in md.read_text(encoding="utf-8") and "๘๓.๑๐" not in md.read_text(encoding="utf-8")


def test_a_reason_the_correction_removes_and_a_weak_point_it_makes_are_said_and_check_passes(tmp_path: Path) -> None:
    plan = _settled(tmp_path)
    fixed = _corrected(tmp_path, ("{code: i4, score: 83.10}", "{code: i4, score: 88.10}"),
                       ("{code: i1, score: 91.20}", "{code: i1, score: 71.20}"))
    result = CliRunner().invoke(main, ["draft", str(fixed), "--update", str(plan)], env={"ITAPLAN_LANG": "en"})
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "no longer answers a weak point" in said and "is added, not yet settled" in said
    measures = load_plan(plan)["measures"]
    assert measures[0]["status"] == "changed" and not measures[0]["facts"]  # i4 88.10: no reason of the results now
    added = [m for m in measures if "i1" in m.get("codes", [])]
    assert added and added[0].get("status", "proposed") == "proposed"
    assert not check_plan(load_plan(plan), load_catalogue())
    thai = CliRunner().invoke(main, ["--lang", "th", "draft", str(fixed), "--update", str(plan)],
                              env={"ITAPLAN_LANG": "en"})
    assert thai.exit_code == 0


def test_a_measure_the_correction_leaves_answering_nothing_can_be_dropped_and_check_passes(tmp_path: Path) -> None:
    """Newcomer's fifth trial: e5 corrected above the target left info-channels answering nothing, but its indicator
    was still counted as having a measure: the analysis kept indicator 7 under "ผ่านค่าเป้าหมายแต่ยังมีประเด็น" with
    no point named, and after the drop the tool advised, check failed (listed as watch, its scores put it in strong)."""
    runner = CliRunner()
    plan = tmp_path / "plan.yaml"
    assert runner.invoke(main, ["draft", str(EXAMPLE), "-o", str(plan)]).exit_code == 0
    assert runner.invoke(main, ["review", str(plan), "--add", "clear-communication"]).exit_code == 0
    # kept first: a drafted measure nobody settled that the correction leaves answering nothing is removed now
    # (web officer's eighth trial, test_web_officer15), so the drop tested here is of a measure the officer kept
    keep(plan, "info-channels")
    fixed = _corrected(tmp_path, ("{code: e5, part: 1, score: 84.35}", "{code: e5, part: 1, score: 86.35}"))
    assert runner.invoke(main, ["draft", str(fixed), "--update", str(plan)]).exit_code == 0
    analysis = load_plan(plan)["analysis"]
    seventh = next(i for i in analysis["indicators"] if i["number"] == 7)
    assert seventh["category"] == "strong"
    assert not check_plan(load_plan(plan), load_catalogue())
    number = next(n for n, m in enumerate(load_plan(plan)["measures"], 1) if m["id"] == "info-channels")
    dropped = runner.invoke(main, ["review", str(plan), "--edit", "--measure", str(number)], input="d\nไม่จำเป็น\n\n")
    assert dropped.exit_code == 0, dropped.output
    assert not check_plan(load_plan(plan), load_catalogue())


def test_a_catalogue_measure_added_answers_no_fall_it_was_not_drafted_for(tmp_path: Path) -> None:
    """`review --add ita-working-group` on a plan whose total meets the target answered the falls of indicators 9 and
    10 and printed "คะแนนรวมยังไม่ถึงค่าเป้าหมาย 85 คะแนน" (newcomer's fifth trial)."""
    runner = CliRunner()
    plan = tmp_path / "plan.yaml"
    fell = _corrected(tmp_path, ("1: 96.24, 2: 91.15", "1: 99.24, 2: 99.15"))  # last year higher: two falls of 5+
    assert runner.invoke(main, ["draft", str(fell), "-o", str(plan)]).exit_code == 0
    decline = next(n for n, m in enumerate(load_plan(plan)["measures"], 1) if m["id"] == "decline-review")
    assert runner.invoke(main, ["review", str(plan), "--edit", "--measure", str(decline)],
                         input="d\nซ้ำกับมาตรการอื่น\n" + "\n" * 4).exit_code == 0  # Enter: no statement
    added = runner.invoke(main, ["review", str(plan), "--add", "ita-working-group"], env={"ITAPLAN_LANG": "en"})
    assert added.exit_code == 0, added.output
    measure = next(m for m in load_plan(plan)["measures"] if m["id"] == "ita-working-group")
    assert not [f for f in measure.get("facts", []) if f.get("kind") == "change"]
    assert "ยังไม่ถึงค่าเป้าหมาย" not in measure["issue"]
    assert "its score fell" in " ".join(added.output.split())  # still said to have no measure


def test_a_shared_row_part_of_which_the_correction_removes_takes_the_drafts_row_of_the_rest(tmp_path: Path) -> None:
    """Newcomer's sixth trial: i12 corrected from 79.35 to 99.35 left the kept row 'asset-borrowing-procedure+asset-
    private-use-control' with the title, steps and issue of i12's measure too, which check passed."""
    plan = _settled(tmp_path)
    fixed = _corrected(tmp_path, ("{code: i12, score: 79.35}", "{code: i12, score: 99.35}"))
    assert CliRunner().invoke(main, ["draft", str(fixed), "--update", str(plan)]).exit_code == 0
    row = load_plan(plan)["measures"][1]
    assert row["codes"] == ["i10"] and row["title"] == "มาตรการกำหนดขั้นตอนการขอยืมและใช้ทรัพย์สินของราชการ"
    assert not any("ส่วนตัว" in step for step in row["method"]) and "ส่วนตัว" not in row["issue"]
    assert not check_plan(load_plan(plan), load_catalogue())


def test_add_after_a_fall_is_left_without_its_measure_says_who_can_answer_it(tmp_path: Path) -> None:
    """Newcomer's sixth trial: after the causes-of-falls measure was dropped, [a]dd starred the catalogue's measures
    of those indicators as answering the falls, and adding one answered none."""
    runner = CliRunner()
    plan = tmp_path / "plan.yaml"
    fell = _corrected(tmp_path, ("1: 96.24, 2: 91.15", "1: 99.24, 2: 99.15"))
    assert runner.invoke(main, ["draft", str(fell), "-o", str(plan)]).exit_code == 0
    decline = next(n for n, m in enumerate(load_plan(plan)["measures"], 1) if m["id"] == "decline-review")
    assert runner.invoke(main, ["review", str(plan), "--edit", "--measure", str(decline)],
                         input="d\nซ้ำกับมาตรการอื่น\n" + "\n" * 4).exit_code == 0  # Enter: no statement
    result = runner.invoke(main, ["review", str(plan), "--edit", "--again"], input="a\n\nq\n",
                           env={"ITAPLAN_LANG": "en"})
    said = " ".join(result.output.split())
    assert "only the measure drafted for it answers it" in said, said
    assert "come first (*)" not in said


def test_a_reported_total_that_differs_from_the_computed_one_is_said_as_score_says_it(tmp_path: Path) -> None:
    """`draft NEW --update PLAN` with an ITAS `total:` other than the computed one said nothing of it, while `score`
    warns "ต่างจากที่คำนวณได้ 87.02": the update says the same note."""
    plan = tmp_path / "plan.yaml"
    assert CliRunner().invoke(main, ["draft", str(EXAMPLE), "-o", str(plan)]).exit_code == 0
    fixed = _corrected(tmp_path, ("fiscal_year: 2569\n", "fiscal_year: 2569\ntotal: 88.00\n"))
    env = {"ITAPLAN_LANG": "en"}
    scored = CliRunner().invoke(main, ["--lang", "th", "score", str(fixed)], env=env)
    note = next(line for line in scored.output.splitlines() if "ต่างจากที่คำนวณได้ 87.02" in line)
    updated = CliRunner().invoke(main, ["--lang", "th", "draft", str(fixed), "--update", str(plan)], env=env)
    assert updated.exit_code == 0, updated.output
    assert note in updated.output.splitlines()
    assert load_plan(plan)["scores"]["total"] == 88.0
