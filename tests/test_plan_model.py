"""The plan as data: every drafted golden case is a plan the schema accepts, of the current format, with no
working keys; the analysis cites measures by id; a plan of the older format (measures cited by drafted number)
is upgraded when read, to the same plan and the same documents."""

from __future__ import annotations

import copy
import json

import pytest
from helpers import case_names, case_results, load_case
from itaplan.app.session import Session
from itaplan.content.catalogue import load_catalogue
from itaplan.drafting.plan import PLAN_SCHEMA, plan_from_data
from itaplan.ita.scoring import score
from itaplan.ruling.evaluate import durable_available

ENGINES = ["pure"] + (["durable"] if durable_available() else [])
SESSIONS = {name: Session(engine=name, use_workspace=False) for name in ENGINES}


def drafted(name: str, engine: str) -> dict:
    return SESSIONS[engine].plan(score(case_results(load_case(name), name)))


def keys(value: object) -> list[str]:
    if isinstance(value, dict):
        return [k for k, v in value.items() for k in [str(k), *keys(v)]]
    if isinstance(value, list):
        return [k for v in value for k in keys(v)]
    return []


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", case_names())
def test_every_drafted_plan_is_a_valid_plan_of_this_format(name: str, engine: str) -> None:
    plan = drafted(name, engine)
    data = json.loads(json.dumps(plan, ensure_ascii=False))
    assert plan_from_data(copy.deepcopy(data), name) == data  # the schema accepts it; reading changes nothing
    assert data["itaplan"]["schema"] == PLAN_SCHEMA
    assert not [k for k in keys(data) if k.startswith("_")]  # no working keys travel in the plan
    ids = {m["id"] for m in data["measures"]}
    cited = [i for issue in data["analysis"]["issues"] for p in issue["points"] for i in p.get("measures", [])]
    cited += [i for group in data["analysis"]["categories"] for line in group["cites"] for i in line]
    assert set(cited) <= ids


def as_version_1(plan: dict) -> dict:
    """The same plan as the older format wrote it: points cite the measures' drafted numbers, and a category's
    line carries its citation in the text."""
    old = copy.deepcopy(plan)
    del old["itaplan"]["schema"]
    number = {m["id"]: n for n, m in enumerate(old["measures"], start=1)}
    template = load_catalogue([]).text("point_measures")
    for issue in old["analysis"]["issues"]:
        for point in issue["points"]:
            point["measures"] = [number[i] for i in point["measures"]]
    for group in old["analysis"]["categories"]:
        cites = group.pop("cites")
        group["lines"] = [f"{line} {template.format(numbers=', '.join(str(number[i]) for i in ids))}" if ids else line
                          for line, ids in zip(group["lines"], cites)]
    return old


@pytest.mark.parametrize("name", case_names())
def test_a_version_1_plan_is_upgraded_to_the_same_plan_and_documents(name: str) -> None:
    session = SESSIONS["pure"]
    plan = json.loads(json.dumps(drafted(name, "pure"), ensure_ascii=False))
    old = as_version_1(plan)
    assert old != plan
    upgraded = plan_from_data(old, name)
    assert upgraded == plan
    assert session.render(upgraded, "md") == session.render(plan, "md")


def test_the_plan_types_mirror_the_schema() -> None:
    """Every key plan.schema.json names is a key of its TypedDict in drafting/model.py, required where the schema
    requires it (the types may add the working keys drafting keeps in memory)."""
    from itaplan.base import SCHEMA_DIR
    from itaplan.drafting import model

    schema = json.loads((SCHEMA_DIR / "plan.schema.json").read_text(encoding="utf-8"))
    defs = schema["$defs"]
    pairs = [(schema, model.Plan), (schema["properties"]["scores"], model.Scores),
             (schema["properties"]["analysis"], model.Analysis), (schema["properties"]["agency"], model.PlanAgency),
             (schema["properties"]["whatif"], model.Whatif), (defs["measure"], model.Measure),
             (defs["indicator"], model.IndicatorRow), (defs["issue"], model.Issue), (defs["progress"], model.Progress),
             (defs["points_at_stake"], model.PointsAtStake), (defs["measure"]["properties"]["project"], model.Project)]
    for node, typed in pairs:
        keys = typed.__required_keys__ | typed.__optional_keys__
        assert set(node["properties"]) <= keys, (typed.__name__, set(node["properties"]) - keys)
        if typed is model.Plan:
            assert set(node["required"]) <= typed.__required_keys__


def test_a_plan_drafted_with_the_approval_day_reads_back(tmp_path: Path) -> None:
    """agency.signatories.approved.date (the profile's approval day) is part of the plan format: a plan drafted
    from a profile that gives it, or whose signatories were set on the web, is read back (issue 28)."""
    from itaplan.app.session import Session
    from conftest import ROOT
    from itaplan.drafting.plan import load_plan, save_plan

    source = ROOT / "examples" / "example.yaml"
    text = source.read_text(encoding="utf-8").replace("position: นายกองค์การบริหารส่วนตำบลห้วยทราย}",
                                                      "position: นายกองค์การบริหารส่วนตำบลห้วยทราย, date: 20/11/2569}")
    results = tmp_path / "example.yaml"
    results.write_text(text, encoding="utf-8")
    setup = Session((), (), use_workspace=False, workspace=tmp_path)
    plan = setup.plan(setup.scorecard(results))
    assert plan["agency"]["signatories"]["approved"]["date"] == "2026-11-20"
    save_plan(plan, tmp_path / "p.plan.yaml")
    assert load_plan(tmp_path / "p.plan.yaml")["agency"]["signatories"]["approved"]["date"] == "2026-11-20"
