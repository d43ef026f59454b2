"""A provincial auditor's fifth trial (his office's workspace over examples/province_wide-2569.csv).

1. ``render --card office-asset-register`` failed once that measure was merged into the row
   ``office-asset-register+asset-private-use-control`` ("ไม่มีมาตรการ office-asset-register ในแผน"), though
   ``rules explain`` placed it in that row: a member's id now names the row holding it wherever a measure's id
   is typed (--card, progress --measure, review --measure, review --add's refusal).
2. With a limit of 8 rows หนองบัว's table kept 11 rows, yet ita-working-group was left out "because the table holds
   at most 8 rows": the reason said is now the true one (the table is over the limit even without it; a later trial
   made the limit monotonic, so the working group gives way whenever the table is over the limit with it).
3. ``rules explain maintain-4`` (ท่าช้าง) showed the rule firing but not that the maintain statement is left out of
   the documents because indicator 4 has a measure: explain now says where a maintain statement is.
4. With 8 rows ท่าช้าง's row joining oit-hr and oit-plans-and-reports said its publishing step twice (once inside
   O13's "เสนอผู้บริหารลงนาม และเผยแพร่…", once with the rounds in general that the items' own steps give): a merged
   row leaves out a step contained in one already there, and its ประเด็น says each sentence once.
5. The office measure's "โดยเฉพาะข้อ {items}" read "…ข้อ i๑๑ การนำทรัพย์สิน…ส่วนตัว และi๑๒ การกำกับดูแล…": questions
   are cited as OIT items are, "ข้อ i11 … และข้อ i12 …", and the template's own "ข้อ" is not said twice.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import agency_plan
from itaplan.app.session import Session
from itaplan.base.errors import UsageError
from itaplan.drafting.plan import load_plan, save_plan

ROOT = Path(__file__).resolve().parent.parent
WIDE = str(ROOT / "examples" / "province_wide-2569.csv")
KEEP = {"ITAPLAN_LANG": "en"}  # --lang sets ITAPLAN_LANG for the process: CliRunner restores what it is given


def _plan(agency: str, session: Session) -> dict:
    return agency_plan(WIDE, agency, session)


@pytest.fixture(scope="module")
def setup() -> Session:
    return Session(use_workspace=False)


@pytest.fixture(scope="module")
def nongbua(setup: Session) -> dict:
    return _plan("หนองบัว", setup)


def _merged(plan: dict) -> dict:
    return next(m for m in plan["measures"] if len(m.get("merged") or []) > 1)


def test_a_member_id_names_the_row_holding_it(setup: Session, nongbua: dict, tmp_path: Path) -> None:
    from click.testing import CliRunner
    from itaplan.app.amend import add_from_catalogue
    from itaplan.cli import main
    from itaplan.cli.review import review_index
    from itaplan.followup.progress import find_measure
    from itaplan.render.cards import choose

    row = _merged(nongbua)
    member = row["merged"][1]
    assert choose(nongbua["measures"], [member]) == [row]
    assert find_measure(nongbua, member)["id"] == row["id"]
    assert nongbua["measures"][review_index(nongbua, member)]["id"] == row["id"]
    path = tmp_path / "plan.yaml"
    save_plan(nongbua, path)
    with pytest.raises(UsageError) as refused:
        add_from_catalogue(path, member, setup.catalogue)
    said = str(refused.value.problems[0].message)
    assert row["id"] in said and "row" in said, said
    result = CliRunner(env=KEEP).invoke(main, ["--lang", "th", "render", str(path), "-o", str(tmp_path / "c.docx"),
                                       "--card", member])
    assert result.exit_code == 0, result.output
    assert load_plan(path)["measures"][0]["id"] == nongbua["measures"][0]["id"]


def test_a_table_over_the_limit_anyway_leaves_the_working_group_out_truly(tmp_path: Path) -> None:
    """2. หนองบัว (total 80.51) kept 11 rows against a limit of 8 yet left out ita-working-group "because the
    table holds at most 8 rows": a false reason. Since a later trial (a tighter limit brought the working group back
    and the table grew), the measure about the result as a whole gives way whenever the table is over the limit
    with it, and the note says the true reason: the table has 10 rows even without it."""
    (tmp_path / "settings.yaml").write_text("version: 1\nlimits:\n  max_measures: 8\n", encoding="utf-8")
    session = Session(use_workspace=False, recommendation_dirs=(str(tmp_path),))
    plan = _plan("หนองบัว", session)
    rows = len(plan["measures"])
    assert rows > 8
    assert [m["id"] for m in plan["left_out"]] == ["ita-working-group"]
    assert not any(m["id"] == "ita-working-group" for m in plan["measures"])
    assert not any("ไม่ได้อยู่ในตาราง" in n or "มีได้ไม่เกิน 8 แถว" in n for n in plan["officer_notes"])
    assert any(n.startswith("ไม่ได้นำมาตรการแต่งตั้งคณะทำงาน") and f"ตารางก็มี {rows} แถว เกินจำนวน 8 แถว" in n
               and "จึงให้มาตรการที่ตอบจุดอ่อนรายข้อก่อน" in n for n in plan["officer_notes"]), plan["officer_notes"]
    assert any(f"ตารางมาตรการมี {rows} แถว" in n for n in plan["officer_notes"])
    from itaplan.checking.check import check_plan
    from itaplan.drafting.analysis import unmeasured_points
    from itaplan.drafting.officer_notes import officer_notes

    english = officer_notes(plan, session.catalogue, "en")
    assert any(f"even without it the table has {rows} rows, more than the 8 set" in n for n in english), english
    assert check_plan(plan, session.catalogue, ("json", "md")) == []
    assert unmeasured_points(plan) == []


def test_a_limit_kept_by_leaving_out_still_leaves_out(setup: Session) -> None:
    """The built-in 10 rows: หนองบัว's weak points fit in 10 rows once merged, so the working group is left out."""
    plan = _plan("หนองบัว", setup)
    assert len(plan["measures"]) <= setup.catalogue.max_measures
    assert [m["id"] for m in plan["left_out"]] == ["ita-working-group"]


