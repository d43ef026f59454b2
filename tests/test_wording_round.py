"""Wording found in a fresh trial: clauses joined as Thai joins them, spacing, digits, the interface's language."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT
from itaplan.app.amend import add_from_catalogue
from itaplan.app.session import Session
from itaplan.base import thai
from itaplan.base.i18n import translate
from itaplan.base.thai import spaced
from itaplan.checking.check import unanswered_findings
from itaplan.cli import main
from itaplan.cli.terminal import plan_assumptions
from itaplan.content.texts import Texts
from itaplan.drafting.plan import load_plan, save_plan
from itaplan.followup.report import build_report
from itaplan.ita.loader import from_mapping
from itaplan.ita.scoring import score
from itaplan.render.cards import card_fields, card_owner
from itaplan.render.dispatch import render, render_report

SESSION = Session(engine="pure")


def _watch_lines(questions: dict[str, float], previous: dict[int, float]) -> list[str]:
    results = from_mapping({"fiscal_year": 2568, "questions": [{"code": c, "score": s} for c, s in questions.items()],
                            "previous": {"fiscal_year": 2567, "indicators": previous}}, "x.yaml")
    plan = SESSION.plan(score(results))
    return next(c for c in plan["analysis"]["categories"] if c["key"] == "watch")["lines"]


def test_a_watched_indicator_says_each_reason_as_a_whole_clause_joined_by_and() -> None:
    """"…ได้แก่ i4 คะแนนลดลงตั้งแต่ 5 คะแนน" ran two facts together, as if i4's score had fallen: the fall is the
    indicator's, said as its own clause after "และ"; two codes are joined by "และ" as the documents' lists are."""
    questions = {"i4": 80, "i5": 100, "i6": 100, "i13": 80, "i14": 84, "i15": 100}
    lines = _watch_lines(questions, {2: 99, 5: 99})
    budget = next(line for line in lines if line.startswith("ตัวชี้วัดที่ 2 "))
    assert budget.endswith("มีข้อที่ได้คะแนนต่ำกว่า 85 คะแนน ได้แก่ i4 และคะแนนของตัวชี้วัดลดลงตั้งแต่ 5 คะแนน"), budget
    fight = next(line for line in lines if line.startswith("ตัวชี้วัดที่ 5 "))
    assert "ได้แก่ i13 และ i14 และคะแนนของตัวชี้วัดลดลงตั้งแต่ 5 คะแนน" in fight, fight


def test_an_added_catalogue_measures_card_spaces_its_title_and_names_its_owner_once(tmp_path: Path) -> None:
    """The No Gift measure added by the officer: "(No Gift Policy)ขึ้นเอง" had no space after the parenthesis, and
    its owner "นายกองค์การบริหารส่วนตำบลและปลัดองค์การบริหารส่วนตำบล องค์การบริหารส่วนตำบลห้วยทราย" named the
    agency's kind twice over; a unit's owner still names its agency ("สำนักปลัด องค์การบริหารส่วนตำบลห้วยทราย")."""
    plan_file = tmp_path / "plan.yaml"
    save_plan(SESSION.plan(SESSION.scorecard(ROOT / "tests" / "data" / "example-2568.yaml")), plan_file)
    plan = add_from_catalogue(plan_file, "oit-no-gift-policy", SESSION.catalogue)
    measure = next(m for m in plan["measures"] if m["id"] == "oit-no-gift-policy")
    fields = card_fields(measure, plan, Texts(SESSION.catalogue))
    assert "(No Gift Policy) ขึ้นเป็นมาตรการของหน่วยงานเอง" in fields["rationale"], fields["rationale"]
    assert fields["owner"] == "นายกองค์การบริหารส่วนตำบลและปลัดองค์การบริหารส่วนตำบล", fields["owner"]
    assert card_owner("สำนักปลัด", "องค์การบริหารส่วนตำบลห้วยทราย") == "สำนักปลัด องค์การบริหารส่วนตำบลห้วยทราย"
    assert card_owner("ปลัดเทศบาล", "เทศบาลตำบลบ้านใหม่") == "ปลัดเทศบาล"


def test_a_space_is_put_after_a_closing_parenthesis_or_latin_word_before_thai_but_not_in_a_link() -> None:
    assert spaced("มาตรการ (No Gift Policy)ขึ้นเอง") == "มาตรการ (No Gift Policy) ขึ้นเอง"
    assert spaced("ระบบ e-Serviceได้") == "ระบบ e-Service ได้"
    assert spaced("ข้อ O๖ และ O๑๔") == "ข้อ O๖ และ O๑๔"  # a code in Thai digits stays as it is
    assert spaced("ดู https://www.example.go.th/newsข่าว ได้") == "ดู https://www.example.go.th/newsข่าว ได้"


def test_the_report_puts_every_officer_typed_field_in_thai_digits_but_not_links_codes_or_ids() -> None:
    """"ได้รับความคิดเห็น ๕๘ รายการ" stood beside "รายงานสรุปผลไตรมาส 1-4", an evidence line left in Arabic digits:
    what was done, the outcome, the evidence, the suggestion, the reason and the note are all in Thai digits;
    a web address, an e-mail address, a code (O14) or an id (ISO9001) inside them is as typed."""
    plan = SESSION.plan(SESSION.scorecard(ROOT / "tests" / "data" / "example-2568.yaml"))
    first, second = plan["measures"][0], plan["measures"][1]
    first["progress"] = {"status": "done", "done": "ประชุม 2 ครั้ง", "outcome": "ได้รับความคิดเห็น 58 รายการ",
                         "links": ["รายงานสรุปผลไตรมาส 1-4", "https://www.example.go.th/news?id=125"],
                         "suggestion": "ทำต่อใน 12 เดือน ตามข้อ O14", "started": "2025-11-01",
                         "finished": "2026-03-31"}
    second["progress"] = {"status": "dropped", "reason": "งบประมาณ 3 รายการถูกตัด"}
    second["note"] = "แจ้ง it1@example.go.th ตามมาตรฐาน ISO9001 ข้อ 4"
    t = Texts(SESSION.catalogue, thai_digits=True)
    md = render_report(build_report(plan, t), "md", t)
    assert isinstance(md, str)
    for typed in ("ประชุม ๒ ครั้ง", "ได้รับความคิดเห็น ๕๘ รายการ", "รายงานสรุปผลไตรมาส ๑-๔",
                  "https://www.example.go.th/news?id=125", "ทำต่อใน ๑๒ เดือน ตามข้อ O14", "งบประมาณ ๓ รายการถูกตัด",
                  "แจ้ง it1@example.go.th ตามมาตรฐาน ISO9001 ข้อ ๔"):
        assert typed in md, typed
    assert "1-4" not in md and "58" not in md


def _plan_without_info_channels(tmp_path: Path) -> Path:
    """The FY2568 example's plan with the measure for e4 and e5 (part 1) dropped: those weak points are left with none."""
    plan = SESSION.plan(SESSION.scorecard(ROOT / "tests" / "data" / "example-2568.yaml"))
    next(m for m in plan["measures"] if m["id"] == "info-channels")["status"] = "dropped"
    save_plan(plan, tmp_path / "plan.yaml")
    return tmp_path / "plan.yaml"


