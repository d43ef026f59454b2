"""itaplan whatif: each fix's worth is exactly what the total gains when it is made, in every year's arithmetic."""

from __future__ import annotations

import json

from pathlib import Path

import pytest
from click.testing import CliRunner
from itaplan.base.thai import round2
from itaplan.cli import main
from itaplan.ita.framework import load_framework
from itaplan.ita.loader import from_mapping
from itaplan.ita.scoring import score
from itaplan.ita.whatif import whatif

EXAMPLE_YAML = Path(__file__).resolve().parent.parent / "examples" / "example.yaml"


def full_results(year: int) -> dict:
    """Every question of the year, most at 92.5; the second of each indicator weak (OIT: not met)."""
    fw = load_framework(year)
    low = {ind.codes[1] for ind in fw.indicators} | {ind.codes[-1] for ind in fw.indicators if ind.tool == "OIT"}
    questions = []
    for code, q in fw.questions.items():
        value = (0 if q.tool == "OIT" else 71.25) if code in low else (100 if q.tool == "OIT" else 92.5)
        if q.tool == "EIT" and fw.two_parts:
            questions += [{"code": code, "part": 1, "score": value}, {"code": code, "part": 2, "score": min(100, value + 5)}]
        else:
            questions.append({"code": code, "score": value})
    return {"fiscal_year": year, "questions": questions}


@pytest.mark.parametrize("year", [2564, 2566, 2568])
def test_each_stake_is_what_the_total_gains(year: int) -> None:
    data = full_results(year)
    before = score(from_mapping(data, "x")).total
    result = whatif(from_mapping(data, "x"), "85", top=8)
    assert result["gains_known"] and result["ranked"]
    for fix in result["ranked"]:
        changed = json.loads(json.dumps(data))
        for row in changed["questions"]:
            if row["code"] == fix["code"] and (row.get("part") or 0) == (fix["part"] or 0):
                row["score"] = 100
        after = score(from_mapping(changed, "x")).total
        assert round2(after - before) == fix["gain_to_max"], fix  # halves up, as every figure
    publish = [f for f in result["fixes"] if f["kind"] == "publish"]
    assert publish and all(f["tool"] == "OIT" for f in publish)
    # an OIT item in a small sub-indicator is worth more than one in a large one (FY2566: 9.5 has 4, 9.1 has 10)
    if year == 2566:
        worth = {f["code"]: f["gain_to_max"] for f in result["fixes"]}
        assert worth["o30"] > worth["o2"]


def below_85(year: int) -> dict:
    """Every question of the year, as full_results, with each indicator's first two questions weak too: a total
    below 85, so every goal (85 included) has a path to follow."""
    data = full_results(year)
    fw = load_framework(year)
    weak = {code for ind in fw.indicators for code in ind.codes[:2]}
    for row in data["questions"]:
        if row["code"] in weak:
            row["score"] = 0 if fw.questions[row["code"]].tool == "OIT" else 60.0
    return data


@pytest.mark.parametrize("goal", ["85", "pass-good", "95"])
def test_the_path_reaches_the_goal(goal: str) -> None:
    data = below_85(2568)
    assert score(from_mapping(data, "x")).total < 85
    result = whatif(from_mapping(data, "x"), goal)
    assert not result["already"]  # every goal is a path to follow, never an early return
    assert result["goal_reached"], result["path"][-1]
    last = result["path"][-1]
    if goal == "pass-good":
        assert all(v >= 85 for v in last["tools"].values()) and last["label"] in ("ผ่านดี", "ผ่านดีเยี่ยม")
    assert last["total"] >= (95 if goal == "95" else 85)
    totals = [s["total"] for s in result["path"]]
    assert totals == sorted(totals)  # every step helps


def test_unknown_is_said_to_be_unknown() -> None:
    flagged = {"fiscal_year": 2566, "questions": [{"code": "o12", "score": 0}, {"code": "i16", "score": 70}]}
    result = whatif(from_mapping(flagged, "x"))
    assert not result["gains_known"] and result["unknown_reason"] and result["path"] == []
    assert all(f["gain_to_max"] is None for f in result["fixes"])
    out = CliRunner().invoke(main, ["whatif", "--format", "json"])
    assert out.exit_code == 0 and json.loads(out.output)["ranked"][0]["code"] in ("O22", "O26")  # the bundled FY2569


