"""Golden cases, drafted: expected measures (ids and codes), maintain statements and Thai sentences,
on both rule evaluators; and what every drafted plan must be (complete, no placeholders, consistent)."""

from __future__ import annotations

import json
import re

import pytest
from helpers import case_names, case_results, load_case
from itaplan.app.session import Session
from itaplan.checking.check import check_plan
from itaplan.ita.scoring import score
from itaplan.ruling.evaluate import durable_available

ENGINES = ["pure"] + (["durable"] if durable_available() else [])
SETUPS = {name: Session(engine=name) for name in ENGINES}


def drafted(name: str, engine: str) -> tuple[dict, dict]:
    case = load_case(name)
    card = score(case_results(case, name))
    return case, SETUPS[engine].plan(card)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", case_names())
def test_case_plan(name: str, engine: str) -> None:
    case, plan = drafted(name, engine)
    expect = case["expect"].get("plan")
    assert expect is not None, f"{name} has no expected plan"
    assert [{"id": m["id"], "codes": m["codes"]} for m in plan["measures"]] == expect["measures"]
    assert [m["id"] for m in plan["left_out"]] == expect.get("left_out", [])
    assert [m["indicator"] for m in plan["maintain"]] == expect["maintain"]
    assert {i["number"]: i["category"] for i in plan["analysis"]["indicators"]} == expect["categories"]
    if "summary" in expect:
        assert plan["analysis"]["summary"][: len(expect["summary"])] == expect["summary"]
    if "timeline" in expect:
        assert all(m["timeline"] == expect["timeline"] for m in plan["measures"] if m["months"] == {"from": 1, "to": 12})
    for code, parts in expect.get("parts", {}).items():
        assert any(m.get("parts", {}).get(code) == parts for m in plan["measures"])
    directions = {i["number"]: i["direction"] for i in plan["analysis"]["indicators"]}
    for number, direction in expect.get("indicator_directions", {}).items():
        assert directions[int(number)] == direction


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", case_names())
def test_case_passes_its_own_check(name: str, engine: str) -> None:
    """Every figure and claim of every rendering (md, html, docx, JSON texts) follows from the plan's facts."""
    _, plan = drafted(name, engine)
    assert check_plan(plan, SETUPS[engine].catalogue) == []
    assert check_plan(plan, SETUPS[engine].catalogue, ("md",), thai_digits=True) == []


@pytest.mark.parametrize("name", case_names())
def test_plan_is_publishable(name: str) -> None:
    _, plan = drafted(name, "pure")
    for m in plan["measures"]:
        for key in ("title", "issue", "timeline", "owner"):
            assert m[key].strip(), (m["id"], key)
        assert m["method"] and all(s.strip() for s in m["method"])
        assert m["evidence"] and all(s.strip() for s in m["evidence"])
        assert m["rules"] and m["provenance"] and m["facts"]
    text = json.dumps(plan, ensure_ascii=False)
    assert not re.search(r"\{[a-z_]+\}", text), re.search(r".{40}\{[a-z_]+\}.{20}", text)
    assert "ระบุชื่อ" not in text
    scores = plan["scores"]
    if scores["total"] is not None:
        assert f"{scores['total']:.2f}" in plan["analysis"]["summary"][0]
    categories = {i["number"]: i["category"] for i in plan["analysis"]["indicators"]}
    for issue in plan["analysis"]["issues"]:
        assert categories[issue["number"]] != "strong"
        for point in issue["points"]:
            if point["code"]:
                assert point["score"] < scores["target"]
    with_measure = {n for m in plan["measures"] for n in m["fact_indicators"]}
    assert not {m["indicator"] for m in plan["maintain"]} & with_measure  # never "maintain" what a measure fixes
    assert len(plan["measures"]) <= SETUPS["pure"].catalogue.max_measures


def test_durable_and_pure_plans_identical() -> None:
    if "durable" not in SETUPS:
        pytest.skip("durable_rules does not import on this Python")
    for name in case_names():
        _, a = drafted(name, "pure")
        _, b = drafted(name, "durable")
        for plan in (a, b):
            plan["itaplan"].pop("evaluator")
        assert a == b, name


def test_a_measure_left_out_that_answers_no_question_is_not_said_to_answer_item_dash() -> None:
    """The officer's note on measures the row limit left out said "ซึ่งตอบข้อ -" when they answer no question (a
    measure of the total or an indicator; a fresh auditor's trial, issue 28)."""
    _, plan = drafted("fy2564_questions_below_target", "pure")
    note = next(n for n in plan["officer_notes"] if "ไม่ได้อยู่ในตาราง" in n)
    assert "มาตรการแต่งตั้งคณะทำงานขับเคลื่อนการยกระดับผลการประเมิน ITA ควรเพิ่มเข้าในมาตรการที่มีอยู่" in note
    assert "ซึ่งตอบข้อ" not in note


