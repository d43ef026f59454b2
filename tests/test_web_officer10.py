"""The officer who works only in the web app, a tenth trial: an indicator's fall left without a measure is said,
an agency's own measure answers any weak point ticked, a pasted line's unknown code is refused in Thai only, the
officer's digits follow the document's setting, the report says why a measure is unfinished, and a full stop of a
Thai abbreviation stays."""

from __future__ import annotations

from pathlib import Path

from starlette.testclient import TestClient
from test_web_app import client, csrf_of, plan_files  # noqa: F401 - the fixture
from test_web_officer9 import nasing, problems_of

O26 = "O26\tรายการที่ 26\tไม่ผ่าน"


def test_an_unknown_code_pasted_is_refused_all_in_thai(client: TestClient, tmp_path: Path) -> None:
    text = nasing((O26, O26 + "\n๐๒๗\tรายการที่ 27\tผ่าน"))
    csrf = csrf_of(client.get("/?lang=th").text)
    refused = client.post("/upload?lang=th", data={"csrf": csrf, "text": text}, follow_redirects=False)
    assert refused.status_code == 400
    said = problems_of(refused.text)
    assert "๐๒๗" in said or "027" in said, said
    assert "ข้อความที่วาง" in said and "pasted" not in said, said
    assert "the OIT" not in said and "codes of that year" not in said and "รหัสข้อของ OIT" in said, said
    assert plan_files(tmp_path) == []


def test_a_steps_full_stop_is_dropped_but_not_a_thai_abbreviations() -> None:
    from itaplan.render.cards import _step

    assert _step("3. สรุปผลและรายงานนายก อบต.") == "สรุปผลและรายงานนายก อบต."
    assert _step("เสนอ อบจ. และ ทต.;") == "เสนอ อบจ. และ ทต."
    assert _step("โดยเผยแพร่ภายใน พ.ศ.") == "เผยแพร่ภายใน พ.ศ."
    assert _step("จัดทำรายงานสรุปผล.") == "จัดทำรายงานสรุปผล"
    assert _step("- ประชุม ฯลฯ.") == "ประชุม ฯลฯ"