def test_a_weak_point_of_an_eit_part_left_without_a_measure_is_said_in_thai_and_render_words_it_so(
        tmp_path: Path) -> None:
    """Check said "จุดอ่อน e5 part 1" in Thai; render counted the weak point as "1 of its texts disagree with its
    figures" after warning of it in its own words."""
    path = _plan_without_info_channels(tmp_path)
    found = unanswered_findings(load_plan(path))
    assert any("e5 (part 1)" in f for f in found), found
    thai = [translate(f, "th") for f in found]
    assert any("จุดอ่อน e5 (ส่วนที่ 1) ไม่มีมาตรการ" in f for f in thai) and not any("part" in f for f in thai), thai
    out = CliRunner().invoke(main, ["render", str(path), "-o", str(tmp_path / "plan.md")], env={"ITAPLAN_LANG": "en"})
    assert out.exit_code == 0 and "weak points e4 (part 1), e5 (part 1) are listed" in out.stderr, out.stderr
    assert "disagree" not in out.stderr, out.stderr


def test_the_english_interface_says_the_report_item_assumed_in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = SESSION.plan(SESSION.scorecard(ROOT / "examples" / "example.yaml"))
    monkeypatch.setenv("ITAPLAN_LANG", "en")
    said = plan_assumptions(plan)
    assert not any("ยังไม่ทราบกรอบการประเมิน" in a for a in said), said
    assert any("the FY2571 framework is not known" in a for a in said), said
    monkeypatch.setenv("ITAPLAN_LANG", "th")
    assert any("ยังไม่ทราบกรอบการประเมินปี 2571" in a for a in plan_assumptions(plan))


