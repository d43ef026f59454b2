"""The web officer's fresh trial (8/10): a measure drafted only from a mistyped score went on after the score was
corrected, as "the agency's own choice" nobody made."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from click.testing import CliRunner
from itaplan.cli import main
from itaplan.drafting.plan import load_plan, save_plan
from itaplan.drafting.settle import keep
from starlette.testclient import TestClient
from conftest import ROOT
from test_web_app import client, csrf_of  # noqa: F401 - the fixture

EXAMPLE = ROOT / "examples" / "example.yaml"

DECLINE = "มาตรการวิเคราะห์สาเหตุของตัวชี้วัดที่มีคะแนนลดลงจากปีที่ผ่านมา"


def _typo(folder: Path) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "{code: i1, score: 91.20}" in text
    typo = folder / "typo.yaml"
    typo.write_text(text.replace("{code: i1, score: 91.20}", "{code: i1, score: 9.12}"), encoding="utf-8")
    return typo


def _drafted_with_typo(tmp_path: Path) -> Path:
    plan = tmp_path / "typo.plan.yaml"
    runner = CliRunner()
    assert runner.invoke(main, ["draft", str(_typo(tmp_path.parent)), "-o", str(plan)]).exit_code == 0
    assert DECLINE in [m["title"] for m in load_plan(plan)["measures"]]  # indicator 1 fell 26.53: the typo's measure
    first = load_plan(plan)["measures"][0]["id"]  # the officer keeps one measure: the plan is no longer as drafted
    keep(plan, first)
    return plan


def test_correcting_the_score_removes_the_measure_only_the_typo_made_when_nobody_settled_it(tmp_path: Path) -> None:
    plan = _drafted_with_typo(tmp_path)
    result = CliRunner().invoke(main, ["draft", str(EXAMPLE), "--update", str(plan)], env={"ITAPLAN_LANG": "en"})
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert f"measure '{DECLINE}' is removed: it was drafted for a weak point the corrected scores no longer show" in said
    measures = load_plan(plan)["measures"]
    assert DECLINE not in [m["title"] for m in measures]
    chosen = [m for m in measures if "เลือกดำเนินมาตรการนี้เอง" in str(m.get("issue"))]
    assert all(m["status"] == "kept" for m in chosen)  # said only of a measure the officer kept (i1's, kept above)
    assert measures[0]["status"] == "kept"


def test_a_measure_the_officer_kept_stays_as_the_agencys_choice_after_the_correction(tmp_path: Path) -> None:
    plan = _drafted_with_typo(tmp_path)
    decline = next(m["id"] for m in load_plan(plan)["measures"] if m["title"] == DECLINE)
    keep(plan, decline)
    result = CliRunner().invoke(main, ["draft", str(EXAMPLE), "--update", str(plan)], env={"ITAPLAN_LANG": "en"})
    assert result.exit_code == 0, result.output
    assert "no longer answers a weak point" in " ".join(result.output.split())
    kept = next(m for m in load_plan(plan)["measures"] if m["id"] == decline)
    assert kept["status"] == "kept" and not kept.get("facts")


def test_the_pages_score_form_says_which_measure_it_removed(client: TestClient, tmp_path: Path) -> None:  # noqa: F811
    plan = _drafted_with_typo(tmp_path)
    page = client.get(f"/plan/{plan.name}?lang=th").text
    done = client.post(f"/plan/{plan.name}/scores", data={"csrf": csrf_of(page), "code-1": "i1", "score-1": "91.20"})
    assert done.status_code == 200
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", done.text)).split())
    assert f"นำมาตรการ “{DECLINE}” ออกแล้ว เพราะร่างไว้สำหรับจุดอ่อนที่คะแนนที่แก้ไขแล้วไม่แสดงอีก" in text
    assert DECLINE not in [m["title"] for m in load_plan(plan)["measures"]]


def test_an_approved_plan_keeps_the_measure_the_agency_adopted_after_the_correction(tmp_path: Path) -> None:
    """Approved, the plan's measures are what the agency adopted, settled or not: the correction keeps it, as the
    agency's own choice, and says so (as before)."""
    plan = _drafted_with_typo(tmp_path)
    data = load_plan(plan)
    data["agency"].setdefault("signatories", {})["approved"] = {"name": "นายประเสริฐ มั่นคง", "date": "2026-11-15"}
    save_plan(data, plan)
    result = CliRunner().invoke(main, ["draft", str(EXAMPLE), "--update", str(plan)], env={"ITAPLAN_LANG": "en"})
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert f"measure '{DECLINE}' no longer answers a weak point" in said and "is removed" not in said
    assert DECLINE in [m["title"] for m in load_plan(plan)["measures"]]


