"""Round 24's web officer: a cancelled measure's reason typed "ยกเลิกเพราะเปลี่ยนเป็นระบบนัดหมายออนไลน์แทน" made the
report's suggestion read "ยกเลิกการดำเนินการเนื่องจากยกเลิกเพราะเปลี่ยนเป็น…": the words the sentence already says
are not said again from the officer's reason; a reason whose verb is followed by its own object is kept whole."""

from __future__ import annotations

import copy
import datetime

import pytest
from conftest import ROOT
from itaplan.app.session import Session
from itaplan.base import thai
from itaplan.content.texts import Texts
from itaplan.followup.report import build_report
from test_web_app import client, csrf_of  # noqa: F401 - the fixture

SESSION = Session(engine="pure")
LAST = SESSION.plan(SESSION.scorecard(ROOT / "tests" / "data" / "example-2568.yaml"))


@pytest.fixture(autouse=True)
def today_is_in_fy2570(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(thai, "today", lambda: datetime.date(2026, 12, 7))


@pytest.mark.parametrize(("typed", "said"), [
    ("ยกเลิกเพราะเปลี่ยนเป็นระบบนัดหมายออนไลน์แทน", "ยกเลิกการดำเนินการเนื่องจากเปลี่ยนเป็นระบบนัดหมายออนไลน์แทน"),
    ("เนื่องจากงบประมาณไม่เพียงพอ", "ยกเลิกการดำเนินการเนื่องจากงบประมาณไม่เพียงพอ"),
    ("ยกเลิกโครงการเนื่องจากย้ายบุคลากร", "ยกเลิกการดำเนินการเนื่องจากยกเลิกโครงการเนื่องจากย้ายบุคลากร"),
])
def test_a_cancelled_measures_reason_is_not_said_twice(typed: str, said: str) -> None:
    plan = copy.deepcopy(LAST)
    plan["measures"][0]["progress"] = {"status": "dropped", "reason": typed}
    report = build_report(plan, Texts(SESSION.catalogue))
    suggestion = report["measures"][0]["suggestion"]
    assert said in suggestion, suggestion
    assert "เนื่องจากยกเลิกเพราะ" not in suggestion


def test_the_empty_last_measures_form_names_every_kind_of_file_it_takes(client, tmp_path) -> None:  # noqa: F811
    """Round 24's web officer: pressed with no file, the form said "(Word, PDF หรือ Excel)" while its help and its
    file chooser take text and CSV too."""
    from test_web_last_year import bad_lines, drafted

    plan = drafted(client)
    page = client.get(plan).text
    done = client.post(plan + "/last-measures", data={"csrf": csrf_of(page)})
    said = bad_lines(done.text)
    assert "Word, PDF, Excel, CSV หรือไฟล์ข้อความ" in said, said[:2000]