def test_explain_says_why_the_working_group_gave_way_over_the_limit(tmp_path: Path) -> None:
    from click.testing import CliRunner
    from itaplan.cli import main

    (tmp_path / "settings.yaml").write_text("version: 1\nlimits:\n  max_measures: 8\n", encoding="utf-8")
    result = CliRunner(env=KEEP).invoke(main, ["--lang", "th", "rules", "explain", "total", "--results", WIDE,
                                               "--agency", "หนองบัว", "--recommendations", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert ("ita-working-group: ไม่ได้อยู่ในแผน เพราะแม้ไม่มีมาตรการนี้ ตารางมาตรการก็มี 10 แถว เกินจำนวน 8 แถวที่กำหนด "
            "จึงให้มาตรการที่ตอบจุดอ่อนรายข้อก่อน") in result.output, result.output
    assert "ไม่เกิน 8 แถว" not in result.output


def test_explain_says_where_a_maintain_statement_is() -> None:
    from click.testing import CliRunner
    from itaplan.cli import main

    def explained(subject: str) -> str:
        result = CliRunner(env=KEEP).invoke(main, ["--lang", "th", "rules", "explain", subject, "--results", WIDE,
                                           "--agency", "ท่าช้าง"])
        assert result.exit_code == 0, result.output
        return result.output

    four = explained("maintain-4")
    assert "maintain-4: ไม่ได้อยู่ในเอกสาร เพราะตัวชี้วัดที่ 4 มีมาตรการในตารางมาตรการ (แถวที่ " in four, four
    assert "ประเด็นที่ควรรักษามาตรฐาน" in four
    two = explained("maintain-2")
    assert "maintain-2: อยู่ในเอกสาร บทวิเคราะห์พิมพ์ไว้ในหัวข้อ 'ประเด็นที่ควรรักษามาตรฐาน' (ตัวชี้วัดที่ 2)" in two


def test_the_items_of_a_measure_are_cited_each_with_its_word() -> None:
    office = ROOT / "tests" / "data" / "auditor-r5"
    session = Session(use_workspace=False, rules_dirs=(str(office / "rules"),),
                      recommendation_dirs=(str(office / "recommendations"),))
    plan = _plan("หนองบัว", session)
    row = next(m for m in plan["measures"] if "office-asset-register" in (m.get("merged") or [m["id"]]))
    said = " ".join(row["recommendation"].split())
    assert ("โดยเฉพาะข้อ i11 การนำทรัพย์สินของราชการไปใช้ประโยชน์ส่วนตัว และข้อ i12 "
            "การกำกับดูแลป้องกันการนำทรัพย์สินไปใช้ประโยชน์ส่วนตัว") in said, said
    assert "ข้อ ข้อ" not in said and "และi" not in said
    from itaplan.checking.check import check_plan

    assert check_plan(plan, session.catalogue, ("json", "md")) == []


def test_a_merged_oit_row_says_each_step_and_sentence_once(tmp_path: Path) -> None:
    (tmp_path / "settings.yaml").write_text("version: 1\nlimits:\n  max_measures: 8\n", encoding="utf-8")
    session = Session(use_workspace=False, recommendation_dirs=(str(tmp_path),))
    plan = _plan("ท่าช้าง", session)
    row = next(m for m in plan["measures"] if {"oit-hr", "oit-plans-and-reports"} <= set(m.get("merged") or []))
    plain = ["".join(step.split()) for step in row["method"]]
    for i, step in enumerate(plain):
        assert not any(step in other for j, other in enumerate(plain) if j != i), row["method"][i]
    assert not any("ภายในรอบเวลาที่เกณฑ์กำหนด เช่น" in step for step in row["method"]), row["method"]
    assert sum("ข้อ O6" in step and "ก่อน ม.ค." in step.replace("\xa0", " ") for step in row["method"]) == 1
    assert len(row["method"]) <= 9
    assert "_issues" not in row
    assert row["issue"].count("ผู้ประเมินไม่พบแผนการดำเนินงาน") == 1
    from itaplan.checking.check import check_plan

    assert check_plan(plan, session.catalogue, ("json", "md")) == []


def test_merged_steps_leave_out_what_a_step_already_says() -> None:
    from itaplan.drafting.draft import merged_steps

    assert merged_steps(["ก ข ค", "ง"], ["ข ค", "ง", "จ"]) == ["ก ข ค", "ง", "จ"]
    assert merged_steps(["ข ค", "ง"], ["ก ข ค"]) == ["ก ข ค", "ง"]  # the fuller step takes its place
