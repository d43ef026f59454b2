"""A provincial auditor's trial with an office workspace (an office measure of dimension 3, indicator 8, no budget;
the row limit 6 and 2 measures a row merge it with e-service, dimension 2, whose budget the agency set to 30,000;
public-participation switched off though the agency set it a budget):

2. the merged row's card header and action-plan table printed only e-service's dimension: every member's is said;
3. the card's budget was e-service's 30,000 alone, said as the row's: the member without one is said to be unset;
4. the card's ITA section said indicator 8 twice ("ตัวชี้วัดที่ 8 และ 9", then "ตัวชี้วัดที่ 8 … ได้ 81.52 คะแนน");
5. the plan's warning named public-participation by its English id (and `check` failed on it), and `draft` did not
   print it on the console.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from itaplan.app.session import Session
from itaplan.content.texts import Texts
from itaplan.ita.loader import load_results
from itaplan.render.cards import card_fields, summary_table

ROOT = Path(__file__).resolve().parent.parent
OFFICE = ROOT / "tests" / "data" / "merged-dimensions"
EXAMPLE = str(ROOT / "examples" / "example.yaml")
FORUM = "โครงการเวทีประชาคมเพื่อปรับปรุงการดำเนินงานขององค์การบริหารส่วนตำบลห้วยทราย"
PARTICIPATION = "มาตรการเปิดโอกาสให้ประชาชนและผู้มีส่วนได้ส่วนเสียมีส่วนร่วมในการปรับปรุงการดำเนินงาน"


@pytest.fixture(scope="module")
def drafted() -> tuple[dict, Session]:
    session = Session(use_workspace=False, rules_dirs=(str(OFFICE / "rules"),),
                      recommendation_dirs=(str(OFFICE / "recommendations"),))
    return session.plan(session.scorecard_of(load_results(EXAMPLE))), session


def _row(plan: dict) -> dict:
    return next(m for m in plan["measures"] if m.get("merged") == ["e-service", "office-participation-forum"])


def test_a_merged_row_names_every_members_dimension(drafted: tuple[dict, Session]) -> None:
    plan, session = drafted
    t = Texts(session.catalogue, thai_digits=True)
    card = card_fields(_row(plan), plan, t)
    assert card["dimensions"] == [2, 3]
    assert card["dimension_line"] == ("มิติที่ ๒ การบริหารราชการด้วยความโปร่งใส และมิติที่ ๓ "
                                      "การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน"), card["dimension_line"]
    _, body, _, _ = summary_table(plan, t, plan["measures"])
    line = next(r for r in body if r[1].startswith("โครงการพัฒนาระบบบริการออนไลน์") or "เวทีประชาคม" in r[1])
    assert line[2] == "๒, ๓", line
    single = next(m for m in plan["measures"] if m["id"] == "info-channels")
    assert card_fields(single, plan, t)["dimensions"] == [3]
    # the card itself, as Word prints it: its header names both
    from docx import Document
    from itaplan.render.dispatch import render

    made = render(plan, "docx", catalogue=session.catalogue, thai_digits=True, cards=True,
                  card_ids=["e-service+office-participation-forum"])
    text = "\n".join(p.text for p in Document(io.BytesIO(made)).paragraphs)
    assert "(มิติที่ ๒ การบริหารราชการด้วยความโปร่งใส และมิติที่ ๓ การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน)" in text


def test_a_merged_rows_budget_says_the_part_not_set(drafted: tuple[dict, Session]) -> None:
    plan, session = drafted
    t = Texts(session.catalogue, thai_digits=True)
    row = _row(plan)
    assert row["project"]["budget"] == 30000.0 and row["project"]["budget_unset"] == [FORUM]
    card = card_fields(row, plan, t)
    assert card["budget_text"] == f"๓๐,๐๐๐.๐๐ บาท (ไม่รวมงบประมาณของ{FORUM} ซึ่งยังไม่ได้กำหนด)", card["budget_text"]
    _, body, rows, _ = summary_table(plan, t, plan["measures"])
    line = body[[r["id"] for r in rows].index(row["id"])]
    assert line[3] == "๓๐,๐๐๐.๐๐ (บางส่วนยังไม่กำหนด)", line
    # every member set one (or the officer set the row's): the sum is the whole, said plainly
    whole = {**row, "project": {k: v for k, v in row["project"].items() if k != "budget_unset"}}
    assert card_fields(whole, plan, t)["budget_text"] == "๓๐,๐๐๐.๐๐ บาท"


def test_the_officer_setting_the_rows_budget_ends_the_unset_part(drafted: tuple[dict, Session], tmp_path: Path) -> None:
    from itaplan.app.amend import set_budget
    from itaplan.drafting.plan import load_plan, save_plan

    plan, _ = drafted
    path = tmp_path / "plan.yaml"
    save_plan(plan, path)
    row = _row(plan)
    assert set_budget(path, row["id"], "45,000")
    project = _row(load_plan(path))["project"]
    assert project["budget"] == 45000 and "budget_unset" not in project


def test_the_card_says_each_indicator_once(drafted: tuple[dict, Session]) -> None:
    plan, session = drafted
    lines = card_fields(_row(plan), plan, Texts(session.catalogue))["ita"]
    eight = [line for line in lines if line.startswith("ตัวชี้วัดที่ 8")]
    assert eight == ["ตัวชี้วัดที่ 8 การปรับปรุงระบบการทำงาน ได้ 81.52 คะแนน (ต่ำกว่า 85)"], lines
    assert "ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล" in lines and not any("8 และ 9" in line for line in lines), lines
    assert any(line.startswith("ข้อ O10") for line in lines)
    # a row whose weak points name no indicator with its score keeps its heading
    single = next(m for m in plan["measures"] if m["id"] == "info-channels")
    assert card_fields(single, plan, Texts(session.catalogue))["ita"][0].startswith("ตัวชี้วัดที่ ")


def test_the_unused_budget_warning_names_the_measure_in_thai(drafted: tuple[dict, Session]) -> None:
    from itaplan.checking.check import check_plan

    plan, session = drafted
    note = next(w for w in plan["warnings"] if w.startswith("งบประมาณที่ระบุไว้"))
    assert note == f"งบประมาณที่ระบุไว้ของ{PARTICIPATION} ไม่ได้พิมพ์ในเอกสาร เพราะแผนไม่มีมาตรการดังกล่าว", note
    assert "public-participation" not in note
    problems = [str(p) for p in check_plan(plan, session.catalogue, ("json", "md"))]
    assert not any("English word" in p or "public-participation" in p for p in problems), problems
    # a measure no catalogue titles: named by its id, as a measure
    from itaplan.app.redraft import with_budget_note

    other = {**plan, "agency": {**plan["agency"], "budgets": {"no-such-measure": 5000}}}
    assert with_budget_note([], other, session.catalogue) == [
        "งบประมาณที่ระบุไว้ของมาตรการ no-such-measure ไม่ได้พิมพ์ในเอกสาร เพราะแผนไม่มีมาตรการดังกล่าว"]


@pytest.mark.parametrize("lang", ["en", "th"])
def test_draft_prints_the_plans_warnings_on_the_console(tmp_path: Path, lang: str) -> None:
    from click.testing import CliRunner
    from itaplan.cli import main

    result = CliRunner(env={"ITAPLAN_LANG": "en"}).invoke(main, [
        "--lang", lang, "draft", EXAMPLE, "--rules", str(OFFICE / "rules"), "--recommendations",
        str(OFFICE / "recommendations"), "-o", str(tmp_path / "plan.yaml")])
    assert result.exit_code == 0, result.output
    said = {"en": f"warning: the budget set for {PARTICIPATION} is not printed in the documents: the plan holds no "
                  "such measure",
            "th": f"งบประมาณที่ระบุไว้ของ{PARTICIPATION} ไม่ได้พิมพ์ในเอกสาร เพราะแผนไม่มีมาตรการดังกล่าว"}[lang]
    assert said in " ".join(result.output.split()), result.output
    assert "public-participation" not in result.output


def test_the_default_oit_sentence_is_said_once_for_all_a_rows_items() -> None:
    """An auditor's eleventh trial: a row of O1 and O2 said "ผู้ประเมินพิจารณาว่ารายการ “…” ยังไม่ผ่านเกณฑ์ เพราะ…" once
    per item, one title apart. Said once, the items listed; another sentence keeps its place."""
    from itaplan.content.catalogue import load_catalogue

    cat = load_catalogue([ROOT / "recommendations"])
    one, two, three = (cat.issue_for(2569, code, title, "OIT") for code, title in
                       (("O98", "โครงสร้าง หน้าที่และอำนาจ"), ("O99", "ข้อมูลผู้บริหาร"), ("O97", "ข่าวประชาสัมพันธ์")))
    assert one and two and three
    other = "ผู้รับบริการบางส่วนยังเห็นว่าการประชาสัมพันธ์ยังไม่ทั่วถึง"
    joined = cat.joined_issues([one, other, two, three])
    assert len(joined) == 2 and joined[1] == other
    assert "รายการ “โครงสร้าง หน้าที่และอำนาจ” “ข้อมูลผู้บริหาร” และ “ข่าวประชาสัมพันธ์” ยังไม่ผ่านเกณฑ์" in joined[0]
    assert joined[0].count("ยังไม่ผ่านเกณฑ์") == 1
    assert cat.joined_issues([one, other]) == [one, other]