def test_the_reports_assumptions_say_one_measure_in_the_singular() -> None:
    plan = SESSION.plan(SESSION.scorecard(ROOT / "tests" / "data" / "example-2568.yaml"))
    plan["measures"][1]["indicator"] = None
    plan["measures"][0]["progress"] = {"status": "dropped"}
    for m in plan["measures"][1:]:
        m["progress"] = {"status": "done", "done": "ทำแล้ว"}
    said = build_report(plan, Texts(SESSION.catalogue))["assumptions"]
    assert "measure 2 serves no indicator the table it was imported from names" in " ".join(said), said
    assert "progress: measure 1 is not done and has no reason recorded" in " ".join(said), said


def test_a_file_without_a_year_is_told_the_year_of_the_results_held_today(monkeypatch: pytest.MonkeyPatch,
                                                                          tmp_path: Path) -> None:
    monkeypatch.setattr(thai, "today", lambda: date(2026, 12, 7))  # FY2570: the results held are FY2569's
    (tmp_path / "r.txt").write_text("i1 ข้อคำถาม 88.71\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["score", str(tmp_path / "r.txt")], env={"ITAPLAN_LANG": "en"}).output
    assert "add a line 'ปีงบประมาณ พ.ศ. 2569' (or 'fiscal_year: 2569')" in out, out


def test_the_tracking_sheet_names_every_indicator_of_a_row_that_answers_several() -> None:
    """The e-service row answers indicators 8 and 9 ("ตัวชี้วัดที่ 8 และ 9" in the documents): its sheet said 8."""
    from openpyxl import load_workbook

    plan = SESSION.plan(SESSION.scorecard(ROOT / "tests" / "data" / "example-2568.yaml"))
    data = render(plan, "xlsx", catalogue=SESSION.catalogue)
    assert isinstance(data, bytes)
    ws = load_workbook(io.BytesIO(data)).active
    by_id = {row[16]: row[1] for row in ws.iter_rows(values_only=True) if row[16]}
    assert by_id["e-service"] == "8, 9" and by_id["budget-participation"] == 2, by_id


@pytest.mark.parametrize("lang", ["en", "th"])
def test_the_plain_scorecards_columns_line_up_by_display_width_on_thai_names(lang: str) -> None:
    """Each row's column separators sit at the same display column (Thai vowel and tone marks take no cell)."""
    from rich.cells import cell_len

    out = CliRunner().invoke(main, ["--lang", lang, "score", str(ROOT / "examples" / "example.yaml"), "--plain"],
                             env={"COLUMNS": "100", "ITAPLAN_LANG": lang}).output
    rows = [line for line in out.splitlines() if line.count(" | ") >= 5]
    assert len(rows) == 11, out  # the header and ten indicators
    columns = [[cell_len(line[:i]) for i, ch in enumerate(line) if line[i - 1:i + 2] == " | "] for line in rows]
    assert all(c == columns[0] for c in columns), columns
    assert any(any("\u0e31" <= ch <= "\u0e4e" for ch in line) for line in rows[1:])  # Thai marks are in the names
