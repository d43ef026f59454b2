"""A row of several measures (merged to keep the table within max_measures) is one measure of the table, and its
project card covers every member: the name, rationale, objectives, outputs, outcomes and target group of each, the
row's steps (each once), months, owners, weak points and the members' budgets together."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import agency_plan
from itaplan.app.session import Session
from itaplan.content.texts import Texts
from itaplan.render.cards import card_fields

ROOT = Path(__file__).resolve().parent.parent
WIDE = str(ROOT / "examples" / "province_wide-2569.csv")
PAIR = ["oit-hr", "oit-plans-and-reports"]


def _session(tmp_path: Path, more: str = "") -> Session:
    (tmp_path / "settings.yaml").write_text("version: 1\nlimits:\n  max_measures: 8\n" + more, encoding="utf-8")
    return Session(use_workspace=False, recommendation_dirs=(str(tmp_path),))


@pytest.fixture()
def row_and_card(tmp_path: Path) -> tuple[dict, dict, Session]:
    session = _session(tmp_path)
    plan = agency_plan(WIDE, "ท่าช้าง", session)
    row = next(m for m in plan["measures"] if m.get("merged") == PAIR)
    return row, card_fields(row, plan, Texts(session.catalogue)), session


def test_the_card_of_a_merged_row_names_and_explains_every_member(row_and_card: tuple[dict, dict, Session]) -> None:
    _, card, session = row_and_card
    projects = [session.catalogue.recommendations[i].data["project"] for i in PAIR]
    assert card["name"] == "กิจกรรมเปิดเผยข้อมูลการบริหารและพัฒนาทรัพยากรบุคคล และกิจกรรมเผยแพร่แผนและรายงานผลการดำเนินงานประจำปี"
    for project in projects:
        assert project["rationale"].replace("{agency}", "เทศบาลตำบลท่าช้าง") in card["rationale"]
        for key in ("objectives", "outputs", "outcomes"):
            assert all(x in card[key] for x in project[key]), (key, card[key])
    for key in ("objectives", "outputs", "outcomes"):
        assert len(card[key]) == len(set(card[key])), card[key]
    assert "บุคลากรของเทศบาลตำบลท่าช้าง" in card["target_group"] and "ผู้มีส่วนได้ส่วนเสีย" in card["target_group"]


def test_the_card_of_a_merged_row_holds_every_members_steps_once_months_and_points(
        row_and_card: tuple[dict, dict, Session]) -> None:
    row, card, _ = row_and_card
    assert card["method"] == row["method"]
    assert any(s.startswith("จัดทำเอกสารตามข้อ O13") for s in card["method"])  # oit-hr's
    assert any(s.startswith("จัดทำรายงานตามข้อ O7") for s in card["method"])  # oit-plans-and-reports'
    plain = ["".join(s.split()) for s in card["method"]]
    assert len(plain) == len(set(plain))
    assert card["period"].startswith(row["timeline"])
    said = " ".join(card["ita"] + card["kpi"])
    assert all(code in said for code in ("O6", "O7", "O13")), said


def test_the_card_of_a_merged_row_budgets_its_members_together(tmp_path: Path) -> None:
    from itaplan.drafting.draft import merged_project

    session = _session(tmp_path)

    members = [{"title": "มาตรการก", "evidence": ["หลักฐานก"], "project": {"name": "กิจกรรมก", "budget": 20000,
                                                                       "budget_source": "agency"}},
               {"title": "มาตรการข", "evidence": ["หลักฐานข"], "project": {"budget": 5000.5,
                                                                       "budget_source": "catalogue"}}]
    project = merged_project(members, session.catalogue)
    assert project["budget"] == 25000.5 and project["budget_source"] == "agency"
    assert project["name"] == "กิจกรรมก และมาตรการข"  # a member without a name of its own: its title
    assert "outputs" not in project  # left for the card: the row's evidence, every member's
    assert merged_project([{"title": "ก", "evidence": []}, {"title": "ข", "evidence": []}], session.catalogue) == {}


def test_a_budget_the_agency_set_for_the_row_is_the_cards(tmp_path: Path) -> None:
    from itaplan.app.batch import _results, collect_jobs

    session = _session(tmp_path)
    job = next(j for j in collect_jobs([WIDE]) if "ท่าช้าง" in j.name)
    card = session.scorecard_of(_results(job, session))
    card.agency.budgets["+".join(PAIR)] = 30000.0
    plan = session.plan(card)
    row = next(m for m in plan["measures"] if m.get("merged") == PAIR)
    assert row["project"]["budget"] == 30000.0 and row["project"]["budget_source"] == "agency"
    assert card_fields(row, plan, Texts(session.catalogue))["budget_text"].startswith("30,000.00")


def test_a_merged_rows_rationale_reads_as_one_text_the_second_member_on_with_a_connective(tmp_path: Path) -> None:
    """A newcomer's trial: the example's row of asset-borrowing-procedure and asset-private-use-control printed the
    two members' rationales one after the other, each ending "องค์การบริหารส่วนตำบลห้วยทราย จึง…", as if repeated.
    The second member's starts "นอกจากนี้ ", in one paragraph; an office may word the connective (rationale_also)."""
    from itaplan.drafting.draft import merged_project

    session = _session(tmp_path)
    members = [{"title": "ก", "evidence": [], "project": {"rationale": "เหตุผลแรก อบต. จึงทำก"}},
               {"title": "ข", "evidence": [], "project": {"rationale": "เหตุผลที่สอง\nอบต. จึงทำข"}},
               {"title": "ค", "evidence": [], "project": {"rationale": "นอกจากนี้ เหตุผลที่สาม อบต. จึงทำค"}}]
    rationale = merged_project(members, session.catalogue)["rationale"]
    assert rationale == ("เหตุผลแรก อบต. จึงทำก นอกจากนี้ เหตุผลที่สอง อบต. จึงทำข "
                         "นอกจากนี้ เหตุผลที่สาม อบต. จึงทำค"), rationale  # one already so begun: not said twice
    from click.testing import CliRunner
    from itaplan.cli import main
    from itaplan.drafting.plan import load_plan

    path = tmp_path / "plan.yaml"
    assert CliRunner().invoke(main, ["-q", "draft", str(ROOT / "examples" / "example.yaml"), "-o",
                                     str(path)]).exit_code == 0
    plan = load_plan(path)
    row = next(m for m in plan["measures"] if m.get("merged") == ["asset-borrowing-procedure",
                                                                   "asset-private-use-control"])
    card = card_fields(row, plan, Texts(session.catalogue))["rationale"]
    assert "\n" not in card and "ทะเบียนคุมที่ใช้ได้จริง นอกจากนี้ การนำยานพาหนะ" in card, card
    assert card.count("องค์การบริหารส่วนตำบลห้วยทราย จึง") == 2  # both members' decisions, in one flowing text
