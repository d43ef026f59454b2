"""Dropping a measure with no reason was stopped only by the browser's "required" (the web officer's 21st trial): a
blank reason (spaces pass "required") is refused by the server, with the app's own message on the drop form itself,
what was typed kept, and nothing dropped."""

from __future__ import annotations

import html
import re
from pathlib import Path

from helpers import unwrapped
from itaplan.drafting.plan import load_plan
from starlette.testclient import TestClient
from conftest import ROOT
from test_web_app import client, csrf_of  # noqa: F401 - the fixture


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", unwrapped(page))).split())


def _drop_form(page: str, mid: str) -> str:
    found = re.search(r'<form method="post" action="[^"]*/measure/' + re.escape(mid) + r'/decide" class="inline drop">'
                      r'.*?</form>', page, re.S)
    assert found, mid
    return found.group()


def test_a_drop_with_a_blank_reason_is_refused_on_its_own_form(client: TestClient,  # noqa: F811
                                                              tmp_path: Path) -> None:
    csrf = csrf_of(client.get("/?lang=th").text)
    location = client.post("/upload", data={"csrf": csrf}, files={
        "results": ("example.yaml", (ROOT / "examples" / "example.yaml").read_bytes())},
        follow_redirects=False).headers["location"]
    path = tmp_path / location.rsplit("/", 1)[1]
    mid = load_plan(path)["measures"][0]["id"]
    page = client.get(location + "?lang=th").text
    assert "drop-problem-" not in page
    for reason in ("", "   "):
        refused = client.post(f"{location}/measure/{mid}/decide?lang=th",
                              data={"csrf": csrf_of(page), "action": "drop", "reason": reason}, follow_redirects=False)
        assert refused.status_code == 400
        form = _drop_form(refused.text, mid)
        assert "ยังไม่ได้ตัดออก: ให้ระบุเหตุผลที่ตัดออกก่อน" in _text(form), _text(form)
        assert 'aria-invalid="true"' in form and f'value="{reason.strip()}"' in form  # what was typed (spaces: none, the hint shows)
        problems = _text(re.search(r'<section class="problems".*?</section>', refused.text, re.S).group())
        assert "การตัดมาตรการต้องระบุเหตุผล ยังไม่ได้ตัดออก" in problems and "มาตรการที่ 1" in problems, problems
        assert load_plan(path)["measures"][0].get("status", "proposed") != "dropped"
    # the other measures' drop forms say nothing; a keep refused never opens the drop form
    assert refused.text.count('id="drop-problem-') == 1
    english = client.post(f"{location}/measure/{mid}/decide?lang=en",
                          data={"csrf": csrf_of(page), "action": "drop", "reason": " "})
    assert "Not dropped: write the reason for dropping it first" in _text(_drop_form(english.text, mid))
    # with a reason: dropped
    done = client.post(f"{location}/measure/{mid}/decide",
                       data={"csrf": csrf_of(page), "action": "drop", "reason": "มีแผนประชาสัมพันธ์อยู่แล้ว"},
                       follow_redirects=False)
    assert done.status_code == 303 and load_plan(path)["measures"][0]["status"] == "dropped"