JUMP_THAI = ("ข้อ i1 ได้ 9.12 คะแนน ขณะที่ปี 2568 ได้ 92.40 คะแนน ต่างกันตั้งแต่ 30 คะแนนขึ้นไป "
             "ให้ตรวจว่ากรอกคะแนนถูกต้องตามที่ระบบ ITAS แสดง หากผิดให้แก้ไข")


def _typo_with_last_years_questions(folder: Path) -> Path:
    """The trial's slip (i1 9.12 for 91.20), last year's results giving its questions: i1 92.40, i3 75.00 (this
    year 100: 25 points, no slip to suspect)."""
    text = _typo(folder).read_text(encoding="utf-8")
    at = text.index("\nprevious:")
    last = ("\nprevious:\n  fiscal_year: 2568\n  questions:\n    - {code: i1, score: 92.40}\n"
            "    - {code: i3, score: 75.00}\n  indicators: {1: 96.24, 2: 91.15, 3: 100, 4: 86.67, 5: 91.40, "
            "6: 96.44, 7: 89.24, 8: 80.04, 9: 90.00, 10: 75.00}\n  total: 87.50\n")
    typo = folder / "typo-last-year.yaml"
    typo.write_text(text[:at] + last, encoding="utf-8")
    return typo


def test_a_score_30_points_from_last_years_is_warned_of_not_refused(tmp_path: Path) -> None:
    """Web officer's eighth trial: i1 typed 9.12 (for 91.20) pulled indicator 1 down silently."""
    typo = _typo_with_last_years_questions(tmp_path)
    english = CliRunner().invoke(main, ["score", str(typo)], env={"ITAPLAN_LANG": "en"})
    assert english.exit_code == 0, english.output
    said = " ".join(english.output.split())
    assert ("warning: question i1: 9.12 this year, 92.40 last year (2568): a change of 30 points or more; check it "
            "was typed right (as ITAS shows it), and correct it if not") in said
    assert "question i3" not in said  # 25 points: a change, not a slip
    thai = CliRunner().invoke(main, ["--lang", "th", "score", str(typo)], env={"ITAPLAN_LANG": "en"})
    assert ("ข้อ i1 ปีนี้ได้ 9.12 คะแนน ปีที่ผ่านมา (2568) ได้ 92.40 คะแนน ต่างกันตั้งแต่ 30 คะแนนขึ้นไป ให้ตรวจว่า"
            "กรอกคะแนนถูกต้องตามที่ระบบ ITAS แสดง") in " ".join(thai.output.split())
    plan = tmp_path / "plan.yaml"
    assert CliRunner().invoke(main, ["draft", str(typo), "-o", str(plan)]).exit_code == 0
    assert load_plan(plan)["scores"]["indicators"][0]["score"] < 80  # the score as typed stands
    assert JUMP_THAI in load_plan(plan)["warnings"]


def test_the_page_warns_of_the_score_30_points_from_last_years(client: TestClient, tmp_path: Path) -> None:  # noqa: F811
    typo = _typo_with_last_years_questions(tmp_path.parent)
    csrf = csrf_of(client.get("/?lang=th").text)
    made = client.post("/upload", data={"csrf": csrf}, files={"results": (typo.name, typo.read_bytes())},
                       follow_redirects=False)
    assert made.status_code == 303, made.text[:500]
    page = client.get(made.headers["location"] + "?lang=th").text
    assert JUMP_THAI in " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_last_year_by_indicator_only_an_indicator_that_moved_20_points_is_warned(tmp_path: Path) -> None:
    """The trial's results gave last year by indicator only (as ITAS's summary does), so no question could be
    compared: indicator 1 moving 96.24 → 69.71 on i1 typed 9.12 is warned of; a small move, or an OIT indicator
    moving by whole items, is not."""
    result = CliRunner().invoke(main, ["--lang", "en", "score", str(_typo(tmp_path)), "--format", "json"])
    assert result.exit_code == 0, result.output
    warned = [w for w in json.loads(result.stdout)["warnings"] if "20 points or more" in w]
    assert warned == ["indicator 1: 69.71 this year, 96.24 last year (2568): a change of 20 points or more; check its "
                      "question scores were typed right (as ITAS shows them)"]
    clean = CliRunner().invoke(main, ["--lang", "en", "score", str(EXAMPLE), "--format", "json"])
    assert not [w for w in json.loads(clean.stdout)["warnings"] if "points or more" in w]
    thai = CliRunner().invoke(main, ["--lang", "th", "score", str(_typo(tmp_path))])
    assert "ตัวชี้วัดที่ 1 ปีนี้ได้ 69.71 คะแนน ปีที่ผ่านมา (2568) ได้ 96.24 คะแนน" in thai.output