def test_a_given_indicator_leaves_its_items_unknown_and_the_rest_ranked() -> None:
    """The total is known, but indicator 9 is given as printed with one of its items: what o2 is worth cannot be
    known (raising it moves nothing the scoring computes), so it is left out of the list, the note names indicator
    9, and the measure on o2 says why its stake is unknown; the other fixes are ranked as usual."""
    from itaplan.app.session import Session
    from itaplan.checking.check import check_plan

    fw = load_framework(2568)
    data = full_results(2568)
    data["questions"] = [q for q in data["questions"] if q["code"] not in fw.indicator(9).codes or q["code"] == "o2"]
    data["indicators"] = {9: 80.0}
    setup = Session(engine="pure")
    plan = setup.plan(score(from_mapping(data, "x")))
    w = plan["whatif"]
    assert w["gains_known"] and w["unknown_indicators"] == [9] and "ตัวชี้วัดที่ 9" in w["note"]
    assert w["ranked"] and all(f["indicator"] != 9 for f in w["ranked"])
    stake = next(m["points_at_stake"] for m in plan["measures"] if "o2" in m["codes"])
    assert stake["to_max"] is None and stake["reason"] == "given_figure"
    assert check_plan(plan, setup.catalogue) == []
    literal = whatif(from_mapping(data, "x"))
    assert next(f for f in literal["fixes"] if f["code"] == "o2")["gain_to_max"] is None


@pytest.mark.parametrize("year", [2564, 2566, 2568])
def test_a_rate_kept_from_another_agency_gives_the_same_worth(year: int) -> None:
    """Drafting keeps each slot's rate per shape of results (engine/whatif._RATES), measured on the shape itself:
    an agency priced after another of the same shape, with other scores, gets the very floats a fresh computation
    gives (so a batch's plans do not depend on its order or on how it was shared among processes), and they are
    what scoring each entry on its own gives, up to float noise."""
    import random

    from itaplan.ita import whatif as wi
    from itaplan.ita.whatif import candidates

    rng = random.Random(year)
    first, second = full_results(year), full_results(year)
    for row in second["questions"]:
        if 0 < row["score"] < 100:
            row["score"] = round(rng.uniform(40, 99), 2)
    wi._RATES.clear()
    candidates(from_mapping(first, "a"))  # fills the kept rates
    kept = {(f.code, f.part): (f.gain_to_max, f.gain_to_target, f.tool_gains)
            for f in candidates(from_mapping(second, "b"))[1]}
    wi._RATES.clear()
    wi._ZERO.clear()
    fresh = {(f.code, f.part): (f.gain_to_max, f.gain_to_target, f.tool_gains)
             for f in candidates(from_mapping(second, "b"))[1]}
    assert kept == fresh and kept
    literal = {(f.code, f.part): (f.gain_to_max, f.gain_to_target)
               for f in candidates(from_mapping(second, "b"), literal=True)[1]}
    assert literal.keys() == fresh.keys()
    for key, (to_max, to_target) in literal.items():
        assert fresh[key][0] == pytest.approx(to_max, abs=1e-9) and (
            to_target is None and fresh[key][1] is None or fresh[key][1] == pytest.approx(to_target, abs=1e-9)), key


