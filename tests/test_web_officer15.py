"""The web officer's fresh trial (8/10): a measure drafted only from a mistyped score went on after the score was
corrected, as "the agency's own choice" nobody made."""

from __future__ import annotations

import html
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
    assert f"นำมาตรการ '{DECLINE}' ออกแล้ว เพราะร่างไว้สำหรับจุดอ่อนที่คะแนนที่แก้ไขแล้วไม่แสดงอีก" in text
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
