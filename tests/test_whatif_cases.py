"""Golden cases of what each fix is worth (``expect.whatif`` in tests/cases): the plan's ranked list, its goals and
each measure's points at stake are what the case file says, worked by hand; and every stake is true on the command
line — the results with that fix made, scored again by ``itaplan score``, give a total higher by the stake (to the
second decimal). With partial input the section says the worth is unknown, and prints no number."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from helpers import case_names, case_results, load_case
from itaplan.app.session import Session
from itaplan.cli import main
from itaplan.drafting.stakes import measure_entries
from itaplan.ita.results import Results
from itaplan.ita.scoring import score
from itaplan.ita.whatif import working
from itaplan.render.dispatch import render

CASES = [n for n in case_names() if "whatif" in load_case(n)["expect"]]
KNOWN = [n for n in CASES if load_case(n)["expect"]["whatif"]["gains_known"]]
PARTIAL = [n for n in CASES if n not in KNOWN]
SETUP = Session(engine="pure")


def test_the_golden_cases_cover_the_years_asked() -> None:
    years = {load_case(n).get("results", {}).get("fiscal_year") or int(n[2:6]) for n in KNOWN}
    assert {2564, 2566, 2568} <= years and PARTIAL


@cache
def _plan(name: str) -> dict:
    case = load_case(name)
    return SETUP.plan(score(case_results(case, name)))


def _entry(text: str) -> tuple[str, int]:
    code, _, part = str(text).partition(":")
    return code, int(part or 0)


def _label(code: str, part: int | None) -> str:
    return f"{code}:{part}" if part else code


@pytest.mark.parametrize("name", CASES)
def test_plan_whatif_is_as_worked_by_hand(name: str) -> None:
    expect = load_case(name)["expect"]["whatif"]
    plan = _plan(name)
    w = plan["whatif"]
    assert w["gains_known"] == expect["gains_known"]
    assert w["unknown_reason"] == expect.get("unknown_reason")
    ranked = [[_label(f["code"], f["part"]), f["kind"], f["score"], f["gain_to_target"], f["gain_to_max"]]
              for f in w["ranked"]]
    assert ranked == expect.get("ranked", [])
    assert w.get("unknown_indicators", []) == expect.get("unknown_indicators", [])
    goals = []
    for g in w["goals"]:
        entry = {"goal": g["goal"], "already": g["already"], "reached": g["reached"]}
        if not g["known"]:
            entry["known"] = False
        if g["fixes"]:
            entry.update(fixes=[_label(f["code"], f["part"]) for f in g["fixes"]], total=g["total"], level=g["level"],
                         label=g["label"])
        goals.append(entry)
    assert goals == expect.get("goals", [])
    stakes = {m["id"]: [m["points_at_stake"]["to_target"], m["points_at_stake"]["to_max"]] for m in plan["measures"]}
    assert stakes == (expect.get("stakes") or {})


@pytest.mark.parametrize("name", KNOWN)
def test_whatif_command_ranks_as_the_plan(name: str) -> None:
    case = load_case(name)
    source = str(Path(__file__).parent / "cases" / case["results_file"]) if "results_file" in case else None
    if source is None:
        return  # the command reads a results file; the mapping cases are drafted in-process only
    out = CliRunner().invoke(main, ["whatif", source, "--format", "json", "--top", "5"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)  # the JSON alone: warnings (an average without its heading) go to stderr
    assert [(f["code"], f["part"], f["gain_to_max"]) for f in data["ranked"]] == \
        [(f["code"], f["part"], f["gain_to_max"]) for f in _plan(name)["whatif"]["ranked"]]


def _mapping(results: Results, changes: dict[tuple[str, int], float]) -> dict:
    """Results as a results file (YAML), with ``changes`` made to the (code, EIT part) entries."""
    rows = []
    for q in results.questions:
        row: dict = {"code": q.code, "score": changes.get((q.code, q.part or 0), q.score)}
        if q.part:
            row["part"] = q.part
        rows.append(row)
    data: dict = {"fiscal_year": results.framework.fiscal_year, "agency": {"name": results.agency.name or "ทดสอบ"},
                  "questions": rows}
    if results.indicators:
        data["indicators"] = dict(results.indicators)
    if results.tools:
        data["tools"] = dict(results.tools)
    if results.total is not None:
        data["total"] = results.total
    return data


class Scorer:
    """``itaplan score --format json`` on the case's results with some entries changed."""

    def __init__(self, name: str, folder: Path):
        case = load_case(name)
        self.results = working(case_results(case, name))  # figures given that agree with their parts are recomputed
        self.folder = folder
        self.runs = 0

    def card(self, changes: dict[tuple[str, int], float] | None = None) -> dict:
        self.runs += 1
        path = self.folder / f"raised{self.runs}.yaml"
        path.write_text(yaml.safe_dump(_mapping(self.results, changes or {}), allow_unicode=True), encoding="utf-8")
        out = CliRunner().invoke(main, ["score", str(path), "--format", "json"])
        assert out.exit_code == 0, out.output
        return json.loads(out.output)


@pytest.mark.parametrize("name", KNOWN)
def test_every_stake_is_what_itaplan_score_gives(name: str, tmp_path: Path) -> None:
    """Raise a fix by its stake and score again with the CLI: the total rises by that much, to 0.01."""
    plan = _plan(name)
    scorer = Scorer(name, tmp_path)
    before = scorer.card()
    assert before["total"] == plan["scores"]["total"]
    target = plan["scores"]["target"]

    def gain(changes: dict[tuple[str, int], float]) -> float:
        return scorer.card(changes)["total"] - before["total"]

    for f in plan["whatif"]["ranked"]:
        key = (f["code"], f["part"] or 0)
        assert abs(gain({key: 100.0}) - f["gain_to_max"]) < 0.0101, f
        if f["gain_to_target"]:
            assert abs(gain({key: target}) - f["gain_to_target"]) < 0.0101, f
    scores = {(q.code, q.part or 0): q.score for q in scorer.results.questions}
    for m in plan["measures"]:
        stake = m["points_at_stake"]
        if stake["to_max"] is None:
            continue
        entries = measure_entries(m)
        to_target = {e: 100.0 if e[0][0] == "o" else max(scores[e], target) for e in entries}
        assert abs(gain(to_target) - stake["to_target"]) < 0.0101, m["id"]
        assert abs(gain({e: 100.0 for e in entries}) - stake["to_max"]) < 0.0101, m["id"]
    for g in plan["whatif"]["goals"]:
        if g["fixes"]:
            after = scorer.card({(f["code"], f["part"] or 0): 100.0 for f in g["fixes"]})
            assert (after["total"], after["level"], after["label"]) == (g["total"], g["level"], g["label"]), g


@pytest.mark.parametrize("name", PARTIAL)
def test_partial_input_says_unknown_and_prints_no_number(name: str) -> None:
    plan = _plan(name)
    w = plan["whatif"]
    assert not w["gains_known"] and not w["ranked"] and not w["goals"]
    assert "ยังคำนวณไม่ได้" in w["intro"] and not re.search(r"\d", w["intro"])
    assert all(m["points_at_stake"]["to_max"] is None and m["points_at_stake"]["reason"] for m in plan["measures"])
    md = render(plan, "md", catalogue=SETUP.catalogue)
    assert isinstance(md, str)
    assert "ข้อที่มีผลต่อคะแนนรวมมากที่สุด" not in md and "ผลต่อคะแนนรวม:" not in md  # the officer's, never published