def _plain_path(results, goal: str, fixes: list, base) -> tuple[list[tuple[str, int]], bool, float | None, object]:
    """The goal path as first written: every fix looked at on every step, the end scored again."""
    from itaplan.ita.whatif import EPS, _reached, raised, reached, total_of

    target = base.target
    if total_of(base) is None or goal == "pass-good" and None in base.tools.values():
        return [], False, base.total, base
    total, tools = total_of(base), {k: v or 0.0 for k, v in base.tools.items()}
    remaining = [f for f in fixes if f.gain_to_max]
    by_gain = sorted(remaining, key=lambda f: (-round(f.gain_to_max, 9), not f.publish))
    changes: dict = {}
    while len(changes) < 40:
        if _reached(total, tools, goal, target):
            card = score(raised(results, changes))
            if reached(card, goal):
                break
            total, tools = total_of(card), {k: v or 0.0 for k, v in card.tools.items()}
        gap = max(0.0, (95.0 if goal == "95" else target) - total)
        if goal != "pass-good" and remaining and by_gain[0].gain_to_max < gap - EPS:
            fix = by_gain[0]
        else:
            gaps = {k: target - v for k, v in tools.items() if v < target} if goal == "pass-good" else {}
            fix, best = None, (EPS, False)
            for f in remaining:
                closed = min(f.gain_to_max, gap) + sum(min(f.tool_gains.get(k, 0.0), g) for k, g in gaps.items())
                if (round(closed, 9), f.publish) > best:
                    fix, best = f, (round(closed, 9), f.publish)
        if fix is None:
            break
        tools = {k: v + fix.tool_gains.get(k, 0.0) for k, v in tools.items()}
        total += fix.gain_to_max
        changes[(fix.code, fix.part)] = 100.0
        remaining.remove(fix)
        by_gain.remove(fix)
    card = score(raised(results, changes))
    return list(changes), reached(card, goal), card.total, card


@pytest.mark.parametrize("year", [2564, 2566, 2568])
def test_goal_paths_followed_by_summed_gains_end_where_scoring_says(year: int) -> None:
    """Drafting follows a goal path by summing the fixes' gains and scores it again only near a rounding boundary;
    on random agencies (OIT sub-indicators making halves of hundredths) the path, whether it reaches the goal and
    the total, level and label at its end are those of the path scored step by step as first written."""
    import random

    from itaplan.drafting.stakes import analyse, goals_of
    from itaplan.ita.whatif import plan_to_goal

    rng = random.Random(year * 7)
    fw = load_framework(year)
    checked = 0
    for _ in range(60):
        data = full_results(year)
        for row in data["questions"]:
            row["score"] = (100 if rng.random() > 0.25 else 0) if row["code"].startswith("o") else \
                round(rng.uniform(55, 100), 2)
        if rng.random() < 0.3:  # EIT given without its parts: the total is known, the parts' tools and label not
            data["questions"] = [{"code": row["code"], "score": row["score"]} for row in data["questions"]
                                 if row.get("part") != 2]
        card = score(from_mapping(data, "x"))
        results, base, fixes = analyse(card)
        for goal in goals_of(fw):
            steps, done, end = plan_to_goal(results, goal, fixes, every_step=False, base=base)
            path, plain_done, plain_total, plain_card = _plain_path(results, goal, fixes, base)
            assert [(s["fix"]["code"], s["fix"]["part"] or 0) for s in steps] == path
            assert done == plain_done
            assert (end.total is None) == (plain_total is None)
            assert end.total is None or round(end.total, 2) == round(plain_total, 2)
            assert (end.level, end.label) == (plain_card.level, plain_card.label)
            checked += bool(path)
    assert checked > 60


