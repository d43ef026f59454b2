"""Who signs the report on last year's measures (ผู้รายงาน, ผู้รับทราบ): the report is made a year after its measures,
by this year's people. A plan of those measures that names no signers (imported from last year's table, as an officer
does on the web page) takes this year's plan's: the reporter is the one who prepared it, the executive who
acknowledges the one who approved it; a role the measures' plan names itself is kept; a name is never invented."""

from __future__ import annotations

import copy
import datetime
from pathlib import Path

import pytest
from conftest import ROOT
from itaplan.app.session import Session
from itaplan.base import thai
from itaplan.content.texts import Texts
from itaplan.followup.report import build_report
from itaplan.render.dispatch import render_report

SESSION = Session(engine="pure")
LAST = SESSION.plan(SESSION.scorecard(ROOT / "tests" / "data" / "example-2568.yaml"))
THIS = SESSION.plan(SESSION.scorecard(ROOT / "examples" / "example.yaml"))
PEOPLE = {"prepared": {"name": "นางสาวมาลี ทองดี", "position": "นักวิเคราะห์นโยบายและแผนชำนาญการ"},
          "proposed": {"name": "นายประเสริฐ ศรีสุข", "position": "ปลัดองค์การบริหารส่วนตำบลห้วยทราย"},
          "approved": {"name": "นายสมชาย ใจดี", "position": "นายกองค์การบริหารส่วนตำบลห้วยทราย", "date": "2026-11-20"}}


@pytest.fixture(autouse=True)
def today_is_in_fy2570(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(thai, "today", lambda: datetime.date(2026, 12, 7))


def plans() -> tuple[dict, dict]:
    last, this = copy.deepcopy(LAST), copy.deepcopy(THIS)
    last["agency"].pop("signatories", None)
    this["agency"]["name"] = last["agency"]["name"]
    this["agency"]["signatories"] = copy.deepcopy(PEOPLE)
    return last, this


def signoff(report: dict) -> str:
    text = str(render_report(report, "md", Texts(SESSION.catalogue)))
    return " ".join(text[text.rindex("ผู้รายงาน") - 40:].split())


def test_a_plan_naming_no_signers_is_signed_by_this_years_people() -> None:
    last, this = plans()
    report = build_report(last, Texts(SESSION.catalogue), later=this)
    said = signoff(report)
    assert "(นางสาวมาลี ทองดี)" in said and "นักวิเคราะห์นโยบายและแผนชำนาญการ" in said  # the reporter
    assert "(นายสมชาย ใจดี)" in said and "นายกองค์การบริหารส่วนตำบลห้วยทราย" in said  # acknowledges
    assert "(....." not in said  # no blank name line left
    assert report["agency"]["signatories"]["acknowledged"] == {"name": "นายสมชาย ใจดี",
                                                               "position": "นายกองค์การบริหารส่วนตำบลห้วยทราย"}
    assert any(a.startswith("signers: ") and "FY2569" in a for a in report["assumptions"])


def test_the_measures_plans_own_signers_are_kept_and_none_invented(tmp_path: Path) -> None:
    last, this = plans()
    last["agency"]["signatories"] = {"reporter": {"name": "นายก้อง ใจงาม", "position": "หัวหน้าสำนักปลัด"}}
    report = build_report(last, Texts(SESSION.catalogue), later=this)
    assert report["agency"]["signatories"]["reporter"]["name"] == "นายก้อง ใจงาม"
    assert report["agency"]["signatories"]["acknowledged"]["name"] == "นายสมชาย ใจดี"
    # another agency's plan lends no one; with nobody named the lines stay blank
    this["agency"]["name"] = "องค์การบริหารส่วนตำบลอื่น"
    last["agency"].pop("signatories")
    report = build_report(last, Texts(SESSION.catalogue), later=this)
    assert not report["agency"]["signatories"]
    assert signoff(report).count("(.....") == 2
    assert not any(a.startswith("signers: ") for a in report["assumptions"])