def test_a_row_names_a_unit_once_not_beside_its_own_section() -> None:
    """A merged row said "สำนักปลัด และสำนักปลัด (งานประชาสัมพันธ์และเทคโนโลยีสารสนเทศ)" (a fresh newcomer's trial);
    then one of the two alone, which two auditors read as an owner dropped (the seventh: the section; the ninth and
    tenth: the unit): the unit is said with its section, "สำนักปลัด (รวมถึงงาน…)", whichever comes first."""
    from itaplan.drafting.draft import joined_owners

    it = "สำนักปลัด (งานประชาสัมพันธ์และเทคโนโลยีสารสนเทศ)"
    both = "สำนักปลัด (รวมถึงงานประชาสัมพันธ์และเทคโนโลยีสารสนเทศ)"
    including = "{unit} (รวมถึง{section})"
    assert joined_owners("สำนักปลัด", it, " และ", including) == both
    assert joined_owners(it, "สำนักปลัด", " และ", including) == both
    assert joined_owners(both, "สำนักปลัด", " และ", including) == both
    assert joined_owners("กองคลัง", it, " และ", including) == f"กองคลัง และ{it}"
    assert joined_owners(f"กองคลัง และ{it}", "สำนักปลัด", " และ", including) == f"กองคลัง และ{both}"
    assert joined_owners("สำนักปลัด และกองคลัง", it, " และ", including) == f"{both} และกองคลัง"
    assert joined_owners("กองคลัง", "กองคลัง", " และ", including) == "กองคลัง"
    assert joined_owners(it, it, " และ", including) == it


def _near_duplicates(steps: list[str], cited: list[str]) -> list[tuple[int, int]]:
    """Pairs of a method's steps (1-based) that say the same thing twice: nearly all their letters alike; the same
    item (ข้อ O22) acted on by the same verb in both (prepare, publish, summarise); or the same first word with the
    same cadence (monthly, by the next month). The titles of the items cited, which are no action, are left out."""
    from difflib import SequenceMatcher
    from itertools import combinations

    from itaplan.base.thaiwords import words

    def uncited(text: str) -> str:
        for title in cited:
            text = text.replace(title, "")
        return text

    def letters(text: str) -> str:
        return re.sub(r"[\s0-9๐-๙().,]", "", uncited(text))

    def cadence(text: str) -> set[str]:
        return {c for c in ("ทุกเดือน", "รายเดือน", "เดือนถัดไป") if c in uncited(text)}

    def acts(text: str) -> set[tuple[str, str]]:
        codes = {c.lower() for c in re.findall(r"ข้อ\s*([A-Za-z][0-9]+)", text)}
        verbs = {w for w in words(uncited(text)) if w in ("จัดทำ", "เผยแพร่", "สรุป", "ประกาศ")}
        return {(c, v) for c in codes for v in verbs}

    out = []
    for (i, a), (j, b) in combinations(enumerate(steps, start=1), 2):
        alike = SequenceMatcher(None, letters(a), letters(b), autojunk=False).ratio()
        if alike >= 0.6 or acts(a) & acts(b) or (words(a)[0] == words(b)[0] and cadence(a) & cadence(b)):
            out.append((i, j))
    return out


@pytest.mark.parametrize("name", [*case_names(), "examples/example.yaml"])
def test_no_measure_repeats_a_step_of_its_method(name: str) -> None:
    """Each step of a measure's method is a distinct action: the period steps (last year's report before the
    assessors check, the monthly summaries) and the catalogue's own steps do not say the same thing twice
    (O11 said to summarise or publish monthly three times, O22 and O26 to publish the report twice)."""
    if name.startswith("examples/"):  # the README's example (FY2569): O11, O22 and O26 all proposed
        from conftest import ROOT

        setup = SETUPS["pure"]
        plan = setup.plan(setup.scorecard(ROOT / name))
    else:
        _, plan = drafted(name, "pure")
    repeated = {}
    for m in plan["measures"]:
        cited = [str(s.get("title") or "") for s in m.get("serves", []) if isinstance(s, dict) and s.get("title")]
        cited += [str(p.get("title") or "") for p in m.get("points", []) if isinstance(p, dict) and p.get("title")]
        pairs = _near_duplicates(m["method"], [c for c in cited if c])
        if pairs:
            repeated[m["id"]] = [(m["method"][i - 1], m["method"][j - 1]) for i, j in pairs]
    assert not repeated, repeated


def test_no_catalogue_measure_repeats_a_step() -> None:
    """The whole catalogue, every measure's steps as written (before any item is cited in them)."""
    catalogue = SETUPS["pure"].catalogue
    repeated = {rec.id: _near_duplicates([str(s) for s in rec.data.get("method") or []], [])
                for rec in catalogue.recommendations.values()}
    assert not {k: v for k, v in repeated.items() if v}, repeated


def test_a_measure_whose_items_each_have_a_step_of_their_round_says_prepare_them_once() -> None:
    """O14 (last year's HR report) failed alone: "จัดทำรายงานตามข้อ O14 …" then "จัดทำเอกสารตามข้อ O14 …", the same
    step twice (newcomer's fourth trial)."""
    import yaml as _yaml
    from conftest import ROOT
    from itaplan.ita.loader import from_mapping

    data = _yaml.safe_load((ROOT / "examples" / "example.yaml").read_text(encoding="utf-8"))
    data["questions"] = [({**q, "score": 0} if q.get("code") == "O14" else q) for q in data["questions"]]
    plan = Session(engine="pure").plan(score(from_mapping(data, "o14.yaml")))
    hr = next(m for m in plan["measures"] if "O14" in m["codes"])
    assert hr["method"][0].startswith("จัดทำรายงานตามข้อ O14")
    assert not [step for step in hr["method"] if step.startswith("จัดทำเอกสารตามข้อ O14")]