def test_whatif_gives_the_agencys_figures_as_score_gives_them() -> None:
    """A total given as printed (and agreeing with the questions) is 'given' in `score` and in `whatif` alike:
    the what-if works on the arithmetic, but says of the agency what its scorecard says."""
    from pathlib import Path

    example = str(Path(__file__).resolve().parent.parent / "tests" / "data" / "example-2568.yaml")
    scored = json.loads(CliRunner().invoke(main, ["score", example, "--format", "json"]).stdout)
    result = CliRunner().invoke(main, ["whatif", example, "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert scored["total_source"] == data["total_source"] == "given"
    assert (data["total"], data["level"], data["label"]) == (scored["total"], scored["level"], scored["label"])
    assert data["fixes"] and data["fixes"][0]["gain_to_max"] > 0  # the gains still move the (computed) total
    plain = whatif(from_mapping(full_results(2568), "x"))  # no given figure: computed, as score says
    assert plain["total_source"] == score(from_mapping(full_results(2568), "x")).total_source == "computed"


def test_the_label_itas_gave_is_the_real_results_not_the_path_s() -> None:
    """The example with ITAS's total and label written in (total: 87.02, label: ผ่าน, as the README suggests): the
    path to ผ่านดี ends labelled ผ่านดี by the NACC's rule, as without the label; the label given named the real
    result only (the newcomer read 'total 89.88 A ผ่าน' for the goal ผ่านดี, reached)."""
    import yaml

    data = yaml.safe_load(EXAMPLE_YAML.read_text(encoding="utf-8"))
    plain = whatif(from_mapping({k: v for k, v in data.items() if k not in ("total", "label", "level")}, "x"),
                   "pass-good")
    data.update({"total": 87.02, "label": "ผ่าน", "level": "A"})
    given = whatif(from_mapping(data, "x"), "pass-good")
    assert given["goal_reached"] and given["path"][-1]["label"] == "ผ่านดี"
    assert [(s["fix"]["code"], s["total"], s["level"], s["label"]) for s in given["path"]] == \
           [(s["fix"]["code"], s["total"], s["level"], s["label"]) for s in plain["path"]]


def test_a_total_itas_gave_that_differs_gives_estimates_said_as_such(tmp_path: Path) -> None:
    """Round 22's newcomer gave ITAS's total (86.95; the questions make 87.02 on FY2569's assumed weights), as the
    README asks, and whatif then said only that nothing could be known. The gains stay unknown (the documents print
    none), and the screen gives the computed total's what-if, said to be estimates on the assumed weights."""
    text = EXAMPLE_YAML.read_text(encoding="utf-8").replace("fiscal_year: 2569\n", "fiscal_year: 2569\ntotal: 86.95\n", 1)
    (tmp_path / "results.yaml").write_text(text, encoding="utf-8")
    runner = CliRunner(env={"ITAPLAN_LANG": "en"})
    shown = runner.invoke(main, ["whatif", str(tmp_path / "results.yaml"), "--goal", "pass-good"])
    assert shown.exit_code == 0, shown.output
    said = " ".join(shown.output.split())
    assert "unknown: the total stands as given" in said
    assert "estimated below from the total the questions make, 87.02 on this year's assumed weights (ITAS's 86.95" in said
    assert "O22" in said and "the fewest fixes to the goal:" in said
    data = json.loads(runner.invoke(main, ["whatif", str(tmp_path / "results.yaml"), "--format", "json"]).stdout)
    assert not data["gains_known"] and data["estimate"]["estimated_from"] == {"given": 86.95, "computed": 87.02}
    assert data["estimate"]["ranked"][0]["gain_to_max"] > 0
    # ITAS's total as the questions make it: no estimate, the gains are the total's own
    same = json.loads(runner.invoke(main, ["whatif", str(EXAMPLE_YAML), "--format", "json"]).stdout)
    assert same["gains_known"] and "estimate" not in same


def test_an_estimate_has_the_level_of_its_own_total_not_the_given_ones(tmp_path: Path) -> None:
    """Round 24's newcomer gave ITAS's total with its level and label (82.05, B, ไม่ผ่าน); the estimates then said
    "O26 to 100: total 87.65 B ไม่ผ่าน" and reached the goal ผ่านดี at "89.82 B ไม่ผ่าน": the given level was carried onto
    totals that have their own."""
    text = EXAMPLE_YAML.read_text(encoding="utf-8").replace(
        "fiscal_year: 2569\n", "fiscal_year: 2569\ntotal: 86.95\nlevel: A\nlabel: ผ่าน\n", 1)
    (tmp_path / "results.yaml").write_text(text, encoding="utf-8")
    runner = CliRunner(env={"ITAPLAN_LANG": "en"})
    data = json.loads(runner.invoke(main, ["whatif", str(tmp_path / "results.yaml"), "--format", "json",
                                           "--goal", "pass-good"]).stdout)
    path = data["estimate"]["path"]
    assert path and path[-1]["total"] >= 88  # the goal ผ่านดี reached on the estimate
    assert path[-1]["label"] == "ผ่านดี", path[-1]
    shown = " ".join(runner.invoke(main, ["whatif", str(tmp_path / "results.yaml"), "--goal", "pass-good"]).output.split())
    assert f"total {path[-1]['total']:.2f} A ผ่านดี" in shown, shown
